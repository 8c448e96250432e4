"""The policy object: the registries of records that inherit, widen or restrict visibility, and the
:class:`Policy` that answers ``can`` and ``visible`` for one actor, with the querysets it builds on.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import Http404
from django.utils import timezone

from csphub.agencies.models import (
    InformationSharingAgreement,
    Membership,
    OwnedRecord,
    Partnership,
    PartnershipKind,
    PartnershipRecord,
    RecordNamedUser,
    RecordShare,
    Role,
    ShareScope,
)
from csphub.agencies.policies.acting import M, UserOrActor, _effective_membership
from csphub.agencies.policies.roles import ROLE_ACTIONS, ROLE_CAPABILITIES, Action, Capability
from csphub.core.actor import Actor, as_actor
from csphub.core.errors import PermissionDeniedError

# The SQL text (and parameters) of the policy's id subqueries that depend only on their inputs:
# a model's shares with an agency in force on a day, a model's records naming a user. Compiling
# them cost every page a few milliseconds; the rows are never kept (ADR 0004). Bounded: cleared
# when full (a new day's keys replace the last day's).
_SQL_TEXT: dict[tuple[Any, ...], tuple[str, tuple[Any, ...]] | None] = {}
_SQL_TEXT_MAX = 4096
_UNCOMPILED: Any = object()

# child model -> name of the FK to the record whose visibility it inherits
_CHILDREN: dict[type[models.Model], str] = {}


def register_child(model: type[models.Model], *, parent_field: str) -> None:
    """Declare that ``model`` is visible exactly when its ``parent_field`` record is."""
    _CHILDREN[model] = parent_field


# child model -> name of its many-to-many field of agencies whose staff may also VIEW it (the
# agencies attending a panel meeting see the meeting and its agenda, not the panel's other meetings)
_ATTENDED: dict[type[models.Model], str] = {}


def register_attendance(model: type[models.Model], *, agencies_field: str) -> None:
    """Declare that the agencies in ``model``'s ``agencies_field`` may VIEW it (and its children) too."""
    _ATTENDED[model] = agencies_field


class Compartment(StrEnum):
    """A restricted register: its records are seen by the compartment's members (and users named on
    a record) only, never through an agency, a share or an Information Sharing Agreement."""

    MODERN_SLAVERY = "modern_slavery"
    PREVENT = "prevent"
    DOMESTIC_HOMICIDE_REVIEW = "dhr"


# model -> (compartment, whether members of every agency see it (a multi-agency panel) or only the
# members in the owning agency)
_COMPARTMENTS: dict[type[models.Model], tuple[Compartment, bool]] = {}
_compartment_resolver: Callable[[Actor], frozenset[str]] | None = None


def register_compartment(
    model: type[models.Model], compartment: Compartment, *, across_agencies: bool
) -> None:
    """Declare that ``model``'s records are in ``compartment`` (the duties app does, at start-up)."""
    _COMPARTMENTS[model] = (compartment, across_agencies)


def register_compartment_membership(resolver: Callable[[Actor], frozenset[str]]) -> None:
    """How to find the compartments an actor is a member of (the duties app registers it)."""
    global _compartment_resolver
    _compartment_resolver = resolver


# --- the policy object ------------------------------------------------------------------------

# Bumped whenever a share, a named user, an agreement or a membership changes, so that a policy
# built earlier in the same request (or command) does not answer from out-of-date facts.
_generation = 0


def policy_facts_changed(**_kwargs: Any) -> None:
    global _generation
    _generation += 1


for _model in (RecordShare, RecordNamedUser, InformationSharingAgreement, Membership):
    post_save.connect(policy_facts_changed, sender=_model, dispatch_uid=f"policy-{_model.__name__}-save")
    post_delete.connect(policy_facts_changed, sender=_model, dispatch_uid=f"policy-{_model.__name__}-delete")
post_save.connect(policy_facts_changed, sender=Partnership, dispatch_uid="policy-Partnership-save")
for _through, _uid in (
    (InformationSharingAgreement.parties.through, "policy-isa-parties"),
    (InformationSharingAgreement.partnerships.through, "policy-isa-partnerships"),
    (Partnership.agencies.through, "policy-partnership-agencies"),
):
    m2m_changed.connect(policy_facts_changed, sender=_through, dispatch_uid=_uid)


class Policy:
    """Every permission question for one actor, answered from facts fetched once.

    ``can`` and ``visible`` give the same answer for a record (the matrix tests check both);
    ``visible`` stays a database filter so that lists are one query however many rows they hold.
    """

    def __init__(self, actor: Actor | None) -> None:
        self.actor = actor
        self._generation = _generation
        self._day = timezone.localdate()
        self._shares: dict[int, dict[int, frozenset[str]]] = {}
        self._named: dict[int, frozenset[int]] = {}
        self._compartments: frozenset[str] | None = None
        self._partnerships: frozenset[int] | None = None
        # (action, model) -> the model's visible queryset, built once: a page asks about the
        # same models many times (each child model's filter holds its parent's), and building the
        # filters costs more CPU than running the query. Handed out as clones, never evaluated.
        self._built: dict[tuple[Action, type[models.Model]], QuerySet[Any]] = {}
        # The id subqueries those filters hold (a parent's visible ids, the shares, the named
        # users), compiled to SQL once: compiling them into every query cost as much again.
        self._compiled: dict[tuple[Any, ...], RawSQL | list[int]] = {}

    # -- facts, fetched on first use per content type --

    @property
    def membership(self) -> Membership | None:
        """The membership the actor acts in, while it (and the user) is active; else None."""
        return _effective_membership(self.actor) if self.actor is not None else None

    @property
    def actions(self) -> frozenset[Action]:
        membership = self.membership
        return ROLE_ACTIONS.get(membership.role, frozenset()) if membership is not None else frozenset()

    @property
    def capabilities(self) -> frozenset[Capability]:
        membership = self.membership
        return ROLE_CAPABILITIES.get(membership.role, frozenset()) if membership is not None else frozenset()

    def _fresh(self) -> None:
        """Forget the facts when a share, agreement or membership changed, or the day did (an
        agreement comes into force or ends on a date)."""
        today = timezone.localdate()
        if self._generation != _generation or self._day != today:
            self._shares.clear()
            self._named.clear()
            self._compartments = None
            self._partnerships = None
            self._built.clear()
            self._compiled.clear()
            self._generation = _generation
            self._day = today

    def _share_scopes(self, content_type: ContentType) -> dict[int, frozenset[str]]:
        """object id -> scopes of the active shares with the actor's agency, for one model."""
        self._fresh()
        if content_type.pk not in self._shares:
            membership = self.membership
            assert membership is not None
            found: dict[int, set[str]] = {}
            day = self._day
            for object_id, scope in _rows(
                ("share scopes", content_type.pk, membership.agency_id, day),
                lambda: _active_shares(content_type, membership, on=day).values_list("object_id", "scope"),
            ):
                found.setdefault(object_id, set()).add(scope)
            self._shares[content_type.pk] = {pk: frozenset(scopes) for pk, scopes in found.items()}
        return self._shares[content_type.pk]

    def _named_ids(self, content_type: ContentType) -> frozenset[int]:
        self._fresh()
        if content_type.pk not in self._named:
            assert self.actor is not None
            user = self.actor.user
            self._named[content_type.pk] = frozenset(
                object_id
                for (object_id,) in _rows(
                    ("named rows", content_type.pk, user.pk),
                    lambda: _named(content_type, user).values_list("object_id"),
                )
            )
        return self._named[content_type.pk]

    def partnership_ids(self) -> frozenset[int]:
        """The partnerships whose records the actor may see (fetched once; empty denies all).

        The one they act in and every other district partnership that an agreement in force names
        together with it, when the agreement names the actor's agency too. Acting in a county
        board: the board's own records only, never its district partnerships' personal records.
        """
        self._fresh()
        if self._partnerships is None:
            membership = self.membership
            partnership = self.actor.partnership if self.actor is not None and membership else None
            if membership is None or partnership is None:
                self._partnerships = frozenset()
            elif partnership.kind == PartnershipKind.BOARD:
                self._partnerships = frozenset({partnership.pk})
            else:
                crossing = self._crossing_ids(partnership, membership)
                self._partnerships = frozenset({partnership.pk, *crossing})
        return self._partnerships

    def _crossing_ids(self, partnership: Partnership, membership: Membership) -> list[int]:
        """The ids of :meth:`_crossing`, read now (its SQL compiled once per process, as every
        page asks it: :func:`_rows`)."""
        rows = _rows(
            ("crossing", partnership.pk, membership.agency_id, self._day),
            lambda: self._crossing(partnership, membership, on=self._day).values_list("pk"),
        )
        return [pk for (pk,) in rows]

    @staticmethod
    def _crossing(
        partnership: Partnership, membership: Membership, *, on: Any = None
    ) -> QuerySet[Partnership]:
        """Other district partnerships an agreement in force names with ``partnership`` and the agency."""
        agreements = agreements_in_force(on).filter(parties=membership.agency, partnerships=partnership)
        return Partnership.objects.filter(
            kind=PartnershipKind.CSP, sharing_agreements__in=agreements
        ).exclude(pk=partnership.pk)

    def _partnership_filter(self) -> Q | None:
        """The gate as a filter (None: nothing passes): the partnership ids, fetched once per policy.

        A literal list, not a subquery of the agreements: every query of the page carries the gate,
        and compiling (and planning) the agreements' joins into each cost more than the one query
        that fetches the set."""
        ids = self.partnership_ids()
        if not ids:
            return None
        return Q(partnership_id__in=sorted(ids)) if len(ids) > 1 else Q(partnership_id=next(iter(ids)))

    def in_partnership_scope(self, obj: models.Model) -> bool:
        """Is ``obj`` in a partnership the actor may see (always, for a record of no partnership)?"""
        if not isinstance(obj, PartnershipRecord):
            return True
        home = self.actor.partnership if self.actor is not None and self.membership is not None else None
        if home is not None and obj.partnership_id == home.pk:
            return True  # the usual case, answered without asking for the agreements
        return obj.partnership_id in self.partnership_ids()

    def partnership_for_new_record(self) -> Partnership:
        """The partnership a record the actor creates belongs to: the one they act in.

        Refused when they act in none, or in a county board (a board holds no personal records:
        its figures are its district partnerships', depersonalised).
        """
        partnership = self.actor.partnership if self.actor is not None else None
        if partnership is None:
            raise PermissionDeniedError(
                "Your agency is not part of a community safety partnership here, so nothing can be "
                "recorded. Ask an administrator to add it to its partnership."
            )
        if partnership.kind == PartnershipKind.BOARD:
            raise PermissionDeniedError(
                f"{partnership.name} is a county board: it sees its district partnerships' figures "
                "and keeps no case records. Switch to the district partnership this belongs to."
            )
        return partnership

    # -- the questions --

    def role_allows(self, action: Action) -> bool:
        return action in self.actions

    def has_capability(self, capability: Capability) -> bool:
        return capability in self.capabilities

    def in_compartment(self, compartment: Compartment) -> bool:
        """Is the actor, in their acting membership, a member of ``compartment``?

        Administrators never are: they manage accounts, they do not open restricted registers.
        """
        membership = self.membership
        if membership is None or membership.role == Role.ADMINISTRATOR or _compartment_resolver is None:
            return False
        self._fresh()
        if self._compartments is None:
            assert self.actor is not None
            self._compartments = _compartment_resolver(self.actor)
        return compartment.value in self._compartments

    def can_create_in_own_agency(self) -> bool:
        """May the actor create new records (owned by their acting agency)?"""
        return self.role_allows(Action.CREATE)

    def visible(self, action: Action, model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
        """The records of a model that the actor may ``action`` in their acting membership."""
        if isinstance(model_or_qs, QuerySet):
            return self._visible(action, model_or_qs)
        self._fresh()
        key = (action, model_or_qs)
        built = self._built.get(key)
        if built is None:
            built = self._built[key] = self._visible(action, model_or_qs)
        return built.all()  # a clone: whoever evaluates or filters it never changes the one kept

    def _visible(self, action: Action, model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
        qs = _as_queryset(model_or_qs)
        model = qs.model
        membership = self.membership
        if membership is None or action not in ROLE_ACTIONS.get(membership.role, frozenset()):
            return qs.none()
        if issubclass(model, PartnershipRecord):
            # The partnership gate comes first: nothing below carries a record across it.
            gate = self._partnership_filter()
            if gate is None:
                return qs.none()
            qs = qs.filter(gate)

        if model in _CHILDREN:
            parent_field = _CHILDREN[model]
            parent_model = model._meta.get_field(parent_field).related_model
            assert isinstance(parent_model, type)
            parent_ids = self._ids_sql(
                ("parent", action, parent_model), lambda: self.visible(action, parent_model)
            )
            through_parent = Q(**{f"{parent_field}__in": parent_ids})
            if model in _ATTENDED and action == Action.VIEW:
                attended = model._default_manager.filter(**{_ATTENDED[model]: membership.agency})
                if issubclass(parent_model, PartnershipRecord):  # attending does not cross the gate
                    parent_gate = self._partnership_filter()
                    if parent_gate is None:
                        return qs.filter(through_parent)
                    in_scope = parent_model._default_manager.filter(parent_gate).values("pk")
                    attended = attended.filter(**{f"{parent_field}__in": in_scope})
                return qs.filter(through_parent | Q(pk__in=attended.values("pk")))
            return qs.filter(through_parent)

        if not issubclass(model, OwnedRecord):
            # Deny by default: a model nobody declared to the policy is visible to no one.
            return qs.none()

        assert self.actor is not None
        content_type = ContentType.objects.get_for_model(model)
        user = self.actor.user
        named_ids = self._ids_sql(
            ("named", content_type.pk),
            lambda: _named(content_type, user),
            "object_id",
            same_sql_for=(user.pk,),
        )
        if model in _COMPARTMENTS:
            compartment, across_agencies = _COMPARTMENTS[model]
            if not self.in_compartment(compartment):
                return qs.filter(pk__in=named_ids)
            if across_agencies and action not in (Action.SHARE, Action.VIEW_AUDIT):
                return qs
            return qs.filter(Q(owning_agency=membership.agency) | Q(pk__in=named_ids))
        if action in (Action.VIEW, Action.EXPORT):
            self._fresh()  # the day the facts are of
            today = self._day
            shared_ids = self._ids_sql(
                ("shared", content_type.pk),
                lambda: _active_shares(content_type, membership, on=today),
                "object_id",
                same_sql_for=(membership.agency_id, today),
            )
            unrestricted = Q(owning_agency=membership.agency) | Q(pk__in=shared_ids)
        elif action in (Action.CHANGE, Action.CREATE) or action in (Action.SHARE, Action.VIEW_AUDIT):
            unrestricted = Q(owning_agency=membership.agency)
        else:  # pragma: no cover - every Action is handled above
            return qs.none()
        return qs.filter((Q(is_restricted=False) & unrestricted) | Q(pk__in=named_ids))

    def _ids_sql(
        self,
        key: tuple[Any, ...],
        ids: Callable[[], QuerySet[Any]],
        field: str = "pk",
        *,
        same_sql_for: tuple[Any, ...] | None = None,
    ) -> RawSQL | list[int]:
        """``ids()``'s ``field`` as a subquery compiled once per policy (an empty list when it can
        match nothing). The subqueries are uncorrelated, so their SQL stands alone in any query.

        ``same_sql_for``: the values ``ids()`` is built from besides ``key`` (an agency, a user, a
        day), when those alone decide it. Its SQL is then compiled once per process for them
        (:data:`_SQL_TEXT`): the text and parameters of the subquery, never its rows, which the
        database reads afresh in every query."""
        self._fresh()
        found = self._compiled.get(key)
        if found is None:
            text_key = (*key, field, *same_sql_for) if same_sql_for is not None else None
            text = _SQL_TEXT.get(text_key) if text_key is not None else None
            if text is None:
                qs = ids().values(field)
                # Django's own SQL for an ORM queryset, its values kept apart as parameters.
                text = None if qs.query.is_empty() else qs.query.sql_with_params()
                if text_key is not None:
                    if len(_SQL_TEXT) >= _SQL_TEXT_MAX:
                        _SQL_TEXT.clear()
                    _SQL_TEXT[text_key] = text
            found = [] if text is None else RawSQL(*text)  # noqa: S611  # nosec B611
            self._compiled[key] = found
        return found

    def can(self, action: Action, obj: models.Model | None) -> bool:
        """May the actor take ``action`` on ``obj``? The same answer as ``visible``, for one record."""
        if obj is None or obj.pk is None:
            return False
        membership = self.membership
        if membership is None or action not in ROLE_ACTIONS.get(membership.role, frozenset()):
            return False
        if not self.in_partnership_scope(obj):
            return False
        model = type(obj)
        if model in _CHILDREN:
            parent = getattr(obj, _CHILDREN[model])
            if self.can(action, parent):
                return True
            if model in _ATTENDED and action == Action.VIEW and self.in_partnership_scope(parent):
                return bool(getattr(obj, _ATTENDED[model]).filter(pk=membership.agency_id).exists())
            return False
        if not isinstance(obj, OwnedRecord):
            return False
        # (not restricted and (owning agency or, to view, shared)) or named; cheapest test first.
        content_type = ContentType.objects.get_for_model(model)
        if model in _COMPARTMENTS:
            compartment, across_agencies = _COMPARTMENTS[model]
            if self.in_compartment(compartment) and (
                obj.owning_agency_id == membership.agency_id
                or (across_agencies and action not in (Action.SHARE, Action.VIEW_AUDIT))
            ):
                return True
            return obj.pk in self._named_ids(content_type)
        if not obj.is_restricted:
            if obj.owning_agency_id == membership.agency_id:
                return True
            if action in (Action.VIEW, Action.EXPORT) and obj.pk in self._share_scopes(content_type):
                return True
        return obj.pk in self._named_ids(content_type)

    def get_object_or_404(self, action: Action, model_or_qs: type[M] | QuerySet[M], **lookup: Any) -> M:
        """The record, or Http404 whether it does not exist or the actor may not see it."""
        try:
            return self.visible(action, model_or_qs).get(**lookup)
        except (models.ObjectDoesNotExist, ValueError, TypeError) as exc:
            raise Http404("No such record.") from exc

    def share_scope(self, obj: models.Model) -> str | None:
        """How much of ``obj`` the actor may see: "full", "summary" (panel sharing) or None."""
        if not self.can(Action.VIEW, obj):
            return None
        root = obj
        while type(root) in _CHILDREN:
            root = getattr(root, _CHILDREN[type(root)])
        membership = self.membership
        assert membership is not None
        if type(root) in _COMPARTMENTS:  # never shared: whoever may see it sees all of it
            return ShareScope.FULL
        content_type = ContentType.objects.get_for_model(type(root))
        if getattr(root, "owning_agency_id", None) == membership.agency_id:
            return ShareScope.FULL
        if root.pk in self._named_ids(content_type):
            return ShareScope.FULL
        scopes = self._share_scopes(content_type).get(root.pk, frozenset())
        if ShareScope.FULL in scopes:
            return ShareScope.FULL
        return ShareScope.SUMMARY if scopes else None

    def children_seen_in_full(self, parent: models.Model, model: type[M]) -> QuerySet[M]:
        """``model``'s records under ``parent`` (``model`` a registered child of the parent's
        model), when the actor sees ``parent`` in full; none otherwise. The same rows as
        ``visible_in_full_to(model).filter(parent=parent)`` (a child's visibility is its parent's),
        asked from the facts this policy holds instead of through subqueries of every visible and
        every fully shared parent, which a page showing one record's children compiled each time."""
        parent_field = _CHILDREN[model]
        assert isinstance(parent, model._meta.get_field(parent_field).related_model)  # type: ignore[arg-type]
        qs = model._default_manager.filter(**{parent_field: parent})
        if self.share_scope(parent) != ShareScope.FULL:
            return qs.none()
        if issubclass(model, PartnershipRecord):
            gate = self._partnership_filter()
            return qs.none() if gate is None else qs.filter(gate)
        return qs

    def can_contribute(self, obj: models.Model) -> bool:
        """May the actor add to ``obj`` (a note, a piece of evidence)?

        The owning agency, a named user, or an agency it is shared with in full may; a partner who
        sees only the panel summary may not, and neither may a role that cannot create records.
        """
        return self.role_allows(Action.CREATE) and self.share_scope(obj) == ShareScope.FULL


def policy_for(user: UserOrActor) -> Policy:
    """The policy for an Actor, a user (the request's cached one when there is one), or None."""
    actor = as_actor(user)
    return actor.policy if actor is not None else Policy(None)


# --- querysets --------------------------------------------------------------------------------


def agreements_in_force(on: Any = None) -> QuerySet[InformationSharingAgreement]:
    """Information Sharing Agreements in force on ``on`` (today): started, not past review, not ended."""
    today = on or timezone.localdate()
    return InformationSharingAgreement.objects.filter(start_date__lte=today, review_date__gte=today).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )


def _as_queryset(model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
    if isinstance(model_or_qs, QuerySet):
        return model_or_qs
    return model_or_qs._default_manager.all()


def _rows(key: tuple[Any, ...], build: Callable[[], QuerySet[Any]]) -> list[tuple[Any, ...]]:
    """The rows of ``build()`` (a ``values_list`` of ids and plain text), read now. Its SQL is
    compiled once per process for ``key``, which must name every value ``build`` uses
    (:data:`_SQL_TEXT`): the facts themselves are read afresh each time."""
    # One local read: another thread may clear the dict between a test and a second read.
    text = _SQL_TEXT.get(key, _UNCOMPILED)
    if text is _UNCOMPILED:
        qs = build()
        text = None if qs.query.is_empty() else qs.query.sql_with_params()
        if len(_SQL_TEXT) >= _SQL_TEXT_MAX:
            _SQL_TEXT.clear()
        _SQL_TEXT[key] = text
    if text is None:
        return []
    with connections["default"].cursor() as cursor:
        cursor.execute(*text)
        return [tuple(row) for row in cursor.fetchall()]


def _active_shares(
    content_type: ContentType, membership: Membership, *, on: Any = None
) -> QuerySet[RecordShare]:
    today = on or timezone.localdate()
    return RecordShare.objects.filter(
        content_type=content_type,
        agency=membership.agency,
        revoked_at__isnull=True,
        agreement__parties=membership.agency,
        agreement__start_date__lte=today,
        agreement__review_date__gte=today,
    ).filter(
        Q(agreement__ended_on__isnull=True) | Q(agreement__ended_on__gte=today),
        Q(expires_on__isnull=True) | Q(expires_on__gte=today),
    )


def _named(content_type: ContentType, user: AbstractBaseUser) -> QuerySet[RecordNamedUser]:
    return RecordNamedUser.objects.filter(content_type=content_type, user_id=user.pk)
