//! Reading the inputs: the INPUT arguments, else standard input, one input per line (a CR before
//! the LF is dropped, and blank lines are no inputs); with `--json-input` every input, argument or
//! line, is a JSON string, so an input can carry CR, LF or NUL.
//!
//! An input read from standard input knows its line number. An input that is not a JSON string
//! (with `--json-input`) is an input that failed: the others are still handled.

use std::io::{self, Read};

use crate::args::InputArgs;
use crate::Failure;

/// One input: its bytes (JSON-decoded with `--json-input`), and the line of standard input it
/// stood on, if it came from there.
#[derive(Debug)]
pub(crate) struct Input {
    /// The line number, counted from 1, of an input read from standard input.
    pub(crate) line: Option<usize>,
    /// The input as written (the raw line or argument).
    pub(crate) raw: Vec<u8>,
    /// The input's bytes, or why `--json-input` could not decode it: a message and the byte
    /// offset of the fault.
    pub(crate) bytes: Result<Vec<u8>, (String, usize)>,
}

/// The inputs: the arguments, else the non-blank lines of standard input.
pub(crate) fn read(args: &InputArgs) -> Result<Vec<Input>, Failure> {
    let raw: Vec<(Option<usize>, Vec<u8>)> = if args.inputs.is_empty() {
        let mut stdin = Vec::new();
        io::stdin().lock().read_to_end(&mut stdin).map_err(Failure::Io)?;
        lines(&stdin)
            .into_iter()
            .enumerate()
            .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
            .map(|(i, line)| (Some(i + 1), line.to_vec()))
            .collect()
    } else {
        args.inputs.iter().map(|s| (None, s.clone().into_bytes())).collect()
    };
    Ok(raw
        .into_iter()
        .map(|(line, raw)| {
            let bytes = if args.json_input {
                serde_json::from_slice::<String>(&raw)
                    .map(String::into_bytes)
                    .map_err(|e| (format!("not a JSON string: {e}"), e.column().saturating_sub(1)))
            } else {
                Ok(raw.clone())
            };
            Input { line, raw, bytes }
        })
        .collect())
}

/// Splits text into lines at LF, dropping a CR before it. Empty text has no lines, and no line
/// follows a final LF.
fn lines(text: &[u8]) -> Vec<&[u8]> {
    if text.is_empty() {
        return Vec::new();
    }
    let text = text.strip_suffix(b"\n").unwrap_or(text);
    text.split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .collect()
}
