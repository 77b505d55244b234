//! The policy layer: decisions a mail system takes about addresses, each a pure function that
//! returns the decision *and why* (which table and key matched, which rule fired) and the exact
//! reply text a server would send.
//!
//! * [`sender_login`]: Postfix's `smtpd_sender_login_maps` with the
//!   `reject_*_sender_login_mismatch` restrictions, as Postfix 3.7.11 decides them, over the
//!   lookup tables of [`table`] (`texthash`, `hash`, `aliases`, `regexp`, `pcre`, `unionmap`).
//! * [`identity`]: verified sender identities (addresses, domains, domains with their
//!   subdomains) and DMARC identifier alignment (RFC 7489 §3.1), the organizational domain
//!   coming through the [`OrgDomain`](identity::OrgDomain) trait.
//! * [`autoreply`]: whether to send an automatic reply (RFC 3834, RFC 5230 Sieve vacation, as
//!   Pigeonhole decides), to whom, and with which header fields.
//!
//! Nothing here reads a file, a clock or the DNS: table loaders take the file's text, and the
//! caller says what only it can know (its local domains, whether it already answered a sender).
//! This layer imports the core's public entry points and nothing imports it but the crate's
//! umbrella [`Error`](crate::Error).
//!
//! # Examples
//!
//! ```
//! use mail_envelope::policy::sender_login::{check, Mode, Options};
//! use mail_envelope::policy::table::Table;
//! use mail_envelope::ReversePath;
//!
//! let maps = [Table::texthash("texthash:/etc/postfix/login_maps", "alice@example.com alice\n")];
//! let sender = ReversePath::parse("<alice@example.com>")?;
//! let decision = check(&maps, &Options::default(), Mode::RejectSenderLoginMismatch, &sender, Some("bob"))?;
//! assert_eq!(
//!     decision.reply(),
//!     Some("553 5.7.1 <alice@example.com>: Sender address rejected: not owned by user bob")
//! );
//! # Ok::<(), mail_envelope::Error>(())
//! ```

pub mod autoreply;
pub mod identity;
pub mod sender_login;
mod source;
pub mod table;

#[cfg(feature = "regex")]
mod pattern;

use core::fmt;

/// What went wrong in the policy layer.
///
/// New variants may be added in minor releases.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::PolicyErrorKind;
/// assert_eq!(PolicyErrorKind::BackReference.code(), "back_reference");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyErrorKind {
    // --- lookup tables ---
    /// The `x` flag of a `regexp:` rule turns POSIX extended syntax off; basic syntax is not
    /// reproduced.
    #[error("the 'x' flag selects POSIX basic regular expressions, which are not reproduced")]
    PosixBasicSyntax,
    /// A back-reference (`\1`…`\9`, `\g`, `\k`), which the `regex` crate does not have.
    #[error("back-references are not supported")]
    BackReference,
    /// A rule that substitutes `$n` into its result uses alternation (`|`): POSIX takes the
    /// longest alternative, the `regex` crate the first, so the substituted text could differ.
    #[error("alternation in a pattern whose groups are substituted ($n): POSIX takes the longest alternative, not the first")]
    LeftmostLongest,
    /// A rule that substitutes `$n` into its result repeats a group (`(…)*`, `(…)+`, `(…){n}`,
    /// `(…)?`): which iteration a group reports differs between the engines.
    #[error("a repeated group in a pattern whose groups are substituted ($n)")]
    RepeatedCapture,
    /// An escape whose meaning differs from the engine's (POSIX `\d` is the letter `d`), or that
    /// the `regex` crate lacks (PCRE `\Q`, `\K`, `\R`, `\h`, `\X`, `\c`, `\0`, …).
    #[error("an escape that cannot be reproduced")]
    UnsupportedEscape,
    /// A construct the `regex` crate lacks: look-around, atomic groups, possessive quantifiers,
    /// recursion, conditionals, callouts, collating elements and equivalence classes, PCRE's `x`
    /// flag, or a POSIX `)` without `(`.
    #[error("a construct that cannot be reproduced")]
    UnsupportedConstruct,
    /// A pattern that is not valid syntax (Postfix would skip the rule with a warning).
    #[error("invalid pattern syntax")]
    PatternSyntax,
    /// A pattern too large for the `regex` crate's size limit.
    #[error("pattern too large")]
    PatternTooLarge,
    /// A pattern table was asked for but the crate was built without the `regex` feature.
    #[error("pattern tables need the 'regex' feature")]
    RegexFeatureDisabled,
    /// A `unionmap:{…}` with no member, or members nested too deeply.
    #[error("a unionmap needs between 1 and 16 levels of members")]
    UnionSyntax,
    // --- sender-login ---
    /// The sender's domain is local and its local part holds `%`, `!` or `@`: Postfix's
    /// trivial-rewrite would reroute it (percent hack, bang path), which is not reproduced.
    #[error("the sender's local part would be rewritten by Postfix (percent hack, bang path or quoted '@')")]
    SenderRewritten,
    // --- identities and alignment ---
    /// A line of a verified-identities file that is neither an address nor a domain.
    #[error("expected an address, a domain or a .domain")]
    IdentitySyntax,
    /// A domain (a DKIM `d=`, a HELO name) that is not a domain name.
    #[error("expected a domain name")]
    DomainSyntax,
    /// A domain with no A-label form (not a valid IDN, or the `idna` feature is off).
    #[error("the domain has no A-label form")]
    NoAsciiDomain,
    /// A null MAIL FROM without a HELO name to stand for it (RFC 7489 §3.1.2, RFC 7208 §2.4).
    #[error("a null MAIL FROM needs the HELO name")]
    NullMailFromWithoutHelo,
    // --- auto-reply ---
    /// A header line that is neither a field (`name: value`) nor a continuation.
    #[error("expected a header field 'name: value' or a folded continuation line")]
    HeaderSyntax,
}

impl PolicyErrorKind {
    /// The variant's name in snake case, as the CLI's `error.kind` shows it.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::policy::PolicyErrorKind;
    /// assert_eq!(PolicyErrorKind::HeaderSyntax.code(), "header_syntax");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            PolicyErrorKind::PosixBasicSyntax => "posix_basic_syntax",
            PolicyErrorKind::BackReference => "back_reference",
            PolicyErrorKind::LeftmostLongest => "leftmost_longest",
            PolicyErrorKind::RepeatedCapture => "repeated_capture",
            PolicyErrorKind::UnsupportedEscape => "unsupported_escape",
            PolicyErrorKind::UnsupportedConstruct => "unsupported_construct",
            PolicyErrorKind::PatternSyntax => "pattern_syntax",
            PolicyErrorKind::PatternTooLarge => "pattern_too_large",
            PolicyErrorKind::RegexFeatureDisabled => "regex_feature_disabled",
            PolicyErrorKind::UnionSyntax => "union_syntax",
            PolicyErrorKind::SenderRewritten => "sender_rewritten",
            PolicyErrorKind::IdentitySyntax => "identity_syntax",
            PolicyErrorKind::DomainSyntax => "domain_syntax",
            PolicyErrorKind::NoAsciiDomain => "no_ascii_domain",
            PolicyErrorKind::NullMailFromWithoutHelo => "null_mail_from_without_helo",
            PolicyErrorKind::HeaderSyntax => "header_syntax",
        }
    }
}

/// An error of the policy layer: what went wrong and, where it points into an input, the line
/// (counted from 1) and the byte offset of the first byte at fault.
///
/// For a table the line is the first line of the logical line (continuation lines included) and
/// the offset counts from the start of the table's text; the caller, who read the file, names it.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "regex")] {
/// use mail_envelope::policy::table::Table;
/// use mail_envelope::policy::PolicyErrorKind;
///
/// let err = Table::regexp("regexp:/etc/postfix/login", "# owners\n/^(a)\\1$/ x\n").unwrap_err();
/// assert_eq!(err.kind(), PolicyErrorKind::BackReference);
/// assert_eq!(err.line(), Some(2));
/// assert_eq!(err.to_string(), "back-references are not supported at line 2, byte 14");
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PolicyError {
    kind: PolicyErrorKind,
    line: Option<usize>,
    offset: Option<usize>,
}

impl PolicyError {
    /// An error that points at no input.
    pub(crate) const fn new(kind: PolicyErrorKind) -> Self {
        PolicyError {
            kind,
            line: None,
            offset: None,
        }
    }

    /// An error at `offset` of an input.
    pub(crate) const fn at(kind: PolicyErrorKind, offset: usize) -> Self {
        PolicyError {
            kind,
            line: None,
            offset: Some(offset),
        }
    }

    /// An error on `line` (from 1) of a table or file, at byte `offset` of its text.
    pub(crate) const fn at_line(kind: PolicyErrorKind, line: usize, offset: usize) -> Self {
        PolicyError {
            kind,
            line: Some(line),
            offset: Some(offset),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> PolicyErrorKind {
        self.kind
    }

    /// The line (from 1) of the table or file at fault, when the input has lines.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The byte offset of the first byte at fault, when the error points into an input.
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.offset) {
            (Some(line), Some(offset)) => write!(f, "{} at line {line}, byte {offset}", self.kind),
            (Some(line), None) => write!(f, "{} at line {line}", self.kind),
            (None, Some(offset)) => write!(f, "{} at byte {offset}", self.kind),
            (None, None) => write!(f, "{}", self.kind),
        }
    }
}

impl core::error::Error for PolicyError {}
