"""The typer app and what every command shares: how it talks (quiet, normal, verbose; errors as
one line on stderr, always), its limits, its inputs (files, folders, `-`) and the one rule for
output folders. Errors become one line and an exit code here, and only here.

Start-up matters (`cadthkit --help` should feel instant), so the CLI imports only what the option
declarations need; each command imports the API and rich inside its function.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperCommand

from ..errors import CadthkitError, InputError, OutputError
from ..limits import DEFAULT_LIMITS, Limits
from ..version import __version__

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    help="Extract, audit and regenerate CADTH Rapid Response report PDFs.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: rich's help renderer alone costs ~0.1 s CPU
)


class Help(TyperCommand):
    """Help as people read it: `check [OPTIONS] INPUT...` and `INPUT...  Report PDFs …`, not
    typer's `{inputs}` and `inputs <list[path]>`; options show their metavar (FILE, N, SECONDS)
    or their choices, and flags nothing."""

    @staticmethod
    def _name(param: Any) -> str:
        name = param.metavar or (param.name or "").upper()
        return name + ("..." if param.nargs != 1 else "")

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = self._name(param)
                pieces.append(name if param.required else f"[{name}]")
            else:
                pieces += param.get_usage_pieces(ctx)
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        args, opts = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                args.append((self._name(param), record[1]))
            else:
                opts.append(record)
        for title, rows in (("Arguments", args), ("Options", opts)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def command(name: str | None = None):
    """`app.command` with the plain help above."""
    return app.command(name, cls=Help)


DEFAULT_OUTPUT = Path("output")
STDIO = "-"


# --- how a command talks ------------------------------------------------------------------------


class _Talk:
    level = 0  # -1 quiet, 0 normal, 1 verbose


TALK = _Talk()


def set_talk(quiet: bool, verbose: bool, *, reset: bool = False) -> None:
    """A command's own --quiet/--verbose win over those given before the command name."""
    if quiet and verbose:
        say("error: --quiet and --verbose exclude each other")
        raise typer.Exit(2)
    if reset:
        TALK.level = 0
    if quiet or verbose:
        TALK.level = -1 if quiet else 1


QUIET_HELP = "Print only errors (on stderr); no progress, no summary."
VERBOSE_HELP = "Say more: timings, every finding, every file written."


def quiet_option() -> bool:
    return typer.Option(False, "--quiet", "-q", help=QUIET_HELP)


def verbose_option() -> bool:
    return typer.Option(False, "--verbose", "-v", help=VERBOSE_HELP)


@cache
def err() -> Console:
    """The rich stderr console (progress bars), made on first use."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


# Control characters (say, from a hostile file name) are shown as "?", never sent to a terminal.
_CONTROL = {c: "?" for c in [*range(0x20), 0x7F] if c not in (0x09, 0x0A)}


def clean(text: str) -> str:
    return text.translate(_CONTROL)


def say(text: str) -> None:
    """A message that is always shown (errors, failures), on stderr."""
    print(clean(text), file=sys.stderr, flush=True)


def info(text: str) -> None:
    """A message shown unless --quiet, on stderr (stdout is kept for the data)."""
    if TALK.level >= 0:
        say(text)


def detail(text: str) -> None:
    """A message shown with --verbose only."""
    if TALK.level >= 1:
        say(text)


def fail(exc: CadthkitError) -> typer.Exit:
    """One line (plus any per-field detail lines) on stderr; the documented exit code."""
    say(f"error: {exc}")
    return typer.Exit(exc.exit_code)


# --- limits -------------------------------------------------------------------------------------

HELP_PAGES = "Refuse PDFs with more pages."
HELP_SIZE = "Refuse larger files (MB)."
HELP_TIME = "Stop reading a file after this many seconds."
HELP_MEMORY = "Cap this process's memory (MB); 0 for no cap."
HELP_CHARS = "Refuse pages with more characters."


def make_limits(
    max_pages: int,
    max_file_mb: float,
    timeout: float,
    max_memory_mb: int,
    max_chars: int = DEFAULT_LIMITS.max_chars_per_page,
) -> Limits:
    """Per-file limits from the common options; the memory cap applies to this process."""
    from ..memory import limit_memory

    if min(max_pages, max_file_mb, timeout, max_chars) <= 0 or max_memory_mb < 0:
        say("error: limits must be positive numbers")
        raise typer.Exit(2)
    limit_memory(max_memory_mb or None)
    return replace(
        DEFAULT_LIMITS,
        max_pages=max_pages,
        max_file_mb=max_file_mb,
        timeout_s=timeout,
        max_memory_mb=max_memory_mb or None,
        max_chars_per_page=max_chars,
    )


class TableEngine(StrEnum):
    pdfplumber = "pdfplumber"
    camelot = "camelot"


# --- inputs and outputs ---------------------------------------------------------------------------


def expand_inputs(raw: list[Path]) -> list[Path]:
    """Files as given, `-` (standard input, once), and folders searched for PDFs as `batch`
    searches them; each file once. An empty folder is an error, as a missing file is."""
    from ..batch.discover import find_pdfs

    out: list[Path] = []
    seen: set[str] = set()
    stdin_used = False
    for path in raw:
        if str(path) == STDIO:
            if stdin_used:
                raise InputError(STDIO, "standard input can be read only once")
            stdin_used = True
            out.append(path)
            continue
        if path.is_dir() and path.suffix.lower() != ".pdf":  # 'x.pdf/' is refused as a PDF
            found = find_pdfs([path])
            if not found:
                raise InputError(path, "no PDF files found in the folder")
        else:
            found = [path]  # missing or odd files: the reader says precisely what is wrong
        for p in found:
            key = str(p.resolve()) if p.exists() else str(p)
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out


def output_folder(folder: Path) -> Path:
    """The one rule for output folders, for every command: a missing one is created, with its
    parents (`-o out/records`, `-o out/fixed.pdf`); a path through a file fails."""
    if folder.is_dir():
        return folder
    if folder.exists():
        raise OutputError(folder, "is not a folder")
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise OutputError(folder, f"cannot create output folder ({exc.strerror})") from None
    detail(f"created folder {folder}")
    return folder


def output_file(path: Path) -> Path:
    """The same rule for a file output: its folder is created if missing; a path that names a
    folder, or goes through a file, fails before any work."""
    from ..files import check_output_folder

    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        try:
            output_folder(parent)
        except OutputError as exc:
            raise OutputError(path, exc.problem) from None
    check_output_folder(path)
    return path


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"cadthkit {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False,
        "--version",
        callback=version_callback,
        is_eager=True,
        help="Show the version and exit.",
    ),
    quiet: bool = quiet_option(),
    verbose: bool = verbose_option(),
) -> None:
    """Extract, audit and regenerate CADTH Rapid Response report PDFs."""
    set_talk(quiet, verbose, reset=True)
