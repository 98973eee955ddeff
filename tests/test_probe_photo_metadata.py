"""Probes: metadata hidden in every place a phone, a camera or Windows puts it, in every format
accepted, never reaches the stored or the exported photo; the ICC colour profile does.

Each crafted file is first checked to hold its secrets (so a probe cannot pass by crafting
nothing), then imported, read back from the store and exported."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from assistant.photos import export_photos, import_photos, photo_bytes
from assistant.photos.metadata import clean
from assistant.photos.storage import store_for
from assistant.storage.db import Database
from tests.photo_support import THUMB_MARK, landscape_picture, with_thumbnail
from tests.sessions_support import make_patient

ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()

# Free text and identity, each tag with its own marker.
IFD0_TEXT = {
    ExifTags.Base.ImageDescription: "SECRET-DESCRIPTION",
    ExifTags.Base.Artist: "SECRET-ARTIST",
    ExifTags.Base.Copyright: "SECRET-COPYRIGHT",
    ExifTags.Base.Software: "SECRET-SOFTWARE",
    ExifTags.Base.HostComputer: "SECRET-HOST",
    ExifTags.Base.Make: "SECRET-MAKE",
    ExifTags.Base.Model: "SECRET-MODEL",
    ExifTags.Base.DocumentName: "SECRET-DOCNAME",
    0xC62F: "SECRET-CAMERA-SERIAL",  # CameraSerialNumber (DNG), written by some bodies
    ExifTags.Base.BodySerialNumber: "SECRET-BODY-SERIAL-IFD0",
}
IFD0_UTF16 = {  # Windows Explorer's fields, UTF-16LE bytes
    0x9C9B: "SECRET-XPTITLE",
    0x9C9C: "SECRET-XPCOMMENT",
    0x9C9D: "SECRET-XPAUTHOR",
    0x9C9E: "SECRET-XPKEYWORDS",
    0x9C9F: "SECRET-XPSUBJECT",
}
EXIF_IFD_TEXT = {
    ExifTags.Base.BodySerialNumber: "SECRET-BODY-SERIAL",
    ExifTags.Base.LensSerialNumber: "SECRET-LENS-SERIAL",
    ExifTags.Base.CameraOwnerName: "SECRET-OWNER",
    ExifTags.Base.ImageUniqueID: "SECRET-UNIQUE-ID",
}
USER_COMMENT = "SECRET-USERCOMMENT"
MAKER_NOTE = b"SECRET-MAKERNOTE"
GPS_MARK = "SECRET-GPS-AREA"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">SECRET-XMP</x:xmpmeta>'
IPTC = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x10\x1c\x02P\x00\x0cSECRET-IPTC"
COMMENT = b"SECRET-COMMENT"
PNG_TEXTS = ("SECRET-TEXT", "SECRET-ZTXT", "SECRET-ITXT", "SECRET-PNG-XMP")


def secrets() -> list[bytes]:
    texts = [*IFD0_TEXT.values(), *EXIF_IFD_TEXT.values(), GPS_MARK]
    found = [t.encode() for t in texts]
    found += [t.encode("utf-16-le") for t in IFD0_UTF16.values()]
    found += [USER_COMMENT.encode(), MAKER_NOTE, b"SECRET-XMP", b"SECRET-IPTC", COMMENT]
    return found + [THUMB_MARK, b"SECRET-JFXX", b"SECRET-LATE-COMMENT", b"SECRET-SECOND"]


def full_exif(orientation: int) -> bytes:
    exif = Image.Exif()
    for tag, value in IFD0_TEXT.items():
        exif[tag] = value
    for tag, value in IFD0_UTF16.items():
        exif[tag] = value.encode("utf-16-le") + b"\x00\x00"
    exif[ExifTags.Base.UserComment] = b"ASCII\x00\x00\x00" + USER_COMMENT.encode()
    exif[ExifTags.Base.Orientation] = orientation
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub.update(EXIF_IFD_TEXT)
    sub[ExifTags.Base.UserComment] = b"ASCII\x00\x00\x00" + USER_COMMENT.encode()
    sub[ExifTags.Base.MakerNote] = MAKER_NOTE
    sub[ExifTags.Base.DateTimeOriginal] = "2026:11:17 10:31:05"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 26.0)
    gps[ExifTags.GPS.GPSAreaInformation] = GPS_MARK
    return with_thumbnail(exif.tobytes())


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + (len(payload) + 2).to_bytes(2, "big") + payload


def _jpeg(path: Path, orientation: int, progressive: bool = False) -> Path:
    out = io.BytesIO()
    landscape_picture().save(
        out, "JPEG", quality=92, exif=full_exif(orientation), icc_profile=ICC,
        comment=COMMENT, progressive=progressive,
    )  # fmt: skip
    data = out.getvalue()
    jfxx = _segment(0xE0, b"JFXX\x00\x13SECRET-JFXX")
    extra = _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP) + _segment(0xED, IPTC) + jfxx
    data = data[:2] + extra + data[2:]
    if progressive:  # a comment between two scans of a progressive picture
        later = data.index(b"\xff\xda", data.index(b"\xff\xda") + 2)
        data = data[:later] + _segment(0xFE, b"SECRET-LATE-COMMENT") + data[later:]
    second = io.BytesIO()
    Image.new("RGB", (8, 8)).save(second, "JPEG", comment=b"SECRET-SECOND")
    path.write_bytes(data + second.getvalue())  # a further picture, as an MPO carries
    return path


def upright_jpeg(path: Path) -> Path:
    return _jpeg(path, 1)


def sideways_jpeg(path: Path) -> Path:
    return _jpeg(path, 6)


def progressive_jpeg(path: Path) -> Path:
    return _jpeg(path, 1, progressive=True)


def rich_png(path: Path) -> Path:
    info = PngInfo()
    info.add_text("Comment", "SECRET-TEXT")
    info.add_text("Author", "SECRET-ZTXT", zip=True)
    info.add_itxt("Description", "SECRET-ITXT", lang="en", tkey="Description")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>SECRET-PNG-XMP</x:xmpmeta>")
    info.add(b"prIv", b"SECRET-PRIVATE-CHUNK")
    info.add(b"tIME", b"\x07\xea\x0b\x11\x0a\x1f\x05")
    landscape_picture().save(path, "PNG", pnginfo=info, exif=full_exif(1), icc_profile=ICC)
    with path.open("ab") as file:
        file.write(b"SECRET-AFTER-IEND")
    return path


def sideways_png(path: Path) -> Path:
    info = PngInfo()
    info.add_text("Comment", "SECRET-TEXT")
    landscape_picture().save(path, "PNG", pnginfo=info, exif=full_exif(6), icc_profile=ICC)
    return path


PNG_SECRETS = [t.encode() for t in PNG_TEXTS] + [b"SECRET-PRIVATE-CHUNK", b"SECRET-AFTER-IEND"]
CRAFTED: dict[str, tuple[Callable[[Path], Path], list[bytes]]] = {
    "upright JPEG": (upright_jpeg, secrets()[:-2] + [b"SECRET-SECOND"]),
    "sideways JPEG (re-encoded)": (sideways_jpeg, secrets()[:-2] + [b"SECRET-SECOND"]),
    "progressive JPEG": (progressive_jpeg, secrets()),
    "PNG with text chunks": (rich_png, PNG_SECRETS + [b"SECRET-ARTIST", USER_COMMENT.encode()]),
    "sideways PNG": (sideways_png, [b"SECRET-TEXT", b"SECRET-ARTIST", MAKER_NOTE]),
}


def out_folder(tmp_path: Path) -> Path:
    (tmp_path / "out").mkdir()
    return tmp_path / "out"


def assert_only_colour_profile(data: bytes) -> None:
    image = Image.open(io.BytesIO(data))
    assert image.info.get("icc_profile") == ICC
    assert not image.getexif(), dict(image.getexif())
    for key in ("comment", "xmp", "XML:com.adobe.xmp", "exif", "Comment", "Author"):
        assert key not in image.info, key
    if image.format == "PNG":
        assert not getattr(image, "text", {})
        assert set(png_chunks(data)) <= {b"IHDR", b"iCCP", b"IDAT", b"IEND"}, png_chunks(data)
    else:
        assert all(not (0xE0 <= m <= 0xEF) or m == 0xE2 or m == 0xE0 for m in jpeg_markers(data))
        assert 0xFE not in jpeg_markers(data)


def png_chunks(data: bytes) -> list[bytes]:
    chunks, pos = [], 8
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        chunks.append(data[pos + 4 : pos + 8])
        pos += 12 + length
    return chunks


def jpeg_markers(data: bytes) -> list[int]:
    """The markers before the first scan and between scans (entropy data skipped)."""
    markers, pos = [], 2
    while pos + 4 <= len(data) and data[pos] == 0xFF and data[pos + 1] != 0xD9:
        marker = data[pos + 1]
        markers.append(marker)
        pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        if marker == 0xDA:
            while not (data[pos] == 0xFF and data[pos + 1] not in (0, *range(0xD0, 0xD8))):
                pos += 1
    return markers


@pytest.mark.parametrize("kind", list(CRAFTED))
def test_no_metadata_survives_into_the_stored_and_exported_photo(
    db: Database, tmp_path: Path, kind: str
) -> None:
    craft, hidden = CRAFTED[kind]
    source = craft(tmp_path / "crafted")
    raw = source.read_bytes()
    readable = raw + " ".join(getattr(Image.open(source), "text", {}).values()).encode()
    for secret in hidden:
        assert secret in readable, secret  # the probe really carries it
    (photo,) = import_photos(db, make_patient(db), [source], "frontal")
    stored = photo_bytes(db, photo)
    (exported,) = export_photos(db, photo.patient_id, out_folder(tmp_path))
    for data in (stored, exported.read_bytes()):
        for secret in hidden:
            assert secret not in data, (kind, secret)
        assert_only_colour_profile(data)
    if "sideways" in kind:
        assert Image.open(io.BytesIO(stored)).size == (200, 400)  # turned, not tagged
    assert photo.taken_at is not None  # read before it goes, kept in the record


def test_a_photo_stored_by_an_older_version_is_cleaned_on_export(
    db: Database, tmp_path: Path
) -> None:
    (photo,) = import_photos(db, make_patient(db), [upright_jpeg(tmp_path / "a.jpg")], "frontal")
    store = store_for(db)
    store.delete(photo.name)  # as kept before metadata went by allow-list
    store.put(photo.name, upright_jpeg(tmp_path / "old.jpg").read_bytes())
    (exported,) = export_photos(db, photo.patient_id, out_folder(tmp_path))
    data = exported.read_bytes()
    for secret in secrets()[:-2]:
        assert secret not in data, secret
    assert_only_colour_profile(data)


def test_cleaning_keeps_the_pixels_and_is_stable(tmp_path: Path) -> None:
    raw = progressive_jpeg(tmp_path / "p.jpg").read_bytes()
    once = clean(raw)
    assert clean(once) == once
    assert Image.open(io.BytesIO(once)).tobytes() == Image.open(io.BytesIO(raw)).tobytes()
    png = rich_png(tmp_path / "p.png").read_bytes()
    assert Image.open(io.BytesIO(clean(png))).tobytes() == Image.open(io.BytesIO(png)).tobytes()
