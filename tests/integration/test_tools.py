"""The processes and tools a new user runs: start-up checks, the local mail server, the admin CLI."""
import json
import os
import subprocess
import sys
import time

from concerns.notifier import Mailer
from concerns.service import Core, Intake
from concerns.settings import Settings
from tests.conftest import PROFILE_PATH, ROOT, free_port


def _run(args, env_extra, timeout=60, **kwargs):
    env = {**os.environ, **env_extra}
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout, **kwargs)


def test_a_bad_profile_stops_start_up_naming_the_line(tmp_path):
    broken = tmp_path / "school.yml"
    broken.write_text(PROFILE_PATH.read_text().replace("role: office", "role: caretaker"))
    result = _run(["concerns.run"], {"SCHOOL_PROFILE": str(broken), "DATABASE_URL": f"sqlite:///{tmp_path}/c.db"})
    assert result.returncode == 2
    assert f"{broken}:" in result.stderr and "unknown role 'caretaker'" in result.stderr


def test_the_local_mail_server_keeps_each_message_as_a_file(tmp_path):
    port = free_port()
    sink = subprocess.Popen([sys.executable, "-m", "concerns.mailsink", "--port", str(port), "--dir",
                             str(tmp_path / "mail")], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert "local mail server" in sink.stdout.readline()
        Mailer("127.0.0.1", port, "assistant@example.org").send("dsl@example.org", "[URGENT] test", "body")
        deadline = time.monotonic() + 10
        while not list((tmp_path / "mail").glob("*.eml")) and time.monotonic() < deadline:
            time.sleep(0.1)
        [kept] = list((tmp_path / "mail").glob("*.eml"))
        text = kept.read_text()
        assert "X-Envelope-To: dsl@example.org" in text and "Subject: [URGENT] test" in text
    finally:
        sink.terminate()
        sink.wait(timeout=10)


def test_the_admin_tool_lists_and_shows_cases_as_json(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    # A fixed clock inside the tests' calendar: the suite never depends on the real date (issue 11, item 2).
    monkeypatch.setenv("CONCERNS_NOW", "2026-11-25T10:00:00")
    core = Core(Settings())
    filed = core.file(Intake(matter="report_bullying", channel="web", sender_id="s1", child_name="Kai",
                             child_class="year 3", parent_name="Lou", contact="07700 900111",
                             account="pushed over at playtime"))
    env = {"DATABASE_URL": url}
    listed = _run(["concerns.cli", "cases", "list"], env)
    assert listed.returncode == 0, listed.stderr
    [line] = listed.stdout.splitlines()
    record = json.loads(line)
    assert record["reference"] == filed["reference"] and record["category"] == "bullying"
    assert record["routed_to"] == "class_teacher" and record["assignee"] == "l.kerr@oakleycross.example.org"
    shown = json.loads(_run(["concerns.cli", "cases", "show", filed["reference"]], env).stdout)
    for field in ("created_at", "channel", "sender_id", "about", "copied_to", "urgency", "status", "child_name",
                  "child_class", "parent_name", "parent_contact", "account", "attachments", "acknowledge_by",
                  "respond_by", "transcript", "notifications", "audit"):
        assert field in shown
    missing = _run(["concerns.cli", "cases", "show", "OC-2026-9999"], env)
    assert missing.returncode == 1 and "no case" in missing.stderr
    assert _run(["concerns.cli", "profile", "check"], {}).returncode == 0


def test_profile_check_warns_from_six_weeks_before_the_last_term_date_and_still_passes():
    """Issue 11, item 2: the school is told to add next year's terms in time; nothing stops."""
    for moment, warned in (("2026-11-25T10:00:00", False), ("2027-06-20T10:00:00", True),
                           ("2027-08-10T10:00:00", True)):
        checked = _run(["concerns.cli", "profile", "check"], {"CONCERNS_NOW": moment})
        assert checked.returncode == 0, checked.stderr
        assert ("warning: the term dates end on" in checked.stderr) is warned, (moment, checked.stderr)
