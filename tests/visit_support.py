"""Driving the window from the keyboard only (QTest key events), as a practitioner without a
mouse does: Tab to a control, then type, press Space or an arrow key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

Key = Qt.Key
Mod = Qt.KeyboardModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(k: Key, modifier: Mod = Mod.NoModifier) -> None:
    QTest.keyClick(focused(), k, modifier)


def typed(text: str) -> None:
    QTest.keyClicks(focused(), text)


def holds_focus(target: QWidget) -> bool:
    widget = QApplication.focusWidget()
    return widget is not None and (widget is target or target.isAncestorOf(widget))


def tab_to(target: QWidget, limit: int = 400) -> None:
    """Press Tab until ``target`` has the focus (a keyboard user's only way there)."""
    for _ in range(limit):
        if holds_focus(target):
            return
        key(Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.accessibleName() or target}")


def choose_by_keys(combo: QComboBox, text: str) -> None:
    tab_to(combo)
    target = next(i for i in range(combo.count()) if text in combo.itemText(i))
    while combo.currentIndex() != target:
        key(Key.Key_Down if combo.currentIndex() < target else Key.Key_Up)


def tab_chain(start: QWidget, limit: int = 400) -> list[QWidget]:
    """The controls Tab visits from ``start`` until it comes back round."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = [focused()]
    for _ in range(limit):
        key(Key.Key_Tab)  # a date edit takes a Tab per section before it lets go
        widget = focused()
        if widget is seen[0] and seen[-1] is not widget:
            return seen
        if widget not in seen:
            seen.append(widget)
    return seen


def is_part_of_a_control(widget: QWidget) -> bool:
    """The line edit inside a spin box or an editable combo box: named by its control."""
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractSpinBox | QComboBox)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def unnamed_controls(root: QWidget) -> list[str]:
    """Every control on screen under ``root`` that a screen reader could not name."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if is_part_of_a_control(widget):
            continue
        if not accessible_name(widget).strip():
            missing.append(f"{type(widget).__name__} in {type(widget.parentWidget()).__name__}")
    return missing


def tab_to_any(targets: list[QWidget], limit: int = 400) -> QWidget:
    """Press Tab until one of ``targets`` has the focus; the one that has it."""
    for _ in range(limit):
        for target in targets:
            if holds_focus(target):
                return target
        key(Key.Key_Tab)
    raise AssertionError(f"Tab never reached {targets[0].accessibleName() or targets[0]}")


def answer_checklist_by_keys(workflow: object) -> None:
    """Answer every open question "no" (or "never", or the first choice) from the keyboard:
    Tab to the question's answers, an arrow key to the one wanted, Space."""
    from assistant.checklist import QuestionKind

    page = workflow.checklist_page  # type: ignore[attr-defined]
    for qid in page.unanswered():
        question = page.row(qid).question
        if question.kind is QuestionKind.BOOL:
            wanted, other, towards = page.no_button(qid), page.yes_button(qid), Key.Key_Right
        elif question.kind is QuestionKind.DATE:
            wanted, other, towards = page.never_button(qid), page.on_date_button(qid), Key.Key_Left
        else:
            choose_by_keys(page.choice_box(qid), question.options[0].label)
            continue
        if tab_to_any([wanted, other]) is other:
            key(towards)
        assert holds_focus(wanted)
        key(Key.Key_Space)
        assert wanted.isChecked()


def open_demo_window(
    qtbot: object,
    db: object,
    runner: object,
    settings_path: object,
    monkeypatch: object,
    size: tuple[int, int] = (1280, 800),
) -> object:
    """The main window on ``db`` at ``size``, shown, with autosave off, the demo offer
    already made and every confirmation answered yes."""
    from PySide6.QtWidgets import QMessageBox

    from assistant.settings import Settings
    from ui.app_context import GuiContext
    from ui.main_window import MainWindow

    settings = Settings(settings_path)  # type: ignore[arg-type]
    settings.set("autosave_seconds", 0)
    settings.set("demo_offered", True)
    monkeypatch.setattr(  # type: ignore[attr-defined]
        QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes
    )
    win = MainWindow(GuiContext.for_database(db, settings, runner, 1))  # type: ignore[arg-type]
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.resize(*size)
    win.show()
    return win
