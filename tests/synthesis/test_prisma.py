"""PRISMA 2020 counts and duplicates across libraries, from the audit (synthetic dossiers).

Every expected number is counted by hand from the fixture: which records are
in which library, which are coded, excluded (and at which stage) or duplicate.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.coding.test_status import EMPTY, EXTRA, INCLUDED, STATUS_HEADER
from tests.conftest import EXAMPLE_DOSSIER
from tests.files.test_dossier_file import MINIMAL
from tests.synthesis.test_evidence import BIB, make
from watwerkt.messages import set_language
from watwerkt.synthesis.evidence import ReferenceStatus, collect_evidence
from watwerkt.synthesis.prisma import PrismaCounts, prisma_counts

TWO_LIBRARIES = MINIMAL.replace(
    "libraries:\n  - refs.bib\n", "libraries:\n  - refs.bib\n  - more.ris\n"
)
# The same article as jansen2019 in refs.bib (same DOI, other spelling), and a new one.
RIS = """\
TY  - JOUR
AU  - Jansen, Jan
AU  - van der Zwet, Renske
TI  - Samen eten tegen eenzaamheid
PY  - 2019
DO  - 10.1000/abc
ER  -
TY  - JOUR
ID  - pietersen2021
AU  - Pietersen, Karin
TI  - Iets heel anders
PY  - 2021
ER  -
"""


@pytest.fixture(autouse=True)
def _english() -> object:
    set_language("en")
    yield
    set_language("nl")


def test_counts_with_screening_and_full_text_exclusions(tmp_path: Path) -> None:
    rows = [*INCLUDED, f"extra2018,extra2018{EMPTY},excluded,Geen controlegroep,screening\n"]
    folder = make(tmp_path, bib=BIB + EXTRA, rows=rows, header=STATUS_HEADER)
    counts = prisma_counts(collect_evidence(folder, cwd=folder))
    assert counts == PrismaCounts(
        identified=(("refs.bib", 4),),
        duplicates_removed=0,
        screened=4,
        excluded_screening=1,
        excluded_screening_reasons=(("Geen controlegroep", 1),),
        assessed=3,
        excluded_full_text=1,  # review2020 in dossier.yaml (default stage: full_text)
        excluded_full_text_reasons=(("Overzichtsstudie, geen primair onderzoek", 1),),
        reports_included=2,
        studies_included=2,
        studies_in_meta_analysis=1,  # pietersen2021 is coded by direction only
        effects_in_meta_analysis=1,
        unaccounted=0,
    )
    assert counts.identified_total == 4
    assert_every_record_in_one_box(counts)
    assert counts.summary("nl") == (
        "4 records gevonden, 0 dubbele verwijderd, 4 gescreend (1 uitgesloten), 3 volledig "
        "beoordeeld (1 uitgesloten), 2 studie(s) ingesloten (1 in een meta-analyse), "
        "0 niet verantwoord"
    )
    data = counts.to_dict()
    assert data["identified"] == {"refs.bib": 4}
    assert data["excluded_screening_reasons"] == [{"reason": "Geen controlegroep", "count": 1}]


def test_duplicate_across_libraries_is_removed_and_key_conflict_reported(tmp_path: Path) -> None:
    folder = make(tmp_path, yaml=TWO_LIBRARIES)
    (folder / "more.ris").write_text(RIS, encoding="utf-8")
    evidence = collect_evidence(folder, cwd=folder)
    assert [p.render("en") for p in evidence.problems] == [
        "more.ris:8: citation key 'pietersen2021' is also used in refs.bib:8 for a different "
        "work; give one of them another key",
    ]
    status = [(r.key, r.library, r.status, r.duplicate_of) for r in evidence.audit]
    assert status == [
        ("jansen2019", "refs.bib", ReferenceStatus.INCLUDED, ""),
        ("pietersen2021", "refs.bib", ReferenceStatus.INCLUDED, ""),
        ("review2020", "refs.bib", ReferenceStatus.EXCLUDED, ""),
        ("jansen2019samen", "more.ris", ReferenceStatus.DUPLICATE, "jansen2019"),
        ("pietersen2021", "more.ris", ReferenceStatus.UNACCOUNTED, ""),
    ]
    assert [g.rules for g in evidence.duplicates] == [("doi", "title_author_year")]
    counts = prisma_counts(evidence)
    assert counts.identified == (("refs.bib", 3), ("more.ris", 2))
    assert (counts.duplicates_removed, counts.screened, counts.unaccounted) == (1, 4, 1)
    assert_every_record_in_one_box(counts)


def assert_every_record_in_one_box(counts: PrismaCounts) -> None:
    boxes = (
        counts.duplicates_removed + counts.excluded_screening + counts.excluded_full_text
        + counts.reports_included + counts.unaccounted
    )  # fmt: skip
    assert boxes == counts.identified_total
    assert counts.assessed == counts.screened - counts.excluded_screening


def test_same_key_same_work_in_two_libraries_is_a_duplicate(tmp_path: Path) -> None:
    folder = make(tmp_path, yaml=TWO_LIBRARIES)
    (folder / "more.ris").write_text(RIS.split("TY  - JOUR\nID")[0].replace(
        "TY  - JOUR\n", "TY  - JOUR\nID  - jansen2019\n"), encoding="utf-8")  # fmt: skip
    evidence = collect_evidence(folder, cwd=folder)
    assert evidence.problems == []
    assert evidence.count(ReferenceStatus.DUPLICATE) == 1
    assert prisma_counts(evidence).duplicates_removed == 1


def test_example_dossier_counts() -> None:
    # Landenberger & Lipsey (2005): 60 records, 2 excluded at full text, 58 studies coded
    # with 2x2 tables (raw statistics), so all 58 are in the meta-analysis.
    counts = prisma_counts(collect_evidence(EXAMPLE_DOSSIER))
    assert counts.identified_total == 60
    assert (counts.duplicates_removed, counts.excluded_full_text, counts.unaccounted) == (0, 2, 0)
    assert (counts.studies_included, counts.studies_in_meta_analysis) == (58, 58)
