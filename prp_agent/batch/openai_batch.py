"""Large backlogs through the OpenAI Batch API, at half the price.

Briefs are drafted synchronously (one request per issue, through the rate limiter): every section needs its issue's
brief, and a brief is small. All section requests then go out as one batch (`custom_id` = `<issue key>::<section
id>`), and a manifest in the out-dir remembers what was sent. `status` reads the batch; `collect` downloads its output
and error files, joins them by `custom_id`, validates each answer (a batch cannot re-ask: invalid answers keep their
valid parts and are flagged), writes the PRPs and the reports, and lists the sections to redraft.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prp_agent.batch.questions import cluster_questions
from prp_agent.batch.reports import write_reports
from prp_agent.batch.run import issue_outcome
from prp_agent.batch.select import check_out_dir, issue_description, select_issues
from prp_agent.batch.types import BatchRequest, BatchResult, IssueOutcome
from prp_agent.drafting import DraftRequest
from prp_agent.drafting.deferred import DeferredDraft
from prp_agent.errors import DraftFailedError, InputError
from prp_agent.exports import ExportRead, TrackerIssue
from prp_agent.llm.limiter import LimitedModel, RateLimiter
from prp_agent.llm.protocol import BatchClient, ChatAnswer, ChatModel, Usage, close_model
from prp_agent.llm.providers import answer_from_batch_line, batch_line_body, build_batch_client, build_model
from prp_agent.llm.retry import RetryPolicy
from prp_agent.storage import atomic_write
from prp_agent.templates.schemas import Brief
from prp_agent.text import command_line, loads_json, one_line, printable
from prp_agent.types import FlagCode, SectionResult

__all__ = ["Submitted", "batch_status", "collect_batch", "submit_batch", "write_batch_file"]

MANIFEST = ".prp-openai-batch-{id}.json"
_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_PENDING = {"validating", "in_progress", "finalizing"}
_REDRAFT = {FlagCode.REQUEST_FAILED, FlagCode.VALIDATION_FAILED, FlagCode.TRUNCATED}


@dataclass
class Submitted:
    """A created batch: its id, how many requests, and the manifest that `collect` reads."""

    batch_id: str
    status: str
    requests: int
    issues: int
    manifest: Path
    input_file: Path | None = None  # a batch file written for the user's own server
    model: str = ""

    @property
    def output_file(self) -> Path | None:
        """Where the server's run should write its output, next to the input."""
        return self.input_file.with_name("prp-agent-sections.output.jsonl") if self.input_file else None

    def as_json(self) -> dict[str, Any]:
        """The `--json` form."""
        found = {"batch_id": self.batch_id, "status": self.status, "requests": self.requests, "issues": self.issues,
                 "manifest": str(self.manifest)}  # fmt: skip
        if self.input_file is not None:
            found |= {"input_file": str(self.input_file), "output_file": str(self.output_file)}
        return found


def _usable_id(value: Any) -> str:
    """The batch id a server returned, if it can be printed and typed back: text without control characters."""
    text = value if isinstance(value, str) else ""
    if not text or len(text) > 200 or printable(text) != text or any(c.isspace() for c in text):
        raise DraftFailedError(
            f"the server returned a batch id prp-agent cannot use safely ({one_line(repr(value), 60)}); the batch "
            "was created: cancel it on the server"
        )
    return text


def manifest_path(out_dir: Path, batch_id: str) -> Path:
    """The manifest of a batch inside `out_dir`: an id that is not a plain name (slashes, dots, other characters a
    file name must not hold) is slugged and told apart by a hash, so a server-chosen id never becomes a path."""
    name = batch_id
    if not _SAFE_ID.fullmatch(batch_id):
        slug = re.sub(r"[^A-Za-z0-9_-]+", "-", batch_id).strip("-")[:48]
        name = f"{slug}-{hashlib.sha256(batch_id.encode()).hexdigest()[:10]}"
    path = out_dir / MANIFEST.format(id=name)
    if path.resolve().parent != out_dir.resolve():
        raise InputError(f"batch id {one_line(batch_id, 40)!r} does not name a file inside {out_dir}")
    return path


def _client(request: BatchRequest) -> BatchClient:
    if not request.settings.use_model:
        raise InputError("--via openai-batch needs OPENAI_API_KEY (or --base-url for a server with the Batch API)")
    return build_batch_client(request.settings)


def submit_batch(
    request: BatchRequest, *, client: BatchClient | None = None, model: ChatModel | None = None
) -> Submitted:
    """Draft the briefs, then send every section request as one Batch API batch."""
    selection = select_issues(request)
    if not selection.issues:
        raise InputError("no issue left after the filters: nothing to send")
    check_out_dir(request, selection, journal_found=False)
    outputs = {issue.key: str(selection.output(request.out_dir, issue)) for issue in selection.issues}
    batch_client = client or _client(request)
    return asyncio.run(_submit(request, selection.issues, outputs, batch_client, model, owned=client is None))


def _repo(request: BatchRequest) -> Any:
    if not request.repo:
        return None
    from prp_agent.repo.inspect import inspect_repo

    settings = request.settings
    return inspect_repo(request.repo, budget=settings.context_budget, model=settings.model)


async def _requests(
    request: BatchRequest, issues: list[TrackerIssue], outputs: dict[str, str], model: ChatModel | None
) -> tuple[list[str], list[dict[str, Any]]]:
    """Every section request as a Batch JSONL line (`custom_id` = `<key>::<section>`), and what the manifest keeps
    per issue. Briefs are drafted with `model`, or read from the description alone when there is none."""
    settings = request.settings
    repo = _repo(request)
    lines: list[str] = []
    entries: list[dict[str, Any]] = []
    for issue in issues:
        draft = _plan(request, issue_description(issue), outputs[issue.key], repo)
        brief, failure = await draft.brief(model) if model is not None else (draft.offline_brief(), None)
        for section_id, section_request in draft.requests(brief):
            body = batch_line_body(settings, section_request)
            line = {"custom_id": f"{issue.key}::{section_id}", "method": "POST", "url": "/v1/chat/completions"}
            lines.append(json.dumps({**line, "body": body}, ensure_ascii=False))
        entries.append({"key": issue.key, "title": issue.title, "description": draft.description,
                        "output": outputs[issue.key], "brief": brief.model_dump(mode="json"),
                        "brief_failure": failure, "url": issue.url, "parent": issue.parent,
                        "source": issue.source})  # fmt: skip
    return lines, entries


def _chat(request: BatchRequest) -> ChatModel:
    settings = request.settings
    return LimitedModel(build_model(settings, attempts=1), RateLimiter(request.rpm, request.tpm),
                        retry=RetryPolicy.from_settings(settings))  # fmt: skip


def _manifest(request: BatchRequest, batch_id: str, entries: list[dict[str, Any]], **more: Any) -> Path:
    manifest = manifest_path(Path(request.out_dir), batch_id)
    data = {
        "format": "prp-agent.openai-batch/1", "batch_id": batch_id, **more,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"), "template": request.template,
        "model": request.settings.model, "repo": request.repo, "issues": entries,
    }  # fmt: skip
    atomic_write(manifest, json.dumps(data, indent=2, ensure_ascii=False) + "\n", force=True)
    return manifest


async def _submit(
    request: BatchRequest,
    issues: list[TrackerIssue],
    outputs: dict[str, str],
    client: BatchClient,
    model: ChatModel | None,
    owned: bool,
) -> Submitted:
    chat = model or _chat(request)
    try:
        lines, entries = await _requests(request, issues, outputs, chat)
        file_id = await client.upload("prp-agent-sections.jsonl", ("\n".join(lines) + "\n").encode())
        batch = await client.create(file_id, {"created_by": "prp-agent", "issues": str(len(issues))})
    finally:
        if model is None:
            await close_model(chat)
        if owned:
            await client.aclose()
    batch_id = _usable_id(batch.get("id"))
    manifest = _manifest(request, batch_id, entries, input_file_id=file_id)
    return Submitted(batch_id, str(batch.get("status", "")), len(lines), len(issues), manifest)


BATCH_FILE = "prp-agent-sections.jsonl"


def write_batch_file(request: BatchRequest, *, model: ChatModel | None = None) -> Submitted:
    """Write every section request as a Batch JSONL file for the user's own server (vLLM's `run-batch` takes and
    writes the OpenAI Batch format), with a manifest that `batch collect --from OUTPUT` reads. Briefs are drafted
    with the configured model, or from the description alone when there is none (nothing needs to be running)."""
    selection = select_issues(request)
    check_out_dir(request, selection, journal_found=False)
    outputs = {issue.key: str(selection.output(request.out_dir, issue)) for issue in selection.issues}
    chat = model or (_chat(request) if request.settings.use_model else None)

    async def build() -> tuple[list[str], list[dict[str, Any]]]:
        try:
            return await _requests(request, selection.issues, outputs, chat)
        finally:
            if model is None and chat is not None:
                await close_model(chat)

    lines, entries = asyncio.run(build())
    text = "\n".join(lines) + "\n"
    out_dir = Path(request.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / BATCH_FILE
    atomic_write(path, text, force=True)
    batch_id = f"file-{hashlib.sha256(text.encode()).hexdigest()[:12]}"
    manifest = _manifest(request, batch_id, entries, input_file=str(path), engine="vllm",
                         briefs="model" if chat is not None else "offline")  # fmt: skip
    return Submitted(batch_id, "written", len(lines), len(selection.issues), manifest, input_file=path,
                     model=request.settings.model)  # fmt: skip


def _plan(
    request: BatchRequest, description: str, output: str, repo: Any, source: dict[str, str] | None = None
) -> DeferredDraft:
    draft = DraftRequest(description, template=request.template, output=output, force=True, settings=request.settings,
                         source=source)  # fmt: skip
    return DeferredDraft.plan(draft, repo)


def batch_status(batch_id: str, request: BatchRequest, *, client: BatchClient | None = None) -> dict[str, Any]:
    """The batch as the API reports it: status, request counts, file ids."""
    batch_client = client or _client(request)

    async def read() -> dict[str, Any]:
        try:
            return await batch_client.retrieve(batch_id)
        finally:
            if client is None:
                await batch_client.aclose()

    return asyncio.run(read())


def collect_batch(
    batch_id: str | None, request: BatchRequest, *, client: BatchClient | None = None, output_file: str | None = None
) -> BatchResult:
    """Download a finished batch (or read the output file a server's own batch run wrote), validate and flag every
    section, write the PRPs and the reports."""
    out_dir = Path(request.out_dir)
    if output_file is not None:
        output = _output_file(output_file)
        batch_id = batch_id or _file_batch(out_dir, output)
        errors: list[dict[str, Any]] = []
    path = manifest_path(out_dir, batch_id or "")
    if not path.exists():
        raise InputError(
            f"no manifest for batch {batch_id} in {out_dir} ({path.name}); pass the --out-dir of the submit"
        )
    manifest = loads_json(path.read_text(encoding="utf-8"))
    if output_file is None:
        batch_client = client or _client(request)
        output, errors = asyncio.run(_download(batch_id or "", batch_client, owned=client is None))
    started = datetime.now(UTC)
    request = BatchRequest(
        request.export, template=manifest["template"], out_dir=str(out_dir), repo=manifest.get("repo"),
        settings=request.settings,
    )  # fmt: skip
    repo = _repo(request)
    by_id = {line.get("custom_id"): line for line in [*errors, *output]}
    outcomes = [_collect_issue(entry, by_id, request, repo, manifest["model"]) for entry in manifest["issues"]]
    usage = Usage()
    for outcome in outcomes:
        usage.add(Usage(**outcome.usage) if outcome.usage else Usage())
    source = f"batch file {output_file}" if output_file else f"openai batch {batch_id}"
    read = ExportRead(format=source, issues=[], duplicates=[], skipped=[], warnings=[])
    elapsed = (datetime.now(UTC) - started).total_seconds()
    result = BatchResult(read, outcomes, cluster_questions(outcomes), usage, elapsed, "llm")
    result.index_md, result.index_json = write_reports(out_dir, result)
    return result


async def _download(
    batch_id: str, client: BatchClient, *, owned: bool
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The output and error lines of a finished batch; DraftFailedError while it is still running."""
    try:
        batch = await client.retrieve(batch_id)
        counts = batch.get("request_counts") or {}
        if batch.get("status") in _PENDING or (not batch.get("output_file_id") and not batch.get("error_file_id")):
            done, total = counts.get("completed", 0), counts.get("total", "?")
            raise DraftFailedError(
                f"batch {batch_id} is {batch.get('status')} ({done}/{total} done); collect again later"
            )
        output = _lines(await client.content(batch["output_file_id"])) if batch.get("output_file_id") else []
        errors = _lines(await client.content(batch["error_file_id"])) if batch.get("error_file_id") else []
    finally:
        if owned:
            await client.aclose()
    return output, errors


_MAX_OUTPUT = 2_000_000_000


def _output_file(name: str) -> list[dict[str, Any]]:
    """The lines of a batch output file (vLLM's `run-batch` writes the OpenAI Batch output format)."""
    path = Path(name)
    try:
        if not path.is_file():
            missing = f"--from {name}: no such output file"
            raise InputError(missing if not path.exists() else f"--from {name} is not a file")
        if path.stat().st_size > _MAX_OUTPUT:
            raise InputError(f"--from {name} is larger than {_MAX_OUTPUT // 1_000_000} MB")
        lines = _lines(path.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot read --from {name}: {exc.strerror or exc}") from None
    if not any(isinstance(line, dict) and "custom_id" in line for line in lines):
        raise InputError(f"--from {name} holds no batch output lines (JSON objects with a custom_id)")
    return lines


def _file_batch(out_dir: Path, output: list[dict[str, Any]]) -> str:
    """The batch file an output file answers: the manifest in out-dir whose issues its custom_ids name."""
    keys = {str(line.get("custom_id", "")).split("::", 1)[0] for line in output}
    found = []
    for manifest in sorted(out_dir.glob(MANIFEST.format(id="*"))):
        try:
            data = loads_json(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if data.get("engine") and keys & {entry.get("key") for entry in data.get("issues", [])}:
            found.append(str(data["batch_id"]))
    if len(found) != 1:
        what = "no batch file" if not found else f"{len(found)} batch files ({', '.join(found)})"
        raise InputError(f"{what} in {out_dir} match(es) these answers; pass the BATCH_ID `batch --via vllm` printed")
    return found[0]


def _lines(data: bytes) -> list[dict[str, Any]]:
    found = []
    for line in data.decode("utf-8", errors="replace").splitlines():
        if line.strip():
            try:
                found.append(loads_json(line))
            except json.JSONDecodeError:
                continue
    return found


def _collect_issue(
    entry: dict[str, Any], by_id: dict[Any, dict[str, Any]], request: BatchRequest, repo: Any, model: str
) -> IssueOutcome:
    issue_output = entry["output"]
    source = {name: entry[name] for name in ("key", "url", "parent", "source") if entry.get(name)}
    draft = _plan(request, entry["description"], issue_output, repo, source)
    brief = Brief.model_validate(entry["brief"])
    results: list[SectionResult] = []
    usage = Usage()
    for section_id in draft.section_ids:
        answer, failure = _answer(by_id.get(f"{entry['key']}::{section_id}"), usage)
        results.append(
            draft.judge(section_id, brief, answer, failure=failure, brief_failure=entry.get("brief_failure"))
        )
    written = draft.write(brief, results, usage, model=model, output_mode="json_schema (batch)")
    issue = _Issue(entry["key"], entry["title"], entry.get("url"), entry.get("parent"))
    outcome = issue_outcome(issue, results, usage, str(written.output), str(written.sidecar))
    failed = [r for r in results if any(f.code in _REDRAFT for f in r.flags)]
    commands = [
        command_line("refine", issue_output, "--section", r.id, "--instruction", "draft this section", "--yes")
        for r in failed
    ]
    outcome.error = f"{len(failed)} section(s) to redraft: " + "; ".join(commands) if failed else None
    return outcome


@dataclass
class _Issue:
    key: str
    title: str
    url: str | None = None
    parent: str | None = None


def _answer(line: dict[str, Any] | None, usage: Usage) -> tuple[ChatAnswer | None, str]:
    """The answer in one output line, or None and why there is none."""
    if line is None:
        return None, "no result for this section in the batch output"
    response = line.get("response") or {}
    if line.get("error") or response.get("status_code") != 200:
        detail = (line.get("error") or {}).get("message") or _body_error(response)
        return None, f"the batch request failed: {detail}"
    answer = answer_from_batch_line(response["body"])
    usage.add(answer.usage)
    return answer, ""


def _body_error(response: dict[str, Any]) -> str:
    body = response.get("body") or {}
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict) and error.get("message"):
        return f"HTTP {response.get('status_code')}: {error['message']}"
    return f"HTTP {response.get('status_code')}"
