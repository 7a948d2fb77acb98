from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .engine import Severity


class CopyFindingQuerySet(models.QuerySet):
    def unresolved(self):
        """What still needs the desk: not overridden by an editor."""
        return self.filter(override__isnull=True)

    def errors(self):
        return self.filter(severity=Severity.ERROR)

    def blocking(self):
        """Errors no editor has overridden: these stop publishing."""
        return self.errors().unresolved()


class CopyFinding(models.Model):
    """One slip found at the article's last check (replaced at each check)."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="copy_findings"
    )
    rule = models.CharField(max_length=60)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    message = models.CharField(max_length=300)
    field = models.CharField(max_length=40)
    place = models.CharField(max_length=100)
    paragraph = models.PositiveIntegerField(null=True, blank=True)
    excerpt = models.CharField(max_length=400)
    mark_start = models.PositiveIntegerField(default=0)
    mark_end = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64)
    override = models.ForeignKey(
        "CopyOverride",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
    )
    checked_at = models.DateTimeField()

    objects = CopyFindingQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [
            # The list's count and "has copy errors" filter, per article.
            models.Index(
                fields=["article", "severity"],
                condition=models.Q(override__isnull=True),
                name="copyfinding_unresolved_idx",
            ),
        ]

    def __str__(self):
        return f"{self.place}: {self.message}"


class CopyOverride(models.Model):
    """An editor's decision that an error may go out as it is, and why."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="copy_overrides"
    )
    fingerprint = models.CharField(max_length=64)
    rule = models.CharField(max_length=60)
    message = models.CharField(max_length=300)
    excerpt = models.CharField(max_length=400)
    reason = models.TextField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("override_finding", "Can override copy desk errors")]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "fingerprint"], name="unique_copy_override"
            )
        ]

    def __str__(self):
        return f"{self.rule} overridden on {self.article_id}"


def _count(severity):
    unresolved = (
        CopyFinding.objects.filter(article=OuterRef("pk"), severity=severity)
        .unresolved()
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(unresolved), 0)


def with_copy_counts(articles):
    """Articles annotated with copy_errors and copy_warnings still open."""
    return articles.annotate(
        copy_errors=_count(Severity.ERROR), copy_warnings=_count(Severity.WARNING)
    )


def with_copy_errors(articles, present=True):
    """Articles that have (or, present=False, don't have) a blocking error."""
    blocking = CopyFinding.objects.blocking().filter(article=OuterRef("pk"))
    return articles.filter(Exists(blocking) if present else ~Exists(blocking))
