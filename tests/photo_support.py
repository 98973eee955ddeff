"""Real JPEG and PNG files for the photo tests, made with Pillow: a camera's picture carries a
GPS position, make, model, body serial, a maker note, an orientation tag and an embedded
thumbnail, as a phone's photo does."""

from __future__ import annotations

import io
import struct
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.storage.db import Database

from PIL import ExifTags, Image

BLUE = (0, 0, 255)
RED = (255, 0, 0)
MAKE = "Canon"
MODEL = "EOS R6"
SERIAL = "SN-0042-SECRET"
THUMB_MARK = b"EMBEDDED-THUMBNAIL"
TAKEN = "2026:11:17 10:31:05"


def sensitive_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = MAKE
    exif[ExifTags.Base.Model] = MODEL
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Software] = "Camera firmware 1.2"
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[ExifTags.Base.BodySerialNumber] = SERIAL
    sub[ExifTags.Base.DateTimeOriginal] = TAKEN
    sub[ExifTags.Base.MakerNote] = b"MAKERNOTE " + SERIAL.encode()
    sub[ExifTags.Base.ExposureTime] = 0.008
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 26.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.0)
    return exif


def with_thumbnail(exif_bytes: bytes) -> bytes:
    """Append an IFD1 holding a small JPEG (the embedded thumbnail) to Pillow's EXIF block."""
    thumb = io.BytesIO()
    Image.new("RGB", (16, 8), (0, 255, 0)).save(thumb, "JPEG", comment=THUMB_MARK)
    thumb_data = thumb.getvalue()
    header, tiff = exif_bytes[:6], bytearray(exif_bytes[6:])
    assert tiff[:2] == b"MM"
    (ifd0,) = struct.unpack(">I", tiff[4:8])
    (count,) = struct.unpack(">H", tiff[ifd0 : ifd0 + 2])
    if len(tiff) % 2:
        tiff += b"\x00"
    ifd1 = len(tiff)
    struct.pack_into(">I", tiff, ifd0 + 2 + 12 * count, ifd1)
    data_at = ifd1 + 2 + 2 * 12 + 4
    tiff += struct.pack(">H", 2)
    tiff += struct.pack(">HHII", 0x0201, 4, 1, data_at)
    tiff += struct.pack(">HHII", 0x0202, 4, 1, len(thumb_data))
    tiff += struct.pack(">I", 0) + thumb_data
    return header + bytes(tiff)


def landscape_picture(width: int = 400, height: int = 200, tint: int = 0) -> Image.Image:
    """Red, with the left quarter blue: after a 90° turn the blue is at the top."""
    image = Image.new("RGB", (width, height), (RED[0] - tint, tint, 0))
    image.paste(BLUE, (0, 0, width // 4, height))
    return image


def camera_jpeg(
    path: Path, orientation: int = 6, width: int = 400, height: int = 200, tint: int = 0
) -> Path:
    """A camera JPEG held sideways (orientation 6: shown turned 90° clockwise)."""
    exif = with_thumbnail(sensitive_exif(orientation).tobytes())
    landscape_picture(width, height, tint).save(path, "JPEG", quality=92, exif=exif)
    return path


def camera_png(path: Path) -> Path:
    landscape_picture().save(path, "PNG", exif=sensitive_exif(1).tobytes())
    return path


def assert_clean(data: bytes) -> Image.Image:
    """No place, camera identity, orientation or thumbnail left in a stored or exported file."""
    for secret in (MAKE.encode(), MODEL.encode(), SERIAL.encode(), THUMB_MARK, b"MAKERNOTE"):
        assert secret not in data
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert ExifTags.Base.Make not in exif and ExifTags.Base.Model not in exif
    assert ExifTags.Base.Orientation not in exif
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert not exif.get_ifd(ExifTags.IFD.IFD1)
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    assert ExifTags.Base.BodySerialNumber not in sub and ExifTags.Base.MakerNote not in sub
    return image


def assert_upright(image: Image.Image) -> None:
    """The sideways picture stands the right way up: tall, blue on top, red below."""
    rgb = image.convert("RGB")
    width, height = rgb.size
    assert height > width
    top = rgb.getpixel((width // 2, height // 16))
    bottom = rgb.getpixel((width // 2, height - height // 16))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[2] > 200 and top[0] < 60, top
    assert bottom[0] > 200 and bottom[2] < 60, bottom


def on_disk(db: Database, name: str) -> str:
    """The file name a photo (or thumbnail) ``name`` has at rest: keyed on an encrypted
    database (``PhotoStore.disk_name``), without its folder."""
    from assistant.photos.storage import store_for

    return store_for(db).disk_name(name).rsplit("/", 1)[-1]
