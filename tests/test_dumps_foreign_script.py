"""Foreign-script header/footer blocks are cut at the edges only."""

from __future__ import annotations

from pathlib import Path

from newsclean.dumps import (
    DumpOptions,
    classify_segments,
    dominant_script,
    find_foreign_script_edges,
    segment_dump,
)

FIXTURE = Path(__file__).parent / "fixtures" / "dumps" / "foreign_script.txt"


def test_dominant_script() -> None:
    assert dominant_script("Hello world") == "Latin"
    assert dominant_script("მთავარი სიახლეები") == "Georgian"
    assert dominant_script("Привет, мир") == "Cyrillic"
    assert dominant_script("مرحبا") == "Arabic"
    assert dominant_script("東京と大阪") == "CJK"
    assert dominant_script("12:30 — !") is None


def test_edges_in_another_script_are_dropped() -> None:
    texts = ["მენიუ", "An English paragraph about the port.", "Another one.", "ფოტო", "ენა"]
    assert find_foreign_script_edges(texts, [True] * 5) == [0, 3, 4]


def test_same_script_inside_the_body_stays() -> None:
    texts = [
        "An English paragraph.",
        "«البحر يجمعنا»",
        "Олена Коваль",
        "The last English paragraph.",
    ]
    assert find_foreign_script_edges(texts, [True] * 4) == []


def test_a_japanese_article_outweighs_markup_left_below_it() -> None:
    # Letter for letter, two lines of a tracking pixel's URL outnumber the article's kana and
    # kanji; a CJK character carries about a word, so the article's script is still Japanese.
    article = [
        "市は月曜日、駅前の道路を来月から三か月間閉鎖すると発表した。",
        "工事は老朽化した水道管を交換するためで、バスの停留所も移される。",
        "住民の説明会は今週末に公民館で開かれる予定だという。",
        "市の担当者は「ご不便をおかけしますが、ご理解ください」と話している。",
    ]
    pixel = (
        '<div style="position:absolute"><img width=1 height=1 '
        'src="http://ads.example.jp/b?P=oI9TLjE4Mi66RLpAorxEdAVuMTE4LgAAAAA2TzUA"></div>'
    )
    texts = article + [pixel] * 2
    assert find_foreign_script_edges(texts, [True] * len(texts)) == [4, 5]


def test_blocks_without_letters_are_passed_over_and_dropped_blocks_ignored() -> None:
    texts = ["12.03.24", "ქართული", "English text here.", "English again.", "2024"]
    keep = [True, True, True, True, False]
    assert find_foreign_script_edges(texts, keep) == [1]


def test_nothing_kept_means_nothing_dropped() -> None:
    assert find_foreign_script_edges(["ა", "b"], [False, False]) == []
    assert find_foreign_script_edges([], []) == []


def test_fixture_footer_is_removed_with_reason() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    segs = segment_dump(text)
    labels = classify_segments(text, segs)
    by_text = {s.cleaned: lab for s, lab in zip(segs, labels, strict=False)}
    footer = next(
        lab for s, lab in zip(segs, labels, strict=False) if s.cleaned.startswith("გამოიწერეთ")
    )
    assert not footer.keep
    assert footer.reason == "foreign_script"
    assert not by_text["ყველა უფლება დაცულია"].keep
    quote = next(lab for s, lab in zip(segs, labels, strict=False) if "البحر" in s.cleaned)
    assert quote.keep and quote.role == "body"
    kept = " ".join(s.cleaned for s, lab in zip(segs, labels, strict=False) if lab.keep)
    assert "Олена Коваль" in kept
    assert "The first group of students will travel in May." in kept


def test_foreign_script_switch_labels_the_edges() -> None:
    text = "English headline here\n\n" + "\n\n".join(
        ["The harbour reopened on Monday after a week of storms and repairs to the wall."] * 1
        + ["Fishing boats returned to the quay in the afternoon, the harbour master said."]
        + ["ქალაქის ახალი ამბები ყოველ დილით, ამინდი და საგზაო მოძრაობა ერთ ადგილას."]
    )
    segs = segment_dump(text)
    # Layout off: only the script rule can drop the Georgian footer.
    labels = classify_segments(text, segs, options=DumpOptions(layout=False))
    assert labels[-1].keep is False
    assert labels[-1].reason == "foreign_script"
    assert all(lab.keep for lab in labels[:-1])
    off = classify_segments(text, segs, options=DumpOptions(layout=False, foreign_script=False))
    assert off[-1].keep is True
