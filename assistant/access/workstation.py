"""This workstation's secret: the second thing, besides a PIN, that opens the database key.

A practitioner's copy of the database key in the key file is wrapped under a key derived
from their PIN (argon2id) *and* this 256-bit random secret, which never lives in the data
folder: it is kept in the operating system's credential store through ``keyring`` (Secret
Service or KWallet on Linux, the Keychain on macOS, the Credential Locker on Windows), or,
where there is none, in a file only its owner may read in the user's configuration folder
(``platformdirs.user_config_dir("Chairside")/workstation-secret``). A copy of the data folder
taken elsewhere therefore cannot be opened with a PIN, however short, nor can its PINs be
guessed offline; the recovery key opens it and enrolls the new workstation (each
practitioner then gets a copy for this workstation at their next sign-in).

The secret is named in the key file only by its ``workstation_id`` (a hash of it).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

SERVICE = "Chairside"
ACCOUNT = "workstation-secret"
FILE_NAME = "workstation-secret"
SECRET_BYTES = 32
# Tests turn the credential store off (so a developer's own keyring is never written).
use_keyring = True
_cache: dict[str, bytes] = {}


def config_folder() -> Path:
    # platformdirs only when the workstation's folder is needed
    import platformdirs

    return Path(platformdirs.user_config_dir("Chairside", appauthor=False))


def secret_file() -> Path:
    return config_folder() / FILE_NAME


def _decode(text: str | None) -> bytes | None:
    if not text:
        return None
    try:
        value = base64.b64decode(text.strip().encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        return None
    return value if len(value) == SECRET_BYTES else None


def _from_keyring() -> bytes | None:
    if not use_keyring:
        return None
    try:
        # keyring loads its back-ends (slow): only when a secret is read
        import keyring

        return _decode(keyring.get_password(SERVICE, ACCOUNT))
    except Exception as exc:  # noqa: BLE001 - no store, a locked one, a broken one: use the file
        log.info("No credential store for the workstation secret (%s)", type(exc).__name__)
        return None


def _to_keyring(secret: bytes) -> bool:
    if not use_keyring:
        return False
    try:
        # keyring loads its back-ends (slow): only when a secret is stored
        import keyring

        keyring.set_password(SERVICE, ACCOUNT, base64.b64encode(secret).decode("ascii"))
        return _from_keyring() == secret
    except Exception as exc:  # noqa: BLE001 - any failure: the file instead
        log.info("The credential store refused the workstation secret (%s)", type(exc).__name__)
        return False


def _from_file(path: Path) -> bytes | None:
    # bounded reading only when the secret is in a file
    from assistant.bounded import TEXT_LIMIT, read_regular
    from assistant.errors import InvalidInput

    if not path.exists():
        return None
    try:
        return _decode(read_regular(path, TEXT_LIMIT).decode("ascii"))
    except (InvalidInput, OSError, UnicodeDecodeError):
        return None


def _to_file(path: Path, secret: bytes) -> None:
    # only when the secret is written to a file
    from assistant import paths
    from assistant.files import replace_atomically

    paths.ensure_private_dir(path.parent)
    replace_atomically(path, base64.b64encode(secret) + b"\n")
    if os.name == "posix":
        path.chmod(0o600)


def workstation_secret() -> bytes:
    """This workstation's secret, made (and stored) the first time it is needed."""
    where = str(secret_file())
    cached = _cache.get(where)
    if cached is not None:
        return cached
    # The file first: it is written only where the credential store refused the secret, and
    # asking the store loads every back-end keyring has (on Linux its macOS one runs the
    # linker to look for Apple's libraries): about 60 ms of every start where there is none.
    secret = _from_file(Path(where)) or _from_keyring()
    if secret is None:
        secret = os.urandom(SECRET_BYTES)
        if not _to_keyring(secret):
            _to_file(Path(where), secret)
    _cache[where] = secret
    return secret


def workstation_id(secret: bytes | None = None) -> str:
    """A name for this workstation's secret that tells nothing about it."""
    value = workstation_secret() if secret is None else secret
    return hashlib.sha256(b"chairside/workstation-id/" + value).hexdigest()[:16]
