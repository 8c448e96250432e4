"""Small template helpers for GOV.UK Design System markup."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField

register = template.Library()


@register.filter
def widget_type(field: BoundField) -> str:
    return field.field.widget.__class__.__name__


@register.filter
def govuk_input_class(field: BoundField) -> str:
    widget = field.field.widget.__class__.__name__
    base = {
        "Textarea": "govuk-textarea",
        "Select": "govuk-select",
        "ClearableFileInput": "govuk-file-upload",
        "FileInput": "govuk-file-upload",
    }.get(widget, "govuk-input")
    if field.errors:
        base += f" {base}--error"
    width = field.field.widget.attrs.get("data-width")
    if width:
        base += f" govuk-input--width-{width}"
    return base


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)
