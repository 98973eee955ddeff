"""The audit trail: every change, chained and sealed so tampering shows."""
