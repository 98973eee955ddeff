"""Stock of cartridges and products: boxes received by scanning their GS1 code, units taken
out when a session is signed, expiry and recall kept from the skin.

- ``assistant.stock.gs1``: what a GS1 code on a box says (GTIN, lot, expiry, serial);
- ``assistant.stock.tables``: the items, lots and movements (on hand is their sum);
- ``assistant.stock.receive``: receiving a box, and the steps every change shares;
- ``assistant.stock.shelf``: counting, discarding, marking a lot recalled;
- ``assistant.stock.usage``: what a session uses, booked when signed and amended, and the
  refusal of a recalled or expired lot at the chair;
- ``assistant.stock.views``: the list, the warnings, a lot's history, a scan at the chair.
"""

from __future__ import annotations

from assistant.stock.gs1 import BoxCode, looks_like_gs1, read_code
from assistant.stock.receive import (
    KINDS,
    REASONS,
    NewItem,
    ReceivedLot,
    expiry_warning,
    item_for_gtin,
    receive_box,
)
from assistant.stock.shelf import LotChange, count_lot, discard_units, mark_recalled, stop_offering
from assistant.stock.views import (
    ChairScan,
    StockLine,
    StockMove,
    StockWarning,
    list_stock,
    lot_history,
    recalled_lot_numbers,
    recalled_on,
    scan_at_chair,
    stock_lines,
    stock_warnings,
    unusable_reason,
)

__all__ = [
    "KINDS",
    "REASONS",
    "BoxCode",
    "ChairScan",
    "LotChange",
    "NewItem",
    "ReceivedLot",
    "StockLine",
    "StockMove",
    "StockWarning",
    "count_lot",
    "discard_units",
    "expiry_warning",
    "item_for_gtin",
    "list_stock",
    "looks_like_gs1",
    "lot_history",
    "mark_recalled",
    "read_code",
    "receive_box",
    "recalled_lot_numbers",
    "recalled_on",
    "scan_at_chair",
    "stock_lines",
    "stock_warnings",
    "stop_offering",
    "unusable_reason",
]
