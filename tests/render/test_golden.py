"""Golden files: the synthetic fixture dossier rendered as HTML and Markdown, nl and en.

The expected files in tests/render/golden/ were produced by our own renderer
and then read line by line by a person before they were committed (that is
what makes them a reference, not a copy). They are regenerated only on
purpose::

    WATWERKT_UPDATE_GOLDEN=1 python3 -m pytest tests/render/test_golden.py

after which ``git diff tests/render/golden`` must be read again.

Two things are normalised so that the files test *our* templates and view:
inline SVG figures are elided (their content belongs to the plots, tested in
tests/render/plots/, and depends on the matplotlib version), so is the
stylesheet (styling, checked by looking at screenshots and by the browser
tests), and the watwerkt version in the generator line is replaced by
``VERSION``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.render.conftest import FIXTURE, built
from watwerkt import __version__

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("WATWERKT_UPDATE_GOLDEN") == "1"
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)


def normalise(text: str) -> str:
    text = _SVG.sub('<svg data-golden="figure elided"></svg>', text)
    text = _STYLE.sub("<style>/* stylesheet elided */</style>", text)
    return text.replace(f"watwerkt {__version__}", "watwerkt VERSION")


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs; see the module docstring to regenerate"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_html_matches_golden(lang: str) -> None:
    _compare(f"fixture.{lang}.html", normalise(built(FIXTURE, lang).html))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_markdown_matches_golden(lang: str) -> None:
    out = built(FIXTURE, lang).markdown
    _compare(f"fixture.{lang}.md", normalise(out.text))
    # every figure the text references is a file of the output, and vice versa
    referenced = set(re.findall(r"\]\((figures/[a-z0-9-]+\.svg)\)", out.text))
    assert referenced == set(out.figures)
    assert referenced  # the fixture has forest plots, a gap map and a PRISMA flow
