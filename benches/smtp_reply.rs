//! SMTP layer benchmarks. Every benchmark id starts with its part of the layer (`reply/…`).
//!
//! `reply/<shape>/<parser>`: reading SMTP replies with this crate's `Reply::parse_prefix` and
//! with the `smtp-proto` crate's `ResponseReceiver::parse`, on one generated corpus of four
//! shapes (a thousand replies each): `single` (one line, no enhanced code: greetings, `250 Ok`,
//! `354`), `single_enhanced` (one line with an RFC 3463 code, Postfix and Exchange style),
//! `multi` (EHLO replies of 3 to 13 lines) and `multi_enhanced` (Gmail-style rejections over
//! 2 to 4 lines, the code on every line), and `all` (the four shapes interleaved). Each parser
//! reads every reply from its own buffer and hands back the code, the enhanced code and the
//! text: this crate borrows the lines from the buffer, `smtp-proto` copies them into one
//! `String`. Before timing, both must read every reply and agree on its code, enhanced code and
//! text. The run ends with the ratio table (this crate's time ÷ `smtp-proto`'s).
//!
//! Timings move with the machine's load; for instruction counts, `SMTP_RUN=<shape>/<parser>/<passes>`
//! runs one parser untimed inside `smtp_reply::passes`, which callgrind can count alone:
//!
//! ```sh
//! bin=$(cargo bench --bench smtp_reply --no-run 2>&1 | sed -n 's/^ *Executable .*(\(.*\))$/\1/p')
//! SMTP_RUN=all/mail-envelope/2 valgrind --tool=callgrind --toggle-collect='smtp_reply::passes' "$bin" --bench
//! ```

mod common;

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use mail_envelope::smtp::reply::Reply;
use mail_envelope::smtp::Status;
use smtp_proto::response::parser::ResponseReceiver;

use common::Rng;

/// Replies per shape.
const PER_SHAPE: usize = 1000;

/// The shapes, in the order of the table.
const SHAPES: [&str; 5] = ["single", "single_enhanced", "multi", "multi_enhanced", "all"];

/// One-line replies without an enhanced code.
fn single(rng: &mut Rng, n: usize) -> String {
    match rng.below(7) {
        0 => format!("220 mx{n}.example.org ESMTP Postfix (Debian/GNU)\r\n"),
        1 => "250 Ok\r\n".to_owned(),
        2 => "354 End data with <CR><LF>.<CR><LF>\r\n".to_owned(),
        3 => format!("250 Ok: queued as 4Q7VfX2Z{n:06}\r\n"),
        4 => "221 Bye\r\n".to_owned(),
        5 => "503 Error: need MAIL command\r\n".to_owned(),
        _ => format!("421 mx{n}.example.org Service not available, closing transmission channel\r\n"),
    }
}

/// One-line replies with an enhanced code.
fn single_enhanced(rng: &mut Rng, n: usize) -> String {
    match rng.below(9) {
        0 => "250 2.1.0 Ok\r\n".to_owned(),
        1 => "250 2.1.5 Ok\r\n".to_owned(),
        2 => format!("250 2.0.0 Ok: queued as 4Q7VfX2Z{n:06}\r\n"),
        3 => format!(
            "550 5.1.1 <user{n}@example.com>: Recipient address rejected: User unknown in virtual mailbox table\r\n"
        ),
        4 => format!("451 4.7.1 <user{n}@example.com>: Recipient address rejected: Greylisted for 300 seconds\r\n"),
        5 => "552 5.2.2 Mailbox full\r\n".to_owned(),
        6 => format!(
            "554 5.7.1 Service unavailable; Client host [192.0.2.{}] blocked using zen.spamhaus.org\r\n",
            n % 256
        ),
        7 => "535 5.7.8 Error: authentication failed: authentication failure\r\n".to_owned(),
        _ => "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy\r\n"
            .to_owned(),
    }
}

/// EHLO replies: the server's name, then a run of keywords.
fn multi(rng: &mut Rng, n: usize) -> String {
    const KEYWORDS: [&str; 12] = [
        "PIPELINING",
        "SIZE 10240000",
        "VRFY",
        "ETRN",
        "STARTTLS",
        "AUTH PLAIN LOGIN",
        "ENHANCEDSTATUSCODES",
        "8BITMIME",
        "DSN",
        "SMTPUTF8",
        "CHUNKING",
        "XCLIENT NAME ADDR PROTO HELO LOGIN DESTADDR DESTPORT",
    ];
    let count = 2 + rng.below(KEYWORDS.len() - 1);
    let mut reply = format!("250-mx{n}.example.org\r\n");
    for (i, keyword) in KEYWORDS.iter().take(count).enumerate() {
        let separator = if i + 1 == count { ' ' } else { '-' };
        let _ = write!(reply, "250{separator}{keyword}\r\n");
    }
    reply
}

/// Multi-line rejections with the enhanced code on every line.
fn multi_enhanced(rng: &mut Rng, n: usize) -> String {
    const GMAIL: [&str; 4] = [
        "[192.0.2.1] The IP you're using to send mail is not authorized to",
        "send email directly to our servers. Please use the SMTP relay at your",
        "service provider instead. For more information, go to",
        "https://support.google.com/mail/?p=NotAuthorizedError a1si123.456 - gsmtp",
    ];
    let (code, enhanced) = if rng.chance(50) { (550, "5.7.1") } else { (421, "4.7.0") };
    let count = 2 + rng.below(3);
    let mut reply = String::new();
    for (i, text) in GMAIL.iter().take(count).enumerate() {
        let separator = if i + 1 == count { ' ' } else { '-' };
        let _ = write!(reply, "{code}{separator}{enhanced} {text} {n}\r\n");
    }
    reply
}

/// The corpus: a thousand replies of each shape, and all of them interleaved.
fn corpus() -> Vec<(&'static str, Vec<Vec<u8>>)> {
    let mut rng = Rng::new(0x5e7_2920);
    let makers: [fn(&mut Rng, usize) -> String; 4] = [single, single_enhanced, multi, multi_enhanced];
    let shapes: Vec<Vec<Vec<u8>>> = makers
        .iter()
        .map(|make| (0..PER_SHAPE).map(|n| make(&mut rng, n).into_bytes()).collect())
        .collect();
    let mut all = Vec::with_capacity(PER_SHAPE * makers.len());
    for n in 0..PER_SHAPE {
        all.extend(shapes.iter().map(|shape| shape[n].clone()));
    }
    SHAPES.iter().copied().zip(shapes.into_iter().chain([all])).collect()
}

/// What a parser gives for one reply: the code, the enhanced code (zeros without one) and the
/// number of text bytes with a line feed between lines (as `smtp-proto` joins them).
type Read = (u16, [u16; 3], usize);

/// A contestant: the reply at the start of the input, or `None` when it refuses it.
type Parse = fn(&[u8]) -> Option<Read>;

/// The contestants, this crate first.
const PARSERS: [(&str, Parse); 2] = [("mail-envelope", mail_envelope), ("smtp-proto", smtp_proto)];

/// This crate: `Reply::parse_prefix`, its lines borrowed from the input.
fn mail_envelope(input: &[u8]) -> Option<Read> {
    let Ok(Status::Complete((reply, _))) = Reply::parse_prefix(input) else {
        return None;
    };
    let enhanced = reply
        .enhanced()
        .map_or([0; 3], |e| [e.class().into(), e.subject(), e.detail()]);
    let lines = reply.lines();
    let text = lines.iter().map(|line| line.len()).sum::<usize>() + lines.len() - 1;
    Some((reply.code(), enhanced, text))
}

/// `smtp-proto`: `ResponseReceiver::parse`, the lines copied into one `String`.
fn smtp_proto(input: &[u8]) -> Option<Read> {
    let response = ResponseReceiver::default().parse(&mut input.iter()).ok()?;
    let [class, subject, detail] = response.esc;
    Some((
        response.code,
        [class.into(), subject.into(), detail.into()],
        response.message.len(),
    ))
}

/// Both parsers read every reply of the corpus alike, or the comparison would mean nothing.
fn check(corpus: &[(&str, Vec<Vec<u8>>)]) {
    for (shape, replies) in corpus {
        for reply in replies {
            let ours = mail_envelope(reply);
            assert!(
                ours.is_some(),
                "{shape}: mail-envelope refuses {:?}",
                String::from_utf8_lossy(reply)
            );
            assert_eq!(ours, smtp_proto(reply), "{shape}: {:?}", String::from_utf8_lossy(reply));
        }
    }
}

/// Runs `parse` over `replies` `passes` times and returns the text bytes it read. Kept out of
/// line so that a profiler can count exactly this (see [`count_run`]).
#[inline(never)]
fn passes(parse: Parse, replies: &[Vec<u8>], passes: usize) -> usize {
    let mut total = 0;
    for _ in 0..passes {
        for reply in replies {
            if let Some((_, _, text)) = parse(black_box(reply)) {
                total += text;
            }
        }
    }
    total
}

fn bench_replies(c: &mut Criterion, corpus: &[(&str, Vec<Vec<u8>>)]) {
    for (shape, replies) in corpus {
        let bytes: usize = replies.iter().map(Vec::len).sum();
        let mut group = c.benchmark_group(format!("reply/{shape}"));
        group.throughput(Throughput::Bytes(bytes as u64));
        for (name, parse) in PARSERS {
            group.bench_function(name, |b| b.iter(|| black_box(passes(parse, replies, 1))));
        }
        group.finish();
    }
}

/// `SMTP_RUN=<shape>/<parser>/<passes>`: instead of benchmarking, runs one parser over one
/// shape's replies a given number of times, untimed, for an instruction count that does not
/// depend on the machine's load:
/// `valgrind --tool=callgrind --toggle-collect='smtp_reply::passes' <bench binary> --bench`.
fn count_run(corpus: &[(&str, Vec<Vec<u8>>)], spec: &str) -> Result<(), String> {
    let mut parts = spec.split('/');
    let (Some(shape), Some(name), Some(count), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(format!("SMTP_RUN={spec:?}: expected <shape>/<parser>/<passes>"));
    };
    let (_, replies) = corpus
        .iter()
        .find(|(s, _)| *s == shape)
        .ok_or_else(|| format!("SMTP_RUN: no shape {shape:?}"))?;
    let (_, parse) = PARSERS
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| format!("SMTP_RUN: no parser {name:?}"))?;
    let count: usize = count.parse().map_err(|e| format!("SMTP_RUN: passes {count:?}: {e}"))?;
    let total = passes(*parse, replies, count);
    println!(
        "smtp: ran {name} over {} {shape} replies {count} times ({total} text bytes)",
        replies.len()
    );
    Ok(())
}

/// The Markdown ratio table, from criterion's `estimates.json` files.
fn ratio_table(corpus: &[(&str, Vec<Vec<u8>>)]) -> String {
    let mut table = String::from(
        "| shape | replies | bytes/reply | mail-envelope ns/reply | smtp-proto ns/reply | ratio mail-envelope/smtp-proto |\n|---|---:|---:|---:|---:|---:|\n",
    );
    for (shape, replies) in corpus {
        let group = format!("reply/{shape}");
        #[allow(clippy::cast_precision_loss)]
        let (count, bytes) = (replies.len() as f64, replies.iter().map(Vec::len).sum::<usize>() as f64);
        match (
            common::mean_ns(&group, "mail-envelope", None),
            common::mean_ns(&group, "smtp-proto", None),
        ) {
            (Some(ours), Some(theirs)) => {
                let _ = writeln!(
                    table,
                    "| {shape} | {} | {:.1} | {:.1} | {:.1} | {:.2}× |",
                    replies.len(),
                    bytes / count,
                    ours / count,
                    theirs / count,
                    ours / theirs
                );
            }
            _ => {
                let _ = writeln!(
                    table,
                    "| {shape} | {} | {:.1} | – | – | – |",
                    replies.len(),
                    bytes / count
                );
            }
        }
    }
    table
}

fn main() {
    let corpus = corpus();
    check(&corpus);
    if let Some(spec) = std::env::var_os("SMTP_RUN") {
        if let Err(e) = count_run(&corpus, &spec.to_string_lossy()) {
            eprintln!("{e}");
            std::process::exit(2);
        }
        return;
    }
    // Defaults before `configure_from_args`, so the command line overrides them.
    let mut criterion = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    bench_replies(&mut criterion, &corpus);
    criterion.final_summary();
    // `cargo bench` passes `--bench`; `cargo test --benches` runs each benchmark once, untimed.
    if common::timed_run() {
        println!("\n{}", ratio_table(&corpus));
    }
}
