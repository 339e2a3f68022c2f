"""Evidence gap map: principles × outcomes as bubbles (work in progress)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from watwerkt.render.plots.svg import SvgFigure

__all__ = ["gap_map_plot"]


def gap_map_plot(
    frame: pd.DataFrame,
    *,
    principle_labels: Mapping[str, str] | None = None,
    outcome_labels: Mapping[str, str] | None = None,
    lang: str | None = None,
) -> SvgFigure:
    """Draw the evidence gap map of :func:`watwerkt.synthesis.gap_map.gap_map`."""
    raise NotImplementedError("gap_map_plot is being written")
