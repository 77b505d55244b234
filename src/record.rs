//! The record of one input, as the `split` command prints it: both forms of an address, its parts
//! and its findings, or why it is not one. The command line and the language bindings build it
//! here, from one definition, so they print the same object for the same input.
//!
//! [`Split::new`] parses an input as a [`Mode`] says and fills the record; with the `serde`
//! feature the record serializes to the `split` command's JSON object, one per input, with these
//! fields in this order:
//!
//! ```text
//! {"input":"…","ok":true,"mode":"mailbox","display_name":"…"|null,"local_part":"…","domain":"…",
//!  "addr_spec":"…","envelope":"<…>"|null,"envelope_ascii":"<…>"|null,"header":"…"|null,
//!  "header_utf8":"…"|null,"smtputf8":false,"category":"valid","diagnoses":["…"]}
//! {"input":"…","ok":false,"error":{"kind":"expected_angle_close","offset":12,"message":"…"}}
//! ```
//!
//! * `local_part` is the value (unquoted, unescaped); `domain` the domain as written without
//!   CFWS (a literal with its brackets); `addr_spec` the canonical form.
//! * `envelope` is `null` when the address is valid in a header but no RFC 5321 path can carry it
//!   (the reason is among the `diagnoses`); `envelope_ascii` is the same path with the domain in
//!   A-labels, `null` when there is none; `smtputf8` says whether `envelope` needs the SMTPUTF8
//!   extension (so it is `false` when `envelope` is `null`); `header` is the header form the
//!   [`RenderOptions`] ask for, `null` when there is none, with the finding `header_needs_utf8`
//!   when only the RFC 6532 form `header_utf8` exists.
//! * [`Mode::List`]: `"addresses"` holds one object per mailbox (`"group"` is its group's name or
//!   `null`, then the fields above), `"groups"` one `{"name","members"}` per group, and
//!   `"category"` / `"diagnoses"` rate the whole list.
//! * [`Mode::Path`] adds `"path"` after `"mode"`: `"null_path"` for `<>` (every address field
//!   `null`, `envelope` `<>`), `"postmaster"` for `<Postmaster>` in any case (`local_part`
//!   `Postmaster`, `domain` `null`, `envelope` `<Postmaster>`), or `"mailbox"`.
//! * `error.kind` is the [`ErrorKind`](crate::ErrorKind) variant in snake case, `error.offset`
//!   the byte offset in the input, and for a list `error.member` the index (from 0) of the
//!   address it lies in. Input bytes that are not UTF-8 are shown with replacement characters in
//!   `input`, and fail with `invalid_utf8`.
//! * `"line":N` follows `"input"` when the record says which line of a text the input stood on
//!   ([`Split::line`]).
//!
//! # Examples
//!
//! ```
//! use mail_envelope::record::{Mode, Parsed, Split};
//! use mail_envelope::{ParseOptions, RenderOptions};
//!
//! let (parse, render) = (ParseOptions::default(), RenderOptions::default());
//! let split = Split::new("服务显示名称 <keepalived@server.example.com>".as_bytes(), Mode::Mailbox, &parse, &render);
//! let Ok(Parsed::Mailbox(fields)) = &split.outcome else { panic!("{split:?}") };
//! assert_eq!(fields.envelope.as_deref(), Some("<keepalived@server.example.com>"));
//! assert_eq!(fields.display_name.as_deref(), Some("服务显示名称"));
//!
//! # #[cfg(feature = "serde")] {
//! let json = serde_json::to_value(&split).unwrap();
//! assert_eq!(json["ok"], true);
//! assert_eq!(json["header"], "=?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <keepalived@server.example.com>");
//!
//! let failed = Split::new(b"Name <keepalived@host", Mode::Mailbox, &parse, &render);
//! assert_eq!(
//!     serde_json::to_string(&failed).unwrap(),
//!     r#"{"input":"Name <keepalived@host","ok":false,"error":{"kind":"expected_angle_close","offset":21,"#.to_owned()
//!         + r#""message":"expected '>' to close angle-addr at byte 21, found end of input"}}"#
//! );
//! # }
//! ```

use alloc::borrow::ToOwned;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::{
    Address, AddressList, Category, Diagnoses, Diagnosis, Mailbox, ParseError, ParseOptions, RenderOptions, SmtpPath,
};

/// What an input is parsed as.
///
/// # Examples
///
/// ```
/// use mail_envelope::record::Mode;
/// assert_eq!(Mode::default(), Mode::Mailbox);
/// assert_eq!(Mode::Path.as_str(), "path");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// One RFC 5322 mailbox: `Name <local@domain>` or `local@domain`.
    #[default]
    Mailbox,
    /// An RFC 5322 address-list: mailboxes and groups separated by commas.
    List,
    /// An RFC 5321 path, reverse or forward: `<local@domain>`, `<>` or `<Postmaster>`.
    Path,
}

impl Mode {
    /// The mode's name, as the record's `mode` field shows it: `mailbox`, `list` or `path`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::record::Mode;
    /// assert_eq!(Mode::List.as_str(), "list");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Mailbox => "mailbox",
            Mode::List => "list",
            Mode::Path => "path",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The record of one input: the input, and what parsing it gave.
///
/// # Examples
///
/// ```
/// use mail_envelope::record::{Mode, Split};
/// use mail_envelope::{ParseOptions, RenderOptions};
///
/// let split = Split::new(b"<>", Mode::Path, &ParseOptions::default(), &RenderOptions::default());
/// assert!(split.ok() && split.has_envelope());
/// assert_eq!(split.input, "<>");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Split {
    /// The input (bytes that are not UTF-8 shown as U+FFFD).
    pub input: String,
    /// The line, counted from 1, of the text the input was read from, if the reader says so:
    /// serialized as `"line"` after `"input"` when set.
    pub line: Option<usize>,
    /// The parsed input's fields, or why it gave none.
    pub outcome: Result<Parsed, RecordError>,
}

/// A parsed input's fields, by mode.
///
/// # Examples
///
/// ```
/// use mail_envelope::record::{Mode, Parsed, PathKind, Split};
/// use mail_envelope::{ParseOptions, RenderOptions};
///
/// let split = Split::new(b"<Postmaster>", Mode::Path, &ParseOptions::default(), &RenderOptions::default());
/// let Ok(parsed) = &split.outcome else { panic!() };
/// assert_eq!(parsed.mode(), Mode::Path);
/// assert!(matches!(parsed, Parsed::Path(PathKind::Postmaster, _)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// A mailbox ([`Mode::Mailbox`]).
    Mailbox(MailboxFields),
    /// An address-list ([`Mode::List`]).
    List(ListFields),
    /// A path ([`Mode::Path`]): which of the three forms, and its fields.
    Path(PathKind, MailboxFields),
}

/// The fields of one mailbox (or path), in the order they are serialized.
///
/// # Examples
///
/// ```
/// use mail_envelope::record::MailboxFields;
/// use mail_envelope::{Category, Mailbox, RenderOptions};
///
/// let mailbox = Mailbox::parse("Jörg <joerg@bücher.example>")?;
/// let fields = MailboxFields::new(&mailbox, &RenderOptions::default());
/// assert_eq!(fields.addr_spec.as_deref(), Some("joerg@bücher.example"));
/// assert!(fields.smtputf8);
/// # #[cfg(feature = "idna")]
/// assert_eq!(fields.envelope_ascii.as_deref(), Some("<joerg@xn--bcher-kva.example>"));
/// assert_eq!(fields.category, Category::Valid);
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MailboxFields {
    /// The display name's value, if there is one.
    pub display_name: Option<String>,
    /// The local part's value (unquoted, unescaped); `Postmaster` for `<Postmaster>`, `None` for `<>`.
    pub local_part: Option<String>,
    /// The domain as written without CFWS (a literal with its brackets); `None` for `<>` and
    /// `<Postmaster>`.
    pub domain: Option<String>,
    /// The addr-spec in canonical form; `None` for `<>` and `<Postmaster>`.
    pub addr_spec: Option<String>,
    /// The RFC 5321 path (`<…>`), `None` when no path can carry the address.
    pub envelope: Option<String>,
    /// The path with the domain in A-labels, `None` when there is none.
    pub envelope_ascii: Option<String>,
    /// The header form the render options ask for, `None` when there is none.
    pub header: Option<String>,
    /// The RFC 6532 (UTF-8) header form, `None` when there is no header form at all.
    pub header_utf8: Option<String>,
    /// Whether the path needs the SMTPUTF8 extension (`false` without a path).
    pub smtputf8: bool,
    /// How the mailbox rates.
    pub category: Category,
    /// The codes of its diagnoses, and `header_needs_utf8` when only `header_utf8` exists.
    pub diagnoses: Vec<&'static str>,
}

/// The fields of an address-list: its addresses in order, and what rates the whole list.
///
/// # Examples
///
/// ```
/// use mail_envelope::record::{ListFields, ListItem};
/// use mail_envelope::{AddressList, RenderOptions};
///
/// let list = AddressList::parse("a@example.com, Team: b@example.com, c@example.com;")?;
/// let fields = ListFields::new(&list, &RenderOptions::default());
/// assert!(matches!(&fields.items[1], ListItem::Group { name, members } if name == "Team" && members.len() == 2));
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListFields {
    /// The list's addresses, in order.
    pub items: Vec<ListItem>,
    /// How the whole list rates.
    pub category: Category,
    /// The codes of the whole list's diagnoses.
    pub diagnoses: Vec<&'static str>,
}

/// An address of a list: a mailbox, or a group and its mailboxes.
///
/// # Examples
///
/// ```
/// use mail_envelope::record::ListItem;
/// let empty = ListItem::Group { name: "Undisclosed recipients".into(), members: vec![] };
/// assert!(matches!(empty, ListItem::Group { members, .. } if members.is_empty()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListItem {
    /// A mailbox outside any group.
    Mailbox(MailboxFields),
    /// A group: its name and its members.
    Group {
        /// The group's display name.
        name: String,
        /// Its mailboxes, in order.
        members: Vec<MailboxFields>,
    },
}

/// Which of the three RFC 5321 path forms an input is.
///
/// # Examples
///
/// ```
/// use mail_envelope::record::PathKind;
/// assert_eq!(PathKind::Null.as_str(), "null_path");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PathKind {
    /// `<>`.
    Null,
    /// `<Postmaster>`.
    Postmaster,
    /// A path with an addr-spec.
    Mailbox,
}

impl PathKind {
    /// The form's name, as the record's `path` field shows it: `null_path`, `postmaster` or
    /// `mailbox`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::record::PathKind;
    /// assert_eq!(PathKind::Postmaster.as_str(), "postmaster");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            PathKind::Null => "null_path",
            PathKind::Postmaster => "postmaster",
            PathKind::Mailbox => "mailbox",
        }
    }
}

/// Why an input gave no fields: the record's `error` object.
///
/// # Examples
///
/// ```
/// use mail_envelope::record::RecordError;
/// use mail_envelope::AddressList;
///
/// let err = AddressList::parse("a@example.com, Bob <bob@example.com").unwrap_err();
/// let record = RecordError::from(err);
/// assert_eq!((record.kind, record.offset, record.member), ("expected_angle_close", 35, Some(1)));
/// assert_eq!(record.message, err.to_string());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RecordError {
    /// What went wrong, in snake case: an [`ErrorKind::code`](crate::ErrorKind::code), or a
    /// reader's own kind (the command line's `invalid_json_input`).
    pub kind: &'static str,
    /// The byte offset of the fault in the input.
    pub offset: usize,
    /// In an address-list, the index (from 0) of the address the fault lies in.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub member: Option<usize>,
    /// The message: what was expected, where, and what was found.
    pub message: String,
}

impl RecordError {
    /// An error of a kind of the reader's own, for an input it could not read.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::record::RecordError;
    /// let err = RecordError::new("invalid_json_input", 3, "not a JSON string");
    /// assert_eq!((err.kind, err.offset, err.member), ("invalid_json_input", 3, None));
    /// ```
    pub fn new(kind: &'static str, offset: usize, message: impl Into<String>) -> Self {
        Self {
            kind,
            offset,
            member: None,
            message: message.into(),
        }
    }
}

impl From<ParseError> for RecordError {
    fn from(e: ParseError) -> Self {
        Self {
            kind: e.kind().code(),
            offset: e.offset(),
            member: e.member(),
            message: e.to_string(),
        }
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Split {
    /// Parses `input` as `mode` says, with `parse`, and renders its forms with `render`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::record::{ListItem, Mode, Parsed, Split};
    /// use mail_envelope::{ParseOptions, RenderOptions};
    ///
    /// let (parse, render) = (ParseOptions::default(), RenderOptions::default());
    /// let split = Split::new(b"Jane <jane@example.com>, Team: ;", Mode::List, &parse, &render);
    /// let Ok(Parsed::List(list)) = &split.outcome else { panic!("{split:?}") };
    /// assert!(matches!(&list.items[1], ListItem::Group { name, members } if name == "Team" && members.is_empty()));
    ///
    /// let split = Split::new(b"Jane <jane@example.com", Mode::Mailbox, &parse, &render);
    /// assert_eq!(split.outcome.unwrap_err().kind, "expected_angle_close");
    /// ```
    pub fn new(input: &[u8], mode: Mode, parse: &ParseOptions, render: &RenderOptions) -> Self {
        let outcome = match mode {
            Mode::Mailbox => {
                Mailbox::parse_bytes_with(input, parse).map(|m| Parsed::Mailbox(MailboxFields::new(&m, render)))
            }
            Mode::List => {
                AddressList::parse_bytes_with(input, parse).map(|l| Parsed::List(ListFields::new(&l, render)))
            }
            Mode::Path => SmtpPath::parse_bytes_with(input, parse).map(|p| Parsed::path(&p, render)),
        };
        Self {
            input: String::from_utf8_lossy(input).into_owned(),
            line: None,
            outcome: outcome.map_err(RecordError::from),
        }
    }

    /// The record of an input its reader could not read (the command line's `--json-input` line
    /// that is not a JSON string).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::record::{RecordError, Split};
    /// let split = Split::failed("\"open".into(), RecordError::new("invalid_json_input", 5, "EOF while parsing"));
    /// assert!(!split.ok());
    /// ```
    pub fn failed(input: String, error: RecordError) -> Self {
        Self {
            input,
            line: None,
            outcome: Err(error),
        }
    }

    /// Whether the input parsed (`"ok"`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::record::{Mode, Split};
    /// use mail_envelope::{ParseOptions, RenderOptions};
    /// let split = Split::new(b"not an address", Mode::Mailbox, &ParseOptions::default(), &RenderOptions::default());
    /// assert!(!split.ok());
    /// ```
    pub fn ok(&self) -> bool {
        self.outcome.is_ok()
    }

    /// Whether the input parsed and every mailbox of it has an envelope form.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::record::{Mode, Split};
    /// use mail_envelope::{ParseOptions, RenderOptions};
    /// let (parse, render) = (ParseOptions::default(), RenderOptions::default());
    /// assert!(Split::new(b"a@example.com, b@example.com", Mode::List, &parse, &render).has_envelope());
    /// // A domain-literal that is no address literal is valid in a header only.
    /// assert!(!Split::new(b"a@example.com, b@[x]", Mode::List, &parse, &render).has_envelope());
    /// ```
    pub fn has_envelope(&self) -> bool {
        match &self.outcome {
            Ok(Parsed::Mailbox(fields) | Parsed::Path(_, fields)) => fields.envelope.is_some(),
            Ok(Parsed::List(list)) => list.mailboxes().all(|m| m.envelope.is_some()),
            Err(_) => false,
        }
    }
}

impl Parsed {
    /// A parsed path: its form, and its fields.
    fn path(path: &SmtpPath<'_>, render: &RenderOptions) -> Self {
        match path {
            SmtpPath::Null => Parsed::Path(PathKind::Null, MailboxFields::special(path, None)),
            SmtpPath::Postmaster => {
                Parsed::Path(PathKind::Postmaster, MailboxFields::special(path, Some("Postmaster")))
            }
            SmtpPath::Path(addr) => Parsed::Path(
                PathKind::Mailbox,
                MailboxFields::new(&Mailbox::from(addr.clone()), render),
            ),
        }
    }

    /// The mode the input was parsed in.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::record::{Mode, Split};
    /// use mail_envelope::{ParseOptions, RenderOptions};
    /// let split = Split::new(b"a@example.com", Mode::List, &ParseOptions::default(), &RenderOptions::default());
    /// assert_eq!(split.outcome.unwrap().mode(), Mode::List);
    /// ```
    pub fn mode(&self) -> Mode {
        match self {
            Parsed::Mailbox(_) => Mode::Mailbox,
            Parsed::List(_) => Mode::List,
            Parsed::Path(..) => Mode::Path,
        }
    }
}

impl MailboxFields {
    /// The fields of a mailbox: its parts, both forms, and its findings.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::record::MailboxFields;
    /// use mail_envelope::{Mailbox, RenderOptions};
    ///
    /// let fields = MailboxFields::new(&Mailbox::parse("用户@example.com")?, &RenderOptions::default());
    /// assert_eq!(fields.envelope.as_deref(), Some("<用户@example.com>"));
    /// assert_eq!((fields.envelope_ascii, fields.header), (None, None));
    /// assert_eq!(fields.diagnoses, ["header_needs_utf8"]);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn new(mailbox: &Mailbox<'_>, render: &RenderOptions) -> Self {
        let addr = mailbox.addr_spec();
        let addr_spec = addr.to_string();
        let path = mailbox.to_reverse_path().ok();
        let envelope = path.as_ref().map(|_| alloc::format!("<{addr_spec}>"));
        // An ASCII address is its own ASCII form, and an ASCII mailbox's header is the same with
        // or without UTF-8: each is written once.
        let ascii_addr = addr_spec.is_ascii();
        let envelope_ascii = match path {
            Some(_) if ascii_addr => envelope.clone(),
            path => path.and_then(|p| p.to_ascii().ok().map(|ascii| ascii.to_string())),
        };
        let header = mailbox.to_header(render).ok();
        let header_utf8 = if render.utf8_headers || (ascii_addr && mailbox.display_name().is_none_or(str::is_ascii)) {
            header.clone()
        } else {
            mailbox.to_header(&render.clone().utf8_headers(true)).ok()
        };
        let mut diagnoses = codes(mailbox.diagnoses());
        if header.is_none() && header_utf8.is_some() {
            diagnoses.push("header_needs_utf8");
        }
        Self {
            display_name: mailbox.display_name().map(str::to_owned),
            local_part: Some(addr.local_part().value().to_owned()),
            domain: Some(addr.domain().to_string()),
            addr_spec: Some(addr_spec),
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

impl ListFields {
    /// The mailboxes and groups of a list, and what rates the whole list.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::record::ListFields;
    /// use mail_envelope::{AddressList, Category, RenderOptions};
    ///
    /// let list = AddressList::parse("a@example.com, \"b c\"@example.com")?;
    /// let fields = ListFields::new(&list, &RenderOptions::default());
    /// // The second mailbox has a quoted local part, and the list rates as its worst mailbox.
    /// assert_eq!(fields.category, Category::Rfc5321);
    /// assert_eq!(fields.diagnoses, ["rfc5321_quotedstring"]);
    /// let categories: Vec<_> = fields.mailboxes().map(|m| m.category).collect();
    /// assert_eq!(categories, [Category::Valid, Category::Rfc5321]);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn new(list: &AddressList<'_>, render: &RenderOptions) -> Self {
        let items = list
            .addresses()
            .iter()
            .map(|address| match address {
                Address::Mailbox(m) => ListItem::Mailbox(MailboxFields::new(m, render)),
                Address::Group(g) => ListItem::Group {
                    name: g.display_name().to_owned(),
                    members: g.members().iter().map(|m| MailboxFields::new(m, render)).collect(),
                },
            })
            .collect();
        Self {
            items,
            category: list.diagnoses().category(),
            diagnoses: codes(list.diagnoses()),
        }
    }

    /// Every mailbox of the list, in order, groups' members included.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::record::ListFields;
    /// use mail_envelope::{AddressList, RenderOptions};
    ///
    /// let list = AddressList::parse("Team: a@example.com, b@example.com;, c@example.com")?;
    /// let fields = ListFields::new(&list, &RenderOptions::default());
    /// let addrs: Vec<_> = fields.mailboxes().filter_map(|m| m.addr_spec.as_deref()).collect();
    /// assert_eq!(addrs, ["a@example.com", "b@example.com", "c@example.com"]);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn mailboxes(&self) -> impl Iterator<Item = &MailboxFields> {
        self.items.iter().flat_map(|item| match item {
            ListItem::Mailbox(fields) => core::slice::from_ref(fields),
            ListItem::Group { members, .. } => members.as_slice(),
        })
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The record's JSON shape: borrowed views that put the fields in their order.

    use alloc::vec::Vec;

    use serde::{Serialize, Serializer};

    use super::{ListFields, ListItem, MailboxFields, Mode, Parsed, PathKind, RecordError, Split};
    use crate::Category;

    impl Serialize for Mode {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    impl Serialize for PathKind {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    impl Serialize for Split {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let input = self.input.as_str();
            let line = self.line;
            match &self.outcome {
                Ok(parsed) => Json::Parsed {
                    input,
                    line,
                    ok: true,
                    mode: parsed.mode(),
                    body: Body::new(parsed),
                },
                Err(error) => Json::Failed {
                    input,
                    line,
                    ok: false,
                    error,
                },
            }
            .serialize(serializer)
        }
    }

    impl Serialize for ListFields {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            JsonList::new(self).serialize(serializer)
        }
    }

    /// An input's JSON object.
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Json<'a> {
        /// A parsed input: `input`, `line` (when known), `ok`, `mode`, then the mode's fields.
        Parsed {
            input: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            line: Option<usize>,
            ok: bool,
            mode: Mode,
            #[serde(flatten)]
            body: Body<'a>,
        },
        /// An input that did not parse: `input`, `line`, `ok`, and why.
        Failed {
            input: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            line: Option<usize>,
            ok: bool,
            error: &'a RecordError,
        },
    }

    /// The mode's fields of a parsed input.
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Body<'a> {
        Mailbox(&'a MailboxFields),
        List(JsonList<'a>),
        Path {
            path: PathKind,
            #[serde(flatten)]
            fields: &'a MailboxFields,
        },
    }

    impl<'a> Body<'a> {
        fn new(parsed: &'a Parsed) -> Self {
            match parsed {
                Parsed::Mailbox(fields) => Body::Mailbox(fields),
                Parsed::List(list) => Body::List(JsonList::new(list)),
                Parsed::Path(path, fields) => Body::Path { path: *path, fields },
            }
        }
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
        fields: &'a MailboxFields,
    }

    #[derive(Serialize)]
    struct JsonGroup<'a> {
        name: &'a str,
        members: usize,
    }

    impl<'a> JsonList<'a> {
        /// The list's mailboxes, each with its group, and its groups with their sizes.
        fn new(list: &'a ListFields) -> Self {
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
}
