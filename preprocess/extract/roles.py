"""Who did what to whom in one event clause: the state or faction behind a strike, the US as target, the
owner of what was hit, a killed commander's faction, the agent of a list of strikes. Takes the indexed
document, the trigger and the clause's bounds; gives names, flags or gazetteer records."""
from __future__ import annotations

import re

from preprocess.cues import Cues, Span
from preprocess.extract.doc import MOURN_VERBS, US_TARGET_LEAD_RE, VICTIMS_AFTER_RE, _Doc, per_gazetteer, _actor_name, _actor_type
from preprocess.gazetteer import EntityMatch, Gazetteer


def _persons(gazetteer: Gazetteer) -> frozenset[str]:
    """The gazetteer's people (their killing may be told by name alone)."""
    return per_gazetteer(gazetteer, "persons", lambda g: frozenset(
        i for i, rec in g.actors.items() if rec.get("type") == "person"))


def _faction_figures(gazetteer: Gazetteer, cues: Cues) -> frozenset[str]:
    """People whose parent is a faction or a faction force (IRGC, Quds Force, PMF): their killing is a strike."""
    def build(g: Gazetteer) -> frozenset[str]:
        factions = {i for i, rec in g.actors.items() if rec.get("type") == "militia"}
        factions |= set(cues.roles.get("faction_forces", []))
        return frozenset(i for i, rec in g.actors.items() if rec.get("type") == "person" and rec.get("parent") in factions)
    return per_gazetteer(gazetteer, "faction_figures", build)


_GUESS_RE = re.compile(r"(?:يرجح|يعتقد|رجحت|يشتبه)\s+(?:ان|انه|انها|بانها|بانه)\s+")


def _us_agent_in_sentence(doc: _Doc, s0: int, s1: int) -> bool:
    """The US or the coalition named in the sentence other than as a target."""
    return any(not is_target for _sp, is_target in _us_mentions(doc, s0, s1))


def _article_militias(doc: _Doc, gazetteer: Gazetteer) -> list[str]:
    """Militias the article names, umbrellas left out when one of their members is named too."""
    ids = list(dict.fromkeys(e.entity_id for e in doc.entities if _actor_type(gazetteer, e.entity_id) == "militia"))
    parents = {gazetteer.actors[i].get("parent") for i in ids}
    return [i for i in ids if i not in parents]


def _owns_target(doc: _Doc, actor: EntityMatch, trigger: Span) -> bool:
    """The faction follows the trigger as the owner of an asset: 'مقرا للحشد', 'مواقع لكتائب حزب الله'."""
    return actor.start > trigger.start and bool(doc.spans("faction_assets", max(trigger.end, actor.start - 60), actor.start))


_AGENT_AFTER_RE = re.compile(r"\s*(?:التي|الذي)?\s*(?:نفذ|شن|اطلق|تبن)\w*\s*$")


def _agent_after(doc: _Doc, trigger: Span, s1: int) -> bool:
    """'الضربات الصاروخية التي نفذها الحرس الثوري': the strikes' own agent is named after them."""
    for e in doc.entities_in(trigger.end, min(s1, trigger.end + 60)):
        if e.entity_kind == "actor" and _AGENT_AFTER_RE.search(doc.norm_slice(max(trigger.end, e.start - 25), e.start)):
            return True
    return False


def _lost_a_leader(doc: _Doc, actor: EntityMatch, trigger: Span) -> bool:
    """'قتلت ضربة بطائرة مسيرة القيادي في حركة النجباء': the faction whose commander the killing names, right
    after a word of killing."""
    # (the killing may be told before the event word: "بعد قتل القيادي في النجباء ... بمسيّرة استهدفت مقراً")
    s0 = doc.sentence_of(actor.start)[0]
    titles = doc.spans("victim_titles", max(s0, actor.start - 25), actor.start)
    if not titles:
        return False
    lo = max(s0, titles[0].start - 70)
    return bool(doc.spans("killed_cues", lo, titles[0].start) or doc.spans("killed_verbs", lo, titles[0].start))


_MOURNS_RE = re.compile(r"(?<!\w)[وف]?(?:" + MOURN_VERBS + r")(?!\w)")


def _mourns_its_dead(doc: _Doc, actor: EntityMatch, trigger: Span) -> bool:
    """'ونعت كتائب سيد الشهداء أربعة من عناصرها قالت إنهم قتلوا في القصف': the faction that mourns its own
    fighters lost them in the event told after it; it did not carry it out."""
    s0 = doc.sentence_of(actor.start)[0]
    # (or its statement that mourns them after its name: "أصدرت «كتائب حزب الله» بياناً نعت فيه «شهيدين» من مقاتليها")
    return actor.end <= trigger.start and bool(_MOURNS_RE.search(doc.norm_slice(max(s0, actor.start - 25), actor.start))
                                               or _MOURNS_AFTER_RE.match(doc.norm_slice(actor.end, min(trigger.start, actor.end + 40))))


_MOURNS_AFTER_RE = re.compile(r"[\s\"\u00bb\u201d]*(?:\S+\s+){0,2}?[وف]?(?:نعت|نعي|تنعي|ينعي)\s+(?:فيه\s+|فيها\s+)?")


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
    # (or the victims' word right after it: "ارتفع عدد الأمريكيين المصابين في الهجوم")
    return [(sp, bool(US_TARGET_LEAD_RE.search(doc.norm_slice(max(lo, sp.start - 30), sp.start))
                      or VICTIMS_AFTER_RE.match(doc.norm_slice(sp.end, min(hi, sp.end + 14)))))
            for key in ("us_signals", "coalition_signals") for sp in doc.spans(key, lo, hi)]


def _us_is_target(doc: _Doc, lo: int, hi: int) -> bool:
    # (_us_mentions' test, stopping at the first mention on the receiving end)
    return any(US_TARGET_LEAD_RE.search(doc.norm_slice(max(lo, sp.start - 30), sp.start))
               or VICTIMS_AFTER_RE.match(doc.norm_slice(sp.end, min(hi, sp.end + 14)))
               for key in ("us_signals", "coalition_signals") for sp in doc.spans(key, lo, hi))


def _state_adjective(doc: _Doc, trigger: Span, s1: int) -> str:
    """'الهجوم الإيراني', 'قصفت طائرات إسرائيلية', 'بقصف لطائرة مسيرة تركية', 'صواريخ باليستية إيرانية سقطت':
    a state named by an adjective right after the trigger, or right after a weapon next to it, is its perpetrator."""
    anchors = [trigger.end]
    anchors += [w.end for w in doc.spans("weapons", max(0, trigger.start - 40), min(s1, trigger.end + 30))
                if w.start >= trigger.end - 1 and w.start - trigger.end <= 6 or w.end <= trigger.start and trigger.start - w.end <= 12]
    # "استهدفت طائرة مسيرة مجهولة يرجح أنها إسرائيلية": a guess at whose it was still names the state
    for m in _GUESS_RE.finditer(doc.norm_slice(trigger.end, min(s1, trigger.end + 60))):
        anchors.append(doc.pos(trigger.end, m.end()))
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
