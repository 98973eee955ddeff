"""The test database's key: every test database is encrypted (the product's default) under
one key made once per run, with a key file beside it holding the run's recovery key, so the
command line opens it with ``--recovery-key`` (``CHAIRSIDE_RECOVERY_KEY``) or ``--as``."""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.access import keyfile
from assistant.access.cipher import new_key, remember

TEST_KEY = new_key()
remember(TEST_KEY)  # so tests reading a file below Chairside (tests.keyed_sqlite) open it
# PINs set in tests wrap the key with cheap argon2 costs (each wrap keeps its own costs, so
# this changes nothing but the time the suite takes).
CHEAP_COSTS = {"t": 1, "m": 1024, "p": 1}


# Every database a test makes gets this recovery key (conftest makes ``new_recovery_code``
# return it), so the command line opens any of them with --recovery-key.
REAL_NEW_RECOVERY_CODE = keyfile.new_recovery_code
TEST_RECOVERY = REAL_NEW_RECOVERY_CODE()


def write_key_file(database: Path, key: bytes = TEST_KEY) -> str:
    """A key file beside ``database`` holding the run's recovery key; returns it."""
    keys = keyfile.KeyFile(keyfile.key_file_path(database))
    keys.recovery = keyfile._wrap(
        "hkdf-sha256", keyfile.normalise_recovery_code(TEST_RECOVERY), key, keyfile.RECOVERY_LABEL
    )
    keys.save()
    return TEST_RECOVERY


def copy_database(source: Path, target: Path) -> None:
    """A database file and its key file."""
    shutil.copyfile(source, target)
    shutil.copyfile(keyfile.key_file_path(source), keyfile.key_file_path(target))
