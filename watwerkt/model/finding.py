"""Findings: the synthesised evidence for one principle × outcome, and its certainty."""

from __future__ import annotations

from pydantic import Field

from watwerkt.model._base import ModelObject
from watwerkt.model.enums import CertaintyLevel, Measure, RecognitionLevel


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


class ModeratorContrast(ModelObject):
    """Effect sizes of interventions *with* versus *without* a principle, for one outcome.

    ``difference`` is ``estimate_with - estimate_without`` (positive: the
    principle goes with larger effects); ``method`` names how it was tested
    (``"meta_regression"`` or ``"subgroup"``).
    """

    method: str
    k_with: int = Field(ge=0)
    k_without: int = Field(ge=0)
    estimate_with: float | None = None
    estimate_without: float | None = None
    difference: float | None = None
    se: float | None = None
    ci_lower: float | None = None
    ci_upper: float | None = None
    statistic: float | None = None
    pvalue: float | None = None


class Sensitivity(ModelObject):
    """How much a finding moves under leave-one-out, low-risk-only and small-study checks.

    ``None`` means the check could not be done (too few studies, or nothing
    coded for it); ``notes`` names why, as catalogue keys.
    """

    loo_min: float | None = None
    loo_max: float | None = None
    low_rob_k: int = Field(default=0, ge=0)
    low_rob_estimate: float | None = None
    low_rob_ci_lower: float | None = None
    low_rob_ci_upper: float | None = None
    egger_pvalue: float | None = None
    trim_fill_k0: int | None = None
    trim_fill_estimate: float | None = None
    notes: tuple[str, ...] = ()


class UnusedRow(ModelObject):
    """A coded row that is part of a finding but gave no effect size, and why."""

    sheet: str
    row: int = Field(ge=1)
    study: str
    reason: str = Field(description="A note code such as 'missing:ai' or 'direction_only'.")


class PooledEffect(ModelObject):
    """One pooled effect size, oriented so that positive favours the intervention."""

    study: str
    row: str = Field(description="'sheet:row' of the coded row.")
    yi: float
    vi: float = Field(gt=0)
    n: int | None = Field(default=None, ge=1)


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
    votes_pvalue: float | None = Field(
        default=None,
        description="Sign test (exact two-sided binomial) of the votes favouring versus "
        "against the intervention; None without such votes.",
    )
    votes_ci_lower: float | None = Field(
        default=None, description="Wilson CI of the proportion of votes favouring the intervention."
    )
    votes_ci_upper: float | None = None
    certainty: Certainty | None = None
    conclusion: Conclusion | None = None
    model: str = Field(
        default="", description="'random_effects', 'three_level_robust' or '' (nothing pooled)."
    )
    se: float | None = None
    pvalue: float | None = None
    q: float | None = None
    q_pvalue: float | None = None
    effect_rows: tuple[str, ...] = Field(default=(), description="'sheet:row' of every row.")
    unused_rows: tuple[UnusedRow, ...] = ()
    moderator_contrast: ModeratorContrast | None = None
    sensitivity: Sensitivity | None = None
    recognition: RecognitionLevel | None = None
    effects: tuple[PooledEffect, ...] = Field(
        default=(), description="Every pooled effect size, for forest plots."
    )
    notes: tuple[str, ...] = Field(default=(), description="Caveats, as codes.")
