"""Tests for URL dates, <time> elements and the shown-day correction of structured dates."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from newsclean.filters._dates import find_publication_date, url_date, url_month
from newsclean.filters._dates_html import find_html_publication_date

REF = datetime(2026, 1, 1, 12, 0)


def _tree(markup: str) -> lxml_html.HtmlElement:
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True)
    return lxml_html.document_fromstring(markup, parser=parser)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/2023/05/30/some-story/", datetime(2023, 5, 30)),
        ("https://example.org/2023/5/3/some-story", datetime(2023, 5, 3)),
        ("https://example.org/news/20230530-some-story.html", datetime(2023, 5, 30)),
        ("https://example.org/news/2023-05-30-some-story", datetime(2023, 5, 30)),
        ("https://example.org/meldungen/30-05-2023", datetime(2023, 5, 30)),
        # digits touching either end: an id, an archive snapshot's timestamp
        ("https://example.org/article/120230530991", None),
        ("https://archive.example/web/20131110121040/http://example.org/story", None),
        # the host is not the path
        ("https://news20230530.example.org/story", None),
        # impossible, too old, after the reference
        ("https://example.org/2023/02/30/story", None),
        ("https://example.org/1985/05/30/story", None),
        ("https://example.org/2027/05/30/story", None),
        ("https://example.org/2019/10/story", None),
        ("", None),
    ],
)
def test_url_date(url: str, expected: datetime | None) -> None:
    found = url_date(url, reference_time=REF)
    assert (found.value if found is not None else None) == expected
    if found is not None:
        assert found.source == "url" and found.kind == "published"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/2019/10/story-slug/", (2019, 10)),
        ("https://example.org/de/news/2022-08/story", (2022, 8)),
        ("https://example.org/2019/10", (2019, 10)),
        ("https://example.org/2015/index.html", None),  # a year alone files nothing
        ("https://example.org/2019/43/story", None),  # an issue number, not a month
        ("https://example.org/2019/13/story", None),
        ("https://example.org/story-2019-10", None),
    ],
)
def test_url_month(url: str, expected: tuple[int, int] | None) -> None:
    assert url_month(url) == expected


def test_url_date_bad_input() -> None:
    assert url_date(None, reference_time=REF) is None  # type: ignore[arg-type]
    assert url_month(12345) is None  # type: ignore[arg-type]
    assert url_date("\x00" * 10_000 + "/2023/05/30/", reference_time=REF) is None


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_url_readers_never_raise(url: str) -> None:
    found = url_date("https://example.org/" + url, reference_time=REF)
    assert found is None or 1990 <= found.value.year <= 2026
    month = url_month("https://example.org/" + url)
    assert month is None or 1 <= month[1] <= 12


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=12), st.text(max_size=80))
def test_text_finder_with_url_never_raises(blocks: list[str], url: str) -> None:
    found = find_publication_date(blocks, title_index=0, reference_time=REF, url=url)
    assert found is None or found.published is None or found.published.value.year >= 1900


BLOCKS = [
    "Home News Sport",
    "Council votes on the new bridge",
    "By Jane Doe | 29 May 2023, 23:40",
    "The council voted on Tuesday evening to fund the bridge across the river, ending a "
    "debate that had lasted more than ten years and divided the town.",
]


def test_text_url_day_replaces_another_day() -> None:
    found = find_publication_date(
        BLOCKS, title_index=1, reference_time=REF, url="https://example.org/2023/05/30/bridge/"
    )
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2023, 5, 30)
    assert found.published.source == "url"
    assert found.block_index is None


def test_text_url_day_keeps_the_dateline_of_that_day() -> None:
    found = find_publication_date(
        BLOCKS, title_index=1, reference_time=REF, url="https://example.org/2023/05/29/bridge/"
    )
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2023, 5, 29, 23, 40)
    assert found.block_index == 2


def test_text_url_month_demotes_other_months() -> None:
    blocks = [
        "Council votes on the new bridge",
        "12 April 2022",
        "12 May 2023",
        "The council voted on Tuesday evening to fund the bridge across the river, ending a "
        "debate that had lasted more than ten years and divided the town.",
    ]
    without = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert without is not None and without.published is not None
    assert without.published.value == datetime(2022, 4, 12)  # placed right under the title
    with_url = find_publication_date(
        blocks, title_index=0, reference_time=REF, url="https://example.org/2023/05/bridge"
    )
    assert with_url is not None and with_url.published is not None
    assert with_url.published.value == datetime(2023, 5, 12)


def test_text_url_without_date_changes_nothing() -> None:
    plain = find_publication_date(BLOCKS, title_index=1, reference_time=REF)
    with_url = find_publication_date(
        BLOCKS, title_index=1, reference_time=REF, url="https://example.org/news/bridge-42"
    )
    assert plain == with_url


def _page(head: str, body: str, title: str = "Council votes on the new bridge") -> str:
    return (
        f"<html lang='en'><head><title>{title} | Example</title>{head}</head>"
        f"<body>{body}</body></html>"
    )


ARTICLE = (
    "<article><h1>Council votes on the new bridge</h1>{dateline}"
    "<p>The council voted on Tuesday evening to fund the bridge across the river.</p>"
    "{extra}</article>"
)


def test_html_embedded_post_time_is_not_the_article() -> None:
    embed = (
        "<blockquote class='social-embed'><p>A post shared by someone "
        "<time datetime='2018-03-12T19:30:12+00:00'>Mar 12, 2018</time></p></blockquote>"
    )
    body = ARTICLE.format(dateline="<p>14 May 2023</p>", extra=embed)
    found = find_html_publication_date(_tree(_page("", body)), reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value.date() == datetime(2023, 5, 14).date()


def test_html_time_in_aside_block_is_not_the_article() -> None:
    aside = (
        "<div class='aside-block'><ul><li><a href='/x'>Other story</a> "
        "<time pubdate datetime='2023-09-22T07:30:29Z'>22 September</time></li></ul></div>"
    )
    body = ARTICLE.format(
        dateline="<p><time datetime='2023-05-14T09:00:00Z'>14 May 2023</time></p>", extra=aside
    )
    found = find_html_publication_date(_tree(_page("", body)), reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2023, 5, 14, 9, 0, tzinfo=timezone.utc)


def test_html_time_text_showing_another_day_wins() -> None:
    dateline = "<p><time datetime='2023-07-03T10:18:46Z'>Published on 29 June 2023</time></p>"
    body = ARTICLE.format(dateline=dateline, extra="")
    found = find_html_publication_date(_tree(_page("", body)), reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2023, 6, 29)


def test_html_time_text_without_year_keeps_the_attribute() -> None:
    dateline = "<p><time datetime='2023-07-03T10:18:46Z'>3 July</time></p>"
    body = ARTICLE.format(dateline=dateline, extra="")
    found = find_html_publication_date(_tree(_page("", body)), reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2023, 7, 3, 10, 18, 46, tzinfo=timezone.utc)


def test_html_time_under_the_headline_beats_pubdate_in_a_list() -> None:
    listing = (
        "<section><h2>More</h2><ul><li><a href='/y'>Other</a> "
        "<time pubdate datetime='2023-08-01T10:00:00Z'>1 Aug</time></li></ul></section>"
    )
    dateline = "<p><time datetime='2023-05-14T09:00:00Z'>9:00</time></p>"
    body = listing + "<div class='x'>" + "<p>filler</p>" * 70 + "</div>"
    body += ARTICLE.format(dateline=dateline, extra="")
    found = find_html_publication_date(_tree(_page("", body)), reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value.date() == datetime(2023, 5, 14).date()


def test_html_article_heading_is_the_one_matching_the_title() -> None:
    logo = "<header><h1><a href='/'>Example Daily</a></h1><p>2 January 2023</p></header>"
    filler = "<div>" + "".join(f"<p>Menu item {i}</p>" for i in range(12)) + "</div>"
    body = logo + filler + ARTICLE.format(dateline="<p>14 May 2023</p>", extra="")
    found = find_html_publication_date(_tree(_page("", body)), reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2023, 5, 14)


def test_html_shown_day_corrects_a_utc_timestamp_by_one_day() -> None:
    meta = "<meta property='article:published_time' content='2023-05-14T23:30:00+00:00'>"
    body = ARTICLE.format(dateline="<p>By Jane Doe | 15 May 2023, 01:30</p>", extra="")
    found = find_html_publication_date(_tree(_page(meta, body)), reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2023, 5, 15, 1, 30)
    assert found.published.source == "text"


def test_html_shown_date_far_from_the_structured_one_does_not_move_it() -> None:
    meta = "<meta property='article:published_time' content='2023-05-02T08:00:00+00:00'>"
    body = ARTICLE.format(dateline="<p>By Jane Doe | 15 May 2023, 01:30</p>", extra="")
    found = find_html_publication_date(_tree(_page(meta, body)), reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.source == "meta:article:published_time"
    assert found.published.value.date() == datetime(2023, 5, 2).date()


def test_html_shown_updated_date_does_not_move_it() -> None:
    meta = "<meta property='article:published_time' content='2023-05-14T08:00:00+00:00'>"
    body = ARTICLE.format(dateline="<p>Updated 15 May 2023, 01:30</p>", extra="")
    found = find_html_publication_date(_tree(_page(meta, body)), reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value.date() == datetime(2023, 5, 14).date()


def test_html_url_month_reaches_the_text_finder() -> None:
    body = (
        "<article><h1>Council votes on the new bridge</h1><p>12 April 2022</p>"
        "<p>12 May 2023</p><p>The council voted on Tuesday evening.</p></article>"
    )
    tree = _tree(_page("", body))
    found = find_html_publication_date(
        tree, url="https://example.org/2023/05/bridge", reference_time=REF
    )
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2023, 5, 12)


def test_html_page_settles_the_order_of_its_own_metadata() -> None:
    # A CMS writes its meta date month-first; the German page shows it day-first.
    meta = "<meta name='date' content='11/01/2023 12:43:42'>"
    body = ARTICLE.format(dateline="<p>01.11.2023</p>", extra="")
    page = _page(meta, body).replace("lang='en'", "lang='de'")
    found = find_html_publication_date(_tree(page), reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2023, 11, 1)
    # Without the shown date the language's order reads the meta tag.
    alone = _page(meta, ARTICLE.format(dateline="", extra="")).replace("lang='en'", "lang='de'")
    found = find_html_publication_date(_tree(alone), reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value.date() == datetime(2023, 1, 11).date()
