"""Per-site templates: blocks that recur across a large share of one site's documents."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from newsclean._errors import ConfigError, InputError

_DIGITS_RE = re.compile(r"\d+")
_SPACE_RE = re.compile(r"\s+")
_FORMAT = "newsclean.template/1"

DEFAULT_MIN_DOCUMENTS = 3
DEFAULT_MIN_SHARE = 0.5


def normalize_line(line: str) -> str:
    """Collapse whitespace, fold case and map every digit run to "0" (dates, counters vary)."""
    return _SPACE_RE.sub(" ", _DIGITS_RE.sub("0", line)).strip().casefold()


def line_key(line: str) -> str:
    """Return the stable short hash under which a normalised line is counted."""
    data = normalize_line(line).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=8).hexdigest()


@dataclass(frozen=True)
class Template:
    """Document counts of normalised lines for one site; mergeable and JSON-serialisable.

    A line is template when it occurs in at least ``min_documents`` documents and in at least
    ``min_share`` of all documents counted. Requiring a share, not a count, keeps a quote that two
    articles of a big site repeat out of the template. Lines are stored as hashes, so a template
    can be shipped without the site's text.
    """

    n_documents: int = 0
    counts: Mapping[str, int] = field(default_factory=dict)
    min_documents: int = DEFAULT_MIN_DOCUMENTS
    min_share: float = DEFAULT_MIN_SHARE

    def is_template_line(self, line: str) -> bool:
        """Return True when ``line`` recurs in enough of the site's documents."""
        if self.n_documents < self.min_documents:
            return False
        norm = normalize_line(line)
        if not norm:
            return False
        count = self.counts.get(line_key(norm), 0)
        return count >= self.min_documents and count >= self.min_share * self.n_documents

    def __contains__(self, line: object) -> bool:
        return isinstance(line, str) and self.is_template_line(line)

    def merge(self, other: Template) -> Template:
        """Return the template of both document sets (thresholds of ``self``)."""
        counts: Counter[str] = Counter(self.counts)
        counts.update(other.counts)
        return Template(
            self.n_documents + other.n_documents,
            dict(sorted(counts.items())),
            self.min_documents,
            self.min_share,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict (keys sorted, so output is deterministic)."""
        return {
            "format": _FORMAT,
            "n_documents": self.n_documents,
            "min_documents": self.min_documents,
            "min_share": self.min_share,
            "counts": dict(sorted(self.counts.items())),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Template:
        """Rebuild a template from :meth:`to_dict` output; raise InputError if malformed."""
        try:
            if data.get("format") != _FORMAT:
                raise ValueError("unknown template format")
            counts = {str(k): int(v) for k, v in dict(data["counts"]).items()}
            return cls(
                int(data["n_documents"]),
                counts,
                int(data["min_documents"]),
                float(data["min_share"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(f"malformed template: {exc}") from exc


def document_lines(text: str) -> set[str]:
    """Return the set of normalised block texts of one dump (each counted once per document)."""
    from newsclean.dumps._segment import segment_dump

    out: set[str] = set()
    for seg in segment_dump(text):
        norm = normalize_line(seg.cleaned)
        if norm:
            out.add(norm)
    return out


def learn_template(
    texts: Iterable[str],
    *,
    min_documents: int = DEFAULT_MIN_DOCUMENTS,
    min_share: float = DEFAULT_MIN_SHARE,
) -> Template:
    """Count, for every block of the given dumps of one site, how many documents contain it."""
    if min_documents < 1 or not 0.0 < min_share <= 1.0:
        raise ConfigError("min_documents must be >= 1 and 0 < min_share <= 1")
    counts: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        counts.update(line_key(line) for line in document_lines(text))
    return Template(n, dict(sorted(counts.items())), min_documents, min_share)
