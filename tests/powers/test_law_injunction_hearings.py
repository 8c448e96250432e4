"""Without-notice applications and interim injunctions (Anti-social Behaviour, Crime and Policing Act
2014 ss.6 and 7; legal review A.7). At the hearing of a without-notice application the court must
adjourn, granting an interim injunction or not, or dismiss it (s.6(2)); it cannot grant the
injunction itself there. An interim injunction lasts until the final hearing or further order
(s.7(2)); one made at a hearing the respondent had no notice of cannot exclude them from home
(s.7(3)). For an under-18, the YOT is consulted before the first on-notice hearing (s.14(2))."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from csphub.cases.models import Task
from csphub.core.errors import ApplicationError
from csphub.powers import rules as r
from csphub.powers import services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Status
from tests.powers.test_pages import errors_of, iso, make_setup, submit, today

D = dt.date


def _blockers(**kw: Any) -> list[str]:
    base: dict[str, Any] = {
        "applied_on": D(2026, 3, 2),
        "hearing_on": D(2026, 3, 3),
        "next_hearing_on": D(2026, 3, 17),
        "today": D(2026, 3, 3),
        "without_notice_hearing": True,
        "interim": True,
        "interim_requirements": "Not to enter Market Place",
        "interim_excludes_from_home": False,
    }
    return r.injunction_adjournment_blockers(**(base | kw))


def test_s6_2_a_without_notice_hearing_is_adjourned_to_an_on_notice_hearing() -> None:
    assert _blockers() == []
    assert _blockers(hearing_on=D(2026, 3, 2)) == []  # the day of the application: allowed
    assert _blockers(hearing_on=D(2026, 3, 1)) == ["The hearing cannot be before the application was made"]
    assert _blockers(next_hearing_on=D(2026, 3, 3)) == ["The next hearing must be after this one"]
    assert _blockers(next_hearing_on=D(2026, 3, 4)) == []
    assert "first on-notice hearing" in _blockers(next_hearing_on=None)[0]
    assert _blockers(next_hearing_on=None, without_notice_hearing=False) == []  # adjourned generally
    assert _blockers(hearing_on=D(2026, 3, 4)) == ["The hearing date cannot be in the future"]


def test_s7_3_an_interim_injunction_made_without_notice_cannot_exclude_from_home() -> None:
    assert "(s.7(3))" in _blockers(interim_excludes_from_home=True)[0]
    assert _blockers(interim_excludes_from_home=True, without_notice_hearing=False) == []
    assert _blockers(interim_requirements=" ") == ["Say what the interim injunction prohibits or requires"]
    assert _blockers(interim=False, interim_requirements="") == []


def test_s6_2_a_without_notice_application_is_not_granted_before_it_is_adjourned() -> None:
    assert "(s.6(2))" in r.injunction_grant_blockers(without_notice=True, adjourned=False)[0]
    assert r.injunction_grant_blockers(without_notice=True, adjourned=True) == []
    assert r.injunction_grant_blockers(without_notice=False, adjourned=False) == []


@pytest.mark.django_db
class TestTheCourtsHearings:
    @pytest.fixture
    def s(self, persona: Any, client_as: Any) -> Any:
        return make_setup(persona, client_as)

    def _without_notice(self, s: Any, respondent: Any, court: str, ends_on: dt.date | None) -> PowerUse:
        return services.injunction_apply(
            actor=s.officer,
            case=s.case,
            recipient=respondent,
            issuer_capacity="local_authority",
            applied_on=today() - dt.timedelta(days=2),
            court=court,
            ends_on=ends_on,
            yot_consulted_on=None,
            requirements="Not to enter Market Place",
            without_notice=True,
        )

    def test_adjourned_with_an_interim_injunction_then_granted_on_notice(self, s: Any) -> None:
        injunction = self._without_notice(s, s.adult, "county_court", None)
        with pytest.raises(ApplicationError, match=r"s\.6\(2\)"):
            services.injunction_decide(
                actor=s.officer,
                injunction=injunction,
                outcome="granted",
                decided_on=today(),
                requirements="Not to enter Market Place",
            )
        services.injunction_adjourn(
            actor=s.officer,
            injunction=injunction,
            hearing_on=today() - dt.timedelta(days=1),
            next_hearing_on=today() + dt.timedelta(days=14),
            interim=True,
            interim_requirements="Not to enter Market Place",
        )
        injunction.refresh_from_db()
        assert injunction.status == Status.ADJOURNED
        assert injunction.details["interim"]["made_without_notice"] is True
        assert [h["without_notice"] for h in injunction.details["hearings"]] == [True]
        # The on-notice hearing may itself be adjourned; it is no longer a without-notice hearing.
        services.injunction_adjourn(actor=s.officer, injunction=injunction, hearing_on=today())
        injunction.refresh_from_db()
        assert [h["without_notice"] for h in injunction.details["hearings"]] == [True, False]
        services.injunction_decide(
            actor=s.officer,
            injunction=injunction,
            outcome="granted",
            decided_on=today(),
            requirements="Not to enter Market Place",
        )
        injunction.refresh_from_db()
        assert injunction.status == Status.GRANTED

    def test_dismissed_at_the_without_notice_hearing_is_recorded_as_refused(self, s: Any) -> None:
        injunction = self._without_notice(s, s.adult, "county_court", None)
        services.injunction_decide(
            actor=s.officer, injunction=injunction, outcome="refused", decided_on=today()
        )
        injunction.refresh_from_db()
        assert injunction.status == Status.REFUSED

    def test_s14_2_an_under_18s_yot_consultation_is_due_before_the_on_notice_hearing(self, s: Any) -> None:
        injunction = self._without_notice(s, s.youth, "youth_court", today() + dt.timedelta(days=180))
        hearing = today() + dt.timedelta(days=10)
        services.injunction_adjourn(
            actor=s.officer, injunction=injunction, hearing_on=today(), next_hearing_on=hearing
        )
        task = Task.objects.get(source="powers.injunction.yot_before_on_notice_hearing")
        assert task.due_on == hearing - dt.timedelta(days=1)
        assert "youth offending team" in task.title

    def test_the_adjourned_hearing_page(self, s: Any) -> None:
        injunction = self._without_notice(s, s.adult, "county_court", None)
        detail = s.client.get(reverse("powers:detail", args=[injunction.pk])).content.decode()
        assert reverse("powers:injunction_adjourned", args=[injunction.pk]) in detail
        url = reverse("powers:injunction_adjourned", args=[injunction.pk])
        data = {
            "hearing_on": iso(today()),
            "next_hearing_on": iso(today() + dt.timedelta(days=14)),
            "interim": "on",
            "interim_requirements": "Not to enter Market Place",
            "interim_excludes_from_home": "on",
        }
        assert "(s.7(3))" in errors_of(s.client.post(url, data))
        del data["interim_excludes_from_home"]
        assert submit(s.client, url, data).status_code == 302
        detail = s.client.get(reverse("powers:detail", args=[injunction.pk])).content.decode()
        assert 'data-testid="interim-injunction"' in detail and "without notice to the respondent" in detail
        assert f"{(today() + dt.timedelta(days=14)).day} " in detail


# --- s.15: an appeal to the Crown Court against a youth court's decision ---------------------------


def test_s15_only_a_youth_courts_decision_and_not_before_it() -> None:
    decided = D(2026, 3, 10)

    def blockers(**kw: Any) -> list[str]:
        base: dict[str, Any] = {
            "court": "youth_court",
            "decided_on": decided,
            "lodged_on": decided,
            "today": D(2026, 3, 20),
            "pending": False,
        }
        return r.youth_court_appeal_blockers(**(base | kw))

    assert blockers() == []  # on the day of the decision
    assert "before the decision" in blockers(lodged_on=D(2026, 3, 9))[0]
    assert "(s.15)" in blockers(court="county_court")[0]
    assert blockers(decided_on=None) == ["Record the youth court's decision first"]
    assert "future" in blockers(lodged_on=D(2026, 3, 21))[0]
    assert blockers(lodged_on=D(2026, 3, 20)) == []
    assert "already pending" in blockers(pending=True)[0]
    assert r.youth_court_appeal_outcome_blockers(lodged_on=decided, decided_on=decided, today=decided) == []
    assert r.youth_court_appeal_outcome_blockers(lodged_on=decided, decided_on=D(2026, 3, 9), today=decided)
    assert r.youth_court_appeal_outcome_blockers(lodged_on=None, decided_on=decided, today=decided)


@pytest.mark.django_db
def test_s15_the_respondent_appeals_and_the_crown_court_dismisses(persona: Any, client_as: Any) -> None:
    s = make_setup(persona, client_as)
    injunction = services.injunction_apply(
        actor=s.officer,
        case=s.case,
        recipient=s.youth,
        issuer_capacity="local_authority",
        applied_on=today() - dt.timedelta(days=10),
        court="youth_court",
        ends_on=today() + dt.timedelta(days=180),
        yot_consulted_on=today() - dt.timedelta(days=12),
        requirements="Not to enter Market Place",
    )
    with pytest.raises(ApplicationError, match="decision first"):
        services.injunction_appeal_lodge(
            actor=s.officer, injunction=injunction, lodged_on=today(), appellant="respondent"
        )
    services.injunction_decide(
        actor=s.officer,
        injunction=injunction,
        outcome="granted",
        decided_on=today() - dt.timedelta(days=3),
        ends_on=today() + dt.timedelta(days=180),
        requirements="Not to enter Market Place",
    )
    injunction.refresh_from_db()
    detail = s.client.get(reverse("powers:detail", args=[injunction.pk])).content.decode()
    assert reverse("powers:injunction_appeal", args=[injunction.pk]) in detail
    url = reverse("powers:injunction_appeal", args=[injunction.pk])
    data = {"appellant": "respondent", "lodged_on": iso(today() - dt.timedelta(days=4))}
    assert "before the decision" in errors_of(s.client.post(url, data))
    assert submit(s.client, url, data | {"lodged_on": iso(today() - dt.timedelta(days=1))}).status_code == 302
    injunction.refresh_from_db()
    assert injunction.status == Status.GRANTED  # the youth court's decision stands meanwhile
    assert services.youth_court_appeal_pending(injunction)
    decide = reverse("powers:injunction_appeal_decision", args=[injunction.pk])
    assert submit(s.client, decide, {"outcome": "dismissed", "decided_on": iso(today())}).status_code == 302
    injunction.refresh_from_db()
    assert injunction.details["crown_court_appeal"]["outcome"] == "dismissed"
    assert not services.youth_court_appeal_pending(injunction)
    page = s.client.get(reverse("powers:detail", args=[injunction.pk])).content.decode()
    assert 'data-testid="crown-court-appeal"' in page and "dismissed on" in page


@pytest.mark.django_db
def test_s15_a_county_court_injunction_has_no_crown_court_appeal_step(persona: Any, client_as: Any) -> None:
    s = make_setup(persona, client_as)
    injunction = services.injunction_apply(
        actor=s.officer,
        case=s.case,
        recipient=s.adult,
        issuer_capacity="local_authority",
        applied_on=today() - dt.timedelta(days=2),
        court="county_court",
        ends_on=None,
        yot_consulted_on=None,
        requirements="Not to enter Market Place",
    )
    services.injunction_decide(actor=s.officer, injunction=injunction, outcome="refused", decided_on=today())
    detail = s.client.get(reverse("powers:detail", args=[injunction.pk])).content.decode()
    assert reverse("powers:injunction_appeal", args=[injunction.pk]) not in detail
    with pytest.raises(ApplicationError, match=r"\(s\.15\)"):
        services.injunction_appeal_lodge(
            actor=s.officer, injunction=injunction, lodged_on=today(), appellant="applicant"
        )


# --- Schedule 2: a youth court's orders on a breach by someone under 18 ----------------------------

YOUNG_16 = r.Recipient("y16", date_of_birth=D(2010, 1, 1))  # 16 in 2026
YOUNG_13 = r.Recipient("y13", date_of_birth=D(2013, 1, 1))  # 13 in 2026
GROWN = r.Recipient("a", date_of_birth=D(1990, 1, 1))
FOUND = D(2026, 3, 10)


def _youth(**kw: Any) -> list[str]:
    base: dict[str, Any] = {
        "recipient": YOUNG_16,
        "found_on": FOUND,
        "court": "youth_court",
        "order": "supervision",
        "yot_consulted_on": D(2026, 3, 1),
        "ends_on": D(2026, 9, 9),  # the last day of 6 months beginning with 10 March
        "requirements": {"supervision", "activity"},
        "activity_days": 12,
        "no_other_power_appropriate": False,
    }
    return r.youth_breach_order_blockers(**(base | kw))


def test_sch2_para2_a_supervision_order_lasts_at_most_6_months_with_12_to_24_activity_days() -> None:
    assert _youth() == []
    assert "6 months" in _youth(ends_on=D(2026, 9, 10))[0]
    assert "(Sch 2 para 2(5))" in _youth(ends_on=D(2026, 9, 10))[0]
    assert _youth(activity_days=24) == []
    assert "12 to 24 days" in _youth(activity_days=11)[0]
    assert "12 to 24 days" in _youth(activity_days=25)[0]
    assert "(Sch 2 para 2(1))" in _youth(requirements=set())[0]
    assert _youth(order="none", recipient=GROWN, court="county_court") == []


def test_sch2_para1_for_under_18s_in_a_youth_court_after_consulting_the_yot() -> None:
    assert "18 or over" in _youth(recipient=GROWN)[0]
    assert "(Sch 2 para 1(1))" in _youth(court="county_court")[0]
    assert _youth(yot_consulted_on=FOUND) == []  # consulted on the day of the finding: before applying
    assert "para 1(3)(a)" in _youth(yot_consulted_on=D(2026, 3, 11))[0]


def test_sch2_a_detention_order_is_for_14_and_over_at_most_3_months_and_a_last_resort() -> None:
    ok = {"order": "detention", "requirements": set(), "no_other_power_appropriate": True}
    # 3 months not counting the day it is made (para 14(2)): 11 March to 10 June.
    assert _youth(**ok, ends_on=D(2026, 6, 10)) == []
    assert "para 14(2)" in _youth(**ok, ends_on=D(2026, 6, 11))[0]
    assert "under 14 (Sch 2 para 1(5))" in _youth(**ok, ends_on=D(2026, 6, 10), recipient=YOUNG_13)[0]
    assert "para 1(6)" in _youth(**(ok | {"no_other_power_appropriate": False}), ends_on=D(2026, 6, 10))[0]


@pytest.mark.django_db
def test_sch2_a_supervision_order_recorded_with_the_youth_breach(persona: Any, client_as: Any) -> None:
    s = make_setup(persona, client_as)
    injunction = services.injunction_apply(
        actor=s.officer,
        case=s.case,
        recipient=s.youth,
        issuer_capacity="local_authority",
        applied_on=today() - dt.timedelta(days=20),
        court="youth_court",
        ends_on=today() + dt.timedelta(days=180),
        yot_consulted_on=today() - dt.timedelta(days=22),
        requirements="Not to enter Market Place",
    )
    services.injunction_decide(
        actor=s.officer,
        injunction=injunction,
        outcome="granted",
        decided_on=today() - dt.timedelta(days=15),
        ends_on=today() + dt.timedelta(days=180),
        requirements="Not to enter Market Place",
    )
    url = reverse("powers:order_breach", args=[injunction.pk])
    data = {
        "breached_on": iso(today() - dt.timedelta(days=5)),
        "found_on": iso(today()),
        "court": "youth_court",
        "youth_order": "supervision",
        "youth_order_ends_on": iso(today() + dt.timedelta(days=90)),
        "youth_requirements": ["supervision", "activity"],
        "activity_days": "30",
        "yot_consulted_on": iso(today() - dt.timedelta(days=2)),
    }
    assert "12 to 24 days" in errors_of(s.client.post(url, data))
    assert submit(s.client, url, data | {"activity_days": "20"}).status_code == 302
    injunction.refresh_from_db()
    order = injunction.details["breaches"][-1]["youth_order"]
    assert (order["order"], order["requirements"], order["activity_days"]) == (
        "supervision",
        ["activity", "supervision"],
        20,
    )
    page = s.client.get(reverse("powers:detail", args=[injunction.pk])).content.decode()
    assert "a supervision order" in page and "(Schedule 2)" in page
