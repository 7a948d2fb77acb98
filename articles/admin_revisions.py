"""Revisions in the article admin: recorded on every save, listed, compared, restored."""

import reversion
from reversion.models import Version

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from . import locking, revisions
from .models import EditConflict


class RevisionAdminMixin:
    """Put before admin.ModelAdmin: every admin save of an article is a revision."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/revisions/",
                view(self.revisions_view),
                name="{}_{}_revisions".format(*info),
            ),
            path(
                "<path:object_id>/revisions/<int:version_id>/restore/",
                view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        # Recorded by hand at log time, once the tags and bylines are saved.
        with reversion.create_revision(manage_manually=True):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            article = self.get_object(request, unquote(object_id))
            if article is not None and self.has_change_permission(request, article):
                revisions.ensure_baseline(article)
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        if request.method != "POST":
            return super().changelist_view(request, extra_context)
        # Bulk actions save through the services: reversion's signals record them.
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment("Bulk action from the article list.")
            return super().changelist_view(request, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        revisions.record(obj, user=request.user, comment=entry.get_change_message())
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        revisions.record(obj, user=request.user, comment=entry.get_change_message())
        return entry

    def _article_or_404(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404("No such article.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def revisions_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        versions = list(revisions.versions_of(article))
        by_id = {v.pk: v for v in versions}
        comparison = None
        try:
            older = by_id.get(int(request.GET.get("from", "")))
            newer = by_id.get(int(request.GET.get("to", "")))
        except ValueError:
            older = newer = None
        if older and newer:
            if older.revision.date_created > newer.revision.date_created:
                older, newer = newer, older
            comparison = {
                "older": older,
                "newer": newer,
                "changes": revisions.diff(
                    revisions.version_snapshot(older),
                    revisions.version_snapshot(newer),
                ),
            }
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"Revisions of “{article}”",
            "versions": versions,
            "comparison": comparison,
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(
            request, "admin/articles/article/revisions.html", context
        )

    def restore_view(self, request, object_id, version_id):
        article = self._article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(
            Version.objects.get_for_object(article), pk=version_id
        )
        list_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_revisions",
            args=[article.pk],
        )
        if request.method == "POST":
            base = request.POST.get("base_version", "")
            try:
                revisions.restore_revision(
                    article=article,
                    version=version,
                    user=request.user,
                    base_version=int(base) if base.isdigit() else None,
                )
            except EditConflict:
                article.refresh_from_db()
                conflict = locking.conflict_since(article, int(base))
                when = timezone.localtime(conflict.saved_at)
                self.message_user(
                    request,
                    f"Not restored: {conflict.saved_by} saved the article at "
                    f"{when:%H:%M} after you opened this page. Compare again "
                    "before restoring.",
                    messages.ERROR,
                )
                return HttpResponseRedirect(list_url)
            except ValidationError as exc:
                self.message_user(request, "; ".join(exc.messages), messages.ERROR)
                return HttpResponseRedirect(list_url)
            self.message_user(
                request,
                "The revision was restored as a new revision. Its status and "
                "publishing time were left as they were.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                    args=[article.pk],
                )
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": "Restore this revision?",
            "version": version,
            "saved_at": timezone.localtime(version.revision.date_created),
            "changes": revisions.diff(
                revisions.snapshot(article), revisions.version_snapshot(version)
            ),
            "list_url": list_url,
            "base_version": article.version,
        }
        return TemplateResponse(
            request, "admin/articles/article/revision_restore.html", context
        )
