"""De-duplication across libraries: DOI first, then title + first author + year."""

from __future__ import annotations

from watwerkt.library.dedupe import RecordId, find_duplicates
from watwerkt.model import Person, Reference

JANSEN = (Person(family="Jansen", given="Jan"),)
ZWET = (Person(family="Zwet", particle="van der", given="R."),)


def ref(key: str, file: str = "a.bib", line: int = 1, **fields: object) -> Reference:
    base: dict[str, object] = {
        "title": "Samen eten tegen eenzaamheid",
        "year": 2019,
        "authors": JANSEN,
    }
    base.update(fields)
    return Reference(key=key, source_file=file, source_line=line, **base)  # type: ignore[arg-type]


def test_doi_rule_matches_across_spellings_and_libraries() -> None:
    records = [
        ref("a", doi="10.1000/abc", title="Een titel"),
        ref("b", file="b.ris", line=7, doi="https://doi.org/10.1000/ABC", title="Andere titel"),
        ref("c", doi="10.1000/other", title="Nog een titel"),
    ]
    (group,) = find_duplicates(records)
    assert group.keys == ("a", "b")
    assert group.rules == ("doi",)
    assert group.removed == (RecordId("b", "b.ris", 7),)
    assert group.to_dict() == {
        "keys": ["a", "b"],
        "rules": ["doi"],
        "kept": {"key": "a", "file": "a.bib", "line": 1},
        "removed": [{"key": "b", "file": "b.ris", "line": 7}],
    }


def test_title_author_year_rule_ignores_case_punctuation_and_particle_splitting() -> None:
    records = [
        ref("a", authors=ZWET, title="Samen eten tegen eenzaamheid."),
        ref(
            "b",
            authors=(Person(family="Van der Zwet", given="Renske"),),  # particle not split
            title="SAMEN ETEN TEGEN EENZAAMHEID",
        ),
        ref("c", authors=ZWET, title="Samen eten tegen eenzaamheid", year=2020),  # other year
        ref("d", authors=JANSEN, title="Samen eten tegen eenzaamheid"),  # other author
    ]
    assert [(g.keys, g.rules) for g in find_duplicates(records)] == [
        (("a", "b"), ("title_author_year",))
    ]


def test_two_different_dois_are_two_works_even_with_the_same_title() -> None:
    records = [
        ref("pre", doi="10.31234/osf.io/abcd"),
        ref("art", doi="10.1000/abc"),
        ref("plain1"),
        ref("plain2"),
    ]
    assert [g.keys for g in find_duplicates(records)] == [("plain1", "plain2")]


def test_rules_combine_transitively_and_prefer_picks_the_kept_record() -> None:
    records = [
        ref("a", doi="10.1000/x"),
        ref("b", doi="10.1000/X", title="Iets anders"),
        ref("c"),  # same title/author/year as a, no DOI
    ]
    (group,) = find_duplicates(records, prefer=lambda r: r.key == "c")
    assert group.kept.key == "c"
    assert sorted(group.keys) == ["a", "b", "c"]
    assert group.rules == ("doi", "title_author_year")


def test_result_does_not_depend_on_order_of_unrelated_records() -> None:
    records = [
        ref(f"k{i}", title=f"Unieke titel nummer {i}", doi=f"10.1000/{i}") for i in range(200)
    ]
    records += [ref("dup", doi="10.1000/42", title="x")]
    shuffled = records[::-1][100:] + records[::-1][:100]  # reversed and rotated
    groups = find_duplicates(shuffled)
    assert [sorted(g.keys) for g in groups] == [["dup", "k42"]]
