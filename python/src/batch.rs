//! `split_many`: the `split` command's record for each of many inputs, as Python dicts, parsed
//! with the interpreter released.

use mail_envelope::record::{Mode, Split};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::to_python::Keys;
use crate::{parse_options, render_options};

/// How many inputs parse at a time between two writings out.
const SLICE: usize = 256;

/// The [`Mode`] a Python caller names.
fn mode(name: &str) -> PyResult<Mode> {
    match name {
        "mailbox" => Ok(Mode::Mailbox),
        "list" => Ok(Mode::List),
        "path" => Ok(Mode::Path),
        _ => Err(PyValueError::new_err(format!(
            "mode must be 'mailbox', 'list' or 'path', not {name:?}"
        ))),
    }
}

/// Split each input into its envelope form and its header form, as `mail-envelope split --json`
/// does: one dict per input, in order, with the same keys and values as the command's JSON
/// objects.
///
/// `mode` is "mailbox" (one mailbox per input), "list" (an address-list) or "path" (an SMTP
/// path: `<...>`, `<>`, `<Postmaster>`); `strictness` as for Mailbox.parse; `utf8_headers` makes
/// `header` the RFC 6532 form. An input that does not parse gives a dict with `"ok": False` and
/// `"error": {"kind", "offset", "message"}` (and `"member"` in list mode); nothing is raised for
/// it. The inputs are parsed with the GIL released, so other Python threads run meanwhile.
///
/// >>> split_many(["Ops <ops@example.com>"])[0]["envelope"]
/// '<ops@example.com>'
#[pyfunction]
#[pyo3(signature = (inputs, mode = "mailbox", strictness = "standard", *, utf8_headers = false))]
pub(crate) fn split_many<'py>(
    py: Python<'py>,
    inputs: &Bound<'py, PyAny>,
    mode: &str,
    strictness: &str,
    utf8_headers: bool,
) -> PyResult<Bound<'py, PyList>> {
    if inputs.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "split_many takes an iterable of strings, not one string: split_many([text])",
        ));
    }
    let mode = self::mode(mode)?;
    let parse = parse_options(strictness)?;
    let render = render_options(utf8_headers, 78);
    let texts = inputs
        .try_iter()?
        .map(|item| item?.extract::<String>())
        .collect::<PyResult<Vec<String>>>()?;
    // Parsed a slice at a time: the GIL is released while a slice parses, and each slice's
    // records are written out and dropped before the next, so their memory is reused.
    let keys = Keys::new(py);
    let mut dicts = Vec::with_capacity(texts.len());
    for slice in texts.chunks(SLICE) {
        let records: Vec<Split> = py.detach(|| {
            slice
                .iter()
                .map(|text| Split::new(text.as_bytes(), mode, &parse, &render))
                .collect()
        });
        for record in &records {
            dicts.push(keys.to_python(record)?);
        }
    }
    PyList::new(py, dicts)
}
