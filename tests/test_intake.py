"""The patient's questionnaire without a browser: its wording, links and tokens, the
encryption, what an answer means for the checklist, storage (confirming at the chair,
export, erasure, audit), the server's refusals and the command line's contract."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from assistant.audit.trail import query_events
from assistant.checklist.loading import default_checklist
from assistant.checklist.model import QuestionKind
from assistant.errors import InvalidInput
from assistant.intake import crypto
from assistant.intake.answers import Received, checklist_answer, parse_received
from assistant.intake.links import WRONG_TRIES, LinkBook, LinkState
from assistant.intake.server import MAX_BODY
from assistant.intake.service import IntakeDesk
from assistant.intake.store import confirm_answers, list_questionnaires, save_received
from assistant.intake.wording import build_wording, wording
from assistant.patients.erasure import erase_patient, erasure_confirmation
from assistant.patients.export import export_patient_json
from assistant.resources import load_toml_file, resource_path
from assistant.storage.db import Database
from assistant.text.languages import LANGUAGES
from tests.cli_support import ROOT, cli_main, run_in_process, with_key
from tests.intake_support import PIN, Clinic, make_clinic, personal_details

NOW = datetime(2026, 12, 7, 15, 0)


@pytest.fixture
def clinic(db: Database) -> Clinic:
    return make_clinic(db)


def _received(answers: dict[str, str], guardian: dict[str, str] | None = None) -> Received:
    return Received("en", wording("en").version, "phone", answers, guardian)


# -- wording -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_every_language_asks_every_checklist_question_once(code: str) -> None:
    words = wording(code)
    asked = [q.id for g in words.groups for q in g.questions]
    assert sorted(asked) == sorted(default_checklist().questions)
    assert len(asked) == len(set(asked))
    assert words.rtl == (code == "ar") and words.reviewed == (code == "en")
    sensitive = ("pregnant_or_breastfeeding", "bloodborne_infection", "anticoagulant_prescribed")
    assert all(words.question(q).why for q in sensitive)  # type: ignore[union-attr]


def test_a_translation_missing_a_text_is_refused() -> None:
    english = load_toml_file(resource_path("intake.toml"))
    spanish = load_toml_file(resource_path("intake-es.toml"))
    del spanish["questions"]["pregnant_or_breastfeeding"]["why"]
    with pytest.raises(InvalidInput, match="pregnant_or_breastfeeding.*why"):
        build_wording(english, spanish, default_checklist())


def test_the_page_words_carry_only_the_clinic_and_the_questions() -> None:
    form = wording("es").to_json("Clínica Puerto", guardian=False)
    assert set(form) == {"language", "version", "dir", "clinic", "guardian", "page", "groups"}
    assert form["clinic"] == "Clínica Puerto" and form["dir"] == "ltr"


# -- links and tokens --------------------------------------------------------------------


def test_tokens_are_long_random_and_a_link_works_once_until_it_expires() -> None:
    now = [NOW]
    book = LinkBook(lambda: now[0])
    link = book.issue(7, "en", 30)
    raw = base64.urlsafe_b64decode(link.token + "=" * (-len(link.token) % 4))
    assert len(raw) * 8 >= 128 and len(link.key) * 8 == 256
    assert book.issue(7, "en", 30).token != link.token
    assert book.look_up(link.token, "10.0.0.5") == (LinkState.OPEN, link)
    assert book.claim(link.token) == link
    assert book.claim(link.token) is None
    assert book.look_up(link.token, "10.0.0.5")[0] is LinkState.USED
    later = book.issue(7, "en", 30)
    now[0] += timedelta(minutes=30)
    assert book.look_up(later.token, "10.0.0.5")[0] is LinkState.EXPIRED
    assert book.claim(later.token) is None
    with pytest.raises(InvalidInput, match="minutes"):
        book.issue(7, "en", 0)


def test_repeated_wrong_tokens_slow_down_that_address_only() -> None:
    now = [NOW]
    book = LinkBook(lambda: now[0])
    link = book.issue(7, "en", 60)
    for _ in range(WRONG_TRIES):
        assert book.look_up(crypto.new_token(), "10.0.0.9")[0] is LinkState.UNKNOWN
    assert book.look_up(link.token, "10.0.0.9")[0] is LinkState.SLOWED
    assert book.look_up(link.token, "10.0.0.5")[0] is LinkState.OPEN
    now[0] += timedelta(minutes=11)
    assert book.look_up(link.token, "10.0.0.9")[0] is LinkState.OPEN


# -- encryption --------------------------------------------------------------------------


def test_only_the_right_key_and_link_open_a_message() -> None:
    key, token = crypto.new_key(), crypto.new_token()
    message = crypto.encrypt(key, token, b'{"answers": {}}')
    assert crypto.decrypt(key, token, message) == b'{"answers": {}}'
    assert crypto.key_from_text(crypto.key_text(key)) == key
    altered = bytearray(message)
    altered[-1] ^= 1
    for bad_key, bad_token, bad_message in (
        (crypto.new_key(), token, message),
        (key, crypto.new_token(), message),
        (key, token, bytes(altered)),
        (key, token, message[:20]),
    ):
        with pytest.raises(InvalidInput):
            crypto.decrypt(bad_key, bad_token, bad_message)


def test_the_page_and_python_agree_on_chacha20_poly1305() -> None:
    """RFC 8439 §2.8.2's test vector, as the vendored @noble/ciphers is tested against."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    key = bytes(range(0x80, 0xA0))
    nonce = bytes.fromhex("070000004041424344454647")
    aad = bytes.fromhex("50515253c0c1c2c3c4c5c6c7")
    text = b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for "
    text += b"the future, sunscreen would be it."
    sealed = ChaCha20Poly1305(key).encrypt(nonce, text, aad)
    assert sealed[-16:].hex() == "1ae10b594f09e26a7e902ecbd0600691"


# -- what an answer means ----------------------------------------------------------------


def test_not_sure_leaves_a_question_unanswered_and_a_month_counts_from_its_end() -> None:
    received_on = date(2026, 12, 7)
    assert checklist_answer(QuestionKind.BOOL, "not_sure", received_on) == (False, None)
    assert checklist_answer(QuestionKind.BOOL, "no", received_on) == (True, False)
    assert checklist_answer(QuestionKind.BOOL, "yes", received_on) == (True, True)
    assert checklist_answer(QuestionKind.DATE, "never", received_on) == (True, None)
    assert checklist_answer(QuestionKind.DATE, "2026-02", received_on) == (True, date(2026, 2, 28))
    assert checklist_answer(QuestionKind.DATE, "2024-02", received_on) == (True, date(2024, 2, 29))
    # This month: no later than the day the answers arrived.
    assert checklist_answer(QuestionKind.DATE, "2026-12", received_on) == (True, received_on)
    assert checklist_answer(QuestionKind.CHOICE, "uncontrolled", received_on) == (
        True,
        "uncontrolled",
    )


def _message(answers: dict[str, Any], **extra: Any) -> bytes:
    words = wording("en")
    return json.dumps(
        {"language": "en", "version": words.version, "answers": answers, **extra}
    ).encode()


def test_answers_that_are_not_answers_are_refused() -> None:
    words, today = wording("en"), date(2026, 12, 7)
    good = parse_received(_message({"smoker": "yes"}, device="tablet"), words, today, "")
    assert good.answers == {"smoker": "yes"} and good.device == "tablet"
    for answers in (
        {"smoker": "2026-01"},
        {"smoker": True},
        {"isotretinoin_last_dose": "2027-01"},
        {"isotretinoin_last_dose": "yes"},
        {"diabetes": "sometimes"},
        {"favourite_colour": "no"},
    ):
        with pytest.raises(InvalidInput):
            parse_received(_message(answers), words, today, "")
    with pytest.raises(InvalidInput, match="guardian"):
        parse_received(
            _message({}, guardian={"name": "Ann\u202eX", "relation": "mother"}), words, today, ""
        )
    with pytest.raises(InvalidInput):
        parse_received(b"\xff not json", words, today, "")


# -- storage at the chair ----------------------------------------------------------------


def test_confirming_keeps_both_answers_when_changed_and_audits_who(
    db: Database, clinic: Clinic
) -> None:
    stored = save_received(
        db,
        clinic.patient,
        _received({"smoker": "yes", "keloid_history": "no", "autoimmune_disease": "not_sure"}),
        clinic.practitioner,
    )
    assert stored.state == "to_confirm" and stored.answered == 2
    assert stored.proposed() == {"smoker": True, "keloid_history": False}
    at = stored.received_at + timedelta(hours=1)
    after = confirm_answers(db, stored.id, {"smoker": True}, clinic.practitioner, now=at)
    assert after.state == "to_confirm" and after.confirmed["smoker"]["changed"] is False
    after = confirm_answers(db, stored.id, {"keloid_history": True}, clinic.practitioner, now=at)
    assert after.state == "confirmed"
    assert after.answers["keloid_history"] == "no"  # the patient's answer stays
    assert after.confirmed["keloid_history"] == {
        "answer": True,
        "changed": True,
        "by": clinic.practitioner,
        "at": at.isoformat(timespec="seconds"),
    }
    with db.session() as session:
        (entry,) = query_events(session, action="change", entity="intake_questionnaire", limit=5)[
            :1
        ]
    assert entry.practitioner_id == clinic.practitioner
    assert entry.changes["changed"] == {"keloid_history": ["no", True]}
    with pytest.raises(InvalidInput, match="did not answer"):
        confirm_answers(db, stored.id, {"pacemaker_or_heart_condition": False}, None, now=at)


def test_answers_older_than_a_week_are_for_review_only(db: Database, clinic: Clinic) -> None:
    stored = save_received(db, clinic.patient, _received({"smoker": "no"}), None)
    later = stored.received_at + timedelta(days=8)
    assert stored.review_only(later) and not stored.review_only(later, review_days=10)
    with pytest.raises(InvalidInput, match="more than 7 days old"):
        confirm_answers(db, stored.id, {"smoker": False}, None, now=later)


def test_questionnaires_are_exported_and_erased_with_the_patient(
    db: Database, clinic: Clinic
) -> None:
    save_received(
        db,
        clinic.patient,
        _received({"smoker": "no"}, {"name": "Ann Adams", "relation": "mother"}),
        clinic.practitioner,
    )
    data = export_patient_json(db, clinic.patient)
    (exported,) = data["questionnaires"]
    assert exported["answers"] == {"smoker": "no"}
    from io import BytesIO

    from pypdf import PdfReader

    from assistant.patients.export_pdf import render_patient_pdf

    printed = " ".join(
        page.extract_text() for page in PdfReader(BytesIO(render_patient_pdf(data))).pages
    )
    assert "Questionnaires the patient answered (1)" in printed and "Ann Adams" in printed
    assert exported["guardian"] == {"name": "Ann Adams", "relation": "mother"}
    assert exported["language"] == "en" and exported["device"] == "phone"
    confirmation = erasure_confirmation(db, clinic.patient)
    erase_patient(db, clinic.patient, clinic.practitioner, confirmation)
    assert list_questionnaires(db, clinic.patient) == []
    with db.session() as session:
        (erased,) = query_events(session, action="erase", limit=1)
    assert erased.changes["questionnaires_removed"] == 1


# -- the server, without a browser -------------------------------------------------------


def _status(url: str, body: bytes | None = None) -> int:
    request = urllib.request.Request(url, data=body, method="POST" if body else "GET")
    try:
        with urllib.request.urlopen(request) as reply:
            return int(reply.status)
    except urllib.error.HTTPError as refused:
        return refused.code


def test_the_server_refuses_what_it_should(db: Database, clinic: Clinic) -> None:
    desk = IntakeDesk(db, "127.0.0.1", 0)
    try:
        offer = desk.offer(clinic.patient, 30)
        base = f"http://127.0.0.1:{desk.port}"
        page = offer.url.split("#")[0]
        with urllib.request.urlopen(page + "/form") as reply:
            form = reply.read().decode("utf-8")
        assert all(detail not in form for detail in personal_details())
        assert _status(base + "/static/../../assistant/db.py") == 404
        assert _status(base + "/static/intake.js") == 200
        assert _status(page, b"x" * (MAX_BODY + 1)) == 400  # far too long for answers
        assert _status(page, b"\x01" + b"0" * 40) == 400  # not encrypted with the link's key
        assert list_questionnaires(db, clinic.patient) == []
        for _ in range(WRONG_TRIES - 1):  # the altered message counted as one wrong try
            assert _status(f"{base}/q/{crypto.new_token()}") == 404
        assert _status(page) == 429  # this address is slowed down, even with a good link
    finally:
        desk.stop()
    assert not desk.listening


def test_an_address_of_every_interface_is_refused(db: Database) -> None:
    with pytest.raises(InvalidInput, match="not every interface"):
        IntakeDesk(db, "0.0.0.0", 0)


# -- the command line --------------------------------------------------------------------


def test_intake_start_exits_3_when_the_link_expires(
    db: Database, clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.text.dates

    real = assistant.text.dates.utcnow
    monkeypatch.setattr(assistant.text.dates, "utcnow", lambda: real() + timedelta(minutes=2))
    result = run_in_process(
        [
            "intake",
            "start",
            "--patient",
            str(clinic.patient),
            "--minutes",
            "1",
            "--as",
            "Naomi Clarke",
        ],  # fmt: skip
        env={"CHAIRSIDE_PIN": PIN},
    )
    assert result.returncode == 3, result.stderr
    (line,) = result.stdout.splitlines()
    data = json.loads(line)
    assert set(data) == {"url", "expires_at"}
    assert data["url"].startswith("http://127.0.0.1:") and "#" in data["url"]
    assert data["expires_at"].endswith("Z")


def test_intake_start_refuses_another_address_while_turned_off(clinic: Clinic) -> None:
    result = run_in_process(
        [
            "intake",
            "start",
            "--patient",
            str(clinic.patient),
            "--bind",
            "192.0.2.10",
            "--as",
            "Naomi Clarke",
        ],  # fmt: skip
        env={"CHAIRSIDE_PIN": PIN},
    )
    assert result.returncode == 2 and "turned off" in result.stderr


def test_intake_start_serves_until_the_answers_arrive_then_lists_them(
    db: Database, clinic: Clinic
) -> None:
    """A real process, as a practitioner runs it: exit 0 once the answers have arrived."""
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            *with_key(
                [
                    "intake",
                    "start",
                    "--patient",
                    str(clinic.patient),
                    "--language",
                    "es",
                    "--as",
                    "Naomi Clarke",
                ]
            ),
        ],  # fmt: skip
        cwd=ROOT,
        env={**os.environ, "CHAIRSIDE_PIN": PIN},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        offer = json.loads(process.stdout.readline())
        page, fragment = offer["url"].split("#")
        token = page.rsplit("/", 1)[1]
        words = wording("es")
        plain = json.dumps(
            {
                "language": "es",
                "version": words.version,
                "device": "phone",
                "answers": {"smoker": "no", "pregnant_or_breastfeeding": "not_sure"},
            }  # fmt: skip
        ).encode()
        body = crypto.encrypt(crypto.key_from_text(fragment), token, plain)
        assert _status(page, body) == 200
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    listing = run_in_process(["intake", "list", "--patient", str(clinic.patient), "--json"])
    assert listing.returncode == 0, listing.stderr
    (row,) = json.loads(listing.stdout)
    assert set(row) == {"id", "received_at", "language", "answered", "state"}
    assert (row["language"], row["answered"], row["state"]) == ("es", 1, "to_confirm")
    assert cli_main(["intake", "list", "--patient", "999"]) == 2
