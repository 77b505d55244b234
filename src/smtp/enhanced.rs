//! Enhanced mail system status codes (RFC 3463 §2) and the IANA registry of their meanings
//! (RFC 5248).
//!
//! ```abnf
//! status-code = class "." subject "." detail     ; RFC 3463 §2
//! class       = "2" / "4" / "5"
//! subject     = 1*3digit
//! detail      = 1*3digit
//! ```
//!
//! "Each numeric sub-code within the status-code MUST be expressed without leading zero digits"
//! (RFC 3463 §2), so `5.01.1` is not a status code. The registry ([`REGISTRY`]) lists its
//! entries as `X.subject.detail`: the class is left open, so a code is looked up by its subject
//! and detail alone.

use core::fmt;
use core::str::FromStr;

use super::{SmtpError, SmtpErrorKind};

/// An enhanced mail system status code `class.subject.detail` (RFC 3463 §2), such as `5.1.7`.
///
/// The class is 2, 4 or 5; the subject and the detail are numbers of one to three digits, so
/// `5.7.509` has the detail 509.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::enhanced::{EnhancedCode, StatusSubject};
///
/// let code: EnhancedCode = "5.1.7".parse()?;
/// assert_eq!((code.class(), code.subject(), code.detail()), (5, 1, 7));
/// assert_eq!(code.subject_kind(), StatusSubject::Addressing);
/// assert_eq!(code.meaning(), Some("Bad sender's mailbox address syntax"));
/// assert_eq!(code.to_string(), "5.1.7");
/// assert_eq!("5.7.509".parse::<EnhancedCode>()?.detail(), 509);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EnhancedCode {
    class: u8,
    subject: u16,
    detail: u16,
}

/// The largest subject or detail sub-code: three digits.
const MAX_SUB_CODE: u16 = 999;

impl EnhancedCode {
    /// The code `class.subject.detail`.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::EnhancedCode`] when the class is not 2, 4 or 5, or the subject or the
    /// detail is above 999.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::enhanced::EnhancedCode;
    ///
    /// assert_eq!(EnhancedCode::new(4, 4, 1)?.to_string(), "4.4.1");
    /// assert!(EnhancedCode::new(3, 0, 0).is_err());
    /// assert!(EnhancedCode::new(5, 1000, 0).is_err());
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub const fn new(class: u8, subject: u16, detail: u16) -> Result<EnhancedCode, SmtpError> {
        if matches!(class, 2 | 4 | 5) && subject <= MAX_SUB_CODE && detail <= MAX_SUB_CODE {
            Ok(EnhancedCode { class, subject, detail })
        } else {
            Err(SmtpError::new(SmtpErrorKind::EnhancedCode))
        }
    }

    /// Reads a whole `status-code` (RFC 3463 §2): nothing before or after it.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::EnhancedCode`] at the first byte that does not fit the grammar (a class
    /// other than 2, 4 or 5, a missing dot, a sub-code with a leading zero or more than three
    /// digits, anything after the detail).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::enhanced::EnhancedCode;
    ///
    /// assert_eq!(EnhancedCode::parse("2.6.0")?, EnhancedCode::new(2, 6, 0)?);
    /// assert_eq!(EnhancedCode::parse("5.01.1").unwrap_err().offset(), Some(2));
    /// assert_eq!(EnhancedCode::parse("5.1.1 ").unwrap_err().offset(), Some(5));
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn parse(text: &str) -> Result<EnhancedCode, SmtpError> {
        let bytes = text.as_bytes();
        match read(bytes) {
            Ok((code, len)) if len == bytes.len() => Ok(code),
            Ok((_, len)) => Err(SmtpError::at(SmtpErrorKind::EnhancedCode, len)),
            Err(at) => Err(SmtpError::at(SmtpErrorKind::EnhancedCode, at)),
        }
    }

    /// The class sub-code: 2 (success), 4 (persistent transient failure) or 5 (permanent
    /// failure).
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!("4.2.2".parse::<mail_envelope::smtp::enhanced::EnhancedCode>()?.class(), 4);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub const fn class(self) -> u8 {
        self.class
    }

    /// The subject sub-code (0 to 999).
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!("4.2.2".parse::<mail_envelope::smtp::enhanced::EnhancedCode>()?.subject(), 2);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub const fn subject(self) -> u16 {
        self.subject
    }

    /// The detail sub-code (0 to 999).
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!("5.7.26".parse::<mail_envelope::smtp::enhanced::EnhancedCode>()?.detail(), 26);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub const fn detail(self) -> u16 {
        self.detail
    }

    /// What the subject sub-code classifies (RFC 3463 §2).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::enhanced::{EnhancedCode, StatusSubject};
    ///
    /// assert_eq!("5.7.1".parse::<EnhancedCode>()?.subject_kind(), StatusSubject::Security);
    /// assert_eq!("2.0.0".parse::<EnhancedCode>()?.subject_kind(), StatusSubject::Other);
    /// assert_eq!("5.9.0".parse::<EnhancedCode>()?.subject_kind(), StatusSubject::Unassigned);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub const fn subject_kind(self) -> StatusSubject {
        StatusSubject::of(self.subject)
    }

    /// The registry's entry for `X.subject.detail`, if it has one.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::enhanced::EnhancedCode;
    ///
    /// let entry = "5.7.30".parse::<EnhancedCode>()?.registry_entry().unwrap();
    /// assert_eq!(entry.sample_text(), "REQUIRETLS support required");
    /// assert_eq!(entry.reference(), "RFC 8689");
    /// assert!("5.7.509".parse::<EnhancedCode>()?.registry_entry().is_none());
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn registry_entry(self) -> Option<&'static RegistryEntry> {
        lookup(self.subject, self.detail)
    }

    /// The registry's sample text for `X.subject.detail` (RFC 5248 §2.1): what the code means,
    /// or `None` for a code the registry does not list.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::enhanced::EnhancedCode;
    ///
    /// assert_eq!("4.2.2".parse::<EnhancedCode>()?.meaning(), Some("Mailbox full"));
    /// assert_eq!("5.2.2".parse::<EnhancedCode>()?.meaning(), Some("Mailbox full"));
    /// assert_eq!("5.1.99".parse::<EnhancedCode>()?.meaning(), None);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn meaning(self) -> Option<&'static str> {
        self.registry_entry().map(RegistryEntry::sample_text)
    }
}

impl fmt::Display for EnhancedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.class, self.subject, self.detail)
    }
}

impl FromStr for EnhancedCode {
    type Err = SmtpError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        EnhancedCode::parse(text)
    }
}

/// Reads a `status-code` at the start of `bytes`: the code and how many bytes it took, or the
/// offset of the first byte that does not fit.
fn read(bytes: &[u8]) -> Result<(EnhancedCode, usize), usize> {
    let class = match bytes.first() {
        Some(&digit @ (b'2' | b'4' | b'5')) => digit - b'0',
        _ => return Err(0),
    };
    if bytes.get(1) != Some(&b'.') {
        return Err(1);
    }
    let (subject, at) = sub_code(bytes, 2)?;
    if bytes.get(at) != Some(&b'.') {
        return Err(at);
    }
    let (detail, end) = sub_code(bytes, at + 1)?;
    Ok((EnhancedCode { class, subject, detail }, end))
}

/// Reads `1*3digit` without a leading zero at `start`: its value and the offset after it.
fn sub_code(bytes: &[u8], start: usize) -> Result<(u16, usize), usize> {
    let mut value: u16 = 0;
    let mut at = start;
    while let Some(&digit) = bytes.get(at).filter(|b| b.is_ascii_digit()) {
        if at > start && value == 0 {
            // A digit after a leading zero: the zero is at fault.
            return Err(start);
        }
        if at - start == 3 {
            return Err(at);
        }
        value = value * 10 + u16::from(digit - b'0');
        at += 1;
    }
    if at == start {
        Err(start)
    } else {
        Ok((value, at))
    }
}

/// Reads the enhanced code a reply line's text starts with (RFC 2034 §3: "always followed by one
/// or more spaces"): the code and the length of the code and the one space after it, so that
/// further spaces stay in the text and the line reads back as written. `None` when the text does
/// not start with a code followed by a space or the end of the text.
pub(crate) fn read_reply_prefix(text: &[u8]) -> Option<(EnhancedCode, usize)> {
    let (code, end) = read(text).ok()?;
    match text.get(end) {
        None => Some((code, end)),
        Some(b' ') => Some((code, end + 1)),
        Some(_) => None,
    }
}

/// What the subject sub-code of an enhanced status code classifies (RFC 3463 §2).
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::enhanced::StatusSubject;
///
/// assert_eq!(StatusSubject::of(1), StatusSubject::Addressing);
/// assert_eq!(StatusSubject::Addressing.as_str(), "addressing");
/// assert_eq!(StatusSubject::Addressing.summary(), "Addressing Status");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatusSubject {
    /// `X.0.XXX` Other or Undefined Status.
    Other,
    /// `X.1.XXX` Addressing Status: the originator or destination address.
    Addressing,
    /// `X.2.XXX` Mailbox Status.
    Mailbox,
    /// `X.3.XXX` Mail System Status: the destination system.
    MailSystem,
    /// `X.4.XXX` Network and Routing Status.
    Network,
    /// `X.5.XXX` Mail Delivery Protocol Status.
    Protocol,
    /// `X.6.XXX` Message Content or Media Status.
    Content,
    /// `X.7.XXX` Security or Policy Status.
    Security,
    /// A subject sub-code above 7, which no RFC defines.
    Unassigned,
}

impl StatusSubject {
    /// The subject a subject sub-code stands for.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::enhanced::StatusSubject;
    ///
    /// assert_eq!(StatusSubject::of(7), StatusSubject::Security);
    /// assert_eq!(StatusSubject::of(8), StatusSubject::Unassigned);
    /// ```
    pub const fn of(subject: u16) -> StatusSubject {
        match subject {
            0 => StatusSubject::Other,
            1 => StatusSubject::Addressing,
            2 => StatusSubject::Mailbox,
            3 => StatusSubject::MailSystem,
            4 => StatusSubject::Network,
            5 => StatusSubject::Protocol,
            6 => StatusSubject::Content,
            7 => StatusSubject::Security,
            _ => StatusSubject::Unassigned,
        }
    }

    /// The name the CLI prints: `other`, `addressing`, `mailbox`, `mail_system`, `network`,
    /// `protocol`, `content`, `security` or `unassigned`.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(mail_envelope::smtp::enhanced::StatusSubject::MailSystem.as_str(), "mail_system");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            StatusSubject::Other => "other",
            StatusSubject::Addressing => "addressing",
            StatusSubject::Mailbox => "mailbox",
            StatusSubject::MailSystem => "mail_system",
            StatusSubject::Network => "network",
            StatusSubject::Protocol => "protocol",
            StatusSubject::Content => "content",
            StatusSubject::Security => "security",
            StatusSubject::Unassigned => "unassigned",
        }
    }

    /// The subject's summary in RFC 3463 §2 (the registry's "Subject Sub-Codes" table).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::enhanced::StatusSubject;
    ///
    /// assert_eq!(StatusSubject::Network.summary(), "Network and Routing Status");
    /// ```
    pub const fn summary(self) -> &'static str {
        match self {
            StatusSubject::Other => "Other or Undefined Status",
            StatusSubject::Addressing => "Addressing Status",
            StatusSubject::Mailbox => "Mailbox Status",
            StatusSubject::MailSystem => "Mail System Status",
            StatusSubject::Network => "Network and Routing Status",
            StatusSubject::Protocol => "Mail Delivery Protocol Status",
            StatusSubject::Content => "Message Content or Media Status",
            StatusSubject::Security => "Security or Policy Status",
            StatusSubject::Unassigned => "Unassigned subject",
        }
    }
}

impl fmt::Display for StatusSubject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry of the registry's "Enumerated Status Codes" table: `X.subject.detail`, its sample
/// text and the document that defines it.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::enhanced::REGISTRY;
///
/// let entry = REGISTRY.iter().find(|e| (e.subject(), e.detail()) == (1, 10)).unwrap();
/// assert_eq!(entry.to_string(), "X.1.10 Recipient address has null MX");
/// assert_eq!(entry.reference(), "RFC 7505, RFC 7504");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RegistryEntry {
    subject: u16,
    detail: u16,
    sample_text: &'static str,
    reference: &'static str,
}

impl RegistryEntry {
    /// The subject sub-code.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(mail_envelope::smtp::enhanced::REGISTRY[0].subject(), 0);
    /// ```
    pub const fn subject(&self) -> u16 {
        self.subject
    }

    /// The detail sub-code.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(mail_envelope::smtp::enhanced::REGISTRY[0].detail(), 0);
    /// ```
    pub const fn detail(&self) -> u16 {
        self.detail
    }

    /// The sample text: what a server may send with the code, which says what it means.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(mail_envelope::smtp::enhanced::REGISTRY[0].sample_text(), "Other undefined Status");
    /// ```
    pub const fn sample_text(&self) -> &'static str {
        self.sample_text
    }

    /// The documents that define the code (`RFC 3463`, `RFC 7372`, …).
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(mail_envelope::smtp::enhanced::REGISTRY[0].reference(), "RFC 3463");
    /// ```
    pub const fn reference(&self) -> &'static str {
        self.reference
    }
}

impl fmt::Display for RegistryEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "X.{}.{} {}", self.subject, self.detail, self.sample_text)
    }
}

/// The registry entry for `X.subject.detail`.
fn lookup(subject: u16, detail: u16) -> Option<&'static RegistryEntry> {
    REGISTRY
        .binary_search_by_key(&(subject, detail), |entry| (entry.subject, entry.detail))
        .ok()
        .and_then(|index| REGISTRY.get(index))
}

macro_rules! registry {
    ($( ($subject:literal, $detail:literal) $text:literal $reference:literal; )*) => {
        &[$(RegistryEntry { subject: $subject, detail: $detail, sample_text: $text, reference: $reference },)*]
    };
}

/// The IANA "SMTP Enhanced Status Codes" registry's "Enumerated Status Codes" table (RFC 5248
/// §2.1), sorted by subject and detail.
///
/// Source: the registry as IANA published it in September 2020 (its CSV export), entries
/// `X.0.0` to `X.7.30`; the sample texts of the RFC 3463, RFC 4954, RFC 5248, RFC 6531 and
/// RFC 8689 entries were checked against those RFCs. The defining documents are RFC 3463,
/// RFC 3886, RFC 4468, RFC 4954, RFC 5248, RFC 6531, RFC 6710, RFC 7293, RFC 7372, RFC 7504,
/// RFC 7505, RFC 8617, RFC 8689 and one Internet-Draft (`X.7.28`). Codes registered later are
/// not in the table: [`EnhancedCode::meaning`] gives `None` for them. `X.6.10` has no sample text
/// in the registry; its entry here paraphrases the registry's description.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::enhanced::REGISTRY;
///
/// assert_eq!(REGISTRY.len(), 81);
/// assert!(REGISTRY.windows(2).all(|w| (w[0].subject(), w[0].detail()) < (w[1].subject(), w[1].detail())));
/// ```
pub const REGISTRY: &[RegistryEntry] = registry! {
    (0, 0) "Other undefined Status" "RFC 3463";
    (1, 0) "Other address status" "RFC 3463";
    (1, 1) "Bad destination mailbox address" "RFC 3463";
    (1, 2) "Bad destination system address" "RFC 3463";
    (1, 3) "Bad destination mailbox address syntax" "RFC 3463";
    (1, 4) "Destination mailbox address ambiguous" "RFC 3463";
    (1, 5) "Destination address valid" "RFC 3463";
    (1, 6) "Destination mailbox has moved, No forwarding address" "RFC 3463";
    (1, 7) "Bad sender's mailbox address syntax" "RFC 3463";
    (1, 8) "Bad sender's system address" "RFC 3463";
    (1, 9) "Message relayed to non-compliant mailer" "RFC 3886";
    (1, 10) "Recipient address has null MX" "RFC 7505, RFC 7504";
    (2, 0) "Other or undefined mailbox status" "RFC 3463";
    (2, 1) "Mailbox disabled, not accepting messages" "RFC 3463";
    (2, 2) "Mailbox full" "RFC 3463";
    (2, 3) "Message length exceeds administrative limit" "RFC 3463";
    (2, 4) "Mailing list expansion problem" "RFC 3463";
    (3, 0) "Other or undefined mail system status" "RFC 3463";
    (3, 1) "Mail system full" "RFC 3463";
    (3, 2) "System not accepting network messages" "RFC 3463, RFC 7504";
    (3, 3) "System not capable of selected features" "RFC 3463";
    (3, 4) "Message too big for system" "RFC 3463";
    (3, 5) "System incorrectly configured" "RFC 3463";
    (3, 6) "Requested priority was changed" "RFC 6710";
    (4, 0) "Other or undefined network or routing status" "RFC 3463";
    (4, 1) "No answer from host" "RFC 3463";
    (4, 2) "Bad connection" "RFC 3463";
    (4, 3) "Directory server failure" "RFC 3463";
    (4, 4) "Unable to route" "RFC 3463";
    (4, 5) "Mail system congestion" "RFC 3463";
    (4, 6) "Routing loop detected" "RFC 3463";
    (4, 7) "Delivery time expired" "RFC 3463";
    (5, 0) "Other or undefined protocol status" "RFC 3463";
    (5, 1) "Invalid command" "RFC 3463";
    (5, 2) "Syntax error" "RFC 3463";
    (5, 3) "Too many recipients" "RFC 3463";
    (5, 4) "Invalid command arguments" "RFC 3463";
    (5, 5) "Wrong protocol version" "RFC 3463";
    (5, 6) "Authentication Exchange line is too long" "RFC 4954";
    (6, 0) "Other or undefined media error" "RFC 3463";
    (6, 1) "Media not supported" "RFC 3463";
    (6, 2) "Conversion required and prohibited" "RFC 3463";
    (6, 3) "Conversion required but not supported" "RFC 3463";
    (6, 4) "Conversion with loss performed" "RFC 3463";
    (6, 5) "Conversion Failed" "RFC 3463";
    (6, 6) "Message content not available" "RFC 4468";
    (6, 7) "Non-ASCII addresses not permitted for that sender/recipient" "RFC 6531";
    (6, 8) "UTF-8 string reply is required, but not permitted by the SMTP client" "RFC 6531";
    (6, 9) "UTF-8 header message cannot be transferred to one or more recipients, so the message must be rejected" "RFC 6531";
    (6, 10) "Deprecated: a duplicate of X.6.8" "RFC 6531";
    (7, 0) "Other or undefined security status" "RFC 3463";
    (7, 1) "Delivery not authorized, message refused" "RFC 3463";
    (7, 2) "Mailing list expansion prohibited" "RFC 3463";
    (7, 3) "Security conversion required but not possible" "RFC 3463";
    (7, 4) "Security features not supported" "RFC 3463";
    (7, 5) "Cryptographic failure" "RFC 3463";
    (7, 6) "Cryptographic algorithm not supported" "RFC 3463";
    (7, 7) "Message integrity failure" "RFC 3463";
    (7, 8) "Authentication credentials invalid" "RFC 4954";
    (7, 9) "Authentication mechanism is too weak" "RFC 4954";
    (7, 10) "Encryption Needed" "RFC 5248";
    (7, 11) "Encryption required for requested authentication mechanism" "RFC 4954";
    (7, 12) "A password transition is needed" "RFC 4954";
    (7, 13) "User Account Disabled" "RFC 5248";
    (7, 14) "Trust relationship required" "RFC 5248";
    (7, 15) "Priority Level is too low" "RFC 6710";
    (7, 16) "Message is too big for the specified priority" "RFC 6710";
    (7, 17) "Mailbox owner has changed" "RFC 7293";
    (7, 18) "Domain owner has changed" "RFC 7293";
    (7, 19) "RRVS test cannot be completed" "RFC 7293";
    (7, 20) "No passing DKIM signature found" "RFC 7372";
    (7, 21) "No acceptable DKIM signature found" "RFC 7372";
    (7, 22) "No valid author-matched DKIM signature found" "RFC 7372";
    (7, 23) "SPF validation failed" "RFC 7372";
    (7, 24) "SPF validation error" "RFC 7372";
    (7, 25) "Reverse DNS validation failed" "RFC 7372";
    (7, 26) "Multiple authentication checks failed" "RFC 7372";
    (7, 27) "Sender address has null MX" "RFC 7505";
    (7, 28) "Mail flood detected" "draft-levine-mailbomb-header";
    (7, 29) "ARC validation failure" "RFC 8617";
    (7, 30) "REQUIRETLS support required" "RFC 8689";
};

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn reads_three_digit_sub_codes() {
        let code = EnhancedCode::parse("5.7.509").unwrap();
        assert_eq!((code.class(), code.subject(), code.detail()), (5, 7, 509));
        assert_eq!(EnhancedCode::parse("2.999.999").unwrap().to_string(), "2.999.999");
    }

    #[test]
    fn rejects_what_the_grammar_does_not_allow() {
        for (text, offset) in [
            ("", 0),
            ("3.0.0", 0),
            ("5", 1),
            ("5.", 2),
            ("5.1", 3),
            ("5.1.", 4),
            ("5.1.1000", 7),
            ("5.1000.1", 5),
            ("5.01.1", 2),
            ("5.1.00", 4),
            ("5.1.1.", 5),
            ("5,1.1", 1),
            ("+5.1.1", 0),
        ] {
            let err = EnhancedCode::parse(text).unwrap_err();
            assert_eq!(err.kind(), SmtpErrorKind::EnhancedCode, "{text:?}");
            assert_eq!(err.offset(), Some(offset), "{text:?}");
        }
    }

    #[test]
    fn reads_a_reply_prefix_only_before_a_space_or_the_end() {
        assert_eq!(
            read_reply_prefix(b"5.1.1 user unknown").map(|(c, n)| (c.to_string(), n)),
            Some(("5.1.1".into(), 6))
        );
        assert_eq!(read_reply_prefix(b"5.1.1   x").map(|(_, n)| n), Some(6));
        assert_eq!(read_reply_prefix(b"2.0.0").map(|(_, n)| n), Some(5));
        assert_eq!(read_reply_prefix(b"2.0.0ok"), None);
        assert_eq!(read_reply_prefix(b"2.0.0\tok"), None);
        assert_eq!(read_reply_prefix(b"2.0.0.1 ok"), None);
        assert_eq!(read_reply_prefix(b"Ok"), None);
    }

    #[test]
    fn the_registry_is_sorted_and_found_by_subject_and_detail() {
        assert!(REGISTRY
            .windows(2)
            .all(|w| (w[0].subject, w[0].detail) < (w[1].subject, w[1].detail)));
        for entry in REGISTRY {
            assert_eq!(lookup(entry.subject, entry.detail), Some(entry));
            assert!(!entry.sample_text.is_empty());
        }
        assert_eq!(lookup(1, 11), None);
        assert_eq!(lookup(8, 0), None);
    }

    #[test]
    fn every_class_shares_the_registry_meaning() {
        for class in [2, 4, 5] {
            let code = EnhancedCode::new(class, 7, 13).unwrap();
            assert_eq!(code.meaning(), Some("User Account Disabled"));
        }
    }
}
