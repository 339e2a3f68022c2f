"""Numeric core: effect sizes, pooling, heterogeneity, meta-regression, bias.

Arrays in, result objects out; knows nothing of dossiers. Every estimator is
checked against R's metafor on published datasets (``tests/reference/``).
The names below are the stable public surface; ``__all__`` is kept sorted and
tested.
"""

from __future__ import annotations

from watwerkt.stats._robust import RobustResult, robust
from watwerkt.stats.batch import meta_analysis_batch
from watwerkt.stats.bias import (
    EggerTestResult,
    FailSafeNResult,
    RankTestResult,
    TrimFillResult,
    egger_test,
    fail_safe_n,
    rank_test,
    trim_and_fill,
)
from watwerkt.stats.effect_sizes import (
    effect_sizes,
    explain_note,
    log_or_to_smd,
    r_to_smd,
    smd_from_f,
    smd_from_p,
    smd_from_t,
    smd_to_log_or,
    smd_to_r,
)
from watwerkt.stats.influence import InfluenceResult, influence
from watwerkt.stats.mantel_haenszel import (
    MantelHaenszelResult,
    PetoResult,
    mantel_haenszel,
    peto,
)
from watwerkt.stats.multilevel import (
    LikelihoodRatioTest,
    MultilevelResult,
    multilevel_meta_analysis,
)
from watwerkt.stats.pool import MetaResult, meta_analysis
from watwerkt.stats.regression import MetaRegressionResult, meta_regression
from watwerkt.stats.sensitivity import leave_one_out
from watwerkt.stats.subgroup import SubgroupResult, subgroup_analysis
from watwerkt.stats.tau2 import FitControl
from watwerkt.stats.vote_counting import VoteCountResult, vote_count

__all__: list[str] = [
    "EggerTestResult",
    "FailSafeNResult",
    "FitControl",
    "InfluenceResult",
    "LikelihoodRatioTest",
    "MantelHaenszelResult",
    "MetaRegressionResult",
    "MetaResult",
    "MultilevelResult",
    "PetoResult",
    "RankTestResult",
    "RobustResult",
    "SubgroupResult",
    "TrimFillResult",
    "VoteCountResult",
    "effect_sizes",
    "egger_test",
    "explain_note",
    "fail_safe_n",
    "influence",
    "leave_one_out",
    "log_or_to_smd",
    "mantel_haenszel",
    "meta_analysis",
    "meta_analysis_batch",
    "meta_regression",
    "multilevel_meta_analysis",
    "peto",
    "r_to_smd",
    "rank_test",
    "robust",
    "smd_from_f",
    "smd_from_p",
    "smd_from_t",
    "smd_to_log_or",
    "smd_to_r",
    "subgroup_analysis",
    "trim_and_fill",
    "vote_count",
]
