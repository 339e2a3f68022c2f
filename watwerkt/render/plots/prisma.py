"""PRISMA 2020 flow diagram of a dossier's search and selection.

The layout of the PRISMA 2020 template for new systematic reviews that
searched databases and registers only (Page et al., 2021, BMJ 372:n71,
Figure 1): stage bands on the left (identification, screening, included),
the main flow in the middle column and the records removed at each step in
the right column, every box with its count and every exclusion with its
reasons. "Reports sought for retrieval" is not drawn, as
:mod:`watwerkt.synthesis.prisma` does not track it (a report that could not
be retrieved is an exclusion at full text with that reason). A box for the
studies in the meta-analysis closes the flow; records not yet accounted for
get a highlighted box, so a flow that does not add up says so.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from itertools import pairwise

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Rectangle

from watwerkt.errors import InputError
from watwerkt.messages import message
from watwerkt.render.plots.style import (
    OKABE_ITO,
    ROLE,
    plot_style,
    resolve_language,
    text_width,
    wrap,
)
from watwerkt.render.plots.svg import SvgFigure, content_salt, export_svg
from watwerkt.synthesis.prisma import PrismaCounts

__all__ = ["prisma_flow"]

_FUNCTION = "prisma_flow"
_MARGIN = 8.0
_BAND_W = 22.0
_MAIN_W = 250.0
_SIDE_W = 260.0
_COL_GAP = 46.0
_ROW_GAP = 26.0
_PAD = 7.0
_LINE = 12.0
_BULLET_INDENT = 8.0
_BULLET_W = 9.0  # room for the bullet before an item
_BAND_COLOUR = "#CFE6F5"  # a light tint of Okabe-Ito sky blue, as the template's blue bands


@dataclass(frozen=True, slots=True)
class _Box:
    """Lines of one box; ``bullet`` lines are reasons, indented under the heading."""

    lines: tuple[tuple[str, bool], ...]  # (text, is_item)
    gid: str
    warning: bool = False

    def wrapped(self, width: float) -> list[tuple[str, float, bool]]:
        """Return (text, indent, bullet) lines, wrapped to the inner width of the box."""
        out: list[tuple[str, float, bool]] = []
        for text, item in self.lines:
            indent = _BULLET_INDENT + _BULLET_W if item else 0.0
            for i, part in enumerate(wrap(text, width - 2 * _PAD - indent)):
                out.append((part, indent, item and i == 0))
        return out


def prisma_flow(counts: PrismaCounts, *, lang: str | None = None) -> SvgFigure:
    """Draw the PRISMA 2020 flow diagram of ``counts``.

    Parameters
    ----------
    counts : PrismaCounts
        From :func:`watwerkt.synthesis.prisma.prisma_counts`.
    lang : {"nl", "en"}, optional
        Language of the box texts (default: the process language).

    Returns
    -------
    SvgFigure
        Every count of ``counts`` appears as text (each source and reason
        with its own count); the alt text states the same flow in one sentence.

    Raises
    ------
    InputError
        (a ``ValueError``) when a count is negative.
    """
    lang_ = resolve_language(lang)
    _check(counts)

    def msg(key: str, **params: object) -> str:
        return message(f"render.plot.prisma.{key}", lang_, **params)

    def items(pairs: tuple[tuple[str, int], ...]) -> tuple[tuple[str, bool], ...]:
        return tuple((msg("count", name=name, n=n), True) for name, n in pairs)

    identified = _Box(((msg("identified", n=counts.identified_total), False),
                       *items(counts.identified)), "ww-prisma-identified")
    removed = _Box(((msg("removed"), False),
                    (msg("duplicates", n=counts.duplicates_removed), True)), "ww-prisma-removed")
    screened = _Box(((msg("screened", n=counts.screened), False),), "ww-prisma-screened")
    excluded_screening = _Box(
        ((msg("excluded_screening", n=counts.excluded_screening), False),
         *items(counts.excluded_screening_reasons)), "ww-prisma-excluded-screening")
    assessed = _Box(((msg("assessed", n=counts.assessed), False),), "ww-prisma-assessed")
    excluded_full_text = _Box(
        ((msg("excluded_full_text", n=counts.excluded_full_text), False),
         *items(counts.excluded_full_text_reasons)), "ww-prisma-excluded-full-text")
    included = _Box(((msg("studies_included", n=counts.studies_included), False),
                     (msg("reports_included", n=counts.reports_included), False)),
                    "ww-prisma-included")
    meta = _Box(((msg("meta", n=counts.studies_in_meta_analysis,
                      effects=counts.effects_in_meta_analysis), False),), "ww-prisma-meta")
    unaccounted = (
        _Box(((msg("unaccounted", n=counts.unaccounted), False),), "ww-prisma-unaccounted",
             warning=True)
        if counts.unaccounted else None
    )
    grid: list[tuple[_Box, _Box | None]] = [
        (identified, removed),
        (screened, excluded_screening),
        (assessed, excluded_full_text),
        (included, unaccounted),
        (meta, None),
    ]
    stages = (("identification", 0, 0), ("screening", 1, 2), ("included", 3, 4))

    texts = [(main.wrapped(_MAIN_W), side.wrapped(_SIDE_W) if side else []) for main, side in grid]
    heights = [max(_box_height(m), _box_height(s) if s else 0.0) for m, s in texts]
    for key, first, last in stages:  # a band is at least as tall as its rotated label
        need = text_width(msg(key), bold=True) + 16
        have = sum(heights[first : last + 1]) + _ROW_GAP * (last - first)
        heights[first] += max(0.0, need - have)
    tops = []
    y = _MARGIN
    for h in heights:
        tops.append(y)
        y += h + _ROW_GAP
    fig_h = y - _ROW_GAP + _MARGIN
    x_main = _MARGIN + _BAND_W + 12
    x_side = x_main + _MAIN_W + _COL_GAP
    fig_w = x_side + _SIDE_W + _MARGIN

    title = msg("title")
    alt = _alt(counts, lang_)
    salt = content_salt("prisma", counts, lang_)
    with plot_style(salt):
        fig = Figure(figsize=(fig_w / 72, fig_h / 72), dpi=72)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, fig_w)
        ax.set_ylim(fig_h, 0)
        ax.set_axis_off()
        for key, first, last in stages:
            top, bottom = tops[first], tops[last] + heights[last]
            ax.add_patch(Rectangle((_MARGIN, top), _BAND_W, bottom - top, facecolor=_BAND_COLOUR,
                                   edgecolor="none", gid="ww-prisma-stage"))
            ax.text(_MARGIN + _BAND_W / 2, (top + bottom) / 2, msg(key), rotation=90,
                    ha="center", va="center", fontweight="bold", rotation_mode="anchor")
        main_boxes: list[tuple[float, float]] = []
        for (main, side), (main_lines, side_lines), top, h in zip(
            grid, texts, tops, heights, strict=True
        ):
            middle = top + h / 2
            main_h = _box_height(main_lines)
            main_top = middle - main_h / 2
            _draw_box(ax, main, main_lines, x_main, main_top, _MAIN_W)
            main_boxes.append((main_top, main_top + main_h))
            if side is not None:
                side_h = _box_height(side_lines)
                _draw_box(ax, side, side_lines, x_side, middle - side_h / 2, _SIDE_W)
                _arrow(ax, (x_main + _MAIN_W, middle), (x_side, middle))
        centre = x_main + _MAIN_W / 2
        for (_, bottom), (next_top, _) in pairwise(main_boxes):
            _arrow(ax, (centre, bottom), (centre, next_top))
        return export_svg(fig, title=title, alt=alt)


def _check(counts: PrismaCounts) -> None:
    """Raise when a count is negative (names the field)."""
    for f in fields(counts):
        value = getattr(counts, f.name)
        pairs = value if isinstance(value, tuple) else (("", value),)
        bad = [i for i, (_, n) in enumerate(pairs) if n < 0]
        if bad:
            raise InputError("render.plot.negative", function=_FUNCTION,
                             argument=f"counts.{f.name}",
                             positions=", ".join(map(str, bad)))


def _box_height(lines: list[tuple[str, float, bool]]) -> float:
    return 2 * _PAD + _LINE * len(lines) if lines else 0.0


def _draw_box(ax: Axes, box: _Box, lines: list[tuple[str, float, bool]], x: float, top: float,
              width: float) -> None:
    """Draw one box with its text, top to bottom."""
    ax.add_patch(Rectangle(
        (x, top), width, _box_height(lines),
        facecolor="#FDF0D9" if box.warning else "white",
        edgecolor=OKABE_ITO["orange"] if box.warning else ROLE["ink"],
        linewidth=1.4 if box.warning else 0.9, gid=box.gid,
    ))
    for i, (text, indent, bullet) in enumerate(lines):
        y = top + _PAD + _LINE * (i + 0.5)
        if bullet:
            ax.text(x + _PAD + _BULLET_INDENT, y, "•", ha="left", va="center_baseline")
        ax.text(x + _PAD + indent, y, text, ha="left", va="center_baseline")


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float]) -> None:
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=10,
                                 color=ROLE["ink"], linewidth=0.9, shrinkA=0, shrinkB=0,
                                 gid="ww-prisma-arrow"))


def _alt(counts: PrismaCounts, lang: str) -> str:
    def reasons(pairs: tuple[tuple[str, int], ...]) -> str:
        if not pairs:
            return ""
        listed = "; ".join(f"{reason}: {n}" for reason, n in pairs)
        return message("render.plot.prisma.alt_reasons", lang, reasons=listed)

    text = message(
        "render.plot.prisma.alt", lang,
        identified=counts.identified_total,
        sources="; ".join(f"{name}: {n}" for name, n in counts.identified),
        duplicates=counts.duplicates_removed,
        screened=counts.screened,
        excluded_screening=counts.excluded_screening,
        screening_reasons=reasons(counts.excluded_screening_reasons),
        assessed=counts.assessed,
        excluded_full_text=counts.excluded_full_text,
        full_text_reasons=reasons(counts.excluded_full_text_reasons),
        studies=counts.studies_included,
        reports=counts.reports_included,
        meta=counts.studies_in_meta_analysis,
    )
    if counts.unaccounted:
        text += message("render.plot.prisma.alt_unaccounted", lang, n=counts.unaccounted)
    return text

