"""The one place Arabic is shaped by hand: only for renderers that cannot shape it (terminals, deck.gl text)."""
from __future__ import annotations

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_display

# Ligatures off: with them الله becomes a single glyph many fonts lack.
_RESHAPER = ArabicReshaper({"support_ligatures": False})


def shape_for_dumb_renderer(text: str) -> str:
    """Presentation forms in visual order. Never use on text that a browser or Plotly draws: it breaks there."""
    return get_display(_RESHAPER.reshape(text), base_dir="R")
