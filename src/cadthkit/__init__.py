"""cadthkit: extract, audit and regenerate CADTH Rapid Response report PDFs.

The public functions live in `cadthkit.api` (extract, check, correct, render, fix, batch,
export); the two most used are re-exported here. `render`, `fix` and `batch` are not, because
those names are also subpackages.

The re-exports are lazy (module `__getattr__`): `import cadthkit.models` or `cadthkit --help`
must not pay for the PDF libraries that `cadthkit.api` pulls in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    from .api import check, extract

__all__ = ["__version__", "check", "extract"]

_LAZY = ("check", "extract")


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
