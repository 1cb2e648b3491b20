"""The jinja2 environment for prompt files: StrictUndefined, a delimiting filter and content-hashed prompt ids."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

__all__ = ["delimit", "prompt_dir", "prompt_id", "render_prompt"]


def prompt_dir() -> Path:
    """Where the prompt files are: inside the installed package, or `prompts/` of a source checkout."""
    packaged = Path(str(resources.files("prp_agent"))) / "prompts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "prompts"


def delimit(text: str, tag: str) -> str:
    """Neutralise a closing tag inside untrusted data so it cannot end its own delimiter early (any case, any
    whitespace inside the tag: `</FEATURE_DESCRIPTION>` and `</ feature_description >` too)."""
    closing = re.compile(rf"<\s*/\s*{re.escape(tag)}\s*>", re.IGNORECASE)
    return closing.sub(f"<\\/{tag}>", str(text))


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(prompt_dir()),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=False,
    )
    env.filters["delimit"] = delimit
    return env


def render_prompt(name: str, **variables: Any) -> str:
    """Render `prompts/<name>.j2`; a missing variable is an error."""
    return _environment().get_template(f"{name}.j2").render(**variables).strip()


@cache
def prompt_id(name: str) -> str:
    """`name@hash`: changes whenever the prompt file's text changes."""
    source = (prompt_dir() / f"{name}.j2").read_bytes()
    return f"{name}@{hashlib.sha256(source).hexdigest()[:8]}"
