"""Running text: paragraphs of a section, where each is printed, and the citation callouts in
them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Box, TextBlock, TextCitation
from ..pdf import Line
from .citations import SUPERSCRIPT, parse_callout
from .flow import Item
from .text import paragraph_text, paragraphs

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z])")


@dataclass
class Paragraph:
    text: str
    lines: list[Line]


@dataclass
class RunningText:
    """Paragraph texts of one record field, with their boxes and citations."""

    paragraphs: list[str] = field(default_factory=list)
    blocks: list[TextBlock] = field(default_factory=list)
    citations: list[TextCitation] = field(default_factory=list)


def text_lines(items: list[Item]) -> list[Line]:
    return [i.line for i in items if i.kind == "text" and i.line is not None]


def paragraphs_of(items: list[Item]) -> list[Paragraph]:
    return [Paragraph(paragraph_text(p), p) for p in paragraphs(text_lines(items))]


def block(field: str, index: int, lines: list[Line]) -> TextBlock:
    """One box per page around the lines of a paragraph."""
    boxes: list[Box] = []
    for page in dict.fromkeys(ln.page for ln in lines):
        on = [ln for ln in lines if ln.page == page]
        boxes.append(
            Box(
                page=page,
                x0=min(ln.x0 for ln in on),
                top=min(ln.top for ln in on),
                x1=max(ln.x1 for ln in on),
                bottom=max(ln.bottom for ln in on),
            )
        )
    return TextBlock(field=field, index=index, boxes=boxes)


def citations(section: str, paras: list[Paragraph]) -> list[TextCitation]:
    """Every ^{...} callout of the paragraphs, with its sentence and printed box."""
    out: list[TextCitation] = []
    for pi, para in enumerate(paras):
        sup_boxes = [(s, ln) for ln in para.lines for s in ln.sups]
        k = 0
        for sentence in _SENTENCE_END.split(para.text):
            for m in SUPERSCRIPT.finditer(sentence):
                raw = m.group(1)
                box = None
                page = para.lines[0].page
                if k < len(sup_boxes):
                    (_, x0, top, x1, bottom), line = sup_boxes[k]
                    page = line.page
                    box = Box(page=page, x0=x0, top=top, x1=x1, bottom=bottom)
                k += 1
                if _is_statistic(sentence, m.start()):
                    continue
                out.append(
                    TextCitation(
                        raw=raw,
                        numbers=parse_callout(raw) or [],
                        box=box,
                        section=section,
                        paragraph=pi,
                        sentence=sentence,
                        page=page,
                    )
                )
    return out


def _is_statistic(sentence: str, at: int) -> bool:
    """'I^{2}' is the heterogeneity statistic, not a citation."""
    return at >= 1 and sentence[at - 1] == "I" and (at == 1 or not sentence[at - 2].isalnum())


def single(field: str, items: list[Item]) -> tuple[str | None, list[TextBlock]]:
    """A section read as one text (Key Findings, Methods), with where it is printed."""
    paras = paragraphs_of(items)
    lines = [ln for p in paras for ln in p.lines]
    text = " ".join(p.text for p in paras) or None
    return text, [block(field, 0, lines)] if lines else []


def running(field: str, section: str, items: list[Item]) -> RunningText:
    """Paragraphs with citations (Results, Overall Summary)."""
    paras = paragraphs_of(items)
    return RunningText(
        paragraphs=[p.text for p in paras],
        blocks=[block(field, i, p.lines) for i, p in enumerate(paras)],
        citations=citations(section, paras),
    )
