//! `proxy`: decodes the PROXY protocol header (version 1 or 2) at the start of standard input.
//!
//! All of standard input is one input: raw octets, or with `--hex` hexadecimal text (white space
//! ignored, either case). Without `--json` it prints the header's fields as a table; with
//! `--json` one object, the library's `ProxyRecord`:
//!
//! ```text
//! {"ok":true,"version":1,"command":"proxy","family":"tcp4","source":"192.0.2.1","source_port":56324,
//!  "destination":"198.51.100.1","destination_port":25,"tlvs":[],"header_len":44}
//! {"ok":false,"error":{"kind":"incomplete","needed":2}}
//! {"ok":false,"error":{"kind":"proxy_v1_port","offset":27,"message":"…"}}
//! ```
//!
//! `--hex` text that is not hexadecimal fails with `error.kind` `invalid_hex` and the offset of
//! the fault in the text. The exit status is 0 for a whole header, 1 otherwise.

use std::io::{self, Read};

use mail_envelope::smtp::proxy::{ErrorRecord, ProxyRecord, TlvRecord};
use serde::Serialize;

use crate::args::OutputArgs;
use crate::output::{self, Record};
use crate::table::{printable, Column, Row, Tabular};
use crate::{Failure, Outcome};

/// What `proxy --help` says of the exit status.
pub(crate) const AFTER_HELP: &str = "\
Exit status:
  0  standard input starts with a whole, valid PROXY header
  1  it does not: the header is cut short (error kind incomplete, with the octets needed),
     invalid, or not a PROXY header at all
  2  usage error, or an I/O error";

/// The arguments of `proxy`.
#[derive(Debug, clap::Args)]
pub(crate) struct ProxyArgs {
    /// Read standard input as hexadecimal text (white space ignored) rather than raw octets.
    #[arg(long)]
    hex: bool,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `proxy`; `Ok(true)` when standard input starts with a whole header.
pub(crate) fn run(args: &ProxyArgs) -> Outcome {
    let mut input = Vec::new();
    io::stdin().lock().read_to_end(&mut input).map_err(Failure::Io)?;
    let record = if args.hex {
        match hex(&input) {
            Ok(bytes) => ProxyRecord::parse(&bytes),
            Err(error) => ProxyRecord::Error(error),
        }
    } else {
        ProxyRecord::parse(&input)
    };
    output::print(&args.output, COLUMNS, [Proxy(record)])
}

/// The octets that hexadecimal text spells, white space ignored.
fn hex(text: &[u8]) -> Result<Vec<u8>, ErrorRecord> {
    let invalid = |offset: usize, message: String| ErrorRecord {
        kind: "invalid_hex".to_owned(),
        offset: Some(offset),
        message,
    };
    let mut octets = Vec::with_capacity(text.len() / 2);
    let mut high: Option<(usize, u8)> = None;
    for (offset, &c) in text.iter().enumerate() {
        if c.is_ascii_whitespace() {
            continue;
        }
        let digit = char::from(c)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
            .ok_or_else(|| invalid(offset, format!("expected a hexadecimal digit at byte {offset}")))?;
        high = match high {
            None => Some((offset, digit)),
            Some((_, h)) => {
                octets.push(h << 4 | digit);
                None
            }
        };
    }
    match high {
        Some((offset, _)) => Err(invalid(
            offset,
            format!("expected a second hexadecimal digit after byte {offset}"),
        )),
        None => Ok(octets),
    }
}

/// The record of standard input.
#[derive(Debug)]
struct Proxy(ProxyRecord);

impl Record for Proxy {
    fn ok(&self) -> bool {
        self.0.ok()
    }

    fn json(&self) -> impl Serialize {
        &self.0
    }
}

// ----- table output -----

impl Tabular for Proxy {
    /// A field's name and value.
    type Row<'a> = (String, String);

    fn rows(&self) -> Vec<Row<(String, String)>> {
        let row = |field: &str, value: String| Row::Cells((field.to_owned(), value));
        let optional = |value: Option<String>| value.unwrap_or_else(|| "-".to_owned());
        match &self.0 {
            ProxyRecord::Header(h) => {
                let mut rows = vec![
                    row("version", h.version.to_string()),
                    row("command", h.command.to_owned()),
                    row("family", h.family.to_owned()),
                    row("source", optional(h.source.as_deref().map(printable))),
                    row("source port", optional(h.source_port.map(|p| p.to_string()))),
                    row("destination", optional(h.destination.as_deref().map(printable))),
                    row("destination port", optional(h.destination_port.map(|p| p.to_string()))),
                ];
                for tlv in &h.tlvs {
                    rows.push(Row::Cells(tlv_row("tlv", tlv)));
                    for sub in tlv.sub.iter().flatten() {
                        rows.push(Row::Cells(tlv_row("  ssl", sub)));
                    }
                }
                rows.push(row("header length", h.header_len.to_string()));
                rows
            }
            ProxyRecord::Incomplete { needed } => vec![Row::Spanning(
                "error".to_owned(),
                format!("incomplete: at least {needed} more octets could complete the header"),
            )],
            ProxyRecord::Error(e) => vec![Row::Spanning("error".to_owned(), format!("{}: {}", e.kind, e.message))],
        }
    }
}

/// The row of a TLV: its type and name, then its text, or its value in hexadecimal (an SSL
/// TLV's `client` and `verify` fields before).
fn tlv_row(prefix: &str, tlv: &TlvRecord) -> (String, String) {
    let name = tlv.name.map_or_else(String::new, |name| format!(" {name}"));
    let value = match (&tlv.text, tlv.client, tlv.verify) {
        (Some(text), ..) => printable(text),
        (None, Some(client), Some(verify)) => format!("client 0x{client:02x}, verify {verify}"),
        _ if tlv.value_hex.is_empty() => "(empty)".to_owned(),
        _ => tlv.value_hex.clone(),
    };
    (format!("{prefix} 0x{:02x}{name}", tlv.kind), value)
}

const FIELD: Column<Proxy> = Column::new("FIELD", |row| row.0.clone());
const VALUE: Column<Proxy> = Column::new("VALUE", |row| row.1.clone());
const COLUMNS: &[Column<Proxy>] = &[FIELD, VALUE];

#[cfg(test)]
mod tests {
    use super::hex;

    #[test]
    fn hex_ignores_white_space_and_case() {
        assert_eq!(hex(b"0d 0A\n0d0a\t00").unwrap(), [0x0d, 0x0a, 0x0d, 0x0a, 0x00]);
        assert!(hex(b" \n").unwrap().is_empty());
    }

    #[test]
    fn hex_errors_point_at_the_fault() {
        let err = hex(b"0d 0g").unwrap_err();
        assert_eq!((err.kind.as_str(), err.offset), ("invalid_hex", Some(4)));
        let err = hex(b"0d 0").unwrap_err();
        assert_eq!(err.offset, Some(3));
    }
}
