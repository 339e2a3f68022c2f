"""Export: BibTeX round trip (property test) and CSL-JSON per the CSL 1.0.2 data schema."""

from __future__ import annotations

import json
import string
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watwerkt.library.bibtex import read_bibtex
from watwerkt.library.export import to_bibtex, to_csl_json
from watwerkt.model import Person, Reference

#: The part of the CSL 1.0.2 input schema (csl-data.json) that our items use, written
#: out by hand from the specification: required id and type, the item types we map
#: onto, name objects, and date-parts. additionalProperties is false there too.
NAME = {
    "type": "object",
    "properties": {
        "family": {"type": "string"},
        "given": {"type": "string"},
        "non-dropping-particle": {"type": "string"},
        "suffix": {"type": "string"},
    },
    "additionalProperties": False,
}
CSL_SUBSET = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["type", "id"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string"},
            "type": {
                "enum": [
                    "article-journal", "book", "chapter", "paper-conference", "report",
                    "thesis", "manuscript", "webpage", "dataset", "software", "document",
                    "pamphlet", "periodical", "standard",
                ]
            },
            "title": {"type": "string"},
            "author": {"type": "array", "items": NAME},
            "editor": {"type": "array", "items": NAME},
            "issued": {
                "type": "object",
                "properties": {
                    "date-parts": {
                        "type": "array", "minItems": 1, "maxItems": 2,
                        "items": {"type": "array", "minItems": 1, "maxItems": 3,
                                  "items": {"type": ["string", "number"]}},
                    }
                },
                "additionalProperties": False,
            },
            **{k: {"type": "string"} for k in (
                "container-title", "volume", "issue", "page", "publisher", "DOI", "URL", "note")},
        },
    },
}  # fmt: skip

ZWET = Reference(
    key="zwet2019",
    authors=(Person(family="Zwet", particle="van der", given="Renske"),
             Person(family="Müller", given="Jörg")),
    year=2019, title="Samen eten", container="TSV", volume="3", issue="2", pages="1–10",
    doi="10.1000/abc",
)  # fmt: skip
CHAPTER = Reference(
    key="h2020", entry_type="incollection", authors=(Person(family="Jansen", given="J."),),
    editors=(Person(family="Boer", particle="de", given="K."),), year=2020, title="H",
    container="Bundel", publisher="Boom",
)  # fmt: skip


def test_csl_json_items() -> None:
    items = to_csl_json([ZWET, CHAPTER])
    jsonschema.validate(items, CSL_SUBSET)
    assert items[0] == {
        "id": "zwet2019",
        "type": "article-journal",
        "title": "Samen eten",
        "author": [
            {"family": "Zwet", "given": "Renske", "non-dropping-particle": "van der"},
            {"family": "Müller", "given": "Jörg"},
        ],
        "issued": {"date-parts": [[2019]]},
        "container-title": "TSV",
        "volume": "3",
        "issue": "2",
        "page": "1–10",
        "DOI": "10.1000/abc",
    }
    assert items[1]["type"] == "chapter"
    assert items[1]["editor"] == [{"family": "Boer", "given": "K.", "non-dropping-particle": "de"}]
    json.dumps(items)  # serialisable as is


def test_bibtex_text() -> None:
    assert to_bibtex([CHAPTER]) == (
        "@incollection{h2020,\n"
        "  author = {Jansen, J.},\n"
        "  editor = {de Boer, K.},\n"
        "  title = {H},\n"
        "  booktitle = {Bundel},\n"
        "  year = {2020},\n"
        "  publisher = {Boom},\n"
        "}\n"
    )


def roundtrip(tmp_path: Path, refs: list[Reference]) -> list[Reference]:
    path = tmp_path / "out.bib"
    path.write_text(to_bibtex(refs), encoding="utf-8")
    reading = read_bibtex(path, "out.bib")
    return [r.model_copy(update={"source_file": "", "source_line": None})
            for r in reading.references]  # fmt: skip


def test_roundtrip_examples(tmp_path: Path) -> None:
    group = Reference(
        key="who",
        entry_type="misc",
        title="Rapport 50% & $5_#~^\\ {x}",
        authors=(Person(family="Wereld Gezondheids Organisatie"),),
        year=2001,
    )
    assert roundtrip(tmp_path, [ZWET, CHAPTER, group]) == [ZWET, CHAPTER, group]


TEXT = st.text(
    alphabet=st.sampled_from(string.ascii_letters + string.digits + " éüøß&%$#_{}~^-:,.?'"),
    min_size=1, max_size=30,
).map(lambda s: " ".join(s.split())).filter(lambda s: s and s[0].isalnum())  # fmt: skip
NAMES = st.builds(
    Person,
    family=st.sampled_from(["Jansen", "Zwet", "Müller", "Öztürk", "Vries", "O'Neill"]),
    given=st.sampled_from(["", "J.", "Renske", "Jan-Willem"]),
    particle=st.sampled_from(["", "van der", "de", "van 't"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=TEXT, container=TEXT, people=st.lists(NAMES, min_size=1, max_size=4),
       year=st.integers(1900, 2030))  # fmt: skip
def test_reference_bibtex_reference_roundtrip(
    tmp_path: Path, title: str, container: str, people: list[Person], year: int
) -> None:
    ref = Reference(key="k", title=title, container=container, authors=tuple(people), year=year)
    assert roundtrip(tmp_path, [ref]) == [ref]
