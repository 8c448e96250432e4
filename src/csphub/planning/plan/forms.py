"""Forms of the CSP Plan pages (GOV.UK components; edits carry their version)."""

from __future__ import annotations

from typing import Any

from django import forms

from csphub.agencies.models import Agency
from csphub.core.concurrency import VersionedFormMixin
from csphub.frontend.forms import GovukDateField, GovukFormMixin
from csphub.planning import rules
from csphub.planning.models import (
    ActionStatus,
    CspPlan,
    Direction,
    MeasureSource,
    PccObjective,
    PlanPriority,
    PriorityKind,
    Rag,
    Theme,
)
from csphub.planning.plan import selectors


class ActionForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="What will be done",
        max_length=300,
        error_messages={"required": "Enter what will be done"},
    )
    owner_agency = forms.ModelChoiceField(
        label="Which partner owns it?",
        queryset=Agency.objects.order_by("name"),
        empty_label="Select",
        error_messages={"required": "Select the partner that owns the action"},
    )
    lead = forms.CharField(
        label="Lead (a post, not a person's name)",
        max_length=150,
        help_text="For example 'ASB team leader' or 'Neighbourhood inspector, Ripley'.",
        error_messages={"required": "Enter the post that leads the action"},
    )
    due_on = GovukDateField(label="Due by", help_text="For example, 31 3 2022.")
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        initial=ActionStatus.NOT_STARTED,
    )
    rag = forms.ChoiceField(
        label="How is it going?", choices=Rag.choices, widget=forms.RadioSelect, initial=Rag.GREEN
    )
    rag_reason = forms.CharField(
        label="Why amber or red, and what is being done (needed when not green)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    assessment_finding = forms.CharField(
        label="The Strategic Assessment finding it answers (optional)",
        required=False,
        max_length=300,
        help_text="For example 'ASB hot spot persisting in Ripley town centre'. This is the golden thread "
        "from the evidence to the action.",
    )

    golden_threads = forms.ModelMultipleChoiceField(
        label="The golden threads it carries (optional)",
        queryset=PlanPriority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Themes that run through every priority, such as mental health.",
    )

    def __init__(self, *args: Any, plan: CspPlan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        threads = selectors.golden_threads_of(plan) if plan is not None else PlanPriority.objects.none()
        if threads.exists():
            self.fields["golden_threads"].queryset = threads  # type: ignore[attr-defined]
        else:
            del self.fields["golden_threads"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("rag") in ("amber", "red") and not str(data.get("rag_reason", "")).strip():
            self.add_error("rag_reason", "Enter why the action is amber or red, and what is being done")
        return data


class ActionEditForm(VersionedFormMixin, ActionForm):
    pass


class NarrativeForm(VersionedFormMixin, GovukFormMixin, forms.Form):
    foreword = forms.CharField(label="Foreword", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    about = forms.CharField(
        label="About the partnership", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    governance = forms.CharField(
        label="Governance: how the plan is overseen", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    contacts = forms.CharField(label="Contacts", required=False, widget=forms.Textarea(attrs={"rows": 5}))


class PublishForm(GovukFormMixin, forms.Form):
    agreed = forms.BooleanField(
        label="The board has agreed this version of the plan",
        error_messages={"required": "Confirm that the board has agreed this version"},
    )


# --- The plan's structure: priorities, everyday business, golden threads, key areas, measures, ---
# --- the PCC's objectives --------------------------------------------------------------------------


class PriorityForm(GovukFormMixin, forms.Form):
    """A priority of the plan: what it is, the MoRiLE theme it came from, the county priority it
    serves and how it has regard to the Police and Crime Commissioner's objectives."""

    title = forms.CharField(
        label="Priority", max_length=200, error_messages={"required": "Enter the priority's title"}
    )
    description = forms.CharField(
        label="What the partnership means by it (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    theme = forms.ChoiceField(
        label="The theme it was scored as (optional)",
        required=False,
        choices=[("", "None"), *Theme.choices],
    )
    county_priority = forms.ModelChoiceField(
        label="The county priority it serves (optional)",
        queryset=PlanPriority.objects.none(),
        required=False,
        empty_label="None",
    )
    pcc_objectives = forms.ModelMultipleChoiceField(
        label="The Police and Crime Commissioner's objectives it has regard to (optional)",
        queryset=PccObjective.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regard = forms.CharField(
        label="How the priority has regard to those objectives",
        required=False,
        help_text="Needed when you select an objective. For example 'Our hot spot work supports the "
        "Commissioner's aim to keep neighbourhoods safe'.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, plan: CspPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        county = selectors.county_priorities_for(plan)
        objectives = selectors.pcc_objectives_of(plan)
        if county.exists():
            self.fields["county_priority"].queryset = county  # type: ignore[attr-defined]
        else:
            del self.fields["county_priority"]
        if objectives.exists():
            self.fields["pcc_objectives"].queryset = objectives  # type: ignore[attr-defined]
        else:  # record the Commissioner's objectives first: then the priority can say its regard
            del self.fields["pcc_objectives"]
            del self.fields["regard"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("pcc_objectives") and not str(data.get("regard", "")).strip():
            self.add_error(
                "regard",
                "Say how the priority has regard to the Police and Crime Commissioner's objectives you selected",
            )
        return data


class EverydayForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="Area of everyday business",
        max_length=200,
        help_text="For example 'Reducing re-offending'.",
        error_messages={"required": "Enter the area of everyday business's title"},
    )
    description = forms.CharField(
        label="What the partnership does (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    lead_agency = forms.ModelChoiceField(
        label="Which partner leads it?",
        queryset=Agency.objects.order_by("name"),
        empty_label="Select",
        error_messages={"required": "Select the partner that leads this area of everyday business"},
    )

    def __init__(self, *args: Any, plan: CspPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class GoldenThreadForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="Golden thread",
        max_length=200,
        help_text="A theme that runs through every priority, for example 'Mental health'.",
        error_messages={"required": "Enter the golden thread's title"},
    )
    description = forms.CharField(
        label="What it means for the partners' work (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, plan: CspPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


PRIORITY_FORMS: dict[str, type[forms.Form]] = {
    PriorityKind.PRIORITY: PriorityForm,
    PriorityKind.EVERYDAY: EverydayForm,
    PriorityKind.GOLDEN_THREAD: GoldenThreadForm,
}


def priority_edit_form(kind: str) -> type[forms.Form]:
    """The edit form (with the record's version) for a kind of plan entry."""
    return type(f"{PRIORITY_FORMS[kind].__name__}Edit", (VersionedFormMixin, PRIORITY_FORMS[kind]), {})


class KeyAreaForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="Key area of work",
        max_length=200,
        help_text="For example 'Hot spot response'.",
        error_messages={"required": "Enter the key area of work"},
    )


class KeyAreaEditForm(VersionedFormMixin, KeyAreaForm):
    pass


class MeasureForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="What the measure counts",
        max_length=200,
        help_text="For example 'Anti-social behaviour incidents recorded by the police'.",
        error_messages={"required": "Enter what the measure counts"},
    )
    source = forms.ChoiceField(
        label="Where the figure comes from",
        help_text="CSP Hub computes the figure from these records: it is never typed in.",
        choices=MeasureSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the figure comes from"},
    )
    baseline = forms.IntegerField(
        label="Baseline",
        min_value=0,
        help_text="The figure the plan starts from, as a whole number.",
        error_messages={
            "required": "Enter the baseline",
            "invalid": "Enter the baseline as a whole number, like 3500",
            "min_value": "Enter the baseline as a whole number, 0 or more",
        },
    )
    baseline_label = forms.CharField(
        label="What the baseline is",
        max_length=100,
        help_text="For example '2019/20'.",
        error_messages={"required": "Enter what the baseline is, for example 2019/20"},
    )
    direction = forms.ChoiceField(
        label="Which way should the figure go?",
        choices=Direction.choices,
        widget=forms.RadioSelect,
        initial=Direction.REDUCE,
        error_messages={"required": "Select whether the figure should go down, go up or stay down"},
    )
    target = forms.IntegerField(
        label="Target (optional)",
        min_value=0,
        required=False,
        help_text="The figure the partnership aims for. Leave empty to read the measure against the baseline.",
        error_messages={
            "invalid": "Enter the target as a whole number, like 3200",
            "min_value": "Enter the target as a whole number, 0 or more",
        },
    )
    target_label = forms.CharField(
        label="When the target is for (needed with a target)",
        max_length=100,
        required=False,
        help_text="For example '2022/23'.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        target = data.get("target")
        if target is not None and not str(data.get("target_label", "")).strip():
            self.add_error("target_label", "Enter when the target is for, for example 2022/23")
        if data.get("direction") and data.get("baseline") is not None:
            for name, message in rules.measure_problems(
                baseline=data["baseline"], target=target, direction=data["direction"]
            ):
                self.add_error(name, message)
        return data


class MeasureEditForm(VersionedFormMixin, MeasureForm):
    pass


class PccObjectiveForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="The objective, as the Commissioner's plan words it",
        max_length=300,
        help_text="For example 'Keep neighbourhoods safe'.",
        error_messages={"required": "Enter the objective as the Commissioner's plan words it"},
    )


class PccObjectiveEditForm(VersionedFormMixin, PccObjectiveForm):
    pass


class RemoveForm(VersionedFormMixin, GovukFormMixin, forms.Form):
    """The confirmation of a removal: no question, only the version of the entry as the page showed
    it (removing something that changed since is refused, and the page shows it as it is now)."""


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Move up"), ("down", "Move down")])


class PlanDetailsForm(VersionedFormMixin, GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="The plan's title", max_length=200, error_messages={"required": "Enter the plan's title"}
    )
    starts_on = GovukDateField(label="The plan starts on", help_text="For example, 1 4 2020.")
    ends_on = GovukDateField(label="The plan ends on", help_text="For example, 31 3 2023.")
    pcc_plan_title = forms.CharField(
        label="The Police and Crime Commissioner's plan it has regard to (optional)",
        max_length=200,
        required=False,
        help_text="For example 'Police and Crime Plan 2021-2025'.",
    )
    county_plan = forms.ModelChoiceField(
        label="The county board's plan it serves (optional)",
        queryset=CspPlan.objects.none(),
        required=False,
        empty_label="None",
        help_text="Changing it unlinks the priorities that serve a priority of the current county plan.",
    )

    def __init__(self, *args: Any, plan: CspPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        county = selectors.county_plans_for(plan)
        if county.exists():
            self.fields["county_plan"].queryset = county  # type: ignore[attr-defined]
        else:  # a county board's plan, or a partnership without a board above it
            del self.fields["county_plan"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts is not None and ends is not None and ends < starts:
            self.add_error("ends_on", "The plan must end on or after the day it starts")
        return data


class PlanNewForm(GovukFormMixin, forms.Form):
    """A new plan of the acting partnership, optionally carrying over an earlier plan's structure."""

    title = forms.CharField(
        label="The plan's title",
        max_length=200,
        help_text="For example 'Amber Valley Community Safety Partnership Plan 2023-2026'.",
        error_messages={"required": "Enter the plan's title"},
    )
    starts_on = GovukDateField(label="The plan starts on", help_text="For example, 1 4 2023.")
    ends_on = GovukDateField(label="The plan ends on", help_text="For example, 31 3 2026.")
    pcc_plan_title = forms.CharField(
        label="The Police and Crime Commissioner's plan it has regard to (optional)",
        max_length=200,
        required=False,
        help_text="For example 'Police and Crime Plan 2021-2025'.",
    )
    county_plan = forms.ModelChoiceField(
        label="The county board's plan it serves (optional)",
        queryset=CspPlan.objects.none(),
        required=False,
        empty_label="None",
    )
    copy_from = forms.ModelChoiceField(
        label="Start from an earlier plan (optional)",
        queryset=CspPlan.objects.none(),
        required=False,
        empty_label="No: start with an empty plan",
        help_text="Copies its priorities, key areas of work, the PCC's objectives and its measures with "
        "their baselines. Not its actions, its targets or its narrative: set those for the new period.",
    )

    def __init__(self, *args: Any, county_plans: Any, own_plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if county_plans.exists():
            self.fields["county_plan"].queryset = county_plans  # type: ignore[attr-defined]
        else:
            del self.fields["county_plan"]
        if own_plans.exists():
            self.fields["copy_from"].queryset = own_plans  # type: ignore[attr-defined]
        else:
            del self.fields["copy_from"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts is not None and ends is not None and ends < starts:
            self.add_error("ends_on", "The plan must end on or after the day it starts")
        return data
