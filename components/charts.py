"""DataFrame -> Plotly figure for every chart, laid out right to left in Arabic (shared/RTL_RULES.md); no Streamlit."""
from __future__ import annotations

import html
import re
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.query import parse_dates
from components.safe import strip_bidi

FONT_FAMILY = '"Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans", sans-serif'
RLI, PDI = "\u2067", "\u2069"
ARABIC_OR_SPACE = re.compile(r"^[\u0600-\u06FF\u0750-\u077F\s]*$")
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
# troop colours avoid the attack red and strike navy of the bars they sit under
TROOP_PALETTE = ["#8e44ad", "#16a085", "#d35400", "#2980b9", "#7f8c8d", "#c2185b", "#827717"]
DAY_MS = 86_400_000
PERIOD_STEP = {"month": pd.DateOffset(months=1), "year": pd.DateOffset(years=1)}
# a time axis shows at least this many periods, so one lone event reads as one month (or year) among others
MIN_PERIODS = {"month": 12, "year": 6}
# tick labels never less precise than the spacing of the ticks, so no two read the same at any zoom
DATE_TICK_FORMATS = [
    {"dtickrange": [None, 20 * DAY_MS], "value": "%Y-%m-%d"},
    {"dtickrange": [20 * DAY_MS, 300 * DAY_MS], "value": "%Y-%m"},
    {"dtickrange": [300 * DAY_MS, None], "value": "%Y"},
]
EVENT_COLOURS = {"attack": "#c0392b", "strike": "#2c3e50", "other": "#95a5a6"}
QUALIFIER_SYMBOLS = {"exact": "circle", "approx": "diamond", "less_than": "triangle-down",
                     "more_than": "triangle-up", "at_least": "triangle-up"}
# a bound is drawn as a bar at the stated figure with an arrow towards where the real number lies
BOUND_DIRECTIONS = {"less_than": -1, "more_than": 1, "at_least": 1}
# white hatching over the bar's own colour: the intercepted part of a stack
INTERCEPTED_PATTERN = {"shape": "/", "fillmode": "overlay", "fgcolor": "white", "fgopacity": 0.85, "size": 7, "solidity": 0.3}
# the plotly modebar (26 px, top right, shown on hover) would cover a right-aligned Arabic title: the title starts below it
TOOLBAR_BAND = 38


def isolate(label: str, lang: str) -> str:
    """Wraps a mixed Arabic display label in a right-to-left isolate so plotly.js keeps its order."""
    if lang != "ar" or not label or ARABIC_OR_SPACE.match(label):
        return label
    return RLI + label + PDI


def plot_text(text) -> str:
    """Text for any part of a figure: plotly.js reads tags in it (a name from an article such as <a href=...> would become
    a link), so < > & are escaped, and bidi controls are stripped (display only). Quotes stay as they are: plotly.js
    decodes &lt; &gt; &amp; but shows &quot; literally."""
    return html.escape(strip_bidi(text), quote=False)


def plot_label(text, lang: str) -> str:
    """A whole display label (legend entry, title, axis title): plain text, then isolated for Arabic."""
    return isolate(plot_text(text), lang)


def hover_text(text: str, width: int = 60) -> str:
    """Untrusted text for a hover box: plain text, wrapped."""
    return "<br>".join(plot_text(line) for line in textwrap.wrap(str(text or ""), width)) or "—"


def rtl_layout(fig: go.Figure, lang: str, title: str, height: int = 420, legend_rows: int = 1) -> go.Figure:
    """Title, legend, y axis and hover on the reading side; the title below the toolbars, title and legend stacked above
    the plot, never over it."""
    arabic = lang == "ar"
    side = {"x": 1 if arabic else 0, "xanchor": "right" if arabic else "left"}
    # positions in pixels from the top, as fractions of the figure: toolbar band, title, the legend rows, then the plot
    legend_top = TOOLBAR_BAND + 36
    plot_top = legend_top + 24 * legend_rows + 16
    fig.update_layout(
        title={"text": plot_label(title, lang), "yref": "container", "y": 1 - TOOLBAR_BAND / height, "yanchor": "top",
               "pad": {"t": 4}, **side},
        font={"family": FONT_FAMILY, "size": 13},
        legend={"orientation": "h", "yref": "container", "y": 1 - legend_top / height, "yanchor": "top", **side},
        hoverlabel={"align": "right" if arabic else "left", "font": {"family": FONT_FAMILY}},
        margin={"t": plot_top, "l": 50, "r": 50, "b": 40}, height=height, bargap=0.15,
    )
    fig.update_yaxes(side="right" if arabic else "left")
    return fig


def integer_ticks(fig: go.Figure, largest: float, **where) -> None:
    """Counts are whole: small ranges would otherwise get ticks at 0.2, 0.4 ..."""
    if largest <= 6:
        fig.update_yaxes(dtick=1, **where)
    fig.update_yaxes(tickformat=",d", rangemode="tozero", **where)


UNKNOWN_COLOUR = "#b3b3b3"
# after the first ten, ten more that none of them resembles (so an eleventh faction never wears the first's colour)
MORE_COLOURS = ["#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363"]


def _colours(groups: list[str], palette: list[str] = PALETTE) -> dict[str, str]:
    """One colour per group, 'unknown' always grey; colours repeat only past twenty groups."""
    colours = palette + [c for c in MORE_COLOURS if c not in palette]
    named = [g for g in groups if g not in ("unknown", "")]
    out = {g: colours[i % len(colours)] for i, g in enumerate(named)}
    out.update({g: UNKNOWN_COLOUR for g in groups if g in ("unknown", "")})
    return out


def period_starts(periods: pd.Series) -> pd.Series:
    """'2024-01' or '2024' -> the first day of that month or year."""
    return parse_dates(pd.Series(periods).astype(str))  # each distinct period parsed once


def period_widths(starts: pd.Series, freq: str) -> list[float]:
    """Each period's length in milliseconds (a bar on a date axis is as wide as its month or year: 28 to 366 days)."""
    ends = starts + PERIOD_STEP[freq]
    return [(end - start).total_seconds() * 1000 for start, end in zip(starts, ends)]


def _periods_between(first: pd.Timestamp, last: pd.Timestamp, freq: str) -> int:
    years = last.year - first.year
    return years if freq == "year" else years * 12 + last.month - first.month


def period_range(starts: pd.Series, freq: str, others: pd.Series | None = None) -> list[str] | None:
    """The x range of a chart of periods: every period with one period of air on each side, at least MIN_PERIODS wide,
    and reaching any other dates on the same axis (troop figures)."""
    dates = pd.concat([starts.dropna(), (starts + PERIOD_STEP[freq]).dropna(), *([] if others is None else [others.dropna()])])
    if dates.empty:
        return None
    step = PERIOD_STEP[freq]
    anchor = (lambda d: pd.Timestamp(d.year, 1, 1)) if freq == "year" else (lambda d: pd.Timestamp(d.year, d.month, 1))
    first = anchor(dates.min()) - step
    last = anchor(dates.max()) + step
    if dates.max() != anchor(dates.max()):  # a troop figure inside a period: that period is shown whole
        last += step
    short = MIN_PERIODS[freq] - _periods_between(first, last, freq)
    if short > 0:
        first -= step * (short // 2)
        last += step * (short - short // 2)
    return [first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")]


def period_axis(fig: go.Figure, freq: str, x_range: list[str] | None, **where) -> None:
    """A date axis for bars that span their period: labels unique at any zoom, each on the gridline where its month or year
    starts, so a bar begins at the label of its period (labels mid-period would drop the last, partly shown period's)."""
    fig.update_xaxes(type="date", tickformatstops=DATE_TICK_FORMATS, showgrid=True, gridcolor="#e6e6e6", **where)
    if x_range:
        fig.update_xaxes(range=x_range, **where)


def add_period_bars(fig: go.Figure, rows: pd.DataFrame, freq: str, name: str, colour: str, legendgroup: str,
                    showlegend: bool, intercepted_word: str, **where) -> None:
    """Bars spanning their period (x = its first day, offset 0, width = its length); the intercepted part hatched."""
    starts = period_starts(rows["period"])
    widths = pd.Series(period_widths(starts, freq), index=rows.index)
    intercepted = rows["intercepted"] if "intercepted" in rows else pd.Series(0, index=rows.index)
    when = "%{x|" + ("%Y" if freq == "year" else "%Y-%m") + "}"
    parts = [(rows["events"] - intercepted, {}, ": %{customdata}"),
             (intercepted, {"pattern": INTERCEPTED_PATTERN}, ": %{y} " + plot_text(intercepted_word))]
    for heights, pattern, hover in parts:
        drawn = heights > 0
        if not drawn.any():
            continue
        fig.add_trace(go.Bar(
            x=starts[drawn], y=heights[drawn], width=widths[drawn].tolist(), offset=0, name=name, legendgroup=legendgroup,
            showlegend=showlegend, marker={"color": colour, "line": {"width": 0}, **pattern}, customdata=rows.loc[drawn, "events"],
            hovertemplate=when + hover + "<extra>%{fullData.name}</extra>",
        ), **where)
        showlegend = False


def _intercepted_legend(fig: go.Figure, counts: pd.DataFrame, lang: str, word: str) -> int:
    """One grey hatched legend entry saying what the hatching means, when some events were intercepted."""
    if "intercepted" not in counts or counts["intercepted"].sum() == 0:
        return 0
    fig.add_trace(go.Bar(x=[None], y=[None], name=plot_label(word, lang), hoverinfo="skip",
                         marker={"color": "#8a8a8a", "pattern": INTERCEPTED_PATTERN}))
    return 1


def counts_chart(counts: pd.DataFrame, freq: str, stack: str, lang: str, title: str, label, axis_title: str) -> go.Figure:
    """Stacked bars of events per period, one row per event type, one colour per group (faction or weapon)."""
    types = [t for t in ("attack", "strike", "other") if t in set(counts["event_type"])] or ["attack"]
    fig = make_subplots(rows=len(types), cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        subplot_titles=[plot_label(label("event_type", t), lang) for t in types])
    colours = _colours(sorted(set(counts["group"])))
    intercepted_word = label("outcome", "intercepted")
    shown: set[str] = set()
    for row, event_type in enumerate(types, start=1):
        part = counts[counts["event_type"] == event_type]
        for group, rows in part.groupby("group", sort=True):
            add_period_bars(fig, rows, freq, plot_label(label(stack, group), lang), colours[group], group, group not in shown,
                            intercepted_word, row=row, col=1)
            shown.add(group)
        stacked = part.groupby("period")["events"].sum()
        integer_ticks(fig, stacked.max() if len(stacked) else 0, row=row, col=1)
    entries = len(shown) + _intercepted_legend(fig, counts, lang, intercepted_word)
    fig.update_layout(barmode="stack")
    period_axis(fig, freq, period_range(period_starts(counts["period"]), freq))
    fig.update_yaxes(title_text=plot_label(axis_title, lang))
    if lang == "ar":
        fig.update_annotations(x=1, xanchor="right")
    # one more row of headroom: the first subplot title sits between the legend and the plot
    return rtl_layout(fig, lang, title, height=260 + 170 * len(types), legend_rows=_legend_rows(entries) + 1)


def _legend_rows(entries: int, per_row: int = 6) -> int:
    return max(1, -(-entries // per_row))


def _troop_hover(series: pd.DataFrame, label) -> list[str]:
    return [
        f"<b>{int(r.value):,}</b> · {plot_text(label('qualifier', r.qualifier))} · {plot_text(label('kind', r.kind))}"
        f"<br>{plot_text(r.date)} · {plot_text(label('location', r.location))}"
        f"<br>{hover_text(r.quote)}<br><i>{plot_text(str(r.source) or str(r.article_id))}</i>"
        + (f"<br>(1 / {int(r.n_figures):,})" if int(getattr(r, "n_figures", 1) or 1) > 1 else "")
        for r in series.itertuples()
    ]


def _qualifier_legend(fig: go.Figure, lang: str, label, present: set[str], **where) -> int:
    """Grey legend-only markers that say what each marker shape means (bounds: the arrowhead)."""
    added = 0
    for qualifier, symbol in QUALIFIER_SYMBOLS.items():
        if qualifier not in present:
            continue
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", marker={"symbol": symbol, "size": 11, "color": "#666"},
            name=plot_label(label("qualifier", qualifier), lang), hoverinfo="skip",
        ), **where)
        added += 1
    return added


def add_troop_traces(fig: go.Figure, series: pd.DataFrame, lang: str, colour_by: str, label, arrow: float,
                     colours: dict[str, str], legend: bool = True, **where) -> None:
    """Figures as markers (shape = qualifier, open = not a standing level), standing levels joined by a step line;
    a bound ('under 3000') as a bar at the figure with an arrow of length `arrow` towards where the number lies, kept
    off the level line, which joins stated and approximate levels only."""
    for group in sorted(set(series[colour_by].replace("", "unknown"))):
        rows = series[series[colour_by].replace("", "unknown") == group]
        colour = colours[group]
        if legend:
            fig.add_trace(go.Scatter(
                x=[None], y=[None], mode="markers", name=plot_label(label(colour_by, group), lang), legendgroup=group,
                marker={"symbol": "square", "size": 11, "color": colour}, hoverinfo="skip",
            ), **where)
        direction = rows["qualifier"].map(BOUND_DIRECTIONS).fillna(0)
        points, bounds = rows[direction == 0], rows[direction != 0]
        if len(points):
            symbols = [QUALIFIER_SYMBOLS.get(q, "circle") + ("" if k == "level" else "-open")
                       for q, k in zip(points["qualifier"], points["kind"])]
            fig.add_trace(go.Scatter(
                x=points["when"], y=points["value"].astype(float), mode="markers", name=plot_label(label(colour_by, group), lang),
                legendgroup=group, showlegend=False,
                marker={"symbol": symbols, "size": 12, "color": colour, "line": {"width": 2, "color": colour}},
                text=_troop_hover(points, label), hovertemplate="%{text}<extra></extra>",
            ), **where)
        if len(bounds):
            down = direction[direction != 0] < 0
            values = bounds["value"].astype(float)
            fig.add_trace(go.Scatter(
                x=bounds["when"], y=values, mode="markers", name=plot_label(label(colour_by, group), lang),
                legendgroup=group, showlegend=False,
                marker={"symbol": ["line-ew"] * len(bounds), "size": 16, "color": colour, "line": {"width": 3, "color": colour}},
                error_y={"type": "data", "symmetric": False, "array": [0 if d else arrow for d in down],
                         "arrayminus": [arrow if d else 0 for d in down], "width": 0, "thickness": 2, "color": colour},
                text=_troop_hover(bounds, label), hovertemplate="%{text}<extra></extra>",
            ), **where)
            fig.add_trace(go.Scatter(
                x=bounds["when"], y=[v - arrow if d else v + arrow for v, d in zip(values, down)], mode="markers",
                legendgroup=group, showlegend=False, hoverinfo="skip",
                marker={"symbol": ["triangle-down" if d else "triangle-up" for d in down], "size": 10, "color": colour},
            ), **where)
        # one line per place: coloured by force or kind, Syria's 900 must not join Iraq's 2,400
        for _, levels in points[points["kind"] == "level"].groupby("location", sort=True):
            if len(levels) > 1:
                fig.add_trace(go.Scatter(
                    x=levels["when"], y=levels["value"].astype(float), mode="lines", line_shape="hv",
                    line={"color": colour, "width": 1.5, "dash": "dot"}, legendgroup=group, showlegend=False, hoverinfo="skip",
                ), **where)


def _arrow_length(series: pd.DataFrame) -> float:
    """A bound's arrow: an eighth of the largest figure, long enough to see, short of the axis."""
    largest = series["value"].astype(float).max() if len(series) else 0
    return max(float(largest) / 8, 1.0) if pd.notna(largest) else 1.0


HISTORY_YEARS = 8  # troop figures more than this many years older than the newest are history: outside the first view


def history_cut(when: pd.Series) -> pd.Timestamp | None:
    """The date before which troop figures are history ('ذروته عام 2007 حين وصل إلى نحو 170 ألف'), or None when every
    figure is recent. Such a figure would flatten every recent level to the axis; the chart opens after it."""
    when = pd.to_datetime(when, errors="coerce").dropna()
    if when.empty:
        return None
    cut = when.max() - pd.DateOffset(years=HISTORY_YEARS)
    return cut if (when < cut).any() else None


def _since(series: pd.DataFrame, cut: pd.Timestamp | None) -> pd.DataFrame:
    """The figures from `cut` on (all of them when there is no cut)."""
    return series if cut is None else series[pd.to_datetime(series["when"], errors="coerce") >= cut]


def _fit_y(fig: go.Figure, recent: pd.DataFrame, rows: list[int]) -> None:
    """Each listed panel's y axis from 0 to a little over the largest of `recent`."""
    top = recent["value"].astype(float).max() if len(recent) else None
    if top is not None and pd.notna(top):
        for row in rows:
            fig.update_yaxes(range=[0, top * 1.2], row=row, col=1)


def _open_after(fig: go.Figure, series: pd.DataFrame, cut: pd.Timestamp | None, rows: int = 1) -> int:
    """Start the x axis at `cut` and fit each panel's y axis to the figures after it; return how many are before."""
    if cut is None:
        return 0
    when = pd.to_datetime(series["when"], errors="coerce")
    last = when.max() + pd.DateOffset(months=6)
    fig.update_xaxes(range=[cut.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")])
    _fit_y(fig, _since(series, cut), list(range(1, rows + 1)))
    return int((when < cut).sum())


def troops_chart(series: pd.DataFrame, lang: str, title: str, colour_by: str, label, axis_title: str,
                 panel_titles: tuple[str, str] = ("", "")) -> go.Figure:
    """Standing levels in one panel; withdrawals, deployments and plans in another below, so a plan of 3000 never sits on
    (or hides) a level of 3000."""
    is_level = series["kind"] == "level"
    panels = [(rows, name) for rows, name in ((series[is_level], panel_titles[0]), (series[~is_level], panel_titles[1]))
              if len(rows)] or [(series, panel_titles[0])]
    fig = make_subplots(rows=len(panels), cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        row_heights=[0.62, 0.38] if len(panels) == 2 else None,
                        subplot_titles=[plot_label(name, lang) for _, name in panels] if any(n for _, n in panels) else None)
    groups = sorted(set(series[colour_by].replace("", "unknown")))
    colours = _colours(groups, TROOP_PALETTE)
    cut = history_cut(series["when"])  # a bound's arrow is sized to the figures in view
    arrow = _arrow_length(_since(series, cut))
    for row, (rows, _) in enumerate(panels, start=1):
        add_troop_traces(fig, rows, lang, colour_by, label, arrow, colours, legend=False, row=row, col=1)
        fig.update_yaxes(rangemode="tozero", tickformat=",d", row=row, col=1)
    for group in groups:
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=plot_label(label(colour_by, group), lang), legendgroup=group,
            marker={"symbol": "square", "size": 11, "color": colours[group]}, hoverinfo="skip",
        ), row=1, col=1)
    entries = len(groups) + _qualifier_legend(fig, lang, label, set(series["qualifier"]), row=1, col=1)
    fig.update_xaxes(type="date")
    # a figure of long ago (2007's 170,000) opens outside the view: zooming out shows it
    fig.layout.meta = {"history": _open_after(fig, series, cut, rows=len(panels))}
    fig.update_yaxes(title_text=plot_label(axis_title, lang))
    if lang == "ar":
        fig.update_annotations(x=1, xanchor="right")
    extra_row = 1 if any(n for _, n in panels) else 0
    return rtl_layout(fig, lang, title, height=420 + 160 * (len(panels) - 1), legend_rows=_legend_rows(entries) + extra_row)


def timeline_chart(monthly: pd.DataFrame, series: pd.DataFrame, lang: str, title: str, label, axis_titles: tuple[str, str]) -> go.Figure:
    """Events per month (attacks and strikes) above the standing troop level, on one time axis."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.06, row_heights=[0.6, 0.4])
    intercepted_word = label("outcome", "intercepted")
    for event_type, rows in monthly.groupby("event_type", sort=True):
        add_period_bars(fig, rows, "month", plot_label(label("event_type", event_type), lang), EVENT_COLOURS.get(event_type, "#999"),
                        event_type, True, intercepted_word, row=1, col=1)
    levels = series[series["kind"] == "level"]
    colours = _colours(sorted(set(levels["location"].replace("", "unknown"))), TROOP_PALETTE)
    cut = history_cut(levels["when"])
    recent_levels = _since(levels, cut)
    add_troop_traces(fig, levels, lang, "location", label, _arrow_length(recent_levels), colours, row=2, col=1)
    entries = (monthly["event_type"].nunique() + _intercepted_legend(fig, monthly, lang, intercepted_word) + len(colours)
               + _qualifier_legend(fig, lang, label, set(levels["qualifier"]), row=2, col=1))
    fig.update_layout(barmode="stack")
    period_axis(fig, "month", period_range(period_starts(monthly["period"]), "month", recent_levels["when"]))
    if cut is not None:
        _fit_y(fig, recent_levels, [2])
    fig.layout.meta = {"history": 0 if cut is None else len(levels) - len(recent_levels)}
    monthly_totals = monthly.groupby("period")["events"].sum()
    integer_ticks(fig, monthly_totals.max() if len(monthly_totals) else 0, row=1, col=1)
    fig.update_yaxes(title_text=plot_label(axis_titles[0], lang), row=1, col=1)
    fig.update_yaxes(title_text=plot_label(axis_titles[1], lang), row=2, col=1, rangemode="tozero", tickformat=",d")
    return rtl_layout(fig, lang, title, height=580, legend_rows=_legend_rows(entries))


def mentions_chart(per_year: pd.DataFrame, lang: str, title: str, label, axis_title: str) -> go.Figure:
    """Mentions per publication year, one bar per actor side by side, the group of bars as wide as its year."""
    fig = go.Figure()
    actors = sorted(set(per_year["entity_id"]))
    colours = _colours(actors)
    for i, (entity_id, rows) in enumerate(per_year.groupby("entity_id", sort=True)):
        starts = period_starts(rows["year"])
        share = [w / len(actors) for w in period_widths(starts, "year")]
        fig.add_trace(go.Bar(
            x=starts, y=rows["mentions"], name=plot_label(label("actor_id", entity_id), lang), marker_color=colours[entity_id],
            width=share, offset=[w * i for w in share], hovertemplate="%{x|%Y}: %{y}<extra>%{fullData.name}</extra>",
        ))
    fig.update_layout(barmode="overlay")
    period_axis(fig, "year", period_range(period_starts(per_year["year"]), "year"))
    integer_ticks(fig, per_year["mentions"].max() if len(per_year) else 0)
    fig.update_yaxes(title_text=plot_label(axis_title, lang))
    return rtl_layout(fig, lang, title, height=400, legend_rows=_legend_rows(len(actors)))
