"""The clinic's day: appointments, follow-up calls, complications, the summary."""
