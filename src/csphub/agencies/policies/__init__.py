"""The one permission policy: who may do what to which record. Deny by default.

Two questions, asked everywhere the same way, of one :class:`Policy` bound to the request's
:class:`~csphub.core.actor.Actor` (``request.actor.policy``):

- ``policy.can(action, obj) -> bool`` for one record;
- ``policy.visible(action, model_or_queryset) -> QuerySet`` for every list, search, map, export
  and API endpoint.

The policy computes the actor's role, active shares and named records once per request (per
content type, on first use), the way Wagtail's permission policies cache a user's permissions.
The free functions below (``can(user_or_actor, ...)``, ``visible_to``, ``share_scope``, ...) are
thin wrappers kept for callers that pass a user; given ``request.user`` they reach the same cached
policy as ``request.actor``.

A user acts in one :class:`~csphub.agencies.models.Membership` at a time (agency + role), set per
session by :class:`~csphub.agencies.middleware.ActingMembershipMiddleware`. The role decides which
actions are possible at all (``ROLE_ACTIONS``); the record decides the rest:

1. a restricted record is visible to its named users only;
2. otherwise the owning agency sees it, a user named on it sees it, and an agency it is shared
   with sees it while the Information Sharing Agreement is in force and names that agency;
3. only the owning agency (or a named user) may change it; only the owning agency may share it;
4. a record that belongs to a partnership (:class:`~csphub.agencies.models.PartnershipRecord`)
   is seen only by someone acting in that partnership, or in another district partnership that an
   Information Sharing Agreement in force names together with it (and with the viewer's agency);
   never by someone acting in a county board, which sees depersonalised district figures only.
   This gate comes before every other rule: being named on a record, a share or a compartment
   does not carry it across partnerships.

Records that hang off another record (notes, tasks, documents) are registered with
:func:`register_child` and inherit their parent's visibility. Views that may not show a record
answer 404 (:func:`get_object_or_404_for`), never 403, so that nobody learns it exists.

The package: ``roles`` (actions, capabilities and what each role may do), ``acting`` (the membership
a user acts in), ``policy`` (the registries of child, attended and compartment records, the
:class:`Policy` object and its querysets) and ``wrappers`` (the free functions). Everything is
re-exported here so that ``agencies.policies.X`` keeps working.
"""

from __future__ import annotations

from csphub.agencies.policies.acting import (
    ACTING_ATTR,
    M,
    UserOrActor,
    acting_membership,
    actor_for,
    set_acting_membership,
)
from csphub.agencies.policies.policy import (
    Compartment,
    Policy,
    agreements_in_force,
    policy_facts_changed,
    policy_for,
    register_attendance,
    register_child,
    register_compartment,
    register_compartment_membership,
)
from csphub.agencies.policies.roles import ROLE_ACTIONS, ROLE_CAPABILITIES, Action, Capability
from csphub.agencies.policies.wrappers import (
    can,
    can_contribute,
    can_create_in_own_agency,
    full_scope_condition,
    get_object_or_404_for,
    has_capability,
    partnership_for_new_record,
    role_allows,
    share_scope,
    summary_shared_ids,
    visible_in_full_to,
    visible_to,
)

__all__ = [
    "ACTING_ATTR",
    "ROLE_ACTIONS",
    "ROLE_CAPABILITIES",
    "Action",
    "Capability",
    "Compartment",
    "M",
    "Policy",
    "UserOrActor",
    "acting_membership",
    "actor_for",
    "agreements_in_force",
    "can",
    "can_contribute",
    "can_create_in_own_agency",
    "full_scope_condition",
    "get_object_or_404_for",
    "has_capability",
    "partnership_for_new_record",
    "policy_facts_changed",
    "policy_for",
    "register_attendance",
    "register_child",
    "register_compartment",
    "register_compartment_membership",
    "role_allows",
    "set_acting_membership",
    "share_scope",
    "summary_shared_ids",
    "visible_in_full_to",
    "visible_to",
]
