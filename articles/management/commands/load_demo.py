import time

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from articles import demo


class Command(BaseCommand):
    help = (
        "Load fictional demo content (sections, authors, articles, pictures and "
        "pages) once, and create an admin login if there is no superuser."
    )
    requires_migrations_checks = True

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=len(demo.ARTICLES),
            metavar="N",
            help=f"How many articles to create (default {len(demo.ARTICLES)}: "
            "the hand-written set). Fewer takes the first N; more are "
            "generated from them in bulk, for benchmarks.",
        )
        parser.add_argument(
            "--port",
            type=int,
            metavar="PORT",
            help="The local port the site is served on (make run PORT=...): a "
            "local Site domain (127.0.0.1:8000) follows it, so absolute URLs "
            "in feeds, sitemaps and JSON-LD do too.",
        )
        parser.add_argument(
            "--no-superuser",
            action="store_true",
            help="Don't create an admin user.",
        )

    def handle(self, *args, articles, no_superuser, port=None, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        if port:
            demo.use_local_port(port)
        if demo.is_loaded():
            self.stdout.write("Demo content already loaded: nothing changed.")
        else:
            self.load(articles)
        if not no_superuser:
            self.report_admin(demo.ensure_superuser())

    def load(self, articles: int) -> None:
        started = time.perf_counter()
        try:
            self.stdout.write(
                "Loading demo content (about a minute: every picture is cut "
                "into 18 renditions)..."
            )
            summary = demo.load_demo(article_count=articles, progress=self.progress)
        except IntegrityError as exc:
            # Some of the demo's slugs or names are taken by existing content.
            raise CommandError(
                f"Demo content clashes with existing data, nothing loaded: {exc}"
            ) from exc
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded demo content in {elapsed:.1f} s: "
                f"{summary.sections} sections, {summary.tags} tags, "
                f"{summary.authors} authors, {summary.articles} articles "
                f"({summary.published} published, {summary.scheduled} scheduled, "
                f"{summary.drafts} draft), {summary.images} images, "
                f"{summary.pages} pages, {summary.comments} comments."
            )
        )

    def progress(self, message: str) -> None:
        self.stdout.write(f"  {message}")
        self.stdout.flush()

    def report_admin(self, login: demo.AdminLogin) -> None:
        reset = f".venv/bin/python manage.py changepassword {login.username}"
        if login.password is None:
            self.stdout.write(
                f"An admin user already exists ({login.username}); reset its "
                f"password with: {reset}"
            )
            return
        domain = Site.objects.get(pk=settings.SITE_ID).domain
        admin_url = f"http://{domain}/{settings.ADMIN_URL}"
        self.stdout.write(
            self.style.WARNING(
                f"Admin login: {admin_url}  user: {login.username}  "
                f"password: {login.password}\n"
                f"This password is shown only once. To change it: {reset}"
            )
        )
