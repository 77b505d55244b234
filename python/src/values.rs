//! The values: `Mailbox`, `Group` and `AddressList` (the header side) and `ReversePath`
//! (the argument of `MAIL FROM:`) and `ForwardPath` (of `RCPT TO:`), frozen classes over the
//! crate's owned values, compared and hashed by value as the crate compares them. The two sides
//! convert into each other, so they live in one module.

use mail_envelope::{AddrSpec, Address, Category, Diagnoses, Diagnosis};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyType};

use crate::errors::{envelope_error, parse_error, render_error};
use crate::{parse_options, parse_repr, render_options};

/// The diagnoses' codes, in order.
pub(crate) fn codes(diagnoses: Diagnoses) -> Vec<&'static str> {
    diagnoses.iter().map(Diagnosis::code).collect()
}

/// `(cls.parse, (text,))`: what `pickle` and `copy` rebuild a value from.
fn reduce<'py>(cls: &Bound<'py, PyType>, text: String) -> PyResult<(Bound<'py, PyAny>, (String,))> {
    Ok((cls.getattr("parse")?, (text,)))
}

/// One RFC 5322 mailbox: an optional display name and an addr-spec, as in `From:`.
///
/// Parse one with `Mailbox.parse(text)`. `str()` gives the canonical form, which parses back to
/// an equal mailbox; equality compares values (the display name, the local part exactly, the
/// domain without regard to case), not the text they were written as.
///
/// >>> m = Mailbox.parse("服务显示名称 <keepalived@server.example.com>")
/// >>> str(m.to_reverse_path())
/// '<keepalived@server.example.com>'
/// >>> m.to_header()
/// '=?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <keepalived@server.example.com>'
#[pyclass(module = "mail_envelope", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Mailbox(pub(crate) mail_envelope::Mailbox<'static>);

#[pymethods]
impl Mailbox {
    /// Parse `s` as one mailbox: `Name <local@domain>` or `local@domain`.
    ///
    /// `strictness` is "strict" (RFC 5322 section 3 only, and the address must be usable in an SMTP
    /// envelope), "standard" (the full grammar, obsolete forms included) or "lenient" (also what
    /// configuration files hold, such as `Doe, John <j@example.com>`). Raises ParseError, with
    /// `kind` and the byte `offset` of the fault, when `s` is not one.
    #[classmethod]
    #[pyo3(signature = (s, strictness = "standard"))]
    fn parse(cls: &Bound<'_, PyType>, s: &str, strictness: &str) -> PyResult<Self> {
        let options = parse_options(strictness)?;
        mail_envelope::Mailbox::parse_with(s, &options)
            .map(|m| Self(m.into_owned()))
            .map_err(|e| parse_error(cls.py(), e))
    }

    /// The display name's value (unquoted, RFC 2047 words decoded), or None.
    #[getter]
    fn display_name(&self) -> Option<&str> {
        self.0.display_name()
    }

    /// The local part's value: unquoted and unescaped (`john doe` for `"john doe"@example.com`).
    #[getter]
    fn local_part(&self) -> &str {
        self.0.addr_spec().local_part().value()
    }

    /// The domain as written, without comments or folding white space (a literal with its brackets).
    #[getter]
    fn domain(&self) -> String {
        self.0.addr_spec().domain().to_string()
    }

    /// The addr-spec in canonical form: `local@domain`, quoted only where needed, no comments.
    #[getter]
    fn addr_spec(&self) -> String {
        self.0.addr_spec().to_string()
    }

    /// How the mailbox rates: "valid", "rfc5321", "cfws", "deprecated" or "rfc5322" (valid in a
    /// header only: no SMTP envelope can carry it).
    #[getter]
    fn category(&self) -> &'static str {
        self.0.category().as_str()
    }

    /// The codes of what is unusual about the mailbox (`cfws_comment`, `deprec_phrase`, ...), in order.
    #[getter]
    fn diagnoses(&self) -> Vec<&'static str> {
        codes(self.0.diagnoses())
    }

    /// Whether its envelope form needs the SMTPUTF8 extension (RFC 6531): a non-ASCII address.
    #[getter]
    fn needs_smtputf8(&self) -> bool {
        self.0.addr_spec().needs_smtputf8()
    }

    /// The envelope form for `MAIL FROM:` (a ReversePath). Raises EnvelopeError when no RFC 5321
    /// path can carry the address (too long, a domain-literal that is no address literal, ...).
    fn to_reverse_path(&self, py: Python<'_>) -> PyResult<ReversePath> {
        self.0
            .to_reverse_path()
            .map(|p| ReversePath(p.into_owned()))
            .map_err(|e| envelope_error(py, e))
    }

    /// The envelope form for `RCPT TO:` (a ForwardPath). Raises EnvelopeError as to_reverse_path does.
    fn to_forward_path(&self, py: Python<'_>) -> PyResult<ForwardPath> {
        self.0
            .to_forward_path()
            .map(|p| ForwardPath(p.into_owned()))
            .map_err(|e| envelope_error(py, e))
    }

    /// The header form: the display name as atoms, a quoted string, or RFC 2047 encoded words.
    ///
    /// With `utf8=False` (the default) the result is ASCII: non-ASCII names are RFC 2047-encoded and
    /// non-ASCII domains written as A-labels; a non-ASCII local part raises RenderError
    /// (`needs_utf8`). With `utf8=True` it is the RFC 6532 form.
    #[pyo3(signature = (utf8 = false))]
    fn to_header(&self, py: Python<'_>, utf8: bool) -> PyResult<String> {
        self.0
            .to_header(&render_options(utf8, 78))
            .map_err(|e| render_error(py, e))
    }

    /// A whole header field line for this mailbox, `Name: value`, folded at `fold_at` columns
    /// where white space allows, without the final CRLF. Raises RenderError for a field name that
    /// is not printable ASCII without ':', and where to_header would.
    #[pyo3(signature = (name, utf8 = false, *, fold_at = 78))]
    fn to_field(&self, py: Python<'_>, name: &str, utf8: bool, fold_at: usize) -> PyResult<String> {
        self.0
            .to_field(name, &render_options(utf8, fold_at))
            .map_err(|e| render_error(py, e))
    }

    /// The canonical form, which parses back to an equal mailbox.
    fn __str__(&self) -> String {
        self.0.to_string()
    }

    /// `Mailbox.parse('…')` with the canonical form.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        parse_repr(py, "Mailbox", &self.0.to_string())
    }

    /// Pickles as its canonical form.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(&slf.get_type(), slf.get().0.to_string())
    }
}

/// An RFC 5322 group: a display name and its mailboxes (possibly none), as in
/// `To: Team: a@example.com, b@example.com;`. Groups come from AddressList.addresses.
#[pyclass(module = "mail_envelope", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Group(pub(crate) mail_envelope::Group<'static>);

#[pymethods]
impl Group {
    /// Parse `s` as an address-list that holds one group (`Team: a@example.com;`) and nothing
    /// else. Raises ParseError when `s` is no address-list, ValueError when it is another one.
    #[classmethod]
    #[pyo3(signature = (s, strictness = "standard"))]
    fn parse(cls: &Bound<'_, PyType>, s: &str, strictness: &str) -> PyResult<Self> {
        let py = cls.py();
        let list = mail_envelope::AddressList::parse_with(s, &parse_options(strictness)?)
            .map_err(|e| parse_error(py, e))?
            .into_owned();
        match <[Address<'static>; 1]>::try_from(list.addresses().to_vec()) {
            Ok([Address::Group(group)]) => Ok(Self(group)),
            _ => Err(pyo3::exceptions::PyValueError::new_err(
                "Group.parse takes one group, `Name: a@example.com, b@example.com;`, and nothing else",
            )),
        }
    }

    /// The group's display name.
    #[getter]
    fn display_name(&self) -> &str {
        self.0.display_name()
    }

    /// The group's mailboxes, in order.
    #[getter]
    fn members(&self) -> Vec<Mailbox> {
        self.0.members().iter().cloned().map(Mailbox).collect()
    }

    /// The canonical form: `Name: member, member;`.
    fn __str__(&self) -> String {
        self.0.to_string()
    }

    /// `Group.parse('…')` with the canonical form.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        parse_repr(py, "Group", &self.0.to_string())
    }

    /// Pickles as its canonical form.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(&slf.get_type(), slf.get().0.to_string())
    }
}

/// An RFC 5322 address-list: mailboxes and groups separated by commas, as in `To:` and `Cc:`.
///
/// Iterating over it gives its addresses (Mailbox or Group) in order; `mailboxes` gives every
/// mailbox, groups' members included, which is what an SMTP envelope sends to.
#[pyclass(module = "mail_envelope", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct AddressList(pub(crate) mail_envelope::AddressList<'static>);

#[pymethods]
impl AddressList {
    /// Parse `s` as an address-list. `strictness` as for Mailbox.parse ("lenient" also takes `;`
    /// between addresses and joins `Doe, John <j@x>` into one name). Raises ParseError, with
    /// `member` naming the address at fault, when `s` is not one.
    #[classmethod]
    #[pyo3(signature = (s, strictness = "standard"))]
    fn parse(cls: &Bound<'_, PyType>, s: &str, strictness: &str) -> PyResult<Self> {
        let options = parse_options(strictness)?;
        mail_envelope::AddressList::parse_with(s, &options)
            .map(|l| Self(l.into_owned()))
            .map_err(|e| parse_error(cls.py(), e))
    }

    /// The addresses, in order: a Mailbox or a Group each.
    #[getter]
    fn addresses<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = self
            .0
            .addresses()
            .iter()
            .map(|a| match a {
                Address::Mailbox(m) => Bound::new(py, Mailbox(m.clone())).map(Bound::into_any),
                Address::Group(g) => Bound::new(py, Group(g.clone())).map(Bound::into_any),
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// Every mailbox, in order, groups' members included.
    #[getter]
    fn mailboxes(&self) -> Vec<Mailbox> {
        self.0.mailboxes().cloned().map(Mailbox).collect()
    }

    /// How the whole list rates (its worst mailbox, or list syntax of its own).
    #[getter]
    fn category(&self) -> &'static str {
        self.0.diagnoses().category().as_str()
    }

    /// The codes of what is unusual about the list and its mailboxes, in order.
    #[getter]
    fn diagnoses(&self) -> Vec<&'static str> {
        codes(self.0.diagnoses())
    }

    /// Whether any mailbox's envelope form needs the SMTPUTF8 extension.
    #[getter]
    fn needs_smtputf8(&self) -> bool {
        self.0.mailboxes().any(|m| m.addr_spec().needs_smtputf8())
    }

    /// A whole header field line, `Name: value` (`To:`, `Cc:`), folded at `fold_at` columns where
    /// white space allows, without the final CRLF. `utf8` as for Mailbox.to_header.
    #[pyo3(signature = (name, utf8 = false, *, fold_at = 78))]
    fn to_field(&self, py: Python<'_>, name: &str, utf8: bool, fold_at: usize) -> PyResult<String> {
        self.0
            .to_field(name, &render_options(utf8, fold_at))
            .map_err(|e| render_error(py, e))
    }

    /// to_field for a field that takes mailboxes only (`From:`, `Sender:`): raises RenderError
    /// (`group_in_mailbox_list`) when the list holds a group.
    #[pyo3(signature = (name, utf8 = false, *, fold_at = 78))]
    fn to_mailbox_list_field(&self, py: Python<'_>, name: &str, utf8: bool, fold_at: usize) -> PyResult<String> {
        self.0
            .to_mailbox_list_field(name, &render_options(utf8, fold_at))
            .map_err(|e| render_error(py, e))
    }

    /// The number of addresses (a group counts as one).
    fn __len__(&self) -> usize {
        self.0.addresses().len()
    }

    /// The addresses, in order.
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.addresses(py)?.try_iter().map(Bound::into_any)
    }

    /// The canonical form, which parses back to an equal list.
    fn __str__(&self) -> String {
        self.0.to_string()
    }

    /// `AddressList.parse('…')` with the canonical form.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        parse_repr(py, "AddressList", &self.0.to_string())
    }

    /// Pickles as its canonical form.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(&slf.get_type(), slf.get().0.to_string())
    }
}

// ----- the envelope side -----

/// The text of an optional addr-spec's parts, shared by both paths.
fn local_part<'a>(addr: Option<&'a AddrSpec<'_>>) -> Option<&'a str> {
    addr.map(|a| a.local_part().value())
}

/// The category of an optional addr-spec: a path without one (`<>`, `<Postmaster>`) is valid.
fn category(addr: Option<&AddrSpec<'_>>) -> &'static str {
    addr.map_or(Category::Valid, AddrSpec::category).as_str()
}

/// The diagnoses of an optional addr-spec.
fn diagnoses(addr: Option<&AddrSpec<'_>>) -> Vec<&'static str> {
    addr.map(|a| codes(a.diagnoses())).unwrap_or_default()
}

/// The argument of `MAIL FROM:` (RFC 5321 section 4.1.2): `<local@domain>`, or `<>` for the null
/// sender of bounces and auto-replies.
///
/// `str()` gives the path as sent, angle brackets included; source routes
/// (`<@relay:user@example.com>`) are dropped.
///
/// >>> str(ReversePath.parse("<@relay.example:user@example.com>"))
/// '<user@example.com>'
#[pyclass(module = "mail_envelope", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ReversePath(pub(crate) mail_envelope::ReversePath<'static>);

#[pymethods]
impl ReversePath {
    /// Parse `s` as a reverse-path: `<local@domain>` or `<>` (with "lenient", also without the
    /// angle brackets). Raises ParseError when it is not one: a display name
    /// (`Name <a@example.com>`) is an error whose `hint` says to send the bare path.
    #[classmethod]
    #[pyo3(signature = (s, strictness = "standard"))]
    fn parse(cls: &Bound<'_, PyType>, s: &str, strictness: &str) -> PyResult<Self> {
        let options = parse_options(strictness)?;
        mail_envelope::ReversePath::parse_with(s, &options)
            .map(|p| Self(p.into_owned()))
            .map_err(|e| parse_error(cls.py(), e))
    }

    /// Whether this is the null path `<>`.
    #[getter]
    fn is_null(&self) -> bool {
        self.0 == mail_envelope::ReversePath::Null
    }

    /// The local part's value, or None for `<>`.
    #[getter]
    fn local_part(&self) -> Option<&str> {
        local_part(self.0.addr_spec())
    }

    /// The domain, or None for `<>`.
    #[getter]
    fn domain(&self) -> Option<String> {
        self.0.addr_spec().map(|a| a.domain().to_string())
    }

    /// The addr-spec in canonical form (`local@domain`), or None for `<>`.
    #[getter]
    fn addr_spec(&self) -> Option<String> {
        self.0.addr_spec().map(ToString::to_string)
    }

    /// How the address rates ("valid" for `<>`).
    #[getter]
    fn category(&self) -> &'static str {
        category(self.0.addr_spec())
    }

    /// The codes of what is unusual about the address, in order.
    #[getter]
    fn diagnoses(&self) -> Vec<&'static str> {
        diagnoses(self.0.addr_spec())
    }

    /// Whether sending this path needs the SMTPUTF8 extension (RFC 6531).
    #[getter]
    fn needs_smtputf8(&self) -> bool {
        self.0.needs_smtputf8()
    }

    /// The same path for a server without SMTPUTF8: the domain as A-labels. Raises EnvelopeError
    /// (`non_ascii_local_part`) when the local part is not ASCII, which has no ASCII form.
    fn to_ascii(&self, py: Python<'_>) -> PyResult<Self> {
        self.0
            .to_ascii()
            .map(|p| Self(p.into_owned()))
            .map_err(|e| envelope_error(py, e))
    }

    /// The path as a Mailbox without a display name, or None for `<>`.
    fn to_mailbox(&self) -> Option<Mailbox> {
        self.0.to_mailbox().map(|m| Mailbox(m.into_owned()))
    }

    /// The path as sent after `MAIL FROM:`, angle brackets included.
    fn __str__(&self) -> String {
        self.0.to_string()
    }

    /// `ReversePath.parse('…')`.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        parse_repr(py, "ReversePath", &self.0.to_string())
    }

    /// Pickles as its text.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((slf.get_type().getattr("parse")?, (slf.get().0.to_string(),)))
    }
}

/// The argument of `RCPT TO:` (RFC 5321 section 4.1.2): `<local@domain>`, or `<Postmaster>`
/// (any case) with no domain.
///
/// >>> str(ForwardPath.parse("<postmaster>"))
/// '<Postmaster>'
#[pyclass(module = "mail_envelope", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ForwardPath(pub(crate) mail_envelope::ForwardPath<'static>);

#[pymethods]
impl ForwardPath {
    /// Parse `s` as a forward-path: `<local@domain>` or `<Postmaster>` (with "lenient", also
    /// without the angle brackets). Raises ParseError when it is not one.
    #[classmethod]
    #[pyo3(signature = (s, strictness = "standard"))]
    fn parse(cls: &Bound<'_, PyType>, s: &str, strictness: &str) -> PyResult<Self> {
        let options = parse_options(strictness)?;
        mail_envelope::ForwardPath::parse_with(s, &options)
            .map(|p| Self(p.into_owned()))
            .map_err(|e| parse_error(cls.py(), e))
    }

    /// Whether this is `<Postmaster>` without a domain.
    #[getter]
    fn is_postmaster(&self) -> bool {
        self.0 == mail_envelope::ForwardPath::Postmaster
    }

    /// The local part's value; "Postmaster" for `<Postmaster>`.
    #[getter]
    fn local_part(&self) -> &str {
        local_part(self.0.addr_spec()).unwrap_or("Postmaster")
    }

    /// The domain, or None for `<Postmaster>`.
    #[getter]
    fn domain(&self) -> Option<String> {
        self.0.addr_spec().map(|a| a.domain().to_string())
    }

    /// The addr-spec in canonical form (`local@domain`), or None for `<Postmaster>`.
    #[getter]
    fn addr_spec(&self) -> Option<String> {
        self.0.addr_spec().map(ToString::to_string)
    }

    /// How the address rates ("valid" for `<Postmaster>`).
    #[getter]
    fn category(&self) -> &'static str {
        category(self.0.addr_spec())
    }

    /// The codes of what is unusual about the address, in order.
    #[getter]
    fn diagnoses(&self) -> Vec<&'static str> {
        diagnoses(self.0.addr_spec())
    }

    /// Whether sending this path needs the SMTPUTF8 extension (RFC 6531).
    #[getter]
    fn needs_smtputf8(&self) -> bool {
        self.0.needs_smtputf8()
    }

    /// The same path for a server without SMTPUTF8: the domain as A-labels. Raises EnvelopeError
    /// (`non_ascii_local_part`) when the local part is not ASCII, which has no ASCII form.
    fn to_ascii(&self, py: Python<'_>) -> PyResult<Self> {
        self.0
            .to_ascii()
            .map(|p| Self(p.into_owned()))
            .map_err(|e| envelope_error(py, e))
    }

    /// The path as a Mailbox without a display name, or None for `<Postmaster>`.
    fn to_mailbox(&self) -> Option<Mailbox> {
        self.0
            .addr_spec()
            .map(|a| Mailbox(mail_envelope::Mailbox::from(a.clone())))
    }

    /// The path as sent after `RCPT TO:`, angle brackets included.
    fn __str__(&self) -> String {
        self.0.to_string()
    }

    /// `ForwardPath.parse('…')`.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        parse_repr(py, "ForwardPath", &self.0.to_string())
    }

    /// Pickles as its text.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((slf.get_type().getattr("parse")?, (slf.get().0.to_string(),)))
    }
}
