//! The header-form values: [`AddrSpec`], [`LocalPart`], [`Mailbox`], [`Group`], [`Address`] and
//! [`AddressList`] (RFC 5322 §3.4). Data, accessors, semantic equality and `into_owned`; the
//! grammar builds them, the renderers write them.

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::hash::{Hash, Hasher};

use super::domain::Domain;
use super::text::Text;
use crate::chars::is_dot_atom_text;
use crate::diagnosis::{Category, Diagnoses};
use crate::error::{EnvelopeError, ErrorKind, ParseError};

// ----- LocalPart -----

/// The local part of an addr-spec.
///
/// Its value is the semantic one (quotes removed, quoted-pairs undone; case-sensitive, RFC 5321
/// §2.4); [`Display`](core::fmt::Display) writes the canonical RFC 5321 §4.1.2 form: a `Dot-string` when
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
pub struct LocalPart<'a>(Text<'a>);

impl<'a> LocalPart<'a> {
    pub(crate) fn from_text(text: Text<'a>) -> Self {
        Self(text)
    }

    pub(crate) fn text(&self) -> &Text<'a> {
        &self.0
    }

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
        self.0.raw()
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
        self.0.value()
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
        !is_dot_atom_text(self.value())
    }

    /// The length of the canonical form: the value, quoted with minimal escapes when it must be.
    pub(crate) fn canonical_len(&self) -> usize {
        if self.needs_quotes() {
            crate::chars::quoted_len(self.value())
        } else {
            self.value().len()
        }
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
        self.0.offset()
    }

    /// Converts into a value that owns its text, as [`Mailbox::into_owned`](crate::Mailbox::into_owned)
    /// shows.
    pub fn into_owned(self) -> LocalPart<'static> {
        LocalPart(self.0.into_owned())
    }

    pub(crate) fn reborrow(&self) -> LocalPart<'_> {
        LocalPart(self.0.reborrow())
    }
}

impl PartialEq for LocalPart<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value()
    }
}

impl Eq for LocalPart<'_> {}

impl Hash for LocalPart<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value().hash(state);
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
    local_part: LocalPart<'a>,
    domain: Domain<'a>,
    diagnoses: Diagnoses,
    /// Why this is not an RFC 5321 path, decided once when the value is built.
    envelope_error: Option<EnvelopeError>,
    /// The source text, when it is already the canonical form (then `Display` writes it whole).
    canonical: Option<Cow<'a, str>>,
}

/// What the grammar decided about an addr-spec when it built it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Rating {
    /// Every finding about the addr-spec, the RFC 5321 ones included.
    pub(crate) diagnoses: Diagnoses,
    /// The first reason it cannot be an RFC 5321 path, if any.
    pub(crate) envelope_error: Option<EnvelopeError>,
}

impl<'a> AddrSpec<'a> {
    /// An addr-spec from its parts, as the grammar read and rated them. `canonical` is the source
    /// text when it is already the canonical form.
    pub(crate) fn from_parts(
        local_part: LocalPart<'a>,
        domain: Domain<'a>,
        rating: Rating,
        canonical: Option<&'a str>,
    ) -> Self {
        Self {
            local_part,
            domain,
            diagnoses: rating.diagnoses,
            envelope_error: rating.envelope_error,
            canonical: canonical.map(Cow::Borrowed),
        }
    }

    /// Why this addr-spec cannot be an RFC 5321 path, if it cannot.
    pub(crate) fn envelope_error(&self) -> Option<EnvelopeError> {
        self.envelope_error
    }

    /// The source text, when it is the canonical form.
    pub(crate) fn canonical_text(&self) -> Option<&str> {
        self.canonical.as_deref()
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
        !self.local_part.value().is_ascii() || !self.domain.is_ascii()
    }

    /// Converts into a value that owns its text, as [`Mailbox::into_owned`](crate::Mailbox::into_owned)
    /// shows.
    pub fn into_owned(self) -> AddrSpec<'static> {
        AddrSpec {
            local_part: self.local_part.into_owned(),
            domain: self.domain.into_owned(),
            diagnoses: self.diagnoses,
            envelope_error: self.envelope_error,
            canonical: self.canonical.map(|c| Cow::Owned(c.into_owned())),
        }
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
    display_name: Option<Cow<'a, str>>,
    addr_spec: AddrSpec<'a>,
    diagnoses: Diagnoses,
}

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
        let diagnoses = addr_spec.diagnoses;
        Ok(Self::from_parts(display_name.map(Cow::Borrowed), addr_spec, diagnoses))
    }

    /// This mailbox with `phrase`, a list member that came before it, joined to the front of its
    /// display name by `", "`, and `finding` among its findings; `None` if it has no display name.
    pub(crate) fn join_phrase(self, phrase: &str, finding: crate::diagnosis::Diagnosis) -> Option<Self> {
        let name = self.display_name?;
        let mut diagnoses = self.diagnoses;
        diagnoses.insert(finding);
        let joined = alloc::format!("{phrase}, {name}");
        Some(Self::from_parts(Some(Cow::Owned(joined)), self.addr_spec, diagnoses))
    }

    /// A mailbox from parts already checked; `diagnoses` are the mailbox's own and its addr-spec's.
    pub(crate) fn from_parts(
        display_name: Option<Cow<'a, str>>,
        addr_spec: AddrSpec<'a>,
        diagnoses: Diagnoses,
    ) -> Self {
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
}

impl<'a> From<AddrSpec<'a>> for Mailbox<'a> {
    fn from(addr_spec: AddrSpec<'a>) -> Self {
        let diagnoses = addr_spec.diagnoses;
        Mailbox::from_parts(None, addr_spec, diagnoses)
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
    display_name: Cow<'a, str>,
    members: Vec<Mailbox<'a>>,
}

impl<'a> Group<'a> {
    pub(crate) fn from_parts(display_name: Cow<'a, str>, members: Vec<Mailbox<'a>>) -> Self {
        Self { display_name, members }
    }

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

    /// Converts into a value that owns its text, as [`Mailbox::into_owned`](crate::Mailbox::into_owned)
    /// shows.
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

    /// Converts into a value that owns its text, as [`Mailbox::into_owned`](crate::Mailbox::into_owned)
    /// shows.
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
    addresses: Vec<Address<'a>>,
    diagnoses: Diagnoses,
}

impl<'a> AddressList<'a> {
    /// A list from its addresses and every finding about it and its members.
    pub(crate) fn from_parts(addresses: Vec<Address<'a>>, diagnoses: Diagnoses) -> Self {
        Self { addresses, diagnoses }
    }

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

    /// Converts into a value that owns its text, as [`Mailbox::into_owned`](crate::Mailbox::into_owned)
    /// shows.
    pub fn into_owned(self) -> AddressList<'static> {
        AddressList {
            addresses: self.addresses.into_iter().map(Address::into_owned).collect(),
            diagnoses: self.diagnoses,
        }
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
