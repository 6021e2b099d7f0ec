"""The multilingual boilerplate lexicon (package data) and its matching rules."""

from __future__ import annotations

import pytest

from newsclean.dumps import match_lexicon
from newsclean.dumps._lexicon import find_notice, load_lexicon
from newsclean.dumps._text import list_data_files, read_data_lines

REQUIRED = [
    "en",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "nl",
    "ru",
    "uk",
    "pl",
    "tr",
    "ka",
    "ar",
    "zh",
    "ja",
]

CASES = [
    ("en", "Subscribe Sign In", "account"),
    ("en", "Read more", "read_more"),
    ("en", "12 Comments", "comments"),
    ("en", "Photo: Jane Doe/Reuters", "credit"),
    ("en", "© 2024 Example Media. All rights reserved.", "copyright"),
    ("en", "Facebook Twitter Email", "menu_words"),
    ("en", "Current Time 0:00", "player"),
    ("en", "Beginning of dialog window. Escape will cancel and close the window.", "player"),
    ("de", "Weiterlesen", "read_more"),
    ("de", "Alle Rechte vorbehalten", "copyright"),
    ("fr", "Lire aussi", "related"),
    ("fr", "Partager sur Facebook", "share"),
    ("es", "Noticias relacionadas", "related"),
    ("it", "Leggi anche", "related"),
    ("pt", "Leia também", "related"),
    ("nl", "Lees meer", "read_more"),
    ("ru", "Читайте также", "related"),
    ("uk", "Читайте також", "related"),
    ("pl", "Czytaj więcej", "read_more"),
    ("tr", "Tüm hakları saklıdır", "copyright"),
    ("ka", "ყველა უფლება დაცულია", "copyright"),
    ("ar", "جميع الحقوق محفوظة", "copyright"),
    ("zh", "相关新闻", "related"),
    ("zh", "分享到", "share"),
    ("zh", "版权所有 © 2024", "copyright"),
    ("zh", "責任編輯：王小明", "credit"),
    ("zh", "首页 新闻 财经 体育", "menu_words"),
    ("ja", "関連記事", "related"),
    ("ja", "続きを読む", "read_more"),
]


@pytest.mark.parametrize(
    "text",
    [
        "市政府周一宣布，城东的老火车站将改建为一座公共图书馆。",
        "新闻发布会上，发言人回答了记者关于分享经济的提问。",
        "政府は月曜日、新しい図書館を来年開館すると発表した。",
    ],
)
def test_cjk_article_sentences_do_not_match(text: str) -> None:
    assert match_lexicon(text, len(text) // 2, sentence_end=True) is None


def test_required_languages_ship_as_package_data() -> None:
    files = set(list_data_files("boilerplate"))
    for lang in REQUIRED:
        assert f"{lang}.txt" in files
        entries = [ln for ln in read_data_lines("boilerplate", f"{lang}.txt") if "\t" in ln]
        assert len(entries) >= 15, lang


def test_every_entry_is_category_tab_phrase() -> None:
    for name in list_data_files("boilerplate"):
        for line in read_data_lines("boilerplate", name):
            category, sep, phrase = line.partition("\t")
            assert sep and category.strip() and phrase.strip(), (name, line)
            assert category == category.strip().lower()


@pytest.mark.parametrize(("lang", "text", "category"), CASES)
def test_phrases_match(lang: str, text: str, category: str) -> None:
    words = len(text.split())
    got = match_lexicon(text, words, sentence_end=text.rstrip().endswith("."))
    assert got == category, (lang, text)


@pytest.mark.parametrize(
    "text",
    [
        "More than a hundred people attended the meeting on Monday evening.",
        "Share prices fell sharply after the announcement, traders said.",
        "By the time the firefighters arrived, the roof had collapsed.",
        "The photo shows the mayor opening the new bridge in 1998.",
        "Home owners in the valley will pay less tax next year, the council said.",
    ],
)
def test_article_sentences_do_not_match(text: str) -> None:
    assert match_lexicon(text, len(text.split()), sentence_end=True) is None


def test_long_blocks_never_match() -> None:
    text = "Read more " + "about the harbour and its long history of trade " * 3
    assert match_lexicon(text, len(text.split()), sentence_end=False) is None


def test_lexicon_loads_once_and_has_keywords() -> None:
    assert load_lexicon() is load_lexicon()
    assert "newsletter" in load_lexicon().keywords


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This site uses cookies to give you the best experience on our website.", True),
        ("Wir verwenden Cookies, um Inhalte und Anzeigen zu personalisieren.", True),
        ("Ce site utilise des cookies pour améliorer votre expérience.", True),
        ("She baked cookies for the whole street every Christmas.", False),
    ],
)
def test_cookie_notices_are_found_inside_a_sentence(text: str, expected: bool) -> None:
    from newsclean.dumps._lexicon import find_notice

    assert find_notice(text, len(text.split())) is expected


def test_a_story_about_cookies_is_not_a_cookie_notice() -> None:
    story = (
        "Google said on Tuesday that its Chrome browser would stop the use of cookies set by "
        "advertisers next year, a change regulators had long demanded."
    )
    notice = "This website uses cookies to improve your experience. By continuing you accept."
    assert not find_notice(story, 26)
    assert find_notice(notice, 13)
