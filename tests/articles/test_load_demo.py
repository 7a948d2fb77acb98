"""`manage.py load_demo`: what it creates, once, and the admin login it prints.

Loading is slow mostly because of image renditions (about 0.7 s a picture),
so each class loads the demo once, with renditions stubbed out, inside a
transaction rolled back after the class. One test makes a real lead picture.
"""

import io
import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from django.contrib.auth import authenticate, get_user_model
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import demo, images
from articles.models import Article, ArticleAuthor, Author, Image, Section, Tag
from comments.models import Comment

PASSWORD = re.compile(r"user: admin\s+password: (\S+)")


def run_load_demo(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def printed_password(output: str) -> str:
    return PASSWORD.search(output).group(1)


def content_counts() -> dict:
    models = [Section, Author, Tag, Image, Article, ArticleAuthor, FlatPage]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["tags"] = Article.tags.through.objects.count()
    counts["users"] = get_user_model().objects.count()
    return counts


@dataclass
class Load:
    output: str
    started: datetime
    queries: CaptureQueriesContext


@contextmanager
def loaded_once(django_db_blocker, tmp_path_factory, *args):
    """The demo loaded for a whole class; everything is rolled back after."""
    with (
        django_db_blocker.unblock(),
        # What tests/conftest.py sets for each test, for the whole class.
        override_settings(
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        pytest.MonkeyPatch.context() as patch,
        transaction.atomic(),
    ):
        patch.setattr(images, "make_renditions", lambda image: {})
        started = timezone.now()
        with CaptureQueriesContext(connection) as queries:
            output = run_load_demo(*args)
        yield Load(output=output, started=started, queries=queries)
        transaction.set_rollback(True)


@pytest.fixture(scope="class")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    with loaded_once(django_db_blocker, tmp_path_factory) as load:
        yield load


@pytest.fixture(scope="class")
def loaded_200(django_db_setup, django_db_blocker, tmp_path_factory):
    args = ("--articles", "200", "--no-superuser")
    with loaded_once(django_db_blocker, tmp_path_factory, *args) as load:
        yield load


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded")
class TestDefaultDemo:
    def test_sections_include_middle_east_under_world(self):
        assert Section.objects.get(slug="middle-east").parent.slug == "world"

    def test_every_section_has_a_description(self):
        assert not Section.objects.filter(description="").exists()

    def test_at_least_thirty_articles_are_published(self):
        assert Article.objects.published().count() >= 30

    def test_exactly_one_article_is_scheduled(self):
        scheduled = Article.objects.filter(
            status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
        )
        assert scheduled.count() == 1
        assert not Article.objects.published().filter(pk=scheduled[0].pk).exists()

    def test_two_articles_are_drafts(self):
        # An opinion piece, and the copy desk's example of slips.
        assert Article.objects.filter(status=Article.Status.DRAFT).count() == 2

    def test_published_articles_span_the_past_three_weeks(self, loaded):
        oldest = Article.objects.published().order_by("published_at").first()
        assert loaded.started - timedelta(days=21) < oldest.published_at

    def test_some_articles_are_featured(self):
        assert Article.objects.published().filter(featured=True).count() >= 3

    def test_some_articles_have_two_authors(self):
        two = Article.objects.annotate(n=Count("bylines")).filter(n=2)
        assert two.count() >= 2

    def test_every_article_has_an_author(self):
        assert not Article.objects.filter(bylines=None).exists()

    def test_every_article_has_a_lead_image_with_alt_text(self):
        assert Article.objects.filter(lead_image__alt_text__gt="").count() == (
            Article.objects.count()
        )

    def test_every_lead_image_has_a_caption_and_credit(self):
        leads = Image.objects.filter(pk__in=Article.objects.values("lead_image"))
        assert not leads.filter(Q(caption="") | Q(credit="")).exists()

    def test_every_body_links_to_a_source(self):
        assert all(
            '<a href="https://' in body
            for body in Article.objects.values_list("body", flat=True)
        )

    def test_tags_are_shared_between_articles(self):
        shared = Tag.objects.annotate(n=Count("articles")).filter(n__gte=3)
        assert shared.count() >= 5

    def test_there_is_a_world_news_editor(self):
        assert Author.objects.filter(role_title="World News Editor").exists()

    def test_every_author_has_a_photo_with_alt_text(self):
        assert Author.objects.filter(photo__alt_text__gt="").count() == 6

    def test_about_contact_and_privacy_pages_exist(self, settings):
        urls = FlatPage.objects.filter(sites=settings.SITE_ID).values_list(
            "url", flat=True
        )
        assert set(urls) == {"/about/", "/contact/", "/privacy/"}

    def test_privacy_page_explains_comment_data(self):
        content = FlatPage.objects.get(url="/privacy/").content
        for words in ("IP address", "user agent", "Akismet", "erase"):
            assert words in content

    def test_privacy_page_says_returning_commenters_appear_at_once(self):
        content = " ".join(FlatPage.objects.get(url="/privacy/").content.split())
        assert (
            "later comments appear at once" in content,
            "Every comment is checked before it is published" in content,
        ) == (True, False)

    def test_second_run_creates_nothing(self):
        before = content_counts()
        run_load_demo()
        assert content_counts() == before

    def test_second_run_says_the_demo_is_already_loaded(self):
        assert "Demo content already loaded" in run_load_demo()

    def test_second_run_says_how_to_reset_the_admin_password(self):
        output = run_load_demo()
        assert "changepassword admin" in output
        assert not PASSWORD.search(output)

    def test_admin_password_is_printed_once(self, loaded):
        assert loaded.output.count(printed_password(loaded.output)) == 1

    def test_printed_password_logs_in_as_superuser(self, loaded):
        password = printed_password(loaded.output)
        # django-axes checks every login, so authenticate() needs a request.
        request = RequestFactory().post("/admin/login/")
        user = authenticate(request, username="admin", password=password)
        assert user.is_superuser

    def test_each_new_admin_gets_a_different_password(self, loaded):
        get_user_model().objects.filter(username="admin").delete()
        again = printed_password(run_load_demo())
        assert again != printed_password(loaded.output)

    def test_password_hints_use_the_projects_python(self, loaded):
        hints = re.findall(r"\S*python manage.py changepassword", loaded.output)
        again = re.findall(r"\S*python manage.py changepassword", run_load_demo())
        assert hints + again == [".venv/bin/python manage.py changepassword"] * 2

    def test_shows_its_progress(self, loaded):
        assert "articles 1-5 of" in loaded.output

    def test_there_are_approved_threads_with_replies(self):
        replies = Comment.objects.approved().filter(parent__isnull=False)
        assert replies.filter(parent__parent__isnull=False).exists()

    def test_there_is_a_staff_reply_signed_with_a_name(self):
        reply = Comment.objects.get(is_staff_reply=True)
        assert (reply.status, reply.parent_id is not None, reply.author_name) == (
            "approved", True, "Hannah Okafor",
        )  # fmt: skip

    def test_held_comments_say_why(self):
        held = Comment.objects.filter(status="pending")
        assert sorted(held.values_list("hold_reason", flat=True)) == [
            "3 links (more than 2)", "first comment from this email",
        ]  # fmt: skip

    def test_there_is_spam(self):
        assert Comment.objects.filter(status="spam").exists()

    def test_comment_counts_match_the_approved_comments(self):
        wrong = Article.objects.annotate(
            approved=Count("comments", filter=Q(comments__status="approved"))
        ).exclude(comment_count=F("approved"))
        assert not wrong.exists()

    def test_no_superuser_option_creates_no_user(self):
        get_user_model().objects.all().delete()
        run_load_demo("--no-superuser")
        assert not get_user_model().objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded_200")
class TestLargeDemo:
    def test_creates_the_requested_number_of_articles(self):
        assert Article.objects.count() == 200

    def test_slugs_are_unique(self):
        slugs = list(Article.objects.values_list("slug", flat=True))
        assert len(set(slugs)) == len(slugs)

    def test_guids_are_unique(self):
        guids = list(Article.objects.values_list("guid", flat=True))
        assert len(set(guids)) == len(guids)

    def test_extra_articles_are_inserted_in_bulk(self, loaded_200):
        # One INSERT per written article (save()), a few for the other 166.
        article_inserts = [
            query
            for query in loaded_200.queries
            if query["sql"].startswith('INSERT INTO "articles_article"')
        ]
        assert len(article_inserts) <= len(demo.ARTICLES) + 5

    def test_every_article_has_an_author(self):
        assert not Article.objects.filter(bylines=None).exists()

    def test_every_article_has_a_lead_image(self):
        assert not Article.objects.filter(lead_image=None).exists()

    def test_every_article_has_tags(self):
        assert not Article.objects.filter(tags=None).exists()

    def test_all_but_the_scheduled_and_drafts_are_published(self):
        assert Article.objects.published().count() == 197

    def test_first_published_at_matches_published_at(self):
        published = Article.objects.published()
        assert not published.exclude(first_published_at=F("published_at")).exists()

    def test_no_superuser_is_created(self):
        assert not get_user_model().objects.exists()


def test_lead_picture_is_1600_by_900_with_renditions(db):
    image = demo.lead_image(demo.ARTICLES[0], demo.SECTIONS[0]["palette"], seed=0)
    assert (image.width, image.height, bool(image.renditions)) == (1600, 900, True)


def test_articles_option_must_be_positive(db):
    with pytest.raises(CommandError):
        run_load_demo("--articles", "0")


def test_a_local_site_domain_follows_the_port(db):
    demo.use_local_port(8123)
    demo.use_local_port(8123)
    assert Site.objects.get_current().domain == "127.0.0.1:8123"


def test_a_real_site_domain_is_left_alone(db):
    Site.objects.filter(pk=1).update(domain="news.example")
    Site.objects.clear_cache()
    demo.use_local_port(8123)
    assert Site.objects.get_current().domain == "news.example"
