"""Reading agencies, memberships and agreements."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils import timezone

from csphub.agencies.models import Agency, InformationSharingAgreement, Membership
from csphub.core.actor import Actor, user_of


def agency_list() -> QuerySet[Agency]:
    return Agency.objects.all()


def memberships_of(user: Actor | User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user_of(user), is_active=True).select_related("agency")


def agreements_in_force_for(agency: Agency) -> QuerySet[InformationSharingAgreement]:
    today = timezone.localdate()
    return InformationSharingAgreement.objects.filter(
        parties=agency, start_date__lte=today, review_date__gte=today, ended_on__isnull=True
    ).distinct()
