"""The checklist's side panel: the verdict in words with an icon, its reasons and actions
(with each rule's sources on request), the override with its written reason, and Continue."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from assistant.checklist import Checklist, Outcome, Reason, Verdict
from assistant.text.screen_dates import screen_long_date
from ui import look
from ui.checklist.rows import TARGET_HEIGHT

MIN_OVERRIDE_WORDS = 3
_TARGET_HEIGHT = TARGET_HEIGHT
_ICON_SIZE = 32


class VerdictPanel(QWidget):
    """The verdict, reasons and actions, the override and the Continue button."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit_height()

    def fit_height(self) -> None:
        """As tall as its wrapped words need at its width: the column's scroll area does
        not ask (it would cut the verdict's last lines)."""
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None else -1
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def show_outcome(self, outcome: str) -> None:
        """The verdict box's coloured edge: "suitable", "caution", "unsuitable" or "unknown"
        (beside the words and icon that say it)."""
        if self.verdict_box.property("verdict") != outcome:
            self.verdict_box.setProperty("verdict", outcome)
            self.verdict_box.style().unpolish(self.verdict_box)
            self.verdict_box.style().polish(self.verdict_box)

    def __init__(self, checklist: Checklist, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._checklist = checklist
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        verdict_box = QGroupBox(self.tr("Verdict"))
        self.verdict_box = verdict_box  # its edge takes the verdict's colour (style.qss)
        verdict_layout = QVBoxLayout(verdict_box)
        headline = QHBoxLayout()
        self.verdict_icon = QLabel()
        self.verdict_icon.setFixedSize(_ICON_SIZE, _ICON_SIZE)
        headline.addWidget(self.verdict_icon, 0, Qt.AlignmentFlag.AlignTop)
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setFont(look.font(look.TITLE, bold=True))
        self.verdict_label.setAccessibleName(self.tr("Verdict"))
        headline.addWidget(self.verdict_label, 1)
        verdict_layout.addLayout(headline)
        self.reasons_label = QLabel()
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextFormat(Qt.TextFormat.RichText)
        self.reasons_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.reasons_label.setAccessibleName(self.tr("Reasons and actions"))
        self.reasons_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        # The reasons take the room they need (no box of their own to scroll): the verdict
        # is as tall as what it says, and the column scrolls as a whole when it must.
        verdict_layout.addWidget(self.reasons_label)
        self.reasons_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.reasons_label.linkActivated.connect(self.show_why)
        self.why_label = QLabel()
        self.why_label.setWordWrap(True)
        self.why_label.setAccessibleName(self.tr("Why this rule"))
        self.why_label.setVisible(False)
        verdict_layout.addWidget(self.why_label)
        self.version_label = QLabel(
            self.tr("Checklist version {version}").format(version=self._checklist.version)
        )
        verdict_layout.addWidget(self.version_label)
        layout.addWidget(verdict_box)

        self.override_box = QGroupBox(self.tr("Override"))
        override_layout = QVBoxLayout(self.override_box)
        self.override_check = QCheckBox(self.tr("Override the verdict"))
        self.override_check.setMinimumHeight(_TARGET_HEIGHT)
        self.override_check.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.override_check.setAccessibleName(self.tr("Override the verdict"))
        override_layout.addWidget(self.override_check)
        reason_label = QLabel(
            self.tr("Reason for treating despite the verdict (at least {n} words):").format(
                n=MIN_OVERRIDE_WORDS
            )
        )
        reason_label.setWordWrap(True)
        override_layout.addWidget(reason_label)
        self.override_reason_edit = QPlainTextEdit()
        self.override_reason_edit.setTabChangesFocus(True)
        self.override_reason_edit.setFixedHeight(72)
        self.override_reason_edit.setAccessibleName(self.tr("Override reason"))
        self.override_reason_edit.setEnabled(False)
        self.override_check.toggled.connect(self.override_reason_edit.setEnabled)
        reason_label.setBuddy(self.override_reason_edit)
        override_layout.addWidget(self.override_reason_edit)
        layout.addWidget(self.override_box)

        self.continue_hint = QLabel()
        self.continue_hint.setWordWrap(True)
        self.continue_hint.setAccessibleName(self.tr("What is left to do"))
        layout.addWidget(self.continue_hint)
        # one above the other: the column stays narrow whatever the counts and the language
        buttons = QVBoxLayout()
        self.next_unanswered_button = QPushButton(self.tr("Next unanswered"))
        self.next_unanswered_button.setMinimumHeight(_TARGET_HEIGHT)
        self.next_unanswered_button.setAutoDefault(False)
        self.next_unanswered_button.setAccessibleName(self.tr("Go to the next unanswered question"))
        buttons.addWidget(self.next_unanswered_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.continue_button = QPushButton(self.tr("Continue"))
        self.continue_button.setMinimumHeight(_TARGET_HEIGHT + 6)
        self.continue_button.setShortcut(QKeySequence(self.tr("Ctrl+Return")))
        self.continue_button.setToolTip(self.tr("Continue (Ctrl+Return)"))
        self.continue_button.setAccessibleName(self.tr("Continue"))
        buttons.addWidget(self.continue_button)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def outcome_words(self, outcome: Outcome) -> str:
        return {
            Outcome.SUITABLE: self.tr("Suitable"),
            Outcome.CAUTION: self.tr("Caution"),
            Outcome.DEFER: self.tr("Defer"),
            Outcome.NOT_SUITABLE: self.tr("Not suitable"),
        }[outcome]

    def headline(self, verdict: Verdict) -> str:
        if verdict.outcome is Outcome.NOT_SUITABLE:
            return self.tr("Not suitable: do not treat")
        if verdict.outcome is Outcome.DEFER:
            if verdict.defer_until is not None and verdict.has_undated_deferral:
                return self.tr("Defer: not before {date}, and not until resolved").format(
                    date=screen_long_date(verdict.defer_until)
                )
            if verdict.defer_until is not None:
                return self.tr("Defer: not before {date}").format(
                    date=screen_long_date(verdict.defer_until)
                )
            return self.tr("Defer: not today, not until resolved")
        if verdict.outcome is Outcome.CAUTION:
            return self.tr("Caution: may treat once the actions are done")
        return self.tr("Suitable: nothing in the checklist stands in the way")

    def reason_html(self, reason: Reason) -> str:
        text = html.escape(reason.message)
        if reason.outcome is Outcome.DEFER:
            if reason.until is not None:
                text += " " + html.escape(
                    self.tr("Not before {date}.").format(date=screen_long_date(reason.until))
                )
            else:
                text += " " + html.escape(self.tr("Until resolved."))
        if self._checklist.rule_sources(reason.id):
            why = html.escape(self.tr("Why this rule?"))
            text += f' <a href="why:{html.escape(reason.id)}">{why}</a>'
        return f"<li><b>{html.escape(self.outcome_words(reason.outcome))}</b>: {text}</li>"

    def show_why(self, link: str) -> None:
        """The sources of the rule behind a reason, shown under the reasons."""
        rule_id = link.removeprefix("why:")
        sources = self._checklist.rule_sources(rule_id)
        lines = [self.tr("Why this rule ({rule}): its sources").format(rule=rule_id)]
        lines += [f"• {source}" for source in sources]
        self.why_label.setText("\n".join(lines))
        self.why_label.setVisible(True)
