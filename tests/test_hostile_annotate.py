"""`check --annotate` on damaged and active files: it reads what `extract` read (or refuses in
one line, exit 2), and its copy carries nothing that can run, launch or hold a file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject
from typer.testing import CliRunner

from cadthkit import api
from cadthkit.audit import annotate as annotate_module
from cadthkit.cli import app

from . import hostile
from .conftest import extracted, fixture_pdf

runner = CliRunner()
SEED = fixture_pdf("ivig-offlabel-2017")
WEB = fixture_pdf("ivig-offlabel-2017-web")

DAMAGED: dict[str, Callable[[Path, Path], Path]] = {
    "damaged startxref": hostile.damaged_startxref,
    "cyclic page tree": hostile.cyclic_page_tree,
    "1 MB name": hostile.huge_name,
    "no cross-reference table or trailer (no /Root)": hostile.no_cross_reference,
    "stream with an external /F file": hostile.external_stream,
}


def finding_annotations(pdf: Path) -> dict[int, tuple[int, DictionaryObject]]:
    """cadthkit's finding annotations: number → (page index, annotation)."""
    found = {}
    for index, page in enumerate(PdfReader(pdf).pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            name = str(annot.get("/NM", ""))
            if name.startswith("cadthkit-finding-"):
                number = int(name.rsplit("-", 1)[1])
                assert number not in found, f"finding {number} annotated twice"
                found[number] = (index, annot)
    return found


@pytest.mark.parametrize("case", list(DAMAGED))
def test_annotate_reads_what_extract_read(tmp_path: Path, case: str) -> None:
    pdf = DAMAGED[case](SEED, tmp_path / "damaged.pdf")
    extracted_again = api.extract(pdf)
    assert extracted_again.summary_tables == extracted("ivig-offlabel-2017").summary_tables
    out = tmp_path / "marked.pdf"
    result = runner.invoke(
        app, ["check", str(pdf), "--annotate", str(out), "-o", str(tmp_path / "audit.txt")]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1, result.output  # the seed's errors; the copy is written
    # no traceback, no library chatter: the one line naming what was written
    assert result.output == f"{pdf} → {out}\n"
    findings = api.check(extracted_again)
    assert sorted(finding_annotations(out)) == list(range(1, len(findings) + 1))


def test_annotate_refuses_what_it_cannot_read_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the extractor read with pdfminer (PDFium refused it) that pypdf cannot open
    either: one line, exit 2, nothing written."""
    from pypdf.errors import LimitReachedError

    def refuses(*args: object, **kwargs: object) -> None:
        raise LimitReachedError("Read stream length of 8176 exceeds maximum allowed length")

    monkeypatch.setattr(annotate_module, "pages_as_read", lambda path, data: None)
    monkeypatch.setattr(annotate_module, "PdfReader", refuses)
    out = tmp_path / "marked.pdf"
    result = runner.invoke(app, ["check", str(SEED), "--annotate", str(out), "-o", "/dev/null"])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [
        f"error: {SEED}: cannot be annotated: it is too damaged to copy its pages "
        "(LimitReachedError: Read stream length of 8176 exceeds maximum allowed length); "
        "extract and check can read it"
    ]
    assert list(tmp_path.iterdir()) == []


def _objects(reader: PdfReader) -> Iterator[object]:
    """Every object reachable from the trailer."""
    seen: set[int] = set()
    stack: list[object] = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        yield item
        if isinstance(item, DictionaryObject):
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)


ACTIVE_KEYS = {"/JS", "/JavaScript", "/OpenAction", "/AA", "/EmbeddedFiles", "/EmbeddedFile"}
ACTIVE_KEYS |= {"/AcroForm", "/Names", "/Launch", "/Dur", "/FS"}


def _active(reader: PdfReader) -> list[str]:
    found = []
    for item in _objects(reader):
        if not isinstance(item, DictionaryObject):
            continue
        found += [k for k in item if k in ACTIVE_KEYS]
        if item.get("/S") not in (None, "/URI", "/GoTo") and "/Type" not in item:
            found.append(f"action {item.get('/S')}")
        if item.get("/Subtype") in ("/FileAttachment", "/Sound", "/Movie", "/Screen"):
            found.append(str(item["/Subtype"]))
        uri = str(item.get("/URI", ""))
        if uri and not uri.startswith(("http://", "https://", "mailto:")):
            found.append(f"URI {uri}")
    return found


def test_the_annotated_copy_carries_no_active_content(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    pdf = hostile.active_content(WEB, tmp_path / "active.pdf", marker)
    assert len(_active(PdfReader(pdf))) >= 10  # the input carries all of it
    out = tmp_path / "marked.pdf"
    result = runner.invoke(app, ["check", str(pdf), "--annotate", str(out), "-o", "/dev/null"])
    assert result.exit_code == 1, result.output
    assert not marker.exists()
    reader = PdfReader(out)
    assert _active(reader) == []
    data = out.read_bytes()
    for name in (b"/JavaScript", b"/OpenAction", b"/Launch", b"/EmbeddedFile", b"javascript:"):
        assert name not in data, name

    # What is for reading stays: the report's PubMed links, and the finding annotations.
    def links(r: PdfReader) -> list[str]:
        return sorted(
            str(i["/URI"]) for i in _objects(r) if isinstance(i, DictionaryObject) and "/URI" in i
        )

    assert links(reader) == links(PdfReader(WEB))
    assert len(links(reader)) == 30
    assert len(finding_annotations(out)) == len(api.check(api.extract(pdf)))
