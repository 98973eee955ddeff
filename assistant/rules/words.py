"""The clinical rules as the Settings › Clinical rules page shows them: labels, values and
bounds in the practitioner's language (``resources/labels-CODE.toml``: ``[rules]`` by rule
id, ``[rule_units]`` and ``[rule_choices]`` for the words of the values). What is stored,
printed on the rule sheet and audited keeps the canonical English texts ("6 months",
"not_suitable"); a value typed with the practitioner's words is read back to them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.text.i18n import current_language
from assistant.text.labels import RULE_CHOICES, RULE_UNITS, data_label, translated_labels

if TYPE_CHECKING:
    from assistant.rules.catalogue import RuleDefinition


def rule_label(rule: RuleDefinition, code: str | None = None) -> str:
    """The rule's label: "Última dosis de isotretinoína oral (Roaccutane, Accutane)"."""
    return data_label("rules", rule.id, code, default=rule.label)


def _word(word: str, code: str | None) -> str:
    if word in RULE_UNITS:
        return data_label("rule_units", word, code)
    if word in RULE_CHOICES:
        return data_label("rule_choices", word, code)
    return word


def value_words(canonical: str, code: str | None = None) -> str:
    """A canonical value in words: "6 months" → "6 meses", "not_suitable" → "no apto";
    numbers, "mm" and Fitzpatrick types stay as they are."""
    return " ".join(_word(word, code) for word in canonical.split(" "))


def bounds_words(rule: RuleDefinition, code: str | None = None) -> str:
    """The allowed values in words: "0 días – 12 meses" or "perioral o facial"."""
    if rule.choices:
        return f" {_word('or', code)} ".join(value_words(c, code) for c in rule.choices)
    return f"{value_words(rule.low or '', code)} – {value_words(rule.high or '', code)}"


def _reverse(kind: str) -> dict[str, str]:
    table = translated_labels(current_language()).get(kind, {})
    return {text.lower(): key for key, text in table.items()}


def unit_of_words(word: str) -> str | None:
    """The English unit for a unit in the practitioner's language ("meses" → "months")."""
    return _reverse("rule_units").get(word.lower())


def choice_of_words(text: str) -> str | None:
    """The choice for its words in the practitioner's language ("precaución" → "caution")."""
    return _reverse("rule_choices").get(text.strip().lower())
