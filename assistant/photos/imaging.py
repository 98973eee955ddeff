"""Reading a clinical photo safely: checks, orientation, metadata stripping, thumbnails.

``prepare_photo(path)`` turns a file from a camera or phone into the bytes Chairside keeps:

- refused with ``InvalidInput`` (nothing stored) when the file is missing, larger than
  ``MAX_FILE_BYTES``, not a JPEG or PNG, truncated or damaged, or has more than
  ``MAX_PIXELS`` pixels (a decompression bomb);
- the orientation tag is applied to the pixels (``ImageOps.exif_transpose``), so the picture
  stands the right way up in every viewer;
- metadata is kept by allow-list, not removed by a list of known tags: only what the
  picture needs to show its colours stays (the ICC colour profile; for a JPEG the JFIF
  header without its thumbnail and Adobe's colour-transform flag; for a PNG its gamma,
  chromaticities, sRGB, ICC and transparency chunks). Every EXIF IFD (GPS, camera, serial
  numbers, maker notes, descriptions, authors, comments, thumbnails), XMP, IPTC, comment
  segments, unknown segments (between scans too) and PNG text or EXIF chunks go. The time
  taken is read first and kept in the record, not in the file.

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

# JPEG application segments kept: the JFIF header (cut to its fixed 14 bytes: no thumbnail),
# the ICC colour profile, and Adobe's colour-transform flag (cut to its fixed 12 bytes).
_KEEP_APP = {(0xE0, b"JFIF\x00"): 14, (0xE2, b"ICC_PROFILE\x00"): None, (0xEE, b"Adobe"): 12}
# Other JPEG segments kept: frame headers, Huffman and arithmetic tables (0xC0-0xCF but the
# reserved 0xC8), quantisation tables, restart interval, number of lines.
_KEEP_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC8} | {0xDB, 0xDC, 0xDD}
# PNG chunks kept: the critical ones and those that say how to show the colours.
PNG_KEEP = frozenset(
    {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"cICP"}
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


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


def _scans(data: bytes, start: int) -> bytes:
    """The scans from ``start`` to the first image's EOI (an MPO carries further images after
    it), with any segment between scans that is not a scan or a table left out."""
    out = []
    pos = copied = start
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            raise ValueError("the picture data ends early")
        marker = data[pos + 1]
        if marker == 0x00 or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            pos += 1 if marker == 0xFF else 2  # stuffed byte, restart marker or fill
            continue
        if marker == 0xD9:
            out.append(data[copied : pos + 2])
            return b"".join(out)
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker != 0xDA and marker not in _KEEP_MARKERS:  # a comment or an APP segment
            out.append(data[copied:pos])
            copied = pos + 2 + length
        pos += 2 + length  # a segment between scans (SOS, DHT, DRI ...), then entropy data


def _kept_app(marker: int, payload: bytes) -> bytes | None:
    for (kept, prefix), size in _KEEP_APP.items():
        if marker == kept and payload.startswith(prefix):
            if size is None:
                return payload
            if len(payload) < size:
                return None
            cut = bytearray(payload[:size])
            if prefix == b"JFIF\x00":
                cut[12:14] = b"\x00\x00"  # no thumbnail
            return bytes(cut)
    return None


def strip_jpeg_losslessly(data: bytes, exif: bytes = b"") -> bytes:
    """``data`` with only the segments the picture needs (and ``exif``, if given); the
    picture bytes unchanged."""
    segments, scan = _segments_until_scan(data)
    out = [b"\xff\xd8"]
    exif_written = not exif
    for marker, payload in segments:
        if marker in _KEEP_MARKERS:
            kept: bytes | None = payload
        else:
            kept = _kept_app(marker, payload)
        if kept is None:
            continue
        if not exif_written and marker != 0xE0:
            out.append(_segment(0xE1, b"Exif\x00\x00" + exif))
            exif_written = True
        out.append(_segment(marker, kept))
    if not exif_written:
        out.append(_segment(0xE1, b"Exif\x00\x00" + exif))
    out.append(_scans(data, scan))
    return b"".join(out)


def strip_png(data: bytes) -> bytes:
    """``data`` with only the chunks in ``PNG_KEEP`` (each copied with its checksum)."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("no PNG signature")
    out = [PNG_SIGNATURE]
    pos = len(PNG_SIGNATURE)
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise ValueError("a PNG chunk ends early")
        if kind in PNG_KEEP:
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            break
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
    recompressed = False
    icc_profile = image.info.get("icc_profile")  # the one piece of metadata kept
    try:
        if media_type == "image/jpeg" and upright is image:
            stored = strip_jpeg_losslessly(data)
        elif media_type == "image/jpeg":
            out = io.BytesIO()
            upright.info = {}  # nothing of the original's (comment, XMP…) is written again
            upright.save(
                out,
                "JPEG",
                qtables=getattr(image, "quantization", None) or None,
                subsampling=JpegImagePlugin.get_sampling(image),
                icc_profile=icc_profile,
            )
            stored, recompressed = strip_jpeg_losslessly(out.getvalue()), True
        else:
            out = io.BytesIO()
            transparency = image.info.get("transparency")
            upright.info = {}
            extra = {} if transparency is None else {"transparency": transparency}
            upright.save(out, "PNG", icc_profile=icc_profile, **extra)
            stored = strip_png(out.getvalue())
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
