"""Foreign-script header/footer blocks: menu lines in another script at the article's edges."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

# Han, Hiragana and Katakana are one writing system for this purpose (Japanese mixes them).
_CJK = frozenset({"Han", "Hiragana", "Katakana"})


def script_counts(text: str) -> Counter[str]:
    """Return the weight of ``text`` per writing system (Han and kana as "CJK").

    A letter weighs one; a CJK, Hangul, Thai, Lao or Khmer character three, since it carries
    about a word. Counted by letters, a few lines of URLs and markup left in a Japanese page
    outweigh its article, which then reads as a foreign-script edge.
    """
    # One script table and one weighting for the project: the language identifier's (imported
    # here, not at module level, because newsclean.filters imports this package).
    from newsclean.filters._langid import script_counts as letters_per_script
    from newsclean.filters._langid import weigh_dense_scripts

    counts: Counter[str] = Counter()
    for script, n in weigh_dense_scripts(letters_per_script(text)).items():
        counts["CJK" if script in _CJK else script] += n
    return counts


def dominant_script(text: str) -> str | None:
    """Return the writing system with most letters in ``text`` (ties: alphabetical), or None."""
    counts = script_counts(text)
    if not counts:
        return None
    return min(counts, key=lambda k: (-counts[k], k))


def find_foreign_script_edges(
    texts: Sequence[str], keep: Sequence[bool], *, min_share: float = 0.5
) -> list[int]:
    """Return the indices of kept blocks at the top or bottom edge written in another script.

    The article's script is the one with most letters over all kept blocks. From each edge, kept
    blocks whose own dominant script differs (and covers at least ``min_share`` of their letters)
    are collected until the first kept block in the article's script; blocks with no letters are
    passed over. The same script inside the body (a quote in Arabic, a Russian name) is never
    touched because only the edges are walked.
    """
    if all(t.isascii() for t, k in zip(texts, keep, strict=False) if k):
        return []
    total: Counter[str] = Counter()
    per_block: list[Counter[str]] = []
    for text, k in zip(texts, keep, strict=False):
        counts = script_counts(text) if k else Counter()
        per_block.append(counts)
        total.update(counts)
    if not total:
        return []
    main = min(total, key=lambda s: (-total[s], s))
    kept = [i for i, k in enumerate(keep) if k]

    def is_foreign(i: int) -> bool | None:
        counts = per_block[i]
        letters = sum(counts.values())
        if not letters:
            return None
        top = min(counts, key=lambda s: (-counts[s], s))
        return top != main and counts[top] >= min_share * letters

    drop: list[int] = []
    for order in (kept, kept[::-1]):
        for i in order:
            verdict = is_foreign(i)
            if verdict is None:
                continue
            if not verdict:
                break
            drop.append(i)
    return sorted(set(drop))
