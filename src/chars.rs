//! Character classes as lookup tables, each with its ABNF.
//!
//! The tables are indexed by byte. Every byte `>= 0x80` counts as `UTF8-non-ascii` (RFC 6532 §3.2):
//! the input is a `&str`, so such bytes always come as whole, well-formed UTF-8 sequences, and a
//! run of them ends only at an ASCII byte, which is a character boundary.

const ATEXT: u8 = 1;
const CTEXT: u8 = 2;
const QTEXT: u8 = 4;
const DTEXT: u8 = 8;
const OBS_CTL: u8 = 16;
const LDH: u8 = 32;
const LABEL: u8 = 64;
const ASCII_ATEXT: u8 = 128;

const fn build() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        #[allow(clippy::cast_possible_truncation)] // b < 256
        let c = b as u8;
        let mut v = 0;
        // atext = ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "/" /
        //         "=" / "?" / "^" / "_" / "`" / "{" / "|" / "}" / "~"      ; RFC 5322 §3.2.3
        //       =/ UTF8-non-ascii                                          ; RFC 6532 §3.2
        if c.is_ascii_alphanumeric() || c >= 0x80 {
            v |= ATEXT;
        }
        match c {
            b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'/' | b'=' | b'?' | b'^' | b'_' | b'`'
            | b'{' | b'|' | b'}' | b'~' => v |= ATEXT,
            _ => {}
        }
        // ctext = %d33-39 / %d42-91 / %d93-126 / obs-ctext / UTF8-non-ascii   ; §3.2.2
        if (c >= 33 && c <= 39) || (c >= 42 && c <= 91) || (c >= 93 && c <= 126) || c >= 0x80 {
            v |= CTEXT;
        }
        // qtext = %d33 / %d35-91 / %d93-126 / obs-qtext / UTF8-non-ascii       ; §3.2.4
        if c == 33 || (c >= 35 && c <= 91) || (c >= 93 && c <= 126) || c >= 0x80 {
            v |= QTEXT;
        }
        // dtext = %d33-90 / %d94-126 / obs-dtext / UTF8-non-ascii              ; §3.4.1
        if (c >= 33 && c <= 90) || (c >= 94 && c <= 126) || c >= 0x80 {
            v |= DTEXT;
        }
        // obs-NO-WS-CTL = %d1-8 / %d11 / %d12 / %d14-31 / %d127                ; §4.1
        if (c >= 1 && c <= 8) || c == 11 || c == 12 || (c >= 14 && c <= 31) || c == 127 {
            v |= OBS_CTL;
        }
        // Let-dig = ALPHA / DIGIT; Ldh-str = *( ALPHA / DIGIT / "-" ) Let-dig  ; RFC 5321 §4.1.2
        if c.is_ascii_alphanumeric() || c == b'-' {
            v |= LDH;
        }
        // The bytes of a sub-domain = Let-dig [Ldh-str] / U-label        ; RFC 5321 §4.1.2, RFC 6531 §3.3
        if v & LDH != 0 || c >= 0x80 {
            v |= LABEL;
        }
        // atext without UTF8-non-ascii                                     ; RFC 5322 §3.2.3
        if v & ATEXT != 0 && c < 0x80 {
            v |= ASCII_ATEXT;
        }
        t[b] = v;
        b += 1;
    }
    t
}

static TABLE: [u8; 256] = build();

/// A character class of the table, for code that takes the class as a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Class(u8);

/// `qtext` as [`is_qtext`] has it.
pub(crate) const QTEXT_CLASS: Class = Class(QTEXT);
/// `dtext` without `obs-dtext` (RFC 5322 §3.4.1), extended by `UTF8-non-ascii`.
pub(crate) const DTEXT_CLASS: Class = Class(DTEXT);

impl Class {
    /// Whether `b` is in the class.
    #[inline]
    pub(crate) fn contains(self, b: u8) -> bool {
        TABLE[b as usize] & self.0 != 0
    }
}

/// `atext` (RFC 5322 §3.2.3) extended by `UTF8-non-ascii` (RFC 6532 §3.2).
#[inline]
pub(crate) fn is_atext(b: u8) -> bool {
    TABLE[b as usize] & ATEXT != 0
}

/// `atext` as RFC 5322 §3.2.3 has it: without `UTF8-non-ascii`.
#[inline]
pub(crate) fn is_ascii_atext(b: u8) -> bool {
    TABLE[b as usize] & ASCII_ATEXT != 0
}

/// `ctext` without `obs-ctext` (RFC 5322 §3.2.2), extended by `UTF8-non-ascii`.
#[inline]
pub(crate) fn is_ctext(b: u8) -> bool {
    TABLE[b as usize] & CTEXT != 0
}

/// `qtext` without `obs-qtext` (RFC 5322 §3.2.4), extended by `UTF8-non-ascii`.
#[inline]
pub(crate) fn is_qtext(b: u8) -> bool {
    TABLE[b as usize] & QTEXT != 0
}

/// `obs-NO-WS-CTL = %d1-8 / %d11 / %d12 / %d14-31 / %d127` (RFC 5322 §4.1).
#[inline]
pub(crate) fn is_obs_no_ws_ctl(b: u8) -> bool {
    TABLE[b as usize] & OBS_CTL != 0
}

/// `WSP = SP / HTAB` (RFC 5234 Appendix B.1).
#[inline]
pub(crate) fn is_wsp(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// `ALPHA / DIGIT / "-"`, the characters of an RFC 5321 `sub-domain` (§4.1.2).
#[inline]
pub(crate) fn is_ldh(b: u8) -> bool {
    TABLE[b as usize] & LDH != 0
}

/// `ALPHA / DIGIT / "-" / UTF8-non-ascii`: a byte that may stand in an RFC 5321 `sub-domain`
/// (§4.1.2) that may be a U-label (RFC 6531 §3.3).
#[inline]
pub(crate) fn is_label_byte(b: u8) -> bool {
    TABLE[b as usize] & LABEL != 0
}

/// The number of leading bytes of `s` in a class: the length of the run that starts it.
#[inline]
pub(crate) fn span(s: &(impl AsRef<[u8]> + ?Sized), class: impl Fn(u8) -> bool) -> usize {
    let b = s.as_ref();
    b.iter().position(|&c| !class(c)).unwrap_or(b.len())
}

/// The length of the run of a class that starts `b`, read as a run of its ASCII bytes (`ascii`)
/// for as long as there is no other byte; and whether the run holds a byte that is not ASCII.
#[inline]
pub(crate) fn span_ascii_first(b: &[u8], ascii: impl Fn(u8) -> bool, class: impl Fn(u8) -> bool) -> (usize, bool) {
    let len = span(b, ascii);
    match b.get(len) {
        Some(&c) if c >= 0x80 => (len + span(&b[len..], class), true),
        _ => (len, false),
    }
}

/// Whether `s` is a non-empty run of `atext`.
pub(crate) fn is_atom_text(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_atext)
}

/// Whether `s` is an RFC 5322 `dot-atom-text` (= an RFC 5321 `Dot-string` with RFC 6531 UTF-8).
///
/// ```abnf
/// dot-atom-text = 1*atext *("." 1*atext)   ; RFC 5322 §3.2.3
/// ```
pub(crate) fn is_dot_atom_text(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        let atom = b[i..].iter().position(|&c| !is_atext(c)).unwrap_or(b.len() - i);
        if atom == 0 {
            return false;
        }
        i += atom;
        match b.get(i) {
            None => return true,
            Some(b'.') => i += 1,
            Some(_) => return false,
        }
    }
}

/// The base64 alphabet (RFC 2045 §6.8, Table 1), which RFC 2047's "B" encoding uses (§4.1).
pub(crate) const BASE64_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Whether a minimal quoted-string escapes `b` as a quoted-pair: only `"` and `\` (RFC 5321
/// §4.1.2, `qtextSMTP` holds every other printable character).
#[inline]
pub(crate) fn is_quoted_pair_escape(b: u8) -> bool {
    matches!(b, b'"' | b'\\')
}

/// The length of `value` written as a quoted-string with minimal escapes.
pub(crate) fn quoted_len(value: &str) -> usize {
    value.len() + 2 + value.bytes().filter(|&b| is_quoted_pair_escape(b)).count()
}

/// Whether `s` holds a character of general category Cc, C0 or C1 (U+0000 to U+001F, U+007F to
/// U+009F): `s.chars().any(char::is_control)`, read as bytes (a C1 control is `C2 80` to `C2 9F`).
pub(crate) fn has_unicode_control(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().any(|&c| c < 0x20 || c == 0x7f) || (!s.is_ascii() && has_c1_control(b))
}

/// Whether the UTF-8 in `b` holds a C1 control (U+0080 to U+009F): the two-byte sequences
/// `C2 80` to `C2 9F`.
#[inline]
pub(crate) fn has_c1_control(b: &[u8]) -> bool {
    b.windows(2).any(|w| w[0] == 0xC2 && w[1] < 0xA0)
}

/// Whether `s` holds an ASCII control other than HTAB: `obs-NO-WS-CTL`, CR, LF or NUL, none of
/// which a header may carry.
pub(crate) fn has_ascii_control_but_tab(s: &str) -> bool {
    s.bytes()
        .any(|b| is_obs_no_ws_ctl(b) || b == 0 || b == b'\r' || b == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;
    use alloc::vec::Vec;

    #[test]
    fn atext_matches_the_abnf() {
        let ascii: String = (0u8..128).filter(|&b| is_atext(b)).map(char::from).collect();
        assert_eq!(
            ascii,
            "!#$%&'*+-/0123456789=?ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~"
        );
        assert!(is_atext(0xC3));
    }

    #[test]
    fn text_classes_exclude_their_delimiters() {
        assert!(!is_ctext(b'(') && !is_ctext(b')') && !is_ctext(b'\\') && is_ctext(b'"'));
        assert!(!is_qtext(b'"') && !is_qtext(b'\\') && !is_qtext(b' ') && is_qtext(b'('));
        assert!(
            !DTEXT_CLASS.contains(b'[')
                && !DTEXT_CLASS.contains(b']')
                && !DTEXT_CLASS.contains(b'\\')
                && DTEXT_CLASS.contains(b':')
        );
    }

    #[test]
    fn obs_no_ws_ctl_excludes_tab_cr_lf_and_nul() {
        let ctl: Vec<u8> = (0u8..=255).filter(|&b| is_obs_no_ws_ctl(b)).collect();
        assert_eq!(ctl.len(), 8 + 2 + 18 + 1);
        assert!(!is_obs_no_ws_ctl(0) && !is_obs_no_ws_ctl(9) && !is_obs_no_ws_ctl(10) && !is_obs_no_ws_ctl(13));
    }

    #[test]
    fn label_bytes_are_ldh_or_utf8() {
        for b in 0u8..=255 {
            assert_eq!(is_label_byte(b), is_ldh(b) || b >= 0x80, "{b:#x}");
            assert_eq!(is_ascii_atext(b), is_atext(b) && b.is_ascii(), "{b:#x}");
        }
    }

    #[test]
    fn has_unicode_control_is_char_is_control() {
        for c in (0..0x300)
            .filter_map(char::from_u32)
            .chain(['\u{2028}', '\u{feff}', '\u{10ffff}'])
        {
            for s in [alloc::format!("{c}"), alloc::format!("aé{c}ü")] {
                assert_eq!(has_unicode_control(&s), s.chars().any(char::is_control), "{s:?}");
            }
        }
    }

    #[test]
    fn dot_atom_text_rejects_empty_atoms() {
        assert!(is_dot_atom_text("a.b") && is_dot_atom_text("ü"));
        assert!(!is_dot_atom_text(".a") && !is_dot_atom_text("a.") && !is_dot_atom_text("a..b"));
        assert!(!is_dot_atom_text("") && !is_dot_atom_text("a b"));
    }
}
