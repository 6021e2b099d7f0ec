"""Tests for newsclean.filters._dates: dateline parsing, ambiguity, publication-date choice."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from newsclean.filters._dates import (
    DateFinding,
    DateOrderProfile,
    find_dates,
    find_publication_date,
    is_dateline_block,
    learn_date_order,
    parse_date,
)
from newsclean.filters._dates_html import find_html_publication_date

REF = datetime(2026, 1, 1, 12, 0)
FIXTURES = Path(__file__).parent / "fixtures" / "dates"


def tz(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


# (dateline as sites print it, expected value or None). Written from common site formats.
DATELINES: list[tuple[str, datetime | None]] = [
    # English (US, UK, wire services, blogs)
    ("May 30, 2023", datetime(2023, 5, 30)),
    ("Tuesday, May 30, 2023", datetime(2023, 5, 30)),
    ("Published May 30, 2023 1:26 PM EDT", datetime(2023, 5, 30, 13, 26, tzinfo=tz(-4))),
    ("Updated 10:30 a.m. ET, Tue May 30, 2023", datetime(2023, 5, 30, 10, 30, tzinfo=tz(-5))),
    ("30 May 2023", datetime(2023, 5, 30)),
    ("Tue 30 May 2023 13.26 BST", datetime(2023, 5, 30, 13, 26, tzinfo=tz(1))),
    ("Posted on June 5th, 2023 by admin", datetime(2023, 6, 5)),
    ("Sept. 5, 2023", datetime(2023, 9, 5)),
    ("Jan 3, 2022 at 7:05 pm", datetime(2022, 1, 3, 19, 5)),
    ("1st March 2021", datetime(2021, 3, 1)),
    ("March 22nd 2020", datetime(2020, 3, 22)),
    ("Last updated: 2 February 2024", datetime(2024, 2, 2)),
    ("November 9, 2023 5:01 AM ET", datetime(2023, 11, 9, 5, 1, tzinfo=tz(-5))),
    ("Dec. 12, 2019 / 6:00 PM GMT", datetime(2019, 12, 12, 18, 0, tzinfo=tz(0))),
    ("First published on Wed 7 Jun 2023 06.00 BST", datetime(2023, 6, 7, 6, 0, tzinfo=tz(1))),
    ("2023-05-30T13:26:00+04:00", datetime(2023, 5, 30, 13, 26, tzinfo=tz(4))),
    ("2023-05-30T09:26:00Z", datetime(2023, 5, 30, 9, 26, tzinfo=tz(0))),
    ("2023-05-30 13:26:00", datetime(2023, 5, 30, 13, 26)),
    ("2023-05-30T13:26:00.000+0200", datetime(2023, 5, 30, 13, 26, tzinfo=tz(2))),
    ("05/30/2023", datetime(2023, 5, 30)),
    ("05/30/2023 08:15 AM", datetime(2023, 5, 30, 8, 15)),
    ("30-05-2023", datetime(2023, 5, 30)),
    ("2023/05/30", datetime(2023, 5, 30)),
    ("2023.05.30", datetime(2023, 5, 30)),
    ("Tue Jan 28 15:28:56 CET 2020", datetime(2020, 1, 28, 15, 28, 56, tzinfo=tz(1))),
    # German / Austrian / Swiss
    ("30.05.23 13:26", datetime(2023, 5, 30, 13, 26)),
    ("30.05.2023, 13:26 Uhr", datetime(2023, 5, 30, 13, 26)),
    ("Veröffentlicht am 30. Mai 2023", datetime(2023, 5, 30)),
    ("Dienstag, 30. Mai 2023, 13:26 Uhr", datetime(2023, 5, 30, 13, 26)),
    ("Stand: 02.01.2024 18:05 Uhr", datetime(2024, 1, 2, 18, 5)),
    ("Aktualisiert am 3. März 2022", datetime(2022, 3, 3)),
    ("12. Dez. 2021", datetime(2021, 12, 12)),
    ("1. Januar 2020", datetime(2020, 1, 1)),
    ("13:26 Uhr, 30. Mai 2023", datetime(2023, 5, 30, 13, 26)),
    ("14. Jänner 2020", datetime(2020, 1, 14)),
    # French
    ("Publié le 30 mai 2023 à 13h26", datetime(2023, 5, 30, 13, 26)),
    ("1er juin 2023", datetime(2023, 6, 1)),
    ("mardi 30 mai 2023", datetime(2023, 5, 30)),
    ("Mis à jour le 2 févr. 2024 à 08:15", datetime(2024, 2, 2, 8, 15)),
    ("30/05/2023 à 13h26", datetime(2023, 5, 30, 13, 26)),
    ("Publié le 27 Mar 20 à 9:21", datetime(2020, 3, 27, 9, 21)),
    ("le 14 juillet 2019", datetime(2019, 7, 14)),
    # Spanish / Catalan / Galician
    ("5 de junio de 2023", datetime(2023, 6, 5)),
    ("Publicado el 30 de mayo de 2023, 13:26", datetime(2023, 5, 30, 13, 26)),
    ("martes, 30 de mayo de 2023", datetime(2023, 5, 30)),
    ("30 may. 2023", datetime(2023, 5, 30)),
    ("Actualizado: 12/03/2021 10:05", datetime(2021, 3, 12, 10, 5)),
    ("30 de maig de 2023", datetime(2023, 5, 30)),
    ("15 de xaneiro de 2022", datetime(2022, 1, 15)),
    # Portuguese
    ("30 de maio de 2023", datetime(2023, 5, 30)),
    ("Publicado em 30/05/2023 às 13h26", datetime(2023, 5, 30, 13, 26)),
    ("2 de fevereiro de 2024", datetime(2024, 2, 2)),
    # Italian
    ("30 maggio 2023", datetime(2023, 5, 30)),
    ("Pubblicato il 1 giugno 2023 alle 13:26", datetime(2023, 6, 1, 13, 26)),
    ("martedì 30 maggio 2023", datetime(2023, 5, 30)),
    ("30/05/2023 - 13:26", datetime(2023, 5, 30, 13, 26)),
    # Dutch
    ("30 mei 2023", datetime(2023, 5, 30)),
    ("dinsdag 30 mei 2023, 13:26", datetime(2023, 5, 30, 13, 26)),
    ("Gepubliceerd op 3 maart 2022", datetime(2022, 3, 3)),
    # Scandinavian / Finnish / Icelandic
    ("30 maj 2023", datetime(2023, 5, 30)),
    ("Publicerad 30 maj 2023 kl. 13.26", datetime(2023, 5, 30, 13, 26)),
    ("30. mai 2023", datetime(2023, 5, 30)),
    ("Publisert 30.05.2023 13:26", datetime(2023, 5, 30, 13, 26)),
    ("30. toukokuuta 2023", datetime(2023, 5, 30)),
    ("30. maí 2023", datetime(2023, 5, 30)),
    # Baltic
    ("Publicēts: 30.05.2023 13:26", datetime(2023, 5, 30, 13, 26)),
    ("30. maijs 2023", datetime(2023, 5, 30)),
    ("30. mai 2023. a.", datetime(2023, 5, 30)),
    ("2023 m. gegužės 30 d.", datetime(2023, 5, 30)),
    # Polish / Czech / Slovak
    ("30 maja 2023", datetime(2023, 5, 30)),
    ("Opublikowano: 30.05.2023, 13:26", datetime(2023, 5, 30, 13, 26)),
    ("12 listopada 2021", datetime(2021, 11, 12)),
    ("30. května 2023", datetime(2023, 5, 30)),
    ("30. 5. 2023 13:26", datetime(2023, 5, 30, 13, 26)),
    ("30. mája 2023", datetime(2023, 5, 30)),
    # South Slavic / Hungarian / Romanian
    ("30. svibnja 2023.", datetime(2023, 5, 30)),
    ("30. maja 2023", datetime(2023, 5, 30)),
    ("2023. május 30.", datetime(2023, 5, 30)),
    ("2023. május 30. 13:26", datetime(2023, 5, 30, 13, 26)),
    ("30 mai 2023", datetime(2023, 5, 30)),
    ("30 май 2023", datetime(2023, 5, 30)),
    # Russian / Ukrainian / Belarusian / Kazakh
    ("30 мая 2023, 13:26", datetime(2023, 5, 30, 13, 26)),
    ("Опубликовано: 30.05.2023", datetime(2023, 5, 30)),
    ("13:26, 30 мая 2023", datetime(2023, 5, 30, 13, 26)),
    ("30-го мая 2023 г.", datetime(2023, 5, 30)),
    ("1 января 2020 года", datetime(2020, 1, 1)),
    ("вторник, 30 мая 2023", datetime(2023, 5, 30)),
    ("30 травня 2023, 13:26", datetime(2023, 5, 30, 13, 26)),
    ("1 вересня 2022", datetime(2022, 9, 1)),
    ("30 мая 2023 в 13:26", datetime(2023, 5, 30, 13, 26)),
    ("30 мамыр 2023", datetime(2023, 5, 30)),
    # Greek
    ("30 Μαΐου 2023", datetime(2023, 5, 30)),
    ("Τρίτη, 30 Μαΐου 2023, 13:26", datetime(2023, 5, 30, 13, 26)),
    # Turkish / Azerbaijani
    ("30 Mayıs 2023", datetime(2023, 5, 30)),
    ("30 Mayıs 2023 Salı 13:26", datetime(2023, 5, 30)),
    ("30.05.2023 13:26", datetime(2023, 5, 30, 13, 26)),
    ("30 may 2023", datetime(2023, 5, 30)),
    # Georgian / Armenian
    ("30 მაისი 2023", datetime(2023, 5, 30)),
    ("30 მაისი, 2023 13:26", datetime(2023, 5, 30, 13, 26)),
    ("30 մայիսի 2023", datetime(2023, 5, 30)),
    # Arabic / Persian / Hebrew
    ("30 مايو 2023", datetime(2023, 5, 30)),
    ("الثلاثاء 30 مايو 2023", datetime(2023, 5, 30)),
    ("10 كانون الثاني 2023", datetime(2023, 1, 10)),
    ("30 أيار 2023", datetime(2023, 5, 30)),
    ("30 מאי 2023", datetime(2023, 5, 30)),
    # CJK
    ("2023年5月30日", datetime(2023, 5, 30)),
    ("2023年5月30日 13:26", datetime(2023, 5, 30, 13, 26)),
    ("2023년 5월 30일", datetime(2023, 5, 30)),
    ("2023년 5월 30일 13:26", datetime(2023, 5, 30, 13, 26)),
    ("2023. 05. 30.", datetime(2023, 5, 30)),
    # South / South-East Asian
    ("30 พฤษภาคม 2566", datetime(2023, 5, 30)),
    ("30 Mei 2023", datetime(2023, 5, 30)),
    ("Selasa, 30 Mei 2023 13:26 WIB", datetime(2023, 5, 30, 13, 26, tzinfo=tz(7))),
    ("30 Jun 2023", datetime(2023, 6, 30)),
    ("30 मई 2023", datetime(2023, 5, 30)),
    # More English, German, French, Spanish, Russian and Japanese variants
    ("Mon, 08 Jan 2024 14:02:11 +0000", datetime(2024, 1, 8, 14, 2, 11, tzinfo=tz(0))),
    ("8 Jan 2024 | 2:02 pm", datetime(2024, 1, 8, 14, 2)),
    ("Jan. 8, 2024, 2:02 p.m. PST", datetime(2024, 1, 8, 14, 2, tzinfo=tz(-8))),
    ("Published: 08 January 2024, 14:02 GMT+3", datetime(2024, 1, 8, 14, 2, tzinfo=tz(3))),
    ("January 8th, 2024", datetime(2024, 1, 8)),
    ("Erstellt: 08.01.2024 | 14:02", datetime(2024, 1, 8, 14, 2)),
    ("8. Januar 2024 um 14:02 Uhr", datetime(2024, 1, 8, 14, 2)),
    ("lundi 8 janvier 2024, 14 h 02", datetime(2024, 1, 8)),
    ("8 janv. 2024", datetime(2024, 1, 8)),
    ("lunes 8 de enero de 2024", datetime(2024, 1, 8)),
    ("08 ene 2024 - 14:02", datetime(2024, 1, 8, 14, 2)),
    ("8 января 2024, 14:02 МСК", datetime(2024, 1, 8, 14, 2, tzinfo=tz(3))),
    ("08.01.2024 в 14:02", datetime(2024, 1, 8, 14, 2)),
    ("2024年1月8日 14時02分", datetime(2024, 1, 8)),
    ("2024/01/08 14:02", datetime(2024, 1, 8, 14, 2)),
    ("8 gennaio 2024 ore 14:02", datetime(2024, 1, 8, 14, 2)),
    ("8 stycznia 2024 14:02", datetime(2024, 1, 8, 14, 2)),
    ("8 Ocak 2024 Pazartesi", datetime(2024, 1, 8)),
    ("8 იანვარი 2024", datetime(2024, 1, 8)),
    ("8 يناير 2024", datetime(2024, 1, 8)),
    ("8 tháng 1 năm 2024", None),  # Vietnamese numeric months are not claimed
    # Others
    ("30 Mayo 2023", datetime(2023, 5, 30)),
    ("30 Bealtaine 2023", datetime(2023, 5, 30)),
    ("30 Mei 2023 om 13:26", datetime(2023, 5, 30, 13, 26)),
    ("30 maiatzaren 2023", None),  # Basque inflects differently; not claimed
    # Relative dates against REF (2026-01-01 12:00)
    ("3 hours ago", REF - timedelta(hours=3)),
    ("5 minutes ago", REF - timedelta(minutes=5)),
    ("2 days ago", REF - timedelta(days=2)),
    ("vor 3 Stunden", REF - timedelta(hours=3)),
    ("il y a 2 jours", REF - timedelta(days=2)),
    ("hace 4 horas", REF - timedelta(hours=4)),
    ("3 часа назад", REF - timedelta(hours=3)),
    ("yesterday", datetime(2025, 12, 31)),
    ("Yesterday at 13:26", datetime(2025, 12, 31, 13, 26)),
    ("gestern", datetime(2025, 12, 31)),
    ("вчера, 13:26", datetime(2025, 12, 31, 13, 26)),
    ("Heute, 09:15 Uhr", datetime(2026, 1, 1, 9, 15)),
    ("ayer", datetime(2025, 12, 31)),
    ("dün", datetime(2025, 12, 31)),
    # Two-digit years resolve toward the past
    ("30.05.99", None),  # 1999: before 1990? no, 1999 is fine -> see test below
    ("30.05.89", None),  # 1989 from a two-digit year: before 1990, rejected
    ("30.05.27", None),  # 2027 is future, so 1927: rejected
    # Impossible or garbage
    ("31.02.23", None),
    ("00.00.00", None),
    ("25:61", None),
    ("99.99.99", None),
    ("30.05.23 25:61", None),
    ("32 May 2023", None),
    ("February 30, 2023", None),
    ("2027-01-01", None),  # after reference + 1 day
    ("© 2019", None),
    ("version 1.9.22_1171", None),
    ("IP 192.168.1.1", None),
    ("", None),
    ("no date here", None),
    ("Chapter 3", None),
]
DATELINES = [d for d in DATELINES if d[0] != "30.05.99"]


@pytest.mark.parametrize(("text", "expected"), DATELINES, ids=[d[0] or "empty" for d in DATELINES])
def test_parse_dateline(text: str, expected: datetime | None) -> None:
    found = parse_date(text, reference_time=REF)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert found.value == expected
    assert found.value.tzinfo == expected.tzinfo or found.value.utcoffset() == expected.utcoffset()


def test_dateline_corpus_size() -> None:
    # The task asks for at least 150 dateline strings across 20+ languages.
    assert len(DATELINES) >= 150


def test_two_digit_year_toward_past() -> None:
    found = parse_date("30.05.99", reference_time=REF)
    assert found is not None and found.value.year == 1999
    found = parse_date("30.05.25", reference_time=REF)
    assert found is not None and found.value.year == 2025


def test_text_and_offsets() -> None:
    text = "Politics | Published: 30 May 2023, 13:26 | by Jane Doe"
    found = parse_date(text, reference_time=REF)
    assert found is not None
    assert text[found.start : found.end] == found.text == "30 May 2023, 13:26"
    assert found.kind == "published"
    assert found.has_time


def test_updated_label() -> None:
    found = parse_date("Updated: 2 Feb 2024 08:00", reference_time=REF)
    assert found is not None and found.kind == "updated"


@pytest.mark.parametrize(
    ("text", "order", "language", "expected", "rule"),
    [
        ("05/06/23", "DMY", None, datetime(2023, 6, 5), "date_order_option"),
        ("05/06/23", "MDY", None, datetime(2023, 5, 6), "date_order_option"),
        ("05/06/2023", None, "en", datetime(2023, 5, 6), "language_default"),
        ("05/06/2023", None, "en-US", datetime(2023, 5, 6), "language_default"),
        ("05/06/2023", None, "en-GB", datetime(2023, 6, 5), "language_default"),
        ("05/06/2023", None, "fr", datetime(2023, 6, 5), "language_default"),
        ("05.06.2023", None, "en", datetime(2023, 5, 6), "language_default"),
        ("05.06.2023", None, None, datetime(2023, 6, 5), "separator_convention"),
        ("05/06/2023", None, None, datetime(2023, 6, 5), "fallback_default"),
        ("13/06/2023", "MDY", "en", datetime(2023, 6, 13), "unambiguous"),
        ("06/13/2023", "DMY", "fr", datetime(2023, 6, 13), "unambiguous"),
        ("05/05/2023", None, None, datetime(2023, 5, 5), "unambiguous"),
    ],
)
def test_day_month_order(
    text: str, order: str | None, language: str | None, expected: datetime, rule: str
) -> None:
    found = parse_date(text, date_order=order, language=language, reference_time=REF)
    assert found is not None
    assert found.value == expected
    assert found.order_rule == rule
    assert found.ambiguous == (rule not in ("unambiguous",))


def test_ambiguity_note() -> None:
    found = parse_date("05/06/23", language="en-GB", reference_time=REF)
    assert found is not None and found.ambiguous
    assert found.ambiguity == (
        "05/06/23 read as day-month-year (rule: language_default); "
        "month-day-year would give 2023-05-06"
    )


def test_page_evidence_settles_order() -> None:
    text = "Comments: 30/05/2023 12:00. Article 05/06/2023 08:00"
    dates = find_dates(text, language="en", reference_time=REF)
    assert [d.value.date().isoformat() for d in dates] == ["2023-05-30", "2023-06-05"]
    assert dates[1].order_rule == "page_evidence"


def test_site_profile() -> None:
    profile = learn_date_order(["Posted 30.05.23", "Другое 13/01/2022", "05/06/2023"])
    assert profile.dmy == 2 and profile.mdy == 0
    assert profile.order == "DMY"
    us = learn_date_order(["05/30/2023", "12/25/2022 and 01/31/2021"])
    assert us.order == "MDY"
    assert DateOrderProfile.from_dict(json.loads(json.dumps(us.to_dict()))) == us
    assert profile.merge(us).order is None  # 2 vs 3: mixed evidence decides nothing
    found = parse_date("05/06/2023", site_profile=us, language="fr", reference_time=REF)
    assert found is not None and found.value == datetime(2023, 5, 6)
    assert found.order_rule == "site_profile"


def test_profile_from_dict_is_lenient() -> None:
    assert DateOrderProfile.from_dict({"dmy": "3", "junk": 1, "mdy": None}).dmy == 3
    assert DateOrderProfile.from_dict({}).order is None


def test_year_less_date_takes_recent_year() -> None:
    found = parse_date("30 мая, 13:26", reference_time=REF)
    assert found is not None and found.value == datetime(2025, 5, 30, 13, 26)
    assert not found.has_year


def test_find_dates_in_order() -> None:
    text = "Event on 12 March 2021. Posted 30.05.2023 13:26. Updated 31 May 2023."
    dates = find_dates(text, reference_time=REF)
    assert [d.value.date().isoformat() for d in dates] == ["2021-03-12", "2023-05-30", "2023-05-31"]
    assert [d.kind for d in dates] == ["unknown", "published", "updated"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30.05.23 13:26", True),
        ("Tuesday, 30 May 2023", True),
        ("Published: 30 May 2023 | Updated: 31 May 2023", True),
        ("By Jane Doe | May 30, 2023", True),
        ("Опубликовано: 30 мая 2023, 13:26", True),
        ("The summit on 30 May 2023 ended without an agreement on the budget.", False),
        ("No date in this line at all", False),
        ("", False),
    ],
)
def test_is_dateline_block(text: str, expected: bool) -> None:
    assert is_dateline_block(text) is expected


def test_publication_date_near_title_beats_lists() -> None:
    blocks = [
        "Home | News | Sport",
        "Monday, 1 January 2024",  # site header date
        "High alert for a visit",
        "30.05.23 13:26",
        "The president's visit was planned with even greater security than usual, amid "
        "concerns that the neighbour would attempt to disrupt it; officials said on 12 May "
        "2023 that the route had been changed twice.",
        "Related",
        "Another story 28.05.23",
        "Yet another 27.05.23",
        "And one more 26.05.23",
        "© 2019 The Paper",
    ]
    found = find_publication_date(blocks, title_index=2, reference_time=REF)
    assert isinstance(found, DateFinding)
    assert found.published is not None
    assert found.published.value == datetime(2023, 5, 30, 13, 26)
    assert found.block_index == 3
    assert 0 < found.published.confidence <= 1


def test_publication_date_without_title() -> None:
    blocks = [
        "Menu Search Login",
        "Latest: Another story 01.06.2023",
        "High alert for a visit",
        "Published 30 May 2023 13:26 | Updated 31 May 2023 09:00",
        "The president's visit was planned with even greater levels of security than usual, "
        "amid concerns that it would be disrupted, officials said, and more words follow.",
        "Comments",
        "Anna 2 June 2023 at 10:00 Reply",
    ]
    found = find_publication_date(blocks, reference_time=REF)
    assert found is not None and found.published is not None and found.updated is not None
    assert found.published.value == datetime(2023, 5, 30, 13, 26)
    assert found.updated.value == datetime(2023, 5, 31, 9, 0)
    assert found.block_index == 3


def test_old_years_only_next_to_title() -> None:
    blocks = ["A history piece", "12 March 1985", "Long text " * 30]
    found = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value.year == 1985
    far = ["Title", "x " * 40, "y " * 40, "z " * 40, "w " * 40, "v " * 40, "12 March 1985"]
    assert find_publication_date(far, title_index=0, reference_time=REF) is None


def _tree(markup: str) -> lxml_html.HtmlElement:
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True)
    return lxml_html.document_fromstring(markup, parser=parser)


def test_html_json_ld_first() -> None:
    page = (FIXTURES / "article_jsonld.html").read_text(encoding="utf-8")
    found = find_html_publication_date(_tree(page), reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.source == "json_ld"
    assert found.published.value == datetime(2023, 5, 30, 13, 26, tzinfo=tz(4))
    assert found.updated is not None and found.updated.value.day == 31


def test_html_meta_beats_json_ld_and_url_day_wins() -> None:
    page = (FIXTURES / "article_jsonld.html").read_text(encoding="utf-8")
    meta = '<meta property="article:published_time" content="2023-05-30T06:00:00Z">'
    tree = _tree(page.replace("</head>", meta + "</head>"))
    found = find_html_publication_date(tree, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.source == "meta:article:published_time"
    assert found.published.value == datetime(2023, 5, 30, 6, 0, tzinfo=timezone.utc)
    # A full date in the URL path is the publisher's own day.
    late = '<meta property="article:published_time" content="2023-05-29T22:00:00Z">'
    tree = _tree(page.replace("</head>", late + "</head>"))
    found = find_html_publication_date(
        tree, url="https://example.org/2023/05/30/high-alert/", reference_time=REF
    )
    assert found is not None and found.published is not None
    assert found.published.source == "url"
    assert found.published.value == datetime(2023, 5, 30)


def test_html_meta_time_url_text() -> None:
    meta = '<html><head><meta property="article:published_time" content="2022-03-04T10:00:00Z">'
    found = find_html_publication_date(_tree(meta + "</head><body><p>x</p></body></html>"))
    assert found is not None and found.published is not None
    assert found.published.source == "meta:article:published_time"

    time_el = '<html><body><article><h1>T</h1><time datetime="2021-07-08">8 July</time>'
    found = find_html_publication_date(
        _tree(time_el + "</article></body></html>"), reference_time=REF
    )
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2021, 7, 8)
    assert found.published.source == "time_element"

    bare = "<html><body><h1>Title</h1><p>Some words here.</p></body></html>"
    found = find_html_publication_date(
        _tree(bare), url="https://example.org/news/2020/02/17/some-story/", reference_time=REF
    )
    assert found is not None and found.published is not None
    assert found.published.source == "url" and found.published.value == datetime(2020, 2, 17)

    text = (
        "<html lang='de'><body><nav>Start</nav><h1>Titel</h1><p>Veröffentlicht am 3. März "
        "2022, 10:15 Uhr</p><p>Text des Artikels.</p></body></html>"
    )
    found = find_html_publication_date(_tree(text), reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2022, 3, 3, 10, 15)


def test_html_language_sets_order() -> None:
    page = "<html lang='en-US'><body><h1>T</h1><p class='date'>05/06/2023</p></body></html>"
    found = find_html_publication_date(_tree(page), reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2023, 5, 6)
    assert found.published.order_rule == "language_default"


@pytest.mark.parametrize(
    "bad",
    [
        "9" * 5000,
        "?" * 100_000,
        "99.99.99",
        "\x00\ud7ff\U0010ffff",
        "1" * 10 + ".12.2020",
        "/" * 5000,
    ],
)
def test_bad_input_gives_none(bad: str) -> None:
    assert parse_date(bad, reference_time=REF) is None
    assert find_publication_date([bad], reference_time=REF) is None


def test_bad_types_never_raise() -> None:
    assert parse_date(None, reference_time=REF) is None  # type: ignore[arg-type]
    assert find_dates(123) == []  # type: ignore[arg-type]
    assert find_publication_date([None, 5], reference_time=REF) is None  # type: ignore[list-item]
    assert find_html_publication_date(None) is None  # type: ignore[arg-type]
    assert parse_date("30.05.23", date_order="XYZ", reference_time=REF) is not None


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_text(text: str) -> None:
    found = parse_date(text, reference_time=REF)
    if found is not None:
        assert text[found.start : found.end] == found.text
        assert found.value.replace(tzinfo=None) <= REF + timedelta(days=1, hours=14)
    for m in find_dates(text, reference_time=REF):
        assert 0 <= m.start < m.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(
    st.dates(min_value=datetime(1990, 1, 1).date(), max_value=datetime(2025, 12, 31).date()),
    st.sampled_from(["%d.%m.%Y", "%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d/%m/%Y %H:%M"]),
)
def test_round_trip_formats(day: object, fmt: str) -> None:
    value = datetime.combine(day, datetime.min.time())  # type: ignore[arg-type]
    found = parse_date(value.strftime(fmt), date_order="DMY", reference_time=REF)
    assert found is not None
    assert found.value.date() == value.date()


def test_deterministic() -> None:
    blocks = ["Title", "30.05.23 13:26", "Body text " * 20]
    first = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert first == find_publication_date(blocks, title_index=0, reference_time=REF)


def test_year_less_dateline_takes_page_year() -> None:
    blocks = [
        "A story",
        "30 May, 13:26",
        "The report, first filed on 12 March 2020 and revised since, is quoted at length here "
        "with many more words so that this block reads as running text for the finder.",
    ]
    found = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2020, 5, 30, 13, 26)


def test_updated_stands_in_without_published() -> None:
    blocks = ["Title", "Updated June 13, 2019", "Body text " * 30]
    found = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.kind == "updated"
    assert found.published.value == datetime(2019, 6, 13)


def test_trailing_participle_label() -> None:
    text = "Der Beitrag wurde am 27. November 2019 um 15:21 Uhr veröffentlicht."
    found = parse_date(text, reference_time=REF)
    assert found is not None and found.kind == "published"
    assert found.value == datetime(2019, 11, 27, 15, 21)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Renderers that drop block breaks glue the dateline to the words around it.
        ("Patriarchat als Kulturtechnik25. Oktober 2023", datetime(2023, 10, 25)),
        ("Vier Modelle fallen durch23.10.2018Prüfkandidaten", datetime(2018, 10, 23)),
        ("yaralandığını duyurdu.30 Ekim 2020 Cuma", datetime(2020, 10, 30)),
        ("Janic Cathomen, 01.12.2021Mit bestem Wissen", datetime(2021, 12, 1)),
        # An upper-case acronym before a number is no glue.
        ("COVID19 March", None),
    ],
)
def test_glued_datelines(text: str, expected: datetime | None) -> None:
    found = parse_date(text, reference_time=REF)
    assert (found.value if found else None) == expected


def test_label_in_the_block_before() -> None:
    blocks = [
        "A press release",
        "Body text of the release. " * 12,
        "Zuletzt geändert am:",
        "15.10.2021",
    ]
    found = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.kind == "updated"
    assert found.published.value == datetime(2021, 10, 15)


def test_social_embed_attribution_is_not_the_dateline() -> None:
    blocks = [
        "Shoppers react to the new advert",
        "Our Christmas ad is here! pic.twitter.com/abc",
        "— Jane Doe (@janedoe) November 1, 2023",
        "John Smith, November 3, 2023",
        "The advert drew praise and anger in equal measure, and more words follow here.",
    ]
    found = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2023, 11, 3)


def test_reply_link_marks_a_comment_header() -> None:
    body = "The recipe needs flour, water and salt, and a long rest before baking it. " * 3
    blocks = ["Bread", "12/04/2020 by Kay", body, body, "Ela 27 March 2021 at 18:46", "Reply"]
    found = find_publication_date(blocks, title_index=None, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value.date() == datetime(2020, 4, 12).date()


def test_pruned_search_matches_exhaustive_ranking() -> None:
    # The search skips blocks that cannot outrank the best dateline so far; a labelled
    # dateline far below the title still outranks a year-less date next to it.
    filler = "Plain paragraph text without any numbers at all, written at length here. " * 2
    blocks = ["Title", "Monday 1 May", *([filler] * 40), "Published: 2 May 2023 10:00"]
    found = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.block_index == 42
    assert found.published.value == datetime(2023, 5, 2, 10, 0)


def test_glued_across_scripts_and_to_a_clock() -> None:
    found = parse_date("દિવ્ય ભાસ્કરApr 02, 2020, 04:11 AM IST", reference_time=REF)
    assert found is not None and found.value.date() == datetime(2020, 4, 2).date()
    found = parse_date("Streaming28.01.2020-15:49", reference_time=REF)
    assert found is not None and found.value.date() == datetime(2020, 1, 28).date()
