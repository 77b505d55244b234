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

pub mod xtext;

pub mod enhanced;
pub mod reply;

pub mod pipeline;
pub mod xclient;

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
    // --- capabilities (RFC 5321 §4.1.1.1) and planning ---
    // --- replies (RFC 5321 §4.2, RFC 3463) ---
    /// Not an enhanced status code `class.subject.detail` (RFC 3463 §2), or one whose class is
    /// not the reply's.
    #[error(
        "expected an enhanced status code: class 2, 4 or 5, then two sub-codes of 1 to 3 digits without leading zeros"
    )]
    EnhancedCode,
    /// A reply code outside RFC 5321's `Reply-code = %x32-35 %x30-35 %x30-39`.
    #[error("expected a reply code: three digits, the first 2 to 5, the second 0 to 5")]
    ReplyCode,
    /// Neither SP, `-` nor CRLF after a reply code.
    #[error("expected ' ', '-' or CRLF after the reply code")]
    ReplySeparator,
    /// A line of a multi-line reply whose code is not the first line's (RFC 5321 §4.2.1).
    #[error("expected every line of a multi-line reply to carry the same reply code")]
    MixedCodes,
    /// A CR not followed by LF, an LF not preceded by CR, or a NUL in a reply.
    #[error("CR, LF or NUL outside the CRLF that ends a reply line")]
    ReplyForbiddenControl,
    /// Reply text that is not UTF-8.
    #[error("reply text is not UTF-8")]
    ReplyNotUtf8,
    /// Bytes after the last line of a reply, where the input was to hold one reply.
    #[error("expected the end of input after the reply's last line")]
    ReplyTrailingInput,
    /// A reply built without lines.
    #[error("expected at least one reply line")]
    ReplyNoLines,
    /// A reply built whose first line would read back as starting with the reply's enhanced
    /// code.
    #[error("reply's first line starts with an enhanced status code the reply does not carry")]
    ReplyTextAmbiguous,
    // --- pipelining (RFC 2920), XCLIENT and XFORWARD ---
    /// A command to batch that holds CR, LF or NUL.
    #[error("CR, LF or NUL in a command")]
    BatchCommandControl,
    /// A batch's replies are not one per command.
    #[error("expected as many replies as the batch has commands")]
    BatchReplyCount,
    /// A line that does not start with the command's verb (`XCLIENT` or `XFORWARD`) and a space.
    #[error("expected the verb XCLIENT or XFORWARD and a space")]
    XclientVerb,
    /// Not `attribute=value` with an attribute the command defines.
    #[error("expected attribute=value with an attribute name the command defines")]
    XclientAttribute,
    /// A value the attribute does not allow.
    #[error("expected a value the attribute allows")]
    XclientValue,
    /// An attribute value longer than 255 octets as xtext.
    #[error("attribute value longer than 255 octets")]
    XclientValueTooLong,
    /// The same attribute twice.
    #[error("attribute given twice")]
    XclientDuplicate,
    /// A command without attributes.
    #[error("expected at least one attribute")]
    XclientNoAttributes,
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
