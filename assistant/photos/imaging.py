"""Reading a clinical photo safely: checks, orientation, metadata stripping, thumbnails.

``prepare_photo(path)`` turns a file from a camera or phone into the bytes Chairside keeps:

- refused with ``InvalidInput`` (nothing stored) when the file is missing, larger than
  ``MAX_FILE_BYTES``, not a JPEG or PNG, truncated or damaged, or has more than
  ``MAX_PIXELS`` pixels (a decompression bomb);
- the orientation tag is applied to the pixels (``ImageOps.exif_transpose``), so the picture
  stands the right way up in every viewer;
- metadata is kept by allow-list (``assistant.photos.metadata``): the ICC colour profile
  stays, everything else goes (every EXIF IFD, XMP, IPTC, comments, maker notes, PNG text
  chunks). The time taken is read first and kept in the database, not in the file.

The pixels are kept as they are whenever possible. A JPEG that is already upright is not
recompressed: its metadata segments are dropped and every other byte
(quantisation tables, Huffman tables, the compressed scan data) is copied unchanged, so the
stored picture decodes to exactly the same pixels. Only a JPEG whose orientation tag says it
must be turned is re-encoded, once, with its own quantisation tables and chroma subsampling
(the same quality as the camera chose). A PNG is re-encoded losslessly.
"""

from __future__ import annotations

import hashlib
import io
import struct
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import ExifTags, Image, ImageOps, JpegImagePlugin, UnidentifiedImageError

from assistant.bounded import read_regular
from assistant.errors import InvalidInput
from assistant.photos import metadata

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PIXELS = 100_000_000  # larger than any clinic camera; a 12 MP phone photo is 12,000,000
THUMBNAIL_SIZE = 320
THUMBNAIL_QUALITY = 85
FORMATS = {"JPEG": "image/jpeg", "MPO": "image/jpeg", "PNG": "image/png"}
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png"}


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo ready to store: cleaned bytes, their SHA-256, and a thumbnail."""

    data: bytes
    sha256: str
    media_type: str
    width: int
    height: int
    taken_at: datetime | None
    thumbnail: bytes
    recompressed: bool

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.media_type]


def _refuse(path: Path, why: str) -> InvalidInput:
    return InvalidInput(f"{path.name}: {why} Nothing was stored.", "file")


def _taken_at(exif: Image.Exif) -> datetime | None:
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    for value in (sub.get(ExifTags.Base.DateTimeOriginal), exif.get(ExifTags.Base.DateTime)):
        if isinstance(value, str):
            try:
                return datetime.strptime(value.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
            except ValueError:
                continue
    return None


def _open_checked(path: Path) -> tuple[bytes, Image.Image]:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InvalidInput(f"There is no file {path}. Nothing was stored.", "file") from None
    except OSError as exc:
        raise _refuse(path, f"the file cannot be read ({exc.strerror}).") from exc
    if path.is_dir():
        raise _refuse(path, "this is a folder, not a photo.")
    if size > MAX_FILE_BYTES:
        raise _refuse(
            path,
            f"the file is too large ({size / 1e6:.0f} MB; the limit is "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB).",
        )
    data = read_regular(path, MAX_FILE_BYTES)  # a pipe or a device: refused, never read
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(
            path, f"the picture is enormous (the limit is {MAX_PIXELS // 1_000_000} megapixels)."
        ) from None
    except UnidentifiedImageError:
        raise _refuse(path, "this is not a photo Chairside can read (JPEG or PNG).") from None
    except (OSError, SyntaxError, ValueError, struct.error) as exc:
        raise _refuse(path, f"the file is damaged or incomplete ({exc}).") from None
    if image.format not in FORMATS:
        raise _refuse(path, f"{image.format} pictures are not accepted; use JPEG or PNG.")
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _refuse(
            path,
            f"the picture is enormous ({width} × {height} pixels; the limit is "
            f"{MAX_PIXELS // 1_000_000} megapixels).",
        )
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, struct.error) as exc:
        raise _refuse(path, f"the file is damaged or incomplete ({exc}).") from None
    return data, image


def _thumbnail(image: Image.Image) -> bytes:
    scale = THUMBNAIL_SIZE / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    thumb = image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    if thumb.mode not in ("RGB", "L"):
        thumb = thumb.convert("RGB")
    out = io.BytesIO()
    thumb.save(out, "JPEG", quality=THUMBNAIL_QUALITY)
    return out.getvalue()


def _bare(image: Image.Image) -> Image.Image:
    """The pixels without what Pillow would write back by itself (comment, XMP, EXIF...)."""
    bare = image.copy()
    bare.info = {k: v for k, v in image.info.items() if k == "transparency"}
    return bare


def prepare_photo(path: Path) -> PreparedPhoto:
    """Check ``path`` and return its cleaned bytes and thumbnail (see the module's notes)."""
    data, image = _open_checked(path)
    media_type = FORMATS[str(image.format)]
    exif = image.getexif()
    taken_at = _taken_at(exif)
    orientation = exif.get(ExifTags.Base.Orientation, 1)
    upright = ImageOps.exif_transpose(image) if orientation in range(2, 9) else image
    icc = image.info.get("icc_profile") or None
    recompressed = False
    try:
        if media_type == "image/jpeg" and upright is image:
            stored = metadata.clean_jpeg(data)
        elif media_type == "image/jpeg":
            out = io.BytesIO()
            _bare(upright).save(
                out,
                "JPEG",
                qtables=getattr(image, "quantization", None) or None,
                subsampling=JpegImagePlugin.get_sampling(image),
                icc_profile=icc,
            )
            stored, recompressed = metadata.clean_jpeg(out.getvalue()), True
        else:
            out = io.BytesIO()
            _bare(upright).save(out, "PNG", icc_profile=icc)
            stored = metadata.clean_png(out.getvalue())
    except (ValueError, struct.error, IndexError) as exc:
        raise _refuse(path, f"the file is damaged or incomplete ({exc}).") from None
    return PreparedPhoto(
        data=stored,
        sha256=hashlib.sha256(stored).hexdigest(),
        media_type=media_type,
        width=upright.width,
        height=upright.height,
        taken_at=taken_at,
        thumbnail=_thumbnail(upright),
        recompressed=recompressed,
    )


def make_thumbnail(data: bytes) -> bytes:
    """A list thumbnail from stored bytes (used when a thumbnail has to be made again)."""
    image = Image.open(io.BytesIO(data))
    if image.format == "JPEG":
        image.draft("RGB", (THUMBNAIL_SIZE, THUMBNAIL_SIZE))
    return _thumbnail(image)
