//! `align`: DMARC identifier alignment (RFC 7489 §3.1) of a `From:` address with the MAIL FROM
//! domain (SPF) and DKIM `d=` domains.
//!
//! ```text
//! mail-envelope align --from ADDR --mail-from PATH [--helo NAME] [--dkim DOMAIN]… [--strict] [--json]
//! ```
//!
//! Relaxed mode compares organizational domains by the public suffix list compiled in; `--strict`
//! applies to SPF and DKIM alike. A null MAIL FROM (`<>`) takes the HELO name (RFC 7489 §3.1.2,
//! RFC 7208 §2.4). With `--json`:
//!
//! ```text
//! {"input":"…","ok":true,"aligned":true,"spf_aligned":true,"dkim_aligned":[false],"mode":"relaxed",
//!  "from_domain":"…","from_org":"…","mail_from_domain":"…","mail_from_org":"…",…}
//! ```
//!
//! The exit status is 0 when aligned, 1 when not.

use mail_envelope::policy::identity::{align, Alignment, AlignmentMode, PublicSuffixList};
use mail_envelope::Mailbox;

use crate::answer::{Answer, AnswerError, Answered};
use crate::args::OutputArgs;
use crate::sender_login::parse_path;
use crate::{output, Outcome};

/// The arguments of `align`.
#[derive(Debug, clap::Args)]
pub(crate) struct AlignArgs {
    /// The header From: address (a mailbox).
    #[arg(long, value_name = "ADDR")]
    from: String,
    /// The MAIL FROM path (with or without angle brackets; <> for the null path).
    #[arg(long, value_name = "PATH")]
    mail_from: String,
    /// The HELO name, which stands for a null MAIL FROM.
    #[arg(long, value_name = "NAME")]
    helo: Option<String>,
    /// A DKIM d= domain whose signature verified; repeatable.
    #[arg(long, value_name = "DOMAIN")]
    dkim: Vec<String>,
    /// Strict alignment (the same name) instead of relaxed (the same organizational domain).
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    output: OutputArgs,
}

crate::answer_columns!(COLUMNS: Alignment, "FROM", [
    "ALIGNED" => 1,
    "SPF" => 2,
    "DKIM" => 3,
    "MODE" => 4,
]);

impl Answer for Alignment {
    fn positive(&self) -> bool {
        self.aligned()
    }

    fn cells(&self) -> Vec<String> {
        let yes = |b: bool| if b { "yes" } else { "no" }.to_owned();
        let dkim: Vec<String> = self
            .dkim()
            .iter()
            .map(|d| format!("{}: {}", d.domain(), yes(d.aligned())))
            .collect();
        vec![
            yes(self.aligned()),
            format!("{}: {}", self.mail_from_domain(), yes(self.spf_aligned())),
            if dkim.is_empty() {
                "-".to_owned()
            } else {
                dkim.join(", ")
            },
            self.mode().as_str().to_owned(),
        ]
    }

    fn why(&self) -> Option<String> {
        Some(self.reason().to_owned())
    }
}

/// Runs `align`.
pub(crate) fn run(args: &AlignArgs) -> Outcome {
    let mode = if args.strict {
        AlignmentMode::Strict
    } else {
        AlignmentMode::Relaxed
    };
    let outcome = Mailbox::parse(&args.from)
        .map_err(|e| AnswerError {
            kind: e.kind().code(),
            offset: Some(e.offset()),
            message: format!("--from: {e}"),
        })
        .and_then(|from| {
            let mail_from = parse_path(args.mail_from.as_bytes()).map_err(|e| AnswerError {
                message: format!("--mail-from: {}", e.message),
                ..e
            })?;
            let dkim: Vec<&str> = args.dkim.iter().map(String::as_str).collect();
            align(
                from.addr_spec(),
                &mail_from,
                args.helo.as_deref(),
                &dkim,
                mode,
                &PublicSuffixList,
            )
            .map_err(|e| AnswerError {
                kind: e.kind().code(),
                offset: None,
                message: e.to_string(),
            })
        });
    let answer = Answered {
        input: args.from.clone(),
        line: None,
        outcome,
    };
    output::print(&args.output, COLUMNS, [answer])
}
