"""Uploaded and generated files in an S3-compatible bucket that several nodes share.

The bucket is served by moto's standalone server: a real S3 HTTP API in its own
process, started here (`python -m moto.server`). It installs from PyPI with the
test dependencies; MinIO or Ceph would need binaries or a cluster that this
project cannot fetch. The portal reaches it through the same settings a
deployment uses (STORAGE_BACKEND=s3 and the S3_* variables, read by the real
settings module), and boto3 checks from outside what the bucket holds.
"""

import importlib.util
import os
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import lima_portal
from indicator_reports import services as report_jobs
from indicator_reports.models import ReportJob
from indicator_reports.params import ReportParams
from lima_portal.env import ConfigurationError
from progress import services
from tests.servers import Server, free_port, http_status

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ACCESS_KEY, SECRET_KEY = "portal-test-key", "portal-test-secret"
PUBLIC_GRANTEES = ("AllUsers", "AuthenticatedUsers")


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    port = free_port()
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    log = tmp_path_factory.mktemp("s3") / "moto.log"
    with Server("S3 server (moto)", command, dict(os.environ), log) as server:
        url = f"http://127.0.0.1:{port}"
        server.wait_until(lambda: http_status(url) == 200)
        yield url


def s3_environment(monkeypatch, **values) -> dict:
    """The settings module's values, run anew (not imported) with these variables."""
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    path = Path(lima_portal.__file__).parent / "settings.py"
    spec = importlib.util.spec_from_file_location("lima_portal.settings_run", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return vars(module)


@pytest.fixture
def bucket(s3_server, settings, monkeypatch, media):
    """A fresh private bucket, and the portal's files stored in it."""
    name = f"lima-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3", endpoint_url=s3_server, region_name="us-east-1",
        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
    )  # fmt: skip
    client.create_bucket(Bucket=name)
    configured = s3_environment(
        monkeypatch,
        STORAGE_BACKEND="s3",
        S3_BUCKET_NAME=name,
        S3_ENDPOINT_URL=s3_server,
        S3_REGION_NAME="us-east-1",
        S3_ACCESS_KEY_ID=ACCESS_KEY,
        S3_SECRET_ACCESS_KEY=SECRET_KEY,
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": configured["STORAGES"]["default"],
    }
    client.bucket = name
    return client


def stored(bucket, key: str) -> bytes:
    return bucket.get_object(Bucket=bucket.bucket, Key=key)["Body"].read()


def keys(bucket) -> set[str]:
    listing = bucket.list_objects_v2(Bucket=bucket.bucket)
    return {item["Key"] for item in listing.get("Contents", [])}


def test_evidence_goes_to_the_bucket_and_comes_back_through_the_portal(
    client, bucket, focal, participant, mandate, cycle, media,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    draft, _created = services.report_start(
        user=focal, participant=participant, mandate=mandate, cycle=cycle
    )
    client.force_login(focal)
    upload = SimpleUploadedFile("law.pdf", PDF)
    client.post(f"/en/reports/{draft.pk}/evidence/", {"title": "Law", "upload": upload})
    evidence = draft.evidence.get()
    assert stored(bucket, evidence.file.name) == PDF
    grants = bucket.get_object_acl(Bucket=bucket.bucket, Key=evidence.file.name)
    uris = [g["Grantee"].get("URI", "") for g in grants["Grants"]]
    assert not any(who in uri for uri in uris for who in PUBLIC_GRANTEES)
    assert list(media.rglob("*.pdf")) == [], "nothing on the local disk"
    response = client.get(f"/en/reports/{draft.pk}/evidence/{evidence.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/reports/{draft.pk}/evidence/{evidence.pk}/remove/")
    assert keys(bucket) == set()


def test_two_uploads_with_one_name_keep_two_objects(bucket):
    first = default_storage.save("evidence/law.pdf", SimpleUploadedFile("a", b"1"))
    second = default_storage.save("evidence/law.pdf", SimpleUploadedFile("b", b"2"))
    assert first != second
    assert (stored(bucket, first), stored(bucket, second)) == (b"1", b"2")


def test_report_files_live_in_the_bucket_and_expire_there(
    client, bucket, secretariat, settings
):
    job = report_jobs.report_job_request(
        user=secretariat, kind="needs", fmt="json", params=ReportParams(),
        language="en",
    )  # fmt: skip
    report_jobs.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    client.force_login(secretariat)
    response = client.get(f"/en/indicator-reports/{job.pk}/download/")
    assert b"".join(response.streaming_content) == stored(bucket, job.file.name)
    settings.REPORT_FILE_RETENTION_DAYS = 1
    ReportJob.objects.filter(pk=job.pk).update(
        finished_at=timezone.now() - timedelta(days=2)
    )
    assert report_jobs.report_files_expire() == 1
    assert keys(bucket) == set()


@pytest.mark.django_db
def test_bulk_files_of_earlier_data_are_pruned_in_the_bucket(bucket, settings):
    from public_site.opendata import cache

    settings.BULK_FILE_RETENTION_DAYS = 1
    earlier = SimpleUploadedFile("x", b"x")
    old = default_storage.save("opendata/reports-en-7-20200101000000.xlsx", earlier)
    current = cache.bulk_xlsx("reports")
    later = timezone.now() + timedelta(days=2)
    assert cache.bulk_files_prune(now=later) == 1
    assert keys(bucket) == {current}
    assert old not in keys(bucket)


def test_local_files_stay_the_default(monkeypatch):
    monkeypatch.delenv("STORAGE_BACKEND", raising=False)
    configured = s3_environment(monkeypatch)
    backend = configured["STORAGES"]["default"]["BACKEND"]
    assert backend == "django.core.files.storage.FileSystemStorage"


@pytest.mark.parametrize(
    "values, message",
    [
        ({"STORAGE_BACKEND": "s3"}, "S3_BUCKET_NAME must be set"),
        (
            {"STORAGE_BACKEND": "s3", "S3_BUCKET_NAME": "b", "S3_ACCESS_KEY_ID": "k"},
            "S3_SECRET_ACCESS_KEY must be set",
        ),
        ({"STORAGE_BACKEND": "ftp"}, "STORAGE_BACKEND='ftp' is not one of local, s3"),
    ],
)
def test_s3_settings_without_their_secrets_stop_start_up(monkeypatch, values, message):
    for name in ("S3_BUCKET_NAME", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigurationError, match=message):
        s3_environment(monkeypatch, **values)
