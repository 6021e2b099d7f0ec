"""Text that remembers where every character came from.

Filters see a block's *current* text and propose :class:`~newsclean._fix.Fix` es in its
coordinates; :class:`TrackedText` applies them and keeps each changed run tied to the span of
the source text it replaced, so the audit trail can always be given in source offsets however
many filters edited the block.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ._fix import Fix, apply_fixes
from ._model import Edit


@dataclass
class _Piece:
    src_start: int
    src_end: int
    text: str
    # None for a run copied unchanged from the source.
    filter: str | None = None
    reason: str | None = None


class TrackedText:
    """The current text of ``source[start:end]`` after the fixes applied so far."""

    __slots__ = ("_pieces", "_source", "_text")

    def __init__(self, source: str, start: int, end: int) -> None:
        self._source = source
        self._pieces = [_Piece(start, end, source[start:end])]
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(p.text for p in self._pieces)
        return self._text

    def apply(self, fixes: Sequence[Fix], filter_name: str) -> None:
        """Apply sorted, non-overlapping ``fixes`` given in current-text offsets."""
        if not fixes:
            return
        cuts: set[int] = set()
        for fix in fixes:
            cuts.add(fix.start)
            cuts.add(fix.end)
        pieces = self._split(cuts)
        starts: list[int] = []
        pos = 0
        for piece in pieces:
            starts.append(pos)
            pos += len(piece.text)

        ends = [start + len(piece.text) for start, piece in zip(starts, pieces, strict=True)]
        out: list[_Piece] = []
        i = 0
        n = len(pieces)
        k = 0
        while k < len(fixes):
            fix = fixes[k]
            s, e = fix.start, fix.end
            while i < n and ends[i] <= s:
                out.append(pieces[i])
                i += 1
            touched: list[_Piece] = []
            if s == e:
                # Unchanged pieces were split at s, so a piece straddling s is an edited one.
                if i < n and starts[i] < s:
                    touched.append(pieces[i])
                    i += 1
            else:
                while i < n and starts[i] < e:
                    touched.append(pieces[i])
                    i += 1
            if not touched:
                # A pure insertion at a boundary between pieces.
                if out:
                    src = out[-1].src_end
                elif i < n:
                    src = pieces[i].src_start
                else:
                    src = self._first_src()
                out.append(_Piece(src, src, fix.replacement, filter_name, fix.reason))
                k += 1
                continue
            # An edited piece is absorbed whole (its text has no per-character source link),
            # together with every later fix that falls inside it.
            run_start = starts[i - len(touched)]
            run_end = ends[i - 1]
            group = [fix]
            k += 1
            while k < len(fixes) and fixes[k].start < run_end:
                while i < n and starts[i] < fixes[k].end:
                    touched.append(pieces[i])
                    i += 1
                run_end = ends[i - 1]
                group.append(fixes[k])
                k += 1
            local = [
                Fix(f.start - run_start, f.end - run_start, f.replacement, f.reason) for f in group
            ]
            text = apply_fixes("".join(p.text for p in touched), local)
            filter_names, reasons = _merge_names(touched, filter_name, [f.reason for f in group])
            out.append(
                _Piece(touched[0].src_start, touched[-1].src_end, text, filter_names, reasons)
            )
        out.extend(pieces[i:])
        self._pieces = out
        self._text = None

    def edits(self) -> list[Edit]:
        """The changes so far, as source-offset :class:`Edit` records in order."""
        result = []
        for piece in self._pieces:
            if piece.filter is None:
                continue
            before = self._source[piece.src_start : piece.src_end]
            if before == piece.text:
                continue
            result.append(
                Edit(
                    piece.src_start,
                    piece.src_end,
                    before,
                    piece.text,
                    piece.filter,
                    piece.reason or "",
                )
            )
        return result

    def extend(self, other: TrackedText) -> None:
        """Append ``other``, which must continue this text in the source with no gap."""
        if other.src_start != self.src_end or other._source is not self._source:
            raise ValueError("only a directly following span can be appended")
        self._pieces = self._pieces + other._pieces
        self._text = None

    @property
    def src_start(self) -> int:
        return self._pieces[0].src_start if self._pieces else 0

    @property
    def src_end(self) -> int:
        return self._pieces[-1].src_end if self._pieces else 0

    def _first_src(self) -> int:
        return self._pieces[0].src_start if self._pieces else 0

    def _split(self, cuts: set[int]) -> list[_Piece]:
        """Split unchanged pieces at the given current-text offsets."""
        result: list[_Piece] = []
        pos = 0
        for piece in self._pieces:
            length = len(piece.text)
            if piece.filter is not None or length == 0:
                result.append(piece)
                pos += length
                continue
            inner = sorted(c - pos for c in cuts if pos < c < pos + length)
            prev = 0
            for cut in inner:
                result.append(
                    _Piece(piece.src_start + prev, piece.src_start + cut, piece.text[prev:cut])
                )
                prev = cut
            result.append(_Piece(piece.src_start + prev, piece.src_end, piece.text[prev:]))
            pos += length
        return result


def _merge_names(
    touched: list[_Piece], filter_name: str, new_reasons: list[str]
) -> tuple[str, str]:
    filters: list[str] = []
    reasons: list[str] = []
    for piece in touched:
        if piece.filter is not None:
            filters.append(piece.filter)
            reasons.append(piece.reason or "")
    filters.append(filter_name)
    reasons.extend(new_reasons)
    return "+".join(dict.fromkeys(filters)), "+".join(dict.fromkeys(reasons))
