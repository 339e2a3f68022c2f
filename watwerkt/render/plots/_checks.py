"""Input checks shared by the plots: one error format, naming argument and positions."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from watwerkt.errors import InputError

FloatArray = npt.NDArray[np.float64]


def positions_text(positions: Iterable[int], limit: int = 20) -> str:
    """Return 0-based positions as ``"0, 3, 7"`` (long lists shortened, with a count)."""
    items = list(positions)
    shown = ", ".join(str(p) for p in items[:limit])
    more = len(items) - limit
    return shown + (f", … (+{more})" if more > 0 else "")


def as_floats(values: Iterable[object], argument: str, function: str) -> FloatArray:
    """Return ``values`` as a float array; raise naming every non-finite position."""
    items = list(values)
    out = np.empty(len(items), dtype=np.float64)
    bad: list[int] = []
    for i, value in enumerate(items):
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            number = math.nan
        out[i] = number
        if not math.isfinite(number):
            bad.append(i)
    if bad:
        raise InputError(
            "render.plot.not_finite",
            function=function,
            argument=argument,
            positions=positions_text(bad),
        )
    return out


def check_not_empty(values: Sequence[object], argument: str, function: str) -> None:
    """Raise when ``values`` is empty."""
    if len(values) == 0:
        raise InputError("render.plot.empty", function=function, argument=argument)


def check_same_length(
    function: str, first: tuple[str, Sequence[object]], second: tuple[str, Sequence[object]]
) -> None:
    """Raise when two paired arguments differ in length."""
    if len(first[1]) != len(second[1]):
        raise InputError(
            "render.plot.length_mismatch",
            function=function,
            first=first[0],
            second=second[0],
            n_first=len(first[1]),
            n_second=len(second[1]),
        )


def check_not_negative(values: FloatArray, argument: str, function: str) -> None:
    """Raise naming the positions of negative values."""
    bad = np.flatnonzero(values < 0)
    if bad.size:
        raise InputError(
            "render.plot.negative",
            function=function,
            argument=argument,
            positions=positions_text(int(i) for i in bad),
        )
