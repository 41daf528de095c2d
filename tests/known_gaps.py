"""Fixture tests known to fail today, each with the open issue whose work fixes it.

Applied as `xfail(strict=True)` at collection (see conftest), so CI stays green and honest: a
listed test that starts to pass fails the run until its line here is removed.
"""

from __future__ import annotations

ROTATED = "issue 9: pages stored sideways (/Rotate 90) are not read, so no report is found"
GS_LIGATURES = (
    "issue 9: Ghostscript's byte-swapped ligature maps ('ti' read as 琀椀) garble the text"
)
CAIRO_SPACES = "issue 9: cairo prints no space characters; some words are read run together"
FIELDS = "test_reference_fields.py::test_extracted_fields"  # reference fields, end to end

KNOWN_GAPS: dict[str, str] = {
    "test_render_property.py::test_generated_rapid_review_and_further_references_round_trip": (
        "issue 10: a 2021 Critical Appraisal report (Rapid Review) and unnumbered further "
        "references (Appendix 5) are not read yet; no fixture has either"
    ),
    f"{FIELDS}[ivig-offlabel-2017-clean.cairo]": CAIRO_SPACES,
    f"{FIELDS}[synthetic-s11.cairo]": CAIRO_SPACES,
    f"{FIELDS}[synthetic-s35-landscape.cairo]": CAIRO_SPACES,
    f"{FIELDS}[synthetic-s41-sca.cairo]": CAIRO_SPACES,
    f"{FIELDS}[ivig-offlabel-2017-clean.gs]": GS_LIGATURES,
    f"{FIELDS}[synthetic-s11.gs]": GS_LIGATURES,
    f"{FIELDS}[synthetic-s35-landscape.gs]": GS_LIGATURES,
    f"{FIELDS}[synthetic-s41-sca.gs]": GS_LIGATURES,
    f"{FIELDS}[ivig-offlabel-2017-clean.rotated]": ROTATED,
    f"{FIELDS}[synthetic-s11.rotated]": ROTATED,
    f"{FIELDS}[synthetic-s13-web.rotated]": ROTATED,
    f"{FIELDS}[synthetic-s35-landscape.rotated]": ROTATED,
    f"{FIELDS}[synthetic-s41-sca.rotated]": ROTATED,
}


def gap_for(nodeid: str) -> str | None:
    """The reason a test is a known gap, from its node id (`tests/FILE::TEST[PARAM]`)."""
    return KNOWN_GAPS.get(nodeid.split("/")[-1])
