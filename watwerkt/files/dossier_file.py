"""Read ``dossier.yaml`` into a :class:`~watwerkt.model.Dossier`, with every problem located."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from watwerkt.errors import DossierConfigError, Problem
from watwerkt.files.validation import problems_from_validation_error
from watwerkt.files.yaml_source import LineMap, load_yaml
from watwerkt.model import Dossier, find_inconsistencies

#: The file name of a dossier's description inside its folder.
DOSSIER_FILE = "dossier.yaml"


@dataclass
class DossierOutline:
    """What the rest of a dossier can be checked against, even if dossier.yaml has errors.

    Built from the valid :class:`Dossier` when there is one, otherwise from
    whatever well-formed parts of the raw YAML remain, so that ``check`` can
    still validate the libraries and coding sheets and report *all* problems.
    """

    libraries: tuple[str, ...] = ()
    coding_sheets: tuple[str, ...] = ()
    principle_ids: frozenset[str] = frozenset()
    outcome_ids: frozenset[str] = frozenset()
    exclusions: dict[str, tuple[int, str]] = field(default_factory=dict)

    @classmethod
    def from_dossier(cls, dossier: Dossier) -> DossierOutline:
        """Return the outline of a valid dossier."""
        return cls(
            dossier.libraries,
            dossier.coding_sheets,
            frozenset(p.id for p in dossier.principles),
            frozenset(o.id for o in dossier.outcomes),
            {e.reference: (i, e.reason) for i, e in enumerate(dossier.exclusions)},
        )

    @classmethod
    def from_raw(cls, data: object) -> DossierOutline:
        """Return the outline of raw YAML data, keeping only well-typed parts."""
        if not isinstance(data, dict):
            return cls()

        def strings(key: str) -> tuple[str, ...]:
            items = data.get(key)
            return tuple(x for x in items if isinstance(x, str)) if isinstance(items, list) else ()

        def ids(key: str, field_name: str = "id") -> list[tuple[int, str, dict[str, object]]]:
            items = data.get(key)
            if not isinstance(items, list):
                return []
            return [
                (i, str(x[field_name]), x)
                for i, x in enumerate(items)
                if isinstance(x, dict) and isinstance(x.get(field_name), str)
            ]

        return cls(
            strings("libraries"),
            strings("coding_sheets"),
            frozenset(i for _, i, _ in ids("principles")),
            frozenset(i for _, i, _ in ids("outcomes")),
            {key: (i, str(x.get("reason", ""))) for i, key, x in ids("exclusions", "reference")},
        )


@dataclass
class DossierReading:
    """The dossier (``None`` if it could not be built) and every problem found."""

    directory: Path
    path: str
    dossier: Dossier | None = None
    problems: list[Problem] = field(default_factory=list)
    lines: LineMap = field(default_factory=LineMap)
    outline: DossierOutline = field(default_factory=DossierOutline)


def dossier_path(directory: Path) -> Path:
    """Return the dossier.yaml of ``directory`` (or ``directory`` if it is the file)."""
    return directory if directory.is_file() else directory / DOSSIER_FILE


def read_dossier_file(directory: Path, display_path: str | None = None) -> DossierReading:
    """Parse and validate dossier.yaml; never raises for bad content."""
    path = dossier_path(directory)
    shown = display_path or str(path)
    reading = DossierReading(path.parent, shown)
    if not path.is_file():
        reading.problems.append(Problem(shown, None, "check.no_dossier", {"path": str(directory)}))
        return reading
    document = load_yaml(path.read_bytes(), shown)
    reading.problems.extend(document.problems)
    reading.lines = document.lines
    if document.data is None:
        return reading
    reading.outline = DossierOutline.from_raw(document.data)
    try:
        dossier = Dossier.model_validate(document.data)
    except ValidationError as exc:
        reading.problems.extend(
            problems_from_validation_error(exc, shown, document.lines.line_of, Dossier)
        )
        return reading
    for issue in find_inconsistencies(dossier):
        params = dict(issue.params)
        if issue.other is not None:
            params["first_line"] = document.lines.line_of(issue.other) or "?"
        reading.problems.append(
            Problem(shown, document.lines.line_of(issue.location), issue.key, params)
        )
    reading.dossier = dossier
    reading.outline = DossierOutline.from_dossier(dossier)
    for text in dossier.texts:
        if text.file is not None and not (path.parent / text.file).is_file():
            index = dossier.texts.index(text)
            line = document.lines.line_of(("texts", index, "file"))
            reading.problems.append(
                Problem(shown, line, "file.not_found_named", {"path": text.file})
            )
    return reading


def load_dossier(directory: Path) -> Dossier:
    """Return the validated dossier of ``directory``.

    Raises DossierConfigError listing every problem when the file is invalid.
    """
    reading = read_dossier_file(directory)
    if reading.problems or reading.dossier is None:
        raise DossierConfigError(reading.problems)
    return reading.dossier
