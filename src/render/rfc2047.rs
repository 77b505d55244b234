//! RFC 2047 encoded-words written for display names that an ASCII-only header cannot carry
//! (§5 (3): a word of a phrase), always in UTF-8, in Q or B, whichever is shorter.

use alloc::string::String;
use alloc::vec::Vec;

use crate::chars::BASE64_ALPHABET;

/// Encodes bytes as base64 with padding.
fn b_encode(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let acc = chunk.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b)) << (8 * (3 - chunk.len()));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(BASE64_ALPHABET[(acc >> (18 - 6 * k) & 63) as usize]));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::rfc2047::{decode_encoded_word, Decoded};

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
