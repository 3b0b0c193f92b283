import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lima_portal import demo


class Command(BaseCommand):
    help = (
        "Create the demo accounts and dataset, once. Refuses to run with DEBUG off "
        "unless --allow-production is given, so a public server never gets demo "
        "accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args, allow_production: bool, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("The demo dataset is for DEBUG mode only.")
        password = os.environ.get("DEMO_PASSWORD")
        if not password:
            raise CommandError("Set DEMO_PASSWORD (make run sets one for you).")
        if demo.demo_loaded():
            self.stdout.write("Demo dataset already loaded.")
        else:
            demo.demo_load(password=password)
        self.stdout.write("\nDemo accounts (password in .embedded/demo_password):")
        for email, role in demo.demo_accounts():
            self.stdout.write(f"  {email:32} {role}")
        self.stdout.write(
            "The secretariat and the administrator set up two-factor sign-in "
            "(an authenticator app) at their first sign-in."
        )
