"""Cue-word lists from data/resources/extraction.yaml compiled into matchers over normalised text."""
from __future__ import annotations

import re
from itertools import accumulate, compress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from preprocess.frozen import quick_init
from preprocess.normalize import NormalizedText, normalize_char_string
from preprocess.resources import Guarded, safe_load

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "data" / "resources"


class CueError(Exception):
    """A cue resource file is broken; `problems` lists every problem found."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@quick_init
@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str = ""


_TOKEN_RE = re.compile(r"\w+")
_TOKEN_SPLIT_RE = re.compile(r"(\w+)")
_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بلك"
# attached pronouns stripped from the end of a word (normalised: ة is ه, so a bare ه is never stripped)
_ENCLITICS = ("هما", "هم", "هن", "ها", "كم")


def _forms(token: str) -> list[str]:
    """The token and what remains after stripping attached clitics: و ف, then ب ل ك, and لل -> ال. In a fixed
    order, the token as written first: of two entries of one group and one length that the token starts (the
    planned "بسحب" and the withdrawal "سحب*" after its ب), the one written as the text is wins, on every run (a set
    here let the string hash seed choose)."""
    forms = {token: None}
    if len(token) > 2 and token[0] in _CONJUNCTIONS:
        forms[token[1:]] = None
    for form in list(forms):
        if len(form) > 2 and form[0] in _PREPOSITIONS:
            forms[form[1:]] = None
        if form.startswith("لل") and len(form) > 3:
            forms["ال" + form[2:]] = None
    for form in list(forms):  # object and possessive pronouns: استهدفوها, قصفتها, صواريخهم
        for suffix in _ENCLITICS:
            if form.endswith(suffix) and len(form) - len(suffix) >= 3:
                stem = form[: -len(suffix)]
                forms[stem + "ا" if stem.endswith("و") else stem] = None  # استهدفوها -> استهدفوا
    return list(forms)


@dataclass(frozen=True)
class _Entry:
    group: str  # the list's key in extraction.yaml (or the family of a labelled list)
    label: str
    words: tuple[str, ...]
    prefix: bool  # the last word may continue ("هاجم*")


class CueIndex:
    """Every cue list in one word index: an article is tokenised once and each token looked up, so
    thirty lists cost about as much as one (regex alternations with look-behinds were 30x slower)."""

    def __init__(self) -> None:
        self._exact: dict[str, list[_Entry]] = {}
        self._prefix: dict[str, list[_Entry]] = {}
        self._prefix_lengths: set[int] = set()
        self._memo: dict[str, list[_Entry]] = {}
        self._plans: dict[str, tuple] = {}  # token -> _plan(token)

    def add(self, group: str, entries: list[str], label: str = "") -> None:
        for entry in entries:
            prefix = entry.endswith("*")
            words = tuple(normalize_char_string(entry.rstrip("*")).split())
            item = _Entry(group, label, words, prefix)
            if prefix and len(words) == 1:
                self._prefix.setdefault(words[0], []).append(item)
                self._prefix_lengths.add(len(words[0]))
            else:
                self._exact.setdefault(words[0], []).append(item)
        self._memo.clear()
        self._plans.clear()

    def _first_word_entries(self, token: str) -> list[_Entry]:
        cached = self._memo.get(token)
        if cached is not None:
            return cached
        found: list[_Entry] = []
        for form in _forms(token):
            found += self._exact.get(form, [])
            for length in self._prefix_lengths:
                if len(form) >= length:
                    found += self._prefix.get(form[:length], [])
        if len(self._memo) < 200_000:  # bounded: the vocabulary of a large corpus must not grow it forever
            self._memo[token] = found
        return found

    def _plan(self, token: str) -> tuple[tuple[str, tuple[tuple, ...]], ...]:
        """The entries a token may start, by group (in the order groups first appear among them), each group's
        longest first (equal lengths in their order): a group's first entry that matches is its longest match.
        Each entry as find_all reads it: (number of words, the second word or None, the words after the second up to the
        last that may continue, that last word or None, label). An entry of several words whose last word may continue
        (the entry ends in *) has that word as `last` (and `second` None when it is the second word); otherwise `last`
        is None and every word after the first is `second` and then `rest`."""
        plan = self._plans.get(token)
        if plan is None:
            by_group: dict[str, list[_Entry]] = {}
            for entry in self._first_word_entries(token):
                by_group.setdefault(entry.group, []).append(entry)
            plan = tuple((group, tuple(_planned(e) for e in sorted(entries, key=lambda e: -len(e.words))))
                         for group, entries in by_group.items())
            if len(self._plans) < 200_000:
                self._plans[token] = plan
        return plan

    def find_all(self, normalized: NormalizedText) -> dict[str, list[Span]]:
        """Spans (of the ORIGINAL text) of every cue, by group; per group the longest match wins."""
        text = normalized.text
        # One split gives the words and the gaps between them: parts = [gap, word, gap, word, ..., gap], and the running
        # sum of their lengths gives every word's offsets (word i spans bounds[2i]:bounds[2i + 1]).
        parts = _TOKEN_SPLIT_RE.split(text)
        words = parts[1::2]
        bounds = list(accumulate(map(len, parts)))
        plans_get = self._plans.get
        plan_of = list(map(plans_get, words))
        if None in plan_of:  # words not seen before, or that the memo (bounded) did not keep: computed
            plan_of = [p if p is not None else self._plan(w) for p, w in zip(plan_of, words)]
        offsets = normalized._offsets  # normalized.to_original, inlined (a match is never empty)
        n_words = len(words)
        out: dict[str, list[Span]] = {}
        covered: dict[str, int] = {}  # group -> token index up to which a longer match already reaches
        covered_get, out_get = covered.get, out.get
        for i in compress(range(n_words), plan_of):  # most words start no cue: an empty plan
            for group, entries in plan_of[i]:
                if covered_get(group, -1) > i:
                    continue  # inside a match of this group
                for n, second, rest, last, label in entries:
                    if n > 1:
                        # the next words as listed (the last may continue when the entry ends in *), only spaces between;
                        # the second word compared first, as most entries part there
                        if i + n > n_words:
                            continue
                        if last is None:
                            if words[i + 1] != second or (n > 2 and words[i + 2:i + n] != rest):
                                continue
                        elif n == 2:
                            if not words[i + 1].startswith(last):
                                continue
                        elif words[i + 1] != second or (n > 3 and words[i + 2:i + n - 1] != rest) or not words[i + n - 1].startswith(last):
                            continue
                        if any(parts[2 * k].strip() for k in range(i + 1, i + n)):
                            continue
                    covered[group] = i + n
                    if offsets is None:
                        o_start, o_end = bounds[2 * i], bounds[2 * (i + n - 1) + 1]
                    else:
                        o_start, o_end = offsets[bounds[2 * i]], offsets[bounds[2 * (i + n - 1) + 1] - 1] + 1
                    found = out_get(group)
                    if found is None:
                        found = out[group] = []
                    found.append(Span(o_start, o_end, label))
                    break
        return out


def _planned(entry: _Entry) -> tuple[int, str | None, list[str], str | None, str]:
    """An entry as find_all reads it (see CueIndex._plan)."""
    words = entry.words
    if entry.prefix and len(words) > 1:
        return len(words), (words[1] if len(words) > 2 else None), list(words[2:-1]), words[-1], entry.label
    return len(words), (words[1] if len(words) > 1 else None), list(words[2:]), None, entry.label


@dataclass(frozen=True)
class AnchorEvent:
    event_id: str
    date: date
    note: str
    patterns: tuple[re.Pattern, ...]


@dataclass
class Cues:
    """Cue lists from extraction.yaml: one word index for matching, plus raw lists and tables."""

    index: CueIndex = field(default_factory=CueIndex)
    lists: dict[str, list[str]] = field(default_factory=dict)
    person_singular: frozenset[str] = frozenset()
    dual_suffixes: tuple[str, ...] = ()
    person_plural: frozenset[str] = frozenset()
    outlets: dict[str, list[str]] = field(default_factory=dict)
    roles: dict = field(default_factory=dict)
    anchors: tuple[AnchorEvent, ...] = ()
    name_words: dict[str, str] = field(default_factory=dict)  # normalised Arabic word -> its romanisation
    ambiguous_aliases: tuple[dict, ...] = ()
    no_casualty_re: re.Pattern = re.compile(r"(?!)")  # built from the no_casualty_* lists on load  # a bare alias read by the article's context (see extraction.yaml)

    def find_all(self, normalized: NormalizedText) -> dict[str, list[Span]]:
        return self.index.find_all(normalized)


_LABELLED = ("weapons", "kind_cues", "foreign_forces", "previous_event_offsets", "toll_kinds", "dual_casualties", "victim_titles", "companions")
_LIST_ONLY = ("related_headers",)  # read line by line (extract/furniture.py), never matched as cue spans
_RAW_LISTS = _LIST_ONLY + ("no_casualty_negations", "no_casualty_verbs", "no_casualty_nouns", "group_name_stopwords", "generic_group_words", "unquoted_group_heads", "group_heads", "level_before", "amount_before")
# Lists no rule asks for as cue spans (doc.spans): read from cues.lists (the raw lists above), or not read at all
# (period_start_cues, period_end_cues, self_naming). Left out of the word index, so the matcher does not give spans
# for them: "في", "من", "على" ... of group_name_stopwords started a cue at about one word in five. A rule that comes to
# ask for one of these as spans must take it out of this tuple.
_NOT_MATCHED = ("no_casualty_negations", "no_casualty_verbs", "no_casualty_nouns", "group_name_stopwords", "generic_group_words",
                "unquoted_group_heads", "group_heads", "level_before", "amount_before", "period_start_cues", "period_end_cues",
                "self_naming")


def load_cues(resources_dir: Path | str = RESOURCES_DIR) -> Cues:
    """Load extraction.yaml and anchor_events.yaml; raise CueError listing every problem."""
    resources_dir = Path(resources_dir)
    problems: list[str] = []
    path = resources_dir / "extraction.yaml"
    try:
        raw = safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CueError([f"{path.name}: cannot read: {exc}"]) from exc
    cues = Cues()
    for key, value in raw.items():
        if key == "person_nouns":
            cues.person_singular = frozenset(normalize_char_string(w) for w in value.get("singular", []))
            cues.dual_suffixes = tuple(value.get("dual_suffixes", []))
            cues.person_plural = frozenset(normalize_char_string(w) for w in value.get("plural", []))
        elif key == "actor_roles":
            cues.roles = dict(value)
        elif key == "outlets":
            cues.outlets = {name: list(aliases) for name, aliases in value.items()}
        elif key == "ambiguous_aliases":
            rules = []
            for i, rule in enumerate(value if isinstance(value, list) else [None]):
                if not isinstance(rule, dict) or not {"alias", "default", "context", "becomes", "unless"} <= set(rule):
                    problems.append(f"{path.name}: ambiguous_aliases[{i}]: expected alias, default, context, becomes, unless")
                    continue
                rules.append({"alias": normalize_char_string(rule["alias"]), "default": rule["default"],
                              "context": list(rule["context"]), "becomes": rule["becomes"],
                              "unless": [normalize_char_string(w) for w in rule["unless"]]})
            cues.ambiguous_aliases = tuple(rules)
        elif key == "name_words":
            if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) and v for k, v in value.items()):
                problems.append(f"{path.name}: name_words: expected a mapping of Arabic word -> romanisation")
                continue
            cues.name_words = {normalize_char_string(k): v for k, v in value.items()}
        elif key in _LABELLED:
            if not isinstance(value, dict):
                problems.append(f"{path.name}: {key}: expected a mapping of label -> words")
                continue
            for label, words in value.items():
                cues.index.add(key, words, label)
        elif isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value):
            if key not in _LIST_ONLY and key not in _NOT_MATCHED:
                cues.index.add(key, _inflected(value) if key in _INFLECTED else value)
            if key in _RAW_LISTS:
                cues.lists[key] = [normalize_char_string(w) for w in value]
        else:
            problems.append(f"{path.name}: {key}: expected a list of non-empty words")
    # (both branches of the pattern hold one of the nouns: a text with none is not searched from each of its positions)
    cues.no_casualty_re = Guarded(_no_casualty_pattern(cues.lists), tuple(cues.lists.get("no_casualty_nouns", [])))
    cues.anchors = tuple(_load_anchors(resources_dir / "anchor_events.yaml", problems))
    if problems:
        raise CueError(problems)
    return cues


# Event words are listed once, as written most often; their inflected forms are made here, at load time, so the
# run-time matcher stays one compiled index: accusative tanween (قصفاً، هجوماً), duals and plural agents of verbs
# (سقطا، سقطتا، استهدفوا) and object pronouns (استهدفوها، قصفتها، استهدفتهم).
_INFLECTED = ("attack_triggers", "strike_triggers", "interception_cues")
_SUFFIXES = ("ا", "وا", "تا", "ها", "هم", "هما", "وها", "وهم")


def _inflected(words: list[str]) -> list[str]:
    out = list(words)
    seen = set(words)
    for w in words:
        if " " in w or w.endswith("*") or len(w) < 3 or w.endswith(("ة", "ات", "ين")):
            continue
        if w.endswith("ان"):
            # a dual ("هجومان", "غارتان") takes no ending; a noun in -ان ("عدوان") takes the accusative ("عدواناً")
            stem = w[:-2]
            if stem not in seen and stem + "ة" not in seen and stem[:-1] + "ة" not in seen and w + "ا" not in seen:
                seen.add(w + "ا")
                out.append(w + "ا")
            continue
        for suffix in _SUFFIXES:
            form = w + suffix
            if form not in seen:
                seen.add(form)
                out.append(form)
    return out


def _no_casualty_pattern(lists: dict[str, list[str]]) -> re.Pattern:
    """'لم يوقعا أي إصابات', 'دون أن تسفر عن خسائر': negation, a verb stem that may continue, then a noun."""
    def alt(key: str) -> str:
        return "|".join(sorted((re.escape(w) for w in lists.get(key, [])), key=len, reverse=True)) or "(?!)"
    # (and the noun first: '"أي إصابات بشرية لم تُسجل"')
    return re.compile(rf"(?<!\w)(?:{alt('no_casualty_negations')})\s+(?:ان\s+)?(?:{alt('no_casualty_verbs')})\w*\s+"
                      rf"(?:\S+\s+){{0,3}}?[\"\u201c\u00ab]?(?:اي\s+)?(?:{alt('no_casualty_nouns')})(?!\w)"
                      rf"|(?<!\w)اي\s+(?:{alt('no_casualty_nouns')})\s+(?:\S+\s+){{0,2}}?(?:لم|لا)\s+(?:تسجل|يسجل|تقع|يقع|تحصل|يحصل)(?!\w)")


def _load_anchors(path: Path, problems: list[str]) -> list[AnchorEvent]:
    try:
        records = safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as exc:
        problems.append(f"{path.name}: cannot read: {exc}")
        return []
    anchors = []
    for rec in records:
        rid = rec.get("id", "?")
        try:
            when = rec["date"] if isinstance(rec["date"], date) else date.fromisoformat(str(rec["date"]))
            pats = tuple(re.compile(p) for p in rec["patterns"])
        except (KeyError, ValueError, re.error) as exc:
            problems.append(f"{path.name}: {rid}: {exc}")
            continue
        anchors.append(AnchorEvent(rid, when, rec.get("note", ""), pats))
    return anchors
