"""Cross-reference checks on a dossier: unique ids and known principles/outcomes.

These rules span several objects, so they run after each object is valid on
its own. Each problem is returned with its location (a key path into
dossier.yaml) rather than raised, so a loader can report *all* of them with
line numbers.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from watwerkt.messages import message
from watwerkt.model.dossier import Dossier

Location = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Inconsistency:
    """One cross-reference problem: where it is, and a catalogue message."""

    location: Location
    key: str
    params: dict[str, object] = field(default_factory=dict)
    other: Location | None = None  # where the first of a duplicate pair is

    def render(self, lang: str | None = None) -> str:
        """Return the message in ``lang``."""
        return message(self.key, lang, **self.params)


def did_you_mean(word: str, candidates: Iterable[str], lang: str | None = None) -> str:
    """Return the catalogue hint '; did you mean …?' for the closest candidate, or ''."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return message("field.did_you_mean", lang, suggestion=close[0]) if close else ""


def find_inconsistencies(dossier: Dossier) -> list[Inconsistency]:
    """Return every duplicate id among principles, outcomes and exclusions.

    Also: principles named in the ``reflection`` section that the dossier does
    not define or names twice, and item ids repeated under one principle.
    """
    found: list[Inconsistency] = []
    groups: list[tuple[str, str, list[str]]] = [
        ("principles", "kind.principle", [p.id for p in dossier.principles]),
        ("outcomes", "kind.outcome", [o.id for o in dossier.outcomes]),
        ("exclusions", "kind.exclusion", [e.reference for e in dossier.exclusions]),
    ]
    for section, kind, ids in groups:
        first: dict[str, int] = {}
        for index, item_id in enumerate(ids):
            if item_id in first:
                found.append(
                    Inconsistency(
                        (section, index, "reference" if section == "exclusions" else "id"),
                        "rule.duplicate_id",
                        {"kind": message(kind), "id": item_id, "first_line": "?"},
                        other=(section, first[item_id]),
                    )
                )
            else:
                first[item_id] = index
    found.extend(_reflection_inconsistencies(dossier))
    return found


def _reflection_inconsistencies(dossier: Dossier) -> list[Inconsistency]:
    """Return unknown or repeated principles, and repeated item ids, in ``reflection``."""
    if dossier.reflection is None:
        return []
    found: list[Inconsistency] = []
    known = [p.id for p in dossier.principles]
    first: dict[str, int] = {}
    for index, section in enumerate(dossier.reflection.principles):
        location: Location = ("reflection", "principles", index, "principle")
        if section.principle not in known:
            hint = did_you_mean(section.principle, known)
            found.append(
                Inconsistency(
                    location, "rule.unknown_principle", {"id": section.principle, "hint": hint}
                )
            )
        elif section.principle in first:
            found.append(
                Inconsistency(
                    location,
                    "rule.duplicate_id",
                    {"kind": message("kind.principle"), "id": section.principle, "first_line": "?"},
                    other=("reflection", "principles", first[section.principle]),
                )
            )
        else:
            first[section.principle] = index
        seen: dict[str, int] = {}
        for item_index, item in enumerate(section.items):
            if item.id in seen:
                found.append(
                    Inconsistency(
                        ("reflection", "principles", index, "items", item_index, "id"),
                        "rule.duplicate_id",
                        {"kind": message("reflect.kind.item"), "id": item.id, "first_line": "?"},
                        other=("reflection", "principles", index, "items", seen[item.id]),
                    )
                )
            else:
                seen[item.id] = item_index
    return found
