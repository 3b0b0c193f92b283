from datetime import timedelta

import pytest
from django.utils import timezone

from indicator_reports import services
from indicator_reports.models import ReportJob
from indicator_reports.params import ReportParams
from progress.models import ProgressReport

pytestmark = pytest.mark.django_db
Job = ReportJob.Status


def ask(user, kind="needs", fmt="csv"):
    return services.report_job_request(
        user=user, kind=kind, fmt=fmt, params=ReportParams(), language="en"
    )


@pytest.fixture
def job(secretariat):
    return ask(secretariat)


@pytest.fixture
def finished(job, media, participant, mandate, cycle):
    ProgressReport.objects.create(
        participant=participant,
        mandate=mandate,
        cycle=cycle,
        status="submitted",
        assistance_description="Help with a register of beneficial owners.",
    )
    services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def urls(job):
    base = f"/en/indicator-reports/{job.pk}/"
    return [base, base + "status/", base + "download/"]


def test_anonymous_is_sent_to_sign_in_from_the_indicator_reports(client, job):
    for url in ["/en/indicator-reports/", *urls(job)]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/en/account/sign-in/" in response["Location"]


@pytest.mark.parametrize("persona", ["focal", "observer", "outsider"])
def test_everyone_but_the_secretariat_gets_404(client, request, persona, finished):
    client.force_login(request.getfixturevalue(persona))
    for url in ["/en/indicator-reports/", *urls(finished)]:
        assert client.get(url).status_code == 404, url
    rerun = f"/en/indicator-reports/{finished.pk}/run-again/"
    assert client.post(rerun).status_code == 404


def test_secretariat_asks_for_an_indicator_report_and_is_shown_its_progress(
    client, secretariat, cycle
):
    client.force_login(secretariat)
    page = client.get("/en/indicator-reports/")
    assert page.status_code == 200
    assert "Timeliness and completeness" in page.content.decode()
    response = client.post(
        "/en/indicator-reports/",
        {
            "kind": "timeliness",
            "format": "xlsx",
            "cycles": [cycle.pk],
            "participant_group": "state",
            "sections": ["A"],
            "mandates": ["40"],
            "statuses": ["submitted", "published"],
        },
    )
    job = ReportJob.objects.get()
    assert response["Location"] == f"/en/indicator-reports/{job.pk}/"
    assert job.requested_by == secretariat
    assert job.parameters["cycle_ids"] == [cycle.pk]
    assert job.parameters["participant_group"] == "state"
    assert job.parameters["section_codes"] == ["A"]
    assert job.parameters["mandate_numbers"] == [40]
    detail = client.get(response["Location"]).content.decode()
    assert 'id="job-bar"' in detail
    assert "Waiting for a worker" in detail
    assert "Statuses" in detail and "Submitted, Published" in detail


def test_choosing_participants_by_name_needs_at_least_one(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        "/en/indicator-reports/",
        {
            "kind": "matrix",
            "format": "csv",
            "participant_group": "chosen",
            "statuses": ["published"],
        },
    )
    assert response.status_code == 400
    assert "Choose at least one participant." in response.content.decode()
    assert not ReportJob.objects.exists()


def test_status_says_how_far_the_job_got(client, secretariat, job):
    client.force_login(secretariat)
    ReportJob.objects.filter(pk=job.pk).update(
        status=Job.RUNNING, rows_done=25, rows_total=100, heartbeat_at=timezone.now()
    )
    data = client.get(f"/en/indicator-reports/{job.pk}/status/").json()
    assert data["status"] == "running"
    assert data["percent"] == 25
    assert data["finished"] is False
    assert data["download_url"] == ""


def test_finished_job_is_downloaded_by_the_secretariat(client, secretariat, finished):
    client.force_login(secretariat)
    data = client.get(f"/en/indicator-reports/{finished.pk}/status/").json()
    assert data["percent"] == 100
    response = client.get(data["download_url"])
    assert response.status_code == 200
    assert finished.download_name in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("report_id,cycle,participant_code")
    assert "beneficial owners" in body


def test_viewing_the_list_reaps_a_dead_worker_s_job(client, secretariat, job):
    ReportJob.objects.filter(pk=job.pk).update(
        status=Job.RUNNING, heartbeat_at=timezone.now() - timedelta(hours=1)
    )
    client.force_login(secretariat)
    content = client.get("/en/indicator-reports/").content.decode()
    job.refresh_from_db()
    assert job.status == Job.FAILED
    assert "The worker stopped before the report was finished." in content
    assert "Run again" in content


def test_failed_job_says_why_and_runs_again(client, secretariat, job):
    services.report_job_fail(job_id=job.pk, failure="database", error="timeout")
    client.force_login(secretariat)
    page = client.get(f"/en/indicator-reports/{job.pk}/").content.decode()
    assert "The database could not be reached" in page
    response = client.post(f"/en/indicator-reports/{job.pk}/run-again/")
    again = ReportJob.objects.exclude(pk=job.pk).get()
    assert response["Location"] == f"/en/indicator-reports/{again.pk}/"
    assert again.rerun_of == job


def test_job_list_query_count_does_not_grow(
    client, secretariat, secretariat2, django_assert_max_num_queries
):
    client.force_login(secretariat)
    ask(secretariat)
    with django_assert_max_num_queries(16) as one:
        client.get("/en/indicator-reports/")
    for number in range(15):
        ask(secretariat2 if number % 2 else secretariat, kind="matrix")
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/en/indicator-reports/")
