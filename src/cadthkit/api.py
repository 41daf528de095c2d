"""Public functions; the CLI is a thin wrapper over these."""
