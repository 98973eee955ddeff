"""Answering a whole checklist page as a practitioner would, for tests that go past it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from PySide6.QtCore import QDate

from assistant.checklist import QuestionKind
from ui.checklist.page import ChecklistPage


def answer_everything(
    page: ChecklistPage,
    yes: Iterable[str] = (),
    dates: Mapping[str, date] | None = None,
    date_of_birth: str = "01/05/1990",
    fitzpatrick: int = 2,
) -> None:
    """Answer every question still open: yes to ``yes``, these ``dates``, no or never to the
    rest, the first choice of a choice question; fill the patient details the page asks for."""
    yes = set(yes)
    dates = dict(dates or {})
    for qid in page.unanswered():
        kind = page.row(qid).question.kind
        if kind is QuestionKind.BOOL:
            (page.yes_button(qid) if qid in yes else page.no_button(qid)).click()
        elif kind is QuestionKind.DATE:
            if qid in dates:
                page.on_date_button(qid).click()
                day = dates[qid]
                page.date_edit(qid).setDate(QDate(day.year, day.month, day.day))
            else:
                page.never_button(qid).click()
        else:
            page.choice_box(qid).setCurrentIndex(1)
    box = page.facts_box
    if box is not None:
        if box.birth_edit is not None and box.date_of_birth() is None:
            box.birth_edit.setText(date_of_birth)
        if box.fitzpatrick_combo is not None and box.fitzpatrick() is None:
            box.fitzpatrick_combo.setCurrentIndex(box.fitzpatrick_combo.findData(fitzpatrick))
