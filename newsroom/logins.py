"""Admin login limits beyond django-axes' per user-and-address lockout.

Axes (AXES_FAILURE_LIMIT per username *and* address) stops one machine
guessing one password, but never slows one address trying many usernames
(spraying) or many addresses guessing one username. Two wider limits, over
the same window (AXES_COOLOFF_TIME) and the same records (axes' table, in
the database, so they hold with Redis down):

* an address with LOGIN_THROTTLE_ADDRESS_FAILURES failures, any usernames;
* a username with LOGIN_THROTTLE_USERNAME_FAILURES failures, any addresses.

Neither applies from an address the user has signed in from before (within
LOGIN_KNOWN_ADDRESS_DAYS): an attacker can hold a username's wider limit
down, but cannot lock its owner out of their usual places, and every lock
ends one window after the failures stop (docs/deploy.md, "Admin logins").
"""

from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt, AccessLog

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def _failures(**match) -> int:
    window = get_cool_off()  # None: axes never forgets; count a day then
    since = timezone.now() - (timedelta(days=1) if window is None else window)
    recent = AccessAttempt.objects.filter(attempt_time__gte=since, **match)
    return recent.aggregate(n=Sum("failures_since_start"))["n"] or 0


def known_address(username: str, ip: str | None) -> bool:
    """The user signed in from this address within LOGIN_KNOWN_ADDRESS_DAYS."""
    since = timezone.now() - timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS)
    return AccessLog.objects.filter(
        username=username, ip_address=ip, attempt_time__gte=since
    ).exists()


def wider_limit_reached(username: str | None, ip: str | None) -> str | None:
    """Which wider limit refuses this attempt, if any (see the module)."""
    if username and known_address(username, ip):
        return None
    if ip and _failures(ip_address=ip) >= settings.LOGIN_THROTTLE_ADDRESS_FAILURES:
        return "address"
    if (
        username
        and _failures(username=username) >= settings.LOGIN_THROTTLE_USERNAME_FAILURES
    ):
        return "username"
    return None


class ThrottledAxesBackend(AxesStandaloneBackend):
    """Axes' backend (first in AUTHENTICATION_BACKENDS) plus the wider limits."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        super().authenticate(request, username, password, **kwargs)
        if request is None or not settings.AXES_ENABLED:
            return None
        limit = wider_limit_reached(username, get_client_ip_address(request))
        if limit is None:
            return None
        # Axes' middleware turns this flag into its lockout page (429), and
        # its failure signal records the attempt like any other.
        request.axes_locked_out = True
        raise AxesBackendPermissionDenied(f"too many failed logins per {limit}")
