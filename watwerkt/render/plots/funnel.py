"""Funnel plot: effect against standard error, with trim-and-fill studies.

As metafor's ``funnel()``: the standard error on the vertical axis, inverted
(0, the most precise, at the top), a vertical line at the pooled estimate and
the pseudo-confidence region ``estimate ± 1.96 se`` (a shaded triangle with
dashed edges). Studies imputed by trim-and-fill are open circles in a second
colour, so the two kinds differ in shape as well as colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from watwerkt.messages import message
from watwerkt.numbers import fmt_number
from watwerkt.render.plots._axis import linear_ticks, ratio_ticks, tick_labels
from watwerkt.render.plots._checks import (
    as_floats,
    check_not_empty,
    check_not_negative,
    check_same_length,
)
from watwerkt.render.plots.style import (
    ROLE,
    count_studies,
    plot_style,
    resolve_language,
)
from watwerkt.render.plots.svg import SvgFigure, content_salt, export_svg

__all__ = ["funnel_plot"]

_FUNCTION = "funnel_plot"
_Z = 1.959963984540054  # standard normal 97.5% quantile: the pseudo 95% region


def funnel_plot(
    yi: Sequence[float],
    vi: Sequence[float],
    *,
    estimate: float,
    estimate_label: str = "",
    filled_yi: Sequence[float] = (),
    filled_vi: Sequence[float] = (),
    effect_label: str,
    title: str = "",
    lang: str | None = None,
    exponentiate: bool = False,
    digits: int = 2,
) -> SvgFigure:
    """Draw a funnel plot of effects ``yi`` against their standard errors ``√vi``.

    Parameters
    ----------
    yi, vi : sequence of float
        Observed effect sizes and their sampling variances (``vi ≥ 0``).
    estimate : float
        The pooled estimate: centre of the funnel (for a trim-and-fill
        analysis, the estimate of the filled data, as metafor draws it).
    estimate_label : str, optional
        What the centre line is, for the legend and alt text (default
        "Pooled estimate" from the catalogue), e.g. the estimate after
        trim-and-fill.
    filled_yi, filled_vi : sequence of float
        Studies imputed by trim-and-fill (``TrimFillResult.yi[fill]``), drawn
        as open circles.
    effect_label : str
        Label of the horizontal axis.
    title : str
        Caption; default "Funnel plot" from the catalogue.
    lang : {"nl", "en"}, optional
        Language of labels and numbers (default: the process language).
    exponentiate : bool, default False
        Data are on the log scale; label the axis with ratios (``exp``).
    digits : int, default 2
        Decimals of the numbers in the alt text.

    Returns
    -------
    SvgFigure

    Raises
    ------
    InputError
        (a ``ValueError``) for no studies, lengths that differ, a non-finite
        value or a negative variance, naming the argument and the positions.
    """
    lang_ = resolve_language(lang)
    check_not_empty(yi, "yi", _FUNCTION)
    check_same_length(_FUNCTION, ("yi", yi), ("vi", vi))
    check_same_length(_FUNCTION, ("filled_yi", filled_yi), ("filled_vi", filled_vi))
    y = as_floats(yi, "yi", _FUNCTION)
    v = as_floats(vi, "vi", _FUNCTION)
    fy = as_floats(filled_yi, "filled_yi", _FUNCTION)
    fv = as_floats(filled_vi, "filled_vi", _FUNCTION)
    check_not_negative(v, "vi", _FUNCTION)
    check_not_negative(fv, "filled_vi", _FUNCTION)
    centre = float(as_floats([estimate], "estimate", _FUNCTION)[0])
    se, fse = np.sqrt(v), np.sqrt(fv)

    se_all = np.concatenate([se, fse])
    se_top = float(se_all.max()) * 1.08 if se_all.max() > 0 else 1.0
    effects = np.concatenate([y, fy])
    lower = min(float(effects.min()), centre - _Z * se_top)
    upper = max(float(effects.max()), centre + _Z * se_top)
    pad = 0.05 * (upper - lower)
    lower, upper = lower - pad, upper + pad

    show = math.exp if exponentiate else float
    title = title or message("render.plot.funnel.title", lang_)
    centre_label = estimate_label or message("render.plot.funnel.estimate", lang_)
    alt = message(
        "render.plot.funnel.alt_centre" if estimate_label else "render.plot.funnel.alt", lang_,
        studies=count_studies(len(y), lang_), effect=effect_label,
        se_min=fmt_number(float(se.min()), lang_, digits),
        se_max=fmt_number(float(se.max()), lang_, digits),
        estimate=fmt_number(show(centre), lang_, digits), label=centre_label,
    )
    if len(fy):
        alt += " " + message("render.plot.funnel.alt_filled", lang_,
                              studies=count_studies(len(fy), lang_))

    salt = content_salt("funnel", y.tolist(), v.tolist(), fy.tolist(), fv.tolist(), centre,
                        effect_label, lang_, exponentiate, digits,
                        *((estimate_label,) if estimate_label else ()))
    with plot_style(salt):
        fig = Figure(figsize=(5.6, 4.6), dpi=72, layout="constrained")
        ax = fig.add_subplot()
        region = Polygon(
            [(centre - _Z * se_top, se_top), (centre, 0.0), (centre + _Z * se_top, se_top)],
            closed=True, facecolor=ROLE["region"], edgecolor="none", zorder=0,
            gid="ww-funnel-region",
        )
        ax.add_patch(region)
        for sign in (-1, 1):
            ax.plot([centre, centre + sign * _Z * se_top], [0, se_top], color=ROLE["rule"],
                    linestyle=(0, (4, 3)), linewidth=0.9, zorder=1, gid="ww-funnel-region-edge")
        ax.plot([centre, centre], [0, se_top], color=ROLE["pooled"], linewidth=1.2, zorder=1,
                gid="ww-funnel-estimate")
        ax.scatter(y, se, s=30, marker="o", color=ROLE["ink"], linewidths=0, zorder=3,
                   gid="ww-funnel-observed")
        if len(fy):
            ax.scatter(fy, fse, s=30, marker="o", facecolors="white",
                       edgecolors=ROLE["imputed"], linewidths=1.3, zorder=3,
                       gid="ww-funnel-filled")
        ax.set_xlim(lower, upper)
        ax.set_ylim(se_top, 0)
        xt = (ratio_ticks if exponentiate else linear_ticks)(lower, upper)
        ax.set_xticks(xt, tick_labels(xt, lang_, exponentiate=exponentiate))
        yt = linear_ticks(0.0, se_top)
        ax.set_yticks(yt, tick_labels(yt, lang_, exponentiate=False))
        ax.set_xlabel(effect_label)
        ax.set_ylabel(message("render.plot.funnel.se", lang_))
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        handles: list[Artist] = [
            Line2D([], [], marker="o", linestyle="none", color=ROLE["ink"], markersize=5.5,
                   label=message("render.plot.funnel.observed", lang_)),
        ]
        if len(fy):
            handles.append(Line2D([], [], marker="o", linestyle="none", markersize=5.5,
                                  markerfacecolor="white", markeredgecolor=ROLE["imputed"],
                                  markeredgewidth=1.3,
                                  label=message("render.plot.funnel.filled", lang_)))
        handles += [
            Line2D([], [], color=ROLE["pooled"], linewidth=1.2, label=centre_label),
            Patch(facecolor=ROLE["region"], edgecolor=ROLE["rule"], linestyle=(0, (4, 3)),
                  label=message("render.plot.funnel.region", lang_)),
        ]
        legend = fig.legend(handles=handles, loc="outside lower center", ncols=2)
        legend.set_gid("ww-funnel-legend")
        return export_svg(fig, title=title, alt=alt)
