"""A reader edits or deletes their own comment, for a short window, from the
browser that posted it (the signed own_comments cookie, comments.cookies)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from . import services
from .cookies import own_comment_ids
from .models import Comment
from .threads import comment_url
from .views import from_this_site


class OwnCommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment", max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 5000}),
    )  # fmt: skip

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError("Please write a comment.")
        return body


def editable_ids(request) -> set[int]:
    """This browser's comments still in the edit window (no query without
    the cookie, so other readers' pages cost nothing)."""
    ids = own_comment_ids(request)
    if not ids:
        return set()
    since = timezone.now() - timezone.timedelta(
        minutes=settings.COMMENT_EDIT_WINDOW_MINUTES
    )
    return set(
        Comment.objects.filter(pk__in=ids, created_at__gt=since)
        .exclude(status=Comment.Status.TRASH)
        .values_list("pk", flat=True)
    )


def _own_comment(request, comment_id) -> Comment:
    if comment_id not in own_comment_ids(request):
        raise Http404("Not a comment from this browser.")
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or not services.in_edit_window(comment):
        raise Http404("This comment can no longer be changed.")
    return comment


@csrf_exempt
def edit_view(request, comment_id):
    comment = _own_comment(request, comment_id)
    form = OwnCommentForm(request.POST or None, initial={"body": comment.body})
    status = 200
    if request.method == "POST":
        if not from_this_site(request):
            form.is_valid()
            form.add_error(None, "This edit did not come from our page.")
            status = 403
        elif form.is_valid():
            try:
                services.edit_own_comment(
                    comment=comment, body=form.cleaned_data["body"]
                )
            except (services.CommentRefused, ValidationError) as exc:
                form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
                status = 400
            else:
                if comment.status == Comment.Status.APPROVED:
                    messages.success(request, "Your comment is updated.")
                else:
                    messages.info(request, "Your comment is updated and awaits "
                                           "moderation.")  # fmt: skip
                return HttpResponseRedirect(comment_url(comment), status=303)
        else:
            status = 400
    context = {"comment": comment, "form": form, "article": comment.article,
               "deadline": comment.created_at + timezone.timedelta(
                   minutes=settings.COMMENT_EDIT_WINDOW_MINUTES)}  # fmt: skip
    return render(request, "comments/edit.html", context, status=status)


@csrf_exempt
def delete_view(request, comment_id):
    comment = _own_comment(request, comment_id)
    if request.method == "POST":
        if not from_this_site(request):
            raise Http404("This request did not come from our page.")
        article_url = comment.article.get_absolute_url()
        services.delete_own_comment(comment=comment)
        messages.success(request, "Your comment is deleted.")
        return HttpResponseRedirect(f"{article_url}#comments", status=303)
    context = {"comment": comment, "article": comment.article}
    return render(request, "comments/delete.html", context)
