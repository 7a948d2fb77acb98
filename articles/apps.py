import warnings

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from PIL import Image

        from . import revisions
        from .roles import ensure_roles

        # Pillow only warns between 1x and 2x MAX_IMAGE_PIXELS and Django's
        # ImageField accepts such a file; as an error, it is refused instead.
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        post_migrate.connect(
            ensure_roles, sender=self, dispatch_uid="articles.ensure_roles"
        )
        self.connect_cache_invalidation()
        revisions.register()
        self.connect_image_uses()

    def connect_image_uses(self):
        from .image_library import article_saved
        from .models import Article

        post_save.connect(
            article_saved, sender=Article, dispatch_uid="articles.image_uses"
        )

    def connect_cache_invalidation(self):
        """Any change readers can see starts a new page-cache generation."""
        from django.contrib.flatpages.models import FlatPage
        from django.contrib.redirects.models import Redirect
        from django.contrib.sites.models import Site

        from newsroom import pagecache
        from newsroom.pagecache import content_changed

        from .frontpage import next_expiry
        from .models import (
            Article,
            ArticleAuthor,
            Author,
            FrontPagePin,
            Image,
            Section,
            Tag,
        )

        # A scheduled story going live and a pin expiring change pages by
        # themselves: no page is kept past either.
        for timed in (Article.objects.next_publish_time, next_expiry):
            if timed not in pagecache.timed_changes:
                pagecache.timed_changes.append(timed)
        for model in (
            Article,
            ArticleAuthor,
            Author,
            FrontPagePin,
            Image,
            Section,
            Tag,
            FlatPage,
            Redirect,
            Site,
        ):
            uid = f"pagecache.{model._meta.label}"
            post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}.save")
            post_delete.connect(
                content_changed, sender=model, dispatch_uid=f"{uid}.delete"
            )
        m2m_changed.connect(
            content_changed,
            sender=Article.tags.through,
            dispatch_uid="pagecache.article_tags",
        )
