"""DataFrame -> Plotly figure for every chart, laid out right to left in Arabic (shared/RTL_RULES.md); no Streamlit."""
from __future__ import annotations

import html
import re
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.safe import strip_bidi

FONT_FAMILY = '"Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans", sans-serif'
RLI, PDI = "\u2067", "\u2069"
ARABIC_OR_SPACE = re.compile(r"^[\u0600-\u06FF\u0750-\u077F\s]*$")
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
# troop colours avoid the attack red and strike navy of the bars they sit under
TROOP_PALETTE = ["#8e44ad", "#16a085", "#d35400", "#2980b9", "#7f8c8d", "#c2185b", "#827717"]
# bars on a date axis get a fixed width, else one lone month is drawn as wide as the gap to its neighbour
DAY_MS = 86_400_000
BAR_WIDTH = {"month": 25 * DAY_MS, "year": 300 * DAY_MS}
EVENT_COLOURS = {"attack": "#c0392b", "strike": "#2c3e50", "other": "#95a5a6"}
QUALIFIER_SYMBOLS = {"exact": "circle", "approx": "diamond", "less_than": "triangle-down",
                     "more_than": "triangle-up", "at_least": "triangle-up"}


def isolate(label: str, lang: str) -> str:
    """Wraps a mixed Arabic display label in a right-to-left isolate so plotly.js keeps its order."""
    if lang != "ar" or not label or ARABIC_OR_SPACE.match(label):
        return label
    return RLI + label + PDI


def plot_text(text) -> str:
    """Text for any part of a figure: plotly.js reads tags in it (a name from an article such as <a href=...> would become
    a link), so < > & are escaped, and bidi controls are stripped (display only)."""
    return html.escape(strip_bidi(text), quote=False)


def plot_label(text, lang: str) -> str:
    """A whole display label (legend entry, title, axis title): plain text, then isolated for Arabic."""
    return isolate(plot_text(text), lang)


def hover_text(text: str, width: int = 60) -> str:
    """Untrusted text for a hover box: plain text, wrapped."""
    return "<br>".join(plot_text(line) for line in textwrap.wrap(str(text or ""), width)) or "—"


def rtl_layout(fig: go.Figure, lang: str, title: str, height: int = 420, legend_rows: int = 1) -> go.Figure:
    """Title, legend, y axis and hover on the reading side; title and legend stacked above the plot, never over it."""
    arabic = lang == "ar"
    side = {"x": 1 if arabic else 0, "xanchor": "right" if arabic else "left"}
    # positions in pixels from the top, as fractions of the figure: title, then the legend rows, then the plot
    legend_top = 44
    plot_top = legend_top + 24 * legend_rows + 16
    fig.update_layout(
        title={"text": plot_label(title, lang), "yref": "container", "y": 1 - 12 / height, "yanchor": "top", **side},
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


def _colours(groups: list[str], palette: list[str] = PALETTE) -> dict[str, str]:
    return {g: palette[i % len(palette)] for i, g in enumerate(groups)}


def _period_dates(periods: pd.Series) -> pd.Series:
    return pd.to_datetime(periods, format="mixed", errors="coerce")


def counts_chart(counts: pd.DataFrame, freq: str, stack: str, lang: str, title: str, label, axis_title: str) -> go.Figure:
    """Stacked bars of events per period, one row per event type, one colour per group (faction or weapon)."""
    types = [t for t in ("attack", "strike", "other") if t in set(counts["event_type"])] or ["attack"]
    fig = make_subplots(rows=len(types), cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        subplot_titles=[plot_label(label("event_type", t), lang) for t in types])
    colours = _colours(sorted(set(counts["group"])))
    shown: set[str] = set()
    for row, event_type in enumerate(types, start=1):
        part = counts[counts["event_type"] == event_type]
        for group, rows in part.groupby("group", sort=True):
            fig.add_trace(go.Bar(
                x=_period_dates(rows["period"]), y=rows["events"], name=plot_label(label(stack, group), lang),
                legendgroup=group, showlegend=group not in shown, marker_color=colours[group], width=BAR_WIDTH[freq],
                hovertemplate="%{x|" + ("%Y" if freq == "year" else "%Y-%m") + "}: %{y}<extra>%{fullData.name}</extra>",
            ), row=row, col=1)
            shown.add(group)
        stacked = part.groupby("period")["events"].sum()
        integer_ticks(fig, stacked.max() if len(stacked) else 0, row=row, col=1)
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="date", tickformat="%Y" if freq == "year" else "%Y-%m", dtick="M12" if freq == "year" else None)
    fig.update_yaxes(title_text=plot_label(axis_title, lang))
    if lang == "ar":
        fig.update_annotations(x=1, xanchor="right")
    # one more row of headroom: the first subplot title sits between the legend and the plot
    return rtl_layout(fig, lang, title, height=260 + 170 * len(types), legend_rows=_legend_rows(len(shown)) + 1)


def _legend_rows(entries: int, per_row: int = 6) -> int:
    return max(1, -(-entries // per_row))


def _troop_hover(series: pd.DataFrame, label) -> list[str]:
    return [
        f"<b>{int(r.value):,}</b> · {plot_text(label('qualifier', r.qualifier))} · {plot_text(label('kind', r.kind))}"
        f"<br>{plot_text(r.date)} · {plot_text(label('location', r.location))}"
        f"<br>{hover_text(r.quote)}<br><i>{plot_text(str(r.source) or str(r.article_id))}</i>"
        for r in series.itertuples()
    ]


def _qualifier_legend(fig: go.Figure, lang: str, label, present: set[str], **where) -> None:
    """Grey legend-only markers that say what each marker shape means."""
    for qualifier, symbol in QUALIFIER_SYMBOLS.items():
        if qualifier not in present:
            continue
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", marker={"symbol": symbol, "size": 11, "color": "#666"},
            name=plot_label(label("qualifier", qualifier), lang), hoverinfo="skip",
        ), **where)


def add_troop_traces(fig: go.Figure, series: pd.DataFrame, lang: str, colour_by: str, label, **where) -> int:
    """Standing levels as steps, other figures (withdrawal, deployment, plan) as open markers; shape = qualifier."""
    groups = sorted(set(series[colour_by].replace("", "unknown")))
    colours = _colours(groups, TROOP_PALETTE)
    for group in groups:
        rows = series[series[colour_by].replace("", "unknown") == group]
        levels = rows["kind"] == "level"
        symbols = [QUALIFIER_SYMBOLS.get(q, "circle") + ("" if lvl else "-open") for q, lvl in zip(rows["qualifier"], levels)]
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=plot_label(label(colour_by, group), lang), legendgroup=group,
            marker={"symbol": "square", "size": 11, "color": colours[group]}, hoverinfo="skip",
        ), **where)
        fig.add_trace(go.Scatter(
            x=rows["when"], y=rows["value"].astype(float), mode="markers", name=plot_label(label(colour_by, group), lang),
            legendgroup=group, showlegend=False, marker={"symbol": symbols, "size": 12, "color": colours[group], "line": {"width": 2, "color": colours[group]}},
            text=_troop_hover(rows, label), hovertemplate="%{text}<extra></extra>",
        ), **where)
        if levels.sum() > 1:
            fig.add_trace(go.Scatter(
                x=rows.loc[levels, "when"], y=rows.loc[levels, "value"].astype(float), mode="lines", line_shape="hv",
                line={"color": colours[group], "width": 1.5, "dash": "dot"}, legendgroup=group, showlegend=False, hoverinfo="skip",
            ), **where)
    _qualifier_legend(fig, lang, label, set(series["qualifier"]), **where)
    return len(groups) + len(set(series["qualifier"]))


def troops_chart(series: pd.DataFrame, lang: str, title: str, colour_by: str, label, axis_title: str) -> go.Figure:
    fig = go.Figure()
    entries = add_troop_traces(fig, series, lang, colour_by, label)
    fig.update_xaxes(type="date")
    fig.update_yaxes(title_text=plot_label(axis_title, lang), rangemode="tozero", tickformat=",d")
    return rtl_layout(fig, lang, title, height=480, legend_rows=_legend_rows(entries))


def timeline_chart(monthly: pd.DataFrame, series: pd.DataFrame, lang: str, title: str, label, axis_titles: tuple[str, str]) -> go.Figure:
    """Events per month (attacks and strikes) above the troop level, on one time axis."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.06, row_heights=[0.6, 0.4])
    for event_type, rows in monthly.groupby("event_type", sort=True):
        fig.add_trace(go.Bar(
            x=_period_dates(rows["period"]), y=rows["events"], name=plot_label(label("event_type", event_type), lang),
            marker_color=EVENT_COLOURS.get(event_type, "#999"), width=BAR_WIDTH["month"],
            hovertemplate="%{x|%Y-%m}: %{y}<extra>%{fullData.name}</extra>",
        ), row=1, col=1)
    entries = monthly["event_type"].nunique() + add_troop_traces(fig, series, lang, "location", label, row=2, col=1)
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="date")
    monthly_totals = monthly.groupby("period")["events"].sum()
    integer_ticks(fig, monthly_totals.max() if len(monthly_totals) else 0, row=1, col=1)
    fig.update_yaxes(title_text=plot_label(axis_titles[0], lang), row=1, col=1)
    fig.update_yaxes(title_text=plot_label(axis_titles[1], lang), row=2, col=1, rangemode="tozero", tickformat=",d")
    return rtl_layout(fig, lang, title, height=580, legend_rows=_legend_rows(entries))


def mentions_chart(per_year: pd.DataFrame, lang: str, title: str, label, axis_title: str) -> go.Figure:
    fig = go.Figure()
    colours = _colours(sorted(set(per_year["entity_id"])))
    for entity_id, rows in per_year.groupby("entity_id", sort=True):
        fig.add_trace(go.Bar(
            x=pd.to_datetime(rows["year"], format="%Y"), y=rows["mentions"], name=plot_label(label("actor_id", entity_id), lang),
            marker_color=colours[entity_id], width=BAR_WIDTH["year"] / max(per_year["entity_id"].nunique(), 1),
            hovertemplate="%{x|%Y}: %{y}<extra>%{fullData.name}</extra>",
        ))
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="date", tickformat="%Y", dtick="M12")
    integer_ticks(fig, per_year["mentions"].max() if len(per_year) else 0)
    fig.update_yaxes(title_text=plot_label(axis_title, lang))
    return rtl_layout(fig, lang, title, height=400, legend_rows=_legend_rows(per_year["entity_id"].nunique()))
