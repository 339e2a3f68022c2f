"""Build small synthetic evidence bases in memory (test fixtures, not data)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from watwerkt.coding.sheet import CodedEffect
from watwerkt.model import (
    Claim,
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


def make_dossier(
    outcomes: Sequence[tuple[str, str]] = (("welzijn", "increase"),),
    principles: Sequence[str] = ("contact", "zingeving"),
    claims: Sequence[Claim] = (),
) -> Dossier:
    """A dossier with the given outcomes (id, desired direction) and principles."""
    return Dossier(
        id="test",
        title="Test",
        theme=Theme(id="t", name="T"),
        scope=Scope(question="Werkt het?", inclusion_criteria=("alles",)),
        outcomes=tuple(
            Outcome(id=o, name=o.capitalize(), desired_direction=d) for o, d in outcomes
        ),
        principles=tuple(Principle(id=p, name=p.capitalize()) for p in principles),
        libraries=("refs.bib",),
        claims=tuple(claims),
    )


def make_evidence(dossier: Dossier, rows: Sequence[dict[str, Any]]) -> EvidenceBase:
    """An evidence base with one coded row per dict.

    Keys: study, outcome, principles, design (default rct), rob, n,
    follow_up_months, and the EffectEstimate fields (yi, vi, measure, raw,
    direction). Each study cites one reference with its own id.
    """
    studies: dict[str, Study] = {}
    effects: list[CodedEffect] = []
    for i, row in enumerate(rows):
        row = dict(row)
        sid = row.pop("study")
        design = row.pop("design", "rct")
        rob = row.pop("rob", None)
        n = row.pop("n", None)
        follow = row.pop("follow_up_months", None)
        studies.setdefault(
            sid,
            Study(
                id=sid,
                references=(sid,),
                design=design,
                n=n,
                follow_up_months=follow,
                risk_of_bias=RiskOfBiasAssessment(overall=rob) if rob else None,
            ),
        )
        row.setdefault("measure", "SMD" if "yi" in row else row.get("measure"))
        estimate = EffectEstimate(study=sid, **row)
        effects.append(CodedEffect("coding.csv", i + 2, estimate, (sid,)))
    return EvidenceBase(Path(), dossier, studies=studies, effects=effects)


def row(study: str, outcome: str = "welzijn", **fields: Any) -> dict[str, Any]:
    """One coded row for :func:`make_evidence`."""
    return {"study": study, "outcome": outcome, **fields}
