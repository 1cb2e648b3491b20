"""How much of a repository a human lists does `read_repo` find: routes with their full path, models, model
fields, auth kinds, stack facts, and traps (facts it must not establish).

    python bench/bench_grounding.py TRUTH_DIR [--show-misses]

TRUTH_DIR holds one JSON file per repository, written by reading the repository (not by running the tool):
`{"path": ..., "routes": [[METHOD, PATH], ...], "models": {Name: [field, ...]}, "auth": [...],
"stack": {kind: [value, ...]}, "traps": [{"kind": ..., "value": ...}]}`. The repositories stay outside the project.
Route paths are compared with parameter names ignored (`/users/{id}` = `/users/{user_id}`), and a truth's `ANY`
with whatever method the route is listed with (the tool lists a route that answers any method as GET); model names
without case, `_`, a `Table`/`Entity`/`Model` suffix or a plural ending (a class and its table). Stack values are
counted twice: `stack` by exact name, and `stack_alike` after dropping a parenthetical and folding the few
spellings people write for one thing (`EF Core` / `Entity Framework Core`, `Rails` / `Ruby on Rails`, `go test` /
`Go testing`), since truth files written by different people spell them differently.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from prp_agent.repo.facts import read_repo
from prp_agent.repo.types import RepoFacts

_AUTH_ALIASES = {
    "Devise": "session", "Passport": "session", "Sanctum": "API key", "Spring Security": "", "Symfony Security": "",
    "ASP.NET Core Identity": "session", "django-allauth": "session", "HTTP Basic/Token": "HTTP Basic",
    "phx.gen.auth": "session", "Guardian": "JWT",
}  # fmt: skip
_STACK_ALIKE = {
    "entity framework core": "ef core", "ruby on rails": "rails", "go testing": "go test", "activerecord": "rails",
    "hibernate/jpa": "jpa/hibernate", "hibernate": "jpa/hibernate", "doctrine orm": "doctrine",
    "microsoft sql server": "sql server", "junit 5": "junit", "flask sqlalchemy": "sqlalchemy",
    "flask migrate": "alembic", "flask alembic": "alembic", "drizzle orm": "drizzle", "drizzle kit": "drizzle kit",
}  # fmt: skip
_STACK_KINDS = ("language", "web_framework", "orm", "database", "migrations", "test_framework")


def route_key(method: str, path: str) -> tuple[str, str]:
    """A route compared without parameter names, trailing slashes or case."""
    path = re.sub(r"\{[^}]*\}", "{}", path.rstrip("/") or "/")
    return method.upper(), path.lower()


def model_key(name: str) -> str:
    """A model name compared without case, underscores, a Table/Entity/Model/Schema or version (`V2`) suffix, a
    plural ending or a table named beside it (`Term (local_vocabularies)`): a class (`OrderItem`) and its table
    (`order_items`) are one model."""
    name = re.sub(r"\s*\([^)]*\)$", "", name)
    name = re.sub(r"(Table|Entity|Model|Schema|Record|Dto)?(V\d+)?$", "", name.rsplit(".", 1)[-1])
    key = name.replace("_", "").lower()
    return re.sub(r"ies$", "y", key) if key.endswith("ies") else key.removesuffix("s") if key[-2:-1] != "s" else key


def stack_key(kind: str, value: str) -> str:
    """A stack value compared without case, hyphens, a parenthetical, a major version (`Laravel 11`, `Echo v4`), or
    one of the spellings in `_STACK_ALIKE`."""
    value = re.sub(r"\s*\([^)]*\)", "", value).strip().lower().replace("-", " ")  # `actix-web` is Actix Web
    value = re.sub(r"\s+v?\d+(?:\.\d+)*$", "", value)
    if kind == "migrations":
        value = re.sub(r" (migrations|migrate)$", "", value)
    return _STACK_ALIKE.get(value, value)


def auth_kinds(facts: RepoFacts) -> set[str]:
    """The auth kinds a scan established, in the truth files' vocabulary."""
    kinds = set()
    for fact in facts.established("auth"):
        value = _AUTH_ALIASES.get(fact.value, fact.value)
        if value:
            kinds.add(value.lower())
    return kinds


def measure(truth: dict, facts: RepoFacts) -> dict:
    """Found/listed counts for one repository, and what was missed."""
    found_routes = {route_key(r.method, r.path) for r in facts.routes}
    found_routes |= {("ANY", path) for _, path in found_routes}  # any-method routes are listed as GET
    listed = [route_key(m, p) for m, p in truth["routes"]]
    route_hits = [r for r in listed if r in found_routes]
    bare = {(m, re.sub(r"^(/[^/]+)+?(?=/)", "", p)) for m, p in found_routes}
    entities = {model_key(e.name): e for e in facts.entities}
    model_hits = [n for n in truth["models"] if model_key(n) in entities]
    field_total = field_hits = 0
    for name, fields in truth["models"].items():
        entity = entities.get(model_key(name))
        found = {f.lower().replace("_", "") for f in entity.fields} if entity else set()
        field_total += len(fields)
        field_hits += sum(1 for f in fields if f.lower().replace("_", "") in found)
    auth = auth_kinds(facts)
    auth_listed = {a.lower() for a in truth.get("auth", [])}
    stack_listed = stack_hits = alike_hits = 0
    stack_missed: list[str] = []
    for kind in _STACK_KINDS:
        values = {v.lower() for v in truth.get("stack", {}).get(kind, [])}
        got = {f.value.lower() for f in facts.established(kind)}  # type: ignore[arg-type]
        stack_listed += len(values)
        stack_hits += len(values & got)
        alike = {stack_key(kind, f.value) for f in facts.established(kind)}  # type: ignore[arg-type]
        alike_hits += sum(1 for v in values if stack_key(kind, v) in alike)
        seen = ", ".join(sorted(got)) or "nothing"
        stack_missed += [f"{kind}={value} (got {seen})" for value in sorted(values - got)]
    traps = []
    for trap in truth.get("traps", []):
        kind, value = trap.get("kind", ""), str(trap.get("value", "")).lower()
        if value in auth_listed or value in {v.lower() for v in truth.get("stack", {}).get(kind, [])}:
            continue  # a note on a fact the truth lists (how it is easy to miss), not a fact to avoid
        if kind in (*_STACK_KINDS, "auth") and any(
            f.value.lower() == value and f.role in (None, "production", "runner") for f in facts.established(kind)
        ):
            traps.append(f"{kind}={value}")
    return {
        "routes": (len(route_hits), len(listed)),
        "routes_no_prefix": (
            sum(
                1
                for m, p in listed
                if (m, p) in found_routes or any(p.endswith(b) and m == bm for bm, b in bare if len(b) > 1)
            ),
            len(listed),
        ),
        "models": (len(model_hits), len(truth["models"])),
        "fields": (field_hits, field_total),
        "auth": (len(auth & auth_listed), len(auth_listed)),
        "auth_extra": sorted(auth - auth_listed),
        "stack": (stack_hits, stack_listed),
        "stack_alike": (alike_hits, stack_listed),
        "traps": traps,
        "missed_routes": [r for r in listed if r not in found_routes],
        "missed_models": [n for n in truth["models"] if model_key(n) not in entities],
        "missed_auth": sorted(auth_listed - auth),
        "missed_stack": stack_missed,
        "skipped": [s.path for s in getattr(facts, "skipped", [])],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("truth_dir", type=Path)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    totals: dict[str, list[int]] = {}
    print(f"{'repository':28} {'routes':>9} {'models':>9} {'fields':>9} {'auth':>7} {'stack':>7} traps  seconds")
    for path in sorted(args.truth_dir.glob("*.json")):
        if args.only and args.only not in path.stem:
            continue
        truth = json.loads(path.read_text())
        start = time.perf_counter()
        facts = read_repo(truth["path"])
        seconds = time.perf_counter() - start
        result = measure(truth, facts)
        for key in ("routes", "routes_no_prefix", "models", "fields", "auth", "stack", "stack_alike"):
            got, of = result[key]
            totals.setdefault(key, [0, 0])
            totals[key][0] += got
            totals[key][1] += of
        cells = [f"{result[k][0]:>4}/{result[k][1]:<4}" for k in ("routes", "models", "fields")]
        cells += [f"{result[k][0]:>3}/{result[k][1]:<3}" for k in ("auth", "stack")]
        print(f"{path.stem:28} {' '.join(cells)} {len(result['traps']):>5}  {seconds:6.1f}")
        if args.show_misses:
            shown = ("missed_routes", "missed_models", "missed_auth", "auth_extra", "missed_stack", "traps", "skipped")
            for key in shown:
                if result[key]:
                    print(f"    {key}: {result[key][:40]}")
    print()
    for key, (got, of) in totals.items():
        print(f"{key:18} {got:>5}/{of:<5} {100 * got / max(of, 1):5.1f} %")


if __name__ == "__main__":
    main()
