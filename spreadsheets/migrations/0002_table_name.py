# The table of SpreadsheetImport, kept from progress, takes this app's name.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('spreadsheets', '0001_initial'),
        ('progress', '0013_spreadsheet_import_moved'),
    ]

    operations = [
        migrations.AlterModelTable(name='spreadsheetimport', table=None),
    ]
