"""Production settings: refuse to start with DEBUG on, the default secret key or no allowed hosts."""

from __future__ import annotations

import os

from csphub.config.checks import check_production_settings
from csphub.config.settings.base import *  # noqa: F403
from csphub.config.settings.base import SECRET_KEY

DEBUG = os.environ.get("CSPHUB_DEBUG", "") not in ("", "0", "false", "False")
ALLOWED_HOSTS = [h for h in os.environ.get("CSPHUB_ALLOWED_HOSTS", "").split(",") if h.strip()]
check_production_settings(debug=DEBUG, secret_key=SECRET_KEY, allowed_hosts=ALLOWED_HOSTS)

CSPHUB_PRODUCTION = True
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
EMAIL_BACKEND = os.environ.get("CSPHUB_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
