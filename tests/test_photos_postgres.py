"""Photos on a PostgreSQL server: the bytes are kept in the database (``photo_blob``), so every
workstation reaches them and the server's backups hold them. Runs when
``CHAIRSIDE_TEST_POSTGRES_URL`` is set (``. .ci/postgres.sh``); skipped otherwise."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assistant import paths
from assistant.errors import InvalidInput
from assistant.patients.erasure import erase_patient, erasure_confirmation
from assistant.photos import export_photos, import_photos, list_photos, photo_bytes
from assistant.photos.storage import DatabasePhotoStore, store_for
from assistant.storage.db import Database, init_db
from assistant.storage.models import PhotoBlob
from tests.photo_support import assert_clean, assert_upright, camera_jpeg, camera_png
from tests.postgres_support import migrated_database
from tests.sessions_support import make_patient

URL = os.environ.get("CHAIRSIDE_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not URL, reason="CHAIRSIDE_TEST_POSTGRES_URL is not set")


@pytest.fixture
def pg(isolated_data_dir: object) -> Iterator[Database]:
    database = init_db(migrated_database())
    yield database
    database.dispose()


def blob_count(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(PhotoBlob)) or 0)


def test_photos_live_in_the_database_and_another_workstation_reads_them(
    pg: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    assert isinstance(store_for(pg), DatabasePhotoStore)
    patient = make_patient(pg)
    jpeg, png = import_photos(
        pg, patient, [camera_jpeg(tmp_path / "a.jpg"), camera_png(tmp_path / "b.png")], "frontal"
    )
    assert blob_count(pg) == 4  # two pictures and their thumbnails
    assert not paths.photos_dir().exists()  # nothing on this workstation's disk
    assert "#photo_blob/" in jpeg.location

    # Another workstation: its own data folder, the same server.
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "chair-2"))
    assert URL
    other = init_db(URL)
    try:
        listed = list_photos(other, patient)
        assert [p.sha256 for p in listed] == [jpeg.sha256, png.sha256]
        data = photo_bytes(other, listed[0])
        assert_upright(assert_clean(data))
        out = tmp_path / "out"
        out.mkdir()
        assert len(export_photos(other, patient, out)) == 2
        assert_upright(Image.open(next(out.glob("*.jpg"))))
    finally:
        other.dispose()


def test_a_failed_import_leaves_no_blob_and_erasure_removes_them(
    pg: Database, tmp_path: Path
) -> None:
    patient = make_patient(pg)
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not really")
    with pytest.raises(InvalidInput):
        import_photos(pg, patient, [camera_jpeg(tmp_path / "a.jpg"), bad], "frontal")
    assert blob_count(pg) == 0
    import_photos(pg, patient, [camera_jpeg(tmp_path / "a.jpg")], "left_oblique")
    erase_patient(pg, patient, None, erasure_confirmation(pg, patient))
    assert list_photos(pg, patient) == [] and blob_count(pg) == 0
