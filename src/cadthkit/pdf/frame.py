"""The page as a viewer shows it: PDF user space (y up, as stored) → displayed points from the
top-left corner (y down), through the crop box and the page's /Rotate.

A landscape page stored sideways in a portrait box with /Rotate 90 (what Acrobat Distiller's
auto-rotate writes) then reads like any landscape page: glyph boxes, rules and the page size
all come out in the orientation a reader sees.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Frame:
    rotation: int  # clockwise degrees a viewer turns the stored page: 0, 90, 180 or 270
    x0: float  # the crop box in user space
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.y1 - self.y0 if self.rotation in (90, 270) else self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.x1 - self.x0 if self.rotation in (90, 270) else self.y1 - self.y0

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A user-space point as displayed (x from the left, y from the top)."""
        r = self.rotation
        if r == 0:
            return x - self.x0, self.y1 - y
        if r == 90:
            return y - self.y0, x - self.x0
        if r == 180:
            return self.x1 - x, y - self.y0
        return self.y1 - y, self.x1 - x

    def box(
        self, left: float, bottom: float, right: float, top: float
    ) -> tuple[float, float, float, float]:
        """A user-space rectangle as displayed: (x0, top, x1, bottom)."""
        ax, ay = self.point(left, bottom)
        bx, by = self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    def turned(self, quarter_turns: int) -> Frame:
        return Frame((self.rotation + 90 * quarter_turns) % 360, self.x0, self.y0, self.x1, self.y1)

    def quarter_turns(self, a: float, b: float) -> int | None:
        """The quarter turns (clockwise) to add to this frame so that text whose direction in
        user space is (a, b) reads left to right: 0 for upright text, 3 for text running down;
        None for text at another angle (a diagonal watermark)."""
        turns = (math.degrees(math.atan2(b, a)) - self.rotation) / 90
        return round(turns) % 4 if abs(turns - round(turns)) < 1 / 90 else None
