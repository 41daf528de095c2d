"""What a person watching a batch sees: a live progress bar, then a summary table (rich)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from .runner import BatchSummary
from .worker import Outcome


class _Rate(ProgressColumn):
    def render(self, task: Any) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.2f} files/s" if speed else "- files/s", style="cyan")


class RichReporter:
    """Progress bar on stderr: files done / total, rate, ETA, failures so far."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress: Progress | None = None
        self.task: Any = None

    def start(self, total: int, summary: BatchSummary) -> None:
        skipped = summary.skipped + summary.failed_before
        note = f" ({skipped} already in the store)" if skipped else ""
        self.console.print(f"{summary.files} PDFs found, {total} to extract{note}")
        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _Rate(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("[red]{task.fields[failed]} failed"),
            TextColumn("[dim]{task.fields[current]}"),
            console=self.console,
            speed_estimate_period=60,
            refresh_per_second=2,  # 10 (rich's default) took 2-4 % of a core from the workers
        )
        self.task = self.progress.add_task("extracting", total=total, failed=0, current="")
        self.progress.start()

    def advance(self, path: str, outcome: Outcome, summary: BatchSummary) -> None:
        if self.progress is not None:
            self.progress.update(
                self.task, advance=1, failed=summary.failed, current=Path(path).name[:40]
            )

    def stop(self, summary: BatchSummary) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def summary_table(summary: BatchSummary, store: dict[str, Any]) -> Table:
    """This run next to the whole store: reports, pages, studies, references, findings by
    code, failures by reason, time."""
    table = Table(title=f"cadthkit batch → {summary.db}", title_justify="left")
    table.add_column("")
    table.add_column("this run", justify="right")
    table.add_column("in store", justify="right")
    table.add_row("PDFs found", str(summary.files), "")
    for label, n in summary.accounts().items():
        if n or label in ("reports written", "already in the store", "failed"):
            table.add_row(
                f"  {label}", str(n), str(store["reports"]) if label == "reports written" else ""
            )
    if summary.unfinished:
        table.add_row("[red]  not done (interrupted)", str(summary.unfinished), "")
    table.add_row("pages", str(summary.pages), str(store["pages"]))
    table.add_row("studies", str(summary.studies), str(store["studies"]))
    table.add_row("references", str(summary.references), str(store["references"]))
    codes = sorted(set(summary.findings_by_code) | set(store["findings_by_code"]))
    for code in codes:
        table.add_row(
            f"findings: {code}",
            str(summary.findings_by_code.get(code, 0)),
            str(store["findings_by_code"].get(code, 0)),
        )
    reasons = sorted(set(summary.failures_by_reason) | set(store["failures_by_reason"]))
    for reason in reasons:
        table.add_row(
            f"[red]failures: {reason}",
            str(summary.failures_by_reason.get(reason, 0)),
            str(store["failures_by_reason"].get(reason, 0)),
        )
    rate = summary.reports / summary.seconds if summary.seconds else 0.0
    table.add_row("time", f"{summary.seconds:.1f} s ({rate:.2f} reports/s)", "")
    if summary.peak_worker_mb:
        table.add_row("peak worker memory", f"{summary.peak_worker_mb:.0f} MB", "")
    return table
