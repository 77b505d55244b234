//! The Python binding of `mail-envelope`: the extension module `mail_envelope._native`, which the
//! package `mail_envelope` re-exports.
//!
//! The values are frozen classes over the crate's owned values (`values.rs`), the
//! errors one exception hierarchy under `mail_envelope.Error` (`errors.rs`), and `split_many` the
//! `split` command's records for many inputs at once (`batch.rs`).

use mail_envelope::{RenderOptions, Strictness};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

mod batch;
mod errors;
mod to_python;
mod values;

/// RFC 5322/5321 email addresses: one parse, two forms (header and SMTP envelope).
#[pymodule(name = "_native")]
mod native {
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::batch::split_many;
    #[pymodule_export]
    use super::errors::{EnvelopeError, Error, ParseError, RenderError};
    #[pymodule_export]
    use super::values::{AddressList, Group, Mailbox};
    #[pymodule_export]
    use super::values::{ForwardPath, ReversePath};

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}

/// The [`Strictness`] a Python caller names: `"strict"`, `"standard"` or `"lenient"`.
fn strictness(name: &str) -> PyResult<Strictness> {
    match name {
        "strict" => Ok(Strictness::Strict),
        "standard" => Ok(Strictness::Standard),
        "lenient" => Ok(Strictness::Lenient),
        _ => Err(PyValueError::new_err(format!(
            "strictness must be 'strict', 'standard' or 'lenient', not {name:?}"
        ))),
    }
}

/// The parse options for a strictness name.
fn parse_options(name: &str) -> PyResult<mail_envelope::ParseOptions> {
    Ok(mail_envelope::ParseOptions::default().strictness(strictness(name)?))
}

/// The render options: UTF-8 (RFC 6532) headers or ASCII ones, folded at `fold_at`.
fn render_options(utf8: bool, fold_at: usize) -> RenderOptions {
    RenderOptions::default().utf8_headers(utf8).fold_at(fold_at)
}

/// `Type.parse('text')`: a value's `repr()`, which evaluates to an equal value.
fn parse_repr(py: Python<'_>, class: &str, text: &str) -> PyResult<String> {
    let literal = pyo3::types::PyString::new(py, text).repr()?;
    Ok(format!("{class}.parse({literal})"))
}
