"""Closed vocabularies of the domain model, as string enums.

Their values are what authors write in dossier.yaml and coding sheets, so they
are lower-case English codes (stable across languages); labels for display
live in the message catalogue.
"""

from __future__ import annotations

from enum import StrEnum


class StudyDesign(StrEnum):
    """Design of an empirical study (drives GRADE's starting level)."""

    RCT = "rct"
    CLUSTER_RCT = "cluster_rct"
    QUASI_EXPERIMENT = "quasi_experiment"
    PRE_POST = "pre_post"
    COHORT = "cohort"
    CASE_CONTROL = "case_control"
    CROSS_SECTIONAL = "cross_sectional"
    QUALITATIVE = "qualitative"
    MIXED_METHODS = "mixed_methods"
    SYSTEMATIC_REVIEW = "systematic_review"
    META_ANALYSIS = "meta_analysis"
    OTHER = "other"


class DesiredDirection(StrEnum):
    """Which way an outcome should move for the intervention to help."""

    INCREASE = "increase"
    DECREASE = "decrease"


class EffectDirection(StrEnum):
    """Direction of an effect relative to the outcome's desired direction.

    Used for vote counting when a study reports no usable effect size
    (Cochrane Handbook, ch. 12.4.2.3).
    """

    FAVOURS_INTERVENTION = "favours_intervention"
    FAVOURS_COMPARISON = "favours_comparison"
    NO_DIFFERENCE = "no_difference"
    MIXED = "mixed"


class RiskOfBias(StrEnum):
    """Risk-of-bias judgement (RoB 2 wording, plus 'unclear' for older tools)."""

    LOW = "low"
    SOME_CONCERNS = "some_concerns"
    HIGH = "high"
    UNCLEAR = "unclear"


class Indirectness(StrEnum):
    """How indirect one coded effect is for the dossier's question (GRADE 5.2.2).

    Coded per row (``indirectness`` column): a study can answer the question
    directly for one outcome and only indirectly (e.g. a surrogate measure)
    for another.
    """

    NONE = "none"
    SERIOUS = "serious"
    VERY_SERIOUS = "very_serious"


class CertaintyLevel(StrEnum):
    """GRADE certainty of evidence for a finding."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very_low"


class RecognitionLevel(StrEnum):
    """Erkenningsniveau of the Dutch recognition system for interventions.

    The first two are levels of theory and description; the last three are
    the levels of evidence for effectiveness.
    """

    GOED_BESCHREVEN = "goed_beschreven"
    GOED_ONDERBOUWD = "goed_onderbouwd"
    EFFECTIEF_EERSTE_AANWIJZINGEN = "effectief_eerste_aanwijzingen"
    EFFECTIEF_GOEDE_AANWIJZINGEN = "effectief_goede_aanwijzingen"
    EFFECTIEF_STERKE_AANWIJZINGEN = "effectief_sterke_aanwijzingen"


class Measure(StrEnum):
    """Effect size measures, with metafor's ``escalc`` names.

    Ratio measures (OR, RR, ROM, PETO) are coded on the log scale, as in
    metafor; ``GEN`` is a generic measure given only as yi/vi.
    """

    SMD = "SMD"
    SMDH = "SMDH"
    MD = "MD"
    ROM = "ROM"
    SMCR = "SMCR"
    SMCC = "SMCC"
    OR = "OR"
    RR = "RR"
    RD = "RD"
    PETO = "PETO"
    COR = "COR"
    ZCOR = "ZCOR"
    PLO = "PLO"
    PR = "PR"
    GEN = "GEN"


#: Raw-statistic names an EffectEstimate may carry, as metafor's escalc arguments
#: (plus ``ti``, ``fi``, ``pi`` for conversions from t, F(1, df) and p).
RAW_STATISTICS: tuple[str, ...] = (
    "ai", "bi", "ci", "di", "n1i", "n2i", "m1i", "m2i", "sd1i", "sd2i",
    "ri", "ni", "xi", "mi", "ti", "fi", "pi", "df",
)  # fmt: skip

#: Risk-of-bias domains of RoB 2 and ROBINS-I that coding sheets may name.
ROB_DOMAINS: tuple[str, ...] = (
    # RoB 2 (Sterne et al. 2019)
    "randomisation", "deviations", "missing_data", "measurement", "reporting",
    # ROBINS-I (Sterne et al. 2016), besides the shared ones above
    "confounding", "selection", "classification",
    # RoB 2 for cluster trials
    "recruitment",
)  # fmt: skip
