"""Rasa NLU components of this project (loaded by name from config.yml)."""
