"""The figures of a dossier, from its findings: forest, funnel, evidence gap map, PRISMA flow.

This module only gathers the data each plot needs and names the figure;
drawing is :mod:`watwerkt.render.plots`. Figure names (the file stem of
``figures/<name>.svg`` in the Markdown output, and the figure's anchor) are
derived from untrusted ids through :class:`~watwerkt.render.anchors.Anchors`,
so they are safe file names and unique.

Funnel plots show the studies trim-and-fill imputes. :class:`~watwerkt.model.
Finding` keeps only how many (``trim_fill_k0``) and the adjusted estimate, so
the imputed points are recomputed here with
:func:`watwerkt.stats.trim_and_fill` on the same pooled effect sizes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from statistics import NormalDist

from markupsafe import Markup

from watwerkt.errors import WatwerktError
from watwerkt.model import Finding
from watwerkt.render.anchors import Anchors
from watwerkt.render.plots import (
    ForestRow,
    ForestSummary,
    SvgFigure,
    forest_plot,
    funnel_plot,
    gap_map_plot,
    prisma_flow,
)
from watwerkt.render.view import FigureView
from watwerkt.stats import trim_and_fill
from watwerkt.synthesis.gap_map import gap_map
from watwerkt.synthesis.prisma import PrismaCounts

__all__ = [
    "effect_weights",
    "forest_figure",
    "funnel_figure",
    "gap_map_figure",
    "prisma_figure",
]

#: Measures analysed on the log scale (plotted as log values, like the text).
RATIO_MEASURES = frozenset({"OR", "RR", "ROM", "PETO"})


def _view(figure: SvgFigure, name: str, caption: str) -> FigureView:
    return FigureView(
        name=name,
        anchor=name,
        svg=Markup(figure.svg),  # noqa: S704 - plots escape every label (SvgFigure contract)
        alt=figure.alt,
        title=figure.title,
        caption=caption,
    )


def effect_weights(finding: Finding) -> list[float | None]:
    """Return each pooled effect's percent weight in a random-effects finding.

    Inverse-variance weights ``1 / (vi + τ²)``; ``None`` for a three-level
    model, whose weights are not per effect size in this sense.

    Examples
    --------
    >>> from watwerkt.model import PooledEffect
    >>> f = Finding(principle=None, outcome="o", k=2, n_studies=2, tau2=0.0,
    ...             model="random_effects", effects=(PooledEffect(study="a", row="s:2",
    ...             yi=0.1, vi=0.1), PooledEffect(study="b", row="s:3", yi=0.2, vi=0.3)))
    >>> effect_weights(f)
    [75.0, 25.0]
    """
    if finding.model != "random_effects" or finding.tau2 is None:
        return [None] * len(finding.effects)
    raw = [1.0 / (e.vi + finding.tau2) for e in finding.effects]
    total = sum(raw)
    return [100.0 * w / total for w in raw]


def forest_figure(
    finding: Finding,
    *,
    name: str,
    title: str,
    caption: str,
    effect_label: str,
    study_label: Callable[[str], str],
    pooled_label: str,
    lang: str,
    level: float = 0.95,
) -> FigureView | None:
    """Return the forest plot of a finding (``None`` when nothing was pooled)."""
    if not finding.effects or finding.estimate is None:
        return None
    z = NormalDist().inv_cdf(0.5 + level / 2)
    weights = effect_weights(finding)
    rows = [
        ForestRow(
            label=study_label(e.study),
            estimate=e.yi,
            ci_lower=e.yi - z * math.sqrt(e.vi),
            ci_upper=e.yi + z * math.sqrt(e.vi),
            weight=w,
        )
        for e, w in zip(finding.effects, weights, strict=True)
    ]
    lower = finding.ci_lower if finding.ci_lower is not None else finding.estimate
    upper = finding.ci_upper if finding.ci_upper is not None else finding.estimate
    summary = ForestSummary(
        label=pooled_label,
        estimate=finding.estimate,
        ci_lower=lower,
        ci_upper=upper,
        pi_lower=finding.pi_lower,
        pi_upper=finding.pi_upper,
    )
    figure = forest_plot(
        rows,
        summary,
        effect_label=effect_label,
        null_value=0.0,
        title=title,
        lang=lang,
        level=level,
    )
    return _view(figure, name, caption)


def _filled(finding: Finding) -> tuple[list[float], list[float]]:
    """Imputed effect sizes of trim-and-fill (empty when none or when it cannot run)."""
    sens = finding.sensitivity
    if sens is None or not sens.trim_fill_k0:
        return [], []
    yi = [e.yi for e in finding.effects]
    vi = [e.vi for e in finding.effects]
    try:
        tf = trim_and_fill(yi, vi)
    except WatwerktError:
        return [], []
    filled = [bool(x) for x in tf.fill]
    return (
        [float(y) for y, f in zip(tf.yi, filled, strict=True) if f],
        [float(v) for v, f in zip(tf.vi, filled, strict=True) if f],
    )


def funnel_figure(
    finding: Finding, *, name: str, title: str, caption: str, effect_label: str, lang: str
) -> FigureView | None:
    """Return the funnel plot of a finding with Egger's test run (k ≥ 10), else ``None``."""
    sens = finding.sensitivity
    if sens is None or sens.egger_pvalue is None or finding.estimate is None:
        return None
    filled_yi, filled_vi = _filled(finding)
    figure = funnel_plot(
        [e.yi for e in finding.effects],
        [e.vi for e in finding.effects],
        estimate=finding.estimate,
        filled_yi=filled_yi,
        filled_vi=filled_vi,
        effect_label=effect_label,
        title=title,
        lang=lang,
    )
    return _view(figure, name, caption)


def gap_map_figure(
    findings: tuple[Finding, ...],
    *,
    name: str,
    caption: str,
    principle_labels: Mapping[str, str],
    outcome_labels: Mapping[str, str],
    lang: str,
) -> FigureView:
    """Return the evidence gap map (principles × outcomes)."""
    figure = gap_map_plot(
        gap_map(findings),
        principle_labels=principle_labels,
        outcome_labels=outcome_labels,
        lang=lang,
    )
    return _view(figure, name, caption)


def prisma_figure(counts: PrismaCounts, *, name: str, caption: str, lang: str) -> FigureView:
    """Return the PRISMA 2020 flow diagram."""
    return _view(prisma_flow(counts, lang=lang), name, caption)


def figure_name(anchors: Anchors, kind: str, *parts: str) -> str:
    """Return a unique, file-safe figure name such as ``forest-agressie-recidive``."""
    return anchors.get("fig", "-".join((kind, *parts)))
