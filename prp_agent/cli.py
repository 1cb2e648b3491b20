"""The command line: each command parses options, calls one library function and renders its result.

Library modules are imported inside commands so that `prp-agent --help` stays fast. Errors are turned into one
stderr line and an exit code in `main()`, the only place that does so.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer

app = typer.Typer(
    name="prp-agent",
    help="Draft PRPs (Product Requirement Prompts) from a feature description, flagging what needs human review.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
templates_app = typer.Typer(help="List and inspect templates.", no_args_is_help=True)
app.add_typer(templates_app, name="templates")

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout.")]


@app.command()
def draft(
    description: Annotated[str, typer.Argument(help="What the feature is; '-' reads it from stdin.")],
    template: Annotated[
        str, typer.Option("--template", "-t", help="Built-in template name or a markdown file.")
    ] = "backend",
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Markdown path (default PRPs/<slug>.md); '-' for stdout."),
    ] = None,
    sidecar: Annotated[str | None, typer.Option(help="Sidecar JSON path (default beside the markdown).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace existing files, keeping a .bak copy.")] = False,
    json_output: JsonOption = False,
    offline: Annotated[
        bool, typer.Option("--offline", help="Draft without a model, from the description alone.")
    ] = False,
    model: Annotated[str | None, typer.Option(help="Model name [env PRP_AGENT_MODEL; default gpt-5-mini].")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible API URL [env OPENAI_BASE_URL].")] = None,
    concurrency: Annotated[int | None, typer.Option(help="Requests in flight at once [default 32].")] = None,
    max_reasks: Annotated[int | None, typer.Option(help="Re-asks after a validation error [default 2].")] = None,
    min_confidence: Annotated[
        float | None, typer.Option(help="Flag sections below this confidence [default 0.6].")
    ] = None,
    max_context_tokens: Annotated[
        int | None, typer.Option(help="Largest request, prompt plus answer [default 100000].")
    ] = None,
    timeout: Annotated[float | None, typer.Option(help="Seconds per request [default 120].")] = None,
    retries: Annotated[
        int | None, typer.Option(help="Retries of a failed request (429/5xx/timeouts) [default 2].")
    ] = None,
    repo: Annotated[str | None, typer.Option(help="Ground the draft in this code repository.")] = None,
    context_budget: Annotated[int | None, typer.Option(help="Tokens of repository context [default 6000].")] = None,
) -> None:
    """Draft one complete PRP from a feature description."""
    from . import ui
    from .config import load_settings
    from .drafting import DraftRequest, draft_prp
    from .errors import InputError

    if description == "-":
        description = sys.stdin.read()
    if output == "-" and json_output:
        raise InputError("--json and -o - both write to stdout; choose one")
    settings = load_settings(
        model=model, base_url=base_url, concurrency=concurrency, max_reasks=max_reasks, min_confidence=min_confidence,
        max_context_tokens=max_context_tokens, timeout=timeout, retries=retries, offline=offline or None,
        context_budget=context_budget,
    )  # fmt: skip
    request = DraftRequest(
        description, template=template, output=output, sidecar=sidecar, force=force, repo=repo, settings=settings
    )
    result = draft_prp(request)
    ui.show_draft(result, json_output=json_output, explicit_offline=offline)


@app.command()
def context(
    path: Annotated[str, typer.Argument(help="The repository to scan.")],
    budget: Annotated[int | None, typer.Option(help="Tokens of packed context [default 6000].")] = None,
    model: Annotated[str | None, typer.Option(help="Model whose tokenizer counts the context.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Show what a repository tells a draft: stack facts with evidence, routes, models, env vars, packed context."""
    from . import ui
    from .config import load_settings
    from .repo.inspect import inspect_repo

    settings = load_settings(context_budget=budget, model=model)
    ui.show_context(inspect_repo(path, budget=settings.context_budget, model=settings.model), json_output=json_output)


@app.command()
def refine(
    file: Annotated[str, typer.Argument(help="The PRP markdown file.")],
    section: Annotated[str | None, typer.Option("--section", "-s", help="Section id, slug or title (fuzzy).")] = None,
    instruction: Annotated[str | None, typer.Option("--instruction", "-i", help="What to change.")] = None,
    text: Annotated[str | None, typer.Option(help="New section text (offline); '-' reads stdin.")] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option("--answer", "-a", help="Answer open question N: N=TEXT, or 'all' for every suggestion."),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Apply without asking (scripts; no stdin).")] = False,
    undo: Annotated[bool, typer.Option("--undo", help="Restore the section's previous version.")] = False,
    accept_flags: Annotated[bool, typer.Option("--accept-flags", help="Mark the section reviewed.")] = False,
    template: Annotated[str | None, typer.Option(help="Template, when the PRP has no sidecar.")] = None,
    offline: Annotated[bool, typer.Option("--offline", help="Do not use a model: edit text instead.")] = False,
    model: Annotated[str | None, typer.Option(help="Model name [env PRP_AGENT_MODEL].")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible API URL [env OPENAI_BASE_URL].")] = None,
    json_output: JsonOption = False,
) -> None:
    """Refine one section: redraft it with an instruction or answers (or edit it), review the diff, accept."""
    from . import refine as refining
    from . import ui
    from .config import load_settings
    from .errors import InputError

    settings = load_settings(model=model, base_url=base_url, offline=offline or None)
    if section is None:
        if yes or undo or accept_flags:
            raise InputError("--section is required with --yes, --undo or --accept-flags")
        section = _pick_section(file, template)
        if section is None:
            raise typer.Exit(0)
    target = refining.open_target(file, section, template)
    if undo or accept_flags:
        applied = refining.undo_section(target) if undo else refining.accept_flags(target)
    elif yes:
        answers = refining.answers_from(target, answer or [])
        if text is not None:
            applied = refining.apply_proposal(target, refining.propose_text(target, _read_text(text), answers))
        elif not settings.use_model:
            raise InputError("--instruction needs a model (set OPENAI_API_KEY or --base-url); offline, use --text")
        else:
            proposal = refining.propose_with_model(target, settings, instruction=instruction, answers=answers)
            applied = refining.apply_proposal(target, proposal)
    else:
        looped = ui.refine_loop(
            target, settings, instruction=instruction, text=None if text is None else _read_text(text)
        )
        if looped is None:
            raise typer.Exit(0)
        applied = looped
    ui.show_applied(applied, json_output=json_output)


def _pick_section(file: str, template: str | None) -> str | None:
    from . import refine as refining
    from . import ui

    chosen = ui.pick_section(refining.list_sections(file, template))
    return None if chosen is None else str(chosen.template_id or chosen.id)


def _read_text(text: str) -> str:
    return sys.stdin.read() if text == "-" else text


@app.command()
def lint(
    file: Annotated[str, typer.Argument(help="The PRP markdown file.")],
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    template: Annotated[str | None, typer.Option(help="Template, when the PRP has no sidecar.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Check that a PRP is ready: exit 0 when clean, 1 when findings remain, 2 on bad input."""
    from . import ui
    from .lint import lint_prp

    report = lint_prp(file, template_name=template, strict=strict)
    ui.show_lint(report, json_output=json_output)
    raise typer.Exit(1 if report.failed else 0)


@app.command()
def batch(
    export: Annotated[
        str, typer.Argument(help="Tracker export file (GitHub, GitLab, Jira, Linear, CSV, JSONL), or status / collect.")
    ],
    batch_id: Annotated[str | None, typer.Argument(help="With status or collect: the Batch API batch id.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="auto, github, gitlab, jira, linear, csv or jsonl.")] = "auto",
    mapping: Annotated[
        str | None, typer.Option("--map", help="Columns: title=COL,body=COL,id=COL,labels=COL,...")
    ] = None,
    list_only: Annotated[bool, typer.Option("--list", help="Show what was read; draft nothing.")] = False,
    filters: Annotated[list[str] | None, typer.Option("--filter", help="label=X or state=X (repeatable).")] = None,
    ids: Annotated[str | None, typer.Option(help="Only these issue ids/keys, comma-separated.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most N issues.")] = None,
    out_dir: Annotated[str, typer.Option(help="Where PRPs, INDEX.md and index.json go.")] = "PRPs",
    template: Annotated[
        str, typer.Option("--template", "-t", help="Built-in template or a markdown file.")
    ] = "backend",
    repo: Annotated[str | None, typer.Option(help="Ground every draft in this repository (scanned once).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Keep finished drafts; redo the rest.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Start over, replacing existing drafts.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Estimate requests, tokens and cost; send nothing.")
    ] = False,
    max_cost: Annotated[float | None, typer.Option(help="Stop starting drafts before the estimate passes USD.")] = None,
    rpm: Annotated[int | None, typer.Option(help="Requests per minute allowed [env PRP_AGENT_RPM].")] = None,
    tpm: Annotated[int | None, typer.Option(help="Tokens per minute allowed [env PRP_AGENT_TPM].")] = None,
    offline: Annotated[bool, typer.Option("--offline", help="Draft every PRP without a model.")] = False,
    model: Annotated[str | None, typer.Option(help="Model name [env PRP_AGENT_MODEL].")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible API URL [env OPENAI_BASE_URL].")] = None,
    via: Annotated[
        str, typer.Option(help="direct (Chat Completions) or openai-batch (Batch API, half price).")
    ] = "direct",
    json_output: JsonOption = False,
) -> None:
    """Draft one PRP per issue of a tracker export: rate-limited, resumable, with reports and a cost preview.

    `prp-agent batch status ID` and `prp-agent batch collect ID --out-dir DIR` follow a batch sent with
    `--via openai-batch`.
    """
    from . import ui
    from .batch import BatchRequest, run_batch, select_issues
    from .config import load_settings
    from .errors import InputError
    from .exports import parse_mapping

    settings = load_settings(model=model, base_url=base_url, offline=offline or None, rpm=rpm, tpm=tpm)
    labels, states = _filters(filters or [])
    request = BatchRequest(
        export, fmt=fmt, mapping=parse_mapping(mapping) if mapping else None, labels=labels, states=states,
        ids=[i for i in (ids or "").split(",") if i.strip()], limit=limit, out_dir=out_dir, template=template,
        repo=repo, resume=resume, force=force, max_cost=max_cost, rpm=settings.rpm, tpm=settings.tpm,
        settings=settings,
    )  # fmt: skip
    if export in {"status", "collect"} or via == "openai-batch":
        _batch_api(export, batch_id, request, via, json_output)
        return
    if via != "direct":
        raise InputError(f"--via takes direct or openai-batch, got {via!r}")
    if list_only:
        ui.show_batch_list(select_issues(request), json_output=json_output)
        return
    with ui.batch_progress(enabled=not json_output) as progress:
        result = run_batch(request, progress=progress, dry_run=dry_run)
    ui.show_batch(result, json_output=json_output, explicit_offline=offline)
    raise typer.Exit(result.exit_code)


def _batch_api(action: str, batch_id: str | None, request: Any, via: str, json_output: bool) -> None:
    from . import ui
    from .batch import batch_status, collect_batch, submit_batch
    from .errors import InputError

    if action in {"status", "collect"}:
        if not batch_id:
            raise InputError(f"batch {action} needs the batch id: prp-agent batch {action} BATCH_ID")
        if action == "status":
            ui.show_batch_status(batch_status(batch_id, request), json_output=json_output)
            return
        result = collect_batch(batch_id, request)
        ui.show_batch(result, json_output=json_output, explicit_offline=True)
        raise typer.Exit(result.exit_code)
    if via != "openai-batch":
        raise InputError(f"--via takes direct or openai-batch, got {via!r}")
    ui.show_submitted(submit_batch(request), request.out_dir, json_output=json_output)


def _filters(filters: list[str]) -> tuple[list[str], list[str]]:
    from .errors import InputError

    labels: list[str] = []
    states: list[str] = []
    for item in filters:
        key, sep, value = item.partition("=")
        if not sep or key.strip() not in {"label", "state"} or not value.strip():
            raise InputError(f"--filter takes label=VALUE or state=VALUE, got {item!r}")
        (labels if key.strip() == "label" else states).append(value.strip())
    return labels, states


@templates_app.command("list")
def templates_list(json_output: JsonOption = False) -> None:
    """List the built-in templates."""
    from . import ui
    from .catalog import list_templates

    ui.show_template_list(list_templates(), json_output=json_output)


@templates_app.command("show")
def templates_show(
    name: Annotated[str, typer.Argument(help="Built-in template name or a markdown file.")],
    json_output: JsonOption = False,
) -> None:
    """Show a template's sections, slots, slot kinds and types, and guidance."""
    from . import ui
    from .catalog import describe_template

    ui.show_template(describe_template(name), json_output=json_output)


def main() -> None:
    """Run the CLI; every failure becomes one stderr line and a documented exit code."""
    from .errors import PrpAgentError

    try:
        code = app(standalone_mode=False)
    except PrpAgentError as exc:
        _fail(exc.message, exc.exit_code)
    except (typer.Exit, typer.Abort, KeyboardInterrupt) as exc:
        if isinstance(exc, typer.Exit):
            sys.exit(exc.exit_code)
        _fail("interrupted", 130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except Exception as exc:
        _usage_or_bug(exc)
    sys.exit(code if isinstance(code, int) else 0)


def _usage_or_bug(exc: Exception) -> None:
    """Click-style usage errors (typer raises them without importing click publicly) vs. bugs."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        print(exc.format_message())  # type: ignore[attr-defined]
        sys.exit(0)
    if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
        ctx = getattr(exc, "ctx", None)
        command = ctx.command_path if ctx is not None else "prp-agent"
        _fail(f"{exc.format_message()} (see '{command} --help')", 2)
    if os.environ.get("PRP_AGENT_DEBUG"):
        raise exc
    _fail(f"internal error: {type(exc).__name__}: {exc} (set PRP_AGENT_DEBUG=1 for the traceback)", 1)


def _fail(message: str, code: int) -> None:
    print(f"prp-agent: error: {message}", file=sys.stderr)
    sys.exit(code)


if __name__ == "__main__":
    main()
