"""newsclean.html: decoding, safe parsing, block rendering, labelling and metadata."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean._errors import DecodeError, InputTooLargeError
from newsclean.html import (
    BLOCK_KINDS,
    HtmlBlock,
    HtmlPage,
    decode_html,
    extract_html,
    looks_like_html,
    parse_html,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
KINDS = {"paragraph", "heading", "list_item", "quote", "table_row", "preformatted", "title"}


def test_block_kinds_exported() -> None:
    assert BLOCK_KINDS == KINDS


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def _kept(page: HtmlPage) -> list[str]:
    return [b.text for b in page.blocks if b.keep]


# ---------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("raw", "http", "expected", "encoding", "source"),
    [
        (codecs.BOM_UTF8 + "<p>é</p>".encode(), None, "<p>é</p>", "utf-8", "bom"),
        ("<p>é</p>".encode("utf-16-le"), None, None, None, None),
        (
            codecs.BOM_UTF16_LE + "<p>é</p>".encode("utf-16-le"),
            None,
            "<p>é</p>",
            "utf-16-le",
            "bom",
        ),
        ("<p>é</p>".encode("cp1252"), "windows-1252", "<p>é</p>", "cp1252", "http"),
        (
            b'<meta charset="iso-8859-1"><p>caf\xe9 \x93q\x94</p>',
            None,
            '<meta charset="iso-8859-1"><p>café “q”</p>',
            "cp1252",
            "declared",
        ),
        (
            '<?xml version="1.0" encoding="koi8-r"?><p>мир</p>'.encode("koi8-r"),
            None,
            '<?xml version="1.0" encoding="koi8-r"?><p>мир</p>',
            "koi8-r",
            "declared",
        ),
        ("<p>naïve</p>".encode(), None, "<p>naïve</p>", "utf-8", "detected"),
        ("<p>str input</p>", None, "<p>str input</p>", "unicode", "str"),
    ],
)
def test_decode_order(
    raw: bytes | str,
    http: str | None,
    expected: str | None,
    encoding: str | None,
    source: str | None,
) -> None:
    text, enc, src = decode_html(raw, http_charset=http)
    if expected is None:  # no BOM, no declaration: must still decode without raising
        assert isinstance(text, str)
        return
    assert (text, enc, src) == (expected, encoding, source)


def test_http_charset_beats_meta() -> None:
    raw = '<meta charset="utf-8"><p>caf\xe9</p>'.encode("latin-1")
    text, _, src = decode_html(raw, http_charset="latin-1")
    assert "café" in text
    assert src == "http"


def test_utf8_bytes_beat_a_stale_legacy_declaration() -> None:
    raw = '<meta charset="iso-8859-2"><p>Pełne korzystanie</p>'.encode()
    text, enc, src = decode_html(raw)
    assert "Pełne" in text
    assert (enc, src) == ("utf-8", "detected_over_declared")
    # the HTTP header is still obeyed
    _, enc, src = decode_html(raw, http_charset="iso-8859-2")
    assert src == "http"


def test_wrong_http_charset_falls_through_to_declaration() -> None:
    raw = '<meta charset="utf-8"><p>ü</p>'.encode()
    _, enc, src = decode_html(raw, http_charset="no-such-charset")
    assert (enc, src) == ("utf-8", "declared")


def test_undecodable_bytes_degrade_gracefully() -> None:
    text, _, _ = decode_html(b"<p>\xff\xfe\x00\x81 ok</p>" * 3)
    assert "ok" in text


def test_decode_rejects_non_text() -> None:
    with pytest.raises(DecodeError):
        decode_html(123)  # type: ignore[arg-type]


# ---------------------------------------------------------------- parsing


@pytest.mark.parametrize("depth", [260, 10_000])
def test_deep_pages_keep_all_text(depth: int) -> None:
    html = _page("<div>" * depth + "deep words here" + "</div>" * depth + "<p>after the nest</p>")
    root, warnings = parse_html(html)
    text = " ".join(root.itertext())
    assert "deep words here" in text
    assert "after the nest" in text
    assert warnings and warnings[0].startswith("depth_")
    page = extract_html(html)
    assert "deep words here" in page.source_text
    assert "after the nest" in page.source_text
    assert page.warnings


def test_shallow_page_has_no_warning() -> None:
    _, warnings = parse_html(_page("<div><p>hello</p></div>"))
    assert warnings == []


def test_size_cap() -> None:
    with pytest.raises(InputTooLargeError):
        parse_html("<p>x</p>" * 100, max_chars=50)
    with pytest.raises(InputTooLargeError):
        extract_html(b"<p>x</p>" * 100, max_bytes=50)


def test_entities_are_not_resolved() -> None:
    html = (
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<html><body><p>before &xxe; after</p></body></html>"
    )
    root, _ = parse_html(html)
    text = " ".join(root.itertext())
    assert "root:" not in text
    assert "before" in text


@pytest.mark.parametrize(
    "html",
    ["", "   ", "plain words", "<p>unclosed", "\x00<p>nul</p>", "<", "<?xml version='1.0'?>"],
)
def test_odd_inputs_parse(html: str) -> None:
    root, _ = parse_html(html)
    assert root is not None
    extract_html(html)


def test_lone_surrogates_are_replaced_and_recorded() -> None:
    page = extract_html("<p>\ud800 lone</p>")
    assert [b.text for b in page.blocks] == ["\ufffd lone"]
    assert "surrogates_replaced" in page.warnings


def test_bs4_fallback_when_lxml_builds_nothing() -> None:
    page = extract_html("<!-- unclosed comment <p>x</p>")
    assert "parser_fallback:bs4" in page.warnings
    assert page.blocks  # degraded (the comment opener is kept as text), never lost


# ---------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<!DOCTYPE html><title>x</title>", True),
        (b"\xef\xbb\xbf<!doctype html>", True),
        ("  <html lang='en'><body>", True),
        ("<div><p>one</p><p>two</p><ul><li>x</li></ul></div>", True),
        ("A text dump that mentions <b> once.\nAnd goes on.", False),
        ("Plain text, no markup at all.", False),
        # A dump whose page left a noscript fallback and a tracking pixel as text.
        (
            "Skip to content\nWorld News\n\nAlerts are on\n"
            '<div class="alert"><p>JavaScript is <em>off</em>.</p></div>\n'
            '<div style="position:absolute"><img width=1 height=1 src="/b?x=1"></div>\n'
            "Menu\nSearch\nSign in\nThe council met on Monday.\nIt voted to close the road.\n",
            False,
        ),
        ("Intro line\n<p>one</p>\n<p>two</p>\n<ul><li>x</li></ul>", True),
        ("Intro line\n<body><div><p>one</p><p>two</p></div>", True),
    ],
)
def test_looks_like_html(raw: str | bytes, expected: bool) -> None:
    assert looks_like_html(raw) is expected


# ---------------------------------------------------------------- extraction


@pytest.fixture(scope="module")
def article() -> HtmlPage:
    return extract_html((FIXTURES / "article.html").read_bytes(), url="https://example.org/news/x")


def test_article_body(article: HtmlPage) -> None:
    kept = _kept(article)
    assert kept[0].startswith("The harbour bridge reopened")
    assert kept[-1].startswith("The council said")
    assert "What changed" in kept
    assert "Twelve new cables" in kept
    assert "Lane | Open" in kept
    assert 'opening_hours = "24/7"\nspeed_limit = 30' in kept


def test_article_removals_have_reasons(article: HtmlPage) -> None:
    removed = {b.text: b.reason for b in article.blocks if not b.keep}
    assert removed["Home"] == "boilerplate_tag:nav"
    assert removed["Harbour bridge reopens after repairs"] == "title"
    assert removed["The bridge at dawn on Monday."] == "caption"
    assert removed["Share on Facebook Share on X"] == "boilerplate_class:share"
    assert removed["Ferry timetable changes for winter"] == "boilerplate_tag:aside"
    assert removed["© 2024 The Coastal Times. All rights reserved."] == "boilerplate_tag:footer"
    assert "byline" in removed["By Ada Lovelace and Ben Okri"]


def test_article_kinds_and_paths(article: HtmlPage) -> None:
    by_text = {b.text: b for b in article.blocks}
    assert by_text["Harbour bridge reopens after repairs"].kind == "title"
    assert by_text["What changed"].kind == "heading"
    assert by_text["Twelve new cables"].kind == "list_item"
    assert by_text["North | Yes"].kind == "table_row"
    assert by_text["Home"].path == "body/nav/ul/li[1]"
    assert by_text["What changed"].path == "body/main/article/div[1]/h2"
    quote = next(b for b in article.blocks if b.text.startswith('"We are confident'))
    assert quote.kind == "quote"


def test_article_metadata(article: HtmlPage) -> None:
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.title_source == "json_ld"
    assert article.authors == ("Ada Lovelace", "Ben Okri")
    assert article.canonical_url == "https://example.org/news/harbour-bridge-reopens"
    assert article.site_name == "The Coastal Times"
    assert article.declared_language == "en"
    assert article.description == "The bridge reopened on Monday."
    assert article.encoding == "utf-8"
    assert article.tree is not None and article.tree.tag == "html"
    # lxml.html elements: helpers that call text_content() work on the tree as given.
    h1 = article.tree.find(".//h1")
    assert h1 is not None and h1.text_content() == "Harbour bridge reopens after repairs"


def test_body_and_source_text(article: HtmlPage) -> None:
    assert article.body == "\n\n".join(_kept(article))
    assert article.source_text.count("\n\n") == len(article.blocks) - 1


@pytest.mark.parametrize(
    ("title_html", "meta", "expected"),
    [
        ("Storm closes schools across the region | Daily Post", "", "Storm closes schools"),
        ("Daily Post", '<meta property="og:title" content="Flood warning lifted">', "Flood"),
        ("Quarterly results beat forecasts - Markets - Daily Post", "", "Quarterly results"),
    ],
)
def test_title_sources(title_html: str, meta: str, expected: str) -> None:
    page = extract_html(_page("<p>text</p>", f"<title>{title_html}</title>{meta}"))
    assert page.title is not None and page.title.startswith(expected)
    assert "Daily Post" not in page.title


def test_site_name_stripped_from_title_element() -> None:
    head = (
        "<title>Storm closes schools | Daily Post</title>"
        '<meta property="og:site_name" content="Daily Post">'
    )
    page = extract_html(_page("<p>text</p>", head))
    assert page.title == "Storm closes schools"


def test_authors_from_meta_and_byline() -> None:
    head = '<meta name="author" content="Jane Doe, John Roe">'
    assert extract_html(_page("<p>x</p>", head)).authors == ("Jane Doe", "John Roe")
    body = (
        '<article><p class="byline">By Mary Major</p>'
        + "<p>A sentence of article text that is long enough to count as content here.</p>" * 4
        + "</article>"
    )
    assert extract_html(_page(body)).authors == ("Mary Major",)


@pytest.mark.parametrize(
    ("html", "lang"),
    [
        ('<html lang="pt-BR"><body><p>x</p></body></html>', "pt"),
        ('<html><head><meta http-equiv="content-language" content="de"></head></html>', "de"),
        ('<html><head><meta property="og:locale" content="fr_FR"></head></html>', "fr"),
        ("<html><body><p>x</p></body></html>", None),
    ],
)
def test_declared_language(html: str, lang: str | None) -> None:
    assert extract_html(html).declared_language == lang


def test_hidden_and_script_text() -> None:
    body = (
        "<article>"
        + "<p>Visible article sentence, long enough to be taken as real text, with commas.</p>" * 3
        + '<p style="display: none">secret hidden words</p>'
        + "<script>var notText = 1;</script></article>"
    )
    page = extract_html(_page(body))
    assert "notText" not in page.source_text
    hidden = [b for b in page.blocks if b.text == "secret hidden words"]
    assert hidden and hidden[0].reason == "hidden" and not hidden[0].keep


def test_double_br_splits_paragraphs() -> None:
    page = extract_html(_page("<div>first part<br><br>second part<br>same block</div>"))
    assert [b.text for b in page.blocks] == ["first part", "second part same block"]


def test_layout_table_is_not_rows() -> None:
    body = (
        "<table><tr><td><p>"
        + "Long paragraph text in a layout table cell. " * 5
        + "</p></td></tr></table>"
    )
    page = extract_html(_page(body))
    assert all(b.kind != "table_row" for b in page.blocks)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("<td></td><td>Lane</td><td>Open</td>", "Lane | Open"),
        ("<td>Lane</td><td> </td><td><img src='x.png'></td><td>Open</td>", "Lane | Open"),
        ("<td>Lane</td><td></td>", "Lane"),
        ("<td><img src='x.png'></td><td>Audio<br>Listen</td>", "Audio\nListen"),
        ("<td>a || b</td><td>c</td>", "a || b | c"),
    ],
)
def test_empty_cells_add_no_separator(row: str, expected: str) -> None:
    page = extract_html(_page(f"<table><tr>{row}</tr><tr><td>x</td><td>y</td></tr></table>"))
    assert next(b.text for b in page.blocks if b.kind == "table_row") == expected


def test_row_of_empty_cells_is_no_block() -> None:
    page = extract_html(_page("<table><tr><td> </td><td></td></tr><tr><td>x</td></tr></table>"))
    assert [b.text for b in page.blocks] == ["x"]


@pytest.mark.parametrize(
    "body",
    [
        "<span><div><p>0000000000000000000000000</p></div></span>",
        "<b><section><div>{prose}</div></section></b>",
        "<div><span><div>{prose}</div></span><span><div>{prose}</div></span>"
        "<span><div>{prose}</div></span></div>",
        "<font><div><p>Lede, with commas, set apart.</p><div>{prose}</div></div></font>",
    ],
)
def test_inline_wrappers_around_blocks(body: str) -> None:
    # Parsers keep a <div> inside a <span>; the container search must not climb into the
    # inline wrapper (it has no block statistics).
    page = extract_html(_page(body.format(prose=_PROSE * 3)))
    assert any(b.keep for b in page.blocks)


def test_deterministic(article: HtmlPage) -> None:
    again = extract_html((FIXTURES / "article.html").read_bytes(), url="https://example.org/news/x")
    assert again.blocks == article.blocks
    assert again.title == article.title


_PROSE = (
    "<p>Councillors approved the plan on Tuesday, after a long debate about costs, noise and"
    " the timetable for the works.</p>"
)


def test_teaser_cards_in_content_are_removed() -> None:
    cards = "".join(
        f"<article><h3>Other story {i}</h3><p>Teaser for another story {i}.</p></article>"
        for i in range(3)
    )
    page = extract_html(_page(f"<main><div class='story'>{_PROSE * 6}{cards}</div></main>"))
    reasons = {b.text: b.reason for b in page.blocks}
    assert reasons["Other story 1"] == "teaser"
    assert any(b.keep and b.text.startswith("Councillors") for b in page.blocks)


def test_tagged_lede_box_does_not_beat_the_body() -> None:
    lede = (
        "<article class='story'><p>Short lede, with a comma, and another, and more.</p></article>"
    )
    paragraphs = "".join(
        f"<p>Body paragraph {i} of the article, with enough words to count as prose;"
        " <a href='/x'>a link</a> here.</p>"
        for i in range(10)
    )
    page = extract_html(_page(f"{lede}<div><div><div>{paragraphs}</div></div></div>"))
    kept = [b.text for b in page.blocks if b.keep]
    assert sum(t.startswith("Body paragraph") for t in kept) == 10


def test_thread_of_articles_is_the_content() -> None:
    posts = "".join(
        f"<article><p>Reply {i}: we had the same trouble with the heater, and the fix was to"
        " bleed the radiators before turning the boiler back on.</p></article>"
        for i in range(5)
    )
    page = extract_html(_page(f"<main><div class='thread'>{posts}</div></main>"))
    assert sum(b.keep for b in page.blocks) == 5


def test_cue_words_never_empty_a_real_container() -> None:
    nav = "<nav>" + "".join(
        f"<a href='/{i}'>Section number {i} of the site</a> " for i in range(14)
    )
    page = extract_html(
        _page(f"{nav}</nav><article><div class='promo'>{_PROSE * 3}</div></article>")
    )
    kept = [b for b in page.blocks if b.keep]
    assert len(kept) == 3 and all(b.text.startswith("Councillors") for b in kept)


def test_link_lists_vs_link_citing_lists() -> None:
    nav = "<ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(5)) + "</ul>"
    bugs = (
        "<ul>"
        + "".join(
            f"<li><a href='/b{i}'>Bug {i}</a>: the importer now keeps the original file dates"
            " when it copies</li>"
            for i in range(3)
        )
        + "</ul>"
    )
    # The link list closes the article (inside the text it would be kept: see
    # test_link_list_inside_the_text_stays_and_headline_list_goes).
    page = extract_html(_page(f"<article>{_PROSE * 5}{bugs}{nav}</article>"))
    reasons = {b.text: b.reason for b in page.blocks}
    assert reasons["Section 1"] == "link_density"
    assert reasons["Bug 1: the importer now keeps the original file dates when it copies"] == (
        "main_content"
    )


def test_linked_items_of_a_prose_list_stay() -> None:
    items = "".join(
        f"<li>Maria fixed a crash in the importer when a file name held a comma, item {i}</li>"
        for i in range(4)
    )
    linked = "<li><a href='/review'>Here is our year in review!</a></li>"
    page = extract_html(_page(f"<article>{_PROSE * 5}<ul>{linked}{items}</ul></article>"))
    reasons = {b.text: b.reason for b in page.blocks}
    assert reasons["Here is our year in review!"] == "main_content"


def test_page_of_only_teasers_keeps_them() -> None:
    cards = "".join(
        f"<article><h2><a href='/s{i}'>Story number {i} of the day</a></h2><p>A summary of"
        f" story {i}, in one sentence with a few clauses, as front pages have.</p></article>"
        for i in range(8)
    )
    more = "".join(f"<p><a href='/m{i}'>More stories from section {i} ›</a></p>" for i in range(6))
    page = extract_html(_page(f"<main><section><h2>Highlights</h2>{cards}{more}</section></main>"))
    kept = _kept(page)
    assert sum(t.startswith("A summary of story") for t in kept) == 8
    assert not any(b.reason == "teaser" for b in page.blocks)


def test_linked_section_heading_and_table_record_stay() -> None:
    section = (
        "<h3><a href='/game'>Night Racer ($20)</a></h3><p>A racing game with a long campaign,"
        " sharp handling and a soundtrack that holds up after many hours of play.</p>"
    )
    rows = "".join(
        f"<tr><th><a href='/f{i}'>Film number {i}</a></th><td>19{i}0</td>"
        f"<td><div>A man relives the same day, again, in a small town {i}.</div></td></tr>"
        for i in range(6)
    )
    table = f"<table><tr><th>Film</th><th>Year</th><th>Plot</th></tr>{rows}</table>"
    page = extract_html(_page(f"<article>{_PROSE * 4}{section}{table}</article>"))
    kept = _kept(page)
    assert "Night Racer ($20)" in kept
    assert any("Film number 3" in t for t in kept)


def test_lede_paragraphs_beside_the_container_join_it() -> None:
    lede = "".join(
        f"<p>Lede paragraph {i} of the story, which opens the report on the council vote and"
        " sets out what the new rules will change for residents.</p>"
        for i in range(4)
    )
    rest = "<div class='ad'>Read more</div><div class='text'>" + _PROSE * 8 + "</div>"
    page = extract_html(_page(f"<div><div><div>{lede}<div>{rest}</div></div></div></div>"))
    kept = _kept(page)
    assert sum(t.startswith("Lede paragraph") for t in kept) == 4
    assert sum(t.startswith("Councillors") for t in kept) == 8


def test_long_prose_survives_a_link_dense_wrapper() -> None:
    categories = "".join(f"<li><a href='/c{i}'>Category {i}</a></li>" for i in range(30))
    tags = " ".join(f"<a href='/t{i}'>topic-{i}</a>" for i in range(60))
    story = (
        "A long report with no markup of its own, set as bare text as small CMSs do: the"
        " council met on Monday, heard the residents, and agreed to repair the road before"
        " the winter, with the work paid from the reserve fund and finished, the mayor said,"
        " before the first snow of the year arrives. Residents welcomed the decision."
    )
    page = extract_html(
        _page(
            f"<div><div><div><ul>{categories}</ul><div>{tags}</div></div><div><p>Road to be"
            f" repaired</p>{story}<div><a href='/'>Back</a></div></div></div></div>"
        )
    )
    assert any(b.keep and b.text.startswith("A long report") for b in page.blocks)
    assert all(not b.keep for b in page.blocks if b.text.startswith(("topic-", "Category")))


def test_lede_in_a_bare_div_beside_the_container_joins_it() -> None:
    # Readability's DIV-to-P idea: a box holding one run of text and no block markup is a
    # paragraph. A sentence there joins the container; a bare URL or a label does not.
    lede = (
        "<div class='lead'>Three people died on Tuesday during protests against the new"
        " government, officials said, as the clashes spread to the capital.</div>"
    )
    url = "<div>https://example.org/news/world/article/another-story-about-the-protests-1234.php</div>"
    label = "<div>Photo gallery</div>"
    page = extract_html(
        _page(f"<div><div><h1>Protests</h1>{lede}{url}{label}<div>{_PROSE * 6}</div></div></div>")
    )
    kept = _kept(page)
    assert any(t.startswith("Three people died") for t in kept)
    assert not any(t.startswith(("https://", "Photo gallery")) for t in kept)
    assert sum(t.startswith("Councillors") for t in kept) == 6


def test_bare_div_with_a_furniture_cue_stays_out() -> None:
    aside = "<aside>We may earn a commission when you buy through links on our site.</aside>"
    page = extract_html(_page(f"<div><div>{_PROSE * 6}</div>{aside}</div>"))
    assert not any(b.keep and b.text.startswith("We may earn") for b in page.blocks)


def test_quoted_post_in_a_social_embed_box_stays() -> None:
    tweet = (
        "<div class='social-media-embed'><blockquote class='twitter-tweet'><p>Yes, this is"
        " real and the state spent half a million dollars on it.</p>&mdash; A Reader"
        " (@reader) November 18, 2019</blockquote></div>"
    )
    share = "<div class='social-share'><p>Share this story with your friends today.</p></div>"
    comments = (
        "<ol class='comments'><li class='comment hentry'><blockquote><p>Great article, thanks"
        " for writing it!</p></blockquote></li></ol>"
    )
    page = extract_html(
        _page(f"<article>{_PROSE * 3}{tweet}{_PROSE * 3}{share}{comments}</article>")
    )
    kept = _kept(page)
    assert any(t.startswith("Yes, this is real") for t in kept)
    assert not any(t.startswith(("Share this story", "Great article")) for t in kept)


def test_link_list_inside_the_text_stays_and_headline_list_goes() -> None:
    tools = "<ul>" + "".join(f"<li><a href='/t{i}'>Editor {i}</a></li>" for i in range(5)) + "</ul>"
    related = (
        "<ul>"
        + "".join(
            f"<li><a href='/s{i}'>Ten strange things about story {i}</a></li>" for i in range(3)
        )
        + "<li><a href='/more'>Nut Mousse</a></li></ul>"
    )
    page = extract_html(
        _page(
            f"<article>{_PROSE * 3}<p>The tools I use every day:</p>{tools}{_PROSE * 3}"
            f"{related}{_PROSE}</article><ul><li><a href='/a'>Home</a></li></ul>"
        )
    )
    reasons = {b.text: b.reason for b in page.blocks}
    assert all(reasons[f"Editor {i}"] == "list_in_text" for i in range(5))
    assert reasons["Ten strange things about story 1"] == "link_density"
    assert reasons["Nut Mousse"] == "link_density"
    assert reasons["Home"] != "list_in_text"


def test_one_word_link_buttons_between_paragraphs_stay_out() -> None:
    buttons = "<ul><li><a href='/s'>teilen</a></li><li><a href='/m'>E-Mail</a></li></ul>"
    page = extract_html(_page(f"<article>{_PROSE * 3}{buttons}{_PROSE * 3}</article>"))
    reasons = {b.text: b.reason for b in page.blocks}
    assert reasons["teilen"] == reasons["E-Mail"] == "link_density"


def test_ui_cluster_and_mathml() -> None:
    player = "<div class='player'><div>Play</div><div>Mute</div><div>0:00</div></div>"
    math = "<p>The root is <math><mi>x</mi><mo>=</mo><mn>2</mn></math> in this case, as shown.</p>"
    page = extract_html(_page(f"<article>{_PROSE * 4}{player}{math}</article>"))
    reasons = {b.text: b.reason for b in page.blocks}
    assert reasons["Play"] == "ui_cluster"
    assert "The root is x=2 in this case, as shown." in _kept(page)


def test_threads_give_the_same_result(article: HtmlPage) -> None:
    from concurrent.futures import ThreadPoolExecutor

    raw = (FIXTURES / "article.html").read_bytes()
    with ThreadPoolExecutor(max_workers=4) as pool:
        pages = list(
            pool.map(lambda _: extract_html(raw, url="https://example.org/news/x"), range(8))
        )
    assert all(p.blocks == article.blocks for p in pages)


# ---------------------------------------------------------------- properties

_TAGS = ["p", "div", "span", "a", "li", "ul", "h2", "pre", "table", "tr", "td", "br", "b", "nav"]
_fragment = st.recursive(
    st.text(max_size=20),
    lambda inner: st.builds(
        lambda tag, parts: f"<{tag}>{''.join(parts)}</{tag}>",
        st.sampled_from(_TAGS),
        st.lists(inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=80, deadline=None)
@given(st.lists(_fragment, max_size=5))
def test_block_invariants(parts: list[str]) -> None:
    html = "<html><body>" + "".join(parts) + "</body></html>"
    page = extract_html(html)
    for block in page.blocks:
        assert isinstance(block, HtmlBlock)
        assert block.text.strip()
        if block.kind != "preformatted":  # pre keeps its indentation
            assert block.text == block.text.strip()
        assert "\n\n" not in block.text
        assert block.kind in KINDS
        assert block.reason
    assert extract_html(html).blocks == page.blocks


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=200))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    for raw in (text, f"<html><body><p>{text}</p><div>{text}</div></body></html>"):
        page = extract_html(raw)
        assert all(b.text.strip() for b in page.blocks)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(raw: bytes) -> None:
    page = extract_html(raw)
    assert isinstance(page.encoding, str)


# ---------------------------------------------------------------- benchmark pages

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def test_scrapinghub_sample_quality() -> None:
    """A coarse guard on 12 real pages (the full measurement is benchmarks/bench_html.py)."""
    data = SHARED / "eval" / "data" / "scrapinghub"
    if not data.is_dir():
        pytest.skip("../shared is absent")
    import json
    import re

    lines = (data / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines()[:12]
    scores = []
    for line in lines:
        gt = json.loads(line)
        html = (data / "html" / f"{gt['id']}.html").read_text(encoding="utf-8")
        body = extract_html(html, url=gt["url"]).body
        want = set(re.findall(r"\w+", gt["body"]))
        got = set(re.findall(r"\w+", body))
        scores.append(2 * len(want & got) / (len(want) + len(got) or 1))
    assert sum(scores) / len(scores) > 0.85
