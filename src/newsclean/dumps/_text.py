"""Small text helpers shared by the dump modules: tokens, normalisation, package data."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import regex

# Letters of scripts written without spaces count per character (two characters ~ one word).
# The stdlib engine is several times faster than ``regex`` on these simple classes.
_WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")
_UNSPACED_RE = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]"
)
_NON_WORD_RE = re.compile(r"[\W\d_]+")
_SPACE_RE = re.compile(r"\s+")


def tokenize(text: str) -> list[str]:
    """Return the word tokens of ``text`` (letters/digits runs, keeping inner apostrophes)."""
    return _WORD_RE.findall(text)


# Words that carry a text's topic: four letters or more, not a number, not a function word.
_CONTENT_MIN_LEN = 4


def content_words(tokens: list[str], stops: frozenset[str]) -> set[str]:
    """Return the casefolded topic words among ``tokens`` (names, terms), for topic overlap."""
    return {
        t
        for t in map(str.casefold, tokens)
        if len(t) >= _CONTENT_MIN_LEN and t not in stops and not t.isdigit()
    }


def count_unspaced_letters(text: str) -> int:
    """Return how many letters of ``text`` belong to scripts written without spaces."""
    return 0 if text.isascii() else len(_UNSPACED_RE.findall(text))


def count_words(text: str, tokens: list[str] | None = None, *, unspaced: int | None = None) -> int:
    """Return a word count that also works for scripts written without spaces.

    ``unspaced`` is :func:`count_unspaced_letters` of ``text`` when the caller has it already.
    """
    toks = tokenize(text) if tokens is None else tokens
    if unspaced is None:
        unspaced = count_unspaced_letters(text)
    if unspaced:
        return max(len(toks), len(toks) - 1 + unspaced // 2)
    return len(toks)


def normalize_phrase(text: str) -> str:
    """Casefold, drop digits and punctuation, collapse whitespace: the lexicon/template key."""
    text = text.casefold().replace("’", " ").replace("'", " ")
    return " ".join(_NON_WORD_RE.sub(" ", text).split())


@lru_cache(maxsize=64)
def read_data_lines(area: str, name: str) -> tuple[str, ...]:
    """Return the non-comment, non-empty lines of ``newsclean/data/<area>/<name>``."""
    try:
        ref = resources.files("newsclean").joinpath("data").joinpath(area).joinpath(name)
        raw = ref.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ()
    return tuple(
        line.rstrip("\n") for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=8)
def list_data_files(area: str) -> tuple[str, ...]:
    """Return the sorted file names of ``newsclean/data/<area>/``."""
    try:
        folder = resources.files("newsclean").joinpath("data").joinpath(area)
        return tuple(sorted(p.name for p in folder.iterdir() if p.name.endswith(".txt")))
    except (FileNotFoundError, OSError):
        return ()
