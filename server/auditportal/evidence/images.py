"""Images with Pillow: checked on upload, thumbnails made in a job. CPU-bound: run these in
a thread (``asyncio.to_thread``)."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps

THUMBNAIL_SIZE = (320, 320)
THUMBNAIL_TYPE = "image/jpeg"
# Refuse images whose decoded size would exhaust memory (Pillow warns past its own limit
# and fails past twice that; here both refuse).
MAX_PIXELS = 60_000_000


def readable(data: bytes) -> bool:
    """Whether Pillow can open the image and its data is intact."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    return False
                image.verify()
    except Exception:
        return False
    return True


def thumbnail(data: bytes, size: tuple[int, int] = THUMBNAIL_SIZE) -> bytes:
    """A JPEG at most ``size``, turned upright by its EXIF orientation."""
    with Image.open(io.BytesIO(data)) as image:
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail(size)
        if upright.mode not in ("RGB", "L"):
            background = Image.new("RGB", upright.size, "white")
            rgba = upright.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            upright = background
        out = io.BytesIO()
        upright.save(out, "JPEG", quality=80)
        return out.getvalue()
