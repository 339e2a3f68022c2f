"""Hostile text in every input (BibTeX, dossier.yaml, author Markdown) is shown, never run.

A copy of the synthetic fixture gets a script, an image with an event
handler, javascript: links, a Jinja2 expression and TeX math in its
reference titles and abstracts, principle and outcome names, dossier title,
claim and author text. The HTML must contain no script, no event handler and
no javascript: URL, and show the text literally; the Markdown must not turn
it into HTML or links (checked by rendering it as a wiki would, with raw HTML
allowed); and in a real browser no dialog opens and nothing logs an error.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from tests.render.conftest import FIXTURE
from tests.render.html_checks import parse, problems
from watwerkt.render import MarkdownOutput, render_dossier, render_html, render_markdown

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
LINK = "[klik](javascript:alert(2))"
TEMPLATE = "{{ 7*7 }}"
HOSTILE = f"{SCRIPT} {IMG} {LINK} {TEMPLATE} $e^x$ | *ster* &amp;"


def _hostile_copy(tmp: Path) -> Path:
    folder = tmp / "kwaadaardig"
    shutil.copytree(FIXTURE, folder)
    yaml_path = folder / "dossier.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    quoted = HOSTILE.replace("'", "''")
    text = text.replace(
        'title: "Wat werkt bij eenzaamheid? (synthetisch testdossier)"',
        f"title: '</title>{quoted}'",
    )
    text = text.replace("name: Groepsactiviteiten", f"name: 'Groeps {quoted}'")
    text = text.replace("name: Welbevinden", f"name: 'Welbevinden {quoted}'")
    text = text.replace(
        "statement: Groepsactiviteiten verminderen eenzaamheid.", f"statement: '{quoted}'"
    )
    text = text.replace(
        "reason: Review zonder eigen gegevens (synthetisch).", f"reason: '{quoted}'"
    )
    yaml_path.write_text(text, encoding="utf-8")
    (folder / "samenvatting.md").write_text(
        f'# Kop\n\n{HOSTILE}\n\n<a href="javascript:alert(3)" onclick="alert(4)">raw</a>\n\n'
        '<iframe src="https://example.org"></iframe> [ok](#summary)\n',
        encoding="utf-8",
    )
    bib = folder / "references.bib"
    bib_text = bib.read_text(encoding="utf-8")
    hostile_bib = HOSTILE.replace("{", "\\{").replace("}", "\\}").replace("&", "\\&")
    bib_text = bib_text.replace(
        "title = {Groepsactiviteiten tegen eenzaamheid: een verzonnen studie},",
        f"title = {{{hostile_bib}}},\n  abstract = {{{hostile_bib}}},",
    )
    bib.write_text(bib_text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, MarkdownOutput]:
    view = render_dossier(_hostile_copy(tmp_path_factory.mktemp("sec")), "nl")
    return render_html(view), render_markdown(view)


def test_html_has_nothing_executable_and_shows_the_text(
    hostile: tuple[str, MarkdownOutput],
) -> None:
    html, _ = hostile
    assert problems(html) == []  # incl. no script, no on* attribute, no javascript: URL
    tags = {el.tag for el in parse(html)}
    assert not tags & {"script", "iframe", "img", "object", "embed"}
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html  # printed, never evaluated as a template
    assert "&lt;/title&gt;" in html  # the title cannot close <title>
    assert ">49<" not in html


def test_markdown_renders_no_html_or_links_from_untrusted_text(
    hostile: tuple[str, MarkdownOutput],
) -> None:
    _, out = hostile
    # a wiki that allows raw HTML in Markdown: the worst case
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(out.text)
    elements = parse(html)
    assert not {el.tag for el in elements} & {"script", "iframe", "object", "embed"}
    images = [el.attrs.get("src", "") for el in elements if el.tag == "img"]
    assert images
    assert all(re.fullmatch(r"figures/[a-z0-9-]+\.svg", src) for src in images)
    for el in elements:
        assert not any(name.startswith("on") for name in el.attrs), (el.tag, el.attrs)
        assert not el.attrs.get("href", "").lower().startswith("javascript:")
    # every link is one of ours: in-page anchors and figure files
    hrefs = {el.attrs["href"] for el in elements if el.tag == "a" and "href" in el.attrs}
    assert all(h.startswith("#") for h in hrefs), hrefs
    # the whole hostile name stays in one table cell, shown literally: a '|' in it would
    # have split the cell (and GFM silently drops the cells past the header's count)
    plain = MarkdownIt("commonmark").enable("table").render(out.text)
    cells = [
        "".join(el.text)
        for el in parse(plain)
        if el.tag in ("td", "th") and "".join(el.text).startswith("Groeps")
    ]
    assert cells
    assert all(cell.startswith(f"Groeps {HOSTILE}") for cell in cells), cells


def test_nothing_runs_in_a_browser(
    browser_page: Any, tmp_path: Path, hostile: tuple[str, Any]
) -> None:
    html, _ = hostile
    path = tmp_path / "index.html"
    path.write_text(html, encoding="utf-8")
    dialogs: list[str] = []
    browser_page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    browser_page.goto(path.as_uri())
    browser_page.wait_for_load_state("load")
    for link in browser_page.locator("main a").all()[:20]:
        link.click()  # in-page links only; none may run code
    assert dialogs == []
    assert browser_page.console_errors == []
    assert browser_page.page_errors == []
    assert browser_page.network_requests == []
