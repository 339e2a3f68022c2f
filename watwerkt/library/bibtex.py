"""Read BibTeX libraries into :class:`~watwerkt.model.Reference` records.

Parsing is bibtexparser 2.x's job (with its LaTeX-to-Unicode and name-splitting
middlewares); this module maps its entries onto our model, normalises DOIs,
and turns every block it could not read into a located problem while the rest
of the file is still imported. Strings stay untrusted text throughout.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.model import DuplicateBlockKeyBlock, Entry

from pydantic import ValidationError

from watwerkt.errors import Problem
from watwerkt.files.validation import problems_from_validation_error
from watwerkt.files.yaml_source import decode_utf8
from watwerkt.model import Person, Reference

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_BRACES = re.compile(r"[{}]")

#: bibtexparser field names mapped to Reference attributes (first match wins).
_CONTAINER_FIELDS = ("journal", "journaltitle", "booktitle", "series")


@dataclass
class LibraryReading:
    """What one BibTeX file yielded: the references, and every problem met."""

    path: str
    references: list[Reference] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def normalise_doi(value: str) -> str:
    """Return a bare, lower-case DOI: ``https://doi.org/10.1/X`` → ``10.1/x``."""
    return _DOI_PREFIX.sub("", value.strip()).strip().lower()


def _text(entry: Entry, name: str) -> str:
    f = entry.fields_dict.get(name)
    return "" if f is None else _BRACES.sub("", str(f.value)).strip()


def _people(entry: Entry, name: str) -> tuple[Person, ...]:
    f = entry.fields_dict.get(name)
    if f is None:
        return ()
    people = []
    for parts in f.value:
        family = _BRACES.sub("", " ".join(parts.last)).strip()
        if not family:
            continue
        people.append(
            Person(
                family=family,
                given=_BRACES.sub("", " ".join(parts.first)).strip(),
                particle=_BRACES.sub("", " ".join(parts.von)).strip(),
                suffix=_BRACES.sub("", " ".join(parts.jr)).strip(),
            )
        )
    return tuple(people)


def read_bibtex(path: Path, display_path: str | None = None) -> LibraryReading:
    """Read ``path``; return its references and the problems of the blocks that failed.

    A malformed entry is reported with its line and skipped; the rest of the
    file is still read. Entries that lack a title or year are kept (they are
    real records an author must account for) but reported.
    """
    shown = display_path or str(path)
    reading = LibraryReading(shown)
    raw = path.read_bytes()
    text, problems = decode_utf8(raw, shown)
    if text is None:
        reading.problems.extend(problems)
        return reading
    if not text.strip():
        reading.problems.append(Problem(shown, None, "file.empty"))
        return reading
    with _quiet_bibtexparser():
        library = _parse(text)

    first_line: dict[str, int] = {}
    for entry in library.entries:
        line = entry.start_line + 1
        first_line.setdefault(entry.key, line)
        reference = _to_reference(entry, shown, line, reading.problems)
        if reference is not None:
            reading.references.append(reference)
    for block in library.failed_blocks:
        line = block.start_line + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            reading.problems.append(
                Problem(shown, line, "bibtex.duplicate_key",
                        {"key": block.key, "first_line": first_line.get(block.key, "?")})
            )
        else:
            error = getattr(block, "error", None)
            detail = str(getattr(error, "abort_reason", "") or error or "").strip()
            reading.problems.append(
                Problem(shown, line, "bibtex.failed_block", {"detail": detail or "?"})
            )
    reading.problems.sort(key=lambda p: p.line or 0)
    return reading


def _parse(text: str) -> bibtexparser.Library:
    return bibtexparser.parse_string(
        text,
        append_middleware=[
            middlewares.LatexDecodingMiddleware(),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )


@contextlib.contextmanager
def _quiet_bibtexparser() -> Iterator[None]:
    """Silence bibtexparser's own log lines: we report every failed block ourselves."""
    logger = logging.getLogger("bibtexparser")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(previous)


def _to_reference(entry: Entry, path: str, line: int, problems: list[Problem]) -> Reference | None:
    """Map one entry onto a Reference; a record that breaks a rule becomes a problem."""
    title = _text(entry, "title")
    year_text = _text(entry, "year") or _text(entry, "date")[:4]
    year: int | None = None
    if not title:
        problems.append(Problem(path, line, "bibtex.missing_field", {"key": entry.key, "field": "title"}, "title"))
    if not year_text:
        problems.append(Problem(path, line, "bibtex.missing_field", {"key": entry.key, "field": "year"}, "year"))
    elif year_text.isdigit() and 1000 <= int(year_text) <= 2999:
        year = int(year_text)
    else:
        problems.append(
            Problem(path, line, "bibtex.bad_field",
                    {"key": entry.key, "field": "year", "expected": "YYYY", "got": year_text}, "year")
        )
    container = next((c for c in (_text(entry, n) for n in _CONTAINER_FIELDS) if c), "")
    try:
        return _build_reference(entry, path, line, year, title, container)
    except ValidationError as exc:
        problems.extend(
            Problem(path, line, "bibtex.bad_field",
                    {"key": entry.key, "field": p.field or "?", "expected": p.params.get("expected", "?"),
                     "got": p.params.get("got", "?")}, p.field)
            for p in problems_from_validation_error(exc, path, lambda _loc: line, Reference)
        )
        return None


def _build_reference(
    entry: Entry, path: str, line: int, year: int | None, title: str, container: str
) -> Reference:
    return Reference(
        key=entry.key,
        entry_type=entry.entry_type,
        authors=_people(entry, "author"),
        editors=_people(entry, "editor"),
        year=year,
        title=title,
        container=container,
        volume=_text(entry, "volume"),
        issue=_text(entry, "number") or _text(entry, "issue"),
        pages=_text(entry, "pages").replace("--", "–"),
        publisher=_text(entry, "publisher") or _text(entry, "institution") or _text(entry, "school"),
        doi=normalise_doi(_text(entry, "doi")),
        url=_text(entry, "url"),
        note=_text(entry, "note"),
        source_file=path,
        source_line=line,
    )
