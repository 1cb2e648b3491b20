"""Eval suites: the built-in one shipped with the package, or a user's YAML or JSON Lines file of cases."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from prp_agent.errors import InputError
from prp_agent.storage import read_capped
from prp_agent.text import loads_json, one_line
from prp_agent.types import first_problem

__all__ = ["BUILTIN", "Case", "load_suite"]

BUILTIN = "builtin"
_MAX_CASES = 500
_MAX_BYTES = 5_000_000


class Case(BaseModel):
    """One eval case: the description drafted from, optionally a repository and a template, and the facts the PRP
    must carry unchanged (`expect`)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    description: str = Field(min_length=1, max_length=20_000)
    repo: str | None = None
    template: str = "backend"
    expect: list[str] = Field(default_factory=list)
    domain: str = ""


def _builtin_dir() -> Path:
    return Path(str(resources.files("prp_agent.evals")))


def load_suite(suite: str | None) -> tuple[str, list[Case]]:
    """The suite's name and its cases: the built-in suite for None or `builtin`, else a .yaml/.yml file (a list of
    cases, or `{cases: [...]}`) or a JSON Lines file. A case's `repo` is relative to the suite file."""
    if suite in (None, BUILTIN):
        path, base, name = _builtin_dir() / "suite.jsonl", _builtin_dir(), BUILTIN
    else:
        path, base, name = Path(suite), Path(suite).parent, suite
    try:
        text = read_capped(path, _MAX_BYTES, "eval suite").decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{suite} is not UTF-8 text") from None
    items = _yaml_cases(text, name) if path.suffix.lower() in (".yaml", ".yml") else _jsonl_cases(text, name)
    if not items:
        raise InputError(f"{name} holds no cases")
    if len(items) > _MAX_CASES:
        raise InputError(f"{name} holds {len(items)} cases; at most {_MAX_CASES}")
    cases: list[Case] = []
    for number, item in enumerate(items, 1):
        try:
            case = Case.model_validate(item)
        except ValidationError as exc:
            where, problem = first_problem(exc, "case")
            raise InputError(f"{name} case {number}: {where}: {one_line(problem, 100)}") from None
        if case.repo and not Path(case.repo).is_absolute():
            case = case.model_copy(update={"repo": str(base / case.repo)})
        cases.append(case)
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise InputError(f"{name}: case id {case.id!r} appears twice")
        seen.add(case.id)
    return name, cases


def _jsonl_cases(text: str, name: str) -> list[Any]:
    items = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            items.append(loads_json(line))
        except (json.JSONDecodeError, ValueError, RecursionError):
            raise InputError(f"{name} line {number} is not a JSON object") from None
    return items


def _yaml_cases(text: str, name: str) -> list[Any]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        value = yaml.load(text, Loader=loader)  # a safe loader
    except yaml.YAMLError as exc:
        raise InputError(f"{name} is not valid YAML: {one_line(str(exc), 100)}") from None
    if isinstance(value, dict):
        value = value.get("cases")
    if not isinstance(value, list):
        raise InputError(f"{name}: a suite is a list of cases (or `cases:` holding one)")
    return value
