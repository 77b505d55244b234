//! `xclient`: builds the Postfix XCLIENT (or, with `--xforward`, XFORWARD) command lines for
//! `NAME=VALUE` attributes, the values xtext-encoded, split into several lines where one would
//! pass 512 octets.
//!
//! Each VALUE is given as is, before xtext: `[UNAVAILABLE]`, `[TEMPUNAVAIL]` (XCLIENT's NAME),
//! an IPv4 or IPv6 address (with or without `IPV6:`), a port, `SMTP`/`ESMTP`, `LOCAL`/`REMOTE`,
//! a hostname or text. With `--json` the output is one object:
//!
//! ```text
//! {"ok":true,"lines":["XCLIENT ADDR=192.0.2.1 NAME=[UNAVAILABLE]\r\n"],
//!  "attributes":[{"name":"ADDR","value":"192.0.2.1"},{"name":"NAME","value":"[UNAVAILABLE]"}]}
//! {"ok":false,"error":{"kind":"xclient_value","offset":5,"message":"…"}}
//! ```
//!
//! An error's `offset` points into the argument at fault, which the message quotes.

use mail_envelope::smtp::xclient::{XClient, XClientAttribute, XForward, XForwardAttribute};
use mail_envelope::smtp::{SmtpError, SmtpErrorKind};
use serde::Serialize;

use crate::args::OutputArgs;
use crate::output::{self, Record};
use crate::smtp_error::JsonError;
use crate::table::{printable, Column, Row, Tabular};
use crate::Outcome;

/// The arguments of `xclient`.
#[derive(Debug, clap::Args)]
pub(crate) struct XclientArgs {
    /// Build XFORWARD (NAME ADDR PORT PROTO HELO IDENT SOURCE) instead of XCLIENT (NAME ADDR PORT
    /// PROTO HELO LOGIN DESTADDR DESTPORT).
    #[arg(long)]
    xforward: bool,
    #[command(flatten)]
    output: OutputArgs,
    /// The attributes, in the order to send them: NAME=VALUE each, the value before xtext.
    #[arg(value_name = "NAME=VALUE", required = true)]
    attributes: Vec<String>,
}

/// Runs `xclient`; `Ok(true)` when the lines could be built.
pub(crate) fn run(args: &XclientArgs) -> Outcome {
    let outcome = if args.xforward {
        build(&args.attributes, XForwardAttribute::from_name_value, XForward::new).map(Built::XForward)
    } else {
        build(&args.attributes, XClientAttribute::from_name_value, XClient::new).map(Built::XClient)
    };
    output::print(&args.output, COLUMNS, [XclientRecord { outcome }])
}

/// Reads every `NAME=VALUE` argument as an attribute by `attribute`, then makes the command by
/// `command`.
fn build<A, C>(
    arguments: &[String],
    attribute: fn(&str, &str) -> Result<A, SmtpError>,
    command: fn(Vec<A>) -> Result<C, SmtpError>,
) -> Result<C, JsonError> {
    let mut attributes = Vec::with_capacity(arguments.len());
    for argument in arguments {
        let in_argument = |error: JsonError| JsonError {
            message: format!("in {:?}: {}", printable(argument), error.message),
            ..error
        };
        let Some((name, value)) = argument.split_once('=') else {
            let error = JsonError::other("xclient_attribute", Some(0), "expected NAME=VALUE".to_owned());
            return Err(in_argument(error));
        };
        match attribute(name, value) {
            Ok(attribute) => attributes.push(attribute),
            Err(e) => {
                // Errors about the name point at it; errors about the value, into the value.
                let shift = if e.kind() == SmtpErrorKind::XclientAttribute {
                    0
                } else {
                    name.len() + 1
                };
                let offset = e.offset().map_or(shift, |at| at + shift);
                return Err(in_argument(JsonError::smtp_at(e.kind(), Some(offset))));
            }
        }
    }
    command(attributes).map_err(|e| JsonError::smtp(&e))
}

/// The command built.
#[derive(Debug)]
enum Built {
    XClient(XClient),
    XForward(XForward),
}

impl Built {
    fn lines(&self) -> Vec<String> {
        match self {
            Built::XClient(xclient) => xclient.to_lines(),
            Built::XForward(xforward) => xforward.to_lines(),
        }
    }
}

/// What building the command gave.
#[derive(Debug)]
struct XclientRecord {
    outcome: Result<Built, JsonError>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Json<'a> {
    XClient {
        ok: bool,
        #[serde(flatten)]
        command: &'a XClient,
    },
    XForward {
        ok: bool,
        #[serde(flatten)]
        command: &'a XForward,
    },
    Failed {
        ok: bool,
        error: &'a JsonError,
    },
}

impl Record for XclientRecord {
    fn ok(&self) -> bool {
        self.outcome.is_ok()
    }

    fn json(&self) -> impl Serialize {
        match &self.outcome {
            Ok(Built::XClient(command)) => Json::XClient { ok: true, command },
            Ok(Built::XForward(command)) => Json::XForward { ok: true, command },
            Err(error) => Json::Failed { ok: false, error },
        }
    }
}

impl Tabular for XclientRecord {
    type Row<'a> = String;

    fn rows(&self) -> Vec<Row<String>> {
        match &self.outcome {
            Ok(built) => built.lines().into_iter().map(Row::Cells).collect(),
            Err(error) => vec![Row::Spanning("error:".to_owned(), error.message.clone())],
        }
    }
}

const COLUMNS: &[Column<XclientRecord>] = &[
    Column::new("OCTETS", |line| line.len().to_string()),
    Column::new("LINE", |line| printable(line)),
];
