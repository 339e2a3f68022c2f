"""The HTML dossier is well-formed for readers and assistive technology, and self-contained.

Checked on the synthetic fixture (both languages) and on both example
dossiers: every in-page link resolves, ids are unique, one h1 and no skipped
heading level, every figure has a text alternative, every table has header
cells, no script, no event handler, no external resource.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.render.conftest import EXAMPLES, FIXTURE, built
from tests.render.html_checks import parse, problems

DOSSIERS = [
    pytest.param(FIXTURE, "nl", id="fixture-nl"),
    pytest.param(FIXTURE, "en", id="fixture-en"),
    pytest.param(EXAMPLES / "recidive-cgt", "nl", id="recidive-cgt"),
    pytest.param(EXAMPLES / "leren-door-schrijven", "en", id="leren-door-schrijven-en"),
]


@pytest.mark.parametrize(("directory", "lang"), DOSSIERS)
def test_structure(directory: Path, lang: str) -> None:
    html = built(directory, lang).html
    assert problems(html) == []
    elements = parse(html)
    assert next(el for el in elements if el.tag == "html").attrs["lang"] == lang
    # a skip link as the first link, to the main content
    first_link = next(el for el in elements if el.tag == "a")
    main = next(el for el in elements if el.tag == "main")
    assert first_link.attrs["href"] == "#" + main.attrs["id"]
    # every figure of the view is inline, with its alt text
    view = built(directory, lang).view
    svgs = [el for el in elements if el.tag == "svg" and el.attrs.get("role") == "img"]
    assert len(svgs) == len(view.figures()) > 0
    assert {el.attrs["aria-label"] for el in svgs} == {f.alt for f in view.figures()}


def test_the_checker_finds_what_it_looks_for() -> None:
    bad = (
        '<html><body><h1>a</h1><h3 id="x">b</h3><h3 id="x">c</h3><a href="#nope">n</a>'
        '<table><tr><td>1</td></tr></table><svg role="img"></svg><img src="x.png">'
        '<img alt="t" src="https://example.org/t.png"><script>1</script>'
        '<p onclick="f()">p</p><a href="javascript:f()">j</a></body></html>'
    )
    found = "\n".join(problems(bad))
    for expected in (
        "duplicate id 'x'",
        "broken in-page link '#nope'",
        "heading level skips from h1 to h3",
        "table without th",
        "svg[role=img] without aria-label",
        "img without alt",
        "external or script URL in src of <img>",
        "script element",
        "event handler attribute onclick",
        "javascript: URL in <a>",
        "html element without lang",
    ):
        assert expected in found, expected
