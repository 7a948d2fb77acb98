"""Real-browser tests: Playwright drives Debian's Chromium against live_server.

Every test here is marked `e2e`; `make e2e` runs them and `make test` leaves
them out. Without Chromium, Playwright or axe-core they are replaced by one
skipped item whose line in pytest's summary says what is missing.
"""

import re
import time
from pathlib import Path

import pytest

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError:  # the tests are skipped: see missing_tool()
    Page = expect = sync_playwright = None
    PlaywrightError = Exception

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "artifacts" / "e2e"


def missing_tool() -> str:
    """Why the browser tests cannot run here, or "" when they can."""
    if not CHROMIUM.exists():
        return f"no browser at {CHROMIUM} (apt-get install chromium)"
    if sync_playwright is None:
        return "playwright is not installed (pip install --group e2e)"
    if not AXE_JS.exists():
        return f"{AXE_JS.relative_to(ROOT)} is missing (npm ci)"
    return ""


def pytest_configure(config):
    # Also in pyproject.toml; registered here too so that --strict-markers
    # accepts this folder whatever the ini file says.
    config.addinivalue_line("markers", "e2e: real-browser tests (make e2e)")


class MissingTools(pytest.Item):
    """Stands in for the browser tests where they cannot run: one skip line."""

    def runtest(self):
        pytest.skip(f"e2e tests skipped: {missing_tool()}")


def pytest_collection_modifyitems(session, items):
    # A skip in each test would print one line per test; a module-level skip
    # in this file would crash `pytest tests/e2e` (it loads conftest early).
    if not missing_tool():
        return
    here = Path(__file__).parent
    ours = [item for item in items if here in item.path.parents]
    if ours:
        stand_in = MissingTools.from_parent(
            ours[0].getparent(pytest.Package), name="browser"
        )
        stand_in.add_marker(pytest.mark.e2e)
        items[:] = [item for item in items if item not in ours] + [stand_in]


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PASSWORD = "a-long-test-password"
BLOCKING_IMPACTS = {"serious", "critical"}
# Django admin's own widgets that axe flags: select2 autocompletes (combobox
# without a name, search box without a label) and tabular inlines (inputs
# labelled only by a column header). The rest of each admin page is checked.
ADMIN_EXCLUDE = [[".select2-container"], [".inline-group .tabular td"]]


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API keeps an event loop running in this thread, and
    # Django refuses ORM calls there; the tests' ORM calls are not concurrent.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


@pytest.fixture(autouse=True)
def _e2e_settings(settings):
    """Inline tasks, no timing trap for a fast browser, a fresh rate-limit cache."""
    settings.ROOT_URLCONF = "tests.e2e.urls"
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    settings.COMMENT_SPAM_CHECKERS = [
        "comments.spam.HoneypotChecker",
        "comments.spam.LinkCountChecker",
        "comments.spam.BlocklistChecker",
    ]
    settings.COMMENT_MIN_SUBMIT_SECONDS = 0
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"e2e-{time.monotonic_ns()}",
        }
    }


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts (own cookies) on the live server."""
    from django.contrib.sites.models import Site

    # Live-server tests empty the tables between tests, the Site included.
    Site.objects.update_or_create(
        pk=1, defaults={"domain": "127.0.0.1:8000", "name": "The Daily Ledger"}
    )
    Site.objects.clear_cache()
    contexts = []

    def open_page(width=1280, height=800) -> Page:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}
        )
        context.set_default_timeout(10_000)
        # An init script, unlike add_script_tag, is not blocked by the site's
        # Content-Security-Policy, which stays on as in production.
        context.add_init_script(path=AXE_JS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the admin login form, as a person would."""
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Editorial desk")).to_be_visible()


def axe_violations(page: Page, *, exclude=(), include=None) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    context = {"exclude": list(exclude)}
    if include:
        context["include"] = include
    # Icon fonts (the body editor's buttons) read as text until loaded:
    # axe would see "grid_on" where an editor sees a table icon.
    page.evaluate("() => document.fonts.ready.then(() => true)")
    result = page.evaluate(
        "context => axe.run(context, {resultTypes: ['violations']})", context
    )
    return [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core found serious or critical problems on {url}:"]
    for violation in violations:
        lines.append(
            f"  {violation['id']} ({violation['impact']}): {violation['help']}"
        )
        lines += [f"    {' '.join(node['target'])}" for node in violation["nodes"]]
    return "\n".join(lines)


def check_accessibility(page: Page, **options) -> None:
    violations = axe_violations(page, **options)
    assert not violations, describe_violations(page.url, violations)


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0: no side scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def screenshot(page: Page, name: str) -> Path:
    """A full-page PNG in artifacts/e2e/ (git-ignored), named after the view."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def pick_autocomplete(page: Page, select_id: str, text: str) -> None:
    """Choose `text` in an admin autocomplete (select2) field, as a person would."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    dropdown = page.locator(".select2-container--open")
    dropdown.locator(".select2-search__field").fill(text)
    dropdown.locator(".select2-results__option", has_text=text).first.click()


def write_body(page: Page, text: str) -> None:
    """Type `text` into the body editor (ProseMirror), replacing what is there."""
    body = page.get_by_role("textbox", name="Body")
    body.click()
    body.press("Control+a")
    body.press("Delete")
    body.press_sequentially(text)
