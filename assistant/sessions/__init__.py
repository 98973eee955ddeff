"""The session record: what the practitioner records at the chair, and its storage rules.

A session is a ``draft`` while it is typed (saved as the practitioner types, so a closed
window or a power cut loses seconds, not the visit), then ``signed``: from then on the stored
record never changes. Corrections are amendments — who, when, which field, old and new value,
why — kept beside the original and written to the audit log. The storage layer itself refuses
changes to a signed session (a ``before_flush`` listener in ``assistant.sessions.guard``, and
database triggers added by migration), so no code path can quietly rewrite a signed record.

Warnings (a depth above the zone's usual bound, deep or repeated passes on Fitzpatrick IV–VI
skin, a session sooner than the interval after the previous one) never block; each one shown
is stored with the session. Values outside the device's limits are refused.

This module is the public face; the code lives in:

- ``assistant.sessions.record``: states, the record's dataclasses, amendments of fields;
- ``assistant.sessions.limits``: the clinical rules and validation (no database);
- ``assistant.sessions.derived``: what the zones imply (deepest depth, interval, next date),
  computed by saving and signing and shown by the form as a preview;
- ``assistant.sessions.guard``: the ``before_flush`` listener;
- ``assistant.sessions.store``: reading and writing one session;
- ``assistant.sessions.views``: timeline, unfinished drafts, the form's context, aftercare;
- ``assistant.sessions.recall``: lot recall and its CSV;
- ``assistant.sessions.assessments``: storing the accepted suitability checklist;
- ``assistant.sessions.carry``: the settings a new session takes from the last signed one.
"""

from __future__ import annotations

from assistant.sessions.amend import amend_session, discard_draft, mark_aftercare_printed
from assistant.sessions.assessments import (
    last_assessment_answers,
    save_assessment,
)
from assistant.sessions.carry import (
    CarriedSettings,
    CarriedValue,
    carry_forward,
    compare,
    last_signed_settings,
)
from assistant.sessions.derived import DerivedValues, derived_values, with_derived_values
from assistant.sessions.limits import (
    ANAESTHETIC_MINUTES_MAX,
    COURSE_MAX,
    DEFAULT_PASSES,
    INTERVAL_WEEKS_MAX,
    MAX_LOT,
    TOLERANCE_MAX,
    check_cartridge_expiry,
    check_zone,
    compute_warnings,
    default_depth,
    interval_warning,
    previous_session,
    recommended_interval_weeks,
    recommended_next_date,
    snap_zone_depth,
    validate_draft,
    validate_for_signing,
)
from assistant.sessions.recall import (
    RECALL_COLUMNS,
    RecallRow,
    export_recall_csv,
    recall,
    recall_csv,
    record_recall_export,
)
from assistant.sessions.record import (
    AMENDABLE_FIELDS,
    DISCARDED,
    DRAFT,
    SIGNED,
    AmendmentEntry,
    DeviceLimits,
    PreviousSession,
    ProductEntry,
    SessionDraft,
    SessionRecord,
    SessionWarning,
    ZoneEntry,
    apply_amendments,
    effective_value,
    field_label,
    get_field,
    parse_field_value,
    set_field,
    value_text,
)
from assistant.sessions.start import planned_zones, start_session
from assistant.sessions.store import (
    MIN_REASON_CHARS,
    create_draft,
    get_session,
    local_now,
    save_draft,
    session_warnings,
    sign_session,
)
from assistant.sessions.views import (
    CartridgeChoice,
    Choice,
    DeviceChoice,
    DraftInfo,
    PatientSummary,
    ProductChoice,
    SessionContext,
    SessionSummary,
    aftercare_sheet_for_session,
    list_sessions,
    session_context,
    unfinished_drafts,
)
from assistant.sessions.warning_words import screen_warning

__all__ = [
    "CarriedSettings",
    "CarriedValue",
    "carry_forward",
    "compare",
    "last_signed_settings",
    "AMENDABLE_FIELDS",
    "ANAESTHETIC_MINUTES_MAX",
    "COURSE_MAX",
    "DEFAULT_PASSES",
    "DISCARDED",
    "DRAFT",
    "INTERVAL_WEEKS_MAX",
    "MAX_LOT",
    "MIN_REASON_CHARS",
    "RECALL_COLUMNS",
    "SIGNED",
    "TOLERANCE_MAX",
    "AmendmentEntry",
    "CartridgeChoice",
    "Choice",
    "DeviceChoice",
    "DerivedValues",
    "DeviceLimits",
    "DraftInfo",
    "PatientSummary",
    "PreviousSession",
    "ProductChoice",
    "ProductEntry",
    "RecallRow",
    "SessionContext",
    "SessionDraft",
    "SessionRecord",
    "SessionSummary",
    "SessionWarning",
    "ZoneEntry",
    "aftercare_sheet_for_session",
    "amend_session",
    "apply_amendments",
    "check_cartridge_expiry",
    "check_zone",
    "compute_warnings",
    "create_draft",
    "default_depth",
    "derived_values",
    "export_recall_csv",
    "discard_draft",
    "effective_value",
    "field_label",
    "get_field",
    "get_session",
    "interval_warning",
    "last_assessment_answers",
    "list_sessions",
    "local_now",
    "mark_aftercare_printed",
    "parse_field_value",
    "planned_zones",
    "previous_session",
    "recall",
    "recall_csv",
    "recommended_interval_weeks",
    "recommended_next_date",
    "record_recall_export",
    "screen_warning",
    "save_assessment",
    "save_draft",
    "session_context",
    "session_warnings",
    "set_field",
    "sign_session",
    "snap_zone_depth",
    "start_session",
    "unfinished_drafts",
    "validate_draft",
    "validate_for_signing",
    "value_text",
    "with_derived_values",
]
