//! The Postfix XCLIENT and XFORWARD commands (Postfix `XCLIENT_README`, `XFORWARD_README`): a
//! proxy or content filter tells the server about the client it stands for.
//!
//! ```text
//! xclient-command  = XCLIENT 1*( SP attribute-name"="attribute-value )
//! attribute-name   = ( NAME | ADDR | PORT | PROTO | HELO | LOGIN | DESTADDR | DESTPORT )
//! xforward-command = XFORWARD 1*( SP attribute-name"="attribute-value )
//! attribute-name   = ( NAME | ADDR | PORT | PROTO | HELO | IDENT | SOURCE )
//! attribute-value  = xtext
//! ```
//!
//! Values are typed ([`Hostname`], [`IpAddr`], port numbers, [`AttributeText`], …), and each is
//! xtext-encoded (RFC 3461 §4) into the line, so no CR, LF, NUL or space can get into one.
//! `[UNAVAILABLE]` ([`Value::Unavailable`]) stands for information the proxy does not have;
//! XCLIENT's NAME may also be `[TEMPUNAVAIL]` (a lookup that failed for now). An IPv6 address
//! goes out as `IPV6:` and the address, never in brackets. Attribute names, `[UNAVAILABLE]`,
//! `[TEMPUNAVAIL]` and `IPV6:` are read in any case.
//!
//! An attribute value is at most 255 octets as xtext, and a command line at most 512 octets with
//! its CRLF (RFC 5321 §4.5.3.1.4): the lines are split where one would be longer. Since Postfix
//! decides whether a client may send XCLIENT by the client's name and address, "once ADDR is
//! sent, the client is usually no longer authorized to send XCLIENT commands": when XCLIENT takes
//! more than one line, NAME and ADDR go together in the last.
//!
//! The values are checked as Postfix's `smtpd` checks them (`xclient_cmd`, `xforward_cmd` in
//! `smtpd.c`): NAME is a hostname by `valid_hostname()`, PORT at most five digits, XCLIENT's
//! PROTO `SMTP` or `ESMTP`, XFORWARD's PROTO at most 64 characters, SOURCE `LOCAL` or `REMOTE`.
//! This crate also refuses a port above 65535 and control characters in any value. Postfix
//! replaces the characters ` <>()\";@` with `?` in HELO, PROTO and IDENT values.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::xtext;
use super::{SmtpError, SmtpErrorKind};
use crate::Strictness;

/// The longest command line, CRLF excluded (RFC 5321 §4.5.3.1.4: 512 octets with it).
const MAX_LINE: usize = 510;

/// The longest attribute value, as xtext (Postfix refuses longer ones).
const MAX_VALUE: usize = 255;

/// The longest XFORWARD PROTO value.
const MAX_XFORWARD_PROTO: usize = 64;

/// The longest hostname (Postfix `VALID_HOSTNAME_LEN`) and label (`VALID_LABEL_LEN`).
const MAX_HOSTNAME: usize = 255;
const MAX_LABEL: usize = 63;

const UNAVAILABLE: &str = "[UNAVAILABLE]";
const TEMPUNAVAIL: &str = "[TEMPUNAVAIL]";
const IPV6_PREFIX: &str = "IPV6:";

/// A value, or `[UNAVAILABLE]` when the proxy does not have it.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::xclient::{Value, XClient, XClientAttribute};
///
/// let xclient = XClient::new(vec![XClientAttribute::Port(Value::Unavailable)])?;
/// assert_eq!(xclient.to_lines(), ["XCLIENT PORT=[UNAVAILABLE]\r\n"]);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value<T> {
    /// The value.
    Known(T),
    /// `[UNAVAILABLE]`.
    Unavailable,
}

impl<T> Value<T> {
    /// Reads `[UNAVAILABLE]` (in any case), or the value by `read`.
    fn read(text: &str, read: impl FnOnce(&str) -> Option<T>) -> Option<Value<T>> {
        if text.eq_ignore_ascii_case(UNAVAILABLE) {
            Some(Value::Unavailable)
        } else {
            read(text).map(Value::Known)
        }
    }

    /// The attribute-value before xtext: `[UNAVAILABLE]`, or the value by `show`.
    fn text(&self, show: impl FnOnce(&T) -> String) -> String {
        match self {
            Value::Known(value) => show(value),
            Value::Unavailable => UNAVAILABLE.to_string(),
        }
    }
}

/// A hostname as Postfix's `valid_hostname()` takes it: labels of letters, digits, `-` and `_`
/// separated by dots, each at most 63 characters, no `-` at the start or end of a label, not
/// all digits, at most 255 characters.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::xclient::Hostname;
///
/// assert_eq!(Hostname::new("spike.porcupine.org")?.as_str(), "spike.porcupine.org");
/// assert!(Hostname::new("192.0.2.1").is_err());
/// assert!(Hostname::new("-bad.example").is_err());
/// assert!(Hostname::new("two words").is_err());
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hostname(String);

impl Hostname {
    /// Checks `name`.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::XclientValue`] at the first character at fault (or at 0 for a name that
    /// is empty, all digits or too long).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::Hostname;
    ///
    /// assert_eq!(Hostname::new("mx..example").unwrap_err().offset(), Some(3));
    /// ```
    pub fn new(name: &str) -> Result<Hostname, SmtpError> {
        check_hostname(name.as_bytes())
            .map(|()| Hostname(name.to_string()))
            .map_err(|at| SmtpError::at(SmtpErrorKind::XclientValue, at))
    }

    /// The name.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(mail_envelope::smtp::xclient::Hostname::new("mx.example")?.as_str(), "mx.example");
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Hostname {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Postfix `valid_hostname()`: `Err` with the offset of the fault.
fn check_hostname(name: &[u8]) -> Result<(), usize> {
    if name.is_empty() || name.len() > MAX_HOSTNAME {
        return Err(0);
    }
    let mut label_len = 0;
    let mut non_numeric = false;
    for (at, &byte) in name.iter().enumerate() {
        let next = name.get(at + 1).copied();
        match byte {
            b'.' if label_len == 0 || next.is_none() => return Err(at),
            b'.' => label_len = 0,
            b'-' if label_len == 0 || matches!(next, None | Some(b'.')) => return Err(at),
            b'-' => {
                label_len += 1;
                non_numeric = true;
            }
            _ if byte.is_ascii_alphanumeric() || byte == b'_' => {
                label_len += 1;
                non_numeric |= !byte.is_ascii_digit();
            }
            _ => return Err(at),
        }
        if label_len > MAX_LABEL {
            return Err(at);
        }
    }
    if non_numeric {
        Ok(())
    } else {
        Err(0)
    }
}

/// Free text for HELO, LOGIN, PROTO (XFORWARD) and IDENT: at least one character, no control
/// character, at most 255 octets once xtext-encoded, and not `[UNAVAILABLE]` or `[TEMPUNAVAIL]`
/// (in any case), which would read back as the special values.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::xclient::AttributeText;
///
/// assert_eq!(AttributeText::new("jdoe@example.org")?.as_str(), "jdoe@example.org");
/// assert!(AttributeText::new("a\r\nRCPT TO:<x@y>").is_err());
/// assert!(AttributeText::new("[unavailable]").is_err());
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AttributeText(String);

impl AttributeText {
    /// Checks `text`.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::Empty`] for an empty text, [`SmtpErrorKind::XclientValue`] at a control
    /// character or for a special value, and [`SmtpErrorKind::XclientValueTooLong`] for a text
    /// longer than 255 octets as xtext.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::AttributeText;
    /// use mail_envelope::smtp::SmtpErrorKind;
    ///
    /// assert_eq!(AttributeText::new("x".repeat(256).as_str()).unwrap_err().kind(), SmtpErrorKind::XclientValueTooLong);
    /// assert_eq!(AttributeText::new("a\tb").unwrap_err().offset(), Some(1));
    /// ```
    pub fn new(text: &str) -> Result<AttributeText, SmtpError> {
        if text.is_empty() {
            return Err(SmtpError::at(SmtpErrorKind::Empty, 0));
        }
        if let Some((at, _)) = text.char_indices().find(|(_, c)| c.is_control()) {
            return Err(SmtpError::at(SmtpErrorKind::XclientValue, at));
        }
        if text.eq_ignore_ascii_case(UNAVAILABLE) || text.eq_ignore_ascii_case(TEMPUNAVAIL) {
            return Err(SmtpError::at(SmtpErrorKind::XclientValue, 0));
        }
        if xtext::encode(text).len() > MAX_VALUE {
            return Err(SmtpError::new(SmtpErrorKind::XclientValueTooLong));
        }
        Ok(AttributeText(text.to_string()))
    }

    /// The text.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(mail_envelope::smtp::xclient::AttributeText::new("QQ3141")?.as_str(), "QQ3141");
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AttributeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// XCLIENT's NAME: the client's hostname, or why there is none.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::xclient::{ClientName, XClient, XClientAttribute};
///
/// let xclient = XClient::new(vec![XClientAttribute::Name(ClientName::TempUnavailable)])?;
/// assert_eq!(xclient.to_lines(), ["XCLIENT NAME=[TEMPUNAVAIL]\r\n"]);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ClientName {
    /// The hostname.
    Known(Hostname),
    /// `[UNAVAILABLE]`: the hostname lookup failed for good.
    Unavailable,
    /// `[TEMPUNAVAIL]`: the hostname lookup failed for now.
    TempUnavailable,
}

/// XCLIENT's PROTO.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::xclient::{XClient, XClientAttribute, XClientProto};
///
/// let xclient = XClient::new(vec![XClientAttribute::Proto(XClientProto::Esmtp)])?;
/// assert_eq!(xclient.to_lines(), ["XCLIENT PROTO=ESMTP\r\n"]);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum XClientProto {
    /// `SMTP`: the client greeted with HELO.
    Smtp,
    /// `ESMTP`: the client greeted with EHLO.
    Esmtp,
}

/// XFORWARD's SOURCE: where the up-stream host got the message.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::xclient::{Source, Value, XForward, XForwardAttribute};
///
/// let xforward = XForward::new(vec![XForwardAttribute::Source(Value::Known(Source::Remote))])?;
/// assert_eq!(xforward.to_lines(), ["XFORWARD SOURCE=REMOTE\r\n"]);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// `LOCAL`: from the up-stream host itself, or a source local to it.
    Local,
    /// `REMOTE`: any other mail.
    Remote,
}

/// An ADDR or DESTADDR value: IPv4 as is, IPv6 after `IPV6:`, never in brackets.
fn address_text(address: &IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => alloc::format!("{IPV6_PREFIX}{v6}"),
    }
}

/// Reads an ADDR or DESTADDR value: `IPV6:` (in any case) and an IPv6 address, or an IPv4
/// address, or (as Postfix takes it) an IPv6 address without the prefix.
fn read_address(text: &str) -> Option<IpAddr> {
    let prefix = text.get(..IPV6_PREFIX.len());
    if prefix.is_some_and(|p| p.eq_ignore_ascii_case(IPV6_PREFIX)) {
        return text.get(IPV6_PREFIX.len()..)?.parse::<Ipv6Addr>().ok().map(IpAddr::V6);
    }
    if let Ok(v4) = text.parse::<Ipv4Addr>() {
        return Some(IpAddr::V4(v4));
    }
    text.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
}

/// Reads a PORT or DESTPORT value: one to five digits, at most 65535.
fn read_port(text: &str) -> Option<u16> {
    if text.is_empty() || text.len() > 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// What XCLIENT and XFORWARD attributes share: a name, a value as text, and how both are read.
trait Attribute: Sized + Clone {
    /// The command's verb.
    const VERB: &'static str;

    /// The attribute's name, upper case.
    fn name(&self) -> &'static str;

    /// The attribute-value before xtext.
    fn value(&self) -> String;

    /// The attribute named `name` (any case) with the value `value` (before xtext): `Err(true)`
    /// for an unknown name, `Err(false)` for a value the attribute does not allow.
    fn read(name: &str, value: &str) -> Result<Self, bool>;

    /// Whether the attribute must go in the last line when the command is split.
    fn goes_last(&self) -> bool;

    /// A check of the attribute beyond its value type.
    fn check(&self) -> Result<(), SmtpError> {
        Ok(())
    }
}

/// One XCLIENT attribute with its typed value.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::xclient::{Value, XClientAttribute};
///
/// let addr = XClientAttribute::from_name_value("addr", "IPv6:2001:db8::1")?;
/// assert_eq!(addr, XClientAttribute::Addr(Value::Known("2001:db8::1".parse().unwrap())));
/// assert_eq!(addr.name(), "ADDR");
/// assert_eq!(addr.value(), "IPV6:2001:db8::1");
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum XClientAttribute {
    /// NAME: the client's hostname.
    Name(ClientName),
    /// ADDR: the client's IP address.
    Addr(Value<IpAddr>),
    /// PORT: the client's TCP port.
    Port(Value<u16>),
    /// PROTO: SMTP or ESMTP.
    Proto(XClientProto),
    /// HELO: the client's HELO or EHLO argument.
    Helo(Value<AttributeText>),
    /// LOGIN: the client's SASL login name.
    Login(Value<AttributeText>),
    /// DESTADDR: the server's IP address.
    DestAddr(Value<IpAddr>),
    /// DESTPORT: the server's TCP port.
    DestPort(Value<u16>),
}

impl XClientAttribute {
    /// The attribute `name` (in any case) with `value`, the attribute-value before xtext:
    /// `[UNAVAILABLE]` or `[TEMPUNAVAIL]` (in any case) where the attribute allows them, an
    /// address with or without `IPV6:`, a port number, `SMTP` or `ESMTP`, or text.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::XclientAttribute`] for a name XCLIENT does not define, and
    /// [`SmtpErrorKind::XclientValue`] (or the error of [`AttributeText::new`]) for a value the
    /// attribute does not allow.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::{ClientName, XClientAttribute};
    ///
    /// assert_eq!(XClientAttribute::from_name_value("NAME", "[tempunavail]")?, XClientAttribute::Name(ClientName::TempUnavailable));
    /// assert!(XClientAttribute::from_name_value("IDENT", "x").is_err());
    /// assert!(XClientAttribute::from_name_value("PORT", "65536").is_err());
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn from_name_value(name: &str, value: &str) -> Result<XClientAttribute, SmtpError> {
        from_name_value(name, value)
    }

    /// The attribute's name, upper case.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::{Value, XClientAttribute};
    ///
    /// assert_eq!(XClientAttribute::DestPort(Value::Known(25)).name(), "DESTPORT");
    /// ```
    pub fn name(&self) -> &'static str {
        Attribute::name(self)
    }

    /// The attribute-value before xtext (`[UNAVAILABLE]`, `IPV6:…`, the text).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::{AttributeText, Value, XClientAttribute};
    ///
    /// let login = XClientAttribute::Login(Value::Known(AttributeText::new("jdoe")?));
    /// assert_eq!(login.value(), "jdoe");
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn value(&self) -> String {
        Attribute::value(self)
    }
}

impl Attribute for XClientAttribute {
    const VERB: &'static str = "XCLIENT";

    fn name(&self) -> &'static str {
        match self {
            XClientAttribute::Name(_) => "NAME",
            XClientAttribute::Addr(_) => "ADDR",
            XClientAttribute::Port(_) => "PORT",
            XClientAttribute::Proto(_) => "PROTO",
            XClientAttribute::Helo(_) => "HELO",
            XClientAttribute::Login(_) => "LOGIN",
            XClientAttribute::DestAddr(_) => "DESTADDR",
            XClientAttribute::DestPort(_) => "DESTPORT",
        }
    }

    fn value(&self) -> String {
        match self {
            XClientAttribute::Name(ClientName::Known(name)) => name.to_string(),
            XClientAttribute::Name(ClientName::Unavailable) => UNAVAILABLE.to_string(),
            XClientAttribute::Name(ClientName::TempUnavailable) => TEMPUNAVAIL.to_string(),
            XClientAttribute::Addr(addr) | XClientAttribute::DestAddr(addr) => addr.text(address_text),
            XClientAttribute::Port(port) | XClientAttribute::DestPort(port) => port.text(ToString::to_string),
            XClientAttribute::Proto(XClientProto::Smtp) => "SMTP".to_string(),
            XClientAttribute::Proto(XClientProto::Esmtp) => "ESMTP".to_string(),
            XClientAttribute::Helo(text) | XClientAttribute::Login(text) => text.text(ToString::to_string),
        }
    }

    fn read(name: &str, value: &str) -> Result<Self, bool> {
        let text = |v: &str| AttributeText::new(v).ok();
        let attribute = match name.to_ascii_uppercase().as_str() {
            "NAME" if value.eq_ignore_ascii_case(TEMPUNAVAIL) => {
                Some(XClientAttribute::Name(ClientName::TempUnavailable))
            }
            "NAME" if value.eq_ignore_ascii_case(UNAVAILABLE) => Some(XClientAttribute::Name(ClientName::Unavailable)),
            "NAME" => Hostname::new(value)
                .ok()
                .map(|h| XClientAttribute::Name(ClientName::Known(h))),
            "ADDR" => Value::read(value, read_address).map(XClientAttribute::Addr),
            "PORT" => Value::read(value, read_port).map(XClientAttribute::Port),
            "PROTO" if value.eq_ignore_ascii_case("SMTP") => Some(XClientAttribute::Proto(XClientProto::Smtp)),
            "PROTO" if value.eq_ignore_ascii_case("ESMTP") => Some(XClientAttribute::Proto(XClientProto::Esmtp)),
            "PROTO" => None,
            "HELO" => Value::read(value, text).map(XClientAttribute::Helo),
            "LOGIN" => Value::read(value, text).map(XClientAttribute::Login),
            "DESTADDR" => Value::read(value, read_address).map(XClientAttribute::DestAddr),
            "DESTPORT" => Value::read(value, read_port).map(XClientAttribute::DestPort),
            _ => return Err(true),
        };
        attribute.ok_or(false)
    }

    fn goes_last(&self) -> bool {
        matches!(self, XClientAttribute::Name(_) | XClientAttribute::Addr(_))
    }
}

/// One XFORWARD attribute with its typed value.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::xclient::{AttributeText, Value, XForwardAttribute};
///
/// let ident = XForwardAttribute::from_name_value("ident", "3CF6B2AAE8")?;
/// assert_eq!(ident, XForwardAttribute::Ident(Value::Known(AttributeText::new("3CF6B2AAE8")?)));
/// assert_eq!(ident.name(), "IDENT");
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum XForwardAttribute {
    /// NAME: the up-stream hostname.
    Name(Value<Hostname>),
    /// ADDR: the up-stream IP address.
    Addr(Value<IpAddr>),
    /// PORT: the up-stream client's TCP port.
    Port(Value<u16>),
    /// PROTO: the protocol the mail came in by, at most 64 characters.
    Proto(Value<AttributeText>),
    /// HELO: the name the up-stream host announced itself with.
    Helo(Value<AttributeText>),
    /// IDENT: the message's identifier on the up-stream host.
    Ident(Value<AttributeText>),
    /// SOURCE: LOCAL or REMOTE.
    Source(Value<Source>),
}

impl XForwardAttribute {
    /// The attribute `name` (in any case) with `value`, the attribute-value before xtext, as
    /// [`XClientAttribute::from_name_value`] reads it; PROTO is text of at most 64 characters
    /// and SOURCE `LOCAL` or `REMOTE` (in any case).
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::XclientAttribute`] for a name XFORWARD does not define, and
    /// [`SmtpErrorKind::XclientValue`] for a value the attribute does not allow.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::{Source, Value, XForwardAttribute};
    ///
    /// assert_eq!(XForwardAttribute::from_name_value("SOURCE", "local")?, XForwardAttribute::Source(Value::Known(Source::Local)));
    /// assert!(XForwardAttribute::from_name_value("LOGIN", "jdoe").is_err());
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn from_name_value(name: &str, value: &str) -> Result<XForwardAttribute, SmtpError> {
        from_name_value(name, value)
    }

    /// The attribute's name, upper case.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::{Value, XForwardAttribute};
    ///
    /// assert_eq!(XForwardAttribute::Source(Value::Unavailable).name(), "SOURCE");
    /// ```
    pub fn name(&self) -> &'static str {
        Attribute::name(self)
    }

    /// The attribute-value before xtext.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::{Value, XForwardAttribute};
    ///
    /// assert_eq!(XForwardAttribute::Port(Value::Known(4025)).value(), "4025");
    /// ```
    pub fn value(&self) -> String {
        Attribute::value(self)
    }
}

impl Attribute for XForwardAttribute {
    const VERB: &'static str = "XFORWARD";

    fn name(&self) -> &'static str {
        match self {
            XForwardAttribute::Name(_) => "NAME",
            XForwardAttribute::Addr(_) => "ADDR",
            XForwardAttribute::Port(_) => "PORT",
            XForwardAttribute::Proto(_) => "PROTO",
            XForwardAttribute::Helo(_) => "HELO",
            XForwardAttribute::Ident(_) => "IDENT",
            XForwardAttribute::Source(_) => "SOURCE",
        }
    }

    fn value(&self) -> String {
        match self {
            XForwardAttribute::Name(name) => name.text(ToString::to_string),
            XForwardAttribute::Addr(addr) => addr.text(address_text),
            XForwardAttribute::Port(port) => port.text(ToString::to_string),
            XForwardAttribute::Proto(text) | XForwardAttribute::Helo(text) | XForwardAttribute::Ident(text) => {
                text.text(ToString::to_string)
            }
            XForwardAttribute::Source(source) => source.text(|s| {
                match s {
                    Source::Local => "LOCAL",
                    Source::Remote => "REMOTE",
                }
                .to_string()
            }),
        }
    }

    fn read(name: &str, value: &str) -> Result<Self, bool> {
        let text = |v: &str| AttributeText::new(v).ok();
        let source = |v: &str| {
            if v.eq_ignore_ascii_case("LOCAL") {
                Some(Source::Local)
            } else if v.eq_ignore_ascii_case("REMOTE") {
                Some(Source::Remote)
            } else {
                None
            }
        };
        let attribute = match name.to_ascii_uppercase().as_str() {
            "NAME" => Value::read(value, |v| Hostname::new(v).ok()).map(XForwardAttribute::Name),
            "ADDR" => Value::read(value, read_address).map(XForwardAttribute::Addr),
            "PORT" => Value::read(value, read_port).map(XForwardAttribute::Port),
            "PROTO" => Value::read(value, text).map(XForwardAttribute::Proto),
            "HELO" => Value::read(value, text).map(XForwardAttribute::Helo),
            "IDENT" => Value::read(value, text).map(XForwardAttribute::Ident),
            "SOURCE" => Value::read(value, source).map(XForwardAttribute::Source),
            _ => return Err(true),
        };
        let attribute = attribute.ok_or(false)?;
        attribute.check().map_err(|_| false)?;
        Ok(attribute)
    }

    fn goes_last(&self) -> bool {
        false
    }

    fn check(&self) -> Result<(), SmtpError> {
        match self {
            XForwardAttribute::Proto(Value::Known(proto)) if proto.as_str().len() > MAX_XFORWARD_PROTO => {
                Err(SmtpError::new(SmtpErrorKind::XclientValue))
            }
            _ => Ok(()),
        }
    }
}

/// The attribute `name` with `value`, as an error of the crate when it is not one.
fn from_name_value<A: Attribute>(name: &str, value: &str) -> Result<A, SmtpError> {
    match A::read(name, value) {
        Ok(attribute) => Ok(attribute),
        Err(true) => Err(SmtpError::at(SmtpErrorKind::XclientAttribute, 0)),
        Err(false) => Err(match AttributeText::new(value) {
            // The reason a text value fails is more precise than "not allowed".
            Err(e) if e.kind() != SmtpErrorKind::XclientValue => e,
            _ => SmtpError::new(SmtpErrorKind::XclientValue),
        }),
    }
}

/// Checks a command's attributes: at least one, none twice, each as its attribute requires.
fn check_attributes<A: Attribute>(attributes: &[A]) -> Result<(), SmtpError> {
    if attributes.is_empty() {
        return Err(SmtpError::new(SmtpErrorKind::XclientNoAttributes));
    }
    for (i, attribute) in attributes.iter().enumerate() {
        attribute.check()?;
        if attributes
            .get(..i)
            .unwrap_or_default()
            .iter()
            .any(|a| a.name() == attribute.name())
        {
            return Err(SmtpError::new(SmtpErrorKind::XclientDuplicate));
        }
    }
    Ok(())
}

/// The command lines for `attributes`: one line if it fits in 512 octets; else as many as
/// needed, filled in order, the attributes that go last (XCLIENT's NAME and ADDR) together in
/// the last line.
fn to_lines<A: Attribute>(attributes: &[A]) -> Vec<String> {
    let token = |a: &A| alloc::format!("{}={}", a.name(), xtext::encode(&a.value()));
    let tokens: Vec<String> = attributes.iter().map(token).collect();
    let one_line = A::VERB.len() + tokens.iter().map(|t| 1 + t.len()).sum::<usize>();
    let mut lines: Vec<String> = Vec::new();
    if one_line <= MAX_LINE {
        lines.push(join(A::VERB, tokens.iter()));
    } else {
        let (last, first): (Vec<_>, Vec<_>) = attributes
            .iter()
            .zip(&tokens)
            .partition(|(attribute, _)| attribute.goes_last());
        let mut line = String::new();
        for (_, token) in first {
            if !line.is_empty() && line.len() + 1 + token.len() > MAX_LINE {
                lines.push(core::mem::take(&mut line));
            }
            if line.is_empty() {
                line.push_str(A::VERB);
            }
            line.push(' ');
            line.push_str(token);
        }
        let last_group = last.iter().map(|(_, token)| 1 + token.len()).sum::<usize>();
        if !line.is_empty() && line.len() + last_group > MAX_LINE {
            lines.push(core::mem::take(&mut line));
        }
        if !last.is_empty() {
            if line.is_empty() {
                line.push_str(A::VERB);
            }
            for (_, token) in last {
                line.push(' ');
                line.push_str(token);
            }
        }
        lines.push(line);
    }
    for line in &mut lines {
        line.push_str("\r\n");
    }
    lines
}

/// `verb` and the tokens, a space before each.
fn join<'t>(verb: &str, tokens: impl Iterator<Item = &'t String>) -> String {
    let mut line = String::from(verb);
    for token in tokens {
        line.push(' ');
        line.push_str(token);
    }
    line
}

/// Reads a command line of `A`'s verb, with or without its CRLF.
fn parse_line<A: Attribute>(line: &str) -> Result<Vec<A>, SmtpError> {
    let body = line.strip_suffix("\r\n").unwrap_or(line);
    let verb = body.get(..A::VERB.len()).filter(|v| v.eq_ignore_ascii_case(A::VERB));
    if verb.is_none() || !body.get(A::VERB.len()..).is_some_and(|rest| rest.starts_with(' ')) {
        return Err(SmtpError::at(SmtpErrorKind::XclientVerb, 0));
    }
    let mut attributes: Vec<A> = Vec::new();
    let mut at = A::VERB.len();
    for token in body.get(A::VERB.len()..).unwrap_or_default().split(' ') {
        let start = at;
        at += token.len() + 1;
        if token.is_empty() {
            continue;
        }
        let Some((name, wire)) = token.split_once('=').filter(|(_, wire)| !wire.is_empty()) else {
            return Err(SmtpError::at(SmtpErrorKind::XclientAttribute, start));
        };
        let value_at = start + name.len() + 1;
        if wire.len() > MAX_VALUE {
            return Err(SmtpError::at(SmtpErrorKind::XclientValueTooLong, value_at));
        }
        let value = xtext::decode(wire, Strictness::Standard)
            .map_err(|e| SmtpError::at(e.kind(), value_at + e.offset().unwrap_or(0)))?;
        let attribute = match A::read(name, &value) {
            Ok(attribute) => attribute,
            Err(true) => return Err(SmtpError::at(SmtpErrorKind::XclientAttribute, start)),
            Err(false) => return Err(SmtpError::at(SmtpErrorKind::XclientValue, value_at)),
        };
        if attributes.iter().any(|a| a.name() == attribute.name()) {
            return Err(SmtpError::at(SmtpErrorKind::XclientDuplicate, start));
        }
        attributes.push(attribute);
    }
    if attributes.is_empty() {
        return Err(SmtpError::at(SmtpErrorKind::XclientNoAttributes, body.len()));
    }
    Ok(attributes)
}

/// An XCLIENT command: what a proxy tells the server about the client it stands for.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::xclient::{ClientName, Value, XClient, XClientAttribute};
///
/// let xclient = XClient::new(vec![
///     XClientAttribute::Addr(Value::Known("192.0.2.1".parse().unwrap())),
///     XClientAttribute::Name(ClientName::Unavailable),
/// ])?;
/// assert_eq!(xclient.to_lines(), ["XCLIENT ADDR=192.0.2.1 NAME=[UNAVAILABLE]\r\n"]);
/// assert_eq!(XClient::parse("XCLIENT ADDR=192.0.2.1 NAME=[UNAVAILABLE]\r\n")?, xclient);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct XClient {
    attributes: Vec<XClientAttribute>,
}

impl XClient {
    /// The command with `attributes`, in this order.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::XclientNoAttributes`] without attributes, and
    /// [`SmtpErrorKind::XclientDuplicate`] for an attribute given twice.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::{Value, XClient, XClientAttribute};
    ///
    /// assert!(XClient::new(vec![]).is_err());
    /// assert!(XClient::new(vec![XClientAttribute::Port(Value::Known(1)), XClientAttribute::Port(Value::Known(2))]).is_err());
    /// ```
    pub fn new(attributes: Vec<XClientAttribute>) -> Result<XClient, SmtpError> {
        check_attributes(&attributes)?;
        Ok(XClient { attributes })
    }

    /// Reads one XCLIENT command line, with or without its CRLF. The verb, attribute names and
    /// the special values may be in any case; values are xtext (lower-case hexadecimal digits
    /// after `+` are accepted); attributes are separated by one or more spaces.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::XclientVerb`] when the line does not start with `XCLIENT` and a space,
    /// [`SmtpErrorKind::XclientAttribute`] at an element that is not `name=value` with a name
    /// XCLIENT defines, [`SmtpErrorKind::XclientValueTooLong`] and
    /// [`SmtpErrorKind::XclientValue`] at a value, an xtext error (such as
    /// [`SmtpErrorKind::XtextCharacter`] for a CR or LF) at its byte,
    /// [`SmtpErrorKind::XclientDuplicate`] at an attribute given twice, and
    /// [`SmtpErrorKind::XclientNoAttributes`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::XClient;
    /// use mail_envelope::smtp::SmtpErrorKind;
    ///
    /// let xclient = XClient::parse("xclient name=spike.porcupine.org addr=168.100.189.2")?;
    /// assert_eq!(xclient.to_lines(), ["XCLIENT NAME=spike.porcupine.org ADDR=168.100.189.2\r\n"]);
    /// let err = XClient::parse("XCLIENT ADDR=192.0.2.1 FOO=bar").unwrap_err();
    /// assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::XclientAttribute, Some(23)));
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn parse(line: &str) -> Result<XClient, SmtpError> {
        parse_line(line).map(|attributes| XClient { attributes })
    }

    /// The attributes, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::XClient;
    ///
    /// assert_eq!(XClient::parse("XCLIENT PROTO=ESMTP HELO=mx.example")?.attributes().len(), 2);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn attributes(&self) -> &[XClientAttribute] {
        &self.attributes
    }

    /// The command lines, each with its CRLF and at most 512 octets long: one line when it
    /// fits, else several, NAME and ADDR together in the last (see the module's docs).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::{AttributeText, ClientName, Hostname, Value, XClient, XClientAttribute};
    ///
    /// let long = "h".repeat(250);
    /// let xclient = XClient::new(vec![
    ///     XClientAttribute::Name(ClientName::Known(Hostname::new("mx.example")?)),
    ///     XClientAttribute::Addr(Value::Known("192.0.2.1".parse().unwrap())),
    ///     XClientAttribute::Helo(Value::Known(AttributeText::new(&long)?)),
    ///     XClientAttribute::Login(Value::Known(AttributeText::new(&long)?)),
    /// ])?;
    /// let lines = xclient.to_lines();
    /// assert_eq!(lines.len(), 2);
    /// assert!(lines.iter().all(|line| line.len() <= 512));
    /// assert!(lines[1].ends_with(" NAME=mx.example ADDR=192.0.2.1\r\n"));
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn to_lines(&self) -> Vec<String> {
        to_lines(&self.attributes)
    }
}

/// An XFORWARD command: what a content filter passes on about the client and the message, for
/// the next server's logs.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::xclient::XForward;
///
/// let xforward = XForward::parse("XFORWARD NAME=spike.porcupine.org ADDR=168.100.189.2 PROTO=ESMTP")?;
/// assert_eq!(xforward.attributes().len(), 3);
/// assert_eq!(xforward.to_lines(), ["XFORWARD NAME=spike.porcupine.org ADDR=168.100.189.2 PROTO=ESMTP\r\n"]);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct XForward {
    attributes: Vec<XForwardAttribute>,
}

impl XForward {
    /// The command with `attributes`, in this order.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::XclientNoAttributes`] without attributes,
    /// [`SmtpErrorKind::XclientDuplicate`] for an attribute given twice, and
    /// [`SmtpErrorKind::XclientValue`] for a PROTO longer than 64 characters.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::{AttributeText, Value, XForward, XForwardAttribute};
    ///
    /// let proto = AttributeText::new(&"P".repeat(65))?;
    /// assert!(XForward::new(vec![XForwardAttribute::Proto(Value::Known(proto))]).is_err());
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn new(attributes: Vec<XForwardAttribute>) -> Result<XForward, SmtpError> {
        check_attributes(&attributes)?;
        Ok(XForward { attributes })
    }

    /// Reads one XFORWARD command line, with or without its CRLF, as [`XClient::parse`] reads
    /// XCLIENT.
    ///
    /// # Errors
    ///
    /// As [`XClient::parse`], for XFORWARD's verb and attributes.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::XForward;
    ///
    /// assert!(XForward::parse("XFORWARD HELO=spike.porcupine.org\r\n").is_ok());
    /// assert!(XForward::parse("XFORWARD LOGIN=jdoe").is_err());
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn parse(line: &str) -> Result<XForward, SmtpError> {
        parse_line(line).map(|attributes| XForward { attributes })
    }

    /// The attributes, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::XForward;
    ///
    /// assert_eq!(XForward::parse("XFORWARD IDENT=3CF6B2AAE8")?.attributes()[0].value(), "3CF6B2AAE8");
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn attributes(&self) -> &[XForwardAttribute] {
        &self.attributes
    }

    /// The command lines, each with its CRLF and at most 512 octets long, the attributes in
    /// order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::xclient::{AttributeText, Value, XForward, XForwardAttribute};
    ///
    /// let helo = XForwardAttribute::Helo(Value::Known(AttributeText::new("a b")?));
    /// assert_eq!(XForward::new(vec![helo])?.to_lines(), ["XFORWARD HELO=a+20b\r\n"]);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn to_lines(&self) -> Vec<String> {
        to_lines(&self.attributes)
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use serde::ser::{SerializeSeq, SerializeStruct, Serializer};
    use serde::Serialize;

    use super::{Attribute, XClient, XForward};

    /// The attributes as `[{"name":"ADDR","value":"192.0.2.1"}, …]`, values before xtext.
    struct Attributes<'a, A>(&'a [A]);

    impl<A: Attribute> Serialize for Attributes<'_, A> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            #[derive(Serialize)]
            struct Pair {
                name: &'static str,
                value: alloc::string::String,
            }
            let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
            for attribute in self.0 {
                seq.serialize_element(&Pair {
                    name: attribute.name(),
                    value: attribute.value(),
                })?;
            }
            seq.end()
        }
    }

    fn record<A: Attribute, S: Serializer>(attributes: &[A], serializer: S) -> Result<S::Ok, S::Error> {
        let mut record = serializer.serialize_struct("XClient", 2)?;
        record.serialize_field("lines", &super::to_lines(attributes))?;
        record.serialize_field("attributes", &Attributes(attributes))?;
        record.end()
    }

    /// An [`XClient`] serializes as the record the CLI prints: `lines` (with their CRLF) and
    /// `attributes` (`name` and `value` before xtext).
    impl Serialize for XClient {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            record(&self.attributes, serializer)
        }
    }

    /// An [`XForward`] serializes as [`XClient`] does.
    impl Serialize for XForward {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            record(&self.attributes, serializer)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn text(value: &str) -> Value<AttributeText> {
        Value::Known(AttributeText::new(value).unwrap())
    }

    #[test]
    fn hostnames_follow_postfix_valid_hostname() {
        for good in [
            "a",
            "mx.example",
            "under_score.example",
            "xn--bcher-kva.example",
            "1a.example",
            "a-b.c",
        ] {
            assert!(Hostname::new(good).is_ok(), "{good}");
        }
        for (bad, at) in [
            ("", 0),
            ("1.2.3.4", 0),
            ("123", 0),
            (".a", 0),
            ("a.", 1),
            ("a..b", 2),
            ("-a", 0),
            ("a-", 1),
            ("a-.b", 1),
            ("a b", 1),
            ("bü.example", 1),
            ("[192.0.2.1]", 0),
        ] {
            let err = Hostname::new(bad).unwrap_err();
            assert_eq!(
                (err.kind(), err.offset()),
                (SmtpErrorKind::XclientValue, Some(at)),
                "{bad}"
            );
        }
        assert!(Hostname::new(&"a".repeat(63)).is_ok());
        assert_eq!(Hostname::new(&"a".repeat(64)).unwrap_err().offset(), Some(63));
        let long = ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(63)].join(".");
        assert_eq!(long.len(), 255);
        assert!(Hostname::new(&long).is_ok());
        assert!(Hostname::new(&(long + "e")).is_err());
    }

    #[test]
    fn addresses_go_out_with_ipv6_prefix_and_come_back_in_any_case() {
        let xclient = XClient::parse("XCLIENT ADDR=ipv6:2001:DB8::1 DESTADDR=192.0.2.25").unwrap();
        assert_eq!(
            xclient.to_lines(),
            ["XCLIENT ADDR=IPV6:2001:db8::1 DESTADDR=192.0.2.25\r\n"]
        );
        let bare = XClient::parse("XCLIENT ADDR=2001:db8::1").unwrap();
        assert_eq!(bare.to_lines(), ["XCLIENT ADDR=IPV6:2001:db8::1\r\n"]);
        for bad in [
            "XCLIENT ADDR=[192.0.2.1]",
            "XCLIENT ADDR=IPV6:192.0.2.1",
            "XCLIENT ADDR=mx.example",
        ] {
            assert_eq!(
                XClient::parse(bad).unwrap_err().kind(),
                SmtpErrorKind::XclientValue,
                "{bad}"
            );
        }
    }

    #[test]
    fn special_values_in_any_case_where_allowed() {
        let xclient =
            XClient::parse("XCLIENT NAME=[tempunavail] ADDR=[Unavailable] PORT=[UNAVAILABLE] LOGIN=[unavailable]")
                .unwrap();
        assert_eq!(
            xclient.attributes(),
            [
                XClientAttribute::Name(ClientName::TempUnavailable),
                XClientAttribute::Addr(Value::Unavailable),
                XClientAttribute::Port(Value::Unavailable),
                XClientAttribute::Login(Value::Unavailable),
            ]
        );
        assert!(XClient::parse("XCLIENT ADDR=[TEMPUNAVAIL]").is_err());
        assert!(XClient::parse("XCLIENT PROTO=[UNAVAILABLE]").is_err());
        assert!(XForward::parse("XFORWARD NAME=[TEMPUNAVAIL]").is_err());
        assert!(XForward::parse("XFORWARD SOURCE=[UNAVAILABLE] PROTO=[UNAVAILABLE]").is_ok());
    }

    #[test]
    fn values_are_xtext() {
        let xclient = XClient::new(vec![XClientAttribute::Login(text("jane doe+1=x"))]).unwrap();
        assert_eq!(xclient.to_lines(), ["XCLIENT LOGIN=jane+20doe+2B1+3Dx\r\n"]);
        assert_eq!(XClient::parse(&xclient.to_lines()[0]).unwrap(), xclient);
        let lower = XClient::parse("XCLIENT LOGIN=jane+20doe").unwrap();
        assert_eq!(lower.attributes()[0].value(), "jane doe");
        let err = XClient::parse("XCLIENT LOGIN=a\rb").unwrap_err();
        assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::XtextCharacter, Some(15)));
        let err = XClient::parse("XCLIENT LOGIN=a+0D+0Ab").unwrap_err();
        assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::XclientValue, Some(14)));
    }

    #[test]
    fn ports_are_at_most_five_digits_and_65535() {
        assert!(XClient::parse("XCLIENT PORT=65535").is_ok());
        assert!(XClient::parse("XCLIENT PORT=00025").is_ok());
        for bad in [
            "XCLIENT PORT=65536",
            "XCLIENT PORT=000025",
            "XCLIENT PORT=-1",
            "XCLIENT PORT=+25",
        ] {
            assert!(XClient::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn parse_reports_where() {
        for (line, kind, at) in [
            ("XCLIENTADDR=192.0.2.1", SmtpErrorKind::XclientVerb, 0),
            ("XFORWARD ADDR=192.0.2.1", SmtpErrorKind::XclientVerb, 0),
            ("XCLIENT", SmtpErrorKind::XclientVerb, 0),
            ("XCLIENT ", SmtpErrorKind::XclientNoAttributes, 8),
            ("XCLIENT ADDR", SmtpErrorKind::XclientAttribute, 8),
            ("XCLIENT ADDR=", SmtpErrorKind::XclientAttribute, 8),
            ("XCLIENT  IDENT=x", SmtpErrorKind::XclientAttribute, 9),
            ("XCLIENT PORT=1 PORT=2", SmtpErrorKind::XclientDuplicate, 15),
            ("XCLIENT HELO=a+2", SmtpErrorKind::XtextTruncatedEscape, 14),
        ] {
            let err = XClient::parse(line).unwrap_err();
            assert_eq!((err.kind(), err.offset()), (kind, Some(at)), "{line:?}");
        }
        let long = alloc::format!("XCLIENT HELO={}", "a".repeat(256));
        let err = XClient::parse(&long).unwrap_err();
        assert_eq!(
            (err.kind(), err.offset()),
            (SmtpErrorKind::XclientValueTooLong, Some(13))
        );
    }

    #[test]
    fn long_commands_split_with_name_and_addr_last() {
        let long = |c: &str| text(&c.repeat(255));
        let xclient = XClient::new(vec![
            XClientAttribute::Addr(Value::Known(IpAddr::V6(Ipv6Addr::LOCALHOST))),
            XClientAttribute::Helo(long("h")),
            XClientAttribute::Name(ClientName::Known(Hostname::new(&"n".repeat(63)).unwrap())),
            XClientAttribute::Login(long("l")),
            XClientAttribute::Port(Value::Known(25)),
            XClientAttribute::Proto(XClientProto::Esmtp),
        ])
        .unwrap();
        let lines = xclient.to_lines();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines.iter().all(|line| line.len() <= 512 && line.ends_with("\r\n")));
        assert!(lines[0].starts_with("XCLIENT HELO="));
        assert!(lines[1].starts_with("XCLIENT LOGIN="));
        assert!(lines[1]
            .ends_with(" ADDR=IPV6:::1 NAME=nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\r\n"));
        let mut read: Vec<XClientAttribute> = lines
            .iter()
            .flat_map(|l| XClient::parse(l).unwrap().attributes)
            .collect();
        let mut given = xclient.attributes().to_vec();
        read.sort_by_key(XClientAttribute::name);
        given.sort_by_key(XClientAttribute::name);
        assert_eq!(read, given);
    }

    #[test]
    fn name_and_addr_get_a_line_of_their_own_when_they_do_not_fit() {
        let long = |c: &str| text(&c.repeat(255));
        let name = ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(63)].join(".");
        let addr: Ipv6Addr = "1111:2222:3333:4444:5555:6666:7777:8888".parse().unwrap();
        let xclient = XClient::new(vec![
            XClientAttribute::Name(ClientName::Known(Hostname::new(&name).unwrap())),
            XClientAttribute::Helo(long("h")),
            XClientAttribute::Login(long("l")),
            XClientAttribute::DestPort(Value::Known(65535)),
            XClientAttribute::Addr(Value::Known(IpAddr::V6(addr))),
        ])
        .unwrap();
        let lines = xclient.to_lines();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines.iter().all(|line| line.len() <= 512));
        assert_eq!(lines[2], alloc::format!("XCLIENT NAME={name} ADDR=IPV6:{addr}\r\n"));
        assert!(lines[1].starts_with("XCLIENT LOGIN=") && lines[1].ends_with(" DESTPORT=65535\r\n"));
    }

    #[test]
    fn xforward_splits_in_order() {
        let long = |c: &str| text(&c.repeat(255));
        let xforward = XForward::new(vec![
            XForwardAttribute::Helo(long("h")),
            XForwardAttribute::Ident(long("i")),
            XForwardAttribute::Addr(Value::Unavailable),
        ])
        .unwrap();
        let lines = xforward.to_lines();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("XFORWARD HELO=") && lines[1].starts_with("XFORWARD IDENT="));
        assert!(lines[1].ends_with(" ADDR=[UNAVAILABLE]\r\n"));
    }

    #[test]
    fn text_values_refuse_controls_and_special_values() {
        assert_eq!(AttributeText::new("").unwrap_err().kind(), SmtpErrorKind::Empty);
        assert!(AttributeText::new("a\u{0}").is_err());
        assert!(AttributeText::new("a\u{7f}").is_err());
        assert!(AttributeText::new("a\u{85}").is_err());
        assert!(AttributeText::new("[TempUnavail]").is_err());
        assert!(AttributeText::new("Grüße aus Köln").is_ok());
        // 85 three-octet escapes: 255 octets as xtext.
        assert!(AttributeText::new(&" ".repeat(85)).is_ok());
        assert!(AttributeText::new(&" ".repeat(86)).is_err());
    }
}
