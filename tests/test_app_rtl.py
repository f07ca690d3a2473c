"""The shaping helper for renderers that cannot shape Arabic, and proof that chart text never goes through it."""
from components.rtl import shape_for_dumb_renderer

PRESENTATION_FORMS = range(0xFB50, 0xFEFF)


def test_shaping_yields_presentation_forms_in_visual_order():
    raw = "كتائب حزب الله"
    shaped = shape_for_dumb_renderer(raw)
    assert shaped != raw
    assert any(ord(ch) in PRESENTATION_FORMS for ch in shaped)
    assert shaped.split(" ")[0] != raw.split(" ")[0]  # visual order: the last word comes first


def test_ligatures_stay_off_so_allah_is_not_one_glyph():
    shaped = shape_for_dumb_renderer("الله")
    assert "\ufdf2" not in shaped and len(shaped) == 4


def test_brackets_are_not_flipped_by_the_shaper():
    assert "(2024)" in shape_for_dumb_renderer("هجوم (2024)")


def test_latin_text_passes_unchanged():
    assert shape_for_dumb_renderer("Tower 22") == "Tower 22"
