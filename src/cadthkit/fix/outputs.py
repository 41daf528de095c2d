"""`fix` writes four files that belong together (PDF, record, JSON log, Markdown log). They are
written as a set: all of them into a temporary folder beside the targets, then moved into place
with the JSON log last. The log lists each file's SHA-256, so it is the set's manifest: an old
log is removed before the first move, and a set whose log is missing or disagrees with the files
is known to be incomplete (a run killed half-way). Temporary folders of killed runs are removed
by the next run."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from ..files import write_bytes_atomic

_TEMP_SUFFIX = ".tmp"


@dataclass(frozen=True)
class FixOutputs:
    """OUT.pdf → OUT.pdf, OUT.json, OUT.corrections.json (the manifest), OUT.corrections.md."""

    pdf: Path
    record: Path
    log_json: Path
    log_text: Path

    @classmethod
    def of(cls, out: str | Path) -> FixOutputs:
        pdf = Path(out)
        stem = pdf.with_suffix("") if pdf.suffix.lower() == ".pdf" else pdf
        return cls(
            pdf,
            stem.with_name(stem.name + ".json"),
            stem.with_name(stem.name + ".corrections.json"),
            stem.with_name(stem.name + ".corrections.md"),
        )

    @property
    def all(self) -> tuple[Path, Path, Path, Path]:
        return (self.pdf, self.record, self.log_json, self.log_text)

    @property
    def folder(self) -> Path:
        return self.pdf.parent if str(self.pdf.parent) else Path(".")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _temp_prefix(outputs: FixOutputs) -> str:
    return f".{outputs.pdf.name[:100]}.fix-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def clean_stale_temporaries(outputs: FixOutputs) -> list[Path]:
    """Remove the temporary folders that runs killed before they finished left behind (their
    process is gone); a live run's folder is left alone."""
    removed = []
    prefix = _temp_prefix(outputs)
    with contextlib.suppress(OSError):
        for entry in outputs.folder.iterdir():
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(_TEMP_SUFFIX)):
                continue
            pid = name[len(prefix) :].split("-", 1)[0]
            if pid.isdigit() and _alive(int(pid)) and int(pid) != os.getpid():
                continue
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def set_is_complete(outputs: FixOutputs) -> bool:
    """True when the manifest (the JSON log) exists and every file it lists has its SHA-256."""
    try:
        listed = json.loads(outputs.log_json.read_text(encoding="utf-8")).get("outputs") or {}
        if not listed:
            return False
        return all(
            sha256_hex((outputs.folder / name).read_bytes()) == digest
            for name, digest in listed.items()
        )
    except (OSError, ValueError, AttributeError):
        return False


def write_set(
    outputs: FixOutputs,
    files: dict[Path, bytes],
    manifest: Callable[[dict[str, str]], bytes],
) -> None:
    """Write `files` (every output but the manifest) and then the manifest, built from their
    names and SHA-256s, as one set (see the module docstring)."""
    clean_stale_temporaries(outputs)
    temp = (
        outputs.folder
        / f"{_temp_prefix(outputs)}{os.getpid()}-{secrets.token_hex(4)}{_TEMP_SUFFIX}"
    )
    try:
        temp.mkdir()
    except OSError as exc:
        raise OutputError(
            outputs.pdf, f"cannot write to {outputs.folder} ({exc.strerror})"
        ) from None
    try:
        digests = {target.name: sha256_hex(data) for target, data in files.items()}
        staged = [(write_bytes_atomic(temp / t.name, d), t) for t, d in files.items()]
        staged.append(
            (write_bytes_atomic(temp / outputs.log_json.name, manifest(digests)), outputs.log_json)
        )
        outputs.log_json.unlink(missing_ok=True)  # the old set is no longer complete
        for source, target in staged:
            move(source, target)
    except OSError as exc:
        raise OutputError(outputs.pdf, f"cannot be written ({exc.strerror or exc})") from None
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    with contextlib.suppress(OSError):
        fd = os.open(outputs.folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def move(source: Path, target: Path) -> None:
    """One rename into place (a seam the tests interrupt)."""
    if target.is_dir():
        raise OutputError(target, "is a folder; give a file name")
    os.replace(source, target)
