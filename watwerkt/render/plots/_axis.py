"""Axis ticks for effect scales: nice tick positions and language-aware labels."""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.ticker import MaxNLocator

from watwerkt.numbers import fmt_number, resolve

#: Mantissas tried for ratio (exponentiated) axes, from sparse to dense.
_RATIO_STEPS: tuple[tuple[float, ...], ...] = ((1.0,), (1.0, 5.0), (1.0, 2.0, 5.0),
                                               (1.0, 2.0, 3.0, 5.0, 7.0))


def digits_for(values: Sequence[float], most: int = 4) -> int:
    """Return the fewest decimals (≤ ``most``) that show every value exactly.

    Examples
    --------
    >>> digits_for([0.0, 0.5, 1.0]), digits_for([0.25, 2.0]), digits_for([10.0])
    (1, 2, 0)
    """
    for digits in range(most + 1):
        if all(abs(round(v, digits) - v) <= 1e-9 * max(1.0, abs(v)) for v in values):
            return digits
    return most


def linear_ticks(lower: float, upper: float) -> list[float]:
    """Return 4-7 nice tick positions inside ``[lower, upper]``."""
    locator = MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10])
    ticks = [float(t) for t in locator.tick_values(lower, upper)]
    return [t for t in ticks if lower - 1e-12 <= t <= upper + 1e-12]


def ratio_ticks(lower: float, upper: float) -> list[float]:
    """Return tick positions (log scale) at nice ratios inside ``[lower, upper]``.

    ``lower`` and ``upper`` are on the log scale; the ticks are too, at values
    whose exponent is 1, 2, 5 … times a power of ten.
    """
    lo, hi = math.exp(lower), math.exp(upper)
    candidates = [
        sorted(m * 10.0**e for e in range(-6, 7) for m in mantissas if lo <= m * 10.0**e <= hi)
        for mantissas in _RATIO_STEPS
    ]
    fitting = [ratios for ratios in candidates if len(ratios) <= 7]
    chosen = fitting[-1] if fitting else candidates[0]
    while len(chosen) > 7:
        chosen = chosen[::2]
    return [math.log(r) for r in chosen]


def tick_labels(ticks: Sequence[float], lang: str | None, *, exponentiate: bool) -> list[str]:
    """Return tick labels, exponentiated for ratio scales, in the language's notation."""
    lang_ = resolve(lang)
    if exponentiate:  # each ratio with its own decimals: 0.1, 0.5, 1, 2
        shown = [math.exp(t) for t in ticks]
        return [fmt_number(v, lang_, digits_for([v])) for v in shown]
    digits = digits_for(ticks)
    return [fmt_number(v, lang_, digits) for v in ticks]
