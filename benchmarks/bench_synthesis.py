"""Benchmark: findings for 200 principles x 20 outcomes over 5,000 coded effect sizes.

SYNTHETIC data (fixed seed), not a real dossier: 2,500 studies, each coded on
two of 20 outcomes (one effect size per study and outcome, yi/vi as SMD), each
intervention having every one of 200 principles with probability 0.05 (about
ten per intervention, so about 12 studies per principle x outcome cell); 5 % of
the rows are coded with a direction only (vote counting). Times
``watwerkt.synthesis.findings.synthesize`` three ways and prints the seconds
(wall clock and CPU time of this process) of each:

- core: effect table, all 4,020 pooled findings in batch
  (``meta_analysis_batch``), with-versus-without contrasts, GRADE,
  conclusions, recognition (``sensitivity=False``);
- + sensitivity: leave-one-out and low risk of bias, both batch calls
  (``small_study=False``);
- + small-study: Egger's test and trim-and-fill in the 3,072 cells with
  k >= 10, on the batch paths of ``watwerkt.stats._batch_bias``.

Measured numbers, before and after the batch paths: benchmarks/README.md.

Run from the repository root::

    python benchmarks/bench_synthesis.py            # each configuration once
    python benchmarks/bench_synthesis.py --repeat 3 # best of three
"""

from __future__ import annotations

import argparse
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
    """Build the synthetic evidence base, then time synthesize() per configuration."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per configuration (best)")
    args = parser.parse_args()
    t0 = time.perf_counter()
    evidence = synthetic_evidence()
    t1 = time.perf_counter()
    print(
        f"SYNTHETIC data: {PRINCIPLES} principles x {OUTCOMES} outcomes, "
        f"{len(evidence.effects)} coded rows, {len(evidence.studies)} studies "
        f"(built in {t1 - t0:.2f} s); load average {os.getloadavg()[0]:.1f}"
    )
    runs = (("core", False, False), ("+ sensitivity", True, False), ("+ small-study", True, True))
    for label, sensitivity, small_study in runs:
        best_wall = best_cpu = float("inf")
        for _ in range(args.repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            result = synthesize(evidence, sensitivity=sensitivity, small_study=small_study)
            best_wall = min(best_wall, time.perf_counter() - wall)
            best_cpu = min(best_cpu, time.process_time() - cpu)
        pooled = sum(f.k > 0 for f in result.findings)
        tested = sum(
            f.sensitivity is not None and f.sensitivity.egger_pvalue is not None
            for f in result.findings
        )
        print(
            f"{label:<14} (sensitivity={sensitivity}, small_study={small_study}): "
            f"{len(result.findings)} findings ({pooled} pooled, {tested} with Egger's test) "
            f"in {best_wall:.2f} s wall, {best_cpu:.2f} s CPU "
            f"(load average {os.getloadavg()[0]:.1f})"
        )


if __name__ == "__main__":
    main()
