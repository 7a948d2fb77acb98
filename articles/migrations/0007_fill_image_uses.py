"""Record where existing images are used (lead images and article bodies)."""

import re
from pathlib import PurePosixPath

from django.db import migrations

STEM = re.compile(r"/([0-9a-f]{32})(?=[-./])")
DATA_FILE = re.compile(r'data-file="(\d+)"')


def fill_image_uses(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("articles", "Image")
    ImageUse = apps.get_model("articles", "ImageUse")
    # The database being migrated: a router would send reads to a replica.
    db = schema_editor.connection.alias
    by_stem = {}
    images = Image.objects.using(db).values_list("pk", "file", "renditions")
    for pk, name, renditions in images:
        by_stem[PurePosixPath(name).stem] = pk
        for entry in (renditions or {}).values():
            by_stem[PurePosixPath(entry["name"]).parent.name] = pk
    image_ids = set(by_stem.values())
    uses = []
    articles = Article.objects.using(db).values_list("pk", "lead_image_id", "body")
    for pk, lead_image_id, body in articles.iterator(chunk_size=2000):
        if lead_image_id:
            uses.append(ImageUse(article_id=pk, image_id=lead_image_id, kind="lead"))
        found = {by_stem[s] for s in STEM.findall(body or "") if s in by_stem}
        found |= {int(i) for i in DATA_FILE.findall(body or "")} & image_ids
        uses += [ImageUse(article_id=pk, image_id=i, kind="body") for i in found]
    ImageUse.objects.using(db).bulk_create(uses, batch_size=2000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_image_library")]

    operations = [migrations.RunPython(fill_image_uses, migrations.RunPython.noop)]
