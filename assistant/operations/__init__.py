"""Operations that report what they changed (``perform``), for the screens to refresh by.

``perform(fn)`` runs one user operation (a core service call such as ``receive_box`` or
``sign_session``) and returns ``OpResult(value, changes)``: its result and the ``OpChanges``
of every transaction it committed, computed from the tables those transactions wrote.
Nothing is declared by hand, so a service that starts writing another table is reported
rightly at once. The window's task runner (``ui.tasks.TaskRunner.run_op``) performs the
operation off the UI thread and announces the changes to every screen.

``changes`` says what a change is (``OpChanges``, the table each flag stands for) and loads
nothing; ``watch`` performs operations and watches their writes through SQLAlchemy's engine
events, so a screen can know ``OpChanges`` before the database layer loads.
"""

from __future__ import annotations

from assistant.operations.changes import TABLE_FLAGS, OpChanges

__all__ = ["TABLE_FLAGS", "OpChanges"]
