"""Synthetic table sets that follow preprocess/schemas.py, for the bench and for app edge cases."""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
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



# ------------------------------------------------------------------ table sets of a desk's scale (vectorised)

SCALE_FACTIONS = MILITIAS + [
    ("kataib-al-imam-ali", "Kataib al-Imam Ali", "كتائب الإمام علي", "militia", "Popular Mobilization Forces", True),
    ("saraya-awliya-al-dam", "Saraya Awliya al-Dam", "سرايا أولياء الدم", "militia", "Islamic Resistance in Iraq", True),
    ("quds-force", "Quds Force", "فيلق القدس", "armed_forces", "", True),
]
SCALE_ACTORS = ACTORS + [a for a in SCALE_FACTIONS if a[0] not in {x[0] for x in ACTORS}]
FACTION_IDS = {a[0] for a in SCALE_FACTIONS}
ARTICLE_INCIDENTS = 10  # incidents per article, as the earlier bench set
YEAR_SECONDS = 86_400


def _concat(*parts) -> pd.Series:
    """Elementwise concatenation of string Series and constants."""
    out = None
    for part in parts:
        out = part if out is None else out + part
    return out


def _lengths(series: pd.Series) -> np.ndarray:
    return series.str.len().to_numpy(dtype=np.int64)


def make_scale_tables(n_incidents: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """A table set of `n_incidents` incidents in n/10 articles, with proportional mentions (2 a row), incident_sources
    (mention and place slots), troop figures (one every 4 articles) and tallies (one every 10), every column of the schema
    plus `review_state` ('unreviewed'); quotes and surfaces are exactly articles.text[start:end]. Built column by column
    with numpy (a million incidents in well under a minute), not row by row."""
    rng = np.random.default_rng(seed)
    n = max(1, int(n_incidents))
    n_articles = -(-n // ARTICLE_INCIDENTS)
    n_events = max(1, n // 2)
    # events: a date (half after October 2023, as the real series), a type, a faction, a place roll
    recent = rng.random(n_events) < 0.5
    offset = np.where(recent, rng.integers(0, 120, n_events), rng.integers(0, 1600, n_events))
    base = np.where(recent, np.datetime64("2023-10-17"), np.datetime64("2019-06-01"))
    ev_day = base + offset.astype("timedelta64[D]")
    ev_type = rng.choice(np.array(["attack", "strike", "other"]), n_events, p=[0.70, 0.25, 0.05])
    ev_faction = rng.integers(0, len(SCALE_FACTIONS), n_events)
    ev_roll = rng.random(n_events)
    # incidents: each reports one event; its article is i // 10
    ev = rng.integers(0, n_events, n)
    art = np.arange(n) // ARTICLE_INCIDENTS
    day = pd.DatetimeIndex(ev_day[ev])
    kind = ev_type[ev]
    roll = ev_roll[ev]
    own = rng.random(n)  # the report's own variation: precision, second faction, outcome
    fac = ev_faction[ev]
    iso = pd.Series(day.strftime("%Y-%m-%d"), dtype="str")
    precision = np.where(own < 0.02, "unknown", np.where(own < 0.04, "year", np.where(own < 0.07, "month",
                         np.where(own < 0.10, "range", "day"))))
    date = iso.where(precision != "month", iso.str[:7]).where(precision != "year", iso.str[:4]).where(precision != "unknown", "")
    end_day = pd.Series((day + pd.to_timedelta(2, unit="D")).strftime("%Y-%m-%d"), dtype="str")
    date_end = end_day.where(precision == "range", "")
    year = pd.array(np.where(precision == "unknown", 0, day.year), dtype="Int64")
    year[precision == "unknown"] = pd.NA
    spoken = _concat(pd.Series(day.day.astype(str), dtype="str"), " ",
                     pd.Series(np.array(MONTHS_AR)[day.month - 1], dtype="str"), " ", pd.Series(day.year.astype(str), dtype="str"))
    is_strike = kind == "strike"
    strike_place = np.minimum((roll * len(STRIKE_PLACES)).astype(int), len(STRIKE_PLACES) - 1)
    target_place = np.minimum((roll * len(TARGET_PLACES)).astype(int), len(TARGET_PLACES) - 1)
    place_rows = np.where(is_strike, np.array([PLACES.index(p) for p in STRIKE_PLACES])[strike_place],
                          np.array([PLACES.index(p) for p in TARGET_PLACES])[target_place])
    place_en = np.array([p[1] for p in PLACES])[place_rows]
    place_ar = pd.Series(np.array([p[2] for p in PLACES])[place_rows], dtype="str")
    country = np.array([p[4] for p in PLACES])[place_rows]
    weapons = np.array(["rocket", "drone", "ballistic_missile", "ied"])
    weapon = np.where(is_strike, np.where(roll < 0.7, "airstrike", "drone"), weapons[(roll * 1000).astype(int) % 4])
    faction_en = np.array([f[1] for f in SCALE_FACTIONS])[fac]
    faction_ar = pd.Series(np.array([f[2] for f in SCALE_FACTIONS])[fac], dtype="str")
    second = np.array([f[1] for f in SCALE_FACTIONS])[(fac + 1) % len(SCALE_FACTIONS)]
    factions = np.where(own > 0.95, np.char.add(np.char.add(faction_en.astype(str), NAME_SEPARATOR_), second.astype(str)), faction_en)
    weapon_ar = pd.Series(np.array([WEAPON_AR.get(w, "بغارة جوية") for w in weapons.tolist() + ["airstrike"]])[
        np.searchsorted(np.array(sorted(weapons.tolist() + ["airstrike"])), weapon)], dtype="str")
    # the sentence: '<lead><place>، وتبنت <faction> العملية.' (its place and faction at known offsets)
    verb = pd.Series(np.where(is_strike, "شنت الولايات المتحدة غارة على مواقع قرب", np.where(kind == "attack", "استهدف هجوم", "وقع حادث")),
                     dtype="str")
    lead = _concat("وفي ", spoken, " ", verb, " ", weapon_ar.where(~is_strike, "جوية"), " قاعدة ")
    mid = pd.Series(np.where(is_strike, "، وقالت إنها ضربت ", "، وتبنت "), dtype="str")
    sentence = _concat(lead, place_ar, mid, faction_ar, " العملية.")
    lead_len, place_len, mid_len, faction_len = _lengths(lead), _lengths(place_ar), _lengths(mid), _lengths(faction_ar)
    sentence_len = _lengths(sentence)
    filler = pd.Series(np.array(FILLER)[rng.integers(0, len(FILLER), n)], dtype="str")
    with_filler = (np.arange(n) % ARTICLE_INCIDENTS) % 3 == 0
    block = sentence.where(~with_filler, _concat(sentence, "\n", filler))
    block_len = _lengths(block) + 1  # the line break before it
    first_of_article = np.r_[0, np.flatnonzero(np.diff(art)) + 1]
    title = _concat("تصعيد جديد ضد القوات الأميركية في العراق وسوريا (", pd.Series(np.arange(n_articles).astype(str), dtype="str"), ")")
    title_len = _lengths(title)
    before = np.cumsum(block_len) - block_len
    start = title_len[art] + 1 + before - before[first_of_article][art]
    end = start + sentence_len
    article_ids = pd.Series(np.char.add("syn_", np.char.zfill(np.arange(n_articles).astype(str), 7)), dtype="str")
    article_id = article_ids.iloc[art].reset_index(drop=True)
    start_s = pd.Series(start.astype(str), dtype="str")
    incident_id = _concat(article_id, "-inc-", start_s)
    event_key = pd.Series(np.char.add("ev-", np.char.zfill(ev.astype(str), 7)), dtype="str").where(own % 0.1 > 0.01, "")
    perpetrator = np.where(is_strike, "United States", np.where(roll < 0.8, faction_en, ""))
    claimed_by = np.where(is_strike, "", faction_en)
    target = np.where(is_strike, faction_en, place_en)
    hit = (~is_strike) & (roll < 0.1)
    killed = pd.array(np.where(hit, (roll * 40).astype(int), 0), dtype="Int64")
    wounded = pd.array(np.where(hit, (roll * 300).astype(int), 0), dtype="Int64")
    killed[~hit], wounded[~hit] = pd.NA, pd.NA
    outcome = np.where((~is_strike) & (own % 0.25 < 0.03), "intercepted", "")
    lat = np.array([p[5] for p in PLACES])[place_rows]
    lon = np.array([p[6] for p in PLACES])[place_rows]
    incidents = pd.DataFrame({
        "incident_id": incident_id, "article_id": article_id, "event_key": event_key, "date": date,
        "date_precision": precision, "date_end": date_end, "year": year,
        "date_basis": np.where(precision == "unknown", "", "text"), "event_type": kind, "weapon": weapon,
        "perpetrator": perpetrator, "claimed_by": claimed_by, "target": target, "factions": factions, "place": place_en,
        "country": np.where(own < 0.005, "Iraq; Syria", country), "lat": lat, "lon": lon, "killed": killed, "wounded": wounded,
        "outcome": outcome, "quote": sentence, "start": start, "end": end,
    })
    place_start = start + lead_len
    faction_start = place_start + place_len + mid_len
    place_ids = np.array([p[0] for p in PLACES])[place_rows]
    faction_ids = np.array([f[0] for f in SCALE_FACTIONS])[fac]
    mentions = pd.concat([
        pd.DataFrame({"article_id": article_id, "entity_id": faction_ids, "entity_kind": "actor", "surface": faction_ar,
                      "start": faction_start, "end": faction_start + faction_len}),
        pd.DataFrame({"article_id": article_id, "entity_id": place_ids, "entity_kind": "place", "surface": place_ar,
                      "start": place_start, "end": place_start + place_len}),
    ], ignore_index=True)
    mentions["sentence_start"] = np.tile(start, 2)
    mentions["sentence_end"] = np.tile(end, 2)
    mentions["role"] = "event"
    mentions.insert(0, "mention_id", _concat(mentions["article_id"], "-men-", pd.Series(mentions["start"].astype(str), dtype="str")))
    sources = pd.concat([
        pd.DataFrame({"incident_id": incident_id, "article_id": article_id, "slot": "mention", "start": start, "end": end,
                      "quote": sentence}),
        pd.DataFrame({"incident_id": incident_id, "article_id": article_id, "slot": "place", "start": place_start,
                      "end": place_start + place_len, "quote": place_ar}),
    ], ignore_index=True)
    # article bodies: title, the blocks, then a troop figure (every 4th) and a tally (every 10th)
    body = (pd.DataFrame({"a": art, "block": block}).groupby("a", sort=True)["block"].agg("\n".join))
    body = _concat(title, "\n", pd.Series(body.to_numpy(), dtype="str"))
    published = iso.groupby(art).max().reindex(range(n_articles)).fillna("")
    published = pd.Series(published.to_numpy(), dtype="str")
    a_idx = np.arange(n_articles)
    troops_at = a_idx[a_idx % 4 == 0]
    t_roll = rng.random(len(troops_at))
    t_qual = np.array(["approx", "less_than", "exact", "more_than"])[(t_roll * 4).astype(int)]
    t_word = pd.Series(np.array(["نحو ", "أقل من ", "", "أكثر من "])[(t_roll * 4).astype(int)], dtype="str")
    t_value = np.array([900, 2400, 2500, 3000, 5000, 8000])[rng.integers(0, 6, len(troops_at))]
    t_loc = rng.integers(0, 3, len(troops_at))
    t_loc_en = np.array(["Iraq", "Syria", "Ain al-Asad"])[t_loc]
    t_loc_ar = pd.Series(np.array(["العراق", "سوريا", "عين الأسد"])[t_loc], dtype="str")
    t_lead = "وتبقي الولايات المتحدة على "
    phrase = _concat(t_word, pd.Series(t_value.astype(str), dtype="str"))
    t_sentence = _concat(t_lead, phrase, " جندي في ", t_loc_ar, ".")
    t_start = _lengths(body.iloc[troops_at]) + 1
    body.iloc[troops_at] = _concat(body.iloc[troops_at], "\n", t_sentence.set_axis(body.index[troops_at])).to_numpy()
    t_at = t_start + len(t_lead)
    t_pub = published.iloc[troops_at].to_numpy().astype(str)
    t_year = pd.array([int(p[:4]) if p else None for p in t_pub], dtype="Int64")
    troops = pd.DataFrame({
        "troop_id": _concat(article_ids.iloc[troops_at].reset_index(drop=True), "-trp-", pd.Series(t_at.astype(str), dtype="str")),
        "article_id": article_ids.iloc[troops_at].to_numpy(), "value": t_value, "qualifier": t_qual, "force": "US",
        "location": t_loc_en, "kind": np.array(["level", "level", "withdrawal", "planned"])[rng.integers(0, 4, len(troops_at))],
        "date": [p[:7] for p in t_pub], "date_precision": "month", "year": t_year, "quote": t_sentence,
        "start": t_at, "end": t_at + _lengths(phrase), "sentence_start": t_start, "sentence_end": t_start + _lengths(t_sentence),
    })
    counts_at = a_idx[a_idx % 10 == 0]
    c_value = np.array([60, 150, 170])[rng.integers(0, 3, len(counts_at))]
    c_lead = "وسجل حتى مطلع فبراير 2024 حوالي "
    c_sentence = _concat(c_lead, pd.Series(c_value.astype(str), dtype="str"), " هجوما في العراق وسوريا.")
    c_start = _lengths(body.iloc[counts_at]) + 1
    body.iloc[counts_at] = _concat(body.iloc[counts_at], "\n", c_sentence.set_axis(body.index[counts_at])).to_numpy()
    c_at = c_start + len(c_lead)
    attack_counts = pd.DataFrame({
        "count_id": _concat(article_ids.iloc[counts_at].reset_index(drop=True), "-cnt-", pd.Series(c_at.astype(str), dtype="str")),
        "article_id": article_ids.iloc[counts_at].to_numpy(), "count": c_value, "qualifier": "approx",
        "period_start": "2023-10", "period_end": "2024-02", "country": "Iraq", "location": "", "quote": c_sentence,
        "start": c_at, "end": c_at + _lengths(pd.Series(c_value.astype(str), dtype="str")),
        "sentence_start": c_start, "sentence_end": c_start + _lengths(c_sentence),
    })
    texts = body.tolist()
    articles = pd.DataFrame({
        "article_id": article_ids, "title": title, "source": np.array(SOURCES)[a_idx % len(SOURCES)], "url": "",
        "published": published, "published_precision": np.where(published != "", "day", "unknown"),
        "published_source": "inferred", "text": body,
        "content_hash": [hashlib.sha256(t.encode()).hexdigest() for t in texts],
        "duplicate_of": "", "n_sentences": [t.count("\n") + 1 for t in texts], "warnings": "",
    })
    per_entity = mentions.groupby("entity_id").agg(n_mentions=("article_id", "size"), n_articles=("article_id", "nunique"),
                                                   first_seen=("article_id", "min"))
    actors = pd.DataFrame(SCALE_ACTORS, columns=["actor_id", "name_en", "name_ar", "actor_type", "parent", "in_gazetteer"])
    actors["is_faction"] = actors["actor_id"].isin(FACTION_IDS)
    actors["aliases_ar"] = actors["name_ar"]
    actors = actors.join(per_entity, on="actor_id").fillna({"n_mentions": 0, "n_articles": 0, "first_seen": ""})
    places = pd.DataFrame(PLACES, columns=["place_id", "name_en", "name_ar", "place_type", "country", "lat", "lon"])
    places["coord_source"] = "synthetic"
    places = places.join(per_entity[["n_mentions", "n_articles"]], on="place_id").fillna({"n_mentions": 0, "n_articles": 0})
    places["n_event_mentions"], places["n_event_articles"] = places["n_mentions"], places["n_articles"]
    tables = {"articles": articles, "incidents": incidents, "incident_sources": sources, "troops": troops,
              "attack_counts": attack_counts, "actors": actors, "places": places, "mentions": mentions,
              "rejects": pd.DataFrame({"file": ["empty.txt"], "reason": ["empty file"], "stage": ["read"]})}
    out = {name: typed_columns(name, tables[name]) for name in TABLE_NAMES}
    for name in REVIEWED_TABLES:  # what analyst review adds: nothing reviewed yet
        out[name]["review_state"] = pd.Series("unreviewed", index=out[name].index, dtype="category")
    return out


REVIEWED_TABLES = ("incidents", "troops", "attack_counts")
NAME_SEPARATOR_ = "; "


def typed_columns(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Exactly the schema's columns (a missing one empty) in its dtypes."""
    out = {}
    for column, dtype in dtypes(table).items():
        values = frame[column] if column in frame else pd.Series(pd.NA, index=frame.index)
        if dtype == "string":
            out[column] = values.astype("str").fillna("")
        elif dtype == "boolean":
            out[column] = values.astype("boolean")
        else:
            out[column] = pd.to_numeric(values, errors="coerce").astype(dtype)
    return pd.DataFrame(out, index=frame.index).reset_index(drop=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--incidents", type=int, help="incidents in the set (articles: a tenth of it); vectorised")
    parser.add_argument("--articles", type=int, help="the small, row-by-row set of this many articles (tests' make_tables)")
    parser.add_argument("--out", type=Path, default=Path("bench/out/synth"))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    if args.incidents:
        tables = make_scale_tables(args.incidents, seed=args.seed)
    else:
        tables = make_tables(args.articles or 200, seed=args.seed)
    write_tables(args.out, tables)
    rows = ", ".join(f"{name} {len(frame):,}" for name, frame in tables.items())
    print(f"wrote {args.out} in {time.perf_counter() - started:.1f} s: {rows}")


if __name__ == "__main__":
    main()
