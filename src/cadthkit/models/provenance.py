"""Where an extracted item sits in its PDF, so findings and annotations can point at it."""

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Box(BaseModel):
    """A rectangle on one page, in PDF points from the top-left corner (pdfplumber's frame)."""

    model_config = ConfigDict(extra="forbid")

    page: int = Field(ge=1, description="1-based page number in the source PDF.")
    x0: float = Field(description="Left edge, points from the page's left side.")
    top: float = Field(description="Top edge, points from the page's top.")
    x1: float = Field(description="Right edge, points from the page's left side.")
    bottom: float = Field(description="Bottom edge, points from the page's top.")

    @field_validator("x0", "top", "x1", "bottom")
    @classmethod
    def _round(cls, value: float) -> float:
        """Hundredths of a point are finer than any mark drawn on a page; keep records tidy."""
        return round(value, 2)
