"""Quartier's one settings file, driven by environment variables.

Every variable is listed in README.md (and CONTRACT.md). Defaults suit a developer's
machine; with DEBUG off the insecure defaults are refused at start-up.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

DEVELOPMENT_SECRET_KEY = "quartier-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if not DEBUG and (not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY is missing or is the development key. With DEBUG off, set the "
        "environment variable SECRET_KEY to a long random value, e.g. "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "csp",
    # Only for its templates and the swagger-ui files: /api/v1/docs loads them from
    # our own static files, so it works under our CSP and without a CDN.
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "quartier.core",
    "quartier.accounts",
    "quartier.actors",
    "quartier.forums",
    "quartier.participation",
    "quartier.surveys",
    "quartier.compass",
    "quartier.rooms",
    "quartier.funds",
    "quartier.directory",
    "quartier.hsds",
    "quartier.learning",
    "quartier.stories",
    "quartier.legal",
    "quartier.programmes",
    "quartier.initiatives",
    "quartier.network",
    "quartier.glossary",
    "quartier.impact",
    "quartier.reflections",
    "quartier.opendata",
    "quartier.roles",
    "quartier.support",
    "quartier.oparl",
    "quartier.topics",
    "quartier.reports",
    "quartier.advisers",
    "quartier.operations",
    "quartier.translations",
    "quartier.easyread",
    "quartier.demo",
]

MIDDLEWARE = [
    # First, so its request id and duration cover everything below (LOG_FORMAT).
    "quartier.core.request_logging.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "quartier.core.maillinks.CurrentRequestMiddleware",
    "quartier.core.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "quartier.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "quartier.core.origin.SameOriginMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "quartier.core.cors.PublicReadCorsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "quartier.core.middleware.TenantMiddleware",
]

ROOT_URLCONF = "quartier.urls"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "quartier.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "quartier.core.context_processors.quartier",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'quartier.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    db_name = Path(DATABASES["default"]["NAME"])
    if not db_name.is_absolute() and str(db_name) != ":memory:":
        DATABASES["default"]["NAME"] = str(BASE_DIR / db_name)
    # WAL and an immediate write lock let concurrent requests queue instead of
    # failing with "database is locked" on a small SQLite installation.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # PostgreSQL's JIT compiler never pays back on Quartier's short queries: it
    # compiles when a plan's cost estimate is high, and a directory search spent
    # 240 ms compiling for 38 ms of work (docs/benchmarks.md, Session 10). A
    # `?options=` of DATABASE_URL that sets jit itself wins.
    pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    if "jit" not in pg_options.get("options", ""):
        pg_options["options"] = f"{pg_options.get('options', '')} -c jit=off".strip()
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep connections open between requests (a new SQLite connection with its PRAGMAs
# costs more than most pages; see docs/benchmarks.md); checked before reuse.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# On: queries on tenant tables carry the municipality of the request, as a Citus
# host needs (quartier/core/tenancy.py; docs/operations.md, "Distributed database").
TENANT_QUERY_SCOPING = env.bool("TENANT_QUERY_SCOPING", default=False)

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://quartier")}
# Guests' pages are served from the cache for this many seconds (0: off); see
# quartier/core/pagecache.py.
ANON_CACHE_SECONDS = env.int("ANON_CACHE_SECONDS", default=30)

# --- Accounts -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:start"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# In the browser that signed up, confirming the address signs in and returns to
# where the person came from (e.g. the invitation link that sent them to sign up).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "quartier.accounts.adapter.AccountAdapter"
# Sign-up asks for the municipality (join flow, docs/accounts.md).
ACCOUNT_FORMS = {"signup": "quartier.accounts.forms.SignupForm"}
ACCOUNT_USER_DISPLAY = "quartier.accounts.adapter.user_display"
# Failed logins are throttled per account (key: the address typed) and, with a much
# higher limit, per visitor address: a workshop behind one Wi-Fi must not lock out
# everybody after one person's five typos (docs/security.md, "Sessions and login").
ACCOUNT_RATE_LIMITS = {
    "login": "60/m/ip",
    "login_failed": "30/15m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/h/ip,5/h/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Quartier] "
# Behind a reverse proxy: how many proxies append to X-Forwarded-For, so that login
# throttling and our rate limits see the visitor's address, not the proxy's.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Quartier"
USERSESSIONS_TRACK_ACTIVITY = False

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="de")
# Each language named in itself in the switch, never translated (docs/languages.md).
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ru", "Русский"),
]
# quartier/locale is ours (make messages); locale_overrides re-words strings of
# third-party apps (allauth says "du" in German). Both win over the apps' catalogues.
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "locale_overrides"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Berlin")
USE_I18N = True
USE_TZ = True

# --- Static and media files ---------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor/kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("vendor/cytoscape", BASE_DIR / "node_modules" / "cytoscape" / "dist"),
]
STATICFILES_DIRS = [
    entry
    for entry in STATICFILES_DIRS
    if (entry[1] if isinstance(entry, tuple) else entry).exists()  # type: ignore[union-attr]
]
MEDIA_URL = "/media/"
# Uploaded files on the local disk (`quartier restore` and the tests point it elsewhere).
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Uploads on S3-compatible object storage (django-storages) when a bucket is named,
# so that app servers on several machines share them; else the folder MEDIA_ROOT.
# Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (read by boto3). Pages link
# to presigned URLs (valid AWS_QUERYSTRING_EXPIRE s), so the bucket stays private;
# receipts are only handed out by the gated download view. docs/operations.md.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="")
MEDIA_ORIGINS: list[str] = []
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {  # type: ignore[dict-item]
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
            "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=3600),
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    # Photos are shown from the bucket: the CSP must allow its address.
    MEDIA_ORIGINS = [
        "/".join(AWS_S3_ENDPOINT_URL.split("/")[:3])
        if AWS_S3_ENDPOINT_URL
        else "https://*.amazonaws.com"
    ]
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail -------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Quartier <noreply@quartier.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Links in e-mails sent without a request (digests, reminders) start with this.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# --- Background tasks -----------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# --- Security -----------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if env.str("SECURE_PROXY_SSL_HEADER", default=""):
    SECURE_PROXY_SSL_HEADER = tuple(env.list("SECURE_PROXY_SSL_HEADER"))  # type: ignore[assignment]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# Django's database sessions with the read on every request written out.
SESSION_ENGINE = "quartier.accounts.session_store"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = 0 if DEBUG else env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Joining the HSTS preload list is an operator's commitment for the whole domain,
# so it stays opt-in (SECURE_HSTS_PRELOAD=on) and the deploy check does not nag.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

MAP_TILE_URL = env.str(
    "MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
MAP_ATTRIBUTION = env.str(
    "MAP_ATTRIBUTION", default="© OpenStreetMap-Mitwirkende (ODbL)"
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": [
            "'self'",
            "data:",
            *([MAP_TILE_URL.split("/{")[0]] if MAP_TILE_URL else []),
            *MEDIA_ORIGINS,
        ],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# LOG_FORMAT=json: every record one JSON object per line, and one line per request
# (request id, method, path, status, duration, user id) from
# quartier/core/request_logging.py; docs/operations.md, "Health, metrics and logs".
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "quartier.core.request_logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        "quartier.requests": {
            "level": "INFO" if LOG_FORMAT == "json" else "WARNING",
        }
    },
}
# /metrics answers these addresses or networks only (the direct peer, never
# X-Forwarded-For; quartier/core/metrics.py); /healthz calls the queue stalled when
# its oldest ready task waits longer than this many seconds.
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=["127.0.0.1", "::1"])
HEALTHZ_QUEUE_MAX_AGE = env.int("HEALTHZ_QUEUE_MAX_AGE", default=900)

# Tenancy: first path segments that can never be a municipality's slug.
RESERVED_SLUGS = frozenset(
    {
        "accounts",
        "admin",
        "api",
        "static",
        "media",
        "healthz",
        "metrics",
        "i18n",
        "me",
        "favicon.ico",
        "robots.txt",
        "about",
        "impressum",
        "datenschutz",
        "barrierefreiheit",
        "help",
        "docs",
        "new",
        "search",
        "invitations",
        "settings",
        "login",
        "logout",
        "signup",
        "programmes",
        "advisers",
        "support",
        "oparl",
    }
)

# Open Referral HSDS 3.0 (docs/hsds.md): the specification's schema folder (default:
# the copy shipped in the package; relative paths are resolved against BASE_DIR) and
# the size from which imports run as a background task.
HSDS_SCHEMA_DIR = env.str(
    "HSDS_SCHEMA_DIR", default="quartier/hsds/specification/schema"
)
HSDS_IMPORT_BACKGROUND_ROWS = env.int("HSDS_IMPORT_BACKGROUND_ROWS", default=200)
# Bounds of an import (docs/hsds.md, docs/security.md): file size, nesting depth,
# values and objects checked before parsing, entries, and when a job whose worker
# died counts as failed.
HSDS_IMPORT_MAX_BYTES = env.int("HSDS_IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
HSDS_IMPORT_MAX_DEPTH = env.int("HSDS_IMPORT_MAX_DEPTH", default=32)
HSDS_IMPORT_MAX_VALUES = env.int("HSDS_IMPORT_MAX_VALUES", default=1_000_000)
HSDS_IMPORT_MAX_CONTAINERS = env.int("HSDS_IMPORT_MAX_CONTAINERS", default=250_000)
HSDS_IMPORT_MAX_RECORDS = env.int("HSDS_IMPORT_MAX_RECORDS", default=5_000)
HSDS_IMPORT_STALE_MINUTES = env.int("HSDS_IMPORT_STALE_MINUTES", default=60)

# Reports (docs/reports.md): from this many rows read (the sections' size estimate)
# a report is generated as a background task with a progress page.
REPORTS_BACKGROUND_ROWS = env.int("REPORTS_BACKGROUND_ROWS", default=20_000)

# Topics in free text (docs/topics.md): runs over more texts than this are computed
# as a background task; a run clusters the latest this many texts of its period;
# an open run older than this many minutes has lost its worker.
TOPICS_BACKGROUND_TEXTS = env.int("TOPICS_BACKGROUND_TEXTS", default=1000)
TOPICS_MAX_TEXTS = env.int("TOPICS_MAX_TEXTS", default=10_000)
TOPICS_STALE_MINUTES = env.int("TOPICS_STALE_MINUTES", default=60)

# Contributions without an account (docs/participation.md): the least time a person
# needs to fill in the form (faster is a bot), and contributions per hour from one
# address and for one e-mail address.
PARTICIPATION_MIN_FILL_SECONDS = env.float("PARTICIPATION_MIN_FILL_SECONDS", default=3)
PARTICIPATION_RATE_LIMIT_IP = env.int("PARTICIPATION_RATE_LIMIT_IP", default=10)
PARTICIPATION_RATE_LIMIT_EMAIL = env.int("PARTICIPATION_RATE_LIMIT_EMAIL", default=5)
# Photos per hour, per account when signed in, else per address.
PARTICIPATION_RATE_LIMIT_PHOTOS = env.int("PARTICIPATION_RATE_LIMIT_PHOTOS", default=10)
