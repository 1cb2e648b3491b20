"""What an ecosystem module offers: route extractors run over all files, and a model finder built from all files
(it may need cross-file facts, such as the DbSets of a DbContext) that is then called file by file."""

from __future__ import annotations

from collections.abc import Callable

from prp_agent.repo.source import Routes, SourceFile

__all__ = ["Add", "FileModels", "RouteExtractor", "only"]

RouteExtractor = Callable[[list[SourceFile], Routes], None]
Add = Callable[[str, list[str], SourceFile, int], None]
FileModels = Callable[[SourceFile, Add], None]


def only(languages: set[str], find: FileModels) -> FileModels:
    """A file model finder that looks only at source files of these languages."""

    def finder(source: SourceFile, add: Add) -> None:
        if source.language in languages:
            find(source, add)

    return finder
