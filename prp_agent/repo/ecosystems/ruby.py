"""Ruby: Rails routes (`namespace`, `scope`, `resources`), Sinatra (with namespaces); ActiveRecord models."""

from __future__ import annotations

import re

from prp_agent.repo.ecosystems.base import Add, FileModels, only
from prp_agent.repo.source import (
    RUBY_CLASS,
    Routes,
    SourceFile,
    closing_brace,
    normalize_path,
    ruby_block_end,
    singular,
)

__all__ = ["ROUTES", "entity_finder"]


_RAILS_LINE = re.compile(
    r"""^[ \t]*(?:(namespace|scope)\s+(?::(\w+)|["']([^"']*)["'])|(resources|resource)\s+:(\w+)([^\n]*)|"""
    r"""(get|post|put|patch|delete)\s+["']([^"']+)["']|(end)\b|(root)\b)"""
)


def _rails(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.path.endswith("config/routes.rb")):
        stack: list[str | None] = []  # a prefix for namespace/scope/resources blocks, None for other blocks
        offset = 0
        for line in source.code.splitlines(keepends=True):
            match = _RAILS_LINE.match(line)
            opens_block = bool(re.search(r"\bdo\b(\s*\|[^|]*\|)?\s*$", line))
            prefix = [p for p in stack if p]
            if match and match.group(1):
                stack.append(match.group(2) or match.group(3) or "")
            elif match and match.group(4):
                name = match.group(5)
                _rails_resources(routes, source, offset, prefix, name, match.group(4) == "resource", match.group(6))
                if opens_block:
                    stack.append(f"{name}/:{singular(name)}_id" if match.group(4) == "resources" else name)
            elif match and match.group(7):
                routes.add(match.group(7), normalize_path(*prefix, match.group(8)), source, offset)
                if opens_block:
                    stack.append(None)
            elif match and match.group(9):
                if stack:
                    stack.pop()
            elif match and match.group(10):
                routes.add("GET", normalize_path(*prefix), source, offset)
            elif opens_block:
                stack.append(None)
            offset += len(line)


def _rails_resources(
    routes: Routes, source: SourceFile, offset: int, prefix: list[str], name: str, singular: bool, options: str
) -> None:
    actions = {"index": ("GET", ""), "show": ("GET", ":id"), "create": ("POST", ""), "update": ("PATCH", ":id"),
               "destroy": ("DELETE", ":id")}  # fmt: skip
    if singular:
        actions = {"show": ("GET", ""), "create": ("POST", ""), "update": ("PATCH", ""), "destroy": ("DELETE", "")}
    only = re.search(r"only:\s*\[([^\]]*)\]", options)
    if only:
        keep = set(re.findall(r":(\w+)", only.group(1)))
        actions = {k: v for k, v in actions.items() if k in keep}
    for method, suffix in actions.values():
        routes.add(method, normalize_path(*prefix, name, suffix), source, offset)


_SINATRA = re.compile(r"^[ \t]*(get|post|put|patch|delete|namespace)\s+['\"]([^'\"]+)['\"][^\n]*\bdo\b", re.M)
# Where a Rack application mounts Sinatra apps: `Rack::URLMap.new('/api/v1/pods' => PodsController, …)` and
# config.ru's `map '/api' do run Api end`
_URLMAP_ENTRY = re.compile(r"""['"](/[^'"]*)['"]\s*=>\s*([A-Z][\w:]*)""")
_RACK_MAP = re.compile(r"""^[ \t]*map\s+['"](/[^'"]*)['"]\s+do\s*\n\s*run\s+([A-Z][\w:]*)""", re.M)
_SPEC = re.compile(r"(^|/)(spec|test)s?/|_(spec|test)\.rb$")


def _mounted_apps(files: list[SourceFile]) -> dict[str, str]:
    """Sinatra app class (its last name) → the path a Rack URLMap or a `map` block mounts it at."""
    mounts: dict[str, str] = {}
    for source in files:
        code = source.code
        if "URLMap" in code:
            start = code.find("URLMap")
            opening = code.find("(", start)
            end = closing_brace(code, opening, "()") if opening >= 0 else len(code)
            for match in _URLMAP_ENTRY.finditer(code, start, end):
                mounts.setdefault(match.group(2).rsplit("::", 1)[-1], match.group(1))
        for match in _RACK_MAP.finditer(code):
            mounts.setdefault(match.group(2).rsplit("::", 1)[-1], match.group(1))
    return mounts


def _sinatra(files: list[SourceFile], routes: Routes) -> None:
    ruby = [f for f in files if f.language == "Ruby" or f.path.endswith(".ru")]
    if not any("Sinatra" in f.code for f in ruby):  # a Sinatra application: its controllers inherit the DSL
        return
    mounts = _mounted_apps(ruby)
    for source in ruby:
        code = source.code
        if source.path.endswith("config/routes.rb") or _SPEC.search(source.path):
            continue
        classes = [(m.start(), m.group(1).rsplit("::", 1)[-1]) for m in RUBY_CLASS.finditer(code)]
        spaces: list[tuple[int, int, str]] = []
        for match in _SINATRA.finditer(code):
            prefix = [p for s, e, p in spaces if s < match.start() < e]
            if match.group(1) == "namespace":
                spaces.append((match.start(), ruby_block_end(code, match.end()), match.group(2)))
                continue
            owner = next((name for start, name in reversed(classes) if start < match.start()), "")
            mount = mounts.get(owner, "")
            routes.add(match.group(1), normalize_path(mount, *prefix, match.group(2)), source, match.start())


_RUBY_MODEL = re.compile(r"class\s+([\w:]+)\s*<\s*(?:ApplicationRecord|ActiveRecord::Base|Sequel::Model\b)")


# Mongoid documents: `class App` … `include Mongoid::Document` … `field :name, type: String`, `embeds_many :watchers`
_MONGOID_FIELD = re.compile(
    r"^[ \t]*(?:field|embeds_many|embeds_one|belongs_to|has_many|has_one|has_and_belongs_to_many|embedded_in)"
    r"[ \t(]+:(\w+)",
    re.M,
)


def _models(source: SourceFile, add: Add) -> None:
    """ActiveRecord and Sequel models under a `models/` (or Sequel apps' `model/`) folder; Mongoid documents, with
    their fields and relations."""
    if "/models/" in "/" + source.path or "/model/" in "/" + source.path:
        ends: dict[int, int] = {}
        for match in _RUBY_MODEL.finditer(source.code):
            if match.group(1) != "ApplicationRecord":
                add(_qualified(source.code, match.start(), match.group(1), ends), [], source, match.start())
    if "Mongoid::Document" in source.code:
        for match in RUBY_CLASS.finditer(source.code):
            body = source.code[match.end() : _ruby_end(source.code, match.start())]
            if re.search(r"^[ \t]*include[ \t]+Mongoid::Document\b", body, re.M):
                add(match.group(1), _MONGOID_FIELD.findall(body), source, match.start())


_NESTING_WINDOW = 20_000  # characters before a class where the modules it is nested in are looked for
_NESTING_OPENERS = 40  # the openers nearest before a class that may hold it
_RUBY_OPENER = re.compile(r"^([ \t]*)(?:module|class)[ \t]+([A-Z][\w:]*)", re.M)


def _qualified(code: str, start: int, name: str, ends: dict[int, int]) -> str:
    """A class's full constant: the modules and classes it is nested in, outermost first (`module Archived` …
    `class Petition` is `Archived::Petition`)."""
    indent = start - (code.rfind("\n", 0, start) + 1)  # `start` is where `class` is written
    if indent == 0:
        return name  # at the top level: nested in nothing
    outer: list[tuple[int, str]] = []  # (indentation, name) of each opener the class sits in
    openers = list(_RUBY_OPENER.finditer(code, max(0, start - _NESTING_WINDOW), start))[-_NESTING_OPENERS:]
    for opener in openers:
        depth = len(opener.group(1))
        if depth >= indent:
            continue
        if opener.start() not in ends:  # each opener's end is found once per file
            ends[opener.start()] = _ruby_end(code, opener.start())
        if ends[opener.start()] > start:
            outer = [o for o in outer if o[0] < depth] + [(depth, opener.group(2))]
    return "::".join([*(n for _, n in outer), name])


def _ruby_end(code: str, start: int) -> int:
    """Where the class opened at `start` ends: the next `end` at the class line's indentation (or the file's end)."""
    indent = len(code[start:]) - len(code[start:].lstrip(" \t"))
    found = re.compile(rf"^[ \t]{{{indent}}}end\b", re.M).search(code, start)
    return found.start() if found else len(code)


def entity_finder(files: list[SourceFile]) -> FileModels:
    """This ecosystem's model finder (it needs no cross-file facts)."""
    return only({"Ruby"}, _models)


ROUTES = (_sinatra,)  # Rails route files: repo/rails.py reads them from the syntax tree
