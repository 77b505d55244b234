//! The envelope-form values (RFC 5321 §4.1.2, RFC 6531): [`ReversePath`], [`ForwardPath`],
//! [`SmtpPath`] and [`Envelope`].

use alloc::vec::Vec;

use super::address::{AddrSpec, Mailbox};
use crate::error::{EnvelopeError, EnvelopeErrorKind};

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

    /// Converts into a value that owns its text, as [`Mailbox::into_owned`](crate::Mailbox::into_owned)
    /// shows.
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

    /// Converts into a value that owns its text, as [`Mailbox::into_owned`](crate::Mailbox::into_owned)
    /// shows.
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

    /// Converts into a value that owns its text, as [`Mailbox::into_owned`](crate::Mailbox::into_owned)
    /// shows.
    pub fn into_owned(self) -> SmtpPath<'static> {
        match self {
            SmtpPath::Null => SmtpPath::Null,
            SmtpPath::Postmaster => SmtpPath::Postmaster,
            SmtpPath::Path(a) => SmtpPath::Path(a.into_owned()),
        }
    }
}

impl<'a> TryFrom<SmtpPath<'a>> for ReversePath<'a> {
    type Error = SmtpPath<'a>;

    /// The reverse-path that `path` is, or `path` back when it is `<Postmaster>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{ReversePath, SmtpPath};
    /// assert_eq!(ReversePath::try_from(SmtpPath::Null), Ok(ReversePath::Null));
    /// assert_eq!(ReversePath::try_from(SmtpPath::Postmaster), Err(SmtpPath::Postmaster));
    /// ```
    fn try_from(path: SmtpPath<'a>) -> Result<Self, Self::Error> {
        match path {
            SmtpPath::Null => Ok(ReversePath::Null),
            SmtpPath::Path(a) => Ok(ReversePath::Path(a)),
            SmtpPath::Postmaster => Err(path),
        }
    }
}

impl<'a> TryFrom<SmtpPath<'a>> for ForwardPath<'a> {
    type Error = SmtpPath<'a>;

    /// The forward-path that `path` is, or `path` back when it is `<>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{ForwardPath, SmtpPath};
    /// assert_eq!(ForwardPath::try_from(SmtpPath::Postmaster), Ok(ForwardPath::Postmaster));
    /// assert_eq!(ForwardPath::try_from(SmtpPath::Null), Err(SmtpPath::Null));
    /// ```
    fn try_from(path: SmtpPath<'a>) -> Result<Self, Self::Error> {
        match path {
            SmtpPath::Postmaster => Ok(ForwardPath::Postmaster),
            SmtpPath::Path(a) => Ok(ForwardPath::Path(a)),
            SmtpPath::Null => Err(path),
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

/// The envelope of one SMTP transaction: one reverse-path and at least one forward-path.
///
/// # Examples
///
/// ```
/// use mail_envelope::{Envelope, Mailbox};
///
/// let from = Mailbox::parse("Ops <ops@example.com>")?;
/// let to = Mailbox::parse("Jane <jane@example.com>")?;
/// let envelope = Envelope::new(from.to_reverse_path()?, vec![to.to_forward_path()?])?;
/// assert_eq!(envelope.reverse_path().to_string(), "<ops@example.com>");
/// assert_eq!(envelope.forward_paths().len(), 1);
/// assert!(Envelope::new(from.to_reverse_path()?, vec![]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Envelope<'a> {
    reverse_path: ReversePath<'a>,
    forward_paths: Vec<ForwardPath<'a>>,
}

impl<'a> Envelope<'a> {
    /// Builds an envelope.
    ///
    /// # Errors
    ///
    /// [`EnvelopeErrorKind::NoRecipients`] when there is no forward-path.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Envelope, EnvelopeErrorKind, ForwardPath, ReversePath};
    /// let to = ForwardPath::parse("<jane@example.com>")?;
    /// assert!(Envelope::new(ReversePath::Null, vec![to]).is_ok());
    /// let err = Envelope::new(ReversePath::Null, vec![]).unwrap_err();
    /// assert_eq!(err.kind(), EnvelopeErrorKind::NoRecipients);
    /// assert_eq!(err.to_string(), "envelope has no recipients (no forward-path) at byte 0");
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn new(reverse_path: ReversePath<'a>, forward_paths: Vec<ForwardPath<'a>>) -> Result<Self, EnvelopeError> {
        if forward_paths.is_empty() {
            return Err(EnvelopeError::new(EnvelopeErrorKind::NoRecipients, 0));
        }
        Ok(Self {
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
    /// let envelope = Envelope::new(ReversePath::parse("<>")?, vec![to])?;
    /// assert_eq!(envelope.reverse_path(), &ReversePath::Null);
    /// assert_eq!(envelope.reverse_path().to_string(), "<>");
    /// # Ok::<(), mail_envelope::Error>(())
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
    /// let envelope = Envelope::new(ReversePath::parse("<ops@example.com>")?, to)?;
    /// let rcpt: Vec<String> = envelope.forward_paths().iter().map(ToString::to_string).collect();
    /// assert_eq!(rcpt, ["<jane@example.com>", "<Postmaster>"]);
    /// # Ok::<(), mail_envelope::Error>(())
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
    /// let ascii = Envelope::new(from.clone(), vec![ForwardPath::parse("<jane@example.com>")?])?;
    /// assert!(!ascii.needs_smtputf8());
    /// // One non-ASCII recipient is enough.
    /// let to = vec![ForwardPath::parse("<jane@example.com>")?, ForwardPath::parse("<用户@example.com>")?];
    /// assert!(Envelope::new(from, to)?.needs_smtputf8());
    /// # Ok::<(), mail_envelope::Error>(())
    /// ```
    pub fn needs_smtputf8(&self) -> bool {
        self.reverse_path.needs_smtputf8() || self.forward_paths.iter().any(ForwardPath::needs_smtputf8)
    }

    /// Converts into a value that owns its text, as [`Mailbox::into_owned`](crate::Mailbox::into_owned)
    /// shows.
    pub fn into_owned(self) -> Envelope<'static> {
        Envelope {
            reverse_path: self.reverse_path.into_owned(),
            forward_paths: self.forward_paths.into_iter().map(ForwardPath::into_owned).collect(),
        }
    }
}
