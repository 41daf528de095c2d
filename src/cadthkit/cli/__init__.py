"""typer commands: thin wrappers over cadthkit.api (see `cli.app` for what they share)."""

# isort: off
from . import records  # extract, schema, check, render, fix: registered first, listed first
from . import exports  # export-refs, export-tables, batch, export
from .app import app

# isort: on

__all__ = ["app", "exports", "records"]
