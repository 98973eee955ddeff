"""Where photo bytes live: the one place that reads and writes them.

Every photo and thumbnail is stored under a name made of its SHA-256 (``<sha>.jpg``,
``thumbs/<sha>.jpg``), so the same picture is kept once and a damaged copy is recognised.
``PhotoStore.put`` and ``PhotoStore.get`` are the only ways in and out: encryption at rest
(a later change: AES-GCM under a key derived from the database key) goes into ``_seal`` and
``_open`` here, once, for both places the bytes can live. With an encrypted database each
photo and thumbnail is sealed with AES-GCM under a key derived from the database key
(``MAGIC``, a random nonce, then the ciphertext); a file without ``MAGIC`` (kept before the
database was encrypted) is read as it is. Its files are not named by the SHA-256 (which
would let a copied folder confirm that a known picture is held) but by
``keyed_name``: ``k-`` and an HMAC-SHA256 of the name under another key derived from the
database key; a file kept under its plain name before is renamed when first reached:

- ``FolderPhotoStore``: files in the data folder's ``photos/`` (folder 0700, files 0600),
  used with the SQLite database on this workstation;
- ``DatabasePhotoStore``: rows of ``photo_blob`` in the database itself, used when the database
  is on a PostgreSQL server, so every workstation of the clinic reaches the same photos and the
  server's own backups (``pg_dump``) include them.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import delete, select

from assistant import paths
from assistant.access.cipher import derive_key
from assistant.errors import InvalidInput
from assistant.storage.db import Database
from assistant.storage.models import PhotoBlob
from assistant.text.i18n import _

log = logging.getLogger(__name__)

THUMBS = "thumbs/"


def photo_name(sha256: str, extension: str) -> str:
    return f"{sha256}{extension}"


def thumbnail_name(sha256: str) -> str:
    return f"{THUMBS}{sha256}.jpg"


KEYED = "k-"


def keyed_name(name_key: bytes | None, name: str) -> str:
    """The name a photo's file has at rest: ``name`` itself for a plain database; for an
    encrypted one ``k-`` and the HMAC-SHA256 of ``name`` under ``name_key``, keeping its
    folder (``thumbs/``) and extension. A name already keyed is returned as it is."""
    folder, _, base = name.rpartition("/")
    if name_key is None or base.startswith(KEYED):
        return name
    extension = base[base.index(".") :] if "." in base else ""
    digest = hmac.new(name_key, name.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{folder}/{KEYED}{digest}{extension}" if folder else f"{KEYED}{digest}{extension}"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


MAGIC = b"CHAIRSIDE-PHOTO-AESGCM-1\n"
NONCE_BYTES = 12


class PhotoStore(ABC):
    """Bytes by name. Subclasses keep raw (sealed) bytes; this class seals and opens them."""

    # The photo key (derived from the database key) when the database is encrypted.
    key: bytes | None = None
    # The key that names files at rest (derived from the database key), likewise.
    name_key: bytes | None = None

    def disk_name(self, name: str) -> str:
        """The file name ``name`` is kept under (here and in a backup's photo folder)."""
        return keyed_name(self.name_key, name)

    def put(self, name: str, data: bytes) -> bool:
        """Keep ``data`` under ``name``; False when it was already there (nothing written)."""
        if self.exists(name):
            return False
        self._write(name, self._seal(data))
        return True

    def get(self, name: str) -> bytes:
        return self._open(self._read(name))

    def seal(self, data: bytes) -> bytes:
        """The bytes as they are kept at rest (here, and in a backup's photo folder)."""
        return self._seal(data)

    def unseal(self, data: bytes) -> bytes:
        return self._open(data)

    def _seal(self, data: bytes) -> bytes:
        if self.key is None:
            return data
        nonce = os.urandom(NONCE_BYTES)
        return MAGIC + nonce + AESGCM(self.key).encrypt(nonce, data, MAGIC)

    def _open(self, data: bytes) -> bytes:
        if not data.startswith(MAGIC):
            return data  # kept before the database was encrypted
        if self.key is None:
            raise InvalidInput(_("This photo is encrypted; open the clinic's encrypted database."))
        body = data[len(MAGIC) :]
        try:
            return AESGCM(self.key).decrypt(body[:NONCE_BYTES], body[NONCE_BYTES:], MAGIC)
        except InvalidTag:
            raise InvalidInput(
                _(
                    "A photo file is damaged (or belongs to another database); restore it "
                    "from a backup."
                )
            ) from None

    @abstractmethod
    def exists(self, name: str) -> bool: ...

    @abstractmethod
    def delete(self, name: str) -> None: ...

    @abstractmethod
    def names(self) -> Iterator[str]: ...

    @abstractmethod
    def location(self, name: str) -> str:
        """Where the bytes are, for people reading a listing."""
        ...

    @abstractmethod
    def _write(self, name: str, data: bytes) -> None: ...

    @abstractmethod
    def _read(self, name: str) -> bytes: ...


class FolderPhotoStore(PhotoStore):
    def __init__(
        self, folder: Path, key: bytes | None = None, name_key: bytes | None = None
    ) -> None:
        self.folder = folder
        self.key = key
        self.name_key = name_key

    def path(self, name: str) -> Path:
        if ".." in name or name.startswith("/"):
            raise InvalidInput(_("{name} is not a photo name.").format(name=name))
        target = self.folder / self.disk_name(name)
        if self.name_key is not None and not target.exists():
            plain = self.folder / name
            if plain != target and plain.is_file():
                os.replace(plain, target)  # kept under its plain name before: renamed once
        return target

    def exists(self, name: str) -> bool:
        return self.path(name).is_file()

    def _write(self, name: str, data: bytes) -> None:
        target = self.path(name)
        for folder in (self.folder, target.parent):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            folder.chmod(0o700)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o600)
            os.replace(temp, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise InvalidInput(
                _("The photo cannot be saved in {parent} ({error}).").format(
                    parent=target.parent, error=exc.strerror or exc
                ),
                "file",
            ) from exc

    def _read(self, name: str) -> bytes:
        try:
            return self.path(name).read_bytes()
        except FileNotFoundError:
            raise InvalidInput(
                _("The photo file {path} is missing; restore it from a backup.").format(
                    path=self.path(name)
                )
            ) from None

    def delete(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(name).unlink()

    def names(self) -> Iterator[str]:
        if not self.folder.exists():
            return
        for path in sorted(self.folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                yield path.relative_to(self.folder).as_posix()

    def location(self, name: str) -> str:
        return str(self.path(name))


class DatabasePhotoStore(PhotoStore):
    """Bytes as ``photo_blob`` rows, each write its own short transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def exists(self, name: str) -> bool:
        with self.db.session() as session:
            return session.get(PhotoBlob, name) is not None

    def _write(self, name: str, data: bytes) -> None:
        with self.db.session() as session:
            session.add(PhotoBlob(name=name, data=data, size=len(data)))

    def _read(self, name: str) -> bytes:
        with self.db.session() as session:
            row = session.get(PhotoBlob, name)
            if row is None:
                raise InvalidInput(
                    _("The photo {name} is missing from the database.").format(name=name)
                )
            return bytes(row.data)

    def delete(self, name: str) -> None:
        with self.db.session() as session:
            session.execute(delete(PhotoBlob).where(PhotoBlob.name == name))

    def names(self) -> Iterator[str]:
        with self.db.session() as session:
            found = list(session.scalars(select(PhotoBlob.name).order_by(PhotoBlob.name)))
        yield from found

    def location(self, name: str) -> str:
        return f"{self.db.url}#photo_blob/{name}"


def store_for(db: Database) -> PhotoStore:
    """Files in the data folder beside a SQLite database; the database itself on a server."""
    if db.is_sqlite:
        folder = db.data_dir / "photos" if db.data_dir is not None else None
        key = None if db.key is None else derive_key(db.key, "photos")
        name_key = None if db.key is None else derive_key(db.key, "photo-names")
        return FolderPhotoStore(paths.photos_dir() if folder is None else folder, key, name_key)
    return DatabasePhotoStore(db)
