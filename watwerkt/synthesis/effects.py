"""Effect sizes for every coded row, oriented so that positive favours the intervention.

:func:`effect_table` turns the coded rows of an :class:`EvidenceBase` into one
long table (one row per coded row, nothing dropped) with ``yi``/``vi`` from
:func:`watwerkt.stats.effect_sizes.effect_sizes` or as coded.

The orientation rule
--------------------
Coding sheets put the intervention in group 1 (``ai``/``bi``, ``m1i`` …, see
docs/dossier-format.md), so a coded or computed ``yi`` is "intervention minus
comparison" on the measure's scale (log scale for ratio measures). For an
outcome whose ``desired_direction`` is ``decrease`` (e.g. recidivism) a
*negative* ``yi`` is good, so its sign is flipped: after orientation a
positive ``yi`` always favours the intervention. For ratio measures the flip
is the reciprocal ratio (``-log OR`` = log of the comparison/intervention
odds ratio). ``vi`` is unchanged. Direction-only rows (vote counting) are
already coded relative to the desired direction and are not flipped.

Rows that give no effect size keep ``yi = vi = NaN`` and say why in
``note``: ``direction_only``, a ``missing:<columns>`` / ``double_zero`` note
from ``effect_sizes``, ``error:<text>`` for impossible data, or
``measure_mismatch:<measure>`` when the row's measure differs from the
measure most rows of its outcome use (effect sizes on different scales are
never pooled together).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from watwerkt.errors import StatsInputError
from watwerkt.model import DesiredDirection, Dossier, Study
from watwerkt.stats.effect_sizes import effect_sizes
from watwerkt.synthesis.evidence import EvidenceBase

__all__ = ["RANDOMISED", "effect_table", "orientation"]

#: Designs that count as randomised (GRADE starting level, recognition rules).
RANDOMISED = frozenset({"rct", "cluster_rct"})

#: Columns of :func:`effect_table`, in order.
COLUMNS = (
    "row_id", "sheet", "row", "study", "outcome", "principles", "unknown_principles",
    "references", "measure",
    "yi", "vi", "n", "design", "rob", "follow_up_months", "direction", "indirectness", "note",
)  # fmt: skip


def orientation(desired: DesiredDirection) -> float:
    """Return the factor that makes a positive effect favour the intervention.

    Examples
    --------
    >>> orientation(DesiredDirection.DECREASE), orientation(DesiredDirection.INCREASE)
    (-1.0, 1.0)
    """
    return -1.0 if desired is DesiredDirection.DECREASE else 1.0


def effect_table(evidence: EvidenceBase) -> pd.DataFrame:
    """Return one row per coded effect with oriented ``yi``/``vi`` and a ``note``.

    Parameters
    ----------
    evidence : EvidenceBase
        From :func:`watwerkt.synthesis.evidence.collect_evidence`; its
        ``dossier`` must have been read.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`; ``note`` is ``""`` exactly for rows with a
        usable effect size. ``n`` is the row's participants (or its study's),
        ``rob`` the study's overall risk-of-bias judgement (``""`` when not
        assessed), ``design`` the study design value and ``indirectness`` the
        row's coded indirectness (``""`` when not coded).
        ``unknown_principles`` are the principles coded ``NA`` (not coded) on
        the row: neither present nor absent.
    """
    dossier = evidence.dossier
    if dossier is None:
        msg = "effect_table() needs an evidence base whose dossier.yaml was read"
        raise ValueError(msg)
    records: list[dict[str, Any]] = []
    for row_id, coded in enumerate(evidence.effects):
        est = coded.estimate
        study = evidence.studies.get(est.study)
        records.append(
            {
                "row_id": row_id,
                "sheet": coded.sheet,
                "row": coded.row,
                "study": est.study,
                "outcome": est.outcome,
                "principles": est.principles,
                "unknown_principles": coded.unknown_principles,
                "references": coded.references,
                "measure": est.measure.value if est.measure is not None else "",
                "yi": est.yi if est.yi is not None else np.nan,
                "vi": est.vi if est.vi is not None else np.nan,
                "n": _participants(est.n, study),
                "design": study.design.value if study is not None else "",
                "rob": _rob(study),
                "follow_up_months": _follow_up(est.follow_up_months, study),
                "direction": est.direction.value if est.direction is not None else "",
                "indirectness": est.indirectness.value if est.indirectness is not None else "",
                "note": "" if est.kind == "effect_size" else "direction_only",
                "_raw": est.raw,
            }
        )
    frame = pd.DataFrame.from_records(records, columns=[*COLUMNS, "_raw"])
    if frame.empty:
        return frame.drop(columns="_raw")
    _compute_raw(frame)
    _mark_measure_mismatch(frame)
    _orient(frame, dossier)
    return frame.drop(columns="_raw")


def _participants(n: int | None, study: Study | None) -> float:
    if n is not None:
        return float(n)
    if study is not None and study.n is not None:
        return float(study.n)
    return np.nan


def _follow_up(months: float | None, study: Study | None) -> float:
    if months is not None:
        return float(months)
    if study is not None and study.follow_up_months is not None:
        return float(study.follow_up_months)
    return np.nan


def _rob(study: Study | None) -> str:
    if study is None or study.risk_of_bias is None:
        return ""
    return study.risk_of_bias.overall.value


def _compute_raw(frame: pd.DataFrame) -> None:
    """Fill yi/vi of raw-data rows through stats.effect_sizes, one call per measure."""
    raw_rows = frame.index[frame["_raw"].map(bool)]
    for measure, rows in frame.loc[raw_rows].groupby("measure").groups.items():
        index = list(rows)
        raws = [frame.loc[i, "_raw"] for i in index]
        names = sorted({name for raw in raws for name in raw})  # absent in a row: NaN
        try:
            result = _effect_sizes(str(measure), raws, names)
        except StatsInputError:  # impossible data in some row: find it row by row
            for i in index:
                try:
                    one = _effect_sizes(str(measure), [frame.loc[i, "_raw"]], names)
                except StatsInputError as exc:
                    frame.loc[i, "note"] = f"error:{exc.render('en')}"
                else:
                    _store(frame, [i], one)
        else:
            _store(frame, index, result)


def _effect_sizes(measure: str, raws: list[dict[str, float]], names: list[str]) -> pd.DataFrame:
    columns: dict[str, Any] = {name: [raw.get(name, np.nan) for raw in raws] for name in names}
    return effect_sizes(measure, **columns)


def _store(frame: pd.DataFrame, index: list[int], result: pd.DataFrame) -> None:
    for i, yi, vi, note in zip(index, result["yi"], result["vi"], result["note"], strict=True):
        frame.loc[i, "yi"] = yi
        frame.loc[i, "vi"] = vi
        fine = "" if np.isfinite(yi) and np.isfinite(vi) and vi > 0 else "not_computable"
        frame.loc[i, "note"] = str(note) if note else fine


def _mark_measure_mismatch(frame: pd.DataFrame) -> None:
    usable = frame["note"] == ""
    for _outcome, group in frame[usable].groupby("outcome"):
        counts = Counter(group["measure"])
        main = max(sorted(counts), key=lambda m: counts[m])  # most rows; ties alphabetical
        odd = group.index[group["measure"] != main]
        frame.loc[odd, "note"] = [f"measure_mismatch:{m}" for m in frame.loc[odd, "measure"]]


def _orient(frame: pd.DataFrame, dossier: Dossier) -> None:
    factor = {o.id: orientation(o.desired_direction) for o in dossier.outcomes}
    frame["yi"] = frame["yi"].astype(float) * frame["outcome"].map(factor).fillna(1.0)
