"""Findings: the example dossier against metafor, and constructed cases against the stats core.

Expected values come from outside the synthesis layer: metafor's rma() on
dat.landenberger2005 (tests/reference/scripts/synthesis.R), or a direct call
of the stats function on rows picked by hand.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from tests.conftest import EXAMPLE_DOSSIER, assert_close, load_reference
from tests.synthesis.synthetic import make_dossier, make_evidence, row
from watwerkt.errors import ConvergenceError
from watwerkt.stats import (
    egger_test,
    meta_analysis,
    multilevel_meta_analysis,
    robust,
    subgroup_analysis,
    trim_and_fill,
)
from watwerkt.synthesis import findings as findings_module
from watwerkt.synthesis.evidence import collect_evidence
from watwerkt.synthesis.findings import FRAME_FIELDS, Synthesis, synthesize

REF = load_reference("synthesis")


@pytest.fixture(scope="module")
def example() -> Synthesis:
    return synthesize(collect_evidence(EXAMPLE_DOSSIER))


# ------------------------------------------------------------- example dossier


def test_overall_recidivism_equals_metafor_rma_reml(example: Synthesis) -> None:
    ref = REF["overall"]
    f = example.finding(None, "recidive")
    assert (f.k, f.n_studies, f.n_participants) == (58, 58, ref["n_participants"])
    assert f.model == "random_effects"
    # metafor's log OR is intervention vs control; recidivism should decrease, so ours is -yi.
    assert_close(f.estimate, -ref["estimate"], "estimate")
    assert_close(f.se, ref["se"], "se")
    assert_close(f.pvalue, ref["pvalue"], "pvalue")
    assert_close([f.ci_lower, f.ci_upper], [-ref["ci_upper"], -ref["ci_lower"]], "ci")
    assert_close([f.pi_lower, f.pi_upper], [-ref["pi_upper"], -ref["pi_lower"]], "ci")
    assert_close(f.tau2, ref["tau2"], "tau2")
    assert_close(f.i2, ref["i2"], "i2")
    assert_close([f.q, f.q_pvalue], [ref["q"], ref["q_pvalue"]], "q")
    assert f.sensitivity is not None
    assert_close([f.sensitivity.loo_min, f.sensitivity.loo_max],
                 [-ref["loo_max"], -ref["loo_min"]], "estimate")  # fmt: skip
    assert f.unused_rows == ()
    assert len(f.effect_rows) == 58


def test_overall_small_study_checks_equal_metafor_regtest_and_trimfill(example: Synthesis) -> None:
    ref = REF["overall"]
    sens = example.finding(None, "recidive").sensitivity
    assert sens is not None
    # Egger's test is invariant to the sign flip; trim-and-fill mirrors it: metafor fills
    # on the right of -yi, so on our scale the same 16 studies are filled on the left.
    assert_close(sens.egger_pvalue, ref["egger_pvalue"], "pvalue")
    assert (sens.trim_fill_k0, ref["trimfill_side"]) == (ref["trimfill_k0"], "right")
    assert_close(sens.trim_fill_estimate, -ref["trimfill_estimate"], "estimate")


@pytest.mark.parametrize("principle", sorted(REF["principles"]))
def test_principle_finding_and_contrast_equal_metafor(example: Synthesis, principle: str) -> None:
    ref = REF["principles"][principle]
    f = example.finding(principle, "recidive")
    assert f.k == ref["k"]
    assert f.n_participants == ref["n_participants"]
    assert_close(f.estimate, -ref["estimate"], "estimate")
    assert_close([f.ci_lower, f.ci_upper], [-ref["ci_upper"], -ref["ci_lower"]], "ci")
    assert_close(f.tau2, ref["tau2"], "tau2")
    mc = f.moderator_contrast
    assert mc is not None
    assert mc.method == "subgroup"
    assert (mc.k_with, mc.k_without) == (ref["k"], ref["k_without"])
    assert_close(mc.estimate_without, -ref["estimate_without"], "estimate")
    assert_close(mc.difference, -ref["difference"], "estimate")
    assert_close(mc.se, ref["difference_se"], "se")
    assert_close(mc.pvalue, ref["difference_pvalue"], "pvalue")


def test_example_certainty_starts_low_and_counts_unassessed_risk_of_bias(
    example: Synthesis,
) -> None:
    # 19 of 58 studies are randomised; with metafor's tau2 their share of the weight:
    table = example.effects
    w = 1 / (table["vi"].to_numpy() + REF["overall"]["tau2"])
    share = w[(table["design"] == "rct").to_numpy()].sum() / w.sum()
    assert share < 0.5
    f = example.finding(None, "recidive")
    assert f.certainty is not None
    assert f.certainty.starting_level.value == "low"
    changes = {r.domain: r.change for r in f.certainty.reasons}
    assert changes["risk_of_bias"] == -1  # no study of the example has a RoB judgement
    # I2 = 70.6 % (metafor) and the PI crosses 0 -> serious inconsistency
    assert changes["inconsistency"] == -1
    # Egger p = 0.0066 (metafor regtest) < 0.10 with k = 58 >= 10 -> publication bias
    assert changes["publication_bias"] == -1
    assert f.certainty.level.value == "very_low"
    assert f.conclusion is not None
    assert f.conclusion.nl.startswith("Het is onzeker of de interventies recidive verminderen")


def test_every_principle_and_outcome_has_a_finding(example: Synthesis) -> None:
    pairs = [(f.principle, f.outcome) for f in example.findings]
    assert pairs[0] == (None, "recidive")
    assert len(pairs) == 1 + 11
    assert len(set(pairs)) == len(pairs)


def test_findings_json_has_the_promised_keys(example: Synthesis) -> None:
    data = json.loads(json.dumps(example.to_dict(), allow_nan=False))
    first = data["findings"][1]
    for key in ("principle", "outcome", "k", "n_studies", "n_participants", "estimate",
                "ci_lower", "ci_upper", "pi_lower", "pi_upper", "moderator_contrast"):  # fmt: skip
        assert key in first
    assert set(first["certainty"]) >= {"level", "reasons"}
    assert first["certainty"]["level"] in {"high", "moderate", "low", "very_low"}
    assert set(first["conclusion"]) == {"nl", "en"}


def test_to_frame_has_one_row_per_finding(example: Synthesis) -> None:
    frame = example.to_frame()
    assert len(frame) == len(example.findings)
    assert set(FRAME_FIELDS) <= set(frame.columns)
    row = frame.iloc[0]
    assert row["estimate"] == example.findings[0].estimate


# ------------------------------------------------------------ constructed cases

ROWS = [
    row(study="a", outcome="welzijn", principles=("contact",), yi=0.50, vi=0.04, n=100, rob="low"),
    row(study="b", outcome="welzijn", principles=("contact",), yi=0.10, vi=0.02, n=200),
    row(study="c", outcome="welzijn", principles=("contact", "zingeving"), yi=0.35, vi=0.05,
         n=80, rob="low"),
    row(study="d", outcome="welzijn", principles=("zingeving",), yi=-0.05, vi=0.03, n=150),
    row(study="e", outcome="welzijn", principles=(), yi=0.05, vi=0.06, n=60, rob="high"),
    row(study="f", outcome="welzijn", principles=("contact",), direction="favours_intervention"),
    row(study="g", outcome="welzijn", principles=("contact",), direction="favours_comparison"),
    row(study="h", outcome="welzijn", principles=("contact",), direction="favours_intervention"),
    row(study="i", outcome="welzijn", principles=("contact",), measure="MD", yi=3.0, vi=1.0),
]  # fmt: skip


@pytest.fixture(scope="module")
def constructed() -> Synthesis:
    return synthesize(make_evidence(make_dossier(), ROWS))


def test_pooled_estimate_equals_meta_analysis_on_the_rows_with_the_principle(
    constructed: Synthesis,
) -> None:
    f = constructed.finding("contact", "welzijn")
    res = meta_analysis([0.50, 0.10, 0.35], [0.04, 0.02, 0.05])  # studies a, b, c
    assert f.k == 3
    assert_close(f.estimate, res.estimate, "estimate")
    assert_close([f.ci_lower, f.ci_upper, f.pi_lower, f.pi_upper],
                 [res.ci_lower, res.ci_upper, res.pi_lower, res.pi_upper], "ci")  # fmt: skip
    assert f.n_participants == 100 + 200 + 80
    # every study behind it is listed, including the direction-only and unusable ones
    assert f.studies == ("a", "b", "c", "f", "g", "h", "i")
    assert f.n_studies == 7


def test_contrast_is_the_wald_test_of_two_subgroup_fits(constructed: Synthesis) -> None:
    f = constructed.finding("contact", "welzijn")
    with_ = meta_analysis([0.50, 0.10, 0.35], [0.04, 0.02, 0.05])
    without = meta_analysis([-0.05, 0.05], [0.03, 0.06])  # studies d, e
    mc = f.moderator_contrast
    assert mc is not None
    diff = with_.estimate - without.estimate
    se = math.sqrt(with_.se**2 + without.se**2)
    assert_close([mc.difference, mc.se], [diff, se], "estimate")
    assert_close(mc.pvalue, 2 * sps.norm.sf(abs(diff / se)), "pvalue")
    assert (mc.k_with, mc.k_without) == (3, 2)


def test_contrast_equals_the_revman_test_of_stats_subgroup_analysis(
    constructed: Synthesis,
) -> None:
    mc = constructed.finding("contact", "welzijn").moderator_contrast
    assert mc is not None
    assert mc.statistic is not None
    res = subgroup_analysis(
        [0.50, 0.10, 0.35, -0.05, 0.05],
        [0.04, 0.02, 0.05, 0.03, 0.06],
        ["with", "with", "with", "without", "without"],
    )
    assert_close(mc.statistic**2, res.q_between, "q")
    assert_close(mc.pvalue, res.q_between_pvalue, "pvalue")


def test_votes_and_unused_rows_are_accounted_for(constructed: Synthesis) -> None:
    f = constructed.finding("contact", "welzijn")
    assert (f.votes_favouring, f.votes_against, f.votes_no_difference) == (2, 1, 0)
    reasons = {(u.study, u.reason) for u in f.unused_rows}
    assert reasons == {
        ("f", "direction_only"), ("g", "direction_only"), ("h", "direction_only"),
        ("i", "measure_mismatch:MD"),
    }  # fmt: skip
    assert len(f.effect_rows) == 7


def test_low_risk_of_bias_sensitivity_pools_only_low_risk_studies(constructed: Synthesis) -> None:
    f = constructed.finding("contact", "welzijn")
    low = meta_analysis([0.50, 0.35], [0.04, 0.05])  # a and c are at low risk
    assert f.sensitivity is not None
    assert f.sensitivity.low_rob_k == 2
    assert_close(f.sensitivity.low_rob_estimate, low.estimate, "estimate")
    loo = [meta_analysis(np.delete([0.50, 0.10, 0.35], j), np.delete([0.04, 0.02, 0.05], j))
           for j in range(3)]  # fmt: skip
    estimates = [r.estimate for r in loo]
    assert_close([f.sensitivity.loo_min, f.sensitivity.loo_max],
                 [min(estimates), max(estimates)], "estimate")  # fmt: skip


def test_overall_finding_uses_every_usable_row(constructed: Synthesis) -> None:
    f = constructed.finding(None, "welzijn")
    res = meta_analysis([0.50, 0.10, 0.35, -0.05, 0.05], [0.04, 0.02, 0.05, 0.03, 0.06])
    assert f.k == 5
    assert_close(f.estimate, res.estimate, "estimate")
    assert f.moderator_contrast is None


def test_a_principle_without_studies_is_a_finding_with_nothing_pooled() -> None:
    dossier = make_dossier(principles=("contact", "leeg"))
    s = synthesize(make_evidence(dossier, ROWS[:2]))
    f = s.finding("leeg", "welzijn")
    assert (f.k, f.n_studies, f.estimate, f.certainty) == (0, 0, None, None)
    assert f.conclusion is not None
    assert f.conclusion.en.startswith("No study with an effect size")


def test_several_effect_sizes_per_study_use_three_levels_with_robust_inference() -> None:
    rows = [
        row(study="a", outcome="welzijn", principles=("contact",), yi=0.50, vi=0.04),
        row(study="a", outcome="welzijn", principles=("contact",), yi=0.30, vi=0.05),
        row(study="b", outcome="welzijn", principles=("contact",), yi=0.10, vi=0.02),
        row(study="c", outcome="welzijn", principles=("contact",), yi=0.35, vi=0.05),
        row(study="c", outcome="welzijn", principles=("contact",), yi=0.20, vi=0.03),
        row(study="d", outcome="welzijn", principles=("contact",), yi=-0.05, vi=0.03),
    ]
    s = synthesize(make_evidence(make_dossier(), rows))
    f = s.finding("contact", "welzijn")
    yi = [0.50, 0.30, 0.10, 0.35, 0.20, -0.05]
    vi = [0.04, 0.05, 0.02, 0.05, 0.03, 0.03]
    study = ["a", "a", "b", "c", "c", "d"]
    fit = multilevel_meta_analysis(yi, vi, [study, list(range(6))])
    rob = robust(fit, study, small_sample="CR2")
    assert f.model == "three_level_robust"
    assert (f.k, f.n_studies) == (6, 4)
    assert_close([f.estimate, f.se], [rob.estimate, rob.se], "mv_fit")
    assert_close([f.ci_lower, f.ci_upper], [rob.ci_lower, rob.ci_upper], "mv_fit")
    assert_close([f.pi_lower, f.pi_upper], [fit.pi_lower, fit.pi_upper], "mv_fit")


def test_contrast_with_dependent_effect_sizes_is_a_robust_three_level_meta_regression() -> None:
    rows = [
        row("a", principles=("contact",), yi=0.50, vi=0.04),
        row("a", principles=("contact",), yi=0.30, vi=0.05),
        row("b", principles=("contact",), yi=0.40, vi=0.02),
        row("c", principles=(), yi=0.05, vi=0.05),
        row("c", principles=(), yi=0.20, vi=0.03),
        row("d", principles=(), yi=-0.05, vi=0.03),
        row("e", principles=("contact",), yi=0.25, vi=0.04),
    ]
    mc = synthesize(make_evidence(make_dossier(), rows)).finding("contact", "welzijn")
    contrast = mc.moderator_contrast
    assert contrast is not None
    # with-rows first, then without-rows, as the synthesis orders them
    yi = [0.50, 0.30, 0.40, 0.25, 0.05, 0.20, -0.05]
    vi = [0.04, 0.05, 0.02, 0.04, 0.05, 0.03, 0.03]
    study = ["a", "a", "b", "e", "c", "c", "d"]
    dummy = pd.DataFrame({"with_principle": [1.0, 1, 1, 1, 0, 0, 0]})
    fit = multilevel_meta_analysis(yi, vi, [study, list(range(7))], moderators=dummy)
    rob = robust(fit, study, small_sample="CR2")
    term = rob.coefficients.iloc[1]
    assert contrast.method == "meta_regression_three_level_robust"
    assert_close([contrast.difference, contrast.se, contrast.pvalue],
                 [term["estimate"], term["se"], term["pvalue"]], "mv_fit")  # fmt: skip


def test_pooled_effects_are_listed_for_forest_plots(example: Synthesis) -> None:
    f = example.finding("slachtofferbewustzijn", "recidive")
    assert [e.study for e in f.effects] == [
        "finn1998", "kirkpatrick1996", "knott1995", "motiuk1996", "washingtondoc1998",
        "landenberger2004", "berry1998",
    ]  # fmt: skip
    # Finn (1998) in coding.csv: ai=16, bi=66, ci=22, di=60 -> -log OR and its variance
    finn = f.effects[0]
    assert finn.yi == pytest.approx(-math.log((16 * 60) / (66 * 22)), rel=1e-12)
    assert finn.vi == pytest.approx(1 / 16 + 1 / 66 + 1 / 22 + 1 / 60, rel=1e-12)
    assert finn.n == 164


def test_effect_sizes_of_one_study_only_are_flagged() -> None:
    rows = [row("a", principles=("contact",), yi=0.5, vi=0.04),
            row("a", principles=("contact",), yi=0.3, vi=0.05)]  # fmt: skip
    f = synthesize(make_evidence(make_dossier(), rows)).finding("contact", "welzijn")
    assert f.notes == ("dependent_single_study",)


def test_summary_has_one_line_per_finding(constructed: Synthesis) -> None:
    lines = constructed.summary("en").splitlines()
    assert len(lines) == len(constructed.findings)
    f = constructed.finding("contact", "welzijn")
    assert f.certainty is not None
    # the numbers from an independent fit of studies a, b, c (as the test above)
    res = meta_analysis([0.50, 0.10, 0.35], [0.04, 0.02, 0.05])
    words = {"high": ("high", "hoog"), "moderate": ("moderate", "redelijk"),
             "low": ("low", "laag"), "very_low": ("very low", "zeer laag")}  # fmt: skip
    en, nl = words[f.certainty.level.value]
    interval = (res.estimate, res.ci_lower, res.ci_upper)
    line_en = "contact x welzijn: k = 3, estimate {:.3f} [{:.3f}, {:.3f}], certainty ".format(
        *interval
    )
    assert lines[1] == (line_en + en).replace("-", "\u2212")
    line_nl = "contact x welzijn: k = 3, schatting {:.3f} [{:.3f}; {:.3f}], zekerheid ".format(
        *interval
    ).replace(".", ",")
    assert constructed.summary("nl").splitlines()[1] == (line_nl + nl).replace("-", "\u2212")


def test_a_failed_three_level_fit_is_noted_not_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise ConvergenceError(
            "stats.bias.trimfill_no_convergence", function="multilevel", iterations=1
        )

    monkeypatch.setattr(findings_module, "multilevel_meta_analysis", fail)
    rows = [
        row("a", principles=("contact",), yi=0.50, vi=0.04),
        row("a", principles=("contact",), yi=0.30, vi=0.05),
        row("b", principles=("contact",), yi=0.10, vi=0.02),
    ]
    f = synthesize(make_evidence(make_dossier(), rows)).finding("contact", "welzijn")
    res = meta_analysis([0.50, 0.30, 0.10], [0.04, 0.05, 0.02])
    assert f.notes == ("three_level_failed",)
    assert f.model == "random_effects"
    assert_close(f.estimate, res.estimate, "estimate")


# ------------------------------------------------------- vote counting per cell


def test_sign_test_and_wilson_interval_equal_scipy_binomtest() -> None:
    # 9 studies favour the intervention, 1 favours the comparison, 2 show no difference
    # and 1 is mixed (no clear direction): the sign test runs on 9 of 10.
    directions = (
        ["favours_intervention"] * 9 + ["favours_comparison"] + ["no_difference"] * 2 + ["mixed"]
    )
    rows = [
        row(study=f"v{i}", principles=("contact",), direction=d) for i, d in enumerate(directions)
    ]
    rows += [row(study="w", principles=("zingeving",), yi=0.2, vi=0.04)]
    synthesis = synthesize(make_evidence(make_dossier(), rows), level=0.90)
    f = synthesis.finding("contact", "welzijn")
    assert (f.votes_favouring, f.votes_against, f.votes_no_difference) == (9, 1, 3)
    test = sps.binomtest(9, 10, 0.5, alternative="two-sided")
    ci = test.proportion_ci(confidence_level=0.90, method="wilson")
    assert_close(f.votes_pvalue, test.pvalue, "pvalue")
    assert_close([f.votes_ci_lower, f.votes_ci_upper], [ci.low, ci.high], "ci")
    data = f.to_dict()
    assert data["votes_pvalue"] == f.votes_pvalue
    assert (data["votes_ci_lower"], data["votes_ci_upper"]) == (ci.low, ci.high)
    # a cell without direction-only studies has no sign test
    g = synthesis.finding("zingeving", "welzijn")
    assert (g.votes_favouring, g.votes_pvalue, g.votes_ci_lower, g.votes_ci_upper) == (
        0, None, None, None,
    )  # fmt: skip


def test_sign_test_needs_a_vote_with_a_direction() -> None:
    rows = [
        row(study="v1", principles=("contact",), direction="no_difference"),
        row(study="v2", principles=("contact",), direction="mixed"),
    ]
    f = synthesize(make_evidence(make_dossier(), rows)).finding("contact", "welzijn")
    assert (f.votes_no_difference, f.votes_pvalue, f.votes_ci_lower) == (2, None, None)


# ------------------------------------------------------------------ indirectness

INDIRECT_ROWS = [
    row(study="a", principles=("contact",), yi=0.50, vi=0.04, n=500, indirectness="very_serious"),
    row(study="b", principles=("contact",), yi=0.10, vi=0.02, n=500, indirectness="serious"),
    row(study="c", principles=("contact",), yi=0.35, vi=0.05, n=500, indirectness="none"),
    row(study="d", principles=("zingeving",), yi=-0.05, vi=0.03, n=500),
    row(study="e", principles=("zingeving",), yi=0.05, vi=0.06, n=500),
]  # fmt: skip


def _reason(f: Any, domain: str) -> Any:
    assert f.certainty is not None
    return next(r for r in f.certainty.reasons if r.domain == domain)


def test_indirectness_is_judged_by_the_weight_of_rows_coded_indirect() -> None:
    synthesis = synthesize(make_evidence(make_dossier(), INDIRECT_ROWS), lang="en")
    vi = np.array([0.04, 0.02, 0.05])
    w = 1 / (vi + meta_analysis([0.50, 0.10, 0.35], vi).tau2)
    indirect = (w[0] + w[1]) / w.sum()  # a (very serious) and b (serious)
    assert indirect >= 0.5 > w[0] / w.sum()  # the case is what the test claims
    reason = _reason(synthesis.finding("contact", "welzijn"), "indirectness")
    assert reason.change == -1
    assert reason.explanation == (
        f"{100 * indirect:.0f}% of the weight comes from effects coded as seriously or very "
        "seriously indirect"
    )
    # d and e code nothing: not judged, and the reason says so
    reason = _reason(synthesis.finding("zingeving", "welzijn"), "indirectness")
    assert (reason.change, reason.explanation) == (0, "indirectness is not coded")


def test_indirectness_very_serious_majority_downgrades_two_levels() -> None:
    rows = [dict(r, indirectness="very_serious") if r["study"] == "b" else r for r in INDIRECT_ROWS]
    rows = [dict(r, indirectness="very_serious") if r["study"] == "a" else r for r in rows]
    f = synthesize(make_evidence(make_dossier(), rows), lang="en").finding("contact", "welzijn")
    assert _reason(f, "indirectness").change == -2


def test_indirectness_uncoded_rows_count_as_direct_in_the_overall_finding() -> None:
    synthesis = synthesize(make_evidence(make_dossier(), INDIRECT_ROWS), lang="en")
    vi = np.array([0.04, 0.02, 0.05, 0.03, 0.06])
    w = 1 / (vi + meta_analysis([0.50, 0.10, 0.35, -0.05, 0.05], vi).tau2)
    w = w / w.sum()
    assert w[0] + w[1] < 0.5  # a and b: 48% of the weight, d and e (uncoded) count as direct
    reason = _reason(synthesis.finding(None, "welzijn"), "indirectness")
    assert reason.change == 0
    assert reason.explanation == (
        f"indirectness coded for {100 * (w[0] + w[1] + w[2]):.0f}% of the weight; "
        f"{100 * (w[0] + w[1]):.0f}% comes from effects coded as indirect"
    )


# --------------------------------------------------------- small-study effects


@pytest.mark.parametrize("lean", [1.0, -1.0])
def test_small_study_checks_equal_stats_egger_and_trim_and_fill(lean: float) -> None:
    # 12 studies whose effects grow (lean=1) or shrink (lean=-1) with their standard error,
    # so trim-and-fill fills on the left or on the right; it must pick the side itself.
    rng = np.random.default_rng(7)
    vi = rng.uniform(0.01, 0.2, 12)
    yi = 0.2 + lean * 1.5 * np.sqrt(vi) + rng.normal(0, 0.05, 12)
    rows = [
        row(study=f"s{i}", principles=("contact",), yi=float(y), vi=float(v))
        for i, (y, v) in enumerate(zip(yi, vi, strict=True))
    ]
    synthesis = synthesize(make_evidence(make_dossier(), rows))
    egger = egger_test(yi, vi, method="REML")
    tf = trim_and_fill(yi, vi, method="REML")
    assert tf.side == ("left" if lean > 0 else "right")
    for f in (synthesis.finding(None, "welzijn"), synthesis.finding("contact", "welzijn")):
        sens = f.sensitivity
        assert sens is not None
        # the batch path reproduces the single fits to rounding (tests/stats/test_batch_bias.py)
        assert sens.egger_pvalue == pytest.approx(egger.pvalue, rel=1e-10, abs=1e-14)
        assert sens.trim_fill_k0 == tf.k0
        assert sens.trim_fill_estimate == pytest.approx(tf.estimate, rel=1e-10, abs=1e-14)
    assert tf.k0 > 0


def test_cells_with_the_same_rows_share_one_fit() -> None:
    # every row has 'contact': its cell has the overall cell's rows, fitted once
    rows = [
        row(study=s, principles=("contact",), yi=y, vi=v)
        for s, y, v in (("a", 0.5, 0.04), ("b", 0.1, 0.02), ("c", 0.35, 0.05), ("d", 0.2, 0.03))
    ]
    synthesis = synthesize(make_evidence(make_dossier(), rows))
    overall, contact = synthesis.finding(None, "welzijn"), synthesis.finding("contact", "welzijn")
    res = meta_analysis([0.5, 0.1, 0.35, 0.2], [0.04, 0.02, 0.05, 0.03])
    assert_close(contact.estimate, res.estimate, "estimate")
    assert (contact.estimate, contact.tau2, contact.ci_lower, contact.sensitivity) == (
        overall.estimate, overall.tau2, overall.ci_lower, overall.sensitivity,
    )  # fmt: skip
