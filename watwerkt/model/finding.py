"""Findings: the synthesised evidence for one principle × outcome, and its certainty."""

from __future__ import annotations

from pydantic import Field

from watwerkt.model._base import ModelObject
from watwerkt.model.enums import CertaintyLevel, Measure


class CertaintyReason(ModelObject):
    """One GRADE judgement: a domain, how many levels it moves, and why."""

    domain: str = Field(
        description="risk_of_bias, inconsistency, imprecision, "
        "publication_bias, indirectness, or a reason to upgrade."
    )
    change: int = Field(ge=-2, le=2, description="Levels down (negative) or up (positive).")
    explanation: str = ""


class Certainty(ModelObject):
    """GRADE certainty of evidence with the reasons kept as data."""

    level: CertaintyLevel
    starting_level: CertaintyLevel = CertaintyLevel.HIGH
    reasons: tuple[CertaintyReason, ...] = ()


class Conclusion(ModelObject):
    """The plain-language conclusion of a finding, in both languages."""

    nl: str
    en: str


class Finding(ModelObject):
    """Everything the evidence says about one principle (or all) and one outcome.

    ``principle`` is ``None`` for the overall finding of an outcome. Numbers
    are on the scale of ``measure`` (log scale for ratio measures).
    """

    principle: str | None
    outcome: str
    measure: Measure | None = None
    k: int = Field(ge=0, description="Effect sizes pooled.")
    n_studies: int = Field(ge=0)
    n_participants: int | None = Field(default=None, ge=0)
    studies: tuple[str, ...] = ()
    estimate: float | None = None
    ci_lower: float | None = None
    ci_upper: float | None = None
    pi_lower: float | None = None
    pi_upper: float | None = None
    tau2: float | None = None
    i2: float | None = None
    votes_favouring: int = 0
    votes_against: int = 0
    votes_no_difference: int = 0
    certainty: Certainty | None = None
    conclusion: Conclusion | None = None
