"""gunicorn settings for every deployment; environment variables adjust them."""

import multiprocessing
import os
import re

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, the usual 2 x cores + 1: each page is mostly database and
# template work, and a slow client is buffered by the proxy in front.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak never grows; a worker keeps
# nothing worth losing (pages live in Redis), so this is only leak protection.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 10000))
max_requests_jitter = max_requests // 10
# Django is imported once, in the master; a new worker is a fork. Without it
# each replacement imports the project again (about 1 s of CPU), and five
# workers recycling together cost a third of a round's hits in `make bench`.
# Code changes then need a restart, not HUP (docs/deploy.md).
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
# Django logs one line per request (newsroom.middleware); gunicorn logs errors.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Only these proxies may say the request came over HTTPS; none by default
# (Django reads the same variable: newsroom.guards).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "")
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def _control_socket() -> str:
    """gunicorn's control socket, one per bind address.

    Its default path ($XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl)
    is shared by every gunicorn of one user: a second one takes it over.
    """
    if os.environ.get("GUNICORN_CONTROL_SOCKET"):
        return os.environ["GUNICORN_CONTROL_SOCKET"]
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    folder = (
        runtime
        if runtime and os.path.isdir(runtime)
        else os.path.join(os.path.expanduser("~"), ".gunicorn")
    )
    return os.path.join(folder, f"gunicorn-{re.sub(r'[^A-Za-z0-9.-]+', '_', bind)}.ctl")


control_socket = _control_socket()
