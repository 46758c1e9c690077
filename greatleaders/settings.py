"""Settings for Great Leaders, read from the environment.

Defaults are safe and local (SQLite, local-memory cache, debug off); a
deployment sets the variables listed in the README.
"""

import os
from pathlib import Path

import dj_database_url

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


# Django

DEBUG = env_bool("DJANGO_DEBUG")

# The fallback key is only for local use; `check --deploy` flags it.
SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "django-insecure-local-development-key-change-me"
)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "posts.admin_apps.BlogAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_prose_editor",
    "taggit",
    "posts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "posts.middleware.LegacyRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "greatleaders.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "posts.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "greatleaders.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Who hears about comments awaiting moderation: a comma-separated list.
ADMINS = env_list("DJANGO_ADMINS")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")
# Email goes to the console until an SMTP server is named.
if os.environ.get("DJANGO_EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["DJANGO_EMAIL_HOST"],
                "port": int(os.environ.get("DJANGO_EMAIL_PORT", "587")),
                "username": os.environ.get("DJANGO_EMAIL_USER", ""),
                "password": os.environ.get("DJANGO_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

HTTPS = env_bool("DJANGO_HTTPS")
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Third party

TAGGIT_CASE_INSENSITIVE = True

# Project


# Comment rules; the defaults are WordPress's (see the README).
COMMENTS_CLOSE_AFTER_DAYS = int(
    os.environ.get("GREATLEADERS_COMMENTS_CLOSE_AFTER_DAYS", "0")
)
COMMENTS_DISALLOWED_KEYS = env_list("GREATLEADERS_COMMENTS_DISALLOWED_KEYS")
COMMENTS_FLOOD_SECONDS = int(
    os.environ.get("GREATLEADERS_COMMENTS_FLOOD_SECONDS", "15")
)
COMMENTS_MANUAL_MODERATION = env_bool("GREATLEADERS_COMMENTS_MANUAL_MODERATION")
COMMENTS_MAX_LINKS = int(os.environ.get("GREATLEADERS_COMMENTS_MAX_LINKS", "2"))
COMMENTS_MIN_SECONDS_TO_SUBMIT = int(
    os.environ.get("GREATLEADERS_COMMENTS_MIN_SECONDS_TO_SUBMIT", "3")
)
COMMENTS_MODERATION_KEYS = env_list("GREATLEADERS_COMMENTS_MODERATION_KEYS")
COMMENTS_PER_PAGE = int(os.environ.get("GREATLEADERS_COMMENTS_PER_PAGE", "0"))
COMMENTS_PREVIOUSLY_APPROVED = env_bool(
    "GREATLEADERS_COMMENTS_PREVIOUSLY_APPROVED", True
)
COMMENTS_THREAD_DEPTH = int(os.environ.get("GREATLEADERS_COMMENTS_THREAD_DEPTH", "5"))
# Posts per page on the home page and archives (WordPress's posts_per_page).
POSTS_PER_PAGE = int(os.environ.get("GREATLEADERS_POSTS_PER_PAGE", "10"))
# Entries per feed (WordPress's posts_per_rss).
POSTS_PER_FEED = int(os.environ.get("GREATLEADERS_POSTS_PER_FEED", "10"))
SITE_TITLE = os.environ.get("GREATLEADERS_SITE_TITLE", "Great Leaders")
# How many proxies (nginx, a load balancer) stand in front of the app, so
# that a visitor's address is read from X-Forwarded-For; 0 trusts none.
PROXY_COUNT = int(os.environ.get("GREATLEADERS_PROXY_COUNT", "0"))
# The public address of the site, for links in emails.
SITE_URL = os.environ.get("GREATLEADERS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_TAGLINE = os.environ.get(
    "GREATLEADERS_SITE_TAGLINE", "The people who shaped history, and how"
)
