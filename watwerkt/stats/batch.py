"""Many independent meta-analyses at once: one row of pooled results per group.

A dossier pools every principle × outcome cell separately; with thousands of
cells a Python loop of single fits is the slow part of a build.
:func:`meta_analysis_batch` fits all groups of a long table at once, on whole
numpy arrays, and returns the same numbers as a loop of
:func:`watwerkt.stats.pool.meta_analysis` (to about 1e-10).
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import stats as sps

from watwerkt.errors import ConvergenceWarning, StatsInputError
from watwerkt.messages import message
from watwerkt.stats import _batch_tau2 as bt
from watwerkt.stats._validation import as_float_array, check_level, check_option
from watwerkt.stats.pool import TESTS, check_control
from watwerkt.stats.tau2 import METHODS, FitControl

__all__ = ["BATCH_COLUMNS", "meta_analysis_batch"]

FloatArray = npt.NDArray[np.float64]

_FUNCTION: Final = "meta_analysis_batch"

#: Result columns after the group keys, in ``MetaResult.to_dict()`` order.
BATCH_COLUMNS: Final[tuple[str, ...]] = (
    "k",
    "estimate",
    "se",
    "statistic",
    "pvalue",
    "ci_lower",
    "ci_upper",
    "pi_lower",
    "pi_upper",
    "tau2",
    "tau2_se",
    "tau2_ci_lower",
    "tau2_ci_upper",
    "i2",
    "i2_ci_lower",
    "i2_ci_upper",
    "h2",
    "h2_ci_lower",
    "h2_ci_upper",
    "q",
    "q_df",
    "q_pvalue",
    "method",
    "test",
    "level",
    "iterations",
    "converged",
    "k_used",
    "k_total",
    "omitted",
)

#: At most this many studies are fitted in one block, which bounds the work
#: arrays (8 MB each). Fewer, larger blocks are faster: an iteration costs
#: Python overhead per block, however few groups in it are still running.
_CHUNK_CELLS: Final = 2**20

_INT_COLUMNS: Final = ("k", "q_df", "iterations", "k_used", "k_total")


def meta_analysis_batch(
    frame: pd.DataFrame,
    by: Hashable | Sequence[Hashable],
    yi: Hashable = "yi",
    vi: Hashable = "vi",
    method: str = "REML",
    test: str = "z",
    level: float = 0.95,
    *,
    tau2_ci: bool = False,
    control: FitControl | None = None,
) -> pd.DataFrame:
    """Fit one random-effects (or common-effect) meta-analysis per group.

    Parameters
    ----------
    frame : pandas.DataFrame
        Long table with one row per effect size.
    by : column name or list of column names
        The grouping column(s); each distinct combination is one meta-analysis.
        Missing keys form a group of their own (no row is dropped).
    yi, vi : column name, default ``"yi"``, ``"vi"``
        Columns with the effect sizes and their sampling variances.
    method : {"FE", "DL", "HE", "HS", "SJ", "ML", "REML", "EB", "PM"}
        τ² estimator (metafor's definitions); ``"FE"`` fixes τ² = 0.
    test : {"z", "knha"}
        Normal test, or the Knapp–Hartung adjustment with a t(k − 1)
        distribution. A group with k = 1 always uses ``"z"`` (with a warning,
        as the single fit).
    level : float
        Confidence level of the intervals (0.95, or metafor's 95).
    tau2_ci : bool
        Also compute the Q-profile confidence intervals of τ², I² and H²
        (vectorised root finding, ~10–100 % more time). Without it those six
        columns are NaN.
    control : FitControl, optional
        Solver settings of the iterative estimators, as for
        :func:`~watwerkt.stats.pool.meta_analysis`.

    Returns
    -------
    pandas.DataFrame
        One row per group, in the order the groups first appear in ``frame``;
        the group key column(s) followed by ``BATCH_COLUMNS`` (the fields of
        ``MetaResult.to_dict()``).

    Raises
    ------
    StatsInputError
        For an unknown option, a missing column, a non-numeric value, or any
        row with a missing/infinite ``yi`` or ``vi`` or ``vi ≤ 0`` — the error
        names every such group and row, so no study disappears silently.

    Warns
    -----
    ConvergenceWarning
        Once, naming the groups, when an iterative estimator did not converge
        in some of them (``converged`` is False there, as in the single fit).
    UserWarning
        For ``test="knha"`` with groups of one study or with ``method="FE"``.

    Notes
    -----
    Groups are bucketed by their number of studies ``k``; each bucket is a
    dense ``(k, groups)`` array on which every estimator runs as array
    arithmetic. Iterative estimators update all unfinished groups together and
    freeze each group once it meets its own stopping rule, so every group takes
    the path of the single fit (:mod:`watwerkt.stats.tau2`: same start,
    Newton/Fisher steps, boundary cut, overshoot bracketing, stopping rule,
    finish of a creeping iteration, boundary snap and refined global
    likelihood check); roots are solved to machine precision by safeguarded
    Newton (Q) or regula falsi (score) instead of Brent's method, so PM's
    ``iterations`` count differs. The Python loop runs over distinct values of
    ``k`` and over iterations, never over groups.

    References
    ----------
    Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor
    package. *Journal of Statistical Software*, 36(3), 1–48.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({
    ...     "cell": ["a", "a", "a", "b", "b", "b", "b"],
    ...     "yi": [0.1, 0.3, 0.35, -0.2, 0.4, 0.1, 0.9],
    ...     "vi": [0.02, 0.03, 0.025, 0.04, 0.05, 0.03, 0.06],
    ... })
    >>> res = meta_analysis_batch(frame, by="cell")
    >>> res[["cell", "k", "estimate", "tau2"]].round(4)
      cell  k  estimate   tau2
    0    a  3    0.2351  0.000
    1    b  4    0.2825  0.164
    """
    method = check_option(method, "method", _FUNCTION, METHODS)
    test = check_option(test, "test", _FUNCTION, TESTS)
    lvl = check_level(level, _FUNCTION)
    con = check_control(control, _FUNCTION)
    keys = _key_columns(frame, by)
    _require_columns(frame, [*keys, yi, vi])
    y = as_float_array(_numeric(frame[yi]), str(yi), _FUNCTION)
    v = as_float_array(_numeric(frame[vi]), str(vi), _FUNCTION)
    if len(y) == 0:
        raise StatsInputError("stats.empty", argument=str(yi), function=_FUNCTION, minimum=1)
    codes = _group_codes(frame, keys)
    _check_rows(frame, keys, codes, y, v, str(yi), str(vi))

    n_groups = int(codes.max()) + 1
    counts = np.bincount(codes, minlength=n_groups)
    if np.all(codes[1:] >= codes[:-1]):  # rows already grouped (the usual layout)
        order = np.arange(len(codes))
        ys, vs = y, v
    else:
        order = np.argsort(codes, kind="stable")
        ys, vs = y[order], v[order]
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))

    out = _Columns(n_groups)
    for k in np.unique(counts):
        same_k = np.flatnonzero(counts == k)
        step = max(1, _CHUNK_CELLS // int(k))
        for begin in range(0, same_k.size, step):
            gids = same_k[begin : begin + step]
            _fit_block(
                out, gids, *_block(ys, vs, starts[gids], int(k)), method, test, lvl, con, tau2_ci
            )
    _warn(out, frame, keys, codes, method)
    if test == "knha" and counts.min() == 1:
        warnings.warn(message("stats.pool.knha_k1", function=_FUNCTION), UserWarning, stacklevel=2)
    if test == "knha" and method == "FE" and counts.max() > 1:
        warnings.warn(message("stats.pool.knha_fe", function=_FUNCTION), UserWarning, stacklevel=2)

    result = frame[keys].iloc[order[starts]].reset_index(drop=True)
    if any(key in BATCH_COLUMNS for key in keys):  # duplicate names: keep both columns
        return pd.concat([result, out.frame(method, lvl, {})], axis=1)
    return out.frame(method, lvl, {key: result[key].array for key in keys})


# --------------------------------------------------------------------- input


def _key_columns(frame: pd.DataFrame, by: Hashable | Sequence[Hashable]) -> list[Hashable]:
    if isinstance(by, list | tuple) and not (isinstance(by, tuple) and by in frame.columns):
        return list(by)
    return [by]


def _require_columns(frame: pd.DataFrame, columns: list[Hashable]) -> None:
    for column in columns:
        if column not in frame.columns:
            raise StatsInputError(
                "stats.batch_missing_column",
                argument=str(column),
                function=_FUNCTION,
                columns=", ".join(repr(c) for c in frame.columns),
            )


def _numeric(column: pd.Series) -> Any:
    if isinstance(column.dtype, pd.api.extensions.ExtensionDtype) and column.dtype.kind in "iufb":
        return column.to_numpy(dtype=float, na_value=np.nan)
    return column.to_numpy()


def _group_codes(frame: pd.DataFrame, keys: list[Hashable]) -> npt.NDArray[np.intp]:
    """Return 0-based group codes numbered in order of first appearance.

    Hashing every row's key is the slowest part of grouping (string keys), so
    rows are first cut into runs of equal keys (one vectorised comparison) and
    only each run's first row is hashed; a group split over several runs still
    gets one code.
    """
    columns = [frame[key] for key in keys]
    n = len(frame)
    change = np.zeros(n, dtype=bool)
    change[:1] = True
    for column in columns:
        # pandas' default "str" dtype compares fastest as plain objects (NaN for missing)
        values = column.to_numpy()
        try:
            change[1:] |= np.asarray(values[1:] != values[:-1], dtype=bool)
        except (TypeError, ValueError):  # pd.NA (NA-aware dtypes, object columns): no plain ≠
            return _hash_codes(frame, keys)
    heads = np.flatnonzero(change)
    if len(keys) == 1:  # hash the run heads' values directly (as _hash_codes does)
        run_codes = np.asarray(pd.factorize(values[heads], use_na_sentinel=False)[0], dtype=np.intp)
    else:
        run_codes = _hash_codes(frame[keys].iloc[heads], keys)
    return np.repeat(run_codes, np.diff(np.append(heads, n)))


def _hash_codes(frame: pd.DataFrame, keys: list[Hashable]) -> npt.NDArray[np.intp]:
    if len(keys) == 1:
        codes, _ = pd.factorize(frame[keys[0]].to_numpy(), use_na_sentinel=False)
        return np.asarray(codes, dtype=np.intp)
    grouped = frame.groupby(keys, sort=False, dropna=False)
    return np.asarray(grouped.ngroup().to_numpy(), dtype=np.intp)


def _group_label(frame: pd.DataFrame, keys: list[Hashable], row: int) -> str:
    values = tuple(_plain(frame[key].iloc[row]) for key in keys)
    return repr(values[0]) if len(values) == 1 else repr(values)


def _plain(value: Any) -> Any:
    """Return a numpy scalar as the Python value it holds (for readable messages)."""
    return value.item() if isinstance(value, np.generic) else value


def _check_rows(
    frame: pd.DataFrame,
    keys: list[Hashable],
    codes: npt.NDArray[np.intp],
    y: FloatArray,
    v: FloatArray,
    yi: str,
    vi: str,
) -> None:
    bad_y = ~np.isfinite(y)
    bad_v = ~np.isfinite(v) | (v <= 0)
    bad = bad_y | bad_v
    if not bad.any():
        return
    where = np.flatnonzero(bad)
    parts = []
    for code in pd.unique(codes[where]):
        rows = where[codes[where] == code]
        labels = ", ".join(str(label) for label in frame.index[rows])
        parts.append(f"{_group_label(frame, keys, int(rows[0]))}: {labels}")
    argument = ", ".join(name for name, mask in ((yi, bad_y), (vi, bad_v)) if mask.any())
    raise StatsInputError(
        "stats.batch_invalid_rows",
        argument=argument,
        positions=tuple(int(i) for i in where),
        function=_FUNCTION,
        count=len(where),
        yi=yi,
        vi=vi,
        detail="; ".join(parts),
    )


# ------------------------------------------------------------------- fitting


def _block(
    ys: FloatArray, vs: FloatArray, starts: npt.NDArray[np.intp], k: int
) -> tuple[FloatArray, FloatArray]:
    """Return the ``(k, groups)`` blocks of groups of ``k`` rows beginning at ``starts``.

    Consecutive groups (the usual layout) are one slice, transposed; others are gathered.
    """
    n = starts.size
    first = int(starts[0])
    if int(starts[-1]) - first == (n - 1) * k and (np.diff(starts) == k).all():
        end = first + n * k
        return ys[first:end].reshape(n, k).T.copy(), vs[first:end].reshape(n, k).T.copy()
    rows = starts[None, :] + np.arange(k)[:, None]
    return ys[rows], vs[rows]


class _Columns:
    """Preallocated result columns, filled bucket by bucket."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.num = {
            c: np.full(n, np.nan)
            for c in BATCH_COLUMNS
            if c not in ("method", "test", "level", "converged", "omitted", *_INT_COLUMNS)
        }
        self.ints = {c: np.zeros(n, dtype=np.int64) for c in _INT_COLUMNS}
        self.converged = np.ones(n, dtype=bool)
        self.above = np.zeros(n, dtype=bool)
        self.test = np.empty(n, dtype=object)

    def frame(self, method: str, level: float, keys: dict[Hashable, Any]) -> pd.DataFrame:
        """Return the group ``keys`` columns followed by the result columns, as one frame."""
        data: dict[Hashable, Any] = dict(keys)
        for c in BATCH_COLUMNS:
            if c in self.num:
                data[c] = self.num[c]
            elif c in self.ints:
                data[c] = self.ints[c]
            elif c == "method":
                data[c] = np.full(self.n, method, dtype=object)
            elif c == "test":
                data[c] = self.test
            elif c == "level":
                data[c] = np.full(self.n, level)
            elif c == "converged":
                data[c] = self.converged
            else:  # omitted: invalid rows raise, so nothing is ever omitted
                data[c] = [[] for _ in range(self.n)]
        return pd.DataFrame(data, copy=False)  # the columns are ours: no copies


def _estimate_tau2(method: str, y: FloatArray, v: FloatArray, con: FitControl) -> bt.Tau2Block:
    if method == "DL":
        return bt.dl(y, v)
    if method == "HS":
        return bt.hs(y, v)
    if method == "HE":
        return bt.he(y, v)
    if method == "SJ":
        return bt.sj(y, v)
    if method == "PM":
        return bt.pm(y, v, tau2_max=con.tau2_max, maxiter=con.maxiter)
    if method == "EB":
        return bt.eb(
            y, v, threshold=con.threshold, maxiter=con.maxiter, step_halving=con.step_halving
        )
    return bt.likelihood(
        method,
        y,
        v,
        threshold=con.threshold,
        maxiter=con.maxiter,
        global_check=con.global_check,
        tau2_max=con.tau2_max,
    )


def _fit_block(
    out: _Columns,
    gids: npt.NDArray[np.intp],
    y: FloatArray,
    v: FloatArray,
    method: str,
    test: str,
    level: float,
    con: FitControl,
    tau2_ci: bool,
) -> None:
    k, n = y.shape
    num, ints = out.num, out.ints
    for c in ("k", "k_used", "k_total"):
        ints[c][gids] = k
    ints["q_df"][gids] = k - 1
    if k == 1:
        _fit_single_study(out, gids, y[0], v[0], level)
        return
    if method == "FE":
        tau2 = np.zeros(n)
    else:
        est = _estimate_tau2(method, y, v, con)
        tau2 = est.tau2
        num["tau2_se"][gids] = est.se
        ints["iterations"][gids] = est.iterations
        out.converged[gids] = est.converged
        out.above[gids] = est.above_max
    num["tau2"][gids] = tau2

    w = bt.weights(v + tau2[None, :])
    sw, beta = bt.weighted_mean(y, w)
    vb = 1.0 / sw
    if test == "knha":
        r = y - beta[None, :]
        rss = bt.rsum(w * r * r)
        vb = vb * np.where(rss <= bt._EPS, 0.0, rss / (k - 1))
        crit = float(sps.t.isf((1 - level) / 2, k - 1))
    else:
        crit = float(sps.norm.isf((1 - level) / 2))
    se = np.sqrt(vb)
    with np.errstate(divide="ignore", invalid="ignore"):
        zval = beta / se
    pval = 2 * sps.t.sf(np.abs(zval), k - 1) if test == "knha" else 2 * sps.norm.sf(np.abs(zval))
    # FE: the prediction interval equals the CI (metafor gives none; as the single fit)
    pi_half = crit * np.sqrt(vb + np.where(np.isfinite(tau2), tau2, np.nan))
    num["estimate"][gids] = beta
    num["se"][gids] = se
    num["statistic"][gids] = zval
    num["pvalue"][gids] = pval
    num["ci_lower"][gids] = beta - crit * se
    num["ci_upper"][gids] = beta + crit * se
    num["pi_lower"][gids] = beta - pi_half
    num["pi_upper"][gids] = beta + pi_half
    out.test[gids] = test

    w0 = 1.0 / v
    sw0, mu0 = bt.weighted_mean(y, w0)
    r0 = y - mu0[None, :]
    q = np.maximum(0.0, bt.rdot(w0 * r0, r0))
    num["q"][gids] = q
    num["q_pvalue"][gids] = sps.chi2.sf(q, k - 1)
    vt = (k - 1) / bt.p_traces(w0, sw0)[0]
    if method == "FE":
        with np.errstate(divide="ignore", invalid="ignore"):
            # Q = 0 gives max(0, −inf) = 0, as in metafor
            num["i2"][gids] = np.where(q > 0, np.maximum(0.0, 100 * (q - (k - 1)) / q), 0.0)
        num["h2"][gids] = q / (k - 1)
    else:
        num["i2"][gids] = 100 * tau2 / (vt + tau2)
        num["h2"][gids] = tau2 / vt + 1
        if tau2_ci:
            lb, ub = _q_profile(y, v, tau2, level, con)
            num["tau2_ci_lower"][gids] = lb
            num["tau2_ci_upper"][gids] = ub
            num["i2_ci_lower"][gids] = 100 * lb / (vt + lb)
            num["i2_ci_upper"][gids] = 100 * ub / (vt + ub)
            num["h2_ci_lower"][gids] = lb / vt + 1
            num["h2_ci_upper"][gids] = ub / vt + 1


def _fit_single_study(
    out: _Columns,
    gids: npt.NDArray[np.intp],
    y: FloatArray,
    v: FloatArray,
    level: float,
) -> None:
    """Fit groups of one study: τ² = 0, the study is the estimate, the test is "z"."""
    num = out.num
    crit = float(sps.norm.isf((1 - level) / 2))
    se = np.sqrt(v)
    zval = y / se
    num["estimate"][gids] = y
    num["se"][gids] = se
    num["statistic"][gids] = zval
    num["pvalue"][gids] = 2 * sps.norm.sf(np.abs(zval))
    for side, sign in (("lower", -1.0), ("upper", 1.0)):
        num[f"ci_{side}"][gids] = y + sign * crit * se
        num[f"pi_{side}"][gids] = y + sign * crit * se
    num["tau2"][gids] = 0.0
    num["q"][gids] = 0.0
    num["q_pvalue"][gids] = 1.0
    num["i2"][gids] = 0.0
    num["h2"][gids] = 1.0
    out.test[gids] = "z"


def _q_profile(
    y: FloatArray, v: FloatArray, tau2: FloatArray, level: float, con: FitControl
) -> tuple[FloatArray, FloatArray]:
    """Q-profile confidence bounds of τ² (metafor's ``confint(type="QP")``)."""
    k, n = y.shape
    crit_u = float(sps.chi2.isf((1 - level) / 2, k - 1))
    crit_l = float(sps.chi2.ppf((1 - level) / 2, k - 1))
    start = np.maximum(con.tau2_max, 10.0 * tau2)
    q0 = bt.generalised_q(y, v, np.zeros(n))
    lb = np.zeros(n)
    ub = np.zeros(n)
    for bound, crit, solve in (
        (ub, crit_l, np.flatnonzero(~(q0 < crit_l))),
        (lb, crit_u, np.flatnonzero(~(q0 < crit_l) & ~(q0 < crit_u))),
    ):
        if solve.size:
            ys, vs, ts = y[:, solve], v[:, solve], np.full(solve.size, crit)
            hi = bt.bracket_up(ys, vs, ts, start[solve])
            bound[solve] = bt._root_from_zero(ys, vs, ts, hi, con.maxiter)
    return lb, ub


def _warn(
    out: _Columns,
    frame: pd.DataFrame,
    keys: list[Hashable],
    codes: npt.NDArray[np.intp],
    method: str,
) -> None:
    first_row = np.full(out.n, -1)
    first_row[codes[::-1]] = np.arange(len(codes))[::-1]
    for mask, key in (
        (~out.converged & ~out.above, "stats.batch_not_converged"),
        (out.above, "stats.batch_tau2_max"),
    ):
        if mask.any():
            groups = ", ".join(
                _group_label(frame, keys, int(first_row[g])) for g in np.flatnonzero(mask)[:20]
            )
            more = int(mask.sum()) - 20
            warnings.warn(
                message(
                    key,
                    None,
                    function=_FUNCTION,
                    method=method,
                    count=int(mask.sum()),
                    groups=groups + (f", … (+{more})" if more > 0 else ""),
                ),
                ConvergenceWarning,
                stacklevel=3,
            )
