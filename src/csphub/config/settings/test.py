"""Test settings: fast hashing, in-memory e-mail, the database chosen by DATABASE_URL."""

from __future__ import annotations

import os

from csphub.config.settings.base import *  # noqa: F403
from csphub.config.settings.base import DATA_DIR

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Argon2 stays the first hasher in production; tests use a fast one so the suite is quick.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PRIVATE_MEDIA_ROOT = DATA_DIR / "test-private-media" / str(os.getpid())
FILE_UPLOAD_TEMP_DIR = str(DATA_DIR / "test-upload-tmp" / str(os.getpid()))
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
# Serve static files straight from the apps' folders (no collectstatic step needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# No persistent connections in tests: a lingering one blocks dropping the PostgreSQL test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
