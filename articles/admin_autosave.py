"""Autosave in the article admin: the endpoint, the restore offer, the restore."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import autosave

RESTORE_PARAM = "autosave"


class AutosaveAdminMixin:
    """Put before admin.ModelAdmin: autosaves offered back when the form reopens."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "autosave/",
                view(require_POST(self.autosave_view)),
                name="{}_{}_autosave_new".format(*info),
            ),
            path(
                "<path:object_id>/autosave/",
                view(require_POST(self.autosave_view)),
                name="{}_{}_autosave".format(*info),
            ),
            path(
                "autosave/discard/",
                view(require_POST(self.discard_autosave_view)),
                name="{}_{}_autosave_discard_new".format(*info),
            ),
            path(
                "<path:object_id>/autosave/discard/",
                view(require_POST(self.discard_autosave_view)),
                name="{}_{}_autosave_discard".format(*info),
            ),
            *super().get_urls(),
        ]

    def _autosave_target(self, request, object_id):
        """The article (None for the add form), if this user may edit it."""
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def _autosave_url(self, name, article):
        info = self.opts.app_label, self.opts.model_name
        if article is None:
            return reverse("admin:{}_{}_{}_new".format(*info, name))
        return reverse("admin:{}_{}_{}".format(*info, name), args=[article.pk])

    def autosave_view(self, request, object_id=None):
        article = self._autosave_target(request, object_id)
        saved = autosave.store_autosave(
            user=request.user, article=article, data=request.POST
        )
        when = timezone.localtime(saved.saved_at if saved else None)
        return JsonResponse({"saved_at": f"{when:%H:%M:%S}"})

    def discard_autosave_view(self, request, object_id=None):
        article = self._autosave_target(request, object_id)
        autosave.discard_autosave(user=request.user, article=article)
        if article is None:
            url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_add")
        else:
            url = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=[article.pk],
            )
        self.message_user(request, "The autosave was discarded.", messages.INFO)
        return HttpResponseRedirect(url)

    def _restoring(self, request):
        return request.method == "GET" and request.GET.get(RESTORE_PARAM) == "restore"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        article = None
        if object_id is not None:
            article = self.get_object(request, unquote(object_id))
            if article is None or not self.has_change_permission(request, article):
                return super().changeform_view(
                    request, object_id, form_url, extra_context
                )
        elif not self.has_add_permission(request):
            return super().changeform_view(request, object_id, form_url, extra_context)
        pending = autosave.pending_autosave(user=request.user, article=article)
        request._autosave = pending if self._restoring(request) else None
        desk = extra_context.setdefault("writing_desk", {"config": {}})
        desk["autosave"] = None if request._autosave else pending
        desk["autosave_restored"] = request._autosave
        desk["autosave_discard_url"] = self._autosave_url("autosave_discard", article)
        desk["config"] |= {
            "autosaveUrl": self._autosave_url("autosave", article),
            "autosaveSeconds": autosave.AUTOSAVE_SECONDS,
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        saved = getattr(request, "_autosave", None)
        if saved is None:
            return form_class

        class RestoredForm(form_class):
            def __init__(self, *args, **inner):
                super().__init__(*args, **inner)
                if self.is_bound:
                    return
                data = autosave.as_query_dict(saved)
                for name, field in self.fields.items():
                    key = self.add_prefix(name)
                    # Widgets know their absent values (an unticked box).
                    if field.widget.value_omitted_from_data(data, {}, key):
                        continue
                    self.initial[name] = field.widget.value_from_datadict(data, {}, key)
                if saved.base_version is not None and "base_version" in self.fields:
                    # Saving is refused if someone saved after the autosave.
                    self.initial["base_version"] = saved.base_version

        return RestoredForm

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        saved = getattr(request, "_autosave", None)
        if saved is not None and f"{prefix}-TOTAL_FORMS" in saved.data:
            kwargs["data"] = autosave.as_query_dict(saved)
        return kwargs

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        autosave.discard_autosave(user=request.user, article=None)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        autosave.discard_autosave(user=request.user, article=obj)
        return entry
