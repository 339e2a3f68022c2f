"""The columns of a coding sheet, as a validated row model.

One row is one study × outcome × comparison (× time point). Study details
(design, country, risk of bias …) repeat on every row of a study and must
agree. Working principles present in the intervention are given either as a
``principles`` list column (``p1; p3``) or as one ``principle:<id>`` column
per principle holding 1/0 (yes/no); both may be combined.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, create_model

from watwerkt.model._base import ModelObject
from watwerkt.model.enums import (
    RAW_STATISTICS,
    ROB_DOMAINS,
    EffectDirection,
    Indirectness,
    Measure,
    RiskOfBias,
    StudyDesign,
)


class RowStatus(StrEnum):
    """The ``status`` column: a row codes the study, or excludes its references."""

    INCLUDED = "included"
    EXCLUDED = "excluded"


class ExclusionStage(StrEnum):
    """PRISMA 2020 stage at which a reference was excluded."""

    SCREENING = "screening"
    FULL_TEXT = "full_text"


#: Separator of list cells (references, principles).
LIST_SEPARATOR = ";"
#: Prefix of one-column-per-principle flag columns.
PRINCIPLE_PREFIX = "principle:"
#: Prefix of per-domain risk-of-bias columns.
ROB_PREFIX = "rob_"


class _CodingRowBase(ModelObject):
    """Fixed columns of a coding sheet row."""

    study: str = Field(min_length=1, description="Study id; rows of one study share it.")
    references: tuple[str, ...] = Field(
        min_length=1, description="Citation key(s) of the study's reports, ';'-separated."
    )
    outcome: str = Field(min_length=1, description="Outcome id from dossier.yaml.")
    design: StudyDesign
    country: str = ""
    setting: str = ""
    target_group: str = ""
    comparison: str = ""
    time_point: str = ""
    follow_up_months: float | None = Field(default=None, ge=0)
    n: int | None = Field(default=None, ge=1, description="Participants in this comparison.")
    principles: tuple[str, ...] = Field(default=(), description="Principle ids, ';'-separated.")
    measure: Measure | None = None
    yi: float | None = None
    vi: float | None = Field(default=None, gt=0)
    direction: EffectDirection | None = None
    indirectness: Indirectness | None = Field(
        default=None, description="GRADE indirectness of this row's effect; empty: not coded."
    )
    source_location: str = ""
    rob_overall: RiskOfBias | None = None
    rob_tool: str = ""
    notes: str = ""
    status: RowStatus = Field(
        default=RowStatus.INCLUDED,
        description="'excluded' makes the row an exclusion of its references (needs 'reason').",
    )
    reason: str = Field(default="", description="Why the references are excluded.")
    stage: ExclusionStage = Field(
        default=ExclusionStage.FULL_TEXT, description="PRISMA stage of an exclusion."
    )


CodingRow = create_model(
    "CodingRow",
    __base__=_CodingRowBase,
    __doc__="One row of a coding sheet (JSON Schema kind 'coding-row').",
    **dict.fromkeys(RAW_STATISTICS, (float | None, None)),  # type: ignore[call-overload]
    **{f"{ROB_PREFIX}{d}": (RiskOfBias | None, None) for d in ROB_DOMAINS},
)

#: Column names a coding sheet may use besides ``principle:<id>`` columns.
KNOWN_COLUMNS: tuple[str, ...] = tuple(CodingRow.model_fields)
#: Columns every sheet must have.
REQUIRED_COLUMNS: tuple[str, ...] = ("study", "references", "outcome", "design")
#: Columns that describe the study, not the row: they must agree within a study.
STUDY_COLUMNS: tuple[str, ...] = (
    "design", "country", "setting", "target_group", "rob_overall", "rob_tool",
    *(f"{ROB_PREFIX}{d}" for d in ROB_DOMAINS),
)  # fmt: skip
