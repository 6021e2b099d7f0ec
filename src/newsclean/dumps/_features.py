"""Cheap per-block features shared by the dump classifier and the title picker."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsclean.dumps._lexicon import find_notice, has_keyword, match_lexicon
from newsclean.dumps._segment import Segment, ends_sentence, is_image_marks
from newsclean.dumps._text import count_unspaced_letters, count_words, normalize_phrase, tokenize

_SENTENCE_PUNCT_RE = re.compile(r"[.!?。！？](?:\s|$)|[。！？]")
_ARTEFACT_RE = re.compile(
    r"^(?:IFRAME:|\[(?:IMG|INS:|BUTTON|_|X|\s*\])|:INS\]|_{3,}|\(BUTTON\)|\[[^\]]{0,40}\]$)"
)
# "companyNews CorpBarron'sBigCharts": menu items glued by a renderer without separators.
# "(Image: GETTY)", "(Photo: Jane Doe/AP)" closing a caption.
# An image printed as its placeholder or alt text in brackets: "[IMG]", "[photo.jpg]", "[baz]",
# one or several on a line (a row of thumbnails); "[ ]" and "[_]" are form fields.
_PLACEHOLDER_RE = re.compile(r"^\[[^\[\]]{0,80}\w[^\[\]]{0,80}\](?:\s+\[[^\[\]]{0,80}\])*$")
_CREDIT_TAIL_RE = re.compile(
    r"\((?:images?|photos?|pictures?|credit|foto|bild|source|fuente|fonte)\s*:[^()]{1,60}\)\s*$",
    re.IGNORECASE,
)
# A photo caption ends with its credit: "... in 2019. (AP)", "... New York. Reuters",
# "... Photograph by Jane Doe/AFP", "... Credit: Jane Doe". A paragraph that names an agency ends
# with a sentence ("..., she told Reuters."), so the agency must follow a sentence end or a slash.
_AGENCY_TAIL_RE = re.compile(
    r"(?:[.!?”\")]\s+\(?|\s\(|/\s*|©\s*)(?:AP|AFP|Reuters|Getty Images|Getty|EPA|Shutterstock"
    r"|Bloomberg|Xinhua|dpa|TASS|ANSA|EFE|Alamy|PA|AAP|Anadolu|Sputnik|RIA Novosti|UPI)"
    r"(?:\s+(?:Photo|Images?|file))?\)?\s*$"
)
# How agencies open a caption: "FILE - In this Oct. 28, 2019, file photo, ...", "FILE PHOTO: ...",
# "In this photo issued by ITV, ...", "This undated handout image ...".
_CAPTION_HEAD_RE = re.compile(
    r"^(?:FILE\s*[-–—:]|FILE PHOTO\b"
    r"|(?i:in this (?:\S+ ){0,5}(?:photo|image|picture|handout|screenshot|frame grab)\b)"
    r"|(?i:this (?:undated |handout |file )*(?:photo|image|picture)\b))"
)
# Who stands where in the picture: "Mark Esper, left, and ...", "Harold Tillman (centre)".
_PICTURE_POSITION_RE = re.compile(
    r"(?<=\w), (?:left|right|centre|center|second left|second right|front|back)\)?, "
    r"|\((?:left|right|centre|center|L|R)\)"
)
_PHOTO_BY_RE = re.compile(
    r"\b(?:Photograph|Photo|Image|Picture|Foto|Bild|Credit|Crédit|Crédito)s?\s*(?:by\b|von\b|par\b"
    r"|de\b|:)\s*[^.!?:]{2,60}$",
    re.IGNORECASE,
)
_CAPTION_MAX_WORDS = 60
_CAPTION_TAIL_CHARS = 120
# HTML that leaked into the text (noscript/iframe fallbacks, MathML) and bare URLs.
# A URL copied out of an HTML attribute (an image address lynx/w3m print as its alt text): a
# query string whose ampersands are still escaped as "&amp;". A URL quoted in the article text
# (an API example) has plain ampersands.
_MARKUP_RE = re.compile(
    r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]{0,300})?/?>|https?://\S+"
    r"|[^\s\[\]]*\w=[^\s\[\]]*&amp;[^\s\[\]]*"
)
# A character reference left undecoded ("Huawei&#39;s", "&quot;Yes&quot;"): the renderer printed
# an attribute (an image's alt or title text) that the page escaped twice; text the page shows
# is decoded by the renderer. lynx and w3m print such attributes where the image stands. The
# reference must touch a word: a tutorial that shows "&amp;" between spaces is prose.
_ENTITY_RE = re.compile(
    r"(?<=\w)&(?:#[0-9]{2,6}|#[xX][0-9a-fA-F]{2,6}|quot|apos|lt|gt|nbsp|amp);"
    r"|&(?:#[0-9]{2,6}|#[xX][0-9a-fA-F]{2,6}|quot|apos|lt|gt|nbsp|amp);(?=\w)"
)
_CAMEL_JOIN_RE = re.compile(r"[a-zß-ÿ](?:'s)?[A-ZÀ-Þ]")
# A short block that is only a date ("Wednesday November 20, 2019", "19.11.2019 12:26"): under
# the article, repeated dates mark a teaser list or a comment thread.
_CODE_SYMBOL_RE = re.compile(r"[{}\[\]=;_\\^$*+]|(?<![<>])[<>](?![<>])")
# A measured figure ("4.3333", "12,5", "1024"), not a row of page numbers ("1 | 2 | 3").
_FIGURE_RE = re.compile(r"\d[.,]\d|\d{3}")
# "avg(n)", "f(x, y)": a name directly followed by its arguments.
_CODE_CALL_RE = re.compile(r"\w\([^()]*[A-Za-z_][^()]*\)")
_DATE_OR_TIME_RE = re.compile(r"\b\d{1,2}[:./-]\d{2}\b|\b(?:19|20)\d\d\b")
DATE_LINE_RE = re.compile(r"(?:\b(?:19|20)\d\d\b.*|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b.*)$")


@dataclass(frozen=True)
class BlockFeatures:
    words: int
    stop_density: float
    sentence_end: bool
    sentences: int
    cap_share: float
    lexicon: str | None
    artefact: bool
    unspaced: bool
    keyword: bool
    camel_share: float
    code_like: bool = False
    fragment: bool = False
    teaser: bool = False
    figures: bool = False
    placeholder: bool = False


def block_features(seg: Segment, stops: frozenset[str], use_lexicon: bool) -> BlockFeatures:
    text = seg.cleaned
    toks = tokenize(text)
    n_unspaced = count_unspaced_letters(text)
    words = count_words(text, toks, unspaced=n_unspaced)
    # map() over C predicates: this runs for every block of every page.
    stop = sum(map(stops.__contains__, map(str.casefold, toks))) / len(toks) if toks else 0.0
    end = ends_sentence(text)
    firsts = "".join([t[0] for t in toks])
    upper = sum(map(str.isupper, firsts))
    lower = sum(map(str.islower, firsts))
    caps = upper / (upper + lower) if upper + lower else 0.0
    key = normalize_phrase(text) if use_lexicon and words <= 40 else ""
    lex = match_lexicon(text, words, sentence_end=end, key=key) if use_lexicon else None
    if lex is None and use_lexicon and find_notice(text, words, key=key or None):
        lex = "notice"
    if lex is None and use_lexicon and words <= 40 and _CREDIT_TAIL_RE.search(text):
        lex = "credit"
    if lex is None and use_lexicon and words <= _CAPTION_MAX_WORDS and _is_caption(text):
        lex = "credit"
    image_marks = is_image_marks(text)
    return BlockFeatures(
        words=words,
        stop_density=stop,
        sentence_end=end,
        sentences=len(_SENTENCE_PUNCT_RE.findall(text)),
        cap_share=caps,
        lexicon=lex,
        artefact=(
            _ARTEFACT_RE.match(text) is not None
            or _is_markup(text)
            or _has_entity(text)
            or image_marks
        ),
        unspaced=n_unspaced > len(toks),
        keyword=use_lexicon and words <= 25 and has_keyword(text, key=key),
        camel_share=len(_CAMEL_JOIN_RE.findall(text)) / words if words else 0.0,
        code_like=_is_code_like(text),
        fragment=_is_fragment(text, words, stop),
        teaser=_is_self_repeating_headline(text, toks, caps),
        figures=_is_figures(text),
        placeholder=_PLACEHOLDER_RE.match(text) is not None or image_marks,
    )


_FIGURES_MAX_CHARS = 60


def _is_figures(text: str) -> bool:
    """Return True for a table cell or row of figures: digits and symbols, hardly any letters."""
    if len(text) > _FIGURES_MAX_CHARS:
        return False
    letters = sum(map(str.isalpha, text))
    return letters <= 2 and any(map(str.isdigit, text))


_TEASER_HEAD_TOKENS = 4
# A sentence-case headline (most headlines outside English) is known by a stricter repeat: the
# whole headline, at least eight words, said twice in a row ("H H Next headline"); prose and
# filler text may come back to a sentence, but not straight after saying it.
_TEASER_LONG_HEAD_TOKENS = 8
_TEASER_MAX_TOKENS = 80


def _is_self_repeating_headline(text: str, toks: list[str], caps: float) -> bool:
    """Return True for a headline said twice in one block: a teaser link and its image's alt text.

    "Kylie Jenner -- When I Was 17 ... (PHOTO) Kylie Jenner -- When I Was 17 ...": renderers put
    a link's text and its picture's description side by side.
    """
    n = len(toks)
    if not 2 * _TEASER_HEAD_TOKENS <= n <= _TEASER_MAX_TOKENS:
        return False
    first = toks[0]
    if toks.count(first) < 2:
        return False
    if caps < 0.5 and not count_unspaced_letters(text):
        return any(
            toks[i] == first and toks[i : 2 * i] == toks[:i]
            for i in range(_TEASER_LONG_HEAD_TOKENS, n // 2 + 1)
        )
    head = toks[:_TEASER_HEAD_TOKENS]
    for i in range(_TEASER_HEAD_TOKENS, n - _TEASER_HEAD_TOKENS + 1):
        if toks[i] == first and toks[i : i + _TEASER_HEAD_TOKENS] == head:
            return True
    return False


# A row of a text table drawn with box characters ("400 │ 2020-08-01 │ 12"), as console output
# shows in preformatted blocks; text renderers keep the table on one line, wrapping renderers
# print one row per line.
_BOX_COLUMN_RE = re.compile(r"[│┃┆┊║┼╋╬├┤]")


def _is_code_like(text: str) -> bool:
    """Return True for a line of code, a formula or a row of figures (``SELECT avg(n)``).

    Inside an article such lines sit between paragraphs; they are not evidence of a menu.
    Code is written in Latin letters; counters ("(0)") and arrows (">>") are not code.
    """
    if text.startswith("[MATH:"):
        return True
    if len(text) <= 200 and _BOX_COLUMN_RE.search(text) is not None:
        return any(map(str.isdigit, text))
    if len(text) > 200 or not text.isascii():
        return False
    symbols = len(_CODE_SYMBOL_RE.findall(text)) + 2 * len(_CODE_CALL_RE.findall(text))
    if symbols >= 2 and symbols >= 0.05 * len(text):
        return True
    if _FIGURE_RE.search(text) is None:
        return False
    digits = sum(map(str.isdigit, text))
    letters = sum(map(str.isalpha, text))
    return digits >= 3 and digits > letters and _DATE_OR_TIME_RE.search(text) is None


def _is_fragment(text: str, words: int, stop: float) -> bool:
    """Return True for a short piece of a sentence broken by a formula, code or a link.

    Menus and link rows start with a capital and carry no function words; ``where`` or ``and the
    matrices`` before a formula start in lower case and do.
    """
    if words == 0 or words > 8 or stop == 0.0:
        return False
    first = text[:1]
    return first.islower() and first < "\u0590"


def _is_caption(text: str) -> bool:
    """Return True for a photo caption that closes with its credit or agency."""
    # Both patterns end at the block's end and span < 100 characters: scan the tail only.
    tail = text[-_CAPTION_TAIL_CHARS:]
    if _AGENCY_TAIL_RE.search(tail) is not None or _PHOTO_BY_RE.search(tail) is not None:
        return True
    if _CAPTION_HEAD_RE.match(text) is not None:
        return True
    # A quotation naming who stood left of the speaker is not a caption.
    return _PICTURE_POSITION_RE.search(text) is not None and text.rstrip()[-1:] not in '"”»'


def _has_entity(text: str) -> bool:
    """Return True when the block holds a character reference its renderer did not decode."""
    return "&" in text and _ENTITY_RE.search(text) is not None


def _is_markup(text: str) -> bool:
    """Return True when tags or URLs make up a large part of the block."""
    if "<" not in text and "://" not in text and "&amp;" not in text:
        return False
    covered = sum(m.end() - m.start() for m in _MARKUP_RE.finditer(text))
    return covered > 0.3 * len(text)
