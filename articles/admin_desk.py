"""The calendar in admin (Articles › Calendar): scheduled and published
articles by week or day, and moving a scheduled one to another time."""

from datetime import date, datetime, timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import dashboard, services
from .models import Article, ArticleCalendar


def parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@admin.register(ArticleCalendar)
class ArticleCalendarAdmin(admin.ModelAdmin):
    # Rights follow the article's: whoever sees articles sees the calendar.
    def has_module_permission(self, request):
        return request.user.has_perm("articles.view_article")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        reschedule = self.admin_site.admin_view(self.reschedule_view)
        return [
            path("<int:pk>/reschedule/", reschedule, name="articles_reschedule"),
            path(
                "",
                self.admin_site.admin_view(self.changelist_view),
                name="articles_calendar",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        single = parse_day(request.GET.get("day"))
        first = single or dashboard.week_start(
            parse_day(request.GET.get("week")) or timezone.localdate()
        )
        span = 1 if single else 7
        days = dashboard.calendar_days(request.user, first=first, days=span)
        step = timedelta(days=span)
        param = "day" if single else "week"
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": (
                f"Calendar: {first:%A %-d %B %Y}"
                if single
                else f"Calendar: week of {first:%-d %B %Y}"
            ),
            "days": days,
            "single": single,
            "previous": f"?{param}={(first - step).isoformat()}",
            "next": f"?{param}={(first + step).isoformat()}",
            "today": f"?{param}={timezone.localdate().isoformat()}",
            "week_of_day": f"?week={first.isoformat()}",
            "can_reschedule": services.can_publish(request.user),
            "now": timezone.now(),
        }
        return TemplateResponse(request, "admin/articles/calendar.html", context)

    @staticmethod
    def _back(article: Article) -> str:
        day = timezone.localtime(article.published_at).date()
        return f"{reverse('admin:articles_calendar')}?week={day.isoformat()}"

    def reschedule_view(self, request, pk):
        """Move a scheduled article to a new future time (editors only)."""
        return require_POST(self._reschedule)(request, pk)

    def _reschedule(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        back = self._back(article) if article.published_at else "."
        try:
            at = datetime.fromisoformat(request.POST.get("published_at", ""))
        except ValueError:
            messages.error(request, "Give the new date and time.")
            return HttpResponseRedirect(back)
        at = timezone.make_aware(at) if timezone.is_naive(at) else at
        if not article.is_scheduled:
            messages.error(request, f"“{article}” is not scheduled: open it to edit.")
        elif at <= timezone.now():
            messages.error(
                request, "Choose a time in the future, or publish it from the article."
            )
        else:
            try:
                services.publish_article(article=article, user=request.user, at=at)
            except PermissionDenied as exc:
                messages.error(request, str(exc))
            except ValidationError as exc:
                messages.error(request, f"“{article}”: {'; '.join(exc.messages)}")
            else:
                messages.success(
                    request,
                    f"“{article}” now goes live "
                    f"{timezone.localtime(at):%A %-d %B at %H:%M}.",
                )
                back = self._back(article)
        return HttpResponseRedirect(back)
