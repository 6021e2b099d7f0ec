"""Within-line text normalisation, each step a pure ``find_*_fixes`` function plus a twin.

Steps, in the order :func:`find_text_normalization_fixes` applies them:

1. :func:`decode_html_entities` -- ``&amp;``, ``&#8217;``, ``&nbsp;`` left in text dumps
   (``html_entity``). Only entities closed by ``;`` are decoded: bare ``&copy`` is too often
   part of a URL or a name.
2. :func:`fix_mojibake` -- text decoded with the wrong codec ("CafÃ©"), repaired by ftfy
   (``mojibake``). ftfy runs per line, only on lines its badness check flags, and its output is
   aligned with the input so that each fix covers only the characters that changed.
3. :func:`remove_invisible_characters` -- zero-width spaces (``zero_width_space``), soft
   hyphens (``soft_hyphen``), byte order marks (``byte_order_mark``), bidi controls
   (``bidi_control``), word joiners and invisible operators (``invisible_character``), C0 control
   characters other than tab and line breaks (``control_character``). ZWJ and ZWNJ stay: Persian,
   Indic scripts and emoji sequences need them.
4. :func:`normalize_unicode_form` -- Unicode NFC (``unicode_nfc``).
5. :func:`normalize_spaces` -- NBSP and other exotic spaces become a plain space
   (``exotic_space``); runs of spaces and tabs inside a line become one space (``space_run``).
   Line breaks are never touched: paragraphs are the segmenter's business.

Every function refers to offsets of the string it is given, returns sorted non-overlapping
minimal fixes, and has an imperative twin equal to ``apply_fixes(text, find_...(text))``.
"""

from __future__ import annotations

import bisect
import difflib
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import ftfy
from ftfy.badness import is_bad

from newsclean._fix import Fix, apply_fixes

__all__ = [
    "NormalizationOptions",
    "decode_html_entities",
    "find_html_entity_fixes",
    "find_invisible_character_fixes",
    "find_mojibake_fixes",
    "find_space_fixes",
    "find_text_normalization_fixes",
    "find_unicode_form_fixes",
    "fix_mojibake",
    "normalize_spaces",
    "normalize_text",
    "normalize_unicode_form",
    "remove_invisible_characters",
]

# ------------------------------------------------------------------------------ HTML entities

_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def find_html_entity_fixes(text: str) -> list[Fix]:
    """Fixes decoding each HTML character reference closed by ``;`` (one pass, not recursive)."""
    if "&" not in text:
        return []
    fixes: list[Fix] = []
    for match in _ENTITY_RE.finditer(text):
        entity = match.group()
        decoded = html.unescape(entity)
        if decoded != entity:
            fixes.append(Fix(match.start(), match.end(), decoded, "html_entity"))
    return fixes


def decode_html_entities(text: str) -> str:
    """Return ``text`` with HTML character references decoded.

    >>> decode_html_entities("Q&amp;A: it&#8217;s here")
    'Q&A: it’s here'
    """
    return apply_fixes(text, find_html_entity_fixes(text))


# ------------------------------------------------------------------------------ mojibake

# Whitespace-separated tokens: ftfy's repair is aligned token by token, so that a fix never
# spans more than the words it changed.
_TOKEN_RE = re.compile(r"\s+|\S+")


def _common_affixes(old: str, new: str) -> tuple[int, int]:
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def _trimmed_fix(old: str, new: str, offset: int, reason: str) -> Fix:
    prefix, suffix = _common_affixes(old, new)
    return Fix(offset + prefix, offset + len(old) - suffix, new[prefix : len(new) - suffix], reason)


def _aligned_fixes(old: str, new: str, offset: int, reason: str) -> list[Fix]:
    """Minimal fixes turning ``old`` into ``new``, shifted by ``offset``.

    Tokens are aligned first (difflib on token lists is cheap); a changed token is then
    trimmed to the characters that differ ("CafÃ©" -> "é" replaces just "Ã©").
    """
    old_tokens = _TOKEN_RE.findall(old)
    new_tokens = _TOKEN_RE.findall(new)
    starts = [0]
    for token in old_tokens:
        starts.append(starts[-1] + len(token))
    fixes: list[Fix] = []
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        fixes.append(
            _trimmed_fix(
                "".join(old_tokens[i1:i2]),
                "".join(new_tokens[j1:j2]),
                offset + starts[i1],
                reason,
            )
        )
    return fixes


# Cheap necessary condition for the mojibake ftfy repairs, so that its (much slower) badness
# check only sees lines that may need it: UTF-8 read as Latin-1 / Windows-1252 leaves a lead
# byte (Â-ô) before a continuation byte (U+0080-U+00BF or its Windows-1252 stand-in); read as
# Windows-1251 it leaves Р/С/в before one of the 1251 continuation letters; stray C1 controls.
_CP1252_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_CP1251_CONTINUATION = (
    "\u0402\u0403\u201a\u0453\u201e\u2026\u2020\u2021\u20ac\u2030\u0409\u2039\u040a"
    "\u040c\u040b\u040f\u0452\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u2122\u0459"
    "\u203a\u045a\u045c\u045b\u045f\u00a0\u040e\u045e\u0408\u00a4\u0490\u00a6\u00a7"
    "\u0401\u00a9\u0404\u00ab\u00ac\u00ad\u00ae\u0407\u00b0\u00b1\u0406\u0456\u0491"
    "\u00b5\u00b6\u00b7\u0451\u2116\u0454\u00bb\u0458\u0405\u0455\u0457"
)
# One class pair rather than an alternation: five times faster to scan, and a superset.
_MOJIBAKE_LEADS = "\u00c2-\u00f4\u0420\u0421\u0432\u0080-\u009f"
_MOJIBAKE_HINT_RE = re.compile(f"[{_MOJIBAKE_LEADS}][{_CP1252_CONTINUATION}{_CP1251_CONTINUATION}]")
# UTF-8 "à" (C3 A0) with its A0 byte turned into a space by an earlier NBSP clean-up.
_MOJIBAKE_A0_RE = re.compile("[\u00c2\u00c3] ")
_MOJIBAKE_LEAD_CHARS = (
    tuple(chr(cp) for cp in range(0x80, 0xA0))
    + tuple(chr(cp) for cp in range(0xC2, 0xF5))
    + ("\u0420", "\u0421", "\u0432")
)


def find_mojibake_fixes(text: str) -> list[Fix]:
    """Fixes repairing mojibake with ``ftfy.fix_encoding``, line by line, aligned per character.

    >>> find_mojibake_fixes("Caf\u00c3\u00a9 au lait")
    [Fix(start=3, end=5, replacement='é', reason='mojibake')]
    """
    if text.isascii() or not any(lead in text for lead in _MOJIBAKE_LEAD_CHARS):
        return []
    hints: list[re.Match[str]] = list(_MOJIBAKE_HINT_RE.finditer(text))
    if "\u00c3 " in text or "\u00c2 " in text:
        hints.extend(_MOJIBAKE_A0_RE.finditer(text))
        hints.sort(key=lambda m: m.start())
    fixes: list[Fix] = []
    next_line = 0
    for hint in hints:
        if hint.start() < next_line:
            continue
        start = text.rfind("\n", 0, hint.start()) + 1
        end = text.find("\n", hint.end())
        next_line = len(text) if end == -1 else end + 1
        line = text[start:next_line]
        if is_bad(line):
            fixed = ftfy.fix_encoding(line)
            if fixed != line:
                fixes.extend(_aligned_fixes(line, fixed, start, "mojibake"))
    return fixes


def fix_mojibake(text: str) -> str:
    """Return ``text`` with mojibake repaired.

    >>> fix_mojibake("The Mona Lisa doesnÃ¢â‚¬â„¢t have eyebrows.")
    'The Mona Lisa doesn’t have eyebrows.'
    """
    return apply_fixes(text, find_mojibake_fixes(text))


# ------------------------------------------------------------------------------ invisible chars

_INVISIBLE_CLASSES = {
    "zero_width_space": "\u200b",
    "soft_hyphen": "\u00ad",
    "byte_order_mark": "\ufeff",
    "bidi_control": "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c",
    "invisible_character": "\u2060\u2061\u2062\u2063\u2064",
    "control_character": "".join(chr(cp) for cp in [*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F]),
}
_INVISIBLE_REASON = {ch: reason for reason, chars in _INVISIBLE_CLASSES.items() for ch in chars}
# One character class: an alternation of named groups is several times slower to scan.
_INVISIBLE_RUN_RE = re.compile(
    "[" + "".join(re.escape(ch) for ch in sorted(_INVISIBLE_REASON)) + "]+"
)


def find_invisible_character_fixes(text: str) -> list[Fix]:
    """Fixes deleting invisible format and control characters (ZWJ and ZWNJ are kept).

    Consecutive characters of the same kind form one fix.
    """
    fixes: list[Fix] = []
    for match in _INVISIBLE_RUN_RE.finditer(text):
        run_start = match.start()
        reason = _INVISIBLE_REASON[text[run_start]]
        for pos in range(run_start + 1, match.end()):
            next_reason = _INVISIBLE_REASON[text[pos]]
            if next_reason != reason:
                fixes.append(Fix(run_start, pos, "", reason))
                run_start, reason = pos, next_reason
        fixes.append(Fix(run_start, match.end(), "", reason))
    return fixes


def remove_invisible_characters(text: str) -> str:
    """Return ``text`` without zero-width spaces, soft hyphens, BOMs, bidi and C0 controls.

    >>> remove_invisible_characters("co\u00adop\u200beration")
    'cooperation'
    """
    return apply_fixes(text, find_invisible_character_fixes(text))


# ------------------------------------------------------------------------------ NFC

# NFC is computed per token (see _TOKEN_RE), and long texts are halved before a space: no
# composition starts with a whitespace character, and canonical reordering never crosses a
# starter, so splitting there is safe.


def _nfc_fixes(text: str, lo: int, hi: int, fixes: list[Fix]) -> None:
    """Append fixes for ``text[lo:hi]`` (not NFC), halving at spaces to reach changed tokens."""
    if hi - lo > 512:
        mid = (lo + hi) // 2
        cut = text.find(" ", mid, hi)
        if cut == -1:
            cut = text.rfind(" ", lo, mid)
        if cut > lo:
            for part_lo, part_hi in ((lo, cut), (cut, hi)):
                if not unicodedata.is_normalized("NFC", text[part_lo:part_hi]):
                    _nfc_fixes(text, part_lo, part_hi, fixes)
            return
    for match in _TOKEN_RE.finditer(text, lo, hi):
        chunk = match.group()
        if not unicodedata.is_normalized("NFC", chunk):
            normal = unicodedata.normalize("NFC", chunk)
            fixes.append(_trimmed_fix(chunk, normal, match.start(), "unicode_nfc"))


def find_unicode_form_fixes(text: str) -> list[Fix]:
    """Fixes bringing ``text`` to Unicode NFC, each covering one changed stretch of a word."""
    if text.isascii():
        return []
    fixes: list[Fix] = []
    # Blocks of about 64 KB cut at line ends, then lines: is_normalized is fast when it can
    # answer from the quick-check property, but falls back to a full normalisation of its whole
    # argument as soon as one "maybe" character (a Hangul or Indic vowel sign) occurs.
    block_start = 0
    n = len(text)
    while block_start < n:
        block_end = text.find("\n", min(block_start + 65536, n - 1))
        block_end = n if block_end == -1 else block_end + 1
        if not unicodedata.is_normalized("NFC", text[block_start:block_end]):
            start = block_start
            for line in text[block_start:block_end].splitlines(keepends=True):
                end = start + len(line)
                if not unicodedata.is_normalized("NFC", line):
                    _nfc_fixes(text, start, end, fixes)
                start = end
        block_start = block_end
    return fixes


def normalize_unicode_form(text: str) -> str:
    """Return ``text`` in Unicode NFC.

    >>> normalize_unicode_form("Cafe\u0301") == "Caf\u00e9"
    True
    """
    return apply_fixes(text, find_unicode_form_fixes(text))


# ------------------------------------------------------------------------------ spaces


_SPACE_SET = frozenset(" \t\u00a0\u1680\u202f\u205f\u3000") | frozenset(
    chr(cp) for cp in range(0x2000, 0x200B)
)
# Everything in _SPACE_SET except the plain space; substring tests for these are much faster
# than scanning with a character class, and most texts contain none of them.
_EXOTIC_SPACES = tuple(sorted(_SPACE_SET - {" "}))
_DOUBLE_SPACE_RE = re.compile("  +")


def find_space_fixes(text: str) -> list[Fix]:
    """Fixes turning exotic spaces and tabs into a space and collapsing runs inside a line."""
    seeds: list[int] = []
    for exotic in _EXOTIC_SPACES:
        pos = text.find(exotic)
        while pos != -1:
            seeds.append(pos)
            pos = text.find(exotic, pos + 1)
    if "  " in text:
        seeds.extend(m.start() for m in _DOUBLE_SPACE_RE.finditer(text))
    if not seeds:
        return []
    seeds.sort()
    fixes: list[Fix] = []
    run_end = -1
    n = len(text)
    for seed in seeds:
        if seed < run_end:
            continue
        start = seed
        while start > 0 and text[start - 1] in _SPACE_SET:
            start -= 1
        end = seed + 1
        while end < n and text[end] in _SPACE_SET:
            end += 1
        run_end = end
        reason = "space_run" if end - start > 1 else "exotic_space"
        fixes.append(Fix(start, end, " ", reason))
    return fixes


def normalize_spaces(text: str) -> str:
    """Return ``text`` with exotic spaces made plain and space runs collapsed; newlines stay.

    >>> normalize_spaces("10\u00a0km  away\\n\\nnext")
    '10 km away\\n\\nnext'
    """
    return apply_fixes(text, find_space_fixes(text))


# ------------------------------------------------------------------------------ combined


@dataclass(frozen=True)
class NormalizationOptions:
    """Which normalisation steps :func:`find_text_normalization_fixes` applies."""

    decode_html_entities: bool = True
    fix_mojibake: bool = True
    remove_invisible_characters: bool = True
    normalize_unicode_form: bool = True
    normalize_spaces: bool = True


_STEPS: tuple[tuple[str, Callable[[str], list[Fix]]], ...] = (
    ("decode_html_entities", find_html_entity_fixes),
    ("fix_mojibake", find_mojibake_fixes),
    ("remove_invisible_characters", find_invisible_character_fixes),
    ("normalize_unicode_form", find_unicode_form_fixes),
    ("normalize_spaces", find_space_fixes),
)


class _Edit:
    """A composed edit: ``original[start:end]`` became ``replacement`` for ``reasons``."""

    __slots__ = ("end", "reasons", "replacement", "start")

    def __init__(self, start: int, end: int, replacement: str, reasons: tuple[str, ...]) -> None:
        self.start = start
        self.end = end
        self.replacement = replacement
        self.reasons = reasons


class _OffsetMap:
    """Map positions of the current text back to the original through composed edits."""

    def __init__(self, edits: list[_Edit]) -> None:
        self._edits = edits
        self._ts: list[int] = []
        self._te: list[int] = []
        self._cum: list[int] = [0]
        delta = 0
        for edit in edits:
            ts = edit.start + delta
            self._ts.append(ts)
            self._te.append(ts + len(edit.replacement))
            delta += len(edit.replacement) - (edit.end - edit.start)
            self._cum.append(delta)

    def span(self, index: int) -> tuple[int, int]:
        return self._ts[index], self._te[index]

    def to_original(self, pos: int, *, as_start: bool) -> int:
        """The original offset of current offset ``pos``.

        An end never reaches past a deletion that sits exactly at ``pos``; a start does, so
        that the deleted text stays outside the fix.
        """
        j = bisect.bisect_left(self._te, pos)
        n = len(self._edits)
        while j < n and self._te[j] == pos and (self._ts[j] < pos or as_start):
            j += 1
        if j < n and self._ts[j] < pos < self._te[j]:
            edit = self._edits[j]
            return edit.start if as_start else edit.end
        return pos - self._cum[j]


def _compose(original: str, edits: list[_Edit], current: str, fixes: list[Fix]) -> list[_Edit]:
    """Fold ``fixes`` (offsets of ``current``) into ``edits`` (offsets of ``original``)."""
    if not fixes:
        return edits
    if not edits:
        return [_Edit(f.start, f.end, f.replacement, (f.reason,)) for f in fixes]
    offsets = _OffsetMap(edits)
    # (start, end, kind, index) in current offsets; kind 0 = earlier edit, 1 = new fix.
    items: list[tuple[int, int, int, int]] = []
    for index in range(len(edits)):
        ts, te = offsets.span(index)
        items.append((ts, te, 0, index))
    items.extend((f.start, f.end, 1, index) for index, f in enumerate(fixes))
    items.sort()

    clusters: list[list[tuple[int, int, int, int]]] = []
    cluster_start = cluster_end = -1
    for item in items:
        start, end = item[0], item[1]
        if clusters:
            if start == end:
                joins = cluster_start < start < cluster_end
            else:
                joins = cluster_start < cluster_end and start < cluster_end
            if joins:
                clusters[-1].append(item)
                cluster_end = max(cluster_end, end)
                continue
        clusters.append([item])
        cluster_start, cluster_end = start, end

    result: list[_Edit] = []
    for cluster in clusters:
        if len(cluster) == 1 and cluster[0][2] == 0:
            result.append(edits[cluster[0][3]])
            continue
        cs = min(item[0] for item in cluster)
        ce = max(item[1] for item in cluster)
        os_ = offsets.to_original(cs, as_start=True)
        oe = offsets.to_original(ce, as_start=False)
        new_fixes = [fixes[i] for _, _, kind, i in cluster if kind == 1]
        local = [Fix(f.start - cs, f.end - cs, f.replacement, f.reason) for f in new_fixes]
        replacement = apply_fixes(current[cs:ce], local)
        # Earlier steps' reasons first, so that the code reads in the order the steps ran.
        reasons: list[str] = []
        for _, _, kind, i in sorted(cluster, key=lambda item: item[2]):
            for reason in edits[i].reasons if kind == 0 else (fixes[i].reason,):
                if reason not in reasons:
                    reasons.append(reason)
        if replacement != original[os_:oe]:
            result.append(_Edit(os_, oe, replacement, tuple(reasons)))
    return result


def find_text_normalization_fixes(
    text: str, options: NormalizationOptions = NormalizationOptions()
) -> list[Fix]:
    """All enabled normalisation steps as one list of fixes on the ORIGINAL ``text``.

    Steps run in sequence; fixes of later steps are mapped back to original offsets, and fixes
    that overlap are merged into one whose reason joins the codes with ``+``.

    >>> find_text_normalization_fixes("a&nbsp; b")
    [Fix(start=1, end=8, replacement=' ', reason='html_entity+space_run')]
    """
    edits: list[_Edit] = []
    current = text
    for name, find in _STEPS:
        if not getattr(options, name):
            continue
        fixes = find(current)
        if fixes:
            edits = _compose(text, edits, current, fixes)
            current = apply_fixes(current, fixes)
    return [Fix(e.start, e.end, e.replacement, "+".join(e.reasons)) for e in edits]


def normalize_text(text: str, options: NormalizationOptions = NormalizationOptions()) -> str:
    """Return ``text`` with all enabled normalisation steps applied, in order.

    >>> normalize_text("Caf\u00c3\u00a9&nbsp;&amp;\u200b bar")
    'Café & bar'
    """
    for name, find in _STEPS:
        if getattr(options, name):
            fixes = find(text)
            if fixes:
                text = apply_fixes(text, fixes)
    return text
