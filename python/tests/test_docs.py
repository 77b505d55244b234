"""Every public name has a docstring, and the examples in docstrings and READMEs run as written."""

from __future__ import annotations

import doctest
import inspect
import re
from pathlib import Path
from typing import Any

import pytest

import mail_envelope

ROOT = Path(__file__).resolve().parents[2]
READMES = [ROOT / "README.md", ROOT / "python" / "README.md"]
# The typing aliases are documented in the source and the stubs; at run time they are typing's.
ALIASES = {"Category", "Mode", "Strictness", "__version__"}


def public_objects() -> list[tuple[str, Any]]:
    """Every public class and function, and every public method and property of the classes."""
    found: list[tuple[str, Any]] = [("mail_envelope", mail_envelope)]
    for name in sorted(set(mail_envelope.__all__) - ALIASES):
        value = getattr(mail_envelope, name)
        found.append((name, value))
        if inspect.isclass(value) and not issubclass(value, BaseException):
            for attribute, member in vars(value).items():
                if not attribute.startswith("_"):
                    found.append((f"{name}.{attribute}", member))
    return found


@pytest.mark.parametrize(("name", "value"), public_objects(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_public_name_has_a_docstring(name: str, value: Any) -> None:
    doc = inspect.getdoc(value)
    assert doc and len(doc) > 20, f"{name} has no docstring"


def run_examples(text: str, name: str) -> None:
    """Runs the ``>>>`` examples in ``text`` with the package's names in scope."""
    globs = {name: getattr(mail_envelope, name) for name in mail_envelope.__all__}
    test = doctest.DocTestParser().get_doctest(text, globs, name, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0, f"{runner.failures} example(s) in {name} failed (see the output above)"


@pytest.mark.parametrize(("name", "value"), public_objects(), ids=lambda v: v if isinstance(v, str) else "")
def test_docstring_examples_run(name: str, value: Any) -> None:
    run_examples(inspect.getdoc(value) or "", name)


def python_blocks(path: Path) -> list[str]:
    """The ```python blocks of a Markdown file."""
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.DOTALL)


@pytest.mark.parametrize("path", READMES, ids=lambda p: str(p.relative_to(ROOT)))
def test_readme_examples_run(path: Path) -> None:
    blocks = python_blocks(path)
    assert blocks, f"{path} has no python examples"
    assert all(">>>" in block for block in blocks)
    run_examples("\n".join(blocks), str(path.relative_to(ROOT)))


def test_some_docstrings_hold_examples() -> None:
    with_examples = [name for name, value in public_objects() if ">>>" in (inspect.getdoc(value) or "")]
    assert {"mail_envelope", "Mailbox", "ReversePath", "ForwardPath", "split_many"} <= set(with_examples)
