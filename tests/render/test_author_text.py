"""Author texts: Markdown rendered, then sanitised: nothing that could run survives."""

from __future__ import annotations

from html.parser import HTMLParser

from watwerkt.render.author_text import ALLOWED_TAGS, markdown_to_html


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


MALICIOUS = """# Kop

<script>alert('x')</script>

<img src="x" onerror="alert(1)">

<a href="javascript:alert(1)">raw link</a> [md link](javascript:alert(2))
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
<iframe src="https://example.org"></iframe>

![plaatje](https://example.org/tracker.png)

[goed](https://example.org/a) en [anker](#samenvatting) en {{ 7*7 }} en $x$
"""


def test_nothing_executable_survives() -> None:
    html = str(markdown_to_html(MALICIOUS))
    for tag, attrs in _tags(html):
        assert tag in ALLOWED_TAGS, tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        href = (attrs.get("href") or "").lower()
        assert href.startswith(("https:", "http:", "mailto:", "#")) or not href, href
    assert "&lt;script&gt;" in html  # shown as text, not dropped
    assert '<a href="https://example.org/a" rel="noopener noreferrer">goed</a>' in html
    assert '<a href="#samenvatting" rel="noopener noreferrer">anker</a>' in html
    assert "{{ 7*7 }}" in html
    assert "$x$" in html


def test_headings_fit_below_the_section_heading_without_skipping() -> None:
    html = str(markdown_to_html("# Een\n\n## Twee\n\n###### Zes\n\n# Weer een"))
    assert "<h3>Een</h3>" in html
    assert "<h4>Twee</h4>" in html
    assert "<h5>Zes</h5>" in html
    assert "<h3>Weer een</h3>" in html
    assert "<h3>Drie</h3>" in str(markdown_to_html("### Drie"))  # the top level is h3
    assert "<h1" not in html
    assert "<h2" not in html


def test_images_stay_links_so_nothing_is_fetched() -> None:
    html = str(markdown_to_html("![alt](https://example.org/p.png)"))
    assert "<img" not in html
    assert 'href="https://example.org/p.png"' in html
