"""PSPO after the legal review (A.5, A.9): a fixed penalty for a breach (s.68), discharge (s.61),
and the s.72(1) regard to freedom of expression and assembly on every decision, enforced by the
services (not only the forms). Both sides of every date boundary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.cases.models import Task, TaskStatus
from csphub.core.errors import ApplicationError
from csphub.powers import rules as r
from csphub.powers import services
from csphub.powers.models import PowerUse
from csphub.powers.rules import PSPO_CONSULTEES, Power, Recipient, Status
from tests.powers.test_pages import errors_of, iso, make_setup, now, submit, today

RULES = r.rule_set("2014-act-2026-11")
MADE = dt.date(2025, 1, 1)
EXPIRES = dt.date(2027, 12, 31)
REGARD = "Protest, busking and street preaching remain lawful; only drinking on request is restricted"


def _fpn(**over: Any) -> list[str]:
    facts: dict[str, Any] = {
        "rules": RULES,
        "recipient": Recipient(key="p", date_of_birth=dt.date(1990, 1, 1)),
        "pspo_status": Status.MADE,
        "made_on": MADE,
        "current_expiry": EXPIRES,
        "breach_on": dt.date(2026, 6, 1),
        "today": dt.date(2026, 6, 2),
    }
    return r.pspo_fpn_blockers(**(facts | over))


# ---------------------------------------------------------------- rules: s.67-68


def test_s68_fixed_penalty_only_for_a_breach_while_the_order_was_in_force() -> None:
    assert _fpn() == []
    # The day the order was made is inside; the day before is not.
    assert _fpn(breach_on=MADE) == []
    assert _fpn(breach_on=MADE - dt.timedelta(days=1)) == [
        "The order was made on 1 January 2025: a breach before then is not an offence"
    ]
    # The expiry date is the order's last day; the day after is not.
    assert _fpn(breach_on=EXPIRES, today=EXPIRES) == []
    assert _fpn(breach_on=EXPIRES + dt.timedelta(days=1), today=EXPIRES + dt.timedelta(days=1)) == [
        "The order expired on 31 December 2027: a breach after then is not an offence"
    ]
    # Today is allowed; tomorrow is not.
    assert _fpn(breach_on=dt.date(2026, 6, 2)) == []
    assert _fpn(breach_on=dt.date(2026, 6, 3)) == ["The date of the breach must be today or in the past"]


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (Status.MADE, True),
        (Status.VARIED, True),
        (Status.EXTENDED, True),
        (Status.DRAFT, False),
        (Status.DISCHARGED, False),
        (Status.EXPIRED, False),
        (Status.QUASHED, False),
        (Status.WITHDRAWN, False),
    ],
)
def test_s68_fixed_penalty_needs_an_order_in_force(status: Status, allowed: bool) -> None:
    reasons = _fpn(pspo_status=status)
    assert (reasons == []) is allowed
    if not allowed:
        assert reasons == ["A fixed penalty can only follow a breach of an order that is in force"]


def test_s68_statuses_in_force_are_the_whole_table() -> None:
    assert {Status.MADE, Status.VARIED, Status.EXTENDED} == r.PSPO_IN_FORCE


def test_s68_fixed_penalty_to_a_person_aged_10_or_over_on_the_day_of_the_breach() -> None:
    """CYPA 1933 s.50: no offence under 10, so no fixed penalty in place of one."""
    child = Recipient(key="c", date_of_birth=dt.date(2016, 6, 1))  # 10 on 1 June 2026
    assert _fpn(recipient=child, breach_on=dt.date(2026, 6, 1)) == []
    assert _fpn(recipient=child, breach_on=dt.date(2026, 5, 31), today=dt.date(2026, 6, 2)) == [
        "The recipient is 9: a fixed penalty can only be given to someone aged 10 or over"
    ]
    assert _fpn(recipient=Recipient(key="u")) == [
        "Record the recipient's date of birth: a fixed penalty needs them to be 10 or over"
    ]
    assert _fpn(recipient=Recipient(key="b", is_body=True)) == [
        "A fixed penalty for breach of a PSPO is given to a person, not a body"
    ]
    assert RULES.criminal_responsibility_min_age == 10


def test_s68_fixed_penalty_section_and_amount() -> None:
    assert r.fpn_section(Power.PSPO).startswith("s.68 ")
    assert r.fpn_section(Power.CPN).startswith("s.52 ")
    with pytest.raises(ValueError):
        r.fpn_section(Power.CLOSURE_NOTICE)
    ok = {"rules": RULES, "issuer": "local_authority", "notice_in_force": True}
    assert r.fpn_blockers(amount_gbp=100, **ok) == []
    assert r.fpn_blockers(amount_gbp=101, **ok) == ["The fixed penalty cannot be more than £100"]


def test_s72_1_regard_is_asked_on_every_pspo_decision() -> None:
    blank = [
        "Record how the council had particular regard to the rights of freedom of expression "
        "and assembly (s.72(1))"
    ]
    assert r.pspo_expression_regard_blockers("  ") == blank
    assert r.pspo_expression_regard_blockers("Considered") == []
    common = {
        "issuer": "local_authority",
        "made_on": MADE,
        "current_expiry": EXPIRES,
        "today": dt.date(2026, 6, 2),
        "consultation_done": PSPO_CONSULTEES,
        "publicised": True,
    }
    assert (
        r.pspo_discharge_blockers(discharged_on=dt.date(2026, 6, 1), expression_assembly_regard="", **common)
        == blank
    )
    assert (
        r.pspo_discharge_blockers(
            discharged_on=dt.date(2026, 6, 1), expression_assembly_regard=REGARD, **common
        )
        == []
    )


def test_s61_discharge_only_while_the_order_is_in_force() -> None:
    common = {
        "issuer": "local_authority",
        "made_on": MADE,
        "current_expiry": EXPIRES,
        "consultation_done": PSPO_CONSULTEES,
        "publicised": True,
        "expression_assembly_regard": REGARD,
    }
    assert r.pspo_discharge_blockers(discharged_on=EXPIRES, today=EXPIRES, **common) == []
    after = EXPIRES + dt.timedelta(days=1)
    assert r.pspo_discharge_blockers(discharged_on=after, today=after, **common) == [
        "The order expired on 31 December 2027: it can no longer be discharged"
    ]
    assert r.pspo_discharge_blockers(discharged_on=MADE, today=MADE, **common) == []
    before = MADE - dt.timedelta(days=1)
    assert r.pspo_discharge_blockers(discharged_on=before, today=MADE, **common) == [
        "The discharge cannot be dated before the order was made"
    ]
    assert r.pspo_discharge_blockers(
        discharged_on=dt.date(2026, 6, 3), today=dt.date(2026, 6, 2), **common
    ) == ["The date of the discharge must be today or in the past"]
    assert r.pspo_discharge_blockers(
        discharged_on=dt.date(2026, 6, 1), today=dt.date(2026, 6, 2), **(common | {"issuer": "constable"})
    ) == [r.issuer_blockers(Power.PSPO, "constable")[0]]


# ---------------------------------------------------------------- services and pages


@pytest.fixture
def s(persona: Any, client_as: Any) -> Any:
    return make_setup(persona, client_as)


def _pspo(s: Any, *, regard: str = REGARD) -> PowerUse:
    return services.pspo_make(
        actor=s.officer,
        case=s.case,
        issuer_capacity="local_authority",
        locality="Heanor town centre",
        requirements="Stop drinking alcohol when asked by an authorised officer",
        made_on=today() - dt.timedelta(days=30),
        expires_on=today() + dt.timedelta(days=300),
        consultation_done=PSPO_CONSULTEES,
        publicised=True,
        expression_assembly_regard=regard,
        now=now() - dt.timedelta(days=30),
    )


@pytest.mark.django_db
def test_s72_1_the_services_refuse_a_blank_regard_whatever_calls_them(s: Any) -> None:
    with pytest.raises(ApplicationError, match=r"s\.72\(1\)"):
        _pspo(s, regard=" ")
    pspo = _pspo(s)
    assert pspo.details["expression_assembly_regard"] == REGARD
    expiry = dt.date.fromisoformat(pspo.details["expires_on"])
    with pytest.raises(ApplicationError, match=r"s\.72\(1\)"):
        services.pspo_extend(
            actor=s.officer,
            pspo=pspo,
            issuer_capacity="local_authority",
            extended_on=today(),
            expires_on=expiry + dt.timedelta(days=365),
            consultation_done=PSPO_CONSULTEES,
            publicised=True,
        )
    with pytest.raises(ApplicationError, match=r"s\.72\(1\)"):
        services.pspo_vary(
            actor=s.officer,
            pspo=pspo,
            issuer_capacity="local_authority",
            varied_on=today(),
            locality="Heanor town centre and Market Street",
            requirements=pspo.requirements,
            consultation_done=PSPO_CONSULTEES,
            publicised=True,
        )
    pspo.refresh_from_db()
    assert pspo.status == Status.MADE
    varied = services.pspo_vary(
        actor=s.officer,
        pspo=pspo,
        issuer_capacity="local_authority",
        varied_on=today(),
        locality="Heanor town centre and Market Street",
        requirements=pspo.requirements,
        consultation_done=PSPO_CONSULTEES,
        publicised=True,
        expression_assembly_regard=REGARD,
    )
    assert varied.details["variations"][0]["expression_assembly_regard"] == REGARD


@pytest.mark.django_db
def test_s61_discharge_page_records_the_regard_and_closes_the_review_task(s: Any) -> None:
    pspo = _pspo(s)
    page = s.client.get(reverse("powers:detail", args=[pspo.pk])).content.decode()
    assert 'data-testid="discharge-order"' in page and 'data-testid="issue-pspo-fpn"' in page
    url = reverse("powers:pspo_discharge", args=[pspo.pk])
    form = s.client.get(url).content.decode()
    assert 'name="discharged_on_day"' in form and "s.61" in form
    data = {
        "issuer_capacity": "local_authority",
        # The GOV.UK three-field date.
        "discharged_on_day": str(today().day),
        "discharged_on_month": str(today().month),
        "discharged_on_year": str(today().year),
        "consultation_done": list(PSPO_CONSULTEES),
        "publicised": "on",
        "expression_assembly_regard": "",
        "two_tier": "on",
        "parished": "on",
    }
    body = errors_of(s.client.post(url, data))
    assert "Record how the council had regard to freedom of expression and assembly" in body
    body = errors_of(s.client.post(url, data | {"expression_assembly_regard": REGARD, "publicised": ""}))
    assert "Publicise the proposal before discharging the order" in body
    pspo.refresh_from_db()
    assert pspo.status == Status.MADE
    assert submit(s.client, url, data | {"expression_assembly_regard": REGARD}).status_code == 302
    pspo.refresh_from_db()
    assert pspo.status == Status.DISCHARGED
    assert pspo.details["discharge"]["expression_assembly_regard"] == REGARD
    assert pspo.details["discharged_on"] == iso(today())
    reviews = Task.objects.filter(source="powers.pspo.review", linked_id=pspo.pk)
    assert reviews.count() == 1 and reviews.get().status == TaskStatus.CANCELLED  # moot, not done
    assert AuditEvent.objects.filter(verb="pspo.discharged", target_id=str(pspo.pk)).count() == 1
    letter = s.client.get(reverse("powers:letter", args=[pspo.pk])).content.decode()
    assert 'data-testid="discharge"' in letter
    # Discharged: no fixed penalty can follow, and the page says why instead of a form.
    blocked = s.client.get(reverse("powers:pspo_fpn_new", args=[pspo.pk])).content.decode()
    assert 'data-testid="step-blocked"' in blocked


@pytest.mark.django_db
def test_s68_fixed_penalty_page_for_a_pspo_breach(s: Any) -> None:
    pspo = _pspo(s)
    url = reverse("powers:pspo_fpn_new", args=[pspo.pk])
    form = s.client.get(url).content.decode()
    assert "s.68" in form and 'name="breach_on_day"' in form and "Paul Pageperp" in form
    data = {
        "recipient": str(s.adult.pk),
        "issuer_capacity": "local_authority",
        "breach_on": iso(today() - dt.timedelta(days=31)),
        "breach": "Kept drinking after being asked to stop",
        "amount_gbp": "100",
    }
    body = errors_of(s.client.post(url, data))
    assert "a breach before then is not an offence" in body
    body = errors_of(s.client.post(url, data | {"breach_on": iso(today()), "recipient": str(s.child.pk)}))
    assert "a fixed penalty can only be given to someone aged 10 or over" in body
    body = errors_of(s.client.post(url, data | {"breach_on": iso(today()), "amount_gbp": "101"}))
    assert "The fixed penalty cannot be more than £100" in body
    assert not PowerUse.objects.filter(power=Power.FPN).exists()

    # The day the order was made is inside it.
    response = submit(s.client, url, data | {"breach_on": iso(today() - dt.timedelta(days=30))})
    fpn = PowerUse.objects.get(power=Power.FPN)
    assert response.status_code == 302 and response.url == reverse("powers:detail", args=[fpn.pk])
    assert fpn.parent_id == pspo.pk and fpn.recipient_id == s.adult.pk
    assert fpn.details["section"] == "s.68"
    assert fpn.details["pay_by"] == iso(today() + dt.timedelta(days=14))
    assert fpn.details["prosecution_earliest"] == iso(today() + dt.timedelta(days=15))
    pspo.refresh_from_db()
    assert pspo.status == Status.MADE  # one person's breach does not change the order
    letter = s.client.get(reverse("powers:letter", args=[fpn.pk])).content.decode()
    assert "section 68" in letter and "section 67" in letter and "section 52" not in letter
    assert "Heanor town centre" in letter
    payment = s.client.get(reverse("powers:fpn_payment", args=[fpn.pk])).content.decode()
    assert "s.68" in payment and "s.52" not in payment
    # s.68(4): no proceedings during the 14 days following the notice.
    with pytest.raises(ApplicationError, match="No proceedings before the payment period ends"):
        services.fpn_prosecute(actor=s.officer, fpn=fpn, now=now() + dt.timedelta(days=14))
    prosecuted = services.fpn_prosecute(actor=s.officer, fpn=fpn, now=now() + dt.timedelta(days=15))
    assert prosecuted.status == Status.PROSECUTED


@pytest.mark.django_db
def test_s68_service_refuses_a_recipient_who_is_not_on_the_case(s: Any, persona: Any) -> None:
    from csphub.people.services import person_create

    stranger = person_create(
        actor=s.officer, given_name="Sam", family_name="Notonthecase", date_of_birth=dt.date(1990, 1, 1)
    )
    pspo = _pspo(s)
    with pytest.raises(ApplicationError, match="party to the case"):
        services.pspo_fpn_issue(
            actor=s.officer,
            pspo=pspo,
            recipient=stranger,
            issuer_capacity="local_authority",
            breach_on=today(),
            breach="Drinking",
            amount_gbp=100,
        )
    assert not PowerUse.objects.filter(power=Power.FPN).exists()


def test_s72_5_no_owner_or_occupier_consultation_on_land_the_council_owns_and_occupies() -> None:
    without_owners = [c for c in PSPO_CONSULTEES if c != "owners_occupiers"]
    assert r.pspo_consultation_blockers(consultation_done=without_owners, publicised=True) == [
        "Complete the consultation record: owners and occupiers of the land"
    ]
    assert (
        r.pspo_consultation_blockers(
            consultation_done=without_owners, publicised=True, council_land_only=True
        )
        == []
    )
    # Every other consultee is still needed on council land.
    assert r.pspo_consultation_blockers(
        consultation_done=[c for c in without_owners if c != "local_policing_body"],
        publicised=True,
        council_land_only=True,
    ) == ["Complete the consultation record: the police and crime commissioner"]


@pytest.mark.django_db
def test_s72_5_make_on_council_land_without_owner_consultation(s: Any) -> None:
    without_owners = [c for c in PSPO_CONSULTEES if c != "owners_occupiers"]
    common = {
        "actor": s.officer,
        "case": s.case,
        "issuer_capacity": "local_authority",
        "locality": "Heanor Memorial Park (council owned and occupied)",
        "requirements": "Dogs on leads",
        "made_on": today(),
        "expires_on": today() + dt.timedelta(days=300),
        "consultation_done": without_owners,
        "publicised": True,
        "expression_assembly_regard": REGARD,
    }
    with pytest.raises(ApplicationError, match="owners and occupiers of the land"):
        services.pspo_make(**common)
    assert services.pspo_make(**common, council_land_only=True).status == Status.MADE


# ---------------------------------------------------------------- A.5 s.59(7): what the order says


def test_s59_7_the_order_identifies_its_activities() -> None:
    assert r.pspo_content_blockers("") == [
        "The order must identify the activities it prohibits or the requirements it imposes (s.59(7))"
    ]
    assert r.pspo_content_blockers("  \n \n") != []
    assert r.pspo_content_blockers("Dogs on leads") == []
    assert r.pspo_prohibits_alcohol("No drinking ALCOHOL in the park")
    assert not r.pspo_prohibits_alcohol("Dogs on leads")


@pytest.mark.django_db
def test_s59_7_the_service_refuses_an_order_with_no_activities_and_the_letter_explains_s63_and_s67(
    s: Any,
) -> None:
    common = {
        "actor": s.officer,
        "case": s.case,
        "issuer_capacity": "local_authority",
        "locality": "Heanor Memorial Park",
        "made_on": today(),
        "expires_on": today() + dt.timedelta(days=300),
        "consultation_done": PSPO_CONSULTEES,
        "publicised": True,
        "expression_assembly_regard": REGARD,
    }
    with pytest.raises(ApplicationError, match=r"s\.59\(7\)"):
        services.pspo_make(**common, requirements=" \n ")
    dogs = services.pspo_make(**common, requirements="Dogs on leads")
    letter = s.client.get(reverse("powers:letter", args=[dogs.pk])).content.decode()
    assert "(section 67)" in letter and 'data-testid="s63"' not in letter
    drink = _pspo(s)  # "Stop drinking alcohol when asked by an authorised officer"
    letter = s.client.get(reverse("powers:letter", args=[drink.pk])).content.decode()
    assert 'data-testid="s63"' in letter and "(section 63)" in letter


# ---------------------------------------------------------------- A.5 publication (PSPO regulations)


@pytest.mark.django_db
def test_pspo_publication_recorded_per_decision_through_the_page(s: Any) -> None:
    pspo = _pspo(s)  # made 30 days ago
    assert services.pspo_unpublished(pspo)
    page = s.client.get(reverse("powers:detail", args=[pspo.pk])).content.decode()
    assert 'data-testid="record-pspo-publication"' in page
    url = reverse("powers:pspo_publish", args=[pspo.pk])
    made_on = today() - dt.timedelta(days=30)
    body = errors_of(
        s.client.post(url, {"published_on": iso(made_on - dt.timedelta(days=1)), "on_website": "on"})
    )
    assert "It cannot be published before the council" in body
    assert "Put up notices on or next to the restricted area" in body
    data = {"published_on": iso(made_on), "on_website": "on", "notices_erected": "on"}
    assert submit(s.client, url, data).status_code == 302
    pspo.refresh_from_db()
    assert pspo.details["publications"][0]["decision"] == "made"
    assert not services.pspo_unpublished(pspo) and pspo.status == Status.MADE
    assert AuditEvent.objects.filter(verb="pspo.published", target_id=str(pspo.pk)).count() == 1
    with pytest.raises(ApplicationError, match="already recorded as published"):
        services.pspo_publication_record(
            actor=s.officer, pspo=pspo, published_on=today(), on_website=True, notices_erected=True
        )
    page = s.client.get(reverse("powers:detail", args=[pspo.pk])).content.decode()
    assert 'data-testid="record-pspo-publication"' not in page
