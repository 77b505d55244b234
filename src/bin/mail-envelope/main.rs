//! `mail-envelope`: the command-line face of the `mail-envelope` crate (feature `cli`).
//!
//! ```text
//! mail-envelope split [--mode mailbox|list|path] [--strictness strict|standard|lenient]
//!                     [--utf8-headers] [--json] [--json-input] [INPUT...]
//! ```
//!
//! `split` parses each INPUT once and prints both of its forms: the envelope form (the bare path of
//! `MAIL FROM:<…>` / `RCPT TO:<…>`) and the header form (what `From:` / `To:` carry). With no INPUT
//! it reads standard input, one input per line (a CR before the LF is dropped). With `--json-input`
//! every input, argument or line, is a JSON string, so an input can carry CR, LF or NUL.
//!
//! Without `--json` the output is an aligned table. With `--json` it is one JSON object per input,
//! on one line, in input order:
//!
//! ```text
//! {"input":"…","ok":true,"mode":"mailbox","display_name":"…"|null,"local_part":"…","domain":"…",
//!  "addr_spec":"…","envelope":"<…>"|null,"envelope_ascii":"<…>"|null,"header":"…"|null,
//!  "smtputf8":false,"category":"valid","diagnoses":["…"]}
//! {"input":"…","ok":false,"error":{"kind":"expected_angle_close","offset":12,"message":"…"}}
//! ```
//!
//! * `envelope` is `null` when the address is valid in a header but no RFC 5321 path can carry it
//!   (the reason is among the `diagnoses`); `envelope_ascii` is the same path with the domain in
//!   A-labels, `null` when there is none; `smtputf8` says whether `envelope` needs the SMTPUTF8
//!   extension (so it is `false` when `envelope` is `null`); `header` is `null` when the mailbox
//!   has no header form.
//! * `--mode list` parses an address-list: `"addresses"` holds one object per mailbox (`"group"`
//!   is its group's name or `null`, then the fields above), `"groups"` one `{"name","members"}`
//!   per group, and `"category"` / `"diagnoses"` rate the whole list.
//! * `--mode path` parses an RFC 5321 path, reverse or forward, and adds `"path"`: `"null"` for
//!   `<>` (every address field `null`, `envelope` `<>`), `"postmaster"` for `<Postmaster>` in any
//!   case (`local_part` `Postmaster`, `domain` `null`, `envelope` `<Postmaster>`), or `"mailbox"`.
//! * `error.kind` is the `ErrorKind` variant in snake case, `error.offset` the byte offset in the
//!   input (a line read from standard input whose bytes are not UTF-8 is shown with replacement
//!   characters in `input`, and fails with `invalid_utf8`).
//!
//! The exit status is 0 when every input parsed, 1 when any did not, and 2 on usage errors
//! (including a `--json-input` line that is not a JSON string) and I/O errors.

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mail_envelope::{
    Address, AddressList, Category, Diagnoses, Diagnosis, Mailbox, ParseError, ParseOptions, RenderOptions, SmtpPath,
    Strictness,
};
use serde::Serialize;

// ----- command line -----

/// RFC 5322/5321 email addresses: one parse, two forms (header and SMTP envelope).
#[derive(Debug, Parser)]
#[command(name = "mail-envelope", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Split each input into its envelope form and its header form.
    Split(SplitArgs),
}

#[derive(Debug, clap::Args)]
struct SplitArgs {
    /// What each input is.
    #[arg(long, value_enum, default_value_t = Mode::Mailbox)]
    mode: Mode,
    /// How much of the grammar to accept.
    #[arg(long, value_enum, default_value_t = StrictnessArg::Standard)]
    strictness: StrictnessArg,
    /// Write non-ASCII display names as UTF-8 (RFC 6532) instead of RFC 2047 encoded-words.
    #[arg(long)]
    utf8_headers: bool,
    /// Print one JSON object per input, one per line, instead of a table.
    #[arg(long)]
    json: bool,
    /// Read every input as a JSON string (so it can hold CR, LF or NUL).
    #[arg(long)]
    json_input: bool,
    /// The inputs; without any, standard input is read, one input per line.
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
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

impl Mode {
    fn as_str(self) -> &'static str {
        match self {
            Mode::Mailbox => "mailbox",
            Mode::List => "list",
            Mode::Path => "path",
        }
    }
}

/// The `--strictness` values, one per [`Strictness`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StrictnessArg {
    /// RFC 5322 §3 only, and every address must be usable as an RFC 5321 path.
    Strict,
    /// The full RFC 5322 grammar, obsolete forms included.
    Standard,
    /// Also what configuration files hold (`Doe, John <j@example.com>`, paths without brackets).
    Lenient,
}

impl From<StrictnessArg> for Strictness {
    fn from(arg: StrictnessArg) -> Self {
        match arg {
            StrictnessArg::Strict => Strictness::Strict,
            StrictnessArg::Standard => Strictness::Standard,
            StrictnessArg::Lenient => Strictness::Lenient,
        }
    }
}

/// Why the command could not run: exit status 2.
#[derive(Debug)]
enum Failure {
    Usage(String),
    Io(io::Error),
}

fn main() -> ExitCode {
    let Command::Split(args) = Cli::parse().command;
    match split(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(failure) => {
            match failure {
                Failure::Usage(message) => eprintln!("mail-envelope: {message}"),
                Failure::Io(e) => eprintln!("mail-envelope: {e}"),
            }
            ExitCode::from(2)
        }
    }
}

/// Runs `split`; `Ok(true)` when every input parsed.
fn split(args: &SplitArgs) -> Result<bool, Failure> {
    let inputs = read_inputs(args)?;
    let parse = ParseOptions::default().strictness(args.strictness.into());
    let render = RenderOptions::default().utf8_headers(args.utf8_headers);
    let results: Vec<Split> = inputs
        .iter()
        .map(|input| Split::new(input, args.mode, &parse, &render))
        .collect();
    let all_parsed = results.iter().all(|r| r.outcome.is_ok());
    let written = if args.json {
        write_json(&results, args.mode)
    } else {
        write_table(&results, args.mode)
    };
    match written {
        // The reader stopped reading: what it did not read does not change the status.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(all_parsed),
        Err(e) => Err(Failure::Io(e)),
        Ok(()) => Ok(all_parsed),
    }
}

// ----- input -----

/// The inputs as bytes: the arguments, else the lines of standard input; JSON-decoded with
/// `--json-input`.
fn read_inputs(args: &SplitArgs) -> Result<Vec<Vec<u8>>, Failure> {
    let raw: Vec<Vec<u8>> = if args.inputs.is_empty() {
        let mut stdin = Vec::new();
        io::stdin().lock().read_to_end(&mut stdin).map_err(Failure::Io)?;
        lines(&stdin).into_iter().map(<[u8]>::to_vec).collect()
    } else {
        args.inputs.iter().map(|s| s.clone().into_bytes()).collect()
    };
    if !args.json_input {
        return Ok(raw);
    }
    raw.iter()
        .enumerate()
        .map(|(i, text)| {
            serde_json::from_slice::<String>(text)
                .map(String::into_bytes)
                .map_err(|e| Failure::Usage(format!("input {} is not a JSON string: {e}", i + 1)))
        })
        .collect()
}

/// Splits text into lines at LF, dropping a CR before it. Empty text has no lines, and no line
/// follows a final LF; an empty line between two others is an (empty) input.
fn lines(text: &[u8]) -> Vec<&[u8]> {
    if text.is_empty() {
        return Vec::new();
    }
    let text = text.strip_suffix(b"\n").unwrap_or(text);
    text.split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .collect()
}

// ----- what one input gives -----

/// One input and what parsing it gave.
#[derive(Debug)]
struct Split {
    input: String,
    outcome: Result<Outcome, ParseError>,
}

/// A parsed input, by mode.
#[derive(Debug)]
enum Outcome {
    Mailbox(Fields),
    List(List),
    Path(PathKind, Fields),
}

/// A parsed address-list: its addresses in order, and its findings.
#[derive(Debug)]
struct List {
    items: Vec<ListItem>,
    category: Category,
    diagnoses: Vec<Diagnosis>,
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
    fn as_str(self) -> &'static str {
        match self {
            PathKind::Null => "null",
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
    smtputf8: bool,
    category: Category,
    diagnoses: Vec<Diagnosis>,
}

impl Split {
    fn new(input: &[u8], mode: Mode, parse: &ParseOptions, render: &RenderOptions) -> Self {
        let outcome = match mode {
            Mode::Mailbox => Mailbox::parse_bytes_with(input, parse).map(|m| Outcome::Mailbox(Fields::new(&m, render))),
            Mode::List => AddressList::parse_bytes_with(input, parse).map(|l| Outcome::List(List::new(&l, render))),
            Mode::Path => SmtpPath::parse_bytes_with(input, parse).map(|p| path_outcome(&p, render)),
        };
        Self {
            input: String::from_utf8_lossy(input).into_owned(),
            outcome,
        }
    }
}

impl Fields {
    /// The fields of a mailbox: its parts, both forms, and its findings.
    fn new(mailbox: &Mailbox<'_>, render: &RenderOptions) -> Self {
        let addr = mailbox.addr_spec();
        let envelope = mailbox.to_reverse_path().ok().map(|path| path.to_string());
        Self {
            display_name: mailbox.display_name().map(str::to_owned),
            local_part: Some(addr.local_part().value().to_owned()),
            domain: Some(addr.domain().to_string()),
            addr_spec: Some(addr.to_string()),
            smtputf8: envelope.is_some() && addr.needs_smtputf8(),
            envelope,
            envelope_ascii: addr.to_ascii_string().ok().map(|ascii| format!("<{ascii}>")),
            header: mailbox.to_header(render).ok(),
            category: mailbox.category(),
            diagnoses: codes(mailbox.diagnoses()),
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
            smtputf8: false,
            category: Category::Valid,
            diagnoses: Vec::new(),
        }
    }
}

fn codes(diagnoses: Diagnoses) -> Vec<Diagnosis> {
    diagnoses.iter().collect()
}

impl List {
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

fn path_outcome(path: &SmtpPath<'_>, render: &RenderOptions) -> Outcome {
    match path {
        SmtpPath::Null => Outcome::Path(PathKind::Null, Fields::special(path, None)),
        SmtpPath::Postmaster => Outcome::Path(PathKind::Postmaster, Fields::special(path, Some("Postmaster"))),
        SmtpPath::Path(addr) => Outcome::Path(PathKind::Mailbox, Fields::new(&Mailbox::from(addr.clone()), render)),
    }
}

// ----- JSON output -----

/// A parsed input: `input`, `ok`, `mode`, then the mode's fields.
#[derive(Serialize)]
struct JsonParsed<'a, T: Serialize> {
    input: &'a str,
    ok: bool,
    mode: &'static str,
    #[serde(flatten)]
    body: T,
}

#[derive(Serialize)]
struct JsonList<'a> {
    addresses: Vec<JsonListMailbox<'a>>,
    groups: Vec<JsonGroup<'a>>,
    category: Category,
    diagnoses: &'a [Diagnosis],
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
struct JsonPath<'a> {
    path: &'static str,
    #[serde(flatten)]
    fields: &'a Fields,
}

#[derive(Serialize)]
struct JsonFailed<'a> {
    input: &'a str,
    ok: bool,
    error: JsonError,
}

#[derive(Serialize)]
struct JsonError {
    kind: &'static str,
    offset: usize,
    message: String,
}

impl<'a> JsonList<'a> {
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

/// One input's JSON object, on one line.
fn json_line(split: &Split, mode: Mode) -> serde_json::Result<String> {
    match &split.outcome {
        Ok(Outcome::Mailbox(fields)) => json_parsed(split, mode, fields),
        Ok(Outcome::List(list)) => json_parsed(split, mode, JsonList::new(list)),
        Ok(Outcome::Path(kind, fields)) => json_parsed(
            split,
            mode,
            JsonPath {
                path: kind.as_str(),
                fields,
            },
        ),
        Err(e) => serde_json::to_string(&JsonFailed {
            input: &split.input,
            ok: false,
            error: JsonError {
                kind: e.kind().code(),
                offset: e.offset(),
                message: e.to_string(),
            },
        }),
    }
}

fn json_parsed<T: Serialize>(split: &Split, mode: Mode, body: T) -> serde_json::Result<String> {
    serde_json::to_string(&JsonParsed {
        input: &split.input,
        ok: true,
        mode: mode.as_str(),
        body,
    })
}

fn write_json(results: &[Split], mode: Mode) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    for split in results {
        writeln!(out, "{}", json_line(split, mode)?)?;
    }
    out.flush()
}

// ----- table output -----

/// A table row: cells, or an input and the error it gave (which spans the remaining columns).
enum Row {
    Cells(Vec<String>),
    Error(String, String),
}

fn headings(mode: Mode) -> &'static [&'static str] {
    match mode {
        Mode::Mailbox => &["INPUT", "DISPLAY NAME", "ENVELOPE", "HEADER", "CATEGORY", "DIAGNOSES"],
        Mode::List => &[
            "INPUT",
            "GROUP",
            "DISPLAY NAME",
            "ENVELOPE",
            "HEADER",
            "CATEGORY",
            "DIAGNOSES",
        ],
        Mode::Path => &["INPUT", "PATH", "ENVELOPE", "CATEGORY", "DIAGNOSES"],
    }
}

/// The rows of one input: one per mailbox (a list's empty group gets one too).
fn rows(split: &Split) -> Vec<Row> {
    let input = printable(&split.input);
    match &split.outcome {
        Err(e) => vec![Row::Error(input, format!("error: {e}"))],
        Ok(Outcome::Mailbox(fields)) => vec![Row::Cells([vec![input], fields.cells(true)].concat())],
        Ok(Outcome::Path(kind, fields)) => {
            vec![Row::Cells(
                [vec![input, kind.as_str().to_owned()], fields.cells(false)].concat(),
            )]
        }
        Ok(Outcome::List(list)) => list_rows(input, list),
    }
}

fn list_rows(input: String, list: &List) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut first = Some(input);
    let mut push = |group: Option<&str>, rest: Vec<String>| {
        let head = vec![
            first.take().unwrap_or_default(),
            group.map_or_else(|| "-".to_owned(), printable),
        ];
        rows.push(Row::Cells([head, rest].concat()));
    };
    for item in &list.items {
        match item {
            ListItem::Mailbox(fields) => push(None, fields.cells(true)),
            ListItem::Group { name, members } if members.is_empty() => push(Some(name), vec!["(no members)".into()]),
            ListItem::Group { name, members } => {
                for fields in members {
                    push(Some(name), fields.cells(true));
                }
            }
        }
    }
    rows
}

impl Fields {
    /// The table cells: display name (if asked for), envelope, header (with the name), category,
    /// diagnoses.
    fn cells(&self, with_name: bool) -> Vec<String> {
        let shown = |value: &Option<String>| value.as_deref().map_or_else(|| "-".to_owned(), printable);
        let diagnoses: Vec<&str> = self.diagnoses.iter().map(|d| d.code()).collect();
        let mut cells = Vec::new();
        if with_name {
            cells.push(shown(&self.display_name));
        }
        cells.push(shown(&self.envelope));
        if with_name {
            cells.push(shown(&self.header));
        }
        cells.push(self.category.to_string());
        cells.push(diagnoses.join(", "));
        cells
    }
}

fn write_table(results: &[Split], mode: Mode) -> io::Result<()> {
    let heading = Row::Cells(headings(mode).iter().map(|&h| h.to_owned()).collect());
    let rows: Vec<Row> = std::iter::once(heading).chain(results.iter().flat_map(rows)).collect();
    let mut widths = vec![0; headings(mode).len()];
    for row in &rows {
        let cells = match row {
            Row::Cells(cells) => cells.as_slice(),
            Row::Error(input, _) => core::slice::from_ref(input),
        };
        for (width, cell) in widths.iter_mut().zip(cells) {
            *width = (*width).max(display_width(cell));
        }
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for row in &rows {
        let line = match row {
            Row::Cells(cells) => aligned(cells, &widths),
            Row::Error(input, message) => aligned(&[input.clone(), message.clone()], &widths),
        };
        writeln!(out, "{}", line.trim_end())?;
    }
    out.flush()
}

/// The cells padded to their column's width, two spaces apart.
fn aligned(cells: &[String], widths: &[usize]) -> String {
    let mut line = String::new();
    for (cell, width) in cells.iter().zip(widths) {
        line.push_str(cell);
        line.extend(std::iter::repeat_n(' ', width.saturating_sub(display_width(cell)) + 2));
    }
    line
}

/// Text safe to print on a terminal: control characters escaped (`\r`, `\n`, `\u{0}`, …).
fn printable(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            shown.extend(c.escape_default());
        } else {
            shown.push(c);
        }
    }
    shown
}

/// The columns a terminal gives `text`: two for East Asian wide and fullwidth characters, none
/// for combining marks and zero-width characters, one otherwise. An approximation of UAX #11
/// that is good enough for alignment.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match u32::from(c) {
            0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F => 0,
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1F64F
            | 0x1F900..=0x1F9FF
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}
