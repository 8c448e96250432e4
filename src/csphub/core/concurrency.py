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

Forms that take an action on a record (a status change, a decision, a step of a power) carry the
version the same way: the view wraps the service call in :func:`versioned_write`, which locks the
row and checks the version before the service writes, in one transaction; the shared question →
check answers → confirm journey (:mod:`csphub.frontend.flows`) does this for every versioned form
it is given. After a conflict, :func:`conflict_on` describes it and moves the form to the current
version, so the user can check the record as it is now and send their answers again.

The digests are HMACs under the site's secret key, so the hidden field does not let anyone test
guesses of a value; the page shows the values anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
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
            elif self._errors and self.read_version.version != version_of(self.record):  # type: ignore[attr-defined]
                # An answer is refused, and the record has changed too (perhaps why the answer no
                # longer fits, e.g. a status that cannot follow the new one): say so now. A valid
                # stale form is refused under the row lock instead (``versioned_write``).
                changed = ", ".join(_changed_labels(self, self.record)).lower()
                self.add_error(  # type: ignore[attr-defined]
                    None,
                    "Someone else changed this record after you opened this form"
                    + (f" ({changed})" if changed else "")
                    + ". Your changes have not been saved: check the record as it is now.",
                )
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


def _changed_since_read(form: Any, current: models.Model) -> list[str]:
    """The versioned fields whose value differs from the one the form was read with."""
    read = form.read_version
    return [
        name
        for name in form.versioned_fields
        if read is None or read.digests.get(name) != _digest(getattr(current, name))
    ]


def _labels(form: Any) -> dict[str, str]:
    return {name: str(f.label or name.replace("_", " ").capitalize()) for name, f in form.fields.items()}


def _changed_labels(form: Any, current: models.Model) -> list[str]:
    labels = _labels(form)
    return [
        labels.get(name, name.replace("_", " ").capitalize()) for name in _changed_since_read(form, current)
    ]


def _shown(value: Any, form_field: Any) -> str:
    """An entered value in words, as the conflict message lists it."""
    choices = {str(key): label for key, label in (getattr(form_field, "choices", None) or ())}
    if isinstance(value, list | tuple):
        return ", ".join(_shown(item, form_field) for item in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%-d %B %Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%-d %B %Y")
    if isinstance(value, models.Model):
        return str(value)
    return str(choices.get(str(value), value))


def describe_conflict(form: Any, current: models.Model) -> ConflictDetails:
    """Compare the record now with the version ``form`` was read at."""
    others = _changed_since_read(form, current)
    labels = _labels(form)
    yours = []
    read = form.read_version
    for name in form.edited_fields:
        value = form.cleaned_data.get(name)
        if name in others and read is not None and read.digests.get(name) == _digest(value):
            continue  # the value the form was read with, which someone else has since changed
        yours.append((labels.get(name, name), _shown(value, form.fields[name])))
    by = getattr(current, "modified_by", None)
    return ConflictDetails(
        changed_by=(by.get_full_name() or by.get_username()) if by is not None else "Someone else",
        changed_at=getattr(current, "modified_at", None),
        changed_fields=[labels.get(name, name.replace("_", " ").capitalize()) for name in others],
        yours=yours,
    )


@contextmanager
def versioned_write(form: Any) -> Iterator[models.Model]:
    """Lock ``form.record`` and check it is at the version the form was read at, for the writes
    made inside the block (one transaction). Raises :class:`EditConflictError`, writing nothing."""
    with transaction.atomic():
        yield lock_for_update(form.record, form.expected_version)


def conflict_on(form: Any, current: models.Model) -> ConflictDetails:
    """Describe the conflict, then move the bound ``form`` to ``current``'s version (keeping what
    the user entered), so sending it again acts on the record as it is now."""
    details = describe_conflict(form, current)
    form.record = current
    data = form.data.copy()
    data[form.add_prefix(VERSION_FIELD)] = make_token(current, form.versioned_fields)
    form.data = data
    return details


_VERSIONED_CLASSES: dict[type[Any], type[Any]] = {}


def versioned(form_class: type[Any]) -> type[Any]:
    """``form_class`` with :class:`VersionedFormMixin` mixed in (for forms chosen from a table)."""
    if form_class not in _VERSIONED_CLASSES:
        _VERSIONED_CLASSES[form_class] = type(
            f"Versioned{form_class.__name__}", (VersionedFormMixin, form_class), {}
        )
    return _VERSIONED_CLASSES[form_class]
