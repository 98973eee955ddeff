"""What the questionnaire tests share: a practitioner, a patient with personal details the
page must never show, the clinic's name, and headless Chromium driven by Selenium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assistant.access.auth import set_pin
from assistant.clinic.store import get_clinic, save_clinic, save_practitioner
from assistant.patients.store import PatientDetails, create_patient
from assistant.storage.db import Database

PIN = "4826"
CLINIC = "Harbour Skin Clinic"
FIRST, LAST = "Zoë", "Quennell-Adebayo"
BORN = date(1988, 4, 17)
PHONE = "07700 900461"
EMAIL = "zoe.qa@example.org"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Every flag keeps the browser off the network but for the server under test on 127.0.0.1.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@dataclass(frozen=True)
class Clinic:
    practitioner: int
    patient: int
    minor: int


def personal_details() -> list[str]:
    return [FIRST, LAST, BORN.isoformat(), BORN.strftime("%d/%m/%Y"), PHONE, EMAIL]


def make_clinic(db: Database) -> Clinic:
    practitioner = save_practitioner(db, "Naomi Clarke", "GMC 7012345")
    set_pin(db, practitioner.id, PIN, None)
    save_clinic(db, replace(get_clinic(db), name=CLINIC), practitioner.id)
    patient = create_patient(
        db,
        PatientDetails(FIRST, LAST, date_of_birth=BORN, phone=PHONE, email=EMAIL),
        practitioner.id,
    )
    minor = create_patient(
        db,
        PatientDetails(
            "Lior",
            "Ben-Haim",
            date_of_birth=date.today().replace(year=date.today().year - 15),
            language="ar",
        ),
        practitioner.id,
    )
    return Clinic(practitioner.id, patient.id, minor.id)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    """Headless Chromium at a phone's size (390×844), with a profile of its own."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tmp_path / "chromium-profile"
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument("--window-size=390,844")
    options.add_argument("--lang=en-GB")
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
