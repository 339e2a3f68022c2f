"""The principles model: typed domain objects, no I/O and no statistics.

This is the stable import surface for other packages: every name in
``__all__`` (kept sorted, checked by a test) is public. Objects are immutable
pydantic models; ``to_dict()`` gives JSON-ready data and
``Model.model_validate(data)`` reads it back.
"""

from watwerkt.model.consistency import Inconsistency, find_inconsistencies
from watwerkt.model.dossier import (
    AuthorText,
    Claim,
    Dossier,
    Exclusion,
    Scope,
    SearchStrategy,
    Theme,
)
from watwerkt.model.enums import (
    CertaintyLevel,
    DesiredDirection,
    EffectDirection,
    Indirectness,
    Measure,
    RecognitionLevel,
    RiskOfBias,
    StudyDesign,
)
from watwerkt.model.finding import (
    Certainty,
    CertaintyReason,
    Conclusion,
    Finding,
    ModeratorContrast,
    PooledEffect,
    Sensitivity,
    UnusedRow,
)
from watwerkt.model.principle import Principle
from watwerkt.model.reference import Person, Reference
from watwerkt.model.reflection_config import (
    ItemKind,
    ReflectionConfig,
    ReflectionItemConfig,
    ReflectionPrincipleConfig,
    StandardItem,
)
from watwerkt.model.study import EffectEstimate, Outcome, RiskOfBiasAssessment, Study

__all__ = [
    "AuthorText",
    "Certainty",
    "CertaintyLevel",
    "CertaintyReason",
    "Claim",
    "Conclusion",
    "DesiredDirection",
    "Dossier",
    "EffectDirection",
    "EffectEstimate",
    "Exclusion",
    "Finding",
    "Inconsistency",
    "Indirectness",
    "ItemKind",
    "Measure",
    "ModeratorContrast",
    "Outcome",
    "Person",
    "PooledEffect",
    "Principle",
    "RecognitionLevel",
    "Reference",
    "ReflectionConfig",
    "ReflectionItemConfig",
    "ReflectionPrincipleConfig",
    "RiskOfBias",
    "RiskOfBiasAssessment",
    "Scope",
    "SearchStrategy",
    "Sensitivity",
    "StandardItem",
    "Study",
    "StudyDesign",
    "Theme",
    "UnusedRow",
    "find_inconsistencies",
]
