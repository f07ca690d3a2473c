"""The reader's highlighting: every text piece escaped, extractions marked, the linked sentence outlined."""
import pandas as pd

from components.reader import highlighted_html, parse_highlight

HOSTILE = 'قبل <script>window.__pwned=1</script> بعد <img src=x onerror="window.__pwned=1">'


def spans(*rows):
    return pd.DataFrame(rows, columns=["kind", "row_id", "start", "end", "label"])


def test_hostile_text_is_escaped_inside_and_outside_highlights():
    html = highlighted_html(HOSTILE, spans(("incident", "i", 0, 30, "attack")), None, str)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in html


def test_overlapping_extractions_combine_their_marks():
    text = "استهدفت كتائب حزب الله قاعدة عين الأسد."
    actor = text.index("كتائب")
    html = highlighted_html(text, spans(("incident", "i", 0, len(text), "attack"), ("actor", "m", actor, actor + 14, "x")),
                            None, str)
    assert '<mark class="x x-actor x-incident" title="actor · incident">كتائب حزب الله</mark>' in html
    assert html.count("<mark") == 3


def test_the_linked_sentence_is_outlined():
    html = highlighted_html("جملة أولى. جملة ثانية.", spans(), parse_highlight("11-22"), str)
    assert '<mark class="x x-focus" title="">جملة ثانية.</mark>' in html


def test_highlight_parameter_parsing():
    assert parse_highlight("3-9") == (3, 9)
    assert parse_highlight("9-3") is None and parse_highlight("x") is None and parse_highlight("") is None
