"""summary() texts of the stats results in Dutch and English (catalogue labels).

Real data: dat.bcg (Colditz et al., 1994, via metafor's metadat; tests/data/bcg.csv,
log risk ratios). The numbers in the expected lines are metafor's printout for
the same models (``rma(yi, vi, data = dat.bcg)`` prints tau^2 = 0.3132 (SE =
0.1664), I^2 = 92.22%, Q(df = 12) = 152.2330 and estimate -0.7145); what these
tests pin is the wording and layout in each language, and that numbers keep a
decimal point in Dutch as in the ``watwerkt meta`` table.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from watwerkt import stats
from watwerkt.messages import CATALOGUE, set_language

BCG = pd.read_csv(Path(__file__).parents[1] / "data" / "bcg.csv")
Y, V = BCG["yi"].to_numpy(), BCG["vi"].to_numpy()


def test_meta_analysis_summary_in_both_languages() -> None:
    res = stats.meta_analysis(Y, V)
    nl = res.summary("nl").splitlines()
    assert nl[:6] == [
        "Random-effectsmodel (k = 13; tau^2-schatter: REML)",
        "",
        "tau^2 (geschatte totale heterogeniteit):              0.3132 (SE = 0.1664)",
        "tau (wortel uit de geschatte tau^2):                  0.5597",
        "I^2 (totale heterogeniteit / totale variabiliteit):   92.22%",
        "H^2 (totale variabiliteit / steekproefvariabiliteit): 12.86",
    ]
    assert nl[7:] == [
        "Toets op heterogeniteit:",
        "Q(df = 12) = 152.2330, p-val < .0001",
        "",
        "Modelresultaten:",
        "",
        "schatting       se     zval     pval    ci.lb    ci.ub",
        "  -0.7145   0.1798  -3.9744   <.0001  -1.0669  -0.3622",
        "",
        "95%-voorspellingsinterval: [-1.8667, 0.4376]",
        "95%-BI van tau^2 (Q-profiel): [0.1197, 1.1115]; I^2: [81.92%, 97.68%]; "
        "H^2: [5.53, 43.07]",
    ]
    en = res.summary("en").splitlines()
    assert en[:6] == [
        "Random-effects model (k = 13; tau^2 estimator: REML)",
        "",
        "tau^2 (estimated amount of total heterogeneity): 0.3132 (SE = 0.1664)",
        "tau (square root of estimated tau^2 value):      0.5597",
        "I^2 (total heterogeneity / total variability):   92.22%",
        "H^2 (total variability / sampling variability):  12.86",
    ]
    assert en[7:] == [
        "Test for Heterogeneity:",
        "Q(df = 12) = 152.2330, p-val < .0001",
        "",
        "Model Results:",
        "",
        " estimate       se     zval     pval    ci.lb    ci.ub",
        "  -0.7145   0.1798  -3.9744   <.0001  -1.0669  -0.3622",
        "",
        "95% prediction interval: [-1.8667, 0.4376]",
        "95% CI of tau^2 (Q-profile): [0.1197, 1.1115]; I^2: [81.92%, 97.68%]; H^2: [5.53, 43.07]",
    ]


def test_default_language_is_the_process_language() -> None:
    res = stats.meta_analysis(Y, V, method="FE")
    assert res.summary().splitlines()[0] == "Common-effectmodel (k = 13; tau^2-schatter: FE)"
    set_language("en")
    assert res.summary().splitlines()[0] == "Common-effect model (k = 13; tau^2 estimator: FE)"


def test_meta_regression_summary() -> None:
    res = stats.meta_regression(Y, V, BCG[["ablat"]])
    nl, en = res.summary("nl").splitlines(), res.summary("en").splitlines()
    assert nl[0] == "Mixed-effectsmodel (k = 13; tau^2-schatter: REML)"
    assert nl[2] == "tau^2 (geschatte resterende heterogeniteit):                  0.0763"
    assert nl[5] == "R^2 (verklaarde heterogeniteit):                              75.63%"
    assert "Toets van de moderatoren:" in nl
    assert "          schatting       se     zval     pval    ci.lb    ci.ub" in nl
    assert "ablat       -0.0291   0.0072  -4.0445   <.0001  -0.0432  -0.0150" in nl
    assert en[0] == "Mixed-effects model (k = 13; tau^2 estimator: REML)"
    assert en[2:6] == [
        "tau^2 (estimated amount of residual heterogeneity):     0.0763",
        "I^2 (residual heterogeneity / unaccounted variability): 68.39%",
        "H^2 (unaccounted variability / sampling variability):   3.16",
        "R^2 (amount of heterogeneity accounted for):            75.63%",
    ]
    assert "QE(df = 11) = 30.7331, p-val = 0.0012" in en
    assert "QM(df = 1) = 16.3582, p-val < .0001" in nl


def test_bias_summaries() -> None:
    egger = stats.egger_test(Y, V)
    assert egger.summary("nl").splitlines() == [
        "Regressietoets op asymmetrie van de funnelplot",
        "",
        "Model:       mixed-effects meta-regressiemodel (REML)",
        "Voorspeller: sei",
        "",
        "Toets op asymmetrie van de funnelplot: z = -0.8033, p = 0.4218",
        "Limietschatting (als sei -> 0):   b = -0.5104 (BI: -1.1182, 0.0974)",
    ]
    assert egger.summary("en").splitlines()[2:4] == [
        "Model:     mixed-effects meta-regression model (REML)",
        "Predictor: sei",
    ]
    rank = stats.rank_test(Y, V)
    assert rank.summary("nl").splitlines()[-1] == (
        "Kendalls tau = 0.0256, p = 0.9524 (exact, k = 13)"
    )
    assert rank.summary("en").splitlines()[0] == "Rank Correlation Test for Funnel Plot Asymmetry"
    tf = stats.trim_and_fill(Y, V)
    assert tf.summary("nl").splitlines()[0] == (
        "Geschat aantal ontbrekende studies aan de rechterkant: 1 (SE = 2.4528)"
    )
    assert tf.summary("en").splitlines()[0] == (
        "Estimated number of missing studies on the right side: 1 (SE = 2.4528)"
    )
    fsn = stats.fail_safe_n(Y, V)
    assert fsn.summary("nl").splitlines() == [
        "Fail-safe N volgens de methode van Rosenthal",
        "",
        "Waargenomen significantieniveau: <.0001",
        "Beoogd significantieniveau:      0.05",
        "",
        "Fail-safe N: 598",
    ]
    assert fsn.summary("en").splitlines()[2:4] == [
        "Observed Significance Level: <.0001",
        "Target Significance Level:   0.05",
    ]


def test_mantel_haenszel_and_peto_summaries() -> None:
    mh = stats.mantel_haenszel(BCG["ai"], BCG["bi"], BCG["ci"], BCG["di"], "OR")
    nl, en = mh.summary("nl").splitlines(), mh.summary("en").splitlines()
    assert nl[0] == "Equal-effectsmodel (Mantel-Haenszel; k = 13)"
    assert "Modelresultaten (OR-schaal):" in nl
    assert "schatting = 0.6229, 95%-BI [0.5748, 0.6750]" in nl
    assert nl[-2:] == [
        "Cochran-Mantel-Haenszel-toets:   CMH = 135.6889, df = 1, p-val = 2.334e-31",
        "Tarones toets op heterogeniteit: X^2 = 171.7567, df = 12, p-val = 2.087e-30",
    ]
    assert "Model Results (OR scale):" in en
    assert "estimate = 0.6229, 95% CI [0.5748, 0.6750]" in en
    assert en[-1].startswith("Tarone's Test for Heterogeneity: X^2 = 171.7567")
    peto = stats.peto(BCG["ai"], BCG["bi"], BCG["ci"], BCG["di"])
    assert peto.summary("nl").splitlines()[0] == "Equal-effectsmodel (Peto; k = 13)"
    assert peto.summary("en").splitlines()[0] == "Equal-Effects Model (Peto; k = 13)"


def test_subgroup_summary() -> None:
    res = stats.subgroup_analysis(Y, V, BCG["alloc"])
    nl, en = res.summary("nl").splitlines(), res.summary("en").splitlines()
    assert nl[:3] == [
        "Subgroepanalyse (k = 13; tau^2-schatter: REML; toets: z)",
        "",
        "groep         k schatting    ci.lb    ci.ub    tau^2",
    ]
    assert en[2] == "group         k  estimate    ci.lb    ci.ub    tau^2"
    assert nl[3] == en[3] == "alternate     2   -0.5408  -1.0927   0.0111   0.1326"
    assert "Toets op verschillen tussen subgroepen (aparte tau^2, RevMan):" in nl
    assert "Test for subgroup differences (separate tau^2, RevMan):" in en


def test_vote_count_summary() -> None:
    res = stats.vote_count(np.sign(Y).astype(int))
    assert res.summary("nl").splitlines() == [
        "Stemmen tellen op de richting van het effect (k = 13)",
        "positief: 2, negatief: 11, geen duidelijke richting: 0, ontbrekend: 0",
        "aandeel positief = 0.1538 (2/13), 95%-BI (Wilson) [0.0433, 0.4223]",
        "tekentoets (exact binomiaal, tweezijdig): p-val = 0.02246",
    ]
    assert res.summary("en").splitlines()[2] == (
        "proportion positive = 0.1538 (2/13), 95% CI (Wilson) [0.0433, 0.4223]"
    )


def test_multilevel_and_robust_summaries() -> None:
    ml = stats.multilevel_meta_analysis(Y, V, BCG[["alloc", "trial"]])
    nl, en = ml.summary("nl").splitlines(), ml.summary("en").splitlines()
    assert nl[0] == "Multivariaat meta-analysemodel (k = 13; methode: REML)"
    assert "Variantiecomponenten:" in nl
    assert "totale I2: 92.4%" in nl
    assert "Toets van het intercept: QM(df = 1) = 13.4004, p = 0.0002516" in nl
    assert nl[-1] == "Voorspellingsinterval: [-1.8792, 0.4712]"
    assert en[0] == "Multivariate Meta-Analysis Model (k = 13; method: REML)"
    assert "Test of Intercept: QM(df = 1) = 13.4004, p = 0.0002516" in en
    rob = stats.robust(ml, BCG["alloc"])
    assert rob.summary("nl").splitlines()[0] == (
        "Clusterrobuuste inferentie (CR1, df = clusters - p); k = 13, clusters = 3"
    )
    assert rob.summary("en").splitlines()[2] == (
        "Test of Moderators: F(df1 = 1, df2 = 2) = 14.2479, p = 0.06357"
    )


def test_influence_summary_explains_the_star_when_there_is_one() -> None:
    res = stats.influence(Y, V)
    assert not any(res.influential)  # dat.bcg has no influential study (as metafor)
    assert "*" not in res.summary("nl")
    y = np.append(Y, 4.0)  # synthetic outlier added to the real data (labelled synthetic)
    v = np.append(V, 0.01)
    star = stats.influence(y, v)
    assert star.summary("nl").splitlines()[-1] == "* invloedrijk (als metafors influence())"
    assert star.summary("en").splitlines()[-1] == "* influential (as metafor's influence())"


@pytest.mark.parametrize("key", sorted(k for k in CATALOGUE if k.startswith("stats.summary.")))
def test_summary_keys_are_used(key: str) -> None:
    """Every catalogue summary label is used by a summary() (no dead keys)."""
    name = key.removeprefix("stats.summary.")
    sources = "".join(
        p.read_text(encoding="utf-8") for p in (Path(stats.__file__).parent).glob("*.py")
    )
    assert f'"{name}"' in sources or f"'{name}'" in sources
