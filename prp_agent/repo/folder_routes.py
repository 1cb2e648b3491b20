"""Routers loaded from a folder: `registerRoutes(app, path.join(__dirname, "routes"), api)` mounts each module under
the folder at the path its file names (`channels/#channel_id/messages.ts` → `/channels/{channel_id}/messages`,
`index` files at their folder). The loading call is read with the file that makes it; linking mounts each module's
router found under the folder (`folder_mounts`)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

# `path.join(__dirname, "routes", "/")`, `resolve(__dirname, 'api/routes')`, `__dirname + "/routes"`
_FOLDER = re.compile(
    r"""(?:\bpath\.)?\b(?:join|resolve)\(\s*__dirname\s*((?:,\s*["'`][\w./ -]{0,120}["'`]\s*){1,6})\)|"""
    r"""__dirname\s*\+\s*["'`](/[\w./-]{1,120})["'`]"""
)
_PART = re.compile(r"""["'`]([\w./ -]{0,120})["'`]""")
LOADERS = re.compile(r"(?i)register|autoload|load|mount|routes?")  # what a call that loads a folder is named
JS_MODULE = re.compile(r"\.(?:[cm]?[jt]s)$")  # a JavaScript or TypeScript module's file
_PARAM = re.compile(r"^(?:#|:)(\w+)$|^\[(\w+)\]$")  # `#channel_id`, `:id`, `[id]`


def loaded_folder(call_text: str) -> str | None:
    """The folder, relative to the calling file, a loading call names (`routes`), or None."""
    found = _FOLDER.search(call_text[:2000])
    if found is None:
        return None
    parts = _PART.findall(found.group(1)) if found.group(1) else [found.group(2)]
    folder = posixpath.normpath(posixpath.join(*[p.strip().strip("/") or "." for p in parts]))
    return None if folder in {".", ""} or folder.startswith("..") else folder


def folder_mounts(folder: str, file: str, modules: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """(module file, its router's name, the path it is served at) of each router module under the folder, from the
    routers every file makes (`modules`: file → the router it exports)."""
    base = posixpath.normpath(posixpath.join(posixpath.dirname(file), folder))
    for module in sorted(modules):
        if not module.startswith(base + "/") or not JS_MODULE.search(module) or module == file:
            continue
        parts = JS_MODULE.sub("", module[len(base) + 1 :]).split("/")
        if parts[-1] == "index":
            parts = parts[:-1]
        served = "/".join("{" + (m.group(1) or m.group(2)) + "}" if (m := _PARAM.match(p)) else p for p in parts)
        yield module, modules[module], "/" + served
