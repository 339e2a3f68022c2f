"""Published results of Raudenbush & Bryk (1985), reproduced with watwerkt.stats.

Raudenbush, S. W., & Bryk, A. S. (1985). Empirical Bayes meta-analysis.
*Journal of Educational Statistics*, 10(2), 75-98: teacher expectancy effects
in 19 experiments (metadat's dat.raudenbush1985). Expected numbers are those
of the paper's text (pp. 83, 85, 86, 90, 92) at its precision, as in
metafor's tests/testthat/test_analysis_example_raudenbush1985.r; the yi/vi
and weeks of prior contact come from our committed pooling.json.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import load_reference
from watwerkt.stats import meta_analysis, meta_regression

DATA = load_reference("pooling")["regression"]["raudenbush1985"]
YI = np.asarray(DATA["yi"])
VI = np.asarray(DATA["vi"])
WEEKS = np.asarray(DATA["mods"]["weeks"], dtype=float)


def test_random_effects_model() -> None:
    res = meta_analysis(YI, VI, method="REML")
    assert round(res.tau2, 4) == 0.0188
    assert round(res.estimate, 4) == 0.0837
    assert round(res.statistic, 2) == 1.62
    assert res.q == pytest.approx(35.85, abs=0.03)  # 35.85 in the paper (rounded data)


def test_mixed_effects_model_weeks_of_prior_contact() -> None:
    weeks_c = np.minimum(WEEKS, 3)  # the paper's coding: 0, 1, 2, "3 or more"
    res = meta_regression(YI, VI, {"weeks": weeks_c}, method="REML")
    assert round(res.tau2, 4) == 0.0
    assert res.coefficients["estimate"].round(4).tolist() == [0.4072, -0.1572]
    assert res.coefficients["statistic"].round(2).tolist() == [4.68, -4.39]
    assert res.qe == pytest.approx(16.58, abs=0.02)  # 16.58 in the paper
    assert res.r2 == 100.0  # all heterogeneity accounted for
