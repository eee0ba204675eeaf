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


if __name__ == "__main__":
    sys.exit(main())
