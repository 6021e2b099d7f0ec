"""The learned block model: data format, inference, decoding, and its place in the classifier."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import ConfigError
from newsclean.dumps import DumpOptions, classify_segments, segment_dump
from newsclean.dumps._block_model import (
    FEATURE_NAMES,
    BlockModel,
    block_vectors,
    decode_article,
    default_block_model,
)
from newsclean.dumps._classify import analyse_segments

# Two trees over the first two features: f0 <= 0.5 -> -1 else +2; f1 <= 3 -> 0.25 else -0.5.
_TINY = {
    "feature_names": list(FEATURE_NAMES),
    "baseline": 0.1,
    "decoder": {"center": 0.5, "power": 1.0, "inside": 0.3, "outside": 0.95},
    "trees": [
        [[0, 0.5, 1, 2, 0.0], [-1, 0.0, 0, 0, -1.0], [-1, 0.0, 0, 0, 2.0]],
        [[1, 3.0, 1, 2, 0.0], [-1, 0.0, 0, 0, 0.25], [-1, 0.0, 0, 0, -0.5]],
    ],
}


def _vector(f0: float, f1: float) -> list[float]:
    return [f0, f1] + [0.0] * (len(FEATURE_NAMES) - 2)


@pytest.mark.parametrize(
    ("f0", "f1", "expected"),
    [(0.0, 0.0, 0.1 - 1.0 + 0.25), (0.5, 3.0, 0.1 - 1.0 + 0.25), (0.6, 3.5, 0.1 + 2.0 - 0.5)],
)
def test_trees_add_up_their_leaves(f0: float, f1: float, expected: float) -> None:
    model = BlockModel.from_dict(_TINY)
    assert model.log_odds(_vector(f0, f1)) == pytest.approx(expected)
    assert model.probability(_vector(f0, f1)) == pytest.approx(1 / (1 + math.exp(-expected)))


def test_model_data_round_trips() -> None:
    model = BlockModel.from_dict(_TINY)
    again = BlockModel.from_dict(model.to_dict())
    assert again == model
    assert again.setting("outside", 0.0) == 0.95
    assert again.setting("missing", 7.0) == 7.0


@pytest.mark.parametrize(
    "broken",
    [
        {},
        {**_TINY, "trees": [[[0, 0.5, 1, 9, 0.0], [-1, 0.0, 0, 0, 1.0]]]},
        {**_TINY, "trees": [[[999, 0.5, 1, 2, 0.0]]]},
        {**_TINY, "baseline": "x"},
    ],
)
def test_malformed_model_data_is_a_config_error(broken: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        BlockModel.from_dict(broken)


def test_decoding_keeps_one_run_and_lets_sure_blocks_outside_it() -> None:
    model = BlockModel.from_dict(_TINY)
    probs = [0.1, 0.9, 0.4, 0.9, 0.1, 0.1, 0.1, 0.97]
    tokens = [5, 50, 3, 40, 5, 5, 5, 2]
    region, keep = decode_article(probs, tokens, model)
    # The weak block between two paragraphs stays (inside >= 0.3); the last is sure enough.
    assert region == (1, 4)
    assert keep == [False, True, True, True, False, False, False, True]


def test_decoding_nothing_gives_an_empty_region() -> None:
    model = BlockModel.from_dict(_TINY)
    assert decode_article([0.1, 0.2], [10, 10], model) == ((0, 0), [False, False])
    assert decode_article([], [], model) == ((0, 0), [])


def test_the_model_type_is_public_with_the_options_that_take_it() -> None:
    import newsclean.dumps

    assert newsclean.dumps.BlockModel is BlockModel
    assert newsclean.dumps.__all__ == sorted(newsclean.dumps.__all__)


def test_the_shipped_model_matches_the_features_it_is_given() -> None:
    model = default_block_model()
    # A feature change without a retrained model would silently switch the model off.
    assert model is not None, "retrain: python tools/train_block_model.py --rebuild --write"
    assert model.feature_names == FEATURE_NAMES
    assert len(model.trees) > 10


_PAGE = "\n\n".join(
    [
        "Home",
        "World",
        "Business",
        "Harbour wall rebuilt after the winter storms",
        "The council finished rebuilding the harbour wall on Friday, three months after the "
        "storms of January broke it in two places and flooded the fish market.",
        "Engineers used the old stones where they could and added a concrete core, which the "
        "council says will hold against a storm twice as strong.",
        "Fishermen said the work came just in time for the start of the mackerel season.",
        "Related stories",
        "Ferry timetable changes for the summer",
        "© 2024 Harbour Courier",
    ]
)


def test_block_vectors_have_one_named_column_each() -> None:
    segs = segment_dump(_PAGE)
    an = analyse_segments(_PAGE, segs, options=DumpOptions(block_model=False))
    vectors = an.vectors(segs)
    assert len(vectors) == len(segs)
    assert all(len(v) == len(FEATURE_NAMES) for v in vectors)
    assert all(math.isfinite(x) for v in vectors for x in v)
    assert block_vectors([], [], [], (0, 0), [], [], frozenset()) == []


def test_model_keeps_the_article_and_records_its_probability() -> None:
    segs = segment_dump(_PAGE)
    labels = classify_segments(_PAGE, segs)
    kept = [s.cleaned for s, lab in zip(segs, labels, strict=True) if lab.keep]
    assert kept[0].startswith("The council finished")
    assert kept[-1].startswith("Fishermen said")
    assert len(kept) == 3
    scored = [lab for lab in labels if lab.probability is not None]
    # The paragraphs and the lines the rules left open are scored; lexicon hits are not.
    assert len(scored) >= 3
    assert all(0.0 <= lab.probability <= 1.0 for lab in scored)
    assert all(lab.probability is None for lab in labels if lab.reason.startswith("lexicon:"))


def test_switching_the_model_off_gives_the_rules_verdicts() -> None:
    segs = segment_dump(_PAGE)
    rules = classify_segments(_PAGE, segs, options=DumpOptions(block_model=False))
    assert all(lab.probability is None for lab in rules)
    assert [lab.reason for lab in rules if not lab.keep]


def test_the_model_never_keeps_a_lexicon_hit() -> None:
    segs = segment_dump(_PAGE)
    rules = classify_segments(_PAGE, segs, options=DumpOptions(block_model=False))
    labels = classify_segments(_PAGE, segs)
    for rule, lab in zip(rules, labels, strict=True):
        if rule.reason.startswith("lexicon:"):
            assert lab.reason == rule.reason
            assert not lab.keep


def test_a_caller_supplied_model_is_used() -> None:
    segs = segment_dump(_PAGE)
    # Every tree says "boilerplate": nothing but the rules' final verdicts can be kept.
    never = BlockModel.from_dict({**_TINY, "baseline": -50.0})
    labels = classify_segments(_PAGE, segs, options=DumpOptions(model=never))
    assert not any(lab.keep for lab in labels)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_model_labels_any_text_deterministically(text: str) -> None:
    segs = segment_dump(text)
    first = classify_segments(text, segs)
    assert first == classify_segments(text, segs)
    assert len(first) == len(segs)
