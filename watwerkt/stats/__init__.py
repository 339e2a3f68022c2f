"""Numeric core: effect sizes, pooling, heterogeneity, meta-regression, bias.

Arrays in, result objects out; knows nothing of dossiers. Every estimator is
checked against R's metafor on published datasets (``tests/reference/``).
The names below are the stable public surface; ``__all__`` is kept sorted and
tested.
"""

from __future__ import annotations

from watwerkt.stats.batch import meta_analysis_batch
from watwerkt.stats.bias import FailSafeNResult, RankTestResult, fail_safe_n, rank_test

__all__: list[str] = [
    "FailSafeNResult",
    "RankTestResult",
    "fail_safe_n",
    "meta_analysis_batch",
    "rank_test",
]
