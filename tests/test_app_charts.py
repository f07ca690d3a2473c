"""Charts and the map: raw Arabic labels (never reshaped), right-to-left layout in Arabic, left-to-right in English."""
import json
from pathlib import Path

import plotly.io as pio
import pytest

from bench.synth_tables import make_tables
from components import charts, maps, query
from components.i18n import Names

PRESENTATION_FORMS = range(0xFB50, 0xFEFF)


@pytest.fixture(scope="module")
def tables():
    return make_tables(30, seed=5)


def figures(tables, lang):
    names = Names(tables["actors"], tables["places"], lang)
    incidents, troops = tables["incidents"], tables["troops"]
    series = query.troop_series(troops, tables["articles"])
    return {
        "counts": charts.counts_chart(query.event_counts(incidents, "month", "factions"), "month", "factions", lang,
                                      "الهجمات (شهرياً)" if lang == "ar" else "Attacks", names.label, "عدد الأحداث"),
        "timeline": charts.timeline_chart(query.event_counts(incidents, "month", "event_type"), series, lang, "العنوان",
                                          names.label, ("أحداث", "جنود")),
        "troops": charts.troops_chart(series, lang, "عدد القوات", "location", names.label, "جنود"),
        "map": maps.incident_map(query.place_counts(incidents, tables["places"]), lang, "الخريطة", "country", names.label,
                                 str, "قاعدة"),
    }


def all_text(fig) -> str:
    return json.dumps(json.loads(pio.to_json(fig)), ensure_ascii=False)


@pytest.mark.parametrize("name", ["counts", "timeline", "troops", "map"])
def test_arabic_labels_are_raw_not_reshaped(tables, name):
    fig = figures(tables, "ar")[name]
    text = all_text(fig)
    assert not any(ord(ch) in PRESENTATION_FORMS for ch in text)
    legend = {trace.name for trace in fig.data if trace.name}
    if name in ("counts", "map"):
        assert any("كتائب حزب الله" in label or "العراق" in label for label in legend), legend


@pytest.mark.parametrize("name", ["counts", "timeline", "troops", "map"])
def test_arabic_layout_reads_right_to_left(tables, name):
    layout = figures(tables, "ar")[name].layout
    assert (layout.title.x, layout.title.xanchor) == (1, "right")
    assert (layout.legend.orientation, layout.legend.x, layout.legend.xanchor) == ("h", 1, "right")
    assert layout.hoverlabel.align == "right"
    assert "Noto Sans Arabic" in layout.font.family
    if name != "map":
        assert layout.yaxis.side == "right"
        assert layout.xaxis.type == "date" and layout.xaxis.autorange != "reversed"  # time runs old to new


def test_english_layout_reads_left_to_right(tables):
    layout = figures(tables, "en")["counts"].layout
    assert (layout.title.x, layout.title.xanchor, layout.yaxis.side, layout.hoverlabel.align) == (0, "left", "left", "left")


def test_mixed_labels_are_isolated_whole_and_only_for_display():
    assert charts.isolate("تقرير CRS 2024", "ar") == "\u2067تقرير CRS 2024\u2069"
    assert charts.isolate("عدد الهجمات (%)", "ar").startswith("\u2067")
    assert charts.isolate("كتائب حزب الله", "ar") == "كتائب حزب الله"
    assert charts.isolate("Tower 22", "en") == "Tower 22"


def test_troop_markers_show_the_qualifier_and_the_legend_explains_them(tables):
    fig = figures(tables, "ar")["troops"]
    points = [t for t in fig.data if t.mode == "markers" and t.x is not None and len(t.x) and t.x[0] is not None]
    symbols = {s for t in points for s in t.marker.symbol}
    used = set(tables["troops"]["qualifier"])
    assert {charts.QUALIFIER_SYMBOLS[q] for q in used} <= {s.replace("-open", "") for s in symbols}
    legend = {t.name for t in fig.data if t.showlegend is not False and tuple(t.x) == (None,)}
    assert {"عدد محدد", "تقريبي (نحو)"} & legend


def test_hover_text_is_escaped():
    assert charts.hover_text("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"


def test_the_map_draws_borders_from_local_topojson(tables):
    fig = figures(tables, "ar")["map"]
    assert fig.layout.geo.showcountries and fig.layout.geo.resolution == 50
    assert maps.PLOTLY_CONFIG["topojsonURL"] == "/app/static/topojson/"
    assert (Path(__file__).resolve().parents[1] / "static" / "topojson" / "world_50m.json").is_file()
    pio.to_json(fig)  # serialisable as Streamlit sends it


def test_unknown_is_always_grey_and_no_two_of_eleven_factions_share_a_colour():
    from components.charts import UNKNOWN_COLOUR, _colours
    groups = sorted([f"faction {i:02d}" for i in range(11)] + ["unknown"])
    colours = _colours(groups)
    assert colours["unknown"] == UNKNOWN_COLOUR
    named = [colours[g] for g in groups if g != "unknown"]
    assert len(set(named)) == 11 and UNKNOWN_COLOUR not in named


def test_a_troop_figure_of_long_ago_opens_outside_the_view_and_the_levels_after_it_fill_the_axis():
    import pandas as pd
    from components.charts import troops_chart
    series = pd.DataFrame({
        "when": pd.to_datetime(["2007-06-01", "2020-01-01", "2024-01-01"]), "value": [170000, 5200, 2500],
        "qualifier": ["approx", "exact", "approx"], "kind": ["level"] * 3, "location": ["Iraq"] * 3, "force": ["US"] * 3,
        "date": ["2007", "2020-01", "2024-01"], "source": ["a"] * 3, "quote": ["q"] * 3, "article_id": ["x"] * 3,
        "n": [1, 1, 1]})
    fig = troops_chart(series, "en", "t", "location", lambda field, value: value, "troops")
    assert fig.layout.meta["history"] == 1
    assert fig.layout.xaxis.range[0].startswith("2016") and fig.layout.yaxis.range[1] == 5200 * 1.2
