"""Routes read from syntax trees: each prefix mechanism, constants across files, unresolved prefixes named in the
evidence, HTTP clients not taken for routers, and the per-file time budget."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from prp_agent.repo.ecosystems import elixir
from prp_agent.repo.facts import read_repo
from prp_agent.repo.links import conventional_paths
from prp_agent.repo.reading import parse_sources
from prp_agent.repo.source import SourceFile
from prp_agent.repo.tables import liquibase_changes, sql_tables
from prp_agent.repo.types import SkippedFile

CASES: dict[str, tuple[dict[str, str], set[tuple[str, str]]]] = {
    "go-mux-patterns-under-a-root-web-path-setting": (
        {
            "go.mod": "module x\n\ngo 1.22\n",
            "config/config.go": "package config\n\nvar (\n\t// Webroot is the base path of the UI and API\n"
            '\tWebroot = "/"\n\n\tVerbose bool\n)\n',
            "server/server.go": 'package server\n\nimport (\n\t"net/http"\n\n\t"x/config"\n)\n\n'
            "func routes() *http.ServeMux {\n\tr := http.NewServeMux()\n"
            '\tr.HandleFunc("GET "+config.Webroot+"livez", healthz)\n'
            '\tr.HandleFunc("GET "+config.Webroot+"api/v1/messages", messages)\n\treturn r\n}\n',
        },
        {("GET", "/livez"), ("GET", "/api/v1/messages")},
    ),
    "codeigniter-3-controllers-by-convention-and-configured-routes": (
        {
            "composer.json": '{"require": {"php": ">=8.1"}}',
            "application/core/EA_Controller.php": "<?php\nclass EA_Controller extends CI_Controller\n{\n}\n",
            "application/controllers/Calendar.php": "<?php\n\nclass Calendar extends EA_Controller\n{\n"
            "    public function __construct()\n    {\n        parent::__construct();\n    }\n\n"
            "    public function index(string $appointment_hash = ''): void\n    {\n    }\n\n"
            "    public function reschedule(string $appointment_hash): void\n    {\n    }\n\n"
            "    public function save_appointment(): void\n    {\n    }\n\n"
            "    private function _helper(): void\n    {\n    }\n}\n",
            "application/controllers/api/v1/Settings_api_v1.php": "<?php\n\nclass Settings_api_v1 extends "
            "EA_Controller\n{\n    public function show(string $name): void\n    {\n    }\n}\n",
            "application/config/routes.php": "<?php\n$route['default_controller'] = 'booking';\n"
            "$route['404_override'] = '';\n"
            "$route['api/v1/settings/(:any)']['put'] = 'api/v1/settings_api_v1/update/$1';\n",
        },
        {
            ("ANY", "/calendar"),
            ("ANY", "/calendar/reschedule/{appointment_hash}"),
            ("ANY", "/calendar/save_appointment"),
            ("ANY", "/api/v1/settings_api_v1/show/{name}"),
            ("GET", "/"),
            ("PUT", "/api/v1/settings/{any}"),
        },
    ),
    "grpc-gateway-http-rules-in-proto-files": (
        {
            "go.mod": "module x\n\nrequire github.com/grpc-ecosystem/grpc-gateway/v2 v2.20.0\n",
            "proto/api/v1/memo_service.proto": 'syntax = "proto3";\n\nimport "google/api/annotations.proto";\n\n'
            'service MemoService {\n  // GetMemo gets a memo { not: "/a/route" }.\n'
            "  rpc GetMemo(GetMemoRequest) returns (Memo) {\n"
            '    option (google.api.http) = {get: "/api/v1/{name=memos/*}"};\n  }\n'
            "  rpc CreateMemo(CreateMemoRequest) returns (Memo) {\n    option (google.api.http) = {\n"
            '      post: "/api/v1/memos"\n      body: "memo"\n'
            '      additional_bindings {post: "/api/v1/{parent=users/*}/memos" body: "memo"}\n    };\n  }\n'
            "  rpc BatchGetUsers(BatchGetUsersRequest) returns (BatchGetUsersResponse) {\n"
            '    option (google.api.http) = {post: "/api/v1/users:batchGet" body: "*"};\n  }\n}\n',
            "third_party/googleapis/google/example/library.proto": "service Library {\n"
            "  rpc GetShelf(GetShelfRequest) returns (Shelf) {\n"
            '    option (google.api.http) = {get: "/v1/{name=shelves/*}"};\n  }\n}\n',
        },
        {
            ("GET", "/api/v1/memos/{memo}"),
            ("POST", "/api/v1/memos"),
            ("POST", "/api/v1/users/{user}/memos"),
            ("POST", "/api/v1/users:batchGet"),
        },
    ),
    "drf-nested-routers-and-a-lookup-of-two-segments": (
        {
            "requirements.txt": "django\ndjangorestframework\ndrf-nested-routers\n",
            "app/urls.py": "from django.urls import path, include\n\nurlpatterns = [\n"
            '    path("api/0/", include("projects.urls")),\n]\n',
            "projects/urls.py": "from django.urls import path, include\nfrom rest_framework_nested import routers\n"
            "from .views import ProjectViewSet, KeyViewSet, FileViewSet\n\n"
            "router = routers.SimpleRouter()\nrouter.register(r'projects', ProjectViewSet)\n"
            "projects_router = routers.NestedSimpleRouter(router, r'projects', lookup='project')\n"
            "projects_router.register(r'keys', KeyViewSet, basename='project-keys')\n"
            "keys_router = routers.NestedSimpleRouter(projects_router, r'keys', lookup='key')\n"
            "keys_router.register(r'files', FileViewSet, basename='files')\n\n"
            "urlpatterns = [\n    path('', include(router.urls)),\n    path('', include(projects_router.urls)),\n"
            "    path('', include(keys_router.urls)),\n]\n",
            "projects/views.py": "from rest_framework import viewsets, mixins\n\n"
            "class ProjectViewSet(viewsets.ReadOnlyModelViewSet):\n"
            '    lookup_value_regex = r"(?P<organization_slug>[^/.]+)/(?P<project_slug>[-\\w]+)"\n\n'
            "class KeyViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):\n    pass\n\n"
            "class FileViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):\n    pass\n",
        },
        {
            ("GET", "/api/0/projects"),
            ("GET", "/api/0/projects/{organization_slug}/{project_slug}"),
            ("GET", "/api/0/projects/{project_pk}/keys"),
            ("GET", "/api/0/projects/{project_pk}/keys/{key_pk}/files"),
        },
    ),
    "fastapi-helper-mounting-routers-imported-in-parentheses": (
        {
            "requirements.txt": "fastapi\n",
            "app/main.py": "from fastapi import FastAPI, APIRouter\nfrom app.folders.router import (\n"
            "    router as folders_router,\n)\nfrom app.tags.router import router as tags_router, other\n\n"
            "def _include_workspace_scoped(app: FastAPI, router: APIRouter) -> None:\n"
            "    app.include_router(router, include_in_schema=False)\n"
            '    app.include_router(router, prefix="/workspaces/{workspace_id}")\n\n'
            "def create_app() -> FastAPI:\n    app = FastAPI()\n    _include_workspace_scoped(app, folders_router)\n"
            "    _include_workspace_scoped(app, tags_router)\n    return app\n",
            "app/folders/router.py": "from fastapi import APIRouter\n\n"
            'router = APIRouter(prefix="/folders")\n\n@router.get("")\ndef folders():\n    return []\n',
            "app/tags/router.py": "from fastapi import APIRouter\n\n"
            'router = APIRouter(prefix="/tags")\n\n@router.get("/{tag_id}")\ndef tag(tag_id: str):\n    return {}\n',
        },
        {
            ("GET", "/folders"),
            ("GET", "/workspaces/{workspace_id}/folders"),
            ("GET", "/tags/{tag_id}"),
            ("GET", "/workspaces/{workspace_id}/tags/{tag_id}"),
        },
    ),
    "adonisjs-groups-with-middleware-before-the-prefix-and-pages": (
        {
            "package.json": '{"dependencies": {"@adonisjs/core": "6"}}',
            "start/routes.ts": "import router from '@adonisjs/core/services/router';\n"
            "const LinksController = () => import('#controllers/links_controller');\n\n"
            "router.on('/terms').renderInertia('terms');\n"
            "router\n  .group(() => {\n    router.get('/create', [LinksController, 'create']);\n"
            "    router.put('/:id', [LinksController, 'update']);\n  })\n"
            "  .middleware([middleware.auth()])\n  .prefix('/links');\n",
        },
        {("GET", "/terms"), ("GET", "/links/create"), ("PUT", "/links/{id}")},
    ),
    "fastendpoints-classes-under-their-group-the-version-and-the-global-prefix": (
        {
            "Api/Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup>'
            '<PackageReference Include="FastEndpoints" Version="5.30.0" /></ItemGroup></Project>',
            "Api/Program.cs": "var app = builder.Build();\napp.UseFastEndpoints(x =>\n{\n"
            '    x.Endpoints.RoutePrefix = "api";\n    x.Versioning.Prefix = "v";\n'
            "    x.Versioning.PrependToRoute = true;\n    x.Versioning.DefaultVersion = 1;\n});\napp.Run();\n",
            "Api/Endpoints/EndUser/EndUserGroup.cs": "using FastEndpoints;\n\n"
            'public sealed class EndUserGroup : Group\n{\n    public const string RoutePrefix = "EndUser";\n'
            "    public EndUserGroup()\n    {\n"
            "        Configure(RoutePrefix.ToLowerInvariant(), ep => { ep.EndpointVersion(2); });\n    }\n}\n",
            "Api/Endpoints/EndUser/GetDialogEndpoint.cs": "public sealed class GetDialogEndpoint : "
            "Endpoint<GetDialogQuery, DialogDto>\n{\n    public override void Configure()\n    {\n"
            '        Get("dialogs/{dialogId}");\n        Group<EndUserGroup>();\n    }\n}\n',
            "Api/Endpoints/HealthEndpoint.cs": "public sealed class HealthEndpoint : EndpointWithoutRequest\n{\n"
            "    public override void Configure()\n    {\n        Verbs(Http.GET, Http.HEAD);\n"
            '        Routes("/status");\n        AllowAnonymous();\n    }\n}\n',
        },
        {("GET", "/api/v2/enduser/dialogs/{dialogId}"), ("GET", "/api/v1/status")},
    ),
    "chi-groups-handed-a-method-value-and-closures-on-a-router-variable": (
        {
            "go.mod": "module x\n\nrequire github.com/go-chi/chi/v5 v5.0.0\n",
            "internal/http/server.go": 'package http\n\nimport "github.com/go-chi/chi/v5"\n\n'
            "func (s Server) Handler() http.Handler {\n\tr := chi.NewRouter()\n\tapi := chi.NewRouter()\n"
            '\tapi.Route("/auth", newAuthHandler(s.log).Routes)\n\tapi.Group(func(r chi.Router) {\n'
            "\t\tr.Group(func(r chi.Router) {\n\t\t\tr.Use(s.authenticated)\n"
            '\t\t\tr.Route("/actions", newActionHandler(s.actions).Routes)\n\t\t\tr.Get("/ping", ping)\n'
            '\t\t})\n\t})\n\tr.Mount("/api", api)\n\treturn r\n}\n',
            "internal/http/action.go": "package http\n\ntype actionHandler struct{}\n\n"
            "func newActionHandler(service actionService) *actionHandler {\n\treturn &actionHandler{}\n}\n\n"
            'func (h actionHandler) Routes(r chi.Router) {\n\tr.Get("/", h.list)\n'
            '\tr.Route("/{actionID}", func(r chi.Router) {\n\t\tr.Delete("/", h.delete)\n\t})\n}\n',
            "internal/http/auth.go": "package http\n\ntype authHandler struct{}\n\n"
            "func newAuthHandler(log Logger) *authHandler {\n\treturn &authHandler{}\n}\n\n"
            'func (h authHandler) Routes(r chi.Router) {\n\tr.Post("/login", h.login)\n}\n',
        },
        {
            ("GET", "/api/actions"),
            ("DELETE", "/api/actions/{actionID}"),
            ("POST", "/api/auth/login"),
            ("GET", "/api/ping"),
        },
    ),
    "laravel-package-routes-under-a-config-setting-with-optional-parameters": (
        {
            "composer.json": '{"require": {"laravel/framework": "^10.0"}}',
            "config/app.php": "<?php\n\nreturn [\n    'name' => env('APP_NAME', 'CRM'),\n"
            "    'admin_path' => env('APP_ADMIN_PATH', 'admin'),\n];\n",
            "packages/Acme/Admin/src/Providers/AdminServiceProvider.php": "<?php\n\nclass AdminServiceProvider {\n"
            "    public function boot(): void\n    {\n"
            "        Route::middleware(['web'])->prefix(config('app.admin_path'))\n"
            "            ->group(__DIR__.'/../Routes/Admin/web.php');\n    }\n}\n",
            "packages/Acme/Admin/src/Routes/Admin/web.php": "<?php\n\nrequire 'mail-routes.php';\n",
            "packages/Acme/Admin/src/Routes/Admin/mail-routes.php": "<?php\n\n"
            "Route::controller(MailController::class)->middleware(['user'])->prefix('mail')->group(function () {\n"
            "    Route::get('attachment-download/{id?}', 'download');\n    Route::get('{route}/{id}', 'view');\n"
            "});\n",
        },
        {("GET", "/admin/mail/attachment-download/{id}"), ("GET", "/admin/mail/{route}/{id}")},
    ),
    "restify-routes-given-as-objects": (
        {
            "package.json": '{"dependencies": {"restify": "11"}}',
            "server.js": "const restify = require('restify');\nconst server = restify.createServer();\n"
            "require('./lib/api/users')(server);\n",
            "lib/api/users.js": "module.exports = (server) => {\n  server.get(\n    {\n      name: 'getUsers',\n"
            "      path: '/users',\n      summary: 'List users',\n    },\n    async (req, res) => res.json([])\n  );\n"
            "  server.del({ name: 'deleteUser', path: '/users/:user' }, async (req, res) => res.json({}));\n};\n",
        },
        {("GET", "/users"), ("DELETE", "/users/{user}")},
    ),
    "gorilla-handlers-registered-from-a-registry-with-net-http-method-names": (
        {
            "go.mod": "module x\n\nrequire github.com/gorilla/mux v1.8.0\n",
            "controllers/controller.go": 'package controllers\n\nimport "github.com/gorilla/mux"\n\n'
            "var HttpHandlers = []interface{}{\n\taclHandlers,\n\tnodeHandlers,\n}\n\n"
            "func Serve() {\n\tr := mux.NewRouter()\n\tfor _, handler := range HttpHandlers {\n"
            "\t\thandler.(func(*mux.Router))(r)\n\t}\n}\n",
            "controllers/acls.go": 'package controllers\n\nimport (\n\t"net/http"\n\n\t"github.com/gorilla/mux"\n)\n\n'
            "func aclHandlers(r *mux.Router) {\n"
            '\tr.HandleFunc("/api/v1/acls", check(http.HandlerFunc(getAcls))).Methods(http.MethodGet)\n'
            '\tr.HandleFunc("/api/v1/acls", check(http.HandlerFunc(createAcl))).Methods(http.MethodPost)\n}\n',
            "controllers/nodes.go": 'package controllers\n\nimport "github.com/gorilla/mux"\n\n'
            'func nodeHandlers(r *mux.Router) {\n\tr.HandleFunc("/api/nodes", getNodes).Methods("GET")\n}\n',
        },
        {("GET", "/api/v1/acls"), ("POST", "/api/v1/acls"), ("GET", "/api/nodes")},
    ),
    "express-routers-from-the-projects-own-factory-with-async-verbs": (
        {
            "package.json": '{"dependencies": {"express": "4"}}',
            "lib/router-async.js": "const express = require('express');\n\nfunction create() {\n"
            "  const router = new express.Router();\n"
            "  router.postAsync = (path, ...h) => router.post(path, ...h);\n  return router;\n}\n\n"
            "module.exports = { create };\n",
            "routes/rest/account.js": "const router = require('../../lib/router-async').create();\n\n"
            "router.getAsync('/account', async (req, res) => res.json({}));\n"
            "router.postAsync('/account-validate', async (req, res) => res.json({}));\n\nmodule.exports = router;\n",
            "app.js": "const express = require('express');\nconst accountRest = require('./routes/rest/account');\n"
            "const app = express();\napp.use('/rest', accountRest);\n",
        },
        {("GET", "/rest/account"), ("POST", "/rest/account-validate")},
    ),
    "dropshot-endpoints": (
        {
            "Cargo.toml": '[package]\nname = "x"\n\n[dependencies]\ndropshot = "0.10"\n',
            "src/auth.rs": "use dropshot::{endpoint, HttpError};\n\n"
            '#[endpoint {\n    method = POST,\n    path = "/v0/auth/login",\n    tags = ["auth"]\n}]\n'
            "pub async fn auth_login_post() -> Result<(), HttpError> { Ok(()) }\n\n"
            '#[endpoint {\n    method = OPTIONS,\n    path =  "/v0/auth/login",\n}]\n'
            "pub async fn auth_login_options() -> Result<(), HttpError> { Ok(()) }\n",
        },
        {("POST", "/v0/auth/login"), ("OPTIONS", "/v0/auth/login")},
    ),
    "drf-routers-registered-by-keyword-and-appended-to-a-wrapped-include": (
        {
            "requirements.txt": "django\ndjangorestframework\n",
            "proj/urls.py": "from django.urls import include, path\n\n"
            "urlpatterns = [path('api/', include('api.urls'))]\n",
            "api/urls.py": "from django.urls import include, path\nfrom api.v1 import urls as v1_urls\n\n"
            "def optional_trailing_slash(urls):\n    return urls\n\n"
            "urlpatterns = [path('v1/', optional_trailing_slash(include(v1_urls)))]\n",
            "api/v1/urls.py": "from django.urls import re_path\nfrom rest_framework import routers\n"
            "from api import views\n\n"
            "router = routers.SimpleRouter()\nrouter.register(\n    prefix=r'learner-licenses',\n"
            "    viewset=views.LearnerLicensesViewSet,\n    basename='learner-licenses',\n)\n\n"
            "urlpatterns = [re_path(r'license-subsidy', views.LicenseSubsidyView.as_view())]\n"
            "urlpatterns += router.urls\n",
            "api/views.py": "from rest_framework import viewsets\nfrom rest_framework.views import APIView\n\n"
            "class LearnerLicensesViewSet(viewsets.ReadOnlyModelViewSet):\n    pass\n\n"
            "class LicenseSubsidyView(APIView):\n    def get(self, request): ...\n",
        },
        {
            ("GET", "/api/v1/learner-licenses"),
            ("GET", "/api/v1/learner-licenses/{pk}"),
            ("GET", "/api/v1/license-subsidy"),
        },
    ),
    "laravel-volt-pages-in-a-guest-group": (
        {
            "composer.json": '{"require": {"laravel/framework": "^11.0", "livewire/volt": "^1.0"}}',
            "routes/web.php": "<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\n"
            "Route::view('/', 'welcome');\n\nrequire __DIR__ . '/auth.php';\n",
            "routes/auth.php": "<?php\n\nuse Illuminate\\Support\\Facades\\Route;\nuse Livewire\\Volt\\Volt;\n\n"
            "Route::middleware('guest')->group(function () {\n"
            "    Volt::route('login', 'pages.auth.login')->name('login');\n"
            "    Volt::route('reset-password/{token}', 'pages.auth.reset-password');\n});\n",
        },
        {("GET", "/login"), ("GET", "/reset-password/{token}")},
    ),
    "flask-restx-namespaces-made-on-an-api-bound-to-a-blueprint": (
        {
            "requirements.txt": "flask\nflask-restx\n",
            "app/extensions.py": "from flask_restx import Api\n\napi = Api(doc='/docs')\n",
            "app/api/routes.py": "from flask import Blueprint\nfrom flask_restx import Resource\n"
            "from app.extensions import api\n\napi_bp = Blueprint('api', __name__, url_prefix='/api')\n"
            "api.init_app(api_bp)\nusers_ns = api.namespace('users', description='Users')\n\n"
            "@users_ns.route('')\nclass UserList(Resource):\n    def get(self): ...\n\n"
            "@users_ns.route('/<int:user_id>')\nclass UserResource(Resource):\n"
            "    def delete(self, user_id): ...\n",
            "app/__init__.py": "from flask import Flask\nfrom app.api.routes import api_bp\n\n"
            "def create_app():\n    app = Flask(__name__)\n    app.register_blueprint(api_bp)\n    return app\n",
            "app/services/media.py": "class MediaClient:\n    def invite(self):\n"
            "        return self.post('/api/Account/invite', json={'email': 'x'})\n",
        },
        {("GET", "/api/users"), ("DELETE", "/api/users/{user_id}")},
    ),
    "rails-optional-locale-scope": (
        {
            "Gemfile": "gem 'rails'\n",
            "config/routes.rb": "Rails.application.routes.draw do\n"
            '  scope "(:locale)", locale: /en|fr/ do\n    get "about", to: "pages#about"\n'
            "    resources :businesses, only: [:index, :show]\n  end\nend\n",
        },
        {("GET", "/about"), ("GET", "/businesses"), ("GET", "/businesses/{id}")},
    ),
    "nestjs-router-module-with-modules-as-children": (
        {
            "package.json": '{"dependencies": {"@nestjs/core": "10", "@nestjs/common": "10"}}',
            "src/api.module.ts": "import { Module } from '@nestjs/common'\n"
            "import { RouterModule } from '@nestjs/core'\n"
            "import { AgenciesModule } from './agencies/agencies.module'\n\n"
            "const apiModules = [AgenciesModule]\n\n@Module({\n  imports: [\n    ...apiModules,\n"
            "    RouterModule.register([{ path: 'api/v1', children: apiModules }]),\n  ],\n})\n"
            "export class ApiModule {}\n",
            "src/agencies/agencies.module.ts": "import { Module } from '@nestjs/common'\n"
            "import { AgenciesController } from './agencies.controller'\n\n"
            "@Module({ controllers: [AgenciesController] })\nexport class AgenciesModule {}\n",
            "src/agencies/agencies.controller.ts": "import { Controller, Get } from '@nestjs/common'\n\n"
            "@Controller('agencies')\nexport class AgenciesController {\n  @Get(':id')\n  one() {}\n}\n",
        },
        {("GET", "/api/v1/agencies/{id}")},
    ),
    "aspnet-actions-declaring-their-own-api-versions": (
        {
            "src/Register/Register.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
            "src/Register/Controllers/V2/PartyController.cs": "using Microsoft.AspNetCore.Mvc;\n\n"
            "[ApiController]\n[ApiVersion(2.0)]\n"
            '[Route("register/api/v{version:apiVersion}/internal/parties")]\n'
            "public partial class PartyController : ControllerBase\n{\n"
            '    [HttpGet("stream")]\n    public IActionResult Stream() => Ok();\n\n'
            "    [ApiVersion(1.0)]\n    [ApiVersion(2.0)]\n"
            '    [HttpGet("{partyUuid:guid}/customers/ccr/revisor")]\n'
            "    public IActionResult Revisor(Guid partyUuid) => Ok();\n}\n",
        },
        {
            ("GET", "/register/api/v2/internal/parties/stream"),
            ("GET", "/register/api/v1/internal/parties/{partyUuid}/customers/ccr/revisor"),
            ("GET", "/register/api/v2/internal/parties/{partyUuid}/customers/ccr/revisor"),
        },
    ),
    "nestjs-decorators-with-comments-between-them-and-several-paths": (
        {
            "package.json": '{"dependencies": {"@nestjs/core": "10", "@nestjs/common": "10"}}',
            "src/themes.controller.ts": "import { Controller, Get, Patch } from '@nestjs/common'\n\n"
            "@Controller('v2/projects/:projectId/themes')\nexport class ThemesController {\n"
            "  @Patch(':id')\n  @ApiResponse({ status: 200 })\n  // the standard refusals, restated\n"
            "  @ApiResponse({ status: 403 })\n  async update() {}\n\n"
            "  @Get(['discovery', 'discovery/mcp'])\n  discovery() {}\n}\n",
        },
        {
            ("PATCH", "/v2/projects/{projectId}/themes/{id}"),
            ("GET", "/v2/projects/{projectId}/themes/discovery"),
            ("GET", "/v2/projects/{projectId}/themes/discovery/mcp"),
        },
    ),
    "drf-viewsets-with-action-maps-in-nested-includes": (
        {
            "requirements.txt": "django\ndjangorestframework\n",
            "proj/urls.py": "from django.urls import include, path\n\n"
            "urlpatterns = [path('api', include('api.urls'))]\n",
            "api/urls.py": "from django.urls import include, path\nfrom . import views\n\n"
            "list_methods = {'get': 'list', 'post': 'create'}\n"
            "detail_methods = {'get': 'retrieve', 'patch': 'partial_update', 'delete': 'destroy'}\n\n"
            "urlpatterns = [\n    path('/v1/tournaments', include([\n"
            "        path('', views.TournamentViewSet.as_view(list_methods)),\n"
            "        path('/<slug:slug>', views.TournamentViewSet.as_view(detail_methods)),\n"
            "        path('/<slug:slug>/close', views.TournamentViewSet.as_view({'post': 'close'})),\n"
            "    ])),\n]\n",
            "api/views.py": "from rest_framework.viewsets import ModelViewSet\n\n"
            "class TournamentViewSet(ModelViewSet):\n    pass\n",
        },
        {
            ("GET", "/api/v1/tournaments"),
            ("POST", "/api/v1/tournaments"),
            ("GET", "/api/v1/tournaments/{slug}"),
            ("PATCH", "/api/v1/tournaments/{slug}"),
            ("DELETE", "/api/v1/tournaments/{slug}"),
            ("POST", "/api/v1/tournaments/{slug}/close"),
        },
    ),
    "express-route-chains-whose-verbs-take-only-handlers": (
        {
            "package.json": '{"dependencies": {"express": "4"}}',
            "api.js": "const express = require('express');\nconst api = express();\n"
            "api.use('/api/weather', require('./routes/weather'));\n",
            "routes/weather.js": "const express = require('express');\nconst router = express.Router();\n"
            "const { getWeather, update } = require('../controllers/weather');\n\n"
            "router\n  .route('/')\n  .get(getWeather);\n\nrouter\n  .route('/:id')\n  .get(getWeather)\n"
            "  .put(auth, update);\n\nmodule.exports = router;\n",
        },
        {("GET", "/api/weather"), ("GET", "/api/weather/{id}"), ("PUT", "/api/weather/{id}")},
    ),
    "fastapi-routes-declared-through-a-decorator-handed-the-routers-method": (
        {
            "pyproject.toml": '[project]\nname = "x"\ndependencies = ["fastapi"]\n',
            "app/main.py": "from fastapi import FastAPI\nfrom app.roms import router as rom_router\n"
            'app = FastAPI()\napp.include_router(rom_router, prefix="/api")\n',
            "app/roms.py": "from fastapi import APIRouter\nfrom app.auth import protected_route\n"
            'router = APIRouter(prefix="/roms")\n\n'
            '@protected_route(router.get, "", ["roms.read"])\ndef list_roms(): ...\n\n'
            '@protected_route(router.delete, "/{rom_id}", ["roms.write"])\ndef delete_rom(rom_id: int): ...\n',
            "app/auth.py": "def protected_route(method, path, scopes):\n"
            "    def decorator(func):\n        return method(path)(func)\n    return decorator\n",
        },
        {("GET", "/api/roms"), ("DELETE", "/api/roms/{rom_id}")},
    ),
    "flask-restful-resources-added-from-a-table-imported-under-another-name": (
        {
            "requirements.txt": "flask\nflask-restful\n",
            "app/api/routes.py": "from app.api.resources import SketchListResource, SketchResource\n\n"
            'API_ROUTES = [\n    (SketchListResource, "/sketches/"),\n'
            '    (SketchResource, "/sketches/<int:sketch_id>/", "/sketch/<int:sketch_id>/"),\n]\n',
            "app/api/resources.py": "from flask_restful import Resource\n\n"
            "class SketchListResource(Resource):\n    def get(self): ...\n    def post(self): ...\n\n"
            "class SketchResource(Resource):\n    def get(self, sketch_id): ...\n",
            "app/app.py": "from flask import Flask\nfrom flask_restful import Api\n"
            "from app.api.routes import API_ROUTES as V1_API_ROUTES\n\n"
            "def create_app():\n    app = Flask(__name__)\n"
            '    api_v1 = Api(app, prefix="/api/v1")\n    for route in V1_API_ROUTES:\n'
            "        api_v1.add_resource(*route)\n    return app\n",
        },
        {
            ("GET", "/api/v1/sketches"),
            ("POST", "/api/v1/sketches"),
            ("GET", "/api/v1/sketches/{sketch_id}"),
            ("GET", "/api/v1/sketch/{sketch_id}"),
        },
    ),
    "express-apps-imported-as-namespaces-each-exporting-handlers": (
        {
            "package.json": '{"type": "module", "dependencies": {"express": "4"}}',
            "src/app.js": "import express from 'express';\nimport * as accountApp from './app-account.js';\n"
            "import * as syncApp from './app-sync.js';\nimport * as adminApp from './app-admin.js';\n\n"
            "const app = express();\napp.use('/account', accountApp.handlers);\n"
            "app.use('/sync', syncApp.handlers);\napp.use('/admin', adminApp.handlers);\n",
            **{
                f"src/app-{name}.js": "import express from 'express';\n\nconst app = express();\n"
                f"app.get('/{path}', (req, res) => res.send('ok'));\n\nexport {{ app as handlers }};\n"
                for name, path in (("account", "login-methods"), ("sync", "list-user-files"), ("admin", "users"))
            },
        },
        {("GET", "/account/login-methods"), ("GET", "/sync/list-user-files"), ("GET", "/admin/users")},
    ),
    "fastapi-prefix-from-a-setting-with-a-default-after-or": (
        {
            "requirements.txt": "fastapi\n",
            "app/main.py": "import os\n\nfrom fastapi import APIRouter, FastAPI\n\n"
            'API_PREFIX = os.getenv("API_PREFIX") or "/api"\nrouter = APIRouter()\n\n\n'
            '@router.get("/items")\ndef items():\n    return []\n\n\napp = FastAPI()\n'
            "app.include_router(router, prefix=API_PREFIX)\n",
        },
        {("GET", "/api/items")},
    ),
    "express-module-folders-re-exporting-their-router-under-a-versioned-default-base": (
        {
            "package.json": '{"dependencies": {"express": "4"}}',
            "backend/app.js": "const express = require('express');\nconst tasksModule = require('./modules/tasks');\n"
            "const app = express();\nconst API_VERSION = process.env.API_VERSION || 'v1';\n"
            "const API_BASE_PATH = `/api/${API_VERSION}`;\n"
            "const registerApiRoutes = (basePath) => {\n    app.use(basePath, tasksModule.routes);\n};\n"
            "const routeBases = new Set(['/api']);\nrouteBases.add(API_BASE_PATH);\n"
            "routeBases.forEach(registerApiRoutes);\n",
            "backend/modules/tasks/index.js": "const routes = require('./routes');\n\nmodule.exports = { routes };\n",
            "backend/modules/tasks/routes.js": "const express = require('express');\nconst router = express.Router();\n"
            "router.get('/tasks', (req, res) => res.json([]));\nmodule.exports = router;\n",
        },
        {("GET", "/api/tasks"), ("GET", "/api/v1/tasks")},
    ),
    "express-helper-mounting-at-each-base-path-a-set-holds": (
        {
            "package.json": '{"dependencies": {"express": "4"}}',
            "src/app.js": "const express = require('express');\nconst tasks = require('./tasks');\n"
            "const app = express();\nconst API_BASE_PATH = '/api/v1';\n"
            "const registerApiRoutes = (basePath) => {\n    app.use(basePath, tasks);\n};\n"
            "const routeBases = new Set(['/api']);\nif (process.env.API_VERSION) {\n"
            "    routeBases.add(API_BASE_PATH);\n}\nrouteBases.forEach(registerApiRoutes);\n",
            "src/tasks.js": "const express = require('express');\nconst router = express.Router();\n"
            "router.get('/tasks', (req, res) => res.json([]));\nmodule.exports = router;\n",
        },
        {("GET", "/api/tasks"), ("GET", "/api/v1/tasks")},
    ),
    "aspnet-tokens-snake-cased-by-the-applications-own-transformer": (
        {
            "Api/Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n',
            "Api/SnakeCaseRouteTransformer.cs": "public partial class SnakeCaseRouteTransformer : "
            "IOutboundParameterTransformer\n{\n    public string? TransformOutbound(object? value)\n    {\n"
            '        return value != null ? string.Join("_", RouteRegex().Split(value.ToString()!)).ToLower() : null;\n'
            "    }\n}\n",
            "Api/Startup.cs": "services.AddControllers(options => {\n"
            "    options.Conventions.Add(new RouteTokenTransformerConvention(new SnakeCaseRouteTransformer()));\n});\n"
            'app.UseHealthChecks("/healthz");\n',
            "Api/Controllers/UserAccountController.cs": '[Route("/lb/v1/[controller]/[action]")]\n'
            "public class UserAccountController : ControllerBase\n{\n    [HttpPost]\n"
            "    public IActionResult Login() => Ok();\n    [HttpPost]\n"
            "    public IActionResult ResetPassword() => Ok();\n}\n",
        },
        {("POST", "/lb/v1/user_account/login"), ("POST", "/lb/v1/user_account/reset_password"), ("GET", "/healthz")},
    ),
    "django-url-module-included-at-a-bare-caret-and-views-a-factory-makes": (
        {
            "requirements.txt": "django\ndrf-yasg\n",
            "cms/urls.py": "from django.urls import include, path, re_path\n\n"
            'urlpatterns = [\n    re_path(r"^", include("files.urls")),\n'
            "    path('docs/api/', schema_view.with_ui('redoc', cache_timeout=0), name='schema-redoc'),\n]\n",
            "files/urls.py": "from django.urls import re_path\n\nfrom . import views\n\n"
            'urlpatterns = [\n    re_path(r"^about", views.about, name="about"),\n'
            '    re_path(r"^categories$", views.categories, name="categories"),\n]\n',
            "files/views.py": "def about(request):\n    return None\n\n\ndef categories(request):\n    return None\n",
        },
        {("GET", "/about"), ("GET", "/categories"), ("GET", "/docs/api")},
    ),
    "gin-router-function-calling-a-library-option-named-like-a-folder-of-the-repository": (
        {
            "go.mod": "module answer\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.9.1\n",
            "internal/base/server/http.go": 'package server\n\nimport "github.com/gin-gonic/gin"\n\n'
            "func NewHTTPServer(answerRouter *router.AnswerAPIRouter) *gin.Engine {\n\tr := gin.New()\n"
            '\tadmin := r.Group("/answer/admin/api")\n\tadmin.GET("/ai-config", getConfig)\n'
            '\tmcpAPIGroup := r.Group("/answer/api/v1")\n\tanswerRouter.RegisterMCPRouter(mcpAPIGroup)\n'
            "\treturn r\n}\n",
            "internal/router/mcp_router.go": 'package router\n\nimport (\n\t"github.com/gin-gonic/gin"\n'
            '\t"github.com/mark3labs/mcp-go/server"\n)\n\n'
            "func (a *AnswerAPIRouter) RegisterMCPRouter(r *gin.RouterGroup) {\n"
            '\tsse := server.NewSSEServer(s, server.WithSSEEndpoint("/answer/api/v1/mcp/see"))\n'
            '\tr.GET("/mcp/sse", gin.WrapH(sse.SSEHandler()))\n}\n',
        },
        {("GET", "/answer/api/v1/mcp/sse"), ("GET", "/answer/admin/api/ai-config")},
    ),
    "gin-router-functions-a-registry-holds-called-in-a-loop-under-a-group": (
        {
            "go.mod": "module go-admin\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.9.1\n",
            "app/router/router.go": 'package router\n\nimport "github.com/gin-gonic/gin"\n\n'
            "var routerCheckRole = make([]func(v1 *gin.RouterGroup), 0)\n\n"
            'func InitRouter(r *gin.Engine) {\n\tv1 := r.Group("/api/v1")\n'
            "\tfor _, f := range routerCheckRole {\n\t\tf(v1)\n\t}\n}\n",
            "app/router/sys_config.go": 'package router\n\nimport "github.com/gin-gonic/gin"\n\n'
            "func init() {\n\trouterCheckRole = append(routerCheckRole, registerSysConfigRouter)\n}\n\n"
            'func registerSysConfigRouter(v1 *gin.RouterGroup) {\n\tr := v1.Group("/config")\n'
            '\t{\n\t\tr.GET("", getPage)\n\t\tr.PUT("/:id", update)\n\t}\n}\n',
        },
        {("GET", "/api/v1/config"), ("PUT", "/api/v1/config/{id}")},
    ),
    "gin-controllers-a-package-function-returns-registering-on-a-group": (
        {
            "go.mod": "module example.com/backup\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.9.1\n",
            "cmd/main.go": 'package main\n\nimport "github.com/gin-gonic/gin"\n\n'
            'func setUpRoutes(r *gin.Engine) {\n\tv1 := r.Group("/api/v1")\n\tprotected := v1.Group("")\n'
            "\taudit_logs.GetAuditLogController().RegisterRoutes(protected)\n"
            "\tdisk.GetDiskController().RegisterRoutes(protected)\n}\n",
            "internal/audit_logs/di.go": "package audit_logs\n\nvar controller = &AuditLogController{}\n\n"
            "func GetAuditLogController() *AuditLogController {\n\treturn controller\n}\n",
            "internal/audit_logs/controller.go": 'package audit_logs\n\nimport "github.com/gin-gonic/gin"\n\n'
            "func (c *AuditLogController) RegisterRoutes(router *gin.RouterGroup) {\n"
            '\troutes := router.Group("/audit-logs")\n\troutes.GET("/global", c.Global)\n'
            '\troutes.GET("/users/:userId", c.User)\n}\n',
            "internal/disk/di.go": "package disk\n\nfunc GetDiskController() *DiskController {\n"
            "\treturn &DiskController{}\n}\n",
            "internal/disk/controller.go": 'package disk\n\nimport "github.com/gin-gonic/gin"\n\n'
            "func (c *DiskController) RegisterRoutes(router *gin.RouterGroup) {\n"
            '\trouter.GET("/disk/usage", c.Usage)\n}\n',
        },
        {
            ("GET", "/api/v1/audit-logs/global"),
            ("GET", "/api/v1/audit-logs/users/{userId}"),
            ("GET", "/api/v1/disk/usage"),
        },
    ),
    "express-routers-required-inline-after-spread-middleware": (
        {
            "package.json": '{"dependencies": {"express": "4"}}',
            "src/server/index.ts": "import express from 'express'\nimport api from './api'\nconst app = express()\n"
            "app.use('/api', ...apiSpecificMiddleware, api)\n",
            "src/server/api/index.ts": "import Express from 'express'\n"
            "const router: Express.Router = Express.Router()\n"
            "router.use('/login', require('./login'))\nrouter.use('/user', userGuard, require('./user').router)\n"
            "export default router\n",
            "src/server/api/login/index.ts": "import Express from 'express'\nconst router = Express.Router()\n"
            "router.get('/message', getMessage)\nrouter.post('/otp', generateOtp)\nexport default router\n",
            "src/server/api/user.ts": "import { Router } from 'express'\nexport const router = Router()\n"
            "router.patch('/url/ownership', transfer)\n",
        },
        {("GET", "/api/login/message"), ("POST", "/api/login/otp"), ("PATCH", "/api/user/url/ownership")},
    ),
    "axum-extra-typed-paths-of-handlers-in-other-modules": (
        {
            "Cargo.toml": '[package]\nname = "web"\n\n[dependencies]\naxum = "0.8"\naxum-extra = "0.10"\n',
            "crates/pages/routes.rs": "pub mod skills {\n    use axum_extra::routing::TypedPath;\n\n"
            '    #[derive(TypedPath, Deserialize)]\n    #[typed_path("/o/{team_id}/skills")]\n'
            "    pub struct Index {\n        pub team_id: String,\n    }\n\n"
            '    #[derive(TypedPath, Deserialize)]\n    #[typed_path("/o/{team_id}/skills/delete/{id}")]\n'
            "    pub struct Delete {\n        pub team_id: String,\n        pub id: i32,\n    }\n}\n\n"
            "pub mod profile {\n    use axum_extra::routing::TypedPath;\n\n"
            '    #[derive(TypedPath, Deserialize)]\n    #[typed_path("/o/{team_id}/set_details")]\n'
            "    pub struct SetDetails {\n        pub team_id: String,\n    }\n\n"
            '    #[derive(TypedPath, Deserialize)]\n    #[typed_path("/o/{team_id}/skills")]\n'
            "    pub struct Index {\n        pub team_id: String,\n    }\n}\n",
            "crates/server/handlers/skills/mod.rs": "mod actions;\nmod loaders;\npub use loaders::{loader};\n\n"
            "use axum::Router;\nuse axum_extra::routing::RouterExt;\n\npub fn routes() -> Router {\n"
            "    Router::new()\n        .typed_get(loader)\n        .typed_post(actions::delete_action)\n}\n",
            "crates/server/handlers/skills/loaders.rs": "use axum::extract::Extension;\n"
            "use pages::routes::skills::{Index};\n\npub async fn loader(Index { team_id }: Index, "
            "Extension(pool): Extension<Pool>) -> Html<String> {\n    todo!()\n}\n",
            "crates/server/handlers/skills/actions.rs": "use axum::extract::Form;\n"
            "use pages::routes::skills::Delete;\n\npub async fn delete_action(Delete { team_id, id }: Delete) "
            "-> Redirect {\n    todo!()\n}\n",
            "crates/server/handlers/profile.rs": "use axum::Router;\nuse axum_extra::routing::RouterExt;\n"
            "use pages::routes::profile::{SetDetails as SetDetailsRoute};\n\npub fn routes() -> Router {\n"
            "    Router::new().typed_post(set_details_action)\n}\n\n"
            "pub async fn set_details_action(SetDetailsRoute { team_id }: SetDetailsRoute) -> Redirect {\n"
            "    todo!()\n}\n",
            "crates/server/main.rs": "use axum::Router;\n\nfn app() -> Router {\n"
            "    Router::new().merge(handlers::skills::routes()).merge(handlers::profile::routes())\n}\n",
        },
        {
            ("GET", "/o/{team_id}/skills"),
            ("POST", "/o/{team_id}/skills/delete/{id}"),
            ("POST", "/o/{team_id}/set_details"),
        },
    ),
    "express-openapi-modules-under-the-paths-folder": (
        {
            "package.json": '{"dependencies": {"express": "4", "express-openapi": "12"}}',
            "src/index.ts": "import express from 'express'\nimport apiApp from './api'\nconst app = express()\n"
            "app.use('/v1', apiApp)\n",
            "src/api.ts": "import express from 'express'\nimport { initialize } from 'express-openapi'\n"
            "const apiApp = express()\ninitialize({\n  app: apiApp,\n  apiDoc,\n  paths: './src/routers/v1',\n})\n"
            "export default apiApp\n",
            "src/routers/v1/users/index.ts": "export default function () {\n  const operations = {\n    GET,\n"
            "    POST: [userAuthenticated, POST],\n  };\n  async function GET(req, res) {}\n"
            "  async function POST(req, res) {}\n  return operations;\n}\n",
            "src/routers/v1/users/{id}.ts": "export default function () {\n  const operations = {\n"
            "    PUT: [userAuthenticated, PUT],\n    DELETE: [userAuthenticated, DELETE],\n  };\n"
            "  return operations;\n}\n",
        },
        {("GET", "/v1/users"), ("POST", "/v1/users"), ("PUT", "/v1/users/{id}"), ("DELETE", "/v1/users/{id}")},
    ),
    "express-routers-loaded-from-a-folder-by-their-file-paths": (
        {
            "package.json": '{"dependencies": {"express": "4"}}',
            "src/api/Server.ts": "import express, { Router } from 'express'\nimport path from 'path'\n"
            "import { registerRoutes } from '../util/TraverseDirectory'\n\nexport class ApiServer {\n"
            "  async start(app) {\n    const api = Router({ mergeParams: true })\n"
            '    await registerRoutes(this, path.join(__dirname, "routes", "/"), api)\n'
            '    app.use("/api/v6", api)\n    app.use("/api/v7", api)\n    app.use("/api", api)\n  }\n}\n',
            "src/api/routes/beaker.ts": "import { Router } from 'express'\n"
            "const router = Router({ mergeParams: true })\nrouter.post('/', send)\nexport default router\n",
            "src/api/routes/channels/#channel_id/index.ts": "import { Router } from 'express'\n"
            "const router = Router({ mergeParams: true })\nrouter.get('/', one)\nrouter.patch('/', edit)\n"
            "export default router\n",
            "src/api/routes/channels/#channel_id/messages/#message_id/ack.ts": "import { Router } from 'express'\n"
            "const router = Router({ mergeParams: true })\nrouter.post('/', ack)\nexport default router\n",
        },
        {
            ("POST", "/api/beaker"),
            ("GET", "/api/channels/{channel_id}"),
            ("PATCH", "/api/channels/{channel_id}"),
            ("POST", "/api/channels/{channel_id}/messages/{message_id}/ack"),
        },
    ),
    "spring-kotlin-companion-constants-with-parameter-names-from-another-object": (
        {
            "build.gradle.kts": 'dependencies { implementation("org.springframework.boot:spring-boot-starter-web") }\n',
            "src/main/kotlin/app/common/PathVariableName.kt": "package app.common\n\nobject PathVariableName {\n"
            '    const val STUDY_ID = "study-id"\n}\n',
            "src/main/kotlin/app/common/RequestParamName.kt": "package app.common\n\nobject RequestParamName {\n"
            '    const val STUDY_ID = "study_id"\n}\n',
            "src/main/kotlin/app/collection/CollectionController.kt": "package app.collection\n\n"
            "@RestController\n@RequestMapping(value = [COLLECTION_BASE])\nclass CollectionController {\n"
            "    companion object {\n"
            '        const val COLLECTION_BASE = "/api/studies/{${PathVariableName.STUDY_ID}}/collections"\n'
            '        const val GET_COLLECTION_BY_ID = "/id/{${PathVariableName.COLLECTION_ID}}"\n    }\n\n'
            '    @GetMapping(value = [GET_COLLECTION_BY_ID])\n    fun get(): String = ""\n\n'
            '    @GetMapping\n    fun all(): String = ""\n}\n',
        },
        {
            ("GET", "/api/studies/{STUDY_ID}/collections"),
            ("GET", "/api/studies/{STUDY_ID}/collections/id/{COLLECTION_ID}"),
        },
    ),
    "express-routers-router-functions-return-through-variables": (
        {
            "package.json": '{"dependencies": {"express": "4"}}',
            "src/core/routes/api-key.routes.ts": "import { Router } from 'express'\n"
            "export const InitApiKeyRoute = (mw: ApiKeyMiddleware): Router => {\n  const router = Router()\n"
            "  router.post('/', mw.create)\n  router.get('/:id', mw.one)\n  return router\n}\n",
            "src/core/routes/index.ts": "import { Router, Application } from 'express'\n"
            "import { InitApiKeyRoute } from '@core/routes/api-key.routes'\n"
            "export const InitV1Route = (app: Application): Router => {\n  const apiKeyRoutes = InitApiKeyRoute(mw)\n"
            "  const router = Router()\n  router.use('/api-key', auth, apiKeyRoutes)\n  return router\n}\n",
            "src/core/loaders/express.loader.ts": "import express from 'express'\n"
            "import { InitV1Route } from '@core/routes'\n"
            "const expressLoader = ({ app }) => {\n  app.use('/v1', InitV1Route(app))\n}\n",
        },
        {("POST", "/v1/api-key"), ("GET", "/v1/api-key/{id}")},
    ),
    "express-router-imported-where-it-is-mounted": (
        {
            "package.json": '{"dependencies": {"express": "4"}}',
            "src/routes/v1/index.ts": "import express from 'express'\nimport posts from './posts'\n"
            "const router = express.Router()\nrouter.use('/api/v1', posts)\n"
            "export async function initialiseEERoutes() {\n"
            "  const eeRouter = (await import('../../ee/routes/v1')).default\n  router.use('/api/v1', eeRouter)\n}\n"
            "export default router\n",
            "src/routes/v1/posts.ts": "import express from 'express'\nconst router = express.Router()\n"
            "router.get('/posts', list)\nexport default router\n",
            "src/ee/routes/v1/index.ts": "import express from 'express'\nimport boards from './boards'\n"
            "const router = express.Router()\nrouter.use(boards)\nexport default router\n",
            "src/ee/routes/v1/boards.ts": "import express from 'express'\nconst router = express.Router()\n"
            "router.get<unknown, unknown, unknown, TFilter>('/boards', filter)\nexport default router\n",
        },
        {("GET", "/api/v1/posts"), ("GET", "/api/v1/boards")},
    ),
    "hono-app-in-a-tsx-entry-file": (
        {
            "package.json": '{"dependencies": {"hono": "4"}}',
            "src/index.tsx": 'import { Hono } from "hono";\nimport api from "./api";\n\nconst app = new Hono();\n'
            'app.route("/api", api);\napp.get("/login", (c) => c.html(<Login />));\nexport default app;\n',
            "src/api/index.ts": 'import { Hono } from "hono";\nimport v1 from "./v1";\nconst app = new Hono();\n'
            'app.route("/v1", v1);\nexport default app;\n',
            "src/api/v1/index.ts": 'import { Hono } from "hono";\nconst app = new Hono();\n'
            'app.get("/apps", (c) => c.json([]));\nexport default app;\n',
            "web/src/App.tsx": "import { Route } from 'react-router-dom'\n"
            "export const App = () => <Route path='/dashboard' element={<Dashboard />} />\n",
        },
        {("GET", "/api/v1/apps"), ("GET", "/login")},
    ),
    "express-routers-classes-build-in-a-method-another-class-calls": (
        {
            "package.json": '{"dependencies": {"express": "4"}}',
            "src/routes/v2/sgidAuth.ts": "import express from 'express'\nexport class SgidAuthRouter {\n"
            "  getRouter() {\n    const router = express.Router()\n    router.get('/auth-url', this.url)\n"
            "    return router\n  }\n}\n",
            "src/routes/v2/auth.js": 'const express = require("express")\nclass AuthRouter {\n'
            "  constructor({ sgidAuthRouter }) {\n    this.sgidAuthRouter = sgidAuthRouter\n  }\n"
            "  getRouter() {\n    const router = express.Router()\n"
            '    router.use("/sgid", this.sgidAuthRouter.getRouter())\n'
            '    router.post("/login", this.login)\n    return router\n  }\n}\nmodule.exports = { AuthRouter }\n',
            "src/server.ts": 'import express from "express"\nimport { AuthRouter } from "@routes/v2/auth"\n'
            "const app = express()\nconst authV2Router = new AuthRouter({\n  sgidAuthRouter,\n})\n"
            'app.use("/v2/auth", authV2Router.getRouter())\n',
        },
        {("POST", "/v2/auth/login")},
    ),
    "django-views-given-by-keyword-and-a-url-list-that-is-a-router": (
        {
            "requirements.txt": "django\ndjangorestframework\n",
            "urls.py": "from django.urls import include, path\n\nurlpatterns = [\n"
            '    path("api/v3/", include("apiv3.urls", namespace="apiv3")),\n'
            '    path("api/v4/", include("apiv4.urls", namespace="apiv4")),\n]\n',
            "apiv3/urls.py": "from django.urls import path\nfrom . import views\n\nurlpatterns = [\n"
            '    path(\n        "grids/<slug:slug>/",\n        view=views.grid_detail,\n'
            '        name="grid_detail",\n    ),\n]\n',
            "apiv3/views.py": "def grid_detail(request, slug):\n    return None\n",
            "apiv4/urls.py": "from rest_framework import routers\nfrom .viewsets import GridViewSet\n\n"
            'router = routers.DefaultRouter()\nrouter.register(r"grids", GridViewSet)\n\nurlpatterns = router.urls\n',
            "apiv4/viewsets.py": "from rest_framework import viewsets\n\n"
            "class GridViewSet(viewsets.ReadOnlyModelViewSet):\n    queryset = None\n",
        },
        {("GET", "/api/v3/grids/{slug}"), ("GET", "/api/v4/grids"), ("GET", "/api/v4/grids/{pk}")},
    ),
    "express-route-helpers-given-the-method-and-path-and-a-helper-handing-them-on": (
        {
            "package.json": '{"dependencies": {"express": "4"}}',
            "src/utils.js": "function route(router, method, path, handler) {\n"
            "    router[method](path, checkAuth, (req, res, next) => handler(req, res, next));\n}\n"
            "module.exports = { route };\n",
            "src/things.js": "const eu = require('./utils.js');\nfunction register(router) {\n"
            "    eu.route(router, 'post', '/etapi/things', (req, res) => {});\n"
            "    eu.route(router, 'get', '/etapi/things/:id', (req, res) => {});\n}\nmodule.exports = { register };\n",
            "src/routes.js": "const express = require('express');\nconst things = require('./things.js');\n"
            "const router = express.Router();\nconst GET = 'get', PST = 'post';\n"
            "function apiRoute(method, path, handler) {\n    route(method, path, [checkApiAuth], handler);\n}\n"
            "function route(method, path, middleware, handler) {\n"
            "    router[method](path, ...middleware, (req, res) => handler(req, res));\n}\n"
            "function register(app) {\n    route(PST, '/login', [limiter], login);\n"
            "    apiRoute(GET, '/api/tree', getTree);\n    things.register(router);\n    app.use('', router);\n}\n"
            "module.exports = { register };\n",
        },
        {("POST", "/etapi/things"), ("GET", "/etapi/things/{id}"), ("POST", "/login"), ("GET", "/api/tree")},
    ),
    "go-handler-dispatching-on-compared-method-and-path": (
        {
            "go.mod": "module example.com/srv\n\ngo 1.22\n",
            "server/server.go": 'package server\n\nimport "net/http"\n\nconst (\n'
            '\tapiHealthPath = "/v1/health"\n\tapiUsersPath  = "/v1/users"\n)\n\n'
            "func (s *Server) handle(w http.ResponseWriter, r *http.Request) error {\n"
            '\tif r.Method == http.MethodGet && r.URL.Path == "/" {\n\t\treturn s.root(w, r)\n'
            "\t} else if r.Method == http.MethodGet && r.URL.Path == apiHealthPath {\n\t\treturn s.health(w, r)\n"
            "\t} else if (r.Method == http.MethodPut || r.Method == http.MethodPost) && r.URL.Path == apiUsersPath {\n"
            "\t\treturn s.users(w, r)\n\t}\n"
            '\tif r.URL.Path == "/metrics" {\n\t\treturn nil\n\t}\n\treturn nil\n}\n',
        },
        {("GET", "/"), ("GET", "/v1/health"), ("PUT", "/v1/users"), ("POST", "/v1/users")},
    ),
    "flask-restful-resources-of-an-own-base-under-blueprints-a-loop-registers-with-a-versioned-prefix": (
        {
            "requirements.txt": "flask\nflask-restful\n",
            "app/factory.py": "API_VERSION = 1\n\n\ndef configure_blueprints(app, blueprints):\n"
            "    for blueprint in blueprints:\n"
            '        app.register_blueprint(blueprint, url_prefix=f"/api/{API_VERSION}")\n',
            "app/auth/service.py": "from flask_restful import Resource\n\n\n"
            "class AuthenticatedResource(Resource):\n    method_decorators = []\n",
            "app/keys/views.py": "from flask import Blueprint\nfrom flask_restful import Api\n\n"
            "from app.auth.service import AuthenticatedResource\n\n"
            'mod = Blueprint("keys", __name__)\napi = Api(mod)\n\n\n'
            "class Keys(AuthenticatedResource):\n    def get(self):\n        return []\n\n"
            "    def post(self):\n        return {}\n\n\n"
            'api.add_resource(Keys, "/keys", endpoint="keys")\n',
            "app/health.py": 'from flask import Blueprint\n\nmod = Blueprint("health", __name__)\n\n\n'
            '@mod.route("/healthcheck")\ndef health():\n    return "ok"\n',
        },
        {("GET", "/api/1/keys"), ("POST", "/api/1/keys"), ("GET", "/api/1/healthcheck")},
    ),
    "fastapi-routers-a-loop-over-a-literal-list-includes": (
        {
            "requirements.txt": "fastapi\n",
            "app/main.py": "from fastapi import FastAPI\n\nfrom app.users import router as users\n"
            "from app.items import router as items\n\napp = FastAPI()\n"
            'for router in [users, items]:\n    app.include_router(router, prefix="/v2")\n',
            "app/users.py": 'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/users")\n\n\n'
            '@router.get("/{user_id}")\ndef read(user_id: int):\n    return {}\n',
            "app/items.py": 'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/items")\n\n\n'
            '@router.post("")\ndef create():\n    return {}\n',
        },
        {("GET", "/v2/users/{user_id}"), ("POST", "/v2/items")},
    ),
    "overnightjs-child-controllers-under-their-parents-paths": (
        {
            "package.json": '{"dependencies": {"@overnightjs/core": "1", "express": "4"}}',
            "src/controllers/v1/index.ts": 'import { ChildControllers, Controller, Post } from "@overnightjs/core";\n'
            'import { Actions } from "./Actions";\n\n@Controller("v1")\n@ChildControllers([new Actions()])\n'
            'export class V1 {\n  @Post("track")\n  public async track(req, res) {}\n}\n',
            "src/controllers/v1/Actions.ts": 'import { Controller, Get } from "@overnightjs/core";\n\n'
            '@Controller("actions")\nexport class Actions {\n  @Get(":id")\n  public async get(req, res) {}\n}\n',
        },
        {("POST", "/v1/track"), ("GET", "/v1/actions/{id}")},
    ),
    "fastify-plugins-registered-inside-an-inline-plugin-with-a-prefix": (
        {
            "package.json": '{"dependencies": {"fastify": "4"}}',
            "src/router.ts": 'import analysisController from "./controllers/analysisController";\n\n'
            "export default async function router(fastify: FastifyInstance) {\n"
            "  await fastify.register(\n    async (f: FastifyInstance) => {\n"
            '      await Promise.all([f.register(analysisController, { prefix: "/analysis" })]);\n'
            '    },\n    { prefix: "/api" },\n  );\n}\n',
            "src/controllers/analysisController.ts": "export default async function analysisController(fastify) {\n"
            '  fastify.get("/summary", async () => ({}));\n}\n',
        },
        {("GET", "/api/analysis/summary")},
    ),
    "laravel-api-resources-listed-in-one-call-inside-a-prefixed-group": (
        {
            "composer.json": '{"require": {"laravel/framework": "^11.0"}}',
            "routes/api.php": "<?php\nuse Illuminate\\Support\\Facades\\Route;\n\n"
            "Route::group(['prefix' => 'v1/admin'], function () {\n    Route::apiResources([\n"
            "        'categories' => CategoryController::class,\n"
            "        'invoice-items' => InvoiceItemController::class,\n"
            "    ]);\n});\n",
        },
        {
            ("GET", "/api/v1/admin/categories"),
            ("POST", "/api/v1/admin/categories"),
            ("DELETE", "/api/v1/admin/categories/{category}"),
            ("PATCH", "/api/v1/admin/invoice-items/{invoice_item}"),
        },
    ),
    "kotlin-spring-controller-after-a-trailing-comma-in-type-arguments": (
        {
            "build.gradle.kts": "dependencies {\n"
            '    implementation("org.springframework.boot:spring-boot-starter-web")\n}\n',
            "src/main/kotlin/app/PairsResource.kt": 'package app\n\n@RestController\n@RequestMapping("/")\n'
            'class PairsResource {\n  @PostMapping("/pairs/between")\n  fun between(\n    @RequestBody\n'
            '    numbers: List<\n      @Pattern(regexp = "[A-Z][0-9]{4}")\n      String,\n      >?,\n'
            '  ): String = ""\n\n  @PutMapping("/pairs/{id}/close")\n'
            '  fun close(@PathVariable id: Long): String = ""\n}\n',
        },
        {("POST", "/pairs/between"), ("PUT", "/pairs/{id}/close")},
    ),
    "gin-handle-with-a-method-and-slashless-paths-on-a-typed-group": (
        {
            "go.mod": "module example.com/panel\n\nrequire github.com/gin-gonic/gin v1.9.1\n",
            "web/loader.go": 'package web\n\nimport (\n\t"github.com/gin-gonic/gin"\n'
            '\t"example.com/panel/web/auth"\n)\n\n'
            'func RegisterRoutes(e *gin.Engine) {\n\tregisterNodes(e.Group("/api/nodes"))\n'
            '\tauth.RegisterRoutes(e.Group("/auth"))\n}\n\n'
            'func registerNodes(g *gin.RouterGroup) {\n\tg.Handle("GET", "", getAllNodes)\n'
            '\tg.Handle(http.MethodPut, "/:id", updateNode)\n\tg.Handle("OPTIONS", "/:id", options)\n}\n',
            "web/auth/loader.go": 'package auth\n\nimport "github.com/gin-gonic/gin"\n\n'
            'func RegisterRoutes(rg *gin.RouterGroup) {\n\trg.POST("login", LoginPost)\n'
            '\trg.GET("publickey", Key)\n}\n',
        },
        {
            ("GET", "/api/nodes"),
            ("PUT", "/api/nodes/{id}"),
            ("OPTIONS", "/api/nodes/{id}"),
            ("POST", "/auth/login"),
            ("GET", "/auth/publickey"),
        },
    ),
    "actix-route-attribute-with-its-methods": (
        {
            "Cargo.toml": '[package]\nname = "vault"\n\n[dependencies]\nactix-web = "4"\n',
            "src/main.rs": "use actix_web::{route, App, HttpServer};\n\nmod files;\n\n#[actix_web::main]\n"
            'async fn main() {\n    HttpServer::new(|| App::new().service(files::index)).bind("0.0.0.0:8080");\n}\n',
            "src/files.rs": 'use actix_web::route;\n\n#[route("/api/admin/files", method = "GET", method = "HEAD")]\n'
            'pub async fn index() -> &\'static str {\n    ""\n}\n',
        },
        {("GET", "/api/admin/files"), ("HEAD", "/api/admin/files")},
    ),
    "django-update-view-with-its-own-post-still-shows-its-form": (
        {
            "manage.py": "import django\n",
            "app/urls.py": "from django.urls import path\nfrom app.views import EventUpdateView\n\n"
            'urlpatterns = [\n    path("events/<int:pk>/edit/", EventUpdateView.as_view(), name="event_edit"),\n]\n',
            "app/views.py": "from django.views.generic import UpdateView\n\n\nclass EventUpdateView(UpdateView):\n"
            "    def post(self, request, *args, **kwargs):\n        return super().post(request, *args, **kwargs)\n",
            "config/settings.py": 'ROOT_URLCONF = "app.urls"\n',
        },
        {("GET", "/events/{pk}/edit"), ("POST", "/events/{pk}/edit")},
    ),
    "symfony-routes-written-in-php-imported-by-bundle-under-prefixes": (
        {
            "composer.json": '{"require": {"symfony/framework-bundle": "^6.4"}}',
            "config/routes.php": "<?php\n"
            "use Symfony\\Component\\Routing\\Loader\\Configurator\\RoutingConfigurator;\n\n"
            "return static function (RoutingConfigurator $routes): void {\n"
            "    $routes->import('@AcmeShopBundle/Resources/config/routing.php')\n"
            "        ->prefix('/shop');\n};\n",
            "src/ShopBundle/AcmeShopBundle.php": "<?php\nnamespace Acme\\ShopBundle;\n\nclass AcmeShopBundle {}\n",
            "src/ShopBundle/Resources/config/routing.php": "<?php\n"
            "use Symfony\\Component\\Routing\\Loader\\Configurator\\RoutingConfigurator;\n\n"
            "return static function (RoutingConfigurator $routes): void {\n"
            "    $routes->add('_shop_index', '/')->controller(Index::class);\n"
            "    $routes\n        ->add('_shop_credit', '/credit/{client}')\n"
            "        ->controller([Credit::class, 'get'])\n"
            "        ->methods(['GET', 'PUT']);\n"
            "    $routes->import('routing/ajax.php')->prefix('/xhr');\n};\n",
            "src/ShopBundle/Resources/config/routing/ajax.php": "<?php\n"
            "use Symfony\\Component\\Routing\\Loader\\Configurator\\RoutingConfigurator;\n\n"
            "return static function (RoutingConfigurator $routes): void {\n"
            "    $routes->add('_shop_info', '/info/{id}')->methods(['POST']);\n};\n",
            "src/ShopBundle/Entity/Address.php": "<?php\nnamespace Acme\\ShopBundle\\Entity;\n\n"
            "use ApiPlatform\\Metadata\\ApiResource;\nuse ApiPlatform\\Metadata\\Get;\n"
            "use ApiPlatform\\Metadata\\Delete;\n\n"
            "#[ApiResource(\n    uriTemplate: '/clients/{clientId}/address/{id}',\n"
            "    operations: [new Get(), new Delete()],\n)]\nclass Address {}\n",
        },
        {
            ("ANY", "/shop"),
            ("GET", "/shop/credit/{client}"),
            ("PUT", "/shop/credit/{client}"),
            ("POST", "/shop/xhr/info/{id}"),
            ("GET", "/api/clients/{clientId}/address/{id}"),
            ("DELETE", "/api/clients/{clientId}/address/{id}"),
        },
    ),
    "fastapi-apps-re-exported-under-other-names-and-mounted": (
        {
            "pyproject.toml": '[project]\nname = "fief"\ndependencies = ["fastapi"]\n',
            "fief/apps/__init__.py": "from fief.apps.api.app import app as api_app\n\n__all__ = ['api_app']\n",
            "fief/apps/api/app.py": "from fastapi import FastAPI\n\n"
            "from fief.apps.api.routers.clients import router as clients_router\n\napp = FastAPI()\n"
            "app.include_router(clients_router, prefix='/clients')\n",
            "fief/apps/api/routers/clients.py": "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n"
            "@router.get('/')\nasync def list_clients():\n    return []\n",
            "fief/app.py": "from fastapi import FastAPI\n\nfrom fief.apps import api_app\n\napp = FastAPI()\n"
            "app.mount('/admin/api', api_app)\n",
        },
        {("GET", "/admin/api/clients")},
    ),
    "nextjs-api-routes-by-file-path": (
        {
            "package.json": '{"dependencies": {"next": "14", "react": "18"}}',
            "src/pages/api/auth/login.ts": "async function handler(req, res) {\n  return res.json({ ok: true });\n}\n\n"
            "export default withZipline(handler, {\n  methods: ['POST'],\n});\n",
            "src/pages/api/stats.ts": "export default async function handler(req, res) {\n"
            "  if (req.method === 'POST') {\n    return res.json({});\n  }\n  return res.json([]);\n}\n",
            "src/pages/api/user/[id].ts": "export default function handler(req, res) {\n  res.json({});\n}\n",
            "src/pages/api/index.ts": "export default function handler(req, res) {\n  res.json({});\n}\n",
            "app/(admin)/api/reports/[...slug]/route.ts": "export async function GET(request: Request) {\n"
            "  return Response.json([]);\n}\n\nexport const DELETE = async () => new Response(null);\n",
            "src/pages/about.tsx": "export default function About() { return null; }\n",
        },
        {
            ("POST", "/api/auth/login"),
            ("POST", "/api/stats"),
            ("ANY", "/api/user/{id}"),
            ("ANY", "/api"),
            ("GET", "/api/reports/{slug}"),
            ("DELETE", "/api/reports/{slug}"),
        },
    ),
    "laravel-route-attributes-with-a-class-prefix": (
        {
            "composer.json": '{"require": {"laravel/framework": "^11.0", "spatie/laravel-route-attributes": "^1.0"}}',
            "app/Http/Controllers/API/CronJobController.php": "<?php\nnamespace App\\Http\\Controllers\\API;\n\n"
            "use Spatie\\RouteAttributes\\Attributes\\Get;\nuse Spatie\\RouteAttributes\\Attributes\\Prefix;\n\n"
            "#[Prefix('api/projects/{project}/servers/{server}/cron-jobs')]\n"
            "class CronJobController extends Controller\n{\n"
            "    #[Get('/', name: 'api.cron-jobs')]\n    public function index() {}\n\n"
            "    #[Get('{cronJob}', name: 'api.cron-jobs.show')]\n    public function show() {}\n}\n",
        },
        {
            ("GET", "/api/projects/{project}/servers/{server}/cron-jobs"),
            ("GET", "/api/projects/{project}/servers/{server}/cron-jobs/{cronJob}"),
        },
    ),
    "actix-scopes-configured-through-service-config-functions": (
        {
            "Cargo.toml": '[package]\nname = "labrinth"\n\n[dependencies]\nactix-web = "4"\n',
            "src/routes/mod.rs": "pub mod internal;\n",
            "src/routes/internal/mod.rs": "pub mod admin;\n\n"
            "pub fn config(cfg: &mut actix_web::web::ServiceConfig) {\n"
            '    cfg.service(\n        actix_web::web::scope("_internal")\n            .wrap(default_cors())\n'
            "            .configure(admin::config),\n    );\n}\n",
            "src/routes/internal/admin.rs": "use actix_web::{patch, web};\n\n"
            "pub fn config(cfg: &mut web::ServiceConfig) {\n"
            '    cfg.service(web::scope("admin").service(count_download));\n}\n\n'
            '#[patch("/_count-download")]\npub async fn count_download() -> HttpResponse {\n'
            "    HttpResponse::Ok().finish()\n}\n",
            "src/lib.rs": "pub mod routes;\n\npub fn app_config(cfg: &mut web::ServiceConfig) {\n"
            "    cfg.app_data(web::Data::new(1)).configure(routes::internal::config);\n}\n",
            "src/main.rs": "#[actix_web::main]\nasync fn main() {\n"
            "    HttpServer::new(move || App::new().configure(|cfg| labrinth::app_config(cfg)));\n}\n",
        },
        {("PATCH", "/_internal/admin/_count-download")},
    ),
    "flask-helper-registering-on-an-imported-blueprint": (
        {
            "requirements.txt": "flask\nflask-smorest\n",
            "app/api/blueprint.py": "from flask import Blueprint\n\napi_blueprint = Blueprint('api', __name__, "
            "url_prefix='/api')\n",
            "app/api/__init__.py": "from .blueprint import api_blueprint\nfrom .resources import ObjectsResource\n\n"
            "def register_endpt(resource, url, name):\n    api_blueprint.add_url_rule(\n        url,\n"
            "        endpoint=name,\n        view_func=resource,\n        methods=['GET', 'POST'],\n    )\n\n"
            "register_endpt(ObjectsResource, '/objects/', 'objects')\n",
            "app/app.py": "from flask import Flask\nfrom .api import api_blueprint\n\napp = Flask(__name__)\n"
            "app.register_blueprint(api_blueprint)\n",
        },
        {("GET", "/api/objects"), ("POST", "/api/objects")},
    ),
    "axum-router-bound-through-layers-and-any": (
        {
            "Cargo.toml": '[package]\nname = "cloud"\n\n[dependencies]\naxum = "0.7"\n',
            "src/handlers/auth.rs": "use axum::{routing::{get, post}, Router};\n\n"
            'pub fn auth_routes() -> Router {\n    Router::new()\n        .route("/me", get(me))\n'
            '        .route("/logout", post(logout))\n}\n',
            "src/handlers/caldav.rs": "use axum::Router;\n\npub fn caldav_routes() -> Router {\n"
            '    Router::new().route("/caldav", axum::routing::any(handle))\n}\n',
            "src/main.rs": "mod handlers;\nuse handlers::{auth, caldav};\n\nfn app() -> axum::Router {\n"
            "    let caldav_router = caldav::caldav_routes();\n"
            "    let caldav_router = caldav_router.layer(limit());\n"
            "    let auth_protected = auth::auth_routes().layer(from_fn(auth_middleware));\n"
            '    axum::Router::new()\n        .nest("/api/auth", auth_protected)\n'
            "        .merge(caldav_router)\n}\n",
        },
        {("GET", "/api/auth/me"), ("POST", "/api/auth/logout"), ("ANY", "/caldav")},
    ),
    "aspnet-mvc-actions-without-verbs-areas-action-names-and-absolute-action-routes": (
        {
            "Web/Web.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
            "Web/Startup.cs": "public class Startup {\n    public void Configure(IApplicationBuilder app) {\n"
            "        app.UseMvc(routes => {\n"
            '            routes.MapRoute(name: "areaRoute",\n'
            '                            template: "{area:exists}/{controller}/{action=Index}/{id?}");\n'
            '            routes.MapRoute(name: "default", template: "{controller=Home}/{action=Index}/{id?}");\n'
            "        });\n    }\n}\n",
            "Web/Areas/AreaNames.cs": 'public static class AreaNames {\n    public const string Admin = "Admin";\n}\n',
            "Web/Areas/Admin/Controllers/CampaignController.cs": "[Area(AreaNames.Admin)]\n[Authorize]\n"
            "public class CampaignController : Controller {\n"
            "    public CampaignController(IMediator mediator) { }\n\n"
            "    [Authorize(nameof(UserType.OrgAdmin))]\n    public async Task<IActionResult> Index() => View();\n\n"
            "    public async Task<IActionResult> Details(int id) => View();\n\n"
            '    [HttpPost, ActionName("Delete")]\n    [ValidateAntiForgeryToken]\n'
            "    public async Task<IActionResult> DeleteConfirmed(int id) => View();\n\n"
            "    [NonAction]\n    public void Helper() { }\n\n    private IActionResult Hidden() => View();\n"
            '    public static string Name() => "x";\n}\n',
            "Web/Controllers/ErrorController.cs": "public class ErrorController : Controller {\n"
            '    [Route("/Error/{statusCode?}")]\n    public IActionResult Error(int? statusCode) => View();\n}\n',
            "Web/Controllers/CampaignApiController.cs": '[Route("api/campaign")]\n'
            "public class CampaignApiController : Controller {\n"
            '    [HttpGet("~/campaigns/mine")]\n    public IActionResult Mine() => View();\n}\n',
        },
        {
            ("GET", "/admin/campaign/index"),
            ("GET", "/admin/campaign"),
            ("GET", "/admin/campaign/details/{id}"),
            ("POST", "/admin/campaign/delete/{id}"),
            ("GET", "/Error/{statusCode}"),
            ("GET", "/campaigns/mine"),
        },
    ),
    "aspnet-mvc-conventional-route-for-controllers-without-routes": (
        {
            "Sts/Sts.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
            "Sts/Startup.cs": "public class Startup {\n    public void Configure(IApplicationBuilder app) {\n"
            "        app.UseEndpoints(endpoint => endpoint.MapDefaultControllerRoute());\n    }\n}\n",
            "Sts/Controllers/AccountController.cs": "public class AccountController : Controller {\n"
            "    [HttpGet]\n    public IActionResult Login(string returnUrl) => View();\n\n"
            "    [HttpPost]\n    [ValidateAntiForgeryToken]\n"
            "    public IActionResult Login(LoginInputModel model) => View();\n}\n",
            "Sts/Controllers/ManageController.cs": "public class ManageController : Controller {\n"
            "    [HttpGet]\n    public IActionResult Index() => View();\n}\n",
            "Sts/Controllers/HomeController.cs": "public class HomeController : Controller {\n"
            "    [HttpGet]\n    public IActionResult Index() => View();\n}\n",
        },
        {
            ("GET", "/account/login"),
            ("POST", "/account/login"),
            ("GET", "/manage"),
            ("GET", "/manage/index"),
            ("GET", "/"),
        },
    ),
    "express-route-table-keyed-by-verb-and-path": (
        {
            "package.json": '{"dependencies": {"express": "4"}}',
            "server/api/routes.js": "module.exports = function getRoutes(app) {\n  const coreRoutes = {\n"
            "    'get /api/v1/ping': { authenticated: false, controller: ping },\n"
            "    'post /api/v1/login': { authenticated: false, controller: login },\n  };\n  return coreRoutes;\n};\n",
            "server/services/airplay/api/airplay.controller.js": "module.exports = function Controller(handler) {\n"
            "  return {\n    'get /api/v1/service/airplay/discover': {\n"
            "      authenticated: true,\n      controller: asyncMiddleware(discover),\n    },\n  };\n};\n",
            "server/messages.js": "module.exports = { greeting: 'get /help: shows the help' };\n",
        },
        {("GET", "/api/v1/ping"), ("POST", "/api/v1/login"), ("GET", "/api/v1/service/airplay/discover")},
    ),
    "django-imported-url-lists-router-urls-added-and-form-views": (
        {
            "requirements.txt": "django\ndjangorestframework\n",
            "app/site/urls.py": "from django.urls import include, path\n\n"
            "urlpatterns = [\n    path('', include('app.ui.urls')),\n"
            "    path('api/v2/profiles/', include('app.profiles.urls')),\n]\n",
            "app/ui/urls.py": "from django.urls import include, path\n\n"
            "from .incident.urls import urlpatterns as incident_urls\nfrom .user import urls as user_urls\n\n"
            "urlpatterns = [\n    path('incidents/', include(incident_urls)),\n"
            "    path('user/', include(user_urls)),\n]\n",
            "app/ui/incident/urls.py": "from django.urls import path\nfrom . import views\n\n"
            "urlpatterns = [\n    path('create/', views.IncidentCreateView.as_view()),\n]\n",
            "app/ui/incident/views.py": "from django.views.generic import CreateView\n\n"
            "class IncidentCreateView(CreateView):\n    model = Incident\n",
            "app/ui/user/urls.py": "from django.urls import path\nfrom . import views\n\n"
            "urlpatterns = [\n    path('preferences/', views.preferences),\n]\n",
            "app/ui/user/views.py": "def preferences(request):\n    return None\n",
            "app/profiles/urls.py": "from django.urls import path\nfrom rest_framework import routers\n"
            "from . import views\n\nrouter = routers.SimpleRouter()\n"
            "router.register(r'timeslots', views.TimeslotViewSet)\n\n"
            "urlpatterns = [\n    path('preview/', views.preview),\n] + router.urls\n",
            "app/profiles/views.py": "from rest_framework import viewsets\n\n"
            "class TimeslotViewSet(viewsets.ModelViewSet):\n    queryset = Timeslot.objects.all()\n\n"
            "def preview(request):\n    return None\n",
        },
        {
            ("GET", "/incidents/create"),
            ("POST", "/incidents/create"),
            ("GET", "/user/preferences"),
            ("GET", "/api/v2/profiles/timeslots"),
            ("DELETE", "/api/v2/profiles/timeslots/{pk}"),
        },
    ),
    "aspnet-partial-controller-and-api-versions": (
        {
            "Api/Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
            "Api/Controller/Account/_ApiController.cs": "using Asp.Versioning;\nusing Microsoft.AspNetCore.Mvc;\n\n"
            '[ApiController]\n[ApiVersion("1"), ApiVersion("2")]\n[Route("/{version:apiVersion}/account")]\n'
            "public sealed partial class AccountController : ControllerBase\n{\n}\n",
            "Api/Controller/Account/Login.cs": "using Microsoft.AspNetCore.Mvc;\n\n"
            'public sealed partial class AccountController\n{\n    [HttpPost("login")]\n    [MapToApiVersion("2")]\n'
            "    public IActionResult Login() => Ok();\n\n"
            '    [HttpPost("logout")]\n    public IActionResult Logout() => Ok();\n}\n',
        },
        {("POST", "/2/account/login"), ("POST", "/1/account/logout"), ("POST", "/2/account/logout")},
    ),
    "echo-paths-joined-with-path-join-and-a-constant": (
        {
            "go.mod": "module x\n\nrequire github.com/labstack/echo/v4 v4.11.0\n",
            "cmd/handlers.go": 'package main\n\nimport (\n\t"path"\n\n\t"github.com/labstack/echo/v4"\n)\n\n'
            'const uriAdmin = "/admin"\n\nfunc initHTTPHandlers(e *echo.Echo) {\n\tg := e.Group("")\n'
            '\tg.GET(path.Join(uriAdmin, ""), adminPage)\n\tg.GET(path.Join(uriAdmin, "/custom.css"), css)\n}\n',
        },
        {("GET", "/admin"), ("GET", "/admin/custom.css")},
    ),
    "phoenix-endpoint-sockets-and-their-transports": (
        {
            "mix.exs": 'defp deps do\n  [{:phoenix, "~> 1.7"}]\nend\n',
            "lib/app_web/endpoint.ex": "defmodule AppWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :app\n\n"
            '  socket "/socket", AppWeb.UserSocket,\n    websocket: [\n      connect_info: [:peer_data],\n'
            "      timeout: 45_000\n    ],\n    longpoll: [\n      connect_info: [:peer_data]\n    ]\n\n"
            '  socket "/live", Phoenix.LiveView.Socket, websocket: [connect_info: [session: @opts]]\n'
            '  socket "/poll", AppWeb.PollSocket, websocket: false, longpoll: true\n\n'
            "  if code_reloading? do\n"
            '    socket "/phoenix/live_reload/socket", Phoenix.LiveReloader.Socket\n  end\nend\n',
        },
        {
            ("GET", "/socket/websocket"),
            ("GET", "/socket/longpoll"),
            ("POST", "/socket/longpoll"),
            ("GET", "/live/websocket"),
            ("GET", "/poll/longpoll"),
            ("POST", "/poll/longpoll"),
        },
    ),
    "starlette-mount-of-a-sub-application-given-by-keyword": (
        {
            "requirements.txt": "fastapi\n",
            "app/api.py": "from fastapi import APIRouter\n\napi_router = APIRouter()\n"
            "org_router = APIRouter(prefix='/{organization}')\n\n"
            "@org_router.get('/users')\ndef users():\n    return []\n\n"
            "api_router.include_router(org_router)\n",
            "app/main.py": "from fastapi import FastAPI\nfrom .api import api_router\n\n"
            "app = FastAPI()\napi = FastAPI(root_path='/api/v1')\napi.include_router(api_router)\n"
            "app.mount('/api/v1', app=api)\n",
        },
        {("GET", "/api/v1/{organization}/users")},
    ),
    "express-router-a-class-holds-mounted-through-the-instance-field": (
        {
            "package.json": '{"dependencies": {"express": "4"}}',
            "server/routers/ApiRouter.js": "const express = require('express')\n\nclass ApiRouter {\n"
            "  constructor(server) {\n    this.router = express()\n    this.init()\n  }\n\n  init() {\n"
            "    this.router.get('/libraries', (req, res) => res.json([]))\n"
            "    this.router.patch('/libraries/:id', (req, res) => res.json({}))\n  }\n}\n"
            "module.exports = ApiRouter\n",
            "server/Server.js": "const express = require('express')\n"
            "const ApiRouter = require('./routers/ApiRouter')\n\nclass Server {\n"
            "  constructor() {\n    this.apiRouter = new ApiRouter(this)\n  }\n\n  start() {\n"
            "    const app = express()\n    const router = express.Router()\n    app.use('/books', router)\n"
            "    router.use('/api', this.apiRouter.router)\n  }\n}\nmodule.exports = Server\n",
        },
        {("GET", "/books/api/libraries"), ("PATCH", "/books/api/libraries/{id}")},
    ),
    "spring-mapping-that-lists-several-paths": (
        {
            "pom.xml": "<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId>"
            "</dependency></dependencies></project>",
            "src/main/java/x/UserController.java": '@RestController\n@RequestMapping("/system/user")\n'
            "public class UserController {\n"
            '    @GetMapping(value = { "/", "/{userId}" })\n    public Object info(Long userId) { return null; }\n'
            '    @PostMapping({"/import", "/upload"})\n    public Object load() { return null; }\n}\n',
        },
        {
            ("GET", "/system/user"),
            ("GET", "/system/user/{userId}"),
            ("POST", "/system/user/import"),
            ("POST", "/system/user/upload"),
        },
    ),
    "laravel-health-route-of-with-routing": (
        {
            "composer.json": '{"require": {"laravel/framework": "^11"}}',
            "bootstrap/app.php": "<?php\nreturn Application::configure(basePath: dirname(__DIR__))\n"
            "    ->withRouting(api: __DIR__.'/../routes/api.php', health: '/up')->create();\n",
            "routes/api.php": "<?php\nRoute::get('/vaults', [VaultController::class, 'index']);\n",
        },
        {("GET", "/up"), ("GET", "/api/vaults")},
    ),
    "django-i18n-patterns-and-a-packages-token-view": (
        {
            "manage.py": "import django\n",
            "app/urls.py": "from django.conf.urls.i18n import i18n_patterns\nfrom django.urls import include, path\n"
            "from rest_framework_simplejwt.views import TokenRefreshView\n\n"
            "urlpatterns = i18n_patterns(\n    path('dashboard', views.dashboard),\n"
            "    path('routine/', include('app.routine_urls')),\n)\n\n"
            "urlpatterns += [\n    path('api/v2/token/refresh', TokenRefreshView.as_view()),\n]\n",
            "app/routine_urls.py": "from django.urls import path\n\nurlpatterns = [path('overview', views.overview)]\n",
        },
        {("GET", "/{lang}/dashboard"), ("GET", "/{lang}/routine/overview"), ("POST", "/api/v2/token/refresh")},
    ),
    "actix-scope-of-three-hundred-services-handed-to-another": (
        {
            "Cargo.toml": '[package]\nname = "auth"\n\n[dependencies]\nactix-web = "4"\n',
            "src/main.rs": "use actix_web::{web, App, HttpServer};\nmod api;\n\n"
            'fn api_services() -> actix_web::Scope {\n    web::scope("/auth")\n        .service(api::redirect_v1)\n'
            '        .service(\n            web::scope("/v1")\n'
            + "".join(f"                .service(api::keys::h{n})\n" for n in range(300))
            + "        )\n}\n\n#[actix_web::main]\nasync fn main() {\n"
            "    HttpServer::new(|| App::new().service(api_services())).run().await;\n}\n",
            "src/api/mod.rs": 'pub mod keys;\n\n#[get("/")]\npub async fn redirect_v1() -> HttpResponse {\n'
            "    todo!()\n}\n",
            "src/api/keys.rs": "".join(
                f'#[get("/k{n}")]\npub async fn h{n}() -> HttpResponse {{\n    todo!()\n}}\n' for n in range(300)
            ),
        },
        {("GET", "/auth"), ("GET", "/auth/v1/k0"), ("GET", "/auth/v1/k299")},
    ),
    "spring-request-mapping-without-a-method-takes-the-controllers": (
        {
            "src/main/java/app/RestController.java": "package app;\n\n@Controller\n"
            '@RequestMapping(value = "/rest", method = {RequestMethod.GET, RequestMethod.POST})\n'
            "public class SubsonicController {\n"
            '    @RequestMapping("/ping")\n    public void ping(HttpServletRequest request) {}\n}\n',
            "src/main/java/app/StreamController.java": "package app;\n\n@Controller\n"
            "public class StreamController {\n"
            '    @RequestMapping("/stream")\n    public void stream(HttpServletRequest request) {}\n}\n',
        },
        {("GET", "/rest/ping"), ("POST", "/rest/ping"), ("GET", "/stream")},
    ),
    "adonis-5-routes-without-leading-slashes": (
        {
            "package.json": '{"dependencies": {"@adonisjs/core": "^5.9"}}',
            "start/routes/api.ts": "import Route from '@ioc:Adonis/Core/Route';\n\nRoute.group(() => {\n"
            "  Route.post('auth/login', 'UserController.login').middleware('guest');\n"
            "  Route.put('service/:id', 'ServiceController.edit').middleware('auth:jwt');\n"
            "}).prefix('v1');\n",
        },
        {("POST", "/v1/auth/login"), ("PUT", "/v1/service/{id}")},
    ),
    "laravel-route-files-loaded-with-their-prefixes": (
        {
            "composer.json": '{"require": {"laravel/framework": "^11.0"}}',
            "app/Providers/RouteServiceProvider.php": "<?php\nnamespace App\\Providers;\n\n"
            "class RouteServiceProvider {\n"
            "    public function boot(): void {\n"
            "        Route::middleware('api')->prefix('api/v2')->group(base_path('routes/api_v2.php'));\n"
            "    }\n}\n",
            "routes/api_v2.php": "<?php\nuse Illuminate\\Support\\Facades\\Route;\n\n"
            "Route::get('/Album::head', [AlbumController::class, 'head']);\n"
            "Route::post('/Album', [AlbumController::class, 'create']);\n"
            "Route::name('members.')->prefix('/organizations/{organization}')->group(static function (): void {\n"
            "    Route::get('/members', [MemberController::class, 'index'])->name('index');\n});\n",
            "bootstrap/app.php": "<?php\nreturn Application::configure(basePath: dirname(__DIR__))\n"
            "    ->withRouting(web: __DIR__.'/../routes/web.php', api: __DIR__.'/../routes/api.php',\n"
            "        apiPrefix: 'api/v1')\n"
            "    ->create();\n",
            "routes/api.php": "<?php\nuse Illuminate\\Support\\Facades\\Route;\n\n"
            "Route::get('/user', [UserController::class, 'show']);\n",
        },
        {
            ("GET", "/api/v2/Album::head"),
            ("POST", "/api/v2/Album"),
            ("GET", "/api/v1/user"),
            ("GET", "/api/v2/organizations/{organization}/members"),  # the prefix once, not twice
        },
    ),
    "rocket-okapi-mounts-and-handlers-by-module": (
        {
            "Cargo.toml": '[package]\nname = "delta"\n\n[dependencies]\nrocket = "0.5"\n',
            "src/routes/mod.rs": "mod users;\nmod servers;\n\npub fn mount(rocket: Rocket<Build>) -> Rocket<Build> {\n"
            '    mount_endpoints_and_merged_docs! {\n        rocket, "/".to_owned(), settings,\n'
            '        "/users" => users::routes(),\n        "/servers" => servers::routes(),\n    };\n    rocket\n}\n',
            "src/routes/users/mod.rs": "mod fetch_self;\nmod fetch_user;\n\n"
            "pub fn routes() -> (Vec<Route>, OpenApi) {\n"
            "    openapi_get_routes_spec![fetch_self::fetch, fetch_user::fetch]\n}\n",
            "src/routes/users/fetch_self.rs": '#[openapi(tag = "Users")]\n#[get("/@me")]\npub async fn fetch() {}\n',
            "src/routes/users/fetch_user.rs": '#[openapi(tag = "Users")]\n#[get("/<target>")]\n'
            "pub async fn fetch() {}\n",
            "src/routes/servers/mod.rs": "mod server_fetch;\n\npub fn routes() -> (Vec<Route>, OpenApi) {\n"
            "    openapi_get_routes_spec![server_fetch::fetch]\n}\n",
            "src/routes/servers/server_fetch.rs": '#[get("/<target>")]\npub async fn fetch() {}\n',
        },
        {("GET", "/users/@me"), ("GET", "/users/{target}"), ("GET", "/servers/{target}")},
    ),
    "rails-drawn-route-files-and-concerns": (
        {
            "config/routes.rb": "Rails.application.routes.draw do\n  draw(:meta)\n\n"
            "  concern :commentable do |options|\n    resources :comments, only: [:create, :show]\n  end\n\n"
            '  resources :models do\n    concerns :commentable, commentable_class: "Model"\n'
            "    member do\n      post :sync\n    end\n  end\n"
            "  resources :creators, concerns: [:commentable]\nend\n",
            "config/routes/meta.rb": 'root to: "application#index"\nget "/dashboard", to: "home#index"\n'
            'get "health" => "rails/health#show"\n',
        },
        {
            ("GET", "/"),
            ("GET", "/dashboard"),
            ("GET", "/health"),
            ("POST", "/models/{model_id}/comments"),
            ("GET", "/models/{model_id}/comments/{id}"),
            ("POST", "/models/{id}/sync"),
            ("POST", "/creators/{creator_id}/comments"),
        },
    ),
    "aspnet-conventional-routes": (
        {
            "src/Web/EndpointBuilder.cs": "public class EndpointBuilder {\n"
            "    public void Map(IEndpointRouteBuilder endpoints) {\n"
            "        endpoints.MapControllerRoute(\n            name: Routes.Index,\n"
            '            pattern: "v3/index.json",\n'
            '            defaults: new { controller = "ServiceIndex", action = "Get" });\n'
            "        endpoints.MapControllerRoute(\n            name: Routes.Delete,\n"
            '            pattern: "api/v2/package/{id}/{version}",\n'
            '            defaults: new { controller = "PackagePublish", action = "Delete" },\n'
            '            constraints: new { httpMethod = new HttpMethodRouteConstraint("DELETE") });\n'
            '        endpoints.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");\n'
            "    }\n}\n",
        },
        {("GET", "/v3/index.json"), ("DELETE", "/api/v2/package/{id}/{version}")},
    ),
    "nestjs-router-module-paths": (
        {
            "package.json": '{"dependencies": {"@nestjs/core": "10", "@nestjs/common": "10"}}',
            "src/app.module.ts": "import { Module } from '@nestjs/common';\nimport { RouterModule, Routes } from "
            "'@nestjs/core';\nimport { PrivateApiModule } from './api/private/private-api.module';\n"
            "import { PRIVATE_API_PREFIX } from './prefixes';\n\nconst routes: Routes = [\n"
            "  { path: PRIVATE_API_PREFIX, module: PrivateApiModule,\n"
            "    children: [{ path: 'admin', module: AdminModule }] },\n"
            "];\n\n@Module({ imports: [RouterModule.register(routes), PrivateApiModule] })\n"
            "export class AppModule {}\n",
            "src/prefixes.ts": "export const PRIVATE_API_PREFIX = '/api/private';\n",
            "src/api/private/private-api.module.ts": "import { Module } from '@nestjs/common';\n"
            "@Module({ controllers: [AliasController, TokensController] })\nexport class PrivateApiModule {}\n",
            "src/api/admin/admin.module.ts": "import { Module } from '@nestjs/common';\n"
            "@Module({ controllers: [UsersAdminController] })\nexport class AdminModule {}\n",
            "src/api/private/alias.controller.ts": "import { Controller, Get, Post } from '@nestjs/common';\n"
            "@Controller('alias')\nexport class AliasController {\n  @Get(':alias')\n  get() {}\n\n"
            "  @Post()\n  create() {}\n}\n",
            "src/api/admin/users.controller.ts": "import { Controller, Delete } from '@nestjs/common';\n"
            "@Controller('users')\nexport class UsersAdminController {\n  @Delete(':id')\n  remove() {}\n}\n",
        },
        {
            ("GET", "/api/private/alias/{alias}"),
            ("POST", "/api/private/alias"),
            ("DELETE", "/api/private/admin/users/{id}"),
        },
    ),
    "axum-router-bound-to-a-variable-nested-under-a-formatted-prefix": (
        {
            "Cargo.toml": '[package]\nname = "index"\n\n[dependencies]\naxum = "0.7"\n',
            "src/web/routes.rs": "use axum::{routing::get, Router};\n\n"
            'pub const API_VERSION_URL_PREFIX: &str = "v1";\n\npub fn router(app_data: Arc<AppData>) -> Router {\n'
            '    let v1_api_routes = Router::new()\n        .route("/", get(redirect))\n'
            '        .nest("/user", user::routes::router(app_data.clone()));\n\n'
            '    let router = Router::new()\n        .route("/health_check", get(health))\n'
            '        .nest(&format!("/{API_VERSION_URL_PREFIX}"), v1_api_routes);\n\n'
            "    router.layer(CompressionLayer::new())\n}\n",
            "src/web/user/routes.rs": "use axum::{routing::post, Router};\n\npub fn router(app_data: Arc<AppData>)"
            ' -> Router {\n    Router::new()\n        .route("/login", post(login))\n'
            '        .route(&format!("/{}/ban", "{user}"), post(ban))\n}\n',
        },
        {("GET", "/v1"), ("POST", "/v1/user/login"), ("POST", "/v1/user/{user}/ban"), ("GET", "/health_check")},
    ),
    "express-controllers-derived-from-a-router-base": (
        {
            "package.json": '{"dependencies": {"express": "4"}}',
            "src/routes/controller.ts": "import { Router } from 'express';\nexport default class Controller {\n"
            "  app = Router();\n  route(options) { this.app[options.method](options.path, options.handler); }\n"
            "  get(path, handler) { this.route({ method: 'get', path, handler }); }\n"
            "  use(path, router) { this.app.use(path, router); }\n  get router() { return this.app; }\n}\n",
            "src/features/flags/flags-controller.ts": "import Controller from '../../routes/controller.js';\n"
            "const PATH = '/:projectId/flags';\nconst PATH_FLAG = `${PATH}/:name`;\n"
            "export default class FlagsController extends Controller {\n  constructor() {\n    super();\n"
            "    this.route({ method: 'get', path: PATH, handler: this.list });\n"
            "    this.route({ method: 'post', path: `${PATH_FLAG}/archive`, handler: this.archive });\n"
            "    this.get('/count', this.count);\n  }\n}\n",
            "src/routes/admin-api/index.ts": "import Controller from '../controller.js';\n"
            "import FlagsController from '../../features/flags/flags-controller.js';\n"
            "export class AdminApi extends Controller {\n  constructor() {\n    super();\n"
            "    this.app.use('/projects', new FlagsController().router);\n  }\n}\n",
            "src/routes/index.ts": "import Controller from './controller.js';\n"
            "import { AdminApi } from './admin-api/index.js';\n"
            "export default class IndexRouter extends Controller {\n  constructor() {\n    super();\n"
            "    this.use('/api/admin', new AdminApi().router);\n  }\n}\n",
            "src/app.ts": "import express from 'express';\nimport IndexRouter from './routes/index.js';\n"
            "const app = express();\napp.use('/', new IndexRouter().router);\napp.listen(3000);\n",
        },
        {
            ("GET", "/api/admin/projects/{projectId}/flags"),
            ("POST", "/api/admin/projects/{projectId}/flags/{name}/archive"),
            ("GET", "/api/admin/projects/count"),
        },
    ),
    "ktor-type-safe-resources": (
        {
            "shared/src/commonMain/kotlin/Endpoints.kt": "import io.ktor.resources.Resource\n\n"
            'object Scheme {\n    const val Token = "Token"\n}\n\n@Serializable\n@Resource("users")\nclass Users {\n'
            '    @Serializable\n    @Resource("login")\n    data class Login(val parent: Users = Users())\n\n'
            '    @Serializable\n    @Resource("{id}")\n'
            "    data class ById(val parent: Users = Users(), val id: Long) {\n"
            '        @Serializable\n        @Resource("tokens")\n'
            "        data class Tokens(val parent: ById)\n    }\n}\n",
            "server/src/main/kotlin/routes/UserRoutes.kt": "import io.ktor.server.resources.post\n\n"
            'fun Application.installUserRoutes() = routing {\n    route("/v1") {\n        loginUser()\n'
            '        authenticate("session") {\n            delete<Users.ById> { call.respond(OK) }\n'
            "            get<Users.ById.Tokens> { call.respond(OK) }\n        }\n    }\n}\n\n"
            "private fun Route.loginUser() = post<Users.Login> {\n    call.respond(OK)\n}\n",
        },
        {("POST", "/v1/users/login"), ("DELETE", "/v1/users/{id}"), ("GET", "/v1/users/{id}/tokens")},
    ),
    "gin-group-handed-to-a-function": (
        {
            "go.mod": "module example.com/app\n\nrequire github.com/gin-gonic/gin v1.9.1\n",
            "server/router.go": 'package server\n\nimport "github.com/gin-gonic/gin"\n\n'
            'func Init(e *gin.Engine) {\n\tg := e.Group("/")\n\tg.GET("/d/*path", handles.Down)\n'
            '\tapi := g.Group("/api")\n\tauth := api.Group("", middlewares.Auth)\n'
            '\tauth.Any("/public/settings", handles.Settings)\n\t_fs(auth.Group("/fs"))\n}\n\n'
            'func _fs(g *gin.RouterGroup) {\n\tg.POST("/mkdir", handles.FsMkdir)\n\tg.PUT("/put", handles.FsPut)\n}\n',
        },
        {("GET", "/d/{path}"), ("GET", "/api/public/settings"), ("POST", "/api/fs/mkdir"), ("PUT", "/api/fs/put")},
    ),
    "roda-routing-tree-and-hash-branches": (
        {
            "app.rb": "class App < Roda\n  plugin :hash_branches\n\n  route do |r|\n    r.root do\n    end\n\n"
            '    r.get "ips-v4" do\n    end\n\n    r.on "webhook" do\n      r.hash_branches(:webhook_prefix)\n'
            '    end\n\n    r.hash_branches("")\n  end\nend\n',
            "routes/project.rb": 'class App\n  hash_branch("project") do |r|\n    r.is do\n      r.get do\n'
            "      end\n\n      r.post do\n      end\n    end\n\n    r.on :ubid_uuid do |id|\n"
            "      r.hash_branches(:project_prefix)\n    end\n  end\nend\n",
            "routes/project/vm.rb": 'class App\n  hash_branch(:project_prefix, "vm") do |r|\n    r.get api? do\n'
            "    end\n\n    r.on VM_NAME do |name|\n      r.delete true do\n      end\n"
            '      r.post "restart" do\n      end\n    end\n  end\nend\n',
            "routes/webhook/github.rb": 'class App\n  hash_branch(:webhook_prefix, "github") do |r|\n'
            "    r.post do\n    end\n  end\nend\n",
        },
        {
            ("GET", "/"),
            ("GET", "/ips-v4"),
            ("GET", "/project"),
            ("POST", "/project"),
            ("GET", "/project/{ubid_uuid}/vm"),
            ("DELETE", "/project/{ubid_uuid}/vm/{vm_name}"),
            ("POST", "/project/{ubid_uuid}/vm/{vm_name}/restart"),
            ("POST", "/webhook/github"),
        },
    ),
    "spring-functional-endpoints": (
        {
            "src/main/java/app/PreviewRouter.java": "package app;\nimport static org.springframework.web.reactive."
            "function.server.RouterFunctions.route;\n\n@Configuration\nclass PreviewRouter {\n    @Bean\n"
            "    RouterFunction<ServerResponse> previewRouter() {\n        return RouterFunctions.route()\n"
            '            .GET("/preview/posts/{name}", this::previewPost)\n'
            '            .POST("/preview/pages", this::previewPage)\n            .build();\n    }\n\n'
            "    void notes(Device device) {\n        var attributes = new ReasonAttributes();\n"
            '        attributes.put("browser", device.browser());\n    }\n}\n',
        },
        {("GET", "/preview/posts/{name}"), ("POST", "/preview/pages")},
    ),
    "grape-apis-mounted-with-versions-and-route-params": (
        {
            "config/routes.rb": 'Rails.application.routes.draw do\n  mount API::Base => "/api"\nend\n',
            "app/api/base.rb": "module API\n  class Base < Grape::API\n    mount API::V3::Root\n  end\nend\n",
            "app/api/v3/root.rb": "module API\n  module V3\n    class Root < API::Base\n"
            "      version %w[v3 v2]\n      mount API::V3::Projects\n    end\n  end\nend\n",
            "app/api/v3/projects.rb": "module API\n  module V3\n    class Projects < API::Base\n"
            "      resource :projects do\n        get do\n        end\n\n        route_param :id do\n"
            "          namespace :repository do\n            post 'commits' do\n            end\n          end\n"
            "          delete ':branch' do\n          end\n        end\n      end\n    end\n  end\nend\n",
        },
        {
            ("GET", "/api/v3/projects"),
            ("GET", "/api/v2/projects"),
            ("POST", "/api/v3/projects/{id}/repository/commits"),
            ("DELETE", "/api/v2/projects/{id}/{branch}"),
        },
    ),
    "falcon-resources-and-responders": (
        {
            "app/app.py": "import falcon\nfrom app.things import ThingsResource, ThingResource\n\n"
            'app = falcon.App()\napp.add_route("/things", ThingsResource())\n'
            'app.add_route("/things/{thing_id}", ThingResource())\n',
            "app/things.py": "class ThingsResource:\n    def on_get(self, req, resp):\n        pass\n\n"
            "    def on_post(self, req, resp):\n        pass\n\n\nclass ThingResource:\n"
            "    def on_delete(self, req, resp, thing_id):\n        pass\n",
        },
        {("GET", "/things"), ("POST", "/things"), ("DELETE", "/things/{thing_id}")},
    ),
    "beego-routers-with-method-mappings": (
        {
            "routers/router.go": "package routers\n\nfunc initAPI() {\n"
            '\tweb.Router("/api/login", &controllers.ApiController{}, "POST:Login")\n'
            '\tweb.Router("/api/logout", &controllers.ApiController{}, "GET,POST:Logout")\n'
            '\tbeego.Router("/api/user/:id", &controllers.UserController{})\n}\n',
        },
        {("POST", "/api/login"), ("GET", "/api/logout"), ("POST", "/api/logout"), ("GET", "/api/user/{id}")},
    ),
    "pyramid-named-routes-and-views": (
        {
            "app/routes.py": "def includeme(config):\n"
            '    config.add_route("accounts.login", "/account/login/")\n'
            '    config.add_route("packaging.project", "/project/{name:[^/]+}/")\n',
            "app/accounts/views.py": "from pyramid.view import view_config\n\n"
            '@view_config(route_name="accounts.login", request_method="POST")\ndef login(request):\n    pass\n\n'
            '@view_config(route_name="packaging.project", renderer="project.html")\ndef project(request):\n'
            "    pass\n",
        },
        {("POST", "/account/login"), ("GET", "/project/{name}")},
    ),
    "api-platform-resources-and-symfony-nested-resource-prefix": (
        {
            "config/routes/api_platform.yaml": "api_platform:\n    resource: .\n    type: api_platform\n"
            "    prefix: /api\n",
            "config/routes/attributes.yaml": "controllers:\n    resource:\n        path: ../../src/Controller/\n"
            "        namespace: App\\Controller\n    type: attribute\n    prefix: '{_locale}'\n",
            "src/Entity/StorageLocation.php": "<?php\nuse ApiPlatform\\Metadata\\ApiResource;\n#[ApiResource(\n"
            "    operations: [\n        new Get(security: 'is_granted(\"read\", object)'),\n"
            "        new GetCollection(),\n        new Patch(),\n"
            "        new GetCollection(uriTemplate: '/storage_locations/{id}/children.{_format}'),\n    ],\n)]\n"
            "class StorageLocation {}\n",
            "src/Entity/Category.php": "<?php\n#[ApiResource]\nclass Category {}\n",
            "src/Controller/PartController.php": "<?php\nclass PartController extends AbstractController {\n"
            "    #[Route('/part/{id}', methods: ['GET'])]\n    public function show(int $id) {}\n}\n",
        },
        {
            ("GET", "/api/storage_locations/{id}"),
            ("GET", "/api/storage_locations"),
            ("PATCH", "/api/storage_locations/{id}"),
            ("GET", "/api/storage_locations/{id}/children"),
            ("DELETE", "/api/categories/{id}"),
            ("POST", "/api/categories"),
            ("GET", "/{_locale}/part/{id}"),
        },
    ),
    "tornado-handler-lists": (
        {
            "hub/apihandlers/users.py": "from tornado import web\n\nclass APIHandler(web.RequestHandler):\n"
            "    pass\n\nclass UserListAPIHandler(APIHandler):\n    async def get(self):\n        pass\n\n"
            "    async def post(self):\n        pass\n\nclass UserAPIHandler(APIHandler):\n"
            "    async def get(self, user_name):\n        pass\n\n    async def delete(self, user_name):\n"
            "        pass\n\ndefault_handlers = [\n    (r'/api/users', UserListAPIHandler),\n"
            "    (r'/api/users/([^/]+)/?', UserAPIHandler),\n    (r'/api/(?:a|b)', UserAPIHandler),\n]\n",
        },
        {("GET", "/api/users"), ("POST", "/api/users"), ("GET", "/api/users/{arg1}"), ("DELETE", "/api/users/{arg1}")},
    ),
    "cakephp-scopes-plugins-and-connect": (
        {
            "config/routes.php": "<?php\nuse Cake\\Routing\\RouteBuilder;\n"
            "$routes->scope('/comments', function ($routes) {\n    $routes->setExtensions(['json']);\n"
            "    $routes->connect('/{commentId}', ['prefix' => 'Comments', 'controller' => 'CommentsUpdate'])\n"
            "        ->setPass(['commentId'])\n        ->setMethods(['PUT']);\n"
            "    $routes->connect('/resource/{foreignId}', ['controller' => 'CommentsAdd'])->setMethods(['POST']);\n"
            "});\n$routes->prefix('Admin', function (RouteBuilder $routes) {\n"
            "    $routes->connect('/users', ['controller' => 'Users']);\n});\n",
            "plugins/Jwt/config/routes.php": "<?php\n"
            "$routes->plugin('Passbolt/JwtAuthentication', ['path' => '/auth/jwt'], function ($routes) {\n"
            "    $routes->connect('/login', ['controller' => 'JwtLogin'])->setMethods(['POST']);\n});\n",
        },
        {
            ("PUT", "/comments/{commentId}"),
            ("POST", "/comments/resource/{foreignId}"),
            ("GET", "/admin/users"),
            ("POST", "/auth/jwt/login"),
        },
    ),
    "devise-for-with-the-models-modules": (
        {
            "config/routes.rb": "Rails.application.routes.draw do\n  scope 'app' do\n"
            "    devise_for :users, skip: [:registrations], controllers: {omniauth_callbacks: 'users/callbacks'}\n"
            "  end\nend\n",
            "app/models/user.rb": "class User < ApplicationRecord\n  devise :database_authenticatable,\n"
            "         :recoverable, :registerable, :omniauthable, omniauth_providers: [:github]\nend\n",
        },
        {
            ("GET", "/app/users/sign_in"),
            ("DELETE", "/app/users/sign_out"),
            ("PATCH", "/app/users/password"),
            ("GET", "/app/users/auth/github/callback"),
        },
    ),
    "aspnet-version-per-controller-and-version-attribute": (
        {
            "Api/ApiV3Attribute.cs": "using Asp.Versioning;\npublic sealed class ApiV3Attribute : ApiVersionAttribute\n"
            "{\n    public ApiV3Attribute() : base(new ApiVersion(3, 0)) { }\n}\n",
            "Api/v1/LegacyController.cs": '[ApiController]\n[ApiVersion("1.0")]\n'
            '[Route("/api/v{version:apiVersion}/[controller]")]\npublic class LegacyController : Controller\n{\n'
            '    [HttpGet("{id}")]\n    public IActionResult One(int id) => Ok();\n}\n',
            "Api/v3/SeriesController.cs": '[ApiController]\n[Route("/api/v{version:apiVersion}/[controller]")]\n'
            "[ApiV3]\npublic class SeriesController : Controller\n{\n"
            '    [HttpGet("{seriesID}/UserData")]\n    public IActionResult Data(int seriesID) => Ok();\n}\n',
        },
        {("GET", "/api/v1/Legacy/{id}"), ("GET", "/api/v3/Series/{seriesID}/UserData")},
    ),
    "chi-with-keeps-the-prefix": (
        {
            "main.go": "package main\n\nfunc main() {\n\tr := chi.NewRouter()\n"
            '\tr.Route("/app", func(r chi.Router) {\n'
            '\t\tr.With(requireAccess(AccessSuperuser)).Get("/settings/server", h.server)\n'
            "\t\tset := r.With(requireAccess(AccessSettings))\n"
            '\t\tset.Post("/settings/main", h.mainSave)\n\t})\n}\n',
        },
        {("GET", "/app/settings/server"), ("POST", "/app/settings/main")},
    ),
    "hono-zod-openapi-create-route": (
        {
            "src/routes/manager.ts": 'import { OpenAPIHono, createRoute } from "@hono/zod-openapi";\n'
            "const app = new OpenAPIHono();\n"
            'app.openapi(createRoute({ method: "get", path: "/prerelease", responses: {} }), (c) => c.json({}));\n'
            'const remove = createRoute({ method: "delete", path: "/{id}", responses: {} });\n'
            "app.openapi(remove, (c) => c.json({}));\nexport default app;\n",
            "src/index.ts": 'import { OpenAPIHono } from "@hono/zod-openapi";\n'
            'import managerApp from "./routes/manager";\nconst app = new OpenAPIHono();\n'
            'app.route("/manager", managerApp);\nexport default app;\n',
        },
        {("GET", "/manager/prerelease"), ("DELETE", "/manager/{id}")},
    ),
    "actix-resources-and-configure": (
        {
            "src/auth.rs": "pub fn configure_server(cfg: &mut web::ServiceConfig, reset: bool) {\n"
            '    cfg.service(web::resource("/login").route(web::post().to(login)))\n'
            '        .service(web::resource("/refresh").route(web::get().to(refresh)));\n}\n',
            "src/api.rs": "pub fn configure_endpoint(cfg: &mut web::ServiceConfig) {\n"
            '    cfg.service(web::resource("/graphql").route(web::post().to(graphql)));\n}\n',
            "src/server.rs": "fn http_config(cfg: &mut web::ServiceConfig) {\n"
            '    cfg.service(web::scope("/auth").configure(|cfg| auth::configure_server(cfg, true)))\n'
            '        .service(web::scope("/api").configure(crate::api::configure_endpoint))\n'
            '        .service(web::resource("/static/main.js").route(web::route().to(main_js)));\n}\n',
        },
        {("POST", "/auth/login"), ("GET", "/auth/refresh"), ("POST", "/api/graphql"), ("GET", "/static/main.js")},
    ),
    "fastapi-settings-prefix": (
        {
            "app/core/config.py": 'class Settings:\n    API_V1_STR: str = "/api/v1"\n\nsettings = Settings()\n',
            "app/api/users.py": 'from fastapi import APIRouter\nrouter = APIRouter(prefix="/users")\n\n'
            '@router.get("/{user_id}")\ndef one(user_id: int): ...\n',
            "app/main.py": "from fastapi import FastAPI\nfrom app.api import users\n"
            "from app.core.config import settings\n"
            "app = FastAPI()\napp.include_router(users.router, prefix=settings.API_V1_STR)\n",
        },
        {("GET", "/api/v1/users/{user_id}")},
    ),
    "chi-mount-and-register": (
        {
            "main.go": "package main\n\nfunc main() {\n\tr := chi.NewRouter()\n\tapi := chi.NewRouter()\n"
            '\tr.Mount("/api", api)\n\th := handlers.NewUserHandler()\n\th.RegisterRoutes(api)\n}\n',
            "handlers/user.go": "package handlers\n\nfunc NewUserHandler() *UserHandler { return nil }\n\n"
            "func (h *UserHandler) RegisterRoutes(router chi.Router) {\n"
            '\tsub := chi.NewRouter()\n\tsub.Get("/{id}", h.get)\n\trouter.Mount("/users", sub)\n'
            '\trouter.Route("/teams", func(r chi.Router) {\n\t\tr.Post("/", h.create)\n\t})\n}\n',
            "handlers/other.go": "package handlers\n\nfunc (h *OtherHandler) RegisterRoutes(router chi.Router) {\n"
            '\trouter.Get("/other", h.get)\n}\n',
        },
        {("GET", "/api/users/{id}"), ("POST", "/api/teams")},
    ),
    "gorilla-path-subrouters-and-methods-chains": (
        {
            "api/router.go": "package api\n\nfunc Route() *mux.Router {\n\tr := mux.NewRouter()\n"
            '\twebPath := "/"\n\tapi := r.PathPrefix(webPath + "api").Subrouter()\n'
            '\tapi.Path("/options").HandlerFunc(getOptions).Methods("GET", "HEAD")\n'
            "\tadmin := api.NewRoute().Subrouter()\n"
            '\tadmin.Path("/runners").HandlerFunc(addRunner).Methods("POST")\n'
            '\tuser := api.Path("/users/{user_id}").Subrouter()\n'
            '\tuser.Methods("GET", "HEAD").HandlerFunc(getUser)\n'
            '\tuser.Methods("DELETE").HandlerFunc(deleteUser)\n\treturn r\n}\n'
        },
        {
            ("GET", "/api/options"),
            ("HEAD", "/api/options"),
            ("POST", "/api/runners"),
            ("GET", "/api/users/{user_id}"),
            ("DELETE", "/api/users/{user_id}"),
        },
    ),
    "axum-inline-routers-nested-in-nest": (
        {
            "src/routers/api/mod.rs": "pub(crate) fn mount(state: AppState) -> Router<AppState> {\n"
            '    Router::new().nest("/api", Router::new().nest("/v1", v1::mount(state)))\n}\n',
            "src/routers/api/v1/mod.rs": "pub(crate) fn mount(state: AppState) -> Router<AppState> {\n"
            "    Router::new().merge(auth::mount(state.clone()))\n}\n",
            "src/routers/api/v1/auth.rs": "pub(crate) fn mount(state: AppState) -> Router<AppState> {\n"
            '    Router::new().nest(\n        "/auth",\n        Router::new()\n'
            '            .route("/me", get(viewer))\n            .route("/login", post(login)),\n    )\n}\n',
        },
        {("GET", "/api/v1/auth/me"), ("POST", "/api/v1/auth/login")},
    ),
    "jersey-servlet-holder-in-a-variable": (
        {
            "src/main/java/app/Application.java": "package app;\npublic class Application {\n"
            "  void start(ServletContextHandler context, ResourceConfig config) {\n"
            '    final var apiServlet = new ServletHolder("api", new ServletContainer(config));\n'
            '    context.addServlet(apiServlet, "/api/*");\n  }\n}\n',
            "src/main/java/app/resources/ProjectResource.java": "package app.resources;\n"
            '@Path("/v1/project")\npublic class ProjectResource {\n  @GET\n  @Path("/{uuid}")\n'
            '  public Response get(@PathParam("uuid") String uuid) { return null; }\n}\n',
            "src/test/java/app/FakeResource.java": 'package app;\n@Path("/fake")\npublic class FakeResource {\n'
            "  @GET\n  public Response get() { return null; }\n}\n",
        },
        {("GET", "/api/v1/project/{uuid}")},
    ),
    "aspnet-template-and-verb-attributes-of-the-repository": (
        {
            "src/Http/VersionedApiControllerAttribute.cs": "public class VersionedApiControllerAttribute : Attribute, "
            'IRouteTemplateProvider\n{\n    public const string CONTROLLER_RESOURCE = "[controller]";\n'
            "    public VersionedApiControllerAttribute(int version, string resource = CONTROLLER_RESOURCE)\n    {\n"
            '        Template = $"api/v{version}/{resource}";\n    }\n    public string Template { get; }\n}\n\n'
            "public class V1ApiControllerAttribute : VersionedApiControllerAttribute\n{\n"
            '    public V1ApiControllerAttribute(string resource = "[controller]")\n        : base(1, resource)\n'
            "    {\n    }\n}\n",
            "src/Http/RestGetByIdAttribute.cs": "public class RestGetByIdAttribute : Attribute, "
            "IActionHttpMethodProvider, IRouteTemplateProvider\n{\n"
            '    public IEnumerable<string> HttpMethods => new[] { "GET" };\n'
            '    public string Template => "{id:int}";\n}\n',
            "src/Http/RestPutByIdAttribute.cs": "public class RestPutByIdAttribute : HttpPutAttribute\n{\n"
            '    public RestPutByIdAttribute()\n        : base("{id:int?}")\n    {\n    }\n}\n',
            "src/Http/RestController.cs": "public abstract class RestController<TResource> : Controller\n{\n"
            "    [RestGetById]\n    public TResource GetById(int id) { return null; }\n}\n",
            "src/Api/ProviderControllerBase.cs": "public abstract class ProviderControllerBase<T> : "
            "RestController<T>\n{\n"
            '    [HttpGet("schema")]\n    public List<T> Schema() { return null; }\n'
            "    [RestPutById]\n    public T Update(T resource) { return resource; }\n}\n",
            "src/Api/IndexerController.cs": "[V1ApiController]\npublic class IndexerController : "
            "ProviderControllerBase<IndexerResource>\n{\n}\n",
            "src/Api/HostConfigController.cs": '[V1ApiController("config/host")]\npublic class HostConfigController : '
            "RestController<HostConfigResource>\n{\n}\n",
        },
        {
            ("GET", "/api/v1/Indexer/{id}"),
            ("GET", "/api/v1/Indexer/schema"),
            ("PUT", "/api/v1/Indexer/{id}"),
            ("GET", "/api/v1/config/host/{id}"),
        },
    ),
    "flask-restx-namespaces": (
        {
            "app/api/__init__.py": "from flask import Blueprint\nfrom flask_restx import Api\n"
            "from app.api.challenges import challenges_namespace\nfrom app.api.users import users_ns\n\n"
            'api = Blueprint("api", __name__, url_prefix="/api/v1")\nAPI_V1 = Api(api, version="v1")\n'
            'API_V1.add_namespace(challenges_namespace, "/challenges")\nAPI_V1.add_namespace(users_ns)\n',
            "app/api/challenges.py": "from flask_restx import Namespace, Resource\n\n"
            'challenges_namespace = Namespace("challenges", description="Endpoint to retrieve Challenges")\n\n\n'
            '@challenges_namespace.route("")\nclass ChallengeList(Resource):\n    def get(self):\n        return []\n\n'
            "    def post(self):\n        return {}\n\n\n"
            '@challenges_namespace.route("/<challenge_id>")\nclass Challenge(Resource):\n'
            "    def patch(self, challenge_id):\n        return {}\n",
            "app/api/users.py": "from flask_restx import Namespace, Resource\n\n"
            'users_ns = Namespace("users")\n\n\n@users_ns.route("/me")\nclass Me(Resource):\n'
            "    def get(self):\n        return {}\n",
        },
        {
            ("GET", "/api/v1/challenges"),
            ("POST", "/api/v1/challenges"),
            ("PATCH", "/api/v1/challenges/{challenge_id}"),
            ("GET", "/api/v1/users/me"),
        },
    ),
    "django-includes-of-modules-lists-and-tuples": (
        {
            "hc/urls.py": "from django.urls import include, path\n\nprefix = ''\n\n"
            "urlpatterns = [\n    path(prefix, include('hc.api.urls')),\n"
            "    path('accounts/', include(('hc.accounts.urls', 'accounts'))),\n]\n",
            "hc/api/urls.py": "from django.urls import include, path, re_path\nfrom hc.api import views\n\n"
            "api_urls = [\n    path('checks/', views.checks),\n    path('checks/<uuid:code>', views.single),\n"
            "    re_path(r'^badges/(?P<tag>[\\w-]+)/$', views.BadgeView.as_view()),\n]\n\n"
            "urlpatterns = [\n    path('ping/<uuid:code>', views.ping),\n"
            "    path('api/v1/', include(api_urls)),\n    path('api/v3/', include(api_urls)),\n]\n",
            "hc/api/views.py": "from django.views.decorators.http import require_POST\n\n\n"
            "@csrf_exempt\n@cors('GET', 'POST')\ndef checks(request):\n"
            "    if request.method == 'POST':\n        return create(request)\n    return listing(request)\n\n\n"
            "def single(request, code):\n    if request.method == 'DELETE':\n        return delete(code)\n"
            "    return get(code)\n\n\n@require_POST\ndef ping(request, code):\n    return ok()\n\n\n"
            "class BadgeView(View):\n    def get(self, request, tag):\n        return badge(tag)\n",
            "hc/accounts/urls.py": "from django.urls import path\nfrom hc.accounts import views\n\n"
            "urlpatterns = [path('login/', views.LoginView.as_view())]\n",
            "hc/accounts/views.py": "class LoginView(FormView):\n    template_name = 'login.html'\n",
        },
        {
            ("GET", "/api/v1/checks"),
            ("POST", "/api/v1/checks"),
            ("GET", "/api/v3/checks"),
            ("POST", "/api/v3/checks"),
            ("GET", "/api/v1/checks/{code}"),
            ("DELETE", "/api/v3/checks/{code}"),
            ("POST", "/ping/{code}"),
            ("GET", "/api/v1/badges/{tag}"),
            ("GET", "/accounts/login"),
            ("POST", "/accounts/login"),
        },
    ),
    "nestjs-uri-versioning-and-excluded-paths": (
        {
            "apps/api/src/main.ts": "const app = await NestFactory.create(AppModule);\n"
            "app.enableVersioning({ defaultVersion: '1', type: VersioningType.URI });\n"
            "app.setGlobalPrefix('api', { exclude: ['sitemap.xml'] });\n",
            "apps/api/src/app/endpoints/public/public.controller.ts": "@Controller('public')\n"
            "export class PublicController {\n  @Get(':accessId/portfolio')\n  one() {}\n}\n",
            "apps/api/src/app/sitemap/sitemap.controller.ts": "@Controller()\nexport class SitemapController {\n"
            "  @Get('sitemap.xml')\n  @Version(VERSION_NEUTRAL)\n  map() {}\n}\n",
            "apps/api/src/collab/collab-main.ts": "app.setGlobalPrefix('collab', { exclude: ['/'] });\n",
            "apps/api/src/app.controller.ts": "@Controller()\nexport class AppController {\n"
            "  @Get()\n  @Version(VERSION_NEUTRAL)\n  root() {}\n}\n",
            "apps/api/src/app/user/user.controller.ts": "@Controller({ path: 'user', version: '2' })\n"
            "export class UserController {\n  @Get()\n  list() {}\n  @Get('me')\n  @Version('3')\n  me() {}\n}\n",
        },
        {
            ("GET", "/api/v1/public/{accessId}/portfolio"),
            ("GET", "/sitemap.xml"),
            ("GET", "/api/v2/user"),
            ("GET", "/api/v3/user/me"),
            ("GET", "/api"),
        },
    ),
    "express-nested-routers": (
        {
            "server/index.ts": "import express from 'express';\nimport routes from '@server/routes';\n"
            "const server = express();\nserver.use('/api/v1', routes);\n",
            "server/routes/index.ts": "import { Router } from 'express';\nimport authRoutes from './auth';\n"
            "const router = Router();\nrouter.use('/auth', authRoutes);\nexport default router;\n",
            "server/routes/auth.ts": "import { Router } from 'express';\nimport axios from 'axios';\n"
            "const authRoutes = Router();\nauthRoutes.post('/login', async (req, res) => {\n"
            "  await axios.get('/not/a/route');\n});\nexport default authRoutes;\n",
        },
        {("POST", "/api/v1/auth/login")},
    ),
    "fastapi-own-router-class-and-package-routers": (
        {
            "app/routes/_base.py": "from fastapi import APIRouter\n\nclass UserAPIRouter(APIRouter):\n"
            "    def __init__(self, prefix: str = '', **kw):\n        super().__init__(prefix=prefix, **kw)\n",
            "app/routes/users/crud.py": "from app.routes._base import UserAPIRouter\n"
            'user_router = UserAPIRouter(prefix="/users")\n\n@user_router.get("/self")\ndef me(): ...\n',
            "app/routes/users/__init__.py": "from fastapi import APIRouter\nfrom . import crud\n"
            "router = APIRouter()\nrouter.include_router(crud.user_router)\n",
            "app/routes/__init__.py": "from fastapi import APIRouter\nfrom . import users\n"
            'router = APIRouter(prefix="/api")\nrouter.include_router(users.router)\n',
            "app/main.py": "from fastapi import FastAPI\nfrom app.routes import router\n"
            "app = FastAPI()\napp.include_router(router)\n",
        },
        {("GET", "/api/users/self")},
    ),
    "koa-router-rpc-paths-and-koa-mount": (
        {
            "server/routes/api/stars/stars.ts": "import Router from 'koa-router';\nconst router = new Router();\n"
            "router.post('stars.create', auth(), async (ctx) => {});\nexport default router;\n",
            "server/routes/api/stars/index.ts": "export { default } from './stars';\n",
            "server/tools/stars.ts": "import Router from 'koa-router';\nconst router = new Router();\n"
            "export default router;\n",
            "server/routes/api/index.ts": "import Koa from 'koa';\nimport Router from 'koa-router';\n"
            "import stars from './stars';\nconst api = new Koa();\nconst router = new Router();\n"
            "router.use('/', stars.routes());\napi.use(router.routes());\nexport default api;\n",
            "server/services/web.ts": "import mount from 'koa-mount';\nimport api from '../routes/api';\n"
            "export default function init(app) {\n  app.use(mount('/api', api));\n}\n",
            "server/cache.ts": "export function warm(cache) {\n  cache.get('key');\n  cache.post('users.list');\n}\n",
        },
        {("POST", "/api/stars.create")},
    ),
    "aide-api-router": (
        {
            "src/v1/mod.rs": "pub fn router() -> ApiRouter<AppState> {\n    ApiRouter::new()\n"
            '        .api_route_with("/app/{app_id}", get_with(get_app, docs).delete_with(delete_app, docs), tag)\n'
            '        .api_route("/health", get_with(ping, docs))\n}\n',
        },
        {("GET", "/app/{app_id}"), ("DELETE", "/app/{app_id}"), ("GET", "/health")},
    ),
    "sinatra-urlmap": (
        {
            "app/controllers/app_controller.rb": "require 'sinatra/base'\nmodule Trunk\n"
            "  class AppController < Sinatra::Base\n  end\n"
            "  App = Rack::URLMap.new(\n    '/api/v1/pods' => PodsController,\n    '/' => HTMLController,\n  )\nend\n",
            "app/controllers/api/pods_controller.rb": "module Trunk\n  class PodsController < APIController\n"
            "    get '/:name', :requires_owner => false do\n      json(pod)\n    end\n"
            "    post '/' do\n      create\n    end\n  end\nend\n",
            "app/controllers/html_controller.rb": "module Trunk\n  class HTMLController < AppController\n"
            "    get '/disputes' do\n      erb :disputes\n    end\n  end\nend\n",
            "spec/pods_spec.rb": "describe 'pods' do\n  get '/not/a/route' do\n  end\nend\n",
        },
        {("GET", "/api/v1/pods/{name}"), ("POST", "/api/v1/pods"), ("GET", "/disputes")},
    ),
    "jaxrs-servlet-mapping-and-inherited-resources": (
        {
            "src/main/java/org/x/web/WebServer.java": "package org.x.web;\npublic class WebServer {\n"
            "  void init(ResourceConfig config) {\n"
            '    handler.addServlet(new ServletHolder(new ServletContainer(config)), "/api/*");\n  }\n}\n',
            "src/main/java/org/x/api/BaseObjectResource.java": "package org.x.api;\n"
            'public abstract class BaseObjectResource<T> {\n  @GET\n  @Path("{id}")\n'
            '  public T get(@PathParam("id") long id) { return null; }\n'
            "  @POST\n  public T add(T entity) { return entity; }\n}\n",
            "src/main/java/org/x/api/ExtendedObjectResource.java": "package org.x.api;\n"
            "public abstract class ExtendedObjectResource<T> extends BaseObjectResource<T> {\n"
            "  @GET\n  public List<T> list() { return null; }\n}\n",
            "src/main/java/org/x/api/resource/GroupResource.java": "package org.x.api.resource;\n"
            '@Path("groups")\n@Produces(MediaType.APPLICATION_JSON)\n'
            "public class GroupResource extends ExtendedObjectResource<Group> {\n}\n",
            "src/main/java/org/x/api/resource/UserResource.java": "package org.x.api.resource;\n"
            '@Path("users")\npublic class UserResource extends BaseObjectResource<User> {\n'
            '  @GET\n  @Path("me")\n  public User me() { return null; }\n}\n',
        },
        {
            ("GET", "/api/groups"),
            ("GET", "/api/groups/{id}"),
            ("POST", "/api/groups"),
            ("GET", "/api/users/{id}"),
            ("POST", "/api/users"),
            ("GET", "/api/users/me"),
        },
    ),
    "jaxrs-application-path": (
        {
            "src/main/java/app/RestApp.java": 'package app;\n@ApplicationPath("/rest")\n'
            "public class RestApp extends Application {}\n",
            "src/main/java/app/ItemResource.java": 'package app;\n@Path("/items")\npublic class ItemResource {\n'
            '  @DELETE\n  @Path("/{id}")\n  public void delete(@PathParam("id") long id) {}\n}\n',
        },
        {("DELETE", "/rest/items/{id}")},
    ),
    "slim-route-files-included-into-groups": (
        {
            "config/routes.php": "<?php\nuse Slim\\App;\nuse Slim\\Routing\\RouteCollectorProxy;\n"
            "return static function (App $app) {\n"
            "    $app->group('/api', function (RouteCollectorProxy $group) {\n"
            "        call_user_func(include(__DIR__ . '/routes/api_admin.php'), $group);\n    });\n"
            "    $app->group('', function (RouteCollectorProxy $group) {\n"
            "        call_user_func(include(__DIR__ . '/routes/base.php'), $group);\n    });\n};\n",
            "config/routes/api_admin.php": "<?php\nuse Slim\\Routing\\RouteCollectorProxy;\n"
            "return static function (RouteCollectorProxy $group) {\n"
            "    $group->get('/prometheus', Controller\\PrometheusAction::class);\n"
            "    $group->group('/admin', function (RouteCollectorProxy $group) {\n"
            "        $group->get('/api-keys', Controller\\ApiKeysController::class . ':listAction');\n    });\n};\n",
            "config/routes/base.php": "<?php\nreturn static function (RouteCollectorProxy $app) {\n"
            "    $app->post('/login', Controller\\LoginAction::class);\n};\n",
        },
        {("GET", "/api/prometheus"), ("GET", "/api/admin/api-keys"), ("POST", "/login")},
    ),
    "ktor-routes-after-an-injected-property": (
        {
            "src/main/kotlin/app/Routes.kt": "fun Application.routesModule() {\n    routing {\n"
            '        timeRoutes()\n        route("/{year}") {\n            scheduleRoutes()\n        }\n    }\n}\n',
            "src/main/kotlin/app/routes/TimeRoutes.kt": "fun Route.timeRoutes() {\n"
            "    val config: ConferenceConfig by inject()\n\n"
            '    get("time") {\n        call.respond(1)\n    }\n    post("time/{timestamp}") {\n    }\n}\n',
            "src/main/kotlin/app/routes/ScheduleRoutes.kt": "fun Route.scheduleRoutes() {\n"
            "    private val sessions: SessionService by inject()\n"
            '    get("conference") {\n    }\n}\n',
            "src/main/kotlin/app/Model.kt": "class Box {\n    val size: Int\n        get() = 3\n}\n",
        },
        {("GET", "/time"), ("POST", "/time/{timestamp}"), ("GET", "/{year}/conference")},
    ),
    "rocket-mount-alias": (
        {
            "src/main.rs": 'fn launch() {\n    rocket::build().mount("/api", api::core_routes());\n}\n',
            "src/api/mod.rs": "mod core;\npub use crate::api::core::routes as core_routes;\n",
            "src/api/core/mod.rs": "mod ciphers;\npub fn routes() -> Vec<Route> {\n"
            "    let mut routes = routes![alive];\n"
            "    routes.append(&mut ciphers::routes());\n    routes\n}\n\n"
            '#[get("/alive")]\nfn alive() -> String { String::new() }\n',
            "src/api/core/ciphers.rs": "pub fn routes() -> Vec<Route> {\n    routes![get_cipher]\n}\n\n"
            '#[get("/ciphers/<id>")]\nfn get_cipher(id: String) -> String { id }\n',
        },
        {("GET", "/api/alive"), ("GET", "/api/ciphers/{id}")},
    ),
    "javalin-path-blocks-and-constants": (
        {
            "src/main/kotlin/app/Setup.kt": "package app\n\nfun setup() {\n    app.routes {\n"
            '        path(withBase("api/")) {\n            path("v1/") {\n                MangaAPI.defineEndpoints()\n'
            "            }\n        }\n    }\n}\n",
            "src/main/kotlin/app/MangaAPI.kt": "package app\n\nobject MangaAPI {\n    fun defineEndpoints() {\n"
            '        path("manga") {\n            get("{mangaId}", MangaController::one)\n        }\n'
            '        get("$LIBRARY/all", MangaController::all)\n    }\n}\n',
            "src/main/kotlin/app/Paths.kt": 'package app\n\nconst val LIBRARY = "/library"\n',
        },
        {("GET", "/api/v1/manga/{mangaId}"), ("GET", "/api/v1/library/all")},
    ),
    "aspnet-tokens-and-base-route": (
        {
            "Api/Controllers/BaseApiController.cs": '[ApiController]\n[Route("api/[controller]")]\n'
            "public abstract class BaseApiController : ControllerBase { }\n",
            "Api/Controllers/MessagesController.cs": "public class MessagesController : BaseApiController\n{\n"
            '    [HttpGet("{id:int}")]\n    public IActionResult Get(int id) => Ok();\n\n'
            '    [HttpDelete]\n    [Route("all")]\n    public IActionResult DeleteAll() => Ok();\n}\n',
        },
        {("GET", "/api/Messages/{id}"), ("DELETE", "/api/Messages/all")},
    ),
    "laravel-prefix-group": (
        {
            "routes/web.php": "<?php\nRoute::prefix('api')->middleware('auth')->group(function () {\n"
            "    Route::prefix('radio')->group(function () {\n"
            "        Route::get('stations/{station}', [RadioController::class, 'show']);\n    });\n});\n",
        },
        {("GET", "/api/radio/stations/{station}")},
    ),
    "spring-constant-prefix": (
        {
            "src/main/java/app/Paths.java": "package app;\npublic final class Paths {\n"
            '    public static final String API = "/api";\n}\n',
            "src/main/java/app/UserController.java": "package app;\n@RestController\n"
            '@RequestMapping(Paths.API + "/users")\npublic class UserController {\n'
            '    @GetMapping("/{id}")\n    public User one(@PathVariable Long id) { return null; }\n}\n',
        },
        {("GET", "/api/users/{id}")},
    ),
    "go-helper-given-a-path": (
        {
            "api/router.go": "package api\n\nfunc (a *API) Routes() http.Handler {\n\tr := chi.NewRouter()\n"
            '\ta.RX(r, "/user")\n\ta.RX(r, "/album")\n\treturn r\n}\n\n'
            "func (a *API) RX(r chi.Router, pathPrefix string) {\n\tr.Route(pathPrefix, func(r chi.Router) {\n"
            '\t\tr.Get("/", a.list)\n\t\tr.Get("/{id}", a.get)\n\t})\n}\n',
        },
        {("GET", "/user"), ("GET", "/user/{id}"), ("GET", "/album/{id}")},
    ),
    "drf-routers-in-another-module": (
        {
            "app/api/routes.py": "from rest_framework import mixins, viewsets\n"
            "from rest_framework.decorators import action\nfrom rest_framework.routers import SimpleRouter\n\n"
            "class BookmarkViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):\n"
            '    @action(methods=["post"], detail=True)\n    def archive(self, request, pk=None): ...\n\n'
            'bookmark_router = SimpleRouter()\nbookmark_router.register("", BookmarkViewSet)\n',
            "app/urls.py": "from django.urls import include, path\nfrom app.api import routes as api_routes\n\n"
            'urlpatterns = [path("api/bookmarks/", include(api_routes.bookmark_router.urls))]\n',
        },
        {("GET", "/api/bookmarks"), ("GET", "/api/bookmarks/{pk}"), ("POST", "/api/bookmarks/{pk}/archive")},
    ),
    "drf-viewsets-through-the-projects-own-mixins-and-the-admin": (
        {
            "cookbook/views/api.py": "from rest_framework import decorators, viewsets\n\n"
            "class MergeMixin(viewsets.ViewSetMixin):\n"
            "    @decorators.action(detail=True, url_path='merge/(?P<target>[^/.]+)', methods=['PUT'])\n"
            "    def merge(self, request, pk, target): ...\n\n"
            "class FuzzyFilterMixin(viewsets.ModelViewSet):\n    pass\n\n"
            "class TreeMixin(MergeMixin, FuzzyFilterMixin):\n"
            "    @decorators.action(detail=True, methods=['GET'])\n    def cascading(self, request, pk): ...\n\n"
            "class FoodViewSet(LoggingMixin, TreeMixin):\n    pass\n\n"
            "def _parse_filter_params(params, prefix):\n"
            "    return {'or': params.get(f'{prefix}_or', None), 'and': params.get(f'{prefix}_and', '')}\n\n"
            "def search(params):\n    return _parse_filter_params(params, 'foods')\n",
            "cookbook/urls.py": "from django.urls import include, path\nfrom rest_framework import routers\n"
            "from .views import api\n\nrouter = routers.DefaultRouter()\n"
            "router.register(r'food', api.FoodViewSet)\n\n"
            "urlpatterns = [path('api/', include((router.urls, 'api')))]\n",
            "recipes/urls.py": "from django.contrib import admin\nfrom django.urls import include, path\n\n"
            "urlpatterns = [path('admin/', admin.site.urls), path('', include('cookbook.urls'))]\n",
        },
        {
            ("GET", "/api/food"),
            ("POST", "/api/food"),
            ("DELETE", "/api/food/{pk}"),
            ("PUT", "/api/food/{pk}/merge/{target}"),
            ("GET", "/api/food/{pk}/cascading"),
            ("GET", "/admin"),
        },
    ),
    "utoipa-path-attributes": (
        {
            "src/main.rs": 'fn app() -> Router {\n    Router::new().nest("/api/v1/users", users::routes())\n}\n',
            "src/users.rs": "pub fn routes() -> OpenApiRouter {\n    OpenApiRouter::new().routes(routes!(list))\n}\n\n"
            '#[utoipa::path(get, path = "/", tag = "users")]\nasync fn list() -> String { String::new() }\n',
        },
        {("GET", "/api/v1/users")},
    ),
    "utoipa-routes-of-a-router-nested-inline": (
        {
            "src/main.rs": 'fn app() -> Router {\n    Router::new().nest("/api/v1", users::get_user_router())\n}\n',
            "src/users.rs": "pub fn get_user_router() -> OpenApiRouter {\n    OpenApiRouter::new()\n"
            '        .nest("/users", OpenApiRouter::new().routes(routes!(get_users)).routes(routes!(get_user)))\n'
            "        .routes(routes!(delete_invite))\n}\n\n"
            '#[utoipa::path(get, path = "")]\nasync fn get_users() -> String { String::new() }\n\n'
            '#[utoipa::path(get, path = "/{username}")]\nasync fn get_user() -> String { String::new() }\n\n'
            '#[utoipa::path(delete, path = "/invites/{id}")]\nasync fn delete_invite() -> String { String::new() }\n',
        },
        {("GET", "/api/v1/users"), ("GET", "/api/v1/users/{username}"), ("DELETE", "/api/v1/invites/{id}")},
    ),
    "aspnet-route-attribute-of-its-own": (
        {
            "Attributes/ApiV1Attribute.cs": "public class ApiV1Attribute : RouteAttribute\n{\n"
            '    protected const string ApiBase = "api/v1/[controller]";\n'
            "    public ApiV1Attribute() : base(ApiBase) { }\n}\n",
            "Controllers/TokenController.cs": "[ApiV1]\npublic class TokenController : ControllerBase\n{\n"
            '    [HttpPost("refresh")]\n    public IActionResult Refresh() => Ok();\n}\n',
        },
        {("POST", "/api/v1/Token/refresh")},
    ),
    "express-router-exported-in-an-object": (
        {
            "server/server.js": 'const express = require("express");\nconst routes = require("./routes");\n'
            'const app = express();\napp.use("/api/v2", routes.api);\n',
            "server/routes/index.js": 'const { Router } = require("express");\nconst auth = require("./auth");\n'
            'const apiRouter = Router();\napiRouter.use("/auth", auth);\nconst renderRouter = Router();\n'
            "module.exports = { api: apiRouter, render: renderRouter };\n",
            "server/routes/auth.js": 'const { Router } = require("express");\nconst router = Router();\n'
            'router.post("/login", (req, res) => res.end());\nmodule.exports = router;\n',
        },
        {("POST", "/api/v2/auth/login")},
    ),
    "symfony-folder-prefix-in-routes-yaml": (
        {
            "config/routes.yaml": "api:\n    resource: ../src/API/\n    type: attribute\n    prefix: /api\n",
            "src/API/ActivityController.php": "<?php\nnamespace App\\API;\n"
            "#[Route(path: '/activities')]\nfinal class ActivityController {\n"
            "    #[Route(path: '/{id}', methods: ['GET'])]\n    public function getAction(int $id) {}\n}\n",
        },
        {("GET", "/api/activities/{id}")},
    ),
    "actix-scopes-and-routes": (
        {
            "src/lib.rs": 'pub fn config(cfg: &mut ServiceConfig) {\n  cfg.service(\n    scope("/api/v4")\n'
            '      .wrap(limit())\n      .service(scope("/site").route("", get().to(get_site)))\n  );\n}\n',
        },
        {("GET", "/api/v4/site")},
    ),
    "actix-resource-with-several-routes-and-a-bare-path-in-a-scope": (
        {
            "src/lib.rs": 'fn main() {\n  App::new().service(\n    web::scope("/api")\n'
            '      .service(web::scope("/dataset")\n        .service(web::resource("")\n'
            "          .route(web::post().to(create))\n          .route(web::put().to(update)))\n"
            '        .service(web::resource("user_event").route(web::post().to(event))))\n  );\n'
            '  let x = web::resource("not_a_path").route(web::get().to(h));\n}\n',
        },
        {("POST", "/api/dataset"), ("PUT", "/api/dataset"), ("POST", "/api/dataset/user_event")},
    ),
    "gin-group-shadowed-in-a-nested-block": (
        {
            "router/api.go": "package router\n\nfunc apiRoutes(e *gin.RouterGroup) {\n"
            '\tapiBase := e.Group("/api")\n\t{\n\t\trepo := apiBase.Group("/repos")\n\t\t{\n'
            '\t\t\trepo.POST("", api.PostRepo)\n\t\t\trepoBase := repo.Group("/:repo_id")\n\t\t\t{\n'
            '\t\t\t\trepo := repoBase.Group("")\n\t\t\t\t{\n\t\t\t\t\trepo.GET("/branches", api.Branches)\n'
            '\t\t\t\t}\n\t\t\t}\n\t\t\trepo.GET("/repair", api.Repair)\n\t\t}\n\t}\n}\n',
        },
        {("POST", "/api/repos"), ("GET", "/api/repos/{repo_id}/branches"), ("GET", "/api/repos/repair")},
    ),
    "aspnet-slugified-tokens-razor-pages-and-health-checks": (
        {
            "src/Web/Web.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n',
            "src/Web/SlugifyParameterTransformer.cs": "public class SlugifyParameterTransformer : "
            "IOutboundParameterTransformer\n{\n    public string? TransformOutbound(object? value) =>\n"
            '        Regex.Replace(value.ToString(), "([a-z])([A-Z])", "$1-$2").ToLower();\n}\n',
            "src/Web/Program.cs": "builder.Services.AddMvc(options => {\n"
            "    options.Conventions.Add(new RouteTokenTransformerConvention(new SlugifyParameterTransformer()));\n"
            '});\nbuilder.Services.AddRazorPages();\nvar app = builder.Build();\napp.MapHealthChecks("api_health");\n'
            'app.MapRazorPages();\napp.MapHub<SyncHub>("/hubs/sync", options => { });\n',
            "src/Web/Controllers/ManageController.cs": '[Route("[controller]/[action]")]\n'
            "public class ManageController : Controller\n{\n    [HttpGet]\n"
            "    public IActionResult ChangePassword() => View();\n    [HttpPost]\n"
            "    public IActionResult Disable2faWarning() => View();\n}\n",
            "src/Web/Pages/Index.cshtml": "@page\n@model IndexModel\n<h1>Shop</h1>\n",
            "src/Web/Pages/Index.cshtml.cs": "public class IndexModel : PageModel { public void OnGet() {} }\n",
            "src/Web/Pages/Basket/Index.cshtml": '@page "{handler?}"\n@model BasketModel\n',
            "src/Web/Pages/Basket/Index.cshtml.cs": "public class BasketModel : PageModel\n{\n"
            "    public async Task OnGet() {}\n    public async Task<IActionResult> OnPostUpdate(int id) => Page();\n"
            "    public async Task OnPostAsync() {}\n}\n",
            "src/Web/Pages/Orders/Detail.cshtml": '@page "{orderId:int}"\n<p>order</p>\n',
            "src/Web/Pages/Shared/_Layout.cshtml": "@page\n<html></html>\n",
            "src/Web/Views/Home/About.cshtml": "<h1>About</h1>\n",
            "src/Web/Areas/Identity/Pages/Account/Login.cshtml": "@page\n@functions {\n"
            "    public void OnGet() {}\n    public IActionResult OnPostAsync() => Page();\n}\n",
        },
        {
            ("GET", "/manage/change-password"),
            ("POST", "/manage/disable2fa-warning"),
            ("GET", "/api_health"),
            ("GET", "/hubs/sync"),
            ("GET", "/"),
            ("GET", "/Basket"),
            ("POST", "/Basket"),
            ("POST", "/Basket/Update"),
            ("GET", "/Orders/Detail/{orderId}"),
            ("GET", "/Identity/Account/Login"),
            ("POST", "/Identity/Account/Login"),
        },
    ),
    "echo-wrapped-in-the-projects-own-group-method": (
        {
            "server/router.go": "package server\n\nfunc (s *Server) registerRoutes() {\n"
            '\tr := NewRouter(s.echo.Group(""))\n\tr.GET("/", gist.Create)\n'
            '\tsA := r.SubGroup("/-/settings")\n\t{\n\t\tsA.GET("/ssh", settings.Keys)\n\t}\n'
            '\tapi := r.SubGroup("/api")\n\t{\n\t\tone := api.SubGroup("", requireLogin)\n'
            '\t\tone.PATCH("/gists/:id", api.Edit)\n\t}\n}\n\n'
            "type Router struct {\n\t*echo.Group\n}\n\n"
            "func NewRouter(g *echo.Group) *Router {\n\treturn &Router{Group: g}\n}\n\n"
            "func (r *Router) SubGroup(prefix string, m ...Middleware) *Router {\n"
            "\treturn NewRouter(r.Group.Group(prefix, wrap(m)...))\n}\n\n"
            "func (r *Router) GET(path string, h Handler, m ...Middleware) {\n"
            "\tr.Group.GET(path, chain(h, m...))\n}\n",
        },
        {("GET", "/"), ("GET", "/-/settings/ssh"), ("PATCH", "/api/gists/{id}")},
    ),
    "ktor-route-class-registered-under-two-scopes": (
        {
            "build.gradle.kts": 'dependencies { implementation("io.ktor:ktor-server-core:3.0.0") }\n',
            "src/main/kotlin/app/Server.kt": "package app\n\nfun Application.module() {\n    routing {\n"
            '        route("/api") {\n            ConfigRoutes(config).registerRoutes(this)\n'
            '            route("/komga") {\n                MetadataRoutes(komga).registerRoutes(this)\n            }\n'
            '            route("/kavita") {\n'
            "                MetadataRoutes(kavita).registerRoutes(this)\n            }\n"
            "        }\n    }\n}\n",
            "src/main/kotlin/app/api/ConfigRoutes.kt": "package app.api\n\nclass ConfigRoutes(val config: Config) {\n"
            '    fun registerRoutes(routing: Route) {\n        routing.route("/config") {\n'
            "            get { call.respond(config) }\n        }\n    }\n}\n",
            "src/main/kotlin/app/api/MetadataRoutes.kt": "package app.api\n\n"
            "class MetadataRoutes(val provider: Provider) {\n    fun registerRoutes(routing: Route) {\n"
            '        routing.route("/metadata") {\n            providersRoute()\n        }\n    }\n\n'
            '    private fun Route.providersRoute() {\n        get("/providers") { call.respond(payload()) }\n    }\n\n'
            '    private fun payload() = buildJsonObject {\n        put("query", provider.name)\n'
            '        put("size", 10)\n    }\n}\n',
        },
        {
            ("GET", "/api/config"),
            ("GET", "/api/komga/metadata/providers"),
            ("GET", "/api/kavita/metadata/providers"),
        },
    ),
    "flask-views-listed-for-the-projects-own-register-helper": (
        {
            "requirements.txt": "flask\n",
            "zou/app/utils/api.py": "def configure_api_from_blueprint(blueprint, route_tuples):\n"
            "    for path, resource in route_tuples:\n"
            "        blueprint.add_url_rule(path, view_func=resource.as_view(resource.__name__))\n",
            "zou/app/blueprints/crud/base.py": "from flask.views import MethodView\n\n"
            "class BaseModelsResource(MethodView):\n    def get(self): ...\n    def post(self): ...\n\n"
            "class BaseModelResource(MethodView):\n    def get(self, instance_id): ...\n"
            "    def put(self, instance_id): ...\n    def delete(self, instance_id): ...\n",
            "zou/app/blueprints/crud/project.py": "from .base import BaseModelsResource, BaseModelResource\n\n"
            "class ProjectsResource(BaseModelsResource):\n    pass\n\n"
            "class ProjectResource(BaseModelResource):\n    pass\n",
            "zou/app/blueprints/auth/__init__.py": "from flask import Blueprint\n"
            "from zou.app.utils.api import configure_api_from_blueprint\n"
            "from .resources import LoginResource\nfrom ..crud.project import ProjectsResource, ProjectResource\n\n"
            'routes = [\n    ("/auth/login", LoginResource),\n    ("/data/projects", ProjectsResource),\n'
            '    ("/data/projects/<instance_id>", ProjectResource),\n]\n\n'
            'blueprint = Blueprint("auth", "auth")\napi = configure_api_from_blueprint(blueprint, routes)\n',
            "zou/app/blueprints/auth/resources.py": "from flask.views import MethodView\n\n"
            "class LoginResource(MethodView, ArgsMixin):\n    def post(self): ...\n",
        },
        {
            ("POST", "/auth/login"),
            ("GET", "/data/projects"),
            ("POST", "/data/projects"),
            ("PUT", "/data/projects/{instance_id}"),
            ("DELETE", "/data/projects/{instance_id}"),
        },
    ),
    "spring-bean-names-detached-kotlin-mappings-and-slashed-constants": (
        {
            "build.gradle.kts": "dependencies {\n"
            '    implementation("org.springframework.boot:spring-boot-starter-web")\n}\n',
            "src/main/kotlin/app/UserController.kt": "package app\n\nimport java.util.UUID\n\n"
            '@RestController("UserController")\nclass UserController(private val users: UserService) {\n'
            '  @GetMapping("/users/{username}")\n'
            "  fun find(@PathVariable username: String) = users.find(username)\n}\n",
            "src/main/kotlin/app/BulkJobsController.kt": "package app\n\nimport java.util.UUID\n\n"
            '@RestController\n@RequestMapping("/bulk-jobs")\n'
            "class BulkJobsController(private val jobs: BulkJobService) {\n"
            '  @PostMapping(path = ["/user-role-additions"])\n  fun create() = jobs.create()\n}\n',
            "common/src/main/java/app/OpenAPIConstant.java": "package app;\n\npublic class OpenAPIConstant {\n"
            '    public static final String WEB_PATH = "/openApi";\n'
            '    public static final String ASSERT = "/assert";\n}\n',
            "server/src/main/java/app/OpenAPIController.java": "package app;\n\n@RestController\n"
            "@RequestMapping(OpenAPIConstant.WEB_PATH)\npublic class OpenAPIController {\n"
            '    @PostMapping(OpenAPIConstant.ASSERT)\n    public String check() { return ""; }\n}\n',
        },
        {("GET", "/users/{username}"), ("POST", "/bulk-jobs/user-role-additions"), ("POST", "/openApi/assert")},
    ),
    "laravel-view-and-redirect-routes": (
        {
            "composer.json": '{"require": {"laravel/framework": "^11.0"}}',
            "routes/web.php": "<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\n"
            "Route::view('rules', 'rules')->name('rules');\nRoute::redirect('/dashboard', '/user');\n"
            "Route::prefix('legal')->group(function () {\n    Route::view('terms', 'terms');\n});\n"
            "$response->view('not-a-route');\n",
        },
        {("GET", "/rules"), ("GET", "/dashboard"), ("GET", "/legal/terms")},
    ),
    "express-optional-parameters": (
        {
            "package.json": '{"dependencies": {"express": "^4.18.0"}}',
            "server/routers/api-router.js": "const express = require('express');\nconst router = express.Router();\n"
            "router.get('/api/badge/:id/uptime/:duration?', cache('5 minutes'), async (req, res) => {});\n"
            "router.get('/search?q=1', (req, res) => {});\nmodule.exports = router;\n",
            "server/server.js": "const express = require('express');\nconst app = express();\n"
            "app.use(require('./routers/api-router'));\n",
        },
        {("GET", "/api/badge/{id}/uptime/{duration}")},
    ),
    "slim-group-chained-with-middleware-and-gorilla-subrouter-handlefunc": (
        {
            "composer.json": '{"require": {"slim/slim": "^4.0"}}',
            "routes.php": "<?php\nuse Slim\\Routing\\RouteCollectorProxy;\n\n"
            "$app->group('/api', function (RouteCollectorProxy $group)\n{\n"
            "\t$group->get('/system/info', [SystemApiController::class, 'GetSystemInfo']);\n"
            "})->add(new CorsMiddleware($container))->add(new JsonMiddleware($container));\n",
            "go.mod": "module x\n\nrequire github.com/gorilla/mux v1.8.0\n",
            "controllers/api/server.go": "package api\n\nfunc (as *Server) registerRoutes() {\n"
            "\troot := mux.NewRouter()\n\troot = root.StrictSlash(true)\n"
            '\trouter := root.PathPrefix("/api/").Subrouter()\n\trouter.Use(mid.RequireAPIKey)\n'
            '\trouter.HandleFunc("/campaigns/", as.Campaigns)\n'
            '\trouter.HandleFunc("/users/{id}", as.User).Methods("DELETE")\n'
            '\trouter.HandleFunc("/home", as.Home).Name("home")\n'
            '\trouter.HandleFunc("/teams", as.Teams).Name("teams").Methods("POST")\n\tas.handler = router\n}\n',
        },
        {
            ("GET", "/api/system/info"),
            ("GET", "/api/campaigns"),
            ("DELETE", "/api/users/{id}"),
            ("GET", "/api/home"),
            ("POST", "/api/teams"),
        },
    ),
    "poem-openapi-prefix-paths-and-nested-endpoints": (
        {
            "Cargo.toml": '[package]\nname = "mail"\n\n[dependencies]\npoem = "3"\npoem-openapi = "5"\n',
            "src/api/account.rs": "pub struct AccountApi;\n\n"
            '#[OpenApi(prefix_path = "/api/v1", tag = "ApiTags::Account")]\nimpl AccountApi {\n'
            '    #[oai(path = "/account/:id", method = "get", operation_id = "get_account")]\n'
            "    async fn get_account(&self, id: Path<u64>) -> Result<Json<Account>> { todo!() }\n}\n",
            "src/main.rs": "fn app() -> Route {\n    Route::new()\n"
            '        .nest("/api/status", get(get_status))\n        .nest("/api/login", post(login))\n}\n',
        },
        {("GET", "/api/v1/account/{id}"), ("GET", "/api/status"), ("POST", "/api/login")},
    ),
    "net-http-handlers-that-check-the-method-themselves": (
        {
            "go.mod": "module x\n\nrequire github.com/gorilla/mux v1.8.0\n",
            "controllers/route.go": "package controllers\n\nfunc (as *AdminServer) registerRoutes() {\n"
            '\trouter := mux.NewRouter()\n\trouter.HandleFunc("/login", mid.Use(as.Login, as.limiter.Limit))\n'
            '\trouter.HandleFunc("/", mid.Use(as.Base, mid.RequireLogin))\n\tas.handler = router\n}\n',
            "controllers/login.go": "package controllers\n\nfunc (as *AdminServer) Login(w http.ResponseWriter, "
            'r *http.Request) {\n\tswitch {\n\tcase r.Method == "GET":\n\t\tas.render(w)\n'
            '\tcase r.Method == "POST":\n\t\tas.check(w, r)\n\t}\n}\n',
            "controllers/api/groups.go": "package api\n\nfunc (as *Server) Groups(w http.ResponseWriter, "
            "r *http.Request) {\n\tswitch {\n\tcase r.Method == http.MethodGet:\n\t\tlist(w)\n"
            "\tcase r.Method == http.MethodPost:\n\t\tcreate(w, r)\n\t}\n}\n",
            "controllers/api/server.go": "package api\n\nfunc (as *Server) registerRoutes() {\n"
            '\troot := mux.NewRouter()\n\trouter := root.PathPrefix("/api/").Subrouter()\n'
            '\trouter.HandleFunc("/groups/", as.Groups)\n\tas.handler = router\n}\n',
        },
        {
            ("GET", "/login"),
            ("POST", "/login"),
            ("GET", "/"),
            ("GET", "/api/groups"),
            ("POST", "/api/groups"),
        },
    ),
    "aspnet-use-endpoints-lambda-and-signalr-hubs": (
        {
            "src/Api/Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n',
            "src/Api/Startup.cs": "public class Startup\n{\n    public void Configure(IApplicationBuilder app)\n    {\n"
            "        app.UseEndpoints(endpoints =>\n        {\n            endpoints.MapControllers();\n"
            '            endpoints.MapHealthChecks("/health");\n'
            '            endpoints.MapHub<SyncV2Hub>("/hubs/sync/v2", options => { });\n        });\n    }\n}\n',
        },
        {("GET", "/health"), ("GET", "/hubs/sync/v2")},
    ),
    "rails-doorkeeper-routes-less-the-skipped-controllers": (
        {
            "Gemfile": "gem 'rails'\ngem 'doorkeeper'\n",
            "config/routes.rb": "Rails.application.routes.draw do\n  use_doorkeeper do\n"
            '    controllers authorizations: "signin_required_authorizations"\n'
            "    skip_controllers :applications, :authorized_applications, :token_info\n  end\n"
            '  post "/oauth/access_token" => "doorkeeper/tokens#create"\nend\n',
        },
        {
            ("GET", "/oauth/authorize"),
            ("POST", "/oauth/authorize"),
            ("POST", "/oauth/token"),
            ("POST", "/oauth/introspect"),
            ("POST", "/oauth/access_token"),
        },
    ),
    "rails-resources-members-and-scopes": (
        {
            "config/routes.rb": "Rails.application.routes.draw do\n"
            '  match "/api/v1/send/raw" => "legacy#raw", via: [:get, :post]\n'
            '  scope "org/:org_permalink" do\n    resources :servers, except: [:index] do\n'
            "      resources :messages, only: [:show] do\n        post :retry, on: :member\n"
            "        get :held, on: :collection\n      end\n      get :limits, on: :member\n    end\n  end\n"
            "  resource :mfa, only: [:new] do\n    get :verify\n  end\n"
            "  resources :budgets, param: :month_year do\n    member do\n      get :picker\n    end\n"
            "    resources :categories, only: :index\n  end\n"
            "  namespace :api do\n    namespace :v1 do\n      resources :chats, only: [] do\n"
            "        post :retry, on: :member\n      end\n    end\n  end\nend\n",
        },
        {
            ("GET", "/api/v1/send/raw"),
            ("POST", "/api/v1/send/raw"),
            ("GET", "/org/{org_permalink}/servers/new"),
            ("PUT", "/org/{org_permalink}/servers/{id}"),
            ("GET", "/org/{org_permalink}/servers/{id}/limits"),
            ("POST", "/org/{org_permalink}/servers/{server_id}/messages/{id}/retry"),
            ("GET", "/org/{org_permalink}/servers/{server_id}/messages/held"),
            ("GET", "/mfa/new"),
            ("GET", "/mfa/verify"),
            ("GET", "/budgets/{month_year}/picker"),
            ("GET", "/budgets/{budget_month_year}/categories"),
            ("POST", "/api/v1/chats/{id}/retry"),
        },
    ),
    "go-routegroup-and-method-patterns": (
        {
            "rest/api.go": "package rest\n\nfunc (s *Rest) routes() {\n\trouter := routegroup.New(http.NewServeMux())\n"
            '\trapi := router.Mount("/api/v1")\n\trapi.Group().Route(func(ropen *routegroup.Bundle) {\n'
            '\t\tropen.HandleFunc("GET /config", s.config)\n\t})\n'
            '\trapi.Mount("/admin").Route(func(radmin *routegroup.Bundle) {\n'
            "\t\tradmin.Group().Route(func(r *routegroup.Bundle) {\n"
            '\t\t\tr.HandleFunc("DELETE /comment/{id}", s.delete)\n\t\t})\n\t})\n}\n',
        },
        {("GET", "/api/v1/config"), ("DELETE", "/api/v1/admin/comment/{id}")},
    ),
    "go-servemux-struct-served-under-a-stripped-prefix": (
        {
            "go.mod": "module example.com/app\n\ngo 1.22\n",
            "server/ctrladmin/ctrl.go": "package ctrladmin\n\ntype Controller struct {\n\t*http.ServeMux\n"
            "\tdb *DB\n}\n\nfunc New(db *DB) (*Controller, error) {\n\tc := Controller{\n"
            "\t\tServeMux: http.NewServeMux(),\n\t\tdb: db,\n\t}\n"
            '\tc.Handle("GET /login", chain(c.ServeLogin))\n\tc.Handle("/home", c.ServeHome)\n\treturn &c, nil\n}\n',
            "cmd/app/main.go": 'package main\n\nimport "example.com/app/server/ctrladmin"\n\nfunc main() {\n'
            "\tctrlAdmin, err := ctrladmin.New(dbc)\n\tmux := http.NewServeMux()\n"
            '\tmux.Handle("/admin/", http.StripPrefix("/admin", chain(ctrlAdmin)))\n'
            '\tv2 := http.NewServeMux()\n\tv2.HandleFunc("GET /v2/items", h)\n\tmux.Handle("/v2/", v2)\n'
            '\thttp.HandleFunc("/health", health)\n}\n',
        },
        {("GET", "/admin/login"), ("GET", "/admin/home"), ("GET", "/v2/items"), ("GET", "/health")},
    ),
    "phoenix-forward-match-and-scope-path-keyword": (
        {
            "mix.exs": 'defp deps do\n  [{:phoenix, "~> 1.7"}]\nend\n',
            "lib/app_web/router.ex": "defmodule AppWeb.Router do\n  use AppWeb, :router\n\n"
            '  scope "/admin-api/v1" do\n    forward "/swagger", OpenApiSpex.Plug.SwaggerUI, path: "/x"\n  end\n\n'
            '  scope "/tenants/:tenant_slug" do\n    scope "/api" do\n      pipe_through :api\n'
            '      match :*, "/", Absinthe.Plug, schema: AppWeb.Schema\n    end\n  end\n\n'
            '  scope path: "/p", alias: AppWeb do\n    resources "/users", UserController, only: [:index] do\n'
            '      resources "/avatar", AvatarController, singleton: true, only: [:show]\n    end\n  end\nend\n',
        },
        {
            ("GET", "/admin-api/v1/swagger"),
            ("GET", "/tenants/{tenant_slug}/api"),
            ("GET", "/p/users"),
            ("GET", "/p/users/{user_id}/avatar"),
        },
    ),
    "django-distill-paths-and-joined-url-lists": (
        {
            "requirements.txt": "django\ndjango-distill\n",
            "site/urls.py": "from django.urls import include, path\n\n"
            "STATIC = [\n    path('api/', include('site.api.urls')),\n] if not settings.STATIC_BUILD else []\n\n"
            "urlpatterns = (\n    *STATIC,\n    path('pages/', include('site.pages.urls')),\n)\n",
            "site/api/urls.py": "from django.urls import path\nfrom . import views\n\n"
            "urlpatterns = [path('health', views.health)]\n",
            "site/pages/urls.py": "from django_distill import distill_path\nfrom .views import PageView\n\n"
            "urlpatterns = [distill_path('<slug>/', PageView.as_view(), name='page')]\n",
        },
        {("GET", "/api/health"), ("GET", "/pages/{slug}")},
    ),
    "laravel-route-files-grouped-inside-a-closure": (
        {
            "composer.json": '{"require": {"laravel/framework": "^11.0"}}',
            "app/Providers/RouteServiceProvider.php": "<?php\nclass RouteServiceProvider {\n"
            "  public function boot(): void {\n    $this->routes(function () {\n"
            "      Route::middleware(['api'])->group(function () {\n"
            "        Route::middleware(['auth:sanctum'])->prefix('/api/application')"
            "->group(base_path('routes/api-application.php'));\n"
            "        Route::prefix('/api/coterm')->group(base_path('routes/api-coterm.php'));\n"
            "      });\n    });\n  }\n}\n",
            "routes/api-application.php": "<?php\nRoute::prefix('/locations')->group(function () {\n"
            "    Route::get('/', [LocationController::class, 'index']);\n});\n",
            "routes/api-coterm.php": "<?php\nRoute::get('/servers', [ServerController::class, 'index']);\n",
        },
        {("GET", "/api/application/locations"), ("GET", "/api/coterm/servers")},
    ),
    "django-keyword-paths-an-app-named-examples-and-inherited-view-methods": (
        {
            "backend/manage.py": "import django\n",
            "backend/config/urls.py": "from django.urls import include, path\n\nurlpatterns = []\nurlpatterns += [\n"
            '    path("v1/projects/<int:project_id>/", include("examples.urls")),\n'
            '    path("v1/projects/<int:project_id>/", include("label_types.urls")),\n]\n',
            "backend/examples/apps.py": "from django.apps import AppConfig\n\nclass ExamplesConfig(AppConfig):\n"
            '    name = "examples"\n',
            "backend/examples/urls.py": "from django.urls import path\nfrom .views import ExampleList\n\n"
            'urlpatterns = [path(route="examples", view=ExampleList.as_view(), name="example_list")]\n',
            "backend/examples/views.py": "from rest_framework import generics\n\n"
            "class ExampleList(generics.ListCreateAPIView):\n    pass\n",
            "backend/label_types/urls.py": "from django.urls import path\nfrom .views import CategoryTypeList\n\n"
            'urlpatterns = [path(route="category-types", view=CategoryTypeList.as_view())]\n',
            "backend/label_types/views.py": "from rest_framework import generics\n\n"
            "class LabelList(generics.ListCreateAPIView):\n    def delete(self, request, *args, **kwargs):\n"
            "        return None\n\nclass CategoryTypeList(LabelList):\n    model = CategoryType\n",
        },
        {
            ("GET", "/v1/projects/{project_id}/examples"),
            ("POST", "/v1/projects/{project_id}/examples"),
            ("POST", "/v1/projects/{project_id}/category-types"),
            ("DELETE", "/v1/projects/{project_id}/category-types"),
        },
    ),
    "rails-routes-on-a-block-parameter-and-optional-segments": (
        {
            "Gemfile": "gem 'rails'\n",
            "config/routes.rb": "Rails.application.routes.draw do\n  with_options format: false do |r|\n"
            "    r.resources :backends, only: %i[show update]\n"
            '    r.post "/routes/commit" => "routes#commit"\n  end\n'
            '  get "/content(/*path_without_root)" => "content_items#show"\nend\n',
        },
        {
            ("GET", "/backends/{id}"),
            ("PATCH", "/backends/{id}"),
            ("POST", "/routes/commit"),
            ("GET", "/content/{path_without_root}"),
        },
    ),
    "axum-route-with-a-comment-before-its-path": (
        {
            "Cargo.toml": '[dependencies]\naxum = "0.7"\n',
            "src/routes.rs": "use axum::routing::post;\nuse axum::Router;\n\npub fn router() -> Router {\n"
            "    Router::new().route(\n        // deprecated: use POST /keys\n"
            '        "/key/:seconds_valid",\n        post(generate).delete(remove),\n    )\n}\n',
        },
        {("POST", "/key/{seconds_valid}"), ("DELETE", "/key/{seconds_valid}")},
    ),
    "fiber-handlers-registered-on-a-group-passed-after-the-app": (
        {
            "go.mod": "module example.com/app\n\ngo 1.22\n",
            "server/handler/auth.go": "package handler\n\nfunc AuthEmailLogin(app *core.App, router fiber.Router) {\n"
            '\trouter.Post("/auth/email/login", func(c *fiber.Ctx) error { return nil })\n}\n',
            "server/server.go": 'package server\n\nimport h "example.com/app/server/handler"\n\n'
            "func Serve(app *core.App) *fiber.App {\n\tfb := fiber.New(fiber.Config{Immutable: true})\n"
            '\tapi := fb.Group("/api/v2")\n\t{\n\t\th.AuthEmailLogin(app, api)\n\t}\n\treturn fb\n}\n',
        },
        {("POST", "/api/v2/auth/email/login")},
    ),
    "flask-restful-resources-added-by-an-api-subclass-and-rules-through-a-function": (
        {
            "requirements.txt": "flask\nflask-restful\n",
            "app/handlers/api.py": "from flask_restful import Api\nfrom app.handlers.base import org_scoped_rule\n\n"
            "class ApiExt(Api):\n    def add_org_resource(self, resource, *urls, **kwargs):\n"
            "        urls = [org_scoped_rule(url) for url in urls]\n"
            "        return self.add_resource(resource, *urls, **kwargs)\n\napi = ApiExt()\n"
            'api.add_org_resource(AlertListResource, "/api/alerts", endpoint="alerts")\n\n'
            "class AlertListResource(Resource):\n    def get(self):\n        return []\n\n"
            "    def post(self):\n        return {}\n",
            "app/auth/ldap.py": "from flask import Blueprint\n\nblueprint = Blueprint('ldap_auth', __name__)\n\n"
            '@blueprint.route(org_scoped_rule("/ldap/login"), methods=["GET", "POST"])\ndef login():\n'
            "    return ''\n",
        },
        {("GET", "/api/alerts"), ("POST", "/api/alerts"), ("GET", "/ldap/login"), ("POST", "/ldap/login")},
    ),
    "express-router-mounted-at-two-paths": (
        {
            "package.json": '{"dependencies": {"express": "^4.19.0"}}',
            "src/routes/imports.ts": 'import express from "express";\n\nconst importsApiRouter = express.Router();\n'
            'importsApiRouter.post("/", create);\nimportsApiRouter.get("/:jobId", get);\n\n'
            "export default importsApiRouter;\n",
            "src/routes/index.ts": 'import express from "express";\nimport importsApiRouter from "./imports";\n\n'
            'const api = express.Router();\napi.use("/imports", importsApiRouter);\nexport default api;\n',
            "src/app.ts": 'import express from "express";\nimport api from "./routes/index";\n'
            'import importsApiRouter from "./routes/imports";\n\nconst app = express();\n'
            'app.use("/api/v1", api);\napp.use("/api/imports", importsApiRouter);\n',
        },
        {
            ("POST", "/api/v1/imports"),
            ("GET", "/api/v1/imports/{jobId}"),
            ("POST", "/api/imports"),
            ("GET", "/api/imports/{jobId}"),
        },
    ),
    "aspnet-api-version-token": (
        {
            "Program.cs": "builder.Services.AddApiVersioning(options => {\n"
            "    options.DefaultApiVersion = new ApiVersion(1, 0);\n});\n",
            "Controllers/AuthController.cs": '[Route("v{version:apiVersion}/[controller]")]\n'
            "public class AuthController : ControllerBase\n{\n"
            '    [HttpPost("login")]\n    public IActionResult Login() => Ok();\n}\n',
        },
        {("POST", "/v1/Auth/login")},
    ),
    "flask-restful-resources": (
        {
            "app/api.py": "from flask import Blueprint\nfrom flask_restful import Api, Resource\n\n"
            'api = Blueprint("api", __name__, url_prefix="/api")\nrestful_api = Api(api)\n\n'
            "class ProjectHandler(Resource):\n    def get(self, project_id): ...\n"
            "    def delete(self, project_id): ...\n\n"
            'restful_api.add_resource(ProjectHandler, "/projects/<string:project_id>")\n',
        },
        {("GET", "/api/projects/{project_id}"), ("DELETE", "/api/projects/{project_id}")},
    ),
    "quarkus-rest-path-setting": (
        {
            "src/main/resources/application.properties": "quarkus.http.root-path=/\nquarkus.rest.path=/api\n"
            "%test.quarkus.rest.path=/\n",
            "src/main/java/app/VaultResource.java": 'package app;\n@Path("/vaults")\npublic class VaultResource {\n'
            '    @GET\n    @Path("/{id}")\n    public Vault get(@PathParam("id") String id) { return null; }\n}\n',
        },
        {("GET", "/api/vaults/{id}")},
    ),
    "minimal-api-relative-paths-and-formats": (
        {
            "Api/Endpoints.cs": 'var auth = app.MapGroup("api/v2/auth");\nauth.MapPost("login", Login);\n',
            "src/Controller/EntryRestController.php": "<?php\nclass EntryRestController {\n"
            "    #[Route(path: '/api/entries.{_format}', methods: ['GET'])]\n    public function list() {}\n}\n",
        },
        {("POST", "/api/v2/auth/login"), ("GET", "/api/entries")},
    ),
    "laravel-resources-and-group-options": (
        {
            "routes/web.php": "<?php\nRoute::group(['middleware' => 'auth'], function () {\n"
            "    Route::get('links/feed', [FeedController::class, 'links']);\n"
            "    Route::resource('playlist-folders', FolderController::class)->only(['show', 'update']);\n"
            "    Route::apiResource('photos.comments', CommentController::class);\n});\n",
        },
        {
            ("GET", "/links/feed"),
            ("GET", "/playlist-folders/{playlist_folder}"),
            ("PATCH", "/playlist-folders/{playlist_folder}"),
            ("GET", "/photos/{photo}/comments/{comment}"),
            ("POST", "/photos/{photo}/comments"),
        },
    ),
}


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def _entities(root: Path, files: dict[str, str]) -> dict[str, list[str]]:
    return {e.name: e.fields for e in read_repo(_write(root, files)).entities}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_prefix_mechanism_gives_the_full_path(case: str, tmp_path: Path) -> None:
    files, expected = CASES[case]
    found = {(r.method, r.path) for r in read_repo(_write(tmp_path, files)).routes}
    assert expected <= found, found


def test_a_vendored_google_apis_http_rules_are_not_the_applications(tmp_path: Path) -> None:
    files, expected = CASES["grpc-gateway-http-rules-in-proto-files"]
    found = {(r.method, r.path) for r in read_repo(_write(tmp_path, files)).routes}
    assert found == expected


def test_razor_partials_views_and_unslugified_tokens(tmp_path: Path) -> None:
    files, _ = CASES["aspnet-slugified-tokens-razor-pages-and-health-checks"]
    paths = {r.path for r in read_repo(_write(tmp_path, files)).routes}
    assert not any("Shared" in p or "_Layout" in p or "About" in p or "\x1f" in p for p in paths), paths
    plain = {k: v for k, v in files.items() if "Slugify" not in k}  # no transformer: the names as written
    paths = {r.path for r in read_repo(_write(tmp_path / "plain", plain)).routes}
    assert "/Manage/ChangePassword" in paths and "/Manage/Disable2faWarning" in paths, paths


def test_doorkeeper_controllers_skipped_draw_no_routes(tmp_path: Path) -> None:
    files, _ = CASES["rails-doorkeeper-routes-less-the-skipped-controllers"]
    paths = {r.path for r in read_repo(_write(tmp_path, files)).routes}
    assert not any("applications" in p or "token/info" in p for p in paths), paths


def test_a_gorilla_route_narrowed_by_methods_answers_only_those(tmp_path: Path) -> None:
    files, _ = CASES["slim-group-chained-with-middleware-and-gorilla-subrouter-handlefunc"]
    routes = {(r.method, r.path) for r in read_repo(_write(tmp_path, files)).routes}
    assert ("GET", "/api/teams") not in routes and ("GET", "/api/users/{id}") not in routes, routes


def test_a_lookup_with_a_default_is_no_route(tmp_path: Path) -> None:
    files, _ = CASES["drf-viewsets-through-the-projects-own-mixins-and-the-admin"]
    paths = {r.path for r in read_repo(_write(tmp_path, files)).routes}
    assert not any("foods" in p for p in paths), paths
    files, _ = CASES["ktor-route-class-registered-under-two-scopes"]  # a JSON builder's `put("query", x)`
    routes = read_repo(_write(tmp_path / "ktor", files)).routes
    assert not any(p in r.path for r in routes for p in ("query", "size", "/api/metadata")), routes


def test_django_models_whose_bases_call_or_come_from_another_package(tmp_path: Path) -> None:
    models = (
        "from django.db import IntegrityError, models\nfrom treebeard.mp_tree import MP_Node\n\n"
        "class TreeModel(MP_Node):\n    def __str__(self):\n        return self.name\n\n"
        "    class Meta:\n        abstract = True\n\n"
        "class Space(ExportModelOperationsMixin('space'), models.Model):\n"
        "    name = models.CharField(max_length=128)\n    created_at = models.DateTimeField(auto_now_add=True)\n\n"
        "class Food(ExportModelOperationsMixin('food'), TreeModel, PermissionModelMixin):\n"
        "    name = models.CharField(max_length=128)\n"
        "    space = models.ForeignKey(Space, on_delete=models.CASCADE)\n\n"
        "class PermissionModelMixin:\n    def get_space(self):\n        return self.space\n"
    )
    found = _entities(tmp_path, {"requirements.txt": "django\n", "cookbook/models.py": models})
    assert found == {"Space": ["name", "created_at"], "Food": ["name", "space"]}, found


def test_http_client_calls_are_not_routes(tmp_path: Path) -> None:
    files, _ = CASES["express-nested-routers"]
    paths = {r.path for r in read_repo(_write(tmp_path, files)).routes}
    assert not any("not/a/route" in p for p in paths)
    files, _ = CASES["koa-router-rpc-paths-and-koa-mount"]  # a path without a slash counts on a router only
    paths = {r.path for r in read_repo(_write(tmp_path / "koa", files)).routes}
    assert "/api/stars.create" in paths and not any("users.list" in p or p.endswith("/key") for p in paths)
    files, _ = CASES["jaxrs-servlet-mapping-and-inherited-resources"]  # an abstract base's routes have no path
    routes = {(r.method, r.path) for r in read_repo(_write(tmp_path / "jaxrs", files)).routes}
    assert ("GET", "/api") not in routes and ("POST", "/api") not in routes and ("GET", "/api/{id}") not in routes


def test_a_tests_own_resources_are_not_the_applications_routes(tmp_path: Path) -> None:
    files, _ = CASES["jersey-servlet-holder-in-a-variable"]
    paths = {r.path for r in read_repo(_write(tmp_path, files)).routes}
    assert "/api/v1/project/{uuid}" in paths and not any(p.endswith("/fake") for p in paths)


def test_an_unresolvable_prefix_is_named_in_the_evidence(tmp_path: Path) -> None:
    files = {
        "app/main.py": "from fastapi import FastAPI, APIRouter\nimport os\nrouter = APIRouter()\n\n"
        '@router.get("/items")\ndef items(): ...\n\napp = FastAPI()\n'
        'app.include_router(router, prefix=os.environ["PREFIX"] + settings.MISSING)\n',
    }
    routes = read_repo(_write(tmp_path, files)).routes
    items = [r for r in routes if r.path.endswith("/items")]
    assert items and "unresolved prefix `{MISSING}`" in items[0].evidence.note


def test_a_file_over_its_time_budget_is_skipped_and_listed() -> None:
    body = "class Controller:\n" + "    x = 1\n" * 20_000
    source = SourceFile("app/huge.py", body, "Python", body)
    (skipped,) = list(parse_sources([source], budget=0.0))
    assert isinstance(skipped, SkippedFile)
    assert skipped.path == "app/huge.py" and "time budget" in skipped.reason


def test_a_pathological_class_body_reads_in_under_a_second(tmp_path: Path) -> None:
    body = "from litestar import Controller, get\n\nclass Big(Controller):\n" + "    x = 'y'  # no path\n" * 5000
    (tmp_path / "app.py").write_text(body)
    start = time.process_time()  # CPU time: a shared, loaded machine stretches the wall clock, not this
    read_repo(tmp_path)
    assert time.process_time() - start < 2.0


def test_entity_fields_come_from_the_class_body_never_a_parameter_or_a_local(tmp_path: Path) -> None:
    files = {
        "src/main/java/app/User.java": "package app;\n@Entity\npublic class User {\n"
        "  private static final long serialVersionUID = 1L;\n  @Id @GeneratedValue private Long id;\n"
        "  private String name, email;\n  @Transient private String scratch;\n"
        '  @Column(name = "comp_id",\n          nullable = false)\n  private String compId;\n'
        "  public void rename(String e) { String local = null; this.name = e; }\n}\n",
        "db/schema.rb": 'ActiveRecord::Schema[7.1].define(version: 1) do\n  create_table "order_items" do |t|\n'
        '    t.string "sku", null: false\n    t.references "order"\n    t.timestamps\n  end\nend\n',
        "app/models/order_item.rb": "class OrderItem < ApplicationRecord\n  belongs_to :order\nend\n",
    }
    files["crates/db/src/person.rs"] = (
        '#[derive(Clone, Debug)]\n#[cfg_attr(\n  feature = "full",\n  derive(Queryable, Selectable)\n)]\n'
        "/// A person.\npub struct Person {\n  pub id: i32,\n  pub name: String,\n}\n"
    )
    entities = _entities(tmp_path, files)
    assert entities["User"] == ["id", "name", "email", "compId"]
    assert entities["Person"] == ["id", "name"]
    assert entities["OrderItem"] == ["sku", "order_id"]


def test_an_application_that_writes_its_own_sql_has_its_tables_as_entities(tmp_path: Path) -> None:
    files = {
        "db/migrations/001_init.sql": "CREATE TABLE IF NOT EXISTS order_items (\n  id serial PRIMARY KEY,\n"
        "  sku text NOT NULL,\n  price numeric(10, 2),\n  CONSTRAINT sku_unique UNIQUE (sku)\n);\n"
        "ALTER TABLE order_items ADD COLUMN quantity int;\n",
        "src/migrations/002_users.ts": "export async function up(db: Kysely<any>) {\n  await db.schema\n"
        "    .createTable('users')\n    .addColumn('id', 'uuid')\n    .addColumn('email', 'varchar')\n"
        "    .execute();\n}\n",
        "src/repo.go": 'package repo\n\nconst q = "SELECT sku FROM order_items"\n',
    }
    entities = _entities(tmp_path, files)
    assert entities["order_items"] == ["sku", "price", "quantity"]  # named as the table: no class names it
    assert entities["users"] == ["email"]
    assert "OrderItem" not in entities and "User" not in entities


def test_sequelize_migrations_and_ecto_schemas_after_a_helper_module(tmp_path: Path) -> None:
    files = {
        "package.json": '{"dependencies": {"express": "4", "sequelize": "6"}}',
        "src/storage/migrations/20191008-initial.js": "module.exports = {\n  up: async ({queryInterface}) => {\n"
        "    await queryInterface.createTable('projects', {\n      id: {type: Sequelize.UUID(), primaryKey: true},\n"
        "      name: {type: Sequelize.STRING(40)},\n      'externalUrl': {type: Sequelize.STRING(256)},\n    });\n"
        "  },\n};\n",
        "src/storage/migrations/20191009-slug.js": "module.exports = {\n  up: async ({queryInterface}) => {\n"
        "    await queryInterface.addColumn('projects', 'slug', {type: Sequelize.STRING(40)});\n  },\n};\n",
        "mix.exs": "defmodule Ret.MixProject do\n  defp deps do\n"
        '    [{:phoenix, "~> 1.7"}, {:ecto_sql, "~> 3.10"}]\n'
        "  end\nend\n",
        "lib/ret/hub.ex": "defmodule Ret.Hub.HubSlug do\n  def get_sources(_changeset, _opts) do\n"
        "    [:name]\n  end\nend\n\n"
        'defmodule Ret.Hub do\n  use Ecto.Schema\n\n  schema "hubs" do\n    field(:name, :string)\n'
        "    belongs_to(:scene, Ret.Scene)\n  end\nend\n",
    }
    entities = _entities(tmp_path, files)
    assert entities["projects"] == ["name", "externalUrl", "slug"]
    assert entities["Hub"] == ["name", "scene_id"] and "HubSlug" not in entities


def test_fluentmigrator_tables_in_an_aspnet_project_that_builds_its_ui_beside_it(tmp_path: Path) -> None:
    files = {
        "src/Shop.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup>'
        '<PackageReference Include="FluentMigrator" Version="5.0.0" /></ItemGroup></Project>',
        "src/package.json": '{"dependencies": {"react": "18", "vite": "5"}}',
        "src/webapp/App.tsx": "export default function App() { return null }\n",
        "src/Data/Migrations/0001_Init.cs": "using FluentMigrator;\n\n[Migration(1)]\n"
        "public class Init : Migration\n{\n    public override void Up()\n    {\n"
        '        Create.Table("apps")\n            .WithColumn("id").AsString(40).PrimaryKey()\n'
        '            .WithColumn("name").AsString(40).NotNullable();\n'
        '        Alter.Table("apps")\n            .AddColumn("icon_path").AsString(80).Nullable();\n'
        '    }\n\n    public override void Down()\n    {\n        Delete.Table("apps");\n    }\n}\n',
        "src/Features/Apps/AppsController.cs": "using Microsoft.AspNetCore.Mvc;\n\n[ApiController]\n"
        'public class AppsController : Controller\n{\n    [HttpGet("/api/_apps")]\n'
        "    public IActionResult List() => Ok();\n}\n",
    }
    facts = read_repo(_write(tmp_path, files))
    assert {e.name: e.fields for e in facts.entities}["apps"] == ["name", "icon_path"]
    assert ("GET", "/api/_apps") in {(r.method, r.path) for r in facts.routes}  # the folder's C# is the backend's


def test_sql_and_ecto_readers_stay_linear_on_bodies_that_never_close() -> None:
    start = time.process_time()  # CPU time: a loaded machine stretches the wall clock, not this
    assert sql_tables("create table x (" * 7000) == {"x": []}
    source = SourceFile("lib/a.ex", '  schema "x" do\n' * 7000, "Elixir")
    found: list[object] = []
    elixir.entity_finder([source])(source, lambda *args: found.append(args))
    assert found == [] and time.process_time() - start < 2.0


def test_entities_marked_by_grouped_or_nested_annotations_and_sequel_models(tmp_path: Path) -> None:
    files = {
        "src/Entity/ApiKey.php": "<?php\nnamespace App\\Entity;\nuse Doctrine\\ORM\\Mapping as ORM;\n#[\n"
        "    ORM\\Table(name: 'api_keys'),\n    ORM\\Entity(readOnly: true)\n]\n"
        "final readonly class ApiKey implements Stringable\n{\n    #[ORM\\Column]\n"
        "    protected string $verifier;\n    public function __construct(string $x) {}\n}\n",
        "src/Service/Keys.php": "<?php\nuse Doctrine\\ORM\\EntityManager;\nclass Keys {}\n",
        "server/models/Star.ts": "import { Table, Column, Scopes } from 'sequelize-typescript';\n"
        "@Scopes(() => ({ withUser: { include: [{ model: User, as: 'user' }] } }))\n"
        "@Table({ tableName: 'stars', modelName: 'star' })\nclass Star extends IdModel {\n"
        "  @Column(DataType.STRING)\n  index: string | null;\n}\nexport default Star;\n",
        "app/models/owner.rb": "module Pod\n  class Owner < Sequel::Model\n    one_to_many :sessions\n  end\nend\n",
    }
    entities = _entities(tmp_path, files)
    assert entities["ApiKey"] == ["verifier"]
    assert entities["Star"] == ["index"]
    assert "Pod::Owner" in entities or "Owner" in entities
    assert "Keys" not in entities and "EntityManager" not in entities


def test_liquibase_changelogs_give_a_sql_first_application_its_tables(tmp_path: Path) -> None:
    files = {
        "build.gradle.kts": 'dependencies { implementation("org.jooq:jooq:3.19.0") }\n',
        "src/main/kotlin/app/Repo.kt": "package app\nclass Repo(private val jooq: DSLContext) {\n"
        '  fun all() = jooq.select().from(DSL.table("delivery_config")).fetch()\n}\n',
        "src/main/resources/db/changelog/001-tables.yml": "databaseChangeLog:\n  - changeSet:\n      id: 1\n"
        "      changes:\n        - createTable:\n            tableName: delivery_config\n            columns:\n"
        "              - column:\n                  name: uid\n                  type: char(26)\n"
        "              - column:\n                  name: name\n                  type: varchar(255)\n"
        "        - createTable:\n            tableName: scratch\n            columns:\n"
        "              - column:\n                  name: x\n                  type: int\n",
        "src/main/resources/db/changelog/002-more.yml": "databaseChangeLog:\n  - changeSet:\n      id: 2\n"
        "      changes:\n        - addColumn:\n            tableName: delivery_config\n            columns:\n"
        "              - column:\n                  name: application\n                  type: varchar(255)\n"
        "        - renameColumn:\n            tableName: delivery_config\n            oldColumnName: name\n"
        "            newColumnName: config_name\n        - dropTable:\n            tableName: scratch\n"
        "        - sql:\n            sql: CREATE TABLE event (uid char(26), json longtext)\n",
        "src/main/resources/db/changelog/003-pin.xml": '<?xml version="1.0"?>\n<databaseChangeLog '
        'xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n  <changeSet id="3" author="a">\n'
        '    <createTable tableName="environment_pin">\n      <column name="environment_uid" type="char(26)"/>\n'
        '      <column name="pinned_by" type="varchar(255)"/>\n    </createTable>\n  </changeSet>\n'
        "</databaseChangeLog>\n",
    }
    entities = _entities(tmp_path, files)
    assert entities == {
        "delivery_config": ["uid", "config_name", "application"],  # renamed in place, added after
        "event": ["uid", "json"],  # a raw `sql` change
        "environment_pin": ["environment_uid", "pinned_by"],  # XML
    }  # `scratch` was dropped


def test_a_changelog_of_shared_yaml_aliases_is_walked_once_per_node() -> None:
    lines = ["databaseChangeLog:", "  - a0: &a0 {createTable: {tableName: t, columns: [{column: {name: c}}]}}"]
    lines += [f"  - a{n}: &a{n} [*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}]" for n in range(1, 30)]
    start = time.process_time()
    changes = liquibase_changes("db/changelog.yaml", "\n".join(lines))
    assert changes == [("create", "t", "c")] and time.process_time() - start < 2.0
    assert liquibase_changes("db/changelog.xml", "<databaseChangeLog><createTable") == []  # broken XML: nothing


def test_nhibernate_class_maps_and_mongoid_documents_are_models(tmp_path: Path) -> None:
    files = {
        "Server/Mappings/AnimeSeriesMap.cs": "using FluentNHibernate.Mapping;\n"
        "public class AnimeSeriesMap : ClassMap<AnimeSeries>\n{\n    public AnimeSeriesMap()\n    {\n"
        '        Table("AnimeSeries");\n        Id(x => x.AnimeSeriesID);\n'
        "        Map(x => x.AniDB_ID).Not.Nullable();\n"
        "        References(s => s.Group);\n    }\n}\n",
        "app/models/err.rb": "# groups notices\nclass Err\n  PER_PAGE = 30\n\n  include Mongoid::Document\n"
        "  include Mongoid::Timestamps\n\n  field :fingerprint\n  belongs_to :problem\n"
        "  has_many :notices, inverse_of: :err\n\n  def self.recent\n    field :not_this\n  end\nend\n",
        "app/models/plain.rb": "class Plain\n  attr_accessor :name\nend\n",
    }
    entities = _entities(tmp_path, files)
    assert entities["AnimeSeries"] == ["AnimeSeriesID", "AniDB_ID", "Group"]
    assert entities["Err"][:3] == ["fingerprint", "problem", "notices"]
    assert "Plain" not in entities and "AnimeSeriesMap" not in entities


def test_an_aiohttp_client_is_no_web_framework_and_tornado_is_one(tmp_path: Path) -> None:
    files = {
        "requirements.txt": "aiohttp\ntornado>=6.5\n",
        "app/handlers.py": "import aiohttp\nfrom tornado import web\n\nclass Home(web.RequestHandler):\n"
        "    async def get(self):\n        async with aiohttp.ClientSession() as s:\n            pass\n",
        "server/main.py": "",
    }
    frameworks = {f.value for f in read_repo(_write(tmp_path, files)).established("web_framework")}
    assert "Tornado" in frameworks and "aiohttp" not in frameworks
    served = _write(tmp_path / "served", {"requirements.txt": "aiohttp\n", "app.py": "from aiohttp import web\n"
                                           "app = web.Application()\nweb.run_app(app)\n"})  # fmt: skip
    assert "aiohttp" in {f.value for f in read_repo(served).established("web_framework")}


def test_a_maps_put_is_no_route(tmp_path: Path) -> None:
    routes = {(r.method, r.path) for r in read_repo(_write(tmp_path, CASES["spring-functional-endpoints"][0])).routes}
    assert ("PUT", "/browser") not in routes and len(routes) == 2


def test_php_getters_and_minified_front_end_bundles_are_not_routes(tmp_path: Path) -> None:
    files = {
        "src/Model/Table/RolesTable.php": "<?php\nclass RolesTable extends Table {\n    public function id($role) {\n"
        "        return $role->get('id');\n    }\n}\n",
        "webroot/js/app/bundle.js": 'app.get("/passbolt.plugins.x", h);\n',
        "routes/web.php": "<?php\nRoute::get('users', [UserController::class, 'index']);\n",
    }
    routes = {(r.method, r.path) for r in read_repo(_write(tmp_path, files)).routes}
    assert routes == {("GET", "/users")}
    devise = {(r.method, r.path) for r in read_repo(_write(tmp_path / "rails", CASES[
        "devise-for-with-the-models-modules"][0])).routes}  # fmt: skip
    assert not any("sign_up" in path or path.endswith("/cancel") for _, path in devise)  # skipped registrations


def test_native_db_models(tmp_path: Path) -> None:
    role = (
        "use native_db::*;\n\n#[derive(Clone, Debug, Serialize, Deserialize)]\n#[native_model(id = 9, version = 1)]\n"
        "#[native_db]\npub struct UserRole {\n    #[primary_key]\n    pub id: u64,\n    pub name: String,\n}\n\n"
        "#[derive(Clone, Debug)]\npub struct NotStored {\n    pub x: u8,\n}\n"
    )
    found = _entities(tmp_path, {"Cargo.toml": '[package]\nname = "m"\n', "src/role.rs": role})
    assert found == {"UserRole": ["id", "name"]}, found


def test_phinx_migrations_cakephp_entities_ktorm_tables_and_seaorm_models(tmp_path: Path) -> None:
    files = {
        "config/Migrations/20170830064410_Initial.php": "<?php\nclass Initial extends AbstractMigration {\n"
        "  public function up() {\n    $this->table('users', ['id' => false])\n"
        "      ->addColumn('id', 'char')\n      ->addColumn('username', 'string')\n      ->create();\n"
        "    $table = $this->table('roles');\n    $table->addColumn('name', 'string')->create();\n  }\n}\n",
        "src/Model/Entity/User.php": "<?php\nnamespace App\\Model\\Entity;\nuse Cake\\ORM\\Entity;\n"
        "class User extends Entity {\n    protected array $_accessible = ['username' => true];\n}\n",
        "src/main/kotlin/model/UsersTable.kt": "import org.ktorm.schema.*\n\n"
        'object UsersTable : Table<UserEntity>("users") {\n    val id = int("id").primaryKey().bindTo { it.id }\n'
        '    val email = varchar("email").bindTo { it.email }\n}\n',
        "crates/model/src/users.rs": "#[derive(Clone, Debug, DeriveModel, DeriveActiveModel)]\n"
        '#[sea_orm(table_name = "user_object_classes")]\npub struct Model {\n    pub lower_object_class: String,\n}\n',
    }
    entities = _entities(tmp_path, files)
    assert entities["User"] == ["username"]  # the table's columns, not `$_accessible`
    assert entities["UsersTable"] == ["id", "email"]
    assert entities["user_object_classes"] == ["lower_object_class"]  # a SeaORM `Model` is its table


def test_sql_run_by_code_migrations_and_sqldelight_files_gives_the_tables(tmp_path: Path) -> None:
    files = {
        "src/migrations/20141020151056-initial-schema.js": "exports.up = function (db, cb) {\n  db.runSql(`\n"
        "    CREATE TABLE features (name varchar(255) PRIMARY KEY, enabled integer default 0);\n`, cb);\n};\n"
        "exports.down = function (db, cb) {\n  db.runSql('CREATE TABLE features_backup (kept text);', cb);\n};\n",
        "src/migrations/20141110144153-add-description.js": "'use strict';\nexports.up = function (db, cb) {\n"
        "  db.runSql('ALTER TABLE features ADD \"description\" text;', cb);\n};\n",
        "db/migrations/00002_add_tokens.go": "package migrations\n\nfunc upTokens(tx *sql.Tx) error {\n"
        '    _, err := tx.Exec("CREATE TABLE tokens (id serial, token text)")\n    return err\n}\n\n'
        "func downTokens(tx *sql.Tx) error {\n    return nil\n}\n",
        "server/src/main/sqldelight/app/db/flag.sq": "CREATE TABLE flag (\n  id INTEGER PRIMARY KEY,\n"
        "  name TEXT NOT NULL\n);\n\nselectAll:\nSELECT * FROM flag;\n",
        "app/core/migrations.py": 'async def m001_initial(db):\n    await db.execute(\n        """\n'
        "        CREATE TABLE IF NOT EXISTS wallets (\n            id TEXT PRIMARY KEY,\n            name TEXT\n"
        '        );\n    """\n    )\n',
        "package.json": '{"dependencies": {"db-migrate": "0.11.14", "express": "4"}}',
    }
    facts = read_repo(_write(tmp_path, files))
    entities = {e.name: e.fields for e in facts.entities}
    assert entities == {
        "features": ["name", "enabled", "description"], "tokens": ["token"], "flag": ["name"], "wallets": ["name"]
    }  # fmt: skip
    assert "TypeORM migrations" not in {f.value for f in facts.established("migrations")}  # kebab-case names


def test_an_eloquent_model_may_extend_the_repositorys_own_abstract_model(tmp_path: Path) -> None:
    files = {
        "app/Domains/Dav/VCardResource.php": "<?php\nnamespace App\\Domains\\Dav;\n\n"
        "abstract class VCardResource extends Model implements IDavResource {}\n",
        "app/Models/Contact.php": "<?php\nnamespace App\\Models;\n\nclass Contact extends VCardResource\n{\n"
        "    protected $fillable = ['first_name', 'last_name'];\n}\n",
        "app/Models/Abstracts/Base.php": "<?php\nabstract class Base extends Model {}\n",
        "app/Models/Helper.php": "<?php\nclass Helper extends Collection {}\n",
        "app/Models/Member.php": "<?php\nnamespace App\\Models;\n\n"
        "class Member extends \\Illuminate\\Database\\Eloquent\\Relations\\Pivot {}\n",
    }
    assert _entities(tmp_path, files) == {
        "Contact": ["first_name", "last_name"],
        "Member": [],
    }  # not the abstract bases or a Collection


def test_documents_a_repository_class_or_a_mongo_collection_keeps_are_models(tmp_path: Path) -> None:
    files = {
        "src/Core/Models/Organization.cs": "namespace Core.Models;\npublic class Organization : IData {\n"
        "    public string Id { get; set; }\n    public string Name { get; set; }\n}\n",
        "src/Core/Models/Token.cs": "namespace Core.Models;\npublic class Token {\n"
        "    public string Id { get; set; }\n    public DateTime? ExpiresUtc { get; set; }\n}\n",
        "src/Core/Models/Sample.cs": "namespace Core.Models;\npublic class Sample {\n"
        "    public int X { get; set; }\n}\n",
        "src/Core/Repositories/OrganizationRepository.cs": "public class OrganizationRepository : "
        "RepositoryBase<Organization>, IOrganizationRepository {\n}\n",
        "src/Core/Repositories/RepositoryBase.cs": "public abstract class RepositoryBase<T> : ElasticRepositoryBase<T>"
        " where T : class {\n}\n",
        "src/Core/Stores/TokenStore.cs": "public class TokenStore {\n"
        "    private readonly IMongoCollection<Token> _tokens;\n}\n",
        "src/Web/Security/ApiKeyAuthenticationHandler.cs": "public class ApiKeyAuthenticationHandler : "
        "AuthenticationHandler<ApiKeyAuthenticationOptions> {\n}\n",
        "src/Core/Models/Monograph.cs": "public class Monograph {\n    public string Title { get; set; }\n}\n",
        "src/Core/Models/InboxKey.cs": "public class InboxKey {\n    public string Key { get; set; }\n}\n",
        "src/Web/Startup.cs": 'services.AddRepository<Monograph>("monographs", "notes");\n',
        "src/Web/Controllers/InboxController.cs": "public class InboxController(Repository<InboxKey> keys, "
        "ILogger<InboxController> logger) : ControllerBase {\n}\n",
    }
    facts = read_repo(_write(tmp_path, files))
    entities = {e.name: e.fields for e in facts.entities}
    assert entities == {"Organization": ["Id", "Name"], "Token": ["Id", "ExpiresUtc"], "Monograph": ["Title"],
                        "InboxKey": ["Key"]}  # not Sample, not T  # fmt: skip
    assert "API key" in {f.value for f in facts.established("auth")}


def test_an_ef_core_model_snapshot_names_every_mapped_entity(tmp_path: Path) -> None:
    snapshot = (
        "// <auto-generated />\nusing Microsoft.EntityFrameworkCore;\n\nnamespace Shop.Migrations\n{\n"
        "    [DbContext(typeof(ShopDbContext))]\n    partial class ShopDbContextModelSnapshot : ModelSnapshot\n    {\n"
        "        protected override void BuildModel(ModelBuilder modelBuilder)\n        {\n"
        '            modelBuilder.Entity("Shop.Catalog.Models.Category", b =>\n                {\n'
        '                    b.Property<long>("Id").ValueGeneratedOnAdd();\n'
        '                    b.Property<string>("Name").HasMaxLength(450);\n'
        '                    b.ToTable("Catalog_Category");\n                });\n\n'
        '            modelBuilder.Entity("Shop.Orders.Models.OrderItem", b =>\n                {\n'
        '                    b.Property<decimal?>("Price");\n                    b.Property<int>("Quantity");\n'
        "                });\n        }\n    }\n}\n"
    )
    files = {"src/Shop.WebHost/Migrations/ShopDbContextModelSnapshot.cs": snapshot}
    entities = {e.name: e.fields for e in read_repo(_write(tmp_path, files)).entities}
    assert entities == {"Category": ["Id", "Name"], "OrderItem": ["Price", "Quantity"]}


def test_a_url_list_that_includes_itself_is_followed_once(tmp_path: Path) -> None:
    views = "".join(f"    path('page{n}/', views.page{n}),\n" for n in range(40))
    files = {
        "manage.py": "import django\n",
        "app/urls.py": "from django.urls import include, path\n\nurlpatterns = [\n" + views + "]\n\n"
        'urlpatterns = [path("", include((urlpatterns, "app")))]\n'
        'urlpatterns += [path("health", views.health)]\n'
        "if settings.CONTEXT_PATH:\n    urlpatterns = [path(settings.CONTEXT_PATH, include(urlpatterns))]\n",
    }
    started = time.process_time()
    routes = {(r.method, r.path) for r in read_repo(_write(tmp_path, files)).routes}
    assert time.process_time() - started < 5.0  # each turn of the cycle once: 2^12 turns took seconds and gigabytes
    assert ("GET", "/page0") in routes and ("GET", "/health") in routes


def test_sequel_migrations_give_models_in_a_model_folder_their_columns(tmp_path: Path) -> None:
    files = {
        "migrate/20230117_tables.rb": "Sequel.migration do\n  change do\n    create_table(:project) do\n"
        "      column :id, :uuid, primary_key: true\n      column :name, :text, collate: '\"C\"', null: false\n"
        "      String :slug, null: false\n      foreign_key :billing_info_id, :billing_info, type: :uuid\n    end\n"
        "    create_table :firewall_rule do\n      column :cidr, :cidr\n    end\n  end\nend\n",
        "migrate/20230301_more.rb": "Sequel.migration do\n  change do\n    alter_table(:project) do\n"
        "      add_column :credit, :numeric\n    end\n  end\nend\n",
        "model/project.rb": "class Project < Sequel::Model\n  one_to_many :vms\nend\n",
        "model/firewall_rule.rb": "class FirewallRule < Sequel::Model\nend\n",
        "Gemfile": 'source "https://rubygems.org"\ngem "sequel"\ngem "roda"\n',
    }
    facts = read_repo(_write(tmp_path, files))
    entities = {e.name: e.fields for e in facts.entities}
    # singular tables, columns from create_table and alter_table; `add_column` in a block names no table
    assert entities == {"Project": ["name", "slug", "billing_info_id", "credit"], "FirewallRule": ["cidr"]}
    assert "Sequel migrations" in {f.value for f in facts.established("migrations")}


def test_a_stored_api_key_model_an_oauthlib_provider_and_the_rust_jwt_crate_are_auth(tmp_path: Path) -> None:
    files = {
        "app/orm.py": "from sqlalchemy.orm import Mapped\n\nclass APIToken(Base):\n    __tablename__ = 'api_tokens'\n"
        "    id: Mapped[int]\n    hashed: Mapped[str]\n",
        "app/oauth/provider.py": "from oauthlib.oauth2 import RequestValidator, WebApplicationServer\n\n"
        "class HubOAuthServer(WebApplicationServer):\n    pass\n",
        "src/auth.rs": "use jwt::{SignWithKey, VerifyWithKey};\n\nfn check(token: &str, key: &Hmac<Sha512>) {\n"
        "    let claims: Token<_> = VerifyWithKey::verify_with_key(token, key).unwrap();\n}\n",
        "tests/fixtures/models.py": "class ApiKey(Base):\n    __tablename__ = 'api_keys'\n",
    }
    auth = {f.value: f for f in read_repo(_write(tmp_path, files)).established("auth")}
    assert {"API key", "OAuth2 server", "JWT"} <= set(auth)
    assert auth["API key"].evidence[0].path == "app/orm.py"  # a test's model is not the application's
    assert auth["API key"].evidence[0].note == "stores API keys (APIToken)"
    alone = _write(tmp_path / "client", {"app/oauth/client.py": "from oauthlib.oauth2 import WebApplicationClient\n"})
    assert "OAuth2 server" not in {f.value for f in read_repo(alone).established("auth")}


def test_a_contract_first_servers_routes_come_from_the_spec_its_build_generates_from(tmp_path: Path) -> None:
    plugin = (
        "<plugin><artifactId>openapi-generator-maven-plugin</artifactId><executions><execution>"
        "<configuration><inputSpec>${basedir}/src/main/openapi/%s</inputSpec>"
        "<generatorName>%s</generatorName></configuration></execution></executions></plugin>"
    )
    files = {
        "api/pom.xml": "<project><build><plugins>" + plugin % ("openapi.yaml", "jaxrs-spec") + "</plugins></build>"
        "</project>",
        "api/src/main/openapi/openapi.yaml": "openapi: 3.0.3\nservers:\n  - url: /api/v2\npaths:\n"
        "  /projects:\n    get:\n      operationId: listProjects\n    post:\n      operationId: createProject\n"
        "  /projects/{uuid}/clone:\n    $ref: './resources/clone.yaml'\n",
        "api/src/main/openapi/resources/clone.yaml": "post:\n  operationId: cloneProject\n",
        "client/pom.xml": "<project><build><plugins>"
        + plugin % ("other.yaml", "java")
        + "</plugins></build></project>",
        "client/src/main/openapi/other.yaml": "openapi: 3.0.3\npaths:\n  /remote:\n    get: {}\n",
    }
    routes = {(r.method, r.path): r for r in read_repo(_write(tmp_path, files)).routes}
    assert set(routes) == {("GET", "/api/v2/projects"), ("POST", "/api/v2/projects"),
                           ("POST", "/api/v2/projects/{uuid}/clone")}  # fmt: skip  # a client's spec is no server
    assert routes[("GET", "/api/v2/projects")].evidence.path == "api/src/main/openapi/openapi.yaml"


def test_session_and_sign_in_kinds_of_rodauth_vertx_pyramid_beego_and_bundles(tmp_path: Path) -> None:
    files = {
        "clover.rb": "class Clover < Roda\n  plugin :rodauth do\n    enable :login, :logout, :webauthn, :omniauth\n"
        "  end\nend\n",
        "shared/WebVerticle.kt": "import io.vertx.ext.web.handler.SessionHandler\n\nfun setup(router: Router) {\n"
        "    router.route().handler(SessionHandler.create(LocalSessionStore.create(vertx)))\n}\n",
        "app/sessions.py": "from pyramid.interfaces import ISessionFactory\n\ndef includeme(config):\n"
        "    config.set_session_factory(SessionFactory)\n",
        "lib/ldap_authenticator.ex": "defmodule App.LdapAuthenticator do\n  def login(user, password) do\n"
        '    {:ok, conn} = :eldap.open([~c"ldap.example.com"])\n'
        "    :eldap.simple_bind(conn, user, password)\n  end\nend\n",
        "composer.json": '{"require": {"nbgrp/onelogin-saml-bundle": "^2.0", "jbtronics/2fa-webauthn": "^3.0"}}\n',
        "src/Security/Saml.php": "<?php\n"
        "use Nbgrp\\OneloginSamlBundle\\Security\\Http\\Authenticator\\SamlAuthenticator;\n"
        "use Jbtronics\\TFAWebauthn\\Services\\TFAWebauthnRegistrationHelper;\nclass Saml {}\n",
    }
    auth = {f.value for f in read_repo(_write(tmp_path, files)).established("auth")}
    assert {"session", "WebAuthn", "OAuth2", "LDAP", "SAML"} <= auth
    assert "OAuth2 server" not in auth  # no Rodauth OAuth server feature enabled


def test_tables_a_go_store_creates_in_its_strings_beside_its_routes(tmp_path: Path) -> None:
    """A store that runs `CREATE TABLE IF NOT EXISTS …` at start-up declares the application's tables; the same
    file's routes are read too, and a test's tables are not the application's."""
    files = {
        "go.mod": "module x\n\nrequire github.com/gofiber/fiber/v2 v2.52.0\n",
        "store/specific_postgres.go": "package store\n\nfunc (s *Store) createSchema() error {\n"
        "\t_, err := s.db.Exec(`\n\t\tCREATE TABLE IF NOT EXISTS endpoints (\n"
        "\t\t\tendpoint_id BIGSERIAL PRIMARY KEY,\n"
        "\t\t\tendpoint_key TEXT UNIQUE,\n\t\t\tendpoint_name TEXT NOT NULL\n\t\t)\n\t`)\n"
        "\t_, err = s.db.Exec(`\n\t\tCREATE TABLE IF NOT EXISTS endpoint_events (\n"
        "\t\t\tendpoint_event_id BIGSERIAL PRIMARY KEY,\n\t\t\tevent_type TEXT NOT NULL\n\t\t)\n\t`)\n"
        '\treturn err\n}\n\nfunc Routes(app *fiber.App) {\n\tapp.Get("/api/v1/endpoints", list)\n}\n',
        "store/store_test.go": "package store\n\n"
        "const schema = `CREATE TABLE scratch (a TEXT); CREATE TABLE other (b TEXT);`\n",
    }
    facts = read_repo(_write(tmp_path, files))
    tables = {e.name: e.fields for e in facts.entities}
    assert tables == {
        "endpoints": ["endpoint_id", "endpoint_key", "endpoint_name"],
        "endpoint_events": ["endpoint_event_id", "event_type"],
    }
    assert ("GET", "/api/v1/endpoints") in {(r.method, r.path) for r in facts.routes}


def test_sequelize_define_gives_the_table_and_its_own_attributes(tmp_path: Path) -> None:
    files = {
        "package.json": '{"dependencies": {"sequelize": "6"}}',
        "server/models/area.js": "module.exports = (sequelize, DataTypes) => {\n"
        "  const area = sequelize.define(\n    't_area',\n    {\n"
        "      id: { type: DataTypes.UUID, primaryKey: true },\n"
        "      name: { allowNull: false, type: DataTypes.STRING, validate: { len: [1, 40] } },\n"
        "      // where it is\n      'latitude': { type: DataTypes.DOUBLE, comment: 'degrees, {north}' },\n"
        "    },\n    {},\n  );\n  return area;\n};\n",
    }
    assert _entities(tmp_path, files) == {"t_area": ["id", "name", "latitude"]}


def test_sql_tables_named_by_a_template_placeholder() -> None:
    """A Go data provider writes `CREATE TABLE "{{users}}"` and fills in the prefixed name when it runs."""
    sql = (
        'CREATE TABLE "{{schema_version}}" ("id" integer NOT NULL PRIMARY KEY, "version" integer NOT NULL);\n'
        'CREATE TABLE IF NOT EXISTS {{ shares }} ("id" integer NOT NULL PRIMARY KEY, "share_id" varchar(60));\n'
    )
    assert sql_tables(sql) == {"schema_version": ["version"], "shares": ["share_id"]}


def test_conventional_paths_leave_out_default_segments_from_the_end() -> None:
    pattern = "{controller=Home}/{action=Index}/{id?}"
    assert conventional_paths(pattern, "AccountController", "Login") == ["/account/login"]
    assert conventional_paths(pattern, "ManageController", "Index") == ["/manage/index", "/manage"]
    assert conventional_paths(pattern, "HomeController", "Index") == ["/home/index", "/home", "/"]
    assert conventional_paths("api/{controller}/{action}/{id}", "UsersController", "Find") == []


def test_sqlalchemy_core_tables_are_the_models_of_an_application_without_classes(tmp_path: Path) -> None:
    files = {
        "pyproject.toml": '[project]\nname = "bracket"\ndependencies = ["fastapi", "sqlalchemy"]\n',
        "bracket/schema.py": "from sqlalchemy import Column, ForeignKey, Integer, String, Table\n"
        "from sqlalchemy.orm import declarative_base\n\nmetadata = declarative_base().metadata\n\n"
        'clubs = Table(\n    "clubs",\n    metadata,\n    Column("id", Integer, primary_key=True),\n'
        '    Column("name", String, nullable=False),\n)\n\n'
        'courts = Table(\n    "courts",\n    metadata,\n    Column("id", Integer, primary_key=True),\n'
        '    Column("name", String),\n    Column("club_id", Integer, ForeignKey("clubs.id")),\n)\n',
    }
    assert _entities(tmp_path, files) == {"clubs": ["name"], "courts": ["name", "club_id"]}


def test_a_path_compared_without_a_method_and_a_helper_never_called_declare_no_route(tmp_path: Path) -> None:
    go_files, _ = CASES["go-handler-dispatching-on-compared-method-and-path"]
    paths = {r.path for r in read_repo(_write(tmp_path / "go", go_files)).routes}
    assert "/metrics" not in paths, paths  # a middleware's exemption compares the path alone
    files = {
        "package.json": '{"dependencies": {"express": "4"}}',
        "src/utils.js": "function route(router, method, path, handler) {\n"
        "    router[method](path, (req, res) => handler(req, res));\n}\nmodule.exports = { route };\n",
    }
    routes = read_repo(_write(tmp_path / "js", files)).routes
    assert routes == [], routes  # the helper's own `router[method](path)` is no route until a call fills it in


def test_mvc_conventions_leave_out_what_is_not_an_action(tmp_path: Path) -> None:
    files, _ = CASES["aspnet-mvc-actions-without-verbs-areas-action-names-and-absolute-action-routes"]
    paths = {r.path.lower() for r in read_repo(_write(tmp_path, files)).routes}
    assert not {p for p in paths if "helper" in p or "hidden" in p or "name" in p or "deleteconfirmed" in p}, paths
    assert not {p for p in paths if p.startswith("/api/campaign/")}, paths  # `~/` leaves the controller's prefix


def test_a_go_controller_a_package_function_returns_registers_only_its_own_routes(tmp_path: Path) -> None:
    """`pkg.GetController().RegisterRoutes(v1)` among many packages alike: each call mounts its own package's
    routes, found by the package of the function that returns the controller."""
    files = dict(CASES["gin-controllers-a-package-function-returns-registering-on-a-group"][0])
    main = files["cmd/main.go"].replace("}\n", "")
    for n in range(14):
        files[f"internal/p{n}/di.go"] = f"package p{n}\n\nfunc GetC{n}() *C{n} {{\n\treturn &C{n}{{}}\n}}\n"
        files[f"internal/p{n}/controller.go"] = (
            f'package p{n}\n\nimport "github.com/gin-gonic/gin"\n\n'
            f'func (c *C{n}) RegisterRoutes(router *gin.RouterGroup) {{\n\trouter.GET("/p{n}", c.Get)\n}}\n'
        )
        main += f"\tp{n}.GetC{n}().RegisterRoutes(protected)\n"
    files["cmd/main.go"] = main + "}\n"
    found = {(r.method, r.path) for r in read_repo(_write(tmp_path, files)).routes}
    expected = {("GET", f"/api/v1/p{n}") for n in range(14)} | {
        ("GET", "/api/v1/audit-logs/global"),
        ("GET", "/api/v1/audit-logs/users/{userId}"),
        ("GET", "/api/v1/disk/usage"),
    }
    assert found == expected, found


def test_a_sequelize_model_is_the_name_the_code_binds_it_to(tmp_path: Path) -> None:
    """`export const DailyClicks = <T>sequelize.define('daily_stats', {…})`: the model as the code names it, with
    its attributes; a define bound to a lower-case name keeps the table's name."""
    files = {
        "package.json": '{"dependencies": {"sequelize": "6"}}',
        "src/models/daily.ts": "import Sequelize from 'sequelize'\nimport { sequelize } from '../util/sequelize'\n"
        "export const DailyClicks = <DailyClicksTypeStatic>sequelize.define(\n  'daily_stats',\n  {\n"
        "    shortUrl: { type: Sequelize.STRING, primaryKey: true },\n    clicks: { type: Sequelize.INTEGER },\n"
        "  },\n)\nconst model = sequelize.define('url_tag', { tag: Sequelize.STRING })\n",
    }
    entities = _entities(tmp_path, files)
    assert entities.get("DailyClicks") == ["shortUrl", "clicks"], entities
    assert "DailyStats" not in entities and "DailyStat" not in entities, entities
    assert any(name.lower().replace("_", "") in {"urltag", "urltags"} for name in entities), entities


def test_laravel_route_files_of_a_project_in_a_subfolder_keep_the_provider_s_prefix(tmp_path: Path) -> None:
    """A Laravel project under `backend/` whose RouteServiceProvider loads `routes/api.php` with no prefix: its
    routes are served without the `/api` Laravel gives that file by default."""
    files = {
        "backend/composer.json": '{"require": {"laravel/framework": "^11.0"}}',
        "backend/app/Providers/RouteServiceProvider.php": "<?php\nnamespace App\\Providers;\n\n"
        "class RouteServiceProvider {\n    public function boot(): void {\n        $this->routes(function () {\n"
        "            Route::middleware('api')->group(base_path('routes/api.php'));\n        });\n    }\n}\n",
        "backend/routes/api.php": "<?php\n$router = app()->get('router');\n\n"
        "$router->prefix('/auth')->group(\n    function (Router $router): void {\n"
        "        $router->post('/login', LoginAction::class)->name('auth.login');\n    }\n);\n",
    }
    found = {(r.method, r.path) for r in read_repo(_write(tmp_path, files)).routes}
    assert found == {("POST", "/auth/login")}, found


def test_express_openapi_modules_required_from_a_list_in_a_file_with_a_stray_nul(tmp_path: Path) -> None:
    """`paths: routes.map((r) => ({path: "/" + r, module: require(`./routers/v1/${r}`)}))`, in a file whose comment
    holds a NUL byte (read as text): each listed module's operations at its path, under the app's mount."""
    files = dict(CASES["express-openapi-modules-under-the-paths-folder"][0])
    files["src/api.ts"] = (
        "import express from 'express'\nimport { initialize } from 'express-openapi'\nimport routes from './routes'\n"
        "// ID3 tags often hold \x00 padding\nconst apiApp = express()\ninitialize({\n  app: apiApp,\n"
        "  paths: routes.map((r) => ({\n    path: '/' + r,\n    module: require(`./routers/v1/${r}`),\n  })),\n})\n"
        "export default apiApp\n"
    )
    found = {(r.method, r.path) for r in read_repo(_write(tmp_path, files)).routes}
    assert found == CASES["express-openapi-modules-under-the-paths-folder"][1], found


def test_a_rust_router_function_is_the_one_the_file_uses(tmp_path: Path) -> None:
    """Two modules define `settings_router()`; each file that merges it names its own through `use`."""
    router = "use axum::{{Router, routing::get}};\n\npub fn settings_router() -> Router {{\n"
    router += '    Router::new().route("{path}", get(h))\n}}\n'
    files = {
        "Cargo.toml": '[package]\nname = "pod"\n\n[dependencies]\naxum = "0.8"\n',
        "src/controllers/settings_controller.rs": router.format(path="/settings"),
        "src/gpodder_api/settings/settings_controller.rs": router.format(path="/settings/{username}/{scope}"),
        "src/startup.rs": "use axum::Router;\nuse crate::controllers::settings_controller::settings_router;\n\n"
        'pub fn app() -> Router {\n    Router::new().nest("/api/v1", Router::new().merge(settings_router()))\n}\n',
        "src/gpodder_api/routes.rs": "use axum::Router;\n"
        "use crate::gpodder_api::{settings::settings_controller::settings_router as gpodder_settings};\n\n"
        'pub fn gpodder() -> Router {\n    Router::new().nest("/api/2", gpodder_settings())\n}\n',
    }
    found = {(r.method, r.path) for r in read_repo(_write(tmp_path, files)).routes}
    assert found == {("GET", "/api/v1/settings"), ("GET", "/api/2/settings/{username}/{scope}")}, found


def test_a_front_ends_tsx_routes_are_not_the_servers(tmp_path: Path) -> None:
    files = CASES["hono-app-in-a-tsx-entry-file"][0]
    paths = {r.path for r in read_repo(_write(tmp_path, files)).routes}
    assert "/dashboard" not in paths, paths


def test_ash_resources_sequelize_constants_and_litedb_collections_are_models(tmp_path: Path) -> None:
    ash = (
        "defmodule App.Astarte.Cluster do\n  use Ash.Resource, data_layer: AshPostgres.DataLayer\n\n"
        "  attributes do\n    integer_primary_key :id\n    attribute :name, :string do\n      public? true\n"
        "    end\n    timestamps()\n  end\n\n  relationships do\n    belongs_to :realm, App.Realm\n  end\n\n"
        '  postgres do\n    table "clusters"\n  end\nend\n'
    )
    sequelize = (
        "import { Sequelize, DataTypes, ModelCtor } from 'sequelize'\n\nexport const TOKEN_MODEL_NAME = 'token'\n\n"
        "export const defineToken = (sequelize: Sequelize): ModelCtor<Token> =>\n"
        "  sequelize.define(TOKEN_MODEL_NAME, {\n    contact: { type: DataTypes.STRING },\n"
        "    attempts: { type: DataTypes.INTEGER },\n  })\n"
    )
    litedb = (
        "public class GasRecordDataAccess {\n  public List<GasRecord> All() {\n"
        '    var table = db.GetCollection<GasRecord>("gasrecords");\n    return table.FindAll().ToList();\n  }\n}\n'
        "public class GasRecord {\n  public int Id { get; set; }\n  public decimal Gallons { get; set; }\n}\n"
    )
    files = {"mix.exs": "defp deps do\n  [{:ash_postgres, \"~> 2.0\"}]\nend\n", "lib/app/cluster.ex": ash,
             "server/models/token.model.ts": sequelize, "Data/GasRecord.cs": litedb}  # fmt: skip
    found = _entities(tmp_path, files)
    assert found["Cluster"] == ["id", "name", "inserted_at", "updated_at", "realm_id"], found
    assert found["Token"] == ["contact", "attempts"], found
    assert found["GasRecord"] == ["Id", "Gallons"], found


def test_the_classes_mybatis_result_maps_fill_are_models(tmp_path: Path) -> None:
    mapper = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" '
        '"http://mybatis.org/dtd/mybatis-3-mapper.dtd">\n'
        '<mapper namespace="com.shop.datasource.mappers.AccountMapper">\n'
        '  <resultMap id="BaseResultMap" type="com.shop.datasource.entities.Account">\n'
        '    <id column="id" jdbcType="BIGINT" property="id" />\n'
        '    <result column="serial_no" jdbcType="VARCHAR" property="serialNo" />\n'
        '    <result column="initial_amount" jdbcType="DECIMAL" property="initialAmount" />\n'
        "  </resultMap>\n</mapper>\n"
    )
    files = {"pom.xml": "<project><dependencies><dependency><artifactId>mybatis-spring-boot-starter</artifactId>"
                        "</dependency></dependencies></project>",
             "src/main/resources/mapper_xml/AccountMapper.xml": mapper}  # fmt: skip
    assert _entities(tmp_path, files) == {"Account": ["id", "serialNo", "initialAmount"]}


def test_keys_made_from_a_name_and_a_clients_calls_are_no_routes(tmp_path: Path) -> None:
    files = {
        "pyproject.toml": '[project]\nname = "x"\ndependencies = ["fastapi"]\n',
        "app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/ok')\ndef ok(): ...\n",
        "app/media.py": "def store(metadata: dict, kind):\n    path_key = f'{kind.value}_path'\n"
        "    media = metadata.get(path_key)\n    hashed = cache.get(f'{kind}:hash')\n    return media, hashed\n",
        # a client class of another server, calling it through its own verb methods
        "app/services/media.py": "class MediaClient:\n    def invite(self):\n"
        "        return self.post('/api/Account/invite', json={'email': 'x'})\n",
        # a client of the API kept in the repository, a project of its own
        "api_client/python/setup.py": "from setuptools import setup\nsetup(name='x-client')\n",
        "api_client/python/x_client/api.py": "import requests\n\nclass Api:\n"
        "    def archive(self, sketch_id):\n        url = f'{self.root}/sketches/{sketch_id}/archive/'\n"
        "        return self.session.post('/sketches/archive', json={'id': sketch_id})\n",
    }
    paths = {r.path for r in read_repo(_write(tmp_path, files)).routes}
    assert paths == {"/ok"}, paths
    prefixed = {  # a constant's name before a colon is a prefix, then a parameter
        "go.mod": "module x\n\nrequire github.com/gin-gonic/gin v1.9.0\n",
        "internal/controller/consts.go": 'package controller\n\nconst LoginRouterPrefix = "/connector/login/"\n',
        "internal/router/router.go": 'package router\n\nimport (\n\t"github.com/gin-gonic/gin"\n'
        '\t"x/internal/controller"\n)\n\nfunc Register(r *gin.RouterGroup) {\n'
        '\tr.GET(controller.LoginRouterPrefix+":name", login)\n}\n',
    }
    paths = {r.path for r in read_repo(_write(tmp_path / "go", prefixed)).routes}
    assert "/connector/login/{name}" in paths, paths


# models a reader found only in these shapes: (files, the models and fields expected, models that must not be)
MODEL_SHAPES: dict[str, tuple[dict[str, str], dict[str, list[str] | None], set[str]]] = {
    "mongoose-models-with-typescript-type-arguments": (
        {
            "package.json": '{"dependencies": {"express": "4", "mongoose": "8"}}',
            "src/models/alert.ts": "import mongoose, { Schema } from 'mongoose';\n\n"
            "const AlertSchema = new Schema<IAlert>(\n  {\n    name: { type: String },\n"
            "    threshold: { type: Number },\n  },\n  { timestamps: true },\n);\n\n"
            "export default mongoose.model<IAlert>('Alert', AlertSchema);\n",
        },
        {"Alert": ["name", "threshold"]},
        set(),
    ),
    "typeorm-single-table-children": (
        {
            "package.json": '{"dependencies": {"express": "4", "typeorm": "0.3"}}',
            "src/entities/MediaEntity.ts": "import {Column, Entity, PrimaryGeneratedColumn, TableInheritance} from "
            "'typeorm';\n\n@Entity()\n@TableInheritance({column: {type: 'varchar', name: 'type'}})\n"
            "export abstract class MediaEntity {\n  @PrimaryGeneratedColumn()\n  id: number;\n\n"
            "  @Column('text')\n  name: string;\n}\n",
            "src/entities/VideoEntity.ts": "import {ChildEntity, Column} from 'typeorm';\n\n@ChildEntity()\n"
            "export class VideoEntity extends MediaEntity {\n  @Column('int')\n  fps: number;\n}\n",
        },
        {"MediaEntity": ["id", "name"], "VideoEntity": ["fps"]},
        set(),
    ),
    "lucid-models-on-the-projects-own-base-model": (
        {
            "package.json": '{"dependencies": {"@adonisjs/core": "6", "@adonisjs/lucid": "21"}}',
            "app/models/app_base_model.ts": "import { BaseModel, column } from '@adonisjs/lucid/orm';\n\n"
            "export default class AppBaseModel extends BaseModel {\n  @column({ isPrimary: true })\n"
            "  declare id: number;\n}\n",
            "app/models/link.ts": "import AppBaseModel from '#models/app_base_model';\n"
            "import { column } from '@adonisjs/lucid/orm';\n\nexport default class Link extends AppBaseModel {\n"
            "  @column()\n  declare name: string;\n\n  @column()\n  declare url: string;\n}\n",
        },
        {"Link": ["name", "url"]},
        {"AppBaseModel"},
    ),
    "ef-core-entities-named-by-their-type-configurations": (
        {
            "Api/Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup>'
            '<PackageReference Include="Microsoft.EntityFrameworkCore" Version="8.0.0" /></ItemGroup></Project>',
            "Domain/Groups/Group.cs": "namespace Domain.Groups;\n\npublic class Group : AuditedEntity\n{\n"
            "    public Guid OrganizationId { get; set; }\n    public string Name { get; set; }\n}\n",
            "Infrastructure/Persistence/GroupConfiguration.cs": "using Microsoft.EntityFrameworkCore;\n\n"
            "public class GroupConfiguration : IEntityTypeConfiguration<Group>\n{\n"
            "    public void Configure(EntityTypeBuilder<Group> builder)\n    {\n"
            '        builder.ToTable("groups");\n    }\n}\n',
        },
        {"Group": ["OrganizationId", "Name"]},
        set(),
    ),
    "sqlalchemy-base-made-by-as-declarative": (
        {
            "requirements.txt": "sqlalchemy\n",
            "app/models/__init__.py": "from sqlalchemy.orm import as_declarative\n"
            "from sqlalchemy import Column, Integer\n\n"
            "@as_declarative()\nclass BaseModel:\n    id = Column(Integer, primary_key=True)\n",
            "app/models/sketch.py": "from sqlalchemy import Column, Unicode\nfrom app.models import BaseModel\n"
            "from app.models.mixins import LabelMixin\n\n"
            "class Sketch(LabelMixin, BaseModel):\n    name = Column(Unicode(255))\n"
            "    description = Column(Unicode())\n",
            "app/models/mixins.py": "class LabelMixin:\n    pass\n",
        },
        {"Sketch": ["name", "description"]},
        set(),
    ),
    "sql-files-in-a-databases-folder": (
        {
            "package.json": '{"dependencies": {"express": "4", "pg": "8"}}',
            "databases/_app.db.sql": 'CREATE TABLE IF NOT EXISTS "vipUsers" (\n\t"userID" TEXT NOT NULL\n);\n'
            'CREATE TABLE IF NOT EXISTS "titles" (\n\t"videoID" TEXT NOT NULL,\n\t"title" TEXT NOT NULL\n);\n',
        },
        {"vipUsers": ["userID"], "titles": ["videoID", "title"]},
        set(),
    ),
    "go-mongodb-documents": (
        {
            "go.mod": "module x\n\nrequire go.mongodb.org/mongo-driver v1.14.0\n",
            "core/models/spider.go": 'package models\n\nimport "go.mongodb.org/mongo-driver/bson/primitive"\n\n'
            'type Spider struct {\n\tId   primitive.ObjectID `json:"_id" bson:"_id"`\n'
            '\tName string `json:"name" bson:"name"`\n}\n\n'
            'type SpiderView struct {\n\tName string `json:"name"`\n}\n',
        },
        {"Spider": ["Id", "Name"]},
        {"SpiderView"},
    ),
    "sails-waterline-models": (
        {
            "package.json": '{"dependencies": {"sails": "1", "sails-postgresql": "5"}}',
            "api/models/Board.js": "/**\n * Board.js\n */\n\nmodule.exports = {\n  attributes: {\n"
            "    position: { type: 'number', required: true },\n    name: { type: 'string' },\n"
            "    projectId: { model: 'Project', columnName: 'project_id' },\n  },\n};\n",
        },
        {"Board": ["position", "name", "projectId"]},
        set(),
    ),
    "laravel-model-extending-a-packages-model": (
        {
            "composer.json": '{"require": {"laravel/framework": "^11.0", "laravel/sanctum": "^4.0"}}',
            "app/Models/PersonalAccessToken.php": "<?php\n\nnamespace App\\Models;\n\n"
            "use Laravel\\Sanctum\\PersonalAccessToken as SanctumPersonalAccessToken;\n\n"
            "class PersonalAccessToken extends SanctumPersonalAccessToken\n{\n    public $incrementing = false;\n}\n",
            "app/Models/Report.php": "<?php\n\nnamespace App\\Models;\n\nuse App\\Support\\Exporter;\n\n"
            "class Report extends Exporter\n{\n}\n",  # the application's own class that is no model
        },
        {"PersonalAccessToken": None},  # None: any fields
        {"Report"},
    ),
}


@pytest.mark.parametrize("case", sorted(MODEL_SHAPES))
def test_models_in_shapes_a_reader_once_missed(case: str, tmp_path: Path) -> None:
    files, expected, absent = MODEL_SHAPES[case]
    entities = _entities(tmp_path, files)
    for name, fields in expected.items():
        assert name in entities and (fields is None or entities[name] == fields), entities
    assert not absent & set(entities), entities
