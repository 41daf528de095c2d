"""Layout in time linear in the text's length, however long a paragraph or a word is.

reportlab lays out a paragraph again, whole, for every page it continues on, and breaks an
overlong word character by character each time: a 1 MB one-word field took 319 s. So before
the build, every paragraph longer than LONG characters (in the story, and in table cells) is
cut into paragraphs of at most CHUNK characters, at a space where there is one, and held by one
`LongParagraph` that lays each piece out once per width and splits across pages between
pieces, so a page costs at most a piece's layout. Real paragraphs are far shorter than LONG,
so they are laid out exactly as before.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table

LONG = 4000  # characters: a paragraph longer than this is laid out in pieces
CHUNK = 1000  # characters per piece: under a page even in a narrow table column


def bound_story(story: list[Flowable]) -> list[Flowable]:
    """The story with every overlong paragraph (also inside table cells) made a
    `LongParagraph`."""
    return [_bounded(f) for f in story]


def _bounded(item: Any) -> Any:
    if isinstance(item, Paragraph):
        return _split_paragraph(item) or item
    if isinstance(item, Table):
        for row in item._cellvalues:
            row[:] = [_bounded(cell) for cell in row]
        return item
    if isinstance(item, list):
        return [_bounded(v) for v in item]
    return item


def _length(frags: list[Any]) -> int:
    return sum(len(getattr(f, "text", "") or "") for f in frags)


def _split_paragraph(p: Paragraph) -> LongParagraph | None:
    frags = p.frags
    if _length(frags) <= LONG:
        return None
    groups = _groups(frags)
    style = p.style
    parts = [
        Paragraph(
            None,
            style if i == 0 else _continued(style),
            bulletText=p.bulletText if i == 0 else None,
            frags=group,
        )
        for i, group in enumerate(groups)
    ]
    return LongParagraph(parts, style.spaceBefore, style.spaceAfter)


def _groups(frags: list[Any]) -> list[list[Any]]:
    """The fragments cut into groups of at most CHUNK characters; a fragment is cut at its
    last space inside the room left, or where the room ends when it has none."""
    groups: list[list[Any]] = [[]]
    room = CHUNK
    pending = list(reversed(frags))
    while pending:
        frag = pending.pop()
        text = getattr(frag, "text", None)
        if not isinstance(text, str) or len(text) <= room:
            groups[-1].append(frag)
            room -= len(text) if isinstance(text, str) else 0
            continue
        cut = text.rfind(" ", 0, room + 1)
        if cut > 0:
            head, tail = text[:cut], text[cut + 1 :]
        elif groups[-1] and text[:1] != " ":
            head, tail = "", text  # start the word on the next piece rather than cut it
        else:
            head, tail = text[:room], text[room:]
        if head:
            groups[-1].append(frag.clone(text=head))
        groups.append([])
        room = CHUNK
        pending.append(frag.clone(text=tail))
    return [g for g in groups if g]


_CONTINUED: dict[int, ParagraphStyle] = {}


def _continued(style: ParagraphStyle) -> ParagraphStyle:
    """The style of the pieces after the first: no first-line indent (the run's spacing is
    the run's own, see LongParagraph)."""
    if not style.firstLineIndent:
        return style
    derived = _CONTINUED.get(id(style))
    if derived is None or derived.parent is not style:
        derived = ParagraphStyle(f"{style.name}-continued", parent=style, firstLineIndent=0)
        _CONTINUED[id(style)] = derived
    return derived


class LongParagraph(Flowable):
    """A paragraph held as pieces of bounded length (see the module docstring), stacked with
    no space between them; the space before and after is the whole paragraph's."""

    def __init__(self, parts: list[Paragraph], space_before: float, space_after: float) -> None:
        super().__init__()
        self.parts = parts
        self.space_before, self.space_after = space_before, space_after
        self._laid: dict[int, tuple[float, float]] = {}  # id(part) → (width, height)

    def _height_of(self, part: Paragraph, width: float) -> float:
        laid = self._laid.get(id(part))
        # a failed split drops the piece's lines (reportlab deletes its blPara): lay it again
        if laid is None or laid[0] != width or not hasattr(part, "blPara"):
            laid = (width, part.wrap(width, 1e9)[1])
            self._laid[id(part)] = laid
        return laid[1]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = sum(self._height_of(p, availWidth) for p in self.parts)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        used = 0.0
        for i, part in enumerate(self.parts):
            height = self._height_of(part, availWidth)
            if used + height <= availHeight:
                used += height
                continue
            pieces = part.split(availWidth, availHeight - used)
            head, tail = self.parts[:i], self.parts[i:]
            if len(pieces) == 2:
                head, tail = [*head, pieces[0]], [pieces[1], *self.parts[i + 1 :]]
            if not head:
                return []
            return [
                self._with(head, self.space_before, 0.0),
                self._with(tail, 0.0, self.space_after),
            ]
        return [self]

    def _with(self, parts: list[Paragraph], before: float, after: float) -> LongParagraph:
        out = LongParagraph(parts, before, after)
        out._laid = {id(p): self._laid[id(p)] for p in parts if id(p) in self._laid}
        return out

    def draw(self) -> None:
        y = self.height
        for part in self.parts:
            height = self._height_of(part, self.width)
            part.drawOn(self.canv, 0, y - height)
            y -= height

    def getSpaceBefore(self) -> float:
        return self.space_before

    def getSpaceAfter(self) -> float:
        return self.space_after
