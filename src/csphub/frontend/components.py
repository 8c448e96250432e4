"""The data the GOV.UK component templates render: summary-list rows and task-list tasks.

Templates render them with the ``govuk`` tags (``{% govuk_summary_list rows %}``,
``{% govuk_task_list tasks %}``); a value that is already safe HTML (``format_html``) is kept as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Row:
    """One row of a summary list: a key, its answer and, optionally, how to change it.

    ``change_url`` is a link (to a separate question page); ``change_anchor`` is the id of an input
    on the question page a check-answers page came from: the row's "Change" button posts the answers
    back (``step=change``) and lands on that input.
    """

    key: str
    value: Any
    change_url: str = ""
    change_anchor: str = ""


@dataclass(frozen=True)
class Task:
    """One task of a task list: its title, where to do it, and its status.

    ``tag`` is the colour of the status tag ("blue", "grey", "green", ...); empty shows the status as
    plain text ("Completed", "Cannot start yet"). A task without ``url`` cannot be started yet.
    """

    title: str
    status: str
    url: str = ""
    hint: str = ""
    tag: str = ""
    key: str = ""


def as_rows(rows: Any) -> list[Row]:
    """``Row`` objects from rows given as ``Row``, ``(key, value)`` or ``(key, value, change_url)``."""
    result = []
    for row in rows or ():
        if isinstance(row, Row):
            result.append(row)
        elif len(row) == 3:
            result.append(Row(str(row[0]), row[1], change_url=str(row[2] or "")))
        else:
            result.append(Row(str(row[0]), row[1]))
    return result
