"""Effect sizes for correlations: raw COR and Fisher's r-to-z ZCOR (as metafor's escalc)."""

from __future__ import annotations

import numpy as np

from watwerkt.stats.effect_sizes._common import (
    NOTE_SMALL_N,
    Columns,
    FamilyResult,
    Options,
    check_correlation,
    check_n,
    errstate,
)

CORRELATION_COLUMNS = ("ri", "ni")


def _checked(cols: Columns, opts: Options) -> None:
    check_correlation(cols, "ri", opts.function)
    check_n(cols, ("ni",), opts.function)


def correlation(cols: Columns, opts: Options) -> FamilyResult:
    """Raw correlation ``ri`` with ``vi = (1 - ri²)² / (ni - 1)`` (NaN where ``ni <= 3``)."""
    _checked(cols, opts)
    ri, ni = cols["ri"], cols["ni"]
    small = ni <= 3
    with errstate():
        vi = np.where(small, np.nan, (1 - ri**2) ** 2 / (ni - 1))
    return FamilyResult(ri.copy(), vi, {NOTE_SMALL_N: small})


def fisher_z(cols: Columns, opts: Options) -> FamilyResult:
    """Fisher's z ``atanh(ri)`` with ``vi = 1 / (ni - 3)`` (NaN where ``ni <= 3``)."""
    _checked(cols, opts)
    ri, ni = cols["ri"], cols["ni"]
    small = ni <= 3
    with errstate():
        yi = 0.5 * np.log((1 + ri) / (1 - ri))
        vi = np.where(small, np.nan, 1 / (ni - 3))
    return FamilyResult(yi, vi, {NOTE_SMALL_N: small})
