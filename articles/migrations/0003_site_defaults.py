"""Name the site and give it a local domain instead of Django's example.com.

Production sets its own in admin (Sites); feeds, sitemaps and JSON-LD build
absolute URLs from it.
"""

from django.conf import settings
from django.db import migrations


def forward(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    sites = Site.objects.using(schema_editor.connection.alias)
    defaults = {"domain": "127.0.0.1:8000", "name": "The Daily Ledger"}
    if not sites.exists():
        # Before sites' post_migrate handler would create example.com.
        sites.create(**defaults)
    else:
        sites.filter(pk=settings.SITE_ID, domain="example.com").update(**defaults)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_article_search_trigger"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
