"""Which readers a source file is for, decided in one pass over its text.

Before anything parses a file it is asked several questions: does it show a route, a model, auth, a table, an
environment variable, a name bound to a path? Each question is a long alternation of literals. Python's
backtracking engine tries every alternative at every position (about 100 ns a character: 13 ms for a 100 kB file
that shows none of them, and most files show none), so the questions cost more than the parsing they save. RE2
answers all of them with one automaton, in time linear in the text (about 2 ns a character), and cannot backtrack.

The patterns are plain strings in the syntax RE2 and Python share (no look-around, no back-references), so a test
can check RE2's answers against Python's on real files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

import re2

__all__ = [
    "AUTH",
    "ENTITY",
    "ENV",
    "HINT_PATTERNS",
    "PATH_CONSTANT",
    "ROUTE",
    "ROUTE_OR_MODEL",
    "SERVER_MARKERS",
    "TABLE",
    "Prefilter",
    "file_hints",
    "linear",
]

# a name bound to a string that starts with `/` (a path constant, a settings default): routes elsewhere may use it
PATH_CONSTANT_PATTERN = r"""[=:][ \t]*[frbu$@]?["'`]/[\w{}:.$"'`-]"""  # `"/api"`, and a root `"/"` (a base path)
# Markers of routes that live outside the usual route calls: a JAX-RS application, Django url lists and views,
# DRF viewsets, ASP.NET attributes a repository writes itself and its route token transformer, Flask views and
# resources, Go handlers that check the method themselves, FastEndpoints' endpoint classes.
SERVER_MARKERS = (
    r"@ApplicationPath|ServletContainer|ViewSet|View\):|urlpatterns|Http(?:Get|Post|Put|Patch|Delete)Attribute|"
    r"IActionHttpMethodProvider|IRouteTemplateProvider|api_view|request\.method|@require_|ParameterTransformer|"
    r"MethodView|Resource\(|\.Method[ \t]*[!=]=|Phoenix\.Endpoint|add_url_rule|\.mount\(|override void Configure\(\)"
)

# Bits of a file's hints, one per question.
ROUTE = 1  # parse it for routes: a route marker, or a name bound to a path-like string
ROUTE_OR_MODEL = 2  # keep its code for the route and model finders
AUTH = 4  # read it for auth
TABLE = 8  # read it for the tables a migration or schema builder makes
ENTITY = 16  # read a class-based language's file for entity fields
ENV = 32  # look for environment variable names
PATH_CONSTANT = 64  # a name bound to a path

HINT_PATTERNS: dict[int, str] = {
    ROUTE: (
        r"[Rr]oute|[Rr]outer|Mapping|@(?:Get|Post|Put|Patch|Delete)\b|\.(?:get|post|put|patch|delete|GET|POST|Get|"
        r"Post|Put|Delete|Patch)\(|Controller|Blueprint|HandleFunc|Handle\(|\.Group\(|MapGet|MapPost|MapPut|MapDelete|"
        r"MapGroup|\[Http(?:Get|Post|Put|Patch|Delete)|#\[(?:get|post|put|patch|delete|endpoint)|\bpath\(|Mount\(|mount\(|"
        r"\.nest\(|\.use\(|register|routing|scope|setGlobalPrefix|ApiVersion|@Path\(|@(?:GET|POST|PUT|PATCH|DELETE)\b|"
        r"Handler\)|def on_(?:get|post|put|patch|delete)\b|Grape::|API::Base|hash_branch|< Roda\b|@Resource\(|"
        r"\.service\(|operations[ \t]*=[ \t]*\{|\(\w+,[ \t]*[\"']/|" + SERVER_MARKERS + "|" + PATH_CONSTANT_PATTERN
    ),
    ROUTE_OR_MODEL: (
        r"route|Route|router|Router|Mapping|@(Get|Post|Put|Patch|Delete)|\.(get|post|put|patch|delete)\(|"
        r"\.(GET|POST|Get|Post)\(|Model|Entity|Schema|struct|resources?\s+:|DbSet|urlpatterns|register\(|"
        r"Map(?:Get|Post|Put|Patch|Delete|Group)\b|include_router|Blueprint|Controller|lassMap<|Mongoid|Grape::|"
        r"API::Base|Handler\)|ApiResource|def on_(?:get|post|put|patch|delete)|hash_branch|< Roda\b|@Resource\(|"
        r"Repository\w*<|IMongoCollection<|GetCollection<|web::scope\(|\.service\(|Mapped|Column|__tablename__|ApplicationRecord|"
        r"gorm|mongoose|setGlobalPrefix|routing|HandleFunc|Handle\(|\.Group\(|@Path|@GET|#\[(get|post|put|patch|delete|oai|endpoint)|"
        r"resources\s+\"|scope\s+\"|schema\s+\"|Table\(|BaseModel|ent\.Field|FromRow|Queryable|DeriveEntityModel|"
        r"ApiVersion|\.define\(\s*['\"]\w+['\"]\s*,\s*\{|\b(get|post|put|patch|delete)\s+['\"]|web\.(get|post)|"
        r"get;\s*set;|:router\b|ActiveRecord|register_blueprint|@Document|@TableName|attributes do\b|"
        r"relationships do\b|\battributes:[ \t]*\{|" + SERVER_MARKERS
    ),
    AUTH: (
        r"(?i:api[_-]?key)|X-API|Basic |Auth::Basic|AbstractBasic|basicAuthCredentials|[Bb]asic[_]?[Aa]uth|"
        r"http_basic|jwt|JWT|Jwt|"
        r"Joken|jsonwebtoken|JsonWebToken|jose|webauthn|WebAuthn|passkey|"
        r"openid|oidc|OIDC|OpenIdConnect|grant_type|put_session|get_session|sessionAttribute|SignInAsync|AddCookie|"
        r"login_user|\.session\b|\$_SESSION|AddBasic|RubySaml|Net::LDAP|WebAuthn::|httpBasic|formLogin|oauth2Login|"
        r"rememberMe|AUTHENTICATION_BACKENDS|INSTALLED_APPS|plug Ueberauth|auth:api|OidcUser|omniauth|"
        r"OmniAuth::Builder|request\.authorization|session\[|getSession|enable :sessions|Rack::Session|"
        r"socialProviders|rodauth|SessionHandler|SessionFactory|set_session_factory|SetSession|sessionGuard|"
        r"Adonis/Addons/Auth|:eldap|ldap_bind\(|Add(?:Google|Facebook|MicrosoftAccount|Twitter|GitHub|OAuth)\b|"
        r"with_http_token|server_metadata_url|TokenAuthentication|authorization_code|AuthCodeURL|[\"'`]Token |"
        r"cookies(?:\.permanent)?\.(?:signed|encrypted)\[|setcookie\(|\$_COOKIE\[|SetCookie\(|\.[Cc]ookie\(|\.cookies\b|"
        r"(?i:(?:api|auth)[_-]?token|x-[\w-]{1,40}-(?:key|token)|webauthn)|Oidc|fetch_session|configure_session|"
        r"UseSession|session\.get\(|import [^\n]*\bsession\b|'driver' => '(?:session|jwt)'|oauth2\.Config\{|"
        r"(?i:[\x22']authorization[\x22'])|Request\.Cookies\[|AuthenticationHandler<|Cookie::(?:build|new)\(|HTTPBasic|SetCookie\(|oauth2?/(?:access_)?token|oauth2?/authorize|authorize_url"
    ),
    TABLE: (
        r"create_table|alter_table|add_column|Schema::create|Schema::table|createTable|alterTable|addColumn|"
        r"\bTable\("
    ),
    ENTITY: (
        r"@Entity|@Table|@Document|@MappedEntity|@MappedSuperclass|DbSet<|DbContext|\[Table\(|@Column|: *\w*Table\(|"
        r"@Embeddable|@Node\b|@Collection"
    ),
    ENV: (
        r"environ|getenv|Getenv|LookupEnv|process\.env|ENV|env\(|\$\{|EnvironmentVariable|config\(|get_env|"
        r"fetch_env|env::var"
    ),
    PATH_CONSTANT: PATH_CONSTANT_PATTERN,
}


def file_hints(code: str) -> int:
    """The hints a text shows, as bits (`ROUTE | AUTH`, …): one linear pass, whatever its size."""
    found, bits = _hint_set()
    hints = 0
    for index in found.candidates(code):
        hints |= bits[index]
    return hints


@cache
def _hint_set() -> tuple[Prefilter, tuple[int, ...]]:
    """One prefilter of every hint (built once per process), and the bit of each of its patterns."""
    return Prefilter([re.compile(pattern) for pattern in HINT_PATTERNS.values()]), tuple(HINT_PATTERNS)


# Python flags RE2 takes inline: the only ones the project's patterns use.
_INLINE = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))


def linear(pattern: re.Pattern[str]) -> Any:
    """A pattern asked of every listed path (is it a test's, a sample's, a migration's?), in RE2 when RE2 reads it:
    a long alternation anchored at each `/` costs Python's engine about 10 µs a path, RE2 about 2 µs. Its
    `.search` answers as Python's does (the project's path patterns are ASCII); a pattern RE2 cannot read is
    Python's own."""
    flags = "".join(letter for flag, letter in _INLINE if pattern.flags & flag)
    try:
        return re2.compile(f"(?{flags}){pattern.pattern}" if flags else pattern.pattern)
    except re2.error:
        return pattern


class Prefilter:
    """Which of many Python patterns match a text, found in one RE2 pass, and their matches found by RE2 as well (a
    long alternation that Python's engine needs 40 ms for on a 100 kB file takes RE2 under 1 ms). A pattern RE2
    cannot compile (look-around, back-references) is always a candidate and is searched by Python. RE2's `\\b`,
    `\\w` and `\\s` are ASCII: a word boundary after a non-ASCII letter is one more place a pattern may match."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self._patterns = list(patterns)
        self._set: Any = re2.Set.SearchSet(re2.Options())
        self._fast: list[Any] = []  # each pattern's RE2 form, None when RE2 cannot read it
        self._entries: list[int] = []  # the pattern each entry of the set is
        self._always: list[int] = []
        for index, pattern in enumerate(patterns):
            flags = "".join(letter for flag, letter in _INLINE if pattern.flags & flag)
            source = f"(?{flags}){pattern.pattern}" if flags else pattern.pattern
            try:
                self._fast.append(re2.compile(source))
                self._set.Add(source)
            except re2.error:
                self._fast.append(None)
                self._always.append(index)
            else:
                self._entries.append(index)
        self._set.Compile()

    def candidates(self, text: str) -> list[int]:
        """The indices of the patterns that may match, in order."""
        found = [self._entries[i] for i in self._set.Match(text) or ()]
        return sorted(found + self._always) if self._always else sorted(found)

    def search(self, index: int, text: str) -> Any:
        """The first match of one pattern (RE2's when it reads the pattern), or None."""
        fast = self._fast[index]
        return fast.search(text) if fast is not None else self._patterns[index].search(text)

    def finditer(self, index: int, text: str) -> Iterator[Any]:
        """Every match of one pattern."""
        fast = self._fast[index]
        return fast.finditer(text) if fast is not None else self._patterns[index].finditer(text)
