"""Accuracy on the independent development set (15 articles in other outlets' styles, gold by a separate
annotator) must not regress. Floors sit just under the figures reached when they were set; raise them as
extraction improves, never lower them to make a change pass."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOORS = {"troops": 0.92, "incidents": 0.84, "militias": 0.97, "places": 0.97}


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    result = subprocess.run([sys.executable, "bench/eval_devset.py", "--quiet"], cwd=ROOT, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    found = dict(re.findall(r"^\s*(troops|incidents|militias|places)\s+P=\S+ R=\S+ F1=(\d\.\d+)", result.stdout, re.M))
    assert set(found) == set(FLOORS), result.stdout
    return {name: float(f1) for name, f1 in found.items()}


@pytest.mark.parametrize("category", sorted(FLOORS))
def test_f1_does_not_fall_below_its_floor(scores, category):
    assert scores[category] >= FLOORS[category], f"{category} F1 {scores[category]:.3f} < {FLOORS[category]}"
