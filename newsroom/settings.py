"""The only settings module: every deployment difference is an environment variable.

The defaults run a fresh clone on an embedded SQLite database and cannot pass
for production (see README, "Configuration").
"""

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def database_from_url(url: str) -> dict:
    """Parse sqlite:///path or postgres://user:pass@host:port/name?opt=val."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": parts.path[1:]}
    if parts.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": dict(parse_qsl(parts.query)),
            # Reuse connections, but check them first so a restarted
            # PostgreSQL costs one retry instead of a 500.
            "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(f"DATABASE_URL: unsupported scheme {parts.scheme!r}")


DEBUG = env_bool("DEBUG", default=False)
# The default's django-insecure- prefix makes `check --deploy` flag it.
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-local-only")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A less guessable admin path keeps bots off the login form.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks_db",
    "articles",
    "comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Both act only on a 404: moved articles (301) and editable pages.
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "articles.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

SITE_ID = 1
# The site's name and domain are the Site object's, edited in admin (Sites):
# absolute URLs in feeds, sitemaps and emails come from it, never from the
# request's Host header. The logo is a static file.
SITE_LOGO = os.environ.get("SITE_LOGO", "img/logo.svg")
SITE_LANGUAGE = os.environ.get("SITE_LANGUAGE", "en")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Uploads: Pillow only warns between 1x and 2x its own limit, so the app
# sets its own limit and turns that warning into an error (articles.apps).
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
IMAGE_MAX_UPLOAD_BYTES = env_int("IMAGE_MAX_UPLOAD_BYTES", 15 * 1024 * 1024)
ARTICLES_PER_PAGE = env_int("ARTICLES_PER_PAGE", 20)
NEWS_SITEMAP_DAYS = env_int("NEWS_SITEMAP_DAYS", 2)

# Comments: see README, "Comments and spam checks".
COMMENTS_ENABLED = env_bool("COMMENTS_ENABLED", default=True)
COMMENT_CLOSE_AFTER_DAYS = env_int("COMMENT_CLOSE_AFTER_DAYS", 14)
COMMENT_MAX_DEPTH = env_int("COMMENT_MAX_DEPTH", 3)
COMMENT_THREADS_PER_PAGE = env_int("COMMENT_THREADS_PER_PAGE", 50)
COMMENT_MAX_LINKS = env_int("COMMENT_MAX_LINKS", 2)
COMMENT_MIN_SUBMIT_SECONDS = env_int("COMMENT_MIN_SUBMIT_SECONDS", 3)
COMMENT_FORM_MAX_AGE_SECONDS = env_int("COMMENT_FORM_MAX_AGE_SECONDS", 24 * 3600)
COMMENT_FLOOD_SECONDS = env_int("COMMENT_FLOOD_SECONDS", 15)
COMMENT_RATE_LIMIT = os.environ.get("COMMENT_RATE_LIMIT", "5/m")
# "previously-approved" (as WordPress), "never" or "always".
COMMENT_AUTO_APPROVE = os.environ.get("COMMENT_AUTO_APPROVE", "previously-approved")
COMMENT_SPAM_CHECKERS = env_list(
    "COMMENT_SPAM_CHECKERS",
    default=[
        "comments.spam.HoneypotChecker",
        "comments.spam.LinkCountChecker",
        "comments.spam.BlocklistChecker",
        "comments.akismet.AkismetChecker",
    ],
)
COMMENT_RECHECK_DELAY = env_int("COMMENT_RECHECK_DELAY", 20 * 60)
COMMENT_RECHECK_KEY_DELAY = env_int("COMMENT_RECHECK_KEY_DELAY", 6 * 3600)
COMMENT_RECHECK_GIVE_UP_DAYS = env_int("COMMENT_RECHECK_GIVE_UP_DAYS", 15)
COMMENT_SPAM_RETENTION_DAYS = env_int("COMMENT_SPAM_RETENTION_DAYS", 15)
COMMENT_DISCARD_RETENTION_DAYS = env_int("COMMENT_DISCARD_RETENTION_DAYS", 2)
COMMENT_PERSONAL_DATA_DAYS = env_int("COMMENT_PERSONAL_DATA_DAYS", 30)
COMMENT_MODERATOR_EMAILS = env_list("COMMENT_MODERATOR_EMAILS")
COMMENT_DIGEST_MINUTES = env_int("COMMENT_DIGEST_MINUTES", 5)

# Akismet is off unless a key is set; the base URL is a setting for tests.
AKISMET_API_KEY = os.environ.get("AKISMET_API_KEY", "")
AKISMET_BLOG_URL = os.environ.get("AKISMET_BLOG_URL", "")
AKISMET_BASE_URL = os.environ.get("AKISMET_BASE_URL", "https://rest.akismet.com")
AKISMET_TIMEOUT = float(os.environ.get("AKISMET_TIMEOUT", "3.0"))
AKISMET_IS_TEST = env_bool("AKISMET_IS_TEST", default=False)

# Rechecks and digests: the database backend with `manage.py db_worker` in
# production; the immediate backend runs tasks inline (development).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# A comment POST with a bad CSRF token is shown again with its text kept.
CSRF_FAILURE_VIEW = "comments.views.csrf_failure"
# Rate limits count in the cache; if the cache is down, comments still go
# through (flood and duplicate checks in the database still apply).
RATELIMIT_FAIL_OPEN = True
RATELIMIT_USE_CACHE = "default"

# Email: the console in development; SMTP when EMAIL_HOST is set.
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": env_int("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
                "timeout": 10,
            },
        }
        if os.environ.get("EMAIL_HOST")
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{levelname} {name} {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's own console handler would print every line twice.
    "loggers": {"django": {"handlers": [], "propagate": True}},
}
