"""Build newsclean's language-ID n-gram profiles from Lingua's published language models.

    python tools/build_langid_profiles.py LINGUA_MODELS_DIR [--out src/newsclean/data/langid]

LINGUA_MODELS_DIR is the ``lingua/language-models`` folder of the pure-Python wheel
``lingua-language-detector==1.3.5`` (Apache-2.0, (c) Peter M. Stahl), unpacked with ``unzip``:

    pip download --no-deps -d /tmp/w lingua-language-detector==1.3.5
    unzip -q /tmp/w/lingua_language_detector-1.3.5-py3-none-any.whl -d /tmp/lingua
    pip install --target /tmp/brotli brotli        # only to read the .json.br model files
    PYTHONPATH=/tmp/brotli python tools/build_langid_profiles.py /tmp/lingua/lingua/language-models

Lingua's models were counted on Leipzig Corpora Collection web sentences that are *not* its test
sentences (the test set in ../shared/eval/langid/ is Lingua's test data); nothing here reads that
test set. Each model file holds, for one language and one n-gram order, the n-grams seen in
training as fractions ``count(ngram) / count(prefix)`` (order 1: ``count / total``), i.e. a
character Markov chain within words.

What we keep: the union over a group's languages of each language's ``TOP[n]`` most frequent
n-grams of each order (by the fraction's numerator, which is the n-gram's absolute count), with
costs ``-ln p`` quantised to 1/SCALE nat.
Languages are grouped by the script they are written in (taken from the unigram model); a script
used by a single language needs no n-grams at all (the script decides), so only the multi-language
groups (Latin, Cyrillic, Arabic, Devanagari, Han) are written.

Every kept n-gram gets a cost for *every* language of its group, computed from that language's
full model: ``-ln p`` when the language has the n-gram, else the cost of the n-gram with its first
letter dropped (a shorter context predicting the same letter), down to the unigram, and a fixed
maximum for a letter the language never uses.

Output: ``profiles.json.gz`` — {"scale", "orders", "source", "groups": {script: {"langs": [...],
"ngrams": [...]}}} and, per group, ``costs-<script>.bin.gz``: one byte per (n-gram, language),
row-major in the order of ``ngrams``, cost in 1/SCALE nat capped at MAX_COST nats.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import regex

ORDER_NAMES = {1: "unigrams", 2: "bigrams", 3: "trigrams", 4: "quadrigrams", 5: "fivegrams"}
# How many n-grams of each order to keep per language. Unigrams: all of them (a few hundred).
TOP = {1: 100_000, 2: 1500, 3: 4000, 4: 4000, 5: 4000}
SCALE = 16  # cost units per nat
# No n-gram costs more than 12 nats (a letter never seen in training included): real text has
# names, loanwords and mojibake, and one odd letter must not outvote a sentence.
MAX_COST = 12.0
BACKOFF = 0.0  # extra cost per backoff step


def load_model(models_dir: Path, lang: str, order: int) -> dict[str, tuple[int, int]]:
    import brotli  # type: ignore[import-not-found]  # build-time only

    path = models_dir / lang / f"{ORDER_NAMES[order]}.json.br"
    if not path.exists():  # the CJK models have unigrams only
        return {}
    data = json.loads(brotli.decompress(path.read_bytes()))
    out: dict[str, tuple[int, int]] = {}
    for fraction, ngrams in data["ngrams"].items():
        num, den = (int(x) for x in fraction.split("/"))
        for ngram in ngrams.split(" "):
            out[ngram] = (num, den)
    return out


def script_of(unigrams: dict[str, tuple[int, int]]) -> str:
    weights: Counter[str] = Counter()
    for char, (num, _den) in unigrams.items():
        if not unicodedata.category(char).startswith("L"):
            continue
        for name in (
            "Latin",
            "Cyrillic",
            "Arabic",
            "Devanagari",
            "Han",
            "Hiragana",
            "Katakana",
            "Hangul",
            "Greek",
            "Hebrew",
            "Georgian",
            "Armenian",
            "Thai",
            "Bengali",
            "Gujarati",
            "Gurmukhi",
            "Tamil",
            "Telugu",
        ):
            if regex.match(rf"\p{{Script={name}}}", char):
                weights[name] += num
                break
    script = weights.most_common(1)[0][0]
    return "Han" if script in ("Hiragana", "Katakana") else script


def cost(model: dict[int, dict[str, tuple[int, int]]], ngram: str) -> float:
    """-ln P(last letter | the letters before it), backing off to a shorter context."""
    penalty = 0.0
    while len(ngram) > 1:
        hit = model[len(ngram)].get(ngram)
        if hit is not None:
            return penalty - math.log(hit[0] / hit[1])
        ngram = ngram[1:]
        penalty += BACKOFF
    hit = model[1].get(ngram)
    if hit is not None:
        return penalty - math.log(hit[0] / hit[1])
    return MAX_COST  # a letter the language never uses


def quantise(cost: float) -> int:
    return min(round(MAX_COST * SCALE), max(0, round(cost * SCALE)))


def build(models_dir: Path, orders: list[int]) -> dict[str, object]:
    langs = sorted(p.name for p in models_dir.iterdir() if p.is_dir())
    by_script: dict[str, list[str]] = defaultdict(list)
    models: dict[str, dict[int, dict[str, tuple[int, int]]]] = {}
    for lang in langs:
        models[lang] = {o: load_model(models_dir, lang, o) for o in orders}
        by_script[script_of(models[lang][1])].append(lang)
        print(lang, script_of(models[lang][1]), file=sys.stderr)
    groups: dict[str, object] = {}
    for script, members in sorted(by_script.items()):
        # Han text is Chinese unless it has kana (Japanese); single-language scripts need no model.
        if len(members) < 2 or script == "Han":
            continue
        chosen: set[str] = set()
        for lang in members:
            for order in orders:
                model = models[lang][order]
                kept = sorted(model.items(), key=lambda kv: (-kv[1][0], kv[0]))[: TOP[order]]
                chosen.update(ngram for ngram, _ in kept)
        ngrams = sorted(chosen, key=lambda g: (len(g), g))
        rows = bytearray()
        for ngram in ngrams:
            rows.extend(quantise(cost(models[lang], ngram)) for lang in members)
        groups[script] = {"langs": members, "ngrams": ngrams, "costs": bytes(rows)}
        print(script, members, len(ngrams), file=sys.stderr)
    return {
        "scale": SCALE,
        "orders": orders,
        "source": "lingua-language-detector 1.3.5",
        "groups": groups,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models_dir", type=Path)
    parser.add_argument("--out", type=Path, default=Path("src/newsclean/data/langid"))
    parser.add_argument("--orders", default="1,2,3,4")
    parser.add_argument("--top", default="", help="override TOP, e.g. 2=1500,3=4000")
    args = parser.parse_args()
    orders = [int(o) for o in args.orders.split(",")]
    for item in filter(None, args.top.split(",")):
        order, count = item.split("=")
        TOP[int(order)] = int(count)
    data = build(args.models_dir, orders)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.gz"):
        old.unlink()
    for script, group in data["groups"].items():  # type: ignore[attr-defined]
        # mtime=0 keeps the files byte-identical between builds.
        with gzip.GzipFile(args.out / f"costs-{script}.bin.gz", "wb", 9, mtime=0) as f:
            f.write(group.pop("costs"))
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with gzip.GzipFile(args.out / "profiles.json.gz", "wb", compresslevel=9, mtime=0) as f:
        f.write(raw.encode("utf-8"))
    print("wrote", args.out / "profiles.json.gz", file=sys.stderr)


if __name__ == "__main__":
    main()
