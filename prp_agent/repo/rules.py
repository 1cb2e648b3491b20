"""What settings, code patterns and file layout show: databases (with the environment each serves), auth, native
validation, ORMs, what endpoints return (JSON, HTML, GraphQL), test tools configured rather than imported, and the
files whose presence tells a tool (CI, containers, package managers, migrations, test layouts, framework CLIs)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import lru_cache

from prp_agent.repo.hints import Prefilter
from prp_agent.repo.stack import STRUCTURE, Seen, Signal, environment_of, role_of
from prp_agent.repo.types import FactKind

__all__ = ["STRUCTURE_FILES", "config_signals", "file_signals"]

Fact = tuple[FactKind, str]

_DB_URL = re.compile(
    r"\b(postgres(?:ql)?|mysql|mariadb|sqlite|mongodb(?:\+srv)?|redis|sqlserver|mssql)(?:\+\w+)?://", re.I
)
_NO_URL = {"", "'", '"', "`", " ", "\n", ")", ","}  # what ends a scheme written alone
_DB_WORDS = {
    "postgres": "PostgreSQL", "postgresql": "PostgreSQL", "mysql": "MySQL", "mariadb": "MariaDB", "sqlite": "SQLite",
    "sqlite3": "SQLite", "mongodb": "MongoDB", "mongodb+srv": "MongoDB", "redis": "Redis", "sqlserver": "SQL Server",
    "mssql": "SQL Server", "pgsql": "PostgreSQL", "npgsql": "PostgreSQL", "h2": "H2", "hsqldb": "HSQLDB",
    "oracle": "Oracle", "mysql2": "MySQL", "sqlsrv": "SQL Server", "pg": "PostgreSQL", "myxql": "MySQL",
    "sqlite3.": "SQLite", "tds": "SQL Server", "mongo": "MongoDB", "postgis/postgis": "PostgreSQL",
    "bitnami/postgresql": "PostgreSQL", "bitnami/mysql": "MySQL", "mcr.microsoft.com/mssql/server": "SQL Server",
    "better-sqlite3": "SQLite", "inmemorydatabase": "EF Core in-memory",
}  # fmt: skip
_SOURCES = (".py", ".js", ".ts", ".mjs", ".cjs", ".java", ".kt", ".go", ".rb", ".php", ".cs", ".rs", ".ex", ".exs")
_SETTINGS = (".yml", ".yaml", ".properties", ".xml", ".env", ".example", ".sample", ".template", ".dist", ".conf",
             ".json", ".toml", ".ini", ".cfg", ".exs")  # fmt: skip
# (literal triggers, pattern, kind, value, note, file suffixes): a pattern only runs on files with one of the suffixes
# (any file when empty) whose text holds one of its triggers. `{db}` takes the database from the first group. A
# database rule reports every match, each with the environment its place serves.
Rule = tuple[tuple[str, ...], re.Pattern[str], FactKind, str, str, tuple[str, ...]]
_CONFIG_RULES: tuple[Rule, ...] = (
    # databases
    (("django.db.backends",), re.compile(r"django\.db\.backends\.(postgresql|mysql|sqlite3|oracle)"), "database", "{db}", "Django ENGINE", (".py",)),
    (("provider",), re.compile(r"""provider\s*=\s*"(postgresql|mysql|sqlite|mongodb|sqlserver)\""""), "database", "{db}", "Prisma datasource", (".prisma",)),
    (("jdbc:",), re.compile(r"jdbc:(postgresql|mysql|mariadb|sqlserver|sqlite|h2|hsqldb|oracle)"), "database", "{db}", "JDBC URL", (*_SETTINGS, ".java", ".kt")),
    (("adapter:",), re.compile(r"^[ \t]*adapter:\s*(postgresql|mysql2|sqlite3)", re.M), "database", "{db}", "database.yml adapter", (".yml", ".yaml", ".sample", ".example", ".dist")),
    (("DB_CONNECTION",), re.compile(r"""DB_CONNECTION"?\s*[=:,]?\s*(?:value=)?["']?(pgsql|mysql|sqlite|sqlsrv)""", re.M), "database", "{db}", "Laravel DB_CONNECTION", (".env", ".example", ".sample", ".template", ".dist", ".php", ".xml")),
    (("type",), re.compile(r"""["']?type["']?:\s*['"](postgres|mysql|mariadb|sqlite|better-sqlite3|mongodb|mssql)['"]"""), "database", "{db}", "TypeORM type", (".ts", ".js", ".json", ".yml", ".yaml", ".example", ".dist")),
    (("dialect:", "client:"), re.compile(r"""(?:dialect|client):\s*['"](postgres|pg|mysql2?|mariadb|sqlite3?|better-sqlite3|mssql)['"]"""), "database", "{db}", "query builder dialect", (".ts", ".js", ".mjs", ".cjs")),
    (("Use",), re.compile(r"\bUse(SqlServer|Npgsql|MySql|Sqlite|InMemoryDatabase)\("), "database", "{db}", "EF Core provider", (".cs",)),
    (("Ecto.Adapters.",), re.compile(r"adapter:\s*Ecto\.Adapters\.(Postgres|MyXQL|SQLite3|Tds)"), "database", "{db}", "Ecto adapter", (".ex", ".exs")),
    (("image:",), re.compile(r"""^[ \t]*image:\s*["']?(postgres|postgis/postgis|mysql|mariadb|mongo|redis|mcr\.microsoft\.com/mssql/server|bitnami/postgresql|bitnami/mysql)\b""", re.M), "database", "{db}", "compose service", (".yml", ".yaml")),
    (("pdo_",), re.compile(r"""driver:\s*['"]?pdo_(pgsql|mysql|sqlite)"""), "database", "{db}", "Doctrine driver", (".yml", ".yaml", ".php")),
    (("sql.Open(",), re.compile(r"""sql\.Open\(\s*"(postgres|pgx|mysql|sqlite3?)\""""), "database", "{db}", "database/sql driver", (".go",)),
    (("dialect", "driver"), re.compile(r"""\b(?:dialect|driver)\w*\b[^=\n]*:?=\s*"(postgres|mysql|sqlite3?|mssql)\""""), "database", "{db}", "database dialect", (".go",)),
    (("Pool",), re.compile(r"\b(Pg|MySql|Sqlite)Pool(?:Options)?\b"), "database", "{db}", "sqlx pool", (".rs",)),
    (("mongoose.connect",), re.compile(r"mongoose\.connect\("), "database", "MongoDB", "mongoose.connect", (".js", ".ts", ".mjs", ".cjs")),
    # auth
    (("Authentication",), re.compile(r"(Token|Session|Basic)Authentication\b"), "auth", "{drf_auth}", "DRF authentication", (".py",)),
    (("has_secure_password", "cookies.signed", "session[:user_id]", "session['user_id']"), re.compile(r"\bhas_secure_password\b|\bcookies\.signed\[|\bsession\[(?::user_id|'user_id'|\"user_id\")\]"), "auth", "session", "session sign-in", (".rb",)),
    # FastAPI's cookie credentials: `APIKeyCookie(name="session")`, `token = Cookie(None, alias=settings.session_cookie)`
    (("APIKeyCookie", "Cookie("), re.compile(r"\bAPIKeyCookie\(|\bCookie\([^)\n]{0,200}session"), "auth", "session", "session cookie", (".py",)),
    # an Authorization header's scheme compared by hand (`authdata[0] == 'Basic'`): Basic credentials parsed
    (("Basic",), re.compile(r"""==\s*['"]Basic['"]|['"]Basic['"]\s*=="""), "auth", "HTTP Basic", "Basic credentials parsed", ()),
    (("use_doorkeeper",), re.compile(r"\buse_doorkeeper\b"), "auth", "OAuth2 server", "Doorkeeper routes", (".rb",)),
    (("Auth::attempt", "AuthenticatesUsers", "->login("), re.compile(r"\bAuth::attempt\(|\bAuthenticatesUsers\b|\bAuth::login\("), "auth", "session", "session sign-in", (".php",)),
    (("Socialite::",), re.compile(r"\bSocialite::driver\("), "auth", "OAuth2", "Socialite", (".php",)),
    # FastAPI's `OAuth2PasswordBearer` only reads the bearer token the application's own /token issues (its JWT
    # or key); a login with another provider names the authorization-code flow
    (("OAuth2", "oauth2"), re.compile(r"\bOAuth2AuthorizationCodeBearer\b|\bOAuth2AuthorizationCode\w*Flow"), "auth", "OAuth2", "OAuth2 flow", ()),
    (("Jwt", ".jwt(", "jwt {"), re.compile(r"\bJwtBearerDefaults\b|\bAddJwtBearer\(|\.jwt\(|\bjwt\s*\{"), "auth", "JWT", "JWT bearer setup", ()),
    (("APIKey", "API-Key", "api-key", "Api-Key"), re.compile(r"\bAPIKeyHeader\b"), "auth", "API key", "API key header", ()),  # a header read: repo/auth.py
    (("devise",), re.compile(r"\bdevise_for\b|\bdevise\s+:"), "auth", "Devise", "Devise", (".rb",)),
    (("sanctum", "HasApiTokens"), re.compile(r"\bauth:sanctum\b|HasApiTokens"), "auth", "Sanctum", "Sanctum", (".php",)),
    (("lexik_jwt_authentication", "jwt:"), re.compile(r"^lexik_jwt_authentication:|^[ \t]+jwt:\s*~?\s*$", re.M), "auth", "JWT", "LexikJWT settings", (".yaml", ".yml")),
    (("DAMA\\DoctrineTestBundle",), re.compile(r"DAMA\\DoctrineTestBundle"), "test_framework", "DAMA DoctrineTestBundle", "PHPUnit extension", (".xml", ".dist", ".php")),
    (("IsGranted", "security:"), re.compile(r"#\[IsGranted\(|^security:\s*$", re.M), "auth", "Symfony Security", "Symfony access control", (".php", ".yaml", ".yml")),
    (("current_user",), re.compile(r"\bfetch_current_user\b|\brequire_authenticated_user\b"), "auth", "session", "phx.gen.auth plugs", (".ex",)),
    (("form_login", "json_login", "remember_me"), re.compile(r"^[ \t]+(?:form_login|json_login|remember_me)[ \t]*:", re.M), "auth", "session", "Symfony firewall login", (".yaml", ".yml")),
    (("_ldap", "ldap:"), re.compile(r"^[ \t]+(?:form_login_ldap|http_basic_ldap|json_login_ldap|ldap)[ \t]*:", re.M), "auth", "LDAP", "Symfony LDAP login", (".yaml", ".yml")),
    (("http_basic",), re.compile(r"^[ \t]+http_basic[ \t]*:", re.M), "auth", "HTTP Basic", "Symfony HTTP Basic", (".yaml", ".yml")),
    (("access_token:",), re.compile(r"^[ \t]+access_token[ \t]*:", re.M), "auth", "API key", "Symfony access tokens", (".yaml", ".yml")),
    (("Migrator",), re.compile(r"\bnew\s+Migrator\("), "migrations", "Kysely migrations", "Kysely Migrator", (".ts", ".js", ".mjs")),
    (("WebApplicationServer", "RequestValidator", "AuthorizationServer"), re.compile(r"\bclass\s+\w+\(\s*(?:oauth2\.)?(?:WebApplicationServer|RequestValidator|AuthorizationServer)\b|\bWebApplicationServer\(|\bAuthorizationServer\("), "auth", "OAuth2 server", "oauthlib/authlib provider", (".py",)),
    (("Mongoid::Document",), re.compile(r"\binclude\s+Mongoid::Document\b"), "orm", "Mongoid", "Mongoid document", (".rb",)),
    (("aiohttp",), re.compile(r"^[ \t]*(?:from[ \t]+aiohttp[ \t]+import[ \t][^\n]*\bweb\b|from[ \t]+aiohttp\.web\b|import[ \t]+aiohttp\.web\b)", re.M), "web_framework", "aiohttp", "aiohttp.web server", (".py",)),
    (("MigrationInterface",), re.compile(r"\bimplements\s+MigrationInterface\b"), "migrations", "TypeORM migrations", "TypeORM migration class", (".ts", ".js")),
    (("migrate", "migrations"), re.compile(r"\bknex\.migrate\.|\bmigrations\s*:\s*\{\s*(?:directory|tableName|extension|loadExtensions)\b"), "migrations", "Knex migrations", "Knex migrations", (".ts", ".js", ".mjs", ".cjs")),
    (("AuthenticationHandler<",), re.compile(r"\bclass[ \t]+\w*(?:ApiKey|APIKey|Token)\w*[ \t]*:[ \t]*AuthenticationHandler<"), "auth", "API key", "API key authentication handler", (".cs",)),
    (("AuthenticationHandler<",), re.compile(r"\bclass[ \t]+\w*Basic\w*[ \t]*:[ \t]*AuthenticationHandler<"), "auth", "HTTP Basic", "Basic authentication handler", (".cs",)),
    (("AddIdentity", "AddDefaultIdentity"), re.compile(r"\bAdd(Default)?Identity\w*<"), "auth", "ASP.NET Core Identity", "Identity setup", (".cs",)),
    # native validation
    (("serializers.",), re.compile(r"serializers\.(Model)?Serializer\b"), "validation", "Django forms/serializers", "DRF serializer", (".py",)),
    (("forms.",), re.compile(r"\bforms\.(Model)?Form\b"), "validation", "Django forms/serializers", "Django form", (".py",)),
    (("->validate(", "FormRequest"), re.compile(r"\$request->validate\(|\bFormRequest\b"), "validation", "Laravel validation", "request validation", (".php",)),
    (("validates",), re.compile(r"^[ \t]*validates(_\w+)?\s+:", re.M), "validation", "ActiveModel validations", "model validations", (".rb",)),
    (("[Required", "[StringLength", "[Range", "[EmailAddress"), re.compile(r"\[(Required|StringLength|Range|EmailAddress)\b"), "validation", "DataAnnotations", "validation attributes", (".cs",)),
    (("AbstractValidator<",), re.compile(r"\bAbstractValidator<"), "validation", "FluentValidation", "validator class", (".cs",)),
    (("@Valid", "@NotNull", "@NotBlank", "@Size", "@Email"), re.compile(r"@(Valid|NotNull|NotBlank|NotEmpty|Size|Email|Min|Max|Pattern)\b"), "validation", "Bean Validation", "constraint annotations", (".java", ".kt")),
    (("validate_required", "validate_length", "validate_format"), re.compile(r"\bvalidate_(required|length|format|number|inclusion)\("), "validation", "Ecto changesets", "changeset validations", (".ex",)),
    (("Assert",), re.compile(r"#\[Assert\\|@Assert\\"), "validation", "Symfony Validator", "constraint attributes", (".php",)),
    (("validate:\"", "binding:\""), re.compile(r"""`[^`]*\b(?:validate|binding):"[^"]*required"""), "validation", "go-playground/validator", "struct tags", (".go",)),
    (("#[validate", "#[garde"), re.compile(r"#\[validate\(|#\[garde\("), "validation", "{rust_validation}", "derive attributes", (".rs",)),
    (("ValidationPipe",), re.compile(r"\bValidationPipe\b"), "validation", "class-validator", "NestJS ValidationPipe", (".ts",)),
    # ORMs and migrations shown by code
    (("models.Model",), re.compile(r"\bmodels\.Model\b"), "orm", "Django ORM", "Django model", (".py",)),
    (("ApplicationRecord", "ActiveRecord::Base"), re.compile(r"<\s*ApplicationRecord\b|<\s*ActiveRecord::Base\b"), "orm", "ActiveRecord", "ActiveRecord model", (".rb",)),
    (("extends",), re.compile(r"extends\s+Model\b"), "orm", "Eloquent", "Eloquent model", (".php",)),
    (("DbContext",), re.compile(r"\bDbContext\b"), "orm", "EF Core", "DbContext", (".cs",)),
    (("ORM\\",), re.compile(r"#\[ORM\\(Entity|Table)\b|@ORM\\Entity\b"), "orm", "Doctrine", "Doctrine mapping", (".php",)),
    (("ROM::Relation", "Hanami::DB::Relation"), re.compile(r"<\s*(?:ROM::Relation|Hanami::DB::Relation)\b"), "orm", "ROM", "ROM relation", (".rb",)),
    (("AutoMigrate(",), re.compile(r"\.AutoMigrate\("), "migrations", "GORM AutoMigrate", "AutoMigrate call", (".go",)),
    (("sqlx::migrate!", "migrate!("), re.compile(r"\bsqlx::migrate!\(|\bmigrate!\("), "migrations", "sqlx migrations", "sqlx::migrate!", (".rs",)),
    (("embed_migrations!",), re.compile(r"\bembed_migrations!\("), "migrations", "Diesel migrations", "embed_migrations!", (".rs",)),
    (("Sequel.migration",), re.compile(r"^[ \t]*Sequel\.migration[ \t]+do\b", re.M), "migrations", "Sequel migrations", "Sequel migration", (".rb",)),
    # frameworks shown by configuration or by code only
    (("quarkus.",), re.compile(r"^quarkus\.", re.M), "web_framework", "Quarkus", "Quarkus settings", (".properties", ".yml", ".yaml")),
    (("ktor",), re.compile(r"^[ \t]*ktor\s*\{", re.M), "web_framework", "Ktor", "Ktor application.conf", (".conf",)),
    (("http.HandleFunc", "HandleFunc(", "http.NewServeMux"), re.compile(r"\bhttp\.(HandleFunc|NewServeMux|Handle)\(|\bmux\.HandleFunc\("), "web_framework", "net/http", "standard library handlers", (".go",)),
    # test tools shown by configuration or code
    (("DJANGO_SETTINGS_MODULE",), re.compile(r"DJANGO_SETTINGS_MODULE"), "test_framework", "pytest-django", "pytest settings", (".ini", ".cfg", ".toml")),
    (("httptest.",), re.compile(r"\bhttptest\.New(Recorder|Server|Request)\("), "test_framework", "net/http/httptest", "httptest", (".go",)),
    (("#[test]", "#[tokio::test]", "#[actix_web::test]", "#[sqlx::test]"), re.compile(r"#\[(?:\w+::)?test\]"), "test_framework", "cargo test", "test functions", (".rs",)),
    (("ExUnit.Case",), re.compile(r"\bExUnit\.Case\b"), "test_framework", "ExUnit", "ExUnit case", (".ex", ".exs")),
    (("ActiveSupport::TestCase", "ActionDispatch::IntegrationTest"), re.compile(r"ActiveSupport::TestCase|ActionDispatch::IntegrationTest"), "test_framework", "minitest", "Rails test case", (".rb",)),
    (("@Document",), re.compile(r"@Document\b"), "orm", "Spring Data MongoDB", "document mapping", (".java", ".kt")),
    (("Ecto.Adapters.SQL.Sandbox",), re.compile(r"\bEcto\.Adapters\.SQL\.Sandbox\b"), "test_framework", "Ecto SQL Sandbox", "sandboxed test database", (".ex", ".exs")),
    (("JWT.decode",), re.compile(r"\bJWT\.decode\b"), "auth", "JWT", "JWT.decode", (".rb",)),
    (("DatabaseCleaner",), re.compile(r"\bDatabaseCleaner\b"), "test_framework", "DatabaseCleaner", "database cleaning", (".rb",)),
    (("Faker::",), re.compile(r"\bFaker::\w+"), "test_framework", "Faker", "fake data", (".rb",)),
    (("BasicAuth()",), re.compile(r"\.BasicAuth\(\)"), "auth", "HTTP Basic", "basic credentials", (".go",)),
    (("django.contrib.auth", "AUTHENTICATION_BACKENDS"), re.compile(r"from\s+django\.contrib\.auth\s+import[^\n]*\b(?:login|authenticate)\b|^AUTHENTICATION_BACKENDS\b", re.M), "auth", "session", "Django sign-in", (".py",)),
    (("VCR.",), re.compile(r"\bVCR\.(?:configure|use_cassette)\b"), "test_framework", "VCR", "VCR cassettes", (".rb",)),
    (("stub_request", "WebMock", "webmock"), re.compile(r"\bstub_request\(|\bWebMock\.|hook_into\s+:webmock"), "test_framework", "WebMock", "request stubs", (".rb",)),
    (("Capybara", "SystemTestCase"), re.compile(r"\bCapybara\.|<\s*ApplicationSystemTestCase\b|ActionDispatch::SystemTestCase"), "test_framework", "Capybara", "system tests", (".rb",)),
    (("IntegrationTest",), re.compile(r"ActionDispatch::IntegrationTest"), "test_framework", "Rails integration tests", "integration test client", (".rb",)),
    (("Mockery::",), re.compile(r"\bMockery::(?:mock|spy|namedMock)\("), "test_framework", "Mockery", "Mockery doubles", (".php",)),
    (("$this->", "getJson", "postJson"), re.compile(r"\$this->(?:getJson|postJson|putJson|deleteJson|get|post|put|patch|delete)\(\s*['\"/]"), "test_framework", "Laravel HTTP tests", "HTTP test requests", (".php",)),
    (("Http::fake",), re.compile(r"\bHttp::fake\("), "test_framework", "Http::fake", "HTTP fakes", (".php",)),
    (("Livewire::test",), re.compile(r"\bLivewire::test\("), "test_framework", "Livewire test helpers", "Livewire tests", (".php",)),
    (("faker", "fake()"), re.compile(r"\$this->faker->|\bfake\(\)->"), "test_framework", "Faker", "factory fakes", (".php",)),
    (("asyncio",), re.compile(r"asyncio_mode|--asyncio-mode|pytest\.mark\.asyncio"), "test_framework", "pytest-asyncio", "pytest asyncio mode", (".py", ".toml", ".ini", ".cfg")),
    (("FactoryBot",), re.compile(r"\bFactoryBot(?:\.define|::Syntax::Methods)"), "test_framework", "FactoryBot", "factory definitions", (".rb",)),
    (("driven_by",), re.compile(r"\bdriven_by\s+:(?:selenium|cuprite)"), "test_framework", "{system_driver}", "system test driver", (".rb",)),
    (("RefreshDatabase",), re.compile(r"^[ \t]*use\s+RefreshDatabase\s*;", re.M), "test_framework", "RefreshDatabase", "test trait", (".php",)),
    # what endpoints return
    (("Query", "gql`", "@Resolver"), re.compile(r"^[ \t]*type\s+Query\s*\{|\bgql`|@Resolver\(", re.M), "api_style", "GraphQL", "GraphQL schema", ()),
    (("render", ":browser"), re.compile(r"\brender_template\(|\bres\.render\(|\brender\(request,|\$this->render\(|\bpipe_through[\s(]+\[?:browser\b"), "api_style", "server-rendered", "template rendering", _SOURCES),
    (("View(", "view(", "HTML(", "Template", "respondHtml", "html()", "renderAndAwait", "text/html"), re.compile(r"\breturn\s+View\(|\breturn\s+view\(|\bc\.HTML\(|\.ExecuteTemplate\(|\bcall\.respond(Html|Template)\b|\bTemplateResponse\(|ContentType::html\(\)|\brenderAndAwait\(|content_type\(\s*\"text/html"), "api_style", "server-rendered", "template rendering", _SOURCES),
    (("json", "Json", "JSON", "ResponseEntity", "RestController", "ApiController", "ControllerBase", "Results.", "respond(",
      "reply.", ":api"),
     re.compile(r"@RestController\b|\bResponseEntity<|\brender\s+json:|ActionController::API\b|\bJsonResponse\(|\bjsonify\(|"
                r"\bres\.(?:status\(\d+\)\.)?json\(|\bc\.(?:JSON|json)\(|\bctx\.JSON\(|\bjson\.NewEncoder\(\w+\)\.Encode|"
                r"\bJson\(|HttpResponse::\w+\(\)\.json\(|\breply\.(?:code\(\d+\)\.)?send\(|\bjson\(conn,|\$this->json\(|"
                r"\bresponse\(\)->json\(|\bJsonResource\b|\[ApiController\]|\bpipe_through[\s(]+\[?:api\b|"
                r"\brender\(conn,\s*\"[\w.]+\.json\"|"
                r":\s*ControllerBase\b|\bResults\.(?:Ok|Json|Created|NotFound)\(|\bTypedResults\.|\bcall\.respond\("),
     "api_style", "REST", "JSON responses", _SOURCES),
)  # fmt: skip
# Rules that read only test files: what they match means something else in application code.
_TEST_RULES: tuple[Rule, ...] = (
    (("visit",), re.compile(r"^[ \t]*visit\s+[\w'\"(]", re.M), "test_framework", "Capybara", "browser steps", (".rb",)),
    (("reqwest::",), re.compile(r"\breqwest::"), "test_framework", "reqwest", "HTTP client in tests", (".rs",)),
)  # fmt: skip
_DRF_AUTH = {"Token": "API key", "Session": "session", "Basic": "HTTP Basic"}
_FALLBACK_DEFAULT = re.compile(
    r"(?:\bor\b|\|\||\?\?|\bgetenv\([^)\n]*,|\.get\([^)\n]*,|unwrap_or\()\s*\\?\s*\n?\s*['\"]?[\w+:/.-]*$"
)
_RUST_VALIDATION = {"validate": "validator (crate)", "garde": "garde"}
# A YAML section or profile naming an environment (Rails database.yml, Spring profiles).
_SECTION = re.compile(
    r"^(development|dev|test|production|prod|staging)\s*:\s*(?:&\w+)?\s*$|on-profile:\s*(\w+)|^[ \t]*profiles:\s*(\w+)|^---",
    re.M,
)
_NEAR_ENVIRONMENT = re.compile(
    r"IsDevelopment\(\)|IsEnvironment\(\s*\"(Test\w*|Development)\"|Environment\.Test|"
    r"\b(?:env|environment|profile|app_env|APP_ENV|RAILS_ENV|NODE_ENV|MIX_ENV)\b[^\n]{0,20}?==\s*[\"':](development|dev|local|test\w*)\b"
)


def _db(word: str) -> str:
    key = word.lower()
    return _DB_WORDS.get(key, _DB_WORDS.get(key.rstrip("0123456789"), word))


def _environment_at(path: str, text: str, offset: int) -> str | None:
    """The environment a setting serves: its file's, else the YAML section or profile it sits in, else a nearby
    `IsDevelopment()` check."""
    found = environment_of(path)
    if found or offset < 0:
        return found
    line_start = text.rfind("\n", 0, text.rfind("\n", 0, offset)) + 1  # this line and the one before
    if path.endswith(_SOURCES) and _FALLBACK_DEFAULT.search(text[line_start:offset]):
        return "development"  # `os.environ.get("DATABASE_URL") or "sqlite:///app.db"`: the local default
    if re.search(r"\.ya?ml(\.\w+)?$", path):
        section = None
        for match in _SECTION.finditer(text, 0, offset):
            name = (match.group(1) or match.group(2) or match.group(3) or "").lower()
            section = None if match.group(0) == "---" else name or section
        return {"dev": "development", "development": "development", "test": "test"}.get(section or "")
    if path.endswith(_SOURCES):
        window = text[max(0, offset - 300) : offset]
        near = next(reversed(list(_NEAR_ENVIRONMENT.finditer(window))), None)
        if near and not re.search(r"\belse\b", window[near.end() :]):
            return "test" if (near.group(1) or near.group(2) or "").lower().startswith("test") else "development"
    return None


_SYMFONY_SECURITY = re.compile(r"(^|/)config/packages/|(^|/)(app/)?config/security\.ya?ml$")


@lru_cache(maxsize=256)
def _rules_for(extension: str, in_tests: bool) -> tuple[tuple[Rule, ...], Prefilter]:
    """The config rules that apply to files with this extension (every suffix a rule names is an extension), with
    the test-only rules for test files, and one prefilter of their patterns."""
    rules = _CONFIG_RULES + _TEST_RULES if in_tests else _CONFIG_RULES
    chosen = tuple(rule for rule in rules if not rule[5] or extension in rule[5])
    return chosen, Prefilter([rule[1] for rule in chosen])


def config_signals(path: str, text: str) -> Iterator[Signal]:
    """Signals from settings, env templates, schema files and code patterns."""
    seen: set[tuple[FactKind, str, str | None]] = set()

    def emit(kind: FactKind, value: str, offset: int, note: str, weight: float = STRUCTURE) -> Iterator[Signal]:
        role = role_of((kind, value), _environment_at(path, text, offset) if kind == "database" else None)
        if (kind, value, role) not in seen:
            seen.add((kind, value, role))
            line = text.count("\n", 0, offset) + 1
            yield Signal(kind, value, weight, Seen(path, line, note), "config", role)

    if "://" in text:
        for match in _DB_URL.finditer(text):
            if text[match.end() : match.end() + 1] in _NO_URL:
                continue  # `if "sqlite://" in url`: a scheme compared, no connection
            start = text.rfind("\n", 0, match.start()) + 1
            if text[start : match.start()].lstrip().startswith("#"):  # an alternative left commented out
                yield from emit("database", _db(match.group(1)), match.start(), "connection URL (commented out)", 0.2)
                continue
            yield from emit("database", _db(match.group(1)), match.start(), "connection URL")
    in_tests = environment_of(path) == "test"
    rules, prefilter = _rules_for(os.path.splitext(path)[1], in_tests)
    for index in prefilter.candidates(text):  # one pass for every rule's pattern; the triggers still hold
        triggers, _, kind, value, note, _ = rules[index]
        if not any(trigger in text for trigger in triggers):
            continue
        if in_tests and kind in {"api_style", "web_framework", "orm"}:
            continue  # a test's client calls and fixtures say nothing about what the application serves
        if value == "{drf_auth}" and "rest_framework" not in text:
            continue
        if note.startswith("Symfony") and not path.endswith(".php") and not _SYMFONY_SECURITY.search(path):
            continue  # a `security:` section of some other tool's YAML is not Symfony's
        every = kind == "database" or value == "{drf_auth}"  # each database, each DRF authentication class
        for found in prefilter.finditer(index, text) if every else filter(None, [prefilter.search(index, text)]):
            named = value
            if value == "{db}":
                named = _db(found.group(1))
            elif value == "{drf_auth}":
                named = _DRF_AUTH[found.group(1)]
            elif value == "{system_driver}":
                named = "Capybara" if "cuprite" in found.group(0) else "Selenium"
            elif value == "{rust_validation}":
                named = _RUST_VALIDATION["garde" if "garde" in found.group(0) else "validate"]
            yield from emit(kind, named, found.start(), note)
    if "@Controller" in text and "@RestController" not in text and path.endswith((".java", ".kt")):
        view = re.search(r"\breturn\s+\"(?:redirect:)?[\w/-]+\"|\bModelAndView\b", text)
        if view:  # a Spring MVC controller returning view names (one alone may be a leftover error page)
            line = text.count("\n", 0, view.start()) + 1
            yield Signal("api_style", "server-rendered", 0.4, Seen(path, line, "controller returns views"), "config")


STRUCTURE_FILES: tuple[tuple[re.Pattern[str], FactKind, str], ...] = (
    (re.compile(r"(^|/)\.github/workflows/[^/]+\.ya?ml$"), "ci", "GitHub Actions"),
    (re.compile(r"(^|/)\.gitlab-ci\.ya?ml$"), "ci", "GitLab CI"),
    (re.compile(r"(^|/)Jenkinsfile$"), "ci", "Jenkins"),
    (re.compile(r"(^|/)\.circleci/config\.ya?ml$"), "ci", "CircleCI"),
    (re.compile(r"(^|/)azure-pipelines\.ya?ml$"), "ci", "Azure Pipelines"),
    (re.compile(r"(^|/)\.travis\.ya?ml$"), "ci", "Travis CI"),
    (re.compile(r"(^|/)bitbucket-pipelines\.ya?ml$"), "ci", "Bitbucket Pipelines"),
    (re.compile(r"(^|/)\.drone\.ya?ml$"), "ci", "Drone"),
    (re.compile(r"(^|/)\.buildkite/[\w.-]+\.ya?ml$"), "ci", "Buildkite"),
    (re.compile(r"(^|/)appveyor\.ya?ml$"), "ci", "AppVeyor"),
    (
        re.compile(r"^(?!(?:.*/)?\.devcontainer/)(?:.*/)?(Dockerfile|[\w.-]+\.Dockerfile|Dockerfile\.[\w.-]+)$"),
        "container",
        "Docker",
    ),
    (re.compile(r"(^|/)(docker-)?compose(\.[\w-]+)?\.ya?ml$"), "container", "Docker Compose"),
    (re.compile(r"(^|/)uv\.lock$"), "package_manager", "uv"),
    (re.compile(r"(^|/)poetry\.lock$"), "package_manager", "poetry"),
    (re.compile(r"(^|/)Pipfile(\.lock)?$"), "package_manager", "pipenv"),
    (re.compile(r"(^|/)requirements[\w.-]*\.txt$"), "package_manager", "pip"),
    (re.compile(r"(^|/)package-lock\.json$"), "package_manager", "npm"),
    (re.compile(r"(^|/)pnpm-lock\.yaml$"), "package_manager", "pnpm"),
    (re.compile(r"(^|/)yarn\.lock$"), "package_manager", "yarn"),
    (re.compile(r"(^|/)bun\.lockb?$"), "package_manager", "bun"),
    (re.compile(r"(^|/)pom\.xml$"), "package_manager", "Maven"),
    (re.compile(r"(^|/)build\.gradle(\.kts)?$"), "package_manager", "Gradle"),
    (re.compile(r"(^|/)go\.mod$"), "package_manager", "Go modules"),
    (re.compile(r"(^|/)Gemfile$"), "package_manager", "Bundler"),
    (re.compile(r"(^|/)composer\.json$"), "package_manager", "Composer"),
    (re.compile(r"\.csproj$"), "package_manager", "NuGet"),
    (re.compile(r"(^|/)Cargo\.toml$"), "package_manager", "Cargo"),
    (re.compile(r"(^|/)mix\.exs$"), "package_manager", "Mix"),
    (re.compile(r"(^|/)alembic\.ini$|(^|/)(alembic|migrations)/env\.py$"), "migrations", "Alembic"),
    (re.compile(r"(^|/)migrations/\d{4}_\w+\.py$"), "migrations", "Django migrations"),
    # `db/migration/V1__init.sql`, `resources/migration/common/V20_1__x.sql`, `V4.1__x.sql`: Flyway's names
    (re.compile(r"(^|/)[\w-]*migrations?/([\w-]+/)?V\d+([._]\d+)*__[\w.-]+\.sql$"), "migrations", "Flyway"),
    (
        re.compile(
            r"(^|/)db/changelog/[\w.-]+\.(ya?ml|xml|json|sql)$|"
            r"(^|/)(db|schema|liquibase|resources)/([\w.-]+/)?changelog[\w.-]*\.(ya?ml|xml)$"
        ),
        "migrations",
        "Liquibase",
    ),
    (re.compile(r"(^|/)prisma/migrations/[^/]+/migration\.sql$"), "migrations", "Prisma Migrate"),
    (re.compile(r"(^|/)\d+_[\w-]+\.(up|down)\.sql$"), "migrations", "golang-migrate"),
    (re.compile(r"(^|/)db/migrate/\d+_\w+\.rb$"), "migrations", "Rails migrations"),
    (re.compile(r"(^|/)database/migrations/[\w-]+\.php$"), "migrations", "Laravel migrations"),
    (re.compile(r"(^|/)database/migrations/\d{13}_\w+\.[jt]s$"), "migrations", "Lucid migrations"),  # AdonisJS
    (re.compile(r"(^|/)config/Migrations/\d{14}_\w+\.php$"), "migrations", "CakePHP Migrations"),
    (re.compile(r"(^|/)Migrations/(?:[^/]+/)?\d{8,}_[^/]+\.cs$"), "migrations", "EF Core migrations"),
    (re.compile(r"(^|/)Migrations/(?:[^/]+/)?\w+ModelSnapshot\.cs$"), "migrations", "EF Core migrations"),
    (re.compile(r"(^|/)migrations?/\d{10,}-[A-Z]\w*\.[jt]s$"), "migrations", "TypeORM migrations"),  # PascalCase name
    (re.compile(r"(^|/)priv/repo/migrations/\d+_\w+\.exs$"), "migrations", "Ecto migrations"),
    (re.compile(r"(^|/)migrations/Version\d+\.php$"), "migrations", "Doctrine Migrations"),
    (re.compile(r"(^|/)migrations/([\w-]+/)?\d{4}-\d{2}-\d{2}-\d{6}_\w+/up\.sql$"), "migrations", "Diesel migrations"),
    (re.compile(r"(^|/)atlas\.hcl$"), "migrations", "Atlas"),
    (re.compile(r"(^|/)migrations/[\w/-]*\d{14}_\w+\.(up|down)\.fizz$"), "migrations", "Pop fizz migrations"),
    (
        re.compile(r"(^|/)drizzle\.config\.[cm]?[jt]s$|(^|/)migrations/meta/_journal\.json$"),
        "migrations",
        "drizzle-kit",
    ),
    (re.compile(r"(^|/)migration/src/m\d{8}_\d{6}_\w+\.rs$"), "migrations", "SeaORM migrations"),
    (re.compile(r"(^|/)sqlc\.(ya?ml|json)$"), "orm", "sqlc (SQL toolkit, no ORM)"),
    (re.compile(r"(^|/)\.sequelizerc$"), "migrations", "sequelize-cli"),
    (re.compile(r"(^|/)v\d+\.\d\d/[\w.-]+\.sql$"), "migrations", "Yuniql"),  # Yuniql's version folders: `v0.00/`
    (re.compile(r"(^|/)diesel\.toml$"), "orm", "Diesel"),
    (re.compile(r"(^|/)conftest\.py$|(^|/)pytest\.ini$"), "test_framework", "pytest"),
    (re.compile(r"_test\.go$"), "test_framework", "go test"),
    (re.compile(r"(^|/)spec/[\w/]+_spec\.rb$|(^|/)\.rspec$"), "test_framework", "RSpec"),
    (re.compile(r"(^|/)test/[\w/]+_test\.rb$"), "test_framework", "minitest"),
    (re.compile(r"(^|/)test/[\w/]+_test\.exs$"), "test_framework", "ExUnit"),
    (re.compile(r"(^|/)tests/[\w/]+\.rs$"), "test_framework", "cargo test"),
    (re.compile(r"(^|/)phpunit\.xml(\.dist)?$"), "test_framework", "PHPUnit"),
    (re.compile(r"(^|/)playwright\.config\.[cm]?[jt]s$"), "test_framework", "Playwright"),
    (re.compile(r"(^|/)jest\.(config|preset)\.[cm]?[jt]s(on)?$"), "test_framework", "Jest"),
    (re.compile(r"(^|/)vitest\.(config|workspace)\.[cm]?[jt]s$"), "test_framework", "Vitest"),
    (re.compile(r"\.postman_collection\.json$"), "test_framework", "Postman/Newman"),
    (re.compile(r"(^|/)cypress\.config\.[cm]?[jt]s$|(^|/)cypress\.json$"), "test_framework", "Cypress"),
    (re.compile(r"(^|/)database/factories/\w+Factory\.php$"), "test_framework", "Laravel factories"),
    (re.compile(r"(^|/)test/fixtures/[\w/]+\.yml$"), "test_framework", "Rails fixtures"),
    (re.compile(r"(^|/)database/schema/mysql-schema\.(sql|dump)$"), "database", "MySQL"),
    (re.compile(r"(^|/)database/schema/pgsql-schema\.(sql|dump)$"), "database", "PostgreSQL"),
    (re.compile(r"(^|/)config/routes\.rb$|(^|/)bin/rails$"), "web_framework", "Rails"),
    (re.compile(r"(^|/)artisan$"), "web_framework", "Laravel"),
    (re.compile(r"(^|/)manage\.py$"), "web_framework", "Django"),
    (re.compile(r"(^|/)nest-cli\.json$"), "web_framework", "NestJS"),
    (re.compile(r"(^|/)\.?adonisrc\.(json|ts)$"), "web_framework", "AdonisJS"),
    (re.compile(r"(^|/)symfony\.lock$|(^|/)config/bundles\.php$"), "web_framework", "Symfony"),
    (re.compile(r"(^|/)Rocket\.toml$"), "web_framework", "Rocket"),
    (re.compile(r"(^|/)micronaut-cli\.yml$"), "web_framework", "Micronaut"),
    (re.compile(r"(^|/)lib/\w+_web/router\.ex$"), "web_framework", "Phoenix"),
    (
        re.compile(r"(^|/)app/views/(?![\w/]*mailer|layouts/)[\w/]+\.html\.(erb|haml|slim)$"),
        "api_style",
        "server-rendered",
    ),
    (re.compile(r"(^|/)app/views/[\w/]+\.json\.jbuilder$"), "api_style", "REST"),
    (re.compile(r"(^|/)Views/[\w/]+\.cshtml$|(^|/)Pages/[\w/]+\.cshtml$"), "api_style", "server-rendered"),
    (re.compile(r"(^|/)src/main/resources/templates/[\w/-]+\.html$"), "api_style", "server-rendered"),
    (
        re.compile(r"(^|/)controllers/\w+_html/[\w/]+\.html\.heex$|(^|/)controllers/\w+_html\.ex$"),
        "api_style",
        "server-rendered",
    ),
    (re.compile(r"(^|/)controllers/\w+_json\.ex$"), "api_style", "REST"),
)


# Literal pieces, one of which every STRUCTURE_FILES path contains: a cheap test before the regexes run.
_STRUCTURE_HINTS = (
    "workflows/", ".gitlab-ci", "Jenkinsfile", ".circleci", "azure-pipelines", "Dockerfile", "compose", ".lock",
    "Pipfile", "requirements", "lock.json", "lock.yaml", "lockb", "pom.xml", "build.gradle", "go.mod", "Gemfile",
    "composer.json", ".csproj", "alembic", "env.py", "migration", "changelog", ".sql", "migrate", "Migrations",
    "conftest.py", "pytest.ini", "_test.go", "spec", "phpunit", "routes.rb", "artisan", "manage.py", "Cargo.toml",
    "mix.exs", "atlas.hcl", "sqlc.", "diesel.toml", "_test.rb", "_test.exs", ".rs", "playwright.config", "cypress", "jest.", "vitest.",
    "factories/",
    "bin/rails", "nest-cli", "adonisrc", "symfony.lock", "bundles.php", "Rocket.toml", "micronaut-cli", "router.ex",
    "views/", "Views/", "Pages/", "templates/", "_html", "_json.ex", ".travis", "bitbucket-pipelines", ".drone",
    ".buildkite", "appveyor", "postman_collection", "jbuilder", "drizzle.config", "_journal", "fixtures/",
    "-schema.", ".sequelizerc",
)  # fmt: skip


_HINT = re.compile("|".join(re.escape(hint) for hint in _STRUCTURE_HINTS))


def file_signals(path: str) -> Iterator[Signal]:
    """Signals from a file's path alone (CI, containers, package managers, migrations, test layouts, framework
    CLIs and view templates)."""
    if not _HINT.search(path):
        return
    for pattern, kind, value in STRUCTURE_FILES:
        if pattern.search(path):
            yield Signal(
                kind, value, STRUCTURE, Seen(path, None, "file present"), "structure", role_of((kind, value), None)
            )
