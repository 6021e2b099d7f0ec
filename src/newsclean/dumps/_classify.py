"""Label each block of a dump as title, article body or boilerplate, with a reason.

Blocks are scored with cheap features (length, sentence punctuation, stopword density, share of
title-cased words, boilerplate lexicon). The main article region is the run of blocks with the
largest total content score (a maximum-sum subarray: long prose counts for it, menus, lexicon
hits and runs of short lines count against it), so isolated prose in a footer stays out while
short subheadings and list items between paragraphs stay in. In dumps that open with the page's
<title>, the block repeating it (the article's headline) says where the article starts when the
region found lies far from it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from newsclean._errors import ConfigError
from newsclean.dumps._block_model import (
    BlockModel,
    block_vectors,
    decode_article,
    default_block_model,
    max_sum_run,
)
from newsclean.dumps._features import DATE_LINE_RE, BlockFeatures, block_features
from newsclean.dumps._foreign_script import find_foreign_script_edges
from newsclean.dumps._segment import Segment
from newsclean.dumps._stopwords import guess_language, stopwords_for
from newsclean.dumps._template import Template
from newsclean.dumps._text import content_words, tokenize
from newsclean.dumps._title import _title_from_head, pick_title

# The stopword guess reads at most this many tokens of prose-like blocks.
_GUESS_TOKENS = 3000
# Lines that head a reader comment: "Jane on May 2, 2019 at 6:34 am said:", "2 days ago".
_COMMENT_META_RE = re.compile(
    r"(?:\b(?:says|said|wrote|writes|schreibt|schrieb|écrit|dit|escribió|escribe|disse|scrive"
    r"|пишет|написал|написала|пише|napisał|napisała|yazdı)\s*:\s*$"
    r"|^\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\b\d{1,2}:\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)(?:\s|$))",
    re.IGNORECASE,
)
_COMMENT_WINDOW = 8
# A block repeated in one page is a caption, a teaser or a banner; long repeated paragraphs are
# more likely the article quoting itself, so they are left to the other signals.
_MAX_DUPLICATE_WORDS = 30
# A long block met three times in one page is a teaser or a caption of a gallery.
_MIN_LONG_REPEATS = 3
_MAX_LONG_REPEAT_SHARE = 0.3
# Code lines and sentence fragments between formulas cost this share of a short block's penalty.
_NEUTRAL_SHARE = 0.2
# A syntax-highlighted listing rendered one token per line: "( res)", "{ ...", "// comment".
_CODE_OPENERS = frozenset("([{}])/#<\"'.;,")
_COMMENT_CUT_SHARE = 0.4
_COMMENT_CUT_WORDS = 60.0
# Prose after a thread's last meta line that is an article going on, not one more comment.
_RESUMED_MIN_WORDS = 150
_RESUMED_FACTOR = 3


@dataclass(frozen=True)
class DumpOptions:
    """Switches and thresholds of :func:`classify_segments`."""

    lexicon: bool = True
    layout: bool = True
    templates: bool = True
    foreign_script: bool = True
    min_good_words: int = 12
    min_stopword_density: float = 0.2
    short_penalty: float = 2.5
    bad_penalty: float = 4.0
    title_max_words: int = 30
    gap_growth: float = 0.0
    core_gap_growth: float = 0.3
    min_coherence: float = 0.15
    block_model: bool = True
    """Let the learned block model weigh the rules' evidence (see ``_block_model``)."""
    model: BlockModel | None = field(default=None, compare=False)
    """A model to use instead of the shipped one (``tools/train_block_model.py`` makes them)."""

    def __post_init__(self) -> None:
        if self.min_good_words < 1 or not 0.0 <= self.min_stopword_density <= 1.0:
            raise ConfigError("min_good_words must be >= 1, min_stopword_density in [0, 1]")
        if self.short_penalty < 0 or self.bad_penalty < 0 or self.title_max_words < 1:
            raise ConfigError("penalties must be >= 0 and title_max_words >= 1")
        if self.gap_growth < 0 or self.core_gap_growth < 0 or not 0.0 <= self.min_coherence <= 1:
            raise ConfigError("gap growths must be >= 0, min_coherence in [0, 1]")


@dataclass(frozen=True)
class SegmentLabel:
    """The verdict on one block: kept or not, its role, a snake_case reason and a score.

    ``score`` is the rules' content score; ``probability`` the block model's estimate that the
    block is article text (None when the model did not run or the rules' verdict is final).
    """

    keep: bool
    role: str
    reason: str
    score: float
    probability: float | None = None


_ALT_HEAD_TOKENS = 4


def _mark_alt_texts(
    segments: Sequence[Segment], feats: Sequence[BlockFeatures]
) -> list[BlockFeatures]:
    """Label as a credit the image description printed right above the image's caption.

    lynx and w3m print an image's alt text where the image stands, and the caption under it;
    both describe the same picture and often open with the same words ("A man walks past a
    tank ..." / "A man walks past an armoured carrier ... Credit: AFP"). The caption is known by
    its credit; the alt text before it, opening like it, goes with it.
    """
    out = list(feats)
    for i in range(len(segments) - 1):
        nxt = feats[i + 1]
        if nxt.lexicon != "credit" or feats[i].lexicon is not None:
            continue
        head = [t.casefold() for t in tokenize(segments[i].cleaned)[:_ALT_HEAD_TOKENS]]
        cap = [t.casefold() for t in tokenize(segments[i + 1].cleaned)[:_ALT_HEAD_TOKENS]]
        if len(head) == _ALT_HEAD_TOKENS and head == cap:
            out[i] = replace(feats[i], lexicon="credit")
    return out


# Boilerplate that stands inside an article as often as around it (the controls of an embedded
# video): dropped, but no evidence of where the article ends.
_IN_ARTICLE_LEXICON = frozenset({"player"})


def _content_score(f: BlockFeatures, opts: DumpOptions, has_stoplist: bool) -> float:
    """Positive for prose-like blocks (about their word count), negative for boilerplate."""
    if f.lexicon in _IN_ARTICLE_LEXICON:
        return -_NEUTRAL_SHARE * opts.short_penalty
    if f.lexicon is not None or f.keyword:
        return -(opts.bad_penalty + 0.5 * f.words)
    if f.teaser:
        return -(opts.short_penalty + 0.5 * f.words)
    if f.artefact and f.code_like:
        # Leaked formula markup (MathML) says nothing about where the article is; its length
        # must not split a page of formulas.
        return -opts.bad_penalty
    if f.artefact:
        return -(opts.bad_penalty + 0.5 * f.words)
    prose = f.sentence_end or f.sentences > 0
    dense = f.unspaced or not has_stoplist or f.stop_density >= opts.min_stopword_density
    headline_like = (f.cap_share > 0.6 and f.words >= 4 and not f.unspaced) or (
        f.camel_share > 0.08 and f.words >= 8
    )
    if f.words >= opts.min_good_words and dense and not headline_like:
        if prose or f.words >= 2 * opts.min_good_words:
            return float(f.words)
        # A line without a sentence end is a headline, caption or link more often than prose.
        return -0.5 * opts.short_penalty
    if f.words >= opts.min_good_words // 2 and prose and (dense or f.stop_density > 0.1):
        return 0.6 * f.words
    if f.words >= opts.min_good_words and not headline_like:
        return 0.2 * f.words
    if f.code_like or f.fragment or f.figures:
        return -_NEUTRAL_SHARE * opts.short_penalty
    return -opts.short_penalty


def _is_repeated(f: BlockFeatures, count: int, long_ok: bool) -> bool:
    if f.words <= _MAX_DUPLICATE_WORDS:
        # Code and tables repeat their lines; a repeated row is still part of the article.
        return count > 1 and not (f.code_like or f.figures)
    return long_ok and count >= _MIN_LONG_REPEATS


# A block this long that only repeats the page's paragraphs run together is a second rendering of
# the article (a print version, a hidden copy for search engines), not more of it.
_FLAT_COPY_MIN_WORDS = 60
_FLAT_COPY_MIN_COVER = 0.9
# Paragraphs, not a title line and one paragraph that happen to share phrases.
_FLAT_COPY_MIN_PARTS = 3
_FLAT_COPY_MIN_PART_GRAMS = 5
_SHINGLE = 3


def _find_flat_copies(segments: Sequence[Segment], feats: Sequence[BlockFeatures]) -> set[int]:
    """Return blocks whose text is, almost word for word, several shorter blocks run together.

    A shorter block is a part of a long one when its opening words occur in it; the long block
    is a copy when it has at least three parts that each share a few word trigrams with it and,
    together, nearly all of them. The shorter blocks keep the article's paragraphs, so they are
    the ones to keep.
    """
    candidates = [i for i, f in enumerate(feats) if f.words >= _FLAT_COPY_MIN_WORDS]
    if not candidates:
        return set()
    # Opening trigram -> blocks: looking parts up by their opening words keeps this linear.
    openings: dict[tuple[str, ...], list[int]] = {}
    for i, (seg, f) in enumerate(zip(segments, feats, strict=False)):
        if f.words >= _FLAT_COPY_MIN_PART_GRAMS:
            for g in _trigrams(seg.cleaned[:_OPENING_CHARS])[:_OPENING_GRAMS]:
                openings.setdefault(g, []).append(i)
    copies: set[int] = set()
    for i in candidates:
        grams = _trigrams(segments[i].cleaned)
        parts = {
            j
            for g in grams
            for j in openings.get(g, ())
            if j != i and feats[j].words < feats[i].words
        }
        if len(parts) < _FLAT_COPY_MIN_PARTS:
            continue
        # Each trigram is credited to the shortest part holding it: a filler text that repeats
        # its own phrases is not several paragraphs run together.
        shortest: dict[tuple[str, ...], int] = {}
        for j in sorted(parts, key=lambda j: (-feats[j].words, j)):
            shortest.update(dict.fromkeys(_trigrams(segments[j].cleaned), j))
        credited = Counter(shortest[g] for g in grams if g in shortest)
        if (
            sum(credited.values()) >= _FLAT_COPY_MIN_COVER * len(grams)
            and sum(n >= _FLAT_COPY_MIN_PART_GRAMS for n in credited.values())
            >= _FLAT_COPY_MIN_PARTS
        ):
            copies.add(i)
    return copies


# A block's opening words (its first trigrams, in its first characters) find the long blocks
# that may repeat it.
_OPENING_CHARS = 80
_OPENING_GRAMS = 3


def _trigrams(text: str) -> list[tuple[str, ...]]:
    toks = [t.casefold() for t in tokenize(text)]
    return [tuple(toks[k : k + _SHINGLE]) for k in range(len(toks) - _SHINGLE + 1)]


def _escalate_gaps(
    scores: Sequence[float], growth: float, neutral: Sequence[bool] | None = None
) -> list[float]:
    """Make the k-th block of a run of non-content blocks cost k times more.

    One caption or subheading between paragraphs is cheap to bridge; the menus, bylines and
    dates between an article and a teaser list are not. ``neutral`` blocks (lines of code,
    sentence fragments around formulas) neither lengthen nor end a run: a code listing inside
    the article is not a menu.
    """
    out: list[float] = []
    run = 0
    for i, s in enumerate(scores):
        if s > 0:
            run = 0
            out.append(s)
        elif neutral is not None and neutral[i]:
            out.append(s)
        else:
            run += 1
            out.append(s * (1.0 + growth * (run - 1)))
    return out


def _neutral_score(score: float, f: BlockFeatures, text: str, opts: DumpOptions) -> float:
    """Soften the short-block penalty of blocks that are neither prose nor furniture."""
    if score == -opts.short_penalty and f.lexicon is None and _is_neutral(f, text):
        return -_NEUTRAL_SHARE * opts.short_penalty
    return score


def _is_neutral(f: BlockFeatures, text: str) -> bool:
    """Return True for a short block that is neither prose nor furniture (code, a fragment)."""
    if f.code_like or f.fragment or f.figures:
        return True
    first = text[:1]
    # Icon glyphs and lone symbols are not code: they stay at the full short-block penalty.
    return (first.islower() and first < "\u0590") or first in _CODE_OPENERS


_COHERENCE_MIN_VOCAB = 4


def _content_vocabulary(texts: Sequence[str], stops: frozenset[str]) -> set[str]:
    return set().union(*(content_words(tokenize(text), stops) for text in texts))


def _extend_coherent(
    core: tuple[int, int],
    full: tuple[int, int],
    segments: Sequence[Segment],
    feats: Sequence[BlockFeatures],
    scores: Sequence[float],
    stops: frozenset[str],
    opts: DumpOptions,
) -> tuple[int, int]:
    """Widen the tight core region to the plain one where the prose across the gap is on topic.

    The core is found with long runs of short blocks made expensive, so a teaser list or a
    comment thread below the article stays out; but an article interrupted by a widget, a
    table or a list goes on across such a run. What lies across the gap continues the article
    when a fair share of its words (names, terms) already occur in the core.
    """
    if not (full[0] <= core[0] and core[1] <= full[1]) or core == (0, 0):
        return full
    if sum(f.unspaced for f in feats[core[0] : core[1]]) * 2 > core[1] - core[0]:
        return full  # no word boundaries to compare vocabularies with
    core_vocab = _content_vocabulary([s.cleaned for s in segments[core[0] : core[1]]], stops)
    start, end = core
    # Walk outwards one run of content blocks at a time, nearest first; stop at the first run
    # that is off topic (a teaser list is, the rest of the article is not).
    for step in (-1, 1):
        pos = core[0] - 1 if step < 0 else core[1]
        limit = full[0] - 1 if step < 0 else full[1]
        while pos != limit:
            run: list[int] = []
            while pos != limit and not run and scores[pos] <= 0:
                pos += step
            while pos != limit and scores[pos] > 0:
                run.append(pos)
                pos += step
            if not run:
                break
            vocab = _content_vocabulary([segments[i].cleaned for i in run], stops)
            # A run of a few words is too short to judge; it goes with its neighbours.
            if len(vocab) >= _COHERENCE_MIN_VOCAB and (
                len(vocab & core_vocab) < opts.min_coherence * len(vocab)
            ):
                break
            core_vocab |= vocab
            if step < 0:
                start = min(run)
            else:
                end = max(run) + 1
    return (start, end)


_BRIDGE_MAX_GAP = 24
_BRIDGE_MIN_COHERENCE = 0.3


def _bridge_images(
    region: tuple[int, int],
    segments: Sequence[Segment],
    feats: Sequence[BlockFeatures],
    scores: Sequence[float],
    stops: frozenset[str],
) -> tuple[int, int]:
    """Widen the region across a gap that holds image placeholders when the prose resumes on topic.

    lynx and w3m print each image of a gallery as a bracketed placeholder ("[photo.jpg]"); a
    text renderer prints nothing. A run of them costs as much as a menu and splits a short
    article in two. Rows of thumbnails also separate an article from teaser lists, so the gap
    is crossed only when it holds no boilerplate-lexicon block and the prose after it shares a
    large part of its vocabulary with the article.
    """
    start, end = region
    if end <= start:
        return region
    vocab = _content_vocabulary([segments[i].cleaned for i in range(start, end)], stops)
    if len(vocab) < _COHERENCE_MIN_VOCAB:
        return region
    # Only forward: images above the article are its lead picture and the page header.
    while True:
        pos = end
        gap: list[int] = []
        while pos < len(segments) and scores[pos] <= 0 and len(gap) <= _BRIDGE_MAX_GAP:
            gap.append(pos)
            pos += 1
        if not gap or len(gap) > _BRIDGE_MAX_GAP or not any(feats[i].placeholder for i in gap):
            break
        if any(_is_furniture(feats[i]) for i in gap):
            break
        run: list[int] = []
        while pos < len(segments) and scores[pos] > 0:
            run.append(pos)
            pos += 1
        run_vocab = _content_vocabulary([segments[i].cleaned for i in run], stops)
        if len(run_vocab) < _COHERENCE_MIN_VOCAB or (
            len(run_vocab & vocab) < _BRIDGE_MIN_COHERENCE * len(run_vocab)
        ):
            break
        vocab |= run_vocab
        end = max(run) + 1
    return (start, end)


def _is_furniture(f: BlockFeatures) -> bool:
    """Return True for a block that marks page furniture: lexicon hits, teasers, widgets."""
    lexicon = f.lexicon is not None and f.lexicon not in _IN_ARTICLE_LEXICON
    return lexicon or f.keyword or f.teaser or (f.artefact and not f.placeholder)


# The article starts within this many blocks below its headline (a byline, a date, a lead
# picture and its caption come between).
_ANCHOR_GAP = 30
# Site names ("The Verge", "National Review") repeat in the masthead; a headline has more words.
_ANCHOR_MIN_WORDS = 4
# What follows the headline must weigh this share of the region it would replace.
_ANCHOR_MIN_SHARE = 0.25


def _anchor_to_headline(
    region: tuple[int, int],
    segments: Sequence[Segment],
    feats: Sequence[BlockFeatures],
    scores: Sequence[float],
) -> tuple[int, int]:
    """Move a region that lies far from the article's headline to the prose under the headline.

    bs4 and html-text dumps open with the page's <title>, and the article's <h1> repeats it.
    When the region found lies far from that headline (a teaser list above it, a legal footer
    longer than an article of short lines below it), the prose under the headline is the
    article if it weighs a fair share of the region found. When the prose under the headline
    runs on into the region, the region starts at the headline instead.
    """
    anchor = _title_from_head(segments, feats, (0, len(segments)))
    if anchor is None or feats[anchor].words < _ANCHOR_MIN_WORDS:
        return region
    if region[0] <= anchor + _ANCHOR_GAP and region[1] > anchor:
        return region
    first = next((j for j in range(anchor + 1, len(scores)) if scores[j] > 0), None)
    if first is None or first > anchor + _ANCHOR_GAP:
        return region
    best, best_end, total = 0.0, first, 0.0
    for j in range(first, len(scores)):
        total += scores[j]
        if total > best:
            best, best_end = total, j + 1
    if first < region[1] and region[0] < best_end:
        if first < region[0] and sum(scores[first : region[0]]) > 0:
            return (first, region[1])
        return region
    if best < _ANCHOR_MIN_SHARE * sum(scores[region[0] : region[1]]):
        return region
    return (first, best_end)


# "— Jane Doe (@janedoe) November 18, 2019": the signature of an embedded post, part of the article.
_EMBED_SIGNATURE_RE = re.compile(r"^[—–―-]\s|\(@\w+\)")


def _is_comment_meta(f: BlockFeatures, text: str) -> bool:
    if f.words > 16 or f.code_like or _EMBED_SIGNATURE_RE.search(text) is not None:
        # A table row of dates and figures is not the head of a comment.
        return False
    if _COMMENT_META_RE.search(text) is not None:
        return True
    return f.words <= 8 and not f.sentence_end and DATE_LINE_RE.search(text) is not None


def _article_resumes(
    feats: Sequence[BlockFeatures],
    scores: Sequence[float],
    meta: Sequence[bool],
    start: int,
    end: int,
) -> list[bool]:
    """For each index in ``[start, end)``: does long prose follow the last meta line after it?

    Bare date lines also head a list of related headlines set into the article ("Headline /
    July 30, 2018 / Headline / July 25, 2018"), after which the article goes on. In a comment
    thread every comment has its meta line, so what follows the last one is a single comment:
    never much longer than the longest comment above it. One backward pass gives, for every
    start, the longest stretch of prose between two meta lines up to the last one.
    """
    out = [False] * len(meta)
    last = next((j for j in range(end - 1, start - 1, -1) if meta[j]), None)
    if last is None:
        return out
    tail = sum(feats[j].words for j in range(last + 1, end) if scores[j] > 0)
    longest = words = 0
    out[last] = tail > _RESUMED_MIN_WORDS
    for j in range(last - 1, start - 1, -1):
        if meta[j]:
            longest, words = max(longest, words), 0
        elif scores[j] > 0:
            words += feats[j].words
        out[j] = tail > max(_RESUMED_MIN_WORDS, _RESUMED_FACTOR * max(longest, words))
    return out


def _cut_at_comments(
    segments: Sequence[Segment],
    feats: Sequence[BlockFeatures],
    scores: Sequence[float],
    region: tuple[int, int],
) -> tuple[int, int]:
    """End the region where a reader-comment section starts (comments look like prose too).

    A comments heading from the lexicon, or two comment meta lines ("X says:", "2 days ago")
    close together, end the article once a fair share of its prose lies above them.
    """
    start, end = region
    total = sum(s for s in scores[start:end] if s > 0)
    if total <= 0:
        return region
    seen = 0.0
    resumes: list[bool] | None = None  # computed at the first weak cut, which most pages lack
    meta = [False] * len(segments)
    strong = [False] * len(segments)
    for i in range(start, end):
        meta[i] = _is_comment_meta(feats[i], segments[i].cleaned)
        strong[i] = feats[i].lexicon == "comments" or (
            meta[i] and _COMMENT_META_RE.search(segments[i].cleaned) is not None
        )
    for i in range(start, end):
        share_ok = seen >= _COMMENT_CUT_SHARE * total
        words_ok = seen >= _COMMENT_CUT_WORDS
        if share_ok and feats[i].lexicon == "comments":
            return (start, i)
        window = range(i + 1, min(end, i + _COMMENT_WINDOW))
        if (
            meta[i]
            and (share_ok or (words_ok and strong[i]))
            and any(meta[j] and (share_ok or strong[j]) for j in window)
        ):
            if not strong[i] and resumes is None:
                resumes = _article_resumes(feats, scores, meta, start, end)
            if strong[i] or not (resumes is not None and resumes[i]):
                cut = i
                while cut > start and scores[cut - 1] <= 0:
                    cut -= 1
                return (start, max(cut, start + 1))
        if scores[i] > 0:
            seen += scores[i]
    return region


_END_MARKERS = frozenset(
    {"share", "related", "tags", "newsletter", "comments", "menu_words", "notice"}
)
# "About the author", "Über Moritz Bachmann", "Sobre Carlos Nadalim": the heading of an author
# or company box under the article.
_ABOUT_HEADING_RE = re.compile(
    r"^(?:about|über|sobre|à propos d[eu']|a proposito d[ie]|acerca d[eo]|over|o|об|про)\s+\w",
    re.IGNORECASE,
)
_ABOUT_MAX_WORDS = 6
_END_MIN_BEFORE = 0.6
_END_MAX_AFTER = 0.3


def _is_end_marker(f: BlockFeatures, text: str) -> bool:
    if f.lexicon in _END_MARKERS:
        return True
    return (
        f.words <= _ABOUT_MAX_WORDS
        and not f.sentence_end
        and _ABOUT_HEADING_RE.match(text) is not None
    )


def _cut_at_end_marker(
    segments: Sequence[Segment],
    feats: Sequence[BlockFeatures],
    scores: Sequence[float],
    region: tuple[int, int],
) -> tuple[int, int]:
    """End the region at a share/related/tags block once most of the article lies above it.

    What follows such a block ("Share", "Related stories", "Tags") is teasers and widgets; it is
    kept only if it still holds a large part of the region's prose.
    """
    start, end = region
    total = sum(s for s in scores[start:end] if s > 0)
    if total <= 0:
        return region
    seen = 0.0
    for i in range(start, end):
        if (
            _is_end_marker(feats[i], segments[i].cleaned)
            and seen >= _END_MIN_BEFORE * total
            and total - seen <= _END_MAX_AFTER * total
        ):
            return (start, i)
        if scores[i] > 0:
            seen += scores[i]
    return region


def _is_headline(f: BlockFeatures, seg: Segment) -> bool:
    return (
        f.cap_share > 0.6
        and f.words >= 3
        and not f.sentence_end
        and not f.unspaced
        and seg.kind != "list_item"
    )


def _find_link_lists(
    segments: Sequence[Segment], feats: Sequence[BlockFeatures], region: tuple[int, int]
) -> list[int]:
    """Return blocks in runs of two or more headline-like blocks (teaser links inside the text).

    A subheading is followed by its paragraph; consecutive title-cased lines are a list of links.
    """
    out: list[int] = []
    run: list[int] = []
    for i in range(region[0], region[1] + 1):
        if i < region[1] and _is_headline(feats[i], segments[i]):
            run.append(i)
            continue
        if len(run) >= 2:
            out.extend(run)
        run = []
    return out


def classify_segments(
    text: str,
    segments: Sequence[Segment],
    *,
    language: str | None = None,
    template: Template | None = None,
    options: DumpOptions | None = None,
) -> list[SegmentLabel]:
    """Return one label per segment: the title (keep=False), body blocks and boilerplate.

    ``template`` (see :func:`learn_template`) marks blocks that recur across the site as
    boilerplate (reason ``template``); ``language`` picks the stopword list (guessed if None).
    """
    if not segments:
        return []
    return analyse_segments(
        text, segments, language=language, template=template, options=options
    ).labels


@dataclass(frozen=True)
class DumpAnalysis:
    """What the classifier saw: per-block features and scores, the region, the labels."""

    language: str | None
    stops: frozenset[str]
    features: tuple[BlockFeatures, ...]
    scores: tuple[float, ...]
    region: tuple[int, int]
    labels: list[SegmentLabel]

    def vectors(self, segments: Sequence[Segment]) -> list[list[float]]:
        """The block model's input for ``segments`` (see ``_block_model.FEATURE_NAMES``)."""
        return block_vectors(
            segments,
            self.features,
            self.scores,
            self.region,
            [lab.keep for lab in self.labels],
            [lab.reason for lab in self.labels],
            self.stops,
        )


def analyse_segments(
    text: str,
    segments: Sequence[Segment],
    *,
    language: str | None = None,
    template: Template | None = None,
    options: DumpOptions | None = None,
) -> DumpAnalysis:
    """Classify ``segments`` as :func:`classify_segments` does and keep the evidence."""
    opts = options or DumpOptions()
    if not segments:
        return DumpAnalysis(language, frozenset(), (), (), (0, 0), [])
    if language is None:
        sample: list[str] = []
        for seg in segments:
            toks = tokenize(seg.cleaned)
            if len(toks) >= 8:
                sample.extend(map(str.casefold, toks))
                if len(sample) >= _GUESS_TOKENS:
                    break
        language = guess_language(sample)
    stops = stopwords_for(language)
    has_stoplist = language is not None
    feats = [block_features(seg, stops, opts.lexicon) for seg in segments]
    if opts.lexicon:
        feats = _mark_alt_texts(segments, feats)
    scores = [
        _neutral_score(_content_score(f, opts, has_stoplist), f, seg.cleaned, opts)
        for f, seg in zip(feats, segments, strict=False)
    ]
    seen: dict[str, int] = {}
    for seg, f in zip(segments, feats, strict=False):
        if f.words >= 4:
            seen[seg.cleaned] = seen.get(seg.cleaned, 0) + 1
    long_words = sum(f.words for f in feats if f.words > _MAX_DUPLICATE_WORDS)
    long_repeated = sum(
        f.words
        for seg, f in zip(segments, feats, strict=False)
        if f.words > _MAX_DUPLICATE_WORDS and seen.get(seg.cleaned, 0) >= _MIN_LONG_REPEATS
    )
    # When most of the prose repeats, the page holds the article several times over (print and
    # screen versions): repetition then says nothing about which blocks are teasers.
    long_ok = long_repeated <= _MAX_LONG_REPEAT_SHARE * long_words
    copies = _find_flat_copies(segments, feats)
    repeated = {
        i
        for i, (seg, f) in enumerate(zip(segments, feats, strict=True))
        if _is_repeated(f, seen.get(seg.cleaned, 0), long_ok)
    }
    scores = [
        -(opts.bad_penalty + 0.5 * f.words) if i in copies or i in repeated else s
        for i, (f, s) in enumerate(zip(feats, scores, strict=True))
    ]
    templ = [
        bool(opts.templates and template is not None and template.is_template_line(seg.cleaned))
        for seg in segments
    ]
    base_scores = [
        -(opts.bad_penalty + 0.5 * f.words) if t else s
        for s, f, t in zip(scores, feats, templ, strict=False)
    ]
    neutral = [
        not t
        and (
            f.lexicon in _IN_ARTICLE_LEXICON or (f.lexicon is None and _is_neutral(f, seg.cleaned))
        )
        for seg, f, t in zip(segments, feats, templ, strict=False)
    ]
    region_scores = _escalate_gaps(base_scores, opts.gap_growth, neutral)
    # Where the region was cut short: a comment thread or what follows a share/related/about
    # block. Such blocks read like prose; their reason says why they are out all the same.
    cuts: list[tuple[int, int, str]] = []
    if opts.layout:
        region = max_sum_run(region_scores)
        if region == (0, 0):
            region = (0, len(segments))
        uncut_end = region[1]
        region = _cut_at_comments(segments, feats, region_scores, region)
        if region[1] < uncut_end:
            cuts.append((region[1], uncut_end, "comment_section"))
        uncut_end = region[1]
        region = _cut_at_end_marker(segments, feats, region_scores, region)
        if region[1] < uncut_end:
            cuts.append((region[1], uncut_end, "after_article_end"))
        if opts.core_gap_growth > opts.gap_growth:
            start, end = region
            tight = _escalate_gaps(base_scores[start:end], opts.core_gap_growth, neutral[start:end])
            core_start, core_end = max_sum_run(tight)
            if core_end > core_start:
                core = (start + core_start, start + core_end)
                widened = _extend_coherent(
                    core, region, segments, feats, region_scores, stops, opts
                )
                cuts.append((region[0], widened[0], "off_topic"))
                cuts.append((widened[1], region[1], "off_topic"))
                region = widened
        region = _bridge_images(region, segments, feats, base_scores, stops)
        region = _anchor_to_headline(region, segments, feats, region_scores)
    else:
        region = (0, len(segments))
    labels: list[SegmentLabel] = []
    for i, (f, s) in enumerate(zip(feats, scores, strict=False)):
        if templ[i]:
            labels.append(SegmentLabel(False, "boilerplate", "template", s))
        elif f.lexicon is not None:
            labels.append(SegmentLabel(False, "boilerplate", f"lexicon:{f.lexicon}", s))
        elif f.artefact:
            labels.append(SegmentLabel(False, "boilerplate", "renderer_artefact", s))
        elif i in copies:
            labels.append(SegmentLabel(False, "boilerplate", "duplicate_text", s))
        elif not region[0] <= i < region[1]:
            reason = next((r for a, b, r in cuts if a <= i < b), "outside_main_region")
            if i in repeated:
                reason = "repeated_text"
            labels.append(SegmentLabel(False, "boilerplate", reason, s))
        else:
            labels.append(SegmentLabel(True, "body", "main_region", s))
    if opts.layout:
        for i in _find_link_lists(segments, feats, region):
            if labels[i].keep:
                labels[i] = SegmentLabel(False, "boilerplate", "link_list", scores[i])
    title = pick_title(text, segments, feats, region, opts) if opts.layout else None
    if title is not None:
        labels[title] = SegmentLabel(False, "title", "title", scores[title])
    if opts.foreign_script:
        keep = [lab.keep for lab in labels]
        for i in find_foreign_script_edges([s.cleaned for s in segments], keep):
            labels[i] = SegmentLabel(False, "boilerplate", "foreign_script", scores[i])
    rules = DumpAnalysis(language, stops, tuple(feats), tuple(scores), region, labels)
    model = (opts.model or default_block_model()) if opts.block_model else None
    return rules if model is None else _apply_block_model(model, segments, rules)


# Verdicts the block model does not overturn (nor does it for any lexicon hit): the title goes
# to Article.title, a site template is evidence from other pages, a foreign-script edge is the
# page's chrome; and the rules' drops with a specific reason (an artefact, a copy, a repeat, a
# comment thread, what follows the article's end marker, off-topic prose). Letting the model
# keep those gained nothing in cross-validation; it kept "Share" lines under short articles and
# reader comments, which read like prose.
_FINAL_REASONS = frozenset(
    {
        "title",
        "template",
        "foreign_script",
        "renderer_artefact",
        "duplicate_text",
        "repeated_text",
        "comment_section",
        "after_article_end",
        "off_topic",
    }
)


def _apply_block_model(
    model: BlockModel, segments: Sequence[Segment], rules: DumpAnalysis
) -> DumpAnalysis:
    """Relabel the blocks by the learned model, keeping the rules' reason where they agree."""
    labels = rules.labels
    vectors = rules.vectors(segments)
    title = next((i for i, lab in enumerate(labels) if lab.role == "title"), -1)
    final = [
        lab.reason in _FINAL_REASONS
        or lab.reason.startswith("lexicon:")
        # The article starts under its headline: what the rules dropped above it stays out.
        or (i < title and not lab.keep)
        for i, lab in enumerate(labels)
    ]
    probs = [0.0 if fin else model.probability(v) for v, fin in zip(vectors, final, strict=True)]
    article, keep = decode_article(probs, [len(tokenize(s.cleaned)) for s in segments], model)
    out: list[SegmentLabel] = []
    for i, (lab, p) in enumerate(zip(labels, probs, strict=True)):
        if final[i]:
            out.append(lab)
        elif keep[i]:
            out.append(SegmentLabel(True, "body", "main_region", lab.score, p))
        elif not lab.keep:
            out.append(replace(lab, probability=p))
        elif article[0] <= i < article[1]:
            out.append(SegmentLabel(False, "boilerplate", "unlikely_content", lab.score, p))
        else:
            out.append(SegmentLabel(False, "boilerplate", "outside_main_region", lab.score, p))
    return replace(rules, region=article, labels=out)
