"""RFC 5322/5321 email addresses: one parse, two forms.

``mail_envelope`` takes what people write as an email address and gives the two forms a mailer
needs: the **header form** for ``From:`` / ``To:`` (RFC 5322, RFC 6532, RFC 2047), display name
kept and quoted or encoded as needed, and the **envelope form** for ``MAIL FROM:<...>`` /
``RCPT TO:<...>`` (RFC 5321, RFC 6531): the bare path, canonical, length-checked, never carrying
a display name, a comment, CR, LF or NUL.

>>> from mail_envelope import Mailbox
>>> sender = Mailbox.parse("服务显示名称 <keepalived@server.example.com>")
>>> str(sender.to_reverse_path())
'<keepalived@server.example.com>'
>>> sender.to_field("From")
'From: =?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <keepalived@server.example.com>'

Errors are ``ValueError`` subclasses under :class:`Error` with ``kind``, ``offset`` (a byte offset
into the UTF-8 input) and ``message``. :func:`split_many` gives the ``mail-envelope split --json``
record of each of many inputs, with the GIL released while it parses.
"""

from typing import Literal

from ._native import (
    AddressList,
    EnvelopeError,
    Error,
    ForwardPath,
    Group,
    Mailbox,
    ParseError,
    RenderError,
    ReversePath,
    __version__,
    split_many,
)

Strictness = Literal["strict", "standard", "lenient"]
"""How much of the grammar a parse accepts: RFC 5322 section 3 only and SMTP-usable ("strict"),
the full grammar with its obsolete forms ("standard", the default), or also what configuration
files hold ("lenient")."""

Mode = Literal["mailbox", "list", "path"]
"""What split_many parses each input as: one mailbox, an address-list, or an SMTP path."""

Category = Literal["valid", "rfc5321", "cfws", "deprecated", "rfc5322"]
"""How an address rates, from the least to the most severe ("rfc5322": valid in a header only)."""

__all__ = [
    "AddressList",
    "Category",
    "EnvelopeError",
    "Error",
    "ForwardPath",
    "Group",
    "Mailbox",
    "Mode",
    "ParseError",
    "RenderError",
    "ReversePath",
    "Strictness",
    "__version__",
    "split_many",
]
