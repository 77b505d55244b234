"""The exceptions: one hierarchy under mail_envelope.Error, with kind, offset, member, hint, message."""

from __future__ import annotations

import pickle

import pytest

import mail_envelope
from mail_envelope import AddressList, EnvelopeError, Error, ForwardPath, Mailbox, ParseError, RenderError, ReversePath


def test_hierarchy() -> None:
    for exception in (ParseError, EnvelopeError, RenderError):
        assert issubclass(exception, Error)
        assert issubclass(exception, ValueError)
        assert exception.__module__ == "mail_envelope"
        assert exception.__doc__
    assert issubclass(Error, ValueError)


def test_a_parse_error_says_what_was_expected_and_where() -> None:
    with pytest.raises(ParseError) as caught:
        Mailbox.parse("Name <keepalived@host")
    err = caught.value
    assert err.kind == "expected_angle_close"
    assert err.offset == 21
    assert err.member is None
    assert err.hint is None
    assert err.message == "expected '>' to close angle-addr at byte 21, found end of input"
    assert str(err) == err.message
    assert err.args == (err.message,)


@pytest.mark.parametrize(
    ("text", "kind", "offset"),
    [
        # CRLF injection is never an address: the error points at the CR.
        ("a@b>\r\nRCPT TO:<evil@x>", "forbidden_control", 4),
        ("jane@example.com\nBcc: x@y", "forbidden_control", 16),
        ("ja\x00ne@example.com", "forbidden_control", 2),
        ('"unterminated@example.com', "unterminated_quoted_string", 25),
        ("jane(comment@example.com", "unterminated_comment", 24),
        ("jane", "expected_at", 4),
        ("", "expected_address", 0),
        ("a@example.com b@example.com", "trailing_input", 14),
    ],
)
def test_errors_with_offsets(text: str, kind: str, offset: int) -> None:
    with pytest.raises(ParseError) as caught:
        Mailbox.parse(text)
    assert (caught.value.kind, caught.value.offset) == (kind, offset)
    assert f"at byte {offset}" in caught.value.message


def test_offsets_count_utf8_bytes() -> None:
    text = "服务 <keepalived@host"
    with pytest.raises(ParseError) as caught:
        Mailbox.parse(text)
    offset = caught.value.offset
    assert offset == len(text.encode())
    # The byte offset maps back to a character index through the UTF-8 encoding.
    assert len(text.encode()[:offset].decode()) == len(text)


def test_list_errors_name_the_member() -> None:
    with pytest.raises(ParseError) as caught:
        AddressList.parse("a@example.com, Bob <bob@example.com, c@example.com")
    assert (caught.value.kind, caught.value.offset, caught.value.member) == ("expected_angle_close", 35, 1)
    assert "(address 2 of the list)" in caught.value.message


def test_hints() -> None:
    with pytest.raises(ParseError) as path:
        ReversePath.parse("<Name <a@example.com>>")
    assert path.value.hint is not None and "a path takes no display name" in path.value.hint
    assert path.value.hint in path.value.message
    with pytest.raises(ParseError) as comma:
        Mailbox.parse("Doe, John <j@example.com>")
    assert comma.value.hint is not None and "quote the display name" in comma.value.hint


def test_wrong_path_kinds() -> None:
    with pytest.raises(ParseError) as caught:
        ForwardPath.parse("<>")
    assert (caught.value.kind, caught.value.offset) == ("unexpected_null_path", 0)


def test_errors_pickle_with_their_attributes() -> None:
    with pytest.raises(ParseError) as caught:
        AddressList.parse("a@example.com, Bob <bob@example.com")
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is ParseError
    assert (again.kind, again.offset, again.member, again.message) == (
        caught.value.kind,
        caught.value.offset,
        caught.value.member,
        caught.value.message,
    )


def test_one_except_clause_catches_every_error() -> None:
    caught: list[str] = []
    for attempt in (
        lambda: Mailbox.parse("nope"),
        lambda: Mailbox.parse("a@[x]").to_reverse_path(),
        lambda: Mailbox.parse("用户@example.com").to_header(),
    ):
        try:
            attempt()
        except mail_envelope.Error as e:
            caught.append(type(e).__name__)
    assert caught == ["ParseError", "EnvelopeError", "RenderError"]


def test_inputs_must_be_str() -> None:
    with pytest.raises(TypeError):
        Mailbox.parse(b"a@example.com")  # type: ignore[arg-type]
