//! Byte-run accelerators for the `mailbox`, `addr-spec` and path rules: the shapes nearly every
//! real input has, read in one pass over the bytes.
//!
//! `local@domain` and `Display Name <local@domain>` (or `"Display Name" <local@domain>`), where
//! the local part is a dot-atom, the domain a host name within every RFC 5321 limit, and there is
//! no comment, folding, quoted-pair or encoded-word. A rule that calls in here takes what is read
//! only where the grammar would read the same value with the same findings; everything else
//! (every error included) the rule reads by its grammar. The accelerators exist for speed alone:
//! the unit tests at the bottom and the differential fuzz target check them against the grammar
//! (`ParseOptions::accelerate(false)` turns them off).

use alloc::borrow::Cow;

use super::host::Labels;
use super::limits::{MAX_DOMAIN, MAX_LOCAL_PART, MAX_PATH};
use crate::chars::{has_c1_control, is_ascii_atext, is_atext, is_qtext, span, span_ascii_first};
use crate::diagnosis::Diagnoses;
use crate::types::address::{AddrSpec, LocalPart, Mailbox, Rating};
use crate::types::domain::{Domain, DomainName};
use crate::types::text::Text;

/// Where a plain addr-spec's `@` and end are (from its first byte), and what the RFC 5321 checks
/// found. Scanning yields this small value; the [`AddrSpec`] is built from it once, in place.
#[derive(Debug, Clone, Copy)]
struct PlainAddrSpec {
    at: usize,
    end: usize,
    diagnoses: Diagnoses,
}

/// Scans a plain addr-spec at the start of `b`: a dot-atom-text local part, `@`, and a host name
/// of LDH (or U-label) labels, within every RFC 5321 limit.
///
/// ```abnf
/// addr-spec  = dot-atom-text "@" Domain      ; the RFC 5322 §3.4.1 / RFC 5321 §4.1.2 common ground
/// Domain     = sub-domain *("." sub-domain)
/// ```
fn scan_addr_spec(b: &[u8]) -> Option<PlainAddrSpec> {
    scan_addr_spec_after(b, span_ascii_first(b, is_ascii_atext, is_atext))
}

/// [`scan_addr_spec`] once the first atom is read: its length, and whether it is not ASCII.
#[inline]
fn scan_addr_spec_after(b: &[u8], first_atom: (usize, bool)) -> Option<PlainAddrSpec> {
    let at = local_part_len(b, first_atom)?;
    let (len, host) = Labels::scan(&b[at + 1..]);
    let end = at + 1 + len;
    // A name the RFC 5321 checks would refuse is the grammar's to rate.
    if !host.is_valid() || len > MAX_DOMAIN || end + 2 > MAX_PATH {
        return None;
    }
    let diagnoses = host.notes().collect();
    Some(PlainAddrSpec { at, end, diagnoses })
}

/// The length of the dot-atom-text (`1*atext *("." 1*atext)`, RFC 5322 §3.2.3) at the start of
/// `b`, if an `@` follows it, it is at most 64 octets, and it holds no control character (a C1
/// control is atext to RFC 6532, but no RFC 5321 path can carry it). `first_atom` is the first
/// atom's length and whether it is not ASCII.
fn local_part_len(b: &[u8], first_atom: (usize, bool)) -> Option<usize> {
    let (mut at, mut non_ascii) = (0, false);
    let (mut atom, mut utf8) = first_atom;
    loop {
        if atom == 0 {
            return None;
        }
        non_ascii |= utf8;
        at += atom;
        match b.get(at) {
            Some(b'.') => at += 1,
            Some(b'@') => break,
            _ => return None,
        }
        (atom, utf8) = span_ascii_first(&b[at..], is_ascii_atext, is_atext);
    }
    if at > MAX_LOCAL_PART || (non_ascii && has_c1_control(&b[..at])) {
        return None;
    }
    Some(at)
}

/// Builds the addr-spec that [`scan_addr_spec`] found at the start of `s`, which starts at byte
/// `base` of the whole input.
// Inlined, so the value is written where the caller keeps it rather than copied there.
#[allow(clippy::inline_always)]
#[inline(always)]
fn build_addr_spec(s: &str, base: usize, plain: PlainAddrSpec) -> AddrSpec<'_> {
    let text = &s[..plain.end];
    addr_spec_of(text, text.split_at(plain.at), base, plain)
}

/// The addr-spec `text` (`local` and `@domain` of it, found at byte `base`). Every slice is cut
/// before the value is built, so building it cannot stop half-way and the compiler writes it
/// straight to where it goes.
#[allow(clippy::inline_always)] // as `build_addr_spec`
#[inline(always)]
fn addr_spec_of<'a>(
    text: &'a str,
    (local, at_domain): (&'a str, &'a str),
    base: usize,
    plain: PlainAddrSpec,
) -> AddrSpec<'a> {
    let domain = at_domain.get(1..).unwrap_or_default();
    let rating = Rating {
        diagnoses: plain.diagnoses,
        envelope_error: None,
    };
    AddrSpec::from_parts(
        LocalPart::from_text(Text::verbatim(local, base)),
        Domain::Name(DomainName::from_text(Text::verbatim(domain, base + plain.at + 1))),
        rating,
        Some(text),
    )
}

/// Reads a plain addr-spec at the start of `s` (see [`scan_addr_spec`]), which starts at byte
/// `base` of the whole input. Returns it and its length, or `None`.
#[allow(clippy::inline_always)] // the accelerated value is built where the caller keeps it
#[inline(always)]
pub(crate) fn addr_spec(s: &str, base: usize) -> Option<(AddrSpec<'_>, usize)> {
    addr_spec_with(s, base, |_| Some((Diagnoses::new(), ()))).map(|(addr, len, ())| (addr, len))
}

/// [`addr_spec`], with a say on what follows it: `after` is given the text after the plain
/// addr-spec and answers with findings to add and a value to pass on, or `None` to decline.
#[allow(clippy::inline_always)] // the accelerated value is built where the caller keeps it
#[inline(always)]
pub(crate) fn addr_spec_with<'a, T>(
    s: &'a str,
    base: usize,
    after: impl FnOnce(&'a str) -> Option<(Diagnoses, T)>,
) -> Option<(AddrSpec<'a>, usize, T)> {
    let mut plain = scan_addr_spec(s.as_bytes())?;
    let (more, passed) = after(&s[plain.end..])?;
    plain.diagnoses.extend(more);
    Some((build_addr_spec(s, base, plain), plain.end, passed))
}

/// Where the parts of a plain mailbox are: the display name's value (a range of the input), the
/// addr-spec's start and scan, and the mailbox's end.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlainMailbox {
    name: Option<(usize, usize)>,
    start: usize,
    plain: PlainAddrSpec,
    end: usize,
}

impl PlainMailbox {
    /// Where the mailbox ends.
    pub(crate) fn end(&self) -> usize {
        self.end
    }

    /// The findings about it (those of its addr-spec).
    pub(crate) fn diagnoses(&self) -> Diagnoses {
        self.plain.diagnoses
    }
}

/// Scans a plain mailbox at the start of `b`: a plain addr-spec, or a display name of atoms
/// separated by single spaces (or a quoted-string without quoted-pairs) and a plain addr-spec in
/// angle brackets. Only a mailbox followed by the end of input, `,` or `;` counts (anything else
/// may be CFWS the grammar must see).
pub(crate) fn scan_mailbox(b: &[u8]) -> Option<PlainMailbox> {
    // The two shapes cannot both match: a display name holds no '@' and an addr-spec no '<'. The
    // byte after the first atom tells which one it may be; that atom is read once for both.
    let first_atom = span_ascii_first(b, is_ascii_atext, is_atext);
    let shape = if matches!(b.get(first_atom.0), Some(b'@' | b'.')) {
        let plain = scan_addr_spec_after(b, first_atom)?;
        PlainMailbox {
            name: None,
            start: 0,
            plain,
            end: plain.end,
        }
    } else {
        let (name, open) = scan_display_name(b, first_atom.0)?;
        let plain = scan_addr_spec(&b[open + 1..])?;
        let close = open + 1 + plain.end;
        if b.get(close) != Some(&b'>') {
            return None;
        }
        PlainMailbox {
            name,
            start: open + 1,
            plain,
            end: close + 1,
        }
    };
    matches!(b.get(shape.end), None | Some(b',' | b';')).then_some(shape)
}

/// The value range of a plain display name at the start of `b` (`None` when the input starts with
/// `<`), and the offset of the `<` that follows it, if the input has that shape. `first_atom` is
/// the length of the leading run of atext.
fn scan_display_name(b: &[u8], first_atom: usize) -> Option<(Option<(usize, usize)>, usize)> {
    match *b.first()? {
        b'<' => Some((None, 0)),
        b'"' => {
            let close = 1 + b[1..].iter().position(|&c| !(is_qtext(c) || c == b' '))?;
            if b[close] != b'"' {
                return None;
            }
            let open = close + 1 + usize::from(b.get(close + 1) == Some(&b' '));
            (b.get(open) == Some(&b'<')).then_some((Some((1, close)), open))
        }
        _ => {
            let (mut i, mut len) = (0, first_atom);
            loop {
                // An atom that may be an encoded-word is the grammar's to decode.
                if len == 0 || b[i..].starts_with(b"=?") {
                    return None;
                }
                i += len;
                match (*b.get(i)?, b.get(i + 1)) {
                    (b'<', _) => return Some((Some((0, i)), i)),
                    (b' ', Some(b'<')) => return Some((Some((0, i)), i + 1)),
                    (b' ', Some(&c)) if is_atext(c) => i += 1,
                    _ => return None,
                }
                len = span(&b[i..], is_atext);
            }
        }
    }
}

/// Builds the mailbox that [`scan_mailbox`] found at the start of `s`.
#[allow(clippy::inline_always)] // as `build_addr_spec`
#[inline(always)]
pub(crate) fn build_mailbox(s: &str, base: usize, shape: PlainMailbox) -> Mailbox<'_> {
    let name = shape.name.map(|(from, to)| &s[from..to]);
    let text = &s[shape.start..shape.start + shape.plain.end];
    let parts = text.split_at(shape.plain.at);
    Mailbox::from_parts(
        name.map(Cow::Borrowed),
        addr_spec_of(text, parts, base + shape.start, shape.plain),
        shape.plain.diagnoses,
    )
}

/// Reads a plain mailbox at the start of `s` (see [`scan_mailbox`]), which starts at byte `base`
/// of the whole input: the mailbox and its length, or `None`.
#[cfg(test)]
pub(crate) fn mailbox(s: &str, base: usize) -> Option<(Mailbox<'_>, usize)> {
    let shape = scan_mailbox(s.as_bytes())?;
    Some((build_mailbox(s, base, shape), shape.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::{rfc5321, rfc5322, Ctx, Reading};
    use crate::options::{ParseOptions, Strictness};
    use crate::types::path::SmtpPath;
    use alloc::string::ToString;

    const STRICTNESS: [Strictness; 3] = [Strictness::Strict, Strictness::Standard, Strictness::Lenient];

    /// Checks that the grammar, in every strictness, reads what the accelerator read: the same
    /// value, length, findings, envelope verdict, offsets and canonical form.
    fn assert_same_mailbox(input: &str, fast: &(Mailbox<'_>, usize)) {
        for strictness in STRICTNESS {
            let options = ParseOptions::default().strictness(strictness).accelerate(false);
            let ctx = Ctx::new(input, &options, Reading::Mailbox);
            let (rest, slow) = rfc5322::mailbox(&ctx, input)
                .unwrap_or_else(|e| panic!("the grammar refused {input:?} ({strictness:?}): {e:?}"));
            assert_eq!(fast.0, slow, "{input:?}");
            assert_eq!(fast.0.display_name(), slow.display_name(), "{input:?}");
            assert_eq!(fast.1, input.len() - rest.len(), "{input:?}");
            assert_eq!(fast.0.diagnoses(), slow.diagnoses(), "{input:?}");
            assert_eq!(ctx.diagnoses(), slow.diagnoses(), "{input:?}");
            assert_same_addr_spec(input, fast.0.addr_spec(), slow.addr_spec());
        }
    }

    fn assert_same_addr_spec(input: &str, fast: &AddrSpec<'_>, slow: &AddrSpec<'_>) {
        assert_eq!(fast, slow, "{input:?}");
        assert_eq!(fast.diagnoses(), slow.diagnoses(), "{input:?}");
        assert_eq!(fast.envelope_error(), slow.envelope_error(), "{input:?}");
        assert_eq!(fast.local_part().value(), slow.local_part().value(), "{input:?}");
        assert_eq!(fast.local_part().as_str(), slow.local_part().as_str(), "{input:?}");
        assert_eq!(fast.local_part().offset(), slow.local_part().offset(), "{input:?}");
        assert_eq!(fast.domain().as_str(), slow.domain().as_str(), "{input:?}");
        assert_eq!(fast.domain().offset(), slow.domain().offset(), "{input:?}");
        let slow_canonical = alloc::format!("{}@{}", slow.local_part(), slow.domain());
        assert_eq!(fast.to_string(), slow_canonical, "{input:?}");
    }

    /// Checks every fast-path reading of `input` against the grammar; returns whether the fast
    /// path took the mailbox.
    fn check(input: &str) -> bool {
        // A prefix counts where the caller takes it: before `>` (paths) or at the end.
        let addr = addr_spec(input, 0).filter(|(_, len)| matches!(input.as_bytes().get(*len), None | Some(b'>')));
        if let Some((addr, len)) = addr {
            let options = ParseOptions::default().accelerate(false);
            let ctx = Ctx::new(input, &options, Reading::Other);
            let (rest, slow) = rfc5322::addr_spec(&ctx, input)
                .unwrap_or_else(|e| panic!("the grammar refused addr-spec {input:?}: {e:?}"));
            assert_eq!(len, input.len() - rest.len(), "{input:?}");
            assert_same_addr_spec(input, &addr, &slow);
        }
        let Some(fast) = mailbox(input, 0) else {
            return false;
        };
        assert_same_mailbox(input, &fast);
        true
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
        "a=?b <a@b.example>",
        "José Müller <josé@bücher.example>",
    ];

    #[test]
    fn reads_plain_paths_as_the_path_grammar_does() {
        let inputs = [
            "<>",
            "<postmaster>",
            "<POSTMASTER>",
            "<jane@example.com>",
            "<用户@例子.测试>",
            "<a@localhost>",
            "<Jane <jane@example.com>>",
            "<jane@example.com>x",
            "<jane@example.com",
            "<@relay.example:jane@example.com>",
            "<\"jane doe\"@example.com>",
            "<jane@[192.0.2.1]>",
            "jane@example.com",
            "<jane@example.com> ",
            "< jane@example.com>",
        ];
        let long = alloc::format!("<{}@b.example>", "a".repeat(65));
        let read = |input, accelerate| {
            let options = ParseOptions::default().accelerate(accelerate);
            let ctx = Ctx::new(input, &options, Reading::Other);
            rfc5321::path(&ctx, input).map_err(|e| match e {
                nom::Err::Error(e) | nom::Err::Failure(e) => (e.kind, e.input.len()),
                nom::Err::Incomplete(_) => unreachable!(),
            })
        };
        let mut taken = 0;
        for input in inputs.iter().copied().chain([long.as_str()]) {
            match (read(input, true), read(input, false)) {
                (Ok((rest, fast)), Ok((slow_rest, slow))) => {
                    assert_eq!((rest, &fast), (slow_rest, &slow), "{input:?}");
                    if let (SmtpPath::Path(fast), SmtpPath::Path(slow)) = (&fast, &slow) {
                        assert_same_addr_spec(input, fast, slow);
                        // Only the accelerator keeps the source text as the canonical form.
                        taken += usize::from(fast.canonical_text().is_some());
                    }
                }
                (fast, slow) => assert_eq!(fast.map(|_| ()), slow.map(|_| ()), "{input:?}"),
            }
        }
        // `<jane@example.com>` (alone, before `x` and before a space), `<用户@例子.测试>`, `<a@localhost>`.
        assert_eq!(taken, 5);
    }

    #[test]
    fn agrees_with_the_grammar_on_every_shape_it_takes() {
        for input in PLAIN {
            assert!(check(input), "the accelerator refused {input:?}");
        }
    }

    #[test]
    fn leaves_everything_else_to_the_grammar() {
        let others = [
            "a@-b.example",
            "a@b-.example",
            "a@b_c.example",
            "a.@b.example",
            ".a@b.example",
            "a..b@example.com",
            "a@b.example.",
            "a@.b.example",
            "a@b..example",
            "a@b (c)",
            "a@b ",
            " a@b",
            "@b.example",
            "a@",
            "Jane  Doe <a@b.example>",
            "J. Doe <a@b.example>",
            "=?utf-8?q?J=C3=B6rg?= <a@b.example>",
            "Jane =?utf-8?q?J=C3=B6rg?= <a@b.example>",
            "\"a\\\"b\" <a@b.example>",
            "Jane <a@b.example> (c)",
            "Jane <a@b.example",
            "Jane <a@b.example>x",
            "Jane",
            "\"Jane\"",
            "\"a\"@b.example",
            "a@[127.0.0.1]",
            "\u{85}@b.example",
            "x\u{9f}y@b.example",
            "",
        ];
        for input in others {
            assert!(!check(input), "{input:?}");
        }
        let long_local = alloc::format!("{}@b.example", "a".repeat(65));
        let long_label = alloc::format!("a@{}.example", "b".repeat(64));
        let long_path = alloc::format!("a@{}", alloc::vec!["b".repeat(63); 4].join("."));
        for input in [long_local, long_label, long_path] {
            assert!(!check(&input), "{input}");
        }
    }

    #[test]
    fn agrees_with_the_grammar_on_every_combination_of_parts() {
        let names = [
            "",
            "<",
            "Jane <",
            "Jane<",
            "Jane Doe <",
            "Jane  Doe <",
            "\"Doe, Jane\" <",
            "\"\"<",
            "\"a\\\"b\" <",
            "\"a\tb\" <",
            "J. Doe <",
            "=?utf-8?q?J=C3=B6rg?= <",
            "a=?b <",
            "服务 名称 <",
            " Jane <",
            "Jane\t<",
            "(c) Jane <",
            "Jane (c) <",
            "Ja,ne <",
        ];
        let long_local = "x".repeat(64);
        let longer_local = "x".repeat(65);
        let locals = [
            "a",
            "first.last",
            "a.b.c",
            ".a",
            "a.",
            "a..b",
            "用户",
            "\u{85}x",
            "\u{a0}x",
            "a+b=c",
            "a b",
            "\"q\"",
            "(c)a",
            long_local.as_str(),
            longer_local.as_str(),
        ];
        let long_label = alloc::format!("{}.com", "b".repeat(63));
        let longer_label = alloc::format!("{}.com", "b".repeat(64));
        let long_domain = alloc::vec!["c".repeat(60); 4].join(".");
        let domains = [
            "example.com",
            "localhost",
            "1.2.3.4",
            "a.1b",
            "ex-ample.com",
            "-a.com",
            "a-.com",
            "a_b.com",
            "例子.测试",
            "bü-cher.example",
            "a.",
            ".a",
            "[1.2.3.4]",
            "example.com.",
            " example.com",
            "ex ample",
            long_label.as_str(),
            longer_label.as_str(),
            long_domain.as_str(),
        ];
        let ends = ["", ",", ";", " ", " (c)", ">", ", b@c.example", "x"];
        let (mut taken, mut total) = (0, 0);
        for name in names {
            for local in locals {
                for domain in domains {
                    for end in ends {
                        let close = if name.is_empty() { "" } else { ">" };
                        let input = alloc::format!("{name}{local}@{domain}{close}{end}");
                        taken += usize::from(check(&input));
                        total += 1;
                    }
                }
            }
        }
        // Both sides of the comparison are exercised.
        assert!(taken > 1000 && total - taken > 1000, "{taken} of {total}");
    }
}
