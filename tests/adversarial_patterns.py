"""Run every regular expression prp-agent compiles against adversarial inputs; print the slow ones as JSON.

Run as a script (by tests/test_patterns.py, in a subprocess with a hard timeout, since a catastrophic regex cannot
be interrupted): `python tests/adversarial_patterns.py [SECONDS]`.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
import sys
import time
from typing import Any

import prp_agent

SIZE = 100_000
# Patterns only ever applied to a bounded slice of text, with the bound and where it comes from: they are run on
# adversarial inputs of that size. Every other pattern is run on 100 kB, the way its module applies it (anchored
# when the module only ever calls match/fullmatch, a full scan otherwise).
BOUNDED = {
    "prp_agent.secrets.patterns._CALL_RE": 1024,  # the text before a value, at most _WINDOW characters
    # a quoted value, matched at its quote within _WINDOW characters
    "prp_agent.secrets.patterns._STRING_RES['\"']": 1024,
    'prp_agent.secrets.patterns._STRING_RES["\'"]': 1024,
    "prp_agent.secrets.patterns._STRING_RES['`']": 1024,
    "prp_agent.secrets.patterns._COMMENT_RE": 1024,  # one value, cut at the line end or _WINDOW
    "prp_agent.secrets.patterns._TEMPLATE_RE": 1024,  # one value, cut at the line end or _WINDOW
    "prp_agent.repo.ecosystems.jvm._JAVA_FIELD": 300,  # one declaration line; longer lines are skipped (_FIELD_LINE)
}


def _inputs() -> dict[str, str]:
    def fill(unit: str) -> str:
        return (unit * (SIZE // len(unit) + 1))[:SIZE]

    return {
        "indented class body": "class C(Controller):\n" + fill("        x = compute(value, other)  # note\n"),
        "indented no newline": fill(" \t"),
        "open parens": fill("(("),
        "open braces": fill("{{"),
        "open brackets": fill("[["),
        "quotes": fill("\"'"),
        "word": fill("a"),
        "dashes and slashes": fill("-/."),
        "decorators": fill('@route("/x", methods=["GET"])\n'),
        "yaml": fill("key: value\n  nested: 1\n"),
        "assignments": fill('SECRET_KEY = os.environ["X"] + y\n'),
        "backslashes": fill("\\"),
        "comments and fences": fill("<!-- x\n```\n"),
        "angle tags": fill("<a <b </c "),
        "urls": fill("https://user@host.example/path?x=1&"),
        "numbers": fill("1.2.3,4 "),
        "colons": fill("a:b:c:d:"),
        "http verbs": fill("GET /api/v1/users/{id} "),
        # line-start patterns under MULTILINE: `^\s*` rescans every following blank line from each line start
        "blank lines": "\n" * SIZE,
        "space lines": fill(" \n"),
        "crlf lines": fill("\r\n"),
        "comment lines": fill("#\n"),
        # strings and comments that never close: each must be read once, not again from every quote or `/*`
        "escaped quotes": fill('"\\'),
        "escaped single quotes": fill("'\\"),
        "unclosed comments": fill("/* "),
    }


def _uses(module: Any, name: str) -> set[str]:
    """The Pattern methods a module calls on its global `name` (empty when it is only passed on)."""
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):
        return set()
    return set(re.findall(rf"(?<![\w.]){re.escape(name)}\.(\w+)\(", source))


def _patterns() -> list[tuple[str, re.Pattern[Any]]]:
    found: dict[int, tuple[str, re.Pattern[Any]]] = {}

    def walk(value: Any, where: str, depth: int) -> None:
        if isinstance(value, re.Pattern):
            found.setdefault(id(value), (where, value))
        elif depth < 4 and isinstance(value, (tuple, list)):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]", depth + 1)
        elif depth < 4 and isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}[{key!r}]", depth + 1)

    for info in pkgutil.walk_packages(prp_agent.__path__, "prp_agent."):
        if info.name.endswith(("__main__", ".cli")):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            walk(value, f"{info.name}.{name}", 0)
    return sorted(found.values(), key=lambda item: item[0])


def _anchored(where: str) -> bool:
    """Whether the module applies this pattern only with match/fullmatch (linear: one start position)."""
    if "[" in where:  # a pattern inside a table: its module loops over it, searching
        return False
    module_name, name = where.rsplit(".", 1)
    uses = _uses(importlib.import_module(module_name), name)
    return bool(uses) and uses <= {"match", "fullmatch"}


def _run(pattern: re.Pattern[Any], text: str, anchored: bool) -> float:
    subject: str | bytes = text.encode() if isinstance(pattern.pattern, bytes) else text  # file bytes' patterns
    started = time.perf_counter()
    if anchored:
        pattern.match(subject)
        pattern.fullmatch(subject)
    else:
        for _ in pattern.finditer(subject):
            pass
    return time.perf_counter() - started


def main() -> None:
    limit = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    slow = []
    patterns = _patterns()
    inputs = _inputs()
    for where, pattern in patterns:
        anchored = _anchored(where)
        for name, text in inputs.items():
            seconds = _run(pattern, text[: BOUNDED.get(where, SIZE)], anchored)
            if seconds > limit:
                slow.append({"pattern": where, "input": name, "seconds": round(seconds, 2)})
    print(json.dumps({"patterns": len(patterns), "inputs": len(inputs), "slow": slow}))


if __name__ == "__main__":
    main()
