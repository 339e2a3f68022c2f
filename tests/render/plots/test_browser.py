"""All four plots inline in one HTML page, opened in headless Chromium.

Checks what only a browser shows: every figure is laid out with a real size, the
inline SVGs break nothing on the page (no console or page errors, no request), their
ids do not collide, and hostile labels stay text (no script runs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.render.plots.svgtools import HOSTILE
from watwerkt.render.plots import (
    ForestRow,
    ForestSummary,
    SvgFigure,
    forest_plot,
    funnel_plot,
    gap_map_plot,
    prisma_flow,
)
from watwerkt.synthesis.gap_map import COLUMNS
from watwerkt.synthesis.prisma import PrismaCounts


def _figures() -> list[SvgFigure]:
    """Synthetic inputs with a hostile label in each plot."""
    import pandas as pd

    rows = [ForestRow(HOSTILE, 0.2, 0.0, 0.4, weight=60.0),
            ForestRow("b", 0.4, 0.1, 0.7, weight=40.0)]
    frame = pd.DataFrame(
        {"principle": [HOSTILE, "p2"], "outcome": ["o", "o"], "n_studies": [2, 0], "k": [2, 0],
         "n_participants": [50, 0], "certainty": ["low", None],
         "direction": ["favours_intervention", "none"]},
        columns=list(COLUMNS),
    )
    counts = PrismaCounts(((HOSTILE, 5),), 1, 4, 1, ((HOSTILE, 1),), 3, 1, (("x", 1),), 2, 2,
                          2, 2, 0)
    return [
        forest_plot(rows, ForestSummary("", 0.3, 0.1, 0.5, -0.1, 0.7), effect_label="g"),
        forest_plot(rows[::-1], None, effect_label=HOSTILE),
        funnel_plot([0.2, 0.4, 0.1], [0.01, 0.04, 0.09], estimate=0.25, filled_yi=[0.5],
                    filled_vi=[0.09], effect_label="g"),
        gap_map_plot(frame),
        prisma_flow(counts),
    ]


def test_plots_render_in_chromium(browser_page: Any, tmp_path: Path) -> None:
    figures = _figures()
    body = "".join(f'<figure id="f{i}">{fig.svg}</figure>' for i, fig in enumerate(figures))
    page_file = tmp_path / "plots.html"
    page_file.write_text(
        "<!doctype html><html lang=nl><head><meta charset=utf-8><title>t</title></head>"
        f"<body>{body}</body></html>",
        encoding="utf-8",
    )
    dialogs: list[str] = []  # alert(1) would open one, if a label ever became markup
    browser_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    browser_page.goto(page_file.as_uri())
    assert browser_page.console_errors == []
    assert browser_page.page_errors == []
    assert browser_page.network_requests == []
    for i, fig in enumerate(figures):
        svg = browser_page.locator(f"#f{i} > svg")
        assert svg.get_attribute("aria-label") == fig.alt
        box = svg.bounding_box()
        assert box is not None
        assert box["width"] > 100
        assert box["height"] > 100
    ids = browser_page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))
    # the hostile "<script>" is text in the figures, never an element
    assert browser_page.evaluate("document.querySelectorAll('svg script').length") == 0
    assert dialogs == []
    texts = browser_page.evaluate(
        "[...document.querySelectorAll('svg text')].map(e => e.textContent).join(' ')"
    )
    assert "<script>alert(1)</script>" in texts
