"""Helpers shared by the result classes of :mod:`watwerkt.stats`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd


def coefficient_records(table: pd.DataFrame, columns: Sequence[str]) -> list[dict[str, Any]]:
    """Return a coefficient table as JSON-ready rows, in term order: ``[{"term": …, …}]``.

    One shape for every result with a coefficient table (meta-regression,
    multilevel, robust), so other packages read them all the same way.

    Examples
    --------
    >>> t = pd.DataFrame({"estimate": [0.25, -0.03]}, index=["intercept", "ablat"])
    >>> coefficient_records(t, ["estimate"])
    [{'term': 'intercept', 'estimate': 0.25}, {'term': 'ablat', 'estimate': -0.03}]
    """
    return [
        {"term": str(term), **{c: float(row[c]) for c in columns}} for term, row in table.iterrows()
    ]
