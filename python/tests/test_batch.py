"""split_many: the same records as ``mail-envelope split --json``, input for input."""

from __future__ import annotations

import json
import random
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mail_envelope import Mode, Strictness, split_many

from address_strategies import list_texts, mailbox_texts, path_texts

# Inputs of every kind the three modes meet, valid and not.
CURATED = [
    "服务显示名称 <keepalived@server.example.com>",
    '"Jane Doe (via Zulip)" <noreply-4bx8nf2q@zulip.example.com>',
    "Ops Team <ops@example.com>",
    "jdoe@example.com (John Doe)",
    "<@relay.example:user@example.com>",
    "Jörg <joerg@bücher.example>",
    "用户@例子.广告",
    "=?utf-8?q?Jos=C3=A9?= <jose@example.com>",
    "J. Smith <j@example.com>",
    "john . doe@example.com",
    '"john doe"@example.com',
    "user@[192.0.2.1]",
    "user@[IPv6:2001:db8::1]",
    "user@[300.1.1.1]",
    "a" * 65 + "@example.com",
    "Doe, John <j@example.com>",
    "Name <keepalived@host",
    "a@b>\r\nRCPT TO:<evil@x>",
    "ja\x00ne@example.com",
    "Name\r\n <folded@example.com>",
    '"a\x01b"@example.com',
    "",
    "   ",
    "<>",
    "<Postmaster>",
    "<POSTMASTER>",
    "<postmaster@example.com>",
    "Name <a@example.com>",
    "a@example.com, Team: b@example.org, c@example.org;, d@example.net",
    "Undisclosed recipients:;",
    "a@example.com; b@example.com",
    "Team: a@x.example; b@y.example;",
    "a@example.com, Bob <bob@example.com, c@example.com",
    "a@example.com,,b@example.com",
]

CONFIGURATIONS: list[tuple[Mode, Strictness, bool]] = [
    (mode, strictness, utf8)
    for mode in ("mailbox", "list", "path")
    for strictness in ("strict", "standard", "lenient")
    for utf8 in (False, True)
]


def cli_records(
    cli: Path, inputs: list[str], mode: Mode, strictness: Strictness, utf8: bool
) -> list[dict[str, Any]]:
    """What ``mail-envelope split --json`` prints for ``inputs``, one dict per input."""
    command = [str(cli), "split", "--json", "--json-input", "--mode", mode, "--strictness", strictness]
    if utf8:
        command.append("--utf8-headers")
    # --json-input: each argument is a JSON string, so inputs may hold CR, LF and NUL.
    command += [json.dumps(text) for text in inputs]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode in (0, 1), done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(records) == len(inputs)
    assert done.returncode == (0 if all(r["ok"] for r in records) else 1)
    return records


def generated_inputs(count: int, seed: int) -> list[str]:
    """``count`` inputs pieced together from fragments of addresses, from a fixed seed."""
    rng = random.Random(seed)
    pieces = [
        "a", "jane", "o'hara", "x.y", "用户", "ü", ".", "..", "@", "@@", "<", ">", "<>", '"', "\\",
        "(", ")", "(c)", " ", "\t", ",", ";", ":", "[", "]", "[192.0.2.1]", "[IPv6:::1]", "example.com",
        "bücher.example", "xn--bcher-kva.example", "-x.com", "Team:", "=?utf-8?q?a?=", "\r\n ", "\r",
        "\n", "\x00", "\x01", "Postmaster", "@relay.example:", "J.", "Doe, John",
    ]
    return ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 9))) for _ in range(count)]


@pytest.mark.parametrize(("mode", "strictness", "utf8"), CONFIGURATIONS)
def test_curated_inputs_give_the_clis_records(cli: Path, mode: Mode, strictness: Strictness, utf8: bool) -> None:
    records = split_many(CURATED, mode, strictness, utf8_headers=utf8)
    assert records == cli_records(cli, CURATED, mode, strictness, utf8)
    # The dicts keep the CLI's key order too.
    assert [list(r) for r in records] == [list(r) for r in cli_records(cli, CURATED, mode, strictness, utf8)]


@pytest.mark.parametrize("mode", ["mailbox", "list", "path"])
def test_generated_inputs_give_the_clis_records(cli: Path, mode: Mode) -> None:
    inputs = generated_inputs(1500, seed=16)
    assert split_many(inputs, mode) == cli_records(cli, inputs, mode, "standard", False)
    assert split_many(inputs, mode, "lenient", utf8_headers=True) == cli_records(cli, inputs, mode, "lenient", True)


@settings(max_examples=25)
@given(
    st.lists(st.one_of(mailbox_texts(), list_texts(), path_texts()), min_size=1, max_size=40),
    st.sampled_from(["mailbox", "list", "path"]),
    st.sampled_from(["strict", "standard", "lenient"]),
)
def test_hypothesis_inputs_give_the_clis_records(
    cli: Path, inputs: list[str], mode: Mode, strictness: Strictness
) -> None:
    assert split_many(inputs, mode, strictness) == cli_records(cli, inputs, mode, strictness, False)


def test_the_keepalived_record() -> None:
    (record,) = split_many(["服务显示名称 <keepalived@server.example.com>"])
    assert record == {
        "input": "服务显示名称 <keepalived@server.example.com>",
        "ok": True,
        "mode": "mailbox",
        "display_name": "服务显示名称",
        "local_part": "keepalived",
        "domain": "server.example.com",
        "addr_spec": "keepalived@server.example.com",
        "envelope": "<keepalived@server.example.com>",
        "envelope_ascii": "<keepalived@server.example.com>",
        "header": "=?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <keepalived@server.example.com>",
        "header_utf8": "服务显示名称 <keepalived@server.example.com>",
        "smtputf8": False,
        "category": "valid",
        "diagnoses": [],
    }


def test_failed_inputs_are_records_not_exceptions() -> None:
    ok, failed = split_many(["a@example.com", "Name <keepalived@host"])
    assert ok["ok"] is True
    assert failed == {
        "input": "Name <keepalived@host",
        "ok": False,
        "error": {
            "kind": "expected_angle_close",
            "offset": 21,
            "message": "expected '>' to close angle-addr at byte 21, found end of input",
        },
    }
    (in_list,) = split_many(["a@example.com, Bob <bob@example.com"], "list")
    assert in_list["error"]["member"] == 1


def test_arguments() -> None:
    assert split_many([]) == []
    assert split_many(iter(["a@example.com"]))[0]["ok"] is True
    assert split_many(("<>",), mode="path")[0]["path"] == "null_path"
    with pytest.raises(TypeError, match="not one string"):
        split_many("a@example.com")
    with pytest.raises(TypeError):
        split_many([b"a@example.com"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="mode must be"):
        split_many(["a@example.com"], mode="addr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="strictness must be"):
        split_many(["a@example.com"], strictness="loose")  # type: ignore[arg-type]


def test_large_batches_keep_their_order() -> None:
    inputs = [f"user{i}@example.com" for i in range(5000)]
    records = split_many(inputs)
    assert [r["input"] for r in records] == inputs
    assert records[4321]["envelope"] == "<user4321@example.com>"


def test_other_threads_run_while_a_batch_parses() -> None:
    # The GIL is released while the inputs parse: a thread that only counts keeps counting
    # during the call, not merely before and after it.
    inputs = ["服务显示名称 <keepalived@server.example.com>"] * 30_000
    stop = threading.Event()
    seen: list[float] = []

    def count() -> None:
        ticks = 0
        while not stop.is_set():
            ticks += 1
            if ticks % 1000 == 0:
                seen.append(time.perf_counter())

    counter = threading.Thread(target=count)
    counter.start()
    try:
        time.sleep(0.01)
        start = time.perf_counter()
        records = split_many(inputs)
        end = time.perf_counter()
    finally:
        stop.set()
        counter.join()
    assert len(records) == len(inputs)
    middle = (start + (end - start) / 4, end - (end - start) / 4)
    assert any(middle[0] < t < middle[1] for t in seen)
