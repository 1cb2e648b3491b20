"""Test support that ships with the package: schema-valid sample answers for any structured-output request.

`sample_for_schema` answers any strict JSON schema with a deterministic valid value; tests, the benchmarks' stub
server and scripted demos use it so that only the answers a test cares about are written by hand.
"""

from __future__ import annotations

from typing import Any

__all__ = ["sample_for_schema"]

_SAMPLE_MAX_DEPTH = 32


class _Sampler:
    """Builds one deterministic value; a counter keeps generated strings distinct within it."""

    def __init__(self, root: dict[str, Any], seed: str) -> None:
        self.root = root
        self.seed = seed
        self.counter = 0

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < _SAMPLE_MAX_DEPTH:
            ref = str(node["$ref"])
            seen += 1
            target: Any = None
            for prefix in ("#/$defs/", "#/definitions/"):
                if ref.startswith(prefix):
                    defs = self.root.get(prefix[2:-1], {})
                    target = defs.get(ref[len(prefix) :]) if isinstance(defs, dict) else None
                    break
            if ref == "#":
                target = self.root
            if not isinstance(target, dict):
                raise ValueError(f"unresolvable $ref {ref!r}")
            node = target
        return node

    def sample(self, node: Any, name: str, depth: int = 0) -> Any:
        if depth > _SAMPLE_MAX_DEPTH:
            return None
        if not isinstance(node, dict):
            return None  # `true`/`{}`-like schemas: anything goes
        node = self.resolve(node)
        if name == "open_questions" and _is_array(node):
            return []
        if name == "assumptions" and _is_array(node):
            return [self.text(name)]
        if "const" in node:
            return node["const"]
        if isinstance(node.get("enum"), list) and node["enum"]:
            return node["enum"][0]
        for key in ("anyOf", "oneOf"):
            branches = node.get(key)
            if isinstance(branches, list) and branches:
                branch = next((b for b in branches if not _is_null(self.resolve(b))), branches[0])
                return self.sample(branch, name, depth + 1)
        if isinstance(node.get("allOf"), list) and node["allOf"]:
            return self.sample(node["allOf"][0], name, depth + 1)
        kind = node.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind is None:
            kind = "object" if "properties" in node else "array" if "items" in node else "string"
        if kind == "object":
            props = node.get("properties", {})
            return {key: self.sample(sub, key, depth + 1) for key, sub in props.items()}
        if kind == "array":
            count = _item_count(node)
            return [self.sample(node.get("items", {}), name, depth + 1) for _ in range(count)]
        if kind == "string":
            return self.string(node, name)
        if kind in ("number", "integer"):
            return _number(node, name, integer=kind == "integer")
        if kind == "boolean":
            return True
        return None

    def text(self, name: str) -> str:
        self.counter += 1
        return f"Drafted {name or 'value'} for {self.seed or 'stub'} #{self.counter}"

    def string(self, node: dict[str, Any], name: str) -> str:
        pattern = node.get("pattern")
        if isinstance(pattern, str) and pattern.startswith("^/"):
            self.counter += 1
            return f"/api/v1/items-{self.counter}"
        value = self.text(name)
        max_length = node.get("maxLength")
        if isinstance(max_length, int) and max_length > 0 and len(value) > max_length:
            value = value[-max_length:]  # keep the distinct counter
        return value


def _is_null(node: Any) -> bool:
    return isinstance(node, dict) and (node.get("type") == "null" or node.get("const", 0) is None)


def _is_array(node: dict[str, Any]) -> bool:
    kind = node.get("type")
    return kind == "array" or (isinstance(kind, list) and "array" in kind)


def _item_count(node: dict[str, Any]) -> int:
    count = 2
    low, high = node.get("minItems"), node.get("maxItems")
    if isinstance(low, int):
        count = max(count, low)
    if isinstance(high, int):
        count = min(count, high)
    return max(count, 0)


def _bound(node: dict[str, Any], key: str) -> float | None:
    value = node.get(key)
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _number(node: dict[str, Any], name: str, *, integer: bool) -> float | int:
    """A value inside the bounds: 0.9 for confidence, near the top of a closed range, 250 when open."""
    lo, lo_open = _bound(node, "minimum"), False
    hi, hi_open = _bound(node, "maximum"), False
    ex_lo, ex_hi = _bound(node, "exclusiveMinimum"), _bound(node, "exclusiveMaximum")
    if ex_lo is not None and (lo is None or ex_lo >= lo):
        lo, lo_open = ex_lo, True
    if ex_hi is not None and (hi is None or ex_hi <= hi):
        hi, hi_open = ex_hi, True

    def inside(value: float) -> bool:
        above = lo is None or (value > lo if lo_open else value >= lo)
        below = hi is None or (value < hi if hi_open else value <= hi)
        return above and below

    candidates: list[float] = []
    if name == "confidence":
        candidates.append(0.9)
    if lo is not None and hi is not None:
        candidates += [hi - (hi - lo) * 0.005, (lo + hi) / 2]
    elif hi is not None:
        candidates += [250, hi - 1, hi]
    elif lo is not None:
        candidates += [250, lo + 250, lo + 1]
    else:
        candidates.append(250)
    for value in candidates:
        if integer:
            value = round(value)
        if inside(value):
            return int(value) if integer else value
    if lo is not None:  # a range too narrow for the candidates
        fallback: float = lo if not lo_open else lo + (((hi - lo) / 2) if hi is not None else 1)
        return int(fallback) if integer else fallback
    return 0 if integer else 0.0


def sample_for_schema(schema: dict[str, Any], *, seed: str) -> object:
    """A deterministic value valid against `schema` (the subset OpenAI strict mode uses).

    Objects get every property (`$ref` resolved against the root `$defs`), arrays two items (within
    minItems/maxItems), strings a distinct sentence naming the property and `seed` (or `/api/v1/items-<n>` for a
    pattern starting with `^/`, or the first enum value), numbers a value inside their bounds (0.9 for
    `confidence`), `anyOf` its first non-null branch. `open_questions` is always empty and `assumptions` has one
    item.
    """
    return _Sampler(schema, seed).sample(schema, "")
