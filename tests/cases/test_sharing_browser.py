"""In real headless Chromium: the council shares a case in full with the police under the ASB
agreement (reason, expiry) through the check-answers step, sees who it is shared with and withdraws the
housing provider's share; the police officer is told (home page and Notifications), opens the case, and
opens the panel meeting the police attend with the summaries on its agenda. axe-core finds no serious
or critical violation on any page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.agencies.models import RecordShare, ShareScope
from csphub.cases import services
from csphub.cases.models import PanelKind
from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_share_withdraw_notify_and_attend(
    browser_page: Any, persona: Any, sign_in: Any, world: Any, make_case: Any
) -> None:
    page = browser_page
    owner = persona("avbc_caseworker")
    case = make_case("avbc_caseworker", summary="Noise and intimidation from a neighbour")
    other = make_case("avbc_caseworker", family="Agenda", summary="Youths gathering by the shops")
    housing_share = services.case_share(
        actor=owner,
        case=case,
        agency=world.agencies["housing"],
        agreement=world.asb_isa,
        scope=ShareScope.SUMMARY,
        reason="Tenancy check",
    )
    panel = services.panel_create(
        actor=owner, name="ASB Action Group", kind=PanelKind.ASB_ACTION_GROUP, agreement=world.asb_isa
    )
    meeting = services.panel_meeting_schedule(
        actor=owner,
        panel=panel,
        held_at=timezone.now() + dt.timedelta(days=5),
        attending_agencies=[world.agencies["avbc"], world.agencies["police"]],
    )
    services.panel_agenda_add(actor=owner, meeting=meeting, case=other, reason="Escalating, needs patrols")
    expires = timezone.localdate() + dt.timedelta(days=60)

    sign_in(page, owner)
    page.goto(f"/cases/{case.pk}/")
    assert "Amber Valley Homes" in page.locator("[data-testid=sharing-section]").inner_text()
    page.click("text=Manage sharing")
    assert_accessible(page)
    page.click("text=Share with a partner")
    page.select_option("#id_agency", label="Derbyshire Constabulary")
    page.select_option("#id_agreement", index=1)
    page.check("input[name=scope][value=full]")
    page.fill("#id_reason", "Joint visit with the neighbourhood policing team")
    page.fill("#id_expires_on_day", str(expires.day))
    page.fill("#id_expires_on_month", str(expires.month))
    page.fill("#id_expires_on_year", str(expires.year))
    assert_accessible(page)
    page.click("button:has-text('Continue')")
    assert "Check before sharing" in page.locator("h1").inner_text()
    assert_accessible(page)
    page.click("button:has-text('Share the case')")
    page.wait_for_url(f"**/cases/{case.pk}/sharing/")
    shares = page.locator("[data-testid=shares]").inner_text()
    assert "Derbyshire Constabulary" in shares and expires.strftime("%B %Y") in shares
    assert_accessible(page)

    page.click("text=Stop sharing with Amber Valley Homes")
    page.fill("#id_reason", "Tenancy check done")
    assert_accessible(page)
    page.click("button:has-text('Continue')")
    assert_accessible(page)
    page.click("button:has-text('Stop sharing')")
    page.wait_for_url(f"**/cases/{case.pk}/sharing/")
    assert "Withdrawn" in page.locator("[data-testid=past-shares]").inner_text()
    housing_share.refresh_from_db()
    assert housing_share.revoked_at is not None
    assert RecordShare.objects.filter(agency=world.agencies["police"], scope="full", revoked_at=None).exists()

    page.context.clear_cookies()
    sign_in(page, persona("police_caseworker"))
    assert "new notification" in page.locator("[data-testid=unread-notifications]").inner_text()
    assert_accessible(page)
    page.click("text=All notifications")
    assert_accessible(page)
    page.click(f"text=Case {case.reference} shared with Police")
    page.wait_for_url(f"**/cases/{case.pk}/")
    assert "Noise and intimidation from a neighbour" in page.content()

    page.goto("/cases/panels/")
    page.click("[data-testid=attending] a")
    page.wait_for_url(f"**/cases/meetings/{meeting.pk}/")
    assert "Escalating, needs patrols" in page.content()
    assert_accessible(page)
    page.click(f"text={other.reference}")
    page.wait_for_url(f"**/cases/{other.pk}/")
    assert "Youths gathering by the shops" in page.content()
    assert page.console_errors == []
