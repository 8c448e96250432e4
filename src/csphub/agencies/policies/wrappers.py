"""The free functions: thin wrappers over the policy, for callers that pass a user."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet

from csphub.agencies.models import OwnedRecord, Partnership, ShareScope
from csphub.agencies.policies.acting import M, UserOrActor, acting_membership
from csphub.agencies.policies.policy import _CHILDREN, _active_shares, _named, policy_for
from csphub.agencies.policies.roles import Action, Capability
from csphub.core.actor import as_actor

# --- the free functions: thin wrappers over the policy ----------------------------------------


def role_allows(user: UserOrActor, action: Action) -> bool:
    return policy_for(user).role_allows(action)


def has_capability(user: UserOrActor, capability: Capability) -> bool:
    return policy_for(user).has_capability(capability)


def visible_to(user: UserOrActor, action: Action, model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
    """The records of a model that ``user`` may ``action`` in their acting membership."""
    return policy_for(user).visible(action, model_or_qs)


def can(user: UserOrActor, action: Action, obj: models.Model | None) -> bool:
    """May ``user`` take ``action`` on ``obj``? The same answer as ``visible_to``, for one record."""
    return policy_for(user).can(action, obj)


def can_create_in_own_agency(user: UserOrActor) -> bool:
    """May ``user`` create new records (owned by their acting agency)?"""
    return policy_for(user).can_create_in_own_agency()


def get_object_or_404_for(
    user: UserOrActor, action: Action, model_or_qs: type[M] | QuerySet[M], **lookup: Any
) -> M:
    """The record, or Http404 whether it does not exist or the user may not see it."""
    return policy_for(user).get_object_or_404(action, model_or_qs, **lookup)


def share_scope(user: UserOrActor, obj: models.Model) -> str | None:
    """How much of ``obj`` the user may see: "full", "summary" (panel sharing) or None."""
    return policy_for(user).share_scope(obj)


def can_contribute(user: UserOrActor, obj: models.Model) -> bool:
    """May ``user`` add to ``obj`` (a note, a piece of evidence)? See :meth:`Policy.can_contribute`."""
    return policy_for(user).can_contribute(obj)


def visible_in_full_to(user: UserOrActor, model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
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
    condition = full_scope_condition(user, model)
    return qs.none() if condition is None else qs.filter(condition)


def full_scope_condition(user: UserOrActor, model: type[models.Model]) -> Q | None:
    """The condition that narrows records ``user`` may VIEW to those seen *in full* (not a parent's
    child model; None when none are). Only for a queryset already within ``visible_to``: on its own
    it says nothing about the partnership or restrictions. As a condition on the row itself it lets
    a query that is already visible-filtered (search) skip computing the whole in-full id set."""
    assert model not in _CHILDREN
    membership = acting_membership(user)
    actor = as_actor(user)
    if membership is None or actor is None or not issubclass(model, OwnedRecord):
        return None
    content_type = ContentType.objects.get_for_model(model)
    full_ids = _active_shares(content_type, membership).filter(scope=ShareScope.FULL).values("object_id")
    named_ids = _named(content_type, actor.user).values("object_id")
    return Q(owning_agency=membership.agency) | Q(pk__in=full_ids) | Q(pk__in=named_ids)


def summary_shared_ids(user: UserOrActor, model: type[models.Model]) -> QuerySet[Any]:
    """Ids of the records of ``model`` shared with the user's acting agency as a panel summary
    (a subquery; empty without a membership). Those, less the ones seen in full, are the records
    a list shows only as a summary."""
    membership = acting_membership(user)
    if membership is None:
        return ContentType.objects.none().values("pk")
    content_type = ContentType.objects.get_for_model(model)
    return _active_shares(content_type, membership).filter(scope=ShareScope.SUMMARY).values("object_id")


def partnership_for_new_record(user: UserOrActor) -> Partnership:
    """The partnership a record ``user`` creates belongs to. See :meth:`Policy.partnership_for_new_record`."""
    return policy_for(user).partnership_for_new_record()
