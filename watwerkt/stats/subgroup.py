"""Subgroup analysis: one pooled result per subgroup and two tests of their difference.

:func:`subgroup_analysis` pools every subgroup separately and tests whether
the subgroups differ in two established ways, which answer slightly
different questions:

(a) the mixed-effects moderator test of metafor,
    ``rma(yi, vi, mods = ~ factor(group))``: one τ² shared by all subgroups,
    QM on the subgroup dummies (``qm``, χ² or F with Knapp–Hartung);
(b) the "test for subgroup differences" of RevMan / the Cochrane Handbook:
    each subgroup has its own τ², and Cochran's Q is computed on the
    subgroup estimates with weights ``1/se²`` (``q_between``, χ²(G − 1)).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd
from scipy import stats as sps

from watwerkt.errors import StatsInputError
from watwerkt.stats._linalg import weighted_fit
from watwerkt.stats._summary import text
from watwerkt.stats._validation import (
    check_level,
    check_option,
    check_same_length,
    effect_inputs,
    positions,
)
from watwerkt.stats.pool import TESTS, MetaResult, _plain, meta_analysis
from watwerkt.stats.regression import meta_regression
from watwerkt.stats.tau2 import METHODS

__all__ = ["SubgroupResult", "subgroup_analysis"]

_FUNCTION: Final = "subgroup_analysis"
#: Columns of :meth:`SubgroupResult.to_frame` after ``group``.
FRAME_COLUMNS: Final = (
    "k",
    "estimate",
    "se",
    "pvalue",
    "ci_lower",
    "ci_upper",
    "pi_lower",
    "pi_upper",
    "tau2",
    "i2",
    "q",
    "q_df",
    "q_pvalue",
)


@dataclass(frozen=True, slots=True)
class SubgroupResult:
    """Result of :func:`subgroup_analysis`.

    ``by_group`` maps each subgroup label (sorted, as R's ``factor()``) to
    its own :class:`~watwerkt.stats.pool.MetaResult`. ``qm``, ``qm_df``,
    ``qm_pvalue`` are metafor's mixed-effects moderator test (common τ²;
    ``qm_df = (G − 1, None)``, or ``(G − 1, k − G)`` for an F test with
    Knapp–Hartung). ``q_between``, ``q_between_df``, ``q_between_pvalue``
    are RevMan's test for subgroup differences (separate τ² per subgroup).
    """

    by_group: dict[Any, MetaResult]
    qm: float
    qm_df: tuple[int, int | None]
    qm_pvalue: float
    q_between: float
    q_between_df: int
    q_between_pvalue: float
    method: str
    test: str
    level: float
    k: int

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready plain values (subgroups keyed by ``str(label)``)."""
        return {
            "by_group": {str(g): r.to_dict() for g, r in self.by_group.items()},
            "qm": self.qm,
            "qm_df": _plain(self.qm_df),
            "qm_pvalue": self.qm_pvalue,
            "q_between": self.q_between,
            "q_between_df": self.q_between_df,
            "q_between_pvalue": self.q_between_pvalue,
            "method": self.method,
            "test": self.test,
            "level": self.level,
            "k": self.k,
        }

    def to_frame(self) -> pd.DataFrame:
        """Return one row per subgroup: ``group`` and the main pooled statistics."""
        rows = [
            {"group": g, **{c: getattr(r, c) for c in FRAME_COLUMNS}}
            for g, r in self.by_group.items()
        ]
        return pd.DataFrame(rows, columns=["group", *FRAME_COLUMNS])

    def summary(self, lang: str | None = None) -> str:
        """Return a readable text summary: one line per subgroup and both tests.

        Labels come from the catalogue in ``lang`` ("nl" or "en"; default: the
        process language); numbers keep a decimal point in both languages.
        """
        group = text("col_group", lang)
        width = max(len(group), *(len(str(g)) for g in self.by_group))
        est = text("col_estimate", lang)
        lines = [
            text("subgroup_head", lang, k=self.k, method=self.method, test=self.test),
            "",
            f"{group:{width}} {'k':>4} {est:>9} {'ci.lb':>8} {'ci.ub':>8} {'tau^2':>8}",
        ]
        for g, r in self.by_group.items():
            lines.append(
                f"{g!s:{width}} {r.k:4d} {r.estimate:9.4f} {r.ci_lower:8.4f} "
                f"{r.ci_upper:8.4f} {r.tau2:8.4f}"
            )
        m, df2 = self.qm_df
        stat = f"QM(df = {m})" if df2 is None else f"F(df1 = {m}, df2 = {df2})"
        lines += [
            "",
            text("subgroup_qm", lang),
            f"{stat} = {self.qm:.4f}, p-val = {self.qm_pvalue:.4f}",
            text("subgroup_qb", lang),
            f"Q(df = {self.q_between_df}) = {self.q_between:.4f}, "
            f"p-val = {self.q_between_pvalue:.4f}",
        ]
        return "\n".join(lines)


def subgroup_analysis(
    yi: Any,
    vi: Any,
    groups: Any,
    method: str = "REML",
    test: str = "z",
    level: float = 0.95,
) -> SubgroupResult:
    """Pool each subgroup and test whether the subgroups differ.

    Parameters
    ----------
    yi, vi : array_like, shape (k,)
        Effect sizes and their sampling variances (all > 0).
    groups : array_like, shape (k,)
        Subgroup label of each study (any hashable values, none missing).
    method : {"FE", "DL", "HE", "HS", "SJ", "ML", "REML", "EB", "PM"}
        τ² estimator, used within every subgroup and for the moderator test.
    test : {"z", "knha"}
        Normal tests, or Knapp–Hartung (t within subgroups, F for QM).
    level : float
        Confidence level (0.95, or metafor's 95).

    Returns
    -------
    SubgroupResult

    Raises
    ------
    StatsInputError
        For fewer than two distinct subgroups, a missing label, or any input
        :func:`~watwerkt.stats.pool.meta_analysis` and
        :func:`~watwerkt.stats.regression.meta_regression` reject.

    Notes
    -----
    The two tests differ when heterogeneity differs between subgroups:
    the moderator test pools τ² over all subgroups (more stable with small
    subgroups); RevMan's test lets every subgroup have its own τ² but
    treats the subgroup estimates as independent with known variance. Both
    are reported so that a dossier can show the one its readers know.

    References
    ----------
    Borenstein, M., & Higgins, J. P. T. (2013). Meta-analysis and subgroups.
    *Prevention Science*, 14, 134-143. Deeks, J. J., Higgins, J. P. T., &
    Altman, D. G. (2022). Analysing data and undertaking meta-analyses. In
    *Cochrane Handbook for Systematic Reviews of Interventions* (ch. 10).

    Examples
    --------
    >>> yi = [0.1, 0.3, 0.35, -0.2, 0.6, 0.45, 0.5]
    >>> vi = [0.02, 0.03, 0.025, 0.04, 0.05, 0.03, 0.02]
    >>> res = subgroup_analysis(yi, vi, ["a", "a", "a", "b", "b", "b", "b"], method="DL")
    >>> {g: round(r.estimate, 3) for g, r in res.by_group.items()}
    {'a': 0.235, 'b': 0.343}
    >>> round(res.qm, 3), round(res.q_between, 3)
    (0.265, 0.321)
    """
    y, v = effect_inputs(yi, vi, _FUNCTION)
    method = check_option(method, "method", _FUNCTION, METHODS)
    test = check_option(test, "test", _FUNCTION, TESTS)
    lvl = check_level(level, _FUNCTION)
    labels = pd.Series(np.asarray(groups, dtype=object).ravel())
    check_same_length(_FUNCTION, yi=y, groups=labels.to_numpy())
    missing = labels.isna().to_numpy()
    if missing.any():
        raise StatsInputError(
            "stats.nan", argument="groups", positions=positions(missing), function=_FUNCTION
        )
    levels = sorted(labels.unique(), key=_sort_key)
    if len(levels) < 2:
        raise StatsInputError(
            "stats.pool.too_few_groups", argument="groups", function=_FUNCTION, got=len(levels)
        )
    by_group: dict[Any, MetaResult] = {}
    for g in levels:
        mask = (labels == g).to_numpy()
        by_group[g] = meta_analysis(y[mask], v[mask], method=method, test=test, level=lvl)
    dummies = pd.DataFrame({f"group[{g}]": (labels == g).to_numpy(dtype=float) for g in levels[1:]})
    mixed = meta_regression(y, v, dummies, method=method, test=test, level=lvl)
    est = np.array([r.estimate for r in by_group.values()])
    se = np.array([r.se for r in by_group.values()])
    q_between = weighted_fit(est, np.ones((len(est), 1)), 1.0 / (se * se)).rss
    df = len(levels) - 1
    return SubgroupResult(
        by_group=by_group,
        qm=mixed.qm,
        qm_df=mixed.qm_df,
        qm_pvalue=mixed.qm_pvalue,
        q_between=q_between,
        q_between_df=df,
        q_between_pvalue=float(sps.chi2.sf(q_between, df)),
        method=method,
        test=mixed.test,
        level=lvl,
        k=len(y),
    )


def _sort_key(value: Any) -> tuple[int, Any]:
    """Sort numbers numerically and everything else as text (as R's factor levels)."""
    if isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool):
        return (0, float(value))
    return (1, str(value))
