"""Coding sheets: a status/reason column as a second way to exclude references."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.synthesis.test_evidence import BIB, HEADER, ROWS, make
from watwerkt.messages import set_language
from watwerkt.synthesis.evidence import ReferenceStatus, collect_evidence

EXTRA = "\n@article{extra2018, author = {Bakker, B.}, title = {Extra}, year = {2018}}\n"
STATUS_HEADER = HEADER.replace("\n", ",status,reason,stage\n")
INCLUDED = [row.replace("\n", ",,,\n") for row in ROWS]
EMPTY = ",,,,,,,,,"  # outcome … principles


@pytest.fixture(autouse=True)
def _english() -> object:
    set_language("en")
    yield
    set_language("nl")


def problems(folder: Path) -> list[str]:
    return [p.render("en") for p in collect_evidence(folder, cwd=folder).problems]


def test_excluded_row_accounts_for_its_reference(tmp_path: Path) -> None:
    rows = [*INCLUDED, f"extra2018,extra2018{EMPTY},excluded,Geen controlegroep,screening\n"]
    folder = make(tmp_path, bib=BIB + EXTRA, rows=rows, header=STATUS_HEADER)
    evidence = collect_evidence(folder, cwd=folder)
    assert evidence.problems == []
    record = next(r for r in evidence.audit if r.key == "extra2018")
    assert (record.status, record.reason, record.stage) == (
        ReferenceStatus.EXCLUDED,
        "Geen controlegroep",
        "screening",
    )
    assert len(evidence.effects) == 2  # the exclusion row is not an effect


def test_status_column_problems_are_row_numbered(tmp_path: Path) -> None:
    rows = [
        *INCLUDED,
        f"extra2018,extra2018{EMPTY},excluded,,\n",  # no reason
        f",{EMPTY},excluded,Geen data,\n",  # no reference
        f"extra2018,extra2018{EMPTY},excluded,Geen data,intake\n",  # unknown stage
        f"jansen2019,jansen2019{EMPTY},excluded,Toch niet,\n",  # but coded on row 2
        f"review2020,review2020{EMPTY},excluded,Review,\n",  # and excluded in dossier.yaml
        ROWS[1].replace("\n", ",uitgesloten,,\n"),  # not a status
    ]
    assert problems(make(tmp_path, bib=BIB + EXTRA, rows=rows, header=STATUS_HEADER)) == [
        "coding.csv:4: a row with status 'excluded' needs a reason in the column 'reason'",
        "coding.csv:5: a row with status 'excluded' names no reference in the column 'references'",
        "coding.csv:6: field 'stage': expected one of 'screening', 'full_text', got 'intake'",
        "coding.csv:7: reference 'jansen2019' is excluded on this row but also coded (row 2 of "
        "coding.csv); choose one",
        "coding.csv:8: reference 'review2020' is already excluded in dossier.yaml; exclude it "
        "in one place",
        "coding.csv:9: field 'status': expected one of 'included', 'excluded', got 'uitgesloten'",
        "refs.bib:21: reference 'extra2018' is unaccounted for: code it in a coding sheet or "
        "exclude it with a reason (exclusions in dossier.yaml)",
    ]


def test_status_column_in_xlsx(tmp_path: Path) -> None:
    import openpyxl

    rows = [*INCLUDED, f"extra2018,extra2018{EMPTY},excluded,Geen controlegroep,\n"]
    folder = make(tmp_path, bib=BIB + EXTRA, rows=rows, header=STATUS_HEADER)
    book = openpyxl.Workbook()
    sheet = book.active
    for line in (STATUS_HEADER + "".join(rows)).splitlines():
        sheet.append([cell or None for cell in line.split(",")])
    book.save(folder / "coding.xlsx")
    text = (folder / "dossier.yaml").read_text(encoding="utf-8")
    (folder / "dossier.yaml").write_text(text.replace("coding.csv", "coding.xlsx"), "utf-8")
    evidence = collect_evidence(folder, cwd=folder)
    assert evidence.problems == []
    record = next(r for r in evidence.audit if r.key == "extra2018")
    assert (record.status, record.stage) == (ReferenceStatus.EXCLUDED, "full_text")


def test_damaged_xlsx_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    from watwerkt.coding.table import read_table

    path = tmp_path / "coding.xlsx"
    path.write_bytes(b"this is not a zip file")
    table = read_table(path, "coding.xlsx")
    assert [p.render("en") for p in table.problems] == [
        "coding.xlsx: Excel file cannot be read (File is not a zip file); save it again as .xlsx"
    ]
