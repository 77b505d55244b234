//! The SMTP layer side by side with its peers, on one deterministic corpus of `MAIL FROM` and
//! `RCPT TO` lines of every shape (bare, null and `<Postmaster>` paths, quoted local parts,
//! address literals, source routes, UTF-8, and the parameters of SIZE, BODY, SMTPUTF8, DSN and
//! AUTH), with the ratio table printed at the end.
//!
//! * `command/parse`: a command line (with its CRLF) to a value: this crate's
//!   `MailFrom::parse` / `RcptTo::parse` (Standard) against `smtp_proto::Request::parse`.
//! * `command/build`: an address and parameters, already parsed, to the line: this crate's
//!   `MailFrom` / `RcptTo` (`new`, `push_param`, `to_line`) against lettre's
//!   `transport::smtp::commands::{Mail, Rcpt}` and `Display`.
//!
//! `SMTP_RUN=<parse|build>/<contestant>/<passes>` runs one side over its lines that many times,
//! untimed, in `smtp_command::command::passes`, for callgrind to count instructions alone (as the `peers` bench's
//! `PEERS_RUN`):
//!
//! ```sh
//! cargo bench --bench smtp_command --no-run      # prints the binary: target/release/deps/smtp_command-<hash>
//! SMTP_RUN=parse/mail_envelope/4 valgrind --tool=callgrind --toggle-collect='smtp_command::command::passes' \
//!     target/release/deps/smtp_command-<hash> --bench
//! ```
//!
//! `SMTP_VERBOSE=1` lists every line a parser refuses and every line the two builders write
//! differently.
//!
//! Only the lines both sides of a comparison take are timed; how many each one refused is
//! printed before the runs. smtp-proto checks far less than this crate (it reads an address up
//! to `>` without the RFC 5321 grammar, and knows no ORCPT), so its numbers are a floor, not a
//! like-for-like cost.

mod common;

use std::time::Duration;

use criterion::Criterion;

/// The `command/` benches: MAIL FROM and RCPT TO lines.
mod command {
    use super::common;

    use std::fmt::Write as _;
    use std::hint::black_box;
    use std::str::FromStr;

    use common::{mean_ns, Rng, SEED};
    use criterion::{Criterion, Throughput};
    use lettre::transport::smtp::commands::{Mail, Rcpt};
    use lettre::transport::smtp::extension::{MailBodyParameter, MailParameter, RcptParameter};
    use mail_envelope::smtp::command::{MailFrom, RcptTo};
    use mail_envelope::smtp::param::{Body, EsmtpParam};
    use mail_envelope::{ForwardPath, ReversePath, Strictness};

    /// How many lines the corpus holds.
    const CORPUS_LEN: usize = 5_000;

    // ----- the corpus -----

    const FIRST: &[&str] = &[
        "jane",
        "john.doe",
        "ops",
        "noreply",
        "a",
        "keepalived",
        "billing-team",
        "x_y",
    ];
    const DOMAINS: &[&str] = &["example.com", "mail.example.org", "server.example.net", "a.b.c.example"];

    /// One line of the corpus, by shape.
    fn line(rng: &mut Rng) -> String {
        let local = rng.pick(FIRST);
        let domain = rng.pick(DOMAINS);
        let size = rng.next_u64() % 50_000_000;
        match rng.below(16) {
            0 => format!("MAIL FROM:<{local}@{domain}>\r\n"),
            1 => "MAIL FROM:<>\r\n".to_owned(),
            2 => format!("MAIL FROM:<{local}@{domain}> SIZE={size} BODY=8BITMIME\r\n"),
            3 => format!("MAIL FROM:<{local}@{domain}> RET=HDRS ENVID=QQ{size}\r\n"),
            4 => format!("MAIL FROM:<{local}@{domain}> AUTH={local}+2Bx@{domain}\r\n"),
            5 => "MAIL FROM:<用户@例子.广告> SMTPUTF8\r\n".to_owned(),
            6 => format!("MAIL FROM:<\"{local} x\"@{domain}>\r\n"),
            7 => format!("MAIL FROM:<{local}@[192.0.2.{}]>\r\n", size % 256),
            8 => format!("MAIL FROM:<@relay.{domain}:{local}@{domain}> BODY=7BIT\r\n"),
            9 => format!("MAIL FROM:<{local}@{domain}> SIZE={size} BODY=8BITMIME SMTPUTF8 REQUIRETLS\r\n"),
            10 => format!("RCPT TO:<{local}@{domain}>\r\n"),
            11 => format!("RCPT TO:<{local}@{domain}> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;{local}@{domain}\r\n"),
            12 => "RCPT TO:<Postmaster>\r\n".to_owned(),
            13 => format!("RCPT TO:<{local}@[IPv6:2001:db8::{:x}]>\r\n", size % 65_536),
            14 => "RCPT TO:<jörg@bücher.example> NOTIFY=NEVER\r\n".to_owned(),
            _ => format!("rcpt to:<{local}@{domain}> X-TAG={size}\r\n"),
        }
    }

    /// The corpus, from the shared seed.
    fn corpus() -> Vec<String> {
        let mut rng = Rng::new(SEED);
        (0..CORPUS_LEN).map(|_| line(&mut rng)).collect()
    }

    // ----- parsing -----

    /// This crate: the line read as the command it starts with.
    fn ours_parse(line: &str) -> bool {
        if line.as_bytes()[0].eq_ignore_ascii_case(&b'M') {
            MailFrom::parse(line, Strictness::Standard).is_ok()
        } else {
            RcptTo::parse(line, Strictness::Standard).is_ok()
        }
    }

    /// smtp-proto: `Request::parse` on the line's bytes.
    fn smtp_proto_parse(line: &str) -> bool {
        matches!(
            smtp_proto::Request::parse(&mut line.as_bytes().iter()),
            Ok(smtp_proto::Request::Mail { .. } | smtp_proto::Request::Rcpt { .. })
        )
    }

    // ----- building -----

    /// What both builders start from: the parsed address and parameters of one line, in each
    /// crate's own types (this crate's borrow the corpus line, as a parse leaves them; lettre's own
    /// their text).
    enum Material<'a> {
        Mail {
            ours: (ReversePath<'a>, Vec<EsmtpParam<'a>>),
            lettre: (Option<lettre::Address>, Vec<MailParameter>),
        },
        Rcpt {
            ours: (ForwardPath<'a>, Vec<EsmtpParam<'a>>),
            lettre: (lettre::Address, Vec<RcptParameter>),
        },
    }

    /// Each parameter's keyword and value as lettre takes them: lettre writes an `Other` value as
    /// xtext itself, so the text of ENVID, AUTH and an rfc822 ORCPT goes in decoded.
    fn wire(params: &[EsmtpParam<'_>]) -> Vec<(String, Option<String>)> {
        params
            .iter()
            .map(|p| {
                let value = match p {
                    EsmtpParam::EnvId(text) => Some(text.decode().to_owned()),
                    EsmtpParam::Auth(Some(mailbox)) => Some(mailbox.addr_spec().to_string()),
                    EsmtpParam::Orcpt { addr_type, addr } if addr_type.is_rfc822() => Some(format!("rfc822;{addr}")),
                    _ => p
                        .to_value()
                        .expect("a parsed parameter has a value")
                        .map(std::borrow::Cow::into_owned),
                };
                (p.keyword().to_owned(), value)
            })
            .collect()
    }

    /// The building material of `line`, if both crates can hold it.
    fn material(line: &str) -> Option<Material<'_>> {
        let address = |path: &str| lettre::Address::from_str(path.trim_start_matches('<').trim_end_matches('>'));
        if let Ok(mail) = MailFrom::parse(line, Strictness::Standard) {
            let sender = match mail.path() {
                ReversePath::Null => None,
                path @ ReversePath::Path(_) => Some(address(&path.to_string()).ok()?),
            };
            let params = mail
                .params()
                .iter()
                .zip(wire(mail.params()))
                .map(|(param, (keyword, value))| match param {
                    EsmtpParam::Size(size) => MailParameter::Size(usize::try_from(*size).unwrap_or(usize::MAX)),
                    EsmtpParam::Body(Body::EightBitMime) => MailParameter::Body(MailBodyParameter::EightBitMime),
                    EsmtpParam::Body(Body::SevenBit) => MailParameter::Body(MailBodyParameter::SevenBit),
                    EsmtpParam::SmtpUtf8 => MailParameter::SmtpUtfEight,
                    _ => MailParameter::Other { keyword, value },
                })
                .collect();
            let ours = (
                mail.path().clone().into_owned(),
                mail.params().iter().cloned().map(EsmtpParam::into_owned).collect(),
            );
            return Some(Material::Mail {
                ours,
                lettre: (sender, params),
            });
        }
        let rcpt = RcptTo::parse(line, Strictness::Standard).ok()?;
        let recipient = match rcpt.path() {
            ForwardPath::Postmaster => return None,
            path @ ForwardPath::Path(_) => address(&path.to_string()).ok()?,
        };
        let params = wire(rcpt.params())
            .into_iter()
            .map(|(keyword, value)| RcptParameter::Other { keyword, value })
            .collect();
        let ours = (
            rcpt.path().clone().into_owned(),
            rcpt.params().iter().cloned().map(EsmtpParam::into_owned).collect(),
        );
        Some(Material::Rcpt {
            ours,
            lettre: (recipient, params),
        })
    }

    /// This crate: the command from its parts, written.
    fn ours_build(material: &Material<'_>) -> String {
        match material {
            Material::Mail {
                ours: (path, params), ..
            } => {
                let mut mail = MailFrom::new(path.clone()).expect("a parsed path");
                for param in params {
                    mail.push_param(param.clone()).expect("a parsed parameter");
                }
                mail.to_line().expect("a parsed line fits")
            }
            Material::Rcpt {
                ours: (path, params), ..
            } => {
                let mut rcpt = RcptTo::new(path.clone()).expect("a parsed path");
                for param in params {
                    rcpt.push_param(param.clone()).expect("a parsed parameter");
                }
                rcpt.to_line().expect("a parsed line fits")
            }
        }
    }

    /// lettre: `Mail::new` / `Rcpt::new`, then `Display`.
    fn lettre_build(material: &Material<'_>) -> String {
        match material {
            Material::Mail {
                lettre: (sender, params),
                ..
            } => Mail::new(sender.clone(), params.clone()).to_string(),
            Material::Rcpt {
                lettre: (recipient, params),
                ..
            } => Rcpt::new(recipient.clone(), params.clone()).to_string(),
        }
    }

    // ----- the runs -----

    /// The lines both parsers take.
    fn parse_inputs(lines: &[String]) -> Vec<&str> {
        lines
            .iter()
            .map(String::as_str)
            .filter(|l| ours_parse(l) && smtp_proto_parse(l))
            .collect()
    }

    /// Runs `work` `count` times, untimed: what callgrind counts
    /// (`--toggle-collect='smtp_command::command::passes'`).
    #[inline(never)]
    fn passes(work: &dyn Fn() -> usize, count: usize) -> usize {
        (0..count).map(|_| black_box(work())).sum()
    }

    /// Runs the `command/` benches on the corpus.
    pub(crate) fn bench(c: &mut Criterion) {
        let lines = corpus();
        bench_parse(c, &lines);
        bench_build(c, &lines);
    }

    /// `SMTP_RUN=<parse|build>/<contestant>/<passes>`: one side's passes over its lines.
    pub(crate) fn count_run(spec: &str) -> Result<(), String> {
        let lines = &corpus();
        let mut parts = spec.split('/');
        let (Some(group), Some(name), Some(count), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(format!(
                "SMTP_RUN: expected <parse|build>/<contestant>/<passes>, found {spec:?}"
            ));
        };
        let count: usize = count.parse().map_err(|e| format!("SMTP_RUN: passes {count:?}: {e}"))?;
        let parse = parse_inputs(lines);
        let materials: Vec<Material<'_>> = lines.iter().filter_map(|l| material(l)).collect();
        let (inputs, total) = match (group, name) {
            ("parse", "mail_envelope") => (
                parse.len(),
                passes(&|| parse.iter().filter(|l| ours_parse(l)).count(), count),
            ),
            ("parse", "smtp_proto") => (
                parse.len(),
                passes(&|| parse.iter().filter(|l| smtp_proto_parse(l)).count(), count),
            ),
            ("build", "mail_envelope") => (
                materials.len(),
                passes(&|| materials.iter().map(|m| ours_build(m).len()).sum(), count),
            ),
            ("build", "lettre") => (
                materials.len(),
                passes(&|| materials.iter().map(|m| lettre_build(m).len()).sum(), count),
            ),
            _ => return Err(format!("SMTP_RUN: no contestant {name:?} in {group:?}")),
        };
        println!("smtp: ran {group}/{name} over {inputs} lines {count} times ({total})");
        Ok(())
    }

    fn bench_parse(c: &mut Criterion, lines: &[String]) {
        let common = parse_inputs(lines);
        println!(
            "command/parse: {} lines; this crate refuses {}, smtp-proto {}; {} timed",
            lines.len(),
            lines.iter().filter(|l| !ours_parse(l)).count(),
            lines.iter().filter(|l| !smtp_proto_parse(l)).count(),
            common.len()
        );
        if std::env::var_os("SMTP_VERBOSE").is_some() {
            for line in lines.iter().filter(|l| !ours_parse(l) || !smtp_proto_parse(l)) {
                println!(
                    "  refused by {}: {line:?}",
                    if ours_parse(line) { "smtp-proto" } else { "this crate" }
                );
            }
        }
        let bytes: usize = common.iter().map(|l| l.len()).sum();
        let mut group = c.benchmark_group("command/parse");
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("mail_envelope", |b| {
            b.iter(|| common.iter().filter(|l| ours_parse(black_box(l))).count());
        });
        group.bench_function("smtp_proto", |b| {
            b.iter(|| common.iter().filter(|l| smtp_proto_parse(black_box(l))).count());
        });
        group.finish();
    }

    fn bench_build(c: &mut Criterion, lines: &[String]) {
        let materials: Vec<Material<'_>> = lines.iter().filter_map(|l| material(l)).collect();
        let differ = materials.iter().filter(|m| ours_build(m) != lettre_build(m)).count();
        if std::env::var_os("SMTP_VERBOSE").is_some() {
            for m in materials.iter().filter(|m| ours_build(m) != lettre_build(m)) {
                println!("  ours {:?}\n  lettre {:?}", ours_build(m), lettre_build(m));
            }
        }
        println!(
            "command/build: {} of {} lines held by both crates; {differ} written differently",
            materials.len(),
            lines.len()
        );
        let bytes: usize = materials.iter().map(|m| ours_build(m).len()).sum();
        let mut group = c.benchmark_group("command/build");
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("mail_envelope", |b| {
            b.iter(|| materials.iter().map(|m| ours_build(black_box(m)).len()).sum::<usize>());
        });
        group.bench_function("lettre", |b| {
            b.iter(|| {
                materials
                    .iter()
                    .map(|m| lettre_build(black_box(m)).len())
                    .sum::<usize>()
            });
        });
        group.finish();
    }

    /// This crate's time over each peer's, from the last run's results.
    pub(crate) fn ratio_table() -> String {
        let mut table =
            String::from("| comparison | mail_envelope (µs) | peer (µs) | ours ÷ theirs |\n|---|---:|---:|---:|\n");
        for (group, peer) in [("command/parse", "smtp_proto"), ("command/build", "lettre")] {
            if let (Some(ours), Some(theirs)) = (mean_ns(group, "mail_envelope", None), mean_ns(group, peer, None)) {
                let _ = writeln!(
                    table,
                    "| {group} vs {peer} | {:.1} | {:.1} | {:.2} |",
                    ours / 1000.0,
                    theirs / 1000.0,
                    ours / theirs
                );
            }
        }
        table
    }
}

fn main() {
    // `SMTP_RUN=…`: one side's untimed passes, for callgrind.
    if let Some(spec) = std::env::var_os("SMTP_RUN") {
        if let Err(e) = command::count_run(&spec.to_string_lossy()) {
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
    command::bench(&mut criterion);
    criterion.final_summary();
    // `cargo bench` passes `--bench`; `cargo test --benches` runs each benchmark once, untimed.
    if common::timed_run() {
        println!("\n{}", command::ratio_table());
    }
}
