"""Forest plot: every study's estimate and interval, the pooled diamond and its PI.

The layout follows metafor's ``forest()`` and RevMan: a label column, the plot,
a weight column and the estimate with its interval as text; squares sized by
weight (area ∝ weight), whiskers for the confidence intervals (an arrow where
an interval runs off the axis), a vertical line at no effect, a diamond per
pooled estimate and, under it, a bar for the prediction interval. Rows with a
``subgroup`` are grouped under a heading, each group with its own diamond
when ``subgroup_summaries`` has one. The figure grows with the number of rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Polygon
from matplotlib.transforms import Affine2D, Transform, blended_transform_factory

from watwerkt.errors import InputError
from watwerkt.messages import message
from watwerkt.numbers import fmt_interval, fmt_number, fmt_percent
from watwerkt.render.plots._axis import linear_ticks, ratio_ticks, tick_labels
from watwerkt.render.plots._checks import as_floats, check_not_empty, positions_text
from watwerkt.render.plots.style import (
    FONT_SIZE,
    ROLE,
    count_studies,
    plot_style,
    resolve_language,
    text_width,
    wrap,
)
from watwerkt.render.plots.svg import SvgFigure, content_salt, export_svg

__all__ = ["ForestRow", "ForestSummary", "forest_plot"]

_FUNCTION = "forest_plot"
_ROW = 16.0  # height of a one-line row, points
_LINE = 11.0  # extra height per extra text line, points
_GAP = 14.0  # space between columns, points
_MARGIN = 8.0
_INDENT = 10.0  # study labels under a subgroup heading
_LABEL_MAX = 210.0  # wider labels wrap
_BOTTOM = 40.0  # tick labels and axis label
_MAX_SIDE = 11.0  # side of the largest square, points
_MIN_SIDE = 3.5
_PLAIN_SIDE = 6.5  # square side when no weights are given
_DIAMOND = 5.5  # half-height of a diamond, points
_FAVOURS = 14.0  # extra room under the axis label for the "favours" labels


@dataclass(frozen=True, slots=True)
class ForestRow:
    """One study (or effect size) of a forest plot.

    ``weight`` is its percent weight in the pooled model (squares are sized
    by it); ``subgroup`` groups rows under a heading.
    """

    label: str
    estimate: float
    ci_lower: float
    ci_upper: float
    weight: float | None = None
    subgroup: str | None = None


@dataclass(frozen=True, slots=True)
class ForestSummary:
    """A pooled estimate (overall or per subgroup), optionally with its prediction interval."""

    label: str
    estimate: float
    ci_lower: float
    ci_upper: float
    pi_lower: float | None = None
    pi_upper: float | None = None


@dataclass(slots=True)
class _Line:
    """One line of the layout; ``top``/``height`` in points from the top of the rows."""

    kind: str  # header | heading | study | summary | subsummary | prediction | rule
    label: list[str]
    height: float
    top: float = 0.0
    indent: float = 0.0
    row: ForestRow | None = None
    summary: ForestSummary | None = None
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def middle(self) -> float:
        return self.top + self.height / 2


def forest_plot(
    rows: Sequence[ForestRow],
    summary: ForestSummary | None,
    *,
    effect_label: str,
    null_value: float = 0.0,
    subgroup_summaries: Mapping[str, ForestSummary] | None = None,
    title: str = "",
    lang: str | None = None,
    level: float = 0.95,
    exponentiate: bool = False,
    xlim: tuple[float, float] | None = None,
    digits: int = 2,
    plot_width: float = 240.0,
    favours: tuple[str, str] | None = None,
    alt_note: str = "",
) -> SvgFigure:
    """Draw a forest plot of ``rows`` with an optional pooled ``summary``.

    Parameters
    ----------
    rows : sequence of ForestRow
        The studies, top to bottom (grouped by ``subgroup`` in order of first
        appearance; rows without a subgroup come first).
    summary : ForestSummary or None
        The overall pooled estimate, drawn as a diamond at the bottom, with a
        prediction-interval bar under it when ``pi_lower``/``pi_upper`` are set.
    effect_label : str
        Axis label, e.g. ``"Hedges' g"`` or ``"log risk ratio"``.
    null_value : float, default 0
        Where the vertical "no effect" line goes (on the scale of the data).
    subgroup_summaries : mapping of subgroup → ForestSummary, optional
        A diamond (and PI) per subgroup, under its rows.
    title : str
        Caption; default "Forest plot" from the catalogue.
    lang : {"nl", "en"}, optional
        Language of labels and numbers (default: the process language).
    level : float, default 0.95
        Confidence level of the intervals, for the column header and alt text.
    exponentiate : bool, default False
        Data are on the log scale (log OR, log RR); show the numbers and tick
        labels as ratios (``exp``), as metafor's ``transf=exp``.
    xlim : (float, float), optional
        Axis limits on the scale of the data; intervals beyond them end in an
        arrow. Default: all estimates, pooled intervals and the null line, and
        study intervals up to 60% of that range beyond it.
    digits : int, default 2
        Decimals of the estimates in the text column.
    plot_width : float, default 240
        Width of the plot area, in points.
    favours : (str, str), optional
        What effects left and right of the null line favour (RevMan's
        "Favours …" labels), e.g. ``("favours control", "favours CBT")``;
        drawn under the axis with arrows pointing away from the null line.
    alt_note : str, optional
        A sentence added to the end of the alt text (e.g. the test of the
        subgroup difference, or which studies are not shown).

    Returns
    -------
    SvgFigure

    Raises
    ------
    InputError
        (a ``ValueError``) for no rows, a non-finite number (naming the field
        and the 0-based row positions), an estimate outside its interval, a
        negative weight, or a subgroup summary for a subgroup without rows.
    """
    lang_ = resolve_language(lang)
    groups = _validate(rows, summary, subgroup_summaries, null_value, xlim)
    subgroup_summaries = subgroup_summaries or {}
    show = math.exp if exponentiate else _identity
    weights = [r.weight for r in rows]
    has_weights = any(w is not None for w in weights)
    level_text = f"{level * 100:g}"

    def est_texts(estimate: float, lower: float, upper: float) -> dict[str, str]:
        interval = fmt_interval(show(lower), show(upper), lang_, digits)
        left, right = interval.split(" ", 1)
        return {"est": fmt_number(show(estimate), lang_, digits), "lo": left, "hi": right}

    lines: list[_Line] = []
    header = _Line("header", [message("render.plot.forest.study", lang_)], _ROW + 4)
    header.texts = {
        "weight": message("render.plot.forest.weight", lang_) if has_weights else "",
        "ci": message("render.plot.forest.estimate_ci", lang_, level=level_text),
    }
    lines.append(header)
    grouped = any(name is not None for name in groups)
    for name, members in groups.items():
        if name is not None:
            lines.append(_Line("heading", wrap(name, _LABEL_MAX, bold=True), 0))
        for row in members:
            indent = _INDENT if name is not None else 0.0
            line = _Line("study", wrap(row.label, _LABEL_MAX - indent), 0, row=row,
                         indent=indent)
            line.texts = est_texts(row.estimate, row.ci_lower, row.ci_upper)
            if row.weight is not None:
                line.texts["weight"] = fmt_percent(row.weight, lang_, 1)
            lines.append(line)
        sub = subgroup_summaries.get(name) if name is not None else None
        if sub is not None:
            lines.extend(_summary_lines(sub, "subsummary", lang_, level_text, est_texts))
        if grouped:
            lines.append(_Line("rule", [], 6.0))
    if summary is not None:
        lines.append(_Line("rule", [], 6.0))
        lines.extend(_summary_lines(summary, "summary", lang_, level_text, est_texts))

    top = 0.0
    for line in lines:
        if line.kind != "rule" and line.height == 0:
            line.height = _ROW + _LINE * (len(line.label) - 1)
        line.top = top
        top += line.height
    rows_height = top

    lower, upper = _limits(rows, summary, list(subgroup_summaries.values()), null_value, xlim)
    ticks = (ratio_ticks if exponentiate else linear_ticks)(lower, upper)

    # column widths, in points
    bold_kinds = {"header", "heading", "summary", "subsummary"}
    label_w = max(
        text_width(text, bold=line.kind in bold_kinds) + line.indent
        for line in lines
        for text in line.label or [""]
    )
    weight_w = max(
        (text_width(line.texts.get("weight", ""), bold=line.kind == "header") for line in lines),
        default=0.0,
    )
    pooled_kinds = {"summary", "subsummary"}
    est_w, lo_w, hi_w = (
        max(text_width(line.texts.get(key, ""), bold=line.kind in pooled_kinds) for line in lines)
        for key in ("est", "lo", "hi")
    )
    ci_w = max(est_w + 5 + lo_w + 4 + hi_w, text_width(header.texts["ci"], bold=True))

    x_label = _MARGIN
    x_plot = x_label + label_w + _GAP
    x_weight = x_plot + plot_width + _GAP + weight_w  # right edge
    x_ci = x_weight + (_GAP if has_weights else 0.0) + ci_w  # right edge
    x_est, x_lo = x_ci - hi_w - 4 - lo_w - 5, x_ci - hi_w - 4
    fig_w = x_ci + _MARGIN
    bottom = _BOTTOM + (_FAVOURS if favours is not None else 0.0)
    fig_h = _MARGIN + rows_height + bottom

    title = title or message("render.plot.forest.title", lang_)
    alt = _alt(rows, summary, groups, subgroup_summaries, effect_label, null_value, lang_,
               level_text, show, digits)
    if alt_note:
        alt = f"{alt} {alt_note}"
    salt = content_salt("forest", rows, summary, subgroup_summaries, effect_label, null_value,
                        lang_, level, exponentiate, xlim, digits, plot_width, favours,
                        *((alt_note,) if alt_note else ()))
    with plot_style(salt):
        fig = Figure(figsize=(fig_w / 72, fig_h / 72), dpi=72)
        ax = fig.add_axes((x_plot / fig_w, bottom / fig_h, plot_width / fig_w,
                           rows_height / fig_h))
        ax.set_xlim(lower, upper)
        ax.set_ylim(rows_height, 0)
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        ax.set_yticks([])
        ax.set_xticks(ticks, tick_labels(ticks, lang_, exponentiate=exponentiate))
        ax.set_xlabel(effect_label)
        ax.patch.set_visible(False)
        col = blended_transform_factory(Affine2D().scale(1 / 72) + fig.dpi_scale_trans,
                                        ax.transData)

        _draw_texts(ax, col, lines, x_label, x_weight, x_est, x_lo, x_ci, fig_w)
        if favours is not None and lower <= null_value <= upper:
            _favours(ax, favours, null_value)
        first = header.top + header.height
        if lower <= null_value <= upper:
            ax.vlines(null_value, first, rows_height, colors=ROLE["ink"], linewidth=0.8,
                      gid="ww-forest-null")
        _draw_studies(ax, [ln for ln in lines if ln.kind == "study"], lower, upper)
        for line in lines:
            if line.summary is None:
                continue
            if line.kind in ("summary", "subsummary"):
                _diamond(ax, line.summary, line.middle, overall=line.kind == "summary")
            elif line.kind == "prediction":
                _prediction(ax, line.summary, line.middle, lower, upper)
        return export_svg(fig, title=title, alt=alt)


def _identity(value: float) -> float:
    return value


def _summary_lines(
    summary: ForestSummary,
    kind: str,
    lang: str,
    level_text: str,
    est_texts: Callable[[float, float, float], dict[str, str]],
) -> list[_Line]:
    default = "render.plot.forest.pooled" if kind == "summary" else "render.plot.forest.subtotal"
    label = summary.label or message(default, lang)
    line = _Line(kind, wrap(label, _LABEL_MAX, bold=True), 0, summary=summary)
    line.texts = est_texts(summary.estimate, summary.ci_lower, summary.ci_upper)
    out = [line]
    if summary.pi_lower is not None and summary.pi_upper is not None:
        text = message("render.plot.forest.prediction", lang, level=level_text)
        pi = _Line("prediction", wrap(text, _LABEL_MAX), 0, summary=summary)
        interval = est_texts(summary.estimate, summary.pi_lower, summary.pi_upper)
        pi.texts = {"lo": interval["lo"], "hi": interval["hi"]}
        out.append(pi)
    return out


def _validate(
    rows: Sequence[ForestRow],
    summary: ForestSummary | None,
    subgroup_summaries: Mapping[str, ForestSummary] | None,
    null_value: float,
    xlim: tuple[float, float] | None,
) -> dict[str | None, list[ForestRow]]:
    check_not_empty(rows, "rows", _FUNCTION)
    est = as_floats((r.estimate for r in rows), "rows.estimate", _FUNCTION)
    lo = as_floats((r.ci_lower for r in rows), "rows.ci_lower", _FUNCTION)
    hi = as_floats((r.ci_upper for r in rows), "rows.ci_upper", _FUNCTION)
    bad = np.flatnonzero((lo > est) | (est > hi))
    if bad.size:
        raise InputError("render.plot.bad_interval", function=_FUNCTION, argument="rows",
                         positions=positions_text(int(i) for i in bad))
    weighted = [i for i, r in enumerate(rows) if r.weight is not None]
    weights = as_floats((rows[i].weight for i in weighted), "rows.weight", _FUNCTION)
    negative = [weighted[i] for i in np.flatnonzero(weights < 0)]
    if negative:
        raise InputError("render.plot.negative", function=_FUNCTION, argument="rows.weight",
                         positions=positions_text(negative))
    as_floats([null_value], "null_value", _FUNCTION)
    if xlim is not None:
        limits = as_floats(xlim, "xlim", _FUNCTION)
        if len(limits) != 2 or limits[0] >= limits[1]:
            raise InputError("render.plot.bad_interval", function=_FUNCTION, argument="xlim",
                             positions="0, 1")
    named = {"summary": summary} if summary is not None else {}
    for name, sub in (subgroup_summaries or {}).items():
        named[f"subgroup_summaries[{name!r}]"] = sub
    for argument, item in named.items():
        _check_summary(item, argument)
    groups: dict[str | None, list[ForestRow]] = {}
    if any(r.subgroup is None for r in rows):
        groups[None] = []
    for row in rows:
        groups.setdefault(row.subgroup, []).append(row)
    unknown = sorted(set(subgroup_summaries or {}) - set(groups))
    if unknown:
        raise InputError("render.plot.unknown_value", function=_FUNCTION,
                         argument="subgroup_summaries", positions=", ".join(map(repr, unknown)),
                         choices=", ".join(repr(g) for g in groups if g is not None))
    return groups


def _check_summary(summary: ForestSummary, argument: str) -> None:
    values = as_floats([summary.estimate, summary.ci_lower, summary.ci_upper],
                       f"{argument} (estimate, ci_lower, ci_upper)", _FUNCTION)
    if not values[1] <= values[0] <= values[2]:
        raise InputError("render.plot.bad_interval", function=_FUNCTION, argument=argument,
                         positions="0")
    bounds = (summary.pi_lower, summary.pi_upper)
    if bounds == (None, None):
        return
    if None in bounds:
        raise InputError("render.plot.bad_pi", function=_FUNCTION, argument=argument)
    pi = as_floats(bounds, f"{argument} (pi_lower, pi_upper)", _FUNCTION)
    if pi[0] > pi[1]:
        raise InputError("render.plot.bad_pi", function=_FUNCTION, argument=argument)


def _limits(
    rows: Sequence[ForestRow],
    summary: ForestSummary | None,
    subgroups: Sequence[ForestSummary],
    null_value: float,
    xlim: tuple[float, float] | None,
) -> tuple[float, float]:
    """Return axis limits: the core of the plot plus study CIs up to 60% beyond it."""
    if xlim is not None:
        return float(xlim[0]), float(xlim[1])
    core = [r.estimate for r in rows] + [null_value]
    pooled = [*([summary] if summary is not None else []), *subgroups]
    for s in pooled:
        core += [s.ci_lower, s.ci_upper]
        core += [b for b in (s.pi_lower, s.pi_upper) if b is not None]
    core_lo, core_hi = min(core), max(core)
    span = max(core_hi - core_lo, 1e-6, 1e-3 * max(abs(core_lo), abs(core_hi)))
    lower = max(min(r.ci_lower for r in rows), core_lo - 0.6 * span)
    upper = min(max(r.ci_upper for r in rows), core_hi + 0.6 * span)
    lower, upper = min(lower, core_lo), max(upper, core_hi)
    pad = 0.04 * (upper - lower)
    return lower - pad, upper + pad


def _draw_texts(
    ax: Axes,
    col: Transform,
    lines: list[_Line],
    x_label: float,
    x_weight: float,
    x_est: float,
    x_lo: float,
    x_ci: float,
    fig_w: float,
) -> None:
    """Draw the label, weight and estimate [CI] columns, and the rules."""
    bold_kinds = {"header", "heading", "summary", "subsummary"}
    for line in lines:
        y = line.middle
        if line.kind == "rule":
            continue
        weight = "bold" if line.kind in bold_kinds else "normal"
        style: dict[str, Any] = {
            "transform": col, "va": "center", "fontweight": weight, "fontsize": FONT_SIZE,
        }
        if line.label:
            colour = ROLE["muted"] if line.kind == "prediction" else ROLE["ink"]
            ax.text(x_label + line.indent, y, "\n".join(line.label), ha="left", color=colour,
                    linespacing=1.2, **style)
        if line.texts.get("weight"):
            ax.text(x_weight, y, line.texts["weight"], ha="right", **style)
        if line.kind == "header":
            ax.text(x_ci, y, line.texts["ci"], ha="right", **style)
            ax.plot([_MARGIN, fig_w - _MARGIN], [line.top + line.height] * 2, transform=col,
                    color=ROLE["rule"], linewidth=0.6, clip_on=False)
            continue
        colour = ROLE["muted"] if line.kind == "prediction" else ROLE["ink"]
        if "est" in line.texts:
            ax.text(x_est, y, line.texts["est"], ha="right", color=colour, **style)
        if "lo" in line.texts:
            ax.text(x_lo, y, line.texts["lo"], ha="right", color=colour, **style)
            ax.text(x_ci, y, line.texts["hi"], ha="right", color=colour, **style)


def _draw_studies(ax: Axes, lines: list[_Line], lower: float, upper: float) -> None:
    """Draw the squares, whiskers and off-axis arrows of the study rows."""
    rows = [ln.row for ln in lines if ln.row is not None]
    ys = np.array([ln.middle for ln in lines])
    est = np.array([r.estimate for r in rows])
    lo = np.array([r.ci_lower for r in rows])
    hi = np.array([r.ci_upper for r in rows])
    weights = [r.weight for r in rows]
    known = [w for w in weights if w is not None]
    w_max = max(known, default=0.0)
    sides = [
        _PLAIN_SIDE if w is None or w_max <= 0
        else max(_MIN_SIDE, _MAX_SIDE * math.sqrt(w / w_max))
        for w in weights
    ]
    ax.hlines(ys, np.clip(lo, lower, upper), np.clip(hi, lower, upper), colors=ROLE["ink"],
              linewidth=0.9, gid="ww-forest-ci")
    inside = (est >= lower) & (est <= upper)
    ax.scatter(est[inside], ys[inside], s=np.square(sides)[inside], marker="s",
               color=ROLE["ink"], linewidths=0, zorder=3, gid="ww-forest-study")
    left, right = lo < lower, hi > upper
    if left.any() or right.any():
        xs = np.concatenate([np.full(left.sum(), lower), np.full(right.sum(), upper)])
        yy = np.concatenate([ys[left], ys[right]])
        markers = ["<"] * int(left.sum()) + [">"] * int(right.sum())
        for x, y, m in zip(xs, yy, markers, strict=True):
            ax.plot([x], [y], marker=m, markersize=5, color=ROLE["ink"], clip_on=False,
                    linestyle="none", gid="ww-forest-arrow")


def _favours(ax: Axes, favours: tuple[str, str], null_value: float) -> None:
    """Write what each side of the null line favours, under the axis label."""
    left, right = favours
    for text, offset, align in ((f"\u2190 {left}", -6, "right"), (f"{right} \u2192", 6, "left")):
        ax.annotate(text, xy=(null_value, 0), xycoords=("data", "axes fraction"),
                    xytext=(offset, -(_BOTTOM + 4)), textcoords="offset points", ha=align,
                    va="center", color=ROLE["muted"], annotation_clip=False,
                    gid="ww-forest-favours")


def _diamond(ax: Axes, summary: ForestSummary, y: float, *, overall: bool) -> None:
    """Draw a pooled estimate as a diamond spanning its confidence interval."""
    points = [
        (summary.ci_lower, y),
        (summary.estimate, y - _DIAMOND),
        (summary.ci_upper, y),
        (summary.estimate, y + _DIAMOND),
    ]
    face = ROLE["pooled"] if overall else "white"
    ax.add_patch(Polygon(points, closed=True, facecolor=face, edgecolor=ROLE["pooled"],
                         linewidth=1.0, zorder=4,
                         gid="ww-forest-diamond" if overall else "ww-forest-subdiamond"))


def _prediction(ax: Axes, summary: ForestSummary, y: float, lower: float, upper: float) -> None:
    """Draw the prediction interval as a bar with end ticks (arrows beyond the axis)."""
    assert summary.pi_lower is not None  # noqa: S101 - only prediction lines get here
    assert summary.pi_upper is not None  # noqa: S101
    a, b = max(summary.pi_lower, lower), min(summary.pi_upper, upper)
    colour = ROLE["prediction"]
    ax.plot([a, b], [y, y], color=colour, linewidth=1.6, solid_capstyle="butt",
            gid="ww-forest-pi")
    for x, clipped, marker in ((a, summary.pi_lower < lower, "<"),
                               (b, summary.pi_upper > upper, ">")):
        ax.plot([x], [y], marker=marker if clipped else "|", markersize=6 if clipped else 7,
                markeredgewidth=1.6, color=colour, linestyle="none", clip_on=False,
                gid="ww-forest-pi-end")


def _alt(
    rows: Sequence[ForestRow],
    summary: ForestSummary | None,
    groups: Mapping[str | None, list[ForestRow]],
    subgroup_summaries: Mapping[str, ForestSummary],
    effect_label: str,
    null_value: float,
    lang: str,
    level_text: str,
    show: Callable[[float], float],
    digits: int,
) -> str:
    estimates = [show(r.estimate) for r in rows]
    parts = [
        message(
            "render.plot.forest.alt", lang, studies=count_studies(len(rows), lang),
            effect=effect_label, level=level_text,
            null=fmt_number(show(null_value), lang, digits),
            low=fmt_number(min(estimates), lang, digits),
            high=fmt_number(max(estimates), lang, digits),
        )
    ]
    names = [g for g in groups if g is not None]
    if names:
        described = []
        for name in names:
            sub = subgroup_summaries.get(name)
            if sub is None:
                described.append(name)
            else:
                described.append(
                    f"{name} {fmt_number(show(sub.estimate), lang, digits)} "
                    f"{fmt_interval(show(sub.ci_lower), show(sub.ci_upper), lang, digits)}"
                )
        parts.append(message("render.plot.forest.alt_subgroups", lang, n=len(names),
                             names="; ".join(described)))
    if summary is not None:
        parts.append(message(
            "render.plot.forest.alt_pooled", lang,
            label=summary.label or message("render.plot.forest.pooled", lang),
            estimate=fmt_number(show(summary.estimate), lang, digits),
            interval=fmt_interval(show(summary.ci_lower), show(summary.ci_upper), lang,
                                     digits),
        ))
        if summary.pi_lower is not None and summary.pi_upper is not None:
            parts.append(message(
                "render.plot.forest.alt_prediction", lang, level=level_text,
                interval=fmt_interval(show(summary.pi_lower), show(summary.pi_upper), lang,
                                         digits),
            ))
    return " ".join(parts)
