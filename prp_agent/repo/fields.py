"""The fields a class declares, read from its syntax tree: only what sits directly in the class body (or its
primary constructor), so a method's parameters and locals never count; static members and members marked as not
persisted (`@Transient`, `[NotMapped]`, `@Ignore`) are left out.

Java fields and records, Kotlin properties and constructor properties, C# properties and fields, TypeScript class
fields (TypeORM, MikroORM). Languages whose models are read well enough by their ecosystem module keep that reading.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from prp_agent.repo.syntax import ClassDef, SyntaxFile

if TYPE_CHECKING:
    from tree_sitter import Node

__all__ = ["FIELD_LANGUAGES", "class_fields"]

FIELD_LANGUAGES = {"Java", "Kotlin", "C#", "TypeScript", "JavaScript"}
_NOT_PERSISTED = re.compile(r"\b(Transient|NotMapped|Ignore|JsonIgnore\b(?!Properties))\b")


def class_fields(syntax: SyntaxFile) -> dict[str, list[str]]:
    """Class name → the fields its body declares, for every class of a file in `FIELD_LANGUAGES`."""
    if syntax.language not in FIELD_LANGUAGES:
        return {}
    reader = _READERS.get(syntax.language)
    found: dict[str, list[str]] = {}
    for klass in syntax.classes:
        if reader is not None:
            names = [n for n in reader(syntax, klass) if n and n != "serialVersionUID"]
            found.setdefault(klass.name, list(dict.fromkeys(names)))
    return found


def _body(klass: ClassDef) -> list[Node]:
    body = klass.body or klass.node.child_by_field_name("body")
    if body is None:
        body = next((c for c in klass.node.named_children if c.type in {"class_body", "declaration_list"}), None)
    return list(body.named_children) if body is not None else []


def _skipped(syntax: SyntaxFile, member: Node) -> bool:
    """A static member, or one marked as not persisted."""
    head = syntax.text(member)
    head = head[: head.find("=")] if "=" in head else head[:300]
    return bool(re.search(r"\bstatic\b|\bconst\b", head)) or bool(_NOT_PERSISTED.search(head))


def _java(syntax: SyntaxFile, klass: ClassDef) -> list[str]:
    names: list[str] = []
    if klass.node.type == "record_declaration":
        parameters = klass.node.child_by_field_name("parameters")
        for parameter in parameters.named_children if parameters is not None else []:
            name = parameter.child_by_field_name("name")
            if name is not None:
                names.append(syntax.text(name))
    for member in _body(klass):
        if member.type != "field_declaration" or _skipped(syntax, member):
            continue
        for declarator in member.children_by_field_name("declarator"):
            name = declarator.child_by_field_name("name")
            if name is not None:
                names.append(syntax.text(name))
    return names


def _kotlin(syntax: SyntaxFile, klass: ClassDef) -> list[str]:
    names: list[str] = []
    constructor = next((c for c in klass.node.named_children if c.type == "primary_constructor"), None)
    if constructor is not None:
        for parameters in (c for c in constructor.named_children if c.type == "class_parameters"):
            for parameter in parameters.named_children:
                if parameter.type == "class_parameter" and not _skipped(syntax, parameter):
                    name = next((c for c in parameter.named_children if c.type == "identifier"), None)
                    if name is not None:
                        names.append(syntax.text(name))
    for member in _body(klass):
        if member.type != "property_declaration" or _skipped(syntax, member):
            continue
        variable = next((c for c in member.named_children if c.type == "variable_declaration"), None)
        name = next((c for c in variable.named_children if c.type == "identifier"), None) if variable else None
        if name is not None:
            names.append(syntax.text(name))
    return names


def _csharp(syntax: SyntaxFile, klass: ClassDef) -> list[str]:
    names: list[str] = []
    for member in _body(klass):
        if _skipped(syntax, member):
            continue
        if member.type == "property_declaration":
            name = member.child_by_field_name("name")
            if name is not None and "=>" not in syntax.text(member).split("{", 1)[0]:  # computed: no storage
                names.append(syntax.text(name))
        elif member.type == "field_declaration":
            for declaration in (c for c in member.named_children if c.type == "variable_declaration"):
                for declarator in (c for c in declaration.named_children if c.type == "variable_declarator"):
                    name = declarator.child_by_field_name("name")
                    if name is not None:
                        names.append(syntax.text(name))
    return names


def _typescript(syntax: SyntaxFile, klass: ClassDef) -> list[str]:
    names: list[str] = []
    for member in _body(klass):
        if member.type not in {"public_field_definition", "field_definition"} or _skipped(syntax, member):
            continue
        name = member.child_by_field_name("name") or member.child_by_field_name("property")
        if name is not None:
            names.append(syntax.text(name).lstrip("#"))
    return names


_READERS = {"Java": _java, "Kotlin": _kotlin, "C#": _csharp, "TypeScript": _typescript, "JavaScript": _typescript}
