"""Turn the paths a user typed (files, folders, globs) into the list of PDFs to process, and
say what was left out and why: nothing is skipped silently."""

from __future__ import annotations

import glob
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import InputError

if TYPE_CHECKING:  # the store (sqlite3, the row builders) is loaded by fingerprint, not by
    from .store import SeenFile  # `cadthkit extract DIR`, which only lists the PDFs

_GLOB_CHARS = set("*?[")
NOT_REGULAR = "is not a regular file (device, pipe or socket)"


class Skipped(NamedTuple):
    """A path the run does not read: `reason` is "unreadable" (a folder that cannot be listed,
    a FIFO or device named .pdf, a broken link) or "skipped" (a link out of the folders
    given)."""

    path: Path
    message: str
    reason: str


def find_pdfs(
    paths: Iterable[str | Path],
    skipped: list[Skipped] | None = None,
    *,
    follow_links: bool = False,
) -> list[Path]:
    """PDFs under `paths`, each once, in a stable order; what is left out goes to `skipped`.

    A folder is searched recursively; a symbolic link in it is followed only when it leads to
    a place inside the folders given (so a link to `/` does not take the run across the whole
    machine, `/proc` included), or anywhere with `follow_links`. No folder is entered twice, so
    a symlink loop ends. A path that does not exist but holds `*`, `?` or `[` is a glob (`**`
    recurses). Raises InputError for a path that is none of these.
    """
    skipped = skipped if skipped is not None else []
    found: list[Path] = []
    seen: set[str] = set()
    visited: set[tuple[int, int]] = set()

    def add(p: Path) -> None:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            found.append(p)

    given: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not os.path.lexists(path) and _GLOB_CHARS & set(str(raw)):
            given += [Path(m) for m in sorted(glob.glob(str(raw), recursive=True))]
            continue
        if not os.path.lexists(path):
            raise InputError(path, "no such file or folder")
        given.append(path)
    roots = [os.path.realpath(p) for p in given if p.is_dir()]
    for path in given:
        if path.is_dir():
            for p in _walk(path, roots, skipped, visited, follow_links):
                add(p)
        elif path.is_file():
            add(path)
        elif path.is_symlink() and not path.exists():
            skipped.append(Skipped(path, _broken(path), "unreadable"))
        else:
            skipped.append(Skipped(path, NOT_REGULAR, "unreadable"))
    return found


def _is_pdf(path: Path) -> bool:
    return path.suffix.lower() == ".pdf"


def _inside(target: str, roots: list[str]) -> bool:
    return any(target == r or target.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def _broken(link: Path) -> str:
    return f"is a broken link (to {os.readlink(link)}, which does not exist)"


def _walk(
    root: Path,
    roots: list[str],
    skipped: list[Skipped],
    visited: set[tuple[int, int]],
    follow_links: bool,
) -> Iterator[Path]:
    """The PDFs under `root`, a folder's files before its subfolders, both by name."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in visited:
                continue  # entered already (a loop, or a link into a folder searched)
            visited.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as e:
            why = f"cannot list the folder ({e.strerror or e})"
            skipped.append(Skipped(Path(folder), why, "unreadable"))
            continue
        subfolders: list[Path] = []
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    target = os.path.realpath(path)
                    if not os.path.exists(target):
                        if _is_pdf(path):
                            skipped.append(Skipped(path, _broken(path), "unreadable"))
                        continue
                    if not follow_links and not _inside(target, roots):
                        if _is_pdf(path) or os.path.isdir(target):
                            why = (
                                f"links to {target}, outside the folders given; "
                                "not followed (see --follow-links)"
                            )
                            skipped.append(Skipped(path, why, "skipped"))
                        continue
                mode = entry.stat().st_mode  # of the link's target
            except OSError as e:
                if _is_pdf(path):
                    why = f"cannot be read ({e.strerror or e})"
                    skipped.append(Skipped(path, why, "unreadable"))
                continue
            if stat.S_ISDIR(mode):
                subfolders.append(path)
            elif _is_pdf(path):
                if stat.S_ISREG(mode):
                    yield path
                else:
                    skipped.append(Skipped(path, NOT_REGULAR, "unreadable"))
        stack.extend(reversed(subfolders))


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
