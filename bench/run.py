"""`make bench`: understanding, safety and speed, measured in one run on this machine,
side by side with a bare assistant made by `rasa init`. Writes bench/RESULTS.md.

Nothing here tunes anything: the held-out sets in tests/ are only ever read.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import understanding  # noqa: E402  (bench/run.py runs as a script)
from console.rasa_api import rasa_api_headers  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench"
RESULTS = OUT / "results"
RASA = str(Path(sys.executable).parent / "rasa")
LEVELS = (1, 5, 10, 20, 40)
SECONDS_PER_LEVEL = float(os.environ.get("BENCH_SECONDS", "20"))
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONPATH": str(ROOT)}

# A realistic intake, greeting to filed case, as a parent would type it.
INTAKE = ["hello", "my son is being bullied by a boy in his class who keeps pushing him over at playtime",
          "Kai", "year 3", "Lou Grant", "07700 900111", "/affirm"]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log(message: str) -> None:
    print(f"[bench {dt.datetime.now():%H:%M:%S}] {message}", flush=True)


# -- processes ---------------------------------------------------------------------------
def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def peak_memory_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\x00", " ")
    except OSError:
        return ""


class Assistant:
    """One assistant (ours via concerns.run, or the bare one) on free loopback ports."""

    def __init__(self, name: str, workdir: Path, tmp: Path, sql_tracker_store: bool = False):
        self.name, self.workdir, self.tmp = name, workdir, tmp
        self.sql_tracker_store = sql_tracker_store
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0
        self.first_answer_s = 0.0
        self.jwt_secret = "bench-" + uuid.uuid4().hex

    def start(self) -> None:
        env = dict(ENV)
        log_file = open(self.tmp / f"{self.name}.log", "wb")
        if self.name == "ours":
            smtp = free_port()
            env.update({"RASA_PORT": str(self.port), "ACTION_PORT": str(free_port()), "CONSOLE_PORT": str(free_port()),
                        "DATABASE_URL": f"sqlite:///{self.tmp / 'cases.db'}", "TRACKER_DB": str(self.tmp / "tracker.db"),
                        "MAIL_DIR": str(self.tmp / "mail"), "LOCAL_SMTP_PORT": str(smtp), "SMTP_HOST": "",
                        "CONCERNS_NOW": "2026-11-25T10:00:00", "RASA_JWT_SECRET": self.jwt_secret,
                        "WEBCHAT_SESSION_SECRET": uuid.uuid4().hex})
            command = [sys.executable, "-m", "concerns.run"]
        else:
            # The bare assistant is started the same way: Rasa server plus action server.
            env["SANIC_HOST"] = "127.0.0.1"
            action_port = free_port()
            endpoints = self.workdir / f"bench_endpoints_{self.name}.yml"
            text = f"action_endpoint:\n  url: http://127.0.0.1:{action_port}/webhook\n"
            if self.sql_tracker_store:  # the same durable tracker store as ours (a SQLite file)
                text += f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {self.tmp / (self.name + '-tracker.db')}\n"
            endpoints.write_text(text)
            command = ["bash", "-c", f"{RASA} run actions --port {action_port} & "
                                     f"exec {RASA} run --enable-api --port {self.port} -i 127.0.0.1 "
                                     f"--endpoints {endpoints.name} --credentials credentials.yml"]
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(command, cwd=self.workdir, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        asyncio.run(self._first_answer())

    async def _first_answer(self) -> None:
        deadline = time.monotonic() + 300
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline:
                try:
                    async with session.post(self.url, json={"sender": "warmup", "message": "hello"},
                                            timeout=aiohttp.ClientTimeout(total=30)) as reply:
                        if reply.status == 200 and await reply.json():
                            self.first_answer_s = time.monotonic() - self.started_at
                            return
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    pass
                await asyncio.sleep(0.5)
        raise RuntimeError(f"{self.name} did not answer; see {self.tmp}/{self.name}.log")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhooks/rest/webhook"

    def memory(self) -> dict[str, float]:
        """Peak resident memory (MB) of each process, by role."""
        roles: dict[str, float] = {}
        for pid in descendants(self.process.pid) + [self.process.pid]:
            line = command_line(pid)
            rasa_server = "channels.rasa_server" in line or (" run --" in line and "rasa" in line
                                                                     and "actions" not in line)
            role = ("rasa server" if rasa_server else
                    "action server" if "run actions" in line else
                    "console" if "console.app" in line else
                    "outbox worker" if "concerns.worker" in line else
                    "mail server" if "mailsink" in line else None)
            if role:
                roles[role] = max(roles.get(role, 0.0), peak_memory_mb(pid))
        return roles

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


# -- load ------------------------------------------------------------------------------------
async def closed_loop(url: str, concurrency: int, seconds: float) -> dict:
    """`concurrency` parents, each going through the intake again and again, for `seconds`."""
    latencies: list[float] = []
    errors = 0
    stop_at = time.monotonic() + seconds

    async def parent(session: aiohttp.ClientSession) -> None:
        nonlocal errors
        while time.monotonic() < stop_at:
            sender = uuid.uuid4().hex
            for text in INTAKE:
                started = time.monotonic()
                try:
                    async with session.post(url, json={"sender": sender, "message": text},
                                            timeout=aiohttp.ClientTimeout(total=60)) as reply:
                        await reply.read()
                        if reply.status != 200:
                            errors += 1
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    errors += 1
                latencies.append(time.monotonic() - started)
                if time.monotonic() >= stop_at:
                    return

    began = time.monotonic()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        await asyncio.gather(*(parent(session) for _ in range(concurrency)))
    elapsed = time.monotonic() - began
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000 if ordered else 0.0

    return {"concurrency": concurrency, "requests": len(latencies), "errors": errors,
            "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99),
            "messages_per_s": len(latencies) / elapsed if elapsed else 0.0}


# -- understanding ---------------------------------------------------------------------------
def intent_summary(report_path: Path) -> dict:
    report = json.loads(report_path.read_text())
    per_intent = {k: v for k, v in report.items() if isinstance(v, dict) and "precision" in v
                  and k not in ("macro avg", "micro avg", "weighted avg")}
    return {"accuracy": report.get("accuracy"), "macro": report.get("macro avg"),
            "micro": report.get("micro avg") or {"f1-score": report.get("accuracy")}, "per_intent": per_intent}


async def triage_eval(url: str, tracker_url: str, jwt_secret: str) -> dict:
    """First message only: is `category` and `routed_to` right? Safeguarding recall,
    non-safeguarding raised as urgent."""
    messages = yaml.safe_load((ROOT / "tests" / "heldout" / "triage_messages.yml").read_text())["messages"]
    rows = []
    semaphore = asyncio.Semaphore(4)
    async with aiohttp.ClientSession() as session:
        async def one(item):
            async with semaphore:
                sender = "triage-" + uuid.uuid4().hex
                async with session.post(url, json={"sender": sender, "message": item["text"]}) as reply:
                    said = " ".join(m.get("text") or "" for m in await reply.json())
                async with session.get(tracker_url.format(sender=sender), headers=rasa_api_headers(jwt_secret)) as reply:
                    slots = (await reply.json())["slots"]
                category = slots.get("category") or ("signpost" if "complaints procedure" in said else None)
                rows.append({"expected": item, "category": category, "routed_to": slots.get("routed_to") or "none",
                             "urgency": slots.get("urgency")})
        await asyncio.gather(*(one(item) for item in messages))
    by_row: dict[str, list[bool]] = {}
    for row in rows:
        expected = row["expected"]
        key = f"{expected['category']} -> {expected['routed_to']}"
        right = row["category"] == expected["category"] and row["routed_to"] == expected["routed_to"]
        by_row.setdefault(key, []).append(right)
    safeguarding = [r for r in rows if r["expected"]["category"] == "safeguarding"]
    others = [r for r in rows if r["expected"]["category"] != "safeguarding"]
    missed = [r["expected"]["text"] for r in safeguarding if r["category"] != "safeguarding"]
    return {
        "total": len(rows),
        "accuracy": sum(all_ok for oks in by_row.values() for all_ok in oks) / len(rows),
        "by_row": {k: (sum(v), len(v)) for k, v in sorted(by_row.items())},
        "safeguarding_recall": (len(safeguarding) - len(missed)) / len(safeguarding),
        "safeguarding_missed": missed,
        "false_urgent": sum(1 for r in others if r["urgency"] == "urgent") / len(others),
    }


async def out_of_scope_eval(url: str, tracker_url: str, jwt_secret: str) -> dict:
    messages = yaml.safe_load((ROOT / "tests" / "heldout" / "out_of_scope.yml").read_text())["messages"]
    wrong = []
    semaphore = asyncio.Semaphore(4)
    async with aiohttp.ClientSession() as session:
        async def one(text):
            async with semaphore:
                sender = "oos-" + uuid.uuid4().hex
                async with session.post(url, json={"sender": sender, "message": text}) as reply:
                    await reply.read()
                async with session.get(tracker_url.format(sender=sender), headers=rasa_api_headers(jwt_secret)) as reply:
                    slots = (await reply.json())["slots"]
                if slots.get("category") or slots.get("case_reference"):
                    wrong.append(text)
        await asyncio.gather(*(one(str(t)) for t in messages))
    return {"total": len(messages), "wrong": len(wrong), "share": len(wrong) / len(messages), "examples": wrong[:10]}


def _examples(path: Path) -> list[tuple[str, str]]:
    """(text, intent) of every example in a Rasa NLU file, entity markup removed."""
    pairs = []
    for block in (yaml.safe_load(path.read_text()) or {}).get("nlu", []):
        for line in str(block.get("examples", "")).splitlines():
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}", lambda m: m.group(1) or m.group(2),
                          line.strip().removeprefix("- "))
            if text and "intent" in block:
                pairs.append((text, block["intent"]))
    return pairs


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def novelty_gap(cv_errors: Path, heldout_errors: Path) -> dict:
    """Why cross-validation scores lower than the held-out set: how many of an example's words
    the model never saw in training, and how accuracy falls with that share. In cross-validation
    an example is scored against the other training examples (the share is counted leaving only
    that one example out, so it understates what a fold of 20% leaves out); a held-out example
    against all of the training data."""
    training = [pair for path in sorted((ROOT / "data" / "nlu").glob("*.yml")) for pair in _examples(path)]
    heldout = _examples(ROOT / "tests" / "test_nlu.yml")
    seen_in: dict[str, int] = {}
    for text, _ in training:
        for word in _words(text):
            seen_in[word] = seen_in.get(word, 0) + 1
    all_training_words = set(seen_in)

    def share_unseen(words: set[str], known) -> float:
        return sum(1 for w in words if not known(w)) / len(words) if words else 0.0

    def wrong_texts(path: Path) -> dict[str, str]:
        if not path.exists():
            return {}
        return {e["text"]: (e.get("intent_prediction") or {}).get("name") for e in json.loads(path.read_text())}

    buckets = (("none", lambda s: s == 0), ("up to a quarter", lambda s: 0 < s <= 0.25),
               ("more than a quarter", lambda s: s > 0.25))
    result = {}
    for name, examples, wrong, known in (
            ("cross-validation", training, wrong_texts(cv_errors), lambda w: seen_in[w] > 1),
            ("held-out", heldout, wrong_texts(heldout_errors), lambda w: w in all_training_words)):
        shares = [(share_unseen(_words(t), known), t in wrong) for t, _ in examples]
        rows = []
        for label, test in buckets:
            inside = [is_wrong for share, is_wrong in shares if test(share)]
            rows.append((label, len(inside), 1 - sum(inside) / len(inside) if inside else 0.0))
        result[name] = {"mean_unseen": statistics.mean(s for s, _ in shares) if shares else 0.0, "rows": rows,
                        "fallback_share": (sum(1 for p in wrong.values() if p == "nlu_fallback") / len(wrong)
                                           if wrong else 0.0)}
    return result


def run(command: list[str], cwd: Path = ROOT, timeout: float = 1800) -> float:
    started = time.monotonic()
    subprocess.run(command, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=timeout)
    return time.monotonic() - started


# Where a Rasa server's time goes, by the part of the code a sampled stack is in (first match).
PROFILE_PARTS = (
    ("checking action server answers (jsonschema)", ("jsonschema/",)),
    ("tracker store: saving the conversation", ("tracker_store.py:save", "tracker_store.py:_additional_events")),
    ("tracker store: loading the conversation", ("tracker_store.py:",)),
    ("calling the action server (custom actions, form checks)", ("actions/action.py:_action_call_format",
                                                                  "rasa/utils/endpoints.py", "events.py:deserialise_events")),
    ("understanding the message (NLU pipeline)", ("rasa/nlu/", "components/safeguarding_net")),
    ("choosing the next action (policies)", ("rasa/core/policies/",)),
)


def _frame(sampled: str) -> str:
    """py-spy's "function (path/file.py:line)" as "path/file.py:function", the path from the package on."""
    function, _, where = sampled.partition(" (")
    return f"{where.rsplit(':', 1)[0].split('site-packages/')[-1]}:{function}"


def profile_rasa_server(assistant: "Assistant", seconds: float = 20) -> dict[str, float] | None:
    """Samples ours' Rasa server with py-spy under 20 concurrent conversations (a separate
    run after the timed ones, so the sampling does not slow what was timed)."""
    py_spy = Path(sys.executable).parent / "py-spy"
    server = next((pid for pid in descendants(assistant.process.pid)
                   if "channels.rasa_server" in command_line(pid)), None)
    if not py_spy.exists() or server is None:
        return None
    out = assistant.tmp / "rasa-profile.txt"
    spy = subprocess.Popen([str(py_spy), "record", "-p", str(server), "-d", str(int(seconds)), "-r", "50", "-f", "raw",
                            "-o", str(out), "--nonblocking"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    asyncio.run(closed_loop(assistant.url, 20, seconds))
    if spy.wait(timeout=seconds + 60) != 0 or not out.exists():
        return None
    shares = {name: 0 for name, _ in PROFILE_PARTS}
    total = 0
    for line in out.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [_frame(f) for f in stack.split(";")]
        total += int(count)
        for name, markers in PROFILE_PARTS:
            if any(marker in frame for frame in frames for marker in markers):
                shares[name] += int(count)
                break
    if not total:
        return None
    result = {name: count / total for name, count in shares.items()}
    result["everything else (HTTP, Sanic, Rasa's processor)"] = 1 - sum(result.values())
    return result


def plot(load: dict[str, list[dict]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(7, 4.2))
    for name, rows in load.items():
        levels = [r["concurrency"] for r in rows]
        axis.plot(levels, [r["p50_ms"] for r in rows], marker="o", label=f"{name}: median")
        axis.plot(levels, [r["p95_ms"] for r in rows], marker="s", linestyle="--", label=f"{name}: 95th percentile")
    axis.set_xlabel("concurrent conversations")
    axis.set_ylabel("response time (ms)")
    axis.set_title("REST response time against concurrency")
    axis.grid(True, alpha=0.3)
    axis.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=120)


def main() -> int:
    started = time.monotonic()
    RESULTS.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    facts: dict = {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "machine": f"{platform.node()}, "
                   f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"}

    # Cross-validation trains five models: the longest part by far. It runs from the start at the
    # lowest priority (nice 19), so it only takes CPU time the timed parts leave idle (the kernel
    # gives a nice-0 process about 70 times its share), and catches up while the held-out sets run.
    log("cross-validation (5 folds) in the background, at the lowest priority")
    cv = subprocess.Popen([RASA, "test", "nlu", "--nlu", "data/nlu", "--config", "config.yml", "--cross-validation",
                           "--folds", "5", "--out", str(RESULTS / "cv")], cwd=ROOT, env=ENV,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=lambda: os.nice(19))

    log("training our assistant from scratch (timed)")
    facts["train_s"] = run([RASA, "train", "--force", "--fixed-model-name", "bench", "--out", str(tmp / "models")])
    facts["model_mb"] = (tmp / "models" / "bench.tar.gz").stat().st_size / 1e6
    # The model measured is the one `make run` and `make test` use afterwards.
    (ROOT / "models").mkdir(exist_ok=True)
    shutil.copy(tmp / "models" / "bench.tar.gz", ROOT / "models" / "current.tar.gz")

    log("making and training the bare assistant (rasa init)")
    bare_dir = tmp / "bare"
    bare_dir.mkdir()
    run([RASA, "init", "--no-prompt", "--init-dir", str(bare_dir)], cwd=tmp)
    facts["bare_model_mb"] = max((p.stat().st_size for p in (bare_dir / "models").glob("*.tar.gz")), default=0) / 1e6

    ours, bare = Assistant("ours", ROOT, tmp), Assistant("bare", bare_dir, tmp)
    log("starting both assistants")
    ours.start()
    bare.start()
    facts["first_answer_s"] = {"ours": ours.first_answer_s, "bare": bare.first_answer_s}

    load: dict[str, list[dict]] = {"ours": [], "bare": []}
    for level in LEVELS:
        for assistant in (ours, bare):  # interleaved, so both see the same machine
            log(f"load: {assistant.name} at {level} concurrent conversations")
            load[assistant.name].append(asyncio.run(closed_loop(assistant.url, level, SECONDS_PER_LEVEL)))
    facts["memory"] = {"ours": ours.memory(), "bare": bare.memory()}
    bare.stop()

    log("bare assistant again, with the same SQL tracker store as ours, at 20 concurrent conversations")
    bare_sql = Assistant("bare-sql", bare_dir, tmp, sql_tracker_store=True)
    bare_sql.start()
    facts["bare_sql_20"] = asyncio.run(closed_loop(bare_sql.url, 20, SECONDS_PER_LEVEL))
    ours_again = asyncio.run(closed_loop(ours.url, 20, SECONDS_PER_LEVEL))
    facts["ours_20_beside_bare_sql"] = ours_again
    bare_sql.stop()
    log("profiling our Rasa server at 20 concurrent conversations (py-spy)")
    facts["profile"] = profile_rasa_server(ours)

    tracker_url = f"http://127.0.0.1:{ours.port}/conversations/{{sender}}/tracker"
    jwt_secret = ours.jwt_secret
    triage = asyncio.run(triage_eval(ours.url, tracker_url, jwt_secret))
    oos = asyncio.run(out_of_scope_eval(ours.url, tracker_url, jwt_secret))
    log("the triage issue's held-out sets: openers, no-case messages, conversations")
    facts["understanding"] = asyncio.run(understanding.evaluate(ours.url, tracker_url, jwt_secret,
                                                                f"sqlite:///{tmp / 'cases.db'}"))
    (RESULTS / "understanding.json").write_text(json.dumps(facts["understanding"], indent=1, ensure_ascii=False))
    ours.stop()
    log("held-out NLU test set; then waiting for the cross-validation")
    run([RASA, "test", "nlu", "--nlu", "tests/test_nlu.yml", "--model", str(ROOT / "models" / "current.tar.gz"),
         "--out", str(RESULTS / "heldout")])
    cv.wait(timeout=1800)
    facts["total_s"] = time.monotonic() - started

    plot(load, OUT / "response_time.png")
    for source, target in (("heldout/intent_confusion_matrix.png", "heldout_confusion_matrix.png"),
                           ("heldout/intent_histogram.png", "heldout_histogram.png"),
                           ("cv/intent_confusion_matrix.png", "cv_confusion_matrix.png"),
                           ("cv/intent_histogram.png", "cv_histogram.png")):
        if (RESULTS / source).exists():
            shutil.copy(RESULTS / source, OUT / target)
    write_results(facts, load, triage, oos, intent_summary(RESULTS / "heldout" / "intent_report.json"),
                  intent_summary(RESULTS / "cv" / "intent_report.json") if (RESULTS / "cv" / "intent_report.json").exists()
                  else None, novelty_gap(RESULTS / "cv" / "intent_errors.json", RESULTS / "heldout" / "intent_errors.json"))
    shutil.rmtree(tmp, ignore_errors=True)
    log(f"done in {facts['total_s'] / 60:.1f} minutes: bench/RESULTS.md")
    return 0


def _intent_table(summary: dict) -> str:
    lines = ["| intent | precision | recall | F1 | examples |", "|---|---|---|---|---|"]
    for name, scores in sorted(summary["per_intent"].items()):
        lines.append(f"| {name} | {scores['precision']:.2f} | {scores['recall']:.2f} | {scores['f1-score']:.2f} | "
                     f"{scores['support']} |")
    macro, micro = summary["macro"] or {}, summary["micro"] or {}
    lines.append(f"| **macro average** | {macro.get('precision', 0):.2f} | {macro.get('recall', 0):.2f} | "
                 f"{macro.get('f1-score', 0):.2f} | |")
    lines.append(f"| **micro average (accuracy)** | | | {summary['accuracy'] or micro.get('f1-score', 0):.2f} | |")
    return "\n".join(lines)


def profile_table(profile: dict[str, float] | None) -> str:
    if not profile:
        return "py-spy could not sample the Rasa server in this run."
    rows = ["| part | share of samples |", "|---|---|"]
    rows += [f"| {name} | {share:.0%} |" for name, share in profile.items()]
    return "\n".join(rows)


def write_results(facts, load, triage, oos, heldout, cv, gap) -> None:
    by_level = {r["concurrency"]: r for r in load["bare"]}
    load_lines = ["| assistant | concurrent | requests | errors | median ms | p95 ms | p99 ms | messages/s |",
                  "|---|---|---|---|---|---|---|---|"]
    for name in ("ours", "bare"):
        for r in load[name]:
            load_lines.append(f"| {name} | {r['concurrency']} | {r['requests']} | {r['errors']} | {r['p50_ms']:.0f} | "
                              f"{r['p95_ms']:.0f} | {r['p99_ms']:.0f} | {r['messages_per_s']:.1f} |")
    ratio_lines = ["| concurrent | p95 ours / bare | median ours / bare |", "|---|---|---|"]
    for r in load["ours"]:
        b = by_level[r["concurrency"]]
        ratio_lines.append(f"| {r['concurrency']} | {r['p95_ms'] / b['p95_ms']:.2f} | {r['p50_ms'] / b['p50_ms']:.2f} |")
    at20 = next(r for r in load["ours"] if r["concurrency"] == 20)
    ratio20 = at20["p95_ms"] / by_level[20]["p95_ms"]
    triage_lines = ["| routing-table row (expected category -> routed_to) | right | of | share |", "|---|---|---|---|"]
    for key, (right, total) in triage["by_row"].items():
        triage_lines.append(f"| {key} | {right} | {total} | {right / total:.0%} |")
    memory_lines = ["| process | ours (MB) | bare (MB) |", "|---|---|---|"]
    for role in sorted(set(facts["memory"]["ours"]) | set(facts["memory"]["bare"])):
        memory_lines.append(f"| {role} | {facts['memory']['ours'].get(role, 0):.0f} | "
                            f"{facts['memory']['bare'].get(role, 0):.0f} |")

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    text = f"""# Benchmark results

Measured by `make bench` on {facts['date']}, on {facts['machine']}. Everything below comes
from that one run; the machine is shared, so compare the two assistants with each other (they were
measured interleaved, level by level), not with other days. Cross-validation ran beside everything
else at the lowest priority (nice 19), taking only CPU time the rest left idle.

## Targets

| target | result | |
|---|---|---|
| safeguarding recall on the held-out set: 100% | {triage['safeguarding_recall']:.1%} | {verdict(triage['safeguarding_recall'] >= 1.0)} |
| triage accuracy (category and routed_to from the first message): at least 95% | {triage['accuracy']:.1%} | {verdict(triage['accuracy'] >= 0.95)} |
| out-of-scope messages wrongly triaged: at most 2% | {oos['share']:.1%} ({oos['wrong']} of {oos['total']}) | {verdict(oos['share'] <= 0.02)} |
| p95 response time at 20 concurrent conversations: at most 1.5 x the bare assistant's | {ratio20:.2f} x | {verdict(ratio20 <= 1.5)} |
| no errors under load | {sum(r['errors'] for r in load['ours'])} errors | {verdict(sum(r['errors'] for r in load['ours']) == 0)} |

{understanding.report(facts['understanding'])}
{understanding.enquiries_report(facts['understanding']['enquiries'])}
## Understanding: held-out NLU set (`tests/test_nlu.yml`, never trained on)

{_intent_table(heldout)}

![confusion matrix, held-out](heldout_confusion_matrix.png)
![confidence histogram, held-out](heldout_histogram.png)

## Understanding: 5-fold cross-validation on the training data

{_intent_table(cv) if cv else "Cross-validation did not produce a report in this run."}

![confusion matrix, cross-validation](cv_confusion_matrix.png)
![confidence histogram, cross-validation](cv_histogram.png)

### Why cross-validation scores lower than the held-out set

The training data was written to cover many different ways of saying each thing, so a training
example often has words no other training example has; the held-out set, written apart, mostly
uses words the training data has. When a fold leaves an example out, its unusual words leave with
it. Share of an example's words the model never saw in training (for cross-validation, counted
leaving out only that example, which understates a 20% fold), and accuracy by that share:

| | mean share of words unseen | accuracy: no word unseen | up to a quarter unseen | more than a quarter unseen | errors that were "not sure" (fallback) |
|---|---|---|---|---|---|
{chr(10).join(f"| {name} | {g['mean_unseen']:.1%} | " + " | ".join(f"{acc:.0%} of {n}" for _, n, acc in g['rows'])
              + f" | {g['fallback_share']:.0%} |" for name, g in gap.items())}

## Triage from the first message (`tests/heldout/triage_messages.yml`, {triage['total']} messages)

Overall: {triage['accuracy']:.1%} right. Safeguarding recall: {triage['safeguarding_recall']:.1%}.
Non-safeguarding messages wrongly raised as urgent: {triage['false_urgent']:.1%}.

{chr(10).join(triage_lines)}

Safeguarding messages not treated as safeguarding from the first message:
{chr(10).join('- ' + m for m in triage['safeguarding_missed']) or '- none'}

## Out of scope (`tests/heldout/out_of_scope.yml`)

{oos['wrong']} of {oos['total']} ({oos['share']:.1%}) started a case. Examples:
{chr(10).join('- ' + m for m in oos['examples']) or '- none'}

## Speed: closed loop on the REST channel

Each simulated parent goes through a whole intake (greeting to filed case, {len(INTAKE)} messages)
again and again for {SECONDS_PER_LEVEL:.0f} s at each level. The bare assistant is `rasa init`'s,
started the same way (Rasa server and action server), given the same messages.

{chr(10).join(load_lines)}

Ours against the bare assistant:

{chr(10).join(ratio_lines)}

![response time against concurrency](response_time.png)

### The price of keeping conversations

Ours keeps every conversation in a SQL tracker store (so a restart loses nothing); `rasa init`'s
keeps them in memory. Run again at 20 concurrent conversations, the bare assistant with the same
SQL tracker store (a SQLite file) beside ours:

| at 20 concurrent | median ms | p95 ms | messages/s |
|---|---|---|---|
| bare, SQL tracker store | {facts['bare_sql_20']['p50_ms']:.0f} | {facts['bare_sql_20']['p95_ms']:.0f} | {facts['bare_sql_20']['messages_per_s']:.1f} |
| ours | {facts['ours_20_beside_bare_sql']['p50_ms']:.0f} | {facts['ours_20_beside_bare_sql']['p95_ms']:.0f} | {facts['ours_20_beside_bare_sql']['messages_per_s']:.1f} |
| p95 ours / bare with the same store | {facts['ours_20_beside_bare_sql']['p95_ms'] / facts['bare_sql_20']['p95_ms']:.2f} x | | |

### Where our Rasa server's time goes (py-spy, 20 concurrent conversations)

{profile_table(facts.get('profile'))}

### What changed after profiling

- **Checking the action server's answers.** Rasa 3.6 checks every answer from the action server
  with `jsonschema.validate`, which first checks the schema itself against JSON Schema's
  meta-schema, every time. Under 20 concurrent conversations that was 41% of the Rasa server's
  samples (py-spy, 2026-11-25). The Rasa server now checks the schema once at start and each answer
  against it (`channels/action_response_check.py`; malformed answers fail as before). In the same
  profiling set-up (20 concurrent, 40 s, other work on the machine), before and after: median
  2.5-2.8 s to 0.54 s, p95 6.1-7.2 s to 1.4 s, 6-8 to 28 messages per second. What is left
  of that row in the table above is checking each answer against the schema (about 0.7 ms for
  a typical answer), which Rasa needs and we keep.
- **Training and understanding (2026-12-02).** The intent classifier is a logistic regression
  over word and character n-grams and the MiniLM sentence embedding
  (`components/linear_intent_classifier.py`), in place of DIET. On the development sets in
  `bench/dev/` (never trained on, written apart from the held-out sets), DIET against it: openers
  right from the first message 73.2% against 82.2%; everyday and general-assistant lines that
  would start a case 11.0% against 1.8%; urgent alerts among them 3.8% against 0.1%. It trains
  in seconds; what is left of training time is encoding the examples and Rasa's own rules.
- **Tried and not kept: SQLite's write-ahead log for the tracker store.** The tracker store's
  commits were the next largest part we control; an interleaved A/B of 160 saves on Rasa's own
  SQL tracker store showed no gain on this machine's disk (0.83 s against 0.95-1.07 s), so the
  default journal stays. In production the tracker store is PostgreSQL (README, "Beyond one machine").
- What is left is mostly Rasa's own work: understanding the message (the encoder) and loading and
  saving the conversation, which the bare assistant with the same store pays too (above).

## Cost

| | ours | bare |
|---|---|---|
| training from scratch (cross-validation beside it at nice 19) | {facts['train_s']:.0f} s | (trained by rasa init) |
| model size | {facts['model_mb']:.1f} MB | {facts['bare_model_mb']:.1f} MB |
| start to first answer | {facts['first_answer_s']['ours']:.1f} s | {facts['first_answer_s']['bare']:.1f} s |

Peak memory (resident, VmHWM) of each process:

{chr(10).join(memory_lines)}

The whole benchmark took {facts['total_s'] / 60:.1f} minutes.
"""
    (OUT / "RESULTS.md").write_text(text)


if __name__ == "__main__":
    sys.exit(main())
