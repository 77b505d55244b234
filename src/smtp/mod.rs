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

pub mod proxy;
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
    /// Input that starts neither with `PROXY` (version 1) nor with the version 2 signature.
    #[error("expected a PROXY protocol header: \"PROXY\" (version 1) or the 12-octet signature (version 2)")]
    ProxyNotAHeader,
    /// Not exactly one space between the fields of a version 1 line.
    #[error("expected exactly one space in the PROXY version 1 line")]
    ProxyV1ExpectedSpace,
    /// A version 1 protocol other than `TCP4`, `TCP6` or `UNKNOWN`.
    #[error("expected TCP4, TCP6 or UNKNOWN after \"PROXY \"")]
    ProxyV1Protocol,
    /// A version 1 IPv4 address that is not a dotted quad without leading zeros.
    #[error("expected an IPv4 address: four decimal numbers 0 to 255 without leading zeros")]
    ProxyV1Ipv4,
    /// A version 1 IPv6 address that is not in an RFC 4291 text form.
    #[error("expected an IPv6 address in RFC 4291 text form")]
    ProxyV1Ipv6,
    /// A version 1 port that is not a decimal number 0 to 65535 without leading zeros or sign.
    #[error("expected a port: a decimal number 0 to 65535 without leading zeros or sign")]
    ProxyV1Port,
    /// A version 1 line that does not end with CRLF where it must (a lone CR or LF included).
    #[error("expected CRLF to end the PROXY version 1 line")]
    ProxyV1ExpectedCrlf,
    /// A version 1 line without its CRLF in the first 107 octets.
    #[error("expected the PROXY version 1 line to end with CRLF within 107 octets")]
    ProxyV1TooLong,
    /// A version 2 header whose version is not 2.
    #[error("expected PROXY protocol version 2 in the high nibble")]
    ProxyV2Version,
    /// A version 2 command other than LOCAL (0) or PROXY (1).
    #[error("expected the PROXY version 2 command LOCAL (0) or PROXY (1)")]
    ProxyV2Command,
    /// A version 2 family and transport octet that is not one of the seven valid ones.
    #[error("expected a family and transport octet of 0x00, 0x11, 0x12, 0x21, 0x22, 0x31 or 0x32")]
    ProxyV2Family,
    /// A version 2 length too short for the family's address block.
    #[error("expected a PROXY version 2 length that holds the address block of the family")]
    ProxyV2AddressLength,
    /// A version 2 TLV (or SSL sub-TLV) that runs past the end of what holds it.
    #[error("expected the TLV to end within the header (or within its SSL TLV)")]
    ProxyV2TlvTruncated,
    /// A version 2 TLV whose length its type does not allow: a CRC-32C not of 4 octets, a
    /// unique ID over 128 octets, an SSL TLV under 5 octets.
    #[error("expected a TLV length its type allows")]
    ProxyV2TlvLength,
    /// A version 2 TLV that must be UTF-8 (authority, SSL CN) and is not.
    #[error("expected UTF-8 in the TLV value")]
    ProxyV2TlvNotUtf8,
    /// A version 2 TLV that must be US-ASCII (network namespace, SSL strings) and is not.
    #[error("expected US-ASCII in the TLV value")]
    ProxyV2TlvNotAscii,
    /// A version 2 CRC-32C TLV that does not match the header.
    #[error("expected the CRC-32C of the header in the CRC32C TLV")]
    ProxyV2Crc32cMismatch,
    /// A second CRC-32C TLV in one version 2 header.
    #[error("expected at most one CRC32C TLV")]
    ProxyV2DuplicateCrc32c,
    /// A version 2 header that would pass 65,535 octets after its fixed part (building).
    #[error("expected at most 65,535 octets of addresses and TLVs")]
    ProxyV2TooLong,
    /// A TLV built by hand that the builder makes itself (CRC-32C) or that names a registered
    /// type as `Other` (building).
    #[error("expected the TLV's own variant, and no CRC32C TLV (the builder computes it)")]
    ProxyTlvType,
    /// Source and destination addresses of different families (building).
    #[error("expected source and destination addresses of the same family")]
    ProxyFamilyMismatch,
    /// A UNIX socket path longer than 108 octets (building).
    #[error("expected a UNIX socket path of at most 108 octets")]
    ProxyUnixAddressTooLong,
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
