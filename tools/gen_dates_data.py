"""Generate ``src/newsclean/data/dates/relative_days.json`` (today / yesterday / the day before).

Babel ships CLDR's month, weekday and "{0} hours ago" patterns but not CLDR's relative day
words ("yesterday", "gestern", "вчера"). dateparser (BSD-3-Clause) carries those words,
converted from CLDR's ``dateFields`` JSON, in ``dateparser/data/date_translation_data``.
This script copies the 0/1/2-days-ago words for newsclean's languages into package data,
so newsclean needs neither dateparser nor the network at run time.

Run (dateparser installed in the venv, a development-only tool):
    PYTHONPATH=src /work/venv/bin/python tools/gen_dates_data.py
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from newsclean.filters._dates_lang import LANGUAGES

OUT = Path(__file__).resolve().parents[1] / "src/newsclean/data/dates/relative_days.json"
# Entries that CLDR-derived data lists but that are not a day ("till date") or too short to
# be safe as free-standing words.
_SKIP = {"till date"}


def main() -> None:
    data: dict[str, dict[str, list[str]]] = {}
    for code in LANGUAGES:
        lang = code.replace("_", "-")
        try:
            module = importlib.import_module(f"dateparser.data.date_translation_data.{lang}")
        except ModuleNotFoundError:
            continue
        relative = module.info.get("relative-type", {})
        entry: dict[str, list[str]] = {}
        for offset in ("0", "1", "2"):
            words = [
                w
                for w in relative.get(f"{offset} day ago", [])
                if w not in _SKIP and len(w) >= 2 and not any(ch.isdigit() for ch in w)
            ]
            if words:
                entry[offset] = sorted(set(words))
        if entry:
            data[code] = entry
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(data)} languages)")


if __name__ == "__main__":
    main()
