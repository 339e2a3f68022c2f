"""PRISMA 2020 flow diagram (work in progress)."""

from __future__ import annotations

from watwerkt.render.plots.svg import SvgFigure
from watwerkt.synthesis.prisma import PrismaCounts

__all__ = ["prisma_flow"]


def prisma_flow(counts: PrismaCounts, *, lang: str | None = None) -> SvgFigure:
    """Draw the PRISMA 2020 flow diagram of ``counts``."""
    raise NotImplementedError("prisma_flow is being written")
