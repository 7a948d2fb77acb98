"""The form's time trap on cached pages.

The token rendered into an article page is shared by every reader of a cached
copy, so its age says nothing about one reader. When the form is first
focused, static/js/comment-form.js fetches a reader token from `token_view`;
only a reader token, used once, feeds the time trap. Anything else (no
script, a page token, a replayed reader token) counts as "unknown", never as
"too fast": the comment is checked by everything else as before.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from .forms import READER_TOKEN, make_form_token

logger = logging.getLogger(__name__)

FRESH = "fresh"  # a reader token, first use: its time counts
UNKNOWN = "unknown"  # a page token or no token time
REPLAYED = "replayed"  # a reader token used before


@require_GET
def token_view(request):
    response = JsonResponse({"token": make_form_token(READER_TOKEN)})
    # Per reader by definition: no cache may keep or share it.
    patch_cache_control(response, no_store=True, private=True)
    return response


def claim_token(token_data: dict | None) -> str:
    """FRESH for a reader token's first use, REPLAYED after; else UNKNOWN."""
    if not token_data or token_data.get("k") != READER_TOKEN:
        return UNKNOWN
    try:
        first = cache.add(
            f"comments:token-used:{token_data['n']}",
            1,
            timeout=settings.COMMENT_FORM_MAX_AGE_SECONDS,
        )
    except Exception:
        # Fail open to "unknown": a cache outage must not make readers spam.
        # Cache clients raise their own error types, hence the broad catch.
        logger.exception("Form token check unavailable (cache error)")
        return UNKNOWN
    return FRESH if first else REPLAYED
