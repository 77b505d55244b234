//! The header-form types: [`AddrSpec`], [`LocalPart`], [`Mailbox`], [`Group`], [`Address`] and
//! [`AddressList`] (RFC 5322 §3.4), each with its parse entry points.

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::fmt;
use core::hash::{Hash, Hasher};

use crate::diagnosis::{Category, Diagnoses};
use crate::domain::Domain;
use crate::error::{EnvelopeError, ErrorKind, ParseError};
use crate::options::ParseOptions;
use crate::parse::{self, rfc5322, Ctx, PResult};

/// Defines `parse_with` for a borrowed type through one grammar entry point, and with it the
/// conversions of `conversions!`.
macro_rules! entry_points {
    ($ty:ident, $what:literal, $example:literal, $single:expr, $fast:expr, $parser:expr, $check:expr) => {
        impl<'a> $ty<'a> {
            #[doc = concat!("Parses ", $what, " with the given options.")]
            ///
            /// # Errors
            ///
            /// A [`ParseError`] with the byte offset where the input stops being valid.
            ///
            /// # Examples
            ///
            /// ```
            /// use mail_envelope::{ParseOptions, Strictness};
            /// let strict = ParseOptions::default().strictness(Strictness::Strict);
            #[doc = concat!("assert!(mail_envelope::", stringify!($ty), "::parse_with(", $example, ", &strict).is_ok());")]
            /// ```
            pub fn parse_with(input: &'a str, options: &ParseOptions) -> Result<Self, ParseError> {
                parse::run(input, options, $single, $fast, $parser, $check)
            }
        }

        conversions!($ty, $what, $example, "A [`ParseError`] with the byte offset where the input stops being valid.");
    };
}

// ----- LocalPart -----

/// The local part of an addr-spec.
///
/// Its value is the semantic one (quotes removed, quoted-pairs undone; case-sensitive, RFC 5321
/// §2.4); [`Display`](fmt::Display) writes the canonical RFC 5321 §4.1.2 form: a `Dot-string` when
/// the value is one, otherwise a `Quoted-string` escaping only `"` and `\`.
///
/// # Examples
///
/// ```
/// use mail_envelope::AddrSpec;
///
/// let addr = AddrSpec::parse(r#""john\.doe"@example.com"#)?;
/// assert_eq!(addr.local_part().value(), "john.doe");
/// assert_eq!(addr.local_part().as_str(), r#""john\.doe""#);
/// assert_eq!(addr.local_part().to_string(), "john.doe");
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone)]
pub struct LocalPart<'a> {
    pub(crate) raw: Cow<'a, str>,
    pub(crate) value: Cow<'a, str>,
    pub(crate) offset: usize,
}

impl LocalPart<'_> {
    /// The local part as parsed (quotes and escapes kept, outer CFWS dropped).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// let addr = AddrSpec::parse(r#""a\"b"@x.example"#)?;
    /// assert_eq!(addr.local_part().as_str(), r#""a\"b""#);
    /// assert_eq!(addr.local_part().value(), r#"a"b"#);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The semantic value.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// // Quotes removed, quoted-pairs undone, case kept.
    /// assert_eq!(AddrSpec::parse(r#""a\"b"@x.example"#)?.local_part().value(), r#"a"b"#);
    /// assert_eq!(AddrSpec::parse(r#""John"@x.example"#)?.local_part().value(), "John");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Whether the canonical form must be a quoted-string (the value is no dot-atom-text).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// assert!(AddrSpec::parse(r#""john doe"@x.example"#)?.local_part().needs_quotes());
    /// // Quoted in the input, but its value is a dot-atom: the canonical form drops the quotes.
    /// let addr = AddrSpec::parse(r#""john.doe"@x.example"#)?;
    /// assert!(!addr.local_part().needs_quotes());
    /// assert_eq!(addr.to_string(), "john.doe@x.example");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn needs_quotes(&self) -> bool {
        !parse::chars::is_dot_atom_text(&self.value)
    }

    /// The byte offset where the local part starts in the text it was parsed from.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::Mailbox;
    /// let input = "Jane <jane@example.com>";
    /// let offset = Mailbox::parse(input)?.addr_spec().local_part().offset();
    /// assert_eq!(offset, 6);
    /// assert_eq!(&input[offset..], "jane@example.com>");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Converts into a value that owns its text.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddrSpec, LocalPart};
    /// let input = String::from(r#""a\"b"@x.example"#);
    /// let local: LocalPart<'static> = AddrSpec::parse(&input)?.local_part().clone().into_owned();
    /// drop(input);
    /// assert_eq!((local.as_str(), local.value()), (r#""a\"b""#, r#"a"b"#));
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn into_owned(self) -> LocalPart<'static> {
        LocalPart {
            raw: Cow::Owned(self.raw.into_owned()),
            value: Cow::Owned(self.value.into_owned()),
            offset: self.offset,
        }
    }

    fn reborrow(&self) -> LocalPart<'_> {
        LocalPart {
            raw: Cow::Borrowed(&self.raw),
            value: Cow::Borrowed(&self.value),
            offset: self.offset,
        }
    }
}

impl PartialEq for LocalPart<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for LocalPart<'_> {}

impl Hash for LocalPart<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl fmt::Display for LocalPart<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.needs_quotes() {
            crate::header::write_quoted(f, &self.value)
        } else {
            f.write_str(&self.value)
        }
    }
}

// ----- AddrSpec -----

/// An addr-spec, `local-part "@" domain` (RFC 5322 §3.4.1): the address without a display name.
///
/// # Examples
///
/// ```
/// use mail_envelope::{AddrSpec, Category};
///
/// let addr = AddrSpec::parse("john.doe @ example.com (work)")?;
/// assert_eq!(addr.local_part().value(), "john.doe");
/// assert_eq!(addr.domain().as_str(), "example.com");
/// assert_eq!(addr.to_string(), "john.doe@example.com");
/// assert_eq!(addr.category(), Category::Deprecated); // CFWS next to '@'
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone)]
pub struct AddrSpec<'a> {
    pub(crate) local_part: LocalPart<'a>,
    pub(crate) domain: Domain<'a>,
    pub(crate) diagnoses: Diagnoses,
    /// Why this is not an RFC 5321 path, decided once when the value is built.
    pub(crate) envelope_error: Option<EnvelopeError>,
    /// The source text, when it is already the canonical form (then `Display` writes it whole).
    pub(crate) canonical: Option<Cow<'a, str>>,
}

fn addr_spec_entry<'a>(ctx: &Ctx<'a, '_>, input: &'a str) -> PResult<'a, AddrSpec<'a>> {
    rfc5322::addr_spec(ctx, input)
}

entry_points!(
    AddrSpec,
    "an RFC 5322 addr-spec",
    "\"jane@example.com\"",
    false,
    (parse::fast::scan_whole_addr_spec, parse::fast::build_whole_addr_spec),
    addr_spec_entry,
    AddrSpec::check_smtp
);

impl<'a> AddrSpec<'a> {
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
        let local = LocalPart {
            raw: Cow::Borrowed(local_part),
            value: Cow::Borrowed(local_part),
            offset: 0,
        };
        let text = alloc::format!("{local}@{domain}");
        let addr = AddrSpec::parse(&text)?;
        // The grammar allows CFWS around the domain; a domain given on its own must be just that.
        let at = text.len() - domain.len();
        if addr.domain.offset() != at || addr.domain.as_str().len() != domain.len() {
            let bad = if addr.domain.offset() == at {
                at + addr.domain.as_str().len()
            } else {
                at
            };
            return Err(ParseError::at(ErrorKind::ExpectedDomain, &text, bad));
        }
        Ok(addr.into_owned())
    }

    /// The local part.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// let addr = AddrSpec::parse("John.Doe@example.com")?;
    /// assert_eq!(addr.local_part().value(), "John.Doe");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn local_part(&self) -> &LocalPart<'a> {
        &self.local_part
    }

    /// The domain.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddrSpec, Domain};
    /// assert!(matches!(AddrSpec::parse("jane@[192.0.2.1]")?.domain(), Domain::Literal(_)));
    /// assert_eq!(AddrSpec::parse("jane@example.com")?.domain().as_str(), "example.com");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn domain(&self) -> &Domain<'a> {
        &self.domain
    }

    /// The findings about this addr-spec.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddrSpec, Diagnosis};
    /// let diagnoses = AddrSpec::parse(r#""jane"@example.com"#)?.diagnoses();
    /// assert_eq!(diagnoses.iter().collect::<Vec<_>>(), [Diagnosis::Rfc5321QuotedString]);
    /// assert!(AddrSpec::parse("jane@example.com")?.diagnoses().is_empty());
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn diagnoses(&self) -> Diagnoses {
        self.diagnoses
    }

    /// The most severe category among the findings.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddrSpec, Category};
    /// assert_eq!(AddrSpec::parse("jane@example.com")?.category(), Category::Valid);
    /// assert_eq!(AddrSpec::parse(r#""jane"@example.com"#)?.category(), Category::Rfc5321);
    /// assert_eq!(AddrSpec::parse("jane@[not a literal]")?.category(), Category::Rfc5322);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn category(&self) -> Category {
        self.diagnoses.category()
    }

    /// Whether the envelope form needs the SMTPUTF8 extension (RFC 6531): any non-ASCII text.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// assert!(AddrSpec::parse("用户@example.com")?.needs_smtputf8());
    /// assert!(!AddrSpec::parse("user@example.com")?.needs_smtputf8());
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn needs_smtputf8(&self) -> bool {
        !self.local_part.value.is_ascii() || !self.domain.is_ascii()
    }

    /// Converts into a value that owns its text.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// let input = String::from("jane @ example.com (work)");
    /// let addr: AddrSpec<'static> = AddrSpec::parse(&input)?.into_owned();
    /// drop(input);
    /// assert_eq!(addr.to_string(), "jane@example.com");
    /// assert_eq!(addr, AddrSpec::parse("jane@example.com")?);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn into_owned(self) -> AddrSpec<'static> {
        AddrSpec {
            local_part: self.local_part.into_owned(),
            domain: self.domain.into_owned(),
            diagnoses: self.diagnoses,
            envelope_error: self.envelope_error,
            canonical: self.canonical.map(|c| Cow::Owned(c.into_owned())),
        }
    }

    /// The text `local@domain` of `source` (which starts at byte `base` of the whole input) when
    /// it is already the canonical form: a dot-atom-text local part and a domain as written,
    /// with nothing between them but the `@`. Then [`Display`](fmt::Display) writes it whole.
    pub(crate) fn source_canonical(&self, source: &'a str, base: usize) -> Option<Cow<'a, str>> {
        let local = &self.local_part;
        let domain_len = match &self.domain {
            Domain::Name(name) if name.raw == name.value => name.raw.len(),
            Domain::Literal(literal)
                if literal.raw.strip_prefix('[').and_then(|r| r.strip_suffix(']')) == Some(&*literal.value) =>
            {
                literal.raw.len()
            }
            _ => return None,
        };
        let start = local.offset.checked_sub(base)?;
        let end = self.domain.offset().checked_sub(base)? + domain_len;
        let contiguous = self.domain.offset() == local.offset + local.raw.len() + 1;
        if !contiguous || local.raw != local.value || local.needs_quotes() {
            return None;
        }
        source.get(start..end).map(Cow::Borrowed)
    }

    pub(crate) fn reborrow(&self) -> AddrSpec<'_> {
        AddrSpec {
            local_part: self.local_part.reborrow(),
            domain: self.domain.reborrow(),
            diagnoses: self.diagnoses,
            envelope_error: self.envelope_error,
            canonical: self.canonical.as_deref().map(Cow::Borrowed),
        }
    }
}

impl PartialEq for AddrSpec<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.local_part == other.local_part && self.domain == other.domain
    }
}

impl Eq for AddrSpec<'_> {}

impl Hash for AddrSpec<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.local_part.hash(state);
        self.domain.hash(state);
    }
}

impl fmt::Display for AddrSpec<'_> {
    /// The canonical form: minimal quoting, no CFWS.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(text) = &self.canonical {
            return f.write_str(text);
        }
        fmt::Display::fmt(&self.local_part, f)?;
        f.write_str("@")?;
        fmt::Display::fmt(&self.domain, f)
    }
}

// ----- Mailbox -----

/// A mailbox: an addr-spec with an optional display name (RFC 5322 §3.4).
///
/// Comments carry no meaning (RFC 5322 §3.2.2): `jdoe@example.com (John Doe)` has no display name.
///
/// # Examples
///
/// ```
/// use mail_envelope::Mailbox;
///
/// let mailbox = Mailbox::parse("服务显示名称 <keepalived@server.example.com>")?;
/// assert_eq!(mailbox.display_name(), Some("服务显示名称"));
/// assert_eq!(mailbox.to_reverse_path()?.to_string(), "<keepalived@server.example.com>");
/// assert_eq!(Mailbox::parse("jdoe@example.com (John Doe)")?.display_name(), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Mailbox<'a> {
    pub(crate) display_name: Option<Cow<'a, str>>,
    pub(crate) addr_spec: AddrSpec<'a>,
    pub(crate) diagnoses: Diagnoses,
}

fn mailbox_entry<'a>(ctx: &Ctx<'a, '_>, input: &'a str) -> PResult<'a, Mailbox<'a>> {
    // `parse::run` has tried the fast path on the whole input already.
    rfc5322::mailbox_grammar(ctx, input)
}

entry_points!(
    Mailbox,
    "an RFC 5322 mailbox",
    "\"Jane Doe <jane@example.com>\"",
    true,
    (parse::fast::scan_whole_mailbox, parse::fast::build_whole_mailbox),
    mailbox_entry,
    Mailbox::check_smtp
);

impl<'a> Mailbox<'a> {
    /// Builds a mailbox from a display name's value and an addr-spec.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ForbiddenControl`](crate::ErrorKind::ForbiddenControl) if the display name
    /// holds CR, LF or NUL, which no header form could carry; the offset is into the display name.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddrSpec, ErrorKind, Mailbox};
    /// let mailbox = Mailbox::new(Some("Ops, Team"), AddrSpec::parse("ops@example.com")?)?;
    /// assert_eq!(mailbox.to_string(), "\"Ops, Team\" <ops@example.com>");
    ///
    /// let injected = Mailbox::new(Some("Ops\r\nBcc: x@evil.example"), AddrSpec::parse("ops@example.com")?);
    /// assert_eq!(injected.unwrap_err().kind(), ErrorKind::ForbiddenControl);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn new(display_name: Option<&'a str>, addr_spec: AddrSpec<'a>) -> Result<Self, ParseError> {
        if let Some(name) = display_name {
            if let Some(at) = name.bytes().position(|b| matches!(b, b'\r' | b'\n' | 0)) {
                return Err(ParseError::at(ErrorKind::ForbiddenControl, name, at));
            }
        }
        Ok(Self::from_parts(display_name.map(Cow::Borrowed), addr_spec))
    }

    /// A mailbox from parts already checked.
    fn from_parts(display_name: Option<Cow<'a, str>>, addr_spec: AddrSpec<'a>) -> Self {
        let diagnoses = addr_spec.diagnoses;
        Self {
            display_name,
            addr_spec,
            diagnoses,
        }
    }

    /// The display name's value (unquoted, encoded-words decoded), if there is one.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::Mailbox;
    /// assert_eq!(Mailbox::parse(r#""Doe, Jane" <jane@example.com>"#)?.display_name(), Some("Doe, Jane"));
    /// assert_eq!(Mailbox::parse("=?utf-8?q?J=C3=B6rg?= <j@example.com>")?.display_name(), Some("Jörg"));
    /// assert_eq!(Mailbox::parse("<jane@example.com>")?.display_name(), None);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn display_name(&self) -> Option<&str> {
        self.display_name.as_deref()
    }

    /// The addr-spec.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::Mailbox;
    /// let mailbox = Mailbox::parse("Jane Doe <jane@example.com>")?;
    /// assert_eq!(mailbox.addr_spec().to_string(), "jane@example.com");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn addr_spec(&self) -> &AddrSpec<'a> {
        &self.addr_spec
    }

    /// The findings about this mailbox, its addr-spec's included.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Diagnosis, Mailbox};
    /// // The obs-phrase is a finding about the mailbox, not about its addr-spec.
    /// let mailbox = Mailbox::parse("J. Smith <j@example.com>")?;
    /// assert!(mailbox.diagnoses().contains(Diagnosis::DeprecPhrase));
    /// assert!(mailbox.addr_spec().diagnoses().is_empty());
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn diagnoses(&self) -> Diagnoses {
        self.diagnoses
    }

    /// The most severe category among the findings.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Category, Mailbox};
    /// let mailbox = Mailbox::parse("J. Smith <j@example.com>")?;
    /// assert_eq!(mailbox.category(), Category::Deprecated);
    /// assert_eq!(mailbox.addr_spec().category(), Category::Valid);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn category(&self) -> Category {
        self.diagnoses.category()
    }

    /// Converts into a value that owns its text.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::Mailbox;
    /// let input = String::from("=?utf-8?q?J=C3=B6rg?= <joerg@example.com>");
    /// let mailbox: Mailbox<'static> = Mailbox::parse(&input)?.into_owned();
    /// drop(input);
    /// assert_eq!(mailbox.display_name(), Some("Jörg"));
    /// assert_eq!(mailbox, Mailbox::parse("Jörg <joerg@example.com>")?);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn into_owned(self) -> Mailbox<'static> {
        Mailbox {
            display_name: self.display_name.map(|n| Cow::Owned(n.into_owned())),
            addr_spec: self.addr_spec.into_owned(),
            diagnoses: self.diagnoses,
        }
    }

    fn check_smtp(&self) -> Result<(), EnvelopeError> {
        self.addr_spec.check_smtp()
    }
}

impl<'a> From<AddrSpec<'a>> for Mailbox<'a> {
    fn from(addr_spec: AddrSpec<'a>) -> Self {
        Mailbox::from_parts(None, addr_spec)
    }
}

impl PartialEq for Mailbox<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.display_name == other.display_name && self.addr_spec == other.addr_spec
    }
}

impl Eq for Mailbox<'_> {}

impl Hash for Mailbox<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.display_name.hash(state);
        self.addr_spec.hash(state);
    }
}

// ----- Group, Address, AddressList -----

/// A group: a display name and a possibly empty list of mailboxes (RFC 5322 §3.4).
///
/// # Examples
///
/// ```
/// use mail_envelope::{Address, AddressList};
///
/// let list = AddressList::parse("Undisclosed recipients:;")?;
/// let Address::Group(group) = &list.addresses()[0] else { unreachable!() };
/// assert_eq!(group.display_name(), "Undisclosed recipients");
/// assert!(group.members().is_empty());
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Group<'a> {
    pub(crate) display_name: Cow<'a, str>,
    pub(crate) members: Vec<Mailbox<'a>>,
}

impl<'a> Group<'a> {
    /// The group's display name.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Address, AddressList};
    /// let list = AddressList::parse(r#""Ops, Team": ops@example.com;"#)?;
    /// let Address::Group(group) = &list.addresses()[0] else { unreachable!() };
    /// assert_eq!(group.display_name(), "Ops, Team");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    /// The members, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Address, AddressList};
    /// let list = AddressList::parse("Team: a@example.com, Bob <b@example.com>;")?;
    /// let Address::Group(group) = &list.addresses()[0] else { unreachable!() };
    /// let names: Vec<_> = group.members().iter().map(|m| m.display_name()).collect();
    /// assert_eq!(names, [None, Some("Bob")]);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn members(&self) -> &[Mailbox<'a>] {
        &self.members
    }

    /// Converts into a value that owns its text.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Address, AddressList, Group};
    /// let input = String::from("Team: a@example.com, b@example.com;");
    /// let Address::Group(group) = AddressList::parse(&input)?.addresses()[0].clone() else { unreachable!() };
    /// let owned: Group<'static> = group.into_owned();
    /// drop(input);
    /// assert_eq!((owned.display_name(), owned.members().len()), ("Team", 2));
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn into_owned(self) -> Group<'static> {
        Group {
            display_name: Cow::Owned(self.display_name.into_owned()),
            members: self.members.into_iter().map(Mailbox::into_owned).collect(),
        }
    }
}

/// An address: a mailbox or a group (RFC 5322 §3.4).
///
/// # Examples
///
/// ```
/// use mail_envelope::{Address, AddressList};
/// let list = AddressList::parse("a@example.com, Team: b@example.com;")?;
/// assert!(matches!(list.addresses()[0], Address::Mailbox(_)));
/// assert!(matches!(list.addresses()[1], Address::Group(_)));
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Address<'a> {
    /// A single mailbox.
    Mailbox(Mailbox<'a>),
    /// A named group of mailboxes.
    Group(Group<'a>),
}

impl<'a> Address<'a> {
    /// The mailboxes: the one, or the group's members.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddressList;
    /// let list = AddressList::parse("a@example.com, Team: b@example.com, c@example.com;, Nobody:;")?;
    /// let counts: Vec<usize> = list.addresses().iter().map(|a| a.mailboxes().len()).collect();
    /// assert_eq!(counts, [1, 2, 0]);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn mailboxes(&self) -> &[Mailbox<'a>] {
        match self {
            Address::Mailbox(m) => core::slice::from_ref(m),
            Address::Group(g) => &g.members,
        }
    }

    /// Converts into a value that owns its text.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Address, AddressList};
    /// let input = String::from("Team: b@example.com;");
    /// let address: Address<'static> = AddressList::parse(&input)?.addresses()[0].clone().into_owned();
    /// drop(input);
    /// assert_eq!(address.to_string(), "Team: b@example.com;");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn into_owned(self) -> Address<'static> {
        match self {
            Address::Mailbox(m) => Address::Mailbox(m.into_owned()),
            Address::Group(g) => Address::Group(g.into_owned()),
        }
    }
}

/// An address-list (RFC 5322 §3.4), as in `To:` and `Cc:`.
///
/// # Examples
///
/// ```
/// use mail_envelope::AddressList;
///
/// let list = AddressList::parse(r#""Ops, Team" <ops@example.com>, jane@example.com"#)?;
/// let names: Vec<_> = list.mailboxes().map(|m| m.display_name()).collect();
/// assert_eq!(names, [Some("Ops, Team"), None]);
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone)]
pub struct AddressList<'a> {
    pub(crate) addresses: Vec<Address<'a>>,
    pub(crate) diagnoses: Diagnoses,
}

fn address_list_entry<'a>(ctx: &Ctx<'a, '_>, input: &'a str) -> PResult<'a, AddressList<'a>> {
    let (rest, addresses) = rfc5322::list(ctx, input, rfc5322::address)?;
    if addresses.is_empty() {
        return parse::fail(rest, crate::ErrorKind::ExpectedAddress);
    }
    if !rest.is_empty() {
        return parse::fail(rest, crate::ErrorKind::ExpectedComma);
    }
    Ok((
        rest,
        AddressList {
            addresses,
            diagnoses: ctx.diagnoses(),
        },
    ))
}

entry_points!(
    AddressList,
    "an RFC 5322 address-list",
    "\"a@example.com, Team: b@example.com;\"",
    false,
    parse::no_fast_path(),
    address_list_entry,
    AddressList::check_smtp
);

impl<'a> AddressList<'a> {
    /// The addresses, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddressList;
    /// let list = AddressList::parse("a@example.com, Team: b@example.com, c@example.com;")?;
    /// assert_eq!(list.addresses().len(), 2);
    /// assert_eq!(list.addresses()[1].to_string(), "Team: b@example.com, c@example.com;");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn addresses(&self) -> &[Address<'a>] {
        &self.addresses
    }

    /// Every mailbox, groups' members included, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddressList;
    /// let list = AddressList::parse("a@example.com, Team: b@example.com, c@example.com;")?;
    /// let addrs: Vec<String> = list.mailboxes().map(|m| m.addr_spec().to_string()).collect();
    /// assert_eq!(addrs, ["a@example.com", "b@example.com", "c@example.com"]);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn mailboxes(&self) -> impl Iterator<Item = &Mailbox<'a>> {
        self.addresses.iter().flat_map(Address::mailboxes)
    }

    /// The findings about the list and all its mailboxes.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddressList, Diagnosis};
    /// // An empty member is a finding about the list (obs-addr-list).
    /// let diagnoses = AddressList::parse("a@example.com, , b@example.com")?.diagnoses();
    /// assert_eq!(diagnoses.iter().collect::<Vec<_>>(), [Diagnosis::DeprecList]);
    /// // A comment in one mailbox is a finding about the list too.
    /// let diagnoses = AddressList::parse("a@example.com, b@example.com(Bob)")?.diagnoses();
    /// assert!(diagnoses.contains(Diagnosis::CfwsComment));
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn diagnoses(&self) -> Diagnoses {
        self.diagnoses
    }

    /// Converts into a value that owns its text.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddressList;
    /// let input = String::from(r#""Ops, Team" <ops@example.com>, jane@example.com"#);
    /// let list: AddressList<'static> = AddressList::parse(&input)?.into_owned();
    /// drop(input);
    /// assert_eq!(list.to_string(), r#""Ops, Team" <ops@example.com>, jane@example.com"#);
    /// assert_eq!(list.mailboxes().count(), 2);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn into_owned(self) -> AddressList<'static> {
        AddressList {
            addresses: self.addresses.into_iter().map(Address::into_owned).collect(),
            diagnoses: self.diagnoses,
        }
    }

    fn check_smtp(&self) -> Result<(), EnvelopeError> {
        self.mailboxes().try_for_each(|m| m.addr_spec.check_smtp())
    }
}

impl<'a> From<Vec<Address<'a>>> for AddressList<'a> {
    fn from(addresses: Vec<Address<'a>>) -> Self {
        let mut diagnoses = Diagnoses::new();
        for m in addresses.iter().flat_map(Address::mailboxes) {
            diagnoses.extend(m.diagnoses);
        }
        AddressList { addresses, diagnoses }
    }
}

impl PartialEq for AddressList<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.addresses == other.addresses
    }
}

impl Eq for AddressList<'_> {}

impl Hash for AddressList<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.addresses.hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn source_canonical_is_the_display_form() {
        let cases = [
            ("jane@example.com (Jane)", true),
            ("(sender) jane.doe@example.com", true),
            ("Jane <jane@example.com> (work)", true),
            ("Jane <@relay.example:jane@example.com>", true),
            ("jane@[192.0.2.1] (lit)", true),
            ("jane@[ 192.0.2.1 ]", false),
            ("jane@[\\1.2.3.4]", false),
            ("\"jane\"@example.com", false),
            ("\"jane doe\"@example.com", false),
            ("jane . doe@example.com", false),
            ("jane @ example.com", false),
            ("jane(c)@example.com", false),
            ("jane@example . com", false),
            ("\"a\".b@example.com", false),
        ];
        for (input, borrowed) in cases {
            let mailbox = Mailbox::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            let addr = mailbox.addr_spec();
            let pieces = alloc::format!("{}@{}", addr.local_part(), addr.domain());
            assert_eq!(addr.to_string(), pieces, "{input:?}");
            assert_eq!(addr.canonical.is_some(), borrowed, "{input:?}");
        }
    }
}
