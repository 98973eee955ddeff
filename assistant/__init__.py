"""Chairside core: clinical rules, storage and PDF output. Never imports Qt."""

__version__ = "0.1.0"
