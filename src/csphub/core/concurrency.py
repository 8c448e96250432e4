"""No lost updates: every edit form carries the version of the record it was read at.

The version is the record's ``modified_at`` (every service write moves it). An edit form carries it
in a signed hidden field, together with a keyed digest of each field's value as the form showed
it. Saving then works like this:

1. the service locks the row and compares its version with the form's
   (:func:`lock_for_update`); a newer version raises :class:`EditConflictError` and nothing is
   written;
2. otherwise only the fields the user changed are written (the form's ``edited_fields``, computed
   against the record as it was read, which is the record as it is now).

On a conflict the view shows :func:`describe_conflict`: who changed the record and when, which
fields changed since the form was opened, and what the user had entered (not saved). The form is
shown again with the current values and the new version.

The digests are HMACs under the site's secret key, so the hidden field does not let anyone test
guesses of a value; the page shows the values anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django import forms
from django.core import signing
from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from csphub.core.errors import ApplicationError

M = TypeVar("M", bound=models.Model)

VERSION_FIELD = "record_version"
_SALT = "csphub.core.concurrency.edit-version"
STALE_FORM_MESSAGE = "This form is out of date. Go back to the record and open the form again."


def version_of(record: models.Model) -> str:
    """The record's version: when it was last written."""
    modified = getattr(record, "modified_at", None)
    if modified is None:
        raise TypeError(f"{type(record).__name__} has no modified_at to version edits by")
    return str(modified.isoformat())


def _digest(value: Any) -> str:
    if isinstance(value, models.Model):
        value = value.pk
    elif isinstance(value, dt.datetime):
        value = value.astimezone(dt.UTC).isoformat()
    return salted_hmac(_SALT, repr(value)).hexdigest()[:20]


def _label(record: models.Model) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


def make_token(record: models.Model, fields: Iterable[str]) -> str:
    """The signed version token an edit form of ``record`` carries."""
    return signing.dumps(
        {
            "r": _label(record),
            "v": version_of(record),
            "d": {name: _digest(getattr(record, name)) for name in fields},
        },
        salt=_SALT,
        compress=True,
    )


@dataclass(frozen=True)
class ReadVersion:
    """What a submitted edit form says about the record as it was read."""

    version: str
    digests: dict[str, str]


def read_token(token: str, record: models.Model) -> ReadVersion | None:
    """The version a token carries, or None when it is missing, forged or for another record."""
    try:
        data = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("r") != _label(record):
        return None
    return ReadVersion(version=str(data.get("v", "")), digests=dict(data.get("d") or {}))


class EditConflictError(ApplicationError):
    """The record was changed by someone else after the form was read; nothing was written."""

    def __init__(self, current: models.Model) -> None:
        super().__init__(
            "Someone else changed this record after you opened this form. Your changes have not been saved."
        )
        self.current = current


def lock_for_update(record: M, expected_version: str | None) -> M:
    """Lock ``record``'s row for this transaction and check it is still at ``expected_version``.

    Must be called inside ``transaction.atomic()``. ``expected_version=None`` skips the check (for
    callers that are not edit forms: commands, other services).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_for_update must run inside transaction.atomic()")
    current = type(record)._default_manager.select_for_update().get(pk=record.pk)
    if expected_version is not None and version_of(current) != expected_version:
        raise EditConflictError(current)
    return current


class VersionedFormMixin:
    """Mix into an edit form (before ``forms.Form``); pass ``record=`` and ``versioned_fields=``.

    Adds the hidden version field; ``read_version`` is the version the form was read at once the
    form is valid, and ``edited_fields`` the fields the user changed.
    """

    def __init__(
        self, *args: Any, record: models.Model, versioned_fields: Sequence[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.record = record
        self.versioned_fields = tuple(versioned_fields)
        self.read_version: ReadVersion | None = None
        self.fields[VERSION_FIELD] = forms.CharField(  # type: ignore[attr-defined]
            widget=forms.HiddenInput,
            required=True,
            error_messages={"required": STALE_FORM_MESSAGE},
        )
        self.initial[VERSION_FIELD] = make_token(record, self.versioned_fields)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}  # type: ignore[misc]
        token = data.get(VERSION_FIELD)
        if token:
            self.read_version = read_token(token, self.record)
            if self.read_version is None:
                self.add_error(None, STALE_FORM_MESSAGE)  # type: ignore[attr-defined]
        return data

    @property
    def edited_fields(self) -> list[str]:
        """The fields the user changed (against the record as read; the version check makes sure
        that is the record as it is now)."""
        return [name for name in self.changed_data if name != VERSION_FIELD]  # type: ignore[attr-defined]

    @property
    def expected_version(self) -> str | None:
        return self.read_version.version if self.read_version is not None else None


@dataclass
class ConflictDetails:
    """What the conflict page shows: who changed the record, when, what, and what you entered."""

    changed_by: str
    changed_at: dt.datetime | None
    changed_fields: list[str] = field(default_factory=list)
    yours: list[tuple[str, str]] = field(default_factory=list)


def describe_conflict(form: Any, current: models.Model) -> ConflictDetails:
    """Compare the record now with the version ``form`` was read at."""
    read = form.read_version
    others = [
        name
        for name in form.versioned_fields
        if read is None or read.digests.get(name) != _digest(getattr(current, name))
    ]
    labels = {name: str(f.label or name.replace("_", " ").capitalize()) for name, f in form.fields.items()}
    yours = []
    for name in form.edited_fields:
        if name in others:
            continue
        value = form.cleaned_data.get(name)
        choices = dict(getattr(form.fields[name], "choices", None) or ())
        if value in choices:
            value = choices[value]
        elif isinstance(value, dt.datetime):
            value = timezone.localtime(value).strftime("%-d %B %Y %H:%M")
        elif isinstance(value, bool):
            value = "Yes" if value else "No"
        elif value is None:
            value = ""
        yours.append((labels.get(name, name), str(value)))
    by = getattr(current, "modified_by", None)
    return ConflictDetails(
        changed_by=(by.get_full_name() or by.get_username()) if by is not None else "Someone else",
        changed_at=getattr(current, "modified_at", None),
        changed_fields=[labels.get(name, name) for name in others],
        yours=yours,
    )
