//! The source text of a Postfix table as Postfix reads it (`readllines`): logical lines with
//! their continuations, comments and blank lines skipped, and the warnings Postfix logs for the
//! lines it skips; shared by the fixed-string and the pattern tables.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

/// A line Postfix skips or reads differently from what it seems to say, and the warning it logs.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::table::Table;
/// let table = Table::texthash("texthash:map", "alice@example.com\n");
/// assert_eq!(table.warnings()[0].line(), 1);
/// assert_eq!(table.warnings()[0].message(), "expected format: key whitespace value -- ignoring this line");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Warning {
    line: usize,
    message: String,
}

impl Warning {
    /// A warning about `line`.
    pub(crate) fn new(line: usize, message: impl Into<String>) -> Self {
        Warning {
            line,
            message: message.into(),
        }
    }

    /// The line (from 1) the warning is about.
    pub fn line(&self) -> usize {
        self.line
    }

    /// What Postfix says about it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// `ISSPACE`: the C locale's white space.
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

// ----- logical lines -----

/// A logical line: the line number of its first line, and its text with the physical lines
/// joined.
#[derive(Debug)]
pub(crate) struct LogicalLine {
    pub(crate) line: usize,
    pub(crate) text: String,
    /// For each joined piece: its offset in the logical text and in the whole input.
    pieces: Vec<(usize, usize)>,
}

impl LogicalLine {
    /// The offset in the whole input of byte `at` of the logical text.
    #[cfg_attr(not(feature = "regex"), allow(dead_code))] // pattern tables point into lines
    pub(crate) fn offset(&self, at: usize) -> usize {
        let (logical, original) = self
            .pieces
            .iter()
            .rev()
            .find(|(logical, _)| *logical <= at)
            .copied()
            .unwrap_or((0, 0));
        original + (at - logical)
    }
}

/// `readllines` over the whole text: the logical lines, and warnings for those that start with
/// white space (which are skipped).
pub(crate) fn logical_lines(text: &str) -> (Vec<LogicalLine>, Vec<Warning>) {
    let mut lines = Vec::new();
    let mut warnings = Vec::new();
    let mut current: Option<LogicalLine> = None;
    let mut offset = 0;
    for (index, physical) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += physical.len();
        let content = physical.strip_suffix('\n').unwrap_or(physical);
        let first = content.bytes().find(|&b| !is_space(b));
        if first.is_none() || first == Some(b'#') {
            continue; // blank or comment, also between a line and its continuation
        }
        let continues = content.as_bytes().first().is_some_and(|&b| is_space(b));
        if let (Some(logical), true) = (&mut current, continues) {
            logical.pieces.push((logical.text.len(), start));
            logical.text.push_str(content);
        } else {
            if let Some(done) = current.take() {
                finish(done, &mut lines, &mut warnings);
            }
            current = Some(LogicalLine {
                line: index + 1,
                text: content.to_string(),
                pieces: alloc::vec![(0, start)],
            });
        }
    }
    if let Some(done) = current.take() {
        finish(done, &mut lines, &mut warnings);
    }
    (lines, warnings)
}

/// Keeps a logical line, unless it starts with white space.
fn finish(line: LogicalLine, lines: &mut Vec<LogicalLine>, warnings: &mut Vec<Warning>) {
    if line.text.as_bytes().first().is_some_and(|&b| is_space(b)) {
        let shown: String = line.text.chars().take(30).collect();
        let more = if line.text.chars().count() > 30 { "..." } else { "" };
        warnings.push(Warning::new(
            line.line,
            format!("logical line must not start with whitespace: \"{shown}{more}\""),
        ));
    } else {
        lines.push(line);
    }
}

/// `trimblanks`: the text without its trailing white space.
pub(crate) fn trim_end_space(text: &str) -> &str {
    let end = text.bytes().rposition(|b| !is_space(b)).map_or(0, |i| i + 1);
    &text[..end]
}
