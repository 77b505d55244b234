//! The properties of the SMTP command targets: `command`, `ehlo`, `xtext` and
//! `roundtrip_command`, one public function each, panicking when a property fails.
//!
//! The file depends on nothing else in the fuzz crate, so the main crate's
//! `tests/smtp_command_props.rs` compiles it on its own and feeds it generated and saved inputs.

use std::borrow::Cow;

use mail_envelope::smtp::capabilities::Capabilities;
use mail_envelope::smtp::command::{MailFrom, RcptTo, MAX_LINE};
use mail_envelope::smtp::param::{AddrType, Body, EsmtpKeyword, EsmtpParam, EsmtpValue, Notify, Ret};
use mail_envelope::smtp::xtext::{self, XText};
use mail_envelope::smtp::{SmtpError, SmtpErrorKind};
use mail_envelope::{AddrSpec, ForwardPath, Mailbox, ReversePath, Strictness};

/// Every strictness, strictest first.
const STRICTNESSES: [Strictness; 3] = [Strictness::Strict, Strictness::Standard, Strictness::Lenient];

/// The fuzzer's bytes as text, invalid UTF-8 replaced.
fn text(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// An error points at a character of `input` (or its end).
fn check_offset(input: &str, error: &SmtpError) {
    if let Some(offset) = error.offset() {
        assert!(
            offset <= input.len(),
            "offset {offset} past {} in {input:?}: {error}",
            input.len()
        );
        assert!(
            input.is_char_boundary(offset),
            "offset {offset} inside a character of {input:?}"
        );
    }
}

/// A built line: at most 512 octets, CRLF at the end and no other CR, LF or NUL.
pub fn check_line(line: &str) {
    assert!(line.len() <= MAX_LINE, "{} octets: {line:?}", line.len());
    let body = line
        .strip_suffix("\r\n")
        .unwrap_or_else(|| panic!("no CRLF at the end: {line:?}"));
    assert!(
        !body.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0)),
        "CR, LF or NUL inside {line:?}"
    );
}

/// The errors `to_line` may give for a value the parser read: only the length, which parsing
/// outside Strict does not hold to.
fn rebuilt_error_allowed(error: &SmtpError) -> bool {
    error.kind() == SmtpErrorKind::LineTooLong
}

// ----- target `command` -----

/// Target `command`: `MailFrom::parse` and `RcptTo::parse` on any line, every strictness.
///
/// No panic; `parse_bytes` agrees with `parse`; errors point at a character of the line; what a
/// stricter mode accepts a looser one accepts equally; a parsed command rebuilt is a valid line
/// (or, outside Strict, too long) that Strict reads back equal, and rebuilding it again gives
/// the same line.
pub fn command(data: &[u8]) {
    let input = text(data);
    let mut mails: Vec<Option<MailFrom<'_>>> = Vec::new();
    let mut rcpts: Vec<Option<RcptTo<'_>>> = Vec::new();
    for strictness in STRICTNESSES {
        let mail = MailFrom::parse(&input, strictness);
        let rcpt = RcptTo::parse(&input, strictness);
        if let Ok(utf8) = std::str::from_utf8(data) {
            assert_eq!(
                MailFrom::parse_bytes(data, strictness),
                MailFrom::parse(utf8, strictness)
            );
            assert_eq!(RcptTo::parse_bytes(data, strictness), RcptTo::parse(utf8, strictness));
        } else {
            let err = MailFrom::parse_bytes(data, strictness).unwrap_err();
            assert!(err.offset().is_some_and(|o| o < data.len()), "{err}");
        }
        if let Err(e) = &mail {
            check_offset(&input, e);
        }
        if let Err(e) = &rcpt {
            check_offset(&input, e);
        }
        if let Ok(mail) = &mail {
            round_trip(&mail.clone().into_owned(), rebuilt_error_allowed);
        }
        if let Ok(rcpt) = &rcpt {
            round_trip(&rcpt.clone().into_owned(), rebuilt_error_allowed);
        }
        mails.push(mail.ok());
        rcpts.push(rcpt.ok());
    }
    stricter_accepts_less(&input, &mails);
    stricter_accepts_less(&input, &rcpts);
}

/// A command line type, owned, as the round trips need it.
trait Command: PartialEq + std::fmt::Debug + Sized {
    /// Writes the line.
    fn line(&self) -> Result<String, SmtpError>;
    /// Reads a line in Strict.
    fn read(line: &str) -> Result<Self, SmtpError>;
}

impl Command for MailFrom<'static> {
    fn line(&self) -> Result<String, SmtpError> {
        self.to_line()
    }

    fn read(line: &str) -> Result<Self, SmtpError> {
        MailFrom::parse(line, Strictness::Strict).map(MailFrom::into_owned)
    }
}

impl Command for RcptTo<'static> {
    fn line(&self) -> Result<String, SmtpError> {
        self.to_line()
    }

    fn read(line: &str) -> Result<Self, SmtpError> {
        RcptTo::parse(line, Strictness::Strict).map(RcptTo::into_owned)
    }
}

/// Writes `command` and checks the line: valid, read back (Strict) equal, and written again the
/// same. Writing may fail only as `allowed` says.
fn round_trip<C: Command>(command: &C, allowed: fn(&SmtpError) -> bool) {
    let line = match command.line() {
        Ok(line) => line,
        Err(e) => {
            assert!(allowed(&e), "writing {command:?} failed: {e}");
            return;
        }
    };
    check_line(&line);
    let again = C::read(&line).unwrap_or_else(|e| panic!("{line:?} does not read back: {e}"));
    assert_eq!(command, &again, "{line:?} reads back otherwise");
    assert_eq!(again.line().as_deref(), Ok(line.as_str()), "not a fixed point");
}

/// What Strict reads, Standard reads equally; likewise Standard and Lenient.
fn stricter_accepts_less<T: PartialEq + std::fmt::Debug>(input: &str, values: &[Option<T>]) {
    for pair in values.windows(2) {
        if let [Some(stricter), looser] = pair {
            assert_eq!(
                Some(stricter),
                looser.as_ref(),
                "a looser mode reads {input:?} otherwise"
            );
        }
    }
}

// ----- target `ehlo` -----

/// Target `ehlo`: `Capabilities::parse` on any reply, every strictness.
///
/// No panic; errors point at a character of the reply; a parsed reply has a domain, keywords in
/// upper case, and no CR, LF, NUL or space inside a keyword or parameter; what Strict reads,
/// Standard and Lenient read equally.
pub fn ehlo(data: &[u8]) {
    let input = text(data);
    let mut read = Vec::new();
    for strictness in STRICTNESSES {
        match Capabilities::parse(&input, strictness) {
            Err(e) => {
                check_offset(&input, &e);
                read.push(None);
            }
            Ok(caps) => {
                assert!(!caps.domain().is_empty());
                let texts = std::iter::once(caps.domain()).chain(caps.greeting());
                for text in texts {
                    assert!(!text.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0)), "{text:?}");
                }
                for extension in caps.extensions() {
                    let keyword = extension.keyword();
                    assert!(!keyword.is_empty() && !keyword.bytes().any(|b| b.is_ascii_lowercase()));
                    for word in std::iter::once(keyword).chain(extension.params()) {
                        assert!(word.bytes().all(|b| (33..=126).contains(&b)), "{word:?}");
                    }
                }
                read.push(Some(caps));
            }
        }
    }
    stricter_accepts_less(&input, &read);
}

// ----- target `xtext` -----

/// Target `xtext`: xtext and unitext decoding never panic and point at the input; encoding any
/// text and decoding it gives the text back.
pub fn xtext(data: &[u8]) {
    let input = text(data);
    for strictness in STRICTNESSES {
        match xtext::decode(&input, strictness) {
            Ok(decoded) => assert_eq!(
                xtext::decode(&xtext::encode(&decoded), Strictness::Strict).as_ref(),
                Ok(&decoded)
            ),
            Err(e) => check_offset(&input, &e),
        }
    }
    match xtext::decode_unitext(&input) {
        Ok(decoded) => {
            let encoded = xtext::encode_unitext(&decoded, true).expect("decoded unitext encodes");
            assert_eq!(xtext::decode_unitext(&encoded).as_ref(), Ok(&decoded));
        }
        Err(e) => check_offset(&input, &e),
    }
    let encoded = xtext::encode(&input);
    assert!(
        encoded.bytes().all(|b| (33..=126).contains(&b) && b != b'='),
        "{encoded:?}"
    );
    assert_eq!(xtext::decode(&encoded, Strictness::Strict).as_deref(), Ok(&*input));
    assert_eq!(XText::parse(&encoded, Strictness::Strict), Ok(XText::encode(&input)));
    for ascii_only in [true, false] {
        match xtext::encode_unitext(&input, ascii_only) {
            Ok(encoded) => {
                assert!(!ascii_only || encoded.is_ascii());
                assert_eq!(xtext::decode_unitext(&encoded).as_deref(), Ok(&*input));
            }
            Err(e) => check_offset(&input, &e),
        }
    }
}

// ----- target `roundtrip_command` -----

/// The pieces of the fuzzer's bytes: split at 0xFF (never in UTF-8), each read as text.
fn pieces(data: &[u8]) -> Vec<String> {
    data.split(|&b| b == 0xFF).map(|p| text(p).into_owned()).collect()
}

/// A parameter built from `piece` through the public constructors; its first character picks
/// the kind, the rest is the raw material.
fn param(piece: &str) -> Option<EsmtpParam<'static>> {
    let mut chars = piece.chars();
    let kind = chars.next()?;
    let rest = chars.as_str();
    let number = rest
        .bytes()
        .fold(0u64, |n, b| n.wrapping_mul(257).wrapping_add(u64::from(b)));
    Some(match u32::from(kind) % 12 {
        0 => EsmtpParam::Size(number),
        1 => EsmtpParam::Body([Body::SevenBit, Body::EightBitMime, Body::BinaryMime][(number % 3) as usize]),
        2 => EsmtpParam::Ret(if number % 2 == 0 { Ret::Full } else { Ret::Hdrs }),
        3 => EsmtpParam::EnvId(XText::encode(rest)),
        4 => EsmtpParam::Notify(if number % 8 == 0 {
            Notify::Never
        } else {
            Notify::On {
                success: number & 1 != 0,
                failure: number & 2 != 0,
                delay: number & 4 != 0,
            }
        }),
        5 => EsmtpParam::Orcpt {
            addr_type: AddrType::RFC822,
            addr: Cow::Owned(rest.to_owned()),
        },
        6 => EsmtpParam::Orcpt {
            addr_type: AddrType::UTF8,
            addr: Cow::Owned(rest.to_owned()),
        },
        7 => {
            let (kind, addr) = rest.split_once(';')?;
            EsmtpParam::Orcpt {
                addr_type: AddrType::new(kind.to_owned()).ok()?,
                addr: Cow::Owned(addr.to_owned()),
            }
        }
        8 => EsmtpParam::Auth(Mailbox::parse(rest).ok().map(|m| Box::new(m.into_owned()))),
        9 => EsmtpParam::SmtpUtf8,
        10 => EsmtpParam::RequireTls,
        _ => {
            let (keyword, value) = match rest.split_once('=') {
                Some((k, v)) => (k, Some(EsmtpValue::new(v.to_owned()).ok()?)),
                None => (rest, None),
            };
            EsmtpParam::Other {
                keyword: EsmtpKeyword::new(keyword.to_owned()).ok()?,
                value,
            }
        }
    })
}

/// The errors `to_line` may give for a command built from checked parts: the length, and the
/// values that have no wire form.
fn built_error_allowed(error: &SmtpError) -> bool {
    matches!(
        error.kind(),
        SmtpErrorKind::LineTooLong
            | SmtpErrorKind::Empty
            | SmtpErrorKind::ExpectedNotifyValue
            | SmtpErrorKind::OrcptNotAscii
            | SmtpErrorKind::UnitextCharacter
            | SmtpErrorKind::Envelope(_)
    )
}

/// Target `roundtrip_command`: commands built from arbitrary text through the public
/// constructors (a mailbox, an addr-spec from a local part and a domain, parameters of every
/// kind) are valid lines that parse back (Strict) equal, whatever the text holds.
pub fn roundtrip_command(data: &[u8]) {
    let pieces = pieces(data);
    let piece = |i: usize| pieces.get(i).map_or("", String::as_str);
    let reverse = match Mailbox::parse(piece(0)) {
        Ok(mailbox) => mailbox.to_reverse_path().ok().map(ReversePath::into_owned),
        Err(_) => Some(ReversePath::Null),
    };
    let forward = AddrSpec::new(piece(1), piece(2))
        .ok()
        .map_or(ForwardPath::Postmaster, ForwardPath::Path);
    let params: Vec<EsmtpParam<'static>> = pieces.iter().skip(3).filter_map(|p| param(p)).collect();
    if let Some(reverse) = reverse {
        if let Ok(mut mail) = MailFrom::new(reverse) {
            for param in &params {
                let _ = mail.push_param(param.clone());
            }
            round_trip(&mail.into_owned(), built_error_allowed);
        }
    }
    if let Ok(mut rcpt) = RcptTo::new(forward) {
        for param in &params {
            let _ = rcpt.push_param(param.clone());
        }
        round_trip(&rcpt.into_owned(), built_error_allowed);
    }
}
