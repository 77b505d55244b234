//! `autoreply`: whether a message gets an automatic reply (RFC 3834, RFC 5230 as Pigeonhole
//! decides), to whom and with which header fields.
//!
//! ```text
//! mail-envelope autoreply --me ADDR [--also ADDR]… --sender PATH [--already-replied] [--json] < message
//! ```
//!
//! Standard input is the message's header block (a body after the empty line is ignored), read
//! as one input. `--me` is the recipient, `--also` the other addresses that are theirs (Sieve's
//! `:addresses`), `--sender` the envelope sender (the Return-Path), `--already-replied` says the
//! sender was answered within the interval. With `--json`:
//!
//! ```text
//! {"input":"<s@x>","ok":true,"reply":true,"to":"<s@x>","mail_from":"<>",
//!  "headers":[["Auto-Submitted","auto-replied"],["Subject","Auto: …"],…],"detail":"me@x in To"}
//! {"input":"<s@x>","ok":true,"reply":false,"rule":"list-header","detail":"List-Id"}
//! ```
//!
//! `rule` is one of `null-sender`, `own-address`, `already-replied`, `list-header`,
//! `auto-submitted`, `precedence`, `auto-response-suppress`, `system-sender`, `not-addressed`.
//! The exit status is 0 when a reply is due, 1 when not (or the input cannot be read).

use std::fmt::Write as _;
use std::io::{self, Read};

use mail_envelope::policy::autoreply::{decide, parse_header_block, Decision};
use mail_envelope::AddrSpec;

use crate::answer::{Answer, AnswerError, Answered};
use crate::args::OutputArgs;
use crate::sender_login::parse_path;
use crate::{output, Failure, Outcome};

/// The arguments of `autoreply`.
#[derive(Debug, clap::Args)]
pub(crate) struct AutoreplyArgs {
    /// The recipient's address (the envelope recipient).
    #[arg(long, value_name = "ADDR")]
    me: String,
    /// Another address of the recipient (Sieve's :addresses); repeatable.
    #[arg(long, value_name = "ADDR")]
    also: Vec<String>,
    /// The envelope sender of the message (its Return-Path).
    #[arg(long, value_name = "PATH")]
    sender: String,
    /// The sender was already answered within the interval.
    #[arg(long)]
    already_replied: bool,
    #[command(flatten)]
    output: OutputArgs,
}

crate::answer_columns!(COLUMNS: Decision, "SENDER", ["REPLY" => 1, "TO" => 2, "RULE" => 3]);

impl Answer for Decision {
    fn positive(&self) -> bool {
        self.reply()
    }

    fn cells(&self) -> Vec<String> {
        vec![
            if self.reply() { "yes" } else { "no" }.to_owned(),
            self.to().unwrap_or("-").to_owned(),
            self.rule().map_or("-", |r| r.as_str()).to_owned(),
        ]
    }

    fn why(&self) -> Option<String> {
        let mut why = self.detail().unwrap_or_default().to_owned();
        for (name, value) in self.headers() {
            let _ = write!(why, "; {name}: {value}");
        }
        Some(why)
    }
}

/// Runs `autoreply`.
pub(crate) fn run(args: &AutoreplyArgs) -> Outcome {
    let usage = |message: String| Failure::Io(io::Error::other(message));
    let me = AddrSpec::parse(&args.me).map_err(|e| usage(format!("--me {}: {e}", args.me)))?;
    let also = args
        .also
        .iter()
        .map(|a| AddrSpec::parse(a).map_err(|e| usage(format!("--also {a}: {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    let mut bytes = Vec::new();
    io::stdin().lock().read_to_end(&mut bytes).map_err(Failure::Io)?;
    let outcome = parse_path(args.sender.as_bytes())
        .map_err(|e| AnswerError {
            message: format!("--sender: {}", e.message),
            ..e
        })
        .and_then(|sender| {
            let text = std::str::from_utf8(&bytes).map_err(|e| AnswerError {
                kind: "invalid_utf8",
                offset: Some(e.valid_up_to()),
                message: format!("standard input is not UTF-8 at byte {}", e.valid_up_to()),
            })?;
            let headers = parse_header_block(text).map_err(|e| AnswerError {
                kind: e.kind().code(),
                offset: e.offset(),
                message: e.to_string(),
            })?;
            Ok(decide(&sender, &me, &also, &headers, args.already_replied))
        });
    let answer = Answered {
        input: args.sender.clone(),
        line: None,
        outcome,
    };
    output::print(&args.output, COLUMNS, [answer])
}
