"""Routes and entities, one module per ecosystem: adding a framework or a data layer is an edit to one file here.

Each module offers `ROUTES` (extractors run over every source file, which add to a shared `Routes`) and
`entity_finder(files)` (which sees every file once, for cross-file facts, then finds the entities of one file at a
time). `repo/routes.py` and `repo/entities.py` run them all in the order of `ECOSYSTEMS`.
"""

from __future__ import annotations

from types import ModuleType

from prp_agent.repo.ecosystems import dotnet, elixir, go, js, jvm, php, python, ruby, rust

__all__ = ["ECOSYSTEMS"]

ECOSYSTEMS: tuple[ModuleType, ...] = (python, js, jvm, go, ruby, php, dotnet, rust, elixir)
