"""Local demo settings: `make demo` on 127.0.0.1 over plain HTTP."""

from __future__ import annotations

from csphub.config.settings.base import *  # noqa: F403

DEBUG = False  # the demo shows real error pages, as production does
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# The demo serves plain HTTP on loopback; cookies cannot be Secure there.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the apps' folders (no collectstatic step needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
