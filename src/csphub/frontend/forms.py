"""GOV.UK form helpers: a mixin for classes and error states, date widgets and the three-field date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

_WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
    forms.CheckboxInput: "govuk-checkboxes__input",
}


class GovukFormMixin:
    """Mix into a Django form: widgets get GOV.UK classes; fields with errors get error classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | GovukSplitDateWidget):
                continue
            css = next((c for k, c in _WIDGET_CLASSES.items() if isinstance(widget, k)), "govuk-input")
            existing = widget.attrs.get("class", "")
            widget.attrs["class"] = f"{css} {existing}".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in getattr(self, "_errors", {}) or {}:
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if field is None:
                continue
            if isinstance(field.widget, GovukSplitDateWidget):
                field.widget.error_parts = _parts_at_fault(self._errors[name], field.widget.parts)  # type: ignore[attr-defined]
                field.widget.error_part = field.widget.error_parts[0]  # type: ignore[attr-defined]
                continue
            css = field.widget.attrs.get("class", "")
            base = css.split()[0] if css else "govuk-input"
            if f"{base}--error" not in css:
                field.widget.attrs["class"] = f"{css} {base}--error".strip()
            field.widget.attrs["aria-describedby"] = f"id_{name}-error"

    def add_application_error(self, error: Any) -> None:
        """Attach a service's ApplicationError to its field (or to the form)."""
        field = getattr(error, "field", None)
        if field not in self.fields:  # type: ignore[attr-defined]
            field = None
        self.add_error(field, error.message)  # type: ignore[attr-defined]
        add_fix_link(self, error)


def _parts_at_fault(errors: Any, parts: tuple[str, ...]) -> tuple[str, ...]:
    """The inputs of a date (or date and time) that the first error is about: these, and only these,
    are marked in error, and the error summary links to the first of them.

    GOV.UK date input: "highlight the day, month or year field where there is a problem, or the whole
    date input if there is a problem with the whole date" — a missing month marks the month, a year of
    two digits the year, a time that never happened the time; nothing entered, or not a real date,
    marks the whole date.
    """
    data = errors.as_data() if hasattr(errors, "as_data") else []
    error = data[0] if data else None
    code = getattr(error, "code", None)
    date_parts = tuple(part for part in parts if part != "time")
    if code == "incomplete":
        missing = str((getattr(error, "params", None) or {}).get("missing", "")).split(" and ")
        found = tuple(part for part in parts if part in missing)
        if found:
            return found
    if code in ("year", "early"):
        return ("year",)
    if code in ("time", "nonexistent") and "time" in parts:
        return ("time",)
    if code == "invalid":
        return date_parts
    return parts


def add_fix_link(form: Any, error: Any) -> None:
    """Keep the error's "put it right here" link (``fix_url``) for the error summary to show."""
    if getattr(error, "fix_url", ""):
        links = getattr(form, "fix_links", None)
        if links is None:
            links = []
            form.fix_links = links
        link = {"url": error.fix_url, "text": error.fix_text or "Put this right"}
        if link not in links:
            links.append(link)


# ---------------------------------------------------------------------------------------------------
# The GOV.UK date input: three fields (day, month, year) in a fieldset
# ---------------------------------------------------------------------------------------------------

DATE_PARTS = ("day", "month", "year")
# No date anyone records (a birth, an incident, a complaint) is older than this.
EARLIEST_YEAR = 1900
# A single posted value (``when=2024-03-27``) is still understood: API-like posts and older forms.
SINGLE_VALUE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%d.%m.%Y"]
_MONTH_NAMES = {
    name: number
    for number in range(1, 13)
    for name in (
        dt.date(2000, number, 1).strftime("%B").lower(),
        dt.date(2000, number, 1).strftime("%b").lower(),
    )
}


class GovukSplitDateWidget(forms.MultiWidget):
    """Day, month and year inputs named ``<name>_day``, ``<name>_month``, ``<name>_year``."""

    template_name = "frontend/components/date_input_widget.html"
    parts: tuple[str, ...] = DATE_PARTS

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(
                attrs={
                    "class": "govuk-input govuk-date-input__input govuk-input--width-"
                    + {"year": "4", "time": "5"}.get(part, "2"),
                    "inputmode": "numeric",
                }
            )
            for part in self.parts
        }
        super().__init__(widgets, attrs)
        self.error_parts: tuple[str, ...] = ()  # set when the field has an error: the inputs at fault
        self.error_part = self.parts[0]  # the input the error summary links to

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, str):
            value = _parse_single(value)
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if name in data and not any(f"{name}_{part}" in data for part in self.parts):
            return data.get(name)
        return [data.get(f"{name}_{part}", "") for part in self.parts]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and all(f"{name}_{part}" not in data for part in self.parts)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for part, sub in zip(self.parts, context["widget"]["subwidgets"], strict=True):
            sub["part"] = part
            if context["widget"]["attrs"].get("id"):
                sub["attrs"]["id"] = f"{context['widget']['attrs']['id']}_{part}"
            sub["label"] = part.capitalize()
            if part in self.error_parts:
                sub["attrs"]["class"] = f"{sub['attrs'].get('class', '')} govuk-input--error".strip()
        return context


def _parse_single(value: str) -> dt.date | None:
    for fmt in SINGLE_VALUE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


class GovukDateField(forms.Field):
    """A date asked as day, month and year, with the GOV.UK error messages.

    - nothing entered: the ``required`` message ("Enter the date ...");
    - a part missing: "<Label> must include a month" (or "a day and year", ...);
    - not a calendar date (31 February, "ten"): "<Label> must be a real date";
    - a year of other than four digits: "Year must include 4 numbers".

    Months may be typed as numbers or names ("3", "mar", "March").
    """

    widget = GovukSplitDateWidget

    def __init__(self, *, label: str, error_messages: dict[str, str] | None = None, **kwargs: Any) -> None:
        messages = {
            "required": f"Enter {label[0].lower()}{label[1:]}",
            "incomplete": f"{label} must include a %(missing)s",
            "invalid": f"{label} must be a real date",
            "year": "Year must include 4 numbers",
            "early": f"Year must be {EARLIEST_YEAR} or later",
            **(error_messages or {}),
        }
        super().__init__(label=label, error_messages=messages, **kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            parsed = _parse_single(value)
            if parsed is None:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            return parsed
        parts = [str(v if v is not None else "").strip() for v in value]
        if not any(parts):
            return None
        missing = [name for name, part in zip(DATE_PARTS, parts, strict=True) if not part]
        if missing:
            raise forms.ValidationError(
                self.error_messages["incomplete"],
                code="incomplete",
                params={"missing": " and ".join(missing)},
            )
        day, month, year = parts
        month_number = _MONTH_NAMES.get(month.lower())
        if month_number is None and month.isdigit():
            month_number = int(month)
        if not day.isdigit() or month_number is None or not year.isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if len(year) != 4:
            raise forms.ValidationError(self.error_messages["year"], code="year")
        if int(year) < EARLIEST_YEAR:  # "0001" has four digits (security review, note in 25)
            raise forms.ValidationError(self.error_messages["early"], code="early")
        try:
            return dt.date(int(year), month_number, int(day))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


# ---------------------------------------------------------------------------------------------------
# A date and a time: the three date fields and a time field, in one fieldset
# ---------------------------------------------------------------------------------------------------

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I.%M%p", "%I%p"]


class GovukSplitDateTimeWidget(GovukSplitDateWidget):
    """Day, month, year and time inputs (``<name>_time``: "21:30" or "9:30pm")."""

    parts = (*DATE_PARTS, "time")

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value)
            except ValueError:
                return [None, None, None, None]
        if isinstance(value, dt.datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return [local.day, local.month, local.year, f"{local:%H:%M}"]
        return [None, None, None, None]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        time = context["widget"]["subwidgets"][-1]
        time["attrs"].pop("inputmode", None)  # "9:30pm" needs letters
        return context


def _parse_time(text: str) -> dt.time | None:
    cleaned = text.strip().lower().replace(" ", "")
    if cleaned in ("midday", "noon"):
        return dt.time(12, 0)
    if cleaned == "midnight":
        return dt.time(0, 0)
    for fmt in TIME_FORMATS:
        try:
            return dt.datetime.strptime(cleaned.upper() if "m" in cleaned else cleaned, fmt).time()
        except ValueError:
            continue
    return None


class GovukDateTimeField(GovukDateField):
    """A date (day, month, year) and a time of day, as a timezone-aware datetime in local time.

    The time is typed as "21:30", "9:30pm" or "midday"; errors follow the date's: nothing entered
    gives the ``required`` message, a missing time "<Label> must include a time", a time that is
    not one "Enter the time like 21:30 or 9:30pm".

    UK local time has an hour that happens twice and an hour that never happens. A time in the hour
    the clocks go back (01:30 on the last Sunday of October) is taken as its first occurrence, in
    British Summer Time, so it can always be recorded (security review, note in 25). A time in the
    hour the clocks go forward (01:00 to 01:59 on the last Sunday of March) never happened and is
    refused with a message that says why.
    """

    widget = GovukSplitDateTimeWidget

    def __init__(self, *, label: str, error_messages: dict[str, str] | None = None, **kwargs: Any) -> None:
        messages = {
            "time": "Enter the time like 21:30 or 9:30pm",
            "nonexistent": "There was no %(time)s on %(day)s because the clocks went forward an hour. "
            "Enter the time as it was shown on a clock that had been changed",
            **(error_messages or {}),
        }
        super().__init__(label=label, error_messages=messages, **kwargs)

    def _local(self, naive: dt.datetime) -> dt.datetime:
        """The wall-clock time ``naive`` in the current time zone, refusing one that never happened."""
        if timezone.is_aware(naive):
            return naive
        zone = timezone.get_current_timezone()
        first = naive.replace(tzinfo=zone, fold=0)  # the hour that happens twice: its first time
        if first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != naive:
            raise forms.ValidationError(
                self.error_messages["nonexistent"],
                code="nonexistent",
                params={"time": f"{naive:%H:%M}", "day": f"{naive.day} {naive:%B %Y}"},
            )
        return first

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return self._local(value)
        if isinstance(value, str):  # a single posted value: "2024-03-27T21:30"
            try:
                moment = dt.datetime.fromisoformat(value.strip())
            except ValueError:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
            return self._local(moment)
        parts = [str(v if v is not None else "").strip() for v in value]
        if not any(parts):
            return None
        *date_parts, time_text = parts
        missing = [name for name, part in zip((*DATE_PARTS, "time"), parts, strict=True) if not part]
        if missing:
            raise forms.ValidationError(
                self.error_messages["incomplete"],
                code="incomplete",
                params={"missing": " and ".join(missing)},
            )
        day = super().to_python(date_parts)
        time = _parse_time(time_text)
        if day is None or time is None:
            raise forms.ValidationError(self.error_messages["time"], code="time")
        return self._local(dt.datetime.combine(day, time))
