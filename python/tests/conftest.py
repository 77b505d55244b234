"""Shared fixtures: where the ``mail-envelope`` command-line tool is, and Hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[2]
"""The repository's root."""

# CI runs more examples, without deadlines (the machine may be busy).
settings.register_profile(
    "ci", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def cli() -> Path:
    """The ``mail-envelope`` binary (``cargo build --features cli``).

    ``MAIL_ENVELOPE_CLI`` names it; CI sets it, and a run under CI without it fails. Elsewhere a
    binary in ``target/`` is used when there is one, else the tests that need it are skipped,
    saying so.
    """
    named = os.environ.get("MAIL_ENVELOPE_CLI")
    if named:
        path = Path(named)
        if not (path.is_file() and os.access(path, os.X_OK)):
            pytest.fail(f"MAIL_ENVELOPE_CLI={named} is not an executable file")
        return path
    if os.environ.get("CI"):
        pytest.fail(
            "MAIL_ENVELOPE_CLI is not set: CI must check split_many against the CLI "
            "(cargo build --features cli, then MAIL_ENVELOPE_CLI=target/debug/mail-envelope)"
        )
    for profile in ("debug", "release"):
        path = ROOT / "target" / profile / "mail-envelope"
        if path.is_file():
            return path
    pytest.skip(
        "SKIPPED: the batch contract needs the CLI; build it (cargo build --features cli) "
        "or set MAIL_ENVELOPE_CLI"
    )
