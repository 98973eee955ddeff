"""The patient's own answers beside the checklist: "Patient said: …" under each question the
patient answered, a button per group that takes the patient's answers for the questions
still open ("confirm"), and a banner saying where the answers come from.

The patient's answers are never the checklist's answers until the practitioner confirms
them (the verdict reads only the checklist's rows); "not sure" stays unanswered, marked
for the practitioner to ask. An answer the practitioner changes shows both. Answers older
than the clinic's review period are shown for review only, with no confirm button.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton

from assistant.checklist import Answer, Group, Question, QuestionKind
from assistant.intake.answers import NEVER, NOT_SURE, month_of
from assistant.intake.store import Questionnaire
from assistant.text.screen_dates import screen_month, screen_short_moment
from ui.checklist.rows import TARGET_HEIGHT, QuestionRow


class PatientSaid(QObject):
    def __init__(
        self, questionnaire: Questionnaire, review_only: bool, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.questionnaire = questionnaire
        self.review_only = review_only
        self._proposed = questionnaire.proposed()
        self._labels: dict[str, QLabel] = {}
        self.confirm_buttons: dict[str, QPushButton] = {}

    # -- the banner ---------------------------------------------------------------------------

    def banner(self) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(frame)
        q = self.questionnaire
        received = screen_short_moment(_local(q.received_at))
        if self.review_only:
            text = self.tr(
                "The patient's questionnaire of {when} is too old to confirm as today's "
                "answers: its answers are shown for review only. Ask every question."
            ).format(when=received)
        else:
            text = self.tr(
                "The patient answered {n} questions on {when} ({device}). Their answers are "
                'shown as "Patient said"; go through them with the patient and confirm each '
                'group, or answer differently. "Not sure" is left for you to ask.'
            ).format(n=q.answered, when=received, device=self.device_words())
        self.banner_label = QLabel(text)
        self.banner_label.setWordWrap(True)
        self.banner_label.setAccessibleName(self.tr("The patient's questionnaire"))
        layout.addWidget(self.banner_label)
        return frame

    def device_words(self) -> str:
        return {
            "phone": self.tr("on a phone"),
            "tablet": self.tr("on a tablet"),
            "computer": self.tr("on a computer"),
            "this_computer": self.tr("on this computer"),
        }.get(self.questionnaire.device, self.questionnaire.device)

    # -- the groups and rows ------------------------------------------------------------------

    def add_group(self, grid: QGridLayout, group: Group, rows: Mapping[str, QuestionRow]) -> int:
        """A "confirm" button on the group's first grid row, when the patient answered any
        of its questions; the number of grid rows used (0 or 1)."""
        ids = [q.id for q in group.questions if q.id in self._proposed]
        if self.review_only or not ids:
            return 0
        button = QPushButton(
            self.tr("Confirm the patient's answers in this group ({n})").format(n=len(ids))
        )
        button.setMinimumHeight(TARGET_HEIGHT)
        button.setAutoDefault(False)
        button.setAccessibleName(
            self.tr("{group}: confirm the patient's answers").format(group=group.title)
        )
        button.clicked.connect(lambda: self.confirm_group(ids, rows))
        grid.addWidget(button, 0, 0, 1, 5, Qt.AlignmentFlag.AlignLeft)
        self.confirm_buttons[group.id] = button
        return 1

    def place(self, grid: QGridLayout, row: QuestionRow, grid_row: int) -> None:
        """The question's row, and under it what the patient said (when they answered)."""
        row.place(grid, grid_row)
        said = self.questionnaire.answers.get(row.question.id)
        if said is None:
            return
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setProperty("role", "patientSaid")
        grid.addWidget(label, grid_row + 1, 0, 1, 5)
        self._labels[row.question.id] = label
        row.changed.connect(lambda: self._show(row))
        self._show(row)

    def confirm_group(self, ids: list[str], rows: Mapping[str, QuestionRow]) -> None:
        """Take the patient's answers for the group's questions still unanswered; an answer
        the practitioner already gave stays."""
        for qid in ids:
            row = rows.get(qid)
            if row is not None and not row.is_answered():
                row.set_answer(self._proposed[qid])

    def _show(self, row: QuestionRow) -> None:
        qid = row.question.id
        said = self.describe(row.question, self.questionnaire.answers[qid])
        if self.review_only:
            text = self.tr("Patient said: {answer} (for review only)").format(answer=said)
        elif qid not in self._proposed:
            text = self.tr("Patient said: {answer} — ask").format(answer=said)
        elif not row.is_answered():
            text = self.tr("Patient said: {answer} — to confirm").format(answer=said)
        elif row.answer() == self._proposed[qid]:
            text = self.tr("Patient said: {answer} — confirmed").format(answer=said)
        else:
            text = self.tr("Patient said: {answer} — changed").format(answer=said)
        label = self._labels[qid]
        label.setText(text)
        label.setAccessibleName(text)

    def describe(self, question: Question, said: str) -> str:
        if said == NOT_SURE:
            return self.tr("not sure")
        if question.kind is QuestionKind.BOOL:
            return self.tr("yes") if said == "yes" else self.tr("no")
        if question.kind is QuestionKind.DATE:
            if said == NEVER:
                return self.tr("never")
            month = month_of(said)
            if month is not None:
                return screen_month(date(month[0], month[1], 1))
            return said
        option = question.option(said)
        return option.label if option else said

    # -- what is confirmed --------------------------------------------------------------------

    def to_confirm(self, answers: Mapping[str, Answer]) -> dict[str, Answer]:
        """The checklist's answers to the questions the patient answered (not "not sure"):
        recorded beside the patient's when the checklist is accepted."""
        if self.review_only:
            return {}
        return {qid: answers[qid] for qid in self._proposed if qid in answers}

    def label(self, question_id: str) -> QLabel | None:
        return self._labels.get(question_id)


def _local(moment: datetime) -> datetime:
    """A naive UTC time as this computer's wall time."""
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
