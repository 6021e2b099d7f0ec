"""Bytes to text for HTML pages, deciding the encoding in a fixed, documented order.

Order: byte-order mark, then the HTTP ``charset`` the caller got with the page, then an in-document
declaration (``<meta charset>``, ``<meta http-equiv=content-type>``, XML declaration) found in the
first bytes, then detection. Detection first tries strict UTF-8 (a multi-byte page that decodes as
UTF-8 without error is UTF-8 with near certainty, and this is the common case, so it is cheap), then
BeautifulSoup's ``UnicodeDammit``: it is already a base dependency (no new package), it knows HTML
conventions (smart quotes, windows-1252 fallbacks) and it uses whichever statistical detector is
installed (charset-normalizer or chardet) without requiring one.
"""

from __future__ import annotations

import codecs
import re

from newsclean._errors import DecodeError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SNIFF_BYTES = 4096
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_XML_DECL_TEXT_RE = re.compile(r"^\s*<\?xml[^>]*\?>")

# A page that declares one of these in a <meta> is never really UTF-16/32 once we are reading
# its ASCII-compatible bytes (the HTML standard says the same).
_ASCII_INCOMPATIBLE = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"})


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


def _try_decode(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _declared_encoding(raw: bytes) -> str | None:
    head = raw[:_SNIFF_BYTES]
    match = _XML_DECL_RE.match(head) or _META_CHARSET_RE.search(head)
    if match is None:
        return None
    name = _lookup(match.group(1).decode("ascii", "replace"))
    if name in _ASCII_INCOMPATIBLE:
        return "utf-8"
    # Browsers treat iso-8859-1 and ascii labels as windows-1252, a superset; so do we.
    if name in {"latin-1", "iso8859-1", "ascii"}:
        return "cp1252"
    return name


def _detect(raw: bytes) -> tuple[str, str]:
    text = _try_decode(raw, "utf-8")
    if text is not None:
        return text, "utf-8"
    from bs4 import UnicodeDammit

    dammit = UnicodeDammit(raw, is_html=True)
    if dammit.unicode_markup is not None and dammit.original_encoding:
        return dammit.unicode_markup, str(dammit.original_encoding)
    return raw.decode("utf-8", errors="replace"), "utf-8"


def strip_xml_declaration(text: str) -> str:
    """Remove a leading ``<?xml ...?>`` (lxml refuses str input that carries an encoding decl)."""
    return _XML_DECL_TEXT_RE.sub("", text, count=1)


def decode_html(raw: bytes | str, *, http_charset: str | None = None) -> tuple[str, str, str]:
    """Return ``(text, encoding, source)`` for a page given as bytes or already-decoded text.

    ``source`` says which rule decided: ``"str"``, ``"bom"``, ``"http"``, ``"declared"``,
    ``"detected_over_declared"`` (valid multi-byte UTF-8 despite a legacy ``<meta charset>``),
    ``"detected"`` or ``"fallback_replace"`` (undecodable bytes replaced by U+FFFD).
    """
    if isinstance(raw, str):
        return raw.lstrip("\ufeff"), "unicode", "str"
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise DecodeError(f"expected bytes or str, got {type(raw).__name__}")
    data = bytes(raw)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try_decode(data[len(bom) :], encoding)
            if text is not None:
                return text, encoding, "bom"
    http = _lookup(http_charset)
    if http is not None:
        text = _try_decode(data, http)
        if text is not None:
            return text, http, "http"
    declared = _declared_encoding(data)
    if declared is not None:
        if declared != "utf-8" and not data.isascii():
            # A page re-encoded to UTF-8 by a CMS or proxy often keeps its old <meta charset>.
            # Bytes that are valid multi-byte UTF-8 are almost never legacy-encoded text, so
            # they win over an in-document declaration (never over the HTTP header).
            utf8 = _try_decode(data, "utf-8")
            if utf8 is not None:
                return utf8, "utf-8", "detected_over_declared"
        text = _try_decode(data, declared)
        if text is not None:
            return text, declared, "declared"
    text, encoding = _detect(data)
    if "\ufffd" in text and _try_decode(data, encoding) is None:
        return text, encoding, "fallback_replace"
    return text, encoding, "detected"
