"""Issue 11, item 2: from six weeks before the profile's last term date, the console tells the
Headteacher and the office (who keep the profile) to add next year's terms; nobody else sees it,
and before then nobody does."""
from __future__ import annotations

import os

import pytest

from concerns.service import Core
from concerns.settings import Settings
from concerns.staff import StaffStore
from tests.console.conftest import DATABASES, add_every_account, sign_in, start_console, stop_console

HEAD = "head@oakleycross.example.org"
OFFICE = "office@oakleycross.example.org"
TEACHER = "e.lowe@oakleycross.example.org"
BANNER = 'id="calendar-banner"'


def _console(tmp_path, moment: str):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cases.db'}", "CONCERNS_NOW": moment}
    core = Core(Settings(database_url=env["DATABASE_URL"], clock_override=moment))
    add_every_account(StaffStore(core.store), core.profile)
    url, process = start_console(env)
    DATABASES[url] = env["DATABASE_URL"]
    return url, process


@pytest.mark.parametrize("moment, shown", [("2027-06-20T10:00:00", True), ("2026-11-25T10:00:00", False)])
def test_the_banner_is_shown_to_the_head_and_the_office_only_when_the_calendar_ends_soon(tmp_path, moment, shown):
    url, process = _console(tmp_path, moment)
    try:
        for email, sees in ((HEAD, shown), (OFFICE, shown), (TEACHER, False)):
            page = sign_in(url, email).get(url + "/cases")
            assert page.status_code == 200, (email, page.status_code)
            assert (BANNER in page.text) is sees, (email, moment)
    finally:
        stop_console(process)
