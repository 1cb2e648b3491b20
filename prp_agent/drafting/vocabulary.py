"""One vocabulary of technologies, shared by repository grounding and by what a description states: frameworks,
ORMs and query layers, databases, migrations, validation, test tools, auth methods, queues, caches and clouds,
each with the spellings people use for it.

The names the repository reader knows (its package and file tables) are copied into `technologies.json` beside
this module, so a draft without a repository never loads those tables; a test keeps the copy equal to the tables
(`make golden` regenerates it).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

__all__ = ["AMBIGUOUS", "TEST_LIBRARIES", "VOCABULARY", "find_technologies", "pattern_for"]

_EXTRA: dict[str, set[str]] = {
    "database": {"PostgreSQL", "MySQL", "MariaDB", "SQLite", "MongoDB", "SQL Server", "Oracle", "DynamoDB",
                 "Cassandra", "CockroachDB", "Elasticsearch", "OpenSearch", "ClickHouse", "Redis"},
    "orm": {"Django ORM", "ActiveRecord", "Eloquent", "EF Core", "Hibernate"},
    "validation": {"marshmallow", "Joi", "Yup"},
    "auth": {"JWT", "OAuth2", "OAuth", "OpenID Connect", "SAML", "API keys", "session cookies", "magic links", "mTLS",
             "Keycloak", "Auth0", "Okta", "Cognito"},
    "queue": {"Kafka", "RabbitMQ", "SQS", "SNS", "NATS", "Pub/Sub", "Celery", "Sidekiq", "BullMQ"},
    "cache": {"Memcached", "Varnish"},
    "cloud": {"AWS", "GCP", "Google Cloud", "Azure", "Cloudflare", "Kubernetes", "Heroku", "Fly.io", "Vercel"},
    "web_framework": {"Express", "FastAPI", "Flask", "Django", "Spring Boot", "Rails", "Laravel", "ASP.NET Core",
                      "NestJS", "Gin", "Echo", "Fiber", "Phoenix", "Axum", "Actix", "Ktor", "Micronaut", "Quarkus"},
    "language": {"Python", "TypeScript", "JavaScript", "Go", "Java", "Kotlin", "Ruby", "PHP", "C#", "Rust",
                 "Elixir"},
    "runtime": {"Node.js", "Deno", "Bun"},
    "api_style": {"gRPC"},
    "storage": {"S3", "Google Cloud Storage", "Azure Blob Storage", "MinIO"},
    "payments": {"Stripe", "PayPal", "Adyen", "Braintree"},
    "container": {"Docker"},
}  # fmt: skip
# Words that are also plain English (or too short to trust) are never read out of prose.
AMBIGUOUS = {"echo", "chi", "gin", "session", "go test", "unittest", "Go", "Echo", "Fiber", "Oracle", "NATS",
             "SNS", "fiber", "Plug", "Slim", "warp", "Poem", "Rocket", "Hanami", "Koa"}  # fmt: skip
# Names that are plain words too are read out of prose only as written (capitalised: `_CASE_SENSITIVE`) or, for the
# most common words, only next to words that say a technology is meant ("written in Go", "a Go service").
_IN_CONTEXT: dict[str, re.Pattern[str]] = {
    "Go": re.compile(
        r"(?:(?<=\bin )|(?<=\bwith )|(?<=\busing )|(?<=\bon )|(?<=[(+,/] )|(?<=[(+,/]))Go\b(?![ ](?:to|back|out|"
        r"through|ahead|live|away|further|over)\b)|\bGo(?=[ ](?:\d|[+,/(]|services?\b|api\b|API\b|backend\b|"
        r"server\b|modules?\b|microservices?\b|app\b|code\b|binary\b|version\b|runtime\b|toolchain\b|"
        r"programs?\b|handlers?\b|structs?\b|workers?\b))|\b[Gg]olang\b"
    ),
}


_ALIASES = {"PostgreSQL": r"Postgre(?:SQL|s)|psql", "Express": r"Express(?:\.js|JS)?",
            "JPA/Hibernate": r"JPA|Hibernate", "EF Core": r"EF Core|Entity Framework",
            "Spring Boot": r"Spring(?: Boot)?", "NestJS": r"Nest(?:JS|\.js)",
            "SQL Server": r"SQL Server|MSSQL", "OAuth2": r"OAuth ?2(?:\.0)?", "JWT": r"JWTs?|JSON Web Tokens?",
            "API keys": r"API[ -]keys?", "OpenID Connect": r"OpenID Connect|OIDC",
            "Node.js": r"Node(?:\.js|JS)?(?![ ]?(?:class|type|object|tree|graph))", "S3": r"S3|Amazon S3",
            "Rails": r"Rails|Ruby on Rails", "gRPC": r"gRPC|grpc",
            "ASP.NET Core": r"ASP\.NET(?: Core)?", "Google Cloud": r"Google Cloud|GCP"}  # fmt: skip
_CASE_SENSITIVE = {"Go", "Echo", "Gin", "Fiber", "Rails", "Phoenix", "Express", "SNS", "NATS", "AWS", "Celery",
                   "Azure", "Stripe", "Node.js", "Docker"}  # fmt: skip


def _known() -> dict[str, list[str]]:
    data = resources.files("prp_agent.drafting").joinpath("technologies.json").read_text(encoding="utf-8")
    known: dict[str, list[str]] = json.loads(data)
    return known


def _vocabulary(known: dict[str, list[str]]) -> dict[str, set[str]]:
    words: dict[str, set[str]] = {kind: set(values) for kind, values in known.items() if kind != "test_libraries"}
    for kind, values in _EXTRA.items():
        words.setdefault(kind, set()).update(values)
    return words


_KNOWN = _known()
VOCABULARY: dict[str, set[str]] = _vocabulary(_KNOWN)
TEST_LIBRARIES: frozenset[str] = frozenset(_KNOWN["test_libraries"])  # test tools that are not a test runner


@cache
def pattern_for(value: str, *, ignore_case: bool = False) -> re.Pattern[str]:
    """How a technology is written: its name or an alias, as a whole word."""
    body = _ALIASES.get(value, re.escape(value))
    flags = re.IGNORECASE if ignore_case and value not in _CASE_SENSITIVE else 0
    return re.compile(rf"(?<![\w.-])(?:{body})(?![\w-])", flags)


def find_technologies(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, name, start, end) of every technology named in prose; ambiguous words are left out."""
    found: list[tuple[str, str, int, int]] = []
    taken: list[tuple[int, int]] = []
    names = sorted({(kind, value) for kind, values in VOCABULARY.items() for value in values},
                   key=lambda item: -len(item[1]))  # fmt: skip
    for kind, value in names:
        if value in AMBIGUOUS or (len(value) < 3 and value not in {"C#", "S3"} and value not in _IN_CONTEXT):
            continue
        pattern = _IN_CONTEXT.get(value) or pattern_for(value, ignore_case=True)
        for match in pattern.finditer(text):
            span = (match.start(), match.end())
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue  # a longer name already covers it ("Spring Boot" over "Spring")
            taken.append(span)
            found.append((kind, value, *span))
    return sorted(found, key=lambda item: item[2])
