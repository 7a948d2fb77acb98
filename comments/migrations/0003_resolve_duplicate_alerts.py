from django.db import migrations
from django.utils import timezone


def resolve_duplicates(apps, schema_editor):
    """Keep the oldest open alert of each kind; resolve the copies a race made."""
    ServiceAlert = apps.get_model("comments", "ServiceAlert")
    # The database being migrated: a router would send reads to a replica.
    alerts = ServiceAlert.objects.using(schema_editor.connection.alias)
    seen = set()
    for alert in alerts.filter(resolved_at__isnull=True).order_by("created_at", "pk"):
        kind = (alert.service, alert.code)
        if kind in seen:
            alert.resolved_at = timezone.now()
            alert.save(update_fields=["resolved_at"])
        seen.add(kind)


class Migration(migrations.Migration):
    dependencies = [("comments", "0002_comment_roots_page_idx")]

    operations = [migrations.RunPython(resolve_duplicates, migrations.RunPython.noop)]
