import warnings

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from PIL import Image

        from .roles import ensure_roles

        # Pillow only warns between 1x and 2x MAX_IMAGE_PIXELS and Django's
        # ImageField accepts such a file; as an error, it is refused instead.
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        post_migrate.connect(
            ensure_roles, sender=self, dispatch_uid="articles.ensure_roles"
        )
