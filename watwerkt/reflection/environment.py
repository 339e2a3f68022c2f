"""Jinja2 environments of the reflection templates: HTML autoescaped, Markdown escaped by filter.

Every string from dossier.yaml or an answers file is untrusted. HTML and SVG
templates are rendered with autoescape on (always, whatever the file name);
Markdown templates pass untrusted text through :func:`md_escape`
(:func:`watwerkt.render.escaping.markdown_escape`, the escaping the dossier
documents use), so an answer cannot smuggle HTML or Markdown links into a
document that a Markdown viewer later turns into HTML.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import jinja2

from watwerkt.messages import message
from watwerkt.render.escaping import markdown_escape

__all__ = ["html_environment", "markdown_environment", "md_escape", "static_text", "translator"]


def md_escape(text: object) -> str:
    r"""Return ``text`` safe as one line of Markdown (the dossier's own escaping, for any value).

    >>> md_escape("<img src=x onerror=alert(1)> *bold* [link](http://x)")
    '\\<img src=x onerror=alert(1)\\> \\*bold\\* \\[link\\](http://x)'
    >>> md_escape("# kop"), md_escape(3)
    ('\\# kop', '3')
    """
    return markdown_escape(str(text))


def translator(lang: str) -> Any:
    """Return ``t(key, **params)``: the catalogue message in ``lang``."""

    def t(key: str, **params: object) -> str:
        return message(key, lang, **params)

    return t


def static_text(name: str) -> str:
    """Return the text of ``templates/<name>`` (CSS and JavaScript shipped with the package)."""
    return (resources.files("watwerkt.reflection") / "templates" / name).read_text(encoding="utf-8")


def _loader() -> jinja2.BaseLoader:
    return jinja2.PackageLoader("watwerkt.reflection", "templates")


@functools.cache
def html_environment() -> jinja2.Environment:
    """Return the environment for HTML and SVG templates (autoescape always on)."""
    return jinja2.Environment(
        loader=_loader(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@functools.cache
def markdown_environment() -> jinja2.Environment:
    """Return the environment for Markdown templates (escape untrusted text with ``|md``)."""
    # Markdown output: untrusted text goes through |md (md_escape), not HTML autoescape.
    env = jinja2.Environment(
        loader=_loader(),
        autoescape=False,  # noqa: S701
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    return env
