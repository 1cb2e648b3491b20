"""Exports beyond plain lists: XML (Jira's export, feeds, Bugzilla, any XML) through a hardened streaming parser,
single objects with nested collections, saved HTTP responses, recordings, records keyed by id, and large JSON
documents read as a stream (the same issues as when read whole)."""

from __future__ import annotations

import base64
import gzip
import json
import os
from pathlib import Path
from typing import Any

import pytest

from prp_agent.errors import InputError
from prp_agent.exports import ExportRead, read_export
from prp_agent.exports import source as export_source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
EXPECTED: dict[str, Any] = json.loads((FIXTURES / "expected.json").read_text("utf-8"))
JSON_FIXTURES = sorted(
    name for name, entry in EXPECTED.items() if "format" in entry and name.endswith((".json", ".http"))
)


def _error(path: Path, fmt: str = "auto") -> str:
    with pytest.raises(InputError) as raised:
        read_export(path, fmt)
    assert "\n" not in raised.value.message
    return raised.value.message


def _pairs(result: ExportRead) -> list[tuple[str, str]]:
    return [(issue.key, issue.title) for issue in result.issues]


# --- large JSON documents are streamed ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", JSON_FIXTURES)
def test_a_streamed_json_document_reads_as_the_whole_one(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = read_export(FIXTURES / name)
    monkeypatch.setattr(export_source, "_STREAM_JSON", 0)  # every document takes the streaming path
    streamed = read_export(FIXTURES / name)
    assert streamed.issues == whole.issues
    assert (streamed.format, streamed.records, streamed.mapping) == (whole.format, whole.records, whole.mapping)
    assert (streamed.skipped, streamed.duplicates) == (whole.skipped, whole.duplicates)


def test_a_streamed_document_counts_its_records_and_says_when_it_is_one_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    issues = [{"number": n, "title": f"Issue {n}", "comments": [{"body": "x"}] * 300} for n in range(1, 501)]
    path = tmp_path / "page.json"
    path.write_text(json.dumps({"total_count": 900, "items": issues}), "utf-8")
    monkeypatch.setattr(export_source, "_STREAM_JSON", 0)
    result = read_export(path)
    assert result.count == 500 and result.issues[-1].key == "GH-500" and len(result.issues[0].comments) == 300
    assert f"{path} holds 500 of 900 issues: it is one page of a paginated result" in result.warnings


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("cut.json", '[{"title": "a"}, {"title": ', "is not valid JSON ("),
        ("deep.json", "[" * 5000 + "]" * 5000, "is not usable JSON: nested more than 100 levels deep"),
        ("broken.xml", "<?xml version='1.0'?><rss><item><title>a</item></rss>", "is not well-formed XML (line 1, "),
        ("deep.xml", "<a>" * 3000 + "</a>" * 3000, "is not usable XML: nested more than 100 levels deep"),
    ],
)
def test_a_broken_or_too_deep_document_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str, message: str
) -> None:
    monkeypatch.setattr(export_source, "_STREAM_JSON", 0)  # JSON takes the streaming path
    path = tmp_path / name
    path.write_text(text, "utf-8")
    assert _error(path).startswith(f"{path} {message}")


# --- XML ------------------------------------------------------------------------------------------------------------


def test_jira_xml_export_fields_sub_tasks_and_html_bodies() -> None:
    result = read_export(FIXTURES / "jira-xml.xml")
    issues = {issue.key: issue for issue in result.issues}
    story, sub_task = issues["SHOP-101"], issues["SHOP-102"]
    assert story.title == "Café orders export as CSV"  # a numeric character reference
    assert "GET /api/v1/orders/export" in story.body and "p95 under 800 ms" in story.body
    assert "<p>" not in story.body and "&lt;" not in story.body
    assert story.body.endswith("Acceptance Criteria:\nThe file opens in Excel with accents intact.")
    assert "Story Points" not in story.body  # other custom fields stay out of the text
    assert story.comments == ("Stream the rows; tenants have 100k orders.",)
    assert story.labels == ("backend", "export") and story.state == "to do"
    assert story.url == "https://jira.acme.test/browse/SHOP-101" and story.created == "2024-03-04T09:30:12+00:00"
    assert story.parent is None and story.kind == "Story"
    assert sub_task.parent == "SHOP-101" and sub_task.kind == "Sub-task" and sub_task.state == "in progress"
    assert result.duplicates == ["SHOP-101"]


def test_feeds_take_keys_from_titles_and_links() -> None:
    rss = {issue.key: issue for issue in read_export(FIXTURES / "jira-rss.xml").issues}
    assert rss["PAY-7"].labels == ("payments", "compliance")
    assert rss["PAY-7"].body == "A refund above €1,000 waits for a second approver.\nPOST /refunds/{id}/approve"
    assert rss["PAY-8"].body == "Back off exponentially, at most 5 retries."  # CDATA
    atom = read_export(FIXTURES / "gitlab-issues.atom").issues
    assert atom[0].url == "https://gitlab.example.com/acme/shop/-/issues/31" and atom[0].labels == (
        "frontend",
        "wishlist",
    )
    assert atom[0].created == "2024-03-08T09:00:00Z"


def test_any_xml_is_read_by_inference_and_bugzilla_by_its_reader() -> None:
    redmine = read_export(FIXTURES / "redmine-api.xml")
    assert redmine.inferred and redmine.mapping["title"] == "subject" and redmine.issues[1].state == "in progress"
    bug = read_export(FIXTURES / "bugzilla.xml").issues[0]
    assert bug.body.startswith("Set SameSite=Lax") and bug.comments == ("Confirmed on 5.2.",)


@pytest.mark.parametrize(
    "payload",
    [
        '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<r><issue><title>&b;</title></issue><issue><title>x</title></issue></r>",
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r><issue><title>&x;</title></issue></r>',
    ],
    ids=["entity-expansion", "external-entity"],
)
def test_xml_entities_are_refused(tmp_path: Path, payload: str) -> None:
    path = tmp_path / "evil.xml"
    path.write_text('<?xml version="1.0"?>' + payload, "utf-8")
    assert _error(path).startswith(f"{path} declares XML entities, which are not read")


def test_a_format_that_does_not_fit_xml_is_refused(tmp_path: Path) -> None:
    assert _error(FIXTURES / "jira-rss.xml", "jira").endswith("use --format xml or auto")
    assert _error(FIXTURES / "github-rest.json", "xml").endswith("is JSON, not XML: use --format jsonl or auto")


# --- single objects, wrapped issues, keyed records ------------------------------------------------------------------


def test_one_jira_issue_keeps_its_own_comments_and_names_no_sub_task_as_an_issue() -> None:
    (issue,) = read_export(FIXTURES / "jira-issue-v3.json").issues
    assert issue.key == "CRM-88" and issue.comments == ("Which record keeps the owner?", "The oldest.")
    assert "keep every phone number" in issue.body


def test_one_trello_card_with_its_actions_and_checklists() -> None:
    (card,) = read_export(FIXTURES / "trello-card.json").issues
    assert card.state == "next up" and card.comments == ("Legal asked for the timestamp.",)
    assert (
        "- [x] confirmation e-mail" in card.body
        and card.url == "https://trello.com/c/AbCdEf12/14-newsletter-sign-up-on-the-footer"
    )


def test_an_issue_inside_envelopes_and_records_keyed_by_id(tmp_path: Path) -> None:
    redmine = tmp_path / "issue.json"
    journals = [{"id": 1, "notes": "seen"}, {"id": 2, "notes": "again"}]
    redmine.write_text(json.dumps({"issue": {"id": 7311, "subject": "Data sources are stale", "journals": journals}}))
    result = read_export(redmine)
    assert _pairs(result) == [("7311", "Data sources are stale")] and result.records == "issue (one issue)"
    graphql = tmp_path / "graphql.json"
    graphql.write_text(json.dumps({"data": {"repository": {"hasIssuesEnabled": True, "issue": {
        "number": 123, "title": "Fix coins", "labels": {"nodes": [{"name": "bug"}, {"name": "ui"}]}}}}}))  # fmt: skip
    assert _pairs(read_export(graphql)) == [("GH-123", "Fix coins")]
    keyed = tmp_path / "tickets.json"
    keyed.write_text(json.dumps({"tickets": {"1": {"attributes": {"summary": "One"}}, "2": {"attributes": {
        "summary": "Two"}}}, "authors": {"ann": {"name": "Ann"}}}))  # fmt: skip
    assert _pairs(read_export(keyed)) == [("1", "One"), ("2", "Two")]


def test_objects_that_are_not_issues_are_named(tmp_path: Path) -> None:
    assert _error(FIXTURES / "jira-sprint.json").endswith("is one sprint object (https://acme.atlassian.net/rest/"
                                                          "agile/1.0/sprint/37), not an issue or a list of issues; "
                                                          "export the issues instead")  # fmt: skip
    project = tmp_path / "project.json"
    project.write_text(json.dumps({"kind": "project", "id": 1027488, "name": "My Sample Project"}))
    assert _error(project).startswith(f"{project} is one project object, not an issue")


# --- saved HTTP responses and recordings ----------------------------------------------------------------------------


def test_saved_responses_that_hold_no_export_are_refused(tmp_path: Path) -> None:
    missing = tmp_path / "404.http"
    missing.write_bytes(b'HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n{"message": "Not Found"}')
    assert _error(missing) == f"{missing} is a saved HTTP 404 Not Found response, not an export"
    packed = tmp_path / "gz.http"
    packed.write_bytes(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gzip.compress(b"[]"))
    assert _error(packed).endswith("gzip-compressed body; save the decoded body (curl --compressed -i)")
    empty = tmp_path / "empty.http"
    empty.write_bytes(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    assert _error(empty) == f"{empty} is a saved HTTP response with no body"


def test_a_saved_xml_response_is_read_from_its_body(tmp_path: Path) -> None:
    path = tmp_path / "feed.http"
    path.write_bytes(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n" + (FIXTURES / "jira-rss.xml").read_bytes()
    )
    result = read_export(path)
    assert [key for key, _ in _pairs(result)] == ["PAY-7", "PAY-8"] and "saved HTTP response" in result.warnings[0]


def _betamax(bodies: list[bytes], status: int = 200) -> dict[str, Any]:
    return {"http_interactions": [{"request": {"method": "GET", "uri": "https://api.github.com/x"},
                                   "response": {"status": {"code": status, "message": "OK"}, "headers": {},
                                                "body": {"encoding": "utf-8", "base64_string":
                                                         base64.b64encode(body).decode()}}} for body in bodies],
            "recorded_with": "betamax"}  # fmt: skip


def test_a_recording_with_compressed_bodies_is_unwrapped(tmp_path: Path) -> None:
    repository = {"id": 1, "name": "shop", "url": "https://api.github.com/repos/acme/shop"}
    issues = [{"number": 4, "title": "Four", "body": "text"}, {"number": 5, "title": "Five", "pull_request": {
        "url": "https://api.github.com/repos/acme/shop/pulls/5"}}]  # fmt: skip
    path = tmp_path / "cassette.json"
    path.write_text(json.dumps(_betamax([gzip.compress(json.dumps(repository).encode()),
                                         gzip.compress(json.dumps(issues).encode())])))  # fmt: skip
    result = read_export(path)
    assert _pairs(result) == [("GH-4", "Four")] and result.skipped == [("GH-5", "pull request")]
    assert result.records == "HTTP recording (2 of 2 responses with a JSON or XML body) → their issues"


def test_a_compressed_recorded_body_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from prp_agent.exports import wrapped

    monkeypatch.setattr(wrapped, "MAX_INFLATED", 1000)
    bomb = gzip.compress(b"[" + b'{"number": 1, "title": "x"},' * 5000 + b'{"number": 2, "title": "y"}]')
    path = tmp_path / "bomb.json"
    path.write_text(json.dumps(_betamax([bomb])))
    assert _error(path) == f"{path} is an HTTP recording whose one response holds no issues"


def test_a_text_recording_with_json_bodies_on_their_own_lines(tmp_path: Path) -> None:
    path = tmp_path / "ReplayData.txt"
    body = json.dumps([{"number": 30, "title": "Thirty", "pull_request": {"html_url": None}}])
    path.write_text(f"https\nGET\napi.github.com\nNone\n/repos/a/b/issues\n{{}}\nNone\n200\n[]\n{body}\n\n", "utf-8")
    assert _pairs(read_export(path)) == [("GH-30", "Thirty")]  # a null pull-request link is an issue (the 2012 API)


# --- files that are not files ---------------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert _error(fifo) == f"{fifo} is not a regular file"


def test_a_yaml_cassette_that_is_a_bomb_or_broken_is_one_line(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    lines = ["interactions:", "- a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"- {chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
              f"*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]"
              for n in range(20)]  # fmt: skip
    bomb.write_text("\n".join(lines) + "\n", "utf-8")
    assert _error(bomb) == f"{bomb} is YAML with 200 aliases; an export needs few"
    broken = tmp_path / "broken.yaml"
    broken.write_text("interactions:\n- request: [unclosed\n", "utf-8")
    assert _error(broken).startswith(f"{broken} is not valid YAML (line ")


def test_a_yaml_archive_is_bounded_and_builds_nothing(tmp_path: Path) -> None:
    few = tmp_path / "few.yaml"  # 72 aliases, under the count, but 9**8 values once expanded
    lines = ["---", "a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]" for n in range(8)]
    few.write_text("\n".join(lines) + "\n", "utf-8")
    assert _error(few) == f"{few} is YAML whose aliases expand past 100,000 values"
    tagged = tmp_path / "tagged.yml"
    tagged.write_text("---\n- !!python/object/apply:os.system ['touch pwned']\n", "utf-8")
    assert _error(tagged).startswith(f"{tagged} is not valid YAML (line 2): could not determine a constructor")
    assert not (tmp_path / "pwned").exists()
    scalar = tmp_path / "notes.yaml"
    scalar.write_text("---\njust a line of text\n", "utf-8")
    assert _error(scalar) == f"{scalar} is YAML holding one str value, not records of issues"
    deep = tmp_path / "deep.yaml"
    deep.write_text("---\n" + "[" * 50_000 + "]" * 50_000 + "\n", "utf-8")
    assert _error(deep).startswith(f"{deep} is not valid YAML")
    typed = tmp_path / "typed.yaml"  # dates stay as written; bytes and sets become text
    typed.write_text("---\n- {id: 1, title: !!binary U2xvdyBzdGFydA==, created: 2013-04-02 09:12:44 +02:00}\n"
                     "- {id: 2, title: Second, created: 2013-04-03}\n", "utf-8")  # fmt: skip
    result = read_export(typed)
    assert _pairs(result) == [("1", "Slow start"), ("2", "Second")]
    assert [i.created for i in result.issues] == ["2013-04-02 09:12:44 +02:00", "2013-04-03"]


@pytest.mark.parametrize(
    ("root", "what"),
    [("workflow", "a Jira workflow definition"), ("project", "a build or project file (<project>)")],
)
def test_xml_that_is_plainly_not_issues_is_named(tmp_path: Path, root: str, what: str) -> None:
    path = tmp_path / "other.xml"
    path.write_text(f'<?xml version="1.0"?><{root}><action id="1" name="Create Issue"/><action id="2" name="Close"/>'
                    f"</{root}>", "utf-8")  # fmt: skip
    assert _error(path) == f"{path} is {what}, not an issue export"


def test_perceval_phabricator_tasks_are_issues_keyed_by_their_monogram(tmp_path: Path) -> None:
    item: dict[str, Any] = {"backend_name": "Phabricator", "category": "task", "origin": "https://phab.example.org",
            "data": {"id": 69, "phid": "PHID-TASK-bjxhrstz5fb7gqnmkrwu", "type": "TASK",
                     "fields": {"name": "Tasks #69", "description": {"raw": "Make it faster."}}}}  # fmt: skip
    path = tmp_path / "phab.jsonl"
    path.write_text(json.dumps(item) + "\n" + json.dumps({**item, "data": {**item["data"], "id": 73,
                    "fields": {"name": "Task #73"}}}) + "\n", "utf-8")  # fmt: skip
    assert _pairs(read_export(path)) == [("T69", "Tasks #69"), ("T73", "Task #73")]


@pytest.mark.parametrize(
    ("document", "pairs"),
    [
        (
            {"issues": [{"number": 57, "subject": "Donec vel neque", "status": "Open"}], "page": 1},
            [("57", "Donec vel neque")],
        ),  # a `number` beside another title field is not GitHub's
        (
            [
                {"local_id": 1, "title": "Test issue", "status": "new"},
                {"local_id": 2, "title": "Other", "status": "new"},
            ],
            [("1", "Test issue"), ("2", "Other")],
        ),  # Bitbucket's API 1.0
        (
            {"tickets": [{"_id": "51acf21c", "ticket_num": 1, "summary": "Log is world-writable"}]},
            [("1", "Log is world-writable")],
        ),  # SourceForge's export
        (
            {
                "id": "10000",
                "key": "ED-1",
                "fields": {
                    "description": "Main order flow broken",
                    "issuelinks": [{"id": "1", "type": {"name": "Blocks"}}, {"id": "2", "type": {"name": "Relates"}}],
                },
            },
            [("ED-1", "Main order flow broken")],
        ),  # one Jira issue whose fields leave the summary out
    ],
)
def test_ids_and_titles_of_other_trackers_shapes(tmp_path: Path, document: Any, pairs: list[tuple[str, str]]) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), "utf-8")
    assert _pairs(read_export(path)) == pairs


def test_an_export_whose_issue_list_is_empty_holds_no_issues(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    bins = [{"_id": "a", "summary": "Open Tickets"}, {"_id": "b", "summary": "Closed Tickets"}]
    path.write_text(json.dumps({"tickets": [], "saved_bins": bins}))
    assert _error(path) == f"{path} holds no issues: its `tickets` list is empty"


@pytest.mark.parametrize(
    ("name", "text", "pairs"),
    [
        (
            "backlog.json",
            json.dumps(
                [
                    {"id": 1079196895, "issueKey": "TST-2", "summary": "Category test"},
                    {"id": 1079196896, "issueKey": "TST-3", "summary": "Second"},
                ]
            ),
            [("TST-2", "Category test"), ("TST-3", "Second")],
        ),  # camelCase keys are words: issueKey is an issue key
        (
            "redmine.tsv",
            "#issue_id\tsubject\tdescription\n3351\tFix bug 4\tdetails\n3352\tIssue 3\t\n",
            [("3351", "Fix bug 4"), ("3352", "Issue 3")],
        ),  # a header line that starts with `#`
        (
            "board.json",
            "// saved 2021-04-29\n// by hand\n" + json.dumps([{"id": "A-1", "title": "First card"}]),
            [("A-1", "First card")],
        ),  # comment lines before the JSON
        (
            "event.json",
            json.dumps(
                {
                    "type": "IssuesEvent",
                    "actor": {"login": "ana"},
                    "repo": {"name": "a/b"},
                    "payload": {"action": "opened", "issue": {"number": 6, "title": "Test"}},
                }
            ),
            [("GH-6", "Test")],
        ),  # GitHub's Events API: the issue inside the event's payload
        (
            "youtrack.json",
            json.dumps(
                {
                    "id": "SB-12",
                    "field": [{"name": "summary", "value": "Links break"}, {"name": "projectShortName", "value": "SB"}],
                }
            ),
            [("SB-12", "Links break")],
        ),  # fields as a list of name and value
        (
            "youtrack-legacy.json",
            json.dumps(
                {"@id": "SB-12", "field": [{"@name": "Type", "value": "Bug"}, {"@name": "summary", "value": "X"}]}
            ),
            [("SB-12", "X")],
        ),  # the same, converted from XML (`@id`, `@name`)
    ],
)
def test_key_and_field_layouts_of_more_trackers(tmp_path: Path, name: str, text: str, pairs: list[Any]) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    assert _pairs(read_export(path)) == pairs


def test_an_object_that_names_its_own_kind_is_not_an_issue(tmp_path: Path) -> None:
    board = {"id": "108-0", "name": "Board", "$type": "Agile",
             "projects": [{"id": "0-1", "name": "DemoProject1", "shortName": "DP1", "$type": "Project"}]}  # fmt: skip
    path = tmp_path / "board.json"
    path.write_text(json.dumps(board), "utf-8")
    assert _error(path).startswith(f"{path} is one agile object, not an issue")


# --- shapes first met on held-out files ----------------------------------------------------------------------------


def test_an_etl_message_log_reads_its_issue_stream_only(tmp_path: Path) -> None:
    """Airbyte and Singer logs put every stream of a tracker (users, projects, tags, tasks) in one file."""
    airbyte = [
        {"type": "RECORD", "record": {"stream": "src__tracker__users", "data": {"gid": "9", "name": "Ana"}}},
        {"type": "RECORD", "record": {"stream": "src__tracker__projects", "data": {"gid": "8", "name": "Web"}}},
        {"type": "STATE", "state": {"data": {}}},
        {"type": "RECORD", "record": {"stream": "src__tracker__tasks",
                                      "data": {"gid": "1201", "name": "Export invoices", "notes": "As CSV"}}},
        {"type": "RECORD", "record": {"stream": "src__tracker__tasks", "data": {"gid": "1202", "name": "Fix login"}}},
    ]  # fmt: skip
    path = tmp_path / "airbyte.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in airbyte) + "\n", encoding="utf-8")
    assert _pairs(read_export(path)) == [("1201", "Export invoices"), ("1202", "Fix login")]
    singer = [
        {"type": "SCHEMA", "stream": "issues", "schema": {}},
        {"type": "RECORD", "stream": "users", "record": {"id": 3, "name": "Bo"}},
        {"type": "RECORD", "stream": "issues", "record": {"id": 7, "title": "Rate limit the API"}},
    ]
    path = tmp_path / "singer.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in singer) + "\n", encoding="utf-8")
    assert [i.title for i in read_export(path).issues] == ["Rate limit the API"]


def test_a_key_people_quote_wins_over_an_opaque_database_id(tmp_path: Path) -> None:
    tasks = [{"id": f"4cd428c496f0734eef00000{n}", "task_id": n, "title": f"Task {n}"} for n in (2, 3)]
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    assert _pairs(read_export(path)) == [("2", "Task 2"), ("3", "Task 3")]


def test_references_and_other_records_hold_no_issue(tmp_path: Path) -> None:
    wiql = {"queryType": "flat", "columns": [{"referenceName": "System.Id", "name": "ID"}],
            "workItems": [{"id": 1, "url": "https://dev.azure.com/o/_apis/wit/workItems/1"}]}  # fmt: skip
    path = tmp_path / "wiql.json"
    path.write_text(json.dumps(wiql), encoding="utf-8")
    assert "references to 1 workItems" in _error(path)
    projects = tmp_path / "projects.xml"
    projects.write_text('<projects type="array"><project><id>1</id><name>Web</name></project>'
                        "<project><id>2</id><name>API</name></project></projects>", encoding="utf-8")  # fmt: skip
    assert "lists project records, not issues" in _error(projects)
    lists = [{"id": 9, "name": "Launch list", "url": "https://example.com/api/v1/projects/1/todolists/9-launch.json"}]
    path = tmp_path / "todolists.json"
    path.write_text(json.dumps(lists), encoding="utf-8")
    _error(path)
    issues = tmp_path / "issues.xml"  # project elements inside issues do not make it a project list
    xml = (
        "<issues><issue><id>4</id><subject>Crash on save</subject><project><name>Web</name></project></issue>"
        "<issue><id>5</id><subject>Slow list</subject></issue></issues>"
    )
    issues.write_text(xml, encoding="utf-8")
    assert [i.title for i in read_export(issues).issues] == ["Crash on save", "Slow list"]


def _cassette(body: str) -> str:
    """A VCR cassette (as JSON) of one answer with this body."""
    response = {"status": {"code": 200, "message": "OK"}, "body": {"encoding": "UTF-8", "string": body}}
    request = {"method": "GET", "uri": "https://x.example/api.asp?cmd=search"}
    return json.dumps({"http_interactions": [{"request": request, "response": response}]})


def test_a_recording_with_an_xml_body_reads_its_issues(tmp_path: Path) -> None:
    body = ('<?xml version="1.0"?><response><cases count="1"><case ixBug="12" operations="edit">'
            "<sTitle>Search ignores accents</sTitle><sStatus>Active</sStatus></case></cases></response>")  # fmt: skip
    path = tmp_path / "cassette.json"
    path.write_text(_cassette(body), encoding="utf-8")
    assert _pairs(read_export(path)) == [("12", "Search ignores accents")]
    evil = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><r><case ixBug="1"><sTitle>&a;</sTitle></case></r>'
    path.write_text(_cassette(evil), encoding="utf-8")
    assert _error(path).endswith("whose one response holds no issues")
