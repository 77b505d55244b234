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
pub mod proxy;
pub mod xtext;

pub mod enhanced;
pub mod reply;

pub mod pipeline;
pub mod xclient;

use alloc::borrow::Cow;
use alloc::string::String;
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
    // --- the notification message (`crate::message`) ---
    /// A header text (the subject) holding CR, LF or another control character but tab.
    #[error("expected header text without CR, LF or other control characters")]
    HeaderControl,
    /// A Message-ID unique part that is not an RFC 5322 `dot-atom-text` (§3.6.4 `id-left`).
    #[error("expected a Message-ID unique part of atext characters and single inner dots")]
    InvalidMessageIdPart,
    /// An EHLO name that is neither a domain of letters, digits, hyphens and dots nor an
    /// address literal (RFC 5321 §4.1.1.1).
    #[error("expected an EHLO name: an ASCII domain or an address literal")]
    InvalidEhloName,
    /// A date outside the years 1900 to 9999, or a zone offset outside -9959 to +9959
    /// (RFC 5322 §3.3).
    #[error("expected a date in the years 1900 to 9999 and a zone offset within 99 hours 59 minutes")]
    DateOutOfRange,
    /// A transaction without recipients.
    #[error("expected at least one recipient")]
    NoRecipients,
}

impl SmtpErrorKind {
    /// The stable snake-case code of the kind, as the CLI's JSON prints it: the path grammar's own code for a path error,
    /// the envelope code for an envelope error, the variant's name otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::SmtpErrorKind;
    /// assert_eq!(SmtpErrorKind::SizeTooLarge.code(), "size_too_large");
    /// assert_eq!(SmtpErrorKind::MixedCodes.code(), "mixed_codes");
    /// ```
    pub fn code(self) -> Cow<'static, str> {
        use SmtpErrorKind as K;
        Cow::Borrowed(match self {
            K::Path(kind) => kind.code(),
            K::Envelope(kind) => kind.code(),
            K::XtextCharacter => "xtext_character",
            K::XtextTruncatedEscape => "xtext_truncated_escape",
            K::XtextLowercaseHex => "xtext_lowercase_hex",
            K::XtextNotUtf8 => "xtext_not_utf8",
            K::UnitextCharacter => "unitext_character",
            K::UnitextEscape => "unitext_escape",
            K::Empty => "empty",
            K::ExpectedMailFrom => "expected_mail_from",
            K::ExpectedRcptTo => "expected_rcpt_to",
            K::ForbiddenControl => "forbidden_control",
            K::InvalidUtf8 => "invalid_utf8",
            K::SpaceAfterColon => "space_after_colon",
            K::ExtraSpaces => "extra_spaces",
            K::ExpectedSpace => "expected_space",
            K::InvalidKeyword => "invalid_keyword",
            K::InvalidValue => "invalid_value",
            K::ExpectedSizeValue => "expected_size_value",
            K::SizeTooLarge => "size_too_large",
            K::ExpectedBodyValue => "expected_body_value",
            K::ExpectedRetValue => "expected_ret_value",
            K::ExpectedNotifyValue => "expected_notify_value",
            K::ExpectedOrcptValue => "expected_orcpt_value",
            K::OrcptNotAscii => "orcpt_not_ascii",
            K::ExpectedAuthValue => "expected_auth_value",
            K::UnexpectedParameterValue => "unexpected_parameter_value",
            K::ParameterNotAllowed => "parameter_not_allowed",
            K::DuplicateParameter => "duplicate_parameter",
            K::LineTooLong => "line_too_long",
            K::ExpectedEhloLine => "expected_ehlo_line",
            K::EhloReplyIncomplete => "ehlo_reply_incomplete",
            K::InvalidEhloLine => "invalid_ehlo_line",
            K::ExpectedSizeLimit => "expected_size_limit",
            K::LocalPartNeedsSmtpUtf8 => "local_part_needs_smtputf8",
            K::MessageNeedsSmtpUtf8 => "message_needs_smtputf8",
            K::MessageTooLarge => "message_too_large",
            K::Needs8BitMime => "needs_8bitmime",
            K::NeedsBinaryMime => "needs_binarymime",
            K::ExtensionNotOffered => "extension_not_offered",
            // The kinds of the other SMTP modules: their variant's name in snake case.
            #[allow(unreachable_patterns)]
            other => return Cow::Owned(snake_case(&alloc::format!("{other:?}"))),
        })
    }
}

/// `CamelCase` (up to the first character that is not a letter or digit) in `snake_case`.
pub(crate) fn snake_case(name: &str) -> String {
    let mut code = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().take_while(char::is_ascii_alphanumeric).enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            code.push('_');
        }
        code.push(c.to_ascii_lowercase());
    }
    code
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
