"""Audit verbs of the Anti-social Behaviour, Crime and Policing Act 2014's tools and powers, and fixed
penalty notices.

Part of the closed list that ``csphub.audit.models.verbs.AuditVerb`` joins together.
"""

from __future__ import annotations

from django.db import models


class PowersVerb(models.TextChoices):
    ABSOLUTE_GROUND_DRAFT = "absolute_ground.draft", "Absolute ground for possession: drafted"
    ABSOLUTE_GROUND_ESCALATED = (
        "absolute_ground.escalated",
        "Absolute ground for possession: escalated to a notice",
    )
    ABSOLUTE_GROUND_ISSUED = "absolute_ground.issued", "Absolute ground for possession: issued"
    ABSOLUTE_GROUND_LETTER_HTML_PRODUCED = (
        "absolute_ground.letter_html_produced",
        "Absolute ground for possession: letter produced",
    )
    ABSOLUTE_GROUND_LETTER_PDF_PRODUCED = (
        "absolute_ground.letter_pdf_produced",
        "Absolute ground for possession: letter produced as PDF",
    )
    ABSOLUTE_GROUND_REVIEW_REQUESTED = (
        "absolute_ground.review_requested",
        "Absolute ground for possession: review requested",
    )
    ABSOLUTE_GROUND_UPHELD = "absolute_ground.upheld", "Absolute ground for possession: upheld"
    ABSOLUTE_GROUND_WITHDRAWN = "absolute_ground.withdrawn", "Absolute ground for possession: withdrawn"
    CBO_APPLIED = "cbo.applied", "Criminal Behaviour Order: applied"
    CBO_BREACHED = "cbo.breached", "Criminal Behaviour Order: breached"
    CBO_DISCHARGED = "cbo.discharged", "Criminal Behaviour Order: discharged"
    CBO_DRAFT = "cbo.draft", "Criminal Behaviour Order: drafted"
    CBO_EXPIRED = "cbo.expired", "Criminal Behaviour Order: expired"
    CBO_GRANTED = "cbo.granted", "Criminal Behaviour Order: granted"
    CBO_LETTER_HTML_PRODUCED = "cbo.letter_html_produced", "Criminal Behaviour Order: letter produced"
    CBO_LETTER_PDF_PRODUCED = "cbo.letter_pdf_produced", "Criminal Behaviour Order: letter produced as PDF"
    CBO_REFUSED = "cbo.refused", "Criminal Behaviour Order: refused"
    CBO_VARIED = "cbo.varied", "Criminal Behaviour Order: varied"
    CBO_WITHDRAWN = "cbo.withdrawn", "Criminal Behaviour Order: withdrawn"
    CLOSURE_NOTICE_DRAFT = "closure_notice.draft", "Closure notice: drafted"
    CLOSURE_NOTICE_ESCALATED = "closure_notice.escalated", "Closure notice: escalated to a notice"
    CLOSURE_NOTICE_EXPIRED = "closure_notice.expired", "Closure notice: expired"
    CLOSURE_NOTICE_EXTENDED = "closure_notice.extended", "Closure notice: extended"
    CLOSURE_NOTICE_ISSUED = "closure_notice.issued", "Closure notice: issued"
    CLOSURE_NOTICE_LETTER_HTML_PRODUCED = (
        "closure_notice.letter_html_produced",
        "Closure notice: letter produced",
    )
    CLOSURE_NOTICE_LETTER_PDF_PRODUCED = (
        "closure_notice.letter_pdf_produced",
        "Closure notice: letter produced as PDF",
    )
    CLOSURE_NOTICE_VARIED = "closure_notice.varied", "Closure notice: varied or cancelled (s.78)"
    CLOSURE_NOTICE_WITHDRAWN = "closure_notice.withdrawn", "Closure notice: withdrawn"
    CLOSURE_ORDER_APPEALED = "closure_order.appealed", "Closure order: appealed (s.84)"
    CLOSURE_ORDER_APPLIED = "closure_order.applied", "Closure order: applied"
    CLOSURE_ORDER_DISCHARGED = "closure_order.discharged", "Closure order: discharged"
    CLOSURE_ORDER_DRAFT = "closure_order.draft", "Closure order: drafted"
    CLOSURE_ORDER_EXPIRED = "closure_order.expired", "Closure order: expired"
    CLOSURE_ORDER_EXTENDED = "closure_order.extended", "Closure order: extended"
    CLOSURE_ORDER_GRANTED = "closure_order.granted", "Closure order: granted"
    CLOSURE_ORDER_LETTER_HTML_PRODUCED = (
        "closure_order.letter_html_produced",
        "Closure order: letter produced",
    )
    CLOSURE_ORDER_LETTER_PDF_PRODUCED = (
        "closure_order.letter_pdf_produced",
        "Closure order: letter produced as PDF",
    )
    CLOSURE_ORDER_QUASHED = "closure_order.quashed", "Closure order: quashed on appeal"
    CLOSURE_ORDER_REFUSED = "closure_order.refused", "Closure order: refused"
    CLOSURE_ORDER_UPHELD = "closure_order.upheld", "Closure order: upheld on appeal"
    CLOSURE_ORDER_VARIED = "closure_order.varied", "Closure order: varied"
    CLOSURE_ORDER_WITHDRAWN = "closure_order.withdrawn", "Closure order: withdrawn"
    CLOSURESURVEY_RECORDED = (
        "closuresurvey.recorded",
        "Recorded a victim's answer to the satisfaction question at closure",
    )
    CPN_APPEALED = "cpn.appealed", "Community Protection Notice: appealed"
    CPN_BREACHED = "cpn.breached", "Community Protection Notice: breached"
    CPN_COMPLIED = "cpn.complied", "Community Protection Notice: complied"
    CPN_DRAFT = "cpn.draft", "Community Protection Notice: drafted"
    CPN_EXPIRED = "cpn.expired", "Community Protection Notice: expired"
    CPN_ISSUED = "cpn.issued", "Community Protection Notice: issued"
    CPN_LETTER_HTML_PRODUCED = "cpn.letter_html_produced", "Community Protection Notice: letter produced"
    CPN_LETTER_PDF_PRODUCED = "cpn.letter_pdf_produced", "Community Protection Notice: letter produced as PDF"
    CPN_QUASHED = "cpn.quashed", "Community Protection Notice: quashed"
    CPN_UPHELD = "cpn.upheld", "Community Protection Notice: upheld"
    CPN_VARIED = "cpn.varied", "Community Protection Notice: varied"
    CPN_WITHDRAWN = "cpn.withdrawn", "Community Protection Notice: withdrawn"
    CPW_COMPLIED = "cpw.complied", "Community Protection Warning: complied"
    CPW_DRAFT = "cpw.draft", "Community Protection Warning: drafted"
    CPW_ESCALATED = "cpw.escalated", "Community Protection Warning: escalated to a notice"
    CPW_EXPIRED = "cpw.expired", "Community Protection Warning: expired"
    CPW_ISSUED = "cpw.issued", "Community Protection Warning: issued"
    CPW_LETTER_HTML_PRODUCED = "cpw.letter_html_produced", "Community Protection Warning: letter produced"
    CPW_LETTER_PDF_PRODUCED = (
        "cpw.letter_pdf_produced",
        "Community Protection Warning: letter produced as PDF",
    )
    CPW_WITHDRAWN = "cpw.withdrawn", "Community Protection Warning: withdrawn"
    DISPERSAL_AUTHORISATION_AUTHORISED = (
        "dispersal_authorisation.authorised",
        "Dispersal authorisation: authorised",
    )
    DISPERSAL_AUTHORISATION_DRAFT = "dispersal_authorisation.draft", "Dispersal authorisation: drafted"
    DISPERSAL_AUTHORISATION_EXPIRED = "dispersal_authorisation.expired", "Dispersal authorisation: expired"
    DISPERSAL_AUTHORISATION_LETTER_HTML_PRODUCED = (
        "dispersal_authorisation.letter_html_produced",
        "Dispersal authorisation: letter produced",
    )
    DISPERSAL_AUTHORISATION_LETTER_PDF_PRODUCED = (
        "dispersal_authorisation.letter_pdf_produced",
        "Dispersal authorisation: letter produced as PDF",
    )
    DISPERSAL_AUTHORISATION_WITHDRAWN = (
        "dispersal_authorisation.withdrawn",
        "Dispersal authorisation: withdrawn",
    )
    DISPERSAL_DIRECTION_BREACHED = "dispersal_direction.breached", "Dispersal direction: breached"
    DISPERSAL_DIRECTION_COMPLIED = "dispersal_direction.complied", "Dispersal direction: complied"
    DISPERSAL_DIRECTION_DRAFT = "dispersal_direction.draft", "Dispersal direction: drafted"
    DISPERSAL_DIRECTION_EXPIRED = "dispersal_direction.expired", "Dispersal direction: expired"
    DISPERSAL_DIRECTION_ISSUED = "dispersal_direction.issued", "Dispersal direction: issued"
    DISPERSAL_DIRECTION_ITEM_RETURNED = (
        "dispersal_direction.item_returned",
        "Dispersal direction: surrendered item returned (s.37)",
    )
    DISPERSAL_DIRECTION_ITEMS_SURRENDERED = (
        "dispersal_direction.items_surrendered",
        "Dispersal direction: items surrendered (s.37)",
    )
    DISPERSAL_DIRECTION_LETTER_HTML_PRODUCED = (
        "dispersal_direction.letter_html_produced",
        "Dispersal direction: letter produced",
    )
    DISPERSAL_DIRECTION_LETTER_PDF_PRODUCED = (
        "dispersal_direction.letter_pdf_produced",
        "Dispersal direction: letter produced as PDF",
    )
    DISPERSAL_DIRECTION_VARIED = "dispersal_direction.varied", "Dispersal direction: varied"
    DISPERSAL_DIRECTION_WITHDRAWN = "dispersal_direction.withdrawn", "Dispersal direction: withdrawn"
    FPN_DRAFT = "fpn.draft", "Fixed penalty notice (CPN or PSPO breach): drafted"
    FPN_ISSUED = "fpn.issued", "Fixed penalty notice (CPN or PSPO breach): issued"
    FPN_LETTER_HTML_PRODUCED = (
        "fpn.letter_html_produced",
        "Fixed penalty notice (CPN or PSPO breach): letter produced",
    )
    FPN_LETTER_PDF_PRODUCED = (
        "fpn.letter_pdf_produced",
        "Fixed penalty notice (CPN or PSPO breach): letter produced as PDF",
    )
    FPN_PAID = "fpn.paid", "Fixed penalty notice (CPN or PSPO breach): paid"
    FPN_PROSECUTED = "fpn.prosecuted", "Fixed penalty notice (CPN or PSPO breach): prosecuted"
    FPN_WITHDRAWN = "fpn.withdrawn", "Fixed penalty notice (CPN or PSPO breach): withdrawn"
    INJUNCTION_ADJOURNED = "injunction.adjourned", "Civil injunction: hearing adjourned"
    INJUNCTION_APPEAL_DECIDED = (
        "injunction.appeal_decided",
        "Civil injunction: the Crown Court's decision on the appeal recorded",
    )
    INJUNCTION_APPEAL_LODGED = (
        "injunction.appeal_lodged",
        "Civil injunction: appeal to the Crown Court against the youth court's decision recorded",
    )
    INJUNCTION_APPLIED = "injunction.applied", "Civil injunction: applied"
    INJUNCTION_BREACHED = "injunction.breached", "Civil injunction: breached"
    INJUNCTION_DISCHARGED = "injunction.discharged", "Civil injunction: discharged"
    INJUNCTION_DRAFT = "injunction.draft", "Civil injunction: drafted"
    INJUNCTION_EXPIRED = "injunction.expired", "Civil injunction: expired"
    INJUNCTION_GRANTED = "injunction.granted", "Civil injunction: granted"
    INJUNCTION_LETTER_HTML_PRODUCED = "injunction.letter_html_produced", "Civil injunction: letter produced"
    INJUNCTION_LETTER_PDF_PRODUCED = (
        "injunction.letter_pdf_produced",
        "Civil injunction: letter produced as PDF",
    )
    INJUNCTION_REFUSED = "injunction.refused", "Civil injunction: refused"
    INJUNCTION_VARIED = "injunction.varied", "Civil injunction: varied"
    INJUNCTION_WITHDRAWN = "injunction.withdrawn", "Civil injunction: withdrawn"
    POWERUSE_LISTED = "poweruse.listed", "Saw a tool or power in a list"
    POWERUSE_VIEWED = "poweruse.viewed", "Viewed a tool or power"
    PSPO_DISCHARGED = "pspo.discharged", "Public Spaces Protection Order: discharged"
    PSPO_DRAFT = "pspo.draft", "Public Spaces Protection Order: drafted"
    PSPO_EXPIRED = "pspo.expired", "Public Spaces Protection Order: expired"
    PSPO_EXTENDED = "pspo.extended", "Public Spaces Protection Order: extended"
    PSPO_LETTER_HTML_PRODUCED = "pspo.letter_html_produced", "Public Spaces Protection Order: letter produced"
    PSPO_LETTER_PDF_PRODUCED = (
        "pspo.letter_pdf_produced",
        "Public Spaces Protection Order: letter produced as PDF",
    )
    PSPO_MADE = "pspo.made", "Public Spaces Protection Order: made"
    PSPO_PUBLISHED = "pspo.published", "Public Spaces Protection Order: publication recorded"
    PSPO_QUASHED = "pspo.quashed", "Public Spaces Protection Order: quashed"
    PSPO_VARIED = "pspo.varied", "Public Spaces Protection Order: varied"
    PSPO_WITHDRAWN = "pspo.withdrawn", "Public Spaces Protection Order: withdrawn"
