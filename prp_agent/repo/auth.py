"""How the application authenticates, read from its syntax trees: what its code calls and which request fields it
reads, beside the libraries it imports (`repo/packages.py`).

Each finding is a signal with evidence (file, line, what was seen). What only tests, mocks and test helpers do is
marked `test` and establishes nothing: a JWT library a mock identity server uses is not the application's auth.

| kind | seen as |
|---|---|
| session | framework session calls (`put_session`, `sessionAttribute`, `SignInAsync`, `login_user`, cookie auth) |
| JWT | a JWT auth framework (`AddJwtBearer`, `create_access_token`), a JWT library verifying (`jwt.verify`) |
| API key | an API-key header or query parameter read by the application (`X-API-Key`, `api_key`) |
| HTTP Basic | basic credentials parsed or required (`BasicAuth()`, `"Basic "`, `AddBasic`, `http_basic_…`) |
| OpenID Connect | a discovery document fetched (`.well-known/openid-configuration`), OIDC setup calls |
| OAuth2 server | a token endpoint that reads several grant types |
| WebAuthn | passkey ceremonies (`BeginRegistration`, `start_passkey_registration`, `verifyRegistrationResponse`) |

A JWT library that only signs tokens (for another service: a GitHub App, a chat widget) or only reads an OpenID
Connect provider's tokens is not the application's JWT auth: it counts beside code that verifies tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prp_agent.repo.stack import STRUCTURE, Seen, Signal, environment_of, lookup
from prp_agent.repo.syntax import Call, SyntaxFile
from prp_agent.repo.types import FactKind

__all__ = ["auth_signals"]

# ASP.NET's external sign-in handlers (OAuth2 clients)
_ASP_NET_OAUTH = {"AddGoogle", "AddFacebook", "AddMicrosoftAccount", "AddTwitter", "AddGitHub", "AddOAuth"}
# ASP.NET's names, in C# only
_ASP_NET = {
    "AddCookie",
    "SignInAsync",
    "UseSession",
    "AddBasic",
    "AddJwtBearer",
    "AddJwtCookie",
    "AddOpenIdConnect",
} | _ASP_NET_OAUTH
_CALLS: dict[str, FactKind | str] = {
    # session
    "put_session": "session", "get_session": "session", "fetch_session": "session", "configure_session": "session",
    "sessionAttribute": "session", "SignInAsync": "session", "login_user": "session", "AddCookie": "session",
    "UseSession": "session", "sessionAttributeMap": "session",
    # HTTP Basic
    "BasicAuth": "HTTP Basic", "basicAuthCredentials": "HTTP Basic", "authenticate_with_http_basic": "HTTP Basic",
    "http_basic_authenticate_with": "HTTP Basic", "authenticate_or_request_with_http_basic": "HTTP Basic",
    "HTTPBasicAuth": "HTTP Basic", "parse_basic_auth": "HTTP Basic", "AddBasic": "HTTP Basic",
    "basicAuth": "HTTP Basic", "BasicAuthMiddleware": "HTTP Basic",
    # JWT
    "JWTManager": "JWT", "AddJwtBearer": "JWT", "AddJwtCookie": "JWT",  # Altinn's JWT carried in a cookie
    # WebAuthn
    "BeginRegistration": "WebAuthn", "FinishRegistration": "WebAuthn", "BeginLogin": "WebAuthn",
    "FinishLogin": "WebAuthn", "BeginDiscoverableLogin": "WebAuthn", "start_passkey_registration": "WebAuthn",
    "finish_passkey_registration": "WebAuthn", "start_passkey_authentication": "WebAuthn",
    "start_securitykey_registration": "WebAuthn", "generateRegistrationOptions": "WebAuthn",
    "verifyRegistrationResponse": "WebAuthn", "generateAuthenticationOptions": "WebAuthn",
    "verifyAuthenticationResponse": "WebAuthn",
    # OAuth2 login: golang.org/x/oauth2's redirect to the provider (a client fetching its own tokens makes none)
    "AuthCodeURL": "OAuth2",
    # OpenID Connect
    "AddOpenIdConnect": "OpenID Connect",
    **dict.fromkeys(_ASP_NET_OAUTH, "OAuth2"),
    # Spring Security's configuration DSL
    "httpBasic": "HTTP Basic", "formLogin": "session", "rememberMe": "session", "oauth2Login": "OAuth2",
    "oidcLogin": "OpenID Connect",
}  # fmt: skip
_SPRING_DSL = {"httpBasic", "formLogin", "rememberMe", "oauth2Login", "oidcLogin"}


def _disabled(syntax: SyntaxFile, call: Call) -> bool:
    """Whether a Spring Security DSL call switches its mechanism off: given `…::disable` (or `c -> c.disable()`), or
    chained into `.disable()`."""
    given = call.arguments is not None and "disable" in syntax.text(call.arguments)[:200]
    return given or syntax.data[call.node.end_byte : call.node.end_byte + 16].lstrip().startswith(b".disable(")


# Django settings that name the authentication packages in use
_DJANGO_LISTS = {"INSTALLED_APPS", "AUTHENTICATION_BACKENDS", "MIDDLEWARE", "REST_FRAMEWORK", "MFA_SUPPORTED_TYPES"}
# flask-jwt-extended's functions (the same names elsewhere are an application's own opaque tokens)
_PY_CALLS = {
    "create_access_token": "JWT",
    "create_refresh_token": "JWT",
    "decode_token": "JWT",
    # FastAPI's security schemes
    "HTTPBasic": "HTTP Basic",
    "APIKeyHeader": "API key",
    "APIKeyQuery": "API key",
    "APIKeyCookie": "API key",
}
# calls that look into a credential (a client builds `"Basic " + …` to send it)
_PARSERS = {"startswith", "startsWith", "HasPrefix", "starts_with", "starts_with?", "StartsWith", "split", "Split",
            "removeprefix", "TrimPrefix", "strip_prefix", "replace", "Replace", "substring", "slice", "CutPrefix",
            "match", "matches", "test", "index", "indexOf", "lstrip", "sub", "gsub", "explode",
            "str_starts_with"}  # fmt: skip
# calls on a receiver that names a token library: `jwt.encode`, `Jwts.builder()`, `JWT.create()`, `Joken.verify`
_JWT_RECEIVERS = re.compile(r"^(jwt|JWT|Jwts|jsonwebtoken|Joken(\.\w+)?|JwtUtil|jose|PyJWT|jwt_\w+)$")
_REQUEST = re.compile(r"(^|[.$])(req|request|httpRequest|servletRequest|httpServletRequest)$", re.IGNORECASE)
_JWT_VERIFIES = {"decode", "verify", "parser", "require", "parse", "peek_claims", "parserBuilder", "Parse", "NewParser",
                 "ParseSigned", "ValidateToken", "ValidateTokenAsync", "ReadJwtToken", "verify_token"}  # fmt: skip
_JWT_SIGNS = {"encode", "sign", "builder", "create", "SignedString", "WriteToken", "CreateToken", "CreateEncodedJwt",
              "authenticate"}  # fmt: skip
# files whose JWT library calls have no telling receiver: Rust's `use jsonwebtoken::{decode, encode}` and
# jwt-simple's `key.verify_token(...)`, a .NET token handler held in a variable (`handler.ValidateToken(...)`)
_JWT_FILES = {"Rust": re.compile(rb"jsonwebtoken|jwt_simple|jwt_compact|josekit"), "C#": re.compile(rb"TokenHandler")}
_JWT_IMPORTED = re.compile(
    rb"""import[ \t]*\{[^}]{0,200}\b(?:verify|decode|sign)\b[^}]{0,200}\}[ \t]*"""
    rb"""from[ \t]*["'](?:jsonwebtoken|jose)["']"""
)
# names only a token library's calls have, whoever receives them: jose's `jwtVerify(...)`, .NET's token handler,
# the functions `use Joken.Config` gives a module
_JWT_NAMES = {"jwtVerify": True, "JwtSecurityTokenHandler": False, "NewWithClaims": False, "ParseWithClaims": True,
              "ParseFromRequest": True,  # golang-jwt's `request.ParseFromRequest(r, extractor, keyFunc)`
              "verify_and_validate": True, "verify_and_validate!": True, "generate_and_sign": False,
              "generate_and_sign!": False, "verify_with_key": True, "sign_with_key": False}  # fmt: skip
# (the Rust `jwt` crate's `VerifyWithKey::verify_with_key(token, &key)` and `claims.sign_with_key(&key)`)
# code about an identity provider's tokens: the ID tokens an OpenID Connect login verifies, or issues as a provider
_OIDC_PATH = re.compile(r"oidc|openid", re.IGNORECASE)
# `X-API-Key`, `api_key`, `auth_token`, and an application's own `X-Gotify-Key`/`X-Outline-Token` header (not a CSRF
# token's)
_API_KEY_NAME = re.compile(
    r"""^['"`]?(?:(x-)?(api[-_]?key|apikey|api[-_]?token|auth[-_]?token)|x-(?![\w-]*[cx]srf)[\w-]{1,40}-(?:key|token|api[-_]?key))['"`]?$""",
    re.IGNORECASE,
)
_BASIC_LITERAL = re.compile(r"""^['"`@$]*Basic( realm)?[ =]""")
# a signed or encrypted cookie that holds who signed in (Rails: `cookies.permanent.signed[:user_id] = user.id`)
_USER_COOKIE = re.compile(
    rb"cookies(?:\.permanent)?\.(?:signed|encrypted)\[[ \t]*[:'\"]?\w{0,40}(?:user|account|member)"
)
# where code that signs users in lives, and not an integration's or a client's connection to another service
# (nor a catalog of apps an automation tool connects to, each with its own `apps/airtable/auth/`)
_ELSEWHERE = r"integration|client|webhook|connector|notif|importer"  # a connection to another service
_SIGN_IN_PATH = re.compile(
    rf"(?i)^(?!.*(?:{_ELSEWHERE}|/apps/[\w.-]+/auth/))"
    r".*(?:auth|login|sso|signin|social|user|account|identity)"
)
# a session cookie the application writes or reads itself: PHP's `setcookie(SESSION_COOKIE_NAME, …)` and
# `$_COOKIE['app_session']`, Go's `http.SetCookie(w, &http.Cookie{Name: "session", …})` (or a constant named for
# it, on the next line), Express's `res.cookie("sid")` and `req.cookies.token`
# Express: a session cookie written (`res.cookie("sid")`), or a sign-in's token read back from its cookie on each
# request (`request.cookies.token`)
_EXPRESS_COOKIE = re.compile(
    rb"\bres\.cookie\([ \t]*['\"`][\w-]{0,40}(?:sess|sid\b)|"
    rb"\breq(?:uest)?\.cookies(?:\.|\[[ \t]*['\"`])(?:token|jwt|auth\w*|access_?token|session\w*|sid)\b"
)
_SESSION_COOKIE = {
    "PHP": re.compile(rb"(?i)(?:\bsetcookie\(|\$_COOKIE\[)[ \t]*[^,\])\n]{0,80}sess"),
    # `http.SetCookie(w, &http.Cookie{Name: "session", …})` across lines; gin's `c.SetCookie(CookieSession, …)`; a
    # handler reading its session cookie back (`r.Cookie("session_token")`)
    "Go": re.compile(
        rb"SetCookie\([^;]{0,200}?Name:[ \t]*(?:\"[\w-]{0,40}|\w{0,40})[Ss]ess|"
        rb"\.SetCookie\([ \t]*(?:\"[\w-]{0,40}|[\w.]{0,60})(?i:sess)|"
        rb"\b(?:r|req|request)\.Cookie\([ \t]*\"[\w-]{0,40}(?i:sess)"
    ),
    "JavaScript": _EXPRESS_COOKIE,
    "TypeScript": _EXPRESS_COOKIE,
    # a cookie the application builds for its session or signed-in user (`Cookie::build((SESSION_COOKIE_NAME, id))`,
    # `Cookie::build(("user_id", user.id.to_string()))` into a signed jar)
    "Rust": re.compile(
        rb"Cookie::(?:build|new)\([ \t]*\(?[ \t]*(?:\"[\w-]{0,40}|[A-Za-z_]{0,40})(?i:session|user_?id)"
    ),
    # an authentication handler reading its own sign-in cookie (`Request.Cookies[StaticHelper.LoginCookieName]`)
    "C#": re.compile(rb"Request\.Cookies\[[^\]\n]{0,80}(?:[Ll]ogin|[Ss]ess|[Aa]uth)[^\]\n]{0,40}\]"),
}
_SETTINGS = re.compile(r"(?i)(?:^|[._])(?:config|conf|settings|options|opts|env|secrets|credentials|cfg)$")
_TOKEN_LITERAL = re.compile(r"""^['"`@$]*Token[ =]""")  # `Authorization: Token <key>`: a key the application issued
_DISCOVERY = ".well-known/openid-configuration"
_FLASK_SESSION = re.compile(rb"(?m)^[ \t]*from[ \t]+flask[ \t]+import[ \t]+[^\n]*\bsession\b")
# Starlette's and Django's session written at sign-in: `request.session["user_id"] = user.id`
_REQUEST_SESSION = re.compile(rb"\brequest\.session\[[^\]\n]{1,60}\][ \t]*=[^=]")
# an authorization code exchanged at a login provider's token endpoint, or a user sent to its consent page: an
# OAuth2 login written by hand (`http.NewRequest("POST", "https://github.com/login/oauth/access_token", …)`)
_PROVIDER_OAUTH = re.compile(
    rb"github\.com/login/oauth/(?:access_token|authorize)|accounts\.google\.com/o/oauth2/|"
    rb"oauth2\.googleapis\.com/token|login\.microsoftonline\.com/[\w{}.-]{1,60}/oauth2/|"
    rb"discord(?:app)?\.com/api/oauth2/(?:token|authorize)|gitlab\.com/oauth/(?:token|authorize)"
)
# a grant type written into a request body (`grant_type: 'authorization_code'`, `("grant_type", "refresh_token")`,
# `'grant_type' => 'password'`), not compared with one read (`grant_type == "password"`)
_WRITES_GRANT = re.compile(
    rb"""\bgrant_type["']?[ \t]*(?:=>|[:=,])[ \t]*"""
    rb"""["'](?:authorization_code|refresh_token|client_credentials|password)["']"""
)
# what a sign-in asks the provider for: the user's identity (scopes, or the profile it fetches), not an
# integration's access to calendars, repositories or ads
_IDENTITY = re.compile(
    rb"user:email|read:user|userinfo\.(?:email|profile)|/userinfo\b|api\.github\.com/user\b|"
    rb"graph\.microsoft\.com/v1\.0/me\b|discord(?:app)?\.com/api/(?:v\d+/)?users/@me|gitlab\.com/api/v4/user\b"
)
_NOT_SIGN_IN = re.compile(rf"(?i){_ELSEWHERE}")
# (not `headers['X-Api-Key'] = key`: a header set on a request sent)
_HEADER_SUBSCRIPT = re.compile(r"""[Hh]eaders?\[\s*(?:["']([\w-]{1,60})["']|([A-Za-z_]\w{0,60}))\s*\](?![ \t]*=[^=])""")
_ASSIGNED = re.compile(rb"""["'`][ \t]*\][ \t]*=[^=]""")  # `headers['X-Api-Key'] = …`: set, not read
# a name among other names in a list (`SENSITIVE_KEYS = ['api_key', 'x-api-key', …]`: what logs mask)
_NAME_LIST = re.compile(rb"\[[\s\w'\".-]*,[\s\w'\",.-]*$")
# a header written into the headers of a request this code sends: `headers: { 'X-Api-Key': apiKey }`
_SENT_HEADERS = re.compile(rb"headers[\"']?[ \t]*[:=][ \t]*\{[^{}]*$", re.IGNORECASE)
_BASIC_MIDDLEWARE = re.compile(r"(Auth::Basic|BasicAuth|basicAuth|basic_auth)$")
_MIDDLEWARE = {"use", "plug", "Use", "UseMiddleware", "wrap", "middleware", "register", "add_middleware", "layer"}
# request accessors that read a header, query parameter or cookie (a client *sets* headers with two arguments)
_READERS = {"get", "Get", "getHeader", "get_header", "get_req_header", "GetHeader", "query", "Query", "queryParam",
            "queryParams", "param", "params", "get_param", "header", "headers", "Header", "getParameter",
            "GetValueOrDefault", "TryGetValue", "fetch", "cookie", "cookies", "Values", "get_query_param"}  # fmt: skip
# a key header: `X-API-Key`, or an application's own (`'mirlo-api-key'`)
_API_KEY_HEADER = re.compile(rb"""\bX-API-Key\b|(?<=["'`])\w{1,30}-api-key(?=["'`])""", re.IGNORECASE)
# a stored key looked up: `getUserByApiKey(key)`, `AccountService.objects.get(api_key=key)`, `find_by(api_key: k)`,
# `findUnique({where: {apiKey}})`, a query builder's `->where('api_key', $key)`
_KEY_LOOKUP = re.compile(
    rb"""\b(?:get|find|fetch|lookup|load)\w{0,30}?By_?Api_?Key\b|(?:objects\.get|\.filter|filter_by|find_by|"""
    rb"""findOne|findFirst|findUnique|where)\(\s*(?:\{\s*(?:where\s*:\s*\{\s*)?)?["']?api_?key["']?\s*[:=]|"""
    rb"""\bwhere\(\s*["']api_?key["']\s*,""",
    re.IGNORECASE,
)
# What a file that calls other services shows: an HTTP client
_HTTP_CLIENT = re.compile(
    rb"\b(?:Faraday|HTTParty|Net::HTTP|RestClient|HttpClient|WebClient|RestTemplate|OkHttp|reqwest|axios|got\(|"
    rb"fetch\(|requests\.|httpx\.|aiohttp\.ClientSession|http\.NewRequest|Req\.|Tesla\.|HTTPoison|Finch|"
    rb"WithHeader\(|Guzzle|curl_|HttpRequest\.newBuilder)"
)
# AdonisJS's auth config naming a session guard (`web: { driver: 'session' }`)
_ADONIS_SESSION = re.compile(rb"""\bdriver:[ \t]*['"]session['"]""")
# a Devise OmniAuth provider (`config.omniauth :github`) or one in an OmniAuth::Builder (`provider :github, …`)
_OMNIAUTH_OAUTH2 = re.compile(
    rb"(?:config\.omniauth|^[ \t]*provider)[ \t]+:(?!openid_connect\b|saml\b|ldap\b|developer\b|cas\b)\w+", re.M
)
LARAVEL_JWT_GUARD = "Laravel guard on the jwt driver"
# a provider registered by its endpoints (authlib's `oauth.register("github", authorize_url=…, access_token_url=…)`):
# a plain OAuth2 login, even in a file that registers OpenID Connect providers beside it
PLAIN_OAUTH = "registers an OAuth2 provider by its endpoints"
API_GUARD = "the token guard (auth:api)"  # a JWT when the `api` guard's driver is jwt
_MARKERS: dict[bytes, tuple[str, str]] = {
    b"basicAuthCredentials(": ("HTTP Basic", "reads basic credentials"),
    b"Rack::Auth::Basic": ("HTTP Basic", "Rack::Auth::Basic"),
    b"Sabre\\DAV\\Auth\\Backend\\AbstractBasic": ("HTTP Basic", "a sabre/dav Basic auth backend"),
    b"authenticate_with_http_basic": ("HTTP Basic", "authenticate_with_http_basic"),
    b"http_basic_authenticate_with": ("HTTP Basic", "http_basic_authenticate_with"),
    b"OneLogin::RubySaml": ("SAML", "OneLogin::RubySaml"),
    b"'auth:api'": ("API key", API_GUARD),
    b"OidcUser": ("OpenID Connect", "OIDC users"),
    b"config.omniauth :openid_connect": ("OpenID Connect", "Devise OmniAuth OpenID Connect"),
    b"provider :openid_connect": ("OpenID Connect", "OmniAuth OpenID Connect"),
    b"request.authorization": ("HTTP Basic", "reads request.authorization"),
    b"OidcIdToken": ("OpenID Connect", "OIDC ID tokens"),
    b"Net::LDAP": ("LDAP", "Net::LDAP"),
    b"enable :sessions": ("session", "Sinatra sessions"),
    b"Rack::Session::": ("session", "a Rack session middleware"),
    b"WebAuthn::Credential": ("WebAuthn", "WebAuthn::Credential"),
    b"WebAuthn::RelyingParty": ("WebAuthn", "WebAuthn::RelyingParty"),
    b"socialProviders:": ("OAuth2", "better-auth social providers"),
    b"plugin :rodauth": ("session", "Rodauth"),
    b":eldap.simple_bind(": ("LDAP", "Erlang's eldap bind"),
    b"SessionHandler.create(": ("session", "Vert.x SessionHandler"),
    b"set_session_factory(": ("session", "Pyramid session factory"),
    b"ISessionFactory": ("session", "Pyramid session factory"),
    b"sessionGuard(": ("session", "AdonisJS session guard"),
    b"'driver' => 'session'": ("session", "Laravel session guard"),  # config/auth.php's `web` guard
    b"'driver' => 'jwt'": ("JWT", LARAVEL_JWT_GUARD),  # tymon/jwt-auth's guard (php-open-source-saver's too)
    b"server_metadata_url": ("OpenID Connect", "registers an OIDC provider by its discovery document"),
    b"openidConnect.New(": ("OpenID Connect", "goth's OpenID Connect provider"),
    b"authenticate_with_http_token": ("API key", "authenticate_with_http_token"),
    b"authenticate_or_request_with_http_token": ("API key", "authenticate_or_request_with_http_token"),
    b"rest_framework.authentication.TokenAuthentication": ("API key", "DRF token authentication"),
}
# Rodauth features (`enable :login, :webauthn, :omniauth`) and the auth kinds they give
_RODAUTH_FEATURES = {"webauthn": "WebAuthn", "webauthn_login": "WebAuthn", "omniauth": "OAuth2",
                     "oauth_authorization_code_grant": "OAuth2 server", "oidc": "OAuth2 server",
                     "http_basic_auth": "HTTP Basic", "jwt": "JWT"}  # fmt: skip


def _reads(name: str, arguments: int) -> bool:
    """Whether a call with an API-key name reads it from the request (one argument, or a default beside it)."""
    return name in _READERS and (arguments == 1 or name not in {"header", "Header", "headers"})


# a grant type read from a request (`r.FormValue("grant_type")`, gin's `c.PostForm("grant_type")`,
# `params[:grant_type]`, `req.body.grant_type`, `request.form.get("grant_type")`)
_READS_GRANT = re.compile(
    rb"(?:FormValue|PostForm|GetPostForm|Query|form|POST|params|query|body|data)(?:\.get)?[ \t]*[\[(.][ \t]*"
    rb"""[:"']?grant_type\b"""
)
_GRANT_TYPES = re.compile(
    r"""["'](client_credentials|authorization_code|refresh_token|password|urn:ietf:params:oauth:grant-type:[\w-]+)["']"""
)


def auth_signals(syntax: SyntaxFile, has_routes: bool) -> Iterator[Signal]:
    """Auth signals of one parsed file; `has_routes` says whether the file registers routes (a token endpoint
    is one that does, or a controller)."""
    role = "test" if environment_of(syntax.path) == "test" or _helper(syntax.path) else None
    seen: set[str] = set()

    def found(kind: str, line: int, note: str) -> Iterator[Signal]:
        if kind not in seen:
            seen.add(kind)
            yield Signal("auth", kind, STRUCTURE, Seen(syntax.path, line, note), "config", role)

    constants = {a.name: syntax.text(a.value) for a in syntax.assigns if a.value.type in _STRINGS}
    token_calls: list[tuple[bool, int, str]] = []  # JWT library calls: (verifies a token, line, note)
    jwt_marker = _JWT_FILES.get(syntax.language)
    library_file = jwt_marker is not None and jwt_marker.search(syntax.data) is not None
    # `import { verify } from "jsonwebtoken"`: its functions called bare (`verify(token, key)`), not `JSON.parse`
    bare_file = syntax.language in {"JavaScript", "TypeScript"} and _JWT_IMPORTED.search(syntax.data) is not None
    for call in syntax.calls:
        kind = _CALLS.get(call.name) or (_PY_CALLS.get(call.name) if syntax.language == "Python" else None)
        if call.name in _ASP_NET and syntax.language != "C#":
            kind = None  # Go's `req.AddCookie(…)` puts a cookie on a request a client sends
        elif call.name in _SPRING_DSL and _disabled(syntax, call):
            kind = None  # `.formLogin(AbstractHttpConfigurer::disable)`, `.httpBasic().disable()`: switched off
        elif call.name == "HTTPBasicAuth" and call.args:
            kind = None  # requests' `HTTPBasicAuth(user, password)` sends credentials; Flask-HTTPAuth's takes none
        elif call.name == "get_session" and syntax.language == "Python":
            # aiohttp-session's `get_session(request)`; a bare `get_session()` hands out a database session
            kind = kind if any(_REQUEST.search(syntax.text(a)) for a in call.args) else None
        if kind is not None:
            yield from found(str(kind), call.line, f"calls {call.name}")
            continue
        receiver = syntax.text(call.receiver) if call.receiver is not None else ""
        if call.name == "basic_auth" and not receiver:  # Plug.BasicAuth; `.basic_auth()` on a client is outgoing
            yield from found("HTTP Basic", call.line, "calls basic_auth")
            continue
        if syntax.language == "Elixir" and call.name in {"plug", "use", "forward"} and call.args:  # `plug Ueberauth`
            module = syntax.text(
                call.args[-1] if call.name == "forward" else call.args[0]
            )  # `forward "/", Samly.Router`
            for fact_kind, value in lookup(module.lower(), "elixir") + lookup(module.split(".")[0].lower(), "elixir"):
                if fact_kind == "auth":
                    yield from found(value, call.line, f"{call.name} {module}")
        if syntax.language == "Elixir" and receiver[:1].isupper() and not call.name.startswith("encode"):
            # modules are called, not imported (`Plug.BasicAuth.encode_basic_auth` builds a header to send)
            for fact_kind, value in lookup(receiver.lower(), "elixir") + lookup(
                receiver.split(".")[0].lower(), "elixir"
            ):
                if fact_kind == "auth":
                    yield from found(value, call.line, f"calls {receiver}.{call.name}")
        if call.name == "getSession" and _REQUEST.search(receiver):  # a servlet's or a PSR-7 request's session
            yield from found("session", call.line, f"calls {receiver}.getSession")
            continue
        verifies = _jwt_call(call.name, receiver, library_file or (bare_file and not receiver))
        if call.name == "JWT" and receiver == "jwt" and {"jwt", "key"} <= set(call.keywords):
            verifies = True  # jwcrypto's `jwt.JWT(jwt=token, key=key)`: the token read and its signature checked
        if verifies is not None:
            token_calls.append((verifies, call.line, f"calls {receiver + '.' if receiver else ''}{call.name}"))
            continue
        if call.arguments is None or call.arguments.end_byte - call.arguments.start_byte > 2000:
            continue
        for arg in call.args[:3]:
            text = syntax.text(arg)
            if arg.type in {"identifier", "simple_identifier", "constant", "name"} and text in constants:
                text, arg_is_string = constants[text], True  # `Get(queryApiKey)` with `queryApiKey = "api_key"`
            else:
                arg_is_string = arg.type in _STRINGS
            if not arg_is_string:
                if _DISCOVERY in text:
                    yield from found("OpenID Connect", call.line, "fetches the OIDC discovery document")
                elif call.name in _MIDDLEWARE and _BASIC_MIDDLEWARE.search(text) and len(text) < 80:
                    yield from found("HTTP Basic", call.line, f"uses {text}")
                continue
            if (
                _API_KEY_NAME.match(text.strip("'\"`"))
                and _reads(call.name, len(call.args))
                and not _SETTINGS.search(receiver)
            ):  # (`self.config.get("api_key")`: a key the application holds to call another service)
                yield from found("API key", call.line, f"reads {text.strip()}")
            elif _BASIC_LITERAL.match(text) and call.name in _PARSERS:
                yield from found("HTTP Basic", call.line, "parses Basic credentials")
            elif _TOKEN_LITERAL.match(text) and call.name in _PARSERS and not _HTTP_CLIENT.search(syntax.data):
                yield from found("API key", call.line, "parses an `Authorization: Token` key")
            elif _DISCOVERY in text:
                yield from found("OpenID Connect", call.line, "fetches the OIDC discovery document")
    if token_calls:  # an ID token a sign-in takes from its code exchange is the identity provider's, not ours
        yield _token_signal(syntax.path, token_calls, role or ("oidc" if _takes_id_token(syntax.data) else None))
    if syntax.language == "Python" and _FLASK_SESSION.search(syntax.data):  # `session["user"] = …`
        yield from found("session", 1, "Flask session")
    session = _REQUEST_SESSION.search(syntax.data) if b"request.session[" in syntax.data else None
    if session is not None:
        yield from found("session", syntax.data.count(b"\n", 0, session.start()) + 1, "writes request.session")
    if b"access_token_url" in syntax.data and b"authorize_url" in syntax.data and not _NOT_SIGN_IN.search(syntax.path):
        yield from found("OAuth2", syntax.data[: syntax.data.find(b"authorize_url")].count(b"\n") + 1, PLAIN_OAUTH)
    signs_in = b"oauth" in syntax.data and not _NOT_SIGN_IN.search(syntax.path) and _IDENTITY.search(syntax.data)
    provider = _PROVIDER_OAUTH.search(syntax.data) if signs_in else None
    if provider is not None:
        line = syntax.data.count(b"\n", 0, provider.start()) + 1
        yield from found("OAuth2", line, f"signs in at {provider.group().decode()}")
    if b"eader" in syntax.data:  # `request.headers["X-Server-API-Key"]`: a header read by subscript
        for match in _HEADER_SUBSCRIPT.finditer(syntax.data.decode("utf-8", "replace")):
            name = match.group(1) or constants.get(match.group(2) or "", "").strip("'\"`@")  # `[ApiKeyHeader]`
            if _API_KEY_NAME.match(name):
                line = syntax.data.count(b"\n", 0, match.start()) + 1
                yield from found("API key", line, f"reads {name}")
                break
    if syntax.language == "Ruby" and b"plugin :rodauth" in syntax.data:
        for call in syntax.calls:
            if call.name == "enable" and call.receiver is None:
                for feature in re.findall(r":(\w+)", syntax.text(call.node)[:3000]):
                    if feature in _RODAUTH_FEATURES:
                        yield from found(_RODAUTH_FEATURES[feature], call.line, f"Rodauth feature {feature}")
    if b"Adonis/Addons/Auth" in syntax.data and (guard := _ADONIS_SESSION.search(syntax.data)) is not None:
        yield from found("session", syntax.data.count(b"\n", 0, guard.start()) + 1, "AdonisJS session guard")
    if syntax.language == "Go" and _go_code_exchange(syntax.data) and _SIGN_IN_PATH.search(syntax.path):
        at = syntax.data.find(b"oauth2.Config{")
        yield from found("OAuth2", syntax.data.count(b"\n", 0, at) + 1, "exchanges an authorization code")
    if syntax.language == "Go" and b".SetSession(" in syntax.data and b"beego" in syntax.data:
        yield from found("session", 1, "Beego controller sessions")
    omniauth = b"omniauth" in syntax.data or b"OmniAuth::Builder" in syntax.data
    if omniauth and (social := _OMNIAUTH_OAUTH2.search(syntax.data)) is not None:
        # an OmniAuth provider that signs in with OAuth2 (OpenID Connect, SAML and LDAP are their own kinds)
        yield from found("OAuth2", syntax.data.count(b"\n", 0, social.start()) + 1, "OmniAuth providers")
    lowered = syntax.data.lower()
    keyed = b"api-key" in lowered or b"apikey" in lowered or b"api_key" in lowered  # cheap before the patterns
    key_header = _API_KEY_HEADER.search(syntax.data) if keyed else None
    before = (max(0, key_header.start() - 300), key_header.start()) if key_header is not None else (0, 0)
    if key_header is not None and (
        _SENT_HEADERS.search(syntax.data, *before)
        or _NAME_LIST.search(syntax.data, *before)
        or _ASSIGNED.match(syntax.data, key_header.end())
    ):  # `headers: {'X-Api-Key': key}`, `headers['X-Api-Key'] = key`: what a client sends; `['api_key', …]`: names
        key_header = None
    if key_header is not None and not _HTTP_CLIENT.search(syntax.data):
        # the header named where a server reads it (a strategy's options, a converter); a file that sends requests
        # names it for the service it calls
        yield from found("API key", syntax.data.count(b"\n", 0, key_header.start()) + 1, "API key header")
    if b"authorization" in lowered and b"jwt" not in lowered and (by := _TOKEN_LOOKUP.search(syntax.data)):
        # the caller's `Authorization` token looked up among stored ones (`Repo.get_by(User, token: token)`)
        yield from found("API key", syntax.data.count(b"\n", 0, by.start()) + 1, "looks up the caller's stored token")
    if _static_bearer(syntax.data, lowered):
        at = syntax.data.find(b"Bearer ")
        yield from found("API key", syntax.data.count(b"\n", 0, at) + 1, "bearer tokens compared with configured ones")
    if keyed and (stored := _KEY_LOOKUP.search(syntax.data)) is not None and not _HTTP_CLIENT.search(syntax.data):
        yield from found("API key", syntax.data.count(b"\n", 0, stored.start()) + 1, "looks up a stored API key")
    written = _SESSION_COOKIE.get(syntax.language)
    if written is not None and (cookie := written.search(syntax.data)) is not None:
        yield from found("session", syntax.data.count(b"\n", 0, cookie.start()) + 1, "a session cookie it sets itself")
    if syntax.language == "Ruby" and (cookie := _USER_COOKIE.search(syntax.data)) is not None:
        yield from found("session", syntax.data.count(b"\n", 0, cookie.start()) + 1, "a signed cookie holds the user")
    if syntax.language == "PHP" and b"ldap_bind(" in syntax.data:  # PHP's ldap extension
        yield from found("LDAP", syntax.data.count(b"\n", 0, syntax.data.find(b"ldap_bind(")) + 1, "calls ldap_bind")
    for marker, (kind, note) in _MARKERS.items():  # names specific enough to need no syntax (and grammar gaps)
        at = syntax.data.find(marker)
        if at >= 0:
            yield from found(kind, syntax.data.count(b"\n", 0, at) + 1, note)
    for assign in syntax.assigns:
        if syntax.language == "Python" and assign.name in _DJANGO_LISTS:
            for item in re.findall(r"""["']([\w.]+)["']""", syntax.text(assign.value)[:20000]):
                for fact_kind, value in lookup(item.split(".")[0]) + lookup(item):
                    if fact_kind == "auth":
                        yield from found(value, int(assign.node.start_point[0]) + 1, f"{assign.name} names {item}")
        if _DISCOVERY in syntax.text(assign.value)[:300]:
            yield from found("OpenID Connect", int(assign.node.start_point[0]) + 1, "names the OIDC discovery document")
    routes = has_routes and not _CLIENT_PATH.search(syntax.path)  # a client's `post("/oauth/token")` is no route
    if b"grant_type" in syntax.data:
        grants = set(_GRANT_TYPES.findall(syntax.data.decode("utf-8", "replace")))
        line = syntax.data[: syntax.data.find(b"grant_type")].count(b"\n") + 1
        reads = _READS_GRANT.search(syntax.data) is not None  # the grant type taken from the request: a server's
        # a login's callback exchanging its code at the provider (`{grant_type: 'authorization_code', code}` sent)
        sends = not reads and _WRITES_GRANT.search(syntax.data) is not None
        answers = (routes or "controller" in syntax.path.lower()) and len(grants) >= 2 and not sends
        if answers or (reads and grants):  # a grant type read from the request and checked: a token endpoint
            # a token endpoint answering several grant types (a client asks for one)
            yield from found("OAuth2 server", line, "token endpoint for " + ", ".join(sorted(grants)[:3]))
        elif grants == {"authorization_code"} and b"id_token" in syntax.data and _SIGN_IN_PATH.search(syntax.path):
            # a login that takes the identity provider's ID token from the code exchange
            yield from found("OpenID Connect", line, "exchanges an authorization code for an ID token")
        elif grants == {"authorization_code"} and b"redirect_uri" in syntax.data and _SIGN_IN_PATH.search(syntax.path):
            # an OAuth2 login (`oauth/provider/discord.provider.ts`); an integration's exchange connects an account
            yield from found("OAuth2", line, "exchanges an authorization code for a sign-in")


# a record found by a stored token: `Repo.get_by(User.active(), token: token)`, `User.find_by(api_token: t)`,
# `Token.objects.get(token=value)` (`Token.objects.get(key=…)` is DRF's own, read elsewhere)
_TOKEN_LOOKUP = re.compile(
    rb"\b(?:get_by|find_by|filter_by|findOne|findFirst|findUnique|objects\.(?:get|filter))\b[ \t(]{1,3}[^\n]{0,80}?"
    rb"\b(?:api_|access_|auth_)?token[\"']?[ \t]*(?::|=>|=)(?!=)"
)
# tokens an application keeps in its settings to compare a caller's with: `DM_API_AUTH_TOKENS`, `allowed_tokens`
_CONFIGURED_TOKENS = re.compile(rb"(?i)\b\w{0,30}(?:api|auth|access)_?tokens\b|\b(?:allowed|valid)_?tokens\b")


def _static_bearer(data: bytes, lowered: bytes) -> bool:
    """Whether a file reads the bearer token of a request's `Authorization` header and compares it with tokens
    from its settings, verifying no JWT (fixed tokens given to each client: API keys)."""
    if b"Bearer " not in data or b"authorization" not in lowered or b"jwt" in lowered or b"token" not in lowered:
        return False
    return _CONFIGURED_TOKENS.search(data) is not None and not _HTTP_CLIENT.search(data)


def _takes_id_token(data: bytes) -> bool:
    """Whether a file exchanges an authorization code and reads the ID token that comes back (a client of an
    OpenID provider); a provider answering several grant types issues ID tokens of its own."""
    if b"id_token" not in data or b"authorization_code" not in data:
        return False
    return set(_GRANT_TYPES.findall(data.decode("utf-8", "replace"))) == {"authorization_code"}


def _go_code_exchange(data: bytes) -> bool:
    """golang.org/x/oauth2 configured with a redirect URL and its code exchanged soon after: an authorization-code
    login (a service fetching its own tokens uses client credentials, with no redirect)."""
    at = data.find(b"oauth2.Config{")
    redirect = data.find(b"RedirectURL:", at) if at >= 0 else -1
    return redirect >= 0 and data.find(b".Exchange", redirect, redirect + 3000) >= 0


def _jwt_call(name: str, receiver: str, library_file: bool) -> bool | None:
    """Whether a call is a JWT library's: True when it verifies or reads a token, False when it makes one, None for
    other calls. `library_file`: the file uses a library whose calls have no telling receiver (`_JWT_FILES`)."""
    if name in _JWT_NAMES:
        return _JWT_NAMES[name]
    verifies = True if name in _JWT_VERIFIES else False if name in _JWT_SIGNS else None
    if verifies is None or not (library_file or _JWT_RECEIVERS.match(receiver)):
        return None
    return verifies


def _token_signal(path: str, calls: list[tuple[bool, int, str]], role: str | None) -> Signal:
    """One file's JWT library calls as a signal: the application's token auth where the file verifies tokens; a
    token made for another service where it only signs (role `signs`); an identity provider's tokens in OpenID
    Connect code (role `oidc`)."""
    verifies, line, note = max(calls, key=lambda call: (call[0], -call[1]))
    if role is None:
        role = "oidc" if _OIDC_PATH.search(path) else None if verifies else "signs"
    return Signal("auth", "JWT", STRUCTURE, Seen(path, line, note), "config", role)


# a client of another service: `hubspot/client.ex`, `GithubClient.cs`, `clients/slack.go`
_CLIENT_PATH = re.compile(r"clients?(/|\.\w+$)", re.IGNORECASE)
_STRINGS = {"string", "string_literal", "interpreted_string_literal", "raw_string_literal", "template_string",
            "encapsed_string", "verbatim_string_literal", "interpolated_string_expression", "string_value"}  # fmt: skip
_HELPER = re.compile(r"(^|/)(test_?utils?|test_?helpers?|testutils?|mocks?|__mocks__|fakes?|stubs?)(/|\.\w+$)|"
                     r"(^|/)mock_\w+\.\w+$|_mock\.\w+$|(^|/)\w*[Mm]ock\w*(Server|Provider|Idp)\w*\.\w+$")  # fmt: skip


def _helper(path: str) -> bool:
    """Test helpers and mocks that sit outside test folders (`routes/test_utils.go`, `mocks/idp.ts`)."""
    return _HELPER.search(path) is not None
