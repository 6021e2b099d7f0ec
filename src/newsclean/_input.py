"""Turning raw input into source text: decoding, newline normalisation, format sniffing."""

from __future__ import annotations

import codecs

from ._config import CleanConfig
from ._errors import DecodeError, InputError, InputTooLargeError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(raw: bytes, *, charset: str | None = None) -> tuple[str, str]:
    """Decode a text dump: BOM, then the given charset, then UTF-8, then detection.

    Returns ``(text, encoding)``. Raises :class:`DecodeError` when nothing fits.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding), encoding
    candidates = [c for c in (charset, "utf-8") if c]
    for encoding in candidates:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    from bs4.dammit import UnicodeDammit

    dammit = UnicodeDammit(raw, is_html=False)
    if dammit.unicode_markup is None or dammit.original_encoding is None:
        raise DecodeError("could not detect the text encoding")
    return dammit.unicode_markup, str(dammit.original_encoding)


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; offsets in the audit trail refer to the result."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_size(raw: str | bytes, config: CleanConfig) -> None:
    if not isinstance(raw, (str, bytes, bytearray)):
        raise InputError(f"expected str or bytes, got {type(raw).__name__}")
    if len(raw) > config.max_bytes:
        raise InputTooLargeError(
            f"input of {len(raw):,} {'bytes' if isinstance(raw, bytes) else 'characters'} "
            f"exceeds max_bytes={config.max_bytes:,}"
        )


def sniff_format(raw: str | bytes, config: CleanConfig) -> str:
    """ "html" or "text", honouring ``config.input_format``."""
    if config.input_format != "auto":
        return config.input_format
    from .html import looks_like_html

    return "html" if looks_like_html(raw) else "text"
