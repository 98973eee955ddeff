"""Starting a session, as one operation: the accepted checklist, the new draft and its
planned zones are stored in one transaction, so a failure leaves none of them behind."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.checklist import AssessmentResult
from assistant.sessions.assessments import save_assessment_in
from assistant.sessions.carry import carry_forward, last_signed_in
from assistant.sessions.limits import DEFAULT_PASSES, default_depth
from assistant.sessions.record import DeviceLimits, ZoneEntry
from assistant.sessions.store import _draft_of, _get_row, create_draft_in, save_draft_in
from assistant.sessions.views import SessionContext, session_context
from assistant.storage.db import Database


def planned_zones(
    zones: Sequence[str], limits: DeviceLimits | None = None
) -> tuple[ZoneEntry, ...]:
    """The planned zones as the form starts them: each at the shallow end of its range."""
    limits = limits or DeviceLimits.default()
    return tuple(ZoneEntry(z, default_depth(z, limits), DEFAULT_PASSES) for z in zones)


def start_session(
    db: Database,
    patient_id: int,
    result: AssessmentResult,
    zones: Sequence[str],
    actor: int | None,
) -> SessionContext:
    """Store the accepted checklist, create the draft with the planned zones (one
    transaction, each step audited), and return what the session form needs. The draft
    starts from the last signed session's settings (``assistant.sessions.carry``)."""
    with db.session() as session:
        carried = last_signed_in(session, patient_id)
        assessment_id = save_assessment_in(session, patient_id, result, zones, actor)
        session_id = create_draft_in(session, patient_id, actor, assessment_id=assessment_id)
        draft = _draft_of(_get_row(session, session_id))
        started = carry_forward(draft, carried, zones)
        if started != draft:
            save_draft_in(session, session_id, started, actor)
    return session_context(db, session_id)
