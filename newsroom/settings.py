"""The only settings module: every deployment difference is an environment variable.

The defaults run a fresh clone on an embedded SQLite database and cannot pass
for production (see README, "Configuration").
"""

import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

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
            # A silent database must fail fast (503), not hang a worker.
            "OPTIONS": {"connect_timeout": 5} | dict(parse_qsl(parts.query)),
            # Reuse connections, but check them first so a restarted
            # PostgreSQL costs one retry instead of a 500.
            "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(f"DATABASE_URL: unsupported scheme {parts.scheme!r}")


DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# A command run by hand (changepassword, createsuperuser, migrate) signs
# nothing a browser keeps: it needs no key. Serving does (runserver too).
_run_by_hand = Path(sys.argv[0]).name == "manage.py" and sys.argv[1:2] != ["runserver"]
if not SECRET_KEY:
    if not DEBUG and not _run_by_hand:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it (a long random string) or run with "
            "DEBUG=1 for local development."
        )
    # The django-insecure- prefix makes `check --deploy` flag it.
    SECRET_KEY = "django-insecure-local-development-only"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A less guessable admin path keeps bots off the login form.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/")
# The only login is the admin's; a refused or missing `next` lands on its
# index, not on Django's default /accounts/profile/ (a 404 here).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

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
    "axes",
    "reversion",
    "django_prose_editor",
    "articles",
    "comments",
    "articles.copydesk",
    "articles.wordpress",
    # After comments, whose `db_worker` (newsroom.worker) replaces its own.
    "django_tasks_db",
]

MIDDLEWARE = [
    # Before anything reads the scheme or the client's address.
    "newsroom.guards.ForwardedHeadersMiddleware",
    "newsroom.middleware.RequestLogMiddleware",
    "newsroom.guards.NulByteMiddleware",
    "newsroom.middleware.ProxyClientAddressMiddleware",
    "newsroom.routers.ReplicaRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "newsroom.middleware.CrossOriginResourcePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag and 304 for every page, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    "newsroom.pagecache.PageCacheMiddleware",
    # Below the page cache, so a hit replays the compressed bytes (each
    # encoding is its own cache entry) instead of compressing them again.
    "newsroom.middleware.TextGZipMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Both act only on a 404: moved articles (301) and editable pages.
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    # Old WordPress addresses of imported content (wordpress app): 301.
    "articles.wordpress.middleware.LegacyURLMiddleware",
    # Last, as django-axes asks: it turns a lockout into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    # Reader pages: Jinja2 (autoescaping on, the backend's default). Listed
    # first, so a name found in templates/jinja2/ is a reader page.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "articles.jinja.environment",
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
    # The admin, crispy-forms, emails, feeds and sitemaps.
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
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
if os.environ.get("DATABASE_REPLICA_URL"):
    # Reader pages read from the replica (newsroom.routers); in tests it is
    # a mirror of the default database.
    DATABASES["replica"] = database_from_url(os.environ["DATABASE_REPLICA_URL"])
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.routers.PrimaryReplicaRouter"]
# Seconds a browser keeps reading from the primary after it wrote something,
# so it sees its own change even while the replica lags.
REPLICA_STICKY_SECONDS = env_int("REPLICA_STICKY_SECONDS", 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: refuses logins while locked out, plus
    # limits per address and per username (newsroom.logins).
    "newsroom.logins.ThrottledAxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Admin login lockout: per user *and* IP, so nobody can lock an editor out
# from elsewhere; counted in the database, so it works with Redis down.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_CLIENT_IP_CALLABLE = "newsroom.middleware.client_ip"
# Spraying usernames from one address, or one username from many addresses,
# within the same window; never from an address the user signed in from in
# the last LOGIN_KNOWN_ADDRESS_DAYS (newsroom.logins, docs/deploy.md).
LOGIN_THROTTLE_ADDRESS_FAILURES = env_int("LOGIN_THROTTLE_ADDRESS_FAILURES", 20)
LOGIN_THROTTLE_USERNAME_FAILURES = env_int("LOGIN_THROTTLE_USERNAME_FAILURES", 20)
LOGIN_KNOWN_ADDRESS_DAYS = env_int("LOGIN_KNOWN_ADDRESS_DAYS", 90)

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
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# collectstatic output with hashed names; off in development and tests.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", default=not DEBUG)
# Uploads on local disk by default; MEDIA_STORAGE=s3 puts them in an
# S3-compatible bucket (django-storages), shared by every app server.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files with far-future cache headers (WhiteNoise).
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Without collected files (development, tests) serve from the source folders.
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["MEDIA_S3_BUCKET"],
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {
                "CacheControl": "public, max-age=31536000, immutable"
            },
        },
    }
# Keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment.
# Media served by Django itself (no web server in front): `make serve`.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG)
WHITENOISE_MAX_AGE = 3600  # unhashed files; hashed ones get a year

# Cache: Redis when REDIS_URL is set, else memory in each process. A Redis
# outage must slow pages down, not break them: django-redis swallows (and
# logs) connection errors, with short timeouts so a hung Redis costs little.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis that skips Redis for a while after a failure.
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
            },
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "newsroom.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole-page cache for anonymous readers (newsroom.pagecache). It needs a
# cache shared by every process (Redis), so it is on when REDIS_URL is set.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", default=bool(REDIS_URL))
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 600)
# What browsers, a CDN or nginx may reuse without asking: the bound on how
# long a reader can see a page that changed.
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 5)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env_int("PAGE_CACHE_STALE_WHILE_REVALIDATE", 30)
PAGE_CACHE_LOCK_SECONDS = env_int("PAGE_CACHE_LOCK_SECONDS", 5)
# A comment shows on cached pages within this many seconds (pagecache's
# docstring says why comments do not empty the cache at once).
PAGE_CACHE_COMMENT_DELAY = env_int("PAGE_CACHE_COMMENT_DELAY", 5)
# Sessions live in the database: logins survive a cache outage or restart.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# HTTPS: on unless DEBUG; `make serve` turns it off to serve plain
# http://127.0.0.1:8000/. Behind a proxy that terminates TLS, the proxy sets
# X-Forwarded-Proto.
HTTPS = env_bool("HTTPS", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The proxies allowed to send X-Forwarded-* (addresses or networks; the same
# variable gunicorn reads). From anyone else, and with none set, the headers
# are dropped (newsroom.guards): a client cannot claim HTTPS or an address.
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS")
# Proxies in front of the app (load balancer, nginx): how many X-Forwarded-For
# entries to trust when finding the client's address (newsroom.middleware).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# Preloading is a one-way commitment for every subdomain: a decision for the
# site's owners, not a default. Everything else in `check --deploy` must pass.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# __Host- cookies are bound to this exact host and path, and need Secure.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
# Content Security Policy (Django's own): scripts only from this site or with
# the response's nonce; nothing may frame the site.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *env_list("CSP_IMG_SOURCES")],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

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
# Articles submitted for review: one email to the editors at most every
# REVIEW_DIGEST_MINUTES; none unless addresses are set.
REVIEW_EDITOR_EMAILS = env_list("REVIEW_EDITOR_EMAILS")
REVIEW_DIGEST_MINUTES = env_int("REVIEW_DIGEST_MINUTES", 5)
# Different readers whose reports hold a comment for a moderator at once.
COMMENT_REPORT_THRESHOLD = env_int("COMMENT_REPORT_THRESHOLD", 3)
# Minutes a reader may edit or delete their own comment (same browser).
COMMENT_EDIT_WINDOW_MINUTES = env_int("COMMENT_EDIT_WINDOW_MINUTES", 10)
# Reply notices: replies arriving this close together go out in one email;
# a confirmation link is good for this many days.
COMMENT_REPLY_BATCH_SECONDS = env_int("COMMENT_REPLY_BATCH_SECONDS", 120)
COMMENT_NOTIFY_CONFIRM_DAYS = env_int("COMMENT_NOTIFY_CONFIRM_DAYS", 7)

# The copy desk (articles/copydesk/): its rules, in order, as dotted paths.
COPY_CHECK_RULES = env_list(
    "COPY_CHECK_RULES",
    default=[
        "articles.copydesk.rules.HoleRule",
        "articles.copydesk.rules.SpacingRule",
        "articles.copydesk.rules.EmptyLinkRule",
        "articles.copydesk.rules.AbbreviationCapitalRule",
        "articles.copydesk.rules.UnattributedClaimRule",
        "articles.copydesk.rules.LinkTextIsUrlRule",
        "articles.copydesk.rules.InternalLinkRule",
        "articles.copydesk.rules.RepeatedLinkRule",
        "articles.copydesk.rules.PlaceholderRule",
        "articles.copydesk.rules.DuplicateParagraphRule",
        "articles.copydesk.rules.HeadlineLengthRule",
        "articles.copydesk.rules.MissingStandfirstRule",
        "articles.copydesk.rules.MissingLeadImageRule",
        "articles.copydesk.rules.MissingAltTextRule",
        "articles.copydesk.rules.DateContradictionRule",
    ],
)
# Search results show about this many characters of a title.
COPY_HEADLINE_MAX_CHARS = env_int("COPY_HEADLINE_MAX_CHARS", 60)

# Akismet is off unless a key is set; the base URL is a setting for tests.
AKISMET_API_KEY = os.environ.get("AKISMET_API_KEY", "")
AKISMET_BLOG_URL = os.environ.get("AKISMET_BLOG_URL", "")
AKISMET_BASE_URL = os.environ.get("AKISMET_BASE_URL", "https://rest.akismet.com")
# Short: a slow answer holds the comment for a recheck instead of the reader.
AKISMET_TIMEOUT = float(os.environ.get("AKISMET_TIMEOUT", "1.0"))
AKISMET_IS_TEST = env_bool("AKISMET_IS_TEST", default=False)

# Rechecks and digests: the database backend with `manage.py db_worker` in
# production; the immediate backend runs tasks inline (development).
# A task claimed this long ago by a worker that is gone from another host
# is queued again (newsroom.worker); on the same host it is at once.
TASKS_CLAIM_TIMEOUT = env_int("TASKS_CLAIM_TIMEOUT", 600)
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}

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

# Logs go to standard error, one line each, with the request's id; tracebacks
# follow their error line. Never stdout: commands print data there
# (`export_comments EMAIL > file.json` must be JSON only).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "newsroom.middleware.RequestIdFilter"}},
    "formatters": {
        "plain": {
            "format": "{asctime} {levelname} [{request_id}] {name} {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's own console handler would print every line twice.
    "loggers": {"django": {"handlers": [], "propagate": True}},
}
