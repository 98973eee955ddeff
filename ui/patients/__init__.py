"""The patient list, the patient form and the patient page."""
