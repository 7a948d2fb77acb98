from django import template

from ..models import Comment, ServiceAlert

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_comment_count(context):
    """Comments awaiting a moderator; None for staff who cannot see comments."""
    if not context["request"].user.has_perm("comments.view_comment"):
        return None
    return Comment.objects.awaiting_moderation().count()


@register.simple_tag(takes_context=True)
def open_service_alerts(context):
    if not context["request"].user.has_perm("comments.view_comment"):
        return []
    return list(ServiceAlert.objects.filter(resolved_at__isnull=True)[:5])


@register.simple_tag(takes_context=True)
def moderation_counts(context):
    """Pending and reported counts for the admin navigation; None for staff
    who cannot see comments."""
    request = context.get("request")
    if request is None or not request.user.has_perm("comments.view_comment"):
        return None
    comments = Comment.objects.all()
    return {
        "pending": comments.awaiting_moderation().count(),
        "reported": comments.reported().count(),
    }
