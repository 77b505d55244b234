//! Property tests over inputs built from the grammar's pieces (atext runs, dot-atoms, quoted
//! strings with quoted-pairs, comments and folds, LDH and UTF-8 labels, IPv4, IPv6 and general
//! address literals, RFC 2047 encoded-words, groups and lists), never by rejection sampling.
//!
//! Each generated input comes with the value the grammar must read from it (the model), so a
//! property first checks the parse against the model, then what the value does:
//!
//! * rendering and parsing again is the identity (`Display`, `to_header`, `to_field`, paths);
//! * the envelope form is a fixed point: parsed as a path, its envelope form is the same string;
//! * every borrowed text lies inside the input, and whatever the source writes as its value
//!   verbatim is borrowed (zero-copy);
//! * any text or bytes parse or fail without panicking, the error inside the input, and no
//!   output carries CR, LF or NUL.
//!
//! The input-driven checks of the last point are the fuzz targets' own (`fuzz/src/lib.rs`,
//! compiled in here as in `tests/fuzz_regressions.rs`); this file feeds them generated inputs.
//! Failing cases are kept in `proptest-regressions/properties.txt` and replayed first.

use std::net::{Ipv4Addr, Ipv6Addr};

use mail_envelope::{
    AddrSpec, Address, AddressList, AddressLiteral, Domain, ErrorKind, ForwardPath, Mailbox, ParseError, RenderError,
    RenderOptions, ReversePath,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::FileFailurePersistence;

// The fuzz targets' properties; each test here uses some of them.
#[allow(unreachable_pub, dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod shared;

/// The default case count (256, or `PROPTEST_CASES`), with failures kept where they are committed.
fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/proptest-regressions/properties.txt"
        )))),
        ..ProptestConfig::default()
    }
}

// ----- the model -----

/// A piece of generated source text and the value the grammar must read from it.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    value: String,
    /// Whether the value stands in the source as it is (possibly inside quotes or brackets), so
    /// that the parsed value must borrow it.
    verbatim: bool,
}

impl Piece {
    fn verbatim(text: String) -> Self {
        Self {
            value: text.clone(),
            text,
            verbatim: true,
        }
    }
}

/// What an address literal must read as.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lit {
    V4(Ipv4Addr),
    V6(Ipv6Addr),
    General(String, String),
}

impl Lit {
    fn of(literal: Option<AddressLiteral<'_>>) -> Option<Self> {
        Some(match literal? {
            AddressLiteral::Ipv4(a) => Lit::V4(a),
            AddressLiteral::Ipv6(a) => Lit::V6(a),
            AddressLiteral::General { tag, content } => Lit::General(tag.into(), content.into()),
        })
    }
}

#[derive(Debug, Clone)]
enum DomainKind {
    Name,
    /// A domain-literal, and the address literal it is (if any).
    Literal(Option<Lit>),
}

#[derive(Debug, Clone)]
struct DomainSample {
    piece: Piece,
    kind: DomainKind,
}

#[derive(Debug, Clone)]
struct AddrSample {
    text: String,
    local: Piece,
    domain: DomainSample,
}

#[derive(Debug, Clone)]
struct MailboxSample {
    text: String,
    name: Option<Piece>,
    addr: AddrSample,
}

#[derive(Debug, Clone)]
struct GroupSample {
    text: String,
    name: Piece,
    members: Vec<MailboxSample>,
}

#[derive(Debug, Clone)]
enum ItemSample {
    Mailbox(MailboxSample),
    Group(GroupSample),
}

#[derive(Debug, Clone)]
struct ListSample {
    text: String,
    items: Vec<ItemSample>,
}

#[derive(Debug, Clone)]
enum PathModel {
    Null,
    Postmaster,
    Mailbox(AddrSample),
}

#[derive(Debug, Clone)]
struct PathSample {
    text: String,
    model: PathModel,
}

// ----- characters -----

const ALNUM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ATEXT_SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~";
/// obs-NO-WS-CTL (RFC 5322 §4.1), some of it.
const OBS_CONTROLS: &str = "\u{1}\u{8}\u{b}\u{c}\u{e}\u{1f}\u{7f}";

fn one_of(chars: &'static str) -> impl Strategy<Value = char> {
    select(chars.chars().collect::<Vec<_>>())
}

/// UTF8-non-ascii (RFC 6532 §3.2) that is no control: Latin-1, Cyrillic, CJK, emoji, and two
/// format characters a careless `trim` or `is_whitespace` would eat.
fn non_ascii() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::char::range('\u{a0}', '\u{ff}'),
        prop::char::range('\u{400}', '\u{4ff}'),
        prop::char::range('\u{4e00}', '\u{9fff}'),
        prop::char::range('\u{1f600}', '\u{1f64f}'),
        Just('\u{2028}'),
        Just('\u{feff}'),
    ]
}

/// UTF8-non-ascii including a C1 control (NEL), which RFC 6532 allows and RFC 5321 paths do not.
fn non_ascii_or_c1() -> impl Strategy<Value = char> {
    prop_oneof![12 => non_ascii(), 1 => Just('\u{85}')]
}

/// `atext` (RFC 5322 §3.2.3, RFC 6532 §3.2).
fn atext() -> impl Strategy<Value = char> {
    prop_oneof![6 => one_of(ALNUM), 2 => one_of(ATEXT_SPECIALS), 1 => non_ascii_or_c1()]
}

/// `atext` without `?`, so that no atom can be a decodable encoded-word by chance.
fn phrase_atext() -> impl Strategy<Value = char> {
    atext().prop_map(|c| if c == '?' { '~' } else { c })
}

/// What a quoted-string's value may hold: printable ASCII, WSP, UTF-8, now and then an obsolete
/// control.
fn qcontent() -> impl Strategy<Value = char> {
    prop_oneof![
        40 => prop::char::range(' ', '~'),
        10 => non_ascii_or_c1(),
        6 => one_of("\"\\\t "),
        1 => one_of(OBS_CONTROLS),
    ]
}

// ----- lexical pieces (RFC 5322 §3.2) -----

/// `1*atext`.
fn atom(max: usize) -> impl Strategy<Value = String> {
    vec(atext(), 1..=max).prop_map(String::from_iter)
}

/// `dot-atom-text`.
fn dot_atom(atoms: usize, max: usize) -> impl Strategy<Value = String> {
    vec(atom(max), 1..=atoms).prop_map(|a| a.join("."))
}

/// A comment: ctext, quoted-pairs, folds and a nested comment.
fn comment() -> impl Strategy<Value = String> {
    let ctext = prop_oneof![
        4 => prop::char::range('!', '\'').prop_map(String::from),
        4 => prop::char::range('*', '[').prop_map(String::from),
        4 => prop::char::range(']', '~').prop_map(String::from),
        2 => non_ascii().prop_map(String::from),
        2 => Just(" ".to_string()),
        1 => Just("\r\n ".to_string()),
        1 => Just("\\(".to_string()),
        1 => Just("\\)".to_string()),
        1 => Just("(nested (deeper \\) still))".to_string()),
    ];
    vec(ctext, 0..6).prop_map(|parts| format!("({})", parts.concat()))
}

/// CFWS: white space, folds and comments.
fn cfws() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        3 => select(vec![" ", "  ", "\t", "\r\n ", " \r\n\t"]).prop_map(String::from),
        1 => comment(),
    ];
    vec(part, 1..=2).prop_map(|parts| parts.concat())
}

/// `[CFWS]`, mostly nothing.
fn opt_cfws() -> impl Strategy<Value = String> {
    prop_oneof![3 => Just(String::new()), 1 => cfws()]
}

/// A quoted-string: each character as itself, as a quoted-pair, or (white space) after a fold.
fn quoted(max: usize) -> impl Strategy<Value = Piece> {
    quoted_from(vec((qcontent(), 0u8..5), 0..=max))
}

fn quoted_from(chars: impl Strategy<Value = Vec<(char, u8)>>) -> impl Strategy<Value = Piece> {
    chars.prop_map(|chars| {
        let mut piece = Piece {
            text: "\"".into(),
            value: String::new(),
            verbatim: true,
        };
        for (c, style) in chars {
            let escape = matches!(c, '"' | '\\') || style == 0;
            let fold = !escape && style == 1 && matches!(c, ' ' | '\t');
            if escape {
                piece.text.push('\\');
            } else if fold {
                piece.text.push_str("\r\n");
            }
            piece.text.push(c);
            piece.value.push(c);
            piece.verbatim &= !escape && !fold;
        }
        piece.text.push('"');
        piece
    })
}

// ----- RFC 2047 encoded-words -----

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * k)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn q_encode(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            b if b.is_ascii_alphanumeric() => char::from(b).to_string(),
            b' ' => "_".into(),
            b => format!("={b:02X}"),
        })
        .collect()
}

/// One encoded-word (UTF-8, or ISO-8859-1 when the text fits; B or Q) and the text it decodes to.
fn encoded_word() -> impl Strategy<Value = Piece> {
    let char = prop_oneof![6 => prop::char::range(' ', '~'), 3 => non_ascii_or_c1(), 1 => Just('\t')];
    (vec(char, 1..=6), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(chars, b, latin1, upper)| {
        let value = String::from_iter(chars);
        let (charset, bytes) = if latin1 && value.chars().all(|c| u32::from(c) < 0x100) {
            // Latin-1: one byte per code point.
            #[allow(clippy::cast_possible_truncation)]
            let bytes = value.chars().map(|c| u32::from(c) as u8).collect();
            ("ISO-8859-1", bytes)
        } else {
            ("utf-8", value.as_bytes().to_vec())
        };
        let charset = if upper {
            charset.to_uppercase()
        } else {
            charset.to_lowercase()
        };
        let text = if b {
            format!("=?{charset}?{}?{}?=", if upper { 'B' } else { 'b' }, base64(&bytes))
        } else {
            format!("=?{charset}?{}?{}?=", if upper { 'Q' } else { 'q' }, q_encode(&bytes))
        };
        Piece {
            text,
            value,
            verbatim: false,
        }
    })
}

// ----- phrases (display names) -----

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordKind {
    Atom,
    Quoted,
    Encoded,
}

/// A word of a display name: an atom, a quoted-string, an encoded-word, a quoted-string holding
/// encoded-word text (not decoded, RFC 2047 §5), a long quoted-string of mostly non-ASCII text
/// (several encoded-words in an ASCII header), or an atom that looks like an encoded-word but
/// does not decode (kept as written).
fn phrase_word() -> impl Strategy<Value = (Piece, WordKind)> {
    prop_oneof![
        4 => vec(phrase_atext(), 1..=8).prop_map(|a| (Piece::verbatim(String::from_iter(a)), WordKind::Atom)),
        3 => quoted(8).prop_map(|q| (q, WordKind::Quoted)),
        3 => encoded_word().prop_map(|e| (e, WordKind::Encoded)),
        1 => encoded_word().prop_map(|e| {
            let text = format!("\"{}\"", e.text);
            (Piece { text, value: e.text, verbatim: true }, WordKind::Quoted)
        }),
        1 => quoted_from(vec((prop_oneof![2 => prop::char::range(' ', '~'), 3 => non_ascii()], 1u8..5), 20..=60))
            .prop_map(|q| (q, WordKind::Quoted)),
        1 => select(vec!["=?x-unknown?q?abc?=", "=?utf-8?b?S?=", "=?utf-8?x?abc?=", "=?utf-8?q?=C3?="])
            .prop_map(|a| (Piece::verbatim(a.into()), WordKind::Atom)),
    ]
}

/// A phrase: words separated by white space, comments, or nothing next to a quoted-string. Its
/// value joins the words with one space where anything stood between them, except between two
/// encoded-words separated by white space alone (RFC 2047 §6.2).
fn phrase() -> impl Strategy<Value = Piece> {
    let separator = prop_oneof![4 => Just(" ".to_string()), 1 => Just(String::new()), 1 => cfws()];
    (vec(phrase_word(), 1..=3), vec(separator, 2)).prop_map(|(words, separators)| {
        let mut piece = Piece {
            text: String::new(),
            value: String::new(),
            verbatim: words.len() == 1 && words[0].1 != WordKind::Encoded && words[0].0.verbatim,
        };
        let mut all_atoms_single_spaces = true;
        for (i, (word, kind)) in words.iter().enumerate() {
            all_atoms_single_spaces &= *kind == WordKind::Atom;
            if i > 0 {
                let prev = words[i - 1].1;
                let mut gap = separators[i - 1].as_str();
                if gap.is_empty() && prev != WordKind::Quoted && *kind != WordKind::Quoted {
                    gap = " ";
                }
                all_atoms_single_spaces &= gap == " ";
                let joined =
                    gap.is_empty() || (prev == WordKind::Encoded && *kind == WordKind::Encoded && !gap.contains('('));
                piece.text.push_str(gap);
                if !joined {
                    piece.value.push(' ');
                }
            }
            piece.text.push_str(&word.text);
            piece.value.push_str(&word.value);
        }
        piece.verbatim |= all_atoms_single_spaces;
        piece
    })
}

// ----- local parts and domains (RFC 5322 §3.4.1, §4.4) -----

fn local_part() -> impl Strategy<Value = Piece> {
    prop_oneof![
        4 => dot_atom(3, 8).prop_map(Piece::verbatim),
        3 => quoted(12),
        1 => obs_local_part(),
    ]
}

/// `obs-local-part = word *("." word)`, with CFWS around the dots.
fn obs_local_part() -> impl Strategy<Value = Piece> {
    let word = prop_oneof![atom(6).prop_map(Piece::verbatim), quoted(6)];
    (word.clone(), vec((opt_cfws(), opt_cfws(), word), 1..=2)).prop_map(|(first, rest)| {
        let mut piece = first.clone();
        piece.verbatim = !first.text.starts_with('"');
        for (before, after, word) in rest {
            piece.verbatim &= before.is_empty() && after.is_empty() && !word.text.starts_with('"');
            piece
                .text
                .extend([before.as_str(), ".", after.as_str(), word.text.as_str()]);
            piece.value.push('.');
            piece.value.push_str(&word.value);
        }
        piece
    })
}

const LDH: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";

/// `sub-domain = Let-dig [Ldh-str]` (RFC 5321 §4.1.2), 1 to `max` octets.
fn ldh_label(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        one_of(ALNUM).prop_map(String::from),
        (one_of(ALNUM), vec(one_of(LDH), 0..=max - 2), one_of(ALNUM))
            .prop_map(|(a, mid, b)| format!("{a}{}{b}", String::from_iter(mid))),
    ]
}

/// A host name of short LDH labels, for source routes.
fn short_hostname() -> impl Strategy<Value = String> {
    vec(ldh_label(8), 1..=3).prop_map(|l| l.join("."))
}

/// A host name of LDH labels, now and then one of the full 63 octets.
fn hostname(labels: usize, max: usize) -> impl Strategy<Value = String> {
    let label = prop_oneof![
        12 => ldh_label(max),
        1 => (one_of(ALNUM), vec(one_of(LDH), 61), one_of(ALNUM))
            .prop_map(|(a, mid, b)| format!("{a}{}{b}", String::from_iter(mid))),
    ];
    vec(label, 1..=labels).prop_map(|l| l.join("."))
}

/// Letters a U-label may hold (RFC 5892): Latin-1 letters, Cyrillic, CJK. No white space, no
/// format characters: a domain with those is header-valid but no RFC 5321 `Domain`.
fn u_label_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::char::range('\u{e0}', '\u{f6}'),
        prop::char::range('\u{430}', '\u{44f}'),
        prop::char::range('\u{4e00}', '\u{9fff}'),
    ]
}

/// A domain name with U-labels (RFC 6531 §3.3) among LDH labels.
fn utf8_domain() -> impl Strategy<Value = String> {
    let u_label = vec(prop_oneof![one_of(ALNUM), u_label_char()], 1..=6).prop_map(String::from_iter);
    vec(prop_oneof![ldh_label(10), u_label], 1..=3).prop_map(|l| l.join("."))
}

fn hex_group() -> impl Strategy<Value = (String, u16)> {
    (any::<u16>(), 1usize..=4, any::<bool>()).prop_map(|(v, width, upper)| {
        let text = format!("{v:0width$x}");
        (if upper { text.to_uppercase() } else { text }, v)
    })
}

fn ipv4() -> impl Strategy<Value = (String, Ipv4Addr)> {
    any::<[u8; 4]>().prop_map(|o| (Ipv4Addr::from(o).to_string(), Ipv4Addr::from(o)))
}

/// The four IPv6 forms of RFC 5321 §4.1.3 (`::` for at least two groups), any tag case.
fn ipv6() -> impl Strategy<Value = (String, Ipv6Addr)> {
    fn join(groups: &[(String, u16)]) -> String {
        groups.iter().map(|g| g.0.as_str()).collect::<Vec<_>>().join(":")
    }
    fn build(head: &[(String, u16)], tail: &[(String, u16)], v4: Option<Ipv4Addr>) -> [u16; 8] {
        let mut out = [0u16; 8];
        for (slot, g) in out.iter_mut().zip(head) {
            *slot = g.1;
        }
        let mut back: Vec<u16> = tail.iter().map(|g| g.1).collect();
        if let Some(v4) = v4 {
            let [a, b, c, d] = v4.octets();
            back.extend([u16::from_be_bytes([a, b]), u16::from_be_bytes([c, d])]);
        }
        out[8 - back.len()..].copy_from_slice(&back);
        out
    }
    let full = vec(hex_group(), 8).prop_map(|g| (join(&g), build(&g, &[], None)));
    let comp = (0usize..=6)
        .prop_flat_map(|h| (vec(hex_group(), h), vec(hex_group(), 0..=6 - h)))
        .prop_map(|(h, t)| (format!("{}::{}", join(&h), join(&t)), build(&h, &t, None)));
    let v4_full = (vec(hex_group(), 6), ipv4())
        .prop_map(|(g, (v4t, v4))| (format!("{}:{v4t}", join(&g)), build(&g, &[], Some(v4))));
    let v4_comp = (0usize..=4)
        .prop_flat_map(|h| (vec(hex_group(), h), vec(hex_group(), 0..=4 - h), ipv4()))
        .prop_map(|(h, t, (v4t, v4))| {
            let tail = if t.is_empty() {
                v4t
            } else {
                format!("{}:{v4t}", join(&t))
            };
            (format!("{}::{tail}", join(&h)), build(&h, &t, Some(v4)))
        });
    let tag = select(vec!["IPv6:", "ipv6:", "IPV6:", "iPv6:"]);
    (tag, prop_oneof![full, comp, v4_full, v4_comp])
        .prop_map(|(tag, (text, groups))| (format!("{tag}{text}"), Ipv6Addr::from(groups)))
}

/// The syntax of `General-address-literal = Standardized-tag ":" 1*dcontent` (RFC 5321 §4.1.3)
/// with a tag IANA has not registered (the registry holds only `IPv6`): a domain-literal that is
/// no address literal.
fn unregistered_general_literal() -> impl Strategy<Value = DomainSample> {
    let dcontent = prop_oneof![prop::char::range('!', 'Z'), prop::char::range('^', '~')];
    (ldh_label(8), vec(dcontent, 1..=10)).prop_map(|(tag, content)| {
        let value = format!("x-{tag}:{}", String::from_iter(content));
        DomainSample {
            piece: Piece {
                text: format!("[{value}]"),
                value,
                verbatim: true,
            },
            kind: DomainKind::Literal(None),
        }
    })
}

/// A literal in brackets that is an address literal.
fn address_literal() -> impl Strategy<Value = DomainSample> {
    prop_oneof![
        ipv4().prop_map(|(t, a)| (t, Lit::V4(a))),
        ipv6().prop_map(|(t, a)| (t, Lit::V6(a))),
    ]
    .prop_map(|(text, lit)| DomainSample {
        piece: Piece {
            text: format!("[{text}]"),
            value: text,
            verbatim: true,
        },
        kind: DomainKind::Literal(Some(lit)),
    })
}

/// A domain-literal of two or more dtext words (so no address literal), with white space and
/// folds around and between them and obs-dtext quoted-pairs of `[`, `]` and `\`.
fn free_literal() -> impl Strategy<Value = DomainSample> {
    let dtext = prop_oneof![
        8 => prop::char::range('!', 'Z').prop_map(String::from),
        8 => prop::char::range('^', '~').prop_map(String::from),
        2 => non_ascii().prop_map(String::from),
        1 => select(vec!["\\[", "\\]", "\\\\"]).prop_map(String::from),
    ];
    let word = vec(dtext, 1..=5).prop_map(|parts| parts.concat());
    let ws = select(vec![" ", "  ", "\t", "\r\n "]);
    let outer = select(vec!["", "", " ", "\r\n "]);
    (outer.clone(), vec((word, ws), 2..=3), outer).prop_map(|(before, words, after)| {
        let mut text = format!("[{before}");
        let mut value = String::new();
        for (i, (word, ws)) in words.iter().enumerate() {
            if i > 0 {
                text.push_str(ws);
                value.push_str(&ws.replace("\r\n", ""));
            }
            text.push_str(word);
            value.push_str(&word.replace("\\[", "[").replace("\\]", "]").replace("\\\\", "\\"));
        }
        text.push_str(after);
        text.push(']');
        let verbatim = !text.contains(['\\', '\r']);
        DomainSample {
            piece: Piece { text, value, verbatim },
            kind: DomainKind::Literal(None),
        }
    })
}

/// `obs-domain = atom *("." atom)`, with CFWS around the dots.
fn obs_domain() -> impl Strategy<Value = Piece> {
    (atom(6), vec((cfws(), opt_cfws(), atom(6)), 1..=2)).prop_map(|(first, rest)| {
        let mut piece = Piece::verbatim(first);
        piece.verbatim = false;
        for (before, after, a) in rest {
            piece.text.extend([before.as_str(), ".", after.as_str(), a.as_str()]);
            piece.value.push('.');
            piece.value.push_str(&a);
        }
        piece
    })
}

fn domain() -> impl Strategy<Value = DomainSample> {
    let name = |s: BoxedStrategy<Piece>| {
        s.prop_map(|piece| DomainSample {
            piece,
            kind: DomainKind::Name,
        })
    };
    prop_oneof![
        4 => name(hostname(4, 20).prop_map(Piece::verbatim).boxed()),
        2 => name(utf8_domain().prop_map(Piece::verbatim).boxed()),
        1 => name(dot_atom(3, 6).prop_map(Piece::verbatim).boxed()),
        1 => name(obs_domain().boxed()),
        2 => address_literal(),
        1 => free_literal(),
        1 => unregistered_general_literal(),
    ]
}

// ----- addresses (RFC 5322 §3.4) -----

fn addr_spec() -> impl Strategy<Value = AddrSample> {
    (local_part(), opt_cfws(), opt_cfws(), domain()).prop_map(|(local, before, after, domain)| AddrSample {
        text: format!("{}{before}@{after}{}", local.text, domain.piece.text),
        local,
        domain,
    })
}

fn mailbox() -> impl Strategy<Value = MailboxSample> {
    let bare = (opt_cfws(), addr_spec(), opt_cfws()).prop_map(|(before, addr, after)| MailboxSample {
        text: format!("{before}{}{after}", addr.text),
        name: None,
        addr,
    });
    let name_sep = prop_oneof![2 => Just(" ".to_string()), 1 => Just(String::new()), 1 => cfws()];
    let route = prop::option::weighted(0.2, vec(short_hostname(), 1..=2))
        .prop_map(|r| r.map_or_else(String::new, |r| format!("@{}:", r.join(",@"))));
    let angled = (
        opt_cfws(),
        prop::option::weighted(0.8, phrase()),
        name_sep,
        route,
        opt_cfws(),
        addr_spec(),
        opt_cfws(),
    )
        .prop_map(|(lead, name, sep, route, inner, addr, after)| {
            let name_text = name.as_ref().map_or("", |n| n.text.as_str());
            MailboxSample {
                text: format!("{lead}{name_text}{sep}<{route}{inner}{}>{after}", addr.text),
                name,
                addr,
            }
        });
    prop_oneof![1 => bare, 2 => angled]
}

/// What separates list members: a comma with CFWS around it, now and then an empty member.
fn list_separator() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(", ".to_string()),
        2 => Just(",".to_string()),
        1 => (opt_cfws(), opt_cfws()).prop_map(|(a, b)| format!("{a},{b}")),
        1 => Just(", ,".to_string()),
    ]
}

fn join_members(texts: &[&str], separators: &[String]) -> String {
    let mut out = String::new();
    for (i, text) in texts.iter().enumerate() {
        if i > 0 {
            out.push_str(&separators[(i - 1) % separators.len()]);
        }
        out.push_str(text);
    }
    out
}

fn group() -> impl Strategy<Value = GroupSample> {
    (
        phrase(),
        opt_cfws(),
        vec(mailbox(), 0..=3),
        vec(list_separator(), 2),
        any::<bool>(),
        opt_cfws(),
    )
        .prop_map(|(name, inner, members, separators, empty_first, after)| {
            let texts: Vec<&str> = members.iter().map(|m| m.text.as_str()).collect();
            let lead = if empty_first { "," } else { "" };
            GroupSample {
                text: format!(
                    "{}:{inner}{lead}{};{after}",
                    name.text,
                    join_members(&texts, &separators)
                ),
                name,
                members,
            }
        })
}

fn address_list() -> impl Strategy<Value = ListSample> {
    let item = prop_oneof![
        3 => mailbox().prop_map(ItemSample::Mailbox),
        1 => group().prop_map(ItemSample::Group),
    ];
    (vec(item, 1..=4), vec(list_separator(), 3), any::<bool>(), any::<bool>()).prop_map(
        |(items, separators, empty_first, empty_last)| {
            let texts: Vec<&str> = items
                .iter()
                .map(|i| match i {
                    ItemSample::Mailbox(m) => m.text.as_str(),
                    ItemSample::Group(g) => g.text.as_str(),
                })
                .collect();
            let text = format!(
                "{}{}{}",
                if empty_first { ", " } else { "" },
                join_members(&texts, &separators),
                if empty_last { "," } else { "" }
            );
            ListSample { text, items }
        },
    )
}

// ----- RFC 5321 paths (§4.1.2) -----

/// `Quoted-string` of RFC 5321: qtextSMTP and quoted-pairSMTP (`\` and %d32-126), UTF-8.
fn smtp_quoted() -> impl Strategy<Value = Piece> {
    let char = prop_oneof![8 => prop::char::range(' ', '~'), 2 => non_ascii(), 1 => one_of("\"\\")];
    vec((char, any::<bool>()), 0..=10).prop_map(|chars| {
        let mut piece = Piece {
            text: "\"".into(),
            value: String::new(),
            verbatim: true,
        };
        for (c, escape) in chars {
            let escape = matches!(c, '"' | '\\') || (escape && c.is_ascii());
            if escape {
                piece.text.push('\\');
            }
            piece.text.push(c);
            piece.value.push(c);
            piece.verbatim &= !escape;
        }
        piece.text.push('"');
        piece
    })
}

/// An RFC 5321 `Mailbox` within every §4.5.3.1 limit.
fn smtp_mailbox() -> impl Strategy<Value = AddrSample> {
    let dot_string = vec(
        vec(
            prop_oneof![6 => one_of(ALNUM), 2 => one_of(ATEXT_SPECIALS), 1 => non_ascii()],
            1..=6,
        ),
        1..=2,
    )
    .prop_map(|atoms| Piece::verbatim(atoms.into_iter().map(String::from_iter).collect::<Vec<_>>().join(".")));
    let local = prop_oneof![dot_string, smtp_quoted()];
    let name = |s: BoxedStrategy<String>| {
        s.prop_map(|text| DomainSample {
            piece: Piece::verbatim(text),
            kind: DomainKind::Name,
        })
    };
    let domain = prop_oneof![
        3 => name(hostname(3, 20).boxed()),
        1 => name(utf8_domain().boxed()),
        2 => address_literal(),
    ];
    (local, domain).prop_map(|(local, domain)| AddrSample {
        text: format!("{}@{}", local.text, domain.piece.text),
        local,
        domain,
    })
}

/// A path within the 256-octet limit, which counts a source route too (RFC 5321 §4.5.3.1.3).
fn path() -> impl Strategy<Value = PathSample> {
    let route = prop::option::weighted(0.3, vec(short_hostname(), 1..=2))
        .prop_map(|r| r.map_or_else(String::new, |r| format!("@{}:", r.join(",@"))));
    let postmaster = vec(any::<bool>(), 10).prop_map(|upper| {
        let name: String = "postmaster"
            .chars()
            .zip(upper)
            .map(|(c, u)| if u { c.to_ascii_uppercase() } else { c })
            .collect();
        PathSample {
            text: format!("<{name}>"),
            model: PathModel::Postmaster,
        }
    });
    prop_oneof![
        1 => Just(PathSample { text: "<>".into(), model: PathModel::Null }),
        1 => postmaster,
        8 => (route, smtp_mailbox()).prop_map(|(route, addr)| PathSample {
            text: format!("<{route}{}>", addr.text),
            model: PathModel::Mailbox(addr),
        }),
    ]
}

// ----- hostile text -----

/// Specials, white space, controls, letters and a few multi-character terminals.
const TOKENS: &[&str] = &[
    "<",
    ">",
    "@",
    "\"",
    "\\",
    "(",
    ")",
    "[",
    "]",
    ",",
    ";",
    ":",
    ".",
    " ",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\r\n ",
    "\0",
    "\u{1}",
    "\u{7f}",
    "\u{85}",
    "a",
    "b",
    "Z",
    "0",
    "-",
    "ü",
    "用",
    "=?",
    "?=",
    "utf-8?q?",
    "IPv6:",
    "Postmaster",
    "x.example",
];

fn hostile() -> impl Strategy<Value = String> {
    vec(select(TOKENS), 0..48).prop_map(|t| t.concat())
}

/// Bytes: arbitrary ones, and hostile text with a broken UTF-8 sequence put in somewhere.
fn hostile_bytes() -> impl Strategy<Value = Vec<u8>> {
    let broken = select(vec![
        &b"\xff"[..],
        b"\xc3",
        b"\xed\xa0\x80",
        b"\xc0\xaf",
        b"\xf4\x90\x80\x80",
        b"\xe4\xb8",
    ]);
    prop_oneof![
        vec(any::<u8>(), 0..48),
        (hostile(), broken, any::<prop::sample::Index>()).prop_map(|(text, bad, at)| {
            let mut bytes = text.into_bytes();
            let at = at.index(bytes.len() + 1);
            bytes.splice(at..at, bad.iter().copied());
            bytes
        }),
    ]
}

// ----- checks -----

fn check_addr(parsed: &AddrSpec<'_>, sample: &AddrSample) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        parsed.local_part().value(),
        &sample.local.value,
        "local part of {:?}",
        sample.text
    );
    match (parsed.domain(), &sample.domain.kind) {
        (Domain::Name(name), DomainKind::Name) => {
            prop_assert_eq!(name.value(), &sample.domain.piece.value, "domain of {:?}", sample.text);
        }
        (Domain::Literal(literal), DomainKind::Literal(lit)) => {
            prop_assert_eq!(
                literal.value(),
                &sample.domain.piece.value,
                "literal of {:?}",
                sample.text
            );
            prop_assert_eq!(
                &Lit::of(literal.address_literal()),
                lit,
                "address literal of {:?}",
                sample.text
            );
        }
        (domain, _) => prop_assert!(false, "{:?} read {:?}", sample.text, domain),
    }
    Ok(())
}

fn check_mailbox(parsed: &Mailbox<'_>, sample: &MailboxSample) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        parsed.display_name(),
        sample.name.as_ref().map(|n| n.value.as_str()),
        "display name of {:?}",
        sample.text
    );
    check_addr(parsed.addr_spec(), &sample.addr)
}

fn check_list(parsed: &AddressList<'_>, sample: &ListSample) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        parsed.addresses().len(),
        sample.items.len(),
        "members of {:?}",
        sample.text
    );
    for (address, item) in parsed.addresses().iter().zip(&sample.items) {
        match (address, item) {
            (Address::Mailbox(m), ItemSample::Mailbox(s)) => check_mailbox(m, s)?,
            (Address::Group(g), ItemSample::Group(s)) => {
                prop_assert_eq!(g.display_name(), &s.name.value, "group name in {:?}", sample.text);
                prop_assert_eq!(g.members().len(), s.members.len(), "group members in {:?}", sample.text);
                for (m, s) in g.members().iter().zip(&s.members) {
                    check_mailbox(m, s)?;
                }
            }
            (address, _) => prop_assert!(false, "{:?} read {:?}", sample.text, address),
        }
    }
    Ok(())
}

/// Render options for the header form: ASCII (RFC 2047) and UTF-8 (RFC 6532), folded at the usual
/// width and at one that folds before nearly every token.
fn renders() -> [RenderOptions; 4] {
    [
        RenderOptions::default(),
        RenderOptions::default().utf8_headers(true),
        RenderOptions::default().fold_at(16),
        RenderOptions::default().utf8_headers(true).fold_at(16),
    ]
}

/// A control character other than WSP (obs-NO-WS-CTL), which no header form may carry.
fn is_obs_control(c: char) -> bool {
    c.is_ascii_control() && c != '\t'
}

fn has_control(mailbox: &Mailbox<'_>) -> bool {
    let name = mailbox.display_name().unwrap_or_default();
    name.chars()
        .chain(mailbox.addr_spec().to_string().chars())
        .any(is_obs_control)
}

/// `Display` and the header form of a mailbox parse back to it (with A-label domains in an ASCII
/// header).
fn mailbox_round_trips(mailbox: &Mailbox<'_>) -> Result<(), TestCaseError> {
    let shown = mailbox.to_string();
    let again = Mailbox::parse(&shown);
    prop_assert_eq!(again.as_ref(), Ok(mailbox), "Display {:?}", shown);
    let addr = mailbox.addr_spec();
    let addr_shown = addr.to_string();
    let again = AddrSpec::parse(&addr_shown);
    prop_assert_eq!(again.as_ref(), Ok(addr), "Display {:?}", addr_shown);
    for utf8 in [false, true] {
        match mailbox.to_header(&RenderOptions::default().utf8_headers(utf8)) {
            Ok(header) => {
                let again = Mailbox::parse(&header);
                if utf8 || addr_shown.is_ascii() {
                    prop_assert_eq!(again.as_ref(), Ok(mailbox), "header form {:?}", header);
                } else {
                    // An ASCII header writes the domain in A-labels.
                    prop_assert!(header.is_ascii(), "ASCII header form {:?}", header);
                    let again = again.map_err(|e| TestCaseError::fail(format!("{header:?}: {e}")))?;
                    prop_assert!(
                        shared::in_a_labels(mailbox, &again),
                        "header form {:?} of {:?}",
                        header,
                        shown
                    );
                }
                if !utf8 {
                    prop_assert!(header.is_ascii(), "ASCII header form {:?}", header);
                }
            }
            Err(RenderError::NeedsUtf8) => {
                prop_assert!(
                    !utf8 && !addr.local_part().value().is_ascii(),
                    "no header form for {:?}",
                    shown
                );
            }
            Err(RenderError::NoAsciiDomain) => {
                prop_assert!(!utf8 && !addr.domain().is_ascii(), "no header form for {:?}", shown);
            }
            Err(err) => {
                prop_assert_eq!(err, RenderError::ControlCharacter, "no header form for {:?}", shown);
                prop_assert!(has_control(mailbox), "no header form for {:?}", shown);
            }
        }
    }
    Ok(())
}

/// `Display` and every `to_field` rendering of a list (the value after `To: `, folded as written
/// and unfolded) parse back to it.
fn list_round_trips(list: &AddressList<'_>) -> Result<(), TestCaseError> {
    let shown = list.to_string();
    let again = AddressList::parse(&shown);
    prop_assert_eq!(again.as_ref(), Ok(list), "Display {:?}", shown);
    let controls = list.mailboxes().any(has_control)
        || list.addresses().iter().any(|a| match a {
            Address::Group(g) => g.display_name().chars().any(is_obs_control),
            Address::Mailbox(_) => false,
        });
    for render in renders() {
        match list.to_field("To", &render) {
            Ok(field) => {
                let value = field.strip_prefix("To: ");
                prop_assert!(value.is_some(), "field {:?}", field);
                let value = value.unwrap_or_default();
                let unfolded = value.replace("\r\n ", " ");
                prop_assert!(!unfolded.contains(['\r', '\n']), "field {:?}", field);
                for text in [value, unfolded.as_str()] {
                    let again = AddressList::parse(text);
                    if render.utf8_headers || shown.is_ascii() {
                        prop_assert_eq!(again.as_ref(), Ok(list), "field {:?}", text);
                    } else {
                        prop_assert!(text.is_ascii(), "ASCII field {:?}", text);
                        let again = again.map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
                        prop_assert_eq!(again.mailboxes().count(), list.mailboxes().count(), "field {:?}", text);
                        for (before, after) in list.mailboxes().zip(again.mailboxes()) {
                            prop_assert!(shared::in_a_labels(before, after), "field {:?}", text);
                        }
                    }
                }
            }
            Err(RenderError::NeedsUtf8 | RenderError::NoAsciiDomain) => {
                prop_assert!(!render.utf8_headers && !shown.is_ascii(), "no field for {:?}", shown);
            }
            Err(err) => {
                prop_assert_eq!(err, RenderError::ControlCharacter, "no field for {:?}", shown);
                prop_assert!(controls, "no field for {:?}", shown);
            }
        }
    }
    Ok(())
}

/// The envelope form of an addr-spec, when it has one, parses as a reverse- and a forward-path to
/// the same addr-spec, whose envelope form is the same string; the ASCII form likewise. And the
/// path grammar agrees with the addr-spec on whether there is an envelope form at all.
fn envelope_is_a_fixed_point(addr: &AddrSpec<'_>) -> Result<(), TestCaseError> {
    let bracketed = format!("<{addr}>");
    let envelope = match addr.to_reverse_path() {
        Ok(path) => path.to_string(),
        Err(err) => {
            let parsed = ReversePath::parse(&bracketed);
            prop_assert!(
                parsed.is_err(),
                "{} has no envelope form ({}) but parses as a path",
                addr,
                err
            );
            prop_assert_eq!(addr.to_forward_path().map(|_| ()), Err(err));
            return Ok(());
        }
    };
    prop_assert_eq!(&envelope, &bracketed);
    let reverse = ReversePath::parse(&envelope);
    prop_assert_eq!(
        reverse.as_ref().map(ReversePath::addr_spec),
        Ok(Some(addr)),
        "{:?}",
        envelope
    );
    let again = reverse
        .as_ref()
        .ok()
        .and_then(ReversePath::addr_spec)
        .map(AddrSpec::to_reverse_path);
    prop_assert_eq!(again.map(|p| p.map(|p| p.to_string())), Some(Ok(envelope.clone())));
    let forward = ForwardPath::parse(&envelope);
    prop_assert_eq!(
        forward.as_ref().map(ForwardPath::addr_spec),
        Ok(Some(addr)),
        "{:?}",
        envelope
    );
    prop_assert_eq!(forward.map(|p| p.to_string()), Ok(envelope.clone()));
    if let Ok(ascii) = addr.to_ascii_string() {
        prop_assert!(ascii.is_ascii(), "{:?}", ascii);
        let bracketed = format!("<{ascii}>");
        let path = ReversePath::parse(&bracketed);
        let again = path
            .as_ref()
            .ok()
            .and_then(ReversePath::addr_spec)
            .map(AddrSpec::to_ascii_string);
        prop_assert_eq!(again, Some(Ok(ascii.clone())), "ASCII envelope form {:?}", ascii);
    }
    Ok(())
}

// ----- zero-copy -----

/// Whether `part` lies inside `input`'s memory.
fn inside(input: &[u8], part: &str) -> bool {
    let outer = input.as_ptr_range();
    let inner = part.as_bytes().as_ptr_range();
    outer.start <= inner.start && inner.end <= outer.end
}

/// The addr-spec's source texts lie inside the input, and so do the values the sample writes
/// verbatim; with no sample, only the source texts are checked.
fn addr_borrows(input: &[u8], addr: &AddrSpec<'_>, sample: Option<&AddrSample>) -> Result<(), TestCaseError> {
    let local = addr.local_part();
    prop_assert!(inside(input, local.as_str()), "local part source {:?}", local.as_str());
    prop_assert!(
        inside(input, addr.domain().as_str()),
        "domain source {:?}",
        addr.domain().as_str()
    );
    let Some(sample) = sample else { return Ok(()) };
    if sample.local.verbatim {
        prop_assert!(
            inside(input, local.value()),
            "local part {:?} of {:?}",
            local.value(),
            sample.text
        );
    }
    if sample.domain.piece.verbatim {
        match addr.domain() {
            Domain::Name(name) => prop_assert!(inside(input, name.value()), "domain {:?}", name.value()),
            Domain::Literal(literal) => {
                prop_assert!(inside(input, literal.value()), "literal {:?}", literal.value());
                if let Some(AddressLiteral::General { tag, content }) = literal.address_literal() {
                    prop_assert!(inside(input, tag) && inside(input, content), "{:?}", literal.value());
                }
            }
        }
    }
    Ok(())
}

fn mailbox_borrows(input: &[u8], mailbox: &Mailbox<'_>, sample: &MailboxSample) -> Result<(), TestCaseError> {
    if let (Some(name), Some(model)) = (mailbox.display_name(), &sample.name) {
        if model.verbatim {
            prop_assert!(inside(input, name), "display name {:?} of {:?}", name, sample.text);
        }
    }
    addr_borrows(input, mailbox.addr_spec(), Some(&sample.addr))
}

fn list_borrows(input: &[u8], list: &AddressList<'_>, sample: &ListSample) -> Result<(), TestCaseError> {
    for (address, item) in list.addresses().iter().zip(&sample.items) {
        match (address, item) {
            (Address::Mailbox(m), ItemSample::Mailbox(s)) => mailbox_borrows(input, m, s)?,
            (Address::Group(g), ItemSample::Group(s)) => {
                if s.name.verbatim {
                    prop_assert!(inside(input, g.display_name()), "group name {:?}", g.display_name());
                }
                for (m, s) in g.members().iter().zip(&s.members) {
                    mailbox_borrows(input, m, s)?;
                }
            }
            _ => prop_assert!(false, "{:?} read as {:?}", sample.text, list),
        }
    }
    Ok(())
}

/// No text of an owned value lies inside the input it was parsed from.
fn owns_everything(input: &[u8], list: &AddressList<'_>) -> Result<(), TestCaseError> {
    for mailbox in list.mailboxes() {
        let addr = mailbox.addr_spec();
        let texts = [
            mailbox.display_name().unwrap_or_default(),
            addr.local_part().as_str(),
            addr.local_part().value(),
            addr.domain().as_str(),
        ];
        for text in texts.into_iter().filter(|t| !t.is_empty()) {
            prop_assert!(!inside(input, text), "into_owned kept {:?} borrowed", text);
        }
    }
    Ok(())
}

/// The parsed value, or a test failure naming the input.
fn parsed<T: std::fmt::Debug>(input: &str, result: Result<T, ParseError>) -> Result<T, TestCaseError> {
    result.map_err(|err| TestCaseError::fail(format!("{input:?} does not parse: {err}")))
}

// ----- the properties -----

proptest! {
    #![proptest_config(config())]

    /// An addr-spec reads as generated, and its `Display` parses back to it.
    #[test]
    fn addr_specs_read_as_written_and_display_round_trips(sample in addr_spec()) {
        let addr = parsed(&sample.text, AddrSpec::parse(&sample.text))?;
        check_addr(&addr, &sample)?;
        let shown = addr.to_string();
        let again = AddrSpec::parse(&shown);
        prop_assert_eq!(again.as_ref(), Ok(&addr), "Display {:?}", shown);
        prop_assert_eq!(AddrSpec::parse(&shown).map(|a| a.to_string()), Ok(shown.clone()), "not a fixed point");
    }

    /// A mailbox reads as generated; `Display` and `to_header` (ASCII and UTF-8) parse back
    /// to it.
    #[test]
    fn mailboxes_round_trip_through_display_and_the_header_form(sample in mailbox()) {
        let mailbox = parsed(&sample.text, Mailbox::parse(&sample.text))?;
        check_mailbox(&mailbox, &sample)?;
        mailbox_round_trips(&mailbox)?;
    }

    /// An address list reads as generated; `Display` and `to_field` (ASCII and UTF-8, folded
    /// and unfolded) parse back to it.
    #[test]
    fn address_lists_round_trip_through_display_and_the_field_form(sample in address_list()) {
        let list = parsed(&sample.text, AddressList::parse(&sample.text))?;
        check_list(&list, &sample)?;
        list_round_trips(&list)?;
    }

    /// A path reads as generated (as a reverse- and as a forward-path), its `Display`
    /// parses back to it, and that envelope form is a fixed point.
    #[test]
    fn paths_round_trip_and_their_envelope_form_is_a_fixed_point(sample in path()) {
        shared::invariants(sample.text.as_bytes());
        let reverse = ReversePath::parse(&sample.text);
        let forward = ForwardPath::parse(&sample.text);
        match &sample.model {
            PathModel::Null => {
                prop_assert_eq!(&reverse, &Ok(ReversePath::Null));
                prop_assert_eq!(forward.as_ref().map_err(ParseError::kind), Err(ErrorKind::UnexpectedNullPath));
            }
            PathModel::Postmaster => {
                prop_assert_eq!(reverse.as_ref().map_err(ParseError::kind), Err(ErrorKind::UnexpectedPostmaster));
                prop_assert_eq!(&forward, &Ok(ForwardPath::Postmaster));
            }
            PathModel::Mailbox(addr) => {
                prop_assert!(reverse.is_ok() && forward.is_ok(), "{:?}: {:?} {:?}", sample.text, reverse, forward);
                let from_reverse = reverse.as_ref().ok().and_then(ReversePath::addr_spec);
                let from_forward = forward.as_ref().ok().and_then(ForwardPath::addr_spec);
                if let (Some(a), Some(b)) = (from_reverse, from_forward) {
                    check_addr(a, addr)?;
                    prop_assert_eq!(a, b);
                    addr_borrows(sample.text.as_bytes(), a, Some(addr))?;
                    envelope_is_a_fixed_point(a)?;
                    let shown = a.to_string();
                    let header = AddrSpec::parse(&shown);
                    prop_assert_eq!(header.as_ref(), Ok(a), "header reading of {}", a);
                }
            }
        }
        if let Ok(path) = &reverse {
            let shown = path.to_string();
            let again = ReversePath::parse(&shown);
            prop_assert_eq!(again.as_ref(), Ok(path), "Display {:?}", shown);
            prop_assert_eq!(again.map(|p| p.to_string()), Ok(shown));
        }
        if let Ok(path) = &forward {
            let shown = path.to_string();
            let again = ForwardPath::parse(&shown);
            prop_assert_eq!(again.as_ref(), Ok(path), "Display {:?}", shown);
            prop_assert_eq!(again.map(|p| p.to_string()), Ok(shown));
        }
    }

    /// The envelope form of a header address, parsed as a path, has the same envelope form.
    #[test]
    fn envelope_forms_of_header_addresses_are_fixed_points(sample in mailbox()) {
        let mailbox = parsed(&sample.text, Mailbox::parse(&sample.text))?;
        envelope_is_a_fixed_point(mailbox.addr_spec())?;
        if let Ok(path) = mailbox.to_reverse_path() {
            prop_assert_eq!(mailbox.to_forward_path().map(|p| p.to_string()), Ok(path.to_string()));
        }
    }

    /// The ASCII fallback of a path (for a server without SMTPUTF8) is ASCII or an error, and
    /// an error only when the local part is not ASCII or the domain has no A-label form within
    /// the limits; an ASCII path is its own fallback.
    #[test]
    fn ascii_fallbacks_of_paths_are_ascii_or_an_error(sample in mailbox()) {
        let mailbox = parsed(&sample.text, Mailbox::parse(&sample.text))?;
        if let Ok(path) = mailbox.to_reverse_path() {
            match path.to_ascii() {
                Ok(ascii) => {
                    let text = ascii.to_string();
                    prop_assert!(text.is_ascii(), "{}", text);
                    let reparsed = ReversePath::parse(&text);
                    prop_assert_eq!(reparsed.as_ref(), Ok(&ascii));
                    if !path.needs_smtputf8() {
                        prop_assert_eq!(&ascii, &path);
                    }
                }
                Err(e) => prop_assert!(path.needs_smtputf8(), "{}: {}", path, e),
            }
            let forward = mailbox.to_forward_path().map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(
                forward.to_ascii().map(|p| p.to_string()),
                path.to_ascii().map(|p| p.to_string())
            );
        }
    }

    /// What an address list hands out borrows from the input wherever the source holds the
    /// value as it is, from `parse` and `parse_bytes` alike; `into_owned` borrows nothing.
    #[test]
    fn parsed_values_borrow_from_the_input(sample in address_list()) {
        let input = sample.text.as_bytes();
        for result in [AddressList::parse(&sample.text), AddressList::parse_bytes(input)] {
            let list = parsed(&sample.text, result)?;
            list_borrows(input, &list, &sample)?;
            let owned = list.clone().into_owned();
            prop_assert_eq!(&owned, &list);
            owns_everything(input, &owned)?;
        }
        if let [ItemSample::Mailbox(first), ..] = &sample.items[..] {
            let mailbox = parsed(&first.text, Mailbox::parse(&first.text))?;
            mailbox_borrows(first.text.as_bytes(), &mailbox, first)?;
        }
    }

    /// Generated text keeps the shared invariants: every entry point at every
    /// strictness parses or fails inside the input, and no output carries CR, LF or NUL.
    #[test]
    fn generated_text_keeps_the_output_invariants(sample in address_list()) {
        shared::invariants(sample.text.as_bytes());
        shared::roundtrip_envelope(sample.text.as_bytes());
    }

    /// Any text: no panic, errors inside the input, clean outputs, borrowed sources inside it.
    #[test]
    fn any_text_parses_or_fails_inside_the_input(input in "\\PC*") {
        shared::invariants(input.as_bytes());
        sources_lie_inside(&input)?;
    }

    /// Text made mostly of specials, white space and controls, likewise.
    #[test]
    fn special_heavy_text_parses_or_fails_inside_the_input(input in hostile()) {
        shared::invariants(input.as_bytes());
        sources_lie_inside(&input)?;
    }

    /// Any bytes through `parse_bytes`: invalid UTF-8 is reported at its first bad byte,
    /// anything else as for text.
    #[test]
    fn any_bytes_parse_or_fail_inside_the_input(input in hostile_bytes()) {
        shared::invariants(&input);
    }
}

/// Whatever parses from arbitrary text has its source texts inside it.
fn sources_lie_inside(input: &str) -> Result<(), TestCaseError> {
    let bytes = input.as_bytes();
    if let Ok(list) = AddressList::parse(input) {
        for mailbox in list.mailboxes() {
            addr_borrows(bytes, mailbox.addr_spec(), None)?;
        }
    }
    if let Ok(mailbox) = Mailbox::parse(input) {
        addr_borrows(bytes, mailbox.addr_spec(), None)?;
    }
    if let Ok(ReversePath::Path(addr)) = ReversePath::parse(input) {
        addr_borrows(bytes, &addr, None)?;
    }
    Ok(())
}
