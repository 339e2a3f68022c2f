"""The figures of a dossier, from its findings: forest, funnel, evidence gap map, PRISMA flow.

This module only gathers the data each plot needs and names the figure;
drawing is :mod:`watwerkt.render.plots`. Figure names (the file stem of
``figures/<name>.svg`` in the Markdown output, and the figure's anchor) are
derived from untrusted ids through :class:`~watwerkt.render.anchors.Anchors`,
so they are safe file names and unique.

Forest plot of a principle (:func:`contrast_forest_figure`). A principle's
finding pools the studies *with* the principle; the synthesis compares them
with the studies *without* it on the same outcome
(:class:`~watwerkt.model.ModeratorContrast`). The plot shows that
comparison as RevMan draws a subgroup analysis: two subgroups, "with" and
"without", each under its heading with its own subtotal diamond and the
weights of its own random-effects model, and the test of the difference in
the caption and alt text. Choices:

- The "with" subtotal *is* the principle's finding (same rows, same fit:
  ``estimate_with`` equals the finding's estimate for the ``"subgroup"``
  method), so its diamond is the finding's estimate and CI, with the
  finding's prediction interval under it. It is not drawn a second time
  as an overall diamond.
- RevMan's "Total" diamond (both subgroups pooled) is left out: it is the
  outcome's overall finding, shown in its own forest plot, and it also
  pools the rows whose code for the principle is missing (``NA``), which
  belong to neither group (as in :func:`watwerkt.synthesis.findings.synthesize`)
  and are left out of this plot; the caption and alt text say how many.
- The "without" diamond uses the synthesis's numbers: ``estimate_without``
  and the standard error that the contrast's ``se`` (√(se_with² +
  se_without²), Borenstein et al., 2009, ch. 19) and the finding's ``se``
  imply. The finding does not keep the "without" model's τ², so the
  weights of that subgroup come from refitting its rows with
  :func:`watwerkt.stats.meta_analysis` and the same τ² method; the refit
  must reproduce ``estimate_without`` (checked, else ``ValueError``).
- With a three-level contrast (some study in both groups or several effect
  sizes per study), the group means come from one meta-regression with no
  interval of their own: the "without" subgroup then has no diamond and
  no weights, and the caption gives the meta-regression's numbers.

Funnel plots (:func:`funnel_figure`) show trim-and-fill as metafor's
``funnel(trimfill(...))`` does: the imputed studies as open points and the
funnel centred on the *filled* model's estimate, labelled as such.
:class:`~watwerkt.model.Finding` keeps only ``trim_fill_k0`` and the filled
estimate, so the imputed points are recomputed here on the same pooled
effect sizes with exactly the synthesis's settings — the same batch
functions, τ² method, estimator L0 and side (the sign of Egger's slope) —
and the recomputation must give the finding's ``k0`` and estimate (checked,
else ``ValueError``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd
from markupsafe import Markup

from watwerkt.errors import WatwerktError
from watwerkt.model import Finding, PooledEffect
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
from watwerkt.stats import meta_analysis
from watwerkt.stats._batch_bias import egger_test_batch, trim_and_fill_batch
from watwerkt.stats.bias import EggerTestResult, TrimFillResult
from watwerkt.synthesis.gap_map import gap_map
from watwerkt.synthesis.prisma import PrismaCounts

__all__ = [
    "ContrastGroups",
    "ContrastLabels",
    "contrast_forest_figure",
    "contrast_groups",
    "effect_weights",
    "forest_figure",
    "funnel_figure",
    "gap_map_figure",
    "prisma_figure",
    "small_study_fill",
]

#: Measures analysed on the log scale (plotted as log values, like the text).
RATIO_MEASURES = frozenset({"OR", "RR", "ROM", "PETO"})
#: Relative tolerance of the checks that a recomputation reproduces the synthesis.
SAME = 1e-8


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


def _rows(
    effects: Sequence[PooledEffect],
    weights: Sequence[float | None],
    study_label: Callable[[str], str],
    z: float,
    subgroup: str | None = None,
) -> list[ForestRow]:
    return [
        ForestRow(
            label=study_label(e.study),
            estimate=e.yi,
            ci_lower=e.yi - z * math.sqrt(e.vi),
            ci_upper=e.yi + z * math.sqrt(e.vi),
            weight=w,
            subgroup=subgroup,
        )
        for e, w in zip(effects, weights, strict=True)
    ]


def _summary(finding: Finding, label: str) -> ForestSummary:
    """Return the finding's own pooled estimate with its CI and prediction interval."""
    assert finding.estimate is not None  # noqa: S101 - callers check
    lower = finding.ci_lower if finding.ci_lower is not None else finding.estimate
    upper = finding.ci_upper if finding.ci_upper is not None else finding.estimate
    return ForestSummary(
        label=label,
        estimate=finding.estimate,
        ci_lower=lower,
        ci_upper=upper,
        pi_lower=finding.pi_lower,
        pi_upper=finding.pi_upper,
    )


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
    figure = forest_plot(
        _rows(finding.effects, effect_weights(finding), study_label, z),
        _summary(finding, pooled_label),
        effect_label=effect_label,
        null_value=0.0,
        title=title,
        lang=lang,
        level=level,
    )
    return _view(figure, name, caption)


@dataclass(frozen=True, slots=True)
class ContrastGroups:
    """The rows of a principle's with/without contrast, read from the effect table.

    ``with_rows`` and ``without`` are the pooled effect sizes of the two
    groups (``with_rows`` are the finding's own ``effects``); ``not_coded``
    counts the usable rows of the outcome whose code for the principle is
    missing (``NA``): they are in neither group.
    """

    with_rows: tuple[PooledEffect, ...]
    without: tuple[PooledEffect, ...]
    not_coded: int

    def to_dict(self) -> dict[str, Any]:
        """Return the groups as plain data."""
        return {
            "with_rows": [e.to_dict() for e in self.with_rows],
            "without": [e.to_dict() for e in self.without],
            "not_coded": self.not_coded,
        }

    def summary(self) -> str:
        """Return ``with k, without k, not coded n``."""
        return (
            f"with {len(self.with_rows)}, without {len(self.without)}, not coded {self.not_coded}"
        )


def contrast_groups(effects: pd.DataFrame, finding: Finding) -> ContrastGroups | None:
    """Return the with/without groups of a principle finding (``None`` without a contrast).

    The groups are formed as :func:`watwerkt.synthesis.findings.synthesize`
    forms them: usable rows (no ``note``) of the finding's outcome; "with"
    when the principle is among the row's ``principles``, neither when it is
    among its ``unknown_principles`` (coded ``NA``), else "without". The
    "with" group must be the finding's ``effects`` and the "without" group
    must have the contrast's ``k_without`` rows, else ``ValueError`` (the
    finding does not come from this effect table).
    """
    mc = finding.moderator_contrast
    pid = finding.principle
    if mc is None or pid is None or effects.empty:
        return None
    table = effects[(effects["outcome"] == finding.outcome) & (effects["note"] == "")]
    has = np.array([pid in ids for ids in table["principles"]], dtype=bool)
    unknown = np.array([pid in ids for ids in table["unknown_principles"]], dtype=bool)

    def pooled(part: pd.DataFrame) -> tuple[PooledEffect, ...]:
        n = part["n"].to_numpy(dtype=float)
        return tuple(
            PooledEffect(
                study=str(study),
                row=f"{sheet}:{row}",
                yi=float(yi),
                vi=float(vi),
                n=int(size) if math.isfinite(size) else None,
            )
            for study, sheet, row, yi, vi, size in zip(
                part["study"], part["sheet"], part["row"], part["yi"], part["vi"], n, strict=True
            )
        )

    with_rows = pooled(table[has])
    without = pooled(table[~has & ~unknown])
    if [e.row for e in with_rows] != [e.row for e in finding.effects] or len(
        without
    ) != mc.k_without:
        msg = (
            f"the effect table does not give the contrast groups of {pid!r} x "
            f"{finding.outcome!r}: was the finding synthesised from another table?"
        )
        raise ValueError(msg)
    return ContrastGroups(with_rows, without, int((~has & unknown).sum()))


@dataclass(frozen=True, slots=True)
class ContrastLabels:
    """The texts of a with/without forest plot, in the dossier's language."""

    with_heading: str
    without_heading: str
    with_subtotal: str
    without_subtotal: str
    alt_note: str


def _without_summary(
    finding: Finding,
    groups: ContrastGroups,
    label: str,
    level: float,
    method: str,
    *,
    estimate: float,
    se_contrast: float,
    se_with: float,
) -> tuple[ForestSummary, list[float | None]]:
    """Return the "without" diamond (synthesis numbers) and its weights (refit for τ²)."""
    yi = [e.yi for e in groups.without]
    vi = [e.vi for e in groups.without]
    fit = meta_analysis(yi, vi, method=method, level=level)
    if not math.isclose(fit.estimate, estimate, rel_tol=SAME, abs_tol=SAME):
        msg = (
            f"refitting the rows without {finding.principle!r} gives {fit.estimate!r}, "
            f"the synthesis {estimate!r}: not the synthesis's τ² method {method!r}?"
        )
        raise ValueError(msg)
    z = NormalDist().inv_cdf(0.5 + level / 2)
    se = math.sqrt(max(se_contrast**2 - se_with**2, 0.0))
    summary = ForestSummary(
        label=label, estimate=estimate, ci_lower=estimate - z * se, ci_upper=estimate + z * se
    )
    raw = [1.0 / (v + fit.tau2) for v in vi]
    total = sum(raw)
    return summary, [100.0 * w / total for w in raw]


def contrast_forest_figure(
    finding: Finding,
    groups: ContrastGroups,
    *,
    name: str,
    title: str,
    caption: str,
    labels: ContrastLabels,
    effect_label: str,
    study_label: Callable[[str], str],
    lang: str,
    level: float = 0.95,
    method: str = "REML",
) -> FigureView | None:
    """Return the forest plot of a principle with its studies with and without it.

    See the module docstring for what is drawn. ``method`` must be the τ²
    method the synthesis used (its default, REML); ``None`` when nothing was
    pooled.
    """
    mc = finding.moderator_contrast
    if not finding.effects or finding.estimate is None or mc is None or not groups.without:
        return None
    z = NormalDist().inv_cdf(0.5 + level / 2)
    subgroups = {labels.with_heading: _summary(finding, labels.with_subtotal)}
    rows = _rows(finding.effects, effect_weights(finding), study_label, z, labels.with_heading)
    if (
        mc.method == "subgroup"
        and mc.estimate_without is not None
        and mc.se is not None
        and finding.se is not None
    ):
        summary, weights = _without_summary(
            finding,
            groups,
            labels.without_subtotal,
            level,
            method,
            estimate=mc.estimate_without,
            se_contrast=mc.se,
            se_with=finding.se,
        )
        subgroups[labels.without_heading] = summary
    else:
        weights = [None] * len(groups.without)
    rows += _rows(groups.without, weights, study_label, z, labels.without_heading)
    figure = forest_plot(
        rows,
        None,
        subgroup_summaries=subgroups,
        effect_label=effect_label,
        null_value=0.0,
        title=title,
        lang=lang,
        level=level,
        alt_note=labels.alt_note,
    )
    return _view(figure, name, caption)


def small_study_fill(
    finding: Finding, method: str = "REML", level: float = 0.95
) -> TrimFillResult | None:
    """Return the synthesis's trim-and-fill of a finding, recomputed with its settings.

    ``None`` when the synthesis ran none (``trim_fill_k0`` is ``None``). As
    :func:`watwerkt.synthesis.findings.synthesize`: Egger's regression by
    :func:`~watwerkt.stats._batch_bias.egger_test_batch`, its slope's sign
    as the side (``None``, the default choice, when Egger's test failed),
    then :func:`~watwerkt.stats._batch_bias.trim_and_fill_batch` with
    estimator L0, on the finding's pooled effect sizes in their order. The
    result must have the finding's ``k0`` and filled estimate, else
    ``ValueError`` (``method`` or ``level`` differ from the synthesis's).
    """
    sens = finding.sensitivity
    if sens is None or sens.trim_fill_k0 is None:
        return None
    yi = np.array([e.yi for e in finding.effects])
    vi = np.array([e.vi for e in finding.effects])
    (egger,) = egger_test_batch(yi, vi, [len(yi)], method, level=level)
    side = ("right" if egger.slope < 0 else "left") if isinstance(egger, EggerTestResult) else None
    (tf,) = trim_and_fill_batch(yi, vi, [len(yi)], method, level, sides=[side])
    if isinstance(tf, WatwerktError):
        raise tf
    expected = sens.trim_fill_estimate
    if tf.k0 != sens.trim_fill_k0 or (
        expected is not None and not math.isclose(tf.estimate, expected, rel_tol=SAME, abs_tol=SAME)
    ):
        msg = (
            f"trim-and-fill recomputed for {finding.principle!r} x {finding.outcome!r} gives "
            f"k0 = {tf.k0}, estimate {tf.estimate!r}; the synthesis k0 = {sens.trim_fill_k0}, "
            f"estimate {expected!r}: not the synthesis's τ² method {method!r}?"
        )
        raise ValueError(msg)
    return tf


def funnel_figure(
    finding: Finding,
    *,
    name: str,
    title: str,
    caption: str,
    effect_label: str,
    lang: str,
    filled_label: str = "",
    method: str = "REML",
) -> FigureView | None:
    """Return the funnel plot of a finding with Egger's test run (k ≥ 10), else ``None``.

    With trim-and-fill the funnel is centred on the filled model's estimate
    (as metafor's ``funnel()`` of a ``trimfill()`` result), and the centre
    line is labelled ``filled_label``; without it on the pooled estimate.
    ``method``: the synthesis's τ² method (see :func:`small_study_fill`).
    """
    sens = finding.sensitivity
    if sens is None or sens.egger_pvalue is None or finding.estimate is None:
        return None
    tf = small_study_fill(finding, method)
    centre, label = finding.estimate, ""
    filled_yi: list[float] = []
    filled_vi: list[float] = []
    if tf is not None:
        centre, label = tf.estimate, filled_label
        fill = np.asarray(tf.fill, dtype=bool)
        filled_yi = [float(y) for y in np.asarray(tf.yi)[fill]]
        filled_vi = [float(v) for v in np.asarray(tf.vi)[fill]]
    figure = funnel_plot(
        [e.yi for e in finding.effects],
        [e.vi for e in finding.effects],
        estimate=centre,
        estimate_label=label,
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
