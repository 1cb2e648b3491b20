"""The description grammar (prp_agent/drafting/description.lark): one test per production, what people really
write, generated endpoint lists and figure phrasings, and the offline drafter deriving nothing from a non-resource."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prp_agent.config import Settings
from prp_agent.drafting import DraftRequest, draft_prp
from prp_agent.drafting.intent import read_intent
from prp_agent.drafting.stated import read_stated


def facts(text: str, kind: str) -> list[dict[str, Any]]:
    return [f.value for f in read_stated(text).of(kind)]  # type: ignore[arg-type]


# --- one test per production ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "percent"),
    [("99.95% availability", 99.95), ("availability target of 99.9 %", 99.9), ("uptime: 99.99%", 99.99),
     ("SLA 99.5%", 99.5), ("disponibilidad del 99,9 %", 99.9), ("disponibilité de 99,95 %", 99.95),
     ("可用性 99.9%", 99.9), ("99,95 % de disponibilidade", 99.95)],
)  # fmt: skip
def test_availability(text: str, percent: float) -> None:
    assert facts(text, "availability") == [{"percent": percent}]


@pytest.mark.parametrize(
    ("text", "value", "unit", "percentile"),
    [("p95 latency under 150 ms", 150, "ms", "p95"), ("150 ms at p95", 150, "ms", "p95"),
     ("300 ms at p95", 300, "ms", "p95"), ("latency of 200ms (p99)", 200, "ms", "p99"),
     ("p99 < 200ms", 200, "ms", "p99"), ("response times below 200 ms for 95% of requests", 200, "ms", "p95"),
     ("median response time 80 ms", 80, "ms", "p50"), ("95th percentile latency 1.5 s", 1.5, "s", "p95"),
     ("latencia p95 menor a 200 ms", 200, "ms", "p95"), ("tempo de resposta p99 de 300 ms", 300, "ms", "p99"),
     ("latence p95 de 150 ms", 150, "ms", "p95"), ("延迟 p99 小于 200毫秒", 200, "ms", "p99"),
     ("latency under 250 ms", 250, "ms", "max"), ("p99.9 latency 400 ms", 400, "ms", "p99.9")],
)  # fmt: skip
def test_latency(text: str, value: float, unit: str, percentile: str) -> None:
    assert facts(text, "latency") == [{"value": value, "unit": unit, "percentile": percentile}]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("500 req/s", 500, "req/s"), ("2k rps", 2000, "req/s"), ("1,000 requests per second", 1000, "req/s"),
     ("10k requests per minute", 10000, "req/min"), ("300 rpm", 300, "req/min"),
     ("500 solicitudes por segundo", 500, "req/s"), ("每秒1000个请求", 1000, "req/s"),
     ("200 orders per minute", 200, "order/min"), ("1.5M events per day", 1_500_000, "event/day")],
)  # fmt: skip
def test_throughput(text: str, value: float, unit: str) -> None:
    assert facts(text, "throughput") == [{"value": value, "unit": unit}]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("uploads up to 10 MB", 10, "MB"), ("5MiB per file", 5, "MiB"), ("1,5 Go", 1.5, "GB"), ("512 KB", 512, "KB")],
)
def test_size(text: str, value: float, unit: str) -> None:
    assert facts(text, "size") == [{"value": value, "unit": unit}]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("tokens live 30 minutes", 30, "minutes"), ("a 30-minute token lifetime", 30, "minutes"),
     ("tokens expire after one hour", 1, "hours"), ("expire in an hour", 1, "hours"),
     ("retain logs for 30days", 30, "days"), ("keep logs 90 days", 90, "days"), ("timeouts of 5 s", 5, "seconds"),
     ("expira em 1 hora", 1, "hours"), ("conservar 30 jours", 30, "days"), ("令牌有效期30分钟", 30, "minutes"),
     ("la sesión dura treinta minutos", 30, "minutes"), ("~30s when loading", 30, "seconds")],
)  # fmt: skip
def test_duration(text: str, value: float, unit: str) -> None:
    (found,) = facts(text, "duration")
    assert (found["value"], found["unit"]) == (value, unit)


def test_a_duration_range_keeps_both_ends_and_a_subject() -> None:
    (found,) = facts("retries back off 2–5 s", "duration")
    assert found == {"value": 2, "unit": "seconds", "to": 5, "subject": "retries back off"}
    (lifetime,) = facts("a 30-minute token lifetime", "duration")
    assert lifetime["subject"] == "token lifetime"


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit"),
    [("up to 100 items per page", "limit", 100, "items"), ("at most 5 attempts", "limit", 5, "attempts"),
     ("no more than 3 retries", "limit", 3, "retries"), ("10,000 users", "count", 10000, "users"),
     ("50k tenants", "count", 50000, "tenants"), ("1 000 usuarios", "count", 1000, "usuarios")],
)  # fmt: skip
def test_limits_and_counts(text: str, kind: str, value: float, unit: str) -> None:
    assert facts(text, kind) == [{"value": value, "unit": unit}]


def test_other_percentages_are_percent_facts_with_their_subject() -> None:
    assert facts("keep the error rate below 0.1%", "percent") == [{"value": 0.1, "subject": "error rate"}]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Orders API with POST /orders and GET /orders/{id}", [("POST", "/orders"), ("GET", "/orders/{id}")]),
     ("POST /orders, GET /orders/{id}", [("POST", "/orders"), ("GET", "/orders/{id}")]),
     ("POST /orders or DELETE /orders/:id", [("POST", "/orders"), ("DELETE", "/orders/:id")]),
     ("GET/POST /items", [("GET", "/items"), ("POST", "/items")]),
     ("GET and PATCH /items/<id>", [("GET", "/items/<id>"), ("PATCH", "/items/<id>")]),
     ("- `GET /users` lists users\n- `DELETE /users/{id}` removes one", [("GET", "/users"), ("DELETE", "/users/{id}")]),
     ("| GET | /orders | List orders |\n| POST | /orders | Create |", [("GET", "/orders"), ("POST", "/orders")]),
     ("call GET http://localhost:8080/api/v1/orders", [("GET", "/api/v1/orders")]),
     ("POST /a; GET /b / PUT /c", [("POST", "/a"), ("GET", "/b"), ("PUT", "/c")])],
)  # fmt: skip
def test_endpoint_lists(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(e["method"], e["path"]) for e in facts(text, "endpoint")] == expected


def test_an_endpoint_summary_is_its_own_words_never_a_joining_word() -> None:
    found = facts("POST /orders - create an order, GET /orders/{id}: fetch one and POST /x", "endpoint")
    assert [e["summary"] for e in found] == ["create an order", "fetch one", ""]


@pytest.mark.parametrize(
    "text",
    ["Python 3.11 on port 8080", "HTTP 500 at 12:30 in #1234", "see /api/v1/orders", "v2 is 3x faster", "1080p video",
     "open 24/7", "bump lodash from 4.17.20 to 4.17.21", "padding: 16px; color: #fff", "127.0.0.1:8000"],
)  # fmt: skip
def test_what_is_not_a_fact(text: str) -> None:
    kinds = {f.kind for f in read_stated(text).facts} - {"technology", "role", "rule"}
    assert kinds == set()


def test_each_fact_keeps_its_span() -> None:
    text = "Sessions API: tokens live 30 minutes, p95 latency under 150 ms; POST /sessions"
    for fact in read_stated(text).facts:
        assert text[fact.start : fact.end] == fact.text


def test_reading_a_100_kb_body_of_numbers_and_methods_is_bounded() -> None:
    body = ("GET /a, POST /b and 99.9% 150 ms p95 10k req/s 1,000 users up to 5 MB " * 1400)[:100_000]
    started = time.perf_counter()
    found = read_stated(body)
    assert time.perf_counter() - started < 10 and len(found.of("endpoint")) > 100  # about 1.4 s here


# --- generated: what people write, kept exactly ----------------------------------------------------------------------

_SEGMENT = st.sampled_from(["orders", "users", "invoices", "line-items", "v1", "api", "blog_posts", "refunds"])
_PARAM = st.sampled_from(["{id}", ":id", "<id>", "{order_id}", ":userId", "<int:pk>"])
_PATH = st.builds(
    lambda segs, param: "/" + "/".join(segs) + (f"/{param}" if param else ""),
    st.lists(_SEGMENT, min_size=1, max_size=3),
    st.one_of(st.none(), _PARAM),
)
_METHOD = st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE"])
_SEPARATOR = st.sampled_from([", ", " and ", " or ", "; ", "\n", "\n- ", " / ", ", and "])
_SUMMARY = st.sampled_from(["", " - list them", ": create one", " (admin only)", " returns the item"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_METHOD, _PATH, _SUMMARY), min_size=1, max_size=6), _SEPARATOR)
def test_every_generated_endpoint_is_kept_exactly(items: list[tuple[str, str, str]], separator: str) -> None:
    text = "Endpoints: " + separator.join(f"{m} {p}{s}" for m, p, s in items)
    assert [(e["method"], e["path"]) for e in facts(text, "endpoint")] == [(m, p) for m, p, _ in items]


_NUMBER = st.one_of(st.integers(1, 9999), st.sampled_from([1.5, 2.25, 0.5, 12.75]))
_LATENCY_FORMS = st.sampled_from([
    "p95 latency under {n} ms", "{n} ms at p95", "p95 < {n}ms", "latency p95 of {n} ms", "{n}ms p95 latency",
    "the p95 response time must stay below {n} ms", "p95: {n} ms",
])  # fmt: skip
_DURATION_FORMS = st.sampled_from([
    "tokens live {n} minutes", "a {n}-minute token lifetime", "expire after {n} minutes", "keep them {n} minutes",
    "sessions last {n} min", "{n} minutes of inactivity", "{n}minutes",
])  # fmt: skip


def _written(number: float) -> str:
    return f"{number:g}"


@settings(max_examples=120, deadline=None)
@given(_NUMBER, _LATENCY_FORMS)
def test_every_generated_latency_phrasing_is_kept(number: float, form: str) -> None:
    found = facts(form.format(n=_written(number)), "latency")
    assert found == [{"value": number, "unit": "ms", "percentile": "p95"}]


@settings(max_examples=120, deadline=None)
@given(st.integers(1, 999), _DURATION_FORMS)
def test_every_generated_duration_phrasing_is_kept(number: int, form: str) -> None:
    (found,) = facts(form.format(n=number), "duration")
    assert (found["value"], found["unit"]) == (number, "minutes")


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(["99.9", "99.95", "99.99", "99,9", "99,95", "98.5"]),
    st.sampled_from(["{n}% availability", "availability of {n} %", "uptime {n}%", "SLA: {n}%", "{n} % uptime"]),
)
def test_every_generated_availability_phrasing_is_kept(number: str, form: str) -> None:
    assert facts(form.format(n=number), "availability") == [{"percent": float(number.replace(",", "."))}]


# --- a resource, or nothing to derive ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "resource"),
    [("user management API", ["user"]), ("Orders API", ["order"]),
     ("Build a REST API for blog posts", ["blog", "post"]), ("Let admins manage coupons", ["coupon"]),
     ("CSV export of orders", ["order"]), ("invoice CSV export", ["invoice"]),
     ("Add password reset via email", ["password"]), ("Track shipments for customers", ["shipment"])],
)  # fmt: skip
def test_a_resource_is_the_object_of_an_api_intent(text: str, resource: list[str]) -> None:
    assert read_intent(text).resource == resource


@pytest.mark.parametrize(
    "text",
    ["Dark mode for the admin dashboard", "Fix typo in footer", "Bump lodash from 4.17.20 to 4.17.21",
     "Refactor the billing module", "Add rate limiting to the login endpoint",
     "Page is slow\n\nIt takes ~30s when loading 10,000 rows\n  at Object.render (app.js:10:5)\n  at run (x.js:1:1)"],
)  # fmt: skip
def test_no_resource_no_reason_to_derive(text: str) -> None:
    intent = read_intent(text)
    assert intent.resource == [] and intent.reason


@pytest.mark.parametrize(
    "text",
    ["Dark mode for the admin dashboard", "Fix typo in footer",
     "Loading spinner never stops\n\n```\nGET localhost:3000 took ~30s when the list is empty\n```"],
)  # fmt: skip
def test_an_offline_draft_of_a_non_api_issue_invents_no_endpoint_or_entity(text: str) -> None:
    result = draft_prp(DraftRequest(description=text, settings=Settings()))
    endpoints = next(s for s in result.sections if s.id == "api-endpoints-specification")
    assert endpoints.values["api_endpoints"] is None and endpoints.status == "flagged"
    messages = " ".join(f.message for f in endpoints.flags)
    assert "not an API over a resource" in messages or "names no resource" in messages
    for section in result.sections:
        for value in section.values.values():
            assert not (isinstance(value, list) and value and isinstance(value[0], dict) and "method" in value[0])


def test_the_orders_example_keeps_both_endpoints_and_writes_no_joining_word() -> None:
    result = draft_prp(DraftRequest(description="Orders API with POST /orders and GET /orders/{id}",
                                settings=Settings()))  # fmt: skip
    endpoints = next(s for s in result.sections if s.id == "api-endpoints-specification").values["api_endpoints"]
    assert [(e["method"], e["path"]) for e in endpoints] == [("POST", "/orders"), ("GET", "/orders/{id}")]
    assert "- and" not in result.markdown


@pytest.mark.parametrize("text", ["Session API; tokens live 30 minutes", "Session API with a 30-minute token lifetime"])
def test_token_lifetimes_survive_an_offline_draft(text: str) -> None:
    result = draft_prp(DraftRequest(description=text, settings=Settings()))
    assert any(f.kind == "duration" and f.value["value"] == 30 for f in result.stated.facts)
    assert "30" in result.markdown.split("## ", 2)[-1]


# --- the corpus: precision, recall, and nothing derived from a non-resource ----------------------------------------


def test_the_corpus_is_read_with_high_precision_and_recall() -> None:
    from bench.bench_stated import CORPUS, load, measure

    result = measure(load(CORPUS))
    print(f"corpus: {result['cases']} texts, {result['facts']} facts, precision {result['precision']:.1%}, "
          f"recall {result['recall']:.1%}")  # fmt: skip
    assert result["cases"] >= 200 and result["facts"] >= 500
    assert result["precision"] >= 0.98 and result["recall"] >= 0.95, result["misses"][:10]
    assert result["derived_without_resource"] == 0


def test_an_offline_batch_of_100_issues_derives_nothing_from_a_word_that_is_not_a_resource() -> None:
    from bench.bench_stated import CORPUS, load

    cases = load(CORPUS)
    chosen = [c for c in cases if c.get("resource") is None][:60] + [c for c in cases if c.get("resource")][:40]
    assert len(chosen) == 100
    for case in chosen:
        result = draft_prp(DraftRequest(description=case["text"], settings=Settings()))
        stated = {(f.value["method"], f.value["path"]) for f in result.stated.of("endpoint")}
        named = {f.value["name"] for f in result.stated.of("entity")}
        for section in result.sections:
            for value in section.values.values():
                if not (isinstance(value, list) and value and isinstance(value[0], dict)):
                    continue
                if "method" in value[0] and case.get("resource") is None:
                    assert {(e["method"], e["path"]) for e in value} <= stated, case["id"]
                if "fields" in value[0] and case.get("resource") is None:
                    assert {e["name"] for e in value} <= named, case["id"]


def test_with_a_repository_derived_endpoints_take_its_paths_parameters_and_update_method() -> None:
    repo = str(Path(__file__).resolve().parent.parent / "fixtures" / "repos" / "python-fastapi")
    result = draft_prp(DraftRequest(description="user management API", repo=repo, settings=Settings()))
    endpoints = next(s for s in result.sections if s.id == "api-endpoints-specification").values["api_endpoints"]
    paths = {(e["method"], e["path"]) for e in endpoints}
    assert ("PATCH", "/api/v1/users/{user_id}") in paths and ("DELETE", "/api/v1/users/{user_id}") in paths
    assert not any("{id}" in p for _, p in paths) and ("PUT", "/api/v1/users/{user_id}") not in paths
    models = next(s for s in result.sections if s.id == "data-models-entities").values["data_models"]
    assert [m["name"] for m in models] == ["User"] and "hashed_password" in {f["name"] for f in models[0]["fields"]}
    assert any("repository" in source for source in result.grounded_by)


def test_a_stated_base_path_is_kept_beside_the_endpoints_and_drafted_in_front_of_them() -> None:
    text = "Orders API. All endpoints live under /api/v1:\n- GET /orders\n- POST /orders\n"
    assert [(e["base"], e["path"]) for e in facts(text, "endpoint")] == [("/api/v1", "/orders")] * 2
    result = draft_prp(DraftRequest(description=text, settings=Settings()))
    endpoints = next(s for s in result.sections if s.id == "api-endpoints-specification").values["api_endpoints"]
    assert [(e["method"], e["path"]) for e in endpoints] == [("GET", "/api/v1/orders"), ("POST", "/api/v1/orders")]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [("Die Antwortzeit beim Aufruf einer beliebigen Seite innerhalb der Website muss < 1 Sekunde sein", "latency",
      {"value": 1, "unit": "s", "percentile": "max"}),
     ("Set alert thresholds on p99 (e.g. > 1s) and p90 (e.g. > 500ms)", "latency",
      {"value": 1, "unit": "s", "percentile": "p99"}),
     ("refunds are paid within 30 business days", "duration",
      {"value": 30, "unit": "days", "subject": "refunds are paid"}),
     ("当QPS超过200时性能表现大幅下降", "throughput", {"value": 200, "unit": "req/s"}),
     ("`lib/` has 82 top-level files", "count", {"value": 82, "unit": "top-level files"})],
)  # fmt: skip
def test_what_the_held_out_issues_taught(text: str, kind: str, value: dict[str, Any]) -> None:
    assert facts(text, kind)[0] == value


def test_html_table_rows_in_an_issue_body_are_read_as_lines() -> None:
    body = "<table>\n<tr>\n  <td>GET, POST</td>\n  <td>/v1/oauth2/authorize</td>\n  <td>500</td>\n</tr>\n</table>"
    assert [(e["method"], e["path"]) for e in facts(body, "endpoint")] == [
        ("GET", "/v1/oauth2/authorize"), ("POST", "/v1/oauth2/authorize")]  # fmt: skip
    assert [(e["method"], e["path"]) for e in facts("bump the timeout of `post /v1/complete`", "endpoint")] == [
        ("POST", "/v1/complete")]  # fmt: skip
