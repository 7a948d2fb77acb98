from django.core.management.base import BaseCommand, CommandError

from comments.services import comments_by_email, erase_comments


class Command(BaseCommand):
    help = "Delete every comment stored under an email address."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Do not ask to confirm.")

    def handle(self, *args, email, yes, **options):
        count = comments_by_email(email).count()
        if not count:
            self.stdout.write(f"No comments under {email}.")
            return
        if not yes:
            answer = input(f"Delete {count} comment(s) under {email}? [y/N] ")
            if answer.strip().lower() != "y":
                raise CommandError("Nothing deleted.")
        self.stdout.write(f"Deleted {erase_comments(email=email)} comment(s).")
