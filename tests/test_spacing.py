"""Tests for the glued-sentence repair: fixtures, contract, and Hypothesis properties."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean._fix import Fix, apply_fixes
from newsclean.filters._spacing import (
    GLUED_NUMBER,
    GLUED_SENTENCE,
    GLUED_SENTENCE_CASELESS,
    GLUED_TERMINATOR,
    find_sentence_spacing_fixes,
    repair_sentence_spacing,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "spacing"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REASONS = {GLUED_SENTENCE, GLUED_SENTENCE_CASELESS, GLUED_TERMINATOR, GLUED_NUMBER}


def _negative_cases() -> list[str]:
    lines = (FIXTURES / "negative.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def _positive_cases() -> list[dict[str, str]]:
    lines = (FIXTURES / "positive.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


NEGATIVE = _negative_cases()
POSITIVE = _positive_cases()


def test_fixture_sizes() -> None:
    assert len(NEGATIVE) >= 200
    assert len(POSITIVE) >= 60


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative_case_is_left_alone(text: str) -> None:
    assert find_sentence_spacing_fixes(text) == []
    assert repair_sentence_spacing(text) == text


@pytest.mark.parametrize("case", POSITIVE, ids=[c["note"] for c in POSITIVE])
def test_positive_case_is_repaired_exactly(case: dict[str, str]) -> None:
    assert repair_sentence_spacing(case["input"]) == case["expected"]


@pytest.mark.parametrize("case", POSITIVE, ids=[c["note"] for c in POSITIVE])
def test_positive_fixes_are_space_insertions(case: dict[str, str]) -> None:
    fixes = find_sentence_spacing_fixes(case["input"])
    assert fixes
    assert all(f.start == f.end and f.replacement == " " for f in fixes)
    assert all(f.reason in REASONS for f in fixes)
    assert fixes == sorted(fixes)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("since 1993.Baku had", GLUED_SENTENCE),
        ("on Dec. 6.The band", GLUED_NUMBER),
        ("შეხვედრა გაიმართა.მხარეები", GLUED_SENTENCE_CASELESS),
        ("बैठक कल हुई।दोनों", GLUED_TERMINATOR),
        ("Հանդիպումը ավարտվեց։Կողմերը", GLUED_TERMINATOR),
    ],
)
def test_reason_codes(text: str, reason: str) -> None:
    assert [f.reason for f in find_sentence_spacing_fixes(text)] == [reason]


def test_fix_offsets_point_after_closing_quote() -> None:
    text = "it.”The"
    assert find_sentence_spacing_fixes(text) == [Fix(4, 4, " ", GLUED_SENTENCE)]


def test_seed_sample_boundaries() -> None:
    text = (
        "digital health.Israel and Azerbaijan are expected to sign an agreement. Israel has had "
        "an embassy in Baku since 1993.Baku had been hesitant. Posted 30.05.23 13:26. "
        "Loading data... in that period.About 40% of the petroleum"
    )
    expected = (
        "digital health. Israel and Azerbaijan are expected to sign an agreement. Israel has had "
        "an embassy in Baku since 1993. Baku had been hesitant. Posted 30.05.23 13:26. "
        "Loading data... in that period. About 40% of the petroleum"
    )
    assert repair_sentence_spacing(text) == expected


def test_cjk_is_untouched() -> None:
    text = "今天天气很好。我们去公园吧。東京は晴れです.明日は雨です。"
    assert repair_sentence_spacing(text) == text


def test_dotted_chains_are_decided_as_a_whole() -> None:
    assert repair_sentence_spacing("Call System.Console.WriteLine now.") == (
        "Call System.Console.WriteLine now."
    )
    assert repair_sentence_spacing("clear.Really.How") == "clear. Really. How"


@pytest.mark.parametrize("text", ["www.The।www.", "www.The.The", "said.Hello!World", "a.B.c!D"])
def test_idempotent_on_found_counterexamples(text: str) -> None:
    once = repair_sentence_spacing(text)
    assert repair_sentence_spacing(once) == once


def test_empty_and_trivial_inputs() -> None:
    for text in ["", ".", "...", "A.", ".A", "?!", "a.B", "\n.\n"]:
        assert repair_sentence_spacing(text) == text


# --- Hypothesis properties --------------------------------------------------------------------

_GLUE_ALPHABET = st.sampled_from(
    [
        *"aAbBzZ .!?…\"'“”‘’«»„()[]:;\n-@/_0123456789",
        *["é", "É", "В", "в", "Ω", "ω", "Հ", "ա", "ა", "ש", "한", "中", "।", "։", "\u0301"],
        *["\ud800", "\udfff", "\u00a0", "\u202f", "¿", "»", "…"],
    ]
)
_GLUE_TEXT = st.lists(
    st.one_of(
        _GLUE_ALPHABET,
        st.sampled_from(
            ["said", "The", "Dr", "e.g", "U.S", "com", "www.", "://", "Baku", "1993", "й", "12"]
        ),
    ),
    max_size=60,
).map("".join)


def _remove_inserted_spaces(original: str, fixes: list[Fix]) -> str:
    repaired = apply_fixes(original, fixes)
    out = []
    pos = 0
    for k, fix in enumerate(fixes):
        shifted = fix.start + k
        out.append(repaired[pos:shifted])
        assert repaired[shifted] == " "
        pos = shifted + 1
    out.append(repaired[pos:])
    return "".join(out)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(), _GLUE_TEXT))
def test_repair_only_inserts_whitespace(text: str) -> None:
    fixes = find_sentence_spacing_fixes(text)
    assert all(f.start == f.end and f.replacement.isspace() for f in fixes)
    assert [f.start for f in fixes] == sorted({f.start for f in fixes})
    assert _remove_inserted_spaces(text, fixes) == text


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(), _GLUE_TEXT))
def test_repair_is_idempotent(text: str) -> None:
    once = repair_sentence_spacing(text)
    assert repair_sentence_spacing(once) == once


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=200))
def test_never_raises_on_arbitrary_unicode(text: str) -> None:
    result = repair_sentence_spacing(text)
    assert re.sub(r" ", "", result) == re.sub(r" ", "", text)


def test_adversarial_inputs_complete() -> None:
    # Timing lives in benchmarks/bench_spacing.py; here only that they finish and do nothing.
    for text in ["." * 20_000, "1." * 10_000, "A" * 20_000, "a.B" * 5_000]:
        repair_sentence_spacing(text)


def test_shared_dump_sample_is_repaired() -> None:
    seed = SHARED / "seeds" / "000_af9fd168a373d8b8.txt"
    if not seed.exists():
        pytest.skip("../shared is not available")
    text = seed.read_text(encoding="utf-8")
    repaired = repair_sentence_spacing(text)
    assert "1993. Baku" in repaired
    assert "health. Israel" in repaired
    assert "30.05.23 13:26" in repaired
    assert "Loading data..." in repaired
