"""The ``watwerkt`` command: thin, it parses, calls the library, and prints.

Every command maps :class:`~watwerkt.errors.WatwerktError` to a one-line
message (``file:line: message`` for file problems) and exit status 1;
tracebacks appear only with ``--debug``.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from watwerkt import __version__
from watwerkt.cli_build import build
from watwerkt.cli_library import library
from watwerkt.cli_meta import meta
from watwerkt.cli_reflect import reflect
from watwerkt.cli_support import handle_errors
from watwerkt.messages import message, set_language
from watwerkt.schemas import SCHEMA_KINDS, json_schema
from watwerkt.synthesis.evidence import ReferenceStatus, collect_evidence


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="watwerkt")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default=None,
    envvar="WATWERKT_LANG",
    help="Language of messages and output (default: nl).",
)
def main(debug: bool, lang: str | None) -> None:  # noqa: ARG001 - read by handle_errors
    """Wat werkt bij …: evidence synthesis for dossiers in the Dutch social domain.

    \b
    Examples:
      watwerkt check dossiers/recidive-cgt
      watwerkt schema dossier > dossier.schema.json
    """
    if lang:
        set_language(lang)


@main.command()
@click.argument("dossier", type=click.Path(path_type=Path))
@handle_errors
def check(dossier: Path) -> None:
    """Validate a dossier folder and list every problem as file:line: message.

    Reads dossier.yaml, every BibTeX library and coding sheet it names, and
    checks that each reference is coded or excluded with a reason. Exit
    status 1 if any problem is found.

    \b
    Example:
      watwerkt check dossiers/recidive-cgt
    """
    evidence = collect_evidence(dossier)
    for problem in evidence.problems:
        click.echo(problem.render(), err=False)
    if evidence.problems:
        click.echo(message("check.problems", None, count=len(evidence.problems)), err=True)
        click.get_current_context().exit(1)
    assert evidence.dossier is not None  # no problems means the dossier was read  # noqa: S101
    summary = message(
        "check.summary",
        None,
        principles=len(evidence.dossier.principles),
        outcomes=len(evidence.dossier.outcomes),
        references=len(evidence.references),
        included=evidence.count(ReferenceStatus.INCLUDED),
        excluded=evidence.count(ReferenceStatus.EXCLUDED),
        duplicates=evidence.count(ReferenceStatus.DUPLICATE),
        rows=len(evidence.effects),
    )
    click.echo(message("check.ok", None, path=str(dossier), summary=summary))


@main.command()
@click.argument("kind", required=False)
@click.option("--list", "list_kinds", is_flag=True, help="List the schema kinds.")
@handle_errors
def schema(kind: str | None, list_kinds: bool) -> None:
    """Print the JSON Schema of a file format (draft 2020-12).

    \b
    Kinds: dossier, coding-row, reference, study, effect-estimate, findings.
    Example:
      watwerkt schema dossier > dossier.schema.json
    """
    if list_kinds or kind is None:
        for name, (_model, description) in SCHEMA_KINDS.items():
            click.echo(f"{name:16} {description}")
        return
    if kind not in SCHEMA_KINDS:
        raise click.UsageError(
            message("cli.unknown_schema", None, kind=kind, choices=", ".join(SCHEMA_KINDS))
        )
    click.echo(json.dumps(json_schema(kind), indent=2, ensure_ascii=False))


main.add_command(meta)
main.add_command(library)
main.add_command(build)
main.add_command(reflect)
