"""Turn the paths a user typed (files, folders, globs) into the list of PDFs to process."""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:  # the store (sqlite3, the row builders) is loaded by fingerprint, not by
    from .store import SeenFile  # `cadthkit extract DIR`, which only lists the PDFs

_GLOB_CHARS = set("*?[")


def find_pdfs(
    paths: Iterable[str | Path], unlisted: list[tuple[Path, str]] | None = None
) -> list[Path]:
    """PDFs under `paths`, each once, in a stable order.

    A folder is searched recursively, following symlinks but never entering a folder twice (so
    a symlink loop ends). A path that does not exist but holds `*`, `?` or `[` is a glob
    (`**` recurses). Raises InputError for a path that is neither. Folders that cannot be
    listed are appended to `unlisted` as (folder, why), so the run can record them.
    """
    unlisted = unlisted if unlisted is not None else []
    found: list[Path] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            found.append(p)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for p in _walk(path, unlisted):
                add(p)
        elif path.is_file():
            add(path)
        elif _GLOB_CHARS & set(str(raw)):
            for match in sorted(glob.glob(str(raw), recursive=True)):
                m = Path(match)
                if m.is_dir():
                    for p in _walk(m, unlisted):
                        add(p)
                elif m.is_file() and _is_pdf(m):
                    add(m)
        else:
            raise InputError(path, "no such file or folder")
    return found


def _is_pdf(path: Path) -> bool:
    return path.suffix.lower() == ".pdf"


def _walk(root: Path, unlisted: list[tuple[Path, str]]) -> Iterator[Path]:
    visited: set[tuple[int, int]] = set()

    def cannot_list(error: OSError) -> None:
        unlisted.append((Path(error.filename), f"cannot list the folder ({error.strerror})"))

    for folder, dirs, files in os.walk(root, followlinks=True, onerror=cannot_list):
        try:
            st = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in visited:
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirs.sort()
        for name in sorted(files):
            p = Path(folder, name)
            if _is_pdf(p) and p.is_file():
                yield p


def fingerprint(path: Path) -> tuple[SeenFile, str | None]:
    """The file's absolute path, SHA-256 and size; or, when it cannot be read, why not."""
    from .store import SeenFile

    name = os.path.abspath(path)
    h = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
                size += len(chunk)
    except OSError as e:
        return SeenFile(name, None, None), f"cannot read the file ({e.strerror or e})"
    return SeenFile(name, h.hexdigest(), size), None
