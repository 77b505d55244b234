//! Printing what a subcommand made of its inputs, one [`Record`] per input, on standard output:
//! with `--json` each record's JSON object is written on its own line as soon as its input is
//! handled; without, the records fill a [`Table`] written once every input is handled.
//!
//! When the reader of standard output goes away (a broken pipe), nothing more is written but every
//! input is still handled: the exit status says whether all of them were.

use std::io::{self, BufWriter, StdoutLock, Write};

use serde::Serialize;

use crate::args::OutputArgs;
use crate::table::{Column, Table, Tabular};
use crate::{Failure, Outcome};

/// What a subcommand made of one input: a JSON object, or rows of a table.
pub(crate) trait Record: Tabular {
    /// Whether the input was handled; one that was not makes the exit status 1.
    fn ok(&self) -> bool;

    /// The record's JSON object.
    fn json(&self) -> impl Serialize;
}

/// Prints `records` as `args` asks, the table with `columns`; `Ok(true)` when every record is ok.
pub(crate) fn print<R: Record>(
    args: &OutputArgs,
    columns: &'static [Column<R>],
    records: impl IntoIterator<Item = R>,
) -> Outcome {
    let mut out = Stdout::lock();
    let mut table = (!args.json).then(|| Table::new(columns));
    let mut all_ok = true;
    for record in records {
        all_ok &= record.ok();
        match &mut table {
            Some(table) => table.push(&record),
            None => out.write(|out| {
                serde_json::to_writer(&mut *out, &record.json())?;
                writeln!(out)
            })?,
        }
    }
    if let Some(table) = table {
        out.write(|out| table.write(out))?;
    }
    out.write(Write::flush)?;
    Ok(all_ok)
}

/// Standard output, locked and buffered, for as long as it is read: after a broken pipe it is
/// dropped, and writing to it does nothing.
struct Stdout(Option<BufWriter<StdoutLock<'static>>>);

impl Stdout {
    /// Locks standard output.
    fn lock() -> Self {
        Self(Some(BufWriter::new(io::stdout().lock())))
    }

    /// Runs `write` on standard output, unless its reader has gone.
    fn write(
        &mut self,
        write: impl FnOnce(&mut BufWriter<StdoutLock<'static>>) -> io::Result<()>,
    ) -> Result<(), Failure> {
        let Some(out) = &mut self.0 else {
            return Ok(());
        };
        match write(out) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.0 = None;
                Ok(())
            }
            result => result.map_err(Failure::Io),
        }
    }
}
