"""The dossier as one self-contained HTML file.

Inline CSS (with a print stylesheet), inline SVG figures, no script, and a
Content-Security-Policy that forbids every external resource: the file
opens offline in any browser and makes no network request.
"""

from __future__ import annotations

from watwerkt.render.environment import environment
from watwerkt.render.view import DossierView

__all__ = ["render_html"]


def render_html(view: DossierView) -> str:
    """Return the dossier as an HTML document (UTF-8 text)."""
    template = environment("html", view.lang).get_template("html/dossier.html.j2")
    return template.render(view=view)
