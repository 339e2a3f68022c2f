"""The ``watwerkt library`` commands: list, find duplicates in, and export reference libraries.

Each command reads BibTeX (``.bib``) and RIS (``.ris``) files with
:func:`watwerkt.library.read_library`, writes its result to stdout and every
problem to stderr as ``file:line: message``. Exit status: 0 when every entry
was imported, 1 when some were skipped (all of them are listed), 2 when
nothing could be read.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import click

from watwerkt.cli_support import handle_errors
from watwerkt.errors import Problem
from watwerkt.library import (
    LibraryReading,
    RecordId,
    find_duplicates,
    read_library,
    to_bibtex,
    to_csl_json,
)
from watwerkt.messages import message
from watwerkt.model import Person, Reference

#: Libraries larger than this (in bytes, all files together) get a progress bar.
PROGRESS_BYTES = 1_000_000

_FILES = click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))


@click.group()
def library() -> None:
    """Read, check, de-duplicate and export reference libraries (BibTeX, RIS).

    Problems go to stderr as file:line: message. Exit status: 0 when every
    entry was imported, 1 when some were skipped, 2 when nothing could be read.

    \b
    Examples:
      watwerkt library list references/*.bib --format json
      watwerkt library duplicates zotero.bib endnote.ris
      watwerkt library export references.bib --to csl-json > refs.json
    """


def _read(files: Sequence[Path]) -> list[LibraryReading]:
    """Read every file, with a progress bar on stderr for large libraries."""
    sizes = [f.stat().st_size if f.is_file() else 0 for f in files]
    if sum(sizes) < PROGRESS_BYTES:
        return [read_library(f) for f in files]
    readings = []
    with click.progressbar(
        length=sum(sizes), file=sys.stderr, label=message("library.reading")
    ) as bar:
        for file, size in zip(files, sizes, strict=True):
            done = [0]

            def step(n: int, done: list[int] = done, size: int = size) -> None:
                n = min(n, size - done[0])
                done[0] += n
                bar.update(n)

            readings.append(read_library(file, progress=step))
            bar.update(size - done[0])
    return readings


def _report(readings: Sequence[LibraryReading]) -> int:
    """Print every problem and a summary to stderr; return the exit status."""
    for reading in readings:
        for problem in reading.problems:
            click.echo(problem.render(), err=True)
    read = sum(len(r.references) for r in readings)
    skipped = sum(r.skipped for r in readings)
    click.echo(
        message("library.summary", None, files=len(readings), read=read, skipped=skipped),
        err=True,
    )
    if read == 0:
        click.echo(message("library.nothing_read"), err=True)
        return 2
    unreadable = any(r.unreadable for r in readings)
    return 1 if skipped or unreadable else 0


def _records(readings: Sequence[LibraryReading]) -> list[Reference]:
    return [ref for reading in readings for ref in reading.references]


def _record_json(ref: Reference) -> dict[str, object]:
    def people(persons: tuple[Person, ...]) -> list[dict[str, str]]:
        return [{"family": p.family, "given": p.given, "particle": p.particle} for p in persons]

    return {
        "key": ref.key,
        "type": ref.entry_type,
        "authors": people(ref.authors),
        "editors": people(ref.editors),
        "year": ref.year,
        "title": ref.title,
        "container": ref.container,
        "doi": ref.doi or None,
        "url": ref.url or None,
        "source": {"file": ref.source_file, "line": ref.source_line},
    }


def _first_author(ref: Reference) -> str:
    if not ref.authors:
        return ""
    first = ref.authors[0]
    name = " ".join(p for p in (first.particle, first.family) if p)
    more = len(ref.authors) > 2
    second = ref.authors[1] if len(ref.authors) == 2 else None
    if more:
        return f"{name} {message('apa.et_al')}"
    if second is not None:
        return f"{name} & {' '.join(p for p in (second.particle, second.family) if p)}"
    return name


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@library.command("list")
@_FILES
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@handle_errors
def list_command(files: tuple[Path, ...], fmt: str) -> None:
    """List the references in FILES (.bib or .ris).

    JSON is an array of records: key, type, authors and editors (each
    {family, given, particle}), year, title, container, doi, url, source.

    \b
    Example:
      watwerkt library list references/landenberger2005.bib --format json
    """
    readings = _read(files)
    records = _records(readings)
    if fmt == "json":
        click.echo(json.dumps([_record_json(r) for r in records], indent=2, ensure_ascii=False))
    else:
        for ref in records:
            year = "" if ref.year is None else str(ref.year)
            author = _short(_first_author(ref), 24)
            click.echo(f"{ref.key:24} {year:4}  {author:24}  {_short(ref.title, 60)}")
    click.get_current_context().exit(_report(readings))


def _where(record: RecordId) -> str:
    return f"{record.file}:{record.line}" if record.line is not None else record.file


@library.command("duplicates")
@_FILES
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@handle_errors
def duplicates_command(files: tuple[Path, ...], fmt: str) -> None:
    """List groups of records in FILES that describe the same work.

    Records match on their DOI, or else on title + first author + year. The
    first record of a group is the one kept; JSON gives each group's keys,
    the rules that matched, and where every record is.

    \b
    Example:
      watwerkt library duplicates zotero.bib endnote.ris --format json
    """
    readings = _read(files)
    groups = find_duplicates(_records(readings))
    if fmt == "json":
        click.echo(json.dumps([g.to_dict() for g in groups], indent=2, ensure_ascii=False))
    else:
        for group in groups:
            rules = ", ".join(message(f"dedupe.rule.{r}") for r in group.rules)
            members = " = ".join(f"{r.key} ({_where(r)})" for r in (group.kept, *group.removed))
            click.echo(f"{members}  [{rules}]")
    click.get_current_context().exit(_report(readings))


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file, so it is never half-written."""
    handle, temporary = tempfile.mkstemp(dir=path.parent or Path(), prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _unique_keys(records: list[Reference]) -> tuple[list[Reference], list[Problem]]:
    """Keep the first record of each citation key; a later one with the key is a problem.

    Two files may use one key for different works; an export with a repeated
    key would be a broken library, so the later record is left out and listed.
    """
    first: dict[str, Reference] = {}
    kept: list[Reference] = []
    problems: list[Problem] = []
    for ref in records:
        earlier = first.setdefault(ref.key, ref)
        if earlier is ref:
            kept.append(ref)
            continue
        other = f"{earlier.source_file}:{earlier.source_line}"
        params: dict[str, object] = {"key": ref.key, "other": other}
        problems.append(Problem(ref.source_file, ref.source_line, "library.key_conflict", params))
    return kept, problems


@library.command("export")
@_FILES
@click.option(
    "--to", "target", type=click.Choice(["bibtex", "csl-json"]), required=True,
    help="Output format.",
)  # fmt: skip
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=None,
    help="Write to this file (atomically) instead of stdout.",
)  # fmt: skip
@click.option("--dedupe", is_flag=True, help="Leave out records found to be duplicates.")
@handle_errors
def export_command(files: tuple[Path, ...], target: str, output: Path | None, dedupe: bool) -> None:
    """Export the references in FILES as BibTeX or CSL-JSON.

    CSL-JSON follows the CSL 1.0.2 data schema; Dutch particles are
    non-dropping particles.

    \b
    Examples:
      watwerkt library export zotero.ris --to bibtex -o references.bib
      watwerkt library export references.bib --to csl-json --dedupe
    """
    readings = _read(files)
    records = _records(readings)
    if dedupe:
        removed = {r for g in find_duplicates(records) for r in g.removed}
        records = [r for r in records if RecordId.of(r) not in removed]
    records, conflicts = _unique_keys(records)
    if target == "bibtex":
        text = to_bibtex(records)
    else:
        text = json.dumps(to_csl_json(records), indent=2, ensure_ascii=False) + "\n"
    for problem in conflicts:
        click.echo(problem.render(), err=True)
    status = _report(readings)
    if conflicts and status == 0:
        status = 1
    if status == 2:
        click.get_current_context().exit(status)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write_atomically(output, text)
    click.get_current_context().exit(status)
