"""The committed JSON Schemas match the models (regenerate with `cadthkit schema`)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cadthkit.cli import app
from cadthkit.schema import schema_texts

from .conftest import ROOT, extracted


def test_committed_schemas_match_models() -> None:
    for name, text in schema_texts().items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is stale: run `cadthkit schema`"


def test_every_field_is_described() -> None:
    missing = []
    for name, text in schema_texts().items():
        schema = json.loads(text)
        bodies = {"(top)": schema, **schema.get("$defs", {})}
        missing += [
            f"{name}:{model}.{field}"
            for model, body in bodies.items()
            for field, spec in body.get("properties", {}).items()
            if "description" not in spec
        ]
    assert missing == []


def test_schema_command_writes_files(tmp_path) -> None:
    result = CliRunner().invoke(app, ["schema", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(schema_texts())


def test_record_validates_against_exported_schema_shape() -> None:
    """The record's top-level keys are exactly the schema's properties."""
    schema = json.loads(schema_texts()["report.schema.json"])
    record = json.loads(extracted("ivig-offlabel-2017").model_dump_json())
    assert set(record) == set(schema["properties"])
    assert record["record_type"] == "cadthkit.report"
    assert record["summary_tables"][0]["rows"][0]["citation"]["raw"] == "1"
