"""Scan text for date expressions and turn them into validated datetimes.

One precompiled ``regex`` pattern finds every candidate (numeric dates, dates with month names
in any of the supported languages, CJK year-month-day, relative phrases); a second, anchored
pattern reads an attached time and zone. Month names are matched through a trie-shaped
alternation so the scan cost does not grow with the number of languages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import NamedTuple

import regex

from ._dates_lang import LANGUAGES, Vocabulary, fold, fold_word, language_order, vocabulary

ORDERS = ("DMY", "MDY", "YMD")
MIN_YEAR = 1990
OLDEST_FULL_YEAR = 1900
# Thai sites write Buddhist-era years (2566 = 2023).
_BUDDHIST_OFFSET = 543

# Common zone abbreviations. Ambiguous ones (IST, CST in Asia, ET without DST knowledge) are
# left out or given the reading that dominates in news datelines.
ZONES: dict[str, float] = {
    "utc": 0, "gmt": 0, "z": 0, "wet": 0, "west": 1, "bst": 1, "cet": 1, "cest": 2,
    "mez": 1, "mesz": 2, "eet": 2, "eest": 3, "msk": 3, "мск": 3, "trt": 3, "get": 4,
    "amt": 4, "azt": 4, "gst": 4, "pkt": 5, "ist": 5.5, "ict": 7, "wib": 7, "hkt": 8,
    "sgt": 8, "awst": 8, "jst": 9, "kst": 9, "aest": 10, "aedt": 11, "nzst": 12, "nzdt": 13,
    "est": -5, "edt": -4, "et": -5, "cst": -6, "cdt": -5, "ct": -6, "mst": -7, "mdt": -6,
    "pst": -8, "pdt": -7, "pt": -8, "akst": -9, "akdt": -8, "hst": -10, "brt": -3, "art": -3,
}  # fmt: skip

_ZONE_RX = (
    r"(?:\(\s*)?(?P<zone>(?:utc|gmt)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?|[+\-−]\d{2}:?\d{2}(?!\d)|"
    r"(?:" + "|".join(sorted((regex.escape(z) for z in ZONES), key=len, reverse=True)) + r")"
    r"(?!\w))(?:\s*\))?"
)

# Plain ``re``: no ``regex`` extension needed, and about twice as fast per call.
_TIME_AFTER = re.compile(
    r"(?:\s*(?:,|\||[\-–—/•·@]|\.(?=\s*\d{1,2}:)|at|um|à|a\s+las|alle|ore|в|о|об|om|kl\.?|klo|saat|"
    r"o\s+godz\.?|godz\.?|ás|às|a\s+les|kell|u)?\s*|T)"
    r"(?P<h>\d{1,2})(?:(?P<sep>[:h.])(?P<mi>\d{2})(?!\d)(?::(?P<s>\d{2})(?:[.,]\d+)?)?"
    r"|(?=\s*[ap]\.?\s?m\b))"
    r"(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?"
    r"(?:\s*(?:uhr|hs|hrs|h|ч\.?|óra|val)(?!\w))?"
    r"(?:\s*" + _ZONE_RX + r")?",
    re.I,
)
_TIME_BEFORE = regex.compile(
    r"(?<![\d:.])(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?"
    r"(?:\s*(?:uhr|h|ч\.?))?(?:\s*" + _ZONE_RX + r")?\s*(?:[,|\-–—/•·]\s*)?"
    r"(?:[^\W\d_]{2,9}\.?,?\s+)?$",
    regex.I,
)
_ZONE_ONLY = regex.compile(r"\s*" + _ZONE_RX, regex.I)
_ZONE_START = regex.compile(r"\s*[(+\-−\p{L}]")
_DIGITS = regex.compile(r"\d+")


def _tokens(word: str) -> list[str]:
    """Split a word or relative template into regex tokens ("{0}" is the number)."""
    out: list[str] = []
    rest = word
    while rest:
        if rest.startswith("{0}"):
            out.append(r"\d{1,3}")
            rest = rest[3:]
        elif rest[0].isspace():
            out.append(r"\s*")
            rest = rest[1:]
        else:
            out.append(regex.escape(rest[0]))
            rest = rest[1:]
    return out


def _trie_pattern(words: list[str]) -> str:
    """Return a regex alternation for ``words`` shaped as a prefix trie (fast to match)."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for token in _tokens(word):
            node = node.setdefault(token, {})
        node[""] = {}

    def render(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [tok + render(child) for tok, child in sorted(node.items()) if tok]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return render(trie)


# A month-name token: letters (with marks), inner dots or apostrophes ("มี.ค", "d’abril"),
# an optional final abbreviation mark. It is checked against the CLDR table after matching,
# which keeps the pattern small: the regex engine's cost grows with the pattern's size.
_NAME = r"[^\W\d_]+(?:[.’'׳॰][^\W\d_]+)*[׳॰]?"
_CONNECTOR = r"(?!(?:de|of|del|di|van|the|le|la|el)\s)"
# Cased letters for glued text, case-sensitive inside the case-insensitive patterns (plain
# ``re`` has no \p{Lu}/\p{Ll}): a year glued to the next block's capital ("01.12.2021Mit"),
# a day glued to the previous block's last lower-case letter.
_GLUED_CAPITAL = r"(?-i:[A-ZÀ-ÖØ-ÞА-ЯЁ])[^\W\d_]"
_GLUED_LOWER = r"(?-i:[a-zß-öø-ÿа-яё])"


@lru_cache(maxsize=1)
def date_patterns() -> tuple[tuple[re.Pattern[str], ...], tuple[regex.Pattern[str], ...]]:
    """Compile the small anchored patterns tried at a number and at a word (cached).

    Several small patterns beat one large alternation: the engine's per-call cost grows
    with the pattern's size and its number of groups.
    """
    multi = sorted(k for k in vocabulary().months if not regex.fullmatch(_NAME, k))
    name = "(?:" + (_trie_pattern(multi) + "|" if multi else "") + _CONNECTOR + _NAME + ")"
    month_end = r"(?:\.|(?!\w))"
    ordinal = r"(?:st|nd|rd|th|er|e|º|ª|\.|-?го|-?е|-?я|-?ого)?"
    at_number = (
        # 2023-05-30, 2023/05/30, 2023.05.30, 2023. 05. 30.
        r"(?<![\d.,/:\-])(?P<Y1>\d{4})(?P<s1>[./\-]|\.\s)(?P<M1>\d{1,2})(?P=s1)(?P<D1>\d{1,2})"
        r"(?!\d|[.,/\-]\d)\.?",
        # 30.05.23, 05/30/2023, 30-05-2023, 30. 5. 2023
        r"(?<![\d.,/:\-])(?P<A>\d{1,2})(?P<s2>[./\-]|\.\s)(?P<B>\d{1,2})(?P=s2)"
        r"(?P<C>\d{4}(?=\d{1,2}(?::\d{2}|\.\s?[^\W\d_]|\.\d))|\d{4}(?="
        + _GLUED_CAPITAL
        + r"|\s?[\-–]\s?\d{1,2}:\d{2})"
        r"|(?:\d{4}|\d{2})(?![\d_]|[^\W\d_]{2}|[.,/\-]\d))",
        # 30 May 2023, 1er mai 2023, 30-го мая, 5 de junio de 2023
        # Renderers that drop block breaks glue a dateline to the word before it
        # ("Kulturtechnik25. Oktober 2023", "duyurdu.30 Ekim 2020"): a lower-case letter
        # (or a word and a full stop) may touch the day.
        r"(?:(?<![\w.])|(?<=" + _GLUED_LOWER + r")|(?<=" + _GLUED_LOWER + r"\.))"
        r"(?P<D3>\d{1,2})" + ordinal + r"(?:\s+(?:de|of|del|di|van)\s+|[\s./\-]*)"
        r"(?P<N3>" + name + r")" + month_end + r"(?:(?:,?\s*|\s+de\s+|\s+del\s+|[\-./])"
        r"(?P<Y3>\d{4}(?=\d{1,2}(?::\d{2}|\.\s?[^\W\d_]|\.\d))|(?:\d{4}|['’]?\d{2}(?![:.,]?\d)(?!\s*[^\W\d_]{3}))(?![\d:])))?",
        # 2023. május 30., 2023 m. gegužės 30 d., 2023-May-30
        r"(?<![\d.])(?P<Y5>\d{4})(?:\s*(?:m\.|г\.|\.|,|-|/))?\s*(?P<N5>"
        + name
        + r")"
        + month_end
        + r"\s*(?P<D5>\d{1,2})(?!\d)",
        # 2023年5月30日, 2023년 5월 30일
        r"(?<!\d)(?P<Y6>\d{4})\s*[年년]\s*(?P<M6>\d{1,2})\s*[月월]\s*(?P<D6>\d{1,2})\s*[日일]?",
    )
    at_word = (
        # May 30, 2023, Sept. 5 2023
        r"(?:(?<!\w)|(?<=\p{Ll}|\p{Lo})(?=\p{Lu}))(?P<N4>"
        + name
        + r")"
        + month_end
        + r"\s*(?P<D4>\d{1,2})(?:\s?(?:st|nd|rd|th))?"
        r"(?![\d:.]\d|\d)(?:(?:,\s*|\s+)(?P<Y4>\d{4}(?=\d{1,2}(?::\d{2}|\.\s?[^\W\d_]|\.\d))|\d{4}(?!\d)))?",
    )
    # The patterns tried at a number need no ``regex`` extension, and the standard engine
    # matches them about twice as fast (the patterns tried at a word use \p{Ll}).
    return (
        tuple(re.compile(p, re.I) for p in at_number),
        tuple(regex.compile(p, regex.I) for p in at_word),
    )


class Raw(NamedTuple):
    """A candidate as found, before the day/month order is settled.

    A named tuple rather than a frozen dataclass: scanning builds one per candidate, and
    tuple construction is several times cheaper.
    """

    start: int
    end: int
    kind: str  # "ymd" | "numeric" | "named" | "relative" | "relative_day"
    year: int | None  # None: no year written
    first: int  # numeric: first number; otherwise the month
    second: int  # numeric: second number; otherwise the day
    sep: str
    full_year: bool
    two_digit_year: bool
    month_langs: tuple[str, ...] = ()
    seconds_ago: int = 0
    month_key: str = ""
    clock_after: object = None  # what read_time_after returned at ``end`` (None: nothing)


_DIGIT_RUN = regex.compile(r"\d+")
_WORD_AT = regex.compile(r"(?<![^\W\d_])[^\W\d_]+")
# Word starts, including a capital glued to a lower-case letter ("KirovaOctober 31st"), as
# renderers that drop block separators produce.
_WORD_START = regex.compile(r"(?<![^\W\d_])(?=[^\W\d_])|(?<=\p{Ll}|\p{Lo})(?=\p{Lu})")
_LETTERS = regex.compile(r"[^\W\d_]+")
# How far before a number a month name or a relative prefix ("il y a") may start.
_LOOKBACK = 24
# Texts this short are read as a dateline: a free-standing "yesterday" counts there.
SHORT_TEXT = 80


def scan(text: str) -> list[Raw]:
    """Return every date-like candidate in ``text`` in order.

    Every date but a bare "yesterday" holds a digit, so the pattern is only tried at the
    start of each run of digits and at the word starts just before it: the cost follows the
    number of digit runs, not the length of the text or the number of languages.
    """
    out: list[Raw] = []
    vocab = vocabulary()
    at_number, at_word = date_patterns()
    year_first = (at_number[0], at_number[3], at_number[4])
    short_first = (at_number[1], at_number[2])
    starters = _starter_words()
    last_end = 0
    for digits in _DIGIT_RUN.finditer(text):
        start = digits.start()
        if start < last_end:
            continue
        if start > 1 and text[start - 1] in ".,/:-" and text[start - 2].isdigit():
            # The tail of a decimal, version, IP or clock ("1.9.22", "13:26"): no date starts
            # here, and skipping keeps number-heavy input cheap.
            continue
        window = max(last_end, start - _LOOKBACK)
        tries = []
        for w in _WORD_START.finditer(text, window, start):
            word = _LETTERS.match(text, w.start(), start)
            if word is not None and _head_key(word.group()) in starters:
                tries.append(w.start())
        tries.append(start)
        raw = None
        # The patterns tried at a number open with two digits (day/month first) or four
        # (year first): the run's length picks the group, so most numbers try none.
        width = digits.end() - start
        here = short_first if width <= 2 else year_first if width == 4 else ()
        for pos in tries[-3:]:
            for rx in here if pos == start else at_word:
                m = rx.match(text, pos)
                if m is not None:
                    raw = _raw_from_match(m, vocab.months)
                    if raw is not None:
                        break
            if raw is not None:
                break
        if raw is None:
            raw = _relative_at(text, digits, tries[:-1], vocab)
        if raw is not None:
            after = read_time_after(text, raw.end)
            raw = raw._replace(clock_after=after)
            out.append(raw)
            last_end = after.end if isinstance(after, Clock) else raw.end
    if len(text) <= SHORT_TEXT and not out:
        out = _day_words(text)
    return out


@lru_cache(maxsize=65536)
def _head_key(word: str) -> str:
    return fold(_camel_head(word))


def _camel_head(word: str) -> str:
    # "OctoberDaniela" -> "October": the word up to the next glued capital.
    for i in range(1, len(word)):
        if word[i].isupper() and word[i - 1].islower():
            return word[:i]
    return word


@lru_cache(maxsize=1)
def _starter_words() -> frozenset[str]:
    """Folded first words of month names, relative phrases and day words."""
    vocab = vocabulary()
    words: set[str] = set()
    for key in (*vocab.months, *vocab.relative_days):
        first = _WORD_AT.search(key)
        if first is not None and first.start() == 0:
            words.add(first.group())
    return frozenset(words) | vocab.relative_starters


@lru_cache(maxsize=1)
def _day_word_pattern() -> regex.Pattern[str]:
    words = _trie_pattern(sorted(vocabulary().relative_days))
    return regex.compile(r"(?P<W>" + words + r")(?!\w)", regex.I)


@lru_cache(maxsize=1)
def _day_word_probe() -> regex.Pattern[str]:
    # One search over a short block rules out most of them before any per-word work.
    return regex.compile(
        r"(?<![^\W\d_])(?:" + _trie_pattern(sorted(vocabulary().relative_days)) + r")(?!\w)",
        regex.I,
    )


def _day_words(text: str) -> list[Raw]:
    """Find free-standing relative day words ("yesterday") in a short dateline."""
    reldays = vocabulary().relative_days
    out: list[Raw] = []
    if _day_word_probe().search(text) is None:
        return out
    starters = _starter_words()
    for start in _WORD_AT.finditer(text):
        if fold_word(start.group()) not in starters:
            continue
        m = _day_word_pattern().match(text, start.start())
        if m is None:
            continue
        entry = reldays.get(fold(m.group("W")))
        if entry is not None:
            lang, days = entry
            out.append(Raw(m.start(), m.end(), "relative_day", None, 0, 0, "", False, False,
                           (lang,), seconds_ago=days * 86400))  # fmt: skip
            break
    return out


_WORDS_AFTER = regex.compile(r"(?:\s*[^\W\d_]+\.?){1,3}")
_SPACES = regex.compile(r"\s+")
_UNIT_WORD = regex.compile(r"\s*([^\W\d_]+\.?)")


@lru_cache(maxsize=1)
def _spaceless_units() -> tuple[str, ...]:
    # Scripts without spaces glue the unit to what follows ("3小时前"): match its start.
    return tuple(sorted(u for u in vocabulary().relative_units if not u.isascii()))


def relative_key(text: str) -> str:
    """Return the lookup form of a relative phrase: folded, without spaces."""
    return _SPACES.sub("", fold(text))


def _relative_at(
    text: str, digits: regex.Match[str], word_starts: list[int], vocab: Vocabulary
) -> Raw | None:
    """Read "3 hours ago" / "vor 3 Stunden" / "il y a 3 heures" around a number."""
    if len(digits.group()) > 3:
        return None
    if not word_starts:
        next_word = _UNIT_WORD.match(text, digits.end())
        # Cheap exit for the many numbers that are no relative phrase: the word after the
        # number must be a unit ("hours", "Stunden"), or the script writes no spaces (CJK).
        if next_word is None:
            return None
        word = fold_word(next_word.group(1)).rstrip(".")
        if word not in vocab.relative_units and not word.startswith(_spaceless_units()):
            return None
    templates = vocab.relative_templates
    after = _WORDS_AFTER.match(text, digits.end())
    tails = [digits.end()]
    if after is not None:
        tails = [m.end() for m in _WORD_AT.finditer(text, digits.end(), after.end())] + tails
    head_starts = [*word_starts[-3:], digits.start()]
    for head in head_starts:
        prefix = text[head : digits.start()]
        if "\n" in prefix:
            continue
        for tail in sorted(tails, reverse=True):
            key = relative_key(prefix + "{0}" + text[digits.end() : tail])
            unit = templates.get(key)
            if unit is not None:
                seconds = int(digits.group()) * unit
                return Raw(head, tail, "relative", None, 0, 0, "", False, False,
                           seconds_ago=seconds)  # fmt: skip
    for head in word_starts[-3:]:
        m = _day_word_pattern().match(text, head)
        if m is not None and m.end() <= digits.start():
            entry = vocab.relative_days.get(fold(m.group("W")))
            if entry is not None:
                # "вчера, 13:26": the day word is the date; the time is read later.
                return Raw(m.start(), m.end(), "relative_day", None, 0, 0, "", False, False,
                           (entry[0],), seconds_ago=entry[1] * 86400)  # fmt: skip
    return None


def _year_value(token: str) -> tuple[int, bool, bool]:
    token = token.lstrip("'’")
    value = int(token)
    return value, len(token) == 4, len(token) == 2


def _raw_from_match(
    m: re.Match[str] | regex.Match[str], months: Mapping[str, Mapping[str, int]]
) -> Raw | None:
    g = m.groupdict()
    start, end = m.span()
    try:
        if "Y1" in g:
            return Raw(start, end, "ymd", int(g["Y1"]), int(g["M1"]), int(g["D1"]),
                       g["s1"].strip(), True, False)  # fmt: skip
        if "A" in g:
            value, full, two = _year_value(g["C"])
            return Raw(start, end, "numeric", value, int(g["A"]), int(g["B"]),
                       g["s2"].strip(), full, two)  # fmt: skip
        if "Y6" in g:
            return Raw(start, end, "ymd", int(g["Y6"]), int(g["M6"]), int(g["D6"]), "年",
                       True, False)  # fmt: skip
        for n_key, d_key, y_key in (("N3", "D3", "Y3"), ("N4", "D4", "Y4"), ("N5", "D5", "Y5")):
            if n_key not in g:
                continue
            month_key = fold_word(g[n_key]).rstrip(".")
            langs = months.get(month_key)
            if not langs:
                return None
            month = _pick_month(month_key)
            year: int | None = None
            full = two = False
            if g[y_key] is not None:
                year, full, two = _year_value(g[y_key])
            return Raw(start, end, "named", year, month, int(g[d_key]), n_key, full, two,
                       tuple(sorted(langs)), month_key=month_key)  # fmt: skip
    except (ValueError, OverflowError):
        return None
    return None


_LANGUAGE_RANK = {code.split("_")[0]: i for i, code in reversed(list(enumerate(LANGUAGES)))}


@lru_cache(maxsize=4096)
def _pick_month(month_key: str) -> int:
    # When languages disagree ("listopad": Polish/Czech November, Croatian October) the
    # majority reading wins, ties going to the language listed first (more speakers);
    # the caller's language hint, when given, is applied later.
    langs = vocabulary().months[month_key]
    counts: dict[int, int] = {}
    for month in langs.values():
        counts[month] = counts.get(month, 0) + 1
    first = min(langs, key=lambda lang: _LANGUAGE_RANK.get(lang, len(_LANGUAGE_RANK)))
    return max(sorted(counts), key=lambda month: (counts[month], month == langs[first]))


class Clock(NamedTuple):
    """A time of day read next to a date."""

    hour: int
    minute: int
    second: int
    tz: timezone | None
    start: int
    end: int


def read_time_after(text: str, pos: int) -> Clock | bool | None:
    """Read a time right after ``pos``; False when a time is there but impossible (25:61)."""
    # A time starts within a connector's reach ("o godz.", "a las"): without a digit there,
    # the costly clock pattern cannot match.
    m = _TIME_AFTER.match(text, pos) if _DIGIT_RUN.search(text, pos, pos + 24) else None
    if m is None:
        zone = _ZONE_ONLY.match(text, pos) if _ZONE_START.match(text, pos) else None
        if zone is not None:
            tz = _zone(zone.group("zone"))
            if tz is not None:
                return Clock(-1, 0, 0, tz, pos, zone.end())
        return None
    return _clock(m, strict_sep=m.group("sep") == ":")


def read_time_before(text: str, pos: int) -> Clock | None:
    """Read a time that ends just before ``pos`` ("13:26, 30 мая 2023")."""
    window_start = max(0, pos - 40)
    if ":" not in text[window_start:pos]:
        return None
    m = _TIME_BEFORE.search(text, window_start, pos)
    if m is None:
        return None
    clock = _clock(m, strict_sep=False)
    return clock if isinstance(clock, Clock) else None


def _clock(m: re.Match[str] | regex.Match[str], *, strict_sep: bool) -> Clock | bool | None:
    hour = int(m.group("h"))
    minute = int(m.group("mi") or 0)
    second = int(m.group("s") or 0)
    ap = (m.group("ap") or "").lower()
    if ap:
        if not 1 <= hour <= 12:
            return False if strict_sep else None
        hour = hour % 12 + (12 if ap == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return False if strict_sep else None
    if m.group("mi") is None and not ap:
        return None
    tz = _zone(m.group("zone")) if m.group("zone") else None
    return Clock(hour, minute, second, tz, m.start(), m.end())


_OFFSET = regex.compile(r"(?:utc|gmt)?\s*([+\-])\s*(\d{1,2}):?(\d{2})?")


@lru_cache(maxsize=512)
def _zone(token: str | None) -> timezone | None:
    if not token:
        return None
    token = token.strip().lower().replace("−", "-")
    if token in ZONES:
        return timezone(timedelta(hours=ZONES[token]))
    m = _OFFSET.fullmatch(token)
    if m is None:
        return None
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if hours > 14 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    try:
        return timezone(-delta if m.group(1) == "-" else delta)
    except ValueError:
        return None


def expand_year(year: int, *, full: bool, two_digit: bool, reference: datetime) -> int | None:
    """Return the four-digit year; two-digit years resolve toward the past of ``reference``."""
    if two_digit:
        candidate = 2000 + year
        return candidate if candidate <= reference.year else 1900 + year
    if not full:
        return None
    if year > reference.year + 400:
        year -= _BUDDHIST_OFFSET
    return year


def order_for_language(language: str | None) -> str | None:
    """Return the CLDR default numeric order for a language tag, or None."""
    if not language:
        return None
    return language_order(language)
