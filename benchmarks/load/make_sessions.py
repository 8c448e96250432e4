"""Signed-in sessions for the load test, written straight into the database the server uses.

    DJANGO_SETTINGS_MODULE=csphub.config.settings.production DATABASE_URL=… \\
        python benchmarks/load/make_sessions.py --users 50 --out var/load-sessions.json

Sign-in needs a TOTP code, and a code is accepted once per 30 s per person (replay protection), so 50
simulated users cannot all sign in through the form. Each session here is what a completed sign-in
leaves: the user, the verified authenticator, the acting membership. Caseworkers and team managers of
the council, the police and the housing provider take turns. For each session the file lists case
ids of that agency (to open and add notes to) and surnames seen in them (to search for).
"""

from __future__ import annotations

import argparse
import json
import random
import secrets
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

PERSONAS = [
    f"{agency}_{role}" for agency in ("avbc", "police", "housing") for role in ("caseworker", "team_manager")
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from csphub.accounts.middleware import LAST_ACTIVITY_KEY
    from csphub.agencies.middleware import SESSION_KEY as MEMBERSHIP_KEY
    from csphub.agencies.models import Membership
    from csphub.cases.models import Case, CaseParty
    from csphub.people.models import Person

    rng = random.Random(7)
    per_agency: dict[int, dict[str, list]] = {}
    sessions = []
    for i in range(args.users):
        user = get_user_model().objects.get(username=PERSONAS[i % len(PERSONAS)])
        membership = Membership.objects.filter(user=user).first()
        assert membership is not None
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="load", confirmed=True
        )
        agency = membership.agency_id
        if agency not in per_agency:
            cases = list(
                Case.objects.filter(owning_agency_id=agency).order_by("?").values_list("pk", flat=True)[:300]
            )
            surnames = list(
                CaseParty.objects.filter(case_id__in=cases[:100]).values_list(
                    "person__family_name", flat=True
                )[:100]
            )
            people = list(
                Person.objects.filter(owning_agency_id=agency)
                .order_by("?")
                .values_list("pk", flat=True)[:100]
            )
            per_agency[agency] = {"cases": cases, "surnames": sorted(set(surnames)), "people": people}
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
        store[MEMBERSHIP_KEY] = membership.pk
        import time

        store[LAST_ACTIVITY_KEY] = time.time()
        store.set_expiry(settings.SESSION_COOKIE_AGE)
        store.create()
        sessions.append(
            {
                "username": user.username,
                "sessionid": store.session_key,
                "csrftoken": secrets.token_hex(16),
                **per_agency[agency],
            }
        )
    rng.shuffle(sessions)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(sessions))
    print(f"{len(sessions)} sessions written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
