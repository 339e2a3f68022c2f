"""Published results of Normand (1999), reproduced with meta_analysis.

Normand, S.-L. T. (1999). Meta-analysis: formulating, evaluating, combining,
and reporting. *Statistics in Medicine*, 18, 321-359. The data are metadat's
dat.hine1989 (Table III) and dat.normand1999 (Table VIII); the expected
numbers are those printed in the paper, at its precision (the same checks as
metafor's tests/testthat/test_analysis_example_normand1999.r).
"""

from __future__ import annotations

import numpy as np
import pytest

from watwerkt.stats import meta_analysis

# dat.hine1989: deaths (ai, ci) of n1i/n2i patients, lidocaine vs control
HINE_N1 = np.array([39, 44, 107, 103, 110, 154])
HINE_N2 = np.array([43, 44, 110, 100, 106, 146])
HINE_A = np.array([2, 4, 6, 7, 7, 11])
HINE_C = np.array([1, 4, 4, 5, 3, 4])

# dat.normand1999: length of hospital stay (days), specialist vs routine care
# fmt: off
N1 = np.array([155, 31, 75, 18, 8, 57, 34, 110, 60])
M1 = np.array([55, 27, 64, 66, 14, 19, 52, 21, 30])
SD1 = np.array([47, 7, 17, 20, 8, 7, 45, 16, 27])
N2 = np.array([156, 32, 71, 18, 13, 52, 33, 183, 52])
M2 = np.array([75, 29, 119, 137, 18, 18, 41, 31, 23])
SD2 = np.array([64, 4, 29, 48, 11, 4, 34, 27, 20])
# fmt: on


def _hine() -> tuple[np.ndarray, np.ndarray]:
    """Risk differences in percentage points (Table III)."""
    p1, p2 = HINE_A / HINE_N1, HINE_C / HINE_N2
    yi = 100 * (p1 - p2)
    vi = 100**2 * (p1 * (1 - p1) / HINE_N1 + p2 * (1 - p2) / HINE_N2)
    return yi, vi


def _normand() -> tuple[np.ndarray, np.ndarray]:
    """Mean differences with the pooled SD (Table VIII)."""
    sdp2 = ((N1 - 1) * SD1**2 + (N2 - 1) * SD2**2) / (N1 + N2 - 2)
    return (M1 - M2).astype(float), sdp2 * (1 / N1 + 1 / N2)


def test_table_iii_effect_sizes() -> None:
    yi, vi = _hine()
    assert np.round(yi, 4).tolist() == [2.8026, 0.0, 1.9711, 1.7961, 3.5334, 4.4031]
    assert np.round(vi, 4).tolist() == [17.7575, 37.5657, 8.1323, 10.8998, 8.0114, 6.1320]


@pytest.mark.parametrize("method", ["FE", "REML", "DL"])
def test_table_vii_lidocaine(method: str) -> None:
    res = meta_analysis(*_hine(), method=method)
    assert round(res.estimate, 2) == 2.94
    assert round(res.ci_lower, 1) == 0.4
    assert round(res.ci_upper, 1) == 5.5
    assert round(res.tau2, 3) == 0.0


def test_table_viii_effect_sizes() -> None:
    yi, vi = _normand()
    assert yi.tolist() == [-20, -2, -55, -71, -4, 1, 11, -10, 7]
    assert np.round(vi, 2).tolist() == [40.59, 2.05, 15.28, 150.22, 20.19, 1.22, 95.38, 8.03, 20.69]


@pytest.mark.parametrize(
    ("method", "estimate", "ci_lower", "ci_upper", "tau2"),
    [
        ("FE", -3.49, -5.03, -1.96, 0.0),
        ("DL", -14.10, -24.45, -3.75, 218.72),
        ("REML", -15.12, -32.67, 2.43, 685.20),
    ],
)
def test_table_ix_length_of_stay(
    method: str, estimate: float, ci_lower: float, ci_upper: float, tau2: float
) -> None:
    res = meta_analysis(*_normand(), method=method)
    assert round(res.estimate, 2) == estimate
    assert round(res.ci_lower, 2) == ci_lower
    assert round(res.ci_upper, 2) == ci_upper
    assert round(res.tau2, 2) == tau2
