"""The key file beside an encrypted database: all that can be read before anyone signs in.

``chairside.sqlite3.keys`` (JSON, owner-only) holds, for each practitioner who can unlock
the database, their name and the database key wrapped (AES-GCM) under a key derived from
their PIN (argon2id, with its own salt and costs) together with the workstation's secret
(``assistant.access.workstation``, kept outside the data folder): one copy per practitioner and
workstation, each naming its workstation by an id. The same key is wrapped under the
clinic's recovery key too, which alone opens a copied folder elsewhere. A copy made before
workstation secrets (PIN only) still opens, and is replaced by one under both secrets at
that practitioner's next sign-in. Nothing else: no patient data, never the database key in
the clear.

Adding a practitioner, changing a PIN and removing a practitioner rewrap or drop only that
practitioner's copy; a new recovery key replaces the old one's copy (the old one stops
working). Each change is written in one step (``replace_atomically``).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.access.cipher import KEY_BYTES
from assistant.errors import DatabaseUnavailable, InvalidInput
from assistant.files import replace_atomically

SUFFIX = ".keys"
FORMAT = "chairside-key-file"
VERSION = 1
# argon2id costs for a new wrap (RFC 9106's low-memory choice, as the PIN hashes use); each
# entry keeps the costs it was made with.
ARGON2_COSTS = {"t": 3, "m": 65536, "p": 4}
RECOVERY_BYTES = 20  # 160 bits: 32 base-32 letters, 8 groups of 4
RECOVERY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
ADVICE_KEYS = (
    "Put the key file back beside the database (from a copy kept with your backups); "
    "nothing was changed."
)


class KeyFileProblem(DatabaseUnavailable):
    """The key file is missing or damaged: nothing was changed."""


class WrongSecret(InvalidInput):
    """The PIN or recovery key does not unwrap the database key."""


class WrongGuess(WrongSecret):
    """A PIN or recovery key that was tried and is wrong: counted against the next tries."""


def key_file_path(database: Path) -> Path:
    return database.with_name(database.name + SUFFIX)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class Wrap:
    """The database key under one secret: ``kdf`` names how the secret becomes a key."""

    kdf: str
    salt: bytes
    nonce: bytes
    sealed: bytes
    costs: dict[str, int] = field(default_factory=dict)
    workstation: str = ""  # the workstation whose secret it needs too ("": the PIN alone)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kdf": self.kdf,
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "key": _b64(self.sealed),
        }
        if self.costs:
            out["costs"] = self.costs
        if self.workstation:
            out["workstation"] = self.workstation
        return out

    @classmethod
    def from_json(cls, data: Any) -> Wrap:
        if not isinstance(data, dict) or data.get("kdf") not in ("argon2id", "hkdf-sha256"):
            raise ValueError("unknown wrap")
        costs = data.get("costs", {})
        if data["kdf"] == "argon2id" and (
            not isinstance(costs, dict)
            or set(costs) != {"t", "m", "p"}
            or not all(isinstance(v, int) and 0 < v <= 4_194_304 for v in costs.values())
        ):
            raise ValueError("bad costs")
        workstation = data.get("workstation", "")
        if not isinstance(workstation, str) or len(workstation) > 64:
            raise ValueError("bad workstation")
        return cls(
            data["kdf"],
            _unb64(data["salt"]),
            _unb64(data["nonce"]),
            _unb64(data["key"]),
            costs,
            workstation,
        )


def _kek(
    wrap_kdf: str, secret: bytes, salt: bytes, costs: dict[str, int], workstation: bytes = b""
) -> bytes:
    # argon2 and cryptography when a key is wrapped or unwrapped: the sign-in dialog reads
    # the key file's names before either is loaded (start-up)
    from argon2.low_level import Type, hash_secret_raw
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    if wrap_kdf == "argon2id":
        stretched = hash_secret_raw(
            secret,
            salt,
            time_cost=costs["t"],
            memory_cost=costs["m"],
            parallelism=costs["p"],
            hash_len=KEY_BYTES,
            type=Type.ID,
        )
        if not workstation:
            return stretched  # a copy made before workstation secrets
        return HKDF(hashes.SHA256(), KEY_BYTES, salt, b"chairside pin and workstation").derive(
            stretched + workstation
        )
    return HKDF(hashes.SHA256(), KEY_BYTES, salt, b"chairside recovery key").derive(secret)


def _wrap(kdf: str, secret: bytes, key: bytes, label: str, workstation: bool = False) -> Wrap:
    # the cipher only when a key is wrapped, not before the sign-in dialog (start-up)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    # the workstation secret (keyring) only when a key is wrapped
    from assistant.access.workstation import workstation_id, workstation_secret

    salt, nonce = os.urandom(16), os.urandom(12)
    costs = dict(ARGON2_COSTS) if kdf == "argon2id" else {}
    second = workstation_secret() if workstation else b""
    sealed = AESGCM(_kek(kdf, secret, salt, costs, second)).encrypt(nonce, key, label.encode())
    return Wrap(kdf, salt, nonce, sealed, costs, workstation_id(second) if second else "")


def _unwrap(wrap: Wrap, secret: bytes, label: str) -> bytes | None:
    # the cipher only when a key is unwrapped, not before the sign-in dialog (start-up)
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    # the workstation secret (keyring) only when a key is unwrapped
    from assistant.access.workstation import workstation_secret

    second = workstation_secret() if wrap.workstation else b""
    try:
        key = AESGCM(_kek(wrap.kdf, secret, wrap.salt, wrap.costs, second)).decrypt(
            wrap.nonce, wrap.sealed, label.encode()
        )
    except InvalidTag:
        return None
    return key if len(key) == KEY_BYTES else None


def _pin_label(practitioner_id: int) -> str:
    return f"{FORMAT}/{VERSION}/practitioner/{practitioner_id}"


RECOVERY_LABEL = f"{FORMAT}/{VERSION}/recovery"


def new_recovery_code() -> str:
    text = base64.b32encode(os.urandom(RECOVERY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise_recovery_code(code: str) -> bytes:
    """The recovery key's bytes from what was typed (any case, spaces or dashes; 0, 1 and 8
    read as O, I and B)."""
    text = "".join(ch for ch in code.upper() if not ch.isspace() and ch != "-")
    text = text.translate(str.maketrans("018", "OIB"))
    if len(text) != 32 or any(ch not in RECOVERY_ALPHABET for ch in text):
        raise WrongGuess(
            "A recovery key is 32 letters and digits in 8 groups of 4 (as printed on the sheet).",
            "recovery_key",
        )
    try:
        return base64.b32decode(text)
    except binascii.Error:
        raise WrongSecret("That recovery key cannot be read.", "recovery_key") from None


@dataclass
class KeyFile:
    """The key file of one database, read into memory; ``save()`` writes it back."""

    path: Path
    # The copies this workstation can use (its own, or one made before workstation secrets).
    practitioners: dict[int, tuple[str, Wrap]] = field(default_factory=dict)
    recovery: Wrap | None = None
    setup_pending: bool = False
    # Other workstations' copies (practitioner id, name, wrap), kept as they are.
    elsewhere: list[tuple[int, str, Wrap]] = field(default_factory=list)

    # -- reading and writing ------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        # bounded reading only when a key file is loaded
        from assistant.bounded import TEXT_LIMIT, read_regular
        from assistant.errors import InvalidInput

        try:
            raw = read_regular(path, TEXT_LIMIT, "key_file")
        except InvalidInput as exc:
            if not path.exists():
                raise KeyFileProblem(
                    f"The database is encrypted and its key file {path.name} is missing.",
                    ADVICE_KEYS,
                ) from None
            raise KeyFileProblem(f"The key file cannot be used: {exc}") from None
        except FileNotFoundError:
            raise KeyFileProblem(
                f"The database is encrypted and its key file {path.name} is missing.",
                ADVICE_KEYS,
            ) from None
        except OSError as exc:
            raise KeyFileProblem(f"The key file {path} cannot be read ({exc.strerror}).") from exc
        try:
            data = json.loads(raw.decode("utf-8"))
            if data.get("format") != FORMAT or data.get("version") != VERSION:
                raise ValueError("not a key file")
            # the workstation id only for a key file that names one
            from assistant.access.workstation import workstation_id

            here = workstation_id()
            people: dict[int, tuple[str, Wrap]] = {}
            elsewhere: list[tuple[int, str, Wrap]] = []
            for entry in data["practitioners"]:
                name = entry["name"]
                if not isinstance(name, str) or not isinstance(entry["id"], int):
                    raise ValueError("bad entry")
                wrap = Wrap.from_json(entry["wrap"])
                if wrap.workstation and wrap.workstation != here:
                    elsewhere.append((entry["id"], name, wrap))
                elif wrap.workstation or entry["id"] not in people:
                    people[entry["id"]] = (name, wrap)  # this workstation's copy first
            recovery = data.get("recovery")
            return cls(
                path,
                people,
                None if recovery is None else Wrap.from_json(recovery),
                bool(data.get("setup_pending", False)),
                elsewhere,
            )
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            raise KeyFileProblem(
                f"The key file {path.name} is damaged, so the database cannot be unlocked.",
                ADVICE_KEYS,
            ) from None

    def to_bytes(self) -> bytes:
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "setup_pending": self.setup_pending,
            "practitioners": [
                {"id": pid, "name": name, "wrap": wrap.to_json()}
                for pid, name, wrap in sorted(
                    [(pid, name, wrap) for pid, (name, wrap) in self.practitioners.items()]
                    + self.elsewhere,
                    key=lambda entry: (entry[0], entry[2].workstation),
                )
            ],
            "recovery": None if self.recovery is None else self.recovery.to_json(),
        }
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def save(self) -> None:
        replace_atomically(self.path, self.to_bytes())

    # -- unlocking -----------------------------------------------------------------------------

    def people(self) -> list[tuple[int, str]]:
        """Who can unlock the database (id, name), by name: on this workstation or another."""
        names = {pid: name for pid, name, _ in self.elsewhere}
        names.update((pid, name) for pid, (name, _) in self.practitioners.items())
        return sorted(names.items(), key=lambda p: p[1].casefold())

    def needs_workstation_copy(self, practitioner_id: int) -> bool:
        """True when the practitioner's copy here is one made with the PIN alone."""
        entry = self.practitioners.get(practitioner_id)
        return entry is not None and not entry[1].workstation

    def find(self, wanted: str) -> int:
        """The practitioner named or numbered ``wanted``, as people write the name
        (``assistant.clinic.practitioner_names``)."""
        # the name matcher only when a name is typed (11 ms off the window's start)
        from assistant.clinic.practitioner_names import ambiguity, match_name

        text = wanted.strip()
        people = self.people()
        found = match_name(people, text)
        if found.unique is not None:
            return found.unique
        if found.ids:
            raise InvalidInput(ambiguity(text, people, found.ids), "as")
        known = ", ".join(f"{name} ({pid})" for pid, name in people) or "none"
        raise InvalidInput(
            f"--as: '{text}' cannot unlock this database (practitioners who can, with their "
            f"numbers: {known}).",
            "as",
        )

    def unlock_with_pin(self, practitioner_id: int, pin: str) -> bytes:
        entry = self.practitioners.get(practitioner_id)
        if entry is None and any(pid == practitioner_id for pid, _, _ in self.elsewhere):
            raise WrongSecret(
                "This workstation has no copy of this practitioner's key yet (it is new here, "
                "or the data folder was copied here): a colleague who has signed in here opens "
                "the database first, or the recovery key does; then sign in once with your PIN.",
                "pin",
            )
        if entry is None:
            raise WrongSecret(
                "This practitioner cannot unlock the database yet: a colleague signs in "
                "first, then they sign in once.",
                "pin",
            )
        key = _unwrap(entry[1], pin.encode("utf-8"), _pin_label(practitioner_id))
        if key is None:
            raise WrongGuess("That PIN is not right.", "pin")
        return key

    def unlock_with_recovery(self, code: str) -> bytes:
        secret = normalise_recovery_code(code)
        if self.recovery is None:
            raise WrongSecret("This database has no recovery key.", "recovery_key")
        key = _unwrap(self.recovery, secret, RECOVERY_LABEL)
        if key is None:
            raise WrongGuess(
                "That recovery key does not open this database (a newer one may have replaced it).",
                "recovery_key",
            )
        return key

    # -- changing ------------------------------------------------------------------------------

    def set_practitioner(self, practitioner_id: int, name: str, pin: str, key: bytes) -> None:
        """This workstation's copy for the practitioner, under their PIN and the workstation's
        secret (a new PIN: the copies on other workstations, under the old PIN, go)."""
        wrap = _wrap(
            "argon2id", pin.encode("utf-8"), key, _pin_label(practitioner_id), workstation=True
        )
        self.practitioners[practitioner_id] = (name, wrap)
        self.elsewhere = [e for e in self.elsewhere if e[0] != practitioner_id]
        self.setup_pending = False

    def enroll(self, practitioner_id: int, name: str, pin: str, key: bytes) -> None:
        """A copy for this workstation, keeping the practitioner's copies on others."""
        others = [entry for entry in self.elsewhere]
        self.set_practitioner(practitioner_id, name, pin, key)
        self.elsewhere = others

    def drop_practitioner(self, practitioner_id: int) -> bool:
        before = len(self.elsewhere)
        self.elsewhere = [e for e in self.elsewhere if e[0] != practitioner_id]
        here = self.practitioners.pop(practitioner_id, None) is not None
        return here or len(self.elsewhere) != before

    def rename_practitioner(self, practitioner_id: int, name: str) -> None:
        if practitioner_id in self.practitioners:
            self.practitioners[practitioner_id] = (name, self.practitioners[practitioner_id][1])
        self.elsewhere = [
            (pid, name if pid == practitioner_id else old, wrap)
            for pid, old, wrap in self.elsewhere
        ]

    def new_recovery(self, key: bytes) -> str:
        """A new recovery key (returned once, to be printed); the old one stops working."""
        code = new_recovery_code()
        self.recovery = _wrap("hkdf-sha256", normalise_recovery_code(code), key, RECOVERY_LABEL)
        return code


def new_key_file(database: Path) -> KeyFile:
    """An empty key file for a database being set up (nobody can unlock it yet)."""
    return KeyFile(key_file_path(database), setup_pending=True)


@dataclass
class KeyFileChange:
    """A change written to a key file, undone when the database change it goes with fails."""

    path: Path
    previous: bytes

    def undo(self) -> None:
        replace_atomically(self.path, self.previous)


def change_key_file(path: Path | None, change: Callable[[KeyFile], object]) -> KeyFileChange | None:
    """Load the key file at ``path``, apply ``change``, save it; None when there is no key
    file (a plain database or a server)."""
    if path is None:
        return None
    keys = KeyFile.load(path)
    previous = keys.to_bytes()
    change(keys)
    keys.save()
    return KeyFileChange(path, previous)
