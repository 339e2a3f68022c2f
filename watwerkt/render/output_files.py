"""Write a build's output files atomically, and only inside the output folder.

Every file is written to a temporary file in its target folder and moved
into place with :func:`os.replace`, so a reader never sees a half-written
file and a failed build leaves the file from the previous build as it was.
Before anything is written, every target path is checked to lie inside the
output folder (names derived from untrusted ids are sanitised already, see
:mod:`watwerkt.render.anchors`; this check makes sure of it).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from watwerkt.errors import InputError

__all__ = ["OutsideOutputError", "write_bytes_atomic", "write_outputs"]


class OutsideOutputError(InputError):
    """An output path would end up outside the output folder; nothing was written."""


def _write_temp(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` (same folder) and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        Path(tmp).chmod(0o666 & ~umask)  # mkstemp makes 0600; give the usual permissions
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and os.replace.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_bytes_atomic(folder / "a" / "x.txt", b"hoi")
    >>> (folder / "a" / "x.txt").read_bytes(), sorted(p.name for p in (folder / "a").iterdir())
    (b'hoi', ['x.txt'])
    """
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)  # noqa: PTH105 - the atomic replace is the point
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_outputs(out: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write ``files`` (path relative to ``out`` → content) atomically; return the paths.

    Two phases, so that a failure while writing (disk full, permissions) replaces
    nothing: first every file is written to a temporary file beside its target,
    then all of them are moved into place with :func:`os.replace` (a rename in
    the same folder, atomic per file). Raises OutsideOutputError, before writing
    anything, when a relative path is absolute or leads outside ``out`` (``..``,
    a symlink out).
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:  # a file where a folder must be
        raise OutsideOutputError(
            "render.build.out_not_a_folder", out=str(out), detail=exc.strerror
        ) from exc
    root = out.resolve()
    targets: list[Path] = []
    for relative in files:
        target = out / relative
        if Path(relative).is_absolute() or not target.resolve().is_relative_to(root):
            raise OutsideOutputError("render.build.outside_out", path=relative, out=str(out))
        targets.append(target)
    temps: list[Path] = []
    try:
        for target, data in zip(targets, files.values(), strict=True):
            temps.append(_write_temp(target, data))
        for done, (tmp, target) in enumerate(zip(temps, targets, strict=True)):
            os.replace(tmp, target)  # noqa: PTH105 - the atomic replace is the point
            temps[done] = target
    except BaseException:
        for tmp, target in zip(temps, targets, strict=False):
            if tmp != target:
                tmp.unlink(missing_ok=True)
        raise
    return targets
