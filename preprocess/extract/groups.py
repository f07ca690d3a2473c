"""Mentions of gazetteer entities, and armed groups the text names that the gazetteer does not know (new groups)."""
from __future__ import annotations

import hashlib
import re

from preprocess.cues import Cues
from preprocess.extract.doc import QUOTE_CHARS, _Doc
from preprocess.normalize import normalize_char_string

# ---------------------------------------------------------------- mentions and new groups

def _mentions(doc: _Doc, new_groups: list[tuple[dict, tuple[int, int]]]) -> list[dict]:
    rows = []
    items = [(e.start, e.end, e.entity_id, e.entity_kind) for e in doc.entities]
    items += [(s, e, g["actor_id"], "actor") for g, (s, e) in new_groups]
    for start, end, entity_id, kind in sorted(items):
        s0, s1 = doc.sentence_of(start)
        rows.append({
            "mention_id": f"{doc.article_id}-men-{start}",
            "article_id": doc.article_id,
            "entity_id": entity_id,
            "entity_kind": kind,
            "surface": doc.text[start:end],
            "start": start,
            "end": end,
            "sentence_start": s0,
            "sentence_end": s1,
        })
    return rows


def _slug(name_ar: str) -> str:
    return "new-" + hashlib.sha1(normalize_char_string(name_ar).encode("utf-8")).hexdigest()[:10]


_TRANSLIT = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ء": "'",
}


def transliterate(name_ar: str) -> str:
    """Rough romanisation for groups the gazetteer does not know yet (an analyst can add a proper name)."""
    words = []
    for word in normalize_char_string(name_ar).split():
        prefix = ""
        if word.startswith("ال") and len(word) > 3:
            prefix, word = "al-", word[2:]
        latin = "".join(_TRANSLIT.get(ch, ch) for ch in word)
        words.append(prefix + latin)
    text = " ".join(words).replace("''", "'")
    return " ".join(w[:1].upper() + w[1:] if not w.startswith("al-") else w for w in text.split())


_SELF_NAME_RE = re.compile(
    r"(?:يطلق|تطلق|يسمي|تسمي|تدعي|يدعي|تحمل|يحمل)\s+(?:علي\s+)?(?:نفسه|نفسها)?\s*"
    r"(?:اسم|تسميه)?\s*\"\s*([^\"\n]{3,70}?)\s*\""
)


def find_new_groups(doc: _Doc, cues: Cues) -> list[tuple[dict, tuple[int, int]]]:
    """Groups named in the text that the gazetteer does not know: a possible new facade group."""
    text = doc.norm.text
    heads = "|".join(re.escape(h) for h in cues.lists.get("group_heads", []))
    unquoted = "|".join(re.escape(h) for h in cues.lists.get("unquoted_group_heads", []))
    stop = set(cues.lists.get("group_name_stopwords", []))
    generic = set(cues.lists.get("generic_group_words", []))
    candidates: list[tuple[int, int]] = []
    self_named: set[int] = set()  # a group that names itself ("يطلق على نفسه اسم «الثوريون»") may have a one-word name
    for m in _SELF_NAME_RE.finditer(text):
        candidates.append((m.start(1), m.end(1)))
        self_named.add(m.start(1))
    for m in re.finditer(rf"\"\s*((?:{heads})\s[^\"\n]{{2,60}}?)\s*\"", text):
        candidates.append((m.start(1), m.end(1)))
    for m in re.finditer(rf"(?<!\w)[وفبل]?((?:{unquoted})\s+\"?(\w+)(?:\s+(\w+))?(?:\s+(\w+))?)", text):
        words = text[m.start(1):m.end(1)].replace('"', " ").split()
        kept = [words[0]]
        for w in words[1:]:
            if w in stop:
                break
            kept.append(w)
        if len(kept) < 2 or all(w in generic for w in kept[1:]):
            continue
        end = m.start(1)
        for w in kept:
            end = text.index(w, end) + len(w)
        candidates.append((m.start(1), end))
    found: list[tuple[dict, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for ns, ne in sorted(candidates, key=lambda c: (c[0], -c[1])):
        start, end = doc.norm.to_original(ns, ne)
        if any(e.start < end and start < e.end for e in doc.entities_in(max(0, start - 300), end + 300)):
            continue  # names a known actor (possibly inside a longer title)
        if any(s < end and start < e for s, e in taken):
            continue
        name_ar = doc.text[start:end].strip(QUOTE_CHARS + " ")
        words = normalize_char_string(name_ar).split()
        if len(words) < 2 and ns not in self_named \
                and not any(normalize_char_string(name_ar).startswith(h) for h in ("عصبه", "كتائب", "سرايا")):
            continue
        taken.append((start, end))
        record = {
            "actor_id": _slug(name_ar),
            "name_en": transliterate(name_ar),
            "name_ar": name_ar,
            "actor_type": "militia",
            "parent": "",
            "in_gazetteer": False,
            "aliases_ar": "",
        }
        found.append((record, (start, end)))
    return found
