"""The staff console and the public widget assets (Sanic). Never imports rasa-sdk."""
