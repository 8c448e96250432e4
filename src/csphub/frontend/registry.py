"""Apps add navigation items and home-page panels here, so the frontend imports no app.

An app registers in its ``AppConfig.ready``::

    register_nav(NavItem("Cases", "cases:list", lambda user: role_allows(user, Action.VIEW)))
    register_home_panel(HomePanel("My tasks", "cases/home_tasks.html", cases_home_context))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from csphub.core.actor import Actor


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    visible: Callable[[Any], bool]
    order: int = 50


@dataclass(frozen=True)
class HomePanel:
    title: str
    template: str
    # context(actor): the request's Actor; None when the panel does not apply to them
    context: Callable[[Actor], dict[str, Any] | None]
    order: int = 50


NAV_ITEMS: list[NavItem] = []
HOME_PANELS: list[HomePanel] = []


def register_nav(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in NAV_ITEMS):
        NAV_ITEMS.append(item)
        NAV_ITEMS.sort(key=lambda i: i.order)


def register_home_panel(panel: HomePanel) -> None:
    if all(existing.template != panel.template for existing in HOME_PANELS):
        HOME_PANELS.append(panel)
        HOME_PANELS.sort(key=lambda p: p.order)


@dataclass(frozen=True)
class PersonSection:
    """A section an app adds to the person page (e.g. the person's visible cases and incidents)."""

    title: str
    template: str
    context: Callable[[Actor, Any], dict[str, Any] | None]  # (actor, person) -> context or None
    order: int = 50


PERSON_SECTIONS: list[PersonSection] = []


def register_person_section(section: PersonSection) -> None:
    if all(existing.template != section.template for existing in PERSON_SECTIONS):
        PERSON_SECTIONS.append(section)
        PERSON_SECTIONS.sort(key=lambda s: s.order)


@dataclass(frozen=True)
class CaseSection:
    """A section another app adds to the case page (e.g. tools and powers, risk assessments).

    ``context(actor, case)`` (the request's Actor: ask ``actor.policy``, which the case page has
    already asked) returns the template context, or None when the section does not apply
    (for example when the user sees the case only as a panel summary).
    """

    title: str
    template: str
    context: Callable[[Actor, Any], dict[str, Any] | None]
    order: int = 50


CASE_SECTIONS: list[CaseSection] = []


def register_case_section(section: CaseSection) -> None:
    if all(existing.template != section.template for existing in CASE_SECTIONS):
        CASE_SECTIONS.append(section)
        CASE_SECTIONS.sort(key=lambda s: s.order)
