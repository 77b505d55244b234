"""Hypothesis strategies for the text of mailboxes, address-lists and SMTP paths.

They build inputs from the grammar's pieces (atoms, quoted strings with any characters, domain
names, U-labels, address literals, comments, RFC 2047 words, folds) so that many of them parse,
and mix in stray characters (CR, LF, NUL, controls, specials) so that many do not.
"""

from __future__ import annotations

import base64

from hypothesis import strategies as st

ATEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~"

# Characters that are anything but plain: specials, white space, controls, CR, LF, NUL, quotes,
# backslashes, and a few non-ASCII letters and symbols.
ODD = " \t\r\n\x00\x01\x7f\"\\()<>[]:;@,.éü用户ßΩ\u200d😀"

any_text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12)
odd_text = st.text(alphabet=ATEXT[:10] + ODD, max_size=12)

atoms = st.text(alphabet=ATEXT, min_size=1, max_size=10)
utf8_atoms = st.text(alphabet="abcxyzéüñ用户ßΩдж", min_size=1, max_size=6)


def quote(text: str) -> str:
    """``text`` as a quoted-string, ``"`` and ``\\`` escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def local_parts(draw: st.DrawFn) -> str:
    """A local part: a dot-atom (ASCII or UTF-8), or a quoted string of anything."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return ".".join(draw(st.lists(atoms, min_size=1, max_size=3)))
    if kind == 1:
        return draw(utf8_atoms)
    if kind == 2:
        return quote(draw(odd_text))
    return quote(draw(any_text))


labels = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
u_labels = st.sampled_from(["bücher", "例子", "пример", "münchen", "straße", "xn--bcher-kva", "ß"])


@st.composite
def domains(draw: st.DrawFn) -> str:
    """A domain: a name of ASCII labels or U-labels, or an address or domain literal."""
    kind = draw(st.integers(0, 5))
    if kind <= 2:
        names = draw(st.lists(st.one_of(labels, labels, u_labels), min_size=1, max_size=3))
        return ".".join([*names, draw(st.sampled_from(["com", "example", "de", "测试"]))])
    if kind == 3:
        return "[" + ".".join(str(draw(st.integers(0, 300))) for _ in range(4)) + "]"
    if kind == 4:
        return draw(st.sampled_from(["[IPv6:2001:db8::1]", "[IPv6:::1]", "[IPv6:::ffff:192.0.2.1]"]))
    return "[" + draw(st.text(alphabet="abc .:-" + ODD, max_size=8)) + "]"


def encoded_word(text: str) -> str:
    """``text`` as one RFC 2047 B-encoded word."""
    return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="


@st.composite
def display_names(draw: st.DrawFn) -> str:
    """A display name as written: atoms, a quoted string of anything, or encoded-words."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return " ".join(draw(st.lists(st.one_of(atoms, utf8_atoms), min_size=1, max_size=3)))
    if kind == 1:
        return quote(draw(any_text))
    if kind == 2:
        return quote(draw(odd_text))
    return encoded_word(draw(st.text(alphabet="abc Ωé用😀\"<>", min_size=1, max_size=8)))


cfws = st.sampled_from(["", "", " ", "\t", " (comment) ", "(a (nested) one)", "\r\n ", "\r\n\t"])


@st.composite
def addr_specs(draw: st.DrawFn) -> str:
    """``local@domain``, sometimes with comments or folding white space around its parts."""
    if draw(st.booleans()):
        return f"{draw(local_parts())}@{draw(domains())}"
    return f"{draw(cfws)}{draw(local_parts())}{draw(cfws)}@{draw(cfws)}{draw(domains())}{draw(cfws)}"


@st.composite
def mailbox_texts(draw: st.DrawFn) -> str:
    """The text of one mailbox: an addr-spec, ``Name <addr>``, ``<addr>``, or stray text."""
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(addr_specs())
    if kind == 1:
        return f"{draw(display_names())}{draw(cfws)} <{draw(addr_specs())}>{draw(cfws)}"
    if kind == 2:
        return f"<{draw(addr_specs())}>"
    if kind == 3:
        return f"{draw(display_names())} <@relay.example:{draw(addr_specs())}>"
    return draw(st.one_of(any_text, odd_text))


@st.composite
def list_texts(draw: st.DrawFn) -> str:
    """The text of an address-list: mailboxes and groups, separated by ``,`` (or ``;``)."""
    members = draw(st.lists(mailbox_texts(), min_size=1, max_size=4))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(members) - 1))
        taken = draw(st.integers(0, len(members) - at))
        group = f"{draw(display_names())}: {', '.join(members[at : at + taken])};"
        members[at : at + taken] = [group]
    separator = draw(st.sampled_from([", ", ",", " , ", "; "]))
    return separator.join(members)


@st.composite
def path_texts(draw: st.DrawFn) -> str:
    """The text of an SMTP path: ``<addr>``, ``<>``, ``<Postmaster>``, a source route, or stray text."""
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return f"<{draw(local_parts())}@{draw(domains())}>"
    if kind == 1:
        return draw(st.sampled_from(["<>", "<Postmaster>", "<postMaster>", "<postmaster@example.com>"]))
    if kind == 2:
        return f"<@{draw(labels)}.example,@b.example:{draw(local_parts())}@{draw(domains())}>"
    if kind == 3:
        return f"{draw(local_parts())}@{draw(domains())}"
    return draw(mailbox_texts())
