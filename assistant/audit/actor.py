"""What the audit trail records as the workstation of an entry.

The window records the computer's name. A command run without ``--as`` records the
operating-system account and computer instead (``user@host``), so even an unattended script
leaves a name behind; ``set_workstation`` says so for the rest of the command.
"""

from __future__ import annotations

import socket
from contextvars import ContextVar

_override: ContextVar[str | None] = ContextVar("chairside_audit_workstation", default=None)


def set_workstation(name: str | None) -> None:
    _override.set(name[:100] if name else None)


def workstation() -> str:
    return _override.get() or socket.gethostname()[:100]
