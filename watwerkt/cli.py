"""The ``watwerkt`` command: thin, it parses, calls the library, and prints.

Every command maps :class:`~watwerkt.errors.WatwerktError` to a one-line
message (``file:line: message`` for file problems) and exit status 1;
tracebacks appear only with ``--debug``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from watwerkt import __version__
from watwerkt.errors import WatwerktError
from watwerkt.messages import message, set_language
from watwerkt.schemas import SCHEMA_KINDS, json_schema
from watwerkt.synthesis.evidence import ReferenceStatus, collect_evidence

F = TypeVar("F", bound=Callable[..., Any])


def _handle_errors(func: F) -> F:
    """Turn WatwerktError into a one-line message and exit 1 (traceback with --debug)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        debug = bool(ctx.find_root().params.get("debug"))
        try:
            return func(*args, **kwargs)
        except WatwerktError as exc:
            if debug:
                raise
            click.echo(message("cli.error", None, detail=exc.render()), err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException):
            raise
        except Exception as exc:  # an unexpected failure: one line, traceback only with --debug
            if debug:
                raise
            detail = f"{type(exc).__name__}: {exc}".splitlines()[0]
            click.echo(message("cli.error", None, detail=detail), err=True)
            click.echo(message("cli.debug_hint"), err=True)
            ctx.exit(2)

    return wrapper  # type: ignore[return-value]


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
def main(debug: bool, lang: str | None) -> None:  # noqa: ARG001 - read by _handle_errors
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
@_handle_errors
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
        rows=len(evidence.effects),
    )
    click.echo(message("check.ok", None, path=str(dossier), summary=summary))


@main.command()
@click.argument("kind", required=False)
@click.option("--list", "list_kinds", is_flag=True, help="List the schema kinds.")
@_handle_errors
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
