"""Thin rasa-sdk adapters: read slots, call the core (concerns/), answer the parent."""
