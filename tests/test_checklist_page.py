"""The suitability checklist screen, driven as a practitioner would."""

from __future__ import annotations

import pathlib
from collections.abc import Mapping
from datetime import date

import pytest
from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import QGroupBox, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from assistant.checklist import (
    AssessmentResult,
    Outcome,
    PatientFacts,
    QuestionKind,
    Verdict,
    default_checklist,
)
from tests.checklist_support import answer_everything
from ui.checklist.page import ChecklistPage

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


def answered_page(qtbot: QtBot, **kwargs: object) -> ChecklistPage:
    """A page with every question answered no / never (the patient has nothing to report)."""
    page = make_page(qtbot, **kwargs)  # type: ignore[arg-type]
    answer_everything(page)
    return page


def icon_image(page: ChecklistPage, meaning: str) -> object:
    """The shipped icon of a verdict state, as the page draws it (ui/icons.py)."""
    from ui import icons

    assert page.verdict_icon.property("icon") == meaning
    return icons.pixmap(meaning, 32, page.verdict_icon).toImage()


def test_starts_with_every_question_unanswered(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    assert page.unanswered() == [q.id for g in CHECKLIST.groups for q in g.questions]
    assert page.answers() == {}
    for qid, question in CHECKLIST.questions.items():
        row = page.row(qid)
        assert not row.is_answered()
        # a question with help (where else to answer) shows it on the line below
        shown = question.text + (f"\n{question.help}" if question.help else "")
        assert row.label.text() == shown, qid
        assert row.label.property("answered") is False, qid  # marked quietly (style.qss)
        assert not row.label.font().bold(), qid
        assert row.label.accessibleName() == f"Not answered: {shown}"
        if question.kind is QuestionKind.BOOL:
            assert not page.yes_button(qid).isChecked() and not page.no_button(qid).isChecked()
        elif question.kind is QuestionKind.DATE:
            assert not page.never_button(qid).isChecked()
            assert not page.on_date_button(qid).isChecked()
            assert not page.date_edit(qid).isEnabled()
        else:
            assert page.choice_box(qid).currentData() is None
    assert "prescribed anticoagulant" in page.row("blood_thinning_otc_last").label.text()
    remaining = len(CHECKLIST.questions)
    assert page.verdict() is None
    assert page.verdict_label.text() == f"No verdict yet: {remaining} questions are not answered"
    assert page.verdict_icon.pixmap().toImage() == icon_image(
        page, "unknown"
    )
    assert not page.continue_button.isEnabled()
    assert page.continue_button.text() == f"Continue ({remaining} questions left)"
    assert page.override_box.isHidden()
    assert page.previous_banner.isHidden()
    assert page.facts_box is None  # the record holds the date of birth and skin type


def test_continue_counts_down_and_waits_for_the_last_answer(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    total = len(CHECKLIST.questions)
    qtbot.mouseClick(page.no_button("keloid_history"), Qt.MouseButton.LeftButton)
    assert page.no_button("keloid_history").isChecked()
    assert page.row("keloid_history").label.text() == CHECKLIST.questions["keloid_history"].text
    assert page.row("keloid_history").label.property("answered") is True
    assert page.row("keloid_history").label.accessibleName() == (
        CHECKLIST.questions["keloid_history"].text
    )
    assert page.continue_button.text() == f"Continue ({total - 1} questions left)"
    answer_everything(page)
    assert page.unanswered() == []
    assert page.continue_button.text() == "Continue"
    assert page.continue_button.isEnabled()
    assert page.verdict_label.text().startswith("Suitable")

    page.row("smoker").clear()  # one question open again: no verdict, no Continue
    assert page.unanswered() == ["smoker"]
    assert page.verdict() is None
    assert page.continue_button.text() == "Continue (1 question left)"
    assert page.verdict_label.text() == "No verdict yet: 1 question is not answered"
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    with qtbot.assertNotEmitted(page.accepted, wait=200):
        qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
        qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_a_yes_so_far_is_shown_but_is_not_yet_a_verdict(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    page.yes_button("keloid_history").click()
    assert page.verdict() is None
    assert page.provisional_verdict() is not None
    assert page.verdict_label.text().startswith("No verdict yet")
    assert "So far, from the answers given" in page.reasons_label.text()
    assert "needling can trigger new scars" in page.reasons_label.text()
    assert page.override_box.isHidden()


def test_next_unanswered_moves_the_focus_to_the_first_open_question(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    first, second = page.unanswered()[:2]
    page.no_button(first).click()
    assert page.next_unanswered_button.isVisible()
    qtbot.mouseClick(page.next_unanswered_button, Qt.MouseButton.LeftButton)
    assert page.focusWidget() is page.row(second).focus_chain[0]
    answer_everything(page)
    assert page.next_unanswered_button.isHidden()


def test_toggling_a_bool_updates_the_verdict(qtbot: QtBot) -> None:
    page = answered_page(qtbot)
    smoker = page.yes_button("smoker")
    with qtbot.waitSignal(page.verdictChanged) as signal:
        qtbot.mouseClick(smoker, Qt.MouseButton.LeftButton)
    assert smoker.isChecked() and not page.no_button("smoker").isChecked()
    assert isinstance(signal.args[0], Verdict)
    assert signal.args[0].outcome is Outcome.CAUTION
    assert page.verdict_label.text().startswith("Caution")
    assert "Smoker: slower healing." in page.reasons_label.text()
    assert "Set expectations." in page.reasons_label.text()
    assert page.verdict_icon.pixmap().toImage() == icon_image(
        page, "caution"
    )

    no = page.no_button("smoker")
    no.setFocus()
    qtbot.keyClick(no, Qt.Key.Key_Space)  # space on "No" answers no
    assert no.isChecked() and not smoker.isChecked()
    assert page.verdict_label.text().startswith("Suitable")
    assert "Smoker" not in page.reasons_label.text()


def test_date_inside_the_window_defers_with_the_date_in_words(qtbot: QtBot) -> None:
    page = answered_page(qtbot)
    qid = "isotretinoin_last_dose"
    never, on_date, edit = page.never_button(qid), page.on_date_button(qid), page.date_edit(qid)
    assert never.isChecked() and not edit.isEnabled()
    assert edit.calendarPopup()
    assert edit.maximumDate() == QDate(2026, 11, 24)

    qtbot.mouseClick(on_date, Qt.MouseButton.LeftButton)
    assert on_date.isChecked() and not never.isChecked()
    assert edit.isEnabled()
    assert edit.date() == QDate(2026, 11, 24)  # starts on the assessment date
    with qtbot.waitSignal(page.verdictChanged) as signal:
        edit.setDate(QDate(2026, 8, 23))
    assert signal.args[0].defer_until == date(2027, 2, 23)
    assert page.verdict_label.text() == "Defer: not before Tuesday 23 February 2027"
    assert "Not before Tuesday 23 February 2027." in page.reasons_label.text()
    assert page.verdict_icon.pixmap().toImage() == icon_image(
        page, "defer"
    )
    assert page.answers()[qid] == date(2026, 8, 23)

    edit.setDate(QDate(2026, 5, 24))  # the window ended on 24 November: treatment may go ahead
    assert page.verdict_label.text().startswith("Suitable")
    qtbot.mouseClick(never, Qt.MouseButton.LeftButton)
    assert not edit.isEnabled()
    assert page.answers()[qid] is None
    assert qid not in page.unanswered()


def test_the_date_cannot_be_after_the_assessment_date(qtbot: QtBot) -> None:
    page = answered_page(qtbot)
    page.on_date_button("filler_in_area_last").click()
    edit = page.date_edit("filler_in_area_last")
    edit.setDate(QDate(2027, 1, 1))
    assert edit.date() == QDate(2026, 11, 24)
    assert page.verdict_label.text() == "Defer: not before Tuesday 8 December 2026"


def test_undated_and_dated_defer_together(qtbot: QtBot) -> None:
    page = answered_page(qtbot)
    page.yes_button("pregnant_or_breastfeeding").click()
    assert page.verdict_label.text() == "Defer: not today, not until resolved"
    assert "Until resolved." in page.reasons_label.text()
    page.on_date_button("toxin_in_area_last").click()
    page.date_edit("toxin_in_area_last").setDate(QDate(2026, 11, 20))
    assert page.verdict_label.text() == (
        "Defer: not before Friday 4 December 2026, and not until resolved"
    )


def test_continue_needs_an_override_with_a_reason_on_not_suitable(qtbot: QtBot) -> None:
    page = answered_page(qtbot)
    qtbot.mouseClick(page.yes_button("keloid_history"), Qt.MouseButton.LeftButton)
    assert page.verdict_label.text().startswith("Not suitable")
    assert page.verdict_icon.pixmap().toImage() == icon_image(
        page, "unsuitable"
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
    page = answered_page(qtbot)
    page.yes_button("active_herpes_outbreak").click()
    assert not page.continue_button.isEnabled()
    page.override_check.setChecked(True)
    page.override_reason_edit.setPlainText("   \n  ")
    assert not page.continue_button.isEnabled()
    page.override_reason_edit.setPlainText("Healed, crusted lesion only")
    assert page.continue_button.isEnabled()
    page.no_button("active_herpes_outbreak").click()  # no longer needed
    assert page.override_box.isHidden()
    with qtbot.waitSignal(page.accepted) as signal:
        page.continue_button.click()
    assert signal.args[0].override_reason is None


def test_no_accepted_signal_while_continue_is_disabled(qtbot: QtBot) -> None:
    page = answered_page(qtbot)
    page.yes_button("bleeding_disorder").click()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    with qtbot.assertNotEmitted(page.accepted, wait=500):
        qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
        qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_accepted_carries_the_answers(qtbot: QtBot) -> None:
    page = make_page(qtbot, zones=("cheeks", "upper_lip"))
    answer_everything(
        page,
        yes=("cold_sore_history", "smoker"),
        dates={"blood_thinning_otc_last": date(2026, 11, 20)},
    )
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
        elif question.kind is QuestionKind.DATE and qid != "blood_thinning_otc_last":
            assert result.answers[qid] is None, qid
        elif question.kind is QuestionKind.CHOICE:
            assert result.answers[qid] == question.options[0].id, qid
    assert result.answers["blood_thinning_otc_last"] == date(2026, 11, 20)
    assert result.answers_to_json()["blood_thinning_otc_last"] == "2026-11-20"
    assert result.override_reason is None
    assert result.date_of_birth_recorded is None and result.fitzpatrick_recorded is None
    assert {r.id for r in result.verdict.reasons} == {
        "cold_sore_history",
        "smoker",
        "blood_thinning_otc_last",
    }
    assert result.verdict.checklist_version == CHECKLIST.version


def test_previous_answers_are_offered_question_by_question_not_applied(qtbot: QtBot) -> None:
    previous = {
        "smoker": True,
        "filler_in_area_last": "2026-11-20",
        "isotretinoin_last_dose": None,
        "question_from_an_older_checklist": True,
        "keloid_history": "not a yes or no",
    }
    page = make_page(qtbot, previous=previous)
    assert page.previous_banner.isVisible()
    assert "beside each question" in page.previous_label.text()
    assert page.answers() == {}  # nothing filled in
    assert page.verdict() is None
    keep_smoker = page.keep_button("smoker")
    keep_filler = page.keep_button("filler_in_area_last")
    keep_iso = page.keep_button("isotretinoin_last_dose")
    assert keep_smoker is not None and keep_filler is not None and keep_iso is not None
    assert keep_smoker.text() == "Last time: Yes — keep"
    assert keep_filler.text() == "Last time: 20 Nov 2026 — keep"
    assert keep_iso.text() == "Last time: never — keep"
    assert page.keep_button("keloid_history") is None  # unreadable: asked afresh
    assert page.keep_button("bleeding_disorder") is None

    with qtbot.waitSignal(page.verdictChanged):
        qtbot.mouseClick(keep_smoker, Qt.MouseButton.LeftButton)
    assert page.yes_button("smoker").isChecked()
    assert not keep_smoker.isEnabled()  # the answer is last time's now
    assert page.answers() == {"smoker": True}  # only that question
    qtbot.mouseClick(keep_filler, Qt.MouseButton.LeftButton)
    assert page.on_date_button("filler_in_area_last").isChecked()
    assert page.date_edit("filler_in_area_last").date() == QDate(2026, 11, 20)
    page.no_button("smoker").click()  # the patient stopped smoking
    assert keep_smoker.isEnabled()
    answer_everything(page)
    assert page.verdict_label.text() == "Defer: not before Friday 4 December 2026"
    assert page.answers()["smoker"] is False
    assert page.answers()["isotretinoin_last_dose"] is None


def test_invalid_patient_facts_are_shown_and_block_continue(qtbot: QtBot) -> None:
    page = answered_page(qtbot, facts=PatientFacts(date(1990, 5, 1), 9))
    assert page.verdict() is None
    assert page.verdict_label.text() == "Cannot evaluate the checklist"
    assert "fitzpatrick" in page.reasons_label.text()
    assert not page.continue_button.isEnabled()


def test_patient_facts_rules_show_on_screen(qtbot: QtBot) -> None:
    page = answered_page(qtbot, facts=PatientFacts(date(2009, 11, 24), 5))
    text = page.reasons_label.text()
    assert page.verdict_label.text().startswith("Caution")
    assert "post-inflammatory hyperpigmentation" in text
    assert "Parent or guardian consent on file." in text


def test_every_control_is_named_and_grouped(qtbot: QtBot) -> None:
    page = make_page(qtbot, previous={"smoker": True}, facts=PatientFacts())
    for qid, question in CHECKLIST.questions.items():
        if question.kind is QuestionKind.BOOL:
            assert page.yes_button(qid).accessibleName() == f"{question.text} Yes"
            assert page.no_button(qid).accessibleName() == f"{question.text} No"
            assert page.yes_button(qid).text() == "Yes"
        elif question.kind is QuestionKind.CHOICE:
            assert page.choice_box(qid).accessibleName() == question.text
        else:
            assert page.never_button(qid).accessibleName() == f"{question.text} Never"
            assert page.on_date_button(qid).accessibleName() == f"{question.text} On a date"
            assert question.text in page.date_edit(qid).accessibleName()
    keep = page.keep_button("smoker")
    assert keep is not None
    smoker = CHECKLIST.questions["smoker"].text
    assert keep.accessibleName() == f"{smoker} Keep last time's answer: Yes"
    assert page.facts_box is not None
    assert page.facts_box.birth_edit is not None
    assert page.facts_box.birth_edit.accessibleName() == "Date of birth"
    assert page.facts_box.fitzpatrick_combo is not None
    assert page.facts_box.fitzpatrick_combo.accessibleName() == "Fitzpatrick skin type"
    assert page.override_check.accessibleName()
    assert page.override_reason_edit.accessibleName()
    assert page.next_unanswered_button.accessibleName()
    assert page.continue_button.accessibleName() == "Continue"
    boxes = page.findChildren(type(page.override_box))
    for group in CHECKLIST.groups:  # titled by the group, with how far it is answered
        box = next(b for b in boxes if b.accessibleName() == group.title)
        assert box.title().startswith(group.title + " · 0 of ")
    for widget in page.findChildren(QWidget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not isinstance(widget, QScrollArea):
            internal = widget.objectName().startswith("qt_")  # a spin box's own line edit
            if not internal and widget.isVisibleTo(page):
                assert widget.accessibleName(), widget


def test_tab_order_follows_the_form(qtbot: QtBot) -> None:
    page = make_page(qtbot, previous={"smoker": True}, facts=PatientFacts(date(1990, 5, 1)))
    assert page.facts_box is not None and page.facts_box.birth_edit is None
    expected: list[QWidget] = [page.facts_box.fitzpatrick_combo]  # type: ignore[list-item]
    for group in CHECKLIST.groups:
        for question in group.questions:
            if question.kind is QuestionKind.BOOL:
                expected += [page.yes_button(question.id), page.no_button(question.id)]
            elif question.kind is QuestionKind.CHOICE:
                expected.append(page.choice_box(question.id))
            else:
                expected += [
                    page.never_button(question.id),
                    page.on_date_button(question.id),
                    page.date_edit(question.id),
                ]
            keep = page.keep_button(question.id)
            if keep is not None:
                expected.append(keep)
    expected += [
        page.override_check,
        page.override_reason_edit,
        page.next_unanswered_button,
        page.continue_button,
    ]

    chain: list[QWidget] = []
    widget = expected[0]
    for _ in range(10_000):
        if widget in expected and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is expected[0]:
            break
    assert chain == expected


def test_the_keyboard_answers_a_question(qtbot: QtBot) -> None:
    """Tab goes from question to question, the arrows between a question's answers, Space
    answers: the radio-group habit, so a whole checklist takes one Tab per question."""
    page = make_page(qtbot)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    first, second = page.unanswered()[:2]
    yes, no = page.yes_button(first), page.no_button(first)
    yes.setFocus()
    qtbot.keyClick(yes, Qt.Key.Key_Right)
    assert page.focusWidget() is no
    qtbot.keyClick(no, Qt.Key.Key_Space)
    assert no.isChecked() and first not in page.unanswered()
    qtbot.keyClick(no, Qt.Key.Key_Left)
    assert page.focusWidget() is yes
    qtbot.keyClick(yes, Qt.Key.Key_Space)
    assert yes.isChecked() and not no.isChecked()
    qtbot.keyClick(yes, Qt.Key.Key_Tab)
    assert page.focusWidget() is page.yes_button(second)
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Space)
    assert page.answers() == {first: True, second: True}

    dated = "isotretinoin_last_dose"
    page.never_button(dated).setFocus()
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Right)
    assert page.focusWidget() is page.on_date_button(dated)
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Space)
    assert page.date_edit(dated).isEnabled()
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
    assert page.focusWidget() is page.date_edit(dated)


def test_fits_a_1280_by_800_screen_without_sideways_scrolling(
    qtbot: QtBot, tmp_path: pathlib.Path
) -> None:
    page = make_page(qtbot, previous={"smoker": True, "filler_in_area_last": "2026-11-01"})
    answer_everything(page, yes=("pregnant_or_breastfeeding", "smoker", "cold_sore_history"))
    qtbot.wait(10)
    hint = page.minimumSizeHint()
    assert hint.boundedTo(QSize(1280, 800)) == hint
    for area in page.findChildren(QScrollArea):
        assert area.horizontalScrollBar().maximum() == 0, area
    # The verdict's reasons and actions are shown whole, in no scroll box of their own.
    reasons = page.reasons_label
    assert reasons.height() >= reasons.heightForWidth(reasons.width()) - 1
    areas, parent = [], reasons.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QScrollArea):
            areas.append(parent)
        parent = parent.parentWidget()
    assert areas == [page.side_scroll]
    assert page.override_box.isVisible()
    assert page.continue_button.isVisible()
    for button in page.findChildren(QPushButton):
        if button.isVisibleTo(page):
            assert button.height() >= 32, button.text()
    page.grab().save(str(tmp_path / "checklist-1280x800.png"))


@pytest.mark.parametrize("outcome", list(Outcome))
def test_every_outcome_has_words_and_an_icon(qtbot: QtBot, outcome: Outcome) -> None:
    answers = {
        Outcome.SUITABLE: None,
        Outcome.CAUTION: "smoker",
        Outcome.DEFER: "pregnant_or_breastfeeding",
        Outcome.NOT_SUITABLE: "needle_metal_allergy",
    }
    page = make_page(qtbot)
    answer_everything(page, yes=[str(answers[outcome])] if answers[outcome] else [])
    verdict = page.verdict()
    assert verdict is not None and verdict.outcome is outcome
    assert page.verdict_label.text()
    assert not page.verdict_icon.pixmap().isNull()


def test_why_this_rule_shows_the_rules_sources(qtbot: QtBot, tmp_path: pathlib.Path) -> None:
    page = answered_page(qtbot)
    page.set_answers({"isotretinoin_last_dose": date(2026, 10, 1), "smoker": True})
    assert 'href="why:isotretinoin_last_dose"' in page.reasons_label.text()
    assert not page.why_label.isVisible()
    page.reasons_label.linkActivated.emit("why:isotretinoin_last_dose")
    assert page.why_label.isVisible()
    assert "JAMA Dermatology" in page.why_label.text()
    assert "Dermatologic Surgery" in page.why_label.text()
    page.grab().save(str(tmp_path / "why-this-rule.png"))


def test_the_rules_missing_details_are_asked_for(qtbot: QtBot) -> None:
    page = make_page(qtbot, facts=PatientFacts())
    box = page.facts_box
    assert box is not None and box.isVisible()
    assert box.birth_edit is not None and box.fitzpatrick_combo is not None
    answer_everything(page, date_of_birth="", fitzpatrick=0)  # every question, no details
    assert page.unanswered() == []
    assert page.remaining() == 2
    assert page.verdict() is None
    assert page.continue_button.text() == "Continue (2 questions left)"
    assert not page.continue_button.isEnabled()

    qtbot.keyClicks(box.birth_edit, "31/02/2009")
    assert box.birth_problem.isVisible()  # not a date: still missing
    assert page.remaining() == 2
    box.birth_edit.clear()
    qtbot.keyClicks(box.birth_edit, "24/11/2030")
    assert box.birth_problem.text() == "The date of birth is in the future."
    box.birth_edit.clear()
    qtbot.keyClicks(box.birth_edit, "25/11/2009")  # 16 on the assessment date
    assert not box.birth_problem.isVisible()
    assert page.remaining() == 1
    # The age rule now applies, as soon as the date is known.
    assert "Parent or guardian consent on file." in page.reasons_label.text()

    box.fitzpatrick_combo.setCurrentIndex(box.fitzpatrick_combo.findData(5))
    assert page.remaining() == 0
    verdict = page.verdict()
    assert verdict is not None and verdict.outcome is Outcome.CAUTION
    assert "post-inflammatory hyperpigmentation" in page.reasons_label.text()
    with qtbot.waitSignal(page.accepted) as signal:
        page.continue_button.click()
    result: AssessmentResult = signal.args[0]
    assert result.date_of_birth_recorded == date(2009, 11, 25)
    assert result.fitzpatrick_recorded == 5


def test_only_the_missing_detail_is_asked_for(qtbot: QtBot) -> None:
    page = make_page(qtbot, facts=PatientFacts(fitzpatrick=3))
    assert page.facts_box is not None
    assert page.facts_box.birth_edit is not None
    assert page.facts_box.fitzpatrick_combo is None
    answer_everything(page)
    with qtbot.waitSignal(page.accepted) as signal:
        page.continue_button.click()
    assert signal.args[0].date_of_birth_recorded == date(1990, 5, 1)
    assert signal.args[0].fitzpatrick_recorded is None


def test_changing_the_zones_keeps_the_answers_and_the_details_typed(qtbot: QtBot) -> None:
    page = make_page(qtbot, facts=PatientFacts(fitzpatrick=2), zones=("cheeks",))
    answer_everything(page, yes=("cold_sore_history",))
    assert page.verdict_label.text().startswith("Suitable")  # no perioral zone planned
    page.set_zones(("cheeks", "upper_lip"))
    assert "Upper lip" in page.header_label.text()
    assert page.unanswered() == [] and page.answers()["cold_sore_history"] is True
    assert page.facts_box is not None and page.facts_box.date_of_birth() == date(1990, 5, 1)
    assert page.verdict_label.text().startswith("Caution")  # antiviral cover now needed


def test_y_and_n_answer_and_the_arrows_move_between_questions(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    page.show()
    first, second, third = (q.id for q in CHECKLIST.groups[0].questions[:3])
    page.yes_button(first).setFocus()
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_N)
    assert page.no_button(first).isChecked()
    assert page.focusWidget() is page.yes_button(second)  # on to the next question
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Y)
    assert page.yes_button(second).isChecked()
    assert page.focusWidget() is page.yes_button(third)
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Up)
    assert page.focusWidget() is page.yes_button(second)  # the answer chosen
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Down)
    assert page.focusWidget() is page.yes_button(third)
    group = CHECKLIST.groups[0]
    box = next(b for b in page.findChildren(QGroupBox) if b.accessibleName() == group.title)
    assert box.title() == f"{group.title} · 2 of {len(group.questions)} answered"


def test_the_verdict_box_takes_its_colour_beside_the_words_and_icon(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    assert page.side_panel.verdict_box.property("verdict") == "unknown"
    answer_everything(page)
    assert page.verdict() is not None
    assert page.side_panel.verdict_box.property("verdict") == "suitable"
    assert page.verdict_label.text()  # the words say it too
