"""ASB Case Review pages, one module per audience and stage.

Public (no sign-in): ``public`` (the application journey and the status check) and ``publication``
(the statutory publication). Staff (signed in, Case Review role): ``intake`` (dashboard, intake,
detail, contact, acknowledgement, prompts, closing), ``threshold``, ``review`` (meeting,
recommendations, letters), ``appeal`` and ``configuration``. Views read like a receipt: the form
validates, the service decides. Every view is re-exported here for ``urls.py``.
"""

from __future__ import annotations

from csphub.casereviews.views.appeal import appeal_decide, appeal_lodge
from csphub.casereviews.views.configuration import area_change, areas, rule_set_new
from csphub.casereviews.views.intake import (
    acknowledge,
    close,
    dashboard,
    detail,
    intake,
    prompt_explained,
    prompts,
    spoc_change,
)
from csphub.casereviews.views.public import (
    CODE_SENT_MESSAGE,
    DONE_KEY,
    RETRY_MESSAGE,
    SESSION_KEY,
    apply_about_you,
    apply_anonymous,
    apply_behaviour,
    apply_check,
    apply_done,
    apply_victim,
    apply_who,
    start,
    status_code,
    status_letter,
    status_letter_pdf,
    status_request,
    status_view,
)
from csphub.casereviews.views.publication import figures, publication, publication_csv, publication_index
from csphub.casereviews.views.review import (
    letter,
    letter_pdf,
    letter_send,
    recommendation_done,
    recommendation_new,
    review,
)
from csphub.casereviews.views.threshold import link_incidents, threshold, unlink_incident

__all__ = [
    "CODE_SENT_MESSAGE",
    "DONE_KEY",
    "RETRY_MESSAGE",
    "SESSION_KEY",
    "acknowledge",
    "appeal_decide",
    "appeal_lodge",
    "apply_about_you",
    "apply_anonymous",
    "apply_behaviour",
    "apply_check",
    "apply_done",
    "apply_victim",
    "apply_who",
    "area_change",
    "areas",
    "close",
    "dashboard",
    "detail",
    "figures",
    "intake",
    "letter",
    "letter_pdf",
    "letter_send",
    "link_incidents",
    "prompt_explained",
    "prompts",
    "publication",
    "publication_csv",
    "publication_index",
    "recommendation_done",
    "recommendation_new",
    "review",
    "rule_set_new",
    "spoc_change",
    "start",
    "status_code",
    "status_letter",
    "status_letter_pdf",
    "status_request",
    "status_view",
    "threshold",
    "unlink_incident",
]
