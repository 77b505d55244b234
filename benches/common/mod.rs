//! The benches' shared input generator: a fixed-seed PRNG and the four peer workloads
//! (`bare`, `named`, `utf8`, `hard`). The same seed gives the same corpus on every machine and
//! every run, so numbers from two runs compare input for input.

// Each bench binary compiles this module on its own and uses a different part of it.
#![allow(dead_code)]

/// `SplitMix64`: tiny, fast, and good enough to pick words from a list.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator with a fixed seed.
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n).unwrap_or(u64::MAX);
        usize::try_from(self.next_u64() % n).unwrap_or(0)
    }

    /// One element of a non-empty slice.
    pub(crate) fn pick<'s>(&mut self, items: &[&'s str]) -> &'s str {
        items[self.below(items.len())]
    }

    /// `true` with probability `percent` / 100.
    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// The seed every corpus is generated from.
pub(crate) const SEED: u64 = 0x6d61_696c_2d65_6e76;

/// How many inputs each workload holds.
pub(crate) const WORKLOAD_LEN: usize = 10_000;

const FIRST: &[&str] = &[
    "john",
    "jane",
    "alice",
    "bob",
    "carol",
    "dave",
    "erin",
    "frank",
    "grace",
    "heidi",
    "ivan",
    "judy",
    "mallory",
    "oscar",
    "peggy",
    "trent",
    "victor",
    "walter",
    "keepalived",
    "ops",
    "noreply",
    "support",
    "christopher",
    "al",
];
const LAST: &[&str] = &[
    "doe",
    "smith",
    "jones",
    "brown",
    "taylor",
    "wilson",
    "martin",
    "lee",
    "walker",
    "hall",
    "allen",
    "young",
    "king",
    "wright",
    "scott",
    "green",
    "baker",
    "adams",
    "vandenberghe",
    "o",
];
/// Words of display names that are not personal names.
const NAME_WORDS: &[&str] = &[
    "Team", "Support", "Billing", "via", "Inc", "Ops", "Desk", "42", "Jr", "HR",
];
const TAGS: &[&str] = &["news", "billing", "github", "2024", "alerts", "x", "a-b", "list_7"];
const SUB: &[&str] = &[
    "mail", "smtp", "eu", "us", "dev", "corp", "lists", "server", "mx1", "in-bound", "a",
];
const BASE: &[&str] = &[
    "example",
    "acme",
    "contoso",
    "widgets",
    "bigcorp",
    "relay",
    "university",
    "shop",
    "my-company",
    "north-west-trains",
    "x",
    "a1-b2",
];
const TLD: &[&str] = &[
    "com", "org", "net", "io", "co.uk", "de", "example", "fr", "museum", "com.au",
];

const UTF8_NAMES: &[&str] = &[
    "José Müller",
    "Zoë Smith",
    "服务显示名称",
    "Дмитрий Иванов",
    "Ελένη Παπαδοπούλου",
    "Søren Kierkegaard",
    "李雷",
    "Ærøskøbing Kontor",
    "Łukasz Żółć",
    "山田 太郎",
    "François Lefèvre",
    "Jörg Weiß",
    "Анна",
    "김민준",
    "Núñez García Ana",
];
/// Display names that ISO-8859-1 can encode.
const LATIN1_NAMES: &[&str] = &[
    "José Müller",
    "André Dupont",
    "Jörg Weiß",
    "Søren Kierkegaard",
    "François Lefèvre",
    "Zoë Smith",
    "Ærøskøbing Kontor",
    "Núñez García",
];
const UTF8_LOCAL: &[&str] = &[
    "josé",
    "zoë",
    "用户",
    "дмитрий",
    "ελένη",
    "søren",
    "łukasz",
    "山田",
    "müller.info",
    "françois.lefèvre",
    "анна.п",
    "김민준",
];
const IDN_DOMAINS: &[&str] = &[
    "bücher.example",
    "例子.测试",
    "пример.рф",
    "παράδειγμα.δοκιμή",
    "münchen.de",
    "mail.straße.example",
    "日本語.jp",
    "société-générale.fr",
    "한국.kr",
];

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_ascii_uppercase().to_string() + chars.as_str())
}

/// `len` in `min..=max` letters and digits, a letter first.
fn token(rng: &mut Rng, min: usize, max: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
    const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let len = min + rng.below(max - min + 1);
    (0..len)
        .map(|i| {
            let set = if i == 0 { LETTERS } else { ALNUM };
            char::from(set[rng.below(set.len())])
        })
        .collect()
}

/// A domain name: one to six labels before the top-level domain, some hyphenated, some long.
fn domain(rng: &mut Rng) -> String {
    let base = rng.pick(BASE);
    let tld = rng.pick(TLD);
    match rng.below(20) {
        0..=7 => format!("{base}.{tld}"),
        8..=13 => format!("{}.{base}.{tld}", rng.pick(SUB)),
        14 | 15 => format!("{}.{}.{base}.{tld}", rng.pick(SUB), rng.pick(SUB)),
        16 | 17 => {
            let labels: Vec<String> = (0..3 + rng.below(4)).map(|_| token(rng, 1, 8)).collect();
            format!("{}.{tld}", labels.join("."))
        }
        18 => format!("{}-{}.{tld}", token(rng, 3, 10), token(rng, 2, 10)),
        _ => format!("{}.{tld}", token(rng, 20, 40)),
    }
}

/// A dot-atom local part as people write them: names, initials, tags, digits, random tokens.
fn local_part(rng: &mut Rng) -> String {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    match rng.below(14) {
        0 => first.to_owned(),
        1 | 2 => format!("{first}.{last}"),
        3 => format!("{}{last}", &first[..1]),
        4 => format!("{first}_{last}"),
        5 => format!("{first}-{last}{}", rng.below(100)),
        6 => format!("{first}.{last}+{}", rng.pick(TAGS)),
        7 => format!("{first}+{}", rng.pick(TAGS)),
        8 => token(rng, 1, 3),
        9 => token(rng, 8, 24),
        10 => {
            let parts: Vec<String> = (0..3 + rng.below(4)).map(|_| token(rng, 1, 6)).collect();
            parts.join(".")
        }
        11 => format!("{}{}", rng.below(100_000), token(rng, 0, 4)),
        12 => format!("{first}.{}.{last}", &rng.pick(FIRST)[..1]),
        _ => format!("{first}{}", 1950 + rng.below(75)),
    }
}

/// A plain `local@domain`.
fn addr(rng: &mut Rng) -> String {
    format!("{}@{}", local_part(rng), domain(rng))
}

/// A display name of one to four atoms (no `.`, which would make it an obs-phrase).
fn display_name(rng: &mut Rng) -> String {
    let first = capitalize(rng.pick(FIRST));
    let last = capitalize(rng.pick(LAST));
    match rng.below(8) {
        0 => first,
        1..=3 => format!("{first} {last}"),
        4 => format!("{first} {} {last}", capitalize(rng.pick(FIRST))),
        5 => format!("{first} {last}-{}", capitalize(rng.pick(LAST))),
        6 => format!("{first} {last} {}", rng.pick(NAME_WORDS)),
        _ => format!(
            "{} {} {}",
            capitalize(rng.pick(BASE)),
            rng.pick(NAME_WORDS),
            rng.pick(NAME_WORDS)
        ),
    }
}

/// White space of one to three spaces or tabs.
fn blanks(rng: &mut Rng) -> &'static str {
    rng.pick(&[" ", "  ", "\t", " \t", "\t ", "   "])
}

// --- bare ---------------------------------------------------------------------------------

/// `local@domain` of every everyday form.
fn addr_spec(rng: &mut Rng) -> String {
    addr(rng)
}

/// `<local@domain>` with no display name.
fn angle_only(rng: &mut Rng) -> String {
    format!("<{}>", addr(rng))
}

/// `local@domain` with white space before, after or around it.
fn spaced(rng: &mut Rng) -> String {
    let a = addr(rng);
    match rng.below(3) {
        0 => format!("{}{a}", blanks(rng)),
        1 => format!("{a}{}", blanks(rng)),
        _ => format!("{}{a}{}", blanks(rng), blanks(rng)),
    }
}

// --- named --------------------------------------------------------------------------------

/// `Name <addr>`.
fn name_addr(rng: &mut Rng) -> String {
    format!("{} <{}>", display_name(rng), addr(rng))
}

/// `Name<addr>`.
fn name_no_space(rng: &mut Rng) -> String {
    format!("{}<{}>", display_name(rng), addr(rng))
}

/// `Name \t<addr>`, and white space before the name or after `>`.
fn name_white_space(rng: &mut Rng) -> String {
    let name = display_name(rng);
    let a = addr(rng);
    let around = blanks(rng);
    match rng.below(3) {
        0 => format!("{name}{around}<{a}>"),
        1 => format!("{}{name}{around}<{a}>", blanks(rng)),
        _ => format!("{name}{around}<{a}>{}", blanks(rng)),
    }
}

/// `"Doe, Jane" <addr>` and other quoted names without quoted-pairs.
fn quoted_name(rng: &mut Rng) -> String {
    let first = capitalize(rng.pick(FIRST));
    let last = capitalize(rng.pick(LAST));
    let a = addr(rng);
    match rng.below(5) {
        0 | 1 => format!("\"{last}, {first}\" <{a}>"),
        2 => format!("\"{first} {last} (Ops)\" <{a}>"),
        3 => format!("\"{a}\" <{a}>"),
        _ => format!(
            "\"{first} {}. {last}\" <{a}>",
            &rng.pick(FIRST)[..1].to_ascii_uppercase()
        ),
    }
}

/// Quoted names with quoted-pairs: `"a \"b\" c" <addr>`, `"Doe\\Jane" <addr>`.
fn quoted_name_escapes(rng: &mut Rng) -> String {
    let first = capitalize(rng.pick(FIRST));
    let last = capitalize(rng.pick(LAST));
    let nick = capitalize(rng.pick(FIRST));
    let a = addr(rng);
    match rng.below(4) {
        0 | 1 => format!("\"{first} \\\"{nick}\\\" {last}\" <{a}>"),
        2 => format!("\"{last}\\\\{first}\" <{a}>"),
        _ => format!("\"\\\"{last}, {first}\\\"\" <{a}>"),
    }
}

// --- utf8 ---------------------------------------------------------------------------------

/// A UTF-8 display name, bare or quoted, with an ASCII address.
fn utf8_name(rng: &mut Rng) -> String {
    let name = rng.pick(UTF8_NAMES);
    let a = addr(rng);
    match rng.below(4) {
        0 => format!("\"{name}\" <{a}>"),
        1 => format!("{name}<{a}>"),
        _ => format!("{name} <{a}>"),
    }
}

/// A UTF-8 local part at an ASCII domain, bare.
fn utf8_local(rng: &mut Rng) -> String {
    format!("{}@{}", rng.pick(UTF8_LOCAL), domain(rng))
}

/// An ASCII local part at an IDN domain, bare.
fn idn_domain(rng: &mut Rng) -> String {
    format!("{}@{}", local_part(rng), rng.pick(IDN_DOMAINS))
}

/// A UTF-8 local part at an IDN domain, bare.
fn utf8_addr(rng: &mut Rng) -> String {
    format!("{}@{}", rng.pick(UTF8_LOCAL), rng.pick(IDN_DOMAINS))
}

/// `Name <addr>` where the address holds UTF-8 (and the name may too).
fn utf8_named_addr(rng: &mut Rng) -> String {
    let name = if rng.chance(50) {
        rng.pick(UTF8_NAMES).to_owned()
    } else {
        display_name(rng)
    };
    let a = match rng.below(3) {
        0 => utf8_local(rng),
        1 => idn_domain(rng),
        _ => utf8_addr(rng),
    };
    format!("{name} <{a}>")
}

// --- hard ---------------------------------------------------------------------------------

/// Comments before, after and inside the address, nested and with quoted-pairs.
fn comment(rng: &mut Rng) -> String {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    let dom = domain(rng);
    let (cf, cl) = (capitalize(first), capitalize(last));
    match rng.below(8) {
        0 => format!("{first}.{last}@{dom} ({cf} {cl})"),
        1 => format!("(sender) {first}.{last}@{dom}"),
        2 => format!("{cf} (work) <{first}@{dom}>"),
        3 => format!("{cf} {cl} <{first}@{dom}> (office)"),
        4 => format!("{first}(account)@{dom}"),
        5 => format!("{first}@{dom} ({cf} (the {cl}) {})", rng.below(100)),
        6 => format!("{cf}(A nice \\) chap) <{first}(account)@{dom}(host)>"),
        _ => format!("(from) {cf} <{first}.{last}@{dom}>"),
    }
}

/// Quoted local parts, bare and in `<…>`, with spaces, quoted-pairs, dots and `@`.
fn quoted_local(rng: &mut Rng) -> String {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    let dom = domain(rng);
    match rng.below(6) {
        0 => format!("\"{first} {last}\"@{dom}"),
        1 => format!("\"{first}\\\"{last}\"@{dom}"),
        2 => format!("\"{first}..{last}\"@{dom}"),
        3 => format!("\"{first}@{last}\"@{dom}"),
        4 => format!("{} <\"{first} {last}\"@{dom}>", capitalize(first)),
        _ => format!("\".{first}\"@{dom}"),
    }
}

/// `addr@[192.0.2.1]`, bare and in `<…>`.
fn ipv4_literal(rng: &mut Rng) -> String {
    let local = local_part(rng);
    let ip = format!(
        "{}.{}.{}.{}",
        rng.below(223) + 1,
        rng.below(256),
        rng.below(256),
        rng.below(254) + 1
    );
    if rng.chance(50) {
        format!("{local}@[{ip}]")
    } else {
        format!("{} <{local}@[{ip}]>", display_name(rng))
    }
}

/// `addr@[IPv6:…]`: compressed, full, loopback and IPv4-mapped forms, bare and in `<…>`.
fn ipv6_literal(rng: &mut Rng) -> String {
    let local = local_part(rng);
    let ip = match rng.below(4) {
        0 => format!("2001:db8::{:x}", rng.below(0x1_0000)),
        1 => {
            let groups: Vec<String> = (0..6).map(|_| format!("{:x}", rng.below(0x1_0000))).collect();
            format!("2001:db8:{}", groups.join(":"))
        }
        2 => "::1".to_owned(),
        _ => format!("::ffff:192.0.2.{}", rng.below(254) + 1),
    };
    if rng.chance(50) {
        format!("{local}@[IPv6:{ip}]")
    } else {
        format!("{} <{local}@[IPv6:{ip}]>", display_name(rng))
    }
}

/// RFC 2047 Q encoding of `bytes` (`_` for a space, `=XX` for anything but letters and digits).
fn q_encode(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for &b in bytes {
        match b {
            b' ' => out.push('_'),
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "={b:02X}");
            }
        }
    }
    out
}

/// Base64 (RFC 4648, with padding) of `bytes`.
fn b_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// RFC 2047 encoded-word display names: Q and B, UTF-8 and ISO-8859-1, alone, two in a row,
/// or next to plain words.
fn encoded_word(rng: &mut Rng) -> String {
    let a = addr(rng);
    let utf8 = rng.pick(UTF8_NAMES);
    let latin1 = rng.pick(LATIN1_NAMES);
    let latin1_bytes: Vec<u8> = latin1
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    match rng.below(7) {
        0 | 1 => format!("=?utf-8?q?{}?= <{a}>", q_encode(utf8.as_bytes())),
        2 => format!("=?utf-8?b?{}?= <{a}>", b_encode(utf8.as_bytes())),
        3 => format!("=?iso-8859-1?q?{}?= <{a}>", q_encode(&latin1_bytes)),
        4 => format!("=?UTF-8?B?{}?= <{a}>", b_encode(latin1.as_bytes())),
        5 => {
            let (given, family) = latin1.split_once(' ').unwrap_or((latin1, ""));
            format!(
                "=?utf-8?q?{}?= {} <{a}>",
                q_encode(given.as_bytes()),
                capitalize(family)
            )
        }
        _ => {
            let (given, family) = utf8.split_once(' ').unwrap_or((utf8, utf8));
            format!(
                "=?utf-8?q?{}?= =?utf-8?b?{}?= <{a}>",
                q_encode(given.as_bytes()),
                b_encode(family.as_bytes())
            )
        }
    }
}

/// Obsolete syntax (RFC 5322 §4): obs-phrase, obs-local-part, obs-domain, obs-route.
fn obsolete(rng: &mut Rng) -> String {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    let dom = domain(rng);
    let (cf, cl) = (capitalize(first), capitalize(last));
    match rng.below(6) {
        0 => format!("{}. {cl} <{first}@{dom}>", &cf[..1]),
        1 => format!(
            "{cf} {}. {cl} <{first}.{last}@{dom}>",
            rng.pick(FIRST)[..1].to_ascii_uppercase()
        ),
        2 => format!("{first} . {last}@{dom}"),
        3 => format!("<@relay.{dom}:{first}@{dom}>"),
        4 => format!("{cf} <@relay1.{dom},@relay2.{dom}:{first}@{dom}>"),
        _ => format!("\"{first}\".{last}@{dom}"),
    }
}

/// Folding white space (CRLF followed by a space or tab) between the parts.
fn folding(rng: &mut Rng) -> String {
    let a = addr(rng);
    let name = display_name(rng);
    let fold = if rng.chance(50) { "\r\n " } else { "\r\n\t" };
    match rng.below(4) {
        0 => format!("{name}{fold}<{a}>"),
        1 => format!("\"{name}\"{fold}<{a}>"),
        2 => {
            let (head, tail) = name.split_once(' ').unwrap_or((&name, "Doe"));
            format!("{head}{fold}{tail} <{a}>")
        }
        _ => format!("{a}{fold}({name})"),
    }
}

// --- workloads ----------------------------------------------------------------------------

/// One input shape: its name, its share of its workload, and its generator.
pub(crate) struct Shape {
    pub(crate) name: &'static str,
    pub(crate) weight: usize,
    pub(crate) generate: fn(&mut Rng) -> String,
}

const fn shape(name: &'static str, weight: usize, generate: fn(&mut Rng) -> String) -> Shape {
    Shape { name, weight, generate }
}

/// The shapes of each workload, with the weights they are drawn with.
pub(crate) const WORKLOADS: [(&str, &[Shape]); 4] = [
    (
        "bare",
        &[
            shape("addr_spec", 70, addr_spec),
            shape("angle_only", 15, angle_only),
            shape("spaced", 15, spaced),
        ],
    ),
    (
        "named",
        &[
            shape("name_addr", 35, name_addr),
            shape("name_no_space", 15, name_no_space),
            shape("name_white_space", 15, name_white_space),
            shape("quoted_name", 20, quoted_name),
            shape("quoted_name_escapes", 15, quoted_name_escapes),
        ],
    ),
    (
        "utf8",
        &[
            shape("utf8_name", 35, utf8_name),
            shape("utf8_local", 15, utf8_local),
            shape("idn_domain", 15, idn_domain),
            shape("utf8_addr", 10, utf8_addr),
            shape("utf8_named_addr", 25, utf8_named_addr),
        ],
    ),
    (
        "hard",
        &[
            shape("comment", 15, comment),
            shape("quoted_local", 15, quoted_local),
            shape("ipv4_literal", 10, ipv4_literal),
            shape("ipv6_literal", 10, ipv6_literal),
            shape("encoded_word", 20, encoded_word),
            shape("obsolete", 15, obsolete),
            shape("folding", 15, folding),
        ],
    ),
];

/// Every shape of every workload, in workload order.
pub(crate) fn shapes() -> impl Iterator<Item = &'static Shape> {
    WORKLOADS.iter().flat_map(|(_, shapes)| shapes.iter())
}

/// One generated input and the shape it was drawn from.
pub(crate) struct Input {
    pub(crate) shape: &'static str,
    pub(crate) text: String,
}

/// One input of `shapes`, drawn by weight.
fn draw(rng: &mut Rng, shapes: &'static [Shape]) -> Input {
    let total: usize = shapes.iter().map(|s| s.weight).sum();
    let mut n = rng.below(total);
    let shape = shapes
        .iter()
        .find(|s| {
            let hit = n < s.weight;
            n = n.saturating_sub(s.weight);
            hit
        })
        .unwrap_or(&shapes[0]);
    Input {
        shape: shape.name,
        text: (shape.generate)(rng),
    }
}

/// A mailbox of the `named` workload.
pub(crate) fn named(rng: &mut Rng) -> String {
    draw(rng, WORKLOADS[1].1).text
}

/// The four workloads, by name, each [`WORKLOAD_LEN`] inputs long, from [`SEED`].
pub(crate) fn workloads() -> Vec<(&'static str, Vec<Input>)> {
    let mut rng = Rng::new(SEED);
    WORKLOADS
        .iter()
        .map(|&(name, shapes)| (name, (0..WORKLOAD_LEN).map(|_| draw(&mut rng, shapes)).collect()))
        .collect()
}

/// `count` inputs of one shape, from [`SEED`].
pub(crate) fn shape_inputs(shape: &Shape, count: usize) -> Vec<String> {
    let mut rng = Rng::new(SEED);
    (0..count).map(|_| (shape.generate)(&mut rng)).collect()
}

/// Where criterion writes its results, decided as criterion itself does (`CRITERION_HOME`, else
/// `CARGO_TARGET_DIR/criterion`), else the `criterion` folder of the target directory this binary
/// was built in (`target/release/deps/<bench>-<hash>`).
pub(crate) fn criterion_dir() -> std::path::PathBuf {
    use std::path::PathBuf;
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.join("criterion")))
        .filter(|dir| dir.is_dir())
        .unwrap_or_else(|| PathBuf::from("target/criterion"))
}

/// The mean time of one iteration in nanoseconds (criterion's `mean.point_estimate`) of the
/// benchmark `group/function[/parameter]` in its last run, if it ran.
pub(crate) fn mean_ns(group: &str, function: &str, parameter: Option<&str>) -> Option<f64> {
    let mut path = criterion_dir().join(file_name(group)).join(file_name(function));
    if let Some(parameter) = parameter {
        path = path.join(file_name(parameter));
    }
    let text = std::fs::read_to_string(path.join("new").join("estimates.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["mean"]["point_estimate"].as_f64()
}

/// One benchmark's last result, read from criterion's files: its id (`group/function[/parameter]`),
/// the bytes its `Throughput` declared, and its mean time per iteration in nanoseconds.
pub(crate) struct Estimate {
    pub(crate) id: String,
    pub(crate) bytes: Option<u64>,
    pub(crate) mean_ns: f64,
}

/// The last results of every benchmark in `group`, sorted by id, numbers by value (criterion's
/// `benchmark.json` holds the id and the throughput, `estimates.json` the mean).
pub(crate) fn group_estimates(group: &str) -> Vec<Estimate> {
    fn walk(dir: &std::path::Path, out: &mut Vec<Estimate>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.file_name().is_some_and(|name| name == "new") {
                let read = |file: &str| -> Option<serde_json::Value> {
                    serde_json::from_str(&std::fs::read_to_string(path.join(file)).ok()?).ok()
                };
                if let (Some(benchmark), Some(estimates)) = (read("benchmark.json"), read("estimates.json")) {
                    if let (Some(id), Some(mean_ns)) = (
                        benchmark["full_id"].as_str(),
                        estimates["mean"]["point_estimate"].as_f64(),
                    ) {
                        let bytes = benchmark["throughput"]["Bytes"].as_u64();
                        out.push(Estimate {
                            id: id.to_owned(),
                            bytes,
                            mean_ns,
                        });
                    }
                }
            } else if path.is_dir() && path.file_name().is_some_and(|name| name != "base" && name != "report") {
                walk(&path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&criterion_dir().join(file_name(group)), &mut out);
    // Natural order: `named/2` before `named/16`.
    let key = |id: &str| -> Vec<(u64, String)> {
        id.split('/')
            .map(|part| part.parse().map_or((u64::MAX, part.to_owned()), |n| (n, String::new())))
            .collect()
    };
    out.sort_by_cached_key(|estimate| key(&estimate.id));
    out
}

/// A benchmark name as criterion spells it on disk: `?"/\*<>:|^` become `_` (so the group
/// `Mailbox::parse` lives in `Mailbox__parse`).
fn file_name(name: &str) -> String {
    name.chars()
        .map(|c| if "?\"/\\*<>:|^".contains(c) { '_' } else { c })
        .collect()
}

/// Whether the binary runs as a timed benchmark (`cargo bench` passes `--bench`), not once as a
/// test (`cargo test --benches`).
pub(crate) fn timed_run() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}
