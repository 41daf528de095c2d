"""Atomic file output: a temp file in the target folder, then os.replace, so a failed run never
leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import OutputError


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write `data` to `path` all at once, or not at all."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(target, f"folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(target, f"cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(target, f"cannot write: {exc.strerror}") from None
    return target
