//! `pipeline`: cuts SMTP commands into RFC 2920 pipelining batches: the commands a client may
//! send together before it reads their replies.
//!
//! The commands are the INPUT arguments or, without any, the lines of standard input (LF or
//! CRLF, each kept as given without its line end; blank lines skipped). With `--pipelining` the
//! server offers PIPELINING; without it every command is a batch of its own. With `--json` the
//! output is one object:
//!
//! ```text
//! {"ok":true,"batches":[["EHLO a.example"],["XCLIENT ADDR=192.0.2.1"],["EHLO a.example"]],
//!  "wait_for_greeting_after":[1]}
//! {"ok":false,"error":{"kind":"batch_command_control","offset":4,"line":2,"message":"…"}}
//! ```
//!
//! `wait_for_greeting_after` lists the 0-based indexes of the batches after which the server
//! greets again (they end with XCLIENT or STARTTLS) and the client must start over with EHLO. A
//! failed command names its `line` (read from standard input) and the `offset` in it.

use mail_envelope::smtp::pipeline::Pipeline;
use serde::Serialize;

use crate::args::{InputArgs, OutputArgs};
use crate::input::{self, Input};
use crate::output::{self, Record};
use crate::smtp_error::JsonError;
use crate::table::{printable, Column, Row, Tabular};
use crate::Outcome;

/// The arguments of `pipeline`.
#[derive(Debug, clap::Args)]
pub(crate) struct PipelineArgs {
    /// The server offers PIPELINING (RFC 2920); without it every command is a batch of its own.
    #[arg(long)]
    pipelining: bool,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `pipeline`; `Ok(true)` when every command could be batched.
pub(crate) fn run(args: &PipelineArgs) -> Outcome {
    let inputs = input::read(&args.input)?;
    output::print(&args.output, COLUMNS, [PipelineRecord::new(&inputs, args.pipelining)])
}

/// The commands and what batching them gave.
#[derive(Debug)]
struct PipelineRecord {
    commands: Vec<String>,
    pipelining: bool,
    error: Option<JsonError>,
}

impl PipelineRecord {
    fn new(inputs: &[Input], pipelining: bool) -> Self {
        let mut commands = Vec::with_capacity(inputs.len());
        for input in inputs {
            let command = match &input.bytes {
                Err((message, offset)) => Err(JsonError::other("invalid_json_input", Some(*offset), message.clone())),
                Ok(bytes) => String::from_utf8(bytes.clone()).map_err(|e| {
                    let at = e.utf8_error().valid_up_to();
                    JsonError::other("invalid_utf8", Some(at), format!("not UTF-8 at byte {at}"))
                }),
            };
            match command {
                Ok(command) => commands.push(command),
                Err(error) => {
                    return Self::failed(
                        commands,
                        pipelining,
                        JsonError {
                            line: input.line,
                            ..error
                        },
                    )
                }
            }
        }
        let refs: Vec<&str> = commands.iter().map(String::as_str).collect();
        let error = Pipeline::plan(&refs, pipelining).err().map(|e| {
            // The library counts in the commands as sent, each with its CRLF: find the command.
            let mut start = 0;
            let mut line = None;
            for (command, input) in commands.iter().zip(inputs) {
                if e.offset().is_some_and(|at| at < start + command.len() + 2) {
                    line = input.line;
                    break;
                }
                start += command.len() + 2;
            }
            JsonError {
                line,
                ..JsonError::smtp_at(e.kind(), e.offset().map(|at| at - start))
            }
        });
        Self {
            commands,
            pipelining,
            error,
        }
    }

    fn failed(commands: Vec<String>, pipelining: bool, error: JsonError) -> Self {
        Self {
            commands,
            pipelining,
            error: Some(error),
        }
    }

    /// The batches; only for a record without an error.
    fn pipeline(&self) -> Option<Pipeline<'_>> {
        let refs: Vec<&str> = self.commands.iter().map(String::as_str).collect();
        self.error
            .is_none()
            .then(|| Pipeline::plan(&refs, self.pipelining).ok())
            .flatten()
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum Json<'a> {
    Batched {
        ok: bool,
        #[serde(flatten)]
        pipeline: Pipeline<'a>,
    },
    Failed {
        ok: bool,
        error: Option<&'a JsonError>,
    },
}

impl Record for PipelineRecord {
    fn ok(&self) -> bool {
        self.error.is_none()
    }

    fn json(&self) -> impl Serialize {
        // `pipeline()` is `None` exactly when there is an error.
        match self.pipeline() {
            Some(pipeline) => Json::Batched { ok: true, pipeline },
            None => Json::Failed {
                ok: false,
                error: self.error.as_ref(),
            },
        }
    }
}

/// A table row: one command, with its batch's index on the batch's first, and what the client
/// does after the batch's last.
#[derive(Debug)]
struct Line {
    batch: Option<usize>,
    command: String,
    then: &'static str,
}

impl Tabular for PipelineRecord {
    type Row<'a> = Line;

    fn rows(&self) -> Vec<Row<Line>> {
        if let Some(error) = &self.error {
            let line = error.line.map_or_else(|| "error:".to_owned(), |n| format!("line {n}:"));
            return vec![Row::Spanning(line, error.message.clone())];
        }
        let Some(pipeline) = self.pipeline() else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        for (index, batch) in pipeline.batches().iter().enumerate() {
            let last = batch.commands().len() - 1;
            for (i, command) in batch.commands().iter().enumerate() {
                let then = match (i == last, batch.waits_for_greeting()) {
                    (false, _) => "",
                    (true, false) => "read the replies",
                    (true, true) => "read the replies, the last a new 220 greeting; send EHLO again",
                };
                rows.push(Row::Cells(Line {
                    batch: (i == 0).then_some(index),
                    command: (*command).to_owned(),
                    then,
                }));
            }
        }
        rows
    }
}

const COLUMNS: &[Column<PipelineRecord>] = &[
    Column::new("BATCH", |line| line.batch.map(|b| b.to_string()).unwrap_or_default()),
    Column::new("COMMAND", |line| printable(&line.command)),
    Column::new("THEN", |line| line.then.to_owned()),
];
