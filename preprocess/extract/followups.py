"""Lines that complete an event already reported instead of reporting one: a toll ('وأسفر الهجوم عن ...'),
a no-casualty line about two or several events, a claim, a US agent named later. Takes the indexed document,
the segment and the incidents so far; fills the incident it completes."""
from __future__ import annotations

import re

from preprocess.cues import Cues, Span
from preprocess.extract.clauses import _casualties, _strike_signal
from preprocess.extract.doc import CLAIM_RE, _Doc, place_records_by_name, _actor_name, _actor_type
from preprocess.gazetteer import EntityMatch, Gazetteer
from preprocess.extract.roles import _strike_perpetrator, _us_is_target
from preprocess.extract.sites import _spans_of


def _completes_previous(doc: _Doc, gazetteer: Gazetteer, triggers: list[Span], s0: int, s1: int, rows: list[dict],
                        index: int, casualties: bool = False) -> bool:
    """A follow-up with casualties and no event of its own: 'وأسفر الهجوم عن مقتل 16', 'من دون خسائر بشرية',
    'مشيراً إلى أن الحادث "لم يسفر عن إصابات"' (a toll with no trigger word at all, right after the event)."""
    if not rows or index - rows[-1]["_sentence"] > followup_reach(doc, triggers, casualties):
        return False
    if casualties and not triggers and not doc.spans("response_markers", s0, min(s1, s0 + 20)) \
            and not _elsewhere(doc, gazetteer, s0, s1, rows[-1]):
        return True  # not "ردا على مقتل ثلاثة جنود في الأردن": the cause of the event, somewhere else
    only_anaphora = bool(triggers) and all(doc.spans("anaphoric_triggers", t.start, t.end) for t in triggers)
    if casualties and triggers and any(doc.spans("anaphoric_triggers", t.start, t.end) for t in triggers) \
            and all(_names_no_new_event(doc, t, s0, s1) for t in triggers):
        # "قال المتحدث إن الضربات أسفرت عن سقوط 16 قتيلاً، واصفاً إياها بأنها «اعتداء جديد»": the strikes just
        # reported, their toll, and a word inside a quotation
        return True
    return only_anaphora or bool(doc.spans("consequence_cues", s0, min(s1, s0 + 25))) \
        or bool(doc.spans("elaboration_openers", s0, min(s1, s0 + 12)))


FOLLOWUP_SENTENCES = 3  # a toll line with no word of its own completes an event this many sentences back at most
ANAPHOR_SENTENCES = 8  # "... إن الضربات أسفرت عن سقوط 16 قتيلاً": a toll of "the strikes" reaches further back


def followup_reach(doc: _Doc, triggers: list[Span], casualties: bool) -> int:
    """How many sentences back a follow-up may complete an event."""
    if casualties and any(doc.spans("anaphoric_triggers", t.start, t.end) for t in triggers):
        return ANAPHOR_SENTENCES
    return FOLLOWUP_SENTENCES


def anaphor_type(doc: _Doc, triggers: list[Span]) -> str:
    """'الغارات', 'الضربات' refer back to a strike; 'الهجوم', 'الهجمات' to an attack; else ''."""
    for t in triggers:
        if doc.spans("anaphoric_triggers", t.start, t.end):
            # ("القصف الأمريكي", "الهجوم الأميركي": the adjective says whose it was)
            us = re.match(r"\s*(?:الجوي\s+)?(?:الامريكي|الاميركي)(?!\w)", doc.norm_slice(t.end, t.end + 20))
            return "strike" if doc.spans("strike_triggers", t.start, t.end) or us else "attack"
    return ""


def split_country(previous: dict, side: str) -> dict | None:
    """A toll for one side of strikes reported in several countries ('وفي سوريا، ذكر المرصد أن الغارات قتلت
    23'): the row becomes that country's, and a new row keeps the others (returned), each with its own toll."""
    countries = [c for c in previous["country"].split("; ") if c]
    if len(countries) < 2 or side not in countries or previous["event_type"] != "strike" or previous["place"]:
        return None
    rest = [c for c in countries if c != side]
    other = split_part(previous, f"c{len(rest)}", len(countries), country="; ".join(rest))
    previous["country"] = side
    return other


def split_part(previous: dict, suffix: str, part: int, **fields) -> dict:
    """A new row split off an incident told as one (another country, another town), with no toll of its own; the
    two stay apart when mentions are merged (`_split`)."""
    key = previous.get("_split", (previous["incident_id"], 0))[0]
    other = {**previous, "_sources": {k: v for k, v in previous["_sources"].items() if k not in ("killed", "wounded")},
             "incident_id": f"{previous['incident_id']}-{suffix}", "killed": None, "wounded": None, "_split": (key, part),
             "_also": list(previous.get("_also", [])), **fields}
    previous["_split"] = (key, 0)
    return other


def _names_no_new_event(doc: _Doc, trigger: Span, s0: int, s1: int) -> bool:
    """The event word refers back ('الغارات'), opens a toll ('سقوط 16 قتيلاً', 'قتلت ما لا يقل عن 18 عنصراً') or
    sits inside a quotation."""
    if doc.spans("anaphoric_triggers", trigger.start, trigger.end):
        return True
    after = doc.norm_slice(trigger.end, min(s1, trigger.end + 30))
    if _TOLL_AFTER_RE.match(after) and doc.numbers_in(trigger.end, min(s1, trigger.end + 30)):
        return True
    before = doc.text[s0:trigger.start]
    return sum(before.count(q) for q in '"\u201c\u201d') % 2 == 1 or before.count("\u00ab") > before.count("\u00bb")


_TOLL_AFTER_RE = re.compile(r"\s*(?:ما\s+لا\s+يقل\s+عن\s+|اكثر\s+من\s+|نحو\s+|قرابه\s+|حوالي\s+)?[\d\u0660-\u0669]|\s*(?:ما\s+لا\s+يقل\s+عن|اكثر\s+من|نحو|قرابه|حوالي)?\s*(?:اثنين|ثلاثه|اربعه|خمسه|سته|سبعه|ثمانيه|تسعه|عشره|عشرات)")


def _elsewhere(doc: _Doc, gazetteer: Gazetteer, s0: int, s1: int, previous: dict) -> bool:
    """The segment names a place in a country other than the previous incident's."""
    return any(gazetteer.places[e.entity_id].get("country") not in ("", None, previous.get("country"))
               for e in doc.entities_in(s0, s1) if e.entity_kind == "place")


# "في الجانب العراقي"; "قالت الحكومة العراقية إن 16 قتلوا", "أحصى المرصد السوري": a toll a country's own
# authorities or monitors give is that country's
_SIDE_RE = re.compile(r"(?:الجانب|الطرف|الشق|الحكومه|السلطات|الجيش|المرصد|وزاره الدفاع|وزاره الصحه)\s+(العراقي|العراقيه|السوري|السوريه|الاردني|الاردنيه)(?!\w)")


_SIDE_COUNTRY = {"العراقي": "Iraq", "العراقيه": "Iraq", "السوري": "Syria", "السوريه": "Syria", "الاردني": "Jordan", "الاردنيه": "Jordan"}


# "أعلنت هيئة الحشد الشعبي مقتل أربعة من عناصرها": the Popular Mobilization counts Iraq's side of a wave
_PMF_SIDE_RE = re.compile(r"(?<!\w)(?:هيئه\s+الحشد|الحشد\s+الشعبي|عناصر\s+الحشد|مقاتلي\s+الحشد|مقاتلين\s+من\s+الحشد)(?!\w)")


def pmf_counts(doc: _Doc, s0: int, s1: int) -> bool:
    """The line gives the Popular Mobilization's own count ('أعلنت هيئة الحشد مقتل أربعة من منتسبيها'): its dead
    are the factions', hit by a strike."""
    return bool(_PMF_SIDE_RE.search(doc.norm_slice(s0, s1)))


def _sides_named(doc: _Doc, gazetteer: Gazetteer, s0: int, s1: int) -> set[str]:
    """Countries a toll line names for itself: 'في الجانب العراقي', 'في سوريا'."""
    text = doc.norm_slice(s0, s1)
    sides = {_SIDE_COUNTRY[m.group(1)] for m in _SIDE_RE.finditer(text)}
    if _PMF_SIDE_RE.search(text):
        sides.add("Iraq")
    sides |= {gazetteer.places[e.entity_id]["name_en"] for e in doc.entities_in(s0, s1)
              if e.entity_kind == "place" and gazetteer.places[e.entity_id].get("type") == "country"}
    return sides


# "الحكومة العراقية تحدثت عن 16 قتيلاً، والمرصد السوري عن أكثر من عشرين": the clauses of a line that gives each
# side its own toll
_SIDE_CLAUSE_RE = re.compile(r"(?:[\u060c,;]\s*|\s)(?:بينما|فيما|في\s+حين|وفي\s+المقابل)(?!\w)|[\u060c,;]\s*و(?=\w)")


def tolls_by_side(doc: _Doc, cues: Cues, gazetteer: Gazetteer, s0: int, s1: int) -> dict[str, tuple]:
    """{country: (killed, wounded)} for a toll line that names two sides or more, each in a clause of its own."""
    text = doc.norm_slice(s0, s1)
    cuts = [0] + [m.start() for m in _SIDE_CLAUSE_RE.finditer(text)] + [len(text)]
    out: dict[str, tuple] = {}
    for a, b in zip(cuts, cuts[1:]):
        lo, hi = doc.pos(s0, a), doc.pos(s0, b)
        sides = _sides_named(doc, gazetteer, lo, hi)
        if len(sides) != 1:
            continue
        killed, wounded = _casualties(doc, cues, lo, hi)
        if killed is None and wounded is None:
            continue
        side = next(iter(sides))
        if side in out:
            return {}
        out[side] = (killed, wounded)
    return out if len(out) >= 2 else {}


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
    # (an attack on US forces, "موقع يضم جنوداً أمريكيين", stays one: a US agent after it strikes someone else)
    if previous["event_type"] != "attack" or previous["perpetrator"] or previous["claimed_by"] \
            or "US forces" in previous["target"].split("; ") \
            or previous["place"] and place_records_by_name(gazetteer).get(previous["place"], {}).get("type") in ("base", "facility"):
        return
    agent = next((t for t in triggers if _strike_signal(doc, t, s1) and not doc.spans("interception_cues", t.start, t.end)), None)
    if agent is None or _us_is_target(doc, max(s0, agent.start - 60), min(s1, agent.end + 100)):
        return
    previous["event_type"] = "strike"
    previous["perpetrator"] = _strike_perpetrator(doc, gazetteer, cues, agent, s1)
    previous["_sources"]["perpetrator"] = (sent_start, sent_end)
    previous["target"] = ""


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
