"""Article-level facts: publication date (metadata > URL > dateline > inferred), title and outlet."""
from __future__ import annotations

import re

from preprocess.cues import Cues
from preprocess.dates import find_dates, infer_publication_date, publication_date_from_dateline, publication_date_from_url
from preprocess.normalize import normalize, normalize_char_string

TITLE_MAX_WORDS = 25
_BULLETS = " \t•·*-–—|"


def publication_date(raw, cues: Cues) -> tuple[str, str, list[str]]:
    """(published ISO or "", source label, warnings) for one article."""
    if raw.published:
        return raw.published, "metadata", []
    # the URL's date before a date line: a page's top bar often shows the day it was saved ("today"), while the
    # path keeps the day the story went up
    from_url = publication_date_from_url(raw.url) if raw.url else None
    if from_url and from_url.iso and from_url.precision == "day":
        return from_url.iso, "url", []
    dateline = publication_date_from_dateline(raw.text)
    # (a month in the path, "/2020/01/", yields to a day on the page in that month)
    if dateline and dateline.iso and (not from_url or not from_url.iso or dateline.iso.startswith(from_url.iso)):
        return dateline.iso, "dateline", []
    if from_url and from_url.iso:
        return from_url.iso, "url", []
    norm = normalize(raw.text)
    inferred = infer_publication_date(find_dates(raw.text, None, norm))
    anchor = latest_anchor(norm.text, cues)
    candidates = []
    if inferred and inferred.iso:
        candidates.append((inferred.iso, f"publication date inferred from the latest dated event in the text ('{inferred.text}')"))
    if anchor:
        candidates.append((anchor[0], f"publication date inferred: the text mentions {anchor[1]}, so it is not older than {anchor[0]}"))
    anniversary = _anniversary_year(norm)
    if anniversary:
        candidates.append(anniversary)
    if not candidates:
        return "", "", []
    # The later bound wins: an article that cites 2018 figures but mentions 7 October 2023 is from 2023 or later.
    iso, why = max(candidates, key=lambda c: c[0])
    return iso, "inferred", [why]


_ORDINALS = {"الاولي": 1, "الثانيه": 2, "الثالثه": 3, "الرابعه": 4, "الخامسه": 5, "السادسه": 6, "السابعه": 7,
             "الثامنه": 8, "التاسعه": 9, "العاشره": 10}
_ANNIVERSARY_RE = re.compile(r"(?<!\w)(?:ب|ل)?(?:ال)?ذكري\s+(?:السنويه\s+)?(" + "|".join(_ORDINALS) + r"|[0-9]{1,2})(?!\w)")
ANNIVERSARY_REACH = 120  # characters from "الذكرى الثامنة" to the date of what it remembers


def _anniversary_year(norm) -> tuple[str, str] | None:
    """'الذكرى الثامنة لمجزرة ... في آب 2014': the page is of the year the anniversary falls in (2022), at least."""
    t = norm.text
    for m in _ANNIVERSARY_RE.finditer(t) if "ذكري" in t else ():
        n = _ORDINALS.get(m.group(1)) or int(m.group(1))
        after = t[m.end():m.end() + ANNIVERSARY_REACH]
        year = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", after)
        if year and 0 < n <= 60:
            return (str(int(year.group(1)) + n), f"publication date inferred: the text marks the anniversary number {n} of an event of {year.group(1)}")
    return None


def latest_anchor(normalized_text: str, cues: Cues) -> tuple[str, str] | None:
    """Latest well-dated event the text mentions, as (YYYY-MM, note)."""
    found = [a for a in cues.anchors if any(p.search(normalized_text) for p in a.patterns)]
    if not found:
        return None
    latest = max(found, key=lambda a: a.date)
    return latest.date.strftime("%Y-%m"), latest.note


def article_title(text: str) -> str:
    """First line when it reads as a headline: short, not ending a sentence, followed by more text."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) < 2:
        return ""
    first = lines[0]
    if len(first.split()) > TITLE_MAX_WORDS or first.endswith((".", "\u061f.")) and len(first.split()) > 12:
        return ""
    return first


def detect_outlet(text: str, cues: Cues) -> str:
    """Outlet from a signature line at the end ('الجزيرة', '• اندبندنت عربية') or an own-interview credit."""
    lines = [ln.strip(_BULLETS) for ln in text.strip().split("\n") if ln.strip(_BULLETS)]
    tail = [normalize_char_string(ln) for ln in lines[-3:]]
    norm_text = normalize(text).text  # normalize_char_string(text), shared with the article's other steps
    aliases, credit_any = _outlet_aliases(cues)
    for name, alias, _credit in aliases:
        if any(line == alias for line in tail):
            return name
    if credit_any.search(norm_text):  # some outlet is credited: which one comes first in the list
        for name, _alias, credit in aliases:
            # An outlet quoting its own interviews: قائلا لـ"العربي الجديد"
            if credit.search(norm_text):
                return name
    return ""


_OUTLETS: dict[int, tuple] = {}  # id(cues) -> (cues, [(outlet, normalised alias, credit pattern)], any credit pattern)


def _outlet_aliases(cues: Cues) -> tuple[list[tuple[str, str, re.Pattern]], re.Pattern]:
    """The outlets' aliases normalised and their credit patterns compiled, once per cue set."""
    found = _OUTLETS.get(id(cues))
    if found is None or found[0] is not cues:  # an id can be reused by a later cue set
        aliases = [(name, normalize_char_string(alias)) for name, names in cues.outlets.items() for alias in names]
        credit = r"لـ?\s*\"{}\""
        compiled = [(name, alias, re.compile(credit.format(re.escape(alias)))) for name, alias in aliases]
        any_credit = re.compile(credit.format("(?:" + "|".join(re.escape(alias) for _name, alias in aliases) + ")")
                                if aliases else "(?!)")
        found = _OUTLETS[id(cues)] = (cues, compiled, any_credit)
    return found[1], found[2]
