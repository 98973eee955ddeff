"""Pictures of the patient's questionnaire as a phone shows it (390×844), in English and
Arabic, taken in headless Chromium against the server on 127.0.0.1 only.

    python tools/intake_screenshots.py --out docs/screenshots

Needs Debian's chromium and chromium-driver, and selenium (the test extra). Builds a
throwaway clinic in a temporary folder; nothing of yours is touched.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WIDTH, HEIGHT = 390, 844
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="intake_screenshots.py")
    parser.add_argument("--out", required=True, type=Path, help="folder for the PNG files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chairside-intake-shots-") as tmp:
        _take(Path(tmp), args.out)
    return 0


def _browser(profile: Path):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={WIDTH},{HEIGHT}")
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 2, "mobile": True},
    )
    return driver


def _take(folder: Path, out: Path) -> None:
    from dataclasses import replace

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from assistant.clinic.store import get_clinic, save_clinic
    from assistant.intake.service import IntakeDesk
    from assistant.patients.store import PatientDetails, create_patient
    from assistant.storage.db import init_db

    db = init_db(f"sqlite:///{folder / 'chairside.sqlite3'}", create=True)
    desk = IntakeDesk(db, "127.0.0.1", 0)
    driver = _browser(folder / "profile")
    try:
        save_clinic(db, replace(get_clinic(db), name="Harbour Skin Clinic"), None)
        shots = (("en", "intake-phone-en.png"), ("ar", "intake-phone-ar.png"))
        for language, name in shots:
            patient = create_patient(
                db, PatientDetails("Sample", "Patient", date(1990, 1, 1), language=language), None
            )
            offer = desk.offer(patient.id, 30)
            driver.get("about:blank")
            driver.get(offer.url)
            wait = WebDriverWait(driver, 15)
            wait.until(lambda d: d.find_elements(By.ID, "next"))
            driver.find_element(By.ID, "next").click()  # past the introduction
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "fieldset"))
            # The answers a patient might have given to the first questions.
            for qid, value in (("keloid_history", "no"), ("bleeding_disorder", "not_sure")):
                driver.find_element(
                    By.XPATH, f"//fieldset[@id='q-{qid}']//input[@value='{value}']/parent::label"
                ).click()
            driver.execute_script("window.scrollTo(0, 0)")
            driver.save_screenshot(str(out / name))
            print(f"Saved {out / name}")
    finally:
        driver.quit()
        desk.stop()
        db.dispose()


if __name__ == "__main__":
    sys.exit(main())
