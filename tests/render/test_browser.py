"""The built example dossiers in a real browser (Debian's Chromium via Playwright).

Opened from file:// as a reader would: no console error, no page error, no
network request, every figure visible with a size, and at a phone viewport
(390 × 844) the page does not scroll sideways.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.render.conftest import EXAMPLES, built


@pytest.mark.parametrize("name", ["recidive-cgt", "leren-door-schrijven"])
def test_example_dossier_renders_offline(browser_page: Any, tmp_path: Path, name: str) -> None:
    b = built(EXAMPLES / name, "nl")
    path = tmp_path / "index.html"
    path.write_text(b.html, encoding="utf-8")
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    figures = page.locator("svg[role=img]")
    assert figures.count() == len(b.view.figures()) > 0
    for i in range(figures.count()):
        figure = figures.nth(i)
        figure.scroll_into_view_if_needed()
        assert figure.is_visible()
        box = figure.bounding_box()
        assert box is not None, i
        assert box["width"] > 50, i
        assert box["height"] > 50, i
    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert overflow[0] <= overflow[1], f"page scrolls sideways on a phone: {overflow}"
    page.goto(path.as_uri() + "#references")  # an in-page anchor resolves
    assert page.evaluate("() => window.scrollY") > 0
    assert page.console_errors == []
    assert page.page_errors == []
    assert page.network_requests == []
