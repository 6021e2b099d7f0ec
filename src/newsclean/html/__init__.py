"""HTML pages to clean articles: decoding, safe parsing, main-content extraction, metadata."""

from __future__ import annotations

from newsclean.html._decode import decode_html
from newsclean.html._page import BLOCK_KINDS, HtmlBlock, HtmlPage, extract_html, looks_like_html
from newsclean.html._parse import parse_html

__all__ = [
    "BLOCK_KINDS",
    "HtmlBlock",
    "HtmlPage",
    "decode_html",
    "extract_html",
    "looks_like_html",
    "parse_html",
]
