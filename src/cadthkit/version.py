"""The cadthkit version, in a module of its own so that any layer can name it without importing
the package root (which would import the public API, and with it every layer)."""

__version__ = "0.1.0"
