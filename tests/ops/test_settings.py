"""The settings module: safe defaults, production derived from the environment."""

import subprocess
import sys

from tests.ops.conftest import ROOT, production_env, settings_in


def test_no_secret_key_with_debug_off_refuses_to_serve():
    env = production_env()
    del env["SECRET_KEY"]
    # What gunicorn does first: import the WSGI application.
    command = [sys.executable, "-c", "import newsroom.wsgi"]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr


def test_commands_run_by_hand_need_no_secret_key():
    # The README's password reset: `.venv/bin/python manage.py changepassword`.
    env = production_env()
    del env["SECRET_KEY"]
    result = subprocess.run([sys.executable, "manage.py", "changepassword", "--help"],
                            env=env, cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert (result.returncode, "SECRET_KEY" in result.stderr) == (0, False)


def test_debug_without_a_key_starts_with_an_insecure_local_key():
    env = production_env(DEBUG="1")
    del env["SECRET_KEY"]
    assert settings_in(env, "SECRET_KEY")["SECRET_KEY"].startswith("django-insecure-")


def test_debug_is_off_unless_set():
    assert settings_in(production_env(), "DEBUG") == {"DEBUG": False}


def test_https_production_settings():
    values = settings_in(
        production_env(), "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "SESSION_COOKIE_HTTPONLY",
    )  # fmt: skip
    assert values == {
        "SECURE_SSL_REDIRECT": True, "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True, "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True, "SESSION_COOKIE_NAME": "__Host-sessionid",
        "CSRF_COOKIE_NAME": "__Host-csrftoken", "SESSION_COOKIE_HTTPONLY": True,
    }  # fmt: skip


def test_database_url_selects_postgresql():
    env = production_env(
        DATABASE_URL="postgres://u:p%40ss@db.example:6432/news?sslmode=require"
    )
    db = settings_in(env, "DATABASES")["DATABASES"]["default"]
    assert (db["ENGINE"], db["NAME"], db["PASSWORD"], db["PORT"], db["OPTIONS"], db["CONN_HEALTH_CHECKS"]) == (
        "django.db.backends.postgresql", "news", "p@ss", "6432",
        {"connect_timeout": 5, "sslmode": "require"}, True,
    )  # fmt: skip


def test_redis_url_selects_a_fault_tolerant_cache():
    cache = settings_in(production_env(REDIS_URL="redis://127.0.0.1:6379/1"), "CACHES")[
        "CACHES"
    ]["default"]
    assert (cache["BACKEND"], cache["OPTIONS"]["IGNORE_EXCEPTIONS"]) == (
        "newsroom.cache.RedisCache",
        True,
    )


def test_sessions_do_not_live_only_in_the_cache():
    engine = settings_in(
        production_env(REDIS_URL="redis://x:6379/0"), "SESSION_ENGINE"
    )["SESSION_ENGINE"]
    assert engine == "django.contrib.sessions.backends.db"


def test_replica_url_adds_a_routed_replica():
    env = production_env(DATABASE_REPLICA_URL="postgres://u@replica.example/news")
    values = settings_in(env, "DATABASES", "DATABASE_ROUTERS")
    assert (values["DATABASES"]["replica"]["HOST"], values["DATABASE_ROUTERS"]) == (
        "replica.example", ["newsroom.routers.PrimaryReplicaRouter"],
    )  # fmt: skip


def test_s3_media_storage_by_setting():
    env = production_env(MEDIA_STORAGE="s3", MEDIA_S3_BUCKET="news-media")
    storage = settings_in(env, "STORAGES")["STORAGES"]["default"]
    assert (storage["BACKEND"], storage["OPTIONS"]["bucket_name"]) == (
        "storages.backends.s3.S3Storage",
        "news-media",
    )


def test_check_deploy_passes_with_production_settings():
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            env=production_env(), cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_with_the_development_defaults():
    env = production_env(DEBUG="1")
    del env["SECRET_KEY"]
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert result.returncode != 0 and "security.W018" in result.stderr + result.stdout
