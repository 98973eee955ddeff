"""The suitability checklist screen, driven as a practitioner would."""

from __future__ import annotations

import pathlib
from collections.abc import Mapping
from datetime import date

import pytest
from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QStyle, QWidget
from pytestqt.qtbot import QtBot

from assistant.checklist import (
    AssessmentResult,
    Outcome,
    PatientFacts,
    QuestionKind,
    Verdict,
    default_checklist,
)
from ui.checklist_page import ChecklistPage

ASSESSED = date(2026, 11, 24)
FACTS = PatientFacts(date_of_birth=date(1990, 5, 1), fitzpatrick=2)
CHECKLIST = default_checklist()


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    # pytest-qt's ``qapp`` is session-scoped, so the application class must be too.
    from ui.app import ChairsideApplication

    return ChairsideApplication


def make_page(
    qtbot: QtBot,
    previous: Mapping[str, object] | None = None,
    facts: PatientFacts = FACTS,
    zones: tuple[str, ...] = ("cheeks",),
) -> ChecklistPage:
    page = ChecklistPage(CHECKLIST, facts, zones, ASSESSED, previous_answers=previous)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def icon_image(page: ChecklistPage, pixmap: QStyle.StandardPixmap) -> object:
    return page.style().standardIcon(pixmap).pixmap(32, 32).toImage()


def test_starts_suitable_with_nothing_answered(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    assert page.verdict_label.text().startswith("Suitable")
    assert page.verdict_icon.pixmap().toImage() == icon_image(
        page, QStyle.StandardPixmap.SP_DialogApplyButton
    )
    assert page.continue_button.isEnabled()
    assert page.override_box.isHidden()
    assert page.previous_banner.isHidden()


def test_toggling_a_bool_updates_the_verdict(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    smoker = page.bool_box("smoker")
    with qtbot.waitSignal(page.verdictChanged) as signal:
        qtbot.mouseClick(smoker, Qt.MouseButton.LeftButton)
    assert smoker.isChecked()
    assert isinstance(signal.args[0], Verdict)
    assert signal.args[0].outcome is Outcome.CAUTION
    assert page.verdict_label.text().startswith("Caution")
    assert "Smoker: slower healing." in page.reasons_label.text()
    assert "Set expectations." in page.reasons_label.text()
    assert page.verdict_icon.pixmap().toImage() == icon_image(
        page, QStyle.StandardPixmap.SP_MessageBoxInformation
    )

    smoker.setFocus()
    qtbot.keyClick(smoker, Qt.Key.Key_Space)  # space toggles back
    assert not smoker.isChecked()
    assert page.verdict_label.text().startswith("Suitable")
    assert "Smoker" not in page.reasons_label.text()


def test_date_inside_the_window_defers_with_the_date_in_words(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    never = page.never_box("isotretinoin_last_dose")
    edit = page.date_edit("isotretinoin_last_dose")
    assert never.isChecked() and not edit.isEnabled()
    assert edit.text() == "—"  # no date shown while the answer is "never"
    assert edit.calendarPopup()
    assert edit.maximumDate() == QDate(2026, 11, 24)

    qtbot.mouseClick(never, Qt.MouseButton.LeftButton)
    assert edit.isEnabled()
    assert edit.date() == QDate(2026, 11, 24)  # starts on the assessment date
    with qtbot.waitSignal(page.verdictChanged) as signal:
        edit.setDate(QDate(2026, 8, 23))
    assert signal.args[0].defer_until == date(2027, 2, 23)
    assert page.verdict_label.text() == "Defer: not before Tuesday 23 February 2027"
    assert "Not before Tuesday 23 February 2027." in page.reasons_label.text()
    assert page.verdict_icon.pixmap().toImage() == icon_image(
        page, QStyle.StandardPixmap.SP_MessageBoxWarning
    )
    assert page.answers()["isotretinoin_last_dose"] == date(2026, 8, 23)

    edit.setDate(QDate(2026, 5, 24))  # the window ended on 24 November: treatment may go ahead
    assert page.verdict_label.text().startswith("Suitable")
    qtbot.mouseClick(never, Qt.MouseButton.LeftButton)
    assert not edit.isEnabled()
    assert edit.text() == "—"
    assert page.answers()["isotretinoin_last_dose"] is None


def test_the_date_cannot_be_after_the_assessment_date(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    page.never_box("filler_in_area_last").setChecked(False)
    edit = page.date_edit("filler_in_area_last")
    edit.setDate(QDate(2027, 1, 1))
    assert edit.date() == QDate(2026, 11, 24)
    assert page.verdict_label.text() == "Defer: not before Tuesday 8 December 2026"


def test_undated_and_dated_defer_together(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    page.bool_box("pregnant_or_breastfeeding").setChecked(True)
    assert page.verdict_label.text() == "Defer: not today, not until resolved"
    assert "Until resolved." in page.reasons_label.text()
    page.never_box("toxin_in_area_last").setChecked(False)
    page.date_edit("toxin_in_area_last").setDate(QDate(2026, 11, 20))
    assert page.verdict_label.text() == (
        "Defer: not before Friday 4 December 2026, and not until resolved"
    )


def test_continue_needs_an_override_with_a_reason_on_not_suitable(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    qtbot.mouseClick(page.bool_box("keloid_history"), Qt.MouseButton.LeftButton)
    assert page.verdict_label.text().startswith("Not suitable")
    assert page.verdict_icon.pixmap().toImage() == icon_image(
        page, QStyle.StandardPixmap.SP_MessageBoxCritical
    )
    assert "needling can trigger new scars" in page.reasons_label.text()
    assert page.override_box.isVisible()
    assert not page.continue_button.isEnabled()
    assert not page.override_reason_edit.isEnabled()

    # A reason alone is not an override; the box alone is not a reason.
    qtbot.mouseClick(page.override_check, Qt.MouseButton.LeftButton)
    assert page.override_reason_edit.isEnabled()
    assert not page.continue_button.isEnabled()
    qtbot.keyClicks(page.override_reason_edit, "ok")
    assert not page.continue_button.isEnabled()
    qtbot.keyClicks(page.override_reason_edit, " dermatologist letter on file")
    assert page.continue_button.isEnabled()

    qtbot.mouseClick(page.override_check, Qt.MouseButton.LeftButton)
    assert not page.continue_button.isEnabled()
    qtbot.mouseClick(page.override_check, Qt.MouseButton.LeftButton)
    assert page.continue_button.isEnabled()

    with qtbot.waitSignal(page.accepted) as signal:
        qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
    result = signal.args[0]
    assert isinstance(result, AssessmentResult)
    assert result.override_reason == "ok dermatologist letter on file"
    assert result.verdict.outcome is Outcome.NOT_SUITABLE  # the override changes no rule result
    assert [r.id for r in result.verdict.reasons] == ["keloid_history"]
    assert result.assessed_on == ASSESSED


def test_continue_needs_an_override_on_defer(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    page.bool_box("active_herpes_outbreak").setChecked(True)
    assert not page.continue_button.isEnabled()
    page.override_check.setChecked(True)
    page.override_reason_edit.setPlainText("   \n  ")
    assert not page.continue_button.isEnabled()
    page.override_reason_edit.setPlainText("Healed, crusted lesion only")
    assert page.continue_button.isEnabled()
    page.bool_box("active_herpes_outbreak").setChecked(False)  # no longer needed
    assert page.override_box.isHidden()
    with qtbot.waitSignal(page.accepted) as signal:
        page.continue_button.click()
    assert signal.args[0].override_reason is None


def test_no_accepted_signal_while_continue_is_disabled(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    page.bool_box("bleeding_disorder").setChecked(True)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    with qtbot.assertNotEmitted(page.accepted, wait=500):
        qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
        qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_accepted_carries_the_answers(qtbot: QtBot) -> None:
    page = make_page(qtbot, zones=("cheeks", "upper_lip"))
    page.bool_box("cold_sore_history").setChecked(True)
    page.bool_box("smoker").setChecked(True)
    page.never_box("blood_thinning_otc_last").setChecked(False)
    page.date_edit("blood_thinning_otc_last").setDate(QDate(2026, 11, 20))
    assert page.verdict_label.text().startswith("Caution")
    assert page.continue_button.isEnabled()

    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    with qtbot.waitSignal(page.accepted) as signal:
        qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    result: AssessmentResult = signal.args[0]
    assert set(result.answers) == set(CHECKLIST.questions)
    expected_yes = {"cold_sore_history", "smoker"}
    for qid, question in CHECKLIST.questions.items():
        if question.kind is QuestionKind.BOOL:
            assert result.answers[qid] is (qid in expected_yes), qid
        elif qid != "blood_thinning_otc_last":
            assert result.answers[qid] is None, qid
    assert result.answers["blood_thinning_otc_last"] == date(2026, 11, 20)
    assert result.answers_to_json()["blood_thinning_otc_last"] == "2026-11-20"
    assert result.override_reason is None
    assert {r.id for r in result.verdict.reasons} == {
        "cold_sore_history",
        "smoker",
        "blood_thinning_otc_last",
    }
    assert result.verdict.checklist_version == CHECKLIST.version


def test_previous_answers_are_offered_not_applied(qtbot: QtBot) -> None:
    previous = {
        "smoker": True,
        "filler_in_area_last": "2026-11-20",
        "question_from_an_older_checklist": True,
        "keloid_history": "not a yes or no",
    }
    page = make_page(qtbot, previous=previous)
    assert page.previous_banner.isVisible()
    assert page.use_previous_button.isEnabled()
    assert not page.bool_box("smoker").isChecked()
    assert page.never_box("filler_in_area_last").isChecked()
    assert page.verdict_label.text().startswith("Suitable")

    with qtbot.waitSignal(page.verdictChanged):
        qtbot.mouseClick(page.use_previous_button, Qt.MouseButton.LeftButton)
    assert page.bool_box("smoker").isChecked()
    assert not page.bool_box("keloid_history").isChecked()
    assert not page.never_box("filler_in_area_last").isChecked()
    assert page.date_edit("filler_in_area_last").date() == QDate(2026, 11, 20)
    assert page.verdict_label.text() == "Defer: not before Friday 4 December 2026"
    assert not page.use_previous_button.isEnabled()
    assert "Review each answer" in page.previous_label.text()


def test_invalid_patient_facts_are_shown_and_block_continue(qtbot: QtBot) -> None:
    page = make_page(qtbot, facts=PatientFacts(date(1990, 5, 1), 9))
    assert page.verdict() is None
    assert page.verdict_label.text() == "Cannot evaluate the checklist"
    assert "fitzpatrick" in page.reasons_label.text()
    assert not page.continue_button.isEnabled()


def test_patient_facts_rules_show_on_screen(qtbot: QtBot) -> None:
    page = make_page(qtbot, facts=PatientFacts(date(2009, 11, 24), 5))
    text = page.reasons_label.text()
    assert page.verdict_label.text().startswith("Caution")
    assert "post-inflammatory hyperpigmentation" in text
    assert "Parent or guardian consent on file." in text


def test_every_control_is_named_and_grouped(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    for qid, question in CHECKLIST.questions.items():
        if question.kind is QuestionKind.BOOL:
            assert page.bool_box(qid).accessibleName() == question.text
            # The question is shown in a wrapping label that names the box as its buddy.
            shown = [w for w in page.findChildren(QLabel) if w.buddy() is page.bool_box(qid)]
            assert [w.text() for w in shown] == [question.text]
        elif question.kind is QuestionKind.CHOICE:
            assert page.choice_box(qid).accessibleName() == question.text
        else:
            assert question.text in page.never_box(qid).accessibleName()
            assert question.text in page.date_edit(qid).accessibleName()
    assert page.override_check.accessibleName()
    assert page.override_reason_edit.accessibleName()
    assert page.continue_button.accessibleName() == "Continue"
    titles = [box.title() for box in page.findChildren(type(page.override_box))]
    for group in CHECKLIST.groups:
        assert group.title in titles


def test_tab_order_follows_the_form(qtbot: QtBot) -> None:
    page = make_page(qtbot, previous={"smoker": True})
    expected: list[QWidget] = [page.use_previous_button]
    for group in CHECKLIST.groups:
        for question in group.questions:
            if question.kind is QuestionKind.BOOL:
                expected.append(page.bool_box(question.id))
            elif question.kind is QuestionKind.CHOICE:
                expected.append(page.choice_box(question.id))
            else:
                expected += [page.never_box(question.id), page.date_edit(question.id)]
    expected += [page.override_check, page.override_reason_edit, page.continue_button]

    chain: list[QWidget] = []
    widget = expected[0]
    for _ in range(10_000):
        if widget in expected and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is expected[0]:
            break
    assert chain == expected


def test_fits_a_1280_by_800_screen_by_scrolling(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    assert page.findChildren(QScrollArea)
    hint = page.minimumSizeHint()
    assert hint.boundedTo(QSize(1280, 800)) == hint


@pytest.mark.parametrize("outcome", list(Outcome))
def test_every_outcome_has_words_and_an_icon(qtbot: QtBot, outcome: Outcome) -> None:
    answers = {
        Outcome.SUITABLE: None,
        Outcome.CAUTION: "smoker",
        Outcome.DEFER: "pregnant_or_breastfeeding",
        Outcome.NOT_SUITABLE: "needle_metal_allergy",
    }
    page = make_page(qtbot)
    if answers[outcome]:
        page.bool_box(str(answers[outcome])).setChecked(True)
    verdict = page.verdict()
    assert verdict is not None and verdict.outcome is outcome
    assert page.verdict_label.text()
    assert not page.verdict_icon.pixmap().isNull()


def test_why_this_rule_shows_the_rules_sources(qtbot: QtBot, tmp_path: pathlib.Path) -> None:
    page = make_page(qtbot)
    page.set_answers({"isotretinoin_last_dose": date(2026, 10, 1), "smoker": True})
    assert 'href="why:isotretinoin_last_dose"' in page.reasons_label.text()
    assert not page.why_label.isVisible()
    page.reasons_label.linkActivated.emit("why:isotretinoin_last_dose")
    assert page.why_label.isVisible()
    assert "JAMA Dermatology" in page.why_label.text()
    assert "Dermatologic Surgery" in page.why_label.text()
    page.grab().save(str(tmp_path / "why-this-rule.png"))
