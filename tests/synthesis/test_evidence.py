"""check's evidence base: coding sheets, BibTeX libraries and the reference audit.

The small dossiers here are synthetic test fixtures, not data.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.files.test_dossier_file import MINIMAL
from watwerkt.messages import set_language
from watwerkt.synthesis.evidence import ReferenceStatus, collect_evidence

BIB = textwrap.dedent(
    """\
    @article{jansen2019,
      author = {Jansen, Jan and van der Zwet, Renske},
      title = {Samen eten tegen eenzaamheid},
      journal = {Tijdschrift voor Sociale Vraagstukken},
      year = {2019}, doi = {https://doi.org/10.1000/ABC}
    }

    @article{pietersen2021,
      author = {Pietersen, Piet},
      title = {Buurtcirkels},
      journal = {Journal of Loneliness},
      year = {2021}
    }

    @book{review2020,
      author = {de Vries, Anna},
      title = {Een overzicht},
      year = {2020}
    }
    """
)

HEADER = "study,references,outcome,design,n,measure,yi,vi,direction,principle:contact,principles\n"
ROWS = [
    "jansen2019,jansen2019,eenzaamheid,rct,120,SMD,-0.31,0.034,,1,\n",
    "pietersen2021,pietersen2021,eenzaamheid,quasi_experiment,80,,,,favours_intervention,0,zingeving\n",
]
EXCLUSIONS = (
    "exclusions:\n  - reference: review2020\n    reason: Overzichtsstudie, geen primair onderzoek\n"
)


@pytest.fixture(autouse=True)
def _english() -> object:
    set_language("en")
    yield
    set_language("nl")


def make(
    tmp_path: Path,
    *,
    yaml: str | None = None,
    bib: str = BIB,
    rows: list[str] | None = None,
    header: str = HEADER,
) -> Path:
    text = (yaml if yaml is not None else MINIMAL) + "coding_sheets:\n  - coding.csv\n" + EXCLUSIONS
    (tmp_path / "dossier.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "coding.csv").write_text(
        header + "".join(ROWS if rows is None else rows), encoding="utf-8"
    )
    return tmp_path


def problems(folder: Path) -> list[str]:
    return [p.render("en") for p in collect_evidence(folder, cwd=folder).problems]


def test_valid_dossier_accounts_for_every_reference(tmp_path: Path) -> None:
    evidence = collect_evidence(make(tmp_path), cwd=tmp_path)
    assert evidence.problems == []
    status = {r.key: r.status for r in evidence.audit}
    assert status == {
        "jansen2019": ReferenceStatus.INCLUDED,
        "pietersen2021": ReferenceStatus.INCLUDED,
        "review2020": ReferenceStatus.EXCLUDED,
    }
    first, second = (e.estimate for e in evidence.effects)
    assert (first.principles, first.kind) == (("contact",), "effect_size")
    assert (second.principles, second.kind) == (("zingeving",), "direction")
    assert evidence.studies["jansen2019"].n == 120
    jansen = evidence.references["jansen2019"]
    assert jansen.doi == "10.1000/abc"
    assert (jansen.authors[1].particle, jansen.authors[1].family) == ("van der", "Zwet")


def test_unknown_principle_in_sheet(tmp_path: Path) -> None:
    rows = [ROWS[0], ROWS[1].replace("zingeving", "zingevng")]
    header = HEADER.replace("principle:contact", "principle:kontakt")
    assert problems(make(tmp_path, rows=rows, header=header)) == [
        "coding.csv:1: working principle 'kontakt' is not defined in dossier.yaml; "
        "did you mean 'contact'?",
    ]
    assert problems(make(tmp_path, rows=rows)) == [
        "coding.csv:3: working principle 'zingevng' is not defined in dossier.yaml; "
        "did you mean 'zingeving'?",
    ]


def test_bad_rows_are_all_reported_with_row_and_column(tmp_path: Path) -> None:
    rows = [
        ROWS[0].replace(",rct,", ",rtc,"),
        ROWS[1].replace(",80,", ",-3,"),
        ROWS[1],
        ROWS[1],
        "jansen2019,jansen2019,eenzaamheid,rct,120,SMD,0.2,,,1,\n",
    ]
    assert problems(make(tmp_path, rows=rows)) == [
        "coding.csv:2: field 'design': expected one of 'rct', 'cluster_rct', 'quasi_experiment', "
        "'pre_post', 'cohort', 'case_control', 'cross_sectional', 'qualitative', 'mixed_methods', "
        "'systematic_review', 'meta_analysis', 'other', got 'rtc'",
        "coding.csv:3: field 'n': expected a value ≥ 1, got '-3'",
        "coding.csv:5: row is an exact duplicate of row 4",
        "coding.csv:6: field '(document)': yi and vi belong together: give both or neither",
    ]


def test_study_details_must_agree(tmp_path: Path) -> None:
    rows = [ROWS[0], ROWS[0].replace(",rct,", ",cohort,").replace("-0.31", "-0.2"), ROWS[1]]
    assert problems(make(tmp_path, rows=rows)) == [
        "coding.csv:3: study 'jansen2019' has design='cohort' here, but 'rct' on row 2; study "
        "details must agree on every row of a study",
    ]


def test_missing_and_unknown_columns(tmp_path: Path) -> None:
    header = HEADER.replace("design,", "desing,")
    assert problems(make(tmp_path, header=header)) == [
        "coding.csv:1: unknown column 'desing'; did you mean 'design'?; columns for working "
        "principles are named 'principle:<id>'",
        "coding.csv:1: required column 'design' is missing from the header row",
    ]


def test_unaccounted_and_unknown_references(tmp_path: Path) -> None:
    rows = [ROWS[0].replace("jansen2019,jansen2019", "jansen2019,jansen2091")]
    assert problems(make(tmp_path, rows=rows)) == [
        "coding.csv:2: reference 'jansen2091' is in none of the dossier's BibTeX libraries; "
        "did you mean 'jansen2019'?",
        "refs.bib:1: reference 'jansen2019' is unaccounted for: code it in a coding sheet or "
        "exclude it with a reason (exclusions in dossier.yaml)",
        "refs.bib:8: reference 'pietersen2021' is unaccounted for: code it in a coding sheet or "
        "exclude it with a reason (exclusions in dossier.yaml)",
    ]


def test_excluded_and_coded_is_a_contradiction(tmp_path: Path) -> None:
    rows = [*ROWS, "review2020,review2020,eenzaamheid,systematic_review,,,,,no_difference,0,\n"]
    assert problems(make(tmp_path, rows=rows)) == [
        "dossier.yaml:24: reference 'review2020' is excluded in dossier.yaml but also coded "
        "(row 4 of coding.csv); choose one",
    ]


def test_bibtex_problems_keep_the_rest(tmp_path: Path) -> None:
    bib = (
        BIB.replace("title = {Buurtcirkels},", "title = {Buurtcirkels,")
        + "@misc{jansen2019, title={dup}, year=2000}\n"
    )
    found = problems(make(tmp_path, bib=bib))
    assert len(found) == 3
    assert (
        found[0]
        == "coding.csv:3: reference 'pietersen2021' is in none of the dossier's BibTeX libraries"
    )
    assert found[1].startswith("refs.bib:8: BibTeX entry could not be read (")
    assert found[2] == "refs.bib:20: citation key 'jansen2019' appears twice (first on line 1)"
    evidence = collect_evidence(tmp_path, cwd=tmp_path)
    assert set(evidence.references) == {"jansen2019", "review2020"}


def test_bibtex_not_utf8_and_missing_fields(tmp_path: Path) -> None:
    bib = BIB.replace("year = {2021}", "year = {around 2021}").replace(
        "title = {Een overzicht},\n", ""
    )
    found = problems(make(tmp_path, bib=bib))
    assert (
        "refs.bib:8: entry 'pietersen2021': field 'year' expected YYYY, got 'around 2021'" in found
    )
    assert "refs.bib:15: entry 'review2020' lacks the field 'title'" in found
    (tmp_path / "refs.bib").write_bytes(
        "@article{x, title={caf\u00e9}, year=2000}".encode("latin-1")
    )
    # Deliberate change (issue 5): a cp1252/latin-1 library is read, and reported.
    found = problems(tmp_path)
    assert (
        "refs.bib:1: file is not valid UTF-8 (invalid byte at position 22); read as cp1252: "
        "check accented letters and save it as UTF-8"
    ) in found
    assert collect_evidence(tmp_path, cwd=tmp_path).references["x"].title == "café"


def test_invalid_dossier_still_checks_the_other_files(tmp_path: Path) -> None:
    yaml = MINIMAL.replace("title:", "titel:")
    rows = [ROWS[0].replace(",rct,", ",rtc,"), ROWS[1]]
    found = problems(make(tmp_path, yaml=yaml, rows=rows))
    assert "dossier.yaml:1: required field 'title' is missing" in found
    assert "dossier.yaml:2: unknown field 'titel'; did you mean 'title'?" in found
    assert any(p.startswith("coding.csv:2: field 'design'") for p in found)


def test_semicolon_csv_and_xlsx(tmp_path: Path) -> None:
    import openpyxl

    make(tmp_path)
    csv_text = (tmp_path / "coding.csv").read_text(encoding="utf-8")
    (tmp_path / "coding.csv").write_text(
        csv_text.replace(",", ";").replace("-0.31", "-0,31").replace("0.034", "0,034"),
        encoding="utf-8",
    )
    semicolon = collect_evidence(tmp_path, cwd=tmp_path)  # Dutch Excel: ';' and decimal commas
    assert semicolon.problems == []
    assert (semicolon.effects[0].estimate.yi, semicolon.effects[0].estimate.vi) == (-0.31, 0.034)

    book = openpyxl.Workbook()
    sheet = book.active
    for line in (HEADER + "".join(ROWS)).splitlines():
        sheet.append([cell or None for cell in line.split(",")])
    book.save(tmp_path / "coding.xlsx")
    text = (
        (tmp_path / "dossier.yaml").read_text(encoding="utf-8").replace("coding.csv", "coding.xlsx")
    )
    (tmp_path / "dossier.yaml").write_text(text, encoding="utf-8")
    evidence = collect_evidence(tmp_path, cwd=tmp_path)
    assert evidence.problems == []
    assert [e.estimate.yi for e in evidence.effects] == [-0.31, None]


def test_indirectness_column_is_read_per_row(tmp_path: Path) -> None:
    rows = [
        "jansen2019,jansen2019,eenzaamheid,rct,120,SMD,-0.31,0.034,,1,,serious\n",
        "pietersen2021,pietersen2021,eenzaamheid,quasi_experiment,80,,,,favours_intervention,"
        "0,zingeving,\n",
    ]
    folder = make(tmp_path, rows=rows, header=HEADER.rstrip("\n") + ",indirectness\n")
    evidence = collect_evidence(folder, cwd=folder)
    assert evidence.problems == []
    first, second = (e.estimate for e in evidence.effects)
    assert (first.indirectness, second.indirectness) == ("serious", None)


def test_indirectness_column_rejects_other_values(tmp_path: Path) -> None:
    rows = ["jansen2019,jansen2019,eenzaamheid,rct,120,SMD,-0.31,0.034,,1,,somewhat\n"]
    folder = make(tmp_path, rows=rows, header=HEADER.rstrip("\n") + ",indirectness\n")
    assert (
        "coding.csv:2: field 'indirectness': expected one of 'none', 'serious', "
        "'very_serious', got 'somewhat'"
    ) in problems(folder)


def test_one_work_coded_as_two_studies_is_double_counting(tmp_path: Path) -> None:
    bib = BIB + textwrap.dedent(
        """\

        @article{jansen2019b,
          author = {Jansen, J.},
          title = {Samen eten tegen eenzaamheid: de reprint},
          journal = {Andere bundel},
          year = {2019}, doi = {10.1000/abc}
        }
        """
    )
    twice = [*ROWS, "jansen-bis,jansen2019b,eenzaamheid,rct,120,SMD,-0.31,0.034,,1,\n"]
    assert problems(make(tmp_path, bib=bib, rows=twice)) == [
        "coding.csv:4: references jansen2019, jansen2019b are the same work "
        "(doi, title_author_year) but coded as "
        "different studies (jansen-bis, jansen2019); their participants would count twice. "
        "Code them under one study id or exclude one with a reason",
    ]
    # Two reports of one study, coded under one study id: fine.
    once = [*ROWS, "jansen2019,jansen2019b,eenzaamheid,rct,120,SMD,-0.2,0.034,,1,\n"]
    assert problems(make(tmp_path, bib=bib, rows=once)) == []
