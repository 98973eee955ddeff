"""One real start of the window, timed: ``python main.py`` as a practitioner starts it.

Run in a fresh process by ``bench_interactions.py`` (``CHAIRSIDE_DATA_DIR`` names the
clinic)::

    python benchmarks/startup_flow.py LAUNCH_EPOCH_SECONDS TYPING_MS

It runs ``main.main()`` unchanged. When the unlock dialog is on screen (painted), it waits
``TYPING_MS`` (the practitioner typing a PIN: their time, not the app's), types make_clinic's
PIN for practitioner 1 and presses Sign in; when the main window's first paint is done it
prints one JSON line of times since ``LAUNCH_EPOCH_SECONDS`` (ms): ``dialog`` (the unlock
dialog painted), ``loaded`` (loading ahead done: ``ui.start.preload``), ``submit`` (the PIN
given) and ``window`` (the main window painted), then
ends the process at once (the exit's backup is not start-up). A plain clinic has no unlock
dialog: only ``window``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    launch, typing_ms = float(sys.argv[1]), int(sys.argv[2])
    sys.argv = [str(ROOT / "main.py")]
    marks: dict[str, float] = {}

    def since_launch() -> dict[str, float]:
        return {name: round((at - launch) * 1000, 1) for name, at in marks.items()}

    # Qt first, as main.py's window start loads it, to watch its dialogs and window
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog, QMainWindow

    dialog_exec = QDialog.exec
    window_show = QMainWindow.show

    def exec_(dialog: Any) -> int:
        if type(dialog).__name__ == "UnlockDialog":

            def painted() -> None:
                dialog.grab()
                marks["dialog"] = time.time()
                QTimer.singleShot(typing_ms, submit)

            def submit() -> None:
                dialog.who.setCurrentIndex(dialog.who.findData(1))
                dialog.pin.setText("2468")  # make_clinic.PIN
                marks["submit"] = time.time()
                dialog.try_unlock()

            QTimer.singleShot(0, painted)
        return int(dialog_exec(dialog))

    def show(window: Any) -> None:
        window_show(window)

        def painted() -> None:
            window.grab()
            marks["window"] = time.time()
            print(json.dumps(since_launch()), flush=True)
            os._exit(0)

        QTimer.singleShot(0, painted)

    QDialog.exec = exec_  # type: ignore[method-assign]
    QMainWindow.show = show  # type: ignore[method-assign]
    # when loading ahead is done (on the dialog's path already: Qt and the task runner)
    from ui.start import preload

    load_window = preload.load_window

    def loaded() -> None:
        load_window()
        marks["loaded"] = time.time()

    preload.load_window = loaded  # type: ignore[assignment]
    import main as chairside

    chairside.main()
    print(json.dumps(since_launch()), flush=True)
    os._exit(1)  # the window never opened


if __name__ == "__main__":
    main()
