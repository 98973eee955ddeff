"""``chairside stock receive|list|count|recall``: the JSON keys and exit statuses the issue
names, and ``recall --lot`` naming a lot marked recalled."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from assistant.clinic.store import save_practitioner
from assistant.stock import lot_history
from assistant.storage.db import Database
from tests.cli_support import run_in_process, run_process
from tests.consent_support import ensure_pin

GS = "\x1d"
GTIN = "09506000134352"
PIN = "4826"


def code(lot: str = "ABC123", expiry: date | None = None, serial: str = "") -> str:
    expiry = expiry or date.today() + timedelta(days=400)
    text = f"]d201{GTIN}17{expiry:%y%m%d}10{lot}"
    return text + (f"{GS}21{serial}" if serial else "")


@pytest.fixture
def naomi(db: Database, monkeypatch: pytest.MonkeyPatch) -> int:
    practitioner = save_practitioner(db, "Naomi Clarke", "GMC 7012345")
    ensure_pin(db, practitioner.id, PIN)
    monkeypatch.setenv("CHAIRSIDE_PIN", PIN)
    return practitioner.id


def receive(*extra: str, scan: str | None = None) -> tuple[int, str, str]:
    result = run_in_process(
        ["stock", "receive", "--scan", scan or code(), *extra, "--as", "Naomi Clarke"]
    )
    return result.returncode, result.stdout, result.stderr


def test_receive_prints_the_lot_as_json(db: Database, naomi: int) -> None:
    status, out, err = receive(
        "--quantity", "2", "--name", "Nano 16", "--kind", "cartridge", "--needles", "16",
        scan=code(serial="SN1"),
    )  # fmt: skip
    assert status == 0, err
    data = json.loads(out)
    assert {k: data[k] for k in ("gtin", "lot", "serial", "on_hand")} == {
        "gtin": GTIN,
        "lot": "ABC123",
        "serial": "SN1",
        "on_hand": 2,
    }
    assert data["expiry"] == (date.today() + timedelta(days=400)).isoformat()
    status, out, _err = receive()  # the GTIN is known now: no name or kind
    assert status == 0 and json.loads(out)["on_hand"] == 3


def test_an_unreadable_code_exits_2_naming_what(db: Database, naomi: int) -> None:
    status, out, err = receive("--name", "X", "--kind", "product", scan=f"01{GTIN}10ABC")
    assert status == 2 and out == ""
    assert "expiry date (17)" in err


def test_an_expired_lot_exits_2(db: Database, naomi: int) -> None:
    expired = code(expiry=date.today() - timedelta(days=1))
    status, out, err = receive("--name", "X", "--kind", "cartridge", scan=expired)
    assert status == 2 and "expired" in err and out == ""
    assert json.loads(run_in_process(["stock", "list", "--json"]).stdout) == []


def test_a_lot_expiring_soon_is_received_with_a_warning(db: Database, naomi: int) -> None:
    soon = code(expiry=date.today() + timedelta(days=10))
    status, out, err = receive("--name", "X", "--kind", "product", scan=soon)
    assert status == 0 and "expires" in err and json.loads(out)["warning"]


def test_a_first_delivery_without_name_exits_2(db: Database, naomi: int) -> None:
    status, _out, err = receive()
    assert status == 2 and "--name" not in err and "name and kind" in err


def test_list_count_and_recall(db: Database, naomi: int) -> None:
    receive("--name", "Nano 16", "--kind", "cartridge", "--reorder-level", "5")
    soon = code(lot="SOON1", expiry=date.today() + timedelta(days=20))
    receive(scan=soon)
    result = run_in_process(["stock", "list", "--json"])
    assert result.returncode == 0, result.stderr
    lines = json.loads(result.stdout)
    assert {"gtin", "name", "kind", "lot", "expiry", "on_hand", "reorder_level", "low"} <= set(
        lines[0]
    )
    assert [(x["lot"], x["on_hand"], x["low"]) for x in lines] == [
        ("SOON1", 1, True),
        ("ABC123", 1, True),
    ]
    expiring = json.loads(run_in_process(["stock", "list", "--expiring", "30", "--json"]).stdout)
    assert [x["lot"] for x in expiring] == ["SOON1"]
    assert json.loads(run_in_process(["stock", "list", "--low", "--json"]).stdout)

    counted = run_in_process(
        ["stock", "count", "--gtin", GTIN, "--lot", "abc123", "--on-hand", "4",
         "--as", "Naomi Clarke"]
    )  # fmt: skip
    assert counted.returncode == 0, counted.stderr
    assert json.loads(counted.stdout)["on_hand"] == 4
    unknown = run_in_process(
        ["stock", "count", "--gtin", GTIN, "--lot", "NOPE", "--on-hand", "4",
         "--as", "Naomi Clarke"]
    )  # fmt: skip
    assert unknown.returncode == 2

    marked = run_in_process(["stock", "recall", "--lot", "ABC123", "--as", "Naomi Clarke"])
    assert marked.returncode == 0, marked.stderr
    data = json.loads(marked.stdout)
    assert data["lots"][0]["recalled"] is True and data["patients"] == []
    listed = run_in_process(["recall", "--lot", "ABC123"])
    assert listed.returncode == 0
    assert "marked recalled in stock" in listed.stdout
    history = lot_history(db, 1)
    assert [m.practitioner for m in history] == ["Naomi Clarke", "Naomi Clarke"]


def test_changes_need_a_practitioner(db: Database, naomi: int) -> None:
    result = run_in_process(["stock", "receive", "--scan", code()])
    assert result.returncode == 2 and "--as" in result.stderr


def test_stock_receive_in_a_real_process(db: Database, naomi: int) -> None:
    result = run_process(
        ["stock", "receive", "--scan", code(), "--name", "Serum", "--kind", "product",
         "--as", "Naomi Clarke"],
        env={"CHAIRSIDE_PIN": PIN},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["lot"] == "ABC123"
