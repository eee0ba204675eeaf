"""A file a case listed, deleted because the parent's words spoke of a nude or semi-nude image
of a child (concerns/evidence_store.py): the case page and the API show, in its place, a plain
line that a file was removed and why, with no link (it would find nothing), no image and no
file name; and the removal is in the case's audit trail. On a console server of its own."""
from __future__ import annotations

import os

import pytest
import requests

from concerns.evidence import check_file
from concerns.evidence_store import REMOVED_NUDE_IMAGE
from concerns.paused_files import file_what_was_sent_while_paused
from concerns.service import Core, Intake
from concerns.settings import Settings
from concerns.staff import StaffStore
from tests.console.conftest import DATABASES, add_every_account, sign_in, start_console, stop_console

PNG = b"\x89PNG\r\n\x1a\n" + b"\x02" * 100
HEAD = "head@oakleycross.example.org"
SENDER = "parent-removed-file"
FILE_NAME = "ruby-year3-bathtime.png"


@pytest.fixture(scope="module")
def console(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("removed_files")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'cases.db'}", "CONCERNS_NOW": "2026-11-25T10:00:00"}
    core = Core(Settings(database_url=env["DATABASE_URL"], clock_override="2026-11-25T10:00:00"))
    people = StaffStore(core.store)
    add_every_account(people, core.profile)
    url, process = start_console(env)
    DATABASES[url] = env["DATABASE_URL"]
    yield {"url": url, "core": core, "people": people}
    stop_console(process)


def test_a_file_removed_after_nude_words_is_a_plain_line_on_the_case_page_and_in_the_api(console):
    core, url = console["core"], console["url"]
    photo = {"type": "image", "title": FILE_NAME,
             **core.evidence.keep(SENDER, "facebook", check_file(PNG, 10_000)).described()}
    record = core.file(Intake("report_cyberbullying", "facebook", SENDER, parent_name="Mel", contact="mel@example.org",
                              account="a group chat laughing at her", attachments=[photo]))
    reference, link = record["reference"], f"/cases/{record['reference']}/evidence/{photo['evidence']}"
    head = sign_in(url, HEAD)
    assert link in head.get(f"{url}/cases/{reference}").text  # kept with the case, and linked
    assert head.get(url + link).content == PNG

    # Staff have the conversation; the parent says what the picture is (the paused path).
    outcome = file_what_was_sent_while_paused(core.store, core.evidence, SENDER, "that is a nude photo of my daughter",
                                              [], [photo], reference)
    assert outcome.deleted == 1

    page = head.get(f"{url}/cases/{reference}").text
    assert REMOVED_NUDE_IMAGE in page
    assert "/evidence/" not in page and photo["evidence"] not in page and FILE_NAME not in page
    assert "attachment_removed" in page  # the audit trail, shown on the page
    assert head.get(url + link).status_code == 404

    api = {"Authorization": f"Bearer {console['people'].add_api_token('records', HEAD)}"}
    case = requests.get(f"{url}/api/cases/{reference}", headers=api).json()
    assert case["attachments"] == [{"removed": REMOVED_NUDE_IMAGE}]
    transcript = requests.get(f"{url}/api/cases/{reference}/transcript", headers=api).json()["transcript"]
    assert transcript[-1]["who"] == "case record" and transcript[-1]["text"] == REMOVED_NUDE_IMAGE
    assert transcript[-1]["removed_file"] is True
    assert FILE_NAME not in str(case) + str(transcript) and photo["evidence"] not in str(case) + str(transcript)
    removals = [a for a in core.store.get(reference)["audit"] if a["action"] == "attachment_removed"]
    assert [(a["actor"], a["detail"]) for a in removals] == [
        ("assistant (conversation with staff)", "1 file(s) removed: words about a nude or semi-nude image of a child")]
