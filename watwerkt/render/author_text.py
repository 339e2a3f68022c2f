"""Author texts (Markdown from the dossier folder) as sanitised HTML.

Authors write their summary and other prose in Markdown, inline in
dossier.yaml or in a file next to it. That text is untrusted like everything
else that is read: it is rendered with markdown-it-py (CommonMark plus
tables and strikethrough) with raw HTML *off*, and the result is then
cleaned by nh3 against an allow-list of tags and attributes, with links
limited to ``http``, ``https``, ``mailto`` and in-page anchors. So no
``<script>``, no event handler and no ``javascript:`` URL survives, even if
a future markdown-it option let one through.

Two more rules keep the dossier whole:

- headings are moved under the section's ``<h2>`` (the highest one the
  author used becomes ``<h3>``, and no level is skipped), so an author's
  heading never breaks the document's outline;
- images are not rendered as images (``![alt](url)`` stays a link to the
  image): the dossier makes no network request, and an image URL would.
"""

from __future__ import annotations

from pathlib import Path

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from watwerkt.errors import DossierConfigError, Problem
from watwerkt.model import AuthorText

__all__ = ["ALLOWED_TAGS", "markdown_to_html", "read_author_text"]

#: Tags an author text may produce (what CommonMark and GFM tables give, minus images).
ALLOWED_TAGS: frozenset[str] = frozenset(
    {"p", "br", "hr", "em", "strong", "s", "del", "code", "pre", "blockquote",
     "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
     "table", "thead", "tbody", "tr", "th", "td"}
)  # fmt: skip
_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}
_SCHEMES = {"http", "https", "mailto"}


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable("image")
    return md


_MD = _parser()


def _fit_headings(tokens: list[Token], top_level: int) -> None:
    """Move the text's headings under the section heading, never skipping a level.

    The highest heading the author used becomes ``<h{top_level}>``; each
    heading is then at most one level deeper than the one before it (the
    first at most ``top_level``), so ``## a`` / ``#### b`` becomes h3 / h4.
    """
    opens = [t for t in tokens if t.type == "heading_open"]
    if not opens:
        return
    shift = top_level - min(int(t.tag[1]) for t in opens)
    previous = top_level - 1
    level_of: dict[int, int] = {}
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            level = min(6, int(token.tag[1]) + shift, previous + 1)
            level_of[i] = previous = level
            token.tag = f"h{level}"
        elif token.type == "heading_close":
            opener = max(j for j in level_of if j < i)
            token.tag = f"h{level_of[opener]}"


def markdown_to_html(source: str, top_level: int = 3) -> Markup:
    r"""Render author Markdown as sanitised HTML, its top heading level at ``top_level``.

    Examples
    --------
    >>> str(markdown_to_html("# Kop\n\n<script>alert(1)</script> [x](javascript:alert(1))"))
    '<h3>Kop</h3>\n<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</p>\n'
    """
    tokens = _MD.parse(source)
    _fit_headings(tokens, top_level)
    html = _MD.renderer.render(tokens, _MD.options, {})
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
        strip_comments=True,
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 against the allow-list above


def read_author_text(text: AuthorText, folder: Path) -> str:
    """Return the Markdown source of ``text``: inline, or read from its file (UTF-8).

    Raises DossierConfigError naming the file when it cannot be read or is
    not UTF-8 (the loader already checked that it exists).
    """
    if text.text is not None:
        return text.text
    assert text.file is not None  # noqa: S101 - AuthorText has exactly one source
    path = folder / text.file
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DossierConfigError(
            [Problem(str(path), None, "file.not_utf8", {"position": exc.start})]
        ) from exc
    except OSError as exc:
        raise DossierConfigError(
            [Problem(str(path), None, "file.not_found_named", {"path": text.file})]
        ) from exc
