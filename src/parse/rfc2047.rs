//! RFC 2047 encoded-words: decoded where §5 (3) allows them (a word of a phrase), written for
//! display names that an ASCII-only header cannot carry.
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

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

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

/// Encodes bytes as base64 with padding.
fn b_encode(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let acc = chunk.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b)) << (8 * (3 - chunk.len()));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(BASE64[(acc >> (18 - 6 * k) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
}

/// The characters RFC 2047 §5 (3) lets stand for themselves in a "Q"-encoded word in a phrase.
fn is_q_literal(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'!' | b'*' | b'+' | b'-' | b'/')
}

/// Appends the "Q" form of `c` as RFC 2047 §5 (3) allows it in a phrase: letters, digits and
/// `! * + - /` as themselves, space as `_`, every other byte as `=XX`.
fn q_encode_char(c: char, out: &mut String) {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        match b {
            b if is_q_literal(b) => out.push(char::from(b)),
            b' ' => out.push('_'),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('=');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
}

/// The longest an encoded-word may be (RFC 2047 §2).
const MAX_WORD: usize = 75;
/// `=?utf-8?q?` plus `?=`.
const OVERHEAD: usize = 12;

/// Encodes `text` as UTF-8 encoded-words for a phrase, each at most 75 characters, split only
/// between characters, in Q or B, whichever is shorter in all. Decoding and joining the words
/// (RFC 2047 §6.2 drops the white space between them) gives `text` back.
pub(crate) fn encode_phrase(text: &str) -> Vec<String> {
    let q = encode_words(text, 'q');
    let b = encode_words(text, 'b');
    let total = |words: &[String]| words.iter().map(String::len).sum::<usize>();
    if total(&q) <= total(&b) {
        q
    } else {
        b
    }
}

fn encode_words(text: &str, encoding: char) -> Vec<String> {
    let budget = MAX_WORD - OVERHEAD;
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if i > start && payload_len(&text[start..i + c.len_utf8()], encoding) > budget {
            words.push(encode_word(&text[start..i], encoding));
            start = i;
        }
    }
    words.push(encode_word(&text[start..], encoding));
    words
}

/// The length of `s` once encoded (without the word's delimiters).
fn payload_len(s: &str, encoding: char) -> usize {
    match encoding {
        'q' => s
            .bytes()
            .map(|b| if is_q_literal(b) || b == b' ' { 1 } else { 3 })
            .sum(),
        _ => s.len().div_ceil(3) * 4,
    }
}

fn encode_word(chunk: &str, encoding: char) -> String {
    let mut word = String::with_capacity(MAX_WORD);
    word.push_str("=?utf-8?");
    word.push(encoding);
    word.push('?');
    match encoding {
        'q' => chunk.chars().for_each(|c| q_encode_char(c, &mut word)),
        _ => b_encode(chunk.as_bytes(), &mut word),
    }
    word.push_str("?=");
    word
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

    fn round_trip(s: &str) {
        let words = encode_phrase(s);
        let mut joined = String::new();
        for w in &words {
            assert!(w.len() <= MAX_WORD, "{w} is longer than 75");
            assert!(w.is_ascii() && !w.contains([' ', '\t']), "{w}");
            match decode_encoded_word(w) {
                Some(Decoded::Text(t)) => joined.push_str(&t),
                other => panic!("{w} decoded to {other:?}"),
            }
        }
        assert_eq!(joined, s);
    }

    #[test]
    fn encoding_round_trips_and_respects_the_word_limit() {
        for s in ["Jörg Doe", "服务显示名称", "a?b=c_d", "😀 emoji 😀", "x"] {
            round_trip(s);
        }
        round_trip(&"Grüße, 世界! ".repeat(25));
    }

    #[test]
    fn encoding_picks_the_shorter_of_q_and_b() {
        // Q: "J=C3=B6rg" (9) against B: "SsO2cmc=" (8).
        assert_eq!(encode_phrase("Jörg"), ["=?utf-8?b?SsO2cmc=?="]);
        assert_eq!(
            encode_phrase("André Lefèvre-Dupont"),
            ["=?utf-8?q?Andr=C3=A9_Lef=C3=A8vre-Dupont?="]
        );
        assert_eq!(encode_phrase("服务显示名称"), ["=?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?="]);
    }
}
