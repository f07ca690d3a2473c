"""Synthetic table sets that follow preprocess/schemas.py, for the bench and for app edge cases."""
from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from preprocess.schemas import TABLE_NAMES, columns, dtypes  # noqa: E402

# (actor_id, name_en, name_ar, actor_type, parent, in_gazetteer)
ACTORS = [
    ("kataib-hezbollah", "Kataib Hezbollah", "كتائب حزب الله", "militia", "Popular Mobilization Forces", True),
    ("harakat-al-nujaba", "Harakat al-Nujaba", "حركة النجباء", "militia", "Islamic Resistance in Iraq", True),
    ("asaib-ahl-al-haq", "Asaib Ahl al-Haq", "عصائب أهل الحق", "militia", "Popular Mobilization Forces", True),
    ("kataib-sayyid-al-shuhada", "Kataib Sayyid al-Shuhada", "كتائب سيد الشهداء", "militia", "Islamic Resistance in Iraq", True),
    ("islamic-resistance-in-iraq", "Islamic Resistance in Iraq", "المقاومة الإسلامية في العراق", "militia", "", True),
    ("popular-mobilization-forces", "Popular Mobilization Forces", "الحشد الشعبي", "armed_forces", "", True),
    ("united-states", "United States", "الولايات المتحدة", "state", "", True),
    ("iran", "Iran", "إيران", "state", "", True),
    ("quds-force", "Quds Force", "فيلق القدس", "armed_forces", "", True),
    ("new-usbat-al-thaireen", "Usbat al-Thaireen", "عصبة الثائرين", "militia", "", False),
    ("new-qabdat-al-huda", "Qabdat al-Huda", "قبضة الهدى", "militia", "", False),
]
MILITIAS = [a for a in ACTORS if a[3] == "militia"]

# (place_id, name_en, name_ar, place_type, country, lat, lon)
PLACES = [
    ("ain-al-asad", "Ain al-Asad", "عين الأسد", "base", "Iraq", 33.80, 42.44),
    ("erbil-airport", "Erbil airport", "مطار أربيل", "base", "Iraq", 36.24, 43.96),
    ("tower-22", "Tower 22", "البرج 22", "base", "Jordan", 33.33, 38.79),
    ("al-tanf", "al-Tanf", "التنف", "base", "Syria", 33.49, 38.67),
    ("baghdad-airport", "Baghdad airport", "مطار بغداد", "facility", "Iraq", 33.26, 44.23),
    ("harir", "Harir", "حرير", "base", "Iraq", 36.54, 44.35),
    ("al-shaddadi", "al-Shaddadi", "الشدادي", "base", "Syria", 36.06, 40.73),
    ("al-qaim", "al-Qaim", "القائم", "city", "Iraq", 34.37, 41.09),
    ("jurf-al-sakhar", "Jurf al-Sakhar", "جرف الصخر", "city", "Iraq", 32.87, 44.10),
    ("albu-kamal", "Albu Kamal", "البوكمال", "city", "Syria", 34.45, 40.92),
    ("baghdad", "Baghdad", "بغداد", "city", "Iraq", 33.31, 44.37),
    ("iraq", "Iraq", "العراق", "country", "Iraq", 33.2, 43.7),
    ("syria", "Syria", "سوريا", "country", "Syria", 35.0, 38.5),
    ("jordan", "Jordan", "الأردن", "country", "Jordan", 31.2, 36.5),
]
TARGET_PLACES = [p for p in PLACES if p[3] in ("base", "facility")]
STRIKE_PLACES = [p for p in PLACES if p[3] == "city"]
SOURCES = ["Al Jazeera", "Al-Araby Al-Jadeed", "Independent Arabia", "Asharq Al-Awsat", "Rudaw"]
MONTHS_AR = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
WEAPON_AR = {"rocket": "بصواريخ كاتيوشا", "drone": "بطائرة مسيّرة", "ballistic_missile": "بصاروخ باليستي", "ied": "بعبوة ناسفة"}
FILLER = [
    "وقال مسؤول عراقي إن الحكومة تسعى إلى منع التصعيد بين الطرفين.",
    "ودعت وزارة الخارجية العراقية إلى ضبط النفس واحترام سيادة البلاد.",
    "ويرى محللون أن الهدوء الحالي قد يكون تحضيرا لجولة مواجهات جديدة.",
    "ولم يصدر تعليق فوري من السفارة الأميركية في بغداد.",
]


def _date(rng: random.Random) -> tuple[str, str, int]:
    """A day between 2019 and 2024, denser after October 2023 as the real series is."""
    if rng.random() < 0.5:
        start, span = pd.Timestamp("2023-10-17"), 120
    else:
        start, span = pd.Timestamp("2019-06-01"), 1600
    day = start + pd.Timedelta(days=rng.randrange(span))
    return day.strftime("%Y-%m-%d"), f"{day.day} {MONTHS_AR[day.month - 1]} {day.year}", day.year


class _Article:
    """Accumulates sentences and hands back their offsets."""

    def __init__(self) -> None:
        self.text = ""

    def add(self, sentence: str) -> tuple[int, int]:
        if self.text:
            self.text += "\n"
        start = len(self.text)
        self.text += sentence
        return start, len(self.text)


def make_tables(n_articles: int, seed: int = 0, incidents_per_article: int = 10, hostile: bool = False) -> dict[str, pd.DataFrame]:
    """A consistent table set: every quote is articles.text[start:end], every mention's surface too."""
    rng = random.Random(seed)
    rows: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}
    n_events = max(1, n_articles * incidents_per_article // 2)
    events = []
    for k in range(n_events):
        iso, spoken, year = _date(rng)
        kind = rng.choices(["attack", "strike", "other"], [70, 25, 5])[0]
        events.append((f"ev-{k:06d}", iso, spoken, year, kind, rng.choice(MILITIAS), rng.random()))
    for a in range(n_articles):
        article_id = f"syn_{a:05d}"
        art = _Article()
        title = f"تصعيد جديد ضد القوات الأميركية في العراق وسوريا ({a})"
        if hostile and a == 0:
            title = '<script>window.__pwned=1</script> =HYPERLINK("x") عنوان'
        art.add(title)
        published_iso = None
        for i in range(incidents_per_article):
            event_key, iso, spoken, year, kind, militia, r = events[rng.randrange(n_events)]
            published_iso = max(published_iso or iso, iso)
            killed = wounded = pd.NA
            if kind == "strike":
                place = STRIKE_PLACES[int(r * len(STRIKE_PLACES))]
                weapon = "airstrike" if r < 0.7 else "drone"
                sentence = f"وفي {spoken} شنت الولايات المتحدة غارة جوية على مواقع {militia[2]} قرب {place[2]}."
                perpetrator, claimed_by, target = "United States", "", militia[1]
            else:
                place = TARGET_PLACES[int(r * len(TARGET_PLACES))]
                weapon = ["rocket", "drone", "ballistic_missile", "ied"][int(r * 1000) % 4]
                verb = "استهدف هجوم" if kind == "attack" else "وقع حادث"
                sentence = f"وفي {spoken} {verb} {WEAPON_AR[weapon]} قاعدة {place[2]}، وتبنت {militia[2]} العملية."
                perpetrator = militia[1] if r < 0.8 else ""
                claimed_by, target = militia[1], place[1]
                if r < 0.1:
                    killed, wounded = int(r * 40), int(r * 300)
                    sentence = sentence[:-1] + f" وأدى الهجوم إلى مقتل {killed} جنود وإصابة {wounded} آخرين."
            start, end = art.add(sentence)
            rows["incidents"].append({
                "incident_id": f"{article_id}-inc-{start}", "article_id": article_id, "event_key": event_key,
                "date": iso, "date_precision": "day", "year": year, "event_type": kind, "weapon": weapon,
                "perpetrator": perpetrator, "claimed_by": claimed_by, "target": target, "factions": militia[1], "place": place[1],
                "country": place[4], "lat": place[5], "lon": place[6], "killed": killed, "wounded": wounded,
                "quote": sentence, "start": start, "end": end,
            })
            for entity, kind_ in ((militia, "actor"), (place, "place")):
                at = sentence.find(entity[2])
                rows["mentions"].append({
                    "mention_id": f"{article_id}-men-{start + at}", "article_id": article_id, "entity_id": entity[0],
                    "entity_kind": kind_, "surface": entity[2], "start": start + at, "end": start + at + len(entity[2]),
                    "sentence_start": start, "sentence_end": end,
                })
            if i % 3 == 0:
                art.add(rng.choice(FILLER))
        if a % 4 == 0:
            qualifier, word = rng.choice([("approx", "نحو"), ("less_than", "أقل من"), ("exact", ""), ("more_than", "أكثر من")])
            value = rng.choice([900, 2400, 2500, 3000, 5000, 8000])
            location, loc_ar = rng.choice([("Iraq", "العراق"), ("Syria", "سوريا"), ("Ain al-Asad", "عين الأسد")])
            phrase = f"{word} {value}".strip()
            sentence = f"وتبقي الولايات المتحدة على {phrase} جندي في {loc_ar}."
            start, end = art.add(sentence)
            at = start + sentence.find(phrase)
            year = int(published_iso[:4])
            rows["troops"].append({
                "troop_id": f"{article_id}-trp-{at}", "article_id": article_id, "value": value, "qualifier": qualifier,
                "force": "US", "location": location, "kind": rng.choice(["level", "level", "withdrawal", "planned"]),
                "date": published_iso[:7], "date_precision": "month", "year": year, "quote": sentence,
                "start": at, "end": at + len(phrase), "sentence_start": start, "sentence_end": end,
            })
        if a % 10 == 0:
            count = rng.choice([60, 150, 170])
            sentence = f"وسجل حتى مطلع فبراير 2024 حوالي {count} هجوما في العراق وسوريا."
            start, end = art.add(sentence)
            at = start + sentence.find(str(count))
            rows["attack_counts"].append({
                "count_id": f"{article_id}-cnt-{at}", "article_id": article_id, "count": count, "qualifier": "approx",
                "period_start": "2023-10", "period_end": "2024-02", "country": "Iraq", "location": "",
                "quote": sentence, "start": at, "end": at + len(str(count)), "sentence_start": start, "sentence_end": end,
            })
        body = art.text
        if hostile and a == 0:
            body += '\n<img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script> نص عدائي.'
        rows["articles"].append({
            "article_id": article_id, "title": title, "source": SOURCES[a % len(SOURCES)], "url": "",
            "published": published_iso or "", "published_precision": "day" if published_iso else "unknown",
            "published_source": "inferred", "text": body, "content_hash": hashlib.sha256(body.encode()).hexdigest(),
            "duplicate_of": "", "n_sentences": body.count("\n") + 1, "warnings": "",
        })
    mentions = pd.DataFrame(rows["mentions"])
    for actor_id, name_en, name_ar, actor_type, parent, in_gaz in ACTORS:
        hits = mentions[mentions["entity_id"] == actor_id] if len(mentions) else mentions
        rows["actors"].append({
            "actor_id": actor_id, "name_en": name_en, "name_ar": name_ar, "actor_type": actor_type, "parent": parent,
            "in_gazetteer": in_gaz, "aliases_ar": name_ar, "n_mentions": len(hits),
            "n_articles": hits["article_id"].nunique() if len(hits) else 0,
            "first_seen": hits["article_id"].min() if len(hits) else "",
        })
    for place_id, name_en, name_ar, place_type, country, lat, lon in PLACES:
        hits = mentions[mentions["entity_id"] == place_id] if len(mentions) else mentions
        rows["places"].append({
            "place_id": place_id, "name_en": name_en, "name_ar": name_ar, "place_type": place_type, "country": country,
            "lat": lat, "lon": lon, "coord_source": "synthetic", "n_mentions": len(hits),
            "n_articles": hits["article_id"].nunique() if len(hits) else 0,
        })
    rows["rejects"].append({"file": "empty.txt", "reason": "empty file", "stage": "read"})
    return {name: typed_frame(name, rows[name]) for name in TABLE_NAMES}


def typed_frame(table: str, records: list[dict]) -> pd.DataFrame:
    """A frame with exactly the schema's columns and dtypes."""
    frame = pd.DataFrame(records, columns=columns(table))
    return frame.astype({c: ("str" if d == "string" else d) for c, d in dtypes(table).items()})


def empty_tables() -> dict[str, pd.DataFrame]:
    return {name: typed_frame(name, []) for name in TABLE_NAMES}


def write_tables(out: Path, tables: dict[str, pd.DataFrame]) -> Path:
    """Writes one Parquet per table plus a manifest, as the build does."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_parquet(out / f"{name}.parquet", index=False)
    manifest = {"generator": "bench/synth_tables.py", "rows": {n: len(f) for n, f in tables.items()}}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/out/synth")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    write_tables(target, make_tables(n))
    print(f"wrote {n} synthetic articles to {target}")
