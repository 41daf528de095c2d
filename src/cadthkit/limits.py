"""Resource limits per input file: file size, page count, characters per page, inflated stream
size, time and memory. The file checks run where the file is read (`pdf.inputfile`); the page
checks where pages are read.

Archives hold damaged and occasionally hostile files; a limit turns "hangs overnight" or "eats
all memory" into one clear `LimitError` naming the file and the limit.
"""

from __future__ import annotations

import time
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
