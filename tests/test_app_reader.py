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
    assert '<span class="x-focus">جملة ثانية.</span>' in html


def test_highlight_parameter_parsing():
    assert parse_highlight("3-9") == (3, 9)
    assert parse_highlight("9-3") is None and parse_highlight("x") is None and parse_highlight("") is None


def test_the_sentence_at_an_offset_is_the_build_s_sentence():
    from components.reader import sentence_at

    text = "جملة أولى. جملة ثانية.\nسطر ثالث"
    assert sentence_at(text, 0) == (0, 10) and sentence_at(text, 12) == (11, 22)
    assert sentence_at(text, 10) == (11, 22)  # between two sentences: the next one
    assert sentence_at(text, 25) == (23, 31) and sentence_at(text, 31) is None


def test_tags_say_what_each_sentence_gave_each_incident():
    from components.reader import incident_numbers, source_tags

    rows = spans(("incident", "b", 20, 30, "attack"), ("incident", "a", 0, 10, "strike"),
                 ("source", "a", 0, 10, "date"), ("source", "a", 0, 10, "mention"), ("source", "b", 0, 10, "place"),
                 ("source", "b", 20, 30, "mention"))
    numbers = incident_numbers(rows)
    assert numbers == {"a": 1, "b": 2}
    tags = source_tags(rows, numbers, lambda n: f"#{n}", str.upper)
    assert tags == {10: "#1: MENTION, DATE · #2: PLACE", 30: "#2: MENTION"}
    html = highlighted_html("0123456789 123456789 123456789", rows, None, str, tags)
    assert '<sup class="slot-tag" dir="auto">#1: MENTION, DATE · #2: PLACE</sup>' in html
    assert html.index("slot-tag") > html.index("0123456789")


def test_tags_and_legend_are_escaped():
    from components.reader import legend_html

    html = highlighted_html("abc", spans(), None, str, {3: "<b>x</b>"})
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>" not in html
    assert "<i>" not in legend_html(lambda kind: "<i>" + kind)
