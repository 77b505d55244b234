//! Side-by-side benchmark against the peer crates (`lettre`, `mailparse`, `mail-parser`, `email_address`)
//! on one deterministic corpus of four workloads, with the ratio table printed at the end.
//!
//! Every contestant does the same work: take one mailbox as written and return the bare address
//! (`local@domain`) as an owned `String`, or nothing if it rejects the input. Only inputs that every
//! contestant accepts are timed; how many each one rejected is printed before the runs.

mod common;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::hint::black_box;
use std::str::FromStr;
use std::time::Duration;

use criterion::{Criterion, Throughput};

/// One contestant: the input as written to the bare address, or `None` when it rejects it.
type Extract = fn(&str) -> Option<String>;

/// This crate: full parse and validation, the envelope form, then the bare address as a `String`.
fn mail_envelope(input: &str) -> Option<String> {
    let mailbox = mail_envelope::Mailbox::parse(input).ok()?;
    let path = mailbox.to_reverse_path().ok()?;
    Some(path.addr_spec()?.to_string())
}

/// `lettre`: `Mailbox::from_str`, then the `Address` as a string.
fn lettre(input: &str) -> Option<String> {
    let mailbox = lettre::message::Mailbox::from_str(input).ok()?;
    Some(mailbox.email.to_string())
}

/// `mailparse`: `addrparse`, then the first single address.
fn mailparse(input: &str) -> Option<String> {
    let list = mailparse::addrparse(input).ok()?;
    match list.first()? {
        mailparse::MailAddr::Single(info) => Some(info.addr.clone()),
        mailparse::MailAddr::Group(_) => None,
    }
}

/// `mail-parser`: its address-field parser (`MessageStream::parse_address`, what `MessageParser`
/// runs on `From:`), then the first address of the list. It reads a header value up to the line
/// end and drops a last token that no line end closes, so its inputs carry the `\n` a header
/// line ends with (see [`Contestant::line_end`]).
fn mail_parser(input: &str) -> Option<String> {
    match mail_parser::parsers::MessageStream::new(input.as_bytes()).parse_address() {
        mail_parser::HeaderValue::Address(mail_parser::Address::List(list)) => list
            .into_iter()
            .next()?
            .address
            .filter(|a| !a.is_empty())
            .map(Cow::into_owned),
        _ => None,
    }
}

/// `email_address`: `EmailAddress::from_str` (which takes `Name <addr>` itself), then `email()`.
fn email_address(input: &str) -> Option<String> {
    let address = email_address::EmailAddress::from_str(input).ok()?;
    Some(address.email().to_owned())
}

/// One crate in the comparison.
struct Contestant {
    name: &'static str,
    extract: Extract,
    /// Whether the input is given with a trailing `\n`, as in a header line.
    line_end: bool,
}

/// The contestants; this crate first.
const CONTESTANTS: [Contestant; 5] = [
    Contestant {
        name: "mail_envelope",
        extract: mail_envelope,
        line_end: false,
    },
    Contestant {
        name: "lettre",
        extract: lettre,
        line_end: false,
    },
    Contestant {
        name: "mailparse",
        extract: mailparse,
        line_end: false,
    },
    Contestant {
        name: "mail_parser",
        extract: mail_parser,
        line_end: true,
    },
    Contestant {
        name: "email_address",
        extract: email_address,
        line_end: false,
    },
];

/// A workload reduced to the inputs every contestant accepts.
struct Common {
    name: &'static str,
    generated: usize,
    inputs: Vec<String>,
    /// The same inputs, each followed by `\n`.
    lines: Vec<String>,
    /// The bytes of `inputs` (without the `\n`).
    bytes: usize,
}

impl Common {
    fn inputs_for(&self, contestant: &Contestant) -> &[String] {
        if contestant.line_end {
            &self.lines
        } else {
            &self.inputs
        }
    }
}

/// What the contestants made of one shape's inputs: how many were generated, how many every
/// contestant accepts, and per contestant how many it rejected and (for the peers) on how many
/// its address differs from this crate's.
struct Tally {
    shape: &'static str,
    generated: usize,
    kept: usize,
    rejected: [usize; CONTESTANTS.len()],
    differs: [usize; CONTESTANTS.len()],
}

impl Tally {
    fn new(shape: &'static str) -> Self {
        Self {
            shape,
            generated: 0,
            kept: 0,
            rejected: [0; CONTESTANTS.len()],
            differs: [0; CONTESTANTS.len()],
        }
    }

    fn add(&mut self, other: &Self) {
        self.generated += other.generated;
        self.kept += other.kept;
        for i in 0..CONTESTANTS.len() {
            self.rejected[i] += other.rejected[i];
            self.differs[i] += other.differs[i];
        }
    }

    /// `<label> all accept <kept>/<generated> | rejected: … | address differs from …: …`.
    fn line(&self, label: &str) -> String {
        let mut line = format!("{label} all accept {:>5}/{:<5} | rejected:", self.kept, self.generated);
        for (i, contestant) in CONTESTANTS.iter().enumerate() {
            let _ = write!(line, " {} {}", contestant.name, self.rejected[i]);
        }
        line.push_str(" | address differs from mail_envelope's:");
        for (i, contestant) in CONTESTANTS.iter().enumerate().skip(1) {
            let _ = write!(line, " {} {}", contestant.name, self.differs[i]);
        }
        line
    }
}

/// Runs every contestant over every workload once, prints what each rejected (and where an
/// accepting peer's address differs from this crate's), per workload and per input shape, and
/// keeps the inputs all accept.
fn common_inputs() -> Vec<Common> {
    println!(
        "peers: corpus of {} inputs per workload, seed {:#x}",
        common::WORKLOAD_LEN,
        common::SEED
    );
    let verbose = std::env::var_os("PEERS_VERBOSE").is_some();
    let mut out = Vec::new();
    for (name, inputs) in common::workloads() {
        let shapes = common::WORKLOADS
            .iter()
            .find(|(w, _)| *w == name)
            .map_or(&[][..], |(_, s)| *s);
        let mut tallies: Vec<Tally> = shapes.iter().map(|s| Tally::new(s.name)).collect();
        let mut kept = Vec::new();
        for input in &inputs {
            let Some(tally) = tallies.iter_mut().find(|t| t.shape == input.shape) else {
                continue;
            };
            let text = &input.text;
            let line = format!("{text}\n");
            let results: Vec<Option<String>> = CONTESTANTS
                .iter()
                .map(|c| (c.extract)(if c.line_end { &line } else { text }))
                .collect();
            tally.generated += 1;
            for (i, result) in results.iter().enumerate() {
                if verbose && result.is_none() {
                    println!(
                        "peers: {name}/{}: {} rejects {text:?}",
                        input.shape, CONTESTANTS[i].name
                    );
                }
                match result {
                    None => tally.rejected[i] += 1,
                    Some(addr) if results[0].as_ref().is_some_and(|ours| ours != addr) => {
                        if verbose {
                            println!(
                                "peers: {name}/{}: {} reads {text:?} as {addr:?}",
                                input.shape, CONTESTANTS[i].name
                            );
                        }
                        tally.differs[i] += 1;
                    }
                    Some(_) => {}
                }
            }
            if results.iter().all(Option::is_some) {
                tally.kept += 1;
                kept.push(text.clone());
            }
        }
        let mut total = Tally::new(name);
        for tally in &tallies {
            total.add(tally);
        }
        println!("{}", total.line(&format!("peers: {name:<6}")));
        for tally in &tallies {
            println!("{}", tally.line(&format!("peers:   {:<19}", tally.shape)));
        }
        let bytes = kept.iter().map(String::len).sum();
        out.push(Common {
            name,
            generated: inputs.len(),
            lines: kept.iter().map(|input| format!("{input}\n")).collect(),
            inputs: kept,
            bytes,
        });
    }
    out
}

fn bench_peers(c: &mut Criterion, workloads: &[Common]) {
    for workload in workloads.iter().filter(|w| !w.inputs.is_empty()) {
        let mut group = c.benchmark_group(format!("peers_{}", workload.name));
        group.throughput(Throughput::Bytes(workload.bytes as u64));
        for contestant in &CONTESTANTS {
            let inputs = workload.inputs_for(contestant);
            let extract = contestant.extract;
            group.bench_function(contestant.name, |b| {
                b.iter(|| {
                    let mut total = 0usize;
                    for input in inputs {
                        if let Some(addr) = extract(black_box(input)) {
                            total += addr.len();
                        }
                    }
                    black_box(total)
                });
            });
        }
        group.finish();
    }
}

/// The Markdown ratio table, built from criterion's `estimates.json` files.
fn ratio_table(workloads: &[Common]) -> String {
    let mut table = String::from("| workload | inputs | bytes/input |");
    for contestant in &CONTESTANTS {
        let _ = write!(table, " {} ns/input |", contestant.name);
    }
    table.push_str(
        " fastest peer | ratio this/fastest peer | ratio this/mail_parser | mail_envelope ns/byte |\n|---|---:|---:|",
    );
    for _ in &CONTESTANTS {
        table.push_str("---:|");
    }
    table.push_str("---|---:|---:|---:|\n");
    for workload in workloads {
        let n = workload.inputs.len();
        #[allow(clippy::cast_precision_loss)]
        let (count, bytes) = (n as f64, workload.bytes as f64);
        let per_input: Vec<Option<f64>> = CONTESTANTS
            .iter()
            .map(|c| common::mean_ns(&format!("peers_{}", workload.name), c.name, None).map(|ns| ns / count))
            .collect();
        let _ = write!(
            table,
            "| {} | {n}/{} | {:.1} |",
            workload.name,
            workload.generated,
            if n == 0 { 0.0 } else { bytes / count }
        );
        for value in &per_input {
            match value {
                Some(ns) => {
                    let _ = write!(table, " {ns:.0} |");
                }
                None => table.push_str(" – |"),
            }
        }
        let fastest = CONTESTANTS
            .iter()
            .zip(&per_input)
            .skip(1)
            .filter_map(|(c, ns)| Some((c.name, (*ns)?)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let mail_parser = CONTESTANTS
            .iter()
            .zip(&per_input)
            .find_map(|(c, ns)| if c.name == "mail_parser" { *ns } else { None });
        match (per_input[0], fastest) {
            (Some(ours), Some((peer, theirs))) => {
                let _ = write!(table, " {peer} | {:.2}× |", ours / theirs);
                match mail_parser {
                    Some(theirs) => {
                        let _ = write!(table, " {:.2}× |", ours / theirs);
                    }
                    None => table.push_str(" – |"),
                }
                let _ = writeln!(table, " {:.2} |", ours * count / bytes);
            }
            _ => table.push_str(" – | – | – | – |\n"),
        }
    }
    table
}

/// Runs `extract` over `inputs` `passes` times, untimed, and returns the total length of the
/// addresses it returned. Kept out of line so that a profiler can count exactly this (see
/// [`count_run`]).
#[inline(never)]
fn passes(extract: Extract, inputs: &[String], passes: usize) -> usize {
    let mut total = 0;
    for _ in 0..passes {
        for input in inputs {
            if let Some(addr) = extract(black_box(input)) {
                total += addr.len();
            }
        }
    }
    total
}

/// `PEERS_RUN=<workload>/<contestant>/<passes>`: instead of benchmarking, runs one contestant
/// over one workload's common inputs, for an instruction count that does not depend on the
/// machine's load:
/// `valgrind --tool=callgrind --toggle-collect='peers::passes' <bench binary> --bench`, then
/// instructions per input = the `summary` of `callgrind.out.*` / (passes × inputs).
fn count_run(workloads: &[Common], spec: &str) -> Result<(), String> {
    let mut parts = spec.split('/');
    let (Some(workload), Some(name), Some(count), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(format!("PEERS_RUN={spec:?}: expected <workload>/<contestant>/<passes>"));
    };
    let workload = workloads
        .iter()
        .find(|w| w.name == workload)
        .ok_or_else(|| format!("PEERS_RUN: no workload {workload:?}"))?;
    let contestant = CONTESTANTS
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| format!("PEERS_RUN: no contestant {name:?}"))?;
    let count: usize = count.parse().map_err(|e| format!("PEERS_RUN: passes {count:?}: {e}"))?;
    let inputs = workload.inputs_for(contestant);
    let total = passes(contestant.extract, inputs, count);
    println!(
        "peers: ran {} over {} {} inputs {count} times ({total} address bytes)",
        contestant.name,
        inputs.len(),
        workload.name
    );
    Ok(())
}

fn main() {
    let workloads = common_inputs();
    if let Some(spec) = std::env::var_os("PEERS_RUN") {
        if let Err(e) = count_run(&workloads, &spec.to_string_lossy()) {
            eprintln!("{e}");
            std::process::exit(2);
        }
        return;
    }
    // Defaults before `configure_from_args`, so `--warm-up-time`, `--measurement-time` and
    // `--sample-size` on the command line override them.
    let mut criterion = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .nresamples(20_000)
        .configure_from_args();
    bench_peers(&mut criterion, &workloads);
    criterion.final_summary();
    // `cargo bench` passes `--bench`; `cargo test --benches` runs each benchmark once, untimed.
    if common::timed_run() {
        println!("\n{}", ratio_table(&workloads));
    }
}
