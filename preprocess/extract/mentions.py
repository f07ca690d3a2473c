"""Event mentions: one record per segment that reports an attack or strike, with its slots (type, date, place,
agent, claimant, target, weapon, casualties) and where each came from."""
from __future__ import annotations

import re
from datetime import date

from preprocess.cues import Cues, Span
from preprocess.dates import DateMention, month_named, weekday_named
from preprocess.extract.clauses import AFTER_SPAN_RE, _casualties, _choose_weapon, _event_date, _list_item_head, _operations_list_item, _strike_signal, operations_list_lead, _triggers, _us_list_lead, event_segments
from preprocess.extract.victims import named_victims
from preprocess.extract.enumerations import ATTACK_AT_RE, _days_as_range, _one_per_base, _one_per_day, _one_per_struck_place, _range_start, month_run
from preprocess.extract.doc import BASE_COORDINATION_RE, PLACE_SPECIFICITY, place_records_by_name, BARE_WEEKDAYS_RE, WEEKDAYS_RE, AIR_AGENT_RE, GUNSHIP_RE, THEATRE, CLAIM_RE, EVENT_WINDOW, _Doc, _actor_name, _actor_type, _best_place, _country_fallback, _date_fields, _nearest, _published_fields
from preprocess.gazetteer import EntityMatch, Gazetteer
from preprocess.normalize import normalize_char_string
from preprocess.extract.relative import date_heading, list_item_date, night_range, _after_previous_event, _counted_from, _day_of_previous_month
from preprocess.extract.roles import _agent_after, _article_militias, _faction_figures, _is_air, _lost_a_leader, _mourns_its_dead, _owns_target, _parent_name, _persons, _state_adjective, _strike_perpetrator, _us_agent_in_sentence, _us_is_target
from preprocess.extract.followups import ANAPHOR_SENTENCES, FOLLOWUP_SENTENCES, _names_no_new_event, anaphor_type, followup_reach, split_country, _agent_in_follow_up, _also_spared, _claim_in_follow_up, _completes_previous, _holds_tally, _same_scene, _sides_named, split_part, tolls_by_side, pmf_counts
from preprocess.extract.sites import _event_countries, _names_a_target, _spans_of, _the_base, _war_context

def event_mentions(doc: _Doc, cues: Cues, gazetteer: Gazetteer, new_actors: dict[str, dict],
                   headlines: set[str] = frozenset(), headline_end: int = 0) -> list[dict]:
    """Every event mention of an article in text order, each a row with its slots, `_sentence` (its index) and
    `_sources` (slot -> the span of the sentence that gave it). Headline sentences give none: the body reports
    the same event. events.merge_mentions turns mentions into incidents."""
    rows: list[dict] = []
    told: set[str] = set()  # the places of the attacks told so far (kept as rows grow: no pass over them per row)
    fallback_country = None
    h_keys = [_headline_key(h) for h in headlines]  # once per article, not once per sentence
    for index, (sent_start, sent_end) in enumerate(doc.sentences):
        if sent_start < headline_end or (h_keys and _is_headline_key(_NOT_KEY_RE.sub("", doc.norm_slice(sent_start, sent_end)), h_keys)):
            continue
        for s0, s1 in event_segments(doc, sent_start, sent_end):
            row = _segment_incident(doc, cues, gazetteer, new_actors, s0, s1, sent_start, sent_end, rows, index)
            if row is None:
                continue
            group = _claim_goes_on(doc, rows, index, sent_start, sent_end)
            if row["event_type"] == "attack" and group and row["claimed_by"] in ("", group) and row["perpetrator"] in ("", group):
                # "وتبنت المقاومة الإسلامية الهجوم ... كما أعلنت في البيان ذاته استهداف قاعدة حرير": the same group's
                # claim goes on (and "in the same statement" is of the same day)
                row.update(perpetrator=group, claimed_by=group,
                           factions="; ".join(filter(None, [group] + row["factions"].split("; "))))
                dated = next((r for r in reversed(rows[-3:]) if r["date"] and r["date_basis"] == "text"), None)
                if not row["date"] and dated and _SAME_STATEMENT_RE.search(doc.norm_slice(sent_start, sent_end)):
                    row.update(date=dated["date"], date_precision=dated["date_precision"], date_end=dated.get("date_end", ""),
                               year=dated["year"], date_basis="text")
            if row["event_type"] == "attack" and not row["perpetrator"] and _operations_list_item(doc, s0):
                # "- قاعدة الشدادي: طائرة مسيرة ظهر الأحد" under a list of the statements told just before: the
                # group those statements named
                lead = next((r for r in reversed(rows) if r["event_type"] == "attack" and r["perpetrator"]
                             and index - r["_sentence"] <= 12), None)
                if lead is None:
                    lead = _lead_claimant(doc, gazetteer, s0)
                if lead is not None:
                    row.update(perpetrator=lead["perpetrator"], claimed_by=lead["claimed_by"],
                               factions="; ".join(filter(None, [lead["perpetrator"]] + row["factions"].split("; "))))
            if not row["country"]:
                if fallback_country is None:
                    fallback_country = _country_fallback(doc, gazetteer)
                row["country"] = fallback_country
                row["_weak_country"] = True  # the article's main country, not one named for the event
            parts = _one_per_base(doc, gazetteer, row, s0, s1, told)
            if len(parts) > 1:
                # "استهدفوا يومي الأحد والاثنين قواعد في الشدادي وخراب الجير ورميلان": which base on which day is
                # not said, so each base is one incident over the two days
                new = [_days_as_range(doc, part, s0, s1) for part in parts]
            else:
                new = [r for base_row in parts for r in _one_per_day(doc, base_row, s0, s1)]
            rows.extend(new)
            told.update(r["place"] for r in new if r["event_type"] == "attack" and r["place"])
    return rows


def true_militias_of_axis(cues: Cues, militias: list[EntityMatch]) -> list[EntityMatch]:
    """The factions of this confrontation among the militias named (not ISIS, not the SDF)."""
    return [a for a in militias if a.entity_id not in set(cues.roles.get("not_factions", []))]


def _is_headline(sentence: str, headlines: set[str]) -> bool:
    """The page's title repeated inside its furniture, the same after normalisation (quotes, spaces, dots)."""
    return _is_headline_key(_headline_key(sentence), [_headline_key(h) for h in headlines])


def _is_headline_key(key: str, h_keys: list[str]) -> bool:
    return bool(key) and any(key == h_key or (len(key) > 25 and h_key.startswith(key)) for h_key in h_keys)


_NOT_KEY_RE = re.compile(r"[\W_]+")


def _headline_key(text: str) -> str:
    return _NOT_KEY_RE.sub("", normalize_char_string(text))


_DAY_ITEM_RE = re.compile(r"\s*[-\u2022*\u25aa]?\s*(?:يوم|يومي|ليله|ليلتي|مساء|فجر)?\s*" + WEEKDAYS_RE
                          + r"(?:\s+و" + WEEKDAYS_RE + r")?(?:\s+(?:\d{1,2}\s*و\s*)?\d{1,2}\s*/\s*\d{1,2})?\s*:")  # ("الجمعة 17/11:")


_SAME_CLAIMANT_RE = re.compile(r"\s*(?:كما|و|ثم)\s*(?:اعلنت|تبنت|قالت|اكدت)\s+(?:في|عن|ان|انها|مسووليتها|استهداف)")
_SAME_STATEMENT_RE = re.compile(r"(?<!\w)(?:في|ب)?\s*(?:البيان|بيانها)\s+(?:ذاته|نفسه)")
_COUNTED_BASES_RE = re.compile(r"(?<!\w)(?:قاعدتي|قاعدتين|(?:ثلاث|اربع|خمس|ست|سبع|ثماني|تسع|عشر|[0-9]+)\s+(?:قواعد|مواقع))(?!\w)")
_ANSWER_OPEN_RE = re.compile(r"[\s\u060c,]*(?:والرد|وكان الرد|وجاء الرد|فكان الرد|والرد الامريكي|والرد الاميركي)(?!\w)")
_US_RESPONSE_RE = re.compile(r"(?<!\w)(?:رد|الرد|ردا|ردود)\s+(?:عسكري\s+)?(?:امريكي|اميركي|الامريكي|الاميركي)(?!\w)")
_TOLL_STAMP_RE = re.compile(r"(?<!\w)(?:حتي|لغايه|وحتي)\s+(?:(?:ظهر|مساء|صباح|فجر|ليل|ليله|عصر|منتصف)\s+)?$")
_WEEKDAY_ONLY_RE = re.compile(r"(?:(?:يوم|ظهر|مساء|صباح|فجر|ليل|ليله|عصر)\s+)?(?:ال)?" + BARE_WEEKDAYS_RE)


def _told_place(doc: _Doc, gazetteer: Gazetteer, rows: list[dict], s0: int, s1: int) -> bool:
    """The segment names a place an earlier event of the article was at ('وتبنت ... هجوم أربيل' after the
    attack on Erbil airport was told): it goes back to that event, whatever its day."""
    named = {gazetteer.places[e.entity_id]["name_en"] for e in doc.entities_in(s0, s1) if e.entity_kind == "place"
             and gazetteer.places[e.entity_id].get("type") not in ("country", "region", "province")}
    return any(r["place"] and any(n == r["place"] or r["place"].startswith(n + " ") for n in named) for r in rows)


# "سبق أن استهدف بطائرة مسيرة قبل أشهر", "تعرضت قبل نحو شهرين لرشقة": an event told as earlier than the article's
# own by a span no date resolves (normalised text)
_SPAN_WORDS = (r"(?:(?:نحو|حوالي|قرابه|زهاء|اكثر\s+من|اقل\s+من)\s+)?(?:(?:بضعه|بضع|عده|ثلاثه|ثلاث|اربعه|اربع|خمسه|خمس|سته|ست|[0-9]+)\s+)?"
               r"(?:ايام|اسابيع|اسبوع|اشهر|شهرين|شهور|شهر|اسبوعين|سنه|عام|عامين|اعوام|سنوات|سنتين)(?!\w)")
_EARLIER_RE = re.compile(r"(?<!\w)و?(?:سبق\s+(?:ان|لها|له|لهم)|(?:قبل|بعد)\s+" + _SPAN_WORDS
                         # "وقبله بأيام نفذت", "قبل ذلك بأسابيع"; "وردّت واشنطن حينها"
                         + r"|قبل(?:ه|ها|هما)?\s+(?:ذلك\s+)?ب" + _SPAN_WORDS + ")")
# "وردّت واشنطن حينها": at the time of an older event already told (not the news of the day, though maybe the
# event told just before)
_AT_THAT_TIME_RE = re.compile(r"(?<!\w)(?:حينها|حينذاك|انذاك|وقتها|في\s+حينه)(?!\w)")
_STRIKES_DID_RE = re.compile(r"(?<!\w)(?:ال)?(?:غارات|غاره|ضربات|ضربه|الغارتين|الضربتين|غارتين|ضربتين|غارتان|ضربتان)(?:\s+(?:الجويه|الامريكيه|الاميركيه|الجويتين|الجويتان))?\s+"
                             r"(?:استهدفت|استهدفتا|طالت|طالتا|اصابت|دمرت|ضربت|قصفت)(?!\w)")


def _when_name(doc: _Doc, s0: int, s1: int) -> str:
    for d in doc.dates_in(s0, s1):
        if not d.iso:
            month = month_named(d.text)
            if month is not None:
                return f"m{month}"
            day = weekday_named(d.text)
            if day is not None:
                return f"w{day}"
    return ""


_ABOUT_TO_LAUNCH_RE = re.compile(r"(?<!\w)(?:كانوا\s+|كان\s+)?(?:يستعدون|يستعد|يتهيوون|يتهيا|يحضرون|يجهزون|يعدون|يحاولون)\s+(?:ل|الي\s+)?(?:اطلاق|لاطلاق|تنفيذ|لتنفيذ|شن|لشن)(?!\w)")
_EXAMPLE_LEAD_RE = re.compile(r"(?<!\w)(?:بينها|منها|ومنها|من بينها|ابرزها|اخرها|اخرها)\s*$")


_AT_PLACE_RE = re.compile(r"(?:علي|في|قرب|بمحيط|محيط|منطقه|مدينه|قضاء|ناحيه|بلده|بلدة)\s+(?:\S+\s+){0,3}$")


def _claim_goes_on(doc: _Doc, rows: list[dict], index: int, sent_start: int, sent_end: int) -> str:
    """'كما أعلنت في البيان ذاته استهداف ...' right after an attack a group claimed or was named for: that group
    (the sentence goes on with its statement), else ''."""
    if not rows or rows[-1]["event_type"] != "attack" or index - rows[-1]["_sentence"] > 2 \
            or not _SAME_CLAIMANT_RE.match(doc.norm_slice(sent_start, min(sent_end, sent_start + 40))):
        return ""
    return rows[-1]["claimed_by"] or rows[-1]["perpetrator"]


def _goes_on_with_claim(doc: _Doc, gazetteer: Gazetteer, rows: list[dict], index: int, s0: int, s1: int,
                        sent_start: int, sent_end: int) -> bool:
    """'كما أعلنت في البيان ذاته استهداف قاعدتي الشدادي وخراب الجير': the claim told just before goes on, naming
    bases of its own."""
    return bool(_claim_goes_on(doc, rows, index, sent_start, sent_end)) \
        and any(e.entity_kind == "place" and gazetteer.places[e.entity_id].get("type") in ("base", "facility", "city")
                for e in doc.entities_in(s0, s1))


def state_perpetrator_of(doc: _Doc, triggers: list, trigger, s1: int) -> str:
    """A state named as the agent by an adjective on the event word or its weapon ('مسيرة إيرانية')."""
    return next((st for t in triggers if abs(t.start - trigger.start) <= 60 for st in [_state_adjective(doc, t, s1)] if st), "")


def _says_where(doc: _Doc, rows: list[dict], index: int, s0: int, s1: int) -> dict | None:
    """'وتركّز القصف على مقر في القائم': a sentence naming the event again with where it fell, after one told
    without a place in the last few sentences: that event."""
    if not doc.spans("anaphoric_triggers", s0, s1) or not any(
            e.entity_kind == "place" and _AT_PLACE_RE.search(doc.norm_slice(max(s0, e.start - 40), e.start))
            for e in doc.entities_in(s0, s1)):
        return None
    # (a strike told with one country or none; strikes told in two countries are already a row each)
    return next((r for r in reversed(rows[-3:]) if not r["place"] and index - r["_sentence"] <= 3
                 and r["event_type"] == "strike" and not r.get("_split") and "; " not in r["country"]), None)


def _places_in_follow_up(doc: _Doc, gazetteer: Gazetteer, previous: dict, s0: int, s1: int,
                         sent_start: int, sent_end: int) -> dict | None:
    """Fill the place of an event told without one from a later sentence that says where it hit; strikes that fell
    in two countries become one row each (the new one returned, with no toll)."""
    found = []
    for e in doc.entities_in(s0, s1):
        rec = gazetteer.places[e.entity_id] if e.entity_kind == "place" else None
        if rec and rec.get("type") in ("city", "base", "facility") and rec.get("country") in THEATRE \
                and _AT_PLACE_RE.search(doc.norm_slice(max(s0, e.start - 40), e.start)) \
                and all(rec.get("country") != f.get("country") for f in found):
            found.append(rec)
    countries = set(previous["country"].split("; ")) - {""}
    # (the country the event was told with must be among those the places lie in: "عند الحدود مع سوريا" and the
    # towns of Qaim and Albu Kamal)
    if not found or (countries and not previous.get("_weak_country") and not countries & {f.get("country") for f in found}):
        return None
    first = found[0]
    other = None
    if previous["event_type"] == "strike" and len(found) > 1:
        rec = found[1]
        other = split_part(previous, "f1", 1, place=rec["name_en"], target=rec["name_en"], country=rec.get("country", ""),
                           lat=rec.get("lat"), lon=rec.get("lon"))
        other["_sources"]["place"] = (sent_start, sent_end)
    previous.update(place=first["name_en"], target=first["name_en"], country=first.get("country", ""),
                    lat=first.get("lat"), lon=first.get("lon"))
    previous["_sources"]["place"] = (sent_start, sent_end)
    return other


def _toll_of_count(doc: _Doc, lo: int, hi: int) -> bool:
    """A toll told after a count of attacks in the same sentence ('66 هجوماً ... أصيب فيها 62'): the count's."""
    counts = [n.num_end for n in doc.numbers_in(lo, hi) if not doc.in_date(n.num_start)
              and doc.spans_starting("attack_count_nouns", n.num_end, min(hi, n.num_end + 3))]
    return bool(counts) and any(sp.start > counts[0] for key in ("killed_cues", "wounded_cues", "killed_after_number",
                                                                  "wounded_after_number") for sp in doc.spans(key, lo, hi))


def _news_peg(row: dict, published: str) -> bool:
    """The article's first event is its news: dated from the text to a day up to two days before the page."""
    if row["date_basis"] != "text" or row["date_precision"] != "day" or len(published) != 10:
        return False
    try:
        gap = (date.fromisoformat(published) - date.fromisoformat(row["date"])).days
    except ValueError:
        return False
    return 1 <= gap <= 2


_LAUNCHER_WEAPON_RE = re.compile(r"(?:منصه|منصات|منصتين|منصتي|راجمه|راجمات)\s+(?:\S+\s+)?(?:ل)?اطلاق\s*(?:ال)?$")
_ALSO_RE = re.compile(r"\s*(?:\S+\s+){0,2}?(?:ايضا|كذلك)(?!\w)")


def _gunship_agent(doc: _Doc, gazetteer: Gazetteer, triggers: list[Span], s0: int, s1: int) -> bool:
    """Helicopters or a gunship are the subject of the event word ('مروحيات أباتشي ... استهدفت المسلحين'), or
    follow it as its agent, and nothing says US forces were hit: a US or coalition strike."""
    if _us_is_target(doc, s0, s1):
        return False
    for t in triggers:
        before = doc.norm_slice(max(s0, t.start - 100), t.start)
        found = list(GUNSHIP_RE.finditer(before))
        if found and not any(e.entity_kind == "actor" for e in doc.entities_in(doc.pos(max(s0, t.start - 100), found[-1].end()), t.start)):
            return True
        if GUNSHIP_RE.match(doc.norm_slice(t.end, min(s1, t.end + 30)).lstrip(" «\"")):
            return True
    return False


def _date_of(row: dict, at: int) -> DateMention:
    """The date of an incident already read, as a date of the text at `at` (its day, or its month)."""
    return DateMention(at, at, row["date"], row["date_precision"], row["year"], "", True, False, "")


# "وبعدها ردت واشنطن بضربات": an answer some time later, on a day the text does not give
_LATER_RE = re.compile(r"[\s\u060c,]*(?:و|ف)?(?:بعدها|بعد\s+ذلك|لاحقا|فيما\s+بعد|عقب\s+ذلك|اثر\s+ذلك)(?!\w)")
_ON_THE_BASE_RE = re.compile(r"(?<!\w)علي\s+القاعده(?!\w)")
_BRAIN_INJURIES_RE = re.compile(r"(?<!\w)(?:ب|ل)?(?:ال)?(?:اصابات|اصابه|ارتجاج|ارتجاجات)\s+(?:في\s+ال)?(?:دماغيه|الدماغ|دماغ|الدماغيه)(?!\w)")
_PRECEDED_RE = re.compile(r"(?<!\w)(?:سبقته|سبقتها|سبقها|سبقه|تلته|تلتها|تلاها|تلاه)\s+\S*\s*$")


def _us_strike_on_a_faction(doc: _Doc, gazetteer: Gazetteer, triggers: list[Span], s0: int, s1: int, sent_start: int,
                            sent_end: int) -> bool:
    """'أعلن البنتاغون أن قواته نفذت ضربات ضد خمس منشآت تابعة لكتائب حزب الله': the US striking what a faction it
    names owns is an event the page reports, though it names no town."""
    strikes = [t for t in triggers if doc.spans("strike_triggers", t.start, t.end)]
    if not strikes or not _us_agent_in_sentence(doc, sent_start, sent_end):
        return False
    factions = [e for e in doc.entities_in(s0, s1) if e.entity_kind == "actor" and _actor_type(gazetteer, e.entity_id) == "militia"]
    return any(_owns_target(doc, a, t) for a in factions for t in strikes)


def _segment_incident(doc: _Doc, cues: Cues, gazetteer: Gazetteer, new_actors: dict[str, dict], s0: int, s1: int,
                      sent_start: int, sent_end: int, rows: list[dict], index: int) -> dict | None:
    """The incident one segment reports, or None; a casualty follow-up fills in the previous row instead."""
    triggers = _triggers(doc, s0, s1, _faction_figures(gazetteer, cues))
    if not triggers and (not rows or index - rows[-1]["_sentence"] > FOLLOWUP_SENTENCES
                         and all(index - r["_sentence"] > 3 for r in rows[-3:])):
        # No event word and no event told in the last three sentences: such a segment can only complete an earlier
        # event, and cannot here (_completes_previous reaches FOLLOWUP_SENTENCES back when there is no event word,
        # _says_where three), so it gives None, as the rules below would, without working out its toll and date
        return None
    # "الخميس 19 منه" names the day of a month already given: it beats the weekday read on its own
    when = (_day_of_previous_month(doc, s0, s1, rows) or _event_date(doc, triggers, s0, s1)) if triggers else None
    if when is not None and when.relative and _WEEKDAY_ONLY_RE.fullmatch(normalize_char_string(when.text).strip() or "-"):
        # "▪ 20 كانون الأول 2020 – بغداد" then "سقطت مساء الأحد رشقة ...": the weekday is the heading's day (a Sunday),
        # not the last Sunday before the page's date
        heading = date_heading(doc, sent_start)
        if heading is not None and heading.precision == "day" and weekday_named(when.text) == date.fromisoformat(heading.iso).weekday():
            when = DateMention(when.start, when.end, heading.iso, "day", heading.year, when.part, False, True, when.text)
    if doc.spans("commemoration", sent_start, sent_end) and not (when is not None and when.explicit_year and not when.relative):
        # "تحل اليوم الذكرى الأولى لمقتل سليماني": remembering an event is not reporting one; the event itself,
        # written with its own date ("اغتيل في 3 كانون الثاني 2020 قرب مطار بغداد"), is an older incident recapped
        return None
    gunship = bool(triggers) and _gunship_agent(doc, gazetteer, triggers, sent_start, s1)
    # "مروحيات أباتشي استهدفت المسلحين" with no date of its own: gunships answer an attack on the day it was made
    answered = next((r for r in reversed(rows) if r["event_type"] == "attack" and index - r["_sentence"] <= ANAPHOR_SENTENCES
                     and r["date_basis"] == "text" and r["date_precision"] == "day"), None) if gunship and when is None else None
    if answered is not None:
        when = _date_of(answered, s0)
    if when is None and triggers:
        # ("17 نوفمبر 2020: البنتاغون يعلن خفضاً ... . وفي اليوم نفسه، سقطت صواريخ": counted from the list item's
        # date when the item comes after the last incident)
        # (not for a clause that names the earlier event answered: "ضربات ... ردا على هجوم التاجي")
        item = None if doc.spans("response_markers", s0, min(s1, s0 + 15)) or AFTER_SPAN_RE.match(doc.norm_slice(s0, s1)) \
            else list_item_date(doc, s0)
        anchor_rows = rows
        if item is not None and item.precision == "day" and (not rows or rows[-1]["start"] < doc.text.rfind("\n", 0, s0)):
            anchor_rows = [{"date": item.iso, "date_precision": "day", "date_basis": "text"}]
        heading = date_heading(doc, sent_start)
        # ("1- كركوك، أواخر ديسمبر 2019" over "... يوم 27 ديسمبر. بعد يومين فقط ضربت واشنطن": a day counted from the
        # event before beats a heading's month)
        when = (heading if heading is not None and heading.precision == "day" else None) \
            or _before_or_after_previous(doc, s0, s1, anchor_rows) or heading or item \
            or _lead_date(doc, s0) or _names_the_bases_of(doc, gazetteer, triggers, rows, index, s0, s1)
    if when is None and rows:
        # "قالت مصادر إن القصف الأمريكي طال أيضاً نقطة قرب محكان": the strikes just told, somewhere else as well
        also = next((t for t in doc.spans("anaphoric_triggers", s0, s1) if _ALSO_RE.match(doc.norm_slice(t.end, min(s1, t.end + 30)))), None)
        kind = ("strike" if doc.spans("strike_triggers", also.start, also.end) or _strike_signal(doc, also, s1) else "attack") if also is not None else ""
        last = next((r for r in reversed(rows[-3:]) if r["event_type"] == kind and index - r["_sentence"] <= FOLLOWUP_SENTENCES), None)
        if last is not None and last["date_basis"] == "text" and last["date_precision"] == "day":
            when = _date_of(last, s0)
    if when is None and any(t.label == "response" for t in triggers) and rows and rows[-1]["date_basis"] == "text" \
            and rows[-1]["date_precision"] == "day" and not _LATER_RE.match(doc.norm_slice(s0, min(s1, s0 + 16))):
        # "ردت مروحيات أمريكية على مطلقي الصواريخ": answering fire happens on the day of the attack it answers
        when = _date_of(rows[-1], s0)
    if when is not None and triggers:
        when = _counted_from(doc, when, _nearest(triggers, when.end), sent_start) or when
    elif triggers:
        when = _counted_from(doc, None, triggers[0], sent_start)
    killed, wounded = _casualties(doc, cues, s0, s1)
    if killed is None:  # "قتلت قائد فيلق القدس ... ونائب رئيس هيئة الحشد ... وثمانية آخرين"
        killed = named_victims(doc, _persons(gazetteer), s0, s1)
    casualties = killed is not None or wounded is not None
    responses = [t for t in triggers if t.label == "response"]
    # "قبل أن يرفع الحصيلة ظهر السبت إلى 23": the day a toll was given is not an event's of its own
    toll_day = when is not None and when.relative and _WEEKDAY_ONLY_RE.fullmatch(normalize_char_string(when.text).strip() or "-") \
        and casualties and bool(triggers) and all(
        _names_no_new_event(doc, t, s0, s1) for t in triggers) and any(doc.spans("anaphoric_triggers", t.start, t.end) for t in triggers)
    # "بلغت حصيلة العدوان حتى ظهر اليوم ثلاثة شهداء", "أعلنت الهيئة اليوم الاثنين ارتفاع حصيلة الضربات": the time a
    # count was taken or revised at is not an event's date either
    # ("قالت مصادر الحشد إن 15 مقاتلاً قُتلوا في القصف، قبل أن تعلن صباح اليوم ارتفاع العدد إلى 25": the killing counted
    # is no event word of its own beside "القصف")
    toll_day = toll_day or (when is not None and casualties and bool(triggers) and bool(
        _TOLL_STAMP_RE.search(doc.norm_slice(max(s0, when.start - 16), when.start)) or doc.spans("toll_revisions", s0, s1)) and all(
        _names_no_new_event(doc, t, s0, s1) or doc.spans("killed_cues", t.start, t.end) for t in triggers)
        and any(doc.spans("anaphoric_triggers", t.start, t.end) for t in triggers))
    # "وصباح اليوم الخميس، عدّلت سنتكوم الحصيلة، موضحة أن أربعة مسلحين قُتلوا": a revision whose only event words
    # are the killing it counts, naming no place, updates the toll of an event told before
    revision_only = when is not None and casualties and bool(triggers) and bool(rows) and bool(doc.spans("toll_revisions", s0, s1)) \
        and all(doc.spans("killed_cues", t.start, t.end) or _names_no_new_event(doc, t, s0, s1) for t in triggers) \
        and not any(e.entity_kind == "place" and gazetteer.places[e.entity_id].get("type") in ("base", "facility") for e in doc.entities_in(s0, s1)) \
        and index - rows[-1]["_sentence"] <= FOLLOWUP_SENTENCES  # (a town may be where the wounded lie: "مصادر طبية في القائم")
    toll_day = toll_day or revision_only
    # past the usual reach, "الغارات" completes only a strike and "الهجوم" only an attack (in a live page that runs
    # newest first, the strikes are told after their toll)
    # (an event word that refers back is no trigger: "إن القصف الأمريكي أسفر عن مقتل شخص" still names its kind)
    kind, reach = anaphor_type(doc, triggers or doc.spans("anaphoric_triggers", s0, s1)), followup_reach(doc, triggers, casualties)
    far_kind_ok = not rows or index - rows[-1]["_sentence"] <= FOLLOWUP_SENTENCES or any(
        r["event_type"] == kind for r in rows[-(reach + 1):] if index - r["_sentence"] <= reach)
    # "مسيرة تصيب ثلاثة عسكريين في أربيل، والرد ضربات على ثلاثة مواقع في بابل", "...، وطائرة أمريكية تضرب السيارة":
    # the clause after an attack that answers it is a strike of its own, not the attack's follow-up
    answer_open = bool(_ANSWER_OPEN_RE.match(doc.norm_slice(s0, min(s1, s0 + 20))))
    answers = bool(rows) and rows[-1]["_sentence"] == index and rows[-1]["event_type"] == "attack" and s0 > sent_start \
        and not doc.spans("response_markers", s0, min(s1, s0 + 15)) and not AFTER_SPAN_RE.match(doc.norm_slice(s0, s1)) \
        and (answer_open or any(_strike_signal(doc, t, s1) for t in triggers))
    list_item = operations_list_lead(doc, s0) is not None  # (each item of a list of operations is one)
    # "وتركّز القصف على مقر في القائم": where a strike told without a place fell
    says_where = _says_where(doc, rows, index, s0, s1) if (when is None or toll_day) and rows else None
    if (when is None or toll_day) and far_kind_ok and not responses and not answers and not list_item and not gunship and (revision_only or _completes_previous(doc, gazetteer, triggers, s0, s1, rows, index, casualties)
            or not triggers and says_where is not None) and (
            casualties or _same_scene(doc, gazetteer, s0, s1, rows[-1]) or says_where is not None) \
            and not _holds_tally(doc, sent_start, sent_end):
        # the toll goes on the recent incident whose place it names ('قتل خمسة في الغارات على البوكمال'), else the last
        named = {gazetteer.places[e.entity_id]["name_en"] for e in doc.entities_in(s0, s1) if e.entity_kind == "place"}
        # or on the one whose weapon it names ('وقال المصدر إن المسيّرة أُسقطت ... دون أن تسفر عن إصابات')
        recent = [r for r in reversed(rows[-(reach + 1):]) if index - r["_sentence"] <= reach]
        # "الغارات", "الضربات" refer back to the strikes, "الهجوم" to the attack: the recent one of that kind first
        if kind:
            recent = [r for r in recent if r["event_type"] == kind] + [r for r in recent if r["event_type"] != kind]
        # ("وتدمير سبع منصات إطلاق صواريخ": the rockets of a launcher destroyed are no weapon of the event counted)
        weapons = {sp.label for sp in doc.spans("weapons", s0, s1)
                   if not _LAUNCHER_WEAPON_RE.search(doc.norm_slice(max(s0, sp.start - 24), sp.start))}
        # or on the one in the country it names ('16 قتلوا في الجانب العراقي، بينما ... 23 في الجانب السوري')
        sides = _sides_named(doc, gazetteer, s0, s1)
        if casualties and (doc.spans("faction_victims", s0, s1) or pmf_counts(doc, s0, s1)) and not _us_is_target(doc, s0, s1):
            # "فيما قال المرصد إن 9 مقاتلين قتلوا": the factions' dead belong to a strike on them, not to
            # their own attack on a base
            recent = [r for r in recent if r["event_type"] != "attack"]
            if not recent:
                # "وبحسب حصيلة أعلنتها مصادر طبية فإن 19 مقاتلاً قتلوا" four sentences after the strikes, with the
                # attack they answered told in between: the fighters' toll reaches back to the strikes
                recent = [r for r in reversed(rows) if r["event_type"] == "strike" and index - r["_sentence"] <= ANAPHOR_SENTENCES][:1]
            if not recent:
                return None
        elif casualties and not kind and (_us_is_target(doc, s0, s1) or _BRAIN_INJURIES_RE.search(doc.norm_slice(s0, s1))):
            # "حتى بلغ 110 عسكريين شخصوا بإصابات دماغية": US troops' wounded belong to the attack on them, not to the
            # strike told after it (the killing it answered)
            recent = [r for r in recent if r["event_type"] == "attack"] + [r for r in recent if r["event_type"] != "attack"]
        previous = next((r for r in recent if r["place"] in named), None) \
            or next((r for r in recent if sides and r["country"] in sides and len(sides) == 1), None)
        if previous is None:
            previous = next((r for r in recent if r["weapon"] in weapons), recent[0] if recent else rows[-1])
            if previous.get("_split", (None, 0))[1]:
                # "غارات على خمسة مواقع، ثلاثة في العراق واثنان في سوريا ... وأعلن الحشد مقتل 25": a toll that names
                # neither a place nor a side is the toll of the event as first told, not of the part split off it
                previous = next((r for r in rows if r.get("_split") == (previous["_split"][0], 0)), previous)
        where_row = None if casualties else says_where
        if where_row is not None:
            previous = where_row
        split_off = split_country(previous, next(iter(sides))) if len(sides) == 1 and casualties else None
        by_side = tolls_by_side(doc, cues, gazetteer, s0, s1) if len(sides) >= 2 and casualties else {}
        side_rows = {side: next((r for r in recent if r["country"] == side and r["event_type"] == previous["event_type"]), None)
                     for side in by_side}
        if by_side and all(side_rows.values()):
            # "الحكومة العراقية تحدثت عن 16 قتيلاً و25 جريحاً، والمرصد السوري عن أكثر من عشرين قتيلاً": each side's
            # row takes its own toll
            for side, (k, w) in by_side.items():
                for slot, value in (("killed", k), ("wounded", w)):
                    if value is not None:
                        side_rows[side][slot] = value
                        side_rows[side]["_sources"][slot] = (sent_start, sent_end)
                side_rows[side].setdefault("_also", []).append((sent_start, sent_end))
            killed = wounded = None
        # "ارتفعت حصيلة القتلى إلى 11": a revised toll replaces the earlier one; a toll that only restates or
        # recalls an earlier count ("وكان المرصد قد أشار إلى مقتل 17") never lowers it
        revised = bool(doc.spans("toll_revisions", s0, s1))
        for slot, value in (("killed", killed), ("wounded", wounded)):
            if value is not None and (revised or previous[slot] is None or value > previous[slot]):
                previous[slot] = value
                previous["_sources"][slot] = (sent_start, sent_end)
        if killed == 0 and wounded in (0, None) and not revised:
            # "وقال مسؤول إن الهجومين لم يسفرا عن إصابات", "لا إصابات بعد هجمات الليلة": a no-casualty line
            # about two or several events is true of each of them
            for other in _also_spared(doc, s0, s1, rows, previous, index):
                for slot, value in (("killed", killed), ("wounded", wounded)):
                    if value is not None and other[slot] is None:
                        other[slot] = value
                        other["_sources"][slot] = (sent_start, sent_end)
                other.setdefault("_also", []).append((sent_start, sent_end))
        if where_row is not None and split_off is None:
            # "وتركّز القصف على مقر في القائم ... وعلى موقعين قرب البوكمال السورية": where the strikes told before fell
            split_off = _places_in_follow_up(doc, gazetteer, previous, s0, s1, sent_start, sent_end)
        _claim_in_follow_up(doc, gazetteer, new_actors, previous, sent_start, sent_end)
        _agent_in_follow_up(doc, gazetteer, cues, previous, triggers, s0, s1, sent_start, sent_end)
        previous.setdefault("_also", []).append((sent_start, sent_end))
        split_rows = [split_off] if split_off is not None else _wave_countries_in_follow_up(doc, gazetteer, previous, s0, s1)
        at = next(i for i, r in enumerate(rows) if r is previous) + 1
        rows[at:at] = split_rows  # next to the row it came from: the last row stays the last event reported
        return None
    if not triggers:
        return None
    later = bool(_LATER_RE.match(doc.norm_slice(s0, min(s1, s0 + 16))))
    if when is None and answers and rows[-1]["date_basis"] == "text" and rows[-1]["date_precision"] in ("day", "month") \
            and not later:
        when = _date_of(rows[-1], s0)  # (the answer told in the attack's sentence is of its day)
    general = all(doc.spans("general_triggers", t.start, t.end) for t in triggers)
    goes_on = when is None and not casualties and _goes_on_with_claim(doc, gazetteer, rows, index, s0, s1, sent_start, sent_end)
    us_item = when is None and _us_list_lead(doc, sent_start)
    undated_claim = when is None and not casualties and (_names_a_target(doc, gazetteer, triggers, s0, s1) or goes_on or us_item
                                                         or _us_strike_on_a_faction(doc, gazetteer, triggers, s0, s1, sent_start, sent_end)) and (
        not general
        # "- يومي الجمعة والسبت: ضربات بالطيران المسيّر على قاعدة عين الأسد": an item of a list by day is specific
        or bool(_DAY_ITEM_RE.match(doc.norm_slice(sent_start, min(sent_end, sent_start + 40))))
        # "ضربات أمريكية نفذت داخل سوريا:" then "- 8 نوفمبر: غارة على مستودع ...": a dated item of a list of US
        # strikes, even when no year dates it
        or us_item
        # "نفذت طائرات أمريكية ضربات على ثلاثة مواقع قرب البوكمال": plural strikes by a named agent on named places
        or (bool(doc.spans("strike_triggers", s0, s1)) and _us_agent_in_sentence(doc, sent_start, sent_end))
        # "تبنت المقاومة هجمات بطائرات مسيرة على أربع قواعد هي ...": a claim of attacks on bases it counts and names
        or (bool(CLAIM_RE.search(doc.norm_slice(sent_start, sent_end))) and bool(_COUNTED_BASES_RE.search(doc.norm_slice(s0, s1))))
        or goes_on)
    if when is None and not casualties and not undated_claim:
        return None
    if when is None and _holds_tally(doc, sent_start, sent_end) and any(
            _EXAMPLE_LEAD_RE.search(doc.norm_slice(max(sent_start, t.start - 14), t.start)) for t in triggers):
        return None  # "تعرضت القواعد لـ11 هجوماً، بينها استهداف قاعدة بلد ...": examples of a count, with no day
    if (when is None or when.precision != "day") and not casualties and _MANY_RE.search(doc.norm_slice(s0, s1)) \
            and not _EXAMPLES_RE.search(doc.norm_slice(s0, s1)):
        return None  # "تشرين الأول 2023 - شباط 2024: عشرات الهجمات بالمسيّرات ... شملت حرير وفكتوريا": a wave summed up
    if general and casualties and _SERIES_TOLL_RE.search(doc.norm_slice(s0, s1)):
        # "24 جندياً أصيبوا بجروح طفيفة بين 17 و21 تشرين الأول في هجمات على التنف وعين الأسد": the toll of a run of
        # attacks over days, not one event
        return None
    if when is None and general and _toll_of_count(doc, sent_start, sent_end):
        return None  # "ارتفع عدد الهجمات إلى 66 هجوماً ... أصيب فيها 62 جندياً": the toll of a count, not an event
    killing = any(t.label == "killing" for t in triggers)
    if when is not None and not casualties and not killing and (when.precision == "year" or (general and when.precision != "day")) \
            and not (when.precision == "month" and len(month_run(doc, s0, s1)) >= 2 and _names_a_target(doc, gazetteer, triggers, s0, s1)):
        return None  # "الهجمات ... مقارنة بعام 2018": a trend, not an event
    anchor = when.start if when else triggers[0].start
    trigger = _nearest(triggers, anchor)
    if re.match(r"ب(?:استهداف|قصف|ضرب)", doc.norm_slice(trigger.start, trigger.end)):
        # "اغتالت طائرة مسيّرة أمريكية ... قياديا في الكتائب باستهداف سيارته": how the strike was done, not the event
        main = next((t for t in triggers if t.start < trigger.start and doc.spans("strike_triggers", t.start, t.end)), None)
        trigger = main or trigger
    # "ثم اغتيال القيادي في الكتائب أبو باقر الساعدي ... في السابع من الشهر نفسه، تراجعت الهجمات": the date sits
    # nearer a general word, but the segment's event is the killing of the person named right after its word
    if doc.spans("general_triggers", trigger.start, trigger.end):
        killing = next((t for t in triggers if doc.spans("strike_triggers", t.start, t.end) and re.match(
            r"[وفب]?(?:اغتيال|اغتال)", doc.norm_slice(t.start, t.end)) and any(
            e.entity_kind == "actor" and _actor_type(gazetteer, e.entity_id) == "person"
            for e in doc.entities_in(t.end, min(s1, t.end + 40)))), None)
        trigger = killing or trigger
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
    # (not past the event it answers: "شنت طائرات أمريكية ضربات ... رداً على هجوم أسفر عن مقتل متعاقد أمريكي")
    answered_at = next((sp.start for sp in doc.spans("response_markers", trigger.end, min(s1, trigger.end + 100))), None)
    us_target = _us_is_target(doc, max(s0, trigger.start - 60), answered_at or min(s1, trigger.end + 100))
    base = _best_place(doc, gazetteer, lo, hi, trigger.start)
    if base is None or base.get("_origin"):  # "أطلقت من سهل نينوى باتجاه المطار": the airport named before
        # "إن منظومة الدفاع في القاعدة تمكنت من إسقاط": the word may sit just before the event's clause
        base = _the_base(doc, gazetteer, max(sent_start, lo - 60), hi, s0) or base
    elif base.get("type") not in ("base", "facility") and base.get("_start") is not None and base["_start"] > trigger.end \
            and _ON_THE_BASE_RE.search(doc.norm_slice(trigger.end, min(base["_start"], trigger.end + 100))):
        # "أطلق الحرس الثوري صواريخ باليستية على القاعدة، إضافة إلى صاروخ على أربيل": "the base" right after the
        # event word is its target, before the city named as a second one
        base = _the_base(doc, gazetteer, trigger.end, base["_start"], s0) or base
    # "اغتيال قائد فيلق القدس": killing faction figures is a strike even when the text names no agent
    # ("اغتيال سليماني والمهندس قرب مطار بغداد": the person right after the word, whatever the place)
    named_victim = any(0 <= p.start - trigger.end <= 40 for p in persons)
    # "الضربة ... التي قتلت سليماني والمهندس": a verb of killing with a faction figure as its object
    killing_verb = re.sub(r"^[وف]", "", doc.norm_slice(trigger.start, trigger.end)) in ("قتلت", "قتل", "اغتالت", "اغتال") \
        and any(0 <= p.start - trigger.end <= 40 and p.entity_id in _faction_figures(gazetteer, cues) for p in persons)
    targeted_killing = (bool(doc.spans("strike_triggers", trigger.start, trigger.end)) or trigger.label == "killing"
                        or killing_verb) and bool(persons) \
        and not us_target and (named_victim or not (base and base.get("type") in ("base", "facility")))
    # "غارة بطائرة مسيّرة قرب مطار بغداد تقتل قائد «فيلق القدس» قاسم سليماني": a verb of killing with a faction
    # figure as its object makes the clause a strike on them, wherever the event word sits
    figures = _faction_figures(gazetteer, cues)
    targeted_killing = targeted_killing or (not us_target and any(
        p.entity_id in figures and s0 <= p.start < s1 and any(0 <= p.start - k.end <= 75 for k in doc.spans("killed_verbs", s0, p.start))
        for p in persons))
    # "ضربت قاذفات بي-1 ... أكثر من 85 هدفا": bombers and fighter jets are a state's, never a faction's
    air_agent = any(AIR_AGENT_RE.match(doc.norm_slice(t.end, min(s1, t.end + 30))) for t in triggers
                    if abs(t.start - trigger.start) <= 60)
    is_strike = targeted_killing or trigger.label == "response" or air_agent \
        or any(_strike_signal(doc, t, s1) for t in triggers if abs(t.start - trigger.start) <= 60
               and not doc.spans("interception_cues", t.start, t.end))  # "تصدّت منظومة السفارة الأميركية" defends
    if not is_strike and not us_target and not (base and base.get("type") in ("base", "facility")) \
            and not (weapon and weapon.label != "airstrike") \
            and _US_RESPONSE_RE.search(doc.norm_slice(max(s0, trigger.start - 60), trigger.start)):
        is_strike = True  # "أول رد أمريكي في حرب غزة، ضرب منشأتين قرب البوكمال": the US answer is a US strike
    if not is_strike and answers and answer_open:
        is_strike = True  # "والرد ضربات على ثلاثة مواقع في بابل"
    state_perpetrator = state_perpetrator_of(doc, triggers, trigger, s1)
    if not is_strike and not us_target and not state_perpetrator \
            and _STRIKES_DID_RE.search(doc.norm_slice(max(s0, trigger.start - 25), min(s1, trigger.end + 25))):
        # "أعلنت هيئة الحشد أن الغارات استهدفت مقرات اللواءين 45 و46": the strikes told before did it; the group that
        # speaks is where they fell, not an attacker
        is_strike = True
    if not is_strike and not us_target and not (base and base.get("type") in ("base", "facility")) \
            and not (weapon and weapon.label != "airstrike") \
            and not any(not re.match(r"[وف]?(?:قتل|قتلوا|قتلت)", doc.norm_slice(sp.start, sp.end))
                        for sp in doc.spans("attack_triggers", s0, s1)) \
            and not state_perpetrator and _us_list_lead(doc, sent_start):
        is_strike = True  # an item of a list of US strikes that names only what was hit, away from any base
    if not is_strike and _same_agent_as_before(doc, rows, index, s0, s1, militias, us_target, base):
        # "شنت ... عدواناً على موقعين قرب البوكمال، ثم عادت في 8 تشرين الثاني واستهدفت منشأة": a verb with no
        # subject of its own goes on with the strike the sentence told just before
        is_strike = True
    if not (weapon or killed is not None or wounded is not None or militias or persons or is_strike or gunship
            or base  # (a base named in the window, or "القاعدة ذاتها" after one named before)
            # "2 شباط 2024: الضربة الأوسع" under "الضربات التي أعلنتها واشنطن:": an item of a list of US strikes
            or (doc.spans("strike_triggers", trigger.start, trigger.end) and _us_list_lead(doc, sent_start))):
        return None
    true_militias = [a for a in militias if a.entity_id not in faction_forces]
    if not is_strike and not state_perpetrator and not us_target and not (base and base.get("type") in ("base", "facility")) \
            and gunship:
        is_strike = True  # "مروحيات أباتشي ... استهدفت المسلحين الذين أطلقوا الصواريخ"
        if weapon is None or weapon.label != "drone":
            weapon = Span(trigger.start, trigger.end, "airstrike")  # (the rockets are the ones the targets fired)
    elsewhere = set(cues.roles.get("elsewhere_factions", []))
    # "وردت بعد يومين بغارات جوية على مواقع كتائب حزب الله": factions have no air force, so an air strike that
    # hits them, with no other state named, is a US or coalition strike even when the agent is left out
    if not is_strike and not state_perpetrator and weapon and weapon.label == "airstrike" \
            and (militias or _us_agent_in_sentence(doc, sent_start, sent_end)
                 # "الكتائب تنعى أحد عناصرها قالت إنه قتل في ضربة جوية": a faction's own dead in an air strike
                 or doc.spans("faction_victims", sent_start, sent_end)) \
            and (doc.spans("strike_triggers", trigger.start, trigger.end)
                 # "موقعين للحشد ... تعرضا لثلاث ضربات جوية": subjected to the strikes named after the verb
                 or (trigger.label == "subjected" and doc.spans("strike_triggers", trigger.end, min(s1, trigger.end + 30)))):
        is_strike = targeted_killing = True
    if not is_strike and not state_perpetrator and not us_target and not (base and base.get("type") in ("base", "facility")) \
            and killed and doc.spans("faction_victims", s0, s1) and _ABOUT_TO_LAUNCH_RE.search(doc.norm_slice(s0, s1)):
        # "قُتل خمسة مسلحين قرب كركوك قالت القيادة المركزية إنهم كانوا يستعدون لإطلاق مسيّرة": fighters killed as
        # they made ready to launch are the targets of a US strike (the drone is theirs, not the weapon of the event)
        is_strike = True
        weapon = None
    if is_strike and weapon is not None and _ABOUT_TO_LAUNCH_RE.search(doc.norm_slice(max(s0, weapon.start - 25), weapon.start)):
        weapon = None  # "استهدفت عناصر كانوا يستعدون لإطلاق طائرات مسيرة": their drones, not the strike's weapon
    strike_noun = any(not re.match(r"[وفب]?(?:اغتيال|اغتال)", doc.norm_slice(sp.start, sp.end))
                      for sp in doc.spans("strike_triggers", trigger.start, trigger.end))
    if not is_strike and not state_perpetrator and not us_target and strike_noun \
            and not (base and base.get("type") in ("base", "facility")) \
            and ((militias and any(doc.spans(k, sent_start, sent_end) for k in ("us_signals", "coalition_signals"))
                  and not _agent_after(doc, trigger, s1)) or _us_list_lead(doc, sent_start)
                 # "ثالث ضربة أمريكية ...، إذ سبقتها غارات ... على منشأتين قرب البوكمال": air strikes told after the US
                 # one they preceded, in its sentence, nobody else named
                 or (_PRECEDED_RE.search(doc.norm_slice(max(sent_start, trigger.start - 16), trigger.start))
                     and _us_agent_in_sentence(doc, sent_start, trigger.start) and not _agent_after(doc, trigger, s1))
                 # "2 فبراير: ضربات على أكثر من 85 هدفاً" in a timeline whose strikes so far are all the US's
                 or (_list_item_head(doc, doc.text.rfind("\n", 0, s0) + 1, s1) is not None and _strikes_are_us(rows, gazetteer, cues)
                     and not _UNKNOWN_AGENT_RE.search(doc.norm_slice(s0, s1)))):
        # "ضربتان على منشأتين قرب البوكمال، قالت واشنطن إن الحرس الثوري يستخدمهما": strikes where only the
        # factions or the IRGC are named; and the items of a dated list under a lead that names the US
        # ("أبرز الضربات التي أعلنتها القيادة المركزية الأمريكية:") are that agent's strikes
        is_strike = True
    # "قصفت مقرا للحشد", "ضربات على منشأتين لكتائب حزب الله": every faction named is the owner of what was
    # hit, so they are the target, and the event is a strike on them (by the US when no other state is named)
    # ("مقاتلات F-15 تضرب مواقع قال الأمريكيون إنها للحرس الثوري": so are the IRGC's or the Quds Force's sites,
    # when no faction is named)
    # (their sites only: the IRGC's advisers killed in a raid on Damascus are Israel's business as often as not)
    forces = [] if true_militias else [a for a in militias if a.entity_id in faction_forces]
    if not is_strike and not state_perpetrator and (true_militias or forces) and not us_target \
            and not (base and base.get("type") in ("base", "facility")) \
            and all(_owns_target(doc, a, trigger) or _lost_a_leader(doc, a, trigger) or _mourns_its_dead(doc, a, trigger) for a in true_militias) \
            and all(_owns_target(doc, a, trigger) for a in forces):
        is_strike = True
    if not is_strike and not state_perpetrator and not us_target and not (base and base.get("type") in ("base", "facility")) \
            and killed and doc.spans("faction_victims", s0, s1) and pmf_counts(doc, sent_start, sent_end) \
            and re.search(r"(?<!\w)[وفب]?(?:ال)?(?:قصف|غارات|غاره|ضربات|ضربه)(?!\w)", doc.norm_slice(s0, s1)):
        # "الحشد الشعبي: 25 شهيداً و51 جريحاً بقصف مقرات اللواءين 45 و46": the Popular Mobilization counting its
        # own dead of a bombardment names the US strike that killed them, not an attack of its own
        is_strike = True
    if not is_strike and not state_perpetrator and not us_target and base is not None \
            and base.get("id") in cues.roles.get("faction_strongholds", ()) and not doc.spans("interception_cues", s0, s1):
        is_strike = True  # "الضربات على جرف النصر أدت إلى استشهاد اثنين": no US force is there to attack
    if is_strike:
        event_type = "strike"
        if base and base.get("_start") is not None and ATTACK_AT_RE.search(doc.norm_slice(max(s0, base["_start"] - 16), base["_start"])):
            # "قتلت ضربة في حي المشتل القيادي ... الذي خطط لهجمات، ومنها هجوم البرج 22": not where the strike fell
            base = _best_place(doc, gazetteer, lo, hi, trigger.start, frozenset({base["_start"]}))
    elif state_perpetrator == "Iran" and (us_target or (base and base.get("type") in ("base", "facility"))):
        # "قصفت إيران قاعدة عين الأسد بصواريخ باليستية": Iran's own missiles on a base with US forces are an attack
        # on them, as the IRGC's are (analysts count it with the factions')
        event_type = "attack"
    elif state_perpetrator:
        event_type = "other"  # "قصفت طائرات إسرائيلية مواقع لحزب الله", "أطلقت إيران صواريخ على أربيل": a state's own strike
    elif [a for a in true_militias if a.entity_id not in elsewhere] or us_target or (base and base.get("type") in ("base", "facility")):
        # (a faction of another theatre named alone, "عقب اغتيال رئيس المكتب السياسي لحركة حماس في طهران", makes no
        # attack on US forces here)
        event_type = "attack"  # the gazetteer's bases and facilities host US or coalition forces
    elif militias:
        event_type = "other"  # "الحرس الثوري يطلق صواريخ على أربيل": a state force hitting someone other than US forces
    elif state_perpetrator:
        event_type = "other"
    else:
        event_type = "attack" if weapon and weapon.label in ("rocket", "drone", "ied", "ballistic_missile") else "other"
    # nothing in the clause says whose event it is ("بلغت حصيلة العدوان ثلاثة شهداء"): a restatement of the event
    # beside it, whatever that one's type
    weak_type = event_type == "other" and not (state_perpetrator or militias or us_target or weapon or is_strike) \
        and all(doc.spans("anaphoric_triggers", t.start, t.end) for t in triggers) and not _holds_tally(doc, sent_start, sent_end)
    place = base
    if place is not None and place.get("country") not in THEATRE and _war_context(doc, place["id"], lo, hi):
        place = None  # "منذ بدء الحرب على غزة": the war named as context, not where this event happened
    # a group named right after a word of killing or wounding ('مقتل', 'إصابة', 'تقتل ستة من مقاتلي') lost people
    victims = {a.entity_id for a in militias
               if any(0 <= a.start - c.end <= 25 for key in ("killed_cues", "wounded_cues", "killed_verbs") for c in doc.spans(key, s0, a.start))}
    # ("مسيرة تضرب قاعدة حقل العمر، تقتل ستة من مقاتلي قسد": the SDF lost men to the attack on a base hosting US
    # forces; it is no party fighting someone else there. ISIS losing men is still a strike on ISIS)
    at_us_site = event_type == "attack" and base is not None and base.get("type") in ("base", "facility")
    if event_type in ("attack", "strike") and any(a.entity_id in set(cues.roles.get("not_factions", []))
                                                  and not (at_us_site and a.entity_id in victims and a.entity_id != "isis") for a in militias) \
            and not true_militias_of_axis(cues, true_militias):
        # "مقتل جنديين في هجوم لداعش": ISIS fighting others is not this confrontation, nor "مقتل عنصرين من داعش بغارة
        # للتحالف": strikes on ISIS
        event_type = "other"
    if (event_type == "strike" or event_type == "attack" and not us_target and not (base and base.get("type") in ("base", "facility"))) \
            and _UNKNOWN_AIRCRAFT_RE.search(doc.norm_slice(s0, s1)) \
            and not any(doc.spans(k, s0, s1) for k in ("us_signals", "coalition_signals")):
        # "تحدثت وسائل إعلام سورية عن غارات «لطائرات مجهولة» قرب البوكمال": nobody says whose they were
        event_type = "other"
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
        # a strike on the factions with no agent named is the United States' (the event type already says so)
        perpetrator = _strike_perpetrator(doc, gazetteer, cues, trigger, s1)
        target_ids = [a.entity_id for a in sorted(persons + militias, key=lambda a: a.start)]
    else:
        # (a victim group is not the perpetrator)
        subject = _nearest([a for a in militias if a.entity_id not in victims and a.entity_id not in elsewhere], trigger.start)
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
        [_actor_name(gazetteer, a.entity_id, new_actors) for a in militias
         if a.entity_id not in elsewhere or _actor_name(gazetteer, a.entity_id, new_actors) in (claimed, perpetrator)]
        + [_parent_name(gazetteer, a.entity_id) for a in persons]
    )
    # the group that did it (or claimed it) leads: charts stack an event under its first faction
    factions = sorted(factions, key=lambda name: name not in (claimed, perpetrator))
    if when is None and rows and rows[-1]["_sentence"] == index and rows[-1]["date_basis"] == "text" \
            and rows[-1]["date_precision"] in ("day", "month") and not later \
            and not doc.spans("response_markers", max(sent_start, s0 - 30), s1) \
            and not AFTER_SPAN_RE.search(doc.norm_slice(s0, min(s1, s0 + 60))):
        # "استهداف قاعدة الشدادي يوم الاثنين 13 تشرين الثاني، كما استهدفت قاعدة خراب الجير": an event of the
        # same sentence with no date of its own shares the date of the one before it (not the one it answers:
        # "شنت غارات مساء الجمعة ردا على مقتل ثلاثة من جنودها بهجوم على البرج 22" is older)
        when = _date_of(rows[-1], s0)
    borrowed = False
    if when is None and rows and doc.published and CLAIM_RE.search(doc.norm_slice(sent_start, sent_end)) \
            and _news_peg(rows[0], doc.published) and not _told_place(doc, gazetteer, rows, s0, s1):
        # "أدانت الحكومة الهجوم ... فجر أمس الأحد ... وتبنت المقاومة هجمات على أربع قواعد": a claim with no date
        # of its own in a report of yesterday's event is of that event's day, not of the day the page came out
        when = _date_of(rows[0], s0)
        borrowed = True
    # an anniversary piece ("عام على البرج 22", "يصادف اليوم مرور عام على الهجوم") retells old events: one it
    # gives no date is not of the day it was published
    # ("شنت مروحيات ليل الأربعاء هجمات ... رداً على قصف صاروخي طال قاعدتي كونيكو والقرية الخضراء": the attack a
    # dated strike answers is older than it, not of the day the page came out)
    answered_clause = when is None and s0 > sent_start and bool(doc.spans("response_markers", max(sent_start, s0 - 2), min(s1, s0 + 15))) \
        and any(r["_sentence"] == index and r["date_basis"] == "text" for r in rows[-2:])
    # ("سبق أن استهدفت قبل أشهر": an event told as months older than the news is not of the day the page came out)
    earlier = when is None and bool(_EARLIER_RE.search(doc.norm_slice(s0, s1)))
    then = when is None and bool(_AT_THAT_TIME_RE.search(doc.norm_slice(s0, s1)))
    dated = _date_fields(when) if when else _published_fields("" if _anniversary(doc) or answered_clause or earlier or then else doc.published)
    dated["date_end"] = ""
    first_day = _range_start(doc, when) if when is not None and when.precision == "day" else None
    if first_day:  # "بين 28 و30 كانون الثاني": the range's first day, its last in date_end
        dated.update(date=first_day, date_precision="range", date_end=when.iso)
    night = night_range(doc, s0, s1, when.start) if when is not None and when.precision == "day" else None
    if night and when.iso in night:  # "ليل الجمعة السبت": from the first day to the next
        dated.update(date=night[0], date_precision="range", date_end=night[1], year=int(night[0][:4]))
    return {
        "_sentence": index,
        "_borrowed_date": borrowed,  # (the day of the article's first event: it ties to nothing by itself)
        "_weak_type": weak_type,
        # ("الغارات أسفرت عن مقتل خمسة عناصر": the strikes, never an attack; a faction's dead are a strike's)
        "_weak_kind": (anaphor_type(doc, triggers) or ("strike" if doc.spans("faction_victims", s0, s1) else "")) if weak_type else "",
        # "ليل أمس" / "فجر اليوم": the two ends of one night, which sources date a day apart
        "_night": _day_part(doc, when, s0, _NIGHT_PART_RE),
        "_dawn": _day_part(doc, when, s0, _DAWN_PART_RE),
        "_trigger": trigger.start,
        # "- 8 نوفمبر: غارة ..." then "- 12 نوفمبر: ضربتان ..." with no year known: two days written, though
        # neither can be dated
        "_day_text": "" if when is not None else next((normalize_char_string(d.text) for d in doc.dates_in(s0, s1)
                                                       if not d.iso and d.precision in ("day", "unknown") and re.search(r"[0-9\u0660-\u0669]", d.text)), ""),
        # a month or a weekday no year or publication date resolves ("في نيسان الماضي", "مساء السبت"): two names are
        # two events, however alike otherwise
        "_when_name": "" if when is not None else _when_name(doc, s0, s1),
        # told as earlier than the article's news by a span no date resolves: never the news event itself
        "_earlier": earlier,
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


_NIGHT_PART_RE = re.compile(r"(?<!\w)(?:ليل|ليله|الليله|منتصف\s+ليل|منتصف\s+الليل|مساء|ساعه\s+متاخره)(?!\w)")
_DAWN_PART_RE = re.compile(r"(?<!\w)(?:فجر|صباح|الساعات\s+الاولي|ساعات\s+الفجر)(?!\w)")


def _day_part(doc: _Doc, when, s0: int, part_re: re.Pattern) -> bool:
    """The event's day is qualified as a night (or a dawn) in the words just before its date."""
    if when is None or when.precision != "day" or not when.text:
        return False
    return bool(part_re.search(doc.norm_slice(max(s0, when.start - 20), when.end)))


def _sentence_before(doc: _Doc, pos: int) -> int:
    """Start of the sentence that ends before pos (over blank lines), or pos."""
    back = pos - 1
    while back > 0 and doc.text[back].isspace():
        back -= 1
    return doc.sentence_of(back)[0] if back > 0 else pos


def _lead_claimant(doc: _Doc, gazetteer: Gazetteer, s0: int) -> dict | None:
    """'أعلنت المقاومة الإسلامية في العراق أنها نفّذت 11 عملية ... فإن العمليات توزّعت على النحو الآتي:': the one
    faction the lead line, or the sentence before it, says claimed the operations listed."""
    lead = operations_list_lead(doc, s0)
    if lead is None:
        return None
    lo = _sentence_before(doc, lead[0])
    names = {_actor_name(gazetteer, e.entity_id) for e in doc.entities_in(lo, lead[1])
             if e.entity_kind == "actor" and _actor_type(gazetteer, e.entity_id) == "militia"}
    if len(names) != 1 or not (CLAIM_RE.search(doc.norm_slice(lo, lead[1])) or _ANNOUNCED_RE.search(doc.norm_slice(lo, lead[1]))):
        return None
    name = names.pop()
    return {"perpetrator": name, "claimed_by": name}


_ANNOUNCED_RE = re.compile(r"(?<!\w)و?(?:اعلنت|اعلن)\s+(?:\S+\s+){1,16}?(?:انها|انه)\s+(?:نفذت|نفذ|استهدفت|استهدف|شنت)")


def _names_the_bases_of(doc: _Doc, gazetteer: Gazetteer, triggers: list[Span], rows: list[dict], index: int,
                        s0: int, s1: int) -> DateMention | None:
    """'استهدفت صواريخ مساء الأربعاء قاعدتين في ريف دير الزور' then 'وقالت سنتكوم إن عدة صواريخ سقطت داخل محيط
    مجمع كونيكو ومنطقة القرية الخضراء': a sentence with no date of its own, right after an attack told only by
    its region, that names bases in that country tells where that attack fell; it has that attack's day."""
    prev = next((r for r in reversed(rows[-4:]) if r["event_type"] == "attack"), None)
    if prev is None or index - prev["_sentence"] > 2 or prev["date_basis"] != "text" \
            or prev["date_precision"] != "day" or not any(doc.spans("attack_triggers", t.start, t.end) or doc.spans("weapons", t.start, t.end) for t in triggers):
        return None
    rec = place_records_by_name(gazetteer).get(prev["place"]) if prev["place"] else None
    if rec is not None and PLACE_SPECIFICITY.get(rec.get("type"), 0) < 2:
        return None
    found = [e for e in doc.entities_in(s0, s1) if e.entity_kind == "place" and gazetteer.places[e.entity_id].get("type") in ("base", "facility")]
    bases = [gazetteer.places[e.entity_id] for e in found]
    if not bases or any(b.get("country") != prev["country"] for b in bases):
        return None
    # (one run of bases, "داخل محيط مجمع كونيكو ومنطقة القرية الخضراء", not bases told clause by clause)
    if any(b.start > a.end and not BASE_COORDINATION_RE.fullmatch(doc.norm_slice(a.end, b.start)) for a, b in zip(found, found[1:])):
        return None
    # (the attack counted two bases and this names one: the other stays the region's row)
    p0, p1 = doc.sentence_of(prev["_trigger"])
    if _TWO_SITES_RE.search(doc.norm_slice(p0, p1)) and len({b["name_en"] for b in bases}) < 2:
        return None
    return _date_of(prev, s0)


_TWO_SITES_RE = re.compile(r"(?<!\w)(?:قاعدتان|قاعدتين|القاعدتين|القاعدتان|موقعين|موقعان|الموقعين|قاعدتيها|قاعدتيه)(?!\w)")


def _lead_date(doc: _Doc, s0: int) -> DateMention | None:
    """An item of a list of operations with no date of its own is of the day its lead line, or the sentence
    before the lead, gives ("نفّذت يوم أمس الجمعة 11 عملية ... فإن العمليات توزعت كالآتي:")."""
    lead = operations_list_lead(doc, s0)
    if lead is None:
        return None
    lo = _sentence_before(doc, lead[0])
    for start in (lead[0], lo):
        dates = [d for d in doc.dates_in(start, lead[1]) if d.iso and d.precision == "day"]
        if dates:
            d = dates[-1]
            return DateMention(s0, s0, d.iso, d.precision, d.year, "", True, d.explicit_year, "")
    return None


_SERIES_TOLL_RE = re.compile(r"(?<!\w)(?:بين|من)\s+(?:ال)?[\d\u0660-\u0669]{1,2}\s+(?:و|الى|إلى|-)\s*(?:ال)?[\d\u0660-\u0669]{1,2}(?!\d)[^.\n]{0,40}?"
                             r"(?<!\w)(?:في|خلال|جراء|اثر|إثر|بسبب)\s+(?:ال)?(?:هجمات|ضربات|غارات)(?!\w)")
# (not dozens of rockets in one salvo, nor a count followed by its examples: "عشرات الهجمات، بينها قصف على مطار أربيل في شباط")
_MANY_RE = re.compile(r"(?<!\w)(?:عشرات|مئات|العشرات|المئات)\s+(?:من\s+)?(?:ال)?(?:هجمات|ضربات|غارات|عمليات)(?!\w)")
_EXAMPLES_RE = re.compile(r"(?<!\w)(?:بينها|منها|ابرزها|اخرها)(?!\w)")
# (and "غارة بطائرة مسيرة مجهولة الهوية على سيارة": an unknown drone hitting a car, away from any base)
_UNKNOWN_AIRCRAFT_RE = re.compile(r"(?<!\w)(?:ل|ب)?(?:ال)?(?:طايرات|طايره|طيران|مقاتلات|مسيره|مسيرات)\s+(?:حربيه\s+|مسيره\s+)?(?:ال)?(?:مجهوله|مجهول)(?!\w)")
_UNKNOWN_AGENT_RE = re.compile(r"(?<!\w)(?:مجهول|مجهوله|مجهولة|مجهولا)(?!\w)")


def _strikes_are_us(rows: list[dict], gazetteer: Gazetteer, cues: Cues) -> bool:
    """The article told strikes before, and every one was the US's or the coalition's (the agents a strike with
    none named is given)."""
    strikes = [r for r in rows if r["event_type"] == "strike"]
    ours = {_actor_name(gazetteer, cues.roles.get(f"strike_perpetrator_{side}", "")) for side in ("us", "coalition")} | {""}
    return bool(strikes) and all(r["perpetrator"] in ours for r in strikes) and any(r["perpetrator"] for r in strikes)


def _same_agent_as_before(doc: _Doc, rows: list[dict], index: int, s0: int, s1: int, militias: list, us_target: bool,
                          base: dict | None) -> bool:
    """The segment goes on the sentence's strike: the row before is a strike of this sentence, and the segment
    names no faction, no US target, no base, no other state and does not answer ("فردت الفصائل")."""
    if not rows or rows[-1]["_sentence"] != index or rows[-1]["event_type"] != "strike":
        return False
    if us_target or any(s0 <= a.start < s1 for a in militias) or (base and base.get("type") in ("base", "facility")):
        return False
    if doc.spans("response_verbs", s0, min(s1, s0 + 12)) or doc.spans("response_markers", s0, s1) \
            or doc.spans("foreign_forces", s0, s1):
        return False
    return bool(_SEQUENCE_OPEN_RE.match(doc.norm_slice(s0, min(s1, s0 + 20))))


_SEQUENCE_OPEN_RE = re.compile(r"[\s\u060c,]*(?:ثم|و|كما|وكذلك)")


def _intercepted(doc: _Doc, trigger: Span, s0: int, s1: int) -> bool:
    """'أسقطت الدفاعات الجوية مسيرة', 'اعترضت منظومة سي رام صاروخين': the weapon was stopped before it hit."""
    return bool(doc.spans("interception_cues", max(s0, trigger.start - 80), min(s1, trigger.end + 80)))


def _anniversary(doc: _Doc) -> bool:
    """The headline or the lead says the piece marks an anniversary."""
    return bool(doc.spans("commemoration", 0, min(len(doc.text), 400)))


def _before_or_after_previous(doc: _Doc, s0: int, s1: int, rows: list[dict]) -> DateMention | None:
    """A day counted from the incident told just before. A part that opens with the span ("بعد يومين من هجوم ...",
    "وذلك بعد ساعات من هجوم بطائرة مسيرة استهدف ...") names an earlier event: its day is counted back, and a span of
    hours leaves it undated (the same day or the day before)."""
    after = _after_previous_event(doc, s0, s1, rows)
    if after is None or not AFTER_SPAN_RE.match(doc.norm_slice(s0, s1)) or not re.match(r"(?:بعد|عقب)", doc.norm_slice(s0, s1)) \
            or rows[-1]["date_precision"] != "day":
        return after
    last = date.fromisoformat(rows[-1]["date"])
    back = last - (date.fromisoformat(after.iso) - last)
    return None if back == last else DateMention(after.start, after.end, back.isoformat(), "day", back.year, "", True, False, after.text)


def _wave_countries_in_follow_up(doc: _Doc, gazetteer: Gazetteer, previous: dict, s0: int, s1: int) -> list[dict]:
    """"تعرضا لثلاث ضربات جوية" then "فيما قال البنتاغون إن قواتها نفذت ضربات ضد خمسة مواقع، ثلاثة منها داخل العراق
    واثنان في سوريا": a follow-up that tells the strikes as a wave over several countries adds a row for each country
    the strikes told before were not in (as a wave told at once gives one row per country)."""
    if previous["event_type"] != "strike" or previous.get("_split") or not previous["country"] or "; " in previous["country"]:
        return []
    parts = _one_per_struck_place(doc, gazetteer, previous, s0, s1, own=False)
    countries = [p["country"] for p in parts]
    if len(parts) < 2 or previous["country"] not in countries:
        return []
    others = [p for p in parts if p["country"] != previous["country"]]
    return [split_part(previous, f"w{i}", i, place=p["place"], country=p["country"], lat=p["lat"], lon=p["lon"])
            for i, p in enumerate(others, start=1)]


def _unique(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


