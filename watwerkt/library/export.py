"""Write references as BibTeX or as CSL-JSON (the input format of citeproc processors).

BibTeX output is UTF-8 with LaTeX's special characters escaped, so that
reading it back (:func:`watwerkt.library.bibtex.read_bibtex`) gives the same
references. CSL-JSON follows the CSL 1.0.2 data schema (``csl-data.json``):
names as ``{family, given, non-dropping-particle}``, dates as
``{"date-parts": [[year]]}``.

Notes
-----
A Dutch particle is a *non-dropping* particle in CSL (it stays with the
family name when the name is shown, e.g. "Van der Zwet"), unlike the German
"von" of "Ludwig van Beethoven"-style names, which CSL calls dropping. Sorting
it under the particle or the family name is then the style's
``demote-non-dropping-particle`` choice, as in :mod:`watwerkt.library.apa`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from watwerkt.model import Person, Reference

#: BibTeX entry types mapped onto CSL item types.
CSL_TYPES: dict[str, str] = {
    "article": "article-journal", "book": "book", "mvbook": "book", "booklet": "pamphlet",
    "inbook": "chapter", "incollection": "chapter", "bookinbook": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "proceedings": "book", "collection": "book", "manual": "report", "techreport": "report",
    "report": "report", "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "unpublished": "manuscript", "online": "webpage", "electronic": "webpage", "www": "webpage",
    "dataset": "dataset", "software": "software", "periodical": "periodical",
    "standard": "standard", "misc": "document",
}  # fmt: skip

_SPECIAL = re.compile(r"([&%$#_{}])")
_CONTAINER_FIELD = {"article": "journal", "incollection": "booktitle", "inbook": "booktitle"}
_CONTAINER_FIELD |= {"inproceedings": "booktitle", "conference": "booktitle"}


def _escape(value: str) -> str:
    r"""Escape LaTeX specials: ``50% & co`` → ``50\% \& co``; ``~`` and ``\`` as commands."""
    value = value.replace("\\", "\x00")
    value = _SPECIAL.sub(r"\\\1", value)
    value = value.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")
    return value.replace("\x00", r"\textbackslash{}")


def _bib_name(person: Person) -> str:
    family = _escape(person.family)
    if " and " in f" {family} " or (family[:1].islower()) or "," in family:
        family = "{" + family + "}"
    elif " " in family and not person.given and not person.particle:
        family = "{" + family + "}"  # a group author: keep it one name
    head = " ".join(p for p in (_escape(person.particle), family) if p)
    parts = [head]
    if person.suffix:
        parts.append(_escape(person.suffix))
    if person.given or person.suffix:
        parts.append(_escape(person.given))
    elif person.particle:
        parts.append("{}")  # "de Jansen, {}": without the comma, "de" would read as a given name
    return ", ".join(parts)


def to_bibtex(references: Iterable[Reference]) -> str:
    r"""Return ``references`` as a BibTeX file (UTF-8 text).

    Examples
    --------
    >>> ref = Reference(key="z2019", authors=(Person(family="Zwet", particle="van der",
    ...     given="Renske"),), year=2019, title="50% & meer", doi="10.1000/abc")
    >>> print(to_bibtex([ref]))
    @article{z2019,
      author = {van der Zwet, Renske},
      title = {50\% \& meer},
      year = {2019},
      doi = {10.1000/abc},
    }
    <BLANKLINE>
    """
    blocks = []
    for ref in references:
        fields: list[tuple[str, str]] = []
        if ref.authors:
            authors = [_bib_name(p) for p in ref.authors] + ["others"] * ref.authors_truncated
            fields.append(("author", " and ".join(authors)))
        if ref.editors:
            editors = [_bib_name(p) for p in ref.editors] + ["others"] * ref.editors_truncated
            fields.append(("editor", " and ".join(editors)))
        fields.append(("title", _escape(ref.title)))
        if ref.container:
            fields.append((_CONTAINER_FIELD.get(ref.entry_type, "series"), _escape(ref.container)))
        if ref.year is not None:
            fields.append(("year", str(ref.year)))
        for name, value in (
            ("volume", ref.volume),
            ("number", ref.issue),
            ("pages", ref.pages.replace("–", "--")),
            ("publisher", ref.publisher),
            ("doi", ref.doi),
            ("url", ref.url),
            ("note", ref.note),
            ("edition", ref.edition),
            ("month", ref.month),
            ("isbn", ref.isbn),
            ("abstract", ref.abstract),
            *sorted(ref.extra.items()),
        ):
            if value:
                fields.append((name, value if name in ("doi", "url") else _escape(value)))
        body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields if value)
        blocks.append(f"@{ref.entry_type}{{{ref.key},\n{body}}}\n")
    return "\n".join(blocks)


def _csl_name(person: Person) -> dict[str, str]:
    name: dict[str, str] = {"family": person.family}
    if person.given:
        name["given"] = person.given
    if person.particle:
        name["non-dropping-particle"] = person.particle
    if person.suffix:
        name["suffix"] = person.suffix
    return name


def to_csl_item(reference: Reference) -> dict[str, Any]:
    """Return one reference as a CSL-JSON item.

    Examples
    --------
    >>> ref = Reference(key="z2019", authors=(Person(family="Zwet", particle="van der",
    ...     given="Renske"),), year=2019, title="Samen eten", container="TSV")
    >>> to_csl_item(ref)["author"]
    [{'family': 'Zwet', 'given': 'Renske', 'non-dropping-particle': 'van der'}]
    """
    item: dict[str, Any] = {
        "id": reference.key,
        "type": CSL_TYPES.get(reference.entry_type, "document"),
        "title": reference.title,
    }
    if reference.authors:
        item["author"] = [_csl_name(p) for p in reference.authors]
    if reference.editors:
        item["editor"] = [_csl_name(p) for p in reference.editors]
    if reference.year is not None:
        item["issued"] = {"date-parts": [[reference.year]]}
    optional = {
        "container-title": reference.container,
        "volume": reference.volume,
        "issue": reference.issue,
        "page": reference.pages,
        "publisher": reference.publisher,
        "DOI": reference.doi,
        "URL": reference.url,
        "note": reference.note,
        "edition": reference.edition,
        "ISBN": reference.isbn,
        "abstract": reference.abstract,
    }
    item.update({k: v for k, v in optional.items() if v})
    return item


def to_csl_json(references: Iterable[Reference]) -> list[dict[str, Any]]:
    """Return ``references`` as a CSL-JSON array (serialise with :func:`json.dumps`)."""
    return [to_csl_item(r) for r in references]
