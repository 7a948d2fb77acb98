"""What a newcomer runs first: `make install` checks the Python before pip."""

import os
import subprocess

from tests.ops.conftest import ROOT

CHECK = ROOT / "bin" / "check-python"


def fake_python(path, version: str):
    """A `python` that says it is `version` (and is too old below 3.12)."""
    major, minor = (int(part) for part in version.split(".")[:2])
    old = 1 if (major, minor) < (3, 12) else 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "--version" ]; then echo "Python {version}"; exit 0; fi\n'
        f"exit {old}\n"
    )
    path.chmod(0o755)
    return path


def check(python, venv):
    return subprocess.run([CHECK, str(python), str(venv)], capture_output=True,
                          text=True)  # fmt: skip


def test_an_old_python_is_refused_with_advice_before_anything_is_built(tmp_path):
    result = check(fake_python(tmp_path / "python3.11", "3.11.9"), tmp_path / ".venv")
    assert (
        result.returncode,
        "Python 3.11.9; Django 6.1 needs Python 3.12 or later" in result.stderr,
        "PYTHON=python3.12" in result.stderr,
        (tmp_path / ".venv").exists(),
    ) == (1, True, True, False)


def test_a_venv_made_by_an_old_python_is_made_again(tmp_path):
    venv = tmp_path / ".venv"
    fake_python(venv / "bin" / "python", "3.11.9")
    result = check(fake_python(tmp_path / "python3.13", "3.13.1"), venv)
    assert (result.returncode, "made by Python 3.11.9" in result.stdout,
            venv.exists()) == (0, True, False)  # fmt: skip


def test_a_good_venv_is_kept(tmp_path):
    venv = tmp_path / ".venv"
    fake_python(venv / "bin" / "python", "3.13.1")
    result = check(fake_python(tmp_path / "python3.13", "3.13.1"), venv)
    assert (result.returncode, venv.exists()) == (0, True)


def dry_run(*args):
    """What `make -n -B` would run, as a top-level make prints it: under
    `make test` the sub-make would otherwise add "Entering directory" lines."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")
    }
    return subprocess.run(["make", "--no-print-directory", "-n", "-B", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True).stdout  # fmt: skip


def test_make_install_checks_the_python_first():
    recipe = dry_run("install", "PYTHON=python3.11")
    assert recipe.splitlines()[0] == 'bin/check-python "python3.11" .venv'


def test_make_run_serves_on_the_port_asked_for():
    recipe = dry_run("run", "PORT=8123")
    assert (
        "load_demo --port 8123" in recipe,
        "runserver 127.0.0.1:8123" in recipe,
    ) == (
        True,
        True,
    )
