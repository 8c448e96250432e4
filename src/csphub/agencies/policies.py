"""The one permission policy: who may do what to which record. Deny by default.

Two questions, asked everywhere the same way:

- ``can(user, action, obj) -> bool`` for one record;
- ``visible_to(user, action, model_or_queryset) -> QuerySet`` for every list, search, map, export
  and API endpoint.

A user acts in one :class:`~csphub.agencies.models.Membership` at a time (agency + role), set per
session by :class:`~csphub.agencies.middleware.ActingMembershipMiddleware`. The role decides which
actions are possible at all (``ROLE_ACTIONS``); the record decides the rest:

1. a restricted record is visible to its named users only;
2. otherwise the owning agency sees it, a user named on it sees it, and an agency it is shared
   with sees it while the Information Sharing Agreement is in force and names that agency;
3. only the owning agency (or a named user) may change it; only the owning agency may share it.

Records that hang off another record (notes, tasks, documents) are registered with
:func:`register_child` and inherit their parent's visibility. Views that may not show a record
answer 404 (:func:`get_object_or_404_for`), never 403, so that nobody learns it exists.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from csphub.agencies.models import (
    Membership,
    OwnedRecord,
    RecordNamedUser,
    RecordShare,
    Role,
    ShareScope,
)

M = TypeVar("M", bound=models.Model)

ACTING_ATTR = "_csphub_acting_membership"


class Action(StrEnum):
    VIEW = "view"
    CREATE = "create"
    CHANGE = "change"
    EXPORT = "export"
    SHARE = "share"
    VIEW_AUDIT = "view_audit"


class Capability(StrEnum):
    """Things that are not about one record."""

    VIEW_ASSESSMENT = "view_assessment"  # aggregate analytics, no personal data
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT_LOG = "view_audit_log"
    MANAGE_CASE_REVIEWS = "manage_case_reviews"
    # change an area's Case Review procedure (only in the area's managing agency; see casereviews)
    CONFIGURE_CASE_REVIEW_AREA = "configure_case_review_area"


# Which actions each role may take on records that hold personal data.
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.CASEWORKER: frozenset({Action.VIEW, Action.CREATE, Action.CHANGE, Action.EXPORT, Action.SHARE}),
    Role.TEAM_MANAGER: frozenset({Action.VIEW, Action.CREATE, Action.CHANGE, Action.EXPORT, Action.SHARE}),
    Role.PARTNERSHIP_COORDINATOR: frozenset(
        {Action.VIEW, Action.CREATE, Action.CHANGE, Action.EXPORT, Action.SHARE, Action.VIEW_AUDIT}
    ),
    Role.PARTNER_VIEWER: frozenset({Action.VIEW}),
    # Analysts and board members work with aggregates only; administrators manage accounts and
    # answer "who has seen this person", they do not read case files.
    Role.ANALYST: frozenset(),
    Role.BOARD_MEMBER: frozenset(),
    Role.ADMINISTRATOR: frozenset({Action.VIEW_AUDIT}),
}

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.CASEWORKER: frozenset({Capability.MANAGE_CASE_REVIEWS}),
    Role.TEAM_MANAGER: frozenset(
        {Capability.VIEW_ASSESSMENT, Capability.MANAGE_CASE_REVIEWS, Capability.CONFIGURE_CASE_REVIEW_AREA}
    ),
    Role.PARTNERSHIP_COORDINATOR: frozenset(
        {
            Capability.VIEW_ASSESSMENT,
            Capability.VIEW_AUDIT_LOG,
            Capability.MANAGE_CASE_REVIEWS,
            Capability.CONFIGURE_CASE_REVIEW_AREA,
        }
    ),
    Role.PARTNER_VIEWER: frozenset(),
    Role.ANALYST: frozenset({Capability.VIEW_ASSESSMENT}),
    Role.BOARD_MEMBER: frozenset({Capability.VIEW_ASSESSMENT}),
    Role.ADMINISTRATOR: frozenset({Capability.MANAGE_USERS, Capability.VIEW_AUDIT_LOG}),
}

# child model -> name of the FK to the record whose visibility it inherits
_CHILDREN: dict[type[models.Model], str] = {}


def register_child(model: type[models.Model], *, parent_field: str) -> None:
    """Declare that ``model`` is visible exactly when its ``parent_field`` record is."""
    _CHILDREN[model] = parent_field


# --- acting membership ------------------------------------------------------------------------


def acting_membership(user: Any) -> Membership | None:
    """The membership ``user`` acts in now, or None (which denies everything).

    Set per request by the middleware from the session. Outside a request (commands, services
    called from tests) a user with exactly one active membership acts in it.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    membership = getattr(user, ACTING_ATTR, None)
    if membership is not None:
        return membership if membership.is_active else None
    memberships = list(Membership.objects.filter(user=user, is_active=True).select_related("agency")[:2])
    if len(memberships) == 1:
        setattr(user, ACTING_ATTR, memberships[0])
        return memberships[0]
    return None


def set_acting_membership(user: Any, membership: Membership | None) -> None:
    """Make ``user`` act in ``membership`` for the rest of this request or command."""
    if membership is not None and (membership.user_id != user.pk or not membership.is_active):
        raise ValueError("A user can only act in one of their own active memberships.")
    setattr(user, ACTING_ATTR, membership)


def role_allows(user: Any, action: Action) -> bool:
    membership = acting_membership(user)
    return membership is not None and action in ROLE_ACTIONS.get(membership.role, frozenset())


def has_capability(user: Any, capability: Capability) -> bool:
    membership = acting_membership(user)
    return membership is not None and capability in ROLE_CAPABILITIES.get(membership.role, frozenset())


# --- querysets --------------------------------------------------------------------------------


def _as_queryset(model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
    if isinstance(model_or_qs, QuerySet):
        return model_or_qs
    return model_or_qs._default_manager.all()


def _active_shares(content_type: ContentType, membership: Membership) -> QuerySet[RecordShare]:
    today = timezone.localdate()
    return RecordShare.objects.filter(
        content_type=content_type,
        agency=membership.agency,
        revoked_at__isnull=True,
        agreement__parties=membership.agency,
        agreement__start_date__lte=today,
        agreement__review_date__gte=today,
    ).filter(Q(agreement__ended_on__isnull=True) | Q(agreement__ended_on__gte=today))


def _named(content_type: ContentType, user: Any) -> QuerySet[RecordNamedUser]:
    return RecordNamedUser.objects.filter(content_type=content_type, user=user)


def visible_to(user: Any, action: Action, model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
    """The records of a model that ``user`` may ``action`` in their acting membership."""
    qs = _as_queryset(model_or_qs)
    model = qs.model
    membership = acting_membership(user)
    if membership is None or action not in ROLE_ACTIONS.get(membership.role, frozenset()):
        return qs.none()

    if model in _CHILDREN:
        parent_field = _CHILDREN[model]
        parent_model = model._meta.get_field(parent_field).related_model
        assert isinstance(parent_model, type)
        return qs.filter(**{f"{parent_field}__in": visible_to(user, action, parent_model).values("pk")})

    if not issubclass(model, OwnedRecord):
        # Deny by default: a model nobody declared to the policy is visible to no one.
        return qs.none()

    content_type = ContentType.objects.get_for_model(model)
    named_ids = _named(content_type, user).values("object_id")
    if action in (Action.VIEW, Action.EXPORT):
        shared_ids = _active_shares(content_type, membership).values("object_id")
        unrestricted = Q(owning_agency=membership.agency) | Q(pk__in=shared_ids)
    elif action in (Action.CHANGE, Action.CREATE) or action in (Action.SHARE, Action.VIEW_AUDIT):
        unrestricted = Q(owning_agency=membership.agency)
    else:  # pragma: no cover - every Action is handled above
        return qs.none()
    return qs.filter((Q(is_restricted=False) & unrestricted) | Q(pk__in=named_ids))


def can(user: Any, action: Action, obj: models.Model) -> bool:
    """May ``user`` take ``action`` on ``obj``? The same answer as ``visible_to``, for one record."""
    if obj is None or obj.pk is None:
        return False
    return visible_to(user, action, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def can_create_in_own_agency(user: Any) -> bool:
    """May ``user`` create new records (owned by their acting agency)?"""
    return role_allows(user, Action.CREATE)


def get_object_or_404_for(user: Any, action: Action, model_or_qs: type[M] | QuerySet[M], **lookup: Any) -> M:
    """The record, or Http404 whether it does not exist or the user may not see it."""
    try:
        return visible_to(user, action, model_or_qs).get(**lookup)
    except (models.ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such record.") from exc


def share_scope(user: Any, obj: models.Model) -> str | None:
    """How much of ``obj`` the user may see: "full", "summary" (panel sharing) or None."""
    if not can(user, Action.VIEW, obj):
        return None
    root = obj
    while type(root) in _CHILDREN:
        root = getattr(root, _CHILDREN[type(root)])
    membership = acting_membership(user)
    assert membership is not None
    content_type = ContentType.objects.get_for_model(type(root))
    if getattr(root, "owning_agency_id", None) == membership.agency_id:
        return ShareScope.FULL
    if _named(content_type, user).filter(object_id=root.pk).exists():
        return ShareScope.FULL
    scopes = set(
        _active_shares(content_type, membership).filter(object_id=root.pk).values_list("scope", flat=True)
    )
    if ShareScope.FULL in scopes:
        return ShareScope.FULL
    return ShareScope.SUMMARY if scopes else None


def visible_in_full_to(user: Any, model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
    """The records ``user`` may VIEW *in full*: what :func:`share_scope` answers "full" for.

    ``visible_to(VIEW)`` less the records seen only through a SUMMARY share (a panel agenda), so
    that lists, search and dashboards show enforcement, addresses and the like only where the
    record's own page would.
    """
    qs = visible_to(user, Action.VIEW, model_or_qs)
    model = qs.model
    if model in _CHILDREN:
        parent_field = _CHILDREN[model]
        parent_model = model._meta.get_field(parent_field).related_model
        assert isinstance(parent_model, type)
        return qs.filter(**{f"{parent_field}__in": visible_in_full_to(user, parent_model).values("pk")})
    membership = acting_membership(user)
    if membership is None or not issubclass(model, OwnedRecord):
        return qs.none()
    content_type = ContentType.objects.get_for_model(model)
    full_ids = _active_shares(content_type, membership).filter(scope=ShareScope.FULL).values("object_id")
    named_ids = _named(content_type, user).values("object_id")
    return qs.filter(Q(owning_agency=membership.agency) | Q(pk__in=full_ids) | Q(pk__in=named_ids))


def can_contribute(user: Any, obj: models.Model) -> bool:
    """May ``user`` add to ``obj`` (a note, a piece of evidence)?

    The owning agency, a named user, or an agency it is shared with in full may; a partner who sees
    only the panel summary may not, and neither may a role that cannot create records.
    """
    return role_allows(user, Action.CREATE) and share_scope(user, obj) == ShareScope.FULL
