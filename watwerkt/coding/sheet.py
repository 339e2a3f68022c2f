"""Turn coding sheet rows into studies and effect estimates, reporting every bad row.

Every row ends up as an :class:`~watwerkt.model.EffectEstimate`, as an
exclusion (``status`` = ``excluded`` with a ``reason``), or as one or more
problems naming the sheet, the row, the column and what was expected: nothing
is dropped silently, and all bad rows are reported in one run (pydantic's
collect-all style).

An exclusion row needs only ``references`` and ``reason`` (``study`` and
``stage`` are optional; the stage defaults to ``full_text``). It is an
alternative to ``exclusions`` in dossier.yaml for authors who screen in a
spreadsheet.

A ``principle:<id>`` cell holds 1 (present), 0 or empty (absent), or ``NA``
(also ``?``, ``onbekend``, ``unknown``): *not coded*, e.g. a component code
that a source review left missing. A not-coded principle is neither present
nor absent: the row stays out of that principle's with/without contrast
(:attr:`CodedEffect.unknown_principles`), instead of counting as "absent".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from watwerkt.coding.row import (
    KNOWN_COLUMNS,
    LIST_SEPARATOR,
    PRINCIPLE_PREFIX,
    REQUIRED_COLUMNS,
    ROB_PREFIX,
    STUDY_COLUMNS,
    CodingRow,
    ExclusionStage,
    RowStatus,
)
from watwerkt.coding.table import RawTable, read_table
from watwerkt.errors import Problem
from watwerkt.files.validation import problems_from_validation_error
from watwerkt.messages import message
from watwerkt.model import EffectEstimate, RiskOfBiasAssessment, Study
from watwerkt.model.enums import RAW_STATISTICS, ROB_DOMAINS

_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$")
_TRUE = {"1", "yes", "ja", "true", "y", "j", "x"}
_FALSE = {"0", "no", "nee", "false", "n", ""}
_UNKNOWN = {"na", "?", "onbekend", "unknown"}


@dataclass(frozen=True, slots=True)
class CodedEffect:
    """An effect estimate with the sheet row it came from.

    ``unknown_principles``: principles whose ``principle:<id>`` cell says
    "not coded" (``NA``): neither in ``estimate.principles`` nor absent.
    """

    sheet: str
    row: int
    estimate: EffectEstimate
    references: tuple[str, ...]
    unknown_principles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CodedExclusion:
    """References excluded by one sheet row, with the author's reason."""

    sheet: str
    row: int
    references: tuple[str, ...]
    reason: str
    stage: ExclusionStage


@dataclass
class CodingReading:
    """Everything one coding sheet yielded."""

    path: str
    effects: list[CodedEffect] = field(default_factory=list)
    studies: dict[str, Study] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    cited: dict[str, int] = field(default_factory=dict)  # reference key -> first row citing it
    exclusions: list[CodedExclusion] = field(default_factory=list)
    excluded: dict[str, CodedExclusion] = field(default_factory=dict)  # key -> first exclusion


def read_coding_sheet(
    path: Path,
    principle_ids: Collection[str],
    outcome_ids: Collection[str],
    display_path: str | None = None,
) -> CodingReading:
    """Read and validate one coding sheet against the dossier's principles and outcomes."""
    table = read_table(path, display_path)
    reading = CodingReading(table.path, problems=list(table.problems))
    if not table.header:
        return reading
    status_column = table.header.index("status") if "status" in table.header else None
    if "references" in table.header:  # cited even by rows that turn out invalid
        ref_column = table.header.index("references")
        for number, cells in table.rows:
            if status_column is not None and _is_exclusion(cells[status_column]):
                continue
            for ref in _split(cells[ref_column]):
                reading.cited.setdefault(ref, number)
    columns = _check_header(table, principle_ids, reading.problems)
    if columns is None:
        return reading
    seen_rows: dict[tuple[str, ...], int] = {}
    study_rows: dict[str, tuple[int, dict[str, Any]]] = {}
    for number, cells in table.rows:
        reading.rows_read += 1
        key = tuple(cells)
        if key in seen_rows:
            reading.problems.append(
                Problem(table.path, number, "coding.duplicate_row", {"other": seen_rows[key]})
            )
            continue
        seen_rows[key] = number
        if status_column is not None and _is_exclusion(cells[status_column]):
            _read_exclusion(table, number, cells, columns, reading)
            continue
        effect = _read_row(table, number, cells, columns, principle_ids, outcome_ids, reading)
        if effect is None:
            continue
        row, coded = effect
        reading.effects.append(coded)
        _merge_study(table.path, number, row, study_rows, reading)
    return reading


def _is_exclusion(cell: str) -> bool:
    return cell.strip().lower() == RowStatus.EXCLUDED.value


def _read_exclusion(
    table: RawTable, number: int, cells: list[str], columns: dict[str, int], reading: CodingReading
) -> None:
    """Read a ``status=excluded`` row: references, reason and (optionally) stage."""

    def cell(name: str) -> str:
        return cells[columns[name]] if name in columns else ""

    references = tuple(_split(cell("references")))
    reason = " ".join(cell("reason").split())
    stage_text = cell("stage") or ExclusionStage.FULL_TEXT.value
    ok = True
    if not references:
        reading.problems.append(
            Problem(table.path, number, "coding.exclusion_needs_references", {}, "references")
        )
        ok = False
    if not reason:
        reading.problems.append(
            Problem(table.path, number, "coding.exclusion_needs_reason", {}, "reason")
        )
        ok = False
    if stage_text not in {s.value for s in ExclusionStage}:
        choices = ", ".join(repr(s.value) for s in ExclusionStage)
        expected = message("expect.one_of", None, choices=choices)
        params: dict[str, object] = {
            "field": "stage",
            "expected": expected,
            "got": repr(stage_text),
        }
        reading.problems.append(Problem(table.path, number, "field.invalid", params, "stage"))
        ok = False
    if not ok:
        return
    exclusion = CodedExclusion(table.path, number, references, reason, ExclusionStage(stage_text))
    reading.exclusions.append(exclusion)
    for ref in references:
        reading.excluded.setdefault(ref, exclusion)


def _check_header(
    table: RawTable, principle_ids: Collection[str], problems: list[Problem]
) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    ok = True
    for index, name in enumerate(table.header):
        if name.startswith(PRINCIPLE_PREFIX):
            pid = name[len(PRINCIPLE_PREFIX) :].strip()
            if pid not in principle_ids:
                problems.append(_unknown_principle(table.path, 1, pid, principle_ids, name))
                ok = False
        elif name not in KNOWN_COLUMNS:
            close = difflib.get_close_matches(name, KNOWN_COLUMNS, n=1, cutoff=0.6)
            hint = message("field.did_you_mean", None, suggestion=close[0]) if close else ""
            problems.append(
                Problem(
                    table.path, 1, "coding.unknown_column", {"column": name, "hint": hint}, name
                )
            )
            ok = False
        columns[name] = index
    for required in REQUIRED_COLUMNS:
        if required not in columns:
            problems.append(
                Problem(table.path, 1, "coding.missing_column", {"column": required}, required)
            )
            ok = False
    return columns if ok else None


def _unknown_principle(
    path: str, row: int, pid: str, principle_ids: Collection[str], column: str
) -> Problem:
    close = difflib.get_close_matches(pid, list(principle_ids), n=1, cutoff=0.6)
    hint = message("field.did_you_mean", None, suggestion=close[0]) if close else ""
    return Problem(path, row, "rule.unknown_principle", {"id": pid, "hint": hint}, column)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


def _read_row(
    table: RawTable,
    number: int,
    cells: list[str],
    columns: dict[str, int],
    principle_ids: Collection[str],
    outcome_ids: Collection[str],
    reading: CodingReading,
) -> tuple[Any, CodedEffect] | None:
    values: dict[str, Any] = {}
    principles: list[str] = []
    unknown: list[str] = []
    row_problems: list[Problem] = []
    for name, index in columns.items():
        cell = cells[index]
        if name.startswith(PRINCIPLE_PREFIX):
            flag = cell.strip().lower()
            if flag in _TRUE:
                principles.append(name[len(PRINCIPLE_PREFIX) :].strip())
            elif flag in _UNKNOWN:
                unknown.append(name[len(PRINCIPLE_PREFIX) :].strip())
            elif flag not in _FALSE:
                row_problems.append(
                    Problem(
                        table.path, number, "coding.bad_flag", {"column": name, "got": cell}, name
                    )
                )
        elif name in ("references", "principles"):
            values[name] = _split(cell)
        elif cell != "":
            if table.decimal_comma and _DECIMAL_COMMA.match(cell):
                cell = cell.replace(",", ".")
            values[name] = cell
    for pid in values.get("principles", []):
        if pid not in principle_ids:
            row_problems.append(
                _unknown_principle(table.path, number, pid, principle_ids, "principles")
            )
    principles = list(dict.fromkeys([*values.get("principles", []), *principles]))
    values["principles"] = principles
    for pid in unknown:
        if pid in principles:  # listed as present in 'principles', 'not coded' in its column
            column = f"{PRINCIPLE_PREFIX}{pid}"
            row_problems.append(
                Problem(table.path, number, "coding.unknown_but_listed", {"id": pid}, column)
            )
    try:
        row = CodingRow.model_validate(values)
    except ValidationError as exc:
        row_problems.extend(
            problems_from_validation_error(exc, table.path, lambda _loc: number, CodingRow)
        )
        reading.problems.extend(row_problems)
        return None
    if row.outcome not in outcome_ids:
        close = difflib.get_close_matches(row.outcome, list(outcome_ids), n=1, cutoff=0.6)
        hint = message("field.did_you_mean", None, suggestion=close[0]) if close else ""
        row_problems.append(
            Problem(
                table.path,
                number,
                "rule.unknown_outcome",
                {"id": row.outcome, "hint": hint},
                "outcome",
            )
        )
    raw = {name: getattr(row, name) for name in RAW_STATISTICS if getattr(row, name) is not None}
    try:
        estimate = EffectEstimate(
            study=row.study,
            outcome=row.outcome,
            principles=tuple(p for p in principles if p in principle_ids),
            comparison=row.comparison,
            time_point=row.time_point,
            follow_up_months=row.follow_up_months,
            measure=row.measure,
            yi=row.yi,
            vi=row.vi,
            raw=raw,
            direction=row.direction,
            n=row.n,
            source_location=row.source_location,
            indirectness=row.indirectness,
        )
    except ValidationError as exc:
        row_problems.extend(
            problems_from_validation_error(exc, table.path, lambda _loc: number, EffectEstimate)
        )
    if row_problems:
        reading.problems.extend(row_problems)
        return None
    coded = CodedEffect(
        table.path,
        number,
        estimate,
        tuple(row.references),
        tuple(p for p in dict.fromkeys(unknown) if p in principle_ids),
    )
    return row, coded


def _merge_study(
    path: str,
    number: int,
    row: Any,
    study_rows: dict[str, tuple[int, dict[str, Any]]],
    reading: CodingReading,
) -> None:
    details = {name: getattr(row, name) for name in STUDY_COLUMNS}
    previous = study_rows.get(row.study)
    if previous is not None:
        first_row, first_details = previous
        for name, value in details.items():
            if (
                value is not None
                and value != ""
                and first_details[name] not in (None, "")
                and value != first_details[name]
            ):
                reading.problems.append(
                    Problem(
                        path,
                        number,
                        "coding.study_conflict",
                        {
                            "study": row.study,
                            "field": name,
                            "got": str(value),
                            "expected": str(first_details[name]),
                            "other": first_row,
                        },
                        name,
                    )
                )
        for name, value in details.items():
            if first_details[name] in (None, "") and value not in (None, ""):
                first_details[name] = value
        details = first_details
    else:
        study_rows[row.study] = (number, details)
    old = reading.studies.get(row.study)
    references = tuple(dict.fromkeys([*(old.references if old else ()), *row.references]))
    n_values = [x for x in (old.n if old else None, row.n) if x is not None]
    follow = [
        x for x in (old.follow_up_months if old else None, row.follow_up_months) if x is not None
    ]
    rob = None
    if details["rob_overall"] is not None:
        domains = {
            d: details[f"{ROB_PREFIX}{d}"]
            for d in ROB_DOMAINS
            if details[f"{ROB_PREFIX}{d}"] is not None
        }
        rob = RiskOfBiasAssessment(
            overall=details["rob_overall"], domains=domains, tool=details["rob_tool"]
        )
    reading.studies[row.study] = Study(
        id=row.study,
        references=references,
        design=details["design"],
        country=details["country"],
        target_group=details["target_group"],
        setting=details["setting"],
        n=max(n_values) if n_values else None,
        follow_up_months=max(follow) if follow else None,
        risk_of_bias=rob,
    )
