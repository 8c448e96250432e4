"""Production settings refuse to start unsafe."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from csphub.config.checks import check_production_settings
from csphub.config.settings.base import INSECURE_DEFAULT_SECRET_KEY

GOOD_KEY = "v7Kq-2mZ8xR4pL9wT3nB6yH1cF5jD0gS" * 2  # 64 characters, 32 different


def test_production_refuses_debug() -> None:
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        check_production_settings(debug=True, secret_key=GOOD_KEY, allowed_hosts=["csp.example.org"])


def test_production_refuses_default_secret_key() -> None:
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        check_production_settings(debug=False, secret_key=INSECURE_DEFAULT_SECRET_KEY, allowed_hosts=["x"])


def test_production_refuses_missing_allowed_hosts() -> None:
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        check_production_settings(debug=False, secret_key=GOOD_KEY, allowed_hosts=[])


@pytest.mark.parametrize("key", ["a" * 60, "abcd" * 15])
def test_production_refuses_a_long_key_of_few_characters(key: str) -> None:
    # Review note 25: 60 × "a" passed the length check. Django's W009 threshold: 5 characters.
    with pytest.raises(ImproperlyConfigured, match="fewer than 5 different characters"):
        check_production_settings(debug=False, secret_key=key, allowed_hosts=["x"])


def test_production_accepts_five_different_characters() -> None:
    check_production_settings(debug=False, secret_key="abcde" * 12, allowed_hosts=["x"])


def test_production_accepts_safe_settings() -> None:
    check_production_settings(debug=False, secret_key=GOOD_KEY, allowed_hosts=["csp.example.org"])


def test_production_module_refuses_to_import_with_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import sys

    monkeypatch.delenv("CSPHUB_SECRET_KEY", raising=False)
    monkeypatch.delenv("CSPHUB_ALLOWED_HOSTS", raising=False)
    sys.modules.pop("csphub.config.settings.production", None)
    with pytest.raises(ImproperlyConfigured):
        importlib.import_module("csphub.config.settings.production")
    sys.modules.pop("csphub.config.settings.production", None)


def test_passwords_hash_with_argon2_in_production_settings() -> None:
    from csphub.config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_logging_filter_redacts_personal_data() -> None:
    import logging

    from csphub.core.logging import RedactPersonalDataFilter

    record = logging.LogRecord(
        "x",
        logging.INFO,
        "f",
        1,
        "contact %s on 07700 900123 at DE5 3BT born 2001-02-03",
        ("jo@example.org",),
        None,
    )
    RedactPersonalDataFilter().filter(record)
    text = record.getMessage()
    assert (
        "jo@example.org" not in text
        and "07700" not in text
        and "DE5 3BT" not in text
        and "2001-02-03" not in text
    )
