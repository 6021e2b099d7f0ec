"""Multilingual boilerplate lexicon: whole short blocks such as "Share", "Read more", "© 2024"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsclean.dumps._text import list_data_files, normalize_phrase, read_data_lines

# Categories whose phrases may also open a short block ("Photo: AP", "By Jane Doe").
_PREFIX_CATEGORIES = frozenset(
    {
        "account",
        "byline",
        "comments",
        "cookie",
        "copyright",
        "credit",
        "newsletter",
        "related",
        "read_more",
        "share",
        "ads",
    }
)
_MAX_PREFIX_WORDS = 5


@dataclass(frozen=True)
class Lexicon:
    """Normalised phrase -> category, plus the single words a link/menu row may be made of."""

    phrases: dict[str, str]
    words: frozenset[str]
    keywords: frozenset[str]
    anywhere: tuple[str, ...]
    notices: tuple[str, ...] = ()
    consent_words: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load every ``data/boilerplate/<lang>.txt`` (lines ``category<TAB>phrase``)."""
    phrases: dict[str, str] = {}
    keywords: set[str] = set()
    consent: set[str] = set()
    for name in list_data_files("boilerplate"):
        for line in read_data_lines("boilerplate", name):
            category, _, phrase = line.partition("\t")
            key = normalize_phrase(phrase)
            if key and category.strip() == "keyword":
                keywords.add(key)
            elif key and category.strip() == "consent":
                consent.add(key)
            elif key and category:
                phrases.setdefault(key, category.strip())
    words = frozenset(
        k for k, c in phrases.items() if " " not in k and c in {"share", "nav", "account"}
    )
    # Long copyright/legal phrases ("all rights reserved") mark a short block wherever they stand.
    anywhere = tuple(
        sorted(k for k, c in phrases.items() if c == "copyright" and k.count(" ") >= 2)
    )
    notices = tuple(sorted(k for k, c in phrases.items() if c == "notice"))
    return Lexicon(phrases, words, frozenset(keywords), anywhere, notices, frozenset(consent))


@lru_cache(maxsize=1)
def _anywhere_re() -> re.Pattern[str]:
    """One alternation of the long copyright phrases: a single scan instead of one per phrase."""
    phrases = load_lexicon().anywhere
    if not phrases:
        return re.compile(r"(?!)")
    return re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))


@lru_cache(maxsize=1)
def _notice_re() -> re.Pattern[str]:
    phrases = load_lexicon().notices
    if not phrases:
        return re.compile(r"(?!)")
    alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?:^| )(?:{alternation})(?: |$)")


# A cookie or consent notice runs to a few sentences; an article is longer.
MAX_NOTICE_WORDS = 100


def find_notice(text: str, n_words: int, *, key: str | None = None) -> bool:
    """Return True if a block of up to 100 words is a cookie/consent notice.

    Such notices are full sentences ("This website uses cookies to improve your experience
    while you navigate..."), so they are found by a phrase anywhere in the block, together with
    a word that addresses the reader (category ``consent``).
    """
    if n_words > MAX_NOTICE_WORDS:
        return False
    folded = text.casefold()
    if "cook" not in folded and "çerez" not in folded:
        return False
    key = key or normalize_phrase(text)
    if _notice_re().search(key) is None:
        return False
    # A news story about tracking says "the use of cookies" too; a notice also addresses the
    # reader ("you accept", "by continuing", "consent").
    return not load_lexicon().consent_words.isdisjoint(key.split(" "))


def has_keyword(text: str, *, key: str | None = None) -> bool:
    """Return True if ``text`` contains a site-furniture keyword ("newsletter", "subscribe")."""
    keywords = load_lexicon().keywords
    return not keywords.isdisjoint((key or normalize_phrase(text)).split(" "))


def match_lexicon(
    text: str, n_words: int, *, sentence_end: bool, key: str | None = None
) -> str | None:
    """Return the boilerplate category of a block, or None.

    A block matches when its whole normalised text is a phrase, when it is a short row made only
    of share/menu words ("Facebook Twitter Email"), or when a short block without a sentence end
    opens with a phrase of a prefix category ("Photo: Jane Doe/AP", "Copyright 2024 ...").
    """
    if n_words > 14:
        return None
    lex = load_lexicon()
    if not key:
        key = normalize_phrase(text)
    if not key:
        return None
    hit = lex.phrases.get(key)
    if hit is not None:
        return hit
    toks = key.split(" ")
    if len(toks) <= 10 and all(t in lex.words for t in toks):
        return "menu_words"
    if text.lstrip()[:1] == "©" or _anywhere_re().search(key) is not None:
        return "copyright"
    if sentence_end and n_words > 6:
        return None
    for n in range(min(_MAX_PREFIX_WORDS, len(toks) - 1), 0, -1):
        cat = lex.phrases.get(" ".join(toks[:n]))
        if cat is not None and cat in _PREFIX_CATEGORIES:
            if n == 1 and (n_words > 8 or sentence_end):
                continue
            return cat
    return None
