"""What a file is, from its first bytes: the client's Content-Type is never trusted.

Only types recognised here can be stored. Images are also opened with Pillow on upload
(``evidence.images``), so a file that starts like a JPEG but is not one is refused too.
SVG is not recognised on purpose: it is a document that can carry scripts. HEIC is not
either: Pillow cannot open it without a plug-in (browsers hand camera photos over as JPEG).
"""

from __future__ import annotations

SNIFFED_TYPES = frozenset(
    {
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "text/plain",
    }
)

# Bytes of the head a type is decided on.
HEAD_BYTES = 64 * 1024

_OOXML = {
    b"word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    b"xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    b"ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def sniff(head: bytes) -> str | None:
    """The content type the bytes show, or None when they show none we accept."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"PK\x03\x04"):
        # Office Open XML: a zip whose part names tell the application.
        for marker, content_type in _OOXML.items():
            if marker in head:
                return content_type
        return None
    return "text/plain" if _is_text(head) else None


def _is_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    sample = head[:HEAD_BYTES]
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        if error.start < len(sample) - 4:
            return False
        text = sample[: error.start].decode("utf-8")
    # Markup would be rendered by a browser that ignores nosniff: not "plain text".
    stripped = text.lstrip().lower()
    if stripped.startswith(("<", "\ufeff<")):
        return False
    return all(ch.isprintable() or ch in "\r\n\t\f\ufeff" for ch in text)
