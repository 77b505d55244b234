//! `mail-envelope`: the command-line face of the `mail-envelope` crate (feature `cli`).
//!
//! ```text
//! mail-envelope split [--mode mailbox|list|path] [--strictness strict|standard|lenient]
//!                     [--utf8-headers] [--json] [--json-input] [INPUT...]
//! ```
//!
//! Each subcommand handles its inputs one by one: the INPUT arguments, or with none the lines of
//! standard input (see [`input`]). It prints what each input gave either as an aligned table or,
//! with `--json`, as one JSON object per input on one line, in input order (see [`output`]).
//!
//! The exit status is 0 when every input was handled (for `split --require-envelope`: and has an
//! envelope form), 1 when any was not (a `--json-input` line that is not a JSON string is such an
//! input), and 2 on usage errors and I/O errors; `--help` says so, and what each category means.
//!
//! This file parses the command line and dispatches to the subcommand; [`args`] holds the argument
//! groups the subcommands share, and each subcommand has its own module ([`split`]).

mod align;
mod answer;
mod args;
mod autoreply;
mod command;
mod identity;
mod input;
mod notify;
mod output;
mod pipeline;
mod proxy;
mod reply;
mod sender_login;
mod smtp_error;
mod split;
mod table;
mod xclient;

use std::fmt;
use std::io;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// What `--help` says of the exit status and the categories.
const AFTER_HELP: &str = "\
Exit status:
  0  every input was read (and, with --require-envelope, has an envelope form)
  1  some input was not (its row says why)
  2  usage error, or an I/O error

Categories, from the least to the most severe:
  valid       valid, and usable unchanged in an SMTP envelope
  rfc5321     valid for SMTP, with something unusual (a quoted local part, an address literal)
  cfws        comments or folding white space that the envelope form drops
  deprecated  obsolete RFC 5322 syntax (accepted by standard and lenient, refused by strict)
  rfc5322     valid only in a header: no RFC 5321 path can carry it (envelope is null)";

/// RFC 5322/5321 email addresses: one parse, two forms (header and SMTP envelope).
#[derive(Debug, Parser)]
#[command(name = "mail-envelope", version, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Split each input into its envelope form and its header form.
    #[command(after_help = AFTER_HELP)]
    Split(split::SplitArgs),
    /// Decode the PROXY protocol header (version 1 or 2) at the start of standard input.
    #[command(after_help = proxy::AFTER_HELP)]
    Proxy(proxy::ProxyArgs),
    /// Read an SMTP reply from standard input: its code, enhanced status code and meaning.
    #[command(after_help = SMTP_AFTER_HELP)]
    Reply(reply::ReplyArgs),
    /// Cut SMTP commands, one per line, into RFC 2920 pipelining batches.
    #[command(after_help = SMTP_AFTER_HELP)]
    Pipeline(pipeline::PipelineArgs),
    /// Build Postfix XCLIENT (or XFORWARD) command lines from NAME=VALUE attributes.
    #[command(after_help = SMTP_AFTER_HELP)]
    Xclient(xclient::XclientArgs),
    /// Decide as Postfix's sender-login restrictions do, with its sender-login maps.
    SenderLogin(sender_login::SenderLoginArgs),
    /// Say which verified sender identity covers each From: address.
    Identity(identity::IdentityArgs),
    /// DMARC identifier alignment of From: with the MAIL FROM and DKIM domains.
    Align(align::AlignArgs),
    /// Decide whether a message gets an automatic (vacation) reply.
    Autoreply(autoreply::AutoreplyArgs),
    /// Write the MAIL FROM line for each address, planned against the server's EHLO reply
    /// (or read MAIL FROM lines with --parse).
    #[command(after_help = command::AFTER_HELP)]
    MailFrom(command::MailFromArgs),
    /// Write the RCPT TO line for each address, planned against the server's EHLO reply (or
    /// read RCPT TO lines with --parse).
    #[command(after_help = command::AFTER_HELP)]
    RcptTo(command::RcptToArgs),
    /// Build a whole notification transaction (EHLO to the final dot) from a sender,
    /// recipients, a subject and the body on standard input.
    Notify(notify::NotifyArgs),
}

/// What `--help` says of the exit status of `reply`, `pipeline` and `xclient`.
const SMTP_AFTER_HELP: &str = "\
Exit status:
  0  the input was read (\"ok\":true), whatever it says
  1  it was not (the output says why)
  2  usage error, or an I/O error";

/// Why a subcommand could not run: exit status 2.
#[derive(Debug)]
enum Failure {
    /// Reading the inputs or writing the results failed.
    Io(io::Error),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Io(e) => e.fmt(f),
        }
    }
}

/// What running a subcommand gave: `Ok(true)` when every input was handled, `Ok(false)` when some
/// input failed (its failure is in the output), `Err` when the subcommand could not run.
type Outcome = Result<bool, Failure>;

fn main() -> ExitCode {
    let outcome = match &Cli::parse().command {
        Command::Split(args) => split::run(args),
        Command::Proxy(args) => proxy::run(args),
        Command::Reply(args) => reply::run(args),
        Command::Pipeline(args) => pipeline::run(args),
        Command::Xclient(args) => xclient::run(args),
        Command::SenderLogin(args) => sender_login::run(args),
        Command::Identity(args) => identity::run(args),
        Command::Align(args) => align::run(args),
        Command::Autoreply(args) => autoreply::run(args),
        Command::MailFrom(args) => command::run_mail_from(args),
        Command::RcptTo(args) => command::run_rcpt_to(args),
        Command::Notify(args) => notify::run(args),
    };
    exit_code(outcome)
}

/// The exit status for an outcome: 0, 1, or 2 after saying on standard error why the subcommand
/// could not run.
fn exit_code(outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(failure) => {
            eprintln!("mail-envelope: {failure}");
            ExitCode::from(2)
        }
    }
}
