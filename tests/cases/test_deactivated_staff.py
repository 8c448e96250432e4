"""An account an administrator deactivated (new-user review item 31) can no longer sign in, so the
casework pages do not offer it work: not as the owner of a panel's action (a victim's point of
contact is in test_victims.py; task owners were already limited to active accounts)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.cases.test_lost_updates import _meeting_with_item

pytestmark = pytest.mark.django_db


def test_a_panel_action_is_not_offered_to_a_deactivated_account(
    persona: Any, make_case: Any, client_as: Any
) -> None:
    _meeting, item = _meeting_with_item(persona, make_case)
    gone = persona("avbc_caseworker")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    page = (
        client_as("avbc_team_manager").get(reverse("cases:agenda_decision", args=[item.pk])).content.decode()
    )
    assert f'<option value="{persona("avbc_team_manager").pk}"' in page
    assert f'<option value="{gone.pk}"' not in page
