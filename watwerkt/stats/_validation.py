"""Shared argument checks for :mod:`watwerkt.stats`: one error format for all.

Every public stats function validates its options and arrays here, so a bad
call always reads like "The 'method' parameter of meta_analysis() must be one
of ('DL', 'REML', …); got 'RML'." and raises
:class:`~watwerkt.errors.StatsInputError` (a ``ValueError``) that names the
argument and the offending positions. Never a bare ``KeyError`` or a silent NaN.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from watwerkt.errors import StatsInputError

FloatArray = npt.NDArray[np.float64]


def check_option(value: object, argument: str, function: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise a StatsInputError."""
    if not isinstance(value, str) or value not in choices:
        raise StatsInputError(
            "stats.bad_option",
            argument=argument,
            function=function,
            choices="{" + ", ".join(repr(c) for c in choices) + "}",
            got=value,
        )
    return value


def check_level(level: object, function: str) -> float:
    """Return ``level`` as a float in (0, 1) (metafor's 95 style is accepted too)."""
    try:
        value = float(level)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        value = float("nan")
    if 1 < value < 100:  # metafor accepts level=95
        value /= 100
    if not 0 < value < 1:
        raise StatsInputError("stats.bad_level", argument="level", function=function, got=level)
    return value


def as_float_array(values: Any, argument: str, function: str) -> FloatArray:
    """Convert ``values`` to a 1-D float64 array, naming non-numeric positions."""
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        obj = np.asarray(values, dtype=object).ravel()
        bad = tuple(i for i, v in enumerate(obj) if not _is_number(v))
        raise StatsInputError(
            "stats.non_numeric", argument=argument, positions=bad, function=function
        ) from None
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1:
        raise StatsInputError("stats.not_1d", argument=argument, function=function, shape=arr.shape)
    return arr


def _is_number(value: object) -> bool:
    if value is None:
        return True  # missing, reported separately as NaN
    try:
        float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


def check_same_length(function: str, **arrays: FloatArray) -> int:
    """Return the common length of ``arrays``; raise naming the first that differs."""
    items = list(arrays.items())
    first_name, first = items[0]
    for name, arr in items[1:]:
        if len(arr) != len(first):
            raise StatsInputError(
                "stats.length_mismatch",
                argument=name,
                function=function,
                got=len(arr),
                other=first_name,
                expected=len(first),
            )
    return len(first)


def positions(mask: npt.NDArray[np.bool_]) -> tuple[int, ...]:
    """Return the 0-based positions where ``mask`` is true."""
    return tuple(int(i) for i in np.flatnonzero(mask))


def check_finite(arr: FloatArray, argument: str, function: str) -> None:
    """Raise if ``arr`` holds NaN or infinite values, naming their positions."""
    bad = ~np.isfinite(arr)
    if bad.any():
        raise StatsInputError(
            "stats.nan", argument=argument, positions=positions(bad), function=function
        )


def check_variances(vi: FloatArray, function: str, argument: str = "vi") -> None:
    """Raise unless every sampling variance is finite and strictly positive."""
    check_finite(vi, argument, function)
    bad = vi <= 0
    if bad.any():
        raise StatsInputError(
            "stats.nonpositive_variance",
            argument=argument,
            positions=positions(bad),
            function=function,
        )


def check_not_empty(arr: FloatArray, argument: str, function: str, minimum: int = 1) -> None:
    """Raise if ``arr`` has fewer than ``minimum`` elements."""
    if len(arr) == 0:
        raise StatsInputError("stats.empty", argument=argument, function=function, minimum=minimum)
    if len(arr) < minimum:
        raise StatsInputError(
            "stats.too_few",
            argument=argument,
            function=function,
            minimum=minimum,
            got=len(arr),
            purpose=argument,
        )


def effect_inputs(yi: Any, vi: Any, function: str) -> tuple[FloatArray, FloatArray]:
    """Validate the ``(yi, vi)`` pair every pooling function takes."""
    y = as_float_array(yi, "yi", function)
    v = as_float_array(vi, "vi", function)
    check_same_length(function, yi=y, vi=v)
    check_not_empty(y, "yi", function)
    check_finite(y, "yi", function)
    check_variances(v, function)
    return y, v


def join_names(names: Iterable[str]) -> str:
    """Join names for a message: ``'a', 'b'``."""
    return ", ".join(repr(n) for n in names)
