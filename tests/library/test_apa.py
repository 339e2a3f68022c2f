"""APA 7 formatting against the Publication Manual's own examples, and our Dutch particle rule.

Section numbers refer to the Publication Manual of the American Psychological
Association, 7th ed. (2020). The three reference examples are the manual's
chapter 10 examples (10.1 journal article; 10.2 authored book, edition left
out; 10.3 chapter in an edited book), typed in by hand from the manual.
"""

from __future__ import annotations

import pytest

from watwerkt.library.apa import format_reference, initials, reference_list
from watwerkt.model import Person, Reference

P = Person

GRADY = Reference(
    key="grady2019",
    authors=(P(family="Grady", given="J. S."), P(family="Her", given="M."),
             P(family="Moreno", given="G."), P(family="Perez", given="C."),
             P(family="Yelinek", given="J.")),
    year=2019,
    title="Emotions in storybooks: A comparison of storybooks that represent ethnic and racial "
    "groups in the United States",
    container="Psychology of Popular Media Culture", volume="8", issue="3", pages="207–217",
    doi="10.1037/ppm0000185",
)  # fmt: skip
JACKSON = Reference(
    key="jackson2019",
    entry_type="book",
    authors=(P(family="Jackson", given="Lynne M."),),
    year=2019,
    title="The psychology of prejudice: From attitudes to social action",
    publisher="American Psychological Association",
    doi="10.1037/0000168-000",
)
ARON = Reference(
    key="aron2019",
    entry_type="incollection",
    authors=(P(family="Aron", given="L."), P(family="Botella", given="M."),
             P(family="Lubart", given="T.")),
    editors=(P(family="Subotnik", given="Rena F."), P(family="Olszewski-Kubilius", given="P."),
             P(family="Worrell", given="F. C.")),
    year=2019,
    title="Culinary arts: Talent and their development",
    container="The psychology of high performance: Developing human potential into "
    "domain-specific talent",
    pages="345–359",
    publisher="American Psychological Association",
    doi="10.1037/0000120-016",
)  # fmt: skip


def test_journal_article_example_10_1() -> None:
    entry = format_reference(GRADY, lang="en")
    assert entry.text == (
        "Grady, J. S., Her, M., Moreno, G., Perez, C., & Yelinek, J. (2019). Emotions in "
        "storybooks: A comparison of storybooks that represent ethnic and racial groups in the "
        "United States. Psychology of Popular Media Culture, 8(3), 207–217. "
        "https://doi.org/10.1037/ppm0000185"
    )
    # Journal name and volume in italics, issue not (§9.25, §9.26)
    assert entry.html().count("<i>") == 1
    assert "<i>Psychology of Popular Media Culture, 8</i>(3)" in entry.html()


def test_book_example_10_2() -> None:
    entry = format_reference(JACKSON, lang="en")
    assert entry.text == (
        "Jackson, L. M. (2019). The psychology of prejudice: From attitudes to social action. "
        "American Psychological Association. https://doi.org/10.1037/0000168-000"
    )
    assert entry.markdown().startswith(
        "Jackson, L. M. (2019). *The psychology of prejudice: From attitudes to social action*."
    )


def test_chapter_in_edited_book_example_10_3() -> None:
    assert format_reference(ARON, lang="en").text == (
        "Aron, L., Botella, M., & Lubart, T. (2019). Culinary arts: Talent and their development. "
        "In R. F. Subotnik, P. Olszewski-Kubilius, & F. C. Worrell (Eds.), The psychology of high "
        "performance: Developing human potential into domain-specific talent (pp. 345–359). "
        "American Psychological Association. https://doi.org/10.1037/0000120-016"
    )


def test_in_text_author_rules_table_8_1() -> None:
    two = Reference(key="two", authors=(P(family="Jansen", given="J."),
                                        P(family="Zwet", particle="van der", given="R.")),
                    year=2020, title="T")  # fmt: skip
    refs = reference_list([GRADY, JACKSON, two], lang="en")
    assert refs.cite("jackson2019") == "(Jackson, 2019)"
    assert refs.cite("two") == "(Jansen & Van der Zwet, 2020)"
    assert refs.cite("two", narrative=True) == "Jansen and Van der Zwet (2020)"
    assert refs.cite("grady2019") == "(Grady et al., 2019)"  # three or more: first + et al.
    # §8.12: several works in reference-list order, separated by semicolons
    assert refs.cite("two", "jackson2019", "grady2019") == (
        "(Grady et al., 2019; Jackson, 2019; Jansen & Van der Zwet, 2020)"
    )
    nl = reference_list([two], lang="nl")
    assert nl.cite("two", narrative=True) == "Jansen en Van der Zwet (2020)"


def test_same_author_same_year_suffixes_8_19_and_9_47() -> None:
    # §9.47: same authors, same year: ordered by title without "A"/"The", then a, b …
    b = Reference(key="b", authors=(P(family="Jansen", given="J."),), year=2019,
                  title="Zorg dichtbij")  # fmt: skip
    a = Reference(
        key="a", authors=(P(family="Jansen", given="J."),), year=2019, title="The art of care"
    )  # fmt: skip (sorts as "art of care")
    other = Reference(key="c", authors=(P(family="Jansen", given="J."),), year=2020, title="X")
    refs = reference_list([b, a, other], lang="en")
    assert [e.key for e in refs.entries] == ["a", "b", "c"]
    assert [e.suffix for e in refs.entries] == ["a", "b", ""]
    assert refs.entries[1].text.startswith("Jansen, J. (2019b). Zorg dichtbij.")
    assert refs.cite("a", "b") == "(Jansen, 2019a, 2019b)"
    assert refs.cite("b", narrative=True) == "Jansen (2019b)"


def test_no_date_and_its_suffix() -> None:
    first = Reference(key="x", authors=(P(family="Vos", given="A."),), title="Een")
    second = Reference(key="y", authors=(P(family="Vos", given="A."),), title="Twee")
    dated = Reference(key="z", authors=(P(family="Vos", given="A."),), title="Drie", year=1990)
    refs = reference_list([dated, second, first], lang="en")
    assert [e.key for e in refs.entries] == ["x", "y", "z"]  # n.d. precedes dated works
    assert refs.entries[0].text == "Vos, A. (n.d.-a). Een."
    assert refs.cite("y") == "(Vos, n.d.-b)"
    assert reference_list([dated, first], lang="nl").cite("x") == "(Vos, z.d.)"


DUTCH = [
    Reference(key="zwet", authors=(P(family="Zwet", particle="van der", given="Renske"),),
              year=2019, title="Eenzaamheid"),
    Reference(key="vos", authors=(P(family="Vos", given="Anna"),), year=2018, title="Buurt"),
    Reference(key="zeeman", authors=(P(family="Zeeman", given="Piet"),), year=2017, title="Zorg"),
    Reference(key="vries", authors=(P(family="Vries", particle="de", given="Jan"),), year=2016,
              title="Armoede"),
]  # fmt: skip


def test_dutch_particle_format_is_the_same_in_both_sort_orders() -> None:
    for order in ("particle", "family"):
        texts = {e.key: e.text for e in reference_list(DUTCH, "nl", order).entries}  # type: ignore[arg-type]
        assert texts["zwet"] == "Van der Zwet, R. (2019). Eenzaamheid."
        assert texts["vries"] == "De Vries, J. (2016). Armoede."


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("particle", ["vries", "zwet", "vos", "zeeman"]),  # De V…, Van der Z…, Vos, Zeeman
        ("family", ["vos", "vries", "zeeman", "zwet"]),  # Vos, (de) Vries, Zeeman, (van der) Zwet
    ],
)
def test_dutch_particle_sorting(order: str, expected: list[str]) -> None:
    assert [e.key for e in reference_list(DUTCH, "nl", order).entries] == expected  # type: ignore[arg-type]


def test_editor_particle_stays_lower_case_after_initials() -> None:
    chapter = Reference(key="h", entry_type="incollection", authors=(P(family="A", given="B."),),
                        editors=(P(family="Zwet", particle="van der", given="Renske"),),
                        year=2020, title="H", container="Bundel", pages="1–9")  # fmt: skip
    assert format_reference(chapter, lang="nl").text == (
        "A, B. (2020). H. In R. van der Zwet (Red.), Bundel (pp. 1–9)."
    )


def test_author_list_of_21_or_more_9_8() -> None:
    people = tuple(P(family=f"Auteur{i:02d}", given="A.") for i in range(1, 23))
    text = format_reference(Reference(key="big", authors=people, year=2020, title="T")).text
    assert text.startswith("Auteur01, A., Auteur02, A., ")
    assert "Auteur19, A., . . . Auteur22, A. (2020)." in text
    assert "Auteur20" not in text
    assert "Auteur21" not in text


def test_no_author_title_moves_forward_and_html_is_escaped() -> None:
    ref = Reference(key="n", entry_type="misc", title="<script>x</script> & co", year=2021,
                    url="https://x.nl/?a=1&b=2")  # fmt: skip
    entry = format_reference(ref, lang="en")
    assert entry.text == "<script>x</script> & co. (2021). https://x.nl/?a=1&b=2"
    assert entry.html() == (
        "<i>&lt;script&gt;x&lt;/script&gt; &amp; co</i>. (2021). https://x.nl/?a=1&amp;b=2"
    )


def test_initials() -> None:
    assert initials("Jan-Willem Piet") == "J.-W. P."
    assert initials("R.F.") == "R. F."
    assert initials("renske") == "R."


def test_et_al_citations_that_would_read_alike_name_more_authors_8_18() -> None:
    # The manual's §8.18 example: both would be "Kapoor et al. (2017)".
    montez = Reference(
        key="k1",
        year=2017,
        title="A",
        authors=tuple(
            P(family=f, given="A.") for f in ("Kapoor", "Bloom", "Montez", "Warner", "Hill")
        ),
    )
    zucker = Reference(key="k2", year=2017, title="B", authors=tuple(
        P(family=f, given="A.") for f in ("Kapoor", "Bloom", "Zucker", "Tang", "Köroğlu",
                                         "L'Enfant", "Kim", "Daly")))  # fmt: skip
    refs = reference_list([montez, zucker], lang="en")
    assert refs.cite("k1") == "(Kapoor, Bloom, Montez, et al., 2017)"
    assert refs.cite("k2", narrative=True) == "Kapoor, Bloom, Zucker, et al. (2017)"
    # Only the last author differs: all names, no "et al."
    c = Reference(
        key="c",
        year=2017,
        title="C",
        authors=tuple(
            P(family=f, given="A.") for f in ("Kapoor", "Bloom", "Montez", "Warner", "Ng")
        ),
    )
    refs = reference_list([montez, c], lang="en")
    assert refs.cite("c") == "(Kapoor, Bloom, Montez, Warner, & Ng, 2017)"
    assert refs.cite("k1", narrative=True) == "Kapoor, Bloom, Montez, Warner, and Hill (2017)"


def test_edition_of_a_book_follows_the_title() -> None:
    """APA 7 §10.2, example 20: "… (2nd ed.)." after the italic title."""
    from watwerkt.library.apa import format_reference
    from watwerkt.model import Person, Reference

    book = Reference(
        key="b",
        entry_type="book",
        authors=(Person(family="Jansen", given="J."),),
        year=2020,
        title="Samen tegen eenzaamheid",
        edition="2",
        publisher="Movisie",
    )
    assert format_reference(book, lang="en").text == (
        "Jansen, J. (2020). Samen tegen eenzaamheid (2nd ed.). Movisie."
    )
    assert format_reference(book, lang="nl").text == (
        "Jansen, J. (2020). Samen tegen eenzaamheid (2e dr.). Movisie."
    )


def test_truncated_author_list_says_et_al_in_list_and_citation() -> None:
    # BibTeX "Greene and others": the dataset knows only the first author.
    greene = Reference(key="greene1991", authors=(P(family="Greene"),), authors_truncated=True,
                       year=1991, title="T")  # fmt: skip
    horton = Reference(key="horton1990", authors=(P(family="Horton", given="Ann"),
                                                  P(family="Lee", given="B.")),
                       authors_truncated=True, year=1990, title="U")  # fmt: skip
    refs = reference_list([greene, horton], lang="en")
    assert refs.entry("greene1991").text == "Greene et al. (1991). T."
    assert refs.entry("horton1990").text == "Horton, A., Lee, B., et al. (1990). U."
    assert refs.cite("greene1991") == "(Greene et al., 1991)"
    assert refs.cite("horton1990", narrative=True) == "Horton et al. (1990)"


def test_two_authors_without_initials_take_no_comma_before_ampersand() -> None:
    bell = Reference(key="bell1985", authors=(P(family="Bell"), P(family="Bell")), year=1985,
                     title="Math")  # fmt: skip
    # the author element ends with a period (§9.8), as after a group author
    assert format_reference(bell, lang="en").text == "Bell & Bell. (1985). Math."
    two = Reference(key="two", authors=(P(family="Jansen", given="J."), P(family="Bell")),
                    year=2020, title="T")  # fmt: skip
    assert format_reference(two, lang="en").text == "Jansen, J., & Bell. (2020). T."
