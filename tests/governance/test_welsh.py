"""Welsh on the public pages (Welsh Language Act 1993 s.5 schemes; Welsh Language (Wales) Measure 2011):
the catalogue holds Welsh for every string the public pages mark, its compiled form is current, the
visitor switches language on the public pages only when the partnership offers Welsh, and staff
pages stay English."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from csphub.governance import catalogues

WELSH_TITLE = "Gwneud cais am Adolygiad Achos Ymddygiad Gwrthgymdeithasol"


def test_every_public_string_has_welsh() -> None:
    entries = catalogues.parse_po(catalogues.CATALOGUE.read_text(encoding="utf-8"))
    translated = {e.msgid for e in entries} | {e.msgid_plural for e in entries if e.msgid_plural}
    missing = sorted(catalogues.public_msgids() - translated)
    assert not missing, f"No Welsh in {catalogues.CATALOGUE} for: {missing}"
    assert catalogues.untranslated(entries) == []


def test_the_catalogue_says_it_needs_review_by_a_welsh_speaker() -> None:
    assert "NEEDS REVIEW BY A WELSH SPEAKER" in catalogues.CATALOGUE.read_text(encoding="utf-8")


def test_the_compiled_catalogue_is_current() -> None:
    po = catalogues.CATALOGUE.read_text(encoding="utf-8")
    assert catalogues.CATALOGUE.with_suffix(".mo").read_bytes() == catalogues.compile_po(po), (
        "Recompile: python -c 'from csphub.governance.catalogues import write_mo; write_mo()'"
    )


def test_the_extractor_finds_marked_strings_and_placeholders() -> None:
    found = catalogues._template_msgids(
        '{% translate "Back" %}{% blocktranslate with n=x.y %}Within {{ n }} days{% endblocktranslate %}'
    )
    assert found == {"Back", "Within %(n)s days"}
    assert catalogues._python_msgids('x = _("One")\ny = ngettext("a", "b", 2)\n') == {"One", "a", "b"}


@pytest.fixture
def welsh_offered(settings: Any) -> None:
    settings.CSPHUB_OFFER_WELSH = True


@pytest.mark.django_db
def test_public_pages_switch_to_welsh_and_remember_it(client: Any, welsh_offered: None) -> None:
    english = client.get(reverse("casereviews:start")).content.decode()
    assert "Apply for an ASB Case Review" in english and 'lang="en-GB"' in english
    assert 'href="?lang=cy"' in english  # the switch
    response = client.get(reverse("casereviews:start") + "?lang=cy")
    welsh = response.content.decode()
    assert WELSH_TITLE in welsh and '<html lang="cy"' in welsh
    assert response["Content-Language"] == "cy"
    assert "Neidio i’r prif gynnwys" in welsh and "Hysbysiad preifatrwydd" not in welsh
    assert ">Preifatrwydd<" in welsh  # the footer
    # The choice is remembered on the next public page.
    privacy = client.get(reverse("governance:privacy")).content.decode()
    assert "Pwy sy’n gyfrifol am eich gwybodaeth" in privacy
    cookies = client.get(reverse("governance:cookies")).content.decode()
    assert "12 awr" in cookies
    back = client.get(reverse("casereviews:start") + "?lang=en-gb").content.decode()
    assert "Apply for an ASB Case Review" in back


@pytest.mark.django_db
def test_a_form_error_in_the_journey_is_in_welsh(client: Any, welsh_offered: None, world: Any) -> None:
    from csphub.casereviews.services import area_configure

    area_configure(
        actor=None,
        name="Amber Valley",
        slug="amber-valley",
        managing_agency=world.agencies["avbc"],
        contact_team="Community Safety Team",
        contact_email="community.safety@example.gov.uk",
        contact_phone="01773 000000",
        appeal_body_name="the Derbyshire Police and Crime Commissioner",
        appeal_body_contact="Office of the PCC, Butterley Hall, Ripley",
        relevant_bodies=[world.agencies["avbc"]],
        sharing_agreement=world.asb_isa,
        default_spoc=None,
    )
    client.get(reverse("casereviews:start") + "?lang=cy")
    body = client.post(reverse("casereviews:apply_who"), {"who": ""}).content.decode()
    assert "Mae problem wedi codi" in body
    assert "Dewiswch pwy sy’n gwneud cais" in body
    assert "Fi yw’r person y mae’r ymddygiad gwrthgymdeithasol yn effeithio arno" in body


@pytest.mark.django_db
def test_staff_pages_stay_english_after_choosing_welsh(client_as: Any, welsh_offered: None) -> None:
    client = client_as("avbc_caseworker")
    assert WELSH_TITLE in client.get(reverse("casereviews:start") + "?lang=cy").content.decode()
    home = client.get(reverse("frontend:home"))
    body = home.content.decode()
    assert 'lang="en-GB"' in body and "Skip to main content" in body
    assert "Neidio" not in body and 'data-testid="language-switch"' not in body
    assert "Content-Language" not in home


@pytest.mark.django_db
def test_no_welsh_when_the_partnership_does_not_offer_it(client: Any, settings: Any) -> None:
    settings.CSPHUB_OFFER_WELSH = False
    body = client.get(reverse("casereviews:start") + "?lang=cy").content.decode()
    assert "Apply for an ASB Case Review" in body and WELSH_TITLE not in body
    assert 'data-testid="language-switch"' not in body
