//! The properties the fuzz targets check: one public function per target, each taking the
//! fuzzer's bytes and panicking when a property fails.
//!
//! The main crate's `tests/fuzz_regressions.rs` compiles this same file and replays every input
//! in `fuzz/regressions/` through each of them, so a minimized crash stays fixed; [`all`] runs
//! them all on one input.

use std::borrow::Cow;
use std::fmt::Debug;

use mail_envelope::{
    AddrSpec, Address, AddressList, Diagnoses, Diagnosis, Domain, EnvelopeErrorKind, ErrorKind, ForwardPath, Mailbox,
    ParseError, ParseOptions, RenderError, RenderOptions, ReversePath, SmtpPath, Strictness,
};

/// Whether Lenient took the comment after this mailbox's addr-spec as its display name.
fn named_by_comment(mailbox: &Mailbox<'_>) -> bool {
    mailbox.diagnoses().contains(Diagnosis::LenientCommentName)
}

/// Every strictness, strictest first.
pub const STRICTNESSES: [Strictness; 3] = [Strictness::Strict, Strictness::Standard, Strictness::Lenient];

/// The longest line a header field may hold, CRLF excluded (RFC 5322 §2.1.1).
const MAX_LINE: usize = 998;

/// A field name for `to_field`.
const FIELD: &str = "To";

/// How many members of a list get the per-mailbox checks on top of the list's own. The list's
/// checks cover every member's text already; the cap keeps a 50,000-member list quick to replay.
const MAX_MEMBERS_CHECKED: usize = 256;

/// The render options every header check uses: ASCII (RFC 2047) and UTF-8 (RFC 6532) headers,
/// folded at the usual width and at a narrow one that folds before almost every token.
fn render_options() -> [RenderOptions; 4] {
    [
        RenderOptions::default(),
        RenderOptions::default().utf8_headers(true),
        RenderOptions::default().fold_at(20),
        RenderOptions::default().utf8_headers(true).fold_at(1),
    ]
}

fn options(strictness: Strictness) -> ParseOptions {
    ParseOptions::default().strictness(strictness)
}

/// The fuzzer's bytes as text, invalid UTF-8 replaced, for the `&str` entry points.
fn text(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

// ----- the targets -----

/// Target `mailbox`: `Mailbox` and `AddrSpec` entry points, with every strictness.
///
/// `parse_bytes` agrees with `parse`, errors point at a character of the input, a value accepted
/// at one strictness is accepted (and equal) at every looser one, an addr-spec is also a mailbox
/// and a mailbox also a one-element address list, and no output carries CR, LF or NUL.
pub fn mailbox(data: &[u8]) {
    let input = text(data);
    let mailboxes = entry_point(
        data,
        &input,
        Mailbox::parse_bytes,
        Mailbox::parse_with,
        named_by_comment,
    );
    let addr_specs = entry_point(data, &input, AddrSpec::parse_bytes, AddrSpec::parse_with, |_| false);
    for ((strictness, mailbox), addr_spec) in STRICTNESSES.into_iter().zip(&mailboxes).zip(&addr_specs) {
        if let Some(addr_spec) = addr_spec {
            let mailbox = mailbox.as_ref().unwrap_or_else(|| {
                panic!("{strictness:?}: an addr-spec that is no mailbox: {input:?}");
            });
            if !named_by_comment(mailbox) {
                assert_eq!(mailbox.display_name(), None, "{strictness:?}: {input:?}");
            }
            assert_eq!(mailbox.addr_spec(), addr_spec, "{strictness:?}: {input:?}");
            addr_spec_is_clean(addr_spec);
        }
        if let Some(mailbox) = mailbox {
            mailbox_is_clean(mailbox);
            // The Lenient reading of a single mailbox (unquoted specials in the name) is no list.
            if strictness != Strictness::Lenient {
                let list = AddressList::parse_with(&input, &options(strictness));
                assert_eq!(
                    list.as_ref().map(AddressList::addresses),
                    Ok(&[Address::Mailbox(mailbox.clone())][..]),
                    "{strictness:?}: a mailbox that is no one-element list: {input:?}"
                );
            }
        }
    }
}

/// Target `address_list`: `AddressList` entry points, with every strictness; the properties of
/// [`mailbox`] for lists.
pub fn address_list(data: &[u8]) {
    let input = text(data);
    for list in entry_point(
        data,
        &input,
        AddressList::parse_bytes,
        AddressList::parse_with,
        |list| list.mailboxes().any(named_by_comment),
    )
    .iter()
    .flatten()
    {
        list_is_clean(list);
    }
}

/// Target `path`: `ReversePath` and `ForwardPath` entry points, with every strictness.
///
/// The properties of [`mailbox`], plus: the two agree (`<>` only reverse, `<Postmaster>` only
/// forward, any other path both and equal), and a parsed path's addr-spec has an envelope form.
pub fn path(data: &[u8]) {
    let input = text(data);
    let reverse = entry_point(data, &input, ReversePath::parse_bytes, ReversePath::parse_with, |_| {
        false
    });
    let forward = entry_point(data, &input, ForwardPath::parse_bytes, ForwardPath::parse_with, |_| {
        false
    });
    for (r, f) in reverse.iter().zip(&forward) {
        match (r, f) {
            (Some(ReversePath::Path(a)), Some(ForwardPath::Path(b))) => {
                assert_eq!(a, b, "{input:?}");
                assert!(
                    a.to_reverse_path().is_ok(),
                    "a parsed path without envelope form: {input:?}"
                );
                addr_spec_is_clean(a);
            }
            (Some(ReversePath::Null) | None, None) | (None, Some(ForwardPath::Postmaster)) => {}
            other => panic!("reverse-path and forward-path disagree on {input:?}: {other:?}"),
        }
        if let Some(r) = r {
            assert_clean("reverse-path", &r.to_string());
        }
        if let Some(f) = f {
            assert_clean("forward-path", &f.to_string());
        }
    }
}

/// Target `roundtrip_header`: every mailbox and address list that parses (any strictness)
/// re-parses to an equal value from its `Display`, its `to_header` and its `to_field` (folded as
/// written, and unfolded), and `Display` is a fixed point.
pub fn roundtrip_header(data: &[u8]) {
    let input = text(data);
    for strictness in STRICTNESSES {
        if let Ok(mailbox) = Mailbox::parse_with(&input, &options(strictness)) {
            mailbox_round_trips(&mailbox, strictness);
        }
        if let Ok(list) = AddressList::parse_with(&input, &options(strictness)) {
            list_round_trips(&list, strictness);
        }
    }
}

/// Target `roundtrip_envelope`: a mailbox's reverse- and forward-path re-parse (any strictness)
/// to the same addr-spec, and the canonical path form is a fixed point; paths parsed directly
/// too.
pub fn roundtrip_envelope(data: &[u8]) {
    let input = text(data);
    for strictness in STRICTNESSES {
        let options = options(strictness);
        if let Ok(mailbox) = Mailbox::parse_with(&input, &options) {
            envelope_round_trips(mailbox.addr_spec());
        }
        if let Ok(list) = AddressList::parse_with(&input, &options) {
            for mailbox in list.mailboxes().take(MAX_MEMBERS_CHECKED) {
                envelope_round_trips(mailbox.addr_spec());
            }
        }
        if let Ok(ReversePath::Path(addr_spec)) = ReversePath::parse_with(&input, &options) {
            envelope_round_trips(&addr_spec);
        }
        if let Ok(path) = ForwardPath::parse_with(&input, &options) {
            let shown = path.to_string();
            assert_eq!(ForwardPath::parse(&shown).as_ref(), Ok(&path), "{input:?}");
        }
    }
}

/// Target `invariants`: every entry point with every strictness, on bytes and on text. Parsing
/// never panics, errors point at a character of the input, and no output (envelope, addr-spec,
/// `Display`, header value) carries CR, LF or NUL, except the CRLF SP folds of `to_field`.
pub fn invariants(data: &[u8]) {
    let input = text(data);
    bytes_error(data, &Mailbox::parse_bytes(data));
    bytes_error(data, &AddrSpec::parse_bytes(data));
    bytes_error(data, &AddressList::parse_bytes(data));
    bytes_error(data, &ReversePath::parse_bytes(data));
    bytes_error(data, &ForwardPath::parse_bytes(data));
    for strictness in STRICTNESSES {
        let options = options(strictness);
        if let Some(mailbox) = outcome(&input, Mailbox::parse_with(&input, &options)) {
            mailbox_is_clean(&mailbox);
        }
        if let Some(addr_spec) = outcome(&input, AddrSpec::parse_with(&input, &options)) {
            addr_spec_is_clean(&addr_spec);
        }
        if let Some(list) = outcome(&input, AddressList::parse_with(&input, &options)) {
            list_is_clean(&list);
        }
        if let Some(path) = outcome(&input, ReversePath::parse_with(&input, &options)) {
            assert_clean("reverse-path", &path.to_string());
        }
        if let Some(path) = outcome(&input, ForwardPath::parse_with(&input, &options)) {
            assert_clean("forward-path", &path.to_string());
        }
    }
}

/// Target `differential`: every entry point with every strictness, on the text and on the bytes,
/// read with the grammar's byte-run accelerators on and off (the hidden
/// `ParseOptions::accelerate`).
///
/// The two readings agree completely: both accept or both refuse; errors have the same kind,
/// offset and `found`; values are equal and so are their `Display`, findings and category, the
/// groups' names, and for every mailbox and addr-spec inside the display name, the local part's
/// `as_str`, `value` and offset, the domain's `as_str` and offset, the findings, the envelope
/// forms, the ASCII form and the header form.
pub fn differential(data: &[u8]) {
    let input = text(data);
    accelerators_agree::<Mailbox<'_>>(data, &input);
    accelerators_agree::<AddrSpec<'_>>(data, &input);
    accelerators_agree::<AddressList<'_>>(data, &input);
    accelerators_agree::<ReversePath<'_>>(data, &input);
    accelerators_agree::<ForwardPath<'_>>(data, &input);
    accelerators_agree::<SmtpPath<'_>>(data, &input);
}

/// Every target's properties, for replaying a saved input.
pub fn all(data: &[u8]) {
    mailbox(data);
    address_list(data);
    path(data);
    roundtrip_header(data);
    roundtrip_envelope(data);
    invariants(data);
    differential(data);
}

// ----- entry points and errors -----

/// Runs one type's entry points on `data` and returns the value per strictness (in the order of
/// [`STRICTNESSES`]), checking that `parse_bytes` agrees with `parse`, that every error points at
/// a character of the input, and that a stricter mode never accepts what a looser one refuses.
/// `named_by_comment` says whether a Lenient value took a trailing comment as a display name,
/// which only Lenient does: then it is accepted, but not equal.
fn entry_point<'a, T: PartialEq + Debug>(
    data: &'a [u8],
    input: &'a str,
    parse_bytes: fn(&'a [u8]) -> Result<T, ParseError>,
    parse_with: fn(&'a str, &ParseOptions) -> Result<T, ParseError>,
    named_by_comment: fn(&T) -> bool,
) -> [Option<T>; 3] {
    let by_bytes = parse_bytes(data);
    match std::str::from_utf8(data) {
        Ok(utf8) => assert_eq!(by_bytes, parse_with(utf8, &ParseOptions::default()), "{utf8:?}"),
        Err(_) => bytes_error(data, &by_bytes),
    }
    let values = STRICTNESSES.map(|strictness| outcome(input, parse_with(input, &options(strictness))));
    for (i, pair) in values.windows(2).enumerate() {
        if let Some(stricter) = &pair[0] {
            if pair[1].as_ref().is_some_and(named_by_comment) {
                continue;
            }
            assert_eq!(
                pair[1].as_ref(),
                Some(stricter),
                "accepted by {:?} but not equally by {:?}: {input:?}",
                STRICTNESSES[i],
                STRICTNESSES[i + 1],
            );
        }
    }
    values
}

/// Checks an error of `parse_bytes`: invalid UTF-8 is reported at its first bad byte; any other
/// error points into the input.
fn bytes_error<T>(data: &[u8], result: &Result<T, ParseError>) {
    let Err(err) = result else { return };
    assert!(
        err.offset() <= data.len(),
        "offset {} past {} bytes: {err}",
        err.offset(),
        data.len()
    );
    if let Err(utf8) = std::str::from_utf8(data) {
        assert_eq!((err.kind(), err.offset()), (ErrorKind::InvalidUtf8, utf8.valid_up_to()));
    }
}

/// The value of a `&str` parse; on error, checks that the offset is a character boundary inside
/// the input and that `found` is the character there.
fn outcome<T>(input: &str, result: Result<T, ParseError>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(err) => {
            let offset = err.offset();
            assert!(
                offset <= input.len(),
                "offset {offset} past {} bytes: {err} in {input:?}",
                input.len()
            );
            assert!(
                input.is_char_boundary(offset),
                "offset {offset} inside a character: {err} in {input:?}"
            );
            assert_eq!(err.found(), input[offset..].chars().next(), "{err} in {input:?}");
            None
        }
    }
}

// ----- outputs carry no CR, LF or NUL -----

/// Panics if `text` holds CR, LF or NUL.
fn assert_clean(what: &str, text: &str) {
    assert!(
        !text.contains(['\r', '\n', '\0']),
        "{what} carries CR, LF or NUL: {text:?}"
    );
}

fn addr_spec_is_clean(addr_spec: &AddrSpec<'_>) {
    assert_clean("addr-spec", &addr_spec.to_string());
    if let Ok(path) = addr_spec.to_reverse_path() {
        assert_clean("reverse-path", &path.to_string());
    }
    if let Ok(path) = addr_spec.to_forward_path() {
        assert_clean("forward-path", &path.to_string());
    }
    if let Ok(ascii) = addr_spec.to_ascii_string() {
        assert!(ascii.is_ascii(), "ASCII form is not ASCII: {ascii:?}");
        assert_clean("ASCII addr-spec", &ascii);
    }
}

fn mailbox_is_clean(mailbox: &Mailbox<'_>) {
    assert_clean("mailbox", &mailbox.to_string());
    addr_spec_is_clean(mailbox.addr_spec());
    for render in render_options() {
        if let Ok(header) = mailbox.to_header(&render) {
            assert_clean("header form", &header);
            assert!(
                header.len() <= MAX_LINE,
                "header form longer than {MAX_LINE} octets: {header:?}"
            );
        }
    }
}

fn list_is_clean(list: &AddressList<'_>) {
    assert_clean("address list", &list.to_string());
    for render in render_options() {
        if let Ok(field) = list.to_field(FIELD, &render) {
            field_is_clean(&field);
        }
    }
    for mailbox in list.mailboxes().take(MAX_MEMBERS_CHECKED) {
        mailbox_is_clean(mailbox);
    }
}

/// Checks a folded header field: no line passes 998 octets, every CRLF is a fold (followed by
/// white space), and nothing else is CR, LF or NUL.
fn field_is_clean(field: &str) {
    for line in field.split("\r\n") {
        assert!(
            line.len() <= MAX_LINE,
            "header line longer than {MAX_LINE} octets: {field:?}"
        );
    }
    assert_clean("header field", &unfold(field));
}

/// RFC 5322 §2.2.3 unfolding: every CRLF that comes before white space is removed.
fn unfold(field: &str) -> String {
    field.replace("\r\n ", " ").replace("\r\n\t", "\t")
}

// ----- round trips -----

/// Whether `again` is `mailbox` with its domain name in A-labels: what an ASCII header carries.
#[must_use]
pub fn in_a_labels(mailbox: &Mailbox<'_>, again: &Mailbox<'_>) -> bool {
    let (addr, back) = (mailbox.addr_spec(), again.addr_spec());
    let domain = match addr.domain() {
        Domain::Name(name) => name.to_ascii().is_ok_and(|ascii| back.domain().as_str() == ascii),
        Domain::Literal(_) => back.domain() == addr.domain(),
    };
    domain && back.local_part() == addr.local_part() && again.display_name() == mailbox.display_name()
}

fn mailbox_round_trips(mailbox: &Mailbox<'_>, strictness: Strictness) {
    let shown = mailbox.to_string();
    for reparse in [Strictness::Standard, strictness] {
        let again = Mailbox::parse_with(&shown, &options(reparse));
        assert_eq!(again.as_ref(), Ok(mailbox), "{reparse:?} re-parse of Display {shown:?}");
        if let Ok(again) = again {
            assert_eq!(again.to_string(), shown, "Display is not a fixed point");
        }
    }
    for render in render_options() {
        match mailbox.to_header(&render) {
            Ok(header) => {
                let again = Mailbox::parse(&header);
                if render.utf8_headers || mailbox.addr_spec().to_string().is_ascii() {
                    assert_eq!(again.as_ref(), Ok(mailbox), "re-parse of header form {header:?}");
                } else {
                    let again = again.unwrap_or_else(|e| panic!("re-parse of header form {header:?}: {e}"));
                    assert!(in_a_labels(mailbox, &again), "header form {header:?} of {shown:?}");
                }
                if !render.utf8_headers {
                    assert!(header.is_ascii(), "ASCII header form is not ASCII: {header:?}");
                }
            }
            Err(RenderError::NeedsUtf8) => assert!(
                !render.utf8_headers && !mailbox.addr_spec().local_part().value().is_ascii(),
                "NeedsUtf8 for {shown:?}"
            ),
            Err(RenderError::NoAsciiDomain) => assert!(
                !render.utf8_headers && !mailbox.addr_spec().domain().is_ascii(),
                "NoAsciiDomain for {shown:?}"
            ),
            Err(RenderError::ControlCharacter) => {
                assert!(
                    shown.contains(|c: char| c.is_control()),
                    "no control character in {shown:?}"
                );
            }
            // The one-line form passes 998 octets: folded, it fits, unless a single token is
            // that long (then `Display`, which never encodes, is at least as long).
            Err(err) => match AddressList::from(vec![Address::Mailbox(mailbox.clone())]).to_field(FIELD, &render) {
                Ok(field) => assert!(unfold(&field).len() > MAX_LINE + "To: ".len(), "{err} for {field:?}"),
                Err(_) => assert!(shown.len() > MAX_LINE, "{err} for {shown:?}"),
            },
        }
    }
}

fn list_round_trips(list: &AddressList<'_>, strictness: Strictness) {
    let shown = list.to_string();
    for reparse in [Strictness::Standard, strictness] {
        let again = AddressList::parse_with(&shown, &options(reparse));
        assert_eq!(again.as_ref(), Ok(list), "{reparse:?} re-parse of Display {shown:?}");
        if let Ok(again) = again {
            assert_eq!(again.to_string(), shown, "Display is not a fixed point");
        }
    }
    for render in render_options() {
        let Ok(field) = list.to_field(FIELD, &render) else {
            continue;
        };
        let value = field
            .strip_prefix("To: ")
            .unwrap_or_else(|| panic!("field without its name: {field:?}"));
        for text in [value.to_owned(), unfold(value)] {
            let again = AddressList::parse(&text);
            if render.utf8_headers || shown.is_ascii() {
                assert_eq!(again.as_ref(), Ok(list), "re-parse of field {text:?}");
            } else {
                // An ASCII field writes domains in A-labels.
                assert!(text.is_ascii(), "ASCII field is not ASCII: {text:?}");
                let again = again.unwrap_or_else(|e| panic!("re-parse of field {text:?}: {e}"));
                assert_eq!(again.mailboxes().count(), list.mailboxes().count(), "field {text:?}");
                for (before, after) in list.mailboxes().zip(again.mailboxes()).take(MAX_MEMBERS_CHECKED) {
                    assert!(in_a_labels(before, after), "field {text:?}");
                }
            }
        }
    }
    for mailbox in list.mailboxes().take(MAX_MEMBERS_CHECKED) {
        mailbox_round_trips(mailbox, strictness);
    }
}

/// An addr-spec's envelope form, when it has one, re-parses to the same addr-spec as a reverse-
/// and a forward-path at every strictness, and is a fixed point; its ASCII form is a path too.
fn envelope_round_trips(addr_spec: &AddrSpec<'_>) {
    let (reverse, forward) = match (addr_spec.to_reverse_path(), addr_spec.to_forward_path()) {
        (Ok(reverse), Ok(forward)) => (reverse.to_string(), forward.to_string()),
        (Err(a), Err(b)) => return assert_eq!(a, b, "{addr_spec}"),
        other => panic!("reverse and forward envelope forms disagree for {addr_spec}: {other:?}"),
    };
    assert_eq!(reverse, forward);
    assert_eq!(reverse, format!("<{addr_spec}>"));
    assert_eq!(
        addr_spec.needs_smtputf8(),
        !reverse.is_ascii(),
        "SMTPUTF8 need of {reverse}"
    );
    for strictness in STRICTNESSES {
        let again = ReversePath::parse_with(&reverse, &options(strictness));
        assert_eq!(
            again.as_ref().map(ReversePath::addr_spec),
            Ok(Some(addr_spec)),
            "{strictness:?} re-parse of {reverse:?}"
        );
        if let Ok(again) = &again {
            assert_eq!(again.to_string(), reverse, "the envelope form is not a fixed point");
        }
        let again = ForwardPath::parse_with(&forward, &options(strictness));
        assert_eq!(
            again.as_ref().map(ForwardPath::addr_spec),
            Ok(Some(addr_spec)),
            "{strictness:?} re-parse of {forward:?}"
        );
    }
    let mailbox = Mailbox::from(addr_spec.clone());
    assert_eq!(Mailbox::parse(&mailbox.to_string()).as_ref(), Ok(&mailbox));
    if let Ok(ascii) = addr_spec.to_ascii_string() {
        let path = format!("<{ascii}>");
        let again = ReversePath::parse(&path);
        assert!(again.is_ok(), "ASCII envelope form {path:?} does not parse: {again:?}");
        if addr_spec.domain().is_ascii() {
            assert_eq!(ascii, addr_spec.to_string());
        }
    }
}

// ----- accelerators on and off -----

/// What [`differential`] needs of each parsed type: its entry points, and what it holds.
trait Parsed<'a>: Sized + PartialEq + Debug + std::fmt::Display {
    /// The type's name, for messages.
    const NAME: &'static str;

    fn parse_with(input: &'a str, options: &ParseOptions) -> Result<Self, ParseError>;

    fn parse_bytes_with(input: &'a [u8], options: &ParseOptions) -> Result<Self, ParseError>;

    /// The findings about the value as a whole, for a type that has its own.
    fn diagnoses(&self) -> Option<Diagnoses> {
        None
    }

    /// The header form of the value as a whole, for a type that has one.
    fn header(&self) -> Option<Result<String, RenderError>> {
        None
    }

    /// The display names of its groups, in order.
    fn group_names(&self) -> Vec<&str> {
        Vec::new()
    }

    /// Its mailboxes, in order.
    fn mailboxes(&self) -> Vec<&Mailbox<'a>> {
        Vec::new()
    }

    /// Its addr-specs that are in no mailbox.
    fn bare_addr_specs(&self) -> Vec<&AddrSpec<'a>> {
        Vec::new()
    }
}

impl<'a> Parsed<'a> for Mailbox<'a> {
    const NAME: &'static str = "Mailbox";

    fn parse_with(input: &'a str, options: &ParseOptions) -> Result<Self, ParseError> {
        Mailbox::parse_with(input, options)
    }

    fn parse_bytes_with(input: &'a [u8], options: &ParseOptions) -> Result<Self, ParseError> {
        Mailbox::parse_bytes_with(input, options)
    }

    fn mailboxes(&self) -> Vec<&Mailbox<'a>> {
        vec![self]
    }
}

impl<'a> Parsed<'a> for AddrSpec<'a> {
    const NAME: &'static str = "AddrSpec";

    fn parse_with(input: &'a str, options: &ParseOptions) -> Result<Self, ParseError> {
        AddrSpec::parse_with(input, options)
    }

    fn parse_bytes_with(input: &'a [u8], options: &ParseOptions) -> Result<Self, ParseError> {
        AddrSpec::parse_bytes_with(input, options)
    }

    fn bare_addr_specs(&self) -> Vec<&AddrSpec<'a>> {
        vec![self]
    }
}

impl<'a> Parsed<'a> for AddressList<'a> {
    const NAME: &'static str = "AddressList";

    fn parse_with(input: &'a str, options: &ParseOptions) -> Result<Self, ParseError> {
        AddressList::parse_with(input, options)
    }

    fn parse_bytes_with(input: &'a [u8], options: &ParseOptions) -> Result<Self, ParseError> {
        AddressList::parse_bytes_with(input, options)
    }

    fn diagnoses(&self) -> Option<Diagnoses> {
        Some(AddressList::diagnoses(self))
    }

    fn header(&self) -> Option<Result<String, RenderError>> {
        Some(self.to_field(FIELD, &RenderOptions::default()))
    }

    fn group_names(&self) -> Vec<&str> {
        self.addresses()
            .iter()
            .filter_map(|address| match address {
                Address::Group(group) => Some(group.display_name()),
                Address::Mailbox(_) => None,
            })
            .collect()
    }

    fn mailboxes(&self) -> Vec<&Mailbox<'a>> {
        AddressList::mailboxes(self).collect()
    }
}

impl<'a> Parsed<'a> for ReversePath<'a> {
    const NAME: &'static str = "ReversePath";

    fn parse_with(input: &'a str, options: &ParseOptions) -> Result<Self, ParseError> {
        ReversePath::parse_with(input, options)
    }

    fn parse_bytes_with(input: &'a [u8], options: &ParseOptions) -> Result<Self, ParseError> {
        ReversePath::parse_bytes_with(input, options)
    }

    fn bare_addr_specs(&self) -> Vec<&AddrSpec<'a>> {
        self.addr_spec().into_iter().collect()
    }
}

impl<'a> Parsed<'a> for ForwardPath<'a> {
    const NAME: &'static str = "ForwardPath";

    fn parse_with(input: &'a str, options: &ParseOptions) -> Result<Self, ParseError> {
        ForwardPath::parse_with(input, options)
    }

    fn parse_bytes_with(input: &'a [u8], options: &ParseOptions) -> Result<Self, ParseError> {
        ForwardPath::parse_bytes_with(input, options)
    }

    fn bare_addr_specs(&self) -> Vec<&AddrSpec<'a>> {
        self.addr_spec().into_iter().collect()
    }
}

impl<'a> Parsed<'a> for SmtpPath<'a> {
    const NAME: &'static str = "SmtpPath";

    fn parse_with(input: &'a str, options: &ParseOptions) -> Result<Self, ParseError> {
        SmtpPath::parse_with(input, options)
    }

    fn parse_bytes_with(input: &'a [u8], options: &ParseOptions) -> Result<Self, ParseError> {
        SmtpPath::parse_bytes_with(input, options)
    }

    fn bare_addr_specs(&self) -> Vec<&AddrSpec<'a>> {
        self.addr_spec().into_iter().collect()
    }
}

/// Parses `input` (and `data`, as bytes) as a `T` with every strictness, accelerators on and
/// off, and checks that the two readings agree completely.
fn accelerators_agree<'a, T: Parsed<'a>>(data: &'a [u8], input: &'a str) {
    for strictness in STRICTNESSES {
        let fast = options(strictness);
        let plain = options(strictness).accelerate(false);
        let what = format!("{} ({strictness:?})", T::NAME);
        same_result(
            &what,
            input,
            &T::parse_with(input, &fast),
            &T::parse_with(input, &plain),
        );
        let what = format!("{} from bytes ({strictness:?})", T::NAME);
        same_result(
            &what,
            input,
            &T::parse_bytes_with(data, &fast),
            &T::parse_bytes_with(data, &plain),
        );
    }
}

/// Checks that the accelerated reading (`fast`) and the plain one agree, on `what` of `input`.
fn same_result<'a, T: Parsed<'a>>(
    what: &str,
    input: &str,
    fast: &Result<T, ParseError>,
    plain: &Result<T, ParseError>,
) {
    let (fast, plain) = match (fast, plain) {
        (Ok(fast), Ok(plain)) => (fast, plain),
        (Err(fast), Err(plain)) => {
            return assert_eq!(
                (fast.kind(), fast.offset(), fast.found()),
                (plain.kind(), plain.offset(), plain.found()),
                "{what}: accelerated and plain errors differ (left: accelerated) for {input:?}"
            );
        }
        _ => panic!("{what}: accelerated {fast:?} but plain {plain:?} for {input:?}"),
    };
    let context = format!("{what} of {input:?}");
    assert_eq!(fast, plain, "{context}");
    assert_eq!(fast.to_string(), plain.to_string(), "{context}: Display");
    assert_eq!(fast.diagnoses(), plain.diagnoses(), "{context}: findings");
    assert_eq!(
        fast.diagnoses().map(Diagnoses::category),
        plain.diagnoses().map(Diagnoses::category),
        "{context}: category"
    );
    assert_eq!(fast.header(), plain.header(), "{context}: header field");
    assert_eq!(fast.group_names(), plain.group_names(), "{context}: group names");
    let (fast_mailboxes, plain_mailboxes) = (fast.mailboxes(), plain.mailboxes());
    assert_eq!(fast_mailboxes.len(), plain_mailboxes.len(), "{context}: mailboxes");
    for (i, (f, p)) in fast_mailboxes.into_iter().zip(plain_mailboxes).enumerate() {
        same_mailbox(&format!("{context}, mailbox {i}"), f, p, i < MAX_MEMBERS_CHECKED);
    }
    let (fast_addr_specs, plain_addr_specs) = (fast.bare_addr_specs(), plain.bare_addr_specs());
    assert_eq!(fast_addr_specs.len(), plain_addr_specs.len(), "{context}: addr-specs");
    for (f, p) in fast_addr_specs.into_iter().zip(plain_addr_specs) {
        same_addr_spec(&context, f, p, true);
    }
}

/// Checks that two readings of a mailbox agree; `render` adds the header, envelope and ASCII
/// forms (the cap on list members, [`MAX_MEMBERS_CHECKED`], spares a huge list's renders).
fn same_mailbox(context: &str, fast: &Mailbox<'_>, plain: &Mailbox<'_>, render: bool) {
    assert_eq!(fast, plain, "{context}");
    assert_eq!(fast.display_name(), plain.display_name(), "{context}: display name");
    assert_eq!(fast.diagnoses(), plain.diagnoses(), "{context}: findings");
    assert_eq!(fast.category(), plain.category(), "{context}: category");
    if render {
        assert_eq!(fast.to_string(), plain.to_string(), "{context}: Display");
        let options = RenderOptions::default();
        assert_eq!(
            fast.to_header(&options),
            plain.to_header(&options),
            "{context}: header form"
        );
    }
    same_addr_spec(context, fast.addr_spec(), plain.addr_spec(), render);
}

/// Checks that two readings of an addr-spec agree; `render` as for [`same_mailbox`].
fn same_addr_spec(context: &str, fast: &AddrSpec<'_>, plain: &AddrSpec<'_>, render: bool) {
    assert_eq!(fast, plain, "{context}");
    let (f, p) = (fast.local_part(), plain.local_part());
    assert_eq!(
        (f.as_str(), f.value(), f.offset()),
        (p.as_str(), p.value(), p.offset()),
        "{context}: local part (as_str, value, offset)"
    );
    let (f, p) = (fast.domain(), plain.domain());
    assert_eq!(
        (f.as_str(), f.offset()),
        (p.as_str(), p.offset()),
        "{context}: domain (as_str, offset)"
    );
    assert_eq!(fast.diagnoses(), plain.diagnoses(), "{context}: addr-spec findings");
    assert_eq!(fast.category(), plain.category(), "{context}: addr-spec category");
    if render {
        assert_eq!(fast.to_string(), plain.to_string(), "{context}: addr-spec Display");
        assert_eq!(envelope(fast), envelope(plain), "{context}: reverse-path");
        assert_eq!(fast.to_ascii_string(), plain.to_ascii_string(), "{context}: ASCII form");
    }
}

/// An addr-spec's reverse-path, as its text or its error's kind and offset.
fn envelope(addr_spec: &AddrSpec<'_>) -> Result<String, (EnvelopeErrorKind, usize)> {
    addr_spec
        .to_reverse_path()
        .map(|path| path.to_string())
        .map_err(|e| (e.kind(), e.offset()))
}

pub mod smtp_command;
