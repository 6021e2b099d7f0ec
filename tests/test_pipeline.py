"""Pipeline-level contracts: the audit trail replays, nothing raises on arbitrary input."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import Document, EmptyDocumentError, Pipeline

_LINES = st.lists(
    st.one_of(
        st.text(max_size=120),
        st.sampled_from([
            "Menu", "Share this article", "Loading data...", "30.05.23 13:26",
            "The minister said on Tuesday that the plan would go ahead.It starts in May.",
            "საფონდო ბირჟები", "© 2024 Example News", "   * [3]Sport", "",
            "Цены выросли на 3,5%.В мае они упали.", "<p>not really html</p>",
        ]),
    ),
    max_size=25,
)


def _check(raw: str) -> None:
    try:
        article = newsclean.clean(raw)
    except EmptyDocumentError:
        assert not raw.strip()
        return
    doc = newsclean.load_document(raw)
    assert newsclean.replay(doc.source, article.removed, article.edits) == article.text
    spans = sorted([(r.start, r.end) for r in article.removed]
                   + [(e.start, e.end) for e in article.edits if e.start != e.end])
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LINES)
def test_any_dump_replays_to_its_article(lines: list[str]) -> None:
    _check("\n".join(lines))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_raises_untyped(text: str) -> None:
    _check(text)


@pytest.mark.parametrize("raw", ["", "   \n\t ", b"", b"\n"])
def test_empty_input_is_a_typed_error(raw: str | bytes) -> None:
    with pytest.raises(EmptyDocumentError):
        newsclean.clean(raw)


def test_bytes_in_legacy_encoding_are_decoded_and_noted() -> None:
    raw = "Le ministre a annoncé la réforme mardi. Elle entre en vigueur en mai.".encode("cp1252")
    article = newsclean.clean(raw, input_format="text")
    assert "annoncé" in article.text


@dataclass(frozen=True)
class _DropShortBlocks:
    name: ClassVar[str] = "short"
    switch: ClassVar[str] = ""

    def __call__(self, doc: Document) -> None:
        for block in doc.body:
            if len(block.current) < 20:
                block.drop(self.name, "too_short")


def test_custom_step_is_recorded_in_the_audit_trail() -> None:
    pipeline = Pipeline([*newsclean.default_pipeline(), _DropShortBlocks()])
    raw = (
        "A first paragraph that is long enough to stay.\n\nShort one\n\n"
        "Another long paragraph here."
    )
    article = newsclean.clean(raw, pipeline=pipeline, remove_boilerplate=False)
    assert any(r.filter == "short" and r.text == "Short one" for r in article.removed)


def test_switches_turn_steps_off() -> None:
    raw = "Title line\n\nThe first sentence ends here.The second one starts here and goes on."
    article = newsclean.clean(raw, repair_spacing=False, remove_boilerplate=False)
    assert "here.The" in article.text
    assert not any(e.filter == "spacing" for e in article.edits)


def test_pipeline_rejects_non_filters() -> None:
    with pytest.raises(newsclean.ConfigError):
        Pipeline([object()])  # type: ignore[list-item]


_NEGATIVE = Path(__file__).parent / "fixtures" / "dumps" / "negative"


@pytest.mark.parametrize(
    "case", sorted(p.name[: -len(".expected.txt")] for p in _NEGATIVE.glob("*.expected.txt"))
)
def test_negative_articles_survive_the_whole_pipeline(case: str) -> None:
    dump = (_NEGATIVE / f"{case}.txt").read_text(encoding="utf-8")
    expected = (_NEGATIVE / f"{case}.expected.txt").read_text(encoding="utf-8")
    article = newsclean.clean(dump)
    kept = " ".join(article.text.split())
    for paragraph in expected.split("\n\n"):
        assert " ".join(paragraph.split()) in kept, f"{case}: lost {paragraph[:60]!r}"


def test_dump_title_drops_the_site_name_of_the_title_line() -> None:
    dump = "\n\n".join(
        [
            "Council approves the new river bridge | The Valley Courier",
            "Home News Sport Weather",
            "The town council voted on Tuesday evening to fund a new bridge over the river, "
            "ending a debate that had lasted for more than ten years in the valley.",
            "Work is expected to start next spring, and the mayor said that the old crossing "
            "would stay open for pedestrians until the new one is finished and inspected.",
        ]
    )
    article = newsclean.clean(dump)
    assert article.title == "Council approves the new river bridge"
    # The title line is still removed whole and recorded, site name included.
    assert any(r.text.endswith("| The Valley Courier") for r in article.removed)


_GERMAN_DUMP = "\n\n".join(
    [
        "Stadtrat beschließt neue Brücke",
        "05/06/2023",
        "Der Stadtrat hat am Dienstagabend beschlossen, eine neue Brücke über den Fluss zu "
        "bauen, und damit eine Debatte beendet, die seit mehr als zehn Jahren geführt wurde.",
        "Die Arbeiten sollen im nächsten Frühjahr beginnen, und die alte Brücke bleibt für "
        "Fußgänger offen, bis die neue fertig ist und von den Behörden geprüft wurde.",
    ]
)


def test_dump_date_order_follows_the_guessed_language() -> None:
    # No hint and nothing declared: the body's language (German) settles "05/06" as 5 June.
    article = newsclean.clean(_GERMAN_DUMP)
    assert article.published is not None
    assert (article.published.month, article.published.day) == (6, 5)
    assert article.date_ambiguity is not None
    assert "language_default" in article.date_ambiguity


def test_dump_without_dateline_takes_the_day_from_the_url() -> None:
    dump = _GERMAN_DUMP.replace("05/06/2023\n\n", "")
    article = newsclean.clean(dump, url="https://example.org/2021/03/14/stadtrat-bruecke")
    assert article.published is not None
    assert article.published.date().isoformat() == "2021-03-14"


def test_a_story_about_cookies_keeps_all_its_paragraphs() -> None:
    paras = [
        "Google said on Tuesday that its Chrome browser would stop the use of cookies set by "
        "advertisers next year, a change that regulators in Europe and the United States had "
        "long demanded from the company.",
        "The company said the change would affect about three billion users. Advertisers have "
        "relied on these cookies for two decades to follow people from one site to the next.",
        "Privacy groups welcomed the decision but said the details still mattered, pointing out "
        "that the plan had been postponed twice before and still gives the company much data.",
    ]
    article = newsclean.clean("\n\n".join(["Chrome to drop third-party cookies", *paras]))
    assert [b.text for b in article.blocks] == paras
