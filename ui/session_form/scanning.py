"""A box scanned at the chair: the cartridge's box fills the cartridge, its lot and expiry;
a serum's box adds the product with its lot. A lot that has expired by the session's day, or
was recalled by its maker, is refused and says why; so is a box that was never received. One
expiring within the clinic's warning period is used, with a warning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.errors import ChairsideError
from assistant.stock import ChairScan, expiry_warning, scan_at_chair, unusable_reason

if TYPE_CHECKING:
    from ui.session_form import SessionForm


def connect_box_scan(form: SessionForm) -> None:
    if form._settings is not None:
        form.treatment.expiry_warning_days = form._settings.stock_expiry_warning_days
    form.treatment.scan_field.scanned.connect(lambda code: box_scanned(form, code))


def box_scanned(form: SessionForm, code: str) -> None:
    if form.is_read_only():
        return
    db = form._db
    form._runner.run(
        lambda: scan_at_chair(db, code),
        lambda scan: _use(form, scan),
        lambda error: _refused(form, error),
        parent=form,
    )


def _refused(form: SessionForm, error: BaseException) -> None:
    if not isinstance(error, ChairsideError):
        raise error
    form.treatment.show_scan_message(str(error), problem=True)


def _use(form: SessionForm, scan: ChairScan) -> None:
    day = form._treated_at().date()
    why = unusable_reason(scan.expiry, scan.recalled, scan.lot, day)
    treatment = form.treatment
    if why:
        treatment.show_scan_message(why, problem=True)
        return
    if scan.kind == "cartridge":
        treatment.use_cartridge(scan)
    else:
        form.products.use_product(scan)
    # A cartridge expiring soon is warned about beside the cartridge itself.
    soon = expiry_warning(scan.lot, scan.expiry, day, treatment.expiry_warning_days)
    treatment.show_scanned(scan, soon if scan.kind != "cartridge" else "")
