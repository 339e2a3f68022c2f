"""Plots of a dossier as inline SVG: forest, funnel, evidence gap map and PRISMA flow.

Every function returns an :class:`SvgFigure` (the ``<svg>`` element, its alt
text and a caption, in the requested language). The plots are drawn with
matplotlib's object API (no pyplot state), under one shared style
(:mod:`watwerkt.render.plots.style`: the colour-blind-safe palette and the
number format) and exported by :mod:`watwerkt.render.plots.svg`.
"""

from __future__ import annotations

from watwerkt.render.plots.forest import ForestRow, ForestSummary, forest_plot
from watwerkt.render.plots.funnel import funnel_plot
from watwerkt.render.plots.gap_map import gap_map_plot
from watwerkt.render.plots.prisma import prisma_flow
from watwerkt.render.plots.svg import SvgFigure

__all__ = [
    "ForestRow",
    "ForestSummary",
    "SvgFigure",
    "forest_plot",
    "funnel_plot",
    "gap_map_plot",
    "prisma_flow",
]
