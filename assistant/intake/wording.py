"""The health questions as the patient reads them, per language, from
``resources/intake.toml`` (English, and the order: groups and their questions) and
``resources/intake-CODE.toml`` (the same keys in another language).

Every checklist question is in exactly one group; a translation gives every text the
English file has. A wording that breaks either is refused when it is read, so a patient
never sees a missing question or English in the middle of their language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from assistant.checklist.loading import default_checklist
from assistant.checklist.model import Checklist, QuestionKind
from assistant.errors import InvalidInput, ResourceMissing
from assistant.resources import load_toml_file, resource_path
from assistant.text.languages import LANGUAGES, language

ENGLISH = "intake.toml"
PAGE_KEYS = (
    "title", "intro", "private", "start", "part", "yes", "no", "not_sure", "never", "month",
    "year", "when", "why", "next", "back", "review", "review_intro", "change",
    "not_answered", "send", "sending", "thanks_title", "thanks", "guardian_title",
    "guardian_intro", "guardian_name", "guardian_relation", "error_send", "error_link", "used",
    "expired", "slowed", "thanks_here", "staff",
)  # fmt: skip


@dataclass(frozen=True)
class PatientQuestion:
    id: str
    kind: QuestionKind
    text: str
    why: str = ""
    # Choice questions: (choice id, the patient's words), in the checklist's order.
    options: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PatientGroup:
    id: str
    title: str
    intro: str
    questions: tuple[PatientQuestion, ...]


@dataclass(frozen=True)
class Wording:
    language: str
    version: str
    rtl: bool
    reviewed: bool
    page: dict[str, str]
    groups: tuple[PatientGroup, ...]

    def question(self, question_id: str) -> PatientQuestion | None:
        return next((q for g in self.groups for q in g.questions if q.id == question_id), None)

    def to_json(self, clinic_name: str, guardian: bool) -> dict[str, Any]:
        """What the page needs: its words, the groups and questions, whether a guardian
        answers. Nothing about the patient beyond that."""
        return {
            "language": self.language,
            "version": self.version,
            "dir": "rtl" if self.rtl else "ltr",
            "clinic": clinic_name,
            "guardian": guardian,
            "page": self.page,
            "groups": [
                {
                    "id": g.id,
                    "title": g.title,
                    "intro": g.intro,
                    "questions": [
                        {
                            "id": q.id,
                            "kind": q.kind.value,
                            "text": q.text,
                            "why": q.why,
                            "options": [{"id": i, "label": t} for i, t in q.options],
                        }
                        for q in g.questions
                    ],
                }
                for g in self.groups
            ],
        }


def _file(code: str) -> str:
    return ENGLISH if code == "en" else f"intake-{code}.toml"


def _read(code: str) -> dict[str, Any]:
    path = resource_path(_file(code))
    if not path.is_file():
        raise ResourceMissing(f"The patient questionnaire in '{code}' ({path.name}) is missing.")
    return load_toml_file(path)


def _need(table: Any, key: str, where: str) -> str:
    value = table.get(key) if isinstance(table, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{where}: '{key}' is missing or empty.", key)
    return value


@cache
def wording(code: str = "en") -> Wording:
    """The patient's wording in the language ``code`` (one of the handout languages)."""
    code = language(code).code
    return build_wording(_read("en"), _read(code), default_checklist())


def build_wording(english: dict[str, Any], data: dict[str, Any], checklist: Checklist) -> Wording:
    """Check ``data`` (a language's file) against the English file's structure and the
    checklist's questions, and make the wording."""
    name = _file(str(data.get("language", "?")))
    page = {key: _need(data.get("page"), key, f"{name} [page]") for key in PAGE_KEYS}
    structure = english.get("questions", {})
    groups_en = english.get("groups", {})
    texts = data.get("questions", {})
    seen: dict[str, str] = {}
    for qid, row in structure.items():
        if qid not in checklist.questions:
            raise InvalidInput(f"{name}: '{qid}' is not a question of the checklist.", qid)
        group = row.get("group")
        if group not in groups_en:
            raise InvalidInput(f"{name}: '{qid}' names an unknown group '{group}'.", qid)
        seen[qid] = group
    missing = [qid for qid in checklist.questions if qid not in seen]
    if missing:
        raise InvalidInput(f"{name}: no patient wording for {', '.join(missing)}.", missing[0])
    groups = []
    for gid in groups_en:
        gdata = data.get("groups", {}).get(gid)
        questions = []
        for qid in (q for q, g in seen.items() if g == gid):
            source = checklist.questions[qid]
            row = texts.get(qid)
            where = f"{name} [questions.{qid}]"
            why_en = structure[qid].get("why")
            why = _need(row, "why", where) if why_en else ""
            options: tuple[tuple[str, str], ...] = ()
            if source.kind is QuestionKind.CHOICE:
                given = row.get("options", {}) if isinstance(row, dict) else {}
                options = tuple(
                    (o.id, _need(given, o.id, f"{where} options")) for o in source.options
                )
            questions.append(
                PatientQuestion(qid, source.kind, _need(row, "text", where), why, options)
            )
        groups.append(
            PatientGroup(
                gid,
                _need(gdata, "title", f"{name} [groups.{gid}]"),
                _need(gdata, "intro", f"{name} [groups.{gid}]"),
                tuple(questions),
            )
        )
    code = str(data.get("language", ""))
    return Wording(
        language=code,
        version=_need(data, "version", name),
        rtl=LANGUAGES[code].rtl if code in LANGUAGES else False,
        reviewed=bool(data.get("reviewed", False)),
        page=page,
        groups=tuple(groups),
    )
