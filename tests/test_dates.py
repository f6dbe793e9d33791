"""When an article reports: datelines without a year take their year from the article's
other dates (its ``published``, a full date in its text) or keep an unknown year, never
today's; and the order of articles by that date (oldest first, undated last, stable)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdiff.analysis.dates import (
    DAY, DAY_NO_YEAR, MINUTE, ReportDate, article_date, chronological_order,
    dateline_date, find_dateline, parse_published, report_date, year_near,
)
from newsdiff.corpus.articles import Article, text_sha256
from tui.engine import date_order

BODY = "Iranian forces have crossed into Iraq to help the government, officials said on Friday."


def article(text: str, published: str | None = None, id: str = "a") -> Article:
    return Article(id=id, path=f"{id}.txt", title=id, text=text, sha256=text_sha256(text), published=published)


@pytest.mark.parametrize("line, month_day", [
    ("BAGHDAD, June 13 (Reuters) - Iraqi forces regrouped.", (6, 13)),
    ("LONDON, 13 June (Reuters) - Oil prices rose.", (6, 13)),
    ("KIEV, Ukraine, Jun. 3rd — Talks resumed.", (6, 3)),
    ("WASHINGTON, D.C., Friday, Dec 5: The Senate met.", (12, 5)),
    ("Friday, June 13", (6, 13)),
])
def test_a_dateline_without_a_year_is_found_at_the_start_of_a_line(line, month_day):
    found = find_dateline(f"Iran sends troops\n\n{line}\n{BODY}")
    assert found is not None and found[1:] == month_day


@pytest.mark.parametrize("text", [
    "BAGHDAD, June 13, 2014 (Reuters) - a full date is no yearless dateline.",
    "BAGHDAD, 13 June 2014 (Reuters) - nor is this one.",
    "Troops arrived on June 13 (a Friday) in the capital.",  # in a sentence, not a dateline
    "BAGHDAD, June 31 (Reuters) - no such day.",
    "BAGHDAD (Reuters) - no date at all.",
])
def test_what_is_no_yearless_dateline(text):
    assert find_dateline(text) is None


def test_the_dateline_takes_its_year_from_published():
    found = dateline_date(article(f"BAGHDAD, June 13 (Reuters) - {BODY}", published="2014-06-14T01:10+00:00"))
    assert found == ReportDate(6, 13, 2014, DAY, "dateline")
    assert found.iso == "2014-06-13"


def test_the_year_nearest_the_other_date_across_new_year():
    found = dateline_date(article(f"MOSUL, Dec 31 (Reuters) - {BODY}", published="2015-01-01"))
    assert found is not None and found.date == dt.date(2014, 12, 31)
    assert year_near(2, 29, dt.date(2017, 3, 1)) == dt.date(2016, 2, 29)  # the nearest leap year


def test_without_published_the_year_comes_from_a_full_date_in_the_text():
    text = (f"BAGHDAD, June 13 (Reuters) - {BODY} " * 12
            + "The militants took Mosul on June 10, 2014, and Tikrit a day later.")
    assert len(text) > 600  # the full date is past the opening lines
    found = report_date(article(text))
    assert found == ReportDate(6, 13, 2014, DAY, "dateline")
    assert article_date(article(text)) == dt.date(2014, 6, 13)


def test_a_yearless_dateline_before_a_full_date_in_the_opening_lines_is_the_day():
    text = f"BAGHDAD, June 13 (Reuters) - Militants who took Mosul on June 10, 2014 advanced. {BODY}"
    assert report_date(article(text)) == ReportDate(6, 13, 2014, DAY, "dateline")


def test_with_no_other_date_the_year_stays_unknown():
    found = report_date(article(f"BAGHDAD, June 13 (Reuters) - {BODY}"))
    assert found == ReportDate(6, 13, None, DAY_NO_YEAR, "dateline")
    assert found.iso == "--06-13" and found.date is None
    assert article_date(article(f"BAGHDAD, June 13 (Reuters) - {BODY}")) is None  # no year from the clock


def test_published_wins_and_keeps_its_precision():
    text = f"BAGHDAD, June 13 (Reuters) - {BODY}"
    found = report_date(article(text, published="2014-06-14T09:42+01:00"))
    assert found is not None and found.precision == MINUTE and found.source == "published"
    assert found.iso == "2014-06-14T09:42+01:00"
    assert report_date(article(text, published="2014-06-14")) == ReportDate(6, 14, 2014, DAY, "published")


def test_a_published_without_a_year_takes_it_from_the_text_or_stays_unknown():
    dated = article(f"{BODY} It was the worst week since March 20, 2003.", published="June 13")
    assert report_date(dated) == ReportDate(6, 13, 2003, DAY, "published")
    assert parse_published("13 Jun") == ReportDate(6, 13, None, DAY_NO_YEAR, "published")
    assert report_date(article(BODY, published="June 13")) == ReportDate(6, 13, None, DAY_NO_YEAR, "published")


def test_a_full_date_first_in_the_opening_lines_is_still_read_as_before():
    assert article_date(article("Posted 03:10 GMT, March 4, 2019\n\nLONDON, March 3 - Rain.")) == dt.date(2019, 3, 4)
    assert article_date(article("Nothing in it but 2019.")) is None


def test_order_oldest_first_undated_and_yearless_last_ties_stable():
    dates = [
        None,
        ReportDate(6, 14, 2014, DAY, "published"),
        ReportDate(6, 13, None, DAY_NO_YEAR, "dateline"),
        ReportDate(6, 13, 2014, DAY, "dateline"),
        ReportDate(6, 14, 2014, DAY, "text"),
        parse_published("2014-06-14T10:00+02:00"),  # 08:00 UTC
        parse_published("2014-06-14T07:30Z"),
    ]
    assert chronological_order(dates) == [3, 6, 5, 1, 4, 0, 2]
    assert chronological_order([None, None]) == [0, 1]


def test_the_apps_order_reads_each_articles_date():
    pile = [
        article(BODY, id="undated"),
        article(f"MOSUL, June 12 (Reuters) - {BODY}", published="2014-06-13T02:00Z", id="late"),
        article(f"BAGHDAD, June 11 (Reuters) - {BODY}", id="yearless"),
        article(BODY, published="2014-06-12", id="early"),
    ]
    order, dated = date_order(pile)
    assert [pile[i].id for i in order] == ["early", "late", "undated", "yearless"] and dated == 2
