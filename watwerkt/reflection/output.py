"""Write a reflection tool or a score report to a folder, atomically and reproducibly.

Files are written with :func:`watwerkt.render.output_files.write_outputs`:
everything is rendered first, then written to temporary files and moved into
place, so a failing run replaces nothing and never leaves half a file. Tool files hold
no date and no random value: regenerating a committed tool gives the same
bytes (a test checks the committed example tools this way).

Files of a tool: ``index.html`` (the form), ``questionnaire.md`` (printable),
``questionnaire.json`` (the definition), ``questionnaire.schema.json`` and
``answers.schema.json`` (JSON Schemas), and ``questionnaire.pdf`` on request.
Files of a report: ``report.html``, ``report.md`` with ``profile.svg``, and
``profile.json`` (the profile and the problems), as requested.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from watwerkt.errors import InputError, Problem
from watwerkt.reflection.chart import coverage_chart
from watwerkt.reflection.form import render_form
from watwerkt.reflection.model import Profile, ReflectionTool
from watwerkt.reflection.printable import render_markdown, render_pdf
from watwerkt.reflection.report import render_report_html, render_report_markdown
from watwerkt.reflection.schema import answers_schema, tool_schema
from watwerkt.render.output_files import write_outputs

__all__ = [
    "REPORT_FORMATS",
    "TOOL_FORMATS",
    "json_text",
    "write_report",
    "write_tool",
]

#: Formats of ``watwerkt reflect generate --format`` (html, md and json are the default).
TOOL_FORMATS = ("html", "md", "json", "pdf")
#: Formats of ``watwerkt reflect score --format``.
REPORT_FORMATS = ("html", "md", "json")


def json_text(data: Any) -> str:
    """Return ``data`` as stable, readable JSON (sorted keys, 2 spaces, final newline)."""
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True, allow_nan=False) + "\n"


def _check_formats(formats: Iterable[str], allowed: Sequence[str]) -> list[str]:
    chosen = []
    for fmt in formats:
        if fmt not in allowed:
            raise InputError("reflect.cli.bad_format", got=fmt, choices=", ".join(allowed))
        if fmt not in chosen:
            chosen.append(fmt)
    return chosen


def write_tool(
    tool: ReflectionTool, out: Path, formats: Iterable[str] = ("html", "md", "json")
) -> list[Path]:
    """Write the files of ``tool`` in ``formats`` to folder ``out``; return their paths."""
    files: dict[str, bytes] = {}
    for fmt in _check_formats(formats, TOOL_FORMATS):
        if fmt == "html":
            files["index.html"] = render_form(tool).encode("utf-8")
        elif fmt == "md":
            files["questionnaire.md"] = render_markdown(tool).encode("utf-8")
        elif fmt == "json":
            files["questionnaire.json"] = json_text(tool.to_dict()).encode("utf-8")
            files["questionnaire.schema.json"] = json_text(tool_schema()).encode("utf-8")
            files["answers.schema.json"] = json_text(answers_schema()).encode("utf-8")
        else:
            files["questionnaire.pdf"] = render_pdf(tool)
    return write_outputs(out, files)  # everything rendered before anything is written


def write_report(
    tool: ReflectionTool,
    profile: Profile,
    problems: Sequence[Problem],
    out: Path,
    formats: Iterable[str] = ("html", "md", "json"),
    answers_path: str = "",
) -> list[Path]:
    """Write the report of ``profile`` in ``formats`` to folder ``out``; return the paths."""
    files: dict[str, bytes] = {}
    for fmt in _check_formats(formats, REPORT_FORMATS):
        if fmt == "html":
            html = render_report_html(tool, profile, problems, answers_path)
            files["report.html"] = html.encode("utf-8")
        elif fmt == "md":
            md = render_report_markdown(tool, profile, problems, answers_path, "profile.svg")
            files["report.md"] = md.encode("utf-8")
            files["profile.svg"] = coverage_chart(tool, profile).encode("utf-8")
        else:
            data = {
                "profile": profile.to_dict(),
                "problems": [
                    {"file": p.path, "field": p.field, "key": p.key, "message": p.render(tool.lang)}
                    for p in problems
                ],
            }
            files["profile.json"] = json_text(data).encode("utf-8")
    return write_outputs(out, files)
