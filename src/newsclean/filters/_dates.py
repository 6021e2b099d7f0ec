"""Publication dates: find the dateline, parse it in any common format, say what was ambiguous.

Public entry points:

* :func:`parse_date` reads one dateline-like string;
* :func:`find_dates` lists every date in a longer text;
* :func:`find_publication_date` picks the published (and updated) date among a dump's blocks;
* :func:`find_html_publication_date` (in :mod:`._dates_html`) reads structured data first;
* :func:`learn_date_order` / :class:`DateOrderProfile` carry a site's day/month order;
* :func:`url_date` / :func:`url_month` read the date or archive month of a URL's path.

Day/month order of ambiguous numeric dates ("05/06/23") is settled, in this order, by an
explicit ``date_order`` option, a learned site profile, unambiguous dates elsewhere in the same
document, the CLDR default of the language, the separator convention (dots are day-first),
and finally a day-first fallback; :attr:`DateMatch.order_rule` records which rule decided.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

import regex

from ._dates_lang import fold, vocabulary
from ._dates_parse import (
    MIN_YEAR,
    OLDEST_FULL_YEAR,
    ORDERS,
    SHORT_TEXT,
    Clock,
    Raw,
    _trie_pattern,
    expand_year,
    order_for_language,
    read_time_before,
    scan,
)

__all__ = [
    "DateFinding",
    "DateMatch",
    "DateOrderProfile",
    "find_dates",
    "find_publication_date",
    "is_dateline_block",
    "learn_date_order",
    "parse_date",
    "url_date",
    "url_month",
]

# Longest input scanned at once; a dateline is never further than this into a block.
MAX_TEXT = 2_000_000
_ORDER_NAMES = {"DMY": "day-month-year", "MDY": "month-day-year", "YMD": "year-month-day"}
_WEAK_RULES = frozenset({"language_default", "separator_convention", "fallback_default"})

# Labels in front of a dateline. Not calendar data, so not in CLDR: a short hand list.
_PUBLISHED_LABELS = (
    "published", "published on", "first published", "posted", "posted on", "date", "created",
    "written", "written on", "geschrieben", "verfasst", "eingetragen", "écrit le", "escrito",
    "scritto", "veröffentlicht", "veröffentlicht am", "publiziert", "erstellt", "erschienen",
    "publié", "publié le", "mis en ligne", "mis en ligne le", "publicado", "publicada",
    "publicado el", "publicado em", "fecha", "pubblicato", "pubblicato il", "data",
    "gepubliceerd", "geplaatst", "artikel vom", "beitrag vom", "meldung vom",
    "publication date", "date published", "date of publication", "date de publication",
    "fecha de publicación", "data de publicação", "data di pubblicazione", "data publikacji",
    "data publicării", "data publicarii",
    "opublikowano", "publikováno", "zveřejněno", "publikované", "objavljeno", "objavljen",
    "közzétéve", "megjelent", "publicat", "публикувано", "опубликовано", "опубліковано",
    "дата публикации", "дата публикации:", "опубликовано:", "дата", "yayınlanma", "yayınlandı",
    "yayın tarihi", "نشر", "نشر في", "تاريخ النشر", "发布", "发布时间", "發佈", "发表于", "公開",
    "投稿日", "게시", "입력", "등록", "publicerad", "publiceret", "publisert", "julkaistu",
    "avaldatud", "publicēts", "paskelbta", "გამოქვეყნდა", "diterbitkan", "dipublikasikan",
    "ngày đăng", "đăng", "δημοσίευση", "δημοσιεύθηκε", "פורסם", "منتشر شده", "प्रकाशित",
)  # fmt: skip
_UPDATED_LABELS = (
    "updated", "last updated", "updated on", "modified", "last modified", "aktualisiert",
    "zuletzt aktualisiert", "geändert", "zuletzt geändert", "letzte änderung", "aktualisierung",
    "letzte aktualisierung", "mis à jour",
    "mis à jour le", "modifié", "actualizado", "actualizada", "actualizado el", "atualizado",
    "atualizado em", "aggiornato",
    "aggiornamento", "ultimo aggiornamento", "bijgewerkt", "laatst bijgewerkt", "zaktualizowano",
    "aktualizacja", "aktualizováno", "aktualizované", "ažurirano", "frissítve", "actualizat",
    "обновлено", "оновлено", "изменено", "обновено", "güncellendi", "güncelleme",
    "son güncelleme", "تحديث", "آخر تحديث", "更新", "更新时间", "업데이트", "수정", "uppdaterad",
    "opdateret", "oppdatert", "päivitetty", "uuendatud", "atjaunots", "atnaujinta",
    "განახლდა", "diperbarui", "cập nhật", "ενημέρωση", "ενημερώθηκε", "עודכן", "बदलाव",
)  # fmt: skip
# How much stronger an "Updated" dateline must score than the best other date to stand in for
# the publication date.
_UPDATE_GAP = 2.5
_CREDIBLE = 1.0
_COMMENT_HINTS = (
    "reply",
    "replied",
    "antworten",
    "antwort",
    "répondre",
    "rispondi",
    "odpowiedz",
    "responder",
    "ответить",
    "відповісти",
)


@lru_cache(maxsize=1)
def _label_pattern() -> regex.Pattern[str]:
    words = sorted({fold(w) for w in (*_PUBLISHED_LABELS, *_UPDATED_LABELS)})
    # A digit may touch a label's start: renderers that glue blocks put the previous date's
    # clock right before it ("14:49:39Erschienen am: 01.11.2023").
    return regex.compile(r"(?<![^\W\d_])(?P<label>" + _trie_pattern(words) + r")(?!\w)", regex.I)


_UPDATED_SET = frozenset(fold(w) for w in _UPDATED_LABELS)
# Labels that are also common nouns ("Data Analytics", "a date with"): they label only the
# date right after them ("Date: 30.05.2023", "Data 30.05.2023").
_NOUN_LABELS = frozenset(fold(w) for w in ("date", "data", "fecha", "дата"))
_TRAILING_LABEL = regex.compile(
    r"(?<!\w)(?:veröffentlicht|publiziert|erschienen|gepubliceerd|geplaatst|publicerad|"
    r"publiceret|publisert|opublikowany|zveřejněn[oa]?)(?!\w)",
    regex.I,
)
_SENTENCE_STOP = regex.compile(r"[.!?;|](?:\s|$)")
_COPYRIGHT = regex.compile(r"(?:©|\(c\)|copyright|&copy;)\s*[\w\s,.\-]{0,12}$", regex.I)
# "By Jane Doe", "Von Jan Kupitz", "Par Loïc Le Clerc" opening a block or a |-separated cell.
_BYLINE_ANY = regex.compile(
    r"(?:^|\|)\s*(?i:by|von|par|por|di|door|av|af|przez|автор|от|tarafından|بقلم|作者)\s+"
    r"\p{Lu}"
)
_SENTENCE_END = regex.compile(r"\w{2,}[.!?](?:\s|$)")
_WORD = regex.compile(r"[^\W\d_]{2,}")
_BYLINE = regex.compile(
    r"^\s*(?:by|von|par|por|di|door|av|af|przez|автор|от|tarafından|بقلم|作者)\b", regex.I
)


@dataclass(frozen=True)
class DateMatch:
    """A date read from text or markup.

    ``value`` is aware when a zone or offset was given, naive otherwise. ``start``/``end`` are
    offsets into the text given (for structured HTML sources, into the attribute value).
    """

    value: datetime
    text: str
    start: int
    end: int
    has_time: bool
    kind: str = "unknown"
    ambiguous: bool = False
    ambiguity: str | None = None
    order_rule: str | None = None
    confidence: float = 0.5
    source: str = "text"
    has_year: bool = True
    relative: bool = False


@dataclass(frozen=True)
class DateFinding:
    """The published and updated dates of a document; ``block_index`` holds the dateline."""

    published: DateMatch | None
    updated: DateMatch | None
    block_index: int | None = None


@dataclass(frozen=True)
class DateOrderProfile:
    """Evidence for a site's day/month order, counted from dates that are not ambiguous.

    ``dmy``/``mdy`` count numeric dates that only one order can read (30.05.23, 05/30/23);
    ``dmy_named``/``mdy_named`` count dates written with month names day-first or month-first,
    weaker evidence used only when no numeric evidence exists.
    """

    dmy: int = 0
    mdy: int = 0
    dmy_named: int = 0
    mdy_named: int = 0

    @property
    def order(self) -> str | None:
        """Return "DMY", "MDY" or None when the evidence is absent or mixed."""
        decided = _majority(self.dmy, self.mdy)
        if decided is None and self.dmy == 0 and self.mdy == 0:
            decided = _majority(self.dmy_named, self.mdy_named)
        return decided

    def merge(self, other: DateOrderProfile) -> DateOrderProfile:
        """Return the sum of two profiles (e.g. from two batches of one site)."""
        return DateOrderProfile(
            self.dmy + other.dmy,
            self.mdy + other.mdy,
            self.dmy_named + other.dmy_named,
            self.mdy_named + other.mdy_named,
        )

    def to_dict(self) -> dict[str, int]:
        """Return a JSON-serialisable dict."""
        return {
            "dmy": self.dmy,
            "mdy": self.mdy,
            "dmy_named": self.dmy_named,
            "mdy_named": self.mdy_named,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateOrderProfile:
        """Build a profile from :meth:`to_dict` output; unknown keys are ignored."""
        values = {}
        for key in ("dmy", "mdy", "dmy_named", "mdy_named"):
            raw = data.get(key, 0)
            values[key] = max(0, int(raw)) if isinstance(raw, (int, float, str)) else 0
        return cls(**values)


def _majority(dmy: int, mdy: int) -> str | None:
    # Mixed evidence (a site quoting foreign dates) decides only with a clear 3:1 majority.
    if dmy > 0 and dmy >= 3 * mdy:
        return "DMY"
    if mdy > 0 and mdy >= 3 * dmy:
        return "MDY"
    return None


def _profile_from_raws(raws: Iterable[Raw]) -> DateOrderProfile:
    dmy = mdy = dmy_named = mdy_named = 0
    for raw in raws:
        if raw.kind == "numeric":
            a, b = raw.first, raw.second
            if 12 < a <= 31 and 1 <= b <= 12:
                dmy += 1
            elif 12 < b <= 31 and 1 <= a <= 12:
                mdy += 1
        elif raw.kind == "named" and raw.year is not None:
            if raw.sep == "N3":
                dmy_named += 1
            elif raw.sep == "N4":
                mdy_named += 1
    return DateOrderProfile(dmy, mdy, dmy_named, mdy_named)


def learn_date_order(texts: Iterable[str]) -> DateOrderProfile:
    """Count a site's unambiguous day/month evidence over its documents' texts."""
    profile = DateOrderProfile()
    for text in texts:
        if isinstance(text, str) and text:
            profile = profile.merge(_profile_from_raws(scan(text[:MAX_TEXT])))
    return profile


@dataclass(frozen=True)
class _Context:
    reference: datetime
    option: str | None
    profile: str | None
    page: str | None
    language: str | None
    language_order: str | None
    # (year, month) of the URL's archive segment: a publication date falls in it.
    url_month: tuple[int, int] | None = None


def _make_context(
    page_order: str | None,
    *,
    date_order: str | None,
    language: str | None,
    reference_time: datetime | None,
    site_profile: DateOrderProfile | None,
) -> _Context:
    option = date_order.upper() if isinstance(date_order, str) else None
    if option not in ORDERS:
        option = None
    profile = site_profile.order if isinstance(site_profile, DateOrderProfile) else None
    lang = language if isinstance(language, str) else None
    if isinstance(reference_time, datetime):
        return _cached_context(reference_time, option, profile, page_order, lang)
    return _cached_context.__wrapped__(datetime.now(), option, profile, page_order, lang)


@lru_cache(maxsize=1024)
def _cached_context(
    reference: datetime,
    option: str | None,
    profile: str | None,
    page: str | None,
    language: str | None,
) -> _Context:
    # parse_date runs once per candidate string with the same options: the context is built
    # once per distinct set of them.
    lang_code, lang_order = _language_facts(language)
    return _Context(
        reference=reference,
        option=option,
        profile=profile,
        page=page,
        language=lang_code,
        language_order=lang_order,
    )


@lru_cache(maxsize=256)
def _language_facts(language: str | None) -> tuple[str | None, str | None]:
    lang = language.strip() if isinstance(language, str) and language.strip() else None
    if lang is None:
        return None, None
    return lang.replace("-", "_").split("_")[0].lower(), order_for_language(lang)


def _choose_order(raw: Raw, ctx: _Context) -> tuple[str, str]:
    if ctx.option in ("DMY", "MDY"):
        return ctx.option, "date_order_option"
    if ctx.profile is not None:
        return ctx.profile, "site_profile"
    if ctx.page is not None:
        return ctx.page, "page_evidence"
    if ctx.language_order in ("DMY", "MDY"):
        return ctx.language_order, "language_default"
    if raw.sep == ".":
        # With no language known: dotted dates are day-first in every CLDR locale.
        return "DMY", "separator_convention"
    return "DMY", "fallback_default"


def _naive_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def _build(year: int, month: int, day: int, clock: Clock | None) -> datetime | None:
    try:
        if clock is not None and clock.hour >= 0:
            return datetime(year, month, day, clock.hour, clock.minute, clock.second, 0, clock.tz)
        return datetime(year, month, day)
    except (ValueError, OverflowError):
        return None


_YEAR_AFTER_CLOCK = regex.compile(r"\s*,?\s*(\d{4})(?!\d)")


def _resolve_year(
    raw: Raw, month: int, day: int, ctx: _Context, text: str, clock: Clock | None
) -> int | None:
    if raw.year is None and clock is not None and clock.start >= raw.end:
        # "Tue Jan 28 15:28:56 CET 2020": the year follows the clock.
        m = _YEAR_AFTER_CLOCK.match(text, clock.end)
        if m is not None:
            return int(m.group(1))
    if raw.year is None:
        # No year written: the most recent such day not after the reference.
        year = ctx.reference.year
        try:
            if datetime(year, month, day) > ctx.reference.replace(tzinfo=None) + timedelta(days=1):
                year -= 1
        except ValueError:
            return None
        return year
    return expand_year(
        raw.year, full=raw.full_year, two_digit=raw.two_digit_year, reference=ctx.reference
    )


def _month_for_language(raw: Raw, language: str | None) -> int:
    if language and raw.month_key:
        langs = vocabulary().months.get(raw.month_key, {})
        if language in langs:
            return langs[language]
    return raw.first


def _label_kind(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    window_start = max(line_start, start - 60)
    last = None
    for m in _label_pattern().finditer(text, window_start, start):
        last = m
    if last is not None:
        label = fold(last.group("label"))
        between = len(_WORD.findall(text, last.end(), start))
        if between <= (0 if label in _NOUN_LABELS else 3):
            return "updated" if label in _UPDATED_SET else "published"
    # German and Dutch put the participle last: "Der Beitrag wurde am 27. November 2019 um
    # 15:21 Uhr veröffentlicht".
    line_end = text.find("\n", end)
    window_end = min(end + 60, len(text) if line_end < 0 else line_end)
    after = _TRAILING_LABEL.search(text, end, window_end)
    if after is not None and not _SENTENCE_STOP.search(text, end, after.start()):
        return "published"
    return "unknown"


def _resolve(raw: Raw, text: str, ctx: _Context, *, short: bool) -> DateMatch | None:
    after = raw.clock_after
    if after is False:
        return None  # a clock is attached but impossible (25:61): the dateline is garbage
    clock = after if isinstance(after, Clock) and after.hour >= 0 else None
    if clock is None and raw.kind not in ("relative",):
        clock = read_time_before(text, raw.start)
    ambiguous = False
    note: str | None = None
    rule: str | None = "explicit"
    alternative: datetime | None = None
    relative = False
    if raw.kind in ("relative", "relative_day"):
        relative = True
        if raw.kind == "relative_day":
            lang = raw.month_langs[0] if raw.month_langs else None
            attached = clock is not None and (clock.start >= raw.end or clock.end <= raw.start)
            if not attached and not short:
                return None  # "today" inside running text is not a dateline
            if ctx.language and lang and ctx.language != lang and not attached:
                return None
            base = ctx.reference - timedelta(seconds=raw.seconds_ago)
            value = _build(base.year, base.month, base.day, clock)
            if value is not None and value.tzinfo is None and ctx.reference.tzinfo is not None:
                value = value.replace(tzinfo=ctx.reference.tzinfo)
        else:
            value = ctx.reference - timedelta(seconds=raw.seconds_ago)
            clock = None
        rule = None
        if value is None:
            return None
        has_time = (raw.kind == "relative" and raw.seconds_ago < 86400) or clock is not None
        end = max(raw.end, clock.end) if clock is not None else raw.end
        start = min(raw.start, clock.start) if clock is not None else raw.start
        conf = 0.45
    else:
        if raw.kind == "numeric":
            a, b = raw.first, raw.second
            dmy_ok = 1 <= a <= 31 and 1 <= b <= 12
            mdy_ok = 1 <= a <= 12 and 1 <= b <= 31
            if dmy_ok and mdy_ok and a != b:
                order, rule = _choose_order(raw, ctx)
                ambiguous = True
            elif dmy_ok:
                order, rule = "DMY", "unambiguous"
            elif mdy_ok:
                order, rule = "MDY", "unambiguous"
            else:
                return None
            day, month = (a, b) if order == "DMY" else (b, a)
        elif raw.kind == "named":
            if clock is None and (_bare_short_month(raw, text) or _foreign_month(raw, ctx)):
                return None
            month, day = _month_for_language(raw, ctx.language), raw.second
        else:
            month, day = raw.first, raw.second
        year = _resolve_year(raw, month, day, ctx, text, clock)
        if year is None or year < OLDEST_FULL_YEAR or (not raw.full_year and year < MIN_YEAR):
            return None
        value = _build(year, month, day, clock)
        if value is None:
            return None
        if ambiguous:
            alternative = _build(year, day, month, None)
            other = "MDY" if order == "DMY" else "DMY"
            alt_text = alternative.strftime("%Y-%m-%d") if alternative else "an impossible date"
            note = (
                f"{text[raw.start : raw.end]} read as {_ORDER_NAMES[order]} (rule: {rule}); "
                f"{_ORDER_NAMES[other]} would give {alt_text}"
            )
            if alternative is None:
                ambiguous, rule, note = False, "unambiguous", None
        has_time = clock is not None
        start = min(raw.start, clock.start) if clock is not None else raw.start
        end = max(raw.end, clock.end) if clock is not None else raw.end
        conf = 0.6 + (0.15 if raw.full_year else 0.0) + (0.1 if has_time else 0.0)
        if raw.year is None:
            conf -= 0.2
        if ambiguous:
            conf -= 0.2 if rule in _WEAK_RULES else 0.05
        if rule == "unambiguous" or raw.kind in ("ymd", "named"):
            conf += 0.05
    limit = _naive_utc(ctx.reference) + timedelta(days=1)
    if _naive_utc(value) > limit:
        return None
    return DateMatch(
        value=value,
        text=text[start:end],
        start=start,
        end=end,
        has_time=has_time,
        kind=_label_kind(text, start, end),
        ambiguous=ambiguous,
        ambiguity=note,
        order_rule=rule,
        confidence=round(min(1.0, max(0.05, conf)), 3),
        source="text",
        has_year=raw.year is not None or relative,
        relative=relative,
    )


def _bare_short_month(raw: Raw, text: str) -> bool:
    """Is this a day and a lower-case word of three letters or less, inside running text?

    "1 des 4 articles": with no year, time or abbreviating full stop, and the sentence going
    on after it, such a word is a common word of some language ("des", "mar") far more often
    than a month. A dateline ("5 мая" alone) ends there.
    """
    if raw.year is not None or len(raw.month_key) > 3:
        return False
    words = _WORD.findall(text, raw.start, raw.end)
    if not words or not all(w.islower() for w in words):
        return False
    return _RUNS_ON.match(text, raw.end) is not None


_RUNS_ON = regex.compile(r"\s+(?:\d|\p{Ll})")


def _foreign_month(raw: Raw, ctx: _Context) -> bool:
    # "iPhone 11 Pro" on a German page: with no year or time, a month word of neither the
    # page's language nor English (which sites of every language use) is a word, not a month.
    if raw.year is not None or ctx.language is None or not raw.month_langs:
        return False
    return ctx.language not in raw.month_langs and "en" not in raw.month_langs


def _matches(raws: Sequence[Raw], text: str, ctx: _Context, *, short: bool) -> list[DateMatch]:
    out: list[DateMatch] = []
    last_end = -1
    for raw in raws:
        if raw.start < last_end:
            continue  # the previous match's clock already covered this
        found = _resolve(raw, text, ctx, short=short)
        if found is not None and _FILE_TAIL.match(text, found.end) is None:
            out.append(found)
            last_end = found.end
    return out


# The rest of a file name after the digits ("1.9.11.png", "2020-03-18_12.22.03.png"): image
# and document names carry dates and version numbers that are not the page's.
_FILE_TAIL = regex.compile(
    r"[^\s\[\]()<>\"'|]{0,40}?\.(?:png|jpe?g|gif|webp|svg|bmp|tiff?|pdf|docx?|xlsx?|pptx?|zip"
    r"|mp[34]|mov|avi)(?![^\W\d_])",
    regex.I,
)


def find_dates(
    text: str,
    *,
    date_order: str | None = None,
    language: str | None = None,
    reference_time: datetime | None = None,
    site_profile: DateOrderProfile | None = None,
) -> list[DateMatch]:
    """Return every date in ``text`` in order (bad input gives an empty list)."""
    if not isinstance(text, str) or not text:
        return []
    text = text[:MAX_TEXT]
    raws = scan(text)
    if not raws:
        return []
    # A lone date is no evidence for its own order: when ambiguous it counts for neither.
    page = _profile_from_raws(raws).order if len(raws) > 1 else None
    ctx = _make_context(
        page,
        date_order=date_order,
        language=language,
        reference_time=reference_time,
        site_profile=site_profile,
    )
    return _matches(raws, text, ctx, short=len(text) <= 80)


def parse_date(
    text: str,
    *,
    date_order: str | None = None,
    language: str | None = None,
    reference_time: datetime | None = None,
    site_profile: DateOrderProfile | None = None,
) -> DateMatch | None:
    """Parse one dateline-like string: the whole string or the best date within it."""
    matches = find_dates(
        text,
        date_order=date_order,
        language=language,
        reference_time=reference_time,
        site_profile=site_profile,
    )
    if not matches:
        return None
    return max(matches, key=lambda m: (m.kind == "published", m.confidence, -m.start))


def is_dateline_block(text: str) -> bool:
    """Return True when ``text`` is essentially only a date/time/byline, not a sentence."""
    if not isinstance(text, str) or not text.strip() or len(text) > 200:
        return False
    matches = find_dates(text, reference_time=datetime(9000, 1, 1))
    if not matches:
        return False
    rest = text
    for m in reversed(matches):
        rest = rest[: m.start] + " " + rest[m.end :]
    rest = _label_pattern().sub(" ", rest)
    weekdays = vocabulary().weekdays
    words = [w for w in _WORD.findall(rest) if fold(w) not in weekdays]
    if not words:
        return True
    if _BYLINE.search(rest):
        return len(words) <= 6 and not _SENTENCE_END.search(rest.strip())
    return len(words) <= 3 and not _SENTENCE_END.search(rest.strip())


@dataclass(frozen=True)
class _Candidate:
    match: DateMatch
    block: int
    score: float


# The most a date's own features can add to its block's position score (label 3, time 1,
# dateline 1.5, byline 1, parse confidence <= 1): a block whose position score plus this
# cannot beat the best candidate so far need not be parsed at all.
_MAX_BONUS = 7.5


class _Blocks:
    """A document's blocks with their scans, dates and word counts computed on first use.

    Most blocks of a page are never looked at: the search starts at the title and stops as
    soon as no remaining block could outrank the best dateline found (see ``_MAX_BONUS``).
    """

    def __init__(self, texts: Sequence[str], raws: _Blocks | None = None) -> None:
        self.texts = texts
        # Scans do not depend on the context: a second search under another one reuses them.
        self._raws: dict[int, list[Raw]] = dict(raws._raws) if raws is not None else {}
        self._matches: dict[int, list[DateMatch]] = {}
        self._counts: dict[int, int] = {}

    def raws(self, i: int) -> list[Raw]:
        found = self._raws.get(i)
        if found is None:
            text = self.texts[i]
            # Every date but a bare "yesterday" in a short dateline holds a digit.
            found = scan(text) if len(text) <= SHORT_TEXT or _ANY_DIGIT.search(text) else []
            self._raws[i] = found
        return found

    def matches(self, i: int, ctx: _Context) -> list[DateMatch]:
        found = self._matches.get(i)
        if found is None:
            raws = self.raws(i)
            found = _matches(raws, self.texts[i], ctx, short=False) if raws else []
            if not found:
                found = self.split_date(i, ctx)
            if found and found[0].kind == "unknown" and found[0].start <= 3:
                kind = self.label_before(i)
                if kind is not None:
                    found = [replace(found[0], kind=kind), *found[1:]]
            self._matches[i] = found
        return found

    def split_date(self, i: int, ctx: _Context) -> list[DateMatch]:
        """A date whose parts the renderer put on lines of their own ("28." "Januar" "2022").

        Templates that set day, month and year in separate elements on separate source lines
        come out of text renderers as one tiny block per part.
        """
        texts = self.texts
        first = texts[i]
        if len(first) > _SPLIT_PART or _ANY_DIGIT.search(first) is None:
            return []
        parts = [first]
        for j in range(i + 1, min(len(texts), i + 3)):
            if not texts[j].strip() or len(texts[j]) > _SPLIT_PART:
                break
            parts.append(texts[j])
        if len(parts) < 2:
            return []
        joined = " ".join(p.strip() for p in parts)
        offset = len(first.strip())
        return [
            m
            for m in _matches(scan(joined), joined, ctx, short=True)
            if m.start < offset < m.end and not m.relative
        ][:1]

    def label_before(self, i: int) -> str | None:
        """The kind named by a label standing alone in the block before ("Updated:")."""
        if i == 0:
            return None
        prev = self.texts[i - 1]
        if len(prev) > _LONGEST_LABEL or _ANY_DIGIT.search(prev) is not None:
            return None
        text = prev + " "
        labels = list(_label_pattern().finditer(text))
        label = labels[-1] if labels else None
        if label is None or len(_WORD.findall(text, label.end())) > 1:
            return None
        return "updated" if fold(label.group("label")) in _UPDATED_SET else "published"

    def words(self, i: int) -> int:
        count = self._counts.get(i)
        if count is None:
            count = self._counts[i] = len(_WORD.findall(self.texts[i]))
        return count

    def line(self, i: int) -> bool:
        return 0 <= i < len(self.texts) and self.words(i) >= 7 and len(self.texts[i]) >= 45

    def prose(self, i: int) -> bool:
        """Is block ``i`` running text: a long paragraph, or one line of a wrapped one?

        Renderers such as lynx wrap paragraphs into ~80-character lines, so a paragraph
        shows as a run of medium lines rather than one long block.
        """
        if self.words(i) >= 25:
            return True
        return self.line(i) and self.line(i - 1) and self.line(i + 1)


_ANY_DIGIT = regex.compile(r"\d")
# Longest block taken for one part of a date split over lines (a weekday, a month name, a year).
_SPLIT_PART = 12
# A block this short may be a label for the date in the next block ("Zuletzt geändert am:").
_LONGEST_LABEL = 40
# Anything the clock reader could take for a time ("13:26", "13h26", "13.26", "1 pm").
_CLOCK_LIKE = regex.compile(r"\d(?:[:h.]\s?\d{2}|\s*[ap]\.?\s?m)", regex.I)


def _first_body_block(doc: _Blocks) -> int | None:
    texts = doc.texts
    for i, block in enumerate(texts):
        if not doc.prose(i):
            continue
        if doc.words(i) >= 25 and _SENTENCE_END.search(block):
            return i
        run = " ".join(texts[i : i + 4])
        if len(_WORD.findall(run)) >= 25 and _SENTENCE_END.search(run):
            return i
    return None


# How much less a block placed by the first paragraph counts than one placed by the title.
_ANCHOR_DISCOUNT = 1.0


def _position_score(i: int, n: int, title_index: int | None, anchor: int | None) -> float:
    if title_index is not None and anchor is not None:
        # The title index can be wrong (a site name, a teaser): a dateline just above the
        # first paragraph of running text still counts, a little less.
        by_title = _position_score(i, n, title_index, None)
        return max(by_title, _position_score(i, n, None, anchor) - _ANCHOR_DISCOUNT)
    if title_index is not None:
        d = i - title_index
        if 0 <= d <= 4:
            return 3.0 - 0.4 * d
        if -3 <= d < 0:
            return 2.0 + 0.3 * d
        if d > 4:
            return max(-3.0, 1.4 - 0.15 * (d - 4))
        return max(-3.0, 1.1 + 0.2 * (d + 3))
    if anchor is not None:
        d = i - anchor
        if -6 <= d <= 0:
            return 2.0 + 0.15 * d
        if d > 0:
            return max(-3.0, 1.0 - 0.1 * d)
        return max(-2.0, 1.1 + 0.1 * (d + 6))
    return -3.0 * (i / max(1, n))


def _is_listing(i: int, doc: _Blocks, ctx: _Context) -> bool:
    # Related-article lists and comment threads: dates every few blocks.
    if len(doc.texts[i]) >= 300:
        return False
    n = len(doc.texts)
    neighbours = 0
    for j in range(max(0, i - 4), min(n, i + 5)):
        if j != i and doc.matches(j, ctx):
            neighbours += 1
            if neighbours >= 2:
                return True
    return False


def _in_copyright(block: str, match: DateMatch) -> bool:
    return _COPYRIGHT.search(block, max(0, match.start - 30), match.start) is not None


# Numeric dates anywhere on the page, for the day/month evidence (the same shape the scan's
# numeric pattern reads): one pass over the whole text instead of parsing every block.
_NUMERIC_DATE = regex.compile(
    r"(?<![\d.,/:\-])(\d{1,2})([./\-]|\.\s)(\d{1,2})\2(?:\d{4}|\d{2})(?![\d_])"
)


def _numeric_page_order(doc: _Blocks) -> tuple[str | None, bool]:
    """Day/month order shown by the page's unambiguous numeric dates (``page_evidence``).

    The second value is False when the page holds ambiguous numeric dates and no
    unambiguous one: month-name dates could then still settle the order.
    """
    dmy = mdy = 0
    ambiguous = False
    for text in doc.texts:
        if not _ANY_DIGIT.search(text):
            continue
        for m in _NUMERIC_DATE.finditer(text):
            a, b = int(m.group(1)), int(m.group(3))
            if 12 < a <= 31 and 1 <= b <= 12:
                dmy += 1
            elif 12 < b <= 31 and 1 <= a <= 12:
                mdy += 1
            elif 1 <= a <= 12 and 1 <= b <= 12:
                ambiguous = True
    if dmy or mdy:
        return _majority(dmy, mdy), True
    return None, not ambiguous


# A full date in a URL path: /2023/05/30/, /20230530-, -30-05-2023. The year is 19xx/20xx and
# no digit touches either end, so ids, archive timestamps (20131110121040) and versions fail.
_URL_DATE = regex.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d{2})[/\-_.]?(?P<m>0[1-9]|1[0-2])[/\-_.]?(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?![\d])"
)
_URL_SEP_DATE = regex.compile(
    r"/(?P<y>(?:19|20)\d{2})/(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])(?:/|$|[\-_])"
)
_URL_DMY_DATE = regex.compile(
    r"(?<![\d])(?P<d>0[1-9]|[12]\d|3[01])-(?P<m>0[1-9]|1[0-2])-(?P<y>(?:19|20)\d{2})(?![\d])"
)
# Year and month only, as a path segment: /2019/10/slug, /2022-08/slug (blog and CMS archives).
_URL_MONTH = regex.compile(r"/(?P<y>(?:19|20)\d{2})[/\-](?P<m>0[1-9]|1[0-2])(?:/|$)")
_URL_HOST = regex.compile(r"^[a-z][a-z0-9+.\-]*://[^/]*", regex.I)


def _url_path(url: str) -> str:
    return _URL_HOST.sub("", url.strip())[:500]


def url_date(url: str, *, reference_time: datetime | None = None) -> DateMatch | None:
    """Return the full date in a URL's path (``/2023/05/30/slug``), or None.

    The host is ignored; dates after ``reference_time`` (default: now) + 1 day or before 1990
    are rejected. ``kind`` is "published": a URL path is fixed when the article goes up.
    """
    if not isinstance(url, str) or not url:
        return None
    path = _url_path(url)
    reference = reference_time if isinstance(reference_time, datetime) else datetime.now()
    limit = _naive_utc(reference) + timedelta(days=1)
    for pattern in (_URL_SEP_DATE, _URL_DATE, _URL_DMY_DATE):
        m = pattern.search(path)
        if m is None:
            continue
        try:
            value = datetime(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        if value.year < MIN_YEAR or value > limit:
            continue
        return DateMatch(
            value, m.group(), m.start(), m.end(), False, "published",
            order_rule="explicit", confidence=0.7, source="url",
        )  # fmt: skip
    return None


def url_month(url: str) -> tuple[int, int] | None:
    """Return the (year, month) of a URL path's archive segment (``/2019/10/``), or None."""
    if not isinstance(url, str) or not url:
        return None
    m = _URL_MONTH.search(_url_path(url))
    if m is None or int(m.group("y")) < MIN_YEAR:
        return None
    return int(m.group("y")), int(m.group("m"))


def find_publication_date(
    blocks: Sequence[str],
    *,
    title_index: int | None = None,
    date_order: str | None = None,
    language: str | None = None,
    reference_time: datetime | None = None,
    site_profile: DateOrderProfile | None = None,
    url: str | None = None,
) -> DateFinding | None:
    """Pick the published (and updated) date among a document's text blocks.

    Dates near the title (or, without a title, just before the first paragraph of running
    text), labelled "Published"/"Updated", carrying a time, or standing alone in a short
    block rank first; dates in link lists, copyright lines and comments rank last.

    Blocks are visited from the best-placed outwards and the search stops when no block left
    could outrank the best credible dateline, so a long page costs about as much as its top.

    ``url``, the page's address, is evidence too: a full date in its path (``/2023/05/30/``)
    is the publication day (a dateline of that day is kept for its time); a year and month
    alone (``/2023/05/slug``) demote dates of other months.
    """
    try:
        texts = [b[:MAX_TEXT] if isinstance(b, str) else "" for b in blocks]
    except TypeError:
        return None
    if not texts:
        return None
    doc = _Blocks(texts)
    n = len(texts)
    if title_index is not None and not 0 <= title_index < n:
        title_index = None
    anchor = _first_body_block(doc)
    options = {
        "date_order": date_order,
        "language": language,
        "reference_time": reference_time,
        "site_profile": site_profile,
    }
    from_url = url_date(url, reference_time=reference_time) if isinstance(url, str) else None
    month = url_month(url) if isinstance(url, str) and from_url is None else None
    page, settled = _numeric_page_order(doc)
    ctx = replace(_make_context(page, **options), url_month=month)  # type: ignore[arg-type]
    best, best_updated = _search(doc, ctx, title_index, anchor)
    if not settled and _needs_order(best, best_updated):
        # Only ambiguous numeric dates on the page, and one of them won on a weak rule: the
        # page's month-name dates (day-first or not) may settle the order; that takes the
        # full scan, so it runs only here.
        named = _profile_from_raws(r for i in range(n) for r in doc.raws(i)).order
        if named is not None:
            ctx = replace(_make_context(named, **options), url_month=month)  # type: ignore[arg-type]
            doc = _Blocks(texts, raws=doc)
            best, best_updated = _search(doc, ctx, title_index, anchor)
    if from_url is not None:
        return _with_url_day(best, best_updated, from_url, doc, ctx)
    if best_updated is not None and (
        best is None or (best.score < _CREDIBLE and best.score < best_updated.score - _UPDATE_GAP)
    ):
        # The page shows an "Updated" dateline and no credible publication date: the update
        # is the best estimate of when it was published (flagged by kind="updated").
        best = best_updated
    if best is None:
        return None
    if best_updated is not None and best_updated.match is best.match:
        best_updated = None
    published = _dated_year_less(best.match, doc, ctx)
    updated = _dated_year_less(best_updated.match, doc, ctx) if best_updated else None
    return DateFinding(published=published, updated=updated, block_index=best.block)


def _with_url_day(
    best: _Candidate | None,
    best_updated: _Candidate | None,
    from_url: DateMatch,
    doc: _Blocks,
    ctx: _Context,
) -> DateFinding:
    # The URL's day is the publisher's own (local) day, fixed when the article went up; a
    # dateline in the text naming the same day is kept, since it carries the time and block.
    updated = _dated_year_less(best_updated.match, doc, ctx) if best_updated else None
    if updated is not None and _naive_utc(updated.value).date() < from_url.value.date():
        updated = None
    if best is not None and best.match.value.date() == from_url.value.date():
        return DateFinding(best.match, updated, best.block)
    return DateFinding(replace(from_url, confidence=0.8), updated, None)


def _needs_order(*cands: _Candidate | None) -> bool:
    return any(
        c is not None and c.match.ambiguous and c.match.order_rule in _WEAK_RULES for c in cands
    )


def _search(
    doc: _Blocks, ctx: _Context, title_index: int | None, anchor: int | None
) -> tuple[_Candidate | None, _Candidate | None]:
    """Return the best published and best "Updated" candidates.

    Blocks are visited best-placed first; one is parsed only when its position score plus
    the most its dates could gain beats the best publication date so far. An "Updated" date
    that cannot outscore that date is not looked for (it could not stand in for it either).
    """
    n = len(doc.texts)
    placed = sorted(
        ((_position_score(i, n, title_index, anchor), i) for i in range(n)),
        key=lambda pair: (-pair[0], pair[1]),
    )
    best: _Candidate | None = None
    best_updated: _Candidate | None = None
    for position, i in placed:
        if best is not None:
            if position + _MAX_BONUS < best.score:
                break
            if position + _bonus_bound(i, doc, best.score - position) < best.score:
                continue
        matches = doc.matches(i, ctx)
        if not matches:
            continue
        for cand in _score_block(i, matches, doc, ctx, title_index, position):
            if cand.match.kind == "updated":
                best_updated = _better(best_updated, cand)
            else:
                best = _better(best, cand)
    return best, best_updated


def _bonus_bound(i: int, doc: _Blocks, needed: float) -> float:
    """The most block ``i``'s dates could add to its position score, read without parsing.

    ``needed`` is what it takes to matter: the costlier label test runs only when the
    cheaper parts fall short of it.
    """
    texts = doc.texts
    text = texts[i]
    if not _ANY_DIGIT.search(text):
        # Only a relative day word ("yesterday", in a short block) can be a date here:
        # relative dates lose 3 and carry a 0.45 confidence.
        return -math.inf if len(text) > SHORT_TEXT else _MAX_BONUS - 3.55
    bound = 0.9  # the parse confidence, at most 0.9 without a time
    if _CLOCK_LIKE.search(text) is not None or len(text) <= _SPLIT_PART:
        bound += 1.1  # a time (maybe in the next tiny block), and its 0.1 of confidence
    # A dateline block holds few words besides its dates' own (labels, months,
    # weekday, zone, byline name).
    if len(text) <= 200 and doc.words(i) <= 24:
        bound += 1.5
    if _BYLINE_ANY.search(text) is not None or (
        i > 0 and len(texts[i - 1]) < 80 and _BYLINE_ANY.search(texts[i - 1]) is not None
    ):
        bound += 1.0
    if bound + 3.0 >= needed and (
        _label_pattern().search(text) is not None
        or _TRAILING_LABEL.search(text) is not None
        or doc.label_before(i) is not None
    ):
        bound += 3.0
    return bound


def _better(current: _Candidate | None, cand: _Candidate) -> _Candidate:
    if current is None:
        return cand
    key = (cand.score, -cand.block, -cand.match.start)
    return cand if key > (current.score, -current.block, -current.match.start) else current


def _dated_year_less(match: DateMatch, doc: _Blocks, ctx: _Context) -> DateMatch:
    """Give a year-less date the year the page was made, as the page itself shows it.

    A site prints "30 May, 13:26" for dates of its current year. That year is, first, the
    latest year of the page's copyright line ("© 2005-2020": the footer is rendered with the
    page), else the latest year written in a full date on the page; with neither the
    reference-based guess stays. A day after the reference time goes back one year.
    """
    if match.has_year or match.relative:
        return match
    year = _copyright_year(doc.texts, ctx.reference.year)
    if year is None:
        years = [
            m.value.year
            for i in range(len(doc.texts))
            for m in doc.matches(i, ctx)
            if m.has_year and not m.relative
        ]
        if not years:
            return match
        year = max(years)
    if year == match.value.year:
        return match
    dated = _with_year(match, year)
    if _naive_utc(dated.value) > _naive_utc(ctx.reference) + timedelta(days=1):
        dated = _with_year(match, year - 1)
    return dated


_COPYRIGHT_YEAR = regex.compile(
    r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}\s*[-–—]\s*)?((?:19|20)\d{2})(?!\d)", regex.I
)


def _copyright_year(texts: Sequence[str], latest: int) -> int | None:
    years = [
        int(m.group(1))
        for text in texts
        if "©" in text or "opyright" in text or "(c)" in text.lower()
        for m in _COPYRIGHT_YEAR.finditer(text)
    ]
    years = [y for y in years if MIN_YEAR <= y <= latest]
    return max(years) if years else None


def _with_year(match: DateMatch, year: int) -> DateMatch:
    try:
        return replace(match, value=match.value.replace(year=year))
    except ValueError:
        return match  # 29 February in a common year: keep the reference-based guess


# A comment's header names its author: "Karl sagt:", "Jane says:", "Marie dit :" (blog themes
# print it just before the comment's date).
_COMMENTER_SAYS = regex.compile(
    r"(?<![^\W\d_])(?:says|said|wrote|sagt|schreibt|meint|dit|dice|diz|scrive|zegt|schreef|"
    r"pisze|napsal|skriver|sanoo|пишет|говорит|пише|каже)\s?:",
    regex.I,
)


def _has_comment_hint(text: str) -> bool:
    lowered = text.casefold()
    return any(h in lowered for h in _COMMENT_HINTS)


def _score_block(
    i: int,
    matches: Sequence[DateMatch],
    doc: _Blocks,
    ctx: _Context,
    title_index: int | None,
    position: float,
) -> Iterable[_Candidate]:
    texts = doc.texts
    block = texts[i]
    near_title = title_index is not None and -2 <= i - title_index <= 3
    if not matches:
        return
    dateline = len(block) <= 200 and is_dateline_block(block)
    running = doc.prose(i)
    byline = _BYLINE_ANY.search(block) is not None or (
        i > 0 and len(texts[i - 1]) < 80 and _BYLINE_ANY.search(texts[i - 1]) is not None
    )
    listing = _is_listing(i, doc, ctx)
    comment = (
        _has_comment_hint(block)
        or any(
            0 <= j < len(texts) and len(texts[j]) <= 40 and _has_comment_hint(texts[j])
            for j in (i - 1, i + 1, i + 2)
        )  # a "Reply" link rendered as its own block next to a comment's header
        or _COMMENTER_SAYS.search(block, 0, 80) is not None
        or (i > 0 and len(texts[i - 1]) <= 60 and _COMMENTER_SAYS.search(texts[i - 1]) is not None)
    )
    for k, m in enumerate(matches):
        if _in_copyright(block, m):
            continue
        if m.value.year < MIN_YEAR and not near_title:
            continue
        score = position
        # A sentence opening on a labelled date ("Der Beitrag wurde am 27. November 2019
        # veröffentlicht") is the dateline, however prose-like.
        opening = m.kind != "unknown" and m.start <= 60
        inside = running and not opening and _inside_prose(block, m.start)
        if _SOCIAL_EMBED.search(block, max(0, m.start - 40), m.start) is not None:
            # An embedded post's attribution ("— Jane (@jane) May 1, 2023"): its own date.
            score -= 4.0
        if inside:
            score -= 2.0  # a date quoted inside a paragraph is an event, not the dateline
        # Long single-block dumps: the dateline sits early in the block.
        score -= min(2.0, m.start / 4000)
        if m.kind != "unknown" and not inside:
            score += 3.0
        if m.has_time:
            score += 1.0
        if not m.has_year:
            score -= 2.5
        if m.relative:
            score -= 3.0
        if dateline:
            score += 1.5
        if byline and not inside:
            score += 1.0
        if listing and m.kind == "unknown":
            score -= 1.5
        if comment:
            score -= 2.5  # a comment's date is never the article's
        if _EVENT_LABEL.search(block, max(0, m.start - 30), m.start) is not None:
            score -= 3.0  # "Termin: 21.02.2020": when something happens, not when it was written
        if k > 0 and m.kind == "unknown":
            score -= 0.3 * k
        if ctx.url_month is not None and (m.value.year, m.value.month) != ctx.url_month:
            score -= 4.0  # the URL files the article under another month
        score += m.confidence
        yield _Candidate(replace(m, confidence=_squash(score, m.confidence)), i, score)


# Labels of a date that is an event's or a deadline's, not the document's.
_EVENT_LABEL = regex.compile(
    r"(?<![^\W\d_])(?:termine?|veranstaltung|event|deadline|frist|anmeldeschluss|"
    r"einsendeschluss|gültig bis|valid until|expires|expiry|offer ends|événement|evento|"
    r"date limite|fecha límite|scadenza)\s*[:\-–]?\s*(?:\p{L}+,?\s+){0,2}$",
    regex.I,
)
_SOCIAL_EMBED = regex.compile(r"\(@\w{1,30}\)")
_LOWER_WORD = regex.compile(r"(?<![^\W\d_])\p{Ll}{2,}")
_CASED = regex.compile(r"[\p{Lu}\p{Ll}]")


def _inside_prose(block: str, start: int) -> bool:
    """Is the date at ``start`` quoted inside a sentence (rather than a dateline)?

    In scripts with case, prose is lower-case words; a run of capitalised menu items glued
    before a dateline (as text dumps without separators produce) is not prose.
    """
    window = max(0, start - 60)
    if _CASED.search(block, window, start):
        return len(_LOWER_WORD.findall(block, window, start)) >= 3
    return start > 60 or len(_WORD.findall(block, 0, start)) >= 3


def _squash(score: float, base: float) -> float:
    # Map the ranking score to 0..1 and temper it with the parse confidence.
    weight: float = (1 / (1 + math.exp(-(score - 2.0)))) ** 0.5
    return round(base * weight, 3)
