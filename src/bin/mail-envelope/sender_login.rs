//! `sender-login`: what Postfix's `reject_*_sender_login_mismatch` answers for each sender, with
//! the tables of `smtpd_sender_login_maps`.
//!
//! ```text
//! mail-envelope sender-login --map TYPE:FILE … [--delimiter CHARS] [--local-domain D]…
//!                            [--mode MODE] [--login L] [--json] [SENDER…]
//! ```
//!
//! `--map` takes `texthash:`, `hash:` (the `postmap` source text), `aliases:` (the `postalias`
//! source text), `regexp:`, `pcre:` and `unionmap:{TYPE:FILE, …}`; repeated, the maps form a
//! list searched as Postfix searches one. A table that cannot be read, or a line of it that
//! cannot be reproduced, stops the command (exit status 2) naming the file and the line; lines
//! Postfix would skip are skipped with a warning on standard error.
//!
//! With `--json`, one object per sender:
//!
//! ```text
//! {"input":"s@x","ok":true,"decision":"reject","reason":"not_owned",
//!  "reply":"553 5.7.1 <s@x>: Sender address rejected: not owned by user l",
//!  "owners":["alice"],"matched":{"table":"texthash:/etc/map","key":"s@x","line":1},
//!  "keys":["s@x"],"detail":"…"}
//! ```
//!
//! `reply` is null when the sender is accepted. The exit status is 0 when every sender is
//! accepted, 1 when any is rejected or deferred (or is no path).

use std::io;

use clap::ValueEnum;
use mail_envelope::policy::sender_login::{self, Decision, Mode, Options, Verdict};
use mail_envelope::policy::table::{Table, TableType};
use mail_envelope::ReversePath;

use crate::answer::{Answer, AnswerError, Answered};
use crate::args::{InputArgs, OutputArgs};
use crate::input;
use crate::output;
use crate::{Failure, Outcome};

/// The arguments of `sender-login` (their documentation is `--help`, so names stay bare).
#[allow(clippy::doc_markdown)]
#[derive(Debug, clap::Args)]
pub(crate) struct SenderLoginArgs {
    /// A lookup table: texthash:FILE, hash:FILE, aliases:FILE, regexp:FILE, pcre:FILE or
    /// unionmap:{TYPE:FILE, …}. Repeat it for a list searched in order.
    #[arg(long = "map", value_name = "TYPE:FILE", required = true)]
    maps: Vec<String>,
    /// Postfix's recipient_delimiter: the characters that start an address extension.
    #[arg(long, value_name = "CHARS", default_value = "")]
    delimiter: String,
    /// A local domain ($myorigin, $mydestination, an interface as [192.0.2.1]); repeatable.
    #[arg(long = "local-domain", value_name = "DOMAIN")]
    local_domains: Vec<String>,
    /// The restriction applied.
    #[arg(long, value_enum, default_value_t = ModeArg::RejectSenderLoginMismatch)]
    mode: ModeArg,
    /// The SASL login of the client; without it, the client is not logged in.
    #[arg(long, value_name = "LOGIN")]
    login: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    input: InputArgs,
}

/// The `--mode` values, one per [`Mode`], named as in `main.cf`.
#[allow(clippy::enum_variant_names)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ModeArg {
    /// A logged-in client must own the sender address.
    #[value(name = "reject_authenticated_sender_login_mismatch")]
    RejectAuthenticatedSenderLoginMismatch,
    /// A sender address that has an owner needs a login.
    #[value(name = "reject_unauthenticated_sender_login_mismatch")]
    RejectUnauthenticatedSenderLoginMismatch,
    /// Both of the above.
    #[value(name = "reject_sender_login_mismatch")]
    RejectSenderLoginMismatch,
    /// Both, but a logged-in client may send as an address without owner.
    #[value(name = "reject_known_sender_login_mismatch")]
    RejectKnownSenderLoginMismatch,
}

impl From<ModeArg> for Mode {
    fn from(arg: ModeArg) -> Self {
        match arg {
            ModeArg::RejectAuthenticatedSenderLoginMismatch => Mode::RejectAuthenticatedSenderLoginMismatch,
            ModeArg::RejectUnauthenticatedSenderLoginMismatch => Mode::RejectUnauthenticatedSenderLoginMismatch,
            ModeArg::RejectSenderLoginMismatch => Mode::RejectSenderLoginMismatch,
            ModeArg::RejectKnownSenderLoginMismatch => Mode::RejectKnownSenderLoginMismatch,
        }
    }
}

crate::answer_columns!(COLUMNS: Decision, "SENDER", [
    "DECISION" => 1,
    "REPLY" => 2,
    "OWNERS" => 3,
    "MATCHED" => 4,
]);

impl Answer for Decision {
    fn positive(&self) -> bool {
        self.verdict() == Verdict::Accept
    }

    fn cells(&self) -> Vec<String> {
        let matched = self.matched().map_or_else(
            || "-".to_owned(),
            |m| format!("{} {} (line {})", m.table(), m.key(), m.line()),
        );
        vec![
            format!("{} ({})", self.verdict().as_str(), self.reason().as_str()),
            self.reply().unwrap_or("-").to_owned(),
            if self.owners().is_empty() {
                "-".to_owned()
            } else {
                self.owners().join(", ")
            },
            matched,
        ]
    }

    fn why(&self) -> Option<String> {
        Some(self.detail().to_owned())
    }
}

/// Runs `sender-login`.
pub(crate) fn run(args: &SenderLoginArgs) -> Outcome {
    let maps = args
        .maps
        .iter()
        .map(|spec| load_map(spec, 0))
        .collect::<Result<Vec<_>, _>>()?;
    let mut options = Options::default().recipient_delimiter(&args.delimiter);
    for domain in &args.local_domains {
        options = options.local_domain(domain);
    }
    let mode = Mode::from(args.mode);
    let inputs = input::read(&args.input)?;
    let answers = inputs.iter().map(|input| {
        let shown = input.bytes.as_ref().unwrap_or(&input.raw);
        let outcome = match &input.bytes {
            Err((message, offset)) => Err(AnswerError {
                kind: "invalid_json_input",
                offset: Some(*offset),
                message: message.clone(),
            }),
            Ok(bytes) => parse_path(bytes).and_then(|path| {
                sender_login::check(&maps, &options, mode, &path, args.login.as_deref()).map_err(|e| AnswerError {
                    kind: e.kind().code(),
                    offset: None,
                    message: e.to_string(),
                })
            }),
        };
        Answered {
            input: String::from_utf8_lossy(shown).into_owned(),
            line: input.line,
            outcome,
        }
    });
    output::print(&args.output, COLUMNS, answers)
}

/// Reads an RFC 5321 path, with or without its angle brackets.
pub(crate) fn parse_path(bytes: &[u8]) -> Result<ReversePath<'static>, AnswerError> {
    let bracketed = bytes.first() == Some(&b'<');
    let wrapped;
    let text: &[u8] = if bracketed {
        bytes
    } else {
        wrapped = [b"<", bytes, b">"].concat();
        &wrapped
    };
    ReversePath::parse_bytes(text)
        .map(ReversePath::into_owned)
        .map_err(|e| {
            // Offsets count in the input as given, without the brackets added to it.
            let offset = e.offset().saturating_sub(usize::from(!bracketed)).min(bytes.len());
            let message = e
                .to_string()
                .replacen(&format!("at byte {}", e.offset()), &format!("at byte {offset}"), 1);
            AnswerError {
                kind: e.kind().code(),
                offset: Some(offset),
                message,
            }
        })
}

/// Loads the table `spec` names (`TYPE:FILE`, or `unionmap:{…}` of such).
fn load_map(spec: &str, depth: usize) -> Result<Table, Failure> {
    let usage = |message: String| Failure::Io(io::Error::other(message));
    if let Some(inner) = spec.strip_prefix("unionmap:") {
        let members = inner
            .strip_prefix('{')
            .and_then(|i| i.strip_suffix('}'))
            .ok_or_else(|| usage(format!("bad syntax: \"{spec}\"; need \"unionmap:{{type:name...}}\"")))?;
        if depth >= 16 {
            return Err(usage(format!("{spec}: unionmaps nested too deeply")));
        }
        let members = split_members(members)
            .into_iter()
            .map(|member| load_map(member, depth + 1))
            .collect::<Result<Vec<_>, _>>()?;
        return Table::union(spec, members).map_err(|e| usage(format!("{spec}: {e}")));
    }
    let (ty, file) = spec
        .split_once(':')
        .and_then(|(ty, file)| Some((TableType::from_name(ty)?, file)))
        .ok_or_else(|| {
            usage(format!(
                "{spec}: expected TYPE:FILE with TYPE texthash, hash, aliases, regexp, pcre, or unionmap:{{…}}"
            ))
        })?;
    let bytes = std::fs::read(file).map_err(|e| usage(format!("{file}: {e}")))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let line = text_lines(&bytes[..e.valid_up_to()]) + 1;
        usage(format!("{file}, line {line}: not UTF-8"))
    })?;
    let table = Table::load(ty, spec, text).map_err(|e| {
        let line = e.line().map_or_else(String::new, |l| format!(", line {l}"));
        usage(format!("{file}{line}: {}", e.kind()))
    })?;
    for warning in table.warnings() {
        eprintln!("mail-envelope: warning: {file}, {warning}");
    }
    if let Some(reason) = table.unavailable() {
        eprintln!("mail-envelope: warning: {spec} is unavailable, as Postfix would find it: {reason}");
    }
    Ok(table)
}

/// The number of line feeds in `bytes`.
fn text_lines(bytes: &[u8]) -> usize {
    bytes.split(|&b| b == b'\n').count() - 1
}

/// The members of a unionmap: split at commas and white space outside braces.
fn split_members(text: &str) -> Vec<&str> {
    let mut members = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' | ' ' | '\t' | '\r' | '\n' if depth == 0 => {
                if i > start {
                    members.push(&text[start..i]);
                }
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    if text.len() > start {
        members.push(&text[start..]);
    }
    members
}
