"""Resource limits per input file, and the cheap checks that enforce them before the expensive
parse: file size, page count, characters per page, inflated stream size, time and memory.

Archives hold damaged and occasionally hostile files; a limit turns "hangs overnight" or "eats
all memory" into one clear `LimitError` naming the file and the limit.
"""

from __future__ import annotations

import re
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from .errors import LimitError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = 200
    max_pages: int = 1000
    max_chars_per_page: int = 60_000
    max_stream_mb: float = 100  # one content stream, inflated
    max_inflated_mb: float = 500  # all streams of the file, inflated
    timeout_s: float = 300
    max_memory_mb: int | None = None  # applied by the CLI / batch workers (memory.limit_memory)


DEFAULT_LIMITS = Limits()

_STREAM = re.compile(rb"stream\r?\n")
_FLATE = re.compile(rb"/FlateDecode|/Fl\b")


def check_file(path: Path, limits: Limits) -> None:
    """Refuse files too large to read, or whose compressed streams inflate past the limits
    (a decompression bomb), before any parser inflates them in memory."""
    size = path.stat().st_size
    if size > limits.max_file_mb * MB:
        raise LimitError(
            path, f"is {size / MB:.0f} MB (limit {limits.max_file_mb:g} MB; see --max-file-mb)"
        )
    data = path.read_bytes()
    total = 0
    per_stream = int(limits.max_stream_mb * MB)
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 512) : m.start()]
        if not _FLATE.search(head[head.rfind(b"<<") :] if b"<<" in head else head):
            continue
        inflater = zlib.decompressobj()
        produced = 0
        start = m.end()
        chunk = 1 << 16
        pos = start
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


class Deadline:
    """Cooperative time limit, checked between pages (signals are not safe in worker threads)."""

    def __init__(self, path: Path, seconds: float) -> None:
        self.path, self.seconds = path, seconds
        self.end = time.monotonic() + seconds

    def check(self, where: str) -> None:
        if time.monotonic() > self.end:
            raise LimitError(
                self.path, f"took longer than {self.seconds:g} s ({where}); see --timeout"
            )
