"""Atomic file writes: a temp file beside the target, then ``os.replace``.

A crash or a bad input never leaves a half-written graph or view where a user expects a whole one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from policykg.exports.errors import ExportError


def write_atomic(path: str | Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` in one step; parent folders are created."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{target.parent}: cannot create folder: {exc.strerror}") from None
    if target.is_dir():
        raise ExportError(f"{target}: is a directory")
    payload = data.encode(encoding) if isinstance(data, str) else data
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
