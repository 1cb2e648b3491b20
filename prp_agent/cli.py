"""The command line: each command parses options, calls one library function and renders its result.

Library modules are imported inside commands so that `prp-agent --help` stays fast. Errors are turned into one
stderr line and an exit code in `main()`, the only place that does so. Option help shows each default and
environment variable from `config`, the one place they are defined.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from prp_agent.config import DEFAULT_BASE_URL, MODES, help_suffix
from prp_agent.refine.keys import keys_help
from prp_agent.text import command_line


class _DefaultToRun(TyperGroup):
    """`prp-agent batch EXPORT …` runs a batch; `batch status` and `batch collect` are sub-commands of their own."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in {"--help", "-h"}:
            args = ["run", *args]
        return list(super().parse_args(ctx, args))

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """`batch <TAB>`: the sub-commands, and files (an export is the usual first word)."""
        from click.shell_completion import CompletionItem

        return [*super().shell_complete(ctx, incomplete), *(CompletionItem(path) for path in _paths(incomplete))]


def _paths(incomplete: str, limit: int = 200) -> list[str]:
    """Files and folders whose path starts with `incomplete` (the typer shells do not complete files themselves)."""
    folder, _, start = incomplete.rpartition("/")
    base = Path(folder or ".")
    try:
        entries = sorted(base.iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        if entry.name.startswith(start) and not (entry.name.startswith(".") and not start.startswith(".")):
            name = f"{folder}/{entry.name}" if folder else entry.name
            found.append(name + "/" if entry.is_dir() else name)
    return found[:limit]


_EXPORT_FORMATS = ("auto", "github", "gitlab", "jira", "linear", "csv", "jsonl")


def _complete_modes(incomplete: str) -> list[str]:
    return [mode for mode in MODES if mode.startswith(incomplete)]


def _complete_formats(incomplete: str) -> list[str]:
    return [name for name in _EXPORT_FORMATS if name.startswith(incomplete)]


def _complete_templates(incomplete: str) -> list[str]:
    """Built-in template names, and markdown files in the current folder."""
    from importlib import resources

    builtin = [p.name[:-3] for p in resources.files("prp_agent.templates").iterdir() if p.name.endswith(".md")]
    files = [p.name for p in Path().glob("*.md")]
    return sorted(name for name in [*builtin, *files] if name.startswith(incomplete))


_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 120}

app = typer.Typer(
    name="prp-agent",
    context_settings=_CONTEXT,
    help="Draft PRPs (Product Requirement Prompts) from a feature description, flagging what needs human review.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
templates_app = typer.Typer(
    help="List, inspect and export templates.", no_args_is_help=True, rich_markup_mode=None, context_settings=_CONTEXT
)
batch_app = typer.Typer(
    cls=_DefaultToRun,
    context_settings=_CONTEXT,
    short_help="Draft one PRP per issue of a tracker export (or follow a Batch API batch).",
    help="Draft one PRP per issue of a tracker export; follow a Batch API batch. "
    "`prp-agent batch EXPORT …` is short for `prp-agent batch run EXPORT …`.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(templates_app, name="templates")
app.add_typer(batch_app, name="batch")


def _help(text: str, key: str) -> str:
    return text + help_suffix(key)


def _recording(command: str, settings: Any) -> Any:
    """Record this command's requests in the call log (unless --no-log / log = false, or offline)."""
    from prp_agent.llm.calllog import recording
    from prp_agent.secrets.redaction import redact_input

    args, _ = redact_input(shlex.join(["prp-agent", *sys.argv[1:]]), "the command")
    endpoint = settings.base_url or DEFAULT_BASE_URL
    return recording(args or command, endpoint, settings.model, enabled=settings.log and settings.use_model,
                     max_mb=settings.log_max_mb)  # fmt: skip


def _version(value: bool) -> None:
    if value:
        from prp_agent.version import version

        print(f"prp-agent {version()}")
        raise typer.Exit(0)


JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout.")]
ModelOption = Annotated[str | None, typer.Option(metavar="NAME", help=_help("Model name.", "model"))]
BaseUrlOption = Annotated[
    str | None, typer.Option(metavar="URL", help=_help("OpenAI-compatible API base URL.", "base_url"))
]
ModeOption = Annotated[
    str | None,
    typer.Option(
        metavar="MODE",
        help=_help("Structured output: auto, json_schema, tools or json_object.", "mode"),
        autocompletion=_complete_modes,
    ),
]
OfflineOption = Annotated[bool, typer.Option("--offline", help="Draft without a model, from the inputs alone.")]
NoLogOption = Annotated[bool, typer.Option("--no-log", help="Do not record requests in the local call log.")]
RecordOption = Annotated[
    str | None,
    typer.Option("--record", metavar="DIR", help="Write every request's answer into this cassette folder."),
]
ReplayOption = Annotated[
    str | None,
    typer.Option("--replay", metavar="DIR", help="Answer from this cassette folder: no network, no key."),
]
CacheOption = Annotated[
    bool, typer.Option("--cache", help=_help("Answer identical requests from the response cache.", "cache"))
]
PromptsOption = Annotated[
    str | None,
    typer.Option("--prompts", metavar="DIR", help=_help("Prompt files used before the built-in ones.", "prompts")),
]
TemplateOption = Annotated[
    str,
    typer.Option(
        "--template",
        "-t",
        metavar="NAME|PATH",
        help="Built-in template name or a markdown file.",
        autocompletion=_complete_templates,
    ),
]


DeadlineOption = Annotated[
    float | None,
    typer.Option(
        metavar="SECONDS",
        help="Stop the whole draft after this long (a batch: each issue), keeping the finished sections "
        "(env PRP_AGENT_DEADLINE; default --timeout × (requests + 4)).",
    ),
]


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Draft PRPs (Product Requirement Prompts) from a feature description, flagging what needs human review."""


@app.command()
def draft(
    description: Annotated[str, typer.Argument(metavar="DESCRIPTION", help="What the feature is; '-' reads stdin.")],
    template: TemplateOption = "backend",
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="PATH", help="Markdown path (default PRPs/SLUG.md); '-' for stdout."),
    ] = None,
    sidecar: Annotated[str | None, typer.Option(metavar="PATH", help="Sidecar path (default beside it).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace existing files, keeping a .bak copy.")] = False,
    json_output: JsonOption = False,
    offline: OfflineOption = False,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    concurrency: Annotated[
        int | None, typer.Option(metavar="N", help=_help("Most requests in flight at once.", "concurrency"))
    ] = None,
    max_reasks: Annotated[
        int | None, typer.Option(metavar="N", help=_help("Re-asks after a validation error.", "max_reasks"))
    ] = None,
    min_confidence: Annotated[
        float | None, typer.Option(metavar="X", help=_help("Flag sections below this confidence.", "min_confidence"))
    ] = None,
    max_context_tokens: Annotated[
        int | None, typer.Option(metavar="N", help=_help("Largest request, prompt + answer.", "max_context_tokens"))
    ] = None,
    timeout: Annotated[
        float | None, typer.Option(metavar="SECONDS", help=_help("Give up on a silent server after.", "timeout"))
    ] = None,
    retries: Annotated[
        int | None, typer.Option(metavar="N", help=_help("Retries of a failed request.", "retries"))
    ] = None,
    deadline: DeadlineOption = None,
    repo: Annotated[str | None, typer.Option(metavar="PATH", help="Ground the draft in this repository.")] = None,
    context_budget: Annotated[
        int | None, typer.Option(metavar="TOKENS", help=_help("Repository context per request.", "context_budget"))
    ] = None,
    prompts: PromptsOption = None,
    no_log: NoLogOption = False,
    record: RecordOption = None,
    replay: ReplayOption = None,
    cache: CacheOption = False,
) -> None:
    """Draft one complete PRP from a feature description."""
    import prp_agent.ui as ui
    from prp_agent.config import load_settings
    from prp_agent.drafting import DraftRequest, draft_prp
    from prp_agent.errors import DraftIncompleteError, InputError

    if output == "-" and json_output:
        raise InputError("--json and -o - both write to stdout; choose one")
    settings = _replayed(load_settings(
        model=model, base_url=base_url, mode=mode, concurrency=concurrency, max_reasks=max_reasks,
        min_confidence=min_confidence, max_context_tokens=max_context_tokens, timeout=timeout, retries=retries,
        offline=offline or None, context_budget=context_budget, log=False if no_log else None, prompts=prompts,
        deadline=deadline, **_answers(record, replay, cache),
    ))  # fmt: skip
    if description != "-" and len(description) < 256 and "\n" not in description and os.path.isfile(description):
        raise InputError(
            f"{description!r} is a file: to draft from what it says, run "
            f"{command_line('draft', '-')} < {shlex.quote(description)}"
        )
    request = DraftRequest(_read_stdin(description, "the description"), template=template, output=output,
                           sidecar=sidecar, force=force, repo=repo, settings=settings)  # fmt: skip
    try:
        with _recording("draft", settings), ui.DraftStatus(enabled=not json_output):
            result = draft_prp(request)
    except KeyboardInterrupt:
        _interrupted("nothing was written")
    ui.show_draft(result, json_output=json_output, explicit_offline=offline)
    if result.incomplete:
        raise DraftIncompleteError(result.incomplete)


@app.command(short_help="Show what a repository tells a draft: stack facts, routes, entities.")
def context(
    path: Annotated[str, typer.Argument(metavar="PATH", help="The repository to scan.")],
    budget: Annotated[
        int | None, typer.Option(metavar="TOKENS", help=_help("Tokens of packed context.", "context_budget"))
    ] = None,
    model: Annotated[str | None, typer.Option(metavar="NAME", help="Model whose tokenizer counts them.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Show what a repository tells a draft: stack facts with evidence, routes, models, env vars, packed context."""
    import prp_agent.ui as ui
    from prp_agent.config import load_settings
    from prp_agent.repo.inspect import inspect_repo

    settings = load_settings(context_budget=budget, model=model)
    ui.show_context(inspect_repo(path, budget=settings.context_budget, model=settings.model), json_output=json_output)


@app.command(short_help="Review a PRP section by section, or change one section.", epilog=keys_help())
def refine(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The PRP markdown file.")],
    section: Annotated[
        str | None, typer.Option("--section", "-s", metavar="ID", help="Section id, slug or title (fuzzy).")
    ] = None,
    instruction: Annotated[
        str | None, typer.Option("--instruction", "-i", metavar="TEXT", help="What to change.")
    ] = None,
    text: Annotated[str | None, typer.Option(metavar="TEXT", help="New section text; '-' reads stdin.")] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option("--answer", "-a", metavar="N=TEXT", help="Answer open question N, or 'all' for every suggestion."),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Apply without asking (scripts; no stdin).")] = False,
    undo: Annotated[bool, typer.Option("--undo", help="Restore the section's previous version.")] = False,
    accept_flags: Annotated[bool, typer.Option("--accept-flags", help="Mark the section reviewed.")] = False,
    history: Annotated[bool, typer.Option("--history", help="List every recorded change.")] = False,
    template: Annotated[str | None, typer.Option(metavar="NAME|PATH", help="Template (no sidecar).")] = None,
    offline: OfflineOption = False,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    prompts: PromptsOption = None,
    record: RecordOption = None,
    replay: ReplayOption = None,
    cache: CacheOption = False,
    json_output: JsonOption = False,
) -> None:
    """Review a PRP: without --section, walk every section that needs a human; with it, refine that one."""
    import prp_agent.refine as refining
    import prp_agent.ui as ui
    from prp_agent.config import load_settings
    from prp_agent.errors import InputError

    settings = _replayed(load_settings(model=model, base_url=base_url, offline=offline or None, prompts=prompts,
                                       **_answers(record, replay, cache)))  # fmt: skip
    if history:
        ui.show_history(refining.history(file, template), json_output=json_output)
        return
    scripted = yes or undo or accept_flags
    if scripted and section is None:
        raise InputError("--section is required with --yes, --undo or --accept-flags")
    given = None if text is None else _read_stdin(text, "--text")
    with _recording("refine", settings):
        if scripted and section is not None:
            applied = refining.refine_section(file, section, settings, template_name=template,
                                              instruction=instruction, text=given, answers=answer, undo=undo,
                                              accept=accept_flags)  # fmt: skip
            ui.show_applied(applied, json_output=json_output)
            return
        session = refining.ReviewSession(file, settings, template_name=template, only=section)
        ui.run_session(session, _first_proposal(session, instruction, given, answer or []))


def _first_proposal(session: Any, instruction: str | None, text: str | None, answers: list[str]) -> Any:
    """With -s and --instruction or --text, the first proposal is made before the session asks anything."""
    import prp_agent.refine as refining

    if not session.queue or (instruction is None and text is None):
        return None
    target = session.open(session.queue[0])
    given = refining.answers_from(target, answers)
    return session.edited(target, text, given) if text is not None else session.redraft(target, instruction, given)


def _read_stdin(value: str, what: str) -> str:
    """`-` reads stdin: it must be UTF-8 text."""
    from prp_agent.errors import InputError

    if value != "-":
        return value
    limit = 4 * 20_000 + 4  # the 20,000-character limit of a description, in UTF-8's widest bytes
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(limit + 1) if stream is not None else sys.stdin.read(limit + 1).encode("utf-8")
    if len(data) > limit:
        raise InputError(f"{what} on stdin is longer than the 20,000-character limit; shorten it")
    if b"\x00" in data:
        raise InputError(f"{what} on stdin is binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} on stdin is not UTF-8 text (byte {exc.start})") from None


@app.command(short_help="Check that a PRP is ready (exit 0 clean, 1 findings).")
def lint(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The PRP markdown file.")],
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    template: Annotated[str | None, typer.Option(metavar="NAME|PATH", help="Template (no sidecar).")] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--output-format", metavar="FORMAT", help="text, json or github (Actions annotations); default text."
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Check that a PRP is ready: exit 0 when clean, 1 when findings remain, 2 on bad input."""
    import prp_agent.ui as ui
    from prp_agent.errors import InputError
    from prp_agent.lint import lint_prp

    if json_output and output_format not in {None, "json"}:
        raise InputError(f"--json and --output-format {output_format} both say how to print; choose one")
    chosen = "json" if json_output else output_format or "text"
    if chosen not in {"text", "json", "github"}:
        raise InputError(f"--output-format takes text, json or github, got {output_format!r}")
    report = lint_prp(file, template_name=template, strict=strict)
    ui.show_lint(report, output_format=chosen)
    raise typer.Exit(1 if report.failed else 0)


@app.command(short_help="Check an endpoint: reachable, key, model, output modes, speed.")
def doctor(
    base_url: BaseUrlOption = None,
    model: ModelOption = None,
    mode: ModeOption = None,
    timeout: Annotated[
        float | None, typer.Option(metavar="SECONDS", help=_help("Give up on a silent server after.", "timeout"))
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Probe an endpoint: reachable, key, model, which structured-output modes work, slots, latency, advice.

    Exit 0 when a draft would work there, 1 when not. Remembers what works for the next draft.
    """
    import prp_agent.ui as ui
    from prp_agent.config import load_settings
    from prp_agent.doctor import diagnose

    settings = load_settings(base_url=base_url, model=model, mode=mode, timeout=timeout)
    with _recording("doctor", settings):
        found = diagnose(settings)
    ui.show_doctor(found, json_output=json_output)
    raise typer.Exit(0 if found.works else 1)


@app.command(short_help="Show the requests sent to the model and what came back.")
def logs(
    count: Annotated[int, typer.Option("-n", metavar="N", help="The newest N runs (-n 1: the last one).")] = 3,
    run: Annotated[str | None, typer.Option("--run", metavar="ID", help="One run, by id or its start.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Show what was sent to the model and what came back: the recorded runs, newest first, with their calls."""
    import prp_agent.ui as ui
    from prp_agent.llm.calllog import read_runs

    path, runs = read_runs(count, run)
    ui.show_logs(runs, json_output=json_output, where=str(path))


@app.command("eval", short_help="Draft a suite of cases, score the drafts, and compare runs.")
def eval_command(
    suite: Annotated[
        str | None, typer.Argument(metavar="SUITE", help="A .yaml or .jsonl file of cases (default: the built-in).")
    ] = None,
    cases: Annotated[str | None, typer.Option(metavar="IDS", help="Only these case ids, comma-separated.")] = None,
    out_dir: Annotated[
        str | None, typer.Option(metavar="DIR", help="Keep the drafts in a new folder under DIR (default: none kept).")
    ] = None,
    judge: Annotated[
        str | None, typer.Option(metavar="MODEL", help="Also have this model grade each section (1-5).")
    ] = None,
    compare: Annotated[
        tuple[str, str] | None, typer.Option(metavar="RUN_A RUN_B", help="Compare two stored runs; draft nothing.")
    ] = None,
    history: Annotated[bool, typer.Option("--history", help="List the stored runs; draft nothing.")] = False,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not keep this run in the eval history.")] = False,
    offline: OfflineOption = False,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    prompts: PromptsOption = None,
    no_log: NoLogOption = False,
    record: RecordOption = None,
    replay: ReplayOption = None,
    cache: CacheOption = False,
    json_output: JsonOption = False,
) -> None:
    """Draft every case of a suite and score each draft with rules: sections filled and flagged, stated and expected
    facts kept, inconsistencies, echoed examples, placeholders, lint, requests, tokens, cost and time. Runs are
    stored; --compare tells two of them apart metric by metric."""
    import prp_agent.ui as ui
    from prp_agent.config import load_settings
    from prp_agent.evals import EvalRequest, compare_runs, run_eval, stored_pair, stored_runs

    if history:
        where, runs = stored_runs()
        ui.show_eval_history(runs, json_output=json_output, where=str(where))
        return
    if compare:
        ui.show_comparison(compare_runs(*stored_pair(*compare)), json_output=json_output)
        return
    settings = _replayed(load_settings(model=model, base_url=base_url, mode=mode, offline=offline or None,
                                       prompts=prompts, log=False if no_log else None,
                                       **_answers(record, replay, cache)))  # fmt: skip
    request = EvalRequest(suite, cases=[c.strip() for c in (cases or "").split(",") if c.strip()], out_dir=out_dir,
                          judge=judge, store=not no_store, settings=settings)  # fmt: skip
    with _recording("eval", settings), ui.EvalProgressBar(enabled=not json_output) as progress:
        result = run_eval(request, progress=progress)
    ui.show_eval(result, json_output=json_output)


@batch_app.command("run")
def batch_run(
    export: Annotated[str, typer.Argument(metavar="EXPORT", help="Tracker export: CSV, JSON or JSON Lines.")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="auto, github, gitlab, jira, linear, csv or jsonl.",
            autocompletion=_complete_formats,
        ),
    ] = "auto",
    mapping: Annotated[
        str | None, typer.Option("--map", metavar="FIELD=COL,…", help="Fields to columns: title=COL,body=COL,…")
    ] = None,
    list_only: Annotated[bool, typer.Option("--list", help="Show what was read; draft nothing.")] = False,
    filters: Annotated[
        list[str] | None, typer.Option("--filter", metavar="KEY=VALUE", help="label=X or state=X (repeatable).")
    ] = None,
    ids: Annotated[str | None, typer.Option(metavar="IDS", help="Only these issue keys, comma-separated.")] = None,
    limit: Annotated[int | None, typer.Option(metavar="N", help="At most N issues.")] = None,
    out_dir: Annotated[str, typer.Option(metavar="DIR", help="Where PRPs, INDEX.md and index.json go.")] = "PRPs",
    template: TemplateOption = "backend",
    repo: Annotated[str | None, typer.Option(metavar="PATH", help="Ground every draft in this repository.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Keep what is finished; redo the rest.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Start over, replacing existing drafts.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Estimate requests, tokens and cost only.")] = False,
    max_cost: Annotated[
        float | None, typer.Option(metavar="USD", help="Start no draft that could pass this spend.")
    ] = None,
    rpm: Annotated[int | None, typer.Option(metavar="N", help=_help("Requests per minute allowed.", "rpm"))] = None,
    tpm: Annotated[int | None, typer.Option(metavar="N", help=_help("Tokens per minute allowed.", "tpm"))] = None,
    concurrency: Annotated[
        int | None, typer.Option(metavar="N", help=_help("Most requests in flight at once.", "concurrency"))
    ] = None,
    timeout: Annotated[
        float | None, typer.Option(metavar="SECONDS", help=_help("Give up on a silent server after.", "timeout"))
    ] = None,
    deadline: DeadlineOption = None,
    offline: OfflineOption = False,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    via: Annotated[
        str,
        typer.Option(
            metavar="WAY",
            help="direct (Chat Completions), openai-batch (Batch API, half price) or vllm (a Batch file for "
            "`vllm run-batch` on your own server; read back with `batch collect --from`).",
        ),
    ] = "direct",
    prompts: PromptsOption = None,
    no_log: NoLogOption = False,
    record: RecordOption = None,
    replay: ReplayOption = None,
    cache: CacheOption = False,
    json_output: JsonOption = False,
) -> None:
    """Draft one PRP per issue of a tracker export: rate-limited, resumable, with reports and a cost preview."""
    import prp_agent.ui as ui
    from prp_agent.batch import BatchRequest, run_batch, scan_issues, submit_batch, write_batch_file
    from prp_agent.config import load_settings
    from prp_agent.errors import InputError
    from prp_agent.exports import parse_mapping

    if via not in {"direct", "openai-batch", "vllm"}:
        raise InputError(f"--via takes direct, openai-batch or vllm, got {via!r}")
    settings = _replayed(load_settings(model=model, base_url=base_url, mode=mode, offline=offline or None, rpm=rpm,
                                       tpm=tpm, concurrency=concurrency, timeout=timeout,
                                       log=False if no_log else None, prompts=prompts, deadline=deadline,
                                       **_answers(record, replay, cache)))  # fmt: skip
    labels, states = _filters(filters or [])
    request = BatchRequest(
        export, fmt=fmt, mapping=parse_mapping(mapping) if mapping else None, labels=labels, states=states,
        ids=[i.strip() for i in (ids or "").split(",") if i.strip()], limit=limit, out_dir=out_dir,
        template=template, repo=repo, resume=resume, force=force, max_cost=max_cost, rpm=settings.rpm,
        tpm=settings.tpm, settings=settings,
    )  # fmt: skip
    if list_only:
        ui.show_batch_list(lambda emit: scan_issues(request, emit), json_output=json_output)
        return
    if via == "openai-batch":
        ui.show_submitted(submit_batch(request), request.out_dir, json_output=json_output)
        return
    if via == "vllm":
        ui.show_submitted(write_batch_file(request), request.out_dir, json_output=json_output)
        return
    notice = not dry_run and not settings.use_model and not offline
    with _recording("batch", settings), ui.BatchProgress(enabled=not json_output, offline_notice=notice) as progress:
        try:
            result = run_batch(request, progress=progress, dry_run=dry_run)
        except KeyboardInterrupt:
            again = [a for a in sys.argv[1:] if a not in {"--force", "--resume"}]
            resume_with = command_line(*again, "--resume")
            _interrupted(f"{progress.finished} draft(s) finished and kept; continue with: {resume_with}")
    ui.show_batch(result, json_output=json_output)
    raise typer.Exit(result.exit_code)


@batch_app.command("status")
def batch_status_command(
    batch_id: Annotated[str, typer.Argument(metavar="BATCH_ID", help="The id `batch --via openai-batch` printed.")],
    base_url: BaseUrlOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show a Batch API batch's status and request counts."""
    import prp_agent.ui as ui
    from prp_agent.batch import BatchRequest, batch_status
    from prp_agent.config import load_settings

    request = BatchRequest("", settings=load_settings(base_url=base_url))
    ui.show_batch_status(batch_status(batch_id, request), json_output=json_output)


@batch_app.command("collect")
def batch_collect_command(
    batch_id: Annotated[
        str | None,
        typer.Argument(metavar="BATCH_ID", help="The id `batch --via openai-batch` or `--via vllm` printed."),
    ] = None,
    out_dir: Annotated[str, typer.Option(metavar="DIR", help="The --out-dir the batch was sent with.")] = "PRPs",
    from_file: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="OUTPUT.jsonl", help="Read this output file (`vllm run-batch -o`), not the API."
        ),
    ] = None,
    base_url: BaseUrlOption = None,
    json_output: JsonOption = False,
) -> None:
    """Download a finished Batch API batch, or read a Batch output file, write its PRPs and reports, and list the
    sections to redraft."""
    import prp_agent.ui as ui
    from prp_agent.batch import BatchRequest, collect_batch
    from prp_agent.config import load_settings
    from prp_agent.errors import InputError

    if batch_id is None and from_file is None:
        raise InputError("batch collect needs the BATCH_ID of a Batch API batch, or --from OUTPUT.jsonl")
    request = BatchRequest("", out_dir=out_dir, settings=load_settings(base_url=base_url))
    result = collect_batch(batch_id, request, output_file=from_file)
    ui.show_batch(result, json_output=json_output)
    raise typer.Exit(result.exit_code)


def _replayed(settings: Any) -> Any:
    """A replay asks as the model its cassette was recorded with, whatever --model or the config says."""
    from dataclasses import replace

    from prp_agent.llm.cassette import cassette_model

    if not settings.replay:
        return settings
    return replace(settings, model=cassette_model(settings.replay) or settings.model)


def _answers(record: str | None, replay: str | None, cache: bool) -> dict[str, Any]:
    """The settings --record, --replay and --cache give (one way to answer at a time)."""
    from prp_agent.errors import InputError

    if record and replay:
        raise InputError("--record and --replay: choose one (a replayed run has nothing new to record)")
    if replay and cache:
        raise InputError("--replay answers from the cassette alone; --cache does not apply")
    return {"record": record, "replay": replay, "cache": cache or None}


def _filters(filters: list[str]) -> tuple[list[str], list[str]]:
    from prp_agent.errors import InputError

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
    import prp_agent.ui as ui
    from prp_agent.templates.catalog import list_templates

    ui.show_template_list(list_templates(), json_output=json_output)


@templates_app.command("show")
def templates_show(
    name: Annotated[str, typer.Argument(metavar="NAME|PATH", help="Built-in template name or a markdown file.")],
    json_output: JsonOption = False,
) -> None:
    """Show a template's sections, slots, slot kinds and types, and guidance."""
    import prp_agent.ui as ui
    from prp_agent.templates.catalog import describe_template

    ui.show_template(describe_template(name), json_output=json_output)


@templates_app.command("export")
def templates_export(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A built-in template.")],
) -> None:
    """Print a built-in template's markdown, to fork it: prp-agent templates export backend > mine.md"""
    from prp_agent.templates.catalog import template_source

    sys.stdout.write(template_source(name))


def _interrupted(what: str) -> None:
    print(f"prp-agent: interrupted: {what}", file=sys.stderr)
    sys.exit(130)


def main() -> None:
    """Run the CLI; every failure becomes one stderr line and a documented exit code."""
    from prp_agent.errors import PrpAgentError

    for index, arg in enumerate(sys.argv[1:], 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError as exc:
            _fail(f"argument {index} is not UTF-8 text (character {exc.start + 1}); fix its encoding, or pass the "
                  "text on stdin with '-'", 2)  # fmt: skip
    try:
        code = app(standalone_mode=False)
    except PrpAgentError as exc:
        _fail(exc.message, exc.exit_code)
    except (typer.Exit, typer.Abort, KeyboardInterrupt) as exc:
        if isinstance(exc, typer.Exit):
            sys.exit(exc.exit_code)
        sys.stderr.write("\n")  # the cursor may still sit after a prompt
        _fail("interrupted", 130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except Exception as exc:
        _usage_or_bug(exc)
    if code == 130:  # typer turns a Ctrl-C it catches into this code, silently
        sys.stderr.write("\n")
        _fail("interrupted", 130)
    sys.exit(code if isinstance(code, int) else 0)


def _usage_or_bug(exc: Exception) -> None:
    """Click-style usage errors (typer raises them without importing click publicly) vs. bugs."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        print(exc.format_message())  # type: ignore[attr-defined]
        sys.exit(0)
    if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
        ctx = getattr(exc, "ctx", None)
        command = ctx.command_path if ctx is not None else "prp-agent"
        command = command.replace(" batch run", " batch")
        _fail(f"{exc.format_message()} (see '{command} --help')", 2)
    if os.environ.get("PRP_AGENT_DEBUG"):
        raise exc
    _fail(f"internal error: {type(exc).__name__}: {exc} (set PRP_AGENT_DEBUG=1 for the traceback)", 1)


def _fail(message: str, code: int) -> None:
    from prp_agent.secrets.redaction import redact_text
    from prp_agent.text import one_line

    print(f"prp-agent: error: {one_line(redact_text(message), 2000)}", file=sys.stderr)
    sys.exit(code)


if __name__ == "__main__":
    main()
