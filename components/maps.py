"""Places and incidents -> an offline Plotly geo map of Iraq, Syria and Jordan; no Streamlit."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.charts import EVENT_COLOURS, PALETTE, plot_label, plot_text, rtl_layout

# Served by Streamlit's static folder (static/topojson/, see NOTE.md there): plotly.js would fetch it from a CDN otherwise.
TOPOJSON_URL = "/app/static/topojson/"
PLOTLY_CONFIG = {"topojsonURL": TOPOJSON_URL, "displaylogo": False}


def _sizes(counts: pd.Series, largest: int) -> np.ndarray:
    return 8 + 34 * np.sqrt(counts.to_numpy(dtype=float) / max(largest, 1))


def _hover(rows: pd.DataFrame, label, count_label) -> list[str]:
    reports = rows["n_event_articles"] if "n_event_articles" in rows else pd.Series(pd.NA, index=rows.index)
    return [
        f"<b>{plot_text(label('place', r.name_en))}</b> · {plot_text(label('country', r.country))}"
        f"<br>{plot_text(count_label('events'))}: {r.events} · {plot_text(count_label('attacks'))}: {r.attacks}"
        f" · {plot_text(count_label('strikes'))}: {r.strikes}"
        + (f"<br>{plot_text(count_label('n_event_articles'))}: {int(n)}" if pd.notna(n) and n else "")
        for r, n in zip(rows.itertuples(), reports)
    ]


def incident_map(places: pd.DataFrame, lang: str, title: str, colour_by: str, label, count_label, base_label: str) -> go.Figure:
    """The places incidents happened at (query.place_counts: event places, not every place an article names), sized by
    events; coloured by country, or split into attacks and strikes; bases with no event stay visible as grey squares."""
    located = places.dropna(subset=["lat", "lon"])
    largest = int(located["events"].max()) if len(located) else 1
    fig = go.Figure()
    quiet_bases = located[(located["events"] == 0) & (located["place_type"] == "base")]
    fig.add_trace(go.Scattergeo(
        lat=quiet_bases["lat"], lon=quiet_bases["lon"], mode="markers", name=plot_label(base_label, lang),
        marker={"size": 9, "symbol": "square-open", "color": "#555"},
        text=_hover(quiet_bases, label, count_label), hovertemplate="%{text}<extra></extra>",
    ))
    active = located[located["events"] > 0]
    if colour_by == "country":
        for i, (country, rows) in enumerate(active.groupby("country", sort=True)):
            fig.add_trace(go.Scattergeo(
                lat=rows["lat"], lon=rows["lon"], mode="markers", name=plot_label(label("country", country), lang),
                marker={"size": _sizes(rows["events"], largest), "color": PALETTE[i % len(PALETTE)], "opacity": 0.75,
                        "line": {"width": 1, "color": "white"}},
                text=_hover(rows, label, count_label), hovertemplate="%{text}<extra></extra>",
            ))
    else:
        for event_type in ("attack", "strike"):
            rows = active[active[event_type + "s"] > 0]
            fig.add_trace(go.Scattergeo(
                lat=rows["lat"], lon=rows["lon"], mode="markers", name=plot_label(label("event_type", event_type), lang),
                marker={"size": _sizes(rows[event_type + "s"], largest), "color": EVENT_COLOURS[event_type], "opacity": 0.6,
                        "line": {"width": 1, "color": "white"}},
                text=_hover(rows, label, count_label), hovertemplate="%{text}<extra></extra>",
            ))
    fig.update_geos(
        resolution=50, projection_type="mercator", lonaxis_range=[34.5, 49.5], lataxis_range=[28.5, 38.5],
        showcountries=True, countrycolor="#6b6b6b", countrywidth=1, showcoastlines=True, coastlinecolor="#9aa",
        showland=True, landcolor="#f4f1ea", showocean=True, oceancolor="#dfeaf2", showlakes=False, showframe=False,
    )
    fig = rtl_layout(fig, lang, title, height=600, legend_rows=2)
    fig.update_layout(margin={"l": 10, "r": 10, "b": 10})
    return fig
