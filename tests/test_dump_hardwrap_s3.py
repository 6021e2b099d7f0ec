"""Hard-wrapped dumps (lynx, w3m): inline image marks, MathML source, attribute text, teasers."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.dumps import Segment, detect_wrap_width, segment_dump, segment_text
from newsclean.dumps._features import BlockFeatures, block_features

_PROSE = (
    "The harbour committee met on Monday to discuss the proposal for a new sea wall, which "
    "the engineers say is needed before the winter storms arrive in force along the coast. "
    "Residents who live along the shore road have asked the committee to publish the report "
    "before the vote, so that they can comment on the plans and on the cost to the town."
)


def _wrap(paragraph: str) -> str:
    """Lay out a paragraph as lynx does: three spaces of indent, lines of at most 78 columns."""
    return textwrap.fill(paragraph, width=78, initial_indent="   ", subsequent_indent="   ")


def _dump(*middle: str) -> str:
    """Return a lynx-like dump: two wrapped paragraphs around the given raw lines."""
    return "\n\n".join([_wrap(_PROSE), *middle, _wrap(_PROSE.replace("Monday", "Friday"))]) + "\n"


def _check_invariants(text: str, segs: list[Segment]) -> None:
    covered = [False] * len(text)
    prev_end = 0
    for seg in segs:
        assert prev_end <= seg.start < seg.end <= len(text)
        prev_end = seg.end
        last = seg.start
        for fix in seg.fixes:
            assert last <= fix.start <= fix.end <= seg.end
            last = fix.end
        assert segment_text(text, seg).strip() == seg.cleaned
        for i in range(seg.start, seg.end):
            covered[i] = True
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert covered[i], (i, ch)


def _middle(text: str) -> list[Segment]:
    segs = segment_dump(text)
    _check_invariants(text, segs)
    assert detect_wrap_width(text) is not None
    return segs[1:-1]


def test_image_file_marks_inside_a_table_row_are_removed() -> None:
    text = _dump("   Load map [finished-2.png] [finished-2.png] [not-finished.png]")
    [row] = _middle(text)
    assert row.cleaned == "Load map"
    assert {f.reason for f in row.fixes} == {"image_mark"}


def test_image_address_before_a_caption_is_removed() -> None:
    text = _dump(
        "   [switch.jpg?width=640&amp;fit=bounds&amp;height=480&amp;quality=20] Save $31\n"
        "   if you get the turquoise model."
    )
    [cap] = _middle(text)
    assert cap.cleaned == "Save $31 if you get the turquoise model."


def test_image_address_broken_across_lines_is_removed_whole() -> None:
    text = _dump(
        "   A few words before [dims?thumbnail=980%2C653&amp;quality=80&amp;image_uri=https%3A%2F\n"
        "   %2Fs.blogcdn.com%2Fslides%2Fgallery-1.jpg&amp;client=cbc79c14] and after it."
    )
    [seg] = _middle(text)
    assert seg.cleaned == "A few words before and after it."


def test_image_mark_between_words_leaves_one_space() -> None:
    text = _dump("   Plant ideas [thumb_01.jpg] for small flats.")
    [seg] = _middle(text)
    assert seg.cleaned == "Plant ideas for small flats."


def test_a_block_of_image_marks_only_stays_whole() -> None:
    text = _dump("   [photo-01.jpg] [photo-02.jpg]")
    [seg] = _middle(text)
    assert seg.cleaned == "[photo-01.jpg] [photo-02.jpg]"
    assert seg.fixes == ()


def test_bracketed_words_are_not_image_marks() -> None:
    text = _dump("   He said [sic] that the plan [Editor's note: since withdrawn] was final.")
    [seg] = _middle(text)
    assert seg.cleaned == "He said [sic] that the plan [Editor's note: since withdrawn] was final."


def _near_fit_dump(last_word: str) -> tuple[str, int]:
    """A wrapped dump whose middle paragraph breaks one column before "Project" would fit."""
    width = detect_wrap_width(_dump("   Short line."))
    assert width is not None
    words = [
        "information",
        "from",
        "the",
        "whale",
        "rescue",
        "group",
        "that",
        "is",
        "known",
        "as",
        "the",
        "rescuers",
        "of",
    ]
    line = "  "
    while len(line) + 1 + len(words[0]) + 1 + len(last_word) <= width - 9:
        line += " " + words.pop(0)
    pad = width - 9 - len(line) - 1 - len(last_word)
    if pad >= 2:
        line += " " + "whales"[: pad - 1].ljust(pad - 1, "s")
    elif pad == 1:
        line += ","
    line += " " + last_word
    # The line ends 9 columns short: " Project" (8 columns) would have fitted with one to spare.
    return _dump(line + "\n   Project Jonah, with 140 pilot whales beaching at once."), width


def test_line_broken_just_short_of_the_width_inside_a_sentence_is_a_wrap() -> None:
    text, width = _near_fit_dump("the")
    line = text.split("\n\n")[1].split("\n")[0]
    assert len(line) + 1 + len("Project") == width - 1
    [seg] = _middle(text)
    assert seg.cleaned.endswith("the Project Jonah, with 140 pilot whales beaching at once.")


def test_line_ending_a_sentence_short_of_the_width_is_not_joined() -> None:
    text, _ = _near_fit_dump("end.")
    assert [s.cleaned[-4:] for s in _middle(text)] == ["end.", "nce."]


def test_numbers_of_an_ordered_list_are_removed_and_items_unwrapped() -> None:
    text = _dump(
        "   The fetch API is an attempt to:\n"
        "    1. Improve the offline experience.\n"
        "    2. Expose the building blocks of the Web to the platform as part of\n"
        "       the extensible web movement."
    )
    segs = _middle(text)
    assert [s.cleaned for s in segs] == [
        "The fetch API is an attempt to:",
        "Improve the offline experience.",
        "Expose the building blocks of the Web to the platform as part of the extensible web "
        "movement.",
    ]
    assert [s.kind for s in segs[1:]] == ["list_item", "list_item"]


def test_w3m_ordered_list_at_the_margin_loses_its_numbers() -> None:
    prose = textwrap.fill(_PROSE, width=78)
    text = f"{prose}\n\n 1. Improve the offline experience.\n 2. Expose the blocks.\n\n{prose}\n"
    segs = segment_dump(text)
    _check_invariants(text, segs)
    assert [s.cleaned for s in segs[1:-1]] == [
        "Improve the offline experience.",
        "Expose the blocks.",
    ]


def test_numbers_the_author_wrote_at_the_body_column_stay() -> None:
    text = _dump(
        "   1. Take any blankets or duvets off the bed, as they are washed far less often than\n"
        "   the sheets.\n"
        "   10. United States"
    )
    assert [s.cleaned for s in _middle(text)] == [
        "1. Take any blankets or duvets off the bed, as they are washed far less often than "
        "the sheets.",
        "10. United States",
    ]


def test_inline_formula_source_joins_its_sentence() -> None:
    text = _dump(
        "   When\n"
        "   [MATH: <mi> a </mi> <mo> ≠ </mo> <mn> 0 </mn> :MATH]\n"
        "   , there are two solutions to\n"
        "   [MATH: <mi> a </mi> <msup> <mi> x </mi> <mn> 2 </mn> </msup> <mo> +\n"
        "   </mo> <mi> c </mi> <mo> = </mo> <mn> 0 </mn> :MATH]\n"
        "   and they are real."
    )
    [seg] = _middle(text)
    assert seg.cleaned == "When a ≠ 0 , there are two solutions to a x 2 + c = 0 and they are real."
    assert "math_markup" in {f.reason for f in seg.fixes}


def test_operator_starting_a_formula_line_is_not_a_bullet() -> None:
    text = _dump(
        "   [MATH: <mn> 1 </mn> <mo> + </mo> <mi> q </mi> <mo>\n   + </mo> <mi> r </mi> :MATH]"
    )
    [seg] = _middle(text)
    assert seg.cleaned == "1 + q + r"
    assert seg.kind == "paragraph"


def test_formula_annotation_and_tex_alt_text_are_removed() -> None:
    text = _dump(
        "   [MATH: <semantics> <mrow> <mi> A </mi> <mo> = </mo> <mi> B </mi> </mrow>\n"
        '   <annotation encoding="application/x-tex"> {\\displaystyle A=B}\n'
        "   </annotation> </semantics> :MATH]\n"
        "   {\\displaystyle A=B} , so the two agree."
    )
    [seg] = _middle(text)
    assert seg.cleaned == "A = B , so the two agree."


def test_formula_without_text_keeps_the_block() -> None:
    text = _dump("   [MATH: <mspace width='1em'></mspace> :MATH]")
    [seg] = _middle(text)
    assert seg.cleaned.startswith("[MATH:")


def _features(text: str) -> BlockFeatures:
    seg = Segment(0, len(text), "paragraph", (), text)
    return block_features(seg, frozenset({"the", "a", "of", "in", "on", "to"}), True)


def test_undecoded_character_reference_marks_attribute_text() -> None:
    alt = "A guest holds her phone at Huawei&#39;s press conference in Dongguan on Friday."
    assert _features(alt).artefact
    quoted = "Sources said &quot;the deal is done&quot; on Friday, according to the report."
    assert _features(quoted).artefact
    tutorial = "In HTML you write &amp; for an ampersand and &lt; for a less-than sign."
    assert not _features(tutorial).artefact
    plain = "A guest holds her phone at Huawei's press conference in Dongguan on Friday."
    assert not _features(plain).artefact


def test_a_block_of_image_marks_is_a_renderer_artefact_and_a_placeholder() -> None:
    marks = (
        "[photo-01.jpg] [photo-02.jpg]",
        "[gif;base64,R0lGODlhAQABAAAAACH5BAEKAA==]",
        "airpods-pro-2.jpg airpods-pro-2.jpg",
    )
    for text in marks:
        f = _features(text)
        assert f.artefact and f.placeholder
    assert not _features(
        "He said [sic] that the plan [photo] was final, and the vote went on."
    ).artefact
    assert not _features("Download the full report as report.pdf from the council site.").artefact


def test_empty_ad_slot_glued_to_a_paragraph_is_removed() -> None:
    text = _dump("   [INS::INS]\u3000\u3000所以，当宇航员在地球轨道上时，将还不得不满足。")
    [seg] = _middle(text)
    assert seg.cleaned == "所以，当宇航员在地球轨道上时，将还不得不满足。"
    assert [f.reason for f in seg.fixes] == ["ad_mark"]


def test_sentence_case_headline_said_twice_is_a_teaser() -> None:
    head = "Three demonstrators killed in clashes with police near a barricaded fuel plant"
    assert _features(f"{head} {head} Another story title").teaser


def test_prose_repeating_a_few_opening_words_is_not_a_teaser() -> None:
    text = (
        "The committee met on Monday. The committee met again on Friday and agreed that the "
        "wall will be built before the storms."
    )
    assert not _features(text).teaser


def test_prose_coming_back_to_its_first_sentence_is_not_a_teaser() -> None:
    first = "The committee met on Monday to discuss the new sea wall for the town."
    text = f"{first} Residents asked for the report before the vote on the budget. {first}"
    assert not _features(text).teaser


_HANGUL = "가나다라마바사아자차카타파하" * 20


def _w3m_korean(break_at_space: bool) -> tuple[str, str]:
    """Return a w3m dump (display columns, width 78) with a Korean paragraph, and its text.

    The paragraph's lines are cut between syllables (39 syllables fill 78 columns); with
    ``break_at_space`` its first line instead ends at a space two syllables short of full.
    """
    filler = "\n".join(["x" * 60 + " yyyyyyyyyyyyyyyyy"] * 6)
    lines = [_HANGUL[i : i + 39] for i in range(0, 39 * 4, 39)] + ["끝."]
    expected = "".join(lines)
    if break_at_space:
        lines[0] = _HANGUL[:37]
        expected = _HANGUL[:37] + " " + "".join(lines[1:])
    return f"{filler}\n\n" + "\n".join(lines) + "\n", expected


def test_w3m_korean_word_cut_between_syllables_is_joined_without_space() -> None:
    text, expected = _w3m_korean(break_at_space=False)
    assert detect_wrap_width(text) == 78
    assert segment_dump(text)[-1].cleaned == expected


def test_w3m_korean_break_at_a_space_keeps_the_space() -> None:
    text, expected = _w3m_korean(break_at_space=True)
    assert segment_dump(text)[-1].cleaned == expected


def test_lynx_korean_broken_at_spaces_keeps_the_spaces() -> None:
    words = " ".join(_HANGUL[i % 7 : i % 7 + 2 + i % 4] for i in range(120))
    body = textwrap.fill(words, width=70, initial_indent="   ", subsequent_indent="   ")
    text = _dump(body)
    [seg] = _middle(text)
    assert seg.cleaned == words


_ALPHABET = st.sampled_from(
    [
        "a",
        "b",
        " ",
        "\n",
        "   ",
        "[",
        "]",
        "<mi>",
        "</mo>",
        "[MATH:",
        ":MATH]",
        "{\\x",
        "}",
        ".png",
        "?w=1",
        "&amp;",
        "+ ",
        "word ",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=120))
def test_invariants_hold_with_markup_pieces(pieces: list[str]) -> None:
    text = "".join(pieces)
    _check_invariants(text, segment_dump(text))


@settings(max_examples=60, deadline=None)
@given(st.lists(_ALPHABET, max_size=40))
def test_invariants_hold_with_markup_inside_a_wrapped_dump(pieces: list[str]) -> None:
    text = _dump("   " + "".join(pieces))
    _check_invariants(text, segment_dump(text))
