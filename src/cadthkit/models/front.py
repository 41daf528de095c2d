"""The labelled blocks of a report's front matter (Acknowledgments, Disclaimer, About CADTH…),
kept so that a re-rendered or corrected edition prints them as the original did."""

from pydantic import BaseModel, ConfigDict, Field

from .defaults import empty_list


class FrontMatterBlock(BaseModel):
    """One 'Label: text' block of the front matter, its text split into paragraphs."""

    model_config = ConfigDict(extra="forbid")

    label: str = Field(description="The label as printed, without its colon: 'Disclaimer'.")
    paragraphs: list[str] = Field(
        default_factory=empty_list,
        description="Its paragraphs, the first without the label; empty where the label stands "
        "alone (an empty 'Acknowledgments:').",
    )
