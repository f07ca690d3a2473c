"""Where an event happened: 'the base' named before, a war named as context, the countries of an event with
no place, whether an undated report names a target. Takes the indexed document and the clause; gives gazetteer
records, country names or flags."""
from __future__ import annotations

import re

from preprocess.cues import Span
from preprocess.extract.doc import COORDINATION_RE, _Doc, _actor_type, _best_place, _nearest
from preprocess.gazetteer import Gazetteer


_THE_BASE_RE = re.compile(r"(?<!\w)[وفبل]?(?:القاعده|المطار|المعسكر|الموقع)(?!\w)(\s+(?:ذاته|نفسه|ذاتها|نفسها))?")


_WORD_RE = re.compile(r"[^\W\d_]{2,}")


def _the_base(doc: _Doc, gazetteer: Gazetteer, lo: int, hi: int, s0: int) -> dict | None:
    """'سقط أكثر من ثلاثين صاروخا على القاعدة': 'the base' with no name is the base named last before it, in its
    sentence or the one before."""
    for m in _THE_BASE_RE.finditer(doc.norm_slice(lo, hi)):
        end = doc.pos(lo, m.end())
        if any(0 <= e.start - end <= 4 for e in doc.entities_in(end, min(hi, end + 40)) if e.entity_kind == "place"):
            continue  # "القاعدة الجوية في عين الأسد": named right after
        sent_start = doc.sentence_of(lo)[0]
        prev_start = doc.sentence_of(sent_start - 1)[0] if sent_start > 0 else sent_start
        if 0 < prev_start < sent_start and not _WORD_RE.search(doc.text, prev_start, sent_start):
            # (a date line between a headline and its teaser, "06/08/2024", is no sentence of its own)
            prev_start = doc.sentence_of(prev_start - 1)[0]
        same = bool(m.group(1))  # "المعسكر ذاته": the one named last, however far back in the article
        bases = [e for e in doc.entities_in(max(0, lo - 2500) if same else prev_start, doc.pos(lo, m.start())) if e.entity_kind == "place"
                 and gazetteer.places[e.entity_id].get("type") in ("base", "facility")]
        if bases and (same or len({e.entity_id for e in bases}) == 1):  # two bases named before: a guess
            return {**gazetteer.places[bases[-1].entity_id], "id": bases[-1].entity_id}
        if not same and m.group(0).lstrip("وفبل") == "الموقع":
            continue  # "الموقع" is often any site: only a base named right before makes it one
        return None
    return None


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
        if not place or not (place.get("type") in ("base", "facility", "city") or place.get("type") == "region" and place.get("city")
                             # "نفذت الطائرات الأميركية غارات على ثلاثة مواقع على الحدود العراقية السورية": US strikes
                             # on a stretch of border are told as specifically as on a town (not so "شرق سوريا", which
                             # mostly restates strikes told with their town)
                             or place.get("type") == "region" and place.get("id", "").endswith(("_border", "_triangle"))
                             and bool(doc.spans("strike_triggers", trigger.start, trigger.end))):
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
