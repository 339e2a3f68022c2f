r"""Render a reflection tool as one offline HTML page (the form), or as a printable page.

The page is self-contained: CSS and JavaScript inline, no font, image or
script from anywhere else, and a Content-Security-Policy that allows only
the page's own script and stylesheet (by their SHA-256 hashes; no inline
``style`` attribute either: the script sets sizes through the CSSOM) and no
connection at all, so
even injected markup could neither run nor phone home. The questionnaire is
embedded as JSON in a ``<script type="application/json">`` element, with
``<``, ``>`` and ``&`` written as ``\u003c`` … so no text can close the element.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from markupsafe import Markup

from watwerkt.messages import CATALOGUE, message
from watwerkt.reflection.environment import html_environment, static_text, translator
from watwerkt.reflection.model import ReflectionTool

__all__ = ["embed_json", "render_form", "ui_texts"]

_JS_PREFIX = "reflect.js."


def embed_json(data: Any) -> Markup:
    r"""Return ``data`` as JSON safe inside an HTML ``<script>`` element.

    >>> str(embed_json({"a": "</script><b>&"}))
    '{"a":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)  # noqa: S704 - JSON of our own serialisation, with < > & escaped


def ui_texts(lang: str) -> dict[str, str]:
    """Return the texts the page's JavaScript shows (keys ``reflect.js.*``), by short name."""
    return {
        key[len(_JS_PREFIX) :]: message(key, lang)
        for key in sorted(CATALOGUE)
        if key.startswith(_JS_PREFIX)
    }


def _csp_hash(text: str) -> str:
    """Return the CSP source ``'sha256-…'`` of an inline script or style element's text."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"sha256-{digest}"


def render_form(tool: ReflectionTool, *, printable: bool = False) -> str:
    """Return the HTML page of ``tool``; ``printable`` leaves out scripts and buttons (for PDF)."""
    js = static_text("form.js")
    css = static_text("form.css")
    template = html_environment().get_template("form.html.j2")
    return template.render(
        tool=tool,
        t=translator(tool.lang),
        printable=printable,
        css=Markup(css),  # noqa: S704 - our own stylesheet
        js=Markup(js),  # noqa: S704 - our own script
        script_hash=_csp_hash(js),
        style_hash=_csp_hash(css),
        tool_json=embed_json(tool.to_dict()),
        ui_json=embed_json(ui_texts(tool.lang)),
    )
