"""multilevel_meta_analysis against metafor 3.8 rma.mv (tests/reference/scripts/multilevel.R)."""

from __future__ import annotations

import itertools
import json
import math
import warnings
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.conftest import assert_close, load_reference
from watwerkt.errors import ConvergenceWarning, StatsInputError
from watwerkt.stats import LikelihoodRatioTest, MultilevelResult, multilevel_meta_analysis
from watwerkt.stats import multilevel as multilevel_module
from watwerkt.stats._multilevel_core import (
    build_structure,
    evaluate,
    fit_components,
    inverse,
    nest_codes,
)

REF = load_reference("multilevel")
MODELS = REF["multilevel"]

#: The promised grid: dataset x method x test (x moderators) and the outputs of each.
EXPECTED_MODELS = {
    "konstantopoulos2011_reml_z",
    "konstantopoulos2011_ml_z",
    "konstantopoulos2011_reml_t",
    "assink2016_reml_z",
    "assink2016_reml_z_mods",
    "assink2016_ml_t_mods",
    "bornmann2007_reml_z",
    "bornmann2007_ml_z_mods",
    "crede2010_reml_z",
    "crede2010_ml_t_mods",
}
EXPECTED_OUTPUTS = {
    "beta",
    "se",
    "statistic",
    "pvalue",
    "ci_lower",
    "ci_upper",
    "pi_lower",
    "pi_upper",
    "sigma2",
    "q",
    "q_df",
    "q_pvalue",
    "qm",
    "qm_df",
    "qm_pvalue",
    "i2_total",
    "i2_levels",
    "loglik",
    "deviance",
    "aic",
    "bic",
    "aicc",
    "lrt",
    "robust_cr1",
    "robust_cr2",
}


def model_args(name: str) -> dict[str, Any]:
    m = MODELS[name]
    data = m["data"]
    x = np.column_stack([np.asarray(c, dtype=float) for c in data["X"]])
    mods = pd.DataFrame(x[:, 1:], columns=data["terms"][1:]) if x.shape[1] > 1 else None
    return {
        "yi": data["yi"],
        "vi": data["vi"],
        "groups": [
            pd.Series(g, name=n) for g, n in zip(data["groups"], data["group_names"], strict=True)
        ],
        "moderators": mods,
        "method": m["method"],
        "test": m["test"],
    }


@cache
def fitted(name: str) -> MultilevelResult:
    return multilevel_meta_analysis(**model_args(name))


def test_reference_grid_is_complete() -> None:
    assert set(MODELS) == EXPECTED_MODELS
    methods = {(m["method"], m["test"]) for m in MODELS.values()}
    assert {("REML", "z"), ("ML", "z"), ("REML", "t"), ("ML", "t")} <= methods
    assert any(len(m["sigma2"]) == 3 for m in MODELS.values())  # three nested components
    assert any(len(m["data"]["X"]) > 1 for m in MODELS.values())  # moderators
    for name, m in MODELS.items():
        assert set(m) >= EXPECTED_OUTPUTS, name
        assert len(m["lrt"]) == len(m["sigma2"]), name
        assert "metafor_version" in REF["source"]


@pytest.mark.parametrize("name", sorted(EXPECTED_MODELS))
def test_fit_matches_rma_mv(name: str) -> None:
    m = MODELS[name]
    res = fitted(name)
    coefs = res.coefficients
    assert res.converged
    assert res.k == m["k"]
    assert res.p == m["p"]
    assert_close(res.sigma2, m["sigma2"], "mv_fit", "sigma2")
    assert_close(coefs["estimate"], m["beta"], "estimate", "beta")
    assert_close(coefs["se"], m["se"], "se", "se")
    assert_close(coefs["statistic"], m["statistic"], "statistic", "zval")
    assert_close(coefs["pvalue"], m["pvalue"], "mv_fit", "pval")
    assert_close(coefs["ci_lower"], m["ci_lower"], "ci", "ci.lb")
    assert_close(coefs["ci_upper"], m["ci_upper"], "ci", "ci.ub")
    assert_close(res.estimate, m["beta"][0], "estimate")
    assert_close(res.se, m["se"][0], "se")
    assert_close(res.ci_lower, m["ci_lower"][0], "ci")
    assert_close(res.pi_lower, m["pi_lower"], "ci", "pi.lb")
    assert_close(res.pi_upper, m["pi_upper"], "ci", "pi.ub")


@pytest.mark.parametrize("name", sorted(EXPECTED_MODELS))
def test_heterogeneity_and_fit_statistics_match(name: str) -> None:
    m = MODELS[name]
    res = fitted(name)
    assert_close(res.q, m["q"], "q", "QE")
    assert res.q_df == m["q_df"]
    assert_close(res.q_pvalue, m["q_pvalue"], "pvalue", "QEp")
    assert_close(res.qm, m["qm"], "statistic", "QM")
    assert_close(res.qm_df, m["qm_df"], "statistic", "QMdf")
    assert_close(res.qm_pvalue, m["qm_pvalue"], "mv_fit", "QMp")
    assert_close(res.i2_total, m["i2_total"], "i2", "I2 total")
    assert_close(res.i2_levels, m["i2_levels"], "mv_i2", "I2 per level")
    for attr in ("loglik", "deviance", "aic", "bic", "aicc"):
        assert_close(getattr(res, attr), m[attr], "statistic", attr)
    # our optimum is at least as high as metafor's
    assert res.loglik >= m["loglik"] - 1e-9


@pytest.mark.parametrize("name", sorted(EXPECTED_MODELS))
def test_likelihood_ratio_tests_match_anova(name: str) -> None:
    m = MODELS[name]
    res = fitted(name)
    for i, ref in enumerate(m["lrt"]):
        lrt = res.likelihood_ratio_test(drop=i)
        assert isinstance(lrt, LikelihoodRatioTest)
        assert lrt.df == ref["df"] == 1
        assert_close(lrt.statistic, ref["statistic"], "statistic", f"LRT {i}")
        assert_close(lrt.pvalue, ref["pvalue"], "pvalue", f"LRT p {i}")
        assert_close(lrt.loglik_reduced, ref["loglik_reduced"], "statistic", f"ll reduced {i}")


def test_t_test_uses_k_minus_p_df() -> None:
    res = fitted("assink2016_ml_t_mods")
    assert res.test == "t"
    assert res.df == res.k - res.p
    assert res.qm_df == (float(res.p - 1), float(res.k - res.p))
    assert math.isinf(fitted("assink2016_reml_z").df)


def test_boundary_component_is_exactly_zero() -> None:
    # dat.crede2010: the sample level has no variance beyond the es level
    res = fitted("crede2010_reml_z")
    assert res.sigma2[1] == 0.0
    assert res.likelihood_ratio_test(1).statistic == 0.0


def test_result_outputs_and_text() -> None:
    res = fitted("assink2016_reml_z_mods")
    d = res.to_dict()
    json.dumps(d)
    rows = {row["term"]: row for row in d["coefficients"]}
    assert list(rows) == ["intercept", "year", "pubstatus"]
    assert rows["year"]["estimate"] == res.coefficients.loc["year", "estimate"]
    assert list(res.coefficients.index) == ["intercept", "year", "pubstatus"]
    assert math.isnan(res.pi_lower)
    assert res.k_used == res.k_total == 100
    assert res.omitted == ()
    assert res.group_names == ("study", "esid")
    assert res.n_groups == (17, 100)
    text = res.summary("en")
    for part in ("sigma^2.1", "Test of Moderators", "intercept"):
        assert part in text
    assert res.to_frame().equals(res.coefficients)
    with pytest.raises(AttributeError):
        res.estimate = 0.0  # type: ignore[misc]


def test_missing_moderator_rows_are_dropped_with_a_warning() -> None:
    args = model_args("assink2016_reml_z_mods")
    mods = args["moderators"].copy()
    mods.iloc[[3, 50], 0] = np.nan
    args["moderators"] = mods
    with pytest.warns(UserWarning, match="3, 50"):
        res = multilevel_meta_analysis(**args)
    assert res.k_used == 98
    assert res.k_total == 100
    assert [i for i, _ in res.omitted] == [3, 50]


def test_non_convergence_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    real = fit_components

    def failing(*a: Any, **kw: Any) -> Any:
        fit = real(*a, **kw)
        return type(fit)(
            fit.sigma2, fit.evaluation, False, fit.iterations, "stats.multilevel_cause_score"
        )

    monkeypatch.setattr(multilevel_module, "fit_components", failing)
    with pytest.warns(ConvergenceWarning, match="afgeleide van de log-likelihood"):
        res = multilevel_meta_analysis(**model_args("konstantopoulos2011_reml_z"))
    assert not res.converged


Y = [0.1, 0.3, 0.2, 0.6, 0.5, 0.7]
V = [0.02, 0.03, 0.02, 0.04, 0.03, 0.02]


@pytest.mark.parametrize(
    ("groups", "moderators", "key", "argument"),
    [
        ([[1] * 6, [1, 2, 3, 4, 5, 6]], None, "stats.multilevel_single_cluster", "groups[0]"),
        ([[1, 2, 3, 4, 5, 6], [1] * 6], None, "stats.multilevel_same_level", "groups[0]"),
        (
            [[1, 1, 2, 2, 3, None], [1, 2, 1, 2, 1, 2]],
            None,
            "stats.multilevel_missing_label",
            "groups[0]",
        ),
        ([], None, "stats.multilevel_no_groups", "groups"),
        ([[1, 1, 2]], None, "stats.length_mismatch", "groups[0]"),
        (
            [[1, 1, 2, 2, 3, 3], [1, 2, 1, 2, 1, 2]],
            np.c_[[1, 2, 3, 4, 5, 6], [2, 4, 6, 8, 10, 12]],
            "stats.singular_moderators",
            "moderators",
        ),
        ([[1, 1, 2, 2, 3, 3], [1, 2, 1, 2, 1, 2]], ["a"] * 6, "stats.non_numeric", "moderators"),
    ],
)
def test_bad_input_is_named(groups: list[Any], moderators: Any, key: str, argument: str) -> None:
    with pytest.raises(StatsInputError) as info:
        multilevel_meta_analysis(Y, V, groups, moderators)
    assert info.value.key == key
    assert info.value.argument == argument
    assert info.value.render("nl") != info.value.render("en")


def test_singular_moderators_name_the_columns() -> None:
    mods = pd.DataFrame({"a": [1, 2, 3, 4, 5, 6], "b": [2, 4, 6, 8, 10, 12]})
    with pytest.raises(StatsInputError, match="'a', 'b'"):
        multilevel_meta_analysis(Y, V, [[1, 1, 2, 2, 3, 3], [1, 2] * 3], mods)


def test_bad_options_and_drop() -> None:
    groups = [[1, 1, 2, 2, 3, 3], [1, 2] * 3]
    with pytest.raises(StatsInputError, match="'REML', 'ML'"):
        multilevel_meta_analysis(Y, V, groups, method="DL")
    with pytest.raises(StatsInputError, match="'z', 't'"):
        multilevel_meta_analysis(Y, V, groups, test="knha")
    res = multilevel_meta_analysis(Y, V, groups)
    with pytest.raises(StatsInputError) as info:
        res.likelihood_ratio_test(drop=2)
    assert info.value.key == "stats.multilevel_bad_drop"


# ------------------------------------------------------------- properties


@st.composite
def nested_data(draw: st.DrawFn) -> tuple[list[list[int]], np.ndarray, np.ndarray, int]:
    levels = draw(st.integers(1, 3))
    n_outer = draw(st.integers(2, 6))
    labels: list[list[int]] = [[] for _ in range(levels)]
    for c in range(n_outer):
        mids = draw(st.integers(1, 3)) if levels == 3 else 1
        for mid in range(mids):
            size = draw(st.integers(1, 4))
            for e in range(size):
                row = [c, mid, e][:levels] if levels == 3 else [c, e][:levels]
                for lev in range(levels):
                    labels[lev].append(row[lev])
    n = len(labels[0])
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    y = rng.normal(0.3, 0.4, n)
    v = rng.uniform(0.01, 0.1, n)
    return labels, y, v, seed


@settings(max_examples=60, deadline=None)
@given(nested_data(), st.lists(st.floats(0.0, 0.5), min_size=3, max_size=3))
def test_block_inverse_equals_dense_algebra(
    data: tuple[list[list[int]], np.ndarray, np.ndarray, int], s2: list[float]
) -> None:
    labels, y, v, _ = data
    codes = nest_codes([np.asarray(lab, dtype=object) for lab in labels])
    structure = build_structure(codes)
    o = structure.order
    sigma2 = np.asarray(s2[: len(labels)])
    dense = np.diag(v[o])
    for s, code in zip(sigma2, codes, strict=True):
        c = code[o]
        dense += s * (c[:, None] == c[None, :])
    inv = inverse(structure, v[o], sigma2)
    b = np.column_stack([y[o], np.ones(len(y))])
    np.testing.assert_allclose(inv.solve(b), np.linalg.solve(dense, b), rtol=1e-9, atol=1e-9)
    assert inv.logdet == pytest.approx(np.linalg.slogdet(dense)[1], rel=1e-10, abs=1e-10)
    dinv = np.linalg.inv(dense)
    for lev, code in enumerate(codes):
        c = code[o]
        zz = (c[:, None] == c[None, :]).astype(float)
        assert inv.trace_zz(lev) == pytest.approx(np.trace(dinv @ zz), rel=1e-9)
    # the analytic score equals a central difference of the log-likelihood
    x = np.ones((len(y), 1))
    point = sigma2 + 0.05
    ev = evaluate(structure, y[o], v[o], x, point, True)
    for lev in range(len(point)):
        e = np.zeros(len(point))
        e[lev] = 1e-6
        up = evaluate(structure, y[o], v[o], x, point + e, True, with_score=False).loglik
        down = evaluate(structure, y[o], v[o], x, point - e, True, with_score=False).loglik
        assert ev.score[lev] == pytest.approx((up - down) / 2e-6, rel=1e-5, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(nested_data(), st.randoms(use_true_random=False))
def test_fit_is_invariant_to_row_order_and_labels(
    data: tuple[list[list[int]], np.ndarray, np.ndarray, int], rnd: Any
) -> None:
    labels, y, v, _ = data
    if len({tuple(r) for r in zip(*labels, strict=True)}) < len(y):
        labels = [*labels, list(range(len(y)))]
    perm = list(range(len(y)))
    rnd.shuffle(perm)
    structure = build_structure(nest_codes([np.asarray(lab, dtype=object) for lab in labels]))
    counts = structure.n_groups
    # not identifiable designs are covered by the bad-input tests
    assume(counts[0] >= 2 and all(a != b for a, b in itertools.pairwise(counts)))
    a = multilevel_meta_analysis(y, v, labels)
    relabelled = [[f"g{x}" for x in (lab[i] for i in perm)] for lab in labels]
    b = multilevel_meta_analysis(y[perm], v[perm], relabelled)
    assert a.converged
    assert b.converged
    assert b.estimate == pytest.approx(a.estimate, rel=1e-6, abs=1e-8)
    assert b.loglik == pytest.approx(a.loglik, rel=1e-9, abs=1e-9)
    np.testing.assert_allclose(b.sigma2, a.sigma2, rtol=1e-4, atol=1e-7)


def test_interior_component_revived_from_the_boundary_converges_to_rma_mv() -> None:
    # hypothesis case (6.170): the outermost component was snapped to 0, had a positive
    # score there and was revived at 1e-4 * scale, where the likelihood in log sigma2
    # is flat and not concave; Newton's gradient fallback then crawled for 100 steps.
    # The maximum is inside (sigma2[0] ~ 9.0e-4), sigma2[1] is on the boundary.
    groups = [
        [0, 0, 0, 0, 0, 1, 1, 1, 1],
        [0, 1, 1, 1, 1, 0, 1, 1, 1],
        [0, 0, 1, 2, 3, 0, 0, 1, 2],
    ]
    yi = [0.24311213, 0.5426645, 0.10314319, 0.24022453, 0.30964183]
    yi += [0.52772789, 0.30445723, 0.14660221, 0.63827684]
    vi = [0.06071679, 0.06061636, 0.03194034, 0.09145606, 0.06578542]
    vi += [0.03553126, 0.03395537, 0.03620878, 0.014988]
    # metafor 3.8-1: dat <- data.frame(l1 = groups[1], l2 = groups[2], l3 = groups[3], yi, vi)
    # rma.mv(yi, vi, random = ~ 1 | l1/l2/l3, data = dat,
    #        control = list(optimizer = "Nelder-Mead", reltol = 1e-15, maxit = 100000))
    # (the highest logLik of R's optimisers; rel.tol = 1e-12 with nlminb stops with
    # convergence = 1, the default nlminb gives sigma2[0] = 0.000902419826 at a lower logLik)
    r_sigma2 = [0.000902432292866467, 0.0, 0.0170379031962443]
    r_beta = 0.363594272287405
    r_se = 0.0828598881352946
    r_loglik = 0.799376421955214
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = multilevel_meta_analysis(yi, vi, groups)
    assert res.converged
    assert res.sigma2[1] == 0.0
    assert_close(res.sigma2, r_sigma2, "mv_fit", "sigma2")
    assert_close(res.coefficients["estimate"], [r_beta], "mv_fit", "beta")
    assert_close(res.coefficients["se"], [r_se], "mv_fit", "se")
    assert res.loglik >= r_loglik - 1e-10


def test_higher_maximum_with_a_component_at_zero_is_taken_as_rma_mv() -> None:
    # sweep case: ML has an interior local maximum at sigma2 = (0.0695, 0, 0.0204),
    # logLik -7.9304 (metafor's uobyqa stops there too) and the global one on the
    # boundary sigma2[0] = 0, logLik -7.8494, which rma.mv's default nlminb finds
    groups = [
        [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 4, 5, 5, 5, 5],
        [0, 0, 1, 1, 1, 2, 2, 0, 0, 1, 2, 0, 0, 0, 1, 1, 1, 1, 2, 0, 0, 0, 0, 0, 0],
        [0, 1, 0, 1, 2, 0, 1, 0, 1, 0, 0, 0, 1, 2, 0, 1, 2, 3, 0, 0, 0, 0, 1, 2, 3],
    ]
    yi = [
        0.03397065541187,
        0.6295636853784234,
        0.7131115787077067,
        0.28096887693748435,
        -0.11776318759313997,
        0.22292871402851408,
        0.49401309689784106,
        0.03736984444859082,
        0.6303091101380089,
        0.4776301105613683,
        0.07710072109512181,
        0.31040908908594306,
        0.43495214256605874,
        0.11886594334965778,
        0.6491452273550283,
        0.43741208437624424,
        0.3329743565815352,
        -0.27484585347559815,
        0.11612475379747855,
        1.1423152858611736,
        0.9345791740287719,
        0.06438719446599334,
        0.21118575928978656,
        0.506249624124093,
        0.36143502997839716,
    ]
    vi = [
        0.05193296235369654,
        0.03943875502498682,
        0.04802026042707057,
        0.03127280695977314,
        0.0589459584359743,
        0.08395469277391383,
        0.08971982954590235,
        0.02223582312475208,
        0.09318162526357371,
        0.09092595095002139,
        0.06504443724166094,
        0.08585739335962596,
        0.0889399981873671,
        0.0948991469673628,
        0.07410812305083257,
        0.02977295269643688,
        0.011476304963943746,
        0.09163217700228597,
        0.0850731059782033,
        0.022584548811099284,
        0.08275657012917499,
        0.07292550476155114,
        0.0824754462044018,
        0.07839514641649763,
        0.04067252839467728,
    ]
    # metafor 3.8-1: dat <- data.frame(l1 = groups[1], l2 = groups[2], l3 = groups[3], yi, vi)
    # rma.mv(yi, vi, random = ~ 1 | l1/l2/l3, data = dat, method = "ML")
    r_sigma2 = [2.47651443850061e-11, 0.0, 0.0596952001746628]
    r_beta = 0.365549238547671
    r_se = 0.068673108863531
    r_loglik = -7.84935298634142
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = multilevel_meta_analysis(yi, vi, groups, method="ML")
    assert res.converged
    assert res.sigma2[:2] == (0.0, 0.0)
    assert_close(res.sigma2, r_sigma2, "mv_fit", "sigma2")
    assert_close(res.coefficients["estimate"], [r_beta], "mv_fit", "beta")
    assert_close(res.coefficients["se"], [r_se], "mv_fit", "se")
    assert res.loglik >= r_loglik - 1e-10


def test_swap_of_the_component_at_zero_finds_the_higher_maximum() -> None:
    # sweep case: ML maxima at sigma2 = (0.0121, 0, 0), logLik 0.38853, and at
    # (0, 0.00988, 0), logLik 0.39046; reaching the second one needs sigma2[0] set to 0
    # and sigma2[1] freed at the same time
    groups = [
        [0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4],
        [0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
        [0, 0, 1, 0, 1, 0, 1, 2, 3, 0, 1, 0, 1, 2, 3, 0, 1, 2, 3],
    ]
    yi = [
        0.28283790799836617,
        0.37612152792445963,
        0.41436909367202124,
        0.6107775800028054,
        0.6511895506267321,
        0.3357303465049617,
        0.031038734732839635,
        0.48144744876067347,
        0.09780619831889556,
        0.7950804976264988,
        -0.013178536989921108,
        -0.0015996837634550953,
        0.1658888789203993,
        0.1956959684780847,
        0.20670090466411006,
        0.13497902983258062,
        -0.22693057604682393,
        0.15195278545861504,
        0.1400223842787809,
    ]
    vi = [
        0.024902347728293237,
        0.01915917378831656,
        0.03951986162081507,
        0.05439376139900136,
        0.045462730299513504,
        0.08870634363444699,
        0.09640138299060516,
        0.06294525366351555,
        0.01653379927072189,
        0.061980487079102996,
        0.047346693164330156,
        0.04499713007776533,
        0.08316215305838244,
        0.01730660557575627,
        0.05063333581099827,
        0.09036959903275837,
        0.06088587157620416,
        0.08682846720339203,
        0.06138470347960782,
    ]
    # metafor 3.8-1: dat <- data.frame(l1 = groups[1], l2 = groups[2], l3 = groups[3], yi, vi)
    # rma.mv(yi, vi, random = ~ 1 | l1/l2/l3, data = dat, method = "ML",
    #        control = list(optimizer = "Nelder-Mead", reltol = 1e-15, maxit = 100000))
    # (the default nlminb stops with convergence = 1 here)
    r_sigma2 = [0.0, 0.00987698565703705, 0.0]
    r_beta = 0.265547556195752
    r_se = 0.0611482885603372
    r_loglik = 0.390458250876064
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = multilevel_meta_analysis(yi, vi, groups, method="ML")
    assert res.converged
    assert_close(res.sigma2, r_sigma2, "mv_fit", "sigma2")
    assert_close(res.coefficients["estimate"], [r_beta], "mv_fit", "beta")
    assert_close(res.coefficients["se"], [r_se], "mv_fit", "se")
    assert res.loglik >= r_loglik - 1e-10


def test_fit_components_reports_each_fixed_component() -> None:
    args = model_args("konstantopoulos2011_reml_z")
    codes = nest_codes([np.asarray(g, dtype=object) for g in args["groups"]])
    structure = build_structure(codes)
    o = structure.order
    y = np.asarray(args["yi"])[o]
    v = np.asarray(args["vi"])[o]
    fit = fit_components(structure, y, v, np.ones((len(y), 1)), True, {0: 0.0})
    assert fit.sigma2[0] == 0.0
    assert fit.sigma2[1] > 0
    assert fit.converged


def test_groups_as_dataframe_columns() -> None:
    args = model_args("konstantopoulos2011_reml_z")
    frame = pd.DataFrame({g.name: g for g in args["groups"]})
    res = multilevel_meta_analysis(args["yi"], args["vi"], frame)
    assert res.group_names == ("district", "school")
    assert res.sigma2 == pytest.approx(fitted("konstantopoulos2011_reml_z").sigma2, rel=1e-12)


def test_all_components_on_the_boundary_give_the_fixed_effect_estimate() -> None:
    # effects far less spread than their sampling variances: every sigma2 is 0
    y = np.array([0.20, 0.21, 0.19, 0.20, 0.22, 0.18, 0.20, 0.21])
    v = np.array([0.5, 0.4, 0.6, 0.5, 0.45, 0.55, 0.5, 0.4])
    groups = [[1, 1, 1, 1, 2, 2, 2, 2], [1, 1, 2, 2, 1, 1, 2, 2], list(range(8))]
    res = multilevel_meta_analysis(y, v, groups)
    assert res.converged
    assert res.sigma2 == (0.0, 0.0, 0.0)
    w = 1 / v
    assert res.estimate == pytest.approx(float(np.sum(w * y) / np.sum(w)), rel=1e-12)
    assert res.se == pytest.approx(float(1 / np.sqrt(np.sum(w))), rel=1e-12)
