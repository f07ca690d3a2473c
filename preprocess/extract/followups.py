"""Lines that complete an event already reported instead of reporting one: a toll ('وأسفر الهجوم عن ...'),
a no-casualty line about two or several events, a claim, a US agent named later. Takes the indexed document,
the segment and the incidents so far; fills the incident it completes."""
from __future__ import annotations

import re

from preprocess.cues import Cues, Span
from preprocess.extract.clauses import _strike_signal
from preprocess.extract.doc import CLAIM_RE, _Doc, _actor_name, _actor_type
from preprocess.gazetteer import EntityMatch, Gazetteer
from preprocess.extract.roles import _strike_perpetrator, _us_is_target
from preprocess.extract.sites import _spans_of


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


def _same_scene(doc: _Doc, gazetteer: Gazetteer, s0: int, s1: int, previous: dict) -> bool:
    """An elaboration names no place other than the previous incident's ('وقال المصدر إن العبوة انفجرت ...')."""
    places = {gazetteer.places[e.entity_id]["name_en"] for e in doc.entities_in(s0, s1)
              if e.entity_kind == "place" and gazetteer.places[e.entity_id].get("type") in ("base", "facility")}
    return not places or places == {previous["place"]}


_DUAL_RE = re.compile(r"(?<!\w)(?:ال)?(?:هجومين|هجومان|هجمتين|هجمتان|عمليتين|عمليتان|ضربتين|ضربتان|غارتين|غارتان)(?!\w)"
                      r"|(?<!\w)(?:لم|دون\s+ان|من\s+دون\s+ان)\s+(?:يسفرا|يوقعا|يخلفا|يسفرا|تسفرا|توقعا|تخلفا)(?!\w)")


_PLURAL_RE = re.compile(r"(?<!\w)(?:ال)?(?:هجمات|عمليات|ضربات|غارات|الاعتداءات)(?!\w)")


def _also_spared(doc: _Doc, s0: int, s1: int, rows: list[dict], previous: dict, index: int) -> list[dict]:
    """The other recent incidents a no-casualty line speaks of: the one before `previous` when it says two
    ('الهجومين'، 'لم يسفرا'), every recent one of its type and day when it says several ('الهجمات')."""
    text = doc.norm_slice(s0, s1)
    recent = [r for r in reversed(rows[-6:]) if r is not previous and index - r["_sentence"] <= 4
              and r["event_type"] == previous["event_type"] and r["date"] == previous["date"]
              and r["killed"] is None and r["wounded"] is None]
    if _DUAL_RE.search(text):
        # the other of the pair: a row from the same sentence when there is one ('قاعدتي الشدادي ورميلان'
        # already made two), else the one just before
        siblings = [r for r in rows if r is not previous and r["_sentence"] == previous["_sentence"]]
        if siblings:
            return [r for r in siblings if r in recent][:1]
        before = [r for r in recent if r["_sentence"] <= previous["_sentence"]]
        return before[:1]
    if _PLURAL_RE.search(text):
        return recent
    return []


def _agent_in_follow_up(doc: _Doc, gazetteer: Gazetteer, cues: Cues, previous: dict, triggers: list[Span],
                        s0: int, s1: int, sent_start: int, sent_end: int) -> None:
    """'استهداف عجلة بطائرة مسيرة في المشتل' then 'وقال المصدر إن طائرة مسيرة يرجح أنها أمريكية استهدفت العجلة':
    the follow-up names the United States as the agent of an event nobody claimed, so it was a US strike."""
    if previous["event_type"] != "attack" or previous["perpetrator"] or previous["claimed_by"] \
            or previous["place"] and gazetteer.places.get(_place_id(gazetteer, previous["place"]), {}).get("type") in ("base", "facility"):
        return
    agent = next((t for t in triggers if _strike_signal(doc, t, s1) and not doc.spans("interception_cues", t.start, t.end)), None)
    if agent is None or _us_is_target(doc, max(s0, agent.start - 60), min(s1, agent.end + 100)):
        return
    previous["event_type"] = "strike"
    previous["perpetrator"] = _strike_perpetrator(doc, gazetteer, cues, agent, s1)
    previous["_sources"]["perpetrator"] = (sent_start, sent_end)
    previous["target"] = ""


def _place_id(gazetteer: Gazetteer, name_en: str) -> str:
    return next((i for i, rec in gazetteer.places.items() if rec.get("name_en") == name_en), "")


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


def _holds_tally(doc: _Doc, lo: int, hi: int) -> bool:
    """'تعرضت القوات لأكثر من 150 هجوماً ... فيما أصيب نحو 70 عسكرياً': a sentence that counts attacks gives a
    running toll of all of them, not of the event before it."""
    return any(not doc.in_date(n.num_start) and doc.spans_starting("attack_count_nouns", n.num_end, min(hi, n.num_end + 3))
               for n in doc.numbers_in(lo, hi))
