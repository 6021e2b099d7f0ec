"""Article model: serialisation round trip and the audit replay."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from newsclean import Article, Block, Edit, InputError, Removal, replay


def _article() -> Article:
    return Article(
        title="T",
        published=datetime(2023, 5, 30, 13, 26, tzinfo=timezone(timedelta(hours=4))),
        published_text="30.05.23 13:26",
        language="en",
        blocks=(Block("heading", "H"), Block("paragraph", "Body.", "en")),
        removed=(Removal("menu", 0, 4, "boilerplate", "menu_run"),),
        edits=(Edit(10, 10, "", " ", "spacing", "glued_sentence"),),
        warnings=("w",),
        authors=("A. Writer",),
    )


def test_to_dict_is_json_and_round_trips_exactly() -> None:
    article = _article()
    data = json.loads(json.dumps(article.to_dict()))
    assert data["published"] == "2023-05-30T13:26:00+04:00"
    assert Article.from_dict(data) == article


def test_text_joins_blocks_with_blank_lines() -> None:
    assert _article().text == "H\n\nBody."


def test_from_dict_rejects_garbage_with_a_typed_error() -> None:
    with pytest.raises(InputError):
        Article.from_dict({"blocks": [{"nope": 1}]})


def test_replay_applies_removals_and_edits() -> None:
    source = "menu\nsaid.The end"
    removed = [Removal("menu\n", 0, 5, "boilerplate", "x")]
    edits = [Edit(10, 10, "", " ", "spacing", "glued_sentence")]
    assert replay(source, removed, edits) == "said. The end"


def test_replay_rejects_overlaps() -> None:
    with pytest.raises(InputError):
        replay("abcdef", [Removal("abc", 0, 3, "f", "r")], [Edit(2, 4, "cd", "", "f", "r")])
