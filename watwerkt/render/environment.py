"""The Jinja2 environments of the dossier templates: HTML and Markdown.

Both load from ``watwerkt/render/templates`` (:class:`jinja2.PackageLoader`,
so they work from an installed wheel), use :class:`jinja2.StrictUndefined`
(a misspelt field is an error, never an empty string) and have
``autoescape=True`` for *every* template, whatever its extension. The
Markdown environment also finalizes every printed value with
:func:`~watwerkt.render.escaping.markdown_finalize`, so untrusted text
cannot open a link, a table cell or raw HTML there either.

Templates translate through one global, ``t(key, **params)``, which renders
catalogue message ``render.<key>`` in the environment's language; ``h(level)``
gives a Markdown heading marker (``###``).
"""

from __future__ import annotations

import functools
from typing import Literal

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from watwerkt.messages import message
from watwerkt.render.escaping import markdown_finalize

__all__ = ["Kind", "environment"]

Kind = Literal["html", "md"]


@functools.lru_cache(maxsize=8)
def environment(kind: Kind, lang: str) -> Environment:
    """Return the (cached) template environment for ``kind`` output in ``lang``."""
    env = Environment(
        loader=PackageLoader("watwerkt.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=markdown_finalize if kind == "md" else None,
    )

    def t(key: str, **params: object) -> str:
        return message(f"render.{key}", lang, **params)

    def h(level: int) -> Markup:
        return Markup("#" * max(1, min(6, int(level))))  # noqa: S704 - only '#' characters

    env.globals["t"] = t
    env.globals["h"] = h
    return env
