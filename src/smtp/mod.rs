//! The SMTP layer: pure builders and parsers of the bytes an SMTP client and server exchange.
//!
//! Nothing here opens a socket. Builders take the core's validated values, so a line that would
//! carry a bare CR, LF or NUL, a space inside a value or a `>` inside a path cannot be
//! represented; parsers accept a line with or without its CRLF and refuse a bare LF or a CR
//! anywhere else. Input that stops before the end of what it announces is
//! [`Status::Incomplete`], never an error and never a guess.
//!
//! This layer imports the core (types, grammar, render) and nothing imports it but the crate's
//! public entry points.

pub mod capabilities;
pub mod command;
pub mod param;
pub mod xtext;

use core::fmt;

/// The result of reading input that may stop before its end: a complete value, or how much is
/// missing.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::Status;
///
/// let status: Status<u8> = Status::Incomplete { needed: 3 };
/// assert!(!status.is_complete());
/// assert_eq!(Status::Complete(7).complete(), Some(7));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status<T> {
    /// The input held the whole value.
    Complete(T),
    /// The input stopped early; `needed` (at least 1) is the least number of further bytes that
    /// could complete it.
    Incomplete {
        /// The least number of further bytes that could complete the value.
        needed: usize,
    },
}

impl<T> Status<T> {
    /// Whether the value is complete.
    pub fn is_complete(&self) -> bool {
        matches!(self, Status::Complete(_))
    }

    /// The value, if complete.
    pub fn complete(self) -> Option<T> {
        match self {
            Status::Complete(value) => Some(value),
            Status::Incomplete { .. } => None,
        }
    }
}

/// What went wrong in the SMTP layer.
///
/// New variants may be added in minor releases. Each module adds its own variants in its own
/// section below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum SmtpErrorKind {
    // --- xtext (RFC 3461 §4) and unitext (RFC 6533 §3) ---
    /// A character that xtext does not allow (outside `!`..`~`, or `=`).
    #[error("character not allowed in xtext")]
    XtextCharacter,
    /// `+` not followed by two hexadecimal digits.
    #[error("expected two hexadecimal digits after '+' in xtext")]
    XtextTruncatedEscape,
    /// `+` followed by lower-case hexadecimal digits (RFC 3461 §4 requires upper case).
    #[error("expected upper-case hexadecimal digits after '+' in xtext")]
    XtextLowercaseHex,
    /// The decoded octets are not UTF-8.
    #[error("decoded xtext is not UTF-8")]
    XtextNotUtf8,
    /// A character that utf-8-addr-xtext or unitext does not allow.
    #[error("character not allowed in utf-8-addr-xtext")]
    UnitextCharacter,
    /// `\x{…}` that is not a valid `EmbeddedUnicodeChar` (RFC 6533 §3, `HEXPOINT`).
    #[error("expected '\\x{{HEXPOINT}}' with a code point that must be escaped")]
    UnitextEscape,
    /// An empty value where at least one character is required.
    #[error("expected at least one character")]
    Empty,
    // --- commands and parameters (RFC 5321 §4.1) ---
    /// The line does not start with `MAIL FROM:` (any case).
    #[error("expected 'MAIL FROM:'")]
    ExpectedMailFrom,
    /// The line does not start with `RCPT TO:` (any case).
    #[error("expected 'RCPT TO:'")]
    ExpectedRcptTo,
    /// CR or LF other than the final CRLF, or NUL (smtp-proto deleted a CR inside an address).
    #[error("CR, LF or NUL outside the final CRLF")]
    ForbiddenControl,
    /// The bytes are not UTF-8.
    #[error("expected UTF-8")]
    InvalidUtf8,
    /// The path is not an RFC 5321 path of the command's kind; the kind says what the path
    /// grammar expected.
    #[error("invalid path: {0}")]
    Path(crate::ErrorKind),
    /// A path or address has no RFC 5321 form.
    #[error("no RFC 5321 form: {0}")]
    Envelope(crate::EnvelopeErrorKind),
    /// A space between `:` and the path, which only Standard and Lenient accept.
    #[error("expected the path right after ':', found a space (accepted outside Strict)")]
    SpaceAfterColon,
    /// More than one space between parameters, or a space at the end of the line, which only
    /// Standard and Lenient accept.
    #[error("expected one space between parameters and none at the end (accepted outside Strict)")]
    ExtraSpaces,
    /// Something other than a space or the end of the line after the path or a parameter.
    #[error("expected a space or the end of the line")]
    ExpectedSpace,
    /// Not an `esmtp-keyword` (RFC 5321 §4.1.2).
    #[error("expected an esmtp-keyword (a letter or digit, then letters, digits or '-')")]
    InvalidKeyword,
    /// Not an `esmtp-value` (RFC 5321 §4.1.2, RFC 6531 §3.3).
    #[error("expected an esmtp-value (no space, '=' or control character)")]
    InvalidValue,
    /// `SIZE` without a decimal number (RFC 1870 §6).
    #[error("expected a decimal number of octets for SIZE")]
    ExpectedSizeValue,
    /// `SIZE` larger than `u64::MAX`.
    #[error("SIZE larger than 18446744073709551615")]
    SizeTooLarge,
    /// `BODY` without `7BIT`, `8BITMIME` or `BINARYMIME` (RFC 6152 §3, RFC 3030 §3).
    #[error("expected 7BIT, 8BITMIME or BINARYMIME for BODY")]
    ExpectedBodyValue,
    /// `RET` without `FULL` or `HDRS` (RFC 3461 §4.3).
    #[error("expected FULL or HDRS for RET")]
    ExpectedRetValue,
    /// `NOTIFY` without `NEVER` alone or a list of `SUCCESS`, `FAILURE`, `DELAY` (RFC 3461 §4.1).
    #[error("expected NEVER alone, or SUCCESS, FAILURE and DELAY separated by ',', for NOTIFY")]
    ExpectedNotifyValue,
    /// `ORCPT` without `addr-type ";" address` (RFC 3461 §4.2).
    #[error("expected addr-type ';' address for ORCPT")]
    ExpectedOrcptValue,
    /// An `rfc822` ORCPT address that is not ASCII (RFC 3461 §4.2; RFC 6533's `utf-8` type
    /// carries those).
    #[error("expected an ASCII address for ORCPT rfc822 (use the utf-8 type of RFC 6533)")]
    OrcptNotAscii,
    /// `AUTH` without the xtext of an RFC 5321 mailbox or `<>` (RFC 4954 §5).
    #[error("expected the xtext of a mailbox, or '<>', for AUTH")]
    ExpectedAuthValue,
    /// A value on a parameter that takes none (`SMTPUTF8`, RFC 6531 §3.4; `REQUIRETLS`, RFC 8689).
    #[error("parameter takes no value")]
    UnexpectedParameterValue,
    /// A parameter of the other command: `SIZE`, `BODY`, `RET`, `ENVID`, `AUTH`, `SMTPUTF8`,
    /// `REQUIRETLS` belong to MAIL; `NOTIFY`, `ORCPT` to RCPT.
    #[error("parameter not allowed in this command")]
    ParameterNotAllowed,
    /// The same parameter twice in one command.
    #[error("parameter given more than once")]
    DuplicateParameter,
    /// A command line longer than 512 octets with its CRLF (RFC 5321 §4.5.3.1.4).
    #[error("command line longer than 512 octets with its CRLF")]
    LineTooLong,
    // --- capabilities (RFC 5321 §4.1.1.1) and planning ---
    /// Not a line of a positive EHLO reply: `250-` or `250 ` then text (RFC 5321 §4.1.1.1).
    #[error("expected an EHLO reply line starting '250-' or '250 '")]
    ExpectedEhloLine,
    /// The reply stops after a `250-` line: its last line, `250 …`, is missing.
    #[error("expected a last EHLO reply line starting '250 '")]
    EhloReplyIncomplete,
    /// An EHLO line whose keyword is not an `ehlo-keyword`, or whose parameter holds a control
    /// character (RFC 5321 §4.1.1.1).
    #[error("expected an ehlo-keyword and parameters of printable ASCII")]
    InvalidEhloLine,
    /// The SIZE keyword's parameter is not a decimal number (RFC 1870 §4).
    #[error("expected a decimal number after the SIZE keyword")]
    ExpectedSizeLimit,
    /// A local part that is not ASCII, for a server that does not offer SMTPUTF8: there is no
    /// ASCII form to send (RFC 6531 §3.2).
    #[error("local-part is not ASCII and the server does not offer SMTPUTF8")]
    LocalPartNeedsSmtpUtf8,
    /// A message that needs SMTPUTF8 (RFC 6531 §3.4), for a server that does not offer it.
    #[error("the message needs SMTPUTF8, which the server does not offer")]
    MessageNeedsSmtpUtf8,
    /// A message larger than the server's SIZE limit (RFC 1870 §4).
    #[error("message larger than the server's SIZE limit")]
    MessageTooLarge,
    /// An 8-bit body for a server that does not offer 8BITMIME (RFC 6152).
    #[error("8-bit body, and the server does not offer 8BITMIME")]
    Needs8BitMime,
    /// A binary body for a server that does not offer both BINARYMIME and CHUNKING (RFC 3030).
    #[error("binary body, and the server does not offer BINARYMIME and CHUNKING")]
    NeedsBinaryMime,
    /// A parameter of an extension the server does not offer (RFC 5321 §4.1.1.2–3: a client
    /// sends only those).
    #[error("parameter of an extension the server does not offer")]
    ExtensionNotOffered,
    // --- replies (RFC 5321 §4.2, RFC 3463) ---
    // --- pipelining (RFC 2920), XCLIENT and XFORWARD ---
    // --- PROXY protocol ---
}

/// An error of the SMTP layer: what went wrong and, where it points into the input, the byte
/// offset of the first byte at fault.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::{xtext, SmtpErrorKind};
/// use mail_envelope::Strictness;
///
/// let err = xtext::decode("a+2b", Strictness::Strict).unwrap_err();
/// assert_eq!(err.kind(), SmtpErrorKind::XtextLowercaseHex);
/// assert_eq!(err.offset(), Some(1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SmtpError {
    kind: SmtpErrorKind,
    offset: Option<usize>,
}

impl SmtpError {
    /// An error at `offset` of the input.
    pub(crate) const fn at(kind: SmtpErrorKind, offset: usize) -> Self {
        SmtpError {
            kind,
            offset: Some(offset),
        }
    }

    /// An error that points at no byte of an input (a value built from parts, a limit).
    pub(crate) const fn new(kind: SmtpErrorKind) -> Self {
        SmtpError { kind, offset: None }
    }

    /// What went wrong.
    pub fn kind(&self) -> SmtpErrorKind {
        self.kind
    }

    /// The byte offset of the first byte at fault, when the error points into an input.
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }
}

impl fmt::Display for SmtpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(offset) => write!(f, "{} at byte {offset}", self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl core::error::Error for SmtpError {}
