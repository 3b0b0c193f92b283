"""ReportJob now belongs to indicator_reports (its 0001 takes the table over)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('progress', '0004_file_or_link'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='ReportJob')],
            database_operations=[],
        ),
    ]
