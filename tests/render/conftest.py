"""Shared builds for the render tests: the synthetic fixture dossier and the example dossier.

Building a view draws every plot (matplotlib), so each dossier × language is
built once per test session and shared.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from watwerkt.render import (
    DossierView,
    MarkdownOutput,
    render_dossier,
    render_html,
    render_markdown,
)

#: The synthetic fixture dossier (labelled as such in its own files).
FIXTURE = Path(__file__).resolve().parent.parent / "data" / "render-fixture"
#: The shipped example dossiers (real published data).
EXAMPLES = Path(__file__).resolve().parent.parent.parent / "dossiers"


@dataclass(frozen=True)
class Built:
    """One dossier rendered in one language."""

    view: DossierView
    html: str
    markdown: MarkdownOutput


@functools.cache
def built(directory: Path, lang: str) -> Built:
    """Return the view, HTML and Markdown of ``directory`` in ``lang`` (cached)."""
    view = render_dossier(directory, lang)
    return Built(view, render_html(view), render_markdown(view))
