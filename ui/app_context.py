"""The window's view of the application context: the same ``AppContext`` plus Qt signals.

``run_gui`` builds one ``GuiContext`` and the main window passes it down. Widgets read the
database, settings, runner and practitioner from it when they need them, and re-read the
database when ``databaseReplaced`` fires (after a restore or "open another database").
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from assistant.context import AppContext
from assistant.paths import Locations
from assistant.settings import Settings
from assistant.storage.db import Database
from ui.tasks import TaskRunner


class GuiContext(QObject):
    databaseReplaced = Signal(object)  # the new Database
    practitionerChanged = Signal(int)

    def __init__(
        self, core: AppContext, runner: TaskRunner | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.core = core
        self.runner: TaskRunner = runner or core.runner or TaskRunner()
        core.runner = self.runner
        core.on_database_replaced(self.databaseReplaced.emit)

    @classmethod
    def for_database(
        cls,
        db: Database,
        settings: Settings,
        runner: TaskRunner | None = None,
        practitioner_id: int | None = None,
        locations: Locations | None = None,
    ) -> GuiContext:
        """A context around a database already open (start-up after the problem dialog,
        and tests)."""
        url = db.engine.url.render_as_string(hide_password=False)
        core = AppContext(
            locations or Locations.resolve(),
            url,
            settings=settings,
            practitioner_id=practitioner_id,
        )
        core.use_database(db, url)
        return cls(core, runner)

    @property
    def db(self) -> Database:
        return self.core.database()

    @property
    def settings(self) -> Settings:
        return self.core.settings

    @property
    def locations(self) -> Locations:
        return self.core.locations

    @property
    def practitioner_id(self) -> int | None:
        return self.core.practitioner_id

    def set_practitioner(self, practitioner_id: int) -> None:
        self.core.practitioner_id = practitioner_id
        self.practitionerChanged.emit(practitioner_id)

    def replace_database(self, url: str | None = None) -> Database:
        return self.core.replace_database(url)
