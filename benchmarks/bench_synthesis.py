"""Benchmark: findings for 200 principles x 20 outcomes over 5,000 coded effect sizes.

SYNTHETIC data (fixed seed), not a real dossier: 2,500 studies, each coded on
two of 20 outcomes (one effect size per study and outcome, yi/vi as SMD), each
intervention having every one of 200 principles with probability 0.05 (about
ten per intervention, so about 12 studies per principle x outcome cell); 5 % of
the rows are coded with a direction only (vote counting). Times
``watwerkt.synthesis.findings.synthesize`` — effect table, all 4,020 pooled
findings in batch (``meta_analysis_batch``), with-versus-without contrasts,
GRADE, conclusions, recognition — alone, with the batch-path sensitivity
analyses (leave-one-out and low risk of bias), and with Egger's test and
trim-and-fill as well (single fits per cell with k >= 10; no batch path), the
last both in one process and in ``os.cpu_count()`` worker processes
(``synthesize(workers=...)``), and prints the seconds of each.

Measured 2026-11-23 on the development machine (2 cores, shared: load
average about 17, so CPU seconds of the process are the fairer number; wall
clock in brackets). "before" is commit 578f824; "after" is the synthesis of
the following commits (identical row sets fitted once, trim-and-fill taking
its side from Egger's slope instead of refitting that regression, batch
results read from columns) on the *same* stats core; "HEAD" is the same
synthesis on the working tree's stats core at 11:15 (others' τ² solver work,
partly not yet committed):

=========================================  ===============  ===============  ===============
run (workers=1)                            before           after            HEAD
=========================================  ===============  ===============  ===============
core (no sensitivity)                      4.3 s (6.2 s)    4.2 s (5.7 s)    3.2 s (4.0 s)
+ leave-one-out, low risk of bias          7.7 s (11.6 s)   7.4 s (11.3 s)   4.8 s (6.7 s)
+ Egger, trim-and-fill                     90 s (128 s)     67 s (95 s)      52 s (56 s)
=========================================  ===============  ===============  ===============

``workers=2`` gave no gain on this loaded 2-core machine (70 s wall against
66 s); it is meant for an author's idle multi-core machine.

Egger's test and trim-and-fill still cost about 20 ms per cell with
k >= 10 (3,072 cells here): a batched mixed-effects meta-regression
τ² estimator in the stats core, exactly equal to ``egger_test``, is what
would bring that part down to seconds.

Run from the repository root::

    python benchmarks/bench_synthesis.py
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np

from watwerkt.coding.sheet import CodedEffect
from watwerkt.model import (
    Dossier,
    EffectEstimate,
    Outcome,
    Principle,
    RiskOfBiasAssessment,
    Scope,
    Study,
    Theme,
)
from watwerkt.synthesis.evidence import EvidenceBase
from watwerkt.synthesis.findings import synthesize

SEED = 20261123
PRINCIPLES = 200
OUTCOMES = 20
EFFECTS = 5_000
P_PRINCIPLE = 0.05
P_DIRECTION_ONLY = 0.05


def synthetic_evidence(seed: int = SEED) -> EvidenceBase:
    """SYNTHETIC evidence base: see the module docstring."""
    rng = np.random.default_rng(seed)
    outcomes = tuple(
        Outcome(id=f"o{j:02d}", name=f"Uitkomst {j}", desired_direction="increase")
        for j in range(OUTCOMES)
    )
    principles = tuple(Principle(id=f"p{i:03d}", name=f"Principe {i}") for i in range(PRINCIPLES))
    dossier = Dossier(
        id="bench",
        title="SYNTHETISCH benchmarkdossier",
        theme=Theme(id="bench", name="Benchmark"),
        scope=Scope(question="Synthetisch", inclusion_criteria=("synthetisch",)),
        outcomes=outcomes,
        principles=principles,
        libraries=("none.bib",),
    )
    studies: dict[str, Study] = {}
    effects: list[CodedEffect] = []
    n_studies = EFFECTS // 2
    designs = ("rct", "quasi_experiment")
    robs = ("low", "some_concerns", "high")
    for s in range(n_studies):
        sid = f"s{s:04d}"
        has = np.flatnonzero(rng.random(PRINCIPLES) < P_PRINCIPLE)
        study_principles = tuple(principles[i].id for i in has)
        studies[sid] = Study(
            id=sid,
            references=(sid,),
            design=designs[int(rng.integers(2))],
            n=int(rng.integers(40, 400)),
            follow_up_months=float(rng.integers(0, 24)),
            risk_of_bias=RiskOfBiasAssessment(overall=robs[int(rng.integers(3))]),
        )
        for o in rng.choice(OUTCOMES, size=2, replace=False):
            true = 0.2 + 0.05 * len(has) / 10 + rng.normal(0, 0.15)
            vi = float(rng.uniform(0.01, 0.1))
            if rng.random() < P_DIRECTION_ONLY:
                estimate = EffectEstimate(
                    study=sid,
                    outcome=outcomes[o].id,
                    principles=study_principles,
                    direction="favours_intervention" if true > 0 else "favours_comparison",
                )
            else:
                estimate = EffectEstimate(
                    study=sid,
                    outcome=outcomes[o].id,
                    principles=study_principles,
                    measure="SMD",
                    yi=float(true + rng.normal(0, np.sqrt(vi))),
                    vi=vi,
                )
            effects.append(CodedEffect("synthetic.csv", len(effects) + 2, estimate, (sid,)))
    return EvidenceBase(Path(), dossier, studies=studies, effects=effects)


def main() -> None:
    """Build the synthetic evidence base, then time synthesize() twice."""
    t0 = time.perf_counter()
    evidence = synthetic_evidence()
    t1 = time.perf_counter()
    print(
        f"SYNTHETIC data: {PRINCIPLES} principles x {OUTCOMES} outcomes, "
        f"{len(evidence.effects)} coded rows, {len(evidence.studies)} studies "
        f"(built in {t1 - t0:.2f} s)"
    )
    cores = os.cpu_count() or 1
    runs = ((False, False, 1), (True, False, 1), (True, True, 1), (True, True, cores))
    for sensitivity, small_study, workers in runs:
        start = time.perf_counter()
        result = synthesize(
            evidence, sensitivity=sensitivity, small_study=small_study, workers=workers
        )
        seconds = time.perf_counter() - start
        pooled = sum(f.k > 0 for f in result.findings)
        print(
            f"synthesize(sensitivity={sensitivity}, small_study={small_study}, "
            f"workers={workers}): {len(result.findings)} findings "
            f"({pooled} with a pooled estimate) in {seconds:.2f} s"
        )


if __name__ == "__main__":
    main()
