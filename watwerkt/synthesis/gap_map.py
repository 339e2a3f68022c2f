"""Evidence gap map data: principles × outcomes with studies, certainty and direction.

One row per finding (the overall finding of an outcome has principle
``None``); cells without any study stay in the map with ``n_studies = 0`` —
a gap is information, not a missing row. ``render/`` turns this into the
bubble chart of a dossier.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from watwerkt.model import EffectDirection, Finding

__all__ = ["direction_of", "gap_map", "gap_matrix"]

#: Columns of :func:`gap_map`.
COLUMNS = ("principle", "outcome", "n_studies", "k", "n_participants", "certainty", "direction")


def direction_of(finding: Finding) -> str:
    """Return the direction of a pooled finding, or ``"none"`` when nothing was pooled.

    ``favours_intervention`` / ``favours_comparison`` when the confidence
    interval excludes no effect, ``no_difference`` when it includes it.

    Examples
    --------
    >>> f = Finding(principle=None, outcome="x", k=3, n_studies=3, estimate=0.3,
    ...             ci_lower=0.1, ci_upper=0.5)
    >>> direction_of(f)
    'favours_intervention'
    """
    if finding.estimate is None or finding.ci_lower is None or finding.ci_upper is None:
        return "none"
    if finding.ci_lower > 0:
        return EffectDirection.FAVOURS_INTERVENTION.value
    if finding.ci_upper < 0:
        return EffectDirection.FAVOURS_COMPARISON.value
    return EffectDirection.NO_DIFFERENCE.value


def gap_map(findings: Iterable[Finding]) -> pd.DataFrame:
    """Return the gap map in long form, one row per principle × outcome (see :data:`COLUMNS`)."""
    rows = [
        {
            "principle": f.principle,
            "outcome": f.outcome,
            "n_studies": f.n_studies,
            "k": f.k,
            "n_participants": f.n_participants,
            "certainty": f.certainty.level.value if f.certainty else None,
            "direction": direction_of(f),
        }
        for f in findings
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def gap_matrix(findings: Iterable[Finding], value: str = "n_studies") -> pd.DataFrame:
    """Return one column of the gap map as a principles × outcomes table.

    The overall findings (principle ``None``) are left out; rows and columns
    keep the order of first appearance (dossier order).
    """
    frame = gap_map(findings)
    frame = frame[frame["principle"].notna()]
    rows = list(dict.fromkeys(frame["principle"]))
    cols = list(dict.fromkeys(frame["outcome"]))
    table = frame.pivot_table(
        index="principle", columns="outcome", values=value, aggfunc="first", dropna=False
    )
    return table.reindex(index=rows, columns=cols)
