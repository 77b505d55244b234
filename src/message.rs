//! The whole client side of a notification transaction, pure: `EHLO`, `MAIL FROM`, the
//! `RCPT TO`s, `DATA` and the message itself, ready to write to a socket.
//!
//! A monitoring daemon (Keepalived, a cron job, a backup script) that mails a short plain-text
//! notice needs exactly this: from a configured sender such as
//! `服务显示名称 <keepalived@server.example.com>`, recipients, a subject and a body, the bytes
//! a server accepts. The caller passes the time (for `Date:`) and the unique part of
//! `Message-ID:`; nothing here reads a clock, draws a random number or asks DNS.
//!
//! What is built:
//!
//! * the envelope by the SMTP layer's planner
//!   ([`Capabilities::plan_envelope`]): `SMTPUTF8` when a path needs it and the server offers
//!   it, A-label domains otherwise, `SIZE=n` when the server offers SIZE, `BODY=8BITMIME` for
//!   an 8-bit body;
//! * the header: `Date` (RFC 5322 §3.3), `From`, `To` (folded, RFC 2047 display names unless
//!   the transaction uses SMTPUTF8, RFC 6532), `Subject` (RFC 2047 §5 (1) encoded-words when it
//!   is not ASCII and the transaction does not use SMTPUTF8), `Message-ID` (§3.6.4, the
//!   sender's domain as A-labels), `MIME-Version: 1.0`, `Content-Type: text/plain;
//!   charset=utf-8` and `Content-Transfer-Encoding` (RFC 2045);
//! * the body with CRLF line ends: `7bit` when it is ASCII, `8bit` when it is not and the
//!   server offers 8BITMIME, quoted-printable (RFC 2045 §6.7) otherwise, and also for a line
//!   longer than 998 octets or a NUL; so every line is at most 998 octets (RFC 5322 §2.1.1);
//! * the data dot-stuffed (RFC 5321 §4.5.2) and ended by `CRLF.CRLF`;
//! * the commands cut into RFC 2920 batches when the server offers PIPELINING.
//!
//! # Examples
//!
//! ```
//! use mail_envelope::message::{Notification, Timestamp};
//!
//! let note = Notification {
//!     from: "Ops <ops@example.com>",
//!     to: &["jane@example.net"],
//!     subject: "disk full",
//!     body: "/var is at 99%\n",
//!     date: Timestamp { seconds: 0, offset_minutes: 0 },
//!     message_id_part: "1.42",
//!     ehlo_name: "client.example.com",
//! };
//! let tx = note.transaction(None)?;
//! assert_eq!(tx.commands[0], "EHLO client.example.com");
//! assert_eq!(tx.commands[1], "MAIL FROM:<ops@example.com>");
//! assert!(tx.data.starts_with("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\nFrom: Ops <ops@example.com>\r\n"));
//! assert!(tx.data.ends_with("/var is at 99%\r\n.\r\n"));
//! # Ok::<(), mail_envelope::Error>(())
//! ```

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write as _;

use crate::smtp::capabilities::{Capabilities, MessageInfo};
use crate::smtp::param::Body;
use crate::smtp::pipeline::Pipeline;
use crate::smtp::{SmtpError, SmtpErrorKind};
use crate::{Address, AddressList, Domain, Envelope, Error, Mailbox, RenderOptions};

/// The longest line of a message without its CRLF (RFC 5322 §2.1.1).
const MAX_LINE: usize = 998;
/// The width a header field is folded at where it can be (RFC 5322 §2.1.1 "SHOULD" 78).
const FOLD_AT: usize = 78;
/// The longest quoted-printable line without its CRLF (RFC 2045 §6.7 (5)).
const QP_LINE: usize = 76;

/// A point in time as the caller's clock gave it: seconds since 1970-01-01T00:00:00Z and the
/// zone's offset from UTC in minutes (east positive), written as RFC 5322 §3.3 `date-time`.
///
/// # Examples
///
/// ```
/// use mail_envelope::message::Timestamp;
/// let t = Timestamp { seconds: 1_700_000_000, offset_minutes: 8 * 60 };
/// assert_eq!(t.to_rfc5322()?, "Wed, 15 Nov 2023 06:13:20 +0800");
/// assert_eq!(Timestamp::parse("1700000000+0800")?, t);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timestamp {
    /// Seconds since the Unix epoch, UTC (negative before 1970).
    pub seconds: i64,
    /// The local zone's offset from UTC in minutes: 480 for `+0800`, -300 for `-0500`.
    pub offset_minutes: i32,
}

/// English day names, Sunday first (RFC 5322 §3.3 `day-name`).
const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
/// English month names (RFC 5322 §3.3 `month`).
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// The first second of 1900 and the last of 9999, the years a 4-digit `year` holds that
/// RFC 5322 §3.3 allows (1900 or later).
const FIRST: i64 = -2_208_988_800;
const LAST: i64 = 253_402_300_799;

/// The civil date (year, month 1–12, day 1–31) of a day count since 1970-01-01, in the
/// proleptic Gregorian calendar: the "civil from days" computation, by 400-year eras of
/// 146 097 days, each counted from March 1 so that the leap day ends the year.
fn civil_from_days(days: i64) -> (i64, usize, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // day of era, 0..=146096
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // year of era, 0..=399
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of year from March 1, 0..=365
    let mp = (5 * doy + 2) / 153; // month from March, 0..=11
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, usize::try_from(month).unwrap_or(1), day)
}

impl Timestamp {
    /// Reads `SECONDS±HHMM`: decimal seconds since the epoch (a leading `-` allowed), then the
    /// zone as RFC 5322 writes it (`+0800`, `-0500`, `+0000`).
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::DateOutOfRange`] at the byte at fault.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::message::Timestamp;
    /// assert_eq!(Timestamp::parse("-1-0130")?, Timestamp { seconds: -1, offset_minutes: -90 });
    /// assert_eq!(Timestamp::parse("12").unwrap_err().offset(), Some(2));
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Timestamp, SmtpError> {
        let bad = |at: usize| SmtpError::at(SmtpErrorKind::DateOutOfRange, at);
        let zone_at = text
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c == '+' || c == '-')
            .map_or(text.len(), |(i, _)| i);
        let (number, zone) = text.split_at(zone_at);
        let digits = number.strip_prefix('-').unwrap_or(number);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(0));
        }
        let seconds: i64 = number.parse().map_err(|_| bad(0))?;
        let zone = zone.as_bytes();
        if zone.len() != 5 || !zone[1..].iter().all(u8::is_ascii_digit) {
            return Err(bad(zone_at));
        }
        let n = |i: usize| i32::from(zone[i] - b'0');
        let (hours, minutes) = (n(1) * 10 + n(2), n(3) * 10 + n(4));
        if minutes > 59 {
            return Err(bad(zone_at + 3));
        }
        let magnitude = hours * 60 + minutes;
        let offset_minutes = if zone[0] == b'-' { -magnitude } else { magnitude };
        Ok(Timestamp {
            seconds,
            offset_minutes,
        })
    }

    /// The RFC 5322 §3.3 `date-time`: `day-name, DD Mon YYYY HH:MM:SS ±HHMM`, English names,
    /// the local time of the zone, a numeric zone.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::DateOutOfRange`] for a local year before 1900 or after 9999, or an
    /// offset beyond 99 hours 59 minutes.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::message::Timestamp;
    /// let epoch = Timestamp { seconds: 0, offset_minutes: 0 };
    /// assert_eq!(epoch.to_rfc5322()?, "Thu, 01 Jan 1970 00:00:00 +0000");
    /// let new_york = Timestamp { seconds: 0, offset_minutes: -300 };
    /// assert_eq!(new_york.to_rfc5322()?, "Wed, 31 Dec 1969 19:00:00 -0500");
    /// assert!(Timestamp { seconds: i64::MIN, offset_minutes: 0 }.to_rfc5322().is_err());
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn to_rfc5322(&self) -> Result<String, SmtpError> {
        let out_of_range = SmtpError::new(SmtpErrorKind::DateOutOfRange);
        if self.offset_minutes.unsigned_abs() > 99 * 60 + 59 {
            return Err(out_of_range);
        }
        let local = self
            .seconds
            .checked_add(i64::from(self.offset_minutes) * 60)
            .filter(|s| (FIRST..=LAST).contains(s))
            .ok_or(out_of_range)?;
        let days = local.div_euclid(86_400);
        let second_of_day = local.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let weekday = usize::try_from((days + 4).rem_euclid(7)).unwrap_or(0);
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let zone = self.offset_minutes.unsigned_abs();
        let mut out = String::with_capacity(31);
        let _ = write!(
            out,
            "{}, {day:02} {} {year:04} {:02}:{:02}:{:02} {sign}{:02}{:02}",
            DAYS.get(weekday).copied().unwrap_or("Sun"),
            MONTHS.get(month - 1).copied().unwrap_or("Jan"),
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60,
            zone / 60,
            zone % 60,
        );
        Ok(out)
    }
}

/// The `Content-Transfer-Encoding` of the body (RFC 2045 §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum TransferEncoding {
    /// ASCII lines of at most 998 octets, no NUL.
    #[cfg_attr(feature = "serde", serde(rename = "7bit"))]
    SevenBit,
    /// UTF-8 lines of at most 998 octets, no NUL, sent with `BODY=8BITMIME` (RFC 6152).
    #[cfg_attr(feature = "serde", serde(rename = "8bit"))]
    EightBit,
    /// Quoted-printable (RFC 2045 §6.7): every line ASCII and at most 76 octets.
    QuotedPrintable,
}

impl TransferEncoding {
    /// The header's token: `7bit`, `8bit` or `quoted-printable`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::message::TransferEncoding;
    /// assert_eq!(TransferEncoding::QuotedPrintable.as_str(), "quoted-printable");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            TransferEncoding::SevenBit => "7bit",
            TransferEncoding::EightBit => "8bit",
            TransferEncoding::QuotedPrintable => "quoted-printable",
        }
    }
}

/// What a notification is made of. Every field is borrowed; the caller's clock and counter
/// give `date` and `message_id_part`.
///
/// # Examples
///
/// ```
/// use mail_envelope::message::{Notification, Timestamp};
/// let note = Notification {
///     from: "服务显示名称 <keepalived@server.example.com>",
///     to: &["ops@example.com", "Jane <jane@example.net>"],
///     subject: "[LVS_DEVEL] Entering MASTER state",
///     body: "=> VRRP Instance is now owning VRRP VIPs <=\n",
///     date: Timestamp { seconds: 1_700_000_000, offset_minutes: 480 },
///     message_id_part: "1700000000.4242",
///     ehlo_name: "server.example.com",
/// };
/// let tx = note.transaction(None)?;
/// assert!(tx.data.contains("\r\nMessage-ID: <1700000000.4242@server.example.com>\r\n"));
/// # Ok::<(), mail_envelope::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Notification<'a> {
    /// The sender, an RFC 5322 `mailbox` (`Name <addr>` or `addr`): the `From:` field and the
    /// `MAIL FROM` path.
    pub from: &'a str,
    /// The recipients, one `mailbox` each: the `To:` field and one `RCPT TO` each.
    pub to: &'a [&'a str],
    /// The subject, one line of text (no CR, LF or other control character but tab).
    pub subject: &'a str,
    /// The body, plain text in any line ends (CRLF, LF or CR), written with CRLF.
    pub body: &'a str,
    /// The time for `Date:`.
    pub date: Timestamp,
    /// The unique part of `Message-ID:` (left of the `@`): an RFC 5322 `dot-atom-text`.
    pub message_id_part: &'a str,
    /// The client's name for `EHLO`: an ASCII domain or an address literal.
    pub ehlo_name: &'a str,
}

/// A notification transaction: the commands, the batches they are written in, and the data
/// that follows the server's `354`.
///
/// A client writes each batch, reads one reply per command of the batch, and stops at the
/// first reply that is not positive; after the batch that ends with `DATA` and a `354`, it
/// writes [`data`](Self::data) and reads one reply, then sends `QUIT`.
///
/// # Examples
///
/// ```
/// use mail_envelope::message::{Notification, Timestamp};
/// use mail_envelope::smtp::capabilities::Capabilities;
/// use mail_envelope::Strictness;
///
/// let caps = Capabilities::parse("250-mx.example\r\n250-PIPELINING\r\n250 8BITMIME\r\n", Strictness::Strict)?;
/// let note = Notification {
///     from: "ops@example.com",
///     to: &["a@example.net", "b@example.net"],
///     subject: "Grüße",
///     body: "Grüße\n",
///     date: Timestamp { seconds: 0, offset_minutes: 0 },
///     message_id_part: "x",
///     ehlo_name: "client.example",
/// };
/// let tx = note.transaction(Some(&caps))?;
/// assert_eq!(tx.batches.len(), 2);
/// assert_eq!(tx.batches[1], ["MAIL FROM:<ops@example.com> BODY=8BITMIME", "RCPT TO:<a@example.net>", "RCPT TO:<b@example.net>", "DATA"]);
/// assert!(tx.data.contains("Subject: =?utf-8?b?R3LDvMOfZQ==?=\r\n"));
/// assert!(tx.to_wire().contains("\r\nDATA\r\nDate: Thu, 01 Jan 1970 00:00:00 +0000\r\n"));
/// # Ok::<(), mail_envelope::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Transaction {
    /// `EHLO`, `MAIL FROM`, the `RCPT TO`s and `DATA`, each without its CRLF.
    pub commands: Vec<String>,
    /// The commands cut into RFC 2920 batches (one command a batch without PIPELINING).
    pub batches: Vec<Vec<String>>,
    /// The 0-based indexes of the batches after which a new `220` greeting comes (none here;
    /// kept for the shape of the pipeline record).
    pub wait_for_greeting_after: Vec<usize>,
    /// The message after `DATA`: header and body with CRLF line ends, dot-stuffed, ending with
    /// `CRLF.CRLF`.
    pub data: String,
    /// Whether the transaction uses SMTPUTF8 (RFC 6531).
    pub smtputf8: bool,
    /// The body's transfer encoding.
    pub transfer_encoding: TransferEncoding,
}

impl Transaction {
    /// Everything the client writes, in order: each command with CRLF, then the data.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::message::{Notification, Timestamp};
    /// let note = Notification {
    ///     from: "a@example.com", to: &["b@example.com"], subject: "s", body: ".\n",
    ///     date: Timestamp { seconds: 0, offset_minutes: 0 }, message_id_part: "1", ehlo_name: "c.example",
    /// };
    /// let wire = note.transaction(None)?.to_wire();
    /// assert!(wire.starts_with("EHLO c.example\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n"));
    /// assert!(wire.ends_with("\r\n\r\n..\r\n.\r\n"));
    /// # Ok::<(), mail_envelope::Error>(())
    /// ```
    pub fn to_wire(&self) -> String {
        let mut out = String::with_capacity(self.data.len() + 256);
        for command in &self.commands {
            out.push_str(command);
            out.push_str("\r\n");
        }
        out.push_str(&self.data);
        out
    }
}

impl Notification<'_> {
    /// Builds the transaction for a server whose EHLO reply gave `capabilities`, or, with
    /// `None`, for a server that offers nothing (no PIPELINING, 8BITMIME, SMTPUTF8 or SIZE).
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] for a sender or recipient that is not a mailbox; [`Error::Envelope`]
    /// for one without an RFC 5321 path; [`Error::Render`] for one without a header form;
    /// [`Error::Smtp`] with [`SmtpErrorKind::NoRecipients`], [`SmtpErrorKind::HeaderControl`],
    /// [`SmtpErrorKind::InvalidMessageIdPart`], [`SmtpErrorKind::InvalidEhloName`],
    /// [`SmtpErrorKind::DateOutOfRange`], and the planner's errors
    /// ([`SmtpErrorKind::LocalPartNeedsSmtpUtf8`], [`SmtpErrorKind::MessageTooLarge`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::message::{Notification, Timestamp};
    /// use mail_envelope::smtp::SmtpErrorKind;
    /// use mail_envelope::Error;
    /// let note = Notification {
    ///     from: "用户@例子.广告", to: &["b@example.com"], subject: "s", body: "",
    ///     date: Timestamp { seconds: 0, offset_minutes: 0 }, message_id_part: "1", ehlo_name: "c.example",
    /// };
    /// let err = note.transaction(None).unwrap_err();
    /// assert!(matches!(err, Error::Smtp(e) if e.kind() == SmtpErrorKind::LocalPartNeedsSmtpUtf8));
    /// ```
    pub fn transaction(&self, capabilities: Option<&Capabilities<'_>>) -> Result<Transaction, Error> {
        let nothing = Capabilities::default();
        let caps = capabilities.unwrap_or(&nothing);
        check_ehlo_name(self.ehlo_name)?;
        check_message_id_part(self.message_id_part)?;
        if self.to.is_empty() {
            return Err(SmtpError::new(SmtpErrorKind::NoRecipients).into());
        }
        let from = Mailbox::parse(self.from)?;
        let to = self
            .to
            .iter()
            .map(|r| Mailbox::parse(r))
            .collect::<Result<Vec<_>, _>>()?;
        let envelope = Envelope::new(
            from.to_reverse_path()?,
            to.iter().map(Mailbox::to_forward_path).collect::<Result<Vec<_>, _>>()?,
        )?;
        // Plan once without the size, so that an impossible envelope fails before the message.
        let smtputf8 = caps
            .plan_envelope(&envelope, &MessageInfo::default())?
            .mail
            .needs_smtputf8();
        let (body, transfer_encoding) = encode_body(self.body, caps.eight_bit_mime());

        let options = RenderOptions::default().utf8_headers(smtputf8);
        let mut message = String::with_capacity(self.body.len() + 512);
        push_line(&mut message, &["Date: ", &self.date.to_rfc5322()?]);
        push_line(&mut message, &[&from.to_field("From", &options)?]);
        let list = AddressList::from(to.iter().cloned().map(Address::Mailbox).collect::<Vec<_>>());
        push_line(&mut message, &[&list.to_field("To", &options)?]);
        push_line(&mut message, &[&subject_field(self.subject, smtputf8)?]);
        let domain = match from.addr_spec().domain() {
            Domain::Name(name) => name.to_ascii()?.to_string(),
            Domain::Literal(literal) => literal.as_str().chars().filter(|c| !c.is_whitespace()).collect(),
        };
        push_line(
            &mut message,
            &["Message-ID: <", self.message_id_part, "@", &domain, ">"],
        );
        push_line(&mut message, &["MIME-Version: 1.0"]);
        push_line(&mut message, &["Content-Type: text/plain; charset=utf-8"]);
        push_line(
            &mut message,
            &["Content-Transfer-Encoding: ", transfer_encoding.as_str()],
        );
        message.push_str("\r\n");
        message.push_str(&body);

        let body_type = if transfer_encoding == TransferEncoding::EightBit {
            Body::EightBitMime
        } else {
            Body::SevenBit
        };
        let size = u64::try_from(message.len()).unwrap_or(u64::MAX);
        let plan = caps.plan_envelope(&envelope, &MessageInfo::default().size(size).body(body_type))?;
        let mut commands = Vec::with_capacity(plan.rcpts.len() + 3);
        commands.push(["EHLO ", self.ehlo_name].concat());
        commands.push(strip_crlf(plan.mail.to_line()?));
        for rcpt in &plan.rcpts {
            commands.push(strip_crlf(rcpt.to_line()?));
        }
        commands.push("DATA".to_string());
        let refs: Vec<&str> = commands.iter().map(String::as_str).collect();
        let pipeline = Pipeline::plan(&refs, caps.pipelining())?;
        let batches = pipeline
            .batches()
            .iter()
            .map(|b| b.commands().iter().map(|c| (*c).to_string()).collect())
            .collect();
        let wait_for_greeting_after = pipeline.wait_for_greeting_after();
        Ok(Transaction {
            batches,
            wait_for_greeting_after,
            commands,
            data: dot_stuff(&message),
            smtputf8: plan.mail.needs_smtputf8(),
            transfer_encoding,
        })
    }
}

/// Appends the parts and a CRLF.
fn push_line(out: &mut String, parts: &[&str]) {
    for part in parts {
        out.push_str(part);
    }
    out.push_str("\r\n");
}

/// A built command line without its final CRLF.
fn strip_crlf(mut line: String) -> String {
    if line.ends_with("\r\n") {
        line.truncate(line.len() - 2);
    }
    line
}

/// Checks an EHLO name: an ASCII domain of letter-digit-hyphen labels, or an address literal
/// in brackets without spaces (RFC 5321 §4.1.1.1 `Domain / address-literal`).
fn check_ehlo_name(name: &str) -> Result<(), SmtpError> {
    let bad = |at: usize| Err(SmtpError::at(SmtpErrorKind::InvalidEhloName, at));
    if name.is_empty() || name.len() > 255 {
        return bad(0);
    }
    if let Some(inner) = name.strip_prefix('[') {
        let Some(inner) = inner.strip_suffix(']') else {
            return bad(name.len());
        };
        if let Some(i) = inner
            .bytes()
            .position(|b| !(33..=126).contains(&b) || matches!(b, b'[' | b']' | b'\\'))
        {
            return bad(i + 1);
        }
        return if inner.is_empty() { bad(1) } else { Ok(()) };
    }
    let mut start = 0;
    for label in name.split('.') {
        let ok = !label.is_empty()
            && label.len() <= 63
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !ok {
            return bad(start);
        }
        start += label.len() + 1;
    }
    Ok(())
}

/// Whether `b` is RFC 5322 §3.2.3 `atext`.
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b)
}

/// Checks `id-left = dot-atom-text` (RFC 5322 §3.6.4): atext runs joined by single dots.
fn check_message_id_part(part: &str) -> Result<(), SmtpError> {
    let mut start = 0;
    for run in part.split('.') {
        if run.is_empty() {
            return Err(SmtpError::at(SmtpErrorKind::InvalidMessageIdPart, start));
        }
        if let Some(i) = run.bytes().position(|b| !is_atext(b)) {
            return Err(SmtpError::at(SmtpErrorKind::InvalidMessageIdPart, start + i));
        }
        start += run.len() + 1;
    }
    Ok(())
}

/// The `Subject:` field (RFC 5322 §3.6.5, unstructured), folded before white space at 78
/// octets where it can be. Text that is not ASCII, outside an SMTPUTF8 transaction, becomes
/// RFC 2047 encoded-words (§5 (1)), one line each as far as they fit; so does text with a
/// word too long to fit a line of 998 octets, and text holding `=?`, which a reader could take
/// for the start of an encoded-word.
fn subject_field(subject: &str, utf8: bool) -> Result<String, SmtpError> {
    if let Some(i) = subject.bytes().position(|b| b.is_ascii_control() && b != b'\t') {
        return Err(SmtpError::at(SmtpErrorKind::HeaderControl, i));
    }
    let head = "Subject:";
    if subject.is_empty() {
        return Ok(head.to_string());
    }
    // Text that reads as an encoded-word would be decoded by the reader: encode it too.
    if (utf8 || subject.is_ascii()) && !subject.contains("=?") {
        if let Some(field) = fold_text(head, subject) {
            return Ok(field);
        }
    }
    let words = crate::render::rfc2047::encode_phrase(subject);
    let mut out = String::from(head);
    let mut line_len = out.len();
    for word in words {
        if line_len + 1 + word.len() > FOLD_AT && line_len > head.len() {
            out.push_str("\r\n");
            line_len = 0;
        }
        out.push(' ');
        out.push_str(&word);
        line_len += 1 + word.len();
    }
    Ok(out)
}

/// `head`, a space and `text`, with CRLF inserted before a space that follows a non-space and
/// precedes a word wherever the line would pass 78 octets; `None` when a line would still pass
/// 998.
fn fold_text(head: &str, text: &str) -> Option<String> {
    let mut out = String::with_capacity(head.len() + text.len() + 8);
    out.push_str(head);
    out.push(' ');
    let mut line_len = out.len();
    let mut first = true;
    for word in text.split(' ') {
        if !first {
            let fold = line_len + 1 + word.len() > FOLD_AT && !word.is_empty() && line_len > head.len() + 1;
            if fold && !out.ends_with(' ') && !out.ends_with('\t') {
                out.push_str("\r\n");
                line_len = 0;
            }
            out.push(' ');
            line_len += 1;
        }
        first = false;
        out.push_str(word);
        line_len += word.len();
    }
    out.split("\r\n").all(|line| line.len() <= MAX_LINE).then_some(out)
}

/// The lines of `body`, whatever their ends (CRLF, LF, CR).
fn lines(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find(['\r', '\n']) {
        out.push(&rest[..i]);
        let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[i + skip..];
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// The body with CRLF line ends (and a final CRLF unless empty), and its transfer encoding.
fn encode_body(body: &str, eight_bit_mime: bool) -> (String, TransferEncoding) {
    let lines = lines(body);
    let plain = !body.contains('\0') && lines.iter().all(|l| l.len() <= MAX_LINE);
    let encoding = if plain && body.is_ascii() {
        TransferEncoding::SevenBit
    } else if plain && eight_bit_mime {
        TransferEncoding::EightBit
    } else {
        TransferEncoding::QuotedPrintable
    };
    let mut out = String::with_capacity(body.len() + lines.len() * 2);
    for line in lines {
        if encoding == TransferEncoding::QuotedPrintable {
            quoted_printable_line(line.as_bytes(), &mut out);
        } else {
            out.push_str(line);
        }
        out.push_str("\r\n");
    }
    (out, encoding)
}

/// Appends one line as quoted-printable (RFC 2045 §6.7): printable ASCII but `=` as itself,
/// every other octet as `=XX`, a space or tab at the end of the line encoded (rule 3), and a
/// soft line break (`=` CRLF) before a line would pass 76 characters (rule 5).
fn quoted_printable_line(line: &[u8], out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut width = 0;
    for (i, &b) in line.iter().enumerate() {
        let last = i + 1 == line.len();
        let literal = ((b == b' ' || b == b'\t') && !last) || ((33..=126).contains(&b) && b != b'=');
        let len = if literal { 1 } else { 3 };
        // Room for a soft break's `=` unless this is the line's last octet.
        let room = if last { QP_LINE } else { QP_LINE - 1 };
        if width + len > room {
            out.push_str("=\r\n");
            width = 0;
        }
        if literal {
            out.push(char::from(b));
        } else {
            out.push('=');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
        width += len;
    }
}

/// The data as sent after `354`: every line that starts with `.` gets another (RFC 5321
/// §4.5.2), then the ending `.` line. `message` ends with CRLF or is empty.
fn dot_stuff(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 8);
    for line in message.split_inclusive("\r\n") {
        if line.starts_with('.') {
            out.push('.');
        }
        out.push_str(line);
    }
    if !out.is_empty() && !out.ends_with("\r\n") {
        out.push_str("\r\n");
    }
    out.push_str(".\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(seconds: i64, offset_minutes: i32) -> String {
        Timestamp {
            seconds,
            offset_minutes,
        }
        .to_rfc5322()
        .unwrap()
    }

    #[test]
    fn known_dates() {
        assert_eq!(date(0, 0), "Thu, 01 Jan 1970 00:00:00 +0000");
        assert_eq!(date(951_782_400, 0), "Tue, 29 Feb 2000 00:00:00 +0000");
        assert_eq!(date(4_107_542_400, 0), "Mon, 01 Mar 2100 00:00:00 +0000");
        assert_eq!(date(1_709_164_800, 0), "Thu, 29 Feb 2024 00:00:00 +0000");
        assert_eq!(date(-1, 0), "Wed, 31 Dec 1969 23:59:59 +0000");
        assert_eq!(date(0, -90), "Wed, 31 Dec 1969 22:30:00 -0130");
        assert_eq!(date(1_700_000_000, 330), "Wed, 15 Nov 2023 03:43:20 +0530");
        assert_eq!(date(FIRST, 0), "Mon, 01 Jan 1900 00:00:00 +0000");
        assert_eq!(date(LAST, 0), "Fri, 31 Dec 9999 23:59:59 +0000");
        assert!(Timestamp {
            seconds: FIRST - 1,
            offset_minutes: 0
        }
        .to_rfc5322()
        .is_err());
        assert!(Timestamp {
            seconds: 0,
            offset_minutes: 6000
        }
        .to_rfc5322()
        .is_err());
        assert!(Timestamp {
            seconds: i64::MAX,
            offset_minutes: 60
        }
        .to_rfc5322()
        .is_err());
    }

    #[test]
    fn days_round_trip_against_a_day_by_day_count() {
        // Walk day by day from 1900-01-01 and compare with the closed form.
        let (mut y, mut m, mut d) = (1900_i64, 1_usize, 1_i64);
        let leap = |y: i64| y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        for days in (FIRST / 86_400)..(FIRST / 86_400 + 200_000) {
            assert_eq!(civil_from_days(days), (y, m, d), "day {days}");
            let len = match m {
                2 if leap(y) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            d += 1;
            if d > len {
                d = 1;
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        }
    }

    #[test]
    fn timestamps_parse() {
        assert_eq!(
            Timestamp::parse("0+0000").unwrap(),
            Timestamp {
                seconds: 0,
                offset_minutes: 0
            }
        );
        assert_eq!(Timestamp::parse("5-0500").unwrap().offset_minutes, -300);
        assert_eq!(Timestamp::parse("5+0560").unwrap_err().offset(), Some(4));
        assert_eq!(Timestamp::parse("x+0000").unwrap_err().offset(), Some(0));
        assert_eq!(Timestamp::parse("5+05").unwrap_err().offset(), Some(1));
        assert!(Timestamp::parse("").is_err());
        assert!(Timestamp::parse("+0000").is_err());
    }

    #[test]
    fn quoted_printable() {
        let mut out = String::new();
        quoted_printable_line("a=b é \t".as_bytes(), &mut out);
        assert_eq!(out, "a=3Db =C3=A9 =09");
        let mut out = String::new();
        quoted_printable_line(&[b'x'; 200], &mut out);
        let parts: Vec<&str> = out.split("=\r\n").collect();
        assert!(parts.iter().all(|p| p.len() <= 75), "{out}");
        assert_eq!(parts.concat(), "x".repeat(200));
        // An escape never splits across a soft break.
        let mut out = String::new();
        quoted_printable_line("é".repeat(40).as_bytes(), &mut out);
        assert!(out
            .split("\r\n")
            .all(|l| l.len() <= 76 && !l.trim_end_matches('=').ends_with("=C")));
    }

    #[test]
    fn dot_stuffing() {
        assert_eq!(dot_stuff("a\r\n.\r\n..b\r\n"), "a\r\n..\r\n...b\r\n.\r\n");
        assert_eq!(dot_stuff(""), ".\r\n");
    }

    #[test]
    fn body_encodings() {
        assert_eq!(
            encode_body("a\nb\r\nc\rd", false),
            ("a\r\nb\r\nc\r\nd\r\n".into(), TransferEncoding::SevenBit)
        );
        assert_eq!(encode_body("é\n", true), ("é\r\n".into(), TransferEncoding::EightBit));
        assert_eq!(
            encode_body("é\n", false),
            ("=C3=A9\r\n".into(), TransferEncoding::QuotedPrintable)
        );
        assert_eq!(encode_body("a\0", true).1, TransferEncoding::QuotedPrintable);
        assert_eq!(encode_body(&"a".repeat(999), true).1, TransferEncoding::QuotedPrintable);
        assert_eq!(encode_body(&"a".repeat(998), false).1, TransferEncoding::SevenBit);
    }

    #[test]
    fn subjects_fold_and_encode() {
        assert_eq!(subject_field("hi there", false).unwrap(), "Subject: hi there");
        assert_eq!(subject_field("=?x?", false).unwrap(), "Subject: =?utf-8?b?PT94Pw==?=");
        let long = "word ".repeat(30);
        let field = subject_field(long.trim_end(), false).unwrap();
        assert!(field.split("\r\n").all(|l| l.len() <= FOLD_AT), "{field}");
        assert_eq!(field.replace("\r\n", ""), ["Subject: ", long.trim_end()].concat());
        let field = subject_field("服务 状态", false).unwrap();
        assert!(field.starts_with("Subject: =?utf-8?"), "{field}");
        assert_eq!(subject_field("服务 状态", true).unwrap(), "Subject: 服务 状态");
        let long_utf8 = "状态 ".repeat(30);
        let field = subject_field(long_utf8.trim_end(), true).unwrap();
        assert!(field.split("\r\n").all(|l| l.len() <= FOLD_AT), "{field}");
        assert_eq!(field.replace("\r\n", ""), ["Subject: ", long_utf8.trim_end()].concat());
        let huge = "x".repeat(2000);
        let field = subject_field(&huge, false).unwrap();
        assert!(field.split("\r\n").skip(1).all(|l| l.len() <= FOLD_AT), "{field}");
        assert!(field.split("\r\n").all(|l| l.len() <= 9 + 75), "{field}");
        assert_eq!(subject_field("a\r\nBcc: x", false).unwrap_err().offset(), Some(1));
    }

    #[test]
    fn names_and_ids() {
        assert!(check_ehlo_name("mx-1.example.com").is_ok());
        assert!(check_ehlo_name("[192.0.2.1]").is_ok());
        assert_eq!(check_ehlo_name("a..b").unwrap_err().offset(), Some(2));
        assert_eq!(check_ehlo_name("a b").unwrap_err().offset(), Some(0));
        assert!(check_ehlo_name("[a b]").is_err());
        assert!(check_message_id_part("1700000000.4242").is_ok());
        assert_eq!(check_message_id_part("a..b").unwrap_err().offset(), Some(2));
        assert_eq!(check_message_id_part("a@b").unwrap_err().offset(), Some(1));
        assert!(check_message_id_part("").is_err());
    }
}
