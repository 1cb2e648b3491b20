"""The sidecar (`FILE.prp.json`): what a draft knew that the markdown does not show — description, brief, every
section's structured values, flags and history — tied to the markdown it was written with.

A sidecar records the markdown's sha256 and each section's, so a sidecar copied from another document (or left
behind by a crash between the two writes) is detected instead of trusted. Format 1 files (no hashes) are read and
upgraded on their next write; a sidecar from a newer prp-agent is refused.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from prp_agent.errors import InputError
from prp_agent.prpfile.grammar import sidecar_for
from prp_agent.prpfile.parse import PrpDocument, parse_document
from prp_agent.storage import read_capped
from prp_agent.templates.compiler import Template
from prp_agent.text import loads_json
from prp_agent.types import SectionResult, first_problem

__all__ = [
    "FORMAT",
    "HistoryEntry",
    "Pairing",
    "Sidecar",
    "SidecarTemplate",
    "load_sidecar",
    "pairing",
    "section_hashes",
    "text_sha256",
]

FORMAT = "prp-agent.sidecar/2"
_FORMAT_PREFIX = "prp-agent.sidecar/"
_READABLE = {1, 2}

Pairing = Literal["same", "edited", "foreign", "unknown"]


class SidecarTemplate(BaseModel):
    """The template a document was drafted from."""

    name: str
    source: str
    sha256: str


class HistoryEntry(BaseModel):
    """One change made to a section after the draft: a refine, an edit, accepted flags or an undo."""

    model_config = ConfigDict(extra="allow")

    section: str
    at: str
    by: str = "unknown"
    action: str
    instruction: str | None = None
    answers: list[str] = Field(default_factory=list)
    previous: dict[str, Any] | None = None
    undone: str | None = None
    undid: str | None = None
    accepted_flags: list[dict[str, Any]] = Field(default_factory=list)


class Sidecar(BaseModel):
    """Everything needed to refine one section later without re-drafting the rest."""

    model_config = ConfigDict(extra="allow")

    format: str = FORMAT
    prp_agent: str = ""
    created_at: str = ""
    document: str | None = None
    markdown_sha256: str | None = None
    section_sha256: dict[str, str] = Field(default_factory=dict)
    template: SidecarTemplate
    description: str | None = None
    stated_facts: list[dict[str, Any]] = Field(default_factory=list)
    mode: str | None = None
    model: str | None = None
    output_mode: str | None = None
    prompts: dict[str, str] = Field(default_factory=dict)
    brief: dict[str, Any] | None = None
    sections: list[SectionResult] = Field(default_factory=list)
    usage: dict[str, int] = Field(default_factory=dict)
    repo: dict[str, Any] | None = None
    issue: dict[str, str] | None = None  # the tracker issue a batch drafted this from: key, url, parent
    history: list[HistoryEntry] = Field(default_factory=list)
    created_by: str | None = None

    def results(self) -> dict[str, SectionResult]:
        """Section results by section id."""
        return {section.id: section for section in self.sections}

    def tie(self, markdown: Path, text: str, template: Template) -> None:
        """Record which markdown this sidecar belongs to: its name, its hash and each section's."""
        self.format = FORMAT
        self.document = markdown.name
        self.markdown_sha256 = text_sha256(text)
        self.section_sha256 = section_hashes(parse_document(markdown, text, template))

    def dumps(self) -> str:
        """The file's text."""
        return json.dumps(self.model_dump(mode="json", exclude_none=False), indent=2, ensure_ascii=False) + "\n"


def text_sha256(text: str) -> str:
    """The hash a sidecar records for a text (line endings normalised, so CRLF checkouts still match)."""
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


def section_hashes(document: PrpDocument) -> dict[str, str]:
    """Each template-tied section's body hash."""
    return {s.template_id: text_sha256(document.body(s)) for s in document.sections if s.template_id}


def pairing(sidecar: Sidecar, document: PrpDocument) -> Pairing:
    """How a sidecar relates to a document: written with it, written with it and edited since (by a human), about
    another document, or unknown (a format 1 sidecar records no hashes)."""
    if sidecar.markdown_sha256 is None:
        return "unknown"
    if sidecar.markdown_sha256 == text_sha256(document.text):
        return "same"
    now = section_hashes(document)
    matching = sum(1 for sid, sha in sidecar.section_sha256.items() if now.get(sid) == sha)
    renamed = sidecar.document is not None and sidecar.document != document.path.name
    # A sidecar that names another file describes that file, unless this one is it renamed (every section the
    # same); one that names this file describes it as long as any section is still as it was written.
    if matching == 0 or (renamed and matching < len(sidecar.section_sha256)):
        return "foreign"
    return "edited"


_MAX_SIDECAR_BYTES = 64_000_000  # far above any real sidecar; a device or a runaway file is refused unread


def load_sidecar(markdown: str | Path) -> tuple[Path, Sidecar | None]:
    """The sidecar path beside a PRP and its data (None when there is none); one-line InputError when unusable."""
    path = sidecar_for(Path(markdown))
    if not path.exists():
        return path, None
    try:
        data = loads_json(read_capped(path, _MAX_SIDECAR_BYTES, "sidecar").decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"cannot read sidecar {path}: {str(exc).splitlines()[0]}") from None
    return path, parse_sidecar(data, path)


def parse_sidecar(data: object, where: Path | str) -> Sidecar:
    """A sidecar from its JSON: format checked (older ones upgraded, newer ones refused), fields validated."""
    fmt = str(data.get("format", "")) if isinstance(data, dict) else ""
    if not isinstance(data, dict) or not fmt.startswith(_FORMAT_PREFIX):
        raise InputError(f"{where} is not a prp-agent sidecar")
    version = fmt.removeprefix(_FORMAT_PREFIX)
    if not version.isdigit() or int(version) not in _READABLE:
        raise InputError(
            f"{where} has sidecar format {fmt}, which this prp-agent cannot read (it reads format 2 and older): "
            "upgrade prp-agent"
        )
    try:
        sidecar = Sidecar.model_validate(data)
    except ValidationError as exc:
        where_in, problem = first_problem(exc, "(root)")
        raise InputError(f"sidecar {where} is damaged: {where_in}: {problem}") from None
    return sidecar
