"""A learned second opinion on each block of a dump, from the rules' evidence and its context.

The rule-based classifier (:mod:`newsclean.dumps._classify`) gives every block features, a
content score, a main region and a verdict. How much each piece of evidence counts, and how
much a block's neighbours say about it, is hard to weigh by hand: a short line between two
kept paragraphs is a subheading, the same line between two menus is a menu. Boilerpipe
(Kohlschütter et al., 2010) showed that shallow text features of a block and of its neighbours,
combined by a small learned model, separate article text from boilerplate well across sites.
This module turns the classifier's evidence into one vector per block (:func:`block_vectors`)
and scores it with gradient-boosted trees shipped as package data (:class:`BlockModel`).

The trees are plain data (JSON); inference is a few comparisons per tree in pure Python, with
no dependency. ``tools/train_block_model.py`` fits them with scikit-learn and reports
cross-validated figures by page, so that no page is scored by a model that saw it.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, cast

from newsclean._errors import ConfigError
from newsclean.dumps._features import BlockFeatures
from newsclean.dumps._segment import Segment
from newsclean.dumps._text import content_words, tokenize

# Lexicon categories frequent enough to learn apart; the rest share one column.
_LEXICON_COLUMNS = (
    "nav",
    "copyright",
    "share",
    "credit",
    "account",
    "related",
    "read_more",
    "comments",
    "byline",
    "ads",
    "newsletter",
)
_REASON_COLUMNS = ("main_region", "outside_main_region", "link_list", "title", "renderer_artefact")
# Reasons that name why a block lies outside the main region count as that reason.
_REASON_ALIASES = {
    "comment_section": "outside_main_region",
    "after_article_end": "outside_main_region",
    "repeated_text": "outside_main_region",
    "off_topic": "outside_main_region",
}
_KIND_COLUMNS = ("heading", "list_item", "quote")
_NEIGHBOUR_OFFSETS = (-3, -2, -1, 1, 2, 3)
_NEIGHBOUR_FIELDS = ("words", "stop", "end", "score", "keep", "lexicon", "caps")
_WINDOW = 5
_DISTANCE_CAP = 60.0
# Neither a letter, a digit nor a space (the underscore is not a word character here).
_PUNCT_RE = re.compile(r"[^\w\s]|_")
# A menu is a run of short lines without sentence ends; an article a run of sentences.
_SHORT_WORDS = 4
_PROSE_WORDS = 10


def _own_names() -> list[str]:
    names = [
        "words",
        "stop_density",
        "sentence_end",
        "sentences",
        "cap_share",
        "camel_share",
        "artefact",
        "unspaced",
        "keyword",
        "code_like",
        "fragment",
        "teaser",
        "figures",
        "placeholder",
        "lexicon_any",
    ]
    names += [f"lexicon_{c}" for c in _LEXICON_COLUMNS]
    names += [f"kind_{k}" for k in _KIND_COLUMNS]
    names += ["indent", "lines", "wrapped", "chars", "digit_share", "punct_share", "upper_share"]
    names += ["mean_token_len", "bars", "ends_colon", "repeats"]
    names += ["score", "keep"]
    names += [f"reason_{r}" for r in _REASON_COLUMNS]
    names += ["lexicon_reason"]
    names += ["position", "from_region_start", "to_region_end", "in_region", "region_share"]
    names += ["region_words_above", "coherence", "from_title"]
    names += ["window_before", "window_after", "kept_near"]
    names += ["doc_blocks", "doc_words", "short_run", "prose_run"]
    names += ["coherence_before", "coherence_after"]
    return names


FEATURE_NAMES: tuple[str, ...] = tuple(
    _own_names()
    + [f"n{off:+d}_{field}" for off in _NEIGHBOUR_OFFSETS for field in _NEIGHBOUR_FIELDS]
)


def _slog(x: float) -> float:
    return math.copysign(math.log1p(abs(x)), x)


def _clip(x: float) -> float:
    return max(-_DISTANCE_CAP, min(_DISTANCE_CAP, x))


_NO_NEIGHBOUR = -1.0


def _neighbour_coherence(
    vocab_sets: Sequence[set[str]], features: Sequence[BlockFeatures]
) -> tuple[list[float], list[float]]:
    """Share of each block's content words found in the nearest prose block above and below."""
    n = len(vocab_sets)
    prose = [f.words >= _PROSE_WORDS for f in features]

    def shares(order: range) -> list[float]:
        out = [_NO_NEIGHBOUR] * n
        last: set[str] | None = None
        for i in order:
            vocab = vocab_sets[i]
            if last is not None and vocab:
                out[i] = len(vocab & last) / len(vocab)
            if prose[i]:
                last = vocab
        return out

    return shares(range(n)), shares(range(n - 1, -1, -1))


def max_sum_run(weights: Sequence[float]) -> tuple[int, int]:
    """Return [start, end) of the run of largest total weight (Kadane); (0, 0) if none is > 0."""
    best, best_span = 0.0, (0, 0)
    cur, cur_start = 0.0, 0
    for i, w in enumerate(weights):
        if cur <= 0:
            cur, cur_start = w, i
        else:
            cur += w
        if cur > best:
            best, best_span = cur, (cur_start, i + 1)
    return best_span


def _run_lengths(flags: Sequence[bool]) -> list[int]:
    """For each position, the length of the run of True flags it stands in (0 when False)."""
    out = [0] * len(flags)
    i = 0
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        out[i:j] = [j - i] * (j - i)
        i = j
    return out


def block_vectors(
    segments: Sequence[Segment],
    features: Sequence[BlockFeatures],
    scores: Sequence[float],
    region: tuple[int, int],
    keeps: Sequence[bool],
    reasons: Sequence[str],
    stops: frozenset[str],
) -> list[list[float]]:
    """Return one vector per block, its columns named by :data:`FEATURE_NAMES`."""
    n = len(segments)
    if n == 0:
        return []
    texts = [s.cleaned for s in segments]
    start, end = region
    counts = Counter(texts)
    region_words = sum(f.words for f in features[start:end]) or 1
    doc_words = sum(f.words for f in features) or 1
    # Vocabulary of the region: a block whose words recur in the article is on its topic.
    tokens = [tokenize(t) for t in texts]
    vocab_sets = [content_words(toks, stops) for toks in tokens]
    region_df: Counter[str] = Counter()
    for i in range(start, end):
        region_df.update(vocab_sets[i])
    title_index = next((i for i, r in enumerate(reasons) if r == "title"), None)
    # Teaser excerpts stand between other stories' excerpts; an article's paragraphs share
    # names and terms with the paragraphs around them.
    before, after = _neighbour_coherence(vocab_sets, features)
    short_runs = _run_lengths([f.words <= _SHORT_WORDS and not f.sentence_end for f in features])
    prose_runs = _run_lengths([f.words >= _PROSE_WORDS and f.sentence_end for f in features])
    above = 0.0
    own: list[list[float]] = []
    for i, (seg, f, s) in enumerate(zip(segments, features, scores, strict=True)):
        text = texts[i]
        chars = len(text) or 1
        toks = tokens[i]
        in_region = start <= i < end
        vocab = vocab_sets[i]
        if vocab:
            shared = sum(region_df[w] - (1 if in_region else 0) > 0 for w in vocab)
            coherence = shared / len(vocab)
        else:
            coherence = 0.0
        lo, hi = max(0, i - _WINDOW), min(n, i + _WINDOW + 1)
        row = [
            math.log1p(f.words),
            f.stop_density,
            float(f.sentence_end),
            math.log1p(f.sentences),
            f.cap_share,
            f.camel_share,
            float(f.artefact),
            float(f.unspaced),
            float(f.keyword),
            float(f.code_like),
            float(f.fragment),
            float(f.teaser),
            float(f.figures),
            float(f.placeholder),
            float(f.lexicon is not None),
        ]
        row += [float(f.lexicon == c) for c in _LEXICON_COLUMNS]
        row += [float(seg.kind == k) for k in _KIND_COLUMNS]
        row += [
            float(min(seg.indent, 40)),
            math.log1p(seg.lines),
            float(seg.wrapped),
            math.log1p(chars),
            sum(map(str.isdigit, text)) / chars,
            len(_PUNCT_RE.findall(text)) / chars,
            sum(map(str.isupper, text)) / chars,
            (sum(map(len, toks)) / len(toks)) if toks else 0.0,
            float(text.count("|") + text.count("•")),
            float(text.endswith(":")),
            math.log1p(counts[text] - 1),
        ]
        row += [_slog(s), float(keeps[i])]
        reason = _REASON_ALIASES.get(reasons[i], reasons[i])
        row += [float(reason == r) for r in _REASON_COLUMNS]
        row += [float(reasons[i].startswith("lexicon:"))]
        row += [
            i / max(1, n - 1),
            _clip(i - start),
            _clip(end - 1 - i),
            float(in_region),
            (end - start) / n,
            above / region_words,
            coherence,
            _clip(i - title_index) if title_index is not None else _DISTANCE_CAP,
            _slog(sum(max(0.0, x) for x in scores[lo:i])),
            _slog(sum(max(0.0, x) for x in scores[i + 1 : hi])),
            sum(keeps[lo:hi]) / (hi - lo),
            math.log1p(n),
            math.log1p(doc_words),
            math.log1p(short_runs[i]),
            math.log1p(prose_runs[i]),
            before[i],
            after[i],
        ]
        if in_region:
            above += f.words
        own.append(row)
    blank = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    summary = [
        [
            math.log1p(f.words),
            f.stop_density,
            float(f.sentence_end),
            _slog(s),
            float(k),
            float(f.lexicon is not None),
            f.cap_share,
        ]
        for f, s, k in zip(features, scores, keeps, strict=True)
    ]
    out: list[list[float]] = []
    for i in range(n):
        row = own[i]
        for off in _NEIGHBOUR_OFFSETS:
            j = i + off
            row.extend(summary[j] if 0 <= j < n else blank)
        out.append(row)
    return out


@dataclass(frozen=True)
class BlockModel:
    """Gradient-boosted regression trees over :data:`FEATURE_NAMES`, giving a log-odds score.

    ``trees`` hold, per tree and node, ``(feature, threshold, left, right, value)``: an inner
    node sends a vector left when ``vector[feature] <= threshold``; a leaf has feature -1 and
    adds ``value``. ``decoder`` holds the thresholds :func:`decode_article` reads the
    probabilities with, fitted together with the trees.
    """

    feature_names: tuple[str, ...]
    baseline: float
    trees: tuple[tuple[tuple[int, float, int, int, float], ...], ...]
    decoder: tuple[tuple[str, float], ...] = ()
    _score: Callable[[Sequence[float]], float] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_score", _compile(self))

    def log_odds(self, vector: Sequence[float]) -> float:
        return self._score(vector)

    def probability(self, vector: Sequence[float]) -> float:
        z = self.log_odds(vector)
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def setting(self, name: str, default: float) -> float:
        return dict(self.decoder).get(name, default)

    def to_dict(self) -> dict[str, object]:
        return {
            "feature_names": list(self.feature_names),
            "baseline": self.baseline,
            "decoder": dict(self.decoder),
            "trees": [[list(node) for node in tree] for tree in self.trees],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BlockModel:
        """Rebuild a model from :meth:`to_dict`; malformed data raises ConfigError."""
        try:
            names = tuple(str(x) for x in data["feature_names"])
            trees = tuple(
                tuple(
                    (int(f), float(t), int(left), int(right), float(v))
                    for f, t, left, right, v in tree
                )
                for tree in data["trees"]
            )
            decoder = tuple(sorted((str(k), float(v)) for k, v in data.get("decoder", {}).items()))
            baseline = float(data["baseline"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"not a block model: {exc}") from exc
        for tree in trees:
            for feature, _, left, right, _ in tree:
                if feature >= len(names) or (
                    feature >= 0 and not (0 < left < len(tree) and 0 < right < len(tree))
                ):
                    raise ConfigError("not a block model: a node points outside its tree")
        return cls(names, baseline, trees, decoder)


def _tree_source(tree: Sequence[tuple[int, float, int, int, float]], k: int = 0) -> str:
    feature, threshold, left, right, value = tree[k]
    if feature < 0:
        return repr(value)
    return (
        f"({_tree_source(tree, left)} if v[{feature}] <= {threshold!r} "
        f"else {_tree_source(tree, right)})"
    )


def _compile(model: BlockModel) -> Callable[[Sequence[float]], float]:
    """Turn the trees into one Python function of nested conditionals.

    Walking node tuples costs a loop iteration per level and tree; a compiled conditional
    costs one comparison. The source is made only of validated ints and float reprs.
    """
    lines = ["def score(v):", f"    t = {model.baseline!r}"]
    lines += [f"    t += {_tree_source(tree)}" for tree in model.trees]
    lines.append("    return t")
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), "<newsclean block model>", "exec"), namespace)
    return cast(Callable[[Sequence[float]], float], namespace["score"])


@lru_cache(maxsize=1)
def default_block_model() -> BlockModel | None:
    """Return the shipped model, or None when the package carries none for these features."""
    path = resources.files("newsclean") / "data" / "block_model.json.gz"
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        model = BlockModel.from_dict(json.loads(gzip.decompress(fh.read())))
    if model.feature_names != FEATURE_NAMES:
        return None
    return model


def decode_article(
    probabilities: Sequence[float], tokens: Sequence[int], model: BlockModel
) -> tuple[tuple[int, int], list[bool]]:
    """Read the article out of per-block probabilities: its region and the blocks it keeps.

    An article is one run of blocks. Each block weighs ``(p - center) * tokens ** power``; the
    run of largest weight (a maximum-sum subarray) is the region, inside which blocks above
    ``inside`` are kept (a caption or subheading the model is unsure of, between paragraphs);
    outside it only blocks above ``outside`` survive.
    """
    center = model.setting("center", 0.5)
    power = model.setting("power", 1.0)
    inside = model.setting("inside", 0.3)
    outside = model.setting("outside", 1.1)
    span = max_sum_run(
        [(p - center) * float(n) ** power for p, n in zip(probabilities, tokens, strict=True)]
    )
    keep = [
        (span[0] <= i < span[1] and p >= inside) or p >= outside
        for i, p in enumerate(probabilities)
    ]
    return span, keep
