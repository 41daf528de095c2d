"""An input PDF is checked, read and hashed once, and its bytes handed on as one value."""

from __future__ import annotations

import builtins
import hashlib
from pathlib import Path

import pytest

from cadthkit import extract
from cadthkit.limits import DEFAULT_LIMITS
from cadthkit.pdf import read_document, read_input

from .conftest import extracted, fixture_pdf


def test_one_value_with_the_bytes_and_their_sha256() -> None:
    pdf = fixture_pdf("synthetic-s11")
    file = read_input(pdf, DEFAULT_LIMITS)
    assert file.path == pdf
    assert file.data == pdf.read_bytes()
    assert file.sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    pages = read_document(file)
    assert [ln.text for p in pages for ln in p.lines] == [
        ln.text for p in read_document(pdf) for ln in p.lines
    ]


def test_extract_opens_the_file_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pdf = tmp_path / "s11.pdf"
    pdf.write_bytes(fixture_pdf("synthetic-s11").read_bytes())
    opened: list[str] = []
    real_open, real_path_open = builtins.open, Path.open

    def counting_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(pdf):
            opened.append("open")
        return real_open(file, *args, **kwargs)

    def counting_path_open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(self) == str(pdf):
            opened.append("Path.open")
        return real_path_open(self, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(Path, "open", counting_path_open)
    report = extract(pdf)
    assert len(opened) == 1, opened
    assert report.source.sha256 == extracted("synthetic-s11").source.sha256
