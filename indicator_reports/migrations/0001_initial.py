"""ReportJob moves from progress to this app, keeping its table and rows.

The state is created here on the existing table (no SQL); progress 0005 has
dropped it from progress's state (no SQL either). The content type follows,
so permissions and admin history stay attached. 0002 then renames the table.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    if not content_types.objects.filter(
        app_label="indicator_reports", model="reportjob"
    ).exists():
        content_types.objects.filter(app_label="progress", model="reportjob").update(
            app_label="indicator_reports"
        )


def move_content_type_back(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    if not content_types.objects.filter(app_label="progress", model="reportjob").exists():
        content_types.objects.filter(
            app_label="indicator_reports", model="reportjob"
        ).update(app_label="progress")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('progress', '0005_report_job_moves_to_indicator_reports'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ReportJob',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=40, verbose_name='report')),
                        ('format', models.CharField(choices=[('csv', 'CSV (comma-separated values)'), ('xlsx', 'Excel workbook (XLSX)'), ('json', 'JSON')], max_length=4, verbose_name='format')),
                        ('parameters', models.JSONField(blank=True, default=dict, verbose_name='parameters')),
                        ('language', models.CharField(choices=[('en', 'English'), ('es', 'Spanish'), ('pt', 'Portuguese'), ('fr', 'French')], default='en', max_length=5, verbose_name='language')),
                        ('status', models.CharField(choices=[('queued', 'Waiting for a worker'), ('running', 'Running'), ('succeeded', 'Ready'), ('failed', 'Failed')], default='queued', max_length=10, verbose_name='status')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='requested')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started')),
                        ('heartbeat_at', models.DateTimeField(blank=True, null=True, verbose_name='last heartbeat')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                        ('lease', models.UUIDField(blank=True, default=None, null=True, verbose_name='lease')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                        ('rows_done', models.PositiveIntegerField(default=0, verbose_name='rows written')),
                        ('rows_total', models.PositiveIntegerField(blank=True, null=True, verbose_name='rows expected')),
                        ('file', models.FileField(blank=True, max_length=300, upload_to='reports/', verbose_name='file')),
                        ('size', models.PositiveBigIntegerField(default=0, verbose_name='size in bytes')),
                        ('failure', models.CharField(blank=True, choices=[('worker_stopped', 'The worker stopped before the report was finished.'), ('database', 'The database could not be reached, even after several attempts.'), ('not_queued', 'The report could not be handed to a worker.'), ('invalid', "The report's parameters are no longer valid."), ('unexpected', 'An unexpected error stopped the report.')], max_length=16, verbose_name='reason of the failure')),
                        ('error', models.TextField(blank=True, verbose_name='error details')),
                        ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
                        ('rerun_of', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reruns', to='indicator_reports.reportjob', verbose_name='run again from')),
                    ],
                    options={
                        'db_table': 'progress_reportjob',
                        'verbose_name': 'report job',
                        'verbose_name_plural': 'report jobs',
                        'ordering': ['-created_at', '-pk'],
                        'indexes': [models.Index(fields=['status', 'heartbeat_at'], name='progress_re_status_aece6a_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('status', 'succeeded'), _negated=True), models.Q(('file', ''), _negated=True), _connector='OR'), name='succeeded_report_job_has_a_file'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'failed'), _negated=True), models.Q(('failure', ''), _negated=True), _connector='OR'), name='failed_report_job_says_why')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
