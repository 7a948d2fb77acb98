"""What came from WordPress: one row per imported thing, and its old paths."""

from django.db import models


class WordPressItem(models.Model):
    """A WordPress id (and GUID) and the row it became here.

    Re-imports find their rows through it: unchanged source (same hash) is
    left alone, changed source updates the row, a row deleted here is made
    again.
    """

    class Kind(models.TextChoices):
        SECTION = "category", "Category → section"
        TAG = "tag", "Tag"
        AUTHOR = "author", "Author"
        ARTICLE = "post", "Post → article"
        PAGE = "page", "Page → flat page"
        IMAGE = "attachment", "Attachment → image"
        COMMENT = "comment", "Comment"

    # The exporting site (host and path, no scheme): two sites' ids differ.
    site = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # Post, comment and term ids; authors are keyed on their login.
    wp_id = models.CharField(max_length=200)
    guid = models.CharField(max_length=500, blank=True)
    object_id = models.BigIntegerField()
    source_hash = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "wp_id"], name="unique_wordpress_item"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "wp_id"], name="wordpress_item_wp_id_idx"),
            models.Index(fields=["kind", "guid"], name="wordpress_item_guid_idx"),
        ]

    def __str__(self):
        return f"WordPress {self.kind} {self.wp_id} → {self.object_id}"


class LegacyPath(models.Model):
    """An address the WordPress site answered; LegacyURLMiddleware sends it on."""

    # Decoded, starting and ending with "/": "/2024/05/01/budget-vote/"; or
    # a home-page query naming a slug or user id: "/?tag=budget", "/?author=3".
    path = models.CharField(max_length=500, unique=True)
    item = models.ForeignKey(
        WordPressItem, on_delete=models.CASCADE, related_name="legacy_paths"
    )

    def __str__(self):
        return self.path
