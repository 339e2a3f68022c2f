"""Sensitivity of every finding: the batch route equals the per-cell single-fit route.

synthesize() computes leave-one-out, the low-risk-of-bias estimate, Egger's
test and trim-and-fill for all cells at once on batch paths. Here the same
numbers are recomputed cell by cell, in the test, with the single-fit
functions of the stats core (meta_analysis, egger_test, trim_and_fill) on
the rows each finding lists, and every field of each Sensitivity must agree
(floats to 1e-10 relative to max(1, |value|), counts and notes exactly).
Data: the example dossier (dossiers/recidive-cgt, Landenberger & Lipsey 2005)
and a SYNTHETIC dossier generated here with a fixed seed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.conftest import EXAMPLE_DOSSIER
from watwerkt.coding.sheet import CodedEffect
from watwerkt.errors import WatwerktError
from watwerkt.model import (
    Dossier,
    EffectEstimate,
    Finding,
    Outcome,
    Principle,
    RiskOfBiasAssessment,
    Scope,
    Sensitivity,
    Study,
    Theme,
)
from watwerkt.stats import egger_test, meta_analysis, trim_and_fill
from watwerkt.synthesis.evidence import EvidenceBase, collect_evidence
from watwerkt.synthesis.findings import Synthesis, synthesize

RTOL = 1e-10
#: Thresholds of findings.py / certainty.py, restated: the route below is written from
#: the documented rules, not from the code under test.
LOO_MIN_K = 3
EGGER_MIN_K = 10


def synthetic_evidence(seed: int = 5) -> EvidenceBase:
    """SYNTHETIC: 8 principles x 3 outcomes, 150 studies each coded on two outcomes.

    Each intervention has each principle with probability 0.3 (cells of ~10-40
    effect sizes), risk of bias low/some concerns/high at random, small-study
    lean on outcome o0, none on o1 (many τ² = 0 fits); on outcome o2 every
    study has the same variance, so Egger's test and trim-and-fill cannot run
    there (a constant standard error) and the findings must say so.
    """
    rng = np.random.default_rng(seed)
    outcomes = tuple(
        Outcome(id=f"o{j}", name=f"Uitkomst {j}", desired_direction="increase") for j in range(3)
    )
    principles = tuple(Principle(id=f"p{i}", name=f"Principe {i}") for i in range(8))
    dossier = Dossier(
        id="synthetic",
        title="SYNTHETISCH testdossier",
        theme=Theme(id="t", name="T"),
        scope=Scope(question="Synthetisch", inclusion_criteria=("synthetisch",)),
        outcomes=outcomes,
        principles=principles,
        libraries=("none.bib",),
    )
    studies: dict[str, Study] = {}
    effects: list[CodedEffect] = []
    for s in range(150):
        sid = f"s{s:03d}"
        has = tuple(p.id for p in principles if rng.random() < 0.3)
        studies[sid] = Study(
            id=sid,
            references=(sid,),
            design="rct",
            n=int(rng.integers(40, 400)),
            risk_of_bias=RiskOfBiasAssessment(
                overall=("low", "some_concerns", "high")[int(rng.integers(3))]
            ),
        )
        for o in rng.choice(3, size=2, replace=False):
            vi = 0.04 if o == 2 else float(rng.uniform(0.005, 0.15))
            lean = 1.2 if o == 0 else 0.0
            tau = 0.0 if o == 1 else 0.15
            yi = 0.2 + lean * np.sqrt(vi) + rng.normal(0, tau) + rng.normal(0, np.sqrt(vi))
            estimate = EffectEstimate(
                study=sid,
                outcome=outcomes[o].id,
                principles=has,
                measure="SMD",
                yi=float(yi),
                vi=vi,
            )
            effects.append(CodedEffect("synthetic.csv", len(effects) + 2, estimate, (sid,)))
    return EvidenceBase(Path(), dossier, studies=studies, effects=effects)


def _single(function: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return function(*args, **kwargs)
    except WatwerktError:
        return None


def expected_sensitivity(f: Finding, rob: dict[str, str]) -> Sensitivity:
    """The Sensitivity of ``f`` by single fits, cell by cell (the documented rules)."""
    yi = np.array([e.yi for e in f.effects])
    vi = np.array([e.vi for e in f.effects])
    k = len(yi)
    random_effects = f.model == "random_effects"
    notes: list[str] = []
    loo_min = loo_max = None
    if f.model not in ("", "random_effects"):
        notes.append("loo_not_for_three_level")
    elif k < LOO_MIN_K:
        notes.append("loo_too_few")
    else:
        loo = [meta_analysis(np.delete(yi, j), np.delete(vi, j)).estimate for j in range(k)]
        loo_min, loo_max = min(loo), max(loo)
    egger_p = k0 = filled = None
    if f.model not in ("", "random_effects"):
        notes.append("small_study_not_for_three_level")
    elif k < EGGER_MIN_K or not random_effects:
        notes.append("small_study_too_few")
    else:
        egger = _single(egger_test, yi, vi, "REML")
        if egger is None:
            notes.append("egger_failed")
        else:
            egger_p = egger.pvalue
        tf = _single(trim_and_fill, yi, vi, "REML")
        if tf is None:
            notes.append("trim_and_fill_failed")
        else:
            k0, filled = tf.k0, tf.estimate
    low = np.array([rob[e.row] == "low" for e in f.effects], dtype=bool)
    low_fit = meta_analysis(yi[low], vi[low]) if low.any() else None
    if low_fit is None:
        notes.append("no_low_risk_studies")
    return Sensitivity(
        loo_min=loo_min,
        loo_max=loo_max,
        low_rob_k=low_fit.k if low_fit else 0,
        low_rob_estimate=low_fit.estimate if low_fit else None,
        low_rob_ci_lower=low_fit.ci_lower if low_fit else None,
        low_rob_ci_upper=low_fit.ci_upper if low_fit else None,
        egger_pvalue=egger_p,
        trim_fill_k0=k0,
        trim_fill_estimate=filled,
        notes=tuple(notes),
    )


def _assert_same(got: Sensitivity, want: Sensitivity, cell: str) -> float:
    worst = 0.0
    for name, value in want.model_dump().items():
        actual = getattr(got, name)
        if isinstance(value, float):
            assert actual is not None, (cell, name)
            diff = abs(actual - value) / max(1.0, abs(value))
            assert diff <= RTOL, (cell, name, actual, value)
            worst = max(worst, diff)
        else:
            assert actual == value, (cell, name, actual, value)
    return worst


def _rob_by_row(synthesis: Synthesis) -> dict[str, str]:
    t = synthesis.effects
    return {f"{s}:{r}": str(b) for s, r, b in zip(t["sheet"], t["row"], t["rob"], strict=True)}


@pytest.fixture(scope="module")
def synthetic() -> Synthesis:
    return synthesize(synthetic_evidence())


def test_synthetic_dossier_batch_route_equals_single_fits(synthetic: Synthesis) -> None:
    rob = _rob_by_row(synthetic)
    for f in synthetic.findings:
        assert f.sensitivity is not None
        _assert_same(f.sensitivity, expected_sensitivity(f, rob), f"{f.principle} x {f.outcome}")


def test_synthetic_dossier_exercises_every_branch(synthetic: Synthesis) -> None:
    sens = [f.sensitivity for f in synthetic.findings if f.sensitivity]
    notes = {n for s in sens for n in s.notes}
    assert {"egger_failed", "trim_and_fill_failed"} <= notes  # outcome o2: constant vi
    tested = [s for s in sens if s.egger_pvalue is not None]
    assert len(tested) >= 12
    assert any(s.trim_fill_k0 for s in tested)
    assert any(s.trim_fill_k0 == 0 for s in tested)
    assert any(s.low_rob_k > 0 for s in sens)


def test_example_dossier_batch_route_equals_single_fits() -> None:
    synthesis = synthesize(collect_evidence(EXAMPLE_DOSSIER))
    rob = _rob_by_row(synthesis)
    checked = 0
    for f in synthesis.findings:
        assert f.sensitivity is not None
        _assert_same(f.sensitivity, expected_sensitivity(f, rob), f"{f.principle} x {f.outcome}")
        checked += f.sensitivity.egger_pvalue is not None
    assert checked >= 1  # the overall finding (58 studies) has Egger's test and trim-and-fill
