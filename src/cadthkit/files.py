"""Output files. Every command writes through `write_atomic`: a temporary file in the target's
folder, flushed to disk, then renamed over the target, so a crash, a full disk or Ctrl-C never
leaves a partial or clobbered output. The temporary file is created with mode 0666 less the
umask (0644 usually), like any new file, so outputs read the same whichever command wrote them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from .errors import OutputError
from .models.text import json_safe

# Errors that mean the disk (or the quota, or the file size limit) has no room: the output could
# not be written whatever the input was, so they are the output's problem, said in one line.
NO_ROOM = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EFBIG: "the file would be larger than the system allows",
}


def no_room(exc: OSError) -> str | None:
    """Why there is no room to write, if that is what `exc` says."""
    return NO_ROOM.get(exc.errno or 0)


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def check_output_folder(path: str | Path) -> None:
    """Fail before any work when the output cannot be written where asked."""
    target = Path(path)
    folder = _folder(target)
    if not folder.exists():
        raise OutputError(target, f"output folder {folder} does not exist")
    if not folder.is_dir():
        raise OutputError(target, f"{folder} is not a folder")
    if target.is_dir():
        raise OutputError(target, "is a folder; give a file name")
    if not os.access(folder, os.W_OK):
        raise OutputError(target, f"output folder {folder} is not writable")


def _new_temp(target: Path, folder: Path) -> Path:
    """An empty file beside `target`, created by us alone (O_EXCL), mode 0666 less the umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = folder / f".{target.name[:100]}.{secrets.token_hex(4)}.tmp"
        try:
            os.close(os.open(tmp, flags, 0o666))
            return tmp
        except FileExistsError:
            continue
        except OSError as exc:
            why = no_room(exc) or exc.strerror or str(exc)
            raise OutputError(target, f"cannot write to {folder} ({why})") from None


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Call `write(tmp)` to fill a temporary file, then move it over `path` in one step."""
    target = Path(path)
    folder = _folder(target)
    if not folder.is_dir():
        raise OutputError(target, f"output folder {folder} does not exist")
    tmp = _new_temp(target, folder)
    try:
        try:
            write(tmp)
            _fsync(tmp)  # a full disk can show only here, when the data reach it
        except OSError as exc:
            why = no_room(exc)
            if why is None:
                raise
            raise OutputError(target, f"cannot be written: {why}; nothing was written") from None
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise OutputError(target, f"cannot be written ({exc.strerror or exc})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    # The rename itself survives a power cut; some file systems cannot sync a folder, and the
    # file is in place all the same.
    with contextlib.suppress(OSError):
        _fsync(folder)
    return target


def write_text_atomic(path: str | Path, text: str) -> Path:
    """UTF-8 text; a lone surrogate (from a file name that is not UTF-8) is written as U+FFFD."""
    data = json_safe(text).encode("utf-8")
    return write_atomic(path, lambda p: p.write_bytes(data))


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    return write_atomic(path, lambda p: p.write_bytes(data))
