"""Issue-tracker exports read into one issue shape: GitHub, GitLab, Jira, Linear, Azure DevOps, Trello, Asana, Plane,
Shortcut, YouTrack, Redmine, Perceval items, and any other CSV, JSON or JSON Lines file through inferred fields.

`read_export` loads the file (`source`: encodings, streamed CSV and JSON Lines), finds its records and fields
(`shape`), tells the tracker from the content (`reader`) and reads it with that tracker's reader or by inference
(`generic`). It says how it read the file (`ExportRead.describe`), drops repeated keys, skips pull requests and
archived cards, and raises `InputError` with one line for anything it cannot read. Issue text is untrusted data:
it is carried verbatim and never interpreted.
"""

from __future__ import annotations

from prp_agent.exports.adf import adf_to_markdown
from prp_agent.exports.generic import MAP_FIELDS, parse_mapping
from prp_agent.exports.reader import read_export
from prp_agent.exports.records import FORMATS, ExportRead, ReadOptions, TrackerIssue

__all__ = [
    "FORMATS",
    "MAP_FIELDS",
    "ExportRead",
    "ReadOptions",
    "TrackerIssue",
    "adf_to_markdown",
    "parse_mapping",
    "read_export",
]
