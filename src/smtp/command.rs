//! The `MAIL FROM` and `RCPT TO` command lines (RFC 5321 §4.1.1.2, §4.1.1.3): built from the
//! core's paths and checked parameters, and parsed back.
//!
//! ```abnf
//! mail = "MAIL FROM:" Reverse-path [SP Mail-parameters] CRLF          ; RFC 5321 §4.1.1.2
//! rcpt = "RCPT TO:" ( "<Postmaster@" Domain ">" / "<Postmaster>" /
//!        Forward-path ) [SP Rcpt-parameters] CRLF                     ; RFC 5321 §4.1.1.3
//! ```
//!
//! A built line is at most 512 octets with its CRLF (RFC 5321 §4.5.3.1.4) and holds no CR, LF
//! or NUL but its final CRLF: the path comes from the crate's path types, which cannot hold
//! them, and each parameter from [`EsmtpParam`], whose values are checked or encoded.
//! Extensions raise the limit (RFC 1870 by 26 octets for `SIZE`, RFC 4954 by 500 for `AUTH`, …);
//! the builder keeps to the base limit, which every server accepts.
//!
//! A parser takes the line with or without its CRLF, never a bare CR or LF anywhere else, reads
//! the verb and the keywords in any case, and reads the path with the crate's RFC 5321 path
//! grammar (`<>`, `<Postmaster>`, source routes dropped). What real clients send beyond the
//! grammar — a space after the colon, several spaces between parameters, a line past 512
//! octets — is accepted with a [`CommandDiagnosis`] in [`Strictness::Standard`] and
//! [`Strictness::Lenient`] (which also takes a path without its angle brackets), and refused in
//! [`Strictness::Strict`].

use alloc::borrow::Cow;
use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::hash::{Hash, Hasher};

use super::param::{EsmtpParam, Scope};
use super::{SmtpError, SmtpErrorKind};
use crate::{EnvelopeError, ForwardPath, ParseError, ParseOptions, ReversePath, Strictness};

/// The longest command line, CRLF included (RFC 5321 §4.5.3.1.4).
pub const MAX_LINE: usize = 512;

/// Each parameter of a command as on the wire: its keyword (upper case) and its value, if any
/// (see [`MailFrom::param_values`]).
pub type WireParams<'p> = Vec<(&'p str, Option<Cow<'p, str>>)>;

/// Something a parsed command line holds that the grammar does not allow, accepted outside
/// [`Strictness::Strict`].
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::command::{CommandDiagnosis, MailFrom};
/// use mail_envelope::Strictness;
///
/// let mail = MailFrom::parse("MAIL FROM: <jane@example.com>  SIZE=10\r\n", Strictness::Standard)?;
/// assert_eq!(mail.diagnoses(), [CommandDiagnosis::SpaceAfterColon, CommandDiagnosis::ExtraSpaces]);
/// assert!(MailFrom::parse("MAIL FROM: <jane@example.com>", Strictness::Strict).is_err());
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CommandDiagnosis {
    /// A space between `:` and the path (`MAIL FROM: <…>`), which many clients send.
    SpaceAfterColon,
    /// More than one space between parameters, or spaces at the end of the line.
    ExtraSpaces,
    /// The line is longer than 512 octets with its CRLF (RFC 5321 §4.5.3.1.4; extensions may
    /// raise the limit).
    LineTooLong,
    /// A path without its angle brackets (Lenient only).
    PathWithoutBrackets,
}

impl CommandDiagnosis {
    /// The stable code, in snake case.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::CommandDiagnosis;
    /// assert_eq!(CommandDiagnosis::SpaceAfterColon.code(), "space_after_colon");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            CommandDiagnosis::SpaceAfterColon => "space_after_colon",
            CommandDiagnosis::ExtraSpaces => "extra_spaces",
            CommandDiagnosis::LineTooLong => "line_too_long",
            CommandDiagnosis::PathWithoutBrackets => "path_without_brackets",
        }
    }
}

impl fmt::Display for CommandDiagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

// ----- what MAIL and RCPT share -----

/// The command a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    Mail,
    Rcpt,
}

impl Verb {
    /// The text before the path.
    fn prefix(self) -> &'static str {
        match self {
            Verb::Mail => "MAIL FROM:",
            Verb::Rcpt => "RCPT TO:",
        }
    }

    /// The error for a line that does not start with the prefix.
    fn expected(self) -> SmtpErrorKind {
        match self {
            Verb::Mail => SmtpErrorKind::ExpectedMailFrom,
            Verb::Rcpt => SmtpErrorKind::ExpectedRcptTo,
        }
    }

    /// Whether a parameter of `scope` belongs to this command.
    fn allows(self, scope: Scope) -> bool {
        !matches!((self, scope), (Verb::Mail, Scope::Rcpt) | (Verb::Rcpt, Scope::Mail))
    }
}

/// The parameters of a command, their values as read (parsed lines only), and the findings.
#[derive(Debug, Clone, Default)]
struct Params<'a> {
    list: Vec<EsmtpParam<'a>>,
    /// For each parameter of a parsed line, its value exactly as read, or `None` (no value, or
    /// added after parsing); empty for a built command.
    wire: Vec<Option<Cow<'a, str>>>,
    diagnoses: Vec<CommandDiagnosis>,
}

impl<'a> Params<'a> {
    /// Adds a parameter given by the caller: typed when its keyword is known, checked against
    /// the command and the parameters already there.
    fn push(&mut self, verb: Verb, param: EsmtpParam<'a>) -> Result<(), SmtpError> {
        let param = param.normalized()?;
        if !verb.allows(param.scope()) {
            return Err(SmtpError::new(SmtpErrorKind::ParameterNotAllowed));
        }
        if self.list.iter().any(|p| p.keyword() == param.keyword()) {
            return Err(SmtpError::new(SmtpErrorKind::DuplicateParameter));
        }
        self.list.push(param);
        if !self.wire.is_empty() {
            self.wire.push(None);
        }
        Ok(())
    }

    /// Each parameter's keyword and value: as read when the line was parsed, as the crate
    /// writes them otherwise.
    fn values(&self) -> Result<WireParams<'_>, SmtpError> {
        self.list
            .iter()
            .enumerate()
            .map(|(i, param)| {
                let value = match self.wire.get(i) {
                    Some(Some(wire)) => Some(Cow::Borrowed(wire.as_ref())),
                    _ => param.to_value()?,
                };
                Ok((param.keyword(), value))
            })
            .collect()
    }

    /// Whether a value holds UTF-8.
    fn need_smtputf8(&self) -> bool {
        self.list
            .iter()
            .any(|p| matches!(p, EsmtpParam::Other { value: Some(v), .. } if !v.as_str().is_ascii()))
    }

    fn into_owned(self) -> Params<'static> {
        Params {
            list: self.list.into_iter().map(EsmtpParam::into_owned).collect(),
            wire: self
                .wire
                .into_iter()
                .map(|w| w.map(|w| Cow::Owned(w.into_owned())))
                .collect(),
            diagnoses: self.diagnoses,
        }
    }
}

/// Writes `verb`, the path and the parameters as a line with its CRLF.
fn write_line(verb: Verb, path: &dyn fmt::Display, params: &Params<'_>) -> Result<String, SmtpError> {
    use core::fmt::Write as _;
    let mut line = String::with_capacity(128);
    line.push_str(verb.prefix());
    // Writing to a String cannot fail.
    let _ = write!(line, "{path}");
    for param in &params.list {
        line.push(' ');
        line.push_str(param.keyword());
        param.write_value(&mut line)?;
    }
    line.push_str("\r\n");
    // The parts cannot hold CR, LF or NUL; this check keeps the promise should one ever slip by.
    if let Some(at) = forbidden_control(&line[..line.len() - 2]) {
        return Err(SmtpError::at(SmtpErrorKind::ForbiddenControl, at));
    }
    if line.len() > MAX_LINE {
        return Err(SmtpError::new(SmtpErrorKind::LineTooLong));
    }
    Ok(line)
}

/// A command line split into its path and the text after it.
struct Split<'a> {
    /// The path's text.
    path: &'a str,
    /// The path's offset in the line.
    path_at: usize,
    /// The text after the path, up to the CRLF.
    rest: &'a str,
    diagnoses: Vec<CommandDiagnosis>,
}

/// Checks the line's controls, length and verb, and finds the path.
fn split(line: &str, verb: Verb, strictness: Strictness) -> Result<Split<'_>, SmtpError> {
    let strict = strictness == Strictness::Strict;
    let body = line.strip_suffix("\r\n").unwrap_or(line);
    if let Some(at) = forbidden_control(body) {
        return Err(SmtpError::at(SmtpErrorKind::ForbiddenControl, at));
    }
    let mut diagnoses = Vec::new();
    if body.len() + 2 > MAX_LINE {
        if strict {
            // The first octet past the limit, or the start of the character it falls in.
            let at = (0..=MAX_LINE - 2)
                .rev()
                .find(|&i| body.is_char_boundary(i))
                .unwrap_or(0);
            return Err(SmtpError::at(SmtpErrorKind::LineTooLong, at));
        }
        diagnoses.push(CommandDiagnosis::LineTooLong);
    }
    let prefix = verb.prefix();
    let matched = body
        .bytes()
        .zip(prefix.bytes())
        .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
        .count();
    if matched < prefix.len() {
        return Err(SmtpError::at(verb.expected(), matched));
    }
    let spaces = body[prefix.len()..].bytes().take_while(|&b| b == b' ').count();
    if spaces > 0 {
        if strict {
            return Err(SmtpError::at(SmtpErrorKind::SpaceAfterColon, prefix.len()));
        }
        diagnoses.push(CommandDiagnosis::SpaceAfterColon);
    }
    let path_at = prefix.len() + spaces;
    let after_colon = &body[path_at..];
    let len = path_len(after_colon);
    Ok(Split {
        path: &after_colon[..len],
        path_at,
        rest: &after_colon[len..],
        diagnoses,
    })
}

/// The offset of the first CR, LF or NUL in `text`, if any. The test over the whole text comes
/// first, as a loop without an early exit that the compiler vectorizes.
fn forbidden_control(text: &str) -> Option<usize> {
    let is_control = |b: u8| matches!(b, b'\r' | b'\n' | 0);
    if text.bytes().fold(false, |found, b| found | is_control(b)) {
        text.bytes().position(is_control)
    } else {
        None
    }
}

/// The length of the path at the start of `text`: through the first `>` outside a
/// quoted-string and a domain-literal, else up to the first space outside a quoted-string (the
/// path grammar then says what is wrong, or, in Lenient, reads a path without brackets).
///
/// This finds where the path ends, nothing more; the path grammar reads it.
fn path_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    // The common path: `<`, no quoted-string or literal, `>`.
    if bytes.first() == Some(&b'<') {
        if let Some(close) = bytes.iter().position(|&b| b == b'>') {
            if !bytes[..close]
                .iter()
                .fold(false, |found, &b| found | matches!(b, b'"' | b'[' | b' '))
            {
                return close + 1;
            }
        }
    }
    let (mut quoted, mut literal, mut escaped) = (false, false, false);
    for (i, &b) in bytes.iter().enumerate() {
        if escaped {
            escaped = false;
        } else if quoted {
            match b {
                b'\\' => escaped = true,
                b'"' => quoted = false,
                _ => {}
            }
        } else if literal {
            match b {
                b']' => literal = false,
                b' ' => return i,
                _ => {}
            }
        } else {
            match b {
                b'"' => quoted = true,
                b'[' => literal = true,
                b'>' if bytes.first() == Some(&b'<') => return i + 1,
                b' ' => return i,
                _ => {}
            }
        }
    }
    bytes.len()
}

/// Reads the path of `split` as a `P`, its errors moved to their offset in the line.
fn read_path<'a, P>(
    split: &mut Split<'a>,
    strictness: Strictness,
    parse: fn(&'a str, &ParseOptions) -> Result<P, ParseError>,
) -> Result<P, SmtpError> {
    let options = ParseOptions::default().strictness(strictness);
    let path = parse(split.path, &options)
        .map_err(|e| SmtpError::at(SmtpErrorKind::Path(e.kind()), split.path_at + e.offset()))?;
    if !split.path.starts_with('<') {
        split.diagnoses.push(CommandDiagnosis::PathWithoutBrackets);
    }
    Ok(path)
}

/// Reads the parameters after the path: `*(SP esmtp-param)`, `rest` standing at `at` in the line.
fn read_params(
    rest: &str,
    at: usize,
    verb: Verb,
    strictness: Strictness,
    diagnoses: Vec<CommandDiagnosis>,
) -> Result<Params<'_>, SmtpError> {
    let mut params = Params {
        diagnoses,
        ..Params::default()
    };
    // Keywords seen, looked up in a set once there are many (a hostile line may hold thousands).
    let mut seen = BTreeSet::new();
    let mut i = 0;
    while i < rest.len() {
        let spaces = rest[i..].bytes().take_while(|&b| b == b' ').count();
        if spaces == 0 {
            return Err(SmtpError::at(SmtpErrorKind::ExpectedSpace, at + i));
        }
        if spaces > 1 || i + spaces == rest.len() {
            if strictness == Strictness::Strict {
                let extra = if spaces > 1 { i + 1 } else { i };
                return Err(SmtpError::at(SmtpErrorKind::ExtraSpaces, at + extra));
            }
            if !params.diagnoses.contains(&CommandDiagnosis::ExtraSpaces) {
                params.diagnoses.push(CommandDiagnosis::ExtraSpaces);
            }
        }
        i += spaces;
        if i == rest.len() {
            break;
        }
        // Short tokens: a plain loop beats the set-up of a substring search.
        let end = rest.as_bytes()[i..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(rest.len(), |n| i + n);
        let token = &rest[i..end];
        let (keyword, value) = match token.bytes().position(|b| b == b'=') {
            Some(eq) => (&token[..eq], Some(&token[eq + 1..])),
            None => (token, None),
        };
        let param = EsmtpParam::read(keyword, value, keyword.len() + 1, strictness)
            .map_err(|e| SmtpError::at(e.kind(), at + i + e.offset().unwrap_or(0)))?;
        if !verb.allows(param.scope()) {
            return Err(SmtpError::at(SmtpErrorKind::ParameterNotAllowed, at + i));
        }
        let duplicate = if params.list.len() < 16 {
            params.list.iter().any(|p| p.keyword() == param.keyword())
        } else {
            if seen.is_empty() {
                seen.extend(params.list.iter().map(|p| String::from(p.keyword())));
            }
            !seen.insert(String::from(param.keyword()))
        };
        if duplicate {
            return Err(SmtpError::at(SmtpErrorKind::DuplicateParameter, at + i));
        }
        params.list.push(param);
        params.wire.push(value.map(Cow::Borrowed));
        i = end;
    }
    Ok(params)
}

/// Checks that a line given as bytes is UTF-8.
fn utf8(line: &[u8]) -> Result<&str, SmtpError> {
    core::str::from_utf8(line).map_err(|e| SmtpError::at(SmtpErrorKind::InvalidUtf8, e.valid_up_to()))
}

/// The error for a path that has no RFC 5321 form.
fn envelope(e: &EnvelopeError) -> SmtpError {
    SmtpError::new(SmtpErrorKind::Envelope(e.kind()))
}

// ----- MAIL FROM -----

/// A `MAIL FROM` command (RFC 5321 §4.1.1.2): a reverse-path and ESMTP parameters.
///
/// Build one from a path ([`MailFrom::new`], checked for an RFC 5321 form) and
/// [`EsmtpParam`]s ([`MailFrom::push_param`], checked to belong to MAIL and not to repeat),
/// and write it with [`MailFrom::to_line`]; or read one with [`MailFrom::parse`]. Equality is
/// over the path and the parameters, never the text they were read from or the diagnoses.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::command::MailFrom;
/// use mail_envelope::smtp::param::{Body, EsmtpParam};
/// use mail_envelope::{Mailbox, Strictness};
///
/// let sender = Mailbox::parse("服务显示名称 <keepalived@server.example.com>")?;
/// let mut mail = MailFrom::new(sender.to_reverse_path()?)?;
/// mail.push_param(EsmtpParam::Body(Body::EightBitMime))?;
/// assert_eq!(mail.to_line()?, "MAIL FROM:<keepalived@server.example.com> BODY=8BITMIME\r\n");
///
/// let read = MailFrom::parse("mail from:<keepalived@server.example.com> body=8bitmime", Strictness::Strict)?;
/// assert_eq!(read, mail);
/// # Ok::<(), mail_envelope::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct MailFrom<'a> {
    path: ReversePath<'a>,
    params: Params<'a>,
}

impl<'a> MailFrom<'a> {
    /// A `MAIL FROM` for `path`, without parameters.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::Envelope`] when the path's addr-spec has no RFC 5321 form (a
    /// domain-literal that is not an address literal, a control character, a limit passed):
    /// the path types can hold any parsed addr-spec, and the line takes only usable ones.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::MailFrom;
    /// use mail_envelope::{AddrSpec, ReversePath};
    ///
    /// assert_eq!(MailFrom::new(ReversePath::Null)?.to_line()?, "MAIL FROM:<>\r\n");
    /// let header_only = AddrSpec::parse("jane@[not an address]")?;
    /// assert!(MailFrom::new(ReversePath::Path(header_only)).is_err());
    /// # Ok::<(), mail_envelope::Error>(())
    /// ```
    pub fn new(path: ReversePath<'a>) -> Result<Self, SmtpError> {
        if let Some(addr) = path.addr_spec() {
            addr.to_reverse_path().map_err(|e| envelope(&e))?;
        }
        Ok(MailFrom {
            path,
            params: Params::default(),
        })
    }

    /// Adds a parameter, in the form parsing would give it: an [`EsmtpParam::Other`] with a
    /// known keyword typed, an `ENVID` in canonical xtext, an `AUTH` mailbox without its display
    /// name.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::ParameterNotAllowed`] for `NOTIFY` and `ORCPT` (RCPT parameters),
    /// [`SmtpErrorKind::DuplicateParameter`] when the command has the keyword already, or the
    /// error of typing an `Other`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::MailFrom;
    /// use mail_envelope::smtp::param::{EsmtpParam, Notify};
    /// use mail_envelope::smtp::SmtpErrorKind;
    /// use mail_envelope::ReversePath;
    ///
    /// let mut mail = MailFrom::new(ReversePath::Null)?;
    /// mail.push_param(EsmtpParam::Size(1000))?;
    /// assert_eq!(mail.push_param(EsmtpParam::Size(2000)).unwrap_err().kind(), SmtpErrorKind::DuplicateParameter);
    /// let notify = EsmtpParam::Notify(Notify::Never);
    /// assert_eq!(mail.push_param(notify).unwrap_err().kind(), SmtpErrorKind::ParameterNotAllowed);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn push_param(&mut self, param: EsmtpParam<'a>) -> Result<(), SmtpError> {
        self.params.push(Verb::Mail, param)
    }

    /// The same command with `param` added, as [`push_param`](Self::push_param).
    ///
    /// # Errors
    ///
    /// As [`push_param`](Self::push_param).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::MailFrom;
    /// use mail_envelope::smtp::param::EsmtpParam;
    /// use mail_envelope::ReversePath;
    ///
    /// let mail = MailFrom::new(ReversePath::parse("<用户@例子.广告>")?)?.with_param(EsmtpParam::SmtpUtf8)?;
    /// assert_eq!(mail.to_line()?, "MAIL FROM:<用户@例子.广告> SMTPUTF8\r\n");
    /// # Ok::<(), mail_envelope::Error>(())
    /// ```
    pub fn with_param(mut self, param: EsmtpParam<'a>) -> Result<Self, SmtpError> {
        self.push_param(param)?;
        Ok(self)
    }

    /// The reverse-path.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::MailFrom;
    /// use mail_envelope::Strictness;
    /// let mail = MailFrom::parse("MAIL FROM:<@relay.example:jane@example.com>", Strictness::Standard)?;
    /// assert_eq!(mail.path().to_string(), "<jane@example.com>");
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn path(&self) -> &ReversePath<'a> {
        &self.path
    }

    /// The parameters, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::MailFrom;
    /// use mail_envelope::smtp::param::EsmtpParam;
    /// use mail_envelope::Strictness;
    /// let mail = MailFrom::parse("MAIL FROM:<> SIZE=10 SMTPUTF8", Strictness::Strict)?;
    /// assert_eq!(mail.params(), [EsmtpParam::Size(10), EsmtpParam::SmtpUtf8]);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn params(&self) -> &[EsmtpParam<'a>] {
        &self.params.list
    }

    /// Each parameter's keyword (upper case) and value as on the wire: exactly as read for a
    /// parsed line, as [`to_line`](Self::to_line) writes it otherwise.
    ///
    /// # Errors
    ///
    /// As [`EsmtpParam::to_value`], for a parameter that was not read.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::MailFrom;
    /// use mail_envelope::Strictness;
    /// let mail = MailFrom::parse("MAIL FROM:<> size=01000 body=8bitmime", Strictness::Standard)?;
    /// let values = mail.param_values()?;
    /// assert_eq!(values[0], ("SIZE", Some("01000".into())));
    /// assert_eq!(mail.to_line()?, "MAIL FROM:<> SIZE=1000 BODY=8BITMIME\r\n");
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn param_values(&self) -> Result<WireParams<'_>, SmtpError> {
        self.params.values()
    }

    /// What the parsed line held beyond the grammar (always empty for a built command).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::{CommandDiagnosis, MailFrom};
    /// use mail_envelope::Strictness;
    /// let mail = MailFrom::parse("MAIL FROM:jane@example.com", Strictness::Lenient)?;
    /// assert_eq!(mail.diagnoses(), [CommandDiagnosis::PathWithoutBrackets]);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn diagnoses(&self) -> &[CommandDiagnosis] {
        &self.params.diagnoses
    }

    /// Whether the line holds UTF-8 (in the path or a value), so that the transaction needs
    /// SMTPUTF8 (RFC 6531 §3.4).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::MailFrom;
    /// use mail_envelope::ReversePath;
    /// assert!(MailFrom::new(ReversePath::parse("<jörg@example.com>")?)?.needs_smtputf8());
    /// assert!(!MailFrom::new(ReversePath::Null)?.needs_smtputf8());
    /// # Ok::<(), mail_envelope::Error>(())
    /// ```
    pub fn needs_smtputf8(&self) -> bool {
        self.path.needs_smtputf8() || self.params.need_smtputf8()
    }

    /// Writes the command line: `MAIL FROM:<path>`, the parameters each after one space,
    /// keywords and tokens in upper case, and CRLF.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::LineTooLong`] when the line would pass 512 octets with its CRLF (RFC
    /// 5321 §4.5.3.1.4), or the error of a parameter without a wire form
    /// ([`EsmtpParam::to_value`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::MailFrom;
    /// use mail_envelope::smtp::param::{EsmtpParam, Ret};
    /// use mail_envelope::smtp::xtext::XText;
    /// use mail_envelope::smtp::SmtpErrorKind;
    /// use mail_envelope::ReversePath;
    ///
    /// let mail = MailFrom::new(ReversePath::parse("<Alice@Example.ORG>")?)?
    ///     .with_param(EsmtpParam::Ret(Ret::Hdrs))?
    ///     .with_param(EsmtpParam::EnvId(XText::encode("QQ314159")))?;
    /// assert_eq!(mail.to_line()?, "MAIL FROM:<Alice@Example.ORG> RET=HDRS ENVID=QQ314159\r\n");
    ///
    /// let long = MailFrom::new(ReversePath::Null)?.with_param(EsmtpParam::EnvId(XText::encode(&"x".repeat(500))))?;
    /// assert_eq!(long.to_line().unwrap_err().kind(), SmtpErrorKind::LineTooLong);
    /// # Ok::<(), mail_envelope::Error>(())
    /// ```
    pub fn to_line(&self) -> Result<String, SmtpError> {
        write_line(Verb::Mail, &self.path, &self.params)
    }

    /// Reads a `MAIL FROM` line, with or without its CRLF.
    ///
    /// ```abnf
    /// mail = "MAIL FROM:" Reverse-path [SP Mail-parameters] CRLF
    /// ```
    ///
    /// # Errors
    ///
    /// An [`SmtpError`] with the byte offset in `line`: [`SmtpErrorKind::ForbiddenControl`] for
    /// a CR, LF or NUL other than the final CRLF, [`SmtpErrorKind::ExpectedMailFrom`],
    /// [`SmtpErrorKind::Path`] (what the path grammar expected),
    /// [`SmtpErrorKind::ParameterNotAllowed`] (`NOTIFY`, `ORCPT`),
    /// [`SmtpErrorKind::DuplicateParameter`], the errors of [`EsmtpParam::parse`], and in
    /// Strict the spacing and length the other modes note as [`CommandDiagnosis`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::MailFrom;
    /// use mail_envelope::smtp::SmtpErrorKind;
    /// use mail_envelope::{ErrorKind, Strictness};
    ///
    /// let mail = MailFrom::parse("MAIL FROM:<> SIZE=100\r\n", Strictness::Strict)?;
    /// assert_eq!(mail.to_line()?, "MAIL FROM:<> SIZE=100\r\n");
    ///
    /// // The Keepalived line: a display name inside the path.
    /// let err = MailFrom::parse("MAIL FROM:<Name <keepalived@host.example>>", Strictness::Standard).unwrap_err();
    /// assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::Path(ErrorKind::ExpectedAt), Some(15)));
    /// // A CR smuggled into the address is refused, not deleted.
    /// let err = MailFrom::parse("MAIL FROM:<a\r@example.com>", Strictness::Lenient).unwrap_err();
    /// assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::ForbiddenControl, Some(12)));
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn parse(line: &'a str, strictness: Strictness) -> Result<Self, SmtpError> {
        let mut split = split(line, Verb::Mail, strictness)?;
        let path = read_path(&mut split, strictness, ReversePath::parse_with)?;
        let at = split.path_at + split.path.len();
        let params = read_params(split.rest, at, Verb::Mail, strictness, split.diagnoses)?;
        Ok(MailFrom { path, params })
    }

    /// Reads a `MAIL FROM` line from bytes, which must be UTF-8.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::InvalidUtf8`] at the first byte that is not UTF-8, or an error of
    /// [`parse`](Self::parse).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::MailFrom;
    /// use mail_envelope::Strictness;
    /// assert!(MailFrom::parse_bytes(b"MAIL FROM:<a@example.com>\r\n", Strictness::Strict).is_ok());
    /// assert_eq!(MailFrom::parse_bytes(b"MAIL FROM:<\xff@x>", Strictness::Strict).unwrap_err().offset(), Some(11));
    /// ```
    pub fn parse_bytes(line: &'a [u8], strictness: Strictness) -> Result<Self, SmtpError> {
        Self::parse(utf8(line)?, strictness)
    }

    /// Converts into a value that owns its text.
    pub fn into_owned(self) -> MailFrom<'static> {
        MailFrom {
            path: self.path.into_owned(),
            params: self.params.into_owned(),
        }
    }
}

impl PartialEq for MailFrom<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.params.list == other.params.list
    }
}

impl Eq for MailFrom<'_> {}

impl Hash for MailFrom<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.path.hash(state);
        self.params.list.hash(state);
    }
}

// ----- RCPT TO -----

/// A `RCPT TO` command (RFC 5321 §4.1.1.3): a forward-path and ESMTP parameters.
///
/// Built, written and read as [`MailFrom`] is; the parameters that belong here are `NOTIFY`,
/// `ORCPT` and those the crate does not know.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::command::RcptTo;
/// use mail_envelope::smtp::param::{AddrType, EsmtpParam, Notify};
/// use mail_envelope::{ForwardPath, Strictness};
///
/// let rcpt = RcptTo::new(ForwardPath::parse("<Bob@Example.COM>")?)?
///     .with_param(EsmtpParam::Notify(Notify::On { success: true, failure: true, delay: false }))?
///     .with_param(EsmtpParam::Orcpt { addr_type: AddrType::RFC822, addr: "Bob@Example.COM".into() })?;
/// let line = rcpt.to_line()?;
/// assert_eq!(line, "RCPT TO:<Bob@Example.COM> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Bob@Example.COM\r\n");
/// assert_eq!(RcptTo::parse(&line, Strictness::Strict)?, rcpt);
/// # Ok::<(), mail_envelope::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct RcptTo<'a> {
    path: ForwardPath<'a>,
    params: Params<'a>,
}

impl<'a> RcptTo<'a> {
    /// A `RCPT TO` for `path`, without parameters.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::Envelope`] when the path's addr-spec has no RFC 5321 form.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::RcptTo;
    /// use mail_envelope::ForwardPath;
    /// assert_eq!(RcptTo::new(ForwardPath::Postmaster)?.to_line()?, "RCPT TO:<Postmaster>\r\n");
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn new(path: ForwardPath<'a>) -> Result<Self, SmtpError> {
        if let Some(addr) = path.addr_spec() {
            addr.to_forward_path().map_err(|e| envelope(&e))?;
        }
        Ok(RcptTo {
            path,
            params: Params::default(),
        })
    }

    /// Adds a parameter, as [`MailFrom::push_param`] does.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::ParameterNotAllowed`] for a MAIL parameter (`SIZE`, `BODY`, `RET`,
    /// `ENVID`, `AUTH`, `SMTPUTF8`, `REQUIRETLS`), [`SmtpErrorKind::DuplicateParameter`], or
    /// the error of typing an [`EsmtpParam::Other`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::RcptTo;
    /// use mail_envelope::smtp::param::EsmtpParam;
    /// use mail_envelope::smtp::SmtpErrorKind;
    /// use mail_envelope::ForwardPath;
    /// let mut rcpt = RcptTo::new(ForwardPath::Postmaster)?;
    /// assert_eq!(rcpt.push_param(EsmtpParam::SmtpUtf8).unwrap_err().kind(), SmtpErrorKind::ParameterNotAllowed);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn push_param(&mut self, param: EsmtpParam<'a>) -> Result<(), SmtpError> {
        self.params.push(Verb::Rcpt, param)
    }

    /// The same command with `param` added, as [`push_param`](Self::push_param).
    ///
    /// # Errors
    ///
    /// As [`push_param`](Self::push_param).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::RcptTo;
    /// use mail_envelope::smtp::param::{EsmtpParam, Notify};
    /// use mail_envelope::ForwardPath;
    /// let rcpt = RcptTo::new(ForwardPath::parse("<fred@example.com>")?)?.with_param(EsmtpParam::Notify(Notify::Never))?;
    /// assert_eq!(rcpt.to_line()?, "RCPT TO:<fred@example.com> NOTIFY=NEVER\r\n");
    /// # Ok::<(), mail_envelope::Error>(())
    /// ```
    pub fn with_param(mut self, param: EsmtpParam<'a>) -> Result<Self, SmtpError> {
        self.push_param(param)?;
        Ok(self)
    }

    /// The forward-path.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::RcptTo;
    /// use mail_envelope::{ForwardPath, Strictness};
    /// assert_eq!(RcptTo::parse("RCPT TO:<postmaster>", Strictness::Strict)?.path(), &ForwardPath::Postmaster);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn path(&self) -> &ForwardPath<'a> {
        &self.path
    }

    /// The parameters, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::RcptTo;
    /// use mail_envelope::smtp::param::{EsmtpParam, Notify};
    /// use mail_envelope::Strictness;
    /// let rcpt = RcptTo::parse("RCPT TO:<a@example.com> NOTIFY=never", Strictness::Strict)?;
    /// assert_eq!(rcpt.params(), [EsmtpParam::Notify(Notify::Never)]);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn params(&self) -> &[EsmtpParam<'a>] {
        &self.params.list
    }

    /// Each parameter's keyword (upper case) and value as on the wire, as
    /// [`MailFrom::param_values`].
    ///
    /// # Errors
    ///
    /// As [`EsmtpParam::to_value`], for a parameter that was not read.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::RcptTo;
    /// use mail_envelope::Strictness;
    /// let rcpt = RcptTo::parse("RCPT TO:<a@example.com> orcpt=RFC822;a+40example.com", Strictness::Standard)?;
    /// assert_eq!(rcpt.param_values()?[0], ("ORCPT", Some("RFC822;a+40example.com".into())));
    /// assert_eq!(rcpt.to_line()?, "RCPT TO:<a@example.com> ORCPT=rfc822;a@example.com\r\n");
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn param_values(&self) -> Result<WireParams<'_>, SmtpError> {
        self.params.values()
    }

    /// What the parsed line held beyond the grammar (always empty for a built command).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::{CommandDiagnosis, RcptTo};
    /// use mail_envelope::Strictness;
    /// let rcpt = RcptTo::parse("RCPT TO: <a@example.com>", Strictness::Standard)?;
    /// assert_eq!(rcpt.diagnoses(), [CommandDiagnosis::SpaceAfterColon]);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn diagnoses(&self) -> &[CommandDiagnosis] {
        &self.params.diagnoses
    }

    /// Whether the line holds UTF-8 (in the path or a value), so that the transaction needs
    /// SMTPUTF8 (RFC 6531 §3.4).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::RcptTo;
    /// use mail_envelope::ForwardPath;
    /// assert!(RcptTo::new(ForwardPath::parse("<jane@bücher.example>")?)?.needs_smtputf8());
    /// # Ok::<(), mail_envelope::Error>(())
    /// ```
    pub fn needs_smtputf8(&self) -> bool {
        self.path.needs_smtputf8() || self.params.need_smtputf8()
    }

    /// Writes the command line: `RCPT TO:<path>`, the parameters each after one space, and
    /// CRLF.
    ///
    /// # Errors
    ///
    /// As [`MailFrom::to_line`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::RcptTo;
    /// use mail_envelope::ForwardPath;
    /// let rcpt = RcptTo::new(ForwardPath::parse("<\"john doe\"@example.com>")?)?;
    /// assert_eq!(rcpt.to_line()?, "RCPT TO:<\"john doe\"@example.com>\r\n");
    /// # Ok::<(), mail_envelope::Error>(())
    /// ```
    pub fn to_line(&self) -> Result<String, SmtpError> {
        write_line(Verb::Rcpt, &self.path, &self.params)
    }

    /// Reads a `RCPT TO` line, with or without its CRLF.
    ///
    /// ```abnf
    /// rcpt = "RCPT TO:" ( "<Postmaster@" Domain ">" / "<Postmaster>" /
    ///        Forward-path ) [SP Rcpt-parameters] CRLF
    /// ```
    ///
    /// # Errors
    ///
    /// As [`MailFrom::parse`], with [`SmtpErrorKind::ExpectedRcptTo`], and
    /// [`SmtpErrorKind::ParameterNotAllowed`] for the MAIL parameters.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::RcptTo;
    /// use mail_envelope::smtp::SmtpErrorKind;
    /// use mail_envelope::Strictness;
    ///
    /// let err = RcptTo::parse("RCPT TO:<a@example.com> SIZE=1", Strictness::Standard).unwrap_err();
    /// assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::ParameterNotAllowed, Some(24)));
    /// let err = RcptTo::parse("RCPT TO:<>", Strictness::Standard).unwrap_err();
    /// assert_eq!(err.offset(), Some(8));
    /// ```
    pub fn parse(line: &'a str, strictness: Strictness) -> Result<Self, SmtpError> {
        let mut split = split(line, Verb::Rcpt, strictness)?;
        let path = read_path(&mut split, strictness, ForwardPath::parse_with)?;
        let at = split.path_at + split.path.len();
        let params = read_params(split.rest, at, Verb::Rcpt, strictness, split.diagnoses)?;
        Ok(RcptTo { path, params })
    }

    /// Reads a `RCPT TO` line from bytes, which must be UTF-8.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::InvalidUtf8`] at the first byte that is not UTF-8, or an error of
    /// [`parse`](Self::parse).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::command::RcptTo;
    /// use mail_envelope::Strictness;
    /// assert!(RcptTo::parse_bytes(b"RCPT TO:<a@example.com>", Strictness::Strict).is_ok());
    /// ```
    pub fn parse_bytes(line: &'a [u8], strictness: Strictness) -> Result<Self, SmtpError> {
        Self::parse(utf8(line)?, strictness)
    }

    /// Converts into a value that owns its text.
    pub fn into_owned(self) -> RcptTo<'static> {
        RcptTo {
            path: self.path.into_owned(),
            params: self.params.into_owned(),
        }
    }
}

impl PartialEq for RcptTo<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.params.list == other.params.list
    }
}

impl Eq for RcptTo<'_> {}

impl Hash for RcptTo<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.path.hash(state);
        self.params.list.hash(state);
    }
}

// ----- the JSON record (feature `serde`) -----

/// What the command line tool prints for one `MAIL FROM` or `RCPT TO` command, as one JSON
/// object (feature `serde`): the line, its path, whether it needs SMTPUTF8, each parameter,
/// and the diagnoses; or the error.
///
/// ```json
/// {"ok":true,"command":"MAIL FROM:<用户@例子.广告> SMTPUTF8\r\n","path":"<用户@例子.广告>","smtputf8":true,
///  "params":[{"keyword":"SMTPUTF8","value":null}],"diagnoses":[]}
/// {"ok":false,"error":{"kind":"size_too_large","offset":18,"message":"…"}}
/// ```
///
/// Each parameter has its `keyword` in upper case, its `value` exactly as on the wire (as read,
/// for a parsed line), and, for a typed one, `decoded`: SIZE a number, BODY and RET a token,
/// NOTIFY a list of tokens, ENVID and AUTH the decoded text (`AUTH=<>` → `null`), ORCPT
/// `{"addr_type":"rfc822","addr":"…"}`. `diagnoses` lists the command's
/// [`CommandDiagnosis`] codes, then the path's.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::command::{CommandRecord, MailFrom};
/// use mail_envelope::Strictness;
///
/// let mail = MailFrom::parse("MAIL FROM: <a@example.com> SIZE=01000", Strictness::Standard)?;
/// let record = CommandRecord::mail(&mail);
/// assert_eq!(
///     serde_json::to_string(&record).unwrap(),
///     r#"{"ok":true,"command":"MAIL FROM:<a@example.com> SIZE=1000\r\n","path":"<a@example.com>","smtputf8":false,"#.to_owned()
///         + r#""params":[{"keyword":"SIZE","value":"01000","decoded":1000}],"diagnoses":["space_after_colon"]}"#
/// );
/// let err = MailFrom::parse("MAIL FROM:<> SIZE=99999999999999999999999", Strictness::Standard).unwrap_err();
/// let json = serde_json::to_value(CommandRecord::Failed(err)).unwrap();
/// assert_eq!(json["error"]["kind"], "size_too_large");
/// assert_eq!(json["error"]["offset"], 18);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[cfg(feature = "serde")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandRecord {
    /// The command, written.
    Ok(CommandFields),
    /// Why there is no command.
    Failed(SmtpError),
}

/// The fields of a [`CommandRecord`] for a command (feature `serde`).
#[cfg(feature = "serde")]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CommandFields {
    command: String,
    path: String,
    smtputf8: bool,
    params: Vec<ParamRecord>,
    diagnoses: Vec<&'static str>,
}

/// One parameter of a [`CommandRecord`] (feature `serde`).
#[cfg(feature = "serde")]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ParamRecord {
    keyword: String,
    value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decoded: Option<Decoded>,
}

/// The decoded value of a typed parameter in a [`CommandRecord`] (feature `serde`).
#[cfg(feature = "serde")]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Decoded {
    /// `SIZE`: the number.
    Number(u64),
    /// `BODY`, `RET`: the token, upper case.
    Token(&'static str),
    /// `NOTIFY`: the tokens, upper case.
    Tokens(Vec<&'static str>),
    /// `ENVID`, `AUTH`: the decoded text.
    Text(String),
    /// `AUTH=<>`: `null`.
    Null,
    /// `ORCPT`: the address type (lower case) and the decoded address.
    Orcpt {
        /// The address type.
        addr_type: String,
        /// The decoded address.
        addr: String,
    },
}

#[cfg(feature = "serde")]
impl CommandRecord {
    /// The record of a `MAIL FROM` (a [`CommandRecord::Failed`] when the line cannot be
    /// written).
    pub fn mail(mail: &MailFrom<'_>) -> Self {
        let smtputf8 = mail.needs_smtputf8() || mail.params().contains(&EsmtpParam::SmtpUtf8);
        let path_diagnoses = mail.path().addr_spec().map(crate::AddrSpec::diagnoses);
        Self::fields(
            mail.to_line(),
            mail.path(),
            smtputf8,
            mail.params(),
            mail.param_values(),
            (mail.diagnoses(), path_diagnoses),
        )
    }

    /// The record of a `RCPT TO` (a [`CommandRecord::Failed`] when the line cannot be written).
    pub fn rcpt(rcpt: &RcptTo<'_>) -> Self {
        let path_diagnoses = rcpt.path().addr_spec().map(crate::AddrSpec::diagnoses);
        Self::fields(
            rcpt.to_line(),
            rcpt.path(),
            rcpt.needs_smtputf8(),
            rcpt.params(),
            rcpt.param_values(),
            (rcpt.diagnoses(), path_diagnoses),
        )
    }

    fn fields(
        line: Result<String, SmtpError>,
        path: &dyn fmt::Display,
        smtputf8: bool,
        params: &[EsmtpParam<'_>],
        values: Result<WireParams<'_>, SmtpError>,
        (diagnoses, path_diagnoses): (&[CommandDiagnosis], Option<crate::Diagnoses>),
    ) -> Self {
        let (line, values) = match (line, values) {
            (Ok(line), Ok(values)) => (line, values),
            (Err(e), _) | (_, Err(e)) => return CommandRecord::Failed(e),
        };
        let params = params
            .iter()
            .zip(values)
            .map(|(param, (keyword, value))| ParamRecord {
                keyword: String::from(keyword),
                value: value.map(Cow::into_owned),
                decoded: decoded(param),
            })
            .collect();
        let diagnoses = diagnoses
            .iter()
            .map(|d| d.code())
            .chain(
                path_diagnoses
                    .into_iter()
                    .flat_map(|d| d.iter().map(crate::Diagnosis::code)),
            )
            .collect();
        CommandRecord::Ok(CommandFields {
            command: line,
            path: alloc::format!("{path}"),
            smtputf8,
            params,
            diagnoses,
        })
    }

    /// The command line, CRLF included, if there is one.
    pub fn command(&self) -> Option<&str> {
        match self {
            CommandRecord::Ok(fields) => Some(&fields.command),
            CommandRecord::Failed(_) => None,
        }
    }
}

#[cfg(feature = "serde")]
impl CommandFields {
    /// The command line, CRLF included.
    pub fn command(&self) -> &str {
        &self.command
    }

    /// The path, canonical.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether the command needs (or opens) an SMTPUTF8 transaction.
    pub fn smtputf8(&self) -> bool {
        self.smtputf8
    }

    /// The parameters.
    pub fn params(&self) -> &[ParamRecord] {
        &self.params
    }

    /// The diagnosis codes.
    pub fn diagnoses(&self) -> &[&'static str] {
        &self.diagnoses
    }
}

#[cfg(feature = "serde")]
impl ParamRecord {
    /// The keyword, upper case.
    pub fn keyword(&self) -> &str {
        &self.keyword
    }

    /// The value as on the wire.
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// The decoded value of a typed parameter.
    pub fn decoded(&self) -> Option<&Decoded> {
        self.decoded.as_ref()
    }
}

/// The decoded value of a typed parameter.
#[cfg(feature = "serde")]
fn decoded(param: &EsmtpParam<'_>) -> Option<Decoded> {
    Some(match param {
        EsmtpParam::Size(size) => Decoded::Number(*size),
        EsmtpParam::Body(body) => Decoded::Token(body.as_str()),
        EsmtpParam::Ret(ret) => Decoded::Token(ret.as_str()),
        EsmtpParam::Notify(notify) => Decoded::Tokens(notify.tokens()),
        EsmtpParam::EnvId(text) => Decoded::Text(String::from(text.decode())),
        EsmtpParam::Auth(None) => Decoded::Null,
        EsmtpParam::Auth(Some(mailbox)) => Decoded::Text(alloc::format!("{}", mailbox.addr_spec())),
        EsmtpParam::Orcpt { addr_type, addr } => Decoded::Orcpt {
            addr_type: String::from(addr_type.as_str()),
            addr: String::from(addr.as_ref()),
        },
        _ => return None,
    })
}

#[cfg(feature = "serde")]
impl serde::Serialize for CommandRecord {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(None)?;
        match self {
            CommandRecord::Ok(fields) => {
                map.serialize_entry("ok", &true)?;
                map.serialize_entry("command", &fields.command)?;
                map.serialize_entry("path", &fields.path)?;
                map.serialize_entry("smtputf8", &fields.smtputf8)?;
                map.serialize_entry("params", &fields.params)?;
                map.serialize_entry("diagnoses", &fields.diagnoses)?;
            }
            CommandRecord::Failed(error) => {
                #[derive(serde::Serialize)]
                struct ErrorObject {
                    kind: Cow<'static, str>,
                    offset: Option<usize>,
                    message: String,
                }
                map.serialize_entry("ok", &false)?;
                let object = ErrorObject {
                    kind: error.kind().code(),
                    offset: error.offset(),
                    message: alloc::format!("{error}"),
                };
                map.serialize_entry("error", &object)?;
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::ToString;

    use super::*;
    use crate::smtp::param::{Body, EsmtpKeyword, EsmtpValue};

    fn mail(line: &str) -> Result<MailFrom<'_>, SmtpError> {
        MailFrom::parse(line, Strictness::Standard)
    }

    fn err(result: Result<impl fmt::Debug, SmtpError>) -> (SmtpErrorKind, Option<usize>) {
        let e = result.unwrap_err();
        (e.kind(), e.offset())
    }

    #[test]
    fn reads_with_and_without_crlf() {
        assert_eq!(mail("MAIL FROM:<a@b.example>\r\n"), mail("MAIL FROM:<a@b.example>"));
        assert_eq!(
            err(mail("MAIL FROM:<a@b.example>\n")),
            (SmtpErrorKind::ForbiddenControl, Some(23))
        );
        assert_eq!(
            err(mail("MAIL FROM:<a@b.example>\r")),
            (SmtpErrorKind::ForbiddenControl, Some(23))
        );
        assert_eq!(
            err(mail("MAIL FROM:<a@b.example>\r\n\r\n")),
            (SmtpErrorKind::ForbiddenControl, Some(23))
        );
        assert_eq!(err(mail("MAIL FROM:<>\0")), (SmtpErrorKind::ForbiddenControl, Some(12)));
    }

    #[test]
    fn verbs_are_case_insensitive_and_exact() {
        assert!(mail("mail from:<>").is_ok());
        assert!(mail("Mail From:<>").is_ok());
        assert_eq!(err(mail("MAIL  FROM:<>")), (SmtpErrorKind::ExpectedMailFrom, Some(5)));
        assert_eq!(err(mail("MAIL FROM <>")), (SmtpErrorKind::ExpectedMailFrom, Some(9)));
        assert_eq!(err(mail("RCPT TO:<>")), (SmtpErrorKind::ExpectedMailFrom, Some(0)));
        assert_eq!(err(mail("")), (SmtpErrorKind::ExpectedMailFrom, Some(0)));
        assert_eq!(err(mail("MAIL FROM")), (SmtpErrorKind::ExpectedMailFrom, Some(9)));
        assert_eq!(
            err(RcptTo::parse("RCPT FROM:<a@b>", Strictness::Lenient)),
            (SmtpErrorKind::ExpectedRcptTo, Some(5))
        );
    }

    #[test]
    fn path_errors_point_into_the_line() {
        assert_eq!(
            err(mail("MAIL FROM:<a@b.example")),
            (SmtpErrorKind::Path(crate::ErrorKind::ExpectedAngleClose), Some(22))
        );
        assert_eq!(
            err(mail("MAIL FROM:<a@b.example SIZE=1>")),
            (SmtpErrorKind::Path(crate::ErrorKind::ExpectedAngleClose), Some(22))
        );
        assert_eq!(
            err(mail("MAIL FROM:")),
            (SmtpErrorKind::Path(crate::ErrorKind::ExpectedAddress), Some(10))
        );
        assert_eq!(
            err(mail("MAIL FROM:<Postmaster>")),
            (SmtpErrorKind::Path(crate::ErrorKind::UnexpectedPostmaster), Some(10))
        );
        assert_eq!(
            err(mail("MAIL FROM:  <a b@example.com>")),
            (SmtpErrorKind::Path(crate::ErrorKind::ExpectedAt), Some(14))
        );
    }

    #[test]
    fn quoted_and_literal_paths_keep_their_specials() {
        let m = mail("MAIL FROM:<\"a> b\"@example.com> SIZE=5").unwrap();
        assert_eq!(m.path().addr_spec().unwrap().local_part().value(), "a> b");
        assert_eq!(m.params(), [EsmtpParam::Size(5)]);
        let m = mail("MAIL FROM:<\"a\\\"> b\"@example.com>").unwrap();
        assert_eq!(m.path().addr_spec().unwrap().local_part().value(), "a\"> b");
        let m = mail("MAIL FROM:<a@[IPv6:::1]> BODY=7BIT").unwrap();
        assert_eq!(m.to_line().unwrap(), "MAIL FROM:<a@[IPv6:::1]> BODY=7BIT\r\n");
    }

    #[test]
    fn spacing_is_noted_in_standard_and_refused_in_strict() {
        let m = mail("MAIL FROM:<> SIZE=1 ").unwrap();
        assert_eq!(m.diagnoses(), [CommandDiagnosis::ExtraSpaces]);
        let m = mail("MAIL FROM:  <>   SIZE=1  BODY=7BIT").unwrap();
        assert_eq!(
            m.diagnoses(),
            [CommandDiagnosis::SpaceAfterColon, CommandDiagnosis::ExtraSpaces]
        );
        assert_eq!(m.to_line().unwrap(), "MAIL FROM:<> SIZE=1 BODY=7BIT\r\n");
        let strict = |line| err(MailFrom::parse(line, Strictness::Strict));
        assert_eq!(strict("MAIL FROM: <>"), (SmtpErrorKind::SpaceAfterColon, Some(10)));
        assert_eq!(strict("MAIL FROM:<>  SIZE=1"), (SmtpErrorKind::ExtraSpaces, Some(13)));
        assert_eq!(
            strict("MAIL FROM:<> SIZE=1 \r\n"),
            (SmtpErrorKind::ExtraSpaces, Some(19))
        );
        assert_eq!(
            err(mail("MAIL FROM:<>SIZE=1")),
            (SmtpErrorKind::ExpectedSpace, Some(12))
        );
    }

    #[test]
    fn parameters_are_checked_against_the_command() {
        assert_eq!(
            err(mail("MAIL FROM:<> NOTIFY=NEVER")),
            (SmtpErrorKind::ParameterNotAllowed, Some(13))
        );
        assert_eq!(
            err(mail("MAIL FROM:<> ORCPT=rfc822;a")),
            (SmtpErrorKind::ParameterNotAllowed, Some(13))
        );
        for keyword in [
            "SIZE=1",
            "BODY=7BIT",
            "RET=FULL",
            "ENVID=x",
            "AUTH=<>",
            "SMTPUTF8",
            "REQUIRETLS",
        ] {
            let line = alloc::format!("RCPT TO:<a@b.example> {keyword}");
            assert_eq!(
                err(RcptTo::parse(&line, Strictness::Standard)),
                (SmtpErrorKind::ParameterNotAllowed, Some(22)),
                "{line}"
            );
        }
        assert_eq!(
            err(mail("MAIL FROM:<> SIZE=1 size=2")),
            (SmtpErrorKind::DuplicateParameter, Some(20))
        );
        assert_eq!(
            err(mail("MAIL FROM:<> X-A x-a=1")),
            (SmtpErrorKind::DuplicateParameter, Some(17))
        );
        assert_eq!(
            err(mail("MAIL FROM:<> SIZE=x")),
            (SmtpErrorKind::ExpectedSizeValue, Some(18))
        );
        assert_eq!(
            err(mail("MAIL FROM:<> SIZE=99999999999999999999999")),
            (SmtpErrorKind::SizeTooLarge, Some(18))
        );
    }

    #[test]
    fn duplicates_are_found_among_many_parameters() {
        let many = (0..40).fold(String::new(), |mut many, n| {
            use core::fmt::Write as _;
            let _ = write!(many, " X-{n}");
            many
        });
        let line = alloc::format!("MAIL FROM:<>{many}");
        assert_eq!(mail(&line).unwrap().params().len(), 40);
        for repeated in ["X-3", "x-30", "X-39"] {
            let line = alloc::format!("MAIL FROM:<>{many} {repeated}=1");
            assert_eq!(
                err(mail(&line)),
                (SmtpErrorKind::DuplicateParameter, Some(line.len() - repeated.len() - 2))
            );
        }
    }

    #[test]
    fn long_lines_are_noted_or_refused() {
        let line = alloc::format!("MAIL FROM:<> X-LONG={}", "x".repeat(500));
        assert_eq!(mail(&line).unwrap().diagnoses(), [CommandDiagnosis::LineTooLong]);
        assert_eq!(
            mail(&line).unwrap().to_line().unwrap_err().kind(),
            SmtpErrorKind::LineTooLong
        );
        assert_eq!(
            err(MailFrom::parse(&line, Strictness::Strict)),
            (SmtpErrorKind::LineTooLong, Some(510))
        );
        // The offset is that of the character the limit falls in.
        let wide = alloc::format!("MAIL FROM:<> X={}", "é".repeat(300));
        assert_eq!(
            err(MailFrom::parse(&wide, Strictness::Strict)),
            (SmtpErrorKind::LineTooLong, Some(509))
        );
        // 510 octets and CRLF: exactly the limit.
        let exact = alloc::format!("MAIL FROM:<> X={}", "x".repeat(495));
        assert_eq!(exact.len(), 510);
        let m = MailFrom::parse(&exact, Strictness::Strict).unwrap();
        assert_eq!(m.to_line().unwrap().len(), MAX_LINE);
    }

    #[test]
    fn lenient_reads_a_path_without_brackets() {
        let m = MailFrom::parse("MAIL FROM:jane@example.com SIZE=1", Strictness::Lenient).unwrap();
        assert_eq!(m.path().to_string(), "<jane@example.com>");
        assert_eq!(m.diagnoses(), [CommandDiagnosis::PathWithoutBrackets]);
        assert!(mail("MAIL FROM:jane@example.com").is_err());
    }

    #[test]
    fn built_lines_refuse_unusable_paths_and_keep_typed_parameters() {
        let addr = crate::AddrSpec::parse("\"a\u{1}\"@example.com").unwrap();
        assert!(matches!(
            MailFrom::new(ReversePath::Path(addr)).unwrap_err().kind(),
            SmtpErrorKind::Envelope(_)
        ));
        let mut m = MailFrom::new(ReversePath::Null).unwrap();
        m.push_param(EsmtpParam::Other {
            keyword: EsmtpKeyword::new("body").unwrap(),
            value: Some(EsmtpValue::new("8bitmime").unwrap()),
        })
        .unwrap();
        assert_eq!(m.params(), [EsmtpParam::Body(Body::EightBitMime)]);
        assert_eq!(
            m.push_param(EsmtpParam::Body(Body::SevenBit)).unwrap_err().kind(),
            SmtpErrorKind::DuplicateParameter
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn error_codes_are_snake_case() {
        assert_eq!(SmtpErrorKind::SizeTooLarge.code(), "size_too_large");
        assert_eq!(SmtpErrorKind::Needs8BitMime.code(), "needs_8bitmime");
        assert_eq!(
            SmtpErrorKind::LocalPartNeedsSmtpUtf8.code(),
            "local_part_needs_smtputf8"
        );
        assert_eq!(super::super::snake_case("DuplicateParameter"), "duplicate_parameter");
        assert_eq!(super::super::snake_case("Incomplete { needed: 3 }"), "incomplete");
        assert_eq!(
            SmtpErrorKind::Path(crate::ErrorKind::ExpectedAngleClose).code(),
            "expected_angle_close"
        );
    }

    #[test]
    fn equality_ignores_the_source_text() {
        let a = mail("mail from: <a@b.example>  body=8bitmime").unwrap();
        let b = MailFrom::new(ReversePath::parse("<a@b.example>").unwrap())
            .unwrap()
            .with_param(EsmtpParam::Body(Body::EightBitMime))
            .unwrap();
        assert_eq!(a, b);
        assert_ne!(a, MailFrom::new(ReversePath::Null).unwrap());
        assert_eq!(a.clone().into_owned(), b);
    }
}
