import json

from django.core.management.base import BaseCommand

from comments.services import export_comments


class Command(BaseCommand):
    help = "Print, as JSON, every comment stored under an email address."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        self.stdout.write(
            json.dumps(export_comments(email=email), indent=2, ensure_ascii=False)
        )
