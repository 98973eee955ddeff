"""The test database's key: every test database is encrypted (the product's default) under
one key made once per run, with a key file beside it holding the run's recovery key, so the
command line opens it with ``--recovery-key`` (``CHAIRSIDE_RECOVERY_KEY``) or ``--as``."""

from __future__ import annotations

from pathlib import Path

from assistant import keyfile
from assistant.cipher import new_key, remember

TEST_KEY = new_key()
remember(TEST_KEY)  # so tests reading a file below Chairside (tests.keyed_sqlite) open it
# PINs set in tests wrap the key with cheap argon2 costs (each wrap keeps its own costs, so
# this changes nothing but the time the suite takes).
CHEAP_COSTS = {"t": 1, "m": 1024, "p": 1}


def write_key_file(database: Path, key: bytes = TEST_KEY) -> str:
    """A key file beside ``database`` with a new recovery key; returns that key."""
    keys = keyfile.KeyFile(keyfile.key_file_path(database))
    code = keys.new_recovery(key)
    keys.save()
    return code
