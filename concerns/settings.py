"""Settings read from the environment, each with a safe default for one machine.

Every variable is listed in README.md and .env.example.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def load_dotenv(path: Path = PROJECT_ROOT / ".env") -> None:
    """Read KEY=value lines from .env into the environment; what is already set wins."""
    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip('"').strip("'"))


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


@dataclass(frozen=True)
class Settings:
    # The school profile: everything school-specific.
    school_profile: Path = field(
        default_factory=lambda: Path(_env("SCHOOL_PROFILE", str(PROJECT_ROOT / "school" / "oakley_cross.yml")))
    )
    # Cases and the outbox. SQLite file by default; postgresql://... for production.
    database_url: str = field(
        default_factory=lambda: _env("DATABASE_URL", f"sqlite:///{PROJECT_ROOT / 'var' / 'cases.db'}")
    )
    # Outgoing mail. With no SMTP_HOST, `make run` starts a local server that keeps
    # each message as a file in MAIL_DIR.
    smtp_host: str = field(default_factory=lambda: _env("SMTP_HOST", ""))
    smtp_port: int = field(default_factory=lambda: int(_env("SMTP_PORT", "25")))
    smtp_user: str = field(default_factory=lambda: _env("SMTP_USER", ""))
    smtp_password: str = field(default_factory=lambda: _env("SMTP_PASSWORD", ""))
    # How mail to SMTP_HOST is protected: "starttls" (port 587), "tls" (implicit TLS, port 465)
    # or "none". Both TLS modes check the server's certificate and host name, against the
    # system's CAs or only the CA in SMTP_CA_FILE. Unset: "none" to a loopback host (a relay
    # on this machine, the local file-keeping server), "starttls" to any other.
    smtp_security: str = field(default_factory=lambda: _env("SMTP_SECURITY", "").lower())
    smtp_ca_file: str = field(default_factory=lambda: _env("SMTP_CA_FILE", ""))
    mail_from: str = field(default_factory=lambda: _env("MAIL_FROM", "assistant@oakleycross.example.org"))
    mail_dir: Path = field(default_factory=lambda: Path(_env("MAIL_DIR", str(PROJECT_ROOT / "var" / "mail"))))
    local_smtp_port: int = field(default_factory=lambda: int(_env("LOCAL_SMTP_PORT", "8025")))
    # A parent asked "Are you worried a child may be at risk?" who gives no answer at all: after
    # this many seconds the safeguarding lead is alerted with their words all the same.
    risk_question_alert_after_s: int = field(
        default_factory=lambda: int(_env("RISK_QUESTION_ALERT_AFTER_SECONDS", "600")))
    # How long a browser that signed in to a console account stays known to it (its cookie gets
    # a kept place on the argon2 threads in a sign-in flood): days from the sign-in that made
    # it known. Then its next sign-in counts as a new browser's, and makes it known again.
    known_browser_days: int = field(default_factory=lambda: max(1, int(_env("CONSOLE_KNOWN_BROWSER_DAYS", "90"))))
    # Only for tests and demonstrations: pretend it is this local time (ISO 8601),
    # so out-of-hours behaviour can be shown at any hour.
    clock_override: str = field(default_factory=lambda: _env("CONCERNS_NOW", ""))

    def effective_smtp(self) -> tuple[str, int]:
        """Where mail goes: the configured server, or the local file-keeping one."""
        if self.smtp_host:
            return self.smtp_host, self.smtp_port
        return "127.0.0.1", self.local_smtp_port
