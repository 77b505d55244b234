//! `split`: parses each input once and prints both of its forms: the envelope form (the bare path
//! of `MAIL FROM:<…>` / `RCPT TO:<…>`) and the header form (what `From:` / `To:` carry).
//!
//! This module holds the subcommand's arguments ([`SplitArgs`]), what it makes of one input
//! ([`Split`]), the JSON object it prints for it and the table columns of each [`Mode`].
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
use mail_envelope::{
    Address, AddressList, Category, Diagnoses, Diagnosis, Mailbox, ParseError, ParseOptions, RenderOptions, SmtpPath,
};
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

/// Runs `split`; `Ok(true)` when every input parsed.
pub(crate) fn run(args: &SplitArgs) -> Outcome {
    let inputs = input::read(&args.input)?;
    let parse = ParseOptions::default().strictness(args.strictness.into());
    let render = RenderOptions::default().utf8_headers(args.utf8_headers);
    let splits = inputs.iter().map(|input| {
        let mut split = Split::new(input, args.mode, &parse, &render);
        split.require_envelope = args.require_envelope;
        split
    });
    output::print(&args.output, args.mode.columns(), splits)
}

// ----- what one input gives -----

/// One input and what parsing it gave.
#[derive(Debug)]
struct Split {
    input: String,
    /// The line of standard input it stood on, if it came from there.
    line: Option<usize>,
    outcome: Result<Parsed, Failed>,
    /// Whether an input without an envelope form counts as failed.
    require_envelope: bool,
}

/// Why an input gave nothing.
#[derive(Debug)]
enum Failed {
    /// It is not what the mode parses.
    Parse(ParseError),
    /// With `--json-input`, it is not a JSON string: why, and at which byte.
    JsonInput(String, usize),
}

impl Failed {
    /// The JSON object of the error: kind, offset, message.
    fn json(&self) -> JsonError {
        match self {
            Failed::Parse(e) => JsonError {
                kind: e.kind().code(),
                offset: e.offset(),
                member: e.member(),
                message: e.to_string(),
            },
            Failed::JsonInput(message, offset) => JsonError {
                kind: "invalid_json_input",
                offset: *offset,
                member: None,
                message: message.clone(),
            },
        }
    }
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failed::Parse(e) => e.fmt(f),
            Failed::JsonInput(message, _) => f.write_str(message),
        }
    }
}

/// A parsed input, by mode.
#[derive(Debug)]
enum Parsed {
    Mailbox(Fields),
    List(List),
    Path(PathKind, Fields),
}

/// A parsed address-list: its addresses in order, and its findings.
#[derive(Debug)]
struct List {
    items: Vec<ListItem>,
    category: Category,
    diagnoses: Vec<&'static str>,
}

#[derive(Debug)]
enum ListItem {
    Mailbox(Fields),
    Group { name: String, members: Vec<Fields> },
}

/// Which of the three RFC 5321 path forms an input is.
#[derive(Debug, Clone, Copy)]
enum PathKind {
    Null,
    Postmaster,
    Mailbox,
}

impl PathKind {
    /// The name of the form, in JSON and in the table.
    fn as_str(self) -> &'static str {
        match self {
            PathKind::Null => "null_path",
            PathKind::Postmaster => "postmaster",
            PathKind::Mailbox => "mailbox",
        }
    }
}

/// The per-mailbox fields, in the order they are printed.
#[derive(Debug, Serialize)]
struct Fields {
    display_name: Option<String>,
    local_part: Option<String>,
    domain: Option<String>,
    addr_spec: Option<String>,
    envelope: Option<String>,
    envelope_ascii: Option<String>,
    header: Option<String>,
    header_utf8: Option<String>,
    smtputf8: bool,
    category: Category,
    diagnoses: Vec<&'static str>,
}

impl Split {
    /// Parses `input` as `mode` says.
    fn new(input: &Input, mode: Mode, parse: &ParseOptions, render: &RenderOptions) -> Self {
        let outcome = match &input.bytes {
            Ok(bytes) => match mode {
                Mode::Mailbox => {
                    Mailbox::parse_bytes_with(bytes, parse).map(|m| Parsed::Mailbox(Fields::new(&m, render)))
                }
                Mode::List => AddressList::parse_bytes_with(bytes, parse).map(|l| Parsed::List(List::new(&l, render))),
                Mode::Path => SmtpPath::parse_bytes_with(bytes, parse).map(|p| Parsed::path(&p, render)),
            }
            .map_err(Failed::Parse),
            Err((message, offset)) => Err(Failed::JsonInput(message.clone(), *offset)),
        };
        let shown = input.bytes.as_ref().unwrap_or(&input.raw);
        Self {
            input: String::from_utf8_lossy(shown).into_owned(),
            line: input.line,
            outcome,
            require_envelope: false,
        }
    }
}

impl Parsed {
    /// A parsed path: its form, and its fields.
    fn path(path: &SmtpPath<'_>, render: &RenderOptions) -> Self {
        match path {
            SmtpPath::Null => Parsed::Path(PathKind::Null, Fields::special(path, None)),
            SmtpPath::Postmaster => Parsed::Path(PathKind::Postmaster, Fields::special(path, Some("Postmaster"))),
            SmtpPath::Path(addr) => Parsed::Path(PathKind::Mailbox, Fields::new(&Mailbox::from(addr.clone()), render)),
        }
    }

    /// The name of the mode the input was parsed in.
    fn mode(&self) -> &'static str {
        match self {
            Parsed::Mailbox(_) => "mailbox",
            Parsed::List(_) => "list",
            Parsed::Path(..) => "path",
        }
    }
}

impl Fields {
    /// The fields of a mailbox: its parts, both forms, and its findings.
    fn new(mailbox: &Mailbox<'_>, render: &RenderOptions) -> Self {
        let addr = mailbox.addr_spec();
        let path = mailbox.to_reverse_path().ok();
        let envelope = path.as_ref().map(ToString::to_string);
        let envelope_ascii = path.and_then(|p| p.to_ascii().ok().map(|ascii| ascii.to_string()));
        let header = mailbox.to_header(render).ok();
        let header_utf8 = mailbox.to_header(&render.clone().utf8_headers(true)).ok();
        let mut diagnoses = codes(mailbox.diagnoses());
        if header.is_none() && header_utf8.is_some() {
            diagnoses.push("header_needs_utf8");
        }
        Self {
            display_name: mailbox.display_name().map(str::to_owned),
            local_part: Some(addr.local_part().value().to_owned()),
            domain: Some(addr.domain().to_string()),
            addr_spec: Some(addr.to_string()),
            smtputf8: envelope.is_some() && addr.needs_smtputf8(),
            envelope,
            envelope_ascii,
            header,
            header_utf8,
            category: mailbox.category(),
            diagnoses,
        }
    }

    /// The fields of `<>` or `<Postmaster>`: no domain, so no addr-spec and no header form.
    fn special(path: &SmtpPath<'_>, local_part: Option<&str>) -> Self {
        Self {
            display_name: None,
            local_part: local_part.map(str::to_owned),
            domain: None,
            addr_spec: None,
            envelope: Some(path.to_string()),
            envelope_ascii: Some(path.to_string()),
            header: None,
            header_utf8: None,
            smtputf8: false,
            category: Category::Valid,
            diagnoses: Vec::new(),
        }
    }
}

/// The diagnoses' codes, in order.
fn codes(diagnoses: Diagnoses) -> Vec<&'static str> {
    diagnoses.iter().map(Diagnosis::code).collect()
}

impl List {
    /// The mailboxes and groups of a list, and what rates the whole list.
    fn new(list: &AddressList<'_>, render: &RenderOptions) -> Self {
        let items = list
            .addresses()
            .iter()
            .map(|address| match address {
                Address::Mailbox(m) => ListItem::Mailbox(Fields::new(m, render)),
                Address::Group(g) => ListItem::Group {
                    name: g.display_name().to_owned(),
                    members: g.members().iter().map(|m| Fields::new(m, render)).collect(),
                },
            })
            .collect();
        Self {
            items,
            category: list.diagnoses().category(),
            diagnoses: codes(list.diagnoses()),
        }
    }
}

// ----- JSON output -----

impl Split {
    /// Whether every mailbox of the parsed input has an envelope form.
    fn has_envelope(&self) -> bool {
        match &self.outcome {
            Ok(Parsed::Mailbox(fields) | Parsed::Path(_, fields)) => fields.envelope.is_some(),
            Ok(Parsed::List(list)) => list.items.iter().all(|item| match item {
                ListItem::Mailbox(fields) => fields.envelope.is_some(),
                ListItem::Group { members, .. } => members.iter().all(|m| m.envelope.is_some()),
            }),
            Err(_) => false,
        }
    }
}

impl Record for Split {
    fn ok(&self) -> bool {
        self.outcome.is_ok() && (!self.require_envelope || self.has_envelope())
    }

    fn json(&self) -> impl Serialize {
        let input = self.input.as_str();
        let line = self.line;
        match &self.outcome {
            Ok(parsed) => Json::Parsed {
                input,
                line,
                ok: true,
                mode: parsed.mode(),
                body: match parsed {
                    Parsed::Mailbox(fields) => JsonBody::Mailbox(fields),
                    Parsed::List(list) => JsonBody::List(JsonList::new(list)),
                    Parsed::Path(kind, fields) => JsonBody::Path {
                        path: kind.as_str(),
                        fields,
                    },
                },
            },
            Err(e) => Json::Failed {
                input,
                line,
                ok: false,
                error: e.json(),
            },
        }
    }
}

/// An input's JSON object.
#[derive(Serialize)]
#[serde(untagged)]
enum Json<'a> {
    /// A parsed input: `input`, `line` (read from standard input), `ok`, `mode`, then the
    /// mode's fields.
    Parsed {
        input: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
        ok: bool,
        mode: &'static str,
        #[serde(flatten)]
        body: JsonBody<'a>,
    },
    /// An input that did not parse: `input`, `line`, `ok`, and why.
    Failed {
        input: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
        ok: bool,
        error: JsonError,
    },
}

/// The mode's fields of a parsed input.
#[derive(Serialize)]
#[serde(untagged)]
enum JsonBody<'a> {
    Mailbox(&'a Fields),
    List(JsonList<'a>),
    Path {
        path: &'static str,
        #[serde(flatten)]
        fields: &'a Fields,
    },
}

#[derive(Serialize)]
struct JsonList<'a> {
    addresses: Vec<JsonListMailbox<'a>>,
    groups: Vec<JsonGroup<'a>>,
    category: Category,
    diagnoses: &'a [&'static str],
}

#[derive(Serialize)]
struct JsonListMailbox<'a> {
    group: Option<&'a str>,
    #[serde(flatten)]
    fields: &'a Fields,
}

#[derive(Serialize)]
struct JsonGroup<'a> {
    name: &'a str,
    members: usize,
}

#[derive(Serialize)]
struct JsonError {
    kind: &'static str,
    offset: usize,
    /// In `--mode list`, the index (from 0) of the member the error lies in.
    #[serde(skip_serializing_if = "Option::is_none")]
    member: Option<usize>,
    message: String,
}

impl<'a> JsonList<'a> {
    /// The list's mailboxes, each with its group, and its groups with their sizes.
    fn new(list: &'a List) -> Self {
        let mut addresses = Vec::new();
        let mut groups = Vec::new();
        for item in &list.items {
            match item {
                ListItem::Mailbox(fields) => addresses.push(JsonListMailbox { group: None, fields }),
                ListItem::Group { name, members } => {
                    groups.push(JsonGroup {
                        name,
                        members: members.len(),
                    });
                    addresses.extend(members.iter().map(|fields| JsonListMailbox {
                        group: Some(name),
                        fields,
                    }));
                }
            }
        }
        Self {
            addresses,
            groups,
            category: list.category,
            diagnoses: &list.diagnoses,
        }
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
    fields: Option<&'a Fields>,
    /// For the list's own row: the findings about the list that no mailbox of it has.
    list_findings: Option<(Category, Vec<&'static str>)>,
}

impl<'a> Line<'a> {
    /// The line of a mailbox, in `group` if a list's group holds it.
    fn mailbox(group: Option<&'a str>, fields: &'a Fields) -> Self {
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
        let input = self.input.as_str();
        let lines = match &self.outcome {
            Err(e) => return vec![Row::Spanning(printable(input), format!("error: {e}"))],
            Ok(Parsed::Mailbox(fields)) => vec![Line::mailbox(None, fields)],
            Ok(Parsed::Path(kind, fields)) => vec![Line {
                path: Some(*kind),
                ..Line::mailbox(None, fields)
            }],
            Ok(Parsed::List(list)) => list.lines(),
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

impl List {
    /// One line per mailbox, in a group or not, one per empty group, and one for the list
    /// itself when it has findings of its own (a `;` separator, an empty member).
    fn lines(&self) -> Vec<Line<'_>> {
        let mut lines = Vec::new();
        let own = self.own_findings();
        if !own.is_empty() {
            lines.push(Line {
                list_findings: Some((self.category, own)),
                ..Line::default()
            });
        }
        for item in &self.items {
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
}

impl List {
    /// The list's findings that none of its mailboxes has.
    fn own_findings(&self) -> Vec<&'static str> {
        let mut of_mailboxes = Vec::new();
        for item in &self.items {
            match item {
                ListItem::Mailbox(fields) => of_mailboxes.extend(&fields.diagnoses),
                ListItem::Group { members, .. } => members.iter().for_each(|f| of_mailboxes.extend(&f.diagnoses)),
            }
        }
        self.diagnoses
            .iter()
            .copied()
            .filter(|d| !of_mailboxes.contains(d))
            .collect()
    }
}

/// The cell a mailbox column makes with `cell`; an empty group has none.
fn mailbox_cell(line: &Line<'_>, cell: impl FnOnce(&Fields) -> String) -> String {
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
