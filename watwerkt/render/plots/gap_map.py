"""Evidence gap map: principles × outcomes as bubbles, gaps left visible.

One cell per principle (row) × outcome (column), as
:func:`watwerkt.synthesis.gap_map.gap_map` returns them. A bubble's area
grows with the number of studies, its colour is the GRADE certainty (palette
in :mod:`watwerkt.render.plots.style`), its shape the direction of the pooled
effect (so neither certainty nor direction rests on colour alone: the number
of studies is printed in the cell, and the shapes differ). A cell without
studies stays in the grid, outlined and marked with a dash: a gap is a finding.
The overall row (principle missing: all studies of an outcome) comes last.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from watwerkt.errors import InputError
from watwerkt.messages import message
from watwerkt.render.plots._checks import as_floats, check_not_negative, positions_text
from watwerkt.render.plots.style import (
    CERTAINTY_COLOURS,
    CERTAINTY_LEVELS,
    FONT_SIZE,
    ROLE,
    plot_style,
    resolve_language,
    text_width,
    wrap,
)
from watwerkt.render.plots.svg import SvgFigure, content_salt, export_svg

__all__ = ["DIRECTION_MARKERS", "gap_map_plot"]

_FUNCTION = "gap_map_plot"
_COLUMNS = ("principle", "outcome", "n_studies", "certainty", "direction")

#: Direction → matplotlib marker: up for the intervention, down for the
#: comparison, a circle for no clear difference, a diamond for mixed results
#: and a square when nothing was pooled (vote counting only).
DIRECTION_MARKERS: dict[str, str] = {
    "favours_intervention": "^",
    "favours_comparison": "v",
    "no_difference": "o",
    "mixed": "D",
    "none": "s",
}
_DIRECTION_KEYS: dict[str, str] = {
    "favours_intervention": "synthesis.direction.favours_intervention",
    "favours_comparison": "synthesis.direction.favours_comparison",
    "no_difference": "synthesis.direction.no_difference",
    "mixed": "synthesis.direction.mixed",
    "none": "render.plot.gap.not_pooled",
}
#: Marker area relative to a circle of the same ``s``, so shapes look equally big.
_AREA_FACTOR: dict[str, float] = {"^": 1.15, "v": 1.15, "o": 1.0, "D": 0.8, "s": 0.8}

_MARGIN = 8.0
_CELL_W = 76.0
_CELL_H = 38.0
_LINE = 11.0
_LABEL_MAX = 190.0
_HEADER_MAX = _CELL_W - 6
_LEGEND_GAP = 22.0
_MIN_R, _MAX_R = 3.5, 13.5  # bubble radius, points


@dataclass(frozen=True, slots=True)
class _Cell:
    n: int
    certainty: str
    direction: str


def gap_map_plot(
    frame: pd.DataFrame,
    *,
    principle_labels: Mapping[str, str] | None = None,
    outcome_labels: Mapping[str, str] | None = None,
    lang: str | None = None,
    include_overall: bool = True,
) -> SvgFigure:
    """Draw the evidence gap map of :func:`watwerkt.synthesis.gap_map.gap_map`.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per principle × outcome with ``principle`` (missing for the
        overall finding of an outcome), ``outcome``, ``n_studies``,
        ``certainty`` (``high``/``moderate``/``low``/``very_low`` or missing)
        and ``direction`` (``favours_intervention``, ``favours_comparison``,
        ``no_difference``, ``mixed`` or ``none``). Rows and columns keep the
        order of first appearance.
    principle_labels, outcome_labels : mapping of id → display name, optional
        Names to show instead of the ids.
    lang : {"nl", "en"}, optional
        Language of the legend and alt text (default: the process language).
    include_overall : bool, default True
        Add the overall row ("all studies") under the principles.

    Returns
    -------
    SvgFigure

    Raises
    ------
    InputError
        (a ``ValueError``) for an empty frame, a missing column, a negative
        or non-finite ``n_studies``, an unknown certainty or direction, or two
        rows for the same cell, naming the column and the 0-based positions.
    """
    lang_ = resolve_language(lang)
    cells, principles, outcomes = _read(frame, include_overall)
    principle_labels = principle_labels or {}
    outcome_labels = outcome_labels or {}
    overall = message("render.plot.gap.overall", lang_)
    row_labels = [overall if p is None else principle_labels.get(p, p) for p in principles]
    col_labels = [outcome_labels.get(o, o) for o in outcomes]

    row_lines = [wrap(label, _LABEL_MAX, bold=p is None) for p, label in
                 zip(principles, row_labels, strict=True)]
    col_lines = [wrap(label, _HEADER_MAX, bold=True) for label in col_labels]
    label_w = max(text_width(line, bold=p is None)
                  for p, lines in zip(principles, row_lines, strict=True) for line in lines)
    header_h = _LINE * max(len(lines) for lines in col_lines) + 8
    row_h = [max(_CELL_H, _LINE * len(lines) + 10) for lines in row_lines]
    grid_x = _MARGIN + label_w + 10
    grid_y = _MARGIN + header_h
    grid_w = _CELL_W * len(outcomes)
    grid_h = sum(row_h)

    n_max = max((c.n for c in cells.values()), default=0)
    legend = _legend_entries(lang_, n_max)
    legend_x = grid_x + grid_w + _LEGEND_GAP
    legend_w = max(text_width(text, bold=kind == "title") + (0 if kind == "title" else
                                                             2 * _MAX_R + 8)
                   for kind, text, _ in legend)
    legend_h = sum(_legend_row(kind, value, n_max, i == 0)
                   for i, (kind, _, value) in enumerate(legend))
    fig_w = legend_x + legend_w + _MARGIN
    fig_h = max(grid_y + grid_h, _MARGIN + legend_h) + _MARGIN

    title = message("render.plot.gap.title", lang_)
    alt = _alt(cells, principles, outcomes, row_labels, col_labels, lang_)
    salt = content_salt("gap_map", sorted(cells.items(), key=repr), principles, outcomes,
                        row_labels, col_labels, lang_)
    with plot_style(salt):
        fig = Figure(figsize=(fig_w / 72, fig_h / 72), dpi=72)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, fig_w)
        ax.set_ylim(fig_h, 0)
        ax.set_axis_off()
        for j, lines in enumerate(col_lines):
            ax.text(grid_x + (j + 0.5) * _CELL_W, grid_y - 5, "\n".join(lines), ha="center",
                    va="bottom", fontweight="bold", linespacing=1.15)
        top = grid_y
        for i, principle in enumerate(principles):
            if principle is None and i > 0:
                ax.plot([_MARGIN, grid_x + grid_w], [top, top], color=ROLE["ink"],
                        linewidth=0.8)
            ax.text(_MARGIN, top + row_h[i] / 2, "\n".join(row_lines[i]), ha="left",
                    va="center", linespacing=1.15,
                    fontweight="bold" if principle is None else "normal")
            for j, outcome in enumerate(outcomes):
                _draw_cell(ax, cells.get((principle, outcome)), grid_x + j * _CELL_W, top,
                           row_h[i], n_max)
            top += row_h[i]
        _draw_legend(ax, legend, legend_x, _MARGIN, n_max)
        return export_svg(fig, title=title, alt=alt)


def _read(
    frame: pd.DataFrame, include_overall: bool
) -> tuple[dict[tuple[str | None, str], _Cell], list[str | None], list[str]]:
    """Validate the frame; return cells by (principle, outcome), rows and columns."""
    missing = [c for c in _COLUMNS if c not in frame.columns]
    if missing:
        raise InputError("render.plot.missing_columns", function=_FUNCTION, argument="frame",
                         columns=", ".join(repr(c) for c in missing))
    if len(frame) == 0:
        raise InputError("render.plot.empty", function=_FUNCTION, argument="frame")
    n = as_floats(frame["n_studies"].tolist(), "frame['n_studies']", _FUNCTION)
    check_not_negative(n, "frame['n_studies']", _FUNCTION)
    principles = [None if _missing(p) else str(p) for p in frame["principle"]]
    outcomes = [str(o) for o in frame["outcome"]]
    certainty = ["none" if _missing(c) else str(c) for c in frame["certainty"]]
    direction = ["none" if _missing(d) else str(d) for d in frame["direction"]]
    for column, values, allowed in (
        ("certainty", certainty, CERTAINTY_LEVELS),
        ("direction", direction, tuple(DIRECTION_MARKERS)),
    ):
        bad = [i for i, v in enumerate(values) if v not in allowed]
        if bad:
            raise InputError("render.plot.unknown_value", function=_FUNCTION,
                             argument=f"frame[{column!r}]", positions=positions_text(bad),
                             choices=", ".join(repr(a) for a in allowed))
    cells: dict[tuple[str | None, str], _Cell] = {}
    duplicates: list[int] = []
    for i, key in enumerate(zip(principles, outcomes, strict=True)):
        if key in cells:
            duplicates.append(i)
        cells[key] = _Cell(int(n[i]), certainty[i], direction[i])
    if duplicates:
        raise InputError("render.plot.duplicate_cells", function=_FUNCTION, argument="frame",
                         positions=positions_text(duplicates))
    rows: list[str | None] = list(dict.fromkeys(p for p in principles if p is not None))
    if include_overall and None in principles:
        rows.append(None)
    if not rows:  # only overall findings: show them even when not asked
        rows = [None]
    return cells, rows, list(dict.fromkeys(outcomes))


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _radius(n: int, n_max: int) -> float:
    return max(_MIN_R, _MAX_R * math.sqrt(n / n_max)) if n_max > 0 else _MIN_R


def _draw_cell(ax: Axes, cell: _Cell | None, x: float, y: float, h: float, n_max: int) -> None:
    """Draw one cell: a bubble with its count, or an outlined gap with a dash."""
    empty = cell is None or cell.n == 0
    ax.add_patch(Rectangle(
        (x + 1.5, y + 1.5), _CELL_W - 3, h - 3,
        facecolor="white" if empty else ROLE["box"],
        edgecolor=ROLE["grid"] if empty else "none",
        linestyle=(0, (3, 2)), linewidth=0.8,
        gid="ww-gap-empty" if empty else "ww-gap-cell",
    ))
    cx, cy = x + _CELL_W / 2, y + h / 2
    if empty or cell is None:
        ax.text(cx, cy, "–", ha="center", va="center", color=ROLE["muted"])
        return
    marker = DIRECTION_MARKERS[cell.direction]
    r = _radius(cell.n, n_max)
    ax.scatter([cx], [cy], s=[math.pi * r * r * _AREA_FACTOR[marker]], marker=marker,
               color=CERTAINTY_COLOURS[cell.certainty], edgecolors=ROLE["ink"],
               linewidths=0.6, zorder=3, gid=f"ww-gap-bubble ww-certainty-{cell.certainty}")
    ax.text(x + _CELL_W - 4, y + h - 4, str(cell.n), ha="right", va="bottom",
            fontsize=FONT_SIZE - 1.5, color=ROLE["ink"], zorder=4)


def _legend_entries(lang: str, n_max: int) -> list[tuple[str, str, Any]]:
    """Return legend lines as (kind, text, value): titles, colours, shapes, sizes, gap."""
    entries: list[tuple[str, str, Any]] = [("title", message("render.plot.gap.certainty",
                                                             lang), None)]
    entries += [("colour", message(f"render.plot.certainty.{level}", lang), level)
                for level in CERTAINTY_LEVELS]
    entries.append(("title", message("render.plot.gap.direction", lang), None))
    entries += [("shape", message(key, lang), DIRECTION_MARKERS[name])
                for name, key in _DIRECTION_KEYS.items()]
    entries.append(("title", message("render.plot.gap.studies", lang), None))
    sizes = sorted({1, max(1, round(n_max / 2)), max(1, n_max)})
    entries += [("size", str(n), n) for n in sizes]
    entries.append(("gap", message("render.plot.gap.gap", lang), None))
    return entries


def _legend_row(kind: str, value: Any, n_max: int, first: bool) -> float:
    """Return the height of one legend line, in points."""
    if kind == "title":
        return 14.0 if first else 26.0
    if kind == "size":
        return max(15.0, 2 * _radius(int(value), n_max) + 4)
    return 15.0


def _draw_legend(ax: Axes, entries: list[tuple[str, str, Any]], x: float, y: float,
                 n_max: int) -> None:
    """Draw the legend column: certainty colours, direction shapes, sizes and the gap mark."""
    for index, (kind, text, value) in enumerate(entries):
        height = _legend_row(kind, value, n_max, index == 0)
        cy = y + height - 7.5
        if kind == "title":
            ax.text(x, cy, text, ha="left", va="center", fontweight="bold")
        elif kind == "colour":
            ax.scatter([x + _MAX_R], [cy], s=70, marker="o", color=CERTAINTY_COLOURS[value],
                       edgecolors=ROLE["ink"], linewidths=0.6,
                       gid=f"ww-legend-certainty ww-certainty-{value}")
        elif kind == "shape":
            ax.scatter([x + _MAX_R], [cy], s=60 * _AREA_FACTOR[value], marker=value,
                       color=ROLE["rule"], edgecolors=ROLE["ink"], linewidths=0.6,
                       gid="ww-legend-direction")
        elif kind == "size":
            cy = y + height / 2
            r = _radius(int(value), n_max)
            ax.scatter([x + _MAX_R], [cy], s=math.pi * r * r, marker="o", color=ROLE["rule"],
                       edgecolors=ROLE["ink"], linewidths=0.6, gid="ww-legend-size")
        else:
            ax.text(x + _MAX_R, cy, "–", ha="center", va="center", color=ROLE["muted"])
        if kind != "title":
            ax.text(x + 2 * _MAX_R + 8, cy, text, ha="left", va="center")
        y += height


def _alt(
    cells: Mapping[tuple[str | None, str], _Cell],
    principles: list[str | None],
    outcomes: list[str],
    row_labels: list[str],
    col_labels: list[str],
    lang: str,
) -> str:
    shown = [(p, o) for p in principles for o in outcomes]
    filled = [key for key in shown if key in cells and cells[key].n > 0]
    named = [p for p in principles if p is not None]
    text = message(
        "render.plot.gap.alt", lang, principles=len(named), outcomes=len(outcomes),
        filled=len(filled), cells=len(shown), gaps=len(shown) - len(filled),
    )
    in_principles = [key for key in filled if key[0] is not None]
    if in_principles:
        best = max(in_principles, key=lambda key: cells[key].n)
        text += " " + message(
            "render.plot.gap.alt_most", lang,
            principle=row_labels[principles.index(best[0])],
            outcome=col_labels[outcomes.index(best[1])], n=cells[best].n,
        )
    return text
