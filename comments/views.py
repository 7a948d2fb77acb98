import logging
from urllib.parse import urlsplit

from django_ratelimit.core import is_ratelimited

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import Article
from articles.views import ArticleDetailView

from . import cookies, drafts, timetrap
from .forms import CommentForm
from .models import Comment
from .services import CommentRefused, submit_comment
from .spam import CommentContext
from .threads import comment_url

logger = logging.getLogger(__name__)


def client_ip(request) -> str | None:
    # REMOTE_ADDR only: the proxy sets it right (gunicorn forwarded_allow_ips).
    return request.META.get("REMOTE_ADDR") or None


def render_article_with_form(request, article, form, *, status):
    """The article page again, with the reader's text and the errors beside it."""
    view = ArticleDetailView()
    view.setup(request, section=article.section.slug, slug=article.slug)
    view.object = article
    context = view.get_context_data(object=article, comment_form=form)
    response = view.render_to_response(context)
    response.status_code = status
    return response


def over_rate_limit(request) -> bool:
    """COMMENT_RATE_LIMIT per IP, counted in the shared cache."""
    try:
        return is_ratelimited(
            request,
            group="comments.post",
            key="ip",
            rate=settings.COMMENT_RATE_LIMIT,
            method="POST",
            increment=True,
        )
    except Exception:
        # Fail open: a cache outage must not block every reader. Cache
        # clients raise their own error types, hence the broad catch; the
        # flood and duplicate checks in the database still apply.
        logger.exception("Comment rate limit unavailable (cache error)")
        return False


def from_this_site(request) -> bool:
    """The POST came from one of this site's pages (Origin, else Referer).

    This is the CSRF defence for the comment form: browsers send Origin with
    every cross-site POST. A cookie-bound CSRF token would tie the article
    page to one reader, and the page could not be cached and shared.
    """
    # Fetch metadata, where the browser sends it, says it outright.
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in (
        "same-origin",
        "none",
    ):
        return False
    allowed = {
        f"{request.scheme}://{request.get_host()}",
        *settings.CSRF_TRUSTED_ORIGINS,
    }
    origin = request.headers.get("Origin")
    if origin:
        return origin in allowed  # "null" (sandboxed or stripped) is refused too
    referer = request.headers.get("Referer")
    if not referer:
        return not request.is_secure()  # HTTPS browsers always send one
    parts = urlsplit(referer)
    return f"{parts.scheme}://{parts.netloc}" in allowed


@csrf_exempt
@require_POST
def post_comment(request, article_id):
    try:
        return _post_comment(request, article_id)
    except DatabaseError:
        # The comment was not stored (a failure inside the transaction rolls
        # it back): give the reader their text back instead of a bare 503.
        # A broken connection is dropped when the request ends (Django's
        # request_finished check), so the next request reconnects.
        logger.exception("Comment not stored: database error")
        return post_unavailable(request)


def post_unavailable(request):
    """The form again with the reader's text, rendered without the database."""
    fields = ("body", "author_name", "author_email", "author_url", "remember",
              "parent", "token", "homepage")  # fmt: skip
    context = {
        "action": f"{request.path}#comment-form",
        "data": {name: request.POST.get(name, "") for name in fields},
    }
    html = render_to_string("comments/post_unavailable.html", context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    return response


def _post_comment(request, article_id):
    article = get_object_or_404(
        Article.objects.published().select_related("section"), pk=article_id
    )
    form = CommentForm(request.POST, article=article)
    if not from_this_site(request):
        form.is_valid()
        form.add_error(
            None,
            "This comment did not come from our page, so it was not posted. "
            "Your text is still here: please post it again.",
        )
        return render_article_with_form(request, article, form, status=403)
    if over_rate_limit(request):
        form.is_valid()
        form.add_error(
            None,
            "You have posted several comments in a short time. Please wait a "
            "minute and submit again: your comment is still here.",
        )
        return render_article_with_form(request, article, form, status=429)
    if not form.is_valid():
        return answer_form_errors(request, article, form)
    data = form.cleaned_data
    parent = None
    if data.get("parent"):
        parent = Comment.objects.filter(pk=data["parent"], article=article).first()
        if parent is None:
            form.add_error(None, "The comment you were replying to is no longer here.")
            return render_article_with_form(request, article, form, status=400)
    time_trap = timetrap.claim_token(form.token_data)
    context = CommentContext(
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        referrer=request.META.get("HTTP_REFERER", ""),
        permalink=request.build_absolute_uri(article.get_absolute_url()),
        honeypot_filled=bool(data.get("homepage")),
        token_valid=form.token_data is not None,
        seconds_to_submit=(
            form.seconds_to_submit if time_trap == timetrap.FRESH else None
        ),
        time_trap=time_trap,
    )
    try:
        comment = submit_comment(
            article=article,
            name=data["author_name"],
            email=data["author_email"],
            url=data["author_url"],
            body=data["body"],
            parent=parent,
            context=context,
            submission_key=form.submission_key(),
            notify=bool(data.get("notify")),
        )
    except CommentRefused as exc:
        form.add_error(None, str(exc))
        return render_article_with_form(request, article, form, status=400)
    return redirect_after_post(request, comment, remember=data.get("remember"))


def answer_form_errors(request, article, form):
    """Post/Redirect/Get: back to the article's form (303), where the reader's
    text and the errors wait (comments.drafts); in place if too long."""
    response = HttpResponseRedirect(f"{article.get_absolute_url()}#leave-comment")
    response.status_code = 303
    if drafts.keep_draft(request, response, form, article):
        return response
    return render_article_with_form(request, article, form, status=400)


def redirect_after_post(request, comment, *, remember: bool):
    # Worked out before the commit by submit_comment: a query failing now
    # would answer 503 for a stored comment, and the reader post it again.
    url = getattr(comment, "landing_url", None) or comment_url(comment)
    response = HttpResponseRedirect(url)
    if comment.status == Comment.Status.APPROVED:
        messages.success(request, "Thank you: your comment is published.")
    else:
        # Spam looks the same to the poster as held: nothing to learn from it.
        messages.info(request, "Thank you: your comment is awaiting moderation.")
    # Shows a held comment to its poster, and lets them edit it (comments.own).
    cookies.remember_own_comment(request, response, comment)
    drafts.forget_draft(request, response)
    if remember:
        cookies.save_commenter(request, response, comment)
    else:
        cookies.forget_commenter(request, response)
    return response
