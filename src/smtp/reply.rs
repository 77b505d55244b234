//! SMTP replies (RFC 5321 §4.2), single and multi-line, with the enhanced status code of RFC 3463
//! that RFC 2034 puts at the start of each line's text.
//!
//! ```abnf
//! Reply-line     = *( Reply-code "-" [ textstring ] CRLF )      ; RFC 5321 §4.2
//!                  Reply-code [ SP textstring ] CRLF
//! Reply-code     = %x32-35 %x30-35 %x30-39
//! textstring     = 1*(%d09 / %d32-126)    ; HT, SP, Printable US-ASCII
//! ```
//!
//! Replies come off a socket in pieces, so a reply is read from bytes and may be
//! [`Status::Incomplete`]: without its final line, or without the CRLF of its last line, it says
//! how many more bytes could complete it and never guesses. Every line ends in CRLF; a bare CR or
//! LF, or a NUL, is an error. Every line of a multi-line reply carries the same code
//! (RFC 5321 §4.2.1), else the error is [`SmtpErrorKind::MixedCodes`].
//!
//! What the RFCs advise against but a client must still read is accepted with a
//! [`ReplyDiagnosis`]: an enhanced code whose class is not the reply's (RFC 3463 §2; the reply
//! then has no enhanced code), lines that do not all carry the first line's enhanced code
//! (RFC 2034 §4), a bare code (RFC 5321 §4.2), UTF-8 text (RFC 6531 §3.7.4 allows it only in a
//! few replies), control characters, and lines past 512 octets (RFC 5321 §4.5.3.1.5).

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::fmt;
use core::hash::{Hash, Hasher};

use super::enhanced::{self, EnhancedCode};
use super::{SmtpError, SmtpErrorKind, Status};

/// The longest reply line RFC 5321 §4.5.3.1.5 allows, CRLF included.
const MAX_REPLY_LINE: usize = 512;

/// How many line ends `Reply::parse_prefix` notes while it checks the lines (it looks for the
/// others again).
const NOTED_LINE_ENDS: usize = 16;

/// The shortest line that can end a reply: a bare code and CRLF.
const SHORTEST_LAST_LINE: usize = 5;

/// An SMTP reply (RFC 5321 §4.2): its code, the enhanced status code (RFC 3463) its first line
/// carries, and the text of each line.
///
/// `lines` hold the text after the code and its separator, without the enhanced code when the
/// line starts with the reply's own (and the space after it; more spaces stay in the text). A reply has at least one line; a
/// bare code has one empty line. Equality and hashing look at the code, the enhanced code and the
/// lines, never at the diagnoses.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::reply::{Reply, ReplyClass};
///
/// let reply = Reply::parse(b"501 5.1.7 Invalid address\r\n")?.complete().unwrap();
/// assert_eq!(reply.code(), 501);
/// assert_eq!(reply.enhanced().unwrap().to_string(), "5.1.7");
/// assert_eq!(reply.class(), ReplyClass::Permanent);
/// assert_eq!(reply.meaning(), Some("Bad sender's mailbox address syntax"));
/// assert_eq!(reply.lines(), ["Invalid address"]);
/// assert_eq!(reply.to_string(), "501 5.1.7 Invalid address\r\n");
///
/// let ehlo = Reply::parse(b"250-mx.example\r\n250-PIPELINING\r\n250 SMTPUTF8\r\n")?.complete().unwrap();
/// assert_eq!(ehlo.lines(), ["mx.example", "PIPELINING", "SMTPUTF8"]);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Reply<'a> {
    code: u16,
    enhanced: Option<EnhancedCode>,
    lines: Vec<Cow<'a, str>>,
    diagnoses: ReplyDiagnoses,
}

impl<'a> Reply<'a> {
    /// Reads `input` as exactly one reply.
    ///
    /// # Errors
    ///
    /// As [`Reply::parse_prefix`], and [`SmtpErrorKind::ReplyTrailingInput`] at the first byte
    /// after the reply's last line.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::reply::Reply;
    /// use mail_envelope::smtp::{SmtpErrorKind, Status};
    ///
    /// assert_eq!(Reply::parse(b"250-first\r\n250 la")?, Status::Incomplete { needed: 2 });
    /// assert_eq!(Reply::parse(b"250-first\r\n")?, Status::Incomplete { needed: 5 });
    /// let err = Reply::parse(b"250 OK\r\n221 Bye\r\n").unwrap_err();
    /// assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::ReplyTrailingInput, Some(8)));
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn parse(input: &'a [u8]) -> Result<Status<Reply<'a>>, SmtpError> {
        Ok(match Reply::parse_prefix(input)? {
            Status::Complete((reply, len)) if len == input.len() => Status::Complete(reply),
            Status::Complete((_, len)) => return Err(SmtpError::at(SmtpErrorKind::ReplyTrailingInput, len)),
            Status::Incomplete { needed } => Status::Incomplete { needed },
        })
    }

    /// Reads the reply at the start of `input`, and how many bytes it took: the replies to
    /// pipelined commands (RFC 2920) arrive one after another in one buffer.
    ///
    /// # Errors
    ///
    /// * [`SmtpErrorKind::ReplyCode`]: a code that is not `%x32-35 %x30-35 %x30-39`;
    /// * [`SmtpErrorKind::ReplySeparator`]: neither SP, `-` nor CRLF after the code;
    /// * [`SmtpErrorKind::MixedCodes`]: a line whose code is not the first line's (at that code);
    /// * [`SmtpErrorKind::ReplyForbiddenControl`]: a CR not followed by LF, an LF not preceded
    ///   by CR, or a NUL (at that byte);
    /// * [`SmtpErrorKind::ReplyNotUtf8`]: text that is not UTF-8 (at the first byte that is not).
    ///
    /// Errors are reported as soon as the bytes at fault are there, even before the reply ends.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::reply::Reply;
    /// use mail_envelope::smtp::{SmtpErrorKind, Status};
    ///
    /// let input = b"250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n";
    /// let mut at = 0;
    /// let mut codes = Vec::new();
    /// while let Status::Complete((reply, len)) = Reply::parse_prefix(&input[at..])? {
    ///     codes.push(reply.code());
    ///     at += len;
    /// }
    /// assert_eq!(codes, [250, 250, 354]);
    ///
    /// let err = Reply::parse_prefix(b"250-Ok\r\n251 Ok\r\n").unwrap_err();
    /// assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::MixedCodes, Some(8)));
    /// let err = Reply::parse_prefix(b"250 Ok\n").unwrap_err();
    /// assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::ReplyForbiddenControl, Some(6)));
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn parse_prefix(input: &'a [u8]) -> Result<Status<(Reply<'a>, usize)>, SmtpError> {
        // First every line is read and checked, and counted, the ends of the first lines noted;
        // then the lines are taken from the text, which is then known to be UTF-8, into a vector
        // of the right size.
        let mut code = None;
        let mut diagnoses = ReplyDiagnoses::new();
        let mut ends = [0; NOTED_LINE_ENDS];
        let mut count = 0;
        let mut end = 0;
        loop {
            let line = match read_line(input, end, code)? {
                Status::Complete(line) => line,
                Status::Incomplete { needed } => return Ok(Status::Incomplete { needed }),
            };
            code = Some(line.code);
            diagnoses.extend(line.diagnoses);
            if let Some(noted) = ends.get_mut(count) {
                *noted = line.end;
            }
            count += 1;
            end = line.end;
            if line.last {
                if line.code_only {
                    diagnoses.insert(ReplyDiagnosis::CodeOnly);
                }
                break;
            }
        }
        // Every line's text was checked, and the rest is ASCII: this does not fail.
        let text = core::str::from_utf8(input.get(..end).unwrap_or_default())
            .map_err(|e| SmtpError::at(SmtpErrorKind::ReplyNotUtf8, e.valid_up_to()))?;
        let mut reply = Reply {
            code: code.unwrap_or_default(),
            enhanced: None,
            lines: Vec::with_capacity(count),
            diagnoses,
        };
        let mut start = 0;
        for i in 0..count {
            let line_end = match ends.get(i) {
                Some(&noted) => noted,
                None => text
                    .get(start..)
                    .and_then(|rest| rest.find('\n'))
                    .map_or(end, |lf| start + lf + 1),
            };
            // The code, then SP or `-` and the text, or nothing; then CRLF.
            reply.push_text(text.get(start + 4..line_end - 2).unwrap_or_default());
            start = line_end;
        }
        Ok(Status::Complete((reply, end)))
    }

    /// A reply built from its parts, for a server to send or a test to compare.
    ///
    /// # Errors
    ///
    /// * [`SmtpErrorKind::ReplyCode`]: a code outside `%x32-35 %x30-35 %x30-39`;
    /// * [`SmtpErrorKind::ReplyNoLines`]: no line;
    /// * [`SmtpErrorKind::ReplyForbiddenControl`]: a line holding CR, LF or NUL (at its offset
    ///   in that line);
    /// * [`SmtpErrorKind::ReplyTextAmbiguous`]: a reply without an enhanced code whose first
    ///   line starts with an enhanced code of the reply's class (it would read back as the
    ///   reply's);
    /// * [`SmtpErrorKind::EnhancedCode`]: an enhanced code whose class is not the reply's.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::reply::Reply;
    /// use mail_envelope::smtp::enhanced::EnhancedCode;
    ///
    /// let reply = Reply::new(550, Some(EnhancedCode::new(5, 1, 1)?), ["No such user", "Try another"])?;
    /// assert_eq!(reply.to_string(), "550-5.1.1 No such user\r\n550 5.1.1 Try another\r\n");
    /// assert_eq!(Reply::parse(reply.to_string().as_bytes())?.complete(), Some(reply));
    /// assert!(Reply::new(250, None, ["a\r\nRCPT TO:<x@y>"]).is_err());
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn new<I, L>(code: u16, enhanced: Option<EnhancedCode>, lines: I) -> Result<Reply<'a>, SmtpError>
    where
        I: IntoIterator<Item = L>,
        L: Into<Cow<'a, str>>,
    {
        if !is_reply_code(code) {
            return Err(SmtpError::new(SmtpErrorKind::ReplyCode));
        }
        let lines: Vec<Cow<'a, str>> = lines.into_iter().map(Into::into).collect();
        let Some(first) = lines.first() else {
            return Err(SmtpError::new(SmtpErrorKind::ReplyNoLines));
        };
        let mut diagnoses = ReplyDiagnoses::new();
        for line in &lines {
            let bytes = line.as_bytes();
            if let Some(at) = bytes.iter().position(|&b| matches!(b, b'\r' | b'\n' | 0)) {
                return Err(SmtpError::at(SmtpErrorKind::ReplyForbiddenControl, at));
            }
            diagnoses.extend(text_diagnoses(bytes));
        }
        if enhanced.is_some_and(|e| u16::from(e.class()) != code / 100) {
            return Err(SmtpError::new(SmtpErrorKind::EnhancedCode));
        }
        let first_code = enhanced::read_reply_prefix(first.as_bytes());
        if enhanced.is_none() && first_code.is_some_and(|(e, _)| u16::from(e.class()) == code / 100) {
            return Err(SmtpError::new(SmtpErrorKind::ReplyTextAmbiguous));
        }
        let reply = Reply {
            code,
            enhanced,
            lines,
            diagnoses,
        };
        Ok(reply)
    }

    /// The reply code, 200 to 559.
    ///
    /// # Examples
    ///
    /// ```
    /// let reply = mail_envelope::smtp::reply::Reply::parse(b"354 Go ahead\r\n")?.complete().unwrap();
    /// assert_eq!(reply.code(), 354);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn code(&self) -> u16 {
        self.code
    }

    /// The enhanced status code at the start of the first line, when its class is the reply's
    /// (RFC 3463 §2).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::reply::{Reply, ReplyDiagnosis};
    ///
    /// let reply = Reply::parse(b"250 2.0.0 Ok\r\n")?.complete().unwrap();
    /// assert_eq!(reply.enhanced().map(|e| e.to_string()).as_deref(), Some("2.0.0"));
    /// let mismatch = Reply::parse(b"550 2.0.0 Ok\r\n")?.complete().unwrap();
    /// assert_eq!(mismatch.enhanced(), None);
    /// assert!(mismatch.diagnoses().contains(ReplyDiagnosis::EnhancedClassMismatch));
    /// assert_eq!(mismatch.lines(), ["2.0.0 Ok"]);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn enhanced(&self) -> Option<EnhancedCode> {
        self.enhanced
    }

    /// The text of each line, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// let reply = mail_envelope::smtp::reply::Reply::parse(b"221\r\n")?.complete().unwrap();
    /// assert_eq!(reply.lines(), [""]);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn lines(&self) -> &[Cow<'a, str>] {
        &self.lines
    }

    /// What the first digit says (RFC 5321 §4.2.1).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::reply::{Reply, ReplyClass};
    ///
    /// let reply = Reply::parse(b"451 4.3.0 Try again later\r\n")?.complete().unwrap();
    /// assert_eq!(reply.class(), ReplyClass::Transient);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn class(&self) -> ReplyClass {
        // Every reply's code is 200 to 559; `Permanent` is never reached otherwise.
        ReplyClass::of(self.code).unwrap_or(ReplyClass::Permanent)
    }

    /// The registry's sample text for the enhanced code (RFC 5248), if the reply has one the
    /// registry lists.
    ///
    /// # Examples
    ///
    /// ```
    /// let reply = mail_envelope::smtp::reply::Reply::parse(b"552 5.2.2 Over quota\r\n")?.complete().unwrap();
    /// assert_eq!(reply.meaning(), Some("Mailbox full"));
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn meaning(&self) -> Option<&'static str> {
        self.enhanced.and_then(EnhancedCode::meaning)
    }

    /// What the reply does that the RFCs advise against.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::reply::{Reply, ReplyDiagnosis};
    ///
    /// let reply = Reply::parse(b"550-5.1.1 No such user\r\n550 Bye\r\n")?.complete().unwrap();
    /// assert!(reply.diagnoses().contains(ReplyDiagnosis::EnhancedCodeInconsistent));
    /// assert_eq!(reply.diagnoses().iter().map(ReplyDiagnosis::code).collect::<Vec<_>>(), ["enhanced_code_inconsistent"]);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn diagnoses(&self) -> ReplyDiagnoses {
        self.diagnoses
    }

    /// The same reply, owning its text.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::reply::Reply;
    ///
    /// let owned: Reply<'static> = {
    ///     let bytes = b"250 Ok\r\n".to_vec();
    ///     Reply::parse(&bytes)?.complete().unwrap().into_owned()
    /// };
    /// assert_eq!(owned.lines(), ["Ok"]);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn into_owned(self) -> Reply<'static> {
        Reply {
            code: self.code,
            enhanced: self.enhanced,
            lines: self
                .lines
                .into_iter()
                .map(|line| Cow::Owned(line.into_owned()))
                .collect(),
            diagnoses: self.diagnoses,
        }
    }

    /// Adds a line's text: without the reply's enhanced code, which the first line decides.
    fn push_text(&mut self, text: &'a str) {
        let prefix = enhanced::read_reply_prefix(text.as_bytes());
        let text = if self.lines.is_empty() {
            match prefix {
                Some((code, len)) if u16::from(code.class()) == self.code / 100 => {
                    self.enhanced = Some(code);
                    text.get(len..).unwrap_or_default()
                }
                Some(_) => {
                    self.diagnoses.insert(ReplyDiagnosis::EnhancedClassMismatch);
                    text
                }
                None => text,
            }
        } else {
            match (self.enhanced, prefix) {
                (Some(expected), Some((code, len))) if code == expected => text.get(len..).unwrap_or_default(),
                (Some(_), _) => {
                    self.diagnoses.insert(ReplyDiagnosis::EnhancedCodeInconsistent);
                    text
                }
                (None, _) => text,
            }
        };
        self.lines.push(Cow::Borrowed(text));
    }
}

impl PartialEq for Reply<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code && self.enhanced == other.enhanced && self.lines == other.lines
    }
}

impl Eq for Reply<'_> {}

impl Hash for Reply<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.code.hash(state);
        self.enhanced.hash(state);
        self.lines.hash(state);
    }
}

/// The wire form: every line with its code, `-` on all lines but the last, the enhanced code
/// when the reply has one, and CRLF. A last line without text or enhanced code is the bare code.
impl fmt::Display for Reply<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let last = self.lines.len().saturating_sub(1);
        for (i, text) in self.lines.iter().enumerate() {
            let separator = if i == last { ' ' } else { '-' };
            match self.enhanced {
                Some(code) if text.is_empty() => write!(f, "{}{separator}{code}\r\n", self.code)?,
                Some(code) => write!(f, "{}{separator}{code} {text}\r\n", self.code)?,
                None if text.is_empty() && i == last => write!(f, "{}\r\n", self.code)?,
                None => write!(f, "{}{separator}{text}\r\n", self.code)?,
            }
        }
        Ok(())
    }
}

/// Whether `code` is an RFC 5321 `Reply-code`: `%x32-35 %x30-35 %x30-39`.
const fn is_reply_code(code: u16) -> bool {
    matches!(code / 100, 2..=5) && code % 100 / 10 <= 5
}

/// One line read by [`read_line`].
struct Line {
    code: u16,
    /// Whether the line ends the reply (`SP` or CRLF after the code).
    last: bool,
    /// Whether the line is the code alone, with or without a space.
    code_only: bool,
    /// The offset after the line's CRLF.
    end: usize,
    diagnoses: ReplyDiagnoses,
}

/// Reads the reply line at `start`, whose code must be `expected` when it continues a reply.
/// When the line stops early, `needed` counts the bytes that could end it and, after a `-`, a
/// shortest last line.
fn read_line(input: &[u8], start: usize, expected: Option<u16>) -> Result<Status<Line>, SmtpError> {
    let rest = input.get(start..).unwrap_or_default();
    let code = match reply_code(rest, start, expected)? {
        Status::Complete(code) => code,
        Status::Incomplete { needed } => return Ok(Status::Incomplete { needed }),
    };
    let (last, text_start) = match rest.get(3) {
        None => return Ok(Status::Incomplete { needed: 2 }),
        Some(b' ') => (true, 4),
        Some(b'-') => (false, 4),
        Some(b'\r') => (true, 3),
        Some(b'\n') => return Err(SmtpError::at(SmtpErrorKind::ReplyForbiddenControl, start + 3)),
        Some(_) => return Err(SmtpError::at(SmtpErrorKind::ReplySeparator, start + 3)),
    };
    let after_last_line = if last { 0 } else { SHORTEST_LAST_LINE };
    let text_bytes = rest.get(text_start..).unwrap_or_default();
    let scan = scan_text(text_bytes);
    let Some(stop) = scan.stop else {
        let missing = utf8_missing(text_bytes, start + text_start)?;
        return Ok(Status::Incomplete {
            needed: missing + 2 + after_last_line,
        });
    };
    let text_bytes = text_bytes.get(..stop).unwrap_or_default();
    let stop_at = start + text_start + stop;
    match (input.get(stop_at), input.get(stop_at + 1)) {
        (Some(b'\r'), Some(b'\n')) => {}
        (Some(b'\r'), None) => {
            utf8_missing(text_bytes, start + text_start)?;
            return Ok(Status::Incomplete {
                needed: 1 + after_last_line,
            });
        }
        _ => return Err(SmtpError::at(SmtpErrorKind::ReplyForbiddenControl, stop_at)),
    }
    if scan.diagnoses.contains(ReplyDiagnosis::Utf8Text) {
        core::str::from_utf8(text_bytes)
            .map_err(|e| SmtpError::at(SmtpErrorKind::ReplyNotUtf8, start + text_start + e.valid_up_to()))?;
    }
    let end = stop_at + 2;
    let mut diagnoses = scan.diagnoses;
    if end - start > MAX_REPLY_LINE {
        diagnoses.insert(ReplyDiagnosis::LineTooLong);
    }
    Ok(Status::Complete(Line {
        code,
        last,
        code_only: last && text_bytes.is_empty(),
        end,
        diagnoses,
    }))
}

/// Reads the three digits of a `Reply-code` at the start of `rest` (which starts at `offset` of
/// the input), checking each digit that is there, and that it is `expected`.
fn reply_code(rest: &[u8], offset: usize, expected: Option<u16>) -> Result<Status<u16>, SmtpError> {
    const RANGES: [(u8, u8); 3] = [(b'2', b'5'), (b'0', b'5'), (b'0', b'9')];
    let mut code = 0;
    for (i, &(low, high)) in RANGES.iter().enumerate() {
        let Some(&digit) = rest.get(i) else {
            // The digits there are right so far: the rest of the code and CRLF could follow.
            return Ok(Status::Incomplete { needed: 3 - i + 2 });
        };
        if !(low..=high).contains(&digit) {
            return Err(SmtpError::at(SmtpErrorKind::ReplyCode, offset + i));
        }
        code = code * 10 + u16::from(digit - b'0');
        if let Some(expected) = expected {
            let scale = [100, 10, 1][i];
            if code != expected / scale {
                return Err(SmtpError::at(SmtpErrorKind::MixedCodes, offset));
            }
        }
    }
    Ok(Status::Complete(code))
}

/// How many bytes the UTF-8 character cut off at the end of `text` still needs (0 when none is
/// cut off), or the error at the first byte that no continuation could make UTF-8.
fn utf8_missing(text: &[u8], offset: usize) -> Result<usize, SmtpError> {
    match core::str::from_utf8(text) {
        Ok(_) => Ok(0),
        Err(e) if e.error_len().is_none() => {
            let have = text.len() - e.valid_up_to();
            let want = match text.get(e.valid_up_to()) {
                Some(0xC2..=0xDF) => 2,
                Some(0xE0..=0xEF) => 3,
                _ => 4,
            };
            Ok(want - have)
        }
        Err(e) => Err(SmtpError::at(SmtpErrorKind::ReplyNotUtf8, offset + e.valid_up_to())),
    }
}

/// What [`scan_text`] found in a line's text.
struct TextScan {
    /// The offset of the first CR, LF or NUL: where the text stops.
    stop: Option<usize>,
    /// UTF-8 and control characters other than HT before it.
    diagnoses: ReplyDiagnoses,
}

/// Reads a line's text up to its first CR, LF or NUL in one pass, noting non-ASCII bytes and
/// control characters other than HT. Runs of eight printable ASCII bytes are skipped a word at
/// a time.
fn scan_text(text: &[u8]) -> TextScan {
    let mut diagnoses = ReplyDiagnoses::new();
    let mut at = 0;
    loop {
        while let Some(word) = text.get(at..at + 8).and_then(|chunk| <[u8; 8]>::try_from(chunk).ok()) {
            if has_unprintable(u64::from_le_bytes(word)) {
                break;
            }
            at += 8;
        }
        let Some(&byte) = text.get(at) else {
            return TextScan { stop: None, diagnoses };
        };
        match byte {
            b'\r' | b'\n' | 0 => {
                return TextScan {
                    stop: Some(at),
                    diagnoses,
                }
            }
            b' '..=b'~' | b'\t' => {}
            0x80.. => diagnoses.insert(ReplyDiagnosis::Utf8Text),
            _ => diagnoses.insert(ReplyDiagnosis::ControlInText),
        }
        at += 1;
    }
}

/// Whether any of the eight bytes of `word` is below SP or above `~` (a control character, DEL
/// or a non-ASCII byte). A borrow or carry between bytes can only follow a byte that is one.
const fn has_unprintable(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let del_or_high = (word.wrapping_add(ONES) | word) & HIGH;
    below_space | del_or_high != 0
}

/// The diagnoses a line's text without CR, LF or NUL gives: UTF-8, and control characters other
/// than HT.
fn text_diagnoses(text: &[u8]) -> ReplyDiagnoses {
    scan_text(text).diagnoses
}

/// What the first digit of a reply code says (RFC 5321 §4.2.1).
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::reply::ReplyClass;
///
/// assert_eq!(ReplyClass::of(250), Some(ReplyClass::Positive));
/// assert_eq!(ReplyClass::of(354).map(ReplyClass::as_str), Some("intermediate"));
/// assert_eq!(ReplyClass::of(600), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReplyClass {
    /// 1yz, Positive Preliminary reply. RFC 5321's `Reply-code` starts at 2, so no parsed reply
    /// is in this class; it is kept for codes from elsewhere (RFC 5321 §4.2.1 still defines it).
    Preliminary,
    /// 2yz, Positive Completion reply.
    Positive,
    /// 3yz, Positive Intermediate reply.
    Intermediate,
    /// 4yz, Transient Negative Completion reply: the command may succeed later.
    Transient,
    /// 5yz, Permanent Negative Completion reply.
    Permanent,
}

impl ReplyClass {
    /// The class of a three-digit code, by its first digit.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::reply::ReplyClass;
    ///
    /// assert_eq!(ReplyClass::of(421), Some(ReplyClass::Transient));
    /// assert_eq!(ReplyClass::of(99), None);
    /// ```
    pub const fn of(code: u16) -> Option<ReplyClass> {
        match code {
            100..=199 => Some(ReplyClass::Preliminary),
            200..=299 => Some(ReplyClass::Positive),
            300..=399 => Some(ReplyClass::Intermediate),
            400..=499 => Some(ReplyClass::Transient),
            500..=599 => Some(ReplyClass::Permanent),
            _ => None,
        }
    }

    /// The name the CLI prints: `preliminary`, `positive`, `intermediate`, `transient` or
    /// `permanent`.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(mail_envelope::smtp::reply::ReplyClass::Permanent.as_str(), "permanent");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ReplyClass::Preliminary => "preliminary",
            ReplyClass::Positive => "positive",
            ReplyClass::Intermediate => "intermediate",
            ReplyClass::Transient => "transient",
            ReplyClass::Permanent => "permanent",
        }
    }
}

impl fmt::Display for ReplyClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something a reply does that the RFCs advise against, though a client must still read it.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::reply::{Reply, ReplyDiagnosis};
///
/// let reply = Reply::parse(b"250\r\n")?.complete().unwrap();
/// assert!(reply.diagnoses().contains(ReplyDiagnosis::CodeOnly));
/// assert_eq!(ReplyDiagnosis::CodeOnly.code(), "code_only");
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
#[repr(u8)]
pub enum ReplyDiagnosis {
    /// The first line's enhanced code has a class other than the reply code's first digit
    /// (RFC 3463 §2, RFC 2034 §4): the reply has no enhanced code, and the text keeps it.
    EnhancedClassMismatch,
    /// A line after the first does not start with the first line's enhanced code (RFC 2034 §4:
    /// "the same status code must appear at the beginning of the text in each line"); the line
    /// keeps whatever it starts with.
    EnhancedCodeInconsistent,
    /// The last line is the code alone, with or without a space (RFC 5321 §4.2: "senders SHOULD
    /// NOT send bare codes").
    CodeOnly,
    /// Text that is not ASCII (RFC 6531 §3.7.4 allows UTF-8 only in a few replies).
    Utf8Text,
    /// A control character other than HT in the text (RFC 5321 §4.2 `textstring`).
    ControlInText,
    /// A line longer than 512 octets with its CRLF (RFC 5321 §4.5.3.1.5).
    LineTooLong,
}

impl ReplyDiagnosis {
    const ALL: [ReplyDiagnosis; 6] = [
        ReplyDiagnosis::EnhancedClassMismatch,
        ReplyDiagnosis::EnhancedCodeInconsistent,
        ReplyDiagnosis::CodeOnly,
        ReplyDiagnosis::Utf8Text,
        ReplyDiagnosis::ControlInText,
        ReplyDiagnosis::LineTooLong,
    ];

    /// The stable code the CLI prints: the variant's name in snake case.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::reply::ReplyDiagnosis;
    ///
    /// assert_eq!(ReplyDiagnosis::EnhancedClassMismatch.code(), "enhanced_class_mismatch");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            ReplyDiagnosis::EnhancedClassMismatch => "enhanced_class_mismatch",
            ReplyDiagnosis::EnhancedCodeInconsistent => "enhanced_code_inconsistent",
            ReplyDiagnosis::CodeOnly => "code_only",
            ReplyDiagnosis::Utf8Text => "utf8_text",
            ReplyDiagnosis::ControlInText => "control_in_text",
            ReplyDiagnosis::LineTooLong => "line_too_long",
        }
    }
}

impl fmt::Display for ReplyDiagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A set of [`ReplyDiagnosis`].
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::reply::{ReplyDiagnoses, ReplyDiagnosis};
///
/// let mut set = ReplyDiagnoses::new();
/// assert!(set.is_empty());
/// set.insert(ReplyDiagnosis::Utf8Text);
/// assert!(set.contains(ReplyDiagnosis::Utf8Text));
/// assert_eq!(set.iter().collect::<Vec<_>>(), [ReplyDiagnosis::Utf8Text]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ReplyDiagnoses(u8);

impl ReplyDiagnoses {
    /// The empty set.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(mail_envelope::smtp::reply::ReplyDiagnoses::new().is_empty());
    /// ```
    pub const fn new() -> Self {
        ReplyDiagnoses(0)
    }

    /// Adds a diagnosis.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::reply::{ReplyDiagnoses, ReplyDiagnosis};
    ///
    /// let mut set = ReplyDiagnoses::new();
    /// set.insert(ReplyDiagnosis::CodeOnly);
    /// assert!(!set.is_empty());
    /// ```
    pub fn insert(&mut self, diagnosis: ReplyDiagnosis) {
        self.0 |= 1 << diagnosis as u8;
    }

    /// Adds every diagnosis of `other`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::reply::{ReplyDiagnoses, ReplyDiagnosis};
    ///
    /// let mut set = ReplyDiagnoses::new();
    /// let mut other = ReplyDiagnoses::new();
    /// other.insert(ReplyDiagnosis::LineTooLong);
    /// set.extend(other);
    /// assert!(set.contains(ReplyDiagnosis::LineTooLong));
    /// ```
    pub fn extend(&mut self, other: ReplyDiagnoses) {
        self.0 |= other.0;
    }

    /// Whether `diagnosis` is in the set.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::reply::{ReplyDiagnoses, ReplyDiagnosis};
    ///
    /// assert!(!ReplyDiagnoses::new().contains(ReplyDiagnosis::CodeOnly));
    /// ```
    pub const fn contains(self, diagnosis: ReplyDiagnosis) -> bool {
        self.0 & (1 << diagnosis as u8) != 0
    }

    /// Whether the set is empty.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::reply::Reply;
    ///
    /// assert!(Reply::parse(b"250 2.0.0 Ok\r\n")?.complete().unwrap().diagnoses().is_empty());
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The diagnoses in a fixed order (the order of [`ReplyDiagnosis`]'s variants).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::reply::{Reply, ReplyDiagnosis};
    ///
    /// let reply = Reply::parse("250 Grüße\u{7}\r\n".as_bytes())?.complete().unwrap();
    /// let found: Vec<_> = reply.diagnoses().iter().collect();
    /// assert_eq!(found, [ReplyDiagnosis::Utf8Text, ReplyDiagnosis::ControlInText]);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn iter(self) -> impl Iterator<Item = ReplyDiagnosis> {
        ReplyDiagnosis::ALL.into_iter().filter(move |d| self.contains(*d))
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use serde::ser::{SerializeStruct, Serializer};
    use serde::Serialize;

    use super::{EnhancedCode, Reply};

    /// An [`EnhancedCode`] serializes as its text, `"5.1.7"`.
    impl Serialize for EnhancedCode {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(self)
        }
    }

    /// A [`Reply`] serializes as the record the CLI prints: `code`, `enhanced` (`"5.1.7"` or
    /// null), `class`, `subject` and `meaning` (null without an enhanced code), `lines` and
    /// `diagnoses`.
    impl Serialize for Reply<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let diagnoses: alloc::vec::Vec<&str> = self.diagnoses.iter().map(super::ReplyDiagnosis::code).collect();
            let mut record = serializer.serialize_struct("Reply", 7)?;
            record.serialize_field("code", &self.code)?;
            record.serialize_field("enhanced", &self.enhanced)?;
            record.serialize_field("class", self.class().as_str())?;
            record.serialize_field("subject", &self.enhanced.map(|e| e.subject_kind().as_str()))?;
            record.serialize_field("meaning", &self.meaning())?;
            record.serialize_field("lines", &self.lines)?;
            record.serialize_field("diagnoses", &diagnoses)?;
            record.end()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::{String, ToString};

    fn complete(input: &[u8]) -> Reply<'_> {
        match Reply::parse(input) {
            Ok(Status::Complete(reply)) => reply,
            other => panic!("{:?}: {other:?}", String::from_utf8_lossy(input)),
        }
    }

    fn error(input: &[u8]) -> (SmtpErrorKind, Option<usize>) {
        let err = Reply::parse(input).expect_err("an error");
        (err.kind(), err.offset())
    }

    #[test]
    fn reads_single_and_multi_line_replies() {
        let reply = complete(b"220 mx.example ESMTP ready\r\n");
        assert_eq!(
            (reply.code(), reply.lines()),
            (220, &[Cow::Borrowed("mx.example ESMTP ready")][..])
        );
        let reply = complete(b"250-mx.example\r\n250-SIZE 10240000\r\n250 8BITMIME\r\n");
        assert_eq!(reply.lines(), ["mx.example", "SIZE 10240000", "8BITMIME"]);
        assert!(reply.diagnoses().is_empty());
    }

    #[test]
    fn reads_a_bare_code_as_one_empty_line() {
        for input in [&b"250\r\n"[..], b"250 \r\n"] {
            let reply = complete(input);
            assert_eq!(reply.lines(), [""]);
            assert!(reply.diagnoses().contains(ReplyDiagnosis::CodeOnly));
        }
        let reply = complete(b"250-\r\n250\r\n");
        assert_eq!(reply.lines(), ["", ""]);
    }

    #[test]
    fn strips_the_replys_enhanced_code_from_every_line() {
        let reply = complete(b"551-5.7.1 Forwarding to remote hosts disabled\r\n551 5.7.1 Select another host\r\n");
        assert_eq!(reply.enhanced(), EnhancedCode::new(5, 7, 1).ok());
        assert_eq!(
            reply.lines(),
            ["Forwarding to remote hosts disabled", "Select another host"]
        );
        assert!(reply.diagnoses().is_empty());
        let reply = complete(b"250 2.0.0    spaced\r\n");
        assert_eq!(reply.lines(), ["   spaced"]);
        let reply = complete(b"250 2.0.0\r\n");
        assert_eq!(
            (reply.lines(), reply.diagnoses().contains(ReplyDiagnosis::CodeOnly)),
            (&[Cow::Borrowed("")][..], false)
        );
    }

    #[test]
    fn keeps_a_code_of_the_wrong_class_in_the_text() {
        let reply = complete(b"550 2.1.0 Ok\r\n");
        assert_eq!(reply.enhanced(), None);
        assert_eq!(reply.lines(), ["2.1.0 Ok"]);
        assert!(reply.diagnoses().contains(ReplyDiagnosis::EnhancedClassMismatch));
        let reply = complete(b"354 2.0.0 Start mail input\r\n");
        assert!(reply.diagnoses().contains(ReplyDiagnosis::EnhancedClassMismatch));
    }

    #[test]
    fn notes_lines_with_another_enhanced_code() {
        let reply = complete(b"550-5.1.1 a\r\n550-5.1.2 b\r\n550 5.1.1 c\r\n");
        assert_eq!(reply.lines(), ["a", "5.1.2 b", "c"]);
        assert!(reply.diagnoses().contains(ReplyDiagnosis::EnhancedCodeInconsistent));
    }

    #[test]
    fn not_a_code_stays_text() {
        for text in ["5.01.1 x", "5.1.1000 x", "5.1.1x", "5.1 x", "3.0.0 x"] {
            let input = alloc::format!("550 {text}\r\n");
            let reply = complete(input.as_bytes());
            assert_eq!((reply.enhanced(), reply.lines()), (None, &[Cow::Borrowed(text)][..]));
        }
    }

    #[test]
    fn rejects_codes_outside_the_abnf() {
        assert_eq!(error(b"150 x\r\n"), (SmtpErrorKind::ReplyCode, Some(0)));
        assert_eq!(error(b"650 x\r\n"), (SmtpErrorKind::ReplyCode, Some(0)));
        assert_eq!(error(b"260 x\r\n"), (SmtpErrorKind::ReplyCode, Some(1)));
        assert_eq!(error(b"25x x\r\n"), (SmtpErrorKind::ReplyCode, Some(2)));
        assert_eq!(error(b"250-ok\r\n25a"), (SmtpErrorKind::ReplyCode, Some(10)));
        assert_eq!(error(b"250_ok\r\n"), (SmtpErrorKind::ReplySeparator, Some(3)));
    }

    #[test]
    fn rejects_mixed_codes_as_soon_as_a_digit_differs() {
        assert_eq!(error(b"250-a\r\n251 b\r\n"), (SmtpErrorKind::MixedCodes, Some(7)));
        assert_eq!(error(b"250-a\r\n4"), (SmtpErrorKind::MixedCodes, Some(7)));
        assert_eq!(error(b"250-a\r\n24"), (SmtpErrorKind::MixedCodes, Some(7)));
        assert_eq!(error(b"250-a\r\n26"), (SmtpErrorKind::ReplyCode, Some(8)));
        assert_eq!(Reply::parse(b"250-a\r\n25"), Ok(Status::Incomplete { needed: 3 }));
    }

    #[test]
    fn rejects_bare_cr_lf_and_nul() {
        assert_eq!(error(b"250 a\nb\r\n"), (SmtpErrorKind::ReplyForbiddenControl, Some(5)));
        assert_eq!(error(b"250 a\rb\r\n"), (SmtpErrorKind::ReplyForbiddenControl, Some(5)));
        assert_eq!(error(b"250 a\0b\r\n"), (SmtpErrorKind::ReplyForbiddenControl, Some(5)));
        assert_eq!(error(b"250\n"), (SmtpErrorKind::ReplyForbiddenControl, Some(3)));
        assert_eq!(error(b"250\r\r\n"), (SmtpErrorKind::ReplyForbiddenControl, Some(3)));
        assert_eq!(error(b"250 a\n"), (SmtpErrorKind::ReplyForbiddenControl, Some(5)));
    }

    #[test]
    fn rejects_text_that_is_not_utf8() {
        assert_eq!(error(b"250 caf\xE9\r\n"), (SmtpErrorKind::ReplyNotUtf8, Some(7)));
        assert_eq!(error(b"250 caf\xE9 au lait"), (SmtpErrorKind::ReplyNotUtf8, Some(7)));
        let reply = complete("250 café\r\n".as_bytes());
        assert!(reply.diagnoses().contains(ReplyDiagnosis::Utf8Text));
    }

    #[test]
    fn counts_the_least_bytes_that_could_complete_a_reply() {
        for (input, needed) in [
            (&b""[..], 5),
            (b"2", 4),
            (b"25", 3),
            (b"250", 2),
            (b"250 ", 2),
            (b"250 Ok", 2),
            (b"250 Ok\r", 1),
            (b"250-", 7),
            (b"250-a\r", 6),
            (b"250-a\r\n", 5),
            (b"250-a\r\n2", 4),
            (b"250-a\r\n250 b", 2),
            (b"250 caf\xC3", 3),
            (b"250 \xE2\x82", 3),
            (b"250-\xF0", 10),
        ] {
            assert_eq!(Reply::parse(input), Ok(Status::Incomplete { needed }), "{input:?}");
        }
    }

    #[test]
    fn the_counted_bytes_complete_the_reply() {
        for (input, completion) in [
            (&b"250-a\r"[..], &b"\n250\r\n"[..]),
            (b"25", b"0\r\n"),
            (b"250 \xE2\x82", b"\xAC\r\n"),
        ] {
            let Ok(Status::Incomplete { needed }) = Reply::parse(input) else {
                panic!("{input:?} is incomplete")
            };
            assert_eq!(needed, completion.len());
            let whole = [input, completion].concat();
            assert!(Reply::parse(&whole).is_ok_and(|s| s.is_complete()));
        }
    }

    #[test]
    fn flags_lines_past_512_octets() {
        let long = alloc::format!("250 {}\r\n", "x".repeat(506));
        assert!(!complete(long.as_bytes())
            .diagnoses()
            .contains(ReplyDiagnosis::LineTooLong));
        let longer = alloc::format!("250 {}\r\n", "x".repeat(507));
        assert!(complete(longer.as_bytes())
            .diagnoses()
            .contains(ReplyDiagnosis::LineTooLong));
    }

    #[test]
    fn display_reads_back_equal() {
        for input in [
            &b"250 Ok\r\n"[..],
            b"250\r\n",
            b"250 \r\n",
            b"250-a\r\n250-\r\n250 c\r\n",
            b"250 2.0.0\r\n",
            b"250-2.0.0 a\r\n250 2.0.0\r\n",
            b"550-5.1.1 a\r\n550 b\r\n",
            b"550 2.0.0 x\r\n",
            b"250 2.0.0   2.0.0 x\r\n",
            b"250-a\r\n250 2.0.0 b\r\n",
            b"550-5.1.1 No such user\r\n550  \r\n",
            b"550-5.1.1 a\r\n550-5.1.1x\r\n550 5.1.1\r\n",
        ] {
            let reply = complete(input);
            let text = reply.to_string();
            assert_eq!(complete(text.as_bytes()), reply, "{text:?}");
        }
    }

    #[test]
    fn new_refuses_what_would_not_read_back() {
        let e = EnhancedCode::new(2, 0, 0).ok();
        let spaced = Reply::new(250, e, [" x", "  "]).unwrap();
        assert_eq!(spaced.to_string(), "250-2.0.0  x\r\n250 2.0.0   \r\n");
        assert_eq!(complete(spaced.to_string().as_bytes()), spaced);
        assert_eq!(
            Reply::new(250, None, ["2.0.0 x"]).unwrap_err().kind(),
            SmtpErrorKind::ReplyTextAmbiguous
        );
        assert!(Reply::new(550, None, ["2.0.0 x"]).is_ok());
        assert_eq!(
            Reply::new(550, e, ["x"]).unwrap_err().kind(),
            SmtpErrorKind::EnhancedCode
        );
        assert_eq!(
            Reply::new(199, None, ["x"]).unwrap_err().kind(),
            SmtpErrorKind::ReplyCode
        );
        assert_eq!(
            Reply::new(260, None, ["x"]).unwrap_err().kind(),
            SmtpErrorKind::ReplyCode
        );
        assert_eq!(
            Reply::new(250, None, Vec::<&str>::new()).unwrap_err().kind(),
            SmtpErrorKind::ReplyNoLines
        );
        let err = Reply::new(250, None, ["ok", "a\nb"]).unwrap_err();
        assert_eq!(
            (err.kind(), err.offset()),
            (SmtpErrorKind::ReplyForbiddenControl, Some(1))
        );
    }

    #[test]
    fn the_word_scan_finds_every_unprintable_byte_anywhere() {
        for byte in 0..=255u8 {
            for position in 0..8 {
                let mut word = *b"abcdefgh";
                word[position] = byte;
                let printable = (b' '..=b'~').contains(&byte);
                assert_eq!(
                    has_unprintable(u64::from_le_bytes(word)),
                    !printable,
                    "{byte:#x} at {position}"
                );
            }
        }
        let scan = scan_text(b"0123456789abcdef\x7fghijklmnopqrstuvwxyz\r\n");
        assert_eq!(
            (scan.stop, scan.diagnoses.contains(ReplyDiagnosis::ControlInText)),
            (Some(37), true)
        );
        let scan = scan_text("0123456789abcdefé\tok".as_bytes());
        assert_eq!(
            (scan.stop, scan.diagnoses.contains(ReplyDiagnosis::Utf8Text)),
            (None, true)
        );
        assert!(!scan.diagnoses.contains(ReplyDiagnosis::ControlInText));
    }

    #[test]
    fn reads_replies_longer_than_the_noted_line_ends() {
        let count = NOTED_LINE_ENDS * 2 + 3;
        let mut input = String::new();
        for i in 0..count {
            let separator = if i + 1 == count { ' ' } else { '-' };
            let text = if i % 5 == 0 {
                String::new()
            } else {
                alloc::format!("line {i}")
            };
            input.push_str("250");
            input.push(separator);
            input.push_str("2.0.0 ");
            input.push_str(&text);
            input.push_str("\r\n");
        }
        input.push_str("221 next\r\n");
        let Ok(Status::Complete((reply, len))) = Reply::parse_prefix(input.as_bytes()) else {
            panic!("a reply")
        };
        assert_eq!(len, input.len() - 10);
        assert_eq!(reply.lines().len(), count);
        for (i, line) in reply.lines().iter().enumerate() {
            let text = if i % 5 == 0 {
                String::new()
            } else {
                alloc::format!("line {i}")
            };
            assert_eq!(line, &text);
        }
        assert!(reply.diagnoses().is_empty());
    }

    #[test]
    fn reads_a_reply_followed_by_another() {
        let input = b"250 Ok\r\n221 Bye\r\n";
        let Ok(Status::Complete((reply, len))) = Reply::parse_prefix(input) else {
            panic!("a reply")
        };
        assert_eq!((reply.code(), len), (250, 8));
        let Ok(Status::Complete((reply, len))) = Reply::parse_prefix(&input[len..]) else {
            panic!("a reply")
        };
        assert_eq!((reply.code(), len), (221, 9));
    }
}
