"""The table and its index take this app's names; the rows stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('indicator_reports', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(name='reportjob', table=None),
        migrations.RenameIndex(
            model_name='reportjob',
            new_name='report_job_status_heartbeat',
            old_name='progress_re_status_aece6a_idx',
        ),
    ]
