"""Changes to a session after it is written: discarding a draft, amending a signed record,
stamping the aftercare sheet as printed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

# Imported for its side effect: the listener that refuses changes to signed sessions is
# registered wherever sessions are stored.
import assistant.sessions.guard  # noqa: F401
from assistant.audit import chain
from assistant.audit import trail as audit
from assistant.errors import InvalidInput, RecordLocked
from assistant.sessions.limits import (
    validate_for_signing,
)
from assistant.sessions.record import (
    DISCARDED,
    DRAFT,
    SIGNED,
    SessionRecord,
    field_label,
    get_field,
    parse_field_value,
    set_field,
    value_text,
)
from assistant.sessions.store import (
    MIN_REASON_CHARS,
    _device_limits,
    _get_row,
    _record_of,
)
from assistant.stock.usage import settle_session_in
from assistant.storage.db import Database
from assistant.storage.models import (
    Amendment,
    utcnow,
)
from assistant.text.i18n import _


def discard_draft(db: Database, session_id: int, actor: int | None, reason: str = "") -> None:
    """Set an unfinished draft aside (kept, never deleted, but no longer offered)."""
    with db.session() as session:
        row = _get_row(session, session_id)
        if row.state != DRAFT:
            raise RecordLocked(
                f"Session {session_id} is {row.state}; only a draft can be discarded."
            )
        row.state = DISCARDED
        audit.record(
            session,
            "change",
            "treatment_session",
            row.id,
            actor=actor,
            patient_id=row.patient_id,
            summary=f"Discarded draft session {row.id}" + (f": {reason}" if reason else ""),
            changes={"state": [DRAFT, DISCARDED]},
        )


def amend_session(
    db: Database, session_id: int, field: str, new_value: Any, reason: str, actor: int | None
) -> SessionRecord:
    """Correct a signed session: the original stays, an amendment records who, when, which
    field, the old and new value and why; the audit log gets an "amend" event."""
    reason = " ".join((reason or "").split())
    if len(reason) < MIN_REASON_CHARS:
        raise InvalidInput(_("Write why the record is being amended."), "reason")
    with db.session() as session:
        row = _get_row(session, session_id)
        if row.state != SIGNED:
            raise InvalidInput(
                _("Only a signed session is amended; a draft is simply edited."), "state"
            )
        record = _record_of(session, row)
        current = record.effective
        value = parse_field_value(field, new_value)
        old = get_field(current, field)
        if value == old:
            raise InvalidInput(
                _("{field} already holds that value.").format(field=field_label(field)), field
            )
        amended = set_field(current, field, value)
        validate_for_signing(amended, _device_limits(session, amended.device_id))
        entry = Amendment(
            session_id=row.id,
            practitioner_id=actor,
            field=field,
            old_value=value_text(old),
            new_value=value_text(value),
            reason=reason,
        )
        session.add(entry)
        session.flush()
        audit.record(
            session,
            "amend",
            "treatment_session",
            row.id,
            actor=actor,
            patient_id=row.patient_id,
            # The reason is free text that may name the patient: it is kept in the amendment
            # and the entry's details, never in the summary shown everywhere.
            summary=f"Amended {field} of session {row.id}",
            changes={field: [entry.old_value, entry.new_value], "reason": reason},
            content_hash=chain.amendment_content_hash(session.connection(), entry.id),
        )
        session.flush()
        # A corrected lot moves the session's unit from the old lot to the new one.
        settle_session_in(session, row.id, amended, actor, "amended", row.patient_id)
        return _record_of(session, row)


def mark_aftercare_printed(
    db: Database, session_id: int, actor: int | None, saved_as: str | None = None
) -> datetime:
    """Stamp the session with the time its aftercare sheet was printed (audit "print"), or
    saved as a PDF to hand over (``saved_as``, the file's name; audit "export")."""
    with db.session() as session:
        row = _get_row(session, session_id)
        row.aftercare_printed_at = utcnow()
        if saved_as is None:
            action, summary = "print", f"Printed the aftercare sheet for session {row.id}"
        else:
            action = "export"
            summary = f"Saved the aftercare sheet for session {row.id} as {saved_as}"
        audit.record(
            session,
            action,
            "treatment_session",
            row.id,
            actor=actor,
            patient_id=row.patient_id,
            summary=summary,
        )
        return row.aftercare_printed_at
