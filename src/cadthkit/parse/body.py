"""The running text of a Critical Appraisal report in reading order, heading by heading, and
the format 1 fields copied from it (Key Findings, Literature Search Methods, Selection
Criteria and Methods, Quantity of Research Available, Summary of Findings)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import BodySection, TextBlock, TextCitation
from .flow import Item
from .running import Paragraph, block, citations, paragraphs_of
from .sections import heading_text, role
from .tables import without_tables

LEVELS = {"h1": 1, "h2": 2, "h3": 3}


# field → the roles it is copied from, best first (an SCA prints 'Literature Search Methods'
# under 'Methods'; one laid out like a Summary of Abstracts has text under 'Methods' itself).
COPIES: dict[str, tuple[str, ...]] = {
    "key_findings": ("key",),
    "methods": ("search", "methods"),
    "selection_criteria_intro": ("criteria",),
    "results_paragraphs": ("quantity", "results"),
    "overall_summary": ("findings", "summary"),
}
LISTS = ("results_paragraphs", "overall_summary")


@dataclass
class Body:
    sections: list[BodySection] = field(default_factory=list)
    copies: dict[str, str | list[str] | None] = field(default_factory=dict)
    blocks: list[TextBlock] = field(default_factory=list)
    citations: list[TextCitation] = field(default_factory=list)


def parse_body(items: list[Item], body_pt: float) -> Body:
    """`items` run from the first body heading to the reference list. A heading printed in a
    panel of its own (the 2021 template's Key Messages box) is a section, whatever its size."""
    out = Body()
    heads: list[tuple[Item, list[Item]]] = []
    for item in items:
        if item.kind in LEVELS:
            heads.append((item, []))
        elif heads:
            heads[-1][1].append(item)
    flat = 0
    by_role: dict[str, list[Paragraph]] = {}
    for head, content in heads:
        heading = heading_text(head.text)
        r = role(heading)
        paras = [] if r == "questions" else paragraphs_of(without_tables(content, body_pt))
        out.sections.append(
            BodySection(
                heading=heading,
                level=1 if head.box is not None else LEVELS[head.kind],
                paragraphs=[p.text for p in paras],
                page=head.page,
            )
        )
        out.citations += citations(heading, paras)
        out.blocks += [block("body", flat + i, p.lines) for i, p in enumerate(paras)]
        flat += len(paras)
        if r and paras and r not in by_role:
            by_role[r] = paras
    for name, roles in COPIES.items():
        paras = next((by_role[r] for r in roles if r in by_role), [])
        if name in LISTS:
            out.copies[name] = [p.text for p in paras]
            out.blocks += [block(name, i, p.lines) for i, p in enumerate(paras)]
        else:
            out.copies[name] = " ".join(p.text for p in paras) or None
            lines = [ln for p in paras for ln in p.lines]
            out.blocks += [block(name, 0, lines)] if lines else []
    return out
