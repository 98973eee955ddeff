"""Importing photos: metadata stripped, orientation applied, bad files refused, storage."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from assistant import paths
from assistant.errors import InvalidInput, NotFound
from assistant.photos import (
    imaging,
    import_photos,
    list_photos,
    photo_bytes,
    previous_photo,
    remove_photo,
    thumbnail_bytes,
)
from assistant.photos.consent import record_photo_consent
from assistant.photos.storage import sha256_of, store_for
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent, Photo
from tests.photo_support import (
    assert_clean,
    assert_upright,
    camera_jpeg,
    camera_png,
    on_disk,
)
from tests.sessions_support import make_patient


def photo_files() -> list[Path]:
    folder = paths.photos_dir()
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def photo_count(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Photo)) or 0)


def test_a_sideways_camera_jpeg_is_stored_upright_and_without_metadata(
    db: Database, tmp_path: Path
) -> None:
    patient = make_patient(db)
    (photo,) = import_photos(db, patient, [camera_jpeg(tmp_path / "IMG_0001.JPG")], "frontal")
    data = photo_bytes(db, photo)
    assert_upright(assert_clean(data))
    assert sha256_of(data) == photo.sha256 and len(data) == photo.size
    assert (photo.width, photo.height) == (200, 400)
    assert photo.taken_at is not None and photo.taken_at.isoformat() == "2026-11-17T10:31:05"
    thumb = Image.open(io.BytesIO(thumbnail_bytes(db, photo)))
    assert max(thumb.size) <= imaging.THUMBNAIL_SIZE
    assert_upright(thumb)


def test_an_upright_jpeg_keeps_its_pixels_exactly(db: Database, tmp_path: Path) -> None:
    source = camera_jpeg(tmp_path / "upright.jpg", orientation=1)
    (photo,) = import_photos(db, make_patient(db), [source], "close_up", zone="cheeks")
    stored = photo_bytes(db, photo)
    assert_clean(stored)
    original = Image.open(source)
    kept = Image.open(io.BytesIO(stored))
    assert kept.tobytes() == original.tobytes()  # not recompressed
    assert kept.quantization == original.quantization
    assert photo.zone == "cheeks"


def test_png_is_stored_without_metadata(db: Database, tmp_path: Path) -> None:
    (photo,) = import_photos(db, make_patient(db), [camera_png(tmp_path / "a.png")], "frontal")
    stored = Image.open(io.BytesIO(photo_bytes(db, photo)))
    assert stored.format == "PNG"
    assert_clean(photo_bytes(db, photo))
    assert stored.convert("RGB").tobytes() == Image.open(tmp_path / "a.png").tobytes()


def test_files_are_content_addressed_and_private(db: Database, tmp_path: Path) -> None:
    (photo,) = import_photos(db, make_patient(db), [camera_jpeg(tmp_path / "a.jpg")], "frontal")
    folder = paths.photos_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = photo_files()
    # Named by keyed hash, never by the picture's SHA-256 (which would confirm a known picture).
    assert {f.name for f in files} == {
        on_disk(db, f"{photo.sha256}.jpg"),
        on_disk(db, f"thumbs/{photo.sha256}.jpg"),
    }
    assert not any(photo.sha256 in f.name for f in files)
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
        if file.parent == folder:
            # Kept encrypted (the database is): named by a keyed hash of what it holds.
            assert sha256_of(store_for(db).unseal(file.read_bytes())) == photo.sha256
    assert photo.location == str(folder / on_disk(db, f"{photo.sha256}.jpg"))


def _damaged_files(tmp_path: Path) -> dict[str, Path]:
    good = camera_jpeg(tmp_path / "good.jpg").read_bytes()
    truncated = tmp_path / "truncated.jpg"
    truncated.write_bytes(good[: len(good) // 2])
    text = tmp_path / "notes.jpg"
    text.write_text("not a picture at all")
    gif = tmp_path / "anim.gif"
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    return {"truncated": truncated, "text": text, "gif": gif}


@pytest.mark.parametrize("kind", ["truncated", "text", "gif"])
def test_a_bad_file_in_a_batch_stores_nothing(db: Database, tmp_path: Path, kind: str) -> None:
    patient = make_patient(db)
    good = camera_jpeg(tmp_path / "first.jpg")
    bad = _damaged_files(tmp_path)[kind]
    with pytest.raises(InvalidInput) as refused:
        import_photos(db, patient, [good, bad], "frontal")
    assert bad.name in str(refused.value) and "Nothing was stored" in str(refused.value)
    assert photo_count(db) == 0 and photo_files() == []


def test_enormous_pictures_and_files_are_refused(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patient = make_patient(db)
    source = camera_jpeg(tmp_path / "big.jpg")
    monkeypatch.setattr(imaging, "MAX_PIXELS", 50_000)
    with pytest.raises(InvalidInput, match="enormous"):
        import_photos(db, patient, [source], "frontal")
    monkeypatch.setattr(imaging, "MAX_PIXELS", 100_000_000)
    monkeypatch.setattr(imaging, "MAX_FILE_BYTES", 1000)
    with pytest.raises(InvalidInput, match="too large"):
        import_photos(db, patient, [source], "frontal")
    assert photo_count(db) == 0 and photo_files() == []


def test_a_decompression_bomb_is_refused(db: Database, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    Image.new("1", (20_000, 20_000)).save(bomb, "PNG")  # 400 MP, a few kilobytes
    with pytest.raises(InvalidInput, match="enormous"):
        import_photos(db, make_patient(db), [bomb], "frontal")
    assert photo_files() == []


def test_unknown_patient_view_zone_session_and_missing_file(db: Database, tmp_path: Path) -> None:
    patient = make_patient(db)
    good = camera_jpeg(tmp_path / "a.jpg")
    with pytest.raises(NotFound):
        import_photos(db, 999, [good], "frontal")
    with pytest.raises(InvalidInput, match="not a photo view"):
        import_photos(db, patient, [good], "profile")
    with pytest.raises(InvalidInput, match="not a treatment zone"):
        import_photos(db, patient, [good], "frontal", zone="elbow")
    with pytest.raises(InvalidInput, match="not a session"):
        import_photos(db, patient, [good], "frontal", session_id=12345)
    with pytest.raises(InvalidInput, match="There is no file"):
        import_photos(db, patient, [good, tmp_path / "missing.jpg"], "frontal")
    assert photo_count(db) == 0 and photo_files() == []


def test_the_same_photo_twice_is_refused(db: Database, tmp_path: Path) -> None:
    patient = make_patient(db)
    good = camera_jpeg(tmp_path / "a.jpg")
    import_photos(db, patient, [good], "frontal")
    with pytest.raises(InvalidInput, match="already"):
        import_photos(db, patient, [good], "frontal")
    assert photo_count(db) == 1


def test_withdrawn_or_refused_photo_consent_stops_imports(db: Database, tmp_path: Path) -> None:
    patient = make_patient(db)
    good = camera_jpeg(tmp_path / "a.jpg")
    record_photo_consent(db, patient, "given")
    import_photos(db, patient, [good], "frontal")
    record_photo_consent(db, patient, "withdrawn", note="asked by phone")
    with pytest.raises(InvalidInput, match="withdrawn consent to photos"):
        import_photos(db, patient, [camera_jpeg(tmp_path / "b.jpg", orientation=3)], "frontal")
    other = make_patient(db, "Lena", "Fischer")
    record_photo_consent(db, other, "refused")
    with pytest.raises(InvalidInput, match="refused consent"):
        import_photos(db, other, [good], "frontal")
    assert photo_count(db) == 1


def test_adding_and_removing_are_audited_and_removal_deletes_the_file(
    db: Database, tmp_path: Path
) -> None:
    patient = make_patient(db)
    first, second = import_photos(
        db, patient, [camera_jpeg(tmp_path / "a.jpg"), camera_png(tmp_path / "b.png")], "frontal"
    )
    assert previous_photo(db, patient, "frontal") == second
    remove_photo(db, first.id, reason="blurred")
    assert [p.id for p in list_photos(db, patient)] == [second.id]
    assert f"{first.sha256}.jpg" not in {f.name for f in photo_files()}
    with db.session() as session:
        events = [
            (e.action, e.entity_id)
            for e in session.scalars(
                select(AuditEvent).where(AuditEvent.entity == "photo").order_by(AuditEvent.id)
            )
        ]
    assert events == [("create", first.id), ("create", second.id), ("remove", first.id)]


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + (len(payload) + 2).to_bytes(2, "big") + payload


def test_xmp_iptc_comments_and_trailing_images_are_dropped_losslessly(
    db: Database, tmp_path: Path
) -> None:
    """A phone's JPEG can repeat the place in XMP, name the owner in IPTC or a comment, and
    carry a second picture (with its own EXIF) after the first, as MPO files do."""
    original = camera_jpeg(tmp_path / "plain.jpg", orientation=1).read_bytes()
    xmp = b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><exif:GPSLatitude>51,30N</exif:GPSLatitude>"
    iptc = b"Photoshop 3.0\x008BIM\x04\x04 By-line: Jane Owner"
    extra = camera_jpeg(tmp_path / "second.jpg", orientation=1).read_bytes()
    phone = (
        original[:2]
        + _segment(0xE1, xmp)
        + _segment(0xED, iptc)
        + _segment(0xFE, b"Owner: Jane Owner")
        + original[2:]
        + extra
    )
    source = tmp_path / "phone.jpg"
    source.write_bytes(phone)
    (photo,) = import_photos(db, make_patient(db), [source], "frontal")
    stored = photo_bytes(db, photo)
    assert_clean(stored)
    for secret in (b"GPSLatitude", b"Jane Owner", b"xmpmeta"):
        assert secret not in stored
    assert stored.count(b"\xff\xd9") == 1 and stored.endswith(b"\xff\xd9")
    assert Image.open(io.BytesIO(stored)).tobytes() == Image.open(io.BytesIO(original)).tobytes()


def test_the_signed_consent_decides_when_it_is_newer(db: Database, tmp_path: Path) -> None:
    """A photo refusal or withdrawal in the signed consent stops imports; a later separate
    answer (given) applies from its own time on."""
    from datetime import date

    from assistant.consent import ConsentRequest, PhotoChoices, issue_in, withdraw_consent
    from assistant.photos import import_photos
    from tests.consent_support import SIGNATURE, record_consent
    from tests.sessions_support import make_clinic

    c = make_clinic(db)
    refusing, withdrawing = make_patient(db), make_patient(db, "Bea", "Novak")
    request = ConsentRequest(
        patient_id=refusing, practitioner_id=c.practitioner, areas=("cheeks",),
        device_id=c.device, patient_strokes=SIGNATURE, photo=PhotoChoices(own_record=False),
    )  # fmt: skip
    from datetime import datetime

    with db.session() as session:
        issue_in(session, request, datetime(2026, 6, 1, 9), date(2026, 6, 1))
    picture = camera_jpeg(tmp_path / "a.jpg")
    with pytest.raises(InvalidInput, match="refused consent"):
        import_photos(db, refusing, [picture], "frontal")

    consent = record_consent(db, withdrawing, c.practitioner, c.device, date(2026, 6, 1))
    assert len(import_photos(db, withdrawing, [picture], "frontal")) == 1
    withdraw_consent(db, consent.id, "photo", date(2026, 7, 1), c.practitioner)
    with pytest.raises(InvalidInput, match="withdrawn consent"):
        import_photos(db, withdrawing, [camera_jpeg(tmp_path / "b.jpg", tint=9)], "frontal")

    record_photo_consent(db, withdrawing, "given")  # later than the withdrawal
    assert (
        len(import_photos(db, withdrawing, [camera_jpeg(tmp_path / "c.jpg", tint=5)], "frontal"))
        == 1
    )
