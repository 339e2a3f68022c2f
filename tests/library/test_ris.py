"""RIS import: fields, generated keys, and bad lines reported by line (synthetic fixtures)."""

from __future__ import annotations

from pathlib import Path

from watwerkt.library.reading import read_library

RIS = """\
TY  - JOUR
AU  - van der Zwet, Renske
AU  - Jansen, J.
TI  - Samen eten tegen eenzaamheid
PY  - 2019///
DO  - https://doi.org/10.1000/ABC
T2  - Tijdschrift voor Sociale Vraagstukken
VL  - 3
IS  - 2
SP  - 10
EP  - 20
ER  -

TY  - BOOK
ID  - eigen-sleutel
AU  - Pietersen, Piet
TI  - Een boek
PY  - 2020
PB  - Boom
UR  - www.boom.nl
ER  -
"""


def read(tmp_path: Path, text: str) -> object:
    path = tmp_path / "refs.ris"
    path.write_text(text, encoding="utf-8")
    return read_library(path, "refs.ris")


def test_records_fields_and_keys(tmp_path: Path) -> None:
    reading = read(tmp_path, RIS)
    assert reading.problems == ()
    article, book = reading.references
    assert article.key == "zwet2019samen"  # family + year + first title word (no ID tag)
    assert article.entry_type == "article"
    assert [(p.particle, p.family, p.given) for p in article.authors] == [
        ("van der", "Zwet", "Renske"),
        ("", "Jansen", "J."),
    ]
    assert (article.year, article.doi, article.pages) == (2019, "10.1000/abc", "10–20")
    assert (article.container, article.volume, article.issue) == (
        "Tijdschrift voor Sociale Vraagstukken",
        "3",
        "2",
    )
    assert article.source_line == 1
    assert (book.key, book.entry_type, book.publisher) == ("eigen-sleutel", "book", "Boom")
    assert book.url == "https://www.boom.nl"
    assert book.source_line == 14


def test_generated_keys_do_not_collide(tmp_path: Path) -> None:
    one = "TY  - JOUR\nAU  - Jansen, J.\nTI  - Eenzaamheid\nPY  - 2019\nER  - \n"
    reading = read(tmp_path, one * 3)
    assert [r.key for r in reading.references] == [
        "jansen2019eenzaamheid",
        "jansen2019eenzaamheidb",
        "jansen2019eenzaamheidc",
    ]


def test_bad_lines_and_unterminated_records(tmp_path: Path) -> None:
    text = (
        "AU  - Los, L.\n"
        + RIS.replace("PB  - Boom\n", "PB  - Boom\nthis is no tag\n")
        + ("TY  - ZZZ\nTI  - Zonder jaar\n")
    )
    reading = read(tmp_path, text)
    assert [p.render("en") for p in reading.problems] == [
        "refs.ris:1: RIS field outside a record (a record starts with 'TY  - ' and ends with "
        "'ER  - '); ignored",
        "refs.ris:21: line is not a RIS field (expected 'XX  - value'); ignored",
        "refs.ris:24: RIS record starts here but does not end with 'ER  - '; read anyway",
        "refs.ris:24: RIS record 'anonndzonder' has an unknown type 'ZZZ'; read as @misc",
        "refs.ris:24: entry 'anonndzonder' lacks the field 'year'",
    ]
    assert len(reading.references) == 3
    assert reading.references[2].title == "Zonder jaar"


def test_not_ris(tmp_path: Path) -> None:
    reading = read(tmp_path, "hello\n")
    assert [p.render("en") for p in reading.problems] == [
        "refs.ris: file contains no RIS records (expected lines such as 'TY  - JOUR')",
        "refs.ris:1: line is not a RIS field (expected 'XX  - value'); ignored",
    ]
    assert reading.unreadable
