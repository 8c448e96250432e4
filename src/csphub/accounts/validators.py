"""NCSC-style password rules: length and a deny-list; no composition rules, no expiry."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

# Words that make a password guessable for this service in particular.
SERVICE_DENY_LIST = (
    "csphub",
    "communitysafety",
    "community safety",
    "ambervalley",
    "amber valley",
    "derbyshire",
    "police",
    "password",
    "letmein",
    "welcome",
    "qwerty",
)


class DenyListValidator:
    """Refuse passwords built around the service's own words (the common list covers the rest)."""

    def validate(self, password: str, user: Any = None) -> None:
        squashed = password.lower().replace(" ", "")
        for word in SERVICE_DENY_LIST:
            if word.replace(" ", "") in squashed and len(squashed) < len(word) + 8:
                raise ValidationError(
                    "Your password is too easy to guess: it is mostly a word people would try first. "
                    "Use three random words instead.",
                    code="password_deny_listed",
                )

    def get_help_text(self) -> str:
        return "Your password cannot be mostly a word linked to this service. Three random words work well."
