"""APA 7 reference lists and in-text citations, with Dutch name particles.

The renderer asks for a :class:`ReferenceList` (sorted, with a/b suffixes for
works by the same authors in the same year) and cites from it, so in-text
citations and list entries always agree.

Dutch particles
---------------
A particle ("van der", "de") is stored in lower case on :class:`Person`.
Following Dutch spelling, it takes a capital when no initials precede it:
"Van der Zwet, R." in the list, "(Van der Zwet, 2019)" in the text, but
"R. van der Zwet (Ed.)" for an editor, whose initials come first.

Where such a name is *sorted* is a choice (``particle_sort``):

``"particle"`` (default)
    Under V, letter by letter as printed ("Van der Zwet" before "Vos"). This
    is APA's rule (§§9.43–9.44: alphabetise letter by letter on the surname
    as it is printed, prefix included) and what Dutch university APA guides
    teach; a reader finds the entry where its first printed letter says.
``"family"``
    Under Z, by the main part of the name ("Zeeman" before "Van der Zwet"),
    as Dutch library catalogues and telephone books do.

Notes
-----
Section numbers refer to the Publication Manual of the American Psychological
Association, 7th edition (2020). Editions follow the title (§10.2). Not
implemented: translators, and abbreviation of group authors.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from watwerkt.library.normalise import fold, normalise_doi
from watwerkt.messages import get_language, message
from watwerkt.model import Person, Reference

ParticleSort = Literal["particle", "family"]

#: Entry types whose title is a whole work, set in italics (§9.19).
_STANDALONE = frozenset(
    {"book", "booklet", "manual", "mvbook", "proceedings", "collection", "techreport",
     "report", "phdthesis", "mastersthesis", "thesis", "misc", "online", "electronic", "www",
     "dataset", "software", "unpublished", "periodical", "standard", "reference"}
)  # fmt: skip
_PART_OF = frozenset({"incollection", "inbook", "inproceedings", "conference", "bookinbook"})
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the|de|het|een)\s+", re.IGNORECASE)
_MAX_LISTED = 20  # §9.8: up to 20 authors are listed; from 21 on, 19 … last


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text, in italics or not."""

    text: str
    italic: bool = False


@dataclass(frozen=True, slots=True)
class ApaEntry:
    """One formatted reference-list entry.

    ``runs`` keep italics apart from the text so that each renderer marks them
    up its own way; :attr:`text` is the plain string and :meth:`html` escapes
    the (untrusted) text before adding ``<i>`` tags.
    """

    reference: Reference
    suffix: str
    runs: tuple[Run, ...]

    @property
    def key(self) -> str:
        """Return the citation key."""
        return self.reference.key

    @property
    def text(self) -> str:
        """Return the entry as plain text."""
        return "".join(r.text for r in self.runs)

    def html(self) -> str:
        """Return the entry as HTML with ``<i>`` for italics; all text is escaped."""
        return "".join(
            f"<i>{html.escape(r.text)}</i>" if r.italic else html.escape(r.text) for r in self.runs
        )

    def markdown(self) -> str:
        """Return the entry as Markdown with ``*`` for italics."""
        return "".join(f"*{r.text}*" if r.italic and r.text else r.text for r in self.runs)

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data."""
        return {"key": self.key, "suffix": self.suffix, "text": self.text, "html": self.html()}


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].isalpha() else text


def surname(person: Person) -> str:
    """Return the surname as cited without initials: particle capitalised (Dutch rule).

    Examples
    --------
    >>> surname(Person(family="Zwet", particle="van der"))
    'Van der Zwet'
    """
    if not person.particle:
        return person.family
    return f"{_capitalise(person.particle)} {person.family}"


def initials(given: str) -> str:
    """Return initials as APA writes them (§9.8): "Jan-Willem Piet" → "J.-W. P.".

    Examples
    --------
    >>> initials("Jan-Willem Piet"), initials("R."), initials("")
    ('J.-W. P.', 'R.', '')
    """
    out = []
    for word in given.replace(".", ". ").split():
        parts = [p for p in word.split("-") if p]
        letters = [p[0].upper() + "." for p in parts if p[0].isalpha()]
        if letters:
            out.append("-".join(letters))
    return " ".join(out)


def _inverted(person: Person) -> str:
    """Return "Van der Zwet, R." (list form); a group author has no initials."""
    name = surname(person)
    if person.suffix:
        name = f"{name}, {initials(person.given)}, {person.suffix}" if person.given else name
    elif person.given:
        name = f"{name}, {initials(person.given)}"
    return name


def _direct(person: Person) -> str:
    """Return "R. van der Zwet" (editor form: initials first, particle in lower case)."""
    parts = [initials(person.given), person.particle, person.family]
    return " ".join(p for p in parts if p)


def _join_list(names: list[str]) -> str:
    """Join author names as §9.8 does: "A, B, & C"; 21 or more: first 19, "…", last."""
    if len(names) > _MAX_LISTED:
        return ", ".join(names[:19]) + ", . . . " + names[-1]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        # §9.8 puts a comma before "&" because inverted names carry initials ("A, B., &
        # C, D."); two names without initials (group authors, unknown initials) take none.
        return f"{names[0]}, & {names[1]}" if "," in names[0] else f"{names[0]} & {names[1]}"
    return ", ".join(names[:-1]) + f", & {names[-1]}"


def _author_list(reference: Reference, lang: str | None) -> str:
    """Return the author element of a reference-list entry.

    A list truncated in the source ('and others') ends in "et al." so the entry
    does not pretend the listed authors are all of them.

    Examples
    --------
    >>> one = Reference(key="g", authors=(Person(family="Greene"),), authors_truncated=True)
    >>> _author_list(one, "en")
    'Greene et al.'
    >>> two = Reference(key="h", authors=(Person(family="Horton", given="Ann"),
    ...     Person(family="Bell", given="B.")), authors_truncated=True)
    >>> _author_list(two, "en")
    'Horton, A., Bell, B., et al.'
    """
    names = [_inverted(p) for p in reference.authors]
    if not reference.authors_truncated:
        return _join_list(names)
    et_al = message("apa.et_al", lang)
    if len(names) == 1 and not reference.authors[0].given:
        return f"{names[0]} {et_al}"
    return ", ".join(names) + f", {et_al}"


def _join_editors(names: list[str]) -> str:
    if len(names) <= 2:
        return " & ".join(names)
    return ", ".join(names[:-1]) + f", & {names[-1]}"


def _end(text: str) -> str:
    """End an element with a period unless it ends with . ? or !."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _date(reference: Reference, suffix: str, lang: str | None) -> str:
    if reference.year is None:
        return f"({message('apa.no_date', lang)}{'-' + suffix if suffix else ''})."
    return f"({reference.year}{suffix})."


def _doi_or_url(reference: Reference) -> str:
    """Return the DOI as https://doi.org/… (§9.35), else the URL, else ""."""
    doi = normalise_doi(reference.doi)
    if doi:
        return f"https://doi.org/{doi}"
    return reference.url


def _pages(pages: str, lang: str | None) -> str:
    if not pages:
        return ""
    word = "apa.pages" if "–" in pages or "-" in pages or "," in pages else "apa.page"
    return f"{message(word, lang)} {pages}"


def format_reference(reference: Reference, suffix: str = "", lang: str | None = None) -> ApaEntry:
    """Format one reference as an APA 7 reference-list entry (chapter 10 templates).

    Parameters
    ----------
    reference : Reference
        The record.
    suffix : str
        Year suffix ("a", "b" …) from :func:`reference_list`.
    lang : str, optional
        ``"nl"`` or ``"en"`` for the few words APA adds ("n.d."/"z.d.", "Ed."/"Red.").

    Examples
    --------
    >>> ref = Reference(key="z", authors=(Person(family="Zwet", given="Renske",
    ...     particle="van der"),), year=2019, title="Samen eten", container="TSV",
    ...     volume="3", issue="2", pages="1–10", doi="10.1000/ABC")
    >>> format_reference(ref, lang="en").text
    'Van der Zwet, R. (2019). Samen eten. TSV, 3(2), 1–10. https://doi.org/10.1000/abc'
    """
    runs: list[Run] = []
    kind = reference.entry_type
    italic_title = kind in _STANDALONE or (kind not in _PART_OF and kind != "article")
    title = reference.title
    if reference.authors:
        runs.append(Run(_end(_author_list(reference, lang)) + " "))
        runs.append(Run(_date(reference, suffix, lang) + " "))
        if title:
            runs.append(Run(_title_text(reference), italic_title))
            runs.append(Run(_title_tail(reference, lang)))
    else:  # §9.12: the title moves to the author position
        runs.append(Run(_title_text(reference), italic_title))
        runs.append(Run(_title_tail(reference, lang)))
        runs.append(Run(" " + _date(reference, suffix, lang)))
    runs.extend(_source(reference, lang))
    link = _doi_or_url(reference)
    if link:
        runs.append(Run(" " + link))
    return ApaEntry(reference, suffix, tuple(_merge(runs)))


def _title_text(reference: Reference) -> str:
    """Return the title; the period follows in :func:`_title_tail` (outside the italics)."""
    return reference.title.rstrip(".").rstrip() or reference.key


def _title_tail(reference: Reference, lang: str | None) -> str:
    """Return what follows a title: a report number or thesis note, then the period."""
    kind = reference.entry_type
    tail = ""
    if kind in ("techreport", "report") and reference.issue:
        tail = f" ({message('apa.report_number', lang, number=reference.issue)})"
    elif kind in ("phdthesis", "mastersthesis", "thesis"):
        key = "apa.masters_thesis" if kind == "mastersthesis" else "apa.doctoral_thesis"
        school = reference.publisher or "?"
        tail = f" [{message(key, lang, school=school)}]"
    if reference.edition and kind not in ("article", *_PART_OF) and not tail:
        tail = f" ({_edition(reference.edition, lang)})"  # §10.2: "Title (2nd ed.)."
    title = reference.title.rstrip()
    if not tail and title.endswith(("?", "!")):
        return ""
    return tail + "."


def _edition(edition: str, lang: str | None) -> str:
    """Return '2nd ed.' (English) or '2e dr.' (Dutch) for an edition; other text as given."""
    text = edition.strip().rstrip(".")
    digits = re.sub(r"(?i)(st|nd|rd|th|e)$", "", text)
    if digits.isdigit():
        n = int(digits)
        if (lang or get_language()) == "nl":
            text = f"{n}e"  # Dutch ordinal: 2e druk
        else:
            suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
            text = f"{n}{suffix}"
    return message("apa.edition", lang, edition=text)


def _source(reference: Reference, lang: str | None) -> list[Run]:
    kind = reference.entry_type
    runs: list[Run] = []
    if kind == "article":
        if reference.container:
            runs.append(Run(" "))
            runs.append(Run(reference.container + (", " if reference.volume else ""), True))
            if reference.volume:
                runs.append(Run(reference.volume, True))
            if reference.issue:
                runs.append(Run(f"({reference.issue})"))
            if reference.pages:
                runs.append(Run(f", {reference.pages}"))
            runs.append(Run("."))
        return runs
    if kind in _PART_OF:
        runs.append(Run(f" {message('apa.in', lang)} "))
        if reference.editors:
            names = _join_editors([_direct(p) for p in reference.editors])
            role = message("apa.editors" if len(reference.editors) > 1 else "apa.editor", lang)
            runs.append(Run(f"{names} ({role}), "))
        runs.append(Run(reference.container or "?", True))
        pages = _pages(reference.pages, lang)
        runs.append(Run(f" ({pages})." if pages else "."))
    elif kind not in ("phdthesis", "mastersthesis", "thesis") and reference.container:
        runs.append(Run(f" {_end(reference.container)}"))
    if reference.publisher and kind not in ("phdthesis", "mastersthesis", "thesis"):
        runs.append(Run(f" {_end(reference.publisher)}"))
    return runs


def _merge(runs: Iterable[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if out and out[-1].italic == run.italic:
            out[-1] = Run(out[-1].text + run.text, run.italic)
        else:
            out.append(run)
    return out


def _name_key(person: Person, particle_sort: ParticleSort) -> tuple[str, str, str]:
    if particle_sort == "particle":
        return fold(person.particle + person.family), "", fold(initials(person.given))
    return fold(person.family), fold(person.particle), fold(initials(person.given))


def _title_key(title: str) -> str:
    return fold(_LEADING_ARTICLE.sub("", title))


def sort_key(reference: Reference, particle_sort: ParticleSort = "particle") -> tuple[Any, ...]:
    """Return the §§9.43–9.47 sort key: authors letter by letter, then year, then title.

    A work without authors sorts by its title (§9.48); one without a date
    comes before dated works of the same authors (§9.46).
    """
    if reference.authors:
        names: tuple[tuple[str, str, str], ...] = tuple(
            _name_key(p, particle_sort) for p in reference.authors
        )
    else:
        names = ((_title_key(reference.title), "", ""),)
    year = -1 if reference.year is None else reference.year
    return (names, year, _title_key(reference.title), reference.key)


def _same_authors(reference: Reference) -> tuple[tuple[str, str, str], ...]:
    return tuple((p.particle, p.family, initials(p.given)) for p in reference.authors) or (
        ("", reference.title, ""),
    )


@dataclass(frozen=True, slots=True)
class ReferenceList:
    """A sorted APA 7 reference list; cite from it so suffixes agree with the text."""

    entries: tuple[ApaEntry, ...]
    lang: str | None = None
    #: ``(key, n)``: cite the first ``n`` authors before "et al." (§8.18; default 1).
    names_cited: tuple[tuple[str, int], ...] = ()

    def entry(self, key: str) -> ApaEntry:
        """Return the entry of ``key`` (KeyError if it is not in the list)."""
        for entry in self.entries:
            if entry.key == key:
                return entry
        raise KeyError(key)

    def cite(self, *keys: str, narrative: bool = False) -> str:
        """Return an in-text citation of ``keys`` (§8.10–8.12, Table 8.1).

        One or two authors are named, three or more as "First et al.";
        several works go in reference-list order, separated by semicolons,
        and works of the same authors share one name part ("Jansen, 2019, 2021").

        Examples
        --------
        >>> a = Reference(key="a", authors=(Person(family="Jansen", given="J."),
        ...     Person(family="Zwet", particle="van der", given="R.")), year=2019, title="T")
        >>> refs = reference_list([a], lang="nl")
        >>> refs.cite("a"), refs.cite("a", narrative=True)
        ('(Jansen & Van der Zwet, 2019)', 'Jansen en Van der Zwet (2019)')
        """
        order = {e.key: i for i, e in enumerate(self.entries)}
        shown = dict(self.names_cited)
        chosen = sorted({self.entry(k).key for k in keys}, key=order.__getitem__)
        groups: list[tuple[str, list[str]]] = []
        for key in chosen:
            entry = self.entry(key)
            who = _cited_names(entry.reference, narrative, self.lang, shown.get(key, 1))
            when = _cited_date(entry, self.lang)
            if groups and groups[-1][0] == who:
                groups[-1][1].append(when)
            else:
                groups.append((who, [when]))
        if narrative:
            return "; ".join(f"{who} ({', '.join(when)})" for who, when in groups)
        return "(" + "; ".join(f"{who}, {', '.join(when)}" for who, when in groups) + ")"

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data: the entries in order."""
        return {"entries": [e.to_dict() for e in self.entries]}


def _cited_names(reference: Reference, narrative: bool, lang: str | None, shown: int = 1) -> str:
    people = reference.authors
    if not people:
        title = reference.title or reference.key
        italic = reference.entry_type not in _PART_OF and reference.entry_type != "article"
        return f"*{title}*" if italic else f"“{title}”"
    and_word = f" {message('apa.and', lang)} " if narrative else " & "
    if reference.authors_truncated:  # more authors exist than are listed
        names = ", ".join(surname(p) for p in people[: max(shown, 1)])
        sep = ", " if shown > 1 else " "
        return f"{names}{sep}{message('apa.et_al', lang)}"
    if len(people) >= 3 and shown < len(people):
        if shown <= 1:
            return f"{surname(people[0])} {message('apa.et_al', lang)}"
        names = ", ".join(surname(p) for p in people[:shown])
        return f"{names}, {message('apa.et_al', lang)}"  # §8.18: "Kapoor, Bloom, et al."
    if len(people) >= 3:
        return ", ".join(surname(p) for p in people[:-1]) + "," + and_word + surname(people[-1])
    return and_word.join(surname(p) for p in people)


def _names_needed(entries: Sequence[Reference]) -> dict[str, int]:
    """Return, per key, how many names keep its "et al." citation unambiguous (§8.18).

    Works with three or more authors whose citations would read alike (same
    first author, same year, different author lists) name as many authors as
    needed to tell them apart.
    """
    groups: dict[tuple[str, int | None], list[Reference]] = {}
    for ref in entries:
        if len(ref.authors) >= 3:
            groups.setdefault((fold(surname(ref.authors[0])), ref.year), []).append(ref)
    needed: dict[str, int] = {}
    for members in groups.values():
        names = {ref.key: tuple(fold(surname(p)) for p in ref.authors) for ref in members}
        for ref in members:
            own = names[ref.key]
            others = [n for k, n in names.items() if k != ref.key and n != own]
            count = 1
            while count < len(own) and any(o[:count] == own[:count] for o in others):
                count += 1
            if count > 1:
                needed[ref.key] = count
    return needed


def _cited_date(entry: ApaEntry, lang: str | None) -> str:
    if entry.reference.year is None:
        no_date = message("apa.no_date", lang)
        return f"{no_date}-{entry.suffix}" if entry.suffix else no_date
    return f"{entry.reference.year}{entry.suffix}"


def reference_list(
    references: Sequence[Reference],
    lang: str | None = None,
    particle_sort: ParticleSort = "particle",
) -> ReferenceList:
    """Sort and format references as an APA 7 list, adding a/b year suffixes (§9.47).

    Parameters
    ----------
    references : sequence of Reference
        The works to list (duplicates already removed).
    lang : str, optional
        Language of the words APA adds.
    particle_sort : {"particle", "family"}
        Where "Van der Zwet" sorts: under V (default) or under Z; see the module notes.
    """
    ordered = sorted(references, key=lambda r: sort_key(r, particle_sort))
    groups: dict[tuple[Any, ...], list[Reference]] = {}
    for ref in ordered:
        groups.setdefault((_same_authors(ref), ref.year), []).append(ref)
    suffix: dict[str, str] = {}
    for members in groups.values():
        if len(members) > 1:
            for i, ref in enumerate(members):
                suffix[ref.key] = _letters(i)
    entries = tuple(format_reference(r, suffix.get(r.key, ""), lang) for r in ordered)
    return ReferenceList(entries, lang, tuple(_names_needed(ordered).items()))


def _letters(index: int) -> str:
    """Return a, b, …, z, aa, ab, … for 0, 1, …."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("a") + rest) + out
    return out
