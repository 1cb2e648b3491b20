"""Auth read as its own fact kind: each kind from what the application's code does, with evidence; what only tests,
mocks and outgoing calls do establishes nothing. Plus the traps a reader must not fall into."""

from __future__ import annotations

from pathlib import Path

import pytest

from prp_agent.repo.facts import read_repo
from prp_agent.repo.types import RepoFacts

KINDS: dict[str, tuple[dict[str, str], str]] = {
    "authlib-providers-registered-by-endpoints-beside-an-oidc-one": (
        {
            "pyproject.toml": '[project]\nname = "x"\ndependencies = ["fastapi", "authlib"]\n',
            "app/oauth/init_oauth.py": "from authlib.integrations.starlette_client import OAuth\n\noauth = OAuth()\n"
            "oauth.register(name='google', server_metadata_url="
            "'https://accounts.google.com/.well-known/openid-configuration')\n"
            "oauth.register(name='github', access_token_url='https://github.com/login/oauth/access_token',\n"
            "               authorize_url='https://github.com/login/oauth/authorize')\n",
        },
        "OAuth2",
    ),
    "hmcts-service-tokens-verified": (
        {
            "build.gradle": "dependencies {\n  implementation 'org.springframework.boot:spring-boot-starter-web'\n}\n",
            "src/main/java/app/AuthService.java": "package app;\n\n"
            "import uk.gov.hmcts.reform.authorisation.validators.AuthTokenValidator;\n\n"
            "public class AuthService {\n    private final AuthTokenValidator validator;\n}\n",
        },
        "JWT",
    ),
    "fastapi-http-basic-scheme": (
        {
            "pyproject.toml": '[project]\nname = "x"\ndependencies = ["fastapi"]\n',
            "app/auth.py": "from fastapi import Depends, FastAPI\nfrom fastapi.security import HTTPBasic\n"
            "app = FastAPI()\nsecurity = HTTPBasic(auto_error=False)\n\n"
            "@app.get('/me')\ndef me(credentials=Depends(security)): ...\n",
        },
        "HTTP Basic",
    ),
    "fastapi-api-key-header-scheme": (
        {
            "pyproject.toml": '[project]\nname = "x"\ndependencies = ["fastapi"]\n',
            "app/deps.py": "from fastapi.security import APIKeyHeader\n\nkey_scheme = APIKeyHeader(name='X-Token')\n",
        },
        "API key",
    ),
    "starlette-session-written-at-sign-in": (
        {
            "pyproject.toml": '[project]\nname = "x"\ndependencies = ["fastapi"]\n',
            "app/endpoints/auth.py": "from fastapi import APIRouter, Request\nrouter = APIRouter()\n\n"
            "@router.post('/login')\ndef login(request: Request):\n"
            "    request.session['sub'] = 'user'\n    return {}\n",
        },
        "session",
    ),
    "github-login-written-by-hand": (
        {
            "go.mod": "module x\n\nrequire github.com/gin-gonic/gin v1.9.0\n",
            "controller/github.go": 'package controller\n\nimport "net/http"\n\n'
            "func exchange(code string) (*http.Request, error) {\n"
            '\treturn http.NewRequest("POST", "https://github.com/login/oauth/access_token", nil)\n}\n\n'
            "func profile() (*http.Request, error) {\n"
            '\treturn http.NewRequest("GET", "https://api.github.com/user", nil)\n}\n',
        },
        "OAuth2",
    ),
    "gin-contrib-sessions": (
        {
            "go.mod": "module x\n\nrequire github.com/gin-contrib/sessions v0.0.5\n",
            "middleware/auth.go": 'package middleware\n\nimport "github.com/gin-contrib/sessions"\n\n'
            'func user(c *gin.Context) any {\n\treturn sessions.Default(c).Get("username")\n}\n',
        },
        "session",
    ),
    "gin-sets-its-session-cookie": (
        {
            "go.mod": "module x\n\nrequire github.com/gin-gonic/gin v1.9.0\n",
            "internal/server/web/index.go": 'package web\n\nconst CookieSession = "__sess__"\n\n'
            "func signIn(c *gin.Context, hash string) {\n"
            '\tc.SetCookie(CookieSession, hash, 0, "/", "", true, true)\n}\n',
        },
        "session",
    ),
    "express-jwt-middleware": (
        {
            "package.json": '{"dependencies": {"express": "4", "express-jwt": "8"}}',
            "app/authentication.ts": "import { expressjwt } from 'express-jwt'\n"
            "export const auth = expressjwt({ secret: 's', algorithms: ['RS256'] })\n",
        },
        "JWT",
    ),
    "laravel-web-guard-on-the-session-driver": (
        {
            "composer.json": '{"require": {"laravel/framework": "^11.0"}}',
            "config/auth.php": "<?php\n\nreturn [\n    'guards' => [\n        'web' => [\n"
            "            'driver' => 'session',\n            'provider' => 'users',\n        ],\n    ],\n];\n",
        },
        "session",
    ),
    "stored-keys-named-for-whose-keys-they-are": (
        {
            "package.json": '{"dependencies": {"express": "4", "better-sqlite3": "9"}}',
            "db/schema.sql": "CREATE TABLE notes (noteId TEXT PRIMARY KEY, title TEXT);\n"
            "CREATE TABLE etapi_tokens (etapiTokenId TEXT PRIMARY KEY, name TEXT, tokenHash TEXT);\n",
        },
        "API key",
    ),
    "spring-security-oauth-legacy-authorization-server": (
        {
            "build.gradle.kts": 'dependencies {\n    implementation("org.springframework.security.oauth:'
            'spring-security-oauth2:2.5.1.RELEASE")\n}\n',
            "src/main/kotlin/auth/config/AuthorizationServerConfig.kt": "package auth.config\n\n"
            "import org.springframework.security.oauth2.config.annotation.web.configuration."
            "AuthorizationServerConfigurerAdapter\n"
            "import org.springframework.security.oauth2.config.annotation.web.configuration."
            "EnableAuthorizationServer\n\n@Configuration\n@EnableAuthorizationServer\n"
            "class AuthorizationServerConfig : AuthorizationServerConfigurerAdapter()\n",
        },
        "OAuth2 server",
    ),
    "express-sign-in-token-read-back-from-its-cookie": (
        {
            "package.json": '{"dependencies": {"express": "4", "jsonwebtoken": "9"}}',
            "src/middleware/auth.ts": "export function parseJwt(request: Request): string {\n"
            "  const token: string | undefined = request.cookies.token;\n"
            "  if (!token) {\n    throw new NotAuthenticated();\n  }\n  return verify(token);\n}\n",
        },
        "session",
    ),
    "stored-api-tokens-in-an-application-features-package": (
        {
            "pyproject.toml": '[project]\nname = "dms"\ndependencies = ["fastapi", "sqlalchemy"]\n',
            "dms/core/features/api_tokens/db/orm.py": "from sqlalchemy.orm import Mapped, mapped_column\n\n"
            "class APIToken(Base):\n    __tablename__ = 'api_tokens'\n\n"
            "    id: Mapped[int] = mapped_column(primary_key=True)\n    token_hash: Mapped[str]\n",
        },
        "API key",
    ),
    "go-session-cookie-named-by-a-constant-on-the-next-line": (
        {
            "go.mod": "module example.com/reader\n\ngo 1.22\n",
            "internal/ui/auth.go": 'package ui\n\nimport "net/http"\n\n'
            'const sessionCookieName = "MinifluxAppSessionID"\n\n'
            "func setSessionCookie(w http.ResponseWriter, id string) {\n\thttp.SetCookie(w, &http.Cookie{\n"
            "\t\tName:     sessionCookieName,\n\t\tValue:    id,\n\t\tHttpOnly: true,\n\t})\n}\n",
        },
        "session",
    ),
    "jwt-verified-with-jwcrypto": (
        {
            "pyproject.toml": '[project]\nname = "fief"\ndependencies = ["fastapi", "jwcrypto"]\n',
            "app/crypto/access_token.py": "import json\n\nfrom jwcrypto import jwk, jwt\n\n"
            "def read_access_token(key: jwk.JWK, token: str) -> dict:\n"
            "    decoded_jwt = jwt.JWT(jwt=token, key=key)\n    return json.loads(decoded_jwt.claims)\n",
        },
        "JWT",
    ),
    "fastapi-session-cookie-credentials": (
        {
            "pyproject.toml": '[project]\nname = "fief"\ndependencies = ["fastapi"]\n',
            "app/dependencies/session_token.py": "from fastapi import Cookie, Depends\n\n"
            "async def get_session_token(\n    token: str | None = Cookie(None, alias=settings.session_cookie_name),\n"
            "):\n    return await repository.get_by_token(token)\n",
        },
        "session",
    ),
    "basic-scheme-compared-by-hand": (
        {
            "Gemfile": "gem 'rails'\n",
            "lib/login_system.rb": "module LoginSystem\n  def get_basic_auth_data\n"
            "    authdata = request.env['HTTP_AUTHORIZATION'].to_s.split\n"
            "    if authdata && authdata[0] == 'Basic'\n      Base64.decode64(authdata[1]).split(':')\n"
            "    end\n  end\nend\n",
        },
        "HTTP Basic",
    ),
    "rails-session-keyed-by-a-string": (
        {
            "Gemfile": "gem 'rails'\n",
            "app/controllers/login_controller.rb": "class LoginController < ApplicationController\n"
            "  def login\n    session['user_id'] = @user.id if @user\n  end\nend\n",
        },
        "session",
    ),
    "jwt-verified-with-go-jose": (
        {
            "go.mod": "module x\n\nrequire github.com/go-jose/go-jose/v4 v4.0.1\n",
            "internal/jwt/jwt.go": 'package jwt\n\nimport "github.com/go-jose/go-jose/v4/jwt"\n\n'
            "func Verify(payload string, key any) (*Claims, error) {\n"
            "\ttoken, err := jwt.ParseSigned(payload, algorithms)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n"
            "\tclaims := &Claims{}\n\treturn claims, token.Claims(key, claims)\n}\n",
        },
        "JWT",
    ),
    "django-login-view": (
        {
            "requirements.txt": "django\n",
            "users/views.py": "from django.contrib.auth.views import LoginView\n\n"
            "class CustomLoginView(LoginView):\n    template_name = 'users/login.html'\n",
        },
        "session",
    ),
    "oauth2-login-redirect-with-golang-oauth2": (
        {
            "go.mod": "module x\n\nrequire golang.org/x/oauth2 v0.15.0\n",
            "internal/oauth2/google.go": 'package oauth2\n\nimport "golang.org/x/oauth2"\n\n'
            "func (g *Google) RedirectURL(state string) string {\n\treturn g.config().AuthCodeURL(state)\n}\n",
        },
        "OAuth2",
    ),
    "oauth2-code-exchanged-for-a-user-with-golang-oauth2": (
        {
            "go.mod": "module x\n\nrequire golang.org/x/oauth2 v0.15.0\n",
            "internal/users/services/user_service.go": 'package services\n\nimport "golang.org/x/oauth2"\n\n'
            "func (s *UserService) HandleGitHubOAuth(code, redirectUri string) (*User, error) {\n"
            "\tconf := &oauth2.Config{\n\t\tClientID: s.id,\n\t\tRedirectURL:  redirectUri,\n"
            "\t\tEndpoint: github.Endpoint,\n\t}\n\ttoken, err := conf.Exchange(context.Background(), code)\n"
            "\treturn s.userFor(token), err\n}\n",
        },
        "OAuth2",
    ),
    "bearer-tokens-compared-with-configured-ones": (
        {
            "requirements.txt": "flask\n",
            "app/authentication.py": "from flask import current_app, abort, request\n\n"
            "def requires_authentication():\n    token = get_token_from_headers(request.headers)\n"
            "    if token not in current_app.config['DM_API_AUTH_TOKENS'].split(':'):\n        abort(403)\n\n"
            "def get_token_from_headers(headers):\n    auth_header = headers.get('Authorization', '')\n"
            "    return auth_header[7:] if auth_header[:7] == 'Bearer ' else None\n",
        },
        "API key",
    ),
    "authorization-token-looked-up-among-stored-ones": (
        {
            "mix.exs": 'defmodule App.MixProject do\n  defp deps, do: [{:phoenix, "~> 1.5"}]\nend\n',
            "lib/app/plugs/require_api_login.ex": "defmodule App.Plugs.RequireApiLogin do\n  import Plug.Conn\n\n"
            '  def call(conn, _) do\n    token = get_req_header(conn, "authorization") |> List.first()\n'
            '    case Repo.get_by(User.active(), token: token) do\n      nil -> conn |> send_resp(401, "") |> halt\n'
            "      user -> assign(conn, :current_user, user)\n    end\n  end\nend\n",
        },
        "API key",
    ),
    "django-middleware-looks-up-the-bearer-token": (
        {
            "requirements.txt": "django\n",
            "api/middleware.py": "from api.models import Token\n\n\nclass ApiTokenMiddleware:\n"
            "    def __call__(self, request):\n        header = request.headers.get('authorization', None)\n"
            "        if header and header.startswith('Bearer '):\n"
            "            request.token = Token.objects.get(token=header[7:], revoked=None)\n"
            "        return self.get_response(request)\n",
        },
        "API key",
    ),
    "query-builder-looks-up-the-api-key": (
        {
            "composer.json": '{"require": {"laravel/lumen-framework": "^5.1"}}',
            "app/Http/Middleware/ApiMiddleware.php": "<?php\nclass ApiMiddleware {\n"
            "    public function handle($request, Closure $next) {\n        $api_key = $request->input('key');\n"
            "        $user = User::where('active', 1)->where('api_key', $api_key)->first();\n"
            "        return $next($request);\n    }\n}\n",
        },
        "API key",
    ),
    "go-handler-reads-its-session-cookie": (
        {
            "go.mod": "module x\n\ngo 1.22\n",
            "internal/auth/sessions.go": 'package auth\n\nimport "net/http"\n\n'
            "func IsValidSession(w http.ResponseWriter, r *http.Request) bool {\n"
            '\tcookie, err := r.Cookie("session_token")\n\treturn err == nil && lookup(cookie.Value)\n}\n',
        },
        "session",
    ),
    "golang-jwt-parser-reading-the-request": (
        {
            "go.mod": "module x\n\nrequire github.com/golang-jwt/jwt/v5 v5.2.0\n",
            "http/auth.go": 'package http\n\nimport (\n\t"github.com/golang-jwt/jwt/v5"\n'
            '\t"github.com/golang-jwt/jwt/v5/request"\n)\n\n'
            "func withUser(w http.ResponseWriter, r *http.Request) {\n"
            '\tp := jwt.NewParser(jwt.WithValidMethods([]string{"HS256"}))\n'
            "\ttoken, err := request.ParseFromRequest(r, &extractor{}, keyFunc, request.WithParser(p))\n"
            "\t_, _ = token, err\n}\n",
        },
        "JWT",
    ),
    "jsonwebtoken-verify-imported-by-name": (
        {
            "package.json": '{"dependencies": {"express": "4", "jsonwebtoken": "9"}}',
            "src/tools/middleware.ts": 'import { verify } from "jsonwebtoken";\n\n'
            "export const logged = async (req, res, next) => {\n  const auth = req.cookies.token;\n"
            "  const user = verify(auth, privateKey) as { userId: string };\n  req.user = user;\n  next();\n};\n",
        },
        "JWT",
    ),
    "rails-pages-behind-an-omniauth-sign-in": (
        {
            "Gemfile": 'source "https://rubygems.org"\n\ngem "rails"\ngem "gds-sso"\n',
            "config/routes.rb": "Rails.application.routes.draw do\n  resources :mappings\nend\n",
            "app/controllers/mappings_controller.rb": "class MappingsController < ApplicationController\n"
            "  def index\n    @mappings = Mapping.all\n  end\nend\n",
            "app/views/mappings/index.html.erb": "<h1>Mappings</h1>\n<%= render @mappings %>\n",
        },
        "session",
    ),
    "fiber-basic-auth-middleware": (
        {
            "go.mod": "module x\n\nrequire github.com/gofiber/fiber/v2 v2.52.0\n",
            "security/config.go": 'package security\n\nimport (\n\t"github.com/gofiber/fiber/v2"\n'
            '\t"github.com/gofiber/fiber/v2/middleware/basicauth"\n)\n\n'
            "func Apply(router fiber.Router, users map[string]string) {\n"
            "\trouter.Use(basicauth.New(basicauth.Config{Users: users}))\n}\n",
        },
        "HTTP Basic",
    ),
    "go-session-library-simplesessions": (
        {
            "go.mod": "module x\n\nrequire github.com/zerodha/simplesessions/v3 v3.0.0\n",
            "internal/auth/auth.go": 'package auth\n\nimport "github.com/zerodha/simplesessions/v3"\n\n'
            "func New() *simplesessions.Manager {\n\treturn simplesessions.New(simplesessions.Options{})\n}\n",
        },
        "session",
    ),
    "api-key-header-named-by-a-constant": (
        {
            "src/Web/Extensions/HttpRequestExtensions.cs": "public static class HttpRequestExtensions {\n"
            '    public const string ApiKeyHeader = "X-NuGet-ApiKey";\n\n'
            "    public static string GetApiKey(this HttpRequest request) {\n"
            "        return request.Headers[ApiKeyHeader];\n    }\n}\n"
        },
        "API key",
    ),
    "oidc-authlib-discovery-document-by-setting": (
        {
            "requirements.txt": "flask\nauthlib\n",
            "app/utils/oidc.py": "from authlib.integrations.flask_client import OAuth\n\n"
            "def oidc_client_for(app):\n    oauth = OAuth(app)\n"
            "    oauth.register(name='oidc', server_metadata_url=config.OIDC_DISCOVERY_URL,\n"
            "                   client_id=config.OIDC_CLIENT_ID)\n    return oauth\n",
        },
        "OpenID Connect",
    ),
    "oidc-goth-provider": (
        {
            "go.mod": "module gist\n\nrequire github.com/markbates/goth v1.80.0\n",
            "internal/auth/oauth/openid.go": "package oauth\n\n"
            'import "github.com/markbates/goth/providers/openidConnect"\n\n'
            "func provider() {\n\tp, _ := openidConnect.New(key, secret, callback, discovery)\n\t_ = p\n}\n",
        },
        "OpenID Connect",
    ),
    "api-key-token-scheme-parsed-by-the-application": (
        {
            "go.mod": "module gist\n",
            "internal/web/middlewares.go": "package web\n\nfunc getUserByToken(ctx *Context) *User {\n"
            '\tauthHeader := ctx.Request().Header.Get("Authorization")\n'
            '\tif !strings.HasPrefix(authHeader, "Token ") {\n\t\treturn nil\n\t}\n'
            '\treturn findToken(strings.TrimPrefix(authHeader, "Token "))\n}\n',
        },
        "API key",
    ),
    "api-key-rails-http-token": (
        {
            "Gemfile": "gem 'rails'\n",
            "app/controllers/api/application_controller.rb": "class Api::ApplicationController < "
            "ActionController::API\n"
            "  def current_user\n    @current_user ||= authenticate_with_http_token { |token, _| "
            "User.find_by(api_token: token) }\n  end\nend\n",
        },
        "API key",
    ),
    "session-rails-signed-cookie-holds-the-user": (
        {
            "Gemfile": "gem 'rails'\n",
            "app/controllers/sessions_controller.rb": "class SessionsController < ApplicationController\n"
            "  def create\n    cookies.permanent.signed[:user_id] = {value: user.id, httponly: true}\n  end\nend\n",
        },
        "session",
    ),
    "oauth2-login-exchanging-an-authorization-code": (
        {
            "package.json": '{"dependencies": {"@nestjs/core": "^10.0.0"}}',
            "src/oauth/provider/discord.provider.ts": "export class DiscordProvider {\n"
            "  async getToken(code: string) {\n    return fetch('https://discord.com/api/oauth2/token', {\n"
            "      method: 'post', body: new URLSearchParams({ client_id: this.id, client_secret: this.secret,\n"
            "        grant_type: 'authorization_code', code, redirect_uri: this.callback }) });\n  }\n}\n",
        },
        "OAuth2",
    ),
    "session-cookie-the-application-sets-itself": (
        {
            "composer.json": '{"require": {"slim/slim": "^4.0"}}',
            "services/SessionService.php": "<?php\nclass SessionService {\n"
            "    const SESSION_COOKIE_NAME = 'grocy_session';\n}\n",
            "middleware/Auth/BaseAuthMiddleware.php": "<?php\nclass BaseAuthMiddleware {\n"
            "    public function login($key) {\n"
            "        setcookie(SessionService::SESSION_COOKIE_NAME, $key, PHP_INT_MAX >> 32);\n    }\n}\n",
        },
        "session",
    ),
    "oidc-ueberauth-strategy": (
        {
            "mix.exs": 'defmodule Accent.MixProject do\n  defp deps do\n    [{:ueberauth_oidc, "~> 0.1.7"}]\n'
            "  end\nend\n",
            "config/runtime.exs": "import Config\nalias Ueberauth.Strategy.OIDC\n\n"
            "config :ueberauth, Ueberauth, providers: [{:oidc, {OIDC, [default: [provider: :default_oidc]]}}]\n",
        },
        "OpenID Connect",
    ),
    "oauth2-omniauth-builder-provider": (
        {
            "config/initializers/omniauth.rb": "Rails.application.config.middleware.use OmniAuth::Builder do\n"
            "  provider :github, ENV['GITHUB_KEY'], ENV['GITHUB_SECRET']\nend\n"
        },
        "OAuth2",
    ),
    "oauth2-aspnet-external-sign-in": (
        {
            "src/Web/Startup.cs": "public class Startup {\n"
            "  public void ConfigureServices(IServiceCollection services) {\n"
            '    services.AddAuthentication().AddGoogle(x => { x.ClientId = cfg["Google:ClientId"]; });\n  }\n}\n'
        },
        "OAuth2",
    ),
    "openid-connect-identity-server-provider": (
        {
            "src/Web/Web.csproj": '<Project><ItemGroup><PackageReference Include="IdentityServer4" Version="4.1.2" />'
            "</ItemGroup></Project>",
            "src/Web/Startup.cs": "using IdentityServer4;\npublic class Startup {\n"
            "  public void ConfigureServices(IServiceCollection s) { s.AddIdentityServer(); }\n}\n",
        },
        "OpenID Connect",
    ),
    "openid-connect-allauth-identity-provider": (
        {"app/settings.py": "INSTALLED_APPS = [\n    'allauth',\n    'allauth.idp.oidc',\n]\n"},
        "OAuth2 server",
    ),
    "webauthn-allauth-mfa-types": (
        {"app/settings.py": "MFA_SUPPORTED_TYPES = ['totp', 'recovery_codes', 'webauthn']\n"},
        "WebAuthn",
    ),
    "openid-connect-socialite-keycloak": (
        {
            "app/Providers/AppServiceProvider.php": "<?php\nnamespace App\\Providers;\n\n"
            "use SocialiteProviders\\Keycloak\\KeycloakExtendSocialite;\n\nclass AppServiceProvider {}\n"
        },
        "OpenID Connect",
    ),
    "ldap-ldaprecord": (
        {"app/Services/Ldap.php": "<?php\nnamespace App\\Services;\n\nuse LdapRecord\\Connection;\n\nclass Ldap {}\n"},
        "LDAP",
    ),
    "session-laravel-fortify": (
        {
            "app/Models/User.php": "<?php\nnamespace App\\Models;\n\n"
            "use Laravel\\Fortify\\TwoFactorAuthenticatable;\n\n"
            "class User extends Authenticatable { use TwoFactorAuthenticatable; }\n"
        },
        "session",
    ),
    "session-adonisjs-session-guard": (
        {
            "config/auth.ts": "import { AuthConfig } from '@ioc:Adonis/Addons/Auth'\n\n"
            "const authConfig: AuthConfig = {\n  guard: 'web',\n  guards: {\n    web: {\n      driver: 'session',\n"
            "    },\n  },\n}\nexport default authConfig\n"
        },
        "session",
    ),
    "ldap-php-extension": (
        {
            "app/Models/Ldap.php": "<?php\nclass Ldap {\n    public static function bind($c, $dn, $pw) {\n"
            "        return @ldap_bind($c, $dn, $pw);\n    }\n}\n"
        },
        "LDAP",
    ),
    "saml-samly-forwarded-to": (
        {
            "lib/app_web/router.ex": "defmodule AppWeb.Router do\n  use Phoenix.Router\n\n"
            '  scope "/sso" do\n    forward("/", Samly.Router)\n  end\nend\n'
        },
        "SAML",
    ),
    "oauth2-flask-dance": (
        {
            "cps/oauth_bb.py": "from flask_dance.contrib.github import make_github_blueprint\n\n"
            "github_blueprint = make_github_blueprint(client_id='x', client_secret='y')\n"
        },
        "OAuth2",
    ),
    "http-basic-drf-class-of-the-projects-own": (
        {
            "app/settings.py": 'REST_FRAMEWORK = {\n    "DEFAULT_AUTHENTICATION_CLASSES": [\n'
            '        "app.auth.AppBasicAuthentication",\n'
            '        "rest_framework.authentication.SessionAuthentication",\n'
            "    ],\n}\n"
        },
        "HTTP Basic",
    ),
    "jwt-laravel-passport-tokens": (
        {
            "app/Support/OAuthKeys.php": "<?php\nnamespace App\\Support;\n\nuse Laravel\\Passport\\Passport;\n\n"
            "class OAuthKeys {\n"
            "    public static function path() { return Passport::keyPath('oauth-public.key'); }\n}\n",
            "composer.json": '{"require": {"laravel/passport": "^13.0"}}',
        },
        "JWT",
    ),
    "ldap-gopkg-in": (
        {
            "server/handles/ldap_login.go": 'package handles\n\nimport "gopkg.in/ldap.v3"\n\n'
            'func dial(server string) (*ldap.Conn, error) {\n\treturn ldap.Dial("tcp", server)\n}\n'
        },
        "LDAP",
    ),
    "session-phoenix": (
        {
            "lib/app_web/controllers/session_controller.ex": "defmodule AppWeb.SessionController do\n"
            '  def create(conn, %{"user" => user}) do\n    conn |> put_session(:user_id, user.id)\n  end\nend\n'
        },
        "session",
    ),
    "session-javalin": (
        {
            "src/main/kotlin/app/Auth.kt": "package app\n\nfun login(ctx: Context) {\n"
            '    ctx.sessionAttribute("user", 1)\n}\n'
        },
        "session",
    ),
    "jwt-joken": (
        {
            "lib/app/token.ex": "defmodule App.Token do\n  use Joken.Config\n\n"
            "  def peek(t), do: Joken.peek_claims(t)\nend\n",
            "mix.exs": 'defmodule App.MixProject do\n  defp deps, do: [{:joken, "~> 2.6"}]\nend\n',
        },
        "JWT",
    ),
    "jwt-verified-by-a-rust-extractor": (
        {
            "src/auth.rs": "use jsonwebtoken::{decode, DecodingKey, Validation};\n\n"
            "pub fn claims(t: &str, k: &DecodingKey) -> bool {\n"
            "    decode::<Claims>(t, k, &Validation::default()).is_ok()\n}\n",
            "Cargo.toml": '[dependencies]\njsonwebtoken = "9"\n',
        },
        "JWT",
    ),
    "jwt-issued-and-verified-by-a-dotnet-handler": (
        {
            "src/Api/Tokens.cs": "using System.IdentityModel.Tokens.Jwt;\nclass Tokens {\n"
            "  string Issue(SecurityTokenDescriptor d) => new JwtSecurityTokenHandler().CreateEncodedJwt(d);\n"
            "  void Check(string t, JwtSecurityTokenHandler handler) => handler.ValidateToken(t, p, out _);\n}\n"
        },
        "JWT",
    ),
    "oauth2-login-through-better-auth-social-providers": (
        {
            "server/src/lib/auth.ts": "import { betterAuth } from 'better-auth';\n"
            "export const auth = betterAuth({\n  emailAndPassword: { enabled: true },\n"
            "  socialProviders: {\n    github: { clientId: process.env.GITHUB_CLIENT_ID },\n  },\n});\n",
            "server/package.json": '{"dependencies": {"better-auth": "1.2.7", "fastify": "^5"}}',
        },
        "OAuth2",
    ),
    "session-through-better-auth": (
        {
            "server/src/lib/auth.ts": "import { betterAuth } from 'better-auth';\n"
            "export const auth = betterAuth({ emailAndPassword: { enabled: true } });\n",
            "server/package.json": '{"dependencies": {"better-auth": "1.2.7", "fastify": "^5"}}',
        },
        "session",
    ),
    "api-key-header-constant": (
        {
            "middlewares/auth.go": 'package middlewares\n\nconst headerKey = "X-API-Key"\n\n'
            'func (m *Auth) Check(r *http.Request) bool {\n\treturn r.Header.Get(headerKey) != ""\n}\n'
        },
        "API key",
    ),
    "api-key-in-an-application-header": (
        {
            "auth/token.go": "package auth\n\nfunc (a *Auth) token(ctx *gin.Context) string {\n"
            '\treturn ctx.Request.Header.Get("X-Gotify-Key")\n}\n'
        },
        "API key",
    ),
    "session-of-a-servlet-request": (
        {
            "src/main/java/app/SessionResource.java": "package app;\npublic class SessionResource {\n"
            "  public void logout(HttpServletRequest request) {\n"
            '    request.getSession().removeAttribute("userId");\n  }\n}\n'
        },
        "session",
    ),
    "session-sinatra": (
        {"app.rb": "require 'sinatra/base'\nclass App < Sinatra::Base\n  enable :sessions\nend\n"},
        "session",
    ),
    "api-key-query": (
        {"app/auth.py": "from flask import request\n\ndef key():\n    return request.args.get('api_key')\n"},
        "API key",
    ),
    "basic-aspnet": (
        {
            "Api/Startup.cs": "using AspNetCore.Authentication.Basic;\npublic class Startup {\n"
            "  public void Configure(IServiceCollection services) {\n"
            '    services.AddAuthentication("Basic").AddBasic<UserValidation>(o => { o.Realm = "x"; });\n  }\n}\n'
        },
        "HTTP Basic",
    ),
    "basic-rack": (
        {"config/initializers/sidekiq.rb": "Sidekiq::Web.use(Rack::Auth::Basic) do |user, password|\n  true\nend\n"},
        "HTTP Basic",
    ),
    "basic-header-parse": (
        {
            "internal/auth.go": "package internal\n\nfunc parse(h string) bool {\n"
            '\treturn strings.HasPrefix(h, "Basic ")\n}\n'
        },
        "HTTP Basic",
    ),
    "oidc-discovery": (
        {
            "app/Socialite/Provider.php": "<?php\nclass Provider {\n  public function config() {\n"
            "    return $this->http->get($this->issuer . '.well-known/openid-configuration');\n  }\n}\n"
        },
        "OpenID Connect",
    ),
    "oidc-crate": (
        {
            "src/sso.rs": "use openidconnect::core::CoreClient;\n\npub fn client() {}\n",
            "Cargo.toml": '[package]\nname = "x"\n\n[dependencies]\nopenidconnect = "3"\n',
        },
        "OpenID Connect",
    ),
    "oauth2-server-token-endpoint": (
        {
            "src/api/identity.rs": '#[post("/connect/token")]\nfn login(data: Form<Data>) -> String {\n'
            '    match data.grant_type.as_ref() {\n        "refresh_token" => a(),\n        "password" => b(),\n'
            '        "client_credentials" => c(),\n        _ => d(),\n    }\n}\n'
        },
        "OAuth2 server",
    ),
    "webauthn-go": (
        {
            "services/webauthn.go": 'package services\n\nimport "github.com/go-webauthn/webauthn/webauthn"\n\n'
            "func (s *S) Begin(u User) {\n\ts.w.BeginRegistration(u)\n}\n"
        },
        "WebAuthn",
    ),
    "ldap-python": (
        {"app/directory.py": "import ldap3\n\ndef bind(user):\n    return ldap3.Connection(server, user)\n"},
        "LDAP",
    ),
    "symfony-firewall": (
        {
            "config/packages/security.yaml": "security:\n    firewalls:\n        main:\n            form_login:\n"
            "                login_path: login\n            form_login_ldap:\n                service: ldap\n"
        },
        "LDAP",
    ),
    "shiro-session": (
        {
            "src/main/java/app/AuthController.java": "package app;\nimport org.apache.shiro.SecurityUtils;\n"
            "public class AuthController {\n  void login() { SecurityUtils.getSubject(); }\n}\n"
        },
        "session",
    ),
    "flask-session-and-basic": (
        {
            "app/views.py": "from flask import request, session\n\ndef login():\n    session['user'] = 1\n"
            "    auth = request.authorization\n    return auth.username\n"
        },
        "session",
    ),
    "omniauth-through-devise": (
        {
            "config/initializers/devise.rb": "Devise.setup do |config|\n"
            "  config.omniauth :github, ENV['ID'], ENV['SECRET']\nend\n"
        },
        "OAuth2",
    ),
    "saml-ruby": (
        {
            "app/controllers/saml_controller.rb": "require 'onelogin/ruby-saml'\n\nclass SamlController\n"
            "  def consume\n    OneLogin::RubySaml::Response.new(params[:SAMLResponse])\n  end\nend\n",
            "Gemfile": "gem 'ruby-saml'\n",
        },
        "SAML",
    ),
    "an-authorization-code-login-that-reads-the-id-token": (
        {
            "CarCare.csproj": '<Project><ItemGroup><PackageReference Include="Microsoft.IdentityModel.JsonWebTokens" '
            'Version="7.0.0" /></ItemGroup></Project>',
            "Controllers/LoginController.cs": "using Microsoft.IdentityModel.JsonWebTokens;\n"
            "public class LoginController : Controller {\n"
            "  public async Task<IActionResult> RemoteAuth(string code) {\n"
            '    var form = new List<KeyValuePair<string, string>> { new("grant_type", "authorization_code"), '
            'new("code", code) };\n'
            "    var result = await client.PostAsync(config.TokenURL, new FormUrlEncodedContent(form));\n"
            "    var idToken = decoded?.id_token ?? string.Empty;\n"
            "    var handler = new JsonWebTokenHandler();\n"
            "    var validated = await handler.ValidateTokenAsync(idToken, parameters);\n    return Ok();\n  }\n}\n",
        },
        "OpenID Connect",
    ),
    "an-authentication-handler-reading-its-sign-in-cookie": (
        {
            "CarCare.csproj": "<Project></Project>",
            "Middleware/Authen.cs": "public class Authen : AuthenticationHandler<AuthenticationSchemeOptions> {\n"
            "  protected override async Task<AuthenticateResult> HandleAuthenticateAsync() {\n"
            "    var token = Request.Cookies[StaticHelper.LoginCookieName] ?? string.Empty;\n"
            "    var cookie = _protector.Unprotect(token);\n    return AuthenticateResult.Success(ticket);\n  }\n}\n",
        },
        "session",
    ),
    "altinn-jwt-in-a-cookie": (
        {
            "Events.csproj": "<Project></Project>",
            "Program.cs": "using AltinnCore.Authentication.JwtCookie;\n"
            "services.AddAuthentication(JwtCookieDefaults.AuthenticationScheme)\n"
            "    .AddJwtCookie(JwtCookieDefaults.AuthenticationScheme, options => { });\n",
        },
        "JWT",
    ),
    "a-sabre-dav-basic-auth-backend": (
        {
            "composer.json": '{"require": {"sabre/dav": "^4.6"}}',
            "src/Services/BasicAuth.php": "<?php\nnamespace App\\Services;\n\n"
            "use Sabre\\DAV\\Auth\\Backend\\AbstractBasic;\n\nfinal class BasicAuth extends AbstractBasic\n{\n"
            "    protected function validateUserPass($username, $password): bool { return false; }\n}\n",
        },
        "HTTP Basic",
    ),
    "a-gin-token-endpoint-that-reads-the-grant-type": (
        {
            "go.mod": "module example.com/mon\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.10.0\n",
            "center/router/oauth.go": "package router\n\nfunc (rt *Router) token(c *gin.Context) {\n"
            '\tswitch c.PostForm("grant_type") {\n\tcase "authorization_code":\n\t\trt.code(c)\n'
            '\tcase "refresh_token":\n\t\trt.refresh(c)\n\t}\n}\n',
        },
        "OAuth2 server",
    ),
}

TRAPS: dict[str, tuple[dict[str, str], str]] = {
    "a-rails-api-behind-the-same-sign-in-gem-with-only-a-job-dashboards-pages": (
        {
            "Gemfile": 'source "https://rubygems.org"\n\ngem "rails"\ngem "gds-sso"\n',
            "config/routes.rb": "Rails.application.routes.draw do\n  resources :mappings\nend\n",
            "app/controllers/mappings_controller.rb": "class MappingsController < ApplicationController\n"
            "  def index\n    @mappings = Mapping.all\n  end\nend\n",
            "app/views/sidekiq/old_locks.html.erb": "<h1>Locks</h1>\n",
            "app/views/layouts/application.html.erb": "<html><body><%= yield %></body></html>\n",
        },
        "session",
    ),
    "an-importer-connecting-a-users-trello-account": (
        {
            "requirements.txt": "django\nrequests-oauthlib\n",
            "taiga/importers/trello/importer.py": "from requests_oauthlib import OAuth1Session\n\n"
            "class TrelloImporter:\n    request_token_url = 'https://trello.com/1/OAuthGetRequestToken'\n"
            "    authorize_url = 'https://trello.com/1/OAuthAuthorizeToken'\n"
            "    access_token_url = 'https://trello.com/1/OAuthGetAccessToken'\n",
        },
        "OAuth2",
    ),
    "laravels-skeleton-token-table-with-nothing-issuing-tokens": (
        {
            "composer.json": '{"require": {"laravel/framework": "^11.0"}}',
            "database/migrations/2019_12_14_000001_create_personal_access_tokens_table.php": "<?php\n\n"
            "return new class extends Migration {\n    public function up(): void\n    {\n"
            "        Schema::create('personal_access_tokens', function (Blueprint $table) {\n"
            "            $table->id();\n            $table->string('token', 64)->unique();\n        });\n"
            "    }\n};\n",
            "routes/web.php": "<?php\n\nRoute::get('/', fn () => view('home'));\n",
        },
        "API key",
    ),
    "a-calendar-integration-exchanging-its-code-at-google": (
        {
            "Cargo.toml": '[package]\nname = "x"\n\n[dependencies]\nactix-web = "4"\n',
            "src/services/google_calendar/auth_provider.rs": "// oauth tokens for the user's calendars\n"
            'const TOKEN_URL: &str = "https://oauth2.googleapis.com/token";\n'
            'const SCOPE: &str = "https://www.googleapis.com/auth/calendar";\n',
        },
        "OAuth2",
    ),
    "a-login-callback-exchanging-its-code-at-the-providers-token-url": (
        {
            "package.json": '{"dependencies": {"express": "4"}}',
            "app/controllers/sign_in_callback.ts": "export async function get(req, res) {\n"
            "  const tokenUrl = `https://${process.env.AUTH0_DOMAIN}/oauth/token`\n"
            "  const body = { grant_type: 'authorization_code', client_id: 'x', code: req.query.code }\n"
            "  // later: { grant_type: 'refresh_token' }\n  return fetch(tokenUrl, { method: 'POST', body })\n}\n",
        },
        "OAuth2 server",
    ),
    "spring-form-login-switched-off": (
        {
            "pom.xml": "<project><dependencies><dependency><artifactId>spring-boot-starter-security</artifactId>"
            "</dependency></dependencies></project>",
            "src/main/java/app/SecurityConfiguration.java": "package app;\n\nclass SecurityConfiguration {\n"
            "    SecurityFilterChain chain(HttpSecurity http) throws Exception {\n"
            "        http.csrf(AbstractHttpConfigurer::disable)\n"
            "            .formLogin(AbstractHttpConfigurer::disable)\n"
            "            .httpBasic().disable();\n        return http.build();\n    }\n}\n",
        },
        "session",
    ),
    "api-key-headers-a-client-sets-and-a-list-of-names-to-mask": (
        {
            "package.json": '{"dependencies": {"@nestjs/core": "10"}}',
            "src/api/internal-api.helper.ts": "export class InternalApi extends ExternalApiService {\n"
            "  constructor(url: string, apiKey: string) {\n    super(url, {\n      headers: {\n"
            "        'X-Api-Key': apiKey,\n      },\n    });\n  }\n}\n",
            "src/api/emby.helper.ts": "export function headersFor(apiKey: string) {\n  const headers = {};\n"
            "  headers['X-Emby-Token'] = apiKey;\n  headers['X-Api-Key'] = apiKey;\n  return headers;\n}\n",
            "src/utils/secretMasking.ts": "const SENSITIVE_PARAM_KEYS = [\n  'api_key',\n  'apikey',\n"
            "  'x-api-key',\n  'token',\n] as const;\n",
        },
        "API key",
    ),
    "an-oauth2-client-fetching-tokens-for-outgoing-calls": (
        {
            "go.mod": "module x\n\nrequire golang.org/x/oauth2 v0.15.0\n",
            "alerting/github.go": 'package alerting\n\nimport "golang.org/x/oauth2"\n\n'
            "func client(token string) *oauth2.Token {\n\treturn &oauth2.Token{AccessToken: token}\n}\n",
        },
        "OAuth2",
    ),
    "a-jwt-library-declared-in-several-requirement-files-and-never-imported": (
        {
            "requirements.txt": "django\npyjwt\n",
            "requirements-django52.txt": "django==5.2\npyjwt\n",
            "requirements-django61.txt": "django==6.1\npyjwt\n",
            "app/views.py": "from django.http import JsonResponse\n\ndef ping(request):\n    return JsonResponse({})\n",
        },
        "JWT",
    ),
    "the-oauth2-client-under-an-openid-connect-login": (
        {
            "go.mod": "module x\n\nrequire (\n\tgithub.com/coreos/go-oidc/v3 v3.9.0\n"
            "\tgolang.org/x/oauth2 v0.15.0\n)\n",
            "internal/auth/auth.go": 'package auth\n\nimport (\n\t"github.com/coreos/go-oidc/v3/oidc"\n'
            '\t"golang.org/x/oauth2"\n)\n\nfunc New(issuer string) (*oauth2.Config, error) {\n'
            "\tprovider, err := oidc.NewProvider(ctx, issuer)\n"
            "\treturn &oauth2.Config{Endpoint: provider.Endpoint()}, err\n}\n",
        },
        "OAuth2",
    ),
    "client-basic-credentials-sent-to-another-service": (
        {
            "requirements.txt": "fastapi\nrequests\n",
            "app/plugins/jira.py": "from requests.auth import HTTPBasicAuth\nimport requests\n\n"
            "def create_issue(config, data):\n"
            "    auth = HTTPBasicAuth(config.username, config.password)\n"
            "    return requests.post(config.url, json=data, auth=auth)\n",
        },
        "HTTP Basic",
    ),
    "a-database-session-getter": (
        {
            "requirements.txt": "fastapi\nsqlalchemy\n",
            "app/jobs.py": "from app.database import get_session\n\ndef run():\n"
            "    with get_session() as db_session:\n        db_session.query(Job).all()\n",
        },
        "session",
    ),
    "an-integration-exchanging-an-authorization-code": (
        {
            "requirements.txt": "django\nrequests\n",
            "hc/integrations/discord/views.py": "import requests\n\ndef add_complete(request):\n"
            "    result = requests.post('https://discord.com/api/oauth2/token', data={\n"
            "        'client_id': settings.DISCORD_CLIENT_ID, 'grant_type': 'authorization_code',\n"
            "        'code': request.GET['code'], 'redirect_uri': settings.SITE_ROOT + '/integrations/discord/'})\n"
            "    return redirect('hc-channels')\n",
        },
        "OAuth2",
    ),
    "omniauth-with-openid-connect-only": (
        {
            "config/initializers/devise.rb": "Devise.setup do |config|\n"
            "  config.omniauth :openid_connect, { name: :openid_connect, issuer: ENV['OIDC_ISSUER'] }\nend\n"
        },
        "OAuth2",
    ),
    "an-api-key-header-sent-to-a-printer": (
        {
            "app/services/print/octoprint_service.rb": "class OctoprintService\n  def upload(file)\n"
            "    Faraday.post(url, file, {'X-Api-Key' => @api_key})\n  end\nend\n"
        },
        "API key",
    ),
    "a-go-client-adds-a-cookie-to-its-request": (
        {
            "drivers/store/util.go": "package store\n\nfunc (d *Store) request(req *http.Request) {\n"
            '\treq.AddCookie(&http.Cookie{Name: "session", Value: d.Cookie})\n}\n'
        },
        "session",
    ),
    "django-guardian-is-object-permissions": (
        {
            "app/models.py": "from django.db import models\nfrom guardian.shortcuts import assign_perm\n\n"
            "class Note(models.Model):\n    text = models.TextField()\n"
        },
        "JWT",
    ),
    "jwt-only-in-a-test-helper": (
        {
            "routes/test_utils.go": 'package routes\n\nimport "github.com/golang-jwt/jwt/v5"\n\n'
            "func token() string {\n\tt := jwt.NewWithClaims(jwt.SigningMethodHS256, nil)\n\treturn t.Raw\n}\n",
            "go.mod": "module x\n\nrequire github.com/golang-jwt/jwt/v5 v5.2.0\n",
        },
        "JWT",
    ),
    "jwt-only-in-a-mock-identity-server": (
        {"mocks/idp.ts": "import jwt from 'jsonwebtoken';\nexport const sign = () => jwt.sign({}, 'k');\n"},
        "JWT",
    ),
    "basic-auth-sent-to-another-service": (
        {
            "src/duo.rs": "pub async fn call(c: &Client) {\n"
            '    c.post("https://api.duo.com").basic_auth("ikey", Some("skey")).send().await;\n}\n'
        },
        "HTTP Basic",
    ),
    "api-key-header-sent-to-another-service": (
        {
            "src/main/kotlin/app/Sync.kt": "package app\n\nfun request(key: String) = Request.Builder()\n"
            '    .addHeader("X-API-Token", key)\n    .build()\n'
        },
        "API key",
    ),
    "basic-credentials-built-to-send": (
        {
            "lib/app/loki.ex": "defmodule App.Loki do\n  def headers(user, pass) do\n"
            '    [{"authorization", Enum.join(["Basic ", Base.encode64(user <> ":" <> pass)])}]\n  end\nend\n'
        },
        "HTTP Basic",
    ),
    "csrf-token-header-read": (
        {
            "app/csrf.ts": "export function check(ctx) {\n"
            "  return ctx.get('X-CSRF-Token') === ctx.cookies.get('csrf');\n}\n"
        },
        "API key",
    ),
    "hibernate-session-is-no-login": (
        {
            "src/main/java/app/Repo.java": "package app;\npublic class Repo {\n"
            "  void save(Object o) { sessionFactory.getSession().save(o); }\n}\n"
        },
        "session",
    ),
    "jwt-signed-for-a-github-app": (
        {
            "hc/integrations/github/client.py": "import jwt\n\ndef app_token(key):\n"
            '    return jwt.encode({"iss": 1}, key, algorithm="RS256")\n',
            "requirements.txt": "pyjwt==2.8\n",
        },
        "JWT",
    ),
    "jwt-signed-for-a-chat-widget-by-a-joken-module": (
        {
            "lib/app/widget_token.ex": "defmodule App.WidgetToken do\n  use Joken.Config\nend\n",
            "lib/app_web/layouts.ex": "defmodule AppWeb.Layouts do\n"
            "  def token(user), do: App.WidgetToken.generate_and_sign!(%{id: user.id})\nend\n",
            "mix.exs": 'defmodule App.MixProject do\n  defp deps, do: [{:joken, "~> 2.6"}]\nend\n',
        },
        "JWT",
    ),
    "an-openid-providers-id-token-verified": (
        {
            "src/auth/oidc/oidc.service.ts": "import { jwtVerify } from 'jose';\n"
            "export const logout = (t, keys) => jwtVerify(t, keys);\n",
            "package.json": '{"dependencies": {"jose": "^5"}}',
        },
        "JWT",
    ),
    "basic-credentials-encoded-by-plug-for-a-request": (
        {
            "lib/app/twilio/api.ex": "defmodule App.Twilio.Api do\n"
            "  def headers(sid, token), do: [Plug.BasicAuth.encode_basic_auth(sid, token)]\nend\n"
        },
        "HTTP Basic",
    ),
    "oauth2-client-file-with-request-paths": (
        {
            "lib/app/hubspot/client.ex": "defmodule App.Hubspot.Client do\n"
            '  def token(code), do: post("/oauth/v1/token", %{grant_type: "authorization_code", code: code})\n'
            '  def refresh(t), do: post("/oauth/v1/token", %{grant_type: "refresh_token", refresh_token: t})\n'
            "end\n"
        },
        "OAuth2 server",
    ),
    "oauth2-code-exchanged-to-connect-an-integration": (
        {
            "go.mod": "module x\n\nrequire golang.org/x/oauth2 v0.15.0\n",
            "internal/integrations/drive/connect.go": 'package drive\n\nimport "golang.org/x/oauth2"\n\n'
            "func Connect(code, redirect string) (*oauth2.Token, error) {\n"
            "\tconf := &oauth2.Config{\n\t\tRedirectURL: redirect,\n\t\tEndpoint: google.Endpoint,\n\t}\n"
            "\treturn conf.Exchange(context.Background(), code)\n}\n",
        },
        "OAuth2",
    ),
    "bearer-token-a-client-sends-from-its-settings": (
        {
            "requirements.txt": "requests\n",
            "app/clients/billing.py": "import requests\n\nAPI_TOKENS = {'billing': 'x'}\n\n"
            "def charge(amount):\n    headers = {'Authorization': 'Bearer ' + API_TOKENS['billing']}\n"
            "    return requests.post('https://billing/charge', json={'amount': amount}, headers=headers)\n",
        },
        "API key",
    ),
    "a-token-provider-of-gradle-functional-tests": (
        {
            "build.gradle": "dependencies { implementation 'org.springframework.boot:spring-boot-starter-web' }\n",
            "src/functionalTest/java/app/functional/AuthTokenProvider.java": "package app.functional;\n\n"
            "public class AuthTokenProvider {\n"
            '    private final String[] validTokens = System.getenv("API_TOKENS").split(",");\n'
            "    public boolean check(String header) {\n        // Authorization: Bearer <token>\n"
            '        String token = header.replace("Bearer ", "");\n'
            "        return java.util.Arrays.asList(validTokens).contains(token);\n    }\n}\n",
        },
        "API key",
    ),
    "oauth2-client-asking-for-tokens": (
        {
            "src/main/kotlin/app/TrackerApi.kt": "package app\n\nclass TrackerApi {\n"
            '    fun login() = post(formBody("grant_type" to "authorization_code"))\n'
            '    fun refresh() = post(formBody("grant_type" to "refresh_token"))\n}\n'
        },
        "OAuth2 server",
    ),
}


def _read(tmp_path: Path, files: dict[str, str]) -> RepoFacts:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return read_repo(tmp_path)


@pytest.mark.parametrize("case", sorted(KINDS))
def test_each_auth_kind_is_established_with_evidence(case: str, tmp_path: Path) -> None:
    files, kind = KINDS[case]
    facts = _read(tmp_path, files)
    found = {f.value: f for f in facts.established("auth")}
    assert kind in found, [(f.value, f.confidence) for f in facts.facts if f.kind == "auth"]
    assert found[kind].evidence[0].path in files


@pytest.mark.parametrize("case", sorted(TRAPS))
def test_what_tests_mocks_and_outgoing_calls_do_is_not_the_applications_auth(case: str, tmp_path: Path) -> None:
    files, kind = TRAPS[case]
    facts = _read(tmp_path, files)
    assert kind not in {f.value for f in facts.established("auth")}


def test_a_front_ends_test_runner_is_not_the_backends(tmp_path: Path) -> None:
    facts = _read(
        tmp_path,
        {
            "composer.json": '{"require": {"laravel/framework": "^11.0"}, "require-dev": {"phpunit/phpunit": "^11"}}',
            "package.json": '{"devDependencies": {"vitest": "^1.0", "vue": "^3.4"}}',
            "app/Http/Controllers/SongController.php": "<?php\nnamespace App\\Http\\Controllers;\n"
            "class SongController {}\n",
            "tests/Feature/SongTest.php": "<?php\nuse PHPUnit\\Framework\\TestCase;\n"
            "class SongTest extends TestCase {}\n",
            "resources/assets/js/components/Song.spec.ts": "import { it } from 'vitest'\nit('plays', () => {})\n",
        },
    )
    runners = {f.value for f in facts.established("test_framework")}
    assert "PHPUnit" in runners and "Vitest" not in runners
