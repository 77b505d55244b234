//! What a server offers (its reply to `EHLO`, RFC 5321 §4.1.1.1) and the `MAIL FROM` and
//! `RCPT TO` commands a client plans against it.
//!
//! ```abnf
//! ehlo-ok-rsp  = ( "250" SP Domain [ SP ehlo-greet ] CRLF )
//!              / ( "250-" Domain [ SP ehlo-greet ] CRLF
//!                *( "250-" ehlo-line CRLF )
//!                "250" SP ehlo-line CRLF )                      ; RFC 5321 §4.1.1.1
//! ehlo-greet   = 1*(%d0-9 / %d11-12 / %d14-127)
//! ehlo-line    = ehlo-keyword *( SP ehlo-param )
//! ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
//! ehlo-param   = 1*(%d33-126)
//! ```
//!
//! The planner follows the extensions' rules: `SMTPUTF8` only when the envelope or the message
//! needs it (RFC 6531 §3.4), and without it a path's domain in A-labels, or an error when a
//! local part is not ASCII (RFC 6531 §3.2: no silent downgrade); `SIZE` only when offered, and
//! an error when the message passes the server's limit (RFC 1870); `BODY=8BITMIME` or
//! `BODY=BINARYMIME` as the body needs, an error when the server lacks it (RFC 6152, RFC 3030);
//! `NOTIFY` and `ORCPT` only with `DSN` (RFC 3461).

use alloc::borrow::Cow;
use alloc::vec::Vec;

use super::command::{MailFrom, RcptTo};
use super::param::{Body, EsmtpParam, Notify};
use super::{SmtpError, SmtpErrorKind};
use crate::{Envelope, EnvelopeError, EnvelopeErrorKind, ForwardPath, ReversePath, Strictness};

// ----- the EHLO reply -----

/// An extension the crate knows, as an EHLO keyword names it.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::capabilities::{Capabilities, Capability};
/// use mail_envelope::Strictness;
///
/// let caps = Capabilities::parse("250-mx.example\r\n250-SIZE 1000\r\n250 X-FOO bar\r\n", Strictness::Strict)?;
/// let kinds: Vec<Capability> = caps.extensions().iter().map(|e| e.capability()).collect();
/// assert_eq!(kinds, [Capability::Size(Some(1000)), Capability::Other]);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Capability {
    /// `SIZE [limit]` (RFC 1870 §4): the largest message the server takes, `None` when it names
    /// no limit (no parameter, or 0).
    Size(Option<u64>),
    /// `PIPELINING` (RFC 2920).
    Pipelining,
    /// `8BITMIME` (RFC 6152).
    EightBitMime,
    /// `BINARYMIME` (RFC 3030).
    BinaryMime,
    /// `CHUNKING` (RFC 3030): `BDAT`.
    Chunking,
    /// `SMTPUTF8` (RFC 6531).
    SmtpUtf8,
    /// `DSN` (RFC 3461).
    Dsn,
    /// `AUTH mechanism…` (RFC 4954); the mechanisms are the parameters.
    Auth,
    /// `STARTTLS` (RFC 3207).
    StartTls,
    /// `ENHANCEDSTATUSCODES` (RFC 2034).
    EnhancedStatusCodes,
    /// `REQUIRETLS` (RFC 8689).
    RequireTls,
    /// `XCLIENT attribute…` (Postfix); the attributes are the parameters.
    Xclient,
    /// A keyword the crate does not know.
    Other,
}

/// One line of an EHLO reply after the first: a keyword (kept in upper case) and its
/// parameters, and what the crate knows of it.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::capabilities::{Capabilities, Capability};
/// use mail_envelope::Strictness;
///
/// let caps = Capabilities::parse("250-mx.example\r\n250 auth PLAIN LOGIN\r\n", Strictness::Standard)?;
/// let auth = &caps.extensions()[0];
/// assert_eq!((auth.keyword(), auth.capability()), ("AUTH", Capability::Auth));
/// assert_eq!(auth.params().collect::<Vec<_>>(), ["PLAIN", "LOGIN"]);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Extension<'a> {
    keyword: Cow<'a, str>,
    params: Vec<Cow<'a, str>>,
    capability: Capability,
}

impl Extension<'_> {
    /// The keyword, in upper case.
    pub fn keyword(&self) -> &str {
        &self.keyword
    }

    /// The parameters, as the server wrote them.
    pub fn params(&self) -> impl ExactSizeIterator<Item = &str> {
        self.params.iter().map(AsRef::as_ref)
    }

    /// What the crate knows of the extension.
    pub fn capability(&self) -> Capability {
        self.capability
    }

    /// Converts into a value that owns its text.
    pub fn into_owned(self) -> Extension<'static> {
        Extension {
            keyword: Cow::Owned(self.keyword.into_owned()),
            params: self.params.into_iter().map(|p| Cow::Owned(p.into_owned())).collect(),
            capability: self.capability,
        }
    }
}

/// What a server offers: the domain and greeting of its EHLO reply, and every extension line,
/// the unknown ones too (RFC 5321 §4.1.1.1).
///
/// [`Capabilities::default`] is a server that offers nothing, as a server answering `HELO`.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::capabilities::Capabilities;
/// use mail_envelope::Strictness;
///
/// let reply = "250-mx.example.com Hello client.example [192.0.2.1]\r\n\
///              250-PIPELINING\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n\
///              250-AUTH PLAIN LOGIN\r\n250 XCLIENT NAME ADDR PROTO HELO\r\n";
/// let caps = Capabilities::parse(reply, Strictness::Strict)?;
/// assert_eq!(caps.domain(), "mx.example.com");
/// assert_eq!(caps.size(), Some(Some(35_882_577)));
/// assert!(caps.pipelining() && caps.smtputf8() && caps.eight_bit_mime());
/// assert!(!caps.dsn());
/// assert_eq!(caps.auth_mechanisms().collect::<Vec<_>>(), ["PLAIN", "LOGIN"]);
/// assert_eq!(caps.xclient_attributes().collect::<Vec<_>>(), ["NAME", "ADDR", "PROTO", "HELO"]);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Capabilities<'a> {
    domain: Cow<'a, str>,
    greeting: Option<Cow<'a, str>>,
    extensions: Vec<Extension<'a>>,
}

/// Whether `byte` may stand in an `ehlo-param`: printable ASCII but SP.
const fn is_ehlo_param_byte(byte: u8) -> bool {
    matches!(byte, 33..=126)
}

/// The lines of `reply` with their offsets, each without its line end. In Strict every line
/// ends in CRLF (the last one may have none); otherwise a bare LF ends one too. A CR elsewhere,
/// or a NUL, is an error.
fn reply_lines(reply: &str, strictness: Strictness) -> Result<Vec<(usize, &str)>, SmtpError> {
    let mut lines = Vec::new();
    let mut at = 0;
    while at < reply.len() {
        let end = reply[at..].find('\n').map_or(reply.len(), |n| at + n);
        let mut line = &reply[at..end];
        if end < reply.len() {
            match line.strip_suffix('\r') {
                Some(text) => line = text,
                None if strictness == Strictness::Strict => {
                    return Err(SmtpError::at(SmtpErrorKind::ForbiddenControl, end));
                }
                None => {}
            }
        }
        if let Some(bad) = line.bytes().position(|b| b == b'\r' || b == 0) {
            return Err(SmtpError::at(SmtpErrorKind::ForbiddenControl, at + bad));
        }
        lines.push((at, line));
        at = end + 1;
    }
    Ok(lines)
}

impl<'a> Capabilities<'a> {
    /// Reads a positive EHLO reply: every line `250-` text, but the last `250 ` text.
    ///
    /// Keywords are read in any case (RFC 5321 §4.1.1.1) and kept in upper case. In
    /// [`Strictness::Strict`] lines end in CRLF, a keyword is an `ehlo-keyword` and parameters
    /// stand one space apart; otherwise a bare LF ends a line too, a keyword may be any
    /// printable ASCII (servers still send `AUTH=LOGIN`, an unknown keyword here), and runs of
    /// spaces separate parameters.
    ///
    /// # Errors
    ///
    /// An [`SmtpError`] with the byte offset in `reply`: [`SmtpErrorKind::ExpectedEhloLine`]
    /// for a line that is not `250-`/`250 ` text or that follows the last,
    /// [`SmtpErrorKind::EhloReplyIncomplete`] when the last line is missing,
    /// [`SmtpErrorKind::InvalidEhloLine`], [`SmtpErrorKind::ExpectedSizeLimit`],
    /// [`SmtpErrorKind::SizeTooLarge`], [`SmtpErrorKind::ForbiddenControl`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::capabilities::Capabilities;
    /// use mail_envelope::smtp::SmtpErrorKind;
    /// use mail_envelope::Strictness;
    ///
    /// let caps = Capabilities::parse("250 mx.example\r\n", Strictness::Strict)?;
    /// assert!(caps.extensions().is_empty());
    /// let err = Capabilities::parse("250-mx.example\r\n250-SIZE\r\n", Strictness::Standard).unwrap_err();
    /// assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::EhloReplyIncomplete, Some(26)));
    /// let err = Capabilities::parse("250-mx.example\r\n250 SIZE\r\nRCPT TO:<x@example.com>", Strictness::Standard).unwrap_err();
    /// assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::ExpectedEhloLine, Some(26)));
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn parse(reply: &'a str, strictness: Strictness) -> Result<Self, SmtpError> {
        let lines = reply_lines(reply, strictness)?;
        let mut caps = Capabilities::default();
        let mut done = false;
        for (i, &(at, line)) in lines.iter().enumerate() {
            if done {
                return Err(SmtpError::at(SmtpErrorKind::ExpectedEhloLine, at));
            }
            let Some(text) = line.strip_prefix("250-").or_else(|| line.strip_prefix("250 ")) else {
                let matched = line.bytes().zip("250-".bytes()).take_while(|(a, b)| a == b).count();
                return Err(SmtpError::at(SmtpErrorKind::ExpectedEhloLine, at + matched));
            };
            done = line.as_bytes()[3] == b' ';
            if i == 0 {
                caps.greet(text, at + 4)?;
            } else {
                caps.extensions.push(extension(text, at + 4, strictness)?);
            }
        }
        if !done {
            return Err(SmtpError::at(SmtpErrorKind::EhloReplyIncomplete, reply.len()));
        }
        Ok(caps)
    }

    /// Reads the first line's text: `Domain [ SP ehlo-greet ]`.
    fn greet(&mut self, text: &'a str, at: usize) -> Result<(), SmtpError> {
        let (domain, greeting) = match text.split_once(' ') {
            Some((domain, greeting)) => (domain, Some(greeting)),
            None => (text, None),
        };
        if domain.is_empty() {
            return Err(SmtpError::at(SmtpErrorKind::ExpectedEhloLine, at));
        }
        self.domain = Cow::Borrowed(domain);
        self.greeting = greeting.map(Cow::Borrowed);
        Ok(())
    }

    /// The domain (or address literal) the server named itself by.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::capabilities::Capabilities;
    /// use mail_envelope::Strictness;
    /// assert_eq!(Capabilities::parse("250 [192.0.2.1]", Strictness::Strict)?.domain(), "[192.0.2.1]");
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The text after the domain on the first line, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::capabilities::Capabilities;
    /// use mail_envelope::Strictness;
    /// let caps = Capabilities::parse("250 mx.example at your service", Strictness::Strict)?;
    /// assert_eq!(caps.greeting(), Some("at your service"));
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn greeting(&self) -> Option<&str> {
        self.greeting.as_deref()
    }

    /// Every extension line, in order.
    pub fn extensions(&self) -> &[Extension<'a>] {
        &self.extensions
    }

    /// The first extension named `keyword` (any case).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::capabilities::Capabilities;
    /// use mail_envelope::Strictness;
    /// let caps = Capabilities::parse("250-mx.example\n250 MT-PRIORITY MIXER", Strictness::Standard)?;
    /// assert_eq!(caps.extension("mt-priority").unwrap().params().collect::<Vec<_>>(), ["MIXER"]);
    /// assert!(caps.offers("MT-PRIORITY") && !caps.offers("DSN"));
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn extension(&self, keyword: &str) -> Option<&Extension<'a>> {
        self.extensions.iter().find(|e| e.keyword.eq_ignore_ascii_case(keyword))
    }

    /// Whether the server offers the extension named `keyword` (any case).
    pub fn offers(&self, keyword: &str) -> bool {
        self.extension(keyword).is_some()
    }

    /// Whether an extension line has the capability `wanted`.
    fn has(&self, wanted: Capability) -> bool {
        self.extensions.iter().any(|e| e.capability == wanted)
    }

    /// `SIZE`: `None` when not offered; `Some(None)` when offered with no limit (no number, or
    /// 0, RFC 1870 §4); `Some(Some(n))` for a limit of `n` octets.
    pub fn size(&self) -> Option<Option<u64>> {
        self.extensions.iter().find_map(|e| match e.capability {
            Capability::Size(limit) => Some(limit),
            _ => None,
        })
    }

    /// Whether the server offers `PIPELINING` (RFC 2920).
    pub fn pipelining(&self) -> bool {
        self.has(Capability::Pipelining)
    }

    /// Whether the server offers `8BITMIME` (RFC 6152).
    pub fn eight_bit_mime(&self) -> bool {
        self.has(Capability::EightBitMime)
    }

    /// Whether the server offers `BINARYMIME` (RFC 3030).
    pub fn binary_mime(&self) -> bool {
        self.has(Capability::BinaryMime)
    }

    /// Whether the server offers `CHUNKING` (RFC 3030).
    pub fn chunking(&self) -> bool {
        self.has(Capability::Chunking)
    }

    /// Whether the server offers `SMTPUTF8` (RFC 6531).
    pub fn smtputf8(&self) -> bool {
        self.has(Capability::SmtpUtf8)
    }

    /// Whether the server offers `DSN` (RFC 3461).
    pub fn dsn(&self) -> bool {
        self.has(Capability::Dsn)
    }

    /// Whether the server offers `STARTTLS` (RFC 3207).
    pub fn starttls(&self) -> bool {
        self.has(Capability::StartTls)
    }

    /// Whether the server offers `ENHANCEDSTATUSCODES` (RFC 2034).
    pub fn enhanced_status_codes(&self) -> bool {
        self.has(Capability::EnhancedStatusCodes)
    }

    /// Whether the server offers `REQUIRETLS` (RFC 8689).
    pub fn requiretls(&self) -> bool {
        self.has(Capability::RequireTls)
    }

    /// The SASL mechanisms of every `AUTH` line, as written.
    pub fn auth_mechanisms(&self) -> impl Iterator<Item = &str> {
        self.params_of(Capability::Auth)
    }

    /// The attributes of every `XCLIENT` line (Postfix's XCLIENT), as written.
    pub fn xclient_attributes(&self) -> impl Iterator<Item = &str> {
        self.params_of(Capability::Xclient)
    }

    /// The parameters of every line with the capability `wanted`.
    fn params_of(&self, wanted: Capability) -> impl Iterator<Item = &str> {
        self.extensions
            .iter()
            .filter(move |e| e.capability == wanted)
            .flat_map(Extension::params)
    }

    /// Converts into a value that owns its text.
    pub fn into_owned(self) -> Capabilities<'static> {
        Capabilities {
            domain: Cow::Owned(self.domain.into_owned()),
            greeting: self.greeting.map(|g| Cow::Owned(g.into_owned())),
            extensions: self.extensions.into_iter().map(Extension::into_owned).collect(),
        }
    }
}

/// Reads an `ehlo-line` standing at `at` in the reply.
fn extension(text: &str, at: usize, strictness: Strictness) -> Result<Extension<'_>, SmtpError> {
    let strict = strictness == Strictness::Strict;
    let mut words = Vec::new();
    let mut start = 0;
    for (i, part) in text.split(' ').enumerate() {
        if part.is_empty() && (strict || i == 0) {
            return Err(SmtpError::at(SmtpErrorKind::InvalidEhloLine, at + start));
        }
        if !part.is_empty() {
            words.push((start, part));
        }
        start += part.len() + 1;
    }
    let Some(&(_, keyword)) = words.first() else {
        return Err(SmtpError::at(SmtpErrorKind::InvalidEhloLine, at));
    };
    let keyword_fault = if strict {
        keyword
            .bytes()
            .enumerate()
            .position(|(i, b)| !(b.is_ascii_alphanumeric() || (i > 0 && b == b'-')))
    } else {
        keyword.bytes().position(|b| !is_ehlo_param_byte(b))
    };
    if let Some(bad) = keyword_fault {
        return Err(SmtpError::at(SmtpErrorKind::InvalidEhloLine, at + bad));
    }
    for &(offset, param) in &words[1..] {
        if let Some(bad) = param.bytes().position(|b| !is_ehlo_param_byte(b)) {
            return Err(SmtpError::at(SmtpErrorKind::InvalidEhloLine, at + offset + bad));
        }
    }
    let keyword = if keyword.bytes().any(|b| b.is_ascii_lowercase()) {
        Cow::Owned(keyword.to_ascii_uppercase())
    } else {
        Cow::Borrowed(keyword)
    };
    let capability = capability(&keyword, words.get(1).copied(), at)?;
    Ok(Extension {
        keyword,
        params: words[1..].iter().map(|&(_, p)| Cow::Borrowed(p)).collect(),
        capability,
    })
}

/// What the crate knows of `keyword` (upper case); `first` is its first parameter and where it
/// stands in the line that starts at `at`.
fn capability(keyword: &str, first: Option<(usize, &str)>, at: usize) -> Result<Capability, SmtpError> {
    Ok(match keyword {
        "SIZE" => Capability::Size(match first {
            None => None,
            Some((offset, number)) => size_limit(number).map_err(|e| SmtpError::at(e.kind(), at + offset))?,
        }),
        "PIPELINING" => Capability::Pipelining,
        "8BITMIME" => Capability::EightBitMime,
        "BINARYMIME" => Capability::BinaryMime,
        "CHUNKING" => Capability::Chunking,
        "SMTPUTF8" => Capability::SmtpUtf8,
        "DSN" => Capability::Dsn,
        "AUTH" => Capability::Auth,
        "STARTTLS" => Capability::StartTls,
        "ENHANCEDSTATUSCODES" => Capability::EnhancedStatusCodes,
        "REQUIRETLS" => Capability::RequireTls,
        "XCLIENT" => Capability::Xclient,
        _ => Capability::Other,
    })
}

/// Reads the SIZE keyword's number (RFC 1870 §4 `size-param ::= [1*DIGIT]`); 0 is no limit.
fn size_limit(number: &str) -> Result<Option<u64>, SmtpError> {
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SmtpError::at(SmtpErrorKind::ExpectedSizeLimit, 0));
    }
    let limit = number
        .bytes()
        .try_fold(0u64, |n, digit| n.checked_mul(10)?.checked_add(u64::from(digit - b'0')))
        .ok_or(SmtpError::at(SmtpErrorKind::SizeTooLarge, 0))?;
    Ok((limit > 0).then_some(limit))
}

// ----- planning -----

/// What the planner needs to know of the message itself: whether it needs UTF-8 (RFC 6532
/// headers), its size in octets, and its body type.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::capabilities::MessageInfo;
/// use mail_envelope::smtp::param::Body;
///
/// let info = MessageInfo::default().utf8(true).size(12_000).body(Body::EightBitMime);
/// assert_eq!((info.utf8, info.size, info.body), (true, Some(12_000), Body::EightBitMime));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct MessageInfo {
    /// Whether the message needs SMTPUTF8 (UTF-8 in its headers, RFC 6532), whatever its
    /// envelope (default `false`).
    pub utf8: bool,
    /// Its size in octets, if known (default `None`): declared with `SIZE` when the server
    /// offers it.
    pub size: Option<u64>,
    /// Its body type (default [`Body::SevenBit`]).
    pub body: Body,
}

impl MessageInfo {
    /// Says whether the message needs SMTPUTF8.
    #[must_use]
    pub fn utf8(mut self, utf8: bool) -> Self {
        self.utf8 = utf8;
        self
    }

    /// Sets the message's size in octets.
    #[must_use]
    pub fn size(mut self, size: u64) -> Self {
        self.size = Some(size);
        self
    }

    /// Sets the body type.
    #[must_use]
    pub fn body(mut self, body: Body) -> Self {
        self.body = body;
        self
    }
}

/// The DSN parameters asked of one `RCPT TO` (RFC 3461): `NOTIFY`, and whether to add `ORCPT`
/// with the recipient's address.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::capabilities::DsnRequest;
/// use mail_envelope::smtp::param::Notify;
/// let dsn = DsnRequest::default().notify(Notify::Never).orcpt(true);
/// assert_eq!((dsn.notify, dsn.orcpt), (Some(Notify::Never), true));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct DsnRequest {
    /// `NOTIFY`, if wanted (default `None`).
    pub notify: Option<Notify>,
    /// Whether to add `ORCPT` (default `false`).
    pub orcpt: bool,
}

impl DsnRequest {
    /// Asks for `NOTIFY`.
    #[must_use]
    pub fn notify(mut self, notify: Notify) -> Self {
        self.notify = Some(notify);
        self
    }

    /// Asks for `ORCPT`, or not.
    #[must_use]
    pub fn orcpt(mut self, orcpt: bool) -> Self {
        self.orcpt = orcpt;
        self
    }

    /// Whether anything is asked.
    fn any(self) -> bool {
        self.notify.is_some() || self.orcpt
    }
}

/// The commands of one transaction, planned by [`Capabilities::plan_envelope`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvelopePlan<'a> {
    /// The `MAIL FROM` command.
    pub mail: MailFrom<'a>,
    /// One `RCPT TO` per forward-path, in order.
    pub rcpts: Vec<RcptTo<'a>>,
}

/// The error for a path the server cannot take without SMTPUTF8.
fn ascii_error(e: &EnvelopeError) -> SmtpError {
    match e.kind() {
        EnvelopeErrorKind::NonAsciiLocalPart => SmtpError::new(SmtpErrorKind::LocalPartNeedsSmtpUtf8),
        kind => SmtpError::new(SmtpErrorKind::Envelope(kind)),
    }
}

impl Capabilities<'_> {
    /// Whether a transaction uses SMTPUTF8: when its envelope (`envelope_utf8`, see
    /// [`Envelope::needs_smtputf8`]) or the message needs it and the server offers it (RFC 6531
    /// §3.4).
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::MessageNeedsSmtpUtf8`] when the message needs it and the server does not
    /// offer it: such a message cannot be sent. (An envelope that needs it may still go out in
    /// ASCII, if its local parts are ASCII.)
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::capabilities::{Capabilities, MessageInfo};
    /// use mail_envelope::Strictness;
    /// let caps = Capabilities::parse("250-mx.example\r\n250 SMTPUTF8\r\n", Strictness::Strict)?;
    /// assert!(caps.uses_smtputf8(true, &MessageInfo::default())?);
    /// assert!(!caps.uses_smtputf8(false, &MessageInfo::default())?);
    /// assert!(!Capabilities::default().uses_smtputf8(true, &MessageInfo::default())?);
    /// assert!(Capabilities::default().uses_smtputf8(false, &MessageInfo::default().utf8(true)).is_err());
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn uses_smtputf8(&self, envelope_utf8: bool, message: &MessageInfo) -> Result<bool, SmtpError> {
        if message.utf8 && !self.smtputf8() {
            return Err(SmtpError::new(SmtpErrorKind::MessageNeedsSmtpUtf8));
        }
        Ok((envelope_utf8 || message.utf8) && self.smtputf8())
    }

    /// Checks that the server offers `param`'s extension, as [`offers_param`](Self::offers_param)
    /// says.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::ExtensionNotOffered`] when it does not.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::capabilities::Capabilities;
    /// use mail_envelope::smtp::param::EsmtpParam;
    /// use mail_envelope::smtp::SmtpErrorKind;
    /// let err = Capabilities::default().check_param(&EsmtpParam::RequireTls).unwrap_err();
    /// assert_eq!(err.kind(), SmtpErrorKind::ExtensionNotOffered);
    /// ```
    pub fn check_param(&self, param: &EsmtpParam<'_>) -> Result<(), SmtpError> {
        if self.offers_param(param) {
            Ok(())
        } else {
            Err(SmtpError::new(SmtpErrorKind::ExtensionNotOffered))
        }
    }

    /// Whether the server offers the extension `param` belongs to: `SIZE`; `8BITMIME` for
    /// `BODY=7BIT`/`8BITMIME`; `BINARYMIME` and `CHUNKING` for `BODY=BINARYMIME`; `SMTPUTF8`;
    /// `DSN` for `RET`, `ENVID`, `NOTIFY`, `ORCPT`; `AUTH`; `REQUIRETLS`. A parameter the crate
    /// does not know is taken as offered: only its caller knows its extension.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::capabilities::Capabilities;
    /// use mail_envelope::smtp::param::{Body, EsmtpParam};
    /// use mail_envelope::Strictness;
    /// let caps = Capabilities::parse("250-mx.example\r\n250 8BITMIME\r\n", Strictness::Strict)?;
    /// assert!(caps.offers_param(&EsmtpParam::Body(Body::EightBitMime)));
    /// assert!(!caps.offers_param(&EsmtpParam::Size(10)));
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn offers_param(&self, param: &EsmtpParam<'_>) -> bool {
        match param {
            EsmtpParam::Size(_) => self.size().is_some(),
            EsmtpParam::Body(Body::BinaryMime) => self.binary_mime() && self.chunking(),
            EsmtpParam::Body(_) => self.eight_bit_mime(),
            EsmtpParam::SmtpUtf8 => self.smtputf8(),
            EsmtpParam::Ret(_) | EsmtpParam::EnvId(_) | EsmtpParam::Notify(_) | EsmtpParam::Orcpt { .. } => self.dsn(),
            EsmtpParam::Auth(_) => self.has(Capability::Auth),
            EsmtpParam::RequireTls => self.requiretls(),
            EsmtpParam::Other { .. } => true,
        }
    }

    /// Plans the `MAIL FROM` for `path` and `message`, for a transaction whose recipients need
    /// no SMTPUTF8 (see [`plan_envelope`](Self::plan_envelope) for a whole envelope).
    ///
    /// * `SMTPUTF8` when the path or the message needs it and the server offers it; not
    ///   offered, the path goes out with A-label domains, and a non-ASCII local part or a
    ///   message that needs UTF-8 is an error (RFC 6531 §3.2, §3.4).
    /// * `SIZE=n` when the server offers SIZE and the size is known.
    /// * `BODY=8BITMIME` / `BODY=BINARYMIME` for such a body (`7BIT` is the default and is not
    ///   written).
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::LocalPartNeedsSmtpUtf8`], [`SmtpErrorKind::MessageNeedsSmtpUtf8`],
    /// [`SmtpErrorKind::MessageTooLarge`], [`SmtpErrorKind::Needs8BitMime`],
    /// [`SmtpErrorKind::NeedsBinaryMime`], and [`SmtpErrorKind::Envelope`] for a path without
    /// an RFC 5321 form (or an A-label form).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::capabilities::{Capabilities, MessageInfo};
    /// use mail_envelope::smtp::SmtpErrorKind;
    /// use mail_envelope::{ReversePath, Strictness};
    ///
    /// let nothing = Capabilities::default();
    /// let info = MessageInfo::default();
    /// # #[cfg(feature = "idna")]
    /// assert_eq!(
    ///     nothing.plan_mail(&ReversePath::parse("<user@bücher.example>")?, &info)?.to_line()?,
    ///     "MAIL FROM:<user@xn--bcher-kva.example>\r\n"
    /// );
    /// let chinese = ReversePath::parse("<用户@例子.广告>")?;
    /// assert_eq!(nothing.plan_mail(&chinese, &info).unwrap_err().kind(), SmtpErrorKind::LocalPartNeedsSmtpUtf8);
    ///
    /// let caps = Capabilities::parse("250-mx.example\r\n250-SIZE 1000000\r\n250 SMTPUTF8\r\n", Strictness::Strict)?;
    /// let line = caps.plan_mail(&chinese, &info.size(5000))?.to_line()?;
    /// assert_eq!(line, "MAIL FROM:<用户@例子.广告> SIZE=5000 SMTPUTF8\r\n");
    /// # Ok::<(), mail_envelope::Error>(())
    /// ```
    pub fn plan_mail<'p>(&self, path: &'p ReversePath<'_>, message: &MessageInfo) -> Result<MailFrom<'p>, SmtpError> {
        let smtputf8 = self.uses_smtputf8(path.needs_smtputf8(), message)?;
        self.mail(path, smtputf8, message)
    }

    /// The `MAIL FROM` for `path`, with `SMTPUTF8` or with the path in ASCII.
    fn mail<'p>(
        &self,
        path: &'p ReversePath<'_>,
        smtputf8: bool,
        message: &MessageInfo,
    ) -> Result<MailFrom<'p>, SmtpError> {
        let path = if smtputf8 {
            path.clone()
        } else {
            path.to_ascii().map_err(|e| ascii_error(&e))?
        };
        let mut mail = MailFrom::new(path)?;
        if let (Some(limit), Some(size)) = (self.size(), message.size) {
            if limit.is_some_and(|limit| size > limit) {
                return Err(SmtpError::new(SmtpErrorKind::MessageTooLarge));
            }
            mail.push_param(EsmtpParam::Size(size))?;
        }
        match message.body {
            Body::SevenBit => {}
            Body::EightBitMime if !self.eight_bit_mime() => return Err(SmtpError::new(SmtpErrorKind::Needs8BitMime)),
            Body::BinaryMime if !(self.binary_mime() && self.chunking()) => {
                return Err(SmtpError::new(SmtpErrorKind::NeedsBinaryMime));
            }
            body => mail.push_param(EsmtpParam::Body(body))?,
        }
        if smtputf8 {
            mail.push_param(EsmtpParam::SmtpUtf8)?;
        }
        Ok(mail)
    }

    /// Plans the `RCPT TO` for `path` in a transaction whose `MAIL FROM` carries `SMTPUTF8`
    /// (`smtputf8`) or not: the path as it is, or with A-label domains; and the DSN parameters
    /// asked, which need the server to offer DSN.
    ///
    /// `ORCPT` carries the address as the `RCPT TO` sends it: `rfc822;` and its xtext when it
    /// is ASCII, `utf-8;` and its utf-8-addr-xtext otherwise (RFC 3461 §4.2, RFC 6533 §3).
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::LocalPartNeedsSmtpUtf8`] for a non-ASCII local part outside an
    /// SMTPUTF8 transaction, [`SmtpErrorKind::ExtensionNotOffered`] for DSN parameters the
    /// server does not take, [`SmtpErrorKind::Envelope`] for a path without an RFC 5321 form.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::capabilities::{Capabilities, DsnRequest};
    /// use mail_envelope::smtp::param::Notify;
    /// use mail_envelope::smtp::SmtpErrorKind;
    /// use mail_envelope::{ForwardPath, Strictness};
    ///
    /// let caps = Capabilities::parse("250-mx.example\r\n250 DSN\r\n", Strictness::Strict)?;
    /// let path = ForwardPath::parse("<Bob@Example.COM>")?;
    /// let dsn = DsnRequest::default().notify(Notify::Never).orcpt(true);
    /// assert_eq!(
    ///     caps.plan_rcpt(&path, false, &dsn)?.to_line()?,
    ///     "RCPT TO:<Bob@Example.COM> NOTIFY=NEVER ORCPT=rfc822;Bob@Example.COM\r\n"
    /// );
    /// let err = Capabilities::default().plan_rcpt(&path, false, &dsn).unwrap_err();
    /// assert_eq!(err.kind(), SmtpErrorKind::ExtensionNotOffered);
    /// # Ok::<(), mail_envelope::Error>(())
    /// ```
    pub fn plan_rcpt<'p>(
        &self,
        path: &'p ForwardPath<'_>,
        smtputf8: bool,
        dsn: &DsnRequest,
    ) -> Result<RcptTo<'p>, SmtpError> {
        let path = if smtputf8 && self.smtputf8() {
            path.clone()
        } else {
            path.to_ascii().map_err(|e| ascii_error(&e))?
        };
        if dsn.any() && !self.dsn() {
            return Err(SmtpError::new(SmtpErrorKind::ExtensionNotOffered));
        }
        let orcpt = dsn.orcpt.then(|| EsmtpParam::orcpt_for(&path));
        let mut rcpt = RcptTo::new(path)?;
        if let Some(notify) = dsn.notify {
            rcpt.push_param(EsmtpParam::Notify(notify))?;
        }
        if let Some(orcpt) = orcpt {
            rcpt.push_param(orcpt)?;
        }
        Ok(rcpt)
    }

    /// Plans the commands of a whole transaction: `SMTPUTF8` when any path or the message needs
    /// it (RFC 6531 §3.4) and the server offers it; otherwise every path in ASCII, or an error
    /// naming SMTPUTF8 for the first non-ASCII local part. The recipients get no DSN
    /// parameters (plan them one by one with [`plan_rcpt`](Self::plan_rcpt) for those).
    ///
    /// # Errors
    ///
    /// As [`plan_mail`](Self::plan_mail) and [`plan_rcpt`](Self::plan_rcpt).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::capabilities::{Capabilities, MessageInfo};
    /// use mail_envelope::{Envelope, ForwardPath, ReversePath, Strictness};
    ///
    /// let envelope = Envelope::new(
    ///     ReversePath::parse("<ops@example.com>")?,
    ///     vec![ForwardPath::parse("<jane@example.com>")?, ForwardPath::parse("<用户@例子.广告>")?],
    /// )?;
    /// let caps = Capabilities::parse("250-mx.example\r\n250 SMTPUTF8\r\n", Strictness::Strict)?;
    /// let plan = caps.plan_envelope(&envelope, &MessageInfo::default())?;
    /// // One recipient needs SMTPUTF8, so the whole transaction uses it.
    /// assert_eq!(plan.mail.to_line()?, "MAIL FROM:<ops@example.com> SMTPUTF8\r\n");
    /// assert_eq!(plan.rcpts[1].to_line()?, "RCPT TO:<用户@例子.广告>\r\n");
    /// assert!(Capabilities::default().plan_envelope(&envelope, &MessageInfo::default()).is_err());
    /// # Ok::<(), mail_envelope::Error>(())
    /// ```
    pub fn plan_envelope<'p>(
        &self,
        envelope: &'p Envelope<'_>,
        message: &MessageInfo,
    ) -> Result<EnvelopePlan<'p>, SmtpError> {
        let smtputf8 = self.uses_smtputf8(envelope.needs_smtputf8(), message)?;
        let mail = self.mail(envelope.reverse_path(), smtputf8, message)?;
        let rcpts = envelope
            .forward_paths()
            .iter()
            .map(|path| self.plan_rcpt(path, smtputf8, &DsnRequest::default()))
            .collect::<Result<_, _>>()?;
        Ok(EnvelopePlan { mail, rcpts })
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::ToString;

    use super::*;

    const FULL: &str = "250-mx.example.com Hello\r\n250-PIPELINING\r\n250-SIZE 10000\r\n250-8BITMIME\r\n\
                        250-BINARYMIME\r\n250-CHUNKING\r\n250-SMTPUTF8\r\n250-DSN\r\n250-AUTH PLAIN\r\n\
                        250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250-REQUIRETLS\r\n250 XCLIENT ADDR\r\n";

    fn caps(reply: &str) -> Capabilities<'_> {
        Capabilities::parse(reply, Strictness::Strict).unwrap()
    }

    #[test]
    fn every_known_keyword_is_typed() {
        let c = caps(FULL);
        assert_eq!(c.greeting(), Some("Hello"));
        assert!(c.pipelining() && c.eight_bit_mime() && c.binary_mime() && c.chunking() && c.smtputf8());
        assert!(c.dsn() && c.starttls() && c.enhanced_status_codes() && c.requiretls());
        assert_eq!(c.size(), Some(Some(10000)));
        assert!(c.extensions().iter().all(|e| e.capability() != Capability::Other));
        assert_eq!(c.extensions().len(), 12);
        assert!(!Capabilities::default().smtputf8());
        assert_eq!(Capabilities::default().size(), None);
    }

    #[test]
    fn size_without_a_limit() {
        assert_eq!(caps("250-a\r\n250 SIZE\r\n").size(), Some(None));
        assert_eq!(caps("250-a\r\n250 SIZE 0\r\n").size(), Some(None));
        let err = Capabilities::parse("250-a\r\n250 SIZE 10k\r\n", Strictness::Standard).unwrap_err();
        assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::ExpectedSizeLimit, Some(16)));
        let err =
            Capabilities::parse("250-a\r\n250 SIZE 99999999999999999999999\r\n", Strictness::Standard).unwrap_err();
        assert_eq!(err.kind(), SmtpErrorKind::SizeTooLarge);
    }

    #[test]
    fn strict_wants_crlf_and_single_spaces() {
        let loose = "250-mx.example\n250-AUTH=LOGIN PLAIN\n250 AUTH  PLAIN LOGIN";
        let c = Capabilities::parse(loose, Strictness::Standard).unwrap();
        assert_eq!(c.extensions()[0].capability(), Capability::Other);
        assert_eq!(c.auth_mechanisms().collect::<Vec<_>>(), ["PLAIN", "LOGIN"]);
        let err = Capabilities::parse(loose, Strictness::Strict).unwrap_err();
        assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::ForbiddenControl, Some(14)));
        let err = Capabilities::parse("250-a\r\n250 AUTH  PLAIN", Strictness::Strict).unwrap_err();
        assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::InvalidEhloLine, Some(16)));
        let err = Capabilities::parse("250-a\r\n250 AUTH=PLAIN", Strictness::Strict).unwrap_err();
        assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::InvalidEhloLine, Some(15)));
    }

    #[test]
    fn refuses_what_is_no_ehlo_reply() {
        let cases: &[(&str, SmtpErrorKind, usize)] = &[
            ("", SmtpErrorKind::EhloReplyIncomplete, 0),
            ("220 mx.example ESMTP\r\n", SmtpErrorKind::ExpectedEhloLine, 1),
            ("250-a\r\n251 b\r\n", SmtpErrorKind::ExpectedEhloLine, 9),
            ("250 a\r\n250 b\r\n", SmtpErrorKind::ExpectedEhloLine, 7),
            ("250 \r\n", SmtpErrorKind::ExpectedEhloLine, 4),
            ("250-a\r\n250 \r\n", SmtpErrorKind::InvalidEhloLine, 11),
            ("250-a\r\n250 X\rY\r\n", SmtpErrorKind::ForbiddenControl, 12),
            ("250-a\r\n250 X \u{1}\r\n", SmtpErrorKind::InvalidEhloLine, 13),
            ("250-a\r\n250 X\0\r\n", SmtpErrorKind::ForbiddenControl, 12),
            ("250", SmtpErrorKind::ExpectedEhloLine, 3),
        ];
        for &(reply, kind, at) in cases {
            for strictness in [Strictness::Strict, Strictness::Standard] {
                let err = Capabilities::parse(reply, strictness).unwrap_err();
                assert_eq!((err.kind(), err.offset()), (kind, Some(at)), "{reply:?}");
            }
        }
    }

    #[test]
    fn plans_smtputf8_only_when_needed() {
        let c = caps(FULL);
        let ascii = ReversePath::parse("<ops@example.com>").unwrap();
        let info = MessageInfo::default();
        assert_eq!(
            c.plan_mail(&ascii, &info).unwrap().to_line().unwrap(),
            "MAIL FROM:<ops@example.com>\r\n"
        );
        assert_eq!(
            c.plan_mail(&ascii, &info.utf8(true)).unwrap().to_line().unwrap(),
            "MAIL FROM:<ops@example.com> SMTPUTF8\r\n"
        );
        let err = Capabilities::default().plan_mail(&ascii, &info.utf8(true)).unwrap_err();
        assert_eq!(err.kind(), SmtpErrorKind::MessageNeedsSmtpUtf8);
        assert!(err.to_string().contains("SMTPUTF8"));
        let err = Capabilities::default()
            .plan_mail(&ReversePath::parse("<jörg@example.com>").unwrap(), &info)
            .unwrap_err();
        assert!(err.to_string().contains("SMTPUTF8"));
    }

    #[test]
    fn plans_size_and_body() {
        let c = caps(FULL);
        let null = ReversePath::Null;
        let info = MessageInfo::default().size(10000).body(Body::BinaryMime);
        assert_eq!(
            c.plan_mail(&null, &info).unwrap().to_line().unwrap(),
            "MAIL FROM:<> SIZE=10000 BODY=BINARYMIME\r\n"
        );
        assert_eq!(
            c.plan_mail(&null, &info.size(10001)).unwrap_err().kind(),
            SmtpErrorKind::MessageTooLarge
        );
        let plain = caps("250-a\r\n250 SIZE\r\n");
        assert_eq!(
            plain
                .plan_mail(&null, &MessageInfo::default().size(u64::MAX))
                .unwrap()
                .to_line()
                .unwrap(),
            "MAIL FROM:<> SIZE=18446744073709551615\r\n"
        );
        let eight = MessageInfo::default().body(Body::EightBitMime);
        assert_eq!(
            plain.plan_mail(&null, &eight).unwrap_err().kind(),
            SmtpErrorKind::Needs8BitMime
        );
        let binary_no_chunking = caps("250-a\r\n250 BINARYMIME\r\n");
        assert_eq!(
            binary_no_chunking
                .plan_mail(&null, &MessageInfo::default().body(Body::BinaryMime))
                .unwrap_err()
                .kind(),
            SmtpErrorKind::NeedsBinaryMime
        );
        // Not offered: no SIZE is declared.
        assert_eq!(
            Capabilities::default()
                .plan_mail(&null, &MessageInfo::default().size(5))
                .unwrap()
                .to_line()
                .unwrap(),
            "MAIL FROM:<>\r\n"
        );
    }

    #[cfg(feature = "idna")]
    #[test]
    fn plans_a_labels_without_smtputf8() {
        let path = ForwardPath::parse("<jane@bücher.example>").unwrap();
        let nothing = Capabilities::default();
        let dsn = DsnRequest::default();
        assert_eq!(
            nothing.plan_rcpt(&path, true, &dsn).unwrap().to_line().unwrap(),
            "RCPT TO:<jane@xn--bcher-kva.example>\r\n"
        );
        let c = caps(FULL);
        assert_eq!(
            c.plan_rcpt(&path, true, &DsnRequest::default().orcpt(true))
                .unwrap()
                .to_line()
                .unwrap(),
            "RCPT TO:<jane@bücher.example> ORCPT=utf-8;jane@b\\x{FC}cher.example\r\n"
        );
        assert_eq!(
            c.plan_rcpt(&path, false, &DsnRequest::default().orcpt(true))
                .unwrap()
                .to_line()
                .unwrap(),
            "RCPT TO:<jane@xn--bcher-kva.example> ORCPT=rfc822;jane@xn--bcher-kva.example\r\n"
        );
    }
}
