"""Gather a dossier's evidence base and account for every reference.

Reads dossier.yaml, every BibTeX library and every coding sheet it names, and
sorts each reference into *included* (coded), *excluded* (with the author's
reason) or *unaccounted*. An unaccounted reference is a problem: the promise of
a dossier is that no study in scope silently disappears.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from watwerkt.coding.sheet import CodedEffect, read_coding_sheet
from watwerkt.errors import Problem
from watwerkt.files.dossier_file import dossier_path, read_dossier_file
from watwerkt.library.bibtex import read_bibtex
from watwerkt.messages import message
from watwerkt.model import Dossier, Reference, Study


class ReferenceStatus(StrEnum):
    """What happened to a reference in the dossier."""

    INCLUDED = "included"
    EXCLUDED = "excluded"
    UNACCOUNTED = "unaccounted"


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """The fate of one reference, and where it is recorded."""

    key: str
    status: ReferenceStatus
    reason: str
    library: str
    line: int | None


@dataclass
class EvidenceBase:
    """All the evidence of one dossier, and the problems met while reading it."""

    directory: Path
    dossier: Dossier | None
    references: dict[str, Reference] = field(default_factory=dict)
    studies: dict[str, Study] = field(default_factory=dict)
    effects: list[CodedEffect] = field(default_factory=list)
    audit: list[AuditRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def count(self, status: ReferenceStatus) -> int:
        """Return how many references have ``status``."""
        return sum(1 for record in self.audit if record.status is status)


def _display(path: Path, base: Path) -> str:
    """Show ``path`` relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def collect_evidence(directory: Path, cwd: Path | None = None) -> EvidenceBase:
    """Read everything a dossier names and audit its references; never raises for bad files."""
    base = cwd or Path.cwd()
    yaml_shown = _display(dossier_path(directory), base)
    reading = read_dossier_file(directory, yaml_shown)
    evidence = EvidenceBase(reading.directory, reading.dossier, problems=list(reading.problems))
    outline = reading.outline
    folder = reading.directory
    library_of: dict[str, tuple[str, int | None]] = {}
    for index, library in enumerate(outline.libraries):
        path = folder / library
        shown = _display(path, base)
        if not path.is_file():
            line = reading.lines.line_of(("libraries", index))
            evidence.problems.append(Problem(yaml_shown, line, "file.not_found_named", {"path": library}))
            continue
        lib = read_bibtex(path, shown)
        evidence.problems.extend(lib.problems)
        for ref in lib.references:
            if ref.key not in evidence.references:
                evidence.references[ref.key] = ref
                library_of[ref.key] = (shown, ref.source_line)
    coded_at: dict[str, tuple[str, int]] = {}
    for index, sheet in enumerate(outline.coding_sheets):
        path = folder / sheet
        shown = _display(path, base)
        if not path.is_file():
            line = reading.lines.line_of(("coding_sheets", index))
            evidence.problems.append(Problem(yaml_shown, line, "file.not_found_named", {"path": sheet}))
            continue
        coding = read_coding_sheet(path, outline.principle_ids, outline.outcome_ids, shown)
        evidence.problems.extend(coding.problems)
        evidence.effects.extend(coding.effects)
        for study_id, study in coding.studies.items():
            evidence.studies[study_id] = study  # rows of one study in two sheets: last wins
        # Every row that cites a reference accounts for it, even a row with problems
        # of its own (those are reported on the row; the reference is not also unaccounted).
        for key, row in coding.cited.items():
            coded_at.setdefault(key, (shown, row))
            if key not in evidence.references:
                evidence.problems.append(
                    Problem(shown, row, "coding.unknown_study_reference",
                            {"key": key, "hint": _hint(key, evidence.references)}, "references")
                )
    _audit(evidence, outline.exclusions, library_of, coded_at, yaml_shown, reading.lines.line_of)
    evidence.problems.sort(key=lambda p: (p.path, p.line or 0))
    return evidence


def _hint(key: str, references: dict[str, Reference]) -> str:
    close = difflib.get_close_matches(key, list(references), n=1, cutoff=0.6)
    return message("field.did_you_mean", None, suggestion=close[0]) if close else ""


def _audit(
    evidence: EvidenceBase,
    exclusions: dict[str, tuple[int, str]],
    library_of: dict[str, tuple[str, int | None]],
    coded_at: dict[str, tuple[str, int]],
    yaml_shown: str,
    line_of: Callable[[tuple[str | int, ...]], int | None],
) -> None:
    for key, (i, _reason) in exclusions.items():
        line = line_of(("exclusions", i, "reference"))
        if key not in evidence.references:
            evidence.problems.append(
                Problem(yaml_shown, line, "audit.unknown_exclusion",
                        {"key": key, "hint": _hint(key, evidence.references)}, "reference")
            )
        elif key in coded_at:
            sheet, row = coded_at[key]
            evidence.problems.append(
                Problem(yaml_shown, line, "audit.excluded_and_coded", {"key": key, "sheet": sheet, "row": row})
            )
    for key, (library, line) in library_of.items():
        if key in coded_at:
            sheet, row = coded_at[key]
            record = AuditRecord(key, ReferenceStatus.INCLUDED, f"{sheet}:{row}", library, line)
        elif key in exclusions:
            record = AuditRecord(key, ReferenceStatus.EXCLUDED, exclusions[key][1], library, line)
        else:
            record = AuditRecord(key, ReferenceStatus.UNACCOUNTED, "", library, line)
            evidence.problems.append(Problem(library, line, "audit.unaccounted", {"key": key}))
        evidence.audit.append(record)
