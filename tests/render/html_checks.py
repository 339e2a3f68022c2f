"""Structural checks of a rendered HTML dossier, shared by several tests.

Parsed with the standard library's html.parser; each check returns the list
of problems found (empty when the document is fine), so a failing test shows
all of them at once.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"meta", "br", "hr", "img", "input", "link", "source", "wbr", "area", "base", "col"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]
        self.all: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(el)
        self.all.append(el)
        if tag not in _VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(el)
        self.all.append(el)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        for el in self.stack:
            el.text.append(data)


def parse(html: str) -> list[Element]:
    """Return every element of ``html`` in document order."""
    tree = _Tree()
    tree.feed(html)
    return tree.all


def _descendants(el: Element) -> list[Element]:
    out: list[Element] = []
    for child in el.children:
        out.append(child)
        out.extend(_descendants(child))
    return out


def problems(html: str) -> list[str]:
    """Return every structural problem of an HTML dossier (empty list: none)."""
    found: list[str] = []
    elements = parse(html)
    ids = Counter(el.attrs["id"] for el in elements if "id" in el.attrs)
    found += [f"duplicate id {i!r} ({n}x)" for i, n in ids.items() if n > 1]
    for el in elements:
        href = el.attrs.get("href", "")
        if el.tag == "a" and href.startswith("#") and href[1:] not in ids:
            found.append(f"broken in-page link {href!r}")
    headings = [int(el.tag[1]) for el in elements if el.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}]
    if headings.count(1) != 1:
        found.append(f"{headings.count(1)} h1 elements, expected 1")
    for before, after in itertools.pairwise(headings):
        if after > before + 1:
            found.append(f"heading level skips from h{before} to h{after}")
    for el in elements:
        if el.tag == "img" and not el.attrs.get("alt"):
            found.append("img without alt")
        if el.tag == "svg" and el.attrs.get("role") == "img" and not el.attrs.get("aria-label"):
            found.append("svg[role=img] without aria-label")
        if el.tag == "table":
            inner = _descendants(el)
            if not any(d.tag == "th" for d in inner):
                found.append("table without th")
            # author tables (Markdown) have header cells without scope, but in a thead
            has_thead = any(a.tag == "thead" for a in inner)
            for d in inner:
                if d.tag == "th" and d.attrs.get("scope") not in {"col", "row"} and not has_thead:
                    found.append("th without scope outside a thead")
        if el.tag == "script":
            found.append("script element")
        for name, value in el.attrs.items():
            if name.startswith("on"):
                found.append(f"event handler attribute {name} on <{el.tag}>")
            if (
                name in {"href", "src", "xlink:href", "action"}
                and value.strip()
                .lower()
                .startswith(("javascript:", "http:", "https:", "//", "data:text"))
                and el.tag != "a"
            ):
                found.append(f"external or script URL in {name} of <{el.tag}>: {value[:60]}")
            if name in {"href", "xlink:href"} and value.strip().lower().startswith("javascript:"):
                found.append(f"javascript: URL in <{el.tag}>")
    html_el = next((el for el in elements if el.tag == "html"), None)
    if html_el is None or html_el.attrs.get("lang") not in {"nl", "en"}:
        found.append("html element without lang nl/en")
    return found
