"""The coverage chart of a profile: a horizontal bar chart as inline SVG, from a template.

Pure SVG (no matplotlib, no fonts embedded, no script): every text is
autoescaped by Jinja2, so a principle name cannot break out of the SVG.
Bars are coloured by the certainty of evidence with the Okabe–Ito palette,
which stays distinguishable with the common kinds of colour blindness, and
each bar also carries its value and certainty as text, so no reader has to
rely on colour.
"""

from __future__ import annotations

from typing import Final

from watwerkt.messages import message
from watwerkt.reflection.environment import html_environment
from watwerkt.reflection.model import Profile, ReflectionTool

__all__ = ["CERTAINTY_COLOURS", "coverage_chart", "percent"]

#: Okabe & Ito (2008) colours per certainty level (``none``: not graded).
CERTAINTY_COLOURS: Final[dict[str, str]] = {
    "high": "#009E73",
    "moderate": "#0072B2",
    "low": "#E69F00",
    "very_low": "#D55E00",
    "none": "#999999",
}
_DARK = frozenset({"#009E73", "#0072B2", "#D55E00"})
_MAX_LABEL = 34


def percent(value: float | None) -> str:
    """Return ``value`` as a whole percentage, half up (as JavaScript's Math.round); '–' for None.

    >>> percent(66.66666666666667), percent(12.5), percent(None)
    ('67%', '13%', '–')
    """
    if value is None:
        return "–"
    return f"{int(value + 0.5)}%"


def _short(name: str) -> str:
    return name if len(name) <= _MAX_LABEL else name[: _MAX_LABEL - 1].rstrip() + "…"


def coverage_chart(tool: ReflectionTool, profile: Profile) -> str:
    """Return the SVG bar chart of coverage per principle (in dossier order)."""
    lang = tool.lang
    left, plot_width, bar_height, gap, top = 270, 360, 20, 10, 30
    rows = []
    for i, p in enumerate(profile.principles):
        certainty = p.certainty.value if p.certainty else "none"
        colour = CERTAINTY_COLOURS[certainty]
        width = round(plot_width * (p.coverage or 0.0) / 100, 1)
        status = (
            message(f"reflect.report.status.{p.status}", lang)
            if p.coverage is None
            else percent(p.coverage)
        )
        label = message(
            "reflect.report.bar_label",
            lang,
            coverage=status,
            certainty=message(f"reflect.certainty.{certainty}", lang),
        )
        rows.append(
            {
                "name": p.name,
                "short": _short(p.name),
                "y": top + i * (bar_height + gap),
                "width": width,
                "colour": colour,
                "dark": colour in _DARK,
                "inside": width > plot_width * 0.55,
                "label": label,
            }
        )
    bottom = top + len(rows) * (bar_height + gap) - gap + 4
    ticks = [{"x": left + plot_width * v / 100, "label": f"{v}%"} for v in (0, 25, 50, 75, 100)]
    largely_x = left + plot_width * tool.scoring.gap_below / tool.scoring.scale_values[-1]
    template = html_environment().get_template("chart.svg.j2")
    return template.render(
        width=left + plot_width + 160,
        height=bottom + 24,
        top=top,
        bottom=bottom,
        left=left,
        label_right=left - 8,
        plot_width=plot_width,
        bar_height=bar_height,
        rows=rows,
        ticks=ticks,
        largely={"x": round(largely_x, 1), "label": message("reflect.report.largely", lang)},
        title=message("reflect.report.chart", lang),
        desc=message("reflect.report.chart_desc", lang),
    ).strip()
