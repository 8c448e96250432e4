"""Errors that services raise for rule violations; views show them as GOV.UK error messages."""

from __future__ import annotations


class ApplicationError(Exception):
    """A business rule said no. ``message`` is written for the user; ``field`` names the form field."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDeniedError(ApplicationError):
    """The actor may not do this. Views answer 404 when the record itself must stay hidden."""
