"""Effect table: no coded row dropped; effects oriented so positive favours the intervention."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tests.synthesis.synthetic import make_dossier, make_evidence, row
from watwerkt.model import DesiredDirection
from watwerkt.synthesis.effects import effect_table, orientation

DOSSIER = make_dossier(outcomes=(("welzijn", "increase"), ("recidive", "decrease")))


def test_orientation_factor() -> None:
    assert orientation(DesiredDirection.INCREASE) == 1.0
    assert orientation(DesiredDirection.DECREASE) == -1.0


def test_odds_ratio_from_counts_is_flipped_for_an_outcome_that_should_decrease() -> None:
    # Guerra (1990) in dat.landenberger2005: 10/19 recidivists/non in CBT, 23/29 in control.
    raw = {"ai": 10.0, "bi": 19.0, "ci": 23.0, "di": 29.0}
    ev = make_evidence(DOSSIER, [row(study="g", outcome="recidive", measure="OR", raw=raw)])
    table = effect_table(ev)
    log_or = math.log((10 * 29) / (19 * 23))  # intervention vs control odds of recidivism
    assert table.loc[0, "yi"] == pytest.approx(-log_or, rel=1e-12)
    assert table.loc[0, "vi"] == pytest.approx(1 / 10 + 1 / 19 + 1 / 23 + 1 / 29, rel=1e-12)
    assert table.loc[0, "note"] == ""


def test_coded_yi_kept_for_an_outcome_that_should_increase() -> None:
    ev = make_evidence(DOSSIER, [row(study="a", outcome="welzijn", yi=-0.25, vi=0.04)])
    table = effect_table(ev)
    assert table.loc[0, "yi"] == -0.25
    assert table.loc[0, "vi"] == 0.04


def test_no_row_is_dropped_and_each_unusable_row_says_why() -> None:
    rows = [
        row(study="a", outcome="welzijn", yi=0.3, vi=0.04),
        row(study="b", outcome="welzijn", yi=0.2, vi=0.05),
        row(study="c", outcome="welzijn", direction="favours_intervention"),
        row(study="d", outcome="welzijn", measure="MD", yi=2.0, vi=1.0),  # other scale
        row(study="e", outcome="recidive", measure="OR", raw={"ai": 3.0, "bi": 7.0}),
        row(study="f", outcome="recidive", measure="OR",
             raw={"ai": -1.0, "bi": 7.0, "ci": 2.0, "di": 5.0}),  # impossible count
    ]  # fmt: skip
    table = effect_table(make_evidence(DOSSIER, rows))
    assert len(table) == len(rows)
    notes = dict(zip(table["study"], table["note"], strict=True))
    assert notes["a"] == notes["b"] == ""
    assert notes["c"] == "direction_only"
    assert notes["d"] == "measure_mismatch:MD"
    assert notes["e"].startswith("missing:")
    assert notes["f"].startswith("error:")
    assert np.isnan(table.set_index("study").loc["e", "yi"])
