"""The dossier as PDF, from its HTML and print stylesheet, with WeasyPrint.

WeasyPrint is an optional dependency (``pip install 'watwerkt[pdf]'``; it
needs the Pango library, Debian's ``libpango-1.0-0``). Without it,
:func:`render_pdf` raises a :class:`PdfUnavailableError` that names the
extra to install. The HTML makes no network request, and WeasyPrint is
given a URL fetcher that refuses every URL, so rendering cannot fetch
anything either.
"""

from __future__ import annotations

import importlib.util
from typing import Any, NoReturn

from watwerkt.errors import WatwerktError

__all__ = ["PdfUnavailableError", "pdf_available", "render_pdf"]


class PdfUnavailableError(WatwerktError):
    """WeasyPrint (the ``pdf`` extra) is not installed or cannot load its libraries."""


def pdf_available() -> bool:
    """Return True when WeasyPrint can be imported (without importing it)."""
    return importlib.util.find_spec("weasyprint") is not None


def _no_fetch(url: str, *_args: Any, **_kwargs: Any) -> NoReturn:
    raise ValueError(f"watwerkt fetches nothing while rendering a PDF: {url}")


def render_pdf(html: str) -> bytes:
    """Return the PDF of an HTML dossier (print stylesheet, A4)."""
    try:
        import weasyprint  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise PdfUnavailableError("render.pdf_unavailable", detail=str(exc)) from exc
    document = weasyprint.HTML(string=html, url_fetcher=_no_fetch)
    pdf = document.write_pdf()
    assert isinstance(pdf, bytes)  # noqa: S101 - write_pdf() without target returns bytes
    return pdf
