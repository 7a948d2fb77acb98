"""The real processes a fault test drives, and a small browser to talk to them.

Each class starts one thing on 127.0.0.1, knows how to break it, and always
stops what it started (by its own process id). Every wait is bounded.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx
import psycopg2
import redis

ROOT = Path(__file__).resolve().parents[2]
# No control socket: its default path (~/.gunicorn/gunicorn.ctl) is shared by
# every gunicorn this user runs, `make serve` included.
GUNICORN = [str(Path(sys.executable).with_name("gunicorn")), "--config",
            "gunicorn.conf.py", "--no-control-socket", "newsroom.wsgi"]  # fmt: skip
# A request slower than this is a hang, whatever the fault.
SANE_SECONDS = 10


def free_port() -> int:
    """A TCP port nobody listens on right now (the kernel picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, *, timeout: float, what: str, interval: float = 0.1):
    """Poll `predicate` until it returns a true value; fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"{what}: not ready after {timeout:.0f} s")


def end_process(proc: subprocess.Popen, *, grace: float = 10) -> None:
    """SIGTERM, then SIGKILL after `grace` seconds; never leaves a zombie."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGCONT)  # a stopped process cannot act on SIGTERM
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


class RedisServer:
    """A private redis-server with no persistence; stop() and pause() break it."""

    def __init__(self, binary: str, workdir: Path):
        self.binary = binary
        self.workdir = workdir
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.workdir / "redis.log", "ab") as log:
            # fmt: off
            self.proc = subprocess.Popen(
                [self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no", "--dir", str(self.workdir),
                 "--daemonize", "no"],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )
            # fmt: on
        wait_for(self._answers, timeout=10, what=f"redis-server on {self.port}")

    def _answers(self) -> bool:
        if self.proc.poll() is not None:
            raise RuntimeError(f"redis-server exited with {self.proc.returncode}")
        try:
            return redis.Redis(port=self.port, socket_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def stop(self) -> None:
        """Redis is down: connections are refused."""
        if self.proc is not None:
            end_process(self.proc, grace=5)

    def pause(self) -> None:
        """Redis hangs: the kernel still accepts connections, nobody answers."""
        self.proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.proc.send_signal(signal.SIGCONT)


class TcpProxy:
    """127.0.0.1:<port> forwarding to `upstream`, one thread per direction.

    stop() is an outage (the port refuses connections and every open one is
    cut); hang() is a server that accepts connections and never answers.
    """

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.port = free_port()
        self.mode = "stopped"
        self._listener: socket.socket | None = None
        self._acceptor: threading.Thread | None = None
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()

    def start(self, mode: str = "forward") -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.2)  # the accept loop checks `mode` this often
        self._listener, self.mode = listener, mode
        self._acceptor = threading.Thread(target=self._accept, args=(listener,))
        self._acceptor.daemon = True
        self._acceptor.start()

    def stop(self) -> None:
        with self._lock:
            self.mode = "stopped"
        if self._listener is not None:
            self._listener.close()
            self._acceptor.join(timeout=5)
            self._listener = None
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            _cut(sock)

    def hang(self) -> None:
        self.stop()
        self.start(mode="hang")

    def _accept(self, listener: socket.socket) -> None:
        while self.mode != "stopped":
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # the listener was closed
            if not self._track(client) or self.mode == "hang":
                continue  # held open, never answered, cut by stop()
            try:
                server = socket.create_connection(self.upstream, timeout=2)
            except OSError:
                _cut(client)
                continue
            if not self._track(server):
                continue
            for src, dst in ((client, server), (server, client)):
                pump = threading.Thread(target=_pump, args=(src, dst), daemon=True)
                pump.start()

    def _track(self, sock: socket.socket) -> bool:
        """Keep `sock` for stop() to cut; cut it now if stop() came first."""
        sock.settimeout(None)
        with self._lock:
            if self.mode == "stopped":
                _cut(sock)
                return False
            self._sockets.add(sock)
            return True


def _pump(src: socket.socket, dst: socket.socket) -> None:
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass  # the other side, or stop(), cut the connection
    finally:
        _cut(src)
        _cut(dst)


def _cut(sock: socket.socket) -> None:
    # shutdown() wakes a recv() blocked in another thread; close() alone doesn't.
    with contextlib.suppress(OSError):  # already cut
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


class Site:
    """The project under gunicorn (gunicorn.conf.py), on a free port.

    Its stdout and stderr, Django's log lines included, go to `log_path`.
    """

    def __init__(self, env: dict, log_path: Path, *, workers: int = 2):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.env = env | {
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": "1",
        }
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                GUNICORN,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        try:
            wait_for(self._answers, timeout=30, what=f"gunicorn on {self.port}")
        except (TimeoutError, RuntimeError) as exc:
            self.stop()
            raise RuntimeError(f"{exc}\n{self.log_tail()}") from exc

    def _answers(self) -> bool:
        if self.proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {self.proc.returncode}")
        try:
            return httpx.get(f"{self.url}/healthz", timeout=2).status_code > 0
        except httpx.HTTPError:
            return False

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        end_process(self.proc, grace=15)
        # Workers leave with their master; this catches one that didn't.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)

    def log_mark(self) -> int:
        return self.log_path.stat().st_size

    def log_since(self, mark: int) -> str:
        with open(self.log_path, "rb") as log:
            log.seek(mark)
            return log.read().decode(errors="replace")

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log_since(0).splitlines()[-lines:])

    def browser(self) -> "Browser":
        return Browser(self.url)


class _Forms(HTMLParser):
    """The fields a browser would send for each form on a page, by form id."""

    def __init__(self):
        super().__init__()
        self.forms: dict[str, dict] = {}
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"action": attrs.get("action") or "", "fields": {}}
            self.forms[attrs.get("id") or str(len(self.forms))] = self._form
        elif tag in ("input", "textarea") and self._form and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return  # a browser leaves unticked boxes out
            self._form["fields"][attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def form_on(html: str, form_id: str) -> tuple[str, dict]:
    """The action and the fields of one form on a page, as a browser sees them."""
    parser = _Forms()
    parser.feed(html)
    form = parser.forms[form_id]
    return form["action"], dict(form["fields"])


class Browser(httpx.Client):
    """A reader or editor: own cookies, no redirects followed, timed requests."""

    def __init__(self, base_url: str):
        super().__init__(base_url=base_url, timeout=30, follow_redirects=False)

    def timed(self, method: str, path: str, **kwargs) -> tuple[httpx.Response, float]:
        started = time.perf_counter()
        response = self.request(method, path, **kwargs)
        return response, time.perf_counter() - started

    def post_comment(
        self, article_path: str, body: str
    ) -> tuple[httpx.Response, float]:
        """Fill in the article's comment form as a reader would and post it.

        Returns the POST's response and how long the POST alone took.
        """
        action, form = comment_form(self.get(article_path).text, body)
        return self.timed(
            "POST", action, data=form, headers=self.from_page(article_path)
        )

    def log_in(self, username: str, password: str) -> tuple[httpx.Response, float]:
        """The admin login form, as an editor fills it in; times the POST."""
        login = "/admin/login/?next=/admin/"
        _, form = form_on(self.get(login).text, "login-form")
        form |= {"username": username, "password": password}
        return self.timed("POST", login, data=form, headers=self.from_page(login))

    def from_page(self, path: str) -> dict:
        """The headers a browser adds to a form POST made from `path`."""
        return {
            "Origin": str(self.base_url).rstrip("/"),
            "Referer": f"{self.base_url}{path.lstrip('/')}",
        }


def comment_form(html: str, body: str) -> tuple[str, dict]:
    """The article page's comment form, filled in by a reader."""
    action, fields = form_on(html, "comment-form")
    return action, fields | {
        "body": body,
        "author_name": "Fault Reader",
        "author_email": f"reader-{time.monotonic_ns()}@example.com",
    }


class ScratchDatabase:
    """A PostgreSQL database of its own, with demo content, for one test run."""

    def __init__(self, name: str, server: dict):
        self.name = name
        self.server = server
        host, port, user = server["host"], server["port"], server["user"]
        self.url = f"postgres://{user}@{host}:{port}/{name}"
        # Filled in by the fixture that loads the demo content.
        self.media_root: Path | None = None
        self.article_path = ""

    def url_with(self, *, port: int | None = None, **options) -> str:
        """A DATABASE_URL with libpq `options`, through 127.0.0.1:<port> if given."""
        host = (
            f"127.0.0.1:{port}"
            if port
            else f"{self.server['host']}:{self.server['port']}"
        )
        query = "&".join(f"{key}={value}" for key, value in options.items())
        url = f"postgres://{self.server['user']}@{host}/{self.name}"
        return f"{url}?{query}" if query else url

    def query(self, statement: str, params=()) -> list[tuple]:
        conn = psycopg2.connect(dbname=self.name, connect_timeout=5, **self.server)
        try:
            with conn, conn.cursor() as cursor:
                cursor.execute(statement, params)
                return cursor.fetchall()
        finally:
            conn.close()

    def connections_of(self, application_name: str) -> int:
        """Open connections to this database made under `application_name`."""
        return self.query(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = %s",
            [application_name],
        )[0][0]

    def terminate_connections(self) -> int:
        """Kill every other connection to this database, as a restart would."""
        killed = self.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return sum(1 for (ok,) in killed if ok)
