"""Running on several machines: configuration (see README.md here) and the Rasa lock store
it needs."""
