import csv
from datetime import date, datetime, time, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.copydesk.engine import get_rules, run_checks
from articles.copydesk.models import CopyOverride
from articles.copydesk.services import record_findings
from articles.models import Article, Section

CSV_COLUMNS = [
    "article_id", "headline", "url", "published_at", "rule", "severity",
    "overridden", "field", "paragraph", "place", "message", "excerpt",
]  # fmt: skip
BAR_WIDTH = 30


def parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from exc


class Command(BaseCommand):
    help = (
        "Run every copy-desk rule over published articles (or one section, or "
        "a date range) and print a report; --format csv writes one row per "
        "finding. A progress bar goes to stderr."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--section", metavar="SLUG", help="Only this section and its subsections."
        )
        parser.add_argument(
            "--since", metavar="YYYY-MM-DD", help="Published on or after this day."
        )
        parser.add_argument(
            "--until", metavar="YYYY-MM-DD", help="Published on or before this day."
        )
        parser.add_argument("--format", choices=["text", "csv"], default="text")
        parser.add_argument(
            "--save",
            action="store_true",
            help="Store the findings too, so the admin list counts them.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar."
        )

    def handle(self, *args, **options):
        articles = self.selection(options)
        total = articles.count()
        rules = get_rules()
        overridden = self.overridden(articles)
        report = CsvReport(self.stdout) if options["format"] == "csv" else None
        checked = with_errors = errors = warnings = 0
        show_progress = not options["no_progress"]
        for article in articles.iterator(chunk_size=200):
            findings = run_checks(article, rules)
            if options["save"]:
                record_findings(article=article, findings=findings)
            done = overridden.get(article.pk, set())
            open_errors = [
                f for f in findings if f.is_error and f.fingerprint not in done
            ]
            checked += 1
            with_errors += bool(open_errors)
            errors += len(open_errors)
            warnings += sum(not f.is_error for f in findings)
            if report:
                report.write(article, findings, done)
            elif findings:
                self.write_text(article, findings, done)
            if show_progress:
                self.progress(checked, total)
        if show_progress and total:
            self.stderr.write("", ending="\n")
        summary = (
            f"Checked {checked} article{'s' if checked != 1 else ''}: "
            f"{with_errors} with errors; {errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}."
        )
        # The CSV stays one table: the summary goes beside the progress bar.
        (self.stderr if report else self.stdout).write(summary)

    def selection(self, options):
        articles = (
            Article.objects.published()
            .select_related("section", "lead_image")
            .defer("search_vector")
            .order_by("published_at", "pk")
        )
        if options["section"]:
            try:
                section = Section.objects.get(slug=options["section"])
            except Section.DoesNotExist as exc:
                raise CommandError(f"No section {options['section']!r}.") from exc
            articles = articles.in_sections(section.descendant_ids())
        zone = timezone.get_current_timezone()
        if options["since"]:
            start = datetime.combine(parse_day(options["since"]), time.min, zone)
            articles = articles.filter(published_at__gte=start)
        if options["until"]:
            day_after = parse_day(options["until"]) + timedelta(days=1)
            articles = articles.filter(
                published_at__lt=datetime.combine(day_after, time.min, zone)
            )
        return articles

    def overridden(self, articles) -> dict[int, set[str]]:
        by_article = {}
        rows = CopyOverride.objects.filter(article__in=articles.values("pk"))
        for article_id, fingerprint in rows.values_list("article_id", "fingerprint"):
            by_article.setdefault(article_id, set()).add(fingerprint)
        return by_article

    def write_text(self, article, findings, overridden):
        self.stdout.write(f"{article.headline}  ({article.get_absolute_url()})")
        for f in findings:
            label = f.severity_label.upper()
            if f.fingerprint in overridden:
                label += " (overridden)"
            self.stdout.write(f"  {label}  {f.place}: {f.message}  [{f.rule}]")
            if f.excerpt:
                self.stdout.write(f"      {f.excerpt_with_marks()}")

    def progress(self, done, total):
        # Redrawn in place; about a hundred redraws whatever the total.
        if done != total and done % max(1, total // 100):
            return
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stderr.write(f"\rChecking [{bar}] {done}/{total}", ending="")
        self.stderr.flush()


class CsvReport:
    def __init__(self, stream):
        self.writer = csv.writer(stream, lineterminator="\n")
        self.writer.writerow(CSV_COLUMNS)

    def write(self, article, findings, overridden):
        for f in findings:
            self.writer.writerow(
                [
                    article.pk,
                    article.headline,
                    article.get_absolute_url(),
                    article.published_at.isoformat(),
                    f.rule,
                    f.severity,
                    "yes" if f.fingerprint in overridden else "no",
                    f.field,
                    f.paragraph or "",
                    f.place,
                    f.message,
                    f.excerpt_with_marks(),
                ]
            )
