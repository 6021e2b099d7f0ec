"""TrackedText keeps edits tied to source offsets however many filters touch a block."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean._fix import Fix, apply_fixes
from newsclean._model import replay
from newsclean._tracked import TrackedText


def test_insertion_is_recorded_in_source_offsets() -> None:
    source = "xx since 1993.Baku had"
    tracked = TrackedText(source, 3, len(source))
    tracked.apply([Fix(11, 11, " ", "glued_sentence")], "spacing")
    assert tracked.text == "since 1993. Baku had"
    (edit,) = tracked.edits()
    assert (edit.start, edit.end, edit.before, edit.after) == (14, 14, "", " ")
    assert (edit.filter, edit.reason) == ("spacing", "glued_sentence")


def test_edit_inside_an_earlier_edit_is_merged_with_both_names() -> None:
    source = "a\n   b.C"
    tracked = TrackedText(source, 0, len(source))
    tracked.apply([Fix(1, 5, " ", "unwrap_line")], "segment")
    assert tracked.text == "a b.C"
    tracked.apply([Fix(1, 2, "  ", "widen")], "other")
    (edit,) = tracked.edits()
    assert edit.before == "\n   " and edit.after == "  "
    assert edit.filter == "segment+other" and edit.reason == "unwrap_line+widen"


@st.composite
def _fix_rounds(draw: st.DrawFn) -> tuple[str, int, int, list[list[tuple[int, int, str]]]]:
    source = draw(st.text(alphabet="ab .\n", max_size=14))
    start = draw(st.integers(0, len(source)))
    end = draw(st.integers(start, len(source)))
    rounds = draw(
        st.lists(
            st.lists(
                st.tuples(
                    st.integers(0, 20), st.integers(0, 3), st.sampled_from(["", " ", "XY", "\n\n"])
                ),
                max_size=4,
            ),
            min_size=1,
            max_size=4,
        )
    )
    return source, start, end, rounds


@settings(max_examples=400, deadline=None)
@given(_fix_rounds())
def test_replaying_edits_reproduces_the_current_text(case: tuple) -> None:  # type: ignore[type-arg]
    source, start, end, rounds = case
    tracked = TrackedText(source, start, end)
    current = source[start:end]
    for number, raw in enumerate(rounds):
        fixes: list[Fix] = []
        pos = 0
        for offset, length, replacement in raw:
            s = min(pos + offset, len(current))
            e = min(s + length, len(current))
            if s < pos or current[s:e] == replacement:
                continue
            fixes.append(Fix(s, e, replacement, f"r{number}"))
            pos = e + 1
        tracked.apply(fixes, f"f{number}")
        current = apply_fixes(current, fixes)
        assert tracked.text == current
    assert replay(source, [], tracked.edits()) == source[:start] + current + source[end:]
