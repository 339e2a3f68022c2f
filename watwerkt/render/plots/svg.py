"""SVG export: one self-contained, accessible ``<svg>`` element per figure.

matplotlib's SVG is a standalone document; inlined in HTML it needs cleaning:

- no XML prolog, DOCTYPE, comments or RDF metadata (the DOCTYPE and metadata
  carry ``http://`` addresses, and the creator line changes with versions);
- no global ``<style>`` (its ``*{...}`` rule would restyle the whole HTML page):
  the two stroke defaults it sets become presentation attributes on the root,
  which SVG inherits the same way;
- no ``id`` that nothing references (``figure_1``, ``axes_1`` … would repeat
  in every figure of a page); the ids that *are* referenced (clip paths,
  markers) are hashed with a salt derived from the figure's content, so two
  different figures never share one;
- ``gid`` values starting with ``ww-`` become classes (tests and CSS hooks);
- ``role="img"``, an ``aria-label`` and escaped ``<title>``/``<desc>``.

Output is deterministic: same input, same bytes (fixed salt, no date).
"""

from __future__ import annotations

import hashlib
import html
import io
import re
from dataclasses import dataclass

from matplotlib.figure import Figure

__all__ = ["SvgFigure", "clean_svg", "content_salt", "export_svg"]

_PROLOG = re.compile(r"<\?xml[^>]*\?>\s*")
_DOCTYPE = re.compile(r"<!DOCTYPE[^>]*>\s*")
_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_GLOBAL_STYLE = re.compile(r"<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>\s*")
_ID = re.compile(r' id="([^"]*)"')
_REFERENCE = re.compile(r'(?:url\(#|href="#)([^")]+)')
_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class SvgFigure:
    """One plot as an inline SVG element with its accessible texts.

    Attributes
    ----------
    svg : str
        One ``<svg …>…</svg>`` element (no prolog, DOCTYPE or comments), safe
        to inline in HTML: every label is escaped text, nothing is fetched.
    alt : str
        Plain-text description for screen readers: what the figure shows and
        its key numbers, in the requested language.
    title : str
        Short caption, in the requested language.
    """

    svg: str
    alt: str
    title: str

    def to_dict(self) -> dict[str, str]:
        """Return the figure as a JSON-ready dictionary."""
        return {"svg": self.svg, "alt": self.alt, "title": self.title}

    def summary(self) -> str:
        """Return the title and the description in one line."""
        return f"{self.title}: {self.alt}"


def content_salt(kind: str, *parts: object) -> str:
    """Return a salt for the SVG ids, derived from the plot kind and its inputs.

    Examples
    --------
    >>> content_salt("forest", 1.0) == content_salt("forest", 1.0)
    True
    >>> content_salt("forest", 1.0) == content_salt("funnel", 1.0)
    False
    """
    digest = hashlib.sha256(repr((kind, *parts)).encode("utf-8")).hexdigest()
    return f"ww-{kind}-{digest[:16]}"


def export_svg(fig: Figure, *, title: str, alt: str) -> SvgFigure:
    """Save ``fig`` as cleaned, accessible SVG (call inside :func:`plot_style`).

    The figure is closed to nothing (it was never registered with pyplot);
    the caller drops its reference afterwards.
    """
    buffer = io.StringIO()
    fig.savefig(
        buffer,
        format="svg",
        metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
    )
    return SvgFigure(svg=clean_svg(buffer.getvalue(), title=title, alt=alt), alt=alt, title=title)


def clean_svg(text: str, *, title: str, alt: str) -> str:
    """Return matplotlib's SVG document as one accessible inline element."""
    text = _PROLOG.sub("", text)
    text = _DOCTYPE.sub("", text)
    text = _COMMENT.sub("", text)
    text = _METADATA.sub("", text)
    text = _GLOBAL_STYLE.sub("", text, count=1)
    # Only look inside tags: text content (labels) may contain anything.
    referenced = {ref for tag in _TAG.findall(text) for ref in _REFERENCE.findall(tag)}

    def _keep_or_drop(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("ww-"):
            return f' class="{name}"'
        return match.group(0) if name in referenced else ""

    text = _TAG.sub(lambda tag: _ID.sub(_keep_or_drop, tag.group(0)), text)
    escaped_title = html.escape(title, quote=True)
    escaped_alt = html.escape(alt, quote=True)

    def _root(match: re.Match[str]) -> str:
        return (
            f'<svg{match.group(1)} role="img" aria-label="{escaped_alt}" '
            'stroke-linejoin="round" stroke-linecap="butt">'
            f"<title>{escaped_title}</title><desc>{escaped_alt}</desc>"
        )

    text = _SVG_OPEN.sub(_root, text, count=1)
    return text.strip() + "\n"
