#!/usr/bin/env python3
"""Builds the sample corpus bundled in sample/ from ../shared/data, deterministically.

    python3 scripts/make-sample.py [SHARED_DATA_DIR]

Writes plain-text pages in the seed page's format (headline, date line when the
source gives a publication date, body paragraphs, source line). Only data whose
licence allows redistribution is used; see sample/README.md for attribution.
"""
import gzip
import json
import shutil
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
SEED = DATA.parent / "seed" / "000_8bd87385d959e3d9.txt"
OUT = ROOT / "sample"

EXTRACTION_PAGES = [
    "cnn_arabic_2013_syria_clashes",
    "youm7_2020_groundwater_study",
    "alyaum_2020_fakhrizadeh_funeral",
    "youm7_2024_electric_taxi",
    "youm7_2024_greece_workers",
]

# SaudiNewsNet outlet codes and the publication names their pages print.
OUTLETS = {
    "3alyoum": "عين اليوم", "aawsat": "صحيفة الشرق الأوسط", "aleqtisadiya": "صحيفة الاقتصادية",
    "aljazirah": "صحيفة الجزيرة", "almadina": "صحيفة المدينة", "alriyadh": "صحيفة الرياض",
    "alwatan": "صحيفة الوطن", "alweeam": "صحيفة الوئام", "alyaum": "صحيفة اليوم",
    "arreyadi": "الرياضي", "arriyadiyah": "صحيفة الرياضية", "okaz": "صحيفة عكاظ",
    "sabq": "صحيفة سبق", "was": "وكالة الأنباء السعودية",
}
DAY = "2015-08-02"
MULTI_STORIES = 60  # stories with two or more articles, in crawl order
SINGLETONS = 60


def page(title, date, paragraphs, source):
    lines = [title]
    if date:
        lines.append(f"تاريخ النشر: {date}")
    lines += paragraphs
    if source:
        lines.append(f"المصدر: {source}")
    return "\n".join(lines) + "\n"


def main():
    if OUT.exists():
        for sub in ("seed", "news-extraction", "saudinewsnet"):
            shutil.rmtree(OUT / sub, ignore_errors=True)
    (OUT / "seed").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEED, OUT / "seed" / SEED.name)

    (OUT / "news-extraction").mkdir(parents=True)
    for name in EXTRACTION_PAGES:
        gold = json.loads((DATA / "arabic_news_extraction" / name / "gold.json").read_text(encoding="utf-8"))
        stamp = gold.get("published_datetime") or ""
        has_offset = stamp.endswith("Z") or "+" in stamp[10:] or "-" in stamp[10:]
        date = stamp if has_offset else gold["published"]
        text = page(gold["title"], date, gold["body"].split("\n"), gold["site"])
        (OUT / "news-extraction" / f"{name}.txt").write_text(text, encoding="utf-8")

    stories = defaultdict(list)
    with open(DATA / "saudinewsnet_labels" / f"dev-{DAY}.stories.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            stories[row["story"]].append(row["id"])
    multi = [s for s in sorted(stories) if len(stories[s]) > 1][:MULTI_STORIES]
    single = [s for s in sorted(stories) if len(stories[s]) == 1][:SINGLETONS]
    wanted = {i for s in multi + single for i in stories[s]}

    (OUT / "saudinewsnet").mkdir(parents=True)
    corpus = next((DATA / "saudinewsnet").glob("*.jsonl.gz"))
    written = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a["id"] not in wanted or not a["title"].strip():
                continue
            paragraphs = [p.strip() for p in a["content"].split("\n") if p.strip()]
            # The crawl time is not a publication date: no date line is written.
            text = page(a["title"].strip(), None, paragraphs, OUTLETS.get(a["source"], a["source"]))
            (OUT / "saudinewsnet" / f"{a['id']}.txt").write_text(text, encoding="utf-8")
            written += 1
    print(f"sample: 1 seed page, {len(EXTRACTION_PAGES)} news pages, {written} SaudiNewsNet articles")


if __name__ == "__main__":
    main()
