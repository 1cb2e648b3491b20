"""What a dependency or an import tells about the stack, per ecosystem: names (lower case; a trailing `*` matches a
prefix; `#ecosystem` limits a name or prefix to one ecosystem, for names that mean something else elsewhere) →
(kind, value) facts. Data only.

Values name the thing as its users write it. Query builders and SQL toolkits are the data layer too, marked so a
reader does not take them for an ORM. Test tools carry the role they play (`TEST_ROLES`).
"""

from __future__ import annotations

from collections.abc import Callable

from prp_agent.repo.types import FactKind

__all__ = ["CACHES", "DRIVERS", "JWT_LIBRARY", "PACKAGES", "TEST_CLIENTS", "TEST_ROLES"]

Fact = tuple[FactKind, str]


def _kind(kind: FactKind) -> Callable[[str], tuple[Fact, ...]]:
    def fact(value: str) -> tuple[Fact, ...]:
        return ((kind, value),)

    return fact


_web, _orm, _db, _test = _kind("web_framework"), _kind("orm"), _kind("database"), _kind("test_framework")
_auth, _valid, _mig = _kind("auth"), _kind("validation"), _kind("migrations")


def _driver(name: str, database: str) -> tuple[Fact, ...]:
    """A database driver the code may query with directly: the database, and the driver as the data layer when no
    ORM is established (`facts._FALLBACKS` drops it beside one)."""
    return (*_db(database), *_orm(name))


# Drivers named as the data layer of an application that writes its own SQL or queries a document store directly
DRIVERS = {"psycopg (SQL, no ORM)", "psycopg2 (SQL, no ORM)", "asyncpg (SQL, no ORM)",
               "PyMongo (driver, no ORM)", "Motor (driver, no ORM)", "node-postgres (SQL, no ORM)",
               "Postgres.js (SQL, no ORM)", "mysql2 (SQL, no ORM)", "better-sqlite3 (SQL, no ORM)",
               "MongoDB Node.js driver (driver, no ORM)", "JDBC (SQL, no ORM)", "Npgsql (SQL, no ORM)",
               "MongoDB C# driver (driver, no ORM)", "tokio-postgres (SQL, no ORM)", "rusqlite (SQL, no ORM)",
               "mongo-go-driver (driver, no ORM)"}  # fmt: skip
_SERVER_PY = _auth("OAuth2 server")
# A JSON Web Token library (sign and verify primitives) rather than an auth framework: applications also use one to
# sign tokens for other services (a GitHub App, a chat widget) or to read an identity provider's tokens, so it counts
# for JWT auth only beside code that verifies tokens (`facts._combine`).
JWT_LIBRARY = "JWT library"
_JWT_LIB = _auth(JWT_LIBRARY)
# Laravel Passport: an OAuth2 server whose access tokens (personal ones too) are JWTs it signs and verifies
_PASSPORT = (*_auth("OAuth2 server"), *_auth("JWT"))


PYTHON: dict[str, tuple[Fact, ...]] = {
    "fastapi": _web("FastAPI"), "flask": _web("Flask"), "django": _web("Django"),
    "djangorestframework": _web("Django REST Framework"), "rest_framework": _web("Django REST Framework"),
    "falcon": _web("Falcon"), "pyramid": _web("Pyramid"), "pyramid.*": _web("Pyramid"), "litestar": _web("Litestar"), "starlette": _web("Starlette"), "sanic": _web("Sanic"), "aiohttp": (),  # an HTTP client as often as a server: its `aiohttp.web` import says which
    "tornado": _web("Tornado"), "tornado.web": _web("Tornado"),
    "sqlalchemy": _orm("SQLAlchemy"), "flask_sqlalchemy": (*_orm("SQLAlchemy"), *_orm("Flask-SQLAlchemy")),
    "flask-sqlalchemy": (*_orm("SQLAlchemy"), *_orm("Flask-SQLAlchemy")),
    "sqlmodel": _orm("SQLModel"), "tortoise": _orm("Tortoise ORM"), "tortoise-orm": _orm("Tortoise ORM"),
    "peewee": _orm("Peewee"), "pony": _orm("Pony ORM"), "aiosql": _orm("aiosql (SQL toolkit, no ORM)"),
    "pypika": _orm("PyPika (query builder, no ORM)"), "databases": _orm("databases (SQL toolkit, no ORM)"),
    "alembic": _mig("Alembic"), "flask_migrate": (*_mig("Alembic"), *_mig("Flask-Migrate")),
    "flask-migrate": (*_mig("Alembic"), *_mig("Flask-Migrate")),
    "aerich": _mig("Aerich"), "yoyo": _mig("yoyo-migrations"), "yoyo-migrations": _mig("yoyo-migrations"),
    "psycopg": _driver("psycopg (SQL, no ORM)", "PostgreSQL"), "psycopg2": _driver("psycopg2 (SQL, no ORM)", "PostgreSQL"),
    "psycopg2-binary": _driver("psycopg2 (SQL, no ORM)", "PostgreSQL"),
    "asyncpg": _driver("asyncpg (SQL, no ORM)", "PostgreSQL"), "mysqlclient": _db("MySQL"), "mysqldb": _db("MySQL"), "pymysql": _db("MySQL"),
    "aiomysql": _db("MySQL"), "pymongo": _driver("PyMongo (driver, no ORM)", "MongoDB"),
    "motor": _driver("Motor (driver, no ORM)", "MongoDB"), "redis": _db("Redis"),
    "sqlite3": _db("SQLite"), "aiosqlite": _db("SQLite"), "oracledb": _db("Oracle"), "cx_oracle": _db("Oracle"),
    "pydantic": _valid("Pydantic"), "marshmallow": _valid("marshmallow"), "flask_marshmallow": _valid("marshmallow"),
    "wtforms": _valid("WTForms"), "flask_wtf": _valid("WTForms"), "cerberus": _valid("Cerberus"),
    "jose": _JWT_LIB, "python-jose": _JWT_LIB, "jwt": _JWT_LIB, "pyjwt": _JWT_LIB, "jwcrypto*": _JWT_LIB,
    "joserfc*": _JWT_LIB,
    "flask_jwt_extended": _auth("JWT"), "rest_framework_simplejwt": _auth("JWT"), "rest_framework_jwt": _auth("JWT"),
    "djangorestframework-jwt": _auth("JWT"), "flask_httpauth": _auth("HTTP Basic/Token"), "flask-httpauth": _auth("HTTP Basic/Token"),
    "djangorestframework-simplejwt": _auth("JWT"), "flask_login": _auth("session"), "flask-login": _auth("session"),
    "authlib": (), "authlib.integrations.flask_client*": _auth("OAuth2"),
    "authlib.integrations.starlette_client*": _auth("OAuth2"), "authlib.integrations.django_client*": _auth("OAuth2"),
    "authlib.integrations.requests_client*": (), "authlib.integrations.httpx_client*": (),
    "authlib.integrations.sqla_oauth2*": _SERVER_PY, "authlib.oauth2*": _SERVER_PY, "authlib.integrations.django_oauth2*": _SERVER_PY, "allauth": _auth("django-allauth"), "allauth.idp.oidc": (*_SERVER_PY, *_auth("OpenID Connect")),
    "allauth.socialaccount.providers.openid_connect": _auth("OpenID Connect"),
    "allauth.socialaccount.providers.*": _auth("OAuth2"), "flask_dance*": _auth("OAuth2"), "flask-dance": _auth("OAuth2"), "django-allauth": _auth("django-allauth"),
    # Django's own sign-in views (`LoginView`, `include("django.contrib.auth.urls")`): a session login
    "django.contrib.auth.views*": _auth("session"), "django.contrib.auth.urls": _auth("session"),
    "pytest": _test("pytest"), "unittest": _test("unittest"), "unittest.mock": _test("unittest.mock"),
    "pytest-django": _test("pytest-django"), "pytest_django": _test("pytest-django"),
    "pytest-asyncio": _test("pytest-asyncio"), "pytest_asyncio": _test("pytest-asyncio"),
    "pytest-mock": _test("pytest-mock"), "pytest_mock": _test("pytest-mock"), "mock": _test("unittest.mock"),
    "factory": _test("factory_boy"), "factory_boy": _test("factory_boy"), "factory-boy": _test("factory_boy"),
    "model_bakery": _test("model_bakery"), "model-bakery": _test("model_bakery"), "faker": _test("Faker"),
    "fastapi.testclient": _test("TestClient"), "starlette.testclient": _test("TestClient"),
    "rest_framework.test": _test("DRF APIClient"), "webtest": _test("WebTest"),
    "testcontainers": _test("Testcontainers"), "playwright": _test("Playwright"),
    "pytest-playwright": _test("Playwright"), "selenium": _test("Selenium"), "behave": _test("behave"),
    "pytest-bdd": _test("pytest-bdd"), "pytest_bdd": _test("pytest-bdd"), "responses": _test("responses"),
    "respx": _test("respx"), "requests_mock": _test("requests-mock"), "requests-mock": _test("requests-mock"),
    "time_machine": _test("time-machine"), "time-machine": _test("time-machine"), "freezegun": _test("freezegun"),
    "graphene": (("api_style", "GraphQL"),), "strawberry": (("api_style", "GraphQL"),),
    "strawberry-graphql": (("api_style", "GraphQL"),), "ariadne": (("api_style", "GraphQL"),),
}  # fmt: skip

NODE: dict[str, tuple[Fact, ...]] = {
    "express": _web("Express"), "@nestjs/core": _web("NestJS"), "@nestjs/common": _web("NestJS"),
    "@overnightjs/core": _web("OvernightJS"), "fastify": _web("Fastify"), "koa": _web("Koa"), "restify": _web("Restify"),
    "@koa/router": _web("Koa"), "koa-router": _web("Koa"), "hono": _web("Hono"), "@adonisjs/core": _web("AdonisJS"),
    "mongoose": (("orm", "Mongoose"), ("database", "MongoDB")), "mongodb": _driver("MongoDB Node.js driver (driver, no ORM)", "MongoDB"),
    "typeorm": _orm("TypeORM"), "@nestjs/typeorm": _orm("TypeORM"), "@prisma/client": _orm("Prisma"),
    "prisma": _orm("Prisma"), "sequelize": _orm("Sequelize"), "drizzle-orm": _orm("Drizzle"),
    "sails": _web("Sails.js"), "sails-postgresql": (*_orm("Waterline"), *_db("PostgreSQL")),
    "sails-mysql": (*_orm("Waterline"), *_db("MySQL")), "waterline": _orm("Waterline"),
    "drizzle-orm/pg-core": (("orm", "Drizzle"), ("database", "PostgreSQL")),
    "drizzle-orm/mysql-core": (("orm", "Drizzle"), ("database", "MySQL")),
    "drizzle-orm/sqlite-core": (("orm", "Drizzle"), ("database", "SQLite")),
    "kysely": _orm("Kysely (query builder, no ORM)"), "knex": _orm("Knex (query builder, no ORM)"),
    "@adonisjs/lucid": _orm("Lucid"), "@adonisjs/ally": _auth("OAuth2"), "@japa/runner": _test("Japa"), "objection": _orm("Objection.js"), "@mikro-orm/core": _orm("MikroORM"),
    "drizzle-kit": _mig("drizzle-kit"), "umzug": _mig("Umzug"), "sequelize-cli": _mig("sequelize-cli"), "db-migrate": _mig("db-migrate"),
    "node-pg-migrate": _mig("node-pg-migrate"),
    "pg": _driver("node-postgres (SQL, no ORM)", "PostgreSQL"), "postgres": _driver("Postgres.js (SQL, no ORM)", "PostgreSQL"), "@neondatabase/serverless": _db("PostgreSQL"),
    "mysql2": _driver("mysql2 (SQL, no ORM)", "MySQL"), "mysql": _db("MySQL"), "sqlite3": _db("SQLite"), "better-sqlite3": _driver("better-sqlite3 (SQL, no ORM)", "SQLite"),
    "@libsql/client": _db("SQLite"), "ioredis": _db("Redis"), "redis#js": _db("Redis"),
    "joi": _valid("Joi"), "zod": _valid("zod"), "class-validator": _valid("class-validator"), "yup": _valid("Yup"),
    "ajv": _valid("Ajv"), "@sinclair/typebox": _valid("TypeBox"), "express-validator": _valid("express-validator"),
    "@vinejs/vine": _valid("VineJS"), "celebrate": _valid("Joi"),
    "jsonwebtoken": _JWT_LIB, "jose#js": _JWT_LIB, "passport": _auth("Passport"),
    "passport-jwt": _auth("JWT"), "@nestjs/jwt": _auth("JWT"), "@nestjs/passport": _auth("Passport"),
    "@fastify/jwt": _auth("JWT"), "koa-jwt": _auth("JWT"), "express-jwt": _auth("JWT"),
    "express-oauth2-jwt-bearer": _auth("JWT"), "hono/jwt": _auth("JWT"), "express-session": _auth("session"),
    "passport-local": _auth("session"), "passport-google-oauth20": _auth("OAuth2"), "passport-github2": _auth("OAuth2"),
    "passport-oauth2": _auth("OAuth2"), "passport-openidconnect": _auth("OpenID Connect"),
    "openid-client": _auth("OpenID Connect"), "passport-headerapikey": _auth("API key"),
    "jest": _test("Jest"), "vitest": _test("Vitest"), "mocha#js": _test("Mocha"), "ava": _test("AVA"),
    "node:test": _test("node:test"), "supertest": _test("supertest"), "@playwright/test": _test("Playwright"),
    "hono/testing": _test("Hono testClient"), "@hono/zod-openapi": _web("Hono"),
    "playwright#js": _test("Playwright"), "cypress": _test("Cypress"), "puppeteer": _test("Puppeteer"),
    "sinon": _test("Sinon"), "nock": _test("nock"), "msw": _test("MSW"), "@faker-js/faker": _test("Faker"),
    "fishery": _test("fishery"), "testcontainers#js": _test("Testcontainers"),
    "@testcontainers/postgresql": _test("Testcontainers"), "@testcontainers/mongodb": _test("Testcontainers"),
    "@testcontainers/mysql": _test("Testcontainers"), "chai": _test("Chai"),
    "@cucumber/cucumber": _test("Cucumber"),
    "graphql": (("api_style", "GraphQL"),), "@apollo/server": (("api_style", "GraphQL"),),
    "apollo-server": (("api_style", "GraphQL"),), "@nestjs/graphql": (("api_style", "GraphQL"),),
}  # fmt: skip

JVM: dict[str, tuple[Fact, ...]] = {  # imports by prefix; Maven/Gradle artifacts by name (or group:artifact)
    "org.springframework.boot*": _web("Spring Boot"), "org.springframework.web*": _web("Spring Boot"),
    "spring-boot-starter-web": (*_web("Spring Boot"), *_web("Spring MVC")), "spring-webmvc": _web("Spring MVC"),
    "org.springframework.web.servlet*": _web("Spring MVC"),
    # WebFlux is on many MVC applications' classpath for its WebClient alone: it names no server
    "spring-boot-starter-webflux": _web("Spring Boot"),
    "com.netflix.graphql.dgs*": (*_web("Netflix DGS"), ("api_style", "GraphQL")),
    "graphql-dgs-spring-graphql-starter": (*_web("Netflix DGS"), ("api_style", "GraphQL")),
    "graphql-dgs-spring-boot-starter": (*_web("Netflix DGS"), ("api_style", "GraphQL")),
    "io.micronaut*": _web("Micronaut"), "io.micronaut.data*": _orm("Micronaut Data"),
    "micronaut-http-server-netty": _web("Micronaut"), "io.quarkus*": _web("Quarkus"),
    "quarkus-resteasy-reactive": _web("Quarkus"), "quarkus-rest": _web("Quarkus"),
    "io.quarkus.hibernate.orm*": _orm("JPA/Hibernate"), "quarkus-hibernate-orm-panache": _orm("JPA/Hibernate"),
    "io.ktor*": _web("Ktor"), "ktor-server-core": _web("Ktor"), "ktor-server-core-jvm": _web("Ktor"),
    "dropwizard-core": _web("Dropwizard"), "io.dropwizard.core*": _web("Dropwizard"),
    "io.dropwizard.setup*": _web("Dropwizard"), "io.dropwizard.Application": _web("Dropwizard"),
    "dropwizard-migrations": _mig("Liquibase"), "io.dropwizard.migrations*": _mig("Liquibase"),
    "dropwizard-hibernate": _orm("JPA/Hibernate"), "io.dropwizard.hibernate*": _orm("JPA/Hibernate"),
    "com.zaxxer.hikari*": _orm("JDBC (SQL, no ORM)"), "hikaricp": _orm("JDBC (SQL, no ORM)"),
    "org.springframework.jdbc*": _orm("JDBC (SQL, no ORM)"), "spring-boot-starter-jdbc": _orm("JDBC (SQL, no ORM)"),
    "org.jdbi*": _orm("JDBI (SQL, no ORM)"), "jdbi3-core": _orm("JDBI (SQL, no ORM)"),
    "dropwizard-jdbi3": _orm("JDBI (SQL, no ORM)"),
    "io.javalin*": _web("Javalin"), "org.glassfish.jersey*": _web("Jersey (JAX-RS)"),
    "jersey-server": _web("Jersey (JAX-RS)"), "jersey-container-servlet": _web("Jersey (JAX-RS)"),
    "org.eclipse.jetty.server*": _web("Jetty"), "jetty-server": _web("Jetty"),
    "jakarta.persistence*": _orm("JPA/Hibernate"), "javax.persistence*": _orm("JPA/Hibernate"),
    "org.hibernate*": _orm("JPA/Hibernate"), "spring-boot-starter-data-jpa": (*_orm("JPA/Hibernate"), *_orm("Spring Data JPA")),
    "org.hibernate.validator*": _valid("Bean Validation"),
    "org.jooq*": _orm("jOOQ (query builder, no ORM)"), "jooq": _orm("jOOQ (query builder, no ORM)"),
    "org.jetbrains.exposed*": _orm("Exposed"), "exposed-core": _orm("Exposed"),
    "org.springframework.data.mongodb*": (("orm", "Spring Data MongoDB"), ("database", "MongoDB")),
    "spring-boot-starter-data-mongodb-reactive": (("orm", "Spring Data MongoDB"), ("database", "MongoDB")),
    "reactor.test*": _test("reactor-test"), "reactor-test": _test("reactor-test"),
    "app.cash.sqldelight*": _orm("SQLDelight"), "com.squareup.sqldelight*": _orm("SQLDelight"), "org.mybatis*": _orm("MyBatis"),
    "com.baomidou*": _orm("MyBatis-Plus"),
    "org.springframework.data.jdbc*": _orm("Spring Data JDBC"),
    "spring-boot-starter-data-r2dbc": _orm("Spring Data R2DBC"), "org.springframework.data.r2dbc*": _orm("Spring Data R2DBC"),
    "io.vertx:vertx-web": _web("Vert.x Web"), "vertx-web": _web("Vert.x Web"), "io.vertx.ext.web*": _web("Vert.x Web"),
    "org.litote.kmongo*": (("orm", "KMongo"), ("database", "MongoDB")), "kmongo": (("orm", "KMongo"), ("database", "MongoDB")),
    "org.ktorm*": _orm("Ktorm"), "ktorm-core": _orm("Ktorm"),
    "org.springframework.data.jpa*": _orm("Spring Data JPA"), "spring-data-jpa": _orm("Spring Data JPA"),
    "spring-boot-starter-data-jdbc": _orm("Spring Data JDBC"),
    "flyway-core": _mig("Flyway"), "org.flywaydb*": _mig("Flyway"), "liquibase-core": _mig("Liquibase"),
    "org.liquibase*": _mig("Liquibase"),
    "postgresql": _db("PostgreSQL"), "org.postgresql*": _db("PostgreSQL"), "mysql-connector-j": _db("MySQL"),
    "mysql-connector-java": _db("MySQL"), "mariadb-java-client": _db("MariaDB"), "org.mariadb.jdbc*": _db("MariaDB"), "h2": _db("H2"),
    "com.h2database:h2": _db("H2"), "org.h2*": _db("H2"), "hsqldb": _db("HSQLDB"), "mssql-jdbc": _db("SQL Server"),
    "sqlite-jdbc": _db("SQLite"), "ojdbc11": _db("Oracle"), "ojdbc8": _db("Oracle"),
    "spring-boot-starter-data-redis": _db("Redis"),
    "spring-boot-starter-data-mongodb": (("orm", "Spring Data MongoDB"), ("database", "MongoDB")),
    "org.springframework.security*": _auth("Spring Security"), "spring-boot-starter-security": _auth("Spring Security"),
    "spring-boot-starter-oauth2-resource-server": _auth("JWT"),  # it verifies bearer tokens; it logs no one in
    # HMCTS's service-to-service tokens, verified (its `AuthTokenGenerator` signs tokens for calls to other services)
    "uk.gov.hmcts.reform.authorisation.validators*": _auth("JWT"),
    "uk.gov.hmcts.reform.authorisation.filters*": _auth("JWT"),
    "uk.gov.hmcts.reform.auth.checker*": _auth("JWT"),  # auth-checker-lib: the same tokens, and the user's
    "io.jsonwebtoken*": _JWT_LIB, "jjwt-api": _JWT_LIB, "com.auth0.jwt*": _JWT_LIB,
    "java-jwt": _JWT_LIB, "ktor-server-auth-jwt": _auth("JWT"), "io.ktor.server.auth.jwt*": _auth("JWT"),
    "jakarta.validation*": _valid("Bean Validation"), "javax.validation*": _valid("Bean Validation"),
    "spring-boot-starter-validation": _valid("Bean Validation"), "io.konform*": _valid("Konform"),
    "org.junit*": _test("JUnit"), "junit-jupiter": _test("JUnit"), "junit": _test("JUnit"),
    "org.testng*": _test("TestNG"), "testng": _test("TestNG"), "io.kotest*": _test("Kotest"),
    "kotest-runner-junit5": _test("Kotest"), "org.spockframework*": _test("Spock"), "spock-core": _test("Spock"),
    "org.mockito*": _test("Mockito"), "mockito-core": _test("Mockito"), "mockito-kotlin": _test("Mockito"),
    "io.mockk*": _test("MockK"), "mockk": _test("MockK"), "org.assertj*": _test("AssertJ"),
    "spring-boot-starter-test": _test("Spring Boot Test"), "io.zonky.test:embedded-postgres": _test("embedded-postgres"),
    "embedded-postgres": _test("embedded-postgres"),
    "assertj-core": _test("AssertJ"), "org.hamcrest*": _test("Hamcrest"),
    "io.restassured*": _test("REST Assured"), "rest-assured": _test("REST Assured"),
    "au.com.dius.pact*": _test("Pact"), "@pact-foundation/pact": _test("Pact"), "pact-python": _test("Pact"),
    "org.springframework.test.web.servlet*": _test("MockMvc"),
    "org.springframework.boot.test.web.client*": _test("TestRestTemplate"),
    "org.springframework.test.web.reactive*": _test("WebTestClient"),
    "io.ktor.server.testing*": _test("Ktor testApplication"), "ktor-server-test-host": _test("Ktor testApplication"),
    "ktor-server-test-host-jvm": _test("Ktor testApplication"),
    "org.testcontainers*": _test("Testcontainers"), "org.testcontainers:*": _test("Testcontainers"),
    "com.github.tomakehurst.wiremock*": _test("WireMock"), "org.wiremock*": _test("WireMock"),
    "wiremock": _test("WireMock"), "io.cucumber*": _test("Cucumber"),
    "net.serenitybdd*": _test("Serenity BDD"), "net.serenity-bdd*": _test("Serenity BDD"), "cucumber-java": _test("Cucumber"),
    "org.openqa.selenium*": _test("Selenium"), "com.microsoft.playwright*": _test("Playwright"),
    "org.instancio*": _test("Instancio"), "net.datafaker*": _test("Datafaker"),
    "com.mashape.unirest*": _test("Unirest"), "kong.unirest*": _test("Unirest"),
    "com.graphql-java*": (("api_style", "GraphQL"),), "spring-boot-starter-graphql": (("api_style", "GraphQL"),),
}  # fmt: skip

GO: dict[str, tuple[Fact, ...]] = {  # module paths by prefix
    "github.com/gin-gonic/gin*": _web("gin"), "github.com/labstack/echo*": _web("echo"),
    "github.com/go-chi/chi*": _web("chi"), "github.com/gofiber/fiber*": _web("fiber"),
    **{f"github.com/gofiber/fiber/{v}/middleware/{m}*": _auth(kind) for v in ("v2", "v3")
       for m, kind in (("basicauth", "HTTP Basic"), ("keyauth", "API key"), ("session", "session"))},
    "github.com/gorilla/mux*": _web("gorilla/mux"), "github.com/beego/beego*": _web("Beego"),
    "github.com/astaxie/beego*": _web("Beego"),
    "gorm.io/gorm*": _orm("GORM"), "github.com/jinzhu/gorm*": _orm("GORM"), "entgo.io/ent*": _orm("ent"),
    "github.com/jmoiron/sqlx*": _orm("sqlx (SQL toolkit, no ORM)"),
    "database/sql": _orm("database/sql (SQL, no ORM)"),  # the standard library, when no ORM sits on it
    "github.com/gobuffalo/pop*": _orm("Pop"), "github.com/ory/dockertest*": _test("dockertest"),
    "github.com/masterminds/squirrel*": _orm("squirrel (query builder, no ORM)"),
    "github.com/uptrace/bun*": _orm("Bun"), "github.com/volatiletech/sqlboiler*": _orm("SQLBoiler"),
    "gorm.io/driver/postgres*": _db("PostgreSQL"), "gorm.io/driver/mysql*": _db("MySQL"),
    "gorm.io/driver/sqlite*": _db("SQLite"), "github.com/glebarez/sqlite*": _db("SQLite"),
    "gorm.io/driver/sqlserver*": _db("SQL Server"),
    "github.com/jinzhu/gorm/dialects/postgres*": _db("PostgreSQL"),
    "github.com/jinzhu/gorm/dialects/mysql*": _db("MySQL"),
    "github.com/jinzhu/gorm/dialects/sqlite*": _db("SQLite"),
    "github.com/jinzhu/gorm/dialects/mssql*": _db("SQL Server"),
    "github.com/lib/pq*": _db("PostgreSQL"), "github.com/jackc/pgx*": _db("PostgreSQL"),
    "github.com/go-sql-driver/mysql*": _db("MySQL"), "github.com/mattn/go-sqlite3*": _db("SQLite"),
    "modernc.org/sqlite*": _db("SQLite"), "go.mongodb.org/mongo-driver*": _driver("mongo-go-driver (driver, no ORM)", "MongoDB"),
    "github.com/redis/go-redis*": _db("Redis"), "github.com/go-redis/redis*": _db("Redis"),
    "github.com/golang-migrate/migrate*": _mig("golang-migrate"), "github.com/pressly/goose*": _mig("goose"),
    "github.com/go-gormigrate/gormigrate*": _mig("gormigrate"),
    "ariga.io/atlas*": _mig("Atlas"),
    "github.com/golang-jwt/jwt*": _JWT_LIB, "github.com/dgrijalva/jwt-go*": _JWT_LIB,
    "github.com/lestrrat-go/jwx*": _JWT_LIB, "github.com/go-chi/jwtauth*": _auth("JWT"),
    "github.com/go-jose/go-jose/v4/jwt*": _JWT_LIB, "github.com/go-jose/go-jose/v3/jwt*": _JWT_LIB,
    "gopkg.in/square/go-jose.v2/jwt*": _JWT_LIB,
    "github.com/go-pkgz/auth*": (("auth", "JWT"), ("auth", "OAuth2")), "github.com/appleboy/gin-jwt*": _auth("JWT"),
    "github.com/coreos/go-oidc*": _auth("OpenID Connect"),
    # the OAuth2 client also fetches tokens for calls to other services: a login shows in code (repo/auth.py)
    "golang.org/x/oauth2*": (),
    "github.com/zitadel/oidc*": _auth("OpenID Connect"),
    "github.com/markbates/goth/providers/openidconnect*": _auth("OpenID Connect"),
    "github.com/markbates/goth/gothic*": _auth("OAuth2"),
    "github.com/gorilla/sessions*": _auth("session"), "github.com/gorilla/securecookie*": _auth("session"), "github.com/alexedwards/scs*": _auth("session"),
    "github.com/zerodha/simplesessions*": _auth("session"),
    "github.com/gin-contrib/sessions*": _auth("session"), "github.com/gofiber/fiber/v2/middleware/session*": _auth("session"),
    "github.com/labstack/echo-contrib/session*": _auth("session"),
    "github.com/go-playground/validator*": _valid("go-playground/validator"),
    "gopkg.in/go-playground/validator*": _valid("go-playground/validator"),
    "github.com/go-ozzo/ozzo-validation*": _valid("ozzo-validation"),
    "github.com/beego/beego/v2/core/validation*": _valid("beego validation"),
    "github.com/astaxie/beego/validation*": _valid("beego validation"),
    "github.com/stretchr/testify*": _test("testify"), "github.com/stretchr/testify/mock*": _test("testify/mock"),
    "github.com/golang/mock*": _test("gomock"), "go.uber.org/mock*": _test("gomock"),
    "github.com/data-dog/go-sqlmock*": _test("go-sqlmock"), "github.com/jarcoal/httpmock*": _test("httpmock"),
    "github.com/h2non/gock*": _test("gock"), "github.com/testcontainers/testcontainers-go*": _test("Testcontainers"),
    "github.com/onsi/ginkgo*": _test("Ginkgo"), "github.com/onsi/gomega*": _test("Gomega"),
    "github.com/brianvoe/gofakeit*": _test("gofakeit"),
    "github.com/99designs/gqlgen*": (("api_style", "GraphQL"),),
    "github.com/graphql-go/graphql*": (("api_style", "GraphQL"),),
}  # fmt: skip

RUST: dict[str, tuple[Fact, ...]] = {  # crate names as Cargo.toml and `use` write them
    "axum": _web("axum"), "actix-web": _web("Actix Web"), "actix_web": _web("Actix Web"), "rocket": _web("Rocket"),
    "poem": _web("Poem"), "poem-openapi": _web("Poem"), "poem_openapi": _web("Poem"), "warp": _web("warp"),
    "dropshot": _web("Dropshot"),
    "sqlx#rust": _orm("sqlx (SQL toolkit, no ORM)"), "diesel": _orm("Diesel"), "sea-orm": _orm("SeaORM"), "prisma-client-rust": (*_orm("Prisma"), *_orm("Prisma Client Rust")),
    "sea_orm": _orm("SeaORM"), "sea-orm-migration": _mig("SeaORM migrations"),
    "sea_orm_migration": _mig("SeaORM migrations"), "diesel_migrations": _mig("Diesel migrations"),
    "refinery": _mig("refinery"), "tokio-postgres": _driver("tokio-postgres (SQL, no ORM)", "PostgreSQL"),
    "tokio_postgres": _driver("tokio-postgres (SQL, no ORM)", "PostgreSQL"),
    "postgres#rust": _db("PostgreSQL"), "deadpool-postgres": _db("PostgreSQL"), "rusqlite": _driver("rusqlite (SQL, no ORM)", "SQLite"),
    "mysql_async": _db("MySQL"), "mongodb#rust": _db("MongoDB"), "redis#rust": _db("Redis"),
    "validator#rust": _valid("validator (crate)"), "garde": _valid("garde"),
    "jsonwebtoken#rust": _JWT_LIB, "axum-login": _auth("session"), "axum_login": _auth("session"),
    "actix-session": _auth("session"), "actix_session": _auth("session"), "actix-identity": _auth("session"),
    "actix_identity": _auth("session"), "rodauth": _auth("session"), "io.vertx.ext.web.handler.SessionHandler": _auth("session"), "tower-sessions": _auth("session"),
    "tower_sessions": _auth("session"), "claims": _test("claims"),
    "mockall": _test("mockall"), "wiremock#rust": _test("wiremock"), "testcontainers#rust": _test("Testcontainers"),
    "insta": _test("insta"), "googletest": _test("googletest"),
    "axum-test": _test("axum-test"), "axum_test": _test("axum-test"), "rstest": _test("rstest"),
    "fake#rust": _test("fake (crate)"), "async-graphql": (("api_style", "GraphQL"),),
    "async_graphql": (("api_style", "GraphQL"),), "juniper": (("api_style", "GraphQL"),),
}  # fmt: skip

RUBY: dict[str, tuple[Fact, ...]] = {
    "rails": _web("Rails"), "sinatra": _web("Sinatra"), "roda": _web("Roda"), "hanami": _web("Hanami"), "sequel": _orm("Sequel"),
    "rom-sql": _orm("ROM"), "pg#ruby": _db("PostgreSQL"), "mysql2#ruby": _db("MySQL"), "sqlite3#ruby": _db("SQLite"),
    "redis#ruby": _db("Redis"), "mongoid": (("orm", "Mongoid"), ("database", "MongoDB")),
    "devise": _auth("Devise"), "jwt#ruby": _JWT_LIB, "devise-jwt": _auth("JWT"),
    # OmniAuth is the framework; each strategy gem says the kind (`omniauth-github`, `omniauth-saml`)
    "omniauth": (), "omniauth-rails_csrf_protection": (), "omniauth-*#ruby": _auth("OAuth2"),
    "gds-sso": _auth("OAuth2"),  # GOV.UK Signon: an OmniAuth OAuth2 sign-in and the bearer tokens it issued
    "doorkeeper": _auth("OAuth2 server"), "rodauth-rails": _auth("session"),
    "dry-validation": _valid("dry-validation"),
    "rspec-rails": _test("RSpec"), "rspec": _test("RSpec"), "minitest": _test("minitest"), "bacon": _test("Bacon"),
    "factory_bot": _test("FactoryBot"), "factory_bot_rails": _test("FactoryBot"), "faker#ruby": _test("Faker"),
    "capybara": _test("Capybara"), "selenium-webdriver": _test("Selenium"), "cuprite": _test("Capybara"),
    "rack-test": _test("Rack::Test"), "webmock": _test("WebMock"), "vcr": _test("VCR"),
    "database_cleaner": _test("DatabaseCleaner"), "database_cleaner-active_record": _test("DatabaseCleaner"),
    "shoulda-matchers": _test("shoulda-matchers"), "mocha#ruby": _test("mocha (Ruby)"),
    "cucumber-rails": _test("Cucumber"), "cucumber#ruby": _test("Cucumber"),
    "graphql#ruby": (("api_style", "GraphQL"),),
}  # fmt: skip

PHP: dict[str, tuple[Fact, ...]] = {  # composer names; `use` namespaces as dotted lower case
    "laravel/framework": _web("Laravel"), "api-platform/core": _web("API Platform"),
    "laravel/lumen-framework": _web("Lumen"), "laravel.lumen*#php": _web("Lumen"),
    "api-platform/symfony": _web("API Platform"), "apiplatform.metadata*": _web("API Platform"), "illuminate*#php": _web("Laravel"),
    "cakephp/cakephp": (*_web("CakePHP"), *_orm("CakePHP ORM")), "cake.routing*": _web("CakePHP"),
    "cake.orm*": _orm("CakePHP ORM"), "cakephp/orm": _orm("CakePHP ORM"), "cakephp/migrations": _mig("CakePHP Migrations"),
    "robmorgan/phinx": _mig("Phinx"), "phinx.migration*": _mig("Phinx"),
    "symfony/framework-bundle": _web("Symfony"), "symfony.bundle.frameworkbundle*": _web("Symfony"),
    "symfony.component.routing.attribute*": _web("Symfony"), "symfony.component.routing.annotation*": _web("Symfony"),
    "slim/slim": _web("Slim"), "slim*#php": _web("Slim"),
    "doctrine/orm": _orm("Doctrine"), "doctrine/doctrine-bundle": _orm("Doctrine"), "doctrine.orm*": _orm("Doctrine"),
    "doctrine/doctrine-migrations-bundle": _mig("Doctrine Migrations"),
    "doctrine/migrations": _mig("Doctrine Migrations"), "doctrine.migrations*": _mig("Doctrine Migrations"),
    "symfony/validator": _valid("Symfony Validator"), "symfony.component.validator*": _valid("Symfony Validator"),
    "respect/validation": _valid("Respect\\Validation"),
    "laravel/sanctum": _auth("Sanctum"), "laravel/passport": _PASSPORT, "laravel/socialite": _auth("OAuth2"),
    "laravel.socialite*#php": _auth("OAuth2"), "laravel.passport*#php": _PASSPORT,
    "laravel.sanctum*#php": _auth("Sanctum"), "livewire/livewire": _web("Livewire"), "livewire*#php": _web("Livewire"),
    "filament/filament": _web("Filament"), "filament*#php": _web("Filament"),
    "symfony/security-bundle": _auth("Symfony Security"), "symfony.component.security*": _auth("Symfony Security"),
    "symfony.bundle.securitybundle*": _auth("Symfony Security"),
    "lexik/jwt-authentication-bundle": _auth("JWT"), "lexik.bundle.jwtauthenticationbundle*": _auth("JWT"),
    "firebase/php-jwt": _JWT_LIB, "tymon/jwt-auth": _auth("JWT"),
    "phpunit/phpunit": _test("PHPUnit"), "phpunit*#php": _test("PHPUnit"), "pestphp/pest": _test("Pest"),
    "mockery/mockery": _test("Mockery"), "mockery*#php": _test("Mockery"), "laravel/dusk": _test("Laravel Dusk"),
    "behat/behat": _test("Behat"), "zenstruck/foundry": _test("Foundry"), "zenstruck.foundry*": _test("Foundry"),
    "fakerphp/faker": _test("Faker"), "symfony/panther": _test("Panther"),
    "dama/doctrine-test-bundle": _test("DAMA DoctrineTestBundle"),
    "symfony.bundle.frameworkbundle.test*": _test("Symfony WebTestCase"),
    "illuminate.foundation.testing.refreshdatabase": _test("RefreshDatabase"),
}  # fmt: skip

DOTNET: dict[str, tuple[Fact, ...]] = {  # NuGet ids and `using` namespaces, lower case
    "microsoft.aspnetcore*": _web("ASP.NET Core"), "microsoft.entityframeworkcore*": _orm("EF Core"),
    "fastendpoints": _web("FastEndpoints"), "fastendpoints.*": _web("FastEndpoints"),
    "microsoft.entityframeworkcore.sqlserver": (("orm", "EF Core"), ("database", "SQL Server")),
    "npgsql.entityframeworkcore.postgresql": (("orm", "EF Core"), ("database", "PostgreSQL")),
    "pomelo.entityframeworkcore.mysql": (("orm", "EF Core"), ("database", "MySQL")),
    "microsoft.entityframeworkcore.sqlite": (("orm", "EF Core"), ("database", "SQLite")),
    "fluentmigrator*": _mig("FluentMigrator"), "dbup*": _mig("DbUp"), "evolve": _mig("Evolve"), "yuniql*#csharp": _mig("Yuniql"),
    "altinn.authorization.servicedefaults.npgsql.yuniql": _mig("Yuniql"),
    "system.data.sqlite*": _db("SQLite"), "microsoft.data.sqlite*": _db("SQLite"),
    "microsoft.entityframeworkcore.inmemory": (("orm", "EF Core"), ("database", "EF Core in-memory")),
    "nhibernate": _orm("NHibernate"), "fluentnhibernate": (*_orm("NHibernate"), *_orm("Fluent NHibernate")),
    "nhibernate*#csharp": _orm("NHibernate"), "fluentnhibernate*#csharp": (*_orm("NHibernate"), *_orm("Fluent NHibernate")),
    "dapper": _orm("Dapper (micro-ORM)"), "npgsql": _driver("Npgsql (SQL, no ORM)", "PostgreSQL"), "microsoft.data.sqlclient": _db("SQL Server"),
    "system.data.sqlclient": _db("SQL Server"), "mysqlconnector": _db("MySQL"), "microsoft.data.sqlite": _db("SQLite"),
    "stackexchange.redis": _db("Redis"), "mongodb.driver": _driver("MongoDB C# driver (driver, no ORM)", "MongoDB"), "litedb": (*_orm("LiteDB"), *_db("LiteDB")),
    "microsoft.aspnetcore.authentication.jwtbearer": _auth("JWT"),
    "microsoft.aspnetcore.identity*": _auth("ASP.NET Core Identity"),
    "fluentvalidation*#csharp": _valid("FluentValidation"), "system.componentmodel.dataannotations": _valid("DataAnnotations"),
    "xunit*#csharp": _test("xUnit"), "nunit*#csharp": _test("NUnit"), "mstest.testframework": _test("MSTest"), "mstest.testadapter": _test("MSTest"),
    "mstest": _test("MSTest"), "mstest.sdk": _test("MSTest"),
    "tunit#csharp": _test("TUnit"), "tunit.core": _test("TUnit"),
    "microsoft.visualstudio.testtools.unittesting": _test("MSTest"), "moq": _test("Moq"),
    "nsubstitute": _test("NSubstitute"), "fakeiteasy": _test("FakeItEasy"), "fluentassertions": _test("FluentAssertions"),
    "shouldly": _test("Shouldly"), "respawn": _test("Respawn"), "testcontainers*#csharp": _test("Testcontainers"),
    "dotnet.testcontainers*": _test("Testcontainers"), "reqnroll*#csharp": _test("Reqnroll"), "techtalk.specflow*": _test("SpecFlow"),
    "specflow*#csharp": _test("SpecFlow"), "bogus": _test("Bogus"), "autofixture*#csharp": _test("AutoFixture"),
    "microsoft.aspnetcore.mvc.testing": _test("WebApplicationFactory"),
    "system.io.abstractions.testinghelpers": _test("System.IO.Abstractions"), "microsoft.playwright*": _test("Playwright"),
    "wiremock.net": _test("WireMock"), "wiremock*#csharp": _test("WireMock"),
    "hotchocolate*#csharp": (("api_style", "GraphQL"),),
}  # fmt: skip

ELIXIR: dict[str, tuple[Fact, ...]] = {  # hex packages; aliased modules as dotted lower case
    "phoenix": _web("Phoenix"), "phoenix*#elixir": _web("Phoenix"),
    "phoenix_live_view": (*_web("Phoenix"), *_web("Phoenix LiveView")),
    "phoenix.liveview*#elixir": (*_web("Phoenix"), *_web("Phoenix LiveView")), "plug_cowboy": _web("Plug"),
    "ecto": _orm("Ecto"), "ecto_sql": _orm("Ecto"), "ecto*#elixir": _orm("Ecto"),
    "ecto.changeset": _valid("Ecto changesets"), "ecto.adapters.sql.sandbox": _test("Ecto SQL Sandbox"),
    "postgrex": _db("PostgreSQL"), "myxql": _db("MySQL"), "ecto_sqlite3": _db("SQLite"), "redix": _db("Redis"),
    "guardian#elixir": _auth("JWT"), "joken": _JWT_LIB, "pow#elixir": _auth("session"),  # django-guardian is no JWT
    "exunit*#elixir": _test("ExUnit"), "ex_machina": _test("ExMachina"), "exmachina*#elixir": _test("ExMachina"),
    "mox": _test("Mox"), "mox*#elixir": _test("Mox"), "bypass": _test("Bypass"), "wallaby": _test("Wallaby"),
    "phoenix.conntest": _test("Phoenix.ConnTest"), "faker#elixir": _test("Faker"),
    "absinthe": (("api_style", "GraphQL"),), "absinthe*#elixir": (("api_style", "GraphQL"),),
    "ash": _orm("Ash"), "ash*#elixir": _orm("Ash"), "ash_postgres": (*_orm("Ash"), *_db("PostgreSQL")), "ash_sqlite": (*_orm("Ash"), *_db("SQLite")),
    "ash_graphql": (("api_style", "GraphQL"),),
}  # fmt: skip

# How applications sign users in beyond the common libraries above: passkeys, directories, SAML, OpenID Connect,
# and the libraries that make an application an OAuth2 server (rather than a client of one).
_WEBAUTHN, _LDAP, _SAML = _auth("WebAuthn"), _auth("LDAP"), _auth("SAML")
_OIDC, _SERVER = _auth("OpenID Connect"), _auth("OAuth2 server")
_OIDC_SERVER = (*_SERVER, *_OIDC)  # an OpenID Connect provider is an OAuth2 server that speaks OpenID Connect
AUTH: dict[str, tuple[Fact, ...]] = {
    # Python
    "webauthn": _WEBAUTHN, "fido2": _WEBAUTHN, "ldap3": _LDAP, "python-ldap": _LDAP, "ldap": _LDAP,
    "django_auth_ldap": _LDAP, "django-auth-ldap": _LDAP, "flask_ldap3_login": _LDAP, "onelogin.saml2*": _SAML,
    "python3-saml": _SAML, "saml2": _SAML, "pysaml2": _SAML, "djangosaml2": _SAML, "oauth2_provider": _SERVER,
    "django-oauth-toolkit": _SERVER, "mozilla_django_oidc": _OIDC, "mozilla-django-oidc": _OIDC,
    "flask_oidc": _OIDC, "flask-oidc": _OIDC, "python-keycloak": _OIDC, "keycloak": _OIDC, "fastapi_sso": _auth("OAuth2"), "oic": _OIDC, "oic.*": _OIDC, "flask_basicauth": _auth("HTTP Basic"),
    "flask-basicauth": _auth("HTTP Basic"), "authlib.integrations.flask_oauth2*": _SERVER,
    # JavaScript
    "mariadb#js": _db("MariaDB"),
    "@simplewebauthn/server": _WEBAUTHN, "fido2-lib": _WEBAUTHN, "ldapjs": _LDAP, "passport-ldapauth": _LDAP,
    "passport-saml": _SAML, "@node-saml/passport-saml": _SAML, "@node-saml/node-saml": _SAML, "saml2-js": _SAML,
    "oidc-provider": _OIDC_SERVER, "oauth2-server": _SERVER, "@node-oauth/oauth2-server": _SERVER,
    "express-basic-auth": _auth("HTTP Basic"), "basic-auth": _auth("HTTP Basic"), "ldapts": _LDAP,
    "@fastify/session": _auth("session"), "@fastify/secure-session": _auth("session"), "fastify-session": _auth("session"),
    "better-auth": _auth("session"), "fastify-better-auth": _auth("session"), "lucia": _auth("session"),
    "iron-session": _auth("session"), "supertokens-node": _auth("session"), "@fastify/oauth2": _auth("OAuth2"),
    "next-auth": (("auth", "session"), ("auth", "OAuth2")), "@auth/core": (("auth", "session"), ("auth", "OAuth2")),
    "@auth/express": (("auth", "session"), ("auth", "OAuth2")), "arctic": _auth("OAuth2"),
    # JVM
    "com.yubico.webauthn*": _WEBAUTHN, "webauthn-server-core": _WEBAUTHN, "com.webauthn4j*": _WEBAUTHN,
    "org.springframework.security.ldap*": _LDAP, "spring-security-ldap": _LDAP, "spring-ldap-core": _LDAP,
    "org.springframework.security.saml2*": _SAML, "spring-security-saml2-service-provider": _SAML,
    "spring-security-oauth2-authorization-server": _SERVER, "org.springframework.security.oauth2.server.authorization*": _SERVER,
    # the legacy spring-security-oauth's token endpoint (its resource servers import the same package, not these)
    "org.springframework.security.oauth2.config.annotation.web.configuration.enableauthorizationserver": _SERVER,
    "org.springframework.security.oauth2.config.annotation.web.configuration.authorizationserverconfigureradapter":
        _SERVER,
    # Spring's OAuth2 client also fetches client-credentials tokens for calls to other services: a login is
    # `oauth2Login()` (repo/auth.py), or the starter declared with its auto-configured login
    "spring-boot-starter-oauth2-client": _auth("OAuth2"), "org.springframework.security.oauth2.client*": (),
    "com.nimbusds.openid*": _OIDC, "org.pac4j.oidc*": _OIDC, "pac4j-oidc": _OIDC, "ktor-server-sessions": _auth("session"),
    "io.ktor.server.sessions*": _auth("session"), "ktor-server-auth-ldap": _LDAP, "org.apache.shiro*": _auth("session"), "shiro-spring-boot-web-starter": _auth("session"),
    "javax.naming.directory*": _LDAP, "com.unboundid.ldap*": _LDAP, "unboundid-ldapsdk": _LDAP,
    # data stores and data layers beyond the common ones
    "xorm.io/xorm*": _orm("xorm"), "xorm.io/builder*": _orm("xorm"), "src.techknowlogick.com/xormigrate*": _mig("xormigrate"),
    "github.com/elastic/go-elasticsearch*": _db("Elasticsearch"), "github.com/olivere/elastic*": _db("Elasticsearch"),
    "elasticsearch#python": _db("Elasticsearch"), "@elastic/elasticsearch": _db("Elasticsearch"),
    "nest": _db("Elasticsearch"), "elastic.clients.elasticsearch*": _db("Elasticsearch"), "elasticsearch.net*": _db("Elasticsearch"),
    "foundatio.repositories.elasticsearch*": _db("Elasticsearch"),
    "org.springframework.data.redis*": _db("Redis"), "redis.clients.jedis*": _db("Redis"), "io.lettuce*": _db("Redis"),
    "org.redisson*": _db("Redis"), "org.springframework.data.elasticsearch*": _db("Elasticsearch"),
    "co.elastic.clients*": _db("Elasticsearch"), "org.opensearch*": _db("OpenSearch"),
    "opensearch-ruby": _db("OpenSearch"), "opensearch-py": _db("OpenSearch"), "opensearchpy": _db("OpenSearch"),
    "@opensearch-project/opensearch": _db("OpenSearch"), "elasticsearch-ruby": _db("Elasticsearch"),
    "elasticsearch#ruby": _db("Elasticsearch"), "searchkick": _db("Elasticsearch"),
    "github.com/clickhouse/clickhouse-go*": _db("ClickHouse"), "clickhouse-driver": _db("ClickHouse"),
    "clickhouse_driver": _db("ClickHouse"), "@clickhouse/client": _db("ClickHouse"), "ecto_ch": _db("ClickHouse"),
    "ch#elixir": _db("ClickHouse"), "flask_restful": _web("Flask-RESTful"), "flask_restx": _web("Flask-RESTX"), "flask-restx": _web("Flask-RESTX"),
    "flask_smorest": _web("flask-smorest"), "flask-smorest": _web("flask-smorest"), "flask-restful": _web("Flask-RESTful"),
    # Go
    "go.etcd.io/bbolt*": _db("BoltDB"), "github.com/boltdb/bolt*": _db("BoltDB"),
    "github.com/go-webauthn/webauthn*": _WEBAUTHN, "github.com/duo-labs/webauthn*": _WEBAUTHN,
    "github.com/go-ldap/ldap*": _LDAP, "gopkg.in/ldap.v*": _LDAP, "github.com/crewjam/saml*": _SAML, "github.com/ory/fosite*": _SERVER,
    "github.com/go-oauth2/oauth2*": _SERVER,
    # Rust
    "webauthn-rs": _WEBAUTHN, "webauthn_rs": _WEBAUTHN, "webauthn-rs-proto": _WEBAUTHN, "openidconnect": _OIDC,
    "ldap3#rust": _LDAP, "oxide-auth": _SERVER, "oxide_auth": _SERVER, "samael": _SAML,
    "jwt-simple": _JWT_LIB, "jwt_simple": _JWT_LIB, "josekit": _JWT_LIB, "jwt-compact": _JWT_LIB,
    "jwt_compact": _JWT_LIB, "biscuit#rust": _auth("JWT"),
    # Ruby
    "webauthn#ruby": _WEBAUTHN, "net-ldap": _LDAP, "net/ldap": _LDAP, "devise_ldap_authenticatable": _LDAP,
    "ruby-saml": _SAML, "onelogin/ruby-saml": _SAML, "omniauth-saml": _SAML, "omniauth_openid_connect": _OIDC,
    "openid_connect": _OIDC, "doorkeeper-openid_connect": _OIDC,
    # PHP
    "web-auth/webauthn-lib": _WEBAUTHN, "laragear/webauthn": _WEBAUTHN, "web-auth/webauthn-symfony-bundle": _WEBAUTHN,
    "directorytree/ldaprecord": _LDAP, "directorytree/ldaprecord-laravel": _LDAP, "adldap2/adldap2": _LDAP,
    "nbgrp/onelogin-saml-bundle": _SAML, "nbgrp.oneloginsamlbundle*": _SAML, "hslavich/oneloginsaml-bundle": _SAML,
    "jbtronics/2fa-webauthn": _WEBAUTHN, "jbtronics.tfawebauthn*": _WEBAUTHN, "webauthn*#php": _WEBAUTHN,
    "laravel/fortify": _auth("session"), "laravel.fortify*#php": _auth("session"), "laravel/breeze": _auth("session"),
    "laravel/jetstream": _auth("session"), "laravel.jetstream*#php": _auth("session"), "ldaprecord*#php": _LDAP, "laragear.webauthn*#php": _WEBAUTHN, "socialiteproviders*#php": _auth("OAuth2"),
    # SocialiteProviders' identity servers sign in with OpenID Connect
    **{f"socialiteproviders.{name}*#php": _OIDC for name in ("keycloak", "authentik", "authelia", "zitadel", "kanidm",
                                                             "oidc", "auth0", "okta", "pocketid", "cognito")},
    "github.com/russellhaering/gosaml2*": _SAML,
    "symfony/ldap": _LDAP, "onelogin/php-saml": _SAML, "aacotroneo/laravel-saml2": _SAML, "24slides/laravel-saml2": _SAML,
    "league/oauth2-server": _SERVER, "jumbojett/openid-connect-php": _OIDC, "lcobucci/jwt": _JWT_LIB,
    "lcobucci.jwt*#php": _JWT_LIB, "web-token/jwt-framework": _auth("JWT"), "web-token/jwt-library": _JWT_LIB,
    "friendsofsymfony/oauth-server-bundle": _SERVER, "fos.oauthserverbundle*#php": _SERVER,
    "league/oauth2-server-bundle": _SERVER, "trikoder/oauth2-bundle": _SERVER,
    # .NET
    "fido2.aspnet": _WEBAUTHN, "fido2netlib*": _WEBAUTHN, "fido2#csharp": _WEBAUTHN, "novell.directory.ldap*": _LDAP,
    "system.directoryservices*": _LDAP, "sustainsys.saml2*": _SAML, "itfoxtec.identity.saml2*": _SAML,
    "openiddict*": _OIDC_SERVER, "duende.identityserver*": _OIDC_SERVER, "identityserver4*": _OIDC_SERVER,
    "microsoft.aspnetcore.authentication.openidconnect": _OIDC, "system.identitymodel.tokens.jwt": _JWT_LIB,
    "aspnetcore.authentication.basic": _auth("HTTP Basic"), "idunno.authentication.basic": _auth("HTTP Basic"),
    "hangfire.dashboard.basic.authentication": _auth("HTTP Basic"), "hangfirebasicauthenticationfilter*#csharp": _auth("HTTP Basic"),
    # Elixir
    "wax_": _WEBAUTHN, "wax": _WEBAUTHN, "exldap": _LDAP, "paddle": _LDAP, "samly": _SAML, "oidcc": _OIDC,
    "openid_connect#elixir": _OIDC, "ueberauth_oidc": _OIDC, "ueberauth.strategy.oidc#elixir": _OIDC, "boruta": _SERVER, "joken*#elixir": _JWT_LIB,
    "ex_oauth2_provider": _SERVER, "exoauth2provider*#elixir": _SERVER,
    "ueberauth": _auth("OAuth2"), "assent": _auth("OAuth2"), "plug.basicauth": _auth("HTTP Basic"),
}  # fmt: skip

PACKAGES: dict[str, tuple[Fact, ...]] = {
    **PYTHON, **NODE, **JVM, **GO, **RUST, **RUBY, **PHP, **DOTNET, **ELIXIR, **AUTH
}  # fmt: skip

# The role each test tool plays beside the runner (a value absent here is a runner).
TEST_ROLES: dict[str, str] = {
    **dict.fromkeys(("TestClient", "Django test client", "DRF APIClient", "WebTest", "Hono testClient", "reqwest",
                     "Laravel HTTP tests", "Rails integration tests", "TestRestTemplate", "supertest", "MockMvc", "WebTestClient",
                     "REST Assured", "Ktor testApplication", "Rack::Test", "WebApplicationFactory", "axum-test",
                     "Phoenix.ConnTest", "net/http/httptest", "Symfony WebTestCase"), "http-client"),
    **dict.fromkeys(("factory_boy", "model_bakery", "Faker", "fishery", "Instancio", "Datafaker", "FactoryBot",
                     "Foundry", "Bogus", "AutoFixture", "ExMachina", "gofakeit", "fake (crate)", "Laravel factories"),
                    "factories"),
    **dict.fromkeys(("pytest-django", "pytest-asyncio", "rstest"), "plugin"),
    "Testcontainers": "containers", "dockertest": "containers",
    **dict.fromkeys(("unittest.mock", "pytest-mock", "Sinon", "Mockito", "MockK", "Moq", "NSubstitute", "FakeItEasy",
                     "gomock", "testify/mock", "go-sqlmock", "mockall", "Mox", "Mockery", "mocha (Ruby)", "time-machine", "freezegun",
                     "System.IO.Abstractions"), "mocking"),
    **dict.fromkeys(("Rails fixtures",), "factories"),
    **dict.fromkeys(("Livewire test helpers",), "plugin"),
    **dict.fromkeys(("Http::fake",), "http-mocking"),
    **dict.fromkeys(("claims", "reactor-test", "insta", "googletest"), "assertions"),
    **dict.fromkeys(("Spring Boot Test",), "plugin"),
    **dict.fromkeys(("embedded-postgres",), "containers"),
    **dict.fromkeys(("responses", "respx", "requests-mock", "nock", "MSW", "WireMock", "WebMock", "VCR", "httpmock",
                     "gock", "wiremock", "Bypass", "Pact"), "http-mocking"),
    **dict.fromkeys(("Chai", "AssertJ", "Hamcrest", "FluentAssertions", "Shouldly", "testify", "Gomega",
                     "shoulda-matchers"), "assertions"),
    **dict.fromkeys(("Respawn", "DatabaseCleaner", "Ecto SQL Sandbox", "RefreshDatabase", "DAMA DoctrineTestBundle"),
                    "db-reset"),
    **dict.fromkeys(("Playwright", "Cypress", "Puppeteer", "Selenium", "Capybara", "Laravel Dusk", "Wallaby",
                     "Panther", "Postman/Newman"), "e2e"),
    **dict.fromkeys(("Reqnroll", "SpecFlow", "Cucumber", "behave", "pytest-bdd", "Behat", "Serenity BDD"), "bdd"),
    "Postman/Newman": "e2e", **dict.fromkeys(("Unirest", "httpx", "requests"), "http-client"),
}  # fmt: skip

# HTTP clients that are test tools only when a test imports them (the application may call other services with them).
TEST_CLIENTS: dict[str, str] = {"httpx": "httpx", "reqwest": "reqwest"}

# Databases that serve as a cache beside the main one.
CACHES = {"Redis"}
