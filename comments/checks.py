"""Start-up checks: a bad checker path or an invalid Akismet key stops the site."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def check_spam_checkers(app_configs=None, **kwargs):
    from .spam import get_spam_checkers

    try:
        checkers = get_spam_checkers()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="comments.E001")]
    errors = []
    for checker in checkers:
        if not callable(getattr(checker, "check", None)):
            errors.append(
                checks.Error(
                    f"{type(checker).__name__} has no check(comment, context) method.",
                    hint="See README, 'Adding a spam checker'.",
                    id="comments.E002",
                )
            )
    return errors


def check_akismet_key(app_configs=None, **kwargs):
    """Verify the key with Akismet (deploy checks: `check --deploy`, `make serve`)."""
    if not settings.AKISMET_API_KEY:
        return []
    from .akismet import record_key_problem, verify_key

    valid = verify_key()
    if valid is False:
        record_key_problem("the API key or site URL is invalid")
        return [
            checks.Error(
                "Akismet rejected AKISMET_API_KEY for this site URL.",
                hint="Check AKISMET_API_KEY and AKISMET_BLOG_URL.",
                id="comments.E003",
            )
        ]
    if valid is None:
        return [
            checks.Warning(
                "Akismet could not be reached to verify the key.", id="comments.W001"
            )
        ]
    return []
