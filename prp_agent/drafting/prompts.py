"""The prompt files: a jinja2 environment with StrictUndefined, a delimiting filter and content-hashed prompt ids.

The built-in prompts live in `prompts/` (shipped in the wheel). A user's folder (`--prompts DIR`, config `prompts`,
env `PRP_AGENT_PROMPTS`) is searched first, so a file there replaces the built-in of the same name, and
`sections/<section-id>.j2` adds instructions for that one section: `section.j2` includes it when it exists. Every
prompt id hashes the text actually used, so an override is visible in the sidecar and the call log.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from prp_agent.errors import InputError

__all__ = [
    "PROMPT_NAMES",
    "PromptSet",
    "delimit",
    "load_prompts",
    "prompt_dir",
    "prompt_id",
    "prompt_set",
    "render_prompt",
]

_SECTION_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


def prompt_dir() -> Path:
    """Where the built-in prompt files are: inside the installed package, or `prompts/` of a source checkout."""
    packaged = Path(str(resources.files("prp_agent"))) / "prompts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "prompts"


_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def delimit(text: str, tag: str) -> str:
    """Neutralise a closing tag inside untrusted data so it cannot end its own delimiter early: in any case, with
    whitespace or attributes inside the tag, or with invisible characters (zero-width, bidi) woven into it —
    `</FEATURE_DESCRIPTION>`, `</ feature_description note="x">`, `</feature\u200b_description>`."""
    visible = _INVISIBLE.sub("", str(text))
    closing = re.compile(rf"<\s*/\s*{re.escape(tag)}(?![\w-])[^>]*>", re.IGNORECASE)
    return closing.sub(f"<\\/{tag}>", visible)


# The prompts a draft can use (section prompts are recorded per section).
PROMPT_NAMES = ("system", "repository", "inputs", "brief_request", "brief", "section", "refine", "reask", "json_object")


class PromptSet:
    """The prompts of one run: a user's folder (when given) over the built-in ones."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        search = [str(folder), str(prompt_dir())] if folder is not None else [str(prompt_dir())]
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(search),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            trim_blocks=False,
        )
        self._env.filters["delimit"] = delimit
        self._sources: dict[str, str] = {}

    def render(self, name: str, **variables: Any) -> str:
        """Render `<name>.j2`; a missing variable is an error."""
        return self._env.get_template(f"{name}.j2").render(**variables).strip()

    def has(self, name: str) -> bool:
        """Whether `<name>.j2` exists in the user's folder or the built-in ones."""
        try:
            self._source(name)
        except jinja2.TemplateNotFound:
            return False
        return True

    def id(self, name: str) -> str:
        """`name@hash`: changes whenever the text of the file used changes."""
        return f"{name}@{hashlib.sha256(self._source(name).encode()).hexdigest()[:8]}"

    def ids(self) -> dict[str, str]:
        """Every drafting prompt's id, by name (what a sidecar and an eval run record)."""
        return {name: self.id(name) for name in PROMPT_NAMES}

    def section(self, section_id: str, **variables: Any) -> str:
        """The section request, with `sections/<section_id>.j2` included when it exists."""
        return self.render("section", section_prompt=self._section_file(section_id), **variables)

    def section_id(self, section_id: str) -> str:
        """The prompt id of one section's request: the section prompt's, plus its own file's when it has one."""
        own = self._section_file(section_id)
        return self.id("section") + (f"+{self.id(own.removesuffix('.j2'))}" if own else "")

    def check(self) -> None:
        """Parse every prompt file of the user's folder; InputError naming the first that is broken."""
        if self.folder is None:
            return
        for path in sorted(self.folder.rglob("*.j2")):
            name = path.relative_to(self.folder).as_posix()
            try:
                self._env.parse(path.read_text(encoding="utf-8"), name=name)
            except jinja2.TemplateSyntaxError as exc:
                raise InputError(f"prompt {path} line {exc.lineno}: {exc.message}") from None
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"cannot read prompt {path}: {exc}") from None

    def _section_file(self, section_id: str) -> str | None:
        if not _SECTION_ID.fullmatch(section_id):
            return None
        name = f"sections/{section_id}"
        return f"{name}.j2" if self.has(name) else None

    def _source(self, name: str) -> str:
        """A prompt file's text, read once per set (every section request asks for its prompt id)."""
        if name not in self._sources:
            loader = self._env.loader
            assert loader is not None
            self._sources[name] = loader.get_source(self._env, f"{name}.j2")[0]
        return self._sources[name]


@cache
def prompt_set(folder: str | None = None) -> PromptSet:
    """The prompt set for a user's folder (None: the built-in prompts), made once per folder."""
    return PromptSet(Path(folder).expanduser() if folder else None)


def load_prompts(folder: str | None) -> PromptSet:
    """The prompt set a command runs with, checked before any request: the folder exists and every file parses."""
    if folder and not Path(folder).expanduser().is_dir():
        raise InputError(f"--prompts {folder}: not a directory")
    prompts = prompt_set(folder)
    prompts.check()
    return prompts


def render_prompt(name: str, **variables: Any) -> str:
    """Render the built-in `prompts/<name>.j2`; a missing variable is an error."""
    return prompt_set(None).render(name, **variables)


def prompt_id(name: str) -> str:
    """`name@hash` of the built-in prompt file."""
    return prompt_set(None).id(name)
