"""The editor's desk on the admin index, the "In review" count, and the
calendar of scheduled and published articles."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from .copydesk.models import with_copy_errors
from .models import Article
from .services import can_publish

DESK_ITEMS = 8
SCHEDULE_DAYS = 7


@dataclass
class Block:
    key: str
    title: str
    url: str
    count: int
    items: list = field(default_factory=list)
    empty: str = "Nothing here."
    show_time: bool = False


def changelist_url(**filters) -> str:
    url = reverse("admin:articles_article_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """Midnight to midnight in the site's time zone."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def own_articles(user):
    """A reporter's own work: articles whose byline is their author profile."""
    return Article.objects.filter(authors__user=user).distinct()


def articles_for(user):
    """Editors see every article on the desk; reporters their own."""
    return Article.objects.all() if can_publish(user) else own_articles(user)


def in_review_count(user) -> int | None:
    """Articles waiting for review that this user should know of; None for
    staff without articles (moderators)."""
    if not user.has_perm("articles.view_article"):
        return None
    return articles_for(user).filter(status=Article.Status.REVIEW).count()


def _block(key, title, articles, url, empty, *, order="-updated_at", **extra):
    items = list(articles.select_related("section").order_by(order)[:DESK_ITEMS])
    count = len(items) if len(items) < DESK_ITEMS else articles.count()
    return Block(key, title, url, count, items, empty, **extra)


def desk(user) -> list[Block]:
    """The index's article blocks for this user, by role; [] for moderators."""
    if not user.has_perm("articles.view_article"):
        return []
    editor = can_publish(user)
    mine = articles_for(user)
    author = getattr(user, "author_profile", None)
    own_filter = {"authors__id__exact": author.pk} if author and not editor else {}
    now = timezone.now()
    start, end = day_bounds(timezone.localdate())
    blocks = [
        _block(
            "drafts",
            "My drafts",
            own_articles(user).filter(status=Article.Status.DRAFT),
            changelist_url(
                status__exact="draft",
                **({"authors__id__exact": author.pk} if author else {}),
            ),
            "No drafts under your byline.",
        ),
        _block(
            "review",
            "Waiting for review" if editor else "My articles in review",
            mine.filter(status=Article.Status.REVIEW),
            changelist_url(status__exact="review", **own_filter),
            "Nothing is waiting for review.",
            order="updated_at",  # the longest waiting first
        ),
        _block(
            "scheduled",
            f"Scheduled, next {SCHEDULE_DAYS} days",
            mine.filter(
                status=Article.Status.PUBLISHED,
                published_at__gt=now,
                published_at__lte=now + timedelta(days=SCHEDULE_DAYS),
            ),
            reverse("admin:articles_calendar"),
            "Nothing is scheduled this week.",
            order="published_at",
            show_time=True,
        ),
        _block(
            "published",
            "Published today",
            mine.filter(
                status=Article.Status.PUBLISHED,
                published_at__gte=start,
                published_at__lte=now,
            ),
            changelist_url(
                status__exact="published",
                published_at__gte=start.isoformat(),
                published_at__lt=end.isoformat(),
                **own_filter,
            ),
            "Nothing published yet today.",
            order="-published_at",
            show_time=True,
        ),
    ]
    if editor:
        blocks.append(
            _block(
                "copy",
                "Copy errors before publishing",
                with_copy_errors(
                    Article.objects.filter(
                        status__in=[Article.Status.DRAFT, Article.Status.REVIEW]
                    )
                ),
                changelist_url(copy_errors="yes"),
                "No copy errors waiting.",
            )
        )
    return blocks


@dataclass
class Day:
    day: date
    articles: list
    is_today: bool


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def calendar_days(user, *, first: date, days: int) -> list[Day]:
    """Scheduled and published articles per day, in the site's time zone."""
    start, _ = day_bounds(first)
    end, _ = day_bounds(first + timedelta(days=days))
    articles = (
        articles_for(user)
        .filter(
            status=Article.Status.PUBLISHED,
            published_at__gte=start,
            published_at__lt=end,
        )
        .select_related("section")
        .order_by("published_at")
    )
    by_day = {first + timedelta(days=n): [] for n in range(days)}
    for article in articles:
        by_day[timezone.localtime(article.published_at).date()].append(article)
    today = timezone.localdate()
    return [Day(day, items, day == today) for day, items in by_day.items()]
