"""The aftercare template: the wording of the sheet and the steps of its timeline.

The wording lives in ``resources/aftercare.toml`` (English) and one file per language beside
it (``aftercare-es.toml``…); a clinic may keep its own edited copy of each in the data folder's
``templates/`` folder, under the same name. Each file records whether a fluent clinician has
reviewed the translation (``reviewed``): the preview tells the practitioner when not. A clinic
copy that cannot be read never blocks printing: the shipped template is used and the problem
is reported as a warning.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from assistant import paths
from assistant.errors import InvalidInput
from assistant.resources import load_toml_file, resource_path

log = logging.getLogger(__name__)

TEMPLATE_NAME = "aftercare.toml"

# Headings every template must provide (a clinic copy may omit some: the shipped wording fills in).
HEADING_KEYS = (
    "patient", "treated_at", "practitioner", "areas", "depths", "depth_zone", "depth_mm",
    "depth_value", "depth_passes", "notes", "timeline_when", "timeline_what", "normal",
    "call_clinic", "call_phone", "out_of_hours", "next_appointment", "phone", "page_number",
    "when_until", "when_from_until", "when_prescribed", "when_from_prescribed",
)  # fmt: skip


def template_name(language: str = "en") -> str:
    """The file name of the template in ``language``: "aftercare.toml", "aftercare-es.toml"."""
    return TEMPLATE_NAME if language == "en" else f"aftercare-{language}.toml"


_OFFSET_RE = re.compile(r"^\s*(\d{1,4})\s*(h|hours?|d|days?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Offset:
    """Time from the end of the treatment: elapsed hours, or calendar days at the same time."""

    amount: int
    unit: Literal["h", "d"]

    @classmethod
    def parse(cls, text: str) -> Offset:
        match = _OFFSET_RE.match(text)
        if match is None:
            raise ValueError(text)
        unit: Literal["h", "d"] = "h" if match.group(2).lower().startswith("h") else "d"
        return cls(int(match.group(1)), unit)

    @property
    def nominal_hours(self) -> int:
        return self.amount * (24 if self.unit == "d" else 1)

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


AS_PRESCRIBED = "as prescribed"
STEP_CONDITIONS = ("cold_sore_caution",)
STEP_RULES = ("sweat_window_hours", "scalp_products_hours")
# The kinds of area a step is written for (assistant.reference.Zone.area).
AREAS = ("face", "body", "scalp")


@dataclass(frozen=True)
class TemplateStep:
    start: Offset
    end: Offset | None  # None: "as prescribed", no end date printed
    text: str
    only_when: str | None = None  # printed only when this condition holds for the patient
    follows: str | None = None  # the end follows this clinical rule in force
    areas: tuple[str, ...] = AREAS  # printed when the session treats one of these

@dataclass(frozen=True)
class AftercareTemplate:
    version: str
    title: str
    intro: str
    footer: str
    headings: Mapping[str, str]
    steps: tuple[TemplateStep, ...]
    normal: tuple[str, ...]
    call_clinic: tuple[str, ...]
    next_on_date: str
    next_book_week: str
    next_unknown: str
    source: Path = field(compare=False)
    language: str = "en"
    # a fluent clinician has checked the translation (the English original counts as checked)
    reviewed: bool = True
    reviewer: str = ""
    # the language variant (BCP 47: "pt-PT") and register ("formal: o senhor / a senhora")
    variant: str = ""
    register: str = ""
    # the templates folder it was looked up in, to find the same clinic's other languages
    folder: Path | None = field(default=None, compare=False)
    # names of the treated areas by zone id; areas not named here print their English name
    zones: Mapping[str, str] = field(default_factory=dict)

    def texts(self) -> Iterator[tuple[str, str]]:
        """(where, text) for every text the sheet prints, for the glyph check."""
        yield "title", self.title
        yield "introduction", self.intro
        yield "footer", self.footer
        for key, value in self.headings.items():
            yield f"heading '{key}'", value
        for number, step in enumerate(self.steps, 1):
            yield f"step {number}", step.text
        for number, item in enumerate(self.normal, 1):
            yield f"'what is normal' item {number}", item
        for number, item in enumerate(self.call_clinic, 1):
            yield f"'call the clinic' item {number}", item
        yield "next appointment text", self.next_on_date
        yield "next appointment text", self.next_book_week
        yield "next appointment text", self.next_unknown
        for key, value in self.zones.items():
            yield f"area name '{key}'", value


class _TemplateProblem(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


_STEPS_HEADER_RE = re.compile(r"^\s*\[\[\s*steps\s*\]\]")


def _line_of_step(text: str, index: int, key: str | None = None) -> int | None:
    """1-based line of the ``index``-th ``[[steps]]`` entry, or of its ``key = …`` line."""
    lines = text.splitlines()
    headers = [n for n, line in enumerate(lines) if _STEPS_HEADER_RE.match(line)]
    if index >= len(headers):
        return None
    start = headers[index]
    if key is not None:
        stop = headers[index + 1] if index + 1 < len(headers) else len(lines)
        key_re = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for n in range(start, stop):
            if key_re.match(lines[n]):
                return n + 1
    return start + 1


def _line_of_key(text: str, key: str) -> int | None:
    key_re = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for n, line in enumerate(text.splitlines()):
        if key_re.match(line):
            return n + 1
    return None


def _string(data: Mapping[str, Any], key: str, where: str, raw: str) -> str:
    if key not in data:
        raise _TemplateProblem(f"{where} has no '{key}'")
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise _TemplateProblem(f"'{key}' in {where} must be some text", _line_of_key(raw, key))
    return value.strip()


def _string_list(data: Mapping[str, Any], table: str, raw: str) -> tuple[str, ...]:
    section = data.get(table)
    if not isinstance(section, dict) or "items" not in section:
        raise _TemplateProblem(f"the template has no [{table}] table with an 'items' list")
    items = section["items"]
    if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
        raise _TemplateProblem(
            f"'items' in [{table}] must be a list of texts", _line_of_key(raw, "items")
        )
    return tuple(i.strip() for i in items)


def _parse_steps(data: Mapping[str, Any], raw: str) -> tuple[TemplateStep, ...]:
    rows = data.get("steps")
    if not isinstance(rows, list) or not rows:
        raise _TemplateProblem("the template has no [[steps]]")
    steps: list[TemplateStep] = []
    for index, row in enumerate(rows):
        where = f"step {index + 1}"
        offsets: dict[str, Offset | None] = {}
        for key in ("from", "until"):
            if key not in row:
                raise _TemplateProblem(f"{where} has no '{key}'", _line_of_step(raw, index))
            if key == "until" and str(row[key]).strip().lower() == AS_PRESCRIBED:
                offsets[key] = None
                continue
            try:
                offsets[key] = Offset.parse(str(row[key]))
            except ValueError:
                raise _TemplateProblem(
                    f"{where} has '{key} = \"{row[key]}\"', which is not an offset "
                    '(write hours or days, e.g. "6h" or "7d")',
                    _line_of_step(raw, index, key),
                ) from None
        start, end = offsets["from"], offsets["until"]
        assert start is not None
        if end is not None and end.nominal_hours <= start.nominal_hours:
            raise _TemplateProblem(
                f"{where} ends before it starts", _line_of_step(raw, index, "until")
            )
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _TemplateProblem(f"{where} has no 'text'", _line_of_step(raw, index))
        only_when, follows = row.get("only_when"), row.get("follows")
        if only_when is not None and only_when not in STEP_CONDITIONS:
            raise _TemplateProblem(
                f"{where} has 'only_when = \"{only_when}\"'; expected "
                + ", ".join(STEP_CONDITIONS),
                _line_of_step(raw, index, "only_when"),
            )
        if follows is not None and follows not in STEP_RULES:
            raise _TemplateProblem(
                f"{where} has 'follows = \"{follows}\"'; expected " + ", ".join(STEP_RULES),
                _line_of_step(raw, index, "follows"),
            )
        areas = row.get("areas", list(AREAS))
        if (
            not isinstance(areas, list)
            or not areas
            or not all(isinstance(a, str) and a in AREAS for a in areas)
        ):
            raise _TemplateProblem(
                f"{where} has 'areas = {areas}'; expected a list of " + ", ".join(AREAS),
                _line_of_step(raw, index, "areas"),
            )
        steps.append(
            TemplateStep(start, end, " ".join(text.split()), only_when, follows, tuple(areas))
        )
    return tuple(steps)


def _parse_template(
    data: Mapping[str, Any], raw: str, source: Path, fallback_headings: Mapping[str, str] | None
) -> AftercareTemplate:
    headings_table = data.get("headings", {})
    if not isinstance(headings_table, dict):
        raise _TemplateProblem("[headings] must be a table", _line_of_key(raw, "headings"))
    headings: dict[str, str] = {}
    for key in HEADING_KEYS:
        value = headings_table.get(key)
        if isinstance(value, str) and value.strip():
            headings[key] = value.strip()
        elif fallback_headings is not None and key not in headings_table:
            headings[key] = fallback_headings[key]
        else:
            raise _TemplateProblem(f"[headings] has no text for '{key}'", _line_of_key(raw, key))
    nxt = data.get("next_appointment")
    if not isinstance(nxt, dict):
        raise _TemplateProblem("the template has no [next_appointment] table")
    on_date = _string(nxt, "on_date", "[next_appointment]", raw)
    book_week = _string(nxt, "book_week", "[next_appointment]", raw)
    if "{date}" not in on_date:
        raise _TemplateProblem("'on_date' must contain {date}", _line_of_key(raw, "on_date"))
    if "{week}" not in book_week:
        raise _TemplateProblem("'book_week' must contain {week}", _line_of_key(raw, "book_week"))
    zones = data.get("zones", {})
    if not isinstance(zones, dict) or not all(
        isinstance(v, str) and v.strip() for v in zones.values()
    ):
        raise _TemplateProblem("[zones] must name each area with some text")
    reviewed = data.get("reviewed", True)
    if not isinstance(reviewed, bool):
        raise _TemplateProblem("'reviewed' must be true or false", _line_of_key(raw, "reviewed"))
    return AftercareTemplate(
        language=str(data.get("language", "en")).strip() or "en",
        reviewed=reviewed,
        reviewer=str(data.get("reviewer", "")).strip(),
        variant=str(data.get("variant", "")).strip(),
        register=str(data.get("register", "")).strip(),
        zones={str(k): str(v).strip() for k, v in zones.items()},
        version=str(data.get("version", "")).strip() or "unversioned",
        title=_string(data, "title", "the template", raw),
        intro=" ".join(_string(data, "intro", "the template", raw).split()),
        footer=_string(data, "footer", "the template", raw),
        headings=headings,
        steps=_parse_steps(data, raw),
        normal=_string_list(data, "normal", raw),
        call_clinic=_string_list(data, "call_clinic", raw),
        next_on_date=on_date,
        next_book_week=book_week,
        next_unknown=_string(nxt, "unknown", "[next_appointment]", raw),
        source=source,
    )


def shipped_template_path(language: str = "en") -> Path:
    return resource_path(template_name(language))


def clinic_template_path(folder: Path | None = None, language: str = "en") -> Path:
    """Where the clinic's own edited copy lives (it may not exist), in the templates
    ``folder`` of the data folder in use."""
    return (folder or paths.templates_dir()) / template_name(language)


_template_cache: dict[Path, tuple[tuple[int, int], AftercareTemplate]] = {}


def load_template(path: Path | None = None, language: str = "en") -> AftercareTemplate:
    """Read a template (the shipped one in ``language`` by default). ``InvalidInput`` names
    the file and line.

    A template other than the shipped one may leave out headings; the shipped ones in its
    language are used. Results are cached until the file changes.
    """
    shipped = shipped_template_path(language)
    path = shipped if path is None else path
    try:
        stat = path.stat()
    except OSError as exc:
        raise InvalidInput(
            f"The aftercare template {path} cannot be read: {exc.strerror}."
        ) from exc
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _template_cache.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    data = load_toml_file(path)  # a syntax error names the line and column
    raw = path.read_text(encoding="utf-8")
    fallback = None if path == shipped else load_template(shipped, language).headings
    try:
        template = _parse_template(data, raw, path, fallback)
    except _TemplateProblem as problem:
        where = f"{path.name}, line {problem.line}" if problem.line else path.name
        raise InvalidInput(f"{where}: {problem}.", "aftercare template") from None
    _template_cache[path] = (key, template)
    return template


def active_template_path(folder: Path | None = None, language: str = "en") -> tuple[Path, bool]:
    """The template in use: the clinic's copy when there is one (True), else the shipped one."""
    clinic = clinic_template_path(folder, language)
    if clinic.is_file():
        return clinic, True
    return shipped_template_path(language), False


def load_active_template(
    folder: Path | None = None, language: str = "en"
) -> tuple[AftercareTemplate, str | None]:
    """The template in use in ``language``, and a warning when the clinic's copy is broken
    and was skipped."""
    path, is_clinic_copy = active_template_path(folder, language)
    warning = None
    try:
        template = load_template(path, language)
    except InvalidInput as exc:
        if not is_clinic_copy:
            raise
        warning = (
            f"The clinic's aftercare template ({path}) cannot be used, so the standard "
            f"wording is printed instead. {exc}"
        )
        log.warning("%s", warning)
        template = load_template(None, language)
    return replace(template, folder=folder), warning


def install_template_copy(folder: Path | None = None, language: str = "en") -> Path:
    """Copy the shipped template into the data folder for editing; keep an existing copy."""
    target = clinic_template_path(folder, language)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shipped_template_path(language), target)
    return target


def reset_template(folder: Path | None = None, language: str = "en") -> Path | None:
    """Go back to the shipped wording; the clinic's copy is kept as ``aftercare.toml.bak``."""
    target = clinic_template_path(folder, language)
    if not target.exists():
        return None
    backup = target.with_name(target.name + ".bak")
    os.replace(target, backup)
    return backup
