"""Issue-tracker exports (GitHub, GitLab, Jira, Linear, mapped CSV/JSON Lines) read into one issue shape.

`read_export` tells the format from the file's content, decodes UTF-8, UTF-16 or cp1252, drops repeated keys and
skips pull requests, and raises `InputError` with one line for anything it cannot read. Issue text is untrusted
data: it is carried verbatim and never interpreted.
"""

from __future__ import annotations

from .adf import adf_to_markdown
from .generic import MAP_FIELDS, parse_mapping
from .reader import read_export
from .records import FORMATS, ExportRead, TrackerIssue

__all__ = [
    "FORMATS",
    "MAP_FIELDS",
    "ExportRead",
    "TrackerIssue",
    "adf_to_markdown",
    "parse_mapping",
    "read_export",
]
