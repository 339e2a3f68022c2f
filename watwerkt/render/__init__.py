"""Render a dossier: HTML, Markdown and PDF with plots, tables and references.

The pipeline is one direction: :func:`build_view` turns the evidence, its
synthesis and the claim checks into a :class:`~watwerkt.render.view.DossierView`
(plain, formatted data in one language), which :func:`render_html`,
:func:`render_markdown` and :func:`render_pdf` print through Jinja2 templates
(``watwerkt/render/templates``). :func:`render_dossier` does all of it for a
dossier folder. Plots are :mod:`watwerkt.render.plots`.
"""

from __future__ import annotations

from pathlib import Path

from watwerkt.render.build_view import build_view
from watwerkt.render.html import render_html
from watwerkt.render.markdown import MarkdownOutput, render_markdown
from watwerkt.render.pdf import PdfUnavailableError, pdf_available, render_pdf
from watwerkt.render.view import DossierView

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
    from watwerkt.synthesis.citation_check import check_claims
    from watwerkt.synthesis.evidence import collect_evidence
    from watwerkt.synthesis.findings import synthesize

    evidence = collect_evidence(directory)
    if evidence.problems or evidence.dossier is None:
        raise DossierConfigError(evidence.problems)
    synthesis = synthesize(evidence, lang=lang)
    return build_view(evidence, synthesis, check_claims(synthesis, evidence.dossier), lang)
