"""Subject access to the ASB Case Review records: the incident links and explanations that name the
subject's person record, and the applications that name the subject without a person record — as
the applicant, or as the person affected in someone else's application — matched on the name and
a corroborating detail (governance.rules.applicant_match, person_affected_match)."""

from __future__ import annotations

from typing import Any

from csphub.governance.selectors.rights import Found, _content, _found

# The application's own fields, as found (the same for the applicant and the person affected: the
# handler redacts what is a third party's).
APPLICATION_FIELDS = (
    "received_on",
    "channel",
    "status",
    "applicant_name",
    "applicant_email",
    "applicant_phone",
    "applicant_address",
    "contact_preference",
    "support_needs",
    "is_third_party",
    "victim_name",
    "relationship_to_victim",
    "victim_consent_how",
    "behaviour_description",
    "behaviour_location",
    "behaviour_first_on",
    "behaviour_last_on",
    "reports_described",
    "acknowledged_on",
    "threshold_decided_on",
    "threshold_met",
    "review_held_on",
    "outcome_sent_on",
    "closed_on",
)


def casereview_records(agency: Any, person: Any) -> list[Found]:
    from csphub.casereviews.models import ApplicationIncident, ExplanationPrompt

    found = []
    for link in ApplicationIncident.objects.filter(
        complainant=person, application__owning_agency=agency
    ).select_related("application", "incident"):
        found.append(
            _found(
                "Case Reviews",
                link,
                f"Case Review {link.application.reference}: incident {link.incident.reference}",
                ("named_by_applicant", "note"),
                (("Application status", link.application.get_status_display()),),
            )
        )
    for prompt in ExplanationPrompt.objects.filter(
        victim=person, incident__owning_agency=agency
    ).select_related("incident"):
        found.append(
            _found(
                "Case Reviews",
                prompt,
                f"Case Review explained after incident {prompt.incident.reference}",
                ("earlier_report_on", "explained_on", "how_explained"),
            )
        )
    return found


def subject_details(agency: Any, person: Any) -> Any:
    """The subject's name(s) and contact details as the agency records them, to recognise them where
    they are not a person record (a Case Review applicant)."""
    from csphub.governance import rules
    from csphub.people.models import PersonAddress

    names = [" ".join(p for p in (person.given_name, person.family_name) if p)]
    if person.known_as:
        names += [person.known_as, " ".join(p for p in (person.known_as, person.family_name) if p)]
    addresses = tuple(
        (link.address.line_1, link.address.town, link.address.postcode)
        for link in PersonAddress.objects.filter(person=person, address__owning_agency=agency).select_related(
            "address"
        )
    )
    return rules.SubjectDetails(
        names=tuple(n for n in names if n.strip()),
        date_of_birth=person.date_of_birth,
        email=person.email,
        phone=person.phone,
        addresses=addresses,
    )


def _letter_text(html: str) -> str:
    """A letter as sent, in plain text (its paragraphs and table rows on lines of their own)."""
    import re
    from html import unescape

    from django.utils.html import strip_tags

    text = re.sub(r"(?i)<br\s*/?>|</(p|h[1-6]|tr|li|div)>", "\n", html)
    text = re.sub(r"(?i)</t[dh]>", " ", text)
    lines = [" ".join(line.split()) for line in unescape(strip_tags(text)).splitlines()]
    return "\n".join(line for line in lines if line)


def casereview_applications(agency: Any, person: Any) -> list[Found]:
    """The agency's Case Review applications that name the subject, each found with the reason, for
    the handler to confirm before deciding on it:

    - as the applicant (the applicant is not a person record: the name and at least one contact
      detail must match, ``rules.applicant_match``), with the letters sent to them;
    - as the person affected in someone else's application (a third-party application names the
      victim it is made for): the name and at least one detail the application holds must match —
      a contact detail the applicant gave (a household member shares them) or the subject's
      postcode or address as where the behaviour happens (``rules.person_affected_match``). The
      letters went to the applicant and are not the subject's.

    Only applications the agency holds as controller (the agency that runs the area's procedure):
    another agency's, or another partnership's run by another agency, are theirs to answer."""
    from csphub.casereviews.models import Application, Letter
    from csphub.governance import rules

    subject = subject_details(agency, person)
    keys = {rules.name_key(n) for n in subject.names} - {""}
    if not keys:
        return []
    found: list[Found] = []
    candidates = (
        Application.objects.filter(owning_agency=agency).select_related("area").order_by("received_on", "id")
    )
    for application in candidates.iterator():
        as_applicant = rules.name_key(application.applicant_name) in keys
        as_affected = not as_applicant and rules.name_key(application.victim_name) in keys
        if as_applicant:
            why = rules.match_reason(
                rules.applicant_match(
                    subject,
                    rules.ApplicantDetails(
                        name=application.applicant_name,
                        email=application.applicant_email,
                        phone=application.applicant_phone,
                        address=application.applicant_address,
                    ),
                )
            )
        elif as_affected:
            why = rules.person_affected_reason(
                rules.person_affected_match(
                    subject,
                    rules.PersonAffected(
                        name=application.victim_name,
                        applicant_email=application.applicant_email,
                        applicant_phone=application.applicant_phone,
                        applicant_address=application.applicant_address,
                        behaviour_location=application.behaviour_location,
                    ),
                )
            )
        else:
            continue
        if not why:
            continue
        found.append(
            Found(
                "Case Reviews",
                f"application:{application.pk}",
                f"Case Review application {application.reference}",
                _content(application, APPLICATION_FIELDS, (("Area", application.area.name),)),
                application,
                why,
            )
        )
        if not as_applicant:
            continue
        for letter in Letter.objects.filter(application=application).order_by("sent_on", "id"):
            found.append(
                Found(
                    "Case Reviews",
                    f"letter:{letter.pk}",
                    f"{letter.get_kind_display()} letter on Case Review {application.reference}",
                    [
                        ["Letter", letter.get_kind_display()],
                        ["Sent on", letter.sent_on.strftime("%d %B %Y")],
                        ["Text of the letter", _letter_text(letter.html)],
                    ],
                    letter,
                    f"Sent to the applicant of {application.reference}. {why}",
                )
            )
    return found
