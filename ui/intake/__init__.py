"""The patient's own answers: the questionnaire link and patient mode."""
