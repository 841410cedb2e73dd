"""The few kinds of error the core raises, each able to say what is wrong in Vietnamese
and in English, and where (file, row, field).

The GUI shows ``error.message()``; the CLI prints it on one line and exits 1.  Anything
else escaping the core is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.i18n import current_language, translate


@dataclass(frozen=True)
class Location:
    file: str | None = None
    row: str | int | None = None
    field: str | None = None

    def describe(self, language: str) -> str:
        parts = []
        if self.file:
            parts.append(translate("file {file}", language, file=self.file))
        if self.row is not None and self.row != "":
            parts.append(translate("row {row}", language, row=self.row))
        if self.field:
            parts.append(translate("field {field}", language, field=self.field))
        return ", ".join(parts)


@dataclass(frozen=True)
class Message:
    """A message quoted inside an error, translated when the error is shown, so that
    the quote speaks the same language as the sentence around it."""

    message_id: str

    def message(self, language: str) -> str:
        return translate(self.message_id, language)


class TienDoError(Exception):
    """Base of every error meant for the user.

    ``message_id`` is the English text with ``{name}`` fields; ``params`` fill them.
    """

    def __init__(self, message_id: str, *, where: Location | None = None, **params: object):
        self.message_id = message_id
        self.params = params
        self.where = where
        super().__init__(self.message("en"))

    def message(self, language: str | None = None) -> str:
        language = language or current_language()
        # A nested error (the cause quoted in a summary) speaks the same language.
        params = {k: v.message(language) if isinstance(v, (TienDoError, Message)) else v for k, v in self.params.items()}
        text = translate(self.message_id, language, **params)
        if self.where:
            place = self.where.describe(language)
            if place:
                text = f"{text} ({place})"
        return text

    @property
    def vi(self) -> str:
        return self.message("vi")

    @property
    def en(self) -> str:
        return self.message("en")


class InputError(TienDoError):
    """A value typed or read that the program cannot accept; nothing was changed."""


class WorkspaceError(TienDoError):
    """The workspace file cannot be opened or changed as asked."""


class WrongSecretError(WorkspaceError):
    """Passphrase or recovery code does not open this workspace."""


class WorkspaceBusyError(WorkspaceError):
    """Another instance has the workspace open."""


class CorruptWorkspaceError(WorkspaceError):
    """The file is damaged; restore from a backup."""


class CatalogError(TienDoError):
    """A plan catalog (JSON or .xlsx) is not valid."""


class LockedYearError(TienDoError):
    """The year has been signed; edits are refused until it is reopened with a reason."""


class PackageError(TienDoError):
    """An exchange package is rejected; ``reason`` is a stable code for summaries."""

    def __init__(self, reason: str, message_id: str, *, where: Location | None = None, **params: object):
        self.reason = reason
        super().__init__(message_id, where=where, **params)
