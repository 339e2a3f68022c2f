"""Read RIS libraries (EndNote, Zotero, PubMed, Web of Science exports) into References.

rispy (maintained, MIT) parses the tags of each record; this module finds the
records and their line numbers itself, so that a bad line or an unterminated
record is reported at its line and the other records are still read.

Notes
-----
RIS has no citation key. A record's ``ID`` tag is used when it is a valid key;
otherwise the key is made from the first author's family name, the year and
the first word of the title (``zwet2019samen``), with ``b``, ``c`` … appended
when two records would get the same key. Generated keys depend only on the
record's content and its order in the file, so they are stable between runs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import rispy  # type: ignore[import-untyped]
from pydantic import ValidationError

from watwerkt.errors import Problem
from watwerkt.files.validation import problems_from_validation_error
from watwerkt.library.normalise import fold, normalise_doi, normalise_url, person
from watwerkt.library.reading import LibraryReading, Progress, decode
from watwerkt.model import Person, Reference
from watwerkt.model.reference import KEY_PATTERN

#: RIS reference types mapped onto BibTeX entry types.
RIS_TYPES: dict[str, str] = {
    "JOUR": "article", "EJOUR": "article", "MGZN": "article", "NEWS": "article",
    "JFULL": "periodical", "BOOK": "book", "EBOOK": "book", "EDBOOK": "book",
    "CHAP": "incollection", "ECHAP": "incollection", "CONF": "inproceedings",
    "CPAPER": "inproceedings", "THES": "phdthesis", "RPRT": "techreport",
    "GOVDOC": "techreport", "UNPB": "unpublished", "MANSCPT": "unpublished",
    "ELEC": "online", "BLOG": "online", "DATA": "dataset", "COMP": "software",
    "GEN": "misc", "STAND": "standard",
}  # fmt: skip

_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_YEAR = re.compile(r"(\d{4})")
_KEY = re.compile(KEY_PATTERN)
_WORD = re.compile(r"[^\W\d_]{3,}")
_STOPWORDS = frozenset({"the", "and", "een", "het", "van", "der", "for", "with", "over"})


def read_ris(
    path: Path, display_path: str | None = None, progress: Progress | None = None
) -> LibraryReading:
    """Read one ``.ris`` file; return its references and every problem, by line.

    Parameters
    ----------
    path : Path
        The RIS file.
    display_path : str, optional
        How to name the file in problems.
    progress : callable, optional
        Called with the number of characters just processed.
    """
    shown = display_path or str(path)
    text, encoding, problems = decode(path.read_bytes(), shown)
    if not text.strip():
        return LibraryReading(shown, problems=(Problem(shown, None, "file.empty"),))
    records = _records(text.splitlines(), shown, problems)
    references: list[Reference] = []
    used: set[str] = set()
    skipped = 0
    for line, record_lines in records:
        reference = _to_reference(line, record_lines, shown, used, problems)
        if reference is None:
            skipped += 1
        else:
            references.append(reference)
    if progress is not None:
        progress(len(text))
    if not records:
        problems.append(Problem(shown, None, "ris.no_records"))
    problems.sort(key=lambda p: p.line or 0)
    return LibraryReading(
        shown, tuple(references), tuple(problems), len(records), skipped, encoding
    )


def _records(lines: list[str], shown: str, problems: list[Problem]) -> list[tuple[int, list[str]]]:
    """Group tag lines into records ``(first line, lines)``; report stray lines."""
    records: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    start = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        match = _TAG.match(line.lstrip("\ufeff"))
        if match is None:
            problems.append(Problem(shown, number, "ris.failed_line"))
            continue
        tag = match.group(1)
        if tag == "TY":
            if current is not None:
                problems.append(Problem(shown, start, "ris.unterminated"))
                records.append((start, [*current, "ER  - "]))
            current, start = [line], number
        elif current is None:
            problems.append(Problem(shown, number, "ris.outside_record"))
        elif tag == "ER":
            current.append("ER  - ")
            records.append((start, current))
            current = None
        else:
            current.append(line)
    if current is not None:
        problems.append(Problem(shown, start, "ris.unterminated"))
        records.append((start, [*current, "ER  - "]))
    return records


def _first(record: dict[str, Any], *names: str) -> str:
    for name in names:
        value = record.get(name)
        if isinstance(value, list):
            value = value[0] if value else ""
        if value:
            return " ".join(str(value).split())
    return ""


def _people(values: object) -> tuple[Person, ...]:
    people: list[Person] = []
    for value in values if isinstance(values, list) else []:
        family, _, given = str(value).partition(",")
        given, _, suffix = given.partition(",")
        if family.strip():
            people.append(person(family=family, given=given, suffix=suffix))
    return tuple(people)


def _make_key(authors: tuple[Person, ...], year: int | None, title: str, used: set[str]) -> str:
    words = [w for w in _WORD.findall(title.lower()) if w not in _STOPWORDS]
    base = (
        (fold(authors[0].family) if authors else "anon")
        + (str(year) if year else "nd")
        + (fold(words[0]) if words else "")
    ) or "ref"
    key, n = base, 0
    while key in used:
        n += 1
        key = base + "abcdefghijklmnopqrstuvwxyz"[n % 26] + ("" if n < 26 else str(n // 26))
    return key


def _to_reference(
    line: int, lines: list[str], shown: str, used: set[str], problems: list[Problem]
) -> Reference | None:
    try:
        record: dict[str, Any] = rispy.loads("\n".join(lines))[0]
    except Exception as exc:  # untrusted input: a record rispy rejects is reported, not raised
        detail = " ".join(str(exc).split()) or type(exc).__name__
        problems.append(Problem(shown, line, "ris.failed_record", {"detail": detail}))
        return None
    ris_type = str(record.get("type_of_reference", "")).upper()
    authors = _people(record.get("authors") or record.get("first_authors"))
    title = _first(record, "title", "primary_title")
    year_match = _YEAR.search(_first(record, "year", "publication_year", "date"))
    year = int(year_match.group(1)) if year_match else None
    given_key = _first(record, "id")
    key = given_key if given_key and _KEY.match(given_key) and given_key not in used else ""
    key = key or _make_key(authors, year, title, used)
    used.add(key)
    if ris_type not in RIS_TYPES:
        problems.append(Problem(shown, line, "ris.unknown_type", {"key": key, "type": ris_type}))
    for name, value in (("title", title), ("year", year)):
        if not value:
            params: dict[str, object] = {"key": key, "field": name}
            problems.append(Problem(shown, line, "bibtex.missing_field", params, name))
    start, end = _first(record, "start_page"), _first(record, "end_page")
    ris_type_is_article = RIS_TYPES.get(ris_type) == "article"
    container = _first(record, "secondary_title", "journal_name", "alternate_title3")
    if not container and ris_type_is_article:
        container = _first(record, "alternate_title1", "alternate_title2")
    try:
        return Reference(
            key=key,
            entry_type=RIS_TYPES.get(ris_type, "misc"),
            authors=authors,
            editors=_people(record.get("secondary_authors")) if not ris_type_is_article else (),
            year=year,
            title=title,
            container=container,
            volume=_first(record, "volume"),
            issue=_first(record, "number"),
            pages=f"{start}–{end}" if start and end and start != end else start,
            publisher=_first(record, "publisher"),
            doi=normalise_doi(_first(record, "doi")),
            url=normalise_url(_first(record, "urls")),
            note=_first(record, "note", "notes"),
            edition=_first(record, "edition"),
            isbn=_first(record, "issn"),
            abstract=_first(record, "abstract"),
            source_file=shown,
            source_line=line,
        )
    except ValidationError as exc:
        problems.extend(
            Problem(
                shown,
                line,
                "bibtex.bad_field",
                {
                    "key": key,
                    "field": p.field or "?",
                    "expected": p.params.get("expected", "?"),
                    "got": p.params.get("got", "?"),
                },
                p.field,
            )
            for p in problems_from_validation_error(exc, shown, lambda _loc: line, Reference)
        )
        return None
