"""GOV.UK Design System components as template tags and filters.

- ``{{ value|answer }}`` / ``{{ value|answer:field }}``: an answer in words (frontend.answers);
- ``{% govuk_summary_list rows %}``: a summary list, rows with Change links or buttons;
- ``{% govuk_summary %}{% govuk_row "Key" change_url=... %}value{% endgovuk_row %}{% endgovuk_summary %}``:
  a summary list whose values are written in the template (detail pages);
- ``{% govuk_check_answers rows hidden %}``: the answers, carried as hidden fields, with Change
  buttons (inside the check-answers page's form; ``frontend/check_answers.html`` is that page);
- ``{% govuk_error_summary form %}``: "There is a problem", each error linked to its field;
- ``{% govuk_task_list tasks %}``: a task list with statuses;
- the three-field date input is a widget (``frontend.forms.GovukDateField``) rendered by ``field.html``.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.template.loader import render_to_string

from csphub.frontend.answers import answer as answer_in_words
from csphub.frontend.components import Row, Task, as_rows

register = template.Library()


@register.filter
def widget_type(field: BoundField) -> str:
    return field.field.widget.__class__.__name__


@register.filter
def error_anchor(field: BoundField) -> str:
    """The id the error summary links to: the field's input, or a date's first input at fault."""
    part = getattr(field.field.widget, "error_part", None)
    return f"{field.auto_id}_{part}" if part else str(field.auto_id)


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


@register.filter
def iso_date(value: Any) -> str:
    """A date kept as an ISO string (in a JSON ``details``) in words: "2026-03-04" -> "4 March 2026"."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    return f"{day.day} {day:%B %Y}"


@register.filter
def answer(value: Any, field: Any = None) -> str:
    """The answer in words ("Not given", "Yes", a choice's label, "3 March 2025")."""
    if isinstance(field, BoundField):
        field = field.field
    return answer_in_words(value, field)


@register.inclusion_tag("frontend/components/summary_list.html")
def govuk_summary_list(rows: Any, testid: str = "", change: bool = True) -> dict[str, Any]:
    """A summary list; rows are ``Row`` objects or ``(key, value[, change_url])`` tuples."""
    items: list[Row] = as_rows(rows)
    return {
        "rows": items,
        "testid": testid,
        "change": change,
        "any_actions": change and any(r.change_url or r.change_anchor for r in items),
    }


@register.inclusion_tag("frontend/components/check_answers.html")
def govuk_check_answers(rows: Any, hidden: Any, testid: str = "check-answers") -> dict[str, Any]:
    """The answers with their Change buttons and the posted answers as hidden fields (inside a form)."""
    items = as_rows(rows)
    return {
        "rows": items,
        "hidden": hidden,
        "testid": testid,
        "any_actions": any(r.change_url or r.change_anchor for r in items),
        "change": True,
    }


@register.inclusion_tag("frontend/components/error_summary.html")
def govuk_error_summary(form: Any) -> dict[str, Any]:
    return {"form": form}


@register.inclusion_tag("frontend/components/task_list.html")
def govuk_task_list(tasks: list[Task], testid: str = "") -> dict[str, Any]:
    return {"tasks": tasks, "testid": testid}


@register.simple_block_tag
def govuk_summary(content: str, testid: str = "") -> str:
    """``{% govuk_summary %}{% govuk_row "Key" %}value{% endgovuk_row %}...{% endgovuk_summary %}``:
    a summary list whose values are written in the template (links, tags, several lines)."""
    return render_to_string("frontend/components/summary_block.html", {"content": content, "testid": testid})


@register.simple_block_tag
def govuk_row(content: str, key: str, change_url: str = "", change_label: str = "", testid: str = "") -> str:
    """One row of ``{% govuk_summary %}``; ``change_url`` adds a Change link (its hidden text is the key)."""
    return render_to_string(
        "frontend/components/summary_row.html",
        {
            "key": key,
            "value": content,
            "change_url": change_url,
            "change_label": change_label or key,
            "testid": testid,
        },
    )
