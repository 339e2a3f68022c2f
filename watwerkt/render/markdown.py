"""The dossier as Markdown (for wikis and CMSs), with its figures as separate SVG files.

The text is one Markdown file with the same structure as the HTML; tables
are pipe tables, and every figure is a file ``figures/<name>.svg`` next to
it, referenced relatively. Untrusted text is escaped for Markdown by the
template environment (see :mod:`watwerkt.render.escaping`); author texts are
included as the same sanitised HTML as in the HTML output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from watwerkt.render.environment import environment
from watwerkt.render.view import DossierView

__all__ = ["FIGURE_DIR", "MarkdownOutput", "render_markdown"]

#: Folder of the figure files, relative to the Markdown file.
FIGURE_DIR = "figures"
_EXTRA_BLANKS = re.compile(r"\n{3,}")
_TRAILING = re.compile(r"[ \t]+\n")


@dataclass(frozen=True, slots=True)
class MarkdownOutput:
    """The Markdown text and its figures (``figures/<name>.svg`` → SVG text)."""

    text: str
    figures: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """Return the text and the figure file names."""
        return {"text": self.text, "figures": sorted(self.figures)}

    def summary(self) -> str:
        """Return the size of the text and the number of figure files."""
        return f"{len(self.text)} characters, {len(self.figures)} figure files"


def render_markdown(view: DossierView) -> MarkdownOutput:
    """Return the dossier as Markdown plus its figure files."""
    template = environment("md", view.lang).get_template("md/dossier.md.j2")
    text = template.render(view=view)
    text = _TRAILING.sub("\n", text)
    text = _EXTRA_BLANKS.sub("\n\n", text).strip() + "\n"
    figures = {f"{FIGURE_DIR}/{fig.name}.svg": str(fig.svg) for fig in view.figures()}
    return MarkdownOutput(text=text, figures=figures)
