"""Time mail_envelope against Python's own address parsers on one generated corpus.

The corpus is the Rust benches' (``benches/common/mod.rs``): four workloads of 10,000 mailboxes
each, from a fixed seed -- ``bare`` (``local@domain``, ``<...>``, white space), ``named``
(``Name <...>``, quoted names, quoted-pairs), ``utf8`` (UTF-8 names, local parts and IDN domains)
and ``hard`` (comments, quoted local parts, address literals, RFC 2047 words, obsolete syntax,
folding). It is printed by ``cargo run --release --example bench_corpus``; this script runs that
unless ``--corpus FILE`` names a file it wrote.

Contestants, each over every input of a workload:

* ``parseaddr``: ``email.utils.parseaddr(s)``, the baseline (it validates nothing);
* ``headerregistry``: ``email.headerregistry.HeaderRegistry()("To", s)``, the parse behind
  ``EmailMessage``'s address headers;
* ``email_validator``: ``validate_email(s, check_deliverability=False, allow_display_name=True)``;
* ``Mailbox.parse``: a loop of ``mail_envelope.Mailbox.parse(s)``;
* ``split_many``: one ``mail_envelope.split_many(inputs)`` call, which gives for every input what
  ``mail-envelope split --json`` prints: both forms, the parts, the category and the diagnoses;
* ``json.loads`` (a reference, not a parser): reading those same records back from their JSON
  text, one ``json.loads`` per line, which is the least a program that runs the CLI and reads its
  output pays to hold the dicts split_many returns.

Each figure is the best of ``--repeat`` runs of CPU time (``time.process_time``, so other load on
the machine counts less), per input, with the garbage collector off as ``timeit`` has it.

    python python/bench.py                   # the table, as in python/README.md
    python python/bench.py --repeat 3 --smoke   # a quick run on 200 inputs per workload
"""

from __future__ import annotations

import argparse
import email.utils
import json
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from email.headerregistry import HeaderRegistry
from pathlib import Path

import email_validator

# Run as a script, this file's folder comes first on sys.path, and its mail_envelope/ is the
# source package without the compiled extension: import the installed package instead.
_here = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if Path(p or ".").resolve() != _here]

import mail_envelope  # noqa: E402

Corpus = dict[str, list[str]]


def load_corpus(path: str | None) -> Corpus:
    """The inputs of each workload, in order, from ``path`` or from the Rust generator."""
    if path is None:
        root = Path(__file__).resolve().parent.parent
        text = subprocess.run(
            ["cargo", "run", "--quiet", "--release", "--example", "bench_corpus"],
            cwd=root,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    else:
        text = Path(path).read_text(encoding="utf-8")
    corpus: Corpus = {}
    for line in text.splitlines():
        row = json.loads(line)
        corpus.setdefault(row["workload"], []).append(row["input"])
    return corpus


def parseaddr(inputs: list[str]) -> int:
    """How many inputs parseaddr found an address in."""
    return sum(1 for s in inputs if email.utils.parseaddr(s)[1])


def headerregistry(inputs: list[str]) -> int:
    """How many inputs gave an address header without defects (some raise ValueError)."""
    registry = HeaderRegistry()
    accepted = 0
    for s in inputs:
        try:
            accepted += not registry("To", s).defects
        except ValueError:
            pass
    return accepted


def validate_email(inputs: list[str]) -> int:
    """How many inputs email_validator accepted."""
    accepted = 0
    for s in inputs:
        try:
            email_validator.validate_email(s, check_deliverability=False, allow_display_name=True)
            accepted += 1
        except email_validator.EmailNotValidError:
            pass
    return accepted


def mailbox_parse(inputs: list[str]) -> int:
    """How many inputs Mailbox.parse accepted."""
    accepted = 0
    for s in inputs:
        try:
            mail_envelope.Mailbox.parse(s)
            accepted += 1
        except mail_envelope.ParseError:
            pass
    return accepted


def split_many(inputs: list[str]) -> int:
    """How many inputs split_many parsed."""
    return sum(1 for record in mail_envelope.split_many(inputs) if record["ok"])


def json_loads(inputs: list[str]) -> int:
    """How many of the inputs' records, read back from JSON text, say ok (the text is made first)."""
    lines = JSON_LINES.get(id(inputs))
    if lines is None:
        lines = [json.dumps(record, ensure_ascii=False) for record in mail_envelope.split_many(inputs)]
        JSON_LINES[id(inputs)] = lines
    return sum(1 for line in lines if json.loads(line)["ok"])


JSON_LINES: dict[int, list[str]] = {}
"""The JSON lines of each input list json_loads has seen, made once, outside its timed runs."""

CONTESTANTS: list[tuple[str, Callable[[list[str]], int]]] = [
    ("parseaddr", parseaddr),
    ("headerregistry", headerregistry),
    ("email_validator", validate_email),
    ("Mailbox.parse", mailbox_parse),
    ("split_many", split_many),
    ("json.loads", json_loads),
]


def best_seconds(run: Callable[[list[str]], int], inputs: list[str], repeat: int) -> float:
    """The least CPU time of ``repeat`` runs over ``inputs`` (after one untimed run)."""
    run(inputs)
    timer = timeit.Timer(lambda: run(inputs), timer=time.process_time)
    return min(timer.repeat(repeat=repeat, number=1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="a file of bench_corpus JSON lines")
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (default 7)")
    parser.add_argument("--smoke", action="store_true", help="200 inputs per workload")
    args = parser.parse_args()

    corpus = load_corpus(args.corpus)
    if args.smoke:
        corpus = {name: inputs[:200] for name, inputs in corpus.items()}
    corpus["all"] = [s for inputs in corpus.values() for s in inputs]
    workloads = list(corpus)

    times: dict[str, dict[str, float]] = {}
    accepted: dict[str, int] = {}
    for name, run in CONTESTANTS:
        times[name] = {}
        for workload in workloads:
            inputs = corpus[workload]
            times[name][workload] = best_seconds(run, inputs, args.repeat) / len(inputs)
        accepted[name] = run(corpus["all"])
        print(f"{name}: done", file=sys.stderr)

    baseline = times["parseaddr"]["all"]
    print(f"{len(corpus['all'])} inputs; CPU time per input in µs, best of {args.repeat} runs")
    print()
    print("| contestant | " + " | ".join(workloads) + " | × parseaddr (all) | accepted |")
    print("|---|" + "---:|" * (len(workloads) + 2))
    for name, _ in CONTESTANTS:
        cells = " | ".join(f"{times[name][w] * 1e6:.2f}" for w in workloads)
        ratio = times[name]["all"] / baseline
        print(f"| `{name}` | {cells} | {ratio:.3f} | {accepted[name]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
