from django.core.management.base import BaseCommand, CommandError

from common.pagecache import bump_version


class Command(BaseCommand):
    help = (
        "Make every stored public page and API answer out of date on every web "
        "node at once (a new published-content version). Writes through the "
        "portal do this by themselves; use it after changing the database by "
        "hand. A proxy or CDN in front keeps its copies for PAGE_CACHE_SHARED_MAX_AGE "
        "seconds: purge it too (README, Scaling out)."
    )

    def handle(self, *args, **options):
        if not bump_version():
            raise CommandError("Redis did not answer: the public pages are as before.")
        self.stdout.write("Public pages will be computed anew.")
