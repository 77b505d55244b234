//! `notify`: the whole client side of a notification transaction, from `EHLO` to the final `.`.
//!
//! ```text
//! mail-envelope notify --from MAILBOX --to MAILBOX [--to MAILBOX]… --subject TEXT [--ehlo FILE]
//!                      [--helo NAME] [--date 'SECONDS±HHMM'] [--message-id-part TEXT] [--json] < body
//! ```
//!
//! Standard input is the body, read as one input (UTF-8, any line ends). `--ehlo` is the
//! server's EHLO reply; without it the server offers nothing. `--helo` is the client's EHLO
//! name (default: the sender's domain as A-labels). `--date` is the time for `Date:` (default:
//! now, UTC) and `--message-id-part` the left part of `Message-ID:` (default: the seconds and
//! the process id). Without `--json` the transaction is printed as the client writes it, one
//! `C:` line per line; with `--json`, one object:
//!
//! ```text
//! {"input":"<from>","ok":true,"commands":["EHLO …","MAIL FROM:<…>",…,"DATA"],"batches":[[…],…],
//!  "wait_for_greeting_after":[],"data":"Date: …\r\n…\r\n.\r\n","smtputf8":false,"transfer_encoding":"7bit"}
//! ```

use std::fs;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use mail_envelope::message::{Notification, Timestamp, Transaction};
use mail_envelope::smtp::capabilities::Capabilities;
use mail_envelope::{Domain, Error, Mailbox, Strictness};
use serde::Serialize;

use crate::args::OutputArgs;
use crate::{Failure, Outcome};

/// The arguments of `notify`.
#[derive(Debug, clap::Args)]
pub(crate) struct NotifyArgs {
    /// The sender: `Name <addr>` or `addr`.
    #[arg(long, value_name = "MAILBOX")]
    from: String,
    /// A recipient; repeatable.
    #[arg(long, value_name = "MAILBOX", required = true)]
    to: Vec<String>,
    /// The subject.
    #[arg(long, value_name = "TEXT")]
    subject: String,
    /// A file holding the server's EHLO reply (without it the server offers nothing).
    #[arg(long, value_name = "FILE")]
    ehlo: Option<PathBuf>,
    /// The client's EHLO name (default: the sender's domain as A-labels).
    #[arg(long, value_name = "NAME")]
    helo: Option<String>,
    /// The time for Date:, as SECONDS±HHMM (default: now, +0000).
    #[arg(long, value_name = "SECONDS±HHMM", allow_hyphen_values = true)]
    date: Option<String>,
    /// The unique left part of Message-ID: (default: SECONDS.PID).
    #[arg(long, value_name = "TEXT")]
    message_id_part: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

/// Why the transaction could not be built.
#[derive(Debug, Serialize)]
struct ErrorJson {
    kind: String,
    offset: Option<usize>,
    message: String,
}

impl ErrorJson {
    fn new(kind: impl Into<String>, offset: Option<usize>, message: String) -> Self {
        Self {
            kind: kind.into(),
            offset,
            message,
        }
    }

    /// The object of a library error, prefixed with what it was about.
    fn from_error(what: &str, e: &Error) -> Self {
        let (kind, offset) = match e {
            Error::Parse(p) => (p.kind().code().to_owned(), Some(p.offset())),
            Error::Envelope(p) => (p.kind().code().to_owned(), Some(p.offset())),
            Error::Render(r) => (r.code().to_owned(), None),
            Error::Smtp(s) => (s.kind().code().into_owned(), s.offset()),
            _ => ("other".to_owned(), None),
        };
        Self::new(kind, offset, format!("{what}{e}"))
    }
}

/// The JSON object printed.
#[derive(Serialize)]
#[serde(untagged)]
enum Json<'a> {
    Ok {
        input: &'a str,
        ok: bool,
        #[serde(flatten)]
        transaction: &'a Transaction,
    },
    Failed {
        input: &'a str,
        ok: bool,
        error: &'a ErrorJson,
    },
}

/// The default EHLO name: the sender's domain as A-labels (a literal as written).
fn default_helo(from: &str) -> Option<String> {
    let mailbox = Mailbox::parse(from).ok()?;
    match mailbox.addr_spec().domain() {
        Domain::Name(name) => name.to_ascii().ok().map(std::borrow::Cow::into_owned),
        Domain::Literal(literal) => Some(literal.as_str().chars().filter(|c| !c.is_whitespace()).collect()),
    }
}

/// Builds the transaction the arguments describe.
fn build(args: &NotifyArgs, body: &str, ehlo: Option<&str>) -> Result<Transaction, ErrorJson> {
    let caps = ehlo
        .map(|text| Capabilities::parse(text, Strictness::Standard))
        .transpose()
        .map_err(|e| ErrorJson::from_error("--ehlo: ", &e.into()))?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let date = match &args.date {
        Some(text) => Timestamp::parse(text).map_err(|e| ErrorJson::from_error("--date: ", &e.into()))?,
        None => Timestamp {
            seconds: i64::try_from(now).unwrap_or(i64::MAX),
            offset_minutes: 0,
        },
    };
    let id_part = args
        .message_id_part
        .clone()
        .unwrap_or_else(|| format!("{}.{}", date.seconds.unsigned_abs(), std::process::id()));
    let helo = args
        .helo
        .clone()
        .or_else(|| default_helo(&args.from))
        .unwrap_or_else(|| "localhost".to_owned());
    let to: Vec<&str> = args.to.iter().map(String::as_str).collect();
    let note = Notification {
        from: &args.from,
        to: &to,
        subject: &args.subject,
        body,
        date,
        message_id_part: &id_part,
        ehlo_name: &helo,
    };
    note.transaction(caps.as_ref())
        .map_err(|e| ErrorJson::from_error("", &e))
}

/// Runs `notify`.
pub(crate) fn run(args: &NotifyArgs) -> Outcome {
    let ehlo = match &args.ehlo {
        Some(file) => Some(
            fs::read_to_string(file)
                .map_err(|e| Failure::Io(io::Error::other(format!("--ehlo {}: {e}", file.display()))))?,
        ),
        None => None,
    };
    let mut bytes = Vec::new();
    io::stdin().lock().read_to_end(&mut bytes).map_err(Failure::Io)?;
    let result = match std::str::from_utf8(&bytes) {
        Ok(body) => build(args, body, ehlo.as_deref()),
        Err(e) => Err(ErrorJson::new(
            "invalid_utf8",
            Some(e.valid_up_to()),
            format!("standard input is not UTF-8 at byte {}", e.valid_up_to()),
        )),
    };
    let mut out = io::stdout().lock();
    let written = if args.output.json {
        let json = match &result {
            Ok(transaction) => Json::Ok {
                input: &args.from,
                ok: true,
                transaction,
            },
            Err(error) => Json::Failed {
                input: &args.from,
                ok: false,
                error,
            },
        };
        serde_json::to_writer(&mut out, &json)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        match &result {
            Ok(transaction) => transcript(&mut out, transaction),
            Err(error) => writeln!(out, "error: {}", error.message),
        }
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(Failure::Io(e)),
        _ => {}
    }
    Ok(result.is_ok())
}

/// The transaction as the client writes it: each batch's commands, then the data.
fn transcript(out: &mut impl Write, transaction: &Transaction) -> io::Result<()> {
    for (i, batch) in transaction.batches.iter().enumerate() {
        writeln!(out, "# batch {i}")?;
        for command in batch {
            writeln!(out, "C: {command}")?;
        }
    }
    writeln!(
        out,
        "# data, after 354 (transfer encoding {})",
        transaction.transfer_encoding.as_str()
    )?;
    for line in transaction.data.split_inclusive("\r\n") {
        writeln!(out, "C: {}", line.trim_end_matches("\r\n"))?;
    }
    out.flush()
}
