"""Find records that describe the same work, across one or more libraries.

Two rules, in this order:

``doi``
    The normalised DOIs are equal.
``title_author_year``
    The folded main title, the first author's folded family name (without
    particle) and the year are equal, and the two records do not carry two
    different DOIs (a preprint and its article, or an erratum, have their own
    DOI and are different works for PRISMA).

Notes
-----
Each rule is a dictionary lookup on a key, so finding duplicates is linear in
the number of records (no pairwise comparison); records linked by either rule
are joined with a union-find. The first record of a group in input order is
kept unless a caller prefers another (``prefer``), e.g. the one a coding
sheet cites.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from watwerkt.library.normalise import first_author_key, is_doi, normalise_doi, title_key
from watwerkt.model import Reference

Rule = Literal["doi", "title_author_year"]
RULES: tuple[Rule, ...] = ("doi", "title_author_year")


@dataclass(frozen=True, slots=True)
class RecordId:
    """Where a record was read: key, file and line."""

    key: str
    file: str
    line: int | None

    @classmethod
    def of(cls, reference: Reference) -> RecordId:
        """Return the id of ``reference``."""
        return cls(reference.key, reference.source_file, reference.source_line)

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data."""
        return {"key": self.key, "file": self.file, "line": self.line}


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Records judged to be one work: the one kept, the ones removed, and why.

    ``rules`` lists every rule that linked a member (in :data:`RULES` order).
    """

    kept: RecordId
    removed: tuple[RecordId, ...]
    rules: tuple[Rule, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """Return the citation keys of all members, the kept one first."""
        return (self.kept.key, *(r.key for r in self.removed))

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data."""
        return {
            "keys": list(self.keys),
            "rules": list(self.rules),
            "kept": self.kept.to_dict(),
            "removed": [r.to_dict() for r in self.removed],
        }


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def find_duplicates(
    references: Sequence[Reference],
    prefer: Callable[[Reference], bool] | None = None,
) -> tuple[DuplicateGroup, ...]:
    """Group records of the same work; return one group per work with duplicates.

    Parameters
    ----------
    references : sequence of Reference
        Records from any number of libraries, in reading order.
    prefer : callable, optional
        Marks records to keep in preference to the first of a group.

    Returns
    -------
    tuple of DuplicateGroup
        In order of the kept record's position; works without duplicates are
        not listed.

    Examples
    --------
    >>> from watwerkt.model import Reference
    >>> a = Reference(key="a", title="Samen eten", year=2019, doi="10.1000/x")
    >>> b = Reference(key="b", title="Other title", year=2019, doi="https://doi.org/10.1000/X")
    >>> [g.keys for g in find_duplicates([a, b])]
    [('a', 'b')]
    """
    n = len(references)
    parent = list(range(n))
    linked_by: dict[int, set[Rule]] = {}

    def union(i: int, j: int, rule: Rule) -> None:
        ri, rj = _find(parent, i), _find(parent, j)
        linked_by.setdefault(i, set()).add(rule)
        linked_by.setdefault(j, set()).add(rule)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    by_doi: dict[str, int] = {}
    by_title: dict[tuple[str, str, int], list[int]] = {}
    for i, ref in enumerate(references):
        doi = normalise_doi(ref.doi)
        if is_doi(doi):
            first = by_doi.setdefault(doi, i)
            if first != i:
                union(first, i, "doi")
        tkey = title_key(ref.title)
        if tkey and ref.year is not None and ref.authors:
            by_title.setdefault((tkey, first_author_key(ref.authors), ref.year), []).append(i)
    for members in by_title.values():
        if len(members) == 1:
            continue
        dois = {normalise_doi(references[i].doi) for i in members if references[i].doi}
        if len(dois) <= 1:
            for i in members[1:]:
                union(members[0], i, "title_author_year")
        else:  # two works with their own DOIs: only the records without a DOI are joined
            plain = [i for i in members if not references[i].doi]
            for i in plain[1:]:
                union(plain[0], i, "title_author_year")

    groups: dict[int, list[int]] = {}
    for i in linked_by:
        groups.setdefault(_find(parent, i), []).append(i)
    result = []
    for root in sorted(groups):
        members = sorted(groups[root])
        kept = next((i for i in members if prefer is not None and prefer(references[i])), root)
        rules = {rule for i in members for rule in linked_by[i]}
        result.append(
            DuplicateGroup(
                RecordId.of(references[kept]),
                tuple(RecordId.of(references[i]) for i in members if i != kept),
                tuple(r for r in RULES if r in rules),
            )
        )
    return tuple(result)
