//! Rendering: `Display` (the canonical forms), quoting, RFC 2047 encoding, and header fields
//! folded at a width. Everything here writes the values of [`crate::types`]; nothing parses.

use core::fmt;

use crate::chars::{is_atom_text, is_quoted_pair_escape};

mod display;
mod header;
pub(crate) mod rfc2047;

/// Writes `value` as a quoted-string, escaping only `"` and `\` (RFC 5321 §4.1.2: minimal escapes).
pub(crate) fn write_quoted(out: &mut impl fmt::Write, value: &str) -> fmt::Result {
    out.write_char('"')?;
    for part in value.split_inclusive(['"', '\\']) {
        match part.as_bytes().last() {
            Some(&b) if is_quoted_pair_escape(b) => {
                out.write_str(&part[..part.len() - 1])?;
                out.write_char('\\')?;
                out.write_char(char::from(b))?;
            }
            _ => out.write_str(part)?,
        }
    }
    out.write_char('"')
}

/// Whether a display name can be written as bare atoms: words of atext separated by single
/// spaces, none of which could be read as an encoded-word.
pub(crate) fn is_atom_phrase(name: &str) -> bool {
    !name.is_empty() && name.split(' ').all(|w| is_atom_text(w) && !w.contains("=?"))
}
