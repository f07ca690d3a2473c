"""What a clause says about an event: its trigger words, date, weapon, casualties and whether it is hypothetical;
and how a sentence is cut into event segments."""
from __future__ import annotations

import re

from preprocess.cues import Cues, Span
from preprocess.dates import DateMention
from preprocess.extract.relative import date_heading
from preprocess.extract.doc import CLAIM_RE, MOURN_VERBS, US_TARGET_LEAD_RE, VICTIMS_AFTER_RE, CLAUSE_BREAK_RE, CLAUSE_LEAD_RE, CONTENT_CLAUSE_RE, QUOTE_CHARS, SAME_MONTH_DAY_RE, TARGET_PREPOSITION_RE, _Doc, _clause, _lead_line, _nearest
from preprocess.normalize import normalize_char_string
from preprocess.resources import Guarded

# ---------------------------------------------------------------- incidents

_EVENT_PHRASE_RE = re.compile(r"\s*(?:(?:في|جراء|خلال|اثر|إثر|بسبب|ب)\s*(?:ال)?(?:هجوم|ضربه|ضربات|قصف|غاره|غارات|انفجار|حادث|استهداف|اعتداء)\w*"
                              # ("قتلى في غارات أمريكية": the strikes' adjective is no American killed)
                              r"(?:\s+(?:ال)?(?:امريكي|اميركي|ايراني|اسرائيلي|تركي|جوي)(?:ه|ين|ان)?(?!\w))?"
                              r"|(?:فيه|فيها|فيهما|خلاله|خلالها|جراءه|جراءها|بسببه|بسببها))\s+")  # "أصيب فيها جندي أمريكي"


_VERB_SUBJECT_RE = re.compile(r"\s*(?:ال)?(?:ضربه|غاره|غارات|ضربات|طايره|طايرات|مسيره|مسيرات|صاروخ|صواريخ|قذيفه|قذايف|عبوه|هجمات|هجوم"
                              # "قتلت القوات الأمريكية خمسة مسلحين": the forces that killed, before the count
                              r"|قوات|الجيش|جيش|مروحيات|مقاتلات)"
                              r"(?:\s+(?:ال)?(?:امريكيه|اميركيه|جويه|مسيره|امريكي|اميركي|ناسفه|صاروخيه|بطايره|بمسيره|اخري|ثانيه|جديده|التحالف)){0,3}\s+")
_UNIT_RE = re.compile(r"(?:ال|لل|بال)?(?:لواء|لواءين|لوائين|فوج|فرقه|كتيبه|سريه|قاطع)")


def _count_people(doc: _Doc, cues: Cues, start: int, limit: int, need_person: bool = False) -> int | None:
    """Number of people in a list such as '3 جنود' or 'جنديان أميركيان وبريطانية' starting at `start`; with
    `need_person`, only when a word for people follows the count ('أصابت 3 جنود', not 'أصابت 3 صواريخ القاعدة')."""
    total = 0
    seen = False
    person = False
    skip_next = False
    numbers = {n.start: n for n in doc.numbers_in(start, limit)}
    pos = start
    # "وقُتل في الهجوم ثلاثة جنود", "أصيب جراء القصف 5 عسكريين": the event named before the count
    lead = _EVENT_PHRASE_RE.match(doc.norm_slice(start, min(limit, start + 40)))
    if lead:
        start = pos = doc.pos(start, lead.end())
    for match in re.finditer(r"\S+", doc.text[start:limit]):
        if seen and match.start() > 80:
            break
        w_start = start + match.start()
        if w_start < pos:
            continue  # inside a number phrase already counted
        word = normalize_char_string(match.group(0)).strip(QUOTE_CHARS + "،,.")
        conj = word.startswith("و") and len(word) > 2
        base = word[1:] if conj else word
        num = numbers.get(w_start) or (numbers.get(w_start + 1) if conj else None)
        if num is not None:
            total += int(num.value)
            pos = num.end
            seen = True
            continue
        if seen and _UNIT_RE.fullmatch(base):
            break  # "ثلاثة من عناصر اللواء 47": the brigade's number is no count (and "لواء" here no general)
        if seen and not conj and (base in cues.person_singular or _is_dual(base, cues) or base in cues.person_plural):
            person = True
            continue  # a noun or adjective agreeing with the count before it: "جنديان أميركيان", "4 عسكريين"
        if seen and word == "من" and not skip_next:
            skip_next = True  # "وعنصرين من الشرطة وعامل مدني": the group they belong to, then the list goes on
            continue
        if skip_next:
            skip_next = False
            if not conj:
                continue
        if _is_dual(base, cues):
            total += 2
            person = True
        elif base in cues.person_singular:
            total += 1
            person = True
        elif base in cues.person_plural and not seen:
            return None  # a plural without a number is not a count
        elif seen and conj and base in cues.person_plural:
            person = True
            continue
        elif seen:
            break
        else:
            return None
        seen = True
    return total if seen and (person or not need_person) else None


WEAPON_SPECIFICITY = {"ballistic_missile": 0, "drone": 1, "ied": 2, "rocket": 3, "airstrike": 4}


def _choose_weapon(weapons: list[Span], trigger: Span) -> Span | None:
    """Nearest weapon word; within a short reach the more specific one ('صاروخين باليستيين' is ballistic)."""
    nearest = _nearest(weapons, trigger.start)
    if nearest is None:
        return None
    reach = min(abs(nearest.start - trigger.start), abs(nearest.end - trigger.end)) + 25
    close = [w for w in weapons if min(abs(w.start - trigger.start), abs(w.end - trigger.end)) <= reach]
    return min(close, key=lambda w: (WEAPON_SPECIFICITY.get(w.label, 9), abs(w.start - trigger.start)))


def _is_dual(word: str, cues: Cues) -> bool:
    return any(word.endswith(suf) and word[: -len(suf)] in cues.person_singular for suf in cues.dual_suffixes)


def _casualties(doc: _Doc, cues: Cues, lo: int, hi: int) -> tuple[int | None, int | None]:
    if doc.spans("no_casualties", lo, hi) or cues.no_casualty_re.search(doc.norm_slice(lo, hi)):
        return 0, 0
    if _DISPUTED_RE.search(doc.norm_slice(lo, hi)) and _IRANIAN_SOURCE_RE.search(doc.norm_slice(lo, hi)):
        # "زعم التلفزيون الإيراني أن الهجوم أوقع 80 قتيلاً", "نحو 80 قتلوا، وهو رقم نفته واشنطن": the attacker's
        # own media, disputed in the sentence, give no toll
        return None, None
    killed = wounded = None
    for key in ("killed_cues", "wounded_cues", "killed_verbs", "wounded_verbs"):
        for sp in doc.spans(key, lo, hi):
            n = _count_people(doc, cues, _skip_space(doc.text, sp.end), hi, need_person=key.endswith("verbs"))
            if n is None and key.endswith("verbs"):
                # "قتلت ضربة أمريكية خمسة مسلحين": the verb's subject, a strike or a weapon, before the count
                subject = _VERB_SUBJECT_RE.match(doc.norm_slice(sp.end, min(hi, sp.end + 45)))
                at = _skip_space(doc.text, doc.pos(sp.end, subject.end())) if subject else None
                if at is not None and any(num.start == at for num in doc.numbers_in(at, min(hi, at + 12))):
                    n = _count_people(doc, cues, at, hi, need_person=True)
            if n is None:
                continue
            if key.startswith("killed") and killed is None:
                killed = n
            elif key.startswith("wounded") and wounded is None:
                wounded = n
    for sp in doc.spans("dual_casualties", lo, hi):  # "قتيلين", "جريحين": two, unless a number says more
        if sp.label == "killed" and killed is None:
            killed = 2
        elif sp.label == "wounded" and wounded is None:
            wounded = 2
    if killed is None:
        # "أصدرت هيئة الحشد بياناً نعت فيه أربعة من منتسبي اللواء 14": the fighters a statement mourns are the dead
        for m in _MOURNS_COUNT_RE.finditer(doc.norm_slice(lo, hi)):
            at = doc.pos(lo, m.end())
            # (the mourner may be named between: "ونعت كتائب حزب الله خمسة من مقاتليها")
            num = next(iter(doc.numbers_in(at, min(hi, at + 50))), None)
            if num is not None and re.search(r"[.\u060c\u061b:]", doc.text[at:num.start]):
                num = None
            if num is not None and isinstance(num.value, int) and 0 < num.value < 1000 and _MOURNED_OF_RE.match(doc.norm_slice(num.num_end, min(hi, num.num_end + 30))):
                killed = int(num.value)
                break
    if killed is None:
        # 'مقتل "اثنين أو ثلاثة" منهم', 'مقتل ما بين مقاتلَين وثلاثة': a toll given as a span counts its low end
        m = _KILLED_SPAN_RE.search(doc.norm_slice(lo, hi))
        if m:
            killed = _SPAN_WORDS.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else None)
    for kind, value in _revised_tolls(doc, lo, hi):
        if kind == "killed":
            killed = value
        else:
            wounded = value
    for m in _COUNT_REACHED_RE.finditer(doc.norm_slice(lo, hi)):
        # "عدد العسكريين الذين شخصت إصابتهم بإصابات دماغية ... بلغ 64": the count of the wounded reached 64
        kind = "wounded" if re.search(r"اصاب|مصاب|جرح|جريح", m.group(1)) else "killed" if re.search(r"قتل|قتيل|ضحايا", m.group(1)) else None
        num = next(iter(doc.numbers_in(doc.pos(lo, m.end()), min(hi, doc.pos(lo, m.end()) + 20))), None)
        if kind and num is not None and not doc.in_date(num.num_start) and isinstance(num.value, int):
            if kind == "wounded" and wounded is None:
                wounded = int(num.value)
            elif kind == "killed" and killed is None:
                killed = int(num.value)
    for num in doc.numbers_in(lo, hi):
        if doc.in_date(num.num_start):
            continue  # "يوم 28 يناير أول هجوم يسفر عن قتلى": a day of the month, not a count
        # "30 قتيلا", "21 عسكريا أمريكيا أصيبوا": the word saying killed or wounded follows the count
        # (the word before the next number: in "16 قتيلاً بينهم مدنيون و25 جريحاً" the wounded are 25, not 16)
        reach = min(hi, num.num_end + 30, *(n.start for n in doc.numbers_in(num.num_end, hi)[:1]))
        if killed is None and doc.spans_starting("killed_after_number", num.num_end, reach):
            killed = int(num.value)
        if wounded is None and doc.spans_starting("wounded_after_number", num.num_end, reach):
            wounded = int(num.value)
    return killed, wounded


_DISPUTED_RE = Guarded(re.compile(r"(?<!\w)(?:و|ف)?(?:زعم|زعمت|ادعي|ادعت|مزاعم|نفته|نفتها|نفاه|لم يؤكده|لم تؤكده)(?!\w)"),
                       ("زعم", "ادعي", "ادعت", "نفته", "نفاه", "يؤكده", "تؤكده"))
_IRANIAN_SOURCE_RE = re.compile(r"(?:التلفزيون|الاعلام|وسايل الاعلام|وكاله|الحرس)\s+(?:\S+\s+)?(?:الايراني|الايرانيه|الثوري)")


# "إلى 34", "ثم إلى «أكثر من 40»", "قبل أن يتجاوز لاحقاً 40": the figure a revision word leads to
_COUNT_REACHED_RE = Guarded(re.compile(r"(?<!\w)عدد\s+((?:\S+\s+){0,20}?)(?:بلغ|وصل الي|وصل إلى|ارتفع الي|ارتفع إلى)\s+(?:نحو\s+|قرابه\s+|حوالي\s+)?"),
                            ("عدد",))
_JOINED_RE = re.compile(r"(?:(?:الي|الى|إلى|و|على|علي)|(?:يتجاوز|تتجاوز|تجاوز|يتخطى|تخطى)(?:\s+(?:لاحقا|لاحقاً|بعد ذلك|فيما بعد))?"
                        r"|(?:لاحقا|لاحقاً|بعد ذلك|فيما بعد)\s+(?:ان|أن|بان|بأن))"  # "قبل أن تعلن لاحقاً أن «أكثر من 40» أصيبوا"
                        r"\s*[«\"]?\s*(?:(?:اكثر|أكثر) من|نحو|حوالي|قرابه|زهاء)?\s*[«\"]?\s*$")


_ANOTHER_COUNT_RE = re.compile(r"[\u060c,;]|(?<!\w)(?:اضافه|بالاضافه|فضلا|علاوه)(?!\w)")


_SPAN_WORDS = {"اثنين": 2, "اثنان": 2, "مقاتلين": 2, "عنصرين": 2, "مسلحين": 2, "شخصين": 2, "ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6}
_KILLED_SPAN_RE = Guarded(re.compile(r"(?<!\w)[وب]?(?:مقتل|قتل)\s*[\"\u00ab\u201c]?\s*(?:ما\s+بين\s+)?(اثنين|اثنان|مقاتلين|عنصرين|مسلحين|شخصين|ثلاثه|اربعه|خمسه|[0-9]{1,2})"
                                     r"\s+(?:او|و|الي)\s*(?:ثلاثه|اربعه|خمسه|سته|سبعه|[0-9]{1,2})(?!\w)"), ("قتل",))  # (every match holds قتل)


_MOURNS_COUNT_RE = re.compile(r"(?<!\w)[وف]?(?:" + MOURN_VERBS + r"|نعوا)\s+(?:فيه\s+|فيها\s+)?")
_MOURNED_OF_RE = re.compile(r"\s*(?:من\s+)?(?:مقاتلي|مقاتليه|مقاتليها|عناصر|عناصره|عناصرها|منتسبي|منتسبيه|منتسبيها|ابناء|ابنائه|ابنائها"
                            r"|مجاهدي|مجاهديه|مجاهديها|افراد|افراده|افرادها|كوادر|كوادره|كوادرها|مقاتلين|شهداء|الشهداء)(?!\w)")


def _revised_tolls(doc: _Doc, lo: int, hi: int) -> list[tuple[str, int]]:
    """'ارتفعت حصيلة المصابين إلى 40', 'ارتفاع حصيلة القصف إلى 25 شهيدا و51 جريحا', 'ارتفع إلى 22 عدد القتلى',
    'قبل أن ترتفع إلى 34، ثم إلى «أكثر من 40» جريحاً', 'قبل أن يستقر العدد على اثنين': (killed | wounded, figure)
    in text order (the last is the latest). The kind is the noun after the figure, else the kind named after the
    revision word, else the kind of the toll the sentence gave before it."""
    out = []
    for sp in doc.spans("toll_revisions", lo, hi):
        reach = min(hi, sp.end + 160)
        kinds = doc.spans("toll_kinds", sp.end, min(reach, sp.end + 80))
        earlier = _earlier_toll_kind(doc, min(lo, doc.sentence_of(sp.start)[0]), sp.start)  # (the toll may sit in the clause before)
        for n in doc.numbers_in(sp.end, reach):
            if doc.in_date(n.num_start):
                continue
            joined = n.start - sp.end <= 2 or _JOINED_RE.search(doc.norm_slice(max(sp.end, n.start - 24), n.start))
            if not joined:
                continue
            after = min(reach, n.num_end + 20)
            # ("قبل أن يرفعها إلى سبعة، إضافة إلى عدد من الجرحى": a kind named past a comma after the figure is
            # another count's)
            # ("قبل أن ترفع الحصيلة إلى خمسة بعد وفاة أحد الجرحى": past the figure, a kind is the figure's own only
            # when no toll was named before it)
            own = [k for k in kinds if k.start < n.start or (not earlier and not _ANOTHER_COUNT_RE.search(doc.norm_slice(n.num_end, k.start)))]
            if doc.spans_starting("killed_after_number", n.num_end, after):
                out.append(("killed", int(n.value)))
            elif doc.spans_starting("wounded_after_number", n.num_end, after):
                out.append(("wounded", int(n.value)))
            elif own and (not out or out[-1][0] == own[0].label):
                out.append((own[0].label, int(n.value)))  # "إلى 34 ثم إلى أكثر من 40": the chain goes on
            elif not own and earlier and (not out or out[-1][0] == earlier):
                out.append((earlier, int(n.value)))
        for dual in doc.spans("dual_casualties", sp.end, reach):
            if re.search(r"(?:الي|الى|إلى|و)\s*$", doc.norm_slice(max(sp.end, dual.start - 8), dual.start)):
                out.append((dual.label, 2))
    return out


def _earlier_toll_kind(doc: _Doc, lo: int, hi: int) -> str | None:
    """The kind of the last toll written before a revision in the same sentence ('عن ثلاثة قتلى، قبل أن ...')."""
    found = [(sp.start, "killed") for sp in doc.spans("killed_after_number", lo, hi)]
    found += [(sp.start, "wounded") for sp in doc.spans("wounded_after_number", lo, hi)]
    found += [(sp.start, sp.label) for sp in doc.spans("toll_kinds", lo, hi)]
    # ("... قتلوا، فيما أعلن البنتاغون بدايةً إصابة 34 عسكرياً، ثم رفع العدد إلى أكثر من 40": a word of wounding
    # before its figure)
    found += [(sp.start, "killed") for sp in doc.spans("killed_cues", lo, hi) if doc.numbers_in(sp.end, min(hi, sp.end + 12))]
    found += [(sp.start, "wounded") for sp in doc.spans("wounded_cues", lo, hi) if doc.numbers_in(sp.end, min(hi, sp.end + 12))]
    # ("إن أحد الجرحى فقد حياته متأثراً بجراحه، لترتفع الحصيلة إلى سبعة": a wounded man who died raises the dead)
    found += [(doc.pos(lo, m.start()), "killed") for m in _DIED_OF_WOUNDS_RE.finditer(doc.norm_slice(lo, hi))]
    return max(found)[1] if found else None


_DIED_OF_WOUNDS_RE = re.compile(r"(?<!\w)(?:(?:فقد|فقدت|فقدوا|فقدا)\s+(?:حياته|حياتها|حياتهم|حياتهما)|فارق\S*\s+الحياه"
                                r"|(?:توفي|توفيت|توفوا|توفيا)|(?:متاثرا|متاثرين|متاثره)\s+(?:ب|من\s+)?جراح)(?!\w)")


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _is_hypothetical(doc: _Doc, trigger: Span) -> bool:
    """A threat, plan or truce in the trigger's clause, or an earlier event named only as a reference
    ('على غرار الهجوم السابق')."""
    lo, hi = _clause(doc, trigger.start)
    if doc.spans_starting("reference_followers", trigger.end, min(hi, trigger.end + 3)):
        return True
    sent_lo = doc.sentence_of(trigger.start)[0]
    if _SUPPOSE_RE.search(doc.norm_slice(sent_lo, trigger.start)):
        return True  # "ولنفترض، جدلاً، أن مسيرة سقطت غداً قرب قاعدة حرير": a supposition, not an event
    before = doc.norm_slice(max(lo, trigger.start - 24), trigger.start)
    if _NEGATED_RE.search(before):
        return True  # "دون رصد أي سقوط لقذائف", "لم يسجل أي هجوم": no event
    if _NOT_AN_RE.search(before):
        return True  # "(عثور أمني، ليس هجوماً)", "لا يعد هجوما": said not to be one
    if _NOT_VERB_RE.search(before) and doc.spans("response_verbs", trigger.start, trigger.end):
        return True  # "ولفت نظري أن واشنطن لم ترد": an answer not given
    if _quoted_in_a_correction(doc, trigger, sent_lo):
        return True  # "تصحيح: ورد في النشرة أمس أن «طائرة مسيرة استهدفت قاعدة التنف»": the report taken back
    if _ABOUT_TO_RE.search(before + (" " if doc.norm_slice(trigger.start, trigger.start + 1) == "ل" else "")):
        # "المجموعة كانت تستعد لإطلاق طائرة مسيرة": a launch made ready is no attack made (fighters killed as they
        # made ready are a strike's, told by the killing: "قُتل خمسة مسلحين ... كانوا يستعدون لإطلاق مسيّرة")
        if not any(doc.spans(k, sent_lo, hi) for k in ("killed_cues", "killed_verbs")):
            return True
    # "ليتبنى، على نحو شبه يومي، إطلاق مسيرات على قواعد ...": a habit set off by commas just before the clause
    return bool(doc.spans("hypothetical", lo, hi)) or bool(_HABIT_BEFORE_RE.search(doc.norm_slice(max(0, lo - 30), lo)))


_CORRECTION_RE = Guarded(re.compile(r"(?<!\w)(?:تصحيح|سحب\s+(?:ال)?خبر|يرجي\s+عدم\s+(?:استخدام|نشر)|والصحيح\s+ان|نعتذر)(?!\w)"),
                         ("صحيح", "سحب", "يرجي", "نعتذر"))  # (every match holds one of these: asked for every trigger)


def _quoted_in_a_correction(doc: _Doc, trigger: Span, sent_lo: int) -> bool:
    """The trigger stands in quotes in a correction or a withdrawn story, or under its heading a line before."""
    may = doc.__dict__.get("_may_correct")
    if may is None:  # (once per article: a normalised slice of the article holds a literal only if the article does)
        may = doc.__dict__["_may_correct"] = doc.norm.original is not doc.text or _CORRECTION_RE._may_match(doc.norm.text)
    if not may:
        return False
    block = doc.text.rfind("\n\n", 0, sent_lo)
    lo = max(block + 1 if block >= 0 else 0, sent_lo - 300)
    if not _CORRECTION_RE.search(doc.norm_slice(lo, doc.sentence_of(trigger.start)[1])):
        return False
    line_start = doc.text.rfind("\n", 0, trigger.start) + 1
    before = doc.text[line_start:trigger.start]
    opened = sum(before.count(q) for q in "\u201c\u00ab") - sum(before.count(q) for q in "\u201d\u00bb") + before.count('"') % 2
    return opened > 0


_NOT_AN_RE = re.compile(r"(?<!\w)(?:ليس|ليست|وليس|وليست|لا\s+(?:يعد|تعد|يعتبر|تعتبر|يشكل|تشكل))\s*$")
_NOT_VERB_RE = re.compile(r"(?<!\w)(?:لم|لن|ولم|ولن|فلم|فلن)\s*$")
_SUPPOSE_RE = Guarded(re.compile(r"(?<!\w)[وف]?(?:لنفترض|نفترض|لنفرض|افترض|افترضنا|لو\s+افترضنا)(?!\w)"),
                      ("فترض", "فرض"))  # (every match holds one of these: the part of the sentence before each trigger is searched)
_NEGATED_RE = re.compile(r"(?<!\w)(?:دون|بدون|لم\s+(?:يسجل|تسجل|يرصد|ترصد|يقع|تقع|يحدث|يشهد|تشهد))\s+(?:رصد\s+|تسجيل\s+|وقوع\s+)?(?:اي\s+)?$")
_ABOUT_TO_RE = re.compile(r"(?<!\w)(?:يستعدون|يستعد|تستعد|يتهيوون|يتهيا|تتهيا|يحاولون|يحاول|تحاول|يجهزون|يعدون)\s+(?:ل|الي\s+)?\s*$")
_HABIT_BEFORE_RE = re.compile(r"(?:شبه\s+يومي\w*|بشكل\s+يومي|بصوره\s+يوميه|يوميا)\s*[\u060c,]\s*$")


def _event_date(doc: _Doc, triggers: list[Span], s0: int, s1: int) -> DateMention | None:
    """Date of the event: a date in the sentence that is not a period start or a statement's date."""
    usable, statements = [], []
    for d in doc.dates_in(s0, s1):
        if not d.iso:
            continue
        if any(0 <= d.start - sp.end <= 2 and not (d.precision == "month" and doc.norm_slice(sp.start, sp.end).endswith("خلال"))
               for sp in doc.spans("period_bounds", s0, d.start)) \
                and not _WHEN_CLAUSE_RE.match(doc.norm_slice(d.end, min(s1, d.end + 12))):
            continue  # "منذ أكتوبر", "حتى مطلع فبراير": a period's bound, not the event's date
            # (but "منذ 30 أيلول الماضي، حين أطلقت ستة صواريخ": the day of the event told after it)
        (statements if _statement_date(doc, d) else usable).append(d)
    # a claim dated by its statement alone ('في بيان صدر الأحد ... استهداف'): the statement's day is the fallback
    if not usable and CLAIM_RE.search(doc.norm_slice(s0, s1)):
        usable = [d for d in statements if d.precision == "day"]
    if not usable:
        return None
    if len(usable) > 1:
        # "بغداد 30 ديسمبر 2019 (أ ف ب) – شنت الولايات المتحدة غارات مساء الأحد": the dateline dates the report;
        # the day the sentence names dates the event
        usable = [d for d in usable if not _in_dateline(doc, d)] or usable
    for first, second in zip(usable, usable[1:]):
        # "ليل الأحد – الإثنين": a night across two days is dated by the first
        if first.precision == second.precision == "day" and NIGHT_SPAN_RE.fullmatch(doc.norm_slice(first.end, second.start)) \
                and re.search(r"(?:ليل|ليله|ليلتي)\s*$", doc.norm_slice(max(s0, first.start - 8), first.start)):
            return first
    return min(usable, key=lambda d: min(abs(d.start - t.start) for t in triggers))


_DATELINE_HEAD_RE = re.compile(r"^[^\d\n]{0,40}$")
_DATELINE_END_RE = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?[-\u2013\u2014|]")


def _in_dateline(doc: _Doc, d: DateMention) -> bool:
    """The date of a line's dateline: a few words (places, a weekday) before it on its line, an agency in
    brackets or a dash after it ('الخرطوم/بغداد 30 ديسمبر 2019 (سودان تريبيون) –')."""
    line_start = doc.text.rfind("\n", 0, d.start) + 1
    return bool(_DATELINE_HEAD_RE.match(doc.text[line_start:d.start])) and bool(_DATELINE_END_RE.match(doc.text, d.end))


_WHEN_CLAUSE_RE = re.compile(r"\s*(?:الماضي|الفايت|المنصرم)?\s*[\u060c,]?\s*(?:حين|عندما|حينما|يوم)(?!\w)")
NIGHT_SPAN_RE = re.compile(r"\s*(?:[-\u2013\u2014/]|و|الي|علي)\s*")


def _statement_date(doc: _Doc, d: DateMention) -> bool:
    """'أعلن المتحدث ... في 8 فبراير': a reporting verb shortly before the date, with no event word between.
    After 'أعلن ... أن' the date belongs to what was reported, not to the statement."""
    s0, _s1 = doc.sentence_of(d.start)
    for verb in doc.spans("reporting_verbs", max(s0, d.start - 80), d.start):
        between = [t for key in ("attack_triggers", "strike_triggers", "killed_cues", "interception_cues") for t in doc.spans(key, verb.end, d.start)]
        if not between and not CONTENT_CLAUSE_RE.search(doc.norm_slice(verb.end, d.start)):
            return True
    return False


_FORCES_RE = re.compile(r"(?:ال)?(?:قوات|جيش)")
_AIRCRAFT_RE = re.compile(r"(?:ال)?(?:طايرات|طايره|طايرتان|طايرتين|مقاتلات|مقاتله|مروحيات|مروحيه|قاذفات|قاذفه|طيران|سفن|بوارج|مدمره)")


_DONE_BY_RE = re.compile(r"(?:الذي\s+|التي\s+)?(?:نفذته|نفذتها|نفذه|نفذها|شنته|شنتها|شنه|شنها)(?:\s+(?:ال)?(?:طايرات|طايره|مقاتلات|قوات|مسيره|مسيرات|مروحيات|طيران))?")


def _strike_signal(doc: _Doc, trigger: Span, s1: int) -> bool:
    """US or coalition as the agent: an adjective on a strike noun ('غارات جوية أميركية'), on the weapon
    after a verb ('استهدفت مسيرة أميركية'), or right on an attack noun ('هجوم أميركي'). After a bare verb
    the noun is its object ('تستهدف التحالف'), so that is not a strike."""
    is_strike_noun = bool(doc.spans("strike_triggers", trigger.start, trigger.end))
    if is_strike_noun and any(doc.spans(key, trigger.start, trigger.end) for key in ("us_signals", "coalition_signals")):
        return True  # "الرد الأميركي الواسع في 2 فبراير": the word itself names the US
    for key in ("us_signals", "coalition_signals"):
        for sp in doc.spans(key, trigger.end, min(s1, trigger.end + 35)):
            between = doc.norm_slice(trigger.end, sp.start)
            if TARGET_PREPOSITION_RE.search(between):
                continue
            # "مسيرة أميركية": the nationality is an adjective on the weapon, not the object of a later verb
            weapon_adjective = any(w.end <= sp.start and sp.start - w.end <= 2 for w in doc.spans("weapons", trigger.end, sp.start)) \
                or bool(_AIRCRAFT_RE.fullmatch(between.strip()))  # "قصفت طائرات أمريكية"
            agent_verb = bool(doc.spans("agent_first_verbs", trigger.start, trigger.end)) and not between.strip()
            # "رداً على اعتداء نفذته طائرات أميركية": the noun's doer named after a verb of doing
            agent_verb = agent_verb or bool(_DONE_BY_RE.fullmatch(between.strip()))
            # "قتلت القوات الأمريكية خمسة مسلحين": the forces that killed, named after the verb of killing
            agent_verb = agent_verb or (bool(_FORCES_RE.fullmatch(between.strip())) and bool(doc.spans("killed_verbs", trigger.start, trigger.end)))
            if is_strike_noun or weapon_adjective or agent_verb or (not between.strip() and not _is_verb_trigger(doc, trigger)):
                return True
    s0 = doc.sentence_of(trigger.start)[0]
    if is_strike_noun and _OWN_STRIKES_RE.fullmatch(doc.norm_slice(trigger.start, trigger.end)) and any(
            doc.spans(key, max(s0, trigger.start - 90), trigger.start) for key in ("us_signals", "coalition_signals")):
        return True  # "أعلنت سنتكوم صباح اليوم أن ضرباتها الانتقامية في شرق سوريا": the speaker's own strikes
    for key in ("us_signals", "coalition_signals"):
        # "الاحتلال الأمريكي يرتكب جريمة جديدة في بغداد باستهداف عجلة": the crime the US commits is the strike
        if any(_COMMITS_RE.match(doc.norm_slice(sp.end, trigger.start)) for sp in doc.spans(key, max(s0, trigger.start - 90), trigger.start)):
            return True
    if is_strike_noun or _is_verb_trigger(doc, trigger):
        # "مقاتلات أميركية شنت غارات", "وكانت واشنطن قد قصفت": the agent named before the verb or strike noun,
        # with no other actor, no comma and no "on"/"against" in between
        s0 = doc.sentence_of(trigger.start)[0]
        for key in ("us_signals", "coalition_signals"):
            for sp in doc.spans(key, max(s0, trigger.start - 130), trigger.start):
                # "وسبق لقوات الاحتلال الأمريكي أن شنت في 26 تشرين الأول عدواناً": the recap's agent, before "أن"
                # (or "وكانت قوات الاحتلال الأمريكي قد سبق لها أن شنت")
                # (and "أعلنت القيادة المركزية الأمريكية أن قواتها نفذت ... ضربة": the speaker's own forces)
                recap = bool(_RECAP_AGENT_RE.search(doc.norm_slice(max(s0, sp.start - 30), sp.start))
                             or _RECAP_AFTER_RE.search(doc.norm_slice(sp.end, trigger.start))
                             or _OWN_FORCES_RE.match(doc.norm_slice(sp.end, trigger.start)))
                # "طيران العدو الأمريكي نفذ عند الساعة 23:35 من ليل أمس عدواناً": the agent, its verb, then the noun
                verb_next = bool(doc.spans("agent_first_verbs", sp.end, min(trigger.start, sp.end + 15)))
                if trigger.start - sp.start > (130 if recap else 90 if verb_next else 50):
                    continue
                if re.search(r"(?:علي|ضد|علي مواقع)\s*\S*\s*$", doc.norm_slice(max(s0, sp.start - 12), sp.start)):
                    continue
                if any(e.entity_kind == "actor" or not recap for e in doc.entities_in(sp.end, trigger.start)) \
                        or re.search(r"تعرض", doc.norm_slice(max(s0, sp.start - 20), sp.start)):
                    continue
                if re.search(r"[\u060c,;\u061b:]", doc.text[sp.end:trigger.start]) \
                        or (CONTENT_CLAUSE_RE.search(doc.norm_slice(sp.end, trigger.start)) and not recap):
                    continue  # "منظومة السفارة الأميركية، فجر اليوم، لصاروخين أُطلقا", "القيادة المركزية: هاجم مسلحون",
                    # "قال مسؤول أميركي إن هجوما استهدف": the American speaks, in another clause
                if US_TARGET_LEAD_RE.search(doc.norm_slice(max(s0, sp.start - 30), sp.start)) \
                        or VICTIMS_AFTER_RE.match(doc.norm_slice(sp.end, min(trigger.start, sp.end + 14))):
                    continue  # "أصيب ستة بينهم جندي أميركي في هجوم", "عدد الأمريكيين المصابين": the Americans are the victims
                if doc.spans("response_markers", sp.end, trigger.start) or AFTER_SPAN_RE.search(doc.norm_slice(sp.end, trigger.start)):
                    continue  # "بايدن أمر بها رداً على هجوم استهدف قاعدة التنف", "وجاء الرد الأمريكي بعد يومين من هجوم
                    # بصواريخ استهدف قاعدة كي وان": the one who answered, not its agent
                return True
    return False


_OWN_STRIKES_RE = re.compile(r"[وف]?(?:ضرباتها|ضرباته|غاراتها|غاراته|ضربتها|ضربته|غارتها|غارته|ضرباتنا|غاراتنا)")
_COMMITS_RE = re.compile(r"\s*(?:يرتكب|ارتكب|ترتكب|ارتكبت)\s+(?:جريمه|مجزره|عدوانا|اعتداء)[^\u060c,.:]{0,60}$")
_RECAP_AGENT_RE = re.compile(r"(?<!\w)و?سبق\s+(?:\S+\s+){0,3}$")
# ("أعلنت سنتكوم في بيان أنها نفذت فجر الأربعاء ضربات": the speaker itself)
_OWN_FORCES_RE = re.compile(r"\s*[\"\u00bb\u201d]?\s*(?:\S+\s+){0,2}?(?:(?:ان|بان)\s+(?:قواتها|قواته|قوات بلاده|قوات بلادها|طايراتها|طايراته|مقاتلاتها|قواتنا)|انها|انه|بانها|بانه)\s+(?:قد\s+)?"
                            r"(?:نفذت|شنت|قصفت|ضربت|استهدفت|نفذ|شن)")
_RECAP_AFTER_RE = re.compile(r"^\s*(?:قد\s+)?سبق\s+(?:له|لها|لهم)?\s*ان\s")


def _is_verb_trigger(doc: _Doc, trigger: Span) -> bool:
    word = re.sub(r"^[وف]", "", doc.norm_slice(trigger.start, trigger.end))
    return bool(re.match(r"(?:استهدف|يستهدف|تستهدف|هاجم|يهاجم|تهاجم|قصف|يقصف|تقصف|ضرب|تضرب|يضرب|قتلت|تقتل|يقتل|شن|نفذ|اطلق|يطلق|تطلق)", word))


AFTER_SPAN_RE = Guarded(re.compile(  # (every match opens with بعد, عقب or قبل: a text with none is not searched)
    r"(?<!\w)(?:بعد|عقب|قبل)\s+(?:\S+\s+){1,4}?(?:علي|من)\s+(?=(?:ال)?(?:غار|ضرب|هجوم|هجمات|هجمه|قصف|استهداف|اغتيال|مقتل|استشهاد))"),
    ("بعد", "عقب", "قبل"))


_CLITIC_LEAD_RE = re.compile(r"((?<=\s)[لوف]|)$")
DATED_CLAUSE_RE = re.compile(r"[\u060c,\u061b;]\s*(?:ثم\s+)?(?:و|ف)(?:في|يوم|مساء|صباح|ليل|ليله|فجر|خلال|منتصف|مطلع|اواخر)\s*$")


_NEXT_EVENT_NOUN_RE = re.compile(r"[\u060c,]\s*(?=(?:و|اضافه\s+الي\s+|بالاضافه\s+الي\s+|فضلا\s+عن\s+)(?:ال)?(?:هجوم|هجمات|قصف|ضربه|ضربات|غاره|غارات|استهداف)(?!\w))")


_ANSWER_CLAUSE_RE = re.compile(r"[\u060c,]\s*(?=و(?:ال)?(?:قوات|طايرات|مقاتلات|مروحيات|جيش|واشنطن|التحالف)(?!\w)[^\u060c,.:]{0,30}?"
                               r"(?<!\w)(?:ترد|ردت|يرد|رد)(?!\w))")


def event_segments(doc: _Doc, s0: int, s1: int) -> list[tuple[int, int]]:
    """Parts of a sentence that can each report one event. 'ردا على ...' opens an earlier event of its own;
    '، فيما ...' or 'كما ...' opens a new part only when it has an event word of its own (else a clause such
    as '، فيما أصيب جنديان' completes the event before it)."""
    cuts = [(sp.start, "response") for sp in doc.spans("response_markers", s0, s1) if sp.start > s0]
    sentence = doc.norm_slice(s0, s1)  # (cut once for the searches below)
    # "بعد أقل من 24 ساعة على غارات أمريكية", "بعد أيام من هجوم": an earlier event of its own after a time span
    cuts += [(doc.pos(s0, m.start()), "response") for m in AFTER_SPAN_RE.finditer(sentence) if m.start() > 0]
    # "ففي 15 شباط قتل متعاقد ...، وفي نيسان استهدفت مسيرة ...": each dated clause of a recap is a part
    # ("، وفي الثاني عشر من الشهر ذاته نفذت": a day of the month named before opens one too)
    starts = [d.start for d in doc.dates_in(s0, s1)] + [doc.pos(s0, m.start()) for m in SAME_MONTH_DAY_RE.finditer(sentence)]
    for start in starts:
        base = max(s0, start - 24)
        lead = DATED_CLAUSE_RE.search(doc.norm_slice(base, start))
        if lead and doc.pos(base, lead.start()) > s0:
            cuts.append((doc.pos(base, lead.start() + 1), "clause"))
    # (the cue may have lost a clitic to the matcher: "، لتردّ" is matched from "تردّ")
    cuts += [(sp.start - len(lead.group(1)), "clause") for sp in doc.spans("segment_cues", s0, s1)
             for lead in [_CLITIC_LEAD_RE.search(doc.text[max(s0, sp.start - 4):sp.start])]
             if sp.start > s0 and CLAUSE_LEAD_RE.search(doc.text[max(s0, sp.start - 4):sp.start - len(lead.group(1))])]
    # "الهجوم الصاروخي على مطار أربيل في شباط، والهجمات بالطائرات المسيرة على مطار أربيل في نيسان": a second event noun
    # after a comma opens a part of its own
    cuts += [(doc.pos(s0, m.start() + 1), "clause") for m in _NEXT_EVENT_NOUN_RE.finditer(sentence)]
    # "انفجارات في محيط حقل العمر ...، والقوات الأمريكية ترد بقصف مدفعي على أطراف الميادين": the answer after a comma,
    # its agent named before its verb, is an event of its own
    cuts += [(doc.pos(s0, m.start() + 1), "clause") for m in _ANSWER_CLAUSE_RE.finditer(sentence)]
    opening = doc.spans("response_markers", s0, min(s1, s0 + 3))
    if opening:
        # "بعد خمسة أيام من مقتل ثلاثة جنود ...، شنت الولايات المتحدة": the opening clause is background
        comma = CLAUSE_BREAK_RE.search(doc.text, opening[0].end, s1)
        if comma:
            cuts.append((comma.end(), "start"))
            s0 = comma.end()
            cuts = [c for c in cuts if c[0] > s0]
    segments: list[list] = [[s0, s1, "start"]]
    for pos, kind in sorted(cuts):
        segments[-1][1] = pos
        segments.append([pos, s1, kind])
    merged: list[list] = []
    for i, seg in enumerate(segments):
        has_trigger = _has_trigger(doc, seg)
        if merged and seg[2] == "clause" and not has_trigger and i + 1 < len(segments) and segments[i + 1][2] == "clause" \
                and doc.dates_in(seg[0], seg[1]) and _has_trigger(doc, segments[i + 1]) \
                and not doc.dates_in(segments[i + 1][0], segments[i + 1][1]):
            # "ثم عادت في الثامن من تشرين الثاني واستهدفت منشأة": the date opens the clause whose verb follows
            segments[i + 1][0] = seg[0]
            continue
        if merged and seg[2] == "clause" and not has_trigger:
            merged[-1][1] = seg[1]
        else:
            merged.append(seg)
    return [(a, b) for a, b, _kind in merged]


_BULLET_RE = re.compile(r"\s*(?:[-\u2022*\u25aa\u25cf]|[0-9\u0660-\u0669]{1,2}\s*[.)\-])\s*")  # "- ", "• ", "1. ", "٢) "
_OPERATIONS_RE = re.compile(r"(?<!\w)(?:ال)?(?:عمليات|هجمات|ضربات|اهداف|استهدافات)(?!\w)")


def _operations_list_item(doc: _Doc, lo: int) -> bool:
    """The segment opens a bulleted line of a list whose lead line, ending in a colon, names operations or
    attacks ("وبحسب البيانات، توزعت العمليات على النحو الآتي:")."""
    return operations_list_lead(doc, lo) is not None


def operations_list_lead(doc: _Doc, lo: int) -> tuple[int, int] | None:
    """The lead line (start, end) of the list of operations whose item the segment at lo opens, or None."""
    line_start = doc.text.rfind("\n", 0, lo) + 1
    bullet = _BULLET_RE.match(doc.text, line_start)
    if doc.text[line_start:lo].strip() or not bullet or re.match(r"[0-9\u0660-\u0669]", doc.text[bullet.end():bullet.end() + 1]):
        return None  # (a count after the bullet, "- 5 على قاعدة كونيكو", is a tally's part, not one operation)
    lead = _lead_line(doc, line_start, lambda s, e: bool(_BULLET_RE.match(doc.text[s:e])), 15)
    if lead is None:
        return None
    start, end = lead
    if doc.text[start:end].rstrip().endswith(":") and bool(
            doc.spans("attack_triggers", start, end) or _OPERATIONS_RE.search(doc.norm_slice(start, end))):
        return lead
    return None


def _has_trigger(doc: _Doc, seg: list) -> bool:
    return bool(doc.spans("attack_triggers", seg[0], seg[1]) or doc.spans("strike_triggers", seg[0], seg[1])
                or doc.spans("response_verbs", seg[0], min(seg[1], seg[0] + 8)))


def _us_list_lead(doc: _Doc, sent_start: int) -> bool:
    """The sentence is an item of a dated list ('26 تشرين الأول 2023: ضربتان على ...') whose lead, the line
    just before the list, names the US or the coalition with a strike word."""
    line_start = doc.text.rfind("\n", 0, sent_start) + 1
    line_end = doc.text.find("\n", sent_start)
    if _list_item_head(doc, line_start, line_end if line_end >= 0 else len(doc.text)) is None:
        return False
    lead = _lead_line(doc, line_start, lambda s, e: _list_item_head(doc, s, e) is not None, 12)
    if lead is None:
        return False
    lo, end = max(lead[0], lead[1] - 250), lead[1]
    if _US_RESPONSES_RE.search(doc.norm_slice(lo, end)):
        return True  # "[شريط زمني: الردود الأمريكية]": the US answers, item by item
    if doc.spans("strike_triggers", lo, end):
        return any(doc.spans(key, lo, end) for key in ("us_signals", "coalition_signals"))
    # "تجنّبت واشنطن ضرب الفصائل داخل العراق، واكتفت بضرب منشآت في شرق سوريا:": a verb of striking whose agent is
    # the US (named, and not as the target: "هجمات الفصائل على القوات الأمريكية:" leads a list of attacks)
    from preprocess.extract.roles import _us_agent_in_sentence
    return bool(doc.spans("attack_triggers", lo, end)) and _us_agent_in_sentence(doc, lo, end)


_DATE_DASH_RE = re.compile(r" [\u2014\u2013-] ")
_US_RESPONSES_RE = re.compile(r"(?<!\w)(?:ال)?(?:ردود|رد)\s+(?:ال)?(?:امريكيه|اميركيه|امريكي|اميركي|الولايات المتحده)(?!\w)")


def _list_item_head(doc: _Doc, lo: int, hi: int) -> int | None:
    """End of the head of a dated list item ('- الخميس 19 منه: مسيّرتان على قاعدة التنف'), or None."""
    colon = doc.text.find(":", lo, min(hi, lo + 45))
    if colon < 0:
        # "21 تشرين الأول | التنف | طائرة مسيرة | لا إصابات": a row of a table of incidents, its first cell the date
        colon = doc.text.find(" | ", lo, min(hi, lo + 30))
        if colon < 0:
            # "26 أكتوبر — ضربتان على منشأتين قرب البوكمال": a timeline's line, its date set off by a dash
            dash = _DATE_DASH_RE.search(doc.text, lo, min(hi, lo + 40))
            colon = dash.start() if dash else -1
        if colon < 0 or doc.text.rfind("\n", 0, lo) + 1 != lo:
            return None
    dated = doc.dates_in(lo, colon) or SAME_MONTH_DAY_RE.search(doc.norm_slice(lo, colon))
    return colon if dated else None


_SIRENS_RE = re.compile(r"\s*(?:ال)?(?:صفارات|صافرات|صفاره|صافره)(?!\w)")
_MODEL_RE = re.compile(r"(?:(?<!\w)(?:إف|اف|أف|بي|إم كيو|ام كيو|سي)|(?<![A-Za-z])(?:F|B|MQ|AC|C|A))\s*-?\s*$")
_SUBJECTED_RE = Guarded(re.compile(r"(?<!\w)[وف]?((?:تعرضت|تعرض|تعرضتا|تعرضا|تتعرض|يتعرض))(?!\w)"), ("تعرض",))
_FACTIONS_SUBJECT_RE = re.compile(r"\s*(?:ال)?(?:ميليشيات|مليشيات|فصائل|مقاومه|المقاومه|الفصائل|الميليشيات|المليشيات|مسلحين|مسلحون|الحشد|ايران|طهران)(?!\w)")


def _triggers(doc: _Doc, lo: int, hi: int, figures: frozenset[str] = frozenset()) -> list[Span]:
    """Event words of a segment that are not hypothetical and not the noun of a tally ('140 هجوما'); in a dated
    list item the weapon itself is the event word ('الأحد 29 تشرين الأول: صواريخ على قاعدة خراب الجير')."""
    found = doc.spans("attack_triggers", lo, hi) + doc.spans("strike_triggers", lo, hi)
    head = _list_item_head(doc, lo, hi) if not found else None  # (only asked for when there is no event word)
    if head is not None:
        found = doc.spans("weapons", head, hi)
        if not found:
            if _BULLET_RE.match(doc.text, doc.text.rfind("\n", 0, lo) + 1) and _us_list_lead(doc, lo):
                # "وتوالت الضربات الأمريكية على ثلاث دفعات:" then "- 8 تشرين الثاني: مستودع أسلحة قرب ميسلون": each
                # dated item of a list of US strikes is one, at the place it names
                found = [Span(e.start, e.end, "") for e in doc.entities_in(head, hi) if e.entity_kind == "place"][:1]
    if not found and _operations_list_item(doc, lo):
        # "توزعت العمليات على النحو الآتي:" then "- قاعدة الشدادي: طائرة مسيرة ظهر الأحد": each item is an
        # operation, the place it opens with (else its weapon) the event word
        colon = doc.text.find(":", lo, hi)
        if colon > 0 and _COUNT_ONLY_RE.fullmatch(doc.norm_slice(colon + 1, hi)):
            return []  # "- قاعدة الشدادي: 20" under "توزعت على الشكل التالي:": a part of a tally, not an operation
        found = [Span(e.start, e.end, "") for e in doc.entities_in(lo, colon if colon > 0 else hi)
                 if e.entity_kind == "place"][:1] or doc.spans("weapons", lo, hi)
    # "8 يناير 2020" on its own line, then "الحرس الثوري يطلق صواريخ على ...": a timeline's present tense
    chronology = doc.spans("chronology_triggers", lo, hi)  # (the heading looked for only when there is one)
    # (or a later sentence of a dated list item: "11 آذار 2020: ... . وبعد يومين، تقصف الطائرات الأمريكية")
    if chronology and (any(d.precision == "day" for d in doc.dates_in(lo, hi)) or date_heading(doc, lo) is not None
                       or _list_item_head(doc, doc.text.rfind("\n", 0, lo) + 1, hi) is not None):
        found += chronology
    # "إن قواعدها في حقل كونيكو وفي القرية الخضراء تعرضت مساء أمس لعدة صواريخ": subjected to a weapon
    for m in _SUBJECTED_RE.finditer(doc.norm_slice(lo, hi)):
        start, end = doc.pos(lo, m.start(1)), doc.pos(lo, m.end(1))
        if any(re.search(r"(?<!\w)ل\S*\s*(?:\S+\s+){0,1}$|(?<!\w)ل$", doc.norm_slice(max(end, w.start - 12), w.start) + " ")
               or doc.norm_slice(w.start, w.start + 1) == "ل"
               for w in doc.spans("weapons", end, min(hi, end + 60))):
            found.append(Span(start, end, "subjected"))
    if doc.spans("weapons", lo, hi):  # "أسقطت الدفاعات مسيرة": an intercepted drone is an attack
        # (the weapon near the verb: "رد المقاومة السريع أسقط تلك المعادلة" downs no drone)
        found += [sp for sp in doc.spans("interception_cues", lo, hi)
                  if doc.spans("weapons", max(lo, sp.start - 150), min(hi, sp.end + 90))]
    # "مروحيات أمريكية ردت على مطلقي الصواريخ": US forces answering fire is a strike
    for sp in doc.spans("response_verbs", lo, hi):
        if re.search(r"(?<!\w)(?:فرد|الفرد)$", doc.norm_slice(max(lo, sp.start - 2), sp.end)) and re.match(r"\s*(?:امريكي|اميركي|من|واحد)(?!\w)", doc.norm_slice(sp.end, min(hi, sp.end + 12))):
            continue  # "أي فرد أمريكي": an individual, not "and he answered"
        # "لترد الميليشيات في اليوم التالي بصواريخ": the factions answering are no US strike, whoever was named before
        factions_answer = bool(_FACTIONS_SUBJECT_RE.match(doc.norm_slice(sp.end, min(hi, sp.end + 25)))) or any(
            e.entity_kind == "actor" and e.start - sp.end <= 3 for e in doc.entities_in(sp.end, min(hi, sp.end + 30)))
        # (the agent may sit in the clause before: "قوات التحالف رصدت نقطة الإطلاق، وردت بست قذائف")
        sent_lo = doc.sentence_of(sp.start)[0]
        if not factions_answer and any(doc.spans(key, max(sent_lo, sp.start - 45), sp.start) for key in ("us_signals", "coalition_signals")):
            found.append(Span(sp.start, sp.end, "response"))
        elif doc.spans("weapons", sp.end, min(hi, sp.end + 40)) and re.search(
                r"(?<!\w)ب", doc.norm_slice(sp.end, min(hi, sp.end + 40))):
            # "وردت إيران في 8 كانون الثاني بصواريخ باليستية على قاعدة عين الأسد": answering with a weapon is an
            # event whoever answers (its agent decides attack or strike)
            found.append(Span(sp.start, sp.end, ""))
    # "منذ مقتل قاسم سليماني", "مقتل القيادي أبو باقر الساعدي": the death of a named faction figure is a strike
    found += [Span(sp.start, sp.end, "killing") for sp in doc.spans("killed_cues", lo, hi)
              if any(e.entity_id in figures and 0 <= e.start - sp.end <= 40 for e in doc.entities_in(sp.end, min(hi, sp.end + 60)))]
    if not found:
        return []  # (nothing to filter: the tallies' ends below are not worked out)
    # (an item's number, "2. قاعدة حرير", counts nothing)
    # (nor a model's, "مقاتلات من طراز إف-15 تقصف")
    tally_ends = {n.num_end for n in doc.numbers_in(max(0, lo - 40), hi) if not doc.in_date(n.num_start)
                  and doc.text[doc.text.rfind("\n", 0, n.num_start) + 1:n.num_start].strip()
                  and not _MODEL_RE.search(doc.text[max(0, n.num_start - 8):n.num_start])}
    return sorted(
        (t for t in found if not _is_hypothetical(doc, t)
         # (not across a line or a colon: "مشاهدات: 3.124" then the body, "الجمعة 17/11: استهداف")
         # ("وأصيب أكثر من 40 بهجوم مسيرة": a toll's figure before "by an attack" counts people, not attacks)
         # ("- 3 آذار 2021: عشرة صواريخ على قاعدة عين الأسد": a number before a weapon counts munitions, not attacks)
         and not (t.label not in WEAPON_SPECIFICITY and any(0 <= t.start - e <= 2 and not doc.text[e:t.start].strip(" ") for e in tally_ends
                     if not (doc.norm_slice(t.start, t.start + 1) == "ب" and doc.spans("killed_cues", max(0, e - 40), e)
                             + doc.spans("wounded_cues", max(0, e - 40), e))))
         and not _refers_back(doc, t) and not _purpose(doc, t)
         # ("إطلاق صفارات الإنذار": sirens sounded, nothing launched)
         and not _SIRENS_RE.match(doc.norm_slice(t.end, min(hi, t.end + 12)))),
        key=lambda t: t.start)


_COUNT_ONLY_RE = re.compile(r"\s*(?:نحو\s+|قرابه\s+|اكثر\s+من\s+)?[0-9\u0660-\u0669]+\s*(?:هجوما|هجوم|هجمات|عمليه|عمليات|ضربه|ضربات|اعتداء|اعتداءات)?\s*[.\u060c,]?\s*")


# "مواقع تستخدمها كتائب حزب الله لتخزين الأسلحة وإطلاق مسيرات": what a site is used for is no event (the past,
# "شاحنة استُخدمت لإطلاق صواريخ على عين الأسد", tells one)
_USE_VERB_RE = re.compile(r"(?<!\w)(?:تستخدم|يستخدم|تستعمل|يستعمل)\w*\s+(?:\S+\s+){0,9}$")


def _purpose(doc: _Doc, trigger: Span) -> bool:
    word = doc.norm_slice(trigger.start, trigger.end)
    if (word[:1] == "ل" or word.startswith("اطلاق")) and _LAUNCHER_RE.search(doc.norm_slice(max(0, trigger.start - 16), trigger.start)):
        return True  # "عثرت على منصتين لإطلاق الصواريخ", "دمرت سبع منصات إطلاق": what a launcher is for
    return word[:1] in ("ل", "و") and bool(_USE_VERB_RE.search(doc.norm_slice(max(0, trigger.start - 100), trigger.start)))


_LAUNCHER_RE = re.compile(r"(?<!\w)(?:منصه|منصات|منصتين|منصتان|المنصه|المنصات|راجمه|راجمات|انبوب|انابيب|قاعده|قواعد|معده|معدة)\s*$")


# "هذا الهجوم", "تلك الضربات": an event already reported; "الهجمات التي استهدفت القواعد": a class of events
_DEMONSTRATIVE_RE = re.compile(r"(?:^|\s)(?:هذا|هذه|ذلك|تلك|هذين|هاتين)\s*$")
_GENERAL_ANTECEDENT_RE = re.compile(r"(?:الهجمات|هجمات|العمليات|عمليات|الضربات|ضربات|الغارات|غارات|الاعتداءات|اعتداءات)"
                                    r"\s+(?:\S+\s+)?(?:التي|اللتين|الذي)\s*$")


# "هجمات تلك الليلة", "ضربات ذلك اليوم": the events of a time already reported
_THAT_TIME_RE = re.compile(r"\s*(?:تلك|ذلك|هذه|هذا)\s+(?:الليله|اليوم|الليالي|الايام|الفتره|الصباح|المساء|الاسبوع|الشهر)(?!\w)")


def _refers_back(doc: _Doc, trigger: Span) -> bool:
    before = doc.norm_slice(max(0, trigger.start - 40), trigger.start)
    after = doc.norm_slice(trigger.end, trigger.end + 20)
    return bool(_DEMONSTRATIVE_RE.search(before) or _GENERAL_ANTECEDENT_RE.search(before) or _THAT_TIME_RE.match(after))
