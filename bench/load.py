"""Load generators: wrk for reads, Python threads for the comment writes."""

import http.client
import json
import os
import random
import re
import shutil
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

LUA = Path(__file__).resolve().parent / "wrk" / "report.lua"
TOKEN_RE = re.compile(r'name="token" value="([^"]+)"')
REPLY_RE = re.compile(r"\?replyto=(\d+)#")


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def wrk(
    url: str,
    *,
    seconds: float,
    connections: int,
    threads: int,
    paths: list[str] | None = None,
) -> dict:
    """One wrk run; the Lua script's JSON summary, plus req/s and error total."""
    env = dict(os.environ)
    if paths:
        env["BENCH_PATHS"] = ",".join(paths)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(LUA),
        url,
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=seconds + 60
    )
    line = next(
        (
            line[len("BENCH_JSON ") :]
            for line in result.stdout.splitlines()
            if line.startswith("BENCH_JSON ")
        ),
        None,
    )
    if result.returncode or line is None:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr[-2000:]}")
    data = json.loads(line)
    seconds_run = data["duration_us"] / 1e6
    data["rps"] = data["requests"] / seconds_run if seconds_run else 0.0
    data["errors"] = (
        data["non_2xx"]
        + data["connect_errors"]
        + data["read_errors"]
        + data["write_errors"]
        + data["timeouts"]
    )
    return data


@dataclass
class Post:
    marker: str
    status: int
    location: str
    seconds: float
    reply: bool


@dataclass
class WriteResult:
    posts: list[Post] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # GETs or sockets that failed


def post_comments(
    port: int,
    *,
    article_path: str,
    article_id: int,
    run_id: str,
    seconds: float,
    writers: int,
    max_posts: int,
    marker_prefix: str,
    returning: list[tuple[str, str]],
) -> WriteResult:
    """Readers' comments as a browser sends them: GET the page, POST its form.

    Half the posters have an approved comment already (auto-approved: every
    post starts a new page-cache generation), half are new (held).
    """
    result = WriteResult()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    counter = iter(range(max_posts))
    origin = f"http://127.0.0.1:{port}"

    def next_number():
        with lock:
            return next(counter, None)

    def writer(seed: int):
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            n = next_number()
            if n is None:
                break
            try:
                conn.request("GET", article_path)
                page = conn.getresponse()
                html = page.read().decode()
                token = TOKEN_RE.search(html)
                if page.status != 200 or token is None:
                    with lock:
                        result.failures.append(
                            f"GET {page.status}, token: {bool(token)}"
                        )
                    continue
                replies = REPLY_RE.findall(html)
                parent = rng.choice(replies) if replies and n % 4 == 0 else ""
                if n % 2 == 0 and returning:  # approved before: approved again
                    name, email = rng.choice(returning)
                else:
                    name, email = f"New Reader {n}", f"new-{run_id}-{n}@example.net"
                marker = f"{marker_prefix} {run_id} {n} {uuid.uuid4().hex[:8]}"
                form = {
                    "body": f"{marker}\nA reader's view on this story, number {n}.",
                    "author_name": name,
                    "author_email": email,
                    "author_url": "",
                    "token": token.group(1),
                    "homepage": "",
                    "parent": parent,
                }
                started = time.perf_counter()
                conn.request(
                    "POST",
                    f"/comments/post/{article_id}/",
                    body=urlencode(form),
                    headers={
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Origin": origin,
                        "Referer": origin + article_path,
                    },
                )
                answer = conn.getresponse()
                answer.read()
                elapsed = time.perf_counter() - started
                with lock:
                    result.posts.append(
                        Post(
                            marker,
                            answer.status,
                            answer.getheader("Location", ""),
                            elapsed,
                            bool(parent),
                        )
                    )
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    result.failures.append(f"{type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()

    pool = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=seconds + 120)
    return result
