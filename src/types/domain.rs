//! The domain of an address: a name (RFC 5322 dot-atom, RFC 5321 `Domain`) or a literal in brackets.

use alloc::borrow::Cow;
use core::hash::{Hash, Hasher};
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::text::Text;
use crate::error::{EnvelopeError, EnvelopeErrorKind};

/// The domain of an addr-spec (RFC 5322 §3.4.1).
///
/// Names compare ASCII-case-insensitively (RFC 5321 §2.4); literals compare by their address when
/// they are address literals, by their text otherwise.
///
/// # Examples
///
/// ```
/// use mail_envelope::{AddrSpec, Domain};
///
/// let addr = AddrSpec::parse("jane@[IPv6:2001:db8::1]")?;
/// assert!(matches!(addr.domain(), Domain::Literal(_)));
/// assert_eq!(addr.domain().to_string(), "[IPv6:2001:db8::1]");
/// assert_eq!(AddrSpec::parse("a@EXAMPLE.com")?.domain(), AddrSpec::parse("a@example.COM")?.domain());
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Domain<'a> {
    /// A domain name: a dot-atom (labels may be U-labels, RFC 6532 / RFC 6531).
    Name(DomainName<'a>),
    /// A domain-literal in brackets.
    Literal(DomainLiteral<'a>),
}

impl Domain<'_> {
    /// The domain as parsed, without surrounding CFWS (a literal with its brackets).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// assert_eq!(AddrSpec::parse("jane@ example.com (home)")?.domain().as_str(), "example.com");
    /// assert_eq!(AddrSpec::parse("jane@[ 192.0.2.1 ]")?.domain().as_str(), "[ 192.0.2.1 ]");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            Domain::Name(n) => n.as_str(),
            Domain::Literal(l) => l.as_str(),
        }
    }

    /// Whether the domain is ASCII.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// assert!(AddrSpec::parse("jane@example.com")?.domain().is_ascii());
    /// assert!(!AddrSpec::parse("jane@bücher.example")?.domain().is_ascii());
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn is_ascii(&self) -> bool {
        match self {
            Domain::Name(n) => n.value().is_ascii(),
            Domain::Literal(l) => l.value().is_ascii(),
        }
    }

    /// The byte offset where the domain starts in the text it was parsed from.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::Mailbox;
    /// let input = "Jane <jane@example.com>";
    /// let offset = Mailbox::parse(input)?.addr_spec().domain().offset();
    /// assert_eq!(offset, 11);
    /// assert_eq!(&input[offset..], "example.com>");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn offset(&self) -> usize {
        match self {
            Domain::Name(n) => n.0.offset(),
            Domain::Literal(l) => l.text.offset(),
        }
    }

    /// Converts into a value that owns its text, as [`Mailbox::into_owned`](crate::Mailbox::into_owned)
    /// shows.
    pub fn into_owned(self) -> Domain<'static> {
        match self {
            Domain::Name(n) => Domain::Name(n.into_owned()),
            Domain::Literal(l) => Domain::Literal(l.into_owned()),
        }
    }

    pub(crate) fn reborrow(&self) -> Domain<'_> {
        match self {
            Domain::Name(n) => Domain::Name(DomainName(n.0.reborrow())),
            Domain::Literal(l) => Domain::Literal(DomainLiteral {
                text: l.text.reborrow(),
                kind: l.kind,
            }),
        }
    }
}

/// A domain name: dot-separated labels, ASCII or UTF-8.
///
/// # Examples
///
/// ```
/// use mail_envelope::{AddrSpec, Domain};
///
/// let addr = AddrSpec::parse("jane@mail.example.com")?;
/// let Domain::Name(name) = addr.domain() else { unreachable!() };
/// assert_eq!(name.labels().collect::<Vec<_>>(), ["mail", "example", "com"]);
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone)]
pub struct DomainName<'a>(Text<'a>);

impl<'a> DomainName<'a> {
    pub(crate) fn from_text(text: Text<'a>) -> Self {
        Self(text)
    }

    /// The name as parsed (an obs-domain keeps its inner CFWS here).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddrSpec, Domain};
    /// let addr = AddrSpec::parse("jane@mail . example.com")?;
    /// let Domain::Name(name) = addr.domain() else { unreachable!() };
    /// assert_eq!(name.as_str(), "mail . example.com");
    /// assert_eq!(name.value(), "mail.example.com");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        self.0.raw()
    }

    /// The name: labels joined by `.`, without CFWS.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddrSpec, Domain};
    /// let addr = AddrSpec::parse("jane@mail.(relay)example.com")?;
    /// let Domain::Name(name) = addr.domain() else { unreachable!() };
    /// assert_eq!(name.value(), "mail.example.com");
    /// assert_eq!(name.as_str(), "mail.(relay)example.com");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn value(&self) -> &str {
        self.0.value()
    }

    /// The labels, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddrSpec, Domain};
    /// let addr = AddrSpec::parse("jane@bücher . example")?;
    /// let Domain::Name(name) = addr.domain() else { unreachable!() };
    /// assert_eq!(name.labels().collect::<Vec<_>>(), ["bücher", "example"]);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.value().split('.')
    }

    /// The name in A-labels (RFC 5891 §5), as an SMTP client without SMTPUTF8 must send it.
    ///
    /// # Errors
    ///
    /// [`EnvelopeErrorKind::NoAsciiDomain`](crate::EnvelopeErrorKind::NoAsciiDomain) when a
    /// label is not a valid U-label, or the `idna` feature is off and the name is not ASCII.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddrSpec, Domain};
    ///
    /// let addr = AddrSpec::parse("jane@bücher.example")?;
    /// let Domain::Name(name) = addr.domain() else { unreachable!() };
    /// # #[cfg(feature = "idna")]
    /// assert_eq!(name.to_ascii().unwrap(), "xn--bcher-kva.example");
    /// # #[cfg(not(feature = "idna"))]
    /// assert!(name.to_ascii().is_err());
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn to_ascii(&self) -> Result<Cow<'_, str>, EnvelopeError> {
        let no_ascii = EnvelopeError::new(EnvelopeErrorKind::NoAsciiDomain, self.0.offset());
        if self.value().is_ascii() {
            return Ok(Cow::Borrowed(self.value()));
        }
        #[cfg(feature = "idna")]
        {
            let mut ascii = alloc::string::String::with_capacity(self.value().len() + 8);
            for (i, label) in self.value().split('.').enumerate() {
                if i > 0 {
                    ascii.push('.');
                }
                if label.is_ascii() {
                    ascii.push_str(label);
                } else {
                    ascii.push_str(&crate::idna2008::to_a_label(label).ok_or(no_ascii)?);
                }
            }
            Ok(Cow::Owned(ascii))
        }
        #[cfg(not(feature = "idna"))]
        {
            Err(no_ascii)
        }
    }

    /// Converts into a value that owns its text, as [`Mailbox::into_owned`](crate::Mailbox::into_owned)
    /// shows.
    pub fn into_owned(self) -> DomainName<'static> {
        DomainName(self.0.into_owned())
    }
}

impl PartialEq for DomainName<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.value().eq_ignore_ascii_case(other.value())
    }
}

impl Eq for DomainName<'_> {}

impl Hash for DomainName<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for b in self.value().bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}

/// A domain-literal: text in brackets (RFC 5322 §3.4.1), which may be an RFC 5321 address literal.
///
/// # Examples
///
/// ```
/// use mail_envelope::{AddrSpec, AddressLiteral, Domain};
/// use std::net::Ipv4Addr;
///
/// let addr = AddrSpec::parse("jane@[192.0.2.1]")?;
/// let Domain::Literal(literal) = addr.domain() else { unreachable!() };
/// assert_eq!(literal.value(), "192.0.2.1");
/// assert_eq!(literal.address_literal(), Some(AddressLiteral::Ipv4(Ipv4Addr::new(192, 0, 2, 1))));
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone)]
pub struct DomainLiteral<'a> {
    text: Text<'a>,
    kind: LiteralKind,
}

/// What a domain-literal's value is as an RFC 5321 address literal, decided once by the grammar.
/// A general literal keeps its tag as a length: the text it borrows from is the value beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LiteralKind {
    Ip(IpAddr),
    General { tag_len: usize },
    None,
}

impl<'a> DomainLiteral<'a> {
    /// A literal from its text; `classify` reads its value as an address literal, once.
    pub(crate) fn from_text(text: Text<'a>, classify: impl FnOnce(&str) -> Option<AddressLiteral<'_>>) -> Self {
        let kind = match classify(text.value()) {
            Some(AddressLiteral::Ipv4(ip)) => LiteralKind::Ip(IpAddr::V4(ip)),
            Some(AddressLiteral::Ipv6(ip)) => LiteralKind::Ip(IpAddr::V6(ip)),
            Some(AddressLiteral::General { tag, .. }) => LiteralKind::General { tag_len: tag.len() },
            None => LiteralKind::None,
        };
        Self { text, kind }
    }

    /// The literal as parsed, brackets included.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddrSpec, Domain};
    /// let addr = AddrSpec::parse(r"jane@[a\]b]")?;
    /// let Domain::Literal(literal) = addr.domain() else { unreachable!() };
    /// assert_eq!(literal.as_str(), r"[a\]b]");
    /// assert_eq!(literal.value(), "a]b");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        self.text.raw()
    }

    /// The text between the brackets: quoted-pairs undone, folds removed, outer white space trimmed.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddrSpec, Domain};
    /// let addr = AddrSpec::parse("jane@[ 192.0.2.1 ]")?;
    /// let Domain::Literal(literal) = addr.domain() else { unreachable!() };
    /// assert_eq!(literal.value(), "192.0.2.1");
    /// assert_eq!(literal.as_str(), "[ 192.0.2.1 ]");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn value(&self) -> &str {
        self.text.value()
    }

    /// The RFC 5321 §4.1.3 address literal this is, if it is one.
    ///
    /// `[010.0.0.1]` is not one: a leading zero reads as octal to some resolvers and decimal to
    /// others, and the crate does not guess.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddrSpec, AddressLiteral, Domain};
    /// use std::net::Ipv6Addr;
    ///
    /// let addr = AddrSpec::parse("jane@[IPv6:2001:db8::1]")?;
    /// let Domain::Literal(literal) = addr.domain() else { unreachable!() };
    /// let ip = Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1);
    /// assert_eq!(literal.address_literal(), Some(AddressLiteral::Ipv6(ip)));
    ///
    /// let addr = AddrSpec::parse("jane@[010.0.0.1]")?;
    /// let Domain::Literal(literal) = addr.domain() else { unreachable!() };
    /// assert_eq!(literal.address_literal(), None);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn address_literal(&self) -> Option<AddressLiteral<'_>> {
        match self.kind {
            LiteralKind::Ip(IpAddr::V4(ip)) => Some(AddressLiteral::Ipv4(ip)),
            LiteralKind::Ip(IpAddr::V6(ip)) => Some(AddressLiteral::Ipv6(ip)),
            LiteralKind::General { tag_len } => {
                let (tag, content) = self.value().split_at(tag_len);
                Some(AddressLiteral::General {
                    tag,
                    content: content.get(1..).unwrap_or_default(),
                })
            }
            LiteralKind::None => None,
        }
    }

    /// Converts into a value that owns its text, as [`Mailbox::into_owned`](crate::Mailbox::into_owned)
    /// shows.
    pub fn into_owned(self) -> DomainLiteral<'static> {
        DomainLiteral {
            text: self.text.into_owned(),
            kind: self.kind,
        }
    }
}

impl PartialEq for DomainLiteral<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self.address_literal(), other.address_literal()) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.value() == other.value(),
            _ => false,
        }
    }
}

impl Eq for DomainLiteral<'_> {}

impl Hash for DomainLiteral<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self.address_literal() {
            Some(a) => a.hash(state),
            None => self.value().hash(state),
        }
    }
}

/// An RFC 5321 §4.1.3 address literal.
///
/// # Examples
///
/// ```
/// use mail_envelope::{AddrSpec, AddressLiteral, Domain};
///
/// let addr = AddrSpec::parse("jane@[IPv6:2001:db8::1]")?;
/// let Domain::Literal(literal) = addr.domain() else { unreachable!() };
/// assert!(matches!(literal.address_literal(), Some(AddressLiteral::Ipv6(_))));
///
/// // A General-address-literal needs a tag registered with IANA (RFC 5321 §4.1.3); none but
/// // IPv6 is, so `[x-tag:content]` is a domain-literal with no envelope form.
/// let addr = AddrSpec::parse("jane@[x-tag:content]")?;
/// let Domain::Literal(literal) = addr.domain() else { unreachable!() };
/// assert_eq!(literal.address_literal(), None);
/// assert!(addr.to_reverse_path().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressLiteral<'a> {
    /// `IPv4-address-literal = Snum 3("." Snum)`.
    Ipv4(Ipv4Addr),
    /// `IPv6-address-literal = "IPv6:" IPv6-addr`.
    Ipv6(Ipv6Addr),
    /// `General-address-literal = Standardized-tag ":" 1*dcontent`, with a tag registered with
    /// IANA other than `IPv6` (there is none yet, so this is never built today).
    General {
        /// The `Standardized-tag`.
        tag: &'a str,
        /// The text after the tag's `:`.
        content: &'a str,
    },
}
