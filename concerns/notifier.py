"""Emails to staff: written to the outbox with the case, then sent over SMTP with retries.

An email says that a case exists and where to read it. It never carries the child's
name, the parent's words or contact details: email is not a safe place for them.
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import smtplib
import ssl
import time
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from concerns.profile import SchoolProfile
from concerns.store import CaseStore, Email, OutboxMessage, utcnow
from concerns.triage import STAGE_1, STAGE_2
from concerns.wording import ROLE_TITLES, complaint_stage, panel_arranged_by

log = logging.getLogger(__name__)

CATEGORY_TITLES = {
    "concern": "Concern about a child",
    "complaint": "Complaint",
    "bullying": "Bullying report",
    "cyberbullying": "Cyberbullying report",
    "social_media": "Social media matter",
    "safeguarding": "SAFEGUARDING",
    "handoff": "Parent asked to speak to someone",
}
STAGE_TITLES = {STAGE_1: "stage 1 (formal complaint)", STAGE_2: "stage 2 (panel of governors)"}


def compose_emails(record: dict[str, Any], recipients: list[str], profile: SchoolProfile) -> list[Email]:
    """One email per recipient, with nothing personal in it."""
    urgent = record["urgency"] == "urgent"
    title = CATEGORY_TITLES.get(record["category"], record["category"])
    prefix = "[URGENT] " if urgent else ""
    subject = f"{prefix}{title}: {record['reference']}"
    link = f"{profile.console_url.rstrip('/')}/cases/{record['reference']}"
    # Past the profile's last term date the dates are counted in weekdays.
    estimate = " (estimate: past the term dates in the profile)" if record.get("due_estimated") else ""
    stage = complaint_stage(record)
    lines = [
        f"A parent or carer has raised a matter with the {profile.short_name} assistant.",
        "",
        f"Reference:       {record['reference']}",
        f"Category:        {record['category']}",
        *([f"Stage:           {STAGE_TITLES[stage]}"] if stage in STAGE_TITLES else []),
        f"About:           {record['about'] or '-'}",
        f"Urgency:         {record['urgency']}",
        f"Routed to:       {ROLE_TITLES.get(record['routed_to'], record['routed_to'])}",
        f"Channel:         {record['channel']}",
        f"Acknowledge by:  {record['acknowledge_by']}{estimate}",
        f"Respond by:      {record['respond_by']}{estimate}",
        "",
        f"Read the case in the staff console: {link}",
        "",
        "The parent's account and any names are kept in the console only, not in email.",
    ]
    if urgent:
        lines.insert(0, "URGENT: a child may be at risk. Please read and act on this case now.\n")
    if stage == STAGE_2:
        # The DfE's model procedure: the parent asked for a panel after stage 1's outcome.
        lines[-1:-1] = [f"This complaint is at stage 2: a panel of governors who have not been involved before, "
                        f"arranged by {panel_arranged_by(record.get('routed_to'))}.",
                        f"Acknowledge it to the parent within {profile.acknowledge_days} school days (by the date "
                        "above) and tell them the date of the panel.", ""]
    if record["category"] == "safeguarding" and record.get("about") == "staff":
        # KCSIE part four: what the person managing an allegation about staff must do first.
        lines[-1:-1] = ["This is an allegation about a member of staff. Do not investigate it yourself and do not tell",
                        "the person it is about. Consult the local authority designated officer (LADO) the same",
                        "working day, before anything else is done.", ""]
    body = "\n".join(lines) + "\n"
    return [Email(recipient=address, subject=subject, body=body, urgent=urgent) for address in recipients]


def answer_not_delivered_email(profile: SchoolProfile, conversation_id: str, reason: str) -> tuple[str, str]:
    """The office's email when the assistant's answer to a parent on Messenger was not
    delivered (channels/messenger.py): nothing personal, only that it happened, why (Meta's
    words, which never quote the parent) and where the conversation is."""
    subject = "Messenger: a parent did not get the assistant's answer"
    link = f"{profile.console_url.rstrip('/')}/conversations/{conversation_id}"
    body = "\n".join([
        f"The {profile.short_name} assistant answered a parent or carer on the school's Facebook Page, but",
        f"Messenger did not deliver the answer ({reason[:300]}).",
        "",
        "They may be waiting for a reply, or may not have seen advice the assistant gave them (such as",
        "calling 999). Please check the conversation in the Page's own inbox (Meta Business Suite) and reply",
        "there or by phone if you can. If it has a case you may see, it is also in the staff console:",
        link,
        "",
        "You are told at most once a day for each parent. The parent's words are not in this email.",
    ]) + "\n"
    return subject, body


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def outbox_message_id(message: OutboxMessage, domain: str) -> str:
    """The Message-ID of one outbox message, the same at every try: a message the server
    accepted just before the sender died is sent again, and mail clients fold the copy
    into the first. The row's id with its creation time (in microseconds), so a restored
    or second database that reuses the id does not reuse the Message-ID."""
    created = (message.created_at - _EPOCH) // dt.timedelta(microseconds=1)
    return f"<outbox.{message.id}.{created}@{domain}>"


def retry_delay(attempts: int, base: float = 5.0, ceiling: float = 900.0) -> dt.timedelta:
    """Back-off after a failed send: 5 s, 10 s, 20 s ... at most 15 minutes."""
    return dt.timedelta(seconds=min(ceiling, base * (2 ** max(0, attempts))))


SMTP_SECURITY_MODES = ("starttls", "tls", "none")


def is_loopback(host: str) -> bool:
    """Whether `host` is this machine: mail to it never crosses a network."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host.lower().rstrip(".") == "localhost"


def smtp_security_for(host: str, configured: str = "") -> str:
    """How mail to `host` is protected: the configured mode (SMTP_SECURITY); unset, plain only
    to a loopback host and STARTTLS to any other."""
    if not configured:
        return "none" if is_loopback(host) else "starttls"
    if configured not in SMTP_SECURITY_MODES:
        raise ValueError(f"SMTP_SECURITY is {configured!r}; it must be one of {', '.join(SMTP_SECURITY_MODES)}")
    return configured


class Mailer:
    """Sends one message over SMTP; raises on any failure so the outbox can retry.

    With STARTTLS or implicit TLS the server's certificate and host name are checked (against
    the system's CAs, or only `ca_file`'s); a server that fails the check, or does not offer
    STARTTLS, gets nothing, and the message stays in the outbox."""

    def __init__(self, host: str, port: int, sender: str, user: str = "", password: str = "",
                 security: str = "", ca_file: str = "", timeout: float = 10.0):
        self.host, self.port, self.sender = host, port, sender
        self.user, self.password, self.timeout = user, password, timeout
        self.security = smtp_security_for(host, security)
        self.tls = ssl.create_default_context(cafile=ca_file or None) if self.security != "none" else None

    @property
    def domain(self) -> str:
        return self.sender.split("@")[-1]

    def send(self, recipient: str, subject: str, body: str, message_id: str | None = None) -> None:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = recipient
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = message_id or make_msgid(domain=self.domain)
        message.set_content(body)
        if self.security == "tls":
            connection = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=self.tls)
        else:
            connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        with connection as smtp:
            if self.security == "starttls":
                smtp.starttls(context=self.tls)
            if self.user:
                smtp.login(self.user, self.password)
            smtp.send_message(message)


def deliver_due(store: CaseStore, mailer: Mailer, case_id: int | None = None,
                now: dt.datetime | None = None) -> tuple[int, int]:
    """Send what is due (only one case's mail if case_id); return (sent, failed).

    At least once: a sender that dies after the server accepted a message but before
    `mark_sent` leaves its claim to go stale, and the message is sent again, with the same
    Message-ID."""
    sent = failed = 0
    for message in store.claim_due(now=now, case_id=case_id):
        try:
            mailer.send(message.recipient, message.subject, message.body,
                        message_id=outbox_message_id(message, mailer.domain))
        except (OSError, smtplib.SMTPException) as error:
            failed += 1
            retry_at = utcnow() + retry_delay(message.attempts)
            # The address is staff's, not a parent's: safe to log.
            log.warning("mail to %s for case %s failed (attempt %d): %s; retrying at %s",
                        message.recipient, message.case_id, message.attempts + 1, type(error).__name__,
                        retry_at.isoformat(timespec="seconds"))
            store.mark_failed(message.id, f"{type(error).__name__}: {error}", retry_at)
        else:
            sent += 1
            store.mark_sent(message.id)
    return sent, failed


def run_outbox_worker(store: CaseStore, mailer: Mailer, interval: float = 2.0,
                      should_stop=lambda: False) -> None:
    """Keep sending due mail until told to stop (the `make run` outbox process)."""
    while not should_stop():
        try:
            deliver_due(store, mailer)
        except Exception:  # a database hiccup must not end the worker
            log.exception("outbox pass failed; trying again")
        time.sleep(interval)
