//! `split`: parses each input once and prints both of its forms: the envelope form (the bare path
//! of `MAIL FROM:<…>` / `RCPT TO:<…>`) and the header form (what `From:` / `To:` carry).
//!
//! This module holds the subcommand's arguments ([`SplitArgs`]), its standard-input conventions
//! and the table columns of each [`Mode`]; what it makes of one input, and the JSON object it
//! prints for it, is the library's [`record::Split`].
//!
//! With `--json` the output is one JSON object per input, on one line, in input order:
//!
//! ```text
//! {"input":"…","ok":true,"mode":"mailbox","display_name":"…"|null,"local_part":"…","domain":"…",
//!  "addr_spec":"…","envelope":"<…>"|null,"envelope_ascii":"<…>"|null,"header":"…"|null,
//!  "header_utf8":"…"|null,"smtputf8":false,"category":"valid","diagnoses":["…"]}
//! {"input":"…","ok":false,"error":{"kind":"expected_angle_close","offset":12,"message":"…"}}
//! ```
//!
//! An input read from standard input carries `"line":N` after `"input"`; with `--json-input` a
//! line that is not a JSON string fails with `error.kind` `invalid_json_input`.
//!
//! * `envelope` is `null` when the address is valid in a header but no RFC 5321 path can carry it
//!   (the reason is among the `diagnoses`); `envelope_ascii` is the same path with the domain in
//!   A-labels, `null` when there is none; `smtputf8` says whether `envelope` needs the SMTPUTF8
//!   extension (so it is `false` when `envelope` is `null`); `header` is the header form the
//!   options ask for (ASCII unless `--utf8-headers`), `null` when there is none, with the finding
//!   `header_needs_utf8` when only the RFC 6532 form `header_utf8` exists.
//! * `--require-envelope` counts an input without an envelope form as failed (exit status 1).
//! * `--mode list` parses an address-list: `"addresses"` holds one object per mailbox (`"group"`
//!   is its group's name or `null`, then the fields above), `"groups"` one `{"name","members"}`
//!   per group, and `"category"` / `"diagnoses"` rate the whole list.
//! * `--mode path` parses an RFC 5321 path, reverse or forward, and adds `"path"`: `"null_path"` for
//!   `<>` (every address field `null`, `envelope` `<>`), `"postmaster"` for `<Postmaster>` in any
//!   case (`local_part` `Postmaster`, `domain` `null`, `envelope` `<Postmaster>`), or `"mailbox"`.
//! * `error.kind` is the `ErrorKind` variant in snake case, `error.offset` the byte offset in the
//!   input, and in `--mode list` `error.member` the index (from 0) of the address it lies in (a line read from standard input whose bytes are not UTF-8 is shown with replacement
//!   characters in `input`, and fails with `invalid_utf8`).
//!
//! The table has a row per mailbox: one for a mailbox or a path, one per mailbox of a list (and
//! one for each empty group), the input shown on the first.

use clap::ValueEnum;
use mail_envelope::record::{self, ListFields, ListItem, MailboxFields, Parsed, PathKind, RecordError};
use mail_envelope::{Category, ParseOptions, RenderOptions};
use serde::Serialize;

use crate::args::{InputArgs, OutputArgs, StrictnessArg};
use crate::input::{self, Input};
use crate::output::{self, Record};
use crate::table::{optional, printable, Column, Row, Tabular};
use crate::Outcome;

// ----- command line -----

/// The arguments of `split`.
#[derive(Debug, clap::Args)]
pub(crate) struct SplitArgs {
    /// What each input is.
    #[arg(long, value_enum, default_value_t = Mode::Mailbox)]
    mode: Mode,
    /// How much of the grammar to accept.
    #[arg(long, value_enum, default_value_t = StrictnessArg::Standard)]
    strictness: StrictnessArg,
    /// Write non-ASCII display names as UTF-8 (RFC 6532) instead of RFC 2047 encoded-words.
    #[arg(long)]
    utf8_headers: bool,
    /// Count an input that parses but has no envelope form (envelope null) as failed.
    #[arg(long)]
    require_envelope: bool,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    input: InputArgs,
}

/// What an input is parsed as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Mode {
    /// One RFC 5322 mailbox: `Name <local@domain>` or `local@domain`.
    Mailbox,
    /// An RFC 5322 address-list: mailboxes and groups separated by commas.
    List,
    /// An RFC 5321 path: `<local@domain>`, `<>` or `<Postmaster>`.
    Path,
}

impl From<Mode> for record::Mode {
    fn from(mode: Mode) -> Self {
        match mode {
            Mode::Mailbox => record::Mode::Mailbox,
            Mode::List => record::Mode::List,
            Mode::Path => record::Mode::Path,
        }
    }
}

/// Runs `split`; `Ok(true)` when every input parsed.
pub(crate) fn run(args: &SplitArgs) -> Outcome {
    let inputs = input::read(&args.input)?;
    let parse = ParseOptions::default().strictness(args.strictness.into());
    let render = RenderOptions::default().utf8_headers(args.utf8_headers);
    let splits = inputs.iter().map(|input| Split {
        record: split(input, args.mode.into(), &parse, &render),
        require_envelope: args.require_envelope,
    });
    output::print(&args.output, args.mode.columns(), splits)
}

/// The record of one input: parsed as `mode` says, or failed when `--json-input` could not decode
/// it; with the line of standard input it stood on, if it came from there.
fn split(input: &Input, mode: record::Mode, parse: &ParseOptions, render: &RenderOptions) -> record::Split {
    let mut split = match &input.bytes {
        Ok(bytes) => record::Split::new(bytes, mode, parse, render),
        Err((message, offset)) => record::Split::failed(
            String::from_utf8_lossy(&input.raw).into_owned(),
            RecordError::new("invalid_json_input", *offset, message.clone()),
        ),
    };
    split.line = input.line;
    split
}

// ----- what one input gives -----

/// One input's record, and whether an input without an envelope form counts as failed.
#[derive(Debug)]
struct Split {
    record: record::Split,
    require_envelope: bool,
}

impl Record for Split {
    fn ok(&self) -> bool {
        self.record.ok() && (!self.require_envelope || self.record.has_envelope())
    }

    fn json(&self) -> impl Serialize {
        &self.record
    }
}

// ----- table output -----

/// A table row: one mailbox of an input, or an empty group of a list.
#[derive(Debug, Default)]
struct Line<'a> {
    /// The input, on its first row only.
    input: &'a str,
    /// The path form, in path mode.
    path: Option<PathKind>,
    /// The mailbox's group, in list mode.
    group: Option<&'a str>,
    /// The mailbox; `None` for an empty group and for the list's own row.
    fields: Option<&'a MailboxFields>,
    /// For the list's own row: the findings about the list that no mailbox of it has.
    list_findings: Option<(Category, Vec<&'static str>)>,
}

impl<'a> Line<'a> {
    /// The line of a mailbox, in `group` if a list's group holds it.
    fn mailbox(group: Option<&'a str>, fields: &'a MailboxFields) -> Self {
        Self {
            group,
            fields: Some(fields),
            ..Self::default()
        }
    }
}

impl Tabular for Split {
    type Row<'a> = Line<'a>;

    fn rows(&self) -> Vec<Row<Line<'_>>> {
        let input = self.record.input.as_str();
        let lines = match &self.record.outcome {
            Err(e) => return vec![Row::Spanning(printable(input), format!("error: {e}"))],
            Ok(Parsed::Mailbox(fields)) => vec![Line::mailbox(None, fields)],
            Ok(Parsed::Path(kind, fields)) => vec![Line {
                path: Some(*kind),
                ..Line::mailbox(None, fields)
            }],
            Ok(Parsed::List(list)) => list_lines(list),
        };
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                Row::Cells(Line {
                    input: if i == 0 { input } else { "" },
                    ..line
                })
            })
            .collect()
    }
}

/// One line per mailbox of a list, in a group or not, one per empty group, and one for the list
/// itself when it has findings of its own (a `;` separator, an empty member).
fn list_lines(list: &ListFields) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let own = own_findings(list);
    if !own.is_empty() {
        lines.push(Line {
            list_findings: Some((list.category, own)),
            ..Line::default()
        });
    }
    for item in &list.items {
        match item {
            ListItem::Mailbox(fields) => lines.push(Line::mailbox(None, fields)),
            ListItem::Group { name, members } if members.is_empty() => lines.push(Line {
                group: Some(name),
                ..Line::default()
            }),
            ListItem::Group { name, members } => {
                lines.extend(members.iter().map(|fields| Line::mailbox(Some(name), fields)));
            }
        }
    }
    lines
}

/// The list's findings that none of its mailboxes has.
fn own_findings(list: &ListFields) -> Vec<&'static str> {
    let of_mailboxes: Vec<&str> = list.mailboxes().flat_map(|m| m.diagnoses.iter().copied()).collect();
    list.diagnoses
        .iter()
        .copied()
        .filter(|d| !of_mailboxes.contains(d))
        .collect()
}

/// The cell a mailbox column makes with `cell`; an empty group has none.
fn mailbox_cell(line: &Line<'_>, cell: impl FnOnce(&MailboxFields) -> String) -> String {
    line.fields.map_or_else(String::new, cell)
}

const INPUT: Column<Split> = Column::new("INPUT", |line| printable(line.input));
const PATH: Column<Split> = Column::new("PATH", |line| {
    line.path.map_or_else(String::new, |kind| kind.as_str().to_owned())
});
const GROUP: Column<Split> = Column::new("GROUP", |line| optional(line.group));
const DISPLAY_NAME: Column<Split> = Column::new("DISPLAY NAME", |line| match (line.fields, &line.list_findings) {
    (Some(fields), _) => optional(fields.display_name.as_deref()),
    (None, Some(_)) => "(the list)".to_owned(),
    (None, None) => "(no members)".to_owned(),
});
const SMTPUTF8: Column<Split> = Column::new("SMTPUTF8", |line| {
    mailbox_cell(line, |fields| match (&fields.envelope, fields.smtputf8) {
        (None, _) => "-".to_owned(),
        (Some(_), true) => "yes".to_owned(),
        (Some(_), false) => "no".to_owned(),
    })
});
const ENVELOPE: Column<Split> = Column::new("ENVELOPE", |line| {
    mailbox_cell(line, |fields| optional(fields.envelope.as_deref()))
});
const HEADER: Column<Split> = Column::new("HEADER", |line| {
    mailbox_cell(line, |fields| optional(fields.header.as_deref()))
});
const CATEGORY: Column<Split> = Column::new("CATEGORY", |line| match &line.list_findings {
    Some((category, _)) => category.to_string(),
    None => mailbox_cell(line, |fields| fields.category.to_string()),
});
const DIAGNOSES: Column<Split> = Column::new("DIAGNOSES", |line| match &line.list_findings {
    Some((_, own)) => own.join(", "),
    None => mailbox_cell(line, |fields| fields.diagnoses.join(", ")),
});

impl Mode {
    /// The table columns of the mode.
    fn columns(self) -> &'static [Column<Split>] {
        match self {
            Mode::Mailbox => &[INPUT, DISPLAY_NAME, ENVELOPE, SMTPUTF8, HEADER, CATEGORY, DIAGNOSES],
            Mode::List => &[
                INPUT,
                GROUP,
                DISPLAY_NAME,
                ENVELOPE,
                SMTPUTF8,
                HEADER,
                CATEGORY,
                DIAGNOSES,
            ],
            Mode::Path => &[INPUT, PATH, ENVELOPE, SMTPUTF8, CATEGORY, DIAGNOSES],
        }
    }
}
