"""Split a whole-page text dump into blocks, rebuilding paragraphs from hard-wrapped lines.

Renderers differ: lynx and w3m hard-wrap at ~80 columns and indent, html-text/inscriptis/bs4 keep
one block per line, bs4 without separator glues blocks ("...end.Next") or runs them together with
runs of spaces. A block is a span of the dump plus whitespace/artefact fixes, never rewritten text.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field, replace

import regex

from newsclean._fix import Fix, apply_fixes

SEGMENT_KINDS = frozenset({"paragraph", "heading", "list_item", "quote"})

_BULLET_RE = re.compile(r"(?:[*+•●○◦▪■□‣·]|[-–](?=\s))[ \t]+(?=\S)")
_LINK_MARK_RE = re.compile(r"\[\d{1,4}\]")
_INNER_SPACE_RE = re.compile(r"[ \t\u00a0]{2,}")
_PIECE_SPLIT_RE = re.compile(r"[ \t\u00a0]*\t[ \t\u00a0]*|[ \t\u00a0]{3,}")
# "...end of sentence.Next sentence" (two lower-case letters or a digit before the stop, so that
# initials and abbreviations such as "U.S.Army" stay whole).
_GLUE_RE = regex.compile(r"(?<=(?:\p{Ll}\p{Ll}|\d)(?:[.!?]|\.\.\.|…)['\"”’»)]?)(?=\p{Lu}\p{Ll})")
# "MetroAkron NewsThe Plain DealerWeather": menu items glued without any separator. One such
# join is a name ("McDonald", "iPhone"); several within a few words are a glued menu.
_CAMEL_RE = regex.compile(r"(?<=\p{Ll}\p{Ll})(?=\p{Lu}\p{Ll}\p{Ll})|(?<=[\p{Ll}\d][›|])(?=\w)")
_CAMEL_NEAR_WORDS = 4
# A product name can hold two joins ("DevSecOps"); a glued menu holds many.
_CAMEL_MIN_JOINS = 3
_WIDE_RE = regex.compile(
    r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
    r"\uffe0-\uffe6\U00020000-\U0003fffd]"
)
# Cheap pre-check: a sentence end directly followed by a letter (possible glue).
_GLUE_HINT_RE = re.compile(r"[.!?…][\'\"”’»)]?[^\W\d_]")
_UNSPACED_EDGE_RE = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\u3000-\u303f\uff01-\uff60]"
)
_SENTENCE_END_RE = re.compile(r"[.!?。！？…:;]['\"”’»)\]]*$")

# lynx prints an image it cannot show as its file name or address in brackets
# ("[team-photo.jpg]", "[dims?resize=980&amp;quality=100]"), inline with the text around it and
# broken across lines without a space when it is longer than the line.
_IMAGE_MARK_RE = re.compile(
    r"\[IMG\]|\[(?:[^\[\]\s]|\n[ \t]*){0,600}?"
    r"(?:\.(?:png|jpe?g|gif|svg|webp|bmp|ico|avif)(?![a-z])|\?[^\[\]\s]*=|;base64,)"
    r"(?:[^\[\]\s]|\n[ \t]*){0,600}?\]",
    re.IGNORECASE,
)
_IMAGE_MARKS_ONLY_RE = re.compile(rf"(?:(?:{_IMAGE_MARK_RE.pattern})\s*)+", re.IGNORECASE)
# An empty ad slot (<ins>) printed by lynx and w3m, often glued to the paragraph after it.
_AD_MARK_RE = re.compile(r"\[INS:[ \t]*:INS\]")
# lynx prints MathML it cannot lay out as its source: "[MATH: <mi> x </mi> <mo> = </mo> :MATH]".
# The formula's own symbols are the text between the tags; the markers, the tags and the TeX
# source in <annotation> are not. A picture of the same formula may follow with its TeX source as
# alt text ("{\displaystyle x=1}"), which says the formula a second time.
_MATH_OPEN = "[MATH:"
_MATH_CLOSE = ":MATH]"
_MATH_JUNK_RE = re.compile(
    r"\[MATH:|:MATH\]|<annotation(?:-xml)?\b[^<>]{0,300}>.*?</annotation(?:-xml)?>|<[^<>]{0,300}>",
    re.DOTALL,
)
_TEX_ALT_RE = re.compile(r"\s*\{\\[A-Za-z]")
_TEX_ALT_MAX = 3000


@dataclass(frozen=True)
class Segment:
    """One block of a dump: ``text[start:end]`` is its raw span, ``fixes`` its cleaning edits.

    ``fixes`` use the full dump's offsets, lie inside ``[start, end)``, are sorted and do not
    overlap; ``cleaned`` is the raw span with the fixes applied. ``indent`` is the column of the
    block's first character (renderers indent body text, headings and quotes differently).
    """

    start: int
    end: int
    kind: str
    fixes: tuple[Fix, ...] = ()
    cleaned: str = ""
    indent: int = 0
    lines: int = 1
    wrapped: bool = field(default=False, compare=False)

    def clean_text(self, text: str) -> str:
        """Return the block's cleaned text computed from the dump ``text``."""
        return segment_text(text, self)


def segment_text(text: str, segment: Segment) -> str:
    """Return ``text[segment.start:segment.end]`` with the segment's fixes applied."""
    shifted = [
        Fix(f.start - segment.start, f.end - segment.start, f.replacement, f.reason)
        for f in segment.fixes
    ]
    return apply_fixes(text[segment.start : segment.end], shifted)


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    indent: int  # display column of the first non-space character
    width: int  # display width of the line without trailing spaces
    marker_end: int  # offset after a list marker ("* "), or == start


def _display_width(s: str) -> int:
    if s.isascii():
        return len(s)
    return len(s) + len(_WIDE_RE.findall(s))


def _width(s: str, narrow: bool) -> int:
    """Return the columns ``s`` takes: wide (CJK) characters count two unless ``narrow``.

    w3m wraps at display columns; lynx counts every character as one column.
    """
    return len(s) if narrow else _display_width(s)


def _scan_lines(text: str, narrow: bool = False) -> list[_Line | None]:
    out: list[_Line | None] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            out.append(None)
        else:
            lead = len(raw) - len(raw.lstrip())
            body_end = len(raw.rstrip())
            start = pos + lead
            m = _BULLET_RE.match(text, start, pos + body_end)
            marker_end = m.end() if m else start
            out.append(
                _Line(
                    start=start,
                    end=pos + body_end,
                    indent=_width(raw[:lead].expandtabs(8), narrow),
                    width=_width(raw[:body_end].expandtabs(8), narrow),
                    marker_end=marker_end,
                )
            )
        pos += len(raw) + 1
    return out


def detect_wrap_width(text: str) -> int | None:
    """Return the column at which the dump's lines were hard-wrapped, or None if they were not.

    Wrapped dumps have many long lines that all stop just short of one width, almost none beyond
    it, and a line that stops there is followed by a line whose first word would not have fitted.
    """
    return _find_wrap(text)[0]


def _find_wrap(text: str) -> tuple[int | None, bool, list[_Line | None]]:
    """Return (wrap width, narrow measure?, scanned lines) of ``text``.

    A dump whose wrapped lines hold wide characters was wrapped either at display columns (w3m)
    or at character counts (lynx); and a page with preformatted code, a wide table or long URLs
    has lines beyond its wrap width. The plain test is tried first, then the other measure, then
    a search for the width most lines stop short of.
    """
    scanned = _scan_lines(text)
    width = _wrap_width(text, scanned, False)
    if width is not None:
        return width, False, scanned
    measures = [False]
    if not text.isascii() and _WIDE_RE.search(text) is not None:
        narrow_scan = _scan_lines(text, narrow=True)
        width = _wrap_width(text, narrow_scan, True)
        if width is not None:
            return width, True, narrow_scan
        measures.append(True)
    for narrow in measures:
        lines = narrow_scan if narrow else scanned
        width = _search_wrap_width(text, lines, narrow)
        if width is not None:
            return width, narrow, lines
    return None, False, scanned


# Lines beyond the wrap width (code, tables, URLs) a wrapped dump may hold, as a share of its
# long lines, and how much more often a near-width line must be forced than free.
_MAX_BEYOND_SHARE = 0.15
_FORCED_RATIO = 3


def _search_wrap_width(text: str, scanned: list[_Line | None], narrow: bool) -> int | None:
    """Return the widest column that most long lines stop just short of, with forced breaks."""
    widths = sorted(ln.width for ln in scanned if ln is not None and ln.width >= 40)
    if len(widths) < 8:
        return None
    for cut in sorted({w for w in widths if 50 <= w <= 140}, reverse=True):
        beyond = sum(1 for w in widths if w > cut + 2)
        near = sum(1 for w in widths if cut - 12 <= w <= cut + 2)
        if beyond > _MAX_BEYOND_SHARE * len(widths) or near < 0.3 * len(widths):
            continue
        width = max(w for w in widths if w <= cut + 2)
        forced, free = _count_breaks(text, scanned, width, narrow)
        if forced >= 8 and forced >= _FORCED_RATIO * free:
            return width
    return None


def _count_breaks(
    text: str, scanned: list[_Line | None], width: int, narrow: bool
) -> tuple[int, int]:
    """Count near-width lines whose next word would not have fitted (forced) or would (free)."""
    forced = free = 0
    for prev, cur in itertools.pairwise(scanned):
        if prev is None or cur is None or prev.width < width - 12 or cur.indent != prev.indent:
            continue
        if prev.width > width:
            continue
        if prev.width + 1 + _first_word_width(text, cur, narrow) > width:
            forced += 1
        else:
            free += 1
    return forced, free


def _wrap_width(text: str, scanned: list[_Line | None], narrow: bool) -> int | None:
    widths = sorted(ln.width for ln in scanned if ln is not None and ln.width >= 40)
    if len(widths) < 4:
        return None
    cut = widths[min(len(widths) - 1, int(len(widths) * 0.97))]
    if not 50 <= cut <= 140:
        return None
    beyond = sum(1 for w in widths if w > cut + 2)
    near = sum(1 for w in widths if cut - 12 <= w <= cut + 2)
    if beyond > 0.02 * len(widths) or near < 0.3 * len(widths):
        return None
    width = max(w for w in widths if w <= cut + 2)
    # Where a near-width line goes on on the next line, the next word must not have fitted.
    forced = free = 0
    for prev, cur in itertools.pairwise(scanned):
        if prev is None or cur is None or prev.width < width - 12 or cur.indent != prev.indent:
            continue
        if prev.width + 1 + _first_word_width(text, cur, narrow) > width:
            forced += 1
        else:
            free += 1
    if forced < 4 or free > forced:
        return None
    return width


def _first_word_width(text: str, line: _Line, narrow: bool = False) -> int:
    word = text[line.marker_end : line.end].split(" ", 1)[0]
    return _width(word, narrow)


_NEAR_FIT = 3


def _is_continuation(
    text: str, prev: _Line, cur: _Line, content_col: int, width: int, narrow: bool = False
) -> bool:
    if cur.marker_end != cur.start:
        return False
    if _joins_inline(text, prev.end, cur.start) and cur.indent >= content_col:
        # bs4 dumps keep the HTML source's indentation on continuation lines.
        return True
    if cur.indent != content_col:
        return False
    first = text[cur.start]
    if _UNSPACED_EDGE_RE.match(first):
        return prev.width + _width(first, narrow) > width
    need = prev.width + 1 + _first_word_width(text, cur, narrow)
    if need > width:
        return True
    # lynx, which indents body text, also breaks a line a few columns short of the width;
    # inside a sentence such a break is a wrap too. w3m fills its lines to the last column, and
    # its early breaks are element boundaries.
    return (
        content_col > 0
        and need > width - _NEAR_FIT
        and not ends_sentence(text[prev.start : prev.end])
    )


def _math_left_open(text: str, line: _Line, was_open: bool) -> bool:
    """Return True when a lynx formula ("[MATH: ... :MATH]") goes on past the end of ``line``."""
    opening = text.rfind(_MATH_OPEN, line.start, line.end)
    closing = text.rfind(_MATH_CLOSE, line.start, line.end)
    if opening < 0 and closing < 0:
        return was_open
    return opening > closing


def _joins_math(text: str, prev: _Line, cur: _Line, content_col: int, math_open: bool) -> bool:
    """Return True when ``cur`` continues a sentence across an inline formula.

    lynx starts a new line before and after a formula it prints as MathML source, even inside a
    sentence ("When" / "[MATH: a ≠ 0 :MATH]" / ", there are two solutions"), and wraps the
    source at any column; a picture of the formula with its TeX source as alt text may follow.
    """
    if math_open:
        return True
    if cur.marker_end != cur.start or cur.indent != content_col:
        return False
    return text.startswith(_MATH_OPEN, cur.start) or text.endswith(
        _MATH_CLOSE, prev.start, prev.end
    )


_HANGUL_RE = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


def _is_wide_edge(text: str, prev: _Line, cur: _Line) -> bool:
    last, first = text[prev.end - 1], text[cur.start]
    return bool(
        _HANGUL_RE.match(last)
        or _HANGUL_RE.match(first)
        or _UNSPACED_EDGE_RE.match(last)
        or _UNSPACED_EDGE_RE.match(first)
    )


def _cuts_unspaced_text(text: str, prev: _Line, cur: _Line, width: int) -> bool:
    """Return True when a wrap at any character cut the text where it had no space.

    A break at a space leaves the line short of the width by more than the next character:
    that character would have fitted. A line that the next character would overflow was cut
    where the text had no space ("...인상이" / "다.", "Nasa" / "安全").
    """
    if prev.width > width or not _is_wide_edge(text, prev, cur):
        return False
    return prev.width + _width(text[cur.start], False) > width


# Share of breaks next to CJK text that leave a line full, above which the renderer breaks such
# text at any character; a renderer that breaks at spaces leaves few lines exactly full.
_FULL_BREAK_SHARE = 0.7
_MIN_WIDE_BREAKS = 3


def _wraps_wide_text_anywhere(
    text: str, scanned: list[_Line | None], width: int, narrow: bool
) -> bool:
    """Return True when the dump breaks Chinese, Japanese and Korean text at any character.

    w3m does, Korean included (which puts spaces between words); lynx breaks Korean at spaces.
    """
    if narrow or text.isascii():
        return False
    full = total = 0
    for prev, cur in itertools.pairwise(scanned):
        if prev is None or cur is None or not width - 12 <= prev.width <= width:
            continue
        if not _is_wide_edge(text, prev, cur):
            continue
        total += 1
        full += prev.width + _width(text[cur.start], False) > width
    return total >= _MIN_WIDE_BREAKS and full >= _FULL_BREAK_SHARE * total


def _ideographic_indent(text: str, line: _Line, narrow: bool) -> int:
    """Return the columns of ideographic spaces (U+3000) just before ``line``'s first character."""
    pos = line.start
    while pos > 0 and text[pos - 1] == "\u3000":
        pos -= 1
    return _width(text[pos : line.start], narrow)


def _line_fixes(text: str, start: int, end: int, marker_end: int) -> list[Fix]:
    fixes: list[Fix] = []
    if marker_end > start:
        fixes.append(Fix(start, marker_end, "", "list_marker"))
    body_start = marker_end
    for m in _LINK_MARK_RE.finditer(text, body_start, end):
        fixes.append(Fix(m.start(), m.end(), "", "link_mark"))
    for m in _INNER_SPACE_RE.finditer(text, body_start, end):
        fixes.append(Fix(m.start(), m.end(), " ", "collapse_whitespace"))
    fixes.sort()
    return _drop_overlaps(fixes)


def _match_brace(text: str, pos: int, end: int) -> int:
    """Return the offset after the brace closing the one at ``pos``, or -1 before ``end``."""
    depth = 0
    for i in range(pos, end):
        c = text[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return -1


def _math_junk(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the spans of MathML markup (markers, tags, TeX source) in ``text[start:end]``."""
    out: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        opening = text.find(_MATH_OPEN, pos, end)
        closing = text.find(_MATH_CLOSE, pos, end)
        if opening < 0 and closing < 0:
            break
        # A formula broken over two blocks leaves a closing marker without its opening one.
        span_start = opening if opening >= 0 and (closing < 0 or opening < closing) else pos
        closing = text.find(_MATH_CLOSE, span_start, end)
        span_end = end if closing < 0 else closing + len(_MATH_CLOSE)
        out.extend(m.span() for m in _MATH_JUNK_RE.finditer(text, span_start, span_end))
        if closing >= 0:
            alt = _TEX_ALT_RE.match(text, span_end, end)
            if alt is not None:
                brace = alt.end() - 3
                alt_end = _match_brace(text, brace, min(end, brace + _TEX_ALT_MAX))
                if alt_end > 0:
                    out.append((brace, alt_end))
                    span_end = alt_end
        pos = span_end
    return out


def _markup_fixes(text: str, start: int, end: int) -> list[Fix]:
    """Return removals of renderer markup inside the block ``text[start:end]``.

    Inline image marks, empty ad slots and MathML source are removed, each run of them (with
    the spaces after it) as one fix, so that the words around them join with one space. A block
    that holds nothing else stays whole: it is a placeholder the classifier judges as such.
    """
    if text.find("[", start, end) < 0 and text.find(_MATH_CLOSE, start, end) < 0:
        return []
    junk = [(m.start(), m.end(), "image_mark") for m in _IMAGE_MARK_RE.finditer(text, start, end)]
    junk.extend((m.start(), m.end(), "ad_mark") for m in _AD_MARK_RE.finditer(text, start, end))
    if text.find(_MATH_OPEN, start, end) >= 0 or text.find(_MATH_CLOSE, start, end) >= 0:
        junk.extend((s, e, "math_markup") for s, e in _math_junk(text, start, end))
    if not junk:
        return []
    junk.sort()
    runs: list[tuple[int, int, str]] = []
    for s, e, reason in junk:
        if runs and (s <= runs[-1][1] or not text[runs[-1][1] : s].strip()):
            runs[-1] = (runs[-1][0], max(runs[-1][1], e), runs[-1][2])
        else:
            runs.append((s, e, reason))
    prev_end = start
    has_text = False
    for s, e, _reason in runs:
        has_text = has_text or bool(text[prev_end:s].strip())
        prev_end = e
    if not has_text and not text[prev_end:end].strip():
        return []
    fixes: list[Fix] = []
    for s, e, reason in runs:
        while e < end and text[e].isspace():
            e += 1
        if e == end:
            while s > start and text[s - 1].isspace():
                s -= 1
        space_before = s > start and text[s - 1].isspace()
        rep = " " if s > start and e < end and not space_before else ""
        fixes.append(Fix(s, e, rep, reason))
    return fixes


def _merge_fixes(first: list[Fix], others: list[Fix]) -> list[Fix]:
    """Return ``first`` plus the fixes of ``others`` that overlap none of them, sorted."""
    if not first:
        return sorted(others)
    first = sorted(first)
    starts = [f.start for f in first]
    out = list(first)
    for fix in others:
        # ``first`` does not overlap itself: only its last fix starting before ``fix.end`` can
        # reach into ``fix``.
        k = bisect.bisect_left(starts, fix.end) - 1
        if k < 0 or first[k].end <= fix.start:
            out.append(fix)
    out.sort()
    return out


def _drop_overlaps(fixes: list[Fix]) -> list[Fix]:
    out: list[Fix] = []
    for fix in fixes:
        if out and fix.start < out[-1].end:
            continue
        out.append(fix)
    return out


def _trim_space(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the span without leading/trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _make_segment(
    text: str, start: int, end: int, fixes: list[Fix], indent: int, n_lines: int, wrapped: bool
) -> Segment:
    kind = "list_item" if any(f.reason == "list_marker" and f.start == start for f in fixes) else ""
    seg = Segment(start, end, "paragraph", tuple(fixes), "", indent, n_lines, wrapped)
    cleaned = segment_text(text, seg).strip()
    if not kind:
        kind = "paragraph"
    return Segment(start, end, kind, tuple(fixes), cleaned, indent, n_lines, wrapped)


def _split_line_pieces(text: str, line: _Line) -> list[tuple[int, int, int]]:
    """Split an unwrapped line at space runs and glued sentence ends: (start, end, marker_end)."""
    pieces: list[tuple[int, int]] = []
    pos = line.marker_end
    seg_start = line.start
    for gap in _PIECE_SPLIT_RE.finditer(text, pos, line.end):
        pieces.append((seg_start, gap.start()))
        seg_start = gap.end()
    pieces.append((seg_start, line.end))
    out: list[tuple[int, int, int]] = []
    for p_start, p_end in pieces:
        cut = p_start
        hint = _GLUE_HINT_RE.search(text, p_start, p_end)
        glued = [g.start() for g in _GLUE_RE.finditer(text, hint.start(), p_end)] if hint else []
        for pos in sorted(set(glued) | set(_dense_camel_joins(text, p_start, p_end))):
            if pos - cut >= 2 and p_end - pos >= 2:
                out.append((cut, pos, line.marker_end if cut == line.start else cut))
                cut = pos
        out.append((cut, p_end, line.marker_end if cut == line.start else cut))
    trimmed = []
    for s, e, m in out:
        s2, e2 = _trim_space(text, s, e)
        if s2 < e2:
            trimmed.append((s2, e2, max(m, s2) if m > s else s2))
    return trimmed


def _dense_camel_joins(text: str, start: int, end: int) -> list[int]:
    """Return the offsets of case joins that lie within a few words of another join."""
    joins = [m.start() for m in _CAMEL_RE.finditer(text, start, end)]
    if len(joins) < _CAMEL_MIN_JOINS:
        return []
    out: list[int] = []
    cluster = [joins[0]]
    for a, b in itertools.pairwise(joins):
        if text.count(" ", a, b) < _CAMEL_NEAR_WORDS:
            cluster.append(b)
            continue
        if len(cluster) >= _CAMEL_MIN_JOINS:
            out.extend(cluster)
        cluster = [b]
    if len(cluster) >= _CAMEL_MIN_JOINS:
        out.extend(cluster)
    return out


_OPEN_END_RE = re.compile(r"[,(\[{/&+–—-]$")
_LAST_WORD_RE = re.compile(r"(\w+)$")
# Words a sentence cannot end on (articles, prepositions, conjunctions): a line break after one
# sits inside the sentence.
_OPEN_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "into",
        "than",
        "that",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "und",
        "oder",
        "mit",
        "von",
        "zu",
        "im",
        "auf",
        "für",
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "du",
        "de",
        "et",
        "ou",
        "à",
        "au",
        "aux",
        "en",
        "par",
        "pour",
        "avec",
        "el",
        "los",
        "las",
        "una",
        "y",
        "o",
        "con",
        "por",
        "para",
        "del",
        "al",
        "il",
        "lo",
        "gli",
        "di",
        "e",
        "con",
        "per",
        "nel",
        "della",
        "o",
        "os",
        "as",
        "um",
        "uma",
        "em",
        "no",
        "na",
        "do",
        "da",
        "com",
        "het",
        "een",
        "van",
        "en",
        "op",
        "met",
        "voor",
        "в",
        "и",
        "на",
        "с",
        "к",
        "по",
        "из",
        "за",
        "от",
        "о",
        "у",
        "w",
        "z",
        "i",
        "na",
        "do",
        "od",
        "za",
        "o",
    ]
)
_CONT_START_RE = regex.compile(r"^(?:[,.;:!?)\]}%]|\p{Ll})")
_NO_SPACE_START_RE = re.compile(r"^[,.;:!?)\]}%]")


def _joins_inline(text: str, prev_end: int, cur_start: int) -> bool:
    """Return True when a line break sits inside a sentence (bs4 keeps the HTML source's breaks).

    get_text() puts inline elements ("The <a>Fetch API</a> intends") and the page source's own
    wrapping on separate lines; the break is inside a sentence when the next line goes on in
    lower case or with punctuation, or when the previous line stops on a comma, a short word or
    a trailing space without a sentence end.
    """
    head = text[max(0, prev_end - 40) : prev_end]
    if ends_sentence(head):
        return False
    nxt = text[cur_start : cur_start + 2]
    if _CONT_START_RE.match(nxt) and (nxt[0] < "\u0590" or "\u1e00" <= nxt[0] < "\u2000"):
        # Lower case means "goes on" only in cased alphabets (Georgian letters are Ll too).
        return True
    if _OPEN_END_RE.search(head):
        return True
    last = _LAST_WORD_RE.search(head)
    if last is not None and last.group(1).casefold() in _OPEN_WORDS:
        return True
    gap = text[prev_end:cur_start]
    return gap.startswith((" ", "\u00a0")) and gap.count("\n") == 1


_ORDINAL_RE = re.compile(r"(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)][ \t]+(?=\S)")


def _column(text: str, pos: int) -> int:
    line_start = text.rfind("\n", 0, pos) + 1
    return _display_width(text[line_start:pos].expandtabs(8))


def _hangs_under_marker(text: str, head: tuple[int, int, int, bool, bool], pos: int) -> bool:
    """Return True when ``pos`` starts a line aligned with the text after ``head``'s number.

    Renderers indent the second line of a list item under its first word ("1. AI has ..." then
    "   Deep fake ..."); a dump too short to show a wrap width still shows this hanging indent.
    """
    start, end, marker_end, first, _last = head
    if not first or marker_end != start:
        # Under a bullet, renderers also print the parts of a teaser (a label, a headline)
        # each on its own line; only a numbered item's second line is its text going on.
        return False
    m = _ORDINAL_RE.match(text, start, end)
    return m is not None and _column(text, pos) == _column(text, m.end())


def _segment_unwrapped(text: str, present: list[_Line]) -> list[Segment]:
    pieces: list[tuple[int, int, int, bool, bool]] = []  # start, end, marker_end, first, last
    for line in present:
        parts = _split_line_pieces(text, line)
        for k, (s, e, m) in enumerate(parts):
            pieces.append((s, e, m, k == 0, k == len(parts) - 1))
    segments: list[Segment] = []
    group: list[tuple[int, int, int, bool, bool]] = []

    def flush() -> None:
        if not group:
            return
        fixes: list[Fix] = []
        for k, (s, e, m, _first, _last) in enumerate(group):
            fixes.extend(_line_fixes(text, s, e, max(m, s) if k == 0 else s))
            if k:
                prev_end = group[k - 1][1]
                rep = "" if _NO_SPACE_START_RE.match(text[s : s + 1]) else " "
                fixes.append(Fix(prev_end, s, rep, "unwrap_line"))
        start, end = group[0][0], group[-1][1]
        fixes = _merge_fixes(_markup_fixes(text, start, end), fixes)
        line_start = text.rfind("\n", 0, start) + 1
        indent = _display_width(text[line_start:start].expandtabs(8))
        seg = _make_segment(text, start, end, fixes, indent, len(group), False)
        segments.append(seg)
        group.clear()

    for piece in pieces:
        s, _e, m, first, _last = piece
        if group:
            prev = group[-1]
            gap = text[prev[1] : s]
            if (
                prev[4]
                and first
                and m == s
                and gap.count("\n") == 1
                and (_joins_inline(text, prev[1], s) or _hangs_under_marker(text, group[0], s))
            ):
                group.append(piece)
                continue
        flush()
        group.append(piece)
    flush()
    return segments


def segment_dump(text: str) -> list[Segment]:
    """Split a newline-normalised dump into sorted, non-overlapping blocks.

    Every non-whitespace character of ``text`` lies in exactly one block. Hard-wrapped lines
    (lynx, w3m) are joined back into paragraphs with ``unwrap_line`` fixes; list markers and lynx
    link marks are removed by fixes; unwrapped lines are split at runs of spaces and at glued
    sentence ends ("...1993.Baku ..."), which become block boundaries.
    """
    width, narrow, scanned = _find_wrap(text)
    present = [ln for ln in scanned if ln is not None]
    segments: list[Segment] = []
    if width is None:
        return _mark_sandwiched_headings(_segment_unwrapped(text, present))
    block: list[_Line] = []

    def flush() -> None:
        if not block:
            return
        first, last = block[0], block[-1]
        fixes: list[Fix] = []
        for i, line in enumerate(block):
            fixes.extend(_line_fixes(text, line.start, line.end, line.marker_end))
            if i:
                prev = block[i - 1]
                both_unspaced = _UNSPACED_EDGE_RE.match(text[prev.end - 1]) and (
                    _UNSPACED_EDGE_RE.match(text[line.start])
                )
                joined = both_unspaced or (
                    cuts_anywhere and _cuts_unspaced_text(text, prev, line, width)
                )
                fixes.append(Fix(prev.end, line.start, "" if joined else " ", "unwrap_line"))
        fixes = _merge_fixes(_markup_fixes(text, first.start, last.end), fixes)
        segments.append(
            _make_segment(text, first.start, last.end, fixes, first.indent, len(block), True)
        )
        block.clear()

    content_col = 0
    number_col: int | None = None
    has_math = _MATH_OPEN in text
    cuts_anywhere = _wraps_wide_text_anywhere(text, scanned, width, narrow)
    math_open = False
    for line in scanned:
        if line is None:
            flush()
            math_open = False
            continue
        if block and (
            _is_continuation(text, block[-1], line, content_col, width, narrow)
            or (
                number_col is not None
                and _is_continuation(text, block[-1], line, number_col, width, narrow)
            )
        ):
            block.append(line)
            math_open = has_math and _math_left_open(text, line, math_open)
            continue
        if block and has_math and _joins_math(text, block[-1], line, content_col, math_open):
            # Inside a formula a line may start with an operator ("+ </mo>"), not a bullet.
            block.append(replace(line, marker_end=line.start))
            math_open = has_math and _math_left_open(text, line, math_open)
            continue
        flush()
        block.append(line)
        math_open = has_math and _math_left_open(text, line, False)
        content_col = line.indent + _display_width(text[line.start : line.marker_end])
        number = _LIST_NUMBER_RE.match(text, line.start, line.end)
        number_col = None
        if number is not None:
            # The next lines of a numbered list item hang under its text; those of a paragraph
            # the author opened with a number start under the number.
            number_col = content_col
            content_col += number.end() - line.start
        # Chinese and Japanese paragraphs open with ideographic spaces; their next lines start
        # at the margin.
        content_col -= _ideographic_indent(text, line, narrow)
    flush()
    return _mark_indented_kinds(_strip_list_numbers(text, segments))


# "  1. Improve the offline experience.": the number a wrapping renderer puts before an item of
# an ordered list.
_LIST_NUMBER_RE = re.compile(r"\d{1,3}\.[ \t]+(?=\S)")
# lynx and w3m indent a numbered item right of the body text, its text at least this many
# columns right of it ("   Body" / "    1. Item"); a paragraph the author opened with a number
# ("   1. Take the blankets off", "   10. United States") starts at the body's column.
_LIST_TEXT_SHIFT = 4


def _body_indent(segments: list[Segment], text: str) -> int | None:
    """Return the indent of most wrapped paragraph lines (the body text's column), or None."""
    indents: dict[int, int] = {}
    for seg in segments:
        numbered = _LIST_NUMBER_RE.match(text, seg.start, seg.end) is not None
        if seg.kind == "paragraph" and seg.lines >= 2 and not numbered:
            indents[seg.indent] = indents.get(seg.indent, 0) + seg.lines
    if not indents:
        return None
    return max(indents, key=lambda k: (indents[k], -k))


def _strip_list_numbers(text: str, segments: list[Segment]) -> list[Segment]:
    """Remove the numbers lynx and w3m print before the items of ordered lists.

    Text renderers (html-text, bs4) print the items without them, as they print bulleted items
    without their bullets; a number the author wrote is part of the text and stays.
    """
    body = _body_indent(segments, text)
    if body is None:
        return segments
    out: list[Segment] = []
    for seg in segments:
        m = _LIST_NUMBER_RE.match(text, seg.start, seg.end) if seg.kind == "paragraph" else None
        if (
            m is None
            or seg.indent <= body
            or seg.indent + (m.end() - seg.start) < body + _LIST_TEXT_SHIFT
        ):
            out.append(seg)
            continue
        fixes = _merge_fixes([Fix(seg.start, m.end(), "", "list_marker")], list(seg.fixes))
        out.append(
            _make_segment(text, seg.start, seg.end, fixes, seg.indent, seg.lines, seg.wrapped)
        )
    return out


def _mark_indented_kinds(segments: list[Segment]) -> list[Segment]:
    """In indented dumps (lynx), headings stand left of the body text and quotes right of it."""
    indents: dict[int, int] = {}
    for seg in segments:
        if seg.kind == "paragraph" and seg.lines >= 2:
            indents[seg.indent] = indents.get(seg.indent, 0) + seg.lines
    if not indents:
        return segments
    body = max(indents, key=lambda k: (indents[k], -k))
    out: list[Segment] = []
    for seg in segments:
        kind = seg.kind
        if kind == "paragraph" and seg.indent < body and len(seg.cleaned) <= 160:
            if not ends_sentence(seg.cleaned):
                kind = "heading"
        elif kind == "paragraph" and seg.indent >= body + 2 and seg.lines >= 2:
            kind = "quote"
        out.append(seg if kind == seg.kind else replace(seg, kind=kind))
    return out


_HEADING_MAX_WORDS = 14
_HEADING_NEIGHBOUR_WORDS = 15
_HEADING_BAD_END = (",", ";", "-", "–", "—", "|", "/", "&")


def _is_prose_block(seg: Segment) -> bool:
    return (
        seg.kind == "paragraph"
        and ends_sentence(seg.cleaned)
        and len(seg.cleaned.split()) >= _HEADING_NEIGHBOUR_WORDS
    )


def _mark_sandwiched_headings(segments: list[Segment]) -> list[Segment]:
    """In one-block-per-line dumps, a short line between two prose paragraphs is a subheading.

    Such dumps carry no indentation, so position is the only cue: an unpunctuated line of a few
    words with a full paragraph on each side is a section heading, not a menu or a caption.
    """
    out = list(segments)
    for i in range(1, len(segments) - 1):
        seg = segments[i]
        if seg.kind != "paragraph" or seg.lines != 1:
            continue
        words = seg.cleaned.split()
        if not 2 <= len(words) <= _HEADING_MAX_WORDS or ends_sentence(seg.cleaned):
            continue
        if seg.cleaned.endswith(_HEADING_BAD_END) or not seg.cleaned[:1].isupper():
            continue
        if _is_prose_block(segments[i - 1]) and _is_prose_block(segments[i + 1]):
            out[i] = replace(seg, kind="heading")
    return out


# An image whose alt text is its file name ("luggage-3.jpg"), printed without brackets.
_IMAGE_NAME_RE = re.compile(
    r"[\w%~+.-]+\.(?:png|jpe?g|gif|svg|webp|bmp|avif)", re.IGNORECASE | re.ASCII
)


def is_image_marks(text: str) -> bool:
    """Return True when ``text`` is nothing but images printed as file names or addresses."""
    if text.startswith("["):
        return _IMAGE_MARKS_ONLY_RE.fullmatch(text) is not None
    if len(text) > 300 or "." not in text:
        return False
    return all(_IMAGE_NAME_RE.fullmatch(tok) is not None for tok in text.split())


def ends_sentence(text: str) -> bool:
    """Return True when ``text`` ends like a sentence (full stop, question mark, colon...)."""
    return _SENTENCE_END_RE.search(text) is not None
