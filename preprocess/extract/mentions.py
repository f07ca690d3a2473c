"""Event mentions: one record per segment that reports an attack or strike, with its slots (type, date, place,
agent, claimant, target, weapon, casualties) and where each came from."""
from __future__ import annotations

from datetime import date, timedelta
import re

from preprocess.cues import Cues, Span
from preprocess.dates import DateMention
from preprocess.extract.clauses import _casualties, _choose_weapon, _event_date, _strike_signal, _triggers, event_segments
from preprocess.extract.enumerations import _one_per_base, _one_per_day, _range_start
from preprocess.extract.doc import AIR_AGENT_RE, THEATRE, CLAIM_RE, COORDINATION_RE, EVENT_WINDOW, SAME_MONTH_DAY_RE, US_TARGET_LEAD_RE, _Doc, _actor_name, _actor_type, _best_place, _country_fallback, _date_fields, _nearest, _published_fields
from preprocess.gazetteer import EntityMatch, Gazetteer
from preprocess.normalize import normalize_char_string

def event_mentions(doc: _Doc, cues: Cues, gazetteer: Gazetteer, new_actors: dict[str, dict],
                   headlines: set[str] = frozenset(), headline_end: int = 0) -> list[dict]:
    """Every event mention of an article in text order, each a row with its slots, `_sentence` (its index) and
    `_sources` (slot -> the span of the sentence that gave it). Headline sentences give none: the body reports
    the same event. events.merge_mentions turns mentions into incidents."""
    rows: list[dict] = []
    fallback_country = None
    for index, (sent_start, sent_end) in enumerate(doc.sentences):
        if sent_start < headline_end or _is_headline(doc.text[sent_start:sent_end], headlines):
            continue
        for s0, s1 in event_segments(doc, sent_start, sent_end):
            row = _segment_incident(doc, cues, gazetteer, new_actors, s0, s1, sent_start, sent_end, rows, index)
            if row is None:
                continue
            if not row["country"]:
                if fallback_country is None:
                    fallback_country = _country_fallback(doc, gazetteer)
                row["country"] = fallback_country
                row["_weak_country"] = True  # the article's main country, not one named for the event
            rows.extend(r for base_row in _one_per_base(doc, gazetteer, row, s0, s1) for r in _one_per_day(doc, base_row, s0, s1))
    return rows


def true_militias_of_axis(cues: Cues, militias: list[EntityMatch]) -> list[EntityMatch]:
    """The factions of this confrontation among the militias named (not ISIS, not the SDF)."""
    return [a for a in militias if a.entity_id not in set(cues.roles.get("not_factions", []))]


def _is_headline(sentence: str, headlines: set[str]) -> bool:
    """The page's title repeated inside its furniture, the same after normalisation (quotes, spaces, dots)."""
    key = _headline_key(sentence)
    return bool(key) and any(key == h_key or (len(key) > 25 and h_key.startswith(key)) for h_key in map(_headline_key, headlines))


_NOT_KEY_RE = re.compile(r"[\W_]+")


def _headline_key(text: str) -> str:
    return _NOT_KEY_RE.sub("", normalize_char_string(text))


def _completes_previous(doc: _Doc, gazetteer: Gazetteer, triggers: list[Span], s0: int, s1: int, rows: list[dict],
                        index: int, casualties: bool = False) -> bool:
    """A follow-up with casualties and no event of its own: 'وأسفر الهجوم عن مقتل 16', 'من دون خسائر بشرية',
    'مشيراً إلى أن الحادث "لم يسفر عن إصابات"' (a toll with no trigger word at all, right after the event)."""
    if not rows or index - rows[-1]["_sentence"] > 3:
        return False
    if casualties and not triggers and not doc.spans("response_markers", s0, min(s1, s0 + 20)) \
            and not _elsewhere(doc, gazetteer, s0, s1, rows[-1]):
        return True  # not "ردا على مقتل ثلاثة جنود في الأردن": the cause of the event, somewhere else
    only_anaphora = bool(triggers) and all(doc.spans("anaphoric_triggers", t.start, t.end) for t in triggers)
    return only_anaphora or bool(doc.spans("consequence_cues", s0, min(s1, s0 + 25))) \
        or bool(doc.spans("elaboration_openers", s0, min(s1, s0 + 12)))


def _elsewhere(doc: _Doc, gazetteer: Gazetteer, s0: int, s1: int, previous: dict) -> bool:
    """The segment names a place in a country other than the previous incident's."""
    return any(gazetteer.places[e.entity_id].get("country") not in ("", None, previous.get("country"))
               for e in doc.entities_in(s0, s1) if e.entity_kind == "place")


_DAYS_AFTER_RE = re.compile(r"(?<!\w)و?بعد\s+(?:ذلك\s+)?(?:ب)?(?:(\S+)\s+)?(ايام|يوما|اسابيع|اسبوعين|اسبوع|يومين|يوم)(?!\w)(?!\s+(?:علي|من|عن)(?!\w))")


def _day_count(doc: _Doc, base: int, m: re.Match) -> int | None:
    """Days in 'يومين', 'عشرة أيام', 'أسبوع' (group 1 the count word if any, group 2 the unit)."""
    unit = 7 if m.group(2).startswith("اسبوع") else 1
    if m.group(2) in ("اسبوع", "يوم"):
        return unit
    if m.group(2) in ("اسبوعين", "يومين"):
        return 2 * unit
    if m.group(1) is None:
        return None
    count = next((n for n in doc.numbers_in(base + m.start(1), base + m.end(1) + 1)), None)
    if count is None or not isinstance(count.value, int) or not 1 <= count.value <= 60:
        return None
    return count.value * unit


# "صوّت البرلمان في 5 كانون الثاني بعد يومين من مقتل سليماني": the event is that many days before the date
_DAYS_FROM_RE = re.compile(r"(بعد|قبل)\s+(?:(\S+)\s+)?(ايام|يوما|اسبوعين|اسبوع|يومين|يوم)\s+(?:من|علي)\s+$")


def _counted_from(doc: _Doc, when: DateMention | None, trigger: Span, s0: int) -> DateMention | None:
    """The event's day from the last day written before 'بعد يومين من' / 'قبل عشرة أيام من' and its trigger."""
    if when is None:
        return None
    lo = max(s0, trigger.start - 40)
    m = _DAYS_FROM_RE.search(doc.norm_slice(lo, trigger.start))
    if not m:
        return None
    cue_start = lo + m.start()
    written = [d for d in doc.dates_in(s0, cue_start) if d.precision == "day" and d.iso and d.end <= cue_start]
    if not written:
        return None
    inner = re.match(r"(?:(\S+)\s+)?(ايام|يوما|اسبوعين|اسبوع|يومين|يوم)", m.group(0)[len(m.group(1)):].lstrip())
    offset = cue_start + len(m.group(0)) - len(m.group(0)[len(m.group(1)):].lstrip())
    days = _day_count(doc, offset, inner) if inner else None
    if days is None:
        return None
    day = date.fromisoformat(written[-1].iso) + timedelta(days=-days if m.group(1) == "بعد" else days)
    return DateMention(cue_start, trigger.start, day.isoformat(), "day", day.year, "", True, False, m.group(0))


def _after_previous_event(doc: _Doc, s0: int, s1: int, rows: list[dict]) -> DateMention | None:
    """'وردت الفصائل في اليوم التالي': a date counted from the incident reported just before, when that one is
    dated to the day."""
    if not rows or rows[-1]["date_precision"] != "day" or rows[-1]["date_basis"] != "text":
        return None
    offsets = doc.spans("previous_event_offsets", s0, s1)
    if offsets:
        cue = offsets[0]
        start, end, days = cue.start, cue.end, int(cue.label)
    else:  # "وبعد عشرة أيام", "بعد ذلك بخمسة أيام", "بعد أسبوع": a count of days or weeks after it
        m = _DAYS_AFTER_RE.search(doc.norm_slice(s0, s1))
        if not m:
            return None
        days = _day_count(doc, s0, m)
        if days is None:
            return None
        start, end = s0 + m.start(), s0 + m.end()
    day = date.fromisoformat(rows[-1]["date"]) + timedelta(days=days)
    return DateMention(start, end, day.isoformat(), "day", day.year, "", True, False, doc.text[start:end])


def _day_of_previous_month(doc: _Doc, s0: int, s1: int, rows: list[dict]) -> DateMention | None:
    """'الخميس 19 منه', 'ففي 18 من ذلك الشهر': that day of the month last named before it (a date written in the
    text, else the incident listed just before)."""
    m = SAME_MONTH_DAY_RE.search(doc.norm_slice(s0, s1))
    if not m:
        return None
    written = [d for d in doc.dates_in(max(0, s0 - 2000), s0 + m.start())
               if d.iso and d.precision in ("day", "month") and d.explicit_year]
    if written:
        year, month = written[-1].year, int(written[-1].iso[5:7])
    elif rows and rows[-1]["date_precision"] in ("day", "month"):
        year, month = int(rows[-1]["date"][:4]), int(rows[-1]["date"][5:7])
    else:
        return None
    try:
        day = date(year, month, int(m.group(1)))
    except ValueError:
        return None
    return DateMention(s0 + m.start(), s0 + m.end(), day.isoformat(), "day", year, "", True, False, m.group(0))


_FIGURES: dict[int, tuple[Gazetteer, frozenset[str]]] = {}


def _faction_figures(gazetteer: Gazetteer, cues: Cues) -> frozenset[str]:
    """People whose parent is a faction or a faction force (IRGC, Quds Force, PMF): their killing is a strike."""
    cached = _FIGURES.get(id(gazetteer))
    if cached is None or cached[0] is not gazetteer:  # an id can be reused by a later gazetteer
        factions = {i for i, rec in gazetteer.actors.items() if rec.get("type") == "militia"}
        factions |= set(cues.roles.get("faction_forces", []))
        cached = _FIGURES[id(gazetteer)] = (gazetteer, frozenset(
            i for i, rec in gazetteer.actors.items() if rec.get("type") == "person" and rec.get("parent") in factions))
    return cached[1]


_GUESS_RE = re.compile(r"(?:يرجح|يعتقد|رجحت|يشتبه)\s+(?:ان|انه|انها|بانها|بانه)\s+")
# "في الجانب العراقي"; "قالت الحكومة العراقية إن 16 قتلوا", "أحصى المرصد السوري": a toll a country's own
# authorities or monitors give is that country's
_SIDE_RE = re.compile(r"(?:الجانب|الطرف|الشق|الحكومه|السلطات|الجيش|المرصد|وزاره الدفاع|وزاره الصحه)\s+(العراقي|العراقيه|السوري|السوريه|الاردني|الاردنيه)(?!\w)")
_SIDE_COUNTRY = {"العراقي": "Iraq", "العراقيه": "Iraq", "السوري": "Syria", "السوريه": "Syria", "الاردني": "Jordan", "الاردنيه": "Jordan"}


def _sides_named(doc: _Doc, gazetteer: Gazetteer, s0: int, s1: int) -> set[str]:
    """Countries a toll line names for itself: 'في الجانب العراقي', 'في سوريا'."""
    sides = {_SIDE_COUNTRY[m.group(1)] for m in _SIDE_RE.finditer(doc.norm_slice(s0, s1))}
    sides |= {gazetteer.places[e.entity_id]["name_en"] for e in doc.entities_in(s0, s1)
              if e.entity_kind == "place" and gazetteer.places[e.entity_id].get("type") == "country"}
    return sides


_THE_BASE_RE = re.compile(r"(?<!\w)[وفبل]?(?:القاعده|المطار)(?!\w)")


def _the_base(doc: _Doc, gazetteer: Gazetteer, lo: int, hi: int, s0: int) -> dict | None:
    """'سقط أكثر من ثلاثين صاروخا على القاعدة': 'the base' with no name is the base named last before it, in its
    sentence or the one before."""
    for m in _THE_BASE_RE.finditer(doc.norm_slice(lo, hi)):
        end = lo + m.end()
        if any(0 <= e.start - end <= 4 for e in doc.entities_in(end, min(hi, end + 40)) if e.entity_kind == "place"):
            continue  # "القاعدة الجوية في عين الأسد": named right after
        sent_start = doc.sentence_of(lo)[0]
        prev_start = doc.sentence_of(sent_start - 1)[0] if sent_start > 0 else sent_start
        bases = [e for e in doc.entities_in(prev_start, lo + m.start()) if e.entity_kind == "place"
                 and gazetteer.places[e.entity_id].get("type") in ("base", "facility")]
        if len({e.entity_id for e in bases}) == 1:  # two bases named before: which one is meant is a guess
            return {**gazetteer.places[bases[-1].entity_id], "id": bases[-1].entity_id}
        return None
    return None


def _us_agent_in_sentence(doc: _Doc, s0: int, s1: int) -> bool:
    """The US or the coalition named in the sentence other than as a target."""
    return any(not is_target for _sp, is_target in _us_mentions(doc, s0, s1))


def _same_scene(doc: _Doc, gazetteer: Gazetteer, s0: int, s1: int, previous: dict) -> bool:
    """An elaboration names no place other than the previous incident's ('وقال المصدر إن العبوة انفجرت ...')."""
    places = {gazetteer.places[e.entity_id]["name_en"] for e in doc.entities_in(s0, s1)
              if e.entity_kind == "place" and gazetteer.places[e.entity_id].get("type") in ("base", "facility")}
    return not places or places == {previous["place"]}


def _segment_incident(doc: _Doc, cues: Cues, gazetteer: Gazetteer, new_actors: dict[str, dict], s0: int, s1: int,
                      sent_start: int, sent_end: int, rows: list[dict], index: int) -> dict | None:
    """The incident one segment reports, or None; a casualty follow-up fills in the previous row instead."""
    triggers = _triggers(doc, s0, s1, _faction_figures(gazetteer, cues))
    # "الخميس 19 منه" names the day of a month already given: it beats the weekday read on its own
    when = (_day_of_previous_month(doc, s0, s1, rows) or _event_date(doc, triggers, s0, s1)) if triggers else None
    if doc.spans("commemoration", sent_start, sent_end) and not (when is not None and when.explicit_year and not when.relative):
        # "تحل اليوم الذكرى الأولى لمقتل سليماني": remembering an event is not reporting one; the event itself,
        # written with its own date ("اغتيل في 3 كانون الثاني 2020 قرب مطار بغداد"), is an older incident recapped
        return None
    if when is None and triggers:
        when = _after_previous_event(doc, s0, s1, rows)
    if when is None and any(t.label == "response" for t in triggers) and rows and rows[-1]["date_basis"] == "text" \
            and rows[-1]["date_precision"] == "day":
        # "ردت مروحيات أمريكية على مطلقي الصواريخ": answering fire happens on the day of the attack it answers
        prev = rows[-1]
        when = DateMention(s0, s0, prev["date"], "day", prev["year"], "", True, False, "")
    if when is not None and triggers:
        when = _counted_from(doc, when, _nearest(triggers, when.end), sent_start) or when
    killed, wounded = _casualties(doc, cues, s0, s1)
    casualties = killed is not None or wounded is not None
    responses = [t for t in triggers if t.label == "response"]
    if when is None and not responses and _completes_previous(doc, gazetteer, triggers, s0, s1, rows, index, casualties) and (
            casualties or _same_scene(doc, gazetteer, s0, s1, rows[-1])):
        # the toll goes on the recent incident whose place it names ('قتل خمسة في الغارات على البوكمال'), else the last
        named = {gazetteer.places[e.entity_id]["name_en"] for e in doc.entities_in(s0, s1) if e.entity_kind == "place"}
        # or on the one whose weapon it names ('وقال المصدر إن المسيّرة أُسقطت ... دون أن تسفر عن إصابات')
        recent = [r for r in reversed(rows[-4:]) if index - r["_sentence"] <= 3]
        weapons = {sp.label for sp in doc.spans("weapons", s0, s1)}
        # or on the one in the country it names ('16 قتلوا في الجانب العراقي، بينما ... 23 في الجانب السوري')
        sides = _sides_named(doc, gazetteer, s0, s1)
        previous = next((r for r in recent if r["place"] in named), None) \
            or next((r for r in recent if sides and r["country"] in sides and len(sides) == 1), None) \
            or next((r for r in recent if r["weapon"] in weapons), rows[-1])
        # "ارتفعت حصيلة القتلى إلى 11": a revised toll replaces the earlier one; a toll that only restates or
        # recalls an earlier count ("وكان المرصد قد أشار إلى مقتل 17") never lowers it
        revised = bool(doc.spans("toll_revisions", s0, s1))
        for slot, value in (("killed", killed), ("wounded", wounded)):
            if value is not None and (revised or previous[slot] is None or value > previous[slot]):
                previous[slot] = value
                previous["_sources"][slot] = (sent_start, sent_end)
        _claim_in_follow_up(doc, gazetteer, new_actors, previous, sent_start, sent_end)
        previous.setdefault("_also", []).append((sent_start, sent_end))
        return None
    if not triggers:
        return None
    general = all(doc.spans("general_triggers", t.start, t.end) for t in triggers)
    undated_claim = when is None and not casualties and _names_a_target(doc, gazetteer, triggers, s0, s1) and (
        not general
        # "نفذت طائرات أمريكية ضربات على ثلاثة مواقع قرب البوكمال": plural strikes by a named agent on named places
        or (bool(doc.spans("strike_triggers", s0, s1)) and _us_agent_in_sentence(doc, sent_start, sent_end)))
    if when is None and not casualties and not undated_claim:
        return None
    killing = any(t.label == "killing" for t in triggers)
    if when is not None and not casualties and not killing and (when.precision == "year" or (general and when.precision != "day")):
        return None  # "الهجمات ... مقارنة بعام 2018": a trend, not an event
    anchor = when.start if when else triggers[0].start
    trigger = _nearest(triggers, anchor)
    lo, hi = max(s0, trigger.start - EVENT_WINDOW), min(s1, trigger.end + EVENT_WINDOW)
    actors = [e for e in doc.entities_in(lo, hi) if e.entity_kind == "actor"]
    actors += [
        EntityMatch(a["actor_id"], "actor", s, e, doc.text[s:e])
        for a in new_actors.values()
        for s, e in _spans_of(doc, a["name_ar"], lo, hi)
    ]
    faction_forces = set(cues.roles.get("faction_forces", []))
    militias = [a for a in actors if _actor_type(gazetteer, a.entity_id) in ("militia", "") or a.entity_id in faction_forces]
    persons = [a for a in actors if _actor_type(gazetteer, a.entity_id) == "person"]
    weapons = doc.spans("weapons", lo, hi)
    weapon = _choose_weapon(weapons, trigger)
    us_target = _us_is_target(doc, max(s0, trigger.start - 60), min(s1, trigger.end + 100))
    base = _best_place(doc, gazetteer, lo, hi, trigger.start)
    # "اغتيال قائد فيلق القدس": killing faction figures is a strike even when the text names no agent
    # ("اغتيال سليماني والمهندس قرب مطار بغداد": the person right after the word, whatever the place)
    named_victim = any(0 <= p.start - trigger.end <= 40 for p in persons)
    # "الضربة ... التي قتلت سليماني والمهندس": a verb of killing with a faction figure as its object
    killing_verb = re.sub(r"^[وف]", "", doc.norm_slice(trigger.start, trigger.end)) in ("قتلت", "قتل", "اغتالت", "اغتال") \
        and any(0 <= p.start - trigger.end <= 40 and p.entity_id in _faction_figures(gazetteer, cues) for p in persons)
    targeted_killing = (bool(doc.spans("strike_triggers", trigger.start, trigger.end)) or trigger.label == "killing"
                        or killing_verb) and bool(persons) \
        and not us_target and (named_victim or not (base and base.get("type") in ("base", "facility")))
    # "ضربت قاذفات بي-1 ... أكثر من 85 هدفا": bombers and fighter jets are a state's, never a faction's
    air_agent = any(AIR_AGENT_RE.match(doc.norm_slice(t.end, min(s1, t.end + 30))) for t in triggers
                    if abs(t.start - trigger.start) <= 60)
    is_strike = targeted_killing or trigger.label == "response" or air_agent \
        or any(_strike_signal(doc, t, s1) for t in triggers if abs(t.start - trigger.start) <= 60
               and not doc.spans("interception_cues", t.start, t.end))  # "تصدّت منظومة السفارة الأميركية" defends
    if not (weapon or killed is not None or wounded is not None or militias or persons or is_strike
            or _best_place(doc, gazetteer, lo, hi, trigger.start)):
        return None
    state_perpetrator = next(
        (st for t in triggers if abs(t.start - trigger.start) <= 60 for st in [_state_adjective(doc, t, s1)] if st), "")
    true_militias = [a for a in militias if a.entity_id not in faction_forces]
    # "وردت بعد يومين بغارات جوية على مواقع كتائب حزب الله": factions have no air force, so an air strike that
    # hits them, with no other state named, is a US or coalition strike even when the agent is left out
    if not is_strike and not state_perpetrator and weapon and weapon.label == "airstrike" \
            and (militias or _us_agent_in_sentence(doc, sent_start, sent_end)) \
            and doc.spans("strike_triggers", trigger.start, trigger.end):
        is_strike = targeted_killing = True
    # "قصفت مقرا للحشد", "ضربات على منشأتين لكتائب حزب الله": every faction named is the owner of what was
    # hit, so they are the target, and the event is a strike on them (by the US when no other state is named)
    if not is_strike and not state_perpetrator and true_militias and not us_target \
            and not (base and base.get("type") in ("base", "facility")) \
            and all(_owns_target(doc, a, trigger) for a in true_militias):
        is_strike = True
    if is_strike:
        event_type = "strike"
    elif state_perpetrator:
        event_type = "other"  # "قصفت طائرات إسرائيلية مواقع لحزب الله", "أطلقت إيران صواريخ على عين الأسد": a state's own strike
    elif true_militias or us_target or (base and base.get("type") in ("base", "facility")):
        event_type = "attack"  # the gazetteer's bases and facilities host US or coalition forces
    elif militias:
        event_type = "other"  # "الحرس الثوري يطلق صواريخ على أربيل": a state force hitting someone other than US forces
    elif state_perpetrator:
        event_type = "other"
    else:
        event_type = "attack" if weapon and weapon.label in ("rocket", "drone", "ied", "ballistic_missile") else "other"
    place = _best_place(doc, gazetteer, lo, hi, trigger.start)
    if place is None or place.get("_origin"):  # "أطلقت من سهل نينوى باتجاه المطار": the airport named before
        place = _the_base(doc, gazetteer, lo, hi, s0) or place
    if place is not None and place.get("country") not in THEATRE and _war_context(doc, place["id"], lo, hi):
        place = None  # "منذ بدء الحرب على غزة": the war named as context, not where this event happened
    if event_type == "attack" and any(a.entity_id in set(cues.roles.get("not_factions", [])) for a in militias) \
            and not true_militias_of_axis(cues, true_militias):
        event_type = "other"  # "مقتل جنديين في هجوم لداعش": ISIS fighting others is not this confrontation
    if event_type == "attack" and place is not None and place.get("country") and place.get("country") not in THEATRE:
        event_type = "other"  # "استهداف هدف حيوي في إيلات": the factions' strikes on Israel are not on US forces
    if place is not None and place.get("type") == "country":
        place = None  # several countries may be named: list them all below
    if place is None:
        country = "; ".join(_event_countries(doc, gazetteer, lo, hi, trigger))
    else:
        country = place.get("country", "") if place.get("type") != "country" else place["name_en"]
    claimed = ""
    if militias and CLAIM_RE.search(doc.norm_slice(sent_start, sent_end)):
        claimed = _actor_name(gazetteer, _nearest(militias, trigger.start).entity_id, new_actors)
    if event_type == "strike":
        perpetrator = _strike_perpetrator(doc, gazetteer, cues, trigger, s1) if not targeted_killing or any(
            _strike_signal(doc, t, s1) for t in triggers) else ""
        target_ids = [a.entity_id for a in sorted(persons + militias, key=lambda a: a.start)]
    else:
        # a group named right after 'مقتل' / 'إصابة' lost people: it is the victim, not the perpetrator
        victims = {a.entity_id for a in militias
                   if any(0 <= a.start - c.end <= 25 for c in doc.spans("killed_cues", s0, a.start) + doc.spans("wounded_cues", s0, a.start))}
        subject = _nearest([a for a in militias if a.entity_id not in victims], trigger.start)
        perpetrator = claimed or (_actor_name(gazetteer, subject.entity_id, new_actors) if subject else "")
        if not perpetrator and state_perpetrator:
            perpetrator = state_perpetrator
        if not perpetrator and event_type == "attack" and CLAIM_RE.search(doc.norm_slice(sent_start, sent_end)):
            # "أعلنت المقاومة في بيان استهداف ...": a claim in an article that names one militia is that militia's
            named = _article_militias(doc, gazetteer)
            if len(named) == 1:
                perpetrator = claimed = _actor_name(gazetteer, named[0])
        target_ids = []
    targets = _unique([_actor_name(gazetteer, i, new_actors) for i in target_ids])
    if event_type != "strike":
        if place and place.get("type") in ("base", "facility"):
            targets = [place["name_en"]]
        elif us_target:
            targets = ["US forces"]
    factions = _unique(
        [_actor_name(gazetteer, a.entity_id, new_actors) for a in militias]
        + [_parent_name(gazetteer, a.entity_id) for a in persons]
    )
    # the group that did it (or claimed it) leads: charts stack an event under its first faction
    factions = sorted(factions, key=lambda name: name not in (claimed, perpetrator))
    dated = _date_fields(when) if when else _published_fields(doc.published)
    dated["date_end"] = ""
    first_day = _range_start(doc, when) if when is not None and when.precision == "day" else None
    if first_day:  # "بين 28 و30 كانون الثاني": the range's first day, its last in date_end
        dated.update(date=first_day, date_precision="range", date_end=when.iso)
    return {
        "_sentence": index,
        "_sources": {},
        "incident_id": f"{doc.article_id}-inc-{s0}",
        "article_id": doc.article_id,
        "event_key": "",
        **dated,
        "date_basis": "text" if when else ("published" if dated["date"] else ""),
        "event_type": event_type,
        "weapon": weapon.label if weapon else ("airstrike" if event_type == "strike" and _is_air(doc, trigger) else "unknown"),
        "perpetrator": perpetrator,
        "claimed_by": claimed,
        "target": "; ".join(targets),
        "factions": "; ".join(f for f in factions if f),
        "place": place["name_en"] if place and place.get("type") != "country" else "",
        "country": country,
        "lat": place.get("lat") if place and place.get("type") != "country" else None,
        "lon": place.get("lon") if place and place.get("type") != "country" else None,
        "killed": killed,
        "wounded": wounded,
        "outcome": "intercepted" if _intercepted(doc, trigger, s0, s1) else "",
        "quote": doc.text[sent_start:sent_end],
        "start": sent_start,
        "end": sent_end,
    }


def _claim_in_follow_up(doc: _Doc, gazetteer: Gazetteer, new_actors: dict[str, dict], previous: dict,
                        s0: int, s1: int) -> None:
    """'وأعلنت المقاومة الإسلامية مسؤوليتها عن الهجوم': a claim that follows the event names its claimant."""
    if previous["event_type"] != "attack" or not CLAIM_RE.search(doc.norm_slice(s0, s1)):
        return
    militias = [e for e in doc.entities_in(s0, s1) if e.entity_kind == "actor" and _actor_type(gazetteer, e.entity_id) == "militia"]
    militias += [EntityMatch(a["actor_id"], "actor", s, e, doc.text[s:e])
                 for a in new_actors.values() for s, e in _spans_of(doc, a["name_ar"], s0, s1)]
    if not militias:
        return
    name = _actor_name(gazetteer, min(militias, key=lambda e: e.start).entity_id, new_actors)
    previous["claimed_by"] = previous["perpetrator"] = name
    previous["_sources"]["claimed_by"] = previous["_sources"]["perpetrator"] = (s0, s1)
    if name not in previous["factions"].split("; "):
        previous["factions"] = "; ".join(filter(None, [name] + previous["factions"].split("; ")))


def _intercepted(doc: _Doc, trigger: Span, s0: int, s1: int) -> bool:
    """'أسقطت الدفاعات الجوية مسيرة', 'اعترضت منظومة سي رام صاروخين': the weapon was stopped before it hit."""
    return bool(doc.spans("interception_cues", max(s0, trigger.start - 80), min(s1, trigger.end + 80)))


def _article_militias(doc: _Doc, gazetteer: Gazetteer) -> list[str]:
    """Militias the article names, umbrellas left out when one of their members is named too."""
    ids = list(dict.fromkeys(e.entity_id for e in doc.entities if _actor_type(gazetteer, e.entity_id) == "militia"))
    parents = {gazetteer.actors[i].get("parent") for i in ids}
    return [i for i in ids if i not in parents]


def _owns_target(doc: _Doc, actor: EntityMatch, trigger: Span) -> bool:
    """The faction follows the trigger as the owner of an asset: 'مقرا للحشد', 'مواقع لكتائب حزب الله'."""
    return actor.start > trigger.start and bool(doc.spans("faction_assets", max(trigger.end, actor.start - 30), actor.start))


def _war_context(doc: _Doc, place_id: str, lo: int, hi: int) -> bool:
    """Every mention of the place in [lo, hi) follows a war or solidarity phrase ('الحرب على غزة', 'نصرة لغزة')."""
    found = [e for e in doc.entities_in(lo, hi) if e.entity_id == place_id]
    return bool(found) and all(doc.spans("war_context", max(lo, e.start - 25), e.start) for e in found)


def _event_countries(doc: _Doc, gazetteer: Gazetteer, lo: int, hi: int, trigger: Span) -> list[str]:
    """The country nearest the trigger, plus those coordinated with it ('في العراق وسوريا'), not every
    country the sentence names ('في الأردن قرب الحدود مع سوريا' is Jordan)."""
    found = [e for e in doc.entities_in(lo, hi) if e.entity_kind == "place"]
    if not found:
        return []
    chosen = [_nearest(found, trigger.end)]
    for e in sorted(found, key=lambda m: m.start):
        if e in chosen:
            continue
        if any(COORDINATION_RE.fullmatch(doc.text[c.end:e.start]) for c in chosen):
            chosen.append(e)
    return sorted({gazetteer.places[e.entity_id]["name_en"] for e in chosen})


def _names_a_target(doc: _Doc, gazetteer: Gazetteer, triggers: list[Span], s0: int, s1: int) -> bool:
    """'أعلنت المقاومة الإسلامية استهداف قاعدة حرير بطائرة مسيرة': a news report of an event with no date
    of its own still names a base or facility and a weapon or a group; the article's date dates it."""
    for trigger in triggers:
        lo, hi = max(s0, trigger.start - 80), min(s1, trigger.end + 80)
        place = _best_place(doc, gazetteer, lo, hi, trigger.start)
        if not place or place.get("type") not in ("base", "facility", "city"):
            continue
        # the weapon may close a list of targets ('استهدفوا قاعدة حرير ...، وقاعدة الشدادي ...، بعدد من المسيرات')
        weapons = doc.spans("weapons", lo, s1)
        groups = [e for e in doc.entities_in(lo, hi) if e.entity_kind == "actor" and _actor_type(gazetteer, e.entity_id) == "militia"]
        if weapons or groups or any(doc.spans(k, lo, hi) for k in ("us_signals", "coalition_signals")):
            return True
    return False


def _spans_of(doc: _Doc, name: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out, pos = [], doc.text.find(name, lo)
    while 0 <= pos < hi:
        out.append((pos, pos + len(name)))
        pos = doc.text.find(name, pos + 1)
    return out


def _unique(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


def _parent_name(gazetteer: Gazetteer, actor_id: str) -> str:
    parent = gazetteer.actors.get(actor_id, {}).get("parent") or ""
    if parent and gazetteer.actors.get(parent, {}).get("type") == "militia":
        return gazetteer.actors[parent]["name_en"]
    return ""


def _is_air(doc: _Doc, trigger: Span) -> bool:
    return bool(re.search(r"غار|جوي", doc.norm_slice(trigger.start, trigger.end + 12)))


def _us_mentions(doc: _Doc, lo: int, hi: int) -> list[tuple[Span, bool]]:
    """US or coalition mentions in [lo, hi), each with whether it is on the receiving end
    ('على القوات الأميركية', 'مقتل 3 جنود أميركيين')."""
    return [(sp, bool(US_TARGET_LEAD_RE.search(doc.norm_slice(max(lo, sp.start - 30), sp.start))))
            for key in ("us_signals", "coalition_signals") for sp in doc.spans(key, lo, hi)]


def _us_is_target(doc: _Doc, lo: int, hi: int) -> bool:
    return any(is_target for _sp, is_target in _us_mentions(doc, lo, hi))


def _state_adjective(doc: _Doc, trigger: Span, s1: int) -> str:
    """'الهجوم الإيراني', 'قصفت طائرات إسرائيلية', 'بقصف لطائرة مسيرة تركية', 'صواريخ باليستية إيرانية سقطت':
    a state named by an adjective right after the trigger, or right after a weapon next to it, is its perpetrator."""
    anchors = [trigger.end]
    anchors += [w.end for w in doc.spans("weapons", max(0, trigger.start - 40), min(s1, trigger.end + 30))
                if w.start >= trigger.end - 1 and w.start - trigger.end <= 6 or w.end <= trigger.start and trigger.start - w.end <= 12]
    # "استهدفت طائرة مسيرة مجهولة يرجح أنها إسرائيلية": a guess at whose it was still names the state
    for m in _GUESS_RE.finditer(doc.norm_slice(trigger.end, min(s1, trigger.end + 60))):
        anchors.append(trigger.end + m.end())
    # "قصفت طائرات إسرائيلية": one word (the aircraft, the drone) between the trigger and the adjective
    word = re.match(r"\s*\S+", doc.text[trigger.end:min(s1, trigger.end + 20)])
    if word:
        anchors.append(trigger.end + word.end())
    for end in anchors:
        for sp in doc.spans_starting("foreign_forces", end, end + 4):
            if sp.end <= s1:
                return sp.label
    return ""


def _strike_perpetrator(doc: _Doc, gazetteer: Gazetteer, cues: Cues, trigger: Span, s1: int) -> str:
    side = "coalition" if doc.spans("coalition_signals", trigger.end, min(s1, trigger.end + 35)) else "us"
    return _actor_name(gazetteer, cues.roles.get(f"strike_perpetrator_{side}", ""))
