"""Language and script identification: script first, then a fast character n-gram scorer.

Pipeline for one text (see docs/language.md for the reasoning and the measured figures):

1. Count letters per Unicode script. A script written by one language of our set decides
   (Georgian -> ka, Armenian -> hy, Hangul -> ko, kana -> ja, ...).
2. Latin, Cyrillic, Arabic and Devanagari text goes to a naive-Bayes scorer over the
   within-word character 1-4-grams of that script's languages, with n-gram probabilities taken
   from Lingua's published language models (``data/langid/profiles.json.gz``, built by
   ``tools/build_langid_profiles.py``). Every n-gram maps to one Python int that packs a score
   lane per language, so scoring a text is one ``sum()`` over dictionary look-ups: deterministic
   (no sampling) and some 25x faster than langdetect on the same machine.
3. A user detector (any callable following :class:`LanguageDetector`) can replace step 2.

Nothing here raises on text: empty, digits-only or emoji-only input gives a guess whose
``language`` is None with a ``reason`` code the caller records as a warning.
"""

from __future__ import annotations

import gzip
import heapq
import json
import math
import sys
import threading
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Protocol

import regex

from newsclean._errors import ConfigError, InputError

__all__ = [
    "LanguageDetector",
    "LanguageGuess",
    "detect_language",
    "dominant_script",
    "identify_block_languages",
    "identify_document_language",
    "identify_language",
    "langdetect_detector",
    "script_counts",
    "supported_languages",
]


class LanguageDetector(Protocol):
    """A pluggable statistical detector: text in, ranked ``(iso639-1, probability)`` out.

    Return the best language first; an empty sequence means "cannot tell". Codes are normalised
    (lower case, region dropped: ``zh-cn`` -> ``zh``).
    """

    def __call__(self, text: str) -> Sequence[tuple[str, float]]: ...


@dataclass(frozen=True)
class LanguageGuess:
    """The answer for one text.

    ``language`` is an ISO 639-1 code or None (undetermined, see ``reason``); ``confidence`` is
    the probability of that answer in [0, 1]; ``script`` the dominant script of the letters
    (a ``regex`` Script value such as ``"Latin"``); ``candidates`` the ranked alternatives;
    ``method`` says what decided: ``"hint"``, ``"script"``, ``"ngram"``, ``"detector"``,
    ``"prior"`` or ``"none"``; ``reason`` is a machine-readable code when ``language`` is None or
    the answer is weak: ``"no_letters"``, ``"too_short"``, ``"no_evidence"`` (no known n-gram),
    ``"unsupported_script"``, ``"placeholder_text"`` (lorem ipsum), ``"detector_error"`` (a
    plugged-in detector raised: recorded, not propagated), ``"script_only"`` (block
    mode without n-grams) or ``"low_confidence"`` (confidence < 0.5, language still given).
    """

    language: str | None
    confidence: float
    script: str | None
    candidates: tuple[tuple[str, float], ...] = ()
    method: str = "none"
    reason: str | None = None


# -- scripts ---------------------------------------------------------------------------------

# Scripts we name; letters of any other script count as "Unknown" (unassigned code points) or
# the first script below that matches. Order matters only for speed (common scripts first).
_SCRIPTS: tuple[str, ...] = (
    "Latin", "Cyrillic", "Arabic", "Han", "Hiragana", "Katakana", "Hangul", "Greek", "Hebrew",
    "Devanagari", "Georgian", "Armenian", "Thai", "Bengali", "Gujarati", "Gurmukhi", "Tamil",
    "Telugu", "Kannada", "Malayalam", "Oriya", "Sinhala", "Khmer", "Lao", "Myanmar", "Ethiopic",
    "Tibetan", "Thaana", "Syriac", "Mongolian", "Bopomofo", "Cherokee", "Canadian_Aboriginal",
    "Tifinagh", "Nko", "Yi", "Javanese", "Balinese", "Sundanese", "Ol_Chiki", "Adlam", "Vai",
)  # fmt: skip
_SCRIPT_PATTERNS = tuple((name, regex.compile(rf"\p{{Script={name}}}")) for name in _SCRIPTS)
_LETTER = regex.compile(r"\p{L}")
_WORD = regex.compile(r"\p{L}+")  # as in the models: combining marks split words

# Scripts that one language of our set writes: the script decides.
_SCRIPT_LANGUAGE: dict[str, str] = {
    "Georgian": "ka", "Armenian": "hy", "Greek": "el", "Hebrew": "he", "Thai": "th",
    "Khmer": "km", "Lao": "lo", "Myanmar": "my", "Sinhala": "si", "Ethiopic": "am",
    "Bengali": "bn", "Gujarati": "gu", "Gurmukhi": "pa", "Tamil": "ta", "Telugu": "te",
    "Kannada": "kn", "Malayalam": "ml", "Oriya": "or", "Hangul": "ko", "Hiragana": "ja",
    "Katakana": "ja", "Tibetan": "bo", "Thaana": "dv", "Mongolian": "mn", "Bopomofo": "zh",
}  # fmt: skip

_CACHE_LIMIT = 1 << 16
_char_script: dict[str, str | None] = {}


def _script_of(char: str) -> str | None:
    script = _char_script.get(char, "")
    if script != "":
        return script
    found: str | None = None
    if _LETTER.match(char):
        found = next((name for name, pat in _SCRIPT_PATTERNS if pat.match(char)), "Unknown")
    if len(_char_script) < _CACHE_LIMIT:
        _char_script[char] = found
    return found


def script_counts(text: str) -> dict[str, int]:
    """Count the letters (``\\p{L}``) of ``text`` per Unicode script, largest first.

    >>> script_counts("Tbilisi თბილისი 2023")
    {'Georgian': 7, 'Latin': 7}
    """
    counts = _count_scripts(text)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _count_scripts(text: str) -> dict[str, int]:
    if text.isascii():  # the common case, without a per-character look-up
        letters = sum(map(str.isalpha, text))
        return {"Latin": letters} if letters else {}
    counts: dict[str, int] = {}
    get = _char_script.get
    for char, n in Counter(text).items():
        script = get(char, "")
        if script == "":
            script = _script_of(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + n
    return counts


def _fold_japanese(counts: dict[str, int]) -> dict[str, int]:
    """Han + kana is one writing system: Japanese when kana are present, else Chinese."""
    kana = counts.get("Hiragana", 0) + counts.get("Katakana", 0)
    han = counts.get("Han", 0)
    if not kana or not han:
        return counts
    folded = {k: v for k, v in counts.items() if k not in ("Hiragana", "Katakana", "Han")}
    # Chinese text quoting a Japanese name has a few kana; Japanese prose has many.
    key = "Hiragana" if kana * 10 >= han else "Han"
    folded[key] = kana + han
    return folded


# Scripts whose one character is worth about a word: weigh them so when choosing the main script
# of mixed text (Japanese quoting English brand names, Chinese with Latin dates).
_DENSE_SCRIPTS = frozenset({"Han", "Hiragana", "Katakana", "Hangul", "Thai", "Lao", "Khmer"})


def weigh_dense_scripts(counts: dict[str, int]) -> dict[str, int]:
    return {k: v * 3 if k in _DENSE_SCRIPTS else v for k, v in counts.items()}


def _main_script(counts: dict[str, int]) -> str | None:
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


def dominant_script(text: str) -> str | None:
    """The script of most of the letters of ``text`` (None when it has no letters).

    A CJK, Thai, Lao or Khmer character weighs three letters (it carries about a word), so
    Japanese quoting English brand names is still Japanese. Japanese (Han mixed with kana)
    reports "Hiragana"; Han alone reports "Han".
    """
    return _main_script(weigh_dense_scripts(_fold_japanese(_count_scripts(text))))


# -- n-gram profiles -------------------------------------------------------------------------

# One 16-bit lane per language. Lane values are < 256, so a sum of up to 257 n-grams cannot
# carry into the next lane: n-grams are summed in chunks of _CHUNK and the lanes unpacked with
# array("H") after each chunk.
_LANE_BYTES = 2
_CHUNK = 256
_MAX_NGRAMS = 1 << 16  # bounded cost on any input


@dataclass(frozen=True)
class _Group:
    langs: tuple[str, ...]
    orders: tuple[int, ...]
    scale: int
    table: dict[str, int]
    index: dict[str, int]  # language -> lane


_groups: dict[str, _Group] = {}
_index: dict[str, object] | None = None
_groups_lock = threading.Lock()
_DATA = "data/langid"


_INVERT = bytes(255 - i for i in range(256))


def _pack_group(
    langs: tuple[str, ...], ngrams: list[str], costs: bytes, orders: tuple[int, ...], scale: int
) -> _Group:
    costs = costs.translate(_INVERT)
    width = len(langs)
    lane_bytes = _LANE_BYTES
    buf = bytearray(width * lane_bytes)
    table: dict[str, int] = {}
    # Lane value = 255 - cost: higher sums mean likelier languages.
    for row, ngram in enumerate(ngrams):
        buf[0::lane_bytes] = costs[row * width : (row + 1) * width]
        table[ngram] = int.from_bytes(buf, "little")
    return _Group(langs, orders, scale, table, {lang: i for i, lang in enumerate(langs)})


def _load_index() -> dict[str, object]:
    """The profile index (languages and n-gram lists per script), read once per process."""
    global _index
    if _index is None:
        ref = resources.files("newsclean").joinpath(f"{_DATA}/profiles.json.gz")
        _index = json.loads(gzip.decompress(ref.read_bytes()))
    return _index


def _load_group(script: str) -> _Group | None:
    """The packed n-gram table of one script, built on first use (Latin: ~0.5 s, ~32 MB)."""
    group = _groups.get(script)
    if group is not None:
        return group
    with _groups_lock:
        if script in _groups:
            return _groups[script]
        index = _load_index()
        specs: dict[str, dict[str, list[str]]] = index["groups"]  # type: ignore[assignment]
        spec = specs.get(script)
        if spec is None:
            return None
        ref = resources.files("newsclean").joinpath(f"{_DATA}/costs-{script}.bin.gz")
        orders = tuple(int(n) for n in index["orders"])  # type: ignore[attr-defined]
        scale = int(index["scale"])  # type: ignore[call-overload]
        langs = tuple(str(x) for x in spec["langs"])
        costs = gzip.decompress(ref.read_bytes())
        _groups[script] = _pack_group(langs, list(spec["ngrams"]), costs, orders, scale)
        return _groups[script]


def _load_groups() -> dict[str, _Group]:
    """Every script's table (benchmarks and :func:`supported_languages`)."""
    specs: dict[str, object] = _load_index()["groups"]  # type: ignore[assignment]
    return {script: g for script in specs if (g := _load_group(script)) is not None}


def supported_languages() -> frozenset[str]:
    """Every ISO 639-1 code :func:`identify_language` can return without a user detector."""
    langs = set(_SCRIPT_LANGUAGE.values()) | {"zh", "ja"}
    specs: dict[str, dict[str, list[str]]] = _load_index()["groups"]  # type: ignore[assignment]
    for spec in specs.values():
        langs.update(spec["langs"])
    return frozenset(langs)


def _ngrams(words: Sequence[str], orders: tuple[int, ...]) -> list[str]:
    if len(orders) == 1:
        n = orders[0]
        return [w[i : i + n] for w in words for i in range(len(w) - n + 1)]
    out: list[str] = []
    for word in words:
        size = len(word)
        for n in orders:
            if size >= n:
                out.extend([word[i : i + n] for i in range(size - n + 1)])
    return out


def _unpack(total: int, size: int) -> array[int]:
    lanes = array("H", total.to_bytes(size, "little"))
    if sys.byteorder == "big":
        lanes.byteswap()
    return array("l", lanes)


def _score_group(
    group: _Group, text: str, prior: str | None, orders: tuple[int, ...] | None = None
) -> tuple[tuple[str, float], ...]:
    """Ranked (language, probability) for ``text`` within one script group."""
    words = _WORD.findall(text.lower())
    if orders is None:
        # Long texts carry enough evidence in their trigrams alone (Lingua does the same);
        # scoring one order instead of four keeps a document sample well under a millisecond.
        long_text = sum(map(len, words)) >= _LONG_TEXT_LETTERS
        orders = (3,) if long_text and 3 in group.orders else group.orders
    grams = _ngrams(words, orders)[:_MAX_NGRAMS]
    get = group.table.get
    hits = list(filter(None, map(get, grams)))
    if not hits:
        return ()
    size = _LANE_BYTES * len(group.langs)
    lanes = _unpack(sum(hits[:_CHUNK]), size)
    for start in range(_CHUNK, len(hits), _CHUNK):
        more = _unpack(sum(hits[start : start + _CHUNK]), size)
        lanes = array("l", [a + b for a, b in zip(lanes, more, strict=True)])
    # Overlapping orders count the same letters several times: divide by the number of orders
    # so the probabilities are not absurdly sharp (the ranking is unchanged).
    temper = group.scale * len(orders)
    logits = [lane / temper for lane in lanes]
    for lang, bonus in _PREVALENCE.items():
        if lang in group.index:
            logits[group.index[lang]] += bonus
    if prior == "no":  # generic Norwegian: most of it is written in Bokmal
        prior = "nb"
    if prior is not None and prior in group.index:
        logits[group.index[prior]] += _PRIOR_LOGIT
    top = max(logits)
    # Languages more than 12 nats behind cannot reach the 1e-4 cut: skip their exp().
    close = [(x, lang) for x, lang in zip(logits, group.langs, strict=True) if x > top - 12.0]
    weights = [(math.exp(x - top), lang) for x, lang in close]
    norm = sum(w for w, _ in weights)
    ranked = sorted(((lang, w / norm) for w, lang in weights), key=lambda kv: (-kv[1], kv[0]))
    return tuple((lang, p) for lang, p in ranked if p >= 1e-4)


# A declared language (HTML lang attribute, record field) is evidence, not the answer: worth
# ln(20) nats, which text of a sentence or more outweighs when it disagrees.
_PRIOR_LOGIT = math.log(20.0)
# Malay, Bosnian and Nynorsk share nearly all their letter n-grams with Indonesian, Croatian and
# Bokmal, which are far more common on the web: when the letters cannot tell them apart, the
# commoner language is the better bet. The minority variant needs 4:1 evidence.
_PREVALENCE: dict[str, float] = {"ms": -math.log(4.0), "bs": -math.log(4.0), "nn": -math.log(4.0)}
# Varieties that letter n-grams cannot reliably tell apart: a declared language from the same
# set is kept (a page that says it is Serbian and reads like Croatian Latin is Serbian).
_CONFUSABLE: tuple[frozenset[str], ...] = (
    frozenset({"hr", "bs", "sr"}),
    frozenset({"id", "ms"}),
    frozenset({"nb", "nn", "no", "da"}),
)
_MIN_LETTERS = 3
_LONG_TEXT_LETTERS = 200
_LOW_CONFIDENCE = 0.5


# ISO 639-2/3 codes that pages and records use instead of ISO 639-1.
_ISO639_3: dict[str, str] = {
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it",
    "por": "pt", "nld": "nl", "dut": "nl", "rus": "ru", "ukr": "uk", "pol": "pl", "ces": "cs",
    "cze": "cs", "tur": "tr", "ara": "ar", "zho": "zh", "chi": "zh", "cmn": "zh", "jpn": "ja",
    "kor": "ko", "kat": "ka", "geo": "ka", "hye": "hy", "arm": "hy", "ell": "el", "gre": "el",
    "heb": "he", "swe": "sv", "dan": "da", "nob": "nb", "nno": "nn", "nor": "no", "fin": "fi",
    "hun": "hu", "ron": "ro", "rum": "ro", "bul": "bg", "srp": "sr", "hrv": "hr", "bos": "bs",
    "ind": "id", "msa": "ms", "may": "ms", "zsm": "ms", "vie": "vi", "tha": "th", "hin": "hi",
    "fas": "fa", "per": "fa", "aze": "az", "kaz": "kk", "bel": "be", "cat": "ca", "eus": "eu",
}  # fmt: skip


def _normalise_code(code: str | None) -> str | None:
    """ISO 639-1 code of a language tag (``en-US``, ``pt_BR``, ``deu``), None if not one."""
    if code is None:
        return None
    code = str(code).strip().lower().replace("_", "-").split("-", 1)[0]
    code = _ISO639_3.get(code, code)
    if len(code) != 2 or not code.isascii() or not code.isalpha() or code in {"xx", "un"}:
        return None
    return code


def identify_language(
    text: str,
    *,
    hint: str | None = None,
    prior: str | None = None,
    detector: LanguageDetector | None = None,
) -> LanguageGuess:
    """Identify the language of ``text``.

    ``hint`` (a user's explicit language) wins outright. ``prior`` (a declared language, e.g. an
    HTML ``lang`` attribute) only tilts the statistical choice and is the fallback when the text
    has no usable letters. ``detector`` replaces the built-in n-gram scorer for scripts that
    several languages share; a script written by one language still decides by itself.

    Text longer than 4,000 characters is judged on its middle 4,000 (bounded cost; the middle of
    a page dump is more often body than its head or tail); for documents prefer
    :func:`identify_document_language`.
    """
    text = _bounded(text)
    counts = weigh_dense_scripts(_fold_japanese(_count_scripts(text)))
    hint_code = _normalise_code(hint)
    if hint is not None and hint_code is None and hint.strip().lower() not in _UNDETERMINED:
        raise ConfigError(f"language hint {hint!r} is not an ISO 639 language code")
    if hint_code is not None:
        script = _main_script(counts)
        return LanguageGuess(hint_code, 1.0, script, ((hint_code, 1.0),), "hint")
    return _identify_counted(text, counts, _normalise_code(prior), detector, None)


def _identify_counted(
    text: str,
    counts: dict[str, int],
    prior_code: str | None,
    detector: LanguageDetector | None,
    orders: tuple[int, ...] | None,
) -> LanguageGuess:
    """:func:`identify_language` once the (weighted) script counts are known."""
    script = _main_script(counts)
    letters = sum(counts.values())
    if script is None or letters < _MIN_LETTERS:
        return _fallback(script, prior_code, "no_letters" if script is None else "too_short")
    share = counts[script] / letters
    single = _SCRIPT_LANGUAGE.get(script, "zh" if script == "Han" else None)
    if single is not None:
        return LanguageGuess(single, share, script, ((single, share),), "script")
    if detector is not None:
        return _run_detector(detector, text, script, prior_code)
    group = _load_group(script)
    if group is None:
        return _fallback(script, prior_code, "unsupported_script")
    ranked = _score_group(group, text, prior_code, orders)
    if not ranked:
        return _fallback(script, prior_code, "no_evidence")
    lang, prob = ranked[0]
    if lang == "la" and _PLACEHOLDER.search(text):
        return _placeholder(script, prior_code)
    if prior_code is not None and prior_code != lang and _confusable(prior_code, lang):
        return LanguageGuess(prior_code, prob * share, script, ranked[:5], "prior")
    confidence = prob * share
    reason = "low_confidence" if confidence < _LOW_CONFIDENCE else None
    return LanguageGuess(lang, confidence, script, ranked[:5], "ngram", reason)


_UNDETERMINED = frozenset({"", "und", "unknown", "zxx", "mul", "auto"})
_MAX_TEXT_CHARS = 4000


def _bounded(text: str) -> str:
    if len(text) <= _MAX_TEXT_CHARS:
        return text
    start = (len(text) - _MAX_TEXT_CHARS) // 2
    return text[start : start + _MAX_TEXT_CHARS]


def _confusable(a: str, b: str) -> bool:
    return any(a in group and b in group for group in _CONFUSABLE) and not (
        a == "no" and b in ("nb", "nn")  # the specific variety beats the generic code
    )


def _fallback(script: str | None, prior: str | None, reason: str) -> LanguageGuess:
    if prior is not None:
        return LanguageGuess(prior, 0.5, script, ((prior, 0.5),), "prior", reason)
    return LanguageGuess(None, 0.0, script, (), "none", reason)


def _run_detector(
    detector: LanguageDetector, text: str, script: str, prior: str | None
) -> LanguageGuess:
    ranked: list[tuple[str, float]] = []
    try:
        for code, prob in detector(text):
            norm = _normalise_code(code)
            if norm is not None and all(norm != seen for seen, _ in ranked):
                ranked.append((norm, min(1.0, max(0.0, float(prob)))))
    except Exception:  # a plug-in failing on one text must not stop a corpus run
        return _fallback(script, prior, "detector_error")
    if not ranked or ranked[0][1] <= 0.0:
        return _fallback(script, prior, "no_evidence")
    lang, prob = ranked[0]
    reason = "low_confidence" if prob < _LOW_CONFIDENCE else None
    return LanguageGuess(lang, prob, script, tuple(ranked[:5]), "detector", reason)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language of ``text``, or None when it cannot be told. Pure."""
    return identify_language(text).language


# -- blocks and documents --------------------------------------------------------------------

# Enough text to be sure of the language, little enough to stay fast on long articles.
_DOC_SAMPLE_CHARS = 400
_BLOCK_MIN_LETTERS = 24
_PROSE_MIN_LETTERS = 12
_BLOCK_SAMPLE_CHARS = 200
_BLOCK_ORDERS = (3,)


def identify_block_languages(
    blocks: Sequence[str],
    *,
    prior: str | None = None,
    detector: LanguageDetector | None = None,
    min_letters: int = _BLOCK_MIN_LETTERS,
    script_only: bool = False,
) -> list[LanguageGuess]:
    """One guess per block, for marking foreign-language or foreign-script blocks.

    Blocks with fewer than ``min_letters`` letters are decided by script alone (a one-language
    script such as Georgian) or left undetermined with reason ``"too_short"``. Only the first
    ``_BLOCK_SAMPLE_CHARS`` characters of a block are read: a paragraph's language shows at once.
    With ``script_only`` no n-gram scoring is done (about 0.1 ms a block saved): blocks in a
    shared script get ``language=None``, ``reason="script_only"`` and their ``script``, which is
    all a foreign-script filter needs.
    """
    prior_code = _normalise_code(prior)
    seen: dict[str, LanguageGuess] = {}  # menus and footers repeat lines
    guesses: list[LanguageGuess] = []
    for block in blocks:
        head = block[:_BLOCK_SAMPLE_CHARS]
        guess = seen.get(head)
        if guess is None:
            guess = seen[head] = _identify_block(
                head, prior_code, detector, min_letters, script_only
            )
        guesses.append(guess)
    return guesses


def _identify_block(
    head: str,
    prior_code: str | None,
    detector: LanguageDetector | None,
    min_letters: int,
    script_only: bool,
) -> LanguageGuess:
    counts = weigh_dense_scripts(_fold_japanese(_count_scripts(head)))
    letters = sum(counts.values())
    script = _main_script(counts)
    single = _SCRIPT_LANGUAGE.get(script, "zh" if script == "Han" else None) if script else None
    if script is None:
        return LanguageGuess(None, 0.0, None, (), "none", "no_letters")
    if single is not None and letters >= _MIN_LETTERS:
        share = counts[script] / letters
        return LanguageGuess(single, share, script, ((single, share),), "script")
    if letters < min_letters:
        return LanguageGuess(None, 0.0, script, (), "none", "too_short")
    if script_only:
        return LanguageGuess(None, 0.0, script, (), "none", "script_only")
    # Trigrams alone: a block's language is a cheaper question than a sentence benchmark's.
    return _identify_counted(head, counts, prior_code, detector, _BLOCK_ORDERS)


_PLACEHOLDER = regex.compile(r"\blorem\s+ipsum\b|\bipsum\s+dolor\b", regex.IGNORECASE)
# Thai, kana, CJK ideographs, Hangul syllables (code-point ranges: much faster than \p{Script}).
_DENSE_RUN = regex.compile(
    "[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+"
)
_LETTER_RUN = regex.compile(r"\p{L}+")


_CANDIDATE_BLOCKS = 10
_PROBE_CHARS = 160  # judge a block by its start: cheap, and menus look like menus at once


def _count_symbols(text: str) -> int:
    """Markup, URL and code characters (str.count is far cheaper than any regex here)."""
    return sum(text.count(c) for c in "<=/%&{|")


def _prose_weight(block: str) -> float:
    """How much a block looks like running prose rather than a menu, list, code or markup.

    Per character: the share of letters among all characters (URLs, markup and date
    lists are full of digits and symbols), times the ratio of lower-case to Capitalised words
    (prose is mostly lower case; menus and lists of names are Capitalised). Lorem-ipsum filler
    weighs nothing: it is placeholder text, not the page's language.
    """
    words = _LETTER_RUN.findall(block)
    letters = sum(map(len, words))
    if letters < _PROSE_MIN_LETTERS or ("psum" in block and _PLACEHOLDER.search(block)):
        return 0.0
    size = len(block)
    # One CJK or Thai character carries about as much as a short word: count it thrice.
    dense = 0 if block.isascii() or max(block) < "\u0e00" else size - len(_DENSE_RUN.sub("", block))
    letters += 2 * dense
    alpha = min(1.0, letters / size)
    initials = "".join([w[0] for w in words])
    lower = sum(map(str.islower, initials))
    cased = lower + sum(map(str.isupper, initials))
    # Case says nothing about CJK prose that quotes a few Latin brand names.
    lower_ratio = (lower + 1) / (cased - lower + 1) if cased >= 5 and dense * 6 < letters else 1.0
    return alpha * alpha * min(1.0, 0.2 + lower_ratio)


_SPLIT_CHARS = 8_000
_SPLIT_READ = 64_000


def _split_long_blocks(
    blocks: Sequence[str], weights: Sequence[float]
) -> tuple[list[str], list[float]]:
    """Lines of very long multi-line blocks (a whole dump passed as one block): a page's head is
    its menu, so its first characters must not stand for the whole block."""
    out_blocks: list[str] = []
    out_weights: list[float] = []
    for block, weight in zip(blocks, weights, strict=True):
        if len(block) > _SPLIT_CHARS and "\n" in block:
            lines = [line for line in block[:_SPLIT_READ].splitlines() if line.strip()]
            out_blocks.extend(lines)
            out_weights.extend([weight] * len(lines))
        else:
            out_blocks.append(block)
            out_weights.append(weight)
    return out_blocks, out_weights


def _sample_blocks(
    blocks: Sequence[str], weights: Sequence[float] | None, budget: int
) -> tuple[str, bool]:
    """The body-like part of a document: the most prose-like blocks, up to ``budget`` characters.

    Boilerplate (menus, footers, bylines) comes in short or list-like blocks; long blocks of
    lower-case words are prose. Only the longest few blocks are examined, so a page of a
    thousand menu lines costs no more than a short article. Deterministic: ties keep document
    order. Also says whether lorem-ipsum filler was seen.
    """
    if weights is None:
        weights = [1.0] * len(blocks)
    if blocks and max(map(len, blocks)) > _SPLIT_CHARS:
        blocks, weights = _split_long_blocks(blocks, weights)
    sizes = [len(b) * w for b, w in zip(blocks, weights, strict=True)]
    # nlargest is stable: equal sizes keep document order. Of the longest blocks, drop the ones
    # that are mostly markup, URLs or code (cheap symbol count) before judging prose.
    longest = heapq.nlargest(2 * _CANDIDATE_BLOCKS, range(len(blocks)), key=sizes.__getitem__)
    clean = {
        i: sizes[i] / (1 + 0.1 * _count_symbols(blocks[i][:_PROBE_CHARS]) ** 2) for i in longest
    }
    by_length = heapq.nlargest(_CANDIDATE_BLOCKS, longest, key=clean.__getitem__)
    scored = [
        (_prose_weight(blocks[i][:_PROBE_CHARS]) ** 3 * min(len(blocks[i]), budget) * weights[i], i)
        for i in by_length
        if weights[i] > 0
    ]
    scored.sort(key=lambda wi: (-wi[0], wi[1]))
    filler = any(_PLACEHOLDER.search(blocks[i][:_PROBE_CHARS]) for i in by_length)
    picked: dict[int, int] = {}
    used = 0
    for weight, i in scored:
        if weight <= 0 or used >= budget:
            break
        picked[i] = budget - used
        used += len(blocks[i])
    return "\n".join(blocks[i][: picked[i]] for i in sorted(picked)), filler


def identify_document_language(
    blocks: Sequence[str],
    *,
    weights: Sequence[float] | None = None,
    hint: str | None = None,
    prior: str | None = None,
    detector: LanguageDetector | None = None,
    sample_chars: int = _DOC_SAMPLE_CHARS,
) -> LanguageGuess:
    """The language of a document given as blocks (best: only the kept body blocks).

    Reads a bounded sample of the longest (times ``weights``) blocks, so an English article with
    a Georgian footer is "en" however long the footer's menu lines are, and a 400 KB page costs
    the same as a 4 KB one.
    """
    if weights is not None and len(weights) != len(blocks):
        raise InputError("weights must have one value per block")
    sample, filler = _sample_blocks(blocks, weights, sample_chars)
    guess = identify_language(sample, hint=hint, prior=prior, detector=detector)
    if filler and guess.language == "la" and guess.method != "hint":
        return _placeholder(guess.script, _normalise_code(prior))
    return guess


def _placeholder(script: str | None, prior: str | None) -> LanguageGuess:
    """Lorem-ipsum filler reads as Latin but is no language: fall back on the declared one."""
    if prior is not None:
        return LanguageGuess(prior, 0.5, script, ((prior, 0.5),), "prior", "placeholder_text")
    return LanguageGuess(None, 0.0, script, (), "none", "placeholder_text")


def langdetect_detector(seed: int = 0) -> Callable[[str], list[tuple[str, float]]]:
    """langdetect as a :class:`LanguageDetector`, seeded so that it is deterministic.

    ``DetectorFactory.seed`` is process-global state; setting it here, inside the call, holds in
    any worker process too (a fresh spawned worker runs this function before it detects).
    """
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = seed

    def detect(text: str) -> list[tuple[str, float]]:
        DetectorFactory.seed = seed
        try:
            return [(str(r.lang), float(r.prob)) for r in detect_langs(text)]
        except LangDetectException:
            return []

    return detect
