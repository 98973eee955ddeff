"""The patient's own answers to the health questions (intake).

The patient answers the checklist's questions in plain words, in their language, on a phone
or a clinic tablet over the clinic's own network, or on this computer. The answers travel
encrypted end to end (``crypto``: the key is in the link's fragment, which a browser never
sends), reach a small server in the app (``server``) through a one-use link (``links``),
and are stored with the patient (``store``) as "patient said", for the practitioner to
confirm question by question at the chair (``answers``). ``wording`` reads the patient's
wording of the questions (``resources/intake*.toml``).

This package's ``__init__`` stays empty of imports: ``assistant.storage.models`` imports the table
(``table``) while the schema is assembled.
"""
