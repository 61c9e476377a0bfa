"""What a file is comes from its bytes: recognised types, refused look-alikes."""

from __future__ import annotations

import io
import zipfile

import pytest

from auditportal.evidence.keyword import parse_reference
from auditportal.evidence.service import safe_file_name
from auditportal.evidence.sniff import sniff
from tests.evidence_support import PDF, image_bytes


def _zip(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (image_bytes("JPEG"), "image/jpeg"),
        (image_bytes("PNG"), "image/png"),
        (image_bytes("GIF"), "image/gif"),
        (image_bytes("WEBP"), "image/webp"),
        (PDF, "application/pdf"),
        (
            _zip("word/document.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            _zip("xl/workbook.xml"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("现场记录：一切正常\n".encode(), "text/plain"),
        (_zip("other.txt"), None),  # a plain zip is nothing we accept
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", None),
        (b"  <html><body>hi</body></html>", None),
        (b"\x00\x01binary", None),
        (b"", None),
    ],
)
def test_sniff(content: bytes, expected: str | None) -> None:
    assert sniff(content) == expected


def test_references_and_names() -> None:
    raw = "3f2c1a9e-8a1b-4c55-9d0e-1234567890ab"
    assert str(parse_reference(raw)) == raw
    assert (
        str(parse_reference("QXR0YWNobWVudDozZjJjMWE5ZS04YTFiLTRjNTUtOWQwZS0xMjM0NTY3ODkwYWI"))
        == raw
    )
    # Another type's global id is no attachment reference.
    assert parse_reference("Rm9ybTozZjJjMWE5ZS04YTFiLTRjNTUtOWQwZS0xMjM0NTY3ODkwYWI") is None
    assert parse_reference(42) is None
    assert safe_file_name("C:\\Users\\li\\照片 1.jpg") == "照片 1.jpg"
    assert safe_file_name("..") == "upload"
    assert safe_file_name("a\u202eb.exe\n") == "ab.exe"
