//! The exceptions: `mail_envelope.Error(ValueError)` and under it `ParseError`, `EnvelopeError`
//! and `RenderError`, each with `kind` (the error's snake-case code, as the `split` command's JSON
//! shows it), `offset` (a byte offset in the UTF-8 input, or `None`), `member` (for a list, the
//! index of the address at fault, or `None`), `hint` (how to mend the input, or `None`) and
//! `message` (also `str(error)`).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::{create_exception, PyTypeInfo};

create_exception!(
    mail_envelope,
    Error,
    PyValueError,
    "Any error of mail_envelope: a ValueError with `kind` (a snake-case code), `offset` (a byte \
     offset into the UTF-8 input, or None), `member` (in an address-list, the index of the address \
     at fault, or None), `hint` (how to mend the input, or None) and `message` (also str(error))."
);
create_exception!(
    mail_envelope,
    ParseError,
    Error,
    "The input is not valid syntax: `kind` names what was expected (`expected_angle_close`, \
     `forbidden_control`, ...), `offset` is the UTF-8 byte offset of the first byte at fault."
);
create_exception!(
    mail_envelope,
    EnvelopeError,
    Error,
    "A valid address has no RFC 5321 form (`local_part_too_long`, `not_address_literal`, \
     `non_ascii_local_part`, ...): `offset` is the UTF-8 byte offset of the part at fault."
);
create_exception!(
    mail_envelope,
    RenderError,
    Error,
    "A value cannot be written as a header (`needs_utf8`, `no_ascii_domain`, \
     `invalid_field_name`, ...); `offset` is None."
);

/// The exception of type `T` with its attributes set.
fn raise<T: PyTypeInfo>(
    py: Python<'_>,
    message: String,
    kind: &str,
    offset: Option<usize>,
    member: Option<usize>,
    hint: Option<String>,
) -> PyErr {
    let err = PyErr::new::<T, _>((message.clone(),));
    let value = err.value(py);
    let set = value
        .setattr("kind", kind)
        .and_then(|()| value.setattr("offset", offset))
        .and_then(|()| value.setattr("member", member))
        .and_then(|()| value.setattr("hint", hint))
        .and_then(|()| value.setattr("message", message));
    match set {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// A `ParseError` for the crate's.
pub(crate) fn parse_error(py: Python<'_>, e: mail_envelope::ParseError) -> PyErr {
    raise::<ParseError>(
        py,
        e.to_string(),
        e.kind().code(),
        Some(e.offset()),
        e.member(),
        e.hint().map(|h| h.to_string()),
    )
}

/// An `EnvelopeError` for the crate's.
pub(crate) fn envelope_error(py: Python<'_>, e: mail_envelope::EnvelopeError) -> PyErr {
    raise::<EnvelopeError>(py, e.to_string(), e.kind().code(), Some(e.offset()), None, None)
}

/// A `RenderError` for the crate's.
pub(crate) fn render_error(py: Python<'_>, e: mail_envelope::RenderError) -> PyErr {
    raise::<RenderError>(py, e.to_string(), e.code(), None, None, None)
}
