"""τ² estimators beyond metafor: reliability where plain Fisher scoring fails.

The two datasets below were found by simulating meta-analyses of 20 studies
(sampling variances log-normal, τ² uniform on [0, 0.2], seed 1); rounded to
5/6 decimals. metafor 3.8-1 with default settings
- stops with "Fisher scoring algorithm did not converge" for REML on Y320/V320
  (it oscillates around the maximum; with stepadj = 0.5 it reaches 0.004764747);
- returns τ² = 0 (logLik −3.0295) for ML on Y232/V232, while the likelihood is
  higher inside (logLik −2.1641 at τ² = 0.0061873).

The groups Y6300/V6300 (REML) and Y717/V717 (ML) are synthetic: cells
``cell-06300`` and ``cell-00717`` of ``benchmarks/bench_batch.py``'s generator
(``synthetic(10000, 20, seed=20261123)``), at full precision. Their likelihood
is so flat near a nearly vanishing score that Fisher scoring creeps for all
1,000 iterations without converging.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watwerkt.errors import ConvergenceWarning, StatsInputError
from watwerkt.messages import set_language
from watwerkt.stats import FitControl, meta_analysis
from watwerkt.stats.tau2 import (
    METHODS,
    Tau2Fit,
    _grid,
    _grid_scores,
    _loglik,
    _score_parts_grid,
    estimate_tau2,
    generalised_q,
)

# fmt: off
Y320 = np.array([0.11239, -0.28478, 2.65176, 0.00796, 0.0247, -0.06431, -0.01653, 0.04562,
                 0.09669, 0.08332, 0.05831, 0.10645, -1.98159, 0.00511, -0.82662, -0.04904,
                 0.17114, -0.05538, -1.53756, 0.35139])
V320 = np.array([0.636106, 0.13138, 2.38621, 0.451263, 0.01218, 0.006744, 0.016609, 0.080014,
                 0.014816, 0.004089, 0.238924, 0.034729, 1.852993, 0.026323, 1.227255,
                 0.014563, 0.001158, 0.014105, 4.130843, 0.385876])
Y232 = np.array([0.1064, 0.04793, -0.02579, -0.03735, 0.30403, -0.37247, -0.29488, 0.30949,
                 0.69184, 0.00787, -0.05558, -0.22225, -0.1722, 0.04884, 0.15134, 0.5518,
                 0.06621, 0.48391, -0.06912, 0.721])
V232 = np.array([0.530715, 0.00907, 0.310038, 0.094081, 0.104695, 0.023923, 0.052326,
                 0.603769, 0.18958, 0.000149, 0.008165, 0.441241, 0.003204, 0.017871,
                 0.009088, 0.560132, 0.005835, 0.152491, 0.140399, 1.60064])
Y6300 = np.array([-0.057075886240007645, -0.19221576690279468, -0.5818525376860224,
                  0.2691435417104426, 0.1986862099588826, 0.2867780298941305, 0.28944366318088754,
                  0.9509164613807344, 0.13939817164427923, 0.1888521811209432, 0.29520098337713796,
                  0.8474665146386666, 0.9463411991851554, -0.1739253384731232,
                  -0.36006485055618836, 0.09984626674725161, 0.721407647977008, 0.5708498572421613,
                  -0.407377400081183, 0.164244176957704])
V6300 = np.array([0.17303724633997938, 0.10034491270936617, 0.12792658333175003,
                  0.1663338063742981, 0.019630910424053287, 0.024607837475165137,
                  0.006047756613643351, 0.14195571843550692, 0.05041820204793926,
                  0.17681879846592594, 0.005173671190708856, 0.07153699306076106,
                  0.10666893064363964, 0.16800077567096988, 0.1433649185245894,
                  0.030966902191313424, 0.1816712992494344, 0.0965903307257971,
                  0.08337313167799586, 0.17384675740183078])
Y717 = np.array([0.6726318496877912, 0.38952361441735167, 0.6492617369119935, 0.5231533836719399,
                 -0.17051199430656028, 0.2026363747825352, 0.841476444477492, 0.04091239957373749,
                 -0.03363071143072793, 0.44727727908457593, 0.6986970132985497,
                 0.33720152015387084, 0.33645106373667794, 0.3537523238320789,
                 0.0015813069582615857, 0.3904314570021469, -0.2998506957901113,
                 0.6678094381819648, 0.40428669506236103, 0.3765042368874285])
V717 = np.array([0.049217302453160944, 0.05137695661589909, 0.15695203893402213,
                 0.17732954377483892, 0.06590614020013914, 0.07598609708683543,
                 0.04747529461952615, 0.1106604203435962, 0.07543934708900973,
                 0.1011318645942063, 0.12762727276028174, 0.12359059649208975,
                 0.09605370773005549, 0.005266561390604757, 0.048211051283523626,
                 0.14971414265846722, 0.07211784414118536, 0.12272085562800342,
                 0.04270877002554235, 0.0213609120387573])
# fmt: on
ONES = np.ones((20, 1))


def metafor_plain_fisher(
    reml: bool, y: np.ndarray, v: np.ndarray, maxiter: int = 100, threshold: float = 1e-5
) -> tuple[float, bool]:
    """metafor 3.8's rma.uni() Fisher scoring loop for an intercept-only model, transcribed."""
    k = len(y)
    ymc = y - y.mean()
    tau2 = max(0.0, (ymc @ ymc - np.sum(v) * (k - 1) / k) / (k - 1))  # HE start
    for it in range(1, maxiter + 2):
        w = 1 / (v + tau2)
        sw = w.sum()
        py = w * (ymc - np.sum(w * ymc) / sw)
        if reml:
            tr_p = sw - np.sum(w * w) / sw
            tr_pp = np.sum(w * w) - 2 * np.sum(w**3) / sw + (np.sum(w * w) / sw) ** 2
            adj = (py @ py - tr_p) / tr_pp
        else:
            adj = (py @ py - sw) / np.sum(w * w)
        while tau2 + adj < 0:
            adj /= 2
        change = abs(adj)
        tau2 += adj
        if change <= threshold:
            return tau2, True
        if it > maxiter:
            break
    return tau2, False


def _grid_max(reml: bool, y: np.ndarray, v: np.ndarray, hi: float) -> tuple[float, float]:
    grid = np.linspace(0.0, hi, 4001)
    ll = np.array([_loglik(reml, y, v, ONES, t) for t in grid])
    i = int(np.argmax(ll))
    return float(grid[i]), float(ll[i])


def test_plain_fisher_scoring_oscillates_but_we_find_the_maximum() -> None:
    _, converged = metafor_plain_fisher(True, Y320, V320)
    assert not converged  # metafor: "Fisher scoring algorithm did not converge"
    fit = estimate_tau2(Y320, V320, ONES, "REML")
    assert fit.converged
    assert fit.tau2 == pytest.approx(0.004764747, rel=1e-6)  # metafor, stepadj = 0.5
    grid_t, grid_ll = _grid_max(True, Y320, V320, 0.05)
    assert _loglik(True, Y320, V320, ONES, fit.tau2) >= grid_ll
    assert abs(fit.tau2 - grid_t) <= 0.05 / 4000


def test_plain_fisher_scoring_stops_at_zero_but_the_maximum_is_inside() -> None:
    tau2, converged = metafor_plain_fisher(False, Y232, V232)
    assert converged
    assert tau2 == 0.0  # metafor returns tau2 = 0 (logLik -3.0295)
    fit = estimate_tau2(Y232, V232, ONES, "ML")
    assert fit.converged
    assert fit.tau2 > 0.006
    ll_fit = _loglik(False, Y232, V232, ONES, fit.tau2)
    assert ll_fit > _loglik(False, Y232, V232, ONES, 0.0) + 0.8
    grid_t, grid_ll = _grid_max(False, Y232, V232, 0.05)
    assert ll_fit >= grid_ll
    assert abs(fit.tau2 - grid_t) <= 0.05 / 4000
    res = meta_analysis(Y232, V232, method="ML")
    assert res.tau2 == fit.tau2


@pytest.mark.parametrize(
    ("method", "y", "v"), [("REML", Y6300, V6300), ("ML", Y717, V717)], ids=["REML", "ML"]
)
def test_creeping_fisher_scoring_is_finished_at_the_maximum(
    method: str, y: np.ndarray, v: np.ndarray
) -> None:
    reml = method == "REML"
    # plain Fisher scoring to our threshold creeps for all 1,000 steps ...
    assert not metafor_plain_fisher(reml, y, v, maxiter=1000, threshold=1e-12)[1]
    # ... here it is finished by bracketing, converged and without a warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = estimate_tau2(y, v, ONES, method)
    assert fit.converged
    assert fit.iterations < 1000
    assert np.isfinite(fit.tau2_se)
    grid = np.linspace(0.0, 0.2, 20001)
    ll = np.array([_loglik(reml, y, v, ONES, t) for t in grid])
    assert _loglik(reml, y, v, ONES, fit.tau2) >= ll.max()
    assert abs(fit.tau2 - grid[int(np.argmax(ll))]) <= 0.2 / 20000


# SJ is left out: tau2_SJ = s0 * Q(s0) / (k - 1) is positive unless all yi are equal.
@pytest.mark.parametrize("method", ["ML", "REML", "EB", "PM", "DL", "HE", "HS"])
def test_maximum_at_zero(method: str) -> None:
    # nearly equal effects with large variances: no heterogeneity at all
    y = np.array([0.20, 0.21, 0.19, 0.205, 0.195, 0.2])
    v = np.array([0.04, 0.05, 0.03, 0.06, 0.05, 0.04])
    x = np.ones((6, 1))
    fit = estimate_tau2(y, v, x, method)
    assert fit.tau2 == 0.0
    assert fit.converged
    if method in ("ML", "REML"):
        grid = np.linspace(0, 0.1, 201)
        ll = [_loglik(method == "REML", y, v, x, t) for t in grid]
        assert int(np.argmax(ll)) == 0


def test_small_maxiter_does_not_cut_the_root_search_short() -> None:
    # the first Newton step overshoots: the bracketed root is solved to the end
    for maxiter in (1, 2, 3):
        fit = estimate_tau2(Y320, V320, ONES, "REML", FitControl(maxiter=maxiter))
        assert fit.converged
        assert fit.tau2 == pytest.approx(0.004764747, rel=1e-6)


def test_no_solution_is_reported_not_hidden() -> None:
    set_language("en")
    control = FitControl(maxiter=1, global_check=False)
    with pytest.warns(ConvergenceWarning, match=r"'REML'.*1 iterations"):
        res = meta_analysis(Y6300, V6300, method="REML", control=control)
    assert not res.converged
    assert np.isnan(res.tau2_se)
    assert "did not converge" in res.summary("en")


@pytest.mark.parametrize("method", ["EB", "PM"])
def test_eb_and_pm_solve_the_generalised_q_equation(method: str) -> None:
    fit = estimate_tau2(Y320, V320, ONES, method)
    assert fit.tau2 > 0
    assert generalised_q(fit.tau2, Y320, V320, ONES) == pytest.approx(19.0, rel=1e-12)


def test_every_method_with_a_general_design_matrix() -> None:
    x = np.column_stack([ONES[:, 0], np.linspace(-1, 1, 20)])
    for method in METHODS:
        fit = estimate_tau2(Y320, V320, x, method)
        assert isinstance(fit, Tau2Fit)
        assert fit.tau2 >= 0
        assert fit.converged
        assert fit.method == method


def test_fixed_tau2() -> None:
    fit = estimate_tau2(Y320, V320, ONES, "REML", tau2=0.01)
    assert (fit.tau2, fit.fixed, fit.iterations) == (0.01, True, 0)
    w = 1 / (V320 + 0.01)
    sw = w.sum()
    tr_pp = np.sum(w * w) - 2 * np.sum(w**3) / sw + (np.sum(w * w) / sw) ** 2
    assert fit.tau2_se == pytest.approx(np.sqrt(2 / tr_pp), rel=1e-12)
    with pytest.raises(StatsInputError):
        estimate_tau2(Y320, V320, ONES, "REML", tau2=-0.1)


def test_scale_equivariance_of_likelihood_estimators() -> None:
    for method in ("ML", "REML", "PM", "EB"):
        a = estimate_tau2(Y320, V320, ONES, method).tau2
        b = estimate_tau2(10 * Y320, 100 * V320, ONES, method).tau2
        assert b == pytest.approx(100 * a, rel=1e-9)


@settings(max_examples=50, deadline=None)
@given(
    k=st.integers(3, 20),
    seed=st.integers(0, 2**32 - 1),
    reml=st.booleans(),
    spread=st.floats(0.1, 3.0),
)
def test_ml_reml_reach_the_grid_maximum(k: int, seed: int, reml: bool, spread: float) -> None:
    rng = np.random.default_rng(seed)
    v = np.exp(rng.normal(-3, spread, k))
    y = rng.normal(0, np.sqrt(v + rng.uniform(0, 0.2)))
    x = np.ones((k, 1))
    fit = estimate_tau2(y, v, x, "REML" if reml else "ML")
    assert fit.converged
    hi = max(1.0, 3 * fit.tau2)
    grid = np.linspace(0, hi, 1001)
    best = max(_loglik(reml, y, v, x, t) for t in grid)
    assert _loglik(reml, y, v, x, fit.tau2) >= best - 1e-9


@settings(max_examples=60, deadline=None)
@given(
    k=st.integers(3, 25),
    seed=st.integers(0, 2**32 - 1),
    reml=st.booleans(),
    spread=st.floats(0.1, 3.0),
    moderator=st.booleans(),
)
def test_refined_grid_has_the_full_grids_sign_changes(
    k: int, seed: int, reml: bool, spread: float, moderator: bool
) -> None:
    # the bounds only skip cells where the score keeps one sign: the grid pairs that
    # change sign (and τ² = 0's sign) are exactly those of the full 161-point grid
    rng = np.random.default_rng(seed)
    v = np.exp(rng.normal(-3, spread, k))
    y = rng.normal(0, np.sqrt(v + rng.uniform(0, 0.2)))
    columns = [np.ones(k), np.linspace(-1, 1, k)] if moderator else [np.ones(k)]
    x = np.linalg.qr(np.column_stack(columns))[0]
    taus = _grid(float(np.median(v)), max(100.0, 10.0 * float(np.var(y))))
    a, b, _ = _score_parts_grid(reml, y, v, x, taus)
    full = a - b
    refined = _grid_scores(reml, y, v, x, taus)
    np.testing.assert_array_equal(refined > 0, full > 0)
    assert refined[0] == full[0]


def test_root_finder_flag_is_never_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """If brentq ever reported no convergence, the fit must fail loudly, not return its root."""
    from types import SimpleNamespace

    from watwerkt.errors import ConvergenceError
    from watwerkt.stats import meta_analysis, tau2

    def not_converged(*_args: object, **_kwargs: object) -> tuple[float, object]:
        return 0.1, SimpleNamespace(converged=False, iterations=7)

    monkeypatch.setattr(tau2.optimize, "brentq", not_converged)
    yi = [0.1, 0.5, 0.9, -0.3, 0.2, 1.2]
    vi = [0.05, 0.02, 0.1, 0.03, 0.04, 0.2]
    with pytest.raises(ConvergenceError) as info:
        meta_analysis(yi, vi, method="PM")
    assert info.value.key == "stats.root_not_converged"
