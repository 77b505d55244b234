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
pub(crate) const WORKLOAD_LEN: usize = 512;

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
];
const LAST: &[&str] = &[
    "doe", "smith", "jones", "brown", "taylor", "wilson", "martin", "lee", "walker", "hall", "allen", "young", "king",
    "wright", "scott", "green", "baker", "adams",
];
const TAGS: &[&str] = &["news", "billing", "github", "2024", "alerts", "x"];
const SUB: &[&str] = &["mail", "smtp", "eu", "us", "dev", "corp", "lists", "server", "mx1"];
const BASE: &[&str] = &[
    "example",
    "acme",
    "contoso",
    "widgets",
    "bigcorp",
    "relay",
    "university",
    "shop",
];
const TLD: &[&str] = &["com", "org", "net", "io", "co.uk", "de", "example", "fr"];

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
];
const IDN_DOMAINS: &[&str] = &[
    "bücher.example",
    "例子.测试",
    "пример.рф",
    "παράδειγμα.δοκιμή",
    "münchen.de",
    "mail.straße.example",
    "日本語.jp",
];

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_ascii_uppercase().to_string() + chars.as_str())
}

fn domain(rng: &mut Rng) -> String {
    let base = rng.pick(BASE);
    let tld = rng.pick(TLD);
    if rng.chance(50) {
        format!("{}.{base}.{tld}", rng.pick(SUB))
    } else {
        format!("{base}.{tld}")
    }
}

fn local_part(rng: &mut Rng) -> String {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    match rng.below(6) {
        0 => format!("{first}.{last}"),
        1 => format!("{first}_{last}"),
        2 => format!("{}{last}", &first[..1]),
        3 => format!("{first}.{last}+{}", rng.pick(TAGS)),
        4 => format!("{first}-{last}{}", rng.below(100)),
        _ => first.to_owned(),
    }
}

/// `first.last+tag@sub.example.com` and its everyday variants.
pub(crate) fn bare(rng: &mut Rng) -> String {
    format!("{}@{}", local_part(rng), domain(rng))
}

/// `Name <addr>` and `"Quoted, Name" <addr>`.
pub(crate) fn named(rng: &mut Rng) -> String {
    let first = capitalize(rng.pick(FIRST));
    let last = capitalize(rng.pick(LAST));
    let addr = bare(rng);
    match rng.below(5) {
        0 | 1 => format!("{first} {last} <{addr}>"),
        2 => format!("\"{last}, {first}\" <{addr}>"),
        3 => format!("{first} <{addr}>"),
        _ => format!("\"{first} {last} (Ops)\" <{addr}>"),
    }
}

/// UTF-8 display names, UTF-8 local parts and IDN domains (RFC 6532, RFC 6531).
pub(crate) fn utf8(rng: &mut Rng) -> String {
    let name = rng.pick(UTF8_NAMES);
    match rng.below(5) {
        0 => format!("{name} <{}@{}>", local_part(rng), domain(rng)),
        1 => format!("{name} <{}@{}>", local_part(rng), rng.pick(IDN_DOMAINS)),
        2 => format!("{name} <{}@{}>", rng.pick(UTF8_LOCAL), domain(rng)),
        3 => format!("{}@{}", rng.pick(UTF8_LOCAL), rng.pick(IDN_DOMAINS)),
        _ => format!("{name} <{}@{}>", rng.pick(UTF8_LOCAL), rng.pick(IDN_DOMAINS)),
    }
}

/// Comments, quoted local parts, domain literals, encoded words and obsolete forms.
pub(crate) fn hard(rng: &mut Rng) -> String {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    let dom = domain(rng);
    let n = rng.below(250) + 1;
    match rng.below(16) {
        0 => format!("{first}.{last}@{dom} ({} {})", capitalize(first), capitalize(last)),
        1 => format!("{} <{first}@{dom}> (work)", capitalize(first)),
        2 => format!("(sender) {first}.{last}@{dom}"),
        3 => format!("\"{first} {last}\"@{dom}"),
        4 => format!("\"{first}\\\"{last}\"@{dom}"),
        5 => format!("\"{first}..{last}\"@{dom}"),
        6 => format!("{first}@[192.0.2.{n}]"),
        7 => format!("{} <{first}@[IPv6:2001:db8::{n:x}]>", capitalize(last)),
        8 => format!("=?utf-8?q?Jos=C3=A9_{}?= <{first}@{dom}>", capitalize(last)),
        9 => format!("=?iso-8859-1?q?Andr=E9_{}?= <{first}@{dom}>", capitalize(last)),
        10 => format!("=?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <{first}@{dom}>"),
        11 => format!("{first} . {last} @ {dom}"),
        12 => format!("{} <@relay.{dom}:{first}@{dom}>", capitalize(first)),
        13 => format!("{}. {} <{first}@{dom}>", capitalize(&first[..1]), capitalize(last)),
        14 => format!("{}(A nice \\) chap) <{first}(account)@{dom}(host)>", capitalize(first)),
        _ => format!("\"{}\" <\"{first}@{last}\"@{dom}>", capitalize(first)),
    }
}

/// The four workloads, by name, each [`WORKLOAD_LEN`] inputs long, from [`SEED`].
pub(crate) fn workloads() -> Vec<(&'static str, Vec<String>)> {
    type Generator = fn(&mut Rng) -> String;
    let generators: [(&'static str, Generator); 4] = [("bare", bare), ("named", named), ("utf8", utf8), ("hard", hard)];
    let mut rng = Rng::new(SEED);
    generators
        .iter()
        .map(|&(name, generate)| (name, (0..WORKLOAD_LEN).map(|_| generate(&mut rng)).collect()))
        .collect()
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
