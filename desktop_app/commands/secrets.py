"""Asking for passphrases and recovery codes: the environment first, then the terminal."""

from __future__ import annotations

import getpass
import os
import sys

from desktop_app.core.errors import InputError, WrongSecretError
from desktop_app.core.i18n import _
from desktop_app.core.text import nfc


def _ask(prompt: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise WrongSecretError("No passphrase: set TIENDO_PASSPHRASE or run in a terminal.")
    return nfc(getpass.getpass(prompt))


def passphrase() -> str:
    value = os.environ.get("TIENDO_PASSPHRASE")
    return nfc(value) if value is not None else _ask(_("Passphrase: "))


def new_passphrase(variable: str = "TIENDO_NEW_PASSPHRASE") -> tuple[str, str]:
    """The new passphrase and its confirmation (the environment gives it once)."""
    value = os.environ.get(variable)
    if value is not None:
        return nfc(value), nfc(value)
    first = _ask(_("New passphrase (at least 8 characters): "))
    return first, _ask(_("The same passphrase again: "))


def recovery_code() -> str:
    value = os.environ.get("TIENDO_RECOVERY_CODE")
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise InputError("No recovery code: set TIENDO_RECOVERY_CODE or run in a terminal.")
    return input(_("Recovery code: "))
