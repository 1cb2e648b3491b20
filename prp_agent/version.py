"""The installed version of prp-agent, read from the package metadata (one source: pyproject.toml)."""

from __future__ import annotations

from functools import cache
from importlib import metadata

__all__ = ["version"]


@cache
def version() -> str:
    """The version pip installed, or "0+unknown" when running from a tree that was never installed."""
    try:
        return metadata.version("prp-agent")
    except metadata.PackageNotFoundError:
        return "0+unknown"
