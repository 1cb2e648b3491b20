"""Large backlogs through the OpenAI Batch API, at half the price.

Briefs are drafted synchronously (one request per issue, through the rate limiter): every section needs its issue's
brief, and a brief is small. All section requests then go out as one batch (`custom_id` = `<issue key>::<section
id>`), and a manifest in the out-dir remembers what was sent. `status` reads the batch; `collect` downloads its output
and error files, joins them by `custom_id`, validates each answer (a batch cannot re-ask: invalid answers keep their
valid parts and are flagged), writes the PRPs and the reports, and lists the sections to redraft.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from .asking import Asked, Session, judge_once
from .batch import (
    BatchRequest,
    BatchResult,
    IssueOutcome,
    _check_out_dir,
    file_stem,
    issue_description,
    select_issues,
    write_reports,
)
from .drafting import (
    DraftRequest,
    Prepared,
    draft_brief,
    evidence_text,
    finish,
    prefix_messages,
    prepare,
    section_messages,
)
from .errors import DraftFailedError, InputError
from .limiter import LimitedModel, RateLimiter
from .model import ChatModel, ChatRequest, Usage
from .openai_model import OpenAIBatchClient, OpenAIChatModel, answer_from_body
from .outcome import section_outcome
from .questions import cluster_questions
from .schemas import Brief
from .storage import atomic_write
from .types import FlagCode, ReviewFlag, SectionResult

__all__ = ["Submitted", "batch_status", "collect_batch", "submit_batch"]

MANIFEST = ".prp-openai-batch-{id}.json"
_PENDING = {"validating", "in_progress", "finalizing"}


class BatchClient(Protocol):
    """The Batch API calls used here (OpenAIBatchClient, or a fake)."""

    async def upload(self, name: str, data: bytes) -> str: ...
    async def create(self, input_file_id: str, metadata: dict[str, str]) -> dict[str, Any]: ...
    async def retrieve(self, batch_id: str) -> dict[str, Any]: ...
    async def content(self, file_id: str) -> bytes: ...
    async def aclose(self) -> None: ...


@dataclass
class Submitted:
    """A created batch: its id, how many requests, and the manifest that `collect` reads."""

    batch_id: str
    status: str
    requests: int
    issues: int
    manifest: Path

    def as_json(self) -> dict[str, Any]:
        """The `--json` form."""
        return {"batch_id": self.batch_id, "status": self.status, "requests": self.requests, "issues": self.issues,
                "manifest": str(self.manifest)}  # fmt: skip


def _client(request: BatchRequest) -> OpenAIBatchClient:
    settings = request.settings
    if not settings.use_model:
        raise InputError("--via openai-batch needs OPENAI_API_KEY (or --base-url for a server with the Batch API)")
    return OpenAIBatchClient(api_key=settings.api_key, base_url=settings.base_url, timeout=settings.timeout)


def submit_batch(
    request: BatchRequest, *, client: BatchClient | None = None, model: ChatModel | None = None
) -> Submitted:
    """Draft the briefs, then send every section request as one Batch API batch."""
    _, issues = select_issues(request)
    if not issues:
        raise InputError("no issue left after the filters: nothing to send")
    _check_out_dir(request, issues, {})
    batch_client = client or _client(request)
    return asyncio.run(_submit(request, issues, batch_client, model, owned=client is None))


async def _submit(
    request: BatchRequest, issues: list[Any], client: BatchClient, model: ChatModel | None, owned: bool
) -> Submitted:
    settings = request.settings
    repo = None
    if request.repo:
        from .repo.inspect import inspect_repo

        repo = inspect_repo(request.repo, budget=settings.context_budget, model=settings.model)
    shaper = OpenAIChatModel(model=settings.model, api_key=settings.api_key, base_url=settings.base_url)
    built: LimitedModel | None = None
    chat: ChatModel
    if model is None:
        inner = OpenAIChatModel(model=settings.model, api_key=settings.api_key, base_url=settings.base_url, attempts=1)
        chat = built = LimitedModel(inner, RateLimiter(request.rpm, request.tpm), attempts=settings.retries + 1)
    else:
        chat = model
    lines: list[str] = []
    entries: list[dict[str, Any]] = []
    try:
        for issue in issues:
            prepared = _prepare(request, issue, repo)
            prefix = prefix_messages(prepared.job)
            brief = await draft_brief(Session(chat, settings), prefix, prepared.job)
            for spec in prepared.job.specs:
                body = shaper.request_body(
                    ChatRequest(
                        tuple(section_messages(prefix, brief, spec)),
                        spec.schema_name(),
                        spec.json_schema(),
                        "",
                        settings.max_output_tokens,
                    )
                )
                line = {"custom_id": f"{issue.key}::{spec.id}", "method": "POST", "url": "/v1/chat/completions"}
                lines.append(json.dumps({**line, "body": body}, ensure_ascii=False))
            entries.append({"key": issue.key, "title": issue.title, "description": prepared.description,
                            "output": str(prepared.plan.markdown), "brief": brief.model_dump(mode="json")})  # fmt: skip
        file_id = await client.upload("prp-agent-sections.jsonl", ("\n".join(lines) + "\n").encode())
        batch = await client.create(file_id, {"created_by": "prp-agent", "issues": str(len(issues))})
    finally:
        if built is not None:
            await built.aclose()
        if owned:
            await client.aclose()
    manifest = Path(request.out_dir) / MANIFEST.format(id=batch["id"])
    data = {
        "format": "prp-agent.openai-batch/1", "batch_id": batch["id"], "input_file_id": file_id,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"), "template": request.template,
        "model": settings.model, "repo": request.repo, "issues": entries,
    }  # fmt: skip
    atomic_write(manifest, json.dumps(data, indent=2, ensure_ascii=False) + "\n", force=True)
    return Submitted(str(batch["id"]), str(batch.get("status", "")), len(lines), len(issues), manifest)


def _prepare(request: BatchRequest, issue: Any, repo: Any) -> Prepared:
    output = str(Path(request.out_dir) / f"{file_stem(issue)}.md")
    draft = DraftRequest(issue_description(issue), template=request.template, output=output, force=True,
                         settings=request.settings)  # fmt: skip
    return prepare(draft, repo)


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


def collect_batch(batch_id: str, request: BatchRequest, *, client: BatchClient | None = None) -> BatchResult:
    """Download a finished batch, validate and flag every section, write the PRPs and the reports."""
    out_dir = Path(request.out_dir)
    path = out_dir / MANIFEST.format(id=batch_id)
    if not path.exists():
        raise InputError(
            f"no manifest for batch {batch_id} in {out_dir} ({path.name}); pass the --out-dir of the submit"
        )
    manifest = json.loads(path.read_text(encoding="utf-8"))
    batch_client = client or _client(request)
    output, errors = asyncio.run(_download(batch_id, batch_client, owned=client is None))
    started = datetime.now(UTC)
    request = BatchRequest(
        request.export, template=manifest["template"], out_dir=str(out_dir), repo=manifest.get("repo"),
        settings=request.settings,
    )  # fmt: skip
    repo = None
    if request.repo:
        from .repo.inspect import inspect_repo

        repo = inspect_repo(request.repo, budget=request.settings.context_budget, model=request.settings.model)
    by_id = {line.get("custom_id"): line for line in [*errors, *output]}
    outcomes = [_collect_issue(entry, by_id, request, repo, manifest["model"]) for entry in manifest["issues"]]
    usage = Usage()
    for outcome in outcomes:
        usage.add(Usage(**outcome.usage) if outcome.usage else Usage())
    from .exports import ExportRead

    read = ExportRead(format=f"openai batch {batch_id}", issues=[], duplicates=[], skipped=[], warnings=[])
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


def _lines(data: bytes) -> list[dict[str, Any]]:
    found = []
    for line in data.decode("utf-8", errors="replace").splitlines():
        if line.strip():
            try:
                found.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return found


def _collect_issue(
    entry: dict[str, Any], by_id: dict[Any, dict[str, Any]], request: BatchRequest, repo: Any, model: str
) -> IssueOutcome:
    issue_output = entry["output"]
    draft = DraftRequest(entry["description"], template=request.template, output=issue_output, force=True,
                         settings=request.settings)  # fmt: skip
    prepared = prepare(draft, repo)
    brief = Brief.model_validate(entry["brief"])
    evidence = evidence_text(prepared.job, brief)
    facts = repo.facts if repo is not None else None
    results: list[SectionResult] = []
    usage = Usage()
    for spec in prepared.job.specs:
        asked = _judge(by_id.get(f"{entry['key']}::{spec.id}"), spec, request.settings.max_output_tokens, usage)
        results.append(
            section_outcome(spec, asked, min_confidence=request.settings.min_confidence, evidence=evidence, facts=facts)
        )
    result = finish(prepared, brief, results, usage, model=model, output_mode="json_schema (batch)")
    failed = [
        r
        for r in results
        if any(f.code in {FlagCode.REQUEST_FAILED, FlagCode.VALIDATION_FAILED, FlagCode.TRUNCATED} for f in r.flags)
    ]
    commands = [
        f'prp-agent refine {issue_output} --section {r.id} --instruction "draft this section" --yes' for r in failed
    ]
    flags = Counter(f.code.value for r in results for f in r.flags)
    questions = [{"section": r.id, "question": q.question, "suggested_answer": q.suggested_answer}
                 for r in results for q in r.open_questions]  # fmt: skip
    status: Literal["drafted", "flagged"] = "flagged" if any(r.status == "flagged" for r in results) else "drafted"
    error = f"{len(failed)} section(s) to redraft: " + "; ".join(commands) if failed else None
    return IssueOutcome(entry["key"], entry["title"], status, str(result.output), str(result.sidecar),
                        dict(sorted(flags.items())), questions, usage.as_dict(), error=error)  # fmt: skip


def _judge(line: dict[str, Any] | None, spec: Any, max_output_tokens: int, usage: Usage) -> Asked:
    if line is None:
        return Asked(
            flags=[ReviewFlag(code=FlagCode.REQUEST_FAILED, message="no result for this section in the batch output")]
        )
    response = line.get("response") or {}
    if line.get("error") or response.get("status_code") != 200:
        detail = (line.get("error") or {}).get("message") or _body_error(response)
        message = f"the batch request failed: {detail}"
        return Asked(flags=[ReviewFlag(code=FlagCode.REQUEST_FAILED, message=message)])
    answer = answer_from_body(response["body"])
    usage.add(answer.usage)
    return judge_once(answer, spec.model, max_output_tokens)


def _body_error(response: dict[str, Any]) -> str:
    body = response.get("body") or {}
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict) and error.get("message"):
        return f"HTTP {response.get('status_code')}: {error['message']}"
    return f"HTTP {response.get('status_code')}"
