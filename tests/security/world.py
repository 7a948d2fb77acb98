"""A site full of content, every HOSTILE field set twice: first to harmless
text (the baseline every page is compared with), then, in place, to hostile
strings. Same rows, same ids, same slugs: only the text differs."""

import itertools
import json
from dataclasses import dataclass, field
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.flatpages.models import FlatPage
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.html import escape

from articles.copydesk.engine import Severity, run_checks
from articles.copydesk.models import CopyFinding, CopyOverride
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleStep,
    Author,
    Autosave,
    Image,
    Section,
    Tag,
)
from articles.wordpress.models import LegacyPath, WordPressItem
from comments.models import (
    BlockedTerm,
    Comment,
    CommentEvent,
    CommentReport,
    ServiceAlert,
)
from tests.factories import make_user

from .corpus import PAYLOADS
from .fields import HOSTILE

ROWS = 16  # of most models; comments get one per payload
# Headlines, standfirsts and pictures reach the most contexts (title, meta,
# JSON-LD, cards, feeds, sitemaps): more rows, so more payloads reach them.
ARTICLES = 48
PER_PAGE_COMMENTS = 50


@dataclass
class World:
    rows: dict = field(default_factory=dict)  # "app.Model" -> [objects]
    draft: Article | None = None
    users: dict = field(default_factory=dict)

    def of(self, label):
        return self.rows[label]


def _hostile_fields():
    by_model = {}
    for name in sorted(HOSTILE):
        app_label, model_name, field_name = name.split(".")
        by_model.setdefault(f"{app_label}.{model_name}", []).append(field_name)
    return by_model


def _limit(model, field_name) -> int | None:
    return getattr(model._meta.get_field(field_name), "max_length", None)


def benign_value(model, field_name, i, rows):
    f = model._meta.get_field(field_name)
    if isinstance(f, models.JSONField):
        return {"note": f"Benign {field_name} {i}"}
    if isinstance(f, models.EmailField):
        return f"benign{i}@example.org"
    if isinstance(f, models.URLField):
        return f"https://example.org/benign/{i}"
    if field_name == "body" and model is Article:
        return f'<p>Benign body {i}, <a href="https://example.org/">a link</a>.</p>'
    if isinstance(f, models.TextField):
        return f"Benign {field_name} {i}.\nNext line.\n\nSecond one https://example.org/ {i}"
    return f"Benign {field_name} {i}"[: _limit(model, field_name)]


def hostile_value(model, field_name, i, rows):
    """Payloads from a place that differs per field: four per row, as many
    as fit; with fewer rows than payloads each row starts further on, and a
    field without a length limit takes them all, so every payload reaches
    every long field."""
    offset = sum(map(ord, f"{model.__name__}.{field_name}"))
    step = max(1, len(PAYLOADS) // rows)
    start = (i * step + offset) % len(PAYLOADS)
    f = model._meta.get_field(field_name)
    # PostgreSQL stores no NUL; forms refuse it (tests/security/test_nul_bytes).
    ring = (p.replace("\x00", "") for p in itertools.cycle(PAYLOADS))
    limit = _limit(model, field_name)
    # A field without a length limit takes every payload its row is due.
    count = 4 if limit else max(4, step)
    chosen = list(itertools.islice(ring, start, start + count))
    if isinstance(f, models.JSONField):
        return {"reason": chosen[0], "headers": {chosen[1]: chosen[2]}}
    return "".join(chosen)[:limit] if limit else "\n\n".join(chosen)


def _fill(world, value_for):
    """Set every HOSTILE field of every row with value_for, then save."""
    for label, field_names in _hostile_fields().items():
        model = apps.get_model(label)
        objects = world.rows.get(label, [])
        keep = _kept_fields(label)
        for i, obj in enumerate(objects):
            for name in field_names:
                if (name, i % 2) in keep:
                    continue
                setattr(obj, name, value_for(model, name, i, len(objects)))
        if label == "articles.Article":
            for obj in objects:
                obj.body += _slips(world, obj)
                obj.save()  # the sanitizer runs in save()
        elif objects:
            model.objects.bulk_update(objects, field_names)
    # bulk_update announces nothing: no cached page may outlive it.
    _match_overrides(world)
    cache.clear()


def _kept_fields(label):
    # Half the pages and redirects keep an address a request can reach;
    # the other half carry hostile addresses (shown in the admin).
    return {
        "flatpages.FlatPage": {("url", 0)},
        "redirects.Redirect": {("old_path", 0)},
        # WordPress ids and old paths the 301 middleware answers (the first
        # row, whose change form the admin check opens, is hostile).
        "wordpress.WordPressItem": {("wp_id", 1)},
        "wordpress.LegacyPath": {("path", 1)},
    }.get(label, set())


def _slips(world, article) -> str:
    """A paragraph the copy desk faults (errors and a warning) around the
    article's own headline, linking to the draft (whose headline its
    message quotes): the change form's panel shows the text either way."""
    headline = escape(article.headline)
    draft = world.draft.get_absolute_url() if world.draft else "/"
    return (
        f'<p>{headline} TK , in  the the <a href="{draft}">{headline}</a> '
        f'<a href="https://example.org/">https://example.org/</a> {headline}</p>'
    )


def _match_overrides(world):
    """Each override names its article's first error as it reads now, so
    the panel shows it overridden, with its reason and its editor."""
    overrides = world.rows.get("copydesk.CopyOverride", [])
    for override in overrides:
        error = next(f for f in run_checks(override.article) if f.is_error)
        override.fingerprint, override.rule = error.fingerprint, error.rule
    CopyOverride.objects.bulk_update(overrides, ["fingerprint", "rule"])


def make_hostile(world):
    _fill(world, hostile_value)


def build_world() -> World:
    world = World()
    now = timezone.now()
    site = Site.objects.get_current()
    site.domain = "news.example"
    site.save()
    world.rows["sites.Site"] = [site]
    sections = [
        Section.objects.create(name=f"S{i}", slug=f"section-{i}", order=i)
        for i in range(ROWS // 4)
    ]
    # Subsections too: breadcrumbs and nested names.
    sections += [
        Section.objects.create(
            name=f"S{i}", slug=f"section-{i}", parent=sections[i % 4]
        )
        for i in range(len(sections), ROWS)
    ]
    world.rows["articles.Section"] = sections
    images = Image.objects.bulk_create(
        [
            Image(
                file=f"images/2026/01/{i:032x}.jpg", width=1600, height=900,
                alt_text="a", renditions={
                    f"{crop}-480.{ext}": {"name": f"renditions/{i:032x}/{crop}-480.{ext}",
                                           "width": 480, "height": 270}
                    for crop in ("16x9", "4x3", "1x1") for ext in ("jpg", "webp")},
            )
            for i in range(ARTICLES)
        ]
    )  # fmt: skip
    world.rows["articles.Image"] = images
    authors = [
        Author.objects.create(name=f"A{i}", slug=f"author-{i}", photo=images[i])
        for i in range(ROWS)
    ]
    world.rows["articles.Author"] = authors
    tags = [Tag.objects.create(name=f"T{i}", slug=f"tag-{i}") for i in range(ROWS)]
    world.rows["articles.Tag"] = tags
    articles = []
    for i in range(ARTICLES):
        article = Article.objects.create(
            headline=f"H{i}", slug=f"story-{i}", body="<p>x</p>",
            section=sections[i % len(sections)], lead_image=images[i],
            status=Article.Status.PUBLISHED, published_at=now - timedelta(hours=i + 1),
            featured=i < 6, comments_close_after_days=0,
        )  # fmt: skip
        byline = dict.fromkeys([authors[i % ROWS], authors[(i + 1) % ROWS]])
        for order, author in enumerate(byline):
            ArticleAuthor.objects.create(article=article, author=author, order=order)
        article.tags.set([tags[i % ROWS], tags[(i + 1) % ROWS]])
        articles.append(article)
    world.draft = Article.objects.create(
        headline="Draft", slug="draft-story", body="<p>x</p>", section=sections[0],
        lead_image=images[0], status=Article.Status.DRAFT,
    )  # fmt: skip
    ArticleAuthor.objects.create(article=world.draft, author=authors[0], order=0)
    world.rows["articles.Article"] = [*articles, world.draft]
    # Editors' notes in the articles' History (articles.workflow).
    world.rows["articles.ArticleStep"] = [
        ArticleStep.objects.create(
            article=article, kind=ArticleStep.Kind.RETURN, note="x"
        )
        for article in [world.draft, *articles[:ROWS]]
    ]
    world.rows["comments.Comment"] = _comments(articles[0], now)
    world.rows["comments.CommentEvent"] = [
        CommentEvent.objects.create(comment=c, kind=CommentEvent.Kind.CHECK,
                                    checker="comments.akismet.AkismetChecker")
        for c in world.rows["comments.Comment"][:ROWS]
    ]  # fmt: skip
    # Reports on the first comments: the comment's admin page lists them,
    # and the Reported queue holds their comments.
    world.rows["comments.CommentReport"] = [
        CommentReport.objects.create(
            comment=world.rows["comments.Comment"][i % 2],
            reason=CommentReport.Reason.values[i % len(CommentReport.Reason.values)],
            reporter_key=f"reader-{i}", ip_address=f"203.0.113.{i + 1}",
        )
        for i in range(ROWS)
    ]  # fmt: skip
    world.rows["comments.BlockedTerm"] = [
        BlockedTerm.objects.create(kind=BlockedTerm.Kind.WORD, value=f"w{i}")
        for i in range(ROWS)
    ]
    world.rows["comments.ServiceAlert"] = [
        # One open alert per service and code.
        ServiceAlert.objects.create(service="akismet", code=f"c{i}", message="m")
        for i in range(ROWS)
    ]
    world.rows["flatpages.FlatPage"] = _pages(site)
    world.rows["redirects.Redirect"] = [
        Redirect.objects.create(site=site, old_path=f"/old/{i}/", new_path="/")
        for i in range(ROWS)
    ]
    world.rows["auth.Group"] = [Group.objects.create(name=f"G{i}") for i in range(8)]
    world.users = {
        "superuser": make_user(username="root", is_superuser=True),
        "Editor": make_user(role="Editor", username="editor"),
        "Reporter": make_user(role="Reporter", username="reporter"),
        "Moderator": make_user(role="Moderator", username="moderator"),
    }
    staff = [make_user(username=f"staff{i}", staff=i % 2 == 0) for i in range(ROWS)]
    world.rows["auth.User"] = staff
    for i, author in enumerate(authors[:8]):
        author.user = staff[i]
        author.save()
    _copy_desk(world, articles, staff, now)
    _wordpress(world)
    attempt = {"ip_address": "203.0.113.5", "http_accept": "x", "path_info": "/"}
    world.rows["axes.AccessAttempt"] = AccessAttempt.objects.bulk_create(
        [AccessAttempt(username=f"u{i}", user_agent=f"ua{i}", get_data="",
                       post_data="", failures_since_start=1, **attempt)
         for i in range(ROWS)]
    )  # fmt: skip
    world.rows["axes.AccessFailureLog"] = AccessFailureLog.objects.bulk_create(
        [AccessFailureLog(username=f"u{i}", user_agent=f"ua{i}", **attempt)
         for i in range(ROWS)]
    )  # fmt: skip
    world.rows["axes.AccessLog"] = AccessLog.objects.bulk_create(
        [AccessLog(username=f"u{i}", user_agent=f"ua{i}", **attempt)
         for i in range(ROWS)]
    )  # fmt: skip
    article_type = ContentType.objects.get_for_model(Article)
    world.rows["admin.LogEntry"] = [
        LogEntry.objects.create(
            user=world.users["superuser"], content_type=article_type,
            object_id=str(articles[i].pk), object_repr=f"H{i}", action_flag=CHANGE,
            change_message=json.dumps([{"changed": {"fields": ["Headline"]}}]),
        )
        for i in range(ROWS)
    ]  # fmt: skip
    # Unsaved forms: the first article's change page offers one back.
    world.rows["articles.Autosave"] = [
        Autosave.objects.create(user=world.users["superuser"], article=a, saved_at=now)
        for a in (articles[0], None)
    ]
    _fill(world, benign_value)
    return world


def _comments(article, now):
    """One approved comment per payload on one article (several comment
    pages), replies under some, and some held for moderation."""
    comments = []
    for i in range(len(PAYLOADS)):
        held = i % 8 == 7
        parent = (
            comments[i - 1] if i % 5 == 4 and not comments[i - 1].parent_id else None
        )
        comments.append(Comment.objects.create(
            article=article, author_name="n", author_email="e@example.org", body="b",
            status=Comment.Status.PENDING if held else Comment.Status.APPROVED,
            created_at=now - timedelta(minutes=len(PAYLOADS) - i),
            parent=parent, thread_id=parent.pk if parent else None,
            depth=1 if parent else 0, ip_address="198.51.100.7",
        ))  # fmt: skip
    return comments


def _copy_desk(world, articles, staff, now):
    # Overrides by staff whose names are hostile too; findings as stored,
    # half of their errors still open (the article list counts them).
    overrides = [
        CopyOverride.objects.create(article=articles[i], fingerprint=f"{i:032x}",
                                    rule="placeholder", user=staff[i])
        for i in range(ROWS)
    ]  # fmt: skip
    world.rows["copydesk.CopyOverride"] = overrides
    world.rows["copydesk.CopyFinding"] = CopyFinding.objects.bulk_create(
        [CopyFinding(article=articles[i], rule="placeholder", severity=severity,
                     field="body", paragraph=2, fingerprint=f"{i:032x}",
                     override=overrides[i] if severity == "error" and i % 2 else None,
                     checked_at=now)
         for i in range(ROWS) for severity in Severity]
    )  # fmt: skip


# The rows each kind of WordPress item maps to, and the old paths kept
# reachable (odd rows): a query on the home page for tags and authors.
WORDPRESS_TARGETS = {
    WordPressItem.Kind.SECTION: "articles.Section",
    WordPressItem.Kind.TAG: "articles.Tag",
    WordPressItem.Kind.AUTHOR: "articles.Author",
    WordPressItem.Kind.ARTICLE: "articles.Article",
    WordPressItem.Kind.PAGE: "flatpages.FlatPage",
    WordPressItem.Kind.IMAGE: "articles.Image",
    WordPressItem.Kind.COMMENT: "comments.Comment",
}


def legacy_path(kind, i) -> str:
    if kind == WordPressItem.Kind.TAG:
        return f"/?tag=old-{i}"
    if kind == WordPressItem.Kind.AUTHOR:
        return f"/?author={i}"
    return f"/2020/01/old-{i}/"


def _wordpress(world):
    kinds = itertools.cycle(WordPressItem.Kind)
    items = WordPressItem.objects.bulk_create(
        [WordPressItem(site=f"old{i}.example", kind=kind, wp_id=str(i),
                       # Odd rows: reachable, and lead to hostile addresses.
                       object_id=world.of(WORDPRESS_TARGETS[kind])[i].pk,
                       source_hash=f"{i:064x}")
         for i, kind in zip(range(ROWS), kinds, strict=False)]
    )  # fmt: skip
    world.rows["wordpress.WordPressItem"] = items
    world.rows["wordpress.LegacyPath"] = LegacyPath.objects.bulk_create(
        [LegacyPath(path=legacy_path(item.kind, i), item=item)
         for i, item in enumerate(items)]
    )  # fmt: skip


def _pages(site):
    pages = []
    for i in range(ROWS):
        page = FlatPage.objects.create(url=f"/p{i}/", title="t", content="c")
        page.sites.add(site)
        pages.append(page)
    return pages
