"""The visit screen: a patient's visit takes the whole window, step by step (checklist,
consent, session record, aftercare sheet), with the patient bar above and Back/Next below.
``view`` is the screen, ``bars`` the patient and step bars, ``host`` the main window's side,
``aftercare_step`` the last step, ``shortcuts`` the Help list of keys."""
