"""Reports from readers: a reason per report, one report per reader per
comment (a signed reader cookie, the IP address when there is none), rate
limited like posting. The thresholds live in services.report_comment."""

import hashlib
import logging
import secrets

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django_ratelimit.core import is_ratelimited

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from . import services
from .models import Comment, CommentReport
from .threads import comment_url
from .views import client_ip, from_this_site

logger = logging.getLogger(__name__)

READER_COOKIE = "reader"
READER_COOKIE_MAX_AGE = 365 * 24 * 3600


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        choices=CommentReport.Reason.choices,
        widget=forms.RadioSelect,
        label="What is wrong with this comment?",
    )
    note = forms.CharField(
        required=False,
        max_length=500,
        label="Anything a moderator should know (needed for “Something else”)",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )

    def __init__(self, *args, comment=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "report-form"
        # No cookie-bound CSRF token, as the comment form: the Origin check.
        self.helper.disable_csrf = True
        if comment is not None:
            self.helper.form_action = reverse("comments:report", args=[comment.pk])
        self.helper.layout = Layout(
            Field("reason"), Field("note"), Submit("submit", "Send report")
        )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("reason") == CommentReport.Reason.OTHER
            and not (cleaned.get("note") or "").strip()
        ):
            self.add_error("note", "Please say what is wrong with the comment.")
        return cleaned


def reader_id(request) -> str | None:
    try:
        value = request.get_signed_cookie(READER_COOKIE, default="", salt=READER_COOKIE)
    except signing.BadSignature:
        return None
    return value or None


def reporter_key(value: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()


def over_report_limit(request) -> bool:
    """COMMENT_RATE_LIMIT per IP, as for posting."""
    try:
        return is_ratelimited(
            request, group="comments.report", key="ip",
            rate=settings.COMMENT_RATE_LIMIT, method="POST", increment=True,
        )  # fmt: skip
    except Exception:
        # Fail open, as posting does: the one-per-reader rule still holds.
        logger.exception("Report rate limit unavailable (cache error)")
        return False


@csrf_exempt
def report_view(request, comment_id):
    comment = get_object_or_404(
        Comment.objects.approved().select_related("article"), pk=comment_id
    )
    if request.method != "POST":
        return _page(request, comment, ReportForm(comment=comment))
    form = ReportForm(request.POST, comment=comment)
    if not from_this_site(request):
        form.is_valid()
        form.add_error(None, "This report did not come from our page.")
        return _page(request, comment, form, status=403)
    if over_report_limit(request):
        form.is_valid()
        form.add_error(None, "You have sent several reports in a short time. "
                             "Please wait a minute and send it again.")  # fmt: skip
        return _page(request, comment, form, status=429)
    if not form.is_valid():
        return _page(request, comment, form, status=400)
    known = reader_id(request)
    ip = client_ip(request)
    new_id = None if known else secrets.token_urlsafe(16)
    try:
        services.report_comment(
            comment=comment,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"].strip(),
            reporter_key=reporter_key(known or new_id),
            ip=ip,
            check_ip=known is None,
        )
    except services.CommentRefused as exc:
        messages.info(request, str(exc))
    else:
        messages.success(
            request, "Thank you for your report: a moderator will look at it."
        )
    comment.refresh_from_db(fields=["status"])
    if comment.status == Comment.Status.APPROVED:
        url = comment_url(comment)
    else:
        url = f"{comment.article.get_absolute_url()}#comments"
    response = HttpResponseRedirect(url, status=303)
    if new_id:
        response.set_signed_cookie(
            READER_COOKIE, new_id, salt=READER_COOKIE, max_age=READER_COOKIE_MAX_AGE,
            path="/comments/report/",
            httponly=True, samesite="Lax", secure=request.is_secure(),
        )  # fmt: skip
    return response


def _page(request, comment, form, status=200):
    context = {"comment": comment, "article": comment.article, "form": form}
    return render(request, "comments/report.html", context, status=status)
