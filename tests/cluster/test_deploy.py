"""deploy/ matches the code: the units start processes that exist, the example settings
name a lock store Rasa can load, and `concerns.run --only` runs one process for real."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from concerns.run import process_commands, stack_environment, stop, wait_for
from concerns.settings import Settings
from concerns.store import CaseStore
from tests.conftest import ROOT, free_port
from tests.unit.test_store import _new_case, _two_emails

DEPLOY = ROOT / "deploy"


def _example_settings() -> dict[str, str]:
    lines = (DEPLOY / "concerns.env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_every_unit_starts_a_process_the_stack_has():
    known = process_commands(stack_environment(Settings(), {"RASA_JWT_SECRET": "x", "WEBCHAT_SESSION_SECRET": "x"}))
    started = {}
    for unit in (DEPLOY / "systemd").glob("*.service"):
        text = unit.read_text()
        assert "EnvironmentFile=/etc/concerns/concerns.env" in text, unit.name
        for process in re.findall(r"--only (\w+)", text):
            assert process in known, unit.name
            started[process] = unit.name
    assert started == {"rasa": "concerns-rasa@.service", "actions": "concerns-actions@.service",
                       "outbox": "concerns-outbox.service", "console": "concerns-console.service"}


def test_the_example_settings_name_the_safe_lock_store():
    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import EndpointConfig

    from deploy.lock_store import AtomicRedisLockStore

    settings = _example_settings()
    config = EndpointConfig(url="127.0.0.1", type=settings["LOCK_STORE_TYPE"], port="6379", db="1",
                            key_prefix=settings["LOCK_STORE_KEY_PREFIX"])
    store = LockStore.create(config)  # how Rasa builds it from endpoints.yml
    assert isinstance(store, AtomicRedisLockStore)
    assert store.key_prefix == f"{settings['LOCK_STORE_KEY_PREFIX']}:lock:"


def test_only_runs_one_process_with_the_stack_settings(tmp_path, smtp_server):
    port, inbox = smtp_server
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    store = CaseStore(url)
    store.migrate()
    store.file_case(_new_case(), "OC", _two_emails)
    env = dict(os.environ, DATABASE_URL=url, SMTP_HOST="127.0.0.1", SMTP_PORT=str(port),
               RASA_JWT_SECRET="unused", WEBCHAT_SESSION_SECRET="unused")
    worker = subprocess.Popen([sys.executable, "-m", "concerns.run", "--only", "outbox"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while len(inbox.messages) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=15)[0].decode(errors="replace")
    assert len(inbox.messages) == 2, output
    assert store.pending_count() == 0


def test_only_refuses_a_process_it_does_not_know():
    result = subprocess.run([sys.executable, "-m", "concerns.run", "--only", "rasa-server"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, RASA_JWT_SECRET="unused", WEBCHAT_SESSION_SECRET="unused"))
    assert result.returncode == 2
    assert "choose from" in result.stderr and "rasa" in result.stderr


NGINX_CONF = DEPLOY / "nginx" / "concerns.conf"
# What would put a query string (or a page's address with its query) in a log line.
QUERY_VARIABLES = re.compile(r"\$(request|request_uri|args|query_string|arg_\w+|is_args|http_referer|request_body)\b")


def _log_formats(text: str) -> dict[str, str]:
    return {name: body for name, body in re.findall(r"^log_format (\w+) (.*?);$", text, re.M | re.S)}


def test_every_server_logs_without_query_strings():
    text = NGINX_CONF.read_text()
    formats = _log_formats(text)
    servers = re.findall(r"^server \{.*?^\}", text, re.M | re.S)
    assert len(servers) == 4
    for server in servers:
        # Each server names its log and format: one inherited from nginx.conf would be `combined`.
        logs = re.findall(r"^\s*access_log (\S+)(?: (\w+))?;", server, re.M)
        assert logs and all(name in formats for _, name in logs), server
    for name, body in formats.items():
        assert not QUERY_VARIABLES.search(body), name


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed here")
def test_nginx_writes_the_path_and_not_the_query(tmp_path):
    """The file's log format in a real nginx: the path is logged, the query string is not."""
    [(name, body)] = _log_formats(NGINX_CONF.read_text()).items()
    port, log = free_port(), tmp_path / "access.log"
    config = tmp_path / "nginx.conf"
    config.write_text(f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\ndaemon off;\nevents {{}}\n"
                      f"http {{\n  client_body_temp_path {tmp_path};\n  log_format {name} {body};\n"
                      f"  server {{\n    listen 127.0.0.1:{port};\n    access_log {log} {name};\n"
                      f"    location / {{ return 204; }}\n  }}\n}}\n")
    process = subprocess.Popen([shutil.which("nginx"), "-c", str(config)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/health", time.monotonic() + 20, [process])
        for path in ("/conversations/e2e-0/tracker?token=secret-in-a-query",
                     "/webhooks/facebook/webhook?hub.verify_token=secret-in-a-query&hub.challenge=1"):
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10).close()
        deadline = time.monotonic() + 20
        while log.read_text().count("\n") < 3 and time.monotonic() < deadline:  # written as each request ends
            time.sleep(0.1)
    finally:
        stop([process])
    logged = log.read_text()
    assert "GET /conversations/e2e-0/tracker HTTP/1.1" in logged
    assert "GET /webhooks/facebook/webhook HTTP/1.1" in logged
    assert "secret-in-a-query" not in logged and "?" not in logged


def test_the_retention_purge_runs_nightly_with_the_admin_tool_s_command():
    """Retention is only kept if something runs the purge: a timer starts the admin tool's own
    `purge` (the command tests/integration/test_data_protection.py exercises) every night."""
    import subprocess
    import sys

    service = (DEPLOY / "systemd" / "concerns-purge.service").read_text()
    timer = (DEPLOY / "systemd" / "concerns-purge.timer").read_text()
    command = re.search(r"ExecStart=\S+ -m concerns\.cli (.+)", service).group(1).split()
    assert command == ["purge"] and "Type=oneshot" in service
    usage = subprocess.run([sys.executable, "-m", "concerns.cli", *command, "--help"], capture_output=True, text=True)
    assert usage.returncode == 0 and "--dry-run" in usage.stdout
    assert "OnCalendar=" in timer and "Persistent=true" in timer
