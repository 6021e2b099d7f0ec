"""Configuration: one frozen object, one switch per filter, typed options. Nothing global."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ._errors import ConfigError

_DATE_ORDERS = (None, "DMY", "MDY", "YMD")
_INPUT_FORMATS = ("auto", "text", "html")


@dataclass(frozen=True)
class CleanConfig:
    """Options for :func:`newsclean.clean`.

    Switches (all on by default) turn single filters off; the options tune them.
    """

    # --- switches: one per filter
    normalize_text: bool = True
    """Unicode repair: NFC, mojibake, invisible characters, exotic spaces, leftover entities."""
    remove_boilerplate: bool = True
    """Drop menus, share bars, footers, related links (lexicon, layout and site templates)."""
    remove_foreign_script: bool = True
    """Drop header/footer blocks in a script other than the article's."""
    extract_dates: bool = True
    """Find the publication (and update) date and remove a pure dateline block from the body."""
    repair_spacing: bool = True
    """Insert the missing space in glued sentence boundaries ("1993.Baku")."""
    detect_language: bool = True
    """Identify the article's language and each block's."""

    # --- options
    language_hint: str | None = None
    """ISO 639-1 code that overrides language detection."""
    date_order: str | None = None
    """"DMY", "MDY" or "YMD" to resolve dates such as 05/06/23; None: infer."""
    reference_time: datetime | None = None
    """"Now" for relative dates and the future-date check; None: the current time."""
    input_format: str = "auto"
    """"auto" (sniff), "text" or "html"."""
    http_charset: str | None = None
    """Charset from the HTTP Content-Type header, if the caller has it."""
    max_bytes: int = 20_000_000
    """Inputs larger than this raise InputTooLargeError."""

    def __post_init__(self) -> None:
        if self.date_order not in _DATE_ORDERS:
            raise ConfigError(
                f"date_order must be one of DMY, MDY, YMD or None, not {self.date_order!r}"
            )
        if self.input_format not in _INPUT_FORMATS:
            raise ConfigError(
                f"input_format must be one of {_INPUT_FORMATS}, not {self.input_format!r}"
            )
        if self.language_hint is not None and not (
            isinstance(self.language_hint, str) and 2 <= len(self.language_hint) <= 3
        ):
            raise ConfigError(
                f"language_hint must be an ISO 639-1 code, not {self.language_hint!r}"
            )
        if self.reference_time is not None and not isinstance(self.reference_time, datetime):
            raise ConfigError("reference_time must be a datetime")
        if not isinstance(self.max_bytes, int) or self.max_bytes <= 0:
            raise ConfigError("max_bytes must be a positive int")

    def with_options(self, options: Mapping[str, Any]) -> CleanConfig:
        """A copy with ``options`` (field names) replaced; unknown names raise ConfigError."""
        if not options:
            return self
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ConfigError(
                f"unknown option(s) {', '.join(unknown)}; valid: {', '.join(sorted(known))}"
            )
        return dataclasses.replace(self, **options)
