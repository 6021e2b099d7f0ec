"""segment_dump: paragraph rebuilding, renderer artefacts, offsets and fixes invariants."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean._fix import apply_fixes
from newsclean.dumps import Segment, detect_wrap_width, segment_dump, segment_text

LYNX = """     * Home
     * News

Headline of the day

   The committee met on Monday to discuss the proposal for a new harbour
   wall, which engineers say is needed before the winter storms arrive in
   force.

   A second meeting is planned for next week.[12] Members will vote then on
   the budget.

   Residents who live along the shore road have asked the committee to
   publish the engineers' report before the vote, so that they can comment.
"""


def _texts(text: str) -> list[str]:
    return [s.cleaned for s in segment_dump(text)]


def test_lynx_paragraphs_are_rebuilt_from_wrapped_lines() -> None:
    assert detect_wrap_width(LYNX) is not None
    texts = _texts(LYNX)
    assert texts == [
        "Home",
        "News",
        "Headline of the day",
        "The committee met on Monday to discuss the proposal for a new harbour wall, which "
        "engineers say is needed before the winter storms arrive in force.",
        "A second meeting is planned for next week. Members will vote then on the budget.",
        "Residents who live along the shore road have asked the committee to publish the "
        "engineers' report before the vote, so that they can comment.",
    ]


def test_fixes_carry_reasons_and_full_text_offsets() -> None:
    segs = segment_dump(LYNX)
    reasons = {f.reason for s in segs for f in s.fixes}
    assert {"unwrap_line", "list_marker", "link_mark"} <= reasons
    for seg in segs:
        for fix in seg.fixes:
            assert seg.start <= fix.start <= fix.end <= seg.end
    home = segs[0]
    assert home.kind == "list_item"
    assert LYNX[home.start : home.end] == "* Home"


def test_short_ragged_lines_are_not_joined() -> None:
    text = "Short line one\nShort line two\nAnother one here\n"
    assert detect_wrap_width(text) is None
    assert _texts(text) == ["Short line one", "Short line two", "Another one here"]


def test_glued_sentences_are_split_into_segments() -> None:
    text = "He was born in 1993.Baku was then a different city.The family moved later."
    assert _texts(text) == [
        "He was born in 1993.",
        "Baku was then a different city.",
        "The family moved later.",
    ]


def test_abbreviations_are_not_split() -> None:
    assert _texts("The U.S.Army said so.") == ["The U.S.Army said so."]


def test_space_runs_split_glued_menus() -> None:
    text = "Home     News     Sport\nThe article starts here and goes on for a while."
    assert _texts(text)[:3] == ["Home", "News", "Sport"]


def test_inline_element_lines_are_rejoined() -> None:
    text = "Read about the \nFetch API\n which replaces XHR in most browsers.\n"
    assert _texts(text) == ["Read about the Fetch API which replaces XHR in most browsers."]
    text = "It was a\nsurprise\n, said the mayor.\n"
    assert _texts(text) == ["It was a surprise, said the mayor."]


def test_wrapped_cjk_lines_join_without_space() -> None:
    line = "市" * 38
    text = "\n".join([line] * 8) + "\n"
    segs = segment_dump(text)
    assert len(segs) == 1
    assert segs[0].cleaned == "市" * 38 * 8


def test_empty_and_blank_input() -> None:
    assert segment_dump("") == []
    assert segment_dump("\n \n\t\n") == []


def _check_invariants(text: str, segs: list[Segment]) -> None:
    covered = [False] * len(text)
    prev_end = 0
    for seg in segs:
        assert prev_end <= seg.start < seg.end <= len(text)
        prev_end = seg.end
        assert seg.kind in {"paragraph", "heading", "list_item", "quote"}
        assert not text[seg.start].isspace() and not text[seg.end - 1].isspace()
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


def test_invariants_on_lynx() -> None:
    _check_invariants(LYNX, segment_dump(LYNX))


_ALPHABET = st.sampled_from(
    [*list("ab Z.\n\n   *-•[]12:,?!"), "\xa0", "\t", "ა", "ж", "市", "ب", "é", "\u200b", "😀"]
)


@settings(max_examples=150, deadline=None)
@given(st.text(_ALPHABET, max_size=300))
def test_invariants_hold_on_arbitrary_text(text: str) -> None:
    _check_invariants(text, segment_dump(text))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text("abcdefgh ", min_size=1, max_size=90), min_size=1, max_size=30))
def test_cleaned_text_is_the_raw_span_with_fixes(lines: list[str]) -> None:
    text = "\n".join(lines)
    for seg in segment_dump(text):
        shifted = [f._replace(start=f.start - seg.start, end=f.end - seg.start) for f in seg.fixes]
        assert apply_fixes(text[seg.start : seg.end], shifted).strip() == seg.cleaned


def test_segmentation_is_deterministic() -> None:
    assert segment_dump(LYNX) == segment_dump(LYNX)


def test_short_line_between_paragraphs_is_a_heading() -> None:
    para = (
        "The council said the new bridge would open in the spring, after two years of delays "
        "caused by flooding and a dispute over the contract."
    )
    text = f"{para}\n\nWhat happens next\n\n{para}\n\nshare this\n\nFollow us"
    kinds = {s.cleaned: s.kind for s in segment_dump(text)}
    assert kinds["What happens next"] == "heading"
    assert kinds["share this"] == "paragraph"
    assert kinds["Follow us"] == "paragraph"


def test_second_line_of_a_numbered_item_joins_it_in_a_short_dump() -> None:
    # Too few lines to show a wrap width; the hanging indent under the item's text says that
    # the second line goes on with the item.
    text = (
        "    1. The council voted to rebuild the harbour wall.\n"
        "       Work starts next month, engineers said\n"
    )
    assert [s.cleaned for s in segment_dump(text)] == [
        "1. The council voted to rebuild the harbour wall. Work starts next month, engineers said"
    ]


def test_lines_under_a_bullet_stay_apart() -> None:
    # A teaser under a bullet: its label and its headline, one per line.
    text = "  * Company News\n    Harbour wall to be rebuilt before winter\n"
    assert [s.cleaned for s in segment_dump(text)] == [
        "Company News",
        "Harbour wall to be rebuilt before winter",
    ]
