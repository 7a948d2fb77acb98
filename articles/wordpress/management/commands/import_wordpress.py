"""manage.py import_wordpress EXPORT.xml [--media-dir DIR] [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.wordpress.importer import BATCH_SIZE, ImportRefused, import_wordpress
from articles.wordpress.wxr import WXRError

KINDS = (
    ("category", "Sections"),
    ("tag", "Tags"),
    ("author", "Authors"),
    ("attachment", "Images"),
    ("post", "Articles"),
    ("page", "Pages"),
    ("comment", "Comments"),
    ("other", "Other items"),
)


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools › Export, a WXR file): categories, "
        "tags, authors, posts, pages, images and comments. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="The WXR (.xml) file.")
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="A copy of wp-content/uploads; attachments are matched by path.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be created, updated and skipped; write nothing.",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar on stderr."
        )

    def handle(self, *args, export, media_dir, dry_run, batch_size, **options):
        if not export.is_file():
            raise CommandError(f"No such file: {export}")
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir is not a folder: {media_dir}")
        try:
            report = import_wordpress(
                path=export,
                media_dir=media_dir,
                dry_run=dry_run,
                batch_size=batch_size,
                progress_stream=None if options["no_progress"] else self.stderr,
            )
        except WXRError as exc:
            raise CommandError(f"{export}: {exc} Nothing was imported.") from None
        except ImportRefused as exc:
            lines = "\n".join(f"  - {p}" for p in exc.problems)
            raise CommandError(
                f"{export} can't be imported; nothing was written:\n{lines}"
            ) from None
        self.print_report(report)

    def print_report(self, report) -> None:
        out = self.stdout
        if report.dry_run:
            out.write("Dry run: nothing was written. This is what would happen.")
        if report.permalink:
            out.write(f"Permalinks: {report.permalink}")
        header = ("", "Created", "Updated", "Unchanged", "Skipped")
        rows = [header]
        for kind, label in KINDS:
            tally = report.kinds.get(kind)
            if tally is None:
                continue
            rows.append(
                (
                    label,
                    f"{tally.created:,}",
                    f"{tally.updated:,}",
                    f"{tally.unchanged:,}",
                    f"{sum(tally.skipped.values()):,}",
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        for row in rows:
            cells = [row[0].ljust(widths[0])]
            cells += [
                cell.rjust(width)
                for cell, width in zip(row[1:], widths[1:], strict=True)
            ]
            out.write("  ".join(cells))
        skipped = [
            (label, reason, n)
            for kind, label in KINDS
            if kind in report.kinds
            for reason, n in sorted(report.kinds[kind].skipped.items())
        ]
        if skipped:
            out.write("\nSkipped:")
            for label, reason, n in skipped:
                out.write(f"  {label}: {n:,} {reason}")
        if report.missing_files:
            out.write(
                f"\nMissing files ({len(report.missing_files):,}), not in the media "
                "folder; their posts are imported without them:"
            )
            for url in report.missing_files:
                out.write(f"  {url}")
        for warning in report.warnings:
            out.write(self.style.WARNING(f"Warning: {warning}"))
