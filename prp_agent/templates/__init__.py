"""Built-in templates (package data)."""
