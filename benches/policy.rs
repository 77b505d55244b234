//! Benchmarks of the policy layer's lookup tables and sender-login decision: a 100,000-entry
//! fixed-string table (loading it from its source text, then looking keys up, then whole
//! sender-login decisions against it), and size sweeps of `regexp:` and `pcre:` tables that show
//! the cost growing linearly with the number of rules and with the length of the key (the
//! `regex` crate matches in time linear in the input, whatever the pattern).
//!
//! Run with `cargo bench --bench policy` (about a minute); the figures are in
//! `benches/README.md`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use mail_envelope::policy::sender_login::{check, Mode, Options};
use mail_envelope::policy::table::{Lookup, Table};
use mail_envelope::ReversePath;

/// The number of entries of the large fixed-string table.
const ENTRIES: usize = 100_000;

/// The source text of a `postmap` table of `n` entries.
fn fixed_text(n: usize) -> String {
    let mut text = String::with_capacity(n * 40);
    for i in 0..n {
        let _ = writeln!(text, "user{i}@example{}.com user{i}, admin", i % 100);
    }
    text
}

/// A `regexp:` table of `n` rules that never match a `@example.com` key, then one that does.
fn regexp_text(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        let _ = writeln!(text, "/^never{i}@example\\.org$/ nobody");
    }
    text.push_str("/^(.*)@example\\.com$/ ${1}\n");
    text
}

fn fixed(c: &mut Criterion) {
    let text = fixed_text(ENTRIES);
    let mut group = c.benchmark_group("policy/fixed");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    group.throughput(Throughput::Elements(ENTRIES as u64));
    group.bench_function("load hash 100000 entries", |b| {
        b.iter(|| Table::hash("hash:big", black_box(&text)));
    });
    group.finish();

    let table = Table::hash("hash:big", &text);
    let keys: Vec<String> = (0..1000)
        .map(|i| format!("User{}@Example{}.com", i * 97, (i * 97) % 100))
        .collect();
    let mut group = c.benchmark_group("policy/fixed");
    group.throughput(Throughput::Elements(keys.len() as u64));
    group.bench_function("lookup 1000 hits", |b| {
        b.iter(|| {
            keys.iter()
                .filter(|k| matches!(table.lookup(k), Lookup::Found(_)))
                .count()
        });
    });
    let misses: Vec<String> = (0..1000).map(|i| format!("nobody{i}@example.net")).collect();
    group.bench_function("lookup 1000 misses", |b| {
        b.iter(|| {
            misses
                .iter()
                .filter(|k| matches!(table.lookup(k), Lookup::Found(_)))
                .count()
        });
    });
    let maps = [table];
    let options = Options::default().recipient_delimiter("+").local_domain("example1.com");
    let senders: Vec<ReversePath<'static>> = (0..1000)
        .map(|i| {
            let sender = if i % 2 == 0 {
                format!("<user{i}+tag@example{}.com>", i % 100)
            } else {
                format!("<stranger{i}@example1.com>")
            };
            ReversePath::parse(&sender).unwrap().into_owned()
        })
        .collect();
    group.bench_function("sender-login 1000 decisions", |b| {
        b.iter(|| {
            senders
                .iter()
                .filter(|s| {
                    check(&maps, &options, Mode::RejectSenderLoginMismatch, s, Some("user0"))
                        .is_ok_and(|d| d.reply().is_some())
                })
                .count()
        });
    });
    group.finish();
}

fn patterns(c: &mut Criterion) {
    let mut group = c.benchmark_group("policy/regexp rules");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    for rules in [100, 1_000, 10_000] {
        let text = regexp_text(rules);
        group.throughput(Throughput::Elements(rules as u64));
        group.bench_with_input(BenchmarkId::new("load", rules), &text, |b, text| {
            b.iter(|| Table::regexp("regexp:sweep", black_box(text)).unwrap());
        });
        let table = Table::regexp("regexp:sweep", &text).unwrap();
        group.bench_with_input(
            BenchmarkId::new("lookup through all rules", rules),
            &table,
            |b, table| {
                b.iter(|| table.lookup(black_box("someone@example.com")));
            },
        );
    }
    group.finish();

    let mut group = c.benchmark_group("policy/pcre key length");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    let table = Table::pcre("pcre:evil", "/^(a+)+$/ evil\n/^(a|aa)*c$/ evil2\n/^(.*)$/ ${1}\n").unwrap();
    for len in [1 << 10, 1 << 12, 1 << 14, 1 << 16, 1 << 18, 1 << 20] {
        let key = format!("{}b", "a".repeat(len));
        group.throughput(Throughput::Bytes(key.len() as u64));
        group.bench_with_input(BenchmarkId::new("pathological", len), &key, |b, key| {
            b.iter(|| table.lookup(black_box(key)));
        });
    }
    group.finish();
}

fn main() {
    let mut criterion = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .configure_from_args();
    fixed(&mut criterion);
    patterns(&mut criterion);
    criterion.final_summary();
}
