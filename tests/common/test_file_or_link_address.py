"""common.api_fast.file_or_link_address: what the API gives as the address of
a practice's attachment or an observation's document."""

from types import SimpleNamespace

from django.test import RequestFactory

from common.api_fast import file_or_link_address


def test_a_link_is_given_as_it_is():
    link = SimpleNamespace(file=None, url="https://example.org/law")
    assert file_or_link_address(link, None, "unused") == "https://example.org/law"


def test_a_file_is_given_its_download_address():
    item = SimpleNamespace(file="attachments/law.pdf", url="")
    arguments = {"pk": 7, "attachment_id": 3}
    view = "good_practices:attachment_download"
    path = file_or_link_address(item, None, view, **arguments)
    assert path.startswith("/en/") and "/7/" in path and "/3/" in path
    request = RequestFactory().get("/api/v1/good-practices/", secure=True)
    assert file_or_link_address(item, request, view, **arguments) == (
        f"https://testserver{path}"
    )
    document = file_or_link_address(
        item, None, "civil_society:document_download", pk=5, document_id=9
    )
    assert "/5/" in document and "/9/" in document and document != path
