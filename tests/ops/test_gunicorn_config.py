"""gunicorn.conf.py: what the environment variables in docs/deploy.md do."""

import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def config(monkeypatch, **env):
    for name in ("GUNICORN_PRELOAD", "GUNICORN_MAX_REQUESTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_workers_fork_from_a_preloaded_master_unless_turned_off(monkeypatch):
    assert config(monkeypatch)["preload_app"] is True
    assert config(monkeypatch, GUNICORN_PRELOAD="0")["preload_app"] is False


def test_workers_are_recycled_for_leaks_at_staggered_counts(monkeypatch):
    default = config(monkeypatch)
    assert default["max_requests"] == 10000
    assert default["max_requests_jitter"] == 1000
    assert config(monkeypatch, GUNICORN_MAX_REQUESTS="500")["max_requests"] == 500
