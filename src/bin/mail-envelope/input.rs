//! Reading the inputs: the INPUT arguments, else standard input, one input per line (a CR before
//! the LF is dropped); with `--json-input` every input, argument or line, is a JSON string, so an
//! input can carry CR, LF or NUL.
//!
//! Every input is read, and decoded, before any is handled: an input that is not a JSON string
//! stops the subcommand before it prints anything.

use std::io::{self, Read};

use crate::args::InputArgs;
use crate::Failure;

/// The inputs as bytes: the arguments, else the lines of standard input; JSON-decoded with
/// `--json-input`.
pub(crate) fn read(args: &InputArgs) -> Result<Vec<Vec<u8>>, Failure> {
    let raw: Vec<Vec<u8>> = if args.inputs.is_empty() {
        let mut stdin = Vec::new();
        io::stdin().lock().read_to_end(&mut stdin).map_err(Failure::Io)?;
        lines(&stdin).into_iter().map(<[u8]>::to_vec).collect()
    } else {
        args.inputs.iter().map(|s| s.clone().into_bytes()).collect()
    };
    if !args.json_input {
        return Ok(raw);
    }
    raw.iter()
        .enumerate()
        .map(|(i, text)| {
            serde_json::from_slice::<String>(text)
                .map(String::into_bytes)
                .map_err(|e| Failure::Usage(format!("input {} is not a JSON string: {e}", i + 1)))
        })
        .collect()
}

/// Splits text into lines at LF, dropping a CR before it. Empty text has no lines, and no line
/// follows a final LF; an empty line between two others is an (empty) input.
fn lines(text: &[u8]) -> Vec<&[u8]> {
    if text.is_empty() {
        return Vec::new();
    }
    let text = text.strip_suffix(b"\n").unwrap_or(text);
    text.split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .collect()
}
