"""Gather a dossier's evidence base and account for every reference.

Reads dossier.yaml, every reference library (BibTeX or RIS) and every coding
sheet it names, removes duplicate records across the libraries, and sorts
each record into *included* (coded), *excluded* (with the author's reason, in
dossier.yaml or by a ``status=excluded`` sheet row), *duplicate* (another
record of the same work is kept) or *unaccounted*. An unaccounted reference is
a problem: the promise of a dossier is that no study in scope silently
disappears. :func:`watwerkt.synthesis.prisma.prisma_counts` turns the same
audit into PRISMA 2020 flow numbers.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from watwerkt.coding.sheet import CodedEffect, CodedExclusion, read_coding_sheet
from watwerkt.errors import Problem
from watwerkt.files.dossier_file import dossier_path, read_dossier_file
from watwerkt.files.yaml_source import LineMap
from watwerkt.library.dedupe import DuplicateGroup, RecordId, find_duplicates
from watwerkt.library.reading import read_library
from watwerkt.messages import message
from watwerkt.model import Dossier, Reference, Study


class ReferenceStatus(StrEnum):
    """What happened to a reference in the dossier."""

    INCLUDED = "included"
    EXCLUDED = "excluded"
    DUPLICATE = "duplicate"
    UNACCOUNTED = "unaccounted"


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """The fate of one library record, and where it is recorded.

    ``reason`` is the sheet row that codes it (``coding.csv:4``), the author's
    reason for an exclusion, or the matching rules of a duplicate. ``stage``
    is the PRISMA stage of an exclusion (``screening`` or ``full_text``) and
    ``duplicate_of`` the key of the record kept instead of a duplicate.
    """

    key: str
    status: ReferenceStatus
    reason: str
    library: str
    line: int | None
    stage: str = ""
    duplicate_of: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data."""
        return {
            "key": self.key,
            "status": self.status.value,
            "reason": self.reason,
            "library": self.library,
            "line": self.line,
            "stage": self.stage,
            "duplicate_of": self.duplicate_of,
        }


@dataclass
class EvidenceBase:
    """All the evidence of one dossier, and the problems met while reading it.

    ``identified`` counts the records read per library (PRISMA's "records
    identified" per source); ``duplicates`` lists the groups of records that
    describe one work; ``sheet_exclusions`` the ``status=excluded`` rows.
    """

    directory: Path
    dossier: Dossier | None
    references: dict[str, Reference] = field(default_factory=dict)
    studies: dict[str, Study] = field(default_factory=dict)
    effects: list[CodedEffect] = field(default_factory=list)
    audit: list[AuditRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    identified: dict[str, int] = field(default_factory=dict)
    duplicates: tuple[DuplicateGroup, ...] = ()
    sheet_exclusions: list[CodedExclusion] = field(default_factory=list)

    def count(self, status: ReferenceStatus) -> int:
        """Return how many references have ``status``."""
        return sum(1 for record in self.audit if record.status is status)


@dataclass(frozen=True, slots=True)
class _Exclusion:
    reason: str
    stage: str


def _display(path: Path, base: Path) -> str:
    """Show ``path`` relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def collect_evidence(directory: Path, cwd: Path | None = None) -> EvidenceBase:
    """Read everything a dossier names and audit its references; never raises for bad files.

    Parameters
    ----------
    directory : Path
        The dossier folder (or its dossier.yaml).
    cwd : Path, optional
        Paths in problems are shown relative to this folder (default: the
        working directory).
    """
    base = cwd or Path.cwd()
    yaml_shown = _display(dossier_path(directory), base)
    reading = read_dossier_file(directory, yaml_shown)
    evidence = EvidenceBase(reading.directory, reading.dossier, problems=list(reading.problems))
    outline = reading.outline
    folder = reading.directory
    records: list[Reference] = []
    for index, library in enumerate(outline.libraries):
        path = folder / library
        shown = _display(path, base)
        if not path.is_file():
            line = reading.lines.line_of(("libraries", index))
            evidence.problems.append(
                Problem(yaml_shown, line, "file.not_found_named", {"path": library})
            )
            continue
        lib = read_library(path, shown)
        evidence.problems.extend(lib.problems)
        evidence.identified[shown] = evidence.identified.get(shown, 0) + len(lib.references)
        records.extend(lib.references)
        for ref in lib.references:
            evidence.references.setdefault(ref.key, ref)
    coded_at: dict[str, tuple[str, int]] = {}
    for index, sheet in enumerate(outline.coding_sheets):
        path = folder / sheet
        shown = _display(path, base)
        if not path.is_file():
            line = reading.lines.line_of(("coding_sheets", index))
            evidence.problems.append(
                Problem(yaml_shown, line, "file.not_found_named", {"path": sheet})
            )
            continue
        coding = read_coding_sheet(path, outline.principle_ids, outline.outcome_ids, shown)
        evidence.problems.extend(coding.problems)
        evidence.effects.extend(coding.effects)
        evidence.sheet_exclusions.extend(coding.exclusions)
        for study_id, study in coding.studies.items():
            evidence.studies[study_id] = study  # rows of one study in two sheets: last wins
        # Every row that cites a reference accounts for it, even a row with problems
        # of its own (those are reported on the row; the reference is not also unaccounted).
        for key, row in coding.cited.items():
            coded_at.setdefault(key, (shown, row))
            if key not in evidence.references:
                evidence.problems.append(
                    Problem(
                        shown,
                        row,
                        "coding.unknown_study_reference",
                        {"key": key, "hint": _hint(key, evidence.references)},
                        "references",
                    )
                )
    exclusions = _exclusions(evidence, outline.exclusions, coded_at, yaml_shown, reading.lines)
    _audit(evidence, records, exclusions, coded_at)
    _check_double_counting(evidence, coded_at)
    evidence.problems.sort(key=lambda p: (p.path, p.line or 0))
    return evidence


def _hint(key: str, references: dict[str, Reference]) -> str:
    close = difflib.get_close_matches(key, list(references), n=1, cutoff=0.6)
    return message("field.did_you_mean", None, suggestion=close[0]) if close else ""


def _exclusions(
    evidence: EvidenceBase,
    yaml_exclusions: dict[str, tuple[int, str]],
    coded_at: dict[str, tuple[str, int]],
    yaml_shown: str,
    lines: LineMap,
) -> dict[str, _Exclusion]:
    """Merge the exclusions of dossier.yaml and of sheet rows; report contradictions."""
    line_of = lines.line_of
    stages = {e.reference: e.stage for e in evidence.dossier.exclusions} if evidence.dossier else {}
    merged: dict[str, _Exclusion] = {}
    for key, (i, reason) in yaml_exclusions.items():
        line = line_of(("exclusions", i, "reference"))
        if key not in evidence.references:
            params: dict[str, object] = {"key": key, "hint": _hint(key, evidence.references)}
            evidence.problems.append(
                Problem(yaml_shown, line, "audit.unknown_exclusion", params, "reference")
            )
        elif key in coded_at:
            sheet, row = coded_at[key]
            params = {"key": key, "sheet": sheet, "row": row}
            evidence.problems.append(Problem(yaml_shown, line, "audit.excluded_and_coded", params))
        merged[key] = _Exclusion(reason, stages.get(key, "full_text"))
    for exclusion in evidence.sheet_exclusions:
        for key in exclusion.references:
            where = (exclusion.sheet, exclusion.row)
            if key not in evidence.references:
                params = {"key": key, "hint": _hint(key, evidence.references)}
                evidence.problems.append(
                    Problem(*where, "audit.unknown_exclusion", params, "references")
                )
            elif key in yaml_exclusions:
                evidence.problems.append(Problem(*where, "audit.excluded_twice", {"key": key}))
            elif key in coded_at:
                sheet, row = coded_at[key]
                params = {"key": key, "sheet": sheet, "row": row}
                evidence.problems.append(Problem(*where, "audit.excluded_row_and_coded", params))
            merged.setdefault(key, _Exclusion(exclusion.reason, exclusion.stage.value))
    return merged


def _audit(
    evidence: EvidenceBase,
    records: list[Reference],
    exclusions: dict[str, _Exclusion],
    coded_at: dict[str, tuple[str, int]],
) -> None:
    """Give every record read one status; report key conflicts and unaccounted records.

    A record that :func:`find_duplicates` matches with another is a removed
    duplicate, unless the author accounted for its own, different key (coded
    or excluded it): an explicit decision outranks an automatic match. So
    "Goldstein (1989a)" and "(1989b)", two studies with placeholder titles,
    both stay included when both are coded.
    """
    groups = find_duplicates(records, prefer=lambda r: r.key in coded_at or r.key in exclusions)
    evidence.duplicates = groups
    duplicate_of: dict[RecordId, DuplicateGroup] = {
        removed: group for group in groups for removed in group.removed
    }
    first_with_key: dict[str, Reference] = {}
    for ref in records:
        where = RecordId.of(ref)
        library, line = ref.source_file, ref.source_line
        group = duplicate_of.get(where)
        accounted = ref.key in coded_at or ref.key in exclusions
        if group is not None and accounted and ref.key != group.kept.key:
            group = None  # the author accounted for this key separately
        if group is not None:
            rules = ", ".join(group.rules)
            evidence.audit.append(
                AuditRecord(
                    ref.key,
                    ReferenceStatus.DUPLICATE,
                    rules,
                    library,
                    line,
                    duplicate_of=group.kept.key,
                )
            )
            continue
        earlier = first_with_key.setdefault(ref.key, ref)
        if earlier is not ref:  # same key, different work: the key cannot name both
            other = f"{earlier.source_file}:{earlier.source_line}"
            evidence.problems.append(
                Problem(library, line, "library.key_conflict", {"key": ref.key, "other": other})
            )
            evidence.audit.append(
                AuditRecord(ref.key, ReferenceStatus.UNACCOUNTED, "", library, line)
            )
            continue
        if ref.key in coded_at:
            sheet, row = coded_at[ref.key]
            record = AuditRecord(ref.key, ReferenceStatus.INCLUDED, f"{sheet}:{row}", library, line)
        elif ref.key in exclusions:
            exclusion = exclusions[ref.key]
            record = AuditRecord(
                ref.key, ReferenceStatus.EXCLUDED, exclusion.reason, library, line, exclusion.stage
            )
        else:
            record = AuditRecord(ref.key, ReferenceStatus.UNACCOUNTED, "", library, line)
            evidence.problems.append(Problem(library, line, "audit.unaccounted", {"key": ref.key}))
        evidence.audit.append(record)


def _check_double_counting(evidence: EvidenceBase, coded_at: dict[str, tuple[str, int]]) -> None:
    """Report one work coded as two studies: its participants would count twice.

    Several reports of *one* study are fine (code them under the same study
    id); records judged to be the same work but coded under different study
    ids are a problem on the coding row of the later one.
    """
    studies_of: dict[str, set[str]] = {}
    for effect in evidence.effects:
        for key in effect.references:
            studies_of.setdefault(key, set()).add(effect.estimate.study)
    for group in evidence.duplicates:
        coded = [key for key in dict.fromkeys(group.keys) if key in coded_at]
        studies = sorted({s for key in coded for s in studies_of.get(key, set())})
        if len(coded) > 1 and len(studies) > 1:
            sheet, row = coded_at[coded[-1]]
            evidence.problems.append(
                Problem(
                    sheet,
                    row,
                    "audit.double_counted",
                    {
                        "keys": ", ".join(coded),
                        "studies": ", ".join(studies),
                        "rules": ", ".join(group.rules),
                    },
                )
            )
