"""GOV.UK components: the answer filter, summary list, check answers, error summary, task list,
the three-field date input and the PDF renderer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.utils import timezone
from django.utils.html import format_html

from csphub.frontend.answers import answer
from csphub.frontend.components import Row, Task
from csphub.frontend.documents import document_response, render_pdf
from csphub.frontend.forms import GovukDateField, GovukFormMixin


def render(source: str, **context: Any) -> str:
    return Template("{% load govuk %}" + source).render(Context(context))


# --- answer ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "Not given"),
        ("", "Not given"),
        ([], "Not given"),
        (True, "Yes"),
        (False, "No"),
        (0, "0"),
        (dt.date(2025, 3, 3), "3 March 2025"),
        (["a", "b"], "a\nb"),
        ("free text", "free text"),
    ],
)
def test_answer_in_words(value: Any, shown: str) -> None:
    assert answer(value) == shown


def test_answer_uses_the_choice_label_never_the_code() -> None:
    field = forms.ChoiceField(choices=[("dont_know", "Don't know"), ("yes", "Yes")])
    assert answer("dont_know", field) == "Don't know"
    assert answer(["yes", "dont_know"], forms.MultipleChoiceField(choices=field.choices)) == "Yes\nDon't know"
    grouped = forms.ChoiceField(choices=[("Group", [("a", "Alpha")])])
    assert answer("a", grouped) == "Alpha"
    assert (
        answer(7, forms.TypedChoiceField(choices=[(7, "Jo Bloggs (victim)")], coerce=int))
        == "Jo Bloggs (victim)"
    )
    assert answer("unknown", field) == "unknown"


def test_answer_shows_a_date_and_time_in_uk_local_time() -> None:
    summer = dt.datetime(2025, 7, 1, 13, 5, tzinfo=dt.UTC)
    assert answer(summer) == "1 July 2025 at 14:05"
    winter = timezone.make_aware(dt.datetime(2025, 1, 1, 9, 0))
    assert answer(winter) == "1 January 2025 at 09:00"


@pytest.mark.django_db
def test_answer_names_a_person() -> None:
    user = get_user_model()(username="jb", first_name="Jo", last_name="Bloggs")
    assert answer(user) == "Jo Bloggs"
    assert answer(get_user_model()(username="nobody")) == "nobody"


def test_answer_filter_takes_a_bound_field() -> None:
    class F(forms.Form):
        kind = forms.ChoiceField(choices=[("t", "A team")])

    form = F({"kind": "t"})
    assert render("{{ value|answer:field }}", value="t", field=form["kind"]) == "A team"
    assert render("{{ value|answer }}", value=None) == "Not given"


# --- summary list, check answers ------------------------------------------------------------------


def test_summary_list_rows_with_links_buttons_and_none() -> None:
    html = render(
        "{% govuk_summary_list rows testid='answers' %}",
        rows=[
            Row("Name", "Jo <b>"),
            Row("Address", "1 High St\nTown", change_url="/about-you/"),
            Row("Kind", "A team", change_anchor="id_kind"),
            ("Status", format_html("<strong class='govuk-tag'>{}</strong>", "Open")),
        ],
    )
    assert 'data-testid="answers"' in html
    assert "Jo &lt;b&gt;" in html  # escaped
    assert "1 High St<br>Town" in html
    assert (
        '<a class="govuk-link" href="/about-you/">Change<span class="govuk-visually-hidden"> address</span>'
        in html
    )
    assert 'formaction="#id_kind"' in html
    assert "<strong class='govuk-tag'>Open</strong>" in html  # safe HTML kept
    # Rows without an action in a list that has actions say so (GOV.UK alignment).
    assert html.count("govuk-summary-list__row--no-actions") == 2


def test_summary_list_without_actions() -> None:
    html = render("{% govuk_summary_list rows change=False %}", rows=[("Name", "Jo", "/x/")])
    assert "Change" not in html and "--no-actions" not in html


def test_check_answers_carries_the_answers_as_hidden_fields() -> None:
    html = render(
        "{% govuk_check_answers rows hidden %}",
        rows=[Row("Name", "Jo", change_anchor="id_name")],
        hidden=[("name", 'Jo "J"'), ("members", "a"), ("members", "b")],
    )
    assert '<input type="hidden" name="name" value="Jo &quot;J&quot;">' in html
    assert html.count('name="members"') == 2
    assert 'data-testid="check-answers"' in html


# --- error summary ---------------------------------------------------------------------------------


def test_error_summary_links_each_error_to_its_field() -> None:
    class F(GovukFormMixin, forms.Form):
        name = forms.CharField(error_messages={"required": "Enter your name"})

    form = F({})
    form.is_valid()
    form.add_error(None, "Something else is wrong")
    html = render("{% govuk_error_summary form %}", form=form)
    assert "There is a problem" in html
    assert '<a href="#id_name">Enter your name</a>' in html and "Something else is wrong" in html
    assert render("{% govuk_error_summary form %}", form=F()).strip() == ""


# --- task list --------------------------------------------------------------------------------------


def test_task_list_shows_links_statuses_and_tasks_that_cannot_start() -> None:
    html = render(
        "{% govuk_task_list tasks %}",
        tasks=[
            Task("Acknowledge", "Completed", url="/ack/"),
            Task("Decide the threshold", "Incomplete", url="/t/", tag="blue", hint="Within 10 working days"),
            Task("Hold the review", "Cannot start yet"),
        ],
    )
    assert html.count("govuk-task-list__item--with-link") == 2
    assert '<a class="govuk-link govuk-task-list__link" href="/t/"' in html
    assert '<strong class="govuk-tag govuk-tag--blue">Incomplete</strong>' in html
    assert "Within 10 working days" in html
    assert "govuk-task-list__status--cannot-start-yet" in html and "<div>Hold the review</div>" in html


# --- three-field date input -----------------------------------------------------------------------


class WhenForm(GovukFormMixin, forms.Form):
    started_on = GovukDateField(label="Date the behaviour started")
    ended_on = GovukDateField(label="End date", required=False)


def when(**parts: str) -> WhenForm:
    return WhenForm({f"started_on_{k}": v for k, v in parts.items()})


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ({"day": "27", "month": "3", "year": "2024"}, dt.date(2024, 3, 27)),
        ({"day": "07", "month": "03", "year": "2024"}, dt.date(2024, 3, 7)),
        ({"day": "29", "month": "2", "year": "2024"}, dt.date(2024, 2, 29)),  # leap day
        ({"day": "1", "month": "Mar", "year": "2024"}, dt.date(2024, 3, 1)),  # month names
        ({"day": " 31 ", "month": "december", "year": "2024"}, dt.date(2024, 12, 31)),
    ],
)
def test_three_fields_make_a_date(parts: dict[str, str], expected: dt.date) -> None:
    form = when(**parts)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["started_on"] == expected
    assert form.cleaned_data["ended_on"] is None


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({}, "Enter date the behaviour started"),
        ({"day": "", "month": "", "year": ""}, "Enter date the behaviour started"),
        ({"day": "27", "year": "2024"}, "Date the behaviour started must include a month"),
        ({"month": "3"}, "Date the behaviour started must include a day and year"),
        ({"day": "29", "month": "2", "year": "2023"}, "Date the behaviour started must be a real date"),
        ({"day": "32", "month": "1", "year": "2024"}, "Date the behaviour started must be a real date"),
        ({"day": "1", "month": "13", "year": "2024"}, "Date the behaviour started must be a real date"),
        ({"day": "ten", "month": "1", "year": "2024"}, "Date the behaviour started must be a real date"),
        ({"day": "1", "month": "1", "year": "24"}, "Year must include 4 numbers"),
    ],
)
def test_three_fields_give_the_govuk_error_messages(parts: dict[str, str], message: str) -> None:
    form = when(**parts)
    assert not form.is_valid()
    assert form.errors["started_on"] == [message]


def test_a_single_posted_value_is_still_understood() -> None:
    assert WhenForm({"started_on": "2024-03-27"}).is_valid()
    assert WhenForm({"started_on": "27/3/2024"}).is_valid()
    form = WhenForm({"started_on": "31/2/2024"})
    assert form.errors["started_on"] == ["Date the behaviour started must be a real date"]


def test_the_date_input_renders_three_labelled_inputs_in_a_fieldset_marked_on_error() -> None:
    form = when(day="27", month="", year="2024")
    form.is_valid()
    html = render('{% include "frontend/components/field.html" with field=field %}', field=form["started_on"])
    assert '<fieldset class="govuk-fieldset" role="group"' in html
    assert (
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Date the behaviour started</legend>'
        in html
    )
    for part, label in (("day", "Day"), ("month", "Month"), ("year", "Year")):
        assert f'for="id_started_on_{part}">{label}</label>' in html
        assert f'name="started_on_{part}"' in html
    assert 'value="27"' in html and 'value="2024"' in html
    # Only the input at fault is marked (GOV.UK date input: "highlight the … field where there is a
    # problem"): the month here.
    assert html.count("govuk-input--error") == 1
    assert 'govuk-input--error" id="id_started_on_month"' in html
    assert "must include a month" in html
    fresh = render(
        '{% include "frontend/components/field.html" with field=field %}',
        field=WhenForm(initial={"started_on": dt.date(2025, 1, 9)})["started_on"],
    )
    assert 'value="9"' in fresh and 'value="1"' in fresh and "govuk-input--error" not in fresh


@pytest.mark.parametrize(
    ("parts", "marked"),
    [
        ({"day": "", "month": "", "year": ""}, {"day", "month", "year"}),  # nothing entered
        ({"day": "30", "month": "2", "year": "2024"}, {"day", "month", "year"}),  # not a real date
        ({"day": "", "month": "3", "year": ""}, {"day", "year"}),  # "must include a day and year"
        ({"day": "3", "month": "3", "year": "24"}, {"year"}),  # "Year must include 4 numbers"
        ({"day": "3", "month": "3", "year": "1066"}, {"year"}),  # before 1900
    ],
)
def test_a_date_error_marks_only_the_inputs_at_fault(parts: dict[str, str], marked: set[str]) -> None:
    form = when(**parts)
    assert not form.is_valid()
    html = render('{% include "frontend/components/field.html" with field=field %}', field=form["started_on"])
    for part in ("day", "month", "year"):
        at_fault = f'govuk-input--error" id="id_started_on_{part}"' in html
        assert at_fault == (part in marked), part


def test_a_time_that_never_happened_marks_only_the_time() -> None:
    from csphub.frontend.forms import GovukDateTimeField

    class AtForm(GovukFormMixin, forms.Form):
        at = GovukDateTimeField(label="When it happened")

    # 01:30 on Sunday 29 March 2026 never happened in the UK: the clocks went from 01:00 to 02:00.
    form = AtForm({"at_day": "29", "at_month": "3", "at_year": "2026", "at_time": "01:30"})
    assert not form.is_valid()
    html = render('{% include "frontend/components/field.html" with field=field %}', field=form["at"])
    assert html.count("govuk-input--error") == 1 and 'govuk-input--error" id="id_at_time"' in html


# --- documents ---------------------------------------------------------------------------------------


def test_render_pdf_makes_a_pdf_and_the_response_is_html_or_a_pdf_download() -> None:
    pdf = render_pdf("frontend/components/summary_list.html", {"rows": [Row("Name", "Jo")]})
    assert pdf.startswith(b"%PDF-")
    response = document_response(
        "frontend/components/summary_list.html", {"rows": [Row("Name", "Jo")]}, fmt="pdf", filename="x.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="x.pdf"'
    page = document_response(
        "frontend/components/summary_list.html", {"rows": [Row("Name", "Jo")]}, fmt="html", filename="x.pdf"
    )
    assert b"Jo" in page.content and page["Content-Type"].startswith("text/html")
    with pytest.raises(ValueError, match="unknown document format"):
        document_response("frontend/components/summary_list.html", {}, fmt="docx", filename="x.docx")


def test_summary_block_tags_take_rich_values_written_in_the_template() -> None:
    html = render(
        '{% govuk_summary testid="area-"|add:slug %}'
        '{% govuk_row "Contact" %}{{ team }}<br>{{ email }}{% endgovuk_row %}'
        '{% govuk_row "Single point of contact" change_url=url testid="spoc" %}Jo{% endgovuk_row %}'
        "{% endgovuk_summary %}",
        slug="amber-valley",
        team="Team <A>",
        email="a@example.org",
        url="/spoc/",
    )
    assert html.startswith('<dl class="govuk-summary-list" data-testid="area-amber-valley">')
    assert "Team &lt;A&gt;<br>a@example.org" in html  # values escaped, markup kept
    assert '<dd class="govuk-summary-list__value" data-testid="spoc">Jo</dd>' in html
    assert (
        '<a class="govuk-link" href="/spoc/">Change<span class="govuk-visually-hidden"> single point of contact</span></a>'
        in html
    )
    assert html.count('<div class="govuk-summary-list__row">') == 2 and html.count("Change") == 1
