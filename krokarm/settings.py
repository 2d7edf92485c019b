"""krokarm's settings: one module, read from the environment through typed helpers.

Nothing needs to be set for `make run`; production sets DEBUG=0, SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL (see docs/operations.md).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import dj_database_url

from krokarm.lib.client import parse_networks
from krokarm.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("KROKARM_VAR_DIR", str(BASE_DIR / "var")))
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)
DATA_DIR = BASE_DIR / "data"

DEBUG = env_bool("DEBUG", False)

# The fallback key is only good for a developer's machine; Django's deploy check
# (security.W009) rejects it, so production must set SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-krokarm-development-only-key"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves the API docs page from its own static files, not a CDN
    "csp",  # its system checks catch settings left in django-csp 3's format
    "django_otp",  # two-factor authentication (TOTP) for editors, coordinators and admins
    "django_otp.plugins.otp_totp",
    "axes",  # sign-in throttling; keeps its own tables of attempts and lockouts
    "django_tasks",  # Django 6's task API (django.tasks) for Django 5.2
    "django_tasks_db",  # its queue, in our own database; `krokarm worker` runs it
    "krokarm.outbox",
    "krokarm.accounts",
    "krokarm.audit",
    "krokarm.idempotency",
    "krokarm.regions",
    "krokarm.actors",
    "krokarm.wayin",
    "krokarm.insights",
    "krokarm.comments",
    "krokarm.strategies",
    "krokarm.cases",
    "krokarm.notifications",
    "krokarm.needs",
    "krokarm.networks",
    "krokarm.challenges",
    "krokarm.knowledge",
    "krokarm.search",
    "krokarm.funding",
    "krokarm.confirmations",
    "krokarm.dialogues",
    "krokarm.home",
    "krokarm.api",
    "krokarm.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # before WhiteNoise: static files get the policy too
    "krokarm.home.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "krokarm.home.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads the body: too large → 413, files from someone not signed in → sign in first.
    "krokarm.home.middleware.RequestBodyGuardMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "krokarm.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "krokarm.api.middleware.ApiErrorShapeMiddleware",
    "krokarm.home.middleware.RefusedMiddleware",  # an action's refusal (409) as a page, not an error
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lockout into its page
]

# Test runs (marked by krokarm/lib/pytest_plugin.py) fail on N+1 query patterns:
# django-zeal, a development dependency, watches each request and each test body.
TESTING = env_bool("KROKARM_TEST", False)
if TESTING and importlib.util.find_spec("zeal") is not None:
    INSTALLED_APPS.append("zeal")
    MIDDLEWARE.append("zeal.middleware.zeal_middleware")
    ZEAL_RAISE = True
    # Signing out loads the session and then deletes it: two Session .get()s in one request, by design.
    ZEAL_ALLOWLIST = [{"model": "sessions.Session"}]

ROOT_URLCONF = "krokarm.urls"
WSGI_APPLICATION = "krokarm.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "krokarm" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "krokarm.accounts.context_processors.roles",
                "krokarm.notifications.context_processors.unread",
            ],
        },
    },
]

# SQLite under var/ by default (WAL, so readers never wait for the writer);
# PostgreSQL in production and CI through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'krokarm.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Database trouble must be over before the web server gives up on a worker (gunicorn's --timeout, WEB_TIMEOUT
# seconds): a request that waits for a lock or runs a statement longer than these is stopped by the database
# and answered 503 with Retry-After (home/errors.py), never left to be killed. Milliseconds (PostgreSQL's
# unit), 0 = no limit. The statement and lock timeouts are set on connections that web requests open
# (home/timeouts.py): migrate, seed, reindex and the worker's jobs run as commands, outside any web timeout, and
# legitimately run statements for longer; cutting them half-way would only make them start over.
# The connect timeout applies to everyone: nobody gains from waiting for a database that does not answer.
WEB_TIMEOUT = env_int("WEB_TIMEOUT", 30)  # seconds; keep equal to gunicorn's --timeout
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", 10_000)
DATABASE_LOCK_TIMEOUT = env_int("DATABASE_LOCK_TIMEOUT", 5_000)
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 3)  # seconds (libpq's unit; it waits 2 s at least)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has no statement timeout; its busy timeout is the lock timeout, for commands too (one file).
    busy_timeout = DATABASE_LOCK_TIMEOUT or 2**31 - 1
    DATABASES["default"]["OPTIONS"] = {
        "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={busy_timeout};",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASE_CONNECT_TIMEOUT > 0:  # a connect_timeout in DATABASE_URL's query string wins
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id for new and changed passwords; older hashes still verify and are upgraded at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "krokarm.accounts.backends.EmailOrUsernameBackend",
]

# Swedish is the source language of every user-facing string; English is a translation.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "krokarm" / "locale"]
# Dates as people read them in each language ("6 december 2026", "6 December 2026"): krokarm/formats/.
FORMAT_MODULE_PATH = ["krokarm.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "krokarm" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# HTTPS: on by default outside DEBUG. Set HTTPS=0 only where TLS is not terminated
# in front of the app (a loopback benchmark, a test server).
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
# HSTS covers this host only unless the operator opts in. includeSubDomains binds every subdomain of the
# domain to HTTPS, and preload asks browsers to build that into their lists, which takes months to undo; both
# are decisions about the whole domain (often not ours to make), not about this app. Django's deploy check
# warns about either being off (security.W005, security.W021): that is the decision, so they are silenced.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a proxy (nginx, a load balancer) that terminates TLS and names the client in X-Real-IP. Only requests
# whose socket peer is in TRUSTED_PROXIES (addresses or networks, comma-separated) are believed about the client:
# anybody else could send the header and pick the address their rate limits and sign-in failures count under
# (krokarm/lib/client.py). A typo in TRUSTED_PROXIES stops the start.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", ["127.0.0.1", "::1"])
parse_networks(TRUSTED_PROXIES)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Lax: the cookies go along when a visitor follows a link here, never with another site's form post.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp): a page may only run and load this site's own files. Nothing here
# needs more: the pages, Django's admin and the API docs (django-ninja's Swagger UI, served from its own
# static files with its start-up script in swagger-ui-init.js) have no inline script, event handler or
# style attribute, and the diagram's SVG uses presentation attributes, which CSP does not govern.
# So no 'unsafe-inline' and no 'unsafe-eval', for scripts or styles; e2e/test_security_headers.py
# visits every page in a browser and fails on any violation. Permissions-Policy: home/middleware.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # data: for the icons inlined in Swagger UI's style sheet
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# E-mail: printed to the console while developing, SMTP otherwise.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "krokarm <noreply@krokarm.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every e-mail goes through the outbox (krokarm/outbox): stored with the change that causes it, sent by
# `krokarm worker`. Each SMTP step is cut off after EMAIL_TIMEOUT seconds; a failed send is tried again after
# EMAIL_RETRY_FIRST_DELAY seconds, doubling up to EMAIL_RETRY_MAX_DELAY, and shown to coordinators as failed
# after EMAIL_MAX_ATTEMPTS tries. Sent messages (they hold addresses) are deleted after EMAIL_RETENTION_DAYS.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", 8)
EMAIL_RETRY_FIRST_DELAY = env_int("EMAIL_RETRY_FIRST_DELAY", 60)  # seconds
EMAIL_RETRY_MAX_DELAY = env_int("EMAIL_RETRY_MAX_DELAY", 60 * 60)  # seconds
EMAIL_RETENTION_DAYS = env_int("EMAIL_RETENTION_DAYS", 30)
# Where visitors report accessibility problems and ask about personal data.
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "kontakt@krokarm.localhost")

# Background tasks (django-tasks, the API Django 6 ships as django.tasks): the queue is a table in our own
# database, run by `krokarm worker` (krokarm/jobs), which also runs the schedule in krokarm/jobs/schedule.py.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Per-process memory cache (the page cache, filter choices). Entries are keyed on the data
# version (krokarm/audit/cache.py), so no process ever serves data older than its key says.
# One process's memory by default; with REDIS_URL (production: several gunicorn workers) the page
# cache and the rate limits are shared by all workers.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES: dict[str, dict[str, Any]] = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5000)},
        }
    }
    # Rate limits (django-ratelimit, used as a decorator only) then count per worker: still a limit,
    # and exact with one process as in development and tests. Several workers should share Redis.
# Rate limits count per client address as lib/client.py decides it (X-Real-IP only from a trusted proxy).
RATELIMIT_IP_META_KEY = "krokarm.lib.client.client_address"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:start"
LOGOUT_REDIRECT_URL = "home:start"

# Sessions end after 30 minutes without a request (every request saves the session, which restarts the
# clock); two minutes before, the page warns and offers to continue (krokarm/static/krokarm/session.js).
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True

# Editors, organisation admins, coordinators and site admins must use a one-time code (TOTP) after their
# password (accounts/middleware.py). Only the test suite at large turns this off.
REQUIRE_TWO_FACTOR = env_bool("REQUIRE_TWO_FACTOR", True)
OTP_TOTP_ISSUER = "krokarm"
# The admin never shows an app's key or QR code: with it, anyone who can read the admin could make the codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# An invitation to join an organisation is valid this long.
INVITATION_DAYS = 7
# Accounts nobody has signed in to for this many days are deleted by `krokarm purge_personal_data`
# (staff, site admins and an organisation's last admin excepted).
ACCOUNT_RETENTION_DAYS = env_int("ACCOUNT_RETENTION_DAYS", 730)

# Sign-in throttling (django-axes, accounts/throttling.py), two budgets for 15 minutes each: five wrong passwords
# for one account, whether its user name or its e-mail address was typed and from wherever, lock the account;
# SIGN_IN_FAILURES_PER_ADDRESS failures from one client address, over any names, lock that address (higher,
# because a whole office or agency may sign in from one address). The password checks on the account page
# spend the same budgets. Every failure is logged and kept in axes' tables.
AXES_FAILURE_LIMIT = 5
SIGN_IN_FAILURES_PER_ADDRESS = env_int("SIGN_IN_FAILURES_PER_ADDRESS", 30)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_HANDLER = "krokarm.accounts.throttling.Handler"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # only axes' start-up banner; failures and lockouts are still logged
AXES_LOCKOUT_CALLABLE = "krokarm.accounts.throttling.lockout"
AXES_USERNAME_CALLABLE = "krokarm.accounts.throttling.username"
AXES_CLIENT_IP_CALLABLE = "krokarm.lib.client.client_address"  # the same address as the rate limits

# Uploaded files (attachments to contributions). Never served as static files: a view checks who may read each.
MEDIA_ROOT = Path(env_str("KROKARM_MEDIA_DIR", str(VAR_DIR / "media")))
MEDIA_URL = "/filer/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads go to a temporary file first
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# A DOCX or ODT is a ZIP archive: one that unpacks to more than this is refused, however small the file itself.
ATTACHMENT_MAX_UNPACKED_BYTES = env_int("ATTACHMENT_MAX_UNPACKED_BYTES", 50 * 1024 * 1024)
# The largest request body: a contribution's five attachments (strategies.models.MAX_ATTACHMENTS) at their limit and
# the form around them. Larger bodies are refused with 413 before they are read (home/middleware.py), and the proxy
# in front has the same limit (docs/operations.md, client_max_body_size).
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", 5 * ATTACHMENT_MAX_BYTES + 1024 * 1024)
# Without signing in, a body may be this large: the open forms (sign-in, a question, a case) need a few kilobytes.
ANONYMOUS_BODY_MAX_BYTES = env_int("ANONYMOUS_BODY_MAX_BYTES", 64 * 1024)

# Optional single sign-on over OpenID Connect (accounts/oidc.py), e.g. through a Swedish e-identification
# broker. On when OIDC_RP_CLIENT_ID is set; the provider's endpoints come from its discovery document.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "") or None
OIDC_OP_ISSUER = env_str("OIDC_OP_ISSUER", "")  # when set, ID tokens from any other issuer are refused
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "e-legitimation")  # the sign-in button: "Logga in med …"
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", False)  # otherwise only existing (invited) accounts sign in
OIDC_TRUSTS_MFA = env_bool("OIDC_TRUSTS_MFA", False)  # the provider's sign-in counts as the second factor
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc-callback"
OIDC_CALLBACK_CLASS = "krokarm.accounts.oidc.Callback"
OIDC_TIMEOUT = 10  # seconds for each call to the provider
# What single sign-on needs besides the client id. With any of it missing, sign-in with the provider stays off and
# password sign-in works; `krokarm check` fails naming what is missing (krokarm/accounts/checks.py).
OIDC_MISSING = tuple(
    name
    for name, value in (
        ("OIDC_RP_CLIENT_SECRET", OIDC_RP_CLIENT_SECRET),
        ("OIDC_OP_AUTHORIZATION_ENDPOINT", OIDC_OP_AUTHORIZATION_ENDPOINT),
        ("OIDC_OP_TOKEN_ENDPOINT", OIDC_OP_TOKEN_ENDPOINT),
        ("OIDC_OP_USER_ENDPOINT", OIDC_OP_USER_ENDPOINT),
        # Tokens signed with the provider's key (RS256, ES256 …) are checked against its published keys.
        ("OIDC_OP_JWKS_ENDPOINT", OIDC_OP_JWKS_ENDPOINT if not OIDC_RP_SIGN_ALGO.startswith("HS") else "-"),
    )
    if OIDC_RP_CLIENT_ID and not value
)
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID) and not OIDC_MISSING
# An account without a password (made at its first sign-in through the provider) confirms deleting itself or
# disconnecting its authenticator app by signing in through the provider again, at most this many minutes before.
SSO_CONFIRM_MINUTES = 5
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("krokarm.accounts.oidc.SignInWithProvider")

# The address of the site in e-mails (status links sent to askers and actors).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Cases (ärenden) sent through the way in.
CASE_ACCEPT_WORKING_DAYS = env_int("CASE_ACCEPT_WORKING_DAYS", 3)  # then the case is flagged to coordinators
CASE_RETENTION_DAYS = env_int("CASE_RETENTION_DAYS", 90)  # personal data is deleted this long after the answer
# A case never answered (an actor that never replied, a question forwarded into silence) must not keep the asker's
# question and address for ever (GDPR art. 5.1 e, storage limitation): its personal data is deleted this long after
# its last step (sent, accepted or forwarded) by `krokarm purge_personal_data`. A year leaves room for a slow reply.
CASE_UNANSWERED_RETENTION_DAYS = env_int("CASE_UNANSWERED_RETENTION_DAYS", 365)
CASE_SEND_RATE = env_str("CASE_SEND_RATE", "5/h")  # cases one address may send (django-ratelimit rate)
# Questions asked on the question page are kept for the coordinators this long, then their text is deleted.
INSIGHTS_TEXT_RETENTION_DAYS = env_int("INSIGHTS_TEXT_RETENTION_DAYS", 180)

# How many rows a page of a list shows, in the HTML views and the API alike.
PAGE_SIZE = 25
API_MAX_PAGE_SIZE = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    # Request lines lose their query strings: a question asked on the way in travels in the address (/fraga/?q=…).
    "filters": {"without_query_strings": {"()": "krokarm.lib.logs.WithoutQueryStrings"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # The development server's request log (`krokarm runserver`, `make run`).
        "django.server": {
            "handlers": ["console"],
            "level": "INFO",
            "propagate": False,
            "filters": ["without_query_strings"],
        },
    },
}

# The API's list pagination (django-ninja): same page size as the HTML lists.
NINJA_PAGINATION_PER_PAGE = PAGE_SIZE
NINJA_PAGINATION_MAX_LIMIT = API_MAX_PAGE_SIZE
