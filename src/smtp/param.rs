//! The parameters of `MAIL FROM` and `RCPT TO` (RFC 5321 §4.1.2 `Mail-parameters` and
//! `Rcpt-parameters`): checked keywords and values, and the typed parameters of the extensions a
//! mailer meets.
//!
//! ```abnf
//! Mail-parameters = esmtp-param *(SP esmtp-param)          ; RFC 5321 §4.1.2
//! Rcpt-parameters = esmtp-param *(SP esmtp-param)
//! esmtp-param     = esmtp-keyword ["=" esmtp-value]
//! esmtp-keyword   = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
//! esmtp-value     = 1*(%d33-60 / %d62-126)
//! esmtp-value    =/ UTF8-non-ascii                          ; RFC 6531 §3.3
//! ```
//!
//! | parameter | command | RFC | value |
//! |---|---|---|---|
//! | `SIZE` | MAIL | 1870 §6 | `1*20DIGIT`, here any decimal up to `u64::MAX` |
//! | `BODY` | MAIL | 6152 §3, 3030 §3 | `7BIT` / `8BITMIME` / `BINARYMIME` |
//! | `SMTPUTF8` | MAIL | 6531 §3.4 | none |
//! | `RET` | MAIL | 3461 §4.3 | `FULL` / `HDRS` |
//! | `ENVID` | MAIL | 3461 §4.4 | xtext |
//! | `AUTH` | MAIL | 4954 §5 | xtext of a mailbox, or `<>` |
//! | `REQUIRETLS` | MAIL | 8689 §2 | none |
//! | `NOTIFY` | RCPT | 3461 §4.1 | `NEVER` / `1#(SUCCESS / FAILURE / DELAY)` |
//! | `ORCPT` | RCPT | 3461 §4.2, 6533 §3 | `addr-type ";" xtext`; `utf-8;` unitext |
//!
//! Keywords and the tokens of typed values are read in any case and written in upper case.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::xtext::{self, XText};
use super::{SmtpError, SmtpErrorKind};
use crate::{ForwardPath, Mailbox, ParseOptions, Strictness};

// ----- esmtp-keyword, esmtp-value -----

/// Whether `byte` may start an `esmtp-keyword`: `ALPHA / DIGIT`.
const fn is_keyword_start(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
}

/// Whether `byte` may follow in an `esmtp-keyword`: `ALPHA / DIGIT / "-"`.
const fn is_keyword_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-'
}

/// Whether `byte` may stand in an `esmtp-value`: `%d33-60 / %d62-126`, or a byte of a non-ASCII
/// UTF-8 character (RFC 6531 §3.3 `UTF8-non-ascii`; the text is a `str`, so such bytes are
/// whole characters).
const fn is_value_byte(byte: u8) -> bool {
    matches!(byte, 33..=60 | 62..=126) || byte >= 0x80
}

/// The offset of the first byte of `text` that breaks the keyword rule, if any.
fn keyword_fault(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    match bytes.first() {
        None => Some(0),
        Some(&first) if !is_keyword_start(first) => Some(0),
        Some(_) => bytes.iter().position(|&b| !is_keyword_byte(b)),
    }
}

/// The offset of the first byte of `text` that breaks the value rule, if any.
fn value_fault(text: &str) -> Option<usize> {
    if text.is_empty() {
        return Some(0);
    }
    text.bytes().position(|b| !is_value_byte(b))
}

/// An `esmtp-keyword` (RFC 5321 §4.1.2), kept in upper case (keywords are case-insensitive,
/// §2.4).
///
/// ```abnf
/// esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
/// ```
///
/// The only way to make one is [`EsmtpKeyword::new`], which refuses anything else, so a keyword
/// never carries a space, `=`, CR or LF.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::param::EsmtpKeyword;
///
/// assert_eq!(EsmtpKeyword::new("mt-priority")?.as_str(), "MT-PRIORITY");
/// // lettre wrote a keyword holding CRLF verbatim; here it is no keyword.
/// let err = EsmtpKeyword::new("X\r\nRCPT TO:<evil@example.com>").unwrap_err();
/// assert_eq!(err.offset(), Some(1));
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EsmtpKeyword<'a>(Cow<'a, str>);

impl<'a> EsmtpKeyword<'a> {
    /// Checks `text` as an `esmtp-keyword` and keeps it in upper case (borrowed when it already
    /// is).
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::InvalidKeyword`] at the first byte that breaks the rule (0 for an empty
    /// keyword).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::param::EsmtpKeyword;
    /// assert_eq!(EsmtpKeyword::new("8bitmime")?.as_str(), "8BITMIME");
    /// assert!(EsmtpKeyword::new("-X").is_err());
    /// assert!(EsmtpKeyword::new("SIZE=1").is_err());
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn new(text: impl Into<Cow<'a, str>>) -> Result<Self, SmtpError> {
        let text = text.into();
        if let Some(at) = keyword_fault(&text) {
            return Err(SmtpError::at(SmtpErrorKind::InvalidKeyword, at));
        }
        Ok(EsmtpKeyword(upper_case(text)))
    }

    /// The keyword, in upper case.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::param::EsmtpKeyword;
    /// assert_eq!(EsmtpKeyword::new("Holdfor")?.as_str(), "HOLDFOR");
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Converts into a value that owns its text.
    pub fn into_owned(self) -> EsmtpKeyword<'static> {
        EsmtpKeyword(Cow::Owned(self.0.into_owned()))
    }
}

/// `text` in ASCII upper case, borrowed when it already is.
fn upper_case(text: Cow<'_, str>) -> Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_lowercase()) {
        Cow::Owned(text.to_ascii_uppercase())
    } else {
        text
    }
}

/// An `esmtp-value` (RFC 5321 §4.1.2, with RFC 6531 §3.3's UTF-8), kept exactly as given.
///
/// ```abnf
/// esmtp-value  = 1*(%d33-60 / %d62-126)
///              ; any CHAR excluding "=", SP, and control characters
/// esmtp-value =/ UTF8-non-ascii
/// ```
///
/// The only way to make one is [`EsmtpValue::new`], so a value never carries a space, `=`, a
/// control character, CR or LF.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::param::EsmtpValue;
///
/// assert_eq!(EsmtpValue::new("20250101T000000Z")?.as_str(), "20250101T000000Z");
/// // nodemailer let CRLF through in SIZE; no value holds it here.
/// assert_eq!(EsmtpValue::new("100\r\nRCPT TO:<evil@example.com>").unwrap_err().offset(), Some(3));
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EsmtpValue<'a>(Cow<'a, str>);

impl<'a> EsmtpValue<'a> {
    /// Checks `text` as an `esmtp-value`.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::InvalidValue`] at the first byte that breaks the rule (0 for an empty
    /// value).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::param::EsmtpValue;
    /// assert!(EsmtpValue::new("a b").is_err());
    /// assert!(EsmtpValue::new("").is_err());
    /// assert_eq!(EsmtpValue::new("été")?.as_str(), "été");
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn new(text: impl Into<Cow<'a, str>>) -> Result<Self, SmtpError> {
        let text = text.into();
        if let Some(at) = value_fault(&text) {
            return Err(SmtpError::at(SmtpErrorKind::InvalidValue, at));
        }
        Ok(EsmtpValue(text))
    }

    /// The value, as given.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::param::EsmtpValue;
    /// assert_eq!(EsmtpValue::new("x+2By")?.as_str(), "x+2By");
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Converts into a value that owns its text.
    pub fn into_owned(self) -> EsmtpValue<'static> {
        EsmtpValue(Cow::Owned(self.0.into_owned()))
    }
}

// ----- the typed values -----

/// The `BODY` parameter's value (RFC 6152 §3, RFC 3030 §3).
///
/// ```abnf
/// body-value = "7BIT" / "8BITMIME" / "BINARYMIME"
/// ```
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::param::Body;
/// assert_eq!(Body::EightBitMime.as_str(), "8BITMIME");
/// assert_eq!(Body::from_token("binarymime"), Some(Body::BinaryMime));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Body {
    /// `7BIT`: lines of 7-bit US-ASCII (the default when there is no `BODY`).
    #[default]
    SevenBit,
    /// `8BITMIME`: 8-bit text lines (RFC 6152).
    EightBitMime,
    /// `BINARYMIME`: binary content, sent with `BDAT` (RFC 3030, needs `CHUNKING`).
    BinaryMime,
}

impl Body {
    /// The token, in upper case.
    pub fn as_str(self) -> &'static str {
        match self {
            Body::SevenBit => "7BIT",
            Body::EightBitMime => "8BITMIME",
            Body::BinaryMime => "BINARYMIME",
        }
    }

    /// The body type `token` names, in any case.
    pub fn from_token(token: &str) -> Option<Body> {
        [Body::SevenBit, Body::EightBitMime, Body::BinaryMime]
            .into_iter()
            .find(|body| body.as_str().eq_ignore_ascii_case(token))
    }
}

/// The `RET` parameter's value (RFC 3461 §4.3): what a failure DSN returns of the message.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::param::Ret;
/// assert_eq!(Ret::Hdrs.as_str(), "HDRS");
/// assert_eq!(Ret::from_token("full"), Some(Ret::Full));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ret {
    /// `FULL`: the whole message.
    Full,
    /// `HDRS`: its headers only.
    Hdrs,
}

impl Ret {
    /// The token, in upper case.
    pub fn as_str(self) -> &'static str {
        match self {
            Ret::Full => "FULL",
            Ret::Hdrs => "HDRS",
        }
    }

    /// The value `token` names, in any case.
    pub fn from_token(token: &str) -> Option<Ret> {
        [Ret::Full, Ret::Hdrs]
            .into_iter()
            .find(|ret| ret.as_str().eq_ignore_ascii_case(token))
    }
}

/// The `NOTIFY` parameter's value (RFC 3461 §4.1): `NEVER` alone, or the conditions under which a
/// DSN is wanted. Written `SUCCESS,FAILURE,DELAY` in that order; at least one must be set.
///
/// ```abnf
/// notify-esmtp-value  = "NEVER" / 1#notify-list-element
/// notify-list-element = "SUCCESS" / "FAILURE" / "DELAY"
/// ```
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::param::Notify;
/// let notify = Notify::parse("failure,Delay")?;
/// assert_eq!(notify, Notify::On { success: false, failure: true, delay: true });
/// assert_eq!(notify.to_value()?, "FAILURE,DELAY");
/// assert!(Notify::parse("NEVER,SUCCESS").is_err()); // NEVER stands alone
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Notify {
    /// `NEVER`: no DSN under any condition.
    Never,
    /// A DSN on each condition that is `true`.
    On {
        /// `SUCCESS`: on delivery.
        success: bool,
        /// `FAILURE`: on failure.
        failure: bool,
        /// `DELAY`: when delivery is delayed.
        delay: bool,
    },
}

impl Notify {
    /// Reads a `notify-esmtp-value` (tokens in any case).
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::ExpectedNotifyValue`] at the token that is not one of the four, or at
    /// `NEVER` when it does not stand alone.
    pub fn parse(value: &str) -> Result<Notify, SmtpError> {
        if value.eq_ignore_ascii_case("NEVER") {
            return Ok(Notify::Never);
        }
        let (mut success, mut failure, mut delay) = (false, false, false);
        let mut at = 0;
        for token in value.split(',') {
            let flag = match token.to_ascii_uppercase().as_str() {
                "SUCCESS" => &mut success,
                "FAILURE" => &mut failure,
                "DELAY" => &mut delay,
                _ => return Err(SmtpError::at(SmtpErrorKind::ExpectedNotifyValue, at)),
            };
            *flag = true;
            at += token.len() + 1;
        }
        Ok(Notify::On {
            success,
            failure,
            delay,
        })
    }

    /// The value as written: `NEVER`, or the conditions in upper case separated by `,`.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::ExpectedNotifyValue`] for [`Notify::On`] with no condition set.
    pub fn to_value(self) -> Result<String, SmtpError> {
        let conditions = match self {
            Notify::Never => return Ok(String::from("NEVER")),
            Notify::On {
                success,
                failure,
                delay,
            } => [(success, "SUCCESS"), (failure, "FAILURE"), (delay, "DELAY")],
        };
        let tokens: Vec<&str> = conditions.iter().filter(|(on, _)| *on).map(|(_, t)| *t).collect();
        if tokens.is_empty() {
            return Err(SmtpError::new(SmtpErrorKind::ExpectedNotifyValue));
        }
        Ok(tokens.join(","))
    }

    /// The tokens this value holds, in upper case (`["NEVER"]`, or the conditions set).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::param::Notify;
    /// assert_eq!(Notify::Never.tokens(), ["NEVER"]);
    /// assert_eq!(Notify::On { success: true, failure: false, delay: true }.tokens(), ["SUCCESS", "DELAY"]);
    /// ```
    pub fn tokens(self) -> Vec<&'static str> {
        match self {
            Notify::Never => alloc::vec!["NEVER"],
            Notify::On {
                success,
                failure,
                delay,
            } => [(success, "SUCCESS"), (failure, "FAILURE"), (delay, "DELAY")]
                .into_iter()
                .filter_map(|(on, token)| on.then_some(token))
                .collect(),
        }
    }
}

/// The `addr-type` of an `ORCPT` parameter (RFC 3461 §4.2: an atom naming an IANA-registered
/// address type), kept in lower case: [`AddrType::RFC822`], [`AddrType::UTF8`] (RFC 6533), or
/// another.
///
/// ```abnf
/// addr-type = atom
/// ```
///
/// An addr-type never holds `=` (which no `esmtp-value` may carry) or `;`.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::param::AddrType;
/// assert_eq!(AddrType::new("RFC822")?, AddrType::RFC822);
/// assert_eq!(AddrType::new("x400")?.as_str(), "x400");
/// assert!(AddrType::new("rfc 822").is_err());
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AddrType<'a>(Cow<'a, str>);

impl<'a> AddrType<'a> {
    /// `rfc822`: an RFC 5321/5322 address in ASCII, encoded as xtext.
    pub const RFC822: AddrType<'static> = AddrType(Cow::Borrowed("rfc822"));
    /// `utf-8`: an address with UTF-8 (RFC 6533 §3), encoded as utf-8-addr-xtext or unitext.
    pub const UTF8: AddrType<'static> = AddrType(Cow::Borrowed("utf-8"));

    /// Checks `text` as an atom (RFC 5322 `atext`, `=` excepted) and keeps it in lower case.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::ExpectedOrcptValue`] at the first byte that is not allowed (0 when
    /// empty).
    pub fn new(text: impl Into<Cow<'a, str>>) -> Result<Self, SmtpError> {
        let text = text.into();
        let fault = if text.is_empty() {
            Some(0)
        } else {
            text.bytes().position(|b| !is_addr_type_byte(b))
        };
        if let Some(at) = fault {
            return Err(SmtpError::at(SmtpErrorKind::ExpectedOrcptValue, at));
        }
        let text = if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            text
        };
        Ok(AddrType(text))
    }

    /// The type, in lower case.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is `rfc822`.
    pub fn is_rfc822(&self) -> bool {
        self.0 == "rfc822"
    }

    /// Whether this is `utf-8`.
    pub fn is_utf8(&self) -> bool {
        self.0 == "utf-8"
    }

    /// Converts into a value that owns its text.
    pub fn into_owned(self) -> AddrType<'static> {
        AddrType(Cow::Owned(self.0.into_owned()))
    }
}

/// Whether `byte` is RFC 5322 ASCII `atext` other than `=`.
const fn is_addr_type_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
        || matches!(
            byte,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'/'
                | b'?'
                | b'^'
                | b'_'
                | b'`'
                | b'{'
                | b'|'
                | b'}'
                | b'~'
        )
}

// ----- the parameters -----

/// One ESMTP parameter of `MAIL FROM` or `RCPT TO`: a typed parameter of a known extension, or
/// any other as a checked keyword and value.
///
/// Every variant holds values that cannot carry CR, LF, a space or `=` onto the line: numbers,
/// tokens, [`XText`] (encoded by the crate), addresses (encoded as xtext or unitext when
/// written) and the checked [`EsmtpKeyword`] and [`EsmtpValue`]. A command checks that each
/// parameter belongs to it and is not repeated.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::param::{Body, EsmtpParam};
/// use mail_envelope::Strictness;
///
/// let size = EsmtpParam::parse("size=01000", Strictness::Standard)?;
/// assert_eq!(size, EsmtpParam::Size(1000));
/// assert_eq!((size.keyword(), size.to_value()?.as_deref()), ("SIZE", Some("1000")));
/// assert_eq!(EsmtpParam::parse("BODY=8bitmime", Strictness::Strict)?, EsmtpParam::Body(Body::EightBitMime));
/// // smtp-proto read this as 999; it is larger than any u64.
/// let err = EsmtpParam::parse("SIZE=99999999999999999999999", Strictness::Standard).unwrap_err();
/// assert_eq!(err.kind(), mail_envelope::smtp::SmtpErrorKind::SizeTooLarge);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EsmtpParam<'a> {
    /// `SIZE=n`: the message's size in octets (RFC 1870 §6). MAIL only.
    Size(u64),
    /// `BODY=…`: the body type (RFC 6152 §3, RFC 3030 §3). MAIL only.
    Body(Body),
    /// `SMTPUTF8`: the transaction needs RFC 6531 (§3.4). MAIL only, no value.
    SmtpUtf8,
    /// `RET=…`: what a failure DSN returns (RFC 3461 §4.3). MAIL only.
    Ret(Ret),
    /// `ENVID=xtext`: the envelope identifier (RFC 3461 §4.4), written in canonical xtext
    /// (upper-case hex digits, only what must be escaped). MAIL only.
    EnvId(XText),
    /// `NOTIFY=…`: when to send DSNs (RFC 3461 §4.1). RCPT only.
    Notify(Notify),
    /// `ORCPT=addr-type;address`: the original recipient (RFC 3461 §4.2, RFC 6533 §3). RCPT only.
    ///
    /// The address is the decoded text. It is written as xtext (`rfc822`, which must be ASCII,
    /// and any other type) or as utf-8-addr-xtext (`utf-8`, always 7-bit, so it is safe whether
    /// or not the server offers SMTPUTF8).
    Orcpt {
        /// The address type.
        addr_type: AddrType<'a>,
        /// The address, decoded.
        addr: Cow<'a, str>,
    },
    /// `AUTH=…`: the mailbox that submitted the message, `None` for `AUTH=<>` (RFC 4954 §5).
    /// Written as the xtext of the addr-spec (a display name is never written). MAIL only.
    /// Boxed, so that every parameter stays small.
    Auth(Option<Box<Mailbox<'a>>>),
    /// `REQUIRETLS`: the message must travel over TLS (RFC 8689 §2). MAIL only, no value.
    RequireTls,
    /// Any other parameter, as a checked keyword and optional value.
    Other {
        /// The keyword, upper case.
        keyword: EsmtpKeyword<'a>,
        /// The value, if any.
        value: Option<EsmtpValue<'a>>,
    },
}

/// Which command a parameter belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// `MAIL FROM` only.
    Mail,
    /// `RCPT TO` only.
    Rcpt,
    /// Either (a parameter the crate does not know).
    Any,
}

/// The keywords with a typed parameter, and the command each belongs to.
const KNOWN: &[(&str, Scope)] = &[
    ("SIZE", Scope::Mail),
    ("BODY", Scope::Mail),
    ("SMTPUTF8", Scope::Mail),
    ("RET", Scope::Mail),
    ("ENVID", Scope::Mail),
    ("AUTH", Scope::Mail),
    ("REQUIRETLS", Scope::Mail),
    ("NOTIFY", Scope::Rcpt),
    ("ORCPT", Scope::Rcpt),
];

impl<'a> EsmtpParam<'a> {
    /// Reads one `esmtp-param` (`KEYWORD` or `KEYWORD=value`) and types it when the keyword is
    /// known.
    ///
    /// `strictness` applies to xtext (lower-case hex digits are an error only in
    /// [`Strictness::Strict`]) and to the mailbox of `AUTH`.
    ///
    /// # Errors
    ///
    /// An [`SmtpError`] with the byte offset in `text`: [`SmtpErrorKind::InvalidKeyword`],
    /// [`SmtpErrorKind::InvalidValue`], or the error of the typed value
    /// ([`SmtpErrorKind::ExpectedSizeValue`], [`SmtpErrorKind::SizeTooLarge`], …).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::param::{EsmtpParam, Notify};
    /// use mail_envelope::Strictness;
    ///
    /// let notify = EsmtpParam::parse("NOTIFY=SUCCESS,FAILURE", Strictness::Strict)?;
    /// assert_eq!(notify, EsmtpParam::Notify(Notify::On { success: true, failure: true, delay: false }));
    /// let other = EsmtpParam::parse("hold-for=3600", Strictness::Strict)?;
    /// assert_eq!(other.keyword(), "HOLD-FOR");
    /// assert_eq!(EsmtpParam::parse("SMTPUTF8=yes", Strictness::Lenient).unwrap_err().offset(), Some(8));
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn parse(text: &'a str, strictness: Strictness) -> Result<Self, SmtpError> {
        let (keyword, value) = match text.split_once('=') {
            Some((keyword, value)) => (keyword, Some(value)),
            None => (text, None),
        };
        Self::read(keyword, value, keyword.len() + 1, strictness)
    }

    /// Types the parameter `keyword` with `value`, which stands at `value_at` (offsets of errors
    /// in the value are shifted by it; those in the keyword start at 0).
    pub(crate) fn read(
        keyword: &'a str,
        value: Option<&'a str>,
        value_at: usize,
        strictness: Strictness,
    ) -> Result<Self, SmtpError> {
        let keyword = EsmtpKeyword::new(keyword)?;
        if let Some(value) = value {
            if let Some(at) = value_fault(value) {
                return Err(SmtpError::at(SmtpErrorKind::InvalidValue, value_at + at));
            }
        }
        let shift = |e: SmtpError| SmtpError::at(e.kind(), value_at + e.offset().unwrap_or(0));
        // Where a missing value would have started: the end of the keyword.
        let missing = |kind| SmtpError::at(kind, value_at - 1);
        let param = match (keyword.as_str(), value) {
            ("SMTPUTF8", None) => EsmtpParam::SmtpUtf8,
            ("REQUIRETLS", None) => EsmtpParam::RequireTls,
            ("SMTPUTF8" | "REQUIRETLS", Some(_)) => {
                return Err(SmtpError::at(SmtpErrorKind::UnexpectedParameterValue, value_at - 1));
            }
            ("SIZE", None) => return Err(missing(SmtpErrorKind::ExpectedSizeValue)),
            ("SIZE", Some(value)) => EsmtpParam::Size(size(value).map_err(shift)?),
            ("BODY", None) => return Err(missing(SmtpErrorKind::ExpectedBodyValue)),
            ("BODY", Some(value)) => EsmtpParam::Body(
                Body::from_token(value).ok_or(SmtpError::at(SmtpErrorKind::ExpectedBodyValue, value_at))?,
            ),
            ("RET", None) => return Err(missing(SmtpErrorKind::ExpectedRetValue)),
            ("RET", Some(value)) => {
                EsmtpParam::Ret(Ret::from_token(value).ok_or(SmtpError::at(SmtpErrorKind::ExpectedRetValue, value_at))?)
            }
            ("ENVID", None) => return Err(missing(SmtpErrorKind::InvalidValue)),
            ("ENVID", Some(value)) => EsmtpParam::EnvId(canonical(XText::parse(value, strictness).map_err(shift)?)),
            ("NOTIFY", None) => return Err(missing(SmtpErrorKind::ExpectedNotifyValue)),
            ("NOTIFY", Some(value)) => EsmtpParam::Notify(Notify::parse(value).map_err(shift)?),
            ("ORCPT", None) => return Err(missing(SmtpErrorKind::ExpectedOrcptValue)),
            ("ORCPT", Some(value)) => orcpt(value, strictness).map_err(shift)?,
            ("AUTH", None) => return Err(missing(SmtpErrorKind::ExpectedAuthValue)),
            ("AUTH", Some(value)) => EsmtpParam::Auth(auth(value, strictness).map_err(shift)?),
            (_, value) => EsmtpParam::Other {
                keyword,
                value: value.map(|v| EsmtpValue(Cow::Borrowed(v))),
            },
        };
        Ok(param)
    }

    /// The keyword, in upper case.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::param::EsmtpParam;
    /// assert_eq!(EsmtpParam::RequireTls.keyword(), "REQUIRETLS");
    /// ```
    pub fn keyword(&self) -> &str {
        match self {
            EsmtpParam::Size(_) => "SIZE",
            EsmtpParam::Body(_) => "BODY",
            EsmtpParam::SmtpUtf8 => "SMTPUTF8",
            EsmtpParam::Ret(_) => "RET",
            EsmtpParam::EnvId(_) => "ENVID",
            EsmtpParam::Notify(_) => "NOTIFY",
            EsmtpParam::Orcpt { .. } => "ORCPT",
            EsmtpParam::Auth(_) => "AUTH",
            EsmtpParam::RequireTls => "REQUIRETLS",
            EsmtpParam::Other { keyword, .. } => keyword.as_str(),
        }
    }

    /// The value as the crate writes it (`None` for a parameter without one): numbers in
    /// decimal, tokens in upper case, text as xtext, `ORCPT` as `rfc822;` xtext or `utf-8;`
    /// utf-8-addr-xtext, `AUTH` as the xtext of the addr-spec or `<>`.
    ///
    /// # Errors
    ///
    /// When the parameter has no wire form: an empty `ENVID` ([`SmtpErrorKind::Empty`]), a
    /// `NOTIFY` with no condition ([`SmtpErrorKind::ExpectedNotifyValue`]), an `rfc822` `ORCPT`
    /// address that is not ASCII ([`SmtpErrorKind::OrcptNotAscii`]) or a `utf-8` one that
    /// unitext cannot carry, an `AUTH` mailbox that is no RFC 5321 mailbox
    /// ([`SmtpErrorKind::Envelope`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::param::{AddrType, EsmtpParam};
    /// use mail_envelope::smtp::xtext::XText;
    /// use mail_envelope::Mailbox;
    ///
    /// let envid = EsmtpParam::EnvId(XText::encode("QQ 314159"));
    /// assert_eq!(envid.to_value()?.as_deref(), Some("QQ+20314159"));
    /// let auth = EsmtpParam::Auth(Some(Box::new(Mailbox::parse("Jo <e=mc2@example.com>")?)));
    /// assert_eq!(auth.to_value()?.as_deref(), Some("e+3Dmc2@example.com"));
    /// let orcpt = EsmtpParam::Orcpt { addr_type: AddrType::UTF8, addr: "用户@example.com".into() };
    /// assert_eq!(orcpt.to_value()?.as_deref(), Some("utf-8;\\x{7528}\\x{6237}@example.com"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_value(&self) -> Result<Option<Cow<'_, str>>, SmtpError> {
        let value = match self {
            EsmtpParam::SmtpUtf8 | EsmtpParam::RequireTls => return Ok(None),
            EsmtpParam::Size(size) => Cow::Owned(size.to_string()),
            EsmtpParam::Body(body) => Cow::Borrowed(body.as_str()),
            EsmtpParam::Ret(ret) => Cow::Borrowed(ret.as_str()),
            EsmtpParam::EnvId(text) if text.decode().is_empty() => return Err(SmtpError::new(SmtpErrorKind::Empty)),
            EsmtpParam::EnvId(text) if is_canonical_xtext(text.as_str()) => Cow::Borrowed(text.as_str()),
            EsmtpParam::EnvId(text) => Cow::Owned(xtext::encode(text.decode())),
            EsmtpParam::Notify(notify) => Cow::Owned(notify.to_value()?),
            EsmtpParam::Orcpt { addr_type, addr } => Cow::Owned(orcpt_value(addr_type, addr)?),
            EsmtpParam::Auth(None) => Cow::Borrowed("<>"),
            EsmtpParam::Auth(Some(mailbox)) => {
                let addr = mailbox.addr_spec();
                addr.to_forward_path()
                    .map_err(|e| SmtpError::new(SmtpErrorKind::Envelope(e.kind())))?;
                Cow::Owned(xtext::encode(&addr.to_string()))
            }
            EsmtpParam::Other { value, .. } => return Ok(value.as_ref().map(|v| Cow::Borrowed(v.as_str()))),
        };
        Ok(Some(value))
    }

    /// The `ORCPT` parameter for `path` (RFC 3461 §4.2): its addr-spec (`Postmaster` for
    /// `<Postmaster>`), as type `rfc822` when ASCII and `utf-8` (RFC 6533) otherwise. RFC 3461
    /// wants the address exactly as the `RCPT TO` sends it: pass the path that command carries.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::param::EsmtpParam;
    /// use mail_envelope::ForwardPath;
    /// let orcpt = EsmtpParam::orcpt_for(&ForwardPath::parse("<Bob@Example.COM>")?);
    /// assert_eq!(orcpt.to_value()?.as_deref(), Some("rfc822;Bob@Example.COM"));
    /// let orcpt = EsmtpParam::orcpt_for(&ForwardPath::parse("<用户@example.com>")?);
    /// assert_eq!(orcpt.to_value()?.as_deref(), Some("utf-8;\\x{7528}\\x{6237}@example.com"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn orcpt_for(path: &ForwardPath<'_>) -> EsmtpParam<'static> {
        let addr = path
            .addr_spec()
            .map_or_else(|| String::from("Postmaster"), ToString::to_string);
        let addr_type = if addr.is_ascii() {
            AddrType::RFC822
        } else {
            AddrType::UTF8
        };
        EsmtpParam::Orcpt {
            addr_type,
            addr: Cow::Owned(addr),
        }
    }

    /// Writes `=` and the value (as [`to_value`](Self::to_value) gives it) to `out`, if the
    /// parameter has one, without building it apart for the common parameters.
    pub(crate) fn write_value(&self, out: &mut String) -> Result<(), SmtpError> {
        use core::fmt::Write as _;
        match self {
            EsmtpParam::SmtpUtf8 | EsmtpParam::RequireTls | EsmtpParam::Other { value: None, .. } => {}
            // Writing to a String cannot fail.
            EsmtpParam::Size(size) => drop(write!(out, "={size}")),
            EsmtpParam::Body(body) => {
                out.push('=');
                out.push_str(body.as_str());
            }
            EsmtpParam::Other { value: Some(value), .. } => {
                out.push('=');
                out.push_str(value.as_str());
            }
            other => {
                if let Some(value) = other.to_value()? {
                    out.push('=');
                    out.push_str(&value);
                }
            }
        }
        Ok(())
    }

    /// The same parameter in the form parsing gives: an [`EsmtpParam::Other`] whose keyword is
    /// known typed (so that no command holds an untyped `SIZE`), an `ENVID` with its xtext in
    /// canonical form (upper-case hex, only what must be escaped), an `AUTH` mailbox without a
    /// display name (the wire carries none).
    pub(crate) fn normalized(self) -> Result<EsmtpParam<'a>, SmtpError> {
        match self {
            EsmtpParam::Other { keyword, value } if scope_of(keyword.as_str()) != Scope::Any => {
                let value = value.as_ref().map(EsmtpValue::as_str);
                EsmtpParam::read(
                    keyword.as_str(),
                    value,
                    keyword.as_str().len() + 1,
                    Strictness::Standard,
                )
                .map(EsmtpParam::into_owned)
            }
            EsmtpParam::EnvId(text) => Ok(EsmtpParam::EnvId(canonical(text))),
            EsmtpParam::Auth(Some(mailbox)) if mailbox.display_name().is_some() => Ok(EsmtpParam::Auth(Some(
                Box::new(Mailbox::from(mailbox.addr_spec().clone())),
            ))),
            other => Ok(other),
        }
    }

    /// Which command the parameter belongs to.
    pub(crate) fn scope(&self) -> Scope {
        scope_of(self.keyword())
    }

    /// Converts into a value that owns its text.
    pub fn into_owned(self) -> EsmtpParam<'static> {
        match self {
            EsmtpParam::Size(size) => EsmtpParam::Size(size),
            EsmtpParam::Body(body) => EsmtpParam::Body(body),
            EsmtpParam::SmtpUtf8 => EsmtpParam::SmtpUtf8,
            EsmtpParam::Ret(ret) => EsmtpParam::Ret(ret),
            EsmtpParam::EnvId(text) => EsmtpParam::EnvId(text),
            EsmtpParam::Notify(notify) => EsmtpParam::Notify(notify),
            EsmtpParam::Orcpt { addr_type, addr } => EsmtpParam::Orcpt {
                addr_type: addr_type.into_owned(),
                addr: Cow::Owned(addr.into_owned()),
            },
            EsmtpParam::Auth(mailbox) => EsmtpParam::Auth(mailbox.map(|m| Box::new(m.into_owned()))),
            EsmtpParam::RequireTls => EsmtpParam::RequireTls,
            EsmtpParam::Other { keyword, value } => EsmtpParam::Other {
                keyword: keyword.into_owned(),
                value: value.map(EsmtpValue::into_owned),
            },
        }
    }
}

/// Whether `wire` is xtext in the form [`xtext::encode`] writes: every `xchar` as itself, every
/// other octet as `+` and two upper-case hexadecimal digits.
fn is_canonical_xtext(wire: &str) -> bool {
    let bytes = wire.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte == b'+' {
            let digit = |i: usize| {
                bytes
                    .get(i)
                    .and_then(|&d| char::from(d).to_digit(16).filter(|_| !d.is_ascii_lowercase()))
            };
            let (Some(high), Some(low)) = (digit(at + 1), digit(at + 2)) else {
                return false;
            };
            let octet = high << 4 | low;
            if (33..=126).contains(&octet) && octet != u32::from(b'+') && octet != u32::from(b'=') {
                return false;
            }
            at += 3;
        } else if (33..=126).contains(&byte) && byte != b'=' {
            at += 1;
        } else {
            return false;
        }
    }
    true
}

/// `text` in canonical xtext: itself when it already is, else encoded again.
fn canonical(text: XText) -> XText {
    if is_canonical_xtext(text.as_str()) {
        text
    } else {
        XText::encode(text.decode())
    }
}

/// The command a keyword (upper case) belongs to.
pub(crate) fn scope_of(keyword: &str) -> Scope {
    KNOWN
        .iter()
        .find(|(known, _)| *known == keyword)
        .map_or(Scope::Any, |(_, scope)| *scope)
}

/// Reads a SIZE value: decimal digits, at most `u64::MAX` (RFC 1870 §6 `size-value`).
///
/// ```abnf
/// size-value = 1*20DIGIT
/// ```
fn size(value: &str) -> Result<u64, SmtpError> {
    if let Some(at) = value.bytes().position(|b| !b.is_ascii_digit()) {
        return Err(SmtpError::at(SmtpErrorKind::ExpectedSizeValue, at));
    }
    if value.is_empty() {
        return Err(SmtpError::at(SmtpErrorKind::ExpectedSizeValue, 0));
    }
    value
        .bytes()
        .try_fold(0u64, |n, digit| n.checked_mul(10)?.checked_add(u64::from(digit - b'0')))
        .ok_or(SmtpError::at(SmtpErrorKind::SizeTooLarge, 0))
}

/// Reads an ORCPT value: `addr-type ";" xtext`, or `utf-8;` with utf-8-addr-xtext or unitext.
///
/// ```abnf
/// original-recipient-address = addr-type ";" xtext        ; RFC 3461 §4.2
/// utf-8-type-addr            = "utf-8;" utf-8-enc-addr    ; RFC 6533 §3
/// ```
fn orcpt(value: &str, strictness: Strictness) -> Result<EsmtpParam<'_>, SmtpError> {
    let Some((addr_type, text)) = value.split_once(';') else {
        return Err(SmtpError::at(SmtpErrorKind::ExpectedOrcptValue, value.len()));
    };
    let addr_type = AddrType::new(addr_type)?;
    let at = addr_type.as_str().len() + 1;
    let shift = |e: SmtpError| SmtpError::at(e.kind(), at + e.offset().unwrap_or(0));
    let addr = if addr_type.is_utf8() {
        xtext::decode_unitext(text).map_err(shift)?
    } else {
        xtext::decode(text, strictness).map_err(shift)?
    };
    if addr_type.is_rfc822() && !addr.is_ascii() {
        return Err(SmtpError::at(SmtpErrorKind::OrcptNotAscii, at));
    }
    Ok(EsmtpParam::Orcpt {
        addr_type,
        addr: Cow::Owned(addr),
    })
}

/// The wire form of an ORCPT value.
fn orcpt_value(addr_type: &AddrType<'_>, addr: &str) -> Result<String, SmtpError> {
    let encoded = if addr_type.is_utf8() {
        xtext::encode_unitext(addr, true)?
    } else if addr_type.is_rfc822() && !addr.is_ascii() {
        return Err(SmtpError::new(SmtpErrorKind::OrcptNotAscii));
    } else {
        xtext::encode(addr)
    };
    Ok(alloc::format!("{};{encoded}", addr_type.as_str()))
}

/// Reads an AUTH value: `<>`, or the xtext of an RFC 5321 `Mailbox` (RFC 4954 §5), read by the
/// crate's RFC 5321 path grammar.
///
/// ```abnf
/// auth-param = "AUTH=" xtext
///            ;; The decoded form of the xtext MUST be either a <mailbox> or the two characters "<>"
/// ```
fn auth(value: &str, strictness: Strictness) -> Result<Option<Box<Mailbox<'static>>>, SmtpError> {
    if value == "<>" {
        return Ok(None);
    }
    let decoded = xtext::decode(value, strictness)?;
    let path = alloc::format!("<{decoded}>");
    let options = ParseOptions::default().strictness(strictness);
    match ForwardPath::parse_with(&path, &options) {
        Ok(ForwardPath::Path(addr)) => Ok(Some(Box::new(Mailbox::from(addr.into_owned())))),
        _ => Err(SmtpError::at(SmtpErrorKind::ExpectedAuthValue, 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_checked_and_upper_cased() {
        assert_eq!(EsmtpKeyword::new("x-Foo-1").unwrap().as_str(), "X-FOO-1");
        assert!(matches!(EsmtpKeyword::new("SIZE").unwrap().0, Cow::Borrowed(_)));
        for (bad, at) in [
            ("", 0),
            ("-a", 0),
            ("a b", 1),
            ("a=b", 1),
            ("é", 0),
            ("a\r\n", 1),
            ("a_b", 1),
        ] {
            let err = EsmtpKeyword::new(bad).unwrap_err();
            assert_eq!(
                (err.kind(), err.offset()),
                (SmtpErrorKind::InvalidKeyword, Some(at)),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn values_refuse_space_equals_and_controls() {
        for (bad, at) in [
            ("", 0),
            ("a b", 1),
            ("a=b", 1),
            ("\t", 0),
            ("a\u{7f}", 1),
            ("x\r", 1),
            ("\0", 0),
        ] {
            let err = EsmtpValue::new(bad).unwrap_err();
            assert_eq!(
                (err.kind(), err.offset()),
                (SmtpErrorKind::InvalidValue, Some(at)),
                "{bad:?}"
            );
        }
        assert_eq!(EsmtpValue::new("<>!~").unwrap().as_str(), "<>!~");
    }

    #[test]
    fn size_reads_decimal_up_to_u64_max() {
        assert_eq!(size("0"), Ok(0));
        assert_eq!(size("018446744073709551615"), Ok(u64::MAX));
        assert_eq!(
            size("18446744073709551616").unwrap_err().kind(),
            SmtpErrorKind::SizeTooLarge
        );
        assert_eq!(
            size("99999999999999999999999").unwrap_err().kind(),
            SmtpErrorKind::SizeTooLarge
        );
        assert_eq!(size("").unwrap_err().kind(), SmtpErrorKind::ExpectedSizeValue);
        assert_eq!(size("12a").unwrap_err().offset(), Some(2));
        assert_eq!(size("-1").unwrap_err().offset(), Some(0));
    }

    #[test]
    fn typed_parameters_read_their_values() {
        let standard = Strictness::Standard;
        assert_eq!(EsmtpParam::parse("ret=hdrs", standard), Ok(EsmtpParam::Ret(Ret::Hdrs)));
        assert_eq!(EsmtpParam::parse("SMTPUTF8", standard), Ok(EsmtpParam::SmtpUtf8));
        assert_eq!(EsmtpParam::parse("requiretls", standard), Ok(EsmtpParam::RequireTls));
        assert_eq!(EsmtpParam::parse("AUTH=<>", standard), Ok(EsmtpParam::Auth(None)));
        let EsmtpParam::Auth(Some(mailbox)) = EsmtpParam::parse("AUTH=e+3Dmc2@example.com", standard).unwrap() else {
            panic!("AUTH with a mailbox")
        };
        assert_eq!(mailbox.to_string(), "e=mc2@example.com");
        let EsmtpParam::EnvId(id) = EsmtpParam::parse("ENVID=QQ+20314159", standard).unwrap() else {
            panic!("ENVID")
        };
        assert_eq!(id.decode(), "QQ 314159");
        assert_eq!(
            EsmtpParam::parse("ORCPT=RFC822;Bob@Example.COM", standard),
            Ok(EsmtpParam::Orcpt {
                addr_type: AddrType::RFC822,
                addr: "Bob@Example.COM".into()
            })
        );
        assert_eq!(
            EsmtpParam::parse("ORCPT=utf-8;\\x{7528}@example.com", standard),
            Ok(EsmtpParam::Orcpt {
                addr_type: AddrType::UTF8,
                addr: "用@example.com".into()
            })
        );
    }

    #[test]
    fn typed_parameters_refuse_bad_values_at_their_offset() {
        let cases: &[(&str, SmtpErrorKind, usize)] = &[
            ("SIZE", SmtpErrorKind::ExpectedSizeValue, 4),
            ("SIZE=1k", SmtpErrorKind::ExpectedSizeValue, 6),
            ("BODY=9BIT", SmtpErrorKind::ExpectedBodyValue, 5),
            ("BODY", SmtpErrorKind::ExpectedBodyValue, 4),
            ("RET=ALL", SmtpErrorKind::ExpectedRetValue, 4),
            ("NOTIFY=NEVER,DELAY", SmtpErrorKind::ExpectedNotifyValue, 7),
            ("NOTIFY=SUCCESS,,DELAY", SmtpErrorKind::ExpectedNotifyValue, 15),
            ("NOTIFY", SmtpErrorKind::ExpectedNotifyValue, 6),
            ("ORCPT=rfc822", SmtpErrorKind::ExpectedOrcptValue, 12),
            ("ORCPT=rfc822;a+2", SmtpErrorKind::XtextTruncatedEscape, 14),
            ("ORCPT=rfc822;+C3+A9", SmtpErrorKind::OrcptNotAscii, 13),
            ("ORCPT=utf-8;a\\x{41}", SmtpErrorKind::UnitextEscape, 13),
            ("ENVID", SmtpErrorKind::InvalidValue, 5),
            ("ENVID=a+", SmtpErrorKind::XtextTruncatedEscape, 7),
            ("AUTH=jane", SmtpErrorKind::ExpectedAuthValue, 5),
            ("AUTH=+3Ca@b+3E", SmtpErrorKind::ExpectedAuthValue, 5),
            ("AUTH=Postmaster", SmtpErrorKind::ExpectedAuthValue, 5),
            ("SMTPUTF8=1", SmtpErrorKind::UnexpectedParameterValue, 8),
            ("X=", SmtpErrorKind::InvalidValue, 2),
            ("X=a=b", SmtpErrorKind::InvalidValue, 3),
        ];
        for &(input, kind, at) in cases {
            let err = EsmtpParam::parse(input, Strictness::Standard).unwrap_err();
            assert_eq!((err.kind(), err.offset()), (kind, Some(at)), "{input:?}");
        }
    }

    #[test]
    fn values_round_trip_through_their_wire_form() {
        let params = [
            EsmtpParam::Size(0),
            EsmtpParam::Body(Body::BinaryMime),
            EsmtpParam::EnvId(XText::encode("a b+c=d\r\n")),
            EsmtpParam::Notify(Notify::Never),
            EsmtpParam::Orcpt {
                addr_type: AddrType::RFC822,
                addr: "a b@example.com".into(),
            },
            EsmtpParam::Orcpt {
                addr_type: AddrType::UTF8,
                addr: "a+b=c@例子.广告".into(),
            },
            EsmtpParam::Auth(Some(Box::new(Mailbox::parse("\"a b\"@example.com").unwrap()))),
        ];
        for param in params {
            let value = param.to_value().unwrap().unwrap();
            assert!(value.bytes().all(is_value_byte), "{value:?}");
            let text = alloc::format!("{}={value}", param.keyword());
            assert_eq!(
                EsmtpParam::parse(&text, Strictness::Strict),
                Ok(param.clone()),
                "{text}"
            );
        }
    }

    #[test]
    fn values_without_a_wire_form_are_errors() {
        let empty_notify = EsmtpParam::Notify(Notify::On {
            success: false,
            failure: false,
            delay: false,
        });
        assert_eq!(
            empty_notify.to_value().unwrap_err().kind(),
            SmtpErrorKind::ExpectedNotifyValue
        );
        assert_eq!(
            EsmtpParam::EnvId(XText::encode("")).to_value().unwrap_err().kind(),
            SmtpErrorKind::Empty
        );
        let orcpt = EsmtpParam::Orcpt {
            addr_type: AddrType::RFC822,
            addr: "é@x".into(),
        };
        assert_eq!(orcpt.to_value().unwrap_err().kind(), SmtpErrorKind::OrcptNotAscii);
        let auth = EsmtpParam::Auth(Some(Box::new(Mailbox::parse("a@[not a literal]").unwrap())));
        assert!(matches!(
            auth.to_value().unwrap_err().kind(),
            SmtpErrorKind::Envelope(_)
        ));
    }

    #[test]
    fn canonical_xtext_is_what_encode_writes() {
        for text in ["", "QQ314159", "a b+c=d", "été\r\n", "~!", "+", "\u{7f}"] {
            assert!(is_canonical_xtext(&xtext::encode(text)), "{text:?}");
        }
        for wire in ["a+2b", "+41", "+7E", "a b", "a=b", "+2", "+G0", "é"] {
            assert!(!is_canonical_xtext(wire), "{wire:?}");
        }
    }

    #[test]
    fn parameters_are_normalized_to_their_parsed_form() {
        let envid = EsmtpParam::EnvId(XText::parse("a+2b+41", Strictness::Standard).unwrap());
        assert_eq!(envid.to_value().unwrap().as_deref(), Some("a+2BA"));
        assert_eq!(
            envid.clone().normalized(),
            EsmtpParam::parse("ENVID=a+2BA", Strictness::Strict)
        );
        let auth = EsmtpParam::Auth(Some(Box::new(Mailbox::parse("Jane <jane@example.com>").unwrap())));
        assert_eq!(
            auth.normalized(),
            EsmtpParam::parse("AUTH=jane@example.com", Strictness::Strict)
        );
    }

    #[test]
    fn an_untyped_known_keyword_is_typed() {
        let other = EsmtpParam::Other {
            keyword: EsmtpKeyword::new("size").unwrap(),
            value: Some(EsmtpValue::new("12").unwrap()),
        };
        assert_eq!(other.normalized(), Ok(EsmtpParam::Size(12)));
        let bad = EsmtpParam::Other {
            keyword: EsmtpKeyword::new("BODY").unwrap(),
            value: Some(EsmtpValue::new("x").unwrap()),
        };
        assert_eq!(bad.normalized().unwrap_err().kind(), SmtpErrorKind::ExpectedBodyValue);
    }
}
