"""The floor: the least a Django page can cost on this machine.

No database, no middleware, no sessions: one view renders a ~40 KB template
that has no variables. bench/run.py serves it with the site's own
gunicorn.conf.py, so every page's req/s can be read as a share of this one.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "bench-floor-not-secret")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "floor.urls"
WSGI_APPLICATION = "floor.wsgi.application"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {"context_processors": []},
    }
]
USE_TZ = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
