//! Conversions to and from [lettre](https://crates.io/crates/lettre)'s address types (feature
//! `lettre`): parse with this crate (comments, obsolete syntax, encoded words, diagnoses, the
//! ASCII fallback), send with lettre.
//!
//! | this crate          | lettre                        |
//! |---------------------|-------------------------------|
//! | [`AddrSpec`]        | [`lettre::Address`]           |
//! | [`Mailbox`]         | [`lettre::message::Mailbox`]  |
//! | [`Envelope`]        | [`lettre::address::Envelope`] |
//!
//! Every conversion is `TryFrom` on a reference, both ways. A conversion either gives the same
//! address or fails: the result's text is compared with the source's canonical text, and any
//! difference is an error, never a silently changed address.
//!
//! What lettre cannot represent, and so fails with a [`LettreError`]:
//!
//! * a quoted local part lettre's check refuses: the empty one (`""@example.com`, which
//!   RFC 5321 §4.1.2 `Quoted-string` allows) and one that holds a control character (obsolete
//!   `obs-qtext`/`obs-qp`, RFC 5322 §4.1) ([`LettreErrorKind::AddressRefused`]); lettre takes
//!   other quoted local parts (`"john doe"@example.com`, `"a@b"@example.com`) and domain
//!   literals (`[192.0.2.1]`, `[IPv6:2001:db8::1]`) unchanged;
//! * anything lettre would hold in a form other than this crate's canonical text
//!   ([`LettreErrorKind::AddressRefused`]);
//! * the forward-path `<Postmaster>` without a domain ([`LettreErrorKind::NoAddress`]);
//! * an envelope without recipients, which lettre's [`Envelope::new`](lettre::address::Envelope::new)
//!   refuses ([`LettreErrorKind::EnvelopeRefused`]).
//!
//! From lettre to this crate, a lettre address that this crate's parser refuses (lettre checks
//! less than RFC 5322, for instance the length limits of RFC 5321) is a
//! [`LettreErrorKind::Parse`] error. The display name of a lettre mailbox is taken as its
//! semantic value; this crate writes it in a header as it sees fit (quoted or RFC 2047).
//!
//! # Examples
//!
//! ```
//! use mail_envelope::Mailbox;
//!
//! let parsed = Mailbox::parse("Jane Doe (ops) <jane@example.com>")?;
//! let mailbox = lettre::message::Mailbox::try_from(&parsed)?;
//! assert_eq!(mailbox.email.to_string(), "jane@example.com");
//! assert_eq!(mailbox.name.as_deref(), Some("Jane Doe"));
//! let back = Mailbox::try_from(&mailbox)?;
//! assert_eq!(back, parsed);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::{AddrSpec, Envelope, EnvelopeError, ForwardPath, Mailbox, ParseError, ReversePath};

/// What went wrong in a conversion with lettre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LettreErrorKind {
    /// lettre refuses the address (an empty quoted local part, one with a control character),
    /// or would hold it in a form that differs from the canonical one.
    AddressRefused,
    /// The path carries no address lettre can hold (`<Postmaster>` without a domain).
    NoAddress,
    /// lettre refuses the envelope (no recipients).
    EnvelopeRefused,
    /// This crate's parser refuses lettre's address.
    Parse(crate::ErrorKind),
    /// The address has no RFC 5321 path form, or the envelope cannot be built.
    Envelope(crate::EnvelopeErrorKind),
}

/// An error of a conversion with lettre: its kind and the canonical text of the address at
/// fault, when there is one.
///
/// # Examples
///
/// ```
/// use mail_envelope::lettre_interop::LettreErrorKind;
/// use mail_envelope::AddrSpec;
///
/// let empty = AddrSpec::parse(r#"""@example.com"#)?;
/// let err = lettre::Address::try_from(&empty).unwrap_err();
/// assert_eq!(err.kind(), LettreErrorKind::AddressRefused);
/// assert_eq!(err.address(), Some(r#"""@example.com"#));
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LettreError {
    kind: LettreErrorKind,
    address: Option<String>,
}

impl LettreError {
    fn new(kind: LettreErrorKind, address: Option<String>) -> Self {
        LettreError { kind, address }
    }

    /// What went wrong.
    pub fn kind(&self) -> LettreErrorKind {
        self.kind
    }

    /// The address at fault, as text, when there is one.
    pub fn address(&self) -> Option<&str> {
        self.address.as_deref()
    }
}

impl core::fmt::Display for LettreError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let what = match self.kind {
            LettreErrorKind::AddressRefused => "lettre cannot hold this address unchanged",
            LettreErrorKind::NoAddress => "the path has no address lettre can hold (<Postmaster>)",
            LettreErrorKind::EnvelopeRefused => "lettre refuses the envelope (no recipients)",
            LettreErrorKind::Parse(kind) => return write!(f, "lettre's address does not parse: {kind:?}"),
            LettreErrorKind::Envelope(kind) => return write!(f, "no RFC 5321 form: {kind:?}"),
        };
        match &self.address {
            Some(address) => write!(f, "{what}: {address}"),
            None => f.write_str(what),
        }
    }
}

impl core::error::Error for LettreError {}

impl From<ParseError> for LettreError {
    fn from(e: ParseError) -> Self {
        LettreError::new(LettreErrorKind::Parse(e.kind()), None)
    }
}

impl From<EnvelopeError> for LettreError {
    fn from(e: EnvelopeError) -> Self {
        LettreError::new(LettreErrorKind::Envelope(e.kind()), None)
    }
}

impl TryFrom<&AddrSpec<'_>> for lettre::Address {
    type Error = LettreError;

    /// The same address as lettre holds it: the canonical local part and the domain as written
    /// (U-labels stay U-labels; lettre converts them when it sends).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// let addr = lettre::Address::try_from(&AddrSpec::parse("\"jane\"@bücher.example")?)?;
    /// assert_eq!((addr.user(), addr.domain()), ("jane", "bücher.example"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn try_from(addr: &AddrSpec<'_>) -> Result<Self, LettreError> {
        let text = addr.to_string();
        let refused = || LettreError::new(LettreErrorKind::AddressRefused, Some(text.clone()));
        let converted =
            lettre::Address::new(addr.local_part().to_string(), addr.domain().to_string()).map_err(|_| refused())?;
        if converted.to_string() != text {
            return Err(refused());
        }
        Ok(converted)
    }
}

impl TryFrom<&lettre::Address> for AddrSpec<'static> {
    type Error = LettreError;

    /// Parses lettre's address with this crate.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::AddrSpec;
    /// let lettre_addr: lettre::Address = "jane@example.com".parse()?;
    /// assert_eq!(AddrSpec::try_from(&lettre_addr)?, AddrSpec::parse("jane@example.com")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn try_from(addr: &lettre::Address) -> Result<Self, LettreError> {
        let text = addr.to_string();
        let parsed = AddrSpec::parse(&text)
            .map_err(|e| LettreError::new(LettreErrorKind::Parse(e.kind()), Some(text.clone())))?;
        Ok(parsed.into_owned())
    }
}

impl TryFrom<&Mailbox<'_>> for lettre::message::Mailbox {
    type Error = LettreError;

    /// The display name's semantic value (comments dropped, encoded words decoded) and the
    /// address.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::Mailbox;
    /// let parsed = Mailbox::parse("=?utf-8?b?5pyN5Yqh?= <keepalived@server.example.com>")?;
    /// let mailbox = lettre::message::Mailbox::try_from(&parsed)?;
    /// assert_eq!(mailbox.name.as_deref(), Some("服务"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn try_from(mailbox: &Mailbox<'_>) -> Result<Self, LettreError> {
        let email = lettre::Address::try_from(mailbox.addr_spec())?;
        Ok(lettre::message::Mailbox::new(
            mailbox.display_name().map(ToString::to_string),
            email,
        ))
    }
}

impl<'a> TryFrom<&'a lettre::message::Mailbox> for Mailbox<'a> {
    type Error = LettreError;

    /// The mailbox, its display name borrowed from lettre's.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::Mailbox;
    /// let lettre_mailbox: lettre::message::Mailbox = "Jane <jane@example.com>".parse()?;
    /// let mailbox = Mailbox::try_from(&lettre_mailbox)?;
    /// assert_eq!(mailbox.display_name(), Some("Jane"));
    /// assert_eq!(mailbox.addr_spec().to_string(), "jane@example.com");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn try_from(mailbox: &'a lettre::message::Mailbox) -> Result<Self, LettreError> {
        let addr = AddrSpec::try_from(&mailbox.email)?;
        Ok(Mailbox::new(mailbox.name.as_deref(), addr)?)
    }
}

/// The lettre address of a forward-path.
fn forward(path: &ForwardPath<'_>) -> Result<lettre::Address, LettreError> {
    let addr = path
        .addr_spec()
        .ok_or_else(|| LettreError::new(LettreErrorKind::NoAddress, Some(path.to_string())))?;
    lettre::Address::try_from(addr)
}

impl TryFrom<&Envelope<'_>> for lettre::address::Envelope {
    type Error = LettreError;

    /// The reverse-path (`<>` becomes `None`) and the forward-paths, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Envelope, ForwardPath, ReversePath};
    /// let envelope = Envelope::new(ReversePath::parse("<>")?, vec![ForwardPath::parse("<jane@example.com>")?])?;
    /// let converted = lettre::address::Envelope::try_from(&envelope)?;
    /// assert!(converted.from().is_none());
    /// assert_eq!(converted.to()[0].to_string(), "jane@example.com");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn try_from(envelope: &Envelope<'_>) -> Result<Self, LettreError> {
        let from = envelope
            .reverse_path()
            .addr_spec()
            .map(lettre::Address::try_from)
            .transpose()?;
        let to = envelope
            .forward_paths()
            .iter()
            .map(forward)
            .collect::<Result<Vec<_>, _>>()?;
        lettre::address::Envelope::new(from, to).map_err(|_| LettreError::new(LettreErrorKind::EnvelopeRefused, None))
    }
}

impl TryFrom<&lettre::address::Envelope> for Envelope<'static> {
    type Error = LettreError;

    /// The envelope as this crate holds it: `None` becomes the null reverse-path `<>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::Envelope;
    /// let lettre_envelope = lettre::address::Envelope::new(
    ///     Some("ops@example.com".parse()?),
    ///     vec!["jane@example.com".parse()?],
    /// )?;
    /// let envelope = Envelope::try_from(&lettre_envelope)?;
    /// assert_eq!(envelope.reverse_path().to_string(), "<ops@example.com>");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn try_from(envelope: &lettre::address::Envelope) -> Result<Self, LettreError> {
        let reverse = match envelope.from() {
            Some(addr) => AddrSpec::try_from(addr)?.to_reverse_path()?.into_owned(),
            None => ReversePath::parse("<>")?.into_owned(),
        };
        let forward = envelope
            .to()
            .iter()
            .map(|addr| Ok(AddrSpec::try_from(addr)?.to_forward_path()?.into_owned()))
            .collect::<Result<Vec<_>, LettreError>>()?;
        Ok(Envelope::new(reverse, forward)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_lettre_cannot_hold_is_an_error() {
        for input in [r#"""@example.com"#, "\"a\\\u{1}b\"@example.com"] {
            let addr = AddrSpec::parse(input).unwrap();
            let err = lettre::Address::try_from(&addr).unwrap_err();
            assert_eq!(err.kind(), LettreErrorKind::AddressRefused, "{input}");
        }
        for input in [
            r#""john doe"@example.com"#,
            r#""a@b"@example.com"#,
            "jane@[192.0.2.1]",
            "jane@[IPv6:2001:db8::1]",
        ] {
            let ok = lettre::Address::try_from(&AddrSpec::parse(input).unwrap()).unwrap();
            assert_eq!(ok.to_string(), input);
        }
        let postmaster = Envelope::new(
            ReversePath::parse("<>").unwrap(),
            vec![ForwardPath::parse("<Postmaster>").unwrap()],
        )
        .unwrap();
        assert_eq!(
            lettre::address::Envelope::try_from(&postmaster).unwrap_err().kind(),
            LettreErrorKind::NoAddress
        );
    }

    #[test]
    fn round_trips() {
        for input in [
            "a.b+c@example.com",
            "用户@例子.广告",
            "\"jane\"@example.com",
            "x@bücher.example",
        ] {
            let addr = AddrSpec::parse(input).unwrap();
            let there = lettre::Address::try_from(&addr).unwrap();
            assert_eq!(AddrSpec::try_from(&there).unwrap(), addr, "{input}");
        }
        let parsed = Mailbox::parse("\"Doe, Jane\" (home) <jane@example.com>").unwrap();
        let there = lettre::message::Mailbox::try_from(&parsed).unwrap();
        assert_eq!(there.name.as_deref(), Some("Doe, Jane"));
        assert_eq!(Mailbox::try_from(&there).unwrap(), parsed);
        let envelope = Envelope::new(
            ReversePath::parse("<ops@example.com>").unwrap(),
            vec![
                ForwardPath::parse("<a@example.com>").unwrap(),
                ForwardPath::parse("<b@example.net>").unwrap(),
            ],
        )
        .unwrap();
        let there = lettre::address::Envelope::try_from(&envelope).unwrap();
        assert_eq!(Envelope::try_from(&there).unwrap(), envelope);
    }
}
