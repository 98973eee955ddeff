"""Reading a clinical photo safely: checks, orientation, metadata stripping, thumbnails.

``prepare_photo(path)`` turns a file from a camera or phone into the bytes Chairside keeps:

- refused with ``InvalidInput`` (nothing stored) when the file is missing, larger than
  ``MAX_FILE_BYTES``, not a JPEG or PNG, truncated or damaged, or has more than
  ``MAX_PIXELS`` pixels (a decompression bomb);
- the orientation tag is applied to the pixels (``ImageOps.exif_transpose``), so the picture
  stands the right way up in every viewer;
- GPS position, camera make, model and serial numbers, the maker note, the owner's name and
  the embedded thumbnail are removed, and so are XMP, IPTC and comment blocks (which repeat
  them). Harmless exposure data and the time taken stay.

The pixels are kept as they are whenever possible. A JPEG that is already upright is not
recompressed: its metadata blocks are replaced by a cleaned EXIF block and every other byte
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

from assistant.errors import InvalidInput

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PIXELS = 100_000_000  # larger than any clinic camera; a 12 MP phone photo is 12,000,000
THUMBNAIL_SIZE = 320
THUMBNAIL_QUALITY = 85
FORMATS = {"JPEG": "image/jpeg", "MPO": "image/jpeg", "PNG": "image/png"}
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png"}

# Tags that identify a camera, its owner or a place (https://exiftool.org/TagNames/EXIF.html).
IFD0_REMOVED = (
    ExifTags.Base.Make,
    ExifTags.Base.Model,
    ExifTags.Base.Orientation,
    ExifTags.Base.GPSInfo,
    ExifTags.Base.HostComputer,
    ExifTags.Base.Artist,
    0xC62F,  # CameraSerialNumber (DNG)
    0xC614,  # UniqueCameraModel (DNG)
)
EXIF_IFD_REMOVED = (
    ExifTags.Base.MakerNote,
    ExifTags.Base.BodySerialNumber,
    ExifTags.Base.LensSerialNumber,
    ExifTags.Base.CameraOwnerName,
    ExifTags.Base.LensMake,
    ExifTags.Base.LensModel,
    ExifTags.Base.ImageUniqueID,
    ExifTags.Base.UserComment,
)
# JPEG segments kept as they are: JFIF header, ICC colour profile, Adobe colour transform.
_KEEP_APP = ((0xE0, b"JFIF\x00"), (0xE0, b"JFXX\x00"), (0xE2, b"ICC_PROFILE\x00"), (0xEE, b"Adobe"))


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


def clean_exif(exif: Image.Exif) -> bytes:
    """The EXIF block to keep: no place, no camera identity, no orientation, no thumbnail.

    Pillow writes IFD0 and its sub-IFDs only, so the thumbnail (IFD1) is never written."""
    cleaned = Image.Exif()
    for tag, value in exif.items():
        if tag in IFD0_REMOVED or tag in (ExifTags.IFD.Exif, ExifTags.IFD.Interop):
            continue
        cleaned[tag] = value
    sub = {k: v for k, v in exif.get_ifd(ExifTags.IFD.Exif).items() if k not in EXIF_IFD_REMOVED}
    sub.pop(ExifTags.IFD.Interop, None)
    if sub:
        cleaned.get_ifd(ExifTags.IFD.Exif).update(sub)
    return cleaned.tobytes() if len(cleaned) or sub else b""


def _segments_until_scan(data: bytes) -> tuple[list[tuple[int, bytes]], int]:
    """The marker segments before the first scan, and the offset where that scan's SOS starts."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("no JPEG start marker")
    pos = 2
    segments: list[tuple[int, bytes]] = []
    while True:
        while pos < len(data) and data[pos] == 0xFF and data[pos + 1] == 0xFF:
            pos += 1  # fill bytes
        if pos + 4 > len(data) or data[pos] != 0xFF:
            raise ValueError("damaged JPEG header")
        marker = data[pos + 1]
        if marker == 0xDA:
            return segments, pos
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        segments.append((marker, data[pos + 4 : pos + 2 + length]))
        pos += 2 + length


def _end_of_image(data: bytes, start: int) -> int:
    """Offset just past the first image's EOI (an MPO carries further images after it)."""
    pos = start
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            raise ValueError("the picture data ends early")
        marker = data[pos + 1]
        if marker == 0x00 or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            pos += 1 if marker == 0xFF else 2  # stuffed byte, restart marker or fill
            continue
        if marker == 0xD9:
            return pos + 2
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        pos += 2 + length  # a segment between scans (SOS, DHT, DRI ...), then entropy data


def strip_jpeg_losslessly(data: bytes, exif: bytes) -> bytes:
    """``data`` with its metadata segments replaced by ``exif``; the picture bytes unchanged."""
    segments, scan = _segments_until_scan(data)
    end = _end_of_image(data, scan)
    out = [b"\xff\xd8"]
    exif_written = not exif
    for marker, payload in segments:
        app = 0xE0 <= marker <= 0xEF or marker == 0xFE
        keep = not app or any(marker == m and payload.startswith(p) for m, p in _KEEP_APP)
        if not keep:
            continue
        if not exif_written and marker != 0xE0:
            out.append(_segment(0xE1, b"Exif\x00\x00" + exif))
            exif_written = True
        out.append(_segment(marker, payload))
    if not exif_written:
        out.append(_segment(0xE1, b"Exif\x00\x00" + exif))
    out.append(data[scan:end])
    return b"".join(out)


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


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
            path, f"the file is too large ({size / 1e6:.0f} MB; the limit is "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB)."
        )
    from assistant.bounded import read_regular

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
            path, f"the picture is enormous ({width} × {height} pixels; the limit is "
            f"{MAX_PIXELS // 1_000_000} megapixels)."
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


def prepare_photo(path: Path) -> PreparedPhoto:
    """Check ``path`` and return its cleaned bytes and thumbnail (see the module's notes)."""
    data, image = _open_checked(path)
    media_type = FORMATS[str(image.format)]
    exif = image.getexif()
    taken_at = _taken_at(exif)
    orientation = exif.get(ExifTags.Base.Orientation, 1)
    upright = ImageOps.exif_transpose(image) if orientation in range(2, 9) else image
    cleaned_exif = clean_exif(exif)
    recompressed = False
    if media_type == "image/jpeg" and upright is image:
        try:
            stored = strip_jpeg_losslessly(data, cleaned_exif)
        except (ValueError, struct.error, IndexError) as exc:
            raise _refuse(path, f"the file is damaged or incomplete ({exc}).") from None
    elif media_type == "image/jpeg":
        out = io.BytesIO()
        upright.save(
            out,
            "JPEG",
            qtables=getattr(image, "quantization", None) or None,
            subsampling=JpegImagePlugin.get_sampling(image),
            exif=cleaned_exif,
            icc_profile=image.info.get("icc_profile"),
        )
        stored, recompressed = out.getvalue(), True
    else:
        out = io.BytesIO()
        upright.save(
            out, "PNG", exif=cleaned_exif or None, icc_profile=image.info.get("icc_profile")
        )
        stored = out.getvalue()
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
