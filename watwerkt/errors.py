"""The one exception tree of watwerkt.

::

    WatwerktError                       everything the CLI catches and prints in one line
    ├── InputError (ValueError)         bad input from a user, a file or a caller
    │   ├── ProblemsError               one or more located problems in input files
    │   │   ├── BibTeXError             a reference library could not be read
    │   │   ├── CodingSheetError        a coding sheet row or column is invalid
    │   │   ├── DossierConfigError      dossier.yaml is invalid
    │   │   └── AnswersFileError        a reflection answers file cannot be read at all
    │   └── StatsInputError             bad arrays or parameters for watwerkt.stats
    └── ConvergenceError (RuntimeError) an iterative estimator found no solution
    ConvergenceWarning (UserWarning)    an estimate is returned, but with a caveat
    RowsOmittedWarning (UserWarning)    rows were left out (recorded on the result too)

Every error carries its data as attributes (path, line, field, expected, got …)
and renders its text through :mod:`watwerkt.messages`, so the Dutch and English
wording stay in one catalogue. A file problem is a :class:`Problem`; errors that
collect several problems keep them all in ``problems`` (validation reports
*every* problem in one run, never just the first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from watwerkt.messages import message

__all__ = [
    "AnswersFileError",
    "BibTeXError",
    "CodingSheetError",
    "ConvergenceError",
    "ConvergenceWarning",
    "DossierConfigError",
    "InputError",
    "Problem",
    "ProblemsError",
    "RowsOmittedWarning",
    "StatsInputError",
    "WatwerktError",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one input file, located as precisely as the file allows.

    ``line`` is 1-based (a line of a YAML or BibTeX file, or the row number of a
    coding sheet as a spreadsheet shows it, header = 1). ``key`` names a message
    in the catalogue and ``params`` fill it in; ``field`` names the field or
    column, when there is one.
    """

    path: str
    line: int | None
    key: str
    params: dict[str, object] = field(default_factory=dict)
    field: str | None = None

    def render(self, lang: str | None = None) -> str:
        """Return the problem as ``file:line: message`` in ``lang``."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {message(self.key, lang, **self.params)}"

    def __str__(self) -> str:
        return self.render()


class WatwerktError(Exception):
    """Root of every error watwerkt raises on purpose.

    Subclasses render through the message catalogue; ``str(error)`` uses the
    process language (see :func:`watwerkt.messages.set_language`).
    """

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def render(self, lang: str | None = None) -> str:
        """Return the message in ``lang`` (default: the process language)."""
        return message(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.render()


class InputError(WatwerktError, ValueError):
    """Bad input: a file, a row, a field or an argument that breaks a rule."""


class ProblemsError(InputError):
    """An input error made of one or more located :class:`Problem` objects."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("a ProblemsError needs at least one problem")
        self.problems = list(problems)
        first = self.problems[0]
        super().__init__(first.key, **first.params)

    @property
    def path(self) -> Path:
        """The file of the first problem."""
        return Path(self.problems[0].path)

    def render(self, lang: str | None = None) -> str:
        """Return every problem, one ``file:line: message`` per line."""
        return "\n".join(p.render(lang) for p in self.problems)


class DossierConfigError(ProblemsError):
    """``dossier.yaml`` (or a file it names) is invalid; ``problems`` lists every issue."""


class AnswersFileError(ProblemsError):
    """A reflection answers file is not JSON, or holds no answers to score.

    Lesser problems (another tool, a bad value, an unknown item) do not raise:
    they are reported next to a partial profile, see
    :func:`watwerkt.reflection.answers.check_answers`.
    """


class BibTeXError(ProblemsError):
    """A BibTeX library could not be read, fully or in part."""


class CodingSheetError(ProblemsError):
    """A coding sheet is invalid.

    Besides ``problems``, the first problem's location is exposed as ``path``,
    ``row`` and ``column`` for programs that handle one error at a time.
    """

    @property
    def row(self) -> int | None:
        """Spreadsheet row number of the first problem (header = 1)."""
        return self.problems[0].line

    @property
    def column(self) -> str | None:
        """Column of the first problem, if it concerns one column."""
        return self.problems[0].field


class StatsInputError(InputError):
    """Bad arrays or parameters given to a :mod:`watwerkt.stats` function.

    ``argument`` names the parameter, ``positions`` the offending 0-based
    positions (when the problem is in some elements only).
    """

    def __init__(
        self,
        key: str,
        /,
        *,
        argument: str,
        positions: tuple[int, ...] = (),
        **params: object,
    ) -> None:
        self.argument = argument
        self.positions = positions
        super().__init__(key, argument=argument, positions=_fmt_positions(positions), **params)


def _fmt_positions(positions: tuple[int, ...], limit: int = 20) -> str:
    shown = ", ".join(str(p) for p in positions[:limit])
    more = len(positions) - limit
    return shown + (f", … (+{more})" if more > 0 else "")


class ConvergenceError(WatwerktError, RuntimeError):
    """An iterative estimator did not converge and no trustworthy value exists."""


class ConvergenceWarning(UserWarning):
    """An estimate was returned, but its estimator had trouble (named in the text)."""


class RowsOmittedWarning(UserWarning):
    """Rows were left out of an analysis (e.g. a moderator is missing).

    ``positions`` holds their 0-based positions, so a caller (the CLI) can name
    them as rows of its own input; the result records them in ``omitted`` too.
    """

    def __init__(self, text: str, positions: tuple[int, ...]) -> None:
        super().__init__(text)
        self.positions = positions
