"""Chairside's Qt widgets: a thin client of ``assistant``."""
