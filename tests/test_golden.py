"""Golden cases: tests/fixtures/golden/<case>/input.* with a hand-written expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsclean
from newsclean._input import normalize_newlines

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
CASES = sorted(p for p in GOLDEN.iterdir() if p.is_dir())


def _input(case: Path) -> tuple[Path, str]:
    (path,) = sorted(case.glob("input.*"))
    return path, normalize_newlines(path.read_bytes().decode("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden_case(case: Path) -> None:
    path, _ = _input(case)
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    article = newsclean.clean(path.read_bytes(), **expected.get("options", {}))
    source = newsclean.load_document(path.read_bytes()).source

    for key in ("title", "published_text", "language"):
        if key in expected:
            assert getattr(article, key) == expected[key], key
    if "published" in expected:
        assert article.published is not None
        assert article.published.isoformat() == expected["published"]
    if "blocks" in expected:
        assert [{"kind": b.kind, "text": b.text} for b in article.blocks] == expected["blocks"]
    if "authors" in expected:
        assert list(article.authors) == expected["authors"]
    for phrase in expected.get("must_contain", []):
        assert phrase in article.text
    for phrase in expected.get("must_not_contain", []):
        assert phrase not in article.text
    for want in expected.get("removed", []):
        matches = [r for r in article.removed if r.text.strip() == want["text"]
                   and all(getattr(r, k) == v for k, v in want.items() if k != "text")]
        assert matches, f"no removal matching {want}"
        assert want["text"] not in article.text
    for want in expected.get("edits", []):
        context = want["context"]
        at = source.index(context)
        edits = [e for e in article.edits if at <= e.start <= at + len(context)
                 and all(getattr(e, k) == v for k, v in want.items() if k != "context")]
        assert edits, f"no edit matching {want}"
    assert newsclean.replay(source, article.removed, article.edits) == article.text


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden_case_is_deterministic_and_serialisable(case: Path) -> None:
    path, _ = _input(case)
    first = newsclean.clean(path.read_bytes()).to_dict()
    second = newsclean.clean(path.read_bytes()).to_dict()
    assert json.dumps(first, ensure_ascii=False) == json.dumps(second, ensure_ascii=False)
    assert newsclean.Article.from_dict(first).to_dict() == first
