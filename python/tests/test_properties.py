"""Properties over generated inputs: what is rendered parses back to the same value, and no
output carries CR, LF or NUL, except the CRLF + white space of a fold inside a rendered field."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from address_strategies import list_texts, mailbox_texts, path_texts
from hypothesis import given
from hypothesis import strategies as st

import mail_envelope
from mail_envelope import AddressList, ForwardPath, Mailbox, ReversePath, split_many

T = TypeVar("T")

FORBIDDEN = re.compile(r"[\r\n\x00]")
# A field line: no NUL, and CR only as the CRLF of a fold, followed by a space or a tab.
FIELD = re.compile(r"(?:[^\r\n\x00]|\r\n[ \t])*")


def parsed(parse: Callable[[str], T], text: str) -> T | None:
    """``parse(text)``, or None when the text is not one."""
    try:
        return parse(text)
    except mail_envelope.ParseError:
        return None


def rendered(render: Callable[[], T]) -> T | None:
    """``render()``, or None when the value has no such form."""
    try:
        return render()
    except (mail_envelope.EnvelopeError, mail_envelope.RenderError):
        return None


def unfold(field: str, name: str) -> str:
    """The value of a rendered field, its folds undone."""
    assert field.startswith(name + ": ")
    return field[len(name) + 2 :].replace("\r\n", "")


def assert_clean(text: str | None) -> None:
    """No CR, LF or NUL in ``text``."""
    assert text is None or not FORBIDDEN.search(text), repr(text)


def assert_field(text: str | None) -> None:
    """``text`` is a field line whose only CR and LF are folds."""
    assert text is None or FIELD.fullmatch(text), repr(text)


def mailbox_outputs(m: Mailbox) -> Iterator[str | None]:
    """Every text a mailbox gives that must be free of CR, LF and NUL."""
    yield from (str(m), m.display_name, m.local_part, m.domain, m.addr_spec, m.category)
    yield from m.diagnoses
    yield rendered(m.to_header)
    yield rendered(lambda: m.to_header(utf8=True))
    for path in (rendered(lambda: str(m.to_reverse_path())), rendered(lambda: str(m.to_forward_path()))):
        yield path
    yield rendered(lambda: str(m.to_reverse_path().to_ascii()))


@given(mailbox_texts(), st.sampled_from(["strict", "standard", "lenient"]))
def test_mailboxes_round_trip_and_stay_clean(text: str, strictness: mail_envelope.Strictness) -> None:
    m = parsed(lambda t: Mailbox.parse(t, strictness), text)
    if m is None:
        return
    # The canonical form parses back to an equal mailbox, with the same canonical form.
    again = Mailbox.parse(str(m))
    assert again == m and str(again) == str(m) and hash(again) == hash(m)
    # The RFC 6532 header form and a whole field read back as the same mailbox.
    utf8 = rendered(lambda: m.to_header(utf8=True))
    if utf8 is not None:
        assert Mailbox.parse(utf8) == m
        field = m.to_field("From", utf8=True, fold_at=20)
        assert_field(field)
        assert Mailbox.parse(unfold(field, "From")) == m
    # The ASCII header is ASCII and reads back with the same name and local part (its domain in
    # A-labels when the domain is not ASCII).
    ascii_header = rendered(m.to_header)
    if ascii_header is not None:
        assert ascii_header.isascii()
        back = Mailbox.parse(ascii_header)
        assert (back.display_name, back.local_part) == (m.display_name, m.local_part)
        if m.domain.isascii():
            assert back == m
        assert_field(rendered(lambda: m.to_field("From", fold_at=20)))
    # A path's text parses back to the same path.
    path = rendered(m.to_reverse_path)
    if path is not None:
        assert ReversePath.parse(str(path)) == path
        assert ForwardPath.parse(str(m.to_forward_path())) == m.to_forward_path()
        assert path.to_mailbox() == Mailbox.parse(m.addr_spec)
        ascii_path = rendered(path.to_ascii)
        if ascii_path is not None:
            assert str(ascii_path).isascii()
            assert ReversePath.parse(str(ascii_path)) == ascii_path
    for output in mailbox_outputs(m):
        assert_clean(output)


@given(list_texts(), st.sampled_from(["standard", "lenient"]))
def test_lists_round_trip_and_stay_clean(text: str, strictness: mail_envelope.Strictness) -> None:
    lst = parsed(lambda t: AddressList.parse(t, strictness), text)
    if lst is None:
        return
    assert AddressList.parse(str(lst)) == lst
    field = rendered(lambda: lst.to_field("To", utf8=True, fold_at=30))
    if field is not None:
        assert_field(field)
        assert AddressList.parse(unfold(field, "To")) == lst
    assert_field(rendered(lambda: lst.to_field("To")))
    assert_clean(str(lst))
    for m in lst.mailboxes:
        for output in mailbox_outputs(m):
            assert_clean(output)


@given(path_texts(), st.sampled_from(["strict", "standard", "lenient"]))
def test_paths_round_trip_and_stay_clean(text: str, strictness: mail_envelope.Strictness) -> None:
    for parse in (ReversePath.parse, ForwardPath.parse):
        path = parsed(lambda t: parse(t, strictness), text)
        if path is None:
            continue
        assert parse(str(path)) == path
        ascii_path = rendered(path.to_ascii)
        if ascii_path is not None:
            assert str(ascii_path).isascii()
            assert parse(str(ascii_path)) == ascii_path
        for output in (str(path), path.local_part, path.domain, path.addr_spec, repr(path)):
            assert_clean(output)


def strings(value: Any) -> Iterator[str]:
    """Every string inside a record (its keys and values, nested)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@given(
    st.lists(st.one_of(mailbox_texts(), list_texts(), path_texts()), max_size=8),
    st.sampled_from(["mailbox", "list", "path"]),
    st.booleans(),
)
def test_split_many_records_stay_clean(texts: list[str], mode: mail_envelope.Mode, utf8: bool) -> None:
    for record in split_many(texts, mode, utf8_headers=utf8):
        echoed = record.pop("input")
        assert echoed in texts
        for text in strings(record):
            assert_clean(text)
