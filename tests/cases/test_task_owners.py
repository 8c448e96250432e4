"""Issue 11 item 4: tasks go only to people who may see the record; a task whose record its owner
can no longer see is flagged to the team manager."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.models import Membership, Role
from csphub.cases import selectors, services
from csphub.cases.models import Task
from csphub.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["avbc_board_member", "avbc_analyst", "avbc_administrator"])
def test_task_on_a_case_refused_for_someone_who_cannot_see_it(
    make_case: Any, persona: Any, username: str
) -> None:
    case = make_case()
    with pytest.raises(ApplicationError) as err:
        services.task_create(
            actor=persona("avbc_caseworker"),
            case=case,
            title="Visit the victim",
            owner=persona(username),
            due_on=timezone.localdate(),
        )
    assert err.value.field == "owner"
    assert case.reference in err.value.message and "cannot see" in err.value.message
    assert not Task.objects.filter(case=case).exists()


def test_task_for_a_colleague_who_may_see_the_case_is_created(make_case: Any, persona: Any) -> None:
    case = make_case()
    manager = persona("avbc_team_manager")
    task = services.task_create(
        actor=persona("avbc_caseworker"),
        case=case,
        title="Review",
        owner=manager,
        due_on=timezone.localdate(),
    )
    assert task.owner == manager and task.owning_agency == case.owning_agency


def test_task_form_offers_only_people_who_may_see_the_case(
    make_case: Any, client_as: Any, persona: Any
) -> None:
    case = make_case()
    client = client_as("avbc_caseworker")
    page = client.get(reverse("cases:case_task_new", args=[case.pk])).content.decode()
    offered = page.split('name="owner"')[1].split("</select>")[0]
    for username in ("avbc_caseworker", "avbc_team_manager", "avbc_partnership_coordinator"):
        assert f'value="{persona(username).pk}"' in offered
    for username in ("avbc_board_member", "avbc_analyst", "avbc_administrator"):
        assert f'value="{persona(username).pk}"' not in offered
    board_user = persona("avbc_board_member")
    response = client.post(
        reverse("cases:case_task_new", args=[case.pk]),
        {
            "title": "Orphan",
            "owner": board_user.pk,
            "due_on_day": str(timezone.localdate().day),
            "due_on_month": str(timezone.localdate().month),
            "due_on_year": str(timezone.localdate().year),
            "due_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200  # the form again, with an error
    assert not Task.objects.filter(case=case, title="Orphan").exists()


def test_task_whose_owner_loses_sight_of_the_case_is_flagged_to_the_manager(
    make_case: Any, persona: Any, client_as: Any
) -> None:
    case = make_case()
    worker = persona("avbc_caseworker")
    colleague = persona("avbc_partner_viewer")  # may see the agency's cases today
    task = services.task_create(
        actor=worker, case=case, title="Ring the landlord", owner=colleague, due_on=timezone.localdate()
    )
    manager = persona("avbc_team_manager")
    assert selectors.orphaned_tasks(manager) == []

    # The colleague moves to a role that may not see personal records.
    Membership.objects.filter(user=colleague).update(role=Role.ANALYST)

    assert selectors.orphaned_tasks(manager) == [task]
    assert selectors.orphaned_tasks(worker) == []  # only those who manage the team's tasks
    page = client_as("avbc_team_manager").get(reverse("cases:overdue")).content.decode()
    assert "Tasks their owner cannot see" in page and "Ring the landlord" in page
    home = client_as("avbc_team_manager").get(reverse("frontend:home")).content.decode()
    assert "1 task in your team is held by someone who can no longer see the record" in home


def test_task_of_a_leaver_is_flagged(make_case: Any, persona: Any) -> None:
    case = make_case()
    colleague = persona("avbc_team_manager")
    task = services.task_create(
        actor=persona("avbc_caseworker"),
        case=case,
        title="Chase",
        owner=colleague,
        due_on=timezone.localdate(),
    )
    coordinator = persona("avbc_partnership_coordinator")
    assert selectors.orphaned_tasks(coordinator) == []
    Membership.objects.filter(user=colleague).update(is_active=False)
    assert selectors.orphaned_tasks(coordinator) == [task]
