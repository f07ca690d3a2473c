"""Enumerations: one event mention that names several bases, days or countries becomes one incident each
('قاعدتي التنف وعين الأسد', 'يومي السبت والأحد', 'قرب القائم والبوكمال'), and a range of days ('بين 28 و30
كانون الثاني') keeps its first and last day."""
from __future__ import annotations

import re
from datetime import date

from preprocess.dates import DateMention, month_named
from preprocess.extract.doc import WEEKDAYS_RE, AIR_AGENT_RE, BASE_COORDINATION_RE, THEATRE, _Doc, _opens_dateline
from preprocess.gazetteer import Gazetteer
from preprocess.resources import Guarded


def _one_per_base(doc: _Doc, gazetteer: Gazetteer, row: dict, s0: int, s1: int, told: set[str] = frozenset()) -> list[dict]:
    """'هجومين بطائرات مسيرة على قاعدتي التنف وعين الأسد': a dual or plural attack on coordinated bases is
    one incident per base."""
    if row["event_type"] == "strike":
        return _one_per_struck_place(doc, gazetteer, row, s0, s1)
    if row["event_type"] != "attack" or not row["place"]:
        return [row]
    # a base or facility; a city only as a target of its own ('على قاعدة عين الأسد وعلى أربيل')
    bases = [e for e in doc.entities_in(s0, s1)
             if e.entity_kind == "place" and (gazetteer.places[e.entity_id].get("type") in ("base", "facility") or (
                 gazetteer.places[e.entity_id].get("type") == "city" and _OWN_PREPOSITION_RE.search(doc.norm_slice(max(s0, e.start - 30), e.start))))]
    # the run of coordinated bases that holds the row's place, whichever of them it is ('قاعدتي الشدادي
    # ورميلان' with Rumeilan the base nearest the trigger)
    # ("«كونوكو» (حقل كونيكو للغاز) وقاعدة «القرية الخضراء»": a gloss in brackets is left out, with the base it names)
    bases = [b for i, b in enumerate(bases) if not (i and "(" in doc.text[bases[i - 1].end:b.start]
                                                    and ")" not in doc.text[bases[i - 1].end:b.start])]
    chains: list[list] = []
    for b in bases:
        if chains and b.start > chains[-1][-1].end and (BASE_COORDINATION_RE.fullmatch(
                _GLOSS_RE.sub(" ", doc.norm_slice(chains[-1][-1].end, b.start))) or _weapon_gap(doc, chains[-1][-1].end, b.start)):
            chains[-1].append(b)
        else:
            chains.append([b])
    # (the mention of it nearest the trigger: 'هجمات على قاعدتي العمر وكونيكو، كان آخرها استهداف كونيكو' is
    # one attack on Conoco, not one on each)
    own = [b for b in bases if gazetteer.places[b.entity_id]["name_en"] == row["place"]]
    nearest = min(own, key=lambda b: abs(b.start - row.get("_trigger", b.start)), default=None)
    chain = next((c for c in chains if nearest in c), [])
    # ("حقل كونيكو وفي القرية الخضراء قرب حقل العمر": the place named again as a landmark after the run it ends)
    chain = max((c for c in chains if any(b in c for b in own)), key=len, default=chain) if len(chain) < 2 else chain
    # ("ثلاث قواعد للاحتلال هي الشدادي والركبان والتنف": bases counted in the plural; a plural with no count,
    # "استهدفنا خلال يومين قواعد الاحتلال في ...", sums up claims told one by one)
    plural = re.search(r"(?:هجومين|هجومان|هجمات|هجمتين|قاعدتي|قاعدتين|القاعدتين|موقعين|الموقعين|موقعي|(?<!\w)(?:ثلاث|اربع|خمس|ست|سبع|ثماني|تسع|عشر|[0-9]+)\s+قواعد)",
                       doc.norm_slice(s0, s1))
    # (an uncounted plural is a part per base only for the bases no earlier attack of the article was at)
    # ("قواعد مثل عين الأسد وحرير": bases given as examples are no claim)
    uncounted = not plural and bool(re.search(r"(?<!\w)(?:قواعد|القواعد)(?:ها|ه|هم|نا)?(?!\w)", doc.norm_slice(s0, s1))) \
        and not re.search(r"(?<!\w)(?:مثل|ك|كقاعده|منها|بينها)\s*$", doc.norm_slice(max(s0, chain[0].start - 8), chain[0].start) if chain else "")
    # ("تعرضت قواعد عراقية لـ11 هجوماً، بينها عين الأسد وبلد": bases named in a count of attacks)
    uncounted = uncounted and len(chain) >= 2 and not any(
        doc.spans_starting("attack_count_nouns", n.num_end, min(s1, n.num_end + 3)) for n in doc.numbers_in(s0, s1))
    if uncounted:
        chain = [b for b in chain if gazetteer.places[b.entity_id]["name_en"] not in told]
    # "استهدفوا قاعدة حرير شمالي أربيل، وقاعدة خراب الجير في ريف الحسكة": each base named with its own word
    # (the first may have words between: 'قاعدة "الاحتلال" في حقل العمر النفطي وقاعدة كونيكو')
    each_named = len(chain) >= 2 and all(re.match(r"[وفب]?(?:قاعده|مطار|معسكر|حقل)", doc.norm_slice(b.start, b.end)) or
                                         _OWN_PREPOSITION_RE.search(doc.norm_slice(max(s0, b.start - 30), b.start)) or
                                         re.search(r"(?:قاعده|موقع|منطقه|مجمع)\s*[\"\u201c\u00ab]?\s*$" if i else r"(?:قاعده|موقع|منطقه|مجمع)(?:\s+\S+){0,3}\s*[\"\u201c\u00ab]?\s*$",
                                                   doc.norm_slice(max(s0, b.start - (8 if i else 30)), b.start))
                                         for i, b in enumerate(chain))
    # "24 تشرين الأول | التنف؛ الشدادي | طائرات مسيرة؛ صواريخ": bases a table's cell lists apart by semicolons
    listed = len(chain) >= 2 and all(re.fullmatch(r"\s*[\u061b;]\s*", doc.text[x.end:y.start]) for x, y in zip(chain, chain[1:]))
    if not (uncounted and chain) and (len(chain) < 2 or not (plural or uncounted or each_named or listed)):
        return [row]
    out = []
    # "شملت مطار أربيل يوم 6 تموز وقاعدة عين الأسد يوم 7 تموز": each base with a day of its own
    own_days = [next((d for d in doc.dates_in(b.end, min(s1, b.end + 30)) if d.iso and d.precision == "day"
                      and re.fullmatch(r"\s*[\"\u201d\u00bb]?\s*يوم\s*", doc.norm_slice(b.end, d.start))), None) for b in chain]
    if sum(d is not None for d in own_days) < 2:
        own_days = [None] * len(chain)
    # ("عين الأسد بمسيرتين، وحقل العمر بصواريخ": each base with the weapon listed right after it)
    ends = [c.start for c in chain[1:]] + [min(s1, chain[-1].end + 25)]
    own_weapons = [next((w.label for w in doc.spans("weapons", b.end, end) if w.start - b.end <= 12), None)
                   for b, end in zip(chain, ends)]
    if sum(w is not None for w in own_weapons) < 2:
        own_weapons = [None] * len(chain)
    for b, day, weapon in zip(chain, own_days, own_weapons):
        rec = gazetteer.places[b.entity_id]
        out.append({**row, "_sources": dict(row["_sources"]), "_place_span": (b.start, b.end), **({"weapon": weapon} if weapon else {}),
                    "incident_id": f"{row['incident_id']}-{b.start}", "place": rec["name_en"], "target": rec["name_en"],
                    "country": rec.get("country", ""), "lat": rec.get("lat"), "lon": rec.get("lon"),
                    **({"date": day.iso, "date_precision": "day", "year": day.year, "date_basis": "text", "date_end": ""} if day else {})})
    for part in out[1:]:
        # a toll of the whole claim or report stays with the first base named ("3 lightly wounded" over Conoco and
        # the Green Village); "no casualties" is true of each
        for slot in ("killed", "wounded"):
            if part[slot]:
                part[slot] = None
                part["_sources"].pop(slot, None)
    return out


# ("وعلى أربيل"; "وعلى موقع في أربيل", "وموقع عسكري قرب أربيل": a site in the city, a target of its own)
_OWN_PREPOSITION_RE = re.compile(r"(?<!\w)و(?:(?:علي|الي|في)\s*|(?:(?:علي|الي)\s+)?(?:موقع|مواقع|مقر|مقرات|هدف|اهداف)\s+(?:\S+\s+)?(?:في|قرب|ب)\s*)[\"\u201c\u00ab]?\s*$")


def _range_start(doc: _Doc, d: DateMention) -> str:
    """'بين 28 و30 كانون الثاني 2024', 'من 12 إلى 13 آذار', '12 - 13 آذار': the ISO first day of a range of days that
    ends with the date `d`, or ''."""
    glued = "و" if doc.text[d.start:d.start + 1] == "و" else ""  # "و30 كانون الثاني": the link is in the date's span
    lead = DAY_RANGE_RE.search(doc.norm_slice(max(0, d.start - 16), d.start) + glued)
    if not lead:
        return ""
    try:
        first = date(int(d.iso[:4]), int(d.iso[5:7]), int(lead.group(1)))
    except ValueError:
        return ""
    return first.isoformat() if first.isoformat() < d.iso else ""


DAY_RANGE_RE = re.compile(r"(?:(?:بين|من)\s+)?(?<!\d)(\d{1,2})\s*(?:و|الي|الى|حتي|[-\u2013\u2014])\s*$")


_WEEKDAYS = WEEKDAYS_RE
_TWO_WEEKDAYS_RE = re.compile(rf"(?:يومي|ليلتي)\s+{_WEEKDAYS}\s+و{_WEEKDAYS}(?!\w)")


def _one_per_day(doc: _Doc, row: dict, s0: int, s1: int) -> list[dict]:
    """'يومي السبت والأحد', 'في 5 و6 كانون الثاني': an event reported on two coordinated days is two incidents."""
    if row["date_precision"] == "range" and re.search(
            rf"(?:يومي|ليلتي)\s+{int(row['date'][8:])}\s*و", doc.norm_slice(s0, s1)):
        # "يومي 5 و6 كانون الثاني": two days named one by one are two incidents, not a range
        first, last = row["date"], row["date_end"]
        return [dict(row, _sources=dict(row["_sources"]), incident_id=f"{row['incident_id']}-d{i}", date=iso,
                     date_precision="day", date_end="") for i, iso in enumerate((first, last))]
    if not row["date"] and _TWO_WEEKDAYS_RE.search(doc.norm_slice(s0, s1)):
        # "يومي الجمعة والسبت، هجومين منفصلين" with no date to count from: two undated incidents
        return [dict(row, _sources=dict(row["_sources"]), incident_id=f"{row['incident_id']}-d{i}",
                     _split=(row["incident_id"], i)) for i in range(2)]
    days = [d for d in doc.dates_in(s0, s1) if d.iso and d.precision == "day"]
    for first, second in zip(days, days[1:]):
        if row["date"] in (first.iso, second.iso) and first.iso != second.iso \
                and re.fullmatch(r"\s*و\s*", doc.norm_slice(first.end, second.start)) \
                and re.search(r"(?:يومي|ليلتي|في|خلال)\s*$", doc.norm_slice(max(s0, first.start - 12), first.start)):
            return [dict(row, _sources=dict(row["_sources"], date=(d.start, d.end)), incident_id=f"{row['incident_id']}-d{i}",
                         date=d.iso, date_precision=d.precision, year=d.year) for i, d in enumerate((first, second))]
    # "هجومان على الأقل طالا محيط عين الأسد، أحدهما بطائرة مسيرة ... والآخر بقذائف": two attacks told as a pair
    pair = _PAIR_RE.search(doc.norm_slice(s0, s1))
    if pair and row["event_type"] == "attack" and not row.get("_split"):
        one, other = doc.pos(s0, pair.start(1)), doc.pos(s0, pair.start(2))
        parts = []
        for i, (lo, hi) in enumerate(((one, other), (other, s1))):
            weapon = next((w.label for w in doc.spans("weapons", lo, min(hi, lo + 60))), row["weapon"])
            outcome = row["outcome"] if doc.spans("interception_cues", lo, hi) else ""  # (each its own: one was downed)
            parts.append(dict(row, _sources=dict(row["_sources"]), incident_id=f"{row['incident_id']}-t{i}", weapon=weapon,
                              outcome=outcome, _split=(row["incident_id"], i)))
        return parts
    # "الهجمات بالطائرات المسيرة على مطار أربيل في نيسان وتموز وأيلول": one incident in each month of the run
    run = month_run(doc, s0, s1)
    if len(run) >= 2 and row["date"] == run[0]:
        return [dict(row, _sources=dict(row["_sources"]), incident_id=f"{row['incident_id']}-m{i}", date=iso,
                     date_precision="month", year=int(iso[:4]), _split=(row["incident_id"], i)) for i, iso in enumerate(run)]
    return [row]


_PAIR_RE = Guarded(re.compile(r"(?<!\w)(?:هجومان|هجومين|الهجومين|الهجومان|هجمتين|هجمتان|حادثتين|حادثتان)(?!\w)[^.\n]{0,120}?"
                              r"(?<!\w)(احدهما|احداهما|الاول|الاولي)(?!\w)[^.\n]{3,160}?(?<!\w)(والاخر|والاخري|والثاني|والثانيه)(?!\w)"),
                   ("هجومان", "هجومين", "هجمت", "حادثت"))  # (every match holds one of these: asked for every event)
_MONTH_NEXT_RE = re.compile(r"\s*(?:[\u060c,]\s*)?و?\s*(\S+)")


def month_run(doc: _Doc, s0: int, s1: int) -> list[str]:
    """'في نيسان وتموز وأيلول': the months of a run that opens with a month date (after في or خلال) and goes on with
    bare month names, later in the same year, as ISO months; else []."""
    for d in doc.dates_in(s0, s1):
        if not d.iso or d.precision != "month" or not re.search(r"(?:في|خلال|اشهر|شهري)\s*$", doc.norm_slice(max(s0, d.start - 8), d.start)):
            continue
        out, pos, last = [d.iso], d.end, int(d.iso[5:7])
        while True:
            m = _MONTH_NEXT_RE.match(doc.norm_slice(pos, min(s1, pos + 20)))
            month = month_named(m.group(1)) if m and re.match(r"\s*(?:[\u060c,]\s*)?و", m.group(0)) else None
            if month is None or month <= last:
                break
            out.append(f"{d.iso[:4]}-{month:02d}")
            pos, last = doc.pos(pos, m.end()), month
        if len(out) >= 2:
            return out
    return []


def _days_as_range(doc: _Doc, row: dict, s0: int, s1: int) -> dict:
    """A part of a split enumeration on two coordinated days ('يومي الأحد والاثنين'): the two days as its range."""
    days = _one_per_day(doc, row, s0, s1)
    if len(days) != 2 or not days[0]["date"] or not days[1]["date"]:
        return row
    first, last = sorted((days[0]["date"], days[1]["date"]))
    return dict(row, date=first, date_end=last, date_precision="range")


def _one_per_struck_place(doc: _Doc, gazetteer: Gazetteer, row: dict, s0: int, s1: int, own: bool = True) -> list[dict]:
    """'غارات على مواقع قرب البوكمال والثالث في القائم': strikes on towns in two countries are one incident per
    country; the toll stays with the first (a later sentence may give each its own)."""
    towns = []
    for e in doc.entities_in(s0, s1):
        rec = gazetteer.places[e.entity_id] if e.entity_kind == "place" else None
        if rec and rec.get("type") in ("city", "base", "facility", "region") and rec.get("country") in THEATRE \
                and not doc.spans("war_context", max(s0, e.start - 25), e.start) \
                and not ATTACK_AT_RE.search(doc.norm_slice(max(s0, e.start - 16), e.start)) \
                and not _opens_dateline(doc, e.start, e.end) \
                and all(rec.get("country") != t.get("country") for t in towns):
            towns.append(rec)
    # "مقار في القائم وعكاشات ... على 85 هدفاً في العراق وسوريا": next to a town, a country named with no town of
    # its own is a part too; so are countries alone, "غارات على خمسة مواقع في العراق وسوريا" (one row per country
    # struck, as analysts count a wave)
    for e in doc.entities_in(s0, s1):
        rec = gazetteer.places[e.entity_id] if e.entity_kind == "place" else None
        if rec and rec.get("type") == "country" and rec["name_en"] in THEATRE \
                and all(rec["name_en"] != t.get("country") for t in towns) \
                and not doc.spans("war_context", max(s0, e.start - 25), e.start) and _struck_country(doc, e.start, s0):
            towns.append({**rec, "country": rec["name_en"], "_country_only": True})
    # (a US strike told with a verb, "قصفت الطائرات الأمريكية مواقع في القائم والبوكمال", splits as well; a
    # follow-up's places need the strikes named again in it)
    if len(towns) < 2 or not (doc.spans("strike_triggers", s0, s1) or AIR_AGENT_RE.search(doc.norm_slice(s0, s1))
                              or own and row.get("perpetrator") == "United States"):
        return [row]
    out = []
    for i, rec in enumerate(towns):
        only = rec.get("_country_only")
        out.append({**row, "_sources": dict(row["_sources"]), "incident_id": f"{row['incident_id']}-p{i}",
                    "place": "" if only else rec["name_en"], "country": rec.get("country", ""),
                    "lat": None if only else rec.get("lat"), "lon": None if only else rec.get("lon"),
                    "_split": (row["incident_id"], i),  # parts of one report never merge back
                    **({} if i == 0 else {"killed": None, "wounded": None})})
    return out


# "ثلاث قواعد: عين الأسد بمسيرتين، والتنف بمسيرة، وحقل العمر بصواريخ", "عين الأسد (مسيرتان)، التنف (مسيرة)": bases
# listed each with its own weapon
_WEAPON_GAP_RE = re.compile(r"\s*(?:ب\s*)?[\u060c,]\s*(?:و\s*)?")


def _weapon_gap(doc: _Doc, a_end: int, b_start: int) -> bool:
    if b_start - a_end > 40:
        return False
    weapons = [w for w in doc.spans("weapons", a_end, b_start) if a_end <= w.start and w.end <= b_start]
    if not weapons:
        return False
    parts, pos = [], a_end
    for w in weapons:
        parts.append(doc.norm_slice(pos, w.start))
        pos = w.end
    parts.append(doc.norm_slice(pos, b_start))
    rest = _GLOSS_RE.sub(" ", " ".join(parts).replace("(", " ").replace(")", " "))
    return bool(_WEAPON_GAP_RE.fullmatch(re.sub(r"(?<!\w)ب\s+", "ب", rest)))


_GLOSS_RE = re.compile(r"\s*\([^()]{0,60}\)\s*")
# "ومنها هجوم البرج 22", "الهجمات على قاعدة التنف": where an attack the strike answered took place
ATTACK_AT_RE = re.compile(r"(?<!\w)(?:هجوم|الهجوم|هجمات|الهجمات)(?:\s+(?:علي|ضد))?\s+(?:قاعده\s+)?$")


def _struck_country(doc: _Doc, start: int, s0: int) -> bool:
    """The country is where the strikes fell ('مواقع في العراق وسوريا'), not whose forces or people they were
    ('القوات الأمريكية في العراق', 'الحكومة السورية')."""
    before = doc.norm_slice(max(s0, start - 30), start)
    return bool(re.search(r"(?:في|داخل|بين|علي\s+الاراضي|الاراضي|شرق|غرب|شمال|جنوب|شرقي|غربي|و)\s*$", before)) \
        and not re.search(r"(?:القوات|قوات|جنود|الحكومه|السلطات|سفاره|السفاره)\s+(?:\S+\s+){0,2}(?:في|داخل)\s*$", before)
