"""The governance app's pages, by sub-domain: the public-sector pages, data subjects' requests, and
retention (holds, periods, the record of processing). Re-exported here, so the URL modules keep
writing ``views.privacy``."""

from __future__ import annotations

from csphub.governance.views.public import (
    accessibility,
    cookies,
    privacy,
    public_pages,
)
from csphub.governance.views.requests import (
    disclosure_log,
    item_decide,
    request_bundle,
    request_decide,
    request_detail,
    request_disclose,
    request_extend,
    request_list,
    request_ncnd,
    request_new,
    request_reply_letter,
    request_verify,
)
from csphub.governance.views.retention import (
    hold_list,
    hold_new,
    hold_release,
    retention_overview,
    retention_period_set,
    retention_periods,
    ropa_view,
)

__all__ = [
    "accessibility",
    "cookies",
    "disclosure_log",
    "hold_list",
    "hold_new",
    "hold_release",
    "item_decide",
    "privacy",
    "public_pages",
    "request_bundle",
    "request_decide",
    "request_detail",
    "request_disclose",
    "request_extend",
    "request_list",
    "request_ncnd",
    "request_new",
    "request_reply_letter",
    "request_verify",
    "retention_overview",
    "retention_period_set",
    "retention_periods",
    "ropa_view",
]
