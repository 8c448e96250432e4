"""Every write of the governance app, by sub-domain: retention and disposal (``retention``), legal
holds (``holds``), data subjects' requests (``rights``) and what a subject access request discloses
(``disclosure``). The names are re-exported here, so ``services.<name>`` keeps working."""

from csphub.governance.services.disclosure import (
    BundleItem,
    bundle,
    bundle_files,
    bundle_json,
    bundle_zip,
    ncnd_letter,
    rights_request_bundle_produced,
    rights_request_disclose,
    rights_request_neither_confirm_nor_deny,
)
from csphub.governance.services.holds import legal_hold_place, legal_hold_release
from csphub.governance.services.public_pages import public_pages_can_configure, public_pages_set
from csphub.governance.services.retention import (
    PurgeItem,
    PurgeResult,
    retention_purge,
    retention_review,
    retention_rule_set,
)
from csphub.governance.services.rights import (
    RECTIFIABLE,
    request_item_decide,
    rights_request_decide,
    rights_request_extend,
    rights_request_receive,
    rights_request_search,
    rights_request_verify_identity,
)

__all__ = [
    "RECTIFIABLE",
    "BundleItem",
    "PurgeItem",
    "PurgeResult",
    "bundle",
    "bundle_files",
    "bundle_json",
    "bundle_zip",
    "legal_hold_place",
    "legal_hold_release",
    "ncnd_letter",
    "public_pages_can_configure",
    "public_pages_set",
    "request_item_decide",
    "retention_purge",
    "retention_review",
    "retention_rule_set",
    "rights_request_bundle_produced",
    "rights_request_decide",
    "rights_request_disclose",
    "rights_request_extend",
    "rights_request_neither_confirm_nor_deny",
    "rights_request_receive",
    "rights_request_search",
    "rights_request_verify_identity",
]
