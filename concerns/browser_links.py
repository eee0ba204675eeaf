"""Links by email that make a browser known to a staff account (issue 12, item 4).

In a flood of bad sign-ins spread over many addresses, the place on the argon2 threads for
strangers is full (concerns/ratelimit.py, SignInPlaces), and only a browser the account already
knows has a place kept for it. A member of staff on a browser new to the console asks for a
link instead: it is emailed to the account's own address, and opening it in this browser makes
the browser known to the account. They then sign in with their password (and one-time code) as
usual, in the kept place, and judged on this browser's failures alone, so a stranger failing at
their password does not hold them up either.

- Nothing tells who has an account. Asking records the address as typed and the client's
  address, the same work whatever was typed, and the answer is always the same; the account is
  looked up afterwards (`send_asked`), away from the answer.
- Nobody earns a place by asking. The link goes only to the account's own address; its token
  is random, stored as a SHA-256 hash, works once and for `LINK_LIFETIME`; a link by itself
  signs nobody in. The token is in the outbox's copy of the email only until the mail server
  has it (CaseStore.mark_sent blanks it): a copy of the database taken in those moments, or
  while the mail server is down and the link's 15 minutes run, gives a known browser for that
  account, never a session.
- Asking cannot be turned against staff. An account gets at most `LINKS_PER_ACCOUNT` links in
  any `LINK_LIFETIME`, so a stranger asking again and again sends its owner a few emails, not a
  flood; and whenever that limit holds a link back, the owner's inbox already holds one sent
  within its lifetime, which still works (using one leaves the others: whoever can read one
  can read them all). A client address may ask `REQUESTS_PER_ADDRESS` times an hour (staff
  behind one school router share one); more get a wait, which depends on the address only.
- Every link sent and used is audited against the account, with the client's address, and so
  is a link held back (once per account in any `LINK_LIFETIME`, read from the audit log, so a
  flood of asks does not flood it, across restarts and consoles); the mail goes through the
  outbox, retried until delivered.

Why not a one-time code as the pass to the kept place (the console's form takes the code with
the password, in one step, so it would fit): the code would then be checked before the
password, and whether a sign-in got the kept place (a 401 after a check rather than a 429 at
once, during a flood the attacker makes) would tell a stranger whether a guessed code is right,
with no password and no failure counted. That would make the second factor guessable apart
from the password; counting wrong codes per account would stop that, but would then let a
stranger switch the kept place off for the DSL with a few wrong codes. It would also help only
the roles with codes, and not against the account's own delays.
"""
from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update

from concerns.profile import SchoolProfile
from concerns.staff import StaffStore, token_digest
from concerns.store import CaseStore, _aware, queue_mail_in, utcnow
from concerns.tables import audit, browser_link_requests, browser_links, known_devices, staff

LINK_LIFETIME = dt.timedelta(minutes=15)
LINKS_PER_ACCOUNT = 3
REQUESTS_PER_ADDRESS = 10
REQUEST_MEMORY = dt.timedelta(hours=1)
# The console's page that takes a link (console/app.py); the token goes in the query string,
# which the proxy's access log leaves out (deploy/nginx/concerns.conf).
LINK_PATH = "/sign-in/browser"
_EMAIL_LENGTH, _CLIENT_LENGTH = 255, 100


@dataclass(frozen=True)
class BrowserMadeKnown:
    email: str
    # The new value of the browser's known-browser cookie (the console's `console_device`).
    device_token: str


def link_email(profile: SchoolProfile, name: str, client: str, token: str, asked_at: dt.datetime) -> tuple[str, str]:
    """The email's subject and body: the link, and what it does and does not do."""
    link = f"{profile.console_url.rstrip('/')}{LINK_PATH}?token={token}"
    minutes = int(LINK_LIFETIME.total_seconds() // 60)
    subject = f"Sign-in link for the {profile.short_name} staff console"
    body = "\n".join([
        f"Hello {name},",
        "",
        f"Someone asked for a link to sign in to the {profile.short_name} staff console from a new browser",
        f"(at {asked_at.strftime('%H:%M UTC on %d %B %Y')}, from the address {client}).",
        "",
        f"If it was you, open this link in the browser you want to use, within {minutes} minutes:",
        "",
        link,
        "",
        "It makes that browser known to your account. You then sign in with your password (and your",
        "one-time code, if you use one) as usual; sign-ins from a known browser are not held up when",
        "many sign-ins arrive at once. The link works once.",
        "",
        "If it was not you, you need do nothing: nobody can sign in with this link alone. If you get",
        "many of these, tell whoever runs the console.",
    ]) + "\n"
    return subject, body


class BrowserLinks:
    def __init__(self, store: CaseStore):
        self.store = store
        self.engine = store.engine
        # account id -> the latest held-back entry this console knows of, so a flood of asks
        # reads the audit log once per account in any LINK_LIFETIME, not once per ask.
        self._held_back_audited: dict[int, dt.datetime] = {}

    def ask(self, email: str, client: str, now: dt.datetime | None = None) -> dt.timedelta:
        """Record that a link was asked for this address; 0 if it was, else how long this client
        address must wait. The same work whatever the email (it is not looked up here)."""
        now = now or utcnow()
        client = (client or "")[:_CLIENT_LENGTH]
        with self.engine.begin() as connection:
            asked = connection.execute(select(func.count(), func.min(browser_link_requests.c.at)).where(
                browser_link_requests.c.client == client, browser_link_requests.c.at > now - REQUEST_MEMORY)).one()
            if asked[0] >= REQUESTS_PER_ADDRESS:
                return max(dt.timedelta(seconds=1), _aware(asked[1]) + REQUEST_MEMORY - now)
            connection.execute(browser_link_requests.insert().values(
                email=(email or "").strip().lower()[:_EMAIL_LENGTH], client=client, at=now))
        return dt.timedelta(0)

    def send_asked(self, profile: SchoolProfile, now: dt.datetime | None = None) -> int:
        """Turn the links asked for into emails, for addresses that are accounts of people in the
        profile now, up to each account's limit; returns how many were sent. Each request is
        claimed before it is handled, so two consoles never both handle one."""
        now = now or utcnow()
        sent = 0
        while True:
            with self.engine.connect() as connection:
                waiting = connection.execute(select(browser_link_requests).where(
                    browser_link_requests.c.handled_at.is_(None)).order_by(browser_link_requests.c.id).limit(100)).all()
            for request in waiting:
                sent += self._send_one(request, profile, now)
            if len(waiting) < 100:
                break
        self.forget_spent(now)
        return sent

    def _send_one(self, request, profile: SchoolProfile, now: dt.datetime) -> int:
        with self.engine.begin() as connection:
            claimed = connection.execute(update(browser_link_requests).where(
                browser_link_requests.c.id == request.id, browser_link_requests.c.handled_at.is_(None))
                .values(handled_at=now)).rowcount == 1
            # One asked for while no console was running to send it is not sent long after:
            # whoever asked has gone, and a link arriving out of the blue would only puzzle.
            fresh = claimed and _aware(request.at) > now - LINK_LIFETIME
            account = connection.execute(select(staff).where(
                staff.c.email == request.email, staff.c.active == 1)).first() if fresh else None
            member = StaffStore.member(profile, request.email) if account else None
            if member is None:
                return 0  # no such account (or a leaver's, or a disabled one): nothing is sent, nothing said
            recent = connection.execute(select(func.count()).select_from(browser_links).where(
                browser_links.c.staff_id == account.id,
                browser_links.c.created_at > now - LINK_LIFETIME)).scalar_one()
            if recent >= LINKS_PER_ACCOUNT:
                # One entry per account in any LINK_LIFETIME, so a flood of asks for one address
                # cannot flood the audit log. The audit log itself is the memory, so a console
                # that restarts, or a second one, does not write it again.
                known = self._held_back_audited.get(account.id)
                if known is None or known <= now - LINK_LIFETIME:
                    latest = connection.execute(select(func.max(audit.c.at)).where(
                        audit.c.case_id.is_(None), audit.c.action == "browser_link_held_back",
                        audit.c.actor == account.email, audit.c.at > now - LINK_LIFETIME)).scalar_one_or_none()
                    if latest is not None:
                        self._held_back_audited[account.id] = _aware(latest)
                    known = self._held_back_audited.get(account.id)
                if known is None or known <= now - LINK_LIFETIME:
                    minutes = int(LINK_LIFETIME.total_seconds() // 60)
                    connection.execute(audit.insert().values(
                        case_id=None, at=now, actor=account.email, action="browser_link_held_back",
                        detail=f"asked from {request.client}; {recent} sent in the last {minutes} minutes, which "
                               f"still work; more asks in the next {minutes} minutes are held back without an entry"))
                    self._held_back_audited[account.id] = now
                return 0
            token = secrets.token_urlsafe(32)
            connection.execute(browser_links.insert().values(
                token_hash=token_digest(token), staff_id=account.id, created_at=now, expires_at=now + LINK_LIFETIME))
            subject, body = link_email(profile, member.name, request.client, token, _aware(request.at))
            queue_mail_in(connection, account.email, subject, body, now)
            connection.execute(audit.insert().values(case_id=None, at=now, actor=account.email,
                                                     action="browser_link_sent", detail=f"asked from {request.client}"))
            return 1

    def usable(self, token: str, now: dt.datetime | None = None) -> bool:
        """Whether this link would still make a browser known (looked at, not used: mail
        scanners open links too)."""
        now = now or utcnow()
        with self.engine.connect() as connection:
            return connection.execute(select(browser_links.c.id).where(
                browser_links.c.token_hash == token_digest(token or ""), browser_links.c.used_at.is_(None),
                browser_links.c.expires_at > now)).first() is not None

    def use(self, token: str, client: str, profile: SchoolProfile,
            now: dt.datetime | None = None) -> BrowserMadeKnown | None:
        """Use a link: the browser that sent it becomes known to the account, with a new
        cookie. None for a link that is unknown, used, expired, or whose account is disabled or
        no longer in the profile."""
        now = now or utcnow()
        with self.engine.begin() as connection:
            link = connection.execute(select(browser_links.c.id, staff.c.id.label("staff_id"), staff.c.email).join(
                staff, staff.c.id == browser_links.c.staff_id).where(
                browser_links.c.token_hash == token_digest(token or ""), browser_links.c.used_at.is_(None),
                browser_links.c.expires_at > now, staff.c.active == 1)).first()
            if link is None or StaffStore.member(profile, link.email) is None:
                return None
            # Atomic: of two uses of one link, only the first makes a browser known.
            taken = connection.execute(update(browser_links).where(
                browser_links.c.id == link.id, browser_links.c.used_at.is_(None)).values(used_at=now)).rowcount
            if taken != 1:
                return None
            device_token = secrets.token_urlsafe(32)
            connection.execute(known_devices.insert().values(token_hash=token_digest(device_token),
                                                             staff_id=link.staff_id, created_at=now))
            connection.execute(audit.insert().values(case_id=None, at=now, actor=link.email,
                                                     action="browser_made_known_by_link",
                                                     detail=f"from {(client or '')[:_CLIENT_LENGTH]}"))
        return BrowserMadeKnown(link.email, device_token)

    def forget_spent(self, now: dt.datetime) -> dict[str, int]:
        """Delete expired links and requests older than the hour they are counted for."""
        with self.engine.begin() as connection:
            return forget_spent_links(connection, now)


def forget_spent_links(connection, now: dt.datetime) -> dict[str, int]:
    """Links past their time and requests past the hour they count for; at every pass of
    `send_asked` and by the retention purge (concerns/privacy.py). Returns the counts."""
    return {"browser_links": connection.execute(delete(browser_links).where(
                browser_links.c.expires_at <= now)).rowcount,
            "browser_link_requests": connection.execute(delete(browser_link_requests).where(
                browser_link_requests.c.handled_at.is_not(None),
                browser_link_requests.c.at <= now - REQUEST_MEMORY)).rowcount}
