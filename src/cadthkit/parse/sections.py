"""Section headings: what each one is (its role), and the stream split at them.

Headings are matched by how they start, case-insensitively, so the 2013 template's
'CONTEXT AND POLICY ISSUES:' and the 2021 template's 'Key Messages' find their roles too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .flow import Item

# role → heading starts; the first role that matches wins, so longer names come first.
ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("abbreviations", ("abbreviations",)),
    ("questions", ("research question",)),
    ("key", ("key finding", "key message")),
    ("criteria", ("selection criteria",)),
    ("search", ("literature search",)),
    ("quantity", ("quantity of research",)),
    ("findings", ("summary of findings",)),
    ("summary", ("overall summary",)),
    ("methods", ("methods",)),
    ("results", ("results", "summary of evidence")),
    ("references", ("references",)),
    ("prisma", ("appendix 1: selection of included", "selection of included studies")),
    ("further", ("additional references", "further information")),
    ("appendix", ("appendix",)),
)
# Roles that start a section of their own even when printed as a sub-heading (h2): Table 1
# under Methods, and the 2021 template's boxed Key Messages.
TOP_LEVEL_H2 = ("criteria", "key")


def role(heading: str) -> str | None:
    h = " ".join(heading.lower().split()).rstrip(":")
    for name, starts in ROLES:
        if any(h.startswith(s) or (name in ("prisma", "further") and s in h) for s in starts):
            return name
    return None


def heading_text(text: str) -> str:
    """A heading as printed, without a trailing colon (2013: 'METHODS:')."""
    return text.rstrip().rstrip(":").rstrip()


@dataclass
class Section:
    heading: str
    role: str | None
    page: int
    items: list[Item] = field(default_factory=list)


def starts_section(item: Item) -> bool:
    """A section heading: h1, or an h2 of a role in TOP_LEVEL_H2."""
    return item.kind == "h1" or (item.kind == "h2" and role(item.text) in TOP_LEVEL_H2)


def split_sections(items: list[Item]) -> list[Section]:
    """The stream cut at every section heading."""
    sections: list[Section] = []
    for item in items:
        if starts_section(item):
            sections.append(Section(heading_text(item.text), role(item.text), item.page))
        elif sections:
            sections[-1].items.append(item)
    return sections
