"""Every write of the tools and powers: permission-checked, guarded by ``rules``, audited in the
same transaction, with the rule version stored on the power and on each status change.

One module per power (``cpw_cpn``, ``fpn``, ``closure`` and ``closure_order``, ``injunction_cbo`` and
``injunction_hearings``, ``dispersal``, ``pspo``, ``absolute_ground``) and ``common`` for what they
share. The reads the pages and the services both ask (what blocks a step today, the requirement
lines, today's date) live in :mod:`csphub.powers.selectors` and :mod:`csphub.powers.facts`; they are
re-exported here so that ``from csphub.powers.services import X`` keeps working.

Services take ``now`` (default :func:`csphub.powers.clock.now`) so that statutory clocks can be
tested without waiting. Automatic tasks go through ``csphub.cases.services.task_create``.
"""

from __future__ import annotations

from csphub.powers.facts import UK, recipient_facts, rules_for, warning_facts
from csphub.powers.selectors import (
    cpn_blockers_for,
    cpn_in_force,
    cpn_requirements_in_effect,
    fpn_prosecution_blockers_for,
    requirement_lines,
    today,
)
from csphub.powers.services.absolute_ground import (
    absolute_ground_notice_serve,
    absolute_ground_review_request,
)
from csphub.powers.services.closure import (
    closure_extension_notice_issue,
    closure_notice_change,
    closure_notice_continue,
    closure_notice_issue,
)
from csphub.powers.services.closure_order import (
    closure_order_appeal_decide,
    closure_order_appeal_lodge,
    closure_order_discharge,
    closure_order_extend,
    closure_order_grant,
    closure_order_refuse,
    closure_refusal_appeal_decide,
    closure_refusal_appeal_lodge,
)
from csphub.powers.services.common import power_letter_issued, power_withdraw
from csphub.powers.services.cpw_cpn import (
    cpn_appeal_decide,
    cpn_appeal_lodge,
    cpn_issue,
    cpw_issue,
    power_compliance_record,
)
from csphub.powers.services.dispersal import (
    dispersal_authorise,
    dispersal_direction_give,
    dispersal_direction_vary,
    dispersal_item_return,
    dispersal_items_surrender,
)
from csphub.powers.services.fpn import fpn_issue, fpn_prosecute, fpn_record_payment, pspo_fpn_issue
from csphub.powers.services.injunction_cbo import (
    INJUNCTION_OUTCOMES,
    ORDER_CHANGES,
    cbo_change,
    cbo_grant,
    injunction_apply,
    injunction_change,
    injunction_decide,
)
from csphub.powers.services.injunction_hearings import (
    injunction_adjourn,
    injunction_appeal_decide,
    injunction_appeal_lodge,
    order_breach_record,
    youth_court_appeal_pending,
    youth_court_decided_on,
)
from csphub.powers.services.pspo import (
    pspo_discharge,
    pspo_extend,
    pspo_latest_decision,
    pspo_make,
    pspo_publication_record,
    pspo_unpublished,
    pspo_vary,
)

__all__ = [
    "INJUNCTION_OUTCOMES",
    "ORDER_CHANGES",
    "UK",
    "absolute_ground_notice_serve",
    "absolute_ground_review_request",
    "cbo_change",
    "cbo_grant",
    "closure_extension_notice_issue",
    "closure_notice_change",
    "closure_notice_continue",
    "closure_notice_issue",
    "closure_order_appeal_decide",
    "closure_order_appeal_lodge",
    "closure_order_discharge",
    "closure_order_extend",
    "closure_order_grant",
    "closure_order_refuse",
    "closure_refusal_appeal_decide",
    "closure_refusal_appeal_lodge",
    "cpn_appeal_decide",
    "cpn_appeal_lodge",
    "cpn_blockers_for",
    "cpn_in_force",
    "cpn_issue",
    "cpn_requirements_in_effect",
    "cpw_issue",
    "dispersal_authorise",
    "dispersal_direction_give",
    "dispersal_direction_vary",
    "dispersal_item_return",
    "dispersal_items_surrender",
    "fpn_issue",
    "fpn_prosecute",
    "fpn_prosecution_blockers_for",
    "fpn_record_payment",
    "injunction_adjourn",
    "injunction_appeal_decide",
    "injunction_appeal_lodge",
    "injunction_apply",
    "injunction_change",
    "injunction_decide",
    "order_breach_record",
    "power_compliance_record",
    "power_letter_issued",
    "power_withdraw",
    "pspo_discharge",
    "pspo_extend",
    "pspo_fpn_issue",
    "pspo_latest_decision",
    "pspo_make",
    "pspo_publication_record",
    "pspo_unpublished",
    "pspo_vary",
    "recipient_facts",
    "requirement_lines",
    "rules_for",
    "today",
    "warning_facts",
    "youth_court_appeal_pending",
    "youth_court_decided_on",
]
