"""The ``watwerkt reflect`` commands: generate a reflection tool, score an answers file.

Thin: each command calls :mod:`watwerkt.reflection` and prints one line per
file written. A problem in the answers file gives a *partial* report (what
could be read is scored, the problems are listed in it and printed on
stderr) and exit status 1; an answers file that is not JSON gives only the
message.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
from pydantic import ValidationError

from watwerkt.cli_support import handle_errors
from watwerkt.errors import InputError
from watwerkt.messages import get_language, message
from watwerkt.model.principle import ID_PATTERN
from watwerkt.reflection.answers import check_answers, load_json
from watwerkt.reflection.generate import tool_from_directory
from watwerkt.reflection.model import ReflectionTool
from watwerkt.reflection.output import REPORT_FORMATS, TOOL_FORMATS, write_report, write_tool
from watwerkt.reflection.scoring import score

__all__ = ["reflect"]

#: Where tools go by default: reflection_tools/<dossier id>/.
DEFAULT_ROOT = Path("reflection_tools")


def _formats(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


@click.group()
def reflect() -> None:
    """Reflection tools: hold one practice against the principles of a dossier.

    \b
    Examples:
      watwerkt reflect generate dossiers/recidive-cgt
      watwerkt reflect score antwoorden-recidive-cgt-0.1.json --out rapport/
    """


@reflect.command()
@click.argument("dossier", type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder to write the tool to (default: reflection_tools/<dossier id>/).",
)
@click.option(
    "--lang",
    "tool_lang",
    type=click.Choice(["nl", "en"]),
    default=None,
    help="Language of the tool (default: the language of messages, nl).",
)
@click.option(
    "--format",
    "fmt",
    default="html,md,json",
    show_default=True,
    help=f"Comma-separated, from: {', '.join(TOOL_FORMATS)} (pdf needs the pdf extra).",
)
@handle_errors
def generate(dossier: Path, out: Path | None, tool_lang: str | None, fmt: str) -> None:
    """Generate the reflection tool of a dossier.

    Writes index.html (an offline form that keeps answers in the browser and
    exports/imports them as a JSON file), questionnaire.md (printable),
    questionnaire.json with questionnaire.schema.json and answers.schema.json,
    and questionnaire.pdf with --format pdf. The output is deterministic, so
    committed tools can be checked for staleness.

    \b
    Example:
      watwerkt reflect generate dossiers/recidive-cgt --out reflection_tools/recidive-cgt
    """
    tool = tool_from_directory(dossier, tool_lang or get_language())
    folder = out if out is not None else DEFAULT_ROOT / tool.id
    write_tool(tool, folder, _formats(fmt))
    click.echo(
        message("reflect.cli.written", None, id=tool.id, version=tool.version, path=str(folder))
    )


def _load_tool(path: Path) -> ReflectionTool:
    file = path / "questionnaire.json" if path.is_dir() else path
    try:
        return ReflectionTool.model_validate_json(file.read_bytes())
    except OSError as exc:
        raise InputError("reflect.cli.bad_tool_file", path=str(file), detail=exc.strerror) from exc
    except ValidationError as exc:
        detail = exc.errors(include_url=False)[0]["msg"]
        raise InputError("reflect.cli.bad_tool_file", path=str(file), detail=detail) from exc


def _find_tool(
    answers: object, tool: Path | None, dossier: Path | None, lang: str
) -> ReflectionTool:
    """Return the tool from --tool, from --dossier, or from reflection_tools/<tool id>/."""
    if tool is not None:
        return _load_tool(tool)
    if dossier is not None:
        return tool_from_directory(dossier, lang)
    ref = answers.get("tool") if isinstance(answers, dict) else None
    tool_id = ref.get("id") if isinstance(ref, dict) else None
    if not isinstance(tool_id, str) or not re.fullmatch(ID_PATTERN, tool_id):
        tool_id = "?"  # never build a path from an untrusted, path-like id
    candidate = DEFAULT_ROOT / tool_id / "questionnaire.json"
    if tool_id != "?" and candidate.is_file():
        return _load_tool(candidate)
    raise InputError("reflect.cli.tool_not_found", id=tool_id, tried=str(candidate))


@reflect.command(name="score")
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--dossier",
    type=click.Path(path_type=Path),
    default=None,
    help="Dossier folder to generate the tool from (as `reflect generate` does).",
)
@click.option(
    "--tool",
    type=click.Path(path_type=Path),
    default=None,
    help="questionnaire.json (or its folder) of the tool the answers belong to.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path(),
    show_default=True,
    help="Folder to write the report to.",
)
@click.option(
    "--format",
    "fmt",
    default="html,md,json",
    show_default=True,
    help=f"Comma-separated, from: {', '.join(REPORT_FORMATS)}.",
)
@handle_errors
def score_command(
    answers: Path, dossier: Path | None, tool: Path | None, out: Path, fmt: str
) -> None:
    """Score an answers file: coverage per principle, gaps, QuickScan level.

    The tool is read from --tool, generated from --dossier, or else taken
    from reflection_tools/<tool id>/questionnaire.json. Writes report.html,
    report.md (+ profile.svg) and profile.json. Problems in the answers file
    (another tool or version, a changed questionnaire, missing, unknown or
    invalid answers) are printed and marked in a partial report; nothing in
    the file is dropped. Exit status 1 when there were problems.

    \b
    Example:
      watwerkt reflect score antwoorden.json --dossier dossiers/recidive-cgt --out rapport/
    """
    data = load_json(answers)
    lang = get_language()
    if isinstance(data, dict) and isinstance(data.get("tool"), dict):
        lang = data["tool"].get("lang") if data["tool"].get("lang") in ("nl", "en") else lang
    reflection_tool = _find_tool(data, tool, dossier, lang)
    reading = check_answers(data, reflection_tool, str(answers))
    profile = score(
        reflection_tool,
        reading.answers,
        answers_tool=reading.tool,
        unknown=reading.unknown,
        invalid=reading.invalid,
    )
    paths = write_report(
        reflection_tool, profile, reading.problems, out, _formats(fmt), str(answers)
    )
    for problem in reading.problems:
        click.echo(problem.render(), err=True)
    click.echo(message("reflect.cli.report_written", None, paths=", ".join(str(p) for p in paths)))
    if reading.problems:
        click.echo(message("reflect.cli.partial", None, count=len(reading.problems)), err=True)
        click.get_current_context().exit(1)
