"""What the comment area of an article page shows, for the Jinja2 templates."""

import re

from crispy_forms.utils import render_crispy_form

from django.conf import settings
from django.utils.html import Urlizer, escape
from django.utils.safestring import mark_safe

from . import drafts
from .cookies import own_comment_ids, saved_commenter
from .forms import CommentForm
from .models import Comment
from .own import editable_ids
from .services import comments_open
from .spam import spam_notices
from .threads import thread_page


class _CommentUrlizer(Urlizer):
    """Links only explicit http(s) URLs, never bare domains; all links are ugc."""

    simple_url_2_re = re.compile(r"(?!)")  # matches nothing
    url_template = '<a href="{href}" rel="nofollow ugc noopener">{url}</a>'


_urlize = _CommentUrlizer()
_MAILTO_RE = re.compile(r'<a href="mailto:[^"]*" rel="nofollow ugc noopener">(.*?)</a>')


def linked_text(text: str) -> str:
    """Escaped, with http(s) URLs linked."""
    if "://" in text or "@" in text:
        linked = _urlize(text, autoescape=True)
        # Email addresses stay text: a link would only help harvesters.
        return _MAILTO_RE.sub(r"\1", linked)
    # Nothing urlize would link: escaping alone gives the same output, and
    # urlize's word-by-word matching was most of a comment page's time.
    return escape(text)


def comment_text(text):
    """Plain text: HTML escaped, http(s) URLs linked, line breaks kept."""
    linked = linked_text(str(text))
    paragraphs = [p.replace("\n", "<br>") for p in re.split(r"\n\s*\n", linked.strip())]
    return mark_safe("".join(f"<p>{p}</p>" for p in paragraphs if p))


def crispy(form):
    """A form as crispy-forms renders it (Django templates), safe to place."""
    return mark_safe(render_crispy_form(form))


def _approved_comment(article, raw_id):
    """The approved comment an untrusted id names, or None ("²" is a digit too)."""
    if raw_id and re.fullmatch(r"[0-9]{1,18}", str(raw_id)):
        return (
            Comment.objects.approved().filter(pk=int(raw_id), article=article).first()
        )
    return None


def comment_area(request, article, form=None):
    """Threads, the reader's own held comments and the form, for an article page."""
    viewer_ids = own_comment_ids(request)
    page, threads = thread_page(article, request.GET.get("cpage"), viewer_ids)
    is_open = comments_open(article)
    form = form or drafts.draft_form(request, article)
    reply_to = None
    if form is None and is_open:
        initial = saved_commenter(request)
        initial = {"author_name": initial.get("name", ""), "author_email": initial.get("email", ""),
                   "author_url": initial.get("url", ""), "remember": bool(initial)}  # fmt: skip
        reply_to = _approved_comment(article, request.GET.get("replyto"))
        if reply_to:
            initial["parent"] = reply_to.pk
        form = CommentForm(initial=initial, article=article)
    elif form is not None:
        reply_to = _approved_comment(article, form.data.get("parent"))
    return {
        "page": page,
        "threads": threads,
        "form": form,
        "comments_open": is_open,
        "reply_to": reply_to,
        "notices": spam_notices(),
        "editable_ids": editable_ids(request),
        "edit_minutes": settings.COMMENT_EDIT_WINDOW_MINUTES,
    }
