"""Start-up check: a bad rule path in COPY_CHECK_RULES stops the site."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .engine import Severity


def check_copy_rules(app_configs=None, **kwargs):
    from .engine import get_rules

    try:
        rules = get_rules()
    except ImproperlyConfigured as exc:
        return [
            checks.Error(
                str(exc),
                hint="See README, 'Adding a copy-desk rule'.",
                id="copydesk.E001",
            )
        ]
    errors, names = [], set()
    for rule in rules:
        label = type(rule).__name__
        if not getattr(rule, "name", "") or not callable(getattr(rule, "check", None)):
            errors.append(
                checks.Error(
                    f"{label} needs a name and a check(copy) method.",
                    hint="See README, 'Adding a copy-desk rule'.",
                    id="copydesk.E002",
                )
            )
        elif getattr(rule, "severity", None) not in Severity.values:
            errors.append(
                checks.Error(
                    f"{label}.severity must be one of {', '.join(Severity.values)}.",
                    id="copydesk.E003",
                )
            )
        elif rule.name in names:
            errors.append(
                checks.Error(f"Two rules are named {rule.name!r}.", id="copydesk.E004")
            )
        names.add(getattr(rule, "name", ""))
    return errors
