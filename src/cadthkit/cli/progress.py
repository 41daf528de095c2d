"""A rich progress bar on stderr for commands that run over many files at a terminal."""

from __future__ import annotations

from .app import clean, err


class ProgressBar:
    """Files done of all, time, the current name; messages printed through it appear above."""

    def __init__(self, verb: str, total: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            TextColumn(f"[bold]{verb}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=err(),
        )
        self.task = self.progress.add_task("", total=total)

    def __enter__(self) -> ProgressBar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def working_on(self, name: str) -> None:
        self.progress.update(self.task, description=name)

    def advance(self) -> None:
        self.progress.advance(self.task)

    def say(self, text: str) -> None:
        self.progress.console.print(clean(text), markup=False)
