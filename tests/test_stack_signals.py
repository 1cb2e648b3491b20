"""Every framework, data layer and test tool the grounding names, each recognised from a small repository written the
way its documentation writes one: the manifest, one source file, and the routes and models it defines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from prp_agent.repo.facts import read_repo
from prp_agent.repo.rules import file_signals
from prp_agent.repo.stack import strip_comments
from prp_agent.repo.types import ESTABLISHED

Case = tuple[dict[str, str], dict[str, str], list[tuple[str, str]]]

CASES: dict[str, Case] = {
    "litestar": (
        {"pyproject.toml": '[project]\nname = "x"\ndependencies = ["litestar", "sqlalchemy", "asyncpg"]\n',
         "app.py": 'from litestar import Litestar, Controller, get, post\nimport sqlalchemy\n\n'
                   'class BookController(Controller):\n    path = "/books"\n\n    @get("/{book_id:int}")\n'
                   '    async def one(self, book_id: int) -> dict: ...\n\n    @post("/")\n    async def add(self) -> dict: ...\n'},
        {"web_framework": "Litestar", "orm": "SQLAlchemy"}, [("GET", "/books/{book_id}"), ("POST", "/books")]),
    "starlette": (
        {"requirements.txt": "starlette\nuvicorn\n",
         "app.py": 'from starlette.applications import Starlette\nfrom starlette.routing import Mount, Route\n\n'
                   'routes = [Route("/health", health), Mount("/api", routes=[Route("/users", users, methods=["GET", "POST"])])]\n'
                   'app = Starlette(routes=routes)\n'},
        {"web_framework": "Starlette"}, [("GET", "/health"), ("GET", "/api/users"), ("POST", "/api/users")]),
    "sanic": (
        {"requirements.txt": "sanic\ntortoise-orm\n",
         "server.py": 'from sanic import Sanic, Blueprint\nfrom tortoise.models import Model\nfrom tortoise import fields\n\n'
                      'app = Sanic("shop")\nbp = Blueprint("orders", url_prefix="/orders")\n\n@app.get("/health")\nasync def h(r): ...\n\n'
                      '@bp.post("/")\nasync def create(r): ...\n\nclass Order(Model):\n    total = fields.IntField()\n'},
        {"web_framework": "Sanic", "orm": "Tortoise ORM"}, [("GET", "/health"), ("POST", "/orders")]),
    "aiohttp": (
        {"requirements.txt": "aiohttp\npeewee\n",
         "main.py": 'from aiohttp import web\nimport peewee\n\nroutes = web.RouteTableDef()\n\n@routes.get("/items")\n'
                    'async def items(request): ...\n\napp = web.Application()\napp.add_routes([web.post("/items", create)])\n'},
        {"web_framework": "aiohttp", "orm": "Peewee"}, [("GET", "/items"), ("POST", "/items")]),
    "koa": (
        {"package.json": '{"dependencies": {"koa": "^2", "@koa/router": "^12", "knex": "^3", "pg": "^8"}}',
         "src/app.js": "const Koa = require('koa');\nconst Router = require('@koa/router');\nconst knex = require('knex')({ client: 'pg' });\n"
                       "const router = new Router();\nrouter.get('/health', ctx => { ctx.body = 'ok'; });\nrouter.post('/orders', create);\n"},
        {"web_framework": "Koa", "orm": "Knex (query builder, no ORM)", "database": "PostgreSQL"},
        [("GET", "/health"), ("POST", "/orders")]),
    "hono-drizzle": (
        {"package.json": '{"dependencies": {"hono": "^4", "drizzle-orm": "^0.30", "postgres": "^3"}}',
         "src/index.ts": "import { Hono } from 'hono';\nimport { pgTable, serial, text } from 'drizzle-orm/pg-core';\n\n"
                         "export const users = pgTable('users', {\n  id: serial('id'),\n  email: text('email'),\n});\n"
                         "const app = new Hono();\napp.get('/users', (c) => c.json([]));\n"},
        {"web_framework": "Hono", "orm": "Drizzle", "database": "PostgreSQL"}, [("GET", "/users")]),
    "adonis": (
        {"package.json": '{"dependencies": {"@adonisjs/core": "^6", "@adonisjs/lucid": "^20", "@vinejs/vine": "^2"}}',
         "start/routes.ts": "import router from '@adonisjs/core/services/router'\n\nrouter.group(() => {\n"
                            "  router.get('/posts', '#controllers/posts_controller.index')\n}).prefix('/api')\n",
         "app/models/post.ts": "import { BaseModel, column } from '@adonisjs/lucid/orm'\n\nexport default class Post extends BaseModel {\n"
                               "  @column()\n  declare title: string\n}\n"},
        {"web_framework": "AdonisJS", "orm": "Lucid"}, [("GET", "/api/posts")]),
    "micronaut": (
        {"build.gradle": 'dependencies {\n  implementation("io.micronaut:micronaut-http-server-netty")\n'
                         '  implementation("io.micronaut.data:micronaut-data-jdbc")\n}\n',
         "src/main/java/app/BookController.java": 'package app;\n\nimport io.micronaut.http.annotation.Controller;\n'
                                                  'import io.micronaut.http.annotation.Get;\nimport io.micronaut.data.annotation.MappedEntity;\n\n'
                                                  '@Controller("/books")\npublic class BookController {\n    @Get("/{id}")\n    public String one(Long id) { return ""; }\n}\n'},
        {"web_framework": "Micronaut", "orm": "Micronaut Data"}, [("GET", "/books/{id}")]),
    "quarkus": (
        {"pom.xml": "<project><dependencies><dependency><groupId>io.quarkus</groupId><artifactId>quarkus-rest</artifactId>"
                    "</dependency></dependencies></project>",
         "src/main/resources/application.properties": "quarkus.datasource.db-kind=postgresql\n",
         "src/main/java/app/FruitResource.java": 'package app;\n\nimport jakarta.ws.rs.GET;\nimport jakarta.ws.rs.POST;\n'
                                                 'import jakarta.ws.rs.Path;\nimport io.quarkus.hibernate.orm.panache.PanacheEntity;\n\n'
                                                 '@Path("/fruits")\npublic class FruitResource {\n    @GET\n    public String list() { return ""; }\n\n'
                                                 '    @GET\n    @Path("/{id}")\n    public String one() { return ""; }\n\n    @POST\n    public void add() {}\n}\n'},
        {"web_framework": "Quarkus", "orm": "JPA/Hibernate"}, [("GET", "/fruits"), ("GET", "/fruits/{id}"), ("POST", "/fruits")]),
    "jooq": (
        {"build.gradle.kts": 'dependencies {\n  implementation("org.springframework.boot:spring-boot-starter-web")\n'
                             '  implementation("org.jooq:jooq:3.19.8")\n  runtimeOnly("org.postgresql:postgresql")\n}\n',
         "src/main/kotlin/app/Repo.kt": "package app\n\nimport org.jooq.DSLContext\nimport org.springframework.boot.SpringApplication\n"},
        {"orm": "jOOQ (query builder, no ORM)", "web_framework": "Spring Boot"}, []),
    "fiber-ent": (
        {"go.mod": "module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/gofiber/fiber/v2 v2.52.0\n\tentgo.io/ent v0.13.1\n)\n",
         "main.go": 'package main\n\nimport "github.com/gofiber/fiber/v2"\n\nfunc main() {\n\tapp := fiber.New()\n'
                    '\tapi := app.Group("/api")\n\tapi.Get("/todos", list)\n\tapp.Listen(":3000")\n}\n',
         "ent/schema/todo.go": 'package schema\n\nimport (\n\t"entgo.io/ent"\n\t"entgo.io/ent/schema/field"\n)\n\n'
                               'func (Todo) Fields() []ent.Field {\n\treturn []ent.Field{\n\t\tfield.String("title"),\n\t}\n}\n'},
        {"web_framework": "fiber", "orm": "ent"}, [("GET", "/api/todos")]),
    "chi-sqlc-goose": (
        {"go.mod": "module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.12\n\tgithub.com/jackc/pgx/v5 v5.5.5\n"
                   "\tgithub.com/pressly/goose/v3 v3.20.0\n)\n",
         "sqlc.yaml": 'version: "2"\nsql:\n  - engine: "postgresql"\n',
         "main.go": 'package main\n\nimport (\n\t"github.com/go-chi/chi/v5"\n\t"github.com/jackc/pgx/v5/pgxpool"\n'
                    '\t"github.com/pressly/goose/v3"\n)\n\nfunc main() {\n\tr := chi.NewRouter()\n\tr.Get("/users", list)\n}\n'},
        {"web_framework": "chi", "orm": "sqlc (SQL toolkit, no ORM)", "database": "PostgreSQL", "migrations": "goose"},
        [("GET", "/users")]),
    "sqlx-squirrel": (
        {"go.mod": "module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/labstack/echo/v4 v4.12.0\n\tgithub.com/jmoiron/sqlx v1.4.0\n"
                   "\tgithub.com/go-sql-driver/mysql v1.8.1\n\tariga.io/atlas v0.22.0\n)\n",
         "atlas.hcl": 'env "local" {\n  url = "mysql://root@localhost/app"\n}\n',
         "main.go": 'package main\n\nimport (\n\t"github.com/labstack/echo/v4"\n\t"github.com/jmoiron/sqlx"\n'
                    '\t_ "github.com/go-sql-driver/mysql"\n)\n\nfunc main() {\n\te := echo.New()\n\te.GET("/orders", list)\n}\n'},
        {"web_framework": "echo", "orm": "sqlx (SQL toolkit, no ORM)", "database": "MySQL", "migrations": "Atlas"},
        [("GET", "/orders")]),
    "actix-diesel": (
        {"Cargo.toml": '[package]\nname = "x"\n\n[dependencies]\nactix-web = "4"\ndiesel = { version = "2", features = ["postgres"] }\n',
         "diesel.toml": '[print_schema]\nfile = "src/schema.rs"\n',
         "migrations/2024-01-01-120000_create_posts/up.sql": "CREATE TABLE posts (id SERIAL PRIMARY KEY);\n",
         "src/main.rs": 'use actix_web::{get, post, web, App, HttpServer};\nuse diesel::prelude::*;\n\n'
                        '#[derive(Queryable, Selectable)]\npub struct Post {\n    pub id: i32,\n    pub title: String,\n}\n\n'
                        '#[get("/posts")]\nasync fn list() -> String { String::new() }\n\n#[post("/posts")]\nasync fn create() -> String { String::new() }\n\n'
                        'fn main() {\n    App::new().service(web::scope("/api").service(list).service(create));\n}\n'},
        {"web_framework": "Actix Web", "orm": "Diesel", "migrations": "Diesel migrations"},
        [("GET", "/api/posts"), ("POST", "/api/posts")]),
    "rocket-seaorm": (
        {"Cargo.toml": '[package]\nname = "x"\n\n[dependencies]\nrocket = "0.5"\nsea-orm = "0.12"\nsea-orm-migration = "0.12"\n',
         "migration/src/m20240101_000001_create_notes.rs": "use sea_orm_migration::prelude::*;\n",
         "src/main.rs": '#[macro_use] extern crate rocket;\nuse sea_orm::entity::prelude::*;\n\n'
                        '#[derive(Clone, Debug, DeriveEntityModel)]\n#[sea_orm(table_name = "notes")]\npub struct Model {\n'
                        '    #[sea_orm(primary_key)]\n    pub id: i32,\n    pub body: String,\n}\n\n'
                        '#[get("/<id>")]\nfn note(id: i32) -> String { String::new() }\n\n'
                        '#[launch]\nfn rocket() -> _ {\n    rocket::build().mount("/notes", routes![note])\n}\n'},
        {"web_framework": "Rocket", "orm": "SeaORM", "migrations": "SeaORM migrations"}, [("GET", "/notes/{id}")]),
    "poem": (
        {"Cargo.toml": '[package]\nname = "x"\n\n[dependencies]\npoem = "3"\n',
         "src/main.rs": 'use poem::{get, handler, Route};\n\nfn app() -> Route {\n    Route::new().at("/hello", get(hello))\n}\n'},
        {"web_framework": "Poem"}, [("GET", "/hello")]),
    "sinatra-sequel": (
        {"Gemfile": 'source "https://rubygems.org"\ngem "sinatra"\ngem "sequel"\ngem "pg"\n',
         "app.rb": "require 'sinatra'\nrequire 'sequel'\n\nDB = Sequel.connect('postgres://localhost/books')\n\n"
                   "class App < Sinatra::Base\n  get '/books' do\n    'x'\n  end\n\n"
                   "  post '/books' do\n    'y'\n  end\nend\n"},
        {"web_framework": "Sinatra", "orm": "Sequel", "database": "PostgreSQL"}, [("GET", "/books"), ("POST", "/books")]),
    "hanami": (
        {"Gemfile": 'source "https://rubygems.org"\ngem "hanami", "~> 2.1"\ngem "rom-sql"\n',
         "config/routes.rb": 'module Bookshelf\n  class Routes < Hanami::Routes\n    get "/books", to: "books.index"\n  end\nend\n',
         "config/app.rb": "require 'hanami'\n",
         "app/relations/books.rb": "module Bookshelf\n  module Relations\n    class Books < Hanami::DB::Relation\n"
                                   "      schema :books, infer: true\n    end\n  end\nend\n"},
        {"web_framework": "Hanami", "orm": "ROM"}, [("GET", "/books")]),
    "slim": (
        {"composer.json": '{"require": {"slim/slim": "^4.13", "illuminate/database": "^10"}}',
         "public/index.php": "<?php\nuse Slim\\Factory\\AppFactory;\nuse Slim\\Routing\\RouteCollectorProxy;\n\n$app = AppFactory::create();\n"
                             "$app->group('/api', function (RouteCollectorProxy $group) {\n    $group->get('/users', function ($req, $res) { return $res; });\n});\n"},
        {"web_framework": "Slim"}, [("GET", "/api/users")]),
    "dapper": (
        {"src/App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Dapper" Version="2.1.35" />'
                               '<PackageReference Include="Npgsql" Version="8.0.3" /></ItemGroup></Project>',
         "src/App/Program.cs": 'using Dapper;\nusing Npgsql;\n\nvar app = WebApplication.CreateBuilder(args).Build();\n'
                               'app.MapGet("/products", () => Results.Ok());\napp.Run();\n'},
        {"orm": "Dapper (micro-ORM)", "database": "PostgreSQL", "api_style": "REST"}, [("GET", "/products")]),
    "fastify-mikro": (
        {"package.json": '{"dependencies": {"fastify": "^4", "@mikro-orm/core": "^6", "@sinclair/typebox": "^0.32"}}',
         "src/server.ts": "import Fastify from 'fastify';\nimport { MikroORM } from '@mikro-orm/core';\nimport { Type } from '@sinclair/typebox';\n\n"
                          "const server = Fastify();\nserver.get('/ping', async () => 'pong');\n"},
        {"web_framework": "Fastify", "orm": "MikroORM", "validation": "TypeBox"}, [("GET", "/ping")]),
    # shapes found in real repositories
    "phoenix-parens": (
        {"mix.exs": 'defp deps do\n  [{:phoenix, "~> 1.7"}, {:plug_cowboy, "~> 2.0"}]\nend\n',
         "lib/app_web.ex": "defmodule AppWeb do\n  def router do\n    quote do\n      use Phoenix.Router\n    end\n  end\nend\n",
         "lib/app_web/router.ex": 'defmodule AppWeb.Router do\n  use AppWeb, :router\n\n  scope "/api", AppWeb do\n    pipe_through(:api)\n    get("/tags", TagController, :index)\n    resources("/articles", ArticleController, only: [:show])\n  end\nend\n',
         "lib/app_web/controllers/tag_controller.ex": 'defmodule AppWeb.TagController do\n  use AppWeb, :controller\n  def index(conn, _), do: render(conn, "index.json", tags: [])\nend\n'},
        {"web_framework": "Phoenix", "api_style": "REST"}, [("GET", "/api/tags"), ("GET", "/api/articles/{id}")]),
    "symfony-annotations": (
        {"composer.json": '{"require": {"symfony/framework-bundle": "^5.4", "doctrine/orm": "^2.14"}}',
         "src/Controller/GetArticleController.php": '<?php\nnamespace App\\Controller;\n\nuse Symfony\\Component\\Routing\\Annotation\\Route;\n\n'
                                                    '/**\n * @Route("/api/articles/{slug}", methods={"GET"}, name="api_articles_get")\n */\n'
                                                    'final class GetArticleController\n{\n    public function __invoke(): array { return []; }\n}\n',
         "src/Entity/Article.php": '<?php\nnamespace App\\Entity;\n\nuse Doctrine\\ORM\\Mapping as ORM;\n\n/**\n * @ORM\\Entity\n */\nclass Article\n{\n'
                                   '    /**\n     * @ORM\\Column(type="string")\n     */\n    private $title;\n}\n',
         "config/packages/cache.yaml": "framework:\n    cache:\n        #default_redis_provider: redis://localhost\n        app: cache.adapter.filesystem\n"},
        {"web_framework": "Symfony", "orm": "Doctrine"}, [("GET", "/api/articles/{slug}")]),
    "ci-and-e2e": (
        {"requirements.txt": "fastapi\nhttpx\n",
         "app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get('/items')\ndef items(): ...\n",
         "tests/conftest.py": "from httpx import AsyncClient\n",
         ".travis.yml": "language: python\nservices:\n  - postgresql\nenv:\n  - DATABASE_URL=sqlite:///test.db\n",
         "postman/Conduit.postman_collection.json": "{}"},
        {"ci": "Travis CI", "test_framework": "httpx", "api_style": "REST"}, [("GET", "/items")]),
    "rails-jbuilder": (
        {"Gemfile": 'source "https://rubygems.org"\ngem "rails"\ngem "jwt"\n',
         "config/routes.rb": "Rails.application.routes.draw do\n  resources :articles, only: [:index]\nend\n",
         "app/views/layouts/application.html.erb": "<html><%= yield %></html>\n",
         "app/views/articles/index.json.jbuilder": "json.articles @articles\n",
         "app/models/user.rb": "class User < ActiveRecord::Base\n  def token\n    JWT.encode({ id: id }, secret)\n  end\nend\n",
         "app/controllers/application_controller.rb": "class ApplicationController < ActionController::API\n"
                                                      "  def current_user\n    JWT.decode(bearer, secret)\n  end\nend\n"},
        {"api_style": "REST", "auth": "JWT"}, [("GET", "/articles")]),
}  # fmt: skip


def test_what_real_repositories_are_not(tmp_path: Path) -> None:
    """Real repositories' traps: a commented-out YAML line, a CI job's database, test code calling the API, an
    unused declared framework beside the one in use."""
    facts = read_repo(_repo(tmp_path / "sf", CASES["symfony-annotations"][0]))
    assert "Redis" not in {f.value for f in facts.facts}
    assert {m.name for m in facts.entities} == {"Article"}
    ci = read_repo(_repo(tmp_path / "ci", CASES["ci-and-e2e"][0]))
    sqlite = next(f for f in ci.facts if f.value == "SQLite")
    assert sqlite.role == "test"
    assert any(f.value == "Postman/Newman" and f.role == "e2e" and f.confidence >= ESTABLISHED for f in ci.facts)
    phoenix = read_repo(_repo(tmp_path / "px", CASES["phoenix-parens"][0]))
    main = next(f for f in phoenix.facts if f.value == "Phoenix")
    assert not main.conflict and all(f.value != "Plug" or f.confidence < ESTABLISHED for f in phoenix.facts)
    rails = read_repo(_repo(tmp_path / "rails", CASES["rails-jbuilder"][0]))
    assert "server-rendered" not in {f.value for f in rails.facts if f.kind == "api_style"}
    assert {m.name for m in rails.entities} == {"User"}
    client = _repo(tmp_path / "mvc", {
        "pom.xml": "<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency>"
                   "</dependencies></project>",
        "src/main/java/app/PageController.java": 'package app;\nimport org.springframework.stereotype.Controller;\n'
                                                 'import org.springframework.web.bind.annotation.GetMapping;\n\n@Controller\nclass PageController {\n'
                                                 '    @GetMapping("/")\n    String home() { return "home"; }\n}\n',
        "src/main/resources/templates/home.html": "<html><body th:text=\"${title}\"></body></html>\n",
        "src/test/java/app/PageIT.java": "package app;\nimport org.springframework.http.ResponseEntity;\n\nclass PageIT {\n"
                                         "    ResponseEntity<String> result;\n}\n",
    })  # fmt: skip
    styles = {f.value for f in read_repo(client).facts if f.kind == "api_style" and f.confidence >= ESTABLISHED}
    assert styles == {"server-rendered"}


def _repo(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / "repo" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path / "repo"


@pytest.mark.parametrize("name", sorted(CASES))
def test_framework_data_layer_and_routes_are_recognised(name: str, tmp_path: Path) -> None:
    files, expected, routes = CASES[name]
    facts = read_repo(_repo(tmp_path, files))
    established: dict[str, Any] = {}
    for fact in facts.facts:
        if fact.confidence >= ESTABLISHED:
            established.setdefault(fact.kind, set()).add(fact.value)
    for kind, value in expected.items():
        assert value in established.get(kind, set()), (kind, value, established.get(kind))
    assert set(routes) <= {(r.method, r.path) for r in facts.routes}, facts.routes


def test_models_of_the_newer_data_layers(tmp_path: Path) -> None:
    expected = {
        "hono-drizzle": ("users", ["id", "email"]),
        "adonis": ("Post", ["title"]),
        "fiber-ent": ("Todo", ["title"]),
        "actix-diesel": ("Post", ["id", "title"]),
        "rocket-seaorm": ("notes", ["id", "body"]),  # a SeaORM `Model` is named by its table
        "sanic": ("Order", ["total"]),
    }
    for case, (name, fields) in expected.items():
        models = {m.name: m.fields for m in read_repo(_repo(tmp_path / case, CASES[case][0])).entities}
        assert models.get(name) == fields, (case, models)


HELD_OUT_SHAPES: dict[str, dict[str, str]] = {
    "flask-package-blueprints": {
        "requirements.txt": "flask\nflask-sqlalchemy\nflask-httpauth\n",
        "config.py": "import os\n\nclass Config:\n    SQLALCHEMY_DATABASE_URI = os.environ.get('DATABASE_URL') or \\\n        'sqlite:///app.db'\n",
        "app/__init__.py": "from flask import Flask\n\ndef create_app():\n    app = Flask(__name__)\n    from app.api import bp as api_bp\n"
                           "    app.register_blueprint(api_bp, url_prefix='/api')\n    return app\n",
        "app/api/__init__.py": "from flask import Blueprint\n\nbp = Blueprint('api', __name__)\n",
        "app/api/users.py": "from app.api import bp\nfrom flask_httpauth import HTTPTokenAuth\n\n@bp.route('/users/<int:id>', methods=['GET'])\ndef get_user(id):\n    return {}\n",
        "app/main/routes.py": "from flask import render_template\nfrom app.main import bp\n\n@bp.route('/')\ndef index():\n    return render_template('index.html')\n",
        "app/main/__init__.py": "from flask import Blueprint\n\nbp = Blueprint('main', __name__)\n",
        "app/models.py": "import sqlalchemy as sa\nimport sqlalchemy.orm as so\nfrom app import db\n\nclass User(db.Model):\n"
                         "    id: so.Mapped[int] = so.mapped_column(primary_key=True)\n    username: so.Mapped[str] = so.mapped_column(sa.String(64))\n",
        "tests.py": "import unittest\n\nclass T(unittest.TestCase):\n    SQLALCHEMY_DATABASE_URI = 'sqlite://'\n",
        ".github/scripts/check.py": "import unittest\nimport requests\n",
        ".github/scripts/requirements.txt": "requests\n",
    },
    "rust-html": {
        "Cargo.toml": '[package]\nname = "x"\n\n[dependencies]\nactix-web = "4"\n\n[dev-dependencies]\nreqwest = "0.12"\n',
        "src/routes.rs": 'use actix_web::{http::header::ContentType, HttpResponse};\n\npub async fn home() -> HttpResponse {\n'
                         '    HttpResponse::Ok().content_type(ContentType::html()).body("<h1>Hi</h1>")\n}\n',
        "src/startup.rs": 'use actix_web::{web, App};\n\npub fn app() {\n    App::new().route("/", web::get().to(home))\n'
                          '        .service(web::scope("/admin").route("/dashboard", web::get().to(home)));\n}\n',
        "tests/api/helpers.rs": "pub struct TestApp { pub client: reqwest::Client }\n",
    },
    "webflux-mongo": {
        "build.gradle.kts": 'dependencies {\n  implementation("org.springframework.boot:spring-boot-starter-webflux")\n'
                            '  implementation("org.springframework.boot:spring-boot-starter-data-mongodb-reactive")\n}\n',
        "src/main/kotlin/app/Routes.kt": 'package app\n\nimport org.springframework.boot.SpringApplication\nimport org.springframework.web.reactive.function.server.coRouter\n\n'
                                         'fun routes() = coRouter {\n    GET("/", ::home)\n    "/api".nest {\n        GET("/talks", ::talks)\n    }\n}\n',
        "src/main/kotlin/app/Talk.kt": 'package app\n\nimport org.springframework.data.mongodb.core.mapping.Document\n\n@Document\ndata class Talk(\n    val title: String = "",\n)\n',
    },
    "pest-laravel": {
        "composer.json": '{"require": {"laravel/framework": "^11"}, "require-dev": {"pestphp/pest": "^2", "mockery/mockery": "^1.6"}}',
        "phpunit.xml": "<phpunit/>\n",
        "tests/Feature/ThreadTest.php": "<?php\n\nuse Illuminate\\Support\\Facades\\Http;\n\ntest('lists threads', function () {\n"
                                        "    Http::fake();\n    $this->get('/forum')->assertOk();\n    $mock = Mockery::mock(Client::class);\n});\n",
        "database/schema/mysql-schema.sql": "CREATE TABLE threads (id int);\n",
    },
}  # fmt: skip


def test_shapes_from_held_out_repositories(tmp_path: Path) -> None:
    flask = read_repo(_repo(tmp_path / "flask", HELD_OUT_SHAPES["flask-package-blueprints"]))
    assert {(r.method, r.path) for r in flask.routes} >= {("GET", "/api/users/{id}"), ("GET", "/")}
    values = {(f.kind, f.value): f for f in flask.facts if f.confidence >= ESTABLISHED}
    assert values[("database", "SQLite")].role == "development"  # the local default after `or`
    assert ("api_style", "REST") in values and ("api_style", "server-rendered") in values
    assert ("auth", "HTTP Basic/Token") in values and ("test_framework", "unittest") in values
    assert ("package_manager", "pip") in values and ("test_framework", "requests") not in values
    assert {m.name: m.fields for m in flask.entities}["User"] == ["id", "username"]
    rust = read_repo(_repo(tmp_path / "rust", HELD_OUT_SHAPES["rust-html"]))
    styles = {f.value for f in rust.facts if f.kind == "api_style" and f.confidence >= ESTABLISHED}
    assert styles == {"server-rendered"}
    assert ("GET", "/dashboard") not in {(r.method, r.path) for r in rust.routes}
    assert ("GET", "/admin/dashboard") in {(r.method, r.path) for r in rust.routes}
    assert any(f.value == "reqwest" and f.role == "http-client" for f in rust.facts)
    flux = read_repo(_repo(tmp_path / "flux", HELD_OUT_SHAPES["webflux-mongo"]))
    assert {(r.method, r.path) for r in flux.routes} == {("GET", "/"), ("GET", "/api/talks")}
    assert [m.name for m in flux.entities] == ["Talk"]
    assert any(f.kind == "orm" and f.value == "Spring Data MongoDB" and f.confidence >= ESTABLISHED for f in flux.facts)
    pest = read_repo(_repo(tmp_path / "pest", HELD_OUT_SHAPES["pest-laravel"]))
    tools = {f.value: f.role for f in pest.facts if f.kind == "test_framework" and f.confidence >= ESTABLISHED}
    assert tools.get("Pest") == "runner" and tools.get("PHPUnit") == "runner"  # Pest runs on PHPUnit's config
    assert tools.get("Laravel HTTP tests") == "http-client" and tools.get("Http::fake") == "http-mocking"
    assert tools.get("Mockery") == "mocking"
    assert any(f.value == "MySQL" and f.role == "production" for f in pest.facts if f.confidence >= ESTABLISHED)


def test_another_librarys_numbered_migrations_are_not_djangos(tmp_path: Path) -> None:
    files = {
        "analytics/requirements.txt": "infi.clickhouse_orm\n",
        "analytics/app/clickhouse/migrations/0001_initial.py": "from infi.clickhouse_orm import migrations\n\n"
        "operations = [migrations.RunSQL('CREATE DATABASE IF NOT EXISTS events')]\n",
        "web/requirements.txt": "django\n",
        "web/app/migrations/0001_initial.py": "from django.db import migrations\n\n"
        "class Migration(migrations.Migration):\n    operations = []\n",
    }
    found = read_repo(_repo(tmp_path / "ch", files))
    evidence = {e.path for f in found.facts if f.value == "Django migrations" for e in f.evidence}
    assert evidence == {"web/app/migrations/0001_initial.py"}
    clickhouse = read_repo(_repo(tmp_path / "only", {k: v for k, v in files.items() if k.startswith("analytics/")}))
    assert "Django migrations" not in {f.value for f in clickhouse.facts}


@pytest.mark.parametrize(
    ("language", "code", "kept", "dropped"),
    [
        # the `"""` that closes an f-string is no docstring opening: the classes after it stay code
        ("Python", 'html = f"""\n  <b>{x}</b>\n"""\n\n\nclass Flip(models.Model):\n    pass\n', "class Flip", ""),
        (
            "Python",
            'def f():\n    """Docs: GET /example/{id}"""\n    return "# not a comment"  # a comment\n',
            "# not a comment",
            "/example/",
        ),
        ("Python", 'call(\n    """an argument"""\n)\n', "an argument", ""),
        # a `/*` inside a string opens no comment
        ("Java", 'context.addServlet(holder, "/api/*");\nclass A {}\n/* gone */\n', "class A", "gone"),
        ("Go", "// gone\nr := `raw /* kept */`\n", "kept", "gone"),
    ],
)
def test_comments_are_told_from_strings(language: str, code: str, kept: str, dropped: str) -> None:
    stripped = strip_comments(code, language)
    assert kept in stripped and stripped.count("\n") == code.count("\n")
    assert not dropped or dropped not in stripped


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("src/main/resources/migration/common/V20_1__remove_unused.sql", "Flyway"),
        ("src/main/resources/db/migration/V4.1__reference_data.sql", "Flyway"),
        ("migrations/postgres/2018-04-22-093322_create_instances/up.sql", "Diesel migrations"),
        ("Server/Migrations/Sqlite/20200327034430_Device Notes.cs", "EF Core migrations"),
        ("src/Data/Migrations/20240101120000_Initial.cs", "EF Core migrations"),
        ("src/App.MySql/Migrations/AppDbContextModelSnapshot.cs", "EF Core migrations"),  # named without a timestamp
        ("src/Events/Migration/v0.00/01-setup-tables.sql", "Yuniql"),
        (".sequelizerc", "sequelize-cli"),
    ],
)
def test_migration_files_name_their_tool_wherever_they_sit(path: str, value: str) -> None:
    assert value in {signal.value for signal in file_signals(path) if signal.kind == "migrations"}


def test_dropwizard_with_liquibase_and_a_data_layer_only_tests_use(tmp_path: Path) -> None:
    """Dropwizard and its Liquibase bundle are the service's; JDBI that only the tests use to seed a database is not
    its data layer, and Pact is a test framework."""
    repo = _repo(tmp_path, {
        "pom.xml": "<project><dependencies>"
                   "<dependency><groupId>io.dropwizard</groupId><artifactId>dropwizard-core</artifactId></dependency>"
                   "<dependency><groupId>io.dropwizard</groupId><artifactId>dropwizard-migrations</artifactId>"
                   "</dependency><dependency><groupId>io.dropwizard</groupId><artifactId>dropwizard-jdbi3</artifactId>"
                   "<scope>test</scope></dependency><dependency><groupId>au.com.dius.pact.provider</groupId>"
                   "<artifactId>junit5</artifactId><scope>test</scope></dependency></dependencies></project>",
        "src/main/java/app/App.java": "package app;\nimport io.dropwizard.core.Application;\n"
                                      "import io.dropwizard.migrations.MigrationsBundle;\n\n"
                                      "public class App extends Application<Config> {}\n",
        "src/test/java/app/DaoTestBase.java": "package app;\nimport org.jdbi.v3.core.Jdbi;\n\nclass DaoTestBase {}\n",
        "src/test/java/app/ContractTest.java": "package app;\nimport au.com.dius.pact.provider.junit5.PactVerificationContext;\n"
                                               "\nclass ContractTest {}\n",
    })  # fmt: skip
    established = {(f.kind, f.value) for f in read_repo(repo).facts if f.confidence >= ESTABLISHED}
    assert {("web_framework", "Dropwizard"), ("migrations", "Liquibase"), ("test_framework", "Pact")} <= established
    assert not any(kind == "orm" for kind, _ in established), established


def test_reversible_sqlx_migrations_are_not_golang_migrate(tmp_path: Path) -> None:
    repo = _repo(tmp_path, {
        "Cargo.toml": '[package]\nname = "kv"\n\n[dependencies]\nsqlx = { version = "0.8", features = ["sqlite"] }\n',
        "src/store.rs": "use sqlx::sqlite::SqlitePool;\n\npub async fn open(pool: &SqlitePool) {\n"
                        '    sqlx::migrate!("./migrations").run(pool).await.unwrap();\n}\n',
        "migrations/20250501160746_create_kv.up.sql": "CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT);\n",
        "migrations/20250501160746_create_kv.down.sql": "DROP TABLE kv;\n",
    })  # fmt: skip
    tools = {f.value for f in read_repo(repo).facts if f.kind == "migrations" and f.confidence >= ESTABLISHED}
    assert tools == {"sqlx migrations"}


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"go.mod": "module x\n\ngo 1.22\n",
          "internal/storage/feed.go": 'package storage\n\nimport (\n\t"database/sql"\n)\n\n'
                                      "func Feeds(db *sql.DB) (*sql.Rows, error) {\n"
                                      "\treturn db.Query(`SELECT id FROM feeds`)\n}\n"},
         {"database/sql (SQL, no ORM)"}),
        ({"go.mod": "module x\n\nrequire gorm.io/gorm v1.25.0\n",
          "internal/storage/db.go": 'package storage\n\nimport (\n\t"database/sql"\n\n\t"gorm.io/gorm"\n)\n\n'
                                    "func Open(db *sql.DB) (*gorm.DB, error) { return nil, nil }\n"},
         {"GORM"}),
    ],
)  # fmt: skip
def test_go_standard_library_sql_is_the_data_layer_only_without_an_orm(
    files: dict[str, str], expected: set[str], tmp_path: Path
) -> None:
    orm = {f.value for f in read_repo(_repo(tmp_path, files)).facts if f.kind == "orm" and f.confidence >= ESTABLISHED}
    assert orm == expected


def test_what_serves_a_login_a_command_or_a_ui_beside_the_backend_is_not_the_backends(tmp_path: Path) -> None:
    files = {
        "server/go.mod": "module example.com/board\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.12\n"
        "\tgithub.com/gorilla/sessions v1.2.2\n\tgithub.com/markbates/goth v1.80.0\n)\n",
        "server/api/router.go": 'package api\n\nimport (\n\t"github.com/go-chi/chi/v5"\n'
        '\t"github.com/markbates/goth/gothic"\n\tgorillaSessions "github.com/gorilla/sessions"\n)\n\n'
        'func New() chi.Router {\n\tstore := gorillaSessions.NewFilesystemStore("/tmp", []byte("k"))\n'
        '\tgothic.Store = store\n\tr := chi.NewRouter()\n\tr.Get("/boards", list)\n\treturn r\n}\n',
        "package.json": '{"dependencies": {"react": "18"}, "devDependencies": {"vitest": "1"}}',
        "src/App.test.tsx": 'import { test } from "vitest";\n\ntest("renders", () => {});\n',
        "backend/manage.py": "import django\n",
        "backend/requirements.txt": "Django==5.0\npsycopg2==2.9\n",
        "backend/places/management/commands/load_countries.py": "import sqlite3\n\n"
        "def handle():\n    sqlite3.connect('countries.db')\n",
    }
    facts = read_repo(_repo(tmp_path, files))
    established = {(f.kind, f.value) for f in facts.facts if f.confidence >= ESTABLISHED}
    assert ("auth", "session") not in established  # goth keeps its OAuth handshake in that store
    assert ("test_framework", "Vitest") not in established  # the root package.json is the UI's
    assert ("database", "SQLite") not in established  # a command reading a downloaded file
    assert ("test_framework", "go test") in established or ("language", "Go") in established


def test_a_node_service_beside_a_root_ui_and_a_go_backend_keeps_its_routes(tmp_path: Path) -> None:
    files = {
        "package.json": '{"dependencies": {"react": "18"}}',
        "server/go.mod": "module example.com/board\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n",
        "server/main.go": 'package main\n\nimport "github.com/go-chi/chi/v5"\n\n'
        'func main() {\n\tr := chi.NewRouter()\n\tr.Get("/boards", list)\n}\n',
        "services/notify/package.json": '{"dependencies": {"express": "4"}}',
        "services/notify/index.js": "const express = require('express');\nconst app = express();\n"
        "app.post('/notify', (req, res) => res.json({}));\n",
    }
    routes = {(r.method, r.path) for r in read_repo(_repo(tmp_path, files)).routes}
    assert {("GET", "/boards"), ("POST", "/notify")} <= routes


def test_a_driver_is_the_data_layer_only_where_no_orm_sits_on_it(tmp_path: Path) -> None:
    def orms(name: str, files: dict[str, str]) -> set[str]:
        facts = read_repo(_repo(tmp_path / name, files))
        return {f.value for f in facts.facts if f.kind == "orm" and f.confidence >= ESTABLISHED}

    raw = {"requirements.txt": "flask\npsycopg2\npymongo\n",
           "app/db/postgres.py": "import psycopg2\n\ndef connect(url):\n    return psycopg2.connect(url)\n",
           "app/db/mongo.py": "import pymongo\n\ndef connect(url):\n    return pymongo.MongoClient(url)\n"}  # fmt: skip
    assert orms("raw", raw) == {"psycopg2 (SQL, no ORM)", "PyMongo (driver, no ORM)"}
    mapped = {"requirements.txt": "flask\nsqlalchemy\npsycopg2\n",
              "app/models.py": "import psycopg2\nfrom sqlalchemy.orm import DeclarativeBase\n\n"
                               "class Base(DeclarativeBase):\n    pass\n"}  # fmt: skip
    assert orms("mapped", mapped) == {"SQLAlchemy"}
    hikari = {"build.gradle.kts": 'dependencies {\n  implementation("com.zaxxer:HikariCP:5.1.0")\n}\n',
              "src/main/kotlin/app/Database.kt": "package app\n\nimport com.zaxxer.hikari.HikariDataSource\n\n"
                                                 "class Database(val source: HikariDataSource)\n"}  # fmt: skip
    assert orms("hikari", hikari) == {"JDBC (SQL, no ORM)"}


def test_a_connector_to_the_databases_users_query_is_not_the_applications_store(tmp_path: Path) -> None:
    files = {"go.mod": "module example.com/mon\n\ngo 1.22\n\nrequire github.com/olivere/elastic/v7 v7.0.32\n",
             "datasource/es/es.go": 'package es\n\nimport "github.com/olivere/elastic/v7"\n\nvar _ = elastic.NewClient\n',
             "datasource/opensearch/os.go": 'package opensearch\n\nimport "github.com/olivere/elastic/v7"\n\n'
                                            "var _ = elastic.NewClient\n",
             "storage/db.go": 'package storage\n\nimport "github.com/jackc/pgx/v5"\n\nvar _ = pgx.Connect\n'}  # fmt: skip
    databases = {f.value for f in read_repo(_repo(tmp_path, files)).established("database")}
    assert "Elasticsearch" not in databases and "PostgreSQL" in databases


def test_library_imports_name_the_frameworks_a_backend_builds_on(tmp_path: Path) -> None:
    files = {
        "composer.json": '{"require": {"laravel/framework": "^11.0"}}',
        "app/Livewire/Banner.php": "<?php\nnamespace App\\Livewire;\n\nuse Livewire\\Component;\n\n"
        "class Banner extends Component {}\n",
        "app/Filament/Pages/Settings.php": "<?php\nnamespace App\\Filament\\Pages;\n\n"
        "use Filament\\Pages\\Page;\n\nclass Settings extends Page {}\n",
        "go/go.mod": "module x\n",
        "go/migrations.go": 'package store\n\nimport "github.com/go-gormigrate/gormigrate/v2"\n\n'
        "var m = gormigrate.New(nil, nil, nil)\n",
    }
    read = read_repo(_repo(tmp_path, files))
    found = {(f.kind, f.value) for f in read.facts if f.confidence >= ESTABLISHED}
    assert {("web_framework", "Livewire"), ("web_framework", "Filament"), ("migrations", "gormigrate")} <= found
    assert not any(c.startswith("web_framework") for c in read.conflicts), read.conflicts  # they work together
    elixir = {"mix.exs": 'defmodule X.MixProject do\n  defp deps, do: [{:phoenix, "~> 1.7"}]\nend\n',
              "lib/x_web.ex": "defmodule XWeb do\n  def live_view do\n    quote do\n      use Phoenix.LiveView\n"
              "    end\n  end\nend\n"}  # fmt: skip
    facts = read_repo(_repo(tmp_path / "ex", elixir)).facts
    assert any(f.value == "Phoenix LiveView" and f.confidence >= ESTABLISHED for f in facts)


def test_a_test_library_only_another_languages_tests_use_is_not_the_backends(tmp_path: Path) -> None:
    files = {
        "src/Server/Server.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup>'
        '<PackageReference Include="Microsoft.EntityFrameworkCore" Version="8" /></ItemGroup></Project>',
        "src/Server/Program.cs": "using Microsoft.AspNetCore.Builder;\nvar app = WebApplication.Create();\n"
        + "".join(f'app.MapGet("/api/ping{n}", () => "pong");\n' for n in range(40))
        + "app.Run();\n",
        "tests/Server.Tests/Server.Tests.csproj": '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>'
        '<PackageReference Include="MSTest.TestAdapter" Version="3" /></ItemGroup></Project>',
        "tests/Server.Tests/PingTests.cs": "namespace Server.Tests;\n\n[TestClass]\npublic class PingTests {}\n",
        "src/App.Sdk/package.json": '{"devDependencies": {"chai": "4", "mocha": "10"}}',
        "src/App.Sdk/tests/client.spec.ts": "import { expect } from 'chai'\n\ndescribe('x', () => {})\n",
        "src/App.Sdk/tests/queue.spec.ts": "import { expect } from 'chai'\n\ndescribe('y', () => {})\n",
    }
    tools = {f.value for f in read_repo(_repo(tmp_path, files)).facts if f.kind == "test_framework" and f.established}
    assert "MSTest" in tools and "Chai" not in tools and "Mocha" not in tools, tools


def test_a_url_left_commented_out_or_a_scheme_compared_is_no_database(tmp_path: Path) -> None:
    files = {
        "requirements.txt": "fastapi\nsqlalchemy\npsycopg\n",
        "docker-compose.yml": "services:\n  db:\n    image: postgres:16\n",
        ".env.example": '# DATABASE_URL="mysql+mysqldb://app:app@mysql:3306/app"\nDATABASE_ENGINE=postgresql\n',
        "app/database.py": "from sqlalchemy import create_engine\n\ndef engine(url: str):\n"
        "    args = {'check_same_thread': False} if 'sqlite://' in url else {}\n"
        "    return create_engine(url, connect_args=args)\n",
    }
    found = {f.value for f in read_repo(_repo(tmp_path, files)).facts if f.kind == "database" and f.established}
    assert found == {"PostgreSQL"}, found


def test_a_lumen_application_is_not_also_laravel(tmp_path: Path) -> None:
    files = {
        "composer.json": '{"require": {"laravel/lumen-framework": "5.1.*", "illuminate/database": "5.1.*"}}',
        "app/Console/Kernel.php": "<?php\nnamespace App\\Console;\n\nuse Laravel\\Lumen\\Console\\Kernel as ConsoleKernel;\n\n"
        "class Kernel extends ConsoleKernel {}\n",
        "app/Http/Controllers/LinkController.php": "<?php\nnamespace App\\Http\\Controllers;\n\n"
        "use Illuminate\\Http\\Request;\n\nclass LinkController extends Controller {}\n",
    }
    found = {f.value for f in read_repo(_repo(tmp_path, files)).facts if f.kind == "web_framework" and f.established}
    assert "Lumen" in found and "Laravel" not in found, found


def test_flasks_extensions_are_named_beside_what_they_run(tmp_path: Path) -> None:
    files = {
        "requirements.txt": "flask\nflask-sqlalchemy\nflask-migrate\n",
        "app/__init__.py": "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n"
        "from flask_migrate import Migrate\n\ndb = SQLAlchemy()\nmigrate = Migrate()\n",
    }
    read = read_repo(_repo(tmp_path, files))
    found = {(f.kind, f.value) for f in read.facts if f.established}
    assert {("orm", "SQLAlchemy"), ("orm", "Flask-SQLAlchemy"), ("migrations", "Alembic")} <= found, found
    assert ("migrations", "Flask-Migrate") in found and not read.conflicts, read.conflicts
