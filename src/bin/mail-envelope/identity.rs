//! `identity`: which verified sender identity covers each `From:` address.
//!
//! ```text
//! mail-envelope identity --verified FILE [--json] [FROM…]
//! ```
//!
//! FILE holds one identity a line: `addr@domain` (an address), `domain` (that domain), `.domain`
//! (that domain and its subdomains); `#` starts a comment. Each FROM is a mailbox
//! (`Name <addr@domain>` or `addr@domain`). With `--json`, one object per FROM:
//!
//! ```text
//! {"input":"…","ok":true,"verified":true,"verified_by":"example.com","kind":"domain"}
//! {"input":"…","ok":true,"verified":false,"reason":"…","tokenized":true}
//! ```
//!
//! The exit status is 0 when every FROM is verified, 1 when any is not.

use std::io;

use mail_envelope::policy::identity::{IdentityCheck, VerifiedIdentities};
use mail_envelope::Mailbox;

use crate::answer::{Answer, AnswerError, Answered};
use crate::args::{InputArgs, OutputArgs};
use crate::{input, output, Failure, Outcome};

/// The arguments of `identity`.
#[derive(Debug, clap::Args)]
pub(crate) struct IdentityArgs {
    /// The verified identities: one address, domain or .domain a line.
    #[arg(long, value_name = "FILE")]
    verified: String,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    input: InputArgs,
}

crate::answer_columns!(COLUMNS: IdentityCheck, "FROM", ["VERIFIED" => 1, "BY" => 2, "KIND" => 3]);

impl Answer for IdentityCheck {
    fn positive(&self) -> bool {
        self.verified()
    }

    fn cells(&self) -> Vec<String> {
        vec![
            if self.verified() { "yes" } else { "no" }.to_owned(),
            self.verified_by().unwrap_or("-").to_owned(),
            self.kind().map_or("-", |k| k.as_str()).to_owned(),
        ]
    }

    fn why(&self) -> Option<String> {
        self.reason().map(str::to_owned)
    }
}

/// Runs `identity`.
pub(crate) fn run(args: &IdentityArgs) -> Outcome {
    let usage = |message: String| Failure::Io(io::Error::other(message));
    let text = std::fs::read_to_string(&args.verified).map_err(|e| usage(format!("{}: {e}", args.verified)))?;
    let identities = VerifiedIdentities::parse(&text).map_err(|e| {
        let line = e.line().map_or_else(String::new, |l| format!(", line {l}"));
        usage(format!("{}{line}: {}", args.verified, e.kind()))
    })?;
    let inputs = input::read(&args.input)?;
    let answers = inputs.iter().map(|input| {
        let shown = input.bytes.as_ref().unwrap_or(&input.raw);
        let outcome = match &input.bytes {
            Err((message, offset)) => Err(AnswerError {
                kind: "invalid_json_input",
                offset: Some(*offset),
                message: message.clone(),
            }),
            Ok(bytes) => Mailbox::parse_bytes(bytes)
                .map(|mailbox| identities.check(mailbox.addr_spec()))
                .map_err(|e| AnswerError {
                    kind: e.kind().code(),
                    offset: Some(e.offset()),
                    message: e.to_string(),
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
