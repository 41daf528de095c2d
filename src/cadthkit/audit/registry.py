"""The registry of checks: each check declares the codes it emits, with their severities and the
words the README's codes table shows, so that table, `audit.CODES` and what the audit can
actually emit are one fact in one place."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..models.findings import Finding, Severity

if TYPE_CHECKING:
    from .context import AuditContext

SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Code:
    """One finding code: its severity (the first; any others are lesser variants), when it
    fires and an example, as the README's codes table prints them."""

    name: str
    severities: tuple[Severity, ...]
    fires_when: str
    example: str = ""

    @property
    def severity(self) -> Severity:
        return self.severities[0]


CheckFn = Callable[["AuditContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    """A registered check: a function of the audit context and the codes it may emit."""

    fn: CheckFn
    codes: tuple[Code, ...]

    @property
    def name(self) -> str:
        return self.fn.__name__


CHECKS: list[Check] = []  # in registration order, which is document order within a severity
_CODES: dict[str, Code] = {}


def check(*codes: Code) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated function as a check emitting `codes`."""

    def register(fn: CheckFn) -> CheckFn:
        for code in codes:
            if code.name in _CODES:
                raise ValueError(f"finding code {code.name!r} registered twice")
            _CODES[code.name] = code
        CHECKS.append(Check(fn, codes))
        return fn

    return register


def code(name: str) -> Code:
    return _CODES[name]


def all_codes() -> list[Code]:
    """Every registered code, in registration order."""
    return [c for chk in CHECKS for c in chk.codes]


def finding(name: str, *, severity: Severity | None = None, **fields: Any) -> Finding:
    """A Finding of a registered code, at the code's severity unless a lesser one is given."""
    entry = _CODES[name]
    chosen = severity or entry.severity
    if chosen not in entry.severities:
        raise ValueError(f"{name} is never of severity {chosen}")
    return Finding(code=name, severity=chosen, **fields)


def codes_table() -> str:
    """The README's audit-codes table, as Markdown, from the registry."""
    lines = ["| code | severity | fires when | example |", "|---|---|---|---|"]
    for c in all_codes():
        severity = "/".join(sorted(c.severities, key=lambda s: -SEVERITY_ORDER[s]))
        lines.append(f"| `{c.name}` | {severity} | {c.fires_when} | {c.example} |")
    return "\n".join(lines) + "\n"
