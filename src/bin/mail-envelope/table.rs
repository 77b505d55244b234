//! The aligned table printed without `--json`: a list of [`Column`]s, each pairing its heading with
//! the function that makes its cell from a row, and the [`Row`]s every record gives.
//!
//! Cells are padded to their column's width, two spaces apart, and each line's trailing blanks are
//! dropped. Control characters in cells are escaped ([`printable`]).

use std::io::{self, Write};

/// A record shown in a table: it gives one or more rows, each a view of the record. A record owns
/// what it shows (`'static`), so one column serves the rows of every record.
pub(crate) trait Tabular: 'static {
    /// What one row of the record shows.
    type Row<'a>;

    /// The record's rows, in order.
    fn rows(&self) -> Vec<Row<Self::Row<'_>>>;
}

/// A column: its heading, and the function that makes its cell from a row.
pub(crate) struct Column<T: Tabular> {
    heading: &'static str,
    cell: for<'a> fn(&T::Row<'a>) -> String,
}

impl<T: Tabular> Column<T> {
    /// The column headed `heading` whose cells `cell` makes.
    pub(crate) const fn new(heading: &'static str, cell: for<'a> fn(&T::Row<'a>) -> String) -> Self {
        Self { heading, cell }
    }
}

/// A table line.
#[derive(Debug)]
pub(crate) enum Row<R> {
    /// A cell per column, made from `R` by the columns.
    Cells(R),
    /// A first cell, then text that runs on across the other columns without widening them (an
    /// input, and the error it gave).
    Spanning(String, String),
}

/// A table being filled: its columns, and the lines so far (the headings first), already made
/// into text.
pub(crate) struct Table<T: Tabular> {
    columns: &'static [Column<T>],
    lines: Vec<Row<Vec<String>>>,
}

impl<T: Tabular> Table<T> {
    /// A table with these columns and, so far, only their headings.
    pub(crate) fn new(columns: &'static [Column<T>]) -> Self {
        let headings = columns.iter().map(|column| column.heading.to_owned()).collect();
        Self {
            columns,
            lines: vec![Row::Cells(headings)],
        }
    }

    /// Adds the rows of `record`.
    pub(crate) fn push(&mut self, record: &T) {
        let lines = record.rows().into_iter().map(|row| match row {
            Row::Cells(row) => Row::Cells(self.columns.iter().map(|column| (column.cell)(&row)).collect()),
            Row::Spanning(first, rest) => Row::Spanning(first, rest),
        });
        self.lines.extend(lines);
    }

    /// Writes the table, each column as wide as its widest cell.
    pub(crate) fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let mut widths = vec![0; self.columns.len()];
        for line in &self.lines {
            let cells = match line {
                Row::Cells(cells) => cells.as_slice(),
                Row::Spanning(first, _) => core::slice::from_ref(first),
            };
            for (width, cell) in widths.iter_mut().zip(cells) {
                *width = (*width).max(display_width(cell));
            }
        }
        for line in &self.lines {
            let text = match line {
                Row::Cells(cells) => aligned(cells, &widths),
                Row::Spanning(first, rest) => aligned(core::slice::from_ref(first), &widths) + rest,
            };
            writeln!(out, "{}", text.trim_end())?;
        }
        Ok(())
    }
}

/// The cells padded to their column's width, each followed by two spaces.
fn aligned(cells: &[String], widths: &[usize]) -> String {
    let mut line = String::new();
    for (cell, width) in cells.iter().zip(widths) {
        line.push_str(cell);
        line.extend(std::iter::repeat_n(' ', width.saturating_sub(display_width(cell)) + 2));
    }
    line
}

/// The cell of a value that may be absent: the value, [`printable`], or `-`.
pub(crate) fn optional(value: Option<&str>) -> String {
    value.map_or_else(|| "-".to_owned(), printable)
}

/// Text safe to print on a terminal: control characters escaped (`\r`, `\n`, `\u{0}`, …).
pub(crate) fn printable(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            shown.extend(c.escape_default());
        } else {
            shown.push(c);
        }
    }
    shown
}

/// The columns a terminal gives `text`: two for East Asian wide and fullwidth characters, none
/// for combining marks and zero-width characters, one otherwise. An approximation of UAX #11
/// that is good enough for alignment.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match u32::from(c) {
            0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F => 0,
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1F64F
            | 0x1F900..=0x1F9FF
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}
