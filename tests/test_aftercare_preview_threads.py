"""The aftercare preview with the real task runner: switching language or large print renders
the sheet on the render pool, says that it is rendering meanwhile, and the last choice wins
when the practitioner switches again before a render has finished."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import ui.visit.aftercare_dialog
from assistant.aftercare import AftercareSheet, RenderedSheet, render_sheet
from assistant.errors import InvalidInput
from tests.test_aftercare_pdf import make_sheet
from ui.tasks import TaskRunner
from ui.visit.aftercare_dialog import AftercarePreviewDialog


@pytest.fixture
def threaded() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    assert runner.wait(10_000)  # every worker joined before the next test


class GatedRender:
    """Stands in for ``render_sheet``: records each call's thread and language, and holds the
    languages in ``held`` until ``release``."""

    def __init__(self, held: set[str]) -> None:
        self.held = held
        self.gate = threading.Event()
        self.calls: list[tuple[str, str]] = []
        self.started = threading.Event()

    def __call__(self, sheet: AftercareSheet, template: object = None) -> RenderedSheet:
        self.calls.append((sheet.language, threading.current_thread().name))
        if sheet.language in self.held:
            self.started.set()
            assert self.gate.wait(10)
        return render_sheet(sheet, template)  # type: ignore[arg-type]

    def release(self) -> None:
        self.gate.set()


@pytest.fixture
def gated(monkeypatch: pytest.MonkeyPatch) -> Callable[[set[str]], GatedRender]:
    def make(held: set[str]) -> GatedRender:
        fake = GatedRender(held)
        monkeypatch.setattr(ui.visit.aftercare_dialog, "render_sheet", fake)
        return fake

    return make


def subject(rendered: RenderedSheet) -> str:
    """The PDF's subject names the template's language."""
    import io

    metadata = PdfReader(io.BytesIO(rendered.data)).metadata
    assert metadata is not None
    return str(metadata.subject)


def choose(dialog: AftercarePreviewDialog, code: str) -> None:
    dialog.language_box.setCurrentIndex(dialog.language_box.findData(code))


def open_dialog(qtbot: QtBot, runner: TaskRunner) -> AftercarePreviewDialog:
    sheet = make_sheet()
    dialog = AftercarePreviewDialog(sheet, rendered=render_sheet(sheet), runner=runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_switch_renders_on_the_render_pool_and_says_so(
    qtbot: QtBot, threaded: TaskRunner, gated: Callable[[set[str]], GatedRender]
) -> None:
    render = gated({"de"})
    dialog = open_dialog(qtbot, threaded)
    english_pages = dialog.rendered.data
    choose(dialog, "de")
    assert render.started.wait(5)  # the UI thread came back while the sheet renders
    assert dialog.rendering and dialog.rendering_label.isVisible()
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.print_sheet() is False  # nothing printed from the previous choice's pages
    assert dialog.rendered.data == english_pages and dialog.sheet.language == "en"
    render.release()
    qtbot.waitUntil(lambda: not dialog.rendering, timeout=10_000)
    assert dialog.sheet.language == "de" and subject(dialog.rendered).endswith("(de)")
    assert not dialog.rendering_label.isVisible() and dialog.print_button.isEnabled()
    assert dialog.review_notice.isVisible()  # the German text is not reviewed yet
    assert threading.main_thread().name not in {name for _, name in render.calls}


def test_switching_twice_quickly_the_last_choice_wins(
    qtbot: QtBot, threaded: TaskRunner, gated: Callable[[set[str]], GatedRender]
) -> None:
    render = gated({"de"})
    dialog = open_dialog(qtbot, threaded)
    choose(dialog, "de")
    assert render.started.wait(5)
    choose(dialog, "fr")  # while German is still rendering
    qtbot.mouseClick(dialog.large_print_box, Qt.MouseButton.LeftButton)
    render.release()
    qtbot.waitUntil(lambda: not dialog.rendering, timeout=10_000)
    # German finished first but was no longer wanted: French in large print is shown
    assert dialog.sheet.language == "fr" and dialog.sheet.large_print
    assert [code for code, _ in render.calls] == ["de", "fr"]
    assert subject(dialog.rendered).endswith("(fr)")
    assert dialog.rendered.pages == render_sheet(dialog.sheet).pages
    assert dialog.language_box.currentData() == "fr"


def test_switching_back_before_the_render_ends_keeps_the_pages_shown(
    qtbot: QtBot, threaded: TaskRunner, gated: Callable[[set[str]], GatedRender]
) -> None:
    render = gated({"de"})
    dialog = open_dialog(qtbot, threaded)
    shown = dialog.rendered
    choose(dialog, "de")
    assert render.started.wait(5)
    choose(dialog, "en")  # back to what the pages show
    render.release()
    qtbot.waitUntil(lambda: not dialog.rendering, timeout=10_000)
    assert dialog.sheet.language == "en" and dialog.rendered is shown  # German dropped
    assert [code for code, _ in render.calls] == ["de"]


def test_a_failed_render_says_why_and_keeps_the_pages_and_choices(
    qtbot: QtBot, threaded: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    def refuse(sheet: AftercareSheet, template: object = None) -> RenderedSheet:
        raise InvalidInput("Paper must be one of A4, Letter, not 'A5'.", "paper")

    monkeypatch.setattr(ui.visit.aftercare_dialog, "render_sheet", refuse)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    dialog = open_dialog(qtbot, threaded)
    choose(dialog, "pl")
    qtbot.waitUntil(lambda: not dialog.rendering, timeout=10_000)
    assert shown == ["Paper must be one of A4, Letter, not 'A5'."]
    assert dialog.sheet.language == "en" and dialog.language_box.currentData() == "en"
    assert dialog.print_button.isEnabled()
