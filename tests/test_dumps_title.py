"""Title picking in whole-page dumps: Readability-style site-name cuts and the picked block."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean.dumps import classify_segments, segment_dump
from newsclean.dumps._features import block_features
from newsclean.dumps._title import (
    _quoted_elsewhere,
    _under_related_label,
    article_title,
    title_from_page_title,
    trim_site_name,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dumps_title"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # The last part goes: a site name after " | ", " - ", " – ", " — ", " » ".
        (
            "Council approves harbour bridge plan | The Coastal Herald",
            "Council approves harbour bridge plan",
        ),
        ("Council approves harbour bridge plan - Herald", "Council approves harbour bridge plan"),
        ("Lorem ipsum dolor sit amet – My website", "Lorem ipsum dolor sit amet"),
        ("A quiet week on the markets — Money — Weekly", "A quiet week on the markets — Money"),
        # Only the last part: Readability cannot tell a section from a headline part.
        (
            "Get your JavaScript code covered | Code | Jane Doe",
            "Get your JavaScript code covered | Code",
        ),
        # Fewer than three words left: the first part goes instead ("Site - Headline").
        ("Herald - Council approves harbour bridge plan", "Council approves harbour bridge plan"),
        # Four words or fewer after the cut: the whole title stays.
        ("New Zealand - Wikipedia", "New Zealand - Wikipedia"),
        (
            "Evolve: Shared Mutable History — evolve extension",
            "Evolve: Shared Mutable History — evolve extension",
        ),
        # "Site: Headline" keeps what follows the colon...
        (
            "Daily Planet: Council approves harbour bridge plan",
            "Council approves harbour bridge plan",
        ),
        # ... unless too little would remain, or more than five words precede the colon.
        ("Daring Fireball: Colophon", "Daring Fireball: Colophon"),
        (
            "This is a long title with a colon: Hello there my friend",
            "This is a long title with a colon: Hello there my friend",
        ),
        # A hyphen inside a word is not a separator.
        (
            "Just-released exploit crashes game servers",
            "Just-released exploit crashes game servers",
        ),
        # Whitespace is collapsed, nothing else changes.
        ("  Storm   closes schools\u00a0today  ", "Storm closes schools today"),
        ("", ""),
    ],
)
def test_trim_site_name(title: str, expected: str) -> None:
    assert trim_site_name(title) == expected


def test_trim_site_name_keeps_a_colon_title_repeated_by_a_heading() -> None:
    title = "Daily Planet: Council approves harbour bridge plan"
    assert trim_site_name(title, headings=[title]) == title


def test_trim_site_name_keeps_one_breadcrumb_cut() -> None:
    # A hierarchical separator that removed exactly one part keeps the short result.
    assert trim_site_name("Garden Tools » Shovels") == "Garden Tools » Shovels"
    assert trim_site_name("Home » Big storm hits coast") == "Big storm hits coast"


@pytest.mark.parametrize(
    ("head", "texts", "expected"),
    [
        # The page's heading repeats the cut title.
        (
            "Council approves plan | Coastal Herald",
            ["Menu", "Council approves plan", "Body."],
            "Council approves plan",
        ),
        # The heading repeats a leading part followed by a short label (date, site).
        (
            "Una solución para la cuestión - 07.12.2017 - LA NACION",
            ["Una solución para la cuestión", "Texto."],
            "Una solución para la cuestión",
        ),
        ("New Zealand - Wikipedia", ["New Zealand", "From Wikipedia"], "New Zealand"),
        (
            "This API is so Fetching! ✩ Mozilla Hacks – the Web developer blog",
            ["This API is so Fetching!"],
            "This API is so Fetching!",
        ),
        # A doubled title: "Name - Name - Site".
        (
            "Minecraft 1.8 - The Bountiful Update - Minecraft 1.8 - The Bountiful Update - News",
            ["Minecraft 1.8 - The Bountiful Update"],
            "Minecraft 1.8 - The Bountiful Update",
        ),
        # A long tail may be part of the title: Readability's cut stands.
        (
            "On Recent Events - Bradley M. Kuhn ( Brad ) ( bkuhn )",
            ["On Recent Events"],
            "On Recent Events - Bradley M. Kuhn ( Brad ) ( bkuhn )",
        ),
        # No repeat: Readability's cut.
        (
            "Storm closes schools in the north - Daily",
            ["Menu"],
            "Storm closes schools in the north",
        ),
        # Digits count: the heading repeats the part before the date, not the part with it.
        (
            "Storm hits the coast - 21/12/2018 - Sport - Daily",
            ["Storm hits the coast"],
            "Storm hits the coast",
        ),
    ],
)
def test_title_from_page_title(head: str, texts: list[str], expected: str) -> None:
    assert title_from_page_title(head, texts) == expected


def test_article_title_uses_the_head_line_when_the_pick_repeats_part_of_it() -> None:
    texts = ["Council approves plan | Coastal Herald", "News", "Council approves plan", "Body."]
    assert article_title(texts, 2) == "Council approves plan"
    # A head line in a non-Latin script, without Readability's separators, stays whole.
    texts = [
        "宇航员在太空中喝酒会怎么样 _探索者 _光明网",
        "时政",
        "宇航员在太空中喝酒会怎么样",
        "正文。",
    ]
    assert article_title(texts, 2) == "宇航员在太空中喝酒会怎么样 _探索者 _光明网"


def test_article_title_ignores_a_head_line_that_is_not_a_page_title() -> None:
    # lynx prints the page's <link> relations first; that line is never the <title>.
    texts = ["#alternate Storm closes schools - Feed", "Storm closes schools", "Body."]
    assert article_title(texts, 1) == "Storm closes schools"
    # The pick shares nothing with the head line: the pick is the title.
    texts = ["Skip to content", "Storm   closes schools", "Body."]
    assert article_title(texts, 1) == "Storm closes schools"


def test_article_title_prefers_a_title_line_telling_the_same_story() -> None:
    # The picked heading shares words with a <title>-shaped first line: the <title> wins.
    texts = ["How to watch the 21 best films of 2017 - Vox", "Menu", "The 21 best movies of 2017"]
    assert article_title(texts, 2) == "How to watch the 21 best films of 2017"
    # A first line that is a sentence is not a <title>.
    texts = ["Best films of 2017 are here. Read on", "Menu", "The 21 best films of 2017"]
    assert article_title(texts, 2) == "The 21 best films of 2017"


def test_article_title_without_a_pick() -> None:
    assert article_title(["A", "B"], None) is None
    assert article_title([], 0) is None
    assert article_title(["A"], 3) is None


def _title_of(name: str) -> tuple[str | None, list[str]]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    segments = segment_dump(text)
    labels = classify_segments(text, segments, language="en")
    index = next((i for i, lab in enumerate(labels) if lab.role == "title"), None)
    texts = [s.cleaned for s in segments]
    kept = [t for t, lab in zip(texts, labels, strict=True) if lab.keep]
    return article_title(texts, index), kept


def test_dump_with_a_site_suffixed_head_line() -> None:
    title, kept = _title_of("head_site_suffix.txt")
    assert title == "Council approves new harbour bridge plan"
    assert not any(t.startswith("Council approves") for t in kept)
    assert kept[0].startswith("The city council voted")


def test_dump_with_a_dated_head_line() -> None:
    title, kept = _title_of("head_date_label.txt")
    assert title == "Farmers count the cost of the late frost"
    assert kept[0].startswith("Farmers across the valley")


def test_short_page_falls_back_to_its_title_line() -> None:
    text = "Replace javascript: links\n\nabc\n\ndef\n\nghi\n"
    segments = segment_dump(text)
    labels = classify_segments(text, segments, language="en")
    index = next((i for i, lab in enumerate(labels) if lab.role == "title"), None)
    assert index == 0
    assert article_title([s.cleaned for s in segments], index) == "Replace javascript: links"
    # ... but never takes the article's only text, nor a lower-case line.
    for text in ("Test\n", "abc\n\ndef\n\nghi\n"):
        segments = segment_dump(text)
        labels = classify_segments(text, segments, language="en")
        assert all(lab.role != "title" for lab in labels)


def test_title_line_beats_a_weak_headline_guess() -> None:
    text = (
        "Lazy loading of images with alt texts\n\nHome\n\nAbout\n\nContact\n\nTest Case 1\n\n"
        "Images below the fold load only when the reader scrolls near them, which saves bandwidth "
        "on long pages with many pictures.\n\n"
        "The alt text stays in place, so that screen readers describe the picture before it has "
        "loaded.\n"
    )
    assert _picked(text) == "Lazy loading of images with alt texts"
    # A one-word first line is too thin a <title> against a guess.
    text = text.replace("Lazy loading of images with alt texts", "Lorem")
    assert _picked(text) == "Test Case 1"


def test_dump_without_a_head_line() -> None:
    title, kept = _title_of("no_head.txt")
    assert title == "Storm closes schools across the northern region"
    assert kept[0].startswith("Schools across the northern region")


def _picked(text: str) -> str | None:
    segments = segment_dump(text)
    labels = classify_segments(text, segments, language="en")
    index = next((i for i, lab in enumerate(labels) if lab.role == "title"), None)
    return None if index is None else segments[index].cleaned


def test_headline_followed_by_byline_beats_a_teaser_near_the_article() -> None:
    text = (
        "Menu\n\nWorld\n\nFlood waters reach the old town as the river keeps rising\n\n"
        "By Anna Berg\n\nMarch 3, 2021\n\nShare\n\n"
        "Shop owners in the old town move goods upstairs overnight\n\n"
        "The river rose another metre overnight, and flood waters reached the old town early on "
        "Wednesday, forcing shop owners to move their goods upstairs.\n\n"
        "Officials said the river was expected to keep rising until the weekend, and asked "
        "residents of the lower streets to leave their homes before nightfall.\n"
    )
    assert _picked(text) == "Flood waters reach the old town as the river keeps rising"


def test_a_feed_name_in_lynx_link_line_is_not_the_headline() -> None:
    body = (
        "Roses suffer in a wet summer, when fungal diseases spread quickly from leaf to leaf and "
        "weaken the plants before they can flower again.\n\n"
        "Prune the bushes so that air can move between the stems, and water the soil rather than "
        "the leaves early in the morning.\n"
    )
    # lynx's first line lists feeds named after the blog; the masthead repeats the name.
    text = (
        "#Garden Notes - Atom Garden Notes - RSS\n\nGarden Notes\n\nJune 2, 2020\n\n"
        "How to keep roses healthy through a wet summer\n\n" + body
    )
    assert _picked(text) == "How to keep roses healthy through a wet summer"
    # An alternate link named after the article points at its headline.
    text = (
        "#alternate alternate How to keep roses healthy through a wet summer\n\nMenu\n\n"
        "How to keep roses healthy through a wet summer\n\nPhoto of roses in the rain\n\n" + body
    )
    assert _picked(text) == "How to keep roses healthy through a wet summer"


def test_a_subheading_inside_the_article_is_not_the_headline() -> None:
    text = (
        "Home\n\nNews\n\nSport\n\nWeather\n\nNew ferry line links the two islands\n\n"
        "A new ferry line between the two islands opened on Monday, cutting the journey from "
        "three hours to forty minutes for residents and visitors.\n\n"
        "What changes for the islanders now\n\n"
        "The ferry runs six times a day in summer and four times a day in winter, and tickets "
        "can be bought on board or online.\n\n"
        "Local shops expect more visitors from the larger island, especially at weekends and "
        "during the summer festival.\n"
    )
    assert _picked(text) == "New ferry line links the two islands"


def test_a_doubled_logo_text_is_not_a_headline() -> None:
    text = (
        "Home\n\nRose Care Guide for SummerRose Care Guide for Summer\n\n"
        "How to keep roses healthy through a wet summer\n\n"
        "Roses suffer in a wet summer, when fungal diseases spread quickly from leaf to leaf and "
        "weaken the plants before they can flower again, a care guide says.\n\n"
        "Prune the bushes so that air can move between the stems, and water the soil rather than "
        "the leaves early in the morning.\n"
    )
    assert _picked(text) == "How to keep roses healthy through a wet summer"


_QUAKE_BODY = (
    "A third French citizen was killed in the earthquake in Nepal on Saturday, swept away by an "
    "avalanche while trekking, the foreign ministry said on Thursday morning.\n\n"
    "Rescue teams are still searching the valleys north of the capital, where hundreds of "
    "trekkers were reported missing after the quake.\n"
)


def test_a_teaser_under_a_related_label_is_not_the_headline() -> None:
    # Teasers with their own bylines stand between the headline and the article.
    text = (
        "Menu\n\nWorld\n\nThird French citizen dies in the Nepal earthquake\n\n"
        "AFP, April 30, 2015 at 07:19 (updated April 30, 2015 at 07:38)\n\nShare\n\n"
        "Related stories\n\nReport\n\nIn the capital, an exodus under pressure\n\n"
        "By Anna Berg\n\nInterview\n\nNepal: the longer we wait, the less we can help\n\n"
        "By Jan Novak\n\n" + _QUAKE_BODY
    )
    assert _picked(text) == "Third French citizen dies in the Nepal earthquake"


def _related_flags(text: str) -> dict[str, bool]:
    segments = segment_dump(text)
    feats = [block_features(seg, frozenset(), True) for seg in segments]
    return {seg.cleaned: _under_related_label(segments, feats, i) for i, seg in enumerate(segments)}


def test_teaser_lists_start_at_a_section_label_not_at_a_menu_entry() -> None:
    teaser = "In the capital, an exodus under pressure"
    flags = _related_flags(f"Related stories\n\nReport\n\n{teaser}\n\nBy Anna Berg\n")
    assert flags[teaser] and flags["By Anna Berg"]
    # An entry of a table of contents, a label followed by menu items, a hatnote.
    for text in (
        f"Contents\n\n* (Top)\n\n* See also\n\n* References\n\n{teaser}\n",
        f"Related stories\n\nLog in\n\n{teaser}\n",
        f"See also: Mozilla Foundation and Mozilla Corporation\n\n{teaser}\n",
    ):
        assert not _related_flags(text)[teaser], text
    # A paragraph of prose ends the teaser list.
    prose = " ".join(_QUAKE_BODY.split())
    assert not _related_flags(f"Related stories\n\n{prose}\n\n{teaser}\n")[teaser]


def test_a_headline_quoted_by_a_caption_beats_its_deck() -> None:
    headline = "A lie about sharing: ride apps, old novels and the truth about tech"
    text = (
        f"Menu\n\nSunday, Feb 1, 2015 11:57 AM UTC\n\n{headline}\n\n"
        "Ride companies talk a good game about sharing, while drivers take the risks of "
        "every fare\n\n"
        "Richard Roe\n\nShare\n\n"
        f"{headline} Drivers wait for fares at the airport (Credit: Jane Doe)\n\n"
        "Horror stories about ride companies have been common in recent months, but the way they "
        "treat their drivers says more about the sharing economy than any single story.\n\n"
        "Drivers own the cars, pay for fuel and insurance, and take the risks, while the company "
        "sets the prices and keeps a growing share of every fare.\n"
    )
    assert _picked(text) == headline
    # The kicker glued to a headline is no quote: the shorter part does not win by it.
    segments = segment_dump(
        "Home\n\nJane Doe's Pearl Dress Stolen\n\nJane Doe\n\nPearl Dress Stolen\n\n"
        "Share\n\nPhoto: Pearl Dress Stolen (Credit: Jane Roe)\n"
    )
    feats = [block_features(seg, frozenset(), True) for seg in segments]
    assert not _quoted_elsewhere(segments[:4], feats[:4], 3)
    assert _quoted_elsewhere(segments, feats, 3)


_TITLE_TEXT = st.text(
    alphabet=st.sampled_from(list("ab Z:|-–—/»>\\_.!?12 \u00a0é")), min_size=0, max_size=60
)


@given(_TITLE_TEXT, st.lists(_TITLE_TEXT, max_size=4))
def test_titles_are_words_of_the_page(head: str, texts: list[str]) -> None:
    collapsed = " ".join(head.split())
    assert trim_site_name(head, texts) in collapsed
    assert title_from_page_title(head, texts) in collapsed
    blocks = [head, *texts]
    for i in range(len(blocks)):
        got = article_title(blocks, i)
        assert got is None or any(got in " ".join(b.split()) for b in blocks)


@given(st.text(max_size=80), st.lists(st.text(max_size=40), max_size=5))
def test_title_functions_accept_any_unicode(head: str, texts: list[str]) -> None:
    trim_site_name(head, texts)
    title_from_page_title(head, texts)
    article_title([head, *texts], 0)
