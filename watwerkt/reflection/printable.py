"""The printable versions of a reflection tool: Markdown, and PDF through WeasyPrint.

The Markdown version lists every question with tick boxes and lines to
write on; all dossier text goes through :func:`~watwerkt.reflection.environment.md_escape`.
The PDF is the HTML form without its scripts and buttons
(:func:`~watwerkt.reflection.form.render_form` with ``printable=True``),
laid out by WeasyPrint with the form's print stylesheet.
"""

from __future__ import annotations

import importlib
from typing import Any

from watwerkt.errors import InputError
from watwerkt.reflection.environment import markdown_environment, translator
from watwerkt.reflection.form import render_form
from watwerkt.reflection.model import ReflectionItem, ReflectionTool

__all__ = ["render_markdown", "render_pdf"]


def render_markdown(tool: ReflectionTool) -> str:
    """Return the printable Markdown version of ``tool``."""
    env = markdown_environment()
    item_template = env.get_template("item.md.j2")

    def render(item: ReflectionItem) -> str:
        return item_template.render(item=item, tool=tool)

    text = env.get_template("questionnaire.md.j2").render(
        tool=tool, t=translator(tool.lang), render=render
    )
    return _tidy(text)


def _tidy(text: str) -> str:
    """Collapse runs of blank lines (template whitespace) to one; end with one newline."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() == "" and lines and lines[-1] == "":
            continue
        lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"


def render_pdf(tool: ReflectionTool) -> bytes:
    """Return ``tool`` as a PDF (needs the ``pdf`` extra: WeasyPrint and Pango)."""
    try:
        weasyprint: Any = importlib.import_module("weasyprint")  # optional: the pdf extra
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise InputError("reflect.cli.pdf_missing") from exc
    document: Any = weasyprint.HTML(string=render_form(tool, printable=True))
    pdf: bytes = document.write_pdf()
    return pdf
