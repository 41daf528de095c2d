"""Default factories for the models' list and dict fields.

`default_factory=list` makes pydantic call `inspect.signature(list)` for each such field as the
model class is built, and a builtin's signature is parsed from its text by the tokenizer: that
was a third of the models' build time, paid by every process that imports them. A Python
function's signature is read without parsing.
"""

from __future__ import annotations

from typing import Any


def empty_list() -> list[Any]:
    return []


def empty_dict() -> dict[Any, Any]:
    return {}
