"""Sample rows for the permission table: one of each admin model."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django_tasks_db.models import DBTaskResult

from django.contrib.auth.models import Group
from django.contrib.flatpages.models import FlatPage
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site

from articles.copydesk.models import CopyOverride
from articles.models import (
    Article,
    ArticleCalendar,
    Author,
    FrontPagePin,
    Section,
    Tag,
)
from articles.wordpress.models import LegacyPath, WordPressItem
from comments.models import BlockedTerm, ServiceAlert
from tests.comments.factories import make_comment
from tests.factories import make_article, make_author, make_image, make_user


def sample_rows(user=None) -> dict[str, object]:
    """ "app.Model" (or "app.Model:state") -> a row the table acts on;
    "articles.Article:own" is a draft under `user`'s byline."""
    site = Site.objects.get_current()
    page = FlatPage.objects.create(url="/about/", title="About", content="x")
    page.sites.add(site)
    public_image, draft_image = make_image(), make_image()
    published = make_article(lead_image=public_image)
    draft = make_article(status=Article.Status.DRAFT, lead_image=draft_image)
    own = make_article(
        status=Article.Status.DRAFT,
        authors=[make_author(user=user)] if user else None,
    )
    attempt = {"ip_address": "203.0.113.5", "user_agent": "x", "http_accept": "x",
               "path_info": "/", "username": "someone"}  # fmt: skip
    item = WordPressItem.objects.create(
        site="old.example",
        kind="post",
        wp_id="7",
        object_id=published.pk,
        source_hash="0" * 64,
    )
    return {
        "auth.Group": Group.objects.create(name="Interns"),
        "auth.User": make_user(username="someone"),
        "sites.Site": site,
        "flatpages.FlatPage": page,
        "redirects.Redirect": Redirect.objects.create(site=site, old_path="/a/", new_path="/b/"),
        "django_tasks_database.DBTaskResult": DBTaskResult.objects.create(
            task_path="comments.tasks.send_moderation_digest", args_kwargs={"args": [], "kwargs": {}},
            queue_name="default", backend_name="default", priority=0,
        ),
        "axes.AccessAttempt": AccessAttempt.objects.create(
            get_data="", post_data="", failures_since_start=1, **attempt),
        "axes.AccessFailureLog": AccessFailureLog.objects.create(**attempt),
        "axes.AccessLog": AccessLog.objects.create(**attempt),
        "articles.Section": Section.objects.create(name="Sport", slug="sport"),
        "articles.Author": Author.objects.create(name="Ann", slug="ann"),
        "articles.Tag": Tag.objects.create(name="Rain", slug="rain"),
        "articles.Image": draft_image,
        "articles.Image:public": public_image,
        "articles.Article": draft,
        "articles.Article:published": published,
        "articles.Article:own": own,
        "articles.FrontPagePin": FrontPagePin.objects.create(article=published),
        "articles.ArticleCalendar": ArticleCalendar.objects.get(pk=published.pk),
        "comments.Comment": make_comment(published),
        "comments.BlockedTerm": BlockedTerm.objects.create(kind="word", value="spam"),
        "comments.ServiceAlert": ServiceAlert.objects.create(service="akismet", message="x"),
        "copydesk.CopyOverride": CopyOverride.objects.create(
            article=draft, fingerprint="0" * 32, rule="placeholder", message="x",
            excerpt="TK", reason="A quote", user=make_user(role="Editor")),
        "wordpress.WordPressItem": item,
        "wordpress.LegacyPath": LegacyPath.objects.create(path="/2020/01/old/", item=item),
    }  # fmt: skip
