"""JSON Schemas exported from the models; `schemas/` holds them and a test checks for drift."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, TypeAdapter

from .files import write_text_atomic
from .models import Report
from .models.findings import AuditFile

SCHEMAS: dict[str, type[BaseModel] | TypeAdapter] = {
    "report.schema.json": Report,
    "findings.schema.json": AuditFile,  # what `cadthkit check --format json` prints
}


def schema_texts() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, model in SCHEMAS.items():
        schema = (
            model.json_schema(mode="serialization")
            if isinstance(model, TypeAdapter)
            else model.model_json_schema(mode="serialization")
        )
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
        schema.setdefault("title", name.split(".")[0].title())
        out[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def write_schemas(folder: str | Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_text_atomic(folder / name, text) for name, text in schema_texts().items()]
