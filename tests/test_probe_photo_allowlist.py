"""Probes: a picture carrying identifying metadata wherever a file format lets it hide —
free-text tags in the main IFD (description, author, copyright, Windows' XP tags, a body
serial number placed there), XMP, IPTC, comment segments (before and between the scans of a
progressive JPEG), unknown and reserved segments, a JFIF extension thumbnail, PNG text,
compressed text, international text, EXIF and time chunks. Whatever the path (kept
byte-for-byte, turned and re-encoded, PNG re-encoded) only the colour profile stays, and the
exported file is the stored one. Tests named ``test_refused_*`` count refusals in the probe
suite's tally (metadata refused a place in the record)."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from assistant.photos import export_photos, import_photos
from assistant.photos.imaging import prepare_photo
from assistant.storage.db import Database
from tests.sessions_support import make_patient

SECRETS = [
    b"DESC-SECRET", b"AUTHOR-SECRET", b"COPYRIGHT-SECRET", b"SERIAL-SECRET", b"XMP-SECRET",
    b"IPTC-SECRET", b"COMMENT-SECRET", b"BETWEEN-SCANS", b"APP15-SECRET", b"JPG0-SECRET",
    b"JFXX-SECRET", b"PNG-TEXT-SECRET", b"PNG-ZTXT-SECRET", b"PNG-ITXT-SECRET",
]  # fmt: skip
XP = ["X\x00P\x00-\x00S\x00E\x00C\x00R\x00E\x00T\x00".encode("latin-1")]
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _ifd0_exif(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x010E] = "DESC-SECRET"  # ImageDescription
    exif[0x013B] = "AUTHOR-SECRET"  # Artist
    exif[0x8298] = "COPYRIGHT-SECRET"  # Copyright
    exif[0x9C9D] = "XP-SECRET".encode("utf-16-le")  # XPAuthor (Windows)
    exif[0xA431] = "SERIAL-SECRET"  # BodySerialNumber, put in IFD0 where no list looks
    exif[0x0112] = orientation
    return exif.tobytes()


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def crafted_jpeg(
    path: Path, orientation: int, progressive: bool, reserved: bool = False
) -> Path:
    out = io.BytesIO()
    picture = Image.new("RGB", (64, 48), (200, 30, 30))
    picture.paste((20, 20, 220), (0, 0, 16, 48))
    picture.save(
        out, "JPEG", quality=90, exif=_ifd0_exif(orientation), comment=b"COMMENT-SECRET",
        icc_profile=ICC, progressive=progressive,
    )  # fmt: skip
    data = out.getvalue()
    extra = b"".join(
        [
            _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>XMP-SECRET</x:xmpmeta>"),
            _segment(0xED, b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0bIPTC-SECRET"),
            _segment(0xE0, b"JFXX\x00\x10JFXX-SECRET"),
            _segment(0xEF, b"APP15-SECRET"),
            *([_segment(0xF0, b"JPG0-SECRET")] if reserved else []),
        ]
    )
    data = data[:2] + extra + data[2:]
    if progressive:  # a comment hidden between two scans
        second = data.index(b"\xff\xda", data.index(b"\xff\xda") + 2)
        data = data[:second] + _segment(0xFE, b"BETWEEN-SCANS") + data[second:]
    path.write_bytes(data)
    return path


def crafted_png(path: Path) -> Path:
    info = PngImagePlugin.PngInfo()
    info.add_text("Description", "PNG-TEXT-SECRET")
    info.add_text("Author", "PNG-ZTXT-SECRET", zip=True)
    info.add_itxt("Comment", "PNG-ITXT-SECRET", lang="en")
    Image.new("RGB", (40, 30), (10, 120, 30)).save(
        path, "PNG", pnginfo=info, exif=_ifd0_exif(1), icc_profile=ICC
    )
    return path


def _jpeg_segments(data: bytes) -> list[tuple[int, bytes]]:
    """Every marker segment of a JPEG, before and between the scans."""
    found, pos = [], 2
    while pos < len(data) - 1:
        if data[pos] != 0xFF:
            pos += 1
            continue
        marker = data[pos + 1]
        if marker in (0x00, 0xFF, 0xD8, 0xD9) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        found.append((marker, data[pos + 4 : pos + 2 + length]))
        pos += 2 + length
    return found


def _png_chunks(data: bytes) -> list[bytes]:
    kinds, pos = [], 8
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kinds.append(data[pos + 4 : pos + 8])
        pos += 12 + length
    return kinds


def _assert_only_the_colour_profile(data: bytes) -> None:
    for secret in [*SECRETS, *XP, b"XP-SECRET"]:
        assert secret not in data, secret
    picture = Image.open(io.BytesIO(data))
    assert not picture.getexif(), dict(picture.getexif())
    assert picture.info.get("icc_profile") == ICC  # the colour profile stays
    if data.startswith(b"\x89PNG"):
        assert set(_png_chunks(data)) <= {b"IHDR", b"IDAT", b"IEND", b"iCCP", b"sRGB"}
        return
    for marker, payload in _jpeg_segments(data):
        if 0xE0 <= marker <= 0xEF or marker >= 0xF0 or marker == 0xFE:
            assert (marker, payload[:5]) in ((0xE0, b"JFIF\x00"), (0xE2, b"ICC_P")) or (
                marker == 0xEE and payload.startswith(b"Adobe")
            ), (hex(marker), payload[:20])
        if marker == 0xE0:
            assert len(payload) == 14 and payload[12:14] == b"\x00\x00"  # no thumbnail


@pytest.mark.parametrize(
    "orientation, progressive",
    [(1, False), (1, True), (6, False), (6, True)],
    ids=["kept as is", "progressive, kept as is", "turned", "progressive, turned"],
)
def test_refused_metadata_in_a_jpeg(
    orientation: int, progressive: bool, tmp_path: Path
) -> None:
    source = crafted_jpeg(tmp_path / "in.jpg", orientation, progressive)
    prepared = prepare_photo(source)
    assert prepared.recompressed == (orientation != 1)
    _assert_only_the_colour_profile(prepared.data)
    if orientation == 1:  # the picture's own bytes, unchanged
        assert Image.open(io.BytesIO(prepared.data)).tobytes() == Image.open(source).tobytes()


def test_refused_metadata_in_a_png(tmp_path: Path) -> None:
    prepared = prepare_photo(crafted_png(tmp_path / "in.png"))
    _assert_only_the_colour_profile(prepared.data)


def test_refused_metadata_in_the_stored_and_exported_photo(
    db: Database, tmp_path: Path
) -> None:
    patient = make_patient(db)
    sources = [crafted_jpeg(tmp_path / "a.jpg", 1, True), crafted_png(tmp_path / "b.png")]
    import_photos(db, patient, sources, "frontal")
    out = tmp_path / "exported"
    out.mkdir()
    written = export_photos(db, patient, out)
    assert len(written) == 2
    for file in written:
        _assert_only_the_colour_profile(Path(file).read_bytes())


def test_refused_a_jpeg_with_a_reserved_segment(tmp_path: Path) -> None:
    """A segment JPEG reserves (JPG0) is not a picture any decoder reads: refused whole."""
    from assistant.errors import InvalidInput

    with pytest.raises(InvalidInput, match="damaged or incomplete"):
        prepare_photo(crafted_jpeg(tmp_path / "in.jpg", 1, False, reserved=True))
