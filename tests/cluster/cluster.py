"""Starts the production layout of deploy/ on one machine for a test: several Rasa servers,
each with its own action server, and one outbox worker, sharing one PostgreSQL database
(conversations and cases) and Redis (Rasa's lock store). Processes are started with the
same commands and environment as `python -m concerns.run` (concerns.run.process_commands)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

from concerns.run import process_commands, stack_environment, stop, wait_for
from concerns.settings import Settings
from concerns.store import CaseStore
from console.rasa_api import rasa_api_headers
from tests.conftest import ROOT, free_port

POSTGRES = dict(host="127.0.0.1", port=5432, user="postgres")
# Rasa's own RedisLockStore ("redis") lets two servers handle one conversation at once.
LOCK_STORE = "deploy.lock_store.AtomicRedisLockStore"
REDIS = dict(host="127.0.0.1", port=6379, db=1)


@contextmanager
def fresh_postgres_database():
    """A new, empty PostgreSQL database for this run; yields its name, drops it afterwards."""
    import psycopg2

    name = f"concerns_cluster_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(dbname="postgres", **POSTGRES)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        admin.cursor().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


class Server:
    """One Rasa server and the action server only it calls."""

    def __init__(self, index: int, rasa_port: int, action_port: int):
        self.index, self.rasa_port, self.action_port = index, rasa_port, action_port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"


class Cluster:
    def __init__(self, tmp: Path, database: str, smtp_port: int, servers: int = 2,
                 now: str = "2026-11-25T10:00:00", lock_store: str = LOCK_STORE):
        self.tmp = tmp
        self.jwt_secret = "cluster-jwt-secret-" + os.urandom(16).hex()
        # Redis key prefixes must be letters and digits: one per run, so runs never meet.
        self.lock_prefix = "cluster" + uuid.uuid4().hex[:10]
        self.database_url = f"postgresql://{POSTGRES['user']}@{POSTGRES['host']}:{POSTGRES['port']}/{database}"
        base = {key: value for key, value in os.environ.items()
                if key not in ("ACTION_ENDPOINT_URL", "WEBCHAT_ALLOWED_ORIGINS", "CHAT_SERVER_URL", "RASA_URL")}
        base.update({
            # Every server must share these secrets, or a signed request or web chat session
            # given out by one would be refused by the next.
            "RASA_JWT_SECRET": self.jwt_secret, "WEBCHAT_SESSION_SECRET": "cluster-secret-" + os.urandom(8).hex(),
            "DATABASE_URL": self.database_url,
            "TRACKER_DIALECT": "postgresql", "TRACKER_DB_HOST": f"{POSTGRES['host']}:{POSTGRES['port']}",
            "TRACKER_DB": database, "TRACKER_DB_USER": POSTGRES["user"], "TRACKER_DB_PASSWORD": "",
            "LOCK_STORE_TYPE": lock_store, "LOCK_STORE_HOST": REDIS["host"], "LOCK_STORE_PORT": str(REDIS["port"]),
            "LOCK_STORE_DB": str(REDIS["db"]), "LOCK_STORE_PASSWORD": "", "LOCK_STORE_KEY_PREFIX": self.lock_prefix,
            # Shared replay memory for Messenger and the widget's messages between servers.
            "REDIS_URL": f"redis://{REDIS['host']}:{REDIS['port']}/{REDIS['db']}",
            "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port), "CONCERNS_NOW": now,
            "MAIL_DIR": str(tmp / "mail"), "CONSOLE_PORT": str(free_port()),
        })
        self.env = stack_environment(Settings(), base)
        self.servers = [Server(i, free_port(), free_port()) for i in range(servers)]
        self.processes: list[subprocess.Popen] = []
        self.logs: list[Path] = []

    def _start(self, process: str, log_name: str, env: dict[str, str]) -> None:
        log = self.tmp / f"{log_name}.log"
        self.logs.append(log)
        with open(log, "wb") as output:
            self.processes.append(subprocess.Popen(process_commands(env)[process], cwd=ROOT, env=env, stdout=output,
                                                   stderr=subprocess.STDOUT, start_new_session=True))

    def __enter__(self) -> "Cluster":
        CaseStore(self.database_url).migrate()  # once, before any process starts, as `make run` does
        try:
            self._start("outbox", "outbox", self.env)
            for server in self.servers:
                env = dict(self.env, RASA_PORT=str(server.rasa_port), ACTION_PORT=str(server.action_port),
                           ACTION_ENDPOINT_URL=f"http://127.0.0.1:{server.action_port}/webhook")
                self._start("actions", f"actions-{server.index}", env)
                self._start("rasa", f"rasa-{server.index}", env)
            deadline = time.monotonic() + 300
            for server in self.servers:
                if not (wait_for(f"http://127.0.0.1:{server.action_port}/health", deadline, self.processes)
                        and wait_for(server.url + "/", deadline, self.processes)):
                    raise RuntimeError(f"the cluster did not start:\n{self.read_logs()[-4000:]}")
        except BaseException:
            stop(self.processes)
            raise
        return self

    def __exit__(self, *exc) -> None:
        stop(self.processes)

    def read_logs(self) -> str:
        return "\n".join(f"== {log.name}\n{log.read_text(errors='replace')}" for log in self.logs if log.exists())

    def say(self, server: Server, sender: str, text: str) -> list[dict]:
        """Send one message on the REST channel of `server`; return the assistant's answers."""
        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(server.url + "/webhooks/rest/webhook", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read() or b"[]")

    def tracker(self, server: Server, sender: str) -> dict:
        request = urllib.request.Request(f"{server.url}/conversations/{sender}/tracker",
                                         headers=rasa_api_headers(self.jwt_secret))
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    def append(self, server: Server, sender: str, events: list[dict], output_channel: str) -> dict:
        """Add events to a conversation through `server`'s HTTP API and send them on a channel,
        as the console does when a member of staff replies."""
        query = urllib.parse.urlencode({"output_channel": output_channel, "execute_side_effects": "true"})
        request = urllib.request.Request(f"{server.url}/conversations/{sender}/tracker/events?{query}",
                                         data=json.dumps(events).encode(),
                                         headers={"Content-Type": "application/json",
                                                  **rasa_api_headers(self.jwt_secret)})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    def forget_locks(self) -> None:
        """Remove this run's keys from Redis."""
        import redis

        client = redis.Redis(**REDIS)
        for key in client.scan_iter(f"{self.lock_prefix}:*"):
            client.delete(key)


class AlternatingChat:
    """One parent's conversation, sent turn by turn to each server in turn, as a load
    balancer without sticky sessions would. Keeps what was said and how long each answer took."""

    def __init__(self, cluster: Cluster, first: int = 0):
        self.cluster, self.turn = cluster, first
        self.turns: list[tuple[str, list[str], int]] = []  # (sent, answers, server index)
        self.latencies: list[float] = []

    def say(self, sender: str, text: str) -> list[dict]:
        server = self.cluster.servers[self.turn % len(self.cluster.servers)]
        self.turn += 1
        started = time.perf_counter()
        replies = self.cluster.say(server, sender, text)
        self.latencies.append(time.perf_counter() - started)
        self.turns.append((text, [r["text"] for r in replies if r.get("text")], server.index))
        return replies


NGINX_CONF = ROOT / "deploy" / "nginx" / "concerns.conf"


def socketio_nginx_config(servers: list[Server], port: int, tmp: Path) -> str:
    """The socket.io parts of deploy/nginx/concerns.conf (upstream, per-address limit,
    location), pointed at `servers` and listening on 127.0.0.1:`port` without TLS."""
    text = NGINX_CONF.read_text()
    upstream = re.search(r"^upstream rasa_socketio \{.*?^\}", text, re.S | re.M).group(0)
    upstream = re.sub(r"^\s*server \S+.*;\n", "", upstream, flags=re.M)
    ours = "".join(f"    server 127.0.0.1:{server.rasa_port};\n" for server in servers)
    upstream = upstream[:-1] + ours + "}"
    limit = re.search(r"^limit_req_zone .*;$", text, re.M).group(0)
    location = re.search(r"^    location /socket\.io/ \{.*?^    \}", text, re.S | re.M).group(0)
    return (f"pid {tmp}/nginx.pid;\nerror_log {tmp}/nginx-error.log;\ndaemon off;\nevents {{}}\n"
            f"http {{\n  access_log off;\n  client_body_temp_path {tmp};\n  proxy_temp_path {tmp};\n"
            f"{limit}\n{upstream}\nserver {{\n    listen 127.0.0.1:{port};\n{location}\n}}\n}}\n")


@contextmanager
def nginx_in_front(cluster: Cluster, tmp: Path):
    """nginx on loopback with the production socket.io configuration; yields its URL."""
    port = free_port()
    config = tmp / "nginx.conf"
    config.write_text(socketio_nginx_config(cluster.servers, port, tmp))
    with open(tmp / "nginx.log", "wb") as log:
        process = subprocess.Popen([shutil.which("nginx"), "-c", str(config)], stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        handshake = f"http://127.0.0.1:{port}/socket.io/?EIO=4&transport=polling"
        if not wait_for(handshake, time.monotonic() + 20, [process]):
            raise RuntimeError(f"nginx did not start: {(tmp / 'nginx-error.log').read_text(errors='replace')}")
        yield f"http://127.0.0.1:{port}"
    finally:
        stop([process])
