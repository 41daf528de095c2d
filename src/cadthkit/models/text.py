"""Text that UTF-8 and JSON can carry. A lone UTF-16 surrogate (U+D800–U+DFFF) is no character:
a font's ToUnicode map can name one (`<DB00>`), and Python decodes a file name that is not
UTF-8 into them (`os.fsdecode`). Such a string cannot be written as JSON or stored in SQLite, so
a record holding one would crash at its very end, after all the work. Records never hold one:
each surrogate becomes U+FFFD, the replacement character, as a UTF-8 decoder would write it.
"""

from __future__ import annotations

import re
from typing import Any, Self

from pydantic import BaseModel, model_validator
from pydantic_core import PydanticSerializationError

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


def json_safe(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD."""
    return _SURROGATE.sub(REPLACEMENT, text) if _SURROGATE.search(text) else text


def _scrub(value: Any) -> Any:
    """`value` with every string in it made safe; models are changed in place."""
    if isinstance(value, str):
        return json_safe(value)
    if isinstance(value, BaseModel):
        fields = value.__dict__
        for name, item in fields.items():
            fields[name] = _scrub(item)
        return value
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_scrub(v) for v in value)
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    return value


class JsonSafe(BaseModel):
    """A model whose text can always be serialised: validating it replaces lone surrogates
    anywhere in it (nested models included) by U+FFFD.

    The check is one serialisation in Rust (about 0.3 ms for a large record), so it sits on
    the models that are written out whole (a record, a finding, an audit result), not on every
    small part."""

    @model_validator(mode="after")
    def _no_lone_surrogates(self) -> Self:
        try:
            self.__pydantic_serializer__.to_json(self, warnings=False)
        except PydanticSerializationError as exc:
            if "surrogates not allowed" in str(exc):
                _scrub(self)
        return self
