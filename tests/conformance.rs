//! The third-party conformance suites in `tests/conformance/`, run against the public API in the
//! style of url's WPT runner: every record is evaluated, and the run fails on any disagreement that
//! `tests/conformance/expected_deviations.txt` does not list, on any listed case that now agrees,
//! and on any listed case that does not exist. Provenance, licences and the mapping of each file's
//! expectations are in `tests/conformance/PROVENANCE.md`; `cargo test --test conformance` runs it.
//!
//! # What each record is fed to
//!
//! By `kind`: `addr-spec` → [`AddrSpec::parse`], `mailbox` / `address-single` → [`Mailbox::parse`]
//! (js-email-addresses' `parseSender` → a list of exactly one address, RFC 6854 §2.1),
//! `address-list` → [`AddressList::parse`], `format` → [`Mailbox::to_header`], `format-roundtrip`
//! → `to_header` and back. Records with `input_hex` go through `parse_bytes`. Python's
//! parser-level kinds name one RFC 5322 rule; [`cpython_probe`] puts the text Python parsed
//! (`extra.consumed`; the whole input for a rejection) where that rule stands in the nearest whole
//! input and checks that the crate read it as that rule:
//!
//! | kind | text fed | read as the rule when |
//! |---|---|---|
//! | `addr-spec` | `{}` | an addr-spec parses |
//! | `local-part` | `{}@example.com` | an addr-spec parses |
//! | `dot-atom` | `{}@example.com`, Strict (§3.4.1 without obs-local-part) | it parses, local part unquoted |
//! | `quoted-string` | `{}@example.com` | it parses, the local part is one quoted-string |
//! | `domain` | `user@{}` | it parses |
//! | `domain-literal` | `user@{}` | it parses, the domain is a literal |
//! | `comment` / `cfws` | `user@example.com{}` | it parses (with a comment, for `comment`) |
//! | `atom` / `word` / `phrase` / `display-name` | `{} <user@example.com>` | it parses with a display name |
//! | `encoded-word` | `{} <user@example.com>` | it parses with a display name that was decoded |
//! | `obs-route` | `<{}user@example.com>` | it parses and a route was dropped |
//! | `angle-addr` / `name-addr` / `mailbox` | `{}` | a mailbox parses |
//! | `address` / `group` | `{}` | a list of exactly one address (a group) parses |
//! | `mailbox-list` | `{}` | a list without groups parses |
//! | `group-list` | `g:{};` | the group parses |
//!
//! # How the sources' values are read
//!
//! * `display_name` is compared as is (every source gives the decoded value).
//! * `addr` differs by source, so the crate's value is written in the source's form: Python and
//!   rust-email-address give the canonical addr-spec ([`AddrSpec`]'s `Display`); js-email-addresses
//!   the semantic one (the local part's value, unquoted, `@`, the domain); Jakarta the addr-spec as
//!   written without CFWS around its parts (`LocalPart::as_str`, `Domain::as_str`) and a group as
//!   the group's whole text, compared by the group's name; mail-parser the addr-spec as written
//!   with comments dropped, compared with the canonical form. Jakarta and mail-parser keep the
//!   input's white space, so white space outside quotes is removed from both sides first.
//! * In `addresses`, a null `display_name` means "no display name" for Python and mail-parser
//!   (their observed values) and "not asserted" for js-email-addresses and Jakarta; top-level
//!   nulls are never asserted. An entry with only a `group` stands for that group's members (an
//!   empty group is such an entry in mail-parser's results and no entry in the others').
//! * Jakarta and mail-parser inputs are header field bodies stored in text files: a final LF (and
//!   anything after an LF that no white space follows) is the end of the field, and LF before white
//!   space is a fold, written CRLF (RFC 5322 §2.2, §2.2.3) before parsing.
//! * isemail: `extra.smtp_usability` `ok` → category valid or rfc5321 and a reverse-path exists;
//!   `needs-cfws-removal` → category cfws and a reverse-path exists; `deprecated` → category
//!   deprecated; `rfc5322-only` → it parses but `to_reverse_path()` errors; `invalid` → parse error.
//! * `valid = null`: when the crate parses the input and the record asserts values, they are
//!   compared; otherwise the record counts as "no verdict".
//! * Source options: see [`options_for`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::process::ExitCode;

use mail_envelope::{
    AddrSpec, Address, AddressList, Category, Diagnosis, Domain, Group, Mailbox, ParseError, ParseOptions,
    RenderOptions, Strictness,
};
use serde::Deserialize;
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance");

const SUITES: &[&str] = &[
    "isemail-php-tests.jsonl",
    "isemail-php-original.jsonl",
    "isemail-node.jsonl",
    "egulias-emailvalidator.jsonl",
    "rust-email-address.jsonl",
    "js-email-addresses.jsonl",
    "cpython-header-value-parser.jsonl",
    "jakarta-mail-addrlist.jsonl",
    "rust-mail-parser.jsonl",
];

// ----- records -----

#[derive(Debug, Deserialize)]
struct Record {
    source: String,
    id: String,
    input: Option<String>,
    #[serde(default)]
    input_hex: Option<String>,
    kind: String,
    valid: Option<bool>,
    display_name: Option<String>,
    addr: Option<String>,
    group: Option<String>,
    addresses: Option<Vec<Expected>>,
    note: Option<String>,
    #[serde(default)]
    extra: Value,
}

/// One entry of `addresses`.
#[derive(Debug, Clone, Deserialize)]
struct Expected {
    display_name: Option<String>,
    addr: Option<String>,
    group: Option<String>,
}

impl Record {
    fn extra_str(&self, key: &str) -> Option<&str> {
        self.extra.get(key).and_then(Value::as_str)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Isemail,
    Egulias,
    RustEmailAddress,
    Js,
    Cpython,
    Jakarta,
    MailParser,
}

impl Source {
    fn of(tag: &str) -> Option<Self> {
        Some(match tag {
            "isemail-php" | "isemail-php-original" | "isemail-node" => Self::Isemail,
            "egulias-emailvalidator" => Self::Egulias,
            "rust-email-address" => Self::RustEmailAddress,
            "js-email-addresses" => Self::Js,
            "cpython-header-value-parser" => Self::Cpython,
            "jakarta-mail-addrlist" => Self::Jakarta,
            "rust-mail-parser" => Self::MailParser,
            _ => return None,
        })
    }

    /// Whether a null `display_name` in `addresses` asserts that there is none.
    fn null_name_is_absent(self) -> bool {
        matches!(self, Self::Cpython | Self::MailParser)
    }
}

/// What a record says about the crate.
#[derive(Debug)]
enum Outcome {
    Agree,
    Disagree(String),
    NotApplicable(String),
    /// No validity verdict and no value the crate's reading could be compared with.
    NoVerdict(String),
}

// ----- input -----

/// The input as the crate receives it: text, or bytes that are not UTF-8 (for `parse_bytes`).
enum Text {
    Str(String),
    Bytes(Vec<u8>),
}

impl Text {
    fn new(bytes: Vec<u8>) -> Self {
        match String::from_utf8(bytes) {
            Ok(s) => Self::Str(s),
            Err(e) => Self::Bytes(e.into_bytes()),
        }
    }

    fn as_str(&self) -> Result<&str, String> {
        match self {
            Self::Str(s) => Ok(s),
            Self::Bytes(_) => Err("input is not UTF-8".into()),
        }
    }
}

fn decode_hex(hex: &str) -> Result<Vec<u8>, String> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("?"), 16).map_err(|e| format!("input_hex: {e}")))
        .collect()
}

/// A header field body stored in a text file: it ends at the first LF that no white space
/// follows, and an LF before white space (without its CR) is a fold, `CRLF WSP`.
fn field_body(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 8);
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            if !matches!(bytes.get(i + 1), Some(b' ' | b'\t')) {
                if out.last() == Some(&b'\r') {
                    out.pop();
                }
                break;
            }
            if out.last() != Some(&b'\r') {
                out.push(b'\r');
            }
        }
        out.push(b);
    }
    out
}

fn record_text(rec: &Record, source: Source) -> Result<Text, String> {
    let bytes = match (&rec.input_hex, &rec.input) {
        (Some(hex), _) => decode_hex(hex)?,
        (None, Some(s)) => s.clone().into_bytes(),
        (None, None) => return Err("no input".into()),
    };
    Ok(Text::new(match source {
        Source::Jakarta | Source::MailParser => field_body(&bytes),
        _ => bytes,
    }))
}

// ----- parsing -----

#[derive(Debug, Clone, Copy)]
enum Entry {
    AddrSpec,
    Mailbox,
    List,
}

/// A parsed value, whichever entry point produced it.
enum Parsed<'a> {
    AddrSpec(AddrSpec<'a>),
    Mailbox(Mailbox<'a>),
    List(AddressList<'a>),
}

fn show(e: &ParseError) -> String {
    format!("{e} [{}]", e.kind().code())
}

fn parse<'a>(entry: Entry, text: &'a Text, options: &ParseOptions) -> Result<Parsed<'a>, String> {
    let result = match text {
        Text::Str(s) => match entry {
            Entry::AddrSpec => AddrSpec::parse_with(s, options).map(Parsed::AddrSpec),
            Entry::Mailbox => Mailbox::parse_with(s, options).map(Parsed::Mailbox),
            Entry::List => AddressList::parse_with(s, options).map(Parsed::List),
        },
        Text::Bytes(b) => {
            // `parse_bytes` takes the default options; no record with non-UTF-8 input sets others.
            assert_eq!(options, &ParseOptions::default(), "options with non-UTF-8 input");
            match entry {
                Entry::AddrSpec => AddrSpec::parse_bytes(b).map(Parsed::AddrSpec),
                Entry::Mailbox => Mailbox::parse_bytes(b).map(Parsed::Mailbox),
                Entry::List => AddressList::parse_bytes(b).map(Parsed::List),
            }
        }
    };
    result.map_err(|e| format!("rejected: {}", show(&e)))
}

impl Parsed<'_> {
    fn addr_spec(&self) -> Option<&AddrSpec<'_>> {
        match self {
            Parsed::AddrSpec(a) => Some(a),
            Parsed::Mailbox(m) => Some(m.addr_spec()),
            Parsed::List(l) => match l.addresses() {
                [Address::Mailbox(m)] => Some(m.addr_spec()),
                _ => None,
            },
        }
    }

    fn mailbox(&self) -> Option<&Mailbox<'_>> {
        match self {
            Parsed::Mailbox(m) => Some(m),
            Parsed::List(l) => match l.addresses() {
                [Address::Mailbox(m)] => Some(m),
                _ => None,
            },
            Parsed::AddrSpec(_) => None,
        }
    }

    fn addresses(&self) -> usize {
        match self {
            Parsed::List(l) => l.addresses().len(),
            _ => 1,
        }
    }
}

// ----- the Python parser-level kinds -----

/// What must hold for the crate to have read the probe as the rule the record names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Any,
    UnquotedLocal,
    QuotedLocal,
    Literal,
    Comment,
    DisplayName,
    Decoded,
    Route,
    OneAddress,
    OneGroup,
    NoGroups,
}

struct Probe {
    entry: Entry,
    template: &'static str,
    strict: bool,
    shape: Shape,
}

/// Where the text of a Python parser-level record goes (the table in the module docs).
fn cpython_probe(kind: &str) -> Option<Probe> {
    let p = |entry, template, shape| Probe {
        entry,
        template,
        strict: false,
        shape,
    };
    Some(match kind {
        "addr-spec" => p(Entry::AddrSpec, "{}", Shape::Any),
        "local-part" => p(Entry::AddrSpec, "{}@example.com", Shape::Any),
        "dot-atom" => Probe {
            strict: true,
            ..p(Entry::AddrSpec, "{}@example.com", Shape::UnquotedLocal)
        },
        "quoted-string" => p(Entry::AddrSpec, "{}@example.com", Shape::QuotedLocal),
        "domain" => p(Entry::AddrSpec, "user@{}", Shape::Any),
        "domain-literal" => p(Entry::AddrSpec, "user@{}", Shape::Literal),
        "comment" => p(Entry::AddrSpec, "user@example.com{}", Shape::Comment),
        "cfws" => p(Entry::AddrSpec, "user@example.com{}", Shape::Any),
        "atom" | "word" | "phrase" | "display-name" => p(Entry::Mailbox, "{} <user@example.com>", Shape::DisplayName),
        "encoded-word" => p(Entry::Mailbox, "{} <user@example.com>", Shape::Decoded),
        "obs-route" => p(Entry::Mailbox, "<{}user@example.com>", Shape::Route),
        "angle-addr" | "name-addr" | "mailbox" => p(Entry::Mailbox, "{}", Shape::Any),
        "address" => p(Entry::List, "{}", Shape::OneAddress),
        "group" => p(Entry::List, "{}", Shape::OneGroup),
        "mailbox-list" | "address-list" => p(
            Entry::List,
            "{}",
            if kind == "mailbox-list" {
                Shape::NoGroups
            } else {
                Shape::Any
            },
        ),
        "group-list" => p(Entry::List, "g:{};", Shape::Any),
        _ => return None,
    })
}

/// Whether the crate's reading has the shape the rule needs; `Err` says what it read instead.
fn check_shape(parsed: &Parsed<'_>, shape: Shape, part: &str) -> Result<(), String> {
    let addr = parsed.addr_spec();
    let local = addr.map(|a| a.local_part().as_str());
    let ok = match shape {
        Shape::Any => true,
        Shape::UnquotedLocal => local.is_some_and(|l| !l.starts_with('"')),
        Shape::QuotedLocal => local.is_some_and(|l| l.len() >= 2 && l.starts_with('"') && l.ends_with('"')),
        Shape::Literal => addr.is_some_and(|a| matches!(a.domain(), Domain::Literal(_))),
        Shape::Comment => addr.is_some_and(|a| a.diagnoses().contains(Diagnosis::CfwsComment)),
        Shape::DisplayName => parsed.mailbox().is_some_and(|m| m.display_name().is_some()),
        Shape::Decoded => parsed
            .mailbox()
            .and_then(Mailbox::display_name)
            .is_some_and(|n| n != part.trim()),
        Shape::Route => parsed
            .mailbox()
            .is_some_and(|m| m.diagnoses().contains(Diagnosis::ObsRouteDropped)),
        Shape::OneAddress => matches!(parsed, Parsed::List(l) if l.addresses().len() == 1),
        Shape::OneGroup => matches!(parsed, Parsed::List(l) if matches!(l.addresses(), [Address::Group(_)])),
        Shape::NoGroups => {
            matches!(parsed, Parsed::List(l) if l.addresses().iter().all(|a| matches!(a, Address::Mailbox(_))))
        }
    };
    if ok {
        Ok(())
    } else {
        Err(format!("not read as the rule ({shape:?}): {}", describe(parsed)))
    }
}

// ----- options -----

/// The options a record is evaluated under, or why it is not applicable.
///
/// A source option with a counterpart in [`ParseOptions`] is evaluated under it (js `strict` →
/// Strict; js `commaInDisplayName` / `atInDisplayName`, which admit specials in a single mailbox's
/// display name → Lenient). An option that only turns on what RFC 5322 allows anyway (rust
/// `allow_domain_literal`, js `rfc6532`, `rejectTLD: false`, `commaInDisplayName: false`) is
/// evaluated under Standard. An option that adds a rule the RFCs do not have, and the crate has no
/// counterpart for, makes the record not applicable.
fn options_for(rec: &Record, source: Source) -> Result<ParseOptions, String> {
    let standard = ParseOptions::default();
    let options = &rec.extra["options"];
    if options.is_null() {
        return Ok(standard);
    }
    match source {
        Source::Js => js_options(options),
        Source::RustEmailAddress => {
            let text = options.as_str().unwrap_or_default();
            let rfc_only = text.starts_with("Options {") && text.contains("allow_domain_literal: true");
            if rfc_only {
                Ok(standard)
            } else {
                Err(format!(
                    "source option `{text}`: a policy beyond RFC 5322 with no counterpart"
                ))
            }
        }
        _ => Ok(standard),
    }
}

fn js_options(options: &Value) -> Result<ParseOptions, String> {
    let standard = ParseOptions::default();
    let Some(map) = options.as_object() else {
        return Ok(standard);
    };
    let mut result = standard.clone();
    for (key, value) in map {
        match (key.as_str(), value) {
            ("strict", Value::Bool(true)) => result = result.strictness(Strictness::Strict),
            ("commaInDisplayName" | "atInDisplayName", Value::Bool(true)) => {
                result = result.strictness(Strictness::Lenient);
            }
            ("commaInDisplayName" | "rejectTLD", Value::Bool(false)) | ("rfc6532", Value::Bool(true)) => {}
            _ => {
                return Err(format!(
                    "source option `{key}: {value}`: not an RFC 5322 rule, no counterpart"
                ))
            }
        }
    }
    Ok(result)
}

// ----- values -----

/// One mailbox (or empty group) of a result, in the source's form.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    display_name: Option<String>,
    addr: Option<String>,
    group: Option<String>,
}

/// The addr-spec in the form the source gives `addr` in (module docs).
fn addr_form(a: &AddrSpec<'_>, source: Source) -> String {
    match source {
        Source::Js => format!("{}@{}", a.local_part().value(), a.domain()),
        Source::Jakarta => without_wsp(&format!("{}@{}", a.local_part().as_str(), a.domain().as_str())),
        _ => a.to_string(),
    }
}

/// The source's `addr` in the crate's form: Jakarta and mail-parser keep the white space of the
/// input, which is removed outside quotes.
fn expected_addr(addr: &str, source: Source) -> String {
    if matches!(source, Source::Jakarta | Source::MailParser) {
        without_wsp(addr)
    } else {
        addr.to_owned()
    }
}

/// `text` without the white space that stands outside quoted-strings.
fn without_wsp(text: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut escaped = false;
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ' ' | '\t' if !quoted => continue,
            _ => {}
        }
        out.push(c);
    }
    out
}

fn seen_mailbox(m: &Mailbox<'_>, group: Option<&str>, source: Source) -> Seen {
    Seen {
        display_name: m.display_name().map(str::to_owned),
        addr: Some(addr_form(m.addr_spec(), source)),
        group: group.map(str::to_owned),
    }
}

/// The result as a flat list: mailboxes with their group's name, an empty group as its name alone.
/// Jakarta gives a group as one address, and Python's `address` and `group-list` give the members
/// of their one group without its name.
fn seen(parsed: &Parsed<'_>, source: Source, kind: &str) -> Vec<Seen> {
    let list = match parsed {
        Parsed::AddrSpec(a) => {
            return vec![Seen {
                display_name: None,
                addr: Some(addr_form(a, source)),
                group: None,
            }]
        }
        Parsed::Mailbox(m) => return vec![seen_mailbox(m, None, source)],
        Parsed::List(l) => l,
    };
    let members_only = source == Source::Cpython && matches!(kind, "address" | "group-list");
    let mut out = Vec::new();
    for address in list.addresses() {
        match address {
            Address::Mailbox(m) => out.push(seen_mailbox(m, None, source)),
            Address::Group(g) if members_only => out.extend(g.members().iter().map(|m| seen_mailbox(m, None, source))),
            Address::Group(g)
                if g.members().is_empty() && source != Source::MailParser && source != Source::Jakarta => {}
            Address::Group(g) if source == Source::Jakarta || g.members().is_empty() => out.push(Seen {
                display_name: None,
                addr: None,
                group: Some(g.display_name().to_owned()),
            }),
            Address::Group(g) => {
                let name = Some(g.display_name());
                out.extend(g.members().iter().map(|m| seen_mailbox(m, name, source)));
            }
        }
    }
    out
}

/// Jakarta gives a group as its text `name:members;`: it stands for the group named `name`.
fn expected_entries(rec: &Record, source: Source) -> Option<Vec<Expected>> {
    let mut entries = rec.addresses.clone()?;
    if source == Source::Jakarta {
        for e in &mut entries {
            let group = e.addr.as_deref().and_then(|a| {
                let (name, _) = a.split_once(':')?;
                a.ends_with(';').then(|| name.trim().to_owned())
            });
            if let Some(name) = group {
                e.addr = None;
                e.group = Some(name);
            }
        }
    }
    Some(entries)
}

/// Values compared, and the mismatches among them.
#[derive(Debug, Default)]
struct Checked {
    compared: usize,
    mismatches: Vec<String>,
}

impl Checked {
    fn check(&mut self, what: &str, expected: &str, got: Option<&str>) {
        self.compared += 1;
        if got != Some(expected) {
            self.mismatches
                .push(format!("{what}: expected {expected:?}, got {got:?}"));
        }
    }
}

fn compare_entries(expected: &[Expected], seen: &[Seen], source: Source, out: &mut Checked) {
    let mut j = 0;
    for (i, e) in expected.iter().enumerate() {
        if let (None, None, Some(group)) = (&e.display_name, &e.addr, &e.group) {
            let start = j;
            while seen.get(j).is_some_and(|s| s.group.as_deref() == Some(group)) {
                j += 1;
            }
            out.compared += 1;
            if j == start {
                out.mismatches
                    .push(format!("address {i}: expected group {group:?}, got {:?}", seen.get(j)));
            }
            continue;
        }
        let Some(s) = seen.get(j) else {
            out.mismatches.push(format!("address {i}: expected {e:?}, got nothing"));
            continue;
        };
        j += 1;
        if let Some(addr) = &e.addr {
            out.check(
                &format!("address {i} addr"),
                &expected_addr(addr, source),
                s.addr.as_deref(),
            );
        }
        match &e.display_name {
            Some(name) => out.check(&format!("address {i} display_name"), name, s.display_name.as_deref()),
            None if source.null_name_is_absent() && s.display_name.is_some() => {
                out.mismatches.push(format!(
                    "address {i}: expected no display name, got {:?}",
                    s.display_name
                ));
            }
            None => {}
        }
        if e.group != s.group {
            out.mismatches
                .push(format!("address {i} group: expected {:?}, got {:?}", e.group, s.group));
        }
    }
    if j != seen.len() {
        out.mismatches.push(format!(
            "expected {} addresses, got {}: {seen:?}",
            expected.len(),
            seen.len()
        ));
    }
}

/// Compares every value the record asserts with the crate's reading.
fn compare(rec: &Record, source: Source, parsed: &Parsed<'_>, part: &str) -> Checked {
    let mut out = Checked::default();
    let single = parsed.mailbox();
    let only_group = match parsed {
        Parsed::List(l) => match l.addresses() {
            [Address::Group(g)] => Some(g),
            _ => None,
        },
        _ => None,
    };
    if let Some(name) = &rec.display_name {
        let got = single
            .and_then(Mailbox::display_name)
            .or(only_group.map(Group::display_name));
        out.check("display_name", name, got);
    }
    if let Some(addr) = &rec.addr {
        let got = parsed.addr_spec().map(|a| addr_form(a, source));
        out.check("addr", &expected_addr(addr, source), got.as_deref());
    }
    if let Some(group) = &rec.group {
        out.check("group", group, only_group.map(Group::display_name));
    }
    match expected_entries(rec, source) {
        Some(entries) => compare_entries(&entries, &seen(parsed, source, &rec.kind), source, &mut out),
        None => {
            if let Some(n) = rec.extra.get("expected_count").and_then(Value::as_u64) {
                let got = parsed.addresses().to_string();
                out.check("address count", &n.to_string(), Some(&got));
            }
        }
    }
    if source == Source::Cpython {
        compare_cpython(rec, parsed, part, &mut out);
    }
    out
}

/// The token attributes Python's tests assert: the local part's and the domain's values, and an
/// encoded-word's decoded text.
fn compare_cpython(rec: &Record, parsed: &Parsed<'_>, part: &str, out: &mut Checked) {
    let asserted = |attr: &str| {
        rec.extra["asserted_attrs"]
            .as_array()
            .is_some_and(|a| a.iter().any(|v| v.as_str() == Some(attr)))
    };
    let observed = &rec.extra["observed"];
    let addr = parsed.addr_spec();
    if rec.kind == "local-part" && asserted("local_part") {
        if let Some(local) = observed["local_part"].as_str() {
            out.check("local_part", local, addr.map(|a| a.local_part().value()));
        }
    }
    if matches!(rec.kind.as_str(), "domain" | "domain-literal") && asserted("domain") {
        if let Some(domain) = observed["domain"].as_str() {
            out.check("domain", domain, addr.map(|a| a.domain().to_string()).as_deref());
        }
    }
    if rec.kind == "encoded-word" && rec.extra.get("via").is_some() {
        if let Some(value) = rec.extra_str("value") {
            let got = parsed.mailbox().and_then(Mailbox::display_name);
            out.check("decoded text", value, got.filter(|n| *n != part.trim()));
        }
    }
}

fn describe(parsed: &Parsed<'_>) -> String {
    match parsed {
        Parsed::AddrSpec(a) => format!("addr-spec {a} [{}]", a.category()),
        Parsed::Mailbox(m) => format!("mailbox {:?} <{}>", m.display_name(), m.addr_spec()),
        Parsed::List(l) => format!("list {l}"),
    }
}

// ----- evaluation -----

/// The crate's verdict against the record's.
fn judge(expected: Option<bool>, result: Result<Checked, String>) -> Outcome {
    match (expected, result) {
        (Some(true) | None, Ok(c)) if !c.mismatches.is_empty() => Outcome::Disagree(c.mismatches.join("; ")),
        (Some(true), Ok(_)) | (Some(false), Err(_)) => Outcome::Agree,
        (None, Ok(c)) if c.compared > 0 => Outcome::Agree,
        (None, Ok(_)) => Outcome::NoVerdict("parsed; nothing asserted".into()),
        (None, Err(e)) => Outcome::NoVerdict(e),
        (Some(true), Err(e)) => Outcome::Disagree(e),
        (Some(false), Ok(_)) => Outcome::Disagree("accepted".into()),
    }
}

fn evaluate(rec: &Record, source: Source) -> Outcome {
    match rec.kind.as_str() {
        "format" | "format-roundtrip" => return format_case(rec),
        _ if source == Source::Isemail => return isemail(rec),
        _ => {}
    }
    let options = match options_for(rec, source) {
        Ok(o) => o,
        Err(reason) => return Outcome::NotApplicable(reason),
    };
    let text = match record_text(rec, source) {
        Ok(t) => t,
        Err(e) => return Outcome::Disagree(e),
    };
    let (entry, shape) = match (rec.kind.as_str(), rec.extra_str("api")) {
        (_, Some("parseSender")) => (Entry::List, Shape::OneAddress),
        ("addr-spec", _) if source != Source::Cpython => (Entry::AddrSpec, Shape::Any),
        ("mailbox" | "address-single", _) if source != Source::Cpython => (Entry::Mailbox, Shape::Any),
        ("address-list", _) if source != Source::Cpython => (Entry::List, Shape::Any),
        (kind, _) if source == Source::Cpython => return cpython(rec, kind, &text),
        (kind, _) => return Outcome::NotApplicable(format!("kind `{kind}` has no entry point")),
    };
    let result = parse(entry, &text, &options).and_then(|parsed| {
        check_shape(&parsed, shape, "")?;
        Ok(compare(rec, source, &parsed, ""))
    });
    let outcome = judge(rec.valid, result);
    match (outcome, &text) {
        (Outcome::Disagree(d), Text::Str(s)) => Outcome::Disagree(format!("{d} (fed {s:?})")),
        (o, _) => o,
    }
}

fn cpython(rec: &Record, kind: &str, text: &Text) -> Outcome {
    let Some(probe) = cpython_probe(kind) else {
        return Outcome::NotApplicable(format!("parser-level kind `{kind}` has no public entry point"));
    };
    let whole = match text.as_str() {
        Ok(s) => s,
        Err(e) => return Outcome::Disagree(e),
    };
    let part = match rec.valid {
        Some(true) => rec.extra_str("consumed").unwrap_or(whole),
        _ => whole,
    };
    let fed = Text::Str(probe.template.replacen("{}", part, 1));
    let options = ParseOptions::default().strictness(if probe.strict {
        Strictness::Strict
    } else {
        Strictness::Standard
    });
    let result = parse(probe.entry, &fed, &options).and_then(|parsed| {
        check_shape(&parsed, probe.shape, part)?;
        Ok(compare(rec, Source::Cpython, &parsed, part))
    });
    match judge(rec.valid, result) {
        Outcome::Disagree(d) => Outcome::Disagree(format!("{d} (fed {:?})", fed.as_str().unwrap_or_default())),
        o => o,
    }
}

/// isemail: the category mapping of the module docs.
fn isemail(rec: &Record) -> Outcome {
    let text = match record_text(rec, Source::Isemail) {
        Ok(t) => t,
        Err(e) => return Outcome::Disagree(e),
    };
    let usability = rec.extra_str("smtp_usability").unwrap_or("?");
    let parsed = match parse(Entry::AddrSpec, &text, &ParseOptions::default()) {
        Ok(Parsed::AddrSpec(a)) => a,
        Ok(_) => unreachable!("AddrSpec entry point"),
        Err(e) if usability == "invalid" => return agree_if(true, e),
        Err(e) => return Outcome::Disagree(format!("expected {usability}, {e}")),
    };
    let category = parsed.category();
    let envelope = parsed
        .to_reverse_path()
        .map(|p| p.to_string())
        .map_err(|e| e.to_string());
    let ok = match usability {
        "ok" => matches!(category, Category::Valid | Category::Rfc5321) && envelope.is_ok(),
        "needs-cfws-removal" => category == Category::Cfws && envelope.is_ok(),
        "deprecated" => category == Category::Deprecated,
        "rfc5322-only" => envelope.is_err(),
        _ => false,
    };
    let codes: Vec<&str> = parsed.diagnoses().iter().map(Diagnosis::code).collect();
    agree_if(
        ok,
        format!(
            "expected {usability} ({}), got category {category} {codes:?}, envelope {envelope:?}",
            rec.note
                .as_deref()
                .unwrap_or_default()
                .split(';')
                .next()
                .unwrap_or_default()
        ),
    )
}

fn agree_if(ok: bool, detail: String) -> Outcome {
    if ok {
        Outcome::Agree
    } else {
        Outcome::Disagree(detail)
    }
}

/// `format`: the header form of (`display_name`, `addr`) is `extra.expected_output`;
/// `format-roundtrip`: the header form reads back as the same mailbox.
fn format_case(rec: &Record) -> Outcome {
    let Some(addr) = rec.addr.as_deref() else {
        return Outcome::NotApplicable("format case without an addr".into());
    };
    let addr_spec = match AddrSpec::parse(addr) {
        Ok(a) => a,
        Err(e) => return Outcome::Disagree(format!("addr does not parse: {}", show(&e))),
    };
    let mailbox = match Mailbox::new(rec.display_name.as_deref(), addr_spec) {
        Ok(m) => m,
        Err(e) => return Outcome::Disagree(format!("display name refused: {}", show(&e))),
    };
    let header = match mailbox.to_header(&RenderOptions::default()) {
        Ok(h) => h,
        Err(e) => return Outcome::Disagree(format!("to_header: {e}")),
    };
    if rec.kind == "format" {
        return match rec.extra_str("expected_output") {
            Some(want) => agree_if(header == want, format!("expected {want:?}, got {header:?}")),
            None => Outcome::NoVerdict("no expected_output".into()),
        };
    }
    match Mailbox::parse(&header) {
        Ok(back) => agree_if(back == mailbox, format!("{header:?} reads back as {back:?}")),
        Err(e) => Outcome::Disagree(format!("{header:?} does not parse: {}", show(&e))),
    }
}

// ----- the expected-deviations list -----

/// `source id  reason`, one per line: the id runs to the first two spaces.
fn load_deviations() -> Result<BTreeMap<(String, String), String>, String> {
    let path = format!("{DIR}/expected_deviations.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let parsed = line
            .split_once(' ')
            .and_then(|(source, rest)| rest.split_once("  ").map(|(id, reason)| (source, id, reason.trim())));
        let Some((source, id, reason)) = parsed.filter(|(_, _, r)| !r.is_empty()) else {
            return Err(format!(
                "expected_deviations.txt:{}: not `source id  reason`: {line:?}",
                n + 1
            ));
        };
        if out
            .insert((source.to_owned(), id.to_owned()), reason.to_owned())
            .is_some()
        {
            return Err(format!("expected_deviations.txt:{}: {source} {id} listed twice", n + 1));
        }
    }
    Ok(out)
}

// ----- the run -----

#[derive(Debug, Default)]
struct Tally {
    total: usize,
    agree: usize,
    deviations: usize,
    not_applicable: usize,
    no_verdict: usize,
    reasons: BTreeMap<String, usize>,
}

fn load_suite(file: &str) -> Result<Vec<Record>, String> {
    let path = format!("{DIR}/{file}");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    text.lines()
        .enumerate()
        .map(|(n, line)| serde_json::from_str(line).map_err(|e| format!("{file}:{}: {e}", n + 1)))
        .collect()
}

/// Runs one suite; returns its tally and its failures.
fn run_suite(
    records: &[Record],
    deviations: &BTreeMap<(String, String), String>,
    seen: &mut BTreeSet<(String, String)>,
) -> (Tally, Vec<String>) {
    let verbose = std::env::var_os("CONFORMANCE_VERBOSE").is_some();
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    for rec in records {
        let key = (rec.source.clone(), rec.id.clone());
        let Some(source) = Source::of(&rec.source) else {
            failures.push(format!("{} {}  unknown source tag", rec.source, rec.id));
            continue;
        };
        if !seen.insert(key.clone()) {
            failures.push(format!("{} {}  id occurs twice", rec.source, rec.id));
        }
        tally.total += 1;
        let listed = deviations.get(&key);
        match (evaluate(rec, source), listed) {
            (Outcome::Agree, None) => tally.agree += 1,
            (Outcome::Disagree(detail), Some(reason)) => {
                tally.deviations += 1;
                if verbose {
                    println!("{} {}  deviation ({reason}): {detail}", rec.source, rec.id);
                }
            }
            (Outcome::Disagree(detail), None) => {
                failures.push(format!("{} {}  UNEXPECTED FAILURE: {detail}", rec.source, rec.id));
            }
            (Outcome::NotApplicable(reason), None) => {
                tally.not_applicable += 1;
                *tally.reasons.entry(reason).or_default() += 1;
            }
            (Outcome::NoVerdict(why), None) => {
                tally.no_verdict += 1;
                if verbose {
                    println!("{} {}  no verdict: {why}", rec.source, rec.id);
                }
            }
            (outcome, Some(reason)) => failures.push(format!(
                "{} {}  UNEXPECTED PASS: listed ({reason}) but {outcome:?}",
                rec.source, rec.id
            )),
        }
    }
    (tally, failures)
}

fn main() -> ExitCode {
    let deviations = match load_deviations() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let mut seen = BTreeSet::new();
    let mut failures = Vec::new();
    let mut report = String::new();
    let _ = writeln!(
        report,
        "{:<28} {:>6} {:>7} {:>11} {:>9} {:>11}",
        "suite", "total", "passed", "deviations", "n/a", "no verdict"
    );
    for file in SUITES {
        let records = match load_suite(file) {
            Ok(r) => r,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let name = records.first().map_or(*file, |r| r.source.as_str()).to_owned();
        let (tally, mut fails) = run_suite(&records, &deviations, &mut seen);
        failures.append(&mut fails);
        let _ = writeln!(
            report,
            "{name:<28} {:>6} {:>7} {:>11} {:>9} {:>11}",
            tally.total, tally.agree, tally.deviations, tally.not_applicable, tally.no_verdict
        );
        for (reason, n) in &tally.reasons {
            let _ = writeln!(report, "    not applicable ({n}): {reason}");
        }
    }
    for (source, id) in deviations.keys() {
        if !seen.contains(&(source.clone(), id.clone())) {
            failures.push(format!(
                "{source} {id}  listed in expected_deviations.txt but no such case"
            ));
        }
    }
    print!("{report}");
    if failures.is_empty() {
        println!("conformance: ok");
        return ExitCode::SUCCESS;
    }
    for f in &failures {
        println!("{f}");
    }
    println!("conformance: {} failure(s)", failures.len());
    ExitCode::FAILURE
}
