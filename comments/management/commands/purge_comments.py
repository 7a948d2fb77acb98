from django.core.management.base import BaseCommand

from comments.services import purge_old_data


class Command(BaseCommand):
    help = "Delete old spam and blank old IP addresses and user agents (run daily)."

    def handle(self, *args, **options):
        result = purge_old_data()
        self.stdout.write(
            f"Deleted {result['spam_deleted']} spam comment(s); erased personal data "
            f"from {result['personal_data_erased']} comment(s)."
        )
