"""A one-page A4 briefing of the current view as PDF, Arabic right to left or English; pure: frames in, bytes out."""
from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from components import query
from components.charts import EVENT_COLOURS
from components.i18n import t as ui_text
from components.rtl import direction_of, shape_for_dumb_renderer
from components.safe import shown

FONT_ROOT = Path("/usr/share/fonts")
# Debian packages: fonts-noto-core (Arabic and Latin faces) and fonts-dejavu-core (symbols neither covers)
FONT_FILES = {
    "arabic": ("truetype/noto/NotoSansArabic-Regular.ttf", "truetype/noto/NotoSansArabic-Bold.ttf", "fonts-noto-core"),
    "latin": ("truetype/noto/NotoSans-Regular.ttf", "truetype/noto/NotoSans-Bold.ttf", "fonts-noto-core"),
    "symbols": ("truetype/dejavu/DejaVuSans.ttf", "truetype/dejavu/DejaVuSans-Bold.ttf", "fonts-dejavu-core"),
}

STRINGS: dict[str, dict[str, str]] = {
    "title": {"ar": "راصد: موجز العرض الحالي", "en": "Rasid: briefing of the current view"},
    "made_on": {"ar": "تاريخ الإعداد: {date}", "en": "Prepared on {date}"},
    "filters": {"ar": "عوامل التصفية: {words}", "en": "Filters: {words}"},
    "events_note": {"ar": "الأرقام أحداث لا تقارير: الحدث الذي تنقله عدة مقالات يحسب مرة واحدة.",
                    "en": "Figures count events, not reports: an event several articles report counts once."},
    "undated_month": {"ar": "{n} من الأحداث بلا شهر معروف، فليست في الرسم.",
                      "en": "{n} of the events have no known month and are not in the chart."},
    "undated_year": {"ar": "{n} من الأحداث بلا سنة معروفة، فليست في الرسم.",
                     "en": "{n} of the events have no known year and are not in the chart."},
    "no_chart": {"ar": "لا أحداث مؤرخة في هذا العرض.", "en": "No dated events in this view."},
    "no_incidents": {"ar": "لا حوادث مؤرخة في هذا العرض.", "en": "No dated incidents in this view."},
    "no_source": {"ar": "مصدر غير مذكور", "en": "source not stated"},
    "published": {"ar": "نشر في {date}", "en": "published {date}"},
    "published_inferred": {"ar": "نشر نحو {date} (تقدير)", "en": "published about {date} (estimated)"},
    "killed_n": {"ar": "قتلى: {n}", "en": "killed: {n}"},
    "wounded_n": {"ar": "جرحى: {n}", "en": "wounded: {n}"},
}

MM_PER_PT = 25.4 / 72
MARGIN, PAGE_W, PAGE_H = 12.0, 210.0, 297.0
WIDTH = PAGE_W - 2 * MARGIN
INK, GREY, RULE, BOX = (31, 41, 55), (90, 98, 110), (209, 213, 219), (243, 244, 246)
CHART_H = 46.0
CHART_PX_PER_MM = 10
MAX_MONTHS = 48  # a longer view is drawn per year: more than 48 bars no longer read at this width
LATEST_N = 10
QUOTE_LINES = 2


class FontsMissing(RuntimeError):
    """The fonts the briefing is set in are not installed."""


@dataclass(frozen=True)
class Fonts:
    arabic: Path
    arabic_bold: Path
    latin: Path
    latin_bold: Path
    symbols: Path
    symbols_bold: Path


def find_fonts(root: Path | None = None) -> Fonts:
    """The Debian font files, at their usual path or anywhere under root (FONT_ROOT); every missing one named in one error."""
    root = root or FONT_ROOT
    found, missing = {}, []
    for face, (regular, bold, package) in FONT_FILES.items():
        for key, relative in ((face, regular), (face + "_bold", bold)):
            path = root / relative
            if not path.is_file():
                path = next(iter(sorted(root.rglob(Path(relative).name))), path) if root.is_dir() else path
            if path.is_file():
                found[key] = path
            else:
                missing.append(f"{Path(relative).name} ({package})")
    if missing:
        packages = " ".join(sorted({p for _, _, p in FONT_FILES.values()}))
        raise FontsMissing(f"The PDF briefing needs fonts that are not under {root}: {', '.join(missing)}. "
                           f"Install them with: apt-get install {packages}")
    return Fonts(**found)


def text(key: str, lang: str, **values) -> str:
    """The briefing's own strings, else the dashboard's (components.i18n), so a figure is named as on the page."""
    if key not in STRINGS:
        return ui_text(key, lang, **values)
    return STRINGS[key][lang].format(**values) if values else STRINGS[key][lang]


def plain(value, limit: int = 600) -> str:
    """Untrusted text as itself on one line: bidi controls out (shown), other control characters as spaces."""
    one_line = shown("" if value is None or value is pd.NA else value, limit)
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in one_line)


def _number(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


# ---------------------------------------------------------------- the chart, drawn with Pillow


def chart_counts(incidents: pd.DataFrame) -> tuple[pd.DataFrame, str, int]:
    """Events per period and type over every period from the first to the last (empty ones kept), the period
    ('month', or 'year' for a long view), and how many events the chart leaves out for want of a date that precise."""
    total = len(query.events(incidents))
    freq = "month"
    counts = query.event_counts(incidents, freq, "weapon")
    if len(counts) and len(pd.period_range(counts["period"].min(), counts["period"].max(), freq="M")) > MAX_MONTHS:
        freq = "year"
        counts = query.event_counts(incidents, freq, "weapon")
    if counts.empty:
        return pd.DataFrame(columns=list(query.EVENT_TYPES)), freq, total
    table = counts.pivot_table(index="period", columns="event_type", values="events", aggfunc="sum", fill_value=0)
    if freq == "month":
        periods = pd.period_range(table.index.min(), table.index.max(), freq="M").strftime("%Y-%m")
    else:
        periods = [str(y) for y in range(int(table.index.min()), int(table.index.max()) + 1)]
    table = table.reindex(index=list(periods), columns=query.EVENT_TYPES, fill_value=0).astype(int)
    return table, freq, total - int(table.to_numpy().sum())


def _pil_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # BASIC layout whether or not Pillow has raqm: the text comes shaped and in visual order from components.rtl
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


def _tick_step(largest: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if largest / step <= 6:
            return step
    return 10 ** math.ceil(math.log10(max(largest, 1) / 6))


def chart_png(table: pd.DataFrame, lang: str, label: Callable[[str, str], str], fonts: Fonts,
              size_mm: tuple[float, float] = (WIDTH, CHART_H)) -> bytes:
    """Stacked bars of events per period (attacks, strikes, other), time left to right (old to new) in both languages,
    counts on the reading side, legend at the top on the reading side."""
    scale = CHART_PX_PER_MM
    width, height = int(size_mm[0] * scale), int(size_mm[1] * scale)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    arabic = lang == "ar"
    small, legend_font = int(2.6 * scale), int(2.9 * scale)

    def font_for(s: str, px: int) -> ImageFont.FreeTypeFont:
        return _pil_font(fonts.arabic if direction_of(s) == "R" else fonts.latin, px)

    def put(s: str, xy: tuple[float, float], px: int, anchor: str, fill=INK) -> None:
        draw.text(xy, shape_for_dumb_renderer(s, "R" if arabic else "L"), font=font_for(s, px), fill=fill, anchor=anchor)

    present = [kind for kind in query.EVENT_TYPES if kind in table.columns and table[kind].sum() > 0]
    # legend: a colour square then its label, in reading order from the reading side
    x = width - 2 if arabic else 2
    box = int(2.4 * scale)
    for kind in present:
        name = label("event_type", kind)
        name_w = draw.textlength(shape_for_dumb_renderer(name), font=font_for(name, legend_font))
        if arabic:
            draw.rectangle([x - box, 8, x, 8 + box], fill=EVENT_COLOURS[kind])
            put(name, (x - box - 10, 8 + box / 2), legend_font, "rm")
            x -= box + 10 + name_w + 40
        else:
            draw.rectangle([x, 8, x + box, 8 + box], fill=EVENT_COLOURS[kind])
            put(name, (x + box + 10, 8 + box / 2), legend_font, "lm")
            x += box + 10 + name_w + 40

    totals = table.sum(axis=1).tolist()
    periods = list(table.index)
    top, bottom = 8 + box + int(3.5 * scale), height - int(4.5 * scale)
    axis_w = int(8 * scale)
    left, right = (12, width - axis_w) if arabic else (axis_w, width - 12)
    largest = max(totals) if totals else 0
    step = _tick_step(largest)
    y_max = max(step, math.ceil(largest / step) * step)

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * value / y_max

    for tick in range(0, y_max + 1, step):
        y = y_of(tick)
        draw.line([left, y, right, y], fill=RULE if tick else GREY, width=2 if tick == 0 else 1)
        if arabic:
            put(f"{tick:,}", (right + 14, y), small, "lm", GREY)
        else:
            put(f"{tick:,}", (left - 14, y), small, "rm", GREY)
    n = len(periods)
    slot = (right - left) / max(n, 1)
    bar_w = max(2.0, min(slot * 0.7, 14 * scale))  # a lone period stays a bar, not a block across the plot
    every = max(1, math.ceil(n / 12))
    for i, period in enumerate(periods):
        centre = left + slot * (i + 0.5)
        base = 0
        for kind in present:
            value = int(table.at[period, kind])
            if value:
                draw.rectangle([centre - bar_w / 2, y_of(base + value), centre + bar_w / 2, y_of(base)],
                               fill=EVENT_COLOURS[kind])
                base += value
        if base and n <= 30:
            put(f"{base:,}", (centre, y_of(base) - 6), small, "mb")
        if i % every == 0:
            draw.line([centre, bottom, centre, bottom + 8], fill=GREY, width=1)
            put(period, (centre, bottom + 12), small, "mt", GREY)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(254, 254))
    return out.getvalue()


# ---------------------------------------------------------------- the page, laid out with fpdf2


class _Page:
    """An fpdf2 page that sets every string through components.rtl: fpdf2 does not shape Arabic (its optional
    harfbuzz shaping stays off), so it draws exactly the presentation forms in visual order. Each run of characters
    goes to the first face that has them (fpdf2's own fallback fonts lose track of the font after a coloured line)."""

    def __init__(self, lang: str, fonts: Fonts, made: dt.date) -> None:
        self.lang = lang
        self.rtl = lang == "ar"
        pdf = FPDF(orientation="P", unit="mm", format="A4")
        pdf.alias_nb_pages(None)  # '{nb}' in an article would otherwise become the page count
        pdf.set_auto_page_break(False)
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_creation_date(dt.datetime(made.year, made.month, made.day, tzinfo=dt.timezone.utc))
        for family, regular, bold in (("arabic", fonts.arabic, fonts.arabic_bold), ("latin", fonts.latin, fonts.latin_bold),
                                      ("symbols", fonts.symbols, fonts.symbols_bold)):
            pdf.add_font(family, "", str(regular))
            pdf.add_font(family, "B", str(bold))
        self.faces = ["arabic", "latin", "symbols"] if self.rtl else ["latin", "arabic", "symbols"]
        pdf.add_page()
        self.pdf = pdf
        self.size, self.bold, self.colour = 10.0, False, INK

    def font(self, size: float, bold: bool = False, colour=INK) -> None:
        self.size, self.bold, self.colour = size, bold, colour

    def _face_of(self, ch: str) -> str | None:
        if ch == " ":
            return None  # a space stays in the run it is in
        for face in self.faces:
            if ord(ch) in self.pdf.fonts[face + ("B" if self.bold else "")].cmap:
                return face
        return self.faces[-1]

    def _runs(self, visual: str) -> list[tuple[str, str]]:
        runs: list[list] = []
        for ch in visual:
            face = self._face_of(ch) or (runs[-1][0] if runs else self.faces[0])
            if runs and runs[-1][0] == face:
                runs[-1][1] += ch
            else:
                runs.append([face, ch])
        return [(face, run) for face, run in runs]

    def _measure(self, visual: str) -> float:
        total = 0.0
        for face, run in self._runs(visual):
            self.pdf.set_font(face, "B" if self.bold else "", self.size)
            total += self.pdf.get_string_width(run)
        return total

    def _draw(self, visual: str, x: float, y: float, w: float, h: float, align: str) -> None:
        start = x + w - self._measure(visual) if align == "R" else x
        baseline = y + h / 2 + 0.3 * self.size * MM_PER_PT
        self.pdf.set_text_color(*self.colour)
        for face, run in self._runs(visual):
            self.pdf.set_font(face, "B" if self.bold else "", self.size)
            self.pdf.text(start, baseline, run)
            start += self.pdf.get_string_width(run)

    def visual(self, logical: str, direction: str | None = None) -> str:
        return shape_for_dumb_renderer(logical, direction or ("R" if self.rtl else "L"))

    def width_of(self, logical: str, direction: str | None = None) -> float:
        return self._measure(self.visual(logical, direction))

    def line(self, logical: str, x: float, y: float, w: float, h: float, direction: str | None = None,
             align: str | None = None) -> None:
        """One line, shaped for its direction, aligned on its reading side unless told."""
        direction = direction or ("R" if self.rtl else "L")
        self._draw(self.visual(logical, direction), x, y, w, h, align or direction)

    def wrap(self, logical: str, w: float, max_lines: int, direction: str | None = None) -> list[str]:
        """Words into lines in logical order (bidi runs per line afterwards, so a sentence reads from its first line);
        the last line ends in an ellipsis when the text goes on."""
        lines, current = [], ""
        for word in logical.split():
            while self.width_of(word, direction) > w:  # a token wider than the line (a long address) is cut
                word = _shorter(word)
            candidate = f"{current} {word}" if current else word
            if current and self.width_of(candidate, direction) > w:
                lines.append(current)
                current = word
                if len(lines) == max_lines:
                    return _ellipsis(self, lines, w, direction)
            else:
                current = candidate
        return lines + [current] if current else lines

    def fields(self, parts: list[str], x: float, y: float, w: float, h: float, separator: str = " · ") -> None:
        """Fields on one line, each shaped on its own (like a bidi isolate), in reading order; the last ones are cut
        to fit. Keeps an Arabic name next to a date from swapping places in an English line and vice versa."""
        parts = [p for p in parts if p]
        while parts:
            shaped = [self.visual(p, "R" if self.rtl else direction_of(p)) for p in parts]
            joined = separator.join(shaped[::-1] if self.rtl else shaped)
            if self._measure(joined) <= w or len(parts) == 1 and len(parts[0]) <= 2:
                self._draw(joined, x, y, w, h, "R" if self.rtl else "L")
                return
            parts[-1] = _shorter(parts[-1])
            if not parts[-1].rstrip("…"):
                parts.pop()


def _shorter(logical: str) -> str:
    """One word (or, for a single word, one character) less, ending in an ellipsis."""
    body = logical.rstrip("…").rstrip()
    words = body.split()
    return (" ".join(words[:-1]) if len(words) > 1 else body[:-1]) + "…"


def _ellipsis(page: _Page, lines: list[str], w: float, direction: str | None) -> list[str]:
    last = lines[-1]
    while last and page.width_of(last + "…", direction) > w:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return lines[:-1] + [last + "…"]


def _figure_boxes(page: _Page, figures: dict, lang: str, label, y: float) -> float:
    gap, h = 2.0, 18.0
    w = (WIDTH - 5 * gap) / 6
    latest = figures["latest_troops"]
    boxes = [(text("m_" + key, lang), f"{figures[key]:,}", []) for key in ("incidents", "attacks", "strikes", "killed", "wounded")]
    if latest:
        where = [plain(label("location", latest["location"]), 60), plain(latest["date"], 12)]
        boxes.append((text("m_troops", lang), f"{int(latest['value']):,}", [[label("qualifier", latest["qualifier"])], where]))
    else:
        boxes.append((text("m_troops", lang), text("m_troops_none", lang), []))
    pdf = page.pdf
    for i, (name, value, detail) in enumerate(boxes):
        x = MARGIN + WIDTH - (i + 1) * w - i * gap if page.rtl else MARGIN + i * (w + gap)
        pdf.set_fill_color(*BOX)
        pdf.rect(x, y, w, h, style="F")
        inner_x, inner_w = x + 2, w - 4
        page.font(7.2, colour=GREY)
        page.fields([name], inner_x, y + 1.2, inner_w, 3.6)
        page.font(14, bold=True)
        page.line(value, inner_x, y + 4.8, inner_w, 6.5)
        page.font(6.2, colour=GREY)
        for row, parts in enumerate(detail):
            page.fields(parts, inner_x, y + 11.6 + 2.9 * row, inner_w, 2.9)
    return y + h


def _incident_entry(page: _Page, row, index: int, lang: str, label, y: float) -> float:
    pdf = page.pdf
    number_w = 6.0
    x = MARGIN if page.rtl else MARGIN + number_w
    w = WIDTH - number_w
    page.font(8, bold=True)
    page.line(str(index), MARGIN + WIDTH - number_w if page.rtl else MARGIN, y, number_w, 3.8,
              align="R" if page.rtl else "L")
    killed, wounded = _number(row.killed), _number(row.wounded)
    page.fields([plain(row.date, 12), label("event_type", row.event_type), plain(label("factions", row.factions), 160),
                 plain(label("place", row.place), 80),
                 text("killed_n", lang, n=f"{killed:,}") if killed is not None else "",
                 text("wounded_n", lang, n=f"{wounded:,}") if wounded is not None else ""], x, y, w, 3.8)
    y += 3.8
    page.font(7.2, colour=GREY)
    published = plain(row.published, 12)
    # a date Rasid inferred from the text is an estimate, never shown as the outlet's own
    said = "published_inferred" if getattr(row, "published_source", "") == "inferred" else "published"
    page.fields([plain(row.source, 80) or text("no_source", lang),
                 text(said, lang, date=published) if published else ""], x, y, w, 3.3)
    y += 3.3
    quote = plain(row.quote, 600)
    if quote:
        page.font(7.6)
        direction = direction_of(quote)
        for line in page.wrap(quote, w, QUOTE_LINES, direction):
            page.line(line, x, y, w, 3.4, direction=direction)
            y += 3.4
    pdf.set_draw_color(*RULE)
    pdf.line(MARGIN, y + 0.8, MARGIN + WIDTH, y + 0.8)
    return y + 1.6


def briefing_pdf(incidents: pd.DataFrame, troops: pd.DataFrame, articles: pd.DataFrame, filters_words: str, lang: str,
                 label: Callable[[str, str], str], made: dt.date | None = None, fonts: Fonts | None = None) -> bytes:
    """The briefing of a view: `incidents` and `troops` already filtered (components.query), `articles` for the
    sources, the filters in words ('' for none), label(column, value) for names and codes in `lang`."""
    fonts = fonts or find_fonts()
    made = made or dt.date.today()
    page = _Page(lang, fonts, made)
    pdf = page.pdf
    pdf.set_title(text("title", lang))
    y = MARGIN

    page.font(16, bold=True)
    page.line(text("title", lang), MARGIN, y, WIDTH, 7.5)
    y += 7.5
    page.font(7.6, colour=GREY)
    page.fields([text("app_subtitle", lang), text("made_on", lang, date=made.isoformat())], MARGIN, y, WIDTH, 4)
    y += 5
    page.font(8.6)
    for line in page.wrap(text("filters", lang, words=plain(filters_words, 600) or text("no_filter", lang)), WIDTH, 2):
        page.line(line, MARGIN, y, WIDTH, 4.2)
        y += 4.2
    y += 1.5

    y = _figure_boxes(page, query.headline(incidents, troops), lang, label, y)
    page.font(6.8, colour=GREY)
    page.line(text("events_note", lang), MARGIN, y + 0.8, WIDTH, 3.4)
    y += 5.5

    table, freq, left_out = chart_counts(incidents)
    page.font(10, bold=True)
    page.line(text("counts_title", lang, freq=text("per_" + freq, lang)), MARGIN, y, WIDTH, 5)
    y += 5.5
    if len(table):
        pdf.image(io.BytesIO(chart_png(table, lang, label, fonts)), x=MARGIN, y=y, w=WIDTH, h=CHART_H)
        y += CHART_H
    else:
        page.font(8, colour=GREY)
        page.line(text("no_chart", lang), MARGIN, y, WIDTH, 4)
        y += 5
    if left_out and len(table):
        page.font(6.8, colour=GREY)
        page.line(text("undated_" + freq, lang, n=f"{left_out:,}"), MARGIN, y + 0.5, WIDTH, 3.4)
    y += 5

    page.font(10, bold=True)
    page.line(text("latest_incidents", lang), MARGIN, y, WIDTH, 5)
    y += 6
    latest = query.with_sources(query.latest_incidents(incidents, LATEST_N), articles)
    if "published_source" in articles.columns and "published_source" not in latest.columns:
        latest = latest.join(articles.drop_duplicates("article_id").set_index("article_id")["published_source"], on="article_id")
    if latest.empty:
        page.font(8, colour=GREY)
        page.line(text("no_incidents", lang), MARGIN, y, WIDTH, 4)
    for index, row in enumerate(latest.itertuples(index=False), start=1):
        y = _incident_entry(page, row, index, lang, label, y)
    if y > PAGE_H - MARGIN / 2:
        raise RuntimeError(f"briefing layout overflows the page ({y:.1f} mm)")
    return bytes(pdf.output())
