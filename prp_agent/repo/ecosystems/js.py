"""JavaScript and TypeScript: AdonisJS route groups (Express, Fastify, koa, Hono and NestJS routes are read from the
syntax tree by `repo/routing.py`); TypeORM/MikroORM entities, Mongoose,
Sequelize, Drizzle tables, Lucid models and Prisma schemas.
"""

from __future__ import annotations

import itertools
import re

from prp_agent.repo.ecosystems.base import Add, FileModels
from prp_agent.repo.source import (
    ENTITY_CLASS,
    Routes,
    SourceFile,
    class_end,
    closing_brace,
    marked_classes,
    normalize_path,
    singular_class,
)

__all__ = ["ROUTES", "entity_finder"]


_ADONIS_ROUTE = re.compile(r"""\b(?:Route|router)\.(get|post|put|patch|delete)\(\s*['"`]([^'"`]+)['"`]""")

_ADONIS_GROUP = re.compile(r"""\b(?:Route|router)\.group\(\s*\(\)\s*=>\s*\{""")


def _adonis(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language in {"JavaScript", "TypeScript"} and "@adonisjs" in f.code):
        code = source.code
        groups = []
        for match in _ADONIS_GROUP.finditer(code):
            end = closing_brace(code, match.end() - 1)
            named = re.match(r"""\s*\)\s*\.prefix\(\s*['"`]([^'"`]+)['"`]""", code[end + 1 :])
            groups.append((match.start(), end, named.group(1) if named else ""))
        for match in _ADONIS_ROUTE.finditer(code):
            prefix = [p for s, e, p in groups if s < match.start() < e]
            routes.add(match.group(1), normalize_path(*prefix, match.group(2)), source, match.start())


# `mongoose.model('Alert', AlertSchema)`, with a type argument in TypeScript (`mongoose.model<IAlert>('Alert', …)`)
_JS_MONGOOSE = re.compile(
    r"""mongoose\.model(?:<[\w\s,<>\[\]|]{1,120}>)?\(\s*['"](\w+)['"]|"""
    r"""model(?:<[\w\s,<>\[\]|]{1,120}>)?\(\s*['"](\w+)['"]\s*,\s*\w+Schema"""
)

_JS_SCHEMA_FIELDS = re.compile(
    r"""new\s+(?:mongoose\.)?Schema(?:<[\w\s,<>\[\]|]{1,120}>)?\(\s*\{(.*?)\}\s*(?:,\s*\{[^}]*\}\s*)?,?\s*\)""", re.S
)

_TS_COLUMN = re.compile(
    r"@(?:Column|PrimaryGeneratedColumn|PrimaryColumn|CreateDateColumn|UpdateDateColumn|"
    r"ManyToOne|OneToMany|ManyToMany|OneToOne)\([^)]*\)\s*(\w+)"
)

# `define('user', {…})`, `define(USER_MODEL_NAME, {…})` (a constant of the file names it), a `Model` subclass
_SEQUELIZE = re.compile(
    r"""\.define\(\s*(?:['"](?P<table>\w+)['"]|(?P<constant>[A-Z][A-Z0-9_]{0,80})\b)|class\s+(?P<cls>\w+)\s+extends\s+Model\b"""
)
# the model type a define's factory returns (`(sequelize: Sequelize): ModelCtor<Token> =>`)
_MODEL_CTOR = re.compile(r"ModelCtor<[ \t]*([A-Z]\w{0,80})[ \t]*>[^\n]{0,80}$")


# sequelize-typescript: `@Table({ tableName: "stars" })` over a class (its decorators may nest any depth)
_SEQUELIZE_TABLE = re.compile(r"^[ \t]*@Table\b", re.M)


_DEFINE_WINDOW = 8_000  # characters of a `define()` attributes object read (a model's attributes fit)
_DEFINES = 200  # `define()` calls of one file whose attributes are read
_KEY = re.compile(r"""[{,][ \t\r\n]*(?://[^\n]*\n[ \t\r\n]*)*["']?([A-Za-z_$][\w$]*)["']?[ \t]*:""")


def _top_keys(body: str) -> list[str]:
    """The keys of an object literal's own level (`{id: {type: …}, name: {…}}` gives id, name): each key that
    follows a `{` or `,` with no bracket opened since the object's start; brackets inside strings do not count."""
    keys: list[str] = []
    text = "{" + body
    depth, quote = 0, ""
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote and text[index - 1] != "\\" else quote
        elif char in "'\"`":
            quote = char
        elif char in "{[(":
            depth += 1
        elif char in "}])":
            depth -= 1
        if not quote and depth == 1 and char in "{," and (found := _KEY.match(text, index)) is not None:
            keys.append(found.group(1))
    return list(dict.fromkeys(keys))


# Sails.js: a model is `api/models/Board.js`, `module.exports = { attributes: { name: {…}, … } }`
_SAILS_MODEL = re.compile(r"(?:^|/)api/models/([A-Z]\w*)\.[jt]s$")
_ATTRIBUTES = re.compile(r"\battributes[ \t]*:[ \t]*\{")


def _js_models(source: SourceFile, add: object) -> None:
    assert callable(add)
    code = source.code
    if (sails := _SAILS_MODEL.search(source.path)) is not None and (found := _ATTRIBUTES.search(code)) is not None:
        window = code[found.end() - 1 : found.end() - 1 + _DEFINE_WINDOW]
        add(sails.group(1), _top_keys(window[1 : closing_brace(window, 0)]), source, found.start())
    for match in [*ENTITY_CLASS.finditer(code), *marked_classes(code, _SEQUELIZE_TABLE)]:
        body = code[match.end() : class_end(code, match.end())]
        add(match.group(1), _TS_COLUMN.findall(body), source, match.start())
    for match in _JS_MONGOOSE.finditer(code):
        schema = _JS_SCHEMA_FIELDS.search(code)
        fields = re.findall(r"^[ \t]*(\w+)\s*:", schema.group(1), re.M) if schema else []
        add(match.group(1) or match.group(2), fields, source, match.start())
    if "sequelize" in code.lower():
        for count, match in enumerate(_SEQUELIZE.finditer(code)):
            attributes: list[str] = []
            defined = match.group("table") or match.group("constant")
            opening = code.find("{", match.end(), match.end() + 200) if defined and count < _DEFINES else -1
            if opening >= 0 and not code[match.end() : opening].strip(" \t\r\n,"):  # `define('t_area', {id: …})`
                window = code[opening : opening + _DEFINE_WINDOW]  # an unclosed object reads no further than this
                attributes = _top_keys(window[1 : closing_brace(window, 0)])
            before = max(0, match.start() - 200)
            bound = _BOUND_TO.search(code, before, match.start()) if defined else None
            typed = _MODEL_CTOR.search(code, before, match.start()) if defined and bound is None else None
            named = bound or typed
            if named is not None:
                name = named.group(1)
            elif match.group("constant"):  # `define(TOKEN_MODEL_NAME, …)` and no name bound: the constant's value
                value = re.search(rf"""\b{match.group("constant")}[ \t]*=[ \t]*['"](\w+)['"]""", code)
                if value is None:
                    continue
                name = singular_class(value.group(1))
            else:
                name = match.group("table") or match.group("cls")
            add(name, attributes, source, match.start())


# `export const DailyClicks = <DailyClicksStatic>sequelize.define('daily_stats', …)`: the model is the name the code
# binds, when it is a class-like name; the table name otherwise
_BOUND_TO = re.compile(
    r"\b(?:const|let|var)[ \t]+([A-Z]\w{0,80})[ \t]*(?::[^=\n]{0,80})?=[ \t\n]*(?:<\w{1,80}>)?[ \t]*\w{1,80}$"
)


_PRISMA_MODEL = re.compile(r"^model\s+(\w+)\s*\{(.*?)^\}", re.M | re.S)

_DRIZZLE = re.compile(r"\b(?:export\s+)?const\s+(\w+)\s*=\s*(?:pg|mysql|sqlite)Table\(\s*['\"]\w+['\"]\s*,\s*\{")

_LUCID = re.compile(r"class\s+(?!Base|Abstract|\w*BaseModel\b)(\w+)\s+extends\s+BaseModel\b")  # not a base of others
# a Lucid model on the project's own base (`class Link extends AppBaseModel`), in a file that imports Lucid's `column`
_LUCID_DERIVED = re.compile(
    r"class\s+(?!Base|Abstract|\w*BaseModel\b)(\w+)\s+extends\s+(?!BaseModel\b)\w*(?:Model|Base)\b"
)

_LUCID_COLUMN = re.compile(r"@column(?:\.\w+)?\([^)]*\)\s*(?:declare\s+|public\s+)?(\w+)")


def entity_finder(files: list[SourceFile]) -> FileModels:
    """TypeORM/MikroORM entities, Mongoose, Sequelize, Drizzle tables, Lucid models, Prisma schemas."""

    def find(source: SourceFile, add: Add) -> None:
        code = source.code
        if source.language in {"TypeScript", "JavaScript"}:
            _js_models(source, add)
            for match in _DRIZZLE.finditer(code):
                body = code[match.end() : closing_brace(code, match.end() - 1)]
                add(match.group(1), re.findall(r"^[ \t]*(\w+)\s*:", body, re.M), source, match.start())
            lucid = "@column" in code and "lucid" in code.lower()
            for match in itertools.chain(_LUCID.finditer(code), _LUCID_DERIVED.finditer(code) if lucid else ()):
                body = code[match.end() : class_end(code, match.end())]
                add(match.group(1), _LUCID_COLUMN.findall(body), source, match.start())
        if source.path.endswith(".prisma"):
            for match in _PRISMA_MODEL.finditer(code):
                fields = re.findall(r"^[ \t]*(\w+)\s+\w", match.group(2), re.M)
                add(match.group(1), [f for f in fields if not f.startswith("@")], source, match.start())

    return find


ROUTES = (_adonis,)  # Express/Fastify/Hono/NestJS: repo/routing.py reads them from the syntax tree
