"""Signing in and locking: the unlock dialog, the lock screen, PIN entry."""
