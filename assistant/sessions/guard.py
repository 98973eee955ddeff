"""The storage layer's own refusal to change a signed session.

A ``before_flush`` listener on every SQLAlchemy session (registered when this module is
imported; ``assistant.sessions.store`` imports it) refuses changes to a signed session, its
zones and products, and to amendments, so no code path can quietly rewrite a signed record.
Database triggers (migration 0005) also stop raw SQL and bulk statements."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import InstanceState, Session

from assistant.errors import RecordLocked
from assistant.sessions.record import SIGNED
from assistant.storage.models import Amendment, ProductUse, TreatmentSession, ZoneTreatment


def _original_state(obj: TreatmentSession) -> str | None:
    committed = inspect(obj).committed_state
    if "state" in committed:
        value = committed["state"]
        return value if isinstance(value, str) else None
    return obj.state


_SIGNED_WRITABLE = {"aftercare_printed_at", "updated_at", "amendments"}


def _parent_signed(session: Session, child: ZoneTreatment | ProductUse) -> bool:
    state: InstanceState[Any] = inspect(child)
    parents: list[TreatmentSession] = []
    history = state.attrs.session.history
    parents += [p for p in (*history.deleted, *history.unchanged, *history.added) if p]
    session_ids = [child.session_id]
    if "session_id" in state.committed_state:
        session_ids.append(state.committed_state["session_id"])
    for session_id in session_ids:
        if session_id is not None:
            parent = session.get(TreatmentSession, session_id)
            if parent is not None:
                parents.append(parent)
    return any(
        inspect(p).persistent and _original_state(p) == SIGNED for p in parents if p is not None
    )


@event.listens_for(Session, "before_flush")
def _refuse_changes_to_signed_sessions(session: Session, _context: Any, _instances: Any) -> None:
    with session.no_autoflush:
        for obj in list(session.dirty):
            if isinstance(obj, TreatmentSession) and _original_state(obj) == SIGNED:
                changed = {
                    attr.key for attr in inspect(obj).attrs if attr.history.has_changes()
                } - _SIGNED_WRITABLE
                if changed:
                    raise RecordLocked(
                        f"Session {obj.id} is signed and cannot be changed "
                        f"({', '.join(sorted(changed))}); record an amendment instead."
                    )
            elif isinstance(obj, ZoneTreatment | ProductUse):
                if session.is_modified(obj) and _parent_signed(session, obj):
                    raise RecordLocked(
                        "A signed session's zones and products cannot be changed; "
                        "record an amendment instead."
                    )
            elif isinstance(obj, Amendment) and session.is_modified(obj):
                raise RecordLocked("Amendments can never be changed.")
        for obj in list(session.deleted):
            if isinstance(obj, TreatmentSession) and _original_state(obj) == SIGNED:
                raise RecordLocked(f"Session {obj.id} is signed and cannot be deleted.")
            if isinstance(obj, ZoneTreatment | ProductUse) and _parent_signed(session, obj):
                raise RecordLocked("A signed session's zones and products cannot be removed.")
            if isinstance(obj, Amendment):
                raise RecordLocked("Amendments can never be deleted.")
        for obj in list(session.new):
            if isinstance(obj, ZoneTreatment | ProductUse) and _parent_signed(session, obj):
                raise RecordLocked(
                    "Nothing can be added to a signed session; record an amendment instead."
                )
