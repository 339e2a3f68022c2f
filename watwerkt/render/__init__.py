"""Render a dossier: HTML, Markdown and PDF with plots, tables and references.

The pipeline is one direction: :func:`build_view` turns the evidence, its
synthesis and the claim checks into a :class:`~watwerkt.render.view.DossierView`
(plain, formatted data in one language), which :func:`render_html`,
:func:`render_markdown` and :func:`render_pdf` print through Jinja2 templates
(``watwerkt/render/templates``). :func:`render_dossier` does all of it for a
dossier folder. Plots are :mod:`watwerkt.render.plots`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported on first use (PEP 562): matplotlib and Jinja2 load slowly,
    # and ``watwerkt check``/``build --format json`` import render's small modules only
    from watwerkt.render.html import render_html
    from watwerkt.render.markdown import MarkdownOutput, render_markdown
    from watwerkt.render.pdf import PdfUnavailableError, pdf_available, render_pdf
    from watwerkt.render.view import DossierView
    from watwerkt.render.view_builder import build_view

_LAZY = {
    "build_view": "watwerkt.render.view_builder",
    "render_html": "watwerkt.render.html",
    "MarkdownOutput": "watwerkt.render.markdown",
    "render_markdown": "watwerkt.render.markdown",
    "PdfUnavailableError": "watwerkt.render.pdf",
    "pdf_available": "watwerkt.render.pdf",
    "render_pdf": "watwerkt.render.pdf",
    "DossierView": "watwerkt.render.view",
}


def __getattr__(name: str) -> Any:
    """Import the public names on first use (module-level ``__getattr__``, PEP 562)."""
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "DossierView",
    "MarkdownOutput",
    "PdfUnavailableError",
    "build_view",
    "pdf_available",
    "render_dossier",
    "render_html",
    "render_markdown",
    "render_pdf",
]


def render_dossier(directory: Path, lang: str = "nl") -> DossierView:
    """Read, synthesise and check a dossier folder and return its view in ``lang``.

    Raises DossierConfigError listing every problem when the dossier does
    not pass ``watwerkt check``.
    """
    from watwerkt.errors import DossierConfigError
    from watwerkt.render.view_builder import build_view
    from watwerkt.synthesis.citation_check import check_claims
    from watwerkt.synthesis.evidence import collect_evidence
    from watwerkt.synthesis.findings import synthesize

    evidence = collect_evidence(directory)
    if evidence.problems or evidence.dossier is None:
        raise DossierConfigError(evidence.problems)
    synthesis = synthesize(evidence, lang=lang)
    return build_view(evidence, synthesis, check_claims(synthesis, evidence.dossier), lang)
