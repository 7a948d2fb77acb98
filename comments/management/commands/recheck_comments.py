from django.core.management.base import BaseCommand

from comments.models import Comment
from comments.services import recheck_comment


class Command(BaseCommand):
    help = (
        "Recheck comments held because a spam check failed, once their retry "
        "time has come. The task worker does this by itself; this command is for "
        "set-ups without one (the immediate backend) and as a safety net."
    )

    def handle(self, *args, **options):
        done = 0
        for comment in Comment.objects.due_for_recheck().select_related("article"):
            recheck_comment(comment=comment)
            done += 1
        self.stdout.write(f"Rechecked {done} comment(s).")
