"""Before-and-after photos: import, list, export, remove (``domain/photos.md``).

``import_photos`` checks every file first (``imaging.prepare_photo``: orientation applied,
place and camera metadata stripped, damaged or enormous files refused), then keeps the bytes
through the one ``PhotoStore`` and adds the rows with their audit entries in one
transaction: a batch is stored completely or not at all. Photos follow the patient's photo
consent (``consent.check_photos_allowed``). Service functions return frozen ``PhotoInfo``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant import reference
from assistant.audit import trail as audit
from assistant.errors import InvalidInput, NotFound
from assistant.files import write_file_atomically
from assistant.output_files import check_output_file, check_output_folder
from assistant.photos.consent import check_photos_allowed
from assistant.photos.imaging import EXTENSIONS, PreparedPhoto, make_thumbnail, prepare_photo
from assistant.photos.storage import PhotoStore, photo_name, store_for, thumbnail_name
from assistant.storage.db import Database
from assistant.storage.models import Patient, Photo, Practitioner, TreatmentSession
from assistant.text.i18n import _

log = logging.getLogger(__name__)

# The standard views, the same every session so two sessions compare (domain/photos.md).
VIEWS = {
    "frontal": "Frontal",
    "left_oblique": "Left oblique (45°)",
    "right_oblique": "Right oblique (45°)",
    "left_lateral": "Left lateral (90°)",
    "right_lateral": "Right lateral (90°)",
    "close_up": "Close-up",
}


@dataclass(frozen=True)
class PhotoInfo:
    id: int
    patient_id: int
    session_id: int | None
    view: str
    zone: str | None
    added_by_id: int | None
    added_by: str
    added_at: datetime
    taken_at: datetime | None
    sha256: str
    media_type: str
    size: int
    width: int
    height: int
    location: str

    @property
    def name(self) -> str:
        return photo_name(self.sha256, EXTENSIONS[self.media_type])

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.media_type]

    @property
    def view_label(self) -> str:
        return VIEWS.get(self.view, self.view)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "session": self.session_id,
            "view": self.view,
            "zone": self.zone,
            "taken_at": self.taken_at.isoformat(timespec="seconds") if self.taken_at else None,
            "added_at": self.added_at.isoformat(timespec="seconds") + "Z",
            "added_by": self.added_by or None,
            "sha256": self.sha256,
            "file": self.location,
            "media_type": self.media_type,
            "width": self.width,
            "height": self.height,
            "size": self.size,
        }


def check_view(view: str) -> str:
    if view not in VIEWS:
        raise InvalidInput(
            _("'{view}' is not a photo view; use one of: {views}.").format(
                view=view, views=", ".join(VIEWS)
            ),
            "view",
        )
    return view


def check_zone(zone: str | None) -> str | None:
    if zone in (None, ""):
        return None
    assert zone is not None
    if zone not in reference.zones():
        raise InvalidInput(
            _("'{zone}' is not a treatment zone; use one of: {zones}.").format(
                zone=zone, zones=", ".join(reference.zones())
            ),
            "zone",
        )
    return zone


def _info(row: Photo, names: dict[int, str], store: PhotoStore) -> PhotoInfo:
    return PhotoInfo(
        id=row.id,
        patient_id=row.patient_id,
        session_id=row.session_id,
        view=row.view,
        zone=row.zone,
        added_by_id=row.added_by_id,
        added_by=names.get(row.added_by_id or 0, ""),
        added_at=row.added_at,
        taken_at=row.taken_at,
        sha256=row.sha256,
        media_type=row.media_type,
        size=row.size,
        width=row.width,
        height=row.height,
        location=store.location(photo_name(row.sha256, EXTENSIONS[row.media_type])),
    )


def _names(session: Session) -> dict[int, str]:
    return {pid: name for pid, name in session.execute(select(Practitioner.id, Practitioner.name))}


def _live_patient(session: Session, patient_id: int) -> Patient:
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise NotFound(f"There is no patient with id {patient_id}. Nothing was stored.")
    if patient.erased_at is not None:
        raise InvalidInput(
            _("Patient {patient_id} has been erased; no photo can be added.").format(
                patient_id=patient_id
            )
        )
    return patient


def _check_session(session: Session, patient_id: int, session_id: int | None) -> None:
    if session_id is None:
        return
    row = session.get(TreatmentSession, session_id)
    if row is None or row.patient_id != patient_id:
        raise InvalidInput(
            _(
                "Session {session_id} is not a session of patient {patient_id}. Nothing was stored."
            ).format(session_id=session_id, patient_id=patient_id),
            "session",
        )


def import_photos(
    db: Database,
    patient_id: int,
    files: Sequence[Path],
    view: str,
    *,
    session_id: int | None = None,
    zone: str | None = None,
    actor: int | None = None,
    store: PhotoStore | None = None,
) -> list[PhotoInfo]:
    """Add ``files`` to the patient's record as photos of ``view``: all of them, or none."""
    check_view(view)
    zone = check_zone(zone)
    if not files:
        raise InvalidInput(_("Name at least one photo file."), "file")
    with db.session() as session:
        _live_patient(session, patient_id)
        _check_session(session, patient_id, session_id)
        check_photos_allowed(session, patient_id)
        existing = set(session.scalars(select(Photo.sha256).where(Photo.patient_id == patient_id)))
    prepared: list[tuple[Path, PreparedPhoto]] = []
    for file in files:
        photo = prepare_photo(Path(file))
        if photo.sha256 in existing or any(p.sha256 == photo.sha256 for _name, p in prepared):
            raise InvalidInput(
                _(
                    "{file}: this photo is already in the patient's record. Nothing was stored."
                ).format(file=Path(file).name),
                "file",
            )
        prepared.append((Path(file), photo))
    store = store or store_for(db)
    written: list[str] = []
    try:
        for _name, photo in prepared:
            for name, data in (
                (photo_name(photo.sha256, photo.extension), photo.data),
                (thumbnail_name(photo.sha256), photo.thumbnail),
            ):
                if store.put(name, data):
                    written.append(name)
        with db.session() as session:
            check_photos_allowed(session, patient_id)
            rows = []
            for _file, photo in prepared:
                row = Photo(
                    patient_id=patient_id,
                    session_id=session_id,
                    view=view,
                    zone=zone,
                    added_by_id=actor,
                    taken_at=photo.taken_at,
                    sha256=photo.sha256,
                    media_type=photo.media_type,
                    size=len(photo.data),
                    width=photo.width,
                    height=photo.height,
                )
                session.add(row)
                session.flush()
                audit.record(
                    session,
                    "create",
                    "photo",
                    row.id,
                    actor=actor,
                    patient_id=patient_id,
                    summary=f"Added photo {row.id} ({view}) to patient {patient_id}"
                    + (f", session {session_id}" if session_id else ""),
                    changes={
                        "view": view,
                        "zone": zone,
                        "session_id": session_id,
                        "sha256": photo.sha256,
                        "recompressed": photo.recompressed,
                    },
                )
                rows.append(row)
            names = _names(session)
            result = [_info(row, names, store) for row in rows]
    except BaseException:
        for name in written:
            store.delete(name)
        raise
    log.info("Added %d photo(s) to patient %s", len(result), patient_id)
    return result


def list_photos(
    db: Database,
    patient_id: int,
    *,
    session_id: int | None = None,
    view: str | None = None,
    store: PhotoStore | None = None,
) -> list[PhotoInfo]:
    """The patient's photos, in the order they were added."""
    store = store or store_for(db)
    with db.session() as session:
        if session.get(Patient, patient_id) is None:
            raise NotFound(f"There is no patient with id {patient_id}.")
        stmt = select(Photo).where(Photo.patient_id == patient_id)
        if session_id is not None:
            stmt = stmt.where(Photo.session_id == session_id)
        if view is not None:
            stmt = stmt.where(Photo.view == check_view(view))
        rows = list(session.scalars(stmt.order_by(Photo.added_at, Photo.id)))
        names = _names(session)
        return [_info(row, names, store) for row in rows]


def photo_counts(db: Database, patient_id: int) -> dict[int, int]:
    """How many photos each of the patient's sessions has (for the timeline)."""
    with db.session() as session:
        rows = session.execute(
            select(Photo.session_id, func.count())
            .where(Photo.patient_id == patient_id, Photo.session_id.is_not(None))
            .group_by(Photo.session_id)
        )
        return {int(sid): int(count) for sid, count in rows if sid is not None}


def get_photo(db: Database, photo_id: int, store: PhotoStore | None = None) -> PhotoInfo:
    store = store or store_for(db)
    with db.session() as session:
        row = session.get(Photo, photo_id)
        if row is None:
            raise NotFound(f"There is no photo with id {photo_id}.")
        return _info(row, _names(session), store)


def photo_bytes(db: Database, photo: PhotoInfo, store: PhotoStore | None = None) -> bytes:
    """The stored picture (full size: never call this on the UI thread)."""
    return (store or store_for(db)).get(photo.name)


def thumbnail_bytes(db: Database, photo: PhotoInfo, store: PhotoStore | None = None) -> bytes:
    """The list thumbnail, made again from the picture if its file was lost."""
    store = store or store_for(db)
    name = thumbnail_name(photo.sha256)
    if store.exists(name):
        return store.get(name)
    thumb = make_thumbnail(store.get(photo.name))
    store.put(name, thumb)
    return thumb


def previous_photo(
    db: Database, patient_id: int, view: str, *, before_session: int | None = None
) -> PhotoInfo | None:
    """The latest earlier photo of the same view: the capture guide shows it faintly."""
    photos = [
        p for p in list_photos(db, patient_id, view=view)
        if before_session is None or p.session_id != before_session
    ]
    return photos[-1] if photos else None


def _unreferenced(session: Session, shas: Iterable[tuple[str, str]]) -> list[str]:
    """Store names of pictures no photo row refers to any more (and their thumbnails)."""
    doomed = []
    for sha, media_type in set(shas):
        count = session.scalar(select(func.count()).select_from(Photo).where(Photo.sha256 == sha))
        if not count:
            doomed += [photo_name(sha, EXTENSIONS[media_type]), thumbnail_name(sha)]
    return doomed


def remove_photo(
    db: Database, photo_id: int, *, actor: int | None = None, reason: str = "",
    store: PhotoStore | None = None,
) -> None:
    """Take a photo out of the record: row and file (audited ``remove``)."""
    store = store or store_for(db)
    with db.session() as session:
        row = session.get(Photo, photo_id)
        if row is None:
            raise NotFound(f"There is no photo with id {photo_id}.")
        patient_id, sha, media_type = row.patient_id, row.sha256, row.media_type
        audit.record(
            session,
            "remove",
            "photo",
            photo_id,
            actor=actor,
            patient_id=patient_id,
            summary=f"Removed photo {photo_id} ({row.view}) of patient {patient_id}",
            changes={"sha256": sha, "reason": reason},
        )
        session.delete(row)
        session.flush()
        doomed = _unreferenced(session, [(sha, media_type)])
    for name in doomed:
        store.delete(name)


def remove_patient_photos(session: Session, patient_id: int) -> tuple[int, list[str]]:
    """Delete the patient's photo rows inside an erasure's transaction; returns how many,
    and the store names to delete once it has committed (``delete_stored``)."""
    rows = list(session.scalars(select(Photo).where(Photo.patient_id == patient_id)))
    shas = [(r.sha256, r.media_type) for r in rows]
    for row in rows:
        session.delete(row)
    session.flush()
    return len(rows), _unreferenced(session, shas)


def delete_stored(db: Database, names: Iterable[str], store: PhotoStore | None = None) -> None:
    store = store or store_for(db)
    for name in names:
        store.delete(name)


def export_filename(photo: PhotoInfo) -> str:
    when = (photo.taken_at or photo.added_at).strftime("%Y%m%d")
    return f"photo-{photo.id}-{photo.view}-{when}{photo.extension}"


def exported_bytes(data: bytes, photo: PhotoInfo) -> bytes:
    """The stored bytes cleaned once more by allow-list on the way out (a photo imported by an
    older version may still carry metadata that is no longer kept)."""
    # the metadata cleaner (Pillow's EXIF) only when a photo leaves
    from assistant.photos import metadata

    try:
        return metadata.clean(data)
    except ValueError as exc:
        raise InvalidInput(
            f"Photo {photo.id} is damaged ({exc}); nothing was exported.", "photo"
        ) from None


def export_photos(
    db: Database, patient_id: int, out: Path, *, actor: int | None = None,
    store: PhotoStore | None = None, force: bool = False,
) -> list[Path]:
    """Write the patient's photos into the folder ``out`` as image files (audited ``export``
    once written); a file already there is replaced only with ``force``."""
    out = check_output_folder(out)
    store = store or store_for(db)
    photos = list_photos(db, patient_id, store=store)
    for photo in photos:  # every name checked before the first file is written
        check_output_file(out / export_filename(photo), force=force)
    written = []
    for photo in photos:
        target = out / export_filename(photo)
        write_file_atomically(target, exported_bytes(store.get(photo.name), photo), force=force)
        written.append(target)
    with db.session() as session:
        audit.record(
            session,
            "export",
            "photo",
            None,
            actor=actor,
            patient_id=patient_id,
            summary=f"Exported {len(written)} photo(s) of patient {patient_id} to {out}",
            changes={"folder": str(out), "photos": [p.id for p in photos]},
        )
    return written
