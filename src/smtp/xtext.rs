//! xtext (RFC 3461 §4) and the utf-8-addr-xtext / utf-8-addr-unitext forms of RFC 6533 §3.
//!
//! ```text
//! xtext   = *( xchar / hexchar )                                   ; RFC 3461 §4
//! xchar   = any ASCII CHAR between "!" (33) and "~" (126) inclusive, except for "+" and "="
//! hexchar = ASCII "+" immediately followed by two upper case hexadecimal digits
//!
//! utf-8-addr-xtext    = 1*(QCHAR / EmbeddedUnicodeChar)             ; RFC 6533 §3
//! utf-8-addr-unitext  = 1*(QUCHAR / EmbeddedUnicodeChar)
//! QCHAR               = %x21-2a / %x2c-3c / %x3e-5b / %x5d-7e
//! QUCHAR              = QCHAR / UTF8-2 / UTF8-3 / UTF8-4
//! EmbeddedUnicodeChar = %x5C.78 "{" HEXPOINT "}"
//! HEXPOINT            = ( ( "0"/"1" ) %x31-39 ) / "10" / "20" / "2B" / "3D" / "7F" / "5C"
//!                     / (HEXDIG8 HEXDIG) / ( NZHEXDIG 2(HEXDIG) ) / ( NZDHEXDIG 3(HEXDIG) )
//!                     / ( "D" %x30-37 2(HEXDIG) ) / ( NZHEXDIG 4(HEXDIG) ) / ( "10" 4*HEXDIG )
//! ```
//!
//! xtext encodes octets: the crate encodes the UTF-8 of a string and decodes back to UTF-8, so
//! `+C3+A9` is one character, `é`, and octets that are not UTF-8 are an error rather than a guess.

use alloc::string::String;
use core::fmt;

use super::{SmtpError, SmtpErrorKind};
use crate::Strictness;

const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Whether `byte` is an RFC 3461 `xchar`, written as itself in xtext.
const fn is_xchar(byte: u8) -> bool {
    matches!(byte, b'!'..=b'~') && byte != b'+' && byte != b'='
}

/// Whether `byte` is an RFC 6533 `QCHAR`: printable ASCII except SP, `+`, `\` and `=`.
const fn is_qchar(byte: u8) -> bool {
    matches!(byte, 0x21..=0x2a | 0x2c..=0x3c | 0x3e..=0x5b | 0x5d..=0x7e)
}

/// The value of an ASCII hexadecimal digit of either case, and whether it was upper case (or a
/// decimal digit).
const fn hex_digit(byte: u8) -> Option<(u8, bool)> {
    match byte {
        b'0'..=b'9' => Some((byte - b'0', true)),
        b'A'..=b'F' => Some((byte - b'A' + 10, true)),
        b'a'..=b'f' => Some((byte - b'a' + 10, false)),
        _ => None,
    }
}

/// Encodes the UTF-8 octets of `text` as xtext: every `xchar` as itself, every other octet as
/// `+XX` with upper-case hexadecimal digits.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::xtext;
///
/// assert_eq!(xtext::encode("a+b=c d"), "a+2Bb+3Dc+20d");
/// assert_eq!(xtext::encode("é"), "+C3+A9");
/// ```
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if is_xchar(byte) {
            out.push(char::from(byte));
        } else {
            out.push('+');
            out.push(char::from(UPPER_HEX[usize::from(byte >> 4)]));
            out.push(char::from(UPPER_HEX[usize::from(byte & 0xF)]));
        }
    }
    out
}

/// Decodes xtext into the text its octets spell in UTF-8.
///
/// Lower-case hexadecimal digits after `+` (which RFC 3461 §4 does not allow) are an error in
/// [`Strictness::Strict`] and accepted otherwise; a `+` without two hexadecimal digits, a
/// character outside `!`..`~`, `=`, and octets that are not UTF-8 are errors at every
/// strictness, because no reading of them would be faithful.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::{xtext, SmtpErrorKind};
/// use mail_envelope::Strictness;
///
/// assert_eq!(xtext::decode("+C3+A9t+C3+A9", Strictness::Strict).unwrap(), "été");
/// assert_eq!(xtext::decode("a+2", Strictness::Lenient).unwrap_err().kind(), SmtpErrorKind::XtextTruncatedEscape);
/// ```
pub fn decode(xtext: &str, strictness: Strictness) -> Result<String, SmtpError> {
    let bytes = xtext.as_bytes();
    let mut octets = alloc::vec::Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if is_xchar(byte) {
            octets.push(byte);
            at += 1;
        } else if byte == b'+' {
            let digits = (
                bytes.get(at + 1).copied().and_then(hex_digit),
                bytes.get(at + 2).copied().and_then(hex_digit),
            );
            let (Some((high, high_upper)), Some((low, low_upper))) = digits else {
                return Err(SmtpError::at(SmtpErrorKind::XtextTruncatedEscape, at));
            };
            if strictness == Strictness::Strict && !(high_upper && low_upper) {
                return Err(SmtpError::at(SmtpErrorKind::XtextLowercaseHex, at));
            }
            octets.push(high << 4 | low);
            at += 3;
        } else {
            return Err(SmtpError::at(SmtpErrorKind::XtextCharacter, at));
        }
    }
    String::from_utf8(octets).map_err(|err| {
        // The offset of the escape (or character) that starts the octet which breaks the UTF-8.
        let bad_octet = err.utf8_error().valid_up_to();
        SmtpError::at(SmtpErrorKind::XtextNotUtf8, wire_offset_of_octet(bytes, bad_octet))
    })
}

/// The offset in `xtext` of the character or escape that yields decoded octet number `octet`.
fn wire_offset_of_octet(xtext: &[u8], octet: usize) -> usize {
    let mut at = 0;
    for _ in 0..octet {
        at += if xtext[at] == b'+' { 3 } else { 1 };
    }
    at
}

/// A value checked or encoded as xtext (RFC 3461 §4), as it travels on the wire.
///
/// The only ways to make one are [`XText::encode`] and [`XText::parse`], so an `XText` never
/// holds a space, `=`, a control character or a broken escape.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::xtext::XText;
/// use mail_envelope::Strictness;
///
/// let id = XText::encode("QQ314159 été");
/// assert_eq!(id.as_str(), "QQ314159+20+C3+A9t+C3+A9");
/// assert_eq!(XText::parse(id.as_str(), Strictness::Strict).unwrap().decode(), "QQ314159 été");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct XText {
    wire: String,
    decoded: String,
}

impl XText {
    /// Encodes `text`.
    pub fn encode(text: &str) -> XText {
        XText {
            wire: encode(text),
            decoded: String::from(text),
        }
    }

    /// Checks and decodes xtext read from the wire (see [`decode`] for what each strictness
    /// accepts). The wire form is kept exactly as given.
    pub fn parse(wire: &str, strictness: Strictness) -> Result<XText, SmtpError> {
        let decoded = decode(wire, strictness)?;
        Ok(XText {
            wire: String::from(wire),
            decoded,
        })
    }

    /// The xtext as on the wire.
    pub fn as_str(&self) -> &str {
        &self.wire
    }

    /// The decoded text.
    pub fn decode(&self) -> &str {
        &self.decoded
    }
}

impl fmt::Display for XText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.wire)
    }
}

/// Encodes `text` as RFC 6533 utf-8-addr-xtext (`ascii_only`, safe without SMTPUTF8) or
/// utf-8-addr-unitext: every `QCHAR` as itself, `\x{HEXPOINT}` for SP, `+`, `\`, `=`, the
/// controls HEXPOINT can name and (in utf-8-addr-xtext) every non-ASCII character.
///
/// Fails with [`SmtpErrorKind::UnitextCharacter`] on a control character that HEXPOINT has no
/// form for (NUL, LF, `%x0A`-`%x0F`, `%x1A`-`%x1F`), and with [`SmtpErrorKind::Empty`] on empty
/// text (both forms need at least one character).
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::xtext;
///
/// assert_eq!(xtext::encode_unitext("用户@例子.广告", true).unwrap(), "\\x{7528}\\x{6237}@\\x{4F8B}\\x{5B50}.\\x{5E7F}\\x{544A}");
/// assert_eq!(xtext::encode_unitext("a+b@例子", false).unwrap(), "a\\x{2B}b@例子");
/// ```
pub fn encode_unitext(text: &str, ascii_only: bool) -> Result<String, SmtpError> {
    use core::fmt::Write as _;
    if text.is_empty() {
        return Err(SmtpError::new(SmtpErrorKind::Empty));
    }
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let code = u32::from(c);
        if u8::try_from(code).is_ok_and(is_qchar) || code >= 0x80 && !ascii_only {
            out.push(c);
        } else if code >= 0x80 || hexpoint_allows(code) {
            let width = match code {
                0..=0xFF => 2,
                0x100..=0xFFF => 3,
                0x1000..=0xFFFF => 4,
                0x1_0000..=0xF_FFFF => 5,
                _ => 6,
            };
            // Writing to a String cannot fail.
            let _ = write!(out, "\\x{{{code:0width$X}}}");
        } else {
            return Err(SmtpError::at(SmtpErrorKind::UnitextCharacter, at));
        }
    }
    Ok(out)
}

/// Whether HEXPOINT has a two-digit form for the ASCII `code`.
fn hexpoint_allows(code: u32) -> bool {
    matches!(code, 0x01..=0x09 | 0x10..=0x19 | 0x20 | 0x2B | 0x3D | 0x5C | 0x7F)
}

/// Decodes RFC 6533 utf-8-addr-xtext or utf-8-addr-unitext (either: the first is a subset of
/// the second) into text.
///
/// `\x{…}` must hold a HEXPOINT exactly as RFC 6533 §3 writes it: the shortest form (two to six
/// digits, no leading zero past two), never a surrogate, and for ASCII only the characters that
/// must be escaped. Hexadecimal digits of either case are accepted (ABNF strings are
/// case-insensitive).
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::{xtext, SmtpErrorKind};
///
/// assert_eq!(xtext::decode_unitext("\\x{7528}\\x{6237}@x.example").unwrap(), "用户@x.example");
/// assert_eq!(xtext::decode_unitext("\\x{41}").unwrap_err().kind(), SmtpErrorKind::UnitextEscape);
/// ```
pub fn decode_unitext(text: &str) -> Result<String, SmtpError> {
    if text.is_empty() {
        return Err(SmtpError::at(SmtpErrorKind::Empty, 0));
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte == b'\\' {
            let (c, len) = embedded_char(&bytes[at..]).ok_or(SmtpError::at(SmtpErrorKind::UnitextEscape, at))?;
            out.push(c);
            at += len;
        } else if byte >= 0x80 {
            // `text` is a str: the character is whole UTF-8 (QUCHAR's UTF8-2 / UTF8-3 / UTF8-4).
            let c = text[at..].chars().next().unwrap_or_default();
            out.push(c);
            at += c.len_utf8();
        } else if is_qchar(byte) {
            out.push(char::from(byte));
            at += 1;
        } else {
            return Err(SmtpError::at(SmtpErrorKind::UnitextCharacter, at));
        }
    }
    Ok(out)
}

/// Reads `\x{HEXPOINT}` at the start of `bytes`: the character and the escape's length.
fn embedded_char(bytes: &[u8]) -> Option<(char, usize)> {
    let digits_start = 3;
    if !bytes.starts_with(b"\\x{") {
        return None;
    }
    let digits_len = bytes[digits_start..].iter().position(|&b| b == b'}')?;
    let digits = &bytes[digits_start..digits_start + digits_len];
    if !(2..=6).contains(&digits.len()) || (digits.len() > 2 && digits[0] == b'0') {
        return None;
    }
    let mut code = 0u32;
    for &digit in digits {
        code = code << 4 | u32::from(hex_digit(digit)?.0);
    }
    let allowed = match digits.len() {
        2 => code >= 0x80 || hexpoint_allows(code),
        6 => (0x10_0000..=0x10_FFFF).contains(&code),
        _ => true,
    };
    let c = char::from_u32(code).filter(|_| allowed)?;
    Some((c, digits_start + digits_len + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_escapes_exactly_what_is_not_an_xchar() {
        assert_eq!(encode("!~"), "!~");
        assert_eq!(encode("+= \t\u{7f}"), "+2B+3D+20+09+7F");
        assert_eq!(encode(""), "");
    }

    #[test]
    fn decode_round_trips_every_byte_value_of_utf8() {
        let text: String = (0u32..0x300).filter_map(char::from_u32).collect();
        assert_eq!(decode(&encode(&text), Strictness::Strict).unwrap(), text);
    }

    #[test]
    fn decode_reads_utf8_as_utf8() {
        // smtp-proto read +C3+A9 as two characters, 'Ã' and '©'.
        assert_eq!(decode("+C3+A9", Strictness::Strict).unwrap(), "é");
        let err = decode("ab+C3", Strictness::Strict).unwrap_err();
        assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::XtextNotUtf8, Some(2)));
    }

    #[test]
    fn lower_case_hex_only_outside_strict() {
        let err = decode("x+c3+a9", Strictness::Strict).unwrap_err();
        assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::XtextLowercaseHex, Some(1)));
        assert_eq!(decode("x+c3+a9", Strictness::Standard).unwrap(), "xé");
    }

    #[test]
    fn refuses_truncated_escapes_and_forbidden_characters() {
        for (input, kind, offset) in [
            ("ab+", SmtpErrorKind::XtextTruncatedEscape, 2),
            ("ab+4", SmtpErrorKind::XtextTruncatedEscape, 2),
            ("+4G", SmtpErrorKind::XtextTruncatedEscape, 0),
            ("a=b", SmtpErrorKind::XtextCharacter, 1),
            ("a b", SmtpErrorKind::XtextCharacter, 1),
            ("a\r\nb", SmtpErrorKind::XtextCharacter, 1),
            ("é", SmtpErrorKind::XtextCharacter, 0),
        ] {
            for strictness in [Strictness::Strict, Strictness::Standard, Strictness::Lenient] {
                let err = decode(input, strictness).unwrap_err();
                assert_eq!((err.kind(), err.offset()), (kind, Some(offset)), "{input:?}");
            }
        }
    }

    #[test]
    fn unitext_escapes_specials_and_non_ascii() {
        assert_eq!(encode_unitext("a b\\c", true).unwrap(), "a\\x{20}b\\x{5C}c");
        assert_eq!(
            encode_unitext("\u{10FFFF}\u{10000}é", true).unwrap(),
            "\\x{10FFFF}\\x{10000}\\x{E9}"
        );
        assert_eq!(encode_unitext("ą", true).unwrap(), "\\x{105}");
        assert_eq!(
            encode_unitext("\n", true).unwrap_err().kind(),
            SmtpErrorKind::UnitextCharacter
        );
        assert_eq!(encode_unitext("", true).unwrap_err().kind(), SmtpErrorKind::Empty);
    }

    #[test]
    fn unitext_round_trips() {
        for text in ["用户@例子.广告", "a+b=c\\d e@x", "\u{1F600}@x", "é\u{7f}\t"] {
            for ascii_only in [true, false] {
                let encoded = encode_unitext(text, ascii_only).unwrap();
                assert!(!ascii_only || encoded.is_ascii());
                assert_eq!(decode_unitext(&encoded).unwrap(), text);
            }
        }
    }

    #[test]
    fn unitext_refuses_what_hexpoint_does_not_allow() {
        for bad in [
            "\\x{41}",
            "\\x{0E9}",
            "\\x{D800}",
            "\\x{110000}",
            "\\x{1}",
            "\\x{}",
            "\\x{E9",
            "\\xE9",
            "\\",
            "\\x{00}",
        ] {
            let err = decode_unitext(bad).unwrap_err();
            assert_eq!(
                (err.kind(), err.offset()),
                (SmtpErrorKind::UnitextEscape, Some(0)),
                "{bad:?}"
            );
        }
        assert_eq!(decode_unitext("\\x{e9}").unwrap(), "é");
        assert_eq!(
            decode_unitext("a b").unwrap_err().kind(),
            SmtpErrorKind::UnitextCharacter
        );
        assert_eq!(decode_unitext("a+b").unwrap_err().offset(), Some(1));
    }
}
