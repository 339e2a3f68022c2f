"""The ``watwerkt build`` command: the dossier as HTML, Markdown, PDF and JSON.

Reads the dossier (as ``watwerkt check`` does; any problem stops the build
with exit status 1), synthesises every principle × outcome
(:func:`watwerkt.synthesis.findings.synthesize`), checks the authors' claims
against all studies, and renders what ``--format`` asks for:

- ``html``: ``OUT/index.html``, one self-contained file (inline CSS and SVG,
  no script, no network request);
- ``md``: ``OUT/dossier.md`` with its figures as ``OUT/figures/*.svg``;
- ``pdf``: ``OUT/dossier.pdf`` from the HTML's print stylesheet (WeasyPrint,
  the ``pdf`` extra);
- ``json``: ``OUT/findings.json`` = ``{"findings": [...]}`` and
  ``OUT/claims.json`` = ``{"claims": [...]}``.

Everything is rendered in memory first and only then written, each file to a
temporary file in its folder and moved into place with :func:`os.replace`
(:mod:`watwerkt.render.output_files`): a build that fails leaves the outputs
of the previous build intact. Claims whose cited studies differ from the full
evidence are printed as warnings on stderr; progress goes to stderr when it
is a terminal.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from watwerkt.cli_support import handle_errors
from watwerkt.messages import get_language, message
from watwerkt.render.output_files import write_bytes_atomic, write_outputs
from watwerkt.render.pdf import PdfUnavailableError, pdf_available
from watwerkt.synthesis.citation_check import check_claims
from watwerkt.synthesis.evidence import collect_evidence
from watwerkt.synthesis.findings import synthesize

__all__ = ["FORMATS", "build", "parse_formats", "write_json_atomic"]

#: Output formats, in the order they are produced.
FORMATS = ("json", "html", "md", "pdf")
#: File names of the outputs in the output folder.
HTML_FILE = "index.html"
MARKDOWN_FILE = "dossier.md"
PDF_FILE = "dossier.pdf"


def _json_bytes(data: Any) -> bytes:
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    return text.encode("utf-8")


def write_json_atomic(path: Path, data: Any) -> None:
    """Write ``data`` as JSON to ``path`` atomically (temp file in the same folder, then replace).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_json_atomic(folder / "x.json", {"a": 1})
    >>> (folder / "x.json").read_text(encoding="utf-8")
    '{\\n  "a": 1\\n}\\n'
    """
    write_bytes_atomic(path, _json_bytes(data))


def parse_formats(value: str) -> tuple[str, ...]:
    """Return the formats of a comma list, in production order (``"md, html"`` → html, md).

    Raises click.BadParameter for an unknown or empty format.

    Examples
    --------
    >>> parse_formats("md,HTML, json")
    ('json', 'html', 'md')
    """
    asked = [part.strip().lower() for part in value.split(",")]
    for fmt in asked:
        if fmt not in FORMATS:
            raise click.BadParameter(
                message("render.build.unknown_format", None, fmt=fmt, choices=", ".join(FORMATS))
            )
    return tuple(f for f in FORMATS if f in asked)


class _Progress:
    """Numbered steps on stderr, only when stderr is a terminal (quiet in pipes and CI)."""

    def __init__(self, total: int, enabled: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.enabled = sys.stderr.isatty() if enabled is None else enabled

    def step(self, what: str) -> None:
        self.done += 1
        if self.enabled:
            text = message(f"render.build.steps.{what}", None)
            line = message("render.build.step", None, step=self.done, total=self.total, what=text)
            click.echo(line, err=True)


def _default_out(dossier: Path) -> Path:
    folder = dossier.parent if dossier.name == "dossier.yaml" else dossier
    return Path("build") / (folder.resolve().name or "dossier")


@click.command()
@click.argument("dossier", type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder to write the outputs to (created if needed). Default: "
    "build/<name of the dossier folder>, relative to the current directory.",
)
@click.option(
    "--format",
    "fmt",
    default="html,md,json",
    show_default=True,
    help="Comma-separated outputs: html (index.html, self-contained, opens offline), "
    "md (dossier.md + figures/*.svg), pdf (dossier.pdf; needs the 'pdf' extra), "
    "json (findings.json and claims.json).",
)
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default=None,
    help="Language of the dossier (default: the language of messages, nl).",
)
@click.option(
    "--no-sensitivity",
    is_flag=True,
    help="Skip leave-one-out and the low-risk-of-bias analysis (faster drafts).",
)
@click.option(
    "--no-small-study",
    is_flag=True,
    help="Skip Egger's test and trim-and-fill (one fit per cell; slow on large dossiers).",
)
@handle_errors
def build(
    dossier: Path,
    fmt: str,
    out: Path | None,
    lang: str | None,
    no_sensitivity: bool,
    no_small_study: bool,
) -> None:
    """Build a dossier: findings per principle x outcome, rendered as HTML, Markdown, PDF, JSON.

    Writes OUT/index.html (one self-contained file: open it in any browser,
    also offline), OUT/dossier.md with OUT/figures/*.svg, OUT/dossier.pdf
    (with --format pdf), and OUT/findings.json and OUT/claims.json (pooled
    estimates, heterogeneity, moderator contrasts, sensitivity, GRADE
    certainty with reasons, conclusions, recognition levels; each claim of
    dossier.yaml against all studies). A claim whose cited studies differ
    from the full evidence gives a warning. Files are replaced atomically; a
    failed build leaves the previous outputs as they were.

    \b
    Examples:
      watwerkt build dossiers/recidive-cgt
      watwerkt build dossiers/recidive-cgt --format html,pdf --lang en --out site/
      watwerkt build dossiers/recidive-cgt --format json --out build/
    """
    formats = parse_formats(fmt)
    doc_lang = lang or get_language()
    if "pdf" in formats and not pdf_available():
        raise PdfUnavailableError("render.pdf_unavailable", detail="No module named 'weasyprint'")
    out = out if out is not None else _default_out(dossier)
    rendered = [f for f in formats if f != "json"]
    progress = _Progress(4 + (1 + len(rendered) if rendered else 0))

    progress.step("read")
    evidence = collect_evidence(dossier)
    if evidence.problems or evidence.dossier is None:
        for problem in evidence.problems:
            click.echo(problem.render(), err=True)
        click.echo(message("check.problems", None, count=len(evidence.problems)), err=True)
        click.get_current_context().exit(1)
    assert evidence.dossier is not None  # noqa: S101 - narrowed for mypy; exit() above
    progress.step("synthesis")
    synthesis = synthesize(
        evidence, sensitivity=not no_sensitivity, small_study=not no_small_study, lang=doc_lang
    )
    progress.step("claims")
    checks = check_claims(synthesis, evidence.dossier)

    files: dict[str, bytes] = {}
    if "json" in formats:
        files["findings.json"] = _json_bytes(synthesis.to_dict())
        files["claims.json"] = _json_bytes({"claims": [c.to_dict() for c in checks]})
    if rendered:
        from watwerkt.render import build_view, render_html, render_markdown, render_pdf

        progress.step("view")
        view = build_view(evidence, synthesis, checks, doc_lang)
        html = render_html(view) if {"html", "pdf"} & set(formats) else ""
        if "html" in formats:
            progress.step("html")
            files[HTML_FILE] = html.encode("utf-8")
        if "md" in formats:
            progress.step("md")
            markdown = render_markdown(view)
            files[MARKDOWN_FILE] = markdown.text.encode("utf-8")
            files.update({name: svg.encode("utf-8") for name, svg in markdown.figures.items()})
        if "pdf" in formats:
            progress.step("pdf")
            files[PDF_FILE] = render_pdf(html)
    progress.step("write")
    write_outputs(out, files)

    for check in checks:
        if check.differs:
            click.echo(message("build.claim_warning", None, detail=check.render()), err=True)
    if "json" in formats:
        click.echo(
            message(
                "build.written",
                None,
                count=len(synthesis.findings),
                path=str(out / "findings.json"),
            )
        )
        differ = sum(c.differs for c in checks)
        click.echo(
            message(
                "build.claims_written",
                None,
                count=len(checks),
                differ=differ,
                path=str(out / "claims.json"),
            )
        )
    for name, kind in ((MARKDOWN_FILE, "md"), (PDF_FILE, "pdf")):
        if kind in formats:
            click.echo(message("render.build.written_file", None, path=str(out / name)))
    if "html" in formats:
        click.echo(message("render.build.open", None, path=str(out / HTML_FILE)))
