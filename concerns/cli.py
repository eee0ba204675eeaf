"""The admin tool: `python -m concerns.cli cases list|show REF`, `db upgrade`, `profile check`,
`notice post|list|end` (a closure in snow, shown at the start of every conversation), console
accounts (`staff add|list|totp|disable|sign-out`, `api-token add|list|revoke`), and data
protection: `purge`, `export`, `erase`.

Prints JSON: one object per case with the record's fields.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from concerns.calendar import SchoolCalendar, current_time
from concerns.profile import ProfileError, load_profile
from concerns.service import Core
from concerns.settings import PROJECT_ROOT, Settings, load_dotenv
from concerns.store import STATUSES, CaseStore

# Who is running a command that changes something, for the audit trail.
OPERATOR_OPTION = {"dest": "operator", "default": None,
                   "help": "who is running this, for the audit trail (default: cli:<your login>)"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="concerns", description="Admin tool for the concerns assistant")
    commands = parser.add_subparsers(dest="command", required=True)
    cases = commands.add_parser("cases", help="list or show cases as JSON")
    case_commands = cases.add_subparsers(dest="action", required=True)
    listing = case_commands.add_parser("list", help="every case, one JSON object per line")
    listing.add_argument("--status", choices=STATUSES)
    listing.add_argument("--category")
    show = case_commands.add_parser("show", help="one case by reference, with its notifications and audit")
    show.add_argument("reference")
    db = commands.add_parser("db", help="database schema")
    db.add_argument("action", choices=["upgrade"])
    staff_cmd = commands.add_parser("staff", help="staff accounts for the console")
    staff_actions = staff_cmd.add_subparsers(dest="action", required=True)
    add = staff_actions.add_parser("add", help="create an account for someone in the school profile")
    add.add_argument("email")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("--by", **OPERATOR_OPTION)
    staff_actions.add_parser("list", help="list accounts")
    totp = staff_actions.add_parser("totp", help="turn on one-time codes (new secret); prints the secret for an app")
    totp.add_argument("email")
    totp.add_argument("--by", **OPERATOR_OPTION)
    disable = staff_actions.add_parser("disable", help="stop an account: its sessions and API tokens stop at once")
    disable.add_argument("email")
    disable.add_argument("--by", **OPERATOR_OPTION)
    sign_out = staff_actions.add_parser("sign-out", help="end every session of one person (a lost laptop)")
    sign_out.add_argument("email")
    sign_out.add_argument("--by", **OPERATOR_OPTION)
    token = commands.add_parser("api-token", help="tokens for integrations (read-only API)")
    token_actions = token.add_subparsers(dest="action", required=True)
    token_add = token_actions.add_parser("add", help="make a token that sees what this staff member sees")
    token_add.add_argument("name")
    token_add.add_argument("--as", dest="email", required=True)
    token_add.add_argument("--days", type=int, default=90, help="days until it stops working (default 90)")
    token_add.add_argument("--by", **OPERATOR_OPTION)
    token_actions.add_parser("list", help="tokens, whom they act as and when they expire")
    revoke = token_actions.add_parser("revoke", help="stop a token at once")
    revoke.add_argument("name")
    revoke.add_argument("--by", **OPERATOR_OPTION)
    notice = commands.add_parser("notice", help="notices shown at the start of every conversation")
    notice_actions = notice.add_subparsers(dest="action", required=True)
    post = notice_actions.add_parser("post", help="post a notice (the office or the Headteacher)")
    post.add_argument("text")
    post.add_argument("--as", dest="email", required=True, help="the poster's email in the school profile")
    post.add_argument("--until", help="when it stops showing, local time like 2027-01-12T18:00 "
                                      "(default: the end of today)")
    notice_actions.add_parser("list", help="notices showing now")
    end = notice_actions.add_parser("end", help="stop showing a notice")
    end.add_argument("id", type=int)
    end.add_argument("--as", dest="email", required=True)
    profile = commands.add_parser("profile", help="school profile")
    profile.add_argument("action", choices=["check"])
    _data_protection_commands(commands)
    args = parser.parse_args(argv)

    load_dotenv()
    settings = Settings()
    if args.command == "profile":
        try:
            loaded = load_profile(settings.school_profile)
        except ProfileError as error:
            print(error, file=sys.stderr)
            return 2
        print(f"{settings.school_profile}: OK ({loaded.name}, {len(loaded.staff)} staff, "
              f"{len(loaded.classes)} classes, {len(loaded.terms)} terms)")
        calendar = SchoolCalendar(loaded)
        today = calendar.local(current_time(settings.clock_override, calendar.zone)).date()
        if calendar.ends_soon(today):
            # A warning, not a failure: filing goes on past the last term (due dates become
            # weekday estimates), but the school should add next year's terms.
            print(f"warning: the term dates end on {calendar.last_term_end:%-d %B %Y}; add next year's terms and "
                  "closures. Past that date, due dates are counted in weekdays and marked as estimates.",
                  file=sys.stderr)
        return 0
    if args.command == "db":
        CaseStore(settings.database_url).migrate()
        print("database schema is up to date")
        return 0
    core = Core(settings)
    if args.command in ("staff", "api-token"):
        return _staff(args, core)
    if args.command in ("purge", "export", "erase"):
        return _data_protection(args, core)
    if args.command == "notice":
        return _notice(args, core)
    if args.action == "list":
        for record in core.store.list(status=args.status, category=args.category):
            print(json.dumps(record, ensure_ascii=False))
        return 0
    record = core.store.get(args.reference)
    if record is None:
        print(f"no case {args.reference}", file=sys.stderr)
        return 1
    print(json.dumps(record, ensure_ascii=False, indent=2))
    return 0


def _staff(args, core: Core) -> int:
    import getpass

    from concerns.staff import StaffStore, needs_second_factor

    people = StaffStore(core.store)
    if args.command == "api-token":
        return _api_token(args, people)
    if args.action == "list":
        for account in people.list():
            print(json.dumps(account))
        return 0
    try:
        if args.action == "totp":
            _print_totp(core, people, args.email, _operator(args))
            return 0
        if args.action == "disable":
            people.disable(args.email, _operator(args))
            print(f"{args.email} is disabled; its sessions have ended and its API tokens no longer work")
            return 0
        if args.action == "sign-out":
            ended = people.revoke_sessions(args.email, _operator(args))
            print(f"{ended} sessions of {args.email} ended")
            return 0
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    member = next((m for m in core.profile.staff if m.email.lower() == args.email.lower()), None)
    if member is None:
        print(f"{args.email} is not in the school profile ({core.settings.school_profile}); add them there first",
              file=sys.stderr)
        return 1
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password (at least 12 characters): ")
        if password != getpass.getpass("Again: "):
            print("The passwords did not match.", file=sys.stderr)
            return 1
    try:
        people.add(member.email, member.name, member.role, password)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    except Exception as error:  # e.g. the account exists already
        print(f"could not create the account: {type(error).__name__}", file=sys.stderr)
        return 1
    people.audit(None, _operator(args), "account_added", f"{member.email} ({member.role})")
    print(f"account created for {member.name} ({member.role})")
    if needs_second_factor(member.role):
        print("This role sees safeguarding, so it signs in with a one-time code too. Add this to an "
              "authenticator app:", file=sys.stderr)
        _print_totp(core, people, member.email, _operator(args))
    return 0


def _print_totp(core: Core, people, email: str, operator: str) -> None:
    secret = people.enable_totp(email)
    people.audit(None, operator, "one_time_codes_set", email.lower())
    print(f"otpauth://totp/{core.profile.short_name}:{email}?secret={secret}&issuer={core.profile.short_name}")


def _api_token(args, people) -> int:
    import datetime as dt

    try:
        if args.action == "list":
            for token in people.api_token_list():
                print(json.dumps(token))
            return 0
        if args.action == "revoke":
            people.revoke_api_token(args.name, _operator(args))
            print(f"API token {args.name} revoked")
            return 0
        if args.days < 1:
            print("--days must be 1 or more", file=sys.stderr)
            return 2
        print(people.add_api_token(args.name, args.email, _operator(args), dt.timedelta(days=args.days)))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Keep this token secret; it is shown only once. It stops working in {args.days} days.", file=sys.stderr)
    return 0


def _notice(args, core: Core) -> int:
    from concerns.notices import NOTICE_ROLES, NoticeError, checked_notice

    if args.action == "list":
        for notice in core.store.active_notices(core.now()):
            print(json.dumps(notice, ensure_ascii=False))
        return 0
    member = next((m for m in core.profile.staff if m.email.lower() == args.email.lower()), None)
    if member is None or member.role not in NOTICE_ROLES:
        print(f"{args.email} may not post notices: only {' and '.join(NOTICE_ROLES)} (from the school profile)",
              file=sys.stderr)
        return 1
    if args.action == "end":
        if not core.store.end_notice(args.id, member.email, core.now()):
            print(f"no notice {args.id} showing", file=sys.stderr)
            return 1
        print(f"notice {args.id} ended")
        return 0
    try:
        text, until = checked_notice(args.text, args.until or "", core.calendar.local(core.now()))
    except NoticeError as error:
        print(error, file=sys.stderr)
        return 1
    notice_id = core.store.post_notice(text, member.email, until, core.now())
    print(f"notice {notice_id} showing until {until.isoformat(timespec='minutes')}")
    return 0


def _data_protection_commands(commands) -> None:
    operator = OPERATOR_OPTION
    purge = commands.add_parser(
        "purge", help="delete closed cases past their retention period and conversations nobody needs")
    purge.add_argument("--dry-run", action="store_true", help="list what would be deleted, and why; delete nothing")
    purge.add_argument("--by", **operator)
    export = commands.add_parser(
        "export", help="subject access: write everything held about one parent to a JSON file")
    who = export.add_mutually_exclusive_group(required=True)
    who.add_argument("--sender", help="the conversation's sender id")
    who.add_argument("--reference", help="a case reference; exports everything for the parent who filed it")
    export.add_argument("--out", help="the file to write (default: var/exports/subject-access-<time>.json)")
    export.add_argument("--by", **operator)
    erase = commands.add_parser("erase", help="erasure: delete one parent's cases, notes and conversation")
    erase.add_argument("--sender", required=True, help="the conversation's sender id")
    erase.add_argument("--dry-run", action="store_true", help="list what would be deleted; delete nothing")
    erase.add_argument("--force-safeguarding", action="store_true",
                       help="erase safeguarding cases too (they must usually be kept); needs --reason")
    erase.add_argument("--reason", help="why safeguarding records may go; kept in the audit trail, so name nobody")
    erase.add_argument("--by", **operator)


def _operator(args) -> str:
    import getpass

    if args.operator:
        return args.operator
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name in some containers
        return "cli"


def _data_protection(args, core: Core) -> int:
    import datetime as dt
    import os

    from sqlalchemy.exc import SQLAlchemyError

    from concerns.privacy import Conversations, DataProtection, Refused, tracker_url_from_environment

    try:
        conversations = Conversations(tracker_url_from_environment())
    except SQLAlchemyError as error:
        # Nothing is deleted or exported with half the picture.
        print(f"cannot read the tracker store: {type(error).__name__}: {getattr(error, 'orig', error)}",
              file=sys.stderr)
        return 1
    if conversations.problem:
        print(f"warning: {conversations.problem}; conversations were not read (set TRACKER_DB or "
              "TRACKER_DIALECT/TRACKER_DB_HOST as for the Rasa server)", file=sys.stderr)
    privacy = DataProtection(core.store, conversations, core.profile.retention,
                             known_browser_lifetime=dt.timedelta(days=core.settings.known_browser_days))
    now, operator = core.now(), _operator(args)
    if args.command == "purge":
        print(json.dumps(privacy.purge(now, operator, dry_run=args.dry_run), ensure_ascii=False, indent=2))
        return 0
    if args.command == "erase":
        if args.force_safeguarding and not (args.reason or "").strip():
            print("--force-safeguarding needs --reason: why these safeguarding records may be erased",
                  file=sys.stderr)
            return 2
        try:
            report = privacy.erase(args.sender, now, operator, dry_run=args.dry_run,
                                   safeguarding_override=args.reason if args.force_safeguarding else None)
        except Refused as refused:
            print(json.dumps(refused.details, ensure_ascii=False, indent=2))
            print(refused, file=sys.stderr)
            return 1
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    sender_id = args.sender
    if args.reference:
        sender_id = privacy.sender_of(args.reference)
        if sender_id is None:
            print(f"no case {args.reference}", file=sys.stderr)
            return 1
    out = Path(args.out) if args.out else (
        PROJECT_ROOT / "var" / "exports" / f"subject-access-{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S%f}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Readable by the operator only, and never over an earlier export.
        handle = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        print(f"{out} exists already; choose another --out", file=sys.stderr)
        return 1
    document = privacy.export(sender_id, now, operator)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump(document, file, ensure_ascii=False, indent=2)
    if not (document["cases"] or document["conversation"]["messages"] or document["handoff"]):
        print("nothing is held for this sender: the file lists no cases and no messages", file=sys.stderr)
    print(json.dumps({"written": str(out), "cases": [c["reference"] for c in document["cases"]],
                      "messages": len(document["conversation"]["messages"]),
                      "notes": sum(len(c["notes"]) for c in document["cases"])}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
