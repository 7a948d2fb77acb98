"""Environment for the test run, set before Django reads its settings.

Loaded with `-p tests.env` (pyproject.toml). Real values from the shell win.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret-" + "x" * 40)
# The test client speaks plain HTTP; HTTPS behaviour is tested explicitly.
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
# Query budgets are measured on rendered pages; page-cache tests switch it on.
os.environ.setdefault("PAGE_CACHE", "0")
