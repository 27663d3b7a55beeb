"""Exceptions raised by Agora's library code.

The library raises; only the CLI (and later the web layer) turns an exception into output.
Problems found *in content* are not exceptions: they are collected as
:class:`agora.models.Problem` values so that one run reports all of them. Exceptions are for
conditions that stop a command outright::

    AgoraError                   every error has a stable ``code``, a ``message`` and a ``hint``
    ├── UsageError               the command was asked for something impossible (exit 2)
    │   ├── LedgerNotFoundError       the path does not exist or holds no ledger
    │   ├── RecordNotFoundError       ``agora show`` / ``agora new`` could not find a referenced id
    │   ├── TargetExistsError         ``agora init`` / ``agora new`` would overwrite something
    │   ├── HistoryError              the ledger's git history cannot answer (no repository,
    │   │                             unknown revision, a date before the first commit)
    │   └── ListenError               ``agora serve`` cannot listen there (port in use, bad host)
    └── SettingsError            an ``AGORA_*`` environment variable has a bad value (exit 2)
"""

from __future__ import annotations

__all__ = [
    "AgoraError",
    "HistoryError",
    "InputOutputError",
    "LedgerNotFoundError",
    "ListenError",
    "RecordNotFoundError",
    "SettingsError",
    "TargetExistsError",
    "UsageError",
]


class AgoraError(Exception):
    """Base of every error Agora raises on purpose.

    Attributes:
        code: stable identifier, documented in ``docs/errors.md``.
        message: what happened, with where.
        hint: how to fix it.
    """

    code = "agora-error"
    exit_code = 1

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(AgoraError):
    """The command cannot do what was asked; nothing was changed."""

    code = "usage"
    exit_code = 2


class LedgerNotFoundError(UsageError):
    """The given path does not exist or does not look like a ledger."""

    code = "ledger-not-found"


class RecordNotFoundError(UsageError):
    """No record has the requested id."""

    code = "record-not-found"


class TargetExistsError(UsageError):
    """Writing would overwrite an existing file or a non-empty folder."""

    code = "target-exists"


class HistoryError(UsageError):
    """The ledger's git history cannot answer what was asked."""

    code = "history"


class ListenError(UsageError):
    """``agora serve`` cannot listen where it was asked to (a port in use, a bad address)."""

    code = "cannot-listen"


class SettingsError(AgoraError):
    """An ``AGORA_*`` setting has a value that cannot be used."""

    code = "bad-setting"
    exit_code = 2


class InputOutputError(AgoraError):
    """The operating system refused to read or write a file (not a content file)."""

    code = "io"
    exit_code = 2
