"""The list of command modules, in the order ``--help`` shows them."""

from __future__ import annotations

import importlib

COMMAND_MODULES = (
    "assistant.cli.demo_command",
    "assistant.cli.check_command",
    "assistant.cli.rules_command",
    "assistant.cli.translations_command",
    "assistant.cli.aftercare_command",
    "assistant.cli.patients_command",
    "assistant.cli.practitioners_command",
    "assistant.cli.sessions_command",
    "assistant.cli.consent_command",
    "assistant.cli.recall_command",
    "assistant.cli.stock_command",
    "assistant.cli.intake_command",
    "assistant.cli.book_command",
    "assistant.cli.day_command",
    "assistant.cli.followups_command",
    "assistant.cli.complication_command",
    "assistant.cli.summary_command",
    "assistant.cli.export_command",
    "assistant.cli.erase_command",
    "assistant.cli.photos_command",
    "assistant.cli.audit_command",
    "assistant.cli.backup_command",
    "assistant.cli.encrypt_command",
    "assistant.cli.recovery_command",
)


def modules() -> list[object]:
    return [importlib.import_module(name) for name in COMMAND_MODULES]
