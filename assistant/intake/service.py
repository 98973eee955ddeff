"""Offering a questionnaire: one server per window (or command), links for one patient
each, and a way to wait for the answers. The window and the command line call the same
functions."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from assistant.clinic.store import get_clinic
from assistant.errors import InvalidInput, NotFound
from assistant.intake.links import Link, LinkBook, LinkState
from assistant.intake.server import IntakeServer
from assistant.intake.store import Questionnaire
from assistant.patients.store import get_patient
from assistant.storage.db import Database
from assistant.text.dates import utcnow
from assistant.text.languages import language as handout_language

ADULT_AGE = 18


@dataclass(frozen=True)
class Offer:
    """A link given out: the address to open (its fragment holds the key) and its expiry."""

    token: str
    patient_id: int
    language: str
    url: str
    expires_at: datetime  # naive UTC

    @property
    def language_name(self) -> str:
        return handout_language(self.language).native

    def to_json(self) -> dict[str, str]:
        return {"url": self.url, "expires_at": self.expires_at.isoformat(timespec="seconds") + "Z"}


def needs_guardian(born: date | None, today: date) -> bool:
    """Under 18 on ``today``: a parent or guardian answers with the patient."""
    if born is None:
        return False
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age < ADULT_AGE


class IntakeDesk:
    """The questionnaire server and its links, started on the first offer.

    ``on_received(questionnaire)`` is called from the server's thread when answers arrive
    (the window turns it into a signal)."""

    def __init__(
        self,
        db: Database,
        address: str = "127.0.0.1",
        port: int = 0,
        on_received: Callable[[Questionnaire], None] | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.book = LinkBook(clock)
        self._clock = clock
        self._arrived: dict[str, threading.Event] = {}
        self._on_received = on_received
        self.server = IntakeServer(
            db, self.book, "", address=address, port=port, on_received=self._received
        )

    @property
    def listening(self) -> bool:
        return self.server.listening

    @property
    def address(self) -> str:
        return self.server.address

    @property
    def port(self) -> int:
        return self.server.port

    def offer(
        self,
        patient_id: int,
        minutes: int,
        *,
        language: str | None = None,
        actor: int | None = None,
    ) -> Offer:
        """A new one-use link to the questionnaire for ``patient_id``, in ``language`` (the
        patient's handout language when None); starts the server if it is not running."""
        patient = get_patient(self.db, patient_id)
        if patient.erased:
            raise NotFound(f"There is no patient with id {patient_id}.")
        code = handout_language(language or patient.details.language).code
        guardian = needs_guardian(patient.details.date_of_birth, self._clock().date())
        self.server.clinic_name = get_clinic(self.db).name.strip()
        link = self.book.issue(patient_id, code, minutes, guardian=guardian, practitioner_id=actor)
        self._arrived[link.token] = threading.Event()
        self.server.start()
        return Offer(link.token, patient_id, code, self.server.url_for(link), link.expires_at)

    def state(self, offer: Offer) -> LinkState:
        return self.book.state(offer.token)

    def wait(self, offer: Offer, timeout: float) -> bool:
        """Block until the answers for ``offer`` arrive (True) or ``timeout`` seconds pass."""
        event = self._arrived.get(offer.token)
        if event is None:
            raise InvalidInput("This link was not given out here.", "link")
        return event.wait(timeout)

    def stop(self) -> None:
        self.server.stop()

    def _received(self, link: Link, questionnaire: Questionnaire) -> None:
        event = self._arrived.get(link.token)
        if event is not None:
            event.set()
        if self._on_received is not None:
            self._on_received(questionnaire)

    def open_offers(self) -> list[int]:
        """The patients whose links still wait for their answers."""
        return [link.patient_id for link in self.book.open_links()]
