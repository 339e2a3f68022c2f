"""Nested random-intercept models: marginal covariance algebra and the REML/ML fit.

The marginal covariance of ``y`` under nested random intercepts,
``V = diag(vi) + sum_l sigma2_l Z_l Z_l'``, is block-diagonal per outermost
cluster, and inside a cluster every level adds a rank-one term per group. Its
inverse is therefore applied level by level with the Woodbury identity, from
the innermost level outwards, using segment sums over contiguous groups
(``np.add.reduceat``). Nothing of size n x n is ever formed: one likelihood
evaluation costs O(n p L^2) for L levels and p coefficients.

Private: :mod:`watwerkt.stats.multilevel` and :mod:`watwerkt.stats._robust`
are the public faces.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import optimize

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

#: Below this (relative to the start value scale) a variance is treated as sitting on
#: the boundary and its score at exactly zero decides whether 0 is the maximum.
_BOUNDARY_REL = 1e-7
#: Newton polish stops when no log-variance moves more than this.
_STEP_TOL = 1e-11
#: Largest score (d loglik / d log sigma2) still called converged.
_SCORE_TOL = 1e-6


@dataclass(frozen=True, slots=True)
class NestedStructure:
    """Rows sorted so that every level's groups are contiguous blocks.

    ``order`` maps sorted positions to original rows; ``starts[l]`` are the
    first sorted positions of the groups of level ``l`` (outermost first),
    ``sizes[l]`` their sizes and ``parents[l][m]`` (for ``m < l``) the index
    of the level-``m`` group containing each level-``l`` group.
    """

    order: IntArray
    starts: tuple[IntArray, ...]
    sizes: tuple[IntArray, ...]
    parents: tuple[tuple[IntArray, ...], ...]

    @property
    def levels(self) -> int:
        """Number of nested groupings."""
        return len(self.starts)

    @property
    def n_groups(self) -> tuple[int, ...]:
        """Number of groups per level, outermost first."""
        return tuple(len(s) for s in self.starts)

    def segment_sum(self, level: int, values: FloatArray) -> FloatArray:
        """Sum ``values`` (sorted rows, 1-D or 2-D) over the groups of ``level``."""
        return np.add.reduceat(values, self.starts[level], axis=0)

    def expand(self, level: int, values: FloatArray) -> FloatArray:
        """Repeat per-group ``values`` of ``level`` onto the sorted rows."""
        return np.repeat(values, self.sizes[level], axis=0)


def nest_codes(labels: list[npt.NDArray[np.object_]]) -> list[IntArray]:
    """Return integer codes of the nested groups ``a``, ``a/b``, ``a/b/c``, ….

    Labels of an inner level only need to be unique within their outer group,
    as in metafor's ``~ 1 | study/es_id``.
    """
    codes: list[IntArray] = []
    previous: IntArray | None = None
    for lab in labels:
        _, inner = np.unique(np.asarray([str(x) for x in lab]), return_inverse=True)
        inner = inner.astype(np.intp)
        combined = inner if previous is None else previous * (int(inner.max()) + 1) + inner
        _, code = np.unique(combined, return_inverse=True)
        previous = code.astype(np.intp)
        codes.append(previous)
    return codes


def build_structure(codes: list[IntArray]) -> NestedStructure:
    """Sort rows by the nested codes and record each level's contiguous blocks."""
    order = np.lexsort(tuple(reversed(codes))).astype(np.intp)
    starts: list[IntArray] = []
    sizes: list[IntArray] = []
    sorted_codes: list[IntArray] = []
    n = len(order)
    for code in codes:
        c = code[order]
        first = np.flatnonzero(np.r_[True, c[1:] != c[:-1]]).astype(np.intp)
        starts.append(first)
        sizes.append(np.diff(np.r_[first, n]).astype(np.intp))
        # renumber groups 0..G-1 in sorted order
        sorted_codes.append(np.cumsum(np.r_[True, c[1:] != c[:-1]]).astype(np.intp) - 1)
    parents = tuple(
        tuple(sorted_codes[m][starts[lev]] for m in range(lev)) for lev in range(len(codes))
    )
    return NestedStructure(order, tuple(starts), tuple(sizes), parents)


@dataclass(frozen=True, slots=True)
class Inverse:
    """The pieces of ``V^-1`` for one set of variance components (sorted rows).

    ``a[l] = A_{l+1}^{-1} 1`` where ``A_l = diag(v) + sum_{m >= l} sigma2_m Z_m Z_m'``;
    ``s[l]`` are its group sums and ``d[l] = sigma2_l / (1 + sigma2_l s[l])``.
    """

    structure: NestedStructure
    v: FloatArray
    sigma2: FloatArray
    a: tuple[FloatArray, ...]
    s: tuple[FloatArray, ...]
    d: tuple[FloatArray, ...]
    logdet: float

    def solve(self, b: FloatArray) -> FloatArray:
        """Return ``V^-1 b`` for sorted rows ``b`` (1-D or 2-D)."""
        st = self.structure
        x = b.reshape(len(b), -1) / self.v[:, None]
        for lev in range(st.levels - 1, -1, -1):
            if self.sigma2[lev] == 0.0:
                continue
            corr = st.expand(lev, self.d[lev][:, None] * st.segment_sum(lev, x))
            x = x - self.a[lev][:, None] * corr
        return x.reshape(b.shape)

    def trace_zz(self, lev: int) -> float:
        """Return ``tr(V^-1 Z_l Z_l')``, the sum of ``1_g' V^-1 1_g`` over groups g."""
        st = self.structure
        own = self.s[lev]
        q = own - self.d[lev] * own**2
        for m in range(lev):
            if self.sigma2[m] == 0.0:
                continue
            cross = st.segment_sum(lev, self.a[m])
            q = q - self.d[m][st.parents[lev][m]] * cross**2
        return float(q.sum())


def inverse(structure: NestedStructure, v: FloatArray, sigma2: FloatArray) -> Inverse:
    """Compute the Woodbury pieces of ``V^-1`` for variance components ``sigma2``."""
    levels = structure.levels
    a: list[FloatArray] = [np.empty(0)] * levels
    s: list[FloatArray] = [np.empty(0)] * levels
    d: list[FloatArray] = [np.empty(0)] * levels
    logdet = float(np.log(v).sum())
    current = 1.0 / v  # A_{l+1}^{-1} 1, starting with A_L = diag(v)
    for lev in range(levels - 1, -1, -1):
        a[lev] = current
        s[lev] = structure.segment_sum(lev, current)
        one_plus = 1.0 + sigma2[lev] * s[lev]
        d[lev] = sigma2[lev] / one_plus
        logdet += float(np.log(one_plus).sum())
        current = current / structure.expand(lev, one_plus)
    return Inverse(structure, v, sigma2, tuple(a), tuple(s), tuple(d), logdet)


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Log-likelihood, its score in ``sigma2`` and the GLS fit at one ``sigma2``."""

    loglik: float
    score: FloatArray
    beta: FloatArray
    vb: FloatArray
    inv: Inverse


def evaluate(
    structure: NestedStructure,
    y: FloatArray,
    v: FloatArray,
    x: FloatArray,
    sigma2: FloatArray,
    reml: bool,
    *,
    with_score: bool = True,
) -> Evaluation:
    """Profile (RE)ML log-likelihood as metafor's ``rma.mv`` and its score.

    Rows must be in ``structure`` order. The REML version includes metafor's
    ``+ 1/2 log|X'X|`` term, so values equal ``logLik()`` of ``rma.mv``.
    """
    k, p = x.shape
    inv = inverse(structure, v, sigma2)
    wx = inv.solve(x)
    wy = inv.solve(y)
    xwx = x.T @ wx
    chol = np.linalg.cholesky(xwx)
    vb = np.linalg.inv(xwx)
    vb = (vb + vb.T) / 2
    beta = vb @ (x.T @ wy)
    resid = y - x @ beta
    wr = wy - wx @ beta
    rss = float(resid @ wr)
    if reml:
        ll = (
            -0.5 * (k - p) * math.log(2 * math.pi)
            + 0.5 * float(np.linalg.slogdet(x.T @ x)[1])
            - 0.5 * inv.logdet
            - float(np.log(np.diag(chol)).sum())
            - 0.5 * rss
        )
    else:
        ll = -0.5 * k * math.log(2 * math.pi) - 0.5 * inv.logdet - 0.5 * rss
    score = np.zeros(structure.levels)
    if with_score:
        for lev in range(structure.levels):
            u = structure.segment_sum(lev, wr)
            tr = inv.trace_zz(lev)
            if reml:
                t = structure.segment_sum(lev, wx)
                tr -= float(np.sum((t @ vb) * t))
            score[lev] = -0.5 * tr + 0.5 * float(u @ u)
    return Evaluation(ll, score, beta, vb, inv)


@dataclass(frozen=True, slots=True)
class FitResult:
    """Outcome of :func:`fit_components`."""

    sigma2: FloatArray
    evaluation: Evaluation
    converged: bool
    iterations: int
    cause: str  # a message key naming why it did not converge ("" when it did)


def fit_components(
    structure: NestedStructure,
    y: FloatArray,
    v: FloatArray,
    x: FloatArray,
    reml: bool,
    fixed: dict[int, float] | None = None,
) -> FitResult:
    """Maximise the (RE)ML profile likelihood over the free variance components.

    L-BFGS-B in ``log sigma2`` with the analytic score, then components that
    run to the lower bound are tested at exactly zero (their score there must
    be non-positive), and the free ones are polished by Newton steps on a
    finite-difference Hessian of the analytic score.
    """
    levels = structure.levels
    fixed = dict(fixed or {})
    # start: residual heterogeneity of an OLS fit beyond the mean sampling variance
    beta_ols = np.linalg.lstsq(x, y, rcond=None)[0]
    total = max(float(np.var(y - x @ beta_ols)) - float(np.mean(v)), 0.01 * float(np.mean(v)))
    scale = max(total, 1e-8)
    start = np.full(levels, total / levels)
    free = [lev for lev in range(levels) if lev not in fixed]

    def full(theta: FloatArray, zero: set[int]) -> FloatArray:
        s2 = start.copy()
        for lev, val in fixed.items():
            s2[lev] = val
        for i, lev in enumerate(active(zero)):
            s2[lev] = math.exp(theta[i])
        for lev in zero:
            s2[lev] = 0.0
        return s2

    def active(zero: set[int]) -> list[int]:
        return [lev for lev in free if lev not in zero]

    def objective(theta: FloatArray, zero: set[int]) -> tuple[float, FloatArray]:
        s2 = full(theta, zero)
        ev = evaluate(structure, y, v, x, s2, reml)
        grad = np.array([ev.score[lev] * s2[lev] for lev in active(zero)])
        return -ev.loglik, -grad

    def evaluate_at(theta: FloatArray, zero: set[int]) -> Evaluation:
        return evaluate(structure, y, v, x, full(theta, zero), reml)

    iterations = 0
    zero: set[int] = set()
    lower = math.log(scale * 1e-12)
    upper = math.log(scale * 1e8)
    theta = np.log(start[free]) if free else np.empty(0)
    if free:
        res = optimize.minimize(
            objective,
            theta,
            args=(zero,),
            jac=True,
            method="L-BFGS-B",
            bounds=[(lower, upper)] * len(free),
            options={"maxiter": 1000, "ftol": 1e-15, "gtol": 1e-10},
        )
        iterations += int(res.nit)
        theta = np.asarray(res.x, dtype=np.float64)
        if np.any(theta >= upper - 1e-6):
            s2 = full(theta, zero)
            ev = evaluate(structure, y, v, x, s2, reml)
            return FitResult(s2, ev, False, iterations, "stats.multilevel_cause_unbounded")
        theta, zero, its = _settle_boundary(
            objective, evaluate_at, active, free, theta, scale, revive_at=float(start[0])
        )
        iterations += its
    theta, its, ok = _newton(objective, theta, zero)
    iterations += its
    # the likelihood can have a second, higher maximum with a component at exactly 0
    # (an interior local maximum found first): take it when its zeros all have a
    # non-positive score, as a boundary maximum must
    for _ in range(len(free)):
        best = -objective(theta, zero)[0]
        switched = False
        for lev in active(zero):
            # lev forced to 0, every other component free again (a swap: one maximum
            # may have this component inside and another one at zero)
            others = np.array(
                [theta[active(zero).index(m)] if m not in zero else 0.0 for m in free if m != lev]
            )
            for i, m in enumerate(m for m in free if m != lev):
                if m in zero:
                    others[i] = math.log(float(start[m]))
            others, its, _ = _newton(objective, others, {lev})
            iterations += its
            kept, trial, its = _settle_boundary(
                objective, evaluate_at, active, free, others, scale, float(start[0]), {lev}
            )
            iterations += its
            kept, its, trial_ok = _newton(objective, kept, trial)
            iterations += its
            ev = evaluate(structure, y, v, x, full(kept, trial), reml)
            if (
                trial_ok
                and ev.loglik > best + 1e-9 * max(1.0, abs(best))
                and all(ev.score[m] <= 0 for m in trial if m in free)
            ):
                theta, zero, ok, switched = kept, trial, trial_ok, True
                break
        if not switched:
            break
    s2 = full(theta, zero)
    ev = evaluate(structure, y, v, x, s2, reml)
    score = np.array([ev.score[lev] * s2[lev] for lev in active(zero)])
    converged = ok and bool(np.all(np.abs(score) < _SCORE_TOL))
    bad_zero = [lev for lev in zero if ev.score[lev] > _SCORE_TOL / scale]
    converged = converged and not bad_zero
    cause = "" if converged else "stats.multilevel_cause_score"
    return FitResult(s2, ev, converged, iterations, cause)


Objective = Callable[[FloatArray, set[int]], tuple[float, FloatArray]]


def _newton(
    fun: Objective, theta: FloatArray, zero: set[int], maxiter: int = 100
) -> tuple[FloatArray, int, bool]:
    """Newton steps with step halving on ``fun(theta, zero)``; FD Hessian of the score."""
    if theta.size == 0:
        return theta, 0, True
    f, g = fun(theta, zero)
    h = 1e-5
    for it in range(1, maxiter + 1):
        hess = np.empty((theta.size, theta.size))
        for i in range(theta.size):
            e = np.zeros(theta.size)
            e[i] = h
            hess[:, i] = (fun(theta + e, zero)[1] - fun(theta - e, zero)[1]) / (2 * h)
        hess = (hess + hess.T) / 2
        # saddle-free Newton: curvature taken by absolute value, so that where the
        # log-likelihood is not concave (a small variance whose score is positive:
        # d2/dtheta2 ~ -sigma2 * score) the step still climbs by about one e-fold
        # instead of a gradient step that barely moves
        eig, vec = np.linalg.eigh(hess)
        curv = np.abs(eig)
        if float(curv.max()) == 0.0:
            step: FloatArray = -g
        else:
            curv = np.maximum(curv, 1e-12 * float(curv.max()))
            step = np.asarray(-vec @ ((vec.T @ g) / curv), dtype=np.float64)
        step = np.clip(step, -2.0, 2.0).astype(np.float64)
        t = 1.0
        while True:
            cand = theta + t * step
            fc, gc = fun(cand, zero)
            if fc <= f + 1e-13 * abs(f) or t < 1e-6:
                break
            t /= 2
        moved = float(np.abs(cand - theta).max())
        theta, f, g = cand, fc, gc
        if moved < _STEP_TOL or float(np.abs(g).max()) < 1e-12:
            return theta, it, True
    return theta, maxiter, False


Evaluator = Callable[[FloatArray, set[int]], Evaluation]


def _settle_boundary(
    objective: Objective,
    evaluate_at: Evaluator,
    active: Callable[[set[int]], list[int]],
    free: list[int],
    theta: FloatArray,
    scale: float,
    revive_at: float,
    base: frozenset[int] | set[int] = frozenset(),
) -> tuple[FloatArray, set[int], int]:
    """Decide which free components sit on the boundary sigma2 = 0.

    A component below ``scale * _BOUNDARY_REL`` is set to exactly 0 (together
    with the others that small) and the rest re-optimised. Zero is accepted
    when the score there (d loglik / d sigma2, given the others) is not
    positive and the log-likelihood is not lower than before. A component
    with a positive score at zero has its maximum inside: it restarts from
    ``revive_at`` (never from next to the boundary, where the likelihood in
    ``log sigma2`` is flat) and is not snapped again. Returns the log-values
    of the active components, the set fixed at zero and the Newton iterations.
    Components in ``base`` stay at zero throughout (``theta`` omits them).
    """
    values = {
        lev: float(t) for lev, t in zip([m for m in free if m not in base], theta, strict=True)
    }
    threshold = math.log(scale * _BOUNDARY_REL)
    zero: set[int] = set(base)
    inside: set[int] = set()  # components whose zero was rejected
    iterations = 0

    def current(zero: set[int]) -> FloatArray:
        return np.array([values[lev] for lev in active(zero)])

    for _ in range(2 * len(free) + 1):
        small = {lev for lev in active(zero) if values[lev] < threshold and lev not in inside}
        if not small:
            break
        trial = zero | small
        kept, its, _ = _newton(objective, current(trial), trial)
        iterations += its
        at_zero = evaluate_at(kept, trial)
        before = -objective(current(zero), zero)[0]
        revive = {lev for lev in trial - set(base) if at_zero.score[lev] > 0}
        if not revive and at_zero.loglik >= before - 1e-9 * max(1.0, abs(before)):
            zero = trial
            values.update(zip(active(zero), kept.tolist(), strict=True))
            continue
        if not revive:  # likelihood lower at zero although no score says so: keep it
            inside |= small
            continue
        zero = trial - revive
        values.update(zip(active(trial), kept.tolist(), strict=True))
        values.update(dict.fromkeys(revive, math.log(revive_at)))
        inside |= revive
        kept, its, _ = _newton(objective, current(zero), zero)
        iterations += its
        values.update(zip(active(zero), kept.tolist(), strict=True))
    return current(zero), zero, iterations
