"""Shared plumbing for the effect-size families: options, raw-data checks, notes.

Every family module (``continuous``, ``binary``, ``correlation``,
``proportions``) receives validated float columns and an :class:`Options`,
checks its impossible raw data with the helpers here, and returns ``yi``,
``vi`` and per-row notes. Notes are stable codes (see :data:`NOTE_KEYS`), not
prose, so programs can act on them; :func:`explain_note` renders them in
Dutch or English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt

from watwerkt.errors import StatsInputError, _fmt_positions
from watwerkt.messages import message
from watwerkt.stats._validation import FloatArray, positions

BoolArray = npt.NDArray[np.bool_]
Columns = Mapping[str, FloatArray]

#: Note code for a row whose inputs are complete and whose yi/vi are finite.
NOTE_OK: Final = ""
#: Prefix of the note for rows with missing inputs: ``"missing:m1i,sd1i"``.
NOTE_MISSING: Final = "missing"
#: A 2x2 table with no events (or only events) in both groups, dropped (``drop00``).
NOTE_DOUBLE_ZERO: Final = "double_zero"
#: Complete inputs, but yi or vi is infinite or undefined (e.g. a zero cell, ``to="none"``).
NOTE_NOT_COMPUTABLE: Final = "not_computable"
#: Too few participants to estimate the sampling variance (e.g. ``ni <= 3`` for ZCOR).
NOTE_SMALL_N: Final = "small_n"

#: Catalogue keys behind each note code.
NOTE_KEYS: Final[dict[str, str]] = {
    NOTE_MISSING: "stats.es.note.missing",
    NOTE_DOUBLE_ZERO: "stats.es.note.double_zero",
    NOTE_NOT_COMPUTABLE: "stats.es.note.not_computable",
    NOTE_SMALL_N: "stats.es.note.small_n",
}

#: Where a continuity correction is added (metafor's ``to``).
TO_CHOICES: Final = ("only0", "all", "if0all", "none")


@dataclass(frozen=True, slots=True)
class Options:
    """Options shared by the measures (metafor's ``add``, ``to``, ``drop00``, ``vtype``)."""

    add: float
    to: str
    drop00: bool
    vtype: str
    function: str


@dataclass(frozen=True, slots=True)
class FamilyResult:
    """What a family computes: effect sizes, variances and notes for some rows."""

    yi: FloatArray
    vi: FloatArray
    #: Rows that get a specific note (code) besides the generic ones.
    notes: dict[str, BoolArray]


def explain_note(note: str, lang: str | None = None) -> str:
    """Render a ``note`` code from :func:`effect_sizes` as a sentence.

    Parameters
    ----------
    note : str
        A value of the ``note`` column (``""`` means no problem).
    lang : {"nl", "en"}, optional
        Language; default is the process language.

    Returns
    -------
    str
        The explanation, or ``""`` for an empty note.

    Examples
    --------
    >>> explain_note("missing:m1i,sd1i", "en")
    'missing input: m1i, sd1i'
    """
    if not note:
        return ""
    code, _, detail = note.partition(":")
    if code == NOTE_MISSING:
        return message(NOTE_KEYS[code], lang, columns=", ".join(detail.split(",")))
    return message(NOTE_KEYS[code], lang)


def errstate() -> np.errstate:
    """Silence numpy's floating-point warnings: NaN/inf rows are handled explicitly."""
    return np.errstate(all="ignore")


@dataclass(frozen=True, slots=True)
class Impossible:
    """One rule broken by raw data: a catalogue ``key``, the column and its rows."""

    key: str
    argument: str
    positions: tuple[int, ...]
    params: dict[str, object] = field(default_factory=dict)


class ImpossibleDataError(StatsInputError):
    """Several columns of raw data break a rule; ``problems`` lists each with its rows.

    ``argument`` joins the columns and ``positions`` is the union of the rows,
    so code that handles one :class:`StatsInputError` still sees them all.
    """

    def __init__(self, problems: list[Impossible], function: str) -> None:
        self.problems = tuple(problems)
        columns = dict.fromkeys(p.argument for p in problems)
        rows = sorted({r for p in problems for r in p.positions})
        super().__init__(
            "stats.es.impossible_data", argument=", ".join(columns), positions=tuple(rows),
            function=function, count=len(problems),
        )  # fmt: skip

    def render(
        self, lang: str | None = None, rows: Callable[[tuple[int, ...]], str] | None = None
    ) -> str:
        """Return a heading and one line per broken rule (column, what, rows).

        ``rows`` formats a rule's 0-based positions (e.g. as spreadsheet rows);
        by default they are listed as they are.
        """
        show = _fmt_positions if rows is None else rows
        lines = [super().render(lang)]
        for p in self.problems:
            what = message(p.key.replace("stats.es.", "stats.es.what.", 1), lang, **p.params)
            lines.append(
                message(
                    "stats.es.impossible_line", lang, argument=p.argument, what=what,
                    positions=show(p.positions),
                )
            )
        return "\n".join(lines)


#: Problems found by the checks while :func:`collect_impossible` is active.
_FOUND: ContextVar[list[Impossible] | None] = ContextVar("impossible_found", default=None)


@contextmanager
def collect_impossible(function: str) -> Iterator[None]:
    """Run checks (and the computation after them), then raise for every problem at once.

    Inside the block the checks record what they find instead of raising, so
    one error names every impossible column and its rows (one problem: the
    plain :class:`StatsInputError` of that check; several:
    :class:`ImpossibleDataError`). numpy's floating-point warnings are
    silenced meanwhile: impossible values may flow into arithmetic whose result
    is discarded.
    """
    found: list[Impossible] = []
    token = _FOUND.set(found)
    try:
        with errstate():
            yield
    except Exception as exc:
        if found:  # an error caused by impossible data: report the data
            raise _error(found, function) from exc
        raise
    finally:
        _FOUND.reset(token)
    if found:
        raise _error(found, function)


def _error(found: list[Impossible], function: str) -> StatsInputError:
    if len(found) == 1:
        p = found[0]
        return StatsInputError(
            p.key, argument=p.argument, positions=p.positions, function=function, **p.params
        )
    return ImpossibleDataError(found, function)


def flag(key: str, argument: str, bad: BoolArray, function: str, **params: object) -> None:
    """Report rows ``bad`` of column ``argument`` as breaking rule ``key``.

    Raises at once, or records the problem inside :func:`collect_impossible`.
    """
    if not bad.any():
        return
    problem = Impossible(key, argument, positions(bad), dict(params))
    found = _FOUND.get()
    if found is None:
        raise _error([problem], function)
    if problem not in found:  # some checks run twice (e.g. n1i via the table and bi)
        found.append(problem)


def check_sd(cols: Columns, names: tuple[str, ...], function: str) -> None:
    """Raise if a standard deviation is negative."""
    for name in names:
        if name in cols:
            flag("stats.es.negative_sd", name, cols[name] < 0, function)


def check_n(cols: Columns, names: tuple[str, ...], function: str) -> None:
    """Raise if a sample size is below 1."""
    for name in names:
        if name in cols:
            flag("stats.es.n_below_one", name, cols[name] < 1, function)


def check_counts(cols: Columns, names: tuple[str, ...], function: str) -> None:
    """Raise if a count is negative."""
    for name in names:
        if name in cols:
            flag("stats.es.negative_count", name, cols[name] < 0, function)


def check_events(
    events: FloatArray, total: FloatArray, names: tuple[str, str], function: str
) -> None:
    """Raise if events exceed the group size."""
    flag("stats.es.events_exceed_n", names[0], events > total, function, total=names[1])


def check_correlation(cols: Columns, name: str, function: str) -> None:
    """Raise if a correlation lies outside [-1, 1]."""
    if name in cols:
        flag("stats.es.correlation_range", name, np.abs(cols[name]) > 1, function)


def fill_total(
    cols: Columns, part: str, total: str, events: str, function: str
) -> FloatArray:
    """Return the non-events ``part`` (e.g. ``bi``), filled from ``total - events``.

    When both ``part`` and ``total`` are given, they must agree where both are
    present (``total == events + part``), as metafor requires.
    """
    ev = cols[events]
    if part in cols and total in cols:
        given, tot = cols[part], cols[total]
        check_n({total: tot}, (total,), function)
        flag(
            # NaN compares False here, so rows with a missing value pass (noted later)
            "stats.es.total_mismatch", total, np.abs(tot - ev - given) > 0, function,
            parts=f"{events} + {part}",
        )
        return np.where(np.isnan(given), tot - ev, given)
    if part in cols:
        return cols[part]
    tot = cols[total]
    check_n({total: tot}, (total,), function)
    check_events(ev, tot, (events, total), function)
    return tot - ev


def continuity(
    cells: tuple[FloatArray, ...], opts: Options, drop00_mask: BoolArray | None = None
) -> tuple[tuple[FloatArray, ...], BoolArray]:
    """Apply metafor's ``drop00`` and continuity correction (``add``, ``to``) to cells.

    ``drop00_mask`` marks rows to drop when ``opts.drop00`` (2x2 tables with no
    events or only events in both groups). Returns the corrected cells and the
    dropped rows.
    """
    dropped = np.zeros(len(cells[0]), dtype=bool)
    if opts.drop00 and drop00_mask is not None:
        dropped = drop00_mask
    out = [np.where(dropped, np.nan, c) for c in cells]
    if opts.to == "none" or opts.add == 0:
        return tuple(out), dropped
    if opts.to == "all":
        return tuple(c + opts.add for c in out), dropped
    with errstate():
        has0 = np.zeros(len(out[0]), dtype=bool)
        for c in out:
            has0 |= c == 0
    if opts.to == "only0":
        return tuple(np.where(has0, c + opts.add, c) for c in out), dropped
    # if0all: add to every table as soon as one table has a zero cell
    if has0.any():
        return tuple(c + opts.add for c in out), dropped
    return tuple(out), dropped
