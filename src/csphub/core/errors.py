"""Errors that services raise for rule violations; views show them as GOV.UK error messages."""

from __future__ import annotations


class ApplicationError(Exception):
    """A business rule said no. ``message`` is written for the user; ``field`` names the form field."""

    def __init__(
        self, message: str, *, field: str | None = None, fix_url: str = "", fix_text: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        # Where the user can put it right when it is recorded elsewhere (a person's date of birth
        # is on the person's "Change details" page): shown as a link beside the error.
        self.fix_url = fix_url
        self.fix_text = fix_text


class PermissionDeniedError(ApplicationError):
    """The actor may not do this. Views answer 404 when the record itself must stay hidden."""
