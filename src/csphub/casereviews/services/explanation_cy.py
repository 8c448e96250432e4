"""The threshold decision retold in Welsh for the applicant's letter.

The engine (``rules.explanation_paragraphs``) writes its explanation in English, and the stored
decision keeps it in English for the case file. A Welsh letter retells the same stored decision:
the outcome, the grounds and the partnership's rules come from its structured fields, and each
complaint's reasons are matched to the engine's fixed sentences and written again in Welsh with
the same dates. A reason the engine adds later and this module does not know is left in English
(``tests/governance/test_welsh_letters.py`` checks every sentence the engine writes today).

NEEDS REVIEW BY A WELSH SPEAKER, as the catalogue in ``locale/cy`` does.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import dateformat, translation

from csphub.casereviews import rules

_DATE = r"(\d{1,2} [A-Z][a-z]+ \d{4})"

GROUND_CY = {
    rules.Ground.STATUTORY: (
        "nifer y cwynion cymwys a wnaed oedd {n} o leiaf, felly mae’r gyfraith yn mynnu bod y trothwy "
        "wedi’i gyrraedd"
    ),
    rules.Ground.LOCAL_NUMBER: "cyrhaeddodd nifer y cwynion cymwys drothwy’r bartneriaeth, sef {n}",
    rules.Ground.DISTINCT_COMPLAINANTS: (
        "nifer y bobl wahanol a gwynodd am y broblem yn y chwe mis cyn y cais oedd {n}"
    ),
    rules.Ground.HATE_INCIDENT: "roedd cwyn gymwys yn ymwneud â digwyddiad casineb",
}

# The engine's reasons (rules.threshold.qualification_reasons and assess_threshold), in Welsh.
_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            rf"it was reported on {_DATE}, more than one month after the behaviour on {_DATE} "
            rf"\(it needed to be reported by {_DATE}\)$"
        ),
        "fe’i hadroddwyd ar {0}, fwy na mis ar ôl yr ymddygiad ar {1} (roedd angen ei hadrodd erbyn {2})",
    ),
    (
        re.compile(rf"it was reported on {_DATE}, after the application was made$"),
        "fe’i hadroddwyd ar {0}, ar ôl i’r cais gael ei wneud",
    ),
    (
        re.compile(
            rf"the application was made more than six months after this complaint of {_DATE} "
            rf"\(it needed to be made by {_DATE}\)$"
        ),
        "gwnaed y cais fwy na chwe mis ar ôl y gŵyn hon a wnaed ar {0} (roedd angen ei wneud erbyn {1})",
    ),
    (
        re.compile(
            rf"reported on {_DATE}, within one month of the behaviour, and within six months before the "
            r"application$"
        ),
        "fe’i hadroddwyd ar {0}, cyn pen mis ar ôl yr ymddygiad, ac o fewn y chwe mis cyn y cais",
    ),
    (
        re.compile(r"it is the same incident as .* reported to another agency; it still counts", re.S),
        "mae’n ymwneud â’r un digwyddiad â chwyn a adroddwyd i asiantaeth arall; mae’n dal i gyfrif fel "
        "cwyn gymwys, oherwydd mae’r gyfraith yn cyfrif pob cwyn gymwys a wneir",
    ),
    (
        re.compile(r"it was made in the six months before the application, so it still counts towards"),
        "fe’i gwnaed yn y chwe mis cyn y cais, felly mae’n dal i gyfrif tuag at reol y bartneriaeth "
        "am bobl wahanol",
    ),
)


def welsh_date(day: dt.date) -> str:
    """``5 Tachwedd 2026``."""
    with translation.override("cy"):
        return dateformat.format(day, "j F Y")


def _english_date_to_welsh(text: str) -> str:
    return welsh_date(dt.datetime.strptime(text, "%d %B %Y").date())


def reason_cy(reason: str) -> str:
    """One of the engine's reasons in Welsh (unchanged if it is not one this module knows)."""
    for pattern, welsh in _REASONS:
        match = pattern.match(reason)
        if match:
            return welsh.format(*(_english_date_to_welsh(d) for d in match.groups()))
    return reason


def _label(complaint: rules.Complaint) -> str:
    reported, behaviour = welsh_date(complaint.reported_on), welsh_date(complaint.behaviour_on)
    if complaint.reporting_agency:
        return f"Y gŵyn a wnaed i {complaint.reporting_agency} ar {reported} am ymddygiad ar {behaviour}"
    return f"Y gŵyn a wnaed ar {reported} am ymddygiad ar {behaviour}"


def explanation_paragraphs_cy(decision: rules.ThresholdDecision) -> list[str]:
    """Welsh paragraphs for the applicant, as ``rules.explanation_paragraphs(for_applicant=True)``."""
    policy = decision.policy
    if decision.met:
        grounds = "; a ".join(
            GROUND_CY[g].format(
                n=(
                    policy.qualifying_complaints_required
                    if g in (rules.Ground.STATUTORY, rules.Ground.LOCAL_NUMBER)
                    else decision.distinct_complainants
                )
            )
            for g in decision.grounds
        )
        opening = (
            f"Mae’r trothwy ar gyfer Adolygiad Achos Ymddygiad Gwrthgymdeithasol wedi’i gyrraedd: {grounds}."
        )
    else:
        opening = (
            "Nid yw’r trothwy ar gyfer Adolygiad Achos Ymddygiad Gwrthgymdeithasol wedi’i gyrraedd. "
            f"Nifer y cwynion cymwys a gafwyd oedd {decision.qualifying_count}; "
            f"trothwy’r bartneriaeth yw {policy.qualifying_complaints_required}."
        )
    paragraphs = [opening]
    earliest = rules.earliest_qualifying_complaint_date(decision.application_on)
    paragraphs.append(
        "Mae cwyn yn gymwys pan gafodd ei gwneud cyn pen mis ar ôl yr ymddygiad, a phan wnaed y cais cyn "
        f"pen chwe mis ar ôl y gŵyn. Gwnaed y cais hwn ar {welsh_date(decision.application_on)}, felly "
        f"gall cwynion a wnaed ar {welsh_date(earliest)} neu ar ôl hynny gyfrif."
    )
    local: list[str] = []
    if policy.qualifying_complaints_required < rules.STATUTORY_QUALIFYING_COMPLAINTS:
        local.append(
            "mae’r trothwy wedi’i gyrraedd pan fo nifer y cwynion cymwys yn "
            f"{policy.qualifying_complaints_required}"
        )
    if policy.distinct_complainants_required is not None:
        local.append(
            "mae hefyd wedi’i gyrraedd pan fo nifer y bobl wahanol sy’n cwyno am y broblem yn y chwe mis "
            f"cyn y cais yn {policy.distinct_complainants_required}"
        )
    if policy.hate_incident_meets_threshold:
        local.append("mae un gŵyn gymwys am ddigwyddiad casineb yn ddigon")
    if policy.count_same_incident_once:
        local.append(
            "caiff un digwyddiad a adroddwyd i sawl asiantaeth ei nodi fel un digwyddiad, ond mae pob "
            "cwyn gymwys yn cyfrif tuag at y trothwy"
        )
    if local:
        paragraphs.append("Rheolau’r bartneriaeth ei hun: " + "; ".join(local) + ".")
    if not decision.assessments:
        paragraphs.append(
            "Ni chafwyd hyd i unrhyw gwynion am yr ymddygiad hwn, ac ni chysylltwyd yr un â’r cais."
        )
    for assessment in decision.assessments:
        status = (
            "yn cyfrif"
            if assessment.counted
            else ("yn cyfrif, yr un digwyddiad" if assessment.qualifying else "nid yw’n cyfrif")
        )
        paragraphs.append(
            f"{_label(assessment.complaint)}: {status} — "
            + "; ".join(reason_cy(r) for r in assessment.reasons)
            + "."
        )
    return paragraphs


def discretion_opening_cy(reason: str) -> str:
    return (
        f"Penderfynodd y bartneriaeth fod y trothwy wedi’i gyrraedd, gan ddefnyddio ei disgresiwn: {reason}"
    )
