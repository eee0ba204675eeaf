"""How data/nlu/public_out_of_scope.yml was made: general-assistant requests from public
intent data sets, taken only from their TRAINING splits, as `out_of_scope` examples, so that
"not a school matter" is learned from breadth and not guessed.

The held-out no-case set (tests/heldout/no_case.yml) takes its public lines only from the same
data sets' TEST splits; tests/unit/test_training_data_apart.py checks the two stay apart.

Run once, by hand, against snapshots of the three repositories (the `fetch` tool of the
development machine), never at setup or run time:

    python data/public/sample_public_intents.py /path/to/mirrors > data/nlu/public_out_of_scope.yml

Sources (licences read in each repository):
- clinc150: https://github.com/clinc/oos-eval @ 828f8093932c8fe6ca7936c3d2e52903b1c523de,
  CC BY 3.0; data/data_full.json, splits `train` and `oos_train`.
- hwu64: https://github.com/xliuhw/NLU-Evaluation-Data @ f6071b496b17d71e6eb43f543af0707f4ff30557,
  CC BY 4.0; CrossValidation/.../KFold_1/trainset/*.csv.
- banking77: https://github.com/PolyAI-LDN/task-specific-datasets @ 57ec275d8078af65b7731c2a98be812d844a6d6b,
  CC BY 4.0; banking_data/train.csv.
"""
from __future__ import annotations

import csv
import io
import json
import random
import re
import subprocess
import sys
from pathlib import Path

SEED = 20261201
PER_INTENT = {"clinc150": 2, "hwu64": 4, "banking77": 2}
# Intents that are the assistant's own conversation (yes, no, thanks, greetings, "are you a
# bot", cancel), questions a school answers (holidays), or posting on social media (a matter
# of the school's protocol): none of them is out of scope here.
OWN_INTENTS = {
    "clinc150": {"are_you_a_bot", "cancel", "goodbye", "greeting", "maybe", "no", "yes", "thank_you",
                 "what_can_i_ask_you", "repeat", "next_holiday", "who_do_you_work_for", "who_made_you",
                 "what_is_your_name"},
    "hwu64": {"general_affirm", "general_commandstop", "general_confirm", "general_negate", "general_praise",
              "general_explain", "general_repeat", "general_dontcare", "social_post", "social_query"},
    "banking77": set(),
}
# Lines a school assistant could fairly read as a school matter, a complaint or a risk to a
# child are left out: they are not "out of scope" for this assistant.
SKIP = re.compile(
    r"\b(school|teacher|class|child|children|kid|kids|son|daughter|baby|boy|girl|pupil|homework|"
    r"bully\w*|hurt\w*|hit|kill\w*|die|dead|death|suicid\w*|abuse\w*|drunk|drugs?|alone|scared|"
    r"afraid|danger\w*|unsafe|police|emergency|911|999|sex\w*|naked|complain\w*|unhappy|angry|rude|"
    r"terrible|awful|worst|hate|robb\w*|steal\w*|stole|stolen|fraud\w*|scam\w*|speak to (a|an) "
    r"(human|person|agent)|real person|talk to someone|customer service)\b", re.IGNORECASE)


def show(mirrors: Path, repo: str, path: str) -> str:
    return subprocess.run(["git", f"--git-dir={mirrors / repo / 'repo'}", "show", f"HEAD:{path}"],
                          capture_output=True, text=True, check=True).stdout


def clinc(mirrors: Path) -> dict[str, list[str]]:
    data = json.loads(show(mirrors, "clinc+oos-eval", "data/data_full.json"))
    by_intent: dict[str, list[str]] = {}
    for text, intent in data["train"] + data["oos_train"]:
        by_intent.setdefault(intent, []).append(text)
    return by_intent


def hwu(mirrors: Path) -> dict[str, list[str]]:
    folder = ("CrossValidation/autoGeneFromRealAnno/autoGene_2018_03_22-13_01_25_169/CrossValidation/"
              "KFold_1/trainset")
    listing = subprocess.run(["git", f"--git-dir={mirrors / 'xliuhw+NLU-Evaluation-Data' / 'repo'}", "ls-tree",
                              "--name-only", f"HEAD:{folder}"], capture_output=True, text=True, check=True).stdout
    by_intent: dict[str, list[str]] = {}
    for name in sorted(listing.split()):
        rows = csv.DictReader(io.StringIO(show(mirrors, "xliuhw+NLU-Evaluation-Data", f"{folder}/{name}")),
                              delimiter=";")
        by_intent[name.removesuffix(".csv")] = [row["answer_from_anno"] for row in rows if row.get("answer_from_anno")]
    return by_intent


def banking(mirrors: Path) -> dict[str, list[str]]:
    by_intent: dict[str, list[str]] = {}
    for row in csv.DictReader(io.StringIO(show(mirrors, "PolyAI-LDN+task-specific-datasets",
                                               "banking_data/train.csv"))):
        by_intent.setdefault(row["category"], []).append(row["text"])
    return by_intent


def main() -> None:
    mirrors = Path(sys.argv[1])
    rng = random.Random(SEED)
    seen: set[str] = set()
    print("# General-assistant requests from public intent data sets, as out_of_scope: see")
    print("# data/public/sample_public_intents.py for the sources, licences (CC BY 3.0, CC BY 4.0),")
    print("# commits and sampling. Training splits only; the held-out no-case set uses the test splits.")
    print('version: "3.1"')
    print("nlu:")
    print("  - intent: out_of_scope")
    print("    examples: |")
    for name, read in (("clinc150", clinc), ("hwu64", hwu), ("banking77", banking)):
        for intent, texts in sorted(read(mirrors).items()):
            if intent in OWN_INTENTS[name]:
                continue
            texts = sorted({" ".join(t.split()) for t in texts})
            rng.shuffle(texts)
            taken = 0
            for text in texts:
                key = text.lower()
                if taken >= PER_INTENT[name] or SKIP.search(text) or key in seen or len(text) < 4:
                    continue
                seen.add(key)
                print(f"      - {text}")
                taken += 1


if __name__ == "__main__":
    main()
