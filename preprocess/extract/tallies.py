"""Reported attack tallies ('أكثر من 150 هجوما منذ 17 تشرين الأول'): count, qualifier, period and place."""
from __future__ import annotations

import re

from preprocess.extract.doc import SINCE_RE, UNTIL_RE, _Doc, _best_place, _preceding_words
from preprocess.extract.troops import _provenance
from preprocess.gazetteer import Gazetteer
from preprocess.numbers import NumberMention

BREAKDOWN_REACH = 30  # characters between a part's figure and the place it belongs to
# words after a figure that make it a count of something other than attacks
_OTHER_NOUN_RE = re.compile(r"\s*(?:جندي|جنود|عسكري|قتيل|قتلي|جريح|جرحي|مصاب|صاروخ|صواريخ|طائره|مسير|قذيف|كيلو|كلم|كم|عام|سنه|يوم|شهر|ساعه|دولار|مليون|الف|بالمئه|في المئه|%)")
_BREAKDOWN_OPENER_RE = re.compile(r"^\W*(?:و)?(?:منها|من بينها|بينها|توزعت|وتوزعت|موزعه|كان نصيب|تركزت)")


def attack_tallies(doc: _Doc, gazetteer: Gazetteer, numbers: list[NumberMention]) -> list[dict]:
    """Tallies, and a tally per part of a breakdown that follows one ('41 هجوما، كان نصيب قاعدة بلد منها 15،
    ومعسكر القيارة 12', '19 في العراق و23 في سوريا'): each part with its place and the whole's period."""
    rows = []
    parts_taken: set[int] = set()
    for num in numbers:
        if num.start in parts_taken:
            continue
        if not isinstance(num.value, (int, float)) or num.value < 2:
            continue
        s0, s1 = doc.sentence_of(num.start)
        if not any(sp.start >= num.num_end and sp.start - num.num_end <= 4 for sp in doc.spans("attack_count_nouns", s0, s1)):
            continue
        period_start = period_end = ""
        for d in doc.dates_in(s0, s1):
            if not d.iso:
                continue
            lead = _preceding_words(doc, d.start, 14)
            if SINCE_RE.search(lead) and not period_start:
                period_start = d.iso
            elif UNTIL_RE.search(lead) and not period_end:
                period_end = d.iso
        if period_start and not period_end:
            period_end = doc.article_date
        place = _best_place(doc, gazetteer, num.num_end, min(s1, num.num_end + 60), num.num_end) \
            or _best_place(doc, gazetteer, s0, s1, num.start)
        is_country = place is not None and place.get("type") == "country"
        rows.append({
            "count_id": f"{doc.article_id}-cnt-{num.start}",
            "article_id": doc.article_id,
            "count": int(num.value),
            "qualifier": num.qualifier,
            "period_start": period_start,
            "period_end": period_end,
            "country": (place or {}).get("name_en" if is_country else "country", ""),
            "location": "" if (place is None or is_country) else place.get("name_en", ""),
            **_provenance(doc, num, s0, s1),
        })
        parts = _breakdown(doc, gazetteer, numbers, num, s0, s1)
        if parts:  # the places after the whole belong to its parts: the whole keeps only one named before it
            before = _best_place(doc, gazetteer, s0, num.start, num.start)
            whole_country = before is not None and before.get("type") == "country"
            rows[-1]["country"] = (before or {}).get("name_en" if whole_country else "country", "")
            rows[-1]["location"] = "" if (before is None or whole_country) else before.get("name_en", "")
        for part, part_place in parts:
            parts_taken.add(part.start)
            is_country = part_place.get("type") == "country"
            ps0, ps1 = doc.sentence_of(part.start)
            rows.append({**rows[-1], "count_id": f"{doc.article_id}-cnt-{part.start}", "count": int(part.value),
                         "qualifier": part.qualifier,
                         "country": part_place["name_en"] if is_country else part_place.get("country", ""),
                         "location": "" if is_country else part_place["name_en"],
                         **_provenance(doc, part, ps0, ps1)})
    return rows


def _breakdown(doc: _Doc, gazetteer: Gazetteer, numbers: list[NumberMention], whole: NumberMention,
               s0: int, s1: int) -> list[tuple[NumberMention, dict]]:
    """The parts listed after a tally, in its sentence or in the next one when it opens with 'منها',
    'توزعت' ...: smaller figures each tied to a place right before or after them."""
    end = s1
    nxt = doc.sentence_of(s1 + 1) if s1 + 1 < len(doc.text) else None
    if nxt and nxt[0] >= s1 and _BREAKDOWN_OPENER_RE.match(doc.norm_slice(nxt[0], min(nxt[1], nxt[0] + 30))):
        end = nxt[1]
    parts = []
    for n in numbers:
        if n.start <= whole.num_end or n.start >= end or not isinstance(n.value, (int, float)):
            continue
        if not 1 <= n.value < whole.value or n.value != int(n.value):
            continue
        if _OTHER_NOUN_RE.match(doc.norm_slice(n.num_end, min(end, n.num_end + 14))):
            continue
        places = [e for e in doc.entities_in(max(whole.num_end, n.start - BREAKDOWN_REACH), min(end, n.num_end + BREAKDOWN_REACH))
                  if e.entity_kind == "place"]
        after = [e for e in places if e.start >= n.num_end and re.match(r"\s*(?:في|ب|داخل)\s*$", doc.norm_slice(n.num_end, e.start))]
        before = [e for e in places if e.end <= n.start and not any(m.start > e.end and m.start < n.start for m in numbers)]
        chosen = after[0] if after else (before[-1] if before else None)
        if chosen is not None:
            parts.append((n, {**gazetteer.places[chosen.entity_id]}))
    return parts if sum(int(n.value) for n, _ in parts) <= whole.value else []
