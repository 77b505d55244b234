//! `mail-from` and `rcpt-to`: the `MAIL FROM` / `RCPT TO` line for each address, planned against
//! what the server offers; or, with `--parse`, each command line read back.
//!
//! ```text
//! mail-envelope mail-from [--ehlo FILE] [--param K[=V]]... [--utf8-message] [--size N]
//!                         [--body 7bit|8bitmime|binarymime] [--raw] [--json] [--parse]
//!                         [--strictness …] [--json-input] [INPUT...]
//! mail-envelope rcpt-to   [--ehlo FILE] [--param K[=V]]... [--utf8-message] [--notify LIST]
//!                         [--orcpt] [--raw] [--json] [--parse] [--strictness …] [--json-input] [INPUT...]
//! ```
//!
//! An INPUT is an address as a person writes it (`Name <user@example.com>`, `user@example.com`,
//! `<>`, `<Postmaster>`): the line carries its bare path, nothing of the name. Without `--ehlo`
//! the plan is made against a server that offers nothing, so a non-ASCII local part fails naming
//! SMTPUTF8 and a non-ASCII domain goes out in A-labels. `--param`, `--notify` and `--orcpt` are
//! sent as given; with `--ehlo`, one of an extension the server does not offer is an error.
//!
//! With `--json` each input gives one object (the library's `CommandRecord`, after `"input"` and,
//! for standard input, `"line"`):
//!
//! ```text
//! {"input":"…","ok":true,"command":"MAIL FROM:<…> SMTPUTF8\r\n","path":"<…>","smtputf8":true,
//!  "params":[{"keyword":"SMTPUTF8","value":null}],"diagnoses":[]}
//! {"input":"…","ok":false,"error":{"kind":"local_part_needs_smtputf8","offset":null,"message":"…"}}
//! ```
//!
//! `--parse` reads command lines instead: each argument, or all of standard input as one line
//! with one trailing CRLF or LF removed. `--raw` prints each line exactly, CRLF included, and the
//! errors on standard error. The table shows CR and LF escaped.

use std::fs;
use std::io::{self, Read, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use mail_envelope::smtp::capabilities::{Capabilities, DsnRequest, MessageInfo};
use mail_envelope::smtp::command::CommandFields;
use mail_envelope::smtp::command::{CommandRecord, MailFrom, RcptTo};
use mail_envelope::smtp::param::{Body, EsmtpParam, Notify};
use mail_envelope::smtp::SmtpError;
use mail_envelope::{EnvelopeError, ForwardPath, Mailbox, ParseError, ParseOptions, ReversePath, Strictness};
use serde::Serialize;

use crate::args::{InputArgs, OutputArgs, StrictnessArg};
use crate::input::{self, Input};
use crate::output::{self, Record};
use crate::table::{printable, Column, Row, Tabular};
use crate::{Failure, Outcome};

// ----- command line -----

/// The arguments both subcommands take.
#[derive(Debug, clap::Args)]
pub(crate) struct CommonArgs {
    /// A file holding the server's EHLO reply (`250-…` lines); without it, the server offers
    /// nothing.
    #[arg(long, value_name = "FILE", conflicts_with = "parse")]
    ehlo: Option<PathBuf>,
    /// A parameter to add, `KEYWORD` or `KEYWORD=VALUE` (repeatable).
    #[arg(long = "param", value_name = "K[=V]", value_parser = parse_param, conflicts_with = "parse")]
    params: Vec<EsmtpParam<'static>>,
    /// The message itself needs SMTPUTF8 (UTF-8 headers), whatever its addresses.
    #[arg(long, conflicts_with = "parse")]
    utf8_message: bool,
    /// Print each line exactly, CRLF included (errors go to standard error).
    #[arg(long, conflicts_with = "json")]
    raw: bool,
    /// Read command lines instead of addresses: the arguments, or all of standard input.
    #[arg(long)]
    parse: bool,
    /// How much of the grammar to accept.
    #[arg(long, value_enum, default_value_t = StrictnessArg::Standard)]
    strictness: StrictnessArg,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    input: InputArgs,
}

/// The arguments of `mail-from`.
#[derive(Debug, clap::Args)]
pub(crate) struct MailFromArgs {
    /// The message's size in octets, declared with SIZE when the server offers it.
    #[arg(long, value_name = "OCTETS", conflicts_with = "parse")]
    size: Option<u64>,
    /// The body type: BODY=8BITMIME or BODY=BINARYMIME when the server offers it.
    #[arg(long, value_enum, conflicts_with = "parse")]
    body: Option<BodyArg>,
    #[command(flatten)]
    common: CommonArgs,
}

/// The arguments of `rcpt-to`.
#[derive(Debug, clap::Args)]
pub(crate) struct RcptToArgs {
    /// NOTIFY: `never`, or a comma-separated list of `success`, `failure`, `delay`.
    #[arg(long, value_name = "LIST", value_parser = parse_notify, conflicts_with = "parse")]
    notify: Option<Notify>,
    /// Add ORCPT with the recipient's address (`rfc822;` xtext, or `utf-8;` when not ASCII).
    #[arg(long, conflicts_with = "parse")]
    orcpt: bool,
    #[command(flatten)]
    common: CommonArgs,
}

/// The `--body` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum BodyArg {
    /// 7-bit US-ASCII lines (the default).
    #[value(name = "7bit")]
    SevenBit,
    /// 8-bit text lines (RFC 6152).
    #[value(name = "8bitmime")]
    EightBitMime,
    /// Binary content (RFC 3030).
    #[value(name = "binarymime")]
    BinaryMime,
}

impl From<BodyArg> for Body {
    fn from(arg: BodyArg) -> Self {
        match arg {
            BodyArg::SevenBit => Body::SevenBit,
            BodyArg::EightBitMime => Body::EightBitMime,
            BodyArg::BinaryMime => Body::BinaryMime,
        }
    }
}

/// Reads a `--param`.
fn parse_param(text: &str) -> Result<EsmtpParam<'static>, String> {
    EsmtpParam::parse(text, Strictness::Standard)
        .map(EsmtpParam::into_owned)
        .map_err(|e| e.to_string())
}

/// Reads a `--notify`.
fn parse_notify(text: &str) -> Result<Notify, String> {
    Notify::parse(text).map_err(|e| e.to_string())
}

// ----- running -----

/// Which command the subcommand writes.
#[derive(Debug, Clone, Copy)]
enum Verb {
    Mail,
    Rcpt,
}

/// What the planner is told, besides the address.
struct Plan<'c> {
    caps: Capabilities<'c>,
    /// Whether `--ehlo` was given: then the extra parameters must be offered.
    checked: bool,
    message: MessageInfo,
    dsn: DsnRequest,
    params: &'c [EsmtpParam<'static>],
    options: ParseOptions,
}

/// Runs `mail-from`.
pub(crate) fn run_mail_from(args: &MailFromArgs) -> Outcome {
    let mut message = MessageInfo::default().utf8(args.common.utf8_message);
    if let Some(size) = args.size {
        message = message.size(size);
    }
    if let Some(body) = args.body {
        message = message.body(body.into());
    }
    run(Verb::Mail, &args.common, message, DsnRequest::default())
}

/// Runs `rcpt-to`.
pub(crate) fn run_rcpt_to(args: &RcptToArgs) -> Outcome {
    let mut dsn = DsnRequest::default().orcpt(args.orcpt);
    if let Some(notify) = args.notify {
        dsn = dsn.notify(notify);
    }
    let message = MessageInfo::default().utf8(args.common.utf8_message);
    run(Verb::Rcpt, &args.common, message, dsn)
}

fn run(verb: Verb, args: &CommonArgs, message: MessageInfo, dsn: DsnRequest) -> Outcome {
    let strictness = Strictness::from(args.strictness);
    let inputs = if args.parse {
        command_inputs(&args.input)?
    } else {
        input::read(&args.input)?
    };
    let ehlo = match &args.ehlo {
        Some(file) => Some(fs::read_to_string(file).map_err(|e| failure(file, &e.to_string()))?),
        None => None,
    };
    let caps = match (&ehlo, &args.ehlo) {
        (Some(text), Some(file)) => {
            Capabilities::parse(text, Strictness::Standard).map_err(|e| failure(file, &e.to_string()))?
        }
        _ => Capabilities::default(),
    };
    let plan = Plan {
        caps,
        checked: args.ehlo.is_some(),
        message,
        dsn,
        params: &args.params,
        options: ParseOptions::default().strictness(strictness),
    };
    let rows = inputs.iter().map(|input| Line::new(input, verb, args.parse, &plan));
    if args.raw {
        raw(rows)
    } else {
        output::print(&args.output, COLUMNS, rows)
    }
}

/// A failure to read the EHLO file: exit status 2.
fn failure(file: &std::path::Path, message: &str) -> Failure {
    Failure::Io(io::Error::new(
        io::ErrorKind::InvalidData,
        format!("{}: {message}", file.display()),
    ))
}

/// The inputs of `--parse`: the arguments, or all of standard input as one line with one
/// trailing CRLF or LF removed.
fn command_inputs(args: &InputArgs) -> Result<Vec<Input>, Failure> {
    if !args.inputs.is_empty() {
        return input::read(args);
    }
    let mut stdin = Vec::new();
    io::stdin().lock().read_to_end(&mut stdin).map_err(Failure::Io)?;
    let line = stdin
        .strip_suffix(b"\r\n")
        .or_else(|| stdin.strip_suffix(b"\n"))
        .unwrap_or(&stdin)
        .to_vec();
    let bytes = if args.json_input {
        serde_json::from_slice::<String>(&line)
            .map(String::into_bytes)
            .map_err(|e| (format!("not a JSON string: {e}"), e.column().saturating_sub(1)))
    } else {
        Ok(line.clone())
    };
    Ok(vec![Input {
        line: None,
        raw: line,
        bytes,
    }])
}

/// Prints each line exactly; errors go to standard error. `Ok(true)` when every input gave one.
fn raw(rows: impl Iterator<Item = Line>) -> Outcome {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut all_ok = true;
    for row in rows {
        if let Ok(Some(line)) = row.outcome.as_ref().map(CommandRecord::command) {
            match out.write_all(line.as_bytes()) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
                result => result.map_err(Failure::Io)?,
            }
        } else {
            all_ok = false;
            eprintln!("mail-envelope: {}: {}", printable(&row.input), row.message());
        }
    }
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::Io(e)),
        _ => Ok(all_ok),
    }
}

// ----- what one input gives -----

/// One input and the command it gave.
#[derive(Debug)]
struct Line {
    input: String,
    /// The line of standard input it stood on, if it came from there.
    number: Option<usize>,
    outcome: Result<CommandRecord, Failed>,
}

/// Why an input gave no command, when it is not the SMTP layer's error (which the record
/// carries).
#[derive(Debug)]
enum Failed {
    /// Not an address.
    Parse(ParseError),
    /// An address valid in a header that no RFC 5321 path can carry.
    Envelope(EnvelopeError),
    /// With `--json-input`, not a JSON string: why, and at which byte.
    JsonInput(String, usize),
}

/// The JSON object of an error.
#[derive(Debug, Serialize)]
struct JsonError {
    kind: &'static str,
    offset: usize,
    message: String,
}

impl Line {
    /// Plans (or parses) the command for `input`.
    fn new(input: &Input, verb: Verb, parse: bool, plan: &Plan<'_>) -> Self {
        let outcome = match &input.bytes {
            Ok(bytes) if parse => Ok(parse_line(bytes, verb, plan.options.strictness)),
            Ok(bytes) => command(bytes, verb, plan),
            Err((message, offset)) => Err(Failed::JsonInput(message.clone(), *offset)),
        };
        let shown = input.bytes.as_ref().unwrap_or(&input.raw);
        Self {
            input: String::from_utf8_lossy(shown).into_owned(),
            number: input.line,
            outcome,
        }
    }

    /// The error's message, if the input gave no command.
    fn message(&self) -> String {
        match &self.outcome {
            Ok(CommandRecord::Failed(e)) => e.to_string(),
            Ok(_) => String::new(),
            Err(Failed::Parse(e)) => e.to_string(),
            Err(Failed::Envelope(e)) => e.to_string(),
            Err(Failed::JsonInput(message, _)) => message.clone(),
        }
    }
}

/// Reads a command line.
fn parse_line(bytes: &[u8], verb: Verb, strictness: Strictness) -> CommandRecord {
    let record = match verb {
        Verb::Mail => MailFrom::parse_bytes(bytes, strictness).map(|m| CommandRecord::mail(&m)),
        Verb::Rcpt => RcptTo::parse_bytes(bytes, strictness).map(|r| CommandRecord::rcpt(&r)),
    };
    record.unwrap_or_else(CommandRecord::Failed)
}

/// Reads an address (a mailbox as a person writes it, else an RFC 5321 path: `<>`,
/// `<Postmaster>`) and plans its command. When neither reads, the error is the path's for an
/// input written as a path (starting with `<`), the mailbox's otherwise.
fn command(bytes: &[u8], verb: Verb, plan: &Plan<'_>) -> Result<CommandRecord, Failed> {
    let mailbox = Mailbox::parse_bytes_with(bytes, &plan.options);
    let which = |mailbox_error: ParseError, path_error: ParseError| {
        Failed::Parse(if bytes.starts_with(b"<") {
            path_error
        } else {
            mailbox_error
        })
    };
    let record = match verb {
        Verb::Mail => {
            let path = match &mailbox {
                Ok(mailbox) => mailbox.addr_spec().to_reverse_path().map_err(Failed::Envelope)?,
                Err(e) => ReversePath::parse_bytes_with(bytes, &plan.options).map_err(|p| which(*e, p))?,
            };
            plan_mail(&path, plan)
        }
        Verb::Rcpt => {
            let path = match &mailbox {
                Ok(mailbox) => mailbox.addr_spec().to_forward_path().map_err(Failed::Envelope)?,
                Err(e) => ForwardPath::parse_bytes_with(bytes, &plan.options).map_err(|p| which(*e, p))?,
            };
            plan_rcpt(&path, plan)
        }
    };
    Ok(record.unwrap_or_else(CommandRecord::Failed))
}

/// The `MAIL FROM` for `path`, with the extra parameters.
fn plan_mail(path: &ReversePath<'_>, plan: &Plan<'_>) -> Result<CommandRecord, SmtpError> {
    let mut mail = plan.caps.plan_mail(path, &plan.message)?;
    for param in plan.params {
        if plan.checked {
            plan.caps.check_param(param)?;
        }
        mail.push_param(param.clone())?;
    }
    Ok(CommandRecord::mail(&mail))
}

/// The `RCPT TO` for `path`, in a transaction that uses SMTPUTF8 when the path or the message
/// needs it and the server offers it, with the DSN and extra parameters.
fn plan_rcpt(path: &ForwardPath<'_>, plan: &Plan<'_>) -> Result<CommandRecord, SmtpError> {
    let smtputf8 = plan.caps.uses_smtputf8(path.needs_smtputf8(), &plan.message)?;
    let mut rcpt = if plan.checked {
        plan.caps.plan_rcpt(path, smtputf8, &plan.dsn)?
    } else {
        // Without --ehlo the DSN parameters are sent as given.
        let mut rcpt = plan.caps.plan_rcpt(path, smtputf8, &DsnRequest::default())?;
        if let Some(notify) = plan.dsn.notify {
            rcpt.push_param(EsmtpParam::Notify(notify))?;
        }
        if plan.dsn.orcpt {
            rcpt.push_param(EsmtpParam::orcpt_for(rcpt.path()))?;
        }
        rcpt
    };
    for param in plan.params {
        if plan.checked {
            plan.caps.check_param(param)?;
        }
        rcpt.push_param(param.clone())?;
    }
    Ok(CommandRecord::rcpt(&rcpt))
}

// ----- printing -----

impl Record for Line {
    fn ok(&self) -> bool {
        matches!(self.outcome, Ok(CommandRecord::Ok(_)))
    }

    fn json(&self) -> impl Serialize {
        #[derive(Serialize)]
        #[serde(untagged)]
        enum Body<'r> {
            Record(&'r CommandRecord),
            Failed { ok: bool, error: JsonError },
        }
        #[derive(Serialize)]
        struct Object<'r> {
            input: &'r str,
            #[serde(skip_serializing_if = "Option::is_none")]
            line: Option<usize>,
            #[serde(flatten)]
            body: Body<'r>,
        }
        let body = match &self.outcome {
            Ok(record) => Body::Record(record),
            Err(Failed::Parse(e)) => Body::Failed {
                ok: false,
                error: JsonError {
                    kind: e.kind().code(),
                    offset: e.offset(),
                    message: e.to_string(),
                },
            },
            Err(Failed::Envelope(e)) => Body::Failed {
                ok: false,
                error: JsonError {
                    kind: e.kind().code(),
                    offset: e.offset(),
                    message: e.to_string(),
                },
            },
            Err(Failed::JsonInput(message, offset)) => Body::Failed {
                ok: false,
                error: JsonError {
                    kind: "invalid_json_input",
                    offset: *offset,
                    message: message.clone(),
                },
            },
        };
        Object {
            input: &self.input,
            line: self.number,
            body,
        }
    }
}

impl Tabular for Line {
    /// The input, and its command.
    type Row<'a> = (&'a str, &'a CommandFields);

    fn rows(&self) -> Vec<Row<Self::Row<'_>>> {
        match &self.outcome {
            Ok(CommandRecord::Ok(fields)) => vec![Row::Cells((&self.input, fields))],
            _ => vec![Row::Spanning(
                printable(&self.input),
                format!("error: {}", self.message()),
            )],
        }
    }
}

/// The table's columns: the command with CR and LF escaped.
const COLUMNS: &[Column<Line>] = &[
    Column::new("INPUT", |(input, _)| printable(input)),
    Column::new("COMMAND", |(_, f)| printable(f.command())),
    Column::new("SMTPUTF8", |(_, f)| if f.smtputf8() { "yes" } else { "no" }.to_owned()),
    Column::new("DIAGNOSES", |(_, f)| f.diagnoses().join(",")),
];

/// What `--help` says of the exit status.
pub(crate) const AFTER_HELP: &str = "\
Exit status:
  0  every input gave its command line
  1  some input did not (its row says why)
  2  usage error, an unreadable or invalid --ehlo file, or an I/O error

Without --ehlo the server offers nothing: a non-ASCII local part fails naming SMTPUTF8,
a non-ASCII domain goes out in A-labels, and no SIZE, BODY or SMTPUTF8 is added.";
