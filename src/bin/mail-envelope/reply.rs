//! `reply`: reads all of standard input as one SMTP reply (RFC 5321 §4.2) and prints its code,
//! enhanced status code (RFC 3463), class, subject and meaning (the RFC 5248 registry), and the
//! text of its lines.
//!
//! With `--json` the output is one object:
//!
//! ```text
//! {"ok":true,"code":501,"enhanced":"5.1.7","class":"permanent","subject":"addressing",
//!  "meaning":"Bad sender's mailbox address syntax","lines":["Invalid address"],"diagnoses":[]}
//! {"ok":false,"error":{"kind":"incomplete","offset":6,"needed":2,"message":"…"}}
//! {"ok":false,"error":{"kind":"mixed_codes","offset":8,"message":"…"}}
//! ```
//!
//! Every line ends in CRLF; `--lf` takes a bare LF as CRLF, for replies typed by hand (offsets
//! then count in the input with every such LF made CRLF). Input that stops before the reply's
//! end is `incomplete`, with the least number of bytes that could complete it; bytes after the
//! reply's last line are an error (`reply_trailing_input`).

use std::io::{self, Read};

use mail_envelope::smtp::reply::{Reply, ReplyDiagnosis};
use mail_envelope::smtp::Status;
use serde::Serialize;

use crate::args::OutputArgs;
use crate::output::{self, Record};
use crate::smtp_error::JsonError;
use crate::table::{optional, printable, Column, Row, Tabular};
use crate::{Failure, Outcome};

/// The arguments of `reply`.
#[derive(Debug, clap::Args)]
pub(crate) struct ReplyArgs {
    /// Take a bare LF as the end of a line, as if it were CRLF (for replies typed by hand).
    #[arg(long)]
    lf: bool,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `reply`; `Ok(true)` when standard input held one whole reply.
pub(crate) fn run(args: &ReplyArgs) -> Outcome {
    let mut input = Vec::new();
    io::stdin().lock().read_to_end(&mut input).map_err(Failure::Io)?;
    if args.lf {
        input = lf_to_crlf(&input);
    }
    output::print(&args.output, COLUMNS, [ReplyRecord::new(&input)])
}

/// `input` with every LF that no CR precedes made CRLF.
fn lf_to_crlf(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() + input.len() / 16);
    let mut previous = None;
    for &byte in input {
        if byte == b'\n' && previous != Some(b'\r') {
            out.push(b'\r');
        }
        out.push(byte);
        previous = Some(byte);
    }
    out
}

/// What reading the reply gave.
#[derive(Debug)]
struct ReplyRecord {
    outcome: Result<Reply<'static>, JsonError>,
}

impl ReplyRecord {
    fn new(input: &[u8]) -> Self {
        let outcome = match Reply::parse(input) {
            Ok(Status::Complete(reply)) => Ok(reply.into_owned()),
            Ok(Status::Incomplete { needed }) => Err(JsonError {
                needed: Some(needed),
                ..JsonError::other(
                    "incomplete",
                    Some(input.len()),
                    format!(
                        "incomplete reply: at least {needed} more bytes needed after byte {}",
                        input.len()
                    ),
                )
            }),
            Err(e) => Err(JsonError::smtp(&e)),
        };
        Self { outcome }
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum Json<'a> {
    Read {
        ok: bool,
        #[serde(flatten)]
        reply: &'a Reply<'static>,
    },
    Failed {
        ok: bool,
        error: &'a JsonError,
    },
}

impl Record for ReplyRecord {
    fn ok(&self) -> bool {
        self.outcome.is_ok()
    }

    fn json(&self) -> impl Serialize {
        match &self.outcome {
            Ok(reply) => Json::Read { ok: true, reply },
            Err(error) => Json::Failed { ok: false, error },
        }
    }
}

/// A table row: one line of the reply, the reply's fields on the first.
#[derive(Debug)]
struct Line<'a> {
    reply: Option<&'a Reply<'static>>,
    text: &'a str,
}

impl Tabular for ReplyRecord {
    type Row<'a> = Line<'a>;

    fn rows(&self) -> Vec<Row<Line<'_>>> {
        match &self.outcome {
            Err(e) => vec![Row::Spanning("error:".to_owned(), e.message.clone())],
            Ok(reply) => reply
                .lines()
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    Row::Cells(Line {
                        reply: (i == 0).then_some(reply),
                        text,
                    })
                })
                .collect(),
        }
    }
}

/// The cell of a reply field, on the first row only.
fn first(line: &Line<'_>, cell: impl FnOnce(&Reply<'static>) -> String) -> String {
    line.reply.map_or_else(String::new, cell)
}

const COLUMNS: &[Column<ReplyRecord>] = &[
    Column::new("CODE", |line| first(line, |r| r.code().to_string())),
    Column::new("ENHANCED", |line| {
        first(line, |r| optional(r.enhanced().map(|e| e.to_string()).as_deref()))
    }),
    Column::new("CLASS", |line| first(line, |r| r.class().to_string())),
    Column::new("SUBJECT", |line| {
        first(line, |r| optional(r.enhanced().map(|e| e.subject_kind().as_str())))
    }),
    Column::new("MEANING", |line| first(line, |r| optional(r.meaning()))),
    Column::new("DIAGNOSES", |line| {
        first(line, |r| {
            let codes: Vec<&str> = r.diagnoses().iter().map(ReplyDiagnosis::code).collect();
            codes.join(", ")
        })
    }),
    Column::new("TEXT", |line| printable(line.text)),
];
