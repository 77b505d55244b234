//! The envelope-side values: `ReversePath` (the argument of `MAIL FROM:`) and `ForwardPath` (the
//! argument of `RCPT TO:`), frozen classes over the crate's owned paths.

use mail_envelope::{AddrSpec, Category};
use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::errors::{envelope_error, parse_error};
use crate::values::{codes, Mailbox};
use crate::{parse_options, parse_repr};

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
