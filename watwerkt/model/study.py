"""Studies, their outcomes and their coded effect estimates."""

from __future__ import annotations

import math
from typing import Self

from pydantic import Field, field_validator, model_validator

from watwerkt.model._base import ModelObject, rule_error
from watwerkt.model._english import in_language
from watwerkt.model.enums import (
    RAW_STATISTICS,
    ROB_DOMAINS,
    DesiredDirection,
    EffectDirection,
    Indirectness,
    Measure,
    RiskOfBias,
    StudyDesign,
)
from watwerkt.model.principle import ID_PATTERN


class RiskOfBiasAssessment(ModelObject):
    """Risk of bias of one study: the overall judgement and, if coded, per domain."""

    overall: RiskOfBias
    domains: dict[str, RiskOfBias] = Field(default_factory=dict)
    tool: str = Field(default="", description="Tool used, e.g. 'RoB 2' or 'ROBINS-I'.")

    @field_validator("domains")
    @classmethod
    def _known_domains(cls, value: dict[str, RiskOfBias]) -> dict[str, RiskOfBias]:
        unknown = sorted(set(value) - set(ROB_DOMAINS))
        if unknown:
            raise rule_error(
                "field.invalid",
                field="domains",
                expected=", ".join(ROB_DOMAINS),
                got=", ".join(unknown),
            )
        return value


class Study(ModelObject):
    """One empirical study, which may span several publications (``references``)."""

    id: str = Field(min_length=1, description="Study id, e.g. 'guerra1990'.")
    references: tuple[str, ...] = Field(min_length=1, description="Citation keys of its reports.")
    design: StudyDesign
    country: str = ""
    target_group: str = ""
    setting: str = ""
    n: int | None = Field(default=None, ge=1, description="Participants analysed.")
    follow_up_months: float | None = Field(default=None, ge=0)
    risk_of_bias: RiskOfBiasAssessment | None = None


class Outcome(ModelObject):
    """What is measured, and which way is better (``name_en``: its English name)."""

    id: str = Field(pattern=ID_PATTERN, description="Short code used in coding sheets.")
    name: str = Field(min_length=1)
    description: str = ""
    desired_direction: DesiredDirection = Field(
        description="'increase' if higher is better (e.g. wellbeing), 'decrease' if lower is "
        "better (e.g. loneliness, recidivism)."
    )
    name_en: str = Field(default="", description="English name (Dutch name if empty).")
    description_en: str = Field(default="", description="English description.")

    def label(self, lang: str | None) -> str:
        """Return the name in ``lang`` (``name_en`` for English if given, else ``name``)."""
        return in_language(self.name, self.name_en, lang)

    def in_language(self, lang: str | None) -> Self:
        """Return a copy with the English name and description for ``lang="en"`` (if given)."""
        return self.model_copy(
            update={
                "name": self.label(lang),
                "description": in_language(self.description, self.description_en, lang),
            }
        )


class EffectEstimate(ModelObject):
    """One coded effect of one study on one outcome, for one comparison and time point.

    Exactly one kind of evidence is given: a ready effect size (``measure``,
    ``yi``, ``vi``), raw statistics from which the effect size is computed
    (``measure`` and ``raw``, with metafor's escalc argument names), or only
    a ``direction`` (for vote counting). Ratio measures are on the log scale.
    """

    study: str = Field(min_length=1)
    outcome: str = Field(pattern=ID_PATTERN)
    principles: tuple[str, ...] = Field(
        default=(), description="Working principles present in the intervention compared."
    )
    comparison: str = Field(default="", description="E.g. 'vs. care as usual'.")
    time_point: str = Field(default="", description="E.g. 'post-test' or '12 months'.")
    follow_up_months: float | None = Field(default=None, ge=0)
    measure: Measure | None = None
    yi: float | None = None
    vi: float | None = Field(default=None, gt=0)
    raw: dict[str, float] = Field(default_factory=dict)
    direction: EffectDirection | None = None
    n: int | None = Field(default=None, ge=1)
    source_location: str = Field(default="", description="E.g. 'Table 2, p. 273'.")
    indirectness: Indirectness | None = Field(
        default=None,
        description="GRADE indirectness of this effect for the dossier's question "
        "('none', 'serious', 'very_serious'); None: not coded.",
    )

    @field_validator("raw")
    @classmethod
    def _known_raw(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(RAW_STATISTICS))
        if unknown:
            raise rule_error(
                "field.invalid",
                field="raw",
                expected=", ".join(RAW_STATISTICS),
                got=", ".join(unknown),
            )
        bad = sorted(k for k, v in value.items() if not math.isfinite(v))
        if bad:
            raise rule_error(
                "field.invalid", field="raw", expected="finite numbers", got=", ".join(bad)
            )
        return value

    @field_validator("principles")
    @classmethod
    def _principle_ids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(value))  # keep order, drop repeats

    @model_validator(mode="after")
    def _one_kind_of_evidence(self) -> Self:
        if (self.yi is None) != (self.vi is None):
            raise rule_error("rule.yi_vi_together")
        if self.raw and self.measure is None:
            raise rule_error("rule.raw_needs_measure")
        has_es = self.yi is not None or bool(self.raw)
        if not has_es and self.direction is None:
            raise rule_error("rule.effect_needs_data")
        return self

    @property
    def kind(self) -> str:
        """Return ``'effect_size'``, ``'raw'`` or ``'direction'``: what was coded."""
        if self.yi is not None:
            return "effect_size"
        if self.raw:
            return "raw"
        return "direction"
