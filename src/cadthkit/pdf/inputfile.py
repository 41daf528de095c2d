"""One input PDF, read once: the checks that say clearly why a path is not a usable PDF, the size
and decompression-bomb limits, and the SHA-256, all from one read of the bytes, which are then
handed to the PDF reader as they are (the file was once read four times before its record
existed: two sniffs, the bomb scan, the parser, the hash).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, LimitError
from ..limits import MB, Limits

_STREAM = re.compile(rb"stream\r?\n")
_FLATE = re.compile(rb"/FlateDecode|/Fl\b")
_HEAD = 1024  # the %PDF header must start within this many bytes


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    data: bytes
    sha256: str


def read_input(path: str | Path, limits: Limits) -> InputFile:
    """Check and read the PDF at `path`; raise `InputError` / `LimitError` naming the problem."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder, not a PDF file")
    if not path.is_file():
        raise InputError(path, "is not a regular file (device, pipe or socket)")
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEAD)
            if not head:
                raise InputError(path, "is empty (0 bytes)")
            if b"%PDF-" not in head:
                raise InputError(path, "is not a PDF (no %PDF header)")
            size = path.stat().st_size
            if size > limits.max_file_mb * MB:
                raise LimitError(
                    path,
                    f"is {size / MB:.0f} MB (limit {limits.max_file_mb:g} MB; see --max-file-mb)",
                )
            data = head + fh.read()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    scan_streams(path, data, limits)
    return InputFile(path, data, hashlib.sha256(data).hexdigest())


def scan_streams(path: Path, data: bytes, limits: Limits) -> None:
    """Refuse a file whose compressed streams inflate past the limits (a decompression bomb)
    before any parser inflates them in memory; output is capped while measuring."""
    total = 0
    per_stream = int(limits.max_stream_mb * MB)
    chunk = 1 << 16
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 512) : m.start()]
        if not _FLATE.search(head[head.rfind(b"<<") :] if b"<<" in head else head):
            continue
        inflater = zlib.decompressobj()
        produced = 0
        pos = m.end()
        try:
            while pos < len(data) and not inflater.eof:
                out = inflater.decompress(data[pos : pos + chunk], per_stream + 1 - produced)
                produced += len(out)
                if produced > per_stream:
                    raise LimitError(
                        path,
                        f"has a compressed stream that inflates past {limits.max_stream_mb:g} MB "
                        "(a decompression bomb?); refused",
                    )
                if inflater.unconsumed_tail:
                    # output cap reached inside this chunk; keep feeding the tail
                    pos += chunk - len(inflater.unconsumed_tail)
                else:
                    pos += chunk
        except zlib.error:
            continue  # a damaged stream is the parser's problem, not a bomb
        total += produced
        if total > limits.max_inflated_mb * MB:
            raise LimitError(
                path,
                f"inflates past {limits.max_inflated_mb:g} MB in all (a decompression bomb?); "
                "refused",
            )
