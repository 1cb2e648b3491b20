"""One error hierarchy; each error knows the exit code the CLI maps it to."""

from __future__ import annotations

__all__ = [
    "ConflictError",
    "DraftFailedError",
    "DraftIncompleteError",
    "InputError",
    "ModeRejectedError",
    "ModelError",
    "ModelRequestError",
    "OutputExistsError",
    "PrpAgentError",
    "TemplateError",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3


class PrpAgentError(Exception):
    """Base class: a message fit for one stderr line, and an exit code."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(PrpAgentError):
    """Bad user input: empty description, invalid option value, unwritable path."""


class TemplateError(InputError):
    """A template that cannot be found, read or compiled."""


class OutputExistsError(InputError):
    """An output file exists and --force was not given."""


class DraftFailedError(PrpAgentError):
    """The draft produced nothing usable (for example every request failed)."""

    exit_code = EXIT_FAILED


class DraftIncompleteError(PrpAgentError):
    """The draft was written, but its deadline cut some sections (flagged `request_failed`)."""

    exit_code = EXIT_PARTIAL


class ConflictError(PrpAgentError):
    """Someone else changed what we were about to write: nothing was written."""

    exit_code = EXIT_FAILED


class ModelError(PrpAgentError):
    """A model call that did not produce an answer; drafting turns it into a section flag."""

    exit_code = EXIT_FAILED


class ModelRequestError(ModelError):
    """The request failed after retries (network, 5xx, 429, auth, timeout).

    `fatal`: every other request would fail the same way (no server, a rejected key, an unknown model), so the run
    stops at once instead of flagging each section.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retryable: bool = False,
        retry_after: float | None = None,
        fatal: bool = False,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retryable = retryable
        self.retry_after = retry_after
        self.fatal = fatal


class ModeRejectedError(ModelRequestError):
    """The server rejected the structured-output mode of the request (400/422, or a 5xx naming the feature)."""
