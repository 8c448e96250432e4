"""The record of processing activities (UK GDPR Art 30(1)), declared per app.

Each app that holds personal data has its entry here; ``tests/governance/test_ropa.py`` fails when
an installed app has models with personal data and no entry, so the record cannot fall behind the
code. The lawful bases are the ones the partnership's agreements use (docs/dpia/); the retention is
the schedule's default (``governance.rules``) unless the app's records have their own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProcessingActivity:
    app: str
    name: str
    purpose: str
    lawful_basis: str
    conditions: str  # Art 9 / Art 10 / DPA 2018 Sch 1 or Part 3 Sch 8
    subjects: str
    data: str
    recipients: str
    retention: str
    security: str


_SECURITY = (
    "Role-based access per agency with deny-by-default record policy; restricted records for named users; "
    "two-factor sign-in; every view, list, export and change written to a hash-chained audit trail; TLS in "
    "transit; database and private files on encrypted storage (docs/security.md)."
)
_SIX_YEARS = "6 years after the case closes, unless the agency's schedule says otherwise; legal holds keep records longer."

ACTIVITIES: tuple[ProcessingActivity, ...] = (
    ProcessingActivity(
        "people",
        "People and addresses",
        "Identify victims, witnesses and people causing anti-social behaviour so that partners can act on it.",
        "UK GDPR Art 6(1)(e) public task (DPA 2018 s.8); Crime and Disorder Act 1998 s.17 and s.115",
        "Art 9(2)(g) with DPA 2018 Sch 1 paras 10 and 18; Art 10 with Sch 1 para 10",
        "Victims, witnesses, people causing ASB, members of the public reporting",
        "Names, date of birth, contact details, addresses, gender, ethnicity, vulnerabilities",
        "Partner agencies under an information sharing agreement in force",
        "6 years after the person's record last changed once they are on no case or incident",
        _SECURITY,
    ),
    ProcessingActivity(
        "cases",
        "ASB incidents and cases",
        "Record reports of anti-social behaviour and manage multi-agency cases to resolve them.",
        "UK GDPR Art 6(1)(e) public task; Anti-social Behaviour, Crime and Policing Act 2014; police: DPA 2018 Part 3",
        "Art 10 and Sch 1 para 10 (preventing or detecting unlawful acts); Part 3: Sch 8 para 1",
        "Victims, witnesses, people causing ASB, officers",
        "Incident descriptions (allegations: criminal-offence data), locations, case notes, documents, victim contact",
        "Partner agencies named on a share under an agreement; panels (ASB risk, MARAC) for their agenda",
        _SIX_YEARS + " Incidents on no case: 6 years after they happened.",
        _SECURITY,
    ),
    ProcessingActivity(
        "casereviews",
        "ASB Case Reviews",
        "Receive and decide applications for an ASB Case Review (2014 Act ss.104-105) and publish yearly figures.",
        "UK GDPR Art 6(1)(c) legal obligation (s.104) and 6(1)(e) public task",
        "Art 9(2)(g) with Sch 1 para 6 (statutory purposes); Art 10 with Sch 1 para 6",
        "Applicants, victims, people named in incidents",
        "Applicant contact details, support needs, the incidents complained of, decisions and letters",
        "The relevant bodies of the area; published figures are counts only",
        "6 years after the application is closed or withdrawn (or its appeal decided, if later), unless the "
        "agency's schedule says longer; an undecided appeal or an uncompleted recommendation keeps it; legal "
        "holds keep records longer. Disposal deletes the application, letters, decisions, review and appeal "
        "and keeps a record without personal data of what the published figures count.",
        _SECURITY,
    ),
    ProcessingActivity(
        "risk",
        "Risk assessments and MARAC referrals",
        "Assess the risk of harm to victims and refer high-risk domestic abuse victims to MARAC.",
        "UK GDPR Art 6(1)(e) public task; police: DPA 2018 Part 3",
        "Art 9(2)(g) with Sch 1 para 18 (safeguarding of individuals at risk); Part 3: Sch 8 para 4",
        "Victims, people causing harm, assessors",
        "Risk answers and bands, professional judgement, MARAC referrals and outcomes (special category)",
        "MARAC member agencies under the MARAC agreement",
        _SIX_YEARS,
        _SECURITY,
    ),
    ProcessingActivity(
        "powers",
        "Tools and powers",
        "Issue and track the 2014 Act tools and powers (warnings, CPNs, closure notices and orders, CBOs).",
        "UK GDPR Art 6(1)(e) public task; police and prosecutions: DPA 2018 Part 3",
        "Art 10 with Sch 1 para 10; Part 3: Sch 8 para 1",
        "People and businesses the powers are used on, issuing officers, people informed",
        "Conduct, requirements, service and court details, notices and letters",
        "Courts, the recipient, partner agencies on the case",
        _SIX_YEARS,
        _SECURITY,
    ),
    ProcessingActivity(
        "duties",
        "Statutory duty registers (modern slavery, Prevent and Channel, Domestic Homicide Reviews and Domestic "
        "Abuse Related Death Reviews)",
        "Meet the duty to notify (Modern Slavery Act 2015 s.52), the Prevent duty and Channel (CTSA 2015 s.26, "
        "s.36), and hold Domestic Homicide Reviews (Domestic Violence, Crime and Victims Act 2004 s.9; Domestic "
        "Abuse Related Death Reviews from the commencement of Victims and Prisoners Act 2024 s.19).",
        "UK GDPR Art 6(1)(c) legal obligation",
        "Art 9(2)(g) with Sch 1 paras 6 and 18; Art 10 with Sch 1 para 10",
        "Potential victims of modern slavery, people referred to Prevent and Channel; in a Domestic Homicide "
        "Review, the perpetrator, family members, friends and others the review names, and the chair and panel "
        "representatives",
        "Grounds, exploitation type, age, consent, referral and panel records; a review's circumstances of the "
        "death, relationship, decisions, panel, actions and the real names behind the report's pseudonyms "
        "(special category and criminal offence data)",
        "The Home Office (NRM or anonymous notification; a review's notification and its Quality Assurance "
        "Panel); Channel panel members; a review's independent chair and panel. The published review report is "
        "anonymised (pseudonyms, no real name)",
        "Modern slavery concern: 6 years after the Home Office was notified. Prevent referral and its Channel "
        "case: 6 years after it closed (no further action, signposted, consent declined, or the last post-exit "
        "review). Domestic Homicide Review file: 20 years after publication or the decision not to hold one. "
        "No statute sets these periods (nor, as checked, the statutory guidance): each is the partnership's "
        "decision. An agency's "
        "schedule may say longer (never under 6 years); legal holds keep records longer. Disposal keeps a record "
        "without personal data of what the board pack and the plan count.",
        _SECURITY + " Compartments: only the register's members see its records.",
    ),
    ProcessingActivity(
        "planning",
        "Partnership priorities",
        "Score and adopt the partnership's priorities from the Strategic Assessment.",
        "UK GDPR Art 6(1)(e) public task (Crime and Disorder Act 1998 s.6)",
        "None: aggregate figures only",
        "Staff who score and adopt (names of assessors)",
        "Scores, evidence notes, decisions and who made them",
        "Partnership board",
        "Kept for the life of the partnership plan and 6 years after",
        _SECURITY,
    ),
    ProcessingActivity(
        "insights",
        "Strategic assessment and analytics",
        "Produce the partnership's Strategic Assessment from depersonalised incident counts.",
        "UK GDPR Art 6(1)(e) public task (Crime and Disorder (Formulation and Implementation of Strategy) Regulations 2007)",
        "None: aggregates by area and month, no personal data",
        "None (counts only)",
        "Counts by area, month and type",
        "Partnership board; published summaries",
        "Kept as the partnership's record of its assessment",
        _SECURITY,
    ),
    ProcessingActivity(
        "governance",
        "Data subject requests and records governance",
        "Answer subject access, rectification and erasure requests; keep the retention schedule and legal holds.",
        "UK GDPR Art 6(1)(c) legal obligation (Art 12-17, 30; DPA 2018 s.45-47)",
        "Art 9(2)(g) with Sch 1 para 6 where the request concerns special category data",
        "Requesters and data subjects",
        "Requester contact details, identity evidence, copies of the records found and the decisions on them",
        "The requester only",
        "6 years after the request is completed",
        _SECURITY,
    ),
)

COLUMNS = (
    ("app", "Part of the service"),
    ("name", "Processing activity"),
    ("purpose", "Purpose"),
    ("lawful_basis", "Lawful basis"),
    ("conditions", "Special category and criminal offence conditions"),
    ("subjects", "Categories of data subject"),
    ("data", "Categories of personal data"),
    ("recipients", "Recipients"),
    ("retention", "Retention"),
    ("security", "Security measures (Art 32)"),
)


def activities(installed: set[str] | None = None) -> list[ProcessingActivity]:
    """The activities of the installed apps (all of them when ``installed`` is None)."""
    return [a for a in ACTIVITIES if installed is None or a.app in installed]


def sharing_activity(
    *,
    reference: str,
    name: str,
    purpose: str,
    lawful_basis: str,
    conditions: list[str],
    parties: list[str],
    review_date: str,
) -> ProcessingActivity:
    """One information sharing agreement in force, as the processing it allows (Art 30(1)(b)-(d)):
    its purpose, lawful basis and conditions as the agreement states them, its parties as recipients."""
    return ProcessingActivity(
        "agencies",
        f"Sharing under {reference}: {name}",
        purpose,
        lawful_basis,
        "; ".join(c for c in conditions if c) or "None stated in the agreement",
        "The data subjects of the records shared under the agreement (see the activities above)",
        "What each share's scope allows: the full record, or a summary without addresses",
        "The parties to the agreement: " + ", ".join(parties),
        f"As the activities above; nothing is shared under the agreement after it ends or lapses (review due {review_date})",
        _SECURITY,
    )
