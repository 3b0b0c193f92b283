"""Store every address in the form that sign-in looks it up by.

Sign-in now matches the normalised address exactly (accounts.addresses). Two
accounts whose addresses become the same would be one person with two
accounts: the migration stops and names them, for an administrator to merge.
"""

import unicodedata

from django.db import migrations


def _normalise(address):
    # A frozen copy of accounts.addresses.normalise_email: migrations must not
    # change meaning when the application code does.
    composed = unicodedata.normalize("NFKC", address.strip())
    return unicodedata.normalize("NFKC", composed.casefold())


def normalise_emails(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    seen = {}
    for user in User.objects.order_by("pk"):
        key = _normalise(user.email)
        if key in seen:
            raise RuntimeError(
                f"Accounts {seen[key]} and {user.pk} have the same address once "
                f"normalised ({key!r}); merge them, then migrate again."
            )
        seen[key] = user.pk
        if key != user.email:
            User.objects.filter(pk=user.pk).update(email=key)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_password_reset_request")]

    operations = [
        migrations.RunPython(normalise_emails, migrations.RunPython.noop),
    ]
