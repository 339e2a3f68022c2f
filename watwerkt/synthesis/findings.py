"""Findings: the evidence for every principle × outcome, and overall per outcome.

:func:`synthesize` turns an :class:`~watwerkt.synthesis.evidence.EvidenceBase`
into one :class:`~watwerkt.model.Finding` per outcome (all studies, principle
``None``) and per principle × outcome (the studies whose intervention has the
principle), each with

- every study and coded row behind it, and the rows that gave no effect size
  with the reason (``unused_rows``): nothing is dropped silently;
- the pooled estimate with CI and prediction interval, τ², I² and Q from
  :func:`watwerkt.stats.meta_analysis_batch` (all cells in one vectorised
  call), or — when a study contributes several effect sizes to a cell — a
  three-level model (:func:`watwerkt.stats.multilevel_meta_analysis`, effect
  sizes within studies) with CR2 cluster-robust inference by study
  (:func:`watwerkt.stats.robust`) for the estimate, its CI and p-value;
- a vote count of the studies coded with a direction only (one vote per
  study), with the sign test and the Wilson interval of the proportion
  favouring the intervention from :func:`watwerkt.stats.vote_count`, run
  only for cells with votes and once per distinct count (the result depends
  on the counts alone);
- the moderator contrast *with* versus *without* the principle on the same
  outcome (see :func:`_contrast`); a row whose code for the principle is
  missing (``NA`` in the coding sheet) is in neither group, and the finding
  gets the note ``principle_not_coded``;
- sensitivity: leave-one-out range and the low-risk-of-bias-only estimate
  (both through the batch path), and with at least 10 independent effect
  sizes Egger's test (as :func:`watwerkt.stats.egger_test`, which feeds
  GRADE's publication-bias rule) and trim-and-fill (as
  :func:`watwerkt.stats.trim_and_fill`), both through batch paths, see
  :class:`~watwerkt.model.Sensitivity`;
- GRADE certainty (:mod:`watwerkt.synthesis.certainty`), the conclusion
  sentence in Dutch and English, and the recognition level
  (:mod:`watwerkt.synthesis.recognition`).

Estimates are oriented (:mod:`watwerkt.synthesis.effects`): positive favours
the intervention, on the scale of the outcome's measure (log scale for ratio
measures). ``k`` counts the pooled effect sizes; ``n_studies`` and
``studies`` count every study with a coded row in the cell, pooled or not;
``n_participants`` sums the participants of the pooled studies, each study
once.

Egger's test and trim-and-fill run once per distinct set of pooled rows, all
cells together on the batch paths of :mod:`watwerkt.stats._batch_bias` (the
same numbers as the single fits, to about 1e-12), and trim-and-fill reuses the
slope of Egger's regression to choose its side. With ``sensitivity=False`` or
``small_study=False`` they are not run, no finding is judged for publication
bias, and its reason says so.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats as sps

from watwerkt.errors import WatwerktError
from watwerkt.messages import message
from watwerkt.model import (
    DesiredDirection,
    Dossier,
    Finding,
    Indirectness,
    Measure,
    ModeratorContrast,
    PooledEffect,
    RiskOfBias,
    Sensitivity,
    UnusedRow,
)
from watwerkt.numbers import fmt_effect, resolve
from watwerkt.stats import (
    meta_analysis_batch,
    multilevel_meta_analysis,
    robust,
    vote_count,
)
from watwerkt.stats._batch_bias import egger_test_batch, trim_and_fill_batch
from watwerkt.stats.bias import EggerTestResult, TrimFillResult
from watwerkt.synthesis.certainty import EGGER_MIN_K, GradeInput, conclusion, grade
from watwerkt.synthesis.effects import RANDOMISED, effect_table
from watwerkt.synthesis.evidence import EvidenceBase
from watwerkt.synthesis.recognition import StudyResult, recognition_level

__all__ = ["Synthesis", "findings_frame", "synthesize"]

#: Vote of each coded direction for :func:`watwerkt.stats.vote_count`
#: (mixed results in one study count as "no clear direction").
VOTES: dict[str, int] = {
    "favours_intervention": 1,
    "favours_comparison": -1,
    "no_difference": 0,
    "mixed": 0,
}
#: Leave-one-out needs at least two effect sizes left after dropping one.
LOO_MIN_K = 3

#: Scalar fields of a finding that ``findings_frame`` keeps as columns.
FRAME_FIELDS = (
    "principle", "outcome", "measure", "model", "k", "n_studies", "n_participants",
    "estimate", "se", "pvalue", "ci_lower", "ci_upper", "pi_lower", "pi_upper", "tau2", "i2",
    "q", "q_pvalue", "votes_favouring", "votes_against", "votes_no_difference", "votes_pvalue",
    "votes_ci_lower", "votes_ci_upper", "recognition",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Synthesis:
    """All findings of a dossier, and the effect table they were computed from.

    ``effects`` has one row per coded row (see
    :func:`watwerkt.synthesis.effects.effect_table`).
    """

    findings: tuple[Finding, ...]
    effects: pd.DataFrame = field(repr=False, compare=False)

    def finding(self, principle: str | None, outcome: str) -> Finding:
        """Return the finding of ``principle`` (``None``: overall) and ``outcome``."""
        for f in self.findings:
            if f.principle == principle and f.outcome == outcome:
                return f
        raise KeyError((principle, outcome))

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"findings": [...]}``, the content of findings.json."""
        return {"findings": [f.to_dict() for f in self.findings]}

    def to_frame(self) -> pd.DataFrame:
        """Return one row per finding (see :func:`findings_frame`)."""
        return findings_frame(self.findings)

    def summary(self, lang: str | None = None) -> str:
        """Return one line per finding in ``lang``: cell, k, estimate with CI, certainty."""
        language = resolve(lang)
        lines = []
        for f in self.findings:
            principle = f.principle or message("synthesis.summary.overall", language)
            cell = f"{principle} x {f.outcome}"
            if f.estimate is None or f.ci_lower is None or f.ci_upper is None:
                lines.append(message("synthesis.summary.empty", language, cell=cell))
                continue
            level = f.certainty.level.value if f.certainty else "none"
            lines.append(
                message(
                    "synthesis.summary.line",
                    language,
                    cell=cell,
                    k=f.k,
                    effect=fmt_effect(f.estimate, f.ci_lower, f.ci_upper, language, digits=3),
                    level=message(f"synthesis.summary.level.{level}", language),
                )
            )
        return "\n".join(lines)


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """Return a DataFrame with one row per finding: numbers, certainty and contrast.

    Columns: :data:`FRAME_FIELDS`, ``certainty`` (level value),
    ``contrast_difference``, ``contrast_pvalue``, ``loo_min``, ``loo_max``
    and ``n_unused`` (coded rows without an effect size).
    """
    rows: list[dict[str, Any]] = []
    for f in findings:
        data = f.to_dict()
        row = {name: data[name] for name in FRAME_FIELDS}
        row["certainty"] = f.certainty.level.value if f.certainty else None
        mc = f.moderator_contrast
        row["contrast_difference"] = mc.difference if mc else None
        row["contrast_pvalue"] = mc.pvalue if mc else None
        row["loo_min"] = f.sensitivity.loo_min if f.sensitivity else None
        row["loo_max"] = f.sensitivity.loo_max if f.sensitivity else None
        row["n_unused"] = len(f.unused_rows)
        rows.append(row)
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ synthesis


class _Columns:
    """The effect table as plain numpy columns: per-cell indexing without pandas overhead."""

    def __init__(self, table: pd.DataFrame) -> None:
        self.n = len(table)

        def col(name: str) -> np.ndarray[Any, Any]:
            if self.n == 0:
                return np.array([], dtype=object)
            return table[name].to_numpy(dtype=object)

        self.study = col("study")
        self.sheet = col("sheet")
        self.row = col("row")
        self.outcome = col("outcome")
        self.principles = col("principles")
        self.unknown_principles = col("unknown_principles")
        self.measure = col("measure")
        self.design = col("design")
        self.rob = col("rob")
        self.direction = col("direction")
        self.indirectness = col("indirectness")
        self.note = col("note")
        self.yi = col("yi").astype(float)
        self.vi = col("vi").astype(float)
        self.n_participants = col("n").astype(float)
        self.follow_up = col("follow_up_months").astype(float)


@dataclass
class _Cell:
    """Row positions (into the effect table) behind one finding."""

    principle: str | None
    outcome: str
    rows: np.ndarray[Any, np.dtype[np.intp]]  # every coded row of the cell
    with_rows: np.ndarray[Any, np.dtype[np.intp]]  # usable rows, principle present
    without_rows: np.ndarray[Any, np.dtype[np.intp]]  # usable rows, principle absent
    notes: list[str] = field(default_factory=list)  # caveats met while fitting


def synthesize(
    evidence: EvidenceBase,
    *,
    method: str = "REML",
    level: float = 0.95,
    sensitivity: bool = True,
    small_study: bool = True,
    lang: str | None = None,
) -> Synthesis:
    """Return every finding of a dossier.

    Parameters
    ----------
    evidence : EvidenceBase
        From :func:`~watwerkt.synthesis.evidence.collect_evidence`, with its
        dossier read.
    method : str, default "REML"
        τ² estimator (``meta_analysis_batch``; the three-level model uses
        REML unless ``method="ML"``).
    level : float, default 0.95
        Confidence level of the intervals.
    sensitivity : bool, default True
        Also run leave-one-out and the low-risk-of-bias analysis (batch path;
        leave-one-out costs k fits per cell). Switch it off for quick drafts.
    small_study : bool, default True
        With ``sensitivity``, also run Egger's test and trim-and-fill in cells
        with at least 10 independent effect sizes (batch paths, like the
        pooling); without them GRADE does not judge publication bias.
    lang : {"nl", "en"}, optional
        Language of the certainty explanations (the conclusion is always in
        both languages).

    Returns
    -------
    Synthesis
        Findings ordered by outcome (as in dossier.yaml), the overall finding
        first, then the principles in dossier order.
    """
    dossier = evidence.dossier
    if dossier is None:
        msg = "synthesize() needs an evidence base whose dossier.yaml was read"
        raise ValueError(msg)
    table = effect_table(evidence)
    cols = _Columns(table)
    cells = _cells(dossier, cols)
    pooled = _pool(cols, cells, method, level)
    contrasts = _contrasts(cols, cells, pooled, method, level)
    sens = _sensitivity(cols, cells, pooled, method, level, small_study) if sensitivity else {}
    findings = tuple(
        _finding(dossier, cols, cell, pooled.get(i), contrasts.get(i), sens.get(i), level, lang)
        for i, cell in enumerate(cells)
    )
    return Synthesis(findings, table)


def _cells(dossier: Dossier, cols: _Columns) -> list[_Cell]:
    cells: list[_Cell] = []
    if cols.n == 0:
        empty = np.array([], dtype=np.intp)
        for outcome in dossier.outcomes:
            cells.append(_Cell(None, outcome.id, empty, empty, empty))
            cells.extend(_Cell(p.id, outcome.id, empty, empty, empty) for p in dossier.principles)
        return cells
    usable = cols.note == ""
    column = {p.id: j for j, p in enumerate(dossier.principles)}
    member = np.zeros((cols.n, len(column)), dtype=bool)  # row x principle
    unknown = np.zeros((cols.n, len(column)), dtype=bool)  # row x principle, coded NA
    for r, ids in enumerate(cols.principles):
        for pid in ids:
            if pid in column:
                member[r, column[pid]] = True
    for r, ids in enumerate(cols.unknown_principles):
        for pid in ids:
            if pid in column:
                unknown[r, column[pid]] = True
    for outcome in dossier.outcomes:
        rows = np.flatnonzero(cols.outcome == outcome.id)
        use = rows[usable[rows]]
        empty = np.array([], dtype=np.intp)
        cells.append(_Cell(None, outcome.id, rows, use, empty))
        for p in dossier.principles:
            j = column[p.id]
            has, has_use = member[rows, j], member[use, j]
            absent = ~has_use & ~unknown[use, j]  # not coded is not absent
            cell = _Cell(p.id, outcome.id, rows[has], use[has_use], use[absent])
            if unknown[rows, j].any():
                cell.notes.append("principle_not_coded")
            cells.append(cell)
    return cells


def _dependent(studies: np.ndarray[Any, Any], rows: np.ndarray[Any, Any]) -> bool:
    """Return True when some study contributes more than one row."""
    picked = studies[rows]
    return len(set(picked)) < len(picked)


@dataclass(frozen=True, slots=True)
class _Pooled:
    """Pooled result of one cell, from the batch or the three-level model."""

    model: str
    k: int
    estimate: float
    se: float
    pvalue: float
    ci_lower: float
    ci_upper: float
    pi_lower: float
    pi_upper: float
    tau2: float
    i2: float
    q: float
    q_pvalue: float


def _batch(
    cols: _Columns, groups: Sequence[np.ndarray[Any, Any]], method: str, level: float
) -> dict[int, Mapping[str, Any]]:
    """Pool each group of row positions with one meta_analysis_batch call.

    Returns the batch result row of every non-empty group, by group position.
    Groups with the same row positions in the same order (e.g. a principle
    that every intervention of an outcome has, and the outcome's overall
    cell) are fitted once and share the result: the input is identical, so
    the result is too.
    """
    first: dict[bytes, int] = {}  # row positions -> first group with them
    alias: dict[int, int] = {}  # group -> the identical group that is fitted
    for i, g in enumerate(groups):
        if len(g):
            alias[i] = first.setdefault(np.asarray(g, dtype=np.intp).tobytes(), i)
    if not alias:
        return {}
    fitted = _batch_unique(cols, groups, sorted(set(alias.values())), method, level)
    return {i: fitted[j] for i, j in alias.items()}


def _batch_unique(
    cols: _Columns,
    groups: Sequence[np.ndarray[Any, Any]],
    unique: list[int],
    method: str,
    level: float,
) -> dict[int, Mapping[str, Any]]:
    """Fit the groups at positions ``unique`` (non-empty, distinct) in one batch call."""
    sizes = np.array([len(g) for g in groups], dtype=np.intp)
    keep = np.asarray(unique, dtype=np.intp)
    rows = np.concatenate([groups[int(i)] for i in keep])
    frame = pd.DataFrame(
        {
            "group": np.repeat(keep, sizes[keep]),
            "yi": cols.yi[rows],
            "vi": cols.vi[rows],
        }
    )
    result = meta_analysis_batch(frame, by="group", method=method, level=level)
    columns = {name: result[name].to_numpy() for name in result.columns}
    return {int(g): _BatchRow(columns, pos) for pos, g in enumerate(columns["group"])}


class _BatchRow(Mapping[str, Any]):
    """One row of a batch result, read from its columns (no per-row dict is built)."""

    __slots__ = ("_columns", "_pos")

    def __init__(self, columns: dict[str, np.ndarray[Any, Any]], pos: int) -> None:
        self._columns = columns
        self._pos = pos

    def __getitem__(self, name: str) -> Any:
        return self._columns[name][self._pos]

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)


def _from_batch(row: Mapping[str, Any]) -> _Pooled:
    return _Pooled(
        model="random_effects",
        k=int(row["k"]),
        estimate=float(row["estimate"]),
        se=float(row["se"]),
        pvalue=float(row["pvalue"]),
        ci_lower=float(row["ci_lower"]),
        ci_upper=float(row["ci_upper"]),
        pi_lower=float(row["pi_lower"]),
        pi_upper=float(row["pi_upper"]),
        tau2=float(row["tau2"]),
        i2=float(row["i2"]),
        q=float(row["q"]),
        q_pvalue=float(row["q_pvalue"]),
    )


def _three_level(cols: _Columns, rows: np.ndarray[Any, Any], method: str, level: float) -> _Pooled:
    """Three-level model (effect sizes within studies) with CR2 robust inference."""
    yi = cols.yi[rows]
    vi = cols.vi[rows]
    study = cols.study[rows]
    ml_method = "ML" if method == "ML" else "REML"
    fit = multilevel_meta_analysis(
        yi, vi, [study, np.arange(len(rows))], method=ml_method, level=level
    )
    rob = robust(fit, study, small_sample="CR2")
    return _Pooled(
        "three_level_robust",
        fit.k,
        rob.estimate,
        rob.se,
        rob.pvalue,
        rob.ci_lower,
        rob.ci_upper,
        fit.pi_lower,
        fit.pi_upper,
        float(sum(fit.sigma2)),
        fit.i2_total,
        fit.q,
        fit.q_pvalue,
    )


def _pool(cols: _Columns, cells: list[_Cell], method: str, level: float) -> dict[int, _Pooled]:
    if cols.n == 0:
        return {}
    studies = cols.study
    out: dict[int, _Pooled] = {}
    independent: list[np.ndarray[Any, Any]] = []
    for i, cell in enumerate(cells):
        if len(set(studies[cell.with_rows])) >= 2 and _dependent(studies, cell.with_rows):
            try:
                out[i] = _three_level(cols, cell.with_rows, method, level)
            except WatwerktError:  # e.g. no REML optimum: pool as independent, and say so
                cell.notes.append("three_level_failed")
                independent.append(cell.with_rows)
            else:
                independent.append(cell.with_rows[:0])
        else:
            independent.append(cell.with_rows)
    for i, row in _batch(cols, independent, method, level).items():
        out[i] = _from_batch(row)
    return out


def _contrasts(
    cols: _Columns,
    cells: list[_Cell],
    pooled: dict[int, _Pooled],
    method: str,
    level: float,
) -> dict[int, ModeratorContrast]:
    """Return the with-versus-without contrast of every principle cell.

    Independent effect sizes: a subgroup comparison of two separately fitted
    random-effects models (the studies with and without the principle), tested
    with the Wald-type z-test of the difference of the two pooled estimates,
    ``(b_with - b_without) / sqrt(se_with² + se_without²)`` (Borenstein et al.,
    2009, *Introduction to Meta-Analysis*, ch. 19, "separate estimates of τ²";
    metafor's tip "comparing estimates of independent meta-analyses or
    subgroups"). Its square is the RevMan test of subgroup differences that
    :func:`watwerkt.stats.subgroup_analysis` reports as ``q_between`` (tested);
    it is computed here from the batch fits, so thousands of cells need no
    per-cell fit. When some study contributes several effect sizes to the
    outcome: a three-level meta-regression on a with/without dummy, with CR2
    cluster-robust inference by study.
    """
    if cols.n == 0:
        return {}
    studies = cols.study
    without = _batch(cols, [c.without_rows for c in cells], method, level)
    z = float(sps.norm.ppf(0.5 + level / 2))
    out: dict[int, ModeratorContrast] = {}
    for i, cell in enumerate(cells):
        if cell.principle is None or len(cell.with_rows) == 0 or len(cell.without_rows) == 0:
            continue
        both = np.concatenate([cell.with_rows, cell.without_rows])
        if _dependent(studies, both) and len(set(studies[both])) >= 3:
            try:
                out[i] = _three_level_contrast(cols, cell, method, level)
            except WatwerktError:
                cell.notes.append("contrast_failed")
            continue
        w = pooled[i]
        wo = without[i]
        diff = w.estimate - float(wo["estimate"])
        se = math.hypot(w.se, float(wo["se"]))
        stat = diff / se if se > 0 else math.nan
        out[i] = ModeratorContrast(
            method="subgroup",
            k_with=len(cell.with_rows),
            k_without=len(cell.without_rows),
            estimate_with=w.estimate,
            estimate_without=float(wo["estimate"]),
            difference=diff,
            se=se,
            ci_lower=diff - z * se,
            ci_upper=diff + z * se,
            statistic=stat,
            pvalue=math.erfc(abs(stat) / math.sqrt(2)) if math.isfinite(stat) else None,
        )
    return out


def _three_level_contrast(
    cols: _Columns, cell: _Cell, method: str, level: float
) -> ModeratorContrast:
    rows = np.concatenate([cell.with_rows, cell.without_rows])
    dummy = np.r_[np.ones(len(cell.with_rows)), np.zeros(len(cell.without_rows))]
    yi = cols.yi[rows]
    vi = cols.vi[rows]
    study = cols.study[rows]
    mods = pd.DataFrame({"with_principle": dummy})
    ml_method = "ML" if method == "ML" else "REML"
    fit = multilevel_meta_analysis(
        yi, vi, [study, np.arange(len(rows))], moderators=mods, method=ml_method, level=level
    )
    rob = robust(fit, study, small_sample="CR2")
    coef = rob.coefficients
    b0 = float(coef["estimate"].iloc[0])
    term = coef.iloc[1]
    return ModeratorContrast(
        method="meta_regression_three_level_robust",
        k_with=len(cell.with_rows),
        k_without=len(cell.without_rows),
        estimate_with=b0 + float(term["estimate"]),
        estimate_without=b0,
        difference=float(term["estimate"]),
        se=float(term["se"]),
        ci_lower=float(term["ci_lower"]),
        ci_upper=float(term["ci_upper"]),
        statistic=float(term["statistic"]),
        pvalue=float(term["pvalue"]),
    )


def _sensitivity(
    cols: _Columns,
    cells: list[_Cell],
    pooled: dict[int, _Pooled],
    method: str,
    level: float,
    small_study: bool,
) -> dict[int, Sensitivity]:
    """Return the sensitivity analyses of every cell.

    Leave-one-out range and the low-risk-of-bias estimate take one batch call
    each; so do Egger's test and trim-and-fill when ``small_study``.
    """
    if cols.n == 0:
        return {}
    rob = cols.rob
    loo_groups: list[np.ndarray[Any, Any]] = []
    loo_owner: list[int] = []
    low_groups: list[np.ndarray[Any, Any]] = []
    for i, cell in enumerate(cells):
        rows = cell.with_rows
        low_groups.append(rows[rob[rows] == RiskOfBias.LOW.value])
        if i in pooled and pooled[i].model == "random_effects" and len(rows) >= LOO_MIN_K:
            k = len(rows)  # row j of the k x (k - 1) matrix leaves out rows[j]
            left_out = np.broadcast_to(rows, (k, k))[~np.eye(k, dtype=bool)].reshape(k, k - 1)
            loo_groups.extend(left_out)
            loo_owner.extend([i] * k)
    loo = _batch(cols, loo_groups, method, level)
    low = _batch(cols, low_groups, method, level)
    small = _small_studies(cols, cells, pooled, method, level) if small_study else {}
    loo_min: dict[int, float] = {}
    loo_max: dict[int, float] = {}
    for g, row in loo.items():
        owner, est = loo_owner[g], float(row["estimate"])
        loo_min[owner] = min(loo_min.get(owner, math.inf), est)
        loo_max[owner] = max(loo_max.get(owner, -math.inf), est)
    out: dict[int, Sensitivity] = {}
    for i, cell in enumerate(cells):
        notes: list[str] = []
        three_level = i in pooled and pooled[i].model != "random_effects"
        if three_level:
            notes.append("loo_not_for_three_level")
        elif len(cell.with_rows) < LOO_MIN_K:
            notes.append("loo_too_few")
        egger_p, k0, filled = None, None, None
        if small_study:
            egger_p, k0, filled, small_notes = small[i]
            notes.extend(small_notes)
        else:
            notes.append("small_study_not_run")
        lo = low.get(i)
        if lo is None:
            notes.append("no_low_risk_studies")
        out[i] = Sensitivity(
            loo_min=loo_min.get(i),
            loo_max=loo_max.get(i),
            low_rob_k=int(lo["k"]) if lo else 0,
            low_rob_estimate=float(lo["estimate"]) if lo else None,
            low_rob_ci_lower=float(lo["ci_lower"]) if lo else None,
            low_rob_ci_upper=float(lo["ci_upper"]) if lo else None,
            egger_pvalue=egger_p,
            trim_fill_k0=k0,
            trim_fill_estimate=filled,
            notes=tuple(notes),
        )
    return out


#: Egger p-value, trim-and-fill k0 and estimate, and the notes of one row set.
_SmallStudy = tuple[float | None, int | None, float | None, tuple[str, ...]]


def _small_studies(
    cols: _Columns,
    cells: list[_Cell],
    pooled: dict[int, _Pooled],
    method: str,
    level: float,
) -> dict[int, _SmallStudy]:
    """Egger's test and trim-and-fill of every cell, each distinct row set once.

    Cells whose pooled rows are identical (same positions, same order) get
    the same result from one fit. All row sets run together through the
    batch paths :func:`~watwerkt.stats._batch_bias.egger_test_batch` and
    :func:`~watwerkt.stats._batch_bias.trim_and_fill_batch`, which return
    per row set exactly what ``egger_test`` and ``trim_and_fill`` return
    (or raise), and hand a row set they cannot settle on whole arrays to
    those single fits (which then warn themselves).

    Fewer than 10 effect sizes give the tests too little power (Sterne et
    al., 2011); for dependent effect sizes neither method is defined, so both
    are left out with a note. A test that cannot run (e.g. a constant
    standard error) leaves its value ``None`` and a note.

    Notes
    -----
    Trim-and-fill chooses the side of the missing studies, as metafor does,
    from the sign of the slope of the regression of yi on √vi with the same
    τ² method: that is Egger's regression (``egger_test(predictor="sei",
    model="rma")`` fits the identical ``meta_regression``), so its slope is
    passed on as the side instead of fitting the regression twice. Only when
    Egger's test fails does trim-and-fill choose the side itself.
    """
    out: dict[int, _SmallStudy] = {}
    tasks: dict[bytes, np.ndarray[Any, Any]] = {}  # row set -> row positions
    owners: dict[int, bytes] = {}
    for i, cell in enumerate(cells):
        rows = cell.with_rows
        if i in pooled and pooled[i].model != "random_effects":
            out[i] = (None, None, None, ("small_study_not_for_three_level",))
        elif len(rows) < EGGER_MIN_K:
            out[i] = (None, None, None, ("small_study_too_few",))
        else:
            key = rows.tobytes()
            owners[i] = key
            tasks.setdefault(key, rows)
    if not tasks:
        return out
    keys = list(tasks)
    stacked = np.concatenate([tasks[key] for key in keys])
    yi, vi = cols.yi[stacked], cols.vi[stacked]
    sizes = [len(tasks[key]) for key in keys]
    eggers = egger_test_batch(yi, vi, sizes, method, level=level)
    sides = [
        ("right" if e.slope < 0 else "left") if isinstance(e, EggerTestResult) else None
        for e in eggers
    ]
    fills = trim_and_fill_batch(yi, vi, sizes, method, level, sides=sides)
    results: dict[bytes, _SmallStudy] = {}
    for key, egger, tf in zip(keys, eggers, fills, strict=True):
        notes: list[str] = []
        egger_p: float | None = None
        k0: int | None = None
        filled: float | None = None
        if isinstance(egger, EggerTestResult):
            egger_p = _finite(egger.pvalue)
        else:
            notes.append("egger_failed")
        if isinstance(tf, TrimFillResult):
            k0, filled = tf.k0, _finite(tf.estimate)
        else:
            notes.append("trim_and_fill_failed")
        results[key] = (egger_p, k0, filled, tuple(notes))
    for i, key in owners.items():
        out[i] = results[key]
    return out


# -------------------------------------------------------------------- finding


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _participants(cols: _Columns, rows: np.ndarray[Any, Any]) -> int | None:
    """Total participants, counting each study once (its largest coded n)."""
    if len(rows) == 0:
        return None
    per_study: dict[str, float] = {}
    for study, n in zip(cols.study[rows], cols.n_participants[rows], strict=True):
        if math.isfinite(n):
            per_study[study] = max(per_study.get(study, 0.0), n)
    return int(sum(per_study.values())) if per_study else None


def _votes(cols: _Columns, cell: _Cell) -> tuple[int, int, int]:
    """Votes of the studies in the cell that are coded with a direction only."""
    with_es = set(cols.study[cell.with_rows])
    per_study: dict[str, set[str]] = {}
    for r in cell.rows:
        if cols.note[r] == "direction_only" and cols.study[r] not in with_es:
            per_study.setdefault(str(cols.study[r]), set()).add(str(cols.direction[r]))
    if not per_study:
        return 0, 0, 0
    votes = [VOTES[next(iter(d))] if len(d) == 1 else 0 for d in per_study.values()]
    return votes.count(1), votes.count(-1), votes.count(0)


@functools.lru_cache(maxsize=4096)
def _sign_test(
    favour: int, against: int, none: int, level: float
) -> tuple[float | None, float | None, float | None]:
    """Sign test p-value and Wilson CI of the votes, by :func:`watwerkt.stats.vote_count`.

    ``None`` each when no vote favours or goes against the intervention
    (the test needs a clear direction). The result depends on the counts
    only, so it is cached: cells with the same counts cost one test.

    Examples
    --------
    >>> p, lo, hi = _sign_test(10, 2, 1, 0.95)
    >>> round(p, 4), round(lo, 3), round(hi, 3)
    (0.0386, 0.552, 0.953)
    """
    if favour + against == 0:
        return None, None, None
    res = vote_count([1] * favour + [-1] * against + [0] * none, level=level)
    return res.pvalue, res.ci_lower, res.ci_upper


def _grade_input(
    cols: _Columns,
    rows: np.ndarray[Any, Any],
    p: _Pooled,
    n: int | None,
    egger_pvalue: float | None,
) -> GradeInput:
    vi = cols.vi[rows]
    weights = 1.0 / (vi + p.tau2)
    weights = weights / weights.sum()
    design = cols.design[rows]
    rob = cols.rob[rows]
    randomised = np.isin(design, list(RANDOMISED))
    high = rob == RiskOfBias.HIGH.value
    concern = rob != RiskOfBias.LOW.value  # high, some concerns, unclear or not assessed
    indirectness = cols.indirectness[rows]
    coded = indirectness != ""
    very = indirectness == Indirectness.VERY_SERIOUS.value
    indirect = very | (indirectness == Indirectness.SERIOUS.value)
    return GradeInput(
        k=p.k,
        ci_lower=_finite(p.ci_lower),
        ci_upper=_finite(p.ci_upper),
        pi_lower=_finite(p.pi_lower),
        pi_upper=_finite(p.pi_upper),
        i2=_finite(p.i2),
        n_participants=n,
        randomised_share=float(weights[randomised].sum()),
        high_rob_share=float(weights[high].sum()),
        concern_rob_share=float(weights[concern].sum()),
        egger_pvalue=egger_pvalue,
        indirect_share=float(weights[indirect].sum()) if coded.any() else None,
        very_indirect_share=float(weights[very].sum()),
        indirect_coded_share=float(weights[coded].sum()),
    )


def _study_results(cols: _Columns, rows: np.ndarray[Any, Any]) -> list[StudyResult]:
    return [
        StudyResult(
            study=str(cols.study[r]),
            design=str(cols.design[r]),
            follow_up_months=_finite(float(cols.follow_up[r])),
            yi=float(cols.yi[r]),
            vi=float(cols.vi[r]),
        )
        for r in rows
    ]


def _finding(
    dossier: Dossier,
    cols: _Columns,
    cell: _Cell,
    p: _Pooled | None,
    contrast: ModeratorContrast | None,
    sens: Sensitivity | None,
    ci_level: float,
    lang: str | None,
) -> Finding:
    outcome = dossier.outcome(cell.outcome)
    principle_name = dossier.principle(cell.principle).name if cell.principle else None
    unused = tuple(
        UnusedRow(
            sheet=str(cols.sheet[r]),
            row=int(cols.row[r]),
            study=str(cols.study[r]),
            reason=str(cols.note[r]),
        )
        for r in cell.rows
        if cols.note[r]
    )
    studies = tuple(dict.fromkeys(str(s) for s in cols.study[cell.rows]))
    effects = tuple(
        PooledEffect(
            study=str(cols.study[r]),
            row=f"{cols.sheet[r]}:{cols.row[r]}",
            yi=float(cols.yi[r]),
            vi=float(cols.vi[r]),
            n=int(cols.n_participants[r]) if math.isfinite(cols.n_participants[r]) else None,
        )
        for r in cell.with_rows
    )
    measure = None
    if len(cell.with_rows):
        measure = Measure(str(cols.measure[cell.with_rows[0]]))
    favour, against, none = _votes(cols, cell) if len(cell.rows) else (0, 0, 0)
    sign_p, sign_lo, sign_hi = _sign_test(favour, against, none, ci_level)
    n = _participants(cols, cell.with_rows)
    egger_p = sens.egger_pvalue if sens else None
    certainty = grade(_grade_input(cols, cell.with_rows, p, n, egger_p), lang) if p else None
    level = certainty.level if certainty else None
    text = conclusion(
        level,
        p.estimate if p else None,
        _finite(p.ci_lower) if p else None,
        _finite(p.ci_upper) if p else None,
        outcome=outcome.name,
        desired_increase=outcome.desired_direction is DesiredDirection.INCREASE,
        principle=principle_name,
        outcome_en=outcome.name_en,
        principle_en=dossier.principle(cell.principle).name_en if cell.principle else "",
    )
    recognition = (
        recognition_level(_study_results(cols, cell.with_rows)) if len(cell.with_rows) else None
    )
    return Finding(
        principle=cell.principle,
        outcome=cell.outcome,
        measure=measure,
        k=p.k if p else 0,
        n_studies=len(studies),
        n_participants=n,
        studies=studies,
        estimate=_finite(p.estimate) if p else None,
        se=_finite(p.se) if p else None,
        pvalue=_finite(p.pvalue) if p else None,
        ci_lower=_finite(p.ci_lower) if p else None,
        ci_upper=_finite(p.ci_upper) if p else None,
        pi_lower=_finite(p.pi_lower) if p else None,
        pi_upper=_finite(p.pi_upper) if p else None,
        tau2=_finite(p.tau2) if p else None,
        i2=_finite(p.i2) if p else None,
        q=_finite(p.q) if p else None,
        q_pvalue=_finite(p.q_pvalue) if p else None,
        votes_favouring=favour,
        votes_against=against,
        votes_no_difference=none,
        votes_pvalue=sign_p,
        votes_ci_lower=sign_lo,
        votes_ci_upper=sign_hi,
        certainty=certainty,
        conclusion=text,
        model=p.model if p else "",
        effect_rows=tuple(f"{cols.sheet[r]}:{cols.row[r]}" for r in cell.rows),
        unused_rows=unused,
        moderator_contrast=contrast,
        sensitivity=sens,
        recognition=recognition,
        effects=effects,
        notes=_notes(cols, cell, p),
    )


def _notes(cols: _Columns, cell: _Cell, p: _Pooled | None) -> tuple[str, ...]:
    """Caveats of a finding, as codes.

    ``dependent_single_study``: all pooled effect sizes come from one study,
    so they were pooled as if independent (no three-level model exists for
    one study). ``votes_only``: nothing was pooled, but direction votes exist.
    ``three_level_failed`` / ``contrast_failed``: the three-level model could
    not be fitted (the error is a :class:`~watwerkt.errors.WatwerktError`),
    so the cell was pooled as if independent / has no contrast.
    ``principle_not_coded``: some rows of the outcome have no code for the
    principle (``NA``); they are in neither group of the with/without
    contrast.
    """
    notes: list[str] = list(cell.notes)
    picked = cols.study[cell.with_rows]
    if len(picked) > 1 and len(set(picked)) == 1:
        notes.append("dependent_single_study")
    if p is None and any(cols.note[r] == "direction_only" for r in cell.rows):
        notes.append("votes_only")
    return tuple(notes)
