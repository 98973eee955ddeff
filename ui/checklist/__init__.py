"""The suitability checklist step."""
