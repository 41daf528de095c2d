"""The author list that opens a Vancouver reference: personal names ("Meng L", "van der Berg
AB", "guaron de la CA"), groups ("ImmuReMIPD Study Group"), an organisation alone ("World
Health Organization"), and a closing "et al". A reference may also open with its title."""

from __future__ import annotations

import re

# Surname words (particles, hyphens, apostrophes, any script), then initials, then a suffix.
_PERSON = re.compile(
    r"^(?:[^\W\d_][\w'’\-]*\s){1,5}[A-Z]{1,4}(?:-[A-Z]{1,2})?(?:\s(?:Jr|Sr|2nd|3rd|4th|II|III|IV))?$"
)
_ET_AL = re.compile(r"^et\s*al\.?$", re.I)
_ROLE = re.compile(r"^(?:editors?|eds?\.?|compilers?|translators?)$", re.I)
_GROUP_CUE = re.compile(
    r"\b(?:Group|Collaborat\w*|Consortium|Committee|Network|Investigators|Association|Society"
    r"|Organi[sz]ation|Institute|Agency|Council|Foundation|Team|Working|Task Force|Trialists"
    r"|Panel|Department|Ministry|Cent(?:re|er)|College|Board|Authority|Commission|Federation"
    r"|Alliance|Office|Service|Program(?:me)?|Government|Canada|CADTH|NICE|WHO)\b"
)
_SMALL_WORDS = {"and", "for", "the", "with", "from", "into", "of", "on", "in", "at", "to", "des"}


def _title_case(text: str) -> bool:
    """Every word of four letters or more is capitalised, as in an organisation's name."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", text) if w.lower() not in _SMALL_WORDS]
    long = [w for w in words if len(w) >= 4]
    return bool(words) and all(w[0].isupper() for w in long or words)


def _is_group(piece: str) -> bool:
    """A group or organisation printed in the author position."""
    if not piece or not piece[0].isupper() or re.search(r"[:?!]", piece):
        return False
    if len(piece.split()) > 12:
        return False
    return bool(_GROUP_CUE.search(piece)) or _title_case(piece)


def _names(candidate: str) -> tuple[list[str], bool] | None:
    """The names of an author list and whether it ends with 'et al'; None if it is no list."""
    pieces = [p.strip() for p in candidate.split(",")]
    if any(not p for p in pieces):
        return None
    if len(pieces) > 1 and _ROLE.match(pieces[-1]):
        pieces.pop()
    et_al = False
    if _ET_AL.match(pieces[-1]):
        et_al = True
        pieces.pop()
    elif m := re.search(r"\s+et\s*al\.?$", pieces[-1], re.I):
        et_al = True
        pieces[-1] = pieces[-1][: m.start()]
    if not pieces:
        return None
    people = [bool(_PERSON.match(p)) for p in pieces]
    if all(people[i] or _is_group(p) for i, p in enumerate(pieces)) and (
        any(people) or et_al or len(pieces) == 1
    ):
        return pieces, et_al
    return None


def split_authors(head: str) -> tuple[list[str], bool, str]:
    """(names, et al, the rest) of the text before a reference's source.

    The author list is the first sentence; it is taken as one only when it reads as names, so a
    reference that opens with its title keeps it ("Off-Label Use of … [Internet]. Ottawa: …").
    """
    head = head.strip()
    cut = head.find(". ")
    if cut < 0:
        return [], False, head
    found = _names(head[:cut])
    if found is None:
        return [], False, head
    names, et_al = found
    return names, et_al, head[cut + 2 :]
