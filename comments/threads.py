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


# What a comment on the page shows (templates/jinja2/comments/_comment.html):
# not the moderation columns (address, user agent, form signals' JSON).
SHOWN_FIELDS = (
    "article_id", "parent_id", "thread_id", "depth", "author_name", "author_url",
    "body", "is_staff_reply", "status", "created_at",
)  # fmt: skip


def thread_page(article, page_number, viewer_ids: list[int]):
    """(page of top-level comments, their threads as nodes): oldest first."""
    shown = Comment.objects.only(*SHOWN_FIELDS)
    roots = shown.filter(visible_to(viewer_ids), article=article, parent=None)
    paginator = Paginator(
        roots.order_by("created_at", "pk"), settings.COMMENT_THREADS_PER_PAGE
    )
    try:
        page = paginator.page(page_number or 1)
    except (EmptyPage, PageNotAnInteger):
        page = paginator.page(paginator.num_pages if page_number else 1)
    nodes = {c.pk: Node(c) for c in page.object_list}
    if nodes:
        replies = shown.filter(
            visible_to(viewer_ids), article=article, thread_id__in=list(nodes)
        ).order_by("created_at", "pk")
        for reply in replies:
            nodes[reply.pk] = Node(reply)
        _build_tree(nodes, settings.COMMENT_MAX_DEPTH)
    return page, [nodes[c.pk] for c in page.object_list]


def _build_tree(nodes: dict[int, Node], max_depth: int) -> None:
    """Hang each reply under its parent, never deeper than the display depth.

    The template nests one include per level, so depth must stay bounded
    whatever the rows say (a chain forged in the database, a cycle):
    replies deeper than max_depth - 1 join their ancestor's replies at the
    deepest level, as submit_comment places them. No recursion here either.
    """
    hidden = -1
    depth = {pk: 0 for pk, node in nodes.items() if node.comment.parent_id is None}
    shown_under: dict[int, int] = {}  # reply -> the node it is shown under
    for start in nodes:
        chain, seen, pk = [], set(), start
        while pk not in depth:  # up to a node already placed
            chain.append(pk)
            seen.add(pk)
            pk = nodes[pk].comment.parent_id
            if pk not in nodes or pk in seen:
                pk = None  # a reply to a hidden comment, or a cycle
                break
        if pk is None or depth[pk] == hidden:
            depth.update(dict.fromkeys(chain, hidden))
            continue
        for pk in reversed(chain):
            parent = nodes[pk].comment.parent_id
            while depth[parent] >= max_depth - 1 and parent in shown_under:
                parent = shown_under[parent]
            shown_under[pk], depth[pk] = parent, depth[parent] + 1
            nodes[parent].children.append(nodes[pk])


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
