"""The article admin's side of no lost updates: conflicts and the edit lock."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from . import locking
from .models import EditConflict


class EditLockAdminMixin:
    """Put before admin.ModelAdmin: post lock on the form and list, stale saves refused."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/lock/",
                view(require_POST(self.lock_view)),
                name="{}_{}_lock".format(*info),
            ),
            path(
                "<path:object_id>/lock/take/",
                view(require_POST(self.take_over_view)),
                name="{}_{}_take_over".format(*info),
            ),
            *super().get_urls(),
        ]

    def get_list_select_related(self, request):
        # The list's own select_related, so that list_select_related still
        # applies (the changelist skips it when the queryset has one).
        return [*super().get_list_select_related(request), "edit_lock__user"]

    def get_list_display(self, request):
        # Beside the headline, where an editor looks before opening it.
        first, *rest = super().get_list_display(request)
        return [first, "editing", *rest]

    @admin.display(description="Editing")
    def editing(self, obj):
        lock = getattr(obj, "edit_lock", None)  # None: no lock row
        if not locking.is_active(lock):
            return ""
        return format_html(
            '<span class="edit-lock">Being edited by {} since {}</span>',
            locking.display_name(lock.user),
            f"{timezone.localtime(lock.since):%H:%M}",
        )

    def _editable_article(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def _lock_urls(self, article) -> dict[str, str]:
        info = self.opts.app_label, self.opts.model_name
        return {
            "lock": reverse("admin:{}_{}_lock".format(*info), args=[article.pk]),
            "take_over": reverse(
                "admin:{}_{}_take_over".format(*info), args=[article.pk]
            ),
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        article = self.get_object(request, unquote(object_id))
        if article is not None and self.has_change_permission(request, article):
            lock = locking.take_lock(article=article, user=request.user)
            urls = self._lock_urls(article)
            desk = extra_context.setdefault("writing_desk", {"config": {}})
            desk["lock"] = lock if lock.user_id != request.user.pk else None
            desk["urls"] = urls
            desk["config"] |= {
                "lockUrl": urls["lock"],
                "heartbeatSeconds": locking.HEARTBEAT_SECONDS,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Someone saved between this form's check and its UPDATE (that
            # transaction was rolled back): the check now sees them and
            # shows the form again with the conflict.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        if "_continue" not in request.POST:
            locking.release_lock(article=obj, user=request.user)
        return super().response_change(request, obj)

    def lock_view(self, request, object_id):
        article = self._editable_article(request, object_id)
        lock = locking.take_lock(article=article, user=request.user)
        return JsonResponse(
            {
                "held": lock.user_id == request.user.pk,
                "by": locking.display_name(lock.user),
                "since": f"{timezone.localtime(lock.since):%H:%M}",
            }
        )

    def take_over_view(self, request, object_id):
        article = self._editable_article(request, object_id)
        locking.take_lock(article=article, user=request.user, force=True)
        return HttpResponseRedirect(
            reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=[article.pk],
            )
        )
