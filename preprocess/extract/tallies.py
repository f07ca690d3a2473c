"""Reported attack tallies ('أكثر من 150 هجوما منذ 17 تشرين الأول'): count, qualifier, period and place."""
from __future__ import annotations

from preprocess.extract.doc import SINCE_RE, UNTIL_RE, _Doc, _best_place, _preceding_words
from preprocess.extract.troops import _provenance
from preprocess.gazetteer import Gazetteer
from preprocess.numbers import NumberMention

# ---------------------------------------------------------------- attack tallies

def attack_tallies(doc: _Doc, gazetteer: Gazetteer, numbers: list[NumberMention]) -> list[dict]:
    rows = []
    for num in numbers:
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
    return rows
