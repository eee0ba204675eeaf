"""Rasa input channels of this project (registered in credentials.yml)."""
