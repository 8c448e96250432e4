"""Settings shared by every environment.

Environment variables:
- ``CSPHUB_DATA_DIR``: where the embedded SQLite database, uploads and the analytics store live
  (default ``./var``).
- ``DATABASE_URL``: ``sqlite:///path`` or ``postgresql://user@host:port/name``; default SQLite in
  the data directory.
- ``CSPHUB_IDLE_TIMEOUT_MINUTES``: idle session time-out (default 30).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url

SRC_DIR = Path(__file__).resolve().parents[2]  # src/csphub
DATA_DIR = Path(os.environ.get("CSPHUB_DATA_DIR", "var")).resolve()

# Overridden in every environment; production refuses this value.
INSECURE_DEFAULT_SECRET_KEY = "csphub-insecure-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("CSPHUB_SECRET_KEY", INSECURE_DEFAULT_SECRET_KEY)
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    # Background jobs (data uploads): Django's tasks framework, with its database backend.
    "django_tasks",
    "django_tasks_db",
    "csphub.core",
    "csphub.agencies",
    "csphub.audit",
    "csphub.people",
    "csphub.accounts",
    "csphub.frontend",
]

# Apps built on the core; listed only when present so that a partial checkout still starts.
# CSPHUB_ONLY_APPS="cases,risk" limits them (e.g. to make one app's migrations).
_only = {
    a
    for a in os.environ.get(
        "CSPHUB_ONLY_APPS", "cases,powers,risk,casereviews,insights,planning,api,duties,governance"
    ).split(",")
    if a
}
for _optional in (
    "cases",
    "powers",
    "risk",
    "casereviews",
    "insights",
    "planning",
    "api",
    "duties",
    "governance",
):
    if _optional in _only and (SRC_DIR / _optional / "__init__.py").exists():
        INSTALLED_APPS.append(f"csphub.{_optional}")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csphub.core.middleware.DisallowedMethodsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csphub.core.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before anything reads the body (the CSRF and invalid-character checks do): see core/uploads.py.
    "csphub.core.uploads.UploadLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "csphub.accounts.middleware.SessionCapMiddleware",
    "csphub.accounts.middleware.IdleTimeoutMiddleware",
    "csphub.accounts.middleware.RequireTwoFactorMiddleware",
    "csphub.agencies.middleware.ActingMembershipMiddleware",
    "csphub.core.middleware.InvalidCharactersMiddleware",
    "csphub.frontend.language.PublicLanguageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "csphub.config.urls"
WSGI_APPLICATION = "csphub.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csphub.frontend.context_processors.service",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'csphub.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Concurrent readers while a writer works: WAL, and wait rather than fail on a lock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # A persistent connection that the database dropped (restart, failover, terminated backend) is
    # tested before each request and replaced, so the app recovers without a restart.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every worker process and kept across restarts: the public form's single-use tokens and
# per-address limits live here (security review finding 9). Created by migrate (core app).
# Pages that take larger files than case documents: police.uk downloads (a force's year is ~40 MB
# zipped). Path prefix -> bytes; core.uploads enforces it before the body is read.
CSPHUB_DATA_UPLOAD_MAX_BYTES = int(os.environ.get("CSPHUB_DATA_UPLOAD_MAX_BYTES", str(1024 * 1024 * 1024)))
CSPHUB_UPLOAD_LIMITS_BY_PATH = {"/insights/data/": CSPHUB_DATA_UPLOAD_MAX_BYTES}

# The task queue lives in the application database: no broker or extra server. `csphub worker`
# runs the jobs (`csphub serve` starts one beside the development server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "csphub_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}
# Addresses or networks of the reverse proxies whose X-Forwarded-For is believed (core/clientip.py).
CSPHUB_TRUSTED_PROXIES = [p for p in os.environ.get("CSPHUB_TRUSTED_PROXIES", "").split(",") if p.strip()]
# True only under production settings: the demo and its published credentials are refused there.
CSPHUB_PRODUCTION = False

# --- Authentication -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# NCSC guidance: length and a deny-list, no composition rules, no forced expiry.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "csphub.accounts.validators.DenyListValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "frontend:home"
LOGOUT_REDIRECT_URL = "accounts:login"
OTP_TOTP_ISSUER = "CSP Hub"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
# Lock the account, not the address: council and police staff share a few NAT addresses, so an
# IP lock-out would lock out a whole office because of one person's typing.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
# A username that is no account is stored as a digest, never in clear (security review 15).
AXES_USERNAME_CALLABLE = "csphub.accounts.axes.axes_username"

# --- Sessions and cookies ------------------------------------------------------------------
CSPHUB_IDLE_TIMEOUT_MINUTES = int(os.environ.get("CSPHUB_IDLE_TIMEOUT_MINUTES", "30"))
# A signed-in session ends 12 hours after sign-in however active it is (SessionCapMiddleware);
# SESSION_COOKIE_AGE alone slides with every request, so it is only the stored row's lifetime.
CSPHUB_SESSION_MAX_HOURS = int(os.environ.get("CSPHUB_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = CSPHUB_SESSION_MAX_HOURS * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# --- Security headers ----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
# Public pages may be offered in Welsh (frontend/language.py); staff pages are English.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [SRC_DIR / "locale"]
CSPHUB_OFFER_WELSH = os.environ.get("CSPHUB_OFFER_WELSH", "") not in ("", "0", "false", "False")
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Evidence uploads live outside the web root and are served only through the policy.
PRIVATE_MEDIA_ROOT = DATA_DIR / "private-media"
ANALYTICS_DATA_DIR = DATA_DIR
# The largest evidence file, enforced before the body is read (core/uploads.py): the middleware
# refuses a larger declared body with 413, the first upload handler skips a file past the limit.
CSPHUB_UPLOAD_MAX_BYTES = int(os.environ.get("CSPHUB_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
FILE_UPLOAD_HANDLERS = [
    "csphub.core.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "csphub.core.uploads.PrivateTemporaryFileUploadHandler",
]
# A large upload is spooled here while it arrives, not in the machine's shared /tmp (finding 22).
FILE_UPLOAD_TEMP_DIR = str(DATA_DIR / "upload-tmp")
FILE_UPLOAD_PERMISSIONS = 0o600
# Antivirus for evidence uploads (core/filescan.py): a clamd Unix socket or host:port; empty = none.
CSPHUB_CLAMAV_SOCKET = os.environ.get("CSPHUB_CLAMAV_SOCKET", "")
CSPHUB_CLAMAV_ADDRESS = os.environ.get("CSPHUB_CLAMAV_ADDRESS", "")

# --- E-mail ----------------------------------------------------------------------------------
# Development: letters go to <data dir>/outbox/, owner-only, never printed (core/mail.py, finding 15).
EMAIL_BACKEND = "csphub.core.mail.OutboxEmailBackend"
DEFAULT_FROM_EMAIL = "CSP Hub <no-reply@csphub.invalid>"

# --- Service ---------------------------------------------------------------------------------
CSPHUB_SERVICE_NAME = "CSP Hub"
# The partnership a user acts in by default, by its ONS CSP code (agencies.Partnership.code).
CSPHUB_PARTNERSHIP_CODE = os.environ.get("CSPHUB_PARTNERSHIP_CODE", "E22000037")
CSPHUB_PARTNERSHIP_NAME = os.environ.get(
    "CSPHUB_PARTNERSHIP_NAME", "Amber Valley Community Safety Partnership"
)
# Map tiles: none by default (works offline); deployments with a tile server may set an XYZ URL
# template (https://tiles.example.org/{z}/{x}/{y}.png) and the attribution its licence requires
# (plain text). The incident map then adds a Leaflet tile layer and the tile origin to img-src.
CSPHUB_MAP_TILE_URL = os.environ.get("CSPHUB_MAP_TILE_URL", "")
CSPHUB_MAP_TILE_ATTRIBUTION = os.environ.get("CSPHUB_MAP_TILE_ATTRIBUTION", "")

# --- Public-sector pages (governance app; docs/governance.md) ---------------------------------------
# The privacy notice: the controllers and lawful bases come from the agencies and the information
# sharing agreements; the partnership sets its Data Protection Officer and retention summary here.
# (Demo values for Amber Valley: a deployment overrides them in its settings module.)
CSPHUB_PRIVACY = {
    "dpo_name": "Data Protection Officer, Amber Valley Borough Council",
    "dpo_email": "dpo@ambervalley.example.org",
    "dpo_address": "Town Hall, Market Place, Ripley, Derbyshire DE5 3BT",
    "retention": "We keep case and incident records for 6 years after the case is closed, unless an "
    "agency's retention schedule sets a different period for its own records.",
    "last_updated": dt.date(2026, 11, 26),
}
CSPHUB_ACCESSIBILITY = {
    "contact_email": "accessibility@ambervalley.example.org",
    "contact_phone": "01773 570222",
    "reply_working_days": 10,
    "prepared_on": dt.date(2026, 11, 26),
    "last_reviewed": dt.date(2026, 11, 26),
}

# --- Logging: never personal data (messages carry ids and verbs, not names) -----------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "csphub.core.logging.RedactPersonalDataFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # runserver's access log: through the same filter, which drops query strings (search terms).
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "csphub": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
