"""Which layout family (template) a report is printed in, and the canonical report types.

- 2013: no cover block; page 1 opens with run-in lines 'TITLE: …' and 'DATE: …'.
- 2017: cover band 'CADTH RAPID RESPONSE REPORT: <type>'.
- 2021: cover band 'CADTH Health Technology Review', the report type on the next line.
"""

from __future__ import annotations

import re

from ..models.report import Template
from ..pdf import Line

BAND_2017 = re.compile(r"^CADTH\s+RAPID\s+RESPONSE\s+REPORT\s*:\s*(.+)$", re.I)
BAND_2021 = re.compile(r"^CADTH\s+Health\s+Technology\s+Review\b", re.I)
TITLE_2013 = re.compile(r"^TITLE\s*:\s*(.*)$")
# 2013 page 1: the run-in lines before the text (a corrected edition adds 'CORRECTED:'). Their
# bold label can outweigh a short title, so they must never pass for capitals headings.
RUN_IN_2013 = re.compile(r"^(?:TITLE|DATE|CORRECTED)\s*:")

REPORT_TYPES = {
    "summary of abstracts": "Summary of Abstracts",
    "reference list": "Reference List",
    "summary with critical appraisal": "Summary with Critical Appraisal",
    "rapid review": "Rapid Review",
}
CRITICAL_APPRAISAL = ("Summary with Critical Appraisal", "Rapid Review")


def canonical_type(raw: str) -> str:
    raw = " ".join(raw.split()).strip(" .")
    return REPORT_TYPES.get(raw.lower(), raw.title())


def detect_template(cover: list[Line]) -> Template | None:
    """The template from the first page's lines (top to bottom); None when none is seen."""
    if cover and TITLE_2013.match(cover[0].text):
        return "2013"
    for line in cover:
        if BAND_2021.match(line.text):
            return "2021"
        if BAND_2017.match(line.text):
            return "2017"
    return None
