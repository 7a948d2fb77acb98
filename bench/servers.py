"""Servers the benchmark starts: gunicorn (the site, the floor) and nginx.

Each runs in its own process group and is stopped by `Servers.stop_all()`,
which the runner calls in a `finally`: nothing is left behind.
"""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        """Child processes of the master (gunicorn workers, nginx workers)."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []


@dataclass
class Servers:
    work: Path
    started: list[Server] = field(default_factory=list)

    def gunicorn(self, name: str, app: str, env: dict, *, chdir: Path = ROOT) -> Server:
        port = free_port()
        env = env | {"GUNICORN_BIND": f"127.0.0.1:{port}"}
        command = [
            str(GUNICORN),
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--chdir",
            str(chdir),
            app,
        ]
        return self._start(name, port, command, env, cwd=chdir)

    def nginx(self, name: str, config: str) -> Server:
        port = free_port()
        prefix = self.work / "nginx"
        for sub in ("cache", "temp", "logs", "html"):
            (prefix / sub).mkdir(parents=True, exist_ok=True)
        conf = prefix / f"{name}.conf"
        conf.write_text(
            config.replace("@PORT@", str(port)).replace("@PREFIX@", str(prefix))
        )
        command = ["nginx", "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"]
        return self._start(name, port, command, dict(os.environ), cwd=prefix)

    def _start(self, name, port, command, env, *, cwd) -> Server:
        log = self.work / "logs" / f"{name}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("w") as out:
            process = subprocess.Popen(
                command,
                cwd=cwd,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, stopped as one
            )
        server = Server(name, port, process, log)
        self.started.append(server)
        return server

    def wait_ready(self, server: Server, path: str = "/", timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(server.base + path, timeout=10) as response:
                    response.read()
                    return
            except urllib.error.HTTPError:
                return  # it answers: the caller's checks report the status
            except OSError as exc:
                last = exc
                time.sleep(0.2)
        tail = server.log.read_text()[-3000:] if server.log.exists() else ""
        raise RuntimeError(f"{server.name} did not start ({last}):\n{tail}")

    def stop(self, server: Server) -> None:
        """TERM to the whole process group, KILL whatever is left after 25 s."""
        for sig, wait in ((signal.SIGTERM, 25), (signal.SIGKILL, 5)):
            try:
                os.killpg(server.process.pid, sig)
            except ProcessLookupError:
                break  # nobody left in the group
            try:
                server.process.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                continue
            if not _group_alive(server.process.pid):
                break
            time.sleep(0.5)
        if server in self.started:
            self.started.remove(server)

    def stop_all(self) -> None:
        for server in list(reversed(self.started)):
            self.stop(server)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True
