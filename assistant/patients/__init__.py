"""Patients: their records, the search, and their data (export, erasure)."""
