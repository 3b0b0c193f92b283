"""Office documents are checked as the containers they are, not by their first
bytes only: required parts, nothing that runs, bounded when inflated."""

import io
import struct
import time
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from common.uploads import MAX_MEMBERS, check_upload

DOCX_PARTS = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
ODT = b"application/vnd.oasis.opendocument.text"


def container(parts: dict, *, level: int = 6) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, data))
    return " ".join(refused.value.messages)


def _central_entries(data: bytes):
    """(offset of the central directory entry, of the local header, name)."""
    position = data.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        local = struct.unpack_from("<I", data, position + 42)[0]
        yield position, local, bytes(data[position + 46 : position + 46 + name_length])
        position = data.find(b"PK\x01\x02", position + 46)


def doctored(data: bytes, name: str, *, size: int | None = None, flags: int = 0):
    """The zip with a member's declared size (or its flags) changed."""
    data = bytearray(data)
    for central, local, member in _central_entries(data):
        if member == name.encode():
            if size is not None:
                struct.pack_into("<I", data, central + 24, size)
                struct.pack_into("<I", data, local + 22, size)
            if flags:
                struct.pack_into("<H", data, central + 8, flags)
                struct.pack_into("<H", data, local + 6, flags)
    return bytes(data)


# --- What is accepted -------------------------------------------------------------


def test_real_workbook_and_minimal_documents_are_accepted():
    workbook = io.BytesIO()
    openpyxl.Workbook().save(workbook)
    assert check_upload(upload("figures.xlsx", workbook.getvalue())).endswith(".sheet")
    assert check_upload(upload("law.docx", container(DOCX_PARTS))).endswith(".document")
    odt = container({"mimetype": ODT, "content.xml": b"<office:document-content/>"})
    assert check_upload(upload("law.odt", odt)) == ODT.decode()


def test_an_embedded_workbook_of_a_chart_is_accepted():
    workbook = io.BytesIO()
    openpyxl.Workbook().save(workbook)
    parts = {**DOCX_PARTS, "word/embeddings/Sheet1.xlsx": workbook.getvalue()}
    check_upload(upload("report.docx", container(parts)))


# --- What is refused --------------------------------------------------------------


def test_a_zip_holding_a_program_is_refused():
    data = container({**DOCX_PARTS, "setup.exe": b"MZ\x90\x00" + b"\x00" * 100})
    assert "setup.exe" in refusal("setup.docx", data)
    data = container({**DOCX_PARTS, "word/media/run.JS": b"alert(1)"})
    assert "run.JS" in refusal("setup.docx", data)


def test_a_nested_archive_is_refused():
    inner = container({"setup.exe": b"MZ"})
    data = container({**DOCX_PARTS, "word/embeddings/payload.zip": inner})
    assert "payload.zip" in refusal("report.docx", data)


def test_a_zip_without_the_parts_of_its_format_is_refused():
    assert "not a valid .docx" in refusal("notes.docx", container({"a.txt": b"hi"}))
    assert "not a valid .xlsx" in refusal("notes.xlsx", container(DOCX_PARTS))
    ods = container({"mimetype": ODT, "content.xml": b"<x/>"})
    assert "does not match its .ods" in refusal("sheet.ods", ods)


def test_a_damaged_zip_is_refused():
    data = container(DOCX_PARTS)
    assert "not a valid" in refusal("law.docx", data[: len(data) // 2])


def test_an_encrypted_member_is_refused():
    data = doctored(container(DOCX_PARTS), "word/document.xml", flags=0x1)
    assert "encrypted" in refusal("law.docx", data)


def test_too_many_members_are_refused():
    parts = {**DOCX_PARTS, **{f"word/media/{n}.xml": b"" for n in range(MAX_MEMBERS)}}
    assert "more than 2,000 parts" in refusal("law.docx", container(parts))


def test_a_zip_that_inflates_to_200_mb_is_refused_without_inflating_it():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in DOCX_PARTS.items():
            z.writestr(name, data)
        with z.open("word/media/big.xml", "w", force_zip64=True) as member:
            zeros = b"\x00" * 2**20
            for _ in range(200):  # written in pieces: the test holds 1 MB at a time
                member.write(zeros)
    data = buffer.getvalue()
    assert len(data) < 2 * 2**20
    started = time.perf_counter()
    assert "more than 100 MB once opened" in refusal("big.docx", data)
    assert time.perf_counter() - started < 2


def test_one_member_inflating_far_beyond_its_size_is_refused():
    data = container({**DOCX_PARTS, "word/media/zeros.xml": b"\x00" * 5 * 2**20})
    assert "once opened" in refusal("law.docx", data)


def test_a_member_larger_than_it_declares_is_refused():
    data = container({**DOCX_PARTS, "word/media/a.xml": b"\x00" * 20 * 2**20})
    lying = doctored(data, "word/media/a.xml", size=1000)
    assert "not a valid .docx" in refusal("law.docx", lying)
