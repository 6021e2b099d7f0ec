"""Date vocabulary for many languages, built lazily from CLDR data (via Babel).

Month and weekday names, the per-language default day/month order and the relative-time
phrases ("3 hours ago", "vor 3 Stunden") come from Babel's CLDR tables. Babel has no
"yesterday"/"today" words, so those ship as package data generated from CLDR-derived tables
by ``tools/gen_dates_data.py``. Everything is built once per process and cached.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Languages whose month/weekday names are recognised. Regional variants are listed where they
# name months differently (Levantine Arabic, Latin Serbian) or order dates differently.
LANGUAGES: tuple[str, ...] = (
    "en", "de", "de_AT", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "nn", "fi", "et", "lv",
    "lt", "pl", "cs", "sk", "sl", "hr", "sr", "sr_Latn", "bs", "hu", "ro", "bg", "mk", "ru", "uk",
    "be", "el", "tr", "az", "ka", "hy", "kk", "uz", "ar", "ar_SY", "fa", "he", "ur", "hi", "bn",
    "id", "ms", "vi", "th", "zh", "ja", "ko", "ca", "eu", "gl", "sq", "is", "ga", "cy", "af",
    "sw", "fil", "ky", "mn", "ta",
)  # fmt: skip

# Relative units that still pin a day: months and years ago do not.
_RELATIVE_UNITS: dict[str, int] = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 7 * 86400,
}


def fold(text: str) -> str:
    """Return the lookup key for a word: NFC, casefolded, inner whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """Return :func:`fold` of a short token, cached: a scan folds the same words many times."""
    return fold(word)


@dataclass(frozen=True)
class Vocabulary:
    """Every language's date words merged into lookup tables keyed by :func:`fold`."""

    months: Mapping[str, Mapping[str, int]]  # folded name -> {language: month}
    weekdays: frozenset[str]
    relative_templates: Mapping[str, int]  # folded "{0} hours ago" -> seconds per unit
    relative_days: Mapping[str, tuple[str, int]]  # folded "yesterday" -> (language, days back)
    relative_starters: frozenset[str]  # first words of phrases that open with a word
    relative_units: frozenset[str]  # first words after the number ("hours", "Stunden")


def _month_forms(locale: object) -> Iterable[tuple[str, int]]:
    months = locale.months  # type: ignore[attr-defined]
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in months[context][width].items():
                yield name, number


def _add_name(table: dict[str, dict[str, int]], name: str, lang: str, number: int) -> None:
    key = fold(name).rstrip(".")
    # Names carrying digits ("5月") are matched by the CJK numeric pattern instead.
    # Two-letter Latin abbreviations are too often ordinary words; other scripts have
    # genuine two-letter month names (Hindi "मई", Chinese "五月").
    if not key or any(ch.isdigit() for ch in key) or len(key) < (3 if key.isascii() else 2):
        return
    table.setdefault(key, {}).setdefault(lang, number)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Build the merged vocabulary once (about 0.3 s); later calls are free."""
    from babel import Locale

    months: dict[str, dict[str, int]] = {}
    weekdays: set[str] = set()
    templates: dict[str, int] = {}
    starters: set[str] = set()
    units: set[str] = set()
    for code in LANGUAGES:
        locale = Locale.parse(code)
        lang = code.split("_")[0]
        for name, number in _month_forms(locale):
            _add_name(months, name, lang, number)
            # Sites often drop the abbreviation dot or the diacritics' case forms; the
            # dotless form is covered by rstrip above, "Sept" style four-letter cuts here.
            key = fold(name).rstrip(".")
            if len(key) > 4 and key.isalpha():
                _add_name(months, key[:4], lang, number)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for name in locale.days[context][width].values():
                    key = fold(name).rstrip(".")
                    if len(key) >= 2:
                        weekdays.add(key)
        fields = locale._data["date_fields"]
        for unit, seconds in _RELATIVE_UNITS.items():
            for variant in (unit, unit + "-short"):
                past = fields.get(variant, {}).get("past", {})
                for template in past.values():
                    if "{0}" in template:
                        folded = fold(template)
                        templates["".join(folded.split())] = seconds
                        before, _, after = folded.partition("{0}")
                        head = before.split()
                        if head:
                            starters.add(head[0])
                        tail = after.split()
                        if tail:
                            units.add(tail[0].rstrip("."))
    return Vocabulary(
        months=months,
        weekdays=frozenset(weekdays),
        relative_templates=templates,
        relative_days=_load_relative_days(),
        relative_starters=frozenset(starters),
        relative_units=frozenset(units),
    )


def _load_relative_days() -> dict[str, tuple[str, int]]:
    path = Path(__file__).resolve().parents[1] / "data" / "dates" / "relative_days.json"
    data: dict[str, dict[str, list[str]]] = json.loads(path.read_text(encoding="utf-8"))
    table: dict[str, tuple[str, int]] = {}
    for lang, by_offset in sorted(data.items()):
        for offset, words in sorted(by_offset.items()):
            for word in words:
                table.setdefault(fold(word), (lang, int(offset)))
    return table


@lru_cache(maxsize=256)
def language_order(language: str) -> str | None:
    """Return "DMY", "MDY" or "YMD" from the CLDR short date pattern of ``language``.

    ``language`` may be a BCP 47 tag ("en-GB"); unknown tags give None.
    """
    from babel import Locale, UnknownLocaleError

    tag = language.strip().replace("-", "_")
    if not tag:
        return None
    try:
        locale = Locale.parse(tag)
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    pattern = locale.date_formats["short"].pattern
    positions = {}
    for letter in "yMd":
        index = pattern.find(letter)
        if index < 0:
            return None
        positions[letter] = index
    order = "".join(sorted(positions, key=positions.__getitem__)).upper()
    return {"DMY": "DMY", "MDY": "MDY", "YMD": "YMD"}.get(order)
