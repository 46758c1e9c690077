"""Settings for Great Leaders, read from the environment.

Defaults are safe and local (SQLite, local-memory cache, debug off); a
deployment sets the variables listed in the README.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from js_asset import static_lazy

from posts.editor import footnote_allowlist

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """A comma- or newline-separated list."""
    raw = os.environ.get(name, default).replace("\n", ",")
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


INSECURE_KEY_PREFIX = "django-insecure"


def secret_key(*, production: bool) -> str:
    """The signing key. In production (HTTPS without debug pages) it must be a
    real one: refusing to start beats signing sessions with a published key."""
    key = os.environ.get("DJANGO_SECRET_KEY", "")
    if not production:
        return key or f"{INSECURE_KEY_PREFIX}-local-development-key-change-me"
    if len(key) < 50 or key.startswith(INSECURE_KEY_PREFIX):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a random value of at least 50 "
            "characters when DJANGO_HTTPS is on and DJANGO_DEBUG is off, e.g. "
            "the output of: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    return key


# The site's public address, for links that leave the site (e-mails, feeds);
# its host name is also one the site answers to.
SITE_URL = os.environ.get("GREATLEADERS_SITE_URL", "http://localhost:8000").rstrip("/")
SITE_HOST = urlsplit(SITE_URL).hostname or "localhost"

# Django

DEBUG = env_bool("DJANGO_DEBUG")
HTTPS = env_bool("DJANGO_HTTPS")

SECRET_KEY = secret_key(production=HTTPS and not DEBUG)
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS", "")

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", f"{SITE_HOST},localhost,127.0.0.1,[::1]"
)
CSRF_TRUSTED_ORIGINS = [SITE_URL] if SITE_URL.startswith("https://") else []

INSTALLED_APPS = [
    "posts.admin_apps.BlogAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_prose_editor",
    "django_tasks_db",
    "reversion",
    "taggit",
    "greatleaders",
    "posts",
]

# Headers every answer needs come first, so that pages from the page cache
# get them too. The page cache sits above the CSRF and session middleware:
# the cookies they set tell it which answers are a visitor's own. What the
# middleware below it adds (security policy, frame options) is kept with
# each page. Pages are compressed on the way out (static files come
# compressed from whitenoise), so the page cache keeps one plain copy for
# every reader; Django's gzip pads its output against BREACH.
MIDDLEWARE = [
    "posts.middleware.AddressScopeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "greatleaders.malformed_requests.MalformedRequestMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "greatleaders.page_cache.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "greatleaders.unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "posts.middleware.LegacyRedirectMiddleware",
    "posts.middleware.PageNumberMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "greatleaders.urls"

# The public theme is in Jinja2 (templates/, see greatleaders.theme); the
# admin, its overrides (templates/django/) and Django's own pages keep
# Django's template language.
CONTEXT_PROCESSORS = [
    "django.template.context_processors.csp",
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "posts.context_processors.site",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "greatleaders.theme.environment",
            "context_processors": CONTEXT_PROCESSORS,
            "trim_blocks": True,
            "lstrip_blocks": True,
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates" / "django"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": CONTEXT_PROCESSORS},
    },
]

WSGI_APPLICATION = "greatleaders.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several app server processes share the file: in WAL mode readers go on
    # while one writes, and a transaction that will write takes the lock as
    # it starts, so a second writer waits its turn (up to `timeout` seconds)
    # instead of failing halfway. Each connection (one per thread) keeps
    # 512 KiB of pages rather than 2 MiB: most pages come from the cache,
    # and the system's file cache holds the rest.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA cache_size=-512;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that is down must cost a visitor seconds, not minutes: the
    # 503 page is shown as soon as the connection attempt gives up.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DJANGO_DB_CONNECT_TIMEOUT", 3
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

REDIS_URL = os.environ.get("REDIS_URL", "")
# Without Redis, the processes of one machine share a cache kept in this
# folder (see greatleaders.machine_cache, which sets it for manage.py and
# gunicorn).
CACHE_DIR = os.environ.get("DJANGO_CACHE_DIR", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Short timeouts: when Redis is away, pages are served uncached
            # rather than waiting for it.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
elif CACHE_DIR:
    CACHES = {
        "default": {
            "BACKEND": "greatleaders.machine_cache.MachineCache",
            "LOCATION": CACHE_DIR,
            # Files the cache is spread over, each with its own lock on
            # writes: two, as there are few writes (pages the cache lacks).
            "SHARDS": 2,
            "OPTIONS": {
                # Past this size, the entries stored longest ago go first.
                "size_limit": env_int("DJANGO_CACHE_MEGABYTES", 1024) << 20,
                # Pages are kept in SQLite's files, not a file each.
                "disk_min_file_size": 1 << 20,
                # Each thread of each worker holds a connection to each of
                # its files: with diskcache's defaults (8 files, a 32 MB
                # page cache and a 64 MB map each) a worker grew by 20 MB.
                # The system's file cache holds what is read often: 32 pages
                # (128 KiB) a file read a kept page as fast as 128 did, and
                # left a worker 0.5 MB smaller.
                "sqlite_cache_size": 32,
                "sqlite_mmap_size": 0,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Who hears about comments awaiting moderation: a comma-separated list.
ADMINS = env_list("DJANGO_ADMINS", "")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", f"noreply@{SITE_HOST}")
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
if os.environ.get("DJANGO_EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["DJANGO_EMAIL_HOST"],
                "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
                "port": env_int("DJANGO_EMAIL_PORT", 587),
                "timeout": 10,
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", default=True),
                "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
            },
        }
    }
else:
    # Without a mail server, messages are written to the log instead.
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded images (the media library, posts.media): local files served at
# MEDIA_URL by nginx in production (see the README), or an S3-compatible
# bucket through django-storages when GREATLEADERS_MEDIA_S3_BUCKET is set.
MEDIA_ROOT = Path(os.environ.get("GREATLEADERS_MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = os.environ.get("GREATLEADERS_MEDIA_URL", "/media/")
MEDIA_S3_BUCKET = os.environ.get("GREATLEADERS_MEDIA_S3_BUCKET", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "greatleaders.static_storage.StaticFilesStorage"},
    # WordPress exports uploaded in the admin, kept until the worker has
    # imported them; never served. The worker must see the same folder.
    "wordpress_imports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get("GREATLEADERS_IMPORT_DIR")
            or BASE_DIR / "var" / "imports"
        },
    },
}

if MEDIA_S3_BUCKET:
    # boto3 reads the credentials from its usual variables
    # (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the machine's role.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "custom_domain": os.environ.get("GREATLEADERS_MEDIA_S3_CUSTOM_DOMAIN")
            or None,
            "endpoint_url": os.environ.get("GREATLEADERS_MEDIA_S3_ENDPOINT_URL")
            or None,
            # Files are public and never replaced: each name is new.
            "file_overwrite": False,
            "location": os.environ.get("GREATLEADERS_MEDIA_S3_PREFIX", ""),
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
            "querystring_auth": False,
            "region_name": os.environ.get("GREATLEADERS_MEDIA_S3_REGION") or None,
        },
    }

CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# No inline script or style without the request's nonce, anywhere (the
# admin's editor puts one on its import map). The one exception is the base
# stylesheet the editor's Tiptap adds without a nonce: its hash allows that
# exact text and nothing else; an upgrade that changes it shows up as a
# violation in the browser tests. Images in posts may come from other HTTPS
# sites, as on the WordPress blog.
EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "img-src": [CSP.SELF, "https:", "data:"],
    "object-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE, EDITOR_STYLE_HASH],
}

if HTTPS:
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix: the browser sends these only over HTTPS, to this
    # host, and no subdomain can set them.
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_CSP["upgrade-insecure-requests"] = True
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Load balancers check /healthz over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    SESSION_COOKIE_SECURE = True

# Work done outside requests (importing a WordPress export from the admin)
# is queued in the database and run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Third party

# Admin log-in throttling: five failed attempts from one address lock that
# address out for a quarter of an hour; a successful log-in starts afresh.
AXES_CLIENT_IP_CALLABLE = "greatleaders.client_ip.client_ip"
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_FAILURE_LIMIT = env_int("GREATLEADERS_LOGIN_FAILURE_LIMIT", 5)
AXES_LOCKOUT_CALLABLE = "greatleaders.login_throttle.locked_out"
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# The editor's own extensions: their modules, and what each allows (the
# body's sanitiser, posts.sanitize, is the one that applies).
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/editor-footnote.js")],
        "extensions": {"Footnote": footnote_allowlist},
    }
]

TAGGIT_CASE_INSENSITIVE = True

# Project

# How often the post editor autosaves while someone types, in seconds.
AUTOSAVE_SECONDS = env_int("GREATLEADERS_AUTOSAVE_SECONDS", 15)
# Comment rules; the defaults are WordPress's (see the README).
COMMENTS_CLOSE_AFTER_DAYS = env_int("GREATLEADERS_COMMENTS_CLOSE_AFTER_DAYS", 0)
COMMENTS_DISALLOWED_KEYS = env_list("GREATLEADERS_COMMENTS_DISALLOWED_KEYS")
COMMENTS_FLOOD_SECONDS = env_int("GREATLEADERS_COMMENTS_FLOOD_SECONDS", 15)
COMMENTS_MANUAL_MODERATION = env_bool("GREATLEADERS_COMMENTS_MANUAL_MODERATION")
COMMENTS_MAX_LINKS = env_int("GREATLEADERS_COMMENTS_MAX_LINKS", 2)
COMMENTS_MIN_SECONDS_TO_SUBMIT = env_int(
    "GREATLEADERS_COMMENTS_MIN_SECONDS_TO_SUBMIT", 3
)
COMMENTS_MODERATION_KEYS = env_list("GREATLEADERS_COMMENTS_MODERATION_KEYS")
COMMENTS_PER_PAGE = env_int("GREATLEADERS_COMMENTS_PER_PAGE", 0)
COMMENTS_PREVIOUSLY_APPROVED = env_bool(
    "GREATLEADERS_COMMENTS_PREVIOUSLY_APPROVED", True
)
COMMENTS_THREAD_DEPTH = env_int("GREATLEADERS_COMMENTS_THREAD_DEPTH", 5)
# How long a rendered page stays in the page cache, at most (0: no cache);
# a change expires the pages showing it before then.
PAGE_CACHE_SECONDS = env_int("GREATLEADERS_PAGE_CACHE_SECONDS", 600)
# How long HTTP caches in front (nginx, a CDN) may keep a shared page, and
# serve it stale while they fetch it again (s-maxage, stale-while-revalidate).
HTTP_CACHE_SECONDS = env_int("GREATLEADERS_HTTP_CACHE_SECONDS", 10)
# How often each app server process looks in the database for expiries the
# shared cache missed during a fault (serving no kept page while any wait).
PAGE_CACHE_FAULT_CHECK_SECONDS = env_int(
    "GREATLEADERS_PAGE_CACHE_FAULT_CHECK_SECONDS", 1
)
# After the database could not be reached, how long requests that need it get
# the 503 page at once, before one of them tries again.
DATABASE_RETRY_SECONDS = env_int("GREATLEADERS_DATABASE_RETRY_SECONDS", 5)

# The largest WordPress export the admin takes; larger ones are imported
# with `manage.py import_wxr` on the server.
IMPORT_UPLOAD_MEGABYTES = env_int("GREATLEADERS_IMPORT_UPLOAD_MEGABYTES", 50)
# The largest image the media library takes (see posts.media.checks).
MEDIA_UPLOAD_MEGABYTES = env_int("GREATLEADERS_MEDIA_UPLOAD_MEGABYTES", 10)
# Whether the app serves MEDIA_URL itself: in development (`make run`), or
# where nothing in front does; nginx serves it in production.
SERVE_MEDIA = env_bool("GREATLEADERS_SERVE_MEDIA", DEBUG)
# Entries per feed (WordPress's posts_per_rss).
POSTS_PER_FEED = env_int("GREATLEADERS_POSTS_PER_FEED", 10)
# Posts per page on the home page and archives (WordPress's posts_per_page).
POSTS_PER_PAGE = env_int("GREATLEADERS_POSTS_PER_PAGE", 10)
# How long a draft's shared preview link works (see posts.previews).
PREVIEW_LINK_DAYS = env_int("GREATLEADERS_PREVIEW_LINK_DAYS", 7)
# Proxies in front of the app servers (nginx: 1), for the client's address.
TRUSTED_PROXY_COUNT = env_int("GREATLEADERS_TRUSTED_PROXY_COUNT", 0)
SITE_TITLE = os.environ.get("GREATLEADERS_SITE_TITLE", "Great Leaders")
SITE_TAGLINE = os.environ.get(
    "GREATLEADERS_SITE_TAGLINE", "The people who shaped history, and how"
)
