//! How the SMTP subcommands (`reply`, `pipeline`, `xclient`) print an error of the SMTP layer:
//! `{"kind":"…","offset":N|null,"message":"…"}`, the kind in snake case.

use mail_envelope::smtp::{SmtpError, SmtpErrorKind};
use serde::Serialize;

/// The JSON object of a failed input.
#[derive(Debug, Serialize)]
pub(crate) struct JsonError {
    pub(crate) kind: String,
    pub(crate) offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) needed: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) line: Option<usize>,
    pub(crate) message: String,
}

impl JsonError {
    /// The object of an SMTP error, as the library gives it.
    pub(crate) fn smtp(error: &SmtpError) -> Self {
        Self::smtp_at(error.kind(), error.offset())
    }

    /// The object of an SMTP error of `kind` at `offset` in what the user gave.
    pub(crate) fn smtp_at(kind: SmtpErrorKind, offset: Option<usize>) -> Self {
        Self {
            kind: kind.code().into_owned(),
            offset,
            needed: None,
            line: None,
            message: match offset {
                Some(offset) => format!("{kind} at byte {offset}"),
                None => kind.to_string(),
            },
        }
    }

    /// An error of the command line's own, of `kind`.
    pub(crate) fn other(kind: &str, offset: Option<usize>, message: String) -> Self {
        Self {
            kind: kind.to_owned(),
            offset,
            needed: None,
            line: None,
            message,
        }
    }
}
