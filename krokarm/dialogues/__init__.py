"""Dialogues (dialoger): dialogue days, network meetings and webinars, what was said, and what happened next."""
