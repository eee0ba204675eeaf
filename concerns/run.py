"""`make run`: checks the profile, migrates, then starts and watches every process.

Starts the local mail server (when no SMTP_HOST is set), the outbox worker, the action
server and the Rasa server, all on loopback; prints where to talk to it; Ctrl-C stops
them all. If any process dies, the rest are stopped too, so nothing runs half-working.

`python -m concerns.run --only NAME` runs just one of them (rasa, actions, outbox,
console, mail) in the foreground with the same settings: what a service manager starts
when the processes are spread over several machines (see deploy/).
"""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from concerns.profile import ProfileError, load_profile
from concerns.settings import PROJECT_ROOT, Settings, load_dotenv
from concerns.store import CaseStore

VENV_BIN = Path(sys.executable).parent


def stack_environment(settings: Settings, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment every process gets: the caller's (or `base`), plus defaults for what's unset."""
    env = dict(os.environ if base is None else base)
    var = PROJECT_ROOT / "var"
    defaults = {
        "RASA_PORT": "5005",
        "ACTION_PORT": "5055",
        "TRACKER_DIALECT": "sqlite",
        "TRACKER_DB": str(var / "tracker.db"),
        "TRACKER_DB_HOST": "",
        "TRACKER_DB_USER": "",
        "TRACKER_DB_PASSWORD": "",
        # One Rasa server needs no shared lock store; several need Redis (deploy/).
        # Rasa reads an empty type as a class path, so the default must be named.
        "LOCK_STORE_TYPE": "in_memory",
        "LOCK_STORE_HOST": "127.0.0.1",
        "LOCK_STORE_PORT": "6379",
        "LOCK_STORE_DB": "1",
        "LOCK_STORE_PASSWORD": "",
        "LOCK_STORE_KEY_PREFIX": "",
        "SANIC_HOST": "127.0.0.1",  # the action server is never exposed beyond this machine
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONUNBUFFERED": "1",
    }
    for key, value in defaults.items():
        if not env.get(key):
            env[key] = value
    env.setdefault("ACTION_ENDPOINT_URL", f"http://127.0.0.1:{env['ACTION_PORT']}/webhook")
    env.setdefault("CONSOLE_PORT", "8000")
    env.setdefault("WEBCHAT_ALLOWED_ORIGINS",
                   f"http://127.0.0.1:{env['CONSOLE_PORT']},http://localhost:{env['CONSOLE_PORT']}")
    # Secrets not given in the environment are made once and kept in var/ (mode 600).
    for variable, file_name in (("RASA_JWT_SECRET", "rasa_jwt_secret"), ("WEBCHAT_SESSION_SECRET", "webchat_secret")):
        if not env.get(variable):
            secret_file = var / file_name
            if not secret_file.exists():
                secret_file.parent.mkdir(parents=True, exist_ok=True)
                secret_file.write_text(secrets.token_urlsafe(32))
                secret_file.chmod(0o600)
            env[variable] = secret_file.read_text().strip()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH", "")]))
    return env


def process_commands(env: dict[str, str]) -> dict[str, list[str]]:
    """The command line of each process, by name, for the ports and model named in `env`."""
    model = env.get("RASA_MODEL", str(PROJECT_ROOT / "models" / "current.tar.gz"))
    rasa = str(VENV_BIN / "rasa")
    return {
        "mail": [sys.executable, "-m", "concerns.mailsink"],
        "outbox": [sys.executable, "-m", "concerns.worker"],
        "console": [sys.executable, "-m", "console.app"],
        "actions": [rasa, "run", "actions", "--actions", "actions", "--port", env["ACTION_PORT"]],
        # `rasa run` through a launcher that makes a failed call to the action server give the
        # parent an apology with the office's number, not silence, and checks action answers
        # faster (channels/rasa_server.py). Its API secret comes from RASA_JWT_SECRET in the
        # environment, never the command line, which `ps` shows to everyone on the machine.
        "rasa": [sys.executable, "-m", "channels.rasa_server", "run", "--model", model, "--enable-api",
                 "--interface", env.get("RASA_INTERFACE", "127.0.0.1"),
                 "--port", env["RASA_PORT"], "--endpoints", "endpoints.yml", "--credentials", "credentials.yml"],
    }


def wait_for(url: str, deadline: float, processes: list[subprocess.Popen]) -> bool:
    """Whether `url` answered before `deadline` (False at once if any process stopped)."""
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes):
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    return False


def stop(processes: list[subprocess.Popen]) -> None:
    """Stop each process and everything it started: politely, then after 15 s by force."""
    for process in processes:
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + 15
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def main() -> int:
    load_dotenv()
    settings = Settings()
    try:
        profile = load_profile(settings.school_profile)
    except ProfileError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    CaseStore(settings.database_url).migrate()
    env = stack_environment(settings)
    every = process_commands(env)
    # START_ACTION_SERVER=false: the action server runs on its own (at ACTION_ENDPOINT_URL),
    # for example started and stopped by a test, or by `--only actions` elsewhere.
    start_action_server = env.get("START_ACTION_SERVER", "true").lower() != "false"
    names = ((["mail"] if not settings.smtp_host else []) + ["outbox", "console"]
             + (["actions"] if start_action_server else []) + ["rasa"])
    commands = [(name, every[name]) for name in names]
    processes: list[subprocess.Popen] = []
    stopping = {"now": False}

    def request_stop(*_):
        stopping["now"] = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        for name, command in commands:
            # Each child in its own process group, so Ctrl-C reaches it only through us
            # and we can stop it and everything it started.
            processes.append(subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, start_new_session=True))
        deadline = time.monotonic() + float(env.get("START_TIMEOUT", "300"))
        ready = ((not start_action_server
                  or wait_for(f"http://127.0.0.1:{env['ACTION_PORT']}/health", deadline, processes))
                 and wait_for(f"http://127.0.0.1:{env['CONSOLE_PORT']}/health", deadline, processes)
                 and wait_for(f"http://127.0.0.1:{env['RASA_PORT']}/", deadline, processes))
        if not ready:
            print("Cannot start: a process stopped or did not answer in time (see its output above).",
                  file=sys.stderr)
            return 1
        mail_note = (f"SMTP {settings.smtp_host}:{settings.smtp_port}" if settings.smtp_host
                     else f"kept as files in {settings.mail_dir}")
        print(
            f"\n{profile.name} assistant is ready.\n"
            f"  REST channel:  POST http://127.0.0.1:{env['RASA_PORT']}/webhooks/rest/webhook "
            '{"sender": "me", "message": "hello"}\n'
            f"  Chat in the terminal:  make chat\n"
            f"  School website with the chat widget:  http://127.0.0.1:{env['CONSOLE_PORT']}/\n"
            f"  HTTP API:      http://127.0.0.1:{env['RASA_PORT']}/ "
            "(a JWT signed with RASA_JWT_SECRET or var/rasa_jwt_secret)\n"
            f"  Staff mail:    {mail_note}\n"
            f"  Cases:         .venv/bin/python -m concerns.cli cases list\n"
            "Press Ctrl-C to stop.\n", flush=True)
        while not stopping["now"]:
            for (name, _), process in zip(commands, processes):
                if process.poll() is not None:
                    print(f"The {name} process stopped (exit {process.returncode}); stopping the rest.",
                          file=sys.stderr)
                    return 1
            time.sleep(0.5)
        return 0
    finally:
        stop(processes)
        print("Stopped.", flush=True)


def run_only(name: str) -> int:
    """Become one process of the stack (replacing this one), with the stack's settings.

    Migrations are not run here: run `python -m concerns.cli db upgrade` once per release.
    """
    load_dotenv()
    env = stack_environment(Settings())
    commands = process_commands(env)
    if name not in commands:
        print(f"No process called {name!r}; choose from {', '.join(commands)}.", file=sys.stderr)
        return 2
    os.chdir(PROJECT_ROOT)
    os.execve(commands[name][0], commands[name], env)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--only":
        sys.exit(run_only(sys.argv[2]))
    sys.exit(main())
