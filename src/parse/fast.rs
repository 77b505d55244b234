//! The fast path: the shapes nearly every real input has, read in one pass over the bytes.
//!
//! `local@domain` and `Display Name <local@domain>` (or `"Display Name" <local@domain>`), where
//! the local part is a dot-atom, the domain a host name within every RFC 5321 limit, and there is
//! no comment, folding, quoted-pair or encoded-word. Everything this module accepts, the full
//! grammar accepts too, with the same value and the same findings; everything else (including
//! every error) is left to the grammar, which then reads the input from the start. The module
//! exists for speed alone: the unit tests at the bottom check it against the grammar.

use alloc::borrow::Cow;

use super::chars::{is_atext, is_ldh, is_qtext};
use crate::address::{AddrSpec, LocalPart, Mailbox};
use crate::diagnosis::{Diagnoses, Diagnosis};
use crate::domain::{Domain, DomainName};

/// RFC 5321 §4.5.3.1: local part 64, label 63, domain 255, path 256 octets.
const MAX_LOCAL: usize = 64;
const MAX_LABEL: usize = 63;
const MAX_DOMAIN: usize = 255;
const MAX_PATH: usize = 256;

/// Reads a plain addr-spec at the start of `s`: a dot-atom-text local part, `@`, and a host name
/// of LDH (or U-label) labels within the limits. Returns it and its length, or `None`.
///
/// ```abnf
/// addr-spec  = dot-atom-text "@" Domain      ; the RFC 5322 §3.4.1 / RFC 5321 §4.1.2 common ground
/// Domain     = sub-domain *("." sub-domain)
/// ```
pub(crate) fn addr_spec(s: &str, base: usize) -> Option<(AddrSpec<'_>, usize)> {
    let b = s.as_bytes();
    let at = dot_atom_end(b, 0)?;
    if b.get(at) != Some(&b'@') || at > MAX_LOCAL {
        return None;
    }
    let local = &s[..at];
    // A non-ASCII control (C1) is atext to RFC 6532 but no RFC 5321 path can carry it.
    if !local.is_ascii() && local.chars().any(char::is_control) {
        return None;
    }
    let (end, labels, tld_digit) = host_name_end(b, at + 1)?;
    if end - at - 1 > MAX_DOMAIN || end + 2 > MAX_PATH {
        return None;
    }
    let domain = &s[at + 1..end];
    let mut diagnoses = Diagnoses::new();
    if labels == 1 {
        diagnoses.insert(Diagnosis::Rfc5321Tld);
    }
    if tld_digit {
        diagnoses.insert(Diagnosis::Rfc5321TldNumeric);
    }
    let addr = AddrSpec {
        local_part: LocalPart {
            raw: Cow::Borrowed(local),
            value: Cow::Borrowed(local),
            offset: base,
        },
        domain: Domain::Name(DomainName {
            raw: Cow::Borrowed(domain),
            value: Cow::Borrowed(domain),
            offset: base + at + 1,
        }),
        diagnoses,
        envelope_error: None,
        canonical: Some(Cow::Borrowed(&s[..end])),
    };
    Some((addr, end))
}

/// The end of a dot-atom-text starting at `i`: `1*atext *("." 1*atext)` (RFC 5322 §3.2.3).
fn dot_atom_end(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        let start = i;
        while b.get(i).copied().is_some_and(is_atext) {
            i += 1;
        }
        if i == start {
            return None;
        }
        if b.get(i) != Some(&b'.') {
            return Some(i);
        }
        i += 1;
    }
}

/// The end of a host name starting at `i`, its label count, and whether its last label starts
/// with a digit. Labels are LDH or UTF-8 (U-labels, RFC 6531), 1 to 63 octets, with no hyphen at
/// either end.
fn host_name_end(b: &[u8], mut i: usize) -> Option<(usize, usize, bool)> {
    let mut labels = 0;
    loop {
        let start = i;
        while b.get(i).is_some_and(|&c| is_ldh(c) || c >= 0x80) {
            i += 1;
        }
        let len = i - start;
        if len == 0 || len > MAX_LABEL || b[start] == b'-' || b[i - 1] == b'-' {
            return None;
        }
        labels += 1;
        if b.get(i) != Some(&b'.') {
            return Some((i, labels, b[start].is_ascii_digit()));
        }
        i += 1;
    }
}

/// Reads a plain mailbox at the start of `s`: a plain addr-spec, or a display name of atoms
/// separated by single spaces (or a quoted-string without quoted-pairs) and a plain addr-spec in
/// angle brackets. Returns it and its length; only a mailbox followed by the end of input, `,`
/// or `;` counts (anything else may be CFWS the grammar must see).
pub(crate) fn mailbox(s: &str, base: usize) -> Option<(Mailbox<'_>, usize)> {
    let b = s.as_bytes();
    let (display_name, addr_spec, end) = if let Some(open) = display_name_end(b) {
        let (addr, len) = addr_spec(&s[open + 1..], base + open + 1)?;
        if b.get(open + 1 + len) != Some(&b'>') {
            return None;
        }
        (phrase_value(s, open), addr, open + len + 2)
    } else {
        let (addr, len) = addr_spec(s, base)?;
        (None, addr, len)
    };
    if !matches!(b.get(end), None | Some(b',' | b';')) {
        return None;
    }
    let diagnoses = addr_spec.diagnoses;
    Some((
        Mailbox {
            display_name,
            addr_spec,
            diagnoses,
        },
        end,
    ))
}

/// The display name's value: the text before `<` without the one space, unquoted.
fn phrase_value(s: &str, open: usize) -> Option<Cow<'_, str>> {
    let name = s[..open].strip_suffix(' ').unwrap_or(&s[..open]);
    match name.strip_prefix('"') {
        _ if name.is_empty() => None,
        Some(quoted) => Some(Cow::Borrowed(&quoted[..quoted.len() - 1])),
        None => Some(Cow::Borrowed(name)),
    }
}

/// The offset of the `<` that follows a plain display name (or starts the input), if the input
/// has that shape.
fn display_name_end(b: &[u8]) -> Option<usize> {
    match b.first()? {
        b'<' => Some(0),
        b'"' => {
            let close = 1 + b[1..].iter().position(|&c| !(is_qtext(c) || c == b' '))?;
            if b[close] != b'"' {
                return None;
            }
            let open = close + 1 + usize::from(b.get(close + 1) == Some(&b' '));
            (b.get(open) == Some(&b'<')).then_some(open)
        }
        _ => {
            let mut i = 0;
            loop {
                let start = i;
                while b.get(i).copied().is_some_and(is_atext) {
                    i += 1;
                }
                // An atom that may be an encoded-word is the grammar's to decode.
                if i == start || b[start..i].windows(2).any(|w| w == b"=?") {
                    return None;
                }
                match (b.get(i), b.get(i + 1)) {
                    (Some(b'<'), _) => return Some(i),
                    (Some(b' '), Some(b'<')) => return Some(i + 1),
                    (Some(b' '), Some(&c)) if is_atext(c) => i += 1,
                    _ => return None,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::ParseOptions;
    use crate::parse::{rfc5322, Ctx};

    /// The grammar's reading of `input`, for comparison.
    fn slow(input: &str) -> Option<(Mailbox<'_>, usize)> {
        let options = ParseOptions::default();
        let ctx = Ctx::new(input, &options);
        rfc5322::mailbox_grammar(&ctx, input)
            .ok()
            .map(|(rest, m)| (m, input.len() - rest.len()))
    }

    const PLAIN: &[&str] = &[
        "jane@example.com",
        "first.last+tag@sub.example.com",
        "Jane Doe <jane@example.com>",
        "Jane<jane@example.com>",
        "\"Doe, Jane\" <jane@example.com>",
        "\"\" <jane@example.com>",
        "<jane@example.com>",
        "用户@例子.广告",
        "服务显示名称 <keepalived@server.example.com>",
        "a@localhost",
        "a@1.2.3.4",
        "a@b.example, c@d.example",
        "a@b.example;",
    ];

    #[test]
    fn agrees_with_the_grammar_on_every_shape_it_takes() {
        for input in PLAIN {
            let fast = mailbox(input, 0).unwrap_or_else(|| panic!("fast path refused {input:?}"));
            let slow = slow(input).unwrap();
            assert_eq!(fast.0, slow.0, "{input}");
            assert_eq!(fast.1, slow.1, "{input}");
            assert_eq!(fast.0.diagnoses(), slow.0.diagnoses(), "{input}");
            assert_eq!(
                fast.0.addr_spec().envelope_error,
                slow.0.addr_spec().envelope_error,
                "{input}"
            );
            assert_eq!(
                fast.0.addr_spec().local_part().offset(),
                slow.0.addr_spec().local_part().offset()
            );
            assert_eq!(
                fast.0.addr_spec().domain().offset(),
                slow.0.addr_spec().domain().offset()
            );
        }
    }

    #[test]
    fn leaves_everything_else_to_the_grammar() {
        let others = [
            "a@-b.example",
            "a@b-.example",
            "a@b_c.example",
            "a.@b.example",
            "a..b@example.com",
            "a@b.example.",
            "a@b (c)",
            "a@b ",
            " a@b",
            "Jane  Doe <a@b.example>",
            "J. Doe <a@b.example>",
            "=?utf-8?q?J=C3=B6rg?= <a@b.example>",
            "\"a\\\"b\" <a@b.example>",
            "Jane <a@b.example> (c)",
            "Jane <a@b.example",
            "\"a\"@b.example",
            "a@[127.0.0.1]",
            "\u{85}@b.example",
            "",
        ];
        for input in others {
            assert!(mailbox(input, 0).is_none(), "{input:?}");
        }
        let long_local = format!("{}@b.example", "a".repeat(65));
        let long_label = format!("a@{}.example", "b".repeat(64));
        let long_path = format!("a@{}", vec!["b".repeat(63); 4].join("."));
        for input in [long_local, long_label, long_path] {
            assert!(mailbox(&input, 0).is_none(), "{input}");
        }
    }
}
