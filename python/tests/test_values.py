"""The value classes: parsing, both forms, the parts, equality, hashing, repr, pickling."""

from __future__ import annotations

import copy
import pickle

import pytest

import mail_envelope
from mail_envelope import AddressList, ForwardPath, Group, Mailbox, ReversePath


def test_keepalived_one_parse_gives_both_forms() -> None:
    sender = Mailbox.parse("服务显示名称 <keepalived@server.example.com>")
    assert sender.display_name == "服务显示名称"
    assert (sender.local_part, sender.domain) == ("keepalived", "server.example.com")
    assert sender.addr_spec == "keepalived@server.example.com"
    # MAIL FROM carries the bare path: never the display name that made Exchange answer 501.
    assert f"MAIL FROM:{sender.to_reverse_path()}" == "MAIL FROM:<keepalived@server.example.com>"
    assert str(sender.to_forward_path()) == "<keepalived@server.example.com>"
    # The header keeps the name: RFC 2047 for an ASCII header, UTF-8 (RFC 6532) on request.
    encoded = "=?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <keepalived@server.example.com>"
    assert sender.to_header() == encoded
    assert sender.to_header(utf8=True) == "服务显示名称 <keepalived@server.example.com>"
    assert sender.to_field("From") == "From: " + encoded
    # The encoded header reads back as the same mailbox.
    assert Mailbox.parse(encoded) == sender
    assert sender.category == "valid"
    assert sender.diagnoses == []
    assert not sender.needs_smtputf8


def test_zulip_noreply_sender() -> None:
    sender = Mailbox.parse('"Jane Doe (via Zulip)" <noreply-4bx8nf2q@zulip.example.com>')
    assert sender.display_name == "Jane Doe (via Zulip)"
    assert sender.local_part == "noreply-4bx8nf2q"
    assert str(sender.to_reverse_path()) == "<noreply-4bx8nf2q@zulip.example.com>"
    assert (
        sender.to_field("From")
        == 'From: "Jane Doe (via Zulip)" <noreply-4bx8nf2q@zulip.example.com>'
    )


def test_local_part_is_the_value_and_addr_spec_the_canonical_form() -> None:
    m = Mailbox.parse('"john doe"@example.com')
    assert m.local_part == "john doe"
    assert m.addr_spec == '"john doe"@example.com'
    # Needless quotes go; equality is by value.
    plain = Mailbox.parse('"john"@Example.COM (work)')
    assert plain.addr_spec == "john@Example.COM"
    assert plain == Mailbox.parse("john@example.com")
    assert hash(plain) == hash(Mailbox.parse("john@example.com"))
    assert plain.category == "cfws"
    assert "cfws_comment" in plain.diagnoses


def test_local_parts_compare_exactly() -> None:
    assert Mailbox.parse("John@example.com") != Mailbox.parse("john@example.com")


def test_utf8_addresses_need_smtputf8_and_have_an_ascii_domain_form() -> None:
    joerg = Mailbox.parse("Jörg <joerg@bücher.example>")
    assert joerg.needs_smtputf8
    path = joerg.to_reverse_path()
    assert path.needs_smtputf8
    assert str(path.to_ascii()) == "<joerg@xn--bcher-kva.example>"
    assert not path.to_ascii().needs_smtputf8
    assert joerg.to_header() == "=?utf-8?b?SsO2cmc=?= <joerg@xn--bcher-kva.example>"
    assert joerg.to_header(utf8=True) == "Jörg <joerg@bücher.example>"


def test_strictness() -> None:
    assert Mailbox.parse("J. Smith <j@example.com>").diagnoses == ["deprec_phrase"]
    assert Mailbox.parse("J. Smith <j@example.com>").category == "deprecated"
    with pytest.raises(mail_envelope.ParseError) as strict:
        Mailbox.parse("J. Smith <j@example.com>", strictness="strict")
    assert strict.value.kind == "obsolete_syntax"
    lenient = Mailbox.parse("Doe, John <j@example.com>", strictness="lenient")
    assert lenient.display_name == "Doe, John"
    assert str(lenient) == '"Doe, John" <j@example.com>'
    with pytest.raises(ValueError, match="strictness must be"):
        Mailbox.parse("a@example.com", strictness="loose")  # type: ignore[arg-type]
    assert not isinstance(ValueError("x"), mail_envelope.Error)


def test_header_only_addresses_have_no_envelope_form() -> None:
    m = Mailbox.parse("Jane <jane@[not an address]>")
    assert m.category == "rfc5322"
    with pytest.raises(mail_envelope.EnvelopeError) as err:
        m.to_reverse_path()
    assert (err.value.kind, err.value.offset) == ("not_address_literal", 11)
    assert str(err.value) == "domain-literal is not an address literal at byte 11"
    long = Mailbox.parse("a" * 65 + "@example.com")
    with pytest.raises(mail_envelope.EnvelopeError) as too_long:
        long.to_forward_path()
    assert too_long.value.kind == "local_part_too_long"


def test_render_errors() -> None:
    with pytest.raises(mail_envelope.RenderError) as err:
        Mailbox.parse("用户@example.com").to_header()
    assert err.value.kind == "needs_utf8"
    assert err.value.offset is None
    assert Mailbox.parse("用户@example.com").to_header(utf8=True) == "用户@example.com"
    with pytest.raises(mail_envelope.RenderError) as name:
        Mailbox.parse("a@example.com").to_field("Bad: name")
    assert name.value.kind == "invalid_field_name"


def test_fields_fold() -> None:
    to = AddressList.parse(", ".join(f"Person Number {i} <person{i}@example.com>" for i in range(4)))
    field = to.to_field("To")
    assert "\r\n " in field
    assert all(len(line) <= 78 for line in field.split("\r\n"))
    assert AddressList.parse(field.removeprefix("To: ").replace("\r\n", "")) == to
    assert "\r\n" not in to.to_field("To", fold_at=998)


def test_address_lists_and_groups() -> None:
    to = AddressList.parse("Jane <jane@example.com>, Team: bob@example.org, ann@example.net;, x@y.example")
    assert len(to) == 3
    first, team, last = to
    assert isinstance(first, Mailbox) and isinstance(team, Group) and isinstance(last, Mailbox)
    assert team.display_name == "Team"
    assert [m.addr_spec for m in team.members] == ["bob@example.org", "ann@example.net"]
    assert [m.addr_spec for m in to.mailboxes] == [
        "jane@example.com",
        "bob@example.org",
        "ann@example.net",
        "x@y.example",
    ]
    assert to.addresses == list(to)
    assert str(team) == "Team: bob@example.org, ann@example.net;"
    assert Group.parse(str(team)) == team
    with pytest.raises(ValueError):
        Group.parse("a@example.com")
    assert to.to_field("To") == (
        "To: Jane <jane@example.com>, Team: bob@example.org, ann@example.net;,\r\n x@y.example"
    )
    with pytest.raises(mail_envelope.RenderError) as err:
        to.to_mailbox_list_field("From")
    assert err.value.kind == "group_in_mailbox_list"
    assert not to.needs_smtputf8
    assert AddressList.parse("a@example.com, 用户@example.com").needs_smtputf8


def test_paths() -> None:
    routed = ReversePath.parse("<@relay.example:user@example.com>")
    assert str(routed) == "<user@example.com>"
    assert (routed.diagnoses, routed.category) == (["obs_route_dropped"], "deprecated")
    null = ReversePath.parse("<>")
    assert null.is_null and null.addr_spec is None and null.local_part is None and null.domain is None
    assert null.to_mailbox() is None
    assert str(null) == "<>" and null.category == "valid" and null.diagnoses == []
    postmaster = ForwardPath.parse("<POSTMASTER>")
    assert postmaster.is_postmaster and str(postmaster) == "<Postmaster>"
    assert (postmaster.local_part, postmaster.domain, postmaster.addr_spec) == ("Postmaster", None, None)
    with_domain = ForwardPath.parse("<postmaster@example.com>")
    assert not with_domain.is_postmaster and with_domain.domain == "example.com"
    jane = ForwardPath.parse("<jane@example.com>")
    assert jane.to_mailbox() == Mailbox.parse("jane@example.com")
    assert ReversePath.parse("<jane@example.com>").to_mailbox() == Mailbox.parse("jane@example.com")
    with pytest.raises(mail_envelope.ParseError) as null_rcpt:
        ForwardPath.parse("<>")
    assert null_rcpt.value.kind == "unexpected_null_path"
    with pytest.raises(mail_envelope.ParseError) as postmaster_sender:
        ReversePath.parse("<Postmaster>")
    assert postmaster_sender.value.kind == "unexpected_postmaster"
    assert ReversePath.parse("jane@example.com", strictness="lenient") == ReversePath.parse("<jane@example.com>")
    with pytest.raises(mail_envelope.EnvelopeError) as err:
        ReversePath.parse("<用户@example.com>").to_ascii()
    assert (err.value.kind, err.value.offset) == ("non_ascii_local_part", 1)


def test_values_are_frozen() -> None:
    m = Mailbox.parse("a@example.com")
    with pytest.raises(AttributeError):
        m.display_name = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        m.anything = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        Mailbox()


@pytest.mark.parametrize(
    "value",
    [
        Mailbox.parse('"it\'s" <a@example.com>'),
        Mailbox.parse("服务显示名称 <keepalived@server.example.com>"),
        AddressList.parse("a@example.com, Team: b@example.com;"),
        Group.parse("Team: b@example.com;"),
        ReversePath.parse("<>"),
        ReversePath.parse("<a@bücher.example>"),
        ForwardPath.parse("<Postmaster>"),
        ForwardPath.parse("<a@example.com>"),
    ],
)
def test_repr_evaluates_and_pickle_round_trips(value: object) -> None:
    namespace = {name: getattr(mail_envelope, name) for name in mail_envelope.__all__}
    assert eval(repr(value), namespace) == value
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.deepcopy(value) == value
    assert type(value).__module__ == "mail_envelope"
    assert {value, pickle.loads(pickle.dumps(value))} == {value}


def test_equality_is_per_type() -> None:
    assert Mailbox.parse("a@example.com") != ForwardPath.parse("<a@example.com>")
    assert Mailbox.parse("a@example.com") != "a@example.com"
    assert ReversePath.parse("<a@example.com>") != ForwardPath.parse("<a@example.com>")


def test_version() -> None:
    assert mail_envelope.__version__.count(".") == 2
