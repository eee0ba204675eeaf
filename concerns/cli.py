"""The admin tool: `python -m concerns.cli cases list|show REF`, `db upgrade`, `profile check`.

Prints JSON: one object per case with the record's fields.
"""
from __future__ import annotations

import argparse
import json
import sys

from concerns.profile import ProfileError, load_profile
from concerns.service import Core
from concerns.settings import Settings, load_dotenv
from concerns.store import STATUSES, CaseStore


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
    staff_actions.add_parser("list", help="list accounts")
    totp = staff_actions.add_parser("totp", help="turn on one-time codes; prints the secret for an app")
    totp.add_argument("email")
    token = commands.add_parser("api-token", help="tokens for integrations (read-only API)")
    token_actions = token.add_subparsers(dest="action", required=True)
    token_add = token_actions.add_parser("add", help="make a token that sees what this staff member sees")
    token_add.add_argument("name")
    token_add.add_argument("--as", dest="email", required=True)
    profile = commands.add_parser("profile", help="school profile")
    profile.add_argument("action", choices=["check"])
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
        return 0
    if args.command == "db":
        CaseStore(settings.database_url).migrate()
        print("database schema is up to date")
        return 0
    core = Core(settings)
    if args.command in ("staff", "api-token"):
        return _staff(args, core)
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

    from concerns.staff import StaffStore

    people = StaffStore(core.store)
    if args.command == "api-token":
        try:
            print(people.add_api_token(args.name, args.email))
        except ValueError as error:
            print(error, file=sys.stderr)
            return 1
        print("Keep this token secret; it is shown only once.", file=sys.stderr)
        return 0
    if args.action == "list":
        for account in people.list():
            print(json.dumps(account))
        return 0
    if args.action == "totp":
        try:
            secret = people.enable_totp(args.email)
        except ValueError as error:
            print(error, file=sys.stderr)
            return 1
        print(f"otpauth://totp/{core.profile.short_name}:{args.email}?secret={secret}&issuer={core.profile.short_name}")
        return 0
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
    print(f"account created for {member.name} ({member.role})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
