//! The public entry points: `parse`, `parse_with`, `parse_bytes`, `parse_bytes_with`, `FromStr` and
//! `TryFrom<&str>` for every parsed type, all through one generic [`run`]; and the conversions from
//! header addresses to RFC 5321 paths. This is the top of the library: it joins the grammar, the
//! values and the RFC 5321 checks, and nothing below it imports it.

use alloc::borrow::Cow;
use alloc::string::{String, ToString};

use crate::diagnosis::Diagnosis;
use crate::error::{EnvelopeError, EnvelopeErrorKind, ErrorKind, Hint, ParseError, RenderError};
use crate::grammar::limits::{MAX_DOMAIN, MAX_LABEL, MAX_PATH};
use crate::grammar::{self, rfc5321, rfc5322, Ctx, Reading, RuleResult};
use crate::options::{ParseOptions, Strictness};
use crate::types::address::Rating;
use crate::types::text::Text;
use crate::types::{AddrSpec, AddressList, Domain, DomainName, ForwardPath, LocalPart, Mailbox, ReversePath, SmtpPath};

/// Any error of the crate: one type for `?` across parsing, the envelope form and rendering.
/// The specific errors stay available inside, for those who match on them.
///
/// # Examples
///
/// ```
/// use mail_envelope::{Envelope, Error, ErrorKind, Mailbox, RenderOptions};
///
/// fn notify_lines(from: &str, to: &str) -> Result<(String, String, String), Error> {
///     let from = Mailbox::parse(from)?;
///     let to = Mailbox::parse(to)?;
///     let envelope = Envelope::new(from.to_reverse_path()?, vec![to.to_forward_path()?])?;
///     let header = from.to_header(&RenderOptions::default())?;
///     Ok((envelope.reverse_path().to_string(), envelope.forward_paths()[0].to_string(), header))
/// }
///
/// let (mail_from, rcpt_to, header) = notify_lines("Ops <ops@example.com>", "jane@example.com")?;
/// assert_eq!((mail_from.as_str(), rcpt_to.as_str()), ("<ops@example.com>", "<jane@example.com>"));
/// assert_eq!(header, "Ops <ops@example.com>");
///
/// let err = notify_lines("Ops <ops@example.com", "jane@example.com").unwrap_err();
/// assert!(matches!(err, Error::Parse(e) if e.kind() == ErrorKind::ExpectedAngleClose));
/// assert_eq!(err.to_string(), "expected '>' to close angle-addr at byte 20, found end of input");
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not valid syntax.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A valid address has no RFC 5321 form, or an envelope cannot be built.
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    /// A value cannot be written as a header.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// An SMTP command, reply or header cannot be built or read.
    #[error(transparent)]
    Smtp(#[from] crate::smtp::SmtpError),
    /// A policy table, identity file or header block cannot be read.
    #[error(transparent)]
    Policy(#[from] crate::policy::PolicyError),
}

/// What [`run`] needs to know of each parsed type.
trait Entry<'a>: Sized {
    /// How the grammar reads the input: as one mailbox alone, or as anything else.
    const READING: Reading = Reading::Other;

    /// Reads the input by the grammar.
    fn grammar(ctx: &Ctx<'a, '_>, input: &'a str) -> RuleResult<'a, Self>;

    /// The first addr-spec that cannot be an RFC 5321 path, which Strict mode refuses.
    fn envelope_error(&self) -> Option<EnvelopeError>;

    /// The common mistake that explains why `input` was refused, if one does.
    fn hint(_input: &str, _options: &ParseOptions) -> Option<Hint> {
        None
    }
}

/// Whether `input` is a mailbox with a display name, as a path written as `Name <addr>` (or
/// `<Name <addr>>`) is.
fn named_mailbox(input: &str) -> bool {
    let inner = input
        .strip_prefix('<')
        .and_then(|i| i.strip_suffix('>'))
        .unwrap_or(input);
    Mailbox::parse(inner).is_ok_and(|m| m.display_name().is_some())
}

/// Parses the whole of `input` as a `T`, with nothing left over, and in Strict mode only if
/// every addr-spec can be an RFC 5321 path.
#[allow(clippy::inline_always)] // the accelerated value is built where the caller keeps it
#[inline(always)]
fn run<'a, T: Entry<'a>>(input: &'a str, options: &ParseOptions) -> Result<T, ParseError> {
    let strict = options.strictness == Strictness::Strict;
    grammar::parse_whole(input, options, T::READING, T::grammar, |value| {
        let e = value.envelope_error().filter(|_| strict)?;
        Some(ParseError::at(ErrorKind::Envelope(e.kind()), input, e.offset()))
    })
    .map_err(|e| {
        let hint = match e.kind() {
            ErrorKind::Ambiguous => Some(Hint::CommaAfterGroup),
            _ => T::hint(input, options),
        };
        e.with_hint(hint)
    })
}

impl<'a> Entry<'a> for AddrSpec<'a> {
    #[allow(clippy::inline_always)] // the accelerated value is built where the caller keeps it
    #[inline(always)]
    fn grammar(ctx: &Ctx<'a, '_>, input: &'a str) -> RuleResult<'a, Self> {
        rfc5322::addr_spec(ctx, input)
    }

    fn envelope_error(&self) -> Option<EnvelopeError> {
        AddrSpec::envelope_error(self)
    }
}

impl<'a> Entry<'a> for Mailbox<'a> {
    const READING: Reading = Reading::Mailbox;

    #[allow(clippy::inline_always)] // the accelerated value is built where the caller keeps it
    #[inline(always)]
    fn grammar(ctx: &Ctx<'a, '_>, input: &'a str) -> RuleResult<'a, Self> {
        rfc5322::mailbox(ctx, input)
    }

    fn envelope_error(&self) -> Option<EnvelopeError> {
        self.addr_spec().envelope_error()
    }

    /// A display name with unquoted specials, which Lenient would take.
    fn hint(input: &str, options: &ParseOptions) -> Option<Hint> {
        if options.strictness == Strictness::Lenient {
            return None;
        }
        let lenient = options.clone().strictness(Strictness::Lenient);
        let mailbox = Mailbox::parse_with(input, &lenient).ok()?;
        let name = mailbox.display_name()?;
        name.contains([',', '.', ':', ';', '[', ']'])
            .then_some(Hint::QuoteTheDisplayName)
    }
}

impl<'a> Entry<'a> for AddressList<'a> {
    #[allow(clippy::inline_always)] // the accelerated value is built where the caller keeps it
    #[inline(always)]
    fn grammar(ctx: &Ctx<'a, '_>, input: &'a str) -> RuleResult<'a, Self> {
        rfc5322::address_list(ctx, input)
    }

    fn envelope_error(&self) -> Option<EnvelopeError> {
        self.mailboxes().find_map(|m| m.addr_spec().envelope_error())
    }

    /// A member written as a bare phrase before a name-addr (`Doe, John <j@x>`), which Lenient
    /// would join to that name.
    fn hint(input: &str, options: &ParseOptions) -> Option<Hint> {
        if options.strictness == Strictness::Lenient {
            return None;
        }
        let lenient = options.clone().strictness(Strictness::Lenient);
        let list = AddressList::parse_with(input, &lenient).ok()?;
        let joined = list
            .mailboxes()
            .any(|m| m.diagnoses().contains(Diagnosis::LenientJoinedPhrase));
        joined.then_some(Hint::QuoteTheDisplayName)
    }
}

impl<'a> Entry<'a> for SmtpPath<'a> {
    #[allow(clippy::inline_always)] // the accelerated value is built where the caller keeps it
    #[inline(always)]
    fn grammar(ctx: &Ctx<'a, '_>, input: &'a str) -> RuleResult<'a, Self> {
        rfc5321::path(ctx, input)
    }

    fn envelope_error(&self) -> Option<EnvelopeError> {
        // The path grammar refuses every addr-spec that is not RFC 5321-usable.
        None
    }

    fn hint(input: &str, _: &ParseOptions) -> Option<Hint> {
        named_mailbox(input).then_some(Hint::PathTakesNoDisplayName)
    }
}

impl<'a> Entry<'a> for ReversePath<'a> {
    #[allow(clippy::inline_always)] // the accelerated value is built where the caller keeps it
    #[inline(always)]
    fn grammar(ctx: &Ctx<'a, '_>, input: &'a str) -> RuleResult<'a, Self> {
        path_of_kind(ctx, input, ErrorKind::UnexpectedPostmaster)
    }

    fn envelope_error(&self) -> Option<EnvelopeError> {
        None
    }

    fn hint(input: &str, _: &ParseOptions) -> Option<Hint> {
        named_mailbox(input).then_some(Hint::PathTakesNoDisplayName)
    }
}

impl<'a> Entry<'a> for ForwardPath<'a> {
    #[allow(clippy::inline_always)] // the accelerated value is built where the caller keeps it
    #[inline(always)]
    fn grammar(ctx: &Ctx<'a, '_>, input: &'a str) -> RuleResult<'a, Self> {
        path_of_kind(ctx, input, ErrorKind::UnexpectedNullPath)
    }

    fn envelope_error(&self) -> Option<EnvelopeError> {
        None
    }

    fn hint(input: &str, _: &ParseOptions) -> Option<Hint> {
        named_mailbox(input).then_some(Hint::PathTakesNoDisplayName)
    }
}

/// A path of one kind: `wrong` when it is the other kind's (`<Postmaster>` for a reverse-path,
/// `<>` for a forward-path). Those are read only as the whole input, so the error is at its start.
fn path_of_kind<'a, P: TryFrom<SmtpPath<'a>>>(
    ctx: &Ctx<'a, '_>,
    input: &'a str,
    wrong: ErrorKind,
) -> RuleResult<'a, P> {
    let (rest, path) = rfc5321::path(ctx, input)?;
    match P::try_from(path) {
        Ok(path) => Ok((rest, path)),
        Err(_) => grammar::cut(input, wrong),
    }
}

impl AddrSpec<'_> {
    /// Builds an addr-spec from a local part's value (quoted as needed) and a domain.
    ///
    /// # Errors
    ///
    /// A [`ParseError`] if the local part holds CR, LF or NUL or the domain is not a valid
    /// domain; its offset is into the text `local@domain` with the local part in canonical form.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// let addr = AddrSpec::new("john doe", "example.com")?;
    /// assert_eq!(addr.to_string(), "\"john doe\"@example.com");
    /// // A domain is a domain: no comments, no white space.
    /// assert!(AddrSpec::new("john", "example.com (work)").is_err());
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn new(local_part: &str, domain: &str) -> Result<AddrSpec<'static>, ParseError> {
        let local = LocalPart::from_text(Text::verbatim(local_part, 0));
        let text = alloc::format!("{local}@{domain}");
        let addr = AddrSpec::parse(&text)?;
        // The grammar allows CFWS around the domain; a domain given on its own must be just that.
        let at = text.len() - domain.len();
        let parsed = addr.domain();
        if parsed.offset() != at || parsed.as_str().len() != domain.len() {
            let bad = if parsed.offset() == at {
                at + parsed.as_str().len()
            } else {
                at
            };
            return Err(ParseError::at(ErrorKind::ExpectedDomain, &text, bad));
        }
        Ok(addr.into_owned())
    }

    /// Checks that this addr-spec can be an RFC 5321 path.
    fn check_smtp(&self) -> Result<(), EnvelopeError> {
        self.envelope_error().map_or(Ok(()), Err)
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
        self.to_ascii().map(|ascii| ascii.to_string())
    }

    /// This addr-spec with its domain in A-labels, checked against the RFC 5321 limits again
    /// (an A-label is longer than its U-label). The part that stays is borrowed.
    fn to_ascii(&self) -> Result<AddrSpec<'_>, EnvelopeError> {
        self.check_smtp()?;
        let local = self.local_part();
        if !local.value().is_ascii() {
            return Err(EnvelopeError::new(EnvelopeErrorKind::NonAsciiLocalPart, local.offset()));
        }
        let Domain::Name(name) = self.domain() else {
            return Ok(self.reborrow());
        };
        let offset = self.domain().offset();
        let ascii = match name.to_ascii()? {
            Cow::Borrowed(_) => return Ok(self.reborrow()),
            Cow::Owned(ascii) => ascii,
        };
        if ascii.len() > MAX_DOMAIN {
            return Err(EnvelopeError::new(EnvelopeErrorKind::DomainTooLong, offset));
        }
        if ascii.split('.').any(|l| l.len() > MAX_LABEL) {
            return Err(EnvelopeError::new(EnvelopeErrorKind::LabelTooLong, offset));
        }
        if local.canonical_len() + 1 + ascii.len() + 2 > MAX_PATH {
            return Err(EnvelopeError::new(EnvelopeErrorKind::PathTooLong, local.offset()));
        }
        let domain = Domain::Name(DomainName::from_text(Text::new(ascii.clone(), ascii, offset)));
        let rating = Rating {
            diagnoses: self.diagnoses(),
            envelope_error: None,
        };
        Ok(AddrSpec::from_parts(local.reborrow(), domain, rating, None))
    }
}

impl ReversePath<'_> {
    /// The same path with its domain in A-labels: what a client sends as `MAIL FROM` when the
    /// server does not offer SMTPUTF8 (RFC 6531 §3.2: there is no silent downgrade).
    ///
    /// # Errors
    ///
    /// As [`AddrSpec::to_ascii_string`]: [`EnvelopeErrorKind::NonAsciiLocalPart`] when the local
    /// part is not ASCII (it has no ASCII form), [`EnvelopeErrorKind::NoAsciiDomain`] when the
    /// domain has no A-label form, and the RFC 5321 limits measured on the A-labels.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{EnvelopeErrorKind, ReversePath};
    /// # #[cfg(feature = "idna")]
    /// assert_eq!(ReversePath::parse("<jörg@bücher.example>")?.to_ascii().unwrap_err().kind(), EnvelopeErrorKind::NonAsciiLocalPart);
    /// # #[cfg(feature = "idna")]
    /// assert_eq!(ReversePath::parse("<joerg@bücher.example>")?.to_ascii()?.to_string(), "<joerg@xn--bcher-kva.example>");
    /// assert_eq!(ReversePath::parse("<>")?.to_ascii()?, ReversePath::Null);
    /// # Ok::<(), mail_envelope::Error>(())
    /// ```
    pub fn to_ascii(&self) -> Result<ReversePath<'_>, EnvelopeError> {
        match self {
            ReversePath::Null => Ok(ReversePath::Null),
            ReversePath::Path(addr) => addr.to_ascii().map(ReversePath::Path),
        }
    }
}

impl ForwardPath<'_> {
    /// The same path with its domain in A-labels: what a client sends as `RCPT TO` when the
    /// server does not offer SMTPUTF8 (RFC 6531 §3.2: there is no silent downgrade).
    ///
    /// # Errors
    ///
    /// As [`ReversePath::to_ascii`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::ForwardPath;
    /// # #[cfg(feature = "idna")]
    /// assert_eq!(ForwardPath::parse("<jane@例子.测试>")?.to_ascii()?.to_string(), "<jane@xn--fsqu00a.xn--0zwm56d>");
    /// assert_eq!(ForwardPath::parse("<Postmaster>")?.to_ascii()?, ForwardPath::Postmaster);
    /// assert!(ForwardPath::parse("<用户@example.com>")?.to_ascii().is_err());
    /// # Ok::<(), mail_envelope::Error>(())
    /// ```
    pub fn to_ascii(&self) -> Result<ForwardPath<'_>, EnvelopeError> {
        match self {
            ForwardPath::Postmaster => Ok(ForwardPath::Postmaster),
            ForwardPath::Path(addr) => addr.to_ascii().map(ForwardPath::Path),
        }
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
        self.addr_spec().to_reverse_path()
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
        self.addr_spec().to_forward_path()
    }
}

macro_rules! entry_points {
    ($ty:ident, $what:literal, $example:literal, $errors:literal) => {
        impl<'a> $ty<'a> {
            #[doc = concat!("Parses ", $what, " with the given options.")]
            ///
            /// # Errors
            ///
            #[doc = $errors]
            ///
            /// # Examples
            ///
            /// ```
            /// use mail_envelope::{ParseOptions, Strictness};
            /// let strict = ParseOptions::default().strictness(Strictness::Strict);
            #[doc = concat!("assert!(mail_envelope::", stringify!($ty), "::parse_with(", $example, ", &strict).is_ok());")]
            /// ```
            pub fn parse_with(input: &'a str, options: &ParseOptions) -> Result<Self, ParseError> {
                run(input, options)
            }

            #[doc = concat!("Parses ", $what, " with the default [`ParseOptions`](crate::ParseOptions).")]
            ///
            /// # Errors
            ///
            #[doc = $errors]
            ///
            /// # Examples
            ///
            /// ```
            #[doc = concat!("let value = mail_envelope::", stringify!($ty), "::parse(", $example, ")?;")]
            #[doc = concat!("assert_eq!(mail_envelope::", stringify!($ty), "::parse(&value.to_string())?, value);")]
            /// # Ok::<(), mail_envelope::ParseError>(())
            /// ```
            pub fn parse(input: &'a str) -> Result<Self, $crate::ParseError> {
                Self::parse_with(input, &$crate::ParseOptions::default())
            }

            #[doc = concat!("Parses ", $what, " from bytes, which must be UTF-8.")]
            ///
            /// # Errors
            ///
            /// [`ErrorKind::InvalidUtf8`](crate::ErrorKind::InvalidUtf8) at the first byte that is
            /// not UTF-8, or any error of [`parse`](Self::parse).
            ///
            /// # Examples
            ///
            /// ```
            #[doc = concat!("assert!(mail_envelope::", stringify!($ty), "::parse_bytes(", $example, ".as_bytes()).is_ok());")]
            #[doc = concat!("let err = mail_envelope::", stringify!($ty), "::parse_bytes(b\"a\\xff@example.com\").unwrap_err();")]
            /// assert_eq!(err.offset(), 1);
            /// ```
            pub fn parse_bytes(input: &'a [u8]) -> Result<Self, $crate::ParseError> {
                Self::parse_bytes_with(input, &$crate::ParseOptions::default())
            }

            #[doc = concat!("Parses ", $what, " from bytes, which must be UTF-8, with the given options.")]
            ///
            /// # Errors
            ///
            /// [`ErrorKind::InvalidUtf8`](crate::ErrorKind::InvalidUtf8) at the first byte that is
            /// not UTF-8, or any error of [`parse_with`](Self::parse_with).
            ///
            /// # Examples
            ///
            /// ```
            /// use mail_envelope::{ParseOptions, Strictness};
            /// let strict = ParseOptions::default().strictness(Strictness::Strict);
            #[doc = concat!("assert!(mail_envelope::", stringify!($ty), "::parse_bytes_with(", $example, ".as_bytes(), &strict).is_ok());")]
            /// ```
            pub fn parse_bytes_with(
                input: &'a [u8],
                options: &$crate::ParseOptions,
            ) -> Result<Self, $crate::ParseError> {
                Self::parse_with(grammar::from_utf8(input)?, options)
            }
        }

        impl core::str::FromStr for $ty<'static> {
            type Err = $crate::ParseError;

            fn from_str(s: &str) -> Result<Self, $crate::ParseError> {
                $ty::parse(s).map($ty::into_owned)
            }
        }

        impl<'a> TryFrom<&'a str> for $ty<'a> {
            type Error = $crate::ParseError;

            fn try_from(s: &'a str) -> Result<Self, $crate::ParseError> {
                $ty::parse(s)
            }
        }
    };
}

entry_points!(
    AddrSpec,
    "an RFC 5322 addr-spec",
    "\"jane@example.com\"",
    "A [`ParseError`] with the byte offset where the input stops being valid."
);
entry_points!(
    Mailbox,
    "an RFC 5322 mailbox",
    "\"Jane Doe <jane@example.com>\"",
    "A [`ParseError`] with the byte offset where the input stops being valid."
);
entry_points!(
    AddressList,
    "an RFC 5322 address-list",
    "\"a@example.com, Team: b@example.com;\"",
    "A [`ParseError`] with the byte offset where the input stops being valid."
);
entry_points!(
    ReversePath,
    "an RFC 5321 Reverse-path",
    "\"<jane@example.com>\"",
    "A [`ParseError`] with the byte offset where the input stops being a valid path; RFC 5321 \
     limits (local part 64, domain 255, path 256 octets) are errors here."
);
entry_points!(
    ForwardPath,
    "an RFC 5321 Forward-path",
    "\"<jane@example.com>\"",
    "A [`ParseError`] with the byte offset where the input stops being a valid path; RFC 5321 \
     limits (local part 64, domain 255, path 256 octets) are errors here."
);
entry_points!(
    SmtpPath,
    "an RFC 5321 Reverse-path or Forward-path",
    "\"<jane@example.com>\"",
    "A [`ParseError`] with the byte offset where the input stops being a valid path; RFC 5321 \
     limits (local part 64, domain 255, path 256 octets) are errors here."
);
