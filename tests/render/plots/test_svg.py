"""SVG export: the cleaning of matplotlib's document into one accessible inline element."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from matplotlib.figure import Figure

from tests.render.plots.svgtools import HOSTILE, NS, assert_self_contained
from watwerkt.render.plots.style import plot_style
from watwerkt.render.plots.svg import SvgFigure, clean_svg, content_salt, export_svg

MATPLOTLIB_LIKE = """<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt" height="10pt" viewBox="0 0 10 10" \
xmlns="http://www.w3.org/2000/svg" version="1.1">
 <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>
 <defs>
  <style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>
 </defs>
 <!-- a comment -->
 <g id="figure_1">
  <g id="ww-forest-study"><path id="m1" d="M 0 0"/></g>
  <use xlink:href="#m1" x="1" y="1"/>
  <text id="text_1">label id="figure_2" url(#nothing)</text>
 </g>
</svg>
"""


def test_clean_svg_strips_document_parts_and_unused_ids() -> None:
    svg = clean_svg(MATPLOTLIB_LIKE, title="T <&>", alt='A "quoted" <b>')
    for gone in ("<?xml", "<!DOCTYPE", "<!--", "<metadata", "<style", 'id="figure_1"'):
        assert gone not in svg
    root = ET.fromstring(svg)  # noqa: S314 - our own output, DOCTYPE removed
    assert root.get("role") == "img"
    assert root.get("aria-label") == 'A "quoted" <b>'
    assert root.get("stroke-linejoin") == "round"
    assert root.find(f"{NS}title").text == "T <&>"  # type: ignore[union-attr]
    assert root.find(f"{NS}desc").text == 'A "quoted" <b>'  # type: ignore[union-attr]
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    assert ids == {"m1"}  # referenced by <use>: kept
    assert [el.get("class") for el in root.iter() if el.get("class")] == ["ww-forest-study"]
    # text content is never touched, even when it looks like an attribute
    assert 'label id="figure_2" url(#nothing)' in "".join(root.itertext())


def test_export_of_a_figure_is_self_contained_and_deterministic() -> None:
    def draw() -> SvgFigure:
        with plot_style(content_salt("test", 1)):
            fig = Figure(figsize=(2, 2))
            ax = fig.add_subplot()
            ax.plot([0, 1], [0, 1], marker="o")
            ax.set_title(HOSTILE)
            return export_svg(fig, title=HOSTILE, alt=HOSTILE)

    one, two = draw(), draw()
    assert one == two
    assert_self_contained(one)
    assert one.to_dict() == {"svg": one.svg, "alt": HOSTILE, "title": HOSTILE}
    assert one.summary() == f"{HOSTILE}: {HOSTILE}"
