"""Who an article is from, in a few words a reader can tell apart: its label.

:func:`article_label` is the one short name every view uses for an article (pane
headers, the Figures list, claim details, search results, the comparison file's
``label``): the ``source`` its front matter or feed gave; else the site of its URL
("theguardian.com"); else the outlet its own text credits ("via Times of London" for "…,
the Times of London reported", "according to a report by FOX News", a wire dateline
"BAGHDAD (Reuters) -"); else its title, shortened. :func:`credited_outlet` reads only
the article's head (the lead credits its source), so it is linear and fast.

Imports only :mod:`newsdiff.lexicon` and :mod:`newsdiff.corpus`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from newsdiff.corpus.articles import Article
from newsdiff.corpus.textsafe import clean_name
from newsdiff.lexicon import gazetteer as gz

#: The head of an article read for the outlet it credits (characters).
HEAD_CHARS = 3_000
#: A label's longest form (characters); a title is cut at a word and ends with "…".
LABEL_CHARS = 28

_CREDIT_VERBS = r"reported|reports|said|says|quoted|cited|revealed|learned|published"


# A run of capitalised words (with "of" inside: "Times of London"), where outlets are.
_CAPITAL_RUN = re.compile(r"\b[A-Z][\w&'’.!-]*(?:\s+(?:of\s+)?[A-Z][\w&'’.!-]*){0,4}")
_BEFORE = re.compile(r"(?:according\s+to|reported\s+by|told|a\s+report\s+(?:by|in|from))\s+(?:the\s+)?$")
_AFTER = re.compile(rf"\s+(?:has\s+|had\s+|also\s+)?(?P<verb>{_CREDIT_VERBS})\b")
_DATELINE = re.compile(r"(?:^|\n)[^\S\n]*[A-Z][A-Z .,'-]{1,40}\(\s*$")


@lru_cache(maxsize=1)
def _longest_outlet() -> int:
    return max(len(name.split()) for name in gz.OUTLETS)


def _outlet_at(words: list[str]) -> int:
    """How many of ``words`` (from the start) name an outlet; 0 when none does."""
    for n in range(min(len(words), _longest_outlet()), 0, -1):
        if " ".join(words[:n]).lower().rstrip(".") in gz.OUTLETS:
            return n
    return 0


def credited_outlet(text: str) -> str | None:
    """The news outlet the article's head credits for its report, as written ("Times of
    London"), or None: in a wire dateline ("BAGHDAD (Reuters) -"), after "according to
    (a report by)", "told", "reported by", or before "reported", "said", "quoted"...
    An outlet that is also an ordinary word ("People", "Times") needs "the" or a verb
    other than "said". Linear: one scan of the head's capitalised words."""
    head = text[:HEAD_CHARS]
    for run in _CAPITAL_RUN.finditer(head):
        words = [w.rstrip(".,;:!’'") or w for w in run.group(0).split()]
        for i in range(len(words)):
            n = _outlet_at(words[i:])
            if not n:
                continue
            name = " ".join(words[i:i + n])
            # the capitalised words before it are the outlet's own ("Vancouver Sun")
            prefix = [w for w in words[:i] if w.lower() not in ("the", "a", "an")]
            shown = " ".join([*prefix, name]) if prefix and words[0] != "According" else name
            # where the outlet's words start and end in the text
            start = run.start() + len(" ".join(words[:i])) + (1 if i else 0)
            start = head.index(words[i], start if i else run.start())
            end = head.index(words[i + n - 1], start) + len(words[i + n - 1])
            before = head[max(0, start - 40):start]
            the = before.lower().endswith("the ")
            after = _AFTER.match(head, end)
            ambiguous = name.lower() in gz.AMBIGUOUS_OUTLETS
            if _DATELINE.search(before) and head[end:end + 3].lstrip().startswith(")"):
                return name
            if _BEFORE.search(before.lower()):
                return name
            if after and not (ambiguous and not (the or prefix) and after.group("verb").lower() in ("said", "says")):
                return shown
            break
    return None


def _site(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.")
    return host or None


def _shorten(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(" ,;:-") + "…"


def _labelled(article: Article) -> tuple[str, bool]:
    """(label, True when it names who the article is from; False when it is the title)."""
    if article.source and article.source.strip():
        return clean_name(_shorten(article.source)), True
    site = _site(article.url)
    if site:
        return clean_name(_shorten(site)), True
    credited = credited_outlet(article.text)
    if credited:
        return clean_name(_shorten("via " + credited)), True
    return clean_name(_shorten(article.title or article.id)), False


def article_label(article: Article) -> str:
    """The article's short label (see the module docstring), safe to show."""
    return _labelled(article)[0]


def unique_labels(articles: "list[Article]", named: set[str] | None = None) -> dict[str, str]:
    """Every article's label, made unique in the list: a second "Reuters" is "Reuters
    (2)", in article order. The ids of the articles whose label names an outlet (not
    the title) are added to ``named`` when given, from the same reading."""
    out: dict[str, str] = {}
    seen: dict[str, int] = {}
    for article in articles:
        label, outlet = _labelled(article)
        if outlet and named is not None:
            named.add(article.id)
        n = seen.get(label, 0) + 1
        seen[label] = n
        out[article.id] = label if n == 1 else f"{label} ({n})"
    return out
