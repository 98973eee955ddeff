"""The audit trail window and the integrity banner."""
