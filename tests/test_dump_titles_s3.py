"""Title picking in whole-page dumps, session 3 rules: where a headline can stand, which lines
are lists rather than headlines, and which repeats of the page's <title> line count."""

from __future__ import annotations

import pytest

from newsclean.dumps import classify_segments, segment_dump
from newsclean.dumps._title import (
    _drop_kicker,
    _enumerator,
    _head_variants,
    _in_numbered_run,
    _is_date_line,
    _leading_name,
    article_title,
    title_from_page_title,
    trim_site_name,
)

_BODY = (
    "The river rose another metre overnight, and flood waters reached the old town early on "
    "Wednesday, forcing shop owners to move their goods upstairs.\n\n"
    "Officials said the river was expected to keep rising until the weekend, and asked "
    "residents of the lower streets to leave their homes before nightfall.\n"
)


def _title(text: str) -> tuple[str | None, str | None]:
    """Return the picked block's text and the article title for a dump."""
    segments = segment_dump(text)
    labels = classify_segments(text, segments, language="en")
    index = next((i for i, lab in enumerate(labels) if lab.role == "title"), None)
    texts = [s.cleaned for s in segments]
    picked = None if index is None else texts[index]
    return picked, article_title(texts, index)


# --------------------------------------------------------------- a headline has body below it


def test_a_line_below_all_the_body_text_is_not_the_headline() -> None:
    # The whole page is three short lines: the last one has no article after it.
    assert _title("abc\n\ndef\nghi\n") == (None, None)
    text = (
        "Replace brs test\n\nLorem\n\nLorem ipsum dolor sit\n\n"
        "tempor incididunt ut labore et dolore magna aliqua, quis nostrud exercitation ullamco "
        "laboris nisi ut aliquip ex ea commodo consequat, duis aute irure dolor in reprehenderit, "
        "excepteur sint occaecat cupidatat non proident.\n\n"
        "Quis nostrud exercitation ullamco laboris nisi ut\n"
    )
    picked, title = _title(text)
    assert picked != "Quis nostrud exercitation ullamco laboris nisi ut"
    assert title == "Replace brs test"


def test_a_headline_above_the_article_is_still_found() -> None:
    text = "Menu\n\nNews\n\nFlood waters reach the old town\n\nBy Anna Berg\n\n" + _BODY
    assert _title(text) == ("Flood waters reach the old town", "Flood waters reach the old town")


# --------------------------------------------------------------- lines that are not headlines


@pytest.mark.parametrize(
    "tagline",
    ["...or, why do I bother.", "…and the river kept rising"],
)
def test_a_line_starting_with_an_ellipsis_is_not_a_headline(tagline: str) -> None:
    text = f"Menu\n\nNews\n\n{tagline}\n\n" + _BODY
    picked, _ = _title(text)
    assert picked != tagline


def test_a_breadcrumb_trail_is_not_a_headline() -> None:
    crumbs = "News > World > Europe > Article"
    text = f"Menu\n\n{crumbs}\n\nFlood waters reach the old town\n\n" + _BODY
    assert _title(text)[0] == "Flood waters reach the old town"
    # One " > " is a headline's own ("Cats > dogs, a study finds"): only trails are refused.
    text = "Menu\n\nNews\n\nCats > dogs, says a new study of pet owners\n\n" + _BODY
    assert _title(text)[0] == "Cats > dogs, says a new study of pet owners"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26. Data Integrity", ("", 26)),
        ("Appendix F. Example Minutes", ("appendix", ord("F"))),
        ("Chapter 3) Getting started", ("chapter", 3)),
        ("A trademark battle in the community", None),
        ("2015 was a year of floods", None),
    ],
)
def test_enumerator(text: str, expected: tuple[str, int] | None) -> None:
    assert _enumerator(text) == expected


def test_numbered_runs_are_lists_not_headlines() -> None:
    segs = segment_dump(
        "25. Data Processing Pipelines\n\n26. Data Integrity: What You Read Is What You Wrote\n\n"
        "27. Reliable Product Launches at Scale\n\nAppendix E. Launch Checklist\n\n"
        "Appendix F. Example Production Meeting Minutes\n\n"
        "3. Three reasons the river keeps rising\n\nBy Anna Berg\n"
    )
    runs = [_in_numbered_run(segs, i) for i in range(len(segs))]
    assert runs == [True, True, True, True, True, False, False]


def test_a_table_of_contents_entry_does_not_beat_the_title_line() -> None:
    entries = [
        "Introduction to the river",
        "Flood waters reached the old town on Wednesday",
        "Officials expect the river to keep rising",
        "Measuring the water level",
    ]
    toc = "".join(f"{n}. {name}\n\n" for n, name in enumerate(entries, start=24))
    text = (
        "Guide - The River Handbook\n\nTable of Contents\n\nForeword\n\nPreface\n\n" + toc + _BODY
    )
    assert _title(text) == ("Guide - The River Handbook", "Guide - The River Handbook")


def test_a_breadcrumb_trail_alone_is_not_taken_for_the_headline() -> None:
    crumbs = "Home > River news > Flood waters reach the old town"
    assert _title(f"Menu\n\n{crumbs}\n\n" + _BODY) == (None, None)


# --------------------------------------------------------------- repeats of the <title> line


def test_a_bracketed_site_tag_closing_the_title_line_is_a_variant() -> None:
    head = "Weekly Edition for March 26, 2015 [Example News]"
    assert "weekly edition for march" in _head_variants(head)
    assert "council votes" in _head_variants("Council votes (Herald)")
    # A bracket inside the line is the title's own.
    assert "council" not in _head_variants("Council (Herald) votes today")


def test_a_heading_repeating_the_title_without_its_site_tag_is_the_title_block() -> None:
    text = (
        "Weekly Edition for March 26, 2015 [Example News]\n\nLog in\n\nRecent features\n\n"
        "Weekly Edition for April 2, 2015\n\nWeekly Edition for March 26, 2015\n\n"
        "A trademark battle in the hardware community\n\nBy Anna Berg\n\n" + _BODY
    )
    picked, title = _title(text)
    assert picked == "Weekly Edition for March 26, 2015"
    assert title == "Weekly Edition for March 26, 2015 [Example News]"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Mozilla - Wikipedia", "mozilla"),
        ("Rust | Docs", "rust"),
        ("New Zealand - Wikipedia", None),  # two words: an ordinary variant already
        ("Mozilla", None),  # no separator: no part to name
        ("#alternate - Feed", None),  # lynx's link list
        ("Go - Docs", None),  # too short to tell from a menu word
    ],
)
def test_leading_name(head: str, expected: str | None) -> None:
    assert _leading_name(head) == expected


def test_a_one_word_page_name_under_the_title_line_keeps_the_title_line() -> None:
    text = (
        "Mozilla - Wikipedia\n\nMozilla\n\nFrom Wikipedia, the free encyclopedia\n\n"
        "Contents\n\nHistory\n\nMozilla Developer Network\n\n" + _BODY
    )
    picked, title = _title(text)
    assert picked == "Mozilla"
    assert title == "Mozilla - Wikipedia"
    assert article_title(["Mozilla - Wikipedia", "Mozilla", "Body"], 1) == "Mozilla - Wikipedia"


def test_a_label_in_chinese_is_counted_in_words_not_tokens() -> None:
    # The tail after the heading is a blog name and a site name, seven words and more: part of
    # the title as Readability keeps it, not a short label.
    head = "新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::"
    assert title_from_page_title(head, ["新竹尖石_美樹營地賞楓 (2)"]) == head
    # A date and a section stay a label.
    head = "Farmers count the cost of the frost - 07.12.2017 - Country"
    shown = ["Farmers count the cost of the frost"]
    assert title_from_page_title(head, shown) == "Farmers count the cost of the frost"


# --------------------------------------------------------------- site names and breadcrumbs


def test_a_site_name_title_line_repeated_in_the_masthead_is_not_the_headline() -> None:
    # The first line is the site's name alone; its repeat far above the article is the logo.
    menu = "".join(f"{item}\n\n" for item in ("Home", "News", "Sport", "Business", "World"))
    text = (
        "The Coastal Herald\n\nLog in\n\nThe Coastal Herald\n\n"
        + menu * 2
        + "Flood waters reach the old town as the river keeps rising\n\nBy Anna Berg\n\n"
        + _BODY
    )
    picked, title = _title(text)
    assert picked == "Flood waters reach the old town as the river keeps rising"
    assert title == picked


def test_a_numbered_breadcrumb_ending_in_the_headline_counts_as_its_repeat() -> None:
    text = (
        "Example Fact Checks\n\nSupport us\n\nSubmit a topic\n\n1. Home\n\n2. Fact Checks\n\n"
        "3. Politics\n\n4. Does the mayor own three houses on the river?\n\n"
        "Does the mayor own three houses on the river?\n\n"
        "A rumour about the mayor's houses spread online this week.\n\n" + _BODY
    )
    assert _title(text)[0] == "Does the mayor own three houses on the river?"


# --------------------------------------------------------------- subheadings and dated headlines


def test_a_line_after_the_article_prose_is_a_subheading_not_the_headline() -> None:
    text = (
        "Menu\n\nNews\n\nShare\n\n"
        "We all buy things we do not need from time to time, and it is fine to give in to a want "
        "now and then, as long as you stay in control of what you spend and why you spend it.\n\n"
        "Understand how your own brain works against you\n\n" + _BODY
    )
    picked, _ = _title(text)
    assert picked != "Understand how your own brain works against you"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 25, 2015", True),
        ("Dec. 6, 2024, 10:00 PM UTC / Updated Dec. 7, 2024", True),
        ("08.04.2015 12:46", True),
        ("Coach says he was wrong to hand the 2012 trophy to the president", False),
        ("Rewriting the rules of video in 2020", False),
        ("Budget 2017", False),
    ],
)
def test_is_date_line(text: str, expected: bool) -> None:
    assert _is_date_line(text) is expected


def test_a_headline_mentioning_a_year_keeps_its_byline() -> None:
    # A caption sits between the byline and the article; the headline wins by its byline.
    headline = "Coach says he was wrong to hand the 2012 trophy to the president"
    text = (
        f"Menu\n\nSport\n\n{headline}\n\nBy Anna Berg\n\nMarch 3, 2021\n\n"
        "The trophy on a shelf in the club house\n\n" + _BODY
    )
    assert _title(text) == (headline, headline)


# --------------------------------------------------------------- the title's text


def test_a_heading_glued_to_its_first_paragraph_still_repeats_the_title() -> None:
    # bs4 without separators runs the heading into the paragraph below it.
    head = "On Behalf of “Literally” — Medium"
    texts = ["Ready to publish?", "On Behalf of “Literally”You either are an abuser or know one."]
    assert title_from_page_title(head, texts) == "On Behalf of “Literally”"
    # A paragraph that merely opens with the same words is no heading.
    texts = ["On Behalf of “Literally” you either are an abuser or know one."]
    assert title_from_page_title(head, texts) == head


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        (
            "New York|Manhole Fires and Burst Pipes: How Winter Wreaks Havoc",
            "Manhole Fires and Burst Pipes: How Winter Wreaks Havoc",
        ),
        (
            "Economy | As Debt Rises, the Government Spends More",
            "As Debt Rises, the Government Spends More",
        ),
        # A date, an author after the headline, a short rest, two bars: left alone.
        ("April 5, 2018 | 6:00 PM", "April 5, 2018 | 6:00 PM"),
        (
            "What is the sea telling us? | Eleanor Ainge Roy",
            "What is the sea telling us? | Eleanor Ainge Roy",
        ),
        ("Gallery: Xbox One X | 14 Photos", "Gallery: Xbox One X | 14 Photos"),
        (
            "News | World | Flood waters reach the old town",
            "News | World | Flood waters reach the old town",
        ),
    ],
)
def test_drop_kicker(heading: str, expected: str) -> None:
    assert _drop_kicker(heading) == expected


def test_article_title_drops_a_kicker_from_a_picked_heading() -> None:
    texts = ["Menu", "Economy|As Debt Rises, the Government Spends More", "Body text."]
    assert article_title(texts, 1) == "As Debt Rises, the Government Spends More"


def test_a_question_headline_keeps_its_byline_from_a_label_above_it() -> None:
    # The byline under a question headline belongs to it, not to the line above.
    question = "How does the brain turn hidden thoughts into conscious ones?"
    text = (
        "Menu\n\nHealth\n\nThank you for supporting the Health Weekly\n\n"
        f"{question}\n\nPublished Thursday 27 July 2017\n\nBy Anna Berg\n\n" + _BODY
    )
    assert _title(text)[0] == question


@pytest.mark.parametrize(
    "control",
    ["Background [---____] [---_____]", "Font Family [Default________]", "(BUTTON) Share story"],
)
def test_a_text_browser_form_control_is_not_a_headline(control: str) -> None:
    text = f"Menu\n\nNews\n\n{control}\n\n" + _BODY
    assert _title(text)[0] != control


# --------------------------------------------------------------- one set of <title> rules


_PLAN = "Council approves harbour bridge plan"


@pytest.mark.parametrize(
    ("title", "sole_heading", "expected"),
    [
        # Too short a <title> gives way to the page's only <h1> ...
        (
            "Home page",
            "Council approves the new harbour bridge plan",
            "Council approves the new harbour bridge plan",
        ),
        # ... unless the <h1> is four words or fewer: the whole title then stays.
        ("RTL Test", "Lorem", "RTL Test"),
        # A title of ordinary length, or one with a separator or a colon, keeps its own rules.
        (_PLAN, "Lorem ipsum dolor sit amet", _PLAN),
        (f"Herald: {_PLAN}", "Lorem ipsum dolor sit amet", _PLAN),
        (f"Herald | {_PLAN}", "Lorem ipsum dolor sit amet", _PLAN),
    ],
)
def test_trim_site_name_with_a_sole_heading(title: str, sole_heading: str, expected: str) -> None:
    assert trim_site_name(title, sole_heading=sole_heading) == expected
    # Without the heading (the dumps), only the first case differs.
    assert trim_site_name(title) == (title if title == "Home page" else expected)


def test_html_metadata_uses_the_same_title_rules_as_the_dumps() -> None:
    from lxml import html as lxml_html

    from newsclean.html._metadata import read_metadata

    page = (
        "<html><head><title>Outside the web: standalone binaries · V8 blog</title></head>"
        "<body><h1>Outside the web: standalone binaries</h1></body></html>"
    )
    meta = read_metadata(
        lxml_html.fromstring(page), url=None, headings=["V8", "Outside"], byline_texts=[]
    )
    title = "Outside the web: standalone binaries · V8 blog"
    assert meta.title == trim_site_name(title, ["V8", "Outside"]) == "standalone binaries · V8 blog"


def test_a_blog_post_title_beats_the_blog_name_printed_first() -> None:
    # lynx, w3m and inscriptis print no <title>: the first line is the blog's name.
    text = (
        "Garden Notes\n\nSunday, May 8, 2016\n\n"
        "How to keep roses healthy through a wet summer\n\n"
        "Roses suffer in a wet summer, when fungal diseases spread quickly from leaf to leaf and "
        "weaken the plants before they can flower again.\n\n"
        "Prune the bushes so that air can move between the stems, and water the soil rather than "
        "the leaves early in the morning.\n"
    )
    assert _title(text)[0] == "How to keep roses healthy through a wet summer"


def test_a_sentence_between_the_title_line_and_the_article_does_not_displace_it() -> None:
    text = (
        "RTL Test\n\nLorem\n\nLorem ipsum dolor sit amet.\n\n"
        "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor "
        "incididunt ut labore et dolore magna aliqua, ut enim ad minim veniam.\n\n"
        "Tempor incididunt ut labore et dolore magna aliqua, ut enim ad minim veniam, quis "
        "nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo.\n"
    )
    assert _title(text) == ("RTL Test", "RTL Test")
