"""The score report of a profile: HTML (self-contained, with the chart inline) and Markdown.

Both show the same things: the problems of the answers file first (a
partial report says so), the coverage chart, the overview per principle with
missing answers marked, the gaps in order with the dossier's explanation and
suggestions and the professional's own needs, principles not answered, the
open answers, the QuickScan with its indicated level, and every answer that
could not be used (unknown items, invalid values), unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from watwerkt.errors import Problem
from watwerkt.messages import message
from watwerkt.reflection.chart import coverage_chart, percent
from watwerkt.reflection.environment import (
    html_environment,
    markdown_environment,
    static_text,
    translator,
)
from watwerkt.reflection.model import PrincipleScore, Profile, ReflectionTool, ToolPrinciple

__all__ = ["render_report_html", "render_report_markdown"]


def _context(
    tool: ReflectionTool, profile: Profile, problems: Sequence[Problem], answers_path: str
) -> dict[str, Any]:
    lang = tool.lang
    by_id = {p.id: p for p in profile.principles}
    tool_principles = {p.id: p for p in tool.principles}

    def certainty(p: PrincipleScore) -> str:
        return message(f"reflect.certainty.{p.certainty.value if p.certainty else 'none'}", lang)

    def principle(principle_id: str) -> ToolPrinciple:
        return tool_principles[principle_id]

    def show(value: Any) -> str:
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

    return {
        "tool": tool,
        "profile": profile,
        "t": translator(lang),
        "problems": [p.render(lang) for p in problems],
        "answers_path": answers_path,
        "gaps": [by_id[i] for i in profile.gaps],
        "unanswered": [by_id[i] for i in profile.unanswered],
        "practice": [p for p in profile.principles if p.practice],
        "percent": percent,
        "certainty": certainty,
        "principle": principle,
        "show": show,
    }


def render_report_html(
    tool: ReflectionTool, profile: Profile, problems: Sequence[Problem] = (), answers_path: str = ""
) -> str:
    """Return the report as one self-contained HTML page."""
    context = _context(tool, profile, problems, answers_path)
    context["css"] = Markup(static_text("form.css"))  # noqa: S704 - our own stylesheet
    context["chart"] = Markup(coverage_chart(tool, profile))  # noqa: S704 - escaped when rendered
    return html_environment().get_template("report.html.j2").render(**context)


def render_report_markdown(
    tool: ReflectionTool,
    profile: Profile,
    problems: Sequence[Problem] = (),
    answers_path: str = "",
    chart_file: str = "profile.svg",
) -> str:
    """Return the report as Markdown; the chart is the SVG file ``chart_file`` next to it."""
    context = _context(tool, profile, problems, answers_path)
    context["chart_file"] = chart_file
    text = markdown_environment().get_template("report.md.j2").render(**context)
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() == "" and lines and lines[-1] == "":
            continue
        lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"
