"""The checklist page's rows by question id: its controls for the main window, the visit
screen and tests (``ChecklistPage`` inherits these)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDateEdit, QPushButton, QWidget

from ui.checklist.rows import QuestionRow


class RowAccess:
    """Each question's controls, looked up by the question's id."""

    _rows: dict[str, QuestionRow]
    _tab_chain: list[QWidget]

    def row(self, question_id: str) -> QuestionRow:
        return self._rows[question_id]

    def yes_button(self, question_id: str) -> QPushButton:
        button = self._rows[question_id].yes
        assert button is not None, question_id
        return button

    def no_button(self, question_id: str) -> QPushButton:
        button = self._rows[question_id].no
        assert button is not None, question_id
        return button

    def never_button(self, question_id: str) -> QPushButton:
        button = self._rows[question_id].never
        assert button is not None, question_id
        return button

    def on_date_button(self, question_id: str) -> QPushButton:
        button = self._rows[question_id].on_date
        assert button is not None, question_id
        return button

    def date_edit(self, question_id: str) -> QDateEdit:
        edit = self._rows[question_id].date_edit
        assert edit is not None, question_id
        return edit

    def choice_box(self, question_id: str) -> QComboBox:
        combo = self._rows[question_id].combo
        assert combo is not None, question_id
        return combo

    def keep_button(self, question_id: str) -> QPushButton | None:
        return self._rows[question_id].keep_button

    def tab_chain(self) -> list[QWidget]:
        """The page's controls in their tab order (a host links them to its own)."""
        return list(self._tab_chain)
