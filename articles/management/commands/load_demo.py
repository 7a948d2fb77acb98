import time

from django.conf import settings
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
            "--no-superuser",
            action="store_true",
            help="Don't create an admin user.",
        )

    def handle(self, *args, articles, no_superuser, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        if demo.is_loaded():
            self.stdout.write("Demo content already loaded: nothing changed.")
        else:
            self.load(articles)
        if not no_superuser:
            self.report_admin(demo.ensure_superuser())

    def load(self, articles: int) -> None:
        started = time.perf_counter()
        try:
            summary = demo.load_demo(article_count=articles)
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
                f"{summary.pages} pages."
            )
        )

    def report_admin(self, login: demo.AdminLogin) -> None:
        if login.password is None:
            self.stdout.write(
                f"An admin user already exists ({login.username}); reset its "
                f"password with: python manage.py changepassword {login.username}"
            )
            return
        admin_url = f"http://127.0.0.1:8000/{settings.ADMIN_URL}"
        self.stdout.write(
            self.style.WARNING(
                f"Admin login: {admin_url}  user: {login.username}  "
                f"password: {login.password}\n"
                "This password is shown only once. To change it: "
                f"python manage.py changepassword {login.username}"
            )
        )
