"""The pages: the public journey without JavaScript, bad input, the status check, the publication."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from csphub.casereviews import rules, services
from csphub.casereviews.models import Application
from tests.versions import BrowserLikeClient

pytestmark = pytest.mark.django_db


def _d(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def walk_journey(client: Any, *, who: str = "self", victim: dict[str, str] | None = None) -> Any:
    today = timezone.localdate()
    response = client.post(reverse("casereviews:apply_who"), {"who": who})
    if who == "behalf":
        assert response.url == reverse("casereviews:apply_victim")
        response = client.post(reverse("casereviews:apply_victim"), victim or {})
        if response.status_code != 302:
            return response
    response = client.post(
        reverse("casereviews:apply_about_you"),
        {"applicant_name": "Jo Resident", "contact_preference": "email", "applicant_email": "jo@example.org"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(
        reverse("casereviews:apply_behaviour"),
        {
            "behaviour_description": "Loud music every night",
            "behaviour_location": "Example Street",
            "behaviour_first_on": _d(today - dt.timedelta(days=60)),
            "behaviour_last_on": _d(today - dt.timedelta(days=2)),
            "reports_described": "Police three times",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(reverse("casereviews:apply_check"))


def submit(client: Any, check_page: Any, **extra: str) -> Any:
    token = check_page.context["form"]["form_token"].value()
    return client.post(reverse("casereviews:apply_check"), {"form_token": token, "website": "", **extra})


def test_a_resident_applies_without_javascript_and_gets_a_reference(
    client: Any, area: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.CASEREVIEWS_MIN_FORM_SECONDS = 0
    check = walk_journey(client)
    assert check.status_code == 200
    assert "Check your answers" in check.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, check)
    assert response.status_code == 302
    done = client.get(response.url)
    application = Application.objects.get()
    body = done.content.decode()
    assert application.reference in body
    assert "Community Safety Team" in body and "single point of contact" in body
    assert [m.to for m in mail.outbox if "jo@example.org" in m.to] == [["jo@example.org"]]
    assert "<script>" not in body  # the journey needs no inline script


def test_bots_filling_the_honeypot_or_replaying_are_refused(client: Any, area: Any, settings: Any) -> None:
    settings.CASEREVIEWS_MIN_FORM_SECONDS = 0
    check = walk_journey(client)
    response = submit(client, check, website="http://spam.example")
    assert response.status_code == 200
    assert "Error: " in response.content.decode()
    assert Application.objects.count() == 0
    token = check.context["form"]["form_token"].value()
    assert submit(client, check).status_code == 302  # the honeypot refusal did not use the token up
    assert Application.objects.count() == 1
    # Replaying the same token (a bulk submitter re-posting) is refused.
    walk_journey(client)
    client.post(reverse("casereviews:apply_check"), {"form_token": token, "website": ""})
    assert Application.objects.count() == 1


def test_per_ip_limit_on_the_public_form(client: Any, area: Any, settings: Any) -> None:
    settings.CASEREVIEWS_MIN_FORM_SECONDS = 0
    settings.CASEREVIEWS_SUBMISSIONS_PER_IP_PER_HOUR = 1
    assert submit(client, walk_journey(client)).status_code == 302
    response = submit(client, walk_journey(client))
    assert response.status_code == 429
    assert Application.objects.count() == 1


def test_anonymous_applications_are_refused_with_an_explanation(client: Any, area: Any) -> None:
    response = client.post(reverse("casereviews:apply_who"), {"who": "anonymous"}, follow=True)
    body = response.content.decode()
    assert "You cannot apply anonymously" in body
    assert "01773 000000" in body
    assert Application.objects.count() == 0


def test_third_party_without_consent_gets_a_clear_message(client: Any, area: Any) -> None:
    response = walk_journey(
        client, who="behalf", victim={"victim_name": "Sam", "relationship_to_victim": "Son"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("You can only apply for someone else with their consent") >= 1
    assert "<title>Error: " in body
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("", "", "Enter the date the behaviour started"),
        ("31/2/2024", "1/3/2024", "must be a real date"),
    ],
)
def test_missing_impossible_and_too_old_dates(
    client: Any, area: Any, first: str, last: str, message: str
) -> None:
    client.post(reverse("casereviews:apply_who"), {"who": "self"})
    client.post(
        reverse("casereviews:apply_about_you"),
        {"applicant_name": "Jo", "contact_preference": "email", "applicant_email": "jo@example.org"},
    )
    response = client.post(
        reverse("casereviews:apply_behaviour"),
        {
            "behaviour_description": "x",
            "behaviour_location": "y",
            "behaviour_first_on": first,
            "behaviour_last_on": last,
            "reports_described": "z",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "There is a problem" in body
    assert Application.objects.count() == 0


def test_unknown_reference_gets_the_same_answer_as_a_real_one(
    client: Any, area: Any, application_data: Any, django_capture_on_commit_callbacks: Any
) -> None:
    application = services.application_submit(actor=None, area=area, **application_data())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        real = client.post(
            reverse("casereviews:status_request"),
            {"reference": application.reference, "email": "jo@example.org"},
            follow=True,
        )
    fake = client.post(
        reverse("casereviews:status_request"),
        {"reference": "CR-AAAA-AAAA", "email": "jo@example.org"},
        follow=True,
    )
    assert real.status_code == fake.status_code == 200

    def strip(response: Any) -> str:
        body = response.content.decode().replace(application.reference, "").replace("CR-AAAA-AAAA", "")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)

    assert strip(real) == strip(fake)
    assert len(mail.outbox) == 1
    code = mail.outbox[0].body.split("Your code is ")[1][:6]
    wrong = client.post(reverse("casereviews:status_code"), {"reference": "CR-AAAA-AAAA", "code": code})
    assert "not right" in wrong.content.decode()
    ok = client.post(
        reverse("casereviews:status_code"), {"reference": application.reference, "code": code}, follow=True
    )
    assert "Your application" in ok.content.decode() and "Received" in ok.content.decode()


def test_staff_intake_page_records_a_phone_application(client_as: Any, area: Any) -> None:
    staff = client_as("avbc_caseworker")
    today = timezone.localdate()
    response = staff.post(
        reverse("casereviews:intake"),
        {
            "channel": "phone",
            "received_on": _d(today),
            "applicant_name": "Pat Caller",
            "contact_preference": "phone",
            "applicant_phone": "07700 900555",
            "is_third_party": "on",
            "victim_name": "Lee Caller",
            "relationship_to_victim": "Parent",
            "behaviour_description": "Threats",
            "behaviour_location": "Park",
            "behaviour_first_on": _d(today - dt.timedelta(days=20)),
            "behaviour_last_on": _d(today - dt.timedelta(days=1)),
            "reports_described": "Council",
        },
    )
    assert response.status_code == 200
    assert "consent" in response.content.decode()
    assert Application.objects.count() == 0


# --- publication ------------------------------------------------------------------------------------


def seed_year(
    area: Any, staff: Any, world: Any, *, year: rules.ReportingYear, seed: int
) -> list[dict[str, Any]]:
    """Applications across a year with every outcome, made through the services; returns what was done."""
    rng = random.Random(seed)
    done = []
    for i in range(rng.randint(8, 14)):
        received = year.start + dt.timedelta(days=rng.randint(0, 364))
        application = services.application_submit(
            actor=staff,
            area=area,
            channel=rng.choice(["phone", "paper", "in_person"]),
            received_on=received,
            applicant_name=f"Applicant {i}",
            contact_preference="phone",
            applicant_phone="07700 900000",
            behaviour_description="Repeated noise",
            behaviour_location="Street",
            behaviour_first_on=received - dt.timedelta(days=40),
            behaviour_last_on=received - dt.timedelta(days=1),
            reports_described="Police",
            today=max(received, timezone.localdate()),
        )
        outcome = rng.choice(["pending", "not_met", "met_no_review", "review", "review_recs"])
        fact = {"received_on": received, "outcome": outcome, "review_on": None}
        if outcome != "pending":
            decided = received + dt.timedelta(days=rng.randint(1, 20))
            services.threshold_decide(
                actor=staff,
                application=application,
                decided_on=decided,
                discretionary_met=outcome != "not_met",
                discretion_reason="Persistent and harmful",
            )
            if outcome in ("review", "review_recs"):
                held = decided + dt.timedelta(days=rng.randint(1, 30))
                review = services.review_record(
                    actor=staff,
                    application=application,
                    held_on=held,
                    chair="Chair",
                    findings="Findings",
                    bodies_present=[world.agencies["avbc"]],
                )
                fact["review_on"] = held
                if outcome == "review_recs":
                    services.recommendation_add(
                        actor=staff,
                        review=review,
                        text="Do this",
                        owner_agency=world.agencies["police"],
                        owner_name="Inspector",
                        due_on=held + dt.timedelta(days=30),
                    )
        done.append(fact)
    return done


def test_published_figures_equal_an_independent_count(
    client: Any, area: Any, persona: Any, world: Any
) -> None:
    year = rules.ReportingYear(timezone.localdate().year - 2)
    facts = seed_year(area, persona("avbc_caseworker"), world, year=year, seed=7)
    # Independent count, straight from what the test did.
    applications = sum(1 for f in facts if year.contains(f["received_on"]))
    not_met = sum(1 for f in facts if year.contains(f["received_on"]) and f["outcome"] == "not_met")
    reviews = sum(1 for f in facts if f["review_on"] and year.contains(f["review_on"]))
    with_recs = sum(
        1 for f in facts if f["review_on"] and year.contains(f["review_on"]) and f["outcome"] == "review_recs"
    )
    url = reverse("casereviews:publication", kwargs={"area": area.slug, "year": year.slug})
    page = client.get(url)
    assert page.status_code == 200
    figures = page.context["pub"].figures
    assert (
        figures.applications,
        figures.threshold_not_met,
        figures.reviews_carried_out,
        figures.reviews_with_recommendations,
    ) == (applications, not_met, reviews, with_recs)
    body = page.content.decode()
    assert rules.publication_sentences(figures)[0] in body
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("casereviews:publication_csv", kwargs={"area": area.slug, "year": year.slug})
                ).content.decode()
            )
        )
    )
    assert rows[1][2:] == ["Applications for ASB Case Reviews", str(applications), "provisional"]
    month_rows = rows[7:]
    assert sum(int(r[1]) for r in month_rows) == applications
    assert sum(int(r[3]) for r in month_rows) == not_met


def test_an_empty_year_reads_like_the_plan(client: Any, area: Any) -> None:
    page = client.get(reverse("casereviews:publication", kwargs={"area": area.slug, "year": "2019-20"}))
    body = page.content.decode()
    assert "No Community Trigger applications were received in Amber Valley during 2019/20" in body
    assert "No ASB Case Reviews were conducted in 2019/20" in body
    assert (
        client.get(
            reverse("casereviews:publication", kwargs={"area": area.slug, "year": "nonsense"})
        ).status_code
        == 404
    )


def test_staff_close_and_mark_recommendation_done(
    client_as: Any, area: Any, application_data: Any, persona: Any, world: Any
) -> None:
    staff_user = persona("avbc_caseworker")
    today = timezone.localdate()
    application = services.application_submit(actor=None, area=area, **application_data())
    services.threshold_decide(
        actor=staff_user, application=application, discretionary_met=True, discretion_reason="Harm"
    )
    review = services.review_record(
        actor=staff_user,
        application=application,
        held_on=today,
        chair="C",
        findings="F",
        bodies_present=[world.agencies["avbc"]],
    )
    rec = services.recommendation_add(
        actor=staff_user,
        review=review,
        text="Do it",
        owner_agency=world.agencies["police"],
        owner_name="Insp",
        due_on=today,
    )
    staff = BrowserLikeClient(client_as("avbc_caseworker"))  # sends back each form's version
    url = reverse(
        "casereviews:recommendation_done", kwargs={"reference": application.reference, "pk": rec.pk}
    )
    assert staff.post(url, {"on": _d(today)}).status_code == 302
    rec.refresh_from_db()
    assert rec.completed_on == today
    close_url = reverse("casereviews:close", kwargs={"reference": application.reference})
    response = staff.post(close_url, {"how": "closed", "on": _d(today)})
    assert response.status_code == 200  # a review without its outcome letter cannot close
    assert "cannot move to" in response.content.decode()
    services.letter_send(actor=staff_user, application=application, kind="outcome", sent_on=today)
    assert staff.post(close_url, {"how": "closed", "on": _d(today)}).status_code == 302
    application.refresh_from_db()
    assert application.status == rules.Status.CLOSED


def _journey_with_last_incident(client: Any, last: dt.date) -> Any:
    client.post(reverse("casereviews:apply_who"), {"who": "self"})
    client.post(
        reverse("casereviews:apply_about_you"),
        {"applicant_name": "Jo Resident", "contact_preference": "email", "applicant_email": "jo@example.org"},
    )
    response = client.post(
        reverse("casereviews:apply_behaviour"),
        {
            "behaviour_description": "Loud music every night",
            "behaviour_location": "Example Street",
            "behaviour_first_on": _d(last - dt.timedelta(days=30)),
            "behaviour_last_on": _d(last),
            "reports_described": "Police, long ago",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(reverse("casereviews:apply_check"))


def test_s104_out_of_time_behaviour_is_advice_on_the_public_check_page_not_a_refusal(
    client: Any, area: Any, settings: Any
) -> None:
    """B.3 (s.104(1), (5), (6), (10)): an application whose latest incident is too old to give
    qualifying complaints is still received; the check page advises, on the day before the last
    date that could still qualify and not on that date."""
    settings.CASEREVIEWS_MIN_FORM_SECONDS = 0
    oldest = rules.latest_behaviour_allowed_before(timezone.localdate())
    on_the_boundary = _journey_with_last_incident(client, oldest).content.decode()
    assert 'data-testid="out-of-time-advice"' not in on_the_boundary
    check = _journey_with_last_incident(client, oldest - dt.timedelta(days=1))
    body = check.content.decode()
    assert 'data-testid="out-of-time-advice"' in body
    assert f"before {oldest.day} {oldest:%B %Y}" in body
    assert "You can still send your application" in body
    assert submit(client, check).status_code == 302
    assert Application.objects.count() == 1
