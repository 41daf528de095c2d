"""The labelled blocks of a report's front matter (Acknowledgments, Disclaimer, About CADTH…),
kept so that a re-rendered or corrected edition prints them as the original did."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class FrontMatterBlock(BaseModel):
    """One 'Label: text' block of the front matter, its text split into paragraphs."""

    model_config = ConfigDict(extra="forbid")

    label: str = Field(description="The label as printed, without its colon: 'Disclaimer'.")
    paragraphs: list[str] = Field(
        default_factory=list,
        description="Its paragraphs, the first without the label; empty where the label stands "
        "alone (an empty 'Acknowledgments:').",
    )
