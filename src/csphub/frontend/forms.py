"""A form mixin that gives Django widgets GOV.UK classes and error states."""

from __future__ import annotations

from typing import Any

from django import forms

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
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
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


class GovukDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={"class": "govuk-input govuk-input--width-10", **(attrs or {})}, format="%Y-%m-%d"
        )


class GovukDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={"class": "govuk-input govuk-input--width-20", **(attrs or {})}, format="%Y-%m-%dT%H:%M"
        )
