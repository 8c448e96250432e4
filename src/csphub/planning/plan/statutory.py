"""The Plan document's statutory responsibilities (issue 13 item 5), in the order the Amber Valley
plan sets them out: each duty's summary, and the ASB Case Review's published figures (s.104(10) of
the Anti-social Behaviour, Crime and Policing Act 2014) in the plan's own sentences, counted from
the partnership's Case Review records for the latest reporting year ended by the document's date.

The summaries state only what the Acts say; a published plan freezes them with the figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from csphub.planning.models import CspPlan


@dataclass(frozen=True)
class Duty:
    act: str
    heading: str
    summary: str
    law: str  # legislation.gov.uk address


DUTIES_BEFORE_CASE_REVIEW: tuple[Duty, ...] = (
    Duty(
        "Crime and Disorder Act 1998",
        "Section 17: considering crime and disorder in everything we do",
        "The council, the police, fire and rescue and the other authorities the section names must each "
        "exercise their functions with due regard to their likely effect on, and the need to do all they "
        "reasonably can to prevent, crime and disorder in their area "
        "(including anti-social behaviour and behaviour that harms the local environment), the misuse "
        "of drugs, alcohol and other substances, re-offending, and serious violence.",
        "https://www.legislation.gov.uk/ukpga/1998/37/section/17",
    ),
    Duty(
        "Police, Crime, Sentencing and Courts Act 2022",
        "The Serious Violence Duty",
        "Specified authorities, the police, councils, fire and rescue, health and youth justice "
        "among them, must work together to prevent and reduce serious violence in their area: they "
        "identify the kinds of serious violence that occur there and its causes, and prepare and "
        "carry out a strategy against it.",
        "https://www.legislation.gov.uk/ukpga/2022/32/part/2/chapter/1",
    ),
)

CASE_REVIEW = Duty(
    "Anti-social Behaviour, Crime and Policing Act 2014",
    "The ASB Case Review (Community Trigger)",
    "A victim of anti-social behaviour who feels the agencies did not respond well enough to their "
    "reports can ask them to review their response together (section 104 and Schedule 4). The "
    "relevant bodies in each area must publish, for each year, the number of applications for a review, the number "
    "that did not meet the threshold, the number of reviews carried out and the number that "
    "resulted in recommendations (section 104(10)).",
    "https://www.legislation.gov.uk/ukpga/2014/12/section/104",
)

DUTIES_AFTER_CASE_REVIEW: tuple[Duty, ...] = (
    Duty(
        "Counter-Terrorism and Security Act 2015",
        "The Prevent duty",
        "Specified authorities, including councils, the police, the NHS, schools, further and higher "
        "education, prisons and probation, must have due regard to the need to prevent people from "
        "being drawn into terrorism (section 26). Each council must ensure a panel (Channel) assesses "
        "and supports people referred to it as vulnerable to being drawn into terrorism (section 36).",
        "https://www.legislation.gov.uk/ukpga/2015/6/part/5",
    ),
    Duty(
        "Domestic Violence, Crime and Victims Act 2004",
        "Domestic homicide reviews",
        "Section 9: a review of the circumstances in which the death of a person aged 16 or over has, "
        "or appears to have, resulted from violence, abuse or neglect by a relative, a person with "
        "whom they were or had been in an intimate personal relationship, or a member of the same "
        "household, held to identify the lessons to be learnt from the death.",
        "https://www.legislation.gov.uk/ukpga/2004/28/section/9",
    ),
    Duty(
        "Modern Slavery Act 2015",
        "The duty to notify",
        "Section 52: a specified public authority, councils and the police among them, that has "
        "reasonable grounds to believe a person may be a victim of slavery or human trafficking must "
        "notify the Home Office.",
        "https://www.legislation.gov.uk/ukpga/2015/30/section/52",
    ),
)

CASE_REVIEW_ITEMS = (
    "The number of applications for ASB Case Reviews",
    "The number of applications for ASB Case Reviews that did not meet the threshold",
    "The number of ASB Case Reviews conducted",
    "The number of ASB Case Reviews that resulted in recommendations being made",
)


@dataclass(frozen=True)
class CaseReviewFigures:
    area: str
    year_label: str
    items: tuple[tuple[str, str], ...]  # (what is published, the sentence with its figure)
    status: str  # how final the figures are, in words


@dataclass(frozen=True)
class Statutory:
    before: tuple[Duty, ...]
    case_review: Duty
    case_review_figures: tuple[CaseReviewFigures, ...]
    case_review_year: str
    after: tuple[Duty, ...]


def _status_words(status: str, *, year_label: str, today: dt.date) -> str:
    if status == "published":
        return f"The figures for {year_label} as the partnership published them."
    return (
        f"The figures for {year_label} counted from the Case Review records on {today.day} "
        f"{today:%B %Y}; provisional until the partnership publishes them."
    )


def statutory_responsibilities(plan: CspPlan, *, today: dt.date) -> Statutory:
    """The section as it stands on ``today``: the Case Review figures of each Case Review area of
    the plan's partnership, for the latest reporting year (April to March) ended by ``today``."""
    from csphub.casereviews import rules as cr_rules
    from csphub.casereviews.models import CaseReviewArea
    from csphub.casereviews.selectors import publication_for

    year = cr_rules.ReportingYear(cr_rules.ReportingYear.containing(today).start_year - 1)
    figures = []
    for area in CaseReviewArea.objects.filter(partnership_id=plan.partnership_id).order_by("name"):
        publication = publication_for(area, year=year, today=today)
        figures.append(
            CaseReviewFigures(
                area=area.name,
                year_label=year.label,
                items=tuple(zip(CASE_REVIEW_ITEMS, publication.sentences, strict=True)),
                status=_status_words(str(publication.status), year_label=year.label, today=today),
            )
        )
    return Statutory(
        before=DUTIES_BEFORE_CASE_REVIEW,
        case_review=CASE_REVIEW,
        case_review_figures=tuple(figures),
        case_review_year=year.label,
        after=DUTIES_AFTER_CASE_REVIEW,
    )
