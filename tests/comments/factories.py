from datetime import timedelta

from django.utils import timezone

from comments.models import Comment


def make_comment(article, **overrides) -> Comment:
    """An approved top-level comment, posted an hour ago, unless overridden."""
    parent = overrides.pop("parent", None)
    fields = {
        "author_name": "Reader",
        "author_email": "reader@example.com",
        "body": "A comment.",
        "status": Comment.Status.APPROVED,
        "created_at": timezone.now() - timedelta(hours=1),
        "ip_address": "198.51.100.1",
        "user_agent": "Browser",
    } | overrides
    if parent is not None:
        fields |= {"parent": parent, "thread_id": parent.thread_id or parent.pk,
                   "depth": parent.depth + 1}  # fmt: skip
    return Comment.objects.create(article=article, **fields)
