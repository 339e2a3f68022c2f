"""The ``watwerkt build`` command: findings of a dossier as data.

Reads the dossier (as ``watwerkt check`` does; any problem stops the build
with exit status 1), synthesises every principle × outcome
(:func:`watwerkt.synthesis.findings.synthesize`), checks the authors' claims
against all studies and writes ``OUT/findings.json`` = ``{"findings": [...]}``
and ``OUT/claims.json`` = ``{"claims": [...]}``. Each file is written to a
temporary file in ``OUT`` and moved into place with :func:`os.replace`, so a
failed build never leaves a half-written file. Claims whose cited studies
differ from the full evidence are printed as warnings on stderr.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import click

from watwerkt.cli_support import handle_errors
from watwerkt.messages import message
from watwerkt.synthesis.citation_check import check_claims
from watwerkt.synthesis.evidence import collect_evidence
from watwerkt.synthesis.findings import synthesize

__all__ = ["build", "write_json_atomic"]


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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, ensure_ascii=False, allow_nan=False)
            fh.write("\n")
        umask = os.umask(0)
        os.umask(umask)
        Path(tmp).chmod(0o666 & ~umask)  # mkstemp makes 0600; give the usual permissions
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@click.command()
@click.argument("dossier", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json"]),
    default="json",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to write findings.json and claims.json to (created if needed).",
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
def build(dossier: Path, fmt: str, out: Path, no_sensitivity: bool, no_small_study: bool) -> None:
    """Synthesise a dossier: one finding per principle x outcome, as JSON.

    Writes OUT/findings.json ({"findings": [...]}: pooled estimate, CI, PI,
    heterogeneity, moderator contrast, sensitivity, GRADE certainty with
    reasons, conclusion in Dutch and English, recognition level) and
    OUT/claims.json (each claim of dossier.yaml against all studies). A claim
    whose cited studies differ from the full evidence gives a warning.

    \b
    Example:
      watwerkt build dossiers/recidive-cgt --format json --out build/
    """
    del fmt  # json is the only format so far
    evidence = collect_evidence(dossier)
    if evidence.problems or evidence.dossier is None:
        for problem in evidence.problems:
            click.echo(problem.render(), err=True)
        click.echo(message("check.problems", None, count=len(evidence.problems)), err=True)
        click.get_current_context().exit(1)
    assert evidence.dossier is not None  # noqa: S101 - narrowed for mypy; exit() above
    synthesis = synthesize(evidence, sensitivity=not no_sensitivity, small_study=not no_small_study)
    checks = check_claims(synthesis, evidence.dossier)
    findings_path = out / "findings.json"
    claims_path = out / "claims.json"
    write_json_atomic(findings_path, synthesis.to_dict())
    write_json_atomic(claims_path, {"claims": [c.to_dict() for c in checks]})
    for check in checks:
        if check.differs:
            click.echo(message("build.claim_warning", None, detail=check.render()), err=True)
    click.echo(
        message("build.written", None, count=len(synthesis.findings), path=str(findings_path))
    )
    differ = sum(c.differs for c in checks)
    click.echo(
        message(
            "build.claims_written", None, count=len(checks), differ=differ, path=str(claims_path)
        )
    )
