"""What reading one reference library yields, and the decisions shared by every format.

Encoding
--------
Libraries should be UTF-8. Older reference managers and files edited in Excel
on Windows write Windows-1252 (cp1252) instead. Refusing such a file would
turn every reference in it into "unknown reference" errors elsewhere, so we
read it as cp1252 (or, if even that fails, latin-1, which decodes any byte)
and report one problem at the first bad byte: the author is told to save the
file as UTF-8, and ``watwerkt check`` still fails until they do, but all other
checks run on the real content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from watwerkt.errors import Problem
from watwerkt.model import Reference

#: Called with the number of bytes just processed, for progress bars.
Progress = Callable[[int], None]

#: File extensions read as BibTeX and as RIS.
BIBTEX_SUFFIXES: tuple[str, ...] = (".bib", ".bibtex")
RIS_SUFFIXES: tuple[str, ...] = (".ris",)


@dataclass(frozen=True, slots=True)
class LibraryReading:
    """Everything one library file yielded.

    Attributes
    ----------
    path : str
        The file as shown in messages.
    references : tuple of Reference
        Every record that could be read, in file order.
    problems : tuple of Problem
        Every problem met, by line; records with a problem may still be in
        ``references`` (e.g. a missing year) unless they are counted in ``skipped``.
    entries : int
        Records found in the file (read or skipped).
    skipped : int
        Records that could not be read and are not in ``references``.
    encoding : str
        ``"utf-8"``, or the fallback encoding the file was read with.
    """

    path: str
    references: tuple[Reference, ...] = ()
    problems: tuple[Problem, ...] = ()
    entries: int = 0
    skipped: int = 0
    encoding: str = "utf-8"

    @property
    def unreadable(self) -> bool:
        """Return True if nothing at all could be read from the file."""
        return not self.references

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data (problems rendered in the current language)."""
        return {
            "path": self.path,
            "entries": self.entries,
            "skipped": self.skipped,
            "encoding": self.encoding,
            "references": [r.to_dict() for r in self.references],
            "problems": [p.render() for p in self.problems],
        }


def decode(raw: bytes, shown: str) -> tuple[str, str, list[Problem]]:
    """Decode library bytes: UTF-8 (with or without BOM), else cp1252, else latin-1.

    Returns the text, the encoding used and the problems (one for a fallback).
    """
    try:
        return raw.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        position = exc.start
    for encoding in ("cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        problem = Problem(
            shown,
            line,
            "library.not_utf8_fallback",
            {"position": position, "encoding": encoding},
        )
        return text, encoding, [problem]
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def read_library(
    path: Path, display_path: str | None = None, progress: Progress | None = None
) -> LibraryReading:
    """Read a BibTeX (``.bib``) or RIS (``.ris``) library; never raises for bad content.

    Parameters
    ----------
    path : Path
        The library file.
    display_path : str, optional
        How to name the file in problems (default: ``str(path)``).
    progress : callable, optional
        Called with the number of bytes read so far at each step.
    """
    from watwerkt.library.bibtex import read_bibtex
    from watwerkt.library.ris import read_ris

    shown = display_path or str(path)
    if not path.is_file():
        return LibraryReading(shown, problems=(Problem(shown, None, "file.not_found"),))
    suffix = path.suffix.lower()
    if suffix not in RIS_SUFFIXES + BIBTEX_SUFFIXES:
        problem = Problem(shown, None, "library.unsupported", {"path": shown})
        return LibraryReading(shown, problems=(problem,))
    reader = read_ris if suffix in RIS_SUFFIXES else read_bibtex
    try:
        return reader(path, shown, progress)
    except OSError as exc:  # permissions, a file removed while reading …
        detail = exc.strerror or type(exc).__name__
        problem = Problem(shown, None, "library.unreadable", {"detail": detail})
        return LibraryReading(shown, problems=(problem,))
