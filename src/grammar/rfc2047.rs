//! RFC 2047 encoded-words, decoded where §5 (3) allows them: a word of a phrase. Writing them is
//! the renderer's part.
//!
//! Charsets: UTF-8, US-ASCII and ISO-8859-1 are decoded here. Every other label goes through
//! `encoding_rs` (feature `charsets`), which follows the WHATWG Encoding Standard's label mapping:
//! a label means there what browsers make it mean (`iso-8859-1` would be windows-1252 there, which
//! is why this module decodes ISO-8859-1 itself, byte for code point). A word in a charset this
//! build cannot decode, or whose text is malformed, is kept as written and reported.

use alloc::string::String;
use alloc::vec::Vec;

/// What decoding one encoded-word gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decoded {
    /// The decoded text.
    Text(String),
    /// The charset is not one this build can decode.
    UnknownCharset,
    /// The encoding is unknown, the encoded text is malformed, the bytes are not valid in the
    /// charset, or the text decodes to CR, LF or NUL (which no output may carry).
    Undecodable,
}

// ----- 2. Syntax of encoded-words -----

/// `especials` of RFC 2047 §2, which a `token` may not hold.
fn is_especial(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'@' | b',' | b';' | b':' | b'\\' | b'"' | b'/' | b'[' | b']' | b'?' | b'.' | b'='
    )
}

/// Whether `s` is a `token`.
///
/// ```abnf
/// token = 1*<Any CHAR except SPACE, CTLs, and especials>   ; RFC 2047 §2
/// ```
fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| (33..127).contains(&b) && !is_especial(b))
}

/// Whether `s` is an `encoded-text`.
///
/// ```abnf
/// encoded-text = 1*<Any printable ASCII character other than "?" or SPACE>   ; RFC 2047 §2
/// ```
fn is_encoded_text(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| (33..127).contains(&b) && b != b'?')
}

/// Splits an encoded-word into charset (without an RFC 2231 `*language`), encoding and text.
///
/// ```abnf
/// encoded-word = "=?" charset "?" encoding "?" encoded-text "?="   ; RFC 2047 §2
/// charset      = token
/// encoding     = token
/// charset     /= charset "*" language                              ; RFC 2231 §5
/// ```
fn encoded_word(word: &str) -> Option<(&str, &str, &str)> {
    let inner = word.strip_prefix("=?")?.strip_suffix("?=")?;
    // A byte scan for each '?' (every byte of a valid word is ASCII, so each cut is a boundary).
    let question = |s: &str| s.bytes().position(|b| b == b'?');
    let first = question(inner)?;
    let (charset, rest) = (&inner[..first], &inner[first + 1..]);
    let second = question(rest)?;
    let (encoding, text) = (&rest[..second], &rest[second + 1..]);
    if !(is_token(charset) && is_token(encoding) && is_encoded_text(text)) {
        return None;
    }
    let language = charset.bytes().position(|b| b == b'*');
    Some((language.map_or(charset, |star| &charset[..star]), encoding, text))
}

/// If `word` is an encoded-word, decodes it; `None` if it is not one (then it is an atom).
pub(crate) fn decode_encoded_word(word: &str) -> Option<Decoded> {
    let (charset, encoding, text) = encoded_word(word)?;
    let bytes = if encoding.eq_ignore_ascii_case("b") {
        b_decode(text)
    } else if encoding.eq_ignore_ascii_case("q") {
        q_decode(text)
    } else {
        None
    };
    let Some(bytes) = bytes else {
        return Some(Decoded::Undecodable);
    };
    Some(match decode_charset(charset, bytes) {
        Charset::Text(text) if text.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0)) => Decoded::Undecodable,
        Charset::Text(text) => Decoded::Text(text),
        Charset::Malformed => Decoded::Undecodable,
        Charset::Unknown => Decoded::UnknownCharset,
    })
}

// ----- 4. Encodings -----

fn base64_value(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Decodes the "B" encoding (RFC 2047 §4.1: base64 of RFC 2045 §6.8). Padding may be left off;
/// anything else that is not base64 makes the word undecodable.
fn b_decode(text: &str) -> Option<Vec<u8>> {
    let data = text.trim_end_matches('=');
    if text.len() - data.len() > 2 || data.len() % 4 == 1 || (text.len() != data.len() && !text.len().is_multiple_of(4))
    {
        return None;
    }
    let mut out = Vec::with_capacity(data.len() * 3 / 4);
    for chunk in data.as_bytes().chunks(4) {
        let mut acc = 0u32;
        for &b in chunk {
            acc = acc << 6 | u32::from(base64_value(b)?);
        }
        acc <<= 6 * (4 - chunk.len());
        let [_, b1, b2, b3] = acc.to_be_bytes();
        out.extend_from_slice(&[b1, b2, b3][..chunk.len() - 1]);
    }
    Some(out)
}

/// Decodes the "Q" encoding (RFC 2047 §4.2): `_` is a space, `=XX` a byte in hex (either case),
/// other printable characters stand for themselves.
fn q_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'_' => out.push(b' '),
            b'=' => {
                let hex = text.get(i + 1..i + 3)?;
                out.push(
                    u8::from_str_radix(hex, 16)
                        .ok()
                        .filter(|_| hex.bytes().all(|b| b.is_ascii_hexdigit()))?,
                );
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    Some(out)
}

// ----- charsets -----

enum Charset {
    Text(String),
    Malformed,
    Unknown,
}

/// Decodes bytes in the named charset (labels compare case-insensitively). UTF-8 and US-ASCII
/// text keeps the bytes' buffer.
fn decode_charset(label: &str, bytes: Vec<u8>) -> Charset {
    let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(label));
    if is(&["utf-8", "utf8"]) {
        return String::from_utf8(bytes).map_or(Charset::Malformed, Charset::Text);
    }
    if is(&["us-ascii", "ascii"]) {
        return match String::from_utf8(bytes) {
            Ok(s) if s.is_ascii() => Charset::Text(s),
            _ => Charset::Malformed,
        };
    }
    if is(&["iso-8859-1", "iso_8859-1", "iso8859-1", "latin1", "l1"]) {
        // Each byte is a code point: one UTF-8 byte below 0x80, two from there.
        let mut text = String::with_capacity(bytes.len() + bytes.iter().filter(|&&b| b >= 0x80).count());
        text.extend(bytes.iter().map(|&b| char::from(b)));
        return Charset::Text(text);
    }
    decode_other(label, &bytes)
}

#[cfg(feature = "charsets")]
fn decode_other(label: &str, bytes: &[u8]) -> Charset {
    match encoding_rs::Encoding::for_label(label.as_bytes()) {
        Some(encoding) => encoding
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map_or(Charset::Malformed, |text| Charset::Text(text.into_owned())),
        None => Charset::Unknown,
    }
}

#[cfg(not(feature = "charsets"))]
fn decode_other(_label: &str, _bytes: &[u8]) -> Charset {
    Charset::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(word: &str) -> Option<Decoded> {
        decode_encoded_word(word)
    }

    #[allow(clippy::unnecessary_wraps)] // compared with `text`, which returns an Option
    fn ok(s: &str) -> Option<Decoded> {
        Some(Decoded::Text(s.into()))
    }

    #[test]
    fn encoded_word_splits_charset_encoding_and_text() {
        assert_eq!(encoded_word("=?utf-8?q?abc?="), Some(("utf-8", "q", "abc")));
        assert_eq!(encoded_word("=?US-ASCII*EN?Q?a?="), Some(("US-ASCII", "Q", "a")));
        assert_eq!(encoded_word("=?utf-8?q?abc"), None);
        assert_eq!(encoded_word("=?utf-8?q?a b?="), None);
        assert_eq!(encoded_word("=?utf 8?q?ab?="), None);
        assert_eq!(encoded_word("=?utf-8?q??="), None);
        assert_eq!(encoded_word("hello"), None);
    }

    #[test]
    fn decodes_q_and_b_in_the_builtin_charsets() {
        assert_eq!(text("=?utf-8?q?J=C3=b6rg?="), ok("Jörg"));
        assert_eq!(text("=?UTF-8?B?SsO2cmc=?="), ok("Jörg"));
        assert_eq!(text("=?utf-8?b?SsO2cmc?="), ok("Jörg"));
        assert_eq!(text("=?ISO-8859-1?Q?Andr=E9?="), ok("André"));
        assert_eq!(text("=?US-ASCII*EN?Q?Keith_Moore?="), ok("Keith Moore"));
        assert_eq!(text("=?us-ascii?q?=E9?="), Some(Decoded::Undecodable));
    }

    #[test]
    fn malformed_words_are_undecodable() {
        assert_eq!(text("=?utf-8?b?S?="), Some(Decoded::Undecodable));
        assert_eq!(text("=?utf-8?b?SsO2c!mc=?="), Some(Decoded::Undecodable));
        assert_eq!(text("=?utf-8?b?SsO2cmc===?="), Some(Decoded::Undecodable));
        assert_eq!(text("=?utf-8?q?=C3?="), Some(Decoded::Undecodable));
        assert_eq!(text("=?utf-8?q?a=0D=0Ab?="), Some(Decoded::Undecodable));
        assert_eq!(text("=?utf-8?q?a=00?="), Some(Decoded::Undecodable));
        assert_eq!(text("=?utf-8?q?a=4?="), Some(Decoded::Undecodable));
        assert_eq!(text("=?utf-8?x?abc?="), Some(Decoded::Undecodable));
    }

    #[test]
    fn unknown_charsets_are_reported() {
        assert_eq!(text("=?x-unknown?q?a?="), Some(Decoded::UnknownCharset));
    }

    #[cfg(feature = "charsets")]
    #[test]
    fn other_charsets_go_through_the_whatwg_labels() {
        assert_eq!(text("=?iso-8859-2?q?=B1?="), ok("ą"));
        assert_eq!(text("=?windows-1252?q?=80?="), ok("€"));
        assert_eq!(text("=?shift_jis?b?g2WDWINn?="), ok("テスト"));
        assert_eq!(text("=?shift_jis?q?=82?="), Some(Decoded::Undecodable));
    }
}
