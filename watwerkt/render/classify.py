"""Where a principle goes in the dossier: what works, promising, or no evidence of an effect.

Published *Wat werkt bij …* dossiers separate what is known to work from
promising approaches. We draw the line with the findings' own numbers and
GRADE certainty, one rule per category, applied to every outcome of the
principle:

``works`` (*wat werkt*)
    At least one finding favours the intervention with a confidence interval
    that excludes no effect (lower bound > 0 on the oriented scale), at
    *moderate* or *high* certainty. GRADE's wording for these is "reduces" /
    "probably reduces" (Santesso et al., 2020).
``promising`` (*veelbelovend*)
    Not ``works``, but at least one finding whose pooled estimate favours the
    intervention (estimate > 0): either its certainty is *low* or *very low*
    ("may", "it is uncertain whether"), or its confidence interval includes
    no effect. The effect points the right way; the evidence does not yet
    carry a firm conclusion.
``unproven`` (*geen aanwijzingen*)
    Everything else: no pooled finding, or only estimates of zero or in
    favour of the comparison.

A principle is listed once, in the first category it qualifies for; all of
its findings (for every outcome) are shown there, so none is hidden.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from watwerkt.model import CertaintyLevel, Finding

__all__ = ["Category", "categorise"]

_FIRM = frozenset({CertaintyLevel.HIGH, CertaintyLevel.MODERATE})


class Category(StrEnum):
    """The section of the dossier a principle is shown in."""

    WORKS = "works"
    PROMISING = "promising"
    UNPROVEN = "unproven"


def _works(f: Finding) -> bool:
    return (
        f.certainty is not None
        and f.certainty.level in _FIRM
        and f.ci_lower is not None
        and f.ci_lower > 0
    )


def _promising(f: Finding) -> bool:
    return f.estimate is not None and f.estimate > 0


def categorise(findings: Iterable[Finding]) -> Category:
    """Return the category of a principle from its findings (one per outcome).

    Examples
    --------
    >>> from watwerkt.model import Certainty
    >>> def f(level, est, lo):
    ...     return Finding(principle="p", outcome="o", k=5, n_studies=5, estimate=est,
    ...                    ci_lower=lo, ci_upper=est + 0.2,
    ...                    certainty=Certainty(level=CertaintyLevel(level)))
    >>> categorise([f("moderate", 0.4, 0.1)]), categorise([f("low", 0.4, 0.1)])
    (<Category.WORKS: 'works'>, <Category.PROMISING: 'promising'>)
    >>> categorise([f("high", -0.3, -0.5)]), categorise([])
    (<Category.UNPROVEN: 'unproven'>, <Category.UNPROVEN: 'unproven'>)
    """
    items = list(findings)
    if any(_works(f) for f in items):
        return Category.WORKS
    if any(_promising(f) for f in items):
        return Category.PROMISING
    return Category.UNPROVEN
