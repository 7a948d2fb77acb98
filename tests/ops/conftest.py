import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(**overrides) -> dict:
    """What a production host sets: DEBUG off, HTTPS on, a real key."""
    # Only what a process needs to run: the CI's own DATABASE_URL, REDIS_URL
    # etc. must not leak in.
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env |= {
        "SECRET_KEY": "p" * 50 + "-a-real-looking-production-key",
        "ALLOWED_HOSTS": "news.example",
        "EMAIL_HOST": "smtp.example",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    return env | overrides


def settings_in(env: dict, *names: str) -> dict:
    """Read settings as a fresh process with `env` would see them."""
    code = (
        "import json, django; django.setup(); from django.conf import settings;"
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True,
                         text=True, check=True)  # fmt: skip
    # The last line: start-up log lines (axes) may come first.
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture
def https_site(settings):
    """The HTTPS settings production derives from HTTPS=1 (see test_settings)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    return settings
