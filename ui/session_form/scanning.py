"""A box scanned at the chair: the cartridge's box fills the cartridge, its lot and expiry;
a serum's box adds the product with its lot. A lot that has expired by the session's day, or
was recalled by its maker, is refused and says why; so is a box that was never received. One
expiring within the clinic's warning period is used, with a warning."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from assistant.errors import ChairsideError
from assistant.stock import ChairScan, expiry_warning, scan_at_chair, unusable_reason

if TYPE_CHECKING:
    from assistant.storage.db import Database
    from ui.session_form.header import HeaderSection
    from ui.session_form.products import ProductsSection
    from ui.session_form.treatment import TreatmentSection
    from ui.tasks import TaskRunner


class ScanningForm(Protocol):
    """What a scanned box uses of the session form: whether it may still change, the
    session's day, and the sections a box fills (cartridge, products)."""

    @property
    def header(self) -> HeaderSection: ...
    @property
    def treatment(self) -> TreatmentSection: ...
    @property
    def products(self) -> ProductsSection: ...

    def is_read_only(self) -> bool: ...


def connect_box_scan(form: ScanningForm, db: Database, runner: TaskRunner, settings: Any) -> None:
    if settings is not None:
        form.treatment.expiry_warning_days = settings.stock_expiry_warning_days
    form.treatment.scan_field.scanned.connect(lambda code: box_scanned(form, db, runner, code))


def box_scanned(form: ScanningForm, db: Database, runner: TaskRunner, code: str) -> None:
    if form.is_read_only():
        return
    runner.run(
        lambda: scan_at_chair(db, code),
        lambda scan: _use(form, scan),
        lambda error: _refused(form, error),
        parent=form.treatment,  # the scan's field is the treatment section's
    )


def _refused(form: ScanningForm, error: BaseException) -> None:
    if not isinstance(error, ChairsideError):
        raise error
    form.treatment.show_scan_message(str(error), problem=True)


def _use(form: ScanningForm, scan: ChairScan) -> None:
    day = form.header.treated_at().date()
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
