"""frontend.flows: question → check answers (Change links) → confirm, with a rehearsal of the service."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser, Group
from django.core import mail
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from csphub.core.errors import ApplicationError
from csphub.frontend import flows
from csphub.frontend.forms import GovukDateField, GovukFormMixin

pytestmark = pytest.mark.django_db


class GroupForm(GovukFormMixin, forms.Form):
    name = forms.CharField(label="Group name", error_messages={"required": "Enter the group's name"})
    kind = forms.ChoiceField(label="Kind", choices=[("team", "A team"), ("panel", "A panel")])
    starts_on = GovukDateField(label="Start date", required=False)
    members = forms.MultipleChoiceField(
        label="Members",
        choices=[("a", "Ann"), ("b", "Bo")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def group_create(data: dict[str, Any]) -> Group:
    """A write with a guard, an e-mail on commit: what a real service looks like."""
    if data["name"] == "taken":
        raise ApplicationError("That name is taken; choose another name", field="name")
    group = Group.objects.create(name=data["name"])
    transaction.on_commit(lambda: mail.send_mail("Group made", data["name"], None, ["x@example.org"]))
    return group


def run(data: dict[str, Any] | None, **kwargs: Any) -> HttpResponse:
    request = RequestFactory().post("/groups/new/", data) if data is not None else RequestFactory().get("/")
    request.user = AnonymousUser()
    form = GroupForm(flows.posted(request))
    return flows.question_check_confirm(
        request,
        form,
        perform=group_create,
        done=lambda group: HttpResponse(f"made {group.name}", status=201),
        question=flows.Page("frontend/question.html", {"heading": "Make a group"}),
        check=flows.Page(
            "frontend/check_answers.html", {"heading": "Check the group", "confirm_label": "Make it"}
        ),
        **kwargs,
    )


ANSWERS = {
    "name": "Panel A",
    "kind": "panel",
    "starts_on_day": "3",
    "starts_on_month": "3",
    "starts_on_year": "2025",
}


def test_get_shows_the_question_page() -> None:
    page = run(None).content.decode()
    assert "Make a group" in page and "Continue" in page and "There is a problem" not in page


def test_a_valid_answer_shows_the_check_page_with_change_buttons_and_saves_nothing() -> None:
    page = run({**ANSWERS, "members": ["a", "b"]}).content.decode()
    assert "Check the group" in page and "Make it" in page
    # Answers in words: the choice's label, the date, one member per line.
    assert "A panel" in page and "3 March 2025" in page and "Ann<br>Bo" in page
    # Carried as posted (the three date fields and both members included).
    for name, value in [*ANSWERS.items(), ("members", "a"), ("members", "b")]:
        assert f'<input type="hidden" name="{name}" value="{value}">' in page
    # Each row's Change button goes back to the question page, at its field.
    assert 'name="step" value="change" formaction="#id_kind"' in page
    assert 'formaction="#id_starts_on_day"' in page and 'formaction="#id_members_0"' in page
    assert 'name="step" value="confirm"' in page
    assert not Group.objects.exists()
    assert mail.outbox == []


def test_the_rehearsal_rolls_back_the_write_and_its_on_commit_email(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run(ANSWERS)
    assert callbacks == [] and mail.outbox == []
    assert not Group.objects.exists()


def test_a_refusal_is_shown_on_the_question_page_before_the_check_page() -> None:
    page = run({**ANSWERS, "name": "taken"}).content.decode()
    assert "There is a problem" in page and "Check the group" not in page
    # One error per "; "-separated reason, on the field the service names.
    assert "That name is taken" in page and "choose another name" in page
    assert "<title>Error: " in page


def test_without_rehearsal_a_refusal_surfaces_only_on_confirm() -> None:
    page = run({**ANSWERS, "name": "taken"}, rehearsal=False).content.decode()
    assert "Check the group" in page
    page = run({**ANSWERS, "name": "taken", "step": "confirm"}, rehearsal=False).content.decode()
    assert "That name is taken" in page and not Group.objects.exists()


def test_change_goes_back_to_the_question_page_with_the_answers() -> None:
    page = run({**ANSWERS, "step": "change"}).content.decode()
    assert "Make a group" in page and 'value="Panel A"' in page and 'name="starts_on_year"' in page
    assert not Group.objects.exists()


@pytest.mark.parametrize("control", [{"step": "confirm"}, {"confirm": "yes"}])
def test_confirm_calls_the_service_and_hands_over_its_result(
    control: dict[str, str], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = run({**ANSWERS, **control})
    assert [m.subject for m in mail.outbox] == ["Group made"]
    assert response.status_code == 201 and response.content == b"made Panel A"
    assert Group.objects.filter(name="Panel A").exists()


def test_an_invalid_answer_stays_on_the_question_page_even_when_confirming() -> None:
    page = run({**ANSWERS, "name": "", "step": "confirm"}).content.decode()
    assert "Enter the group&#x27;s name" in page and not Group.objects.exists()


def test_a_preview_adds_to_the_check_page_and_its_refusal_goes_to_the_question_page() -> None:
    def preview(data: dict[str, Any]) -> dict[str, Any]:
        if data["kind"] == "team":
            raise ApplicationError("A team needs members", field="members")
        return {"explain": f"{data['name']} will be a panel"}

    assert "Panel A will be a panel" in run(ANSWERS, preview=preview).content.decode()
    page = run({**ANSWERS, "kind": "team"}, preview=preview).content.decode()
    assert "A team needs members" in page and "Check the group" not in page


def test_step_of_understands_both_spellings() -> None:
    factory = RequestFactory()
    assert flows.step_of(factory.get("/")) == ""
    assert flows.step_of(factory.post("/", {"step": "change"})) == "change"
    assert flows.step_of(factory.post("/", {"change": "yes"})) == "change"
    assert flows.step_of(factory.post("/", {"confirm": "yes"})) == "confirm"
    assert flows.step_of(factory.post("/", {"confirm": "no"})) == ""


def test_carried_answers_leave_out_the_control_fields() -> None:
    request = RequestFactory().post("/", {"csrfmiddlewaretoken": "x", "step": "change", "a": ["1", "2"]})
    assert flows.carried_answers(request) == [("a", "1"), ("a", "2")]
