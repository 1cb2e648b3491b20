"""Repository grounding benchmarks: `context` on a generated 20,000-file tree, and the cacheable prompt prefix.

    python bench/bench_repo.py [--files 20000] [--json-out bench/out/repo.json]

1. Wall time and peak RSS of `prp-agent context TREE --json` on a generated tree (a FastAPI service with many
   modules, a front-end, vendored and build directories). Targets: <= 3 s, <= 200 MB.
   A larger tree (`--files 200000`) is compared with a 20,000-file tree read in the same run: <= 10 x its time
   (for 10 x the files), <= 300 MB.
2. A draft with --repo on a mid-size repository (the python-fastapi fixture grown to ~300 files), answered by a
   scripted model: the share of section prompt tokens that sit in a prefix shared by every section request and
   longer than 1,024 tokens (what providers cache). Target: >= 70 %.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODULE = '''from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from app.db import get_session
from app.models import Item{n}

router = APIRouter(prefix="/items{n}", tags=["items{n}"])


@router.get("/")
def list_items(session: Session = Depends(get_session)) -> list[dict]:
    """List items of group {n}."""
    return [{{"id": item.id}} for item in session.query(Item{n}).limit(100)]


@router.get("/{{item_id}}")
def get_item(item_id: int, session: Session = Depends(get_session)) -> dict:
    item = session.get(Item{n}, item_id)
    return {{"id": item.id, "name": item.name}}
'''
MODEL = """from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class Item{n}(Base):
    __tablename__ = "items{n}"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column()
"""


def generate_tree(root: Path, files: int) -> None:
    """A repository of `files` files: the FastAPI fixture plus generated routers, models, tests and noise."""
    shutil.copytree(ROOT / "fixtures" / "repos" / "python-fastapi", root, dirs_exist_ok=True)
    written = sum(1 for p in root.rglob("*") if p.is_file())
    n = 0
    while written < files:
        group = root / "app" / f"domain{n // 100}"
        group.mkdir(parents=True, exist_ok=True)
        kind = n % 5
        if kind == 0:
            (group / f"router{n}.py").write_text(MODULE.format(n=n))
        elif kind == 1:
            (group / f"model{n}.py").write_text(MODEL.format(n=n))
        elif kind == 2:
            tests = root / "tests" / f"domain{n // 100}"
            tests.mkdir(parents=True, exist_ok=True)
            (tests / f"test_{n}.py").write_text(f"def test_{n}() -> None:\n    assert {n} == {n}\n")
        elif kind == 3:
            nm = root / "node_modules" / f"pkg{n}"
            nm.mkdir(parents=True, exist_ok=True)
            (nm / "index.js").write_text("module.exports = function () { return 1 }\n" * 20)
        else:
            web = root / "frontend" / "src" / f"c{n // 100}"
            web.mkdir(parents=True, exist_ok=True)
            (web / f"Component{n}.jsx").write_text(f"export default function C{n}() {{ return <div>{n}</div> }}\n")
        written += 1
        n += 1


def measure_context(tree: Path) -> dict[str, Any]:
    command = [str(Path(sys.executable).parent / "prp-agent"), "context", str(tree), "--json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"context failed: {proc.stderr.strip()}")
    data = json.loads(proc.stdout)
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 3),
        "peak_rss_mb": round(after.ru_maxrss / 1024, 1),
        "files_listed": data["files_scanned"],
        "routes": len(data["routes"]),
        "entities": len(data["entities"]),
        "context_tokens": data["context"]["tokens"],
    }


_PLAIN_READ = """
import os, sys
total = 0
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        with open(os.path.join(folder, name), "rb") as handle:
            total += len(handle.read())
print(total)
"""


def measure_plain_read(tree: Path) -> float:
    """Seconds a fresh interpreter takes to read every file of the tree (the shared machine's yardstick)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", _PLAIN_READ, str(tree)], capture_output=True, check=True, timeout=120)
    return round(time.perf_counter() - started, 3)


def measure_prefix_share(tree: Path) -> dict[str, Any]:
    from prp_agent.config import Settings
    from prp_agent.drafting import DraftRequest, draft_prp
    from prp_agent.llm.protocol import ScriptedModel
    from prp_agent.llm.sampler import sample_for_schema
    from prp_agent.llm.tokens import count_tokens

    model = ScriptedModel(lambda request, n: sample_for_schema(request.schema, seed=request.schema_name))
    with tempfile.TemporaryDirectory() as out:
        request = DraftRequest(
            "user management API", output=f"{out}/p.md", repo=str(tree), settings=Settings(api_key="k")
        )
        draft_prp(request, model=model)
    sections = [r for r in model.requests if r.schema_name != "brief"]
    shared = 0
    for i, message in enumerate(sections[0].messages):
        if all(len(r.messages) > i and r.messages[i] == message for r in sections):
            shared += count_tokens(message.content, "gpt-5-mini") + 4
        else:
            break
    total = sum(sum(count_tokens(m.content, "gpt-5-mini") + 4 for m in r.messages) for r in sections)
    cacheable = shared if shared >= 1024 else 0
    return {
        "section_requests": len(sections),
        "shared_prefix_tokens": shared,
        "total_prompt_tokens": total,
        "cacheable_share": round(cacheable * len(sections) / total, 3),
    }


_BASE = 20_000  # files: the tree a larger run is compared with, in the same run


def _scaled_rows(files: int, context: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    """A tree larger than 20,000 files against a 20,000-file tree measured now: time within 10 x, memory 300 MB."""
    with tempfile.TemporaryDirectory() as tmp:
        base_tree = Path(tmp) / "base"
        generate_tree(base_tree, _BASE)
        base = measure_context(base_tree)
    ratio = context["wall_s"] / base["wall_s"]
    return [
        (f"context wall, {_BASE} files", f"{base['wall_s']:.2f} s", "", True),
        (f"context wall, {files} files", f"{context['wall_s']:.2f} s", "", True),
        ("ratio", f"{ratio:.1f} x", f"<= {files / _BASE:.0f} x", ratio <= files / _BASE),
        (f"context peak RSS, {files} files", f"{context['peak_rss_mb']:.0f} MB", "<= 300 MB",
         context["peak_rss_mb"] <= 300),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--json-out", default=str(ROOT / "bench" / "out" / "repo.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big"
        generate_tree(big, args.files)
        plain = measure_plain_read(big)
        context = measure_context(big)
        context["plain_read_s"] = plain
        context["ratio_to_plain_read"] = round(context["wall_s"] / plain, 2)
        if args.files > _BASE:  # a larger tree is held to its own bounds, against a 20,000-file tree read now
            shutil.rmtree(big)
            for name, value, target, ok in _scaled_rows(args.files, context):
                print(f"{name:<36}  {value:>9}  {target:>9}  {'pass' if ok else 'FAIL'}")
            print(f"context: {context}")
            print(f"reproduce: python bench/bench_repo.py --files {args.files}")
            return
        mid = Path(tmp) / "mid"
        generate_tree(mid, 300)
        prefix = measure_prefix_share(mid)
    rows = [
        (f"context wall, {args.files} files", f"{context['wall_s']:.2f} s", "<= 3 s", context["wall_s"] <= 3),
        ("context peak RSS", f"{context['peak_rss_mb']:.0f} MB", "<= 200 MB", context["peak_rss_mb"] <= 200),
        (
            "context wall / plain read",
            f"{context['ratio_to_plain_read']:.1f} x",
            "<= 8 x",
            context["ratio_to_plain_read"] <= 8,
        ),
        ("cacheable prefix share", f"{prefix['cacheable_share']:.1%}", ">= 70 %", prefix["cacheable_share"] >= 0.7),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value, target, ok in rows:
        print(f"{name:<{width}}  {value:>9}  {target:>9}  {'pass' if ok else 'FAIL'}")
    print(f"context: {context}")
    print(f"prefix: {prefix}")
    print(f"reproduce: python bench/bench_repo.py --files {args.files}")
    Path(args.json_out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json_out).write_text(json.dumps({"context": context, "prefix": prefix}, indent=2) + "\n")


if __name__ == "__main__":
    main()
