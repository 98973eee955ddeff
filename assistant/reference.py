"""Typed views of the reference data in ``resources/treatment.toml`` and ``picklists.toml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from assistant.errors import InvalidInput
from assistant.resources import load_toml


def format_mm(value: float) -> str:
    """A depth as practitioners write it: 0.25, 0.5, 1.0, 1.5."""
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


@dataclass(frozen=True)
class Zone:
    id: str
    name: str
    typical_min_mm: float | None
    typical_max_mm: float | None
    warn_above_mm: float
    perioral: bool
    notes: str
    facial: bool = False
    sources: tuple[str, ...] = ()
    # the kind of area the aftercare sheet writes for: "face", "body" or "scalp"
    area: str = "body"

    @property
    def typical_range(self) -> str:
        """The typical depth as the practitioner reads it, e.g. "1.0–1.5 mm"."""
        if self.typical_min_mm is None or self.typical_max_mm is None:
            return "per sub-area"
        return f"{format_mm(self.typical_min_mm)}–{format_mm(self.typical_max_mm)} mm"


@dataclass(frozen=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True)
class TreatmentLimits:
    depth_min_mm: float
    depth_max_mm: float
    passes_min: int
    passes_max: int
    pigmented_skin_min_fitzpatrick: int
    pigmented_skin_depth_warn_mm: float
    pigmented_skin_passes_warn: int


@cache
def zones() -> dict[str, Zone]:
    """All treatment zones by id, in the order of the data file."""
    result: dict[str, Zone] = {}
    for row in load_toml("treatment.toml")["zones"]:
        result[row["id"]] = Zone(
            id=row["id"],
            name=row["name"],
            typical_min_mm=row.get("typical_min_mm"),
            typical_max_mm=row.get("typical_max_mm"),
            warn_above_mm=float(row["warn_above_mm"]),
            perioral=bool(row.get("perioral", False)),
            notes=row.get("notes", ""),
            facial=bool(row.get("facial", False)),
            sources=tuple(row.get("sources", ())),
            area=str(row.get("area", "face" if row.get("facial") else "body")),
        )
    return result


def zone(zone_id: str, field: str = "zone") -> Zone:
    """The zone with this id, or ``InvalidInput`` naming the known ids."""
    try:
        return zones()[zone_id]
    except KeyError:
        known = ", ".join(zones())
        raise InvalidInput(f"Unknown zone '{zone_id}'. Known zones: {known}.", field) from None


@cache
def limits() -> TreatmentLimits:
    row = load_toml("treatment.toml")["limits"]
    return TreatmentLimits(**row)


@cache
def intervals() -> tuple[tuple[float, int], ...]:
    """(deepest depth up to, weeks) pairs, shallowest first."""
    rows = load_toml("treatment.toml")["intervals"]
    return tuple(sorted((float(r["max_depth_mm"]), int(r["weeks"])) for r in rows))


def interval_weeks(deepest_depth_mm: float) -> int:
    """Weeks to wait before the next session after a session this deep."""
    for max_depth, weeks in intervals():
        if deepest_depth_mm <= max_depth:
            return weeks
    return intervals()[-1][1]


@dataclass(frozen=True)
class DeviceProfile:
    """A shipped pen: its depth range and step, and what its clearance says."""

    id: str
    make: str
    model: str
    min_depth_mm: float
    max_depth_mm: float
    step_mm: float
    warn_above_mm: float | None = None
    cleared_age: int | None = None
    notes: str = ""
    sources: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.make} {self.model}" if self.make != "Generic" else self.model


@cache
def device_profiles() -> dict[str, DeviceProfile]:
    """The shipped device profiles by id, in the order of the data file."""
    result: dict[str, DeviceProfile] = {}
    for row in load_toml("treatment.toml").get("device_profiles", []):
        result[row["id"]] = DeviceProfile(
            id=row["id"],
            make=row["make"],
            model=row["model"],
            min_depth_mm=float(row["min_depth_mm"]),
            max_depth_mm=float(row["max_depth_mm"]),
            step_mm=float(row["step_mm"]),
            warn_above_mm=float(row["warn_above_mm"]) if "warn_above_mm" in row else None,
            cleared_age=int(row["cleared_age"]) if "cleared_age" in row else None,
            notes=row.get("notes", ""),
            sources=tuple(row.get("sources", ())),
        )
    return result


def device_profile(profile_id: str, field: str = "profile") -> DeviceProfile:
    """The device profile with this id, or ``InvalidInput`` naming the known ids."""
    try:
        return device_profiles()[profile_id]
    except KeyError:
        known = ", ".join(device_profiles())
        raise InvalidInput(
            f"Unknown device profile '{profile_id}'. Known profiles: {known}.", field
        ) from None


@cache
def treatment_sources() -> dict[str, str]:
    """Source keys of treatment.toml and their text."""
    return {str(k): str(v) for k, v in load_toml("treatment.toml").get("sources", {}).items()}


@cache
def endpoints() -> tuple[Choice, ...]:
    return tuple(Choice(r["id"], r["name"]) for r in load_toml("treatment.toml")["endpoints"])


@cache
def needle_counts() -> tuple[str, ...]:
    return tuple(load_toml("treatment.toml")["cartridges"]["needle_counts"])


def _choices(key: str) -> tuple[Choice, ...]:
    return tuple(Choice(str(r["id"]), r["label"]) for r in load_toml("picklists.toml")[key])


@cache
def fitzpatrick_types() -> tuple[Choice, ...]:
    return _choices("fitzpatrick")


# The Fitzpatrick types as the scale writes them.
FITZPATRICK_NUMERALS = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}


def fitzpatrick_numeral(value: int) -> str:
    """``III`` for type 3 (a value off the scale as its digits)."""
    return FITZPATRICK_NUMERALS.get(value, str(value))


@cache
def skin_types() -> tuple[Choice, ...]:
    return _choices("skin_type")


@cache
def concerns() -> tuple[Choice, ...]:
    return _choices("concerns")


@cache
def glogau_types() -> tuple[Choice, ...]:
    return _choices("glogau")
