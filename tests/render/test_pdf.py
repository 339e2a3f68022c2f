"""PDF output through WeasyPrint (the optional 'pdf' extra; installed by the dev extra)."""

from __future__ import annotations

import pytest

from tests.conftest import in_ci
from tests.render.conftest import FIXTURE, built
from watwerkt.render import pdf_available, render_pdf


@pytest.fixture(scope="module")
def pdf() -> bytes:
    if not pdf_available():  # pragma: no cover - depends on the machine
        if in_ci():
            pytest.fail("weasyprint is missing; the dev extra installs it")
        pytest.skip("weasyprint is not installed")
    return render_pdf(built(FIXTURE, "nl").html)


def test_pdf_has_several_pages(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    import weasyprint

    # the page objects sit in compressed streams; count the pages of the same layout
    document = weasyprint.HTML(string=built(FIXTURE, "nl").html).render()
    assert len(document.pages) > 1  # the print stylesheet starts each chapter on a new page


def test_pdf_text_is_extractable(pdf: bytes) -> None:
    pypdf = pytest.importorskip("pypdf")  # optional; not a dependency of ours
    import io

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Groepsactiviteiten" in text
    assert "Samenvatting" in text
