"""Per-language stopword sets (package data) and a stopword-based language guess."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from newsclean.dumps._text import list_data_files, read_data_lines


@lru_cache(maxsize=1)
def load_stopwords() -> dict[str, frozenset[str]]:
    """Return ``{language: stopwords}`` for every list shipped under ``data/stopwords``."""
    out: dict[str, frozenset[str]] = {}
    for name in list_data_files("stopwords"):
        lang = name[: -len(".txt")]
        out[lang] = frozenset(w.strip().casefold() for w in read_data_lines("stopwords", name))
    return out


@lru_cache(maxsize=1)
def load_all_stopwords() -> frozenset[str]:
    """Return the union of all stopword lists (used when the language is unknown)."""
    words: set[str] = set()
    for ws in load_stopwords().values():
        words |= ws
    return frozenset(words)


_GUESS_SAMPLE = 3000


@lru_cache(maxsize=1)
def _stopword_index() -> dict[str, tuple[str, ...]]:
    """word -> languages whose stopword list holds it (one dict lookup per token)."""
    index: dict[str, list[str]] = {}
    for lang, words in sorted(load_stopwords().items()):
        for w in words:
            index.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in index.items()}


def guess_language(tokens: Sequence[str]) -> str | None:
    """Return the language whose stopwords cover most of ``tokens`` (casefolded), or None.

    A cheap guess that only serves to pick a stopword list; it needs a few hits to answer.
    """
    index = _stopword_index()
    hits: dict[str, int] = {}
    sample = tokens[:_GUESS_SAMPLE]
    for t, n in Counter(sample).items():
        for lang in index.get(t, ()):
            hits[lang] = hits.get(lang, 0) + n
    if not hits:
        return None
    best = min(hits, key=lambda k: (-hits[k], k))
    best_hits = hits[best]
    if best_hits < 5 or best_hits < 0.05 * len(sample):
        return None
    return best


def stopwords_for(language: str | None) -> frozenset[str]:
    """Return the stopword set for ``language`` (e.g. "en", "en-US"), or the union if unknown."""
    if language:
        base = language.replace("_", "-").split("-")[0].casefold()
        found = load_stopwords().get(base)
        if found is not None:
            return found
    return load_all_stopwords()
