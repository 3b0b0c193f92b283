"""What may be uploaded, for report evidence and practice attachments alike.

Office files are opened as containers: tests/common/test_uploads.py."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from common import uploads
from common.uploads import check_upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("law.pdf", PDF, "application/pdf"),
        ("LAW.PDF", PDF, "application/pdf"),
        ("chart.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, "image/png"),
        ("photo.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 8, "image/jpeg"),
        ("notes.txt", "Señor, ça va".encode(), "text/plain"),
    ],
)
def test_an_accepted_file_gets_the_content_type_of_its_extension(
    name, content, content_type
):
    assert check_upload(SimpleUploadedFile(name, content)) == content_type


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("tool.exe", b"MZ\x90\x00", "Files of type .exe are not accepted"),
        ("README", b"text", "Files of type ? are not accepted"),
        ("fake.pdf", b"<html>not a pdf</html>", "does not match its .pdf extension"),
        ("fake.docx", PDF, "does not match its .docx extension"),
        ("zip-header.xlsx", b"PK\x03\x04" + b"\x00" * 8, "it cannot be opened"),
        ("binary.csv", b"a,b\n\x00\x01", "This does not look like a text file."),
        ("empty.pdf", b"", "The file is empty."),
    ],
)
def test_a_refused_file_says_why(name, content, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        check_upload(SimpleUploadedFile(name, content))


def test_a_file_over_the_limit_is_refused_with_both_sizes(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 1024 * 1024)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        check_upload(big)
    assert refused.value.messages == ["The file is 1.0 MB; the limit is 1 MB."]


def test_the_check_leaves_the_file_ready_to_be_read_from_the_start():
    upload = SimpleUploadedFile("law.pdf", PDF)
    check_upload(upload)
    assert upload.read() == PDF
