//! Benchmarks of every parse entry point (`Mailbox`, `AddrSpec`, `AddressList`, `ReversePath`,
//! `ForwardPath`, `SmtpPath`) and of the two conversions a mailer runs after a parse
//! (`Mailbox::to_header`, `Mailbox::to_reverse_path`), with size sweeps, the cost of every input
//! shape of the peers corpus on its own (parse alone, then with `to_reverse_path`), and
//! adversarial input shapes swept from 1 KiB to 1 MiB to show that cost grows linearly with the
//! input.
//!
//! Every input is at most 1 MiB, under the default `max_input_len` of 4 MiB, so the default
//! `ParseOptions` apply throughout.

mod common;

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use mail_envelope::{AddrSpec, AddressList, ForwardPath, Mailbox, RenderOptions, ReversePath, SmtpPath};

/// The sizes the adversarial shapes are swept over: 1 KiB to 1 MiB.
const ADVERSARIAL_SIZES: [usize; 6] = [1 << 10, 1 << 12, 1 << 14, 1 << 16, 1 << 18, 1 << 20];

/// Local-part lengths swept, up to the RFC 5321 §4.5.3.1.1 limit of 64 octets.
const LOCAL_LENGTHS: [usize; 5] = [1, 8, 16, 32, 64];

/// Address-list sizes swept.
const LIST_SIZES: [usize; 8] = [1, 2, 4, 8, 16, 32, 64, 128];

fn bytes(input: &str) -> Throughput {
    Throughput::Bytes(input.len() as u64)
}

/// A local part of `len` octets: letters, with a `.` (or, for a quoted one, a space) every sixth
/// octet, never first or last.
fn local_part(len: usize, quoted: bool) -> String {
    let separator = if quoted { ' ' } else { '.' };
    (0..len)
        .map(|i| {
            if i % 6 == 5 && i + 1 < len {
                separator
            } else {
                char::from(b'a' + u8::try_from(i % 26).unwrap_or(0))
            }
        })
        .collect()
}

fn mailbox(c: &mut Criterion) {
    let mut group = c.benchmark_group("Mailbox::parse");
    let realistic = [
        ("bare", "first.last+tag@sub.example.com"),
        ("named", "Jane Doe <jane.doe@example.com>"),
        ("quoted_name", "\"Doe, Jane\" <jane.doe@example.com>"),
        ("utf8", "服务显示名称 <keepalived@server.example.com>"),
        ("comment", "jdoe@example.com (John Doe)"),
        (
            "obsolete_route",
            "Relay <@relay1.example,@relay2.example:user@example.com>",
        ),
    ];
    for (name, input) in realistic {
        assert!(Mailbox::parse(input).is_ok(), "{input}");
        group.throughput(bytes(input));
        group.bench_with_input(name, input, |b, input| b.iter(|| Mailbox::parse(black_box(input))));
    }
    group.finish();

    let mut group = c.benchmark_group("Mailbox::parse local_len");
    for len in LOCAL_LENGTHS {
        let unquoted = local_part(len, false);
        let quoted = format!("\"{}\"", local_part(len, true));
        let variants = [
            ("unquoted", format!("Jane Doe <{unquoted}@example.com>")),
            ("quoted", format!("Jane Doe <{quoted}@example.com>")),
            (
                "unquoted_comments",
                format!("Jane (J.) Doe <{unquoted}@example.com> (work)"),
            ),
            (
                "quoted_comments",
                format!("Jane (J.) Doe <{quoted}@example.com> (work)"),
            ),
        ];
        for (name, input) in &variants {
            assert!(Mailbox::parse(input).is_ok(), "{input}");
            group.throughput(bytes(input));
            group.bench_with_input(BenchmarkId::new(*name, len), input.as_str(), |b, input| {
                b.iter(|| Mailbox::parse(black_box(input)));
            });
        }
    }
    group.finish();
}

fn addr_spec(c: &mut Criterion) {
    let mut group = c.benchmark_group("AddrSpec::parse");
    let realistic = [
        ("plain", "first.last+tag@sub.example.com"),
        ("quoted", "\"john doe\"@example.com"),
        ("quoted_pair", "\"john\\\"doe\"@example.com"),
        ("domain_literal", "postmaster@[192.0.2.1]"),
        ("utf8", "用户@例子.测试"),
    ];
    for (name, input) in realistic {
        assert!(AddrSpec::parse(input).is_ok(), "{input}");
        group.throughput(bytes(input));
        group.bench_with_input(name, input, |b, input| b.iter(|| AddrSpec::parse(black_box(input))));
    }
    group.finish();

    let mut group = c.benchmark_group("AddrSpec::parse local_len");
    for len in LOCAL_LENGTHS {
        let variants = [
            ("unquoted", format!("{}@example.com", local_part(len, false))),
            ("quoted", format!("\"{}\"@example.com", local_part(len, true))),
        ];
        for (name, input) in &variants {
            assert!(AddrSpec::parse(input).is_ok(), "{input}");
            group.throughput(bytes(input));
            group.bench_with_input(BenchmarkId::new(*name, len), input.as_str(), |b, input| {
                b.iter(|| AddrSpec::parse(black_box(input)));
            });
        }
    }
    group.finish();
}

fn address_list(c: &mut Criterion) {
    let mut rng = common::Rng::new(common::SEED);
    let members: Vec<String> = (0..LIST_SIZES[LIST_SIZES.len() - 1])
        .map(|_| common::named(&mut rng))
        .collect();
    let mut group = c.benchmark_group("AddressList::parse");
    for size in LIST_SIZES {
        let input = members[..size].join(", ");
        assert_eq!(AddressList::parse(&input).map(|l| l.mailboxes().count()), Ok(size));
        group.throughput(bytes(&input));
        group.bench_with_input(BenchmarkId::new("named", size), input.as_str(), |b, input| {
            b.iter(|| AddressList::parse(black_box(input)));
        });
    }
    let group_syntax = "Team: Jane Doe <jane@example.com>, \"Doe, John\" <john@example.com>;, ops@example.com";
    assert!(AddressList::parse(group_syntax).is_ok());
    group.throughput(bytes(group_syntax));
    group.bench_with_input("group", group_syntax, |b, input| {
        b.iter(|| AddressList::parse(black_box(input)));
    });
    group.finish();
}

fn paths(c: &mut Criterion) {
    let inputs = [
        ("plain", "<first.last+tag@sub.example.com>"),
        ("source_route", "<@relay1.example,@relay2.example:user@example.com>"),
        ("quoted", "<\"john doe\"@example.com>"),
        ("utf8", "<用户@例子.测试>"),
    ];
    let mut group = c.benchmark_group("ReversePath::parse");
    for (name, input) in [("null", "<>")].into_iter().chain(inputs) {
        assert!(ReversePath::parse(input).is_ok(), "{input}");
        group.throughput(bytes(input));
        group.bench_with_input(name, input, |b, input| b.iter(|| ReversePath::parse(black_box(input))));
    }
    group.finish();

    let mut group = c.benchmark_group("ForwardPath::parse");
    for (name, input) in [("postmaster", "<Postmaster>")].into_iter().chain(inputs) {
        assert!(ForwardPath::parse(input).is_ok(), "{input}");
        group.throughput(bytes(input));
        group.bench_with_input(name, input, |b, input| b.iter(|| ForwardPath::parse(black_box(input))));
    }
    group.finish();

    let mut group = c.benchmark_group("SmtpPath::parse");
    for (name, input) in inputs {
        assert!(SmtpPath::parse(input).is_ok(), "{input}");
        group.throughput(bytes(input));
        group.bench_with_input(name, input, |b, input| b.iter(|| SmtpPath::parse(black_box(input))));
    }
    group.finish();
}

fn conversions(c: &mut Criterion) {
    let long_name = format!(
        "{} <long@example.com>",
        ["Department of Redundancy Department"; 6].join(" ")
    );
    let header_cases = [
        ("atoms", "Jane Doe <jane.doe@example.com>", RenderOptions::default()),
        (
            "quoted",
            "\"Doe, Jane\" <jane.doe@example.com>",
            RenderOptions::default(),
        ),
        (
            "rfc2047",
            "服务显示名称 <keepalived@server.example.com>",
            RenderOptions::default(),
        ),
        (
            "utf8_headers",
            "服务显示名称 <keepalived@server.example.com>",
            RenderOptions::default().utf8_headers(true),
        ),
        ("folded", long_name.as_str(), RenderOptions::default()),
    ];
    let mut group = c.benchmark_group("Mailbox::to_header");
    for (name, input, options) in &header_cases {
        let parsed = Mailbox::parse(input).expect("the header cases parse");
        let rendered = parsed.to_header(options).expect("the header cases render");
        group.throughput(bytes(&rendered));
        group.bench_with_input(*name, &parsed, |b, mailbox| {
            b.iter(|| black_box(mailbox).to_header(options));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("Mailbox::to_reverse_path");
    let path_cases = [
        ("plain", "first.last+tag@sub.example.com"),
        ("named", "\"Ops Team\" <ops@example.com>"),
        ("utf8", "服务显示名称 <用户@例子.测试>"),
    ];
    for (name, input) in path_cases {
        let parsed = Mailbox::parse(input).expect("the path cases parse");
        assert!(parsed.to_reverse_path().is_ok(), "{input}");
        group.throughput(bytes(input));
        group.bench_with_input(BenchmarkId::new("path", name), &parsed, |b, mailbox| {
            b.iter(|| {
                black_box(mailbox)
                    .to_reverse_path()
                    .map(|path| black_box(&path).needs_smtputf8())
            });
        });
        group.bench_with_input(BenchmarkId::new("to_string", name), &parsed, |b, mailbox| {
            b.iter(|| black_box(mailbox).to_reverse_path().map(|path| path.to_string()));
        });
    }
    group.finish();
}

/// How many generated inputs of each shape one iteration of the per-shape groups parses.
const SHAPE_BATCH: usize = 1000;

/// What the per-shape groups time for one input; returns something derived from the result so
/// that no part of the work can be dropped.
type Step = fn(&str) -> usize;

/// `Mailbox::parse` alone.
fn step_parse(input: &str) -> usize {
    let mailbox = Mailbox::parse(input);
    black_box(&mailbox);
    usize::from(mailbox.is_ok())
}

/// `Mailbox::parse`, then `to_reverse_path()`.
fn step_reverse_path(input: &str) -> usize {
    let Ok(mailbox) = Mailbox::parse(input) else { return 0 };
    let path = mailbox.to_reverse_path();
    black_box(&path);
    usize::from(path.is_ok())
}

/// What the `peers` bench times for this crate: parse, `to_reverse_path()`, and the bare address
/// as an owned `String`.
fn step_address(input: &str) -> usize {
    let Ok(mailbox) = Mailbox::parse(input) else { return 0 };
    let Ok(path) = mailbox.to_reverse_path() else { return 0 };
    path.addr_spec().map_or(0, |addr| black_box(addr.to_string()).len())
}

/// The steps of the per-shape groups, by name.
const STEPS: [(&str, Step); 3] = [
    ("parse", step_parse),
    ("reverse_path", step_reverse_path),
    ("address", step_address),
];

/// The per-shape group's name.
const SHAPE_GROUP: &str = "Mailbox::parse shapes";

/// A batch of [`SHAPE_BATCH`] inputs of `shape`, each checked to parse and to have a reverse
/// path, and its total length in bytes.
fn shape_batch(shape: &common::Shape) -> (Vec<String>, usize) {
    let inputs = common::shape_inputs(shape, SHAPE_BATCH);
    for input in &inputs {
        let mailbox = Mailbox::parse(input).unwrap_or_else(|e| panic!("{}: {input:?}: {e}", shape.name));
        if let Err(e) = mailbox.to_reverse_path() {
            panic!("{}: {input:?}: no reverse path: {e}", shape.name);
        }
    }
    let bytes = inputs.iter().map(String::len).sum();
    (inputs, bytes)
}

/// Every shape of the peers corpus on its own: one iteration runs a step over a batch of that
/// shape's generated inputs.
fn shapes(c: &mut Criterion) {
    let mut group = c.benchmark_group(SHAPE_GROUP);
    for shape in common::shapes() {
        let (inputs, bytes) = shape_batch(shape);
        group.throughput(Throughput::Bytes(bytes as u64));
        for (step_name, step) in STEPS {
            group.bench_with_input(BenchmarkId::new(step_name, shape.name), &inputs, |b, inputs| {
                b.iter(|| inputs.iter().map(|input| step(black_box(input))).sum::<usize>());
            });
        }
    }
    group.finish();
}

/// Per shape: the bytes of an input, the cost of each step per input and per byte, the cost per
/// byte over that of plain addr-specs, and what `to_reverse_path` adds to the parse.
fn shape_table() -> String {
    let mut table = String::from(
        "| workload | shape | bytes/input | parse ns/input | parse ns/byte | ns/byte ÷ addr_spec's | \
         parse + to_reverse_path ns/input | to_reverse_path overhead | address ns/input |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    #[allow(clippy::cast_precision_loss)]
    let batch = SHAPE_BATCH as f64;
    let per_input = |step: &str, shape: &str| common::mean_ns(SHAPE_GROUP, step, Some(shape)).map(|ns| ns / batch);
    let mut plain_per_byte = None;
    for (workload, shapes) in common::WORKLOADS {
        for shape in shapes {
            #[allow(clippy::cast_precision_loss)]
            let bytes = common::shape_inputs(shape, SHAPE_BATCH)
                .iter()
                .map(String::len)
                .sum::<usize>() as f64
                / batch;
            let cell = |value: Option<f64>, digits: usize, unit: &str| {
                value.map_or_else(|| "–".to_owned(), |v| format!("{v:.digits$}{unit}"))
            };
            let parse = per_input("parse", shape.name);
            let per_byte = parse.map(|ns| ns / bytes);
            if shape.name == "addr_spec" {
                plain_per_byte = per_byte;
            }
            let reverse_path = per_input("reverse_path", shape.name);
            let overhead = parse.zip(reverse_path).map(|(p, r)| (r - p) / p * 100.0);
            let _ = writeln!(
                table,
                "| {workload} | {} | {bytes:.1} | {} | {} | {} | {} | {} | {} |",
                shape.name,
                cell(parse, 1, ""),
                cell(per_byte, 2, ""),
                cell(per_byte.zip(plain_per_byte).map(|(x, p)| x / p), 2, "×"),
                cell(reverse_path, 1, ""),
                cell(overhead, 0, " %"),
                cell(per_input("address", shape.name), 1, ""),
            );
        }
    }
    table
}

/// Runs `step` over `inputs` `passes` times, untimed. Kept out of line so that a profiler can
/// count exactly this (see [`count_run`]).
#[inline(never)]
fn passes(step: Step, inputs: &[String], passes: usize) -> usize {
    let mut total = 0;
    for _ in 0..passes {
        for input in inputs {
            total += step(black_box(input));
        }
    }
    total
}

/// `PARSE_RUN=<shape>/<step>/<passes>`: instead of benchmarking, runs one step (`parse`,
/// `reverse_path`, `address`) over one shape's batch, for an instruction count that does not
/// depend on the machine's load (`PARSE_RUN=list` prints the workload and name of every shape):
/// `valgrind --tool=callgrind --toggle-collect='parse::passes' <bench binary> --bench`, then
/// instructions per input = the `summary` of `callgrind.out.*` / (passes × inputs).
fn count_run(spec: &str) -> Result<(), String> {
    if spec == "list" {
        for (workload, shapes) in common::WORKLOADS {
            for shape in shapes {
                println!("{workload} {}", shape.name);
            }
        }
        return Ok(());
    }
    let mut parts = spec.split('/');
    let (Some(shape), Some(step), Some(count), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(format!("PARSE_RUN={spec:?}: expected <shape>/<step>/<passes>"));
    };
    let shape = common::shapes()
        .find(|s| s.name == shape)
        .ok_or_else(|| format!("PARSE_RUN: no shape {shape:?}"))?;
    let (step_name, step) = STEPS
        .into_iter()
        .find(|(name, _)| *name == step)
        .ok_or_else(|| format!("PARSE_RUN: no step {step:?}"))?;
    let count: usize = count.parse().map_err(|e| format!("PARSE_RUN: passes {count:?}: {e}"))?;
    let (inputs, bytes) = shape_batch(shape);
    let total = passes(step, &inputs, count);
    println!(
        "parse: ran {step_name} over {} {} inputs ({bytes} bytes) {count} times (result {total})",
        inputs.len(),
        shape.name
    );
    Ok(())
}

/// Repeats `unit` until `prefix + units + suffix` reaches `size` bytes.
fn fill(prefix: &str, unit: &str, suffix: &str, size: usize) -> String {
    let count = size
        .saturating_sub(prefix.len() + suffix.len())
        .div_ceil(unit.len())
        .max(1);
    let mut out = String::with_capacity(prefix.len() + unit.len() * count + suffix.len());
    out.push_str(prefix);
    for _ in 0..count {
        out.push_str(unit);
    }
    out.push_str(suffix);
    out
}

/// The adversarial shapes: name, entry point, input of about `size` bytes, whether it parses.
type Shape = (&'static str, fn(&str) -> bool, fn(usize) -> String, bool);

fn parses_mailbox(input: &str) -> bool {
    Mailbox::parse(input).is_ok()
}

fn parses_addr_spec(input: &str) -> bool {
    AddrSpec::parse(input).is_ok()
}

fn parses_list(input: &str) -> bool {
    AddressList::parse(input).is_ok()
}

const SHAPES: [Shape; 7] = [
    // Deep nesting stops at `max_comment_depth` (64): constant cost after the input precheck.
    (
        "nested_comments",
        parses_mailbox,
        |n| fill("", "(", "a@example.com", n),
        false,
    ),
    (
        "flat_comments",
        parses_mailbox,
        |n| fill("a@example.com ", "(a)", "", n),
        true,
    ),
    (
        "quoted_pairs",
        parses_addr_spec,
        |n| fill("\"", "\\\"\\\\", "\"@example.com", n),
        true,
    ),
    (
        "dotted_local_part",
        parses_addr_spec,
        |n| fill("a", ".a", "@example.com", n),
        true,
    ),
    (
        "list_members",
        parses_list,
        |n| fill("a@example.com", ", b@example.com", "", n),
        true,
    ),
    (
        "folded_list",
        parses_list,
        |n| fill("Jane Doe <jane@example.com>", ",\r\n Jo <jo@example.com>", "", n),
        true,
    ),
    (
        "folded_phrase",
        parses_mailbox,
        |n| fill("Jane", "\r\n Doe", " <jane@example.com>", n),
        true,
    ),
];

fn adversarial(c: &mut Criterion) {
    for (name, parse, generate, parses) in SHAPES {
        let mut group = c.benchmark_group(format!("adversarial {name}"));
        // Up to 1 MiB per iteration: few, long iterations, each timed on its own.
        group.sample_size(10).sampling_mode(SamplingMode::Flat);
        for size in ADVERSARIAL_SIZES {
            let input = generate(size);
            assert_eq!(parse(&input), parses, "{name} at {size} bytes");
            group.throughput(bytes(&input));
            group.bench_with_input(BenchmarkId::from_parameter(size), input.as_str(), |b, input| {
                b.iter(|| parse(black_box(input)));
            });
        }
        group.finish();
    }
}

/// Nanoseconds per input byte of each adversarial shape at each size, from this run's estimates:
/// a flat row is linear cost.
fn linearity_table() -> String {
    let mut table = String::from("| shape |");
    for size in ADVERSARIAL_SIZES {
        let _ = write!(table, " {} KiB |", size >> 10);
    }
    table.push_str("\n|---|");
    table.push_str(&"---:|".repeat(ADVERSARIAL_SIZES.len()));
    table.push('\n');
    for (name, _, generate, _) in SHAPES {
        let _ = write!(table, "| {name} ns/byte |");
        for size in ADVERSARIAL_SIZES {
            #[allow(clippy::cast_precision_loss)]
            let len = generate(size).len() as f64;
            match common::mean_ns(&format!("adversarial {name}"), &size.to_string(), None) {
                Some(ns) => {
                    let _ = write!(table, " {:.2} |", ns / len);
                }
                None => table.push_str(" – |"),
            }
        }
        table.push('\n');
    }
    table
}

/// The groups of this file other than the adversarial sweeps, in the order they run.
const GROUPS: [&str; 10] = [
    "Mailbox::parse",
    "Mailbox::parse local_len",
    "AddrSpec::parse",
    "AddrSpec::parse local_len",
    "AddressList::parse",
    "ReversePath::parse",
    "ForwardPath::parse",
    "SmtpPath::parse",
    "Mailbox::to_header",
    "Mailbox::to_reverse_path",
];

/// Mean time per call of every benchmark outside the adversarial sweeps, with the bytes its
/// throughput declared, from the last results on disk.
fn entry_point_table() -> String {
    let mut table = String::from("| benchmark | input bytes | mean | ns/byte | MiB/s |\n|---|---:|---:|---:|---:|\n");
    for group in GROUPS {
        for estimate in common::group_estimates(group) {
            let mean = if estimate.mean_ns < 1000.0 {
                format!("{:.1} ns", estimate.mean_ns)
            } else {
                format!("{:.2} µs", estimate.mean_ns / 1000.0)
            };
            match estimate.bytes {
                Some(bytes) => {
                    #[allow(clippy::cast_precision_loss)]
                    let bytes_f = bytes as f64;
                    let mib_s = bytes_f / estimate.mean_ns * 1e9 / f64::from(1u32 << 20);
                    let _ = writeln!(
                        table,
                        "| `{}` | {bytes} | {mean} | {:.2} | {mib_s:.0} |",
                        estimate.id,
                        estimate.mean_ns / bytes_f
                    );
                }
                None => {
                    let _ = writeln!(table, "| `{}` | – | {mean} | – | – |", estimate.id);
                }
            }
        }
    }
    table
}

fn main() {
    if let Some(spec) = std::env::var_os("PARSE_RUN") {
        if let Err(e) = count_run(&spec.to_string_lossy()) {
            eprintln!("{e}");
            std::process::exit(2);
        }
        return;
    }
    // Short runs (the whole file takes about three minutes), set before `configure_from_args` so
    // that `--warm-up-time`, `--measurement-time` and `--sample-size` override them.
    let mut criterion = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(700))
        .nresamples(10_000)
        .configure_from_args();
    mailbox(&mut criterion);
    addr_spec(&mut criterion);
    address_list(&mut criterion);
    paths(&mut criterion);
    conversions(&mut criterion);
    shapes(&mut criterion);
    adversarial(&mut criterion);
    criterion.final_summary();
    if common::timed_run() {
        println!("\n{}", entry_point_table());
        println!("{}", shape_table());
        println!("{}", linearity_table());
    }
}
