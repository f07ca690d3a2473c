"""Victims named instead of counted: 'قتلت طائرة مسيرة قائد فيلق القدس قاسم سليماني ونائب رئيس هيئة الحشد أبو
مهدي المهندس وثمانية آخرين' is ten dead, 'قُتل الرقيب ... والمجندتان ...' three, 'القائد أبو تقوى ورفيقه' two.

Takes the article's indexed document, the span of one event clause and the gazetteer's person ids; gives the
number of people the clause names as killed, or None when it names none or when companions are left uncounted
('ومرافقيه'). Titles and companions are lists in data/resources/extraction.yaml (victim_titles, companions,
companion_counts); a person the gazetteer knows counts one unless a title just before already counted them."""
from __future__ import annotations

import re

from preprocess.extract.doc import _Doc

REACH = 260  # characters after the word of killing that may still list its victims
_CLAUSE_END_RE = re.compile(r"[.؛;]|(?<!\w)(?:فيما|بينما|في حين|كما|ثم|واصيب|واصابت|وجرح|وادي|واسفر)(?!\w)")
_VERBAL_RE = re.compile(r"^[وف]?(?:قتل|قتلت|قتلا|قتلتا|قتلوا|يقتل|تقتل|اردت|اردي|لقي|لقوا|لقيا)$")
# "أسفرت عن مقتل", "أدى إلى استشهاد", "خلّف": a noun of killing that reports a toll (not "على خلفية مقتل ...")
_CONSEQUENCE_RE = re.compile(r"(?:(?<!\w)(?:اسفر|اسفرت|يسفر|تسفر)\s+عن|(?<!\w)(?:ادي|ادت|يودي|تودي|افضي|افضت)\s+(?:الي|الى)|(?<!\w)(?:خلف|خلفت|اوقع|اوقعت)(?!\w))\s*$")
_RELATIVE_RE = re.compile(r"(?:اللذين|اللذان|اللتين|اللتان)\s+$")  # "سليماني والمهندس، اللذين قتلا مع ثمانية آخرين"


def named_victims(doc: _Doc, persons: frozenset[str], lo: int, hi: int) -> int | None:
    """The count of the victims listed after the first word of killing in [lo, hi), or None."""
    cues = sorted(doc.spans("killed_cues", lo, hi) + doc.spans("killed_verbs", lo, hi), key=lambda sp: sp.start)
    for cue in cues:
        if not _VERBAL_RE.match(doc.norm_slice(cue.start, cue.end)) \
                and not _CONSEQUENCE_RE.search(doc.norm_slice(max(lo, cue.start - 25), cue.start)) \
                and not _heads_its_line(doc, cue.start):
            # "منذ مقتل سليماني والمهندس": a noun of killing names an event as a reference, and its list is
            # rarely the whole toll; "أسفرت عن مقتل ..." and the verbs report it
            continue
        count = _listed_after(doc, persons, cue.end, min(hi, cue.end + REACH))
        if _RELATIVE_RE.search(doc.norm_slice(max(lo, cue.start - 12), cue.start)):
            return 2 + (count or 0)
        if count:
            return count
        if count is None:
            return None
    return None


_HEAD_PREFIX_RE = re.compile(r"[\s\-\u2013\u2022*#>|]*(?:[^\n:]{0,40}[:\u2013]\s*|[^\n]{0,40}?\s[-\u2013]\s+)?")


def _heads_its_line(doc: _Doc, start: int) -> bool:
    """'3 يناير 2020: مقتل قاسم سليماني وأبو مهدي المهندس بضربة قرب مطار بغداد', '• مقتل ...': a noun of killing
    that opens a line, a list item or a headline (after its date) reports the killing it names."""
    line = doc.text.rfind("\n", 0, start) + 1
    return bool(_HEAD_PREFIX_RE.fullmatch(doc.text, line, start))


def _listed_after(doc: _Doc, persons: frozenset[str], start: int, hi: int) -> int | None:
    """People listed from `start`: 0 when the first thing named is not a person, None when uncounted."""
    end = _clause_end(doc, start, hi)
    items = [(sp.start, sp.end, "title", 2 if sp.label == "two" else 1) for sp in doc.spans("victim_titles", start, end)]
    items += [(e.start, e.end, "person", 1) for e in doc.entities_in(start, end)
              if e.entity_kind == "actor" and e.entity_id in persons]
    items += [(sp.start, sp.end, "companion" if sp.label == "one" else "uncounted", 1)
              for sp in doc.spans("companions", start, end)]
    for n in doc.numbers_in(start, end):
        after = doc.spans_starting("companion_counts", n.num_end, min(end, n.num_end + 4))
        if after and isinstance(n.value, int) and 0 < n.value < 100:
            items.append((n.start, max(sp.end for sp in after), "counted", int(n.value)))
    counted = [(s, e) for s, e, kind, _v in items if kind == "counted"]
    # "وثمانية من مرافقيهما": the companions are counted by the number before them
    items = [it for it in items if not (it[2] == "uncounted" and any(s <= it[0] < e for s, e in counted))]
    items.sort()
    if not items or items[0][2] not in ("title", "person") or not _only_subject_between(doc, start, items[0][0]):
        return 0  # "مقتل ثلاثة جنود" is a number's business; "مقتل عناصر" names nobody
    total, titled_until = 0, -1
    for s, e, kind, value in items:
        if kind == "uncounted":
            return None
        if kind == "person" and s <= titled_until:
            continue  # the name after its title: "قائد فيلق القدس قاسم سليماني" is one
        total += value
        titled_until = e + 60 if kind == "title" else -1
    return total


def _only_subject_between(doc: _Doc, start: int, first: int) -> bool:
    """Right after the word of killing, or after its subject ('قتلت ضربة بطائرة مسيرة أمريكية في 3 كانون الثاني
    القيادي ...'): a short stretch with no count in it."""
    if first - start <= 12:
        return True
    return first - start <= 70 and all(doc.in_date(n.num_start) for n in doc.numbers_in(start, first))


def _clause_end(doc: _Doc, start: int, hi: int) -> int:
    m = _CLAUSE_END_RE.search(doc.norm_slice(start, hi))
    return doc.pos(start, m.start()) if m else hi
