"""The clinic's day: appointments booked at a safe date (``appointments``, ``safety``), the
follow-up calls a signed session asks for (``followups``), the complications register with a
regulator's report (``complications``, ``report``), the calendar file a patient takes home
(``calendar``) and the governance summary with its charts (``summary``).

The mapped tables live in ``tables`` (imported by ``assistant.storage.models`` so the metadata is
whole); nothing here imports Qt."""
