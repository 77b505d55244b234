//! The envelope form (RFC 5321 §4.1.2, RFC 6531): [`ReversePath`], [`ForwardPath`], [`Envelope`],
//! and the checks that decide whether a header address can be one.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::address::{AddrSpec, Mailbox};
use crate::diagnosis::{Diagnoses, Diagnosis};
use crate::domain::Domain;
use crate::error::{EnvelopeError, EnvelopeErrorKind, ParseError};
use crate::options::ParseOptions;
use crate::parse::{self, path, rfc5321};

/// RFC 5321 §4.5.3.1.1: "The maximum total length of a user name or other local-part is 64 octets."
const MAX_LOCAL_PART: usize = 64;
/// RFC 5321 §4.5.3.1.2: "The maximum total length of a domain name or number is 255 octets."
const MAX_DOMAIN: usize = 255;
/// RFC 1035 §2.3.4, which RFC 5321 §2.3.5 refers to: labels are 63 octets or less.
const MAX_LABEL: usize = 63;
/// RFC 5321 §4.5.3.1.3: "The maximum total length of a reverse-path or forward-path is 256 octets
/// (including the punctuation and element separators)."
const MAX_PATH: usize = 256;

/// Rates an addr-spec against RFC 5321: the findings, and the first reason (if any) why it
/// cannot be a path.
pub(crate) fn smtp_findings(addr: &AddrSpec<'_>) -> (Diagnoses, Option<EnvelopeError>) {
    let mut found = Diagnoses::new();
    let mut first: Option<EnvelopeError> = None;
    let mut fail = |d: Diagnosis, kind: EnvelopeErrorKind, offset: usize, found: &mut Diagnoses| {
        found.insert(d);
        first.get_or_insert(EnvelopeError::new(kind, offset));
    };
    let local = &addr.local_part;
    let local_len = if local.needs_quotes() {
        crate::header::quoted_len(&local.value)
    } else {
        local.value.len()
    };
    if parse::chars::has_cc(&local.value) {
        fail(
            Diagnosis::Rfc5322LocalNotSmtp,
            EnvelopeErrorKind::LocalPartNotSmtp,
            local.offset,
            &mut found,
        );
    }
    if local_len > MAX_LOCAL_PART {
        fail(
            Diagnosis::Rfc5322LocalTooLong,
            EnvelopeErrorKind::LocalPartTooLong,
            local.offset,
            &mut found,
        );
    }
    let domain_len = match &addr.domain {
        Domain::Name(name) => {
            let host = HostName::read(&name.value);
            for (d, kind) in host.findings(name.value.len() > MAX_DOMAIN) {
                fail(d, kind, name.offset, &mut found);
            }
            if host.labels == 1 {
                found.insert(Diagnosis::Rfc5321Tld);
            }
            if host.tld_digit {
                found.insert(Diagnosis::Rfc5321TldNumeric);
            }
            name.value.len()
        }
        Domain::Literal(literal) => {
            // isemail's name for a literal that is none and was written with obs-dtext.
            let obs_dtext = || {
                literal
                    .raw
                    .bytes()
                    .any(|b| b == b'\\' || parse::chars::is_obs_no_ws_ctl(b))
            };
            match rfc5321::address_literal(&literal.value) {
                Ok(_) => found.insert(Diagnosis::Rfc5321AddressLiteral),
                Err(Diagnosis::Rfc5322DomainLiteral) if obs_dtext() => fail(
                    Diagnosis::Rfc5322DomlitObsdtext,
                    EnvelopeErrorKind::NotAddressLiteral,
                    literal.offset,
                    &mut found,
                ),
                Err(d) => fail(d, EnvelopeErrorKind::NotAddressLiteral, literal.offset, &mut found),
            }
            literal.value.len() + 2
        }
    };
    if local_len + 1 + domain_len + 2 > MAX_PATH {
        fail(
            Diagnosis::Rfc5322TooLong,
            EnvelopeErrorKind::PathTooLong,
            local.offset,
            &mut found,
        );
    }
    (found, first)
}

/// What one pass over a domain name finds about it as an RFC 5321 `Domain`.
///
/// ```abnf
/// Domain     = sub-domain *("." sub-domain)   ; RFC 5321 §4.1.2
/// sub-domain = Let-dig [Ldh-str]
/// sub-domain =/ U-label                       ; RFC 6531 §3.3
/// ```
struct HostName {
    labels: usize,
    bad_label: bool,
    long_label: bool,
    tld_digit: bool,
}

impl HostName {
    fn read(name: &str) -> Self {
        let mut host = HostName {
            labels: 0,
            bad_label: false,
            long_label: false,
            tld_digit: false,
        };
        // Split at each '.' found by a byte scan (`str::split` would set up a searcher per label).
        let mut rest = name;
        loop {
            let dot = rest.as_bytes().iter().position(|&b| b == b'.');
            host.label(dot.map_or(rest, |dot| &rest[..dot]));
            match dot {
                Some(dot) => rest = &rest[dot + 1..],
                None => return host,
            }
        }
    }

    fn label(&mut self, label: &str) {
        let u_label = !label.is_ascii()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| {
                if c.is_ascii() {
                    parse::chars::is_ldh(c as u8)
                } else {
                    parse::chars::is_u_label_char(c)
                }
            });
        self.bad_label |= !(rfc5321::is_sub_domain(label) || u_label);
        self.long_label |= label.len() > MAX_LABEL;
        self.tld_digit = label.starts_with(|c: char| c.is_ascii_digit());
        self.labels += 1;
    }

    /// The ways the name (`too_long`: longer than 255 octets) fails to be an RFC 5321 `Domain`,
    /// in the order they are reported.
    fn findings(&self, too_long: bool) -> impl Iterator<Item = (Diagnosis, EnvelopeErrorKind)> {
        [
            (self.bad_label, Diagnosis::Rfc5322Domain, EnvelopeErrorKind::NotHostname),
            (
                self.long_label,
                Diagnosis::Rfc5322LabelTooLong,
                EnvelopeErrorKind::LabelTooLong,
            ),
            (
                too_long,
                Diagnosis::Rfc5322DomainTooLong,
                EnvelopeErrorKind::DomainTooLong,
            ),
        ]
        .into_iter()
        .filter(|(bad, _, _)| *bad)
        .map(|(_, d, k)| (d, k))
    }
}

impl AddrSpec<'_> {
    /// Checks that this addr-spec can be an RFC 5321 path.
    pub(crate) fn check_smtp(&self) -> Result<(), EnvelopeError> {
        self.envelope_error.map_or(Ok(()), Err)
    }

    /// The forward-path (`RCPT TO:<…>`) for this address.
    ///
    /// # Errors
    ///
    /// An [`EnvelopeError`] when the address is valid in a header but cannot be an RFC 5321 path:
    /// too long, a domain that is not a host name, a literal that is not an address literal, or a
    /// local part with control characters.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// let addr = AddrSpec::parse("\"john\"@example.com")?;
    /// assert_eq!(addr.to_forward_path()?.to_string(), "<john@example.com>");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_forward_path(&self) -> Result<ForwardPath<'_>, EnvelopeError> {
        self.check_smtp()?;
        Ok(ForwardPath::Path(self.reborrow()))
    }

    /// The reverse-path (`MAIL FROM:<…>`) for this address.
    ///
    /// # Errors
    ///
    /// As [`to_forward_path`](Self::to_forward_path).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// let addr = AddrSpec::parse("jane@example.com")?;
    /// assert_eq!(addr.to_reverse_path()?.to_string(), "<jane@example.com>");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_reverse_path(&self) -> Result<ReversePath<'_>, EnvelopeError> {
        self.check_smtp()?;
        Ok(ReversePath::Path(self.reborrow()))
    }

    /// The canonical addr-spec with the domain in A-labels: what a client sends when the server
    /// does not offer SMTPUTF8.
    ///
    /// # Errors
    ///
    /// [`EnvelopeErrorKind::NonAsciiLocalPart`] when the local part is not ASCII (it has no ASCII
    /// form, and the crate does not invent one), [`EnvelopeErrorKind::NoAsciiDomain`] when the
    /// domain has no A-label form, and every error of [`to_forward_path`](Self::to_forward_path).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddrSpec, EnvelopeErrorKind};
    /// # #[cfg(feature = "idna")]
    /// assert_eq!(AddrSpec::parse("jane@bücher.example")?.to_ascii_string()?, "jane@xn--bcher-kva.example");
    /// let err = AddrSpec::parse("用户@example.com")?.to_ascii_string().unwrap_err();
    /// assert_eq!(err.kind(), EnvelopeErrorKind::NonAsciiLocalPart);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_ascii_string(&self) -> Result<String, EnvelopeError> {
        self.check_smtp()?;
        if !self.local_part.value.is_ascii() {
            return Err(EnvelopeError::new(
                EnvelopeErrorKind::NonAsciiLocalPart,
                self.local_part.offset,
            ));
        }
        let domain: Cow<'_, str> = match &self.domain {
            Domain::Name(name) => name.to_ascii()?,
            Domain::Literal(_) => Cow::Owned(alloc::format!("{}", self.domain)),
        };
        let ascii = alloc::format!("{}@{domain}", self.local_part);
        if let Domain::Name(name) = &self.domain {
            if domain.len() > MAX_DOMAIN {
                return Err(EnvelopeError::new(EnvelopeErrorKind::DomainTooLong, name.offset));
            }
            if domain.split('.').any(|l| l.len() > MAX_LABEL) {
                return Err(EnvelopeError::new(EnvelopeErrorKind::LabelTooLong, name.offset));
            }
        }
        if ascii.len() + 2 > MAX_PATH {
            return Err(EnvelopeError::new(
                EnvelopeErrorKind::PathTooLong,
                self.local_part.offset,
            ));
        }
        Ok(ascii)
    }
}

impl Mailbox<'_> {
    /// The reverse-path (`MAIL FROM:<…>`) for this mailbox: the addr-spec alone, canonical, with
    /// no display name, comment, CR, LF or NUL.
    ///
    /// # Errors
    ///
    /// As [`AddrSpec::to_forward_path`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::Mailbox;
    /// let mailbox = Mailbox::parse("\"Ops Team\" <ops@example.com>")?;
    /// assert_eq!(mailbox.to_reverse_path()?.to_string(), "<ops@example.com>");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_reverse_path(&self) -> Result<ReversePath<'_>, EnvelopeError> {
        self.addr_spec.to_reverse_path()
    }

    /// The forward-path (`RCPT TO:<…>`) for this mailbox.
    ///
    /// # Errors
    ///
    /// As [`AddrSpec::to_forward_path`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::Mailbox;
    /// let mailbox = Mailbox::parse("Jane <jane@example.com>")?;
    /// assert_eq!(mailbox.to_forward_path()?.to_string(), "<jane@example.com>");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_forward_path(&self) -> Result<ForwardPath<'_>, EnvelopeError> {
        self.addr_spec.to_forward_path()
    }
}

// ----- paths -----

/// The argument of `MAIL FROM:` (RFC 5321 §4.1.2): a path, or `<>` for the null sender.
///
/// # Examples
///
/// ```
/// use mail_envelope::ReversePath;
///
/// assert_eq!(ReversePath::parse("<>")?, ReversePath::Null);
/// let path = ReversePath::parse("<@relay.example:user@example.com>")?;
/// assert_eq!(path.to_string(), "<user@example.com>"); // the source route is dropped
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReversePath<'a> {
    /// `<>`: the null reverse-path of bounces and auto-replies (RFC 5321 §4.5.5).
    Null,
    /// A mailbox.
    Path(AddrSpec<'a>),
}

/// The argument of `RCPT TO:` (RFC 5321 §4.1.2): a path, or `<Postmaster>` with no domain.
///
/// # Examples
///
/// ```
/// use mail_envelope::ForwardPath;
///
/// assert_eq!(ForwardPath::parse("<postmaster>")?, ForwardPath::Postmaster);
/// assert_eq!(ForwardPath::parse("<jane@example.com>")?.to_string(), "<jane@example.com>");
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ForwardPath<'a> {
    /// `<Postmaster>` (any case), which every server must accept (RFC 5321 §4.5.1).
    Postmaster,
    /// A mailbox.
    Path(AddrSpec<'a>),
}

macro_rules! path_entry_points {
    ($ty:ident, $what:literal, $example:literal, $convert:expr) => {
        impl<'a> $ty<'a> {
            #[doc = concat!("Parses ", $what, " with the given options.")]
            ///
            /// # Errors
            ///
            /// As [`parse`](Self::parse).
            ///
            /// # Examples
            ///
            /// ```
            /// use mail_envelope::{ParseOptions, Strictness};
            /// let lenient = ParseOptions::default().strictness(Strictness::Lenient);
            #[doc = concat!("assert!(mail_envelope::", stringify!($ty), "::parse_with(\"jane@example.com\", &lenient).is_ok());")]
            /// ```
            pub fn parse_with(input: &'a str, options: &ParseOptions) -> Result<Self, ParseError> {
                let fast = (parse::fast::scan_whole_path, parse::fast::build_whole_path);
                let path = parse::run(input, options, false, fast, |ctx, i| path::path(ctx, i), |_| Ok(()))?;
                let convert: fn(path::AnyPath<'a>) -> Result<Self, crate::ErrorKind> = $convert;
                convert(path).map_err(|kind| ParseError::at(kind, input, 0))
            }
        }

        conversions!(
            $ty,
            $what,
            $example,
            "A [`ParseError`] with the byte offset where the input stops being a valid path; RFC 5321 \
             limits (local part 64, domain 255, path 256 octets) are errors here."
        );
    };
}

/// A path whose command is not known (RFC 5321 §4.1.2): what `Reverse-path` and `Forward-path`
/// accept together, for text such as a log line or a configuration value that may be either.
///
/// # Examples
///
/// ```
/// use mail_envelope::SmtpPath;
///
/// assert_eq!(SmtpPath::parse("<>")?, SmtpPath::Null);
/// assert_eq!(SmtpPath::parse("<POSTMASTER>")?.to_string(), "<Postmaster>");
/// let path = SmtpPath::parse("<@relay.example:user@example.com>")?;
/// assert_eq!(path.to_string(), "<user@example.com>"); // the source route is dropped
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SmtpPath<'a> {
    /// `<>`: the null path, valid only as a reverse-path (RFC 5321 §4.5.5).
    Null,
    /// `<Postmaster>` (any case), valid only as a forward-path (RFC 5321 §4.5.1).
    Postmaster,
    /// A mailbox, valid as either.
    Path(AddrSpec<'a>),
}

path_entry_points!(
    ReversePath,
    "an RFC 5321 Reverse-path",
    "\"<jane@example.com>\"",
    |p| match p {
        path::AnyPath::Null => Ok(ReversePath::Null),
        path::AnyPath::Postmaster => Err(crate::ErrorKind::UnexpectedPostmaster),
        path::AnyPath::Mailbox(a) => Ok(ReversePath::Path(a)),
    }
);

path_entry_points!(
    ForwardPath,
    "an RFC 5321 Forward-path",
    "\"<jane@example.com>\"",
    |p| match p {
        path::AnyPath::Null => Err(crate::ErrorKind::UnexpectedNullPath),
        path::AnyPath::Postmaster => Ok(ForwardPath::Postmaster),
        path::AnyPath::Mailbox(a) => Ok(ForwardPath::Path(a)),
    }
);

path_entry_points!(
    SmtpPath,
    "an RFC 5321 Reverse-path or Forward-path",
    "\"<jane@example.com>\"",
    |p| Ok(match p {
        path::AnyPath::Null => SmtpPath::Null,
        path::AnyPath::Postmaster => SmtpPath::Postmaster,
        path::AnyPath::Mailbox(a) => SmtpPath::Path(a),
    })
);

impl<'a> ReversePath<'a> {
    /// The path's addr-spec, `None` for `<>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::ReversePath;
    /// let path = ReversePath::parse("<@relay.example:jane@example.com>")?;
    /// assert_eq!(path.addr_spec().unwrap().to_string(), "jane@example.com");
    /// assert!(ReversePath::parse("<>")?.addr_spec().is_none());
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn addr_spec(&self) -> Option<&AddrSpec<'a>> {
        match self {
            ReversePath::Null => None,
            ReversePath::Path(a) => Some(a),
        }
    }

    /// The path as a mailbox without a display name, `None` for `<>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::ReversePath;
    /// let path = ReversePath::parse("<jane@example.com>")?;
    /// assert_eq!(path.to_mailbox().unwrap().to_string(), "jane@example.com");
    /// assert!(ReversePath::Null.to_mailbox().is_none());
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn to_mailbox(&self) -> Option<Mailbox<'_>> {
        self.addr_spec().map(|a| Mailbox::from(a.reborrow()))
    }

    /// Whether sending this path needs SMTPUTF8 (RFC 6531).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::ReversePath;
    /// assert!(ReversePath::parse("<用户@example.com>")?.needs_smtputf8());
    /// assert!(!ReversePath::parse("<user@example.com>")?.needs_smtputf8());
    /// assert!(!ReversePath::parse("<>")?.needs_smtputf8());
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn needs_smtputf8(&self) -> bool {
        self.addr_spec().is_some_and(AddrSpec::needs_smtputf8)
    }

    /// Converts into a value that owns its text.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::ReversePath;
    /// let input = String::from("<\"jane\"@example.com>");
    /// let path: ReversePath<'static> = ReversePath::parse(&input)?.into_owned();
    /// drop(input);
    /// assert_eq!(path.to_string(), "<jane@example.com>");
    /// assert_eq!(path, ReversePath::parse("<jane@example.com>")?);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn into_owned(self) -> ReversePath<'static> {
        match self {
            ReversePath::Null => ReversePath::Null,
            ReversePath::Path(a) => ReversePath::Path(a.into_owned()),
        }
    }
}

impl<'a> ForwardPath<'a> {
    /// The path's addr-spec, `None` for `<Postmaster>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::ForwardPath;
    /// // Only the bare `<Postmaster>` has no addr-spec; one with a domain is a mailbox.
    /// assert!(ForwardPath::parse("<postmaster>")?.addr_spec().is_none());
    /// let path = ForwardPath::parse("<postmaster@example.com>")?;
    /// assert_eq!(path.addr_spec().unwrap().domain().as_str(), "example.com");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn addr_spec(&self) -> Option<&AddrSpec<'a>> {
        match self {
            ForwardPath::Postmaster => None,
            ForwardPath::Path(a) => Some(a),
        }
    }

    /// Whether sending this path needs SMTPUTF8 (RFC 6531).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::ForwardPath;
    /// assert!(ForwardPath::parse("<jane@bücher.example>")?.needs_smtputf8());
    /// assert!(!ForwardPath::parse("<jane@example.com>")?.needs_smtputf8());
    /// assert!(!ForwardPath::parse("<Postmaster>")?.needs_smtputf8());
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn needs_smtputf8(&self) -> bool {
        self.addr_spec().is_some_and(AddrSpec::needs_smtputf8)
    }

    /// Converts into a value that owns its text.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::ForwardPath;
    /// let input = String::from("<@relay.example:jane@example.com>");
    /// let path: ForwardPath<'static> = ForwardPath::parse(&input)?.into_owned();
    /// drop(input);
    /// assert_eq!(path.to_string(), "<jane@example.com>");
    /// assert_eq!(path, ForwardPath::parse("<jane@example.com>")?);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn into_owned(self) -> ForwardPath<'static> {
        match self {
            ForwardPath::Postmaster => ForwardPath::Postmaster,
            ForwardPath::Path(a) => ForwardPath::Path(a.into_owned()),
        }
    }
}

impl<'a> SmtpPath<'a> {
    /// The path's addr-spec, `None` for `<>` and `<Postmaster>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::SmtpPath;
    /// let path = SmtpPath::parse("<jane@example.com>")?;
    /// assert_eq!(path.addr_spec().unwrap().local_part().value(), "jane");
    /// assert!(SmtpPath::Postmaster.addr_spec().is_none());
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn addr_spec(&self) -> Option<&AddrSpec<'a>> {
        match self {
            SmtpPath::Null | SmtpPath::Postmaster => None,
            SmtpPath::Path(a) => Some(a),
        }
    }

    /// Whether sending this path needs SMTPUTF8 (RFC 6531).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::SmtpPath;
    /// assert!(SmtpPath::parse("<用户@example.com>")?.needs_smtputf8());
    /// assert!(!SmtpPath::parse("<>")?.needs_smtputf8());
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn needs_smtputf8(&self) -> bool {
        self.addr_spec().is_some_and(AddrSpec::needs_smtputf8)
    }

    /// Converts into a value that owns its text.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::SmtpPath;
    /// let owned: SmtpPath<'static> = SmtpPath::parse(&String::from("<jane@example.com>"))?.into_owned();
    /// assert_eq!(owned.to_string(), "<jane@example.com>");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn into_owned(self) -> SmtpPath<'static> {
        match self {
            SmtpPath::Null => SmtpPath::Null,
            SmtpPath::Postmaster => SmtpPath::Postmaster,
            SmtpPath::Path(a) => SmtpPath::Path(a.into_owned()),
        }
    }
}

impl<'a> From<ReversePath<'a>> for SmtpPath<'a> {
    fn from(path: ReversePath<'a>) -> Self {
        match path {
            ReversePath::Null => SmtpPath::Null,
            ReversePath::Path(a) => SmtpPath::Path(a),
        }
    }
}

impl<'a> From<ForwardPath<'a>> for SmtpPath<'a> {
    fn from(path: ForwardPath<'a>) -> Self {
        match path {
            ForwardPath::Postmaster => SmtpPath::Postmaster,
            ForwardPath::Path(a) => SmtpPath::Path(a),
        }
    }
}

impl fmt::Display for SmtpPath<'_> {
    /// `<>`, `<Postmaster>` or `<addr-spec>` in canonical form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmtpPath::Null => f.write_str("<>"),
            SmtpPath::Postmaster => f.write_str("<Postmaster>"),
            SmtpPath::Path(a) => write!(f, "<{a}>"),
        }
    }
}

impl fmt::Display for ReversePath<'_> {
    /// `<>` or `<addr-spec>` in canonical form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReversePath::Null => f.write_str("<>"),
            ReversePath::Path(a) => write!(f, "<{a}>"),
        }
    }
}

impl fmt::Display for ForwardPath<'_> {
    /// `<Postmaster>` or `<addr-spec>` in canonical form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ForwardPath::Postmaster => f.write_str("<Postmaster>"),
            ForwardPath::Path(a) => write!(f, "<{a}>"),
        }
    }
}

/// The envelope of one SMTP transaction: one reverse-path and at least one forward-path.
///
/// # Examples
///
/// ```
/// use mail_envelope::{Envelope, Mailbox};
///
/// let from = Mailbox::parse("Ops <ops@example.com>")?;
/// let to = Mailbox::parse("Jane <jane@example.com>")?;
/// let envelope = Envelope::new(from.to_reverse_path()?, vec![to.to_forward_path()?]).unwrap();
/// assert_eq!(envelope.reverse_path().to_string(), "<ops@example.com>");
/// assert_eq!(envelope.forward_paths().len(), 1);
/// assert!(Envelope::new(from.to_reverse_path()?, vec![]).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Envelope<'a> {
    reverse_path: ReversePath<'a>,
    forward_paths: Vec<ForwardPath<'a>>,
}

impl<'a> Envelope<'a> {
    /// Builds an envelope; `None` when there is no forward-path.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Envelope, ForwardPath, ReversePath};
    /// let to = ForwardPath::parse("<jane@example.com>")?;
    /// assert!(Envelope::new(ReversePath::Null, vec![to]).is_some());
    /// assert!(Envelope::new(ReversePath::Null, vec![]).is_none());
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn new(reverse_path: ReversePath<'a>, forward_paths: Vec<ForwardPath<'a>>) -> Option<Self> {
        (!forward_paths.is_empty()).then_some(Self {
            reverse_path,
            forward_paths,
        })
    }

    /// The reverse-path (`MAIL FROM:`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Envelope, ForwardPath, ReversePath};
    /// let to = ForwardPath::parse("<jane@example.com>")?;
    /// let envelope = Envelope::new(ReversePath::parse("<>")?, vec![to]).unwrap();
    /// assert_eq!(envelope.reverse_path(), &ReversePath::Null);
    /// assert_eq!(envelope.reverse_path().to_string(), "<>");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn reverse_path(&self) -> &ReversePath<'a> {
        &self.reverse_path
    }

    /// The forward-paths (`RCPT TO:`), never empty.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Envelope, ForwardPath, ReversePath};
    /// let to = vec![ForwardPath::parse("<jane@example.com>")?, ForwardPath::parse("<Postmaster>")?];
    /// let envelope = Envelope::new(ReversePath::parse("<ops@example.com>")?, to).unwrap();
    /// let rcpt: Vec<String> = envelope.forward_paths().iter().map(ToString::to_string).collect();
    /// assert_eq!(rcpt, ["<jane@example.com>", "<Postmaster>"]);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn forward_paths(&self) -> &[ForwardPath<'a>] {
        &self.forward_paths
    }

    /// Whether any path needs SMTPUTF8 (RFC 6531 §3.4: then `MAIL FROM` carries `SMTPUTF8`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Envelope, ForwardPath, ReversePath};
    /// let from = ReversePath::parse("<ops@example.com>")?;
    /// let ascii = Envelope::new(from.clone(), vec![ForwardPath::parse("<jane@example.com>")?]).unwrap();
    /// assert!(!ascii.needs_smtputf8());
    /// // One non-ASCII recipient is enough.
    /// let to = vec![ForwardPath::parse("<jane@example.com>")?, ForwardPath::parse("<用户@example.com>")?];
    /// assert!(Envelope::new(from, to).unwrap().needs_smtputf8());
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn needs_smtputf8(&self) -> bool {
        self.reverse_path.needs_smtputf8() || self.forward_paths.iter().any(ForwardPath::needs_smtputf8)
    }

    /// Converts into a value that owns its text.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Envelope, ForwardPath, ReversePath};
    /// let (from, to) = (String::from("<ops@example.com>"), String::from("<jane@example.com>"));
    /// let envelope = Envelope::new(ReversePath::parse(&from)?, vec![ForwardPath::parse(&to)?]).unwrap();
    /// let owned: Envelope<'static> = envelope.into_owned();
    /// drop((from, to));
    /// assert_eq!(owned.reverse_path().to_string(), "<ops@example.com>");
    /// assert_eq!(owned.forward_paths()[0].to_string(), "<jane@example.com>");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn into_owned(self) -> Envelope<'static> {
        Envelope {
            reverse_path: self.reverse_path.into_owned(),
            forward_paths: self.forward_paths.into_iter().map(ForwardPath::into_owned).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{AddrSpec, Diagnosis, EnvelopeErrorKind};

    #[test]
    fn u_labels_take_letters_but_not_controls_spaces_or_invisible_characters() {
        assert!(AddrSpec::parse("jane@bücher.example")
            .unwrap()
            .to_reverse_path()
            .is_ok());
        for domain in [
            "b\u{85}c",
            "b\u{2028}c",
            "b\u{a0}c",
            "b\u{feff}c",
            "b\u{200b}c",
            "b\u{ad}c",
        ] {
            let input = alloc::format!("jane@{domain}.example");
            let addr = AddrSpec::parse(&input).unwrap();
            assert!(addr.diagnoses().contains(Diagnosis::Rfc5322Domain), "{domain:?}");
            let err = addr.to_reverse_path().unwrap_err();
            assert_eq!(
                (err.kind(), err.offset()),
                (EnvelopeErrorKind::NotHostname, 5),
                "{domain:?}"
            );
        }
    }
}
