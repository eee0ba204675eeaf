"""The staff console: `create_app(settings)`.

Staff sign in, see the cases they may see (concerns/access.py), act on them, and take over
conversations from the assistant. Every view of a case and every change is audited.
The same app serves the parents' chat widget (`/widget.js`) and a demo page of a school
website that embeds it (`/`), and a read-only JSON API for integrations (`/api/...`).
"""
from __future__ import annotations

import asyncio
import datetime as dt
import functools
import json
import logging
import os
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

import aiohttp
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Sanic, response
from sanic.request import Request

from channels.graph_api import GraphAPI
from concerns.access import StaffIdentity, can_view
from concerns.browser_links import LINK_LIFETIME, BrowserLinks
from concerns.calendar import SchoolCalendar, current_time
from concerns.evidence_store import REMOVED_NUDE_IMAGE, EvidenceStore
from concerns.notices import NOTICE_ROLES, NoticeError, checked_notice
from concerns.notifier import compose_emails
from concerns.profile import CurrentProfile
from concerns.ratelimit import PlacesFull, SignInGate, SignInPlaces
from concerns.replies import messenger_reply_mode
from concerns.settings import Settings
from concerns.stages import StageStep, move_to_stage_2, next_step
from concerns.staff import SecondFactorNeeded, SignInThrottled, StaffStore
from concerns.store import STATUSES, CaseStore
from concerns.transcript import read as read_conversation
from concerns.transcript import visible_lines
from concerns.wording import complaint_stage
from console.rasa_api import RasaAPI, conversation_channel, last_parent_message_at

HERE = Path(__file__).resolve().parent
WIDGET = HERE / "static" / "widget.js"
SESSION_COOKIE = "console_session"
# Marks a browser that has signed in to an account before (concerns/staff.py, known_devices).
DEVICE_COOKIE = "console_device"
# argon2 checks run on worker threads of their own, this many at once, at a lower CPU priority
# than the console's pages. One is kept for browsers the account already knows (their cookie);
# every other sign-in shares the rest, with at most STRANGERS_WAITING waiting for it, and more
# are refused (429) at once (concerns/ratelimit.py, SignInPlaces): a flood from many addresses
# fills only that lane, and staff on a browser they used before still get in.
SIGN_IN_CONCURRENCY = 2
KEPT_FOR_KNOWN_BROWSERS = 1
STRANGERS_WAITING = 20
KNOWN_BROWSERS_WAITING = 10
# Before that queue, each client address (concerns/ratelimit.py, SignInGate): this many sign-ins
# waiting at once, checked one at a time; more are refused (429) without a check, so one address
# flooding the sign-in page never holds more than one argon2 thread.
SIGN_INS_AT_ONCE_PER_ADDRESS = 4
SIGN_IN_NICENESS = 10
LINK_MINUTES = int(LINK_LIFETIME.total_seconds() // 60)
LINK_PASS_EVERY_SECONDS = 600
# What a kept reply waits for, by channel: shown beside it in the conversation view.
KEPT_REASONS = {"web": "kept for the parent's chat: shown when it is open, or when they come back to it",
                "rest": "kept in the conversation: this channel does not pass replies on to the parent"}
log = logging.getLogger(__name__)


def _lower_this_threads_priority() -> None:
    """On Linux a thread has its own nice value (and argon2's own threads inherit it): a flood
    of sign-ins then takes the CPU the pages leave, not the pages' share."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), SIGN_IN_NICENESS)
    except (AttributeError, OSError):  # not Linux: the semaphore alone bounds the sign-ins
        pass


class AddressThrottled(Exception):
    """This client address has sent too many sign-ins, or too many at once; none was checked."""

    def __init__(self, seconds: float):
        super().__init__(f"try again in {seconds:.0f} s")
        self.seconds = seconds


def trusted_proxies_from_environment() -> int:
    """CONSOLE_TRUSTED_PROXIES: how many proxies in front of the console each append to
    X-Forwarded-For (0, the default: none, the client is the socket's peer). The older
    CONSOLE_TRUST_PROXY=true means one."""
    value = os.environ.get("CONSOLE_TRUSTED_PROXIES", "").strip()
    if not value:
        return 1 if os.environ.get("CONSOLE_TRUST_PROXY", "").strip().lower() == "true" else 0
    return max(0, int(value))


def create_app(settings: Settings | None = None, name: str = "console") -> Sanic:
    settings = settings or Settings()
    # Read again when the file changes: who has which role is the profile's, at every request.
    current_profile = CurrentProfile(settings.school_profile)
    profile = current_profile()
    calendar = SchoolCalendar(profile)
    store = CaseStore(settings.database_url)
    store.migrate()
    people = StaffStore(store, known_browser_lifetime=dt.timedelta(days=settings.known_browser_days))
    # Emailed links that make a browser known to an account (concerns/browser_links.py).
    links = BrowserLinks(store)
    evidence = EvidenceStore(store.engine)  # the files parents sent, kept with their cases
    rasa_port = os.environ.get("RASA_PORT", "5005")
    rasa = RasaAPI(os.environ.get("RASA_URL", f"http://127.0.0.1:{rasa_port}"), os.environ.get("RASA_JWT_SECRET", ""))
    # Staff replies on Messenger go from here, so the console knows whether each arrived.
    graph = GraphAPI.from_environment()
    chat_server = os.environ.get("CHAT_SERVER_URL", f"http://127.0.0.1:{rasa_port}")
    secure_cookies = os.environ.get("CONSOLE_SECURE_COOKIES", "").lower() == "true"
    templates = Environment(loader=FileSystemLoader(HERE / "templates"),
                            autoescape=select_autoescape(["html", "xml"], default=True))
    app = Sanic(name)
    # Behind N trusted proxies the client is the Nth address from the right of X-Forwarded-For
    # (Sanic's request.remote_addr): entries further left are whatever the client wrote.
    app.config.PROXIES_COUNT = trusted_proxies_from_environment() or None
    app.ctx.people = people
    app.ctx.store = store
    app.ctx.rasa = rasa

    def render(template: str, request: Request, status: int = 200, headers: dict | None = None, **values: Any):
        session = getattr(request.ctx, "session", None)
        me = session.staff if session else None
        # From six weeks before the profile's last term date, those who keep the profile are
        # told to add next year's terms; past it, due dates are estimates.
        calendar_ends = (calendar.last_term_end if me and me.role in ("headteacher", "office")
                         and calendar.ends_soon(today()) else None)
        html = templates.get_template(template).render(
            profile=profile, me=me, csrf=session.csrf_token if session else "", calendar_ends=calendar_ends,
            calendar_past=calendar.beyond_calendar(today()), **values)
        return response.html(html, status=status, headers=headers)

    # -- security for every response ------------------------------------------------
    @app.middleware("request")
    async def load_session(request: Request):
        # Every handler reads `profile`; rebinding it here gives each request the profile as
        # it is now, and the session its role from that.
        nonlocal profile
        profile = current_profile()
        request.ctx.session = people.session(request.cookies.get(SESSION_COOKIE), profile)

    @app.listener("before_server_start")
    async def sign_in_slots(app_: Sanic, loop):
        app_.ctx.sign_in_places = SignInPlaces(SIGN_IN_CONCURRENCY, KEPT_FOR_KNOWN_BROWSERS, STRANGERS_WAITING,
                                               KNOWN_BROWSERS_WAITING)
        app_.ctx.places_refused = {"count": 0, "logged_at": None}
        app_.ctx.sign_in_gate = SignInGate(SIGN_INS_AT_ONCE_PER_ADDRESS)
        # Asks for a sign-in link are judged the same way, on a gate of their own: a flood of
        # asks from one address neither waits on the database nor holds more than one of the
        # console's threads, and does not count against that address's sign-ins.
        app_.ctx.link_ask_gate = SignInGate(SIGN_INS_AT_ONCE_PER_ADDRESS)
        app_.ctx.sign_in_threads = ThreadPoolExecutor(SIGN_IN_CONCURRENCY, thread_name_prefix="sign-in",
                                                      initializer=_lower_this_threads_priority)

    @app.listener("after_server_start")
    async def start_sending_links(app_: Sanic, loop):
        app_.ctx.links_asked = asyncio.Event()
        app_.ctx.links_asked.set()  # any asked for before a restart are looked at once
        app_.ctx.link_sender = loop.create_task(send_links_when_asked())

    @app.listener("after_server_stop")
    async def stop_sign_in_threads(app_: Sanic, loop):
        app_.ctx.link_sender.cancel()
        app_.ctx.sign_in_threads.shutdown(wait=False)

    @app.middleware("response")
    async def security_headers(request: Request, reply):
        reply.headers.setdefault("X-Content-Type-Options", "nosniff")
        reply.headers.setdefault("Referrer-Policy", "same-origin")
        if request.path not in ("/", "/widget.js"):
            reply.headers.setdefault("X-Frame-Options", "DENY")
            reply.headers.setdefault("Cache-Control", "no-store")
            reply.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; "
                "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")

    @app.exception(aiohttp.ClientError, asyncio.TimeoutError)
    async def assistant_unreachable(request: Request, error: Exception):
        """Conversations live on the Rasa server: when it is down or slow, staff are told so
        plainly (and can try again) instead of seeing a server error."""
        log.warning("the assistant's server could not be reached: %s", type(error).__name__)
        problem = "The assistant's server could not be reached just now. Please try again in a minute."
        if request.path.endswith(".json") or request.headers.get("Accept", "").startswith("application/json"):
            return response.json({"error": problem}, status=502)
        return response.text(problem, status=502)

    def staff_only(handler: Callable):
        """Pages for signed-in staff; every state-changing request must carry the CSRF token."""

        @functools.wraps(handler)
        async def wrapper(request: Request, *args, **kwargs):
            session = request.ctx.session
            if session is None:
                if request.path.startswith("/api/") or request.path.endswith(".json") or request.method != "GET":
                    return response.json({"error": "sign in first"}, status=401)
                return response.redirect("/sign-in")
            if request.method == "POST":
                sent = form_of(request).get("csrf_token") or \
                    request.headers.get("X-CSRF-Token", "")
                if not sent or not secrets.compare_digest(sent, session.csrf_token):
                    return response.text("The form had expired or did not come from this console. "
                                         "Go back, reload the page and try again.", status=403)
            return await handler(request, *args, **kwargs)

        return wrapper

    def api_only(handler: Callable):
        """Read-only API: `Authorization: Bearer <integration token>`, the same access rules."""

        @functools.wraps(handler)
        async def wrapper(request: Request, *args, **kwargs):
            header = request.headers.get("Authorization", "")
            token = header[7:].strip() if header.lower().startswith("bearer ") else ""
            identity = people.api_identity(token, profile)
            if identity is None:
                return response.json({"error": "a valid integration token is needed"}, status=401)
            request.ctx.identity = identity
            return await handler(request, *args, **kwargs)

        return wrapper

    def public(record: dict) -> dict:
        """A case as the API gives it: its conversation by opaque id, never the sender id."""
        return {**{k: v for k, v in record.items() if k not in ("id", "transcript", "sender_id")},
                "conversation_id": store.conversation_id_for(record["sender_id"])}

    def visible_case(reference: str, me: StaffIdentity) -> dict | None:
        record = store.get(reference)
        return record if record and can_view(me, record, profile) else None

    def today() -> dt.date:
        return calendar.local(current_time(settings.clock_override, calendar.zone)).date()

    def due(record: dict) -> dict:
        today_ = today()
        respond_by = dt.date.fromisoformat(record["respond_by"])
        left = calendar.school_days_between(today_, respond_by)
        return {"school_days_left": left, "overdue": left < 0 and record["status"] not in ("resolved", "closed")}

    # -- public: the widget and the demo school page -------------------------------
    @app.get("/")
    async def demo(request: Request):
        """A page of the school's website with the chat widget embedded by one script tag."""
        html = templates.get_template("demo.html").render(profile=profile, chat_server=chat_server)
        return response.html(html)

    @app.get("/widget.js")
    async def widget(request: Request):
        if not WIDGET.exists():
            return response.text("widget not built: run `make setup`", status=503)
        return await response.file(WIDGET, mime_type="application/javascript",
                                   headers={"Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*"})

    @app.get("/health")
    async def health(request: Request):
        return response.json({"status": "ok"})

    @app.get("/console.js")
    async def console_script(request: Request):
        return await response.file(HERE / "static" / "console.js", mime_type="application/javascript")

    # -- signing in -------------------------------------------------------------------
    @app.get("/sign-in")
    async def sign_in_page(request: Request):
        made_known = request.args.get("browser") == "known"
        return render("sign_in.html", request, error=None,
                      notice="This browser is now known to your account. Sign in with your password." if made_known
                      else None)

    def note_refused_for_places(lane: str) -> None:
        """A sign-in refused because its lane was full: a flood is likely under way. Logged at
        most once a minute, with how many were refused since."""
        refused = app.ctx.places_refused
        refused["count"] += 1
        now = asyncio.get_running_loop().time()
        if refused["logged_at"] is None or now - refused["logged_at"] >= 60:
            log.warning("sign-ins refused without a password check, their queue full (%s lane): %d since the last "
                        "such warning", lane, refused["count"])
            refused.update(count=0, logged_at=now)

    async def checked_sign_in(form: Any, client: str, device: str | None):
        """The sign-in check (argon2) on a worker thread, a few at a time, so a flood of
        sign-ins waits for those threads while the console goes on answering everything else.
        First the client's address must be let through (SignInGate: a few at once, checked one
        at a time), then the growing delays for the account, the address or this browser are
        asked (off those threads), so a flood from one address is refused before it takes a
        place in the queue for those threads or a thread. Then it waits for a place in its
        lane (SignInPlaces): a browser the account knows has one kept for it; any other
        sign-in shares the rest with the strangers. Raises AddressThrottled, SignInThrottled
        or, when its lane's queue is full, PlacesFull."""
        gate = app.ctx.sign_in_gate
        wait = gate.admit(client)
        if wait:
            raise AddressThrottled(wait)
        async with gate.turn(client):
            delay, known_browser = await asyncio.to_thread(people.before_check, form.get("email", ""), client, device)
            if delay > dt.timedelta(0):
                raise SignInThrottled(delay)
            try:
                async with app.ctx.sign_in_places.place(known_browser):
                    return await asyncio.get_running_loop().run_in_executor(
                        app.ctx.sign_in_threads, functools.partial(
                            people.sign_in, form.get("email", ""), form.get("password", ""), form.get("code", ""),
                            client, profile, device_token=device))
            except PlacesFull:
                note_refused_for_places("known browsers" if known_browser else "other browsers")
                raise

    async def send_links_when_asked() -> None:
        """Turn the sign-in links asked for into emails in the outbox, after each answer has
        gone: the answer never waits for the account to be looked up, so its timing says
        nothing about which addresses have accounts. Asks that come while a pass runs are
        handled by the next one. A pass every 10 minutes besides deletes the addresses typed
        once they are an hour old, and spent links, though nobody asks."""
        while True:
            try:
                await asyncio.wait_for(app.ctx.links_asked.wait(), timeout=LINK_PASS_EVERY_SECONDS)
            except asyncio.TimeoutError:
                pass
            app.ctx.links_asked.clear()
            try:
                await asyncio.to_thread(links.send_asked, current_profile())
            except Exception as error:  # a database hiccup: the asks stay recorded, tried again soon
                log.warning("sending sign-in links failed (%s); trying again in 5 seconds", type(error).__name__)
                await asyncio.sleep(5)
                app.ctx.links_asked.set()

    @app.post("/sign-in/browser/ask")
    async def ask_for_browser_link(request: Request):
        """A link by email that makes this browser known to the account, for staff on a new
        browser while sign-ins are too many: the same answer whether or not the address has an
        account; a client address that asks too often is told to wait, and one with a few asks
        already waiting is refused at once (its own SignInGate, before any database work)."""
        email = str(form_of(request).get("email", ""))
        client, gate = request.remote_addr or request.ip, app.ctx.link_ask_gate
        if gate.admit(client):
            return render("sign_in.html", request, status=429, headers={"Retry-After": "1"},
                          error="Too many links are being asked for from your network at once. Please wait a "
                                "second and try again.")
        async with gate.turn(client):
            wait = await asyncio.to_thread(links.ask, email, client)
        if wait > dt.timedelta(0):
            seconds = max(1, int(wait.total_seconds() + 0.999))
            minutes = (seconds + 59) // 60
            return render("sign_in.html", request, status=429, headers={"Retry-After": str(seconds)},
                          error=f"Links have been asked for from your network too often. Please wait "
                                f"{minutes} minute{'s' if minutes != 1 else ''} and try again.")
        app.ctx.links_asked.set()
        return render("sign_in.html", request, error=None,
                      notice=f"If {email} has an account on this console, a link has been emailed to it. Open it "
                             f"in this browser within {LINK_MINUTES} minutes, then sign in here with your password.")

    @app.get("/sign-in/browser")
    async def browser_link_page(request: Request):
        """What an emailed link opens: a button that uses it. Only the button's POST uses it,
        as mail scanners open links to look at them."""
        token = request.args.get("token", "")
        usable = await asyncio.to_thread(links.usable, token)
        return render("browser_link.html", request, status=200 if usable else 410, token=token if usable else "",
                      usable=usable, minutes=LINK_MINUTES)

    @app.post("/sign-in/browser")
    async def use_browser_link(request: Request):
        # A page of another site cannot make a staff browser known to the account of a link it holds.
        if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
            return response.text("This link must be used from the console's own page.", status=403)
        made_known = await asyncio.to_thread(links.use, str(form_of(request).get("token", "")),
                                             request.remote_addr or request.ip, current_profile())
        if made_known is None:
            return render("browser_link.html", request, status=410, token="", usable=False, minutes=LINK_MINUTES)
        reply = response.redirect("/sign-in?browser=known", status=303)
        set_cookie(reply, DEVICE_COOKIE, made_known.device_token, "/sign-in",
                   secure_cookies or request.scheme == "https", max_age=settings.known_browser_days * 24 * 3600)
        return reply

    @app.post("/sign-in")
    async def sign_in(request: Request):
        form = form_of(request)
        try:
            # The client's address: the socket's peer, or behind CONSOLE_TRUSTED_PROXIES the
            # entry that many from the right of X-Forwarded-For (app.config.PROXIES_COUNT).
            result = await checked_sign_in(form, request.remote_addr or request.ip,
                                           request.cookies.get(DEVICE_COOKIE))
        except AddressThrottled as throttled:
            seconds = max(1, int(throttled.seconds + 0.999))
            return render("sign_in.html", request, status=429, headers={"Retry-After": str(seconds)},
                          error=f"Too many sign-ins from your network at once. Please wait {seconds} "
                                f"second{'s' if seconds != 1 else ''} and try again.")
        except SignInThrottled as throttled:
            seconds = max(1, int(throttled.retry_after.total_seconds() + 0.999))
            wait = f"{seconds} seconds" if seconds < 120 else f"{(seconds + 59) // 60} minutes"
            return render("sign_in.html", request, status=429, headers={"Retry-After": str(seconds)},
                          error=f"Too many attempts. Please wait {wait} and try again.")
        except SecondFactorNeeded:
            return render("sign_in.html", request, status=403,
                          error="Your role signs in with a one-time code as well as the password, and codes "
                                "are not set up for your account yet. Ask whoever runs the admin tool to run "
                                "`staff totp` for your email, then add the code to an authenticator app.")
        except PlacesFull as full:
            # 429, not 503: the console is up; it is the sign-ins arriving that are too many.
            seconds = max(1, int(full.retry_after + 0.999))
            return render("sign_in.html", request, status=429, headers={"Retry-After": str(seconds)},
                          error=f"Too many sign-ins are arriving at once. Please wait {seconds} "
                                f"second{'s' if seconds != 1 else ''} and try again." + (
                                    "" if full.known_browser else " A browser you have signed in to the "
                                    "console from before is not held up by this; to make this one known, ask for "
                                    "a link by email below."))
        if result is None:
            return render("sign_in.html", request, status=401,
                          error="That email, password or code is not right.")
        people.audit(None, result.session.staff.email, "signed_in")
        reply = response.redirect("/cases")
        secure = secure_cookies or request.scheme == "https"
        # A new token at every sign-in: a session id planted before sign-in is worthless.
        set_cookie(reply, SESSION_COOKIE, result.token, "/", secure)
        if result.device_token:
            # Kept by the browser as long as the account knows it (CONSOLE_KNOWN_BROWSER_DAYS).
            set_cookie(reply, DEVICE_COOKIE, result.device_token, "/sign-in", secure,
                       max_age=settings.known_browser_days * 24 * 3600)
        return reply

    @app.post("/sign-out")
    @staff_only
    async def sign_out(request: Request):
        people.sign_out(request.cookies.get(SESSION_COOKIE))
        people.audit(None, request.ctx.session.staff.email, "signed_out")
        reply = response.redirect("/sign-in")
        del reply.cookies[SESSION_COOKIE]
        return reply

    # -- notices (a closure in snow), shown at the start of every conversation ---------
    def clock() -> dt.datetime:
        return current_time(settings.clock_override, calendar.zone)

    def may_post_notices(me: StaffIdentity) -> bool:
        return me.role in NOTICE_ROLES

    @app.get("/notices")
    @staff_only
    async def notices_page(request: Request):
        me = request.ctx.session.staff
        showing = await asyncio.to_thread(store.active_notices, clock())
        return render("notices.html", request, notices=showing, may_post=may_post_notices(me),
                      problem=request.args.get("problem", ""))

    @app.post("/notices")
    @staff_only
    async def post_notice(request: Request):
        me = request.ctx.session.staff
        if not may_post_notices(me):
            return response.text("Only the office and the Headteacher post notices.", status=403)
        form = form_of(request)
        try:
            text, until = checked_notice(form.get("text", ""), form.get("until", ""), calendar.local(clock()))
        except NoticeError as error:
            return render("notices.html", request, status=400, problem=str(error), may_post=True,
                          notices=await asyncio.to_thread(store.active_notices, clock()))
        await asyncio.to_thread(store.post_notice, text, me.email, until, clock())
        return response.redirect("/notices")

    @app.post("/notices/<notice_id:int>/end")
    @staff_only
    async def end_notice(request: Request, notice_id: int):
        me = request.ctx.session.staff
        if not may_post_notices(me):
            return response.text("Only the office and the Headteacher end notices.", status=403)
        await asyncio.to_thread(store.end_notice, notice_id, me.email, clock())
        return response.redirect("/notices")

    # -- cases ------------------------------------------------------------------------
    @app.get("/cases")
    @staff_only
    async def inbox(request: Request):
        me = request.ctx.session.staff
        args = {key: request.args.get(key, "") for key in ("status", "category", "urgency", "assignee", "q")}
        rows = []
        for record in store.list():
            if not can_view(me, record, profile):
                continue
            if args["status"] and record["status"] != args["status"]:
                continue
            if args["category"] and record["category"] != args["category"]:
                continue
            if args["urgency"] and record["urgency"] != args["urgency"]:
                continue
            if args["assignee"] and record["assignee"] != args["assignee"]:
                continue
            if args["q"] and args["q"].strip().upper() not in record["reference"]:
                continue
            rows.append({**record, **due(record)})
        order = {"urgent": 0, "high": 1, "normal": 2}
        rows.sort(key=lambda r: (r["status"] in ("resolved", "closed"), order.get(r["urgency"], 3), r["respond_by"]))
        people.audit(None, me.email, "listed_cases", f"{len(rows)} shown")
        return render("inbox.html", request, rows=rows, args=args, statuses=STATUSES,
                      categories=("concern", "complaint", "bullying", "cyberbullying", "social_media", "safeguarding",
                                  "handoff"), staff=profile.staff)

    @app.get("/cases/<reference>")
    @staff_only
    async def case_page(request: Request, reference: str):
        me = request.ctx.session.staff
        record = visible_case(reference, me)
        if record is None:
            return render("not_found.html", request, status=404)
        people.audit(record["id"], me.email, "viewed")
        record = store.get(reference)
        # Each staff reply in the transcript with whether it reached the parent, as it stands now.
        record["transcript"] = store.transcript_with_delivery(record["sender_id"], record["transcript"])
        return render("case.html", request, case=record, due=due(record), notes=people.notes_for(record["id"]),
                      conversation_id=store.conversation_id_for(record["sender_id"]),
                      statuses=STATUSES, staff=profile.staff, escalation=next_step(record, profile),
                      stage=complaint_stage(record))

    def _evidence_reply(record: dict, token: str, actor: str):
        """A file the parent sent, as it was kept; served so no browser runs it as a page."""
        kept = evidence.for_case(record["id"], token)
        if kept is None:
            return None
        people.audit(record["id"], actor, "viewed_evidence", kept.sha256[:16])
        return _file_reply(kept, record["reference"])

    def _file_reply(kept, name: str):
        return response.raw(kept.data, content_type=kept.media_type, headers={
            "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox; default-src 'none'",
            "Cache-Control": "no-store", "Content-Disposition": "inline" if kept.media_type.startswith("image/")
            else f'attachment; filename="{name}-{kept.sha256[:8]}.pdf"'})

    @app.get("/cases/<reference>/evidence/<token>")
    @staff_only
    async def case_evidence(request: Request, reference: str, token: str):
        record = visible_case(reference, request.ctx.session.staff)
        reply = record and await asyncio.to_thread(_evidence_reply, record, token, request.ctx.session.staff.email)
        return reply or render("not_found.html", request, status=404)

    async def _change(request: Request, reference: str, change: Callable[[dict, StaffIdentity, dict], str | None]):
        me = request.ctx.session.staff
        record = visible_case(reference, me)
        if record is None:
            return render("not_found.html", request, status=404)
        problem = change(record, me, form_of(request))
        if problem:
            return response.text(problem, status=400)
        return response.redirect(f"/cases/{record['reference']}")

    @app.post("/cases/<reference>/status")
    @staff_only
    async def set_status(request: Request, reference: str):
        def change(record, me, form):
            status = form.get("status", "")
            if status not in STATUSES:
                return "Unknown status."
            people.change_case(record["id"], me.email, "status_changed", f"{record['status']} -> {status}",
                               status=status)
        return await _change(request, reference, change)

    @app.post("/cases/<reference>/note")
    @staff_only
    async def add_note(request: Request, reference: str):
        def change(record, me, form):
            text = (form.get("text") or "").strip()
            if not text:
                return "A note cannot be empty."
            people.add_note(record["id"], me.email, text[:10000])
        return await _change(request, reference, change)

    @app.post("/cases/<reference>/assign")
    @staff_only
    async def assign(request: Request, reference: str):
        def change(record, me, form):
            email = (form.get("assignee") or "").lower()
            target = next((m for m in profile.staff if m.email.lower() == email), None)
            if target is None:
                return "Choose someone from the staff list."
            if not can_view(StaffIdentity(target.email, target.name, target.role), record, profile):
                return f"{target.name} may not see this case (it may be about them)."
            people.change_case(record["id"], me.email, "reassigned", f"{record['assignee']} -> {target.email}",
                               assignee=target.email)
        return await _change(request, reference, change)

    @app.post("/cases/<reference>/escalate")
    @staff_only
    async def escalate(request: Request, reference: str):
        def change(record, me, form):
            # Never to someone the case is about, nor to someone who could not read it then.
            step = next_step(record, profile)
            if step.refused:
                people.audit(record["id"], me.email, "escalation_refused", f"from={record['routed_to']}")
                return step.refused
            if isinstance(step, StageStep):
                # A complaint at stage 1 goes to stage 2: a panel, arranged by the Clerk (or the Chair).
                move_to_stage_2(store, record, step, profile, calendar,
                                current_time(settings.clock_override, calendar.zone), me.email)
                return None
            person = step.person
            store.reroute(record["reference"], step.to, record["about"], person.email,
                          compose=lambda updated: compose_emails(updated, [person.email], profile), actor=me.email)
        return await _change(request, reference, change)

    # -- hand-offs and replies ------------------------------------------------------
    # Pages, links and JSON name a conversation by its opaque id (CaseStore.conversation_id_for),
    # never by the sender id: that id is what the parent's client sends the assistant as, so a
    # copied link must not carry it. An id that was never made, a sender id included, is 404.
    def taken_by(me: StaffIdentity, sender_id: str) -> bool:
        handoff = people.handoff(sender_id)
        return bool(handoff and handoff["status"] != "closed"
                    and (handoff.get("taken_by") or "").lower() == me.email.lower())

    def conversation_allowed(me: StaffIdentity, sender_id: str) -> bool:
        """Staff may open a conversation if they may see one of its cases, or took it over.
        A hand-off or a take-over never widens what they read (conversation_lines)."""
        return taken_by(me, sender_id) or any(can_view(me, c, profile) for c in store.list(sender_id=sender_id))

    def conversation_lines(me: StaffIdentity, sender_id: str, tracker: dict) -> list[dict]:
        """The parts of the conversation whose cases this staff member may see, and what was
        said live since they took it over (concerns/transcript.py)."""
        cases = {c["reference"]: c for c in store.list(sender_id=sender_id)}
        lines = visible_lines(read_conversation(tracker.get("events") or []),
                              lambda reference: reference in cases and can_view(me, cases[reference], profile),
                              taken_by(me, sender_id))
        # A file deleted since (the parent's words spoke of a nude image of a child) is named by
        # the removal line, never by a link that would find nothing.
        kept = evidence.still_kept(sender_id, {f["evidence"] for line in lines for f in line.get("files", ())})
        for line in lines:
            if "files" in line:
                line["files"] = [f if f["evidence"] in kept else {"removed": REMOVED_NUDE_IMAGE} for f in line["files"]]
        return lines

    @app.get("/handoffs")
    @staff_only
    async def handoffs_page(request: Request):
        return render("handoffs.html", request)

    @app.get("/handoffs.json")
    @staff_only
    async def handoffs_json(request: Request):
        me = request.ctx.session.staff
        live = [{"conversation_id": store.conversation_id_for(h["sender_id"]),
                  **{k: h[k] for k in ("channel", "case_reference", "status", "taken_by", "opened_at", "updated_at")}}
                for h in people.open_handoffs() if conversation_allowed(me, h["sender_id"])]
        return response.json({"handoffs": live})

    @app.route("/conversations/<conversation_id>", methods=["GET"])
    @staff_only
    async def conversation_page(request: Request, conversation_id: str):
        me = request.ctx.session.staff
        sender_id = store.sender_of_conversation(conversation_id)
        if sender_id is None or not conversation_allowed(me, sender_id):
            return render("not_found.html", request, status=404)
        people.audit(None, me.email, "viewed_conversation", _short(sender_id))
        return render("conversation.html", request, conversation_id=conversation_id, handoff=people.handoff(sender_id))

    @app.route("/conversations/<conversation_id>/messages.json", methods=["GET"])
    @staff_only
    async def conversation_json(request: Request, conversation_id: str):
        me = request.ctx.session.staff
        sender_id = store.sender_of_conversation(conversation_id)
        if sender_id is None or not conversation_allowed(me, sender_id):
            return response.json({"error": "not found"}, status=404)
        tracker = await rasa.tracker(sender_id)
        lines = with_reply_status(sender_id, conversation_lines(me, sender_id, tracker))
        return response.json({"messages": lines, "paused": bool(tracker.get("paused")),
                              "channel": conversation_channel(tracker)})

    @app.get("/conversations/<conversation_id>/files/<token>")
    @staff_only
    async def conversation_file(request: Request, conversation_id: str, token: str):
        """A file the parent sent in the conversation, from a line of it this staff member may
        read (messages.json names it): one sent while staff had the chat may have no case yet."""
        me = request.ctx.session.staff
        sender_id = store.sender_of_conversation(conversation_id)
        if sender_id is None or not conversation_allowed(me, sender_id):
            return render("not_found.html", request, status=404)
        tracker = await rasa.tracker(sender_id)
        shown = {f.get("evidence") for line in conversation_lines(me, sender_id, tracker) for f in line.get("files", ())}
        found = await asyncio.to_thread(evidence.of_conversation, sender_id, token) if token in shown else None
        if found is None:
            return render("not_found.html", request, status=404)
        kept, case_id = found
        if case_id is not None and not any(c["id"] == case_id and can_view(me, c, profile)
                                           for c in store.list(sender_id=sender_id)):
            return render("not_found.html", request, status=404)  # taken since by a case they may not see
        people.audit(case_id, me.email, "viewed_evidence", kept.sha256[:16])
        return _file_reply(kept, "conversation")

    @app.route("/conversations/<conversation_id>/takeover", methods=["POST"])
    @staff_only
    async def take_over(request: Request, conversation_id: str):
        me = request.ctx.session.staff
        sender_id = store.sender_of_conversation(conversation_id)
        if sender_id is None or not conversation_allowed(me, sender_id):
            return response.json({"error": "not found"}, status=404)
        tracker = await rasa.tracker(sender_id)
        await rasa.pause(sender_id)
        handoff = people.handoff(sender_id)
        people.open_handoff(sender_id, conversation_channel(tracker), handoff["case_reference"] if handoff else None,
                            status="taken", taken_by=me.email)
        people.audit(None, me.email, "took_over", _short(sender_id))
        await _reply(tracker, sender_id, f"{me.name} from the school has joined this chat.", me)
        return response.redirect(f"/conversations/{conversation_id}")

    async def _reply(tracker: dict, sender_id: str, text: str, me: StaffIdentity) -> dict:
        """Send a staff reply on the parent's channel, kept with what became of it: the
        reply's status ('delivered', 'pending', 'failed', or 'refused' when Messenger's rules
        forbid it and nothing was kept) and the reason staff are shown."""
        channel = conversation_channel(tracker)
        tag = None
        if channel == "facebook":
            mode = messenger_reply_mode(last_parent_message_at(tracker), dt.datetime.now(dt.timezone.utc))
            if mode == "refuse":
                return {"status": "refused", "reason": (
                    "Messenger does not allow a reply more than 7 days after the parent's last message. "
                    "Please contact the parent another way (see the case's contact details).")}
            tag = "HUMAN_AGENT" if mode == "HUMAN_AGENT" else None
        reply_id = await asyncio.to_thread(store.record_staff_reply, sender_id, channel, me.email, me.name, text)
        try:
            # On Messenger the console sends it itself (below), to learn whether it arrived;
            # the web chat gets it from the Rasa server, which holds the parent's connection.
            await rasa.say(sender_id, channel, text, me.name, tag=tag, reply_id=reply_id, send=channel == "web")
        except (aiohttp.ClientError, asyncio.TimeoutError):
            await asyncio.to_thread(store.settle_staff_reply, reply_id, False,
                                    "the assistant's server could not be reached", 0)
            raise
        if channel == "facebook":
            delivery = await graph.send_text(sender_id, text, tag=tag)
            await asyncio.to_thread(store.settle_staff_reply, reply_id, delivery.delivered, delivery.reason,
                                    delivery.attempts)
            if not delivery:
                people.audit(None, me.email, "reply_not_delivered", _short(sender_id))
                return {"status": "failed", "reason": delivery.reason, "id": reply_id}
            return {"status": "delivered", "reason": "", "id": reply_id}
        return {"status": "pending", "reason": KEPT_REASONS.get(channel, KEPT_REASONS["rest"]), "id": reply_id}

    def with_reply_status(sender_id: str, lines: list[dict]) -> list[dict]:
        """Each staff reply's line with whether it reached the parent."""
        replies = {r["id"]: r for r in store.staff_replies_to(sender_id)}
        for line in lines:
            reply = replies.get(line.get("staff_reply"))
            if reply is None:
                continue
            reason = ""
            if reply["status"] == "failed":
                reason = reply["reason"] or ""
            elif reply["status"] == "pending":
                reason = KEPT_REASONS.get(reply["channel"], "being sent")
            line["delivery"] = {"status": reply["status"], "reason": reason}
        return lines

    @app.route("/conversations/<conversation_id>/reply", methods=["POST"])
    @staff_only
    async def reply(request: Request, conversation_id: str):
        me = request.ctx.session.staff
        sender_id = store.sender_of_conversation(conversation_id)
        if sender_id is None or not conversation_allowed(me, sender_id):
            return response.json({"error": "not found"}, status=404)
        text = (form_of(request).get("text") or "").strip()
        if not text:
            return response.json({"error": "Write a reply first."}, status=400)
        tracker = await rasa.tracker(sender_id)
        outcome = await _reply(tracker, sender_id, text[:5000], me)
        if outcome["status"] == "refused":
            return response.json({"error": outcome["reason"], "status": "refused"}, status=409)
        people.audit(None, me.email, "replied", _short(sender_id))
        wants_json = request.headers.get("Accept", "").startswith("application/json")
        if outcome["status"] == "failed":
            # Never "sent": staff are told it did not arrive, and why.
            problem = f"Not delivered: {outcome['reason']}"
            return response.json({"error": problem, **outcome}, status=502) if wants_json \
                else response.text(problem, status=502)
        if wants_json:
            return response.json(outcome)
        return response.redirect(f"/conversations/{conversation_id}")

    @app.route("/conversations/<conversation_id>/handback", methods=["POST"])
    @staff_only
    async def hand_back(request: Request, conversation_id: str):
        me = request.ctx.session.staff
        sender_id = store.sender_of_conversation(conversation_id)
        if sender_id is None or not conversation_allowed(me, sender_id):
            return response.json({"error": "not found"}, status=404)
        tracker = await rasa.tracker(sender_id)
        await _reply(tracker, sender_id, "You're back with the school's automated assistant. "
                                         "Thank you for talking to us.", me)
        await rasa.resume(sender_id)
        people.close_handoff(sender_id)
        people.audit(None, me.email, "handed_back", _short(sender_id))
        return response.redirect("/handoffs")

    # -- the read-only API ------------------------------------------------------------
    @app.get("/api/openapi.json")
    async def openapi(request: Request):
        return response.json(json.loads((HERE / "openapi.json").read_text()))

    @app.get("/api/cases")
    @api_only
    async def api_cases(request: Request):
        me = request.ctx.identity
        shown = [public(c) for c in store.list(status=request.args.get("status") or None)
                 if can_view(me, c, profile)]
        people.audit(None, f"api:{me.email}", "listed_cases", f"{len(shown)} shown")
        return response.json({"cases": shown})

    @app.get("/api/cases/<reference>")
    @api_only
    async def api_case(request: Request, reference: str):
        me = request.ctx.identity
        record = visible_case(reference, me)
        if record is None:
            return response.json({"error": "not found"}, status=404)
        people.audit(record["id"], f"api:{me.email}", "viewed")
        return response.json(public(record))

    @app.get("/api/cases/<reference>/transcript")
    @api_only
    async def api_transcript(request: Request, reference: str):
        me = request.ctx.identity
        record = visible_case(reference, me)
        if record is None:
            return response.json({"error": "not found"}, status=404)
        people.audit(record["id"], f"api:{me.email}", "viewed_transcript")
        # A staff reply's line says whether it reached the parent (`delivery`); the store's id
        # for the reply stays inside.
        lines = [{key: value for key, value in line.items() if key != "staff_reply"}
                 for line in store.transcript_with_delivery(record["sender_id"], record["transcript"])]
        return response.json({"reference": record["reference"], "transcript": lines})

    @app.get("/api/cases/<reference>/evidence/<token>")
    @api_only
    async def api_evidence(request: Request, reference: str, token: str):
        me = request.ctx.identity
        record = visible_case(reference, me)
        reply = record and await asyncio.to_thread(_evidence_reply, record, token, f"api:{me.email}")
        return reply or response.json({"error": "not found"}, status=404)

    return app


def set_cookie(reply, name: str, value: str, path: str, secure: bool, max_age: int | None = None) -> None:
    reply.cookies[name] = value
    reply.cookies[name]["httponly"] = True
    reply.cookies[name]["samesite"] = "Strict"
    reply.cookies[name]["path"] = path
    if max_age:
        reply.cookies[name]["max-age"] = max_age
    if secure:
        reply.cookies[name]["secure"] = True


def form_of(request: Request) -> Any:
    """The form a page sent, or an empty one for a body that is not a well-formed form: such a
    request is then refused like an empty form, and Sanic does not log a traceback for each."""
    kind = (request.content_type or "").lower()
    is_form = kind.startswith("application/x-www-form-urlencoded") or \
        (kind.startswith("multipart/form-data") and "boundary=" in kind)
    try:
        (request.body or b"").decode("utf-8")  # the console's forms carry text only, never files
    except UnicodeDecodeError:
        return {}
    return (request.form or {}) if is_form else {}


def _short(sender_id: str) -> str:
    return sender_id[:12]


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s console %(levelname)s %(message)s")
    app = create_app()
    app.run(host=os.environ.get("CONSOLE_HOST", "127.0.0.1"), port=int(os.environ.get("CONSOLE_PORT", "8000")),
            access_log=False, motd=False)


if __name__ == "__main__":
    main()
