"""Find who a sentence attributes its claims to: "according to a report by FOX News",
"the Times of London reported", "a senior Iraqi official has told the Guardian",
"said the officials".

Works on one sentence's text with patterns over reporting verbs; the source is the short
noun phrase before the verb (after the last comma or quote) or the phrase after
"according to". Pronouns ("he said") are not attributions.
"""

from __future__ import annotations

import re

_ACCORDING = re.compile(
    r"\baccording to\s+(?:(?:(?:a|the|an)\s+)?(?:new\s+)?reports?\s+(?:by|in|from|on)\s+)?"
    r"([^,.;:()\"“”]{2,80}?)\s*(?=[,.;:()\"“”]|$|\s+(?:that|which|who|at least|as many)\b)",
    re.IGNORECASE,
)
#: Reporting verbs, as a regex alternation (also used by claims to tell a source's
#: nationality from the counted thing's).
REPORTING_VERBS = (
    r"told|said|says|say|reported|reports|confirmed|confirms|claimed|claims|announced|"
    r"stated|estimated|added|warned|insisted|noted|quoted"
)
_VERBS = REPORTING_VERBS
#: Spaces, maybe an auxiliary or adverb ("has", "also"), and a reporting verb. It opens with
#: one space character, so the regex engine skips to spaces in C.
_SPEAKER_VERB = re.compile(
    rf"(\s\s*(?:(?:has|have|had|also|earlier|later|previously|reportedly|separately)\s+)*)"
    rf"({_VERBS})\b"
)
_INVERTED = re.compile(
    rf"[,“”\"]\s*(?:{_VERBS})\s+((?:the|a|an)\s+[^,.;:]{{2,60}}?|[A-Z][^,.;:]{{1,60}}?)"
    r"\s*(?=[,.;:]|$)"
)
_RECIPIENT = re.compile(r"\s+((?:the\s+)?[A-Z][\w’'&.-]*(?:\s+(?:of\s+)?[A-Z][\w’'&.-]*){0,4})")
_CLAUSE_BREAK = re.compile(r"[,;:(\"“”—–]|\s-\s")
_PRONOUNS = frozenset(
    "he she it they we i you who which that this there one someone everyone".split()
)
_NP_WORDS = re.compile(r"^[A-Za-z][\w’'&.-]*$")
_NP_STOP = frozenset(
    "is was are were be been will would could should may might can not no and but or "
    "when if because while as after before since until then so than".split()
)


def _noun_phrase(text: str) -> str | None:
    """``text`` as a plausible source noun phrase, or None."""
    phrase = text.strip(" \t\"'“”‘’—–-")
    words = phrase.split()
    if not 1 <= len(words) <= 7:
        return None
    if words[0].lower() in _PRONOUNS and len(words) == 1:
        return None
    if any(not _NP_WORDS.match(w) or w.lower() in _NP_STOP for w in words):
        return None
    if not any(w[0].isupper() for w in words) and words[0].lower() not in ("a", "an", "the"):
        if len(words) > 3:
            return None
    return phrase


def find_attribution(sentence: str) -> str | None:
    """The source a sentence attributes its statement to, or None."""
    m = _ACCORDING.search(sentence) if "according" in sentence.lower() else None
    if m:
        src = _noun_phrase(m.group(1))
        if src:
            return src
    for m in _SPEAKER_VERB.finditer(sentence):
        head = sentence[: m.start()]
        breaks = list(_CLAUSE_BREAK.finditer(head))
        start = breaks[-1].end() if breaks else 0
        src = _noun_phrase(head[start:])
        if not src:
            continue
        if m.group(2) == "told":
            rec = _RECIPIENT.match(sentence, m.end())
            if rec:
                return f"{src} (to {rec.group(1).rstrip('.')})"
        return src
    m = _INVERTED.search(sentence)
    if m:
        return _noun_phrase(m.group(1))
    return None
