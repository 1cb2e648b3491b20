"""Export reading benchmarks: memory and time of `batch EXPORT --list` on large exports.

    python bench/bench_exports.py [--mb 200] [--keep] [--only json xml …]

Writes a JSON Lines file and a CSV file of about `--mb` MB each (issues with 4 KB bodies, a label list and a
comment), runs `prp-agent batch FILE --list --json` on each in a child process and reports wall time, peak RSS
(<= 300 MB) and issues per second; the JSON Lines file is also written with 100-character bodies (about half a
million issues), and the same issues go into a JSON document (`{"total": …, "issues": [...]}`) and a Jira XML export.
Every format is streamed: issues are listed as they are read and only their keys and file names are remembered (to
drop duplicates and keep names unique), so memory grows slowly with the number of issues and not with the size of
the file. A JSON document is read twice (a sketch pass that finds and counts the records, then the records).
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_MB = 300
BODY = ("The export endpoint times out for tenants with more than 100k orders; stream the rows instead of building "
        "the file in memory, and report progress. ") * 28  # fmt: skip


SHORT = "Short body of an issue, about a hundred characters long, as many real exports have them; yes."


def _issue(n: int, body: str = BODY) -> dict[str, object]:
    return {
        "number": n,
        "title": f"Order export times out for tenant {n}",
        "body": body,
        "state": "open" if n % 3 else "closed",
        "labels": [{"name": "backend"}, {"name": f"team-{n % 7}"}],
        "html_url": f"https://example.invalid/acme/shop/issues/{n}",
        "created_at": "2025-01-01T00:00:00Z",
        "comments": [{"body": "Seen again after the last deploy."}],
    }


def write_jsonl(path: Path, megabytes: float, body: str = BODY) -> int:
    target, count = megabytes * 1_000_000, 0
    with path.open("w", encoding="utf-8") as handle:
        while handle.tell() < target:
            count += 1
            handle.write(json.dumps(_issue(count, body)) + "\n")
    return count


def write_jsonl_short(path: Path, megabytes: float) -> int:
    return write_jsonl(path, megabytes, SHORT)


def write_csv(path: Path, megabytes: float) -> int:
    target, count = megabytes * 1_000_000, 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Issue key", "Issue id", "Summary", "Issue Type", "Status", "Description", "Labels",
                         "Labels", "Created", "Comment"])  # fmt: skip
        while handle.tell() < target:
            count += 1
            writer.writerow([f"SHOP-{count}", 10000 + count, f"Order export times out for tenant {count}", "Bug",
                             "To Do", BODY, "backend", f"team-{count % 7}", "01/Jan/25 9:00 AM",
                             "01/Jan/25 9:30 AM;ana;Seen again after the last deploy."])  # fmt: skip
    return count


def write_json(path: Path, megabytes: float) -> int:
    """A JSON array in a `{"total": N, "issues": [...]}` envelope, written as a stream."""
    target, count = megabytes * 1_000_000, 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"total": 0, "issues": [')
        while handle.tell() < target:
            count += 1
            handle.write(("," if count > 1 else "") + json.dumps(_issue(count)))
        handle.write("]}")
    return count


def write_jira_xml(path: Path, megabytes: float) -> int:
    """Jira's XML export (RSS 0.92 with Jira's fields; HTML bodies escaped), written as a stream."""
    target, count = megabytes * 1_000_000, 0
    body = html.escape(f"<p>{BODY}</p><ul><li>GET /api/v1/orders/export</li></ul>")
    with path.open("w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="0.92">\n<channel>\n'
                     "<title>Jira</title>\n<issue start=\"0\" end=\"0\" total=\"0\"/>\n")  # fmt: skip
        while handle.tell() < target:
            count += 1
            handle.write(
                f"<item>\n<title>[SHOP-{count}] Order export times out for tenant {count}</title>\n"
                f"<link>https://jira.example.invalid/browse/SHOP-{count}</link>\n"
                f'<description>{body}</description>\n<key id="{10000 + count}">SHOP-{count}</key>\n'
                f'<summary>Order export times out for tenant {count}</summary>\n<type id="1">Bug</type>\n'
                f'<status id="1">To Do</status>\n<labels><label>backend</label><label>team-{count % 7}</label>'
                '</labels>\n<created>Wed, 1 Jan 2025 09:00:00 +0000</created>\n<comments><comment id="1" '
                'author="ana">&lt;p&gt;Seen again after the last deploy.&lt;/p&gt;</comment></comments>\n'
                '<customfields><customfield id="customfield_10016"><customfieldname>Story Points'
                "</customfieldname><customfieldvalues><customfieldvalue>3.0</customfieldvalue></customfieldvalues>"
                "</customfield></customfields>\n</item>\n"
            )
        handle.write("</channel>\n</rss>\n")
    return count


def measure(path: Path) -> dict[str, float]:
    """Run `batch --list --json` in a child; wall time, peak RSS of that child (VmHWM: ru_maxrss would carry the
    parent's peak across fork and exec), issues listed."""
    code = (
        "import resource, sys\n"
        "from prp_agent import cli\n"
        "sys.argv = ['prp-agent', 'batch', sys.argv[1], '--list', '--json']\n"
        "try:\n"
        "    cli.main()\n"
        "except SystemExit as e:\n"
        "    sys.stderr.write(f'exit {e.code}\\n')\n"
        "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
        "sys.stderr.write(f'rss_kb {hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n"
    )
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT,
                          check=False)  # fmt: skip
    wall = time.perf_counter() - start
    lines = dict(line.split(" ", 1) for line in done.stderr.splitlines() if line.startswith(("exit", "rss_kb")))
    if lines.get("exit", "0") not in ("0", "None"):
        raise SystemExit(f"{path.name}: exit {lines.get('exit')}: {done.stderr.strip()[-300:]}")
    listed = len(json.loads(done.stdout)["issues"])
    return {"seconds": wall, "rss_mb": int(lines["rss_kb"]) / 1024, "issues": listed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=200.0, help="size of the streamed files (MB)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--only", nargs="*", default=[], help="only these formats (jsonl, short, csv, json, xml)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="prp-bench-exports-"))
    files = {
        "JSON Lines": (folder / "issues.ndjson", write_jsonl, args.mb),
        "JSON Lines, short bodies": (folder / "short.ndjson", write_jsonl_short, args.mb),
        "Jira CSV": (folder / "issues.csv", write_csv, args.mb),
        "JSON document (envelope)": (folder / "issues.json", write_json, args.mb),
        "Jira XML export": (folder / "issues.xml", write_jira_xml, args.mb),
    }
    failed = False
    print(f"batch EXPORT --list --json; peak RSS limit: {LIMIT_MB} MB")
    for name, (path, write, size) in files.items():
        if args.only and not any(
            path.name.startswith(
                {
                    "json": "issues.json",
                    "xml": "issues.xml",
                    "csv": "issues.csv",
                    "jsonl": "issues.ndjson",
                    "short": "short",
                }[o]
            )
            for o in args.only
        ):
            continue
        written = write(path, size)
        result = measure(path)
        ok = result["rss_mb"] <= LIMIT_MB
        failed |= not ok or result["issues"] != written
        print(f"  {name:<27} {path.stat().st_size / 1e6:7.1f} MB  {written:>7} issues  {result['seconds']:6.1f} s  "
              f"{result['issues'] / result['seconds']:8.0f} issues/s  peak RSS {result['rss_mb']:6.1f} MB"
              f"{'' if ok else '  OVER LIMIT'}{'' if result['issues'] == written else '  WRONG COUNT'}")  # fmt: skip
        if not args.keep:
            path.unlink()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
