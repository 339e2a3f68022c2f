"""Markdown escaping: untrusted text renders literally and stays in its table cell."""

from __future__ import annotations

from markdown_it import MarkdownIt

from watwerkt.render.escaping import markdown_escape

HOSTILE = [
    "A | B",
    "*bold* _em_ `code` ~~s~~",
    "[klik](javascript:alert(1))",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "![x](http://example.org/x.png)",
    "&lt;script&gt; &amp;",
    "$x^2$ en {{ 7*7 }}",
    "# kop",
    "- lijst",
    "1. lijst",
    "regel\nnog een regel | en een cel",
    "\\| al ontsnapt",
]


def _tokens(text: str) -> list[str]:
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    out: list[str] = []
    for token in md.parse(text):
        out.append(token.type)
        out.extend(child.type for child in token.children or [])
    return out


def test_escaped_text_is_one_plain_table_cell() -> None:
    for text in HOSTILE:
        row = f"| a | b |\n|---|---|\n| {markdown_escape(text)} | x |\n"
        tokens = _tokens(row)
        assert tokens.count("td_open") == 2, text  # the value did not split its cell
        for kind in ("link_open", "image", "html_inline", "html_block", "em_open",
                     "strong_open", "code_inline", "s_open"):  # fmt: skip
            assert kind not in tokens, (text, kind)


def test_escaped_text_renders_literally() -> None:
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    for text in HOSTILE:
        if "\n" in text:
            continue
        html = md.render(markdown_escape(text)).strip()
        assert html.startswith("<p>"), text  # never a heading, list or block
        assert "<a " not in html
        assert "<img" not in html
        assert "<script" not in html
