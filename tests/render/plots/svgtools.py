"""Helpers to read the SVG of a plot in tests: parse it, find classed groups, read texts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from watwerkt.render.plots import SvgFigure

NS = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def parse(figure: SvgFigure) -> ET.Element:
    """Parse the SVG as XML (fails the test when it is not well-formed)."""
    root = ET.fromstring(figure.svg)  # noqa: S314 - our own output; no DOCTYPE (asserted)
    assert root.tag == f"{NS}svg"
    return root


def groups(root: ET.Element, cls: str) -> list[ET.Element]:
    """Return the elements whose class list contains ``cls``."""
    return [el for el in root.iter() if cls in el.get("class", "").split()]


def marks(root: ET.Element, cls: str) -> int:
    """Count the drawn shapes (path/use, not in <defs>) in the groups classed ``cls``."""
    count = 0
    for group in groups(root, cls):
        stack = list(group)
        while stack:
            el = stack.pop()
            if el.tag == f"{NS}defs":
                continue
            if el.tag in (f"{NS}path", f"{NS}use"):
                count += 1
            stack.extend(el)
    return count


def texts(root: ET.Element) -> list[str]:
    """Return the content of every <text> element, unescaped, in document order."""
    return ["".join(el.itertext()) for el in root.iter(f"{NS}text")]


def text_positions(root: ET.Element) -> dict[str, tuple[float, float]]:
    """Return text → (x, y) of its first occurrence (SVG user units, y down)."""
    out: dict[str, tuple[float, float]] = {}
    for el in root.iter(f"{NS}text"):
        out.setdefault("".join(el.itertext()), (float(el.get("x", "0")), float(el.get("y", "0"))))
    return out


def assert_self_contained(figure: SvgFigure) -> None:
    """No prolog, DOCTYPE, comment, script, global style or external reference."""
    svg = figure.svg
    assert svg.startswith("<svg ")
    assert svg.rstrip().endswith("</svg>")
    for forbidden in ("<?xml", "<!DOCTYPE", "<!--", "<script", "<style", "<metadata",
                      "@import", "url(http"):
        assert forbidden not in svg, forbidden
    root = parse(figure)
    assert root.get("role") == "img"
    assert root.get("aria-label") == figure.alt
    assert root.find(f"{NS}title") is not None
    assert "".join(root.find(f"{NS}title").itertext()) == figure.title  # type: ignore[union-attr]
    assert "".join(root.find(f"{NS}desc").itertext()) == figure.alt  # type: ignore[union-attr]
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for el in root.iter():
        for name in ("href", XLINK, "src"):
            ref = el.get(name)
            assert ref is None or ref.startswith("#"), ref
    # every url(#id) / href="#id" points at an id of this figure
    refs = set(re.findall(r'(?:url\(#|href="#)([^")]+)', svg))
    assert refs <= set(ids)


HOSTILE = '<script>alert(1)</script> $\\frac{ & "q" id="ww-x" <!-- c -->'
