"""The table of questionnaires the patients answered themselves."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from assistant.storage.model_base import Base
from assistant.text.dates import utcnow


class IntakeQuestionnaire(Base):
    """One questionnaire as the patient answered it, and what the practitioner confirmed.

    ``answers`` is what the patient said (question id -> "yes", "no", "not_sure", "never",
    "YYYY-MM" or a choice id), never changed after it arrives; ``confirmed`` is what the
    practitioner confirmed at the chair (question id -> {"answer", "changed", "by", "at"}),
    so a changed answer keeps both. Erased with the patient's personal details."""

    __tablename__ = "intake_questionnaire"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    language: Mapped[str] = mapped_column(String(8))
    wording_version: Mapped[str] = mapped_column(String(40))
    device: Mapped[str] = mapped_column(String(20))  # phone, tablet, computer, this_computer
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    guardian: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    confirmed: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
