"""Vote counting on the direction of effect (Cochrane Handbook, section 12.4.2.3).

When studies report too little to compute effect sizes, the Handbook allows
counting how many show benefit and how many harm, testing with the sign test
whether benefit is more common than chance, and giving a confidence interval
for the proportion of studies with a positive direction.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import asdict, dataclass
from typing import Any, Final

import numpy as np
import pandas as pd
from scipy import stats

from watwerkt.errors import StatsInputError
from watwerkt.messages import message
from watwerkt.stats._summary import text
from watwerkt.stats._validation import check_level

__all__ = ["VoteCountResult", "vote_count"]

_FUNCTION: Final = "vote_count"

#: Accepted spellings (case-insensitive) and the vote they stand for.
DIRECTIONS: Final[dict[str, int]] = {
    "positive": 1, "+": 1, "positief": 1,
    "negative": -1, "-": -1, "negatief": -1,
    "none": 0, "0": 0, "geen": 0, "no clear direction": 0,
}


@dataclass(frozen=True, slots=True)
class VoteCountResult:
    """Counts, sign test and Wilson interval for the proportion of positive effects.

    ``k_used`` is the number of studies with a clear direction (positive plus
    negative), the denominator of ``proportion_positive``; studies with no clear
    direction are counted in ``k_none`` but do not enter the sign test, and
    missing directions are listed in ``omitted`` (0-based positions).
    """

    level: float
    k_total: int
    k_positive: int
    k_negative: int
    k_none: int
    k_used: int
    omitted: tuple[int, ...]
    proportion_positive: float
    pvalue: float
    ci_lower: float
    ci_upper: float

    def to_dict(self) -> dict[str, Any]:
        """Return the fields as JSON-ready Python values (NaN kept)."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            out[key] = list(value) if isinstance(value, tuple) else value
        return out

    def to_frame(self) -> pd.DataFrame:
        """Return the result as a one-row table."""
        return pd.DataFrame([{k: v for k, v in self.to_dict().items() if k != "omitted"}])

    def summary(self, lang: str | None = None) -> str:
        """Return a short printout of the counts and the sign test in ``lang`` ("nl", "en")."""
        return "\n".join([
            text("vote_head", lang, k=self.k_total),
            text("vote_counts", lang, positive=self.k_positive, negative=self.k_negative,
                 none=self.k_none, missing=len(self.omitted)),
            text("vote_proportion", lang, proportion=f"{self.proportion_positive:.4f}",
                 positive=self.k_positive, used=self.k_used, pct=f"{100 * self.level:g}",
                 lower=f"{self.ci_lower:.4f}", upper=f"{self.ci_upper:.4f}"),
            text("vote_sign_test", lang, p=f"{self.pvalue:.4g}"),
        ])


def _vote(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, str):
        key = value.strip().lower()
        if key in DIRECTIONS:
            return DIRECTIONS[key]
        if key in ("", "nan", "na"):
            return None
        try:
            value = float(key)
        except ValueError:
            raise LookupError(value) from None
    if isinstance(value, bool):
        raise LookupError(value)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise LookupError(value) from None
    if math.isnan(number):
        return None
    if number in (1.0, -1.0, 0.0):
        return int(number)
    raise LookupError(value)


def vote_count(directions: Any, *, level: float = 0.95) -> VoteCountResult:
    """Count effect directions and test them with the sign test.

    Parameters
    ----------
    directions : array_like
        One vote per study: ``+1``/``-1``/``0`` or ``"positive"``/``"negative"``/
        ``"none"`` (also ``"positief"``/``"negatief"``/``"geen"``). ``None`` or
        NaN marks a study whose direction is unknown; it is omitted and listed.
    level : float, default 0.95
        Confidence level of the interval for the proportion of positive effects.

    Returns
    -------
    VoteCountResult

    Raises
    ------
    StatsInputError
        When a value is not a direction (naming the positions), or the input
        is empty.

    Warns
    -----
    UserWarning
        When missing directions are omitted.

    Notes
    -----
    The sign test is the exact two-sided binomial test of ``k_positive`` out of
    the studies with a clear direction against 1/2 (``scipy.stats.binomtest``);
    studies with no clear direction are left out of it, as the Handbook
    describes. The interval is Wilson's score interval, which the Handbook
    (section 12.4.2.3) recommends over the Wald interval because it keeps its
    coverage with the small numbers of studies typical of vote counting.
    Vote counting says nothing about the *size* of an effect and is a last
    resort when effect sizes cannot be computed.

    References
    ----------
    McKenzie, J. E., & Brennan, S. E. (2022). Chapter 12: Synthesizing and
    presenting findings using other methods. In J. P. T. Higgins et al. (Eds.),
    *Cochrane Handbook for Systematic Reviews of Interventions* (version 6.3),
    section 12.4.2.3.

    Examples
    --------
    >>> res = vote_count(["positive"] * 10 + ["negative"] * 2 + ["none"])
    >>> res.k_positive, res.k_negative, res.k_none, round(res.pvalue, 4)
    (10, 2, 1, 0.0386)
    >>> round(res.ci_lower, 3), round(res.ci_upper, 3)
    (0.552, 0.953)
    """
    lvl = check_level(level, _FUNCTION)
    values = list(np.asarray(directions, dtype=object).ravel())
    if not values:
        raise StatsInputError("stats.empty", argument="directions", function=_FUNCTION,
                              minimum=1)
    votes: list[int | None] = []
    bad: list[int] = []
    for i, value in enumerate(values):
        try:
            votes.append(_vote(value))
        except LookupError:
            bad.append(i)
            votes.append(None)
    if bad:
        raise StatsInputError("stats.vote.bad_direction", argument="directions",
                              positions=tuple(bad), function=_FUNCTION)
    omitted = tuple(i for i, v in enumerate(votes) if v is None)
    if omitted:
        warnings.warn(
            message("stats.vote.missing", None, function=_FUNCTION,
                    count=len(omitted), positions=", ".join(str(p) for p in omitted)),
            UserWarning, stacklevel=2,
        )
    pos = sum(1 for v in votes if v == 1)
    neg = sum(1 for v in votes if v == -1)
    none = sum(1 for v in votes if v == 0)
    used = pos + neg
    if used:
        test = stats.binomtest(pos, used, 0.5, alternative="two-sided")
        ci = test.proportion_ci(confidence_level=lvl, method="wilson")
        pvalue, lo, hi, prop = float(test.pvalue), float(ci.low), float(ci.high), pos / used
    else:
        pvalue = lo = hi = prop = math.nan
    return VoteCountResult(
        level=lvl, k_total=len(votes), k_positive=pos, k_negative=neg, k_none=none,
        k_used=used, omitted=omitted, proportion_positive=prop, pvalue=pvalue,
        ci_lower=lo, ci_upper=hi,
    )
