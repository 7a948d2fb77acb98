"""A small Akismet server for tests, speaking the documented protocol on 127.0.0.1.

Switch a fault on per test (`server.fault = "timeout"`) and read back what the
client sent from `server.calls`.
"""

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

VALID_KEYS = {"test-key"}
SPAM_AUTHOR = "viagra-test-123"
SPAM_EMAIL = "akismet-guaranteed-spam@example.com"
THANKS = "Thanks for making the web a better place."


class FakeAkismet:
    def __init__(self, *, timeout_sleep=2.0):
        self.calls: list[dict] = []
        self.fault: str | None = None
        self.timeout_sleep = timeout_sleep
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(
            target=self.server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address
        return f"http://{host}:{port}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def calls_to(self, endpoint: str) -> list[dict]:
        return [c for c in self.calls if c["endpoint"] == endpoint]

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                endpoint = self.path.split("?")[0].rsplit("/", 1)[-1]
                fake.calls.append(
                    {"endpoint": endpoint, "params": {}, "headers": dict(self.headers)}
                )
                self._send(
                    200, json.dumps({"limit": "none", "usage": 0, "percentage": "0"})
                )

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                params = {
                    k: v[0]
                    for k, v in parse_qs(self.rfile.read(length).decode()).items()
                }
                endpoint = self.path.rsplit("/", 1)[-1]
                fake.calls.append(
                    {
                        "endpoint": endpoint,
                        "params": params,
                        "headers": dict(self.headers),
                    }
                )
                if fake.fault == "timeout":
                    time.sleep(fake.timeout_sleep)
                if fake.fault == "500":
                    return self._send(500, "Internal Server Error")
                if fake.fault == "429":
                    return self._send(429, "Too Many Requests", {"Retry-After": "30"})
                if fake.fault == "garbage":
                    return self._send(200, "<html>maintenance</html>")
                if endpoint == "verify-key":
                    return self._verify(params)
                if endpoint == "comment-check":
                    return self._check(params)
                if endpoint in {"submit-spam", "submit-ham"}:
                    return self._send(200, THANKS)
                self._send(404, "not found")

            def _verify(self, params):
                if params.get("key") in VALID_KEYS and params.get(
                    "blog", ""
                ).startswith("http"):
                    return self._send(200, "valid")
                self._send(
                    200,
                    "invalid",
                    {"X-akismet-debug-help": "We were unable to verify your API key."},
                )

            def _check(self, params):
                headers = {"X-akismet-guid": str(uuid.uuid4())}
                missing = [
                    k for k in ("api_key", "blog", "user_ip") if not params.get(k)
                ]
                if (
                    missing
                    or params["api_key"] not in VALID_KEYS
                    or fake.fault == "invalid"
                ):
                    headers["X-akismet-debug-help"] = (
                        "Empty or invalid API key / missing " + ",".join(missing)
                    )
                    return self._send(200, "invalid", headers)
                if fake.fault == "alert":
                    headers["X-akismet-alert-code"] = "10501"
                    headers["X-akismet-alert-msg"] = (
                        "Your site has exceeded its usage limit."
                    )
                if fake.fault == "error-header":
                    headers["X-akismet-error"] = "something odd"
                author = params.get("comment_author", "")
                email = params.get("comment_author_email", "")
                content = params.get("comment_content", "")
                if author == SPAM_AUTHOR or email == SPAM_EMAIL:
                    if "akismet-discard" in content:
                        headers["X-akismet-pro-tip"] = "discard"
                    return self._send(200, "true", headers)
                if params.get("user_role") == "administrator":
                    return self._send(200, "false", headers)
                if "provisional" in content:
                    headers["X-akismet-recheck-after"] = "120"
                self._send(200, "false", headers)

            def _send(self, status, body, headers=None):
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

        return Handler
