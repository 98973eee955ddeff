"""Records that must hold: the audit trail, backups, exports and erasure."""
