"""GitHub issues: the REST API's JSON array and `gh issue list --json ...` output (also one object per line)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from prp_agent.errors import InputError
from prp_agent.exports.records import (
    KEEP_ALL,
    Collector,
    ExportRead,
    ReadOptions,
    TrackerIssue,
    as_text,
    clean_labels,
    normalize_state,
    optional_text,
    title_text,
)

__all__ = ["named_labels", "read_github", "repository_of"]

MAPPING = {"id": "number", "title": "title", "body": "body", "labels": "labels[].name", "state": "state",
           "comments": "comments[].body", "url": "html_url", "created": "created_at"}  # fmt: skip


def read_github(items: Iterable[object], where: str, options: ReadOptions = KEEP_ALL) -> ExportRead:
    """Read GitHub issues (REST, `gh issue list --json`, or Perceval items); pull requests are skipped."""
    out = Collector("github", options)
    seen = 0
    items = iter(items)
    head = list(itertools.islice(items, 50))
    # an export that spans repositories from its first issues names each issue with its repository; else the first
    # repository's issues are GH-n, and another's (a later row's) owner/repo#n
    spread = len({repository_of(i) for i in head if isinstance(i, dict)} - {None}) > 1
    home: str | None = None
    for row_no, item, number in out.numbered(itertools.chain(head, items), "number", "no issue number"):
        seen += 1
        repo = repository_of(item)
        home = home or (None if spread else repo)
        own = f"GH-{number}" if number.isdigit() else f"#{number}"  # Gitee's numbers are the tracker's own ids
        key = out.key(own if repo == home else f"{repo}#{number}", row_no)
        if _pull_request(item):
            out.skip(key, "pull request")
            continue
        out.add(
            untitled="title" not in item,  # `gh issue list --json number,url`: issues named by their numbers
            issue=TrackerIssue(
                key=key,
                id=number,
                title=title_text(item.get("title")),
                body=as_text(item.get("body")),
                labels=named_labels(item.get("labels")),
                state=normalize_state(item.get("state")),
                comments=_comments(comments := item.get("comments")),
                url=optional_text(out.pick("url", item, "html_url", "url")),  # REST, then gh and GraphQL
                created=optional_text(out.pick("created", item, "created_at", "createdAt")),
                source="github",
            ),
        )
        out.read_from("comments", "comments[].body" if isinstance(comments, list | dict) else None)
    if not seen and out.result.skipped:
        raise InputError(f'{where} is not a GitHub issues export: no entry has a "number"')
    out.result.mapping = out.mapping(MAPPING)
    return out.result


_REPO_URL = re.compile(r"github\.com/(?:repos/)?([\w.-]+/[\w.-]+?)(?:\.git)?(?:/(?:issues|pull)/\d+)?/?$")


def repository_of(item: dict[str, object]) -> str | None:
    """`owner/repo` of an issue from an export that spans repositories (`repository_url`, `repo`, `html_url`)."""
    repository = item.get("repository")
    if isinstance(repository, dict) and isinstance(full := repository.get("full_name"), str):
        return full
    owner, name = item.get("owner"), item.get("repo")
    if isinstance(owner, str) and isinstance(name, str) and re.fullmatch(r"[\w.-]+", owner + name):
        return f"{owner}/{name}"  # a dump that names both (its links may point where a repository moved to)
    for field in ("repository_url", "repo", "html_url", "url"):
        value = item.get(field)
        if isinstance(value, str):
            match = _REPO_URL.search(value.strip())
            if match:
                return match.group(1)
            if field == "repo" and re.fullmatch(r"[\w.-]+/[\w.-]+", value.strip()):
                return value.strip()
    return None


def named_labels(value: object) -> tuple[str, ...]:
    """Labels given as strings or as objects with a "name" (GitHub) or "title" (GitLab), in a list or in a GraphQL
    connection (`{"nodes": [...]}`)."""
    if isinstance(value, dict):
        value = value.get("nodes")
    if not isinstance(value, list):
        return ()
    names: list[str] = []
    for label in value:
        if isinstance(label, dict):
            label = label.get("name", label.get("title"))
        if isinstance(label, str):
            names.append(label)
    return clean_labels(names)


def _comments(value: object) -> tuple[str, ...]:
    """Comment bodies from gh output or a GraphQL connection; the REST API gives only a count here."""
    if isinstance(value, dict):
        value = value.get("nodes")
    if not isinstance(value, list):
        return ()
    bodies = [as_text(c.get("body")) if isinstance(c, dict) else as_text(c) for c in value]
    return tuple(body for body in bodies if body.strip())


def _pull_request(item: dict[str, object]) -> bool:
    """A pull request listed among issues: `pull_request` names one (the API of 2012 gave every issue a
    `pull_request` object whose URLs are null)."""
    pull = item.get("pull_request")
    if isinstance(pull, dict):
        return not pull or any(pull.get(key) for key in ("url", "html_url", "diff_url", "patch_url"))
    # a flag a script or another client wrote (`is_pull_request`, `isPullRequest`), GraphQL's type name; a `draft`
    # flag only pull requests have (an issue has no draft state)
    flagged = any(item.get(flag) is True for flag in _PULL_FLAGS) or isinstance(item.get("draft"), bool)
    return bool(pull) or flagged or item.get("__typename") == "PullRequest"


_PULL_FLAGS = ("is_pull_request", "isPullRequest", "is_pr", "isPR", "pr")
