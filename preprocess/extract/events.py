"""Coreference inside one article: event mentions -> incidents (one per real-world event), each slot filled
from its best mention, and `incident_sources` rows saying which sentence gave which slot.

Two mentions are the same event when their type is the same, no slot conflicts (two dates, two bases, two
weapons, two perpetrators) and something positive ties them: the same day, the same place, or the same
claimant/perpetrator with the same weapon. A mention with no date of its own never pulls in one that has one
from another day. The strike that answers an attack stays apart (another type)."""
from __future__ import annotations

import math
import re
from datetime import date

from preprocess.events import PRECISION_RANK
from preprocess.extract.doc import BARE_WEEKDAYS_RE, PLACE_SPECIFICITY, _Doc, place_records_by_name
from preprocess.extract.clauses import WEAPON_SPECIFICITY
from preprocess.gazetteer import Gazetteer
from preprocess.resources import Guarded

SAME_COMPLEX_KM = 6  # two bases this close are parts of one complex (Victory base inside Baghdad airport)
NEAR_KM = 30  # a base and a town this close may be named for one scene ('قاعدة عين الأسد قرب البغدادي')
WEAK_REACH = 3  # sentences: how far a restatement of unknown type looks back for its event
SLOTS = ("date", "event_type", "weapon", "perpetrator", "claimed_by", "target", "place", "killed", "wounded", "outcome")


def _km(a: dict, b: dict) -> float:
    """Great-circle distance between two gazetteer records (inf when one has no coordinates)."""
    try:
        la1, lo1, la2, lo2 = map(math.radians, (float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"])))
    except (KeyError, TypeError, ValueError):
        return math.inf
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _names(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _text_dated(row: dict) -> bool:
    return row["date_basis"] == "text" and bool(row["date"])


def _dates_agree(a: dict, b: dict) -> bool:
    """Both dated by the text: the same day, or one date a coarser form of the other, or one night."""
    return a["date"].startswith(b["date"]) or b["date"].startswith(a["date"]) or _one_night(a, b) \
        or _in_range(a, b) or _in_range(b, a)


def _in_range(a: dict, b: dict) -> bool:
    """b's day lies in a's range ('ليل الخميس - الجمعة' and the wire's '24.3.2023')."""
    if a["date_precision"] != "range" or not a.get("date_end") or b["date_precision"] != "day" \
            or not a["date"] <= b["date"] <= a["date_end"]:
        return False
    try:  # a night ("ليل الخميس - الجمعة"), not a period that many events fall in
        return (date.fromisoformat(a["date_end"]) - date.fromisoformat(a["date"])).days <= 1
    except ValueError:
        return False


def _one_night(a: dict, b: dict) -> bool:
    """'نفذ عند 23:35 من ليل أمس' and 'استهدف فجر اليوم': one night, dated a day apart by two sources."""
    if a["date_precision"] != "day" or b["date_precision"] != "day" or len(a["date"]) != 10 or len(b["date"]) != 10:
        return False
    first, second = sorted((a, b), key=lambda r: r["date"])
    try:
        gap = (date.fromisoformat(second["date"]) - date.fromisoformat(first["date"])).days
    except ValueError:
        return False
    # (two clauses of one sentence are two events: "ضربوا مساء السبت قاعدة حرير، ثم عادوا فجر الأحد لاستهدافها")
    return gap == 1 and bool(first.get("_night")) and bool(second.get("_dawn")) and first["_sentence"] != second["_sentence"]


class _Places:
    def __init__(self, gazetteer: Gazetteer):
        self.by_name = place_records_by_name(gazetteer)

    def rank(self, name: str) -> int:
        rec = self.by_name.get(name)
        return PLACE_SPECIFICITY.get(rec.get("type", ""), 5) if rec else 5

    def conflict(self, a: str, b: str) -> bool:
        """Two named places that cannot be one scene: two bases, two cities, or places in two countries."""
        if not a or not b or a == b:
            return False
        ra, rb = self.by_name.get(a, {}), self.by_name.get(b, {})
        if ra.get("country") and rb.get("country") and ra.get("country") != rb.get("country"):
            return True
        # a base and the province or region around it may be one scene; two bases, two cities, or a base
        # and a town far from it are not
        if self.rank(a) > 1 or self.rank(b) > 1:
            return False
        if self.rank(a) == self.rank(b) == 0 and _km(ra, rb) <= SAME_COMPLEX_KM:
            return False  # Victory base and Baghdad airport: one complex
        return self.rank(a) == self.rank(b) or _km(ra, rb) > NEAR_KM


FAR_UNDATED_SENTENCES = 3


def _conflict(event: dict, m: dict, places: _Places) -> bool:
    if event["event_type"] != m["event_type"] and not (event.get("_weak_type") or m.get("_weak_type")):
        return True
    if event["event_type"] != m["event_type"]:
        # a restatement of unknown type goes with an event told in the last few sentences, of the kind its word
        # names ("الغارات" restates a strike, "الهجوم" an attack)
        if m["_sentence"] - event.get("_last_sentence", event["_sentence"]) > WEAK_REACH:
            return True
        for weak, strong in ((event, m), (m, event)):
            if weak.get("_weak_type") and weak.get("_weak_kind") and not strong.get("_weak_type") \
                    and strong["event_type"] != weak["_weak_kind"]:
                return True
    if any(a[0] == b[0] and a != b for a in _splits(event) for b in _splits(m)):
        return True  # "يومي الجمعة والسبت، هجومين": two incidents, however alike (also once a headline took one part)
    if _text_dated(event) and _text_dated(m) and not _dates_agree(event, m):
        return True
    if event.get("_day_text") and m.get("_day_text") and event["_day_text"] != m["_day_text"]:
        return True  # (two days written that no year resolves are still two days)
    if _other_time(event.get("_when_name", ""), m.get("_when_name", "")):
        return True  # ("في نيسان الماضي" and "في تموز", neither resolved: two months, two events)
    for old, news in ((event, m), (m, event)):
        if old.get("_earlier") and not news.get("_earlier") and (news["place"] or _text_dated(news) or news.get("_day_text")):
            # "والمطار نفسه سبق أن استهدف بطائرة مسيرة قبل أشهر" after the news of tonight's drones on it: an event
            # told as earlier is not the one the article reports
            return True
    if places.conflict(event["place"], m["place"]):
        return True
    if not _text_dated(event) and not _text_dated(m) and (not event["place"]) != (not m["place"]) \
            and event["weapon"] != "unknown" and m["weapon"] != "unknown" and event["weapon"] != m["weapon"] \
            and abs(m["_sentence"] - event.get("_last_sentence", event["_sentence"])) > FAR_UNDATED_SENTENCES:
        # ("طائرتان مسيرتان ضربتا محيط المطار" and, paragraphs later, "14 صاروخاً سقطت على قاعدة عين الأسد", neither
        # dated: a drone told with no place is not the rockets told far below with theirs)
        return True
    if event["weapon"] != "unknown" and m["weapon"] != "unknown" and event["weapon"] != m["weapon"] \
            and {event["weapon"], m["weapon"]} != {"drone", "rocket"} and "airstrike" not in {event["weapon"], m["weapon"]} \
            and {event["weapon"], m["weapon"]} != {"rocket", "ballistic_missile"}:
        # (the "صواريخ" of a group's claim, or a reporter's "صاروخ واحد أم أكثر؟", are the ballistic missiles of the
        # report they restate)
        return True
    if event["perpetrator"] and m["perpetrator"] and event["perpetrator"] != m["perpetrator"] \
            and m["perpetrator"] not in _names(event["factions"]) and event["perpetrator"] not in _names(m["factions"]):
        # (the group one side claims and the group the other blames: one event when day and place agree, "أوستن
        # يتهم كتائب حزب الله" and "المقاومة الإسلامية تتبنى" the same drone on the same base that day)
        same_scene = _text_dated(event) and _text_dated(m) and event["date_precision"] == "day" \
            and event["date"] == m["date"] and event["place"] and event["place"] == m["place"]
        return not (same_scene and bool(event["claimed_by"]) != bool(m["claimed_by"]))
    return False


def _days_after(event: dict, m: dict) -> int | None:
    if not _text_dated(event) or event["date_precision"] != "day" or m["date_precision"] != "day":
        return None
    try:
        return (date.fromisoformat(m["date"]) - date.fromisoformat(event["date"])).days
    except ValueError:
        return None


_CLAIMS_BACK_RE = re.compile(r"\s*(?:و?في\s+)?(?:(?:صباح|مساء|ليل|فجر|ظهر)\s+)?(?:(?:يوم\s+)?(?:ال)?" + BARE_WEEKDAYS_RE + r"\s+)?(?:[\u060c,]\s*)?[وف]?(?:قد\s+)?(?:تبنت|تبني|تبنته|تبناه|اعلنت\s+مسووليتها\s+عن|اعلنت\s+المسووليه\s+عن)\s+(?:ال)?(?:هجوم|عمليه|قصف|استهداف)(?:\s|$)")


def _splits(x: dict) -> set:
    """The parts of split reports (a wave per country, "يومي السبت والأحد") an event holds: a headline that took in
    the Syrian part of a wave must not take the Iraqi part too."""
    return set(x.get("_splits", ())) | ({x["_split"]} if x.get("_split") else set())


def _other_time(a: str, b: str) -> bool:
    """Two unresolved months, or two weekdays more than a night apart ("ليل الجمعة" and "هجوم السبت" may be one)."""
    if not a or not b or a[0] != b[0] or a == b:
        return False
    return a[0] == "m" or min((int(a[1:]) - int(b[1:])) % 7, (int(b[1:]) - int(a[1:])) % 7) > 1


def _tie(event: dict, m: dict) -> bool:
    """Something positive says the two mentions are one event."""
    if _text_dated(event) and _text_dated(m) and not (event.get("_borrowed_date") or m.get("_borrowed_date")) \
            and (event["date_precision"] == "day" and event["date"] == m["date"]
                                                  or _in_range(event, m) or _in_range(m, event)):
        return True
    # (one night dated two ways ties two mentions that do not name two places: "مساء الأحد" at Zummar and "فجر
    # الاثنين" at Ain al-Asad are two events)
    if _one_night(event, m) and (not event["place"] or not m["place"] or event["place"] == m["place"]):
        return True
    if event["place"] and event["place"] == m["place"]:
        return True
    undated = not _text_dated(event) or not _text_dated(m)
    # the US is the agent of every strike: only a faction's name ties two mentions
    same_actor = bool(m["perpetrator"]) and m["event_type"] != "strike" and m["perpetrator"] in (event["perpetrator"], event["claimed_by"])
    same_toll = m["killed"] is not None and m["killed"] == event["killed"] and m["killed"] > 0
    # a lead with no place and no date of its own ('رفع البنتاغون عدد المصابين في الهجوم على قاعدة في الأردن')
    # is the event the next, specific mention names
    lead_open = not event["place"] and not _text_dated(event) and bool(m["place"]) and not _other_country(event, m)
    return undated and (same_actor or same_toll or lead_open or not (m["place"] and event["place"]) and _one_open(event, m))


def _near(event: dict, m: dict, places: _Places) -> bool:
    """'الصواريخ أطلقت من منطقة قرب ناحية البغدادي' after an attack on Ain al-Asad: an undated mention at a town
    next to the event's base is the same scene."""
    if not event["place"] or not m["place"] or (_text_dated(event) and _text_dated(m)):
        return False
    # "ثلاثة من أفراد الخدمة أصيبوا في هجوم صاروخي في شمال شرق سوريا" then "صواريخ سقطت داخل الموقع المعروف باسم
    # كونيكو": a report dated only by its page names the base inside the region the dated report gave
    if (places.rank(event["place"]) == 3) != (places.rank(m["place"]) == 3) and _text_dated(event) != _text_dated(m) \
            and places.by_name.get(event["place"], {}).get("country") == places.by_name.get(m["place"], {}).get("country") \
            and abs(m["_sentence"] - event.get("_last_sentence", event["_sentence"])) <= 3:
        return True
    a, b = places.by_name.get(event["place"], {}), places.by_name.get(m["place"], {})
    km = _km(a, b)
    return km <= SAME_COMPLEX_KM or ({places.rank(event["place"]), places.rank(m["place"])} != {0} and km <= NEAR_KM)


def _other_country(event: dict, m: dict) -> bool:
    """'قاعدة في شمال شرقي الأردن' is not an attack on a base in Syria (a country the text named for each)."""
    countries = [set(_names(x["country"])) for x in (event, m)]
    return not event.get("_weak_country") and not m.get("_weak_country") and all(len(c) == 1 for c in countries) \
        and countries[0] != countries[1]


def _one_open(event: dict, m: dict) -> bool:
    """A restatement with no place and no date ('وتبنت المقاومة الهجوم') belongs to the event it follows; a
    vague mention never absorbs a later, specific one."""
    return not m["place"] and not _text_dated(m)


def _better_date(a: dict, b: dict) -> bool:
    """True when b's date is better than a's: from the text beats from the article; a day beats a month."""
    def key(r):
        return (not _text_dated(r), not r["date"], PRECISION_RANK.get(r["date_precision"], 3))
    return key(b) < key(a)


def _absorb(event: dict, m: dict, places: _Places) -> None:
    src, msrc = event["_sources"], m["_sources"]
    if event.get("_weak_type") and not m.get("_weak_type"):  # the restatement told first, the event after it
        event.update(event_type=m["event_type"], _weak_type=False)
    own = (m["start"], m["end"])
    if _better_date(event, m) or (_one_night(event, m) and m.get("_night")):  # the night's own date
        for k in ("date", "date_precision", "year", "date_basis", "date_end"):
            event[k] = m[k]
        src["date"] = msrc.get("date", own)
        event.update(incident_id=m["incident_id"], quote=m["quote"], start=m["start"], end=m["end"])
    if m["place"] and (not event["place"] or places.rank(m["place"]) < places.rank(event["place"])):
        for k in ("place", "country", "lat", "lon"):
            event[k] = m[k]
        src["place"] = msrc.get("place", own)
    elif not event["country"] and m["country"]:
        event["country"] = m["country"]
    if m["weapon"] != "unknown" and (event["weapon"] == "unknown"
                                     or WEAPON_SPECIFICITY.get(m["weapon"], 9) < WEAPON_SPECIFICITY.get(event["weapon"], 9)):
        event["weapon"] = m["weapon"]
        src["weapon"] = msrc.get("weapon", own)
    if m["claimed_by"] and not event["claimed_by"]:
        event["claimed_by"] = m["claimed_by"]
        src["claimed_by"] = msrc.get("claimed_by", own)
    if m["claimed_by"] and event["perpetrator"] != m["claimed_by"]:
        event["perpetrator"] = m["claimed_by"]  # an explicit claim beats an attribution
        src["perpetrator"] = msrc.get("claimed_by", own)
    elif m["perpetrator"] and not event["perpetrator"]:
        event["perpetrator"] = m["perpetrator"]
        src["perpetrator"] = msrc.get("perpetrator", own)
    for slot in ("killed", "wounded"):  # restatements agree; a revised toll is the higher, later one
        if m[slot] is not None and (event[slot] is None or m[slot] > event[slot]):
            event[slot] = m[slot]
            src[slot] = msrc.get(slot, own)
    if m["outcome"] and not event["outcome"]:
        event["outcome"] = m["outcome"]
        src["outcome"] = msrc.get("outcome", own)
    for slot in ("target", "factions"):
        merged = list(dict.fromkeys(_names(event[slot]) + _names(m[slot])))
        if slot == "factions":
            merged.sort(key=lambda name: name not in (event["claimed_by"], event["perpetrator"]))
        event[slot] = "; ".join(merged)
    if _splits(m):
        event["_splits"] = _splits(event) | _splits(m)
    event["_mentions"] += m["_mentions"]
    event["_last_sentence"] = max(event.get("_last_sentence", event["_sentence"]), m["_sentence"])


def _own_sources(m: dict) -> dict:
    own = (m["start"], m["end"])
    src = {slot: own for slot in SLOTS if m.get(slot) not in (None, "", "unknown")}
    src.update(m["_sources"])
    if m["date_basis"] != "text":
        src.pop("date", None)
    if m.get("_place_span"):
        src["place"] = m["_place_span"]
    return src


# "اتهمت واشنطن كتائب حزب الله", "حمّلت واشنطن الكتائب المسؤولية", "الكتائب، التي تتهمها واشنطن بالوقوف وراء"
_BLAME_RE = Guarded(re.compile(r"(?<!\w)[وف]?(?:اتهم|اتهمت|تتهم|يتهم|حمل|حملت|تحمل|يحمل)(ها|ه|هم)?(?!\w)"),
                    ("تهم", "حمل"))  # (every match holds one of these)
_BLAME_OBJECT_RE = re.compile(r"(?:المسووليه|المسؤوليه|بالوقوف|وراء|بالهجوم|بتنفيذ|بشن)")


def _blamed(doc: _Doc, gazetteer: Gazetteer, event: dict) -> tuple[str, tuple[int, int]] | None:
    """The one faction the text blames for an attack, in the sentences behind it or the two after them."""
    spans = sorted(set(event["_mentions"]))
    if not spans:
        return None
    lo, hi = spans[0][0], spans[-1][1]
    for _ in range(2):  # and the two sentences after
        following = doc.sentence_of(hi + 1) if hi < len(doc.text) else None
        if following is not None and following[0] >= hi:
            hi = following[1]
    text = doc.norm_slice(lo, hi)
    found = set()
    where = None
    for m in _BLAME_RE.finditer(text):
        start, end = doc.pos(lo, m.start()), doc.pos(lo, m.end())
        if m.group(0).lstrip("وف").startswith("حمل") and not _BLAME_OBJECT_RE.search(text[m.end():m.end() + 80]):
            continue  # "عجلة محملة بمنصة إطلاق": loaded, not blamed
        window = (start - 60, start) if m.group(1) else (end, end + 60)
        for a in doc.entities_in(max(lo, window[0]), min(hi, window[1])):
            if a.entity_kind == "actor" and gazetteer.actors.get(a.entity_id, {}).get("type") == "militia":
                found.add(gazetteer.actors[a.entity_id]["name_en"])
                where = doc.sentence_of(start)
    return (found.pop(), where) if len(found) == 1 else None


def merge_mentions(doc: _Doc, gazetteer: Gazetteer, mentions: list[dict], headline_agent: dict | None = None) -> tuple[list[dict], list[dict]]:
    """Mentions in text order -> (incidents, incident_sources rows). `headline_agent` is the one faction the
    headline names: the perpetrator of an attack whose body names none."""
    places = _Places(gazetteer)
    events: list[dict] = []
    for m in mentions:
        m = dict(m, _sources=_own_sources(m), _mentions=[(m["start"], m["end"])] + m.get("_also", []))
        target = next((e for e in reversed(events) if not _conflict(e, m, places) and (_tie(e, m) or _near(e, m, places))), None)
        if target is None and m["event_type"] == "attack" \
                and _CLAIMS_BACK_RE.match(doc.norm_slice(m["start"], min(m["end"], m["start"] + 60))):
            # "وتبنت الهجوم جماعة ... قالت إنها استهدفت قاعدة الحرير" after the rockets on Erbil: the claim of the attack
            # just told, whatever place the claimants name (and on whatever day it was made, up to two days after)
            target = next((e for e in reversed(events) if e["event_type"] == "attack"
                           and m["_sentence"] - e.get("_last_sentence", e["_sentence"]) <= 8
                           and (not _text_dated(m) or _days_after(e, m) in (0, 1, 2))), None)
            if target is not None:
                m = dict(m, place="", lat=None, lon=None, _sources={k: v for k, v in m["_sources"].items() if k != "place"})
        if target is None:
            events.append(m)
        else:
            _absorb(target, m, places)
    # the parts of a split report (a wave per country) share its day: a part left with the page's date takes the day
    # the text gave the part it was split from
    firsts = {k: e for e in events if _text_dated(e) for k, i in _splits(e) if i == 0}
    for e in events:
        first = next((firsts[k] for k, i in _splits(e) if i and k in firsts and firsts[k] is not e), None)
        if first is not None and not _text_dated(e) and e["event_type"] == first["event_type"]:
            for k in ("date", "date_precision", "year", "date_basis", "date_end"):
                e[k] = first[k]
            e["_sources"]["date"] = first["_sources"].get("date", (first["start"], first["end"]))
    sources = []
    for e in events:
        if e["event_type"] == "attack" and not e["perpetrator"]:
            blamed = _blamed(doc, gazetteer, e)
            if blamed:  # "واتهمت واشنطن كتائب حزب الله بالهجوم": the group the text blames
                e["perpetrator"], e["_sources"]["perpetrator"] = blamed
                if blamed[0] not in _names(e["factions"]):
                    e["factions"] = "; ".join([blamed[0]] + _names(e["factions"]))
        if headline_agent and e["event_type"] == "attack" and not e["perpetrator"]:
            e["perpetrator"] = headline_agent["name"]
            e["_sources"]["perpetrator"] = headline_agent["span"]
            if headline_agent["name"] not in _names(e["factions"]):
                e["factions"] = "; ".join([headline_agent["name"]] + _names(e["factions"]))
        rows = [("mention", s, t) for s, t in dict.fromkeys(e.pop("_mentions"))]
        rows += [(slot, s, t) for slot, (s, t) in sorted(e.pop("_sources").items())]
        for key in ("_sentence", "_trigger", "_place_span", "_also", "_weak_country", "_split", "_splits", "_night", "_dawn", "_weak_type", "_weak_kind", "_last_sentence", "_day_text", "_earlier", "_when_name"):
            e.pop(key, None)
        for slot, s, t in rows:
            sources.append({"incident_id": e["incident_id"], "article_id": e["article_id"], "slot": slot,
                            "start": s, "end": t, "quote": doc.text[s:t]})
    return events, sources
