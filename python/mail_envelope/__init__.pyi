"""Type stubs of mail_envelope: RFC 5322/5321 email addresses, one parse, two forms."""

from collections.abc import Iterable, Iterator
from typing import Any, Literal, final

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

__version__: str

Strictness = Literal["strict", "standard", "lenient"]
"""How much of the grammar a parse accepts."""

Mode = Literal["mailbox", "list", "path"]
"""What split_many parses each input as."""

Category = Literal["valid", "rfc5321", "cfws", "deprecated", "rfc5322"]
"""How an address rates, from the least to the most severe."""

class Error(ValueError):
    """Any error of mail_envelope."""

    kind: str
    """The error's snake-case code (``expected_angle_close``, ``not_address_literal``, ...)."""
    offset: int | None
    """The UTF-8 byte offset of the fault in the input; None for a RenderError."""
    member: int | None
    """In an address-list, the index (from 0) of the address at fault."""
    hint: str | None
    """How to mend the input, where a common mistake explains the error."""
    message: str
    """What was expected, where, and what was found (also ``str(error)``)."""

class ParseError(Error):
    """The input is not valid syntax."""

    offset: int

class EnvelopeError(Error):
    """A valid address has no RFC 5321 (SMTP envelope) form."""

    offset: int

class RenderError(Error):
    """A value cannot be written as a header."""

    offset: None

@final
class Mailbox:
    """One RFC 5322 mailbox: an optional display name and an addr-spec."""

    @classmethod
    def parse(cls, s: str, strictness: Strictness = "standard") -> Mailbox:
        """Parse one mailbox; raises ParseError."""
    @property
    def display_name(self) -> str | None:
        """The display name's value, or None."""
    @property
    def local_part(self) -> str:
        """The local part's value, unquoted and unescaped."""
    @property
    def domain(self) -> str:
        """The domain as written without comments (a literal with its brackets)."""
    @property
    def addr_spec(self) -> str:
        """The addr-spec in canonical form."""
    @property
    def category(self) -> Category:
        """How the mailbox rates."""
    @property
    def diagnoses(self) -> list[str]:
        """The codes of what is unusual about the mailbox."""
    @property
    def needs_smtputf8(self) -> bool:
        """Whether its envelope form needs SMTPUTF8."""
    def to_reverse_path(self) -> ReversePath:
        """The envelope form for MAIL FROM; raises EnvelopeError."""
    def to_forward_path(self) -> ForwardPath:
        """The envelope form for RCPT TO; raises EnvelopeError."""
    def to_header(self, utf8: bool = False) -> str:
        """The header form (ASCII unless utf8); raises RenderError."""
    def to_field(self, name: str, utf8: bool = False, *, fold_at: int = 78) -> str:
        """A whole header field line ``Name: value``; raises RenderError."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Group:
    """An RFC 5322 group: a display name and its mailboxes."""

    @classmethod
    def parse(cls, s: str, strictness: Strictness = "standard") -> Group:
        """Parse an address-list that holds this one group; raises ParseError."""
    @property
    def display_name(self) -> str:
        """The group's display name."""
    @property
    def members(self) -> list[Mailbox]:
        """The group's mailboxes, in order."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class AddressList:
    """An RFC 5322 address-list: mailboxes and groups."""

    @classmethod
    def parse(cls, s: str, strictness: Strictness = "standard") -> AddressList:
        """Parse an address-list; raises ParseError (with ``member``)."""
    @property
    def addresses(self) -> list[Mailbox | Group]:
        """The addresses, in order."""
    @property
    def mailboxes(self) -> list[Mailbox]:
        """Every mailbox, groups' members included."""
    @property
    def category(self) -> Category:
        """How the whole list rates."""
    @property
    def diagnoses(self) -> list[str]:
        """The codes of what is unusual about the list and its mailboxes."""
    @property
    def needs_smtputf8(self) -> bool:
        """Whether any mailbox's envelope form needs SMTPUTF8."""
    def to_field(self, name: str, utf8: bool = False, *, fold_at: int = 78) -> str:
        """A whole header field line ``Name: value``; raises RenderError."""
    def to_mailbox_list_field(self, name: str, utf8: bool = False, *, fold_at: int = 78) -> str:
        """to_field for From:/Sender:; raises RenderError for a group."""
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Mailbox | Group]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ReversePath:
    """The argument of MAIL FROM: ``<local@domain>`` or ``<>``."""

    @classmethod
    def parse(cls, s: str, strictness: Strictness = "standard") -> ReversePath:
        """Parse a reverse-path; raises ParseError."""
    @property
    def is_null(self) -> bool:
        """Whether this is ``<>``."""
    @property
    def local_part(self) -> str | None:
        """The local part's value, or None for ``<>``."""
    @property
    def domain(self) -> str | None:
        """The domain, or None for ``<>``."""
    @property
    def addr_spec(self) -> str | None:
        """The addr-spec in canonical form, or None for ``<>``."""
    @property
    def category(self) -> Category:
        """How the address rates."""
    @property
    def diagnoses(self) -> list[str]:
        """The codes of what is unusual about the address."""
    @property
    def needs_smtputf8(self) -> bool:
        """Whether sending this path needs SMTPUTF8."""
    def to_ascii(self) -> ReversePath:
        """The path with A-label domains; raises EnvelopeError for a non-ASCII local part."""
    def to_mailbox(self) -> Mailbox | None:
        """The path as a Mailbox, or None for ``<>``."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ForwardPath:
    """The argument of RCPT TO: ``<local@domain>`` or ``<Postmaster>``."""

    @classmethod
    def parse(cls, s: str, strictness: Strictness = "standard") -> ForwardPath:
        """Parse a forward-path; raises ParseError."""
    @property
    def is_postmaster(self) -> bool:
        """Whether this is ``<Postmaster>`` without a domain."""
    @property
    def local_part(self) -> str:
        """The local part's value ("Postmaster" for ``<Postmaster>``)."""
    @property
    def domain(self) -> str | None:
        """The domain, or None for ``<Postmaster>``."""
    @property
    def addr_spec(self) -> str | None:
        """The addr-spec in canonical form, or None for ``<Postmaster>``."""
    @property
    def category(self) -> Category:
        """How the address rates."""
    @property
    def diagnoses(self) -> list[str]:
        """The codes of what is unusual about the address."""
    @property
    def needs_smtputf8(self) -> bool:
        """Whether sending this path needs SMTPUTF8."""
    def to_ascii(self) -> ForwardPath:
        """The path with A-label domains; raises EnvelopeError for a non-ASCII local part."""
    def to_mailbox(self) -> Mailbox | None:
        """The path as a Mailbox, or None for ``<Postmaster>``."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def split_many(
    inputs: Iterable[str],
    mode: Mode = "mailbox",
    strictness: Strictness = "standard",
    *,
    utf8_headers: bool = False,
) -> list[dict[str, Any]]:
    """The ``mail-envelope split --json`` record of each input, in order, parsed without the GIL."""
