"""The unit of change that text filters propose."""

from __future__ import annotations

from typing import NamedTuple


class Fix(NamedTuple):
    """Replace ``text[start:end]`` by ``replacement``; ``reason`` is a short snake_case code.

    Offsets refer to the string the filter was given. A pure ``find_*`` function returns its fixes
    sorted by ``start`` and non-overlapping; an insertion has ``start == end``.
    """

    start: int
    end: int
    replacement: str
    reason: str


def apply_fixes(text: str, fixes: list[Fix]) -> str:
    """Return ``text`` with sorted, non-overlapping ``fixes`` applied."""
    out: list[str] = []
    pos = 0
    for fix in fixes:
        out.append(text[pos : fix.start])
        out.append(fix.replacement)
        pos = fix.end
    out.append(text[pos:])
    return "".join(out)
