# SpreadsheetImport now belongs to the spreadsheets app (its 0001 takes the
# model over in the state; the table is kept and renamed there).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('progress', '0012_spreadsheet_import'),
        ('spreadsheets', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='SpreadsheetImport')],
            database_operations=[],
        ),
    ]
