"""Atomic file writes: a temp file beside the target, then ``os.replace``.

A crash or a bad input never leaves a half-written graph or view where a user expects a whole one.
Only a regular file (or a new path) is replaced so: ``-`` is standard output, and a path that is a
symlink, a device or a FIFO (``/dev/stdout``, a named pipe) is written through, since replacing it
would put a regular file where the link or the device was.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

from policykg.exports.errors import ExportError

STDOUT = "-"


def write_atomic(path: str | Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` in one step; parent folders are created. ``-`` writes to standard
    output, and a path that is no regular file is written through (see the module docstring)."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    if str(path) == STDOUT:
        return _write_stdout(payload)
    target = Path(path)
    if _written_through(target):
        return _write_through(target, payload)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{target.parent}: cannot create folder: {exc.strerror}") from None
    if target.is_dir():
        raise ExportError(f"{target}: is a directory")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"{target}: cannot write: {exc.strerror}") from None
    return target


def _written_through(target: Path) -> bool:
    """Whether ``target`` exists and is not a regular file (a symlink, a device, a FIFO, a socket)."""
    try:
        mode = os.lstat(target).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_through(target: Path, payload: bytes) -> Path:
    """Write into what ``target`` is (the symlink's target, the device, the pipe), not replacing it."""
    try:
        with open(target, "wb") as handle:
            handle.write(payload)
    except OSError as exc:
        raise ExportError(f"{target}: cannot write: {exc.strerror}") from None
    return target


def _write_stdout(payload: bytes) -> Path:
    """Write to standard output; a reader that closed the pipe early (``| head``) is no error."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        # Python would report the broken pipe again while flushing at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return Path(STDOUT)


def write_beside(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` (not yet in its place); its name."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ExportError(f"{target}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"{target}: cannot write: {exc.strerror}") from None
    return Path(tmp)


def replace_together(moves: list[tuple[Path, Path]]) -> list[Path]:
    """Move files and folders written beside their targets (``(new, target)`` pairs) into place.

    Everything was written before this is called, so a failure while writing leaves every target as it
    was; here only renames remain. A folder cannot replace another in one step: the old one is set
    aside, the new one moved in, then the old one removed (or moved back if the move failed). The last
    of the moved things is given the current time first, so a store moved after the graph files is
    never older than them.
    """
    try:
        for new, target in moves:
            if new.is_dir() != target.is_dir() and target.exists():
                raise ExportError(f"{target}: is a {'folder' if target.is_dir() else 'file'}; not replaced")
        if moves:
            os.utime(moves[-1][0])
        for new, target in moves:
            _move(new, target)
    except OSError as exc:
        raise ExportError(f"{exc.filename}: cannot move into place: {exc.strerror}") from None
    finally:
        for new, _ in moves:
            _remove(new)
    return [target for _, target in moves]


def _move(new: Path, target: Path) -> None:
    if not (new.is_dir() and target.exists()):
        os.replace(new, target)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    _remove(old)
    os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        os.replace(old, target)
        raise
    _remove(old)


def _remove(path: Path) -> None:
    """Delete a file or folder if it is there."""
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
