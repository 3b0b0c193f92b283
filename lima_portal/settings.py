"""Settings of the Lima Commitment follow-up portal.

One module for every environment: what differs between a laptop, CI and
production comes from environment variables (see README, "Configuration").
Production is the default: DEBUG is off and SECRET_KEY has no fallback.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import (
    ConfigurationError,
    check_redis_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    parse_database_url,
)
from .settings_jobs import *  # noqa: F403  (Celery and its jobs)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    raise ConfigurationError(
        "SECRET_KEY must be set (make run and make test set one for you)."
    )
if not DEBUG and len(SECRET_KEY) < 50:
    raise ConfigurationError("SECRET_KEY must be at least 50 characters long.")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    # Django's admin on a site that admits only sessions verified by a second
    # factor (accounts.admin_site).
    "accounts.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "lima_portal",
    "common",
    "accounts",
    "mandates",
    "progress",
    "civil_society",
    "spreadsheets",
    "good_practices",
    "public_site",
    "indicator_reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lima_portal.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, CSRF and the rest: a stored public page is served without
    # them; on the way out it sees the final answer (cookies, Vary, messages).
    "common.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out request into the page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lima_portal.urls"
WSGI_APPLICATION = "lima_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% url %} remembering its answers (common/templatetags/memo_url.py).
            "builtins": ["common.templatetags.memo_url"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Select and text inputs built in Python, the rest by Django's templates.
FORM_RENDERER = "common.formrender.FastWidgetRenderer"

# --- Data stores -----------------------------------------------------------
DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lima_portal")
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The most database connections one web process holds: `make run`'s development
# server runs at most this many requests at once (lima_portal devserver), and
# gunicorn refuses to start with more workers × threads (docker/gunicorn.conf.py).
WEB_DB_CONNECTIONS = env_int("WEB_DB_CONNECTIONS", 10, minimum=1)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = check_redis_url(env_str("REDIS_URL", "redis://127.0.0.1:6379/0"))
CACHES = {
    # Only what can be made again: when Redis is down or frozen, reads miss
    # and writes are skipped after half a second, and Redis is left alone for
    # 5 s (common.cache), so pages keep working, slower.
    "default": {
        "BACKEND": "common.cache.FailOpenRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "lima"),
        "TIMEOUT": 300,
        "OPTIONS": {
            "socket_connect_timeout": 0.5,
            "socket_timeout": 0.5,
            "retry_after": 5,
        },
    },
    # The API's rate limits: on every API request, so a Redis that does not
    # answer is given a quarter of a second, then the limit is skipped
    # (accounts.api_auth).
    "throttle": {
        "BACKEND": "common.cache.ReusingRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "lima") + "-throttle",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    },
    # Whole public pages (common.pagecache): a Redis that does not answer
    # within a tenth of a second is skipped and the page computed.
    "pages": {
        "BACKEND": "common.cache.ReusingRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "lima") + "-pages",
        "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
    },
}
# The whole-page cache of public pages and public API answers. Stored pages are
# invalidated at once by every write the public sees (a new content version);
# PAGE_CACHE_SECONDS only bounds how long an unused page takes room in Redis.
# Browsers may reuse a page for PAGE_CACHE_MAX_AGE seconds, then revalidate it
# (ETag, 304); a proxy or CDN keeps it for PAGE_CACHE_SHARED_MAX_AGE seconds
# (s-maxage): that long a publication may take to show through them, unless
# their cache is purged (README, "Scaling out").
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 24 * 3600, minimum=1)
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 0, minimum=0)
PAGE_CACHE_SHARED_MAX_AGE = env_int("PAGE_CACHE_SHARED_MAX_AGE", 10, minimum=0)

# --- Celery (the jobs' own settings are in settings_jobs.py) ------------------
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL

# --- Accounts and sessions --------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A session ends after this many seconds without a request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
AUTHENTICATION_BACKENDS = [
    # Refuses every authenticate() while the address or network is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- Lock-out (django-axes, counted in the database) --------------------------
# The client address: X-Forwarded-For is believed only behind our own proxies,
# and then only the entry that the outermost of TRUSTED_PROXY_COUNT proxies
# wrote (accounts.lockout.client_ip).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
if TRUSTED_PROXY_COUNT < 1:
    raise ConfigurationError("TRUSTED_PROXY_COUNT must be 1 or more.")
SIGNIN_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", 5)
SIGNIN_FAILURE_LIMIT_PER_IP = env_int("SIGNIN_FAILURE_LIMIT_PER_IP", 20)
if not 0 < SIGNIN_FAILURE_LIMIT <= SIGNIN_FAILURE_LIMIT_PER_IP:
    raise ConfigurationError(
        "SIGNIN_FAILURE_LIMIT must be 1 or more, and SIGNIN_FAILURE_LIMIT_PER_IP "
        "at least as large."
    )
AXES_FAILURE_LIMIT = SIGNIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGNIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The sign-in forms post the address as "username" (Django's AuthenticationForm).
AXES_USERNAME_FORM_FIELD = "username"
AXES_HANDLER = "accounts.lockout.LockoutHandler"
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Days an emailed invitation to contribute stays usable (progress.contributors).
INVITATION_DAYS = env_int("INVITATION_DAYS", 14, minimum=1)
PASSWORD_RESETS_PER_ADDRESS = env_int("PASSWORD_RESETS_PER_ADDRESS", 3)
PASSWORD_RESETS_PER_IP = env_int("PASSWORD_RESETS_PER_IP", 10)

# --- Two-factor sign-in (django-otp) ------------------------------------------
# The secretariat and administrators always; focal points too when this is on.
REQUIRE_2FA_FOR_FOCAL_POINTS = env_bool("REQUIRE_2FA_FOR_FOCAL_POINTS", False)
OTP_TOTP_ISSUER = "Lima Commitment portal"

# --- Languages --------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static and media files -------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploaded and generated files: a folder on this machine (one web node, or a
# volume that every node mounts), or an S3-compatible bucket that several nodes
# share. Either way they are served only through the portal's views, which
# check who may see them: the bucket stays private and nothing links to it.
STORAGE_BACKEND = env_choice("STORAGE_BACKEND", "local", ("local", "s3"))
if STORAGE_BACKEND == "s3":
    uploaded_files = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET_NAME"),
            "access_key": env_str("S3_ACCESS_KEY_ID"),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("S3_REGION_NAME", "") or None,
            "addressing_style": env_choice(
                "S3_ADDRESSING_STYLE", "auto", ("auto", "path", "virtual")
            ),
            # No ACL header: objects take the bucket's own, private, setting
            # (buckets without ACLs, the AWS default, refuse one).
            "default_acl": None,
            # Any address made for an object is signed and short-lived.
            "querystring_auth": True,
            "querystring_expire": 300,
            # Two uploads with one name keep two files, as on a local disk.
            "file_overwrite": False,
        },
    }
else:
    uploaded_files = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": uploaded_files,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Email ------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@localhost")
# The portal's public address, for links in emails sent by background jobs.
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ---------------------------------------------------------------
# Secure by default; a deployment behind plain HTTP (tests, a laptop) opts out.
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# A load balancer probes /healthz over plain HTTP inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- API --------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Focal points read and write their own drafts with a token; first, so
        # that a request without credentials is answered 401 with the scheme.
        "accounts.api_auth.LockoutTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "common.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    # drf-spectacular's, with the errors every endpoint can answer.
    "DEFAULT_SCHEMA_CLASS": "common.api_schema.PortalAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "accounts.api_auth.AnonThrottle",
        "accounts.api_auth.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "600/minute", "user": "1200/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lima Commitment follow-up portal API",
    "DESCRIPTION": (
        "Open data of the Mechanism for Follow-up and Implementation of the Lima "
        "Commitment: read-only for everyone; focal points also read and write "
        "their own draft reports under /workspace/ with a token "
        "(header `Authorization: Token <key>`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # A report's level and an observation's official level are one choice set.
    "ENUM_NAME_OVERRIDES": {
        "ImplementationLevelEnum": "progress.models.ImplementationLevel",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-axes logs every sign-in at INFO; failures and lock-outs are
    # warnings, and those are the ones worth keeping.
    "loggers": {"axes": {"level": "WARNING"}},
}
