"""Settings shared by every environment, read from the environment.

The defaults give the embedded set-up: SQLite under var/, a file cache, the
database task backend, local media and console e-mail. Each variable is
documented in docs/configuration.md.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .env import envbool, envchoice, envint, envlist, envstr

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(envstr("INFOCENTAR_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = envbool("DEBUG", False)
SECRET_KEY = envstr("SECRET_KEY", "")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_SITE_NAME = envstr("SITE_NAME", "Infocentar")

INSTALLED_APPS = [
    "infocentar.core",
    "infocentar.accounts",
    "infocentar.portal",
    "infocentar.news",
    "infocentar.documents",
    "infocentar.acts",
    "infocentar.consultations",
    "infocentar.inventory",
    "infocentar.servicedesk",
    "infocentar.api",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "infocentar.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "infocentar.core.pagecache.PageCacheMiddleware",
    "infocentar.core.middleware.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "infocentar.core.middleware.ScriptMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "infocentar.accounts.middleware.StaffMFAMiddleware",
    "infocentar.portal.redirects.VariantRedirectMiddleware",
]

ROOT_URLCONF = "infocentar.urls"
WSGI_APPLICATION = "infocentar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "infocentar" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "infocentar.core.context_processors.site_context",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
DATABASE_URL = envstr("DATABASE_URL", "")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 60))}
    except (ValueError, dj_database_url.UnknownSchemeError) as exc:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be understood: {exc}") from exc
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "infocentar.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------
REDIS_URL = envstr("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "infocentar",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# Comments one account may post per hour in public debates: 0 keeps the limit of the public debate
# settings (admin); the bench raises it for the one citizen it posts as (bench/environment.py).
CONSULTATIONS_COMMENTS_PER_HOUR = envint("CONSULTATIONS_COMMENTS_PER_HOUR", 0)

# Whole anonymous pages are cached for this long (0 turns the page cache off);
# any change to content invalidates them at once (core/pagecache.py).
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_EXCLUDED_PREFIXES = [
    "/admin/",
    "/api/",
    "/health/",
    "/nalog/",
    "/cir/nalog/",
    "/en/nalog/",
    "/static/",
    "/media/",
    "/documents/",
]

# --- Background tasks -------------------------------------------------------
TASK_BACKEND = envstr("TASK_BACKEND", "database")
if TASK_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASK_BACKEND == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("TASK_BACKEND=rq needs REDIS_URL to be set.")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASK_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured(f"TASK_BACKEND must be 'database', 'rq' or 'immediate', not {TASK_BACKEND!r}.")

# --- Accounts and passwords -------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# Behind a reverse proxy, how many proxies' X-Forwarded-For entries to trust
# for the client's address (login throttling counts per address).
ALLAUTH_TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/5m/key,20/5m/ip",
    "signup": "10/h/ip",
    "reset_password": "5/h/ip,5/h/key",
    "confirm_email": "3/5m/key",
    # Our own: subscriptions to debates and acts send a confirmation e-mail to the address given.
    "subscribe": "10/h/ip,3/h/key",
}
ACCOUNT_ADAPTER = "infocentar.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = envstr("EMAIL_SUBJECT_PREFIX", "[Infocentar] ")
# Tell people by e-mail when their password or e-mail address changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Private pages send visitors to allauth's login, not Wagtail's own form.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Passwords and e-mail addresses change through allauth (strength checks,
# verification, notices, throttling), not Wagtail's account form; an
# administrator can still set them in the admin's user editor.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
MFA_ADAPTER = "infocentar.accounts.adapter.MFAAdapter"

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = envstr("MFA_TOTP_ISSUER", "Infocentar")
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = envbool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", False)
# Staff (anyone who may reach the back office) must have MFA before /admin/.
INFOCENTAR_STAFF_MFA_REQUIRED = envbool("STAFF_MFA_REQUIRED", True)

# --- E-mail -----------------------------------------------------------------
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Infocentar <infocentar@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if envstr("EMAIL_HOST", ""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = envstr("EMAIL_HOST")
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# --- Language, script, time -------------------------------------------------
LANGUAGE_CODE = "cnr"
LANGUAGES = [
    ("cnr", "crnogorski"),
    ("en", "English"),
]
EXTRA_LANG_INFO = {
    "cnr": {"bidi": False, "code": "cnr", "name": "Montenegrin", "name_local": "crnogorski"},
}
LOCALE_PATHS = [
    BASE_DIR / "infocentar" / "locale",
    # Montenegrin fallbacks for Django's, Wagtail's and allauth's own strings,
    # built by `manage.py build_catalogues` (see docs/translation.md).
    VAR_DIR / "locale",
]
FORMAT_MODULE_PATH = ["infocentar.formats"]
TIME_ZONE = envstr("TIME_ZONE", "Europe/Podgorica")
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("cnr", "crnogorski"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("cnr", "crnogorski")]

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
# The project's own static files (site.css, site.js, accounts.css) live outside any app.
STATICFILES_DIRS = [BASE_DIR / "infocentar" / "static"]
STATIC_ROOT = envstr("STATIC_ROOT", str(VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = envstr("MEDIA_ROOT", str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if envstr("S3_BUCKET", ""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": envstr("S3_BUCKET"),
            "endpoint_url": envstr("S3_ENDPOINT_URL", "") or None,
            "region_name": envstr("S3_REGION", "") or None,
            "access_key": envstr("S3_ACCESS_KEY_ID", "") or None,
            "secret_key": envstr("S3_SECRET_ACCESS_KEY", "") or None,
            "default_acl": "private",
            "querystring_auth": True,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
INFOCENTAR_MAX_UPLOAD_MB = envint("MAX_UPLOAD_MB", 20)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = INFOCENTAR_MAX_UPLOAD_MB * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "jpg", "jpeg", "png"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- Search -------------------------------------------------------------------
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Text is folded to plain Latin before indexing (core.text.fold), so no
        # language-specific stemming: 'simple' on PostgreSQL.
        "SEARCH_CONFIG": "simple",
    }
}

# --- Security -----------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "infocentar.core.views.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Wagtail ----------------------------------------------------------------
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# --- Logging ------------------------------------------------------------------
LOG_LEVEL = envchoice("LOG_LEVEL", "INFO", LOG_LEVELS)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail logs every page action at INFO; the audit log keeps them anyway.
        "wagtail": {"level": envchoice("WAGTAIL_LOG_LEVEL", "WARNING", LOG_LEVELS)},
        "django_tasks": {"level": envchoice("TASKS_LOG_LEVEL", "WARNING", LOG_LEVELS)},
    },
}
FORMS_URLFIELD_ASSUME_HTTPS = True
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Website (portal app: alerts, menus, page types) ------------------------------
# Tables in page bodies (TypedTableBlock) need the contrib app for their admin scripts.
INSTALLED_APPS += ["wagtail.contrib.typed_table_block"]
# Active alerts and the menus are read from the cache: a request costs no query for them.
TEMPLATES[0]["OPTIONS"]["context_processors"].append("infocentar.portal.context_processors.site_alerts")
TEMPLATES[0]["OPTIONS"]["context_processors"].append("infocentar.portal.context_processors.page_meta")
# How long the list of alerts stays in the cache (at most 60 s; saving an alert clears it at once).
SITE_ALERTS_CACHE_SECONDS = envint("SITE_ALERTS_CACHE_SECONDS", 60)

# --- Document library and uploads (documents app) ----------------------------------
# Routes below a page: /dokumenti/<id>/ is a route of the library page.
INSTALLED_APPS += ["wagtail.contrib.routable_page"]
# Every document and image upload is checked by content and images are re-encoded
# (infocentar/documents/uploads.py); the forms are Wagtail's own with the checks added.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "infocentar.documents.forms.DocumentUploadForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "infocentar.documents.forms.ImageUploadForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = INFOCENTAR_MAX_UPLOAD_MB * 1024 * 1024
if "webp" not in WAGTAILDOCS_EXTENSIONS:
    WAGTAILDOCS_EXTENSIONS = [*WAGTAILDOCS_EXTENSIONS, "webp"]
# Images above this many pixels are refused (decompression bombs); MAX_IMAGE_PIXELS in the environment.
INFOCENTAR_MAX_IMAGE_PIXELS = envint("MAX_IMAGE_PIXELS", 50_000_000)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = INFOCENTAR_MAX_IMAGE_PIXELS

# --- IT service desk (servicedesk app) and acts -------------------------------------
# Working time of the SLA clock (docs/guides/servicedesk.md); holidays come from the `holidays` package.
SERVICEDESK_WORKING_HOURS = (envstr("SERVICEDESK_WORK_START", "07:00"), envstr("SERVICEDESK_WORK_END", "15:00"))
SERVICEDESK_WORKING_DAYS = (0, 1, 2, 3, 4)
SERVICEDESK_TIME_ZONE = envstr("SERVICEDESK_TIME_ZONE", "Europe/Podgorica")
SERVICEDESK_CONFIRM_DAYS = envint("SERVICEDESK_CONFIRM_DAYS", 5)
SERVICEDESK_STAFF_EMAIL = envstr("SERVICEDESK_STAFF_EMAIL", "")
SERVICEDESK_EMAIL_ADDRESS = envstr("SERVICEDESK_EMAIL_ADDRESS", "")
if envstr("SERVICEDESK_IMAP_HOST", ""):
    SERVICEDESK_IMAP = {
        "host": envstr("SERVICEDESK_IMAP_HOST", ""),
        "port": envint("SERVICEDESK_IMAP_PORT", 993),
        "user": envstr("SERVICEDESK_IMAP_USER", ""),
        "password": envstr("SERVICEDESK_IMAP_PASSWORD", ""),
        "ssl": envbool("SERVICEDESK_IMAP_SSL", True),
        "folder": envstr("SERVICEDESK_IMAP_FOLDER", "INBOX"),
    }
ACTS_MAX_DOCX_MB = envint("ACTS_MAX_DOCX_MB", 10)
