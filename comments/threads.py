"""The comment area of an article page: a page of threads, built in three queries."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q

from .models import Comment


@dataclass
class Node:
    comment: Comment
    children: list["Node"] = field(default_factory=list)


def visible_to(viewer_ids: list[int]) -> Q:
    """Approved comments, plus this browser's own held ones."""
    own = Q(pk__in=viewer_ids, status__in=[Comment.Status.PENDING, Comment.Status.SPAM])
    return (
        Q(status=Comment.Status.APPROVED) | own
        if viewer_ids
        else Q(status=Comment.Status.APPROVED)
    )


def thread_page(article, page_number, viewer_ids: list[int]):
    """(page of top-level comments, their threads as nodes): oldest first."""
    roots = Comment.objects.filter(visible_to(viewer_ids), article=article, parent=None)
    paginator = Paginator(
        roots.order_by("created_at", "pk"), settings.COMMENT_THREADS_PER_PAGE
    )
    try:
        page = paginator.page(page_number or 1)
    except (EmptyPage, PageNotAnInteger):
        page = paginator.page(paginator.num_pages if page_number else 1)
    nodes = {c.pk: Node(c) for c in page.object_list}
    if nodes:
        replies = Comment.objects.filter(
            visible_to(viewer_ids), article=article, thread_id__in=list(nodes)
        ).order_by("created_at", "pk")
        for reply in replies:
            nodes[reply.pk] = Node(reply)
        for reply_node in [n for n in nodes.values() if n.comment.parent_id]:
            parent = nodes.get(reply_node.comment.parent_id)
            if parent is not None:  # a reply to a hidden comment stays hidden
                parent.children.append(reply_node)
    return page, [nodes[c.pk] for c in page.object_list]


def comment_url(comment: Comment) -> str:
    """The comment's place on the article, on the comment page that shows it."""
    root_id = comment.thread_id or comment.pk
    root = comment if root_id == comment.pk else Comment.objects.get(pk=root_id)
    earlier = (
        Comment.objects.approved()
        .filter(article_id=comment.article_id, parent=None)
        .filter(
            Q(created_at__lt=root.created_at)
            | Q(created_at=root.created_at, pk__lt=root.pk)
        )
        .count()
    )
    page = earlier // settings.COMMENT_THREADS_PER_PAGE + 1
    query = f"?cpage={page}" if page > 1 else ""
    return f"{comment.article.get_absolute_url()}{query}#{comment.anchor}"
