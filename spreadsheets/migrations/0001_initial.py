# The SpreadsheetImport model moved here from progress: its table is kept
# (state only here and in progress 0013), then renamed by 0002.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0005_user_reminders_enabled'),
        ('progress', '0012_spreadsheet_import'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SpreadsheetImport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file_name', models.CharField(max_length=255, verbose_name='file name')),
                        ('language', models.CharField(max_length=5, verbose_name='language')),
                        ('generated_at', models.DateTimeField(verbose_name='workbook made on')),
                        ('rows', models.JSONField(default=list, verbose_name='rows')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded on')),
                        ('applied_at', models.DateTimeField(blank=True, null=True, verbose_name='applied on')),
                        ('result', models.JSONField(blank=True, null=True, verbose_name='result')),
                        ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='progress.reportingcycle', verbose_name='reporting cycle')),
                        ('participant', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.participant', verbose_name='participant')),
                        ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
                    ],
                    options={
                        'verbose_name': 'spreadsheet upload',
                        'verbose_name_plural': 'spreadsheet uploads',
                        'ordering': ['-created_at'],
                        'db_table': 'progress_spreadsheetimport',
                        'constraints': [models.CheckConstraint(condition=models.Q(('applied_at__isnull', True), ('result__isnull', False), _connector='OR'), name='applied_spreadsheet_has_result')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
