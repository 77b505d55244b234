//! Errors: [`ParseError`] for input that is not valid syntax, [`EnvelopeError`] for a valid header
//! address that has no RFC 5321 form, [`RenderError`] for a value that cannot be written as a header.

use core::fmt;

/// What the parser expected where the input went wrong.
///
/// The variants name the expectation, so that a message reads
/// `expected '>' to close angle-addr at byte 23, found end of input`.
/// New variants may be added in minor releases.
///
/// # Examples
///
/// ```
/// use mail_envelope::{ErrorKind, Mailbox};
///
/// let err = Mailbox::parse("Jane <jane@example.com").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::ExpectedAngleClose);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `>` was expected to close an `angle-addr` or a path.
    #[error("expected '>' to close angle-addr")]
    ExpectedAngleClose,
    /// `<` was expected to open an `angle-addr` or an RFC 5321 path.
    #[error("expected '<' to open angle-addr")]
    ExpectedAngleOpen,
    /// `@` was expected between the local part and the domain.
    #[error("expected '@' after local-part")]
    ExpectedAt,
    /// A local part (atom or quoted-string) was expected.
    #[error("expected local-part")]
    ExpectedLocalPart,
    /// A domain (dot-atom or domain-literal) was expected.
    #[error("expected domain")]
    ExpectedDomain,
    /// An address (mailbox or group) was expected.
    #[error("expected address")]
    ExpectedAddress,
    /// A `.` was found where an atom must come (leading, trailing or doubled dot).
    #[error("expected atom around '.'")]
    ExpectedAtomAroundDot,
    /// `:` was expected (after a group's display-name, or a route's domains).
    #[error("expected ':'")]
    ExpectedColon,
    /// `,` was expected between the members of a list.
    #[error("expected ',' between addresses")]
    ExpectedComma,
    /// `;` was expected to close a group.
    #[error("expected ';' to close group")]
    ExpectedSemicolon,
    /// `]` was expected to close a domain-literal.
    #[error("expected ']' to close domain-literal")]
    ExpectedBracketClose,
    /// A quoted-string was not closed by `"`.
    #[error("expected '\"' to close quoted-string")]
    UnterminatedQuotedString,
    /// A comment was not closed by `)`.
    #[error("expected ')' to close comment")]
    UnterminatedComment,
    /// A `\` quoted-pair was not followed by a character it may escape.
    #[error("expected a character after '\\' in quoted-pair")]
    InvalidQuotedPair,
    /// Comments nest deeper than [`ParseOptions::max_comment_depth`](crate::ParseOptions::max_comment_depth).
    #[error("comments nested too deeply")]
    CommentTooDeep,
    /// CR, LF or NUL appeared somewhere other than in `CRLF WSP` folding.
    #[error("CR, LF or NUL outside folding")]
    ForbiddenControl,
    /// Another control character appeared where even obsolete syntax forbids it.
    #[error("control character not allowed")]
    UnexpectedControl,
    /// Obsolete RFC 5322 §4 syntax appeared in [`Strictness::Strict`](crate::Strictness::Strict) mode.
    #[error("obsolete syntax not allowed in strict mode")]
    ObsoleteSyntax,
    /// The input is longer than [`ParseOptions::max_input_len`](crate::ParseOptions::max_input_len).
    #[error("input longer than the configured limit")]
    InputTooLong,
    /// The value ended but input remains.
    #[error("expected end of input")]
    TrailingInput,
    /// The bytes are not UTF-8.
    #[error("expected UTF-8")]
    InvalidUtf8,
    /// The input can be read as more than one address; the crate will not guess.
    #[error("expected input that reads one way only")]
    Ambiguous,
    /// `<>` (the null reverse-path) where a forward-path is required.
    #[error("expected a forward-path, not the null path '<>'")]
    UnexpectedNullPath,
    /// `<Postmaster>` where a reverse-path is required.
    #[error("expected a reverse-path with a domain, not '<Postmaster>'")]
    UnexpectedPostmaster,
    /// A group where a single mailbox is required.
    #[error("expected a mailbox, not a group")]
    UnexpectedGroup,
    /// The text is valid RFC 5322 but not usable in an RFC 5321 path, where one is required
    /// (RFC 5321 paths, and every address in [`Strictness::Strict`](crate::Strictness::Strict) mode).
    #[error("expected an RFC 5321 address: {0}")]
    Envelope(EnvelopeErrorKind),
}

impl ErrorKind {
    /// The variant's name in `snake_case`, stable for machine-readable output (the CLI's `error.kind`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::ErrorKind;
    /// assert_eq!(ErrorKind::ExpectedAngleClose.code(), "expected_angle_close");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Self::ExpectedAngleClose => "expected_angle_close",
            Self::ExpectedAngleOpen => "expected_angle_open",
            Self::ExpectedAt => "expected_at",
            Self::ExpectedLocalPart => "expected_local_part",
            Self::ExpectedDomain => "expected_domain",
            Self::ExpectedAddress => "expected_address",
            Self::ExpectedAtomAroundDot => "expected_atom_around_dot",
            Self::ExpectedColon => "expected_colon",
            Self::ExpectedComma => "expected_comma",
            Self::ExpectedSemicolon => "expected_semicolon",
            Self::ExpectedBracketClose => "expected_bracket_close",
            Self::UnterminatedQuotedString => "unterminated_quoted_string",
            Self::UnterminatedComment => "unterminated_comment",
            Self::InvalidQuotedPair => "invalid_quoted_pair",
            Self::CommentTooDeep => "comment_too_deep",
            Self::ForbiddenControl => "forbidden_control",
            Self::UnexpectedControl => "unexpected_control",
            Self::ObsoleteSyntax => "obsolete_syntax",
            Self::InputTooLong => "input_too_long",
            Self::TrailingInput => "trailing_input",
            Self::InvalidUtf8 => "invalid_utf8",
            Self::Ambiguous => "ambiguous",
            Self::UnexpectedNullPath => "unexpected_null_path",
            Self::UnexpectedPostmaster => "unexpected_postmaster",
            Self::UnexpectedGroup => "unexpected_group",
            Self::Envelope(kind) => kind.code(),
        }
    }
}

/// An error returned when input is not valid RFC 5322 / RFC 5321 syntax.
///
/// It carries what was expected ([`kind`](Self::kind)), the byte offset where the input went wrong
/// ([`offset`](Self::offset), never past the input's length) and the character found there
/// ([`found`](Self::found), `None` at the end of input).
///
/// # Examples
///
/// ```
/// use mail_envelope::Mailbox;
///
/// let err = Mailbox::parse("Jane <jane@example.com").unwrap_err();
/// assert_eq!(err.offset(), 22);
/// assert_eq!(err.found(), None);
/// assert_eq!(
///     err.to_string(),
///     "expected '>' to close angle-addr at byte 22, found end of input"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParseError {
    kind: ErrorKind,
    offset: usize,
    found: Option<char>,
    hint: Option<Hint>,
    member: Option<usize>,
}

/// A common mistake that explains a [`ParseError`], and how to mend the input.
///
/// # Examples
///
/// ```
/// use mail_envelope::{Hint, Mailbox, ReversePath};
///
/// // The Keepalived mistake: a display name inside MAIL FROM.
/// let err = ReversePath::parse("<Name <keepalived@host.example>>").unwrap_err();
/// assert_eq!(err.hint(), Some(Hint::PathTakesNoDisplayName));
/// assert!(err.to_string().ends_with("; a path takes no display name: send `<user@example.com>`, not `Name <user@example.com>`"));
///
/// let err = Mailbox::parse("Doe, John <john@example.com>").unwrap_err();
/// assert_eq!(err.hint(), Some(Hint::QuoteTheDisplayName));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Hint {
    /// A display name where an RFC 5321 path takes the address alone.
    PathTakesNoDisplayName,
    /// A display name holding `,` `.` `:` `;` `[` or `]` unquoted, which only Lenient accepts.
    QuoteTheDisplayName,
    /// In Lenient, where `;` also separates addresses, a group followed by more addresses
    /// without `,` ([`ErrorKind::Ambiguous`]).
    CommaAfterGroup,
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Hint::PathTakesNoDisplayName => {
                "a path takes no display name: send `<user@example.com>`, not `Name <user@example.com>`"
            }
            Hint::QuoteTheDisplayName => {
                "quote the display name (`\"Doe, John\" <john@example.com>`) or parse with Strictness::Lenient"
            }
            Hint::CommaAfterGroup => {
                "a group's `;` may also separate addresses here: write `Team: a@example.com, b@example.com;` for one group, or put `,` after its `;`"
            }
        })
    }
}

impl ParseError {
    /// Builds an error for `input` at byte `offset`; `found` is read from the input.
    pub(crate) fn at(kind: ErrorKind, input: &str, offset: usize) -> Self {
        let offset = offset.min(input.len());
        let found = input.get(offset..).and_then(|rest| rest.chars().next());
        Self {
            kind,
            offset,
            found,
            hint: None,
            member: None,
        }
    }

    /// The same error, placed in the address-list member `member` (an index), if known.
    pub(crate) fn in_member(self, member: Option<usize>) -> Self {
        Self { member, ..self }
    }

    /// The same error, explained by `hint` if there is one.
    pub(crate) fn with_hint(self, hint: Option<Hint>) -> Self {
        Self { hint, ..self }
    }

    /// Builds an error whose `found` is given (used where the input is bytes, not text).
    pub(crate) fn with_found(kind: ErrorKind, offset: usize, found: Option<char>) -> Self {
        Self {
            kind,
            offset,
            found,
            hint: None,
            member: None,
        }
    }

    /// What was expected.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddrSpec, ErrorKind};
    /// assert_eq!(AddrSpec::parse("jane").unwrap_err().kind(), ErrorKind::ExpectedAt);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The byte offset in the input where the error was found (`<= input.len()`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// assert_eq!(AddrSpec::parse("jane").unwrap_err().offset(), 4);
    /// ```
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The character at [`offset`](Self::offset), or `None` at the end of input.
    ///
    /// For [`ErrorKind::InvalidUtf8`] there is no character there: `found` is then the byte
    /// that breaks the UTF-8, as the `char` of the same value (U+0080 to U+00FF), and the
    /// message names the byte.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// assert_eq!(AddrSpec::parse("ja ne@example.com").unwrap_err().found(), Some('n'));
    ///
    /// let err = AddrSpec::parse_bytes(b"j\xFFne@example.com").unwrap_err();
    /// assert_eq!(err.found(), Some('\u{FF}'));
    /// assert_eq!(err.to_string(), "expected UTF-8 at byte 1, found byte 0xFF");
    /// ```
    pub fn found(&self) -> Option<char> {
        self.found
    }

    /// The common mistake that explains the error, where one does.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{ForwardPath, Hint};
    /// let err = ForwardPath::parse("Jane <jane@example.com>").unwrap_err();
    /// assert_eq!(err.hint(), Some(Hint::PathTakesNoDisplayName));
    /// assert_eq!(ForwardPath::parse("<jane@example.com").unwrap_err().hint(), None);
    /// ```
    pub fn hint(&self) -> Option<Hint> {
        self.hint
    }

    /// For an address-list, the index (from 0) of the member the error lies in: the address
    /// being read, or for a missing `,` the one that would start there. `None` outside lists.
    ///
    /// The message names it too, counting from 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddressList;
    ///
    /// let err = AddressList::parse("a@example.com, Bob <bob@example.com, c@example.com").unwrap_err();
    /// assert_eq!((err.member(), err.offset()), (Some(1), 35));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "expected '>' to close angle-addr at byte 35 (address 2 of the list), found ','"
    /// );
    /// ```
    pub fn member(&self) -> Option<usize> {
        self.member
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.kind, self.offset)?;
        if let Some(member) = self.member {
            write!(f, " (address {} of the list)", member + 1)?;
        }
        f.write_str(", found ")?;
        match self.found {
            None => f.write_str("end of input")?,
            // Not a character: the byte that breaks the UTF-8 (see `found`).
            Some(c) if self.kind == ErrorKind::InvalidUtf8 => write!(f, "byte 0x{:02X}", u32::from(c))?,
            Some(c) => write!(f, "{c:?}")?,
        }
        match self.hint {
            Some(hint) => write!(f, "; {hint}"),
            None => Ok(()),
        }
    }
}

impl core::error::Error for ParseError {}

/// Why a header-valid address has no RFC 5321 envelope form.
///
/// # Examples
///
/// ```
/// use mail_envelope::{EnvelopeErrorKind, Mailbox};
///
/// let mailbox = Mailbox::parse("a@-x.example")?; // valid in a header (RFC 5322 dot-atom)
/// let err = mailbox.to_reverse_path().unwrap_err();
/// assert_eq!(err.kind(), EnvelopeErrorKind::NotHostname);
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeErrorKind {
    /// The local part is longer than 64 octets (RFC 5321 §4.5.3.1.1).
    #[error("local-part longer than 64 octets")]
    LocalPartTooLong,
    /// The domain is longer than 255 octets (RFC 5321 §4.5.3.1.2).
    #[error("domain longer than 255 octets")]
    DomainTooLong,
    /// A domain label is longer than 63 octets (RFC 1035 §2.3.4, RFC 5321 §2.3.5).
    #[error("domain label longer than 63 octets")]
    LabelTooLong,
    /// The path, `<` and `>` included, is longer than 256 octets (RFC 5321 §4.5.3.1.3).
    #[error("path longer than 256 octets")]
    PathTooLong,
    /// The domain is not a host name of LDH labels (RFC 5321 §4.1.2 `Domain`).
    #[error("domain is not a host name")]
    NotHostname,
    /// The domain-literal is not an RFC 5321 §4.1.3 address literal.
    #[error("domain-literal is not an address literal")]
    NotAddressLiteral,
    /// The local part holds characters that no RFC 5321 `Local-part` can carry (controls).
    #[error("local-part has characters an SMTP path cannot carry")]
    LocalPartNotSmtp,
    /// The local part is not ASCII, so there is no ASCII-only form (RFC 6531 needs SMTPUTF8).
    #[error("local-part is not ASCII")]
    NonAsciiLocalPart,
    /// The domain could not be converted to A-labels (RFC 5891), or IDNA support is not built in.
    #[error("domain has no A-label form")]
    NoAsciiDomain,
    /// An envelope was built without a forward-path: a transaction needs at least one recipient
    /// (RFC 5321 §3.3). The offset is 0: there is no input.
    #[error("envelope has no recipients (no forward-path)")]
    NoRecipients,
}

impl EnvelopeErrorKind {
    /// The variant's name in `snake_case`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::EnvelopeErrorKind;
    /// assert_eq!(EnvelopeErrorKind::PathTooLong.code(), "path_too_long");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Self::LocalPartTooLong => "local_part_too_long",
            Self::DomainTooLong => "domain_too_long",
            Self::LabelTooLong => "label_too_long",
            Self::PathTooLong => "path_too_long",
            Self::NotHostname => "not_hostname",
            Self::NotAddressLiteral => "not_address_literal",
            Self::LocalPartNotSmtp => "local_part_not_smtp",
            Self::NonAsciiLocalPart => "non_ascii_local_part",
            Self::NoAsciiDomain => "no_ascii_domain",
            Self::NoRecipients => "no_recipients",
        }
    }
}

/// An error returned when a header-valid address cannot be written as an RFC 5321 path.
///
/// [`offset`](Self::offset) is the byte offset, in the text the address was parsed from, of the
/// part at fault (the local part or the domain).
///
/// # Examples
///
/// ```
/// use mail_envelope::{EnvelopeErrorKind, Mailbox};
///
/// let mailbox = Mailbox::parse("Jane <jane@[not an address]>")?;
/// let err = mailbox.to_reverse_path().unwrap_err();
/// assert_eq!(err.kind(), EnvelopeErrorKind::NotAddressLiteral);
/// assert_eq!(err.offset(), 11);
/// assert_eq!(err.to_string(), "domain-literal is not an address literal at byte 11");
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EnvelopeError {
    kind: EnvelopeErrorKind,
    offset: usize,
}

impl EnvelopeError {
    pub(crate) fn new(kind: EnvelopeErrorKind, offset: usize) -> Self {
        Self { kind, offset }
    }

    /// Why there is no envelope form.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddrSpec, EnvelopeErrorKind};
    /// let long = format!("{}@example.com", "a".repeat(65));
    /// let err = AddrSpec::parse(&long)?.to_forward_path().unwrap_err();
    /// assert_eq!(err.kind(), EnvelopeErrorKind::LocalPartTooLong);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn kind(&self) -> EnvelopeErrorKind {
        self.kind
    }

    /// The byte offset of the part at fault in the text the address was parsed from.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// let err = AddrSpec::parse("a@-x.example")?.to_forward_path().unwrap_err();
    /// assert_eq!(err.offset(), 2);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.kind, self.offset)
    }
}

impl core::error::Error for EnvelopeError {}

/// An error returned when a value cannot be written as a header field.
///
/// # Examples
///
/// ```
/// use mail_envelope::{Mailbox, RenderError, RenderOptions};
///
/// // obs-qtext lets a quoted-string carry a control character; no header form may.
/// let mailbox = Mailbox::parse("\"a\u{1}b\"@example.com")?;
/// assert_eq!(mailbox.to_header(&RenderOptions::default()), Err(RenderError::ControlCharacter));
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The value holds a control character (obsolete syntax) that no header form may carry.
    #[error("value holds a control character that a header cannot carry")]
    ControlCharacter,
    /// A single unbreakable token is longer than the 998-octet line limit (RFC 5322 §2.1.1).
    #[error("a token is longer than the 998-octet line limit")]
    LineTooLong,
    /// The field name is not RFC 5322 `ftext` (printable ASCII except `:`).
    #[error("field name is not printable ASCII without ':'")]
    InvalidFieldName,
    /// A group where a `mailbox-list` field (`From:`, RFC 5322 §3.6.2) allows only mailboxes.
    #[error("a group where the field takes only mailboxes")]
    GroupInMailboxList,
    /// An ASCII header was asked for, but the local part is not ASCII: only an RFC 6532 UTF-8
    /// header can carry it (`RenderOptions::utf8_headers`).
    #[error("local-part is not ASCII: the header needs RFC 6532 UTF-8")]
    NeedsUtf8,
    /// An ASCII header was asked for, but the domain has no A-label form (RFC 5891), or IDNA
    /// support is not built in, or it is a domain-literal holding UTF-8.
    #[error("domain has no ASCII form for an ASCII header")]
    NoAsciiDomain,
}

impl RenderError {
    /// The variant's name in `snake_case`, stable for machine-readable output.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::RenderError;
    /// assert_eq!(RenderError::NeedsUtf8.code(), "needs_utf8");
    /// assert_eq!(RenderError::InvalidFieldName.code(), "invalid_field_name");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Self::ControlCharacter => "control_character",
            Self::LineTooLong => "line_too_long",
            Self::InvalidFieldName => "invalid_field_name",
            Self::GroupInMailboxList => "group_in_mailbox_list",
            Self::NeedsUtf8 => "needs_utf8",
            Self::NoAsciiDomain => "no_ascii_domain",
        }
    }
}
