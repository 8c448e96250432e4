"""The help pages' content: a glossary of the Anti-social Behaviour, Crime and Policing Act 2014
powers and the other terms staff meet in CSP Hub, each with the section of the Act and the
statutory guidance it comes from.

Only what the Act or the guidance says is stated as law; local practice (how long a warning lasts,
discounts for early payment) is labelled as the partnership's own choice. Amounts and periods that
the Crime and Policing Bill would change are given as the law stands, with the change noted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ACT = "https://www.legislation.gov.uk/ukpga/2014/12"
ASB_GUIDANCE = "https://www.gov.uk/government/publications/anti-social-behaviour-crime-and-policing-bill-anti-social-behaviour"
CASE_REVIEW_GUIDANCE = (
    "https://www.gov.uk/guidance/anti-social-behaviour-asb-case-review-also-known-as-the-community-trigger"
)
MODERN_SLAVERY_S52 = "https://www.legislation.gov.uk/ukpga/2015/30/section/52"
CTSA_PART5 = "https://www.legislation.gov.uk/ukpga/2015/6/part/5"
CDA_S17 = "https://www.legislation.gov.uk/ukpga/1998/37/section/17"


def section(number: str) -> str:
    """The legislation.gov.uk address of a section of the 2014 Act."""
    return f"{ACT}/section/{number}"


@dataclass(frozen=True)
class Fact:
    label: str
    text: str


@dataclass(frozen=True)
class Term:
    """One glossary entry: what it is, the facts a caseworker needs, and where the law is."""

    slug: str
    name: str
    summary: str
    facts: tuple[Fact, ...] = ()
    law: tuple[tuple[str, str], ...] = ()  # (link text, address)
    group: str = "power"
    notes: tuple[str, ...] = field(default_factory=tuple)


POWERS: tuple[Term, ...] = (
    Term(
        slug="cpw",
        name="Community protection warning (CPW)",
        summary=(
            "A written warning that a community protection notice will be issued unless the conduct "
            "stops having its detrimental effect. It is the required first step before a notice."
        ),
        facts=(
            Fact("Who may issue it", "The same people who may issue a community protection notice."),
            Fact("Against whom", "A person aged 16 or over, or a business or organisation."),
            Fact(
                "What it should say",
                "What must stop or change, and by when. There is no appeal against a warning.",
            ),
            Fact(
                "How long it lasts",
                "The Act sets no period. How long a warning stays live is the partnership's own choice "
                "(some councils use 6 months).",
            ),
        ),
        law=(("Section 43(5)", section("43")),),
    ),
    Term(
        slug="cpn",
        name="Community protection notice (CPN)",
        summary=(
            "A notice requiring someone to stop doing something, do something, or take reasonable steps, "
            "because their conduct has a persistent or continuing detrimental effect on the quality of "
            "life of those in the locality, and is unreasonable."
        ),
        facts=(
            Fact(
                "Who may issue it",
                "A police constable, the local authority, or a person the local authority has designated "
                "(for example a social landlord), including designated PCSOs.",
            ),
            Fact("Against whom", "A person aged 16 or over, or a business or organisation."),
            Fact(
                "Before issuing",
                "A written warning must have been given and enough time allowed to deal with it; inform "
                "anyone the issuer thinks appropriate.",
            ),
            Fact(
                "Appeal",
                "To the magistrates' court within 21 days beginning with the day the notice was issued. "
                "While an appeal is in progress, requirements to stop doing things stay in force; other "
                "requirements have no effect.",
            ),
            Fact(
                "Breach",
                "An offence: a fine up to level 4 for an individual, up to £20,000 for a business. A fixed "
                "penalty of up to £100 may be offered, with 14 days to pay before proceedings.",
            ),
        ),
        law=(
            ("Sections 43 to 58", section("43")),
            ("Appeals: section 46", section("46")),
            ("Fixed penalty: section 52", section("52")),
        ),
        notes=("The Crime and Policing Bill would raise the maximum fixed penalty from £100 to £500.",),
    ),
    Term(
        slug="injunction",
        name="Civil injunction",
        summary=(
            "A court order, applied for by an agency, that prohibits a person from doing things or "
            "requires them to do things, to prevent anti-social behaviour."
        ),
        facts=(
            Fact("Against whom", "A person aged 10 or over."),
            Fact(
                "Test",
                "The court is satisfied on the balance of probabilities that the person has engaged or "
                "threatens to engage in anti-social behaviour, and that it is just and convenient to grant.",
            ),
            Fact(
                "Under 18",
                "The applicant must consult the local youth offending team before applying. The "
                "injunction must have an end date, at most 12 months, and is heard in the youth court.",
            ),
            Fact("Adults", "A set period or until further order, in the county court or High Court."),
        ),
        law=(("Part 1: sections 1 to 21", section("1")), ("Consultation: section 14", section("14"))),
        notes=(
            "The Crime and Policing Bill would replace it with youth injunctions, housing injunctions and respect orders.",
        ),
    ),
    Term(
        slug="cbo",
        name="Criminal behaviour order (CBO)",
        summary=(
            "An order made by a criminal court, on the prosecution's application, when it sentences "
            "someone convicted of an offence, to prevent behaviour causing harassment, alarm or distress."
        ),
        facts=(
            Fact("Who applies", "Only the prosecution. The police or the council may ask it to."),
            Fact(
                "Under 18",
                "The prosecution must find out the youth offending team's views before applying. The order "
                "lasts 1 to 3 years and is reviewed every year while the person is under 18.",
            ),
            Fact("Breach", "A criminal offence: up to 5 years' imprisonment for an adult."),
        ),
        law=(
            ("Sections 22 to 33", section("22")),
            (
                "Sentencing Act 2020, sections 330 to 342",
                "https://www.legislation.gov.uk/ukpga/2020/17/part/11/chapter/1",
            ),
        ),
    ),
    Term(
        slug="dispersal",
        name="Dispersal authorisation and direction",
        summary=(
            "A police inspector may authorise officers to direct people to leave an area; a uniformed "
            "constable then gives the direction."
        ),
        facts=(
            Fact(
                "Authorisation",
                "By an inspector or above, in writing, signed, with the grounds, for at most 48 hours, "
                "having particular regard to the rights of freedom of expression and assembly.",
            ),
            Fact(
                "Direction",
                "To a person aged 10 or over in a public place in the area, in writing unless that is not "
                "practicable, excluding them for at most 48 hours. A child believed to be under 16 may be "
                "taken home or to a place of safety.",
            ),
            Fact("Breach", "Failing to comply without reasonable excuse is an offence."),
        ),
        law=(("Sections 34 to 42", section("34")),),
    ),
    Term(
        slug="pspo",
        name="Public spaces protection order (PSPO)",
        summary=(
            "An order made by the local authority that restricts activities in a public place that have "
            "a persistent or continuing detrimental effect on the quality of life of those in the locality."
        ),
        facts=(
            Fact(
                "Before making it",
                "Publicise the proposal and consult the chief officer of police, the police and crime "
                "commissioner, community representatives and, as far as practicable, owners and occupiers "
                "of the land.",
            ),
            Fact("How long", "At most 3 years; it may be extended before it expires."),
            Fact(
                "Challenge",
                "An interested person may apply to the High Court within 6 weeks of the order or a variation.",
            ),
            Fact("Breach", "An offence: a fine up to level 3, or a fixed penalty of up to £100."),
        ),
        law=(
            ("Sections 59 to 75", section("59")),
            ("Consultation: section 72", section("72")),
            ("Challenge: section 66", section("66")),
        ),
        notes=("The Crime and Policing Bill would raise the maximum fixed penalty from £100 to £500.",),
    ),
    Term(
        slug="closure",
        name="Closure notice and closure order",
        summary=(
            "The police or the local authority may close premises for up to 48 hours by notice, and must "
            "then apply to the magistrates' court for an order closing them for longer."
        ),
        facts=(
            Fact(
                "Notice",
                "By a police inspector or above, or the local authority, when the use of the premises has "
                "caused or is likely soon to cause nuisance to the public or nearby disorder. At most "
                "24 hours, or 48 hours if a superintendent or the council's chief executive signs it; "
                "Christmas Day does not count. It cannot exclude people who live there or the owner.",
            ),
            Fact(
                "Order",
                "The application must be heard within 48 hours of serving the notice. An order lasts at "
                "most 3 months and, with extensions, no more than 6 months in all.",
            ),
            Fact("Breach", "Entering or staying in closed premises is an offence."),
        ),
        law=(
            ("Closure notices: sections 76 to 79", section("76")),
            ("Closure orders: sections 80 to 85", section("80")),
        ),
    ),
    Term(
        slug="possession",
        name="Absolute ground for possession",
        summary=(
            "A landlord may seek possession of a tenancy without the court weighing reasonableness when "
            "the tenant, a member of the household or a visitor has been convicted of a serious offence, "
            "breached an injunction or criminal behaviour order, been subject to a closure order for more "
            "than 48 hours, or breached a noise abatement notice."
        ),
        facts=(
            Fact(
                "Review",
                "A secure tenant may ask the landlord to review the decision within 7 days of the notice; "
                "the landlord cannot extend that.",
            ),
        ),
        law=(
            ("Section 94 (Housing Act 1985, section 84A)", section("94")),
            ("Housing Act 1985, section 84A", "https://www.legislation.gov.uk/ukpga/1985/68/section/84A"),
        ),
    ),
)

TERMS: tuple[Term, ...] = (
    Term(
        slug="case-review",
        name="ASB Case Review (formerly the Community Trigger)",
        summary=(
            "A review of how agencies responded to reports of anti-social behaviour, which a victim (or "
            "someone on their behalf, with their consent) can ask for. Applications cannot be anonymous."
        ),
        facts=(
            Fact(
                "Threshold",
                "If at least three qualifying complaints (or the lower number the local procedure sets) have "
                "been made, the threshold is met. A complaint qualifies when it was made within one month "
                "of the behaviour and the application within six months of the complaint.",
            ),
            Fact(
                "Who reviews",
                "The relevant bodies: the council, the police, the integrated care board and co-opted "
                "social housing providers.",
            ),
            Fact(
                "Publication",
                "Each year: applications, times the threshold was not met, reviews carried out, and reviews "
                "that led to recommendations.",
            ),
        ),
        law=(
            ("Section 104", section("104")),
            ("Schedule 4", f"{ACT}/schedule/4"),
            ("Statutory guidance on the ASB Case Review", CASE_REVIEW_GUIDANCE),
        ),
        group="term",
    ),
    Term(
        slug="spoc",
        name="Single point of contact (SPoC)",
        summary=(
            "The named person who keeps a victim updated, including when and why a case is closed. The "
            "2025 statutory guidance asks that victims choose how involved they are, are consulted on "
            "the action plan before it is finalised, and are told about the ASB Case Review when they "
            "report anti-social behaviour a second time within six months."
        ),
        law=(("Anti-social behaviour powers: statutory guidance", ASB_GUIDANCE),),
        group="term",
    ),
    Term(
        slug="isa",
        name="Information sharing agreement (ISA)",
        summary=(
            "The written agreement between partner agencies that says what personal data they share, for "
            "what purpose and under which lawful basis. Section 115 of the Crime and Disorder Act 1998 "
            "allows disclosure to a relevant authority for the Act's purposes. CSP Hub shares a record "
            "with another agency only under an ISA in force."
        ),
        law=(
            (
                "Crime and Disorder Act 1998, section 115",
                "https://www.legislation.gov.uk/ukpga/1998/37/section/115",
            ),
        ),
        group="term",
    ),
    Term(
        slug="modern-slavery",
        name="Duty to notify (modern slavery)",
        summary=(
            "Specified public authorities, including councils and the police, must notify the Home Office "
            "when they have reasonable grounds to believe a person may be a victim of slavery or human "
            "trafficking."
        ),
        law=(("Modern Slavery Act 2015, section 52", MODERN_SLAVERY_S52),),
        group="term",
    ),
    Term(
        slug="prevent",
        name="Prevent and Channel",
        summary=(
            "The duty to have due regard to the need to prevent people from being drawn into terrorism, and "
            "Channel, the multi-agency panel that supports people referred to it."
        ),
        law=(("Counter-Terrorism and Security Act 2015, Part 5", CTSA_PART5),),
        group="term",
    ),
    Term(
        slug="csp",
        name="Community Safety Partnership (CSP)",
        summary=(
            "The council, police, fire and rescue, health and probation services working together against "
            "crime and disorder in an area, with a yearly Strategic Assessment of local crime and "
            "anti-social behaviour. Each must also consider crime and disorder in everything it does."
        ),
        law=(("Crime and Disorder Act 1998, section 17", CDA_S17),),
        group="term",
    ),
)


def glossary() -> tuple[Term, ...]:
    return POWERS + TERMS
