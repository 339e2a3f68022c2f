"""Read BibTeX libraries into :class:`~watwerkt.model.Reference` records.

bibtexparser 2.x splits the file into blocks (and resolves ``@string``
macros); this module maps each entry onto our model: LaTeX to Unicode
(:mod:`watwerkt.library.latex`), names split into given / particle / family,
DOIs and URLs normalised, the citation key kept. Every block that could not be
read becomes a located problem and the rest of the file is still imported.
Strings stay untrusted text throughout.

Notes
-----
Entries are kept, but reported, when they lack a title or year, or have an
entry type outside BibTeX's and biblatex's common types: they are real records
an author must account for. An entry is *skipped* (and reported) when it
cannot be parsed, repeats an earlier citation key, or has an invalid key.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import bibtexparser
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import DuplicateBlockKeyBlock, Entry
from pydantic import ValidationError

from watwerkt.errors import Problem
from watwerkt.files.validation import problems_from_validation_error
from watwerkt.library.latex import latex_to_unicode
from watwerkt.library.normalise import normalise_doi, normalise_url, person
from watwerkt.library.reading import LibraryReading, Progress, decode
from watwerkt.model import Person, Reference

#: Entry types of BibTeX and biblatex that we know how to format.
KNOWN_TYPES: frozenset[str] = frozenset(
    {
        "article", "book", "booklet", "inbook", "incollection", "inproceedings", "conference",
        "manual", "mastersthesis", "phdthesis", "thesis", "misc", "proceedings", "techreport",
        "report", "unpublished", "online", "electronic", "www", "collection", "dataset",
        "software", "periodical", "mvbook", "bookinbook", "suppbook", "reference", "standard",
    }
)  # fmt: skip

#: Fields that hold the title of the journal, book or series (first non-empty wins).
_CONTAINER_FIELDS = ("journal", "journaltitle", "booktitle", "series")
#: Fields mapped onto Reference attributes; all others are kept in ``Reference.extra``.
_MAPPED_FIELDS = frozenset(
    {"author", "editor", "title", "year", "date", "volume", "number", "issue", "pages",
     "publisher", "institution", "school", "doi", "url", "note", "edition", "month", "isbn",
     "abstract", *_CONTAINER_FIELDS}
)
_YEAR = re.compile(r"^(\d{4})$")
_DATE_YEAR = re.compile(r"^(\d{4})(?:[-/]\d{1,2}){0,2}$")
_ENTRY_START = re.compile(r"^@", re.MULTILINE)
_STRING_BLOCK = re.compile(r"^\s*@string\s*[{(]", re.MULTILINE | re.IGNORECASE)
#: Approximate size of the pieces a large file is parsed in (for progress reports).
_CHUNK_BYTES = 256 * 1024


def read_bibtex(
    path: Path, display_path: str | None = None, progress: Progress | None = None
) -> LibraryReading:
    """Read one ``.bib`` file; return its references and every problem, by line.

    Parameters
    ----------
    path : Path
        The BibTeX file.
    display_path : str, optional
        How to name the file in problems.
    progress : callable, optional
        Called with the number of characters just processed.

    Returns
    -------
    LibraryReading
        Never raises for bad content: problems are data.
    """
    shown = display_path or str(path)
    text, encoding, problems = decode(path.read_bytes(), shown)
    if not text.strip():
        return LibraryReading(shown, problems=(Problem(shown, None, "file.empty"),))
    references: list[Reference] = []
    first_line: dict[str, int] = {}
    entries = skipped = 0
    with _quiet_bibtexparser():
        for offset, chunk in _chunks(text):
            library = bibtexparser.parse_string(chunk)  # type: ignore[attr-defined]
            for entry in library.entries:
                entries += 1
                line = (entry.start_line or 0) + offset + 1
                if entry.key in first_line:
                    problems.append(_duplicate(shown, line, entry.key, first_line[entry.key]))
                    skipped += 1
                    continue
                first_line[entry.key] = line
                reference = _to_reference(entry, shown, line, problems)
                if reference is None:
                    skipped += 1
                else:
                    references.append(reference)
            for block in library.failed_blocks:
                entries += 1
                skipped += 1
                line = (block.start_line or 0) + offset + 1
                if isinstance(block, DuplicateBlockKeyBlock):
                    problems.append(_duplicate(shown, line, block.key, first_line.get(block.key)))
                else:
                    problems.append(_failed(shown, line, block))
            if progress is not None:
                progress(len(chunk))
    if entries == 0:
        example = "'@article{key, title = {…}, year = {2024}}'"
        problems.append(Problem(shown, None, "bibtex.no_entries", {"example": example}))
    problems.sort(key=lambda p: p.line or 0)
    return LibraryReading(shown, tuple(references), tuple(problems), entries, skipped, encoding)


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(line offset, text)`` pieces that end between entries.

    A piece ends only before an ``@`` at the start of a line where the braces
    so far balance, so no entry is cut. Files with ``@string`` macros are
    parsed whole, since a macro may be used anywhere after its definition.
    """
    if len(text) <= _CHUNK_BYTES or _STRING_BLOCK.search(text):
        yield 0, text
        return
    start = 0
    line = 0
    for match in _ENTRY_START.finditer(text):
        end = match.start()
        if end - start < _CHUNK_BYTES:
            continue
        piece = text[start:end]
        if piece.count("{") != piece.count("}") or piece.count("(") != piece.count(")"):
            continue  # inside an entry, or an unbalanced one: bibtexparser handles a larger piece
        yield line, piece
        line += piece.count("\n")
        start = end
    yield line, text[start:]


def _duplicate(path: str, line: int, key: str, first: int | None) -> Problem:
    return Problem(
        path, line, "bibtex.duplicate_key", {"key": key, "first_line": first or "?"}, "key"
    )


def _failed(path: str, line: int, block: object) -> Problem:
    error = getattr(block, "error", None)
    detail = str(getattr(error, "abort_reason", "") or error or "").strip()
    detail = " ".join(detail.split()) or "?"
    return Problem(path, line, "bibtex.failed_block", {"detail": detail})


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


Fields = dict[str, str]


def _fields(entry: Entry) -> Fields:
    """Return the entry's fields by lower-case name (``AUTHOR`` is ``author``)."""
    out: Fields = {}
    for field in entry.fields:
        out.setdefault(field.key.lower(), str(field.value))
    return out


def _text(fields: Fields, name: str) -> str:
    return latex_to_unicode(fields.get(name, ""))


def parse_names(value: str) -> tuple[tuple[Person, ...], list[str], bool]:
    r"""Split a BibTeX name list ("A and B and others") into people.

    Returns the people, the names that could not be split (for a problem) and
    whether the list was truncated: the marker ``others`` is not a person, but
    the fact that more authors exist is kept (APA then cites "et al.").

    Examples
    --------
    >>> people, bad, truncated = parse_names(r"van der Zwet, Renske and M{\"u}ller, J. and {WHO}")
    >>> [(p.particle, p.family, p.given) for p in people], bad, truncated
    ([('van der', 'Zwet', 'Renske'), ('', 'Müller', 'J.'), ('', 'WHO', '')], [], False)
    >>> parse_names("Greene and others")[2]
    True
    """
    people: list[Person] = []
    bad: list[str] = []
    truncated = False
    for name in split_multiple_persons_names(value):
        if name.strip().lower() == "others":
            truncated = True
            continue
        one = _parse_name(name)
        if one is None:
            bad.append(name)
        else:
            people.append(one)
    return tuple(people), bad, truncated


@lru_cache(maxsize=1 << 16)  # the same authors recur throughout a library
def _parse_name(name: str) -> Person | None:
    try:
        parts = parse_single_name_into_parts(name)
    except InvalidNameError:
        return None
    family = latex_to_unicode(" ".join(parts.last))
    if not family:
        return None
    return person(
        family=family,
        given=latex_to_unicode(" ".join(parts.first)),
        particle=latex_to_unicode(" ".join(parts.von)),
        suffix=latex_to_unicode(" ".join(parts.jr)),
    )


def _year(
    entry: Entry, fields: Fields, path: str, line: int, problems: list[Problem]
) -> int | None:
    year_text = _text(fields, "year")
    date_text = _text(fields, "date")
    if not year_text and _DATE_YEAR.match(date_text):
        year_text = date_text[:4]
    if not year_text:
        problems.append(_missing(path, line, entry.key, "year"))
        return None
    match = _YEAR.match(year_text)
    if match and 1000 <= int(match.group(1)) <= 2999:
        return int(match.group(1))
    params: dict[str, object] = {
        "key": entry.key,
        "field": "year",
        "expected": "YYYY",
        "got": year_text,
    }
    problems.append(Problem(path, line, "bibtex.bad_field", params, "year"))
    return None


def _missing(path: str, line: int, key: str, name: str) -> Problem:
    return Problem(path, line, "bibtex.missing_field", {"key": key, "field": name}, name)


def _to_reference(entry: Entry, path: str, line: int, problems: list[Problem]) -> Reference | None:
    """Map one entry onto a Reference; a record that breaks a rule becomes a problem."""
    entry_type = entry.entry_type.lower()
    if entry_type not in KNOWN_TYPES:
        problems.append(
            Problem(path, line, "bibtex.unknown_type", {"key": entry.key, "type": entry_type})
        )
    fields = _fields(entry)
    title = _text(fields, "title")
    if not title:
        problems.append(_missing(path, line, entry.key, "title"))
    year = _year(entry, fields, path, line, problems)
    people: dict[str, tuple[Person, ...]] = {}
    truncated: dict[str, bool] = {}
    for role in ("author", "editor"):
        found, bad, truncated[role] = parse_names(fields.get(role, ""))
        people[role] = found
        problems.extend(
            Problem(path, line, "bibtex.bad_name", {"key": entry.key, "name": name}, role)
            for name in bad
        )
    container = next((c for c in (_text(fields, n) for n in _CONTAINER_FIELDS) if c), "")
    doi = normalise_doi(_text(fields, "doi"))
    try:
        return Reference(
            key=entry.key,
            entry_type=entry_type,
            authors=people["author"],
            authors_truncated=truncated["author"],
            editors=people["editor"],
            editors_truncated=truncated["editor"],
            year=year,
            title=title,
            container=container,
            volume=_text(fields, "volume"),
            issue=_text(fields, "number") or _text(fields, "issue"),
            pages=_text(fields, "pages").replace("-", "–").replace("––", "–"),
            publisher=next(
                (
                    v
                    for v in (_text(fields, n) for n in ("publisher", "institution", "school"))
                    if v
                ),
                "",
            ),
            doi=doi,
            url=normalise_url(_text(fields, "url")),
            note=_text(fields, "note"),
            edition=_text(fields, "edition"),
            month=_text(fields, "month"),
            isbn=_text(fields, "isbn"),
            abstract=_text(fields, "abstract"),
            extra={n: _text(fields, n) for n in fields if n not in _MAPPED_FIELDS},
            source_file=path,
            source_line=line,
        )
    except ValidationError as exc:
        problems.extend(
            Problem(
                path,
                line,
                "bibtex.bad_field",
                {
                    "key": entry.key,
                    "field": p.field or "?",
                    "expected": p.params.get("expected", "?"),
                    "got": p.params.get("got", "?"),
                },
                p.field,
            )
            for p in problems_from_validation_error(exc, path, lambda _loc: line, Reference)
        )
        return None
