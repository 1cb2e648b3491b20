"""Shape inference under the tracker readers: records inside envelopes, fields by a multilingual synonym table and
the shape of their values, what each newer reader keeps, how a read explains itself, and files nothing fits."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from prp_agent.errors import InputError
from prp_agent.exports import read_export
from prp_agent.exports.jira import jira_date
from prp_agent.exports.shape import find_records, infer_mapping, normalize
from prp_agent.exports.source import JsonLines, Table, load

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "exports"


def _error(path: Path, fmt: str = "auto", mapping: dict[str, str] | None = None) -> str:
    with pytest.raises(InputError) as raised:
        read_export(path, fmt, mapping)
    assert "\n" not in raised.value.message
    return raised.value.message


def _write(tmp_path: Path, name: str, value: Any) -> Path:
    path = tmp_path / name
    path.write_text(value if isinstance(value, str) else json.dumps(value), encoding="utf-8")
    return path


# --- finding the records ------------------------------------------------------------------------------------------


def test_the_largest_titled_list_wins_over_other_lists(tmp_path: Path) -> None:
    value = {
        "meta": {"users": [{"login": "ana"}, {"login": "bo"}, {"login": "cy"}, {"login": "di"}]},
        "result": {"tickets": [{"subject": "One", "ref": 1}, {"subject": "Two", "ref": 2}]},
        "milestones": [{"title": "v1"}],
    }
    found = find_records(value)
    assert [c.path for c in found][:2] == ["result.tickets", "milestones"]
    result = read_export(_write(tmp_path, "dump.json", value))
    assert result.records == "result.tickets" and [i.title for i in result.issues] == ["One", "Two"]


def test_edges_and_per_record_envelopes_are_unwrapped() -> None:
    edges = {"data": {"search": {"edges": [{"cursor": "x", "node": {"title": "A", "number": 1}}]}}}
    assert find_records(edges)[0].path == "data.search.edges[].node"
    wrapped = [{"item": {"name": "Card", "id": 3}, "score": 1}, {"item": {"name": "Other", "id": 4}, "score": 2}]
    best = find_records(wrapped)[0]
    assert best.path == "[].item" and best.sample[0]["name"] == "Card"


def test_one_issue_on_its_own_and_one_line_files(tmp_path: Path) -> None:
    single = _write(tmp_path, "one.json", {"title": "Only issue", "body": "Text", "labels": ["x"]})
    assert [(i.key, i.title, i.labels) for i in read_export(single).issues] == [("1-only-issue", "Only issue", ("x",))]
    line = _write(tmp_path, "one.ndjson", '{"number": 5, "title": "From gh"}\n')
    assert [i.key for i in read_export(line).issues] == ["GH-5"]


def test_concatenated_pretty_printed_objects_are_a_stream(tmp_path: Path) -> None:
    text = json.dumps({"title": "First", "body": "a"}, indent=2) + "\n" + json.dumps({"title": "Second"}, indent=2)
    result = read_export(_write(tmp_path, "items.json", text))
    assert [i.title for i in result.issues] == ["First", "Second"]
    bad = _write(tmp_path, "bad.json", '{"title": "First"}\n{"title": ')
    assert "is not valid JSON" in _error(bad)


# --- fields by name and by value ----------------------------------------------------------------------------------


def test_synonyms_are_matched_across_languages_accents_and_case() -> None:
    names = ["Título", "DESCRIPCIÓN", "Etiquetas", "Estado", "Fecha de creación"]
    sample = [{"Título": "Uno", "DESCRIPCIÓN": "Texto", "Etiquetas": "a", "Estado": "abierto",
               "Fecha de creación": "2025-01-01"}]  # fmt: skip
    assert infer_mapping(names, sample).columns == {
        "title": "Título", "body": "DESCRIPCIÓN", "labels": "Etiquetas", "state": "Estado",
        "created": "Fecha de creación",
    }  # fmt: skip
    assert normalize("Created At (UTC)") == "created at" and normalize("fields.System.Title") == "fields.system.title"


def test_values_must_have_the_shape_of_the_field() -> None:
    sample = [
        {"Key": "ACME", "Number": "1", "Name": "Ana", "Subject": "Fix login", "Link": "not a url"},
        {"Key": "ACME", "Number": "2", "Name": "Bo", "Subject": "Ship export", "Link": "also not"},
        {"Key": "ACME", "Number": "3", "Name": "Cy", "Subject": "Add search", "Link": "nope"},
    ]
    columns = infer_mapping(list(sample[0]), sample).columns
    assert columns["title"] == "Subject"  # the more telling synonym, before "Name"
    assert columns["id"] == "Number"  # "Key" repeats one value: not an id
    assert "url" not in columns  # no value is a URL


def test_nested_keys_match_by_container_and_named_object() -> None:
    sample = [{"fields": {"summary": "S", "status": {"name": "Open"}}, "state": {"name": "x"}, "team": {"name": "T"}}]
    from prp_agent.exports.shape import flatten

    flat = [flatten(sample[0])]
    columns = infer_mapping(list(flat[0]), flat).columns
    assert columns["title"] == "fields.summary"  # not team.name nor state.name
    assert columns["state"] == "state.name"


def test_map_overrides_one_json_field_and_keeps_the_rest(tmp_path: Path) -> None:
    path = _write(tmp_path, "items.json", {"data": [{"title": "One", "body": "B", "summary": "Short one"}]})
    result = read_export(path, mapping={"title": "summary"})
    assert result.issues[0].title == "Short one" and result.mapping["body"] == "body"
    assert "title ← summary" in result.describe() and result.records == "data"


# --- what the newer readers keep ------------------------------------------------------------------------------------


def test_trello_cards_lists_checklists_and_comments() -> None:
    cards = {i.key: i for i in read_export(FIXTURES / "trello-board.json").issues}
    login = cards["T-1"]
    assert login.state == "doing" and login.labels == ("ios", "android")
    assert login.body.endswith("Acceptance:\n- [x] Falls back to password\n- [ ] Can be turned off in settings")
    assert login.comments == ("Design is in Figma.", "Android needs BiometricPrompt.")  # oldest first
    assert cards["T-2"].state == "archived" and cards["T-3"].state == "archived"  # kept, as closed issues are


def test_azure_html_descriptions_and_tree_titles() -> None:
    stories = {i.key: i for i in read_export(FIXTURES / "azure.csv").issues}
    assert stories["ADO-1402"].body == "Store a tokenised card for next time.\nPCI: never store the PAN"
    assert stories["ADO-1402"].labels == ("payments", "checkout")
    tree = [i.title for i in read_export(FIXTURES / "azure-tree.csv").issues]
    assert tree == ["Self-service returns", "Return label generation", "Print a label from the order page"]
    rest = read_export(FIXTURES / "azure-rest.json").issues[0]
    assert rest.body == "Refresh every 10 s. Cluster markers when zoomed out." and rest.labels == ("maps", "realtime")


def test_perceval_items_keep_comments_and_drop_system_notes() -> None:
    github = read_export(FIXTURES / "perceval-github.ndjson").issues[0]
    assert github.comments == ("Make it 30 minutes, single use.",) and github.labels == ("bug", "auth")
    gitlab = read_export(FIXTURES / "perceval-gitlab.json").issues[0]
    assert gitlab.comments == ("The footer template is shared with invoices.",)
    jira = read_export(FIXTURES / "perceval-jira.json").issues[0]
    assert (
        jira.comments == ("Only idempotent captures, please.",)
        and jira.url == "https://acme.atlassian.net/browse/PAY-77"
    )


def test_jira_without_summary_titles_from_the_description() -> None:
    issues = read_export(FIXTURES / "jira-no-summary.json").issues
    assert issues[0].title == "Session cookies lack the SameSite attribute"
    assert issues[0].body.startswith("Session cookies lack the SameSite attribute\n\nSet SameSite=Lax")


def test_graphql_connections_for_labels_and_comments() -> None:
    first = read_export(FIXTURES / "github-graphql.json").issues[0]
    assert first.labels == ("ui", "enhancement") and first.comments == ("Tokens are ready in the design system.",)
    assert first.state == "open" and first.url == "https://github.com/acme/admin/issues/310"
    linear = read_export(FIXTURES / "linear-graphql.json").issues[0]
    assert linear.labels == ("backend", "security") and linear.state == "in progress"


def test_profiles_split_lists_their_own_way() -> None:
    shortcut = read_export(FIXTURES / "shortcut.csv").issues[0]
    assert shortcut.labels == ("catalog", "search")
    plane = read_export(FIXTURES / "plane-json-cells.csv").issues[0]
    assert plane.labels == ("sharing", "orders")
    asana = {i.title: i for i in read_export(FIXTURES / "asana.csv").issues}
    assert asana["Translate the FAQ into Spanish"].state == "completed"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("02/jun/25 09:00", "2025-06-02T09:00:00"),
        ("2025/07/01 10:00", "2025-07-01T10:00:00"),
        ("12/ott/24", "2024-10-12"),
        ("04/mar/25 10:15 AM", "2025-03-04T10:15:00"),
        ("2025/07-01", None),
    ],
)
def test_localized_jira_dates(text: str, iso: str | None) -> None:
    assert jira_date(text) == iso


# --- files nothing fits ---------------------------------------------------------------------------------------------


def test_json_nothing_fits_lists_candidates_and_a_map_line(tmp_path: Path) -> None:
    value = {"rows": [{"when": "2025-01-01", "what": "fix the login page", "who": "ana"},
                      {"when": "2025-01-02", "what": "ship the export", "who": "bo"}],
             "people": [{"login": "ana"}]}  # fmt: skip
    message = _error(_write(tmp_path, "log.json", value))
    assert message.startswith(f"cannot tell which field of {tmp_path / 'log.json'} is an issue title; ")
    assert "record lists seen: rows (2 records: when, what, who); people (1 records: login)" in message
    assert message.endswith("for the first, try --map title=what,created=when")


def test_nothing_fits_exits_2_with_one_line(prp: Any, tmp_path: Path) -> None:
    path = _write(tmp_path, "odd.csv", "alpha,beta\n1,2\n")
    code, out, err = prp("batch", str(path), "--list")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"prp-agent: error: {path}: no column reads as an issue title (it has alpha, beta)")


# --- --list explains the read ---------------------------------------------------------------------------------------


def test_list_names_the_reader_records_and_mapping(prp: Any) -> None:
    code, out, _ = prp("batch", str(FIXTURES / "jira-es.csv"), "--list", "--json")
    data = json.loads(out)
    assert code == 0 and data["format"] == "jira" and data["records"] == "CSV rows"
    assert data["mapping"]["title"] == "Resumen" and data["mapping"]["id"] == "Clave de incidencia"
    assert data["reader"].startswith("Jira reader (the tracker's own fields); records ← CSV rows; id ← Clave")
    code, out, _ = prp("batch", str(FIXTURES / "linear-graphql.json"), "--list")
    assert code == 0 and "read as: Linear reader" in out and "records ← data.issues.nodes" in " ".join(out.split())


def test_list_keeps_only_body_lengths(prp: Any, tmp_path: Path) -> None:
    body = "x" * 5000
    path = _write(tmp_path, "big.ndjson", "\n".join(json.dumps({"title": f"T{n}", "body": body}) for n in range(3)))
    code, out, _ = prp("batch", str(path), "--list", "--json")
    assert code == 0 and [i["body_chars"] for i in json.loads(out)["issues"]] == [5000, 5000, 5000]


def test_large_exports_are_streamed(tmp_path: Path) -> None:
    lines, rows = tmp_path / "big.ndjson", tmp_path / "big.csv"
    body = "lorem ipsum " * 400  # ~4.8 KB per issue, ~20 MB per file
    with lines.open("w", encoding="utf-8") as handle:
        for n in range(4000):
            handle.write(json.dumps({"number": n + 1, "title": f"Issue {n}", "body": body}) + "\n")
    with rows.open("w", encoding="utf-8") as handle:
        handle.write("Issue key,Summary,Description\n")
        for n in range(4000):
            handle.write(f"P-{n},Issue {n},{body}\n")
    assert isinstance(load(lines, "big.ndjson")[0], JsonLines) and isinstance(load(rows, "big.csv")[0], Table)
    for path in (lines, rows):
        tracemalloc.start()
        result = read_export(path, keep_bodies=False)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert len(result.issues) == 4000 and result.issues[-1].size == len(body)
        assert peak < 8_000_000, f"{path.name}: {peak} bytes at peak for a {path.stat().st_size} byte file"


def test_a_sink_receives_issues_as_they_are_read() -> None:
    seen: list[str] = []
    result = read_export(FIXTURES / "jira-de.csv", keep_bodies=False, sink=lambda issue: seen.append(issue.key))
    assert seen == ["ABR-7", "ABR-8"] and result.issues == [] and result.count == 2
    assert result.mapping["title"] == "Zusammenfassung"


def test_streamed_names_match_the_names_a_batch_writes(tmp_path: Path) -> None:
    from prp_agent.batch import BatchRequest, scan_issues, select_issues

    lines = [{"id": "X/1", "title": "Same name"}, {"id": "X-1", "title": "Same name"}, {"title": "Same name"}]
    path = _write(tmp_path, "issues.jsonl", "\n".join(json.dumps(line) for line in lines))
    streamed: list[tuple[str, str]] = []
    scan_issues(BatchRequest(str(path)), lambda issue, stem: streamed.append((issue.key, f"{stem}.md")))
    selection = select_issues(BatchRequest(str(path)))
    assert streamed == [(issue.key, selection.output(".", issue).name) for issue in selection.issues]
    names = [name for _, name in streamed]
    assert names[0] == "X-1-same-name.md" and names[1].startswith("X-1-same-name-") and names[2] == "3-same-name.md"


# --- shapes found in real exports -----------------------------------------------------------------------------------


def test_an_export_spanning_repositories_keys_every_issue_by_its_repository(tmp_path: Path) -> None:
    result = read_export(FIXTURES / "github-multirepo.json")
    assert [i.key for i in result.issues] == ["acme/api#7", "acme/web#7", "acme/api#9"]
    assert result.skipped == [("acme/web#8", "pull request")] and result.duplicates == []
    # one repository's issues, and a later one's: the first stays GH-n, the other is named
    items = [{"number": n, "title": f"Issue {n}", "html_url": f"https://github.com/acme/api/issues/{n}"}
             for n in range(1, 61)]  # fmt: skip
    items.append({"number": 3, "title": "Other", "html_url": "https://github.com/acme/web/issues/3"})
    (tmp_path / "issues.json").write_text(json.dumps(items), "utf-8")
    keys = [i.key for i in read_export(tmp_path / "issues.json").issues]
    assert keys[:2] == ["GH-1", "GH-2"] and keys[-1] == "acme/web#3"
    # a dump that names the owner and the repository beside a link to where the repository moved
    moved = [{"owner": "yannickcr", "repo": "eslint-plugin-react", "number": 5, "title": "A",
              "html_url": "https://github.com/jsx-eslint/eslint-plugin-react/issues/5"},
             {"owner": "prettier", "repo": "prettier", "number": 5, "title": "B",
              "html_url": "https://github.com/prettier/prettier/issues/5"}]  # fmt: skip
    (tmp_path / "moved.json").write_text(json.dumps(moved), "utf-8")
    assert [i.key for i in read_export(tmp_path / "moved.json").issues] == ["yannickcr/eslint-plugin-react#5",
                                                                             "prettier/prettier#5"]  # fmt: skip


def test_a_repeating_key_with_a_unique_id_beside_it_is_several_issues() -> None:
    result = read_export(FIXTURES / "flat-api-dump.csv")
    assert [(i.key, i.id) for i in result.issues] == [("SD-40", "9001"), ("SD-40#2", "9002"), ("SD-40#3", "9003"),
                                                       ("SD-41", "9004")]  # fmt: skip
    assert result.mapping["id"] == "key (told apart by id)"
    assert result.warnings == ["SD-40 appears again as another issue: kept as SD-40#2",
                               "SD-40 appears again as another issue: kept as SD-40#3"]  # fmt: skip


def test_acceptance_criteria_join_the_body_and_list_cells_lose_their_quotes() -> None:
    invite = read_export(FIXTURES / "linear-import.csv").issues[0]
    assert invite.body == (
        "As an owner, I want to invite teammates by e-mail so we can work together.\n\nAcceptance Criteria:\n"
        "- Invite sent by e-mail\n- Link expires after 7 days\n- Owner sees pending invites"
    )
    labels = [i.labels for i in read_export(FIXTURES / "seed-labels.csv").issues]
    assert labels == [("bug", "ops"), ("docs", "good first issue"), ("security", "auth")]


def test_perceval_backends_without_a_reader_are_read_from_their_data() -> None:
    result = read_export(FIXTURES / "perceval-redmine.json")
    assert result.records == "[].data" and result.mapping["state"] == "status.name"
    assert [(i.key, i.state) for i in result.issues] == [("301", "new"), ("302", "closed")]
    assert all(not i.labels and i.url is None for i in result.issues)  # the envelope's tag and origin stay out


def test_one_page_of_an_api_result_is_said() -> None:
    result = read_export(FIXTURES / "redmine-api-page.json")
    assert result.warnings == [f"{FIXTURES / 'redmine-api-page.json'} holds 2 of 57 issues: it is one page of a "
                               "paginated result"]  # fmt: skip


def test_double_encoded_text_is_carried_and_said_once() -> None:
    result = read_export(FIXTURES / "tickets-db-dump.csv")
    assert result.issues[0].title == "Impossible d'accÃ©der au tableau de bord" and result.issues[0].key == "HD-501"
    assert len(result.warnings) == 1 and "looks double-encoded" in result.warnings[0]


def test_jira_headers_without_spaces_and_in_polish() -> None:
    keyed = read_export(FIXTURES / "jira-issuekey.csv")
    assert keyed.format == "jira" and [i.key for i in keyed.issues] == ["SEC-4", "SEC-5"]
    assert keyed.issues[0].state == "in progress"
    polish = read_export(FIXTURES / "jira-pl.csv")
    assert [i.created for i in polish.issues] == ["2025-02-12T22:19:00", "2025-10-03T09:05:00"]


def test_a_batch_with_nothing_to_draft_exits_2_saying_why(prp: Any, tmp_path: Path) -> None:
    path = _write(tmp_path, "prs.json", [{"number": 1, "title": "A", "pull_request": {}},
                                         {"number": 2, "title": "B", "pull_request": {}}])  # fmt: skip
    code, out, err = prp("batch", str(path), "--offline", "--out-dir", str(tmp_path / "out"))
    assert code == 2 and out == "" and not (tmp_path / "out").exists()
    assert err == f"prp-agent: error: {path} holds no issues to draft (skipped: pull request × 2)\n"
    code, out, _ = prp("batch", str(FIXTURES / "jira-de.csv"), "--ids", "NOPE-1", "--offline")
    assert code == 2


@pytest.mark.parametrize(
    ("content", "said"),
    [('{"issues": [{"id": "10001", "fields": {"status": {"name": "Open"}}}], "total": 1}',
      "cannot tell which field"),
     ('{"name": "Board", "cards": [], "lists": [{"id": "l1", "name": "To do"}]}', "no issue was read")],
)  # fmt: skip
def test_a_read_that_finds_no_issue_fails_and_says_what_it_saw(
    prp: Any, tmp_path: Path, content: str, said: str
) -> None:
    export = tmp_path / "export.json"
    export.write_text(content)
    code, _, err = prp("batch", "run", str(export), "--list")
    assert code == 2 and said in err and "Traceback" not in err


def test_a_legacy_code_page_is_told_by_its_words_and_said() -> None:
    cyrillic = read_export(FIXTURES / "redmine-ru.csv")
    assert cyrillic.issues[0].title == "Не сохраняется адрес доставки в профиле"
    assert cyrillic.warnings == [f"{FIXTURES / 'redmine-ru.csv'} is not UTF-8 (byte 2); read it as Windows-1251 "
                                 "(cp1251, Cyrillic)"]  # fmt: skip
    western = read_export(FIXTURES / "mantis-dump-noheader.csv")  # accented letters alone between ASCII ones
    assert western.issues[1].title == "Export comptable - échéancier incomplet"
    assert "read it as Windows-1252 (cp1252)" in western.warnings[0]


def test_a_csv_without_a_header_line_is_read_from_its_first_line_and_said(tmp_path: Path) -> None:
    result = read_export(FIXTURES / "mantis-dump-noheader.csv")
    assert [i.key for i in result.issues] == ["1201", "1202", "1199", "1205", "1203"]  # the first line is a row
    assert result.issues[3].title == "Paramétrage des grades sur deux lignes"
    assert result.warnings[1].endswith("has no header line (its first line is a row): columns guessed id=column 1, "
                                       "title=column 2")  # fmt: skip
    named = _write(tmp_path, "named.csv", "Summary,Owner\nlogin fails on Safari,kim\nexport drops a row,lee\n")
    assert [i.title for i in read_export(named).issues] == ["login fails on Safari", "export drops a row"]
    assert read_export(named).warnings == []  # a first line of names stays the header


def test_a_jira_issue_fetched_without_its_summary_is_kept_by_key_and_said() -> None:
    result = read_export(FIXTURES / "jira-issue-comment-only.json")
    assert [(i.key, i.title) for i in result.issues] == [("OPS-12", "")]
    assert result.issues[0].comments == ("The nightly backup job should page on-call when it runs over two hours.",)
    assert len(result.warnings) == 1 and "kept, each named by its key" in result.warnings[0]
    from prp_agent.batch.select import issue_description

    assert issue_description(result.issues[0]).startswith("Issue OPS-12 (the export gives it no title)")


@pytest.mark.parametrize(
    ("name", "said"),
    [("testrail-cases.csv", "lists test cases (TestRail: Suite, Section, Title), not issues"),
     ("azure-witd.xml", "is an Azure DevOps / TFS work item type definition"),
     ("github-migration-issue-comments.json", "lists issue_comment records, not issues")],
)  # fmt: skip
def test_records_that_only_look_like_issues_are_refused_by_name(name: str, said: str) -> None:
    assert said in _error(FIXTURES / name)


def test_xml_records_saved_one_after_another_keep_their_declared_encoding(tmp_path: Path) -> None:
    latin = tmp_path / "entities.xml"
    body = "".join(f"<issue><key>OPS-{n}</key><summary>Caf\u00e9 {n} fermé</summary></issue>\n" for n in range(3))
    latin.write_bytes(('<?xml version="1.0" encoding="ISO-8859-1"?>\n' + body).encode("latin-1"))
    issues = read_export(latin).issues
    assert [(i.key, i.title) for i in issues] == [(f"OPS-{n}", f"Café {n} fermé") for n in range(3)]
    big = tmp_path / "big.xml"  # the second root comes after the probe stopped looking: one line, no traceback
    rows = "".join(f"<issue><key>A-{n}</key><summary>Row {n}</summary></issue>" for n in range(12_000))
    big.write_text(f"<issues>{rows}</issues><issues><issue><key>B-1</key></issue></issues>", "utf-8")
    assert "junk after document element" in _error(big)


def test_an_html_table_export_is_read_from_its_issue_table(tmp_path: Path) -> None:
    result = read_export(FIXTURES / "jira-excel.html")  # Jira's "Excel" export: a banner table, then `issuetable`
    assert result.format == "jira" and result.records == "HTML table rows (issuetable)"
    assert result.issues[0].body == "Steps:\n1. Add a voucher\n2. Open checkout & compare"  # `<br>` kept as lines
    assert [i.state for i in result.issues] == ["in progress", "to do", "done"]
    page = _write(
        tmp_path,
        "report.html",
        "<!DOCTYPE html><html><body><table><tr><th>Ticket</th><th>Title</th>"
        "<tr><td>7<td>Search ignores accents<tr><td>8<td>Export drops the header</table></body></html>",
    )
    assert [(i.key, i.title) for i in read_export(page).issues] == [("7", "Search ignores accents"),
                                                                    ("8", "Export drops the header")]  # fmt: skip
    empty = _write(tmp_path, "empty.html", "<html><body><p>Nothing exported.</p><script>var t='<table>'</script>")
    assert _error(empty).endswith("is an HTML page with no table of issues (no table with a header row and rows)")


def test_a_display_number_is_the_key_over_a_database_id() -> None:
    result = read_export(FIXTURES / "freshdesk-v1-tickets.json")
    assert [i.key for i in result.issues] == ["41", "42"] and result.mapping["id"] == "display_id"


def test_an_html_cell_of_many_small_elements_is_read_in_linear_time(tmp_path: Path) -> None:
    import time

    cell = "<b>x</b>" * 100_000  # each element a separate piece of text to the parser
    page = _write(tmp_path, "cells.html", f"<table><tr><th>Key</th><th>Title</th><tr><td>1<td>{cell}"
                  "<tr><td>2<td>second</table>")  # fmt: skip
    start = time.process_time()
    issues = read_export(page).issues
    assert [i.key for i in issues] == ["1", "2"] and issues[0].title == "x" * 100_000
    assert time.process_time() - start < 5.0


# --- relaxed JSON, Trello beyond a board, recordings of other records ---------------------------------------------


def test_json_with_unquoted_keys_and_trailing_commas_is_read_and_said(tmp_path: Path) -> None:
    text = (
        '{"total_count": 2, "offset": 0, issues: [\n  {"id": 48, "subject": "Export fails",\n'
        '   "description": "a, b: {c}", "tracker": {"name": "Bug", id: 1},},\n'
        '  {"id": 49, "subject": "Keys: not quoted", "description": ""},\n]}\n'
    )
    result = read_export(_write(tmp_path, "issues.json", text))
    assert [(i.key, i.title) for i in result.issues] == [("48", "Export fails"), ("49", "Keys: not quoted")]
    assert result.issues[0].body == "a, b: {c}"  # a string's own commas, colons and braces are left alone
    assert any("not strict JSON" in w for w in result.warnings), result.warnings
    assert "not valid JSON" in _error(_write(tmp_path, "broken.json", '{"issues": [{"id": 1, "title": "x"'))


def test_trello_cards_of_several_boards_are_known_by_id_and_a_search_by_its_cards(tmp_path: Path) -> None:
    def card(ident: str, short: int, board: str, name: str) -> dict[str, Any]:
        return {"id": ident, "idShort": short, "idBoard": board, "idList": "l" + board, "name": name, "desc": ""}

    ids = ["5e679be5d53dfa748f41d775", "5e93c827fb102a6f40c5fa2b", "5e94fd9443f25a7263b165d0"]
    member = [card(ids[0], 1, "b1", "Plan"), card(ids[1], 1, "b2", "Ship"), card(ids[2], 2, "b2", "Fix")]
    assert [i.key for i in read_export(_write(tmp_path, "cards.json", member)).issues] == ids
    one_board = [card(ids[0], 1, "b1", "Plan"), card(ids[1], 2, "b1", "Ship")]
    assert [i.key for i in read_export(_write(tmp_path, "board.json", one_board)).issues] == ["T-1", "T-2"]
    search = {"options": {"terms": [{"text": "fix"}]}, "cards": [card(ids[2], 130, "b2", "Fix")]}
    result = read_export(_write(tmp_path, "search.json", search))
    assert [(i.key, i.title) for i in result.issues] == [("T-130", "Fix")] and result.records == "cards"


def _cassette(interactions: list[tuple[str, str, int, object]]) -> str:
    lines = ["interactions:"]
    for method, uri, status, body in interactions:
        lines += [f"- request:\n    method: {method}\n    uri: {uri}\n  response:\n    status:\n      code: {status}"]
        lines += [f"    body:\n      string: '{json.dumps(body)}'"]
    return "\n".join(lines) + "\n"


def test_a_recording_of_projects_teams_and_areas_holds_no_issues(tmp_path: Path) -> None:
    base = "https://dev.azure.com/org"
    text = _cassette([
        ("GET", f"{base}/_apis/projects", 200, {"value": [{"id": "p1", "name": "Web", "url": f"{base}/p1"}]}),
        ("GET", f"{base}/Web/_apis/wit/classificationNodes/areas", 200,
         {"value": [{"id": 7, "name": "Area1", "url": f"{base}/a/7", "path": "\\Web\\Area1"}]}),
        ("GET", f"{base}/_apis/projects/Web/teams", 200, {"value": [{"id": "t1", "name": "Team", "url": "u"}]}),
    ])  # fmt: skip
    assert "none of which holds issues" in _error(_write(tmp_path, "areas.yaml", text))


def test_a_recording_leaves_out_what_its_session_deleted_and_reads_compressed_bodies(tmp_path: Path) -> None:
    import base64
    import gzip

    tickets = [{"id": 1, "number": "77001", "title": "Welcome", "state": "open"}]
    packed = base64.encodebytes(gzip.compress(json.dumps(tickets).encode())).decode()
    binary = "\n".join("        " + line for line in packed.splitlines())
    text = (
        "interactions:\n- request:\n    method: GET\n    uri: http://localhost/api/v1/tickets\n  response:\n"
        f"    body:\n      string: !!binary |\n{binary}\n    status:\n      code: 200\n"
    ) + _cassette([
        ("POST", "http://localhost/api/v1/tickets", 201, {"id": 5, "number": "77005", "title": "Temp", "state": "new"}),
        ("DELETE", "http://localhost/api/v1/tickets/5", 200, {}),
    ]).removeprefix("interactions:\n")  # fmt: skip
    result = read_export(_write(tmp_path, "tickets.yaml", text))
    assert [i.title for i in result.issues] == ["Welcome"], [(i.key, i.title) for i in result.issues]


def test_a_ticket_number_column_is_the_key_before_an_internal_id(tmp_path: Path) -> None:
    text = "id,ticketNumber,title,status\n29683,T20250512.0083,Printer offline,New\n29684,T20250512.0084,VPN,Done\n"
    result = read_export(_write(tmp_path, "tickets.csv", text))
    assert [(i.key, i.title) for i in result.issues] == [
        ("T20250512.0083", "Printer offline"),
        ("T20250512.0084", "VPN"),
    ]


def test_a_projects_file_whose_records_name_no_project_and_a_hal_resource_are_refused(tmp_path: Path) -> None:
    projects = [
        {"id": 1, "token": "a1", "name": "Website", "notes": "Relaunch", "status": 1, "created_at": "2021-01-02"},
        {"id": 2, "token": "b2", "name": "Mobile", "notes": "", "status": 1, "created_at": "2021-02-03"},
    ]
    assert "project records" in _error(_write(tmp_path, "meistertask-projects.json", projects))
    tasks = [{**p, "project_id": 7} for p in projects]  # tasks name the project they are in: read
    assert len(read_export(_write(tmp_path, "exports-projects.json", tasks)).issues) == 2
    membership = {
        "_type": "Membership",
        "id": 4,
        "_embedded": {"roles": [{"_type": "Role", "id": 3, "name": "Member"}]},
    }
    assert "one Membership resource" in _error(_write(tmp_path, "membership.json", membership))


def test_a_launchpad_object_is_told_by_its_resource_type(tmp_path: Path) -> None:
    base = "https://api.launchpad.net/1.0/"
    person = {
        "resource_type_link": base + "#person",
        "self_link": base + "~kim",
        "name": "kim",
        "display_name": "Kim Lee",
        "description": "I triage bugs for the desktop team in my free time.",
        "date_created": "2009-03-01T10:00:00+00:00",
        "karma": 120,
        "time_zone": "Europe/Oslo",
    }
    assert "person object" in _error(_write(tmp_path, "user", person))
    bug = {**person, "resource_type_link": base + "#bug", "self_link": base + "bugs/77", "id": 77,
           "title": "Panel freezes after resume"}  # fmt: skip
    assert [(i.key, i.title) for i in read_export(_write(tmp_path, "bug.json", bug)).issues] == [
        ("77", "Panel freezes after resume")
    ]


def test_an_issue_link_gives_both_issues_and_linear_keeps_trashed_issues_out(tmp_path: Path) -> None:
    def issue(iid: int, title: str) -> dict[str, Any]:
        url = f"https://gitlab.example/g/p/-/issues/{iid}"
        return {"id": 900 + iid, "iid": iid, "project_id": 4, "title": title, "state": "opened",
                "created_at": "2024-02-01T10:00:00Z", "web_url": url}  # fmt: skip

    link = {"source_issue": issue(11, "Issues with auth"), "target_issue": issue(14, "Issues with auth"),
            "link_type": "relates_to"}  # fmt: skip
    result = read_export(_write(tmp_path, "link.json", link))
    assert [(i.key, i.title) for i in result.issues] == [("GL-11", "Issues with auth"), ("GL-14", "Issues with auth")]
    linear = [
        {"identifier": f"RB-{n}", "title": f"Task {n}", "url": f"https://linear.app/x/issue/RB-{n}", "trashed": n == 2,
         "createdAt": "2024-01-0{n}T00:00:00Z", "state": {"name": "Todo"}}
        for n in (1, 2, 3)
    ]  # fmt: skip
    read = read_export(_write(tmp_path, "linear.json", linear))
    assert [i.key for i in read.issues] == ["RB-1", "RB-3"]
    assert ("RB-2", "deleted") in read.skipped


def test_a_csv_preamble_a_fieldless_jira_search_and_backlog_activities(tmp_path: Path) -> None:
    preamble = (
        '\ufeff"Date: 2025-11-25+0000"\n"Version: 7.1"\n"Status: \n0 Normal\n1 Completed"\n'
        '"Folder Name","List Name","Title","Status","taskId"\n'
        '"Work","Alpha","Renew the TLS certificate","0","1"\n"Work","Alpha","Rotate backups","1","2"\n'
    )
    table = read_export(_write(tmp_path, "ticktick.csv", preamble))
    assert [i.title for i in table.issues] == ["Renew the TLS certificate", "Rotate backups"]
    assert table.records == "CSV rows (after 5 preamble lines)"
    stubs = {"expand": "schema,names", "startAt": 0, "total": 2, "issues": [
        {"expand": "operations", "id": str(10546 + n), "key": f"SBT-{n}",
         "self": f"https://jira.example/rest/agile/1.0/issue/{10546 + n}"} for n in (1, 2)]}  # fmt: skip
    search = read_export(_write(tmp_path, "board.json", stubs))
    assert [(i.key, i.title) for i in search.issues] == [("SBT-1", ""), ("SBT-2", "")]
    assert "kept, each named by its key" in search.warnings[0]
    activities = [{"id": 39293172 + n, "type": 2, "project": {"id": 7, "projectKey": "SHOP"},
                   "content": {"id": 90 + n, "key_id": n, "summary": f"Checkout fails {n}", "description": ""},
                   "createdUser": {"id": 3, "name": "kim"}, "created": "2024-07-22T10:46:09Z"}
                  for n in (1, 2, 3)]  # fmt: skip
    assert "activity" in _error(_write(tmp_path, "activities.json", activities))


def test_perceval_xml_fields_a_javascript_module_and_a_sqlite_data_dump(tmp_path: Path) -> None:
    items = [{"backend_name": "Bugzilla", "backend_version": "0.11", "category": "bug", "origin": "https://bz.example",
              "uuid": f"u{n}", "updated_on": 1.5e9, "timestamp": 1.5e9, "perceval_version": "0.12",
              "data": {"bug_id": [{"__text__": str(n)}], "short_desc": [{"__text__": f"Crash on save {n}"}],
                       "bug_status": [{"__text__": "NEW"}], "__text__": "\n  "}} for n in (15, 16)]  # fmt: skip
    read = read_export(_write(tmp_path, "items.json", items))
    assert [(i.key, i.title) for i in read.issues] == [("15", "Crash on save 15"), ("16", "Crash on save 16")]
    module = (
        'export const workItem = {\n  count: 1,\n  value: [{id: 39608, fields: {"System.Title": "Fix login"}}],\n};\n'
    )
    assert [i.title for i in read_export(_write(tmp_path, "revisions.js", module)).issues] == ["Fix login"]
    dump = (
        "DELETE FROM bz_schema;\n"
        "CREATE TABLE cf_flags ( id\tinteger PRIMARY KEY NOT NULL, value\tvarchar(64) NOT NULL, isactive\tinteger );\n"
        "INSERT INTO bugs VALUES(1,1,'','enhancement','CONFIRMED','2020-04-03 13:16:53','2020-04-03 13:22:41',"
        "'Regular bug','Linux','---',1,'PC',1,'unspecified',1,'','---',NULL,'');\n"
        "INSERT INTO bugs VALUES(2,1,'','enhancement','CONFIRMED','2020-04-03 13:18:10','2020-04-03 13:34:59',"
        "'mixins keywordreq','Linux','---',1,'PC',1,'unspecified',2,'','---',NULL,"
        "replace(replace('a\\r\\nb','\\r',char(13)),'\\n',char(10)));\n"
    )
    rows = read_export(_write(tmp_path, "bugzilla.sql", dump))
    assert [(i.key, i.title, i.state) for i in rows.issues] == [("1", "Regular bug", "confirmed"),
                                                                 ("2", "mixins keywordreq", "confirmed")]  # fmt: skip


def test_azure_devops_revisions_give_each_work_items_latest(tmp_path: Path) -> None:
    revisions = {"count": 4, "value": [
        {"id": 39608, "rev": n, "fields": {"System.Title": title, "System.State": "Active"}}
        for n, title in ((1, "An example title"), (2, "An example title"), (3, "A different title"))
    ] + [{"id": 39609, "rev": 1, "fields": {"System.Title": "Another item", "System.State": "New"}}]}  # fmt: skip
    read = read_export(_write(tmp_path, "revisions.json", revisions))
    assert [(i.key, i.title) for i in read.issues] == [
        ("ADO-39608", "A different title"),
        ("ADO-39609", "Another item"),
    ]
