"""Process memory: cap it, so a runaway parse raises MemoryError instead of waking the OOM
killer, and read its peak, which batch reports per worker."""

from __future__ import annotations

import resource
import sys

MB = 1024 * 1024


def limit_memory(max_memory_mb: int | None) -> None:
    """Cap this process's address space (RLIMIT_AS) at `max_memory_mb`; None or 0: no cap.

    Never raises the hard limit: a cap set by the caller's environment still holds."""
    if not max_memory_mb:
        return
    limit = int(max_memory_mb) * MB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    On Linux from /proc (VmHWM): `ru_maxrss` survives exec, so a worker started by a large
    parent would report the parent's size as its own."""
    try:
        with open("/proc/self/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / MB if sys.platform == "darwin" else peak / 1024
