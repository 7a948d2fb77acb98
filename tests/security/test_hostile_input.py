"""The hostile-input suite: every text field staff, readers or outside
services control (tests/security/fields.py) filled with hostile strings
(tests/security/corpus.py), then every page type, feed, sitemap, admin
change list, change form (the article's copy-desk panel included), delete
and history page, the comment form's answers, the moderation digest and the
export compared with the same render of harmless text
(tests/security/scan.py); old WordPress addresses lead only to this site.

Adding a model text field, a URL pattern or an admin model without saying
how it is covered fails test_every_text_field_is_classified,
test_every_url_pattern_is_rendered or test_every_admin_model_is_rendered.
"""

import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlsplit

import pytest

from django.apps import apps
from django.contrib import admin
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.html import escape

from articles.sitemaps import sitemaps
from comments.models import Comment
from comments.services import comments_by_email
from comments.tasks import send_moderation_digest

from .corpus import PAYLOADS
from .fields import HOSTILE, NOT_WRITTEN_BY_PEOPLE, VALIDATED
from .scan import Shape, problems, shape_of
from .world import build_world, make_hostile

# The module's world is built once and rolled back (see `rendered`); the
# marker makes pytest-django set up the test database for it.
pytestmark = pytest.mark.django_db

# --- What must be covered -------------------------------------------------


def text_fields() -> set[str]:
    kinds = (models.CharField, models.TextField, models.JSONField)
    return {
        f"{model._meta.label}.{f.name}"
        for model in apps.get_models()
        # A proxy (articles.ArticleCalendar) has no columns of its own.
        if not model._meta.proxy
        for f in model._meta.get_fields()
        if isinstance(f, kinds)
    }


def url_names() -> set[str]:
    names = set()

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace != "admin":  # test_every_admin_model_is_rendered
                    walk(p.url_patterns, f"{p.namespace}:" if p.namespace else prefix)
            elif isinstance(p, URLPattern):
                names.add(prefix + (p.name or str(p.pattern)))

    walk(get_resolver().url_patterns)
    return names


def _with_params(path, name, payloads):
    return [(f"{path}?{name}={quote(p)}", f"{path}?{name}=benign") for p in payloads]


def packed(limit: int) -> list[str]:
    """Every payload, packed into as few strings of at most `limit` as fit.

    Without NUL: in a URL it answers 400 (tests/security/test_nul_bytes).
    """
    packs = [""]
    for payload in (p.replace("\x00", "") for p in PAYLOADS):
        if packs[-1] and len(packs[-1]) + len(payload) > limit:
            packs.append("")
        packs[-1] += payload[:limit]
    return packs


# url name -> the (hostile URL, baseline URL) pairs that render it, or why
# nothing user-written can reach it. HTML unless listed in XML_PAGES.
PAGES = {
    "articles:home": lambda w: ["/"],
    "articles:search": lambda w: [
        # The search box keeps 200 characters (articles.views).
        *_with_params("/search/", "q", packed(200)),
        *_with_params("/search/", "page", packed(300)[::4]),
        ("/search/?q=benign", "/search/?q=benign"),
    ],
    "articles:section": lambda w: [
        *[s.get_absolute_url() for s in w.of("articles.Section")],
        *_with_params(
            w.of("articles.Section")[0].get_absolute_url(), "page", packed(300)[::2]
        ),
    ],  # fmt: skip
    "articles:authors": lambda w: ["/authors/"],
    "articles:author": lambda w: [
        a.get_absolute_url() for a in w.of("articles.Author")
    ],
    "articles:tag": lambda w: [t.get_absolute_url() for t in w.of("articles.Tag")],
    "articles:detail": lambda w: [
        *[a.get_absolute_url() for a in w.of("articles.Article")[:-1]],
        *[
            f"{w.of('articles.Article')[0].get_absolute_url()}?cpage={n}"
            for n in (2, 3, 4)
        ],
        f"{w.of('articles.Article')[0].get_absolute_url()}?replyto="
        f"{w.of('comments.Comment')[0].pk}",
        *_with_params(
            w.of("articles.Article")[0].get_absolute_url(), "cpage", packed(300)[::3]
        ),
        *_with_params(
            w.of("articles.Article")[0].get_absolute_url(), "replyto", packed(300)[1::3]
        ),
    ],  # fmt: skip
    "articles:preview": lambda w: [w.draft.get_preview_url()],
    "page": lambda w: [
        f"/pages{p.url}" for p in w.of("flatpages.FlatPage") if p.url.startswith("/p")
    ],
    "articles:feed": lambda w: ["/feeds/latest/"],
    "articles:section_feed": lambda w: [
        f"/feeds/section/{s.slug}/" for s in w.of("articles.Section")
    ],
    "articles:author_feed": lambda w: [
        f"/feeds/author/{a.slug}/" for a in w.of("articles.Author")
    ],
    "sitemap": lambda w: ["/sitemap.xml"],
    "django.contrib.sitemaps.views.sitemap": lambda w: [
        f"/sitemap-{name}.xml" for name in sitemaps
    ],
    "news-sitemap": lambda w: ["/news-sitemap.xml"],
    "robots": lambda w: ["/robots.txt"],
    "comments:post": "a POST target: test_comment_form_answers_keep_hostile_text_inert",
    "comments:token": "answers a token the server made: no stored or request text",
    # The report form quotes the comment: every public comment of the world.
    "comments:report": lambda w: [
        reverse("comments:report", args=[c.pk])
        for c in w.of("comments.Comment")
        if c.status == Comment.Status.APPROVED
    ],
    # Signed links from emails: the pages show nothing of the token; a
    # hostile one is not a valid signature (the 404 page shows the path).
    "comments:notify_confirm": lambda w: [
        (
            f"/comments/notify/confirm/{quote(p, safe='')}/",
            "/comments/notify/confirm/benign/",
        )
        for p in packed(300)
    ],
    "comments:notify_unsubscribe": lambda w: [
        (
            f"/comments/notify/unsubscribe/{quote(p, safe='')}/",
            "/comments/notify/unsubscribe/benign/",
        )
        for p in packed(300)
    ],
    "comments:edit": "the poster's cookie only: tests/security/"
    "test_reader_comment_pages.py renders it with every payload",
    "comments:delete": "the poster's cookie only: tests/security/"
    "test_reader_comment_pages.py renders it with every payload",
    "healthz": "answers with no stored or request text",
    "favicon": "a static file: no stored or request text",
    "media": "serves files by the names the server chose (articles.images)",
}
XML_PAGES = {"articles:feed", "articles:section_feed", "articles:author_feed",
             "sitemap", "django.contrib.sitemaps.views.sitemap", "news-sitemap"}  # fmt: skip
TEXT_PAGES = {"robots"}
# Pages that show editors' HTML: the allow-list's elements may appear.
RICH_PAGES = {"articles:detail", "articles:preview", "page"}
# Extra pages no URL name covers: the 404 page shows the requested path.
NOT_FOUND = [
    (f"/nowhere/{quote(p, safe='')}/", "/nowhere/benign/") for p in packed(600)
]


def test_every_text_field_is_classified():
    classified = HOSTILE | VALIDATED | set(NOT_WRITTEN_BY_PEOPLE)
    assert (text_fields() - classified, classified - text_fields()) == (set(), set())


def test_every_url_pattern_is_rendered():
    # "media" exists only with SERVE_MEDIA.
    assert (url_names() - set(PAGES), set(PAGES) - url_names() - {"media"}) == (
        set(),
        set(),
    )


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 150


@pytest.mark.parametrize("name", sorted(VALIDATED))
def test_validated_fields_refuse_the_corpus(name):
    app_label, model_name, field_name = name.split(".")
    form_field = (
        apps.get_model(app_label, model_name)._meta.get_field(field_name).formfield()
    )
    accepted = []
    for payload in PAYLOADS:
        try:
            form_field.clean(payload)
        except ValidationError:
            continue
        accepted.append(payload)
    assert accepted == []


# --- Rendering ------------------------------------------------------------


def pairs(world) -> list[tuple[str, str, str]]:
    """(url name, hostile URL, baseline URL) for every page to compare."""
    found = []
    for name, urls in PAGES.items():
        if isinstance(urls, str):
            continue
        for url in urls(world):
            hostile, baseline = url if isinstance(url, tuple) else (url, url)
            found.append((name, hostile, baseline))
    return found + [("404", hostile, baseline) for hostile, baseline in NOT_FOUND]


def admin_urls(world) -> list[tuple[str, str]]:
    """(model label, URL): index, every change list page, add, change,
    delete and history pages of every admin model."""
    urls = [("admin", "/admin/")]
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        info = model._meta.app_label, model._meta.model_name
        rows = world.rows.get(label) or list(model.objects.all()[:2])
        urls.append((label, reverse("admin:{}_{}_changelist".format(*info))))
        if len(rows) > model_admin.list_per_page:
            urls.append(
                (label, reverse("admin:{}_{}_changelist".format(*info)) + "?p=2")
            )
        urls.append((label, reverse("admin:{}_{}_add".format(*info))))
        for obj in rows[:1]:
            for view in ("change", "history", "delete"):
                urls.append(
                    (
                        label,
                        reverse("admin:{}_{}_{}".format(*info, view), args=[obj.pk]),
                    )
                )
    return urls


def render(client, url):
    response = client.get(url)
    assert response.status_code < 500, url
    return response


def compare(name, url, baseline_body, hostile_body) -> list[str]:
    if name in XML_PAGES:
        return xml_problems(baseline_body, hostile_body)
    if name in TEXT_PAGES:
        same = len(baseline_body.splitlines()) == len(hostile_body.splitlines())
        return [] if same else ["lines added to a text answer"]
    return problems(shape_of(baseline_body), shape_of(hostile_body),
                    rich_text=name in RICH_PAGES)  # fmt: skip


def xml_problems(baseline: str, hostile: str) -> list[str]:
    try:
        tree = ET.fromstring(hostile.encode())
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    base = ET.fromstring(baseline.encode())
    found = []
    if extra := {e.tag for e in tree.iter()} - {e.tag for e in base.iter()}:
        found.append(f"XML elements {sorted(extra)}")
    # RSS descriptions are HTML: editors' allow-list at most.
    base_html = Shape()
    for element in base.iter("description"):
        shape = shape_of(element.text or "")
        base_html.elements |= shape.elements
        base_html.attributes |= shape.attributes
    for element in tree.iter("description"):
        found += problems(base_html, shape_of(element.text or ""), rich_text=True)
    # (guids are urn:uuid: names, not links.)
    url_tags = {"link", "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"}
    for element in tree.iter():
        text = element.text or ""
        if element.tag in url_tags and not text.startswith(("http://", "https://")):
            found.append(f"{element.tag} is not an http(s) URL")
    return found


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """Every page, rendered with harmless text and then with hostile text.

    Built once for the module (a few seconds); its rows are deleted after.
    """
    from django.conf import settings

    overrides = {"PAGE_CACHE_ENABLED": False, "COMMENT_RATE_LIMIT": "100000/m",
                 "COMMENT_FLOOD_SECONDS": 0, "COMMENT_MODERATOR_EMAILS": ["desk@example.com"],
                 # Set per test in tests/conftest.py; this fixture runs first.
                 "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"]}  # fmt: skip
    saved = {k: getattr(settings, k) for k in overrides}
    for k, v in overrides.items():
        setattr(settings, k, v)
    try:
        return _render_everything(django_db_blocker)
    finally:
        for k, v in saved.items():
            setattr(settings, k, v)


def _render_everything(django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            world = build_world()
            reader, staff = Client(), Client()
            staff.force_login(world.users["superuser"])
            page_list = pairs(world)
            admin_list = admin_urls(world)
            base_pages = {b: render(staff if n == "articles:preview" else reader, b).text
                          for n, _, b in page_list}  # fmt: skip
            base_admin = {u: render(staff, u).text for _, u in admin_list}
            base_digest, base_posts = digest(world), comment_posts(world, benign=True)
            make_hostile(world)
            result = {
                "world": world,
                "pages": [(n, h, base_pages[b],
                           render(staff if n == "articles:preview" else reader, h).text)
                          for n, h, b in page_list],
                "admin": [(label, u, base_admin[u], render(staff, u).text)
                          for label, u in admin_list],
                "digest": (base_digest, digest(world)),
                "posts": (base_posts, comment_posts(world, benign=False)),
                "export": export(world),
                "legacy": legacy_answers(world),
            }  # fmt: skip
            transaction.set_rollback(True)
    return result


def digest(world) -> str:
    mail.outbox = []
    Comment.objects.filter(status=Comment.Status.PENDING).update(notified_at=None)
    send_moderation_digest.call()
    return mail.outbox[0].body if mail.outbox else ""


def comment_posts(world, *, benign) -> list[str]:
    """The article page re-rendered around a refused comment form, with
    every field of the form hostile (or harmless, for the baseline)."""
    article = world.of("articles.Article")[1]  # few comments: quick to render
    client = Client()
    answers = []
    # Four payloads a post, each field a different mix of them.
    groups = [PAYLOADS[n : n + 4] for n in range(0, len(PAYLOADS), 4)]
    # The baseline: every field refused once, with harmless text.
    harmless = [{"body": "", "author_name": "", "author_email": "x", "author_url": "x",
                 "parent": "x", "token": "x", "homepage": ""},
                {"body": "benign", "author_name": "benign", "author_email": "benign",
                 "author_url": "", "parent": "", "token": "", "homepage": ""}]  # fmt: skip
    posts = harmless if benign else [
        dict.fromkeys(["body", "author_name", "author_email", "author_url", "parent",
                       "token"], "".join(group)) | {"homepage": ""}
        for group in groups
    ]  # fmt: skip
    for data in posts:
        response = client.post(f"/comments/post/{article.pk}/", data)
        assert response.status_code < 500
        answers.append(response.text)
    return answers


def export(world) -> list[tuple[list, str]]:
    """export_comments' JSON for some hostile emails, with what is stored."""
    found = []
    for comment in world.of("comments.Comment")[:12]:
        out = io.StringIO()
        call_command("export_comments", comment.author_email, stdout=out)
        stored = list(
            comments_by_email(comment.author_email).values_list("body", flat=True)
        )
        found.append((stored, out.getvalue()))
    return found


def legacy_answers(world) -> list[tuple[str, int, str]]:
    """(URL, status, Location) for every old WordPress address the world
    keeps reachable (its feed too) and the home page's WordPress queries;
    the items lead to rows whose own text and addresses are hostile."""
    queries = {"post": "p", "page": "page_id", "category": "cat"}
    urls = []
    # The odd rows keep their addresses (world._kept_fields).
    for legacy in world.of("wordpress.LegacyPath")[1::2]:
        feed = [] if legacy.path.startswith("/?") else [f"{legacy.path}feed/"]
        urls += [legacy.path, *feed]
    for item in world.of("wordpress.WordPressItem")[1::2]:
        if item.kind in queries:
            urls.append(f"/?{queries[item.kind]}={item.wp_id}")
    client = Client()
    return [
        (url, response.status_code, response.get("Location", ""))
        for url in urls
        for response in [client.get(url)]
    ]


def first_of_each(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """One (URL, problem) per kind of problem: a readable failure."""
    seen = {}
    for url, problem in found:
        seen.setdefault(problem[:200], (url, problem))
    return list(seen.values())


def test_every_admin_model_is_rendered(rendered):
    shown = {label for label, *_ in rendered["admin"]}
    assert {m._meta.label for m in admin.site._registry} - shown == set()


def test_every_hostile_field_has_rows_in_the_world(rendered):
    world = rendered["world"]
    labels = {name.rsplit(".", 1)[0] for name in HOSTILE}
    assert {label for label in labels if not world.rows.get(label)} == set()


def test_no_page_lets_hostile_text_out(rendered):
    found = [(url, p) for name, url, base, hostile in rendered["pages"]
             for p in compare(name, url, base, hostile)]  # fmt: skip
    assert first_of_each(found) == []


def test_no_admin_page_lets_hostile_text_out(rendered):
    found = [(url, p) for _, url, base, hostile in rendered["admin"]
             for p in problems(shape_of(base), shape_of(hostile), rich_text=False)]  # fmt: skip
    assert first_of_each(found) == []


def test_the_copy_desk_panel_quotes_hostile_text(rendered):
    # The world reaches the panel: an overridden error with its reason, and
    # the link's message naming the draft's headline, in both renders.
    world = rendered["world"]
    article, draft = world.of("articles.Article")[0], world.draft
    url = reverse("admin:articles_article_change", args=[article.pk])
    base, hostile = next((b, h) for _, u, b, h in rendered["admin"] if u == url)
    override = next(
        o for o in world.of("copydesk.CopyOverride") if o.article == article
    )
    quoted = [
        escape(override.reason),
        escape(f"Links to “{draft.headline}”, which is not published."),
    ]
    kinds = ["copydesk__finding--overridden", "copydesk__finding--warning"]
    assert (
        [base.count(kind) > 0 for kind in kinds],
        [hostile.count("copydesk__finding--overridden"), *map(hostile.count, quoted)],
    ) == ([True, True], [1, 1, 1])


def test_comment_form_answers_keep_hostile_text_inert(rendered):
    base_answers, hostile_answers = rendered["posts"]
    baseline = Shape()
    for answer in base_answers:
        shape = shape_of(answer)
        baseline.elements |= shape.elements
        baseline.attributes |= shape.attributes
        baseline.schemes |= shape.schemes
        baseline.metas |= shape.metas
        baseline.scripts = shape.scripts
    found = [p for answer in hostile_answers
             for p in problems(baseline, shape_of(answer), rich_text=True)]  # fmt: skip
    assert found == []


def test_the_digest_shows_hostile_text_only_as_quotes(rendered):
    baseline, hostile = rendered["digest"]
    own = ("On: ", "From: ", "Why held: ", "> ", "Moderation queue: ")
    strays = [line for line in hostile.splitlines()
              if line and line != "----" and not line.startswith(own)][1:]  # fmt: skip
    counts = [text.count("\nModeration queue: ") for text in (baseline, hostile)]
    assert (strays, counts[1], hostile.count("\n----\n")) == (
        [],
        1,
        baseline.count("\n----\n"),
    )


def test_old_wordpress_addresses_lead_only_to_this_site(rendered):
    answers = rendered["legacy"]
    strays = [
        (url, status, location)
        for url, status, location in answers
        if status not in (301, 404) or (status == 301 and not _is_local(location))
    ]
    moved = sum(status == 301 for _, status, _ in answers)
    assert (strays, moved >= 8) == ([], True)


def _is_local(location: str) -> bool:
    parts = urlsplit(location)
    return (
        not parts.scheme
        and not parts.netloc
        and location.startswith("/")
        and not location.startswith(("//", "/\\"))
    )


def test_the_export_is_json_with_the_stored_text(rendered):
    for stored, output in rendered["export"]:
        assert [row["comment"] for row in json.loads(output)] == stored
