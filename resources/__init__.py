"""Clinical content, templates, fonts and icons shipped with Chairside (package data)."""
