"""Escaping untrusted text for Markdown output.

HTML output is escaped by Jinja2's autoescape. Markdown has no such switch:
a title like ``A | B`` splits a table cell, ``*x*`` becomes italics,
``[x](javascript:alert(1))`` a link and ``<script>`` raw HTML. The Markdown
environment therefore *finalizes* every value it prints with
:func:`markdown_finalize`: any string that is not already :class:`Markup`
(text we built ourselves and escaped piece by piece) is passed through
:func:`markdown_escape`, which backslash-escapes every character CommonMark
and its common extensions (tables, strikethrough, math) give a meaning,
and turns line breaks into spaces so that a value never leaves its table
cell or paragraph. CommonMark allows a backslash before any ASCII
punctuation, so an escaped character always renders as itself.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

__all__ = ["markdown_escape", "markdown_finalize"]

#: Characters with a meaning inline: emphasis, code, links and images, raw HTML,
#: entities, tables, strikethrough, math, and backslash itself.
_INLINE = re.compile(r"([\\`*_\[\]<>|!&~$#{}])")
#: What makes a value that starts a line a block: list markers, setext underline,
#: ordered-list number, block quote (``>`` is escaped anyway) and headings.
_LEADING = re.compile(r"^(\s*)([-+=])(?=\s|$|[-+=])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


def markdown_escape(text: str) -> str:
    r"""Return ``text`` such that Markdown renders it literally, on one line.

    Examples
    --------
    >>> markdown_escape("A | B *c* [x](javascript:alert(1)) <script>")
    'A \\| B \\*c\\* \\[x\\](javascript:alert(1)) \\<script\\>'
    >>> markdown_escape("- item\nnext"), markdown_escape("0.1"), markdown_escape("1. eerste")
    ('\\- item next', '0.1', '1\\. eerste')
    """
    text = _BREAKS.sub(" ", text)
    text = _INLINE.sub(r"\\\1", text)
    text = _LEADING.sub(r"\1\\\2", text)
    return _ORDERED.sub(r"\1\\\2", text)


def markdown_finalize(value: Any) -> Any:
    """Escape every printed value of a Markdown template that is not already Markup.

    ``None`` is left for Jinja2 (which prints ``None``; the view model never
    passes it), numbers are printed as they are.
    """
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return Markup(markdown_escape(value))  # noqa: S704 - escaped just now
    return value
