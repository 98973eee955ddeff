"""The patient's questionnaire filled in a real browser: headless Chromium (Debian's, driven
by Selenium) against the server bound to 127.0.0.1 only. The answers land for the right
patient, cross the connection only as ciphertext, and a used, expired or altered link is
refused; the page shows nothing personal."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from assistant.intake import crypto
from assistant.intake.service import IntakeDesk, Offer
from assistant.intake.store import list_questionnaires
from assistant.storage.db import Database
from assistant.text.dates import utcnow
from tests.intake_support import CLINIC, Clinic, browser, make_clinic, personal_details

__all__ = ["browser"]  # the fixture, used by name

LOOPBACK = "127.0.0.1"


class Clock:
    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clinic(db: Database) -> Clinic:
    return make_clinic(db)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def desk(db: Database, clock: Clock) -> Iterator[IntakeDesk]:
    desk = IntakeDesk(db, LOOPBACK, 0, clock=clock)
    yield desk
    desk.stop()


@pytest.fixture
def bodies(desk: IntakeDesk, monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every request body the server received, as it crossed the connection."""
    seen: list[bytes] = []
    receive = desk.server.receive

    def recording(token: str, body: bytes, client: str) -> Any:
        seen.append(body)
        return receive(token, body, client)

    monkeypatch.setattr(desk.server, "receive", recording)
    return seen


def _choose(driver: Any, question: str, value: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(
        By.XPATH, f"//fieldset[@id='q-{question}']//input[@value='{value}']/parent::label"
    ).click()


def _month(driver: Any, question: str, year: str, month: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base = f"#q-{question} select[data-part="
    Select(driver.find_element(By.CSS_SELECTOR, base + "'year']")).select_by_value(year)
    Select(driver.find_element(By.CSS_SELECTOR, base + "'month']")).select_by_value(month)


def _click(driver: Any, element_id: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.ID, element_id).click()


def _wait_text(driver: Any, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 15).until(lambda d: text in d.find_element(By.TAG_NAME, "body").text)


def _fill(driver: Any, offer: Offer) -> None:
    driver.get("about:blank")  # a link differing only after "#" would not load the page again
    driver.get(offer.url)
    _wait_text(driver, CLINIC)
    _click(driver, "next")  # Start
    _choose(driver, "keloid_history", "no")
    _choose(driver, "bleeding_disorder", "no")
    _choose(driver, "autoimmune_disease", "not_sure")
    _choose(driver, "diabetes", "controlled")
    _choose(driver, "smoker", "yes")
    _click(driver, "next")
    _choose(driver, "pregnant_or_breastfeeding", "no")
    _click(driver, "next")
    _choose(driver, "tattoo_or_pmu_in_area", "yes")
    _click(driver, "next")
    _month(driver, "isotretinoin_last_dose", "2025", "03")
    _choose(driver, "chemotherapy_last", "never")
    _click(driver, "next")
    _choose(driver, "topical_retinoid_last", "not_sure")
    _click(driver, "next")  # to the review
    _wait_text(driver, "Check your answers")


def test_a_questionnaire_filled_in_chromium_arrives_encrypted_for_the_right_patient(
    browser: Any, db: Database, clinic: Clinic, desk: IntakeDesk, bodies: list[bytes]
) -> None:
    from selenium.webdriver.common.by import By

    other = desk.offer(clinic.minor, 30)  # another patient's link, open at the same time
    offer = desk.offer(clinic.patient, 30, actor=clinic.practitioner)
    assert offer.url.startswith(f"http://{LOOPBACK}:{desk.port}/q/")
    _fill(browser, offer)
    review = browser.find_element(By.TAG_NAME, "main").text
    assert "March 2025" in review and "Yes, and it is well controlled" in review
    _click(browser, "next")  # Send my answers
    _wait_text(browser, "Thank you")
    assert desk.wait(offer, 5)
    # The page forgot: the link and its key are gone from the address bar.
    assert browser.current_url == f"http://{LOOPBACK}:{desk.port}/"

    (received,) = list_questionnaires(db, clinic.patient)
    assert list_questionnaires(db, clinic.minor) == []
    assert not desk.wait(other, 0)
    assert dict(received.answers) == {
        "keloid_history": "no",
        "bleeding_disorder": "no",
        "autoimmune_disease": "not_sure",
        "diabetes": "controlled",
        "smoker": "yes",
        "pregnant_or_breastfeeding": "no",
        "tattoo_or_pmu_in_area": "yes",
        "isotretinoin_last_dose": "2025-03",
        "chemotherapy_last": "never",
        "topical_retinoid_last": "not_sure",
    }
    assert (received.language, received.state, received.answered) == ("en", "to_confirm", 8)
    assert received.device == "computer" and received.guardian is None

    # On the wire: one body, ciphertext only; with the link's key it is the answers.
    (body,) = bodies
    for clear in (b"keloid_history", b"controlled", b"2025-03", b"not_sure", b"answers"):
        assert clear not in body
    key = crypto.key_from_text(offer.url.split("#", 1)[1])
    sent = json.loads(crypto.decrypt(key, offer.token, body))
    assert sent["answers"]["isotretinoin_last_dose"] == "2025-03"


def test_the_page_and_its_words_carry_nothing_personal(
    browser: Any, clinic: Clinic, desk: IntakeDesk
) -> None:
    offer = desk.offer(clinic.patient, 30)
    with urllib.request.urlopen(offer.url.replace("#", "/form#")) as reply:
        form = reply.read().decode("utf-8")
    assert CLINIC in form
    _fill(browser, offer)
    shown = browser.page_source
    for detail in personal_details():
        assert detail not in form and detail not in shown


def test_a_used_link_is_refused(browser: Any, clinic: Clinic, desk: IntakeDesk,
                                bodies: list[bytes]) -> None:  # fmt: skip
    offer = desk.offer(clinic.patient, 30)
    _fill(browser, offer)
    _click(browser, "next")
    _wait_text(browser, "Thank you")
    browser.get(offer.url)
    _wait_text(browser, "already been used")
    request = urllib.request.Request(offer.url.split("#")[0], data=bodies[0], method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 410


def test_an_expired_link_is_refused(
    browser: Any, db: Database, clinic: Clinic, desk: IntakeDesk, clock: Clock
) -> None:
    offer = desk.offer(clinic.patient, 30)
    _fill(browser, offer)
    clock.now += timedelta(minutes=31)
    _click(browser, "next")  # sending after the link expired
    _wait_text(browser, "This link has expired")
    browser.get(offer.url)
    _wait_text(browser, "This link has expired")
    assert list_questionnaires(db, clinic.patient) == []


def test_an_altered_link_is_refused(
    browser: Any, db: Database, clinic: Clinic, desk: IntakeDesk
) -> None:
    offer = desk.offer(clinic.patient, 30)
    base, key = offer.url.split("#")
    # Another token: the server does not know it.
    browser.get(base[:-4] + ("AAAA" if not base.endswith("AAAA") else "BBBB") + "#" + key)
    _wait_text(browser, "This link does not work")
    # The right token with another key: the answers cannot be read, and nothing is stored.
    other_key = crypto.key_text(crypto.new_key())
    _fill(browser, Offer(offer.token, offer.patient_id, "en", f"{base}#{other_key}",
                         offer.expires_at))  # fmt: skip
    _click(browser, "next")
    _wait_text(browser, "could not be sent")
    assert list_questionnaires(db, clinic.patient) == []
    # The right link still works afterwards.
    _fill(browser, offer)
    _click(browser, "next")
    _wait_text(browser, "Thank you")
    assert len(list_questionnaires(db, clinic.patient)) == 1


def test_arabic_runs_right_to_left_and_a_minor_is_asked_for_a_guardian(
    browser: Any, db: Database, clinic: Clinic, desk: IntakeDesk
) -> None:
    from selenium.webdriver.common.by import By

    offer = desk.offer(clinic.minor, 30)  # the patient's language: Arabic
    browser.get(offer.url)
    _wait_text(browser, "أسئلة صحية")
    html = browser.find_element(By.TAG_NAME, "html")
    assert (html.get_attribute("dir"), html.get_attribute("lang")) == ("rtl", "ar")
    _click(browser, "next")
    browser.find_element(By.ID, "guardian-name").send_keys("Miriam Ben-Haim")
    browser.find_element(By.ID, "guardian-relation").send_keys("الأم")
    for _ in range(6):
        _click(browser, "next")
    _click(browser, "next")  # send, from the review
    _wait_text(browser, "شكرًا لك")
    (received,) = list_questionnaires(db, clinic.minor)
    assert received.language == "ar" and received.answers == {}
    assert received.guardian == {"name": "Miriam Ben-Haim", "relation": "الأم"}
