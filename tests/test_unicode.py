"""Tests for within-line normalisation: each step, the fix contract, and the combined fixes."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean._fix import Fix, apply_fixes
from newsclean.filters._unicode import (
    NormalizationOptions,
    decode_html_entities,
    find_html_entity_fixes,
    find_invisible_character_fixes,
    find_mojibake_fixes,
    find_space_fixes,
    find_text_normalization_fixes,
    find_unicode_form_fixes,
    fix_mojibake,
    normalize_spaces,
    normalize_text,
    normalize_unicode_form,
    remove_invisible_characters,
)

PAIRS: list[tuple[Callable[[str], list[Fix]], Callable[[str], str]]] = [
    (find_html_entity_fixes, decode_html_entities),
    (find_mojibake_fixes, fix_mojibake),
    (find_invisible_character_fixes, remove_invisible_characters),
    (find_unicode_form_fixes, normalize_unicode_form),
    (find_space_fixes, normalize_spaces),
    (find_text_normalization_fixes, normalize_text),
]


# --- each step: input / expected pairs ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q&amp;A", "Q&A"),
        ("it&#8217;s", "it’s"),
        ("it&#x2019;s", "it’s"),
        ("&lt;b&gt;", "<b>"),
        ("10&nbsp;km", "10\u00a0km"),
        ("&amp;amp;", "&amp;"),  # one pass only
        ("AT&T and R&D", "AT&T and R&D"),
        ("a=1&copy=2", "a=1&copy=2"),  # unterminated legacy entity stays
        ("&bogus;", "&bogus;"),
    ],
)
def test_decode_html_entities(text: str, expected: str) -> None:
    assert decode_html_entities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Café au lait", "Café au lait"),
        ("CafÃ© au lait", "Café au lait"),
        ("The Mona Lisa doesnÃ¢â‚¬â„¢t have eyebrows.", "The Mona Lisa doesn’t have eyebrows."),
        ("Ð¡Ð¾Ð±Ñ‹Ñ‚Ð¸Ðµ", "Событие"),
        ("Plain ASCII text.", "Plain ASCII text."),
        ("Ελληνικά, русский, ქართული, 中文", "Ελληνικά, русский, ქართული, 中文"),
        ("ok line\nCafÃ© line\nok again", "ok line\nCafé line\nok again"),
    ],
)
def test_fix_mojibake(text: str, expected: str) -> None:
    assert fix_mojibake(text) == expected


def test_mojibake_fixes_are_local() -> None:
    text = "A long clean sentence here. " * 20 + "CafÃ© and naÃ¯ve. " + "More clean text. " * 20
    fixes = find_mojibake_fixes(text)
    assert [f.replacement for f in fixes] == ["é", "ï"]
    assert all(f.end - f.start == 2 for f in fixes)


@pytest.mark.parametrize(
    ("text", "expected", "reason"),
    [
        ("co\u200boperation", "cooperation", "zero_width_space"),
        ("co\u00adop\u00aderation", "cooperation", "soft_hyphen"),
        ("\ufeffHello", "Hello", "byte_order_mark"),
        ("abc\u200fdef", "abcdef", "bidi_control"),
        ("\u202bשלום\u202c", "שלום", "bidi_control"),
        ("a\u2060b", "ab", "invisible_character"),
        ("a\x00b\x07c", "abc", "control_character"),
    ],
)
def test_remove_invisible_characters(text: str, expected: str, reason: str) -> None:
    assert remove_invisible_characters(text) == expected
    assert {f.reason for f in find_invisible_character_fixes(text)} == {reason}


@pytest.mark.parametrize(
    "text",
    [
        "می\u200cخواهم",  # Persian ZWNJ
        "क्\u200dष",  # Devanagari ZWJ
        "👩\u200d💻",  # emoji ZWJ sequence
        "tab\tand\nnewline\r\n",
    ],
)
def test_joiners_and_line_breaks_are_kept(text: str) -> None:
    assert remove_invisible_characters(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cafe\u0301", "Caf\u00e9"),
        ("\u212b", "\u00c5"),  # Angstrom sign -> A with ring
        ("\u1100\u1161", "\uac00"),  # Hangul jamo compose
        ("Caf\u00e9", "Caf\u00e9"),
    ],
)
def test_normalize_unicode_form(text: str, expected: str) -> None:
    assert normalize_unicode_form(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10\u00a0km", "10 km"),
        ("a  b", "a b"),
        ("a \t b", "a b"),
        ("a\tb", "a b"),
        ("a\u2009b\u202fc\u3000d", "a b c d"),
        ("line one  \n\n  line two", "line one \n\n line two"),
        ("no change here\n", "no change here\n"),
    ],
)
def test_normalize_spaces(text: str, expected: str) -> None:
    assert normalize_spaces(text) == expected


# --- combined -----------------------------------------------------------------------------------


def test_combined_merges_overlapping_fixes() -> None:
    assert find_text_normalization_fixes("a&nbsp; b") == [Fix(1, 8, " ", "html_entity+space_run")]
    assert find_text_normalization_fixes("x&shy;y") == [Fix(1, 6, "", "html_entity+soft_hyphen")]
    assert find_text_normalization_fixes("e\u200b\u0301") == [
        Fix(0, 3, "\u00e9", "zero_width_space+unicode_nfc")
    ]


def test_combined_keeps_separate_fixes_apart() -> None:
    text = "CafÃ© x\u00a0&amp;\u200b  bar"
    assert find_text_normalization_fixes(text) == [
        Fix(3, 5, "é", "mojibake"),
        Fix(7, 8, " ", "exotic_space"),
        Fix(8, 13, "&", "html_entity"),
        Fix(13, 14, "", "zero_width_space"),
        Fix(14, 16, " ", "space_run"),
    ]
    assert normalize_text(text) == "Café x & bar"


def test_options_switch_steps_off() -> None:
    text = "CafÃ©&amp;\u00a0x"
    options = NormalizationOptions(fix_mojibake=False, normalize_spaces=False)
    assert normalize_text(text, options) == "CafÃ©&\u00a0x"
    assert apply_fixes(text, find_text_normalization_fixes(text, options)) == "CafÃ©&\u00a0x"
    with pytest.raises(AttributeError):
        options.fix_mojibake = True  # type: ignore[misc]


def test_ascii_fast_path_returns_nothing() -> None:
    text = "Plain text. " * 1000
    assert find_text_normalization_fixes(text) == []


# --- contract properties -----------------------------------------------------------------------

_NOISY = st.lists(
    st.sampled_from(
        [
            "a",
            "B",
            " ",
            "  ",
            "\t",
            "\n",
            "\u00a0",
            "\u2009",
            "\u3000",
            "\u200b",
            "\u00ad",
            "\ufeff",
            "\u200e",
            "\u200c",
            "\u200d",
            "\x00",
            "\x85",
            "\ud800",
            "\udc80",
            "&amp;",
            "&nbsp;",
            "&shy;",
            "&#8217;",
            "&#x301;",
            "&",
            ";",
            "e\u0301",
            "\u0301",
            "\u0327",
            "Ã©",
            "Ã",
            "â€™",
            "Ð¡",
            "Ã ",
            "é",
            "ქ",
            "щ",
            "\u1100",
            "\u1161",
            "\u212b",
            "\r\n",
        ]
    ),
    max_size=40,
).map("".join)
_TEXT = st.one_of(st.text(max_size=80), _NOISY)


def _check_contract(
    find: Callable[[str], list[Fix]], twin: Callable[[str], str], text: str
) -> None:
    fixes = find(text)
    assert apply_fixes(text, fixes) == twin(text)
    previous_end = -1
    for fix in fixes:
        assert 0 <= fix.start <= fix.end <= len(text)
        assert fix.start >= previous_end
        previous_end = fix.end
        assert fix.replacement != text[fix.start : fix.end]
        assert fix.reason


@pytest.mark.parametrize(("find", "twin"), PAIRS, ids=[p[1].__name__ for p in PAIRS])
@settings(max_examples=80, deadline=None)
@given(text=_TEXT)
def test_fix_contract(
    find: Callable[[str], list[Fix]], twin: Callable[[str], str], text: str
) -> None:
    _check_contract(find, twin, text)


@settings(max_examples=150, deadline=None)
@given(text=_TEXT, flags=st.lists(st.booleans(), min_size=5, max_size=5))
def test_combined_contract_under_options(text: str, flags: list[bool]) -> None:
    options = NormalizationOptions(*flags)
    fixes = find_text_normalization_fixes(text, options)
    assert apply_fixes(text, fixes) == normalize_text(text, options)


@settings(max_examples=100, deadline=None)
@given(text=_TEXT)
def test_normalized_text_properties(text: str) -> None:
    result = normalize_text(text)
    assert unicodedata.is_normalized("NFC", result)
    assert "\u200b" not in result
    assert "  " not in result
    if "&" not in text:  # "&#10;" decodes to a newline
        assert result.count("\n") == text.count("\n")


@pytest.mark.parametrize(
    "text",
    [
        "CafÃ© au lait",
        "doesnâ€™t",
        "РїСЂРёРІРµС‚ РјРёСЂ",
        "Î•Î»Î»Î·Î½Î¹ÎºÎ¬",
        "×©×œ×•×",
        "ä¸­æ–‡",
        "smile ðŸ˜€",
        "voilÃ le travail",
        "Ã  la carte",
    ],
)
def test_prefilter_does_not_hide_mojibake_from_ftfy(text: str) -> None:
    assert fix_mojibake(text) == ftfy.fix_encoding(text)
    assert fix_mojibake(text) != text
