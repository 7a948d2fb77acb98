"""Finding 7: commands whose output is data print only data on standard
output; logs (axes' start-up line included) go to standard error."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip


def test_export_comments_prints_valid_json(tmp_path):
    env = os.environ | {
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "LOG_LEVEL": "INFO",
    }
    env.pop("DATABASE_REPLICA_URL", None)
    manage("migrate", "--no-input", env=env)
    result = manage("export_comments", "reader@example.com", env=env)
    assert (json.loads(result.stdout), "AXES" in result.stderr) == ([], True)
